"""The local store: one SQLite file per data folder, opened with ``open_store``.

Every operation runs in its own ``Store.session()``: one transaction that
commits when the block ends and rolls back on any exception, so a case
change, its audit entry and its outbox row land together or not at all.

Write sessions start with ``BEGIN IMMEDIATE``: two programs on one data
folder (the window and a CLI command) then queue on the write lock for up to
``busy_timeout`` instead of failing half-way with SQLITE_BUSY.

Adding a migration: write ``migrations/versions/NNNN_*.py`` and move
``HEAD_REVISION`` to it (a test checks they agree).

The file is encrypted (issue 20.1, ``database`` and ``keystore``): the engine's connections are
SQLCipher ones unlocked with the folder's key.  A folder from before encryption is encrypted on its
first open, after a full backup, with the progress said through ``progress`` (step ``"encrypt"``,
then ``"encrypt_backups"`` for the plain backups and kept files it had).
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.models import database, drafts, keystore, sealed
from desktop.models.backup import BACKUP_DIR, DB_FILENAME, Progress, take_backup
from desktop.models.clock import Clock
from desktop.models.errors import StorageError, os_error_phrase
from desktop.models.files import create_private, private_dir, restrict, tighten_folder
from desktop.models.schema import Meta

log = logging.getLogger(__name__)

HEAD_REVISION = "0009"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Letters and digits without I, O, 0 and 1, which people misread on paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

META_DEVICE_ID = "device_id"
META_DEVICE_CODE = "device_code"
META_OFFICE_CODE = "office_code"

_READONLY_OPTION = "zhanchi_readonly"
CACHE_KIB = 32_000  # each connection's page cache
SCAN_CACHE_KIB = 131_072  # for one long read over the registry copy (``larger_cache``)
# Files beside the database that hold personal data, sealed with its key (``sealed``): where, and what for.
SEALED_FILES = {"drafts/*.json": drafts.PURPOSE}

# sqlite3 messages that mean "the environment failed", with the message code of what to tell the user.
_KNOWN_FAILURES: tuple[tuple[str, str], ...] = (
    ("database is locked", "store.locked"),
    ("database table is locked", "store.locked"),
    ("disk i/o error", "store.io_error"),
    ("readonly database", "store.read_only"),
    ("database or disk is full", "store.disk_full"),
    ("disk is full", "store.disk_full"),
    ("unable to open database file", "store.cannot_open"),
    ("file is not a database", "store.not_a_database"),
    ("database disk image is malformed", "store.malformed"),
)


def random_code(length: int) -> str:
    """A random code over ``CODE_ALPHABET`` (device codes, receipt lookup codes)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def storage_error(exc: BaseException) -> StorageError | None:
    """The ``StorageError`` for a known environmental SQLite failure, else None."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, (sqlite3.Error, database.Error)):
        return None
    text = str(original).lower()
    for needle, code in _KNOWN_FAILURES:
        if needle in text:
            return StorageError.of(code)
    return None


def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def get_meta_raw(cursor: sqlite3.Cursor, *keys: str) -> dict[str, str]:
    """``get_meta`` for a bulk writer on a raw sqlite3 transaction: the keys found, with values."""
    marks = ", ".join("?" * len(keys))
    return dict(cursor.execute(f"SELECT key, value FROM {Meta.__tablename__} WHERE key IN ({marks})", keys))


def set_meta_raw(cursor: sqlite3.Cursor, values: dict[str, str]) -> None:
    """``set_meta`` for a bulk writer on a raw sqlite3 transaction (the registry import)."""
    cursor.executemany(f"INSERT INTO {Meta.__tablename__} (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value", list(values.items()))


@contextmanager
def larger_cache(dbapi_connection: Any, kib: int = SCAN_CACHE_KIB) -> Iterator[None]:
    """A larger page cache on one connection for one long read (the screening of the whole registry
    copy: its index lookups come back to the same pages, and every page fetched from the file is
    decrypted), given back (and its memory freed) at the end."""
    dbapi_connection.execute(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        dbapi_connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")


def session_clock(session: Session) -> Clock:
    """The clock of the store that opened ``session``: services never read the computer's own."""
    clock = session.info.get("clock")
    if not isinstance(clock, Clock):
        raise RuntimeError("a session not opened by a Store has no clock to read")
    return clock


