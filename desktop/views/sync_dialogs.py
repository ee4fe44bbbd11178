"""Sync problems (changes the central system rejected) and the progress lookup for phone inquiries."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.changes import Changes
from desktop.models.errors import ZhanchiError
from desktop.models.outbox import OutboxItem
from desktop.models.workspace import Workspace
from desktop.sync.client import SyncError
from desktop.sync.engine import rejected_items, requeue
from desktop.sync.lookup import lookup_progress, online_client
from desktop.views.tasks import TaskRunner
from wire import ProgressAnswer


class RejectedChangesDialog(QDialog):
    """Rejected changes wait for a person: listed with the reason, sent again only when asked."""

    requeued = Signal()

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None, *,
                 actor: str | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        self.actor = actor  # who sends changes again (the audit says; issue 18.1)
        self.setObjectName("sync.problems")
        self.setWindowTitle(self.tr("同步问题：中心系统拒收的变更"))
        self.resize(760, 420)
        self.items = QListWidget()
        self.items.setObjectName("sync.rejected")
        self.items.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.message = QLabel()
        self.message.setWordWrap(True)
        resend = QPushButton(self.tr("处理后重新发送所选"))
        resend.setObjectName("sync.requeue")
        resend.clicked.connect(self._requeue)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(resend, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("以下变更被中心系统拒收，不会自动重试。请核对原因并处理后再重新发送。")))
        layout.addWidget(self.items, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        store = self.workspace.store
        self.runner.run(lambda: rejected_items(store), self._show, self._failed)

    def _show(self, items: list[OutboxItem]) -> None:
        self.items.clear()
        for item in items:
            case_no = item.payload.get("case_no", item.entity_id)
            row = QListWidgetItem(self.tr("%1　%2　原因：%3").replace("%1", str(case_no)).replace("%2", item.op)
                                  .replace("%3", item.last_error or self.tr("未说明")))
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.items.addItem(row)
        if not items:
            self.message.setText(self.tr("没有被拒收的变更"))

    def _requeue(self) -> None:
        ids = [row.data(Qt.ItemDataRole.UserRole) for row in self.items.selectedItems()]
        if not ids:
            self.message.setText(self.tr("请先选择要重新发送的变更"))
            return
        store = self.workspace.store

        def done(count: int) -> None:
            self.message.setText(self.tr("已重新排队 %1 条，将在下次同步时发送").replace("%1", str(count)))
            self.requeued.emit()
            self.runner.publish(Changes(outbox=True))
            self._load()

        self.runner.run(lambda: requeue(store, ids, self.actor), done, self._failed)

    def _failed(self, error: Exception) -> None:
        self.message.setText(error.said(QCoreApplication.translate) if isinstance(error, ZhanchiError)
                             else self.tr("读取失败，请重试"))


class ProgressLookupDialog(QDialog):
    """进度查询: what the central system says about a case, given both its number and its lookup code.

    Enter searches, never closes (issue 16.8): Enter in the case number goes on to the code (or
    searches when the code is there), Enter in the code searches; only Esc or 关闭 close it.  The
    central system is asked on the core's worker (a bounded wait), so the window keeps answering."""

    def __init__(self, workspace: Workspace, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        self.setObjectName("progress.dialog")
        self.setWindowTitle(self.tr("办理进度查询"))
        form = QFormLayout()
        self.case_no = QLineEdit()
        self.case_no.setObjectName("progress.case_no")
        self.code = QLineEdit()
        self.code.setObjectName("progress.code")
        form.addRow(self.tr("受理编号"), self.case_no)
        form.addRow(self.tr("查询码"), self.code)
        self.answer = QLabel()
        self.answer.setObjectName("progress.answer")
        self.answer.setWordWrap(True)
        self.ask_button = QPushButton(self.tr("查询 (Enter)"))
        self.ask_button.setObjectName("progress.ask")
        self.ask_button.clicked.connect(self.ask)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.ask_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():  # no button takes Enter: the fields below decide what it does
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.case_no.returnPressed.connect(self._enter_in_case_no)
        self.code.returnPressed.connect(self.ask)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)
        self._asking = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.ask()  # wherever the focus is (a button): Enter searches; QDialog would close
            return
        super().keyPressEvent(event)

    def _enter_in_case_no(self) -> None:
        if self.code.text().strip():
            self.ask()
        else:
            self.code.setFocus()

    def ask(self) -> None:
        case_no, code = self.case_no.text().strip(), self.code.text().strip()
        if not case_no or not code:
            self.answer.setText(self.tr("受理编号和查询码都要填写（二者缺一不予查询）"))
            (self.code if case_no else self.case_no).setFocus()
            return
        if self._asking:
            return
        store = self.workspace.store

        def lookup() -> tuple[str, ProgressAnswer | None]:
            client = online_client(store)
            if client is None:
                return "unregistered", None
            try:
                return "found", lookup_progress(client, case_no, code)
            finally:
                client.close()

        self._asking = True
        self.answer.setText(self.tr("正在查询…"))
        if self.runner is None:  # no worker given: asked here (a short, bounded wait)
            try:
                result = lookup()
            except Exception as exc:  # noqa: BLE001 - shown as the worker's error would be
                self._failed(exc)
                return
            self._show(result)
            return
        self.runner.run(lookup, self._show, self._failed)

    def _failed(self, error: Exception) -> None:
        self._asking = False
        if isinstance(error, SyncError):
            self.answer.setText(self.tr("中心系统暂时无法连接：") + str(error))
        else:
            self.answer.setText(error.said(QCoreApplication.translate) if isinstance(error, ZhanchiError)
                                else self.tr("查询失败，请重试"))

    def _show(self, result: tuple[str, ProgressAnswer | None]) -> None:
        self._asking = False
        how, found = result
        if how == "unregistered":
            self.answer.setText(self.tr("本机未注册到中心系统，无法在线查询"))
            return
        if found is None:
            self.answer.setText(self.tr("没有与此受理编号和查询码相符的案件"))
            return
        when = found.updated_at.astimezone(self.workspace.clock.tz).strftime("%Y-%m-%d %H:%M")
        self.answer.setText(self.tr("%1（%2）：%3，更新于 %4").replace("%1", found.case_no)
                            .replace("%2", found.applicant).replace("%3", found.state_label).replace("%4", when))
