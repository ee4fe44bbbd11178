"""Publicity (公示): reviewed cases published in numbered batches, objections, closing.

How a case moves (the states of ``cases.TRANSITIONS``, no new ones):

1. the reviewer passes it (``review.pass_review``): under_review → publicized.
   A publicized case with no live entry in any batch is *ready* for a batch;
2. ``create_batch`` lists ready cases in a new batch (state ``open``);
3. ``publish_batch`` fixes the period: ``starts_on`` a working day (today or the
   next working day by default), ``ends_on`` = ``starts_on`` + N working days,
   the day of posting not counted (民法典 第201条), where N is the largest of 5,
   the office region's ``publicity_workdays`` and that of each case's policy.
   A date on a calendar year whose holiday arrangement is not yet published
   makes the period provisional;
4. ``record_objection`` (who, what, contact) takes the case out of its batch and
   sends it back to review (publicized → under_review) in one transaction;
5. ``close_batch`` once the last day has passed; its cases become approvable
   (``approval_problem`` says why a case is not).

Every step writes, in its one transaction, an audit entry on each case
concerned (so a case's history names who published it and when) and one on
the batch, plus an outbox row per case (``case.publicity_add|publish|close``
events carrying the batch: the central system knows case rows, not batches).
Permissions: batches need ``case.publicize``, objections ``case.object`` (reviewers).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.cases import CaseRecord, State, apply_transition, enqueue_case_event, load_case_row, record_of
from desktop.models.errors import Conflict, InvalidInput, NotFound, required_text
from desktop.models.masking import mask_name
from desktop.models.rules import Verifier
from desktop.models.schema import Case, Objection, PublicityBatch, PublicityEntry
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store

MIN_PUBLICITY_WORKDAYS = 5  # 展翅行动: at least 5 working days, whatever a file says
MAX_OBJECTOR = 64
MAX_CONTACT = 64


class BatchState(StrEnum):
    open = "open"
    published = "published"
    closed = "closed"

    @property
    def label(self) -> str:
        return {"open": "待发布", "published": "公示中", "closed": "公示期满"}[self.value]


@dataclass(frozen=True)
class Entry:
    case_id: str
    case_no: str
    applicant_name: str
    employer_name: str
    occupation_code: str
    occupation_name: str
    level: int
    amount_yuan: int
    case_state: State
    added_at: dt.datetime
    removed_at: dt.datetime | None  # an objection took it out

    @property
    def live(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class Batch:
    id: str
    batch_no: str
    office_code: str
    state: BatchState
    workdays: int
    starts_on: dt.date | None
    ends_on: dt.date | None
    provisional: bool
    created_by: str
    created_at: dt.datetime
    published_at: dt.datetime | None
    closed_at: dt.datetime | None
    entries: tuple[Entry, ...]  # live ones first, then removed ones, each in case-number order

    @property
    def live_entries(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.live)

    @property
    def total_yuan(self) -> int:
        return sum(e.amount_yuan for e in self.live_entries)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "batch_no": self.batch_no,
            "state": self.state.value,
            "workdays": self.workdays,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "provisional": self.provisional,
            "cases": [e.case_no for e in self.live_entries],
            "removed": [e.case_no for e in self.entries if not e.live],
            "total_yuan": self.total_yuan,
        }


@dataclass(frozen=True)
class ObjectionRecord:
    id: str
    case_id: str
    batch_id: str | None
    objector: str
    contact: str
    content: str
    recorded_by: str
    recorded_at: dt.datetime
    resolution: str | None
    resolved_by: str | None
    resolved_at: dt.datetime | None

    @property
    def open(self) -> bool:
        return self.resolved_at is None


def _objection(row: Objection) -> ObjectionRecord:
    return ObjectionRecord(row.id, row.case_id, row.batch_id, row.objector, row.contact, row.content, row.recorded_by,
                           row.recorded_at, row.resolution, row.resolved_by, row.resolved_at)


# --- reading ---------------------------------------------------------------------


def _live_entry_exists(case_id_column: Any) -> Any:
    return exists().where(PublicityEntry.case_id == case_id_column, PublicityEntry.removed_at.is_(None))


def _load_batch(session: Session, batch_id_or_no: str) -> PublicityBatch:
    key = (batch_id_or_no or "").strip()
    row = session.get(PublicityBatch, key) or session.scalar(
        select(PublicityBatch).where(PublicityBatch.batch_no == key.upper()))
    if row is None:
        raise NotFound.of("publicity.batch_not_found", batch=batch_id_or_no)
    return row


def _batch(session: Session, row: PublicityBatch) -> Batch:
    query = (select(PublicityEntry, Case).join(Case, Case.id == PublicityEntry.case_id)
             .where(PublicityEntry.batch_id == row.id).order_by(Case.case_no))
    entries = [
        Entry(case.id, case.case_no, case.applicant_name, case.employer_name, case.occupation_code,
              case.occupation_name, case.cert_level, case.amount_yuan, State(case.state), entry.added_at,
              entry.removed_at)
        for entry, case in session.execute(query)
    ]
    entries.sort(key=lambda e: (not e.live, e.case_no))
    return Batch(row.id, row.batch_no, row.office_code, BatchState(row.state), row.workdays, row.starts_on,
                 row.ends_on, row.provisional, row.created_by, row.created_at, row.published_at, row.closed_at,
                 tuple(entries))


def get_batch(store: Store, batch_id_or_no: str) -> Batch:
    with store.session(readonly=True) as session:
        return _batch(session, _load_batch(session, batch_id_or_no))


def batch_in(session: Session, batch_id_or_no: str) -> Batch:
    """``get_batch`` inside the caller's transaction (printing reads it with its audit entry)."""
    return _batch(session, _load_batch(session, batch_id_or_no))


