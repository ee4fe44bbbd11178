"""Core operations off the GUI thread (ARCHITECTURE.md example 2).

Every database, verification or sync call from a view goes through
``TaskRunner.run``: the function runs on one worker thread (so SQLite work is
serialised, as Anki's taskman does), and its result or error comes back on the
GUI thread through a queued signal.  The window never freezes and never shows
a traceback: a typed core error goes to ``on_error``; anything else is logged
and reported as an internal error.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.models.changes import Changes
from desktop.models.errors import ZhanchiError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


class _Worker(QObject):
    finished = Signal(int, object, object)  # task id, result, error

    @Slot(int, object)
    def run(self, task_id: int, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread, never lost
            if not isinstance(exc, ZhanchiError):
                log.exception("task %s failed", task_id)
            self.finished.emit(task_id, None, exc)
            return
        self.finished.emit(task_id, result, None)


class TaskRunner(QObject):
    """One worker thread for the core's calls; and the one path by which what they changed reaches every
    page (issue 18.4, after Anki's ``operation_did_execute``): a page that did work ``publish``es its
    ``Changes``, and any page that cares subscribes to ``changed`` — none is wired to another by hand."""

    submitted = Signal(int, object)
    busy_changed = Signal(bool)
    changed = Signal(object)  # Changes

    def __init__(self, on_error: Failed, parent: QObject | None = None, *, name: str = "zhanchi-core") -> None:
        super().__init__(parent)
        self._default_error = on_error
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self.submitted.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._thread.start()

    def run(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> int:
        task_id = next(self._ids)
        was_idle = not self._pending
        self._pending[task_id] = (on_done, on_error)
        if was_idle:
            self.busy_changed.emit(True)
        self.submitted.emit(task_id, fn)
        return task_id

    def publish(self, changes: Changes) -> None:
        """Tell every subscriber what the work just done changed (nothing when it changed nothing)."""
        if not changes.empty:
            self.changed.emit(changes)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(int, object, object)
    def _finished(self, task_id: int, result: Any, error: Exception | None) -> None:
        on_done, on_error = self._pending.pop(task_id, (None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if error is not None:
            (on_error or self._default_error)(error)
        elif on_done is not None:
            on_done(result)

    def shutdown(self) -> None:
        """Stop after the task in hand; answers still on their way are dropped, because the
        widgets that asked may be gone (switching user rebuilds every page)."""
        self._pending.clear()
        self._thread.quit()
        self._thread.wait(10_000)
