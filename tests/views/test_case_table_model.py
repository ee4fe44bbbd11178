"""The lazy case table model: Qt's model contract, paging through the worker, what each cell says."""

from __future__ import annotations

import functools
import gc
import threading
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desktop.models import case_queries
from desktop.models.case_queries import PAGE_SIZE, CaseRow, Cursor
from desktop.models.cases import State
from desktop.models.errors import StorageError
from desktop.models.schema import Case
from desktop.models.workspace import Workspace
from desktop.views.case_table_model import (
    COL_AMOUNT,
    COL_CASE_NO,
    COL_ID_NUMBER,
    COL_NAME,
    COL_STATE,
    COLUMN_COUNT,
    CaseIdRole,
    CaseTableModel,
    StateRole,
)
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui

Rows = list[dict[str, Any]]


def newest_first(rows: Rows) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["created_at"], r["case_no"]), reverse=True)


def loaded(qtbot: QtBot, model: CaseTableModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)


@pytest.fixture
def model(qtbot: QtBot, workspace: Workspace, runner: TaskRunner) -> CaseTableModel:
    return CaseTableModel(workspace.store, runner)


def cell(model: CaseTableModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_passes_the_model_tester_while_pages_arrive(
    qtbot: QtBot, qtmodeltester: Any, model: CaseTableModel, many_cases: Rows
) -> None:
    qtmodeltester.check(model)  # stays attached: every reset and insert below is checked too
    model.set_query("")
    loaded(qtbot, model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        loaded(qtbot, model)
    assert model.rowCount() == 450
    model.set_query("王", [State.paid, State.approved])
    loaded(qtbot, model)
    qtmodeltester.check(model)


def test_fetch_more_appends_pages_of_200(qtbot: QtBot, model: CaseTableModel, many_cases: Rows) -> None:
    assert not model.canFetchMore(QModelIndex())  # nothing asked yet
    with qtbot.waitSignal(model.rowsInserted, timeout=5000) as inserted:
        model.set_query("")
    assert inserted.args[1:] == [0, 199]
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted, timeout=5000) as inserted:
        model.fetchMore(QModelIndex())
        model.fetchMore(QModelIndex())  # a second call while the first is out is ignored
    assert inserted.args[1:] == [200, 399]
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex()) and model.exhausted
    expected = [r["case_no"] for r in newest_first(many_cases)]
    assert [cell(model, i, COL_CASE_NO) for i in range(450)] == expected


def test_fetch_more_needs_no_view_to_page_through_a_narrow_search(
    qtbot: QtBot, model: CaseTableModel, many_cases: Rows
) -> None:
    surname = many_cases[0]["applicant_name"][0]
    with qtbot.waitSignal(model.page_loaded, timeout=5000):
        model.set_query(surname)
    expected = [r["case_no"] for r in newest_first(many_cases) if r["applicant_name"].startswith(surname)]
    assert [cell(model, i, COL_CASE_NO) for i in range(model.rowCount())] == expected
    assert not model.canFetchMore(QModelIndex())


def test_an_answer_to_an_older_query_is_dropped(qtbot: QtBot, model: CaseTableModel, many_cases: Rows) -> None:
    first, second = many_cases[0]["applicant_name"][0], many_cases[1]["applicant_name"][0]
    model.set_query(first)
    model.set_query(second)  # the clerk kept typing before the first answer came
    loaded(qtbot, model)
    qtbot.wait(50)  # let any late answer arrive
    names = {cell(model, i, COL_NAME) for i in range(model.rowCount())}
    assert names and all(name.startswith(second) for name in names)