def list_batches(store: Store, states: Collection[BatchState | str] | None = None) -> list[Batch]:
    """Newest first."""
    query = select(PublicityBatch).order_by(PublicityBatch.created_at.desc(), PublicityBatch.batch_no.desc())
    if states:
        query = query.where(PublicityBatch.state.in_([BatchState(s).value for s in states]))
    with store.session(readonly=True) as session:
        return [_batch(session, row) for row in session.scalars(query)]


def ready_cases(store: Store) -> list[CaseRecord]:
    """Passed cases waiting for a batch (publicized, in no batch or taken out of one), oldest first."""
    with store.session(readonly=True) as session:
        rows = session.scalars(
            select(Case).where(Case.state == State.publicized.value, ~_live_entry_exists(Case.id))
            .order_by(Case.state_changed_at, Case.case_no)
        )
        return [record_of(row) for row in rows]


def live_entry(session: Session, case_id: str) -> tuple[PublicityEntry, PublicityBatch] | None:
    """The case's current place in a batch, if any."""
    found = session.execute(
        select(PublicityEntry, PublicityBatch).join(PublicityBatch, PublicityBatch.id == PublicityEntry.batch_id)
        .where(PublicityEntry.case_id == case_id, PublicityEntry.removed_at.is_(None))
        .order_by(PublicityEntry.added_at.desc()).limit(1)
    ).first()
    return None if found is None else (found[0], found[1])


def approval_problem(session: Session, row: Case, today: dt.date) -> str | None:
    """Why the case cannot be approved yet as far as publicity goes (None: it can)."""
    if State(row.state) is not State.publicized:
        return f"案件当前状态为“{State(row.state).label}”，不在待审批之列"
    found = live_entry(session, row.id)
    if found is None:
        return "案件尚未列入公示批次，公示期满后方可审批"
    _, batch = found
    state = BatchState(batch.state)
    if state is BatchState.open:
        return f"公示批次 {batch.batch_no} 尚未发布，公示期满后方可审批"
    if state is BatchState.published:
        assert batch.ends_on is not None
        ended = "已届满，请先结束公示" if today > batch.ends_on else "尚未届满"
        return f"公示期至{batch.ends_on.isoformat()}，{ended}；公示期满并结束公示后方可审批"
    return None


def objections_in(session: Session, case_ids: Collection[str], *, open_only: bool = False
                  ) -> dict[str, list[ObjectionRecord]]:
    found: dict[str, list[ObjectionRecord]] = {}
    ids = list(dict.fromkeys(case_ids))
    for start in range(0, len(ids), 500):
        query = select(Objection).where(Objection.case_id.in_(ids[start:start + 500]))
        if open_only:
            query = query.where(Objection.resolved_at.is_(None))
        for row in session.scalars(query.order_by(Objection.recorded_at)):
            found.setdefault(row.case_id, []).append(_objection(row))
    return found


def objections_of(store: Store, case_id: str) -> list[ObjectionRecord]:
    with store.session(readonly=True) as session:
        row = load_case_row(session, case_id)
        return objections_in(session, [row.id]).get(row.id, [])


def resolve_objections(session: Session, case_id: str, *, actor: str, resolution: str, at: dt.datetime) -> int:
    """Mark the case's open objections answered by a review decision (in the caller's transaction);
    the decision's own audit entry names them."""
    rows = list(session.scalars(select(Objection).where(Objection.case_id == case_id,
                                                        Objection.resolved_at.is_(None))))
    for row in rows:
        row.resolution, row.resolved_by, row.resolved_at = resolution, actor, at
    return len(rows)


