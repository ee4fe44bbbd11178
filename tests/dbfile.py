"""Tests that reach into a data folder's database file as an attacker or a broken disk would
(tampering with rows, holding locks, copying it) open it as the program does: SQLCipher with the
folder's key (issue 20.1).  ``sqlite3.connect`` would see only ciphertext."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.models import database

IntegrityError = database.IntegrityError
OperationalError = database.OperationalError
DatabaseError = database.DatabaseError


def open_db(path: Path | str, *, isolation_level: str | None = "", timeout: float = 5.0,
            readonly: bool = False, key: bytes | None = None) -> Any:
    """A connection to a database file of a data folder (the live one or a backup), unlocked with
    its folder's key; ``sqlite3.connect``'s defaults otherwise."""
    return database.open_database(Path(path), key=key, isolation_level=isolation_level, timeout=timeout,
                                  readonly=readonly)


def raw_bytes(path: Path | str) -> bytes:
    """The file as an attacker who copied it sees it (with its ``-wal`` log, if any)."""
    path = Path(path)
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def copy_database(source_dir: Path, target_dir: Path) -> Any:
    """The database of data folder ``source_dir`` copied (SQLite's backup API) into ``target_dir``,
    which gets the folder's key id too (a copy on the same computer and account opens with the same
    key); returns an open connection to the copy."""
    import shutil

    from desktop.models.keystore import KEY_ID_FILE

    target_dir.mkdir(parents=True, exist_ok=True)
    if (source_dir / KEY_ID_FILE).exists():
        shutil.copyfile(source_dir / KEY_ID_FILE, target_dir / KEY_ID_FILE)
    from desktop.models.backup import file_key

    key = file_key(source_dir, source_dir / database.DB_FILENAME)
    source = open_db(source_dir / database.DB_FILENAME, key=key)
    target = open_db(target_dir / database.DB_FILENAME, key=key)  # a new file: encrypted with the same key
    try:
        source.backup(target)
    finally:
        source.close()
    return target


PAGE_SIZE = database.PAGE_SIZE
RESERVE = 16 + database.HMAC_BYTES  # each page's IV and HMAC
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24


def plaintext_pages(path: Path | str, key: bytes | None = None) -> bytes:
    """Every page of the database file and of its ``-wal`` log decrypted (AES-256-CBC, SQLCipher 4's
    page format, with the program's page size and HMAC), free pages and old log frames included: what
    is *in* the file, not only what a query reaches (a purge must leave no trace there either).  A plain
    file is returned as it is."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    path = Path(path)
    if database.file_state(path) != "encrypted":
        return raw_bytes(path)
    if key is None:
        from desktop.models.keystore import key_for_file

        key = key_for_file(path)

    def decrypt(page: bytes, first: bool) -> bytes:
        start = SALT if first else 0
        body, iv = page[start:PAGE_SIZE - RESERVE], page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        return decryptor.update(body) + decryptor.finalize()

    data = path.read_bytes()
    out = [decrypt(data[i:i + PAGE_SIZE], i == 0) for i in range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE)]
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        log = wal.read_bytes()
        step = FRAME_HEADER + PAGE_SIZE
        for i in range(WAL_HEADER, len(log) - step + 1, step):
            page_no = int.from_bytes(log[i:i + 4], "big")
            out.append(decrypt(log[i + FRAME_HEADER:i + step], page_no == 1))
    return b"".join(out)


def document_bytes(path: Path | str) -> bytes:
    """A PDF the window issued into a data folder, opened as the window opens it: it is sealed there
    (``models.sealed``, issue 20.1) and its folder is open in this process."""
    from desktop.models.sealed import read_document

    return read_document(Path(path))


def document_text(path: Path | str, *options: str) -> str:
    """``pdftotext`` of such a PDF (``options`` such as ``-layout``): opened in memory, handed to the tool
    through a temporary file of the test's own."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "document.pdf"
        plain.write_bytes(document_bytes(path))
        return subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(plain), "-"], capture_output=True,
                              text=True, check=True).stdout


def opened_copy(path: Path | str, folder: Path) -> Path:
    """Such a PDF opened into ``folder`` (the test's own), for tools that read files (pdfinfo, pdftotext)."""
    plain = Path(folder) / f"opened-{Path(path).name}"
    plain.write_bytes(document_bytes(path))
    return plain
