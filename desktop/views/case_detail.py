"""One case: everything about it, its history, and what the signed-in person may do next.

The page only shows and asks.  Which buttons appear is the core's answer:
``case_queries.allowed_transitions`` for the generic moves (each button runs
``cases.transition``) and ``case_queries.service_offer`` for the moves that
belong to a back-office service (审核通过 → ``review.pass_review``, 批准 →
``approval.approve`` once the publicity period closed, 登记异议 →
``publicity.record_objection`` through a small dialog, 重新发放 →
``payments.requeue_payment``), all on the worker thread.  When nothing is
offered, the core's words say why (the publicity period still running, results
come from the bank's file).  A refusal the clerk can correct (a missing reason,
an open risk flag, a case changed by someone else) is shown in words beside
the note field, never in a box.

This is the one place the full ID number and account are shown.

The case's materials are shown in POLICY.md §4's three kinds; materials handed in later are ticked
here and recorded (补正, ``cases.supplement_materials``, audited).  受理 on a saved 待补正 draft goes
through the same materials gate as F9 at the counter (``materials_gate``, issue 16.4): what is still
missing is named and must be confirmed, the default keeping the case 待补正; once accepted, the
receipt is issued.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.case_documents import (
    CaseMaterials,
    IssuedDocument,
    case_materials,
    issue_to_data_folder,
    printable_kinds,
)
from desktop.models import approval, case_queries, oversight, payee_changes, payments, publicity, review
from desktop.models.audit import AuditEntry
from desktop.models.case_queries import CaseDetail, ServiceAction, ServiceOffer
from desktop.models.cases import SUPPLEMENT_STATES, CaseRecord, State, accept_case, supplement_materials, transition
from desktop.models.changes import Changes
from desktop.models.errors import Conflict, InvalidInput, NotFound, ZhanchiError
from desktop.models.money import yuan_in_capitals
from desktop.models.staff import Action, StaffUser, can
from desktop.models.workspace import Workspace
from desktop.views.case_table_model import (
    QT_TRANSLATE_NOOP,
    amount_text,
    level_text,
    state_colours,
    state_text,
)
from desktop.views.materials_gate import ACCEPT, KEEP, MissingMaterialsDialog
from desktop.views.style import emphasise
from desktop.views.tasks import TaskRunner

CONTEXT = "CaseDetailPage"

# Button text per generic transition (``cases.GENERIC_TRANSITIONS``); the core decides which
# of them the signed-in person sees.
_TRANSITION_LABELS: dict[tuple[State, State], str] = {
    (State.draft, State.accepted): QT_TRANSLATE_NOOP("CaseDetailPage", "受理"),
    (State.draft, State.withdrawn): QT_TRANSLATE_NOOP("CaseDetailPage", "撤回"),
    (State.accepted, State.withdrawn): QT_TRANSLATE_NOOP("CaseDetailPage", "撤回"),
    (State.under_review, State.withdrawn): QT_TRANSLATE_NOOP("CaseDetailPage", "撤回"),
    (State.accepted, State.under_review): QT_TRANSLATE_NOOP("CaseDetailPage", "开始审核"),
    (State.under_review, State.rejected): QT_TRANSLATE_NOOP("CaseDetailPage", "驳回"),
}
# Button text per back-office service the page runs (``case_queries.ServiceAction``).
_SERVICE_LABELS: dict[ServiceAction, str] = {
    ServiceAction.pass_review: QT_TRANSLATE_NOOP("CaseDetailPage", "审核通过"),
    ServiceAction.approve: QT_TRANSLATE_NOOP("CaseDetailPage", "批准"),
    ServiceAction.requeue_payment: QT_TRANSLATE_NOOP("CaseDetailPage", "重新发放"),
    ServiceAction.record_objection: QT_TRANSLATE_NOOP("CaseDetailPage", "登记异议"),
    ServiceAction.confirm_payee: QT_TRANSLATE_NOOP("CaseDetailPage", "确认收款账户变更"),
    ServiceAction.decline_payee: QT_TRANSLATE_NOOP("CaseDetailPage", "不采纳账户变更"),
}
# Steps that undo or refuse something read as such: they are set apart from the forward step.
_BACKWARD: set[State | ServiceAction] = {State.withdrawn, State.rejected, ServiceAction.record_objection,
                                         ServiceAction.decline_payee}
# One button per generic target state (``case.to.<state>``) and per service (``case.action.<name>``).
_BUTTON_ORDER: tuple[State | ServiceAction, ...] = (
    State.accepted, State.under_review, ServiceAction.pass_review, ServiceAction.approve,
    ServiceAction.requeue_payment, ServiceAction.confirm_payee, State.withdrawn, State.rejected,
    ServiceAction.record_objection, ServiceAction.decline_payee,
)

# The core's action labels, marked for lupdate (the timeline shows them).
ACTION_CONTEXT = "CaseAction"
_ACTION_LABELS = (
    QT_TRANSLATE_NOOP("CaseAction", "新建案件"),
    QT_TRANSLATE_NOOP("CaseAction", "受理案件"),
    QT_TRANSLATE_NOOP("CaseAction", "撤回案件"),
    QT_TRANSLATE_NOOP("CaseAction", "开始审核"),
    QT_TRANSLATE_NOOP("CaseAction", "驳回案件"),
    QT_TRANSLATE_NOOP("CaseAction", "公示案件"),
    QT_TRANSLATE_NOOP("CaseAction", "处理公示异议"),
    QT_TRANSLATE_NOOP("CaseAction", "审批"),
    QT_TRANSLATE_NOOP("CaseAction", "办理发放"),
    QT_TRANSLATE_NOOP("CaseAction", "重新发放"),
)
_CERT_KINDS = {
    "skill_level": QT_TRANSLATE_NOOP("CaseDetailPage", "职业技能等级证书"),
    "qualification": QT_TRANSLATE_NOOP("CaseDetailPage", "职业资格证书"),
}
_PAYMENT_KINDS = {
    "bank": QT_TRANSLATE_NOOP("CaseDetailPage", "银行卡"),
    "sscard": QT_TRANSLATE_NOOP("CaseDetailPage", "社会保障卡"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def transition_label(source: State, target: State) -> str:
    return _tr(_TRANSITION_LABELS.get((source, target), target.label))


def service_label(action: ServiceAction) -> str:
    return _tr(_SERVICE_LABELS[action])


# A print in the timeline: "打印" + the document's name (document_kinds.KIND_LABELS; a test keeps them in step).
DOCUMENT_ACTION_LABELS = {
    "document.receipt": QT_TRANSLATE_NOOP("CaseAction", "打印受理回执"),
    "document.notice": QT_TRANSLATE_NOOP("CaseAction", "打印一次性告知书"),
    "document.decision": QT_TRANSLATE_NOOP("CaseAction", "打印审核决定书"),
    "document.payment_notice": QT_TRANSLATE_NOOP("CaseAction", "打印发放失败补正通知书"),
    "document.withdrawal": QT_TRANSLATE_NOOP("CaseAction", "打印申请撤回确认书"),
}


def action_text(action: str) -> str:
    if action in DOCUMENT_ACTION_LABELS:
        return QCoreApplication.translate(ACTION_CONTEXT, DOCUMENT_ACTION_LABELS[action])
    try:
        return QCoreApplication.translate(ACTION_CONTEXT, Action(action).label)
    except ValueError:  # not a permission: the audit trail's own catalogue names it (never the code)
        return QCoreApplication.translate(ACTION_CONTEXT, oversight.action_label(action))


class CaseDetailPage(QWidget):
    close_requested = Signal()  # Esc: back to where the case was opened from
    document_issued = Signal(object)  # IssuedDocument: the window previews and prints it
    receipt_format = "a4"  # the window sets it from the settings (a4 | 80mm)

    def __init__(self, workspace: Workspace, runner: TaskRunner, user: StaffUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.user = workspace, runner, user
        self.detail: CaseDetail | None = None
        self.materials: CaseMaterials | None = None
        self.missing_dialog: MissingMaterialsDialog | None = None  # the materials gate, while it asks
        self._case_id: str | None = None
        self._generation = 0
        self._busy = False

        self.title = QLabel()
        self.title.setObjectName("case.title")
        emphasise(self.title, 1.35)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_badge = QLabel()
        self.state_badge.setObjectName("case.state")
        self.summary = QLabel()
        self.summary.setObjectName("case.summary")
        self.summary.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.state_badge)
        header.addWidget(self.summary, 1)

        self.note = QLineEdit()
        self.note.setObjectName("case.note")
        self.note.setPlaceholderText(self.tr("说明或理由：驳回、重新发放时必填；存疑或有异议的案件审核通过时必填"))
        self.note.setAccessibleName(self.tr("办理说明"))
        self.buttons_box = QHBoxLayout()
        self._all_buttons: dict[State | ServiceAction, QPushButton] = {}
        for key in _BUTTON_ORDER:
            button = QPushButton()
            button.setAutoDefault(False)
            if key in _BACKWARD:
                button.setStyleSheet("color: #8e1b1b;")
            if isinstance(key, State):
                button.setObjectName(f"case.to.{key.value}")
                button.clicked.connect(lambda _checked=False, t=key: self.run_transition(t))
            else:
                button.setObjectName(f"case.action.{key.value}")
                button.setText(service_label(key))
                button.clicked.connect(lambda _checked=False, a=key: self.run_service(a))
            button.setVisible(False)
            self.buttons_box.addWidget(button)
            self._all_buttons[key] = button
        self.buttons: dict[State | ServiceAction, QPushButton] = {}  # those offered now, in button order
        self.offer = ServiceOffer((), ())
        self.objection_dialog: ObjectionDialog | None = None
        self.no_actions = QLabel(self.tr("您的角色在此状态下无可办理事项"))
        self.no_actions.setObjectName("case.no_actions")
        self.no_actions.setStyleSheet("color: #555;")
        self.message = QLabel()
        self.message.setObjectName("case.message")
        self.message.setWordWrap(True)
        actions = QGridLayout()
        self.note_label = QLabel(self.tr("说明(&N)"))
        self.note_label.setBuddy(self.note)
        actions.addWidget(self.note_label, 0, 0)
        actions.addWidget(self.note, 0, 1)
        actions.addLayout(self.buttons_box, 0, 2)
        actions.addWidget(self.no_actions, 0, 1)  # shares the note's cell: only one is ever shown
        actions.addWidget(self.message, 1, 1, 1, 2)
        actions.setColumnStretch(1, 1)
        self.actions_frame = QFrame()
        self.actions_frame.setLayout(actions)

        self.fields: dict[str, QLabel] = {}
        facts = QWidget()
        grid = QGridLayout(facts)
        grid.addWidget(self._group(self.tr("申请人"), [
            ("applicant_name", self.tr("姓名")), ("id_number", self.tr("身份证号码")),
            ("phone", self.tr("手机号码")), ("employer", self.tr("工作单位")), ("employer_uscc", self.tr("信用代码")),
        ]), 0, 0)
        grid.addWidget(self._group(self.tr("证书"), [
            ("cert_number", self.tr("证书编号")), ("cert_kind", self.tr("证书种类")), ("cert_level", self.tr("等级")),
            ("occupation", self.tr("职业（工种）")), ("cert_issue_date", self.tr("核发日期")),
        ]), 0, 1)
        grid.addWidget(self._group(self.tr("补贴与发放"), [
            ("amount", self.tr("补贴金额")), ("verdict", self.tr("核验结果")), ("policy", self.tr("适用政策")),
            ("payment_kind", self.tr("发放方式")), ("payment_account", self.tr("账号")),
            ("bank_name", self.tr("开户银行")), ("holder_name", self.tr("户名")),
        ]), 1, 0)
        grid.addWidget(self._group(self.tr("受理与审核"), [
            ("application_date", self.tr("申请日期")), ("insured", self.tr("参保情况")),
            ("accepted", self.tr("受理人、时间")), ("lookup_code", self.tr("查询码")),
            ("decision_note", self.tr("最近说明")),
        ]), 1, 1)
        grid.addWidget(self._materials_box(), 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidget(facts)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.timeline = QListWidget()
        self.timeline.setObjectName("case.timeline")
        self.timeline.setAccessibleName(self.tr("办理记录"))
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.documents = QListWidget()
        self.documents.setObjectName("case.documents")
        self.documents.setAccessibleName(self.tr("出具文书"))
        self.documents.setWordWrap(True)
        self.documents.setMaximumHeight(110)
        history = QWidget()
        side = QVBoxLayout(history)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel(self.tr("办理记录")))
        side.addWidget(self.timeline, 1)
        side.addWidget(QLabel(self.tr("出具文书（回执、告知书、决定书及补打）")))
        side.addWidget(self.documents)
        prints = QHBoxLayout()
        self.print_buttons: dict[str, QPushButton] = {}
        for kind, label in (("receipt", self.tr("打印/补打回执")), ("notice", self.tr("打印一次性告知书")),
                            ("decision", self.tr("打印决定书")),
                            # issue 17.9: a returned payment asks for an account; a withdrawal is confirmed
                            ("payment_notice", self.tr("打印补正通知书")),
                            ("withdrawal", self.tr("打印撤回确认书"))):
            button = QPushButton(label)
            button.setObjectName(f"case.print.{kind}")
            button.clicked.connect(lambda _checked=False, k=kind: self.print_document(k))
            button.hide()
            prints.addWidget(button)
            self.print_buttons[kind] = button
        prints.addStretch(1)
        side.addLayout(prints)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.actions_frame)
        self.central_notes = QLabel()
        self.central_notes.setObjectName("case.central_notes")
        self.central_notes.setWordWrap(True)
        self.central_notes.hide()
        layout.addWidget(self.central_notes)
        self.payee_change = QLabel()
        self.payee_change.setObjectName("case.payee_change")
        self.payee_change.setWordWrap(True)
        self.payee_change.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.payee_change.hide()
        layout.addWidget(self.payee_change)
        layout.addWidget(splitter, 1)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_requested.emit)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not the window's Esc elsewhere
        self._show_nothing()

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in rows:
            value = QLabel()
            value.setObjectName(f"case.field.{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        return box

    def _materials_box(self) -> QGroupBox:
        """申请材料 in POLICY.md §4's three kinds; what is still missing is ticked here when handed in (补正)."""
        box = QGroupBox(self.tr("申请材料"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.materials_fields: dict[str, QLabel] = {}
        for key, label in (("received", self.tr("已收取")), ("shared", self.tr("信息共享核验")),
                           ("missing", self.tr("尚缺材料"))):
            value = QLabel()
            value.setObjectName(f"case.materials.{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.materials_fields[key] = value
            form.addRow(label, value)
        self.supplement_list = QListWidget()
        self.supplement_list.setObjectName("case.materials")
        self.supplement_list.setAccessibleName(self.tr("勾选申请人补交的材料"))
        self.supplement_list.setMaximumHeight(90)
        self.supplement_button = QPushButton(self.tr("登记补正材料"))
        self.supplement_button.setObjectName("case.supplement")
        self.supplement_button.setAutoDefault(False)
        self.supplement_button.clicked.connect(self.supplement)
        self.supplement_box = QWidget()
        row = QHBoxLayout(self.supplement_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.supplement_list, 1)
        row.addWidget(self.supplement_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.supplement_box.hide()
        form.addRow(self.supplement_box)
        return box

    # --- loading ------------------------------------------------------------------------------

    @property
    def case(self) -> CaseRecord | None:
        return self.detail.case if self.detail else None

    def show_case(self, case_id: str) -> None:
        """Load a case (by id or case number) and show it; any earlier answer is dropped."""
        if case_id != self._case_id:
            self.note.clear()
            self._show_message("")
        self._case_id = case_id
        self._generation += 1
        generation, store = self._generation, self.workspace.store
        self._set_busy(True)
        user = self.user

        verifier = self.workspace.verifier

        def load() -> tuple[CaseDetail, ServiceOffer, CaseMaterials]:
            detail = case_queries.case_detail(store, case_id)
            return detail, case_queries.service_offer(store, user, detail.case), case_materials(verifier, detail.case)

        self.runner.run(
            load,
            lambda loaded: self._loaded(generation, *loaded),
            lambda error: self._load_failed(generation, error),
        )

    def print_document(self, kind: str) -> None:
        if self.detail is None:
            return
        ws, user, case_id = self.workspace, self.user, self.detail.case.id

        def done(issued: IssuedDocument) -> None:
            self.reload()
            self.document_issued.emit(issued)

        paper = self.receipt_format
        self.runner.run(lambda: issue_to_data_folder(ws.store, ws.verifier, user, case_id, kind, format=paper), done,
                        lambda error: self._show_message(
                            error.said(QCoreApplication.translate) if isinstance(error, ZhanchiError)
                            else self.tr("打印失败，请重试"), error=True))

    def reload(self) -> None:
        if self._case_id is not None:
            self.show_case(self._case_id)

    def _loaded(self, generation: int, detail: CaseDetail, offer: ServiceOffer, materials: CaseMaterials) -> None:
        if generation != self._generation:
            return
        self.detail, self.offer, self.materials = detail, offer, materials
        self._case_id = detail.case.id
        self._set_busy(False)
        self._show(detail)

    def _load_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        if isinstance(error, NotFound):
            self.detail = None
            self._show_nothing()
        self._show_message(self._words(error), error=True)

    # --- showing ------------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self.title.setText(self.tr("未选择案件"))
        self.state_badge.setText("")
        self.state_badge.setStyleSheet("")
        self.summary.setText("")
        for label in self.fields.values():
            label.setText("")
        self.timeline.clear()
        self.documents.clear()
        self.payee_change.hide()
        self.materials = None
        self._fill_materials(None, None)
        self.offer = ServiceOffer((), ())
        self._set_buttons((), ())
        for button in self.print_buttons.values():
            button.hide()

    def _show(self, detail: CaseDetail) -> None:
        case = detail.case
        self.title.setText(case.case_no)
        text, background = state_colours(case.state)
        self.state_badge.setText(state_text(case.state))
        self.state_badge.setAccessibleName(self.tr("当前状态：") + state_text(case.state))
        self.state_badge.setStyleSheet(
            f"color: {text.name()}; background: {background.name()}; border: 1px solid {text.name()};"
            " border-radius: 3px; padding: 2px 8px; font-weight: bold;")
        since = self._local(case.state_changed_at)
        summary = self.tr("自 %1 起").replace("%1", since)
        if case.disputed:
            summary += self.tr("　⚠ 存疑受理：核验结果为不符合条件，受理理由“%1”，待审核人复核").replace(
                "%1", case.dispute_reason or "")
        self.summary.setText(summary)
        self._show_central_notes(detail)
        self._show_payee_change(detail.payee_change)
        self._fill_fields(case)
        self._fill_timeline(detail.timeline)
        self._fill_documents(detail.documents)
        self._fill_materials(case, self.materials)
        self._set_buttons(case_queries.allowed_transitions(self.user, case), self.offer.actions)
        printable = printable_kinds(self.user, case)
        for kind, button in self.print_buttons.items():
            button.setVisible(kind in printable)

    def _fill_fields(self, case: CaseRecord) -> None:
        f = self.fields
        f["applicant_name"].setText(case.applicant_name)
        f["id_number"].setText(case.id_number)  # in full: this is the case itself
        f["phone"].setText(case.phone or "—")
        f["employer"].setText(case.employer_name or "—")
        f["employer_uscc"].setText(case.employer_uscc or "—")
        f["cert_number"].setText(case.cert_number)
        f["cert_kind"].setText(_tr(_CERT_KINDS.get(case.cert_kind, case.cert_kind)))
        f["cert_level"].setText(level_text(case.cert_level)
                                + (self.tr("（紧缺职业）") if case.shortage else ""))
        f["occupation"].setText(f"{case.occupation_code} {case.occupation_name}".strip())
        f["cert_issue_date"].setText(case.cert_issue_date.isoformat())
        f["amount"].setText(f"{amount_text(case.amount_yuan)}（{yuan_in_capitals(case.amount_yuan)}）")
        f["verdict"].setText(self.tr("✔ 符合条件") if case.eligible else self.tr("✘ 不符合条件"))
        f["policy"].setText(case.policy_id)
        f["payment_kind"].setText(_tr(_PAYMENT_KINDS.get(case.payment_kind, case.payment_kind)))
        f["payment_account"].setText(case.payment_account)
        f["bank_name"].setText(case.bank_name or "—")
        f["holder_name"].setText(case.holder_name or "—")
        f["application_date"].setText(case.application_date.isoformat())
        f["insured"].setText(self.tr("%1，累计缴费 %2 个月").replace("%1", case.insured_region)
                             .replace("%2", str(case.contribution_months)))
        if case.accepted_by and case.accepted_at:
            f["accepted"].setText(f"{case.accepted_by}　{self._local(case.accepted_at)}")
        else:
            f["accepted"].setText(self.tr("尚未受理"))
        f["lookup_code"].setText(case.lookup_code)
        f["decision_note"].setText(case.decision_note or "—")

    def _fill_materials(self, case: CaseRecord | None, materials: CaseMaterials | None) -> None:
        f = self.materials_fields
        self.supplement_list.clear()
        if case is None or materials is None:
            for label in f.values():
                label.setText("")
            self.supplement_box.hide()
            return
        f["received"].setText("\n".join(materials.received) or self.tr("无"))
        f["shared"].setText("\n".join([*materials.shared, *materials.office_checking])
                            or self.tr("无（未通过信息共享核验任何信息）"))
        f["missing"].setText("\n".join(f"{m.name}（{m.how}）" for _, m in materials.missing) or self.tr("无"))
        f["missing"].setStyleSheet("color: #a61b1b; font-weight: bold;" if materials.missing else "")
        for code, material in materials.missing:
            item = QListWidgetItem(material.name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.supplement_list.addItem(item)
        self.supplement_box.setVisible(bool(materials.missing) and case.state in SUPPLEMENT_STATES
                                       and can(self.user, Action.case_create))

    def _fill_timeline(self, entries: tuple[AuditEntry, ...]) -> None:
        self.timeline.clear()
        for entry in entries:
            self.timeline.addItem(QListWidgetItem(self._entry_text(entry)))
        self.timeline.scrollToBottom()

    def _entry_text(self, entry: AuditEntry) -> str:
        after = entry.after or {}
        head = f"{self._local(dt.datetime.fromisoformat(entry.at))}　{action_text(entry.action)}"
        state = after.get("state")
        if isinstance(state, str) and state in State.__members__:
            head += f" → {state_text(State(state))}"
        details = [self.tr("经办人 %1").replace("%1", entry.actor)]
        note = after.get("note")
        if isinstance(note, str) and note:
            details.append(self.tr("说明：%1").replace("%1", note))
        return f"{head}\n{'　'.join(details)}"

    def _show_central_notes(self, detail: CaseDetail) -> None:
        """Duplicates found by the central system, in red and words; other annotations as information."""
        lines = []
        for note in detail.annotations:
            when = self._local(note.created_at)
            if note.needs_attention and note.kind == "jurisdiction":
                text = self.tr("⚠ 非参保地受理，待人工核实（%1）：%2")
            elif note.needs_attention:
                text = self.tr("⚠ 中心系统发现重复申领（%1）：%2")
            elif note.kind == "duplicate":
                text = self.tr("重复申领（已处理，%1）：%2")
            else:
                continue
            lines.append(text.replace("%1", when).replace("%2", note.message))
        attention = any(note.needs_attention for note in detail.annotations)
        self.central_notes.setText("\n".join(lines))
        self.central_notes.setStyleSheet("color: #a61b1b; font-weight: bold;" if attention else "color: #555;")
        self.central_notes.setVisible(bool(lines))

    def _show_payee_change(self, change: payee_changes.PayeeProposal | None) -> None:
        """A payee change waiting for a second person, with who proposed it and why (issue 14.6)."""
        if change is None:
            self.payee_change.hide()
            return
        text = self.tr("⚠ 收款账户变更待另一人确认：%1（%2于%3提出：%4）").replace("%1", change.describe()) \
            .replace("%2", change.proposed_by).replace("%3", self._local(change.proposed_at)).replace("%4", change.note)
        if change.bank_warning:
            text += "\n⚠ " + change.bank_warning
        self.payee_change.setText(text)
        self.payee_change.show()

    def _fill_documents(self, entries: tuple[AuditEntry, ...]) -> None:
        self.documents.clear()
        if not entries:
            item = QListWidgetItem(self.tr("尚无出具文书的记录"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.documents.addItem(item)
        for entry in entries:
            when = self._local(dt.datetime.fromisoformat(entry.at))
            self.documents.addItem(QListWidgetItem(f"{when}　{action_text(entry.action)}　{entry.actor}"))

    def _local(self, instant: dt.datetime) -> str:
        return f"{instant.astimezone(self.workspace.clock.tz):%Y-%m-%d %H:%M}"

    # --- actions --------------------------------------------------------------------------------

    def _set_buttons(self, targets: tuple[State, ...], services: tuple[ServiceAction, ...]) -> None:
        # One button per target state and per service, made once and shown or hidden: deleting
        # and re-creating buttons while a click's answer is still being handled invites
        # use-after-free crashes in the bindings, and fixed object names help tests.
        case = self.case
        self.buttons = {}
        for key, button in self._all_buttons.items():
            offered = case is not None and (key in services if isinstance(key, ServiceAction) else key in targets)
            if offered and isinstance(key, State):
                assert case is not None
                button.setText(transition_label(case.state, key))
            if offered:
                self.buttons[key] = button
            button.setVisible(offered)
        if case is None:
            self.actions_frame.setVisible(False)
            return
        anything = bool(self.buttons)
        # Nothing to do here: the core's words say why (the publicity period is still running,
        # results come from the bank's file) when it has them.
        self.no_actions.setText("；".join(self.offer.notes) if self.offer.notes
                                else self.tr("您的角色在此状态下无可办理事项"))
        self.no_actions.setVisible(not anything)
        uses_note = any(key is not ServiceAction.record_objection for key in self.buttons)  # the dialog asks
        self.note.setVisible(uses_note)
        self.note_label.setVisible(uses_note)
        self.actions_frame.setVisible(True)
        self._set_busy(self._busy)

    def supplement(self) -> None:
        """补正: record the materials ticked as handed in now (the core checks and audits it)."""
        case = self.case
        if case is None or self._busy:
            return
        codes = [item.data(Qt.ItemDataRole.UserRole) for item in
                 (self.supplement_list.item(i) for i in range(self.supplement_list.count()))
                 if item.checkState() == Qt.CheckState.Checked]
        if not codes:
            self._show_message(self.tr("请勾选申请人本次补交的材料"), error=True)
            self.supplement_list.setFocus()
            return
        store, user, label = self.workspace.store, self.user, self.tr("登记补正材料")
        self._set_busy(True)
        self._show_message(self.tr("正在办理：%1…").replace("%1", label))
        self.runner.run(lambda: supplement_materials(store, user, case.id, codes, expected_version=case.version),
                        lambda record: self._done(record, label), self._refused)

    def _accept_draft(self, case: CaseRecord) -> None:
        """受理 on a saved draft, through the materials gate (issue 16.4), then its receipt."""
        missing = list(self.materials.missing) if self.materials is not None else []
        if not missing:
            self._run_accept(case, [])
            return
        if self.missing_dialog is not None:
            return  # already asking
        dialog = MissingMaterialsDialog([material.name for _, material in missing],
                                        self.tr("暂不受理（保持待补正）"), self)
        self.missing_dialog = dialog
        codes = [code for code, _ in missing]

        def decided(answer: str) -> None:
            self.missing_dialog = None
            dialog.deleteLater()
            if answer == ACCEPT:
                self._run_accept(case, codes)
            elif answer == KEEP:
                self._show_message(self.tr("未受理：案件保持待补正。申请人补齐材料后，勾选并登记补正，再受理"))

        dialog.decided.connect(decided)
        dialog.open()

    def _run_accept(self, case: CaseRecord, confirm_missing: list[str]) -> None:
        note = self.note.text().strip() or None
        store, user, label = self.workspace.store, self.user, transition_label(State.draft, State.accepted)
        self._set_busy(True)
        self._show_message(self.tr("正在办理：%1…").replace("%1", label))

        def accepted(record: CaseRecord) -> None:
            self._done(record, label)
            self.print_document("receipt")  # acceptance issues the receipt, as F9 does at the counter

        self.runner.run(lambda: accept_case(store, user, case.id, reason=note, expected_version=case.version,
                                            confirm_missing=confirm_missing), accepted, self._refused)

    def run_transition(self, target: State) -> None:
        """Move the shown case to ``target`` (a button's click); the core checks everything."""
        case = self.case
        if case is None or self._busy:
            return
        if (case.state, target) == (State.draft, State.accepted):
            self._accept_draft(case)
            return
        note = self.note.text().strip() or None
        store, user, label = self.workspace.store, self.user, transition_label(case.state, target)
        self._set_busy(True)
        self._show_message(self.tr("正在办理：%1…").replace("%1", label))
        verifier = self.workspace.verifier

        def run() -> CaseRecord:
            # Starting review computes the risk flags, rejecting answers open objections: the review service's work.
            if (case.state, target) == (State.accepted, State.under_review):
                return review.start_review(store, verifier, user, case.id, expected_version=case.version)
            if target is State.rejected:
                return review.reject_review(store, user, case.id, note or "", expected_version=case.version)
            return transition(store, user, case.id, target, note=note, expected_version=case.version)

        self.runner.run(run, lambda record: self._done(record, label), self._refused)

    def run_service(self, action: ServiceAction) -> None:
        """Run a back-office service on the shown case (a button's click); the service checks everything."""
        case = self.case
        if case is None or self._busy:
            return
        if action is ServiceAction.record_objection:
            self._ask_objection(case)
            return
        note = self.note.text().strip() or None
        ws, user, case_id, label = self.workspace, self.user, case.id, service_label(action)

        def run() -> CaseRecord:
            if action is ServiceAction.pass_review:
                return review.pass_review(ws.store, ws.verifier, user, case_id, note=note)
            if action is ServiceAction.approve:
                return approval.approve(ws.store, user, case_id, note=note)[0]
            if action is ServiceAction.confirm_payee:
                return payee_changes.confirm_payee_change(ws.store, user, case_id)
            if action is ServiceAction.decline_payee:
                return payee_changes.decline_payee_change(ws.store, user, case_id, note or "")
            return payments.requeue_payment(ws.store, user, case_id, note=note or "")

        self._set_busy(True)
        self._show_message(self.tr("正在办理：%1…").replace("%1", label))
        self.runner.run(run, lambda record: self._done(record, label), self._refused)

    def _ask_objection(self, case: CaseRecord) -> None:
        """The objection's who, how to reach them and what, in a small dialog; the service runs on 登记."""
        dialog = ObjectionDialog(case.case_no, self)
        self.objection_dialog = dialog
        ws, user, case_id, label = self.workspace, self.user, case.id, service_label(ServiceAction.record_objection)

        def submit(objector: str, contact: str, content: str) -> None:
            def done(result: tuple[publicity.ObjectionRecord, CaseRecord]) -> None:
                if self.objection_dialog is dialog:
                    dialog.accept()  # recorded: close
                self._done(result[1], label)

            def refused(error: Exception) -> None:
                open_still = self.objection_dialog is dialog  # not cancelled meanwhile
                if open_still and isinstance(error, InvalidInput) and error.field in ObjectionDialog.FIELDS:
                    self._set_busy(False)
                    dialog.show_error(error.field, error.reason_said(QCoreApplication.translate))
                    return
                if open_still:
                    dialog.reject()
                self._refused(error)

            self._set_busy(True)
            dialog.set_busy(True)
            self.runner.run(lambda: publicity.record_objection(ws.store, user, case_id, objector=objector,
                                                               contact=contact, content=content),
                            done, refused)

        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: ObjectionDialog) -> None:
        if self.objection_dialog is dialog:
            self.objection_dialog = None
        dialog.deleteLater()

    def _done(self, record: CaseRecord, label: str) -> None:
        self._set_busy(False)
        self.note.clear()
        self._show_message(self.tr("已办理：%1，案件现为“%2”").replace("%1", label)
                           .replace("%2", state_text(record.state)))
        self.runner.publish(Changes.of_cases(record.id))
        self.reload()

    def _refused(self, error: Exception) -> None:
        self._set_busy(False)
        self._show_message(self._words(error), error=True)
        if isinstance(error, InvalidInput) and error.field in ("note", "reason"):
            self.note.setFocus()
        if isinstance(error, Conflict):
            self.reload()  # someone else moved it: show what it is now

    def _words(self, error: Exception) -> str:
        if not isinstance(error, ZhanchiError):
            return self.tr("操作未完成：程序内部错误，已记录日志，请联系管理员")
        if isinstance(error, InvalidInput):
            return error.reason_said(QCoreApplication.translate)  # the field is the note box right here: no dotted path
        return error.said(QCoreApplication.translate)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (*self._all_buttons.values(), self.supplement_button):
            button.setEnabled(not busy)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #a61b1b; font-weight: bold;" if error else "color: #1f6130;")
        self.message.setVisible(bool(text))

    def button_labels(self) -> list[str]:
        """The actions offered now, as their buttons read."""
        return [button.text() for button in self.buttons.values()]


class ObjectionDialog(QDialog):
    """A publicity objection: who objects, how to reach them, what they say.  登记 emits
    ``submitted``; the page runs the service and closes the dialog once it is recorded, or
    shows the refusal here beside the fields."""

    submitted = Signal(str, str, str)  # objector, contact, content
    FIELDS = ("objector", "contact", "content")

    def __init__(self, case_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记公示异议"))
        self.setObjectName("objection.dialog")
        self.objector = QLineEdit()
        self.objector.setObjectName("objection.objector")
        self.objector.setMaxLength(publicity.MAX_OBJECTOR)
        self.contact = QLineEdit()
        self.contact.setObjectName("objection.contact")
        self.contact.setMaxLength(publicity.MAX_CONTACT)
        self.content = QPlainTextEdit()
        self.content.setObjectName("objection.content")
        self.content.setTabChangesFocus(True)
        self.message = QLabel()
        self.message.setObjectName("objection.message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.message.setVisible(False)
        intro = QLabel(self.tr("案件 %1 公示期间收到的异议。登记后案件退出公示批次，退回审核。").replace("%1", case_no))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("异议人(&O)"), self.objector)
        form.addRow(self.tr("联系方式(&C)"), self.contact)
        form.addRow(self.tr("异议内容(&T)"), self.content)
        self.buttons = QDialogButtonBox()
        self.submit = self.buttons.addButton(self.tr("登记"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setObjectName("objection.submit")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(480, 320)

    def _field(self, name: str) -> QWidget:
        return {"objector": self.objector, "contact": self.contact, "content": self.content}[name]

    def _submit(self) -> None:
        texts = (self.objector.text().strip(), self.contact.text().strip(), self.content.toPlainText().strip())
        for name, text in zip(self.FIELDS, texts, strict=True):
            if not text:  # the service would refuse it too; saying so here saves a round trip
                self.show_error(name, self.tr("不能为空"))
                return
        self.message.setVisible(False)
        self.submitted.emit(*texts)

    def set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)

    def show_error(self, field: str, reason: str) -> None:
        label = {"objector": self.tr("异议人"), "contact": self.tr("联系方式"), "content": self.tr("异议内容")}[field]
        self.set_busy(False)
        self.message.setText(f"{label}：{reason}")
        self.message.setVisible(True)
        self._field(field).setFocus()
