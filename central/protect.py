"""What the central system keeps of a person (issue 20.4): only what it needs.

A counter pushes whole case records.  The central system needs the person's identity for the ledger
and the duplicate checks, not the bank account, the phone or the receipt's lookup code:

- ``minimised``: a payload as stored — account and phone masked (the last digits, enough for a person
  to recognise them), the lookup code left out;
- ``LookupKey``: the lookup code is kept only as a keyed hash (HMAC-SHA-256 over the case number and
  the code, 16 hex digits: the column's width).  A code has six characters, so an unkeyed hash would
  fall to trying them all; the key lives outside the database (``key_path``), so a copy of the
  database alone does not give the codes away.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.engine import URL, make_url

from central.db import cases, write
from desktop.models.masking import mask_account, mask_phone

KEY_FILE_ENV = "ZHANCHI_CENTRAL_KEY_FILE"
_DIGEST = re.compile(r"[0-9a-f]{16}")


def minimised(payload: dict[str, Any]) -> dict[str, Any]:
    """A case payload without what the central system does not need (other payloads as they are)."""
    kept = {k: v for k, v in payload.items() if k != "lookup_code"}
    if isinstance(kept.get("payment_account"), str):
        kept["payment_account"] = mask_account(kept["payment_account"])
    if isinstance(kept.get("phone"), str):
        kept["phone"] = mask_phone(kept["phone"])
    return kept


def key_path(db_url: str | URL) -> Path:
    """``ZHANCHI_CENTRAL_KEY_FILE``; else beside a SQLite database (``central.db.key``); else in the
    service user's data folder."""
    if os.environ.get(KEY_FILE_ENV):
        return Path(os.environ[KEY_FILE_ENV]).expanduser()
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        return Path(url.database).with_name(Path(url.database).name + ".key")
    from platformdirs import user_data_dir

    return Path(user_data_dir("zhanchi-central", appauthor=False)) / "central.key"


class LookupKey:
    """The keyed hash of receipts' lookup codes."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def load(cls, path: Path) -> LookupKey:
        """The key in ``path``, made (32 random bytes, owner-only) the first time."""
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another worker made it first
            else:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write(secrets.token_hex(32) + "\n")
        if sys.platform != "win32":
            os.chmod(path, 0o600)
        return cls(bytes.fromhex(path.read_text(encoding="ascii").strip()))

    def digest(self, case_no: str, code: str) -> str:
        """16 hex digits for (case number, code), both as an applicant may type them (spaces, case)."""
        text = f"{''.join(case_no.split()).upper()}\n{''.join(code.split()).upper()}"
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:16]

    def matches(self, stored: str, case_no: str, code: str) -> bool:
        return bool(stored) and hmac.compare_digest(stored.encode(), self.digest(case_no, code).encode())

    def hash_plain_codes(self, engine: Engine) -> int:
        """Replace lookup codes a central system of an earlier version stored as they were; how many."""
        with write(engine) as conn:
            rows = conn.execute(select(cases.c.id, cases.c.case_no, cases.c.lookup_code)
                                .where(cases.c.lookup_code != "", func.length(cases.c.lookup_code) != 16)).all()
            plain = [r for r in rows if not _DIGEST.fullmatch(r.lookup_code)]
            for row in plain:
                conn.execute(update(cases).where(cases.c.id == row.id)
                             .values(lookup_code=self.digest(row.case_no, row.lookup_code)))
        return len(plain)


__all__ = ["KEY_FILE_ENV", "LookupKey", "key_path", "minimised"]
