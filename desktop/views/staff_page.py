"""人员管理: the administrator's accounts — list, create, disable/enable, reset a password, change a role.

Every change is the core's (``staff.create_staff``, ``set_active``, ``change_password``,
``set_role``), each audited there; the rules are the core's too: the last active
administrator can be neither disabled nor given another role, and nobody disables
their own account.  A refusal is shown in words under the forms, beside the field
it names.  Passwords are typed twice (a temporary one read to the person) and
never shown; the hashing (slow on purpose) runs on the worker.

Disabling an account and changing a role ask first, naming the person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.models import staff
from desktop.models.staff import Role, StaffAccount, StaffUser
from desktop.views.back_office import (
    QUIET,
    WARN,
    BackOfficePage,
    Chosen,
    Column,
    RowsModel,
    colours,
    form_group,
    hbox,
    hint_label,
    line_edit,
    local_text,
    make_table,
    panes,
    push_button,
)
from desktop.views.case_table_model import QT_TRANSLATE_NOOP

_ROLE_WORDS = {
    Role.clerk: QT_TRANSLATE_NOOP("StaffPage", "受理员"),
    Role.reviewer: QT_TRANSLATE_NOOP("StaffPage", "审核员"),
    Role.approver: QT_TRANSLATE_NOOP("StaffPage", "审批员"),
    Role.supervisor: QT_TRANSLATE_NOOP("StaffPage", "科长"),
    Role.auditor: QT_TRANSLATE_NOOP("StaffPage", "审计员"),
    Role.admin: QT_TRANSLATE_NOOP("StaffPage", "管理员"),
}

S_USERNAME, S_NAME, S_ROLE, S_OFFICE, S_STATE = range(5)


@dataclass(frozen=True)
class Accounts:
    rows: list[StaffAccount]
    now: dt.datetime


class StaffPage(BackOfficePage):
    page_name = "staff"

    def build(self) -> None:
        self._now = self.workspace.clock.now()

        top = self.header(self.tr("人员管理"))

        self.model = RowsModel([
            Column(self.tr("用户名"), lambda a: a.username),
            Column(self.tr("姓名"), lambda a: a.display_name),
            Column(self.tr("角色"), lambda a: self.role_text(a.role)),
            Column(self.tr("经办机构"), lambda a: a.office_code),
            Column(self.tr("状态"), self.state_text, colours=self._state_colours),
        ], lambda a: a.username, self)
        self.table = make_table("staff.list", self.model, stretch=S_STATE, accessible=self.tr("人员账户"))
        self.chosen = Chosen(self.table, self._show_account, switched=lambda _account: self._clear_reset())

        # The chosen account.
        self.selected_label = QLabel()
        self.selected_label.setObjectName("staff.selected")
        self.selected_label.setWordWrap(True)
        self.role = self._role_box("staff.role", self.tr("角色"))
        self.role.currentIndexChanged.connect(lambda _i: self.update_actions())
        self.role_button = push_button(self.tr("更改角色"), "staff.change_role", self.change_role)
        self.active_button = push_button(self.tr("停用账户"), "staff.toggle_active", self.toggle_active)
        self.reset_password = self._password("staff.reset_password", self.tr("新密码"))
        self.reset_again = self._password("staff.reset_password_again", self.tr("再次输入新密码"))
        self.reset_again.returnPressed.connect(self.reset)
        self.reset_button = push_button(self.tr("重置密码"), "staff.reset", self.reset)
        chosen_box = form_group(self.tr("所选账户"), self.selected_label,
                                (self.tr("角色"), hbox(self.role, self.role_button, wide=self.role)),
                                self.active_button,
                                (self.tr("新密码"), self.reset_password), (self.tr("再次输入"), self.reset_again),
                                hint_label(self.tr("临时密码至少8个字符，当面告知本人，并请其登录后尽快修改。")),
                                self.reset_button)

        # A new account.
        self.new_username = line_edit("staff.new_username", self.tr("字母、数字或 . _ - @"),
                                      accessible=self.tr("用户名"))
        self.new_name = line_edit("staff.new_name", accessible=self.tr("姓名"))
        self.new_role = self._role_box("staff.new_role", self.tr("新账户角色"))
        self.new_office = line_edit("staff.new_office", self.tr("6位数字"), accessible=self.tr("经办机构代码"))
        self.new_office.setText(self.workspace.store.office_code)
        self.new_password = self._password("staff.new_password", self.tr("初始密码"))
        self.new_again = self._password("staff.new_password_again", self.tr("再次输入初始密码"))
        self.new_again.returnPressed.connect(self.create_account)
        self.create_button = push_button(self.tr("新建账户"), "staff.create", self.create_account)
        new_box = form_group(self.tr("新建账户"),
                             (self.tr("用户名"), self.new_username), (self.tr("姓名"), self.new_name),
                             (self.tr("角色"), self.new_role), (self.tr("经办机构"), self.new_office),
                             (self.tr("初始密码"), self.new_password), (self.tr("再次输入"), self.new_again),
                             self.create_button)

        for button in (self.role_button, self.active_button, self.reset_button, self.create_button):
            button.setAutoDefault(False)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(chosen_box)
        side_layout.addWidget(new_box)
        side_layout.addStretch(1)
        splitter = panes(Qt.Orientation.Horizontal, self.table, side, stretch=(3, 2))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.setFocusProxy(self.table)
        self._show_account(None)

    def _password(self, name: str, accessible: str) -> QLineEdit:
        line = line_edit(name, self.tr("至少8个字符"), accessible=accessible)
        line.setEchoMode(QLineEdit.EchoMode.Password)
        return line

    def _role_box(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        for role in Role:
            box.addItem(self.role_text(role), role.value)
        return box

    # --- words ---------------------------------------------------------------------------------

    def role_text(self, role: Role | str) -> str:
        try:
            return self.tr(_ROLE_WORDS[Role(role)])
        except (ValueError, KeyError):
            return str(role)

    def _locked(self, account: StaffAccount) -> bool:
        return account.locked_until is not None and account.locked_until > self._now

    def state_text(self, account: StaffAccount) -> str:
        if not account.active:
            return self.tr("✘ 已停用")
        if self._locked(account):
            return self.tr("⚠ 登录失败过多，锁定至%1").replace(
                "%1", local_text(account.locked_until, self.workspace.clock.tz))
        return self.tr("✔ 启用")

    def _state_colours(self, account: StaffAccount) -> Any:
        if not account.active:
            return colours(QUIET)
        if self._locked(account):
            return colours(WARN)
        return None

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> Accounts:
        ws = self.workspace
        return Accounts(staff.list_accounts(ws.store), ws.clock.now())

    def show_data(self, data: Accounts) -> None:
        self._now = data.now
        active = [a for a in data.rows if a.active]
        admins = sum(1 for a in active if a.role is Role.admin)
        self.summary.setText(self.tr("共%1个账户，启用%2个，其中管理员%3个").replace("%1", str(len(data.rows)))
                             .replace("%2", str(len(active))).replace("%3", str(admins)))
        self.chosen.reload(data.rows)

    # --- the chosen account ------------------------------------------------------------------------

    @property
    def account(self) -> StaffAccount | None:
        return self.chosen.row

    def _clear_reset(self) -> None:
        """Another account chosen: a password typed for the last one is not for this one."""
        self.reset_password.clear()
        self.reset_again.clear()

    def _show_account(self, account: StaffAccount | None) -> None:
        if account is None:
            self.selected_label.setText(self.tr("未选择账户：在左侧列表中选择一个"))
        else:
            text = self.tr("%1（%2），%3，经办机构 %4").replace("%1", account.display_name) \
                .replace("%2", account.username).replace("%3", self.role_text(account.role)) \
                .replace("%4", account.office_code)
            if account.username == self.user.username:
                text += self.tr("（本人）")
            self.selected_label.setText(text)
            self.role.setCurrentIndex(self.role.findData(account.role.value))
            self.active_button.setText(self.tr("停用账户") if account.active else self.tr("启用账户"))
        self.update_actions()

    def update_actions(self) -> None:
        account, free = self.account, not self.busy
        own = account is not None and account.username == self.user.username
        self.role.setEnabled(account is not None)
        self.role_button.setEnabled(free and account is not None and self.role.currentData() != account.role.value)
        self.active_button.setEnabled(free and account is not None and not (own and account.active))
        self.active_button.setToolTip(self.tr("不能停用自己的账户") if own else "")
        self.reset_button.setEnabled(free and account is not None)
        self.create_button.setEnabled(free)
        self.refresh_button.setEnabled(not self._loading)

    # --- actions --------------------------------------------------------------------------------

    def _changed(self, text: str, username: str) -> None:
        self.chosen.key = username
        self.message.ok(text)
        self.refresh()

    def _passwords_match(self, first: QLineEdit, again: QLineEdit) -> bool:
        if first.text() == again.text():
            return True
        self.message.fail(self.tr("再次输入：两次输入的密码不一致，请重新输入"))
        again.clear()
        again.setFocus()
        return False

    def create_account(self) -> None:
        if not self.create_button.isEnabled() or not self._passwords_match(self.new_password, self.new_again):
            return
        store, user = self.workspace.store, self.user
        values = {"username": self.new_username.text(), "display_name": self.new_name.text(),
                  "role": str(self.new_role.currentData()), "office_code": self.new_office.text().strip(),
                  "password": self.new_password.text()}

        def done(created: StaffUser) -> None:
            for line in (self.new_username, self.new_name, self.new_password, self.new_again):
                line.clear()
            self._changed(self.tr("已新建账户 %1（%2），角色：%3").replace("%1", created.username)
                          .replace("%2", created.display_name).replace("%3", self.role_text(created.role)),
                          created.username)

        self.act(self.tr("新建账户"), lambda: staff.create_staff(store, actor=user, **values), done,
                 fields={"username": (self.tr("用户名"), self.new_username),
                         "display_name": (self.tr("姓名"), self.new_name),
                         "role": (self.tr("角色"), self.new_role),
                         "office_code": (self.tr("经办机构"), self.new_office),
                         "password": (self.tr("初始密码"), self.new_password)})

    def change_role(self) -> None:
        account = self.account
        if account is None or not self.role_button.isEnabled():
            return
        role = Role(str(self.role.currentData()))
        store, user, username = self.workspace.store, self.user, account.username
        text = self.tr("将 %1（%2）的角色由“%3”改为“%4”？").replace("%1", account.display_name) \
            .replace("%2", username).replace("%3", self.role_text(account.role)).replace("%4", self.role_text(role))
        details = self.tr("新角色下次登录时生效。")
        if username == user.username:
            details = self.tr("这是你本人的账户：改后你将不能再管理人员账户。")

        def done(changed: StaffUser) -> None:
            self._changed(self.tr("%1 的角色已改为%2").replace("%1", username)
                          .replace("%2", self.role_text(changed.role)), username)

        def run() -> None:
            self.act(self.tr("更改角色"), lambda: staff.set_role(store, user, username, role), done,
                     fields={"role": (self.tr("角色"), self.role)}, refused=lambda _e: self.refresh())

        self.confirm(self.tr("确认更改角色"), text, self.tr("更改"), run, details=details)

    def toggle_active(self) -> None:
        account = self.account
        if account is None or not self.active_button.isEnabled():
            return
        store, user, username, active = self.workspace.store, self.user, account.username, not account.active
        label = self.tr("启用账户") if active else self.tr("停用账户")
        words = self.tr("已启用 %1") if active else self.tr("已停用 %1，该账户不能再登录")

        def run() -> None:
            self.act(label, lambda: staff.set_active(store, user, username, active),
                     lambda _none: self._changed(words.replace("%1", username), username),
                     fields={"active": (label, self.active_button)}, refused=lambda _e: self.refresh())

        if active:
            run()  # re-enabling takes nothing away: nothing to ask
            return
        text = self.tr("停用 %1（%2）的账户？").replace("%1", account.display_name).replace("%2", username)
        self.confirm(self.tr("确认停用账户"), text, self.tr("停用"), run,
                     details=self.tr("停用后该账户不能登录；其办理记录保留，可随时重新启用。"))

    def reset(self) -> None:
        account = self.account
        if account is None or not self.reset_button.isEnabled():
            return
        if not self._passwords_match(self.reset_password, self.reset_again):
            return
        store, user, username, password = self.workspace.store, self.user, account.username, self.reset_password.text()

        def done(_none: Any) -> None:
            self.reset_password.clear()
            self.reset_again.clear()
            self._changed(self.tr("已重置 %1 的密码，锁定已解除；请将临时密码当面告知本人").replace("%1", username),
                          username)

        self.act(self.tr("重置密码"), lambda: staff.change_password(store, user, username, password), done,
                 fields={"password": (self.tr("新密码"), self.reset_password)})


__all__ = ["StaffPage"]
