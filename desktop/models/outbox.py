"""Changes waiting to be sent to the central system (transactional outbox).

A service writes its outbox row in the same transaction as the change, so
nothing is lost or sent twice when the network or the program fails; the
idempotency key lets the central system recognise a retried change.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
        raise InvalidInput("payload", "应为 JSON 对象")
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