def test_cells_show_masked_ids_state_in_words_and_colour_and_amounts_on_the_right(
    qtbot: QtBot, model: CaseTableModel, many_cases: Rows
) -> None:
    target = many_cases[-1]  # the newest: first row
    model.set_query("")
    loaded(qtbot, model)
    full_id = target["id_number"]
    assert cell(model, 0, COL_ID_NUMBER) == f"{full_id[:6]}********{full_id[-4:]}"
    shown = {str(cell(model, r, c)) for r in range(model.rowCount()) for c in range(COLUMN_COUNT)}
    assert not any(r["id_number"] in text for r in many_cases for text in shown)
    state = State(target["state"])
    assert cell(model, 0, COL_STATE).startswith(state.label)
    assert isinstance(cell(model, 0, COL_STATE, Qt.ItemDataRole.BackgroundRole), QColor)
    assert isinstance(cell(model, 0, COL_STATE, Qt.ItemDataRole.ForegroundRole), QColor)
    assert cell(model, 0, COL_AMOUNT) == f"{target['amount_yuan']:,} 元"
    assert cell(model, 0, COL_AMOUNT, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert cell(model, 0, COL_NAME, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft
    assert cell(model, 0, COL_NAME, CaseIdRole) == target["id"]
    assert cell(model, 0, COL_AMOUNT, StateRole) is state
    assert model.headerData(COL_ID_NUMBER, Qt.Orientation.Horizontal) == "身份证号码"


def test_a_disputed_case_says_so_in_words(qtbot: QtBot, model: CaseTableModel, many_cases: Rows) -> None:
    disputed = next(r for r in many_cases if r["disputed"])
    model.set_query(disputed["case_no"])
    loaded(qtbot, model)
    assert "存疑" in cell(model, 0, COL_STATE)
    assert cell(model, 0, COL_STATE, Qt.ItemDataRole.ToolTipRole)


def test_update_case_changes_one_row_in_place(qtbot: QtBot, model: CaseTableModel, many_cases: Rows) -> None:
    model.set_query("")
    loaded(qtbot, model)
    row = model.row_at(3)
    assert row is not None
    changed = CaseRow(**{**row.__dict__, "state": State.withdrawn})
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.update_case(changed)
    assert signal.args[0].row() == 3
    assert cell(model, 3, COL_STATE).startswith("已撤回") and model.rowCount() == 200


def test_a_failed_page_is_reported_in_words_and_not_retried(
    qtbot: QtBot, model: CaseTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kw: Any) -> Any:
        raise StorageError("磁盘已满，无法保存，请清理磁盘空间后重试")

    monkeypatch.setattr(case_queries, "search_page", broken)
    with qtbot.waitSignal(model.failed, timeout=5000) as failed:
        model.set_query("")
    assert failed.args == ["磁盘已满，无法保存，请清理磁盘空间后重试"]
    assert not model.canFetchMore(QModelIndex()) and model.rowCount() == 0


# --- a list far longer than the page cache ----------------------------------------------

SMALL_PAGE, SMALL_CACHE = 20, 3  # 450 cases: 23 pages, 3 of them held


@pytest.fixture
def small(qtbot: QtBot, workspace: Workspace, runner: TaskRunner) -> CaseTableModel:
    return CaseTableModel(workspace.store, runner, page_size=SMALL_PAGE, cache_pages=SMALL_CACHE)


def load_all(qtbot: QtBot, model: CaseTableModel) -> None:
    model.set_query("")
    loaded(qtbot, model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        loaded(qtbot, model)


def settled(qtbot: QtBot, model: CaseTableModel, row: int) -> CaseRow:
    """The case on ``row`` as a view would get it: asked for, read again if its page was evicted."""
    cell(model, row, COL_CASE_NO)
    qtbot.waitUntil(lambda: model.row_at(row) is not None, timeout=5000)
    held = model.row_at(row)
    assert held is not None
    return held


def live_case_rows() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, CaseRow))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, Cursor | None, int]]:
    """Every page read: (thread, cursor it starts after, limit)."""
    calls: list[tuple[int, Cursor | None, int]] = []
    original = case_queries.search_page

    def recording(*args: Any, **kw: Any) -> Any:
        calls.append((threading.get_ident(), kw.get("after"), kw.get("limit", PAGE_SIZE)))
        return original(*args, **kw)

    monkeypatch.setattr(case_queries, "search_page", recording)
    return calls


