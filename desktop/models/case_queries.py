"""Paged case-list queries for the window, fast over a million cases.

Keyset pagination: a page ends with a ``Cursor`` (the last row's sort key) and
the next page starts strictly after it, so page 5,000 costs what page 1 costs
and nothing ever holds all rows.  Only the columns a list shows are read.

What the clerk typed decides what is searched (``search_kinds``):

* nothing: every case, newest first;
* the shape of a case number (``440100-AB3K-20261127-0001`` or a prefix of it,
  1-6 digits included): a case-number prefix, in case-number order, newest
  first.  That is the order of the unique index, so a prefix matching a whole
  office ("4401") still answers its first page at once — a created-time order
  would sort every match first;
* otherwise: the exact (normalised) certificate number, the exact ID number
  when the text has an ID number's shape, and a name prefix when the text is
  not all digits — each one indexed query, merged newest first.

A name prefix may match tens of thousands of cases (a common surname is ~7% of
people), so it never reads them all from the table: one character walks the
index on a name's first character, already newest first, and stops after a
page; a longer prefix takes the page's newest rowids from the name index alone
(it carries the sort key), then reads just those rows.

Input is normalised like the stored values: full-width to ASCII (NFKC),
spaces removed, letters upper-cased for numbers (names keep their case).
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    func,
    literal,
    literal_column,
    select,
    tuple_,
    union,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from desktop.models import audit, payee_changes, publicity
from desktop.models.annotations import Annotation, annotations_in
from desktop.models.approval import OWN_CASE
from desktop.models.audit import AuditEntry
from desktop.models.cases import GENERIC_TRANSITIONS, SERVICE_MOVES, CaseRecord, State, get_case, record_of
from desktop.models.document_kinds import DOCUMENT_ACTIONS
from desktop.models.masking import mask_id
from desktop.models.payee_changes import PayeeProposal
from desktop.models.schema import Case, UTCDateTime, name_initial
from desktop.models.staff import Action, StaffUser, can
from desktop.models.store import Store

PAGE_SIZE = 200
COUNT_CAP = 1_000
_TOP = "\U0010ffff"  # sorts after every character SQLite will hold: "prefix" <= x < "prefix" + _TOP
# What every index entry of cases points to the row with.
_ROWID: ColumnElement[int] = literal_column(f"{Case.__tablename__}.rowid", Integer())

_WHITESPACE = re.compile(r"\s+")
# 440100-AB3K-20261127-0001 and every prefix of it (office, device code, office day, sequence).
_CASE_NO_PREFIX = re.compile(r"\d{1,6}(-[0-9A-Z]{0,4}(-\d{0,8}(-\d{0,4})?)?)?")
_ID_NUMBER = re.compile(r"\d{17}[0-9X]|\d{15}")


class SearchKind(StrEnum):
    all = "all"
    case_no = "case_no"
    id_number = "id_number"
    cert_number = "cert_number"
    name = "name"


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list: personal data already masked."""

    id: str
    case_no: str
    state: State
    applicant_name: str
    id_number_masked: str
    occupation_name: str
    cert_level: int
    amount_yuan: int
    application_date: dt.date
    created_by: str
    disputed: bool


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort key of its last row.  Opaque to views."""

    created_at: dt.datetime
    case_no: str


@dataclass(frozen=True)
class _Filters:
    states: tuple[str, ...] | None
    day: dt.date | None
    created_by: str | None


def normalise_query(text: str) -> str:
    """Full-width to ASCII and every space (U+3000 included) removed."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def search_kinds(text: str) -> tuple[SearchKind, ...]:
    """Which searches ``text`` runs, decided by its shape (see the module docstring)."""
    name = normalise_query(text)
    code = name.upper()
    if not code:
        return (SearchKind.all,)
    if _CASE_NO_PREFIX.fullmatch(code):
        return (SearchKind.case_no,)
    kinds = [SearchKind.cert_number]
    if _ID_NUMBER.fullmatch(code):
        kinds.append(SearchKind.id_number)
    if not code.isdigit():
        kinds.append(SearchKind.name)
    return tuple(kinds)


# --- building the queries ---------------------------------------------------

_ROW_COLUMNS = (
    Case.id,
    Case.case_no,
    Case.state,
    Case.applicant_name,
    Case.id_number,
    Case.occupation_name,
    Case.cert_level,
    Case.amount_yuan,
    Case.application_date,
    Case.created_by,
    Case.disputed,
    Case.created_at,
)


def _filters(states: Collection[State] | None, day: dt.date | None, created_by: str | None) -> _Filters:
    wanted = None if states is None else tuple(sorted({State(s).value for s in states}))
    return _Filters(wanted, day, created_by)


