"""Applying a pushed batch: each change exactly once, the case as its office sent it.

One transaction per batch.  An item whose idempotency key is already in
``changes`` is answered ``already_applied`` and not touched again (a retry
after a lost answer, the same batch twice, a client killed before it
recorded the answer).  The central system never edits a case: it keeps the
newest record the owning office sent (by the case's ``version``), keeps the
national ledger from it, and adds annotations (a duplicate claim, a ledger
entry) that flow back to the office on pull.

Pushes are serialised: each batch first locks the ledger and annotation
sequence counters (``db.Sequences``).  That keeps the pull cursors safe and
makes the duplicate check see every claim committed before it, so two
counters accepting the same claim at the same moment are still flagged.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_json
from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from central.auth import Device
from central.db import (
    Sequences,
    case_notes,
    cases,
    changes,
    devices,
    duplicate_findings,
    ledger,
    utcnow,
    write,
)
from desktop.sync.protocol import (
    ANNOTATION_DUPLICATE,
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


class PushRefused(Exception):
    """The batch touches another office's case: nothing of it is applied (HTTP 403)."""

    def __init__(self, message: str, keys: list[str]) -> None:
        super().__init__(message)
        self.keys = keys


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


def apply_batch(engine: Engine, device: Device, batch: PushBatch) -> PushAnswer:
    """Apply ``batch`` for ``device``; see the module docstring.  Raises ``PushRefused``."""
    for attempt in range(3):
        try:
            return _apply(engine, device, batch.items)
        except IntegrityError:
            # Only a concurrent writer of the same keys gets here; the retry sees its rows.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _case_id_of(item: PushItem) -> str | None:
    if item.entity == ENTITY_CASE:
        return item.entity_id
    if item.entity == ENTITY_DOCUMENT:
        case_id = item.payload.get("case_id")
        return case_id if isinstance(case_id, str) else item.entity_id
    return None


def _apply(engine: Engine, device: Device, items: list[PushItem]) -> PushAnswer:
    now = utcnow()
    with write(engine) as conn:
        seqs = Sequences(conn, (STREAM_ANNOTATIONS, STREAM_LEDGER))
        keys = list({item.idempotency_key for item in items})
        done: set[str] = set()
        for chunk in _chunks(keys):
            done.update(conn.scalars(select(changes.c.idempotency_key).where(changes.c.idempotency_key.in_(chunk))))
        known = _load_cases(conn, {cid for item in items if (cid := _case_id_of(item))})
        _check_ownership(device, items, known)
        # Case numbers of the batch that may already belong to other cases.
        numbers = {
            item.payload["case_no"] for item in items
            if item.entity == ENTITY_CASE and isinstance(item.payload.get("case_no"), str)
        }
        owner_of_no: dict[str, str] = {}
        for chunk in _chunks(list(numbers)):
            for row in conn.execute(select(cases.c.id, cases.c.case_no).where(cases.c.case_no.in_(chunk))):
                owner_of_no[row.case_no] = row.id

        results: list[ItemAnswer] = []
        new_changes: list[dict[str, Any]] = []
        touched: dict[str, _Case] = {}
        for item in items:
            key = item.idempotency_key
            if key in done:
                results.append(ItemAnswer(idempotency_key=key, status="already_applied"))
                continue
            payload_json = _dumps(item.payload)
            reason = _accept_item(item, payload_json, known, owner_of_no, touched)
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
        if touched:
            _write_cases(conn, device, touched.values(), now)
            _update_ledger(conn, seqs, touched.values(), now)
        seqs.flush()
        conn.execute(update(devices).where(devices.c.id == device.id).values(last_seen_at=now))
    return PushAnswer(results=results)


def _load_cases(conn: Connection, ids: set[str]) -> dict[str, _Case]:
    known: dict[str, _Case] = {}
    for chunk in _chunks(sorted(ids)):
        query = select(cases.c.id, cases.c.case_no, cases.c.office_code, cases.c.version).where(cases.c.id.in_(chunk))
        for row in conn.execute(query):
            known[row.id] = _Case(row.id, row.case_no, row.office_code, row.version)
    return known


