"""Form fields that take a clerk's keyboard and mouse as they come (issue 16.2, 16.3).

``DateField`` is typed like text: from the empty (``未填写``) state, or over a date it selected on
the way in, ``20260601`` or ``2026-06-01`` (``/`` and ``.`` also separate) becomes the date when
the field is left or Enter is pressed; Tab leaves the field instead of walking its year, month and
day; the calendar opens at the month of the window's today when the field is empty.  Clicking into
a date already there still edits that part (year, month or day) as a date field does.

``wheel_only_when_focused`` keeps a field the mouse wheel merely passes over as it is: only the
field with the focus takes the wheel, and the wheel scrolls the form around the others.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDateEdit, QToolTip, QWidget

SEPARATORS = "-/."
_TYPED = re.compile(r"(\d{4})(\d{2})(\d{2})|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


def parse_typed_date(text: str) -> dt.date | None:
    """The date a clerk typed: ``20260601`` or ``2026-06-01`` (also ``2026-6-1``, ``/`` or ``.``
    between the parts, full-width digits); None when it is not a whole, real date."""
    match = _TYPED.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


class DateField(QDateEdit):
    """A date typed as digits; empty is the minimum date, shown as ``empty_text``."""

    def __init__(self, today: Callable[[], dt.date], *, empty_text: str, earliest: QDate | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._typed: str | None = None  # what is being typed, while it is
        self._calendar_watched = False
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setKeyboardTracking(False)  # the date changes when the typing is done, not at each key
        self.setMinimumDate(earliest or QDate(2000, 1, 1))
        self.setSpecialValueText(empty_text)
        self.setDate(self.minimumDate())
        wheel_only_when_focused(self)
        self.setToolTip(self.tr("输入8位数字（如 20260601）或 2026-06-01；也可点右侧箭头从日历中选择"))

    # --- value --------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.date() == self.minimumDate()

    def setDate(self, date: QDate) -> None:  # noqa: N802 - Qt API
        """Set from the program (a registry copy, a draft, a new case): what was being typed is dropped."""
        self._typed = None
        super().setDate(date)

    def typing(self) -> str | None:
        """What is being typed (not yet the date), or None."""
        return self._typed

    def cancel_typing(self) -> None:
        """Drop what is being typed; the field shows its date again."""
        self._typed = None
        self._show_value()

    def _show_value(self) -> None:
        edit = self.lineEdit()
        if self.is_empty() and self.specialValueText():
            edit.setText(self.specialValueText())
        else:
            edit.setText(self.date().toString(self.displayFormat()))
        if self.hasFocus():
            edit.selectAll()
        else:
            edit.deselect()

    def _commit(self) -> None:
        typed, self._typed = self._typed, None
        if typed is None:
            return
        date = parse_typed_date(typed)
        if date is not None:
            value = QDate(date.year, date.month, date.day)
            if self.minimumDate() < value <= self.maximumDate():
                self.setDate(value)
            else:
                date = None
        if typed == "":  # typed over and rubbed out: the field is emptied
            self.setDate(self.minimumDate())
        elif date is None:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()),
                              self.tr("“%1”不是有效日期：请输入如 20260601 或 2026-06-01").replace("%1", typed), self)
        self._show_value()

    # --- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        text = unicodedata.normalize("NFKC", event.text()) if event.text() else ""
        plain = not (event.modifiers() & _COMMAND_MODIFIERS)
        one = plain and len(text) == 1
        key = event.key()
        if self._typed is None:
            edit = self.lineEdit()
            replacing = self.is_empty() or (edit.hasSelectedText() and edit.selectedText() == edit.text())
            rubbing_out = key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not self.is_empty()
            if replacing and ((one and text.isdigit()) or rubbing_out):
                self._typed = text if not rubbing_out else ""
                edit.setText(self._typed)
                event.accept()
                return
            super().keyPressEvent(event)
            return
        if one and (text.isdigit() or text in SEPARATORS):
            if len(self._typed) < len("2026-06-01"):
                self._typed += text
                self.lineEdit().setText(self._typed)
        elif key == Qt.Key.Key_Backspace:
            self._typed = self._typed[:-1]
            self.lineEdit().setText(self._typed)
        elif key == Qt.Key.Key_Escape:
            self.cancel_typing()
        elif one and text.isprintable():
            pass  # a letter is no part of a date
        else:  # Enter, arrows, Home, ...: the typing is done
            self._commit()
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt API
        """Tab goes to the next field, not to the month and the day (QDateTimeEdit's way)."""
        return QWidget.focusNextPrevChild(self, next)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        self._watch_calendar()
        super().focusInEvent(event)
        # Typing replaces the whole date, however the field was reached; a click places the cursor
        # after this, so the selection follows it (a second click edits a part of the date).
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self, self._select_all)
        else:
            self._select_all()

    def _select_all(self) -> None:
        if self.hasFocus() and self._typed is None:
            self.lineEdit().selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        self._commit()
        super().focusOutEvent(event)

    # --- mouse and calendar ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._commit()
        self._watch_calendar()
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        self._commit()
        super().wheelEvent(event)

    def _watch_calendar(self) -> None:
        if not self._calendar_watched:
            self._calendar_watched = True
            calendar = self.calendarWidget()
            if calendar is not None:
                calendar.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and self.is_empty():
            self._open_calendar_at_today()
        return False

    def _open_calendar_at_today(self) -> None:
        """An empty field's calendar shows this month with today marked, not January 2000; the
        date is still set only by picking a day."""
        calendar = self.calendarWidget()
        today = self._today()
        blocked = calendar.blockSignals(True)  # marking today is not picking it
        try:
            calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        finally:
            calendar.blockSignals(blocked)
        calendar.setCurrentPage(today.year, today.month)


class _WheelOnlyWhenFocused(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # on to the parents: the scroll area scrolls
            return True
        return False


def wheel_only_when_focused(widget: QAbstractSpinBox | QComboBox) -> None:
    """The wheel turns ``widget`` only when it has the focus (it no longer takes the focus from
    the wheel either); otherwise the wheel goes on to the form, which scrolls."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_WheelOnlyWhenFocused(widget))
