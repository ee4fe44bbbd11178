"""A private PostgreSQL server for the tests and the benchmark: a throw-away cluster in a temporary
folder on a free loopback port (Debian keeps ``initdb`` and ``pg_ctl`` out of PATH).

PostgreSQL refuses to run as root: as root the cluster belongs to the ``postgres`` system user that
the Debian package creates (``runuser -u postgres``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

PG_PACKAGE = "postgresql"  # the Debian package dev.sh installs


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_bin_dir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        folder = Path(candidate).parent
        if (folder / "pg_ctl").exists():
            return folder
    return None


class PostgresCluster:
    """A private cluster in a temporary folder on a free port, trust authentication on loopback.
    ``durable=False`` (the tests) turns off what makes a commit survive a power cut, for speed; the
    benchmark keeps it, as a real server would."""

    def __init__(self, bin_dir: Path, *, durable: bool = True) -> None:
        self.bin_dir = bin_dir
        self.port = free_port()
        # As root the cluster is the postgres user's: its folder must be reachable by that user, which a
        # temporary folder inside root's own (TMPDIR of a test, mode 0700) is not.
        self.root = Path(tempfile.mkdtemp(prefix="zhanchi-pg-", dir="/tmp" if os.geteuid() == 0 else None))
        self.data = self.root / "data"
        self.user: str | None = None
        if os.geteuid() == 0:
            import pwd

            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    f"running as root, PostgreSQL needs the 'postgres' system user (Debian package {PG_PACKAGE})"
                ) from None
            self.user = "postgres"
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        # Up to eight central workers with a pool of 16 each (bench/central_load.py).
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=150"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start")

    def _run(self, tool: str, *args: str) -> None:
        command: list[str] = [str(self.bin_dir / tool), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stdout}\n{result.stderr}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"central_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
