"""The data folder's database key, kept by the operating system and never in the data folder (issue 20.1).

Each data folder has its own key: 32 random bytes made when the folder is first opened.  The
folder holds only the key's *id* (``zhanchi.key-id``, the folder's device id: a UUID, no secret);
the key itself is kept by the operating system for the signed-in account:

- Windows: a file in the user's local configuration folder holding the key protected with DPAPI
  (``CryptProtectData``: only this Windows account on this computer can unprotect it);
- Linux and others: the desktop's Secret Service (GNOME Keyring, KWallet, deepin's keyring) through
  ``keyring`` when a session bus and a usable backend exist, else a key file readable by the
  account alone (0600 in a 0700 folder) in the user's configuration folder
  (``~/.config/zhanchi/keys``);
- ``ZHANCHI_KEY_DIR`` names a folder of key files instead (tests, benchmarks, an administrator who
  keeps keys on another volume).  It may not lie inside the data folder.

What it protects against: the data folder or the disk alone — a copied folder, a stolen USB backup, a
laptop disk read elsewhere (with the Secret Service or DPAPI, whose secrets are sealed by the
account's password).  It does not protect against someone who is signed in as the same account, or
who holds the whole user profile with its password: they have the key too.

Moving a folder to another computer or account: ``key_moves``.

Finding a key is cheap when it is in a key file (the window's first look reads the signed-in
account with it); ``keyring`` is imported only when no key file has it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.models.errors import InvalidInput, StorageError

KEY_ID_FILE = "zhanchi.key-id"  # in the data folder: which key, never the key
KEY_BYTES = 32
KEY_DIR_ENV = "ZHANCHI_KEY_DIR"
SERVICE = "zhanchi-counter data folder key"
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
# Secret Service backends keyring may offer that keep secrets sealed by the account's password;
# a plain-text or "fail" backend is not one of them.
_SEALED_BACKENDS = ("keyring.backends.SecretService", "keyring.backends.libsecret", "keyring.backends.kwallet",
                    "keyring.backends.macOS")


class KeyMissing(StorageError):
    """The database is encrypted and this account on this computer does not have its key."""


def valid_key_id(text: str) -> bool:
    return bool(_ID.match(text))


def key_id_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_ID_FILE


def read_key_id(data_dir: Path) -> str | None:
    """The folder's key id, or None when it has none (a new or a plain folder)."""
    try:
        text = key_id_path(data_dir).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if valid_key_id(text) else None


def new_key_id() -> str:
    import uuid

    return str(uuid.uuid4())


