"""A load generator for a central system on this computer (issue 19.4; CONTRACTS "load test").

``python -m central --db URL loadtest --url URL --devices N --seconds S`` enrols N simulated counters
across many offices (tokens issued straight into the database at ``--db``) and runs the real protocol
against the server for S seconds, time-compressed (``--compression``, 12 by default: an idle sync
round every 5 s instead of a minute):

- each device makes its first sync (every reference file, its region's rows) as it is enrolled, before
  the measured time, as a counter does when it is set up (kind ``first_pull``);
- every device syncs idly (a pull with its cursors and its audit head) every ``60 / compression`` s;
- applicants arrive as at a busy counter, 80 a day over an eight-hour day, a third of the day's
  arrivals in the first hour; each one is a registry lookup, then a push of 3–6 changes of one case
  (created, accepted, documents) and the pull that follows it.

It prints one JSON object: per request kind ``count``, ``errors``, ``p50_ms``, ``p95_ms``, ``p99_ms``;
the totals, ``requests_per_s`` and, with ``--server-pid``, the server's CPU seconds and resident
memory.  Loopback only, and bounded (devices, seconds), so it cannot be turned on someone else.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import resource
import statistics
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine

from central.auth import issue_token
from central.load_client import JsonConnection
from desktop.models.identity import id_check_character
from desktop.sync.client import is_loopback
from wire import API_PREFIX

MAX_DEVICES = 5000
MAX_SECONDS = 3600
OFFICES = ("440100", "440300", "440600", "441900", "330100", "330200", "320100", "320500", "370100", "370200",
           "510100", "420100", "610100", "640100", "410100", "350100", "430100", "450100", "210100", "130100")
WORK_DAY_S = 8 * 3600
REQUEST_TIMEOUT = 10.0


@dataclass(frozen=True)
class Plan:
    devices: int
    seconds: float
    compression: float = 12.0
    applicants_per_day: int = 80
    seed: int = 12

    @property
    def idle_every(self) -> float:
        return 60.0 / self.compression

    def applicant_gap(self, rng: random.Random, elapsed: float) -> float:
        """Seconds until the next applicant at one counter: a third of the day's in its first hour."""
        day = WORK_DAY_S / self.compression
        per_second = self.applicants_per_day / day
        rate = per_second * (8 / 3 if elapsed < day / 8 else (2 / 3) * 8 / 7)
        return rng.expovariate(rate)


@dataclass
class Tally:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rejected_items: int = 0  # changes a push answered "rejected" (the generator's cases should all apply)

    def note(self, kind: str, started: float, ok: bool) -> None:
        self.timings[kind].append((time.perf_counter() - started) * 1000)
        if not ok:
            self.errors[kind] += 1

    def report(self, seconds: float) -> dict[str, Any]:
        kinds = {}
        for kind, values in sorted(self.timings.items()):
            ordered = sorted(values)
            kinds[kind] = {"count": len(values), "errors": self.errors.get(kind, 0),
                           "p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(_pct(ordered, 95), 1),
                           "p99_ms": round(_pct(ordered, 99), 1)}
        total = sum(len(v) for v in self.timings.values())
        return {"kinds": kinds, "requests": total, "errors": sum(self.errors.values()),
                "rejected_items": self.rejected_items,
                "requests_per_s": round(total / seconds, 1) if seconds else 0.0}


def _pct(ordered: list[float], pct: int) -> float:
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def _person(rng: random.Random, office: str) -> str:
    first17 = f"{office}{rng.randrange(1965, 2003)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first17 += f"{rng.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def _case(office: str, device: int, number: int, id_number: str, state: str, version: int) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC).isoformat()
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"loadtest/{office}/{device}/{number}")),
        "case_no": f"{office}-L{device:04d}-20261127-{number:04d}", "office_code": office, "state": state,
        "applicant_name": "测试申请人", "id_number": id_number, "occupation_code": "6-18-01-01", "cert_level": 4,
        "application_date": "2026-11-27", "insured_region": office, "lookup_code": "K7P2QX", "version": version,
        "accepted_at": now if state != "draft" else None, "updated_at": now, "amount_yuan": 1500,
        "payment_account": "6222020200112233445", "phone": "13800138000",
    }


def _item(entity: str, entity_id: str, op: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"idempotency_key": str(uuid.uuid4()), "entity": entity, "entity_id": entity_id, "op": op,
            "payload": payload, "created_at": dt.datetime.now(dt.UTC).isoformat()}


