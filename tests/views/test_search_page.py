"""The case search page: typing finds cases (ASCII, spaces, full-width, Chinese), Enter opens one."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text

from desktop.models.application import Intake
from desktop.models.cases import State, accept_case, create_case
from desktop.models.staff import Role, StaffUser
from desktop.models.workspace import Workspace
from desktop.views import search_page
from desktop.views.case_table_model import COL_CASE_NO, COL_ID_NUMBER, COL_NAME, CaseIdRole, CaseTableModel
from desktop.views.search_page import DEBOUNCE_MS, SearchPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui

Rows = list[dict[str, Any]]
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner, many_cases: Rows) -> SearchPage:
    return shown_page(qtbot, workspace, runner)


def shown_page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner) -> SearchPage:
    widget = SearchPage(workspace, runner)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    settle(qtbot, widget)
    return widget


def settle(qtbot: QtBot, page: SearchPage) -> None:
    """Wait out the debounce and the worker (the page and, after it, the count)."""
    qtbot.waitUntil(lambda: not page._timer.isActive() and not page.model.loading and not page.runner.busy,
                    timeout=5000)


def shown(page: SearchPage, column: int = COL_CASE_NO) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def search(qtbot: QtBot, page: SearchPage, typed: str) -> None:
    box = find(page, "search.query")
    assert isinstance(box, QLineEdit)
    box.clear()
    type_text(qtbot, box, typed)
    settle(qtbot, page)


def newest_first(rows: Rows) -> list[str]:
    return [r["case_no"] for r in sorted(rows, key=lambda r: (r["created_at"], r["case_no"]), reverse=True)]


def test_names_and_placeholder_of_the_contract(page: SearchPage) -> None:
    box = find(page, "search.query")
    assert isinstance(box, QLineEdit) and box.placeholderText() == "输入受理编号、身份证号、姓名或证书编号"
    assert isinstance(find(page, "search.results"), QTableView)


def test_opens_on_the_newest_cases_with_a_count(page: SearchPage, many_cases: Rows) -> None:
    assert shown(page) == newest_first(many_cases)[:200]
    assert "共 450 条" in page.status.text() and "已显示 200 条" in page.status.text()


def test_scrolling_to_the_end_pages_in_more(qtbot: QtBot, page: SearchPage) -> None:
    assert page.model.rowCount() == 200
    page.results.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 400, timeout=5000)
    page.results.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=5000)
    settle(qtbot, page)
    assert "已全部显示" in page.status.text()


def test_results_while_typing_one_query_after_the_pause(
    qtbot: QtBot, page: SearchPage, many_cases: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries: list[str] = []
    original = page.model.set_query

    def counting(text: str, states: Any = None, **filters: Any) -> None:
        queries.append(text)
        original(text, states, **filters)

    monkeypatch.setattr(page.model, "set_query", counting)
    target = many_cases[100]["case_no"]
    prefix = target[:20]  # 440100-BK7Q-20260901: one office day of this counter
    qtbot.keyClicks(find(page, "search.query"), prefix)  # typed faster than the debounce
    qtbot.wait(DEBOUNCE_MS // 2)
    assert queries == []
    settle(qtbot, page)
    assert queries == [prefix]
    expected = sorted((r["case_no"] for r in many_cases if r["case_no"].startswith(prefix)), reverse=True)
    assert shown(page) == expected


@pytest.mark.parametrize(
    "typing",
    [
        lambda n: n,
        lambda n: f"{n[:6]} {n[6:14]} {n[14:]}",
        lambda n: n.translate(FULL_WIDTH),  # through the input method, full-width digits
        lambda n: f" {n.lower()}\u3000",
    ],
    ids=["plain", "spaced", "full-width", "lower-case-ideographic-space"],
)
def test_id_number_however_typed_shows_the_masked_number(
    qtbot: QtBot, page: SearchPage, many_cases: Rows, typing: Callable[[str], str]
) -> None:
    # One ending in X where there is one, so lower-case x is tried too.
    target = next((r for r in many_cases if r["id_number"].endswith("X")), many_cases[321])
    search(qtbot, page, typing(target["id_number"]))
    assert shown(page) == [target["case_no"]]
    full = target["id_number"]
    assert shown(page, COL_ID_NUMBER) == [f"{full[:6]}********{full[-4:]}"]


def test_name_prefix_typed_through_the_input_method(qtbot: QtBot, page: SearchPage, many_cases: Rows) -> None:
    name = many_cases[7]["applicant_name"]
    search(qtbot, page, name[0])
    assert shown(page) == newest_first([r for r in many_cases if r["applicant_name"].startswith(name[0])])
    # The rest of the name committed by the input method onto what is there.
    type_text(qtbot, find(page, "search.query"), name[1:])
    settle(qtbot, page)
    assert many_cases[7]["case_no"] in shown(page)
    assert all(n.startswith(name) for n in shown(page, COL_NAME))


def test_certificate_number(qtbot: QtBot, page: SearchPage, many_cases: Rows) -> None:
    target = many_cases[42]
    search(qtbot, page, target["cert_number"].lower())
    assert shown(page) == [target["case_no"]]


def test_nothing_found_says_so(qtbot: QtBot, page: SearchPage) -> None:
    search(qtbot, page, "查无此人")
    assert shown(page) == [] and page.status.text() == "没有找到符合条件的案件"


def test_state_filter(qtbot: QtBot, page: SearchPage, many_cases: Rows) -> None:
    combo = find(page, "search.state")
    assert isinstance(combo, QComboBox)
    assert combo.itemText(0) == "全部状态" and combo.count() == 1 + len(State)
    combo.setCurrentIndex(combo.findData(State.payment_failed.value))
    settle(qtbot, page)
    assert shown(page) == newest_first([r for r in many_cases if r["state"] == "payment_failed"])


def test_list_is_masked_everywhere(page: SearchPage, many_cases: Rows) -> None:
    model = page.model
    texts = {str(model.data(model.index(r, c))) for r in range(model.rowCount()) for c in range(model.columnCount())}
    assert not any(row["id_number"] in text or row["payment_account"] in text for row in many_cases for text in texts)


def test_double_click_and_enter_open_the_case(qtbot: QtBot, page: SearchPage) -> None:
    table = find(page, "search.results")
    assert isinstance(table, QTableView)
    index = page.model.index(4, COL_NAME)
    case_id = page.model.data(index, CaseIdRole)
    rect = table.visualRect(index)
    with qtbot.waitSignal(page.open_case) as opened:
        # A real double-click starts with a press: Qt ignores a lone double-click event.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [case_id]
    table.setFocus()
    table.setCurrentIndex(page.model.index(9, 0))
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [page.model.data(page.model.index(9, 0), CaseIdRole)]


def test_enter_in_the_box_opens_a_unique_match_and_down_moves_into_the_list(
    qtbot: QtBot, page: SearchPage, many_cases: Rows
) -> None:
    box = find(page, "search.query")
    target = many_cases[10]
    type_text(qtbot, box, target["case_no"])  # a scanner types the number and presses Enter
    with qtbot.waitSignal(page.open_case, timeout=5000) as opened:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert opened.args == [target["id"]]
    search(qtbot, page, "4401")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    table = find(page, "search.results")
    assert table.hasFocus() or QApplication.focusWidget() is table
    assert page.results.currentIndex().row() == 0
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""  # type: ignore[attr-defined]


def test_refresh_shows_a_case_filed_meanwhile_and_update_case_changes_a_row(
    qtbot: QtBot, page: SearchPage, workspace: Workspace, make_staff: Callable[..., StaffUser],
    make_intake: Callable[..., Intake],
) -> None:
    clerk = make_staff(Role.clerk, "clerk")
    verdict = {"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []}
    record = create_case(workspace.store, clerk, make_intake(), verdict=verdict, eligible=True, amount_yuan=1500,
                         policy_id="cn-2017")
    page.refresh()
    settle(qtbot, page)
    assert shown(page)[0] == record.case_no and shown(page, COL_NAME)[0] == "张三"
    accept_case(workspace.store, clerk, record.id)
    with qtbot.waitSignal(page.model.dataChanged, timeout=5000):
        page.update_case(record.id)
    assert page.model.data(page.model.index(0, 1)).startswith("已受理")


def test_todays_queue_and_my_cases(qtbot: QtBot, page: SearchPage, many_cases: Rows, workspace: Workspace) -> None:
    workspace.clock.fixed = many_cases[200]["created_at"]  # "today" is a day the fixture's cases cover
    today = workspace.clock.today()
    page.username = "clerk1"
    todays = [r for r in many_cases if r["application_date"] == today]
    assert todays and len(todays) < len(many_cases), "the fixture spreads cases over several days"
    today_box = find(page, "search.today")
    assert isinstance(today_box, QCheckBox)
    today_box.setChecked(True)
    settle(qtbot, page)
    assert shown(page) == newest_first(todays)
    mine = find(page, "search.mine")
    assert isinstance(mine, QCheckBox)
    mine.setChecked(True)
    settle(qtbot, page)
    assert shown(page) == newest_first([r for r in todays if r["created_by"] == "clerk1"])


@pytest.fixture
def long_list(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner, many_cases: Rows, monkeypatch: pytest.MonkeyPatch
) -> SearchPage:
    """The page over a list far longer than its model's cache: pages of 20, three of them held."""
    monkeypatch.setattr(search_page, "CaseTableModel", functools.partial(CaseTableModel, page_size=20, cache_pages=3))
    return shown_page(qtbot, workspace, runner)


