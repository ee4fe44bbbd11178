"""The back office (审核 · 公示 · 发放 · 统计 · 审计 · 人员管理): which pages a role gets, and what they share.

``back_office_pages`` builds, from ``navigation.back_office_entries``, which of the six pages
the signed-in person may use, in the order of UI.md; a clerk gets none.  The
window adds them to its navigation and connects the three signals every page
has (``BackOfficePage``): ``open_case(case_id)``, ``case_changed(case_id)`` and
``document_ready(pdf_path, title)``.

What the pages share lives here too, so each page module holds only its page:

- ``RowsModel``: the one table model of the back office, built like
  ``case_table_model.CaseTableModel`` (column constants in each page, custom
  roles, ``set_rows`` inside a model reset, ``dataChanged`` for one row).  The
  back-office lists are short (a day's queue, a month's batches), so they are
  loaded whole; the operation log is capped by the core's ``limit``.
- ``make_table``, ``push_button``, ``line_edit``, ``hint_label``, ``hbox``, ``form_group``,
  ``panes``: what the pages build alike (a table, a named button wired to its slot, a named
  line, a grey hint, a row of widgets with one taking the room, a titled form, panes a person
  may resize but never collapse).
- ``Chosen``: the row chosen in a list whose detail the page shows beside it, kept
  (or, when it is gone, the first row chosen afresh) across refreshes.
- ``BackOfficePage``: the construction every page shares (its object name
  ``page.<page_name>``, then the page's own ``build``), the runner calls with busy
  state and dropped stale answers, the inline message line (never a modal box for
  something correctable, never a traceback), a refresh each time the page is shown,
  ``action_done`` after an action went through, and ``confirm``: the one question asked
  before an irreversible or bulk decision (what will happen, how many, how much; the
  safe answer the default).

Which pages a role gets is ``navigation.BACK_OFFICE``; the pages are imported when built
(they import this module).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)
from shiboken6 import isValid

from desktop.models.changes import Changes
from desktop.models.errors import InvalidInput, ZhanchiError
from desktop.models.risk import RiskCode
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.case_table_model import QT_TRANSLATE_NOOP
from desktop.views.navigation import back_office_entries, build_page
from desktop.views.style import emphasise
from desktop.views.tasks import TaskRunner

AnyIndex = QModelIndex | QPersistentModelIndex
CONTEXT = "BackOffice"

KeyRole = Qt.ItemDataRole.UserRole + 1  # the row's key (a case id, a batch id …), whatever the column
RowRole = Qt.ItemDataRole.UserRole + 2  # the whole row object

# (text, background): the words always say it, the colour only helps the eye.
ALERT = ("#8e1b1b", "#f8d4d4")
WARN = ("#7a4b00", "#fdf0d5")
GOOD = ("#1f6130", "#e2f3e6")
QUIET = ("#5a5a5a", "#f3f3f3")


def colours(pair: tuple[str, str]) -> tuple[QColor, QColor]:
    return QColor(pair[0]), QColor(pair[1])


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# The core's risk-flag labels (risk.RiskCode.label), marked for lupdate.
_RISK_LABELS = {
    RiskCode.shared_account: QT_TRANSLATE_NOOP("BackOffice", "同一账户为多人收款"),
    RiskCode.holder_mismatch: QT_TRANSLATE_NOOP("BackOffice", "账户户名与申请人不符"),
    RiskCode.certificate_reused: QT_TRANSLATE_NOOP("BackOffice", "证书编号重复使用"),
    RiskCode.level_digit_mismatch: QT_TRANSLATE_NOOP("BackOffice", "申报等级与证书编号不符"),
    RiskCode.issuer_volume: QT_TRANSLATE_NOOP("BackOffice", "评价机构短期发证异常"),
    RiskCode.employer_volume: QT_TRANSLATE_NOOP("BackOffice", "用人单位短期取证异常"),
    RiskCode.integrity_person: QT_TRANSLATE_NOOP("BackOffice", "申请人列入诚信档案"),
    RiskCode.integrity_employer: QT_TRANSLATE_NOOP("BackOffice", "用人单位列入诚信档案"),
}


def risk_label(code: str) -> str:
    """A risk flag's kind in the interface language (a code of a later version as it is)."""
    try:
        return _tr(_RISK_LABELS[RiskCode(code)])
    except (ValueError, KeyError):
        return str(code)


