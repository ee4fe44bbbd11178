"""Roles and permissions, accounts, passwords, sign-in and lockout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from desktop.models import audit, staff
from desktop.models.errors import (
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from desktop.models.schema import Staff
from desktop.models.staff import (
    LOCK_MINUTES,
    MAX_FAILED_SIGNINS,
    PERMISSIONS,
    Action,
    Role,
    StaffUser,
)
from desktop.models.store import Store

MakeStaff = Callable[..., StaffUser]
TEST_PASSWORD = "zhanchi-test-pw"  # conftest make_staff's default


@pytest.fixture(autouse=True)
def _same_default_password(staff_password: str) -> None:
    assert staff_password == TEST_PASSWORD


def _actions(store: Store, username: str) -> list[str]:
    with store.session(readonly=True) as session:
        return [e.action for e in audit.entries(session, entity="staff", entity_id=username)]


# --- permission table ---------------------------------------------------------


def test_every_role_has_a_label_and_a_row() -> None:
    assert set(PERMISSIONS) == set(Role)
    assert [r.label for r in Role] == ["受理员", "审核员", "审批员", "科长", "审计员", "管理员"]
    assert all(a.label for a in Action)


def test_permission_table_as_specified() -> None:
    # Printing paper with personal data on it (issue 18.3: in the table, not a list of roles of its own).
    printers = {role for role in Role if Action.document_print in PERMISSIONS[role]}
    assert printers == {Role.clerk, Role.reviewer, Role.approver, Role.supervisor}
    assert PERMISSIONS[Role.clerk] == {Action.case_create, Action.case_accept, Action.case_withdraw,
                                       Action.document_print}
    assert PERMISSIONS[Role.reviewer] == {
        Action.case_start_review,
        Action.case_reject,
        Action.case_publicize,
        Action.case_object,
        Action.document_print,
    }
    assert PERMISSIONS[Role.approver] == {Action.case_approve, Action.case_pay, Action.case_requeue_payment,
                                          Action.case_confirm_payee, Action.document_print}
    assert PERMISSIONS[Role.supervisor] == {
        Action.report_view,
        Action.audit_view,
        Action.case_pay,
        Action.registry_import,
        Action.case_confirm_payee,  # the second person on a payee change after approval (issue 14.6)
        Action.data_purge,  # personal data of cases closed before the retention period (issue 20.6)
        Action.document_print,
    }
    assert PERMISSIONS[Role.auditor] == {Action.audit_view, Action.report_view}
    assert PERMISSIONS[Role.admin] == {Action.staff_manage, Action.settings_manage, Action.registry_import,
                                       Action.data_purge}
    # The administrator runs the system and handles no cases.
    assert not any(a.value.startswith("case.") for a in PERMISSIONS[Role.admin])


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_require_follows_the_table(role: Role, action: Action) -> None:
    user = StaffUser("u", "某人", role, "440100")
    if action in PERMISSIONS[role]:
        staff.require(user, action)
    else:
        with pytest.raises(PermissionDenied, match=f"^{role.label}无权"):
            staff.require(user, action)


def test_refusal_message_names_role_and_action() -> None:
    with pytest.raises(PermissionDenied, match="^受理员无权审批$"):
        staff.require(StaffUser("c", "甲", Role.clerk, "440100"), Action.case_approve)


# --- accounts -----------------------------------------------------------------


def test_bootstrap_account_is_audited_without_the_hash(store: Store, make_staff: MakeStaff) -> None:
    user = make_staff(Role.admin, "boss")
    assert user == StaffUser("boss", "管理员boss", Role.admin, "440100")
    with store.session(readonly=True) as session:
        (entry,) = audit.entries(session, entity="staff", entity_id="boss")
        row = session.query(Staff).filter_by(username="boss").one()
        assert row.password_hash.startswith("$argon2id$")
    assert entry.actor == "system" and entry.action == "staff.create"
    assert entry.after is not None and "password_hash" not in entry.after


def test_admin_creates_accounts_others_may_not(store: Store, make_staff: MakeStaff) -> None:
    admin, clerk = make_staff(Role.admin), make_staff(Role.clerk)
    created = staff.create_staff(
        store,
        actor=admin,
        username="rev",
        display_name="审核甲",
        role="reviewer",
        office_code="440100",
        password="long-enough",
    )
    assert created.role is Role.reviewer
    assert _actions(store, "rev") == ["staff.create"]
    with pytest.raises(PermissionDenied, match="管理人员账户"):
        staff.create_staff(
            store,
            actor=clerk,
            username="x",
            display_name="x",
            role="clerk",
            office_code="440100",
            password="long-enough",
        )


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("password", {"password": "short7!"}),
        ("username", {"username": "有 空格"}),
        ("display_name", {"display_name": "  "}),
        ("role", {"role": "king"}),
        ("office_code", {"office_code": "4401"}),
    ],
)
def test_bad_account_input_names_the_field(store: Store, field: str, overrides: dict[str, str]) -> None:
    values = {
        "username": "ok",
        "display_name": "某人",
        "role": "clerk",
        "office_code": "440100",
        "password": "12345678",
    } | overrides
    with pytest.raises(InvalidInput) as caught:
        staff.create_staff(store, actor=None, **values)
    assert caught.value.field == field
    assert staff.list_staff(store) == []


def test_password_of_exactly_eight_characters_is_enough(store: Store) -> None:
    staff.create_staff(
        store, actor=None, username="ok", display_name="某人", role="clerk", office_code="440100", password="12345678"
    )
    assert staff.authenticate(store, "ok", "12345678").username == "ok"


def test_duplicate_username_is_a_conflict(make_staff: MakeStaff) -> None:
    make_staff(Role.clerk, "same")
    with pytest.raises(Conflict, match="已存在"):
        make_staff(Role.reviewer, "same")


def test_create_staff_inside_a_callers_session(store: Store) -> None:
    with store.session() as session:
        staff.create_staff(
            session,
            actor=None,
            username="a1",
            display_name="甲",
            role="clerk",
            office_code="440100",
            password="long-enough",
        )
        staff.create_staff(
            session,
            actor=None,
            username="a2",
            display_name="乙",
            role="clerk",
            office_code="440100",
            password="long-enough",
        )
    assert [u.username for u in staff.list_staff(store)] == ["a1", "a2"]


def test_hasher_parameters_are_configurable(store: Store, make_staff: MakeStaff) -> None:
    make_staff(Role.clerk, "cheap")
    with store.session(readonly=True) as session:
        stored = session.query(Staff).filter_by(username="cheap").one().password_hash
    assert "$m=8,t=1,p=1$" in stored  # the cheap test profile from conftest


# --- sign-in ------------------------------------------------------------------


def test_sign_in_with_the_right_password(store: Store, make_staff: MakeStaff) -> None:
    made = make_staff(Role.clerk, "wang")
    assert staff.authenticate(store, " wang ", TEST_PASSWORD) == made
    assert _actions(store, "wang")[-1] == "staff.signin"


def test_wrong_password_and_unknown_user_look_the_same(store: Store, make_staff: MakeStaff) -> None:
    make_staff(Role.clerk, "wang")
    with pytest.raises(AuthenticationFailed) as wrong:
        staff.authenticate(store, "wang", "not-the-password")
    with pytest.raises(AuthenticationFailed) as unknown:
        staff.authenticate(store, "nobody", "not-the-password")
    assert str(wrong.value) == str(unknown.value) == "用户名或密码错误"
    assert _actions(store, "wang")[-1] == "staff.signin_failed"


def test_lockout_after_five_failures_and_unlock_after_fifteen_minutes(store: Store, make_staff: MakeStaff) -> None:
    assert (MAX_FAILED_SIGNINS, LOCK_MINUTES) == (5, 15)
    make_staff(Role.clerk, "wang")
    for _ in range(MAX_FAILED_SIGNINS - 1):
        with pytest.raises(AuthenticationFailed):
            staff.authenticate(store, "wang", "wrong-password")
    with pytest.raises(AccountLocked) as locked:
        staff.authenticate(store, "wang", "wrong-password")
    # Fixed clock: 10:00 Beijing, so open again at 10:15 Beijing.
    assert "2026-11-27 10:15" in str(locked.value)
    assert "锁定" in str(locked.value)
    assert "staff.locked" in _actions(store, "wang")

    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        staff.authenticate(store, "wang", TEST_PASSWORD)
    assert store.clock.fixed is not None
    start = store.clock.fixed
    store.clock.fixed = start + dt.timedelta(minutes=LOCK_MINUTES) - dt.timedelta(seconds=1)
    with pytest.raises(AccountLocked):
        staff.authenticate(store, "wang", TEST_PASSWORD)
    store.clock.fixed = start + dt.timedelta(minutes=LOCK_MINUTES)
    assert staff.authenticate(store, "wang", TEST_PASSWORD).username == "wang"
    with store.session(readonly=True) as session:
        row = session.query(Staff).filter_by(username="wang").one()
        assert (row.failed_attempts, row.locked_until) == (0, None)


def test_unlock_time_is_rounded_up_to_the_minute(store: Store, make_staff: MakeStaff) -> None:
    make_staff(Role.clerk, "wang")
    assert store.clock.fixed is not None
    store.clock.fixed += dt.timedelta(seconds=20)
    for _ in range(MAX_FAILED_SIGNINS - 1):
        with pytest.raises(AuthenticationFailed):
            staff.authenticate(store, "wang", "wrong-password")
    with pytest.raises(AccountLocked, match="10:16"):
        staff.authenticate(store, "wang", "wrong-password")


def test_success_resets_the_failure_count(store: Store, make_staff: MakeStaff) -> None:
    make_staff(Role.clerk, "wang")
    for _ in range(MAX_FAILED_SIGNINS - 1):
        with pytest.raises(AuthenticationFailed):
            staff.authenticate(store, "wang", "wrong-password")
    staff.authenticate(store, "wang", TEST_PASSWORD)
    for _ in range(MAX_FAILED_SIGNINS - 1):
        with pytest.raises(AuthenticationFailed):  # not locked: the count started again
            staff.authenticate(store, "wang", "wrong-password")


def test_inactive_account_cannot_sign_in(store: Store, make_staff: MakeStaff) -> None:
    admin = make_staff(Role.admin, "boss")
    make_staff(Role.clerk, "wang")
    staff.set_active(store, admin, "wang", False)
    with pytest.raises(AuthenticationFailed):
        staff.authenticate(store, "wang", TEST_PASSWORD)
    assert [u.username for u in staff.list_staff(store)] == ["boss"]
    staff.set_active(store, admin, "wang", True)
    assert staff.authenticate(store, "wang", TEST_PASSWORD).username == "wang"
    assert _actions(store, "wang")[1:3] == ["staff.deactivate", "staff.signin_refused"]


def test_set_active_rules(store: Store, make_staff: MakeStaff) -> None:
    admin, clerk = make_staff(Role.admin, "boss"), make_staff(Role.clerk, "wang")
    with pytest.raises(Conflict):
        staff.set_active(store, admin, "boss", False)
    with pytest.raises(PermissionDenied):
        staff.set_active(store, clerk, "boss", False)
    with pytest.raises(NotFound):
        staff.set_active(store, admin, "ghost", False)


# --- passwords ----------------------------------------------------------------


def test_change_own_password_needs_the_old_one(store: Store, make_staff: MakeStaff) -> None:
    clerk = make_staff(Role.clerk, "wang")
    with pytest.raises(AuthenticationFailed, match="原密码"):
        staff.change_password(store, clerk, "wang", "brand-new-pw", old_password="wrong-one")
    with pytest.raises(InvalidInput) as short:
        staff.change_password(store, clerk, "wang", "short", old_password=TEST_PASSWORD)
    assert short.value.field == "password"
    staff.change_password(store, clerk, "wang", "brand-new-pw", old_password=TEST_PASSWORD)
    assert staff.authenticate(store, "wang", "brand-new-pw").username == "wang"
    with pytest.raises(AuthenticationFailed):
        staff.authenticate(store, "wang", TEST_PASSWORD)
    assert "staff.change_password" in _actions(store, "wang")


def test_admin_resets_anothers_password_and_lock(store: Store, make_staff: MakeStaff) -> None:
    admin, clerk = make_staff(Role.admin, "boss"), make_staff(Role.clerk, "wang")
    make_staff(Role.reviewer, "li")
    with pytest.raises(PermissionDenied):
        staff.change_password(store, clerk, "li", "brand-new-pw")
    for _ in range(MAX_FAILED_SIGNINS):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            staff.authenticate(store, "li", "wrong-password")
    staff.change_password(store, admin, "li", "brand-new-pw")
    assert staff.authenticate(store, "li", "brand-new-pw").username == "li"


def test_get_staff(store: Store, make_staff: MakeStaff) -> None:
    made = make_staff(Role.auditor, "sun")
    assert staff.get_staff(store, "sun") == made
    with pytest.raises(NotFound):
        staff.get_staff(store, "ghost")


# --- the administrator's changes (issue 16.11) ----------------------------------


def test_change_role_is_audited_and_takes_effect(store: Store, make_staff: MakeStaff) -> None:
    admin = make_staff(Role.admin, "boss")
    make_staff(Role.reviewer, "li")
    changed = staff.set_role(store, admin, "li", "approver")
    assert changed.role is Role.approver and staff.get_staff(store, "li").role is Role.approver
    assert staff.authenticate(store, "li", TEST_PASSWORD).role is Role.approver
    with store.session(readonly=True) as session:
        entries = audit.entries(session, entity="staff", entity_id="li")
        (entry,) = [e for e in entries if e.action == "staff.change_role"]
    assert entry.actor == "boss" and entry.before is not None and entry.after is not None
    assert (entry.before["role"], entry.after["role"]) == ("reviewer", "approver")
    assert "password_hash" not in entry.after
    staff.set_role(store, admin, "li", "approver")  # the same role again: nothing to record
    assert _actions(store, "li").count("staff.change_role") == 1


def test_change_role_rules(store: Store, make_staff: MakeStaff) -> None:
    admin, clerk = make_staff(Role.admin, "boss"), make_staff(Role.clerk, "wang")
    with pytest.raises(InvalidInput) as unknown:
        staff.set_role(store, admin, "wang", "king")
    assert unknown.value.field == "role"
    with pytest.raises(PermissionDenied):
        staff.set_role(store, clerk, "wang", "admin")
    with pytest.raises(NotFound):
        staff.set_role(store, admin, "ghost", "clerk")


def test_the_last_active_admin_keeps_the_role_and_stays_active(store: Store, make_staff: MakeStaff) -> None:
    admin = make_staff(Role.admin, "boss")
    second = make_staff(Role.admin, "root")
    staff.set_active(store, admin, "root", False)  # a disabled admin does not count
    with pytest.raises(staff.LastAdmin) as demoted:
        staff.set_role(store, admin, "boss", "supervisor")
    assert demoted.value.field == "role" and "最后一个启用的管理员" in str(demoted.value)
    assert isinstance(demoted.value, Conflict)
    assert staff.get_staff(store, "boss").role is Role.admin
    assert "staff.change_role" not in _actions(store, "boss")

    staff.set_active(store, admin, "root", True)
    staff.set_role(store, second, "boss", "supervisor")  # another admin is left: allowed
    assert staff.get_staff(store, "boss").role is Role.supervisor
    with pytest.raises(staff.LastAdmin) as still_last:
        staff.set_role(store, second, "root", "clerk")
    assert still_last.value.field == "role"


def test_a_session_whose_account_was_demoted_or_disabled_manages_nothing(
    store: Store, make_staff: MakeStaff,
) -> None:
    boss, root = make_staff(Role.admin, "boss"), make_staff(Role.admin, "root")
    make_staff(Role.clerk, "wang")
    staff.set_role(store, root, "boss", "auditor")  # boss's window still holds an admin StaffUser
    for attempt in (lambda: staff.set_active(store, boss, "wang", False),
                    lambda: staff.set_role(store, boss, "wang", "reviewer"),
                    lambda: staff.change_password(store, boss, "wang", "brand-new-pw"),
                    lambda: staff.create_staff(store, actor=boss, username="x1", display_name="某人", role="clerk",
                                               office_code="440100", password="long-enough")):
        with pytest.raises(PermissionDenied, match="已停用或已不是管理员"):
            attempt()
    assert staff.get_staff(store, "wang").role is Role.clerk


def test_the_admin_list_shows_every_account_with_its_state(store: Store, make_staff: MakeStaff) -> None:
    admin = make_staff(Role.admin, "boss")
    make_staff(Role.clerk, "wang")
    make_staff(Role.reviewer, "li")
    staff.set_active(store, admin, "li", False)
    for _ in range(MAX_FAILED_SIGNINS):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            staff.authenticate(store, "wang", "wrong-password")
    accounts = {a.username: a for a in staff.list_accounts(store)}
    assert sorted(accounts) == ["boss", "li", "wang"]
    assert not accounts["li"].active and accounts["li"].role is Role.reviewer
    assert accounts["wang"].active and accounts["wang"].locked_until is not None
    assert accounts["boss"].user == admin


def test_a_taken_user_name_is_refused_naming_the_field(store: Store, make_staff: MakeStaff) -> None:
    admin = make_staff(Role.admin, "boss")
    make_staff(Role.clerk, "wang")
    with pytest.raises(staff.AccountConflict) as taken:
        staff.create_staff(store, actor=admin, username="wang", display_name="王二", role="clerk",
                           office_code="440100", password="long-enough")
    assert taken.value.field == "username" and isinstance(taken.value, Conflict)