def key_literal(key: bytes) -> str:
    """The key as SQLCipher takes a raw key (no passphrase derivation: opening costs nothing)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a data folder key is 32 bytes")
    return f"x'{key.hex()}'"


# --- where keys are kept -------------------------------------------------------------------------


class KeyFiles:
    """Keys as files named by their id in one owner-only folder: hex text, or a DPAPI blob on Windows
    (``protect``/``unprotect`` given)."""

    def __init__(self, folder: Path, *, protect: Callable[[bytes, str], bytes] | None = None,
                 unprotect: Callable[[bytes, str], bytes] | None = None) -> None:
        self.folder = Path(folder)
        self._protect, self._unprotect = protect, unprotect
        self.kind = "dpapi" if protect is not None else "file"

    def path(self, key_id: str) -> Path:
        return self.folder / (f"{key_id}.dpapi" if self.kind == "dpapi" else f"{key_id}.key")

    def get(self, key_id: str) -> bytes | None:
        try:
            data = self.path(key_id).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError.of("key.unreadable", path=self.path(key_id), reason=exc.strerror or exc) from exc
        if self._unprotect is not None:
            try:
                return self._unprotect(data, key_id)
            except OSError as exc:
                raise KeyMissing.of("key.other_windows_account", path=self.path(key_id), error=exc) from exc
        text = data.decode("ascii", "replace").strip()
        if not HEX_KEY.match(text):
            raise StorageError.of("key.file_damaged", path=self.path(key_id))
        return bytes.fromhex(text)

    def put(self, key_id: str, key: bytes) -> None:
        from desktop.models.files import private_dir, write_private

        private_dir(self.folder)
        data = self._protect(key, key_id) if self._protect is not None else (key.hex() + "\n").encode("ascii")
        write_private(self.path(key_id), data)  # owner-only, atomic, flushed

    def where(self, key_id: str) -> str:
        return f"{self.kind}:{self.path(key_id)}"

    def forget(self, key_id: str) -> None:
        self.path(key_id).unlink(missing_ok=True)


class SecretServiceKeys:
    """Keys in the desktop's Secret Service through ``keyring`` (hex text under the key id)."""

    kind = "secret-service"

    def __init__(self, backend: object) -> None:
        self._backend = backend

    def get(self, key_id: str) -> bytes | None:
        try:
            text = self._backend.get_password(SERVICE, key_id)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a locked or vanished keyring: said, not a traceback
            raise StorageError.of("key.keyring_unreadable", error=exc) from exc
        if text is None:
            return None
        if not HEX_KEY.match(text):
            raise StorageError.of("key.keyring_damaged")
        return bytes.fromhex(text)

    def put(self, key_id: str, key: bytes) -> None:
        try:
            self._backend.set_password(SERVICE, key_id, key.hex())  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            raise StorageError.of("key.keyring_unwritable", error=exc) from exc

    def where(self, key_id: str) -> str:
        return f"secret-service:{SERVICE}/{key_id}"

    def forget(self, key_id: str) -> None:
        import contextlib

        with contextlib.suppress(Exception):  # not there: nothing to forget
            self._backend.delete_password(SERVICE, key_id)  # type: ignore[attr-defined]


def _config_keys_folder() -> Path:
    import platformdirs

    from desktop.config import APP_AUTHOR, APP_NAME

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "keys"


_services: dict[str, SecretServiceKeys | None] = {}


def _secret_service() -> SecretServiceKeys | None:
    """The Secret Service when this session has one that keeps secrets sealed, else None (asked once
    per session bus).  Without a session bus (a server, CI, a service account) keyring is not even
    imported."""
    bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS") or ("darwin" if sys.platform == "darwin" else "")
    if sys.platform == "win32" or not bus:
        return None
    if bus not in _services:
        _services[bus] = _find_secret_service()
    return _services[bus]


def _find_secret_service() -> SecretServiceKeys | None:
    try:
        from keyring.backend import get_all_keyring
    except ImportError:
        return None
    try:
        usable = [b for b in get_all_keyring()
                  if type(b).__module__.startswith(_SEALED_BACKENDS) and getattr(b, "priority", 0) > 0]
    except Exception:  # noqa: BLE001 - a broken D-Bus: no keyring, the key file instead
        return None
    if not usable:
        return None
    return SecretServiceKeys(max(usable, key=lambda b: b.priority))


def _stores() -> Iterator[KeyFiles | SecretServiceKeys]:
    """Where keys are looked for, cheapest first (the Secret Service, and keyring with it, only when
    asked for past the key files); a new key goes to the last one."""
    explicit = os.environ.get(KEY_DIR_ENV)
    if explicit:
        yield KeyFiles(Path(explicit).expanduser())
        return
    if sys.platform == "win32":
        from desktop.models import dpapi

        yield KeyFiles(_config_keys_folder(), protect=dpapi.protect, unprotect=dpapi.unprotect)
        return
    yield KeyFiles(_config_keys_folder())
    service = _secret_service()
    if service is not None:
        yield service


def find_key(key_id: str) -> bytes | None:
    """The key with this id from this account's stores, or None."""
    for store in _stores():
        key = store.get(key_id)
        if key is not None:
            return key
    return None


def where_is(key_id: str) -> str | None:
    """Where the key with this id is kept (for ``key status``), or None."""
    for store in _stores():
        if store.get(key_id) is not None:
            return store.where(key_id)
    return None


