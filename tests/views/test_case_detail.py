"""The case page: full data, the timeline, and only the actions the signed-in role may take."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text

from desktop.models import payments, publicity
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, create_case, get_case, transition
from desktop.models.changes import Changes
from desktop.models.masking import mask_account
from desktop.models.staff import Role, StaffUser
from desktop.models.workspace import Workspace
from desktop.views.case_detail import CaseDetailPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui

VERDICT = {"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []}


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(
        clerk=make_staff(Role.clerk, "clerk"),
        reviewer=make_staff(Role.reviewer, "reviewer"),
        approver=make_staff(Role.approver, "approver"),
        auditor=make_staff(Role.auditor, "auditor"),
    )


@pytest.fixture
def file_case(
    workspace: Workspace, team: SimpleNamespace, make_intake: Callable[..., Intake], advance: Any
) -> Callable[..., CaseRecord]:
    """``file_case(state, publicity="ready", **intake overrides)``: a case filed through the real
    services and moved to ``state`` through them (``advance``: review, publicity, approval, payment)."""

    def make(state: State, publicity: str = "ready", **overrides: Any) -> CaseRecord:
        first = State.draft if state is State.draft else State.accepted
        record = create_case(workspace.store, team.clerk, make_intake(**overrides), verdict=VERDICT, eligible=True,
                             amount_yuan=1500, policy_id="cn-2017", state=first)
        return advance(record, state, publicity=publicity)

    return make


@pytest.fixture
def open_page(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner
) -> Callable[[StaffUser, CaseRecord], CaseDetailPage]:
    def make(user: StaffUser, record: CaseRecord) -> CaseDetailPage:
        page = CaseDetailPage(workspace, runner, user)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        page.show_case(record.id)
        qtbot.waitUntil(lambda: page.case is not None and page.case.version == get_case(
            workspace.store, record.id).version and not page._busy, timeout=5000)
        return page

    return make


def labels(page: CaseDetailPage) -> list[str]:
    return page.button_labels()


def timeline(page: CaseDetailPage) -> list[str]:
    widget = find(page, "case.timeline")
    assert isinstance(widget, QListWidget)
    return [widget.item(i).text() for i in range(widget.count())]


def message(page: CaseDetailPage) -> str:
    label = find(page, "case.message")
    assert isinstance(label, QLabel)
    return label.text()


def test_reviewer_on_an_accepted_case_may_start_review_but_not_approve(
    team: SimpleNamespace, file_case: Callable[[State], CaseRecord], open_page: Callable[..., CaseDetailPage]
) -> None:
    page = open_page(team.reviewer, file_case(State.accepted))
    assert labels(page) == ["开始审核"]
    assert "批准" not in labels(page)
    start, approve = find(page, "case.to.under_review"), find(page, "case.action.approve")
    assert isinstance(start, QPushButton) and start.isVisible() and start.isEnabled()
    assert not approve.isVisible()


def test_the_case_itself_shows_full_id_and_account_and_its_state_in_words(
    team: SimpleNamespace, file_case: Callable[[State], CaseRecord], open_page: Callable[..., CaseDetailPage]
) -> None:
    record = file_case(State.accepted)
    page = open_page(team.reviewer, record)
    assert find(page, "case.field.id_number").text() == "11010519491231002X"  # type: ignore[attr-defined]
    assert find(page, "case.field.payment_account").text() == "6222020200112233445"  # type: ignore[attr-defined]
    assert find(page, "case.title").text() == record.case_no  # type: ignore[attr-defined]
    assert find(page, "case.state").text() == "已受理"  # type: ignore[attr-defined]
    assert "壹仟伍佰元整" in find(page, "case.field.amount").text()  # type: ignore[attr-defined]
    assert [line.split("\n")[0][17:] for line in timeline(page)] == ["新建案件 → 草稿", "受理案件 → 已受理"]


@pytest.mark.parametrize("state", [State.draft, State.accepted, State.under_review, State.publicized, State.approved])
def test_a_clerk_never_sees_an_approve_action(
    team: SimpleNamespace, file_case: Callable[[State], CaseRecord], open_page: Callable[..., CaseDetailPage],
    state: State,
) -> None:
    page = open_page(team.clerk, file_case(state))
    expected = {State.draft: ["受理", "撤回"], State.accepted: ["撤回"], State.under_review: ["撤回"]}
    assert labels(page) == expected.get(state, [])
    assert "批准" not in labels(page)
    assert find(page, "case.no_actions").isVisible() is (state not in expected)  # type: ignore[attr-defined]


def no_actions(page: CaseDetailPage) -> str:
    label = find(page, "case.no_actions")
    assert isinstance(label, QLabel)
    return label.text() if label.isVisible() else ""


def test_approver_sees_approve_only_after_the_publicity_period_closed_and_it_works(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[..., CaseRecord],
    open_page: Callable[..., CaseDetailPage], advance: Any,
) -> None:
    record = file_case(State.publicized)  # passed, not yet in a batch
    page = open_page(team.approver, record)
    assert labels(page) == [] and no_actions(page) == "案件尚未列入公示批次，公示期满后方可审批"
    record = advance(record, State.publicized, publicity="published")
    [batch] = publicity.list_batches(workspace.store)
    assert batch.ends_on is not None
    page = open_page(team.approver, record)
    assert labels(page) == []
    assert no_actions(page) == f"公示期至{batch.ends_on.isoformat()}，尚未届满；公示期满并结束公示后方可审批"
    assert not find(page, "case.action.approve").isVisible()
    record = advance(record, State.publicized, publicity="closed")  # the clock past the period, closed
    page = open_page(team.approver, record)
    assert labels(page) == ["批准"]
    assert open_page(team.clerk, record).button_labels() == []  # whoever accepted it: never
    note = find(page, "case.note")
    type_text(qtbot, note, "经公示无异议，同意发放")
    with qtbot.waitSignal(page.runner.changed, timeout=5000):
        qtbot.mouseClick(find(page, "case.action.approve"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state is State.approved and not page._busy,
                    timeout=5000)
    assert get_case(workspace.store, record.id).decision_note == "经公示无异议，同意发放"
    assert "审批 → 已批准" in timeline(page)[-1] and "经办人 approver" in timeline(page)[-1]
    assert "已办理：批准，案件现为“已批准”" in message(page)
    # Payment results come from the bank's file, not from a button here.
    assert labels(page) == [] and no_actions(page) == "发放结果须导入银行回盘文件"


def test_acceptor_promoted_to_approver_is_told_why_there_is_no_approve(
    workspace: Workspace, team: SimpleNamespace, file_case: Callable[..., CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.publicized, publicity="closed")
    promoted = StaffUser("clerk", team.clerk.display_name, Role.approver, "440100")
    page = open_page(promoted, record)
    assert labels(page) == [] and no_actions(page) == "受理人不得审批本人受理的案件"


def test_an_auditor_sees_the_case_but_no_action(
    team: SimpleNamespace, file_case: Callable[[State], CaseRecord], open_page: Callable[..., CaseDetailPage]
) -> None:
    page = open_page(team.auditor, file_case(State.under_review))
    assert labels(page) == [] and find(page, "case.no_actions").isVisible()  # type: ignore[attr-defined]
    assert not find(page, "case.note").isVisible()


def test_running_a_transition_changes_the_state_and_appends_to_the_timeline(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[[State], CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.accepted)
    page = open_page(team.reviewer, record)
    before = len(timeline(page))
    with qtbot.waitSignal(page.runner.changed, timeout=5000) as changed:
        qtbot.mouseClick(find(page, "case.to.under_review"), Qt.MouseButton.LeftButton)
    assert changed.args == [Changes.of_cases(record.id)]  # every page hears it (issue 18.4)
    qtbot.waitUntil(lambda: len(timeline(page)) == before + 1, timeout=5000)
    assert get_case(workspace.store, record.id).state is State.under_review
    assert find(page, "case.state").text() == "审核中"  # type: ignore[attr-defined]
    assert "开始审核 → 审核中" in timeline(page)[-1] and "经办人 reviewer" in timeline(page)[-1]
    assert "已办理：开始审核" in message(page)
    assert labels(page) == ["审核通过", "驳回"]  # the next steps, forward first


def test_reject_without_a_note_is_refused_beside_the_note_then_done_with_one(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[[State], CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.under_review)
    page = open_page(team.reviewer, record)
    qtbot.mouseClick(find(page, "case.to.rejected"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message(page) == "驳回须写明理由", timeout=5000)
    assert QApplication.activeModalWidget() is None  # in words on the page, no box
    assert get_case(workspace.store, record.id).state is State.under_review
    note = find(page, "case.note")
    assert isinstance(note, QLineEdit)
    qtbot.waitUntil(note.hasFocus)
    type_text(qtbot, note, "证书核发日期早于参保时间，不符合条件")
    with qtbot.waitSignal(page.runner.changed, timeout=5000):
        qtbot.mouseClick(find(page, "case.to.rejected"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state is State.rejected, timeout=5000)
    assert "说明：证书核发日期早于参保时间，不符合条件" in timeline(page)[-1]
    assert note.text() == ""
    assert get_case(workspace.store, record.id).decision_note == "证书核发日期早于参保时间，不符合条件"


def test_a_case_changed_meanwhile_is_reported_and_shown_as_it_is_now(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[[State], CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.accepted)
    page = open_page(team.reviewer, record)
    transition(workspace.store, team.clerk, record.id, State.withdrawn)  # at another counter
    qtbot.mouseClick(find(page, "case.to.under_review"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state is State.withdrawn, timeout=5000)
    assert "已被他人修改" in message(page)
    assert labels(page) == []


def test_pass_review_from_the_page_takes_the_note_and_says_a_refusal_beside_it(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, make_intake: Callable[..., Intake],
    open_page: Callable[..., CaseDetailPage], advance: Any,
) -> None:
    # Accepted against a not-eligible verdict: passing it needs the reviewer's written opinion.
    record = create_case(workspace.store, team.clerk, make_intake(), verdict={
        "eligible": False, "amount_yuan": 0, "policy": "cn-2017",
        "checks": [{"rule": "contribution_months", "passed": False, "message": "缴费不满36个月"}]},
        eligible=False, amount_yuan=0, policy_id="cn-2017", state=State.accepted, reason="申请人提供了缴费凭证")
    record = advance(record, State.under_review)
    page = open_page(team.reviewer, record)
    assert labels(page) == ["审核通过", "驳回"]
    qtbot.mouseClick(find(page, "case.action.pass_review"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message(page) == "该案件系对核验结论有异议而受理的，审核通过须写明审核意见", timeout=5000)
    assert QApplication.activeModalWidget() is None  # in words on the page, no box
    assert get_case(workspace.store, record.id).state is State.under_review
    note = find(page, "case.note")
    assert isinstance(note, QLineEdit)
    qtbot.waitUntil(note.hasFocus)
    type_text(qtbot, note, "缴费凭证经社保经办机构核实，累计缴费满36个月")
    with qtbot.waitSignal(page.runner.changed, timeout=5000):
        qtbot.mouseClick(find(page, "case.action.pass_review"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state is State.publicized and not page._busy,
                    timeout=5000)
    passed = get_case(workspace.store, record.id)
    assert passed.decision_note == "缴费凭证经社保经办机构核实，累计缴费满36个月"
    assert passed.amount_yuan == 1500  # the review set the policy's amount
    assert "公示案件 → 公示中" in timeline(page)[-1] and "经办人 reviewer" in timeline(page)[-1]
    assert note.text() == ""
    assert labels(page) == ["登记异议"]


def test_an_objection_recorded_from_the_page_sends_the_case_back_to_review(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[..., CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.publicized, publicity="published")
    [batch] = publicity.list_batches(workspace.store)
    page = open_page(team.reviewer, record)
    assert labels(page) == ["登记异议"]
    assert not find(page, "case.note").isVisible()  # the dialog asks for what an objection needs
    qtbot.mouseClick(find(page, "case.action.record_objection"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.objection_dialog is not None and page.objection_dialog.isVisible(), timeout=5000)
    dialog = page.objection_dialog
    assert dialog is not None
    submit = find(dialog, "objection.submit")
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)  # nothing filled in
    assert find(dialog, "objection.message").text() == "异议人：不能为空"  # type: ignore[attr-defined]
    assert dialog.isVisible() and get_case(workspace.store, record.id).state is State.publicized
    type_text(qtbot, find(dialog, "objection.objector"), "李先生")
    type_text(qtbot, find(dialog, "objection.contact"), "13900001111")
    content = find(dialog, "objection.content")
    assert isinstance(content, QPlainTextEdit)
    type_text(qtbot, content, "申请人已于2017年离职，证书取得时不是本单位职工")
    with qtbot.waitSignal(page.runner.changed, timeout=5000):
        qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state is State.under_review and not page._busy,
                    timeout=5000)
    assert page.objection_dialog is None and QApplication.activeModalWidget() is None  # closed once recorded
    [objection] = publicity.objections_of(workspace.store, record.id)
    assert (objection.objector, objection.contact, objection.content, objection.recorded_by, objection.open) == (
        "李先生", "13900001111", "申请人已于2017年离职，证书取得时不是本单位职工", "reviewer", True)
    assert objection.batch_id == batch.id
    assert publicity.get_batch(workspace.store, batch.id).live_entries == ()  # out of the batch
    assert "处理公示异议 → 审核中" in timeline(page)[-1]
    assert "说明：公示异议：申请人已于2017年离职" in timeline(page)[-1]
    assert "已办理：登记异议，案件现为“审核中”" in message(page)
    assert labels(page) == ["审核通过", "驳回"]  # a new review answers the objection


def test_a_failed_payment_is_requeued_from_the_page_with_a_reason(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[..., CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.payment_failed)
    page = open_page(team.approver, record)
    assert labels(page) == ["重新发放"]
    qtbot.mouseClick(find(page, "case.action.requeue_payment"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message(page) == "请写明更正或重新发放的原因", timeout=5000)
    assert get_case(workspace.store, record.id).state is State.payment_failed
    type_text(qtbot, find(page, "case.note"), "申请人已激活银行卡")
    with qtbot.waitSignal(page.runner.changed, timeout=5000):
        qtbot.mouseClick(find(page, "case.action.requeue_payment"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.case is not None and page.case.state is State.approved and not page._busy,
                    timeout=5000)
    assert get_case(workspace.store, record.id).decision_note == "申请人已激活银行卡"
    assert labels(page) == [] and no_actions(page) == "发放结果须导入银行回盘文件"


def test_a_new_payee_after_approval_is_shown_and_confirmed_by_a_second_person(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[..., CaseRecord],
    open_page: Callable[..., CaseDetailPage], make_staff: Callable[..., StaffUser],
) -> None:
    """Issue 14.6: the approver who requeues a failed payment with a new account cannot also
    confirm it; the change is on the case page, with the BIN warning, until another person does."""
    record = file_case(State.payment_failed)
    payments.requeue_payment(workspace.store, team.approver, record.id, note="申请人换了本人建设银行卡",
                             account="6222 0202 0000 0000 999", bank_name="建设银行")
    own = open_page(team.approver, record)
    shown = find(own, "case.payee_change").text()
    assert "收款账户变更待另一人确认" in shown and mask_account("6222020200000000999") in shown and "approver" in shown
    assert "由工商银行发行" in shown and "建设银行" in shown  # the card's BIN says another bank
    assert labels(own) == ["不采纳账户变更"]  # to withdraw it; confirming is for someone else
    second = open_page(make_staff(Role.supervisor, "supervisor"), record)
    assert labels(second) == ["确认收款账户变更", "不采纳账户变更"]
    with qtbot.waitSignal(second.runner.changed, timeout=5000):
        qtbot.mouseClick(find(second, "case.action.confirm_payee"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not second._busy and not find(second, "case.payee_change").isVisible(), timeout=5000)
    changed = get_case(workspace.store, record.id)
    assert (changed.payment_account, changed.bank_name) == ("6222020200000000999", "建设银行")
    assert any("确认收款账户变更" in line for line in timeline(second))


def test_an_unknown_case_is_said_in_words(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: SimpleNamespace
) -> None:
    page = CaseDetailPage(workspace, runner, team.clerk)
    qtbot.addWidget(page)
    page.show_case("440100-XXXX-20260101-0001")
    qtbot.waitUntil(lambda: bool(message(page)), timeout=5000)
    assert message(page) == "未找到案件：440100-XXXX-20260101-0001"
    assert labels(page) == []


def test_documents_issued_come_from_print_entries_of_the_trail(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[[State], CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.accepted)
    page = open_page(team.clerk, record)
    documents = find(page, "case.documents")
    assert isinstance(documents, QListWidget)
    assert documents.item(0).text() == "尚无出具文书的记录"
    from desktop.documents.case_documents import issue_receipt

    out = workspace.data_dir / "receipt.pdf"
    issue_receipt(workspace.store, workspace.verifier, team.clerk, record.id, out)
    issue_receipt(workspace.store, workspace.verifier, team.clerk, record.id, out)  # a reprint
    page.reload()
    qtbot.waitUntil(lambda: documents.count() == 2 and "打印受理回执" in documents.item(1).text(), timeout=5000)


def test_documents_are_printed_and_reprinted_from_the_case(
    qtbot: QtBot, workspace: Workspace, team: SimpleNamespace, file_case: Callable[[State], CaseRecord],
    open_page: Callable[..., CaseDetailPage],
) -> None:
    record = file_case(State.accepted)
    page = open_page(team.clerk, record)
    receipt = find(page, "case.print.receipt")
    assert receipt.isVisibleTo(page) and not find(page, "case.print.decision").isVisibleTo(page)
    issued = []
    page.document_issued.connect(issued.append)
    for expected in (1, 2):
        receipt.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda n=expected: len(issued) == n, timeout=5000)
    assert [doc.reprint_count for doc in issued] == [0, 1]
    assert all(doc.path.exists() and doc.path.is_relative_to(workspace.data_dir) for doc in issued)
    documents = find(page, "case.documents")
    qtbot.waitUntil(lambda: documents.count() == 2, timeout=5000)  # type: ignore[attr-defined]


def test_auditor_sees_no_print_buttons(
    workspace: Workspace, team: SimpleNamespace, file_case: Callable[[State], CaseRecord],
    open_page: Callable[..., CaseDetailPage], make_staff: Callable[..., StaffUser],
) -> None:
    record = file_case(State.accepted)
    page = open_page(make_staff("auditor"), record)
    assert not any(find(page, f"case.print.{kind}").isVisibleTo(page) for kind in ("receipt", "notice", "decision"))


def test_every_generic_move_has_a_button_and_every_service_one() -> None:
    from desktop.models.case_queries import ServiceAction
    from desktop.models.cases import GENERIC_TRANSITIONS
    from desktop.views.case_detail import _BUTTON_ORDER, _TRANSITION_LABELS

    assert set(_TRANSITION_LABELS) == set(GENERIC_TRANSITIONS)
    assert {key for key in _BUTTON_ORDER if isinstance(key, State)} == {to for _, to in GENERIC_TRANSITIONS}
    assert {key for key in _BUTTON_ORDER if isinstance(key, ServiceAction)} == set(ServiceAction)


def test_print_labels_in_the_timeline_follow_the_document_names() -> None:
    from desktop.models.document_kinds import KIND_LABELS
    from desktop.views.case_detail import DOCUMENT_ACTION_LABELS

    assert {f"document.{kind}": "打印" + label for kind, label in KIND_LABELS.items()} == DOCUMENT_ACTION_LABELS
