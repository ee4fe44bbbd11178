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
    """Start ``python -m bench.probe ARGS``; (seconds from spawning to its first line, the report:
    that line and any the probe prints after it)."""
    with log.open("a", encoding="utf-8") as errors:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "bench.probe", *args], stdout=subprocess.PIPE,
                                 stderr=errors, text=True, encoding="utf-8", env=_environment())
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        try:
            rest, _ = child.communicate(timeout=timeout)  # what a probe checks after it was timed
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise ProbeFailed(f"bench.probe {args[0]} did not finish (see {log})") from None
    if child.returncode != 0 or not line.startswith("{"):
        raise ProbeFailed(f"bench.probe {args[0]} failed with exit code {child.returncode} (see {log})")
    report = json.loads(line)
    for more in rest.splitlines():
        report |= json.loads(more)
    return elapsed, report


def startup(data_dir: Path, user: str, repeats: int, log: Path) -> tuple[float, dict[str, Any]]:
    """The app's start over ``data_dir`` divided by a bare window's, both medians of ``repeats``
    fresh processes, alternating, after one untimed start of each (a warm file cache, as at a
    counter that has run the program before).  Beside it, as details: the same window built
    complete before it shows, and the program's own start to its sign-in."""
    modes = {"bare": ["bare"], "app": ["app", str(data_dir), user],
             "complete": ["complete", str(data_dir), user], "signin": ["signin", str(data_dir)]}
    for args in modes.values():
        run_probe(args, log)
    seconds: dict[str, list[float]] = {mode: [] for mode in modes}
    reports: list[dict[str, Any]] = []
    for _ in range(repeats):
        for mode, args in modes.items():
            elapsed, report = run_probe(args, log)
            seconds[mode].append(elapsed)
            if mode == "app":
                reports.append(report)
    bare = median(seconds["bare"])

    def summary(mode: str) -> dict[str, Any]:
        return {f"{mode}_s": [round(s, 3) for s in seconds[mode]], f"{mode}_median_s": round(median(seconds[mode]), 3),
                f"{mode}_ratio": round(median(seconds[mode]) / bare, 3)}

    details = {
        "what": "fresh process to first paint and idle event loop: desktop.app.open_main_window over the big data "
                "folder (signed in as a clerk: navigation and intake form, the folder opening behind it) vs a bare "
                "PySide6 QMainWindow, medians of alternating starts",
        "repeats": repeats, "bare_s": [round(s, 3) for s in seconds["bare"]], "bare_median_s": round(bare, 3),
        **summary("app"),
        "app_window_built_s": round(median([r["built_s"] for r in reports]), 3),
        "usable_what": "checked in every app start after it was timed: the keyboard focus in the ID field, keys typed "
                       "there before the data was open still there after, the data open and every page built at "
                       "data_ready_s, the event loop never held up longer than longest_stall_ms meanwhile",
        "focus": sorted({r["focus"] for r in reports}),
        "typed_kept": all(r["typed_kept"] for r in reports),
        "data_open_when_ready": any(r["data_open_when_ready"] for r in reports),
        "data_ready_median_s": round(median([r["data_ready_s"] for r in reports]), 3),
        "longest_stall_ms": round(max(r["longest_stall_ms"] for r in reports), 1),
        "complete_what": "desktop.app.create_main_window (the contract's window: data open, every page built) to "
                         "first paint: not the key",
        **summary("complete"),
        "signin_what": "the program as started by a person (python -m desktop --data-dir) to its first window, the "
                       "sign-in dialog, painted and idle, while the data folder opens behind it: not the key",
        **summary("signin"),
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    usable = details["typed_kept"] and details["focus"] == ["intake.id_number"]
    if not usable:
        raise ProbeFailed(f"the window was not usable when it first showed: {details['focus']}, "
                          f"typed kept {details['typed_kept']}")
    return median(seconds["app"]) / bare, details


def counter(data_dir: Path, user: str, log: Path, applicants: int = 10) -> dict[str, tuple[float, dict[str, Any]]]:
    """The counter at work (issue 16.13), in a fresh process: ``print_ms``, the slowest F9 to the receipt
    handed to the printer, the day's first included; ``intake_stall_ms``, the longest the GUI thread
    did not answer while the applicants were taken in (typing, lookups, verdicts, filing, printing)."""
    from bench.measure import percentile

    _elapsed, report = run_probe(["counter", str(data_dir), user, str(applicants)], log)
    times, gaps = report["print_ms"], report["gaps_ms"]
    common = {"applicants": len(times), "not_eligible_skipped": report["skipped"],
              "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    printing = {
        "what": "fresh process: create_main_window over the big folder, a PDF file printer at the window's printer "
                "seam; after the warm-up that follows sign-in, N registry workers without a case typed in key by "
                "key, the materials ticked, F9; each F9 timed to the print job's end on the print thread (the "
                "window told on its GUI thread): the slowest is the key",
        "first_ms": round(times[0], 1), "rest_ms": [round(t, 1) for t in times[1:]],
        "median_ms": round(median(times), 1), "warm_up_s": round(report["warm_s"], 2),
        "jobs_printed": report["jobs"], "job_kb": round(report["job_bytes"] / 1024 / max(1, report["jobs"]), 1),
        **common,
    }
    stalls = {
        "what": "longest gap between the ticks of a 5 ms timer on the GUI thread while the applicants were taken "
                "in (includes the 5 ms itself); the warm-up after sign-in is reported apart",
        "p99_gap_ms": round(percentile(gaps, 99), 1), "ticks": len(gaps),
        "longest_gap_by_step_ms": {step: round(gap, 1) for step, gap in report["longest_gap_by_step_ms"].items()},
        "warm_up_longest_gap_ms": round(max(report["warm_gaps_ms"] or [0.0]), 1), **common,
    }
    return {"print_ms": (max(times), printing), "intake_stall_ms": (max(gaps), stalls)}


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
