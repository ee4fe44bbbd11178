"""Fixtures of the sync tests: counters (data folders) registered with a real central server.

The server harness lives beside the central tests (``tests/central/central_harness.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "central"))

from central_harness import PG_PACKAGE, CentralServer, PostgresCluster, pg_bin_dir, shared_cluster  # noqa: E402
from counter_devices import Counter, make_counter  # noqa: E402
from fault_proxy import FaultProxy  # noqa: E402


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.skip(f"PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package {PG_PACKAGE}")
    yield shared_cluster(bin_dir)  # stopped when the test process ends


@pytest.fixture(scope="module")
def sqlite_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    """A central server over a SQLite file, shared by a module's tests (each uses its own counters)."""
    folder = tmp_path_factory.mktemp("central")
    server = CentralServer(f"sqlite:///{folder / 'central.db'}", folder / "central.log")
    yield server
    server.stop()


@pytest.fixture
def proxy(sqlite_central: CentralServer) -> Iterator[FaultProxy]:
    fault = FaultProxy(sqlite_central.url)
    yield fault
    fault.close()


@pytest.fixture
def counters(tmp_path: Path) -> Iterator[list[Counter]]:
    """Counters made in a test with ``make_counter``; closed at the end."""
    made: list[Counter] = []
    yield made
    for counter in made:
        counter.close()


@pytest.fixture
def new_counter(tmp_path: Path, counters: list[Counter]):  # type: ignore[no-untyped-def]
    """``new_counter(server, name, office, url=None)`` -> a registered Counter."""

    def make(server: CentralServer, name: str, office: str = "440100", url: str | None = None) -> Counter:
        counter = make_counter(tmp_path / name, server, office, url or server.url, name)
        counters.append(counter)
        return counter

    return make
