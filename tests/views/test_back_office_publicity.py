"""公示 page: a batch made, published, printed, objected to and closed, through the real services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from dbfile import document_bytes
from pytestqt.qtbot import QtBot
from qt_helpers import type_text
from test_back_office_support import MakeIntake, Team, answer, at, make_team, open_page, passed, reload, settle

from desktop.models import publicity, review
from desktop.models.cases import State, get_case, load_case_row
from desktop.models.changes import Changes
from desktop.models.office import set_office_profile
from desktop.models.publicity import BatchState
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.publicity_page import B_PERIOD, B_STATE, E_STATUS, PublicityPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: Team) -> Callable[[], PublicityPage]:
    return lambda: open_page(qtbot, PublicityPage, workspace, runner, team.reviewer)


def text(model: Any, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_a_reviewer_publishes_a_batch_and_an_objection_sends_a_case_back(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], PublicityPage],
    task_errors: list[Exception],
) -> None:
    at(workspace.clock, 2026, 11, 27)  # a Friday
    first, second = (passed(workspace, team, make_intake, n) for n in (1, 2))
    shown = page()
    assert shown.ready_model.rowCount() == 2
    assert shown.entry_model.rowCount() == 0 and not shown.publish_button.isEnabled()

    shown.create_all.click()
    settle(qtbot, shown)
    assert shown.ready_model.rowCount() == 0
    batch = shown.batch
    assert batch is not None and batch.state is BatchState.open and len(batch.live_entries) == 2
    assert text(shown.batch_model, 0, B_PERIOD) == "未发布"
    assert shown.publish_button.isEnabled() and not shown.print_button.isEnabled()
    assert shown.starts_on.date().toPython().isoformat() == "2026-11-27"

    shown.publish_button.click()
    assert "2件，合计3,000 元，自2026-11-27起公示？" in answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert shown.batch is not None and shown.batch.state is BatchState.published
    assert text(shown.batch_model, 0, B_PERIOD) == "2026-11-27 至 12-04，5个工作日"
    assert text(shown.batch_model, 0, B_STATE) == "公示中"
    assert "至2026-12-04（含）" in shown.batch_hint.text()

    # The list names where objections go: the office's own phone and address (issue 17.10).
    set_office_profile(workspace.store, team.admin, objection_phone="020-38881234",
                       objection_address="广州市天河区天河北路123号一楼")
    with qtbot.waitSignal(shown.document_ready, timeout=10_000) as ready:
        shown.print_button.click()
    path, title = ready.args
    assert document_bytes(path).startswith(b"%PDF") and shown.batch.batch_no in title
    settle(qtbot, shown)

    # An objection against the second case: all three fields are needed, said beside them.
    shown.entry_table.selectRow(shown.entry_model.row_of(second.id))
    assert shown.object_button.isEnabled()
    shown.object_button.click()
    settle(qtbot, shown)
    assert shown.message.error and shown.message.text() == "⚠ 异议人：不能为空"
    assert get_case(workspace.store, second.id).state is State.publicized
    type_text(qtbot, shown.objector, "王先生")
    type_text(qtbot, shown.contact, "13900001111")
    type_text(qtbot, shown.content, "反映该申请人未在本单位工作")
    with qtbot.waitSignal(shown.runner.changed, timeout=5000) as changed:
        shown.object_button.click()
    settle(qtbot, shown)
    assert changed.args == [Changes.of_cases(second.id)]  # every page hears it (issue 18.4)
    assert get_case(workspace.store, second.id).state is State.under_review
    assert "退回审核" in shown.message.text()
    row = shown.entry_model.row_of(second.id)
    assert text(shown.entry_model, row, E_STATUS) == "已撤出（异议）"
    assert shown.objector.text() == "" and shown.content.toPlainText() == ""
    item = review.review_item(workspace.store, workspace.verifier, team.reviewer, second.id)
    assert [o.objector for o in item.objections] == ["王先生"]

    # Closing waits for the end of the period, then the remaining case becomes approvable.
    shown.close_button.click()
    settle(qtbot, shown)
    assert shown.message.error and "尚未届满" in shown.message.text()
    at(workspace.clock, 2026, 12, 7)
    reload(qtbot, shown)
    assert text(shown.batch_model, 0, B_STATE) == "公示中·可结束"
    shown.close_button.click()
    assert "1件，合计1,500 元，转入待审批？" in answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert shown.batch is not None and shown.batch.state is BatchState.closed
    assert get_case(workspace.store, first.id).state is State.publicized
    with workspace.store.session(readonly=True) as session:
        assert publicity.approval_problem(session, load_case_row(session, first.id), workspace.clock.today()) is None
    assert not shown.close_button.isEnabled() and shown.print_button.isEnabled()
    assert task_errors == []


def test_only_the_chosen_cases_go_into_a_batch(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], PublicityPage],
) -> None:
    at(workspace.clock, 2026, 11, 27)
    cases = [passed(workspace, team, make_intake, n) for n in (1, 2, 3)]
    shown = page()
    assert not shown.create_selected.isEnabled()
    shown.ready_table.selectRow(shown.ready_model.row_of(cases[1].id))
    assert shown.create_selected.isEnabled()
    shown.create_selected.click()
    settle(qtbot, shown)
    assert shown.batch is not None and [e.case_id for e in shown.batch.entries] == [cases[1].id]
    assert {c.id for c in shown.ready_model.rows()} == {cases[0].id, cases[2].id}


def test_a_start_on_a_holiday_is_refused_in_words(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[], PublicityPage],
) -> None:
    at(workspace.clock, 2026, 11, 27)
    passed(workspace, team, make_intake, 1)
    shown = page()
    shown.create_all.click()
    settle(qtbot, shown)
    shown.starts_on.setDate(shown.starts_on.date().addDays(1))  # Saturday 2026-11-28
    shown.publish_batch()
    answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert shown.message.error
    assert shown.message.text().startswith("⚠ 公示开始日期：2026-11-28不是工作日")
    assert shown.batch is not None and shown.batch.state is BatchState.open
