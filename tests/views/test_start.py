"""The program's start: the sign-in shows at once and the data folder opens behind it (issue 8).

Opening a large folder (SQLAlchemy, the store, a migration with its backup after an
upgrade) takes from a second to minutes; the person types meanwhile, and a sign-in asked
for before the data is open goes ahead as soon as it is.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import app as app_module
from desktop.cli import _window_only
from desktop.models import staff
from desktop.models.backup import list_backups
from desktop.models.errors import StorageError
from desktop.models.store import DB_FILENAME, Store
from desktop.views.login_dialog import LoginDialog

pytestmark = pytest.mark.gui

SAVED_0001 = Path(__file__).resolve().parents[1] / "models" / "data" / "schema_0001.sqlite"


def test_a_sign_in_asked_for_before_the_data_is_open_goes_ahead_when_it_is(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser], staff_password: str) -> None:
    make_staff("clerk", "clerk")
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    status = dialog.findChild(type(dialog.status), "login.status")
    assert status is not None and status.isVisible() and "正在打开数据" in status.text()
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, staff_password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.user is None and "打开后自动登录" in status.text()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.set_store(store)
    assert dialog.user is not None and dialog.user.username == "clerk" and not status.isVisible()


def test_a_wrong_password_typed_early_is_told_once_the_data_is_open(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("clerk", "clerk")
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "not-the-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    dialog.set_store(store)
    assert dialog.isVisible() and dialog.user is None and dialog.error.text()
    assert dialog.password.text() == "", "typed again, not kept"


def test_the_folder_opens_on_its_own_thread_and_answers_on_the_gui_thread(qtbot: QtBot, store: Store) -> None:
    store.close()
    opening = app_module.FolderOpening(store.data_dir)
    with qtbot.waitSignal(opening.opened, timeout=30_000) as opened:
        opening.start()
    workspace = opened.args[0]
    try:
        assert workspace.data_dir == store.data_dir and workspace.store.office_code
    finally:
        opening.worker.join()
        workspace.close()


def test_a_folder_that_cannot_be_opened_is_said_in_words(qtbot: QtBot, store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.models.workspace

    def full_disk(*_: Any, **__: Any) -> None:
        raise StorageError("磁盘已满：请清理磁盘空间后重试")

    monkeypatch.setattr(desktop.models.workspace, "open_workspace", full_disk)
    opening = app_module.FolderOpening(store.data_dir)
    with qtbot.waitSignal(opening.failed, timeout=10_000) as failed:
        opening.start()
    opening.worker.join()
    assert failed.args == ["磁盘已满：请清理磁盘空间后重试"]


@pytest.mark.parametrize(("argv", "window"), [
    ([], True), (["--data-dir", "D"], True), (["status"], False), (["--data-dir", "D", "status"], False),
    (["--help"], False), (["--data-dir"], False),
])
def test_only_a_window_start_skips_the_commands(argv: list[str], window: bool) -> None:
    assert (_window_only(argv) is not None) is window


def test_an_upgrade_behind_the_sign_in_is_said_before_it_starts(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(SAVED_0001, folder / DB_FILENAME)  # as revision 0001 left it (tests/models/test_migrations.py)
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    opening = app_module.FolderOpening(folder)
    opening.stage.connect(dialog.show_status)
    said: list[str] = []
    opening.stage.connect(said.append)
    with qtbot.waitSignal(opening.opened, timeout=60_000) as opened:
        opening.start()
    opening.worker.join()
    assert "正在升级数据库" in dialog.status.text(), "the person was told why it takes long"
    assert "已复制 0%" in said[0] and any("已复制 100%" in text for text in said), "and how far the backup is"
    checked = [i for i, text in enumerate(said) if "检查备份" in text]
    encrypting = [i for i, text in enumerate(said) if "正在加密数据库" in text]  # a folder from before 20.1
    assert checked and encrypting and checked[0] < encrypting[0] and "更新数据结构" in said[-1], said
    assert len(said) == len(set(said)), "each figure said once"
    workspace = opened.args[0]
    try:
        assert [b.reason for b in list_backups(folder)] == ["before-migration-0001"]
        dialog.set_store(workspace.store)
        assert not dialog.status.isVisible()
    finally:
        workspace.close()


def run_gui_watched(folder: Path, watch: Callable[[], None], *, every_ms: int) -> int:
    """The program's start over ``folder``, ``watch`` called from its event loop meanwhile."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(every_ms)
    try:
        return app_module.run_gui(folder)
    finally:
        timer.stop()


def test_cancelling_the_sign_in_while_the_folder_opens_waits_behind_a_busy_dialog(
        qapp: Any, store: Store, make_staff: Callable[..., staff.StaffUser], monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade cannot be cut short; the person sees what the program is waiting for instead of nothing."""
    import threading

    from PySide6.QtWidgets import QApplication, QProgressDialog

    from desktop.models import workspace as workspace_module

    make_staff("clerk", "clerk")
    store.close()
    release = threading.Event()
    real_open = workspace_module.open_workspace

    def slow_open(folder: Path, **kwargs: Any) -> Any:
        release.wait(20)  # an upgrade of years of cases
        return real_open(folder, **kwargs)

    busy: list[str] = []

    def watch() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                busy.append(widget.labelText())
                release.set()

    monkeypatch.setattr(workspace_module, "open_workspace", slow_open)
    monkeypatch.setattr(LoginDialog, "exec", lambda _self: 0)  # the person cancels at once
    try:
        assert run_gui_watched(store.data_dir, watch, every_ms=20) == 0
    finally:
        release.set()
    assert busy and "正在打开数据文件夹" in busy[0]


def test_signing_in_opens_the_main_window_with_its_first_page_then_the_rest(
        qapp: Any, store: Store, make_staff: Callable[..., staff.StaffUser], staff_password: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The program's whole start: sign-in, then the window (its first page at once, the others in
    the next turns of the loop), then closing it ends the program with 0."""
    import time

    from PySide6.QtWidgets import QApplication

    from desktop.views.main_window import MainWindow

    make_staff("clerk", "clerk")
    store.close()

    def the_person_signs_in(dialog: LoginDialog) -> int:
        dialog.username.setText("clerk")
        dialog.password.setText(staff_password)
        dialog._try()  # asked before the data is open: goes ahead once it is
        deadline = time.monotonic() + 20
        while dialog.user is None and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        return 1 if dialog.user is not None else 0

    seen: dict[str, Any] = {}
    real_paint = MainWindow.paintEvent

    def paint(window: MainWindow, event: Any) -> None:
        seen.setdefault("first", (window.intake_page is not None, window.search_page is not None))
        real_paint(window, event)

    def look() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None and window.sync is not None:  # every page built, services started
            seen["at_last"] = (window.search_page is not None, window.user.username)
            window.close()

    monkeypatch.setattr(MainWindow, "paintEvent", paint)
    monkeypatch.setattr(LoginDialog, "exec", the_person_signs_in)
    assert run_gui_watched(store.data_dir, look, every_ms=0) == 0
    assert seen["first"] == (True, False), "painted with the intake page, before the search page was built"
    assert seen["at_last"] == (True, "clerk")
