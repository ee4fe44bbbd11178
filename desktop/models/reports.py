"""Figures for supervisors: the daily summary and the 展翅行动 monthly report.

Everything is counted by SQLite (``GROUP BY``, ``COUNT``, ``SUM``); Python only
receives grouped rows, a day's worth of entries at most, and the (capped)
list of overdue reviews — never a million cases.

Decisions:

- **What happened on a day comes from the audit trail**, not from
  ``cases.state_changed_at``.  ``state_changed_at`` is only the *last* change:
  a case approved and paid the same afternoon would count as paid but not
  approved; a case approved on Monday and paid on Tuesday drops out of
  Monday's approvals once it is paid, so a reprint of Monday's summary would
  not match the signed one; a payment re-queued after a failure would count
  as a fresh approval.  Audit entries record every transition with its actor,
  so the summary is exact for any past day and agrees with the trail the
  supervisor's signature vouches for.  A transition is read from the entry's
  ``after.state`` (every case change writes it), an approval from its action
  (``case.approve``; re-queuing a failed payment also returns to "approved"
  but is not an approval).
- **Finding a day's entries fast without an index on ``audit_log.at``.**  The
  audit table is the largest (several entries per case), and has no index on
  its time.  But ``seq`` is its integer primary key and every service takes
  ``at`` inside its write transaction (SQLite serialises them), so ``at``
  grows with ``seq``: a binary search on the primary key (about 25 point
  reads) finds the day's seq range, widened by ``CLOCK_SLACK`` either side for
  a wall clock stepped back a little, and the query then filters on ``at``
  exactly.  Every entry the search looked at, with the first and the last, is
  checked to be in time order; if not (a clock was set wrong, then put right),
  the search is not trusted and every case entry is read instead: slow on a
  large trail, but right.  If an index whose first column is
  ``audit_log.at`` exists (``CREATE INDEX ix_audit_log_at ON audit_log (at)``,
  not in the schema yet), it is used instead and none of this is needed.
- **Received** is cases created that office day (``cases.created_at``,
  indexed), drafts included and counted apart: a case is "received" when the
  counter files it, whether or not it could be accepted at once.
- **Office day**: the day runs from midnight to midnight in the office's time
  zone (``store.clock``), whatever zone the computer is in (POLICY.md §6).
- **Reviews past their time limit**: a case still accepted or under review
  whose acceptance day plus the policy's ``review_workdays`` working days is
  before the summary's day.  As the deadline only moves later with the
  acceptance day, "overdue" is ``accepted_at`` before one instant, found once
  from the calendar — a range instead of a calendar walk per case.  Where
  policies differ in ``review_workdays`` the cases between the two bounds are
  resolved one by one with their own policy.  The count and the list (the
  ``OVERDUE_LIMIT`` longest overdue) walk ``ix_cases_state_accepted_at``
  (migration 0005); the few cases an objection sent back are judged again from
  their latest objection (``review_time``, as the reviewer's queue does).  For a past
  day (issue 17.8) the figure is as that day ended: the cases whose state
  changed since are judged by their state then (``_overdue_at_end``).
- **A past day, as of its end** (issue 17.8): drafts among the received are
  those still drafts at midnight, risk flags those open then (raised before,
  cleared after, if at all); the sync backlog is left out (``sync`` None):
  the outbox keeps no history, so the figure then cannot be known now, and
  the printed summary says so.
- **Personal data**: none.  The overdue list names cases by number; employer
  names are organisations.  The reports go to supervisors and upward.
- **Office**: ``office_code=None`` counts every case in the data folder (a
  data folder is one office's counter); a code counts that office's cases.
  Sync and risk figures are the data folder's.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, and_, case, distinct, func, literal, or_, select, text
from sqlalchemy.orm import Session

from desktop.models import outbox, review_time
from desktop.models.cases import FIGURES_KEY, State
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput
from desktop.models.indexed_by import indexed_by
from desktop.models.policy import LEVEL_NAMES, PolicyBook
from desktop.models.reference import occupations, regions
from desktop.models.reporting_calendar import QUARTERLY_DUE_DAY
from desktop.models.rules import Verifier
from desktop.models.schema import CASE_FIGURES_INDEX, AuditLog, Case, Objection, RiskFlag, Staff, utc_text
from desktop.models.store import Store, get_meta
from desktop.models.workdays import WorkCalendar, WorkdayTable

CLOCK_SLACK = dt.timedelta(hours=1)
OVERDUE_LIMIT = 5_000  # rows listed (the count is always complete); the most overdue first
TOP_EMPLOYERS = 10
OPEN_FOR_REVIEW = (State.accepted, State.under_review)
META_LAST_SYNC = "last_sync"  # set by the sync client after a successful round

# Flows of a day, in the order a summary shows them.
RECEIVED = "received"
FLOWS = (RECEIVED, "accepted", "rejected", "publicized", "approved", "paid", "payment_failed", "withdrawn")
FLOW_LABELS = {
    RECEIVED: "收件（新建案件）",
    "accepted": "受理",
    "rejected": "驳回",
    "publicized": "进入公示",
    "approved": "审批通过",
    "paid": "发放成功",
    "payment_failed": "发放失败",
    "withdrawn": "撤回",
}
_APPROVE_ACTION = "case.approve"
_REQUEUE_ACTION = "case.requeue_payment"
_CREATE_ACTION = "case.create"
_COUNTED_FIGURES = ("office_code", "cert_level", "amount_yuan", "disputed")  # of cases.figures, per transition
_STATE_FLOWS = tuple(f for f in FLOWS if f not in (RECEIVED, "approved"))
LEVELS_SHOWN = (5, 4, 3)  # the covered levels always get a row; others only when they occur


# --- values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    count: int = 0
    amount_yuan: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.count + other.count, self.amount_yuan + other.amount_yuan)


ZERO = Tally()


@dataclass(frozen=True)
class LevelFigures:
    level: int
    flows: Mapping[str, Tally]  # flow -> tally; every flow of FLOWS present

    def __getitem__(self, flow: str) -> Tally:
        return self.flows.get(flow, ZERO)


@dataclass(frozen=True)
class ClerkFigures:
    username: str
    display_name: str
    accepted: Tally
    disputed: int  # of those, accepted against a not-eligible verdict


@dataclass(frozen=True)
class EmployerFigures:
    name: str  # "" when the applicant gave none
    received: Tally


@dataclass(frozen=True)
class OverdueReview:
    case_no: str
    state: State
    level: int
    occupation: str
    accepted_by: str  # display name
    accepted_on: dt.date  # office date
    deadline: dt.date  # last day of the review time limit
    workdays_overdue: int  # working days after the deadline up to the summary's day
    provisional: bool  # deadline counted on a fallback calendar (holidays not yet published)


@dataclass(frozen=True)
class SyncFigures:
    pending: int  # neither applied nor rejected by the central system
    rejected: int  # refused by the central system, waiting for a person
    last_sync: dt.datetime | None


@dataclass(frozen=True)
class RiskFigures:
    open: int  # raised and not cleared, all days
    raised_on_day: int
    by_code: tuple[tuple[str, int], ...]  # open flags by code, most first


@dataclass(frozen=True)
class DailySummary:
    day: dt.date
    office_code: str | None
    tz_name: str
    as_of: dt.datetime  # when the figures were read (aware, UTC)
    complete: bool  # the day was over when read; else figures run to ``as_of``
    flows: Mapping[str, Tally]
    drafts_received: int  # received cases still drafts at the day's end (now, for the running day)
    disputed_accepted: int  # accepted against a not-eligible verdict
    by_level: tuple[LevelFigures, ...]
    by_clerk: tuple[ClerkFigures, ...]
    top_employers: tuple[EmployerFigures, ...]
    overdue_count: int
    overdue: tuple[OverdueReview, ...]  # at most OVERDUE_LIMIT rows, most overdue first
    review_workdays: tuple[int, ...]  # the time limits in force (usually one value)
    sync: SyncFigures | None  # None for a past day: the outbox keeps no history of its backlog (issue 17.8)
    risk: RiskFigures | None  # None while no risk flag was ever raised; a past day's as of its end

    def __getitem__(self, flow: str) -> Tally:
        return self.flows.get(flow, ZERO)

    @property
    def overdue_truncated(self) -> bool:
        return len(self.overdue) < self.overdue_count

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "office_code": self.office_code,
            "as_of": utc_text(self.as_of),
            "complete": self.complete,
            "flows": {f: [self[f].count, self[f].amount_yuan] for f in FLOWS},
            "drafts_received": self.drafts_received,
            "disputed_accepted": self.disputed_accepted,
            "overdue": self.overdue_count,
            "pending_sync": None if self.sync is None else self.sync.pending,
            "sync_rejected": None if self.sync is None else self.sync.rejected,
            "risk_open": None if self.risk is None else self.risk.open,
        }


@dataclass(frozen=True)
class MonthlyRow:
    dimension: str  # level | occupation | region | total | year_to_date
    code: str  # level digit, occupation code, prefecture code; "" for the total
    name: str
    applications: Tally
    payments: Tally
    applicants: int = 0  # people among the applications (one person may hold several certificates)
    payees: int = 0  # people among the payments
    rejections: Tally = ZERO  # cases rejected in the period (audit trail), with the amounts they claimed
    rejected_people: int = 0


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    office_code: str | None
    tz_name: str
    as_of: dt.datetime
    complete: bool  # the month was over when read
    total: MonthlyRow
    by_level: tuple[MonthlyRow, ...]
    by_occupation: tuple[MonthlyRow, ...]
    by_region: tuple[MonthlyRow, ...]
    year_to_date: MonthlyRow = MonthlyRow("year_to_date", "", "本年累计", ZERO, ZERO)  # 1 January to the month's end

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def rows(self) -> list[MonthlyRow]:
        """Every row in file order: levels, occupations, regions, then the total."""
        return [*self.by_level, *self.by_occupation, *self.by_region, self.total]


DIMENSIONS = ("level", "occupation", "region", "total")
YEAR_TO_DATE = "year_to_date"


# --- time -----------------------------------------------------------------------------------


def day_bounds(day: dt.date, clock: Clock) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of an office day as aware instants (midnight to midnight in the office's zone)."""
    start = dt.datetime.combine(day, dt.time(), clock.tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), clock.tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _check_day(day: Any) -> dt.date:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise InvalidInput.about("date", "date.expected_brackets")
    return day


