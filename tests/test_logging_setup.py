"""Logs never hold a full ID number, account or credential (issue 8: personal data)."""

from __future__ import annotations

import logging
import stat
import sys
from pathlib import Path

from desktop.logging_setup import mask_text, setup_logging


def test_masking_of_ids_accounts_and_credentials() -> None:
    text = mask_text("身份证 11010519491231002X 卡 6222020200112233445 Authorization: Bearer abcDEF123456789xyz")
    assert "11010519491231002X" not in text and "110105********002X" in text
    assert "6222020200112233445" not in text and text.count("6222") == 1
    assert "abcDEF123456789xyz" not in text
    assert mask_text("案件 440100-AB12-20261127-0001，金额 1500 元") == "案件 440100-AB12-20261127-0001，金额 1500 元"


def test_the_log_file_is_masked_and_owner_only(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path is not None
    log = logging.getLogger("zhanchi.test")
    try:
        raise ValueError("bad id 440106199003071231")
    except ValueError:
        log.exception("lookup of %s failed", "440106199003071231")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "440106199003071231" not in text and "440106********1231" in text
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "zhanchi", False)]:
        root.removeHandler(handler)
        handler.close()
