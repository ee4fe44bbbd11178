"""Composition root: QApplication, fonts, translator, core services, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.config import data_dir as resolve_data_dir
from desktop.logging_setup import setup_logging
from desktop.models.backup import DB_FILENAME, newest_good_backup, restore_backup, startup_check
from desktop.models.clock import Clock
from desktop.models.errors import ZhanchiError
from desktop.models.reference import resource_dir
from desktop.models.staff import get_staff
from desktop.models.workspace import Workspace, open_workspace
from desktop.settings import Settings, load_settings
from desktop.views.compat import immortalise_singletons
from desktop.views.i18n import install_translator

BASE_POINT_SIZE = 11  # UI.md: at least 11 pt


def setup_application(app: QApplication) -> None:
    """Our own CJK font, so Chinese renders on a machine without one (UOS, a bare Windows)."""
    if app.property("zhanchi.setup"):
        return
    app.setProperty("zhanchi.setup", True)
    app.setApplicationName("zhanchi")
    app.setApplicationDisplayName("展翅柜台")
    family = None
    for path in sorted((resource_dir() / "fonts").glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)


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


def create_main_window(data_dir: Path, user: str) -> QMainWindow:
    """The main window over ``data_dir``, already signed in as ``user`` (CONTRACTS.md)."""
    from desktop.views.main_window import MainWindow

    app = _application()
    workspace = open_workspace(Path(data_dir))
    settings = load_settings(workspace.data_dir)
    apply_settings(app, settings, workspace.data_dir)
    return MainWindow(workspace, get_staff(workspace.store, user), settings=settings)


def open_or_recover(folder: Path) -> Workspace | None:
    """Open the data folder; a damaged database is offered the newest good backup instead of a crash.
    Returns None when nothing can be opened (the person has been told why)."""
    from PySide6.QtWidgets import QMessageBox

    title = QCoreApplication.translate("Application", "展翅柜台")
    check = startup_check(folder / DB_FILENAME)
    if not check.ok:
        backup = newest_good_backup(folder)
        if backup is None:
            QMessageBox.critical(None, title, check.message + QCoreApplication.translate(
                "Application", "\n没有可用的备份。请联系管理员，不要删除数据文件夹。"))
            return None
        when = backup.taken_at.astimezone(Clock().tz).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(None, title, check.message + QCoreApplication.translate(
            "Application", "\n\n是否用最近一次完好的备份（%1）恢复？损坏的文件会保留，不会删除。").replace("%1", when))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        restore_backup(folder, backup.path, now=Clock().now())
    try:
        return open_workspace(folder)
    except ZhanchiError as exc:  # disk full, read-only folder, locked: said in words, never a traceback
        QMessageBox.critical(None, title, str(exc))
        return None


def run_gui(data_dir: str | Path | None) -> int:
    from desktop.views.login_dialog import LoginDialog
    from desktop.views.main_window import MainWindow

    app = _application()
    folder = resolve_data_dir(data_dir)
    setup_logging(folder)
    settings = load_settings(folder)
    apply_settings(app, settings, folder)  # the sign-in dialog is already in the chosen language
    workspace = open_or_recover(folder)
    if workspace is None:
        return 1
    login = LoginDialog(workspace.store)
    if not login.exec() or login.user is None:
        workspace.close()
        return 0
    window = MainWindow(workspace, login.user, settings=settings)
    window.show()
    code = app.exec()
    workspace.close()
    return int(code)
