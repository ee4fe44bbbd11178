"""发放: approval after publicity, the disbursement file, the bank's result, failures.

Four tabs, each with its main action on F9:

- 待审批 (审批员): cases whose publicity closed, not accepted by this approver;
  approve the chosen ones or all.  Approval is all or nothing per click: a refusal
  lists each case that cannot be approved, and why, in the problem list;
- 待发放: approved, unpaid cases → a numbered disbursement file (CSV or XLSX,
  where the approver saves it).  Cases the core leaves out (an account not held by
  the applicant) are listed with the reason;
- 失败·更正 (审批员): failed payments, and approved cases whose account holder is
  not the applicant; correct the account and/or send a failed one again;
- 发放批次: the batches, their items, and the bank's result file.  A refused file
  changes nothing and its problems are listed row by row.

Accounts are masked in every list; the full number is on the case page only.
Every decision that moves money asks first, saying how many cases and how much
(批准15件，合计21,000 元？), the safe answer the default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import approval, payments, risk
from desktop.models.approval import ApprovalRefused
from desktop.models.cases import CaseRecord, State, list_cases
from desktop.models.masking import mask_account, mask_name
from desktop.models.payments import COLUMN_LABELS, ItemStatus, PaymentBatchState, PaymentResultRefused
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
    current_row,
    fill_list,
    form_group,
    hbox,
    hint_label,
    line_edit,
    local_text,
    make_table,
    panes,
    push_button,
    reselect,
    risk_label,
    selected_rows,
)
from desktop.views.case_table_model import QT_TRANSLATE_NOOP, amount_text, level_text

_KINDS = {"bank": QT_TRANSLATE_NOOP("PaymentPage", "银行卡"), "sscard": QT_TRANSLATE_NOOP("PaymentPage", "社保卡")}
_ITEM_STATUS = {
    ItemStatus.pending: QT_TRANSLATE_NOOP("PaymentPage", "待回盘"),
    ItemStatus.paid: QT_TRANSLATE_NOOP("PaymentPage", "已到账"),
    ItemStatus.failed: QT_TRANSLATE_NOOP("PaymentPage", "发放失败"),
}
TAB_APPROVE, TAB_PAYABLE, TAB_FIX, TAB_BATCHES = "approve", "payable", "fix", "batches"


@dataclass(frozen=True)
class Payable:
    case: CaseRecord
    flags: tuple[risk.Flag, ...]  # open ones

    @property
    def holder_mismatch(self) -> bool:
        return any(f.code == risk.RiskCode.holder_mismatch for f in self.flags)


@dataclass(frozen=True)
class Fix:
    case: CaseRecord
    why: str
    batch_no: str = ""


@dataclass(frozen=True)
class Desk:
    approvable: list[CaseRecord]
    payable: list[Payable]
    fixes: list[Fix]
    batches: list[payments.Batch]
    today: dt.date


def _list_tab(hint: QWidget, table: QWidget, actions: QHBoxLayout) -> QWidget:
    """A tab of one list: what it holds (``hint``), the list taking the room, the row of its actions."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.addWidget(hint)
    layout.addWidget(table, 1)
    layout.addLayout(actions)
    return tab


