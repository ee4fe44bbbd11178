"""A scanner in keyboard mode fills the right field wherever the focus is (issue 3)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot
from qt_helpers import find

from desktop.models import staff
from desktop.models.cases import CaseRecord
from desktop.models.intake import file_case
from desktop.models.rules import Verifier
from desktop.models.store import Store
from desktop.views import scanner

pytestmark = pytest.mark.gui

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def window(window: QMainWindow) -> QMainWindow:
    """The clerk's window (tests/views/conftest.py) on a new case."""
    window.new_case()  # type: ignore[attr-defined]
    return window


def scan(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    """What a reader does: the characters and Enter, milliseconds apart."""
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def line(win: QMainWindow, name: str) -> QLineEdit:
    widget = find(win, name)
    assert isinstance(widget, QLineEdit)
    return widget


def test_id_card_read_into_another_field_lands_in_the_id_field(qtbot: QtBot, window: QMainWindow) -> None:
    bank = line(window, "intake.bank_name")
    bank.setText("ICBC")
    scan(qtbot, bank, ID_NUMBER)
    assert line(window, "intake.id_number").text() == ID_NUMBER
    assert bank.text() == "ICBC", "the reading is taken back out of the field it was typed into"


def test_certificate_scan_fills_the_certificate_number(qtbot: QtBot, window: QMainWindow) -> None:
    phone = line(window, "intake.phone")
    scan(qtbot, phone, "S000144000123174000056")
    assert line(window, "intake.cert_number").text() == "S000144000123174000056"
    assert phone.text() == ""


def test_typing_by_hand_is_not_a_scan(qtbot: QtBot, window: QMainWindow) -> None:
    bank = line(window, "intake.bank_name")
    bank.setFocus()
    qtbot.keyClicks(bank, "ABCDEFGHIJKL", delay=60)  # a person's pace
    qtbot.keyClick(bank, Qt.Key.Key_Return)
    assert bank.text() == "ABCDEFGHIJKL" and line(window, "intake.id_number").text() == ""


def test_another_persons_card_asks_before_clearing(qtbot: QtBot, window: QMainWindow,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    line(window, "intake.id_number").setText("440106199003071231")
    line(window, "intake.phone").setText("13800138000")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    scan(qtbot, line(window, "intake.bank_name"), ID_NUMBER)
    assert line(window, "intake.id_number").text() == "440106199003071231"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    scan(qtbot, line(window, "intake.bank_name"), ID_NUMBER)
    assert line(window, "intake.id_number").text() == ID_NUMBER and line(window, "intake.phone").text() == ""


def test_receipt_qr_opens_the_case(qtbot: QtBot, window: QMainWindow, store: Store,
                                   make_intake: Callable[..., object]) -> None:
    clerk = staff.get_staff(store, "clerk")
    record: CaseRecord = file_case(store, Verifier.load(None), clerk, make_intake(), accept=True)[0]
    scan(qtbot, line(window, "intake.phone"), f"ZHANCHI:{record.case_no}:{record.lookup_code}")
    title = find(window, "case.title")
    qtbot.waitUntil(lambda: title.text() == record.case_no, timeout=5000)  # type: ignore[attr-defined]


def scan_through_the_window(qtbot: QtBot, win: QMainWindow, text: str) -> None:
    """Keys the way the platform delivers them: to the window first, which passes them to the focus
    widget (the application's filters see each twice), with Shift pressed for a capital."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is win.windowHandle(), timeout=5000)
    handle = win.windowHandle()
    for char in text:
        if char.isupper():
            QTest.keyPress(handle, Qt.Key.Key_Shift)
            QTest.keyClick(handle, char, Qt.KeyboardModifier.ShiftModifier)
            QTest.keyRelease(handle, Qt.Key.Key_Shift)
        else:
            QTest.keyClick(handle, char)
    QTest.keyClick(handle, Qt.Key.Key_Return)


def test_a_reading_through_the_window_counts_each_key_once(qtbot: QtBot, window: QMainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16.1: on X without a window manager every digit counted twice and the reading was lost.
    (The keys' timestamps here are when the test sent them: a busy machine must not make them slow;
    tests/realx times real keys.)"""
    monkeypatch.setattr(scanner, "MAX_GAP_MS", 1000)
    bank = line(window, "intake.bank_name")
    bank.setText("ICBC")
    bank.setFocus()
    scan_through_the_window(qtbot, window, ID_NUMBER)
    assert line(window, "intake.id_number").text() == ID_NUMBER
    assert bank.text() == "ICBC"
    assert "无法识别" not in window.statusBar().currentMessage()


def test_a_reading_into_a_number_field_is_taken_back_out_of_it(qtbot: QtBot, window: QMainWindow) -> None:
    months = find(window, "intake.contribution_months")
    assert isinstance(months, QSpinBox)
    months.setValue(40)
    scan(qtbot, months.findChild(QLineEdit), "440106198506151001")  # type: ignore[arg-type]
    assert line(window, "intake.id_number").text() == "440106198506151001"
    assert months.value() == 40


def test_a_fast_burst_that_is_no_reading_stays_where_it_was_typed(qtbot: QtBot, window: QMainWindow) -> None:
    """Only what the window knows (an ID number, a certificate, a receipt) is taken out of a field."""
    employer = line(window, "intake.employer_name")
    scan(qtbot, employer, "ABCDEFGHIJKLMN")
    assert employer.text() == "ABCDEFGHIJKLMN"
    assert line(window, "intake.id_number").text() == ""
    assert "无法识别" not in window.statusBar().currentMessage()
