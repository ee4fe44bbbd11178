"""Sign-in and the lock screen.  Passwords are checked by the core (staff.authenticate)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import ZhanchiError
from desktop.views.style import emphasise

if TYPE_CHECKING:
    from desktop.models.staff import StaffUser
    from desktop.models.store import Store


class LoginDialog(QDialog):
    """Sign in; with ``locked_user`` it is the lock screen: only that person may unlock,
    or sign out to let someone else in.  At the program's start ``store`` is None while the
    data folder opens behind the dialog (``set_store``): the person can type meanwhile, and a
    sign-in asked for before then goes ahead as soon as the data is open."""

    def __init__(self, store: Store | None, *, locked_user: StaffUser | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._waiting = False
        self.user: StaffUser | None = None
        self.switch_requested = False
        locked = locked_user is not None
        self.setWindowTitle(self.tr("展翅柜台 · 已锁定") if locked else self.tr("展翅柜台 · 登录"))
        self.setObjectName("lock.dialog" if locked else "login.dialog")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("屏幕已锁定，请输入密码解锁") if locked else self.tr("失业保险技能提升补贴受理系统"))
        emphasise(title, 1.25)
        layout.addWidget(title)
        form = QFormLayout()
        self.username = QLineEdit(locked_user.username if locked_user else "")
        self.username.setObjectName("login.username")
        self.username.setReadOnly(locked)
        self.password = QLineEdit()
        self.password.setObjectName("login.password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("账号"), self.username)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("login.error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a61b1b;")
        self.error.hide()  # no empty line until there is something to say
        layout.addWidget(self.error)
        self.status = QLabel(self.tr("正在打开数据…") if store is None else "")
        self.status.setObjectName("login.status")
        self.status.setWordWrap(True)
        self.status.setVisible(store is None)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("解锁") if locked else self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("login.ok")
        if locked:
            switch = buttons.addButton(self.tr("切换用户"), QDialogButtonBox.ButtonRole.ResetRole)
            switch.setObjectName("login.switch")
            switch.clicked.connect(self._switch)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)  # room for a status line of an upgrade without a tall narrow box
        (self.password if locked else self.username).setFocus()

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
            self._say(self.error, str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def _switch(self) -> None:
        self.switch_requested = True
        self.reject()

    def reject(self) -> None:  # noqa: D401 - Qt API
        # The lock screen cannot be dismissed with Esc: only unlock or switch user.
        if self.objectName() == "lock.dialog" and not self.switch_requested:
            return
        super().reject()
