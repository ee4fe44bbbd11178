"""The case list as a lazy Qt table model (ARCHITECTURE.md example 4, Vorta style).

Rows come from ``case_queries.search_page`` a page at a time through the
``TaskRunner``: ``fetchMore`` asks the worker for the next page and the rows
are appended with ``beginInsertRows`` when the answer arrives on the GUI
thread, so the window never waits on the database.  Only a small LRU cache of
pages keeps its rows; every other listed page is remembered by its start
cursor alone and read again (on the worker) when a view asks for one of its
rows, so a million listed cases cost a few MB.  Answers to an older query
(the clerk kept typing) are dropped by generation number.

Personal data is already masked by the core (``CaseRow``); the full values
are only on the case detail.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.models import case_queries
from desktop.models.case_queries import PAGE_SIZE, CaseRow, Cursor
from desktop.models.cases import State
from desktop.models.errors import ZhanchiError
from desktop.models.messages import STATE_CONTEXT  # the domain's labels' context (scripts/build_translations.py)
from desktop.models.store import Store
from desktop.views.i18n import QT_TRANSLATE_NOOP
from desktop.views.tasks import TaskRunner

AnyIndex = QModelIndex | QPersistentModelIndex

# Pages of rows held at once (16 x 200 = 3,200 rows, ~2 MB): far more than a screen shows,
# so the rows on screen and around them are cached, while a million listed cases cost
# only a cursor per page.
CACHE_PAGES = 16


class _Gone:
    """A row past the end of its page's re-read: the data shrank since it was listed."""


_GONE = _Gone()


# Column constants, defined once: every other place refers to them by name.
COL_CASE_NO, COL_STATE, COL_NAME, COL_ID_NUMBER, COL_OCCUPATION, COL_LEVEL, COL_AMOUNT, COL_DATE, COL_CLERK = range(9)
COLUMN_COUNT = 9