# --- the audit trail, a time window of it -----------------------------------------------------


@dataclass(frozen=True)
class _Window:
    start: str  # UTC text, inclusive
    end: str  # UTC text, exclusive
    seq_lo: int | None  # seq bounds [lo, hi) holding every entry of [start, end); None: use the time index
    seq_hi: int | None

    def where(self, entity: str) -> list[Any]:
        """Entries of ``entity`` in the window."""
        conditions: list[Any] = [AuditLog.at >= self.start, AuditLog.at < self.end]
        if self.seq_lo is None or self.seq_hi is None:
            return [*conditions, AuditLog.entity == entity]
        # ``entity || ''`` keeps SQLite off ix_audit_log_entity, which it would otherwise prefer
        # (no statistics) and read every case entry of all time: the seq range is the narrow one.
        return [*conditions, AuditLog.seq >= self.seq_lo, AuditLog.seq < self.seq_hi,
                (AuditLog.entity + "") == entity]


def _indexed(conn: Connection, table: str, *columns: str) -> bool:
    """Whether an index of ``table`` starts with ``columns`` (indexes the schema may gain later)."""
    for (name,) in conn.execute(text("SELECT name FROM pragma_index_list(:t)"), {"t": table}):
        leading = [row[0] for row in conn.execute(
            text("SELECT name FROM pragma_index_info(:i) ORDER BY seqno"), {"i": name})][:len(columns)]
        if leading == list(columns):
            return True
    return False


def _first_seq_at_or_after(conn: Connection, at: str, first: int, last: int,
                           seen: dict[int, str]) -> int:
    """The smallest seq from which every entry is stamped ``at`` or later (``last + 1`` if none),
    by binary search on the primary key; each entry looked at goes into ``seen``."""
    lo, hi = first, last + 1
    while lo < hi:
        mid = (lo + hi) // 2
        # The first entry from ``mid`` on (seq gaps are tolerated, though the chain has none).
        row = conn.execute(select(AuditLog.seq, AuditLog.at).where(AuditLog.seq >= mid)
                           .order_by(AuditLog.seq).limit(1)).first()
        if row is not None:
            seen[row.seq] = row.at
        if row is not None and row.at >= at:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _in_time_order(seen: dict[int, str]) -> bool:
    """Whether the entries looked at are stamped in seq order, give or take CLOCK_SLACK."""
    stamps = [dt.datetime.fromisoformat(seen[seq]) for seq in sorted(seen)]
    return all(later >= earlier - CLOCK_SLACK for earlier, later in zip(stamps, stamps[1:], strict=False))


