"""Fixtures of the central-system tests: a real server per database backend.

Every test here runs against SQLite and against PostgreSQL.  The PostgreSQL
parameter is skipped only when the server binaries are missing (Debian package
``postgresql``, which ``dev.sh`` installs).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from central_harness import PG_PACKAGE, CentralServer, PostgresCluster, pg_bin_dir, shared_cluster

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.skip(f"PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package {PG_PACKAGE}")
    yield shared_cluster(bin_dir)  # stopped when the test process ends


def database_url(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'central.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database()


@pytest.fixture(scope="module", params=BACKENDS)
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    """One server per backend for the module; tests keep apart by office, ID number and case."""
    folder = tmp_path_factory.mktemp(f"central-{request.param}")
    server = CentralServer(database_url(request.param, request, folder), folder / "server.log")
    yield server
    server.stop()