class Store:
    """An open data folder.  Create with ``open_store``; ``close()`` when done."""

    def __init__(self, data_dir: Path, engine: Engine, clock: Clock) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_FILENAME  # the database file
        self.clock = clock
        self._engine = engine
        self._read_engine = engine.execution_options(**{_READONLY_OPTION: True})
        with self.session(readonly=True) as session:
            self.device_id = get_meta(session, META_DEVICE_ID) or ""
            self.device_code = get_meta(session, META_DEVICE_CODE) or ""
            self.office_code = get_meta(session, META_OFFICE_CODE) or ""

    @property
    def engine(self) -> Engine:
        """For bulk imports through SQLAlchemy Core; services use ``session()``."""
        return self._engine

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """One transaction: commit at the end of the block, rollback on any exception.

        ``readonly=True`` takes no write lock (deferred BEGIN) for lookups and
        reports; writing in such a session still works but may wait on the lock.
        """
        engine = self._read_engine if readonly else self._engine
        try:
            with Session(engine, info={"clock": self.clock, "store": self}) as session, session.begin():
                yield session
        except DBAPIError as exc:
            known = storage_error(exc)
            if known is None:
                raise
            raise known from exc

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- opening ---------------------------------------------------------------


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own
    # transaction handling would start it late and never as IMMEDIATE).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL").fetchall()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Decrypted pages kept (issue 20.1): every page SQLite fetches from the file is checked and
        # decrypted, so the hot pages of the indexes stay here (up to 32 MB a connection; SQLite's own
        # default is 2 MB).  The screening of a million workers takes half the time with it.
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    finally:
        cursor.close()


def _on_begin(conn: Any) -> None:
    readonly = conn.get_execution_options().get(_READONLY_OPTION, False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _make_engine(db_path: Path, key: bytes) -> Engine:
    def connect() -> Any:
        # check_same_thread off as SQLAlchemy sets it for a file database: the pool hands a
        # connection to one thread at a time.
        return database.connect(db_path, key, check_same_thread=False)

    engine = create_engine(f"sqlite:///{db_path}", module=database.dbapi, creator=connect)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if has_table is None:
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


PLAIN = "unencrypted"


def pending_migration(data_dir: Path) -> str | None:
    """The revision an existing database is at when opening it will migrate it (after a full
    backup: minutes for years of cases), ``PLAIN`` when it is at the head but not yet encrypted
    (also after a full backup), else None.  Read without opening the store."""
    db_path = Path(data_dir) / DB_FILENAME
    state = database.file_state(db_path)
    if state in ("missing", "empty"):
        return None
    try:
        conn = database.open_database(db_path, readonly=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except (database.Error, StorageError):
        return None  # a new or damaged file, or no key here: nothing to say in advance (the open says it)
    if row is not None and row[0] != HEAD_REVISION:
        return str(row[0])
    return PLAIN if state == "plain" else None


def alembic_config(connection: Any = None) -> Any:
    """An Alembic ``Config`` for our migrations (no alembic.ini)."""
    from alembic.config import Config  # imported lazily: most opens need no migration

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _migrate(engine: Engine, data_dir: Path, clock: Clock, progress: Progress | None, *,
             backed_up: bool = False) -> None:
    current = _current_revision(engine)
    if current == HEAD_REVISION:
        return  # the common case: skip importing Alembic at all
    if current is not None:
        if not backed_up:  # (an old plain folder was backed up as it was, before its encryption)
            # A migration rewrites tables: keep a copy of the database as it was (issue 8: backups).
            take_backup(data_dir, reason=f"before-migration-{current}", now=clock.now(), progress=progress)
        if progress is not None:
            progress("migrate", None)
    from alembic import command

    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), "head")
        conn.commit()


def _make_private(data_dir: Path, db_path: Path) -> None:
    """The data folder and the database file owner-only (issue 20.2): created so, or an existing
    folder tightened (what changed goes to the log)."""
    if not data_dir.exists():
        private_dir(data_dir)
    else:
        changed = tighten_folder(data_dir)
        if changed:
            log.warning("data folder %s was readable by others; made owner-only: %s", data_dir,
                        "; ".join(changed[:20]) + (f"; … {len(changed) - 20} more" if len(changed) > 20 else ""))
    create_private(db_path)  # before SQLite opens it (SQLite gives -wal and -shm the same mode)


def _plain_facts(db_path: Path) -> tuple[str | None, str | None]:
    """The device id (to name the key by) and the schema revision of a plain (not yet encrypted)
    database."""
    device_id = revision = None
    try:
        conn = database.connect(db_path, None, readonly=True)
        try:
            row = conn.execute(f"SELECT value FROM {Meta.__tablename__} WHERE key = ?", (META_DEVICE_ID,)).fetchone()
            device_id = str(row[0]) if row is not None and keystore.valid_key_id(str(row[0])) else None
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if version is None else str(version[0])
        finally:
            conn.close()
    except database.Error:
        pass  # a table missing: a very old or a new file
    return device_id, revision


def _encrypt_folder(data_dir: Path, db_path: Path, clock: Clock, progress: Progress | None) -> bytes:
    """A folder from before encryption: a full backup, then the database encrypted in place (see
    ``database.encrypt_file``: a crash leaves the plain file usable and the next open tries again).
    The backup also serves a migration that follows (named for it then)."""
    device_id, revision = _plain_facts(db_path)
    key = keystore.make_folder_key(data_dir, device_id)
    log.warning("data folder %s: encrypting the database (a full backup first)", data_dir)
    reason = "before-encryption" if revision in (None, HEAD_REVISION) else f"before-migration-{revision}"
    take_backup(data_dir, reason=reason, now=clock.now(), progress=progress)
    say = None if progress is None else (lambda fraction: progress("encrypt", fraction))
    try:
        database.encrypt_file(db_path, key, progress=say)
    except database.Error as exc:
        known = storage_error(exc)
        raise (known or StorageError.of("store.encrypt_failed", error=exc)) from exc
    log.warning("data folder %s: database encrypted", data_dir)
    return key


