"""Applying a pushed batch: each change exactly once, the case as its office sent it.

One transaction per batch.  An item whose idempotency key is already in
``changes`` is answered ``already_applied`` and not touched again (a retry
after a lost answer, the same batch twice, a client killed before it
recorded the answer).  The central system never edits a case: it keeps the
newest record the owning office sent (by the case's ``version``), keeps the
national ledger from it, and adds annotations (a duplicate claim, a ledger
entry) that flow back to the office on pull.

Pushes run side by side (issue 19.6); what must not interleave is locked,
and only for as long as it must:

- the people a batch files claims for (a transaction-scoped advisory lock per
  ID number on PostgreSQL): two counters accepting the same claim at the same
  moment are taken one after the other, so the second's duplicate check sees
  the first's ledger entry and the pair is flagged;
- the cases it changes (``FOR UPDATE`` on their rows): two pushes of one case
  cannot both write over an older version;
- the ledger and annotation sequence counters (``db.Sequences``), taken as the
  very last step before commit and only by a push that writes a ledger entry
  or an annotation: numbers become visible in the order they were handed out,
  so a pull cursor never passes a row that commits later.  Everything else —
  reading, checking, deciding — happens before, outside that lock.

SQLite writers exclude each other anyway (``BEGIN IMMEDIATE``).

Authority (issue 14.3): a device may push only its own office's cases, under
its own office's case numbers (``{office}-…``); anything else refuses the
whole batch (403) and is recorded for the central administrator
(``incidents``).  A claim counts against the person at other offices only
when it is authoritative (``authority``); one filed outside the person's
insured pooling area is annotated and flagged instead.  Payment events keep
the disbursement record (``disbursements``, issue 14.1): a second
disbursement of a case is rejected.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_json
from sqlalchemy import BindParameter, Connection, Engine, bindparam, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from central import authority, incidents
from central.auth import Device
from central.db import (
    Sequences,
    case_notes,
    cases,
    changes,
    claim_authority,
    duplicate_findings,
    ledger,
    utcnow,
    write,
)
from central.disbursements import PAYMENT_OPS, Book
from central.incidents import ACTION_FLAGGED, ACTION_REFUSED, KIND_FOREIGN_CASE, KIND_FOREIGN_CASE_NO, KIND_OUTSIDE_AREA
from central.protect import LookupKey, minimised
from wire import (
    ANNOTATION_DUPLICATE,
    ANNOTATION_JURISDICTION,
    ANNOTATION_LEDGER,
    ENTITY_CASE,
    ENTITY_DOCUMENT,
    STREAM_ANNOTATIONS,
    STREAM_LEDGER,
    CaseSnapshot,
    ItemAnswer,
    PushAnswer,
    PushBatch,
    PushItem,
)

# A case counts in the ledger from acceptance on, unless it ended up rejected or withdrawn
# (the counter's own ledger does the same: desktop.models.cases).
_NOT_IN_LEDGER = frozenset({"draft", "rejected", "withdrawn"})
_CHUNK = 500
_PERSON_LOCK_SALT = 196  # advisory lock keys of people: hashtextextended(id_number, salt)
_LOCK_PEOPLE = text("SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(p, :salt) AS k "
                    "FROM unnest(CAST(:people AS text[])) AS p ORDER BY k) AS keys")


# The batch's statements, built once (SQLAlchemy builds and keys a statement in about as long as
# PostgreSQL takes to answer it, issue 19.6); ``values``: one chunk of the batch's keys.
_VALUES: BindParameter[list[str]] = bindparam("values", expanding=True)
_APPLIED = select(changes.c.idempotency_key).where(changes.c.idempotency_key.in_(_VALUES))
_OWNERS = select(cases.c.id, cases.c.case_no).where(cases.c.case_no.in_(_VALUES))
_CASES_LOCKED = (select(cases.c.id, cases.c.case_no, cases.c.office_code, cases.c.version)
                 .where(cases.c.id.in_(_VALUES)).order_by(cases.c.id).with_for_update())
_IN_LEDGER = select(ledger.c.case_id, ledger.c.active).where(ledger.c.case_id.in_(_VALUES))
_ACTIVE_CLAIMS = (select(ledger.c.case_id, ledger.c.case_no, ledger.c.office_code, ledger.c.id_number,
                         ledger.c.occupation_code, ledger.c.level, claim_authority.c.authoritative)
                  .select_from(ledger.outerjoin(claim_authority, claim_authority.c.case_id == ledger.c.case_id))
                  .where(ledger.c.active.is_(True), ledger.c.id_number.in_(_VALUES)))
_FLAGGED = select(duplicate_findings.c.case_a, duplicate_findings.c.case_b).where(
    duplicate_findings.c.case_a.in_(_VALUES))


class PushRefused(Exception):
    """The batch touches another office's case or case number: nothing of it is applied (HTTP 403)."""

    def __init__(self, message: str, keys: list[str], offences: list[incidents.Incident] | None = None) -> None:
        super().__init__(message)
        self.keys = keys
        self.offences = offences or []