def test_a_long_list_holds_only_the_cached_pages_of_rows(
    qtbot: QtBot, qtmodeltester: Any, small: CaseTableModel, many_cases: Rows
) -> None:
    before = live_case_rows()
    qtmodeltester.check(small)
    load_all(qtbot, small)
    assert small.rowCount() == 450 and small.exhausted
    assert small.cached_rows <= SMALL_CACHE * SMALL_PAGE
    # Objects, not bytes: what a million listed rows would cost is what the cache holds.
    assert live_case_rows() - before <= SMALL_CACHE * SMALL_PAGE
    # The tester keeps looking at the first rows, so that page stays; the middle ones were evicted.
    assert small.row_at(100) is None and small.row_at(449) is not None


def test_an_evicted_page_is_read_again_off_the_gui_thread_and_shows_the_right_rows(
    qtbot: QtBot, small: CaseTableModel, many_cases: Rows, reads: list[tuple[int, Cursor | None, int]],
) -> None:
    load_all(qtbot, small)
    first_reads = len(reads)
    assert first_reads == 23
    # A view asking for an evicted row gets a light placeholder at once, never a wait.
    assert cell(small, 0, COL_CASE_NO) == "…" and cell(small, 0, COL_CASE_NO, CaseIdRole) is None
    with qtbot.waitSignal(small.dataChanged, timeout=5000) as changed:
        pass
    assert (changed.args[0].row(), changed.args[1].row()) == (0, SMALL_PAGE - 1)
    expected = newest_first(many_cases)
    assert cell(small, 0, COL_CASE_NO) == expected[0]["case_no"]
    assert cell(small, 0, COL_CASE_NO, CaseIdRole) == expected[0]["id"]
    # Every row, page by page from the top, the cache never holding more than its pages.
    for row in range(450):
        assert settled(qtbot, small, row).id == expected[row]["id"]
        assert small.cached_rows <= SMALL_CACHE * SMALL_PAGE
    rereads = reads[first_reads:]
    assert len(rereads) == 23  # each page once: the last three too, evicted by then by the first ones
    assert all(thread != threading.get_ident() for thread, _after, _limit in reads)
    assert rereads[0][1] is None and all(limit == SMALL_PAGE for _t, _a, limit in rereads[:-1])
    assert rereads[-1][2] == 450 - 22 * SMALL_PAGE  # the short last page, read to its length


def test_scrolling_fast_past_many_pages_reads_only_the_latest_again(
    qtbot: QtBot, small: CaseTableModel, many_cases: Rows, reads: list[tuple[int, Cursor | None, int]]
) -> None:
    load_all(qtbot, small)
    first_reads = len(reads)
    for row in range(0, 400, SMALL_PAGE):  # a scroll bar dragged from the top down in one go
        cell(small, row, COL_CASE_NO)
    qtbot.waitUntil(lambda: small.row_at(380) is not None, timeout=5000)
    qtbot.wait(50)
    assert len(reads) - first_reads <= SMALL_CACHE + 1  # the one already out, then the latest few
    assert small.row_at(0) is None


def test_opening_an_evicted_row_reads_its_case_first(
    qtbot: QtBot, small: CaseTableModel, many_cases: Rows
) -> None:
    load_all(qtbot, small)
    opened: list[str | None] = []
    small.with_row(449, lambda case: opened.append(case.id if case else None))  # cached: at once
    assert opened == [newest_first(many_cases)[449]["id"]]
    small.with_row(5, lambda case: opened.append(case.id if case else None))
    assert len(opened) == 1  # not yet: the page is being read on the worker
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=5000)
    assert opened[1] == newest_first(many_cases)[5]["id"]
    small.with_row(25, lambda case: opened.append(case.id if case else None))
    small.set_query("王")  # a new search before the answer: the old row is not opened
    loaded(qtbot, small)
    qtbot.wait(50)
    assert len(opened) == 2


