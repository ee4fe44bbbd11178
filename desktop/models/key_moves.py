"""Moving a data folder's key, audited (issue 20.1).

Whoever has an exported key file and its passphrase can read the folder, so taking the key out is
recorded in the folder's audit log like any export of personal data: who, when, to which file
(its hash), and the key's id — never the key.  Bringing a key in is recorded too, once the folder
opens with it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.models import audit, keystore
from desktop.models.store import Store

EXPORT_ACTION = "key.export"
IMPORT_ACTION = "key.import"


def export_key(store: Store, out: Path, passphrase: str, actor: str) -> str:
    """``keystore.export_key`` with its audit entry, in one transaction: no key file without its
    entry (the file is removed if the entry cannot be written)."""
    out = Path(out).absolute()
    written = False
    try:
        with store.session() as session:
            key_id = keystore.export_key(store.data_dir, out, passphrase)
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