def _window(conn: Connection, start: dt.datetime, end: dt.datetime) -> _Window:
    start_text, end_text = utc_text(start), utc_text(end)
    if _indexed(conn, "audit_log", "at"):
        return _Window(start_text, end_text, None, None)
    # Two queries: SQLite answers a lone min() or max() from the primary key at once, but
    # both in one statement scan an index.
    first = conn.execute(select(func.min(AuditLog.seq))).scalar()
    last = conn.execute(select(func.max(AuditLog.seq))).scalar()
    if first is None or last is None:
        return _Window(start_text, end_text, 0, 0)
    seen: dict[int, str] = {row.seq: row.at for row in conn.execute(
        select(AuditLog.seq, AuditLog.at).where(AuditLog.seq.in_((first, last))))}
    lo = _first_seq_at_or_after(conn, utc_text(start - CLOCK_SLACK), first, last, seen)
    hi = _first_seq_at_or_after(conn, utc_text(end + CLOCK_SLACK), lo, last, seen)
    if not _in_time_order(seen):
        # A clock was set wrong (or back) while entries were written: the search cannot be
        # trusted.  Read every case entry instead — slow on a large trail, but right.
        return _Window(start_text, end_text, None, None)
    return _Window(start_text, end_text, lo, hi)


def _transitions(window: _Window, office_code: str | None) -> Any:
    """One row per (case, flow) that happened in the window: flow, actor, and the case's level, amount and
    dispute flag as the entry recorded them (``cases.figures``).  Entries written before the figures were
    (older versions) take them from the case through its figures index."""
    state = func.json_extract(AuditLog.after_json, "$.state")
    flow = case(
        (AuditLog.action == _APPROVE_ACTION, literal("approved")),
        (AuditLog.action == _REQUEUE_ACTION, literal(None)),
        (state.in_(_STATE_FLOWS), state),
        else_=literal(None),
    ).label("flow")

    def figure(key: str) -> Any:
        return func.json_extract(AuditLog.after_json, f"$.{FIGURES_KEY}.{key}").label(key)

    entries = (
        select(AuditLog.entity_id.label("case_id"), AuditLog.seq, flow, AuditLog.actor.label("actor"),
               *(figure(key) for key in _COUNTED_FIGURES))
        .where(AuditLog.action.like("case.%"), AuditLog.action != _CREATE_ACTION, *window.where("case"))
        .subquery()
    )
    moved = (  # each (case, flow) once, as its first entry of the window has it (a lone min(): SQLite's rule)
        select(entries.c.case_id, entries.c.flow, entries.c.actor, func.min(entries.c.seq),
               *(entries.c[key] for key in _COUNTED_FIGURES))
        .where(entries.c.flow.is_not(None))
        .group_by(entries.c.case_id, entries.c.flow)
        .subquery()
    )
    joined = select(moved.c.flow, moved.c.actor, *(_recorded(moved, column).label(column.key)
                                                   for column in (Case.cert_level, Case.amount_yuan, Case.disputed)))
    if office_code is not None:
        joined = joined.where(_recorded(moved, Case.office_code) == office_code)
    return joined.subquery()


def _recorded(entries: Any, column: Any) -> Any:
    """The figure ``column`` of each case in ``entries`` (``case_id`` and the figure's column) as its entry
    recorded it, else (an entry older than ``cases.figures``) the case's own, from its figures index:
    SQLite's coalesce looks the case up only when the entry has none (a join would look each one up)."""
    of_case = indexed_by(select(column).where(Case.id == entries.c.case_id), Case.__table__, CASE_FIGURES_INDEX)
    return func.coalesce(entries.c[column.key], of_case.scalar_subquery(), type_=column.type)


# --- the daily summary -------------------------------------------------------------------------


def daily_summary(store: Store, day: dt.date, office_code: str | None = None, *,
                  verifier: Verifier | None = None, overdue_limit: int = OVERDUE_LIMIT) -> DailySummary:
    """The figures of one office day for a supervisor (see the module notes for each figure).

    ``verifier`` supplies the policies' review time limits and the working-day
    calendar (loaded from the data folder when not given)."""
    day = _check_day(day)
    verifier = verifier or _verifier(store)
    clock = store.clock
    start, end = day_bounds(day, clock)
    as_of = clock.now()
    with store.session(readonly=True) as session:
        conn = session.connection()
        received_by_level, drafts, employers = _received(session, start, end, office_code)
        over = as_of >= end  # a past day: every figure as of its end (issue 17.8)
        window = _window(conn, start, end)
        moved = _transitions(window, office_code)
        flows_by_level: dict[tuple[str, int], Tally] = {}
        accepted_by: dict[str, tuple[Tally, int]] = {}
        for flow, level, actor, count, amount, disputed_n in session.execute(
            select(moved.c.flow, moved.c.cert_level, moved.c.actor, func.count(),
                   func.coalesce(func.sum(moved.c.amount_yuan), 0), func.coalesce(func.sum(moved.c.disputed), 0))
            .group_by(moved.c.flow, moved.c.cert_level, moved.c.actor)
        ):
            tally = Tally(count, amount)
            flows_by_level[(flow, level)] = flows_by_level.get((flow, level), ZERO) + tally
            if flow == "accepted":
                before, disputed_before = accepted_by.get(actor, (ZERO, 0))
                accepted_by[actor] = (before + tally, disputed_before + int(disputed_n))
        for level, tally in received_by_level.items():
            flows_by_level[(RECEIVED, level)] = tally
        disputed = sum(n for _, n in accepted_by.values())
        clerks = _by_clerk(session, accepted_by)
        if over:
            overdue_count, overdue, limits = _overdue_at_end(session, verifier, clock, day, end, office_code,
                                                             overdue_limit)
            sync = None  # the outbox keeps no history: the backlog at that day's end cannot be known
        else:
            overdue_count, overdue, limits = _overdue(session, verifier, clock, day, office_code, overdue_limit)
            sync = SyncFigures(outbox.pending_count(session), outbox.rejected_count(session), _last_sync(session))
        risk = _risk(session, start, end, office_code)
    levels = sorted({level for _, level in flows_by_level} | set(LEVELS_SHOWN), reverse=True)
    by_level = tuple(
        LevelFigures(level, {f: flows_by_level.get((f, level), ZERO) for f in FLOWS}) for level in levels
    )
    totals = {f: sum((lv[f] for lv in by_level), ZERO) for f in FLOWS}
    return DailySummary(
        day=day,
        office_code=office_code,
        tz_name=clock.tz_name,
        as_of=as_of,
        complete=over,
        flows=totals,
        drafts_received=drafts,
        disputed_accepted=disputed,
        by_level=by_level,
        by_clerk=clerks,
        top_employers=employers,
        overdue_count=overdue_count,
        overdue=overdue,
        review_workdays=limits,
        sync=sync,
        risk=risk,
    )


