"""How long the central system keeps its logs of people (issue 20.4): registry lookups and security
events older than the retention period are deleted, and case payloads kept by an earlier version
whole are reduced to what is needed (``protect.minimised``).  Run by ``python -m central retention``
(e.g. nightly from a timer); never automatically, so an office decides.

Logs are kept at least six months (网络安全法 第二十一条: 留存相关的网络日志不少于六个月).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from sqlalchemy import Column, Engine, Table, delete, select, update

from central.db import cases, changes, registry_lookups, security_events, write
from central.protect import minimised

MIN_DAYS = 183  # six months
DEFAULT_LOOKUP_DAYS = 365
DEFAULT_EVENT_DAYS = 3 * 365
_CHUNK = 1000


@dataclass(frozen=True)
class RetentionReport:
    lookups_deleted: int
    events_deleted: int
    payloads_minimised: int

    def to_json(self) -> dict[str, int]:
        return asdict(self)


def _minimise_table(engine: Engine, table: Table, key: Column[str]) -> int:
    """Payloads still holding an account, phone or lookup code as sent, reduced in place (by ``key``)."""
    done, last = 0, ""
    while True:
        with write(engine) as conn:
            rows = conn.execute(select(key.label("k"), table.c.payload_json)
                                .where(key > last).order_by(key).limit(_CHUNK)).all()
            for row in rows:
                payload = json.loads(row.payload_json)
                if isinstance(payload, dict) and "case_no" in payload:
                    kept = minimised(payload)
                    if kept != payload:
                        text = json.dumps(kept, ensure_ascii=False)
                        conn.execute(update(table).where(key == row.k).values(payload_json=text))
                        done += 1
        if len(rows) < _CHUNK:
            return done
        last = rows[-1].k


def apply_retention(engine: Engine, *, lookup_days: int, event_days: int, now: dt.datetime) -> RetentionReport:
    with write(engine) as conn:
        lookups = conn.execute(delete(registry_lookups)
                               .where(registry_lookups.c.at < now - dt.timedelta(days=lookup_days))).rowcount
        events = conn.execute(delete(security_events)
                              .where(security_events.c.at < now - dt.timedelta(days=event_days))).rowcount
    minimised_count = (_minimise_table(engine, cases, cases.c.id)
                       + _minimise_table(engine, changes, changes.c.idempotency_key))
    return RetentionReport(int(lookups or 0), int(events or 0), minimised_count)


__all__ = ["DEFAULT_EVENT_DAYS", "DEFAULT_LOOKUP_DAYS", "MIN_DAYS", "RetentionReport", "apply_retention"]
