"""Changes waiting to be sent to the central system (transactional outbox).

A service writes its outbox row in the same transaction as the change, so
nothing is lost or sent twice when the network or the program fails; the
idempotency key lets the central system recognise a retried change.

Each change then moves here and nowhere else (issue 18.1): answered (applied or
rejected) and tried (``record_answers``, ``note_attempt``, by the sync client),
and sent again by a person once the cause is fixed (``requeue``, audited).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.audit import canonical_json
from desktop.models.errors import InvalidInput
from desktop.models.schema import Outbox


class OutboxState(StrEnum):
    pending = "pending"  # neither applied nor rejected by the central system yet
    applied = "applied"
    rejected = "rejected"  # waits for a person; not pending


@dataclass(frozen=True)
class OutboxItem:
    id: int
    created_at: dt.datetime
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]
    idempotency_key: str
    state: str
    attempts: int
    last_error: str | None
    answered_at: dt.datetime | None


def to_item(row: Outbox) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        created_at=row.created_at,
        entity=row.entity,
        entity_id=row.entity_id,
        op=row.op,
        payload=json.loads(row.payload_json),
        idempotency_key=row.idempotency_key,
        state=row.state,
        attempts=row.attempts,
        last_error=row.last_error,
        answered_at=row.answered_at,
    )


def enqueue(
    session: Session, *, entity: str, entity_id: str, op: str, payload: dict[str, Any], at: dt.datetime
) -> OutboxItem:
    """Queue one change in the caller's transaction."""
    if not isinstance(payload, dict):
        raise InvalidInput.about("payload", "value.not_object")
    row = Outbox(
        created_at=at,
        entity=entity,
        entity_id=entity_id,
        op=op,
        payload_json=canonical_json(payload),
        idempotency_key=str(uuid.uuid4()),
        state=OutboxState.pending.value,
        attempts=0,
    )
    session.add(row)
    session.flush()
    return to_item(row)


def _count(session: Session, state: OutboxState) -> int:
    return session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state == state.value)) or 0


def pending_count(session: Session) -> int:
    return _count(session, OutboxState.pending)


def rejected_count(session: Session) -> int:
    return _count(session, OutboxState.rejected)


def pending_items(session: Session, limit: int = 100) -> list[OutboxItem]:
    """Oldest first, the order the central system must see them in."""
    rows = session.scalars(
        select(Outbox).where(Outbox.state == OutboxState.pending.value).order_by(Outbox.id).limit(limit)
    )
    return [to_item(r) for r in rows]


# --- what became of a change --------------------------------------------------------------------

MAX_ERROR_TEXT = 500
REQUEUE_ACTION = "outbox.requeue"


def rejected_items(session: Session, limit: int = 200) -> list[OutboxItem]:
    """Changes the central system rejected, oldest first: to be listed for a person."""
    rows = session.scalars(
        select(Outbox).where(Outbox.state == OutboxState.rejected.value).order_by(Outbox.id).limit(limit))
    return [to_item(row) for row in rows]


def record_answers(session: Session, answers: Sequence[tuple[str, OutboxState, str | None]],
                   at: dt.datetime) -> None:
    """The central system's answer to each change (by idempotency key): applied, or rejected with why."""
    table: Table = Outbox.__table__  # type: ignore[assignment]
    statement = (
        update(table)
        .where(table.c.idempotency_key == bindparam("b_key"))
        .values(state=bindparam("b_state"), last_error=bindparam("b_error"), answered_at=bindparam("b_at"),
                attempts=table.c.attempts + 1)
    )
    rows = [{"b_key": key, "b_state": state.value, "b_error": error, "b_at": at} for key, state, error in answers]
    if rows:
        session.connection().execute(statement, rows)


def note_attempt(session: Session, ids: Iterable[int], error: str) -> None:
    """Pending changes sent without an answer (the network failed): one more try, and why."""
    session.execute(
        update(Outbox)
        .where(Outbox.id.in_(list(ids)), Outbox.state == OutboxState.pending.value)
        .values(attempts=Outbox.attempts + 1, last_error=error[:MAX_ERROR_TEXT]))


def requeue(session: Session, ids: Iterable[int], *, actor: str, at: dt.datetime) -> int:
    """Send rejected changes again (a person fixed the cause): pending once more, audited.  Returns how many."""
    wanted = list(ids)
    if not wanted:
        return 0
    chosen = list(session.scalars(
        select(Outbox.id).where(Outbox.id.in_(wanted), Outbox.state == OutboxState.rejected.value)))
    if not chosen:
        return 0
    session.execute(update(Outbox).where(Outbox.id.in_(chosen)).values(state=OutboxState.pending.value))
    audit.record(session, actor=actor, action=REQUEUE_ACTION, entity="outbox", entity_id=str(min(chosen)),
                 before={"state": OutboxState.rejected.value}, after={"state": OutboxState.pending.value,
                                                                      "ids": sorted(chosen)}, at=at)
    return len(chosen)