def _verifier(store: Store) -> Verifier:
    return Verifier.load(store.data_dir)


def _office_filter(office_code: str | None) -> list[Any]:
    return [] if office_code is None else [Case.office_code == office_code]


def _received(session: Session, start: dt.datetime, end: dt.datetime,
              office_code: str | None) -> tuple[dict[int, Tally], int, tuple[EmployerFigures, ...]]:
    """Cases created in [start, end): by level, drafts among them, the employers most applied from.

    One pass over the day's cases (the created_at index): grouped by level, draft or not and
    employer, then folded here — a few hundred groups at most."""
    by_level: dict[int, Tally] = {}
    by_employer: dict[str, Tally] = {}
    drafts = 0
    # Still a draft at the day's end (issue 17.8): not accepted by then, and a draft now or changed since.
    # For the running day (``end`` still ahead) that is simply "a draft now".
    draft_at_end = and_(or_(Case.accepted_at.is_(None), Case.accepted_at >= end),
                        or_(Case.state == State.draft.value, Case.state_changed_at >= end))
    for level, is_draft, employer, n, amount in session.execute(
        select(Case.cert_level, draft_at_end, Case.employer_name, func.count(),
               func.coalesce(func.sum(Case.amount_yuan), 0))
        .where(Case.created_at >= start, Case.created_at < end, *_office_filter(office_code))
        .group_by(Case.cert_level, draft_at_end, Case.employer_name)
    ):
        tally = Tally(n, amount)
        by_level[level] = by_level.get(level, ZERO) + tally
        by_employer[employer or ""] = by_employer.get(employer or "", ZERO) + tally
        drafts += n if is_draft else 0
    top = sorted(by_employer.items(), key=lambda item: (-item[1].count, -item[1].amount_yuan, item[0]))
    return by_level, drafts, tuple(EmployerFigures(name, tally) for name, tally in top[:TOP_EMPLOYERS])


def _display_names(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(usernames))
    if not wanted:
        return {}
    rows = session.execute(select(Staff.username, Staff.display_name).where(Staff.username.in_(wanted)))
    return {username: name for username, name in rows}


def _by_clerk(session: Session, accepted_by: Mapping[str, tuple[Tally, int]]) -> tuple[ClerkFigures, ...]:
    names = _display_names(session, accepted_by)
    clerks = [ClerkFigures(user, names.get(user, user), tally, disputed)
              for user, (tally, disputed) in accepted_by.items()]
    return tuple(sorted(clerks, key=lambda c: (-c.accepted.count, -c.accepted.amount_yuan, c.username)))


def _last_sync(session: Session) -> dt.datetime | None:
    value = get_meta(session, META_LAST_SYNC)
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


def _risk(session: Session, start: dt.datetime, end: dt.datetime, office_code: str | None) -> RiskFigures | None:
    if session.scalar(select(RiskFlag.id).limit(1)) is None:
        return None
    # Open at the day's end (issue 17.8): raised before it, not cleared by then; for the running day, open now.
    query = select(RiskFlag.code, func.count()).where(
        RiskFlag.raised_at < end, or_(RiskFlag.cleared_at.is_(None), RiskFlag.cleared_at >= end))
    raised = select(func.count()).select_from(RiskFlag).where(RiskFlag.raised_at >= start, RiskFlag.raised_at < end)
    if office_code is not None:
        query = query.join(Case, Case.id == RiskFlag.case_id).where(Case.office_code == office_code)
        raised = raised.join(Case, Case.id == RiskFlag.case_id).where(Case.office_code == office_code)
    by_code = sorted(session.execute(query.group_by(RiskFlag.code)).tuples(), key=lambda r: (-r[1], r[0]))
    return RiskFigures(sum(n for _, n in by_code), int(session.scalar(raised) or 0), tuple(by_code))


# --- reviews past their time limit ---------------------------------------------------------------


def _nth_workday_before(cal: WorkCalendar, day: dt.date, n: int) -> dt.date:
    """A case whose review started on office day ``a`` is overdue on ``day`` exactly when ``a`` is
    before this date (``review_time``: one rule for the reviewer's queue and this summary)."""
    return review_time.latest_start_overdue_on(cal, day, n)


def _objections(session: Session, office_code: str | None, before: dt.datetime | None = None) -> dict[str, dt.datetime]:
    """Case number -> its latest objection (before ``before``): an objection restarts the review time
    (``review_time``).  Objections are few: read whole."""
    # From the objections (few) to their cases by id: a join from the cases' side read a million rows.
    query = select(Objection.case_id, func.max(Objection.recorded_at)).group_by(Objection.case_id)
    if before is not None:
        query = query.where(Objection.recorded_at < before)
    latest = {case_id: at for case_id, at in session.execute(query) if at is not None}
    ids = sorted(latest)
    found: dict[str, dt.datetime] = {}
    for i in range(0, len(ids), 900):  # SQLite's bound-parameter limit, with room
        numbers = select(Case.id, Case.case_no).where(Case.id.in_(ids[i:i + 900]), *_office_filter(office_code))
        found.update((case_no, latest[case_id]) for case_id, case_no in session.execute(numbers))
    return found


def _review_start(clock: Clock, row: Any, objections: Mapping[str, dt.datetime]) -> dt.date:
    return clock.local_date(review_time.review_started_at(row.accepted_at, row.created_at, objections.get(row.case_no)))


