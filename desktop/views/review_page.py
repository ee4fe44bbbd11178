"""审核: the review queue, what a reviewer needs to decide on the chosen case, and the decision.

The queue is the core's (``review.review_queue``: overdue first, then by
deadline).  The time limit shows as a date and in words (超期 / 今日到期 / 剩 N
个工作日), tinted red when overdue: colour never alone.  Choosing a case shows
its failed checks, where its data came from, duplicate claims found by the
central system, its risk flags (each cleared with a written finding) and the
publicity objections still to be answered.

The decisions are the core's too: ``start_review``, ``pass_review`` (refused
while a risk flag is open, or without a note on a disputed or objected case)
and ``reject_review`` (the reasons go on the written decision, printed from
here at once).  A refusal is shown in words under the buttons.

One key never decides a case nobody saw: a decision (F9 通过, F8 驳回) is for
the case whose title has been painted on screen, and a second one within half
a second of the last does nothing — a double F9 passes one case, not the next
one in the queue.  A rejection asks first, naming the case and the reasons.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.case_documents import IssuedDocument, issue_to_data_folder
from desktop.documents.wording import rule_label
from desktop.models import review, risk
from desktop.models.cases import State
from desktop.models.checklist import SHARED_LABELS, Source
from desktop.models.masking import mask_account, mask_id, mask_name
from desktop.models.review import ReviewItem
from desktop.models.staff import Action, can
from desktop.views.back_office import (
    ALERT,
    GOOD,
    WARN,
    BackOfficePage,
    Chosen,
    Column,
    RowsModel,
    colours,
    fill_list,
    hbox,
    line_edit,
    local_text,
    make_table,
    panes,
    push_button,
    risk_label,
)
from desktop.views.case_table_model import amount_text, level_text, state_text
from desktop.views.style import emphasise

FlagIdRole = Qt.ItemDataRole.UserRole + 1
DECISION_GAP_S = 0.5  # a second decision key within this many seconds of the last is a bounce, not a decision

COL_CASE_NO, COL_STATE, COL_NAME, COL_LEVEL, COL_AMOUNT, COL_ACCEPTED, COL_DEADLINE, COL_RISK, COL_DUPLICATE, \
    COL_REASON = range(10)


class ReviewPage(BackOfficePage):
    page_name = "review"

    def build(self) -> None:
        self._rejected: str | None = None  # the case just rejected: its decision can be printed
        self._title_case: str | None = None  # the case whose title the detail shows
        self._painted_case: str | None = None  # … once that title has been painted: the case on screen
        self._last_decision = float("-inf")  # monotonic() of the last decision sent
        self.may_decide = can(self.user, Action.case_publicize)
        self.may_start = can(self.user, Action.case_start_review)

        top = self.header(self.tr("审核队列"))

        self.model = RowsModel(self._columns(), lambda item: item.case.id, self)
        self.table = make_table("review.queue", self.model, stretch=COL_REASON,
                                accessible=self.tr("审核队列"))
        self.chosen = Chosen(self.table, self._show_item, switched=self._switched)
        self.opens_case(self.table, lambda item: item.case.id)

        # The chosen case.
        self.case_title = QLabel()
        self.case_title.setObjectName("review.case")
        emphasise(self.case_title, 1.1)
        self.case_title.setWordWrap(True)
        self.case_title.installEventFilter(self)  # its paint says which case is on screen
        self.checks = QListWidget()
        self.checks.setObjectName("review.checks")
        self.checks.setAccessibleName(self.tr("核验结果与数据来源"))
        self.checks.setWordWrap(True)
        self.flags = QListWidget()
        self.flags.setObjectName("review.flags")
        self.flags.setAccessibleName(self.tr("风险提示"))
        self.flags.setWordWrap(True)
        self.flags.itemSelectionChanged.connect(self.update_actions)
        self.flag_note = line_edit("review.flag_note", self.tr("核查意见（解除提示时必填）"),
                                   accessible=self.tr("风险提示核查意见"))
        self.flag_note.returnPressed.connect(self.clear_flag)
        self.clear_button = push_button(self.tr("解除所选提示"), "review.clear_flag", self.clear_flag)
        self.objections = QListWidget()
        self.objections.setObjectName("review.objections")
        self.objections.setAccessibleName(self.tr("公示异议"))
        self.objections.setWordWrap(True)

        checks_box = QGroupBox(self.tr("核验结果、数据来源与重复申领"))
        QVBoxLayout(checks_box).addWidget(self.checks)
        flags_box = QGroupBox(self.tr("风险提示（逐项核查后解除）"))
        flags_layout = QVBoxLayout(flags_box)
        flags_layout.addWidget(self.flags, 1)
        flags_layout.addLayout(hbox(self.flag_note, self.clear_button, wide=self.flag_note))
        objections_box = QGroupBox(self.tr("待答复的公示异议"))
        QVBoxLayout(objections_box).addWidget(self.objections)
        boxes = QHBoxLayout()
        boxes.addWidget(checks_box, 4)
        boxes.addWidget(flags_box, 4)
        boxes.addWidget(objections_box, 3)

        self.note_label = QLabel(self.tr("审核意见(&N)"))
        self.note = line_edit("review.note", accessible=self.tr("审核意见"))
        self.note_label.setBuddy(self.note)
        self.start_button = push_button(self.tr("开始审核 (F7)"), "review.start", self.start_review)
        self.pass_button = push_button(self.tr("审核通过 (F9)"), "review.pass", self.pass_review)
        self.reject_button = push_button(self.tr("驳回 (F8)"), "review.reject", self.reject_review)
        self.reject_button.setStyleSheet("color: #8e1b1b;")
        self.open_button = push_button(self.tr("打开案件 (Enter)"), "review.open", self.open_selected)
        self.print_button = push_button(self.tr("打印审核决定书"), "review.print_decision", self.print_decision)
        self.print_button.hide()
        for button in (self.start_button, self.pass_button, self.reject_button, self.open_button,
                       self.clear_button, self.print_button):
            button.setAutoDefault(False)
        self.start_button.setVisible(self.may_start)
        for widget in (self.pass_button, self.reject_button, self.note, self.note_label):
            widget.setVisible(self.may_decide)
        self.clear_button.setVisible(self.may_start)
        self.flag_note.setVisible(self.may_start)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.case_title)
        detail_layout.addLayout(boxes, 1)
        detail_layout.addLayout(hbox(self.note_label, self.note, self.start_button, self.pass_button,
                                     self.reject_button, self.open_button, wide=self.note))
        detail_layout.addLayout(hbox(self.message, self.print_button, wide=self.message))
        # In proportion: the queue a little taller than the case.
        splitter = panes(Qt.Orientation.Vertical, self.table, detail, sizes=(560, 440))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.table)

        for key, slot in ((Qt.Key.Key_F7, self.start_review), (Qt.Key.Key_F9, self.pass_review),
                          (Qt.Key.Key_F8, self.reject_review)):
            QShortcut(QKeySequence(key), self, slot)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.open_selected)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._show_item(None)

    # --- the queue ------------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("受理编号"), lambda i: i.case.case_no),
            Column(self.tr("状态"), lambda i: state_text(i.case.state)),
            Column(self.tr("姓名"), lambda i: mask_name(i.case.applicant_name)),
            Column(self.tr("等级"), lambda i: level_text(i.case.cert_level)),
            Column(self.tr("补贴金额"), lambda i: amount_text(i.case.amount_yuan), right=True),
            Column(self.tr("受理日期"), lambda i: self._accepted_text(i)),
            Column(self.tr("审核期限"), self.deadline_text, colours=self._deadline_colours,
                   tip=self._deadline_tip, bold=lambda i: i.overdue),
            Column(self.tr("风险提示"), self._risk_text,
                   colours=lambda i: colours(WARN) if i.open_flags else None),
            Column(self.tr("重复申领"), self._duplicate_text,
                   colours=lambda i: colours(WARN) if i.duplicates else None),
            Column(self.tr("复核事由"), self._reason_text),
        ]

    def _accepted_text(self, item: ReviewItem) -> str:
        at = item.case.accepted_at or item.case.created_at
        return f"{at.astimezone(self.workspace.clock.tz):%Y-%m-%d}"

    def deadline_text(self, item: ReviewItem) -> str:
        d = item.deadline
        text = d.deadline.isoformat()
        if d.provisional:
            text += self.tr("（暂定）")
        if d.overdue:
            return text + self.tr("　超期")
        left = max(d.workdays - d.used, 0)
        if left == 0:
            return text + self.tr("　今日到期")
        return text + self.tr("　剩%1个工作日").replace("%1", str(left))

    def _deadline_colours(self, item: ReviewItem) -> Any:
        if item.overdue:
            return colours(ALERT)
        if item.deadline.workdays - item.deadline.used <= 1:
            return colours(WARN)
        return None

    def _deadline_tip(self, item: ReviewItem) -> str:
        d = item.deadline
        tip = self.tr("自%1起%2个工作日内办结，已用%3个工作日").replace("%1", d.started_on.isoformat()) \
            .replace("%2", str(d.workdays)).replace("%3", str(d.used))
        if d.provisional:
            tip += self.tr("；该年度节假日安排尚未公布，期限为暂定")
        return tip

    def _risk_text(self, item: ReviewItem) -> str:
        if item.open_flags:
            return self.tr("⚠ %1项待核查").replace("%1", str(len(item.open_flags)))
        if item.flags:
            return self.tr("已解除%1项").replace("%1", str(len(item.flags)))
        return "—"

    def _duplicate_text(self, item: ReviewItem) -> str:
        if item.duplicates:
            return self.tr("⚠ 疑似重复%1条").replace("%1", str(len(item.duplicates)))
        return "—"

    def _reason_text(self, item: ReviewItem) -> str:
        reasons = []
        if item.case.disputed:
            reasons.append(self.tr("存疑受理"))
        if item.objections:
            reasons.append(self.tr("公示异议%1件").replace("%1", str(len(item.objections))))
        return "、".join(reasons) if reasons else "—"

    def load(self) -> list[ReviewItem]:
        ws, user = self.workspace, self.user
        return review.review_queue(ws.store, ws.verifier, user)

    def show_data(self, data: list[ReviewItem]) -> None:
        overdue = sum(1 for i in data if i.overdue)
        text = self.tr("共%1件待审核").replace("%1", str(len(data)))
        if overdue:
            text += self.tr("，其中超期%1件（已排在最前）").replace("%1", str(overdue))
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #8e1b1b; font-weight: bold;" if overdue else "")
        self.chosen.reload(data)

    # --- the chosen case ------------------------------------------------------------------------

    @property
    def item(self) -> ReviewItem | None:
        return self.chosen.row

    def _switched(self, item: ReviewItem | None) -> None:
        """Another case chosen: what was typed for the last one is not for this one."""
        if item is not None:
            self.note.clear()
            self.flag_note.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.case_title and event.type() == QEvent.Type.Paint:
            self._painted_case = self._title_case
        return super().eventFilter(watched, event)

    def on_screen(self, case_id: str) -> bool:
        """``case_id``'s title has been painted since it was chosen: the reviewer could see it."""
        return self._painted_case == case_id

    def _decision_allowed(self, case_id: str, *, sent: bool = True) -> bool:
        """A decision key for ``case_id`` counts: its case is on screen and the last decision
        was at least ``DECISION_GAP_S`` ago.  When it counts and the decision is ``sent`` now (not
        asked about first), the time is taken as the last decision's."""
        now = monotonic()
        if now - self._last_decision < DECISION_GAP_S or not self.on_screen(case_id):
            return False
        if sent:
            self._last_decision = now
        return True

    def _decision_refused(self, _error: Exception) -> None:
        # Nothing was decided: the same case stays on screen, and may be decided at once.
        self._last_decision = float("-inf")

    def _show_item(self, item: ReviewItem | None) -> None:
        shown = item.case.id if item is not None else None
        if shown != self._title_case:
            self._title_case = shown
            self._painted_case = None  # not on screen until painted
            self.case_title.update()
        if item is None:
            self.case_title.setText(self.tr("未选择案件：在上方队列中选择一件"))
            for widget in (self.checks, self.flags, self.objections):
                widget.clear()
            self.update_actions()
            return
        case = item.case
        title = f"{case.case_no}　{case.applicant_name}　{mask_id(case.id_number)}　" \
                f"{case.occupation_name} {level_text(case.cert_level)}　{amount_text(case.amount_yuan)}"
        title += self.tr("　收款账户 %1").replace("%1", mask_account(case.payment_account))
        self.case_title.setText(title)
        fill_list(self.checks, self._check_lines(item))
        self.flags.clear()
        for flag in item.flags:
            line = QListWidgetItem(self._flag_text(flag))
            line.setData(FlagIdRole, flag.id)
            fore, back = colours(WARN if flag.open else GOOD)
            line.setForeground(fore)
            line.setBackground(back)
            if not flag.open:
                line.setFlags(Qt.ItemFlag.ItemIsEnabled)  # nothing to do with a cleared one
            self.flags.addItem(line)
        if self.flags.count() == 0:
            empty = QListWidgetItem(self.tr("✔ 没有风险提示"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.flags.addItem(empty)
        elif item.open_flags and self.may_start:
            self.flags.setCurrentRow(0)
        fill_list(self.objections, [self._objection_text(o) for o in item.objections],
                  empty=self.tr("没有待答复的异议"))
        if item.needs_note:
            self.note.setPlaceholderText(self.tr("必填：存疑受理或有公示异议的案件，须写明审核意见（对异议的核查结论）"))
        else:
            self.note.setPlaceholderText(self.tr("通过时可写审核意见；驳回时必填驳回理由（写入审核决定书）"))
        self.update_actions()

    def _check_lines(self, item: ReviewItem) -> list[Any]:
        lines: list[Any] = []
        failed = item.failed_checks
        if item.case.disputed:
            lines.append((self.tr("⚠ 存疑受理：%1").replace("%1", item.case.dispute_reason or ""), WARN))
        for check in failed:
            text = self.tr("✘ %1：%2").replace("%1", rule_label(str(check.get("rule", "")))) \
                .replace("%2", str(check.get("message", "")))
            lines.append((text, ALERT))
        if not failed:
            lines.append((self.tr("✔ 核验各项均符合条件"), GOOD))
        for key, label in SHARED_LABELS.items():
            found = item.sources.get(key)
            if isinstance(found, dict):
                try:
                    source = Source.from_json(found).label()
                except (KeyError, ValueError):
                    continue
                lines.append(self.tr("%1：%2").replace("%1", label).replace("%2", source))
        for note in item.duplicates:
            lines.append((self.tr("⚠ 重复申领：%1").replace("%1", note.message), ALERT))
        return lines

    def _flag_text(self, flag: risk.Flag) -> str:
        label = risk_label(flag.code)
        if flag.open:
            return self.tr("⚠ %1：%2").replace("%1", label).replace("%2", flag.message)
        when = local_text(flag.cleared_at, self.workspace.clock.tz)
        return self.tr("✔ %1（已解除：%2，%3 %4）").replace("%1", label).replace("%2", flag.clear_note or "") \
            .replace("%3", flag.cleared_by or "").replace("%4", when)

    def _objection_text(self, objection: Any) -> str:
        when = local_text(objection.recorded_at, self.workspace.clock.tz)
        return self.tr("%1　%2（%3）：%4").replace("%1", when).replace("%2", objection.objector) \
            .replace("%3", objection.contact).replace("%4", objection.content)

    def update_actions(self) -> None:
        item, free = self.item, not self.busy
        in_review = item is not None and item.case.state in (State.accepted, State.under_review)
        self.start_button.setEnabled(free and item is not None and item.case.state is State.accepted)
        self.pass_button.setEnabled(free and in_review)
        self.reject_button.setEnabled(free and in_review)
        self.open_button.setEnabled(item is not None)
        flag = self.flags.currentItem()
        self.clear_button.setEnabled(free and flag is not None and bool(flag.data(FlagIdRole))
                                     and bool(flag.flags() & Qt.ItemFlag.ItemIsSelectable))
        self.print_button.setEnabled(free)
        self.refresh_button.setEnabled(not self._loading)

    # --- actions --------------------------------------------------------------------------------

    def start_review(self) -> None:
        item = self.item
        if item is None or not self.may_start or not self.start_button.isEnabled():
            return
        ws, user, case_id = self.workspace, self.user, item.case.id
        self.act(self.tr("开始审核"), lambda: review.start_review(ws.store, ws.verifier, user, case_id),
                 lambda record: self.action_done(self.tr("案件 %1 已开始审核").replace("%1", record.case_no),
                                                 record.id))

    def pass_review(self) -> None:
        item = self.item
        if item is None or not self.may_decide or not self.pass_button.isEnabled():
            return
        ws, user, case_id, note = self.workspace, self.user, item.case.id, self.note.text().strip() or None
        if self.busy or self.confirmation is not None or not self._decision_allowed(case_id):
            return

        def done(record: Any) -> None:
            self.note.clear()
            self.chosen.key = None
            self.action_done(self.tr("案件 %1 审核通过，已转入待公示").replace("%1", record.case_no), record.id)

        def refused(error: Exception) -> None:
            self._decision_refused(error)
            self.refresh()

        self.act(self.tr("审核通过"), lambda: review.pass_review(ws.store, ws.verifier, user, case_id, note=note),
                 done, fields={"note": (self.tr("审核意见"), self.note)}, refused=refused)

    def reject_review(self) -> None:
        item = self.item
        if item is None or not self.may_decide or not self.reject_button.isEnabled():
            return
        ws, user, case, note = self.workspace, self.user, item.case, self.note.text()
        case_id = case.id

        def done(record: Any) -> None:
            self.note.clear()
            self.chosen.key = None
            self._rejected = record.id
            self.print_button.setText(self.tr("打印审核决定书（%1）").replace("%1", record.case_no))
            self.print_button.show()
            self.action_done(self.tr("案件 %1 已驳回，请打印审核决定书交申请人").replace("%1", record.case_no),
                             record.id)

        def reject() -> None:
            self._last_decision = monotonic()
            self.act(self.tr("驳回"), lambda: review.reject_review(ws.store, user, case_id, note), done,
                     fields={"note": (self.tr("驳回理由"), self.note)}, refused=self._decision_refused)

        if not note.strip():
            reject()  # no reasons: the core refuses it beside the box, nothing to ask
            return
        if self.busy or self.confirmation is not None or not self._decision_allowed(case_id, sent=False):
            return
        text = self.tr("驳回案件 %1（%2）？").replace("%1", case.case_no).replace("%2", case.applicant_name)
        details = self.tr("驳回理由：%1\n驳回后案件办结，并须向申请人出具审核决定书。").replace("%1", note.strip())
        self.confirm(self.tr("确认驳回"), text, self.tr("驳回"), reject, details=details)

    def clear_flag(self) -> None:
        flag = self.flags.currentItem()
        if flag is None or not self.clear_button.isEnabled():
            return
        ws, user, flag_id, note = self.workspace, self.user, str(flag.data(FlagIdRole)), self.flag_note.text()
        case_id = self.chosen.key or ""

        def done(cleared: risk.Flag) -> None:
            self.flag_note.clear()
            self.action_done(self.tr("已解除风险提示：%1").replace("%1", risk_label(cleared.code)), case_id)

        self.act(self.tr("解除风险提示"), lambda: risk.clear_flag(ws.store, user, flag_id, note), done,
                 fields={"note": (self.tr("核查意见"), self.flag_note)})

    def print_decision(self) -> None:
        case_id = self._rejected
        if case_id is None:
            return
        ws, user = self.workspace, self.user

        def done(issued: IssuedDocument) -> None:
            self.print_button.hide()
            self._rejected = None
            self.message.ok(self.tr("审核决定书已出具：%1").replace("%1", issued.case_no))
            self.announce(case_id)
            self.document_ready.emit(str(issued.path), self.tr("审核决定书 %1").replace("%1", issued.case_no))

        self.act(self.tr("打印审核决定书"),
                 lambda: issue_to_data_folder(ws.store, ws.verifier, user, case_id, "decision"), done)

    def open_selected(self) -> None:
        item = self.item
        if item is not None:
            self.open_case.emit(item.case.id)
