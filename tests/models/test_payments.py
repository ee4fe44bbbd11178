"""Payment: disbursement files, the bank's result, never paying a case twice, only to the applicant."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook
from registry_fixtures import cert_number, make_id
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop.models import approval, audit, disbursement_log, payee_changes, payments, publicity, review, risk
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, get_case
from desktop.models.clock import Clock
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.files import Placement
from desktop.models.intake import file_case
from desktop.models.payments import DISBURSEMENT_COLUMNS, RESULT_COLUMNS, PaymentResultRefused
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog, Ledger, Outbox, PaymentBatch, PaymentItem
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


def person(make_intake: MakeIntake, n: int, *, name: str | None = None, holder: str | None = None) -> Intake:
    name = name or f"张晓{n}"
    return make_intake(
        applicant={"name": name, "id_number": make_id(n)},
        certificate={"number": cert_number(n), "kind": "skill_level", "level": 4, "occupation_code": "6-18-01-01",
                     "occupation_name": "车工", "issue_date": "2017-06-01"},
        payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行",
                 "holder_name": holder or name},
    )


@pytest.fixture
def approved(store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace,
             make_intake: MakeIntake) -> Callable[..., list[CaseRecord]]:
    """``approved(1, 2, ...)``: cases taken from intake through review, publicity and approval."""

    def make(*numbers: int, holders: dict[int, str] | None = None) -> list[CaseRecord]:
        clock.fixed = dt.datetime(2026, 11, 27, 10, tzinfo=clock.tz)
        ids = []
        for n in numbers:
            record, _ = file_case(store, verifier, team.clerk, person(make_intake, n, holder=(holders or {}).get(n)),
                                  accept=True)
            review.start_review(store, verifier, team.reviewer, record.id)
            for flag in risk.flags_of(store, record.id, open_only=True):
                risk.clear_flag(store, team.reviewer, flag.id, "已核实")
            review.pass_review(store, verifier, team.reviewer, record.id)
            ids.append(record.id)
        batch = publicity.create_batch(store, team.reviewer, ids)
        publicity.publish_batch(store, verifier, team.reviewer, batch.id)
        clock.fixed = dt.datetime(2026, 12, 7, 10, tzinfo=clock.tz)
        publicity.close_batch(store, team.reviewer, batch.id)
        return approval.approve(store, team.approver, ids)

    return make


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_result(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str] = RESULT_COLUMNS) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def bank_answer(disbursement: Path, out: Path, **statuses: str) -> Path:
    """The bank's result file: every row of the disbursement file, paid unless ``statuses[case_no]`` says
    ``failed:REASON``."""
    rows = []
    for row in read_csv(disbursement):
        status, _, reason = statuses.get(row["case_no"], "paid").partition(":")
        rows.append({**row, "status": status, "reason": reason})
    return write_result(out, rows)


def snapshot(store: Store) -> dict[str, Any]:
    with store.session(readonly=True) as session:
        return {
            "audit": session.scalar(select(func.count()).select_from(AuditLog)),
            "outbox": session.scalar(select(func.count()).select_from(Outbox)),
            "items": sorted((i.case_id, i.status, i.live) for i in session.scalars(select(PaymentItem))),
            "batches": sorted((b.batch_no, b.state) for b in session.scalars(select(PaymentBatch))),
        }


# --- a whole case -----------------------------------------------------------------------------


def test_a_case_from_intake_to_paid(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    (case,) = approved(1)
    assert [c.id for c in payments.payable_cases(store)] == [case.id]
    batch = payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    assert batch.item_count == 1 and batch.total_yuan == 1500 and batch.refused == ()
    assert payments.payable_cases(store) == []
    (line,) = read_csv(tmp_path / "pay.csv")
    assert list(line) == list(DISBURSEMENT_COLUMNS)
    assert line == {"batch_id": batch.batch_no, "case_no": case.case_no, "name": "张晓1", "account_kind": "bank",
                    "account": "6222020200000000001", "bank_name": "工商银行", "amount_yuan": "1500"}
    summary = payments.import_payment_result(store, team.approver, bank_answer(tmp_path / "pay.csv",
                                                                               tmp_path / "result.csv"))
    assert summary.to_json() == {"batch_id": batch.batch_no, "paid": 1, "failed": 0, "paid_yuan": 1500,
                                 "failed_yuan": 0, "failures": []}
    paid = get_case(store, case.id)
    assert paid.state is State.paid
    settled = payments.get_payment_batch(store, batch.batch_no)
    assert settled.state is payments.PaymentBatchState.settled and settled.settled_by == team.approver.username
    assert [(i.status, i.live) for i in settled.items] == [(payments.ItemStatus.paid, True)]
    with store.session(readonly=True) as session:
        actions = [e.action for e in audit.entries(session, entity="case", entity_id=case.id)]
        assert actions[-3:] == ["case.approve", "payment.export", "case.pay"]
        assert audit.verify(session).ok
        assert session.scalar(select(func.count()).select_from(Ledger).where(Ledger.case_no == case.case_no)) == 1


def test_xlsx_export_keeps_accounts_as_text(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    approved(1, 2)
    batch = payments.export_payments(store, team.approver, tmp_path / "pay.xlsx")
    book = load_workbook(tmp_path / "pay.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows[0] == DISBURSEMENT_COLUMNS
    assert [r[4] for r in rows[1:]] == ["6222020200000000001", "6222020200000000002"]
    assert [r[6] for r in rows[1:]] == [1500, 1500] and {r[0] for r in rows[1:]} == {batch.batch_no}
    # The bank answers in the same workbook format.
    from openpyxl import Workbook

    answer = Workbook()
    sheet = answer.active
    sheet.append(list(RESULT_COLUMNS))
    for row in rows[1:]:
        sheet.append([*row, "paid", ""])
    answer.save(tmp_path / "result.xlsx")
    assert payments.import_payment_result(store, team.approver, tmp_path / "result.xlsx").paid == 2


# --- never twice -------------------------------------------------------------------------


def test_a_second_export_finds_nothing_to_pay(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    approved(1)
    payments.export_payments(store, team.approver, tmp_path / "first.csv")
    before = snapshot(store)
    with pytest.raises(Conflict, match="没有待发放的案件"):
        payments.export_payments(store, team.approver, tmp_path / "second.csv")
    assert not (tmp_path / "second.csv").exists() and snapshot(store) == before
    with pytest.raises(InvalidInput) as caught:  # an earlier file is never overwritten
        payments.export_payments(store, team.approver, tmp_path / "first.csv")
    assert caught.value.field == "out"


def test_importing_a_result_twice_is_refused_and_changes_nothing(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    approved(1, 2)
    payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    result = bank_answer(tmp_path / "pay.csv", tmp_path / "result.csv")
    payments.import_payment_result(store, team.approver, result)
    before = snapshot(store)
    with pytest.raises(PaymentResultRefused, match="导入过发放结果，不能重复导入") as caught:
        payments.import_payment_result(store, team.approver, result)
    assert caught.value.field == "FILE" and caught.value.problems[0].row == 2
    assert snapshot(store) == before


def test_the_database_refuses_a_second_live_item_for_a_case(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    (case,) = approved(1)
    first = payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    with pytest.raises(IntegrityError, match="UNIQUE"), store.session() as session:
        forged = PaymentBatch(id="forged", batch_no="FORGED-01", office_code="440100", state="exported",
                              item_count=1, total_yuan=1500, file_name="x.csv", file_sha256="0" * 64,
                              created_by="approver", created_at=store.clock.now())
        session.add(forged)
        session.flush()
        session.add(PaymentItem(batch_id="forged", case_id=case.id, amount_yuan=1500, account_kind="bank",
                                account="6222020200000000001", bank_name="工商银行", holder_name="张晓1",
                                status="pending", live=True))
        session.flush()
    assert [b.batch_no for b in payments.list_payment_batches(store)] == [first.batch_no]


def test_a_failed_payment_is_corrected_and_paid_in_a_later_batch_once(
    store: Store, clock: Clock, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    ok, bad = approved(1, 2)
    payments.export_payments(store, team.approver, tmp_path / "pay1.csv")
    summary = payments.import_payment_result(
        store, team.approver, bank_answer(tmp_path / "pay1.csv", tmp_path / "res1.csv",
                                          **{bad.case_no: "failed:户名与账号不符"}))
    assert (summary.paid, summary.failed, summary.failures) == (1, 1, ((bad.case_no, "户名与账号不符"),))
    failed = get_case(store, bad.id)
    assert failed.state is State.payment_failed and failed.decision_note == "银行退回：户名与账号不符"
    assert payments.payable_cases(store) == []
    with pytest.raises(InvalidInput) as caught:
        payments.requeue_payment(store, team.approver, bad.id, note="更正账号", holder_name="李四")
    assert caught.value.field == "payment.holder_name"
    with pytest.raises(PermissionDenied):
        payments.requeue_payment(store, team.supervisor, bad.id, note="更正账号", account="6222020200000000999")
    requeued = payments.requeue_payment(store, team.approver, bad.id, note="申请人提供正确账号",
                                        account="6222 0202 0000 0000 999", bank_name="工商银行")
    # A new account after approval waits for a second person (issue 14.6): nothing is paid to it yet.
    assert requeued.state is State.approved and requeued.payment_account == "6222020200000000002"
    with pytest.raises(Conflict, match="收款账户变更待另一人确认"):
        payments.export_payments(store, team.approver, tmp_path / "early.csv")
    with pytest.raises(PermissionDenied, match="另一人确认"):
        payee_changes.confirm_payee_change(store, team.approver, bad.id)
    confirmed = payee_changes.confirm_payee_change(store, team.supervisor, bad.id)
    assert confirmed.payment_account == "6222020200000000999"
    with store.session(readonly=True) as session:
        correction = [e for e in audit.entries(session, entity="case", entity_id=bad.id)
                      if e.action == "payment.correct_account"]
    assert correction[0].before["payment_account"] == "6222020200000000002"
    assert correction[0].after["payment_account"] == "6222020200000000999"
    assert correction[0].after["note"] == "申请人提供正确账号（approver提出，supervisor确认）"
    assert [c.id for c in payments.payable_cases(store)] == [bad.id]  # the paid one never comes back
    second = payments.export_payments(store, team.approver, tmp_path / "pay2.csv")
    (line,) = read_csv(tmp_path / "pay2.csv")
    assert (line["case_no"], line["account"], line["bank_name"]) == (bad.case_no, "6222020200000000999", "工商银行")
    payments.import_payment_result(store, team.approver, bank_answer(tmp_path / "pay2.csv", tmp_path / "res2.csv"))
    assert get_case(store, bad.id).state is State.paid and get_case(store, ok.id).state is State.paid
    with store.session(readonly=True) as session:
        items = [(item.status, item.live) for _, item in payments.payments_of(session, bad.id)]
    assert items == [("failed", False), ("paid", True)]
    assert second.batch_no != summary.batch_id


# --- bad result files ------------------------------------------------------------------------


@pytest.fixture
def exported(store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]],
             tmp_path: Path) -> list[dict[str, str]]:
    approved(1, 2, 3)
    payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    return read_csv(tmp_path / "pay.csv")


def refused(store: Store, team: SimpleNamespace, path: Path) -> list[tuple[int | None, str]]:
    before = snapshot(store)
    with pytest.raises(PaymentResultRefused) as caught:
        payments.import_payment_result(store, team.approver, path)
    assert snapshot(store) == before, "a refused file must change nothing"
    assert "未导入任何内容" in str(caught.value)
    return [(p.row, p.column) for p in caught.value.problems]


def test_unknown_case_changed_amount_and_bad_status_refuse_the_whole_file(
    store: Store, team: SimpleNamespace, exported: list[dict[str, str]], tmp_path: Path
) -> None:
    rows = [{**row, "status": "paid", "reason": ""} for row in exported]
    rows[0]["amount_yuan"] = "15000"
    rows[1]["status"] = "done"
    rows.append({**rows[2], "case_no": "440100-ZZZZ-20261127-9999"})
    found = refused(store, team, write_result(tmp_path / "bad.csv", rows))
    assert found == [(2, "amount_yuan"), (3, "status"), (5, "case_no")]
    assert all(get_case(store, row["case_no"]).state is State.approved for row in exported)


def test_changed_account_duplicate_row_other_batch_and_missing_rows(
    store: Store, team: SimpleNamespace, exported: list[dict[str, str]], make_intake: MakeIntake,
    verifier: Verifier, tmp_path: Path
) -> None:
    rows = [{**row, "status": "paid", "reason": ""} for row in exported]
    rows[0]["account"] = "6222020200000000777"
    duplicate = dict(rows[1])
    outsider, _ = file_case(store, verifier, team.clerk, person(make_intake, 9), accept=True)
    stranger = {**rows[2], "case_no": outsider.case_no}
    found = refused(store, team, write_result(tmp_path / "bad.csv", [rows[0], rows[1], duplicate, stranger]))
    assert found == [(2, "account"), (4, "case_no"), (5, "case_no"), (None, "case_no")]
    with pytest.raises(PaymentResultRefused) as caught:
        payments.import_payment_result(store, team.approver, tmp_path / "bad.csv")
    messages = [str(p) for p in caught.value.problems]
    assert "与第3行重复" in messages[1] and "不在批次" in messages[2] and "没有结果" in messages[3]


def test_a_file_without_the_status_column_or_of_another_batch_is_refused(
    store: Store, team: SimpleNamespace, exported: list[dict[str, str]], tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match="缺少必需的列 status"):
        payments.import_payment_result(store, team.approver,
                                       write_result(tmp_path / "a.csv", exported, DISBURSEMENT_COLUMNS))
    rows = [{**row, "status": "paid", "batch_id": "440100-XXXX-FF20261207-09"} for row in exported]
    assert refused(store, team, write_result(tmp_path / "b.csv", rows)) == [(2, "batch_id"), (3, "batch_id"),
                                                                            (4, "batch_id")]


# --- only to the applicant's own account ---------------------------------------------------------


def test_an_account_not_held_by_the_applicant_is_not_exported_and_raises_a_flag(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    own, other = approved(1, 2, holders={2: "李四"})
    batch = payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    assert [i.case_no for i in batch.items] == [own.case_no]
    assert [r.case_no for r in batch.refused] == [other.case_no] and "不一致" in batch.refused[0].reason
    flags = [f for f in risk.flags_of(store, other.id) if f.code is risk.RiskCode.holder_mismatch]
    assert len(flags) == 1 and not flags[0].open  # raised at review, cleared there with a note ...
    with pytest.raises(Conflict, match="没有待发放的案件（1件不符合发放条件"):
        payments.export_payments(store, team.approver, tmp_path / "again.csv")
    # ... yet payment still goes only to the applicant: correct the account first.
    payments.correct_account(store, team.approver, other.id, note="申请人改用本人银行卡",
                             account="6222020200000000888", holder_name="张晓2")
    payee_changes.confirm_payee_change(store, team.supervisor, other.id)  # the second person (issue 14.6)
    second = payments.export_payments(store, team.approver, tmp_path / "pay2.csv")
    assert [i.case_no for i in second.items] == [other.case_no] and second.items[0].name == "张晓2"


def test_export_raises_the_holder_flag_when_review_never_saw_it(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    (case,) = approved(1)
    with store.session() as session:  # the account changed behind the review's back
        from desktop.models.schema import Case

        row = session.get(Case, case.id)
        assert row is not None
        row.holder_name = "王五"
    with pytest.raises(Conflict):
        payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    (flag,) = risk.flags_of(store, case.id, open_only=True)
    assert flag.code is risk.RiskCode.holder_mismatch
    with store.session(readonly=True) as session:
        entry = audit.entries(session, entity="case", entity_id=case.id)[-1]
    assert (entry.action, entry.actor) == ("risk.flag", team.approver.username)
    payments.correct_account(store, team.approver, case.id, note="更正为本人", holder_name="张晓1")
    assert len(risk.flags_of(store, case.id, open_only=True)) == 1  # only a proposal so far
    payee_changes.confirm_payee_change(store, team.supervisor, case.id)
    assert risk.flags_of(store, case.id, open_only=True) == []


# --- roles -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.clerk, Role.reviewer, Role.auditor, Role.admin])
def test_only_approvers_and_supervisors_handle_payment_files(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path, role: Role
) -> None:
    approved(1)
    actor = getattr(team, role.value)
    with pytest.raises(PermissionDenied):
        payments.export_payments(store, actor, tmp_path / "pay.csv")
    batch = payments.export_payments(store, team.supervisor, tmp_path / "pay.csv")
    result = bank_answer(tmp_path / "pay.csv", tmp_path / "result.csv")
    with pytest.raises(PermissionDenied):
        payments.import_payment_result(store, actor, result)
    assert payments.get_payment_batch(store, batch.id).state is payments.PaymentBatchState.exported


# --- the disbursement log: what went to the bank, outside the database (issue 14.1) ----------


def test_every_export_and_result_is_in_the_owner_only_disbursement_log(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    ok, bad = approved(1, 2)
    batch = payments.export_payments(store, team.approver, tmp_path / "pay1.csv")
    assert set(disbursement_log.outstanding(store.data_dir)) == {ok.id, bad.id}
    payments.import_payment_result(store, team.approver, bank_answer(
        tmp_path / "pay1.csv", tmp_path / "res1.csv", **{bad.case_no: "failed:账号已销户"}))
    sent = disbursement_log.outstanding(store.data_dir)
    assert list(sent) == [ok.id] and sent[ok.id].paid and sent[ok.id].batch_no == batch.batch_no
    assert sent[ok.id].amount_yuan == 1500  # the failed one may be sent again; the paid one never
    log = disbursement_log.log_path(store.data_dir)
    assert log.stat().st_mode & 0o777 == 0o600 and log.parent.stat().st_mode & 0o777 == 0o700


def test_a_batch_number_the_log_has_seen_is_never_used_again(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    """A restored database does not know the day's earlier batch; the log does."""
    (case,) = approved(1)
    prefix = f"{store.office_code}-{store.device_code}-FF20261207-"
    log = disbursement_log.ensure_folder(store.data_dir)
    log.write_bytes(disbursement_log.encode([disbursement_log.exported_line(
        batch_no=prefix + "01", case_id="a-case-the-database-forgot", case_no="440100-X-20261207-0001",
        amount_yuan=1500, at=store.clock.now())]))
    assert payments.export_payments(store, team.approver, tmp_path / "pay.csv").batch_no == prefix + "02"


def test_a_folder_from_before_the_log_gets_what_its_database_knows(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path
) -> None:
    (case,) = approved(1)
    batch = payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    disbursement_log.log_path(store.data_dir).unlink()  # as in a folder made by an older version
    with pytest.raises(Conflict):
        payments.export_payments(store, team.approver, tmp_path / "again.csv")
    assert disbursement_log.outstanding(store.data_dir)[case.id].batch_no == batch.batch_no


def test_an_export_that_fails_leaves_neither_file_nor_batch_nor_log_line(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    approved(1)
    log = disbursement_log.ensure_folder(store.data_dir)
    before = log.read_bytes()

    def disk_full(self: object, data: bytes, path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Placement, "place", disk_full)
    with pytest.raises(OSError):
        payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    assert log.read_bytes() == before and payments.list_payment_batches(store) == []
    assert disbursement_log.outstanding(store.data_dir) == {}