@dataclass
class _CaseLimits:
    """A case's review time limit from its own policy (its dates, region and national policy id),
    remembered per combination: cases of one day and region share it."""

    book: PolicyBook
    _known: dict[tuple[dt.date, str, str], int] = field(default_factory=dict)

    def __call__(self, application_date: dt.date, region: str, policy_id: str) -> int:
        key = (application_date, region, policy_id)
        if key not in self._known:
            self._known[key] = self.book.decided_under(application_date, region, policy_id).review_workdays
        return self._known[key]


def review_limits(book: PolicyBook) -> tuple[int, ...]:
    """Every review time limit a case can have: the national policies' and the overlays' values."""
    values = {p.review_workdays for p in book.nationals}
    values |= {o.changes["review_workdays"] for o in book.overlays if "review_workdays" in o.changes}
    return tuple(sorted(values)) or (0,)


_OVERDUE_COLUMNS = (Case.case_no, Case.state, Case.cert_level, Case.occupation_code, Case.occupation_name,
                    Case.accepted_by, Case.accepted_at, Case.created_at, Case.application_date,
                    Case.application_region, Case.policy_id)


def _overdue(session: Session, verifier: Verifier, clock: Clock, day: dt.date, office_code: str | None,
             limit: int) -> tuple[int, tuple[OverdueReview, ...], tuple[int, ...]]:
    cal = verifier.calendar
    limits = review_limits(verifier.book)
    limit = max(limit, 0)
    # Accepted before ``sure``: overdue under the longest limit, so under any.  Accepted from
    # ``sure`` to ``maybe``: depends on the case's own policy.  From ``maybe`` on: not overdue.
    sure = day_bounds(_nth_workday_before(cal, day, max(limits)), clock)[0]
    maybe = day_bounds(_nth_workday_before(cal, day, min(limits)), clock)[0]
    case_limit = _CaseLimits(verifier.book)
    base = [Case.state.in_([s.value for s in OPEN_FOR_REVIEW]), *_office_filter(office_code)]
    # Counted by acceptance through the index; the few cases an objection sent back are judged again
    # by their latest objection below (``review_time``), so fetch enough to fill the list without them.
    objections = _objections(session, office_code)
    fetch = limit + len(objections)
    rows = list(heapq.merge(*(
        _longest_overdue(session, state, [*_office_filter(office_code), Case.accepted_at < sure], fetch + 1)
        for state in OPEN_FOR_REVIEW
    ), key=_acceptance_order))[:fetch + 1]
    if len(rows) > fetch:  # more than are listed: count them all (the list stays capped)
        rows = rows[:fetch]
        count = int(session.scalar(select(func.count()).select_from(Case).where(*base, Case.accepted_at < sure)) or 0)
    else:
        count = len(rows)
    if maybe > sure:
        for row in session.execute(
            select(*_OVERDUE_COLUMNS).where(*base, Case.accepted_at >= sure, Case.accepted_at < maybe)
            .order_by(Case.accepted_at, Case.case_no)
        ):
            n = case_limit(row.application_date, row.application_region, row.policy_id)
            if clock.local_date(row.accepted_at) < _nth_workday_before(cal, day, n):
                count += 1
                if len(rows) < fetch:
                    rows.append(row)
    if objections:
        count, rows = _objected_again(session, cal, clock, day, base, case_limit, objections, count, rows)
    return count, _listed(session, cal, clock, day, rows[:limit], limits, case_limit, objections), limits


def _objected_again(session: Session, cal: WorkCalendar, clock: Clock, day: dt.date, base: list[Any],
                    case_limit: _CaseLimits, objections: Mapping[str, dt.datetime], count: int,
                    rows: list[Any]) -> tuple[int, list[Any]]:
    """The count and list of ``_overdue`` with each open case an objection sent back judged from its latest
    objection instead of its acceptance (the reviewer's queue does the same: ``review.review_deadline``)."""
    overdue_now: dict[str, Any] = {}
    for row in session.execute(select(*_OVERDUE_COLUMNS).where(*base, Case.case_no.in_(list(objections)))):
        bound = _nth_workday_before(cal, day, case_limit(row.application_date, row.application_region, row.policy_id))
        counted = row.accepted_at is not None and clock.local_date(row.accepted_at) < bound
        late = _review_start(clock, row, objections) < bound
        count += int(late) - int(counted)
        if late:
            overdue_now[row.case_no] = row
    kept = [r for r in rows if r.case_no not in objections]
    return count, sorted([*kept, *overdue_now.values()], key=_acceptance_order)


def _listed(session: Session, cal: WorkCalendar, clock: Clock, day: dt.date, rows: Sequence[Any],
            limits: tuple[int, ...], case_limit: _CaseLimits,
            objections: Mapping[str, dt.datetime]) -> tuple[OverdueReview, ...]:
    """The listed rows (``_OVERDUE_COLUMNS``, ``state`` the state shown) as ``OverdueReview``s, each
    deadline counted from the review's start (``review_time``)."""
    if not rows:
        return ()
    one_limit = len(limits) == 1
    names = _display_names(session, (r.accepted_by for r in rows if r.accepted_by))
    accepted = [clock.local_date(r.accepted_at) for r in rows]
    starts = [_review_start(clock, r, objections) for r in rows]
    table = WorkdayTable(cal, min(accepted + starts), day)
    listed = []
    for row, accepted_on, started_on in zip(rows, accepted, starts, strict=True):
        n = limits[0] if one_limit else case_limit(row.application_date, row.application_region, row.policy_id)
        deadline, provisional = table.add_workdays(started_on, n)
        listed.append(OverdueReview(
            case_no=row.case_no,
            state=State(row.state),
            level=row.cert_level,
            occupation=_occupation_name(row.occupation_code, row.occupation_name),
            accepted_by=names.get(row.accepted_by or "", row.accepted_by or ""),
            accepted_on=accepted_on,
            deadline=deadline,
            workdays_overdue=table.workdays_between(deadline, day),
            provisional=provisional,
        ))
    return tuple(listed)


