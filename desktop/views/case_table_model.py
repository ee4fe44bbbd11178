"""The case list as a lazy Qt table model (ARCHITECTURE.md example 4, Vorta style).

Rows come from ``case_queries.search_page`` a page at a time through the
``TaskRunner``: ``fetchMore`` asks the worker for the next page and the rows
are appended with ``beginInsertRows`` when the answer arrives on the GUI
thread, so a million cases never sit in memory and the window never waits
on the database.  Answers to an older query (the clerk kept typing) are
dropped by generation number.

Personal data is already masked by the core (``CaseRow``); the full values
are only on the case detail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.models import case_queries
from desktop.models.case_queries import PAGE_SIZE, CaseRow, Cursor
from desktop.models.cases import State
from desktop.models.errors import ZhanchiError
from desktop.models.store import Store
from desktop.views.tasks import TaskRunner

AnyIndex = QModelIndex | QPersistentModelIndex


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for lupdate; translated where it is shown (PySide6's own is typed ``object``)."""
    return text

# Column constants, defined once: every other place refers to them by name.
COL_CASE_NO, COL_STATE, COL_NAME, COL_ID_NUMBER, COL_OCCUPATION, COL_LEVEL, COL_AMOUNT, COL_DATE, COL_CLERK = range(9)
COLUMN_COUNT = 9

CaseIdRole = Qt.ItemDataRole.UserRole + 1  # the case's id (str), whatever the column
StateRole = Qt.ItemDataRole.UserRole + 2  # the case's State
CaseRowRole = Qt.ItemDataRole.UserRole + 3  # the whole CaseRow

# The core's state labels, marked for lupdate so English can come from the .ts files.
STATE_CONTEXT = "CaseState"
_STATE_LABELS = (
    QT_TRANSLATE_NOOP("CaseState", "草稿"),
    QT_TRANSLATE_NOOP("CaseState", "已受理"),
    QT_TRANSLATE_NOOP("CaseState", "审核中"),
    QT_TRANSLATE_NOOP("CaseState", "已驳回"),
    QT_TRANSLATE_NOOP("CaseState", "公示中"),
    QT_TRANSLATE_NOOP("CaseState", "已批准"),
    QT_TRANSLATE_NOOP("CaseState", "已发放"),
    QT_TRANSLATE_NOOP("CaseState", "发放失败"),
    QT_TRANSLATE_NOOP("CaseState", "已撤回"),
)
_LEVELS = {
    1: QT_TRANSLATE_NOOP("CaseTableModel", "一级"),
    2: QT_TRANSLATE_NOOP("CaseTableModel", "二级"),
    3: QT_TRANSLATE_NOOP("CaseTableModel", "三级"),
    4: QT_TRANSLATE_NOOP("CaseTableModel", "四级"),
    5: QT_TRANSLATE_NOOP("CaseTableModel", "五级"),
}

# (text, background) per state: the text always says the state, the tint only helps the eye.
_STATE_COLOURS: dict[State, tuple[str, str]] = {
    State.draft: ("#5a5a5a", "#eeeeee"),
    State.accepted: ("#0b4f8a", "#e3eefa"),
    State.under_review: ("#7a4b00", "#fdf0d5"),
    State.rejected: ("#8e1b1b", "#fbe3e3"),
    State.publicized: ("#5b2c83", "#efe5f7"),
    State.approved: ("#1f6130", "#e2f3e6"),
    State.paid: ("#1f6130", "#cfe9d6"),
    State.payment_failed: ("#8e1b1b", "#f8d4d4"),
    State.withdrawn: ("#5a5a5a", "#f3f3f3"),
}


def state_text(state: State) -> str:
    """The state's label in the interface language."""
    return QCoreApplication.translate(STATE_CONTEXT, State(state).label)


def state_colours(state: State) -> tuple[QColor, QColor]:
    """(text, background) colours of a state."""
    text, background = _STATE_COLOURS[State(state)]
    return QColor(text), QColor(background)


def level_text(level: int) -> str:
    label = _LEVELS.get(level)
    return QCoreApplication.translate("CaseTableModel", label) if label else str(level)


def amount_text(amount_yuan: int) -> str:
    return QCoreApplication.translate("CaseTableModel", "%1 元").replace("%1", f"{amount_yuan:,}")


class CaseTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)  # a page is being fetched
    page_loaded = Signal(int)  # rows now held, after each page
    failed = Signal(str)  # a typed core error, in words

    def __init__(self, store: Store, runner: TaskRunner, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._page_size = page_size
        self._rows: list[CaseRow] = []
        self._text = ""
        self._states: tuple[State, ...] | None = None
        self._day: dt.date | None = None  # today's queue: cases applied for on this office day
        self._created_by: str | None = None
        self._cursor: Cursor | None = None
        self._exhausted = True  # nothing asked yet
        self._loading = False
        self._generation = 0
        self._headers = (
            self.tr("案件编号"),
            self.tr("状态"),
            self.tr("姓名"),
            self.tr("身份证号码"),
            self.tr("职业（工种）"),
            self.tr("等级"),
            self.tr("补贴金额"),
            self.tr("申请日期"),
            self.tr("经办人"),
        )

    # --- the query --------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self._text

    @property
    def states(self) -> tuple[State, ...] | None:
        return self._states

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        """Every matching case is held (no further page)."""
        return self._exhausted and not self._loading

    def set_query(self, text: str, states: Collection[State] | None = None, *, day: dt.date | None = None,
                  created_by: str | None = None) -> None:
        """Start over with a new search and ask for its first page."""
        self.beginResetModel()
        self._generation += 1  # answers to the old query are dropped on arrival
        self._text = text
        self._states = None if states is None else tuple(states)
        self._day, self._created_by = day, created_by
        self._rows = []
        self._cursor = None
        self._exhausted = False
        self._set_loading(False)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Run the current search again (after a case changed)."""
        self.set_query(self._text, self._states, day=self._day, created_by=self._created_by)

    def update_case(self, row: CaseRow) -> None:
        """Show a case's new values in place, if it is listed (keeps the scroll position)."""
        for i, held in enumerate(self._rows):
            if held.id == row.id:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))
                return

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str) -> int:
        return next((i for i, held in enumerate(self._rows) if held.id == case_id), -1)

    # --- lazy loading ---------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._exhausted or self._loading:
            return
        generation, store, text, states = self._generation, self._store, self._text, self._states
        after, limit, day, created_by = self._cursor, self._page_size, self._day, self._created_by
        self._set_loading(True)
        self._runner.run(
            lambda: case_queries.search_page(store, text, states=states, day=day, created_by=created_by,
                                             after=after, limit=limit),
            lambda page: self._append(generation, page),
            lambda error: self._fail(generation, error),
        )

    def _append(self, generation: int, page: tuple[list[CaseRow], Cursor | None]) -> None:
        if generation != self._generation:
            return
        rows, cursor = page
        # The cursor moves before the rows go in: views (and the model tester) react to
        # rowsInserted by asking for more, and must then ask for the page after these.
        self._cursor = cursor
        self._exhausted = cursor is None
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._set_loading(False)
        self.page_loaded.emit(len(self._rows))

    def _fail(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._exhausted = True  # do not ask again and again; a new search or refresh retries
        self._set_loading(False)
        if isinstance(error, ZhanchiError):
            self.failed.emit(str(error))
        else:  # a bug: the runner has logged it; the clerk gets words, not a traceback
            self.failed.emit(self.tr("程序内部错误，已记录日志，请联系管理员"))

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_AMOUNT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == CaseIdRole:
            return row.id
        if role == StateRole:
            return row.state
        if role == CaseRowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column == COL_AMOUNT else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if column == COL_STATE and role == Qt.ItemDataRole.ForegroundRole:
            return state_colours(row.state)[0]
        if column == COL_STATE and role == Qt.ItemDataRole.BackgroundRole:
            return state_colours(row.state)[1]
        if column == COL_STATE and role == Qt.ItemDataRole.ToolTipRole and row.disputed:
            return self.tr("核验结果为不符合条件，经填写理由后受理，待审核人复核")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column)
        return None

    def _display(self, row: CaseRow, column: int) -> str:
        if column == COL_CASE_NO:
            return row.case_no
        if column == COL_STATE:
            # Disputed shows in words too, not only by a mark or a colour.
            return state_text(row.state) + (self.tr("（存疑受理）") if row.disputed else "")
        if column == COL_NAME:
            return row.applicant_name
        if column == COL_ID_NUMBER:
            return row.id_number_masked
        if column == COL_OCCUPATION:
            return row.occupation_name
        if column == COL_LEVEL:
            return level_text(row.cert_level)
        if column == COL_AMOUNT:
            return amount_text(row.amount_yuan)
        if column == COL_DATE:
            return row.application_date.isoformat()
        return row.created_by
