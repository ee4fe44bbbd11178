"""Loaded only under ``./dev.sh test-at`` (its folder is put on PYTHONPATH for every process).

Debian 12's libfaketime 0.9.10 breaks Python 3.11's ``time.sleep``: it sleeps with
``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)``, and libfaketime shifts that deadline by the
fake offset even when the monotonic clock is not faked, so the kernel gets a negative time and
``time.sleep`` raises EINVAL (wolfcw/libfaketime issue 426).  Faking the monotonic clock instead
hangs every timed lock wait (``sem_clockwait`` is not intercepted).  So the monotonic clock stays
real and sleeping goes through ``select``'s relative timeout, which libfaketime leaves alone.
"""

from __future__ import annotations

import select
import time


def _sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


time.sleep = _sleep
