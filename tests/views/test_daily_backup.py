"""The daily backup runs beside the counter's work, never in front of it (issue 8: backups).

With years of cases the copy and its page-by-page check take minutes: the window's
queries must not queue behind it, closing the window must stop it cleanly, and a
failed backup (the day's full check of the data) must stay on screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import create_main_window
from desktop.models import backup as backup_module
from desktop.models import staff
from desktop.models.backup import BackupStopped, list_backups
from desktop.models.errors import StorageError
from desktop.models.store import Store

pytestmark = pytest.mark.gui


def test_a_long_backup_does_not_hold_up_the_window_and_stops_when_it_closes(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser],
        monkeypatch: pytest.MonkeyPatch) -> None:
    started, stopped = threading.Event(), threading.Event()

    def slow_backup(*_: Any, stop: Callable[[], bool], **__: Any) -> None:
        started.set()
        while not stop():  # a copy of a large database, step after step
            threading.Event().wait(0.01)
        stopped.set()
        raise BackupStopped("备份已中止")

    monkeypatch.setattr(backup_module, "take_backup", slow_backup)
    make_staff("clerk", "clerk")
    window = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(window)
    assert started.wait(10), "the daily backup began"
    answers: list[str] = []
    window.runner.run(lambda: "the counter's query", answers.append)
    qtbot.waitUntil(lambda: answers == ["the counter's query"], timeout=5000)
    window.close()
    assert stopped.is_set(), "closing stopped the backup before the window was gone"
    assert not window.backup_label.isVisible(), "a stop is not a failure"


def test_a_failed_daily_backup_stays_on_the_status_bar(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*_: Any, **__: Any) -> None:
        raise StorageError("备份未通过完整性检查，已放弃：数据库文件已损坏：page 7 is never used")

    monkeypatch.setattr(backup_module, "take_backup", failing)
    make_staff("clerk", "clerk")
    window = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.backup_label.isVisible, timeout=10_000)
    assert "今日备份失败" in window.backup_label.text() and "page 7" in window.backup_label.text()
    assert window.backup_label.objectName() == "status.backup"


def test_the_real_daily_backup_is_taken_once(qtbot: QtBot, store: Store,
                                             make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("clerk", "clerk")
    window = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(store.data_dir)] == ["daily"], timeout=10_000)
    window.close()