@dataclass
class _Case:
    """The newest record of a case seen so far in this transaction."""

    id: str
    case_no: str
    office_code: str
    version: int
    snapshot: CaseSnapshot | None = None  # set when this batch brings a newer record
    payload_json: str = ""
    exists: bool = True


def _dumps(value: Any) -> str:
    return to_json(value).decode("utf-8")  # pydantic-core's serializer: several times faster than json.dumps


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ())) or "payload"
    return f"{where}: {error.get('msg', '')}"


_MAX_DEPTH = 32  # nesting of a payload; a case record is three deep


def _unstorable(value: Any, depth: int = 0) -> str | None:
    """Why a payload cannot be kept as it was sent (issue 14.7), or None.  NUL cannot be stored in
    PostgreSQL text and a lone surrogate cannot be encoded at all: either would fail in the database."""
    if depth > _MAX_DEPTH:
        return f"数据嵌套超过{_MAX_DEPTH}层"
    if isinstance(value, str):
        if "\x00" in value:
            return "数据含有 NUL 字符"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "数据含有无法编码的字符（不成对的代理项）"
        return None
    if isinstance(value, dict):
        children: Iterable[Any] = (*value.keys(), *value.values())
    elif isinstance(value, list):
        children = value
    else:
        return None
    return next((reason for child in children if (reason := _unstorable(child, depth + 1))), None)


def apply_batch(engine: Engine, device: Device, batch: PushBatch, lookup_key: LookupKey) -> PushAnswer:
    """Apply ``batch`` for ``device``; see the module docstring.  Raises ``PushRefused``.

    An item whose payload could not be stored is rejected before anything else looks at it; a case's
    lookup code goes no further than here as it was sent (issue 20.4)."""
    items = [_with_hashed_code(item, lookup_key) for item in batch.items]
    refused = {id(item): reason for item in items if (reason := _unstorable(item.payload))}
    if not refused:
        return _apply_retrying(engine, device, items)
    clean = _apply_retrying(engine, device, [i for i in items if id(i) not in refused]).results
    answers = iter(clean)
    return PushAnswer(results=[
        ItemAnswer(idempotency_key=item.idempotency_key, status="rejected", reason=f"中心系统拒收：{refused[id(item)]}")
        if id(item) in refused else next(answers)
        for item in items
    ])


def _with_hashed_code(item: PushItem, lookup_key: LookupKey) -> PushItem:
    code, number = item.payload.get("lookup_code"), item.payload.get("case_no")
    if item.entity != ENTITY_CASE or not isinstance(code, str) or not code or not isinstance(number, str):
        return item
    return item.model_copy(update={"payload": {**item.payload, "lookup_code": lookup_key.digest(number, code)}})


def _apply_retrying(engine: Engine, device: Device, items: list[PushItem]) -> PushAnswer:
    for attempt in range(3):
        try:
            return _apply(engine, device, items)
        except PushRefused as exc:
            incidents.record_apart(engine, device, exc.offences)  # the batch's own transaction was rolled back
            raise
        except (IntegrityError, OperationalError) as exc:
            # A concurrent writer of the same keys (the retry sees its rows), or PostgreSQL breaking a
            # deadlock between two batches' row locks (the retry takes them again).
            if attempt == 2 or (isinstance(exc, OperationalError) and not _deadlock(exc)):
                raise
    raise AssertionError("unreachable")


