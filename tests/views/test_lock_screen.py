"""The lock screen covers the whole window; a change of user keeps each clerk's draft (issue 16.6).

Locked, nothing a person typed is on any visible widget of the window, the cover lies over every
point of it, and no key, scan or other window reaches the case behind it.  Another clerk signing
in over the lock screen gets an empty form (or their own draft); the first gets theirs back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text

from desktop.app import create_main_window
from desktop.models import staff
from desktop.models.drafts import draft_path
from desktop.models.identity import id_check_character
from desktop.models.store import Store

pytestmark = pytest.mark.gui

ID_NUMBER = "44010619900307123"
ID_NUMBER += id_check_character(ID_NUMBER)
PHONE = "13912345678"
ACCOUNT = "6222020200112233445"
SECRETS = (ID_NUMBER, PHONE, ACCOUNT, "张三梅")


@pytest.fixture
def window(qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> Iterator[QMainWindow]:
    make_staff("clerk", "clerk")
    make_staff("clerk", "clerk2")
    make_staff("reviewer", "reviewer")
    win = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def fill_personal(qtbot: QtBot, win: QMainWindow) -> None:
    type_text(qtbot, find(win, "intake.id_number"), ID_NUMBER)
    type_text(qtbot, find(win, "intake.name"), "张三梅")
    type_text(qtbot, find(win, "intake.phone"), PHONE)
    type_text(qtbot, find(win, "intake.payment_account"), ACCOUNT)


def visible_texts(win: QWidget) -> list[str]:
    """Every text a visible widget of the window shows (fields, labels, buttons, list rows, titles)."""
    texts = [win.windowTitle()]
    for widget in win.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton) or (
                isinstance(widget, QLineEdit) and widget.echoMode() == QLineEdit.EchoMode.Normal):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QListWidget):
            texts += [widget.item(row).text() for row in range(widget.count())]
        texts += [widget.toolTip(), widget.accessibleDescription()]
    return texts


def sign_in(qtbot: QtBot, win: QMainWindow, username: str, password: str) -> None:
    cover = win.lock_cover  # type: ignore[attr-defined]
    qtbot.mouseClick(find(cover, "login.switch"), Qt.MouseButton.LeftButton)
    username_field = find(cover, "login.username")
    assert isinstance(username_field, QLineEdit) and not username_field.isReadOnly()
    type_text(qtbot, username_field, username)
    type_text(qtbot, find(cover, "login.password"), password)
    qtbot.mouseClick(find(cover, "login.ok"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.lock_cover is None, timeout=5_000)  # type: ignore[attr-defined]
    # The previous person's pages are deleted on the next turns of the event loop.
    qtbot.waitUntil(lambda: len(win.findChildren(QWidget, "intake.id_number")) <= 1, timeout=5_000)


def unlock(qtbot: QtBot, win: QMainWindow, password: str) -> None:
    cover = win.lock_cover  # type: ignore[attr-defined]
    type_text(qtbot, find(cover, "login.password"), password)
    qtbot.keyClick(find(cover, "login.password"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.lock_cover is None, timeout=5_000)  # type: ignore[attr-defined]


def test_while_locked_nothing_typed_is_visible_and_the_cover_covers_the_window(
        qtbot: QtBot, window: QMainWindow) -> None:
    fill_personal(qtbot, window)
    assert any(ID_NUMBER in text for text in visible_texts(window))  # the walk sees it when it is there
    window.lock()  # type: ignore[attr-defined]
    cover = window.lock_cover  # type: ignore[attr-defined]
    assert cover is not None and cover.isVisible() and cover.objectName() == "lock.cover"
    qtbot.wait(50)
    shown = "\n".join(visible_texts(window))
    for secret in SECRETS:
        assert secret not in shown, f"{secret} is readable while locked"
    # Opaque and over all of it: every point of the window is the cover's.
    assert cover.autoFillBackground() and cover.geometry() == window.rect()
    w, h = window.width(), window.height()
    for x, y in ((1, 1), (w - 2, 1), (1, h - 2), (w - 2, h - 2), (w // 2, h // 2), (w // 4, h // 3)):
        at = window.childAt(QPoint(x, y))
        assert at is cover or (at is not None and cover.isAncestorOf(at)), (x, y, at)
    window.resize(w - 100, h - 80)  # it follows the window
    qtbot.waitUntil(lambda: cover.geometry() == window.rect(), timeout=2_000)


def test_no_key_or_scan_reaches_the_case_behind_the_lock(qtbot: QtBot, window: QMainWindow,
                                                        staff_password: str) -> None:
    fill_personal(qtbot, window)
    window.lock()  # type: ignore[attr-defined]
    qtbot.keyClick(window.lock_cover.password, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.keyClick(window.lock_cover.password, Qt.Key.Key_F9)  # type: ignore[attr-defined]
    qtbot.keyClick(window.lock_cover.password, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    window.route_scan("11010519491231002X")  # type: ignore[attr-defined]  # an ID card read while locked
    assert window.lock_cover is not None and window.lock_cover.isVisible()  # type: ignore[attr-defined]
    unlock(qtbot, window, staff_password)
    assert find(window, "intake.id_number").text() == ID_NUMBER  # type: ignore[attr-defined]
    assert find(window, "intake.payment_account").text() == ACCOUNT  # type: ignore[attr-defined]
    assert find(window, "intake.id_number").isVisible() and find(window, "nav.bar").isVisible()
    assert window.statusBar().isVisible()


def test_the_windows_own_dialogs_are_hidden_while_locked_and_come_back(qtbot: QtBot, window: QMainWindow,
                                                                       staff_password: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "回执预览", f"身份证号码 {ID_NUMBER}", parent=window)
    box.open()  # window-modal, as the previews and dialogs of the window are
    qtbot.waitUntil(box.isVisible, timeout=2_000)
    window.lock()  # type: ignore[attr-defined]
    assert not box.isVisible()
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            assert ID_NUMBER not in "\n".join(visible_texts(top)), top
    unlock(qtbot, window, staff_password)
    assert box.isVisible()
    box.close()


def test_unlock_needs_the_password_of_who_locked_it(qtbot: QtBot, window: QMainWindow, staff_password: str) -> None:
    window.lock()  # type: ignore[attr-defined]
    cover = window.lock_cover  # type: ignore[attr-defined]
    assert find(cover, "login.username").isReadOnly()  # type: ignore[attr-defined]
    type_text(qtbot, find(cover, "login.password"), "wrong-password")
    qtbot.mouseClick(find(cover, "login.ok"), Qt.MouseButton.LeftButton)
    error = find(cover, "login.error")
    assert window.lock_cover is cover and error.isVisible() and error.text()  # type: ignore[attr-defined]
    assert find(cover, "login.password").text() == ""  # type: ignore[attr-defined]
    unlock(qtbot, window, staff_password)


def test_a_new_user_sees_an_empty_form_and_each_clerk_gets_their_draft_back(
        qtbot: QtBot, window: QMainWindow, store: Store, staff_password: str) -> None:
    fill_personal(qtbot, window)
    window.lock()  # type: ignore[attr-defined]  # at once: what was typed a moment ago is kept too
    sign_in(qtbot, window, "clerk2", staff_password)
    for name in ("intake.id_number", "intake.name", "intake.phone", "intake.payment_account"):
        assert find(window, name).text() == "", f"{name} shows the previous clerk's draft"  # type: ignore[attr-defined]
    assert "已恢复" not in find(window, "intake.message").text()  # type: ignore[attr-defined]
    shown = "\n".join(visible_texts(window))
    assert not any(secret in shown for secret in SECRETS)
    other = "440106198506151001"
    type_text(qtbot, find(window, "intake.id_number"), other)
    qtbot.waitUntil(lambda: draft_path(store.data_dir, "clerk2").is_file(), timeout=5_000)

    window.lock()  # type: ignore[attr-defined]
    sign_in(qtbot, window, "clerk", staff_password)
    assert find(window, "intake.id_number").text() == ID_NUMBER  # type: ignore[attr-defined]
    assert find(window, "intake.phone").text() == PHONE  # type: ignore[attr-defined]
    assert find(window, "intake.payment_account").text() == ACCOUNT  # type: ignore[attr-defined]

    window.lock()  # type: ignore[attr-defined]
    sign_in(qtbot, window, "clerk2", staff_password)
    assert find(window, "intake.id_number").text() == other  # type: ignore[attr-defined]


def test_switching_to_another_role_rebuilds_the_window(qtbot: QtBot, window: QMainWindow,
                                                       staff_password: str) -> None:
    window.lock()  # type: ignore[attr-defined]
    cover = window.lock_cover  # type: ignore[attr-defined]
    qtbot.mouseClick(find(cover, "login.switch"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(cover, "login.back"), Qt.MouseButton.LeftButton)  # changed their mind
    assert find(cover, "login.username").text() == "clerk"  # type: ignore[attr-defined]
    sign_in(qtbot, window, "reviewer", staff_password)
    qtbot.waitUntil(lambda: "审核" in find(window, "status.user").text(), timeout=5_000)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.findChild(QWidget, "nav.new_case") is None, timeout=5_000)
    assert [bar for bar in window.findChildren(QWidget, "nav.bar") if bar.isVisible()]
