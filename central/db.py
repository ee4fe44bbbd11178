"""The central system's database: tables, engine, change sequences.

SQLAlchemy Core tables, the same on SQLite (a file, the default) and
PostgreSQL (``postgresql+psycopg://``).  The schema is managed by Alembic
migrations (``central/migrations``), run at start (``create_schema``).

Change sequences: every row a counter pulls (registry rows, ledger entries,
annotations, reference files) carries ``seq``, taken from the ``counters``
row of its stream.  A writer locks that row (``FOR UPDATE`` on PostgreSQL;
SQLite write transactions start with ``BEGIN IMMEDIATE`` and exclude each
other) and holds it until commit, so sequence numbers become visible in
order and a reader that saw ``seq = n`` can never later find a new row below
``n``: the pull cursor is safe.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    bindparam,
    create_engine,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

from wire import MAX_EMPLOYER_NAME, MAX_PERSON_NAME, STREAMS

DEFAULT_DB_URL = "sqlite:///central.db"
DB_URL_ENV = "ZHANCHI_CENTRAL_DB"
_READONLY_OPTION = "central_readonly"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Auto-increment ids: BIGINT on PostgreSQL, INTEGER (rowid) on SQLite.
_BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware instant; SQLite gives back naive UTC, made aware again here."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime: instants must carry a time zone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


counters = Table(
    "counters",
    metadata,
    Column("stream", String(32), primary_key=True),
    Column("last_seq", BigInteger, nullable=False, default=0),
)

enrolment_tokens = Table(
    "enrolment_tokens",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("office_code", String(6), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("used_at", UTCDateTime()),
    Column("device_id", String(36)),
    Column("revoked_at", UTCDateTime()),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("office_code", String(6), nullable=False),
    Column("name", String(64), nullable=False),
    Column("client_device_id", String(64), nullable=False, default=""),
    Column("credential_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_seen_at", UTCDateTime()),
    Column("revoked_at", UTCDateTime()),
)

# A device's next credential (issue 14.5: ``POST /v1/rotate``): it replaces the device's credential the
# first time it is used, so the old one works until then and a lost answer locks nobody out.
pending_credentials = Table(
    "pending_credentials",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("credential_hash", String(64), nullable=False, unique=True),
    Column("issued_at", UTCDateTime(), nullable=False),
)

# Every change applied, once: the unique idempotency key is what makes a retry harmless.
changes = Table(
    "changes",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("idempotency_key", String(64), nullable=False, unique=True),
    Column("device_id", String(36), nullable=False),
    Column("office_code", String(6), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("op", String(64), nullable=False),
    Column("payload_json", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Index("ix_changes_entity", "entity", "entity_id"),
)

# The latest record of each case, as its office sent it (never edited here).
cases = Table(
    "cases",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False, unique=True),
    Column("office_code", String(6), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("state", String(16), nullable=False),
    Column("applicant_name", String(MAX_PERSON_NAME), nullable=False),
    Column("id_number", String(18), nullable=False),
    Column("occupation_code", String(16), nullable=False),
    Column("cert_level", Integer, nullable=False),
    Column("lookup_code", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload_json", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Index("ix_cases_office_code", "office_code"),
)

# The national ledger: one entry per accepted case (inactive once rejected or withdrawn).
ledger = Table(
    "ledger",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("case_no", String(40), nullable=False),
    Column("office_code", String(6), nullable=False),
    Column("office_region", String(4), nullable=False),
    Column("insured_region", String(4), nullable=False),
    Column("id_number", String(18), nullable=False),
    Column("occupation_code", String(16), nullable=False),
    Column("level", Integer, nullable=False),
    Column("granted_on", Date, nullable=False),
    Column("shortage", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_ledger_claim", "id_number", "occupation_code", "level"),
    Index("ix_ledger_office_region", "office_region", "seq"),
    Index("ix_ledger_insured_region", "insured_region", "seq"),
)

# A duplicate claim found: one row per pair of cases (case_a < case_b).
duplicate_findings = Table(
    "duplicate_findings",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("case_a", String(36), nullable=False),
    Column("case_b", String(36), nullable=False),
    Column("found_at", UTCDateTime(), nullable=False),
    UniqueConstraint("case_a", "case_b", name="uq_duplicate_findings_pair"),
)

# Whether a ledger claim counts against the person at other offices (issue 14.3): only when an office
# of the person's insured pooling area filed it, or it was paid.  A claim without a row here entered the
# ledger before this table and counts as it always did.
claim_authority = Table(
    "claim_authority",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("authoritative", Boolean, nullable=False),
    Column("outside_area", Boolean, nullable=False),  # filed outside the person's area (or it is unknown)
    Column("insured_region", String(6), nullable=False),  # the person's, as decided (registry, else declared)
    Column("region_source", String(8), nullable=False),  # registry | declared | "" (unknown)
    Column("paid", Boolean, nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
)

# What was sent to the bank (issue 14.1): one row per case and disbursement batch, "pending" until the
# batch's result, then "paid" or "failed".  At most one live (pending or paid) row per case: the
# database itself refuses a second disbursement even if the push checks were wrong.
DISBURSEMENT_LIVE = text("status <> 'failed'")
disbursements = Table(
    "disbursements",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("case_id", String(36), nullable=False),
    Column("case_no", String(40), nullable=False),
    Column("office_code", String(6), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("batch_no", String(64), nullable=False),
    Column("batch_id", String(64), nullable=False),  # "" when the counter's event did not carry one
    Column("amount_yuan", Integer),
    Column("status", String(8), nullable=False),  # pending | paid | failed
    Column("recorded_at", UTCDateTime(), nullable=False),
    Column("settled_at", UTCDateTime()),
    UniqueConstraint("case_id", "batch_no", "batch_id", name="uq_disbursements_batch"),
    Index("uq_disbursements_live_case", "case_id", unique=True,
          sqlite_where=DISBURSEMENT_LIVE, postgresql_where=DISBURSEMENT_LIVE),
)

# Heads of each device's audit chain as its pulls reported them (issue 14.4; ``central.audit_anchor``):
# the last few, so a proof of one whose answer the device never received still checks.
audit_anchors = Table(
    "audit_anchors",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("hash", String(64), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)

# Refused and flagged attempts, for the central administrator (``python -m central incidents``):
# pushes refused (another office's case or case number), claims filed outside the person's insured
# area, repeat disbursements.  Kept outside the refused transaction, so a refusal is never lost.
security_events = Table(
    "security_events",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("office_code", String(6), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("action", String(16), nullable=False),  # refused (whole push, 403) | rejected (the item) | flagged
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("case_no", String(40), nullable=False),  # "" when the change named none
    Column("idempotency_key", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("details_json", Text, nullable=False),
    Index("ix_security_events_at", "at"),
)

case_notes = Table(
    "annotations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("case_id", String(36), nullable=False),
    Column("case_no", String(40), nullable=False),
    Column("office_code", String(6), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("details_json", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Index("ix_annotations_office_code", "office_code", "seq"),
    Index("ix_annotations_case_id", "case_id", "kind"),
)

registry_insured = Table(
    "registry_insured",
    metadata,
    Column("id_number", String(18), primary_key=True),
    Column("name", String(MAX_PERSON_NAME), nullable=False),
    Column("employer_uscc", String(18), nullable=False),
    Column("employer_name", String(MAX_EMPLOYER_NAME), nullable=False),
    Column("insured_region", String(6), nullable=False),
    Column("contribution_months", Integer, nullable=False),
    Column("phone", String(32), nullable=False),
    Column("receiving_unemployment_benefit", Boolean, nullable=False),
    Column("region", String(4), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_registry_insured_region", "region", "seq"),
)

registry_certificates = Table(
    "registry_certificates",
    metadata,
    Column("number", String(64), primary_key=True),
    Column("id_number", String(18), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("level", Integer, nullable=False),
    Column("occupation_code", String(16), nullable=False),
    Column("occupation_name", String(64), nullable=False),
    Column("issue_date", Date, nullable=False),
    Column("issuer", String(128), nullable=False),
    Column("region", String(4), nullable=False),  # the holder's insured region, else the ID's
    Column("seq", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_registry_certificates_region", "region", "seq"),
    Index("ix_registry_certificates_id_number", "id_number"),
)

# Who asked the registries about whom (online verification at a counter): the central system holds
# everyone's insurance and certificate data, so each person lookup is kept, like any other access.
registry_lookups = Table(
    "registry_lookups",
    metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("office_code", String(6), nullable=False),
    Column("id_number", String(18), nullable=False),
    Column("found", Boolean, nullable=False),
    Index("ix_registry_lookups_id_number", "id_number", "at"),
    Index("ix_registry_lookups_device_id", "device_id", "at"),  # a device's lookups in the last minute
)

# Wrong progress lookup codes per key (``central.limits.LookupLimiter``): in the database, so every
# worker process of the service counts the same strikes (issue 19.5).
rate_strikes = Table(
    "rate_strikes",
    metadata,
    Column("key", String(160), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_at", UTCDateTime(), nullable=False),
    Column("until_at", UTCDateTime()),
    Index("ix_rate_strikes_last_at", "last_at"),
)

reference_files = Table(
    "reference_files",
    metadata,
    Column("path", String(128), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("content", Text, nullable=False),
    Column("published_at", UTCDateTime(), nullable=False),
    Column("seq", BigInteger, nullable=False),
)


# --- engine ----------------------------------------------------------------------------------


def normalise_url(url: str | None) -> str:
    """A SQLAlchemy URL: ``--db``, else ``ZHANCHI_CENTRAL_DB``, else ``central.db`` here.

    A plain path means a SQLite file; ``postgresql://`` uses psycopg 3.
    """
    url = (url or os.environ.get(DB_URL_ENV) or DEFAULT_DB_URL).strip()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL").fetchall()
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    readonly = conn.get_execution_options().get(_READONLY_OPTION, False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Personal data: owner-only from the first byte.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if sys.platform != "win32":
        os.chmod(path, 0o600)


def make_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (see ``normalise_url``), with the schema created."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        _prepare_sqlite_file(url)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    else:
        engine = create_engine(url, pool_size=8, max_overflow=8)
        event.listen(engine, "checkin", _note_idle)
        event.listen(engine, "checkout", _pinging_if_idle(engine.dialect))
    create_schema(engine)
    return engine


PING_AFTER_IDLE_S = 10.0


def _note_idle(_dbapi_connection: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _pinging_if_idle(dialect: Any) -> Callable[[Any, Any, Any], None]:
    """The pool's checkout check: a connection idle for over ``PING_AFTER_IDLE_S`` is pinged before use
    (a restarted or unreachable server gets a fresh connection).  SQLAlchemy's ``pool_pre_ping`` pings
    at every checkout: a round trip per request, a tenth of an idle sync round's cost at a national load
    (issue 19.6), while a connection used a moment ago is alive."""

    def check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError("the pooled connection is gone") from exc
        if not alive:
            raise DisconnectionError("the pooled connection is gone")

    return check


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0002"  # the newest file in migrations/versions (a test checks they agree)
BASELINE_REVISION = "0001"  # the schema of the versions before migrations (made by create_all)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.scalar(text("SELECT version_num FROM alembic_version"))


def migrate(engine: Engine) -> None:
    """Bring the schema to ``HEAD_REVISION`` with Alembic (issue 19.5).  A database of a version from
    before migrations (its tables, no ``alembic_version``) is stamped with the baseline first.  At head
    (every start but the first after an upgrade) Alembic is not even imported."""
    with engine.connect() as conn:
        current = _revision(conn)
        had_tables = inspect(conn).has_table("devices")
    if current == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # several workers starting at once: one migrates
            conn.execute(text("SELECT pg_advisory_xact_lock(7191)"))
            if _revision(conn) == HEAD_REVISION:
                return
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("path_separator", "os")
        config.attributes["connection"] = conn
        if current is None and had_tables:
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")


def create_schema(engine: Engine) -> None:
    migrate(engine)
    with engine.begin() as conn:
        known = set(conn.scalars(select(counters.c.stream)))
        missing = [{"stream": s, "last_seq": 0} for s in STREAMS if s not in known]
        if missing:
            conn.execute(counters.insert(), missing)


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One write transaction (SQLite: BEGIN IMMEDIATE)."""
    with engine.begin() as conn:
        yield conn


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """Reading.  SQLite: one read transaction, a deferred BEGIN that takes no write lock.  PostgreSQL:
    autocommit — at READ COMMITTED a transaction gives its statements no shared snapshot anyway, each
    sees what is committed when it runs, so BEGIN and COMMIT were two round trips of an idle sync
    round's five for nothing (issue 19.6).  A question that must be answered from one moment is asked
    in one statement (``pull._ledger_pages``)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            yield conn
        return
    with engine.execution_options(**{_READONLY_OPTION: True}).connect() as conn, conn.begin():
        yield conn


_LOCK_DEVICE = select(devices.c.id).where(devices.c.id == bindparam("device_id")).with_for_update()


def lock_device(conn: Connection, device_id: str) -> None:
    """One writer per device until the transaction ends (PostgreSQL; SQLite's writers exclude each other)."""
    conn.execute(_LOCK_DEVICE, {"device_id": device_id})


class Sequences:
    """Hands out change sequence numbers inside one write transaction.

    ``lock`` takes the streams' counter rows (in a fixed order, so two
    writers never deadlock); ``next`` hands out numbers; ``flush`` stores the
    last one.  The locks are held until the transaction ends.
    """

    def __init__(self, conn: Connection, streams: Iterable[str]) -> None:
        self._conn = conn
        self._last: dict[str, int] = {}
        self._start: dict[str, int] = {}
        for stream in sorted(set(streams)):
            value = conn.scalar(select(counters.c.last_seq).where(counters.c.stream == stream).with_for_update())
            if value is None:
                raise KeyError(stream)
            self._last[stream] = self._start[stream] = int(value)

    def next(self, stream: str) -> int:
        self._last[stream] += 1
        return self._last[stream]

    def flush(self) -> None:
        for stream, value in self._last.items():
            if value != self._start[stream]:
                self._conn.execute(update(counters).where(counters.c.stream == stream).values(last_seq=value))
                self._start[stream] = value


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