def _deadlock(exc: OperationalError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == "40P01"


def _case_id_of(item: PushItem) -> str | None:
    if item.entity == ENTITY_CASE:
        return item.entity_id
    if item.entity == ENTITY_DOCUMENT:
        case_id = item.payload.get("case_id")
        return case_id if isinstance(case_id, str) else item.entity_id
    return None


@dataclass
class _View:
    """What this push's transaction knows: cases by id, who owns each case number, the cases it
    changes, the disbursements of the cases it pays, and the incidents to record."""

    device: Device
    known: dict[str, _Case]
    owner_of_no: dict[str, str]
    book: Book
    touched: dict[str, _Case] = field(default_factory=dict)
    events: list[incidents.Incident] = field(default_factory=list)  # for the central administrator


def _apply(engine: Engine, device: Device, items: list[PushItem]) -> PushAnswer:
    now = utcnow()
    with write(engine) as conn:
        _lock_people(conn, items)
        done = _applied_keys(conn, items)
        known = _load_cases(conn, {cid for item in items if (cid := _case_id_of(item))})
        _check_ownership(device, items, known)
        paying = {item.entity_id for item in items if item.entity == ENTITY_CASE and item.op in PAYMENT_OPS}
        view = _View(device, known, _owners_of_numbers(conn, items), Book(conn, paying))

        results: list[ItemAnswer] = []
        new_changes: list[dict[str, Any]] = []
        for item in items:
            key = item.idempotency_key
            if key in done:
                results.append(ItemAnswer(idempotency_key=key, status="already_applied"))
                continue
            # Kept without what the central system does not need (issue 20.4).
            payload_json = _dumps(minimised(item.payload) if item.entity == ENTITY_CASE else item.payload)
            reason = _accept_item(item, payload_json, view)
            if reason is not None:
                results.append(ItemAnswer(idempotency_key=key, status="rejected", reason=reason))
                continue
            done.add(key)
            new_changes.append({
                "idempotency_key": key,
                "device_id": device.id,
                "office_code": device.office_code,
                "entity": item.entity,
                "entity_id": item.entity_id,
                "op": item.op,
                "payload_json": payload_json,
                "created_at": item.created_at,
                "received_at": now,
            })
            results.append(ItemAnswer(idempotency_key=key, status="applied"))

        if new_changes:
            conn.execute(changes.insert(), new_changes)
        view.book.flush(conn, now)
        sequenced = _Sequenced()
        if view.touched:
            _write_cases(conn, device, view.touched.values(), now)
            sequenced = _plan_ledger(conn, view, now)
        incidents.record(conn, device, view.events, now)
        sequenced.write(conn)  # last: the sequence counters stay locked from here to the commit
    return PushAnswer(results=results)


def _lock_people(conn: Connection, items: list[PushItem]) -> None:
    """Take the batch's people one at a time against other batches (PostgreSQL; see the module docstring).
    In one statement, in a fixed order (by the lock key), so two batches never wait for each other in a circle."""
    if conn.dialect.name != "postgresql":
        return
    people = sorted({number for item in items if item.entity == ENTITY_CASE
                     and isinstance(number := item.payload.get("id_number"), str)})
    if people:
        conn.execute(_LOCK_PEOPLE, {"salt": _PERSON_LOCK_SALT, "people": people})


def _applied_keys(conn: Connection, items: list[PushItem]) -> set[str]:
    keys = list({item.idempotency_key for item in items})
    done: set[str] = set()
    for chunk in _chunks(keys):
        done.update(conn.scalars(_APPLIED, {"values": list(chunk)}))
    return done


def _owners_of_numbers(conn: Connection, items: list[PushItem]) -> dict[str, str]:
    """Case numbers of the batch that may already belong to other cases."""
    numbers = {
        item.payload["case_no"] for item in items
        if item.entity == ENTITY_CASE and isinstance(item.payload.get("case_no"), str)
    }
    owner_of_no: dict[str, str] = {}
    for chunk in _chunks(list(numbers)):
        for row in conn.execute(_OWNERS, {"values": list(chunk)}):
            owner_of_no[row.case_no] = row.id
    return owner_of_no


def _load_cases(conn: Connection, ids: set[str]) -> dict[str, _Case]:
    """The batch's cases as stored, their rows locked until commit (in id order: no deadlock between batches)."""
    known: dict[str, _Case] = {}
    for chunk in _chunks(sorted(ids)):
        for row in conn.execute(_CASES_LOCKED, {"values": list(chunk)}):
            known[row.id] = _Case(row.id, row.case_no, row.office_code, row.version)
    return known


def _check_ownership(device: Device, items: list[PushItem], known: dict[str, _Case]) -> None:
    """A device may only push cases (and their documents) of its own office, numbered by its office
    (issue 14.3: a number taken by another office's device would lock the real case out for good)."""
    offences = [offence for item in items if (offence := _offence(device, item, known)) is not None]
    if offences:
        reasons = list(dict.fromkeys(o.reason for o in offences))
        message = "；".join(reasons[:3]) + (f"等{len(offences)}项" if len(reasons) > 3 else "")
        raise PushRefused(message, [o.idempotency_key for o in offences], offences)


def _offence(device: Device, item: PushItem, known: dict[str, _Case]) -> incidents.Incident | None:
    case_id = _case_id_of(item)
    owner = known.get(case_id) if case_id else None
    claimed = item.payload.get("office_code") if item.entity == ENTITY_CASE else None
    number = item.payload.get("case_no") if item.entity == ENTITY_CASE else None
    shown = number if isinstance(number, str) else (owner.case_no if owner is not None else "")
    if (owner is not None and owner.office_code != device.office_code) or (
        isinstance(claimed, str) and claimed != device.office_code
    ):
        reason = f"本机属于办事处 {device.office_code}，不能提交其他办事处的案件"
        details = {"claimed_office_code": claimed if isinstance(claimed, str) else None,
                   "owner_office_code": owner.office_code if owner is not None else None}
        kind = KIND_FOREIGN_CASE
    elif isinstance(number, str) and not number.startswith(f"{device.office_code}-"):
        reason = (f"本机属于办事处 {device.office_code}，受理编号 {number} 不是本办事处的编号"
                  f"（应以 {device.office_code}- 开头），中心系统拒收")
        details = {"case_no": number}
        kind = KIND_FOREIGN_CASE_NO
    else:
        return None
    return incidents.Incident(kind, ACTION_REFUSED, reason, item.entity, item.entity_id, shown,
                              item.idempotency_key, details | {"op": item.op})


def _accept_item(item: PushItem, payload_json: str, view: _View) -> str | None:
    """Take one new change into the transaction's view; the reason when it is rejected."""
    if item.entity == ENTITY_CASE:
        return _accept_case(item, payload_json, view)
    if item.entity == ENTITY_DOCUMENT:
        case_id = item.payload.get("case_id")
        if not isinstance(case_id, str) or case_id != item.entity_id:
            return "文书数据应含 case_id，且与 entity_id 一致"
        if case_id not in view.known:
            return "中心系统没有该文书所属的案件（案件应先于文书同步）"
        return None
    return f"未知的数据类型 {item.entity}"


def _accept_case(item: PushItem, payload_json: str, view: _View) -> str | None:
    if not item.op.startswith("case."):
        return f"未知的案件操作 {item.op}"
    try:
        snapshot = CaseSnapshot.model_validate(item.payload)
    except ValidationError as exc:
        return f"案件数据不完整或有误（{_first_error(exc)}）"
    if snapshot.id != item.entity_id:
        return "案件数据的 id 与 entity_id 不一致"
    current = view.known.get(snapshot.id)
    if current is not None and current.case_no != snapshot.case_no:
        return f"受理编号 {snapshot.case_no} 与中心系统记录的 {current.case_no} 不一致"
    owner = view.owner_of_no.get(snapshot.case_no)
    if owner is not None and owner != snapshot.id:
        return f"受理编号 {snapshot.case_no} 已被另一案件使用"
    if item.op in PAYMENT_OPS:
        reason, found = view.book.apply(view.device, item, snapshot)
        view.events.extend(found)
        if reason is not None:
            return reason
    view.owner_of_no[snapshot.case_no] = snapshot.id
    if current is None:
        current = _Case(snapshot.id, snapshot.case_no, snapshot.office_code, 0, exists=False)
        view.known[snapshot.id] = current
    if snapshot.version >= current.version:
        current.version = snapshot.version
        current.snapshot = snapshot
        current.payload_json = payload_json
        view.touched[snapshot.id] = current
    return None


def _write_cases(conn: Connection, device: Device, touched: Iterable[_Case], now: Any) -> None:
    inserts, updates = [], []
    for case in touched:
        snap = case.snapshot
        assert snap is not None
        values = {
            "state": snap.state,
            "applicant_name": snap.applicant_name,
            "id_number": snap.id_number,
            "occupation_code": snap.occupation_code,
            "cert_level": snap.cert_level,
            "lookup_code": snap.lookup_code,  # the keyed hash (``_with_hashed_code``)
            "version": snap.version,
            "payload_json": case.payload_json,
            "updated_at": snap.updated_at,
            "received_at": now,
        }
        if case.exists:
            updates.append({"b_id": case.id, **values})
        else:
            inserts.append({"id": case.id, "case_no": case.case_no, "office_code": case.office_code,
                            "device_id": device.id, **values})
            case.exists = True
    if inserts:
        conn.execute(cases.insert(), inserts)
    if updates:
        statement = update(cases).where(cases.c.id == bindparam("b_id"))
        conn.execute(statement, updates)


@dataclass(frozen=True)
class _Entry:
    case_id: str
    case_no: str
    office_code: str
    id_number: str
    occupation_code: str
    level: int
    authoritative: bool = True


@dataclass
class _Sequenced:
    """Rows that carry a change sequence number: numbered and written as the push's last step."""

    ledger_inserts: list[dict[str, Any]] = field(default_factory=list)
    ledger_changes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)

    def write(self, conn: Connection) -> None:
        if not (self.ledger_inserts or self.ledger_changes or self.notes):
            return  # nothing numbered: the counters are not locked at all
        seqs = Sequences(conn, (STREAM_ANNOTATIONS, STREAM_LEDGER))
        for row in (*self.ledger_inserts, *self.ledger_changes):
            row["seq"] = seqs.next(STREAM_LEDGER)
        for note in self.notes:
            note["seq"] = seqs.next(STREAM_ANNOTATIONS)
        if self.ledger_inserts:
            conn.execute(ledger.insert(), self.ledger_inserts)
        if self.ledger_changes:
            conn.execute(update(ledger).where(ledger.c.case_id == bindparam("b_id")), self.ledger_changes)
        if self.notes:
            conn.execute(case_notes.insert(), self.notes)
        seqs.flush()


