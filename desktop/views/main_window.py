"""The main window: navigation by work, shown by role; the status bar always visible.

UI.md: who is signed in and as what, the office, the policy in force (延续执行
when carried over), online/offline, changes waiting to sync, last sync time.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QStackedWidget, QToolBar, QWidget

from desktop.models.backup import BackupStopped, backup_due, take_backup
from desktop.models.cases import CaseRecord
from desktop.models.clock_check import clock_warning
from desktop.models.document_kinds import KIND_LABELS
from desktop.models.errors import ZhanchiError
from desktop.models.reference import regions
from desktop.models.scan import classify_scan
from desktop.models.staff import Action, StaffUser, can
from desktop.models.workspace import Workspace
from desktop.settings import Settings, load_settings
from desktop.sync.status import SyncStatus, read_status
from desktop.views.back_office import back_office_pages
from desktop.views.document_preview import DocumentPreview
from desktop.views.field_page import FieldPage
from desktop.views.intake_page import IntakePage
from desktop.views.login_dialog import LoginDialog
from desktop.views.scanner import ScanListener
from desktop.views.sync_service import BackgroundSync
from desktop.views.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.documents.case_documents import IssuedDocument

log = logging.getLogger(__name__)


class _IdleWatch(QObject):
    """Counts user input anywhere in the application; the window locks after a quiet period."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__()
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, user: StaffUser, *, settings: Settings | None = None,
                 idle_lock_minutes: int | None = None) -> None:
        super().__init__()
        self.workspace, self.user = workspace, user
        self.settings = settings or load_settings(workspace.data_dir)
        self.setObjectName("main.window")
        self.setWindowTitle(self.tr("展翅柜台 · 技能提升补贴受理"))
        self.resize(1366, 768)
        self.runner = TaskRunner(self._report_error, self)
        # Long housekeeping (the daily backup copies and checks the whole database: minutes for
        # years of cases) on its own thread, so the counter's queries never wait behind it.
        self.maintenance = TaskRunner(self._report_error, self, name="zhanchi-maintenance")
        self._closing = threading.Event()
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self._build_pages()
        self._build_navigation()
        self._build_status_bar()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        minutes = self.settings.idle_lock_minutes if idle_lock_minutes is None else idle_lock_minutes
        self.idle_timer.setInterval(minutes * 60_000)
        self.idle_timer.timeout.connect(self.lock)
        self._idle = _IdleWatch(self.idle_timer)
        self.scanner = ScanListener(self)
        self.scanner.scanned.connect(self.route_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._idle)
            app.installEventFilter(self.scanner)
        self.idle_timer.start()
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(15_000)
        self.status_timer.timeout.connect(self.refresh_status)
        self.status_timer.start()
        self.sync = BackgroundSync(workspace.store, self)
        self.sync.status_changed.connect(self._show_sync)
        self.sync.start()
        self.refresh_status()
        self._daily_backup()

    # --- pages and navigation -------------------------------------------------------------

    def _build_pages(self) -> None:
        from desktop.views.case_detail import CaseDetailPage
        from desktop.views.search_page import SearchPage

        self.intake_page: IntakePage | None = None
        if can(self.user, Action.case_create):
            self.intake_page = IntakePage(self.workspace, self.runner, self.user)
            self.intake_page.case_filed.connect(self._on_case_filed)
            self.intake_page.document_issued.connect(self.preview_document)
            self.pages.addWidget(self.intake_page)
        self.search_page = SearchPage(self.workspace, self.runner)
        self.search_page.username = self.user.username
        self.pages.addWidget(self.search_page)
        self.detail_page = CaseDetailPage(self.workspace, self.runner, self.user)
        self.pages.addWidget(self.detail_page)
        self.search_page.open_case.connect(self.open_case)
        self.detail_page.changed.connect(self.search_page.update_case)  # keeps the scroll position
        self.detail_page.changed.connect(lambda _case_id: self.sync.changed())
        self.detail_page.close_requested.connect(self.show_search)
        self.detail_page.document_issued.connect(self.preview_document)
        self._set_receipt_format()
        # Review, publicity, payment, statistics, audit: only the pages this role may use.
        self.back_office = back_office_pages(self.workspace, self.runner, self.user)
        for _label, _name, page in self.back_office:
            self.pages.addWidget(page)
            page.open_case.connect(self.open_case)
            page.case_changed.connect(self.search_page.update_case)
            page.case_changed.connect(lambda _case_id: self.sync.changed())
            page.document_ready.connect(self.preview_pdf)
        self.field_page: FieldPage | None = None
        if self.intake_page is not None:  # the counter's own work, taken to an industrial park
            self.field_page = FieldPage(self.workspace, self.runner, self.user)
            self.field_page.document_issued.connect(lambda path: self.preview_pdf(path, self.tr("外出受理对账单")))
            self.field_page.field_mode_changed.connect(lambda _on: self.refresh_status())
            self.pages.addWidget(self.field_page)
        if self.intake_page is None and self.back_office:
            self.pages.setCurrentWidget(self.back_office[0][2])  # a reviewer starts at 审核, not 查询

    def _build_navigation(self) -> None:
        bar = QToolBar(self.tr("导航"))
        bar.setObjectName("nav.bar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        if self.intake_page is not None:
            new_case = QAction(self.tr("受理新申请 (Ctrl+N)"), self)
            new_case.setObjectName("nav.new_case")
            new_case.setShortcut(QKeySequence.StandardKey.New)
            new_case.triggered.connect(self.new_case)
            bar.addAction(new_case)
            bar.widgetForAction(new_case).setObjectName("nav.new_case")
            self.new_case_action = new_case
        # UI.md order: 受理 · 审核 · 公示 · 发放 · 查询 · 统计 · 设置 (and 审计 for auditors)
        after_search = ("nav.dashboard", "nav.audit")
        for label, name, page in self.back_office:
            if name not in after_search:
                self._page_action(bar, label, name, page)
        search = QAction(self.tr("查询 (Ctrl+F)"), self)
        search.setObjectName("nav.search")
        search.setShortcut(QKeySequence.StandardKey.Find)
        search.triggered.connect(self.show_search)
        bar.addAction(search)
        for label, name, page in self.back_office:
            if name in after_search:
                self._page_action(bar, label, name, page)
        if self.field_page is not None:
            self._page_action(bar, self.tr("外出受理"), "nav.field", self.field_page)
        if can(self.user, Action.registry_import):
            registry = QAction(self.tr("导入登记数据"), self)
            registry.setObjectName("nav.import")
            registry.triggered.connect(self.show_import)
            bar.addAction(registry)
        progress = QAction(self.tr("进度查询"), self)
        progress.setObjectName("nav.progress")
        progress.setToolTip(self.tr("电话咨询：凭受理编号和查询码向中心系统查询办理进度"))
        progress.triggered.connect(self.show_progress_lookup)
        bar.addAction(progress)
        bar.addSeparator()
        sync_now = QAction(self.tr("立即同步 (F5)"), self)
        sync_now.setObjectName("nav.sync")
        sync_now.setShortcut(QKeySequence(Qt.Key.Key_F5))
        sync_now.triggered.connect(self.sync_now)
        bar.addAction(sync_now)
        self.sync_problems_action = QAction(self.tr("同步问题"), self)
        self.sync_problems_action.setObjectName("nav.sync_problems")
        self.sync_problems_action.setToolTip(self.tr("中心系统拒收的变更：需要人工处理"))
        self.sync_problems_action.triggered.connect(self.show_sync_problems)
        self.sync_problems_action.setVisible(False)
        bar.addAction(self.sync_problems_action)
        bar.addSeparator()
        lock = QAction(self.tr("锁屏 (Ctrl+L)"), self)
        lock.setObjectName("nav.lock")
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        bar.addAction(lock)

        def open_settings() -> None:
            from desktop.views.settings_dialog import SettingsDialog

            self.settings_dialog = SettingsDialog(self.workspace.data_dir, self)
            self.settings_dialog.saved.connect(self.apply_settings)
            self.settings_dialog.open()  # window-modal, not blocking

        settings = QAction(self.tr("设置"), self)
        settings.setObjectName("nav.settings")
        settings.triggered.connect(open_settings)
        bar.addAction(settings)
        bar.widgetForAction(settings).setObjectName("nav.settings")

    def apply_settings(self, settings: Settings) -> None:
        """What can change while the window is open: the idle lock and the receipt paper.
        Language and font size take effect at the next start (widgets are built with them)."""
        self.settings = settings
        self.idle_timer.setInterval(settings.idle_lock_minutes * 60_000)
        self._set_receipt_format()

    def _set_receipt_format(self) -> None:
        if self.intake_page is not None:
            self.intake_page.receipt_format = self.settings.receipt_format
        self.detail_page.receipt_format = self.settings.receipt_format

    def _page_action(self, bar: QToolBar, label: str, name: str, page: QWidget) -> None:
        action = QAction(label, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, p=page: self.pages.setCurrentWidget(p))
        bar.addAction(action)
        bar.widgetForAction(action).setObjectName(name)

    def preview_pdf(self, path: str, title: str) -> None:
        self.preview = DocumentPreview(Path(path), title, self)
        self.preview.open()  # window-modal, not blocking: the person prints or closes it

    def new_case(self) -> None:
        if self.intake_page is not None:
            self.pages.setCurrentWidget(self.intake_page)
            self.intake_page.new_case()

    def show_search(self) -> None:
        self.pages.setCurrentWidget(self.search_page)
        self.search_page.refresh()
        self.search_page.findChild(QWidget, "search.query").setFocus()

    def open_case(self, case_id: str) -> None:
        self.pages.setCurrentWidget(self.detail_page)
        self.detail_page.show_case(case_id)

    def route_scan(self, text: str) -> None:
        """Put a scanner's reading where it belongs, wherever the focus was."""
        scan = classify_scan(text)
        if scan.kind == "receipt":
            self.open_case(scan.value)
        elif scan.kind in ("id_number", "certificate") and self.intake_page is not None:
            self.pages.setCurrentWidget(self.intake_page)
            self.intake_page.take_scan(scan)
        elif scan.kind in ("id_number", "certificate"):
            self.show_search()
            self.search_page.findChild(QLineEdit, "search.query").setText(scan.value)
        else:
            self.statusBar().showMessage(self.tr("扫描内容无法识别：") + text[:40], 10_000)

    def preview_document(self, issued: IssuedDocument) -> None:
        title = KIND_LABELS.get(issued.kind, issued.kind) + " " + issued.case_no
        if issued.reprint_count:
            title += self.tr("（第%1次补打）").replace("%1", str(issued.reprint_count))
        self.preview_pdf(str(issued.path), title)

    def _on_case_filed(self, record: CaseRecord) -> None:
        self.sync.changed()
        self.refresh_status()
        self.search_page.refresh()

    def _daily_backup(self) -> None:
        ws, closing = self.workspace, self._closing

        def backup() -> None:
            if backup_due(ws.data_dir, ws.clock.today(), ws.clock.tz):
                take_backup(ws.data_dir, reason="daily", now=ws.clock.now(), stop=closing.is_set)

        self.maintenance.run(backup, on_error=self._backup_failed)

    def _backup_failed(self, error: Exception) -> None:
        if isinstance(error, BackupStopped):
            return  # closing: the next start takes it
        # The daily backup is also the full check of the database: its failure stays on screen.
        text = str(error) if isinstance(error, ZhanchiError) else self.tr("内部错误，已记录日志")
        self.backup_label.setText("⚠ " + self.tr("今日备份失败：") + text)
        self.backup_label.show()

    # --- status bar -----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        office = self.workspace.store.office_code
        self.user_label = QLabel(f"{self.user.display_name}（{self.user.role.label}）")
        self.user_label.setObjectName("status.user")
        self.office_label = QLabel(f"{office} {regions().name(office) or ''}")
        self.policy_label = QLabel()
        self.policy_label.setObjectName("status.policy")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("sync.status")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("status.clock")
        self.clock_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.clock_label.setWordWrap(True)
        self.clock_label.hide()
        self.backup_label = QLabel()
        self.backup_label.setObjectName("status.backup")
        self.backup_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.backup_label.setWordWrap(True)
        self.backup_label.hide()
        for label in (self.user_label, self.office_label, self.policy_label, self.clock_label, self.backup_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.sync_label)

    def refresh_status(self) -> None:
        ws = self.workspace
        policy = ws.verifier.book.for_case(ws.clock.today(), ws.store.office_code)
        text = self.tr("适用政策：") + policy.label
        if policy.carried_over:
            text += self.tr("（延续执行）")
            self.policy_label.setToolTip(policy.note)
        self.policy_label.setText(text)

        self.runner.run(lambda: read_status(ws.store), lambda status: self._show_sync(status, ""))
        self.runner.run(lambda: clock_warning(ws.store), self._show_clock_warning)

    def _show_clock_warning(self, warning: str | None) -> None:
        self.clock_label.setText("⚠ " + warning if warning else "")
        self.clock_label.setVisible(bool(warning))

    def _show_sync(self, status: SyncStatus, message: str) -> None:
        if not status.registered:
            state = self.tr("离线（未注册）")
        elif status.online:
            state = self.tr("在线")
        else:
            state = self.tr("离线")
        text = self.tr("%1 · 待同步 %2 条").replace("%1", state).replace("%2", str(status.pending))
        if status.rejected:
            text += self.tr(" · 被拒 %1 条待处理").replace("%1", str(status.rejected))
        last = self._local_time(status.last_sync) if status.last_sync else self.tr("从未")
        text += " · " + self.tr("上次同步：") + last
        if status.next_attempt is not None and status.registered and not status.online:
            text += " · " + self.tr("下次重试：") + self._local_time(status.next_attempt)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(message or status.last_error or "")
        self.sync_label.setProperty("pending", status.pending)
        self.sync_status = status
        if self.intake_page is not None:
            self.intake_page.online = bool(status.registered and status.online)
        self.sync_problems_action.setVisible(bool(status.rejected))

    def _local_time(self, instant: dt.datetime) -> str:
        return instant.astimezone(self.workspace.clock.tz).strftime("%m-%d %H:%M")

    def sync_now(self) -> None:
        self.sync_label.setText(self.tr("正在同步…"))
        self.sync.request(force=True)

    def show_sync_problems(self) -> None:
        from desktop.views.sync_dialogs import RejectedChangesDialog

        self.sync_problems = RejectedChangesDialog(self.workspace, self.runner, self)
        self.sync_problems.requeued.connect(self.sync.changed)
        self.sync_problems.open()

    def show_import(self) -> None:
        from desktop.views.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self.workspace, self.runner, self.user, self)
        self.import_dialog.open()

    def show_progress_lookup(self) -> None:
        from desktop.views.sync_dialogs import ProgressLookupDialog

        self.progress_lookup = ProgressLookupDialog(self.workspace, self)
        self.progress_lookup.open()

    # --- lock, errors, closing ------------------------------------------------------------------

    def lock(self) -> None:
        self.idle_timer.stop()
        dialog = LoginDialog(self.workspace.store, locked_user=self.user, parent=self)
        self.lock_dialog = dialog
        dialog.finished.connect(self._unlocked)
        dialog.open()

    def _unlocked(self, result: int) -> None:
        dialog = self.lock_dialog
        if dialog.switch_requested:
            login = LoginDialog(self.workspace.store, parent=self)
            if login.exec() and login.user is not None:
                self.user = login.user
                self._rebuild_for_user()
            else:
                self.lock()
                return
        self.idle_timer.start()

    def _rebuild_for_user(self) -> None:
        # A new runner: the old one's pending answers were for the pages about to be deleted.
        self.runner.shutdown()
        self.runner.deleteLater()
        self.runner = TaskRunner(self._report_error, self)
        for bar in self.findChildren(QToolBar):
            self.removeToolBar(bar)
            bar.deleteLater()
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()
        self._build_pages()
        self._build_navigation()
        self.user_label.setText(f"{self.user.display_name}（{self.user.role.label}）")
        self.refresh_status()

    def _report_error(self, error: Exception) -> None:
        text = str(error) if isinstance(error, ZhanchiError) else self.tr("内部错误，已记录日志，请重试或联系管理员")
        self.statusBar().showMessage("⚠ " + text, 10_000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._idle)
            app.removeEventFilter(self.scanner)
        self.status_timer.stop()
        self._closing.set()  # a backup in progress stops within a step, leaving no file
        self.sync.shutdown()
        self.runner.shutdown()
        self.maintenance.shutdown()
        super().closeEvent(event)
