"""The store: folder and file, pragmas, sessions, instants, environment errors."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from dbfile import open_db
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from desktop.models.clock import Clock
from desktop.models.errors import StorageError
from desktop.models.schema import Outbox
from desktop.models.store import (
    CODE_ALPHABET,
    DB_FILENAME,
    Store,
    get_meta,
    open_store,
    set_meta,
    storage_error,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@posix_only
def test_new_folder_and_file_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "data"
    with open_store(data_dir) as store:
        assert store.path == data_dir / DB_FILENAME
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


@posix_only
def test_existing_database_is_made_private(tmp_path: Path) -> None:
    with open_store(tmp_path):
        pass
    (tmp_path / DB_FILENAME).chmod(0o644)
    with open_store(tmp_path) as store:
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_first_open_records_device_and_office(store: Store) -> None:
    uuid.UUID(store.device_id)
    assert len(store.device_code) == 4
    assert set(store.device_code) <= set(CODE_ALPHABET)
    assert store.office_code == "440100"


def test_reopen_keeps_device_and_office(tmp_path: Path) -> None:
    with open_store(tmp_path, office_code="330100") as first:
        device = (first.device_id, first.device_code)
    with open_store(tmp_path, office_code="440100") as again:
        assert (again.device_id, again.device_code) == device
        assert again.office_code == "330100"  # the folder keeps the office it was set up for


def test_pragmas_on_every_connection(store: Store) -> None:
    with store.session() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_session_commits_on_success(store: Store) -> None:
    with store.session() as session:
        set_meta(session, "probe", "yes")
    with store.session(readonly=True) as session:
        assert get_meta(session, "probe") == "yes"


def test_session_rolls_back_on_any_exception(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as session:
        set_meta(session, "probe", "yes")
        session.flush()
        raise RuntimeError("boom")
    with store.session(readonly=True) as session:
        assert get_meta(session, "probe") is None


def test_instants_round_trip_aware_in_utc(store: Store) -> None:
    beijing = dt.timezone(dt.timedelta(hours=8))
    instant = dt.datetime(2026, 11, 27, 7, 30, 0, 123456, tzinfo=beijing)
    with store.session() as session:
        session.add(
            Outbox(
                created_at=instant,
                entity="case",
                entity_id="x",
                op="probe",
                payload_json="{}",
                idempotency_key=str(uuid.uuid4()),
                state="pending",
                attempts=0,
            )
        )
    with store.session(readonly=True) as session:
        row = session.scalars(select(Outbox)).one()
        assert row.created_at == instant
        assert row.created_at.utcoffset() == dt.timedelta(0)
        raw = session.execute(text("SELECT created_at FROM outbox")).scalar()
        assert raw == "2026-11-26T23:30:00.123456+00:00"


def test_naive_instants_are_refused(store: Store) -> None:
    with pytest.raises(StatementError), store.session() as session:
        session.add(
            Outbox(
                created_at=dt.datetime(2026, 1, 1),
                entity="case",
                entity_id="x",
                op="probe",
                payload_json="{}",
                idempotency_key=str(uuid.uuid4()),
                state="pending",
                attempts=0,
            )
        )
        session.flush()


def test_reopening_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    with open_store(tmp_path):
        pass
    probe = (
        "import sys; from pathlib import Path; from desktop.models.store import open_store; "
        f"s = open_store(Path({str(tmp_path)!r})); s.close(); print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_locked_database_is_a_storage_error(store: Store) -> None:
    # Shorten the wait on the store's one pooled connection, then hold the write lock elsewhere.
    raw = store.engine.raw_connection()
    raw.driver_connection.execute("PRAGMA busy_timeout=50")
    raw.close()
    other = open_db(store.path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError, match="占用"), store.session() as session:
            set_meta(session, "probe", "yes")
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database is locked", "占用"),
        ("disk I/O error", "读写数据文件出错"),
        ("attempt to write a readonly database", "只读"),
        ("database or disk is full", "磁盘已满"),
    ],
)
def test_known_sqlite_failures_map_to_chinese_messages(message: str, expected: str) -> None:
    error = storage_error(sqlite3.OperationalError(message))
    assert isinstance(error, StorageError)
    assert expected in str(error)


def test_other_sqlite_errors_are_not_hidden() -> None:
    assert storage_error(sqlite3.OperationalError("no such table: nope")) is None
    assert storage_error(ValueError("database is locked")) is None


def test_garbage_file_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StorageError, match="损坏"):
        open_store(tmp_path, clock=Clock())
