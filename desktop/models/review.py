"""The review (审核): the queue with its time limits, passing and rejecting.

The queue holds accepted and under-review cases with what a reviewer needs to
decide: the verdict's failed checks, where each datum came from, risk flags,
the central system's annotations (duplicate claims found elsewhere) and open
publicity objections.  The time limit is the policy's ``review_workdays``
counted in working days from the day of acceptance (office date; the day
itself not counted, as on the receipt) — or from the day of the latest
objection, for a case an objection sent back: answering the objection is a
new review.  A deadline on a calendar year whose holiday arrangement is not yet
published is provisional and says so.

Decisions:

- ``start_review`` (accepted → under_review) computes the risk flags in the
  same transaction; ``pass_review`` computes them again first (a transaction
  of its own, so flags found then stay recorded even if the pass is refused).
- ``pass_review`` (→ publicized, i.e. ready for a publicity batch) is refused
  while a risk flag is open: each must be checked and cleared with a written
  finding (``risk.clear_flag``), or the case rejected.  A written review note is
  required for a disputed case (accepted against a not-eligible verdict) and
  for a case with an unanswered objection; the note answers the objections.
- Passing a disputed case overrides the verdict: its amount (0 under the
  verdict) becomes the policy's amount for the certificate, in the same
  transaction and audited; a certificate with no amount under the policy
  cannot pass.
- ``reject_review`` needs the reasons; the written decision (审核决定书 with the
  reasons and clauses) is then printed with ``case_documents.issue_decision``,
  which reads the note and the failed checks (documents depend on models, not
  the other way round).
- An accepted case may be passed or rejected directly: the review is started
  in the same transaction (two audit entries).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import publicity, review_time, risk
from desktop.models.annotations import Annotation, annotations_in
from desktop.models.application import Application, Certificate
from desktop.models.cases import (
    CaseRecord,
    State,
    apply_transition,
    check_version,
    load_case_row,
    record_of,
    update_case_fields,
)
from desktop.models.clock import Clock
from desktop.models.errors import Conflict, InvalidInput
from desktop.models.policy import Policy
from desktop.models.rules import Verifier, amount_for
from desktop.models.schema import Case, Objection
from desktop.models.staff import Action, StaffUser, can, require
from desktop.models.store import Store

REVIEW_STATES = (State.accepted, State.under_review)
VIEW_ACTIONS = (Action.case_start_review, Action.report_view)


@dataclass(frozen=True)
class Deadline:
    started_on: dt.date  # acceptance day, or the day of the latest objection
    deadline: dt.date
    provisional: bool
    workdays: int  # the time limit
    used: int  # working days since started_on, up to today
    overdue: bool


@dataclass(frozen=True)
class ReviewItem:
    case: CaseRecord
    deadline: Deadline
    flags: tuple[risk.Flag, ...]  # open ones first
    annotations: tuple[Annotation, ...]
    objections: tuple[publicity.ObjectionRecord, ...]  # not yet answered

    @property
    def failed_checks(self) -> list[dict[str, Any]]:
        return [c for c in self.case.verdict.get("checks") or [] if isinstance(c, dict) and c.get("passed") is False]

    @property
    def sources(self) -> dict[str, Any]:
        return self.case.sources

    @property
    def open_flags(self) -> tuple[risk.Flag, ...]:
        return tuple(f for f in self.flags if f.open)

    @property
    def duplicates(self) -> tuple[Annotation, ...]:
        return tuple(a for a in self.annotations if a.kind == "duplicate")

    @property
    def needs_note(self) -> bool:
        return self.case.disputed or bool(self.objections)

    @property
    def overdue(self) -> bool:
        return self.deadline.overdue


def case_policy(verifier: Verifier, case: Case | CaseRecord) -> Policy:
    """The policy the case was decided under (``PolicyBook.decided_under``: its date and region, the
    national policy its verdict recorded)."""
    verdict = case.verdict if isinstance(case, CaseRecord) else json.loads(case.verdict_json or "{}")
    chosen = verdict.get("policy")
    return verifier.book.decided_under(case.application_date, case.application_region,
                                       chosen if isinstance(chosen, str) else None)


def review_deadline(verifier: Verifier, clock: Clock, case: Case | CaseRecord, *, today: dt.date,
                    objected_at: dt.datetime | None = None) -> Deadline:
    """The case's review time limit (``review_time``: the daily summary counts overdue reviews by it too)."""
    started_on = clock.local_date(review_time.review_started_at(case.accepted_at, case.created_at, objected_at))
    limit = case_policy(verifier, case).review_workdays
    calendar = verifier.calendar
    end = review_time.review_deadline(calendar, started_on, limit)
    used = calendar.workdays_between(started_on, today) if today >= started_on else 0
    return Deadline(started_on, end.date, end.provisional, limit, used, today > end.date)