def _plain_leftovers(data_dir: Path) -> list[Path]:
    """Plain database files a folder keeps besides its database: backups, databases a restore
    replaced, a backup or restore cut short."""
    found = [p for p in (data_dir / BACKUP_DIR).glob("zhanchi-*") if p.suffix in (".db", ".partial")]
    found += list(data_dir.glob(f"{DB_FILENAME}.replaced-*")) + list(data_dir.glob(f"{DB_FILENAME}.restoring"))
    return sorted(p for p in found if p.is_file() and database.file_state(p) == "plain")


def _encrypt_leftovers(data_dir: Path, key: bytes, progress: Progress | None) -> None:
    """Encrypt (or, when only a piece of a copy, delete) every plain database file the folder
    keeps, so no plain copy of the data stays in it once the database is encrypted."""
    plain = _plain_leftovers(data_dir)
    for done, path in enumerate(plain):
        if progress is not None:
            progress("encrypt_backups", done / len(plain))
        if path.suffix in (".partial", ".restoring"):
            path.unlink(missing_ok=True)  # a copy cut short: never a backup, its source is still there
            continue
        if ".replaced-" in path.name:  # restore moved its -wal/-shm aside as zhanchi.db-wal.replaced-STAMP
            stamp = path.name.split(".replaced-", 1)[1]
            for suffix in ("-wal", "-shm"):
                side = data_dir / f"{DB_FILENAME}{suffix}.replaced-{stamp}"
                if side.exists():
                    os.replace(side, path.with_name(path.name + suffix))  # where SQLite looks for it
        try:
            database.encrypt_file(path, key)
        except (database.Error, StorageError) as exc:
            log.error("could not encrypt %s: %s", path, exc)
            continue
        log.warning("encrypted %s", path)
    if plain and progress is not None:
        progress("encrypt_backups", 1.0)


def _folder_key(data_dir: Path, db_path: Path, clock: Clock, progress: Progress | None) -> tuple[bytes, bool]:
    """The key of the folder's database: made for a new folder, the folder encrypted first when it
    is from before encryption (True: a full backup was taken); ``KeyMissing`` when it is encrypted
    and this account has no key."""
    state = database.file_state(db_path)
    if state == "encrypted":
        key = keystore.folder_key(data_dir)
    elif state == "plain":
        key = _encrypt_folder(data_dir, db_path, clock, progress)
    else:
        key = keystore.make_folder_key(data_dir)
    _encrypt_leftovers(data_dir, key, progress)
    return key, state == "plain"


def _init_meta(engine: Engine, office_code: str, device_id: str | None) -> None:
    with Session(engine) as session, session.begin():
        if get_meta(session, META_DEVICE_ID) is None:
            set_meta(session, META_DEVICE_ID, device_id or str(uuid.uuid4()))
        if get_meta(session, META_DEVICE_CODE) is None:
            # Per data folder, so case numbers from two counters never collide.
            set_meta(session, META_DEVICE_CODE, random_code(4))
        if get_meta(session, META_OFFICE_CODE) is None:
            set_meta(session, META_OFFICE_CODE, office_code)


def open_store(data_dir: Path, *, clock: Clock | None = None, office_code: str = "440100",
               progress: Progress | None = None) -> Store:
    """Open (creating and migrating as needed) the store in ``data_dir``.

    ``office_code`` is recorded on first open only; an existing folder keeps
    the office it was set up for.  ``progress`` hears how an upgrade is getting
    on (its full backup first: minutes for years of cases).  ``keystore.KeyMissing``
    (a ``StorageError``) when the database is encrypted and this account has no key.
    """
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    try:
        _make_private(data_dir, db_path)
    except OSError as exc:
        raise StorageError.of("store.data_folder", data_dir=data_dir, reason=os_error_phrase(exc)) from exc
    clock = clock or Clock()
    try:
        key, backed_up = _folder_key(data_dir, db_path, clock, progress)
        # The other files with personal data are sealed with the same key; plain ones of before sealed now.
        seal = sealed.remember(data_dir, key)
        sealed.seal_leftovers(data_dir, seal, SEALED_FILES)
        sealed.seal_documents_once(data_dir, seal)
    except OSError as exc:
        raise StorageError.of("store.data_folder", data_dir=data_dir, reason=os_error_phrase(exc)) from exc
    engine = _make_engine(db_path, key)
    try:
        _migrate(engine, data_dir, clock, progress, backed_up=backed_up)
        _init_meta(engine, office_code, keystore.read_key_id(data_dir))
        store = Store(data_dir, engine, clock)
    except DBAPIError as exc:
        engine.dispose()
        known = storage_error(exc)
        if known is None:
            raise
        raise known from exc
    except BaseException:
        engine.dispose()
        raise
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(DB_FILENAME + suffix)
        if side.exists():
            restrict(side)
    return store
