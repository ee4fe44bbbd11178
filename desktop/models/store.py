"""The local store: one SQLite file per data folder, opened with ``open_store``.

Every operation runs in its own ``Store.session()``: one transaction that
commits when the block ends and rolls back on any exception, so a case
change, its audit entry and its outbox row land together or not at all.

Write sessions start with ``BEGIN IMMEDIATE``: two programs on one data
folder (the window and a CLI command) then queue on the write lock for up to
``busy_timeout`` instead of failing half-way with SQLITE_BUSY.

Adding a migration: write ``migrations/versions/NNNN_*.py`` and move
``HEAD_REVISION`` to it (a test checks they agree).
"""

from __future__ import annotations

import logging
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

from desktop.models.backup import DB_FILENAME, Progress, take_backup
from desktop.models.clock import Clock
from desktop.models.errors import StorageError, os_error_text
from desktop.models.files import create_private, private_dir, restrict, tighten_folder
from desktop.models.schema import Meta

log = logging.getLogger(__name__)

HEAD_REVISION = "0008"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Letters and digits without I, O, 0 and 1, which people misread on paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

META_DEVICE_ID = "device_id"
META_DEVICE_CODE = "device_code"
META_OFFICE_CODE = "office_code"

_READONLY_OPTION = "zhanchi_readonly"

# sqlite3 messages that mean "the environment failed", with what to tell the user.
_KNOWN_FAILURES: tuple[tuple[str, str], ...] = (
    ("database is locked", "数据库正被其他程序占用，请稍后重试"),
    ("database table is locked", "数据库正被其他程序占用，请稍后重试"),
    ("disk i/o error", "读写数据文件出错（磁盘故障或文件被移走），请检查数据文件夹"),
    ("readonly database", "数据文件夹为只读，无法保存，请检查文件夹权限"),
    ("database or disk is full", "磁盘已满，无法保存，请清理磁盘空间后重试"),
    ("disk is full", "磁盘已满，无法保存，请清理磁盘空间后重试"),
    ("unable to open database file", "无法打开数据文件，请检查数据文件夹是否存在且可写"),
    ("file is not a database", "数据文件已损坏或不是本程序的数据库"),
    ("database disk image is malformed", "数据文件已损坏，请从备份恢复"),
)


def random_code(length: int) -> str:
    """A random code over ``CODE_ALPHABET`` (device codes, receipt lookup codes)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def storage_error(exc: BaseException) -> StorageError | None:
    """The ``StorageError`` for a known environmental SQLite failure, else None."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(original, sqlite3.Error):
        return None
    text = str(original).lower()
    for needle, message in _KNOWN_FAILURES:
        if needle in text:
            return StorageError(message)
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
    finally:
        cursor.close()


def _on_begin(conn: Any) -> None:
    readonly = conn.get_execution_options().get(_READONLY_OPTION, False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}")
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


def pending_migration(data_dir: Path) -> str | None:
    """The revision an existing database is at when opening it will migrate it (after a full
    backup: minutes for years of cases), else None.  Read without opening the store."""
    db_path = Path(data_dir) / DB_FILENAME
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # a new or damaged file: nothing to say in advance
    return None if row is None or row[0] == HEAD_REVISION else str(row[0])


def alembic_config(connection: Any = None) -> Any:
    """An Alembic ``Config`` for our migrations (no alembic.ini)."""
    from alembic.config import Config  # imported lazily: most opens need no migration

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _migrate(engine: Engine, data_dir: Path, clock: Clock, progress: Progress | None) -> None:
    current = _current_revision(engine)
    if current == HEAD_REVISION:
        return  # the common case: skip importing Alembic at all
    if current is not None:
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


def _init_meta(engine: Engine, office_code: str) -> None:
    with Session(engine) as session, session.begin():
        if get_meta(session, META_DEVICE_ID) is None:
            set_meta(session, META_DEVICE_ID, str(uuid.uuid4()))
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
    on (its full backup first: minutes for years of cases).
    """
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    try:
        _make_private(data_dir, db_path)
    except OSError as exc:
        raise StorageError(f"数据文件夹 {data_dir} {os_error_text(exc)}") from exc
    engine = _make_engine(db_path)
    clock = clock or Clock()
    try:
        _migrate(engine, data_dir, clock, progress)
        _init_meta(engine, office_code)
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
