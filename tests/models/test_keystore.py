"""Issue 20.1: where the data folder's key is kept (``desktop.models.keystore``) and the one way a
database file is opened (``desktop.models.database``)."""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from dbfile import open_db

from desktop.models import database, key_moves, keystore
from desktop.models.backup import check_database, take_backup
from desktop.models.errors import InvalidInput, StorageError
from desktop.models.store import Store, open_store


@pytest.fixture
def own_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A key store of this test alone."""
    keys = tmp_path / "keys"
    monkeypatch.setenv(keystore.KEY_DIR_ENV, str(keys))
    return keys


def test_each_folder_gets_its_own_random_key_named_by_its_device_id(tmp_path: Path, own_keys: Path) -> None:
    first, second = open_store(tmp_path / "a"), open_store(tmp_path / "b")
    try:
        assert first.device_id == keystore.read_key_id(first.data_dir)
        assert second.device_id == keystore.read_key_id(second.data_dir) != first.device_id
        one, two = keystore.folder_key(first.data_dir), keystore.folder_key(second.data_dir)
        assert len(one) == len(two) == 32 and one != two
        assert sorted(p.name for p in own_keys.iterdir()) == sorted(f"{s.device_id}.key" for s in (first, second))
        if sys.platform != "win32":
            assert own_keys.stat().st_mode & 0o777 == 0o700
            assert all(p.stat().st_mode & 0o777 == 0o600 for p in own_keys.iterdir())
    finally:
        first.close()
        second.close()
    # Opened again: the same key, nothing new made.
    open_store(tmp_path / "a").close()
    assert keystore.folder_key(tmp_path / "a") == one and len(list(own_keys.iterdir())) == 2


def test_the_key_may_not_be_kept_inside_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(keystore.KEY_DIR_ENV, str(tmp_path / "data" / "keys"))
    with pytest.raises(InvalidInput, match="密钥不能和数据库放在一起"):
        open_store(tmp_path / "data")


def test_a_wrong_key_reads_as_no_database(store: Store) -> None:
    with pytest.raises(database.DatabaseError, match="not a database"):
        database.connect(store.path, b"\x01" * 32).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert not database.opens_with(store.path, b"\x01" * 32)
    assert database.opens_with(store.path, keystore.folder_key(store.data_dir))
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(store.path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_backup_has_the_folders_key_and_is_checked_with_it(store: Store) -> None:
    backup = take_backup(store.data_dir, reason="manual", now=store.clock.now())
    assert database.file_state(backup.path) == "encrypted"
    assert check_database(backup.path, quick=False).ok
    wrong = check_database(backup.path, quick=False, key=b"\x02" * 32)
    assert not wrong.ok and "无法解密" in wrong.message
    with open_db(backup.path) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone() == (0,)


def test_no_key_on_this_computer_is_a_typed_error(store: Store, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store.close()
    monkeypatch.setenv(keystore.KEY_DIR_ENV, str(tmp_path / "empty"))
    with pytest.raises(keystore.KeyMissing, match="请由管理员在原来的电脑上导出密钥，再在本机导入"):
        open_store(store.data_dir)
    check = check_database(store.path)
    assert not check.ok and check.key_missing
    (store.data_dir / keystore.KEY_ID_FILE).unlink()  # the id lost too
    with pytest.raises(keystore.KeyMissing, match=keystore.KEY_ID_FILE):
        open_store(store.data_dir)


def test_without_a_session_bus_no_keyring_is_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    if sys.platform.startswith("linux"):
        assert keystore._secret_service() is None


class FakeSecretService:
    """Stands in for keyring's Secret Service backend (no D-Bus session here)."""

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, name: str) -> str | None:
        return self.secrets.get((service, name))

    def set_password(self, service: str, name: str, value: str) -> None:
        self.secrets[(service, name)] = value


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps keys with DPAPI")
def test_with_a_secret_service_the_key_goes_there_not_to_a_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    service = FakeSecretService()
    monkeypatch.delenv(keystore.KEY_DIR_ENV)
    monkeypatch.setattr(keystore, "_config_keys_folder", lambda: tmp_path / "config" / "keys")
    monkeypatch.setattr(keystore, "_secret_service", lambda: keystore.SecretServiceKeys(service))
    store = open_store(tmp_path / "data")
    store.close()
    assert list(service.secrets) == [(keystore.SERVICE, store.device_id)]
    assert not (tmp_path / "config" / "keys").exists()
    assert keystore.where_is(store.device_id) == f"secret-service:{keystore.SERVICE}/{store.device_id}"
    open_store(tmp_path / "data").close()  # found there again