def _overdue_at_end(session: Session, verifier: Verifier, clock: Clock, day: dt.date, end: dt.datetime,
                    office_code: str | None, limit: int) -> tuple[int, tuple[OverdueReview, ...], tuple[int, ...]]:
    """Reviews past their time limit as the past ``day`` ended (issue 17.8): a case counts when its state at
    that instant was accepted or under review and its deadline was before ``day``.

    A case whose state has not changed since ``end`` was then as it is now, so the figures of the open cases
    (``_overdue``, indexed) hold for all of them; only the cases with a state change after ``end`` — found from
    the audit trail after ``end`` (the seq range of ``_window``: for yesterday, one day of entries) — are
    judged again, each by its own state then (``_changed_since``).  The count is exact; the list, capped, is
    the open cases' list with those cases taken out or put in, in acceptance order."""
    count, listed, limits = _overdue(session, verifier, clock, day, office_code, max(limit, 0))
    cal = verifier.calendar
    # Only a case accepted before the latest acceptance overdue under the shortest limit can be late, then
    # or now (an objection only starts the time later).
    accepted_before = min(end, day_bounds(_nth_workday_before(cal, day, min(limits)), clock)[0])
    after = _window(session.connection(), end, clock.now() + CLOCK_SLACK)
    states = _changed_since(session, after, end, accepted_before, office_code)
    if not states:
        return count, listed, limits
    columns = [column for column in _OVERDUE_COLUMNS if column is not Case.state]
    case_limit = _CaseLimits(verifier.book)
    before: dict[int, dt.date] = {}
    objections_now, objections_then = _objections(session, office_code), _objections(session, office_code, end)

    def late(row: Any, objections: Mapping[str, dt.datetime]) -> bool:
        if row.accepted_at is None:
            return False
        n = case_limit(row.application_date, row.application_region, row.policy_id)
        if n not in before:
            before[n] = _nth_workday_before(cal, day, n)
        return _review_start(clock, row, objections) < before[n]

    ids = sorted(states)
    found: list[Any] = []
    for i in range(0, len(ids), 900):  # SQLite's bound-parameter limit, with room
        found += session.execute(select(Case.id, *columns, Case.state.label("now"))
                                 .where(Case.id.in_(ids[i:i + 900]))).all()
    open_states = {s.value for s in OPEN_FOR_REVIEW}
    counted_now = {row.case_no for row in found if row.now in open_states and late(row, objections_now)}
    then = [SimpleNamespace(**row._asdict(), state=states[row.id]) for row in found]
    open_then = sorted((row for row in then if row.state in open_states and late(row, objections_then)),
                       key=_acceptance_order)
    count += len(open_then) - len(counted_now)
    kept = [review for review in listed if review.case_no not in counted_now]
    added = _listed(session, cal, clock, day, open_then, limits, case_limit, objections_then)
    merged = sorted([*kept, *added], key=lambda r: (r.accepted_on, r.case_no))[:max(limit, 0)]
    return count, tuple(merged), limits


def _changed_since(session: Session, after: _Window, end: dt.datetime, accepted_before: dt.datetime,
                   office_code: str | None) -> dict[str, str | None]:
    """Case id -> its state at ``end``, for each case accepted before ``accepted_before`` whose state changed
    in ``after`` (the trail from ``end`` on) and was open for review at ``end``.

    The state at ``end`` is the one the first change after it moved the case from (its ``before``), and the
    acceptance the one that change recorded (``_recorded``): worked out in SQLite (a lone ``min()`` gives the
    other columns of its row), of a day's thousands of changed cases only these few come back.  A case open
    now but not then cannot be late on that day: only an acceptance or an objection, both after ``end``, opens
    a review.  An entry that does not say its ``before`` (none written by this application) is answered from
    the case's own trail: its last state recorded before ``end``."""
    open_states = [s.value for s in OPEN_FOR_REVIEW]
    state_after = func.json_extract(AuditLog.after_json, "$.state")
    entries = (
        select(AuditLog.entity_id.label("case_id"), AuditLog.action.label("first_action"),
               func.json_extract(AuditLog.before_json, "$.state").label("then"),
               *(func.json_extract(AuditLog.after_json, f"$.{FIGURES_KEY}.{key}").label(key)
                 for key in ("accepted_at", "office_code")),
               func.min(AuditLog.seq))
        .where(AuditLog.action.like("case.%"), state_after.is_not(None), *after.where("case"))
        .group_by(AuditLog.entity_id)
        .subquery()
    )
    unsaid = entries.c.then.is_(None)
    query = select(entries.c.case_id, entries.c.then, unsaid.label("unsaid")).where(
        entries.c.first_action != _CREATE_ACTION,  # created since: no case at ``end``
        or_(entries.c.then.in_(open_states), unsaid),
        _recorded(entries, Case.accepted_at) < accepted_before)
    if office_code is not None:
        query = query.where(_recorded(entries, Case.office_code) == office_code)
    states: dict[str, str | None] = {}
    for case_id, then, not_said in session.execute(query):
        states[case_id] = _last_state_before(session, case_id, end) if not_said else then
    return states


def _last_state_before(session: Session, case_id: str, end: dt.datetime) -> str | None:
    """The case's state as its own trail last recorded it before ``end``."""
    state = func.json_extract(AuditLog.after_json, "$.state")
    return session.scalar(
        select(state).where(AuditLog.entity == "case", AuditLog.entity_id == case_id,
                            AuditLog.at < utc_text(end), state.is_not(None))
        .order_by(AuditLog.seq.desc()).limit(1))


def _acceptance_order(row: Any) -> tuple[dt.datetime, str]:
    return row.accepted_at, row.case_no


def _longest_overdue(session: Session, state: State, where: list[Any], n: int) -> list[Any]:
    """The ``n`` cases in ``state`` matching ``where`` accepted first, in acceptance order: one query
    per state walking ``ix_cases_state_accepted_at`` and stopping early (an IN over both states would
    read and sort them all)."""
    query = select(*_OVERDUE_COLUMNS).where(Case.state == state.value, *where)
    return list(session.execute(query.order_by(Case.accepted_at, Case.case_no).limit(n)).all())


def _occupation_name(code: str, name: str) -> str:
    if name:
        return name
    known = occupations().get(code)
    return known.name if known is not None else code


# --- the monthly report ------------------------------------------------------------------------


def _check_month(year: Any, month: Any) -> tuple[int, int]:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2200:
        raise InvalidInput.about("month", "report.bad_year", received=repr(year))
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidInput.about("month", "report.bad_month", received=repr(month))
    return year, month


