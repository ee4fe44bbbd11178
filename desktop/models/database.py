"""The one way a database file of a data folder is opened: SQLCipher with the folder's key (issue 20.1).

The database and every backup are SQLCipher 4 files (AES-256-CBC pages of 8 KiB, each with its own IV
and an HMAC-SHA256; the ``sqlcipher3`` wheel, SQLite 3.53 with SQLCipher 4.x and OpenSSL built in).  The
key is the folder's 32 random bytes from ``keystore``, given as a raw key (``PRAGMA key =
"x'…'"``), so opening costs no key derivation.  Every reader — the store's engine, the window's first
look at the signed-in account, backups and their checks, the registry import, tests that tamper with
the file as an attacker would — goes through ``connect`` / ``open_database``.

A plain SQLite file (a folder from before encryption, an old backup) is still opened, without a key,
so that ``open_store`` can encrypt it (``encrypt_file``): the live database first, after a full
backup, then every plain backup and kept file in the folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeAlias

import sqlcipher3.dbapi2 as dbapi

from desktop.models.keystore import key_for_file, key_literal

DB_FILENAME = "zhanchi.db"
PLAIN_HEADER = b"SQLite format 3\x00"
# SQLCipher's driver errors (its own classes, not the standard library's ``sqlite3`` ones; the
# standard library is not imported here: the window's first look reads through this module).
Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError
Connection: TypeAlias = dbapi.Connection
FileState = Literal["missing", "empty", "plain", "encrypted"]
# SQLCipher 4 with two settings changed for speed (every page read from the disk or the OS cache is
# checked and decrypted): 8 KiB pages (half the per-page work of 4 KiB for scans) and HMAC-SHA256
# (SHA-NI or ARMv8 SHA2 instructions make it faster than SHA-512).  Set as the process's defaults,
# so every file (the database, backups, ATTACHed files, key exports) is written and read alike.
PAGE_SIZE = 8192
HMAC = "HMAC_SHA256"
HMAC_BYTES = 32
CIPHER_DEFAULTS = (f"PRAGMA cipher_default_page_size = {PAGE_SIZE}", f"PRAGMA cipher_default_hmac_algorithm = {HMAC}",
                   "PRAGMA cipher_log_level = NONE")  # a wrong key's HMAC failure: ours to say, not stderr's
_configured = False


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def file_state(path: Path) -> FileState:
    """What a database file is, from its first 16 bytes: a plain SQLite file starts with its magic
    string, an SQLCipher file with its random salt."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        return "empty"
    return "plain" if head == PLAIN_HEADER else "encrypted"


def _uri(path: Path, readonly: bool) -> str:
    text = Path(path).as_posix().replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{text}?mode=ro" if readonly else f"file:{text}"


def connect(path: Path, key: bytes | None, *, readonly: bool = False, timeout: float = 5.0,
            isolation_level: str | None = "", check_same_thread: bool = True) -> Any:
    """A SQLCipher connection to ``path`` unlocked with ``key`` (``None``: a plain SQLite file).
    The key is checked at the first read: a wrong one fails there with "file is not a database"."""
    _configure()
    conn = dbapi.connect(_uri(path, readonly), uri=True, timeout=timeout, isolation_level=isolation_level,
                         check_same_thread=check_same_thread)
    try:
        if key is not None:
            conn.execute(f'PRAGMA key = "{key_literal(key)}"')
    except BaseException:
        conn.close()
        raise
    return conn


def _configure() -> None:
    global _configured
    if not _configured:
        conn = dbapi.connect(":memory:")
        try:
            for pragma in CIPHER_DEFAULTS:
                conn.execute(pragma).fetchall()
        finally:
            conn.close()
        _configured = True


def open_database(path: Path, *, key: bytes | None = None, readonly: bool = False, timeout: float = 5.0,
                  isolation_level: str | None = "", check_same_thread: bool = True) -> Any:
    """Open a database file of a data folder (the live one or a backup): with ``key``, else the
    folder's key when the file is encrypted, without one when it is a plain SQLite file.
    ``keystore.KeyMissing`` when the file is encrypted and this account has no key for it."""
    path = Path(path)
    state = file_state(path)
    if state == "plain":
        key = None
    elif key is None and state == "encrypted":
        key = key_for_file(path)
    return connect(path, key, readonly=readonly, timeout=timeout, isolation_level=isolation_level,
                   check_same_thread=check_same_thread)


