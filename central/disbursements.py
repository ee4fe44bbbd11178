"""One disbursement per case, whichever device or restored backup exports it (issue 14.1).

Counters send ``case.payment_exported`` when a case goes into a disbursement
file for the bank, then ``case.paid`` or ``case.payment_failed`` with the
bank's result, each naming the batch in its ``event`` (``batch_no``, or
``payment_batch`` as a state change carries it; ``batch_id`` when the export
has one).  The central system keeps a row per case and batch
(``db.disbursements``):

- an export of a case that already has a disbursement in another batch,
  pending (exported, no result yet) or paid, is rejected, naming that batch,
  and flagged for the central administrator.  A restored backup can number a
  new batch like the old one: a different ``batch_id`` makes it another batch;
- the same batch again (a retry under a new key, a change queued twice) is no
  repeat;
- ``case.payment_failed`` settles the batch's row as failed, after which the
  case may go into a new batch; ``case.paid`` settles it as paid, for good.  A
  payment the bank reports for a batch while another batch of the case is live
  is a fact, not a request: it is applied and flagged (money may have gone out
  twice), and no second live row is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from central.auth import Device
from central.db import disbursements
from central.incidents import ACTION_FLAGGED, ACTION_REJECTED, KIND_REPEAT_DISBURSEMENT, Incident
from wire import MAX_INT32, CaseSnapshot, PushItem

OP_EXPORTED, OP_PAID, OP_FAILED = "case.payment_exported", "case.paid", "case.payment_failed"
PAYMENT_OPS = frozenset({OP_EXPORTED, OP_PAID, OP_FAILED})
PENDING, PAID, FAILED = "pending", "paid", "failed"
_STATUS_TEXT = {PENDING: "待银行结果", PAID: "已发放"}
_CHUNK = 500


@dataclass(frozen=True)
class Batch:
    number: str
    id: str  # "" when the event carries none
    amount_yuan: int | None


@dataclass
class _Row:
    case_id: str
    case_no: str
    office_code: str
    device_id: str
    batch_no: str
    batch_id: str
    amount_yuan: int | None
    status: str
    recorded_at: dt.datetime | None = None
    settled_at: dt.datetime | None = None
    id: int | None = None  # None: made in this transaction
    changed: bool = False

    @property
    def live(self) -> bool:
        return self.status != FAILED

    def same_batch(self, batch: Batch) -> bool:
        return self.batch_no == batch.number and (not self.batch_id or not batch.id or self.batch_id == batch.id)


def batch_of(payload: dict[str, Any]) -> Batch | None:
    """The batch a payment event names, or None when it names none usable."""
    event = payload.get("event")
    if not isinstance(event, dict):
        return None
    number = event.get("batch_no") or event.get("payment_batch")
    if not isinstance(number, str) or not number.strip() or len(number.strip()) > 64:
        return None
    batch_id = event.get("batch_id")
    batch_id = batch_id.strip() if isinstance(batch_id, str) and len(batch_id.strip()) <= 64 else ""
    amount = event.get("amount_yuan")
    # An INTEGER column: an amount it cannot hold is no amount (issue 14.7: never a database error).
    amount = amount if isinstance(amount, int) and not isinstance(amount, bool) and 0 <= amount <= MAX_INT32 else None
    return Batch(number.strip(), batch_id, amount)


class Book:
    """The disbursements of one push's cases as its transaction sees them; ``flush`` writes them."""

    def __init__(self, conn: Connection, case_ids: Iterable[str]) -> None:
        self._rows: dict[str, list[_Row]] = {}
        ids = sorted(set(case_ids))
        columns = [disbursements.c[name] for name in (
            "id", "case_id", "case_no", "office_code", "device_id", "batch_no", "batch_id", "amount_yuan",
            "status", "recorded_at", "settled_at")]
        for start in range(0, len(ids), _CHUNK):
            query = select(*columns).where(disbursements.c.case_id.in_(ids[start:start + _CHUNK]))
            for r in conn.execute(query.order_by(disbursements.c.id)):
                self._rows.setdefault(r.case_id, []).append(_Row(
                    r.case_id, r.case_no, r.office_code, r.device_id, r.batch_no, r.batch_id, r.amount_yuan,
                    r.status, r.recorded_at, r.settled_at, r.id))

    def paid(self, case_id: str) -> bool:
        return any(row.status == PAID for row in self._rows.get(case_id, ()))

    def apply(self, device: Device, item: PushItem, snapshot: CaseSnapshot) -> tuple[str | None, list[Incident]]:
        """Take a payment event into the book: (the reason it is rejected, or None; incidents to record)."""
        batch = batch_of(item.payload)
        if batch is None:
            return "发放事件未注明发放批次号（event.batch_no），中心系统无法核对是否重复发放", []
        rows = self._rows.setdefault(snapshot.id, [])
        mine = next((row for row in rows if row.same_batch(batch)), None)
        other = next((row for row in rows if row.live and row is not mine), None)
        if item.op == OP_EXPORTED:
            return self._exported(device, item, snapshot, batch, mine, other)
        if item.op == OP_PAID:
            return None, self._paid(device, item, snapshot, batch, mine, other)
        if mine is None:
            rows.append(self._new(device, snapshot, batch, FAILED))
        elif mine.status == PENDING:
            mine.status, mine.changed = FAILED, True
        return None, []

    def _new(self, device: Device, snapshot: CaseSnapshot, batch: Batch, status: str) -> _Row:
        return _Row(snapshot.id, snapshot.case_no, snapshot.office_code, device.id, batch.number, batch.id,
                    batch.amount_yuan, status)

    def _exported(self, device: Device, item: PushItem, snapshot: CaseSnapshot, batch: Batch, mine: _Row | None,
                  other: _Row | None) -> tuple[str | None, list[Incident]]:
        if other is not None:
            reason = (f"该案件已在发放批次 {other.batch_no} 中导出（{_STATUS_TEXT[other.status]}），"
                      f"中心系统拒绝重复发放（本次批次 {batch.number}）")
            return reason, [_incident(item, snapshot, ACTION_REJECTED, reason, batch, other)]
        if mine is None:
            self._rows[snapshot.id].append(self._new(device, snapshot, batch, PENDING))
        return None, []  # the same batch again: no repeat

    def _paid(self, device: Device, item: PushItem, snapshot: CaseSnapshot, batch: Batch, mine: _Row | None,
              other: _Row | None) -> list[Incident]:
        if other is not None:
            reason = (f"银行已就发放批次 {batch.number} 发放该案件，而该案件已在发放批次 {other.batch_no} 中导出"
                      f"（{_STATUS_TEXT[other.status]}）：可能已重复发放，请核实")
            return [_incident(item, snapshot, ACTION_FLAGGED, reason, batch, other)]
        if mine is None:
            self._rows[snapshot.id].append(self._new(device, snapshot, batch, PAID))
        elif mine.status != PAID:
            mine.status, mine.changed = PAID, True
        return []

    def flush(self, conn: Connection, now: dt.datetime) -> None:
        """Settled rows first, new ones after: the live-row index never sees two at once."""
        rows = [row for case_rows in self._rows.values() for row in case_rows]
        changed = [{"b_id": r.id, "status": r.status, "settled_at": now} for r in rows if r.id is not None
                   and r.changed]
        if changed:
            conn.execute(update(disbursements).where(disbursements.c.id == bindparam("b_id")), changed)
        new = [
            {"case_id": r.case_id, "case_no": r.case_no, "office_code": r.office_code, "device_id": r.device_id,
             "batch_no": r.batch_no, "batch_id": r.batch_id, "amount_yuan": r.amount_yuan, "status": r.status,
             "recorded_at": now, "settled_at": None if r.status == PENDING else now}
            for r in rows if r.id is None
        ]
        if new:
            conn.execute(disbursements.insert(), new)


def _incident(item: PushItem, snapshot: CaseSnapshot, action: str, reason: str, batch: Batch,
              other: _Row) -> Incident:
    details = {"batch_no": batch.number, "batch_id": batch.id, "earlier_batch_no": other.batch_no,
               "earlier_status": other.status, "op": item.op}
    return Incident(KIND_REPEAT_DISBURSEMENT, action, reason, item.entity, item.entity_id, snapshot.case_no,
                    item.idempotency_key, details)


__all__ = ["OP_EXPORTED", "OP_FAILED", "OP_PAID", "PAYMENT_OPS", "Book", "batch_of"]
