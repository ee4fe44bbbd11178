"""Sign-in and the lock screen.  Passwords are checked by the core (staff.authenticate).

The lock screen (``LockCover``) is not a dialog over the window but a cover inside it, over all of
it (issue 16.6): while it is up the window shows nothing of the case behind it, and its keys and
buttons act on nothing else.  Only the person who locked it unlocks it with their password, or
someone else signs in (切换用户) in the same place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import ZhanchiError
from desktop.views.style import emphasise

if TYPE_CHECKING:
    from desktop.models.staff import StaffUser
    from desktop.models.store import Store


def credential_fields(layout: QVBoxLayout, account: str, password: str) -> tuple[QLineEdit, QLineEdit, QLabel]:
    """The account and password fields and the error line under them, added to ``layout``: the same on the
    sign-in and the lock screen (tests and the keyboard find them by these names).  ``account`` and
    ``password`` are the labels, translated by the caller."""
    form = QFormLayout()
    username = QLineEdit()
    username.setObjectName("login.username")
    secret = QLineEdit()
    secret.setObjectName("login.password")
    secret.setEchoMode(QLineEdit.EchoMode.Password)
    form.addRow(account, username)
    form.addRow(password, secret)
    layout.addLayout(form)
    error = QLabel()
    error.setObjectName("login.error")
    error.setWordWrap(True)
    error.setStyleSheet("color: #a61b1b;")
    error.hide()  # no empty line until there is something to say
    layout.addWidget(error)
    return username, secret, error


class LoginDialog(QDialog):
    """Sign in.  At the program's start ``store`` is None while the data folder opens behind the
    dialog (``set_store``): the person can type meanwhile, and a sign-in asked for before then
    goes ahead as soon as the data is open."""

    def __init__(self, store: Store | None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._waiting = False
        self.user: StaffUser | None = None
        self.setWindowTitle(self.tr("展翅柜台 · 登录"))
        self.setObjectName("login.dialog")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("失业保险技能提升补贴受理系统"))
        emphasise(title, 1.25)
        layout.addWidget(title)
        self.username, self.password, self.error = credential_fields(layout, self.tr("账号"), self.tr("密码"))
        self.status = QLabel(self.tr("正在打开数据…") if store is None else "")
        self.status.setObjectName("login.status")
        self.status.setWordWrap(True)
        self.status.setVisible(store is None)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("login.ok")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)  # room for a status line of an upgrade without a tall narrow box
        self.username.setFocus()

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()
        self.adjustSize()  # a wrapped line grows the dialog instead of being cut off

    def show_status(self, text: str) -> None:
        """What the data folder's opening is doing (an upgrade takes minutes on a large folder)."""
        if self.store is None:
            self._say(self.status, text)

    def set_store(self, store: Store) -> None:
        """The data folder is open: sign in now if the person already asked to."""
        self.store = store
        self.status.hide()
        if self._waiting:
            self._waiting = False
            self._try()

    def _try(self) -> None:
        if self.store is None:
            self._waiting = True
            self._say(self.status, self.tr("正在打开数据，打开后自动登录…"))
            return
        from desktop.models.staff import authenticate

        try:
            # Quick enough on the GUI thread: one argon2 hash, and the dialog is modal anyway.
            self.user = authenticate(self.store, self.username.text().strip(), self.password.text())
        except ZhanchiError as exc:
            self._say(self.error, exc.said(QCoreApplication.translate))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class LockCover(QWidget):
    """The lock screen: an opaque cover over the whole window (it follows the window's size), with
    the password of the person who locked it, or the sign-in of another (切换用户).  ``unlocked``
    carries who is signed in afterwards: the same person, or the other."""

    unlocked = Signal(object)  # StaffUser

    def __init__(self, store: Store, user: StaffUser, parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.locked_user = store, user
        self.setObjectName("lock.cover")
        self.setAutoFillBackground(True)  # opaque: nothing of the window shows through
        self.setBackgroundRole(QPalette.ColorRole.Window)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        panel = QFrame()
        panel.setObjectName("lock.panel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMinimumWidth(440)
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        layout = QVBoxLayout(panel)
        self.title = QLabel()
        self.title.setObjectName("lock.title")
        self.title.setWordWrap(True)
        emphasise(self.title, 1.25)
        layout.addWidget(self.title)
        self.username, self.password, self.error = credential_fields(layout, self.tr("账号"), self.tr("密码"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.ok = QPushButton()
        self.ok.setObjectName("login.ok")
        self.switch = QPushButton(self.tr("切换用户"))
        self.switch.setObjectName("login.switch")
        self.back = QPushButton(self.tr("返回"))
        self.back.setObjectName("login.back")
        for button in (self.switch, self.back, self.ok):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.ok.clicked.connect(self._try)
        self.switch.clicked.connect(lambda: self._show_form(switching=True))
        self.back.clicked.connect(lambda: self._show_form(switching=False))
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._try)
        self._show_form(switching=False)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())

    def _show_form(self, *, switching: bool) -> None:
        """The unlock of the person who locked (their account fixed), or another person's sign-in."""
        user = self.locked_user
        self.title.setText(self.tr("切换用户：请输入新用户的账号和密码") if switching
                           else self.tr("屏幕已锁定：%1，请输入密码解锁").replace("%1", user.display_name))
        self.username.setText("" if switching else user.username)
        self.username.setReadOnly(not switching)
        self.password.clear()
        self.error.hide()
        self.ok.setText(self.tr("登录") if switching else self.tr("解锁"))
        self.switch.setHidden(switching)
        self.back.setHidden(not switching)
        (self.username if switching else self.password).setFocus()

    def _try(self) -> None:
        from desktop.models.staff import authenticate

        try:
            # Quick enough on the GUI thread: one argon2 hash, and nothing else can be done meanwhile.
            user = authenticate(self.store, self.username.text().strip(), self.password.text())
        except ZhanchiError as exc:
            self.error.setText(exc.said(QCoreApplication.translate))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.unlocked.emit(user)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.parent() and isinstance(watched, QWidget) and event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
            self.raise_()
        return False
