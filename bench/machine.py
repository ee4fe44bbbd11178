"""What the benchmark ran on: recorded with every result, since the figures mean nothing without it."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        found["pyside6"] = PySide6.__version__
        found["qt"] = qVersion()
    except ImportError:
        found["pyside6"] = found["qt"] = None
    from importlib.metadata import PackageNotFoundError, version

    for package in ("SQLAlchemy", "reportlab", "httpx", "fastapi", "uvicorn"):
        try:
            found[package.lower()] = version(package)
        except PackageNotFoundError:
            found[package.lower()] = None
    return found


def _commit() -> str | None:
    root = Path(__file__).resolve().parents[1]
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=10, check=False)
    except OSError:
        return None
    return done.stdout.strip() or None


def machine_info() -> dict[str, Any]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": affinity,
        "memory_gb": _memory_gb(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        **_versions(),
        "commit": _commit(),
    }
