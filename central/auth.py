"""Enrolment tokens and device credentials.

An administrator issues a one-time enrolment token for an office
(``issue-token``); a device sends it once (``POST /v1/enrol``) and receives
its own credential, a random secret it keeps in its data folder.  Only
SHA-256 hashes of tokens and credentials are stored here: both are long
random secrets, so a plain hash is enough (no password stretching needed),
and a stolen database lets nobody sign in.  Tokens and devices can be
revoked; a revoked credential is refused at once.

Issue 14.5: a credential unused for ``idle_days`` (90 by default) is refused
with a reason that tells the counter to register again; a device rotates its
credential (``rotate``): the new one replaces the old the first time it is
used, so an answer lost on the way locks nobody out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, update

from central.db import devices, enrolment_tokens, pending_credentials, read, utcnow, write

TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: typed by people
TOKEN_GROUPS, TOKEN_GROUP_LENGTH = 5, 5  # 25 characters, 125 bits
DEFAULT_TOKEN_HOURS = 72
DEFAULT_IDLE_DAYS = 90  # a credential unused this long is refused (issue 14.5)
SEEN_EVERY = dt.timedelta(hours=1)  # last_seen_at is written at most this often: not a write per request
UNKNOWN_CREDENTIAL = "设备凭据无效或已被撤销，请重新注册本机"


class EnrolmentRefused(Exception):
    """The token is unknown, used, expired or revoked (401), or for another office (403)."""

    def __init__(self, message: str, *, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


class CredentialRefused(Exception):
    """The credential is unknown, revoked or expired (401); the message says what to do."""


@dataclass(frozen=True)
class Device:
    id: str
    office_code: str
    name: str

    @property
    def region(self) -> str:
        return self.office_code[:4]


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.strip().encode("utf-8")).hexdigest()


def _normalise_token(token: str) -> str:
    return "".join(token.split()).upper()


def new_token() -> str:
    groups = ("".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_GROUP_LENGTH)) for _ in range(TOKEN_GROUPS))
    return "-".join(groups)


def issue_token(engine: Engine, office_code: str, *, hours: int = DEFAULT_TOKEN_HOURS) -> tuple[str, dt.datetime]:
    """A new one-time token for ``office_code`` and when it expires."""
    token = new_token()
    now = utcnow()
    expires = now + dt.timedelta(hours=hours)
    with write(engine) as conn:
        conn.execute(
            enrolment_tokens.insert().values(
                id=str(uuid.uuid4()),
                token_hash=secret_hash(_normalise_token(token)),
                office_code=office_code,
                created_at=now,
                expires_at=expires,
            )
        )
    return token, expires


def revoke_token(engine: Engine, token: str) -> bool:
    with write(engine) as conn:
        result = conn.execute(
            update(enrolment_tokens)
            .where(enrolment_tokens.c.token_hash == secret_hash(_normalise_token(token)))
            .where(enrolment_tokens.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        return bool(result.rowcount)


def enrol(engine: Engine, token: str, office_code: str, device_name: str, client_device_id: str) -> tuple[Device, str]:
    """Spend the token; returns the new device and its credential (shown once, never stored)."""
    now = utcnow()
    with write(engine) as conn:
        row = conn.execute(
            select(enrolment_tokens).where(enrolment_tokens.c.token_hash == secret_hash(_normalise_token(token)))
        ).first()
        if row is None or row.revoked_at is not None or row.used_at is not None or row.expires_at <= now:
            raise EnrolmentRefused("注册令牌无效、已使用、已过期或已撤销，请向管理员重新申请")
        if row.office_code != office_code:
            raise EnrolmentRefused(f"注册令牌属于办事处 {row.office_code}，不能注册到 {office_code}", status=403)
        device_id = str(uuid.uuid4())
        credential = "zc1." + secrets.token_urlsafe(32)
        spent = conn.execute(
            update(enrolment_tokens)
            .where(enrolment_tokens.c.id == row.id)
            .where(enrolment_tokens.c.used_at.is_(None))
            .values(used_at=now, device_id=device_id)
        )
        if spent.rowcount != 1:  # another request spent it a moment ago
            raise EnrolmentRefused("注册令牌已使用，请向管理员重新申请")
        conn.execute(
            devices.insert().values(
                id=device_id,
                office_code=office_code,
                name=device_name.strip(),
                client_device_id=client_device_id,
                credential_hash=secret_hash(credential),
                created_at=now,
            )
        )
    return Device(device_id, office_code, device_name.strip()), credential


# Every request asks these: built once (SQLAlchemy builds and keys a statement in about as long as
# PostgreSQL takes to answer it, issue 19.6).
_HOLDER_COLUMNS = (devices.c.id, devices.c.office_code, devices.c.name, devices.c.created_at,
                   devices.c.last_seen_at, devices.c.revoked_at)
_HOLDER = select(*_HOLDER_COLUMNS).where(devices.c.credential_hash == bindparam("digest"))
_PENDING_HOLDER = select(*_HOLDER_COLUMNS).where(devices.c.id.in_(
    select(pending_credentials.c.device_id)
    .where(pending_credentials.c.credential_hash == bindparam("digest")).scalar_subquery()))


def _holder(conn: Connection, digest: str) -> tuple[Any, bool]:
    """The device row whose credential (or pending next credential) hashes to ``digest``; whether pending."""
    row = conn.execute(_HOLDER, {"digest": digest}).first()
    if row is not None:
        return row, False
    return conn.execute(_PENDING_HOLDER, {"digest": digest}).first(), True


def expired_message(idle_days: int) -> str:
    return f"本机设备凭据已超过{idle_days}天未使用，已失效，请重新注册本机（向管理员申请注册令牌）"


@dataclass(frozen=True)
class Checked:
    """A credential checked in a read transaction, and what its use still asks to be written
    (``settle``, after that transaction: a pending credential promoted, ``last_seen_at`` now and then)."""

    device: Device
    digest: str
    promote: bool
    seen: bool


def check(conn: Connection, credential: str, *, idle_days: int = DEFAULT_IDLE_DAYS,
          now: dt.datetime | None = None) -> Checked:
    """``authenticate``'s reading, in the caller's read transaction (issue 19.6: one per request); nothing
    is written here, so the caller never needs a second connection while it holds this one."""
    if not credential:
        raise CredentialRefused(UNKNOWN_CREDENTIAL)
    digest = secret_hash(credential)
    row, pending = _holder(conn, digest)
    if row is None or row.revoked_at is not None:
        raise CredentialRefused(UNKNOWN_CREDENTIAL)
    now = now or utcnow()
    if now - (row.last_seen_at or row.created_at) > dt.timedelta(days=idle_days):
        raise CredentialRefused(expired_message(idle_days))
    seen = row.last_seen_at is None or now - row.last_seen_at >= SEEN_EVERY
    return Checked(Device(row.id, row.office_code, row.name), digest, pending, seen)


def settle(engine: Engine, checked: Checked, now: dt.datetime | None = None) -> None:
    """Write what the credential's use asks for (see ``Checked``)."""
    now = now or utcnow()
    if checked.promote:
        _promote(engine, checked.device.id, checked.digest, now)
    elif checked.seen:
        _seen(engine, checked.device.id, now)