# --- which pages --------------------------------------------------------------------------


def back_office_pages(workspace: Workspace, runner: TaskRunner, user: StaffUser) -> list[tuple[str, str, QWidget]]:
    """(navigation label, object name, page) for each back-office page ``user`` may use, in the
    order of UI.md (审核 · 公示 · 发放 · 统计 · 审计 · 人员管理).  Decided from the permission table only."""
    return [(entry.label, entry.name, build_page(entry, workspace, runner, user))
            for entry in back_office_entries(user)]


# --- the table model -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column: its header and how a row shows in it (text, and optionally colours, a tooltip)."""

    header: str
    text: Callable[[Any], str]
    right: bool = False  # figures: right-aligned
    colours: Callable[[Any], tuple[QColor, QColor] | None] | None = None
    tip: Callable[[Any], str | None] | None = None
    bold: Callable[[Any], bool] | None = None


class RowsModel(QAbstractTableModel):
    """A whole, short list of rows (any objects) shown through ``Column`` definitions."""

    def __init__(self, columns: Sequence[Column], key: Callable[[Any], str], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._rows: list[Any] = []

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        return next((i for i, held in enumerate(self._rows) if self._key(held) == key), -1)

    def key_of(self, row: Any) -> str:
        return self._key(row)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[section].right:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == KeyRole:
            return self._key(row)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole) and column.colours:
            pair = column.colours(row)
            if pair is None:
                return None
            return pair[0] if role == Qt.ItemDataRole.ForegroundRole else pair[1]
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip(row)
        if role == Qt.ItemDataRole.FontRole and column.bold and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None