# --- writing ---------------------------------------------------------------------


def _next_batch_no(session: Session, store: Store, day: dt.date) -> str:
    prefix = f"{store.office_code}-{store.device_code}-GS{day:%Y%m%d}-"
    taken = session.scalar(select(func.count()).select_from(PublicityBatch)
                           .where(PublicityBatch.batch_no.like(prefix + "%"))) or 0
    return f"{prefix}{taken + 1:02d}"


def _audit_batch(session: Session, actor: StaffUser, action: str, row: PublicityBatch, after: dict[str, Any],
                 at: dt.datetime, cases: Iterable[Case]) -> None:
    """An audit entry on each case and on the batch; each case's outbox row carries the batch
    (``case.publicity_*`` events: the central system knows case rows, not batches)."""
    cases = list(cases)
    event = {"batch_id": row.id, "batch_no": row.batch_no, **after}
    op = "case." + action.replace(".", "_")
    for case in cases:
        audit.record(session, actor=actor.username, action=action, entity="case", entity_id=case.id, before=None,
                     after=event, at=at)
        enqueue_case_event(session, case, op=op, event=event, at=at)
    body = {"batch_no": row.batch_no, "state": row.state, "cases": len(cases), **after}
    audit.record(session, actor=actor.username, action=action, entity="publicity_batch", entity_id=row.id,
                 before=None, after=body, at=at)


def create_batch(store: Store, actor: StaffUser, case_ids: Iterable[str] | None = None) -> Batch:
    """A new batch of ready cases: the given ones (each must be ready) or all of them."""
    require(actor, Action.case_publicize)
    wanted = None if case_ids is None else list(dict.fromkeys(c.strip() for c in case_ids if c and c.strip()))
    if wanted is not None and not wanted:
        raise InvalidInput.about("cases", "publicity.none_chosen")
    with store.session() as session:
        if wanted is None:
            rows = list(session.scalars(
                select(Case).where(Case.state == State.publicized.value, ~_live_entry_exists(Case.id))
                .order_by(Case.case_no)))
            if not rows:
                raise Conflict.of("publicity.nothing_to_list")
        else:
            rows = []
            for key in wanted:
                row = load_case_row(session, key)
                if State(row.state) is not State.publicized:
                    raise Conflict.of("publicity.not_passed", case_no=row.case_no, state=State(row.state))
                if live_entry(session, row.id) is not None:
                    raise Conflict.of("publicity.already_listed", case_no=row.case_no)
                rows.append(row)
        at = store.clock.now()
        batch = PublicityBatch(id=str(uuid.uuid4()), batch_no=_next_batch_no(session, store, store.clock.today()),
                               office_code=store.office_code, state=BatchState.open.value,
                               workdays=MIN_PUBLICITY_WORKDAYS, starts_on=None, ends_on=None, provisional=False,
                               created_by=actor.username, created_at=at)
        session.add(batch)
        session.flush()
        for row in rows:
            session.add(PublicityEntry(batch_id=batch.id, case_id=row.id, added_at=at))
        session.flush()
        _audit_batch(session, actor, "publicity.add", batch, {}, at, rows)
        return _batch(session, batch)


def publicity_workdays(verifier: Verifier, office_code: str, day: dt.date, cases: Iterable[Case]) -> int:
    """The longest publicity any rule asks for: the office region's setting on ``day``, each
    case's policy, and never fewer than 5 working days."""
    needed = [MIN_PUBLICITY_WORKDAYS]
    asked = {(day, office_code)} | {(c.application_date, c.application_region) for c in cases}
    for when, region in asked:
        try:
            needed.append(verifier.book.for_case(when, region).publicity_workdays)
        except InvalidInput:
            continue  # a date before every policy: nothing to add
    return max(needed)