def _last_objection_at(objections: list[publicity.ObjectionRecord]) -> dt.datetime | None:
    return max((o.recorded_at for o in objections), default=None)


def _items(session: Session, store: Store, verifier: Verifier, rows: list[Case], today: dt.date) -> list[ReviewItem]:
    ids = [row.id for row in rows]
    flags = risk.flags_in(session, ids)
    notes = annotations_in(session, ids)
    every_objection = publicity.objections_in(session, ids)
    items = []
    for row in rows:
        objections = every_objection.get(row.id, [])
        deadline = review_deadline(verifier, store.clock, row, today=today,
                                   objected_at=_last_objection_at(objections))
        case_flags = sorted(flags.get(row.id, []), key=lambda f: (not f.open, f.raised_at))
        items.append(ReviewItem(record_of(row), deadline, tuple(case_flags), tuple(notes.get(row.id, [])),
                                tuple(o for o in objections if o.open)))
    return items


def _require_view(actor: StaffUser) -> None:
    if not any(can(actor, action) for action in VIEW_ACTIONS):
        require(actor, VIEW_ACTIONS[0])


def review_queue(store: Store, verifier: Verifier, actor: StaffUser, *, today: dt.date | None = None,
                 limit: int | None = None) -> list[ReviewItem]:
    """Accepted and under-review cases: overdue first, then by deadline, then case number."""
    _require_view(actor)
    today = today or store.clock.today()
    with store.session(readonly=True) as session:
        rows = list(session.scalars(select(Case).where(Case.state.in_([s.value for s in REVIEW_STATES]))))
        items = _items(session, store, verifier, rows, today)
    items.sort(key=lambda i: (not i.overdue, i.deadline.deadline, i.case.case_no))
    return items[:limit] if limit is not None else items


def review_item(store: Store, verifier: Verifier, actor: StaffUser, case_id: str, *,
                today: dt.date | None = None) -> ReviewItem:
    _require_view(actor)
    with store.session(readonly=True) as session:
        row = load_case_row(session, case_id)
        return _items(session, store, verifier, [row], today or store.clock.today())[0]


def overdue_reviews(session: Session, store: Store, verifier: Verifier, today: dt.date) -> list[tuple[str, dt.date]]:
    """(case number, deadline) of every review past its time limit, oldest deadline first."""
    in_review = Case.state.in_([s.value for s in REVIEW_STATES])
    last_objection: dict[str, Any] = {case_id: at for case_id, at in session.execute(
        select(Objection.case_id, func.max(Objection.recorded_at)).join(Case, Case.id == Objection.case_id)
        .where(in_review).group_by(Objection.case_id)
    )}
    late = []
    for row in session.scalars(select(Case).where(in_review)):
        objected = last_objection.get(row.id)
        if isinstance(objected, str):
            objected = dt.datetime.fromisoformat(objected)
        deadline = review_deadline(verifier, store.clock, row, today=today, objected_at=objected)
        if deadline.overdue:
            late.append((row.case_no, deadline.deadline))
    return sorted(late, key=lambda item: (item[1], item[0]))


# --- decisions ------------------------------------------------------------------------


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    if not isinstance(note, str):
        raise InvalidInput.about("note", "value.not_text")
    return note.strip() or None


def _start_if_accepted(session: Session, row: Case, actor: StaffUser, at: dt.datetime) -> None:
    if State(row.state) is State.accepted:
        apply_transition(session, row, actor, State.under_review, at=at)


def start_review(store: Store, verifier: Verifier, actor: StaffUser, case_id: str, *,
                 thresholds: risk.Thresholds | None = None, expected_version: int | None = None) -> CaseRecord:
    """accepted → under_review, with the risk flags computed in the same transaction."""
    require(actor, Action.case_start_review)
    thresholds = thresholds or risk.default_thresholds(store.data_dir)
    with store.session() as session:
        row = load_case_row(session, case_id)
        check_version(row, expected_version)
        at = store.clock.now()
        record = apply_transition(session, row, actor, State.under_review, at=at)
        risk.refresh_flags(session, row, thresholds, actor=actor.username, at=at)
        return record