def make_table(name: str, model: RowsModel, *, widths: dict[int, int] | None = None, stretch: int | None = None,
               multi: bool = False, accessible: str = "") -> QTableView:
    """A read-only list of rows, set up the same way everywhere.  Columns fit their contents (the lists
    are short) and ``stretch`` takes what is left; with ``widths`` (in characters of the base font)
    the columns start at those widths instead and the user may resize them (for long lists)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive if widths
                                else QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    char = view.fontMetrics().horizontalAdvance("中")
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width * char * 2 // 3 + 16)
    return view


def selected_rows(view: QTableView) -> list[Any]:
    """The row objects selected in ``view`` (a RowsModel), in list order."""
    model = view.model()
    assert isinstance(model, RowsModel)
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    return [model.row_at(r) for r in rows if model.row_at(r) is not None]


def current_row(view: QTableView) -> Any:
    model = view.model()
    assert isinstance(model, RowsModel)
    selected = view.selectionModel().selectedRows()
    return model.row_at(selected[0].row()) if selected else None


def reselect(view: QTableView, key: str | None, *, nothing: Callable[[], None] | None = None) -> None:
    """After a refresh: the row that was chosen (``key``) again; when it is gone (decided here or
    elsewhere) the first row; with no rows, ``nothing`` (the detail pane emptied)."""
    if select_key(view, key):
        return
    if view.model().rowCount() > 0:
        view.selectRow(0)
    elif nothing is not None:
        nothing()


def select_key(view: QTableView, key: str | None) -> bool:
    """Select the row whose key is ``key``; False when it is not listed."""
    model = view.model()
    assert isinstance(model, RowsModel)
    row = model.row_of(key) if key else -1
    if row < 0:
        return False
    view.selectRow(row)
    view.scrollTo(model.index(row, 0))
    return True


class Chosen:
    """The row chosen in ``view`` (a RowsModel's table) whose detail the page shows beside the list.

    Each change of selection shows the row (``show(row)``; None when nothing is chosen), after
    ``switched(row)`` when it is another row than the one kept (the page empties what was typed for
    the last one).  ``key`` is the kept row's key; a page sets it to choose a row it has just made
    (shown after the next ``reload``) or to None to start afresh.  ``reload`` puts new rows in and
    chooses the kept row again; when it is gone (decided here or elsewhere) it is forgotten and the
    first row is chosen; with no rows, ``show(None)`` empties the detail."""

    def __init__(self, view: QTableView, show: Callable[[Any], None], *,
                 switched: Callable[[Any], None] | None = None) -> None:
        model = view.model()
        assert isinstance(model, RowsModel)
        self.view, self.model = view, model
        self.key: str | None = None
        self._show, self._switched = show, switched
        view.selectionModel().selectionChanged.connect(lambda *_: self._follow())

    @property
    def row(self) -> Any:
        """The chosen row object, or None."""
        return current_row(self.view)

    def _follow(self) -> None:
        row = self.row
        key = self.model.key_of(row) if row is not None else None
        if key != self.key and self._switched is not None:
            self._switched(row)
        self.key = key
        self._show(row)

    def reload(self, rows: Iterable[Any]) -> None:
        keep = self.key
        self.model.set_rows(rows)  # a model reset clears the selection without a signal: ``key`` stays
        if keep is not None and self.model.row_of(keep) < 0:
            self.key = keep = None  # gone: the next one, afresh
        reselect(self.view, keep, nothing=lambda: self._show(None))


# --- widgets -----------------------------------------------------------------------------------


def push_button(text: str, name: str, clicked: Callable[[], Any]) -> QPushButton:
    """A button with its object name, calling ``clicked`` (with no arguments) when pressed."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda: clicked())
    return button


def line_edit(name: str, placeholder: str = "", *, accessible: str = "") -> QLineEdit:
    """A one-line field with its object name, grey placeholder and (when given) accessible name."""
    line = QLineEdit()
    line.setObjectName(name)
    if accessible:
        line.setAccessibleName(accessible)
    line.setPlaceholderText(placeholder)
    return line


def hint_label(text: str) -> QLabel:
    """A grey, wrapped line that says what a tab or a form is for."""
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setStyleSheet("color: #555;")
    return hint


def hbox(*items: QWidget | None, wide: QWidget | None = None) -> QHBoxLayout:
    """Widgets side by side, left to right: ``wide`` (one of them) takes the room left over, and a None
    stands for that room itself (what follows it goes to the right end, as a row of buttons)."""
    row = QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        else:
            row.addWidget(item, 1 if item is wide else 0)
    return row


def panes(orientation: Qt.Orientation, *widgets: QWidget, stretch: Sequence[int] = (),
          sizes: Sequence[int] = ()) -> QSplitter:
    """Widgets in panes a person may resize but never collapse (a pane shrunk to nothing hides its
    work); ``stretch`` shares out a resized window, ``sizes`` the first room (in proportion)."""
    splitter = QSplitter(orientation)
    for widget in widgets:
        splitter.addWidget(widget)
    for index, factor in enumerate(stretch):
        splitter.setStretchFactor(index, factor)
    if sizes:
        splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    return splitter


FormRow = tuple[str, QWidget | QLayout] | QWidget | QLayout  # (label, field), or one thing across the form


def form_group(title: str, *rows: FormRow) -> QGroupBox:
    """A titled box holding a form: each row a (label, field) pair, or a widget or layout across it."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    for row in rows:
        if isinstance(row, tuple):
            label, field = row
            form.addRow(label, field)
        else:
            form.addRow(row)
    return box


# --- words -------------------------------------------------------------------------------------


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def local_text(instant: dt.datetime | None, tz: Any, *, seconds: bool = False) -> str:
    if instant is None:
        return "—"
    return f"{instant.astimezone(tz):%Y-%m-%d %H:%M:%S}" if seconds else f"{instant.astimezone(tz):%Y-%m-%d %H:%M}"


def fill_list(widget: QListWidget, lines: Iterable[str | tuple[str, tuple[str, str] | None]], *,
              empty: str = "") -> None:
    """Replace a list's lines; a line may carry (text, background) colours; ``empty`` shown greyed when none."""
    widget.clear()
    for line in lines:
        text, pair = (line, None) if isinstance(line, str) else line
        item = QListWidgetItem(text)
        if pair is not None:
            fore, back = colours(pair)
            item.setForeground(fore)
            item.setBackground(back)
        widget.addItem(item)
    if widget.count() == 0 and empty:
        item = QListWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)


