"""The window opens maximized, or as this person left it on a screen of this size (issue 16.5).

The real screens and a real window manager are in tests/realx/test_screen_sizes.py; these check
what is kept (``desktop.settings``: per user, per screen size) and what the window does with it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import create_main_window
from desktop.models import staff
from desktop.models.errors import StorageError
from desktop.models.store import Store
from desktop.settings import (
    WindowPlacement,
    load_window_placement,
    save_window_placement,
    window_path,
)
from desktop.views.main_window import TITLE_BAR_ALLOWANCE, normal_geometry

pytestmark = pytest.mark.gui


# --- what is kept ----------------------------------------------------------------------------------


def test_placements_are_kept_per_user_and_screen_size(tmp_path: Path) -> None:
    assert load_window_placement(tmp_path, "clerk", (1366, 768)) is None
    save_window_placement(tmp_path, "clerk", WindowPlacement((1366, 768), False, (10, 50, 1000, 600)))
    save_window_placement(tmp_path, "clerk", WindowPlacement((1920, 1080), True, (0, 0, 1500, 900)))
    save_window_placement(tmp_path, "clerk2", WindowPlacement((1366, 768), True, None))
    assert load_window_placement(tmp_path, "clerk", (1366, 768)) == WindowPlacement((1366, 768), False,
                                                                                  (10, 50, 1000, 600))
    assert load_window_placement(tmp_path, "clerk", (1920, 1080)) == WindowPlacement((1920, 1080), True,
                                                                                   (0, 0, 1500, 900))
    assert load_window_placement(tmp_path, "clerk2", (1366, 768)) == WindowPlacement((1366, 768), True, None)
    assert load_window_placement(tmp_path, "clerk", (1024, 768)) is None  # another screen: not known
    assert load_window_placement(tmp_path, "admin", (1366, 768)) is None


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"users": []}', b'{"users": {"clerk": 5}}',
                                     b'{"users": {"clerk": {"1366x768": {"maximized": "yes"}}}}'])
def test_a_damaged_file_means_maximized(tmp_path: Path, content: bytes) -> None:
    window_path(tmp_path).write_bytes(content)
    assert load_window_placement(tmp_path, "clerk", (1366, 768)) is None
    save_window_placement(tmp_path, "clerk", WindowPlacement((1366, 768), True))  # and is written afresh
    assert load_window_placement(tmp_path, "clerk", (1366, 768)) == WindowPlacement((1366, 768), True)


def test_a_bad_geometry_is_left_out(tmp_path: Path) -> None:
    window_path(tmp_path).write_text(json.dumps({"users": {"clerk": {"1366x768": {
        "maximized": False, "geometry": [0, 0, -5, "x"]}}}}), encoding="utf-8")
    assert load_window_placement(tmp_path, "clerk", (1366, 768)) == WindowPlacement((1366, 768), False, None)


def test_a_folder_that_cannot_be_written_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(StorageError, match="窗口位置未保存"):
        save_window_placement(blocker / "data", "clerk", WindowPlacement((1366, 768), True))


@pytest.mark.parametrize(("kept", "expected"), [
    (QRect(100, 120, 1000, 560), QRect(100, 120, 1000, 560)),  # as it was: on the screen
    (QRect(-300, 700, 1000, 560), QRect(0, 208, 1000, 560)),  # moved back onto the screen
    (QRect(0, 0, 1500, 900), QRect(0, TITLE_BAR_ALLOWANCE, 1366, 768 - TITLE_BAR_ALLOWANCE)),  # shrunk to it
])
def test_a_kept_geometry_is_put_back_on_the_screen(kept: QRect, expected: QRect) -> None:
    assert normal_geometry(QRect(0, 0, 1366, 768), kept) == expected


def test_the_default_normal_geometry_leaves_room_for_a_title_bar() -> None:
    available = QRect(0, 0, 1024, 768)
    normal = normal_geometry(available)
    assert available.contains(normal) and normal.top() >= TITLE_BAR_ALLOWANCE


# --- what the window does with it ------------------------------------------------------------------


@pytest.fixture
def open_window(qtbot: QtBot, store: Store,
                make_staff: Callable[..., staff.StaffUser]) -> Iterator[Callable[[str], QMainWindow]]:
    make_staff("clerk", "clerk")
    make_staff("clerk", "clerk2")
    windows: list[QMainWindow] = []

    def open_as(user: str) -> QMainWindow:
        window = create_main_window(store.data_dir, user, clock=store.clock)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield open_as
    for window in windows:
        window.close()


def screen_size(window: QMainWindow) -> tuple[int, int]:
    size = window.screen().geometry().size()
    return size.width(), size.height()


def test_the_window_opens_maximized(open_window: Callable[[str], QMainWindow], qtbot: QtBot) -> None:
    window = open_window("clerk")
    assert window.isMaximized()  # before show(): shown as the program shows it (CONTRACTS.md)
    window.show()
    qtbot.waitExposed(window)
    assert window.isMaximized()


def test_each_person_gets_the_window_as_they_left_it(open_window: Callable[[str], QMainWindow], store: Store,
                                                     qtbot: QtBot) -> None:
    first = open_window("clerk")
    size = screen_size(first)
    first.close()
    save_window_placement(store.data_dir, "clerk", WindowPlacement(size, False, (20, 60, 640, 520)))
    window = open_window("clerk")
    assert not window.isMaximized()
    assert window.geometry() == QRect(20, 60, 640, 520)
    assert open_window("clerk2").isMaximized()  # another person: maximized
    save_window_placement(store.data_dir, "clerk2", WindowPlacement((size[0] + 1, size[1]), False, (20, 60, 640, 520)))
    assert open_window("clerk2").isMaximized()  # kept for another screen size: maximized here


def test_closing_keeps_how_the_window_was_left(open_window: Callable[[str], QMainWindow], store: Store,
                                               qtbot: QtBot) -> None:
    window = open_window("clerk")
    window.show()
    qtbot.waitExposed(window)
    window.showNormal()
    window.setGeometry(30, 70, 640, 520)
    qtbot.waitUntil(lambda: not window.isMaximized(), timeout=2_000)
    window.close()
    kept = load_window_placement(store.data_dir, "clerk", screen_size(window))
    assert kept is not None and not kept.maximized and kept.geometry == (30, 70, 640, 520)

    again = open_window("clerk")
    again.show()
    qtbot.waitExposed(again)
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized, timeout=2_000)
    again.close()
    kept = load_window_placement(store.data_dir, "clerk", screen_size(again))
    assert kept is not None and kept.maximized and kept.geometry == (30, 70, 640, 520)  # where it goes un-maximized
    assert load_window_placement(store.data_dir, "clerk2", screen_size(again)) is None


def test_the_verdict_cannot_be_dragged_out_of_sight(open_window: Callable[[str], QMainWindow], qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QSplitter

    window = open_window("clerk")
    window.show()
    panel = window.findChild(QWidget, "verify.result")
    splitter = panel.parentWidget()
    assert isinstance(splitter, QSplitter) and not splitter.childrenCollapsible()
    splitter.setSizes([10_000, 0])  # the handle dragged all the way to the right
    assert panel.width() >= 240