def _check_ownership(device: Device, items: list[PushItem], known: dict[str, _Case]) -> None:
    """A device may only push cases (and their documents) of its own office."""
    refused = []
    for item in items:
        case_id = _case_id_of(item)
        owner = known.get(case_id) if case_id else None
        claimed = item.payload.get("office_code") if item.entity == ENTITY_CASE else None
        if (owner is not None and owner.office_code != device.office_code) or (
            isinstance(claimed, str) and claimed != device.office_code
        ):
            refused.append(item.idempotency_key)
    if refused:
        raise PushRefused(f"本机属于办事处 {device.office_code}，不能提交其他办事处的案件", refused)


def _accept_item(
    item: PushItem,
    payload_json: str,
    known: dict[str, _Case],
    owner_of_no: dict[str, str],
    touched: dict[str, _Case],
) -> str | None:
    """Take one new change into the transaction's view; the reason when it is rejected."""
    if item.entity == ENTITY_CASE:
        if not item.op.startswith("case."):
            return f"未知的案件操作 {item.op}"
        try:
            snapshot = CaseSnapshot.model_validate(item.payload)
        except ValidationError as exc:
            return f"案件数据不完整或有误（{_first_error(exc)}）"
        if snapshot.id != item.entity_id:
            return "案件数据的 id 与 entity_id 不一致"
        current = known.get(snapshot.id)
        if current is not None and current.case_no != snapshot.case_no:
            return f"受理编号 {snapshot.case_no} 与中心系统记录的 {current.case_no} 不一致"
        owner = owner_of_no.get(snapshot.case_no)
        if owner is not None and owner != snapshot.id:
            return f"受理编号 {snapshot.case_no} 已被另一案件使用"
        owner_of_no[snapshot.case_no] = snapshot.id
        if current is None:
            current = _Case(snapshot.id, snapshot.case_no, snapshot.office_code, 0, exists=False)
            known[snapshot.id] = current
        if snapshot.version >= current.version:
            current.version = snapshot.version
            current.snapshot = snapshot
            current.payload_json = payload_json
            touched[snapshot.id] = current
        return None
    if item.entity == ENTITY_DOCUMENT:
        case_id = item.payload.get("case_id")
        if not isinstance(case_id, str) or case_id != item.entity_id:
            return "文书数据应含 case_id，且与 entity_id 一致"
        if case_id not in known:
            return "中心系统没有该文书所属的案件（案件应先于文书同步）"
        return None
    return f"未知的数据类型 {item.entity}"


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
            "lookup_code": snap.lookup_code,
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


def _update_ledger(conn: Connection, seqs: Sequences, touched: Iterable[_Case], now: Any) -> None:
    touched = [c for c in touched if c.snapshot is not None]
    existing: dict[str, Any] = {}
    for chunk in _chunks([c.id for c in touched]):
        for row in conn.execute(select(ledger.c.case_id, ledger.c.active).where(ledger.c.case_id.in_(chunk))):
            existing[row.case_id] = row.active
    inserts: list[dict[str, Any]] = []
    changes_: list[dict[str, Any]] = []
    activated: list[_Entry] = []
    deactivated: list[_Entry] = []
    for case in touched:
        snap = case.snapshot
        assert snap is not None
        wanted = snap.accepted_at is not None and snap.state not in _NOT_IN_LEDGER
        entry = _Entry(case.id, case.case_no, case.office_code, snap.id_number, snap.occupation_code, snap.cert_level)
        if case.id not in existing:
            if not wanted:
                continue
            inserts.append({
                "case_id": case.id, "case_no": case.case_no, "office_code": case.office_code,
                "office_region": case.office_code[:4], "insured_region": (snap.insured_region or "")[:4],
                "id_number": snap.id_number, "occupation_code": snap.occupation_code, "level": snap.cert_level,
                "granted_on": snap.application_date, "shortage": snap.shortage, "active": True,
                "seq": seqs.next(STREAM_LEDGER), "updated_at": now,
            })
            activated.append(entry)
        elif bool(existing[case.id]) != wanted:
            changes_.append({"b_id": case.id, "active": wanted, "seq": seqs.next(STREAM_LEDGER), "updated_at": now})
            (activated if wanted else deactivated).append(entry)
    if inserts:
        conn.execute(ledger.insert(), inserts)
    if changes_:
        conn.execute(update(ledger).where(ledger.c.case_id == bindparam("b_id")), changes_)
    entered, removed = "已记入全国技能提升补贴台账", "案件已驳回或撤回，已从全国技能提升补贴台账撤销"
    notes = [_annotation(seqs, e, ANNOTATION_LEDGER, entered, {"active": True}, now) for e in activated]
    notes += [_annotation(seqs, e, ANNOTATION_LEDGER, removed, {"active": False}, now) for e in deactivated]
    notes += _flag_duplicates(conn, seqs, activated, now)
    if notes:
        conn.execute(case_notes.insert(), notes)