def test_a_list_longer_than_the_cache_scrolls_end_to_end_and_still_opens_and_shows_any_row(
    qtbot: QtBot, long_list: SearchPage, many_cases: Rows
) -> None:
    model, table = long_list.model, long_list.results
    table.setFocus()
    table.setCurrentIndex(model.index(5, 0))
    while not model.exhausted:  # as a clerk dragging the list down to its end
        table.scrollToBottom()
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        if model.canFetchMore():
            model.fetchMore()
    settle(qtbot, long_list)
    expected = newest_first(many_cases)
    assert model.rowCount() == 450 and model.cached_rows <= 60
    assert "共 450 条" in long_list.status.text() and "已全部显示" in long_list.status.text()
    assert model.row_at(5) is None  # the current row's page was evicted on the way down
    with qtbot.waitSignal(long_list.open_case, timeout=5000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [next(r["id"] for r in many_cases if r["case_no"] == expected[5])]
    table.scrollToTop()  # the view asks for the top rows again: read on the worker, then painted
    qtbot.waitUntil(lambda: model.row_at(0) is not None and model.row_at(10) is not None, timeout=5000)
    assert [model.row_at(r).case_no for r in range(11)] == expected[:11]  # type: ignore[union-attr]
    assert model.cached_rows <= 60
