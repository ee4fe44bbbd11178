"""What operators watch (issue 19.5): one JSON log line per request and Prometheus metrics.

``RequestLog`` is the ASGI middleware: for every request it writes a JSON line to the logger
``central.access`` (time, worker, method, the route's template — ``/p/{case_no}``, never the path
with its values —, status, milliseconds, the client as the limiter counts it) and counts the request
for ``/metrics``.  No body, no query string and no header is ever logged.

``/metrics`` (Prometheus text format) answers clients on this computer only (a scraper beside the
service, or through the reverse proxy with the real client address forwarded): request counts and
latency sums per route and status of this worker process (label ``worker``: sum them over workers),
and a few gauges from the database that cost next to nothing (devices, security events, pending
disbursements).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sqlalchemy import Engine, func, select

from central.db import devices, disbursements, read, security_events
from central.limits import client_key

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("central.access")
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
                "level": record.levelname.lower(), "logger": record.name}
        fields = getattr(record, "fields", None)
        line |= fields if isinstance(fields, dict) else {"message": record.getMessage()}
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: str = "info") -> None:
    """JSON lines on stderr for the service's own loggers (``central.*``), once per process."""
    logger = logging.getLogger("central")
    if any(getattr(h, "zhanchi_json", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.zhanchi_json = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    logger.propagate = False


class Metrics:
    """This process's request counts and latencies per (route, method, status)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: dict[tuple[str, str, int], int] = defaultdict(int)
        self._seconds: dict[tuple[str, str, int], float] = defaultdict(float)
        self._buckets: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(_BUCKETS))

    def note(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self._count[(route, method, status)] += 1
            self._seconds[(route, method, status)] += seconds
            buckets = self._buckets[(route, method)]
            for index, bound in enumerate(_BUCKETS):
                if seconds <= bound:
                    buckets[index] += 1

    def render(self, engine: Engine) -> str:
        worker = str(os.getpid())
        lines = ["# HELP zhanchi_requests_total Requests answered by this worker.",
                 "# TYPE zhanchi_requests_total counter"]
        with self._lock:
            counts, seconds = dict(self._count), dict(self._seconds)
            buckets = {key: list(value) for key, value in self._buckets.items()}
        for (route, method, status), count in sorted(counts.items()):
            lines.append(f'zhanchi_requests_total{{worker="{worker}",route="{route}",method="{method}",'
                         f'status="{status}"}} {count}')
        lines += ["# HELP zhanchi_request_seconds_sum Time spent answering, by route and status.",
                  "# TYPE zhanchi_request_seconds_sum counter"]
        for (route, method, status), total in sorted(seconds.items()):
            lines.append(f'zhanchi_request_seconds_sum{{worker="{worker}",route="{route}",method="{method}",'
                         f'status="{status}"}} {total:.6f}')
        lines += ["# HELP zhanchi_request_seconds Request latency.", "# TYPE zhanchi_request_seconds histogram"]
        for (route, method), counted in sorted(buckets.items()):
            labels = f'worker="{worker}",route="{route}",method="{method}"'
            for bound, number in zip(_BUCKETS, counted, strict=True):
                lines.append(f'zhanchi_request_seconds_bucket{{{labels},le="{bound}"}} {number}')
            total = sum(c for (r, m, _), c in counts.items() if (r, m) == (route, method))
            lines.append(f'zhanchi_request_seconds_bucket{{{labels},le="+Inf"}} {total}')
            lines.append(f"zhanchi_request_seconds_count{{{labels}}} {total}")
        with read(engine) as conn:
            gauges = {
                "zhanchi_devices": conn.scalar(select(func.count()).select_from(devices)
                                               .where(devices.c.revoked_at.is_(None))),
                "zhanchi_security_events": conn.scalar(select(func.count()).select_from(security_events)),
                "zhanchi_disbursements_pending": conn.scalar(select(func.count()).select_from(disbursements)
                                                             .where(disbursements.c.status == "pending")),
            }
        for name, value in gauges.items():
            lines += [f"# TYPE {name} gauge", f"{name} {int(value or 0)}"]
        return "\n".join(lines) + "\n"


class RequestLog:
    """ASGI middleware: a JSON access line and a metrics count per HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            route_obj = scope.get("route")
            route = getattr(route_obj, "path", None) or "(unmatched)"
            self.metrics.note(route, scope.get("method", ""), status, seconds)
            client = scope.get("client")
            access_log.info("request", extra={"fields": {
                "worker": os.getpid(), "method": scope.get("method", ""), "route": route, "status": status,
                "ms": round(seconds * 1000, 1), "client": client_key(client[0] if client else None)}})


__all__ = ["JsonFormatter", "Metrics", "RequestLog", "access_log", "configure_logging"]
