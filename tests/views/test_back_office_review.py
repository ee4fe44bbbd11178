"""审核 page: the queue with its time limits, and a reviewer's decisions through the real services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from dbfile import document_bytes
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from qt_helpers import type_text
from test_back_office_support import MakeIntake, Team, accepted, answer, at, make_team, open_page, person, settle

from desktop.models.cases import State, get_case
from desktop.models.changes import Changes
from desktop.models.intake import file_case
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.back_office import ALERT
from desktop.views.review_page import COL_CASE_NO, COL_DEADLINE, COL_NAME, COL_REASON, COL_RISK, ReviewPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


def on_screen(qtbot: QtBot, page: ReviewPage) -> ReviewPage:
    """Wait until the chosen case has been painted: what the reviewer decides on (a decision key
    does nothing for a case not yet on screen)."""
    qtbot.waitUntil(lambda: page.item is None or page.on_screen(page.item.case.id), timeout=5000)
    return page


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: Team) -> Callable[[], ReviewPage]:
    return lambda: on_screen(qtbot, open_page(qtbot, ReviewPage, workspace, runner, team.reviewer))


def cell(page: ReviewPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return page.model.data(page.model.index(row, column), role)


def test_a_reviewer_passes_a_case_from_the_queue(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], ReviewPage],
    task_errors: list[Exception],
) -> None:
    record = accepted(workspace, team, make_intake, 1)
    shown = page()
    assert shown.model.rowCount() == 1
    assert cell(shown, 0, COL_CASE_NO) == record.case_no
    assert cell(shown, 0, COL_NAME) == "张*兰"  # masked in the list
    assert "剩" in cell(shown, 0, COL_DEADLINE)
    assert shown.item is not None and shown.item.case.id == record.id  # the first case is chosen
    assert record.applicant_name in shown.case_title.text()

    shown.start_button.click()
    settle(qtbot, shown)
    assert get_case(workspace.store, record.id).state is State.under_review
    assert not shown.start_button.isEnabled()

    with qtbot.waitSignal(shown.runner.changed, timeout=5000) as changed:
        shown.pass_button.click()
    settle(qtbot, shown)
    assert changed.args == [Changes.of_cases(record.id)]  # every page hears it (issue 18.4)
    assert get_case(workspace.store, record.id).state is State.publicized
    assert shown.model.rowCount() == 0
    assert "审核通过" in shown.message.text() and not shown.message.error
    assert task_errors == []


def test_an_overdue_review_says_so_in_words_and_colour(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], ReviewPage],
) -> None:
    accepted(workspace, team, make_intake, 1)
    at(workspace.clock, 2027, 1, 15)
    shown = page()
    assert "超期" in cell(shown, 0, COL_DEADLINE)
    assert cell(shown, 0, COL_DEADLINE, Qt.ItemDataRole.BackgroundRole).name() == ALERT[1]
    assert "超期1件" in shown.summary.text()


def test_an_open_risk_flag_blocks_the_pass_until_cleared_with_a_note(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], ReviewPage],
) -> None:
    record = accepted(workspace, team, make_intake, 1, holder="李四")  # someone else's account
    shown = page()
    shown.start_review()
    settle(qtbot, shown)
    assert "1项待核查" in cell(shown, 0, COL_RISK)
    assert "户名" in shown.flags.item(0).text()

    shown.pass_review()
    settle(qtbot, shown)
    assert shown.message.error and "风险提示尚未核查解除" in shown.message.text()
    assert get_case(workspace.store, record.id).state is State.under_review

    shown.flags.setCurrentRow(0)
    shown.clear_flag()  # without the finding: refused beside the box
    settle(qtbot, shown)
    assert shown.message.error and "核查意见" in shown.message.text()
    assert shown.flag_note.hasFocus() or not shown.isActiveWindow()

    type_text(qtbot, shown.flag_note, "已到银行核实，系申请人本人账户，户名录入错误")
    shown.clear_flag()
    settle(qtbot, shown)
    assert not shown.message.error and "已解除" in shown.message.text()
    assert "已解除1项" in cell(shown, 0, COL_RISK)

    shown.pass_review()
    settle(qtbot, shown)
    assert get_case(workspace.store, record.id).state is State.publicized


def test_a_rejection_needs_reasons_and_its_decision_prints(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], ReviewPage],
    decision_settings: dict[str, str],  # a decision prints only once the office has set them (issue 17.2)
) -> None:
    record = accepted(workspace, team, make_intake, 1)
    shown = page()
    shown.reject_review()
    settle(qtbot, shown)
    assert shown.message.error and shown.message.text() == "⚠ 驳回理由：驳回须写明理由"
    assert get_case(workspace.store, record.id).state is State.accepted

    type_text(qtbot, shown.note, "证书核发日期超出申领期限")
    shown.reject_review()  # asks first, naming the case and the reasons; Esc backs out
    words = answer(qtbot, shown, yes=False)
    assert record.case_no in words and record.applicant_name in words and "证书核发日期超出申领期限" in words
    settle(qtbot, shown)
    assert get_case(workspace.store, record.id).state is State.accepted and shown.note.text()
    shown.reject_review()
    answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert get_case(workspace.store, record.id).state is State.rejected
    assert shown.print_button.isVisibleTo(shown)

    with qtbot.waitSignal(shown.document_ready, timeout=10_000) as ready:
        shown.print_button.click()
    path, title = ready.args
    assert document_bytes(path).startswith(b"%PDF") and record.case_no in title
    settle(qtbot, shown)
    assert not shown.print_button.isVisibleTo(shown)


def test_a_disputed_case_shows_why_a_note_is_needed(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], ReviewPage],
) -> None:
    ineligible = person(make_intake, 2)
    ineligible = replace(ineligible, application=replace(ineligible.application, contribution_months=3))
    record, _ = file_case(workspace.store, workspace.verifier, team.clerk, ineligible, accept=True,
                          reason="申请人对缴费月数有异议")
    shown = page()
    assert cell(shown, 0, COL_REASON) == "存疑受理"
    assert "必填" in shown.note.placeholderText()
    lines = [shown.checks.item(i).text() for i in range(shown.checks.count())]
    assert any(line.startswith("✘") for line in lines) and any("存疑受理" in line for line in lines)
    shown.pass_review()
    settle(qtbot, shown)
    assert shown.message.error and "审核意见" in shown.message.text()
    assert get_case(workspace.store, record.id).state is not State.publicized


def test_enter_or_a_double_click_opens_the_case(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], ReviewPage],
) -> None:
    record = accepted(workspace, team, make_intake, 1)
    shown = page()
    with qtbot.waitSignal(shown.open_case, timeout=2000) as opened:
        shown.open_button.click()
    assert opened.args == [record.id]


def test_the_queue_model_is_a_proper_model(
    qtbot: QtBot, qtmodeltester: Any, workspace: Workspace, team: Team, make_intake: MakeIntake,
    page: Callable[[], ReviewPage],
) -> None:
    for n in (1, 2, 3):
        accepted(workspace, team, make_intake, n)
    shown = page()
    assert shown.model.rowCount() == 3
    qtmodeltester.check(shown.model)