class Counter:
    """One simulated counter: its credential, cursors and audit head, and its loop."""

    def __init__(self, index: int, office: str, credential: str, plan: Plan, tally: Tally, url: str) -> None:
        self.index, self.office, self.plan, self.tally = index, office, plan, tally
        self.headers = {"Authorization": f"Bearer {credential}"}
        self.connection = JsonConnection(url, REQUEST_TIMEOUT)  # its own, as a real counter's
        self.cursors: dict[str, int] = {}
        self.audit_seq, self.anchor, self.cases = 0, 0, 0
        self.rng = random.Random(plan.seed * 100_003 + index)

    async def _post(self, kind: str, path: str, body: dict[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            status, answer = await self.connection.post(f"{API_PREFIX}{path}", body, self.headers)
        except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError):
            self.tally.note(kind, started, False)
            return None
        self.tally.note(kind, started, status < 400 or (kind == "lookup" and status == 429))
        return answer if status == 200 else None

    async def pull(self, kind: str) -> None:
        # A stand-in chain: entry n's hash is n in hex (0: the genesis hash), proving the anchor it was told.
        head = {"seq": self.audit_seq, "hash": f"{self.audit_seq:064x}", "proof_seq": self.anchor,
                "proof_hash": f"{self.anchor:064x}"}
        answer = await self._post(kind, "/pull", {"cursors": self.cursors, "audit": head})
        if answer:
            self.cursors = answer.get("cursors", self.cursors)
            self.anchor = (answer.get("audit_anchor") or {}).get("seq", self.anchor)

    async def applicant(self) -> None:
        person = _person(self.rng, self.office)
        await self._post("lookup", "/registry/person", {"id_number": person})
        self.cases += 1
        draft = _case(self.office, self.index, self.cases, person, "draft", 1)
        items = [_item("case", draft["id"], "case.created", draft)]
        if self.rng.random() < 0.9:  # most are accepted on the spot
            items.append(_item("case", draft["id"], "case.accepted", draft | {"state": "accepted", "version": 2}))
        for _ in range(self.rng.randint(3, 6) - len(items)):  # receipts, notices …
            receipt = {"case_id": draft["id"], "kind": "receipt"}
            items.append(_item("document", draft["id"], "document.receipt", receipt))
        answer = await self._post("push", "/push", {"items": items})
        self.tally.rejected_items += sum(r.get("status") == "rejected" for r in (answer or {}).get("results", []))
        self.audit_seq += len(items)
        await self.pull("pull_after_push")

    async def run(self, until: float, start: float) -> None:
        await asyncio.sleep(self.rng.uniform(0, self.plan.idle_every))  # counters are not in step
        next_idle = time.monotonic()
        next_applicant = time.monotonic() + self.plan.applicant_gap(self.rng, 0)
        while (now := time.monotonic()) < until:
            if now >= next_applicant:
                await self.applicant()
                next_applicant = time.monotonic() + self.plan.applicant_gap(self.rng, now - start)
            elif now >= next_idle:
                await self.pull("idle_pull")
                next_idle += self.plan.idle_every
            else:
                await asyncio.sleep(max(0.0, min(next_idle, next_applicant, until) - now))


def check_url(url: str) -> str:
    """The server to load: on this computer only."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not is_loopback(parts.hostname):
        raise ValueError(f"负载测试只能针对本机（127.0.0.1）上的中心系统，收到“{url}”")
    return url.strip().rstrip("/")


async def _enrol(url: str, engine: Engine, plan: Plan, tally: Tally) -> list[Counter]:
    counters: list[Counter] = []
    connection = JsonConnection(url, REQUEST_TIMEOUT)
    try:
        for index in range(plan.devices):
            office = OFFICES[index % len(OFFICES)]
            token, _ = issue_token(engine, office)
            started = time.perf_counter()
            status, answer = await connection.post(f"{API_PREFIX}/enrol", {
                "token": token, "office_code": office, "device_name": f"负载测试{index:04d}"})
            tally.note("enrol", started, status == 200)
            if status == 200:
                counters.append(Counter(index, office, answer["credential"], plan, tally, url))
    finally:
        await connection.close()
    for counter in counters:  # a counter's first sync, with every reference file, comes with its enrolment
        await counter.pull("first_pull")
    return counters


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (a server's worker processes), from /proc (Linux)."""
    parents: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.read_text().rsplit(")", 1)[1].split()[1])].append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue  # a process that ended meanwhile
    found, todo = [], [pid]
    while todo:
        found.append(current := todo.pop())
        todo.extend(parents.get(current, []))
    return found


def _process_usage(pid: int) -> dict[str, float]:
    """CPU seconds (user + system) and resident memory of a process and its workers, from /proc (Linux)."""
    cpu, rss = 0.0, 0.0
    ticks, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")
    for member in _tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            rss_pages = int(Path(f"/proc/{member}/statm").read_text().split()[1])
        except OSError:
            continue
        cpu += (int(fields[11]) + int(fields[12])) / ticks
        rss += rss_pages * page / 2**20
    return {"cpu_s": cpu, "rss_mb": rss}


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run(url: str, engine: Engine, plan: Plan, server_pid: int | None = None) -> dict[str, Any]:
    tally = Tally()
    counters = await _enrol(url, engine, plan, tally)
    before = _process_usage(server_pid) if server_pid else None
    generator_before = _own_cpu()
    start = time.monotonic()
    try:
        await asyncio.gather(*(c.run(start + plan.seconds, start) for c in counters))
    finally:
        await asyncio.gather(*(c.connection.close() for c in counters))
    elapsed = time.monotonic() - start
    report = tally.report(elapsed)
    report |= {"devices": len(counters), "seconds": round(elapsed, 1), "compression": plan.compression,
               "equivalent_devices": round(len(counters) * plan.compression),
               "generator_cpu_s": round(_own_cpu() - generator_before, 1)}
    if before is not None and server_pid:
        after = _process_usage(server_pid)
        report["server"] = {"cpu_s": round(after["cpu_s"] - before["cpu_s"], 1), "rss_mb": round(after["rss_mb"], 1)}
    return report


def run_blocking(url: str, engine: Engine, plan: Plan, server_pid: int | None = None) -> dict[str, Any]:
    """``run`` on uvloop where it is installed (a lighter event loop: the generator shares the cores)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(run(url, engine, plan, server_pid))
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(run(url, engine, plan, server_pid))


__all__ = ["MAX_DEVICES", "MAX_SECONDS", "Plan", "check_url", "run", "run_blocking"]
