"""The local copy of the insured and certificate registries, for offline checks.

``import_registry`` loads a checked ``RegistryFile`` (``registry_files``) in
ONE transaction: all rows or none.  It writes through the DBAPI connection
with ``executemany`` and ``INSERT ... ON CONFLICT DO UPDATE``: a newer file
updates the rows it shares with the old one, adds the new ones and leaves the
rest alone (a registry file may cover only part of the registry).  ORM
objects would be about four times slower (ARCHITECTURE.md).

The lookups return frozen dataclasses, never ORM objects, so a view can keep
them after the session ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.models import audit, database
from desktop.models.errors import InvalidInput
from desktop.models.identity import normalize_certificate_number, normalize_id_number
from desktop.models.messages import Phrase
from desktop.models.registry_files import (
    COLUMNS,
    KEY_COLUMN,
    KINDS,
    RegistryFile,
    RegistryKind,
    RowError,
)
from desktop.models.schema import RegistryCertificate, RegistryInsured, utc_text
from desktop.models.store import CACHE_KIB, SCAN_CACHE_KIB, get_meta, set_meta_raw, storage_error

CHUNK_ROWS = 50_000
META_AS_OF: dict[RegistryKind, str] = {
    "insured": "registry_insured_as_of",
    "certificates": "registry_certificates_as_of",
}
_TABLES: dict[RegistryKind, Any] = {
    "insured": RegistryInsured.__table__,
    "certificates": RegistryCertificate.__table__,
}


@dataclass(frozen=True)
class InsuredRow:
    id_number: str
    name: str
    employer_uscc: str
    employer_name: str
    insured_region: str
    contribution_months: int
    phone: str
    receiving_unemployment_benefit: bool
    updated_at: dt.datetime  # the import that last wrote this row


@dataclass(frozen=True)
class CertificateRow:
    number: str
    id_number: str
    kind: str
    level: int
    occupation_code: str
    occupation_name: str
    issue_date: dt.date
    issuer: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class ImportReport:
    kind: RegistryKind
    inserted: int
    updated: int
    rejected: int  # rows with errors, not imported
    errors: list[RowError] = field(default_factory=list)
    as_of: dt.datetime | None = None  # None: nothing was written

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "inserted": self.inserted, "updated": self.updated, "rejected": self.rejected}


class ImportRejected(InvalidInput):
    """The file has bad rows and the caller did not ask for the valid ones only: nothing imported."""

    def __init__(self, report: ImportReport, summary: Phrase) -> None:
        super().__init__("FILE", code=summary.code, params=summary.params)
        self.report = report


def rejection_summary(report: ImportReport) -> Phrase:
    """``3行有错误，未导入（第2行 id_number：…）``: the count and the first error."""
    if report.errors:
        return Phrase.of("registry.rows_rejected_first", count=report.rejected, first=report.errors[0])
    return Phrase.of("registry.rows_rejected", count=report.rejected)


# --------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------


def _engine_of(target: Any) -> Engine:
    """A ``Store`` (anything with ``.engine``) or an ``Engine``."""
    engine = getattr(target, "engine", target)
    if not isinstance(engine, Engine):
        raise TypeError(f"expected a Store or an Engine, got {type(target).__name__}")
    if engine.dialect.name != "sqlite":
        raise ValueError(f"import_registry writes SQLite only, not {engine.dialect.name}")
    return engine


def _upsert_sql(kind: RegistryKind) -> str:
    table = _TABLES[kind].name
    columns = (*COLUMNS[kind], "updated_at")
    key = KEY_COLUMN[kind]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {updates}"


def _bound(kind: RegistryKind, rows: Iterable[tuple[Any, ...]], stamp: str) -> Iterator[tuple[Any, ...]]:
    """Rows as sqlite3 takes them: the import time appended, dates as ISO text.

    (sqlite3's own date adapter is deprecated since Python 3.12.)
    """
    if kind == "insured":
        tail = (stamp,)
        return (row + tail for row in rows)
    return (
        (number, id_number, kind_, level, code, name, issued.isoformat(), issuer, stamp)
        for number, id_number, kind_, level, code, name, issued, issuer in rows
    )


def import_registry(
    engine_or_store: Any,
    registry_file: RegistryFile,
    *,
    valid_only: bool = False,
    as_of: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
    audit_actor: str | None = None,
) -> ImportReport:
    """Load the file's rows into the local registry; see the module docstring.

    A file with any error imports nothing and raises ``ImportRejected`` (an
    ``InvalidInput("FILE", ...)`` carrying ``.report``) unless ``valid_only``.
    ``as_of`` (aware) is stamped on every row written and recorded in ``meta``.
    ``progress(done, total)`` is called after each chunk; an exception raised
    from it cancels the import and leaves the registry as it was.
    ``audit_actor``: a person's import of a file (not a sync page from the central
    system) is written to the audit trail in the same transaction, with the file's
    name and SHA-256, the row counts and the "as of" time.
    """
    kind = registry_file.kind
    if kind not in KINDS:
        raise InvalidInput.about("kind", "registry.bad_kind", kind=kind)
    stamp = utc_text(as_of)  # refuses a naive datetime
    rejected = registry_file.rejected
    if registry_file.errors and not valid_only:
        report = ImportReport(kind, 0, 0, rejected, list(registry_file.errors))
        raise ImportRejected(report, rejection_summary(report))
    rows = registry_file.rows
    if not rows:
        return ImportReport(kind, 0, 0, rejected, list(registry_file.errors))
    engine = _engine_of(engine_or_store)

    def audit_entry(cursor: sqlite3.Cursor, inserted: int) -> None:
        if audit_actor is not None:
            audit.record_raw(cursor, actor=audit_actor, action="registry.import", entity="registry", entity_id=kind,
                             before=None, after=_import_facts(registry_file, inserted, as_of), at=as_of)

    inserted = _write(engine, kind, rows, stamp, progress, audit_entry)
    return ImportReport(kind, inserted, len(rows) - inserted, rejected, list(registry_file.errors), as_of)


def _import_facts(registry_file: RegistryFile, inserted: int, as_of: dt.datetime) -> dict[str, Any]:
    """What the audit trail keeps of an import: enough to find and check the file again."""
    source = Path(registry_file.source) if registry_file.source else None
    digest = None
    if source is not None and source.is_file():
        with source.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return {"file": source.name if source else "", "sha256": digest, "rows": len(registry_file.rows),
            "inserted": inserted, "updated": len(registry_file.rows) - inserted, "rejected": registry_file.rejected,
            "as_of": utc_text(as_of)}


def _write(
    engine: Engine,
    kind: RegistryKind,
    rows: list[tuple[Any, ...]],
    stamp: str,
    progress: Callable[[int, int], None] | None,
    before_commit: Callable[[sqlite3.Cursor, int], None],
) -> int:
    """Upsert all rows in one transaction; returns how many were new.  ``before_commit(cursor,
    inserted)`` writes what must commit with them."""
    table = _TABLES[kind].name
    sql = _upsert_sql(kind)
    total = len(rows)
    pooled = engine.raw_connection()
    try:
        connection: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
        saved_isolation = connection.isolation_level
        # We say BEGIN and COMMIT ourselves: pysqlite would otherwise commit
        # behind our back or begin late, and the write lock is taken up front.
        connection.isolation_level = None
        cursor = connection.cursor()
        try:
            # The indexes of a million rows in the page cache while they grow: every page that leaves
            # it is encrypted and written, and decrypted again when it comes back (issue 20.1): with
            # 128 MB the certificates import runs at seven times the speed it has with 32 MB.
            cursor.execute(f"PRAGMA cache_size=-{SCAN_CACHE_KIB}")
            cursor.execute("BEGIN IMMEDIATE")
            try:
                before = cursor.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                source = iter(rows)
                done = 0
                while done < total:
                    chunk = list(islice(source, CHUNK_ROWS))
                    cursor.executemany(sql, _bound(kind, chunk, stamp))
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
                after = cursor.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                set_meta_raw(cursor, {META_AS_OF[kind]: stamp})
                before_commit(cursor, int(after) - int(before))
                cursor.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    cursor.execute("ROLLBACK")
                raise
        finally:
            cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # given back
            cursor.close()
            connection.isolation_level = saved_isolation
    except (sqlite3.Error, database.Error) as exc:
        known = storage_error(exc)
        if known is None:
            raise
        raise known from exc
    finally:
        pooled.close()
    return int(after) - int(before)


# --------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------


def find_insured(session: Session, id_number: str) -> InsuredRow | None:
    table = _TABLES["insured"]
    row = session.execute(select(table).where(table.c.id_number == normalize_id_number(id_number))).first()
    return None if row is None else InsuredRow(**row._mapping)


def certificates_of(session: Session, id_number: str) -> list[CertificateRow]:
    """The person's certificates, oldest first."""
    table = _TABLES["certificates"]
    rows = session.execute(
        select(table)
        .where(table.c.id_number == normalize_id_number(id_number))
        .order_by(table.c.issue_date, table.c.number)
    )
    return [CertificateRow(**row._mapping) for row in rows]


def find_certificate(session: Session, number: str) -> CertificateRow | None:
    table = _TABLES["certificates"]
    row = session.execute(select(table).where(table.c.number == normalize_certificate_number(number))).first()
    return None if row is None else CertificateRow(**row._mapping)


def registry_as_of(session: Session, kind: RegistryKind) -> dt.datetime | None:
    """When that registry was last imported (UTC), or None if never."""
    if kind not in META_AS_OF:
        raise InvalidInput.about("kind", "registry.bad_kind", kind=kind)
    text = get_meta(session, META_AS_OF[kind])
    return None if text is None else dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def registry_size(session: Session, kind: RegistryKind) -> int:
    """How many rows the local copy holds."""
    return int(session.scalar(select(func.count()).select_from(_TABLES[kind])) or 0)


__all__ = [
    "CHUNK_ROWS",
    "META_AS_OF",
    "CertificateRow",
    "ImportRejected",
    "ImportReport",
    "InsuredRow",
    "certificates_of",
    "find_certificate",
    "find_insured",
    "import_registry",
    "registry_as_of",
    "registry_size",
    "rejection_summary",
]
