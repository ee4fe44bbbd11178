"""The main window: navigation by work, shown by role; the status bar always visible.

UI.md: who is signed in and as what, the office, the policy in force (延续执行
when carried over), online/offline, changes waiting to sync, last sync time.

The window can appear before its data (``MainWindow(None, user, data_dir=...)``,
what ``app.open_main_window`` does): the navigation for the role and, for a
clerk, the intake form are there at once and take typing, while the data folder
opens on a thread; ``attach`` then builds the other pages one per turn of the
event loop (the window keeps answering keys) and enables what needs the data.
Given the workspace, everything is built before the constructor returns.  The
database layer is imported only with the pages that need it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QToolBar, QWidget

from desktop.models.changes import Changes
from desktop.models.clock import Clock
from desktop.models.document_kinds import KIND_LABELS
from desktop.models.errors import ZhanchiError
from desktop.models.permissions import Action, StaffUser, can
from desktop.models.reference import regions
from desktop.models.scan import classify_scan
from desktop.settings import Settings, WindowPlacement, load_settings, load_window_placement, save_window_placement
from desktop.views.intake_page import IntakePage
from desktop.views.keyboard_nav import DialogsClosed
from desktop.views.navigation import PageEntry, back_office_entries, build_page, landing_page
from desktop.views.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.devices.idcard import CardReader
    from desktop.documents.case_documents import IssuedDocument
    from desktop.models.workspace import Workspace
    from desktop.sync.status import SyncStatus
    from desktop.views.case_detail import CaseDetailPage
    from desktop.views.document_delivery import DocumentDelivery
    from desktop.views.field_page import FieldPage
    from desktop.views.login_dialog import LockCover
    from desktop.views.search_page import SearchPage
    from desktop.views.sync_service import BackgroundSync

log = logging.getLogger(__name__)
_UNPAINTED_MS = 500  # after_first_paint: how long to wait for a paint that may never come (minimized)
TITLE_BAR_ALLOWANCE = 40  # a window manager's title bar and frame, above a window not maximized


def normal_geometry(available: QRect, kept: QRect | None = None) -> QRect:
    """Where the window goes when it is not maximized: ``kept`` (how the person left it) moved and
    shrunk into the screen's ``available`` area with room for a title bar, or by default most of it,
    centred.  Either way the whole window, its frame included, is on the screen (issue 16.5)."""
    room = available.adjusted(0, TITLE_BAR_ALLOWANCE, 0, 0)
    if kept is None or not kept.isValid():
        margin_x, margin_y = available.width() // 20, available.height() // 20
        return room.adjusted(margin_x, margin_y // 2, -margin_x, -margin_y)
    width, height = min(kept.width(), room.width()), min(kept.height(), room.height())
    x = min(max(kept.x(), room.left()), room.right() + 1 - width)
    y = min(max(kept.y(), room.top()), room.bottom() + 1 - height)
    return QRect(x, y, width, height)


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
    opened = Signal()  # the data folder is open and every page is built (at once when given the workspace)
    first_painted = Signal()  # the window is on screen: work that would slow its first look can start

    def __init__(self, workspace: Workspace | None, user: StaffUser, *, settings: Settings | None = None,
                 data_dir: Path | None = None, idle_lock_minutes: int | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__()
        if workspace is not None:
            data_dir, clock = workspace.data_dir, workspace.clock
        self.clock = clock or Clock()  # the workspace opened later shares it
        if data_dir is None:
            raise ValueError("MainWindow needs the workspace or the data folder")
        self.workspace: Workspace | None = None
        self.user, self.data_dir = user, data_dir
        self.settings = settings or load_settings(data_dir)
        self.setObjectName("main.window")
        self._painted = False
        self.lock_cover: LockCover | None = None  # while locked (issue 16.6)
        self._hidden_by_lock: list[QWidget] = []
        self._hidden_windows: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self.setWindowTitle(self.tr("展翅柜台 · 技能提升补贴受理"))
        self._place()
        self.runner = TaskRunner(self._report_error, self)
        self.runner.changed.connect(self._on_changes)
        self.delivery: DocumentDelivery | None = None  # the counter's printing, once the data is open
        # Long housekeeping (the daily backup copies and checks the whole database: minutes for
        # years of cases) on its own thread, so the counter's queries never wait behind it.
        self.maintenance = TaskRunner(self._report_error, self, name="zhanchi-maintenance")
        self._closing = threading.Event()
        self.sync: BackgroundSync | None = None
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self._build_status_bar()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        minutes = self.settings.idle_lock_minutes if idle_lock_minutes is None else idle_lock_minutes
        self.idle_timer.setInterval(minutes * 60_000)
        self.idle_timer.timeout.connect(self.lock)
        self._idle = _IdleWatch(self.idle_timer)
        # After any dialog or preview of this window, the ID field again (issue 16.8).
        self._dialogs_closed = DialogsClosed(self, self._focus_after_dialog)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(15_000)
        self.status_timer.timeout.connect(self.refresh_status)
        self._build_for_user()
        if workspace is not None:
            self.attach(workspace, gradually=False)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after the rest of this paint
            QTimer.singleShot(0, self._maximize_without_window_manager)

    # --- size and place (issue 16.5) --------------------------------------------------------

    def _screen_size(self) -> tuple[int, int]:
        size = self.screen().geometry().size()
        return size.width(), size.height()

    def _place(self) -> None:
        """Maximized, unless this person left the window otherwise on a screen of this size; what
        is shown once it is shown (``create_main_window`` and the program's start alike)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        kept = load_window_placement(self.data_dir, self.user.username, self._screen_size())
        geometry = QRect(*kept.geometry) if kept is not None and kept.geometry is not None else None
        self.setGeometry(normal_geometry(screen.availableGeometry(), geometry))
        if kept is None or kept.maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _maximize_without_window_manager(self) -> None:
        """A bare X server (a kiosk) has no window manager to maximize the window: it fills the
        screen itself.  Known by a window asked to be maximized that is neither maximized nor framed."""
        available = self.screen().availableGeometry()
        if (self.windowState() & Qt.WindowState.WindowMaximized and self.geometry() != available
                and self.frameGeometry() == self.geometry()):
            self.setGeometry(available)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)  # still so (kept at close)

    def _keep_placement(self) -> None:
        """How this person leaves the window, for the next time on a screen of this size."""
        maximized = bool(self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen))
        normal = self.normalGeometry() if maximized else self.geometry()
        geometry = (normal.x(), normal.y(), normal.width(), normal.height()) if normal.isValid() else None
        try:
            save_window_placement(self.data_dir, self.user.username,
                                  WindowPlacement(self._screen_size(), maximized, geometry))
        except ZhanchiError as exc:
            log.warning("window placement not kept: %s", exc)

    # --- pages and navigation -------------------------------------------------------------

    def _build_for_user(self) -> None:
        """What needs only the role: the first page and the navigation (the rest at attach)."""
        self.search_page: SearchPage | None = None
        self.detail_page: CaseDetailPage | None = None
        self.field_page: FieldPage | None = None
        self.back_office: list[tuple[str, str, QWidget]] = []
        self._named_pages: dict[str, QWidget] = {}
        self._data_actions: list[QAction] = []  # enabled when the data is open
        self.intake_page: IntakePage | None = None
        if can(self.user, Action.case_create):
            self.intake_page = IntakePage(self.workspace, self.runner, self.user, data_dir=self.data_dir,
                                          clock=self.clock)
            self.intake_page.document_issued.connect(self.deliver_document)  # F9: to the printer (16.12)
            self.intake_page.card_reader.reader_factory = self._card_reader
            self.pages.addWidget(self.intake_page)
            self.intake_page.form.id_number.setFocus()  # keyboard first: type or scan the ID at once
        else:
            self.opening_label = QLabel(self.tr("正在打开数据，请稍候…"))
            self.opening_label.setObjectName("main.opening")
            self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages.addWidget(self.opening_label)
        self._build_navigation()

    def attach(self, workspace: Workspace, *, gradually: bool = True) -> None:
        """The data folder is open: build the pages that need it (``gradually``: one per turn of
        the event loop, so typing goes on, and none before the window's first paint), then start
        sync, status and the daily backup."""
        if self._closing.is_set():
            workspace.close()  # the window was closed while the folder opened
            return
        self.workspace = workspace
        back_office = [self._back_office_step(entry) for entry in back_office_entries(self.user)]
        steps = [self._attach_intake, self._build_case_pages, *back_office, self._build_field_page,
                 self._start_services]
        if not gradually:
            for step in steps:
                step()
            return

        def next_step() -> None:
            if self._closing.is_set() or not steps:
                return
            steps.pop(0)()
            if steps:
                QTimer.singleShot(0, next_step)

        steps.pop(0)()  # the intake page takes the data at once: what was typed is verified
        self.after_first_paint(next_step)

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once, on the GUI thread, after the window's first paint (work that would
        slow its first look waits for it); after half a second if it never paints (started
        minimized); at the next turn of the loop if it has painted already."""
        if self._painted:
            QTimer.singleShot(0, callback)
            return
        done = False

        def once() -> None:
            nonlocal done
            if not done:
                done = True
                callback()

        self.first_painted.connect(once)
        QTimer.singleShot(_UNPAINTED_MS, self, once)

    def _attach_intake(self) -> None:
        if self.intake_page is not None:
            self.intake_page.attach(self._workspace())

    def _build_case_pages(self) -> None:
        from desktop.views.case_detail import CaseDetailPage
        from desktop.views.search_page import SearchPage

        workspace = self._workspace()
        self.search_page = SearchPage(workspace, self.runner)
        self.search_page.username = self.user.username
        self.pages.addWidget(self.search_page)
        self.detail_page = CaseDetailPage(workspace, self.runner, self.user)
        self.pages.addWidget(self.detail_page)
        self.search_page.open_case.connect(self.open_case)
        self.detail_page.close_requested.connect(self.show_search)
        self.detail_page.document_issued.connect(self.preview_document)
        self._set_receipt_format()

    def _back_office_step(self, entry: PageEntry) -> Callable[[], None]:
        # Review, publicity, payment, statistics, audit: only the pages this role may use.
        def step() -> None:
            page = build_page(entry, self._workspace(), self.runner, self.user)
            self.back_office.append((entry.label, entry.name, page))
            self._named_pages[entry.name] = page
            self.pages.addWidget(page)
            page.open_case.connect(self.open_case)  # type: ignore[attr-defined]
            page.document_ready.connect(self.preview_pdf)  # type: ignore[attr-defined]
            if self.intake_page is None and entry.name == landing_page(self.user):
                self.pages.setCurrentWidget(page)  # each role starts on its main page (a reviewer: 审核)

        return step

    def _build_field_page(self) -> None:
        from desktop.views.field_page import FieldPage

        if self.intake_page is None:
            return
        # The counter's own work, taken to an industrial park.
        self.field_page = FieldPage(self._workspace(), self.runner, self.user)
        self.field_page.document_issued.connect(lambda path: self.preview_pdf(path, self.tr("外出受理对账单")))
        self._named_pages["nav.field"] = self.field_page
        self.pages.addWidget(self.field_page)

    def _start_services(self) -> None:
        from desktop.views.scanner import ScanListener
        from desktop.views.sync_service import BackgroundSync

        workspace = self._workspace()
        if self.intake_page is None and not self.back_office and self.search_page is not None:
            self.pages.setCurrentWidget(self.search_page)
        office = workspace.store.office_code
        self.office_label.setText(f"{office} {regions().name(office) or ''}")
        for action in self._data_actions:
            action.setEnabled(True)
        if self.sync is None:  # once per window: switching user keeps the sync thread
            self.scanner = ScanListener(self)
            self.scanner.scanned.connect(self.route_scan)
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self._idle)
                app.installEventFilter(self.scanner)
            self.idle_timer.start()
            self.status_timer.start()
            self.sync = BackgroundSync(workspace.store, self)
            self.sync.status_changed.connect(self._show_sync)
            self.sync.start()
            self._daily_backup()
            self._start_printing()
        self.refresh_status()
        self.opened.emit()

    def _card_reader(self) -> CardReader | None:
        """The ID-card reader the settings name (on the reader's thread, at the first 读卡)."""
        from desktop.devices.idcard import reader_from_spec
        from desktop.views.device_settings import reader_spec

        return reader_from_spec(reader_spec(self.settings), self.data_dir)

    def _start_printing(self) -> None:
        """The counter's receipts and notices go to the default printer on a thread of their own,
        reportlab and the fonts warmed there now: the day's first receipt as fast as any (16.12, 16.13)."""
        from desktop.views.document_delivery import DocumentDelivery

        self.delivery = DocumentDelivery(self.runner, self._report_error, self._preview_issued, self)
        self.delivery.said.connect(self._say_delivery)
        if self.intake_page is not None:
            self.delivery.warm_up(self.settings.receipt_format)

    def _workspace(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("the data folder is not open yet")
        return self.workspace

    def _data_changed(self, _case_id: str = "") -> None:
        if self.sync is not None:
            self.sync.changed()

    def _on_changes(self, changes: Changes) -> None:
        """The window's own part of every change (issue 18.4): sync soon, and the status bar."""
        if changes.outbox:
            self._data_changed()
        if changes.cases or changes.field_mode:
            self.refresh_status()

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
        # UI.md order: 受理 · 审核 · 公示 · 发放 · 查询 · 统计 · 设置 (and 审计, 人员管理 for their roles)
        entries = back_office_entries(self.user)
        for entry in entries:
            if not entry.after_search:
                self._page_action(bar, entry.label, entry.name)
        self._nav_action(bar, self.tr("查询 (Ctrl+F)"), "nav.search", self.show_search,
                          QKeySequence(QKeySequence.StandardKey.Find))
        for entry in entries:
            if entry.after_search:
                self._page_action(bar, entry.label, entry.name)
        if self.intake_page is not None:
            self._page_action(bar, self.tr("外出受理"), "nav.field")
        if can(self.user, Action.registry_import):
            self._nav_action(bar, self.tr("导入登记数据"), "nav.import", self.show_import)
        progress = self._nav_action(bar, self.tr("进度查询"), "nav.progress", self.show_progress_lookup)
        progress.setToolTip(self.tr("电话咨询：凭受理编号和查询码向中心系统查询办理进度"))
        bar.addSeparator()
        self._nav_action(bar, self.tr("立即同步 (F5)"), "nav.sync", self.sync_now, QKeySequence(Qt.Key.Key_F5))
        self.sync_problems_action = QAction(self.tr("同步问题"), self)
        self.sync_problems_action.setObjectName("nav.sync_problems")
        self.sync_problems_action.setToolTip(self.tr("中心系统拒收的变更：需要人工处理"))
        self.sync_problems_action.triggered.connect(self.show_sync_problems)
        self.sync_problems_action.setVisible(False)
        bar.addAction(self.sync_problems_action)
        bar.addSeparator()
        self._nav_action(bar, self.tr("锁屏 (Ctrl+L)"), "nav.lock", self.lock, QKeySequence("Ctrl+L"))
        # Settings are a file in the folder: open before the database is.
        self._nav_action(bar, self.tr("设置"), "nav.settings", self.open_settings, needs_data=False)

    def _nav_action(self, bar: QToolBar, label: str, name: str, slot: Callable[[], None],
                    shortcut: QKeySequence | None = None, *, needs_data: bool = True) -> QAction:
        """A navigation action; one that ``needs_data`` is greyed until the data folder is open."""
        action = QAction(label, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        if needs_data:
            action.setEnabled(self.workspace is not None)
            self._data_actions.append(action)
        bar.addAction(action)
        bar.widgetForAction(action).setObjectName(name)
        return action

    def _page_action(self, bar: QToolBar, label: str, name: str) -> None:
        self._nav_action(bar, label, name, lambda: self.pages.setCurrentWidget(self._named_pages[name]))

    def open_settings(self) -> None:
        from desktop.views.settings_dialog import SettingsDialog

        # An administrator also sets what a written decision prints (the dialog shows it to him only).
        office = (self.workspace.store, self.user) if self.workspace is not None else None
        self.settings_dialog = SettingsDialog(self.data_dir, self, office=office)
        self.settings_dialog.saved.connect(self.apply_settings)
        self.settings_dialog.open()  # window-modal, not blocking

    def apply_settings(self, settings: Settings) -> None:
        """What can change while the window is open: the idle lock, the receipt paper, printing or
        previewing, the ID-card reader.
        Language and font size take effect at the next start (widgets are built with them)."""
        self.settings = settings
        self.idle_timer.setInterval(settings.idle_lock_minutes * 60_000)
        self._set_receipt_format()
        if self.intake_page is not None:
            self.intake_page.card_reader.shutdown()  # the next 读卡 opens the reader the settings now name

    def _set_receipt_format(self) -> None:
        for page in (self.intake_page, self.detail_page):
            if page is not None:
                page.receipt_format = self.settings.receipt_format

    def preview_pdf(self, path: str, title: str) -> None:
        from desktop.views.document_preview import DocumentPreview

        self.preview = DocumentPreview(Path(path), title, self)
        self.preview.open()  # window-modal, not blocking: the person prints or closes it

    def deliver_document(self, issued: IssuedDocument) -> None:
        """A receipt or notice filed at the counter: straight to the default printer, or previewed
        (the setting, or no printer), the outcome audited (issue 16.12)."""
        if self.workspace is None or self.delivery is None:
            return
        self.delivery.deliver(issued, self._document_title(issued), self.settings, self.workspace.store,
                              self.user)

    def _preview_issued(self, issued: IssuedDocument, printed: Callable[[str], None], note: str) -> None:
        self.preview_document(issued)
        self.preview.printed.connect(printed)
        if note:  # why it is on the screen and not on paper, said where the clerk looks now
            self.preview.status.setText("⚠ " + note)

    def _say_delivery(self, text: str, warning: bool) -> None:
        self.statusBar().showMessage(("⚠ " if warning else "") + text, 15_000)

    def new_case(self) -> None:
        """Ctrl+N: the intake page, a new case (asking first when the form holds one: issue 16.7)."""
        if self.intake_page is not None:
            self.pages.setCurrentWidget(self.intake_page)
            self.intake_page.request_new_case()

    def show_search(self) -> None:
        if self.search_page is None:
            return  # the data is still opening (the action is greyed)
        self.pages.setCurrentWidget(self.search_page)
        self.search_page.refresh()
        self.search_page.query.setFocus()

    def open_case(self, case_id: str) -> None:
        if self.detail_page is None:
            return
        self.pages.setCurrentWidget(self.detail_page)
        self.detail_page.show_case(case_id)

    def route_scan(self, text: str) -> None:
        """Put a scanner's reading where it belongs, wherever the focus was (nowhere while locked)."""
        if self.lock_cover is not None:
            return
        scan = classify_scan(text, self.clock.today())
        if scan.kind == "receipt":
            self.open_case(scan.value)
        elif scan.kind in ("id_number", "certificate") and self.intake_page is not None:
            self.pages.setCurrentWidget(self.intake_page)
            self.intake_page.take_scan(scan)
        elif scan.kind in ("id_number", "certificate") and self.search_page is not None:
            self.show_search()
            self.search_page.query.setText(scan.value)
        else:
            self.statusBar().showMessage(self.tr("扫描内容无法识别：") + text[:40], 10_000)

    def preview_document(self, issued: IssuedDocument) -> None:
        self.preview_pdf(str(issued.path), self._document_title(issued))

    def _document_title(self, issued: IssuedDocument) -> str:
        title = KIND_LABELS.get(issued.kind, issued.kind) + " " + issued.case_no
        if issued.reprint_count:
            title += self.tr("（第%1次补打）").replace("%1", str(issued.reprint_count))
        return title

    def _focus_after_dialog(self) -> None:
        """A dialog or a preview closed over the intake page: the ID field takes the focus, in view."""
        if self.lock_cover is None and self.intake_page is not None and self.isVisible() \
                and self.pages.currentWidget() is self.intake_page:
            if not self.isActiveWindow():
                self.activateWindow()  # without a window manager no one gives the window back its keys
            self.intake_page.focus_after_dialog()

    def _daily_backup(self) -> None:
        ws, closing = self._workspace(), self._closing

        def backup() -> None:
            from desktop.models.backup import backup_due, take_backup

            if backup_due(ws.data_dir, ws.clock.today(), ws.clock.tz):
                take_backup(ws.data_dir, reason="daily", now=ws.clock.now(), stop=closing.is_set)

        self.maintenance.run(backup, on_error=self._backup_failed)

    def _backup_failed(self, error: Exception) -> None:
        from desktop.models.backup import BackupStopped

        if isinstance(error, BackupStopped):
            return  # closing: the next start takes it
        # The daily backup is also the full check of the database: its failure stays on screen.
        text = (error.said(QCoreApplication.translate) if isinstance(error, ZhanchiError)
                else self.tr("内部错误，已记录日志"))
        self.backup_label.setText("⚠ " + self.tr("今日备份失败：") + text)
        self.backup_label.show()

    # --- status bar -----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(f"{self.user.display_name}（{self.user.role.label}）")
        self.user_label.setObjectName("status.user")
        self.office_label = QLabel()  # the store's office, when it is open
        self.policy_label = QLabel()
        self.policy_label.setObjectName("status.policy")
        self.sync_label = QLabel(self.tr("正在打开数据…"))
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
        from desktop.models.clock_check import clock_warning
        from desktop.sync.status import read_status

        ws = self.workspace
        if ws is None:
            return
        policy = ws.verifier.book.for_case(ws.clock.today(), ws.store.office_code)
        text = self.tr("适用政策：") + policy.label
        if policy.carried_over:
            text += self.tr("（延续执行）")
        self.policy_label.setToolTip(policy.note)  # carried over; local rules left out as unconfirmed
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
        return instant.astimezone(self._workspace().clock.tz).strftime("%m-%d %H:%M")

    def sync_now(self) -> None:
        if self.sync is None:
            return
        self.sync_label.setText(self.tr("正在同步…"))
        self.sync.request(force=True)

    def show_sync_problems(self) -> None:
        from desktop.views.sync_dialogs import RejectedChangesDialog

        self.sync_problems = RejectedChangesDialog(self._workspace(), self.runner, self, actor=self.user.username)
        self.sync_problems.open()

    def show_import(self) -> None:
        from desktop.views.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self._workspace(), self.runner, self.user, self)
        self.import_dialog.open()

    def show_progress_lookup(self) -> None:
        from desktop.views.sync_dialogs import ProgressLookupDialog

        self.progress_lookup = ProgressLookupDialog(self._workspace(), self.runner, self)
        self.progress_lookup.open()

    # --- lock, errors, closing ------------------------------------------------------------------

    def lock(self) -> None:
        """Cover the whole window (issue 16.6): the pages, the navigation and the status bar are
        hidden behind an opaque cover, so nothing of a case shows and no key or scan acts on it, and
        the window's other windows (a preview, a dialog) are hidden; the person who locked it
        unlocks it with their password, or another person signs in over it."""
        from desktop.views.login_dialog import LockCover

        if self.workspace is None or self.lock_cover is not None:
            return  # nothing to lock before the data is open (the action is greyed); or locked already
        self.idle_timer.stop()
        if self.intake_page is not None:
            self.intake_page.keep_draft()
        for widget in QApplication.topLevelWidgets():  # a drop-down list, a calendar, a tooltip
            if widget.isVisible() and widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                widget.close()
        # The window's own other windows (a document preview, a dialog): hidden; one that was
        # waiting for an answer (a question asked with exec) ends unanswered.
        self._hidden_windows = [w for w in QApplication.topLevelWidgets()
                                if w is not self and w.isVisible() and self._owns(w)]
        self._focus_before_lock = QApplication.focusWidget()
        for window in self._hidden_windows:
            window.hide()
        self.statusBar().clearMessage()  # a message may name a person or a scanned number
        self._hidden_by_lock = [w for w in (*self.findChildren(QToolBar), self.pages, self.statusBar())
                                if not w.isHidden()]
        for widget in self._hidden_by_lock:
            widget.hide()
        cover = LockCover(self.workspace.store, self.user, self)
        cover.unlocked.connect(self._unlocked)
        self.lock_cover = cover
        cover.show()
        cover.raise_()
        cover.password.setFocus()

    def _owns(self, window: QWidget) -> bool:
        parent = window.parentWidget()
        while parent is not None and parent is not self:
            parent = parent.parentWidget()
        return parent is self

    def _unlocked(self, user: StaffUser) -> None:
        from shiboken6 import isValid

        switched = user.username != self.user.username
        if switched:
            self._keep_placement()
            self.user = user
            self._rebuild_for_user()  # the previous person's pages go; their draft stays theirs
            # Their navigation is gone too (the new person's is already there).
            self._hidden_by_lock = [w for w in self._hidden_by_lock if not isinstance(w, QToolBar)]
        for widget in self._hidden_by_lock:
            if isValid(widget):
                widget.show()
        self._hidden_by_lock = []
        for window in self._hidden_windows:
            if not isValid(window):
                continue  # ended while hidden (a question that was waiting)
            if switched:
                window.close()  # the previous person's preview or dialog is not the next one's
            elif window.windowModality() != Qt.WindowModality.ApplicationModal:
                window.show()  # a preview or a dialog opened with open(): back as it was
        self._hidden_windows = []
        cover, self.lock_cover = self.lock_cover, None
        if cover is not None:
            cover.hide()
            cover.deleteLater()
        focus, self._focus_before_lock = self._focus_before_lock, None
        if not switched and focus is not None and isValid(focus) and focus.isVisible():
            focus.setFocus()  # back where the person was
        elif self.pages.currentWidget() is self.intake_page and self.intake_page is not None:
            self.intake_page.form.id_number.setFocus()
        self.idle_timer.start()

    def _rebuild_for_user(self) -> None:
        # A new runner: the old one's pending answers were for the pages about to be deleted.
        self.runner.shutdown()
        self.runner.deleteLater()
        self.runner = TaskRunner(self._report_error, self)
        self.runner.changed.connect(self._on_changes)
        if self.delivery is not None:
            self.delivery.runner = self.runner  # a print still on its way is recorded for whoever issued it
        if self.intake_page is not None:
            self.intake_page.card_reader.shutdown()  # its thread ends before the page goes
        for bar in self.findChildren(QToolBar):
            self.removeToolBar(bar)
            bar.deleteLater()
        while (page := self.pages.widget(0)) is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
        workspace = self._workspace()
        self.workspace = None
        self._build_for_user()
        self.user_label.setText(f"{self.user.display_name}（{self.user.role.label}）")
        self.attach(workspace, gradually=False)

    def show_opening(self, text: str) -> None:
        """What the data folder's opening is doing, where the sync state will be."""
        if self.workspace is None:
            self.sync_label.setText(text)

    def open_failed(self, message: str) -> None:
        """The data folder could not be opened behind the window: said in words, then closed."""
        from PySide6.QtWidgets import QMessageBox

        self.sync_label.setText("⚠ " + message)
        QMessageBox.critical(self, self.tr("无法打开数据"), message)
        self.close()

    def _report_error(self, error: Exception) -> None:
        from desktop.views.field_errors import error_text

        self.statusBar().showMessage("⚠ " + error_text(error), 10_000)  # an input error in words, not its key

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.isVisible():
            self._keep_placement()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._idle)
            if hasattr(self, "scanner"):
                app.removeEventFilter(self.scanner)
        self.status_timer.stop()
        self._closing.set()  # a backup in progress stops within a step, leaving no file
        if self.sync is not None:
            self.sync.shutdown()
        self.runner.shutdown()
        if self.delivery is not None:
            self.delivery.shutdown()
        if self.intake_page is not None:
            self.intake_page.card_reader.shutdown()
        self.maintenance.shutdown()
        super().closeEvent(event)