def _plan_ledger(conn: Connection, view: _View, now: Any) -> _Sequenced:
    """The ledger entries and annotations the touched cases call for (and their authority rows and
    duplicate findings, written now); the numbered rows are returned for ``_Sequenced.write``."""
    touched = [c for c in view.touched.values() if c.snapshot is not None]
    ids = [c.id for c in touched]
    existing: dict[str, Any] = {}
    for chunk in _chunks(ids):
        for row in conn.execute(_IN_LEDGER, {"values": list(chunk)}):
            existing[row.case_id] = row.active
    before = authority.known(conn, ids)
    registered = authority.registered_regions(conn, (c.snapshot.id_number for c in touched if c.snapshot))
    inserts: list[dict[str, Any]] = []
    changes_: list[dict[str, Any]] = []
    new_authority: list[dict[str, Any]] = []
    changed_authority: list[dict[str, Any]] = []
    activated: list[_Entry] = []
    deactivated: list[_Entry] = []
    outside: list[tuple[_Entry, authority.Authority]] = []
    for case in touched:
        snap = case.snapshot
        assert snap is not None
        wanted = snap.accepted_at is not None and snap.state not in _NOT_IN_LEDGER
        decided = authority.decide(case.office_code, snap.application_date, declared=snap.insured_region,
                                   registered=registered.get(snap.id_number),
                                   paid=snap.state == "paid" or view.book.paid(case.id))
        entry = _Entry(case.id, case.case_no, case.office_code, snap.id_number, snap.occupation_code, snap.cert_level,
                       decided.authoritative)
        prior = before.get(case.id)
        if case.id not in existing:
            if not wanted:
                continue
            inserts.append({
                "case_id": case.id, "case_no": case.case_no, "office_code": case.office_code,
                "office_region": case.office_code[:4], "insured_region": (snap.insured_region or "")[:4],
                "id_number": snap.id_number, "occupation_code": snap.occupation_code, "level": snap.cert_level,
                "granted_on": snap.application_date, "shortage": snap.shortage, "active": True,
                "updated_at": now,
            })
            activated.append(entry)
        else:
            moved = bool(existing[case.id]) != wanted
            # A change of authority changes what the offices count: the entry travels again.
            if moved or (prior.authoritative if prior else True) != decided.authoritative:
                changes_.append({"b_id": case.id, "active": wanted, "updated_at": now})
            if moved:
                (activated if wanted else deactivated).append(entry)
        stored = _authority_row(case.id, decided, now)
        if prior is None:
            new_authority.append(stored)
        elif (prior.authoritative, prior.outside) != (decided.authoritative, decided.outside):
            changed_authority.append({"b_id": case.id, **stored})
        if wanted and decided.outside and not (existing.get(case.id) and prior is not None and prior.outside):
            outside.append((entry, decided))  # newly in the ledger, or newly known to be filed outside the area
    _write_authority(conn, new_authority, changed_authority)
    removed = "案件已驳回或撤回，已从全国技能提升补贴台账撤销"
    notes = [_annotation(e, ANNOTATION_LEDGER, _entered_message(e), {"active": True, "authoritative": e.authoritative},
                         now) for e in activated]
    notes += [_annotation(e, ANNOTATION_LEDGER, removed, {"active": False}, now) for e in deactivated]
    notes += [_outside_note(e, decided, now) for e, decided in outside]
    view.events.extend(_outside_incident(e, decided) for e, decided in outside)
    notes += _flag_duplicates(conn, activated, now)
    return _Sequenced(inserts, changes_, notes)


