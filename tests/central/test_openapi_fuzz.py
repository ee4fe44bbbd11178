"""schemathesis against the central system's own OpenAPI: no request, however odd, gets a server error
(issue 8: hostile conditions).  Runs the real server on loopback over a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from central_harness import CentralServer, bearer, enrol
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error


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
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])
            case.call_and_validate(checks=[not_a_server_error])

        fuzz()
