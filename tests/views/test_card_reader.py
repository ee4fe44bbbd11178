"""读卡 (F2) at the intake form (issue 16.1): the card fills the form and looks the person up; its
photo is shown beside the ID field and kept nowhere (not in the draft, gone with the applicant)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot
from qt_helpers import find

from desktop.app import create_main_window
from desktop.devices.idcard.simulated import SimulatedReader, card_for
from desktop.models import staff
from desktop.models.drafts import load_draft
from desktop.models.registry import import_registry
from desktop.models.registry_files import RegistryFile
from desktop.models.store import Store

pytestmark = pytest.mark.gui

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def window(qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> Iterator[QMainWindow]:
    make_staff("clerk", "clerk")
    rows = [(ID_NUMBER, "张三", "91440101MA5XXXXX04", "广州市某机械有限公司", "440100", 40, "13800138000", False)]
    import_registry(store, RegistryFile(kind="insured", rows=rows, errors=[], total=1, source="test"),
                    as_of=store.clock.now())
    win = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(win)
    win.show()
    win.new_case()  # type: ignore[attr-defined]
    yield win
    win.close()


def text(win: QMainWindow, name: str) -> str:
    widget = find(win, name)
    assert isinstance(widget, (QLineEdit, QLabel))
    return widget.text()


def lay(win: QMainWindow, card: object) -> SimulatedReader:
    reader = SimulatedReader([card])  # type: ignore[list-item]
    win.intake_page.card_reader.reader = reader  # type: ignore[attr-defined]
    return reader


def test_f2_reads_the_card_fills_the_form_shows_the_photo_and_looks_the_person_up(
        qtbot: QtBot, window: QMainWindow, store: Store) -> None:
    lay(window, card_for(ID_NUMBER, "张三"))
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: text(window, "intake.id_number") == ID_NUMBER, timeout=5_000)
    assert text(window, "intake.name") == "张三"
    photo = find(window, "intake.photo")
    assert isinstance(photo, QLabel) and photo.isVisible() and not photo.pixmap().isNull()
    info = text(window, "intake.card_info")
    assert "女" in info and "汉族" in info and "广州市公安局天河分局" in info and "2040-01-15" in info
    qtbot.waitUntil(lambda: text(window, "intake.phone") == "13800138000", timeout=5_000)  # the registry's
    assert window.focusWidget() is find(window, "intake.phone")
    # The photo is shown, not kept: not in the draft saved as the clerk types.

    def drafted() -> dict[str, Any] | None:
        state = load_draft(store.data_dir, "clerk")
        return state if state is not None and state["form"]["intake.id_number"] == ID_NUMBER else None

    qtbot.waitUntil(lambda: drafted() is not None, timeout=5_000)
    saved = drafted()
    assert saved is not None
    assert not any("photo" in key or "card" in key for key in saved["form"]) and "BM" not in json.dumps(saved)
    window.intake_page.new_case()  # type: ignore[attr-defined]
    assert photo.pixmap().isNull() and not photo.isVisible() and text(window, "intake.card_info") == ""


def test_the_button_reads_as_f2_does(qtbot: QtBot, window: QMainWindow) -> None:
    lay(window, card_for(ID_NUMBER, "张三"))
    qtbot.mouseClick(find(window, "intake.read_card"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text(window, "intake.id_number") == ID_NUMBER, timeout=5_000)


def test_no_card_on_the_reader_is_said_and_nothing_changes(qtbot: QtBot, window: QMainWindow) -> None:
    lay(window, card_for(ID_NUMBER, "张三")).take()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "没有身份证" in text(window, "intake.message"), timeout=5_000)
    assert text(window, "intake.id_number") == ""


def test_without_a_reader_set_up_f2_says_how(qtbot: QtBot, window: QMainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "未设置身份证阅读器" in text(window, "intake.message"), timeout=5_000)


def test_an_expired_card_is_said_so(qtbot: QtBot, window: QMainWindow) -> None:
    lay(window, card_for(ID_NUMBER, "张三", issued=dt.date(2005, 1, 1), years=20))
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "已过有效期" in text(window, "intake.card_info"), timeout=5_000)


def test_another_applicants_card_asks_before_replacing_the_form(qtbot: QtBot, window: QMainWindow,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    find(window, "intake.id_number").setText("440106198506151001")  # type: ignore[attr-defined]
    asked: list[str] = []

    def question(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No  # keep the applicant on the form

    monkeypatch.setattr(QMessageBox, "question", question)
    lay(window, card_for(ID_NUMBER, "张三"))
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    assert "440106********1001" in asked[0]
    assert text(window, "intake.id_number") == "440106198506151001"


def test_the_reader_is_a_setting_checked_beside_its_field(qtbot: QtBot, window: QMainWindow, store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.settings import load_settings
    from desktop.views.device_settings import READER_ENV, reader_spec

    monkeypatch.delenv(READER_ENV, raising=False)
    window.open_settings()  # type: ignore[attr-defined]
    dialog = window.settings_dialog  # type: ignore[attr-defined]
    field = find(dialog, "settings.idcard_reader")
    assert isinstance(field, QLineEdit)
    field.setText("termb@usb")
    dialog.save()
    error = find(dialog, "settings.idcard_reader.error")
    assert isinstance(error, QLabel) and error.isVisible() and "端口" in error.text()
    assert reader_spec(load_settings(store.data_dir)) == ""
    field.setText("simulated")
    dialog.save()
    assert reader_spec(load_settings(store.data_dir)) == "simulated"
    monkeypatch.setenv(READER_ENV, "termb:/opt/reader/libtermb.so@1001")  # the environment wins (the demo)
    assert reader_spec(load_settings(store.data_dir)) == "termb:/opt/reader/libtermb.so@1001"