def opens_with(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens the encrypted file at ``path``."""
    try:
        conn = connect(path, key, readonly=True, timeout=0.5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except dbapi.Error:
        return False
    return True


def connect_passphrase(path: Path, passphrase: str, *, readonly: bool = False) -> Any:
    """A SQLCipher file sealed with a passphrase (SQLCipher 4's PBKDF2-HMAC-SHA512): the key export."""
    conn = connect(path, None, readonly=readonly)
    conn.execute("PRAGMA key = " + _sql_text(passphrase))
    return conn


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# --- plain to encrypted --------------------------------------------------------------------------

EncryptProgress = Callable[[float], None]
_RENAME_WHILE_LOCKED = os.name != "nt"  # Windows cannot rename over a file SQLite holds open


def encrypt_file(path: Path, key: bytes, *, progress: EncryptProgress | None = None) -> None:
    """Replace the plain SQLite file ``path`` by an encrypted copy under the same name.

    ``sqlcipher_export`` copies schema and rows into a new encrypted file beside it while a second
    connection holds the write lock (nobody writes meanwhile; readers may read); the copy is
    checked (``quick_check``, same tables and row counts), flushed, and renamed over the plain file
    in one step.  A crash before the rename leaves the plain file as it was (and a partial
    ``.encrypting`` file, removed by the next try); after it, the encrypted one.  A ``-wal`` file of
    the plain database is folded in first.  ``progress`` hears the fraction copied.  On Windows a
    file SQLite holds open cannot be renamed over: the lock is let go first, and the rename is
    made only if the plain file has not changed since the copy."""
    path = Path(path)
    from desktop.models.errors import StorageError
    from desktop.models.files import create_private

    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    create_private(target)
    source_size = max(path.stat().st_size, 1)
    locked_rename = _RENAME_WHILE_LOCKED
    conn = connect(path, None, isolation_level=None, timeout=30.0)
    lock = None
    try:
        try:
            conn.execute("PRAGMA busy_timeout=30000")
            # The copy is one file: fold a write-ahead log in (needs no one else in the database).
            conn.execute("PRAGMA journal_mode=DELETE").fetchall()
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            lock = connect(path, None, isolation_level=None, timeout=30.0)
            lock.execute("BEGIN IMMEDIATE")  # no writer until the encrypted copy has taken its place
            conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), key_literal(key)))
            if progress is not None:
                conn.set_progress_handler(_copy_progress(target, source_size, progress), 50_000)
            conn.execute("BEGIN")
            conn.execute("SELECT sqlcipher_export('encrypted')").fetchall()
            conn.execute(f"PRAGMA encrypted.user_version = {user_version}")
            conn.execute("COMMIT")
            conn.set_progress_handler(None, 0)
            expected = _row_counts(conn, "main")
            conn.execute("DETACH DATABASE encrypted")
            _check_copy(target, key, expected)
            _fsync(target)
            copied = _signature(path)
            if locked_rename:
                os.replace(target, path)
        finally:
            if lock is not None:
                if lock.in_transaction:
                    lock.execute("ROLLBACK")
                lock.close()
            conn.close()
        if not locked_rename:
            if _signature(path) != copied:
                raise StorageError.of("store.changed_while_encrypting")
            os.replace(target, path)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    if progress is not None:
        progress(1.0)


def _copy_progress(target: Path, source_size: int, progress: EncryptProgress) -> Callable[[], int]:
    """SQLite's progress handler during the export: the copy's size against the source's, each
    percent said once."""
    last = [-1]

    def step() -> int:
        try:
            fraction = min(target.stat().st_size / source_size, 0.99)
        except OSError:
            return 0
        if int(fraction * 100) != last[0]:
            last[0] = int(fraction * 100)
            progress(fraction)
        return 0

    return step


def _signature(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _row_counts(conn: Any, schema: str) -> dict[str, int]:
    names = [n for (n,) in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: int(conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0]) for n in names}


def _check_copy(target: Path, key: bytes, expected: dict[str, int]) -> None:
    from desktop.models.errors import StorageError

    copy = connect(target, key, isolation_level=None)
    try:
        rows = copy.execute("PRAGMA quick_check").fetchall()
        counts = _row_counts(copy, "main")
    finally:
        copy.close()
    if rows != [("ok",)] or counts != expected:
        raise StorageError.of("store.encrypted_copy_differs", rows=rows[:3])


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = [
    "DB_FILENAME",
    "Connection",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "OperationalError",
    "connect",
    "connect_passphrase",
    "db_path",
    "encrypt_file",
    "file_state",
    "open_database",
    "opens_with",
]
