"""Disk full, a read-only data folder, a database locked by another program, a clock set wrong:
each a clear message, nothing half-written, no traceback (issue 8: hostile conditions)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from dbfile import open_db
from sqlalchemy import event

from desktop.models.application import Intake
from desktop.models.cases import count_by_state, create_case
from desktop.models.clock_check import clock_warning
from desktop.models.errors import StorageError
from desktop.models.staff import StaffUser
from desktop.models.store import DB_FILENAME, Store


def add_case(store: Store, clerk: StaffUser, intake: Intake) -> None:
    create_case(store, clerk, intake, verdict={"eligible": True}, eligible=True, amount_yuan=1500,
                policy_id="cn-2025")


def test_disk_full_is_a_clear_message_and_writes_nothing(store: Store, make_staff: Callable[..., StaffUser],
                                                         make_intake: Callable[..., Intake]) -> None:
    clerk = make_staff("clerk")
    add_case(store, clerk, make_intake())
    with open_db(store.path) as probe:
        pages = probe.execute("PRAGMA page_count").fetchone()[0]

    # SQLite's own "disk full": no page may be added beyond what the file has now.
    def cap(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # new connections get the cap
    before = count_by_state(store)
    big = make_intake(employer={"name": "某" * 100, "uscc": ""})
    with pytest.raises(StorageError) as err:
        for _ in range(200):
            add_case(store, clerk, big)
    assert "磁盘已满" in str(err.value)
    event.remove(store.engine, "connect", cap)
    store.engine.dispose()
    after = count_by_state(store)
    with open_db(store.path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        audit_cases = check.execute("SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity='case'").fetchone()
    assert sum(after.values()) >= sum(before.values()) and audit_cases == (sum(after.values()),)


def test_locked_database_is_a_clear_message(store: Store, make_staff: Callable[..., StaffUser],
                                            make_intake: Callable[..., Intake]) -> None:
    clerk = make_staff("clerk")
    other = open_db(store.path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the database
    try:
        with pytest.raises(StorageError) as err:
            add_case(store, clerk, make_intake())  # waits busy_timeout (5 s), then gives up
        assert "占用" in str(err.value)
    finally:
        other.rollback()
        other.close()
    assert sum(count_by_state(store).values()) == 0


def _immutable(paths: list[Path], on: bool) -> bool:
    """``chattr +i``: even root cannot write (permissions alone do not bind root, and CI runs as root)."""
    flag = "+i" if on else "-i"
    return subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True).returncode == 0


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("chattr"), reason="needs chattr (Linux)")
def test_read_only_data_folder_is_a_clear_message(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "demo", "--cases", "3"],
                   check=True, capture_output=True, timeout=120)
    frozen = [data_dir, *data_dir.glob("zhanchi.db*")]
    if not _immutable(frozen, True):
        pytest.skip("this file system does not support chattr +i")
    try:
        intake = {"applicant": {"name": "张三", "id_number": "11010519491231002X"}, "insured_region": "440100",
                  "application_region": "440100", "contribution_months": 40,
                  "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                                  "occupation_code": "6-18-01-01", "issue_date": "2026-06-01"},
                  "application_date": "2026-11-27",
                  "payment": {"kind": "bank", "account": "6222020200112233445", "holder_name": "张三"},
                  "employer": {"name": "某公司"}}
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "intake", "-", "--user", "clerk"],
            input=json.dumps(intake), capture_output=True, text=True, timeout=120,
        )
    finally:
        _immutable(frozen, False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "只读" in result.stderr or "无法" in result.stderr, result.stderr
    with open_db(data_dir / DB_FILENAME) as db:
        assert db.execute("SELECT count(*) FROM cases").fetchone() == (3,)


def test_clock_set_back_or_far_ahead_is_flagged(store: Store, make_staff: Callable[..., StaffUser],
                                               make_intake: Callable[..., Intake]) -> None:
    assert clock_warning(store) is None
    add_case(store, make_staff("clerk"), make_intake())
    assert clock_warning(store) is None
    now = store.clock.fixed
    assert now is not None
    store.clock.fixed = now - dt.timedelta(days=2)
    warning = clock_warning(store)
    assert warning is not None and "早于" in warning and "校准" in warning
    store.clock.fixed = now + dt.timedelta(days=500)
    assert "晚一年以上" in (clock_warning(store) or "")
    store.clock.fixed = now + dt.timedelta(minutes=5)
    assert clock_warning(store) is None