def prefecture_of(region: str) -> tuple[str, str]:
    """The prefecture-level unit (code, name) of an insured region: 440106 -> (440100, 广州市).

    Municipalities answer with themselves (110000 北京市); a county-level city directly
    under a province with itself; an unknown code with its first four digits + 00."""
    catalogue = regions()
    code = (region or "").strip()
    city = catalogue.city_of(code) if len(code) == 6 else None
    if city is None:
        city = code[:4] + "00" if len(code) == 6 and code.isdigit() else code
    full = catalogue.name(city) or ""
    province = (catalogue.name(city[:2] + "0000") or "") if len(city) == 6 else ""
    short = full[len(province):] if province and full.startswith(province) and full != province else full
    return city, short or full or city


def monthly_report(store: Store, year: int, month: int, office_code: str | None = None) -> MonthlyReport:
    """The 展翅行动 monthly report: applications, rejections and payments by level, occupation and region,
    in cases and in people, with the year to date (issue 17.9).

    Applications: cases accepted at some point (drafts never accepted are not
    applications) whose application date (office date of record) falls in the
    month, whatever became of them since.  Rejections: cases rejected in the
    month (audit trail, office days), with the amount they claimed.  Payments:
    cases whose payment succeeded in the month (audit trail, office days), with
    the case's amount.  People: distinct identity numbers among them (one person
    may apply for several certificates), counted per row — so the rows of a
    dimension may add up to more people than the total.  Region: the prefecture
    of the insured region.  The year to date: the same from 1 January to the
    month's end.  The people counts read one grouped row per person and group,
    not per case."""
    year, month = _check_month(year, month)
    clock = store.clock
    first = dt.date(year, month, 1)
    last = dt.date(year, month, _calendar.monthrange(year, month)[1])
    start, end = day_bounds(first, clock)[0], day_bounds(last, clock)[1]
    as_of = clock.now()
    with store.session(readonly=True) as session:
        groups = _period_groups(session, first, last, start, end, office_code)
        ytd = _period_groups(session, dt.date(year, 1, 1), last, day_bounds(dt.date(year, 1, 1), clock)[0], end,
                             office_code, dimensions=("total",))

    def made(dimension: str, code: str, slot: _Slot) -> MonthlyRow:
        return MonthlyRow(dimension, code, slot.name, slot.tallies[0], slot.tallies[2], len(slot.people[0]),
                          len(slot.people[2]), slot.tallies[1], len(slot.people[1]))

    def rows(dimension: str, order: Any) -> tuple[MonthlyRow, ...]:
        return tuple(sorted((made(dimension, code, slot) for code, slot in groups[dimension].items()), key=order))

    empty = _Slot("合计")
    return MonthlyReport(
        year=year,
        month=month,
        office_code=office_code,
        tz_name=clock.tz_name,
        as_of=as_of,
        complete=as_of >= end,
        total=made("total", "", groups["total"].get("", empty)),
        by_level=rows("level", lambda r: -int(r.code)),
        by_occupation=rows("occupation", lambda r: r.code),
        by_region=rows("region", lambda r: r.code),
        year_to_date=replace(made(YEAR_TO_DATE, "", ytd["total"].get("", empty)), name="本年累计"),
    )


@dataclass
class _Slot:
    """One row being counted: its name, tallies (applications, rejections, payments) and the people of each."""

    name: str
    tallies: list[Tally] = field(default_factory=lambda: [ZERO, ZERO, ZERO])
    people: list[set[str]] = field(default_factory=lambda: [set(), set(), set()])


def _period_groups(session: Session, first: dt.date, last: dt.date, start: dt.datetime, end: dt.datetime,
                   office_code: str | None, dimensions: Sequence[str] = DIMENSIONS) -> dict[str, dict[str, _Slot]]:
    """Applications (by application date in [first, last]), rejections and payments (audit entries in
    [start, end)), folded into ``dimensions``."""
    conn = session.connection()
    keys = (Case.cert_level, Case.occupation_code, func.max(Case.occupation_name), Case.insured_region,
            Case.id_number, func.count(), func.coalesce(func.sum(Case.amount_yuan), 0))
    group = (Case.cert_level, Case.occupation_code, Case.insured_region, Case.id_number)
    applications = session.execute(
        select(*keys).where(Case.application_date >= first, Case.application_date <= last,
                            Case.accepted_at.is_not(None), *_office_filter(office_code)).group_by(*group)
    ).all()
    window = _window(conn, start, end)

    def moved_to(state: State) -> Any:
        return (select(distinct(AuditLog.entity_id).label("case_id"))
                .where(AuditLog.action.like("case.%"),
                       func.json_extract(AuditLog.after_json, "$.state") == state.value, *window.where("case"))
                .subquery())

    def joined(cases_: Any) -> Sequence[Any]:
        return session.execute(select(*keys).join(cases_, cases_.c.case_id == Case.id)
                               .where(*_office_filter(office_code)).group_by(*group)).all()

    rejections, payments = joined(moved_to(State.rejected)), joined(moved_to(State.paid))
    groups: dict[str, dict[str, _Slot]] = {d: {} for d in dimensions}
    for which, found in enumerate((applications, rejections, payments)):
        for level, occ_code, occ_name, region, id_number, n, amount in found:
            keyed: dict[str, tuple[str, str]] = {"total": ("", "合计")}
            if "level" in groups:
                keyed["level"] = (str(level), _level_name(level))
            if "occupation" in groups:
                keyed["occupation"] = (occ_code, _occupation_name(occ_code, occ_name or ""))
            if "region" in groups:
                keyed["region"] = prefecture_of(region)
            for dimension, (code, name) in keyed.items():
                slot = groups[dimension].setdefault(code, _Slot(name))
                slot.tallies[which] = slot.tallies[which] + Tally(n, amount)
                slot.people[which].add(id_number)
    return groups


def _level_name(level: int) -> str:
    return LEVEL_NAMES.get(level, f"{level}级")


def parse_month(value: str) -> tuple[int, int]:
    """``2026-11`` -> (2026, 11); anything else is ``InvalidInput`` naming ``month``."""
    text_value = (value or "").strip()
    parts = text_value.split("-")
    if len(parts) != 2 or len(parts[0]) != 4 or len(parts[1]) != 2 or not all(p.isdigit() for p in parts):
        raise InvalidInput.about("month", "report.bad_month_text", received=repr(value))
    try:
        return _check_month(int(parts[0]), int(parts[1]))
    except InvalidInput as exc:
        raise exc.for_field("month") from None


