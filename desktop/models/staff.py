"""Staff accounts (roles and the permission table are in ``permissions``).

Passwords are hashed with argon2id; repeated failures lock the account.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Self

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.errors import (
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from desktop.models.permissions import PERMISSIONS, Action, Role, StaffUser, can, require
from desktop.models.schema import Staff
from desktop.models.store import Store, session_clock

MAX_FAILED_SIGNINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
SYSTEM_ACTOR = "system"  # audit actor for bootstrap and demo accounts


# --- password hashing -------------------------------------------------------

_hasher = PasswordHasher()  # argon2id, argon2-cffi's default (RFC 9106 low-memory) profile
_dummy_hash: str | None = None


def configure_hasher(*, time_cost: int, memory_cost: int, parallelism: int = 1) -> None:
    """Change the argon2 cost (tests use cheap parameters to stay fast)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _dummy_hash = None


def _check_policy(password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput.about("password", "staff.password_too_short", length=MIN_PASSWORD_LENGTH)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _burn_time(password: str) -> None:
    # Spend as long on an unknown user name as on a real one, so timing does not tell them apart.
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not-a-real-password")
    _verify(_dummy_hash, password)


# --- accounts ---------------------------------------------------------------

_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")


@contextmanager
def _session_of(store_or_session: Store | Session) -> Iterator[Session]:
    if isinstance(store_or_session, Session):
        yield store_or_session
    else:
        with store_or_session.session() as session:
            yield session


def _to_user(row: Staff) -> StaffUser:
    return StaffUser(row.username, row.display_name, Role(row.role), row.office_code)


def _find(session: Session, username: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.username == username))


def _public(row: Staff) -> dict[str, object]:
    # What the audit trail records about an account: never the password hash.
    return {
        "username": row.username,
        "display_name": row.display_name,
        "role": row.role,
        "office_code": row.office_code,
        "active": row.active,
    }