CaseIdRole = Qt.ItemDataRole.UserRole + 1  # the case's id (str), whatever the column
StateRole = Qt.ItemDataRole.UserRole + 2  # the case's State
CaseRowRole = Qt.ItemDataRole.UserRole + 3  # the whole CaseRow

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
    """The case list, a page at a time, holding only a few pages of rows.

    What it keeps for every listed page is its start ``Cursor`` and first row
    number (a few hundred bytes per page, whatever the page size); the rows
    themselves sit in a small LRU cache of pages.  A row whose page was evicted
    shows a placeholder until the worker has read that page again by its start
    cursor; then ``dataChanged`` repaints it.  ``cache_pages * page_size`` must
    exceed what a view shows at once, or the view would keep evicting the
    pages it is painting.
    """

    loading_changed = Signal(bool)  # a page is being fetched
    page_loaded = Signal(int)  # rows now listed, after each page
    failed = Signal(str)  # a typed core error, in words

    def __init__(self, store: Store, runner: TaskRunner, parent: Any = None, *, page_size: int = PAGE_SIZE,
                 cache_pages: int = CACHE_PAGES) -> None:
        super().__init__(parent)
        if page_size < 1 or cache_pages < 1:
            raise ValueError("page_size and cache_pages must be at least 1")
        self._store = store
        self._runner = runner
        self._page_size = page_size
        self._cache_pages = cache_pages
        self._text = ""
        self._states: tuple[State, ...] | None = None
        self._day: dt.date | None = None  # today's queue: cases applied for on this office day
        self._created_by: str | None = None
        self._cursor: Cursor | None = None  # where the next page starts
        self._exhausted = True  # nothing asked yet
        self._loading = False
        self._generation = 0
        self._row_count = 0
        # Per listed page: its first row and the cursor it was read after (None: the first page).
        self._page_rows: list[int] = []
        self._page_cursors: list[Cursor | None] = []
        self._cache: OrderedDict[int, list[CaseRow]] = OrderedDict()  # page -> rows, least recent first
        self._wanted: OrderedDict[int, None] = OrderedDict()  # evicted pages a view asked for, latest last
        self._waiters: dict[int, list[Callable[[], None]]] = {}  # page -> with_row callbacks
        self._rereading: int | None = None  # the page being read again (one at a time)
        # The page data() used last, as (first row, end row, rows): a view paints row after
        # row of one page, so most calls skip the search and the LRU bookkeeping.
        self._hot: tuple[int, int, list[CaseRow]] = (0, 0, [])
        self._reread_broken = False  # a re-read failed: stop until the next search
        self._reread_timer = QTimer(self)
        self._reread_timer.setSingleShot(True)
        self._reread_timer.setInterval(0)  # out of data(): no task is started while a view paints
        self._reread_timer.timeout.connect(self._reread_next)
        self._headers = (
            self.tr("受理编号"),  # one term, as every document says it (issue 17.3)
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
    @property
    def states(self) -> tuple[State, ...] | None:
        return self._states

    @property
    def loading(self) -> bool:
        """The next page is being fetched (re-reads of evicted pages do not count)."""
        return self._loading

    @property
    def exhausted(self) -> bool:
        """Every matching case is listed (no further page)."""
        return self._exhausted and not self._loading

    @property
    def cached_rows(self) -> int:
        """How many ``CaseRow`` objects the model holds now (at most ``cache_pages * page_size``)."""
        return sum(len(rows) for rows in self._cache.values())

    def set_query(self, text: str, states: Collection[State] | None = None, *, day: dt.date | None = None,
                  created_by: str | None = None) -> None:
        """Start over with a new search and ask for its first page."""
        self.beginResetModel()
        self._generation += 1  # answers to the old query are dropped on arrival
        self._text = text
        self._states = None if states is None else tuple(states)
        self._day, self._created_by = day, created_by
        self._row_count = 0
        self._page_rows, self._page_cursors = [], []
        self._cache.clear()
        self._hot = (0, 0, [])
        self._wanted.clear()
        self._waiters.clear()
        self._rereading = None
        self._reread_broken = False
        self._cursor = None
        self._exhausted = False
        self._set_loading(False)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Run the current search again (after a case changed)."""
        self.set_query(self._text, self._states, day=self._day, created_by=self._created_by)

    def update_case(self, row: CaseRow) -> None:
        """Show a case's new values in place, if it is listed (keeps the scroll position).

        Only cached pages are looked at: an evicted page is read from the database
        again before it is shown, with the case's new values.
        """
        for page, rows in self._cache.items():
            for offset, held in enumerate(rows):
                if held.id == row.id:
                    rows[offset] = row
                    i = self._page_rows[page] + offset
                    self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))
                    return

    def row_at(self, row: int) -> CaseRow | None:
        """The case on ``row`` if its page is cached (None otherwise: see ``with_row``)."""
        if not 0 <= row < self._row_count:
            return None
        page = self._page_of(row)
        rows = self._cache.get(page)
        offset = row - self._page_rows[page]
        return rows[offset] if rows is not None and offset < len(rows) else None

    def row_of(self, case_id: str) -> int:
        """The row of a case among the cached pages; -1 if it is not there."""
        for page, rows in self._cache.items():
            for offset, held in enumerate(rows):
                if held.id == case_id:
                    return self._page_rows[page] + offset
        return -1

    def with_row(self, row: int, done: Callable[[CaseRow | None], None]) -> None:
        """Call ``done`` with the case on ``row``: at once if its page is cached, else once the
        worker has read the page again (not at all if a new search starts first)."""
        if not 0 <= row < self._row_count:
            done(None)
            return
        page = self._page_of(row)
        if page in self._cache:
            done(self.row_at(row))
            return
        self._waiters.setdefault(page, []).append(lambda: done(self.row_at(row)))
        self._want(page)

    # --- lazy loading ---------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid() or self._exhausted or self._loading:
            return
        generation, after, limit = self._generation, self._cursor, self._page_size
        self._set_loading(True)
        self._runner.run(
            self._reader(after, limit),
            lambda page: self._append(generation, after, page),
            lambda error: self._fail(generation, error),
        )

    def _reader(self, after: Cursor | None, limit: int) -> Callable[[], tuple[list[CaseRow], Cursor | None]]:
        """The page read for the worker thread, with the query's values bound now."""
        store, text, states, day, created_by = self._store, self._text, self._states, self._day, self._created_by
        return lambda: case_queries.search_page(store, text, states=states, day=day, created_by=created_by,
                                                after=after, limit=limit)

    def _append(self, generation: int, after: Cursor | None, page: tuple[list[CaseRow], Cursor | None]) -> None:
        if generation != self._generation:
            return
        rows, cursor = page
        # The cursor moves before the rows go in: views (and the model tester) react to
        # rowsInserted by asking for more, and must then ask for the page after these.
        self._cursor = cursor
        self._exhausted = cursor is None
        if rows:
            first = self._row_count
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._page_rows.append(first)
            self._page_cursors.append(after)
            self._row_count += len(rows)
            self._cache_page(len(self._page_rows) - 1, rows)
            self.endInsertRows()
        self._set_loading(False)
        self.page_loaded.emit(self._row_count)

    def _fail(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._exhausted = True  # do not ask again and again; a new search or refresh retries
        self._set_loading(False)
        self._report(error)

    def _report(self, error: Exception) -> None:
        if isinstance(error, ZhanchiError):
            self.failed.emit(error.said(QCoreApplication.translate))
        else:  # a bug: the runner has logged it; the clerk gets words, not a traceback
            self.failed.emit(self.tr("程序内部错误，已记录日志，请联系管理员"))

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # --- the page cache ---------------------------------------------------------------------

    def _page_of(self, row: int) -> int:
        return bisect.bisect_right(self._page_rows, row) - 1

    def _page_length(self, page: int) -> int:
        end = self._page_rows[page + 1] if page + 1 < len(self._page_rows) else self._row_count
        return end - self._page_rows[page]

    def _cache_page(self, page: int, rows: list[CaseRow]) -> None:
        self._hot = (0, 0, [])  # it may be evicted now, and the LRU order has moved
        self._cache[page] = rows
        self._cache.move_to_end(page)
        while len(self._cache) > self._cache_pages:
            self._cache.popitem(last=False)

    def _want(self, page: int) -> None:
        """Remember that a view (or ``with_row``) needs an evicted page; read soon, latest first."""
        if self._reread_broken or page == self._rereading:
            return
        self._wanted[page] = None
        self._wanted.move_to_end(page)
        # Scrolling fast past thousands of pages must not queue thousands of reads: only
        # the latest few are kept, besides those a caller waits for.
        excess = len(self._wanted) - self._cache_pages
        if excess > 0:
            for stale in [p for p in self._wanted if p not in self._waiters][:excess]:
                del self._wanted[stale]
        if self._rereading is None and not self._reread_timer.isActive():
            self._reread_timer.start()

    def _reread_next(self) -> None:
        while self._rereading is None and self._wanted and not self._reread_broken:
            page, _ = self._wanted.popitem(last=True)  # the page the view asked for last
            if page in self._cache:
                self._wake(page)
                continue
            self._start_reread(page)

    def _start_reread(self, page: int) -> None:
        generation = self._generation
        self._rereading = page
        # By its start cursor, as many rows as the page had when first read.
        self._runner.run(
            self._reader(self._page_cursors[page], self._page_length(page)),
            lambda answer: self._reread(generation, page, answer[0]),
            lambda error: self._reread_failed(generation, error),
        )

    def _reread(self, generation: int, page: int, rows: list[CaseRow]) -> None:
        if generation != self._generation:
            return
        self._rereading = None
        # The data may have changed since the page was first read.  The row count and
        # page boundaries are kept as they were (no rows inserted or removed behind the
        # view's back): the page is filled from its start cursor with as many rows as
        # it had, so a case that left the filter lets the next one move up (it may then
        # also show on the following page), a newer case pushes one out, and rows past
        # the end of the data stay blank.  A new search or refresh lines everything up.
        length = self._page_length(page)
        self._cache_page(page, rows[:length])
        first = self._page_rows[page]
        self.dataChanged.emit(self.index(first, 0), self.index(first + length - 1, COLUMN_COUNT - 1))
        self._wake(page)
        self._reread_next()

    def _reread_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._rereading = None
        self._reread_broken = True  # placeholders stay; a new search or refresh retries
        self._wanted.clear()
        self._waiters.clear()
        self._report(error)

    def _wake(self, page: int) -> None:
        for waiter in self._waiters.pop(page, []):
            waiter()

    def _cached(self, row: int) -> CaseRow | _Gone | None:
        """The row for a view (None: being read).  A hit marks its page as recently used,
        a miss asks for the page again."""
        first, end, rows = self._hot
        if not first <= row < end:
            page = self._page_of(row)
            cached = self._cache.get(page)
            if cached is None:
                self._want(page)
                return None
            self._cache.move_to_end(page)
            first, rows = self._page_rows[page], cached
            self._hot = (first, first + self._page_length(page), rows)
        offset = row - first
        return rows[offset] if offset < len(rows) else _GONE

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_count

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
        if not index.isValid() or not 0 <= index.row() < self._row_count:
            return None
        row, column = self._cached(index.row()), index.column()
        if row is None:
            return self._placeholder(column, role)
        if isinstance(row, _Gone):
            return None
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

    def _placeholder(self, column: int, role: int) -> Any:
        """A row whose page is being read again."""
        if role == Qt.ItemDataRole.DisplayRole and column == COL_CASE_NO:
            return "…"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.tr("正在读取…")
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
