"""``desktop register``, ``desktop sync`` and ``desktop status`` as real processes (CONTRACTS.md)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from central_harness import CentralServer, central_cli, free_port, issue_token
from counter_devices import assert_exactly_once, intake_data, new_person, outbox_states
from fault_proxy import FaultProxy

from desktop.models import staff
from desktop.models.store import open_store
from desktop.sync.credentials import load_device


def zhanchi(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=300)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def with_clerk(data_dir: Path, office: str = "440100") -> None:
    store = open_store(data_dir, office_code=office)
    try:
        staff.create_staff(store, actor=None, username="clerk", display_name="受理员", role=staff.Role.clerk,
                           office_code=office, password="zhanchi-test-pw")
    finally:
        store.close()


def status(data_dir: Path) -> dict[str, Any]:
    result = zhanchi(data_dir, "status")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_register_sync_and_status(sqlite_central: CentralServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "counter"
    args = ["register", "--central", sqlite_central.url, "--office", "440100", "--device", "1号窗口"]

    bad = zhanchi(data_dir, *args, "--token", "WRONG-TOKEN")
    assert bad.returncode == 2 and one_line(bad).startswith("--token:")
    assert load_device(data_dir) is None

    token = central_cli(sqlite_central.db_url, "issue-token", "--office", "440100").stdout.strip()
    other_office = zhanchi(tmp_path / "other", "register", "--central", sqlite_central.url, "--office", "440300",
                           "--device", "x", "--token", token)
    assert other_office.returncode == 2 and one_line(other_office).startswith("--office:")

    done = zhanchi(data_dir, *args, "--token", token)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["office_code"] == "440100" and "credential" not in shown
    device_file = data_dir / "device.json"
    assert stat.S_IMODE(device_file.stat().st_mode) == 0o600
    credential = load_device(data_dir).credential  # type: ignore[union-attr]
    assert credential and credential not in done.stdout + done.stderr

    with_clerk(data_dir)
    cases = json.dumps([intake_data("440100", new_person()) for _ in range(3)], ensure_ascii=False)
    intake = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=cases)
    assert intake.returncode == 0, intake.stderr
    before = status(data_dir)
    assert before["pending_sync"] == 6 and before["last_sync"] is None

    result = zhanchi(data_dir, "sync")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) == {"pushed", "applied", "already_applied", "rejected", "pulled", "last_sync"}
    assert (summary["pushed"], summary["applied"], summary["already_applied"], summary["rejected"]) == (6, 6, 0, 0)
    assert set(summary["pulled"]) == {"insured", "certificates", "ledger", "annotations", "reference"}
    assert summary["pulled"]["annotations"] == 3  # each case entered the national ledger
    assert credential not in result.stdout + result.stderr
    after = status(data_dir)
    assert after["pending_sync"] == 0 and after["sync_rejected"] == 0 and after["last_sync"] == summary["last_sync"]

    # Revoked: the next sync says so in one line and exits 1.
    device_id = load_device(data_dir).device_id  # type: ignore[union-attr]
    assert central_cli(sqlite_central.db_url, "revoke-device", device_id).returncode == 0
    refused = zhanchi(data_dir, "sync")
    assert refused.returncode == 1 and "重新注册" in one_line(refused)


def test_sync_exits_1_when_the_central_system_cannot_be_reached(sqlite_central: CentralServer,
                                                                 tmp_path: Path) -> None:
    data_dir = tmp_path / "counter"
    unregistered = zhanchi(data_dir, "sync")  # nothing there yet: not even made by the command (issue 14.8)
    assert unregistered.returncode == 2 and "register" in one_line(unregistered) and not data_dir.exists()

    dead = f"http://127.0.0.1:{free_port()}"
    token = issue_token(sqlite_central.db_url, "440100")
    result = zhanchi(data_dir, "register", "--central", dead, "--office", "440100", "--device", "w",
                     "--token", token)
    assert result.returncode == 1 and dead in one_line(result)
    assert zhanchi(data_dir, "register", "--central", "ftp://x", "--office", "440100", "--device", "w",
                   "--token", token).returncode == 2

    assert zhanchi(data_dir, "register", "--central", sqlite_central.url, "--office", "440100", "--device", "w",
                   "--token", token).returncode == 0
    device = json.loads((data_dir / "device.json").read_text(encoding="utf-8"))
    device["central_url"] = dead  # the central system moved away / the network is down
    (data_dir / "device.json").write_text(json.dumps(device), encoding="utf-8")
    offline = zhanchi(data_dir, "sync")
    assert offline.returncode == 1 and offline.stdout == ""
    one_line(offline)
    assert status(data_dir)["last_sync"] is None


def test_sync_killed_mid_push_then_run_again(sqlite_central: CentralServer, proxy: FaultProxy,
                                            new_counter) -> None:
    counter = new_counter(sqlite_central, "gz", "440100", proxy.url)
    for _ in range(100):
        counter.accept()  # 200 outbox rows: four batches of 50
    proxy.set("hold_push", 1, skip=1)  # the second batch reaches the server, its answer never comes back
    process = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(counter.data_dir), "sync",
                                "--batch-size", "50"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert proxy.held.wait(60), proxy.seen
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    finally:
        proxy.release.set()
        if process.poll() is None:
            process.kill()
    assert outbox_states(counter) == {"applied": 50, "pending": 150}

    again = zhanchi(counter.data_dir, "sync", "--batch-size", "50")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["pushed"], summary["applied"], summary["already_applied"]) == (150, 100, 50)
    assert_exactly_once(sqlite_central, counter)
