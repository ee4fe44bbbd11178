"""外出受理: prepare the laptop for an industrial park, and reconcile the day back in the office.

Before going out the clerk names the park, lists its employers (a unified
social credit code or the exact registered name, one a line) and prepares
the laptop — from the central system (the park's rows and every earlier
subsidy of those people) or, with no network, from the copy it holds.  The
page then says the folder is "in the field", with what the laptop carries and
what it did not find.  At the park the counter works as ever, offline.

Back in the office, "返回并对账" runs one sync round, takes the mark off and
lists every case of the day with what the central system said and what to
do; "打印对账单" prints the sheet (``document_issued`` carries its path, for
the window's preview).

The work runs on the window's ``TaskRunner``.  The return's sync round runs
there too, not on the window's background sync thread: it is one round the
clerk waits for, and the engine records its outcome in the store either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models import field_mode
from desktop.models.changes import Changes
from desktop.models.errors import ZhanchiError
from desktop.models.field_mode import FieldDay, Reconciliation
from desktop.models.masking import mask_name
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.sync import field_preload
from desktop.views.tasks import TaskRunner


def _local(day_time: Any, tz: Any) -> str:
    return day_time.astimezone(tz).strftime("%Y-%m-%d %H:%M")


class FieldPage(QWidget):
    document_issued = Signal(str)  # path of the printed reconciliation sheet
    field_mode_changed = Signal(bool)  # in the field or not (for the status bar)

    def __init__(self, workspace: Workspace, runner: TaskRunner, user: StaffUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.user = workspace, runner, user
        self.setObjectName("field.page")
        self.day: FieldDay | None = None
        self.reconciliation: Reconciliation | None = None

        self.status = QLabel()
        self.status.setObjectName("field.status")
        self.status.setWordWrap(True)
        self.label = QLineEdit()
        self.label.setObjectName("field.label")
        self.label.setPlaceholderText(self.tr("如：广州开发区某某工业园"))
        self.employers = QPlainTextEdit()
        self.employers.setObjectName("field.employers")
        self.employers.setPlaceholderText(self.tr("每行一家单位：统一社会信用代码或单位全称"))
        self.from_central = QRadioButton(self.tr("从中心系统下载（需联网）"))
        self.from_central.setObjectName("field.from_central")
        self.from_local = QRadioButton(self.tr("使用本机已有的数据（不联网）"))
        self.from_local.setObjectName("field.from_local")
        self.from_central.setChecked(True)
        sources = QHBoxLayout()
        sources.addWidget(self.from_central)
        sources.addWidget(self.from_local)
        sources.addStretch(1)
        self.start_button = QPushButton(self.tr("准备外出"))
        self.start_button.setObjectName("field.start")
        self.start_button.clicked.connect(self.start)
        self.finish_button = QPushButton(self.tr("返回并对账（先同步）"))
        self.finish_button.setObjectName("field.finish")
        self.finish_button.clicked.connect(self.finish)
        self.print_button = QPushButton(self.tr("打印对账单…"))
        self.print_button.setObjectName("field.print")
        self.print_button.clicked.connect(self.print_sheet)
        self.message = QLabel()
        self.message.setObjectName("field.message")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("field.reconciliation")
        self.table.setHorizontalHeaderLabels(
            [self.tr("受理编号"), self.tr("申请人"), self.tr("核对结果"), self.tr("中心系统反馈"), self.tr("处理")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        form = QFormLayout()
        form.addRow(self.tr("外出地点"), self.label)
        form.addRow(self.tr("园区单位"), self.employers)
        form.addRow(self.tr("数据来源"), sources)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.refresh()

    # --- state --------------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.workspace.store
        self.runner.run(lambda: field_mode.current_field_day(store), self._show_day, self._failed)

    def _show_day(self, day: FieldDay | None) -> None:
        self.day = day
        out = day is not None
        for widget in (self.label, self.employers, self.from_central, self.from_local, self.start_button):
            widget.setEnabled(not out)
        self.finish_button.setEnabled(out)
        self.print_button.setEnabled(self.reconciliation is not None)
        if day is None:
            self.status.setText(self.tr("在办公室。外出受理前，请填写园区和单位，准备外出数据。"))
        else:
            tz = self.workspace.clock.tz
            text = self.tr("外出受理中：{label}（{since} 起）。本机携带参保人员{insured}人、证书{certificates}本、"
                           "补贴台账{ledger}条；离线受理出具的回执为临时回执，回到办公室后同步并对账。").format(
                label=day.label, since=_local(day.started_at, tz), insured=day.insured,
                certificates=day.certificates, ledger=day.ledger)
            if day.unmatched:
                text += self.tr("名册中没有这些单位：") + "、".join(day.unmatched)
            self.status.setText(text)
        self.field_mode_changed.emit(out)
        self.runner.publish(Changes(field_mode=True))

    # --- going out ----------------------------------------------------------------------------

    def start(self) -> None:
        store, user = self.workspace.store, self.user
        label = self.label.text()
        employers = self.employers.toPlainText().splitlines()
        fetch = field_preload.central_fetcher(store) if self.from_central.isChecked() else None
        self._say(self.tr("正在准备外出数据…"))
        self.start_button.setEnabled(False)
        self.runner.run(lambda: field_mode.start_field_day(store, user, label=label, employers=employers,
                                                          fetch=fetch),
                        self._started, self._start_failed)

    def _started(self, day: FieldDay) -> None:
        self.reconciliation = None
        self.table.setRowCount(0)
        self._say(self.tr("已准备好，可以断网外出。"))
        self._show_day(day)

    def _start_failed(self, error: Exception) -> None:
        self.start_button.setEnabled(self.day is None)
        text = (error.said(QCoreApplication.translate) if isinstance(error, ZhanchiError)
                else self.tr("出错了，已记录日志"))
        if self.from_central.isChecked():
            text += self.tr("（无法联网时可选“使用本机已有的数据”）")
        self._say(text)

    # --- back in the office --------------------------------------------------------------------

    def finish(self) -> None:
        store, user = self.workspace.store, self.user
        self._say(self.tr("正在同步并对账…"))
        self.finish_button.setEnabled(False)

        def work() -> tuple[Reconciliation, str]:
            from desktop.sync.client import SyncError
            from desktop.sync.engine import SyncEngine

            note = ""
            try:
                with SyncEngine.for_store(store) as engine:
                    engine.run_once()
            except SyncError as exc:
                note = f"同步未完成（{exc}），对账单中未同步的案件请联网后再同步"
            field_mode.end_field_day(store, user)
            return field_mode.reconcile(store), note

        self.runner.run(work, self._finished, self._failed)

    def _finished(self, result: tuple[Reconciliation, str]) -> None:
        reconciliation, note = result
        self.reconciliation = reconciliation
        self._show_reconciliation(reconciliation)
        counts = reconciliation.counts
        summary = self.tr(
            "共{cases}件：已确认{ok}件，重复申领{dup}件，中心拒收{refused}件，未同步{pending}件。").format(
            cases=len(reconciliation.items), ok=counts.get("confirmed", 0), dup=counts.get("duplicate", 0),
            refused=counts.get("rejected", 0), pending=counts.get("pending", 0))
        self._say(" ".join(t for t in (summary, note) if t))
        self._show_day(None)

    def _show_reconciliation(self, reconciliation: Reconciliation) -> None:
        self.table.setRowCount(len(reconciliation.items))
        for row, item in enumerate(reconciliation.items):
            values = (item.case_no, mask_name(item.applicant_name), item.status_label, item.finding, item.action)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, item.case_id)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.print_button.setEnabled(True)

    def print_sheet(self, path: str | None = None) -> None:
        if not isinstance(path, str) or not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存对账单"), "外出受理对账单.pdf",
                                                  self.tr("PDF 文件 (*.pdf)"))
            if not path:
                return
        store, user = self.workspace.store, self.user
        day_id = self.reconciliation.field_day.id if self.reconciliation is not None else None
        target = Path(path)

        def work() -> str:
            from desktop.documents.reconciliation import issue_reconciliation

            return str(issue_reconciliation(store, user, target, field_day_id=day_id).path)

        self.runner.run(work, self._printed, self._failed)

    def _printed(self, path: str) -> None:
        self._say(self.tr("对账单已保存：{path}").format(path=path))
        self.document_issued.emit(path)

    # --- messages -------------------------------------------------------------------------------

    def _failed(self, error: Exception) -> None:
        self.finish_button.setEnabled(self.day is not None)
        self._say(error.said(QCoreApplication.translate) if isinstance(error, ZhanchiError)
                  else self.tr("出错了，已记录日志"))

    def _say(self, text: str) -> None:
        self.message.setText(text)


__all__ = ["FieldPage"]
