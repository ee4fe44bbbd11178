"""Where the data folder is and what the office has set.

The data folder comes from ``--data-dir``, else ``ZHANCHI_DATA_DIR``, else the
platform's user data folder (platformdirs), so the same code runs on Windows,
UOS and Kylin without a path literal.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "zhanchi"
APP_AUTHOR = "Zhanchi"
DATA_DIR_ENV = "ZHANCHI_DATA_DIR"


def data_dir(explicit: str | Path | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
