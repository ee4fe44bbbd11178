"""Backups with SQLite's online backup API, and getting back to a good one.

A backup is a consistent copy taken while the counter works (no lock held for
long).  The store takes one before every migration; the window takes one a
day; ``backup``/``restore`` do it by hand.  The newest N are kept.  A damaged
database is detected at start (``check_database``) so the app can offer the
newest good backup instead of crashing.

Backups are encrypted with the folder's key, as the database is (issue 20.1: the online backup
API copies between two SQLCipher files with the same key); a backup copied elsewhere reveals
nothing and is restored on a computer and account that hold the key (``zhanchi key export``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.models import database
from desktop.models.database import DB_FILENAME
from desktop.models.errors import InvalidInput, StorageError, os_error_phrase
from desktop.models.files import create_private, private_dir
from desktop.models.keystore import KeyMissing, folder_key, key_for_file, key_literal, read_key_id

BACKUP_DIR = "backups"
KEEP = 14  # backups kept; older ones are deleted after a new one is verified
# quick_check reads (and decrypts: about four times the work of a plain file) every page: about half
# a second for this size here, minutes for years of cases.
FULL_CHECK_AT_START_BYTES = 128 * 2**20

Stop = Callable[[], bool]
# How far a long job has got, for a window to show: (step, fraction done or None when unknown).
# Steps: "backup_copy", "backup_check" (take_backup), "migrate" (store.open_store).
Progress = Callable[[str, float | None], None]


class BackupStopped(Exception):
    """A backup or check abandoned because the program is closing (nothing was kept)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # aware, UTC (from the file name)
    reason: str
    size: int


@dataclass(frozen=True)
class DatabaseCheck:
    ok: bool
    message: str  # plain Chinese for the person at the counter
    key_missing: bool = False  # encrypted, and this account on this computer has no key for it
    code: str | None = None  # the catalogue code of the error behind it (the command line adds its command)


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def file_key(data_dir: Path | None, path: Path) -> bytes | None:
    """The key that opens the database file ``path`` for ``data_dir``: None for a plain file, the
    folder's key when it has one, else that of the folder the file lies in (``KeyMissing``)."""
    if database.file_state(path) != "encrypted":
        return None
    if data_dir is not None and read_key_id(data_dir) is not None:
        return folder_key(data_dir)
    return key_for_file(path)


def _unreadable(path: Path, exc: Exception) -> DatabaseCheck:
    if database.file_state(path) == "encrypted" and "not a database" in str(exc):
        return DatabaseCheck(False, "数据库文件无法解密（不是用本文件夹的密钥加密的，或文件已损坏）")
    return DatabaseCheck(False, f"数据库文件已损坏，无法打开（{exc}）")


def _open_for_check(path: Path, key: bytes | None = None) -> database.Connection | DatabaseCheck:
    """``path`` opened read-only for a check, or what the check says when it does not open."""
    try:
        return database.open_database(path, key=key, readonly=True)
    except KeyMissing as exc:
        return DatabaseCheck(False, str(exc), key_missing=True, code=exc.code)
    except database.DatabaseError as exc:
        return _unreadable(path, exc)


def check_database(path: Path, *, quick: bool = True, stop: Stop | None = None,
                   key: bytes | None = None) -> DatabaseCheck:
    """Whether the file is a sound database: ``quick_check`` by default, ``integrity_check``
    with ``quick=False``.  Both read (and decrypt) every page (minutes for a database of years of
    cases): at start the app uses ``startup_check``.  ``stop`` is asked now and then; True abandons
    the check (``BackupStopped``).  ``key``: that of the file (default: its data folder's); a wrong
    key reads as a damaged file, no key on this computer as ``key_missing``."""
    if not path.exists():
        return DatabaseCheck(True, "数据库尚未建立")
    if stop is not None and stop():
        raise BackupStopped("检查已中止")
    conn = _open_for_check(path, key)
    if isinstance(conn, DatabaseCheck):
        return conn
    try:
        try:
            with _interrupted_when(conn, stop):
                rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except database.OperationalError as exc:
        if stop is not None and stop():
            raise BackupStopped("检查已中止") from exc
        return _unreadable(path, exc)
    except database.DatabaseError as exc:
        return _unreadable(path, exc)
    if rows != [("ok",)]:
        lines = [line for r in rows[:3] for line in str(r[0]).splitlines() if not line.startswith("***")]
        detail = "；".join(lines[:3])
        return DatabaseCheck(False, f"数据库文件已损坏：{detail}")
    return DatabaseCheck(True, "数据库完好")