def _entered_message(entry: _Entry) -> str:
    if entry.authoritative:
        return "已记入全国技能提升补贴台账"
    return "已记入全国技能提升补贴台账，但非参保地受理：仅作备注，不计入参保地办事处的重复申领核查（见中心系统提示）"


def _authority_row(case_id: str, decided: authority.Authority, now: Any) -> dict[str, Any]:
    return {"case_id": case_id, "authoritative": decided.authoritative, "outside_area": decided.outside,
            "insured_region": decided.insured_region[:6], "region_source": decided.source, "paid": decided.paid,
            "decided_at": now}


def _write_authority(conn: Connection, new: list[dict[str, Any]], changed: list[dict[str, Any]]) -> None:
    if new:
        conn.execute(claim_authority.insert(), new)
    if changed:
        statement = update(claim_authority).where(claim_authority.c.case_id == bindparam("b_id"))
        conn.execute(statement, [{k: v for k, v in row.items() if k != "case_id"} for row in changed])


def _outside_message(decided: authority.Authority) -> str:
    if decided.paid:
        return f"非参保地受理：{decided.reason}。该案件已发放，已计入全国技能提升补贴台账，已报中心管理员核实"
    return (f"非参保地受理：{decided.reason}。该记录在全国台账中仅作备注，不阻止参保地办事处受理，"
            "已报中心管理员核实，请核对申请人参保地")


