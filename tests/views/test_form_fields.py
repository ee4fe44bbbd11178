"""Date fields typed as a clerk types them; the wheel only turns the field with the focus (issue 16.2,
16.3).  The same through a real X server with real keys and wheel: tests/realx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.views.form_fields import DateField, parse_typed_date, wheel_only_when_focused

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(("typed", "date"), [
    ("20260601", dt.date(2026, 6, 1)),
    ("2026-06-01", dt.date(2026, 6, 1)),
    ("2026-6-1", dt.date(2026, 6, 1)),
    ("2026/09/07", dt.date(2026, 9, 7)),
    ("2026.9.7", dt.date(2026, 9, 7)),
    ("２０２６０６０１", dt.date(2026, 6, 1)),
    ("20260631", None),
    ("202606", None),
    ("2026-06", None),
    ("2026-06-01-", None),
    ("", None),
])
def test_typed_dates(typed: str, date: dt.date | None) -> None:
    assert parse_typed_date(typed) == date


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.before = QLineEdit()
        self.date = DateField(lambda: TODAY, empty_text="未填写")
        self.months = QSpinBox()
        self.months.setRange(0, 1200)
        self.level = QComboBox()
        self.level.addItems(["请选择", "五级", "四级"])
        self.after = QLineEdit()
        for widget in (self.before, self.date, self.months, self.level, self.after):
            layout.addWidget(widget)
        wheel_only_when_focused(self.months)
        wheel_only_when_focused(self.level)


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[Form]:
    shown = Form()
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown, timeout=5000)
    yield shown


def iso(field: DateField) -> str:
    return str(field.date().toString("yyyy-MM-dd"))


@pytest.mark.parametrize("typed", ["20260601", "2026-06-01"])
@pytest.mark.parametrize("reason", [Qt.FocusReason.TabFocusReason, Qt.FocusReason.MouseFocusReason])
def test_a_date_typed_into_the_empty_field(qtbot: QtBot, form: Form, typed: str, reason: Qt.FocusReason) -> None:
    assert form.date.is_empty() and form.date.text() == "未填写"
    form.date.setFocus(reason)
    qtbot.keyClicks(form.date, typed)
    assert form.date.text() == typed and form.date.is_empty(), "the date is set when the typing is done"
    qtbot.keyClick(form.date, Qt.Key.Key_Tab)
    assert iso(form.date) == "2026-06-01" and form.date.text() == "2026-06-01"
    assert form.months.hasFocus(), "Tab leaves the field (not to its month and day)"


def test_typing_over_a_date_replaces_it(qtbot: QtBot, form: Form) -> None:
    form.date.setDate(QDate(2025, 3, 4))
    form.date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.date, "2026-09-07")
    qtbot.keyClick(form.date, Qt.Key.Key_Return)
    assert iso(form.date) == "2026-09-07"


def test_a_date_that_is_not_one_leaves_the_field_as_it_was(qtbot: QtBot, form: Form) -> None:
    form.date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.date, "20261341")
    form.months.setFocus()
    assert form.date.is_empty() and form.date.text() == "未填写"


def test_rubbing_a_date_out_empties_the_field_and_escape_keeps_it(qtbot: QtBot, form: Form) -> None:
    form.date.setDate(QDate(2025, 3, 4))
    form.date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.date, "2026")
    qtbot.keyClick(form.date, Qt.Key.Key_Escape)
    assert iso(form.date) == "2025-03-04" and form.date.text() == "2025-03-04"
    form.date.lineEdit().selectAll()
    qtbot.keyClick(form.date, Qt.Key.Key_Backspace)
    form.months.setFocus()
    assert form.date.is_empty() and form.date.text() == "未填写"


def test_a_date_set_by_the_program_drops_what_was_being_typed(qtbot: QtBot, form: Form) -> None:
    form.date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.date, "2026")
    form.date.setDate(form.date.minimumDate())  # a new case
    form.months.setFocus()
    assert form.date.is_empty()


def test_the_calendar_of_an_empty_field_opens_at_today(qtbot: QtBot, form: Form) -> None:
    arrow = QPoint(form.date.width() - 6, form.date.height() // 2)
    qtbot.mouseClick(form.date, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = form.date.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=5000)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 11)
    assert form.date.is_empty(), "opening the calendar picks no day"
    calendar.window().close()
    assert form.date.is_empty()


def wheel(widget: QWidget, *, up: bool) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120 if up else -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_leaves_a_field_without_focus_as_it_is(form: Form) -> None:
    form.months.setValue(40)
    form.level.setCurrentIndex(1)
    form.date.setDate(QDate(2026, 6, 1))
    form.before.setFocus()
    for widget in (form.months, form.level, form.date):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives them no focus
        wheel(widget, up=True)
    assert (form.months.value(), form.level.currentIndex(), iso(form.date)) == (40, 1, "2026-06-01")
    form.months.setFocus()
    wheel(form.months, up=True)
    assert form.months.value() == 41, "the field with the focus takes the wheel"