class PaymentPage(BackOfficePage):
    page_name = "payment"

    def build(self) -> None:
        self.may_approve = can(self.user, Action.case_approve)
        self.may_pay = can(self.user, Action.case_pay)
        self.may_requeue = can(self.user, Action.case_requeue_payment)
        self.last_folder = Path.home()

        top = self.header(self.tr("审批与发放"))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("payment.tabs")
        self._tab_names: dict[str, QWidget] = {}
        if self.may_approve:
            self._add_tab(TAB_APPROVE, self._approve_tab())
        if self.may_pay:
            self._add_tab(TAB_PAYABLE, self._payable_tab())
        if self.may_requeue:
            self._add_tab(TAB_FIX, self._fix_tab())
        self._add_tab(TAB_BATCHES, self._batches_tab())
        self.tabs.currentChanged.connect(lambda _i: self.update_actions())

        self.problems = QListWidget()
        self.problems.setObjectName("payment.problems")
        self.problems.setAccessibleName(self.tr("问题清单"))
        self.problems.setWordWrap(True)
        self.problems.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.problems.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.problems)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.main_action)
        self.update_actions()

    def _add_tab(self, name: str, widget: QWidget) -> None:
        widget.setObjectName(f"payment.tab.{name}")
        self._tab_names[name] = widget
        self.tabs.addTab(widget, "")

    def show_tab(self, name: str) -> None:
        if name in self._tab_names:
            self.tabs.setCurrentWidget(self._tab_names[name])

    def _tab_is(self, name: str) -> bool:
        return self.tabs.currentWidget() is self._tab_names.get(name)

    # --- the tabs -------------------------------------------------------------------------------

    def _case_columns(self) -> list[Column]:
        return [
            Column(self.tr("受理编号"), lambda c: c.case_no),
            Column(self.tr("姓名"), lambda c: mask_name(c.applicant_name)),
            Column(self.tr("职业（工种）"), lambda c: c.occupation_name),
            Column(self.tr("等级"), lambda c: level_text(c.cert_level)),
            Column(self.tr("补贴金额"), lambda c: amount_text(c.amount_yuan), right=True),
            Column(self.tr("受理人"), lambda c: c.accepted_by or "—"),
            Column(self.tr("申请日期"), lambda c: c.application_date.isoformat()),
        ]

    def _approve_tab(self) -> QWidget:
        self.approve_model = RowsModel(self._case_columns(), lambda c: c.id, self)
        self.approve_table = make_table("payment.approvable", self.approve_model, multi=True, stretch=2,
                                        accessible=self.tr("待审批案件"))
        self.approve_table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.opens_case(self.approve_table, lambda c: c.id)
        self.approve_note = line_edit("payment.approve_note", self.tr("审批意见（可不填）"))
        self.approve_selected = push_button(self.tr("批准所选 (F9)"), "payment.approve_selected",
                                            lambda: self.approve(selected=True))
        self.approve_all = push_button(self.tr("全部批准"), "payment.approve_all", lambda: self.approve(selected=False))
        hint = hint_label(self.tr("公示期满并已结束公示的案件；本人受理的案件不在此列（受理人不得审批）。"
                                  "多件一并批准时，只要有一件不能批准，本次一件也不批准，并列出原因。"))
        return _list_tab(hint, self.approve_table, hbox(QLabel(self.tr("审批意见")), self.approve_note,
                                                       self.approve_selected, self.approve_all, wide=self.approve_note))

    def _payable_tab(self) -> QWidget:
        self.payable_model = RowsModel([
            Column(self.tr("受理编号"), lambda p: p.case.case_no),
            Column(self.tr("姓名"), lambda p: mask_name(p.case.applicant_name)),
            Column(self.tr("账户类型"), lambda p: self._kind(p.case.payment_kind)),
            Column(self.tr("收款账号"), lambda p: mask_account(p.case.payment_account)),
            Column(self.tr("开户银行"), lambda p: p.case.bank_name or "—"),
            Column(self.tr("户名"), lambda p: mask_name(p.case.holder_name)),
            Column(self.tr("补贴金额"), lambda p: amount_text(p.case.amount_yuan), right=True),
            Column(self.tr("风险提示"), self._payable_flags,
                   colours=lambda p: colours(ALERT) if p.holder_mismatch else (colours(WARN) if p.flags else None)),
        ], lambda p: p.case.id, self)
        self.payable_table = make_table("payment.payable", self.payable_model, stretch=7,
                                        accessible=self.tr("待发放案件"))
        self.opens_case(self.payable_table, lambda p: p.case.id)
        self.export_button = push_button(self.tr("导出发放文件… (F9)"), "payment.export", self.export_file)
        self.payable_total = QLabel()
        self.payable_total.setObjectName("payment.payable_total")
        hint = hint_label(self.tr("已批准、尚未列入发放批次的案件。导出后生成编号批次，交银行代发；"
                                  "收款账户户名不是申请人本人的案件不予导出（补贴直发）。"))
        return _list_tab(hint, self.payable_table,
                         hbox(self.payable_total, self.export_button, wide=self.payable_total))

    def _fix_tab(self) -> QWidget:
        self.fix_model = RowsModel([
            Column(self.tr("受理编号"), lambda f: f.case.case_no),
            Column(self.tr("状态"), lambda f: self.tr("发放失败") if f.case.state is State.payment_failed
                   else self.tr("待更正账户"), colours=lambda f: colours(ALERT)),
            Column(self.tr("姓名"), lambda f: mask_name(f.case.applicant_name)),
            Column(self.tr("收款账号"), lambda f: mask_account(f.case.payment_account)),
            Column(self.tr("户名"), lambda f: mask_name(f.case.holder_name)),
            Column(self.tr("补贴金额"), lambda f: amount_text(f.case.amount_yuan), right=True),
            Column(self.tr("原因"), lambda f: f.why),
        ], lambda f: f.case.id, self)
        self.fix_table = make_table("payment.fixes", self.fix_model, stretch=6,
                                    accessible=self.tr("发放失败与待更正账户的案件"))
        self.fix_table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.opens_case(self.fix_table, lambda f: f.case.id)
        self.new_account = line_edit("payment.new_account", self.tr("不改则留空"))
        self.new_bank = line_edit("payment.new_bank", self.tr("不改则留空"))
        self.new_holder = line_edit("payment.new_holder", self.tr("须为申请人本人；不改则留空"))
        self.fix_note = line_edit("payment.fix_note", self.tr("必填：更正或重新发放的原因"))
        self.correct_button = push_button(self.tr("仅更正账户"), "payment.correct", self.correct_account)
        self.requeue_button = push_button(self.tr("重新发放 (F9)"), "payment.requeue", self.requeue)
        form_box = form_group(self.tr("更正收款账户 / 重新发放（所选案件）"),
                              (self.tr("新收款账号"), self.new_account), (self.tr("开户银行"), self.new_bank),
                              (self.tr("户名"), self.new_holder), (self.tr("说明"), self.fix_note),
                              hbox(None, self.correct_button, self.requeue_button))
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addWidget(self.fix_table, 3)
        layout.addWidget(form_box, 2)
        return tab

    def _batches_tab(self) -> QWidget:
        tz = self.workspace.clock.tz
        self.batch_model = RowsModel([
            Column(self.tr("批次号"), lambda b: b.batch_no),
            Column(self.tr("状态"), self._batch_state, colours=lambda b: colours(
                GOOD if b.state is PaymentBatchState.settled else WARN)),
            Column(self.tr("件数"), lambda b: str(b.item_count), right=True),
            Column(self.tr("金额"), lambda b: amount_text(b.total_yuan), right=True),
            Column(self.tr("导出"), lambda b: f"{local_text(b.created_at, tz)} {b.created_by}"),
            Column(self.tr("回盘"), lambda b: f"{local_text(b.settled_at, tz)} {b.settled_by}" if b.settled_at
                   else "—"),
            Column(self.tr("发放文件"), lambda b: b.file_name),
        ], lambda b: b.id, self)
        self.batch_table = make_table("payment.batches", self.batch_model, stretch=6,
                                      accessible=self.tr("发放批次"))
        self.chosen_batch = Chosen(self.batch_table, self._show_batch)
        self.item_model = RowsModel([
            Column(self.tr("受理编号"), lambda i: i.case_no),
            Column(self.tr("户名"), lambda i: mask_name(i.name)),
            Column(self.tr("收款账号"), lambda i: mask_account(i.account)),
            Column(self.tr("金额"), lambda i: amount_text(i.amount_yuan), right=True),
            Column(self.tr("结果"), self._item_status, colours=lambda i: colours(
                {ItemStatus.paid: GOOD, ItemStatus.failed: ALERT}.get(i.status, WARN))),
        ], lambda i: i.case_id, self)
        self.item_table = make_table("payment.items", self.item_model, stretch=4, accessible=self.tr("批次明细"))
        self.opens_case(self.item_table, lambda i: i.case_id)
        self.import_button = push_button(self.tr("导入银行结果… (F9)"), "payment.import", self.import_result)
        self.import_button.setVisible(self.may_pay)
        hint = hint_label(self.tr("银行回盘文件须包含批次的每一件（发放文件各列加 status：paid/failed 与 reason）；"
                                  "文件有任何问题即整体退回，不做任何改动。"))
        # In proportion: the chosen batch's items get more room.
        splitter = panes(Qt.Orientation.Vertical, self.batch_table, self.item_table, sizes=(300, 500))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter, 1)
        layout.addLayout(hbox(hint, self.import_button, wide=hint))
        return tab

    # --- words ---------------------------------------------------------------------------------

    def _kind(self, kind: str) -> str:
        return self.tr(_KINDS[kind]) if kind in _KINDS else kind

    def _payable_flags(self, payable: Payable) -> str:
        if payable.holder_mismatch:
            return self.tr("⚠ 户名不是申请人本人：不予导出，请更正账户")
        if payable.flags:
            return "⚠ " + "、".join(risk_label(f.code) for f in payable.flags)
        return "—"

    def _batch_state(self, batch: payments.Batch) -> str:
        if batch.state is PaymentBatchState.settled:
            paid = sum(1 for i in batch.items if i.status is ItemStatus.paid)
            failed = sum(1 for i in batch.items if i.status is ItemStatus.failed)
            return self.tr("已回盘：到账%1 失败%2").replace("%1", str(paid)).replace("%2", str(failed))
        return self.tr("待银行回盘")

    def _item_status(self, item: payments.Item) -> str:
        text = self.tr(_ITEM_STATUS[item.status]) if item.status in _ITEM_STATUS else str(item.status)
        if item.reason:
            text += self.tr("：%1").replace("%1", item.reason)
        return text

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> Desk:
        ws, user = self.workspace, self.user
        store = ws.store
        approvable = approval.approvable_cases(store, user) if self.may_approve else []
        payable_cases = payments.payable_cases(store)
        with store.session(readonly=True) as session:
            open_flags = risk.flags_in(session, [c.id for c in payable_cases], open_only=True)
        payable = [Payable(c, tuple(open_flags.get(c.id, []))) for c in payable_cases]
        batches = payments.list_payment_batches(store)
        fixes: list[Fix] = []
        if self.may_requeue:
            reasons: dict[str, tuple[str, str]] = {}
            for batch in reversed(batches):  # oldest first: the latest failure wins
                for item in batch.items:
                    if item.status is ItemStatus.failed:
                        reasons[item.case_id] = (item.reason or "", batch.batch_no)
            for case in list_cases(store, states=(State.payment_failed,), limit=10_000):
                reason, batch_no = reasons.get(case.id, ("", ""))
                fixes.append(Fix(case, reason, batch_no))
            for p in payable:
                if p.holder_mismatch:
                    found = next(f for f in p.flags if f.code == risk.RiskCode.holder_mismatch)
                    fixes.append(Fix(p.case, found.message))
            fixes.sort(key=lambda f: f.case.case_no)
        return Desk(approvable, payable, fixes, batches, ws.clock.today())

    def show_data(self, data: Desk) -> None:
        if self.may_approve:
            self.approve_model.set_rows(data.approvable)
        if self.may_pay:
            self.payable_model.set_rows(data.payable)
            exportable = [p for p in data.payable if not p.holder_mismatch]
            self.payable_total.setText(self.tr("可导出%1件，合计%2").replace("%1", str(len(exportable)))
                                       .replace("%2", amount_text(sum(p.case.amount_yuan for p in exportable))))
        if self.may_requeue:
            keep = current_row(self.fix_table)
            self.fix_model.set_rows(data.fixes)
            reselect(self.fix_table, keep.case.id if keep else None)
        self.chosen_batch.reload(data.batches)
        waiting = sum(1 for b in data.batches if b.state is PaymentBatchState.exported)
        counts = {TAB_APPROVE: len(data.approvable), TAB_PAYABLE: len(data.payable), TAB_FIX: len(data.fixes),
                  TAB_BATCHES: waiting}
        labels = {TAB_APPROVE: self.tr("待审批（%1）"), TAB_PAYABLE: self.tr("待发放（%1）"),
                  TAB_FIX: self.tr("失败·更正（%1）"), TAB_BATCHES: self.tr("发放批次（待回盘%1）")}
        for name, widget in self._tab_names.items():
            self.tabs.setTabText(self.tabs.indexOf(widget), labels[name].replace("%1", str(counts[name])))
        parts = []
        if self.may_approve:
            parts.append(self.tr("待审批%1件").replace("%1", str(len(data.approvable))))
        parts.append(self.tr("待发放%1件").replace("%1", str(len(data.payable))))
        if waiting:
            parts.append(self.tr("%1个批次待银行回盘").replace("%1", str(waiting)))
        self.summary.setText("；".join(parts))

    def _show_batch(self, batch: payments.Batch | None) -> None:
        self.item_model.set_rows(batch.items if batch else [])
        self.update_actions()

    def update_actions(self) -> None:
        free = not self.busy
        if self.may_approve:
            self.approve_selected.setEnabled(free and bool(selected_rows(self.approve_table)))
            self.approve_all.setEnabled(free and self.approve_model.rowCount() > 0)
        if self.may_pay:
            self.export_button.setEnabled(free and self.payable_model.rowCount() > 0)
            self.import_button.setEnabled(free)
        if self.may_requeue:
            fix = current_row(self.fix_table)
            self.correct_button.setEnabled(free and fix is not None)
            self.requeue_button.setEnabled(free and fix is not None and fix.case.state is State.payment_failed)
        self.refresh_button.setEnabled(not self._loading)

    # --- problems -------------------------------------------------------------------------------

    def show_problems(self, lines: list[str]) -> None:
        fill_list(self.problems, lines)
        self.problems.setVisible(bool(lines))

    def _act(self, label: str, fn: Any, done: Any, **kwargs: Any) -> None:
        self.show_problems([])
        self.act(label, fn, done, **kwargs)

    # --- approval -------------------------------------------------------------------------------

    def approve(self, *, selected: bool) -> None:
        if not self.may_approve or self.busy:
            return
        rows = selected_rows(self.approve_table) if selected else self.approve_model.rows()
        if not rows:
            return
        ids = [c.id for c in rows]
        total = sum(c.amount_yuan for c in rows)
        text = self.tr("批准%1件，合计%2？").replace("%1", str(len(rows))).replace("%2", amount_text(total))
        listed = "、".join(f"{c.case_no} {mask_name(c.applicant_name)}" for c in rows[:5])
        if len(rows) > 5:
            listed += self.tr(" 等%1件").replace("%1", str(len(rows)))
        details = listed + "\n" + self.tr("批准后案件转入待发放，不能撤销。")
        self.confirm(self.tr("确认审批"), text, self.tr("批准"), lambda: self._approve(ids), details=details)

    def _approve(self, ids: list[str]) -> None:
        store, user, note = self.workspace.store, self.user, self.approve_note.text().strip() or None

        def done(records: list[CaseRecord]) -> None:
            self.approve_note.clear()
            total = sum(r.amount_yuan for r in records)
            self.action_done(self.tr("已批准%1件，合计%2，转入待发放").replace("%1", str(len(records)))
                             .replace("%2", amount_text(total)), *[r.id for r in records])

        def refused(error: Exception) -> None:
            if isinstance(error, ApprovalRefused):
                self.message.fail(self.tr("%1件中有%2件不能审批，本次未审批任何案件；请去掉下列案件后再批准")
                                  .replace("%1", str(len(ids))).replace("%2", str(len(error.refusals))))
                self.show_problems([self.tr("%1：%2").replace("%1", r.case).replace("%2", r.reason)
                                    for r in error.refusals])
            self.refresh()

        self._act(self.tr("审批"), lambda: approval.approve(store, user, ids, note=note), done,
                  refused=refused, fields={"note": (self.tr("审批意见"), self.approve_note)})

    # --- export and import ---------------------------------------------------------------------------

    def ask_save_path(self, title: str, suggested: str, filters: str) -> str:
        """The file to write (the system's save dialog); empty when cancelled.  Tests replace it."""
        path, chosen = QFileDialog.getSaveFileName(self, title, suggested, filters)
        if path and not Path(path).suffix:
            path += ".xlsx" if "xlsx" in chosen else ".csv"
        return path

    def ask_open_path(self, title: str, filters: str) -> str:
        """The file to read (the system's open dialog); empty when cancelled.  Tests replace it."""
        path, _chosen = QFileDialog.getOpenFileName(self, title, str(self.last_folder), filters)
        return path

    def export_file(self) -> None:
        if not self.may_pay or not self.export_button.isEnabled():
            return
        today = self.workspace.clock.today()
        suggested = str(self.last_folder / f"发放文件-{today:%Y%m%d}.csv")
        path = self.ask_save_path(self.tr("保存发放文件"), suggested,
                                  self.tr("CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        self.last_folder = Path(path).parent
        exportable = [p.case for p in self.payable_model.rows() if not p.holder_mismatch]
        text = self.tr("导出发放文件：%1件，合计%2？").replace("%1", str(len(exportable))) \
            .replace("%2", amount_text(sum(c.amount_yuan for c in exportable)))
        details = self.tr("写入 %1。导出即生成编号发放批次，这些案件不再列入待发放。").replace("%1", path)
        self.confirm(self.tr("确认导出发放文件"), text, self.tr("导出"), lambda: self._export(path), details=details)

    def _export(self, path: str) -> None:
        store, user = self.workspace.store, self.user

        def done(batch: payments.Batch) -> None:
            text = self.tr("已导出发放批次 %1：%2件，合计%3；文件 %4").replace("%1", batch.batch_no) \
                .replace("%2", str(batch.item_count)).replace("%3", amount_text(batch.total_yuan)) \
                .replace("%4", path)
            self.chosen_batch.key = batch.id
            self.action_done(text, *[i.case_id for i in batch.items])
            if batch.refused:
                self.show_problems([self.tr("未导出 %1：%2").replace("%1", r.case_no).replace("%2", r.reason)
                                    for r in batch.refused])

        self._act(self.tr("导出发放文件"), lambda: payments.export_payments(store, user, path), done,
                  refused=lambda _e: self.refresh(), fields={"out": (self.tr("发放文件"), None)})

    def import_result(self) -> None:
        if not self.may_pay or not self.import_button.isEnabled():
            return
        path = self.ask_open_path(self.tr("选择银行回盘文件"), self.tr("银行结果文件 (*.csv *.xlsx)"))
        if not path:
            return
        self.last_folder = Path(path).parent
        store, user = self.workspace.store, self.user

        def done(summary: payments.ImportSummary) -> None:
            text = self.tr("批次 %1 已回盘：到账%2件 %3，失败%4件 %5").replace("%1", summary.batch_id) \
                .replace("%2", str(summary.paid)).replace("%3", amount_text(summary.paid_yuan)) \
                .replace("%4", str(summary.failed)).replace("%5", amount_text(summary.failed_yuan))
            if summary.failed:
                text += self.tr("；失败的案件在“失败·更正”中更正账户后重新发放")
            self.action_done(text)
            if summary.failures:
                self.show_problems([self.tr("发放失败 %1：%2").replace("%1", c).replace("%2", r)
                                    for c, r in summary.failures])

        def refused(error: Exception) -> None:
            if isinstance(error, PaymentResultRefused):
                self.message.fail(self.tr("结果文件 %1 有%2处问题，已整体退回，未导入任何内容；请银行更正后重新提供")
                                  .replace("%1", Path(path).name).replace("%2", str(len(error.problems))))
                self.show_problems([self.problem_text(p) for p in error.problems])

        self._act(self.tr("导入银行结果"), lambda: payments.import_payment_result(store, user, path), done,
                  refused=refused, fields={"FILE": ("", None)})

    def problem_text(self, problem: payments.ResultProblem) -> str:
        column = COLUMN_LABELS.get(problem.column, problem.column)
        if problem.row is None:
            return self.tr("整个文件 %1：%2").replace("%1", column).replace("%2", problem.message)
        return self.tr("第%1行 %2：%3").replace("%1", str(problem.row)).replace("%2", column) \
            .replace("%3", problem.message)

    # --- correcting and requeueing ---------------------------------------------------------------

    def _corrections(self) -> dict[str, str | None]:
        return {"account": self.new_account.text().strip() or None, "bank_name": self.new_bank.text().strip() or None,
                "holder_name": self.new_holder.text().strip() or None}

    def _fix_fields(self) -> dict[str, tuple[str, QWidget | None]]:
        return {"note": (self.tr("说明"), self.fix_note), "payment.account": (self.tr("新收款账号"), self.new_account),
                "payment.holder_name": (self.tr("户名"), self.new_holder),
                "payment.kind": (self.tr("账户类型"), None)}

    def _fixed(self, text: str, case_no: str, case_id: str) -> None:
        for widget in (self.new_account, self.new_bank, self.new_holder, self.fix_note):
            widget.clear()
        self.action_done(text.replace("%1", case_no), case_id)

    def correct_account(self) -> None:
        fix = current_row(self.fix_table) if self.may_requeue else None
        if fix is None or not self.correct_button.isEnabled():
            return
        store, user, case_id, note, changes = self.workspace.store, self.user, fix.case.id, self.fix_note.text(), \
            self._corrections()
        self._act(self.tr("更正收款账户"),
                  lambda: payments.correct_account(store, user, case_id, note=note, **changes),
                  lambda proposal: self._fixed(
                      self.tr("案件 %1 的收款账户变更已提出，须由另一名审批或主管人员在案件页确认"),
                      proposal.case_no, proposal.case_id),
                  fields=self._fix_fields())

    def requeue(self) -> None:
        fix = current_row(self.fix_table) if self.may_requeue else None
        if fix is None or not self.requeue_button.isEnabled():
            return
        if not self.fix_note.text().strip():
            self._requeue(fix)  # no reason: the core refuses it beside the box, nothing to ask
            return
        text = self.tr("重新发放案件 %1（%2），金额%3？").replace("%1", fix.case.case_no) \
            .replace("%2", mask_name(fix.case.applicant_name)).replace("%3", amount_text(fix.case.amount_yuan))
        self.confirm(self.tr("确认重新发放"), text, self.tr("重新发放"), lambda: self._requeue(fix),
                     details=self.tr("案件转回待发放，列入下一个发放批次。"))

    def _requeue(self, fix: Fix) -> None:
        store, user, case_id, note, changes = self.workspace.store, self.user, fix.case.id, self.fix_note.text(), \
            self._corrections()
        self._act(self.tr("重新发放"),
                  lambda: payments.requeue_payment(store, user, case_id, note=note, **changes),
                  lambda record: self._fixed(self.tr("案件 %1 已转回待发放，将列入下一个发放批次") + (
                      self.tr("；新收款账户须由另一人在案件页确认后才发放") if any(changes.values()) else ""),
                      record.case_no, record.id),
                  fields=self._fix_fields())

    # --- the one key ------------------------------------------------------------------------------

    def main_action(self) -> None:
        """F9: the current tab's main action."""
        if self._tab_is(TAB_APPROVE):
            self.approve(selected=True)
        elif self._tab_is(TAB_PAYABLE):
            self.export_file()
        elif self._tab_is(TAB_FIX):
            self.requeue()
        elif self._tab_is(TAB_BATCHES):
            self.import_result()
