"""The central copy of the shared registries: importing insured and certificate files.

The files are the counter's (CONTRACTS.md), read and checked by the same
``desktop.models.registry_files.read_registry``.  An import is one
transaction: all rows or none.  A row that is new or whose values changed
gets a new change sequence number (so counters pull it); a row imported
again unchanged keeps its number and does not travel again.

Each row belongs to a region (four digits): an insured person to the first
four digits of ``insured_region``; a certificate to its holder's insured
region when the insured registry knows the holder, else to the first four
digits of the holder's ID number.  When an insured import moves a person to
another region, their certificates move (and travel) with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from central.db import Sequences, registry_certificates, registry_insured, utcnow, write
from desktop.models.registry_files import COLUMNS, KEY_COLUMN, RegistryFile
from wire import STREAM_CERTIFICATES, STREAM_INSURED

CHUNK_ROWS = 5_000
_TABLES = {"insured": registry_insured, "certificates": registry_certificates}
_STREAMS = {"insured": STREAM_INSURED, "certificates": STREAM_CERTIFICATES}


@dataclass(frozen=True)
class CentralImportReport:
    kind: str
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    moved_certificates: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": self.rejected, "moved_certificates": self.moved_certificates,
        }


def _chunks(rows: Sequence[Any], size: int = CHUNK_ROWS) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def import_file(engine: Engine, registry_file: RegistryFile, *, now: dt.datetime | None = None) -> CentralImportReport:
    """Upsert the file's valid rows (the caller decides whether a file with errors may be imported)."""
    kind = registry_file.kind
    table = _TABLES[kind]
    columns = COLUMNS[kind]
    key = KEY_COLUMN[kind]
    now = now or utcnow()
    inserted = updated = unchanged = moved = 0
    with write(engine) as conn:
        # Both registry streams, always in the same order: an insured import may move certificates.
        seqs = Sequences(conn, (STREAM_INSURED, STREAM_CERTIFICATES))
        stream = _STREAMS[kind]
        for chunk in _chunks(registry_file.rows):
            keys = [row[columns.index(key)] for row in chunk]
            existing = {
                r[0]: tuple(r[1:])
                for r in conn.execute(
                    select(table.c[key], *[table.c[c] for c in columns], table.c.region).where(table.c[key].in_(keys))
                )
            }
            regions = _regions(conn, kind, chunk)
            inserts, updates, moved_people = [], [], {}
            for row, region in zip(chunk, regions, strict=True):
                values = dict(zip(columns, row, strict=True))
                old = existing.get(values[key])
                if old is None:
                    inserts.append({**values, "region": region, "seq": seqs.next(stream), "updated_at": now})
                    if kind == "insured":
                        moved_people[values[key]] = region
                elif old != (*row, region):
                    updates.append({**{f"b_{c}": v for c, v in values.items()}, "b_region": region,
                                    "b_seq": seqs.next(stream), "b_updated_at": now})
                    if kind == "insured" and old[-1] != region:
                        moved_people[values[key]] = region
                else:
                    unchanged += 1
            if inserts:
                conn.execute(table.insert(), inserts)
            if updates:
                statement = (
                    update(table)
                    .where(table.c[key] == bindparam(f"b_{key}"))
                    .values({c: bindparam(f"b_{c}") for c in (*columns, "region", "seq", "updated_at") if c != key})
                )
                conn.execute(statement, updates)
            inserted += len(inserts)
            updated += len(updates)
            if moved_people:
                moved += _move_certificates(conn, seqs, moved_people, now)
        seqs.flush()
    return CentralImportReport(kind, inserted, updated, unchanged, registry_file.rejected, moved)


def _regions(conn: Connection, kind: str, chunk: Sequence[tuple[Any, ...]]) -> list[str]:
    if kind == "insured":
        at = COLUMNS["insured"].index("insured_region")
        return [row[at][:4] for row in chunk]
    at = COLUMNS["certificates"].index("id_number")
    holders = {row[at] for row in chunk}
    query = select(registry_insured.c.id_number, registry_insured.c.region).where(
        registry_insured.c.id_number.in_(holders)
    )
    known = {row.id_number: row.region for row in conn.execute(query)}
    return [known.get(row[at], row[at][:4]) for row in chunk]


def _move_certificates(conn: Connection, seqs: Sequences, people: dict[str, str], now: dt.datetime) -> int:
    rows = conn.execute(
        select(registry_certificates.c.number, registry_certificates.c.id_number, registry_certificates.c.region)
        .where(registry_certificates.c.id_number.in_(list(people)))
    )
    changes = [
        {"b_number": r.number, "b_region": people[r.id_number], "b_seq": seqs.next(STREAM_CERTIFICATES),
         "b_updated_at": now}
        for r in rows if r.region != people[r.id_number]
    ]
    if changes:
        statement = (
            update(registry_certificates)
            .where(registry_certificates.c.number == bindparam("b_number"))
            .values(region=bindparam("b_region"), seq=bindparam("b_seq"), updated_at=bindparam("b_updated_at"))
        )
        conn.execute(statement, changes)
    return len(changes)
