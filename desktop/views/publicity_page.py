"""公示: reviewed cases into numbered batches, published, printed, objected to, closed.

Top left, the cases the review passed that wait for a batch; top right, the
batches with their period (暂定 when the year's holiday arrangement is not yet
published, in words and tint).  Below, the chosen batch's cases and what can be
done with it: publish from a working day, print the list (the document goes to
the window's preview through ``document_ready``), record an objection against
one of its cases (who, how to reach them, what) — which takes the case out and
back to review — and close the batch once its last day has passed.  Every rule
(the period's length, the start on a working day, closing only after the end)
is the core's; a refusal is shown in words.  Publishing and closing a batch ask
first, saying how many cases and how much.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.publicity import IssuedList, issue_publicity_list
from desktop.models import publicity
from desktop.models.cases import CaseRecord
from desktop.models.masking import mask_name
from desktop.models.publicity import Batch, BatchState, Entry
from desktop.models.staff import Action, can
from desktop.views.back_office import (
    GOOD,
    QUIET,
    WARN,
    BackOfficePage,
    Chosen,
    Column,
    RowsModel,
    colours,
    current_row,
    form_group,
    from_qdate,
    hbox,
    line_edit,
    local_text,
    make_table,
    panes,
    push_button,
    selected_rows,
    to_qdate,
)
from desktop.views.case_table_model import QT_TRANSLATE_NOOP, amount_text, level_text, state_text

_BATCH_STATES = {
    BatchState.open: QT_TRANSLATE_NOOP("PublicityPage", "待发布"),
    BatchState.published: QT_TRANSLATE_NOOP("PublicityPage", "公示中"),
    BatchState.closed: QT_TRANSLATE_NOOP("PublicityPage", "公示期满"),
}

R_CASE_NO, R_NAME, R_OCCUPATION, R_LEVEL, R_AMOUNT, R_PASSED = range(6)
B_NO, B_STATE, B_CASES, B_AMOUNT, B_PERIOD = range(5)
E_CASE_NO, E_NAME, E_EMPLOYER, E_OCCUPATION, E_LEVEL, E_AMOUNT, E_STATUS = range(7)


@dataclass(frozen=True)
class Board:
    ready: list[CaseRecord]
    batches: list[Batch]
    today: dt.date
    first_day: dt.date  # the first working day from today: where a publication may start


class PublicityPage(BackOfficePage):
    page_name = "publicity"

    def build(self) -> None:
        self.today = self.workspace.clock.today()
        self.may_publish = can(self.user, Action.case_publicize)
        self.may_object = can(self.user, Action.case_object)

        top = self.header(self.tr("公示"))

        # Cases waiting for a batch.
        self.ready_model = RowsModel([
            Column(self.tr("受理编号"), lambda c: c.case_no),
            Column(self.tr("姓名"), lambda c: mask_name(c.applicant_name)),
            Column(self.tr("职业（工种）"), lambda c: c.occupation_name),
            Column(self.tr("等级"), lambda c: level_text(c.cert_level)),
            Column(self.tr("补贴金额"), lambda c: amount_text(c.amount_yuan), right=True),
            Column(self.tr("审核通过"), lambda c: f"{c.state_changed_at.astimezone(self.workspace.clock.tz):%Y-%m-%d}"),
        ], lambda c: c.id, self)
        self.ready_table = make_table("publicity.ready", self.ready_model, multi=True, stretch=R_OCCUPATION,
                                      accessible=self.tr("待公示案件"))
        self.ready_table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.create_selected = push_button(self.tr("所选列入新批次"), "publicity.create_selected",
                                           lambda: self.create_batch(selected=True))
        self.create_all = push_button(self.tr("全部列入新批次"), "publicity.create_all",
                                      lambda: self.create_batch(selected=False))
        ready_box = QGroupBox(self.tr("待公示案件（审核已通过，尚未列入批次）"))
        ready_layout = QVBoxLayout(ready_box)
        ready_layout.addWidget(self.ready_table, 1)
        ready_layout.addLayout(hbox(None, self.create_selected, self.create_all))

        # The batches.
        self.batch_model = RowsModel([
            Column(self.tr("批次号"), lambda b: b.batch_no),
            Column(self.tr("状态"), self.batch_state_text, colours=self._batch_colours),
            Column(self.tr("件数"), lambda b: self.tr("%1件").replace("%1", str(len(b.live_entries))), right=True),
            Column(self.tr("金额合计"), lambda b: amount_text(b.total_yuan), right=True),
            Column(self.tr("公示期"), self.period_text, colours=lambda b: colours(WARN) if b.provisional else None,
                   tip=self._period_tip),
        ], lambda b: b.id, self)
        self.batch_table = make_table("publicity.batches", self.batch_model, stretch=B_PERIOD,
                                      accessible=self.tr("公示批次"))
        self.chosen_batch = Chosen(self.batch_table, self._show_batch)
        batches_box = QGroupBox(self.tr("公示批次"))
        QVBoxLayout(batches_box).addWidget(self.batch_table)

        # The chosen batch.
        self.entry_model = RowsModel([
            Column(self.tr("受理编号"), lambda e: e.case_no),
            Column(self.tr("姓名"), lambda e: mask_name(e.applicant_name)),
            Column(self.tr("工作单位"), lambda e: e.employer_name or "—"),
            Column(self.tr("职业（工种）"), lambda e: e.occupation_name),
            Column(self.tr("等级"), lambda e: level_text(e.level)),
            Column(self.tr("补贴金额"), lambda e: amount_text(e.amount_yuan), right=True),
            Column(self.tr("在列情况"), self._entry_status,
                   colours=lambda e: None if e.live else colours(QUIET)),
        ], lambda e: e.case_id, self)
        self.entry_table = make_table("publicity.entries", self.entry_model, stretch=E_EMPLOYER,
                                      accessible=self.tr("批次中的案件"))
        self.entry_table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.opens_case(self.entry_table, lambda e: e.case_id)
        self.entries_box = QGroupBox(self.tr("批次明细"))
        QVBoxLayout(self.entries_box).addWidget(self.entry_table)

        # What can be done with the batch.
        self.starts_on = QDateEdit()
        self.starts_on.setObjectName("publicity.starts_on")
        self.starts_on.setCalendarPopup(True)
        self.starts_on.setDisplayFormat("yyyy-MM-dd")
        self.starts_on.setAccessibleName(self.tr("公示开始日期"))
        self.first_day = self.today  # the first working day from today (from the core with each refresh)
        self._chosen_start: dict[str, QDate] = {}  # batch id -> the start the reviewer chose
        self._setting_start = False
        self.starts_on.dateChanged.connect(self._start_chosen)
        self.publish_button = push_button(self.tr("发布公示 (F9)"), "publicity.publish", self.publish_batch)
        self.print_button = push_button(self.tr("打印公示名单 (Ctrl+P)"), "publicity.print", self.print_list)
        self.close_button = push_button(self.tr("结束公示"), "publicity.close", self.close_batch)
        self.batch_hint = QLabel()
        self.batch_hint.setObjectName("publicity.batch_hint")
        self.batch_hint.setWordWrap(True)
        batch_box = form_group(self.tr("批次办理"),
                               (self.tr("开始日期"), hbox(self.starts_on, self.publish_button, wide=self.starts_on)),
                               hbox(self.print_button, self.close_button), self.batch_hint)

        self.objector = line_edit("publicity.objector", self.tr("反映人姓名或单位"))
        self.contact = line_edit("publicity.contact", self.tr("电话或地址"))
        self.content = QPlainTextEdit()
        self.content.setObjectName("publicity.content")
        self.content.setPlaceholderText(self.tr("反映的问题"))
        self.content.setTabChangesFocus(True)
        self.content.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.object_button = push_button(self.tr("登记异议并退回审核"), "publicity.object", self.record_objection)
        self.object_box = form_group(self.tr("登记公示异议（对批次明细中所选案件）"),
                                     (self.tr("异议人"), self.objector), (self.tr("联系方式"), self.contact),
                                     (self.tr("异议内容"), self.content), self.object_button)
        self.object_box.setVisible(self.may_object)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(batch_box)
        side_layout.addWidget(self.object_box)
        side_layout.addStretch(1)

        upper = panes(Qt.Orientation.Horizontal, ready_box, batches_box, stretch=(4, 5))
        lower = panes(Qt.Orientation.Horizontal, self.entries_box, side, stretch=(2, 1))
        rows = panes(Qt.Orientation.Vertical, upper, lower)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(rows, 1)
        layout.addWidget(self.message)
        for button in (self.create_selected, self.create_all, self.publish_button, self.print_button,
                       self.close_button, self.object_button):
            button.setAutoDefault(False)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.publish_batch)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_list)
        self._show_batch(None)

    # --- words ---------------------------------------------------------------------------------

    def batch_state_text(self, batch: Batch) -> str:
        text = self.tr(_BATCH_STATES[batch.state]) if batch.state in _BATCH_STATES else str(batch.state)
        if batch.state is BatchState.published and batch.ends_on is not None and self.today > batch.ends_on:
            text += self.tr("·可结束")
        return text

    def _batch_colours(self, batch: Batch) -> Any:
        if batch.state is BatchState.closed:
            return colours(GOOD)
        if batch.state is BatchState.published and batch.ends_on is not None and self.today > batch.ends_on:
            return colours(WARN)
        return None

    def period_text(self, batch: Batch) -> str:
        if batch.starts_on is None or batch.ends_on is None:
            return self.tr("未发布")
        end = batch.ends_on.isoformat()[5:] if batch.ends_on.year == batch.starts_on.year \
            else batch.ends_on.isoformat()
        text = self.tr("%1 至 %2，%3个工作日").replace("%1", batch.starts_on.isoformat()) \
            .replace("%2", end).replace("%3", str(batch.workdays))
        if batch.provisional:
            text += self.tr("　暂定")
        return text

    def _period_tip(self, batch: Batch) -> str:
        if batch.provisional:
            return self.period_text(batch) + "\n" + self.tr("公示期跨越的年度节假日安排尚未公布，结束日期为暂定")
        return self.period_text(batch)

    def _entry_status(self, entry: Entry) -> str:
        if entry.live:
            return self.tr("在列（%1）").replace("%1", state_text(entry.case_state))
        return self.tr("已撤出（异议）")

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> Board:
        ws = self.workspace
        today = ws.clock.today()
        return Board(publicity.ready_cases(ws.store), publicity.list_batches(ws.store), today,
                     ws.verifier.calendar.next_workday(today))

    def show_data(self, data: Board) -> None:
        self.today = data.today
        self.first_day = data.first_day
        self.ready_model.set_rows(data.ready)
        showing = sum(1 for b in data.batches if b.state is BatchState.published)
        self.summary.setText(self.tr("待公示%1件；公示中批次%2个").replace("%1", str(len(data.ready)))
                             .replace("%2", str(showing)))
        self.chosen_batch.reload(data.batches)

    @property
    def batch(self) -> Batch | None:
        return self.chosen_batch.row

    def _show_batch(self, batch: Batch | None) -> None:
        if batch is None:
            self.entries_box.setTitle(self.tr("批次明细（未选择批次）"))
            self.entry_model.set_rows([])
            self.batch_hint.setText(self.tr("在待公示案件中选择案件列入新批次，或在右上方选择一个批次"))
            self.update_actions()
            return
        self.entries_box.setTitle(self.tr("批次明细：%1（%2）").replace("%1", batch.batch_no)
                                  .replace("%2", self.batch_state_text(batch)))
        self._show_start(batch)
        self.entry_model.set_rows(batch.entries)
        if batch.state is BatchState.open:
            hint = self.tr("尚未发布：选择开始日期（须为工作日）后发布，公示不少于5个工作日")
        elif batch.state is BatchState.published:
            assert batch.ends_on is not None
            if self.today > batch.ends_on:
                hint = self.tr("公示期已于%1届满，可结束公示；结束后案件转入待审批").replace(
                    "%1", batch.ends_on.isoformat())
            else:
                hint = self.tr("公示中，至%1（含）；届满后方可结束公示").replace("%1", batch.ends_on.isoformat())
            if batch.provisional:
                hint += self.tr("。该年度节假日安排尚未公布，日期为暂定")
        else:
            hint = self.tr("公示期满，已于%1结束公示").replace(
                "%1", local_text(batch.closed_at, self.workspace.clock.tz))
        self.batch_hint.setText(hint)
        self.update_actions()

    def _show_start(self, batch: Batch) -> None:
        """An open batch: the start chosen for it, else the first possible day; a published one: its start."""
        self._setting_start = True
        try:
            if batch.state is BatchState.open:
                self.starts_on.setMinimumDate(to_qdate(self.today))
                self.starts_on.setDate(self._chosen_start.get(batch.id) or to_qdate(max(self.first_day, self.today)))
            elif batch.starts_on is not None:
                self.starts_on.setMinimumDate(to_qdate(batch.starts_on))
                self.starts_on.setDate(to_qdate(batch.starts_on))
        finally:
            self._setting_start = False

    def _start_chosen(self, date: QDate) -> None:
        batch = self.batch
        if not self._setting_start and batch is not None and batch.state is BatchState.open:
            self._chosen_start[batch.id] = date

    def update_actions(self) -> None:
        free, batch = not self.busy, self.batch
        state = batch.state if batch else None
        self.create_selected.setEnabled(free and self.may_publish and bool(selected_rows(self.ready_table)))
        self.create_all.setEnabled(free and self.may_publish and self.ready_model.rowCount() > 0)
        self.publish_button.setEnabled(free and self.may_publish and state is BatchState.open)
        self.starts_on.setEnabled(state is BatchState.open)
        self.print_button.setEnabled(free and state in (BatchState.published, BatchState.closed))
        self.close_button.setEnabled(free and self.may_publish and state is BatchState.published)
        entry = current_row(self.entry_table)
        self.object_button.setEnabled(free and self.may_object and entry is not None and entry.live
                                      and state in (BatchState.open, BatchState.published))
        self.refresh_button.setEnabled(not self._loading)

    # --- actions --------------------------------------------------------------------------------

    def create_batch(self, *, selected: bool) -> None:
        if not self.may_publish:
            return
        ids = [c.id for c in selected_rows(self.ready_table)] if selected else None
        if selected and not ids:
            return
        store, user = self.workspace.store, self.user

        def done(batch: Batch) -> None:
            self.chosen_batch.key = batch.id
            self.action_done(self.tr("已建立公示批次 %1，共%2件；请选择开始日期后发布").replace("%1", batch.batch_no)
                             .replace("%2", str(len(batch.live_entries))), *[e.case_id for e in batch.live_entries])

        self.act(self.tr("建立公示批次"), lambda: publicity.create_batch(store, user, ids), done)

    def publish_batch(self) -> None:
        batch = self.batch
        if batch is None or not self.publish_button.isEnabled():
            return
        day = from_qdate(self.starts_on.date())
        text = self.tr("发布公示批次 %1：%2件，合计%3，自%4起公示？").replace("%1", batch.batch_no) \
            .replace("%2", str(len(batch.live_entries))).replace("%3", amount_text(batch.total_yuan)) \
            .replace("%4", day.isoformat())
        details = self.tr("发布后名单即对外公示，不能撤回；公示期内的异议逐件登记。")
        self.confirm(self.tr("确认发布公示"), text, self.tr("发布"), lambda: self._publish(batch.id, day),
                     details=details)

    def _publish(self, batch_id: str, day: dt.date) -> None:
        ws, user = self.workspace, self.user

        def done(published: Batch) -> None:
            text = self.tr("批次 %1 已发布，公示期 %2").replace("%1", published.batch_no) \
                .replace("%2", self.period_text(published))
            self.action_done(text + self.tr("；请打印公示名单张贴"), *[e.case_id for e in published.live_entries])

        self.act(self.tr("发布公示"),
                 lambda: publicity.publish_batch(ws.store, ws.verifier, user, batch_id, starts_on=day), done,
                 fields={"starts_on": (self.tr("公示开始日期"), self.starts_on)})

    def print_list(self) -> None:
        batch = self.batch
        if batch is None or not self.print_button.isEnabled():
            return
        store, user, batch_id, batch_no = self.workspace.store, self.user, batch.id, batch.batch_no

        def issue() -> IssuedList:
            stamp = store.clock.now().strftime("%Y%m%dT%H%M%S")
            out = store.data_dir / "documents" / "publicity" / f"{batch_no}-{stamp}.pdf"
            out.parent.mkdir(parents=True, exist_ok=True)
            return issue_publicity_list(store, user, batch_id, out)

        def done(issued: IssuedList) -> None:
            title = self.tr("公示名单 %1").replace("%1", issued.batch_no)
            if issued.reprint_count:
                title += self.tr("（第%1次补打）").replace("%1", str(issued.reprint_count))
            self.message.ok(self.tr("公示名单已出具：%1").replace("%1", str(issued.path)))
            self.document_ready.emit(str(issued.path), title)

        self.act(self.tr("打印公示名单"), issue, done)

    def close_batch(self) -> None:
        batch = self.batch
        if batch is None or not self.close_button.isEnabled():
            return
        if batch.ends_on is None or self.today <= batch.ends_on:
            self._close(batch.id)  # not yet due: the core says so, nothing to ask
            return
        text = self.tr("结束公示批次 %1：%2件，合计%3，转入待审批？").replace("%1", batch.batch_no) \
            .replace("%2", str(len(batch.live_entries))).replace("%3", amount_text(batch.total_yuan))
        self.confirm(self.tr("确认结束公示"), text, self.tr("结束公示"), lambda: self._close(batch.id),
                     details=self.tr("结束后不能再登记异议。"))

    def _close(self, batch_id: str) -> None:
        store, user = self.workspace.store, self.user

        def done(closed: Batch) -> None:
            self.action_done(self.tr("批次 %1 公示期满，已结束公示；%2件案件转入待审批").replace("%1", closed.batch_no)
                             .replace("%2", str(len(closed.live_entries))), *[e.case_id for e in closed.live_entries])

        self.act(self.tr("结束公示"), lambda: publicity.close_batch(store, user, batch_id), done)

    def record_objection(self) -> None:
        entry = current_row(self.entry_table)
        if entry is None or not self.object_button.isEnabled():
            return
        store, user, case_id = self.workspace.store, self.user, entry.case_id
        who, how, what = self.objector.text(), self.contact.text(), self.content.toPlainText()

        def done(result: Any) -> None:
            _objection, record = result
            for widget in (self.objector, self.contact):
                widget.clear()
            self.content.clear()
            self.action_done(self.tr("已登记对案件 %1 的异议，案件已撤出公示并退回审核").replace("%1", record.case_no),
                             record.id)

        self.act(self.tr("登记公示异议"),
                 lambda: publicity.record_objection(store, user, case_id, objector=who, contact=how, content=what),
                 done, fields={"objector": (self.tr("异议人"), self.objector),
                               "contact": (self.tr("联系方式"), self.contact),
                               "content": (self.tr("异议内容"), self.content)})
