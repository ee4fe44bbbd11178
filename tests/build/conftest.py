"""What the bundle tests share: ``dist/zhanchi`` is one folder, written by the host build and by the
Debian 11 build alike, so a module that builds it holds this lock until its last test has read it
(under pytest-xdist the two modules may run at once in two workers)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dist_lock() -> Iterator[None]:
    if sys.platform == "win32":  # no Debian build there: nothing to share dist/ with
        yield
        return
    import fcntl

    (ROOT / "dist").mkdir(exist_ok=True)
    with open(ROOT / "dist" / ".bundle-tests.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