def _outside_note(entry: _Entry, decided: authority.Authority, now: Any) -> dict[str, Any]:
    details = {"authoritative": decided.authoritative, "insured_region": decided.insured_region,
               "region_source": decided.source, "paid": decided.paid}
    return _annotation(entry, ANNOTATION_JURISDICTION, _outside_message(decided), details, now)


def _outside_incident(entry: _Entry, decided: authority.Authority) -> incidents.Incident:
    details = {"insured_region": decided.insured_region, "region_source": decided.source, "paid": decided.paid,
               "authoritative": decided.authoritative, "office_code": entry.office_code}
    return incidents.Incident(KIND_OUTSIDE_AREA, ACTION_FLAGGED, _outside_message(decided), ENTITY_CASE,
                              entry.case_id, entry.case_no, "", details)


def _annotation(entry: _Entry, kind: str, message: str, details: dict[str, Any], now: Any) -> dict[str, Any]:
    """An annotation row; its ``seq`` is given when it is written (``_Sequenced``)."""
    return {
        "id": str(uuid.uuid4()),
        "case_id": entry.case_id,
        "case_no": entry.case_no,
        "office_code": entry.office_code,
        "kind": kind,
        "message": message,
        "details_json": _dumps(details),
        "created_at": now,
    }


def _active_claims(conn: Connection, id_numbers: list[str]) -> dict[tuple[str, str, int], list[_Entry]]:
    claims: dict[tuple[str, str, int], list[_Entry]] = defaultdict(list)
    for chunk in _chunks(id_numbers):
        for row in conn.execute(_ACTIVE_CLAIMS, {"values": list(chunk)}):
            entry = _Entry(row.case_id, row.case_no, row.office_code, row.id_number, row.occupation_code, row.level,
                           row.authoritative is not False)
            claims[(entry.id_number, entry.occupation_code, entry.level)].append(entry)
    return claims


