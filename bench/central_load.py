"""``central_push_p95_ms``, ``central_idle_p95_ms``, ``central_errors``: the central system under a
national load (issue 19.6).

A private PostgreSQL cluster (durable: commits survive a power cut, as on a real server) and
``python -m central serve`` on it with two worker processes per core (``WORKERS``); the load generator
(``central.loadtest``, the real protocol) in this process, sharing the machine's cores with the server
as the issue measured:
``DEVICES`` simulated counters time-compressed ×12 (an idle sync round every 5 s instead of every
minute: the equivalent of twelve times as many real counters), each with pushes at a busy counter's
rate, registry lookups and the pulls that follow, for ``SECONDS`` seconds.  The figures are the p95
of a push and of an idle round, and the requests that failed; the details keep every kind's
percentiles, the throughput, the server's CPU and memory, and how many real counters that is.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.postgres import PG_PACKAGE, PostgresCluster, free_port, pg_bin_dir

DEVICES = 1000
SECONDS = 60.0
WORKERS = min(8, 2 * (os.cpu_count() or 1))  # as the service is deployed: two worker processes per core
WARM_SECONDS = 10.0  # a short run first: enrolment and the first pulls out of the measured window


def central_load(work: Path, devices: int = DEVICES,
                 seconds: float = SECONDS) -> tuple[float, float, int, dict[str, Any]]:
    """(push p95 ms, idle round p95 ms, failed requests, details)."""
    import httpx

    from central import loadtest
    from central.db import make_engine

    bin_dir = pg_bin_dir()
    if bin_dir is None:
        raise RuntimeError(f"PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package "
                           f"{PG_PACKAGE}")
    work.mkdir(parents=True, exist_ok=True)
    cluster = PostgresCluster(bin_dir, durable=True)
    server: subprocess.Popen[bytes] | None = None
    try:
        db_url = cluster.create_database()
        engine = make_engine(db_url)  # the schema made before the server starts, and tokens issued straight into it
        port = free_port()
        with (work / "central.log").open("w", encoding="utf-8") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "central", "--db", db_url, "--port", str(port), "serve", "--workers",
                 str(WORKERS), "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
        url = f"http://127.0.0.1:{port}"
        _wait(httpx, url, server)
        loadtest.run_blocking(url, engine, loadtest.Plan(min(devices, 50), WARM_SECONDS))
        report = loadtest.run_blocking(url, engine, loadtest.Plan(devices, seconds), server.pid)
        engine.dispose()
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        cluster.stop()
    kinds = report["kinds"]
    return float(kinds["push"]["p95_ms"]), float(kinds["idle_pull"]["p95_ms"]), int(report["errors"]), report


def _wait(httpx: Any, url: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the central system stopped at start (exit {server.returncode})")
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the central system did not answer within {timeout:.0f} s")