def keep_key(key_id: str, key: bytes) -> str:
    """Put a key in this account's store (the Secret Service when there is one); returns where."""
    if not valid_key_id(key_id) or len(key) != KEY_BYTES:
        raise ValueError("not a data folder key")
    existing = find_key(key_id)
    if existing is not None:  # a key is never replaced: the folders it opens would be lost
        if existing != key:
            raise StorageError.of("key.other_key_same_id", key_id=key_id)
        return where_is(key_id) or ""
    target = list(_stores())[-1]
    target.put(key_id, key)
    if target.get(key_id) != key:  # read back: a keyring that silently drops secrets loses the data
        raise StorageError.of("key.not_read_back", where=target.where(key_id))
    return target.where(key_id)


def forget_key(data_dir: Path) -> None:
    """Remove the folder's key from this account's stores: only for a folder being deleted whole
    (the self-test's temporary one); the folder, its backups and any copy become unreadable."""
    key_id = read_key_id(data_dir)
    if key_id is not None:
        for store in _stores():
            store.forget(key_id)


def refuse_inside(data_dir: Path) -> None:
    explicit = os.environ.get(KEY_DIR_ENV)
    if not explicit:
        return
    keys, folder = Path(explicit).expanduser().resolve(), Path(data_dir).resolve()
    if keys == folder or folder in keys.parents:
        raise InvalidInput.about(KEY_DIR_ENV, "key.folder_inside_data", keys=keys, folder=folder)


def folder_key(data_dir: Path) -> bytes:
    """The key of an encrypted folder; ``KeyMissing`` when this account has none for it."""
    key_id = read_key_id(data_dir)
    if key_id is None:
        raise KeyMissing.of("key.no_key_id", data_dir=data_dir, key_id_file=KEY_ID_FILE)
    key = find_key(key_id)
    if key is None:
        raise KeyMissing.of("key.not_here", data_dir=data_dir, key_id=key_id)
    return key


def make_folder_key(data_dir: Path, key_id: str | None = None) -> bytes:
    """The folder's key, made and kept if it has none yet: its id (``key_id``, the folder's device
    id when it has one, else a new one) written to the folder after the key is safely kept.  A key
    this account already keeps under that id is used (copies of one folder share its key)."""
    refuse_inside(data_dir)
    existing = read_key_id(data_dir)
    if existing is not None:
        key = find_key(existing)
        if key is not None:
            return key
        key_id = existing  # the id was written but the key never kept (a crash): make it now
    import secrets

    key_id = key_id if key_id is not None and valid_key_id(key_id) else new_key_id()
    found = find_key(key_id)
    key = found if found is not None else secrets.token_bytes(KEY_BYTES)
    if found is None:
        keep_key(key_id, key)
    if existing is None:
        write_key_id(data_dir, key_id)
    return key


def write_key_id(data_dir: Path, key_id: str) -> None:
    """Name the folder's key in the folder (after the key itself is safely kept)."""
    from desktop.models.files import write_private

    write_private(key_id_path(data_dir), (key_id + "\n").encode("ascii"))


def key_for_file(path: Path) -> bytes:
    """The key of a database file of a data folder: the folder's own, or, for a backup in its
    ``backups`` folder, the folder above's."""
    path = Path(path)
    for folder in (path.parent, path.parent.parent):
        if key_id_path(folder).is_file():
            return folder_key(folder)
    raise KeyMissing.of("key.file_without_key_id", path=path, key_id_file=KEY_ID_FILE)


__all__ = [
    "HEX_KEY",
    "KEY_DIR_ENV",
    "KEY_ID_FILE",
    "KeyFiles",
    "KeyMissing",
    "SecretServiceKeys",
    "find_key",
    "folder_key",
    "forget_key",
    "keep_key",
    "key_for_file",
    "key_literal",
    "make_folder_key",
    "read_key_id",
    "refuse_inside",
    "where_is",
    "write_key_id",
]
