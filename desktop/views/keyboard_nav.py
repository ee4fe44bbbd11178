"""Keyboard-only work at the counter (issue 16.8): Enter walks the form, the focus is always seen.

``EnterAdvances`` moves the focus on Enter through an ordered list of widgets: one-line fields,
spin and date fields, combo boxes, check boxes and item lists alike (Qt's widgets stop at a check
box or a closed combo box: Enter means nothing to them).  In a list Enter walks its enabled rows
first (Space ticks a row, as Qt's lists do), then leaves it.  A widget the focus lands on is
handed to ``reveal`` (the page scrolls it into view).  Enter that picks a completion or an item of
an open drop-down list is left to the list.

``DialogsClosed`` calls back when a dialog or a preview of the window closes, once the closing
is done, so the page puts the focus where the next applicant starts (the ID field), not nowhere.

``FOCUS_MARK`` is a style sheet giving the focused field a thick border and a light fill, so the
field the next key goes to is seen from across the counter whatever the platform style draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QDialog, QLineEdit, QListWidget, QWidget

FOCUS_MARK_DELAY_MS = 300  # after the window's first look (see IntakePage)
FOCUS_COLOUR = "#1b4f8a"
FOCUS_FILL = "#fff4c2"  # light yellow: seen at a glance, text on it stays readable
FOCUS_MARK = f"""
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus, QListWidget:focus {{
    border: 2px solid {FOCUS_COLOUR}; border-radius: 2px; background-color: {FOCUS_FILL};
}}
QCheckBox:focus {{ border: 2px solid {FOCUS_COLOUR}; border-radius: 2px; background-color: {FOCUS_FILL}; }}
QCheckBox {{ border: 2px solid transparent; padding: 1px; }}
QPushButton:focus {{ border: 2px solid {FOCUS_COLOUR}; border-radius: 3px; padding: 3px 8px; }}
"""

_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


def _takes_focus(widget: QWidget) -> bool:
    return widget.isEnabled() and widget.isVisible() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


class EnterAdvances(QObject):
    """Installed on each widget of ``order()``; Enter moves to the next one that can take the focus."""

    def __init__(self, order: Callable[[], Sequence[QWidget]], reveal: Callable[[QWidget], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._order = order
        self._reveal = reveal

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent)
                or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                or event.modifiers() & _COMMAND_MODIFIERS or not isinstance(watched, QWidget)):
            return False
        if isinstance(watched, QLineEdit):
            completer = watched.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None and popup.isVisible():
                return False  # Enter picks the completion first
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # Enter picks the item of the open list
        if isinstance(watched, QListWidget) and self._next_row(watched):
            return True
        self.advance(watched)
        return True

    def advance(self, current: QWidget) -> None:
        """The focus to the widget after ``current`` in the order (Qt's next widget when it is not in it)."""
        order = list(self._order())
        if current not in order:
            current.focusNextChild()
            return
        for widget in order[order.index(current) + 1:]:
            if _takes_focus(widget) and not (isinstance(widget, QListWidget) and not self._enabled_rows(widget)):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(widget, QListWidget):
                    self._first_row(widget)
                if self._reveal is not None:
                    self._reveal(widget)
                return
        current.focusNextChild()  # the last one: on as Tab goes

    @staticmethod
    def _enabled_rows(view: QListWidget) -> list[int]:
        return [row for row in range(view.count())
                if view.item(row).flags() & Qt.ItemFlag.ItemIsEnabled and not view.item(row).isHidden()]

    def _first_row(self, view: QListWidget) -> None:
        rows = self._enabled_rows(view)
        if rows and view.currentRow() not in rows:
            view.setCurrentRow(rows[0])

    def _next_row(self, view: QListWidget) -> bool:
        """Enter on a row of the list: the next enabled row (True), or none left (False)."""
        later = [row for row in self._enabled_rows(view) if row > view.currentRow()]
        if not later:
            return False
        view.setCurrentRow(later[0])
        view.scrollToItem(view.item(later[0]), QAbstractItemView.ScrollHint.EnsureVisible)
        return True


class DialogsClosed(QObject):
    """``closed()`` runs after a dialog of ``owner`` (a question asked with ``exec``, one opened
    with ``open``, a preview alike) hid and no other dialog of it is open.

    A dialog is watched from when it takes the keyboard (the application's focus window changed to
    it): its own events only, not an application-wide filter running Python for every event."""

    def __init__(self, owner: QWidget, closed: Callable[[], None]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._closed = closed
        self._watched: list[QDialog] = []
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._focus_moved)

    def _focus_moved(self, window: QWindow | None) -> None:
        if window is None:
            return
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QDialog) and w.windowHandle() is window), None)
        if dialog is not None and dialog not in self._watched and self._owns(dialog):
            self._watched.append(dialog)
            dialog.installEventFilter(self)
            dialog.destroyed.connect(lambda _obj=None, d=dialog: self._forget(d))

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self._watched:
            self._watched.remove(dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Hide and watched in self._watched:
            QTimer.singleShot(0, self, self._after)  # after Qt has finished closing it
        return False

    def _owns(self, dialog: QWidget) -> bool:
        parent = dialog.parentWidget()
        while parent is not None and parent is not self._owner:
            parent = parent.parentWidget()
        return parent is self._owner

    def _after(self) -> None:
        still_open = [w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QDialog) and w.isVisible() and self._owns(w)]
        if not still_open:
            self._closed()
