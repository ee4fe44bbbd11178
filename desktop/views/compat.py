"""Work-arounds for bugs in the Qt binding, applied once before any window exists."""

from __future__ import annotations

import ctypes
import sys


def immortalise_singletons() -> None:
    """PySide6 6.12.0 on Python 3.11: ``SignalInstance.emit()`` returns ``True`` without
    taking a reference (and a queued ``object`` signal carrying ``None`` drifts ``None``'s
    count), so after a few thousand signals the interpreter aborts with
    "Fatal Python error: bool_dealloc".  Python 3.12 made ``True``/``False``/``None``
    immortal, which hides the bug; this gives them the same immortality on older Pythons.
    Remove once a fixed PySide6 is the minimum.  (Found by the view tests; reproducer:
    emit a Signal(int) 100 times and watch ``sys.getrefcount(True)`` drop by 100.)
    """
    if sys.version_info >= (3, 12) or getattr(sys, "_zhanchi_immortal", False):
        return
    for value in (True, False, None):
        # ob_refcnt is the first field of every PyObject.
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40
    sys._zhanchi_immortal = True  # type: ignore[attr-defined]
