"""审计 (read-only): the operation log, the audit chain check, and one case's trail.

操作日志: entries filtered by staff, office-date range and case, newest
``LOG_LIMIT`` shown (the filters narrow the rest); identity numbers, accounts
and phone numbers are masked in the list and in the CSV export (the core masks
the export and records it in the trail).  校验审计记录 walks the whole hash chain
and says either that it holds or which entry first does not.

案件追溯: for one case number, who accepted, reviewed, published, approved and
paid it, when, under which policy, and whether the case as stored is what its
audit entries say (a row edited behind the software's back shows, field by field).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import oversight, staff
from desktop.models.audit import AuditReport
from desktop.models.cases import State
from desktop.models.masking import mask_id, mask_name
from desktop.models.oversight import CaseTrail, LogEntry, TrailStep
from desktop.models.risk import RiskCode
from desktop.models.staff import Role, StaffUser
from desktop.sync.audit_check import AnchoredReport, verify_anchored
from desktop.views.back_office import (
    ALERT,
    BackOfficePage,
    Column,
    RowsModel,
    colours,
    error_words,
    from_qdate,
    hbox,
    line_edit,
    local_text,
    make_table,
    push_button,
    risk_label,
    select_key,
    to_qdate,
)
from desktop.views.case_table_model import QT_TRANSLATE_NOOP, amount_text, state_text
from desktop.views.style import emphasise

LOG_LIMIT = 2000
L_SEQ, L_AT, L_ACTOR, L_ACTION, L_OBJECT, L_CONTENT = range(6)
T_STEP, T_ACTOR, T_AT, T_DETAILS = range(4)

# What the log's "content" column shows of an entry, and what it calls each key; other keys (hashes,
# ids, whole case records) are in the tooltip only.
_KEY_LABELS = {
    "state": QT_TRANSLATE_NOOP("AuditPage", "状态"),
    "note": QT_TRANSLATE_NOOP("AuditPage", "说明"),
    "decision_note": QT_TRANSLATE_NOOP("AuditPage", "说明"),
    "dispute_reason": QT_TRANSLATE_NOOP("AuditPage", "存疑理由"),
    "batch_no": QT_TRANSLATE_NOOP("AuditPage", "批次"),
    "payment_batch": QT_TRANSLATE_NOOP("AuditPage", "发放批次"),
    "publicity_batch": QT_TRANSLATE_NOOP("AuditPage", "公示批次"),
    "amount_yuan": QT_TRANSLATE_NOOP("AuditPage", "金额"),
    "account": QT_TRANSLATE_NOOP("AuditPage", "账号"),
    "payment_account": QT_TRANSLATE_NOOP("AuditPage", "账号"),
    "bank_name": QT_TRANSLATE_NOOP("AuditPage", "开户银行"),
    "holder_name": QT_TRANSLATE_NOOP("AuditPage", "户名"),
    "starts_on": QT_TRANSLATE_NOOP("AuditPage", "公示起"),
    "ends_on": QT_TRANSLATE_NOOP("AuditPage", "公示止"),
    "workdays": QT_TRANSLATE_NOOP("AuditPage", "工作日"),
    "provisional": QT_TRANSLATE_NOOP("AuditPage", "暂定"),
    "code": QT_TRANSLATE_NOOP("AuditPage", "类型"),
    "message": QT_TRANSLATE_NOOP("AuditPage", "提示"),
    "cleared": QT_TRANSLATE_NOOP("AuditPage", "已解除"),
    "reprint": QT_TRANSLATE_NOOP("AuditPage", "补打"),
    "rows": QT_TRANSLATE_NOOP("AuditPage", "行数"),
    "file": QT_TRANSLATE_NOOP("AuditPage", "文件"),
    "result_file": QT_TRANSLATE_NOOP("AuditPage", "结果文件"),
    "items": QT_TRANSLATE_NOOP("AuditPage", "件数"),
    "total_yuan": QT_TRANSLATE_NOOP("AuditPage", "合计"),
    "paid": QT_TRANSLATE_NOOP("AuditPage", "到账"),
    "failed": QT_TRANSLATE_NOOP("AuditPage", "失败"),
    "cases": QT_TRANSLATE_NOOP("AuditPage", "案件"),
    "reason": QT_TRANSLATE_NOOP("AuditPage", "原因"),
    "period": QT_TRANSLATE_NOOP("AuditPage", "期间"),
    "objector": QT_TRANSLATE_NOOP("AuditPage", "异议人"),
    "contact": QT_TRANSLATE_NOOP("AuditPage", "联系方式"),
    "objections_answered": QT_TRANSLATE_NOOP("AuditPage", "答复异议"),
    "subject_name": QT_TRANSLATE_NOOP("AuditPage", "对象"),
    "finding": QT_TRANSLATE_NOOP("AuditPage", "认定事实"),
    "display_name": QT_TRANSLATE_NOOP("AuditPage", "姓名"),
    "role": QT_TRANSLATE_NOOP("AuditPage", "角色"),
    "active": QT_TRANSLATE_NOOP("AuditPage", "启用"),
    "failed_attempts": QT_TRANSLATE_NOOP("AuditPage", "失败次数"),
}
_ENTITIES = {
    "case": QT_TRANSLATE_NOOP("AuditPage", "案件"),
    "publicity_batch": QT_TRANSLATE_NOOP("AuditPage", "公示批次"),
    "payment_batch": QT_TRANSLATE_NOOP("AuditPage", "发放批次"),
    "staff": QT_TRANSLATE_NOOP("AuditPage", "人员"),
    "office": QT_TRANSLATE_NOOP("AuditPage", "本机构"),
    "integrity_record": QT_TRANSLATE_NOOP("AuditPage", "诚信档案"),
    "audit": QT_TRANSLATE_NOOP("AuditPage", "审计记录"),
    "document": QT_TRANSLATE_NOOP("AuditPage", "文书"),
    "settings": QT_TRANSLATE_NOOP("AuditPage", "设置"),
    "outreach": QT_TRANSLATE_NOOP("AuditPage", "政策推送"),
}
_BATCH_STATES = {
    "open": QT_TRANSLATE_NOOP("AuditPage", "待发布"),
    "published": QT_TRANSLATE_NOOP("AuditPage", "公示中"),
    "closed": QT_TRANSLATE_NOOP("AuditPage", "公示期满"),
    "exported": QT_TRANSLATE_NOOP("AuditPage", "已导出待回盘"),
    "settled": QT_TRANSLATE_NOOP("AuditPage", "已回盘"),
}
# The steps an auditor vouches for, in the order they happen.
_KEY_STEPS = (
    ("accepted", QT_TRANSLATE_NOOP("AuditPage", "受理")),
    ("reviewed", QT_TRANSLATE_NOOP("AuditPage", "审核通过")),
    ("published", QT_TRANSLATE_NOOP("AuditPage", "发布公示")),
    ("publicity_closed", QT_TRANSLATE_NOOP("AuditPage", "公示期满")),
    ("approved", QT_TRANSLATE_NOOP("AuditPage", "审批")),
    ("exported", QT_TRANSLATE_NOOP("AuditPage", "导出发放")),
    ("paid", QT_TRANSLATE_NOOP("AuditPage", "发放到账")),
)


@dataclass(frozen=True)
class Filters:
    staff: str | None
    since: dt.date | None
    until: dt.date | None
    case: str | None


@dataclass(frozen=True)
class Log:
    entries: list[LogEntry]
    staff: list[StaffUser]
    filters: Filters


class AuditPage(BackOfficePage):
    page_name = "audit"

    def build(self) -> None:
        self.trail: CaseTrail | None = None
        self.report: AuditReport | None = None
        self._staff_loaded = False
        self._trail_generation = 0

        title = QLabel(self.tr("审计"))
        emphasise(title, 1.3)
        self.verify_button = push_button(self.tr("校验审计记录"), "audit.verify", self.verify)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("audit.verify_result")
        self.verify_result.setWordWrap(True)
        top = hbox(title, self.verify_result, self.verify_button, wide=self.verify_result)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("audit.tabs")
        self.tabs.addTab(self._log_tab(), self.tr("操作日志"))
        self.tabs.addTab(self._trail_tab(), self.tr("案件追溯"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence("Ctrl+R"), self, self.refresh)

    # --- the log --------------------------------------------------------------------------------

    def _log_tab(self) -> QWidget:
        today = self.workspace.clock.today()
        self.staff_filter = QComboBox()
        self.staff_filter.setObjectName("audit.staff")
        self.staff_filter.setAccessibleName(self.tr("按人员筛选"))
        self.staff_filter.addItem(self.tr("全部人员"), None)
        self.since = QDateEdit(to_qdate(today - dt.timedelta(days=30)))
        self.since.setObjectName("audit.since")
        self.until = QDateEdit(to_qdate(today))
        self.until.setObjectName("audit.until")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.case_filter = line_edit("audit.case", self.tr("受理编号（不填为全部）"))
        self.case_filter.setClearButtonEnabled(True)
        self.case_filter.returnPressed.connect(self.refresh)
        self.search_button = push_button(self.tr("查询 (Ctrl+R)"), "audit.search", self.refresh)
        self.export_button = push_button(self.tr("导出CSV…"), "audit.export", self.export_csv)
        filters = QHBoxLayout()
        for label, widget, stretch in ((self.tr("人员"), self.staff_filter, 0), (self.tr("日期"), self.since, 0),
                                       (self.tr("至"), self.until, 0), (self.tr("案件"), self.case_filter, 1)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, stretch)
        filters.addWidget(self.search_button)
        filters.addWidget(self.export_button)

        tz = self.workspace.clock.tz
        self.log_model = RowsModel([
            Column(self.tr("序号"), lambda e: str(e.seq), right=True),
            Column(self.tr("时间"), lambda e: local_text(e.at, tz, seconds=True)),
            Column(self.tr("人员"), lambda e: e.actor_name if e.actor_name == e.actor
                   else f"{e.actor_name}（{e.actor}）"),
            Column(self.tr("操作"), lambda e: e.action_label),
            Column(self.tr("对象"), self._object_text),
            Column(self.tr("内容"), self.content_text, tip=self._content_tip),
        ], lambda e: str(e.seq), self)
        self.log_table = make_table("audit.log", self.log_model, stretch=L_CONTENT,
                                    widths={L_SEQ: 5, L_AT: 17, L_ACTOR: 14, L_ACTION: 11, L_OBJECT: 26},
                                    accessible=self.tr("操作日志"))
        self.log_status = QLabel()
        self.log_status.setObjectName("audit.log_status")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.log_table, 1)
        layout.addWidget(self.log_status)
        return tab

    def _object_text(self, entry: LogEntry) -> str:
        kind = self.tr(_ENTITIES[entry.entity]) if entry.entity in _ENTITIES else entry.entity
        if entry.case_no:
            return f"{kind} {entry.case_no}"
        named = (entry.after or {}).get("batch_no") if entry.entity.endswith("_batch") else None
        if isinstance(named, str):
            return f"{kind} {named}"
        if entry.entity in ("staff", "office"):
            return f"{kind} {entry.entity_id}"
        return kind

    def content_text(self, entry: LogEntry) -> str:
        after = oversight.mask_values(entry.after or {})
        if entry.action == "case.create":
            return self.tr("申请人 %1").replace("%1", mask_name(str(after.get("applicant_name", ""))))
        parts = []
        for key, label in _KEY_LABELS.items():  # in this order, not the stored (sorted) one
            value = after.get(key)
            if value is None or value == "" or (key == "provisional" and not value):
                continue
            parts.append(f"{self.tr(label)}：{self._value_text(entry, key, value)}")
        text = "；".join(parts) or "—"
        return text if len(text) <= 160 else text[:158] + "…"

    def _value_text(self, entry: LogEntry, key: str, value: Any) -> str:
        if isinstance(value, bool):
            return self.tr("是") if value else self.tr("否")
        if key == "state" and isinstance(value, str):
            if entry.entity == "case" and value in State.__members__:
                return state_text(State(value))
            if entry.entity.endswith("_batch") and value in _BATCH_STATES:
                return self.tr(_BATCH_STATES[value])
        if key == "code" and isinstance(value, str) and value in RiskCode.__members__:
            return risk_label(value)
        if key == "role" and isinstance(value, str) and value in Role.__members__:
            return Role(value).label
        if key in ("holder_name", "subject_name") and isinstance(value, str):
            return mask_name(value)
        if isinstance(value, list):
            return self.tr("%1件").replace("%1", str(len(value))) if key == "cases" else "、".join(map(str, value))
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def _content_tip(self, entry: LogEntry) -> str:
        before = oversight.mask_values(entry.before) if entry.before else None
        after = oversight.mask_values(entry.after) if entry.after else None
        lines = []
        if before:
            lines.append(self.tr("变更前：") + json.dumps(before, ensure_ascii=False)[:600])
        if after:
            lines.append(self.tr("变更后：") + json.dumps(after, ensure_ascii=False)[:600])
        return "\n".join(lines)

    def filters(self) -> Filters:
        return Filters(self.staff_filter.currentData(), from_qdate(self.since.date()), from_qdate(self.until.date()),
                       self.case_filter.text().strip() or None)

    def loader(self) -> Callable[[], Log]:
        ws, user, f, need_staff = self.workspace, self.user, self.filters(), not self._staff_loaded

        def load() -> Log:
            entries = oversight.operation_log(ws.store, user, staff=f.staff, since=f.since, until=f.until,
                                              case=f.case, limit=LOG_LIMIT)
            people = staff.list_staff(ws.store, include_inactive=True) if need_staff else []
            return Log(entries, people, f)

        return load

    def show_data(self, data: Log) -> None:
        if data.staff:
            self._staff_loaded = True
            for person in data.staff:
                self.staff_filter.addItem(f"{person.display_name}（{person.username}）", person.username)
        self.log_model.set_rows(data.entries)
        self.log_table.scrollToBottom()
        n = len(data.entries)
        if n >= LOG_LIMIT:
            self.log_status.setText(self.tr("显示最近%1条（较早的记录请缩小日期范围或按人员、案件筛选）")
                                    .replace("%1", str(n)))
        elif n:
            self.log_status.setText(self.tr("共%1条，按时间先后排列").replace("%1", str(n)))
        else:
            self.log_status.setText(self.tr("没有符合条件的记录"))

    def update_actions(self) -> None:
        free = not self.busy
        self.export_button.setEnabled(free)
        self.verify_button.setEnabled(free)
        self.search_button.setEnabled(not self._loading)
        self.trail_button.setEnabled(free)
        has_trail = self.trail is not None
        self.open_button.setEnabled(has_trail)
        self.trail_log_button.setEnabled(has_trail)

    def verify(self) -> None:
        store = self.workspace.store

        def check() -> AnchoredReport:
            return verify_anchored(store)

        def done(checked: AnchoredReport) -> None:
            report = self.report = checked.report
            if report.ok:
                self.verify_result.setText(
                    self.tr("✔ 审计记录完整：共%1条，哈希链校验通过，各案件金额和收款账户与记录一致；%2")
                    .replace("%1", str(report.checked)).replace("%2", checked.anchor_note))
                self.verify_result.setStyleSheet("color: #1f6130; font-weight: bold;")
                return
            self.verify_result.setText(self.tr("✘ 审计记录异常：%1（第%2条起不可信）").replace("%1", report.reason)
                                       .replace("%2", str(report.first_bad_seq)))
            self.verify_result.setStyleSheet("color: #a61b1b; font-weight: bold;")
            if report.first_bad_seq is not None:
                select_key(self.log_table, str(report.first_bad_seq))

        self.act(self.tr("校验审计记录"), check, done)

    def ask_save_path(self, title: str, suggested: str, filters: str) -> str:
        """The file to write (the system's save dialog); empty when cancelled.  Tests replace it."""
        path, _chosen = QFileDialog.getSaveFileName(self, title, suggested, filters)
        if path and not Path(path).suffix:
            path += ".csv"
        return path

    def export_csv(self) -> None:
        f = self.filters()
        suggested = str(Path.home() / f"操作日志-{self.workspace.clock.today():%Y%m%d}.csv")
        path = self.ask_save_path(self.tr("导出操作日志"), suggested, self.tr("CSV 文件 (*.csv)"))
        if not path:
            return
        store, user = self.workspace.store, self.user

        def done(rows: int) -> None:
            self.message.ok(self.tr("已导出%1条到 %2（身份证号、账号、电话号码已部分隐去；本次导出已记入审计记录）")
                            .replace("%1", str(rows)).replace("%2", path))
            self.refresh()

        self.act(self.tr("导出操作日志"),
                 lambda: oversight.export_log(store, user, path, staff=f.staff, since=f.since, until=f.until,
                                              case=f.case), done,
                 fields={"out": (self.tr("文件"), None), "since": (self.tr("开始日期"), self.since),
                         "until": (self.tr("结束日期"), self.until)})

    # --- a case's trail ---------------------------------------------------------------------------

    def _trail_tab(self) -> QWidget:
        self.trail_case = line_edit("audit.trail_case", self.tr("输入受理编号，回车查询"))
        self.trail_case.setClearButtonEnabled(True)
        self.trail_case.returnPressed.connect(lambda: self.show_trail())
        self.trail_button = push_button(self.tr("追溯"), "audit.trail", self.show_trail)
        self.open_button = push_button(self.tr("打开案件"), "audit.open_case", self._open_trail_case)
        self.trail_log_button = push_button(self.tr("查看该案全部日志"), "audit.trail_log", self._log_of_trail)
        search = hbox(QLabel(self.tr("案件")), self.trail_case, self.trail_button, self.open_button,
                      self.trail_log_button, wide=self.trail_case)

        self.trail_title = QLabel()
        self.trail_title.setObjectName("audit.trail_title")
        self.trail_title.setWordWrap(True)
        emphasise(self.trail_title, 1.1)
        self.trail_integrity = QLabel()
        self.trail_integrity.setObjectName("audit.trail_integrity")
        self.trail_integrity.setWordWrap(True)
        self.trail_policy = QLabel()
        self.trail_policy.setObjectName("audit.trail_policy")
        self.trail_policy.setWordWrap(True)
        self.key_steps: dict[str, QLabel] = {}
        facts = QGroupBox(self.tr("经办人与时间"))
        form = QFormLayout(facts)
        for step, label in _KEY_STEPS:
            value = QLabel("—")
            value.setObjectName(f"audit.step.{step}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.key_steps[step] = value
            form.addRow(self.tr(label), value)
        form.addRow(self.tr("适用政策"), self.trail_policy)

        tz = self.workspace.clock.tz
        self.step_model = RowsModel([
            Column(self.tr("环节"), lambda s: s.label),
            Column(self.tr("经办人"), lambda s: f"{s.actor_name}（{s.actor}）" if s.actor_name != s.actor else s.actor),
            Column(self.tr("时间"), lambda s: local_text(s.at, tz, seconds=True)),
            Column(self.tr("详情"), self._step_details),
        ], lambda s: f"{s.step}@{s.at.isoformat()}", self)
        self.step_table = make_table("audit.trail_steps", self.step_model, stretch=T_DETAILS,
                                     accessible=self.tr("办理环节"))
        body = QHBoxLayout()
        body.addWidget(facts, 2)
        body.addWidget(self.step_table, 3)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(search)
        layout.addWidget(self.trail_title)
        layout.addWidget(self.trail_integrity)
        layout.addLayout(body, 1)
        self._show_trail(None)
        return tab

    def _step_details(self, step: TrailStep) -> str:
        d = step.details
        parts = []
        for key in ("batch_no", "publicity_batch", "payment_batch"):
            if d.get(key):
                parts.append(self.tr("批次 %1").replace("%1", str(d[key])))
        if d.get("starts_on") and d.get("ends_on"):
            parts.append(self.tr("公示期 %1 至 %2").replace("%1", str(d["starts_on"])).replace("%2", str(d["ends_on"])))
        if d.get("amount_yuan") is not None:
            parts.append(amount_text(int(d["amount_yuan"])))
        if d.get("note"):
            parts.append(self.tr("说明：%1").replace("%1", str(d["note"])))
        return "；".join(parts)

    def _open_trail_case(self) -> None:
        if self.trail is not None:
            self.open_case.emit(self.trail.case.id)

    def show_trail(self, case_no: str | None = None) -> None:
        """Show the trail of ``case_no`` (or of what is typed in the box)."""
        if case_no is not None:
            self.trail_case.setText(case_no)
        key = self.trail_case.text().strip()
        if not key:
            self.message.fail(self.tr("请输入受理编号"))
            self.trail_case.setFocus()
            return
        self.tabs.setCurrentIndex(1)
        self._trail_generation += 1
        generation, store, user = self._trail_generation, self.workspace.store, self.user

        def done(trail: CaseTrail) -> None:
            if generation == self._trail_generation:
                self.message.clear_message()
                self._show_trail(trail)

        def failed(error: Exception) -> None:
            if generation == self._trail_generation:
                self._show_trail(None)
                self.message.fail(error_words(error))

        self.runner.run(lambda: oversight.case_trail(store, user, key), done, failed)

    def _show_trail(self, trail: CaseTrail | None) -> None:
        self.trail = trail
        if trail is None:
            self.trail_title.setText(self.tr("输入受理编号，查看经办全过程与防篡改校验"))
            self.trail_integrity.setText("")
            self.trail_integrity.setStyleSheet("")
            self.trail_policy.setText("—")
            for label in self.key_steps.values():
                label.setText("—")
            self.step_model.set_rows([])
            self.update_actions()
            return
        case = trail.case
        self.trail_title.setText(f"{case.case_no}　{mask_name(case.applicant_name)}　{mask_id(case.id_number)}　"
                                 f"{state_text(case.state)}　{amount_text(case.amount_yuan)}")
        if trail.intact:
            self.trail_integrity.setText(self.tr("✔ 未被篡改：审计链完整（%1）；案件数据与审计记录逐项一致")
                                         .replace("%1", trail.chain_report))
            self.trail_integrity.setStyleSheet("color: #1f6130; font-weight: bold;")
        else:
            problems = []
            if not trail.chain_ok:
                problems.append(self.tr("审计链异常：%1").replace("%1", trail.chain_report))
            if trail.mismatches:
                problems.append(self.tr("案件数据与审计记录不一致的字段：%1").replace(
                    "%1", "、".join(trail.mismatches)))
            self.trail_integrity.setText("✘ " + "；".join(problems))
            fore, back = colours(ALERT)
            self.trail_integrity.setStyleSheet(f"color: {fore.name()}; background: {back.name()}; "
                                               "font-weight: bold; padding: 2px;")
        policy = trail.policy + (f"（{trail.policy_note}）" if trail.policy_note else "")
        self.trail_policy.setText(policy)
        tz = self.workspace.clock.tz
        for step, label in self.key_steps.items():
            found = trail.step(step)
            if found is None:
                label.setText("—")
                continue
            who = found.actor_name if found.actor_name == found.actor else f"{found.actor_name}（{found.actor}）"
            text = f"{who}　{local_text(found.at, tz)}"
            details = self._step_details(found)
            label.setText(text + (f"\n{details}" if details else ""))
        self.step_model.set_rows(trail.steps)
        self.update_actions()

    def _log_of_trail(self) -> None:
        if self.trail is None:
            return
        self.case_filter.setText(self.trail.case.case_no)
        self.staff_filter.setCurrentIndex(0)
        first = self.trail.entries[0].at.astimezone(self.workspace.clock.tz).date() if self.trail.entries else None
        if first is not None:
            self.since.setDate(to_qdate(first))
        self.until.setDate(to_qdate(self.workspace.clock.today()))
        self.tabs.setCurrentIndex(0)
        self.refresh()