@contextlib.contextmanager
def _interrupted_when(conn: database.Connection, stop: Stop | None) -> Iterator[None]:
    """Interrupt ``conn``'s statement once ``stop()`` says so: the check is one long step inside
    SQLite (no progress callback reaches it), but ``interrupt`` may come from another thread."""
    if stop is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.2):
            if stop():
                conn.interrupt()
                return

    watcher = threading.Thread(target=watch, name="zhanchi-check-stop", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def startup_check(path: Path) -> DatabaseCheck:
    """The check before the window opens: the whole ``quick_check`` while the file is small,
    else what can be read at once (the header, the schema, the store's own tables).  Every
    daily backup is checked page by page (``integrity_check`` of the copy) in the background,
    so damage in the rest of a large file is still found the same day."""
    if not path.exists() or path.stat().st_size <= FULL_CHECK_AT_START_BYTES:
        return check_database(path)
    conn = _open_for_check(path)
    if isinstance(conn, DatabaseCheck):
        return conn
    try:
        try:
            conn.execute("SELECT name, sql FROM sqlite_master").fetchall()
            for table in ("alembic_version", "meta", "staff"):
                conn.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()  # noqa: S608 - fixed names
        finally:
            conn.close()
    except database.DatabaseError as exc:
        return _unreadable(path, exc)
    return DatabaseCheck(True, "数据库可以打开（完整检查随每日备份进行）")


def take_backup(data_dir: Path, *, reason: str, now: dt.datetime, keep: int = KEEP,
                stop: Stop | None = None, progress: Progress | None = None) -> Backup:
    """Copy the live database with the online backup API, verify the copy, prune old ones.
    ``stop`` is asked between steps; True abandons the backup (``BackupStopped``, no file left).
    ``progress`` hears how much is copied, then that the copy is being checked.  The copy has the
    database's key (a plain database, only ever backed up just before it is encrypted, gives a
    plain copy that the encryption then encrypts too)."""
    source_path = Path(data_dir) / DB_FILENAME
    if not source_path.exists():
        raise InvalidInput.about("data_dir", "backup.no_database", data_dir=data_dir)
    folder = backup_dir(data_dir)
    key = file_key(data_dir, source_path)
    try:
        private_dir(folder)
        stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"zhanchi-{stamp}-{_safe(reason)}.db"
        partial = create_private(target.with_suffix(".partial"))  # owner-only before a byte is copied
        source = database.connect(source_path, key)
        try:
            copy = database.connect(partial, key)
            try:
                source.backup(copy, pages=1024, progress=_each_step(stop, progress))  # no lock held for long
                # One self-contained file (the copy came in write-ahead-log mode): no -wal/-shm beside it.
                copy.execute("PRAGMA journal_mode=DELETE").fetchall()
            finally:
                copy.close()
        finally:
            source.close()
        if progress is not None:
            progress("backup_check", None)  # page by page, as long as the copy or longer
        check = check_database(partial, quick=False, stop=stop, key=key)
        if not check.ok:
            partial.unlink(missing_ok=True)
            raise StorageError.of("backup.check_failed", problem=check.message)
        os.replace(partial, target)
    except BackupStopped:
        partial.unlink(missing_ok=True)
        raise
    except database.Error as exc:
        raise StorageError.of("backup.failed", error=exc) from exc
    except OSError as exc:
        raise StorageError.of("backup.folder_failed", folder=folder, reason=os_error_phrase(exc)) from exc
    for old in list_backups(data_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    return _describe(target)


def _each_step(stop: Stop | None, progress: Progress | None) -> Callable[[int, int, int], None] | None:
    """sqlite3's backup callback: passes on how much is copied, and raises when ``stop()`` says
    so (sqlite3 then aborts the copy)."""
    if stop is None and progress is None:
        return None

    def step(_status: int, remaining: int, total: int) -> None:
        if stop is not None and stop():
            raise BackupStopped("备份已中止")
        if progress is not None and total:
            progress("backup_copy", (total - remaining) / total)

    return step


def _safe(reason: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in reason)[:40] or "manual"


def _describe(path: Path) -> Backup:
    parts = path.stem.split("-", 2)
    taken = dt.datetime.strptime(parts[1], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
    return Backup(path, taken, parts[2] if len(parts) > 2 else "", path.stat().st_size)


def list_backups(data_dir: Path) -> list[Backup]:
    """Newest first."""
    found = []
    for path in backup_dir(data_dir).glob("zhanchi-*.db"):
        try:
            found.append(_describe(path))
        except (ValueError, IndexError, OSError):
            continue  # not one of ours
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_good_backup(data_dir: Path) -> Backup | None:
    return next((b for b in list_backups(data_dir) if check_database(b.path, quick=False).ok), None)


@dataclass(frozen=True)
class Rollback:
    """What putting a backup in place would undo: work done since it was taken."""

    payment_batches: tuple[str, ...]  # batch numbers the backup does not have (files the bank may hold)
    exported_cases: int  # the cases in those batches
    cases: int  # cases created or changed since
    audit_entries: int  # entries after the backup's last

    @property
    def nothing(self) -> bool:
        return not (self.payment_batches or self.cases or self.audit_entries)

    def describe(self) -> str:
        if self.nothing:
            return "备份之后没有新的操作，恢复不会撤销任何内容"
        parts = []
        if self.payment_batches:
            parts.append(f"发放批次{len(self.payment_batches)}个（{'、'.join(self.payment_batches)}，"
                         f"共{self.exported_cases}件案件，已导出的案件不会再次导出）")
        if self.cases:
            parts.append(f"{self.cases}件案件的受理或变更")
        parts.append(f"{self.audit_entries}条操作日志")
        text = "恢复将撤销备份之后的：" + "；".join(parts)
        if self.audit_entries:  # the central system holds the chain's head (issue 14.4) and will see it shrink
            text += "。已同步到中心系统的，中心系统会记下本机审计记录回退，请告知中心系统管理员"
        return text

    def to_json(self) -> dict[str, object]:
        return {"payment_batches": list(self.payment_batches), "exported_cases": self.exported_cases,
                "cases": self.cases, "audit_entries": self.audit_entries}


def rollback_of(data_dir: Path, backup: Path) -> Rollback | None:
    """What restoring ``backup`` would undo, read from both files; None when the live database
    cannot be read (a damaged file: what it held cannot be told)."""
    live = Path(data_dir) / DB_FILENAME
    try:
        conn = database.open_database(live, key=file_key(data_dir, live), readonly=True)
    except database.Error:
        return None
    try:
        backup_key = file_key(data_dir, backup)
        conn.execute("ATTACH DATABASE ? AS old KEY ?", (f"file:{backup}?mode=ro",
                                                        "" if backup_key is None else key_literal(backup_key)))
        lost = "main.payment_batches WHERE batch_no NOT IN (SELECT batch_no FROM old.payment_batches)"
        batches = tuple(n for (n,) in conn.execute(f"SELECT batch_no FROM {lost} ORDER BY batch_no"))
        exported = conn.execute("SELECT COUNT(DISTINCT case_id) FROM main.payment_items WHERE batch_id IN "
                                f"(SELECT id FROM {lost})").fetchone()[0]
        cases = conn.execute("SELECT COUNT(*) FROM main.cases c LEFT JOIN old.cases o ON o.id = c.id "
                             "WHERE o.id IS NULL OR o.version <> c.version").fetchone()[0]
        entries = conn.execute("SELECT COUNT(*) FROM main.audit_log WHERE seq > "
                               "(SELECT COALESCE(MAX(seq), 0) FROM old.audit_log)").fetchone()[0]
    except database.Error:
        return None
    finally:
        conn.close()
    return Rollback(batches, int(exported), int(cases), int(entries))


def restore_backup(data_dir: Path, backup: Path, *, now: dt.datetime) -> Path:
    """Put ``backup`` in place of the database; the replaced file is kept beside it, never deleted.

    The store must be closed.  Returns where the replaced database was moved."""
    data_dir = Path(data_dir)
    check = check_database(backup, quick=False, key=file_key(data_dir, backup))
    if not check.ok:
        raise InvalidInput.about("FILE", "backup.not_restorable", file=backup.name, problem=check.message)
    live = data_dir / DB_FILENAME
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = data_dir / f"{DB_FILENAME}.replaced-{stamp}"
    try:
        if live.exists():
            os.replace(live, kept)
        for suffix in ("-wal", "-shm"):
            side = data_dir / (DB_FILENAME + suffix)
            if side.exists():
                os.replace(side, data_dir / f"{DB_FILENAME}{suffix}.replaced-{stamp}")
        partial = create_private(live.with_suffix(".restoring"))
        shutil.copyfile(backup, partial)  # into the owner-only file (copyfile keeps the target's mode)
        os.replace(partial, live)
    except OSError as exc:
        raise StorageError.of("backup.restore_failed", data_dir=data_dir, reason=os_error_phrase(exc)) from exc
    return kept


def backup_due(data_dir: Path, today: dt.date, tz: dt.tzinfo) -> bool:
    """No backup taken yet on the office's ``today``."""
    newest = next(iter(list_backups(data_dir)), None)
    return newest is None or newest.taken_at.astimezone(tz).date() < today
