"""Building cases in tests: an eligible intake as JSON (``intake_dict``) and ``Advance``, which moves a
case through the real services.  A module of its own, so a test imports it by name (``from case_flow
import ...``) rather than from a conftest (several conftest modules share that name)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from desktop.models import approval, cases, payments, publicity, review, risk, staff
from desktop.models.cases import CaseRecord, State
from desktop.models.errors import NotFound
from desktop.models.rules import Verifier
from desktop.models.store import Store


def verify_dict(**overrides: Any) -> dict[str, Any]:
    """An eligible cn-2017 application as ``verify`` reads it (CONTRACTS.md verify input): the one test
    application every module starts from; each call a fresh copy."""
    data: dict[str, Any] = {
        "applicant": {"name": "张三", "id_number": "11010519491231002X"},
        "insured_region": "440100",
        "application_region": "440100",
        "contribution_months": 40,
        "receiving_unemployment_benefit": False,
        "certificate": {
            "number": "S000144000123174000056",
            "kind": "skill_level",
            "level": 4,
            "occupation_code": "6-18-01-01",
            "occupation_name": "车工",
            "issue_date": "2017-06-01",
        },
        "application_date": "2018-01-10",
        "prior_subsidies": [],
    }
    data.update(overrides)
    return data


def intake_dict(**overrides: Any) -> dict[str, Any]:
    """An eligible cn-2017 intake (``verify_dict`` plus payment, employer, phone)."""
    data = verify_dict()
    data["certificate"]["shortage"] = False  # the clerk's answer to "a shortage occupation?"
    data.update({
        "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "工商银行", "holder_name": "张三"},
        "employer": {"name": "广州市某机械有限公司", "uscc": "91440101MA5XXXXX04"},
        "phone": "13800138000",
    })
    data.update(overrides)
    return data


# --- moving a case through the real services ------------------------------------------------

Publicity = Literal["ready", "published", "closed"]


class Advance:
    """``advance(case_or_id, target)``: the case moved to ``target`` through the services the back
    office uses, never ``cases.transition`` for a move of ``cases.SERVICE_MOVES``:

    - accepted: ``cases.accept_case`` by the clerk who filed it;
    - under_review: ``review.start_review`` (from accepted), or ``publicity.record_objection``
      (from publicized: an objection sends it back);
    - publicized: open risk flags checked and cleared (``risk.assess_case``, ``risk.clear_flag``),
      then ``review.pass_review`` (with ``note``, or a standard note where one is required).
      ``publicity`` says how far it goes: ``"ready"`` (passed, in no batch), ``"published"``
      (in a published batch) or ``"closed"`` (the batch closed: approvable);
    - approved: the case's batch created and published if need be, the store's fixed clock moved
      past the period's last day when it has not passed yet, the batch closed, then
      ``approval.approve``; from payment_failed, ``payments.requeue_payment``;
    - paid / payment_failed: ``payments.export_payments`` of this case into a file under the test's
      ``tmp_path``, and the bank's result file marking it paid or failed, imported;
    - rejected: ``review.reject_review`` (``note`` or a standard reason); withdrawn: the generic
      ``cases.transition`` by a clerk.

    The team: ``reviewer``/``approver`` (given, else the first active account of that role in the
    store, the approver never the case's acceptor, else a new one).  The clock moves forward only,
    so the audit trail stays in time order; it is left where the last step put it.
    """

    def __init__(self, store: Store, make_staff: Callable[..., staff.StaffUser], folder: Path) -> None:
        self.store, self.make_staff, self.folder = store, make_staff, folder
        self._verifier: Verifier | None = None
        self._files = 0

    @property
    def verifier(self) -> Verifier:
        if self._verifier is None:
            self._verifier = Verifier.load(self.store.data_dir)
        return self._verifier

    def staff_of(self, role: staff.Role | str, *, not_: str | None = None) -> staff.StaffUser:
        role = staff.Role(role)
        for user in staff.list_staff(self.store):
            if user.role is role and user.username != not_:
                return user
        taken = {u.username for u in staff.list_staff(self.store, include_inactive=True)}
        name = next(n for n in (role.value, *(f"{role.value}{i}" for i in range(2, 100))) if n not in taken)
        return self.make_staff(role, name)

    def __call__(self, case: CaseRecord | str, target: State | str, *, note: str | None = None,
                 publicity: Publicity = "ready", reviewer: staff.StaffUser | None = None,
                 approver: staff.StaffUser | None = None) -> CaseRecord:
        target = State(target)
        record = cases.get_case(self.store, case if isinstance(case, str) else case.id)
        team = _Team(self, reviewer, approver)
        for _ in range(12):
            if record.state is target:
                break
            record = self._step(record, target, note=note, team=team)
        else:
            raise AssertionError(f"advance: {record.case_no} stuck at {record.state} on the way to {target}")
        if target is State.publicized and publicity != "ready":
            self.publicize(record, reviewer=team.reviewer(), close=publicity == "closed")
        return cases.get_case(self.store, record.id)

    # --- the steps ------------------------------------------------------------------------------

    def _step(self, record: CaseRecord, target: State, *, note: str | None, team: _Team) -> CaseRecord:
        store, state = self.store, record.state
        reviewer, approver = team.reviewer, lambda: team.approver(record)
        if target is State.withdrawn and state in (State.draft, State.accepted, State.under_review):
            return cases.transition(store, self._clerk(record), record.id, State.withdrawn, note=note or "申请人撤回")
        if state is State.draft:
            return cases.accept_case(store, self._clerk(record), record.id, reason=note)
        if target is State.rejected and state in review.REVIEW_STATES:
            return review.reject_review(store, reviewer(), record.id, note or "经审核，不符合补贴条件")
        if state is State.accepted:
            return review.start_review(store, self.verifier, reviewer(), record.id)
        if state is State.under_review:
            return self.pass_review(record, reviewer=reviewer(), note=note)
        if state is State.publicized and target is State.under_review:
            _, moved = publicity.record_objection(store, reviewer(), record.id, objector="李先生",
                                                  contact="13900001111", content=note or "申请人并非本单位职工")
            return moved
        if state is State.publicized:
            self.publicize(record, reviewer=reviewer(), close=True)
            return approval.approve(store, approver(), record.id)[0]
        if state is State.approved and target in (State.paid, State.payment_failed):
            return self.pay(record, approver(), failed=target is State.payment_failed)
        if state is State.payment_failed and target in (State.approved, State.paid):
            return payments.requeue_payment(store, approver(), record.id, note=note or "收款账户已核实，重新发放")
        raise AssertionError(f"advance cannot take a case from {state} to {target}")

    def _clerk(self, record: CaseRecord) -> staff.StaffUser:
        try:
            filer = staff.get_staff(self.store, record.created_by)
        except NotFound:  # filed by an account no longer there: any clerk
            return self.staff_of(staff.Role.clerk)
        return filer if staff.can(filer, staff.Action.case_accept) else self.staff_of(staff.Role.clerk)

    def pass_review(self, record: CaseRecord, *, reviewer: staff.StaffUser, note: str | None = None) -> CaseRecord:
        store = self.store
        for flag in risk.assess_case(store, reviewer, record.id):
            if flag.open:
                risk.clear_flag(store, reviewer, flag.id, "已核实，不影响申领")
        if note is None and (record.disputed or any(o.open for o in publicity.objections_of(store, record.id))):
            note = "经审核，申请人提交的材料足以证明符合条件"
        return review.pass_review(store, self.verifier, reviewer, record.id, note=note)

    def publicize(self, record: CaseRecord, *, reviewer: staff.StaffUser, close: bool) -> publicity.Batch:
        """The case's publicity batch (a new one if it is in none) published, and closed if asked,
        the clock moved past the period's last day for that."""
        store = self.store
        with store.session(readonly=True) as session:
            found = publicity.live_entry(session, record.id)
            batch_id = found[1].id if found else None
        if batch_id is None:
            batch_id = publicity.create_batch(store, reviewer, [record.id]).id
        batch = publicity.get_batch(store, batch_id)
        if batch.state is publicity.BatchState.open:
            batch = publicity.publish_batch(store, self.verifier, reviewer, batch_id)
        if close and batch.state is publicity.BatchState.published:
            assert batch.ends_on is not None
            clock = store.clock
            if clock.today() <= batch.ends_on:
                assert clock.fixed is not None, "advance moves the clock: the store needs a fixed one"
                local = clock.local_now()
                clock.fixed = dt.datetime.combine(batch.ends_on + dt.timedelta(days=1), local.time(), local.tzinfo)
            batch = publicity.close_batch(store, reviewer, batch_id)
        return batch

    def pay(self, record: CaseRecord, payer: staff.StaffUser, *, failed: bool = False) -> CaseRecord:
        """Export the case to a disbursement file and import the bank's answer for it."""
        self.settle(self.export(record, payer), payer, failed=failed)
        return cases.get_case(self.store, record.id)

    def export(self, record: CaseRecord, payer: staff.StaffUser) -> Path:
        """``payments.export_payments`` of this one (approved) case; the file's path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._files += 1
        exported = self.folder / f"payment-{self._files:03d}.csv"
        payments.export_payments(self.store, payer, exported, case_ids=[record.id])
        return exported

    def settle(self, exported: Path, actor: staff.StaffUser, *, failed: bool = False,
               reason: str = "账户已销户") -> payments.ImportSummary:
        """The bank's result file for ``exported``: every row paid, or every row failed with ``reason``;
        imported by ``actor``."""
        with exported.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        answer = exported.with_name(f"{exported.stem}-result.csv")
        with answer.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(payments.RESULT_COLUMNS))
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "status": "failed" if failed else "paid", "reason": reason if failed else ""})
        return payments.import_payment_result(self.store, actor, answer)


class _Team:
    """Who ``advance`` acts as: the accounts given, else found (or made) when first needed."""

    def __init__(self, advance: Advance, reviewer: staff.StaffUser | None, approver: staff.StaffUser | None) -> None:
        self._advance, self._reviewer, self._approver = advance, reviewer, approver

    def reviewer(self) -> staff.StaffUser:
        if self._reviewer is None:
            self._reviewer = self._advance.staff_of(staff.Role.reviewer)
        return self._reviewer

    def approver(self, record: CaseRecord) -> staff.StaffUser:
        if self._approver is None:
            self._approver = self._advance.staff_of(staff.Role.approver, not_=record.accepted_by)
        return self._approver
