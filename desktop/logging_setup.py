"""The application log: in the data folder, owner-only, rotated, and never a full ID number or account.

Every record passes through ``MaskingFilter``: an 18-character resident ID keeps
its first 6 and last 4 characters, any other run of 12–19 digits (a bank or
social security card) its first 4 and last 4, and a bearer credential is
replaced entirely — whatever the code that logged it forgot.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path
from typing import Any

from desktop.models.files import create_private, private_dir
from desktop.models.masking import mask_account, mask_id

_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{12,19}(?![0-9A-Za-z])")
_BEARER = re.compile(r"(?i)(bearer\s+|credential[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9._~+/=-]{8,}")


def mask_text(text: str) -> str:
    text = _BEARER.sub(lambda m: m.group(1) + "***", text)
    text = _ID.sub(lambda m: mask_id(m.group(0)), text)
    return _DIGITS.sub(lambda m: mask_account(m.group(0)), text)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = mask_text(message), None
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True


class OwnerOnlyRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the one after a rollover too, created owner-only (the umask would give 0644)."""

    def _open(self) -> Any:
        create_private(Path(self.baseFilename))
        return super()._open()


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Log to ``<data_dir>/logs/zhanchi.log`` (kept small, 5 files); None if the folder cannot be written."""
    folder = Path(data_dir) / "logs"
    path = folder / "zhanchi.log"
    try:
        private_dir(folder)
        handler = OwnerOnlyRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "zhanchi", False)]:
        root.removeHandler(old)
        old.close()
    handler.zhanchi = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
