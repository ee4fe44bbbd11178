"""The main window before its data (issue 8, startup_ratio): it shows at once with the
navigation for the role and, for a clerk, the intake form taking keys, while the data
folder opens behind it; nothing typed meanwhile is lost, and the other pages follow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import type_text

from desktop.app import create_main_window, open_main_window
from desktop.models import staff
from desktop.models.account_peek import peek_account
from desktop.models.drafts import draft_path
from desktop.models.errors import NotFound, StorageError
from desktop.models.identity import id_check_character
from desktop.models.store import Store
from desktop.views.main_window import MainWindow

pytestmark = pytest.mark.gui

ID_NUMBER = "44010619900307" + "123"
ID_NUMBER += id_check_character(ID_NUMBER)


def shown_at_once(qtbot: QtBot, folder: Path, username: str) -> MainWindow:
    window = open_main_window(folder, username)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.show()
    return window


def nav_names(window: MainWindow) -> list[str]:
    return [a.objectName() for a in window.findChildren(QAction) if a.objectName().startswith("nav.")]


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_a_clerk_types_before_the_data_is_open_and_nothing_is_lost(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("clerk", "clerk")
    window = shown_at_once(qtbot, store.data_dir, "clerk")
    assert window.workspace is None, "shown before the data folder is open"
    assert action(window, "nav.new_case").isEnabled()
    assert not action(window, "nav.search").isEnabled(), "pages that need the data are greyed meanwhile"
    assert action(window, "nav.settings").isEnabled(), "the settings are a file: no need to wait"
    assert window.findChild(QWidget, "search.results") is None
    id_field = window.findChild(QLineEdit, "intake.id_number")
    assert id_field is not None and window.focusWidget() is id_field, "keyboard first: the ID field takes the keys"
    accept = window.findChild(QWidget, "case.accept")
    assert accept is not None and not accept.isEnabled(), "nothing can be filed before the data is open"

    with qtbot.waitSignal(window.opened, timeout=20_000):
        qtbot.keyClicks(id_field, ID_NUMBER)  # a whole ID: its registry lookup waits for the data
        type_text(qtbot, window.findChild(QLineEdit, "intake.name"), "张三梅")
        assert window.workspace is None

    assert id_field.text() == ID_NUMBER
    assert window.findChild(QLineEdit, "intake.name").text() == "张三梅"  # type: ignore[union-attr]
    assert action(window, "nav.search").isEnabled() and accept.isEnabled()
    assert window.findChild(QWidget, "search.results") is not None
    message = window.findChild(QLabel, "intake.message")
    assert message is not None
    # The lookup asked for while the folder was opening ran once it was open.
    qtbot.waitUntil(lambda: "登记数据中没有此人" in message.text(), timeout=5_000)
    sync = window.findChild(QLabel, "sync.status")
    assert sync is not None
    qtbot.waitUntil(lambda: "待同步" in sync.text(), timeout=5_000)
    qtbot.waitUntil(draft_path(store.data_dir, "clerk").exists, timeout=5_000)  # crash-safe as ever
    window.close()


def test_a_reviewer_gets_the_navigation_at_once_and_the_review_page_when_the_data_is_open(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("reviewer", "reviewer")
    window = shown_at_once(qtbot, store.data_dir, "reviewer")
    assert window.findChild(QAction, "nav.new_case") is None
    assert not action(window, "nav.review").isEnabled()
    placeholder = window.findChild(QLabel, "main.opening")
    assert placeholder is not None and window.pages.currentWidget() is placeholder
    qtbot.waitSignal(window.opened, timeout=20_000).wait()
    assert action(window, "nav.review").isEnabled()
    assert window.pages.currentWidget() is window.back_office[0][2], "a reviewer starts at 审核"
    window.close()


def test_the_first_page_is_the_same_with_or_without_waiting(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    """create_main_window (the contract's window) is complete when it returns: no waiting."""
    make_staff("clerk", "clerk")
    window = create_main_window(store.data_dir, "clerk", clock=store.clock)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.workspace is not None and action(window, "nav.search").isEnabled()
    later = shown_at_once(qtbot, store.data_dir, "clerk")
    qtbot.waitSignal(later.opened, timeout=20_000).wait()
    assert nav_names(later) == nav_names(window)
    later.close()
    window.close()


def test_the_account_read_without_the_store_is_the_stores_answer(
        store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    for role in staff.Role:
        make_staff(role, role.value)
        assert peek_account(store.data_dir, role.value) == staff.get_staff(store, role.value)
    assert peek_account(store.data_dir, "nobody") is None
    assert peek_account(store.data_dir / "elsewhere", "clerk") is None


def test_an_unknown_user_is_refused_as_before(qtbot: QtBot, store: Store) -> None:
    with pytest.raises(NotFound):
        open_main_window(store.data_dir, "nobody", clock=store.clock)  # no cheap answer: the store's own refusal


def test_closing_before_the_data_is_open_closes_it_when_it_arrives(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.app import FolderOpening
    from desktop.models.workspace import Workspace

    make_staff("clerk", "clerk")
    closed: list[Workspace] = []
    real_close = Workspace.close

    def close(self: Workspace) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(Workspace, "close", close)
    window = open_main_window(store.data_dir, "clerk", clock=store.clock)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    opening = window.findChild(FolderOpening)
    assert opening is not None
    window.show()
    qtbot.waitUntil(lambda: opening.worker.ident is not None, timeout=5_000)  # started after the first paint
    window.close()
    opening.worker.join(timeout=20)
    qtbot.waitUntil(lambda: len(closed) == 1, timeout=5_000)
    assert window.workspace is None and window.search_page is None, "nothing built for a closed window"


def test_a_folder_that_cannot_be_opened_is_said_in_words_and_the_window_closes(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.models import workspace as workspace_module

    make_staff("clerk", "clerk")

    def refuse(*_: Any, **__: Any) -> None:
        raise StorageError("数据文件夹只读：请让管理员检查权限")

    told: list[str] = []
    monkeypatch.setattr(workspace_module, "open_workspace", refuse)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: told.append(text))
    window = shown_at_once(qtbot, store.data_dir, "clerk")
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert told == ["数据文件夹只读：请让管理员检查权限"]
    assert not window.isVisible()


def test_an_upgrade_behind_the_window_is_said_in_its_status_bar(qtbot: QtBot, tmp_path: Path) -> None:
    import shutil

    from desktop.models.backup import list_backups
    from desktop.models.store import DB_FILENAME

    saved = Path(__file__).resolve().parents[1] / "models" / "data" / "schema_0001.sqlite"
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(saved, folder / DB_FILENAME)  # as revision 0001 left it, with a clerk
    window = shown_at_once(qtbot, folder, "clerk")
    sync = window.findChild(QLabel, "sync.status")
    assert sync is not None
    from desktop.app import FolderOpening

    opening = window.findChild(FolderOpening)
    assert opening is not None
    shown: list[str] = []  # the status bar each time the opening said something (the window hears it first)
    opening.stage.connect(lambda _text: shown.append(sync.text()))
    qtbot.waitSignal(window.opened, timeout=60_000).wait()
    assert shown and all(text.startswith("正在升级数据库") for text in shown)
    assert any("已复制" in text for text in shown) and "更新数据结构" in shown[-1]
    qtbot.waitUntil(lambda: "待同步" in sync.text(), timeout=5_000)  # then the sync state as usual
    assert [b.reason for b in list_backups(folder)] == ["before-migration-0001"]
    window.close()
