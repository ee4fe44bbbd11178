"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects cycles on whichever thread happens to allocate when a
generation's threshold is crossed.  On one of our worker threads (queries, the
daily backup, sync, opening the data folder) that collection may free a cycle
holding Qt objects of the GUI thread (a closed dialog and the lambdas its
signals keep, a page of a signed-out user), and a widget destroyed off the GUI
thread crashes the program: seen as a segmentation fault in the test suite while
openpyxl read a file on the worker thread, "Garbage-collecting" at the top of it.

So automatic collection is switched off once a window exists, and a timer on the
GUI thread collects by the same thresholds the interpreter would have used
(pyqtgraph, Spyder and OpenCue do the same).  Reference counting, which frees
almost everything, is untouched; only cycles wait for the next tick.

Once the counter has warmed up after sign-in, ``freeze`` leaves everything loaded by then out of
the collections, so a full one stays short.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_if_due(thresholds: tuple[int, int, int] | None = None) -> int:
    """Collect the generations whose counts passed their thresholds (the oldest such one, with
    the younger ones), as the interpreter would; the number of unreachable objects found."""
    first, second, third = thresholds or gc.get_threshold()
    young, middle, old = gc.get_count()
    if young <= first:
        return 0
    generation = 2 if middle > second and old > third else 1 if middle > second else 0
    return gc.collect(generation)


class GuiThreadCollector(QObject):
    """Owns the timer; built on the GUI thread, by ``install``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(lambda: collect_if_due(self.thresholds))
        gc.disable()
        self.timer.start()


def freeze() -> None:
    """What is alive now (modules, classes, the caches the warm-up filled) is kept out of every later
    collection (``gc.freeze``): a full sweep then walks only what the day's work made, and does not
    hold the window up for tens of milliseconds (issue 16.13).  Once per process: what later
    windows make is theirs to free."""
    if not _frozen:
        _frozen.append(True)
        gc.freeze()


_frozen: list[bool] = []


_installed: list[GuiThreadCollector] = []


def install(app: QObject) -> None:
    """Once per process, on the GUI thread, when the application object exists."""
    if not _installed:
        _installed.append(GuiThreadCollector(app))
