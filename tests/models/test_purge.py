"""Erasure after the retention period (issue 20.6): closed cases' personal data purged, statistics,
the duplicate rule and a verifiable audit chain kept.

Cases go through the real services (``advance``), are issued a receipt into the data folder, then
the clock moves six years on.  The database file itself is searched for the personal values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from case_flow import Advance, intake_dict
from dbfile import open_db, plaintext_pages

from desktop.models import cases, purge
from desktop.models.application import Intake, parse_intake
from desktop.models.cases import State
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.intake import assess, file_case
from desktop.models.money_replay import verify_trail_and_money
from desktop.models.reports import monthly_report
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog, Ledger, Outbox
from desktop.models.staff import StaffUser
from desktop.models.store import Store

# Who each case is: the purged ones' values must leave the file, the open one's must stay.
PAID = {"name": "欧阳修文", "id_number": "11010519491231002X", "phone": "13800138000",
        "account": "6222020200112233445", "cert": "S000144000123174000056"}
REJECTED = {"name": "司马光明", "id_number": "440106198001010027", "phone": "13911112222",
            "account": "6217001234567890123", "cert": "S000144000123174000057"}
OPEN = {"name": "诸葛亮亮", "id_number": "440106198202020045", "phone": "13733334444",
        "account": "6228480402564890018", "cert": "S000144000123174000058"}


def intake_of(person: dict[str, str], **more: Any) -> Intake:
    data = intake_dict(**more)
    data["applicant"] = {"name": person["name"], "id_number": person["id_number"]}
    data["phone"] = person["phone"]
    data["payment"] = {**data["payment"], "account": person["account"], "holder_name": person["name"]}
    data["certificate"] = {**data["certificate"], "number": person["cert"]}
    return parse_intake(data)


@dataclasses.dataclass
class Office:
    store: Store
    verifier: Verifier
    clerk: StaffUser
    supervisor: StaffUser
    paid: cases.CaseRecord
    rejected: cases.CaseRecord
    open: cases.CaseRecord


@pytest.fixture
def office(store: Store, make_staff: Callable[..., StaffUser], advance: Advance) -> Office:
    from desktop.documents.case_documents import issue_to_data_folder

    verifier = Verifier.load(store.data_dir)
    clerk = make_staff("clerk")
    paid, _ = file_case(store, verifier, clerk, intake_of(PAID), accept=True)
    issue_to_data_folder(store, verifier, clerk, paid.id, "receipt")
    paid = advance(paid, State.paid)
    rejected, _ = file_case(store, verifier, clerk, intake_of(REJECTED), accept=True)
    rejected = advance(rejected, State.rejected, note=f"经核实不符合条件，申请人电话{REJECTED['phone']}已告知")
    opened, _ = file_case(store, verifier, clerk, intake_of(OPEN), accept=True)
    opened = advance(opened, State.under_review)
    return Office(store, verifier, clerk, make_staff("supervisor"), paid, rejected, opened)


def later(store: Store, years: int) -> None:
    assert store.clock.fixed is not None
    store.clock.fixed = store.clock.fixed + dt.timedelta(days=365 * years + 2)


def file_bytes(store: Store) -> bytes:
    """The database file and its write-ahead log (the -shm index changes with every read), every
    page decrypted (issue 20.1: the file itself is ciphertext), free pages and old frames included."""
    return plaintext_pages(store.path)


def personal(person: dict[str, str], record: cases.CaseRecord) -> list[str]:
    return [person["name"], person["id_number"], person["phone"], person["account"], person["cert"],
            record.lookup_code]


def unregistered_purge(store: Store, actor: StaffUser, **options: Any) -> purge.PurgeResult:
    """A counter never registered with a central system: its pending changes hold nothing back."""
    return purge.purge_closed_cases(store, actor, hold_unsynced=False, **options)


def duplicate_check(office: Office, person: dict[str, str]) -> bool:
    """Whether the duplicate-subsidy rule passes for the same claim again."""
    verdict = assess(office.store, office.verifier, intake_of(person).application).verdict
    return next(c for c in verdict.checks if c.rule == "duplicate_subsidy").passed


def test_a_dry_run_counts_and_changes_nothing(office: Office) -> None:
    store = office.store
    later(store, 6)
    before = file_bytes(store)
    result = unregistered_purge(store, office.supervisor)
    assert result.dry_run and result.cases == 2 and result.retention_years == 5
    assert result.by_state == {"paid": 1, "rejected": 1, "withdrawn": 0}
    assert set(result.case_nos) == {office.paid.case_no, office.rejected.case_no}
    assert file_bytes(store) == before
    assert cases.get_case(store, office.paid.id).applicant_name == PAID["name"]


def test_nothing_is_purged_within_the_retention_period(office: Office) -> None:
    later(office.store, 4)
    assert unregistered_purge(office.store, office.supervisor, dry_run=False).cases == 0
    with pytest.raises(InvalidInput) as caught:
        unregistered_purge(office.store, office.supervisor, cutoff=office.store.clock.today())
    assert caught.value.field == "before"


def test_only_a_supervisor_or_an_administrator_may_purge(office: Office, make_staff: Callable[..., StaffUser]) -> None:
    later(office.store, 6)
    for role in ("clerk", "reviewer", "approver", "auditor"):
        with pytest.raises(PermissionDenied):
            unregistered_purge(office.store, make_staff(role), dry_run=False)
    assert unregistered_purge(office.store, make_staff("admin")).cases == 2


def test_purging_removes_the_personal_data_and_keeps_statistics_chain_and_duplicate_rule(office: Office) -> None:
    store = office.store
    closed_month = office.paid.state_changed_at.astimezone(store.clock.tz)
    open_before = cases.get_case(store, office.open.id)
    assert duplicate_check(office, PAID) is False, "the same claim is refused before the purge"
    documents = store.data_dir / "documents" / office.paid.case_no
    assert any(documents.iterdir())
    raw = file_bytes(store)
    for value in personal(PAID, office.paid) + personal(REJECTED, office.rejected):
        assert value.encode() in raw, value  # there to begin with

    later(store, 6)
    report_before = monthly_report(store, closed_month.year, closed_month.month)
    result = unregistered_purge(store, office.supervisor, dry_run=False)
    assert result.cases == 2 and not result.dry_run and result.documents_removed >= 1

    raw = file_bytes(store)
    for value in personal(PAID, office.paid) + personal(REJECTED, office.rejected):
        assert value.encode() not in raw, f"{value} is still in the database file"
    for value in personal(OPEN, office.open):
        assert value.encode() in raw, f"the open case lost {value}"
    assert not documents.exists()

    paid = cases.get_case(store, office.paid.id)
    assert paid.applicant_name == "欧**文" and paid.id_number == "110105********002X"
    assert paid.phone == "" and paid.lookup_code == "" and paid.payment_account == "6222***********3445"
    assert paid.state is State.paid and paid.amount_yuan == office.paid.amount_yuan
    assert cases.get_case(store, office.open.id) == open_before, "an open case is never purged"

    with store.session(readonly=True) as session:
        report = verify_trail_and_money(session)
        assert report.ok, report.reason
        assert "清除" in report.reason
        ledger = session.query(Ledger).filter(Ledger.case_no == office.paid.case_no).one()
        assert ledger.id_number.startswith("#") and len(ledger.id_number) == 18
        entry = session.query(AuditLog).filter(AuditLog.action == "data.purge",
                                               AuditLog.entity_id == office.paid.id).one()
        after = json.loads(entry.after_json or "{}")
        assert after["payment_account"] == paid.payment_account and after["redacted"]
        assert "id_number" in after["purged"] and after["retention_years"] == 5
        for queued in session.query(Outbox).filter(Outbox.entity_id == office.paid.id):
            assert PAID["id_number"] not in queued.payload_json
    assert duplicate_check(office, PAID) is False, "the same claim is still refused after the purge"
    assert duplicate_check(office, {**PAID, "id_number": "110105194912310046"}) is True, "someone else is not"
    assert monthly_report(store, closed_month.year, closed_month.month) == report_before

    # Purged once: a second run finds nothing more.
    assert unregistered_purge(store, office.supervisor, dry_run=False).cases == 0


def test_a_redacted_entry_changed_afterwards_fails_the_audit(office: Office) -> None:
    store = office.store
    later(store, 6)
    unregistered_purge(store, office.supervisor, dry_run=False)
    with store.session(readonly=True) as session:
        created = session.query(AuditLog).filter(AuditLog.action == "case.create",
                                                 AuditLog.entity_id == office.paid.id).one()
        after = json.loads(created.after_json or "{}")
        seq = created.seq
    assert after["applicant_name"] == "欧**文"
    after["amount_yuan"] = 99999  # someone with the file, past the guard the purge lifts for itself only
    text = json.dumps(after, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with open_db(store.path) as db:
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET after_json = ? WHERE seq = ?", (text, seq))
    with store.session(readonly=True) as session:
        report = verify_trail_and_money(session)
    assert not report.ok and report.first_bad_seq == seq


def test_a_case_waiting_to_reach_the_central_system_is_held_back(office: Office) -> None:
    later(office.store, 6)
    with office.store.session(readonly=True) as session:
        assert session.query(Outbox).filter(Outbox.state == "pending").count() > 0  # never synced
    held = purge.purge_closed_cases(office.store, office.supervisor, hold_unsynced=True)
    assert held.cases == 0 and held.held_unsynced == 2


def test_the_retention_period_is_an_audited_setting(office: Office, make_staff: Callable[..., StaffUser]) -> None:
    store = office.store
    assert purge.retention(store) == purge.Retention(5, True)
    with pytest.raises(PermissionDenied):
        purge.set_retention(store, office.supervisor, 10)
    admin = make_staff("admin")
    assert purge.set_retention(store, admin, 10) == purge.Retention(10, False)
    later(store, 6)
    assert unregistered_purge(store, office.supervisor).cases == 0, "ten years now"
    with store.session(readonly=True) as session:
        assert session.query(AuditLog).filter(AuditLog.action == "settings.retention").count() == 1
    with pytest.raises(InvalidInput):
        purge.set_retention(store, admin, 0)


def test_the_purge_command(office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                           tmp_path: Path) -> None:
    from desktop.cli import run
    from desktop.models.clock import Clock

    store = office.store
    later(store, 6)
    fixed = store.clock.fixed
    monkeypatch.setattr("desktop.models.store.Clock", lambda: Clock(fixed=fixed))
    store.close()
    folder = str(store.data_dir)

    assert run(["--data-dir", folder, "purge", "--user", office.clerk.username]) == 2
    assert "无权" in capsys.readouterr().err
    assert run(["--data-dir", folder, "purge", "--user", office.supervisor.username, "--older-than-years", "3"]) == 2
    assert "--older-than-years" in capsys.readouterr().err
    assert run(["--data-dir", folder, "purge", "--user", office.supervisor.username]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["dry_run"] is True and dry["cases"] == 2 and dry["cutoff"]
    assert run(["--data-dir", folder, "purge", "--user", office.supervisor.username, "--yes"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["dry_run"] is False and done["cases"] == 2
    assert run(["--data-dir", folder, "audit", "verify"]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert run(["--data-dir", folder, "retention"]) == 0
    assert json.loads(capsys.readouterr().out)["years"] == 5
