"""Approval (审批): after the publicity period closed, never by the case's own clerk.

``approve`` takes one case or many.  Bulk approval is **all or nothing per
call**: every case is checked first and, if any cannot be approved, nothing
is approved and ``ApprovalRefused`` lists each refused case with its reason.
An approver ticks a list he has looked at; a half-done list would leave him
guessing which went through, and a refusal that names the case to take off
the list is easy to act on.  Each approved case still gets its own audit
entry and outbox row (``case.approve``), all in the one transaction.

The rules, all in the core: the ``case.approve`` permission (审批员); the
person who accepted the case may not approve it (``cases.apply_transition``);
the case must be publicized with its publicity batch closed
(``publicity.approval_problem``) — approval before the end is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import messages, publicity
from desktop.models.cases import CaseRecord, State, apply_transition, load_case_row, record_of
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from desktop.models.schema import Case
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store

OWN_CASE = messages.render("permission.own_case_approval", {})  # as a note on a batch's list


@dataclass(frozen=True)
class Refusal:
    case: str  # the case number (or the key given, when no such case)
    reason: str

    def __str__(self) -> str:
        return f"{self.case}：{self.reason}"


class ApprovalRefused(Conflict):
    """Some cases of a bulk approval cannot be approved: nothing was approved."""

    def __init__(self, refusals: list[Refusal], total: int) -> None:
        listed = "；".join(str(r) for r in refusals[:5]) + ("等" if len(refusals) > 5 else "")
        if total == 1:
            super().__init__(code="approval.refused", params={"refused": listed})
        else:
            super().__init__(code="approval.some_refused",
                             params={"total": total, "count": len(refusals), "refused": listed})
        self.refusals = tuple(refusals)


def _keys(case_ids: str | Iterable[str]) -> list[str]:
    items = [case_ids] if isinstance(case_ids, str) else list(case_ids)
    keys = list(dict.fromkeys(k.strip() for k in items if isinstance(k, str) and k.strip()))
    if not keys:
        raise InvalidInput.about("cases", "approval.none_chosen")
    return keys


def approve(store: Store, actor: StaffUser, case_ids: str | Iterable[str], *, note: str | None = None
            ) -> list[CaseRecord]:
    """Approve one case (id or number) or a list of them, all or nothing."""
    require(actor, Action.case_approve)
    keys = _keys(case_ids)
    if note is not None and not isinstance(note, str):
        raise InvalidInput.about("note", "value.not_text")
    with store.session() as session:
        today = store.clock.today()
        rows, refusals = [], []
        for key in keys:
            try:
                row = load_case_row(session, key)
            except NotFound:
                refusals.append(Refusal(key, "未找到此案件"))
                continue
            problem = publicity.approval_problem(session, row, today)
            if problem is None and row.accepted_by == actor.username:
                if len(keys) == 1:
                    raise PermissionDenied.of("permission.own_case_approval")
                problem = OWN_CASE
            if problem is None and row.amount_yuan <= 0:
                problem = "核定补贴金额为0元"
            if problem is not None:
                refusals.append(Refusal(row.case_no, problem))
            else:
                rows.append(row)
        if refusals:
            raise ApprovalRefused(refusals, len(keys))
        at = store.clock.now()
        approved = []
        for row in rows:
            found = publicity.live_entry(session, row.id)
            details = {"publicity_batch": found[1].batch_no} if found else {}
            approved.append(apply_transition(session, row, actor, State.approved, note=note, at=at,
                                             details=details))
        return approved


def approvable_cases(store: Store, actor: StaffUser) -> list[CaseRecord]:
    """Cases this approver may approve now (publicity closed, not accepted by him), by case number."""
    require(actor, Action.case_approve)
    with store.session(readonly=True) as session:
        today = store.clock.today()
        rows = session.scalars(select(Case).where(Case.state == State.publicized.value).order_by(Case.case_no))
        return [record_of(row) for row in rows
                if row.accepted_by != actor.username and publicity.approval_problem(session, row, today) is None]


__all__ = ["ApprovalRefused", "Refusal", "approvable_cases", "approve"]
