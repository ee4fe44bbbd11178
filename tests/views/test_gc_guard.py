"""Cycles, and the Qt objects in them, are freed on the GUI thread only (desktop/views/gc_guard.py).

A collection run by a worker thread once freed a cycle holding widgets there: a segmentation fault
in this suite while openpyxl read a file on the worker thread.
"""

from __future__ import annotations

import gc
import threading

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import _application
from desktop.views import gc_guard

pytestmark = pytest.mark.gui


class _Cycle:
    """Refers to itself: only the cyclic collector frees it; says on which thread it was."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_the_application_switches_collection_to_its_own_thread(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    _application()
    assert not gc.isenabled(), "the interpreter no longer collects on whatever thread allocates"
    freed_on: list[str] = []
    _Cycle(freed_on)

    def allocate_a_lot() -> None:  # what a worker does all day; with collection on, it would collect here
        for _ in range(5):
            [[object()] for _ in range(gc.get_threshold()[0] * 2)]

    worker = threading.Thread(target=allocate_a_lot, name="worker")
    worker.start()
    worker.join()
    assert freed_on == [], "nothing freed on the worker"
    # The next tick collects when the young generation is due (net allocations past the threshold,
    # which the suite's other objects make unpredictable here): make it due at once.
    monkeypatch.setattr(gc_guard._installed[0], "thresholds", (0, *gc.get_threshold()[1:]))
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5 * gc_guard.INTERVAL_MS)
    assert freed_on == [threading.main_thread().name], "freed by the GUI thread's timer"


@pytest.mark.parametrize(("counts", "collected"), [
    ((5, 0, 0), None), ((11, 0, 0), 0), ((11, 11, 0), 1), ((11, 11, 11), 2), ((11, 0, 11), 0),
])
def test_the_timer_collects_what_the_interpreter_would_have(
        counts: tuple[int, int, int], collected: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    monkeypatch.setattr(gc, "get_count", lambda: counts)
    monkeypatch.setattr(gc, "collect", lambda generation=2: asked.append(generation) or 0)
    gc_guard.collect_if_due((10, 10, 10))
    assert asked == ([] if collected is None else [collected])