def _unindexed(column: ColumnElement[str]) -> ColumnElement[str]:
    """SQLite's unary ``+``: the same value, but the planner will not pick an index for it."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=String())


def _filter_terms(filters: _Filters, *, state_index: bool) -> list[ColumnElement[bool]]:
    terms: list[ColumnElement[bool]] = []
    if filters.states is not None:
        # Beside a text match the state must not drive the plan: without statistics SQLite
        # would otherwise walk every paid case to find one ID number.
        state = Case.state if state_index else _unindexed(Case.state.expression)
        terms.append(state.in_(filters.states))
    if filters.day is not None:
        terms.append(Case.application_date == filters.day)
    if filters.created_by is not None:
        terms.append(Case.created_by == filters.created_by)
    return terms


def _by_initial(text: str) -> bool:
    """Whether a name search for ``text`` is one character, searched through the initial's index."""
    return len(normalise_query(text)) == 1


def _match_term(kind: SearchKind, text: str) -> ColumnElement[bool] | None:
    name = normalise_query(text)
    code = name.upper()
    if kind is SearchKind.all:
        return None
    if kind is SearchKind.case_no:
        # A range rather than LIKE: SQLite's LIKE is case-insensitive and skips the index.
        return and_(Case.case_no >= code, Case.case_no < code + _TOP)
    if kind is SearchKind.id_number:
        return Case.id_number == code
    if kind is SearchKind.cert_number:
        return Case.cert_number == code
    if _by_initial(text):
        return name_initial() == name  # the same cases as the range below, through an index newest first
    return and_(Case.applicant_name >= name, Case.applicant_name < name + _TOP)


def _where(kind: SearchKind, text: str, filters: _Filters) -> list[ColumnElement[bool]]:
    match = _match_term(kind, text)
    return ([match] if match is not None else []) + _filter_terms(filters, state_index=match is None)


def _page_query(kind: SearchKind, text: str, filters: _Filters, after: Cursor | None, limit: int) -> Select[Any]:
    where = _where(kind, text, filters)
    if kind is SearchKind.case_no:
        if after is not None:
            where.append(Case.case_no < after.case_no)
        return select(*_ROW_COLUMNS).where(*where).order_by(Case.case_no.desc()).limit(limit)
    if after is not None:
        # A row value, so SQLite can seek an index on (created_at, case_no) to the cursor.
        key = tuple_(literal(after.created_at, UTCDateTime()), literal(after.case_no))
        where.append(tuple_(Case.created_at, Case.case_no) < key)
    newest_first = (Case.created_at.desc(), Case.case_no.desc())
    if kind is SearchKind.name and not _by_initial(text):
        # Two steps, so that only a page of rows is read from the table: the newest matches'
        # rowids from the name index alone (it holds the sort key: a top-k over index entries),
        # then those rows.  correlate(None): the inner query reads its own cases, not the outer's.
        newest = select(_ROWID).select_from(Case).where(*where).order_by(*newest_first).limit(limit).correlate(None)
        return select(*_ROW_COLUMNS).where(_ROWID.in_(newest)).order_by(*newest_first)
    return select(*_ROW_COLUMNS).where(*where).order_by(*newest_first).limit(limit)


