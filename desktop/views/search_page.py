"""Case search: one box for case number, ID number, name or certificate number.

Results come while typing (debounced, so a fast typist or a scanner causes one
query, not twenty); what the text means and how it is normalised (full-width,
spaces) is the core's business (``case_queries``).  Enter in the box searches
at once and, when exactly one case matches — a scanned case number or ID
card — opens it; Down moves into the results; Esc clears the box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models import case_queries
from desktop.models.case_queries import COUNT_CAP
from desktop.models.cases import State
from desktop.models.changes import Changes
from desktop.models.workspace import Workspace
from desktop.views.case_table_model import (
    COL_AMOUNT,
    COL_CASE_NO,
    COL_CLERK,
    COL_DATE,
    COL_ID_NUMBER,
    COL_LEVEL,
    COL_NAME,
    COL_OCCUPATION,
    COL_STATE,
    CaseTableModel,
    state_text,
)
from desktop.views.tasks import TaskRunner

DEBOUNCE_MS = 250
_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

# Starting widths in characters of the base font; the occupation column takes what is left.
_WIDTHS = {
    COL_CASE_NO: 26, COL_STATE: 14, COL_NAME: 8, COL_ID_NUMBER: 20, COL_LEVEL: 5,
    COL_AMOUNT: 10, COL_DATE: 11, COL_CLERK: 9,
}


class SearchPage(QWidget):
    open_case = Signal(str)  # case id

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        runner.changed.connect(self._on_changes)
        self._count_generation = 0
        self._count: int | None = None  # matches of the current search, capped (None: not known yet)
        self._searched = False
        self._open_single = False  # Enter was pressed: open the case if it is the only match

        self.query = QLineEdit()
        self.query.setObjectName("search.query")
        self.query.setPlaceholderText(self.tr("输入受理编号、身份证号、姓名或证书编号"))
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(self.tr("查找案件"))
        self.query.textChanged.connect(self._debounce)
        self.query.returnPressed.connect(self._search_and_open)
        self.query.installEventFilter(self)

        self.state_filter = QComboBox()
        self.state_filter.setObjectName("search.state")
        self.state_filter.setAccessibleName(self.tr("按状态筛选"))
        self.state_filter.addItem(self.tr("全部状态"), None)
        for state in State:
            self.state_filter.addItem(state_text(state), state.value)
        self.state_filter.currentIndexChanged.connect(lambda _index: self.refresh())

        self.today = QCheckBox(self.tr("今日队列(&T)"))
        self.today.setObjectName("search.today")
        self.today.setToolTip(self.tr("只看今天受理的申请"))
        self.today.toggled.connect(lambda _on: self.refresh())
        self.mine = QCheckBox(self.tr("只看本人经办"))
        self.mine.setObjectName("search.mine")
        self.mine.toggled.connect(lambda _on: self.refresh())
        self.username: str | None = None  # set by the window: whose cases "只看本人经办" means

        self.model = CaseTableModel(workspace.store, runner, self)
        self.model.page_loaded.connect(self._on_page)
        self.model.loading_changed.connect(self._show_status)
        self.model.failed.connect(self._show_error)

        self.results = QTableView()
        self.results.setObjectName("search.results")
        self.results.setAccessibleName(self.tr("查找结果"))
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        self.results.setSortingEnabled(False)  # the order is the query's (newest first), over every page
        self.results.setTabKeyNavigation(False)
        self.results.verticalHeader().setVisible(False)
        header = self.results.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_OCCUPATION, QHeaderView.ResizeMode.Stretch)
        char = self.results.fontMetrics().horizontalAdvance("中")
        for column, width in _WIDTHS.items():
            self.results.setColumnWidth(column, width * char * 2 // 3 + 16)
        self.results.doubleClicked.connect(self._open_index)
        self.results.installEventFilter(self)

        self.status = QLabel()
        self.status.setObjectName("search.status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        label = QLabel(self.tr("查找(&F)"))
        label.setBuddy(self.query)
        top.addWidget(label)
        top.addWidget(self.query, 1)
        state_label = QLabel(self.tr("状态(&S)"))
        state_label.setBuddy(self.state_filter)
        top.addWidget(state_label)
        top.addWidget(self.state_filter)
        top.addWidget(self.today)
        top.addWidget(self.mine)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.setFocusProxy(self.query)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)

    # --- searching ----------------------------------------------------------------------

    def states(self) -> tuple[State, ...] | None:
        value = self.state_filter.currentData()
        return None if value is None else (State(value),)

    def refresh(self) -> None:
        """Search again with what is typed and chosen now (also after a case changed)."""
        self._timer.stop()
        self._searched = True
        text, states = self.query.text(), self.states()
        day = self.workspace.clock.today() if self.today.isChecked() else None
        created_by = self.username if self.mine.isChecked() else None
        self._count = None
        self.model.set_query(text, states, day=day, created_by=created_by)
        self._count_generation += 1
        generation, store = self._count_generation, self.workspace.store
        self.runner.run(
            lambda: case_queries.count(store, text, states=states, day=day, created_by=created_by),
            lambda n: self._on_count(generation, n),
            lambda _error: None,  # the page's own error is the one shown
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._searched:
            self.refresh()  # the newest cases, the first time the page is seen

    def _on_changes(self, changes: Changes) -> None:
        """Cases changed elsewhere: a list on screen is read afresh (a new case shows too); one not on screen
        shows their new state in place when it is opened, keeping its scroll position.  Not a page of 200
        cases read after every F9: it competed with the receipt's printing (issue 16.13)."""
        if self.isVisible():
            self.refresh()
            return
        for case_id in sorted(changes.cases):
            self.update_case(case_id)

    def update_case(self, case_id: str) -> None:
        """A case changed elsewhere: show its new state in place, keeping the scroll position."""
        store = self.workspace.store

        def done(row: case_queries.CaseRow | None) -> None:
            if row is not None:
                self.model.update_case(row)

        self.runner.run(lambda: case_queries.case_row(store, case_id), done, self._show_error_exc)

    def _debounce(self) -> None:
        self._open_single = False
        self._timer.start()

    def _search_and_open(self) -> None:
        self.refresh()
        self._open_single = True

    def _on_page(self, rows: int) -> None:
        if self._open_single:
            self._open_single = False
            if rows == 1 and self.model.exhausted:
                self._open_row(0)
            elif rows:
                self.results.selectRow(0)
                self.results.setFocus()
        self._show_status()

    def _on_count(self, generation: int, n: int) -> None:
        if generation == self._count_generation:
            self._count = n
            self._show_status()

    # --- status line --------------------------------------------------------------------

    def _show_status(self, *_args: object) -> None:
        self.status.setStyleSheet("")
        if self.model.loading and self.model.rowCount() == 0:
            self.status.setText(self.tr("正在查找…"))
            return
        shown = self.model.rowCount()
        if shown == 0:
            typed = self.query.text().strip()
            self.status.setText(self.tr("没有找到符合条件的案件") if typed or self.states() else self.tr("还没有案件"))
            return
        n = self._count
        if n is None or n < shown:
            total = ""
        elif n > COUNT_CAP:
            total = self.tr("超过 %1 条，").replace("%1", f"{COUNT_CAP:,}")
        else:
            total = self.tr("共 %1 条，").replace("%1", f"{n:,}")
        more = self.tr("向下滚动显示更多") if not self.model.exhausted else self.tr("已全部显示")
        hint = self.tr("双击或按回车打开案件")
        self.status.setText(self.tr("%1已显示 %2 条（%3）　%4").replace("%1", total).replace("%2", f"{shown:,}")
                            .replace("%3", more).replace("%4", hint))

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.status.setText(self.tr("查找失败：") + message)

    def _show_error_exc(self, error: Exception) -> None:
        self._show_error(str(error))

    # --- opening a case -----------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        # The row's page may have left the model's cache (the current row scrolled far
        # away): then the case opens once the worker has read the page again.
        self.model.with_row(row, lambda case: self.open_case.emit(case.id) if case is not None else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.results and key in _OPEN_KEYS:
                self._open_index(self.results.currentIndex())
                return True
            if watched is self.query and key == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.selectRow(0)
                return True
            if watched is self.query and key == Qt.Key.Key_Escape and self.query.text():
                self.query.clear()
                return True
        return super().eventFilter(watched, event)
