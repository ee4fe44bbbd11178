"""Security events for the central administrator (issue 14.3: "every refused or flagged attempt is
recorded and listed"): when, which device of which office, what, why.

Kinds: ``foreign_case`` (a change to another office's case, refused with 403), ``foreign_case_no``
(a case number of another office, refused with 403), ``claim_outside_insured_area`` (a claim filed
outside the person's insured pooling area: applied, flagged), ``repeat_disbursement`` (a second
disbursement of a case: the export rejected, or a bank payment reported for it: flagged),
``lookup_rate_exceeded`` (issue 14.5: a device asked the registries for more people a minute than a
counter needs: refused with 429; recorded once per burst), and the audit anchor's findings (issue 14.4,
``central.audit_anchor``; each flagged): ``audit_backwards`` (a chain shorter than recorded),
``audit_fork`` (an entry whose hash is not the recorded one), ``audit_unproven`` (no proof of the
recorded head), ``audit_head_missing`` (a pull without a head from a device that sent one before).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, select

from central.auth import Device
from central.db import devices, read, security_events, utcnow, write

KIND_FOREIGN_CASE = "foreign_case"
KIND_FOREIGN_CASE_NO = "foreign_case_no"
KIND_OUTSIDE_AREA = "claim_outside_insured_area"
KIND_REPEAT_DISBURSEMENT = "repeat_disbursement"
KIND_LOOKUP_RATE = "lookup_rate_exceeded"
KIND_AUDIT_BACKWARDS = "audit_backwards"
KIND_AUDIT_FORK = "audit_fork"
KIND_AUDIT_UNPROVEN = "audit_unproven"
KIND_AUDIT_HEAD_MISSING = "audit_head_missing"
KINDS = (KIND_FOREIGN_CASE, KIND_FOREIGN_CASE_NO, KIND_OUTSIDE_AREA, KIND_REPEAT_DISBURSEMENT, KIND_LOOKUP_RATE,
         KIND_AUDIT_BACKWARDS, KIND_AUDIT_FORK, KIND_AUDIT_UNPROVEN, KIND_AUDIT_HEAD_MISSING)
ACTION_REFUSED, ACTION_REJECTED, ACTION_FLAGGED = "refused", "rejected", "flagged"


@dataclass(frozen=True)
class Incident:
    kind: str
    action: str
    reason: str
    entity: str = ""
    entity_id: str = ""
    case_no: str = ""
    idempotency_key: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _clip(value: object, size: int) -> str:
    # What a hostile push names is kept as far as the column holds it, without control characters
    # (PostgreSQL refuses NUL in text: the record of a refusal must not fail).
    return "".join(c for c in value if c >= " " and c != "\x7f")[:size] if isinstance(value, str) else ""


def _row(device: Device, incident: Incident, now: dt.datetime) -> dict[str, Any]:
    return {
        "at": now, "device_id": device.id, "office_code": device.office_code, "kind": incident.kind,
        "action": incident.action, "entity": _clip(incident.entity, 32), "entity_id": _clip(incident.entity_id, 64),
        "case_no": _clip(incident.case_no, 40), "idempotency_key": _clip(incident.idempotency_key, 64),
        "reason": incident.reason, "details_json": json.dumps(incident.details, ensure_ascii=False),
    }


def record(conn: Connection, device: Device, incidents: Iterable[Incident], now: dt.datetime) -> None:
    """Inside the caller's transaction (an applied push)."""
    rows = [_row(device, incident, now) for incident in incidents]
    if rows:
        conn.execute(security_events.insert(), rows)


def record_apart(engine: Engine, device: Device, incidents: Iterable[Incident]) -> None:
    """In a transaction of its own: for a push refused as a whole, whose transaction was rolled back."""
    with write(engine) as conn:
        record(conn, device, incidents, utcnow())


def listing(engine: Engine, *, since: dt.datetime | None = None, office_code: str | None = None,
            kind: str | None = None) -> list[dict[str, Any]]:
    """The events, oldest first, as JSON-ready dicts (with the device's name)."""
    joined = security_events.outerjoin(devices, devices.c.id == security_events.c.device_id)
    query = select(security_events, devices.c.name.label("device_name")).select_from(joined)
    if since is not None:
        query = query.where(security_events.c.at >= since)
    if office_code is not None:
        query = query.where(security_events.c.office_code == office_code)
    if kind is not None:
        query = query.where(security_events.c.kind == kind)
    with read(engine) as conn:
        rows = conn.execute(query.order_by(security_events.c.at, security_events.c.id))
        return [
            {"id": row.id, "at": row.at.isoformat(), "device_id": row.device_id, "device_name": row.device_name,
             "office_code": row.office_code, "kind": row.kind, "action": row.action, "case_no": row.case_no,
             "entity": row.entity, "entity_id": row.entity_id, "idempotency_key": row.idempotency_key,
             "reason": row.reason, "details": json.loads(row.details_json)}
            for row in rows
        ]


__all__ = [
    "ACTION_FLAGGED",
    "ACTION_REFUSED",
    "ACTION_REJECTED",
    "KINDS",
    "KIND_AUDIT_BACKWARDS",
    "KIND_AUDIT_FORK",
    "KIND_AUDIT_HEAD_MISSING",
    "KIND_AUDIT_UNPROVEN",
    "KIND_FOREIGN_CASE",
    "KIND_FOREIGN_CASE_NO",
    "KIND_LOOKUP_RATE",
    "KIND_OUTSIDE_AREA",
    "KIND_REPEAT_DISBURSEMENT",
    "Incident",
    "listing",
    "record",
    "record_apart",
]
