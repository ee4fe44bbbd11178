"""Several worker processes (issue 19.5): ``serve --workers 2`` over PostgreSQL, and nothing that breaks
across processes — the wrong-lookup-code limit and the person-lookup rate are counted in the database,
so spreading the guesses over the workers gets no more through (with 2 workers the in-memory limiter
let 20 wrong codes through instead of 10)."""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from central_harness import CentralServer, bearer, case_payload, enrol, person_id, push, push_item

_rng = random.Random(195)


def _new_id(region: str = "440106") -> str:
    return person_id(_rng, region)


@pytest.fixture(scope="module")
def workers(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("workers")
    database = request.getfixturevalue("postgres_cluster").create_database()
    server = CentralServer(database, folder / "server.log", workers=2)
    yield server
    server.stop()


def _fresh_client() -> httpx.Client:
    # A new connection for every request: uvicorn's workers share the listening socket, so requests
    # on separate connections land on either worker.
    return httpx.Client(timeout=30, trust_env=False, limits=httpx.Limits(max_keepalive_connections=0))


def test_wrong_codes_are_counted_once_for_all_workers(workers: CentralServer) -> None:
    _, credential = enrol(workers.url, workers.db_url, "440100")
    case = case_payload("440100", id_number=_new_id(), lookup_code="K7P2QX")
    push(workers.url, credential, [push_item(case)])
    with _fresh_client() as client:
        codes = [client.post(f"{workers.url}/v1/progress", json={"case_no": case["case_no"],
                                                                  "lookup_code": f"WRONG{n}"}).status_code
                 for n in range(14)]
    assert codes[:10] == [404] * 10 and set(codes[10:]) == {429}, codes


def test_the_person_lookup_rate_holds_across_workers(workers: CentralServer) -> None:
    _, credential = enrol(workers.url, workers.db_url, "440300")
    with _fresh_client() as client:
        codes = [client.post(f"{workers.url}/v1/registry/person", json={"id_number": _new_id("440305")},
                             headers=bearer(credential)).status_code for _ in range(26)]
    assert codes[:20] == [200] * 20 and set(codes[20:]) == {429}, codes


def test_the_service_runs_as_two_worker_processes(workers: CentralServer) -> None:
    children = subprocess.run(["pgrep", "-P", str(workers.process.pid)], capture_output=True, text=True)
    assert len(children.stdout.split()) >= 2, children.stdout
