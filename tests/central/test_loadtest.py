"""``python -m central loadtest`` (issue 19.4, CONTRACTS "load test"): simulated counters speaking the real
protocol to a real server on this computer, reported as JSON; never aimed at another computer."""

from __future__ import annotations

import json
from pathlib import Path

from central_harness import CentralServer, central_cli


def test_a_short_run_reports_every_kind_with_no_errors_and_no_incidents(tmp_path: Path) -> None:
    server = CentralServer(f"sqlite:///{tmp_path / 'central.db'}", tmp_path / "server.log")
    try:
        result = central_cli(server.db_url, "loadtest", "--url", server.url, "--devices", "6", "--seconds", "4",
                             "--compression", "60", "--server-pid", str(server.process.pid))
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["devices"] == 6 and report["equivalent_devices"] == 360 and report["errors"] == 0
        assert report["rejected_items"] == 0
        kinds = report["kinds"]
        assert {"enrol", "idle_pull"} <= set(kinds) and kinds["enrol"]["count"] == 6
        for numbers in kinds.values():
            assert set(numbers) == {"count", "errors", "p50_ms", "p95_ms", "p99_ms"}
            assert numbers["p50_ms"] <= numbers["p95_ms"] <= numbers["p99_ms"]
        assert report["requests_per_s"] > 0 and report["server"]["rss_mb"] > 0
        assert json.loads(central_cli(server.db_url, "incidents").stdout) == []  # real heads, real cases
    finally:
        server.stop()


def test_it_only_loads_a_server_on_this_computer(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    for args, field in ((["--url", "http://192.0.2.10:8700", "--devices", "1", "--seconds", "1"], "--url"),
                        (["--url", "http://127.0.0.1:9", "--devices", "100000", "--seconds", "1"], "--devices"),
                        (["--url", "http://127.0.0.1:9", "--devices", "1", "--seconds", "99999"], "--seconds")):
        result = central_cli(db_url, "loadtest", *args)
        assert result.returncode == 2 and result.stderr.startswith(f"{field}:"), result.stderr