class MessageLine(QLabel):
    """The page's answer in words: green for done, red for refused; the icon says it without colour."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = False
        self.hide()

    def ok(self, text: str) -> None:
        self._set("✔ " + text if text else "", "color: #1f6130;", False)

    def info(self, text: str) -> None:
        self._set(text, "color: #333;", False)

    def fail(self, text: str) -> None:
        self._set("⚠ " + text, "color: #a61b1b; font-weight: bold;", True)

    def clear_message(self) -> None:
        self._set("", "", False)

    def _set(self, text: str, style: str, error: bool) -> None:
        self.error = error
        self.setText(text)
        self.setStyleSheet(style)
        self.setVisible(bool(text))


FieldMap = dict[str, tuple[str, QWidget | None]]  # core field name -> (label in words, widget to focus)


def error_words(error: Exception, fields: FieldMap | None = None) -> str:
    """A typed core error in words (an input error named by its field's label, not its key);
    anything else as an internal error, never a traceback."""
    if isinstance(error, InvalidInput):
        label = (fields or {}).get(error.field, ("", None))[0]
        reason = error.reason_said(QCoreApplication.translate)
        return f"{label}：{reason}" if label else reason
    if isinstance(error, ZhanchiError):
        return error.said(QCoreApplication.translate)
    return QCoreApplication.translate("BackOffice", "操作未完成：程序内部错误，已记录日志，请联系管理员")


# --- the page base -----------------------------------------------------------------------------


class BackOfficePage(QWidget):
    """What every back-office page has: its signals, a refresh on show, runner calls, and ``announce``.

    A page names itself (``page_name``) and builds its widgets in ``build``, which runs at the end of
    this constructor (the workspace, runner, user and message line are there by then)."""

    open_case = Signal(str)  # case id: the window shows the full case page
    document_ready = Signal(str, str)  # PDF path, title: the window previews and prints it
    refreshed = Signal()  # after each refresh has been shown

    def __init__(self, workspace: Workspace, runner: TaskRunner, user: StaffUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.user = workspace, runner, user
        self.message = MessageLine(f"{self.page_name}.message")
        self.action_buttons: list[QPushButton] = []  # disabled while an action is under way
        self._generation = 0
        self._loading = False
        self._busy = False
        self.confirmation: QMessageBox | None = None  # the question open now (one at a time)
        self.setObjectName(f"page.{self.page_name}")
        self.build()

    page_name = "back_office"

    def build(self) -> None:
        """The page's own widgets and keys (a page without any has nothing to build)."""

    def header(self, title: str, *, summary: str = "summary") -> QHBoxLayout:
        """The page's top line: its title, a summary (``self.summary``, object name
        ``<page>.<summary>``) and 刷新 with its key Ctrl+R (F5 is the window's 立即同步)."""
        heading = QLabel(title)
        emphasise(heading, 1.3)
        self.summary = QLabel()
        self.summary.setObjectName(f"{self.page_name}.{summary}")
        self.refresh_button = QPushButton(QCoreApplication.translate("BackOffice", "刷新 (Ctrl+R)"))
        self.refresh_button.setObjectName(f"{self.page_name}.refresh")
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+R"), self, self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        return top

    @property
    def busy(self) -> bool:
        """An action or a refresh is under way."""
        return self._busy or self._loading

    # --- loading ------------------------------------------------------------------------------

    def announce(self, *case_ids: str) -> None:
        """These cases changed here: every page that shows them hears it (``TaskRunner.changed``)."""
        self.runner.publish(Changes.of_cases(*case_ids))

    def action_done(self, text: str, *case_ids: str) -> None:
        """An action went through: say so, tell the pages that show these cases, and load afresh."""
        self.message.ok(text)
        self.announce(*case_ids)
        self.refresh()

    def opens_case(self, view: QTableView, case_id: Callable[[Any], str]) -> None:
        """A double click on a row of ``view`` (a RowsModel's table) opens its case (``case_id(row)``)."""
        model = view.model()
        assert isinstance(model, RowsModel)

        def open_row(index: QModelIndex) -> None:
            row = model.row_at(index.row())
            if row is not None:
                self.open_case.emit(case_id(row))

        view.doubleClicked.connect(open_row)

    def refresh(self) -> None:
        """Ask the core for what the page shows; the answer is shown by ``show_data``."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.runner.run(self.loader(), lambda data: self._loaded(generation, data),
                        lambda error: self._load_failed(generation, error))
        self.update_actions()

    def loader(self) -> Callable[[], Any]:
        """The question to ask, built on the GUI thread: a page whose question depends on its widgets
        (filters) reads them here, never from the worker."""
        return self.load

    def load(self) -> Any:
        """Runs on the worker thread: core calls only, no widget."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        """Show the answer (on the GUI thread); the actions are brought up to date after it."""
        raise NotImplementedError

    def _loaded(self, generation: int, data: Any) -> None:
        if generation != self._generation:
            return  # an older question: a newer answer is on its way
        self._loading = False
        self.show_data(data)
        self.update_actions()
        self.refreshed.emit()

    def _load_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.message.fail(error_words(error))
        self.update_actions()
        self.refreshed.emit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()  # each time the page is chosen: others may have moved cases on

    # --- actions ------------------------------------------------------------------------------

    def act(self, label: str, fn: Callable[[], Any], done: Callable[[Any], None], *,
            fields: FieldMap | None = None, refused: Callable[[Exception], None] | None = None) -> None:
        """Run one action on the worker; the buttons wait; a refusal is shown in words beside them."""
        if self._busy:
            return
        self._set_busy(True)
        self.message.info(QCoreApplication.translate("BackOffice", "正在办理：") + label + "…")

        def ok(result: Any) -> None:
            self._set_busy(False)
            self.message.clear_message()
            done(result)

        def failed(error: Exception) -> None:
            self._set_busy(False)
            self.message.fail(error_words(error, fields))
            field = getattr(error, "field", None)  # InvalidInput, or a conflict naming its field
            if isinstance(error, ZhanchiError) and fields and field in fields:
                widget = fields[field][1]
                if widget is not None:
                    widget.setFocus()
            if refused is not None:
                refused(error)

        self.runner.run(fn, ok, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.update_actions()

    # --- confirmations ------------------------------------------------------------------------

    def confirm(self, title: str, text: str, yes: str, on_yes: Callable[[], None], *, details: str = "") -> bool:
        """Ask before an irreversible or bulk decision; ``text`` says what will happen (how many,
        how much).  Window-modal, not blocking: ``on_yes`` runs when the person chooses ``yes``.
        The safe answer (取消) is the default, so Enter or Esc backs out; Y (or Tab to ``yes``
        and Enter) confirms.  Focus goes back where it was.  False when a question is already
        open (a second key press asks nothing)."""
        if self.confirmation is not None:
            return False
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(f"{self.page_name}.confirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        keys = QCoreApplication.translate("BackOffice", "按 Y 确认；Enter 或 Esc 取消")
        box.setInformativeText(f"{details}\n\n{keys}" if details else keys)
        yes_button = box.addButton(yes + "(&Y)", QMessageBox.ButtonRole.AcceptRole)
        yes_button.setObjectName("confirm.yes")
        no_button = box.addButton(QCoreApplication.translate("BackOffice", "取消"), QMessageBox.ButtonRole.RejectRole)
        no_button.setObjectName("confirm.no")
        box.setDefaultButton(no_button)
        box.setEscapeButton(no_button)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        focus = QApplication.focusWidget()
        back = focus if focus is not None and self.isAncestorOf(focus) else None

        def finished(_result: int) -> None:
            chosen = box.clickedButton() is yes_button
            self.confirmation = None
            box.deleteLater()
            # Back to the window (without a window manager nothing else gives it the keys again).
            self.window().activateWindow()
            if back is not None and isValid(back) and back.isVisible() and back.isEnabled():
                back.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.setFocus(Qt.FocusReason.OtherFocusReason)
            if chosen:
                on_yes()

        box.finished.connect(finished)
        self.confirmation = box
        box.open()
        no_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def update_actions(self) -> None:
        """Enable what fits now: nothing while an action runs.  Pages with buttons that depend on a
        selection override this (and call it whenever the selection changes)."""
        for button in self.action_buttons:
            button.setEnabled(not self._busy)


__all__ = [
    "ALERT",
    "GOOD",
    "QUIET",
    "WARN",
    "BackOfficePage",
    "Chosen",
    "Column",
    "KeyRole",
    "MessageLine",
    "RowRole",
    "RowsModel",
    "back_office_pages",
    "colours",
    "current_row",
    "error_words",
    "fill_list",
    "form_group",
    "from_qdate",
    "hbox",
    "hint_label",
    "line_edit",
    "local_text",
    "make_table",
    "panes",
    "push_button",
    "risk_label",
    "reselect",
    "select_key",
    "selected_rows",
    "to_qdate",
]
