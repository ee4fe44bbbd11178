"""``sync_push_10k_s`` and ``sync_idle_ms``: a counter syncing with the real central system on loopback.

The central system is ``python -m central --db sqlite:///… --port P serve`` in
its own process on a free port; the counter is a data folder registered with a
token from ``python -m central issue-token`` and ``CentralClient.enrol``, as
``register`` does.  Its outbox holds ``changes`` queued changes: the two of each
of 20 cases filed and accepted through ``intake.file_case`` (``case.created``
and ``case.accepted``), and copies of those pairs for further cases (new ids,
case numbers, ID numbers, names, lookup codes and idempotency keys, each
payload the record as the services write it), with their case rows.  The push
is one ``SyncEngine.run_once`` (push in batches of 500, then the pull, which
brings back the ledger annotations the central system wrote for every case).
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench.measure import median, percentile
from bench.population import person
from desktop.models import staff
from desktop.models.audit import canonical_json
from desktop.models.backup import DB_FILENAME
from desktop.models.database import dbapi, open_database
from desktop.models.store import CODE_ALPHABET, open_store

OFFICE = "440100"
TEMPLATE_CASES = 20
IDLE_ROUNDS = 20


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Central:
    """The reference central system in a child process, until ``stop()``."""

    def __init__(self, folder: Path) -> None:
        import httpx

        folder.mkdir(parents=True, exist_ok=True)
        self.db_url = f"sqlite:///{folder / 'central.db'}"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (folder / "central.log").open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central", "--db", self.db_url, "--port", str(self.port), "serve",
             "--log-level", "warning"], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the central system exited (see {folder / 'central.log'})")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=1.0, trust_env=False).status_code == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the central system did not answer /healthz")

    def token(self, office: str) -> str:
        done = subprocess.run([sys.executable, "-m", "central", "--db", self.db_url, "issue-token", "--office", office],
                              capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
        return done.stdout.strip()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def _template_cases(folder: Path) -> None:
    """Cases filed and accepted through the real services (their outbox rows are the templates)."""
    from desktop.models import demo
    from desktop.models.clock import Clock
    from desktop.models.intake import file_case
    from desktop.models.rules import Verifier

    staff.configure_hasher(time_cost=1, memory_cost=8, parallelism=1)
    clock = Clock()
    store = open_store(folder, clock=clock, office_code=OFFICE)
    try:
        clerk = staff.create_staff(store, actor=None, username="clerk", display_name="陈受理",
                                   role=staff.Role.clerk, office_code=OFFICE, password="zhanchi-bench-pw")
        verifier = Verifier.load(folder)
        today = clock.today()
        filed = 0
        for p in demo.people(200, today, seed=31):
            intake = demo.intake_for(p, today)
            if not verifier.verify(intake.application).eligible:
                continue
            file_case(store, verifier, clerk, intake, accept=True, received=["application_form", "payment_account"])
            filed += 1
            if filed == TEMPLATE_CASES:
                break
    finally:
        store.close()


def _queue_copies(folder: Path, changes: int) -> int:
    """Copies of the template cases and their two outbox rows until the outbox holds ``changes``."""
    conn = open_database(folder / DB_FILENAME, isolation_level=None)
    try:
        conn.row_factory = dbapi.Row
        cases = [dict(r) for r in conn.execute("SELECT * FROM cases ORDER BY case_no")]
        outbox: dict[str, list[dict[str, Any]]] = {}
        for r in conn.execute("SELECT * FROM outbox ORDER BY id"):
            outbox.setdefault(r["entity_id"], []).append(dict(r))
        queued = conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
        prefix, last = cases[-1]["case_no"].rsplit("-", 1)
        serial = int(last)
        case_rows, outbox_rows = [], []
        k = 0
        while queued < changes:
            template = cases[k % len(cases)]
            serial += 1
            p = person(50_000_000 + k)
            lookup = "".join(CODE_ALPHABET[(k * 7 + i * 13) % len(CODE_ALPHABET)] for i in range(6))
            new = {"id": str(uuid.uuid4()), "case_no": f"{prefix}-{serial:04d}", "id_number": p.id_number,
                   "applicant_name": p.name, "holder_name": p.name, "lookup_code": lookup}
            case_rows.append({**template, **new})
            for row in outbox[template["id"]]:
                if queued >= changes:
                    break
                payload = json.loads(row["payload_json"])
                payload.update(new)
                outbox_rows.append({**row, "id": None, "entity_id": new["id"], "payload_json": canonical_json(payload),
                                    "idempotency_key": str(uuid.uuid4())})
                queued += 1
            k += 1
        columns = list(cases[0])
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         [tuple(r[c] for c in columns) for r in case_rows])
        out_columns = [c for c in outbox_rows[0] if c != "id"] if outbox_rows else []
        if outbox_rows:
            conn.executemany(
                f"INSERT INTO outbox ({', '.join(out_columns)}) VALUES ({', '.join('?' * len(out_columns))})",
                [tuple(r[c] for c in out_columns) for r in outbox_rows])
        day = prefix.rsplit("-", 1)[1]
        conn.execute("UPDATE case_sequences SET last_seq = ? WHERE day = ?",
                     (serial, f"{day[:4]}-{day[4:6]}-{day[6:]}"))
        conn.execute("COMMIT")
        return int(conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0])
    finally:
        conn.close()


def _register(folder: Path, central: Central) -> None:
    """As ``zhanchi register`` does (``desktop.sync.enrolment``)."""
    from desktop.sync.enrolment import register

    store = open_store(folder)
    try:
        register(store, central.url, central.token(OFFICE), "基准测试窗口", timeout=30)
    finally:
        store.close()


def sync(work: Path, changes: int) -> tuple[float, float, dict[str, Any], dict[str, Any]]:
    """(push seconds, idle round ms, push details, idle details)."""
    from desktop.sync.engine import SyncEngine

    counter = work / "sync-counter"
    _template_cases(counter)
    pending = _queue_copies(counter, changes)
    central = Central(work / "sync-central")
    try:
        _register(counter, central)
        store = open_store(counter)
        try:
            started = time.perf_counter()
            with SyncEngine.for_store(store) as engine:
                report = engine.run_once()
            push_s = time.perf_counter() - started
            if report.applied != pending or report.rejected:
                raise RuntimeError(f"push answered {report.to_json()} for {pending} changes")
            idle: list[float] = []
            for _ in range(IDLE_ROUNDS):  # as the window's background sync does a round: a new engine each
                started = time.perf_counter()
                with SyncEngine.for_store(store) as engine:
                    quiet = engine.run_once()
                idle.append((time.perf_counter() - started) * 1000)
                if quiet.pushed:
                    raise RuntimeError(f"an idle round pushed {quiet.pushed} changes")
            reused: list[float] = []
            with SyncEngine.for_store(store) as engine:
                for _ in range(IDLE_ROUNDS):
                    started = time.perf_counter()
                    engine.run_once()
                    reused.append((time.perf_counter() - started) * 1000)
        finally:
            store.close()
    finally:
        central.stop()
    push = {"what": "desktop.sync.engine.SyncEngine.run_once: push in batches of 500 to `python -m central serve` "
                    "(SQLite) on loopback, then the pull of what the central system wrote back",
            "changes": pending, "applied": report.applied, "pulled": report.pulled,
            "changes_per_s": round(pending / push_s)}
    quiet_details = {"what": "a round with nothing to push or pull, each with a new SyncEngine.for_store (as the "
                             "window's background sync runs one)", "rounds": IDLE_ROUNDS,
                     "p50_ms": round(median(idle), 2), "p95_ms": round(percentile(idle, 95), 2),
                     "same_engine_p50_ms": round(median(reused), 2)}
    return push_s, median(idle), push, quiet_details
