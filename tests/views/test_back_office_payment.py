"""发放 page: approval after publicity, the disbursement file, the bank's result (good and bad), requeueing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from qt_helpers import type_text
from sqlalchemy import func, select
from test_back_office_support import (
    MakeIntake,
    Team,
    answer,
    approved,
    bank_answer,
    closed,
    make_team,
    open_page,
    read_csv,
    settle,
)

from desktop.models import approval, payee_changes, payments
from desktop.models.cases import State, get_case
from desktop.models.payments import PaymentBatchState
from desktop.models.schema import AuditLog, PaymentItem
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.payment_page import TAB_APPROVE, TAB_BATCHES, TAB_FIX, TAB_PAYABLE, PaymentPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner) -> Callable[[StaffUser], PaymentPage]:
    return lambda user: open_page(qtbot, PaymentPage, workspace, runner, user)


def states(workspace: Workspace, ids: list[str]) -> list[State]:
    return [get_case(workspace.store, case_id).state for case_id in ids]


def snapshot(workspace: Workspace) -> tuple[Any, ...]:
    with workspace.store.session(readonly=True) as session:
        return (session.scalar(select(func.count()).select_from(AuditLog)),
                sorted((i.case_id, i.status, i.live) for i in session.scalars(select(PaymentItem))))


def test_an_approver_approves_exports_and_imports_the_bank_result(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[StaffUser], PaymentPage],
    tmp_path: Path, task_errors: list[Exception],
) -> None:
    ids = closed(workspace, team, make_intake, 1, 2)  # publicity ended on 2026-12-04, today 2026-12-07
    shown = page(team.approver)
    assert shown.tabs.tabText(0) == "待审批（2）"
    assert {c.id for c in shown.approve_model.rows()} == set(ids)
    assert not shown.approve_selected.isEnabled()

    shown.approve_table.selectRow(0)
    type_text(qtbot, shown.approve_note, "公示期满无异议")
    with qtbot.waitSignal(shown.runner.changed, timeout=5000):
        shown.approve_selected.click()
        assert "批准1件，合计1,500 元？" in answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert set(states(workspace, ids)) == {State.publicized, State.approved}
    shown.approve_all.click()
    answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert states(workspace, ids) == [State.approved, State.approved]
    assert "已批准1件" in shown.message.text()
    assert shown.approve_model.rowCount() == 0 and shown.payable_model.rowCount() == 2

    # The disbursement file, where the approver saves it.
    shown.show_tab(TAB_PAYABLE)
    out = tmp_path / "发放-1.csv"
    shown.ask_save_path = lambda *_args: str(out)
    shown.main_action()  # F9 on this tab
    assert "导出发放文件：2件，合计3,000 元？" in answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert not shown.message.error, shown.message.text()
    rows = read_csv(out)
    assert sorted(r["case_no"] for r in rows) == sorted(get_case(workspace.store, i).case_no for i in ids)
    assert shown.payable_model.rowCount() == 0
    (batch,) = shown.batch_model.rows()
    assert batch.state is PaymentBatchState.exported and "待回盘1" in shown.tabs.tabText(3)

    # A spoilt result file is refused whole, each problem by row, and changes nothing.
    def spoil(number: int, row: dict[str, str]) -> None:
        if number == 0:
            row["amount_yuan"] = "9999"
        else:
            row["status"] = "ok"

    bad = bank_answer(out, tmp_path / "bad.csv", change=spoil)
    before = snapshot(workspace)
    shown.show_tab(TAB_BATCHES)
    shown.ask_open_path = lambda *_args: str(bad)
    shown.import_button.click()
    settle(qtbot, shown)
    assert shown.message.error and "有2处问题，已整体退回，未导入任何内容" in shown.message.text()
    problems = [shown.problems.item(i).text() for i in range(shown.problems.count())]
    assert problems == ["第2行 金额（元）：金额9999元与发放文件的1500元不一致",
                        "第3行 发放结果：发放结果应为 paid 或 failed，收到“ok”"]
    assert shown.problems.isVisibleTo(shown)
    assert snapshot(workspace) == before
    assert states(workspace, ids) == [State.approved, State.approved]

    # The bank's real answer: both paid.
    good = bank_answer(out, tmp_path / "good.csv")
    shown.ask_open_path = lambda *_args: str(good)
    shown.main_action()  # F9 on the batches tab
    settle(qtbot, shown)
    assert not shown.message.error, shown.message.text()
    assert "到账2件" in shown.message.text()
    assert not shown.problems.isVisibleTo(shown)
    assert states(workspace, ids) == [State.paid, State.paid]
    assert shown.batch_model.rows()[0].state is PaymentBatchState.settled
    assert task_errors == []


def test_a_failed_payment_is_corrected_and_sent_again(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[StaffUser], PaymentPage],
    tmp_path: Path,
) -> None:
    (case,) = approved(workspace, team, make_intake, 1)
    out = tmp_path / "发放.csv"
    payments.export_payments(workspace.store, team.approver, out)
    payments.import_payment_result(workspace.store, team.approver,
                                   bank_answer(out, tmp_path / "result.csv", failed=[case.case_no]))
    shown = page(team.approver)
    shown.show_tab(TAB_FIX)
    (fix,) = shown.fix_model.rows()
    assert fix.case.id == case.id and fix.why == "账户已销户"
    shown.fix_table.selectRow(0)
    shown.requeue()  # no note: refused beside the form
    settle(qtbot, shown)
    assert shown.message.error and shown.message.text() == "⚠ 说明：请写明更正或重新发放的原因"
    type_text(qtbot, shown.new_account, "6222020200112233445")
    type_text(qtbot, shown.fix_note, "申请人提供新的本人银行卡")
    shown.requeue_button.click()
    assert f"重新发放案件 {case.case_no}" in answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert not shown.message.error, shown.message.text()
    assert "新收款账户须由另一人在案件页确认后才发放" in shown.message.text()
    record = get_case(workspace.store, case.id)  # the new account waits for a second person (issue 14.6)
    assert record.state is State.approved and record.payment_account == "6222020200000000001"
    (waiting,) = payee_changes.payee_changes_of(workspace.store, case.id)
    assert waiting.changes == {"payment_account": "6222020200112233445"} and waiting.proposed_by == "approver"
    assert shown.fix_model.rowCount() == 0 and shown.payable_model.rowCount() == 1


def test_an_approval_of_a_case_no_longer_approvable_lists_why_and_approves_nothing(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[StaffUser], PaymentPage],
) -> None:
    ids = closed(workspace, team, make_intake, 1, 2)
    shown = page(team.approver)
    approval.approve(workspace.store, team.approver, ids[1])  # approved elsewhere meanwhile
    shown.approve(selected=False)
    answer(qtbot, shown, yes=True)
    settle(qtbot, shown)
    assert shown.message.error and "2件中有1件不能审批，本次未审批任何案件" in shown.message.text()
    (line,) = [shown.problems.item(i).text() for i in range(shown.problems.count())]
    assert line.startswith(get_case(workspace.store, ids[1]).case_no + "：")
    assert get_case(workspace.store, ids[0]).state is State.publicized
    assert shown.approve_model.rowCount() == 1  # the list was refreshed


def test_the_supervisor_pays_but_does_not_approve_or_requeue(
    qtbot: QtBot, workspace: Workspace, team: Team, make_intake: MakeIntake, page: Callable[[StaffUser], PaymentPage],
) -> None:
    approved(workspace, team, make_intake, 1)
    shown = page(team.supervisor)
    names = [shown.tabs.widget(i).objectName() for i in range(shown.tabs.count())]
    assert names == [f"payment.tab.{TAB_PAYABLE}", f"payment.tab.{TAB_BATCHES}"]
    assert TAB_APPROVE not in shown._tab_names and shown.payable_model.rowCount() == 1
    assert shown.export_button.isEnabled() and shown.import_button.isEnabled()