def test_update_case_changes_a_cached_row_and_an_evicted_one_is_read_fresh(
    qtbot: QtBot, workspace: Workspace, small: CaseTableModel, many_cases: Rows
) -> None:
    load_all(qtbot, small)
    last = small.row_at(449)
    assert last is not None
    with qtbot.waitSignal(small.dataChanged) as signal:
        small.update_case(CaseRow(**{**last.__dict__, "state": State.withdrawn}))
    assert signal.args[0].row() == 449 and cell(small, 449, COL_STATE).startswith("已撤回")
    first_id = newest_first(many_cases)[0]["id"]
    set_state(workspace, first_id, State.withdrawn)
    small.update_case(CaseRow(**{**settled(qtbot, small, 0).__dict__, "state": State.withdrawn}))
    assert small.row_of(first_id) == 0
    assert cell(small, 0, COL_STATE).startswith("已撤回")


def set_state(workspace: Workspace, case_id: str, state: State) -> None:
    with workspace.store.engine.begin() as conn:
        conn.execute(update(Case).where(Case.id == case_id).values(state=state.value))


def test_rows_that_left_the_filter_before_a_reread_drift_without_breaking_the_model(
    qtbot: QtBot, qtmodeltester: Any, workspace: Workspace, small: CaseTableModel, many_cases: Rows
) -> None:
    wanted = [State.paid, State.approved, State.accepted]
    listed = [r for r in newest_first(many_cases) if State(r["state"]) in wanted]
    small.set_query("", wanted)
    loaded(qtbot, small)
    while small.canFetchMore(QModelIndex()):
        small.fetchMore(QModelIndex())
        loaded(qtbot, small)
    count = small.rowCount()
    assert count == len(listed) and count > (SMALL_CACHE + 1) * SMALL_PAGE
    # Meanwhile the second listed case and the whole last page leave the filter.
    gone = {listed[1]["id"]} | {r["id"] for r in listed[(count - 1) // SMALL_PAGE * SMALL_PAGE:]}
    for case_id in gone:
        set_state(workspace, case_id, State.withdrawn)
    qtmodeltester.check(small)  # from here on: it looks at row 0 (read again) and checks every change
    # Page 0 read again: the rest moved up one, the next page's first case fills its end.
    page0 = [settled(qtbot, small, row).id for row in range(SMALL_PAGE)]
    still = [r["id"] for r in listed if r["id"] not in gone]
    assert page0 == still[:SMALL_PAGE]
    # The last page (evicted meanwhile by reading page 0 and others) comes back empty: blank rows,
    # the row count unchanged, nothing inserted or removed behind the view's back.
    for row in range(SMALL_PAGE, count):
        qtbot.waitUntil(functools.partial(lambda r: cell(small, r, COL_CASE_NO) != "…", row), timeout=5000)
    assert small.rowCount() == count
    assert cell(small, count - 1, COL_CASE_NO) is None and small.row_at(count - 1) is None


def test_a_failed_reread_is_reported_and_not_retried_until_the_next_search(
    qtbot: QtBot, small: CaseTableModel, many_cases: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_all(qtbot, small)
    calls: list[int] = []

    def broken(*_args: Any, **_kw: Any) -> Any:
        calls.append(1)
        raise StorageError("数据库文件无法读取")

    monkeypatch.setattr(case_queries, "search_page", broken)
    with qtbot.waitSignal(small.failed, timeout=5000) as failed:
        cell(small, 0, COL_CASE_NO)
    assert failed.args == ["数据库文件无法读取"]
    for row in range(0, 100, 7):  # the view keeps painting placeholders
        assert cell(small, row, COL_CASE_NO) == "…"
    qtbot.wait(50)
    assert calls == [1] and small.rowCount() == 450
