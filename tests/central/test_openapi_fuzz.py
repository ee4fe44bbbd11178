"""schemathesis against the central system's own OpenAPI: no request, however odd, gets a server error
(issue 8: hostile conditions; issue 14.7: every field has bounds, so data outside them is refused with
4xx too).  Runs the real server on loopback over a SQLite file, with valid and with invalid data, a
bounded number of examples per operation."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from central_harness import CentralServer, bearer, enrol
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

EXAMPLES = 25  # per operation and mode: the whole run stays well under a minute


@pytest.fixture(scope="module")
def fuzzed_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CentralServer, dict[str, str]]]:
    folder: Path = tmp_path_factory.mktemp("fuzz-central")
    server = CentralServer(f"sqlite:///{folder / 'central.db'}", folder / "central.log")
    _device, credential = enrol(server.url, server.db_url, "440100")
    yield server, bearer(credential)
    server.stop()


def test_no_server_error_with_or_without_a_credential(fuzzed_central: tuple[CentralServer, dict[str, str]]) -> None:
    server, headers = fuzzed_central
    # Driven by hand (one Hypothesis run per operation): schemathesis's pytest plugin does not load on pytest 9.
    api = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 6, [op.label for op in operations]

    for operation in operations:
        # Invalid data needs something to get wrong: a body (GET /healthz, POST /v1/rotate take none).
        modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if len(operation.body) else [])
        for mode in modes:
            @given(case=operation.as_strategy(mode))
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def fuzz(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=[not_a_server_error])
                case.call_and_validate(checks=[not_a_server_error])

            fuzz()


def test_boundary_values_give_no_server_error(central: CentralServer, tmp_path: Path) -> None:
    """issue 14.7: schemathesis's coverage phase sends each field's bounds and just past them, on SQLite and
    on PostgreSQL (the ``central`` fixture); its command line, as an operator would run it."""
    _device, credential = enrol(central.url, central.db_url, "440100")
    command = [str(Path(sys.executable).with_name("schemathesis")), "run", f"{central.url}/openapi.json",
               "-H", f"Authorization: Bearer {credential}", "--checks", "not_a_server_error",
               "--phases", "coverage,fuzzing", "--max-examples", str(EXAMPLES), "--seed", "14", "--no-color"]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