def page_queries(
    text: str,
    *,
    states: Collection[State] | None = None,
    day: dt.date | None = None,
    created_by: str | None = None,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> list[Select[Any]]:
    """The SQL ``search_page`` runs, one query per kind (exposed for EXPLAIN QUERY PLAN tests)."""
    filters = _filters(states, day, created_by)
    queries = []
    for kind in search_kinds(text):
        if kind is SearchKind.all and filters.states is not None and len(filters.states) > 1:
            # One query per state, merged: each walks the (state, created_at) index newest
            # first and stops after a page, where an IN list would sort every match.
            for state in filters.states:
                queries.append(_page_query(kind, text, replace(filters, states=(state,)), after, limit))
        else:
            queries.append(_page_query(kind, text, filters, after, limit))
    return queries


def _sort_key(row: Any) -> tuple[dt.datetime, str]:
    return (row.created_at, row.case_no)


def _case_row(row: Any) -> CaseRow:
    return CaseRow(
        id=row.id,
        case_no=row.case_no,
        state=State(row.state),
        applicant_name=row.applicant_name,
        id_number_masked=mask_id(row.id_number),
        occupation_name=row.occupation_name or "",
        cert_level=row.cert_level,
        amount_yuan=row.amount_yuan,
        application_date=row.application_date,
        created_by=row.created_by,
        disputed=bool(row.disputed),
    )


def _merge(results: Iterable[list[Any]], limit: int) -> list[Any]:
    """Newest first across the kinds' answers, a case matched twice listed once."""
    seen: set[str] = set()
    merged: list[Any] = []
    for row in heapq.merge(*results, key=_sort_key, reverse=True):
        if row.id not in seen:
            seen.add(row.id)
            merged.append(row)
            if len(merged) == limit:
                break
    return merged


# --- the queries the views call ---------------------------------------------


def search_page(
    store: Store,
    text: str,
    *,
    states: Collection[State] | None = None,
    day: dt.date | None = None,
    created_by: str | None = None,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> tuple[list[CaseRow], Cursor | None]:
    """One page of matches and the cursor of the next page (None: this was the last).

    ``states`` keeps cases in those states (None: all; empty: none),
    ``day`` those applied for on that office day, ``created_by`` those a clerk filed.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if states is not None and not states:
        return [], None
    # One row more than asked tells whether another page exists without a count.
    queries = page_queries(text, states=states, day=day, created_by=created_by, after=after, limit=limit + 1)
    with store.session(readonly=True) as session:
        results = [list(session.execute(query)) for query in queries]
    rows = results[0] if len(results) == 1 else _merge(results, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = Cursor(rows[-1].created_at, rows[-1].case_no) if more else None
    return [_case_row(row) for row in rows], cursor


def search_records(store: Store, text: str, limit: int = 50) -> list[CaseRecord]:
    """``search_page``'s matches as full records, in its order (newest first), read in one session.
    Empty text lists the newest cases."""
    rows, _ = search_page(store, text, limit=limit)
    ids = [row.id for row in rows]
    with store.session(readonly=True) as session:
        found = {case.id: record_of(case) for case in session.scalars(select(Case).where(Case.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def today_queue(
    store: Store,
    clerk_username: str | None,
    day: dt.date,
    *,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> tuple[list[CaseRow], Cursor | None]:
    """The counter's day: cases applied for on ``day`` (filed by ``clerk_username`` if given), newest first."""
    return search_page(store, "", day=day, created_by=clerk_username, after=after, limit=limit)


def count(
    store: Store,
    text: str,
    *,
    states: Collection[State] | None = None,
    day: dt.date | None = None,
    created_by: str | None = None,
    cap: int = COUNT_CAP,
) -> int:
    """How many cases match, counting no further than ``cap`` + 1.

    A result above ``cap`` means "more than ``cap``": counting a whole
    million-case table on every keystroke would cost more than the answer is worth.
    """
    if states is not None and not states:
        return 0
    filters = _filters(states, day, created_by)
    # Each kind stops at cap + 1 before the union, which reads all it is given before any LIMIT
    # (a surname matches tens of thousands of cases).  Still exact: below the cap no kind was
    # cut short, and a kind cut short alone makes more than the cap.  Rowids, not ids: the
    # rowid is in every index entry, the id only in the table.
    hits = []
    for kind in search_kinds(text):
        branch = select(_ROWID.label("hit")).select_from(Case).where(*_where(kind, text, filters))
        hits.append(select(branch.limit(cap + 1).subquery().c.hit))
    matches = (hits[0] if len(hits) == 1 else union(*hits)).limit(cap + 1).subquery()
    with store.session(readonly=True) as session:
        return int(session.scalar(select(func.count()).select_from(matches)) or 0)


def case_row(store: Store, case_id: str) -> CaseRow | None:
    """One case as a list line (to update it in place after a change); None if unknown."""
    with store.session(readonly=True) as session:
        row = session.execute(select(*_ROW_COLUMNS).where(Case.id == case_id)).first()
    return None if row is None else _case_row(row)


# --- one case ----------------------------------------------------------------


@dataclass(frozen=True)
class CaseDetail:
    """What the case page shows: the case, its history and the documents issued for it."""

    case: CaseRecord
    timeline: tuple[AuditEntry, ...]  # oldest first
    documents: tuple[AuditEntry, ...]  # prints and reprints, oldest first
    annotations: tuple[Annotation, ...] = ()  # what the central system added (duplicates first to see)
    payee_change: PayeeProposal | None = None  # a change of payee waiting for a second person


def _is_document(entry: AuditEntry) -> bool:
    return entry.action in DOCUMENT_ACTIONS


def case_detail(store: Store, case_id: str) -> CaseDetail:
    """The case (full personal data: this is the case itself), its audit trail and documents.

    Raises ``NotFound`` for an unknown id or case number.
    """
    record = get_case(store, case_id)
    with store.session(readonly=True) as session:
        entries = tuple(audit.entries(session, entity="case", entity_id=record.id))
        notes = tuple(annotations_in(session, [record.id]).get(record.id, ()))
        waiting = payee_changes.pending_proposal(session, record.id, record.case_no)
    return CaseDetail(record, entries, tuple(e for e in entries if _is_document(e)), notes, waiting)


def allowed_transitions(actor: StaffUser, case: CaseRecord) -> tuple[State, ...]:
    """The states ``actor`` may move ``case`` to now with ``cases.transition``, in table order.

    Only the generic moves (``GENERIC_TRANSITIONS``): those of ``SERVICE_MOVES`` are the
    services' (``service_actions``).  The same checks ``cases.transition`` makes before it
    changes anything, so a window offers exactly the buttons that can succeed.
    """
    return tuple(target for (source, target), action in GENERIC_TRANSITIONS.items()
                 if source is case.state and can(actor, action))


class ServiceAction(StrEnum):
    """A back-office service a case page may run on one case (``SERVICE_MOVES``)."""

    pass_review = "pass_review"  # review.pass_review: under_review → publicized
    approve = "approve"  # approval.approve: publicized → approved, after the publicity period closed
    requeue_payment = "requeue_payment"  # payments.requeue_payment: payment_failed → approved
    record_objection = "record_objection"  # publicity.record_objection: publicized → under_review
    confirm_payee = "confirm_payee"  # payee_changes.confirm_payee_change: the second person (issue 14.6)
    decline_payee = "decline_payee"  # payee_changes.decline_payee_change


@dataclass(frozen=True)
class ServiceOffer:
    """What the services let ``actor`` do to the case now, and why not the rest."""

    actions: tuple[ServiceAction, ...]  # in ``ServiceAction`` order
    notes: tuple[str, ...]  # a move the actor's role makes but not here, or not yet: where, or why


def service_offer(store: Store, actor: StaffUser, case: CaseRecord) -> ServiceOffer:
    """The service actions ``actor`` may take on ``case`` now, from the services' own cheap checks
    (the role's permission, the state, the four-eyes rule, ``publicity.approval_problem``).  A
    service still checks everything when it runs: what cannot be known without running it (open
    risk flags, a missing review note) is refused then, in words."""
    state = case.state
    actions: list[ServiceAction] = []
    notes: list[str] = []
    if state is State.under_review and can(actor, Action.case_publicize):
        actions.append(ServiceAction.pass_review)
    if state is State.publicized and can(actor, Action.case_approve):
        if case.accepted_by == actor.username:
            notes.append(OWN_CASE)
        else:
            with store.session(readonly=True) as session:
                row = session.get(Case, case.id)
                problem = ("未找到此案件" if row is None
                           else publicity.approval_problem(session, row, store.clock.today()))
            if problem is None and case.amount_yuan <= 0:
                problem = "核定补贴金额为0元"
            if problem is None:
                actions.append(ServiceAction.approve)
            else:
                notes.append(problem)
    if state is State.payment_failed and can(actor, Action.case_requeue_payment):
        actions.append(ServiceAction.requeue_payment)
    if state is State.publicized and can(actor, Action.case_object):
        actions.append(ServiceAction.record_objection)
    if state is State.approved and can(actor, Action.case_pay):
        notes.append(SERVICE_MOVES[State.approved, State.paid])
    _payee_change_offer(store, actor, case, actions, notes)
    return ServiceOffer(tuple(actions), tuple(notes))


def _payee_change_offer(store: Store, actor: StaffUser, case: CaseRecord, actions: list[ServiceAction],
                        notes: list[str]) -> None:
    """Confirming a waiting payee change is for a second person; declining (or withdrawing) for both."""
    may_confirm, may_requeue = can(actor, Action.case_confirm_payee), can(actor, Action.case_requeue_payment)
    if not (may_confirm or may_requeue):
        return
    with store.session(readonly=True) as session:
        waiting = payee_changes.pending_proposal(session, case.id, case.case_no)
    if waiting is None:
        return
    if may_confirm and waiting.proposed_by != actor.username:
        actions.append(ServiceAction.confirm_payee)
    elif may_confirm:
        notes.append("收款账户变更由您提出，须由另一人确认")
    actions.append(ServiceAction.decline_payee)


def service_actions(store: Store, actor: StaffUser, case: CaseRecord) -> tuple[ServiceAction, ...]:
    """The service actions ``actor`` may take on ``case`` now (``service_offer``)."""
    return service_offer(store, actor, case).actions


def explain(session: Session, query: Select[Any]) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN lines for ``query`` (for tests and for tuning)."""
    sql = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    return [str(row[-1]) for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]


__all__ = [
    "COUNT_CAP",
    "PAGE_SIZE",
    "CaseDetail",
    "CaseRow",
    "Cursor",
    "SearchKind",
    "ServiceAction",
    "ServiceOffer",
    "allowed_transitions",
    "case_detail",
    "case_row",
    "count",
    "explain",
    "normalise_query",
    "page_queries",
    "search_kinds",
    "search_page",
    "search_records",
    "service_actions",
    "service_offer",
    "today_queue",
]
