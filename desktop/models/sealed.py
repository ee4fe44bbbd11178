"""Files in the data folder sealed with the folder's key (issue 20.1: a stolen data folder alone
reveals nothing).

The database and its backups are SQLCipher files; the other files the program keeps in the data
folder that hold personal data — the intake drafts (a full ID number and bank account) and the
documents the window issues into ``documents/`` to preview and print — are sealed here: AES-256-GCM
with a key derived from the folder's database key (HKDF-SHA256), so the same operating-system-
protected key opens both and nothing new has to be kept.  Each file says what it is for (its
*purpose*, bound as associated data): a sealed draft cannot be passed off as a document.  Files
given out on purpose (``--out``, a folder the person chose, the bank's disbursement file) are not
sealed: they are meant to be read elsewhere.

A sealed file is ``MAGIC`` + a 12-byte nonce + the ciphertext with its tag.  A file without the
magic is one from before sealing: ``read`` returns it as it is (it is sealed the next time it is
written; ``seal_leftovers`` and ``seal_documents_once`` seal what is left at start).

The file key of a folder is derived once per process: ``open_store`` hands it over
(``remember``), so the window's autosave does not ask the operating system's key store on every
pause in typing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from desktop.models.errors import StorageError
from desktop.models.files import write_private

MAGIC = b"ZHSEAL1\x00"
NONCE_BYTES = 12
_INFO = b"zhanchi data-folder files v1"
DOCUMENT = "document"  # a PDF the window issued into the data folder


class SealBroken(StorageError):
    """A sealed file that does not open with its folder's key (changed, cut short or another folder's)."""


class FileSeal:
    """Seals and opens the files of one data folder."""

    def __init__(self, folder_key: bytes) -> None:
        self._key = folder_key
        self._cipher: Any = None

    @property
    def _aead(self) -> Any:
        # cryptography loads at the first file sealed or opened: not while the window first shows (the
        # intake page imports the drafts, and through them this module) nor while the folder opens beside it.
        if self._cipher is None:
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            from cryptography.hazmat.primitives.kdf.hkdf import HKDF

            derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(self._key)
            self._cipher = AESGCM(derived)
        return self._cipher

    def seal(self, data: bytes, purpose: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + bytes(self._aead.encrypt(nonce, data, purpose.encode("utf-8")))

    def open(self, blob: bytes, purpose: str, *, where: Path | str = "") -> bytes:
        """The plain bytes of ``blob``; a blob without the magic is returned as it is (from before sealing)."""
        if not is_sealed(blob):
            return blob
        from cryptography.exceptions import InvalidTag

        nonce, body = blob[len(MAGIC):len(MAGIC) + NONCE_BYTES], blob[len(MAGIC) + NONCE_BYTES:]
        try:
            return bytes(self._aead.decrypt(nonce, body, purpose.encode("utf-8")))
        except InvalidTag as exc:
            raise SealBroken.of("sealed.cannot_open", path=where) from exc

    def write(self, path: Path, data: bytes, purpose: str, *, durable: bool = True) -> None:
        """``data`` sealed into ``path``: owner-only and atomic (``files.write_private``)."""
        write_private(path, self.seal(data, purpose), durable=durable)

    def read(self, path: Path, purpose: str) -> bytes:
        return self.open(Path(path).read_bytes(), purpose, where=path)


def is_sealed(blob: bytes) -> bool:
    return blob.startswith(MAGIC)


_known: dict[Path, FileSeal] = {}
_lock = threading.Lock()


def remember(data_dir: Path, folder_key: bytes) -> FileSeal:
    """The folder's seal, kept for this process (called by ``open_store`` with the key it unlocked)."""
    seal = FileSeal(folder_key)
    with _lock:
        _known[_folder(data_dir)] = seal
    return seal


def for_folder(data_dir: Path) -> FileSeal:
    """The seal of ``data_dir``: the one ``open_store`` left, else made from the folder's key
    (``keystore.KeyMissing`` when this account has none)."""
    from desktop.models import keystore

    folder = _folder(data_dir)
    with _lock:
        seal = _known.get(folder)
    return seal if seal is not None else remember(folder, keystore.folder_key(folder))


def kept(data_dir: Path, path: Path, data: bytes, purpose: str = DOCUMENT) -> bytes:
    """``data`` as it is to be written at ``path``: sealed inside the data folder (the window's own
    copies), as it is anywhere else (a file given out on purpose: ``--out``, a folder the person chose)."""
    return for_folder(data_dir).seal(data, purpose) if _inside(Path(path), _folder(data_dir)) else data


def read_document(path: Path) -> bytes:
    """A document's PDF: opened with its data folder's key when sealed (the folder must be open in this
    process, as the window's is), as it is otherwise.  ``SealBroken`` when it does not open."""
    path = Path(path)
    blob = path.read_bytes()
    if not is_sealed(blob):
        return blob
    where = path.resolve()
    with _lock:
        seals = [seal for folder, seal in _known.items() if _inside(where, folder)]
    if not seals:
        raise SealBroken.of("sealed.folder_not_open", path=path)
    return seals[0].open(blob, DOCUMENT, where=path)


def _inside(path: Path, folder: Path) -> bool:
    return folder == path.resolve().parent or folder in path.resolve().parents


def seal_leftovers(data_dir: Path, seal: FileSeal, files: dict[str, str]) -> list[Path]:
    """Seal the plain files left from before sealing: ``files`` maps a glob under ``data_dir`` to
    the purpose of what it finds.  Returns the files sealed."""
    done: list[Path] = []
    for pattern, purpose in files.items():
        for path in sorted(Path(data_dir).glob(pattern)):
            blob = path.read_bytes()
            if path.is_file() and not is_sealed(blob):
                seal.write(path, blob, purpose)
                done.append(path)
    return done


DOCUMENTS_SEALED = Path("documents") / ".sealed"  # written once every document of before is sealed


def seal_documents_once(data_dir: Path, seal: FileSeal) -> list[Path]:
    """The documents a version before sealing left in ``documents/``, sealed at the first start after the
    upgrade; later starts look at one marker file, not at thousands of documents."""
    marker = Path(data_dir) / DOCUMENTS_SEALED
    if marker.exists() or not marker.parent.is_dir():
        return []
    done = seal_leftovers(data_dir, seal, {"documents/**/*.pdf": DOCUMENT})
    write_private(marker, b"")
    return done


def _folder(data_dir: Path) -> Path:
    return Path(data_dir).resolve()