def fake_protect(key: bytes, key_id: str) -> bytes:
    return b"DPAPI" + bytes(b ^ 0x5A for b in key) + key_id.encode()


def fake_unprotect(blob: bytes, key_id: str) -> bytes:
    if not blob.startswith(b"DPAPI") or not blob.endswith(key_id.encode()):
        raise OSError("another account's blob")
    return bytes(b ^ 0x5A for b in blob[5:-len(key_id)])


def test_dpapi_key_files_keep_only_the_sealed_blob(tmp_path: Path) -> None:
    files = keystore.KeyFiles(tmp_path / "keys", protect=fake_protect, unprotect=fake_unprotect)
    key_id, key = keystore.new_key_id(), os.urandom(32)
    files.put(key_id, key)
    assert files.path(key_id).name == f"{key_id}.dpapi" and key not in files.path(key_id).read_bytes()
    assert files.get(key_id) == key and files.get(keystore.new_key_id()) is None
    files.path(key_id).rename(files.path(other := keystore.new_key_id()))  # a blob under another id
    with pytest.raises(keystore.KeyMissing):
        files.get(other)


@pytest.mark.skipif(sys.platform != "win32", reason="DPAPI is Windows's")
def test_real_dpapi_round_trip() -> None:
    from desktop.models import dpapi

    key_id, key = keystore.new_key_id(), os.urandom(32)
    blob = dpapi.protect(key, key_id)
    assert key not in blob and dpapi.unprotect(blob, key_id) == key
    with pytest.raises(OSError):
        dpapi.unprotect(blob, keystore.new_key_id())


def test_a_torn_or_foreign_key_export_is_refused(store: Store, tmp_path: Path) -> None:
    sealed = tmp_path / "key.export"
    key_moves.write_export(store.data_dir, sealed, "a passphrase long enough")
    with pytest.raises(InvalidInput, match="口令"):
        key_moves.import_key(sealed, "another passphrase entirely")
    with pytest.raises(InvalidInput, match="至少"):
        key_moves.write_export(store.data_dir, tmp_path / "short", "short")
    other = open_store(tmp_path / "other")
    other.close()
    with pytest.raises(InvalidInput, match="另一个数据文件夹"):
        key_moves.import_key(sealed, "a passphrase long enough", other.data_dir)
    assert key_moves.import_key(sealed, "a passphrase long enough", store.data_dir)[0] == store.device_id


def test_a_kept_key_is_never_replaced(store: Store, tmp_path: Path) -> None:
    """Two copies of one plain folder share its device id: the second to be encrypted uses the key
    the first made, and no key is ever overwritten (the folders it opens would be lost)."""
    key = keystore.folder_key(store.data_dir)
    with pytest.raises(StorageError, match="未覆盖"):
        keystore.keep_key(store.device_id, os.urandom(32))
    copy = tmp_path / "copy"
    copy.mkdir()
    assert keystore.make_folder_key(copy, store.device_id) == key
    assert keystore.folder_key(store.data_dir) == key


def test_a_long_read_gets_a_larger_cache_and_gives_it_back(store: Store) -> None:
    """Every page fetched from the encrypted file is decrypted: connections keep 32 MB of pages, the
    screening of the registry copy 128 MB while it runs."""
    from desktop.models.store import CACHE_KIB, SCAN_CACHE_KIB, larger_cache

    with store.session(readonly=True) as session:
        dbapi = session.connection().connection.driver_connection
        assert dbapi is not None
        assert int(dbapi.execute("PRAGMA cache_size").fetchone()[0]) == -CACHE_KIB
        with larger_cache(dbapi):
            assert int(dbapi.execute("PRAGMA cache_size").fetchone()[0]) == -SCAN_CACHE_KIB
        assert int(dbapi.execute("PRAGMA cache_size").fetchone()[0]) == -CACHE_KIB


@pytest.mark.parametrize("while_locked", [True, False], ids=["posix", "windows-way"])
def test_a_plain_file_is_encrypted_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            while_locked: bool) -> None:
    """The rename over the plain file: under the write lock where the system allows it, else (Windows)
    after letting go of it, only when the file has not changed meanwhile."""
    monkeypatch.setattr(database, "_RENAME_WHILE_LOCKED", while_locked)
    path = tmp_path / "plain.db"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE t (name TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [("司马测密",)] * 500)
    key = os.urandom(32)
    heard: list[float] = []
    database.encrypt_file(path, key, progress=heard.append)
    assert database.file_state(path) == "encrypted" and "司马测密".encode() not in path.read_bytes()
    assert heard[-1] == 1.0 and not (tmp_path / "plain.db.encrypting").exists()
    with closing(database.connect(path, key)) as conn:
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (500,)
