"""The scenarios that need a fresh process each: the start of the window and its memory.

The children are ``python -m bench.probe`` (see there for what each measures).
Qt runs on the platform ``QT_QPA_PLATFORM`` names, ``offscreen`` when it names
none (the bare window and the app alike, so the ratio compares like with like).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import median

_TIMEOUT_S = 3600.0


class ProbeFailed(RuntimeError):
    pass


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # An installed program runs from compiled bytecode (the bundle ships it); a shell that
    # forbids writing .pyc files would make every start compile the app's sources again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_probe(args: list[str], log: Path, timeout: float = _TIMEOUT_S) -> tuple[float, dict[str, Any]]:
    """Start ``python -m bench.probe ARGS``; (seconds from spawning to its report, the report)."""
    with log.open("a", encoding="utf-8") as errors:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "bench.probe", *args], stdout=subprocess.PIPE,
                                 stderr=errors, text=True, encoding="utf-8", env=_environment())
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise ProbeFailed(f"bench.probe {args[0]} did not finish (see {log})") from None
    if child.returncode != 0 or not line.startswith("{"):
        raise ProbeFailed(f"bench.probe {args[0]} failed with exit code {child.returncode} (see {log})")
    return elapsed, json.loads(line)


def startup(data_dir: Path, user: str, repeats: int, log: Path) -> tuple[float, dict[str, Any]]:
    """The app's start over ``data_dir`` divided by a bare window's, both medians of ``repeats``
    fresh processes, alternating, after one untimed start of each (a warm file cache, as at a
    counter that has run the program before)."""
    run_probe(["bare"], log)
    run_probe(["app", str(data_dir), user], log)
    run_probe(["signin", str(data_dir)], log)
    bare: list[float] = []
    app: list[float] = []
    signin: list[float] = []
    reports: list[dict[str, Any]] = []
    for _ in range(repeats):
        bare.append(run_probe(["bare"], log)[0])
        seconds, report = run_probe(["app", str(data_dir), user], log)
        app.append(seconds)
        reports.append(report)
        signin.append(run_probe(["signin", str(data_dir)], log)[0])
    details = {
        "what": "fresh process to first paint and idle event loop: desktop.app.create_main_window over the big "
                "data folder (signed in as a clerk) vs a bare PySide6 QMainWindow, medians of alternating starts",
        "repeats": repeats, "app_s": [round(s, 3) for s in app], "bare_s": [round(s, 3) for s in bare],
        "app_median_s": round(median(app), 3), "bare_median_s": round(median(bare), 3),
        "app_window_built_s": round(median([r["built_s"] for r in reports]), 3),
        "signin_what": "the program as started by a person (python -m desktop --data-dir) to its first window, the "
                       "sign-in dialog, painted and idle, while the data folder opens behind it: not the key",
        "signin_s": [round(s, 3) for s in signin], "signin_median_s": round(median(signin), 3),
        "signin_ratio": round(median(signin) / median(bare), 3),
        "platform": reports[-1].get("platform", ""),
    }
    return median(app) / median(bare), details


def memory(data_dir: Path, user: str, log: Path) -> tuple[float, dict[str, Any]]:
    """Peak RSS (MB) of a fresh app process with every case listed and scrolled to the bottom."""
    elapsed, report = run_probe(["rss", str(data_dir), user], log)
    details = {
        "what": "fresh process: main window over the big folder, search page with every case (fetchMore until "
                "exhausted, scrolled to the bottom after each page); peak RSS (VmHWM)",
        "rows_listed": report["rows"], "pages": report["pages"], "load_s": round(report["load_s"], 1),
        "scrolled_to_last": report["scrolled_to_last"],
        "rss_after_window_mb": round(report["rss_window_kb"] / 1024, 1),
        "rss_at_end_mb": round(report["rss_kb"] / 1024, 1), "total_s": round(elapsed, 1),
    }
    return report["peak_rss_kb"] / 1024, details
