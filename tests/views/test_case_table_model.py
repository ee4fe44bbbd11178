"""The lazy case table model: Qt's model contract, paging through the worker, what each cell says."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop.models import case_queries
from desktop.models.cases import State
from desktop.models.errors import StorageError
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
    changed = case_queries.CaseRow(**{**row.__dict__, "state": State.withdrawn})
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
