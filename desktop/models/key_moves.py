"""Moving a data folder's key to another computer or account, audited (issue 20.1).

``zhanchi key export --out FILE`` writes the key sealed with a passphrase (a small SQLCipher file:
PBKDF2-HMAC-SHA512, AES-256); ``zhanchi key import FILE`` on the other side keeps it in that
account's store (``keystore``).

Whoever has an exported key file and its passphrase can read the folder, so taking the key out is
recorded in the folder's audit log like any export of personal data: who, when, to which file (its
hash), and the key's id — never the key.  Bringing a key in is recorded too, once the folder opens
with it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.models import audit, database, keystore
from desktop.models.errors import InvalidInput
from desktop.models.files import create_private
from desktop.models.store import Store

EXPORT_ACTION = "key.export"
IMPORT_ACTION = "key.import"
MIN_PASSPHRASE = 10


def write_export(data_dir: Path, out: Path, passphrase: str) -> str:
    """Write the folder's key to ``out`` sealed with ``passphrase`` (a SQLCipher file with the
    passphrase derived by PBKDF2-HMAC-SHA512, 256,000 rounds); returns the key id."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput.about("passphrase", "key.passphrase_too_short", length=MIN_PASSPHRASE)
    key_id = keystore.read_key_id(data_dir)
    if key_id is None:
        raise InvalidInput.about("data_dir", "key.folder_has_none", data_dir=data_dir)
    key = keystore.folder_key(data_dir)
    out = Path(out)
    if out.exists():
        raise InvalidInput.about("out", "file.exists_not_overwritten", path=out)
    partial = create_private(out.with_name(out.name + ".partial"))
    try:
        conn = database.connect_passphrase(partial, passphrase)
        try:
            conn.execute("CREATE TABLE zhanchi_key (key_id TEXT NOT NULL, key_hex TEXT NOT NULL)")
            conn.execute("INSERT INTO zhanchi_key VALUES (?, ?)", (key_id, key.hex()))
            conn.commit()
        finally:
            conn.close()
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return key_id


def import_key(source: Path, passphrase: str, data_dir: Path | None = None) -> tuple[str, str]:
    """Keep the key sealed in ``source`` in this account's store; returns (key id, where).  With a
    ``data_dir`` the key must be that folder's (and a folder that lost its id file gets it back)."""
    try:
        conn = database.connect_passphrase(Path(source), passphrase, readonly=True)
        try:
            row = conn.execute("SELECT key_id, key_hex FROM zhanchi_key").fetchone()
        finally:
            conn.close()
    except database.Error:
        raise InvalidInput.about("FILE", "key.not_export_or_passphrase", file=source) from None
    if row is None or not keystore.valid_key_id(str(row[0])) or not keystore.HEX_KEY.match(str(row[1])):
        raise InvalidInput.about("FILE", "key.not_export", file=source)
    key_id, key = str(row[0]), bytes.fromhex(str(row[1]))
    if data_dir is not None:
        keystore.refuse_inside(data_dir)
        own = keystore.read_key_id(data_dir)
        if own is not None and own != key_id:
            raise InvalidInput.about("FILE", "key.other_folders", file=source, key_id=key_id, own=own)
        live = database.db_path(data_dir)
        if own is None and database.file_state(live) == "encrypted" and not database.opens_with(live, key):
            raise InvalidInput.about("FILE", "key.does_not_open", file=source, data_dir=data_dir)
    existing = keystore.find_key(key_id)
    if existing is not None and existing != key:
        raise InvalidInput.about("FILE", "key.same_id_here", key_id=key_id)
    where = keystore.where_is(key_id) if existing is not None else keystore.keep_key(key_id, key)
    if data_dir is not None and keystore.read_key_id(data_dir) is None and Path(data_dir).is_dir():
        keystore.write_key_id(data_dir, key_id)
    return key_id, where or ""


def export_key(store: Store, out: Path, passphrase: str, actor: str) -> str:
    """``write_export`` with its audit entry, in one transaction: no key file without its
    entry (the file is removed if the entry cannot be written)."""
    out = Path(out).absolute()
    written = False
    try:
        with store.session() as session:
            key_id = write_export(store.data_dir, out, passphrase)
            written = True
            audit.record(session, actor=actor, action=EXPORT_ACTION, entity="key", entity_id=key_id,
                         before=None, after={"out": str(out), "sha256": _sha256(out)}, at=store.clock.now())
    except BaseException:
        if written:
            out.unlink(missing_ok=True)
        raise
    return key_id


def record_import(store: Store, key_id: str, source: Path, actor: str) -> None:
    """The entry for a key brought in from ``source`` (the folder now opens with it)."""
    source = Path(source).absolute()
    with store.session() as session:
        audit.record(session, actor=actor, action=IMPORT_ACTION, entity="key", entity_id=key_id,
                     before=None, after={"source": str(source), "sha256": _sha256(source)}, at=store.clock.now())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