def _disputed_amount(verifier: Verifier, row: Case) -> int:
    policy = case_policy(verifier, row)
    app = Application(
        applicant_name=row.applicant_name, id_number=row.id_number, insured_region=row.insured_region,
        application_region=row.application_region, contribution_months=row.contribution_months,
        certificate=Certificate(row.cert_number, row.cert_kind, row.cert_level, row.occupation_code,
                                row.cert_issue_date, row.occupation_name, row.shortage),
        application_date=row.application_date,
    )
    return amount_for(app, policy, row.shortage)


def pass_review(store: Store, verifier: Verifier, actor: StaffUser, case_id: str, *, note: str | None = None,
                thresholds: risk.Thresholds | None = None) -> CaseRecord:
    """Pass the review: the case becomes ready for a publicity batch (state publicized)."""
    require(actor, Action.case_publicize)
    note = _clean_note(note)
    thresholds = thresholds or risk.default_thresholds(store.data_dir)
    # Cheap refusals first, before anything is written.
    with store.session(readonly=True) as session:
        row = load_case_row(session, case_id)
        _check_passable(session, row, note)
    # 1. Start the review if needed and look at the risk points again (kept even if the pass is refused).
    with store.session() as session:
        row = load_case_row(session, case_id)
        at = store.clock.now()
        _start_if_accepted(session, row, actor, at)
        risk.refresh_flags(session, row, thresholds, actor=actor.username, at=at)
    # 2. The pass itself.
    with store.session() as session:
        row = load_case_row(session, case_id)
        _check_passable(session, row, note)
        open_flags = risk.flags_in(session, [row.id], open_only=True).get(row.id, [])
        if open_flags:
            listed = "；".join(f"{f.label}（{f.message}）" for f in open_flags)
            raise Conflict.of("review.open_flags", case_no=row.case_no, count=len(open_flags), flags=listed)
        at = store.clock.now()
        details: dict[str, Any] = {"review": "pass"}
        if row.disputed or row.amount_yuan <= 0:
            amount = _disputed_amount(verifier, row)
            if amount <= 0:
                raise Conflict.of("review.no_amount_for_level", case_no=row.case_no)
            if amount != row.amount_yuan:
                update_case_fields(session, row, actor, action="review.amount", op="case.amount_set",
                                   changes={"amount_yuan": amount}, at=at,
                                   note="审核认定异议成立，按政策标准核定补贴金额")
        answered = publicity.resolve_objections(session, row.id, actor=actor.username, resolution=note or "",
                                                at=at) if note else 0
        if answered:
            details["objections_answered"] = answered
        return apply_transition(session, row, actor, State.publicized, note=note, at=at, details=details)


def _check_passable(session: Session, row: Case, note: str | None) -> None:
    state = State(row.state)
    if state not in REVIEW_STATES:
        raise Conflict.of("review.not_under_review", case_no=row.case_no, state=state)
    if note:
        return
    if row.disputed:
        raise InvalidInput.about("note", "review.disputed_needs_note")
    if publicity.objections_in(session, [row.id], open_only=True).get(row.id):
        raise InvalidInput.about("note", "review.objection_needs_note")


def reject_review(store: Store, actor: StaffUser, case_id: str, note: str, *,
                  expected_version: int | None = None) -> CaseRecord:
    """Reject with the reasons (they go on the written decision); answers open objections."""
    require(actor, Action.case_reject)
    reasons = _clean_note(note)
    if not reasons:
        raise InvalidInput.about("note", "case.rejection_needs_reason")
    with store.session() as session:
        row = load_case_row(session, case_id)
        check_version(row, expected_version)
        state = State(row.state)
        if state not in REVIEW_STATES:
            raise Conflict.of("review.not_under_review", case_no=row.case_no, state=state)
        at = store.clock.now()
        _start_if_accepted(session, row, actor, at)
        publicity.resolve_objections(session, row.id, actor=actor.username, resolution=reasons, at=at)
        return apply_transition(session, row, actor, State.rejected, note=reasons, at=at,
                                details={"review": "reject"})


__all__ = [
    "REVIEW_STATES",
    "Annotation",
    "Deadline",
    "ReviewItem",
    "case_policy",
    "overdue_reviews",
    "pass_review",
    "reject_review",
    "review_deadline",
    "review_item",
    "review_queue",
    "start_review",
]