def authenticate(engine: Engine, credential: str, *, idle_days: int = DEFAULT_IDLE_DAYS,
                 now: dt.datetime | None = None) -> Device:
    """The device holding this credential; ``CredentialRefused`` when unknown, revoked or unused for
    ``idle_days``.  A device's pending credential, used for the first time, becomes its credential."""
    with read(engine) as conn:
        checked = check(conn, credential, idle_days=idle_days, now=now)
    settle(engine, checked, now)
    return checked.device


def _seen(engine: Engine, device_id: str, now: dt.datetime) -> None:
    with write(engine) as conn:
        conn.execute(update(devices).where(devices.c.id == device_id).values(last_seen_at=now))


def _promote(engine: Engine, device_id: str, digest: str, now: dt.datetime) -> None:
    """The pending credential replaces the old one, which stops working now."""
    with write(engine) as conn:
        conn.execute(delete(pending_credentials).where(pending_credentials.c.device_id == device_id))
        conn.execute(update(devices).where(devices.c.id == device_id)
                     .values(credential_hash=digest, last_seen_at=now))


def rotate(engine: Engine, device: Device) -> str:
    """A new credential for ``device`` (shown once, never stored); it replaces any earlier pending one."""
    credential = "zc1." + secrets.token_urlsafe(32)
    with write(engine) as conn:
        conn.execute(delete(pending_credentials).where(pending_credentials.c.device_id == device.id))
        conn.execute(pending_credentials.insert().values(device_id=device.id, credential_hash=secret_hash(credential),
                                                         issued_at=utcnow()))
    return credential


def revoke_device(engine: Engine, device_id: str) -> bool:
    with write(engine) as conn:
        conn.execute(delete(pending_credentials).where(pending_credentials.c.device_id == device_id.strip()))
        result = conn.execute(
            update(devices)
            .where(devices.c.id == device_id.strip())
            .where(devices.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        return bool(result.rowcount)


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    with read(engine) as conn:
        rows = conn.execute(
            select(devices.c.id, devices.c.office_code, devices.c.name, devices.c.created_at,
                   devices.c.last_seen_at, devices.c.revoked_at).order_by(devices.c.created_at)
        )
        return [
            {key: (value.isoformat() if isinstance(value, dt.datetime) else value) for key, value in r._mapping.items()}
            for r in rows
        ]


def active_device_count(conn: Any) -> int:
    return int(conn.scalar(select(func.count()).select_from(devices).where(devices.c.revoked_at.is_(None))) or 0)
