"""Limits that keep the central system standing (issue 14.7) and its registry unharvested (issue 14.5).

``BodyLimit``: a request body over the limit is refused with 413 before the application reads it
(a declared ``Content-Length`` at once; a chunked body as soon as the bytes received pass it).

``LookupLimiter``: wrong progress lookup codes, per (client address, case number) and per address over
every case number, with exponential backoff.  Keyed by address, so a stranger's guesses never lock the
applicant out from elsewhere.

``lookup_rate``: person lookups per device in a sliding minute.

The counts are kept in the database, so several worker processes of the service share them (issue 19.5).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, select, update
from starlette.exceptions import HTTPException

from central.db import rate_strikes, read, registry_lookups, security_events, utcnow, write
from wire import MAX_BODY_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_LOOKUPS_PER_MINUTE = 20  # person lookups per device: a busy counter needs a few a minute
DEFAULT_CREDENTIAL_IDLE_DAYS = 90  # a credential unused this long is refused


@dataclass(frozen=True)
class Limits:
    """The knobs of ``create_app`` (``python -m central serve`` options)."""

    max_body_bytes: int = MAX_BODY_BYTES
    lookups_per_minute: int = DEFAULT_LOOKUPS_PER_MINUTE
    credential_idle_days: int = DEFAULT_CREDENTIAL_IDLE_DAYS


# --- request bodies ------------------------------------------------------------------------------

TOO_LARGE = "请求内容过大（超过 {limit} 字节），中心系统拒收"


class BodyTooLarge(HTTPException):
    """Raised from ``receive``: an HTTPException, so the framework answers 413 and never 500."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, TOO_LARGE.format(limit=limit))


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP server refuses a malformed length itself
    return None


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({"detail": TOO_LARGE.format(limit=limit)}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": 413, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})  # do not read the rest of it
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Pure ASGI middleware: 413 for a body over ``limit`` bytes, before it is read (issue 14.7)."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await _refuse(send, self.limit)
            return
        received, started, exceeded = 0, False, False

        async def counted() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    raise BodyTooLarge(self.limit)
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if exceeded:  # close rather than drain what is still coming
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, self.limit)


# --- wrong lookup codes --------------------------------------------------------------------------


def client_key(host: str | None) -> str:
    """The client as the limiter counts it: an IPv4 address, or the /64 network of an IPv6 one (one
    subscriber's share); anything else as given.  ``host`` is what uvicorn reports: behind a reverse
    proxy the X-Forwarded-For address, from proxies it trusts (FORWARDED_ALLOW_IPS, loopback by default)."""
    if not host:
        return "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class LookupLimiter:
    """Wrong lookup codes (issue 14.7): per (address, case number) ``per_case`` free tries, per address
    ``per_address`` over every case number, then each further one doubles the wait from ``base`` up to
    ``cap`` seconds.  Counted in the database (``rate_strikes``), so every worker process of the service
    sees the same count (issue 19.5); a key quiet for ``cap`` seconds after its wait is forgotten, and
    such keys are pruned as new failures come in, so the table stays small whatever an attacker sends."""

    def __init__(self, engine: Engine, *, per_case: int = 10, per_address: int = 30, base: float = 60.0,
                 cap: float = 3600.0, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.engine, self.per_case, self.per_address = engine, per_case, per_address
        self.base, self.cap, self.clock = base, cap, clock

    @staticmethod
    def _keys(address: str, case_no: str) -> tuple[str, str]:
        return f"c|{address}|{case_no}"[:160], f"a|{address}"[:160]

    def _live(self, row: Any, now: dt.datetime) -> bool:
        latest = max(row.last_at, row.until_at or row.last_at)
        return (now - latest).total_seconds() <= self.cap

    def retry_after(self, address: str, case_no: str) -> float:
        """Seconds until this address may try this case again (0: now)."""
        now = self.clock()
        with read(self.engine) as conn:
            rows = conn.execute(select(rate_strikes).where(rate_strikes.c.key.in_(self._keys(address, case_no))))
            waits = [(row.until_at - now).total_seconds() for row in rows
                     if row.until_at is not None and self._live(row, now)]
        return max([0.0, *waits])

    def failed(self, address: str, case_no: str) -> None:
        now = self.clock()
        with write(self.engine) as conn:
            for key, free in zip(self._keys(address, case_no), (self.per_case, self.per_address), strict=True):
                row = conn.execute(select(rate_strikes).where(rate_strikes.c.key == key).with_for_update()).first()
                failures = (row.failures if row is not None and self._live(row, now) else 0) + 1
                over = failures - free
                until = now + dt.timedelta(seconds=min(self.cap, self.base * 2 ** min(over, 32))) if over >= 0 else None
                values = {"failures": failures, "last_at": now, "until_at": until}
                if row is None:
                    conn.execute(rate_strikes.insert().values(key=key, **values))
                else:
                    conn.execute(update(rate_strikes).where(rate_strikes.c.key == key).values(**values))
            # Keys quiet past any wait they could have (``cap`` after the longest) are gone for good.
            conn.execute(delete(rate_strikes).where(rate_strikes.c.last_at < now - dt.timedelta(seconds=3 * self.cap)))

    def succeeded(self, address: str, case_no: str) -> None:
        key = self._keys(address, case_no)[0]
        with read(self.engine) as conn:
            known = conn.scalar(select(rate_strikes.c.key).where(rate_strikes.c.key == key)) is not None
        if known:
            with write(self.engine) as conn:
                conn.execute(delete(rate_strikes).where(rate_strikes.c.key == key))


# --- person lookups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    retry_after: float  # 0: allowed
    first_refusal: bool  # refused, and the device was under the limit before: worth recording


_RECENT_LOOKUPS = (select(registry_lookups.c.at)
                   .where(registry_lookups.c.device_id == bindparam("device_id"),
                          registry_lookups.c.at > bindparam("since"))
                   .order_by(registry_lookups.c.at.desc()).limit(bindparam("limit")))  # built once: every lookup asks


def lookup_rate(conn: Connection, device_id: str, limit: int, now: dt.datetime, *, window: float = 60.0) -> Verdict:
    """At most ``limit`` person lookups per device in any ``window`` seconds (issue 14.5), counted from
    the lookups the database keeps (``registry_lookups``): the same for every worker process (issue
    19.5).  Call it in the write transaction that records the lookup, after ``db.lock_device``."""
    since = now - dt.timedelta(seconds=window)
    recent = list(conn.scalars(_RECENT_LOOKUPS, {"device_id": device_id, "since": since, "limit": limit}))
    if len(recent) < limit:
        return Verdict(0.0, False)
    oldest = min(recent)
    refused_before = conn.scalar(select(security_events.c.id).where(
        security_events.c.device_id == device_id, security_events.c.kind == "lookup_rate_exceeded",
        security_events.c.at > oldest).limit(1)) is not None
    return Verdict(max(0.001, (oldest + dt.timedelta(seconds=window) - now).total_seconds()), not refused_before)


__all__ = [
    "DEFAULT_CREDENTIAL_IDLE_DAYS",
    "DEFAULT_LOOKUPS_PER_MINUTE",
    "BodyLimit",
    "BodyTooLarge",
    "Limits",
    "LookupLimiter",
    "Verdict",
    "client_key",
    "lookup_rate",
]
