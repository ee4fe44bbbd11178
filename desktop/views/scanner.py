"""Notice a scanner in keyboard mode wherever the focus is.

A USB ID-card reader or barcode/QR scanner "types" its reading and Enter in a
few milliseconds; a person cannot.  The filter lets every key through as
usual, and when a fast burst ends with Enter it takes the burst back out of
the field it landed in, swallows the Enter and reports the text, so the
window can put it where it belongs (``desktop.models.scan``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

MAX_GAP_S = 0.035  # between keys of one scan; people type at 0.1 s or slower
MIN_LENGTH = 10  # shorter bursts are not worth guessing about


class ScanListener(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._burst: list[str] = []
        self._last = 0.0
        self._field: QLineEdit | None = None  # where the burst began, and its text before it
        self._before = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.isAutoRepeat():
            return False
        now = time.monotonic()
        fast = now - self._last <= MAX_GAP_S
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst, self._burst = "".join(self._burst), []
            if fast and len(burst) >= MIN_LENGTH:
                self._take_back()
                self.scanned.emit(burst)
                return True
            return False
        text = event.text()
        if text and text.isprintable():
            if fast and self._burst:
                self._burst.append(text)
            else:  # the first key of what may be a scan: remember the field as it was
                self._burst = [text]
                widget = QApplication.focusWidget()
                self._field = widget if isinstance(widget, QLineEdit) else None
                self._before = self._field.text() if self._field is not None else ""
        else:
            self._burst = []
        return False

    def _take_back(self) -> None:
        """The scan was typed into whatever field had the focus: put that field back as it was."""
        if self._field is not None and self._field is QApplication.focusWidget():
            self._field.setText(self._before)
        self._field = None
