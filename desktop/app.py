"""Composition root: QApplication, fonts, translator, core services, main window.

The program's start (``run_gui``) shows the sign-in at once and opens the data
folder on a thread of its own while the person types: SQLAlchemy, the store
(with a migration and its backup after an upgrade: minutes on a large folder)
and the main window's modules load behind the dialog, which signs in as soon
as the data is open.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.models.errors import ZhanchiError
from desktop.models.reference import resource_dir
from desktop.settings import Settings, load_settings
from desktop.views import gc_guard
from desktop.views.compat import immortalise_singletons
from desktop.views.i18n import install_translator

if TYPE_CHECKING:
    from desktop.models.clock import Clock
    from desktop.models.workspace import Workspace

log = logging.getLogger(__name__)
T = TypeVar("T")

BASE_POINT_SIZE = 11  # UI.md: at least 11 pt
# What the main window builds once the data is open, besides the back-office pages (navigation
# names those): imported by FolderOpening on its thread.
WINDOW_MODULES = (
    "desktop.views.main_window", "desktop.views.search_page", "desktop.views.case_detail",
    "desktop.views.field_page", "desktop.views.sync_service", "desktop.views.scanner",
    "desktop.views.document_preview", "desktop.views.login_dialog",
)


def setup_application(app: QApplication) -> None:
    """Our own CJK font, so Chinese renders on a machine without one (UOS, a bare Windows)."""
    if app.property("zhanchi.setup"):
        return
    app.setProperty("zhanchi.setup", True)
    gc_guard.install(app)  # cycles (and the Qt objects in them) are freed on this thread only
    app.setApplicationName("zhanchi")
    app.setApplicationDisplayName("展翅柜台")
    families = window_font_families()
    font = QFont(app.font())
    if families:
        font.setFamilies(families)
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)


def window_font_families() -> list[str]:
    """Load the window's fonts (the printed documents' sans face, then the faces with the CJK
    extension ideographs, desktop/documents/typefaces.py) and return their families in that
    order: Qt takes a character the first lacks from the next (a name such as 刘䶮𬘡 shows
    whole, as it prints).  The same fallback holds for a font a widget names itself."""
    from desktop.documents.typefaces import FACES, WINDOW_FACES

    families: list[str] = []
    for name in WINDOW_FACES:
        face = FACES[name]
        font_id = QFontDatabase.addApplicationFont(str(resource_dir() / "fonts" / face.file))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if face.family in loaded:
            families.append(face.family)
        elif loaded:
            families.append(loaded[0])
        else:
            log.warning("font %s could not be loaded", face.file)
    if families:
        QFont.insertSubstitutions(families[0], families[1:])
    return families


def apply_settings(app: QApplication, settings: Settings, data_dir: Path | None = None) -> bool:
    """The installation's language and font size, before any window is built (texts and
    sizes are fixed when widgets are made).  Returns False when the language could not be
    installed (the interface is then Chinese).  Safe to call again: nothing accumulates."""
    translated = install_translator(app, settings.language, data_dir=data_dir)
    app.setApplicationDisplayName(QCoreApplication.translate("Application", "展翅柜台"))
    font = app.font()
    font.setPointSizeF(BASE_POINT_SIZE * settings.font_scale_percent / 100)
    app.setFont(font)
    return translated


def _application() -> QApplication:
    immortalise_singletons()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    setup_application(app)
    return app


def create_main_window(data_dir: Path, user: str, *, clock: Clock | None = None) -> QMainWindow:
    """The main window over ``data_dir``, already signed in as ``user`` (CONTRACTS.md): every
    page built and the data open when it returns.  ``clock`` (the computer's by default) is the
    time every service of the window reads."""
    from desktop.models.staff import get_staff
    from desktop.models.workspace import open_workspace
    from desktop.views.main_window import MainWindow

    app = _application()
    workspace = open_workspace(Path(data_dir), clock=clock)
    settings = load_settings(workspace.data_dir)
    apply_settings(app, settings, workspace.data_dir)
    return MainWindow(workspace, get_staff(workspace.store, user), settings=settings)


def open_main_window(data_dir: Path, user: str, *, clock: Clock | None = None) -> QMainWindow:
    """The main window signed in as ``user``, shown at once: the navigation for the role and, for
    a clerk, the intake form taking keys, while the data folder opens on a thread; the other
    pages follow (``MainWindow.opened`` when all are there).  When the account cannot be read
    without the store (no database yet, a damaged file), it is ``create_main_window``."""
    from desktop.models.account_peek import peek_account
    from desktop.views.main_window import MainWindow

    folder = Path(data_dir)
    account = peek_account(folder, user)
    if account is None:
        return create_main_window(folder, user, clock=clock)
    app = _application()
    settings = load_settings(folder)
    apply_settings(app, settings, folder)
    window = MainWindow(None, account, settings=settings, data_dir=folder, clock=clock)
    opening = FolderOpening(folder, window.clock, parent=window)
    opening.opened.connect(window.attach)
    opening.failed.connect(window.open_failed)
    opening.stage.connect(window.show_opening)  # an upgrade after an update: minutes, said as it goes
    # Loading the database layer beside the first paint would slow both (they share the interpreter).
    window.after_first_paint(opening.start)
    return window


def _while_busy(text: str, work: Callable[[], T]) -> T:
    """Run ``work`` on a thread behind a busy dialog (checking or restoring a large backup takes
    minutes: the person sees what is happening instead of nothing)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    result: list[T] = []
    error: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # noqa: BLE001 - raised again on the GUI thread
            error.append(exc)
        finally:
            done.set()

    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setCancelButton(None)  # no cancel: a half-restored folder helps nobody
    dialog.setWindowTitle(QCoreApplication.translate("Application", "展翅柜台"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    worker = threading.Thread(target=run, name="zhanchi-recover")
    worker.start()
    while not done.wait(0.05):
        QApplication.processEvents()
    worker.join()
    dialog.close()
    if error:
        raise error[0]
    return result[0]


def recover_if_damaged(folder: Path) -> bool:
    """Before opening: a damaged database is offered the newest good backup instead of a crash.
    False when it cannot be opened (the person has been told why)."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.models.backup import DB_FILENAME, newest_good_backup, restore_backup, startup_check
    from desktop.models.clock import Clock

    title = QCoreApplication.translate("Application", "展翅柜台")
    check = startup_check(folder / DB_FILENAME)
    if check.ok:
        return True
    if check.key_missing:  # a folder brought from another computer or account: no backup would open either
        QMessageBox.critical(None, title, check.message + QCoreApplication.translate(
            "Application", "\n请联系管理员导入这个数据文件夹的密钥。不要删除数据文件夹。"))
        return False
    backup = _while_busy(QCoreApplication.translate("Application", "数据库已损坏，正在检查备份…"),
                         lambda: newest_good_backup(folder))
    if backup is None:
        QMessageBox.critical(None, title, check.message + QCoreApplication.translate(
            "Application", "\n没有可用的备份。请联系管理员，不要删除数据文件夹。"))
        return False
    when = backup.taken_at.astimezone(Clock().tz).strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(None, title, check.message + QCoreApplication.translate(
        "Application", "\n\n是否用最近一次完好的备份（%1）恢复？损坏的文件会保留，不会删除。").replace("%1", when))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        _while_busy(QCoreApplication.translate("Application", "正在从备份恢复数据库…"),
                    lambda: restore_backup(folder, backup.path, now=Clock().now()))
    except ZhanchiError as exc:  # e.g. the disk filled up: said in words, the damaged file untouched
        QMessageBox.critical(None, title, str(exc))
        return False
    return True


class FolderOpening(QObject):
    """Opens the data folder on its own thread; the answer comes back on the GUI thread."""

    opened = Signal(object)  # Workspace
    failed = Signal(str)  # what to tell the person
    stage = Signal(str)  # what is taking long, for the sign-in to show

    def __init__(self, folder: Path, clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder, self.clock = folder, clock
        self.worker = threading.Thread(target=self._open, name="zhanchi-open")  # not "thread": QObject.thread()
        self._last_stage: tuple[str, int | None] | None = None

    def start(self) -> None:
        self.worker.start()

    def _open(self) -> None:
        try:
            from desktop.models.store import pending_migration
            from desktop.models.workspace import open_workspace

            upgrading = pending_migration(self.folder) is not None
            if upgrading:
                self._upgrade_progress("backup_copy", 0.0)  # said before the first step is done
            workspace = open_workspace(self.folder, clock=self.clock,
                                       progress=self._upgrade_progress if upgrading else None)
            from desktop.views.navigation import page_modules

            for module in (*WINDOW_MODULES, *page_modules()):  # here while the person types, not on the GUI thread
                importlib.import_module(module)
        except ZhanchiError as exc:
            self.failed.emit(str(exc))
            return
        except Exception:  # noqa: BLE001 - logged; the person gets words, not a traceback
            log.exception("opening the data folder failed")
            self.failed.emit(QCoreApplication.translate("Application", "打开数据文件夹时出现内部错误，已记录日志"))
            return
        try:
            self.opened.emit(workspace)
        except RuntimeError:  # the window that asked (our parent) is gone: nobody will close it
            workspace.close()

    def _upgrade_progress(self, step: str, fraction: float | None) -> None:
        percent = None if fraction is None else int(fraction * 100)
        if (step, percent) != self._last_stage:  # the copy reports every 1,024 pages: say each percent once
            self._last_stage = (step, percent)
            self.stage.emit(_upgrade_text(step, fraction))


def _upgrade_text(step: str, fraction: float | None) -> str:
    """What the sign-in says while an upgrade runs behind it (minutes on a large folder)."""
    if step == "backup_copy":
        return QCoreApplication.translate(
            "Application", "正在升级数据库：先完整备份，已复制 %1%，数据多时需要几分钟，请勿关闭…").replace(
            "%1", str(int((fraction or 0.0) * 100)))
    if step == "backup_check":
        return QCoreApplication.translate("Application", "正在升级数据库：正在检查备份是否完好，请勿关闭…")
    percent = str(int((fraction or 0.0) * 100))
    if step == "encrypt":  # issue 20.1: a folder from before encryption
        return QCoreApplication.translate(
            "Application", "正在升级数据库：正在加密数据库，已完成 %1%，请勿关闭…").replace("%1", percent)
    if step == "encrypt_backups":
        return QCoreApplication.translate(
            "Application", "正在升级数据库：正在加密备份文件，已完成 %1%，请勿关闭…").replace("%1", percent)
    return QCoreApplication.translate("Application", "正在升级数据库：正在更新数据结构，请勿关闭…")


def run_gui(data_dir: str | Path | None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from desktop.config import data_dir as resolve_data_dir
    from desktop.logging_setup import setup_logging
    from desktop.views.login_dialog import LoginDialog

    app = _application()
    folder = resolve_data_dir(data_dir)
    setup_logging(folder)
    settings = load_settings(folder)
    apply_settings(app, settings, folder)  # the sign-in dialog is already in the chosen language
    if not recover_if_damaged(folder):
        return 1
    login = LoginDialog(None)
    opening = FolderOpening(folder)
    opened: list[Workspace] = []
    problem: list[str] = []

    def on_opened(workspace: Workspace) -> None:
        opened.append(workspace)
        login.set_store(workspace.store)

    def on_failed(message: str) -> None:
        problem.append(message)
        login.reject()

    opening.opened.connect(on_opened)
    opening.failed.connect(on_failed)
    opening.stage.connect(login.show_status)
    opening.start()
    signed_in = login.exec() and login.user is not None
    if opening.worker.is_alive():  # an upgrade in progress finishes: cutting it would help nobody
        _while_busy(QCoreApplication.translate("Application", "正在打开数据文件夹（升级数据库时需要几分钟），请稍候…"),
                    opening.worker.join)
    app.processEvents()  # the answer, if it came after the dialog closed
    if problem:
        QMessageBox.critical(None, QCoreApplication.translate("Application", "展翅柜台"), problem[0])
        return 1
    if not opened:
        return 1
    workspace = opened[0]
    if not signed_in:
        workspace.close()
        return 0
    from desktop.views.main_window import MainWindow

    # The window shows with its first page; the others are built in the next turns of the loop,
    # after its first paint (shown first, so the paint is queued before them).
    assert login.user is not None  # signed_in says so
    window = MainWindow(None, login.user, settings=settings, data_dir=folder)
    window.show()
    window.attach(workspace)
    code = app.exec()
    workspace.close()
    return int(code)