class AccountConflict(Conflict):
    """An account change that does not fit the accounts as they are; ``field`` names the input
    concerned (``username``, ``role``, ``active``) so a form can show it beside that field."""

    def __init__(self, field: str, *, code: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(code=code, params=params)
        self.field = field

    @classmethod
    def about(cls, field: str, code: str, **params: Any) -> Self:
        """The change of ``field`` is refused as catalogue message ``code`` says."""
        return cls(field, code=code, params=params)


class LastAdmin(AccountConflict):
    """The change would leave no active administrator: nobody could manage the accounts any more."""


@dataclass(frozen=True)
class StaffAccount:
    """One account as the administrator's list shows it (never the password hash)."""

    username: str
    display_name: str
    role: Role
    office_code: str
    active: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime

    @property
    def user(self) -> StaffUser:
        return StaffUser(self.username, self.display_name, self.role, self.office_code)


def _account(row: Staff) -> StaffAccount:
    return StaffAccount(row.username, row.display_name, Role(row.role), row.office_code, bool(row.active),
                        row.locked_until, row.created_at)


def _current_manager(session: Session, actor: StaffUser) -> None:
    """``actor`` may manage accounts now: by its role, and by its account as it stands in the
    database (a session whose account was disabled or demoted meanwhile may not)."""
    require(actor, Action.staff_manage)
    row = _find(session, actor.username)
    if row is None or not row.active or not can(_to_user(row), Action.staff_manage):
        raise PermissionDenied.of("permission.not_admin", username=actor.username, action=Action.staff_manage)


def _other_active_admins(session: Session, username: str) -> int:
    return session.scalar(
        select(func.count()).select_from(Staff).where(
            Staff.role == Role.admin.value, Staff.active.is_(True), Staff.username != username)
    ) or 0


def create_staff(
    store_or_session: Store | Session,
    *,
    actor: StaffUser | None,
    username: str,
    display_name: str,
    role: Role | str,
    office_code: str,
    password: str,
) -> StaffUser:
    """Create an account.  ``actor=None`` only for bootstrap and demo data."""
    if actor is not None:
        require(actor, Action.staff_manage)
    username = (username or "").strip()
    if not _USERNAME.match(username):
        raise InvalidInput.about("username", "staff.bad_username")
    display_name = (display_name or "").strip()
    if not display_name:
        raise InvalidInput.about("display_name", "staff.name_empty")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput.about("role", "staff.unknown_role", role=repr(role)) from None
    if not (isinstance(office_code, str) and len(office_code) == 6 and office_code.isdigit()):
        raise InvalidInput.about("office_code", "staff.bad_office_code")
    _check_policy(password)
    password_hash = _hasher.hash(password)  # outside the transaction: it is slow on purpose
    with _session_of(store_or_session) as session:
        if actor is not None:
            _current_manager(session, actor)
        if _find(session, username) is not None:
            raise AccountConflict.about("username", "staff.username_taken", username=username)
        now = session_clock(session).now()
        row = Staff(
            username=username,
            display_name=display_name,
            role=role.value,
            office_code=office_code,
            password_hash=password_hash,
            failed_attempts=0,
            locked_until=None,
            active=True,
            created_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor=actor.username if actor else SYSTEM_ACTOR,
            action="staff.create",
            entity="staff",
            entity_id=username,
            before=None,
            after=_public(row),
            at=now,
        )
        return _to_user(row)


def get_staff(store: Store, username: str) -> StaffUser:
    with store.session(readonly=True) as session:
        row = _find(session, username)
        if row is None:
            raise NotFound.of("staff.no_such_user", username=username)
        return _to_user(row)


def list_staff(store: Store, *, include_inactive: bool = False) -> list[StaffUser]:
    with store.session(readonly=True) as session:
        query = select(Staff).order_by(Staff.username)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        return [_to_user(r) for r in session.scalars(query)]


def list_accounts(store: Store) -> list[StaffAccount]:
    """Every account, disabled ones too, by user name: the administrator's list."""
    with store.session(readonly=True) as session:
        return [_account(r) for r in session.scalars(select(Staff).order_by(Staff.username))]


def _unlock_text(until: dt.datetime, store: Store) -> str:
    # Shown in office time, rounded up to the minute so "after 10:16" is really open.
    local = until.astimezone(store.clock.tz)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    return f"{local:%Y-%m-%d %H:%M}"


def _locked_error(until: dt.datetime, store: Store) -> AccountLocked:
    error = AccountLocked.of("auth.locked", until=_unlock_text(until, store))
    error.until = until  # type: ignore[attr-defined]
    return error


def authenticate(store: Store, username: str, password: str) -> StaffUser:
    """Sign in.  Raises AuthenticationFailed, or AccountLocked after too many failures."""
    username = (username or "").strip()
    failure: Exception | None = None
    with store.session() as session:
        row = _find(session, username)
        now = store.clock.now()
        if row is None or not row.active:
            _burn_time(password)
            failure = AuthenticationFailed.of("auth.wrong_password")
            if row is not None:
                _audit_signin(session, row, "staff.signin_refused", now, {"reason": "inactive"})
        elif row.locked_until is not None and now < row.locked_until:
            failure = _locked_error(row.locked_until, store)
            _audit_signin(session, row, "staff.signin_refused", now, {"reason": "locked"})
        elif not _verify(row.password_hash, password):
            row.failed_attempts = (row.failed_attempts or 0) + 1
            if row.failed_attempts >= MAX_FAILED_SIGNINS:
                # Lock and start counting afresh, so the next lock needs five new failures.
                row.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                row.failed_attempts = 0
                failure = _locked_error(row.locked_until, store)
                _audit_signin(session, row, "staff.locked", now, {"locked_until": row.locked_until.isoformat()})
            else:
                failure = AuthenticationFailed.of("auth.wrong_password")
                _audit_signin(session, row, "staff.signin_failed", now, {"failed_attempts": row.failed_attempts})
        else:
            row.failed_attempts = 0
            row.locked_until = None
            if _hasher.check_needs_rehash(row.password_hash):
                row.password_hash = _hasher.hash(password)
            _audit_signin(session, row, "staff.signin", now, None)
            return _to_user(row)
    # Raised after the commit: the failure count and the audit entry must stay.
    assert failure is not None
    raise failure


def _audit_signin(session: Session, row: Staff, action: str, now: dt.datetime, after: dict[str, object] | None) -> None:
    audit.record(
        session,
        actor=row.username,
        action=action,
        entity="staff",
        entity_id=row.username,
        before=None,
        after=after,
        at=now,
    )


def change_password(
    store: Store, actor: StaffUser, username: str, new_password: str, *, old_password: str | None = None
) -> None:
    """Change one's own password (needs the old one) or, with staff.manage, reset another's."""
    own = actor.username == username
    if not own:
        require(actor, Action.staff_manage)
    _check_policy(new_password)
    new_hash = _hasher.hash(new_password)
    with store.session() as session:
        if not own:
            _current_manager(session, actor)
        row = _find(session, username)
        if row is None:
            raise NotFound.of("staff.no_such_user", username=username)
        if own and not _verify(row.password_hash, old_password or ""):
            raise AuthenticationFailed.of("auth.wrong_old_password")
        row.password_hash = new_hash
        row.failed_attempts = 0
        row.locked_until = None
        audit.record(
            session,
            actor=actor.username,
            action="staff.change_password",
            entity="staff",
            entity_id=username,
            before=None,
            after={"by": "self" if own else "admin"},
            at=store.clock.now(),
        )


def set_active(store: Store, actor: StaffUser, username: str, active: bool) -> None:
    """Disable or re-enable an account; re-enabling also clears a lock.  The last active
    administrator cannot be disabled (``LastAdmin``)."""
    require(actor, Action.staff_manage)
    if actor.username == username and not active:
        raise AccountConflict.about("active", "staff.cannot_disable_self")
    with store.session() as session:
        _current_manager(session, actor)
        row = _find(session, username)
        if row is None:
            raise NotFound.of("staff.no_such_user", username=username)
        if not active and row.active and row.role == Role.admin.value and not _other_active_admins(session, username):
            raise LastAdmin.about("active", "staff.last_admin_disable", name=row.display_name, username=username)
        before = _public(row)
        row.active = active
        if active:
            row.failed_attempts = 0
            row.locked_until = None
        audit.record(
            session,
            actor=actor.username,
            action="staff.activate" if active else "staff.deactivate",
            entity="staff",
            entity_id=username,
            before=before,
            after=_public(row),
            at=store.clock.now(),
        )


def set_role(store: Store, actor: StaffUser, username: str, role: Role | str) -> StaffUser:
    """Give an account another role.  The last active administrator keeps the admin role
    (``LastAdmin``); an unknown role is ``InvalidInput("role")``.  Audited as staff.change_role."""
    require(actor, Action.staff_manage)
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput.about("role", "staff.unknown_role", role=repr(role)) from None
    with store.session() as session:
        _current_manager(session, actor)
        row = _find(session, username)
        if row is None:
            raise NotFound.of("staff.no_such_user", username=username)
        if row.role == role.value:
            return _to_user(row)
        if row.role == Role.admin.value and row.active and not _other_active_admins(session, username):
            raise LastAdmin.about("role", "staff.last_admin_role", name=row.display_name, username=username)
        before = _public(row)
        row.role = role.value
        audit.record(
            session,
            actor=actor.username,
            action="staff.change_role",
            entity="staff",
            entity_id=username,
            before=before,
            after=_public(row),
            at=store.clock.now(),
        )
        return _to_user(row)


__all__ = [
    "LOCK_MINUTES",
    "MAX_FAILED_SIGNINS",
    "PERMISSIONS",
    "AccountConflict",
    "Action",
    "LastAdmin",
    "Role",
    "StaffAccount",
    "StaffUser",
    "authenticate",
    "can",
    "change_password",
    "configure_hasher",
    "create_staff",
    "get_staff",
    "list_accounts",
    "list_staff",
    "require",
    "set_active",
    "set_role",
]
