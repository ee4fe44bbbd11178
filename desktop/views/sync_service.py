"""Background sync for the window: on a timer, after each change and on demand.

Sync waits on the network, so it runs on its own thread, not on the database
worker the rest of the window uses (SQLite serialises the writes).  Each round
reports the sync status; the engine keeps its exponential backoff in the store,
so a timer round while backing off costs nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.models.errors import ZhanchiError
from desktop.models.store import Store

if TYPE_CHECKING:
    from desktop.sync.engine import SyncStatus

log = logging.getLogger(__name__)
ROUND_INTERVAL_MS = 60_000
FIRST_ROUND_DELAY_MS = 1_000
AFTER_CHANGE_DELAY_MS = 3_000  # a few changes in a row go in one round


class _SyncWorker(QObject):
    finished = Signal(object, str)  # SyncStatus, message ("" when the round went well)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    @Slot(bool)
    def run(self, force: bool) -> None:
        # Imported on this thread at the first round: httpx (and the CLI tools it pulls in)
        # would otherwise add a quarter of a second to the window's start.
        from desktop.sync.client import NotRegistered, SyncError
        from desktop.sync.engine import SyncEngine, read_status

        message = ""
        try:
            with SyncEngine.for_store(self.store) as engine:
                report = engine.run_once() if force else engine.run_if_due()
                if report is not None and report.rejected:
                    message = f"中心系统拒收 {report.rejected} 条变更，请在“同步”中查看"
        except NotRegistered:
            message = "本机尚未注册到中心系统（离线工作）"
        except (SyncError, ZhanchiError) as exc:
            message = str(exc)  # the engine has recorded the failure and the next try
        except Exception:  # noqa: BLE001 - a bug must not stop the counter; it is logged
            log.exception("sync round failed")
            message = "同步出错，已记录日志"
        try:
            status = read_status(self.store)
        except ZhanchiError as exc:
            log.warning("sync status unreadable: %s", exc)
            return
        self.finished.emit(status, message)


class BackgroundSync(QObject):
    status_changed = Signal(object, str)  # SyncStatus, message
    _requested = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("zhanchi-sync")
        self._worker = _SyncWorker(store)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._worker.finished.connect(self._on_finished)
        self._thread.start()
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(ROUND_INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.request(force=False))
        self.after_change = QTimer(self)
        self.after_change.setSingleShot(True)
        self.after_change.setInterval(AFTER_CHANGE_DELAY_MS)
        self.after_change.timeout.connect(lambda: self.request(force=False))

    def start(self) -> None:
        self.timer.start()
        # The first round once the window is up: its imports and its network wait would
        # otherwise compete with the first paint for the interpreter.
        QTimer.singleShot(FIRST_ROUND_DELAY_MS, self, lambda: self.request(force=False))

    def changed(self) -> None:
        """A case changed: sync soon (one round for a burst of changes)."""
        self.after_change.start()

    def request(self, *, force: bool) -> None:
        if self.running:
            return  # one round at a time; the timer comes round again
        self.running = True
        self._requested.emit(force)

    @Slot(object, str)
    def _on_finished(self, status: SyncStatus, message: str) -> None:
        self.running = False
        self.status_changed.emit(status, message)

    def shutdown(self) -> None:
        self.timer.stop()
        self.after_change.stop()
        self._thread.quit()
        self._thread.wait(30_000)
