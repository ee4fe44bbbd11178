"""统计 page: the supervisor's figures for today and the month, and the daily and monthly reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dbfile import document_bytes
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from test_back_office_support import MakeIntake, Team, accepted, at, make_team, open_page, settle

from desktop.models import review
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.dashboard_page import C_LABEL, C_MONTH_N, C_MONTH_Y, C_TODAY_N, C_TODAY_Y, DashboardPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: Team) -> Callable[[], DashboardPage]:
    return lambda: open_page(qtbot, DashboardPage, workspace, runner, team.supervisor)


def row_of(model: object, label: str) -> list[str]:
    for r in range(model.rowCount()):  # type: ignore[attr-defined]
        cells = [model.data(model.index(r, c)) for c in range(model.columnCount())]  # type: ignore[attr-defined]
        if cells[C_LABEL] == label:
            return cells
    raise AssertionError(f"no row {label}")


def test_the_supervisor_sees_today_and_the_month_and_prints_the_daily_summary(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], DashboardPage],
    task_errors: list[Exception],
) -> None:
    at(workspace.clock, 2026, 11, 2)
    early = accepted(workspace, team, make_intake, 1)  # this month, and overdue by today
    review.start_review(workspace.store, workspace.verifier, team.reviewer, early.id)
    at(workspace.clock, 2026, 11, 27)
    accepted(workspace, team, make_intake, 2)
    accepted(workspace, team, make_intake, 3)
    shown = page()

    assert shown.cards["today"].value.text() == "2件" and shown.cards["today"].detail.text() == "3,000 元"
    # Issue 15.10: what falls due next to the real-name system (展翅行动 三(二)), soonest first.
    assert shown.deadlines.text() == (
        "上报提示：2027年1月7日前报送2026年第四季度技能提升补贴申领和发放情况（10月1日至12月31日，展翅行动 三(二)）；"
        "2027年1月31日前报送2026年展翅行动工作总结（1月1日至12月31日，展翅行动 三(二)）")
    assert shown.cards["month"].value.text() == "3件"
    assert shown.cards["overdue"].value.text() == "1件"
    assert int(shown.cards["sync"].value.text().rstrip("条")) > 0
    accepted_row = row_of(shown.state_model, "已受理")
    assert [accepted_row[C_TODAY_N], accepted_row[C_TODAY_Y], accepted_row[C_MONTH_N], accepted_row[C_MONTH_Y]] == [
        "2", "3,000 元", "2", "3,000 元"]
    assert row_of(shown.state_model, "审核中")[C_MONTH_N] == "1"
    level = row_of(shown.level_model, "四级")
    assert (level[C_TODAY_N], level[C_MONTH_N], level[C_MONTH_Y]) == ("2", "3", "4,500 元")
    clerk = row_of(shown.clerk_model, "受理员clerk")
    assert (clerk[C_TODAY_N], clerk[C_MONTH_N]) == ("2", "3")
    overdue = [shown.overdue_list.item(i).text() for i in range(shown.overdue_list.count())]
    assert len(overdue) == 1 and overdue[0].startswith(early.case_no)

    with qtbot.waitSignal(shown.document_ready, timeout=20_000) as ready:
        shown.daily_button.click()
    path, title = ready.args
    assert document_bytes(path).startswith(b"%PDF") and title == "业务日报 2026-11-27"
    settle(qtbot, shown)
    assert not shown.message.error
    assert task_errors == []


def test_the_monthly_report_as_a_spreadsheet_goes_where_it_is_saved(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], DashboardPage],
    tmp_path: Path,
) -> None:
    accepted(workspace, team, make_intake, 1)
    shown = page()
    shown.month.setDate(QDate(2026, 11, 1))
    shown.month_format.setCurrentIndex(shown.month_format.findData("xlsx"))
    out = tmp_path / "月报"
    shown.ask_save_path = lambda *_args: str(out)
    shown.monthly_button.click()
    settle(qtbot, shown)
    assert not shown.message.error, shown.message.text()
    assert (tmp_path / "月报.xlsx").read_bytes().startswith(b"PK")
    assert "月报（2026-11）已生成" in shown.message.text()
