"""Issue 16.11: 人员管理 — the administrator manages the accounts through the real staff model.

The admin's window lands on the page; a clerk the admin creates there can sign in (through the
sign-in dialog); the last active administrator can be neither demoted nor disabled; every change
is in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from qt_helpers import type_text
from test_back_office_support import answer, settle

from desktop.app import create_main_window
from desktop.models import audit, staff
from desktop.models.errors import AuthenticationFailed
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store
from desktop.views.login_dialog import LoginDialog
from desktop.views.staff_page import S_ROLE, S_STATE, S_USERNAME, StaffPage

pytestmark = pytest.mark.gui

NEW_PASSWORD = "tmp-pass-2026"


@pytest.fixture
def admin_window(qtbot: QtBot, store: Store,
                 make_staff: Callable[..., StaffUser]) -> Iterator[tuple[QMainWindow, StaffPage]]:
    make_staff(Role.admin, "admin")
    make_staff(Role.reviewer, "li")
    window = create_main_window(store.data_dir, "admin", clock=store.clock)
    qtbot.addWidget(window)
    window.show()
    page = window._named_pages["nav.staff"]  # type: ignore[attr-defined]
    assert isinstance(page, StaffPage) and window.pages.currentWidget() is page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.busy, timeout=10_000)
    yield window, page
    window.close()


def cell(page: StaffPage, username: str, column: int) -> str:
    row = page.model.row_of(username)
    assert row >= 0, username
    return str(page.model.data(page.model.index(row, column)))


def choose(qtbot: QtBot, page: StaffPage, username: str) -> None:
    page.table.selectRow(page.model.row_of(username))
    assert page.account is not None and page.account.username == username


def set_role(box: object, role: Role) -> None:
    box.setCurrentIndex(box.findData(role.value))  # type: ignore[attr-defined]


def actions(store: Store, username: str) -> list[tuple[str, str]]:
    with store.session(readonly=True) as session:
        return [(e.actor, e.action) for e in audit.entries(session, entity="staff", entity_id=username)]


def sign_in(qtbot: QtBot, store: Store, username: str, password: str) -> LoginDialog:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.username, username)
    type_text(qtbot, dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog


def test_the_admin_creates_a_clerk_who_can_then_sign_in(
    qtbot: QtBot, store: Store, admin_window: tuple[QMainWindow, StaffPage],
) -> None:
    window, page = admin_window
    assert [cell(page, u, S_USERNAME) for u in ("admin", "li")] == ["admin", "li"]
    assert cell(page, "admin", S_ROLE) == "管理员" and cell(page, "li", S_STATE) == "✔ 启用"
    assert page.new_office.text() == "440100"  # the office's code by default

    type_text(qtbot, page.new_username, "wangfang")
    type_text(qtbot, page.new_name, "王芳")
    set_role(page.new_role, Role.clerk)
    type_text(qtbot, page.new_password, NEW_PASSWORD)
    type_text(qtbot, page.new_again, NEW_PASSWORD + "x")  # typed twice, differently: nothing made
    page.create_button.click()
    assert page.message.error and "两次输入的密码不一致" in page.message.text()
    assert page.new_again.text() == "" and page.new_again.hasFocus() == page.isActiveWindow()
    assert page.model.row_of("wangfang") < 0

    type_text(qtbot, page.new_again, NEW_PASSWORD)
    qtbot.keyClick(page.new_again, Qt.Key.Key_Return)  # Enter in the last field creates
    qtbot.waitUntil(lambda: page.model.row_of("wangfang") >= 0 and not page.busy, timeout=10_000)
    assert not page.message.error and "已新建账户 wangfang（王芳）" in page.message.text()
    assert cell(page, "wangfang", S_ROLE) == "受理员"
    assert page.account is not None and page.account.username == "wangfang"  # the new one is chosen
    assert page.new_username.text() == "" and page.new_password.text() == ""
    assert actions(store, "wangfang") == [("admin", "staff.create")]

    dialog = sign_in(qtbot, store, "wangfang", NEW_PASSWORD)  # the real sign-in
    assert dialog.user is not None, dialog.error.text()
    assert dialog.user.role is Role.clerk and dialog.user.display_name == "王芳"

    # The same name again is refused beside the user name field.
    type_text(qtbot, page.new_username, "wangfang")
    type_text(qtbot, page.new_name, "王芳")
    type_text(qtbot, page.new_password, NEW_PASSWORD)
    type_text(qtbot, page.new_again, NEW_PASSWORD)
    page.create_button.click()
    settle(qtbot, page)
    assert page.message.error and "用户名 wangfang 已存在" in page.message.text()


def test_the_last_admin_cannot_be_demoted_or_disabled(
    qtbot: QtBot, store: Store, admin_window: tuple[QMainWindow, StaffPage],
) -> None:
    window, page = admin_window
    choose(qtbot, page, "admin")
    assert not page.active_button.isEnabled()  # nobody disables their own account
    set_role(page.role, Role.reviewer)
    page.role_button.click()
    words = answer(qtbot, page, yes=True)
    assert "将 管理员admin（admin）的角色由“管理员”改为“审核员”？" in words and "你本人的账户" in words
    settle(qtbot, page)
    assert page.message.error and "最后一个启用的管理员账户，不能改为其他角色" in page.message.text()
    assert staff.get_staff(store, "admin").role is Role.admin
    assert cell(page, "admin", S_ROLE) == "管理员"
    assert "staff.change_role" not in [a for _who, a in actions(store, "admin")]
    with pytest.raises(staff.LastAdmin) as refused:
        staff.set_role(store, staff.get_staff(store, "admin"), "admin", Role.reviewer)
    assert refused.value.field == "role"


def test_disable_enable_reset_and_change_role_are_audited(
    qtbot: QtBot, store: Store, admin_window: tuple[QMainWindow, StaffPage],
) -> None:
    window, page = admin_window
    choose(qtbot, page, "li")

    # Disabling asks, naming the person; Esc backs out.
    page.active_button.click()
    assert "停用 审核员li（li）的账户？" in answer(qtbot, page, yes=False)
    assert cell(page, "li", S_STATE) == "✔ 启用"
    page.active_button.click()
    answer(qtbot, page, yes=True)
    qtbot.waitUntil(lambda: cell(page, "li", S_STATE) == "✘ 已停用" and not page.busy, timeout=10_000)
    with pytest.raises(AuthenticationFailed):
        staff.authenticate(store, "li", "zhanchi-test-pw")
    assert page.active_button.text() == "启用账户"
    page.active_button.click()  # enabling takes nothing away: no question
    qtbot.waitUntil(lambda: cell(page, "li", S_STATE) == "✔ 启用" and not page.busy, timeout=10_000)

    # A temporary password, typed twice.
    type_text(qtbot, page.reset_password, NEW_PASSWORD)
    type_text(qtbot, page.reset_again, NEW_PASSWORD)
    page.reset_button.click()
    settle(qtbot, page)
    assert not page.message.error and "已重置 li 的密码" in page.message.text()
    assert page.reset_password.text() == "" and page.reset_again.text() == ""
    assert staff.authenticate(store, "li", NEW_PASSWORD).username == "li"

    # Another role.
    set_role(page.role, Role.approver)
    page.role_button.click()
    assert "由“审核员”改为“审批员”？" in answer(qtbot, page, yes=True)
    qtbot.waitUntil(lambda: cell(page, "li", S_ROLE) == "审批员" and not page.busy, timeout=10_000)
    assert staff.get_staff(store, "li").role is Role.approver

    logged = actions(store, "li")
    assert [entry for entry in logged if entry[0] == "admin"] == [
        ("admin", "staff.deactivate"), ("admin", "staff.activate"), ("admin", "staff.change_password"),
        ("admin", "staff.change_role")]
    with store.session(readonly=True) as session:
        (changed,) = [e for e in audit.entries(session, entity="staff", entity_id="li")
                      if e.action == "staff.change_role"]
    assert changed.before is not None and changed.after is not None
    assert (changed.before["role"], changed.after["role"]) == ("reviewer", "approver")
