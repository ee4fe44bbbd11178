"""Notice a scanner in keyboard mode wherever the focus is.

A USB ID-card reader or barcode/QR scanner "types" its reading and Enter in a
few milliseconds; a person cannot.  The filter lets every key through as
usual, and when a fast burst of something the window knows (an ID number, a
certificate number, a receipt's QR code) ends with Enter, it puts the field the
burst landed in back as it was, swallows the Enter and reports the text, so the
window can put it where it belongs (``desktop.models.scan``).  A burst that is
none of these stays where it was typed: a person's fast typing is never taken
back.

How fast is judged from each key event's own timestamp (the time the X server,
Windows or macOS stamped on the key), not from when the application gets round
to it: a busy moment of the GUI thread neither makes typing look like a scan
nor breaks one up.  Events made without a time (tests' synthetic keys carry 0)
are timed on arrival.

Each key is counted once: the application-wide filter sees a key event
several times over (at the window it arrived at, at the focus widget, and at
every parent it propagates to when a widget ignores it, e.g. Shift), and how
often depends on the platform (on X without a window manager every key
counted twice: issue 16.1).  Only the delivery to the first widget, the
spontaneous one, counts.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.models.scan import classify_scan
from desktop.views.form_fields import DateField

MAX_GAP_MS = 50  # between keys of one scan: a scanner sends a key every few ms, people 0.1 s or slower
MIN_LENGTH = 10  # shorter bursts are not worth guessing about
# Keys a scanner presses around a character (Shift for X, ":" or a capital) that type nothing.
MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
})
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)

Restore = Callable[[], None]


def key_time_ms(event: QKeyEvent) -> int:
    """When the key was pressed, in ms: the event's own timestamp, or now for a key made without one."""
    stamp = int(event.timestamp())
    return stamp if stamp else int(time.monotonic() * 1000)


def _snapshot(widget: QWidget | None) -> Restore | None:
    """How to put ``widget`` back as it is now (None: it takes no typing)."""
    if isinstance(widget, QLineEdit):
        text = widget.text()

        def line() -> None:
            widget.setText(text)
            completer = widget.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None:
                popup.hide()
        return line
    if isinstance(widget, DateField):
        date = widget.date()

        def date_field() -> None:
            widget.cancel_typing()
            widget.setDate(date)
        return date_field
    if isinstance(widget, QDateTimeEdit):
        moment = widget.dateTime()
        return lambda: widget.setDateTime(moment)
    if isinstance(widget, QSpinBox):
        number = widget.value()
        return lambda: widget.setValue(number)
    if isinstance(widget, QDoubleSpinBox):
        amount = widget.value()
        return lambda: widget.setValue(amount)
    if isinstance(widget, QComboBox):  # typing searches the list
        index, text = widget.currentIndex(), widget.currentText()

        def combo() -> None:
            widget.setCurrentIndex(index)
            if widget.isEditable():
                widget.setEditText(text)
        return combo
    if isinstance(widget, QPlainTextEdit):
        plain = widget.toPlainText()
        return lambda: widget.setPlainText(plain)
    return None


class ScanListener(QObject):
    """Installed on the application (``QApplication.installEventFilter``); ``scanned`` says what was read.

    ``recognise(text)`` says whether a burst is a reading the window puts somewhere; by default an
    ID number, a certificate number or a receipt QR (``desktop.models.scan.classify_scan``), judged
    with the parent window's clock (its ``clock``) when it has one."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, recognise: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        if recognise is None:
            clock = getattr(parent, "clock", None)

            def today() -> dt.date:
                # Without a clock no birth date is "in the future" here; the window judges again.
                return clock.today() if clock is not None else dt.date.max

            def recognise(text: str) -> bool:
                return classify_scan(text, today()).kind != "unknown"
        self._recognise = recognise
        self._burst: list[str] = []
        self._last_ms: int | None = None
        self._restore: Restore | None = None  # the field the burst began in, as it was

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        # Once per key: the delivery to the first widget (not the window it arrived at, nor the parents).
        if not isinstance(watched, QWidget) or not event.spontaneous() or event.isAutoRepeat():
            return False
        key = event.key()
        if key in MODIFIER_KEYS:
            return False
        at = key_time_ms(event)
        fast = self._last_ms is not None and 0 <= at - self._last_ms <= MAX_GAP_MS
        self._last_ms = at
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst, self._burst = "".join(self._burst), []
            restore, self._restore = self._restore, None
            if fast and len(burst) >= MIN_LENGTH and self._recognise(burst):
                if restore is not None:
                    restore()
                self.scanned.emit(burst)
                return True
            return False
        text = event.text()
        if text and text.isprintable() and not (event.modifiers() & _COMMAND_MODIFIERS):
            if fast and self._burst:
                self._burst.append(text)
            else:  # the first key of what may be a scan: remember the field as it was
                self._burst = [text]
                self._restore = _snapshot(QApplication.focusWidget())
        else:
            self._burst = []
            self._restore = None
        return False
