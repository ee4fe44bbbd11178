"""Real central servers for the tests: uvicorn in a subprocess on a free loopback port,
over a SQLite file or a throw-away PostgreSQL cluster, and synthetic pushes.

PostgreSQL refuses to run as root: as root the cluster belongs to the ``postgres``
system user that the Debian package creates (``runuser -u postgres``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from bench.postgres import PG_PACKAGE, PostgresCluster, free_port, pg_bin_dir  # noqa: F401 - the tests use them from here

ROOT = Path(__file__).resolve().parents[2]
# One connection pool for the tests' own requests (a new httpx client per call costs tens of ms).
HTTP = httpx.Client(timeout=60, trust_env=False)


def central_cli(db_url: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m central --db URL ARGS`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "central", "--db", db_url, *args],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=ROOT,
    )


class CentralServer:
    """``python -m central --db URL --port P serve`` until ``stop()``."""

    def __init__(self, db_url: str, log_path: Path, *, tls: tuple[Path, Path, Path] | None = None,
                 api_docs: bool = True, public_url: str = "", log_level: str = "warning", workers: int = 1) -> None:
        """``tls``: (certificate chain, private key, CA bundle) to serve https://localhost with; ``api_docs``:
        serve /openapi.json (the tests read it).  The lookup-code key is kept beside the log."""
        self.db_url = db_url
        self.port = free_port()
        self.url = f"https://localhost:{self.port}" if tls else f"http://127.0.0.1:{self.port}"
        self._verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(tls[2])) if tls else True
        tls_args = ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])] if tls else []
        self._log = log_path.open("w", encoding="utf-8")
        self.key_file = log_path.with_name(log_path.name + ".key")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central", "--db", db_url, "--port", str(self.port), "serve",
             "--log-level", log_level, *tls_args, *(["--api-docs"] if api_docs else []),
             *(["--public-url", public_url] if public_url else []), "--workers", str(workers)],
            stdout=self._log, stderr=subprocess.STDOUT, cwd=ROOT,
            env={**os.environ, "ZHANCHI_CENTRAL_KEY_FILE": str(self.key_file)},
        )
        self.log_path = log_path
        self._wait()

    def _wait(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"central server exited: {self.log_path.read_text(encoding='utf-8')}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=1.0, verify=self._verify).status_code == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("central server did not answer /healthz")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


# --- PostgreSQL -------------------------------------------------------------------------------


_shared_cluster: PostgresCluster | None = None


def shared_cluster(bin_dir: Path) -> PostgresCluster:
    """One cluster per test process (central and sync tests alike), stopped when the process ends."""
    global _shared_cluster
    if _shared_cluster is None:
        import atexit

        _shared_cluster = PostgresCluster(bin_dir, durable=False)
        atexit.register(_shared_cluster.stop)
    return _shared_cluster



# --- talking to a server directly -----------------------------------------------------------------


def person_id(rng: random.Random, region: str = "440106") -> str:
    """A valid resident ID number of ``region``, born 1960–1998 (each test file seeds its own ``rng``)."""
    from desktop.models.identity import id_check_character

    first17 = f"{region}19{rng.randrange(60, 99)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first17 += f"{rng.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def issue_token(db_url: str, office: str) -> str:
    from central.auth import issue_token as issue
    from central.db import make_engine

    engine = make_engine(db_url)
    try:
        return issue(engine, office)[0]
    finally:
        engine.dispose()


def enrol(server_url: str, db_url: str, office: str, name: str = "窗口") -> tuple[str, str]:
    """A new device of ``office``: (device id, credential)."""
    response = HTTP.post(f"{server_url}/v1/enrol", json={
        "token": issue_token(db_url, office), "office_code": office, "device_name": name,
    })
    assert response.status_code == 200, response.text
    body = response.json()
    return body["device_id"], body["credential"]


def bearer(credential: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {credential}"}


def case_payload(office: str, *, id_number: str, state: str = "accepted", version: int = 1,
                 occupation_code: str = "6-18-01-01", level: int = 4, case_id: str | None = None,
                 case_no: str | None = None, lookup_code: str = "ABC234", name: str = "张三丰") -> dict[str, Any]:
    """A case record as a counter's outbox holds it (the fields the central system reads, and a few more)."""
    case_id = case_id or str(uuid.uuid4())
    now = dt.datetime.now(dt.UTC).isoformat()
    return {
        "id": case_id,
        "case_no": case_no or f"{office}-T{uuid.uuid4().hex[:3].upper()}-20261127-{uuid.uuid4().int % 10000:04d}",
        "office_code": office,
        "device_id": str(uuid.uuid4()),
        "state": state,
        "applicant_name": name,
        "id_number": id_number,
        "occupation_code": occupation_code,
        "occupation_name": "车工",
        "cert_level": level,
        "cert_number": "S000144000123174000056",
        "application_date": "2018-01-10",
        "shortage": False,
        "insured_region": office,
        "application_region": office,
        "lookup_code": lookup_code,
        "version": version,
        "accepted_at": now if state != "draft" else None,
        "created_at": now,
        "updated_at": now,
        "payment_account": "6222020200112233445",
    }


def push_item(payload: dict[str, Any], *, op: str | None = None, key: str | None = None,
              entity: str = "case") -> dict[str, Any]:
    return {
        "idempotency_key": key or str(uuid.uuid4()),
        "entity": entity,
        "entity_id": payload.get("id") or payload.get("case_id"),
        "op": op or f"case.{payload.get('state', 'accepted')}",
        "payload": payload,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
    }


def push(server_url: str, credential: str, items: Sequence[dict[str, Any]]) -> httpx.Response:
    return HTTP.post(f"{server_url}/v1/push", json={"items": list(items)}, headers=bearer(credential))


def pull(server_url: str, credential: str, cursors: dict[str, int] | None = None, limit: int | None = None
         ) -> dict[str, Any]:
    body: dict[str, Any] = {"cursors": cursors or {}}
    if limit is not None:
        body["limit"] = limit
    response = HTTP.post(f"{server_url}/v1/pull", json=body, headers=bearer(credential))
    assert response.status_code == 200, response.text
    return response.json()


def import_registry(db_url: str, kind: str, path: Path) -> dict[str, Any]:
    """What ``python -m central import`` does, in this process (faster than a subprocess)."""
    from central.db import make_engine
    from central.registry import import_file
    from desktop.models.clock import Clock
    from desktop.models.registry_files import read_registry

    engine = make_engine(db_url)
    try:
        return import_file(engine, read_registry(path, kind, today=Clock().today())).to_json()  # type: ignore[arg-type]
    finally:
        engine.dispose()


def stats(db_url: str) -> dict[str, int]:
    from central.db import make_engine
    from central.pull import stats as read_stats

    engine = make_engine(db_url)
    try:
        return read_stats(engine).model_dump()
    finally:
        engine.dispose()


def central_rows(db_url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    from sqlalchemy import text

    from central.db import make_engine

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()