def _flag_duplicates(conn: Connection, activated: list[_Entry], now: Any) -> list[dict[str, Any]]:
    """The same claim (ID number, occupation, level) active for two cases: annotate both, once per pair."""
    if not activated:
        return []
    claims = _active_claims(conn, sorted({e.id_number for e in activated}))
    pairs: dict[tuple[str, str], tuple[_Entry, _Entry]] = {}
    for entry in activated:
        for other in claims[(entry.id_number, entry.occupation_code, entry.level)]:
            if other.case_id != entry.case_id:
                a, b = sorted((entry, other), key=lambda e: e.case_id)
                pairs[(a.case_id, b.case_id)] = (a, b)
    if not pairs:
        return []
    flagged: set[tuple[str, str]] = set()
    firsts = sorted({a.case_id for a, _ in pairs.values()})
    for chunk in _chunks(firsts):
        flagged.update((row.case_a, row.case_b) for row in conn.execute(_FLAGGED, {"values": list(chunk)}))
    findings, notes = [], []
    for key, (a, b) in sorted(pairs.items()):
        if key in flagged:
            continue
        findings.append({"case_a": a.case_id, "case_b": b.case_id, "found_at": now})
        for mine, other in ((a, b), (b, a)):
            notes.append(_annotation(mine, ANNOTATION_DUPLICATE, _duplicate_message(mine, other),
                                     _duplicate_details(mine, other), now))
    if findings:
        conn.execute(duplicate_findings.insert(), findings)
    return notes


def _duplicate_message(mine: _Entry, other: _Entry) -> str:
    where = "本办事处另一窗口" if other.office_code == mine.office_code else f"办事处 {other.office_code}"
    message = (
        f"重复申领：同一人员同一职业（工种）同一等级的技能提升补贴已由{where}受理"
        f"（受理编号 {other.case_no}），请核实，同一职业同一等级只能享受一次"
    )
    if not other.authoritative:
        message += "；该办事处不属申请人参保地统筹地区，其受理记录仅作备注，不阻止本处受理，请与对方核实"
    return message


def _duplicate_details(mine: _Entry, other: _Entry) -> dict[str, Any]:
    return {
        "other_case_no": other.case_no,
        "other_office_code": other.office_code,
        "other_authoritative": other.authoritative,
        "occupation_code": mine.occupation_code,
        "level": mine.level,
    }