# --- the quarterly real-name report ---------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterlyRecord:
    """One case for the national real-name collection system: who (by name and full identity number — the
    system is a real-name one), the certificate, the claim and, when paid in the quarter, the payment."""

    case_no: str
    name: str
    id_number: str
    employer_name: str
    employer_uscc: str
    insured_region: str
    cert_number: str
    cert_kind: str
    level: int
    occupation_code: str
    occupation_name: str
    cert_issue_date: dt.date
    application_date: dt.date
    state: State
    amount_yuan: int
    claimed_in_quarter: bool  # applied (and accepted) in the quarter
    paid_on: dt.date | None  # the office day the payment succeeded, when that was in the quarter
    payment_kind: str  # bank | sscard


@dataclass(frozen=True)
class QuarterlyReport:
    year: int
    quarter: int
    office_code: str | None
    tz_name: str
    as_of: dt.datetime
    complete: bool  # the quarter was over when read
    first: dt.date
    last: dt.date
    due: dt.date  # the province reports by the 7th of the month after the quarter (展翅行动 三(二))
    records: tuple[QuarterlyRecord, ...]  # claimed or paid in the quarter, by application date and number
    claims: Tally
    claimants: int  # people among the claims
    payments: Tally
    payees: int
    rejections: Tally  # rejected in the quarter

    @property
    def label(self) -> str:
        return f"{self.year:04d}-Q{self.quarter}"


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date, dt.date]:
    """(first day, last day, due date) of a quarter; refuses a quarter that is not 1 to 4."""
    _check_month(year, 1)
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise InvalidInput.about("quarter", "report.bad_quarter", received=repr(quarter))
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year, 3 * quarter, _calendar.monthrange(year, 3 * quarter)[1])
    after = last + dt.timedelta(days=1)
    return first, last, dt.date(after.year, after.month, QUARTERLY_DUE_DAY)


def quarterly_report(store: Store, year: int, quarter: int, office_code: str | None = None) -> QuarterlyReport:
    """The office's records for the quarterly real-name report (展翅行动 三(二), POLICY.md): every case applied
    for (and accepted) in the quarter and every case paid in it, one record each, with the totals."""
    first, last, due = quarter_bounds(year, quarter)
    clock = store.clock
    start, end = day_bounds(first, clock)[0], day_bounds(last, clock)[1]
    as_of = clock.now()
    with store.session(readonly=True) as session:
        window = _window(session.connection(), start, end)

        def moved_to(state: State) -> dict[str, dt.date]:
            found = session.execute(
                select(AuditLog.entity_id, func.min(AuditLog.at))
                .where(AuditLog.action.like("case.%"),
                       func.json_extract(AuditLog.after_json, "$.state") == state.value, *window.where("case"))
                .group_by(AuditLog.entity_id))
            return {case_id: clock.local_date(dt.datetime.fromisoformat(at)) for case_id, at in found}

        paid, rejected = moved_to(State.paid), moved_to(State.rejected)
        claimed = (Case.application_date >= first) & (Case.application_date <= last) & Case.accepted_at.is_not(None)
        rows = session.scalars(
            select(Case).where(or_(claimed, Case.id.in_(list(paid)) if paid else literal(False)),
                               *_office_filter(office_code))
            .order_by(Case.application_date, Case.case_no)).all()
        rejected_rows = session.execute(
            select(Case.amount_yuan).where(Case.id.in_(list(rejected)), *_office_filter(office_code))).all() \
            if rejected else []
        records = tuple(QuarterlyRecord(
            case_no=r.case_no, name=r.applicant_name, id_number=r.id_number, employer_name=r.employer_name or "",
            employer_uscc=r.employer_uscc or "", insured_region=r.insured_region, cert_number=r.cert_number,
            cert_kind=r.cert_kind, level=r.cert_level, occupation_code=r.occupation_code,
            occupation_name=_occupation_name(r.occupation_code, r.occupation_name or ""),
            cert_issue_date=r.cert_issue_date, application_date=r.application_date, state=State(r.state),
            amount_yuan=r.amount_yuan,
            claimed_in_quarter=first <= r.application_date <= last and r.accepted_at is not None,
            paid_on=paid.get(r.id), payment_kind=r.payment_kind) for r in rows)
    claims = [r for r in records if r.claimed_in_quarter]
    payments_ = [r for r in records if r.paid_on is not None]
    return QuarterlyReport(
        year=year, quarter=quarter, office_code=office_code, tz_name=clock.tz_name, as_of=as_of,
        complete=as_of >= end, first=first, last=last, due=due, records=records,
        claims=Tally(len(claims), sum(r.amount_yuan for r in claims)), claimants=len({r.id_number for r in claims}),
        payments=Tally(len(payments_), sum(r.amount_yuan for r in payments_)),
        payees=len({r.id_number for r in payments_}),
        rejections=Tally(len(rejected_rows), sum(a for (a,) in rejected_rows)),
    )


def parse_quarter(value: str) -> tuple[int, int]:
    """``2026-Q3`` (or ``2026q3``) -> (2026, 3); anything else is ``InvalidInput`` naming ``quarter``."""
    text_value = (value or "").strip().upper().replace("-", "")
    if len(text_value) != 6 or not text_value[:4].isdigit() or text_value[4] != "Q" or text_value[5] not in "1234":
        raise InvalidInput.about("quarter", "report.bad_quarter_text", received=repr(value))
    try:
        return _check_month(int(text_value[:4]), 1)[0], int(text_value[5])
    except InvalidInput as exc:
        raise exc.for_field("quarter") from None


__all__ = [
    "CLOCK_SLACK",
    "DIMENSIONS",
    "FLOWS",
    "FLOW_LABELS",
    "LEVELS_SHOWN",
    "OPEN_FOR_REVIEW",
    "OVERDUE_LIMIT",
    "RECEIVED",
    "ClerkFigures",
    "DailySummary",
    "EmployerFigures",
    "LevelFigures",
    "MonthlyReport",
    "YEAR_TO_DATE",
    "MonthlyRow",
    "OverdueReview",
    "QuarterlyRecord",
    "QuarterlyReport",
    "RiskFigures",
    "SyncFigures",
    "Tally",
    "daily_summary",
    "day_bounds",
    "monthly_report",
    "parse_month",
    "parse_quarter",
    "prefecture_of",
    "quarter_bounds",
    "quarterly_report",
    "review_limits",
]