def publish_batch(store: Store, verifier: Verifier, actor: StaffUser, batch_id_or_no: str, *,
                  starts_on: dt.date | None = None) -> Batch:
    """Publish an open batch: fix its period and start it."""
    require(actor, Action.case_publicize)
    if starts_on is not None and (not isinstance(starts_on, dt.date) or isinstance(starts_on, dt.datetime)):
        raise InvalidInput.about("starts_on", "date.expected")
    calendar = verifier.calendar
    with store.session() as session:
        batch = _load_batch(session, batch_id_or_no)
        if BatchState(batch.state) is not BatchState.open:
            raise Conflict.of("publicity.already_published", batch_no=batch.batch_no)
        today = store.clock.today()
        if starts_on is None:
            starts_on = calendar.next_workday(today)
        elif starts_on < today:
            raise InvalidInput.about("starts_on", "publicity.starts_before_today", starts_on=starts_on.isoformat(),
                                     today=today.isoformat())
        elif not calendar.is_workday(starts_on):
            raise InvalidInput.about("starts_on", "publicity.starts_on_holiday", starts_on=starts_on.isoformat(),
                                     next_workday=calendar.next_workday(starts_on).isoformat())
        cases = list(session.scalars(
            select(Case).join(PublicityEntry, PublicityEntry.case_id == Case.id)
            .where(PublicityEntry.batch_id == batch.id, PublicityEntry.removed_at.is_(None))))
        if not cases:
            raise Conflict.of("publicity.empty_batch", batch_no=batch.batch_no)
        for case in cases:
            if State(case.state) is not State.publicized:
                raise Conflict.of("publicity.cannot_publish_case", case_no=case.case_no, state=State(case.state))
        workdays = publicity_workdays(verifier, batch.office_code, starts_on, cases)
        end = calendar.add_workdays(starts_on, workdays)
        at = store.clock.now()
        batch.state, batch.workdays = BatchState.published.value, workdays
        batch.starts_on, batch.ends_on = starts_on, end.date
        batch.provisional = end.provisional or calendar.is_provisional(starts_on)
        batch.published_at = at
        session.flush()
        after = {"starts_on": starts_on, "ends_on": end.date, "workdays": workdays, "provisional": batch.provisional}
        _audit_batch(session, actor, "publicity.publish", batch, after, at, cases)
        return _batch(session, batch)


def close_batch(store: Store, actor: StaffUser, batch_id_or_no: str) -> Batch:
    """End a published batch once its last day has passed; its cases become approvable."""
    require(actor, Action.case_publicize)
    with store.session() as session:
        batch = _load_batch(session, batch_id_or_no)
        state = BatchState(batch.state)
        if state is not BatchState.published:
            raise Conflict.of("publicity.cannot_end", batch_no=batch.batch_no, state=state.label)
        assert batch.ends_on is not None
        today = store.clock.today()
        if today <= batch.ends_on:
            raise Conflict.of("publicity.period_running", ends_on=batch.ends_on.isoformat(),
                              first_day=(batch.ends_on + dt.timedelta(days=1)).isoformat())
        at = store.clock.now()
        batch.state, batch.closed_at = BatchState.closed.value, at
        session.flush()
        live = list(session.scalars(
            select(Case).join(PublicityEntry, PublicityEntry.case_id == Case.id)
            .where(PublicityEntry.batch_id == batch.id, PublicityEntry.removed_at.is_(None))))
        _audit_batch(session, actor, "publicity.close", batch, {"ends_on": batch.ends_on}, at, live)
        return _batch(session, batch)


def record_objection(store: Store, actor: StaffUser, case_id: str, *, objector: str, contact: str,
                     content: str) -> tuple[ObjectionRecord, CaseRecord]:
    """Record an objection to a publicized case: it leaves its batch and goes back to review."""
    require(actor, Action.case_object)
    who = required_text("objector", objector, MAX_OBJECTOR)
    how = required_text("contact", contact, MAX_CONTACT)
    what = required_text("content", content)
    with store.session() as session:
        row = load_case_row(session, case_id)
        if State(row.state) is not State.publicized:
            raise Conflict.of("publicity.objection_not_in_publicity", case_no=row.case_no, state=State(row.state))
        at = store.clock.now()
        found = live_entry(session, row.id)
        batch = None
        if found is not None:
            entry, batch = found
            entry.removed_at = at
        objection = Objection(id=str(uuid.uuid4()), case_id=row.id, batch_id=batch.id if batch else None,
                              objector=who, contact=how, content=what, recorded_by=actor.username, recorded_at=at)
        session.add(objection)
        session.flush()
        details = {"objection_id": objection.id, "batch_no": batch.batch_no if batch else None,
                   "objector": who, "contact": how}
        record = apply_transition(session, row, actor, State.under_review, note=f"公示异议：{what}", at=at,
                                  details=details)  # the objection rides in the audit entry and the outbox row
        return _objection(objection), record


def masked_names(batch: Batch) -> list[str]:
    """The names as the list prints them (张*梅)."""
    return [mask_name(e.applicant_name) for e in batch.live_entries]


__all__ = [
    "MIN_PUBLICITY_WORKDAYS",
    "Batch",
    "BatchState",
    "Entry",
    "ObjectionRecord",
    "approval_problem",
    "batch_in",
    "close_batch",
    "create_batch",
    "get_batch",
    "list_batches",
    "live_entry",
    "objections_in",
    "objections_of",
    "publicity_workdays",
    "publish_batch",
    "ready_cases",
    "record_objection",
    "resolve_objections",
]