def _annotation(seqs: Sequences, entry: _Entry, kind: str, message: str, details: dict[str, Any], now: Any) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "case_id": entry.case_id,
        "case_no": entry.case_no,
        "office_code": entry.office_code,
        "kind": kind,
        "message": message,
        "details_json": _dumps(details),
        "created_at": now,
        "seq": seqs.next(STREAM_ANNOTATIONS),
    }


def _flag_duplicates(conn: Connection, seqs: Sequences, activated: list[_Entry], now: Any) -> list[dict]:
    """The same claim (ID number, occupation, level) active for two cases: annotate both, once per pair."""
    if not activated:
        return []
    claims: dict[tuple[str, str, int], list[_Entry]] = defaultdict(list)
    for chunk in _chunks(sorted({e.id_number for e in activated})):
        query = select(
            ledger.c.case_id, ledger.c.case_no, ledger.c.office_code, ledger.c.id_number,
            ledger.c.occupation_code, ledger.c.level,
        ).where(ledger.c.active.is_(True), ledger.c.id_number.in_(chunk))
        for row in conn.execute(query):
            entry = _Entry(row.case_id, row.case_no, row.office_code, row.id_number, row.occupation_code, row.level)
            claims[(entry.id_number, entry.occupation_code, entry.level)].append(entry)
    pairs: dict[tuple[str, str], tuple[_Entry, _Entry]] = {}
    for entry in activated:
        for other in claims[(entry.id_number, entry.occupation_code, entry.level)]:
            if other.case_id != entry.case_id:
                a, b = sorted((entry, other), key=lambda e: e.case_id)
                pairs[(a.case_id, b.case_id)] = (a, b)
    if not pairs:
        return []
    flagged: set[tuple[str, str]] = set()
    firsts = sorted({a for a, _ in pairs})
    for chunk in _chunks(firsts):
        query = select(duplicate_findings.c.case_a, duplicate_findings.c.case_b).where(
            duplicate_findings.c.case_a.in_(chunk)
        )
        flagged.update((row.case_a, row.case_b) for row in conn.execute(query))
    findings, notes = [], []
    for key, (a, b) in sorted(pairs.items()):
        if key in flagged:
            continue
        findings.append({"case_a": a.case_id, "case_b": b.case_id, "found_at": now})
        for mine, other in ((a, b), (b, a)):
            where = "本办事处另一窗口" if other.office_code == mine.office_code else f"办事处 {other.office_code}"
            message = (
                f"重复申领：同一人员同一职业（工种）同一等级的技能提升补贴已由{where}受理"
                f"（受理编号 {other.case_no}），请核实，同一职业同一等级只能享受一次"
            )
            details = {
                "other_case_no": other.case_no,
                "other_office_code": other.office_code,
                "occupation_code": mine.occupation_code,
                "level": mine.level,
            }
            notes.append(_annotation(seqs, mine, ANNOTATION_DUPLICATE, message, details, now))
    if findings:
        conn.execute(duplicate_findings.insert(), findings)
    return notes
