"""Limits that keep the central system standing (issue 14.7) and its registry unharvested (issue 14.5).

``BodyLimit``: a request body over the limit is refused with 413 before the application reads it
(a declared ``Content-Length`` at once; a chunked body as soon as the bytes received pass it).

``LookupLimiter``: wrong progress lookup codes, per (client address, case number) and per address over
every case number, with exponential backoff.  Keyed by address, so a stranger's guesses never lock the
applicant out from elsewhere.

``DeviceRate``: person lookups per device in a sliding minute.

Everything is in memory (the reference system runs one process) and bounded: the oldest entries are
evicted past a cap, whatever an attacker sends.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Hashable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException

from desktop.sync.protocol import MAX_BODY_BYTES

Clock = Callable[[], float]
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


@dataclass
class _Strikes:
    failures: int = 0
    last: float = 0.0  # the latest failure
    until: float = 0.0  # refused until then


class Backoff:
    """Failures per key: ``free`` of them, then each one more doubles the wait from ``base`` up to
    ``cap`` seconds.  A key quiet for ``cap`` seconds after its wait is forgotten; past
    ``max_entries`` keys the least recently failed is evicted."""

    def __init__(self, *, free: int, base: float, cap: float, max_entries: int, clock: Clock) -> None:
        self.free, self.base, self.cap, self.max_entries, self.clock = free, base, cap, max_entries, clock
        self._entries: OrderedDict[Hashable, _Strikes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def _current(self, key: Hashable, now: float) -> _Strikes | None:
        strikes = self._entries.get(key)
        if strikes is not None and now - max(strikes.last, strikes.until) > self.cap:
            del self._entries[key]
            return None
        return strikes

    def wait(self, key: Hashable) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        now = self.clock()
        strikes = self._current(key, now)
        return max(0.0, strikes.until - now) if strikes is not None else 0.0

    def fail(self, key: Hashable) -> None:
        now = self.clock()
        strikes = self._current(key, now) or _Strikes()
        strikes.failures += 1
        strikes.last = now
        over = strikes.failures - self.free
        if over >= 0:
            strikes.until = now + min(self.cap, self.base * 2 ** min(over, 32))
        self._entries[key] = strikes
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def forget(self, key: Hashable) -> None:
        self._entries.pop(key, None)


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
    ``per_address`` over every case number, then exponential backoff from a minute up to an hour."""

    def __init__(self, *, per_case: int = 10, per_address: int = 30, base: float = 60.0, cap: float = 3600.0,
                 max_entries: int = 50_000, clock: Clock = time.monotonic) -> None:
        self._cases = Backoff(free=per_case, base=base, cap=cap, max_entries=max_entries, clock=clock)
        self._addresses = Backoff(free=per_address, base=base, cap=cap, max_entries=max_entries, clock=clock)
        self._lock = threading.Lock()

    def retry_after(self, address: str, case_no: str) -> float:
        with self._lock:
            return max(self._cases.wait((address, case_no)), self._addresses.wait(address))

    def failed(self, address: str, case_no: str) -> None:
        with self._lock:
            self._cases.fail((address, case_no))
            self._addresses.fail(address)

    def succeeded(self, address: str, case_no: str) -> None:
        with self._lock:
            self._cases.forget((address, case_no))

    def size(self) -> int:
        with self._lock:
            return len(self._cases) + len(self._addresses)


# --- person lookups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    retry_after: float  # 0: allowed
    first_refusal: bool  # refused, and the device was under the limit before: worth recording


class DeviceRate:
    """At most ``limit`` requests per device in any ``window`` seconds (issue 14.5)."""

    def __init__(self, limit: int, *, window: float = 60.0, max_devices: int = 100_000,
                 clock: Clock = time.monotonic) -> None:
        self.limit, self.window, self.max_devices, self.clock = limit, window, max_devices, clock
        self._times: OrderedDict[str, deque[float]] = OrderedDict()
        self._over: set[str] = set()
        self._lock = threading.Lock()

    def take(self, device_id: str) -> Verdict:
        with self._lock:
            now = self.clock()
            times = self._times.pop(device_id, None) or deque(maxlen=self.limit)
            self._times[device_id] = times  # the most recent last
            while len(self._times) > self.max_devices:
                evicted, _ = self._times.popitem(last=False)
                self._over.discard(evicted)
            if len(times) == self.limit and now - times[0] < self.window:
                first = device_id not in self._over
                self._over.add(device_id)
                return Verdict(times[0] + self.window - now, first)
            times.append(now)
            self._over.discard(device_id)
            return Verdict(0.0, False)


__all__ = [
    "DEFAULT_CREDENTIAL_IDLE_DAYS",
    "DEFAULT_LOOKUPS_PER_MINUTE",
    "Backoff",
    "BodyLimit",
    "BodyTooLarge",
    "DeviceRate",
    "Limits",
    "LookupLimiter",
    "Verdict",
    "client_key",
]
