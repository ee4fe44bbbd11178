"""Backups, restore and a damaged database (issue 8: backups)."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from dbfile import open_db

from desktop.models import backup as backup_module
from desktop.models.application import Intake
from desktop.models.backup import (
    BackupStopped,
    backup_due,
    check_database,
    list_backups,
    newest_good_backup,
    restore_backup,
    startup_check,
    take_backup,
)
from desktop.models.cases import count_by_state, create_case
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput, StorageError
from desktop.models.staff import StaffUser
from desktop.models.store import DB_FILENAME, Store, open_store

NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)


def add_case(store: Store, clerk: StaffUser, intake: Intake) -> None:
    create_case(store, clerk, intake, verdict={"eligible": True}, eligible=True, amount_yuan=1500,
                policy_id="cn-2025")


def corrupt(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(0)
        f.write(b"this is not a database" * 50)


def test_backup_is_a_verified_owner_only_copy(store: Store, make_staff: Callable[..., StaffUser],
                                              make_intake: Callable[..., Intake]) -> None:
    add_case(store, make_staff("clerk"), make_intake())
    backup = take_backup(store.data_dir, reason="manual", now=NOW)
    assert backup.path.parent == store.data_dir / "backups" and backup.reason == "manual"
    assert check_database(backup.path, quick=False).ok
    if sys.platform != "win32":
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert list_backups(store.data_dir)[0].path == backup.path


def test_a_backup_says_how_far_it_has_copied_then_that_it_checks(store: Store) -> None:

    with open_db(store.data_dir / DB_FILENAME) as db:  # 8 MB: the copy takes several steps
        db.execute("CREATE TABLE scratch (b BLOB)")
        db.executemany("INSERT INTO scratch VALUES (randomblob(4000))", [()] * 2000)
    heard: list[tuple[str, float | None]] = []
    take_backup(store.data_dir, reason="manual", now=NOW, progress=lambda step, done: heard.append((step, done)))
    copied = [done for step, done in heard if step == "backup_copy"]
    assert len(copied) > 1 and copied == sorted(copied) and copied[-1] == 1.0
    assert heard[-1] == ("backup_check", None), "then the page-by-page check of the copy"


def test_only_the_newest_are_kept(store: Store) -> None:
    for minute in range(5):
        take_backup(store.data_dir, reason="daily", now=NOW + dt.timedelta(minutes=minute), keep=3)
    kept = list_backups(store.data_dir)
    assert len(kept) == 3
    assert [b.taken_at for b in kept] == [NOW + dt.timedelta(minutes=m) for m in (4, 3, 2)]


def test_a_backup_is_taken_before_every_migration(tmp_path: Path) -> None:
    saved = Path(__file__).parent / "data" / "schema_0001.sqlite"
    data_dir = tmp_path / "old"
    data_dir.mkdir()
    shutil.copy(saved, data_dir / DB_FILENAME)
    steps: list[str] = []
    open_store(data_dir, clock=Clock(fixed=NOW), progress=lambda step, _done: steps.append(step)).close()
    # A plain folder from before encryption (issue 20.1): one full backup serves both steps.
    assert list(dict.fromkeys(steps)) == ["backup_copy", "backup_check", "encrypt", "encrypt_backups", "migrate"], \
        "an upgrade says how it gets on"
    [backup] = list_backups(data_dir)
    assert backup.reason == "before-migration-0001"
    assert check_database(backup.path).ok
    open_store(data_dir, clock=Clock(fixed=NOW)).close()
    assert len(list_backups(data_dir)) == 1, "no migration, no backup"


def test_damaged_database_is_detected_and_restored_from_the_newest_good_backup(
    tmp_path: Path, make_intake: Callable[..., Intake], make_staff: Callable[..., StaffUser], store: Store
) -> None:
    clerk = make_staff("clerk")
    add_case(store, clerk, make_intake())
    take_backup(store.data_dir, reason="daily", now=NOW)
    add_case(store, clerk, make_intake(applicant={"name": "李四", "id_number": "440106199003071231"}))
    store.close()
    # A newer backup that is itself damaged must be passed over.
    bad = take_backup(store.data_dir, reason="daily", now=NOW + dt.timedelta(hours=1))
    corrupt(bad.path)
    live = store.data_dir / DB_FILENAME
    corrupt(live)
    check = check_database(live)
    assert not check.ok and "损坏" in check.message
    with pytest.raises(StorageError):
        open_store(store.data_dir)
    good = newest_good_backup(store.data_dir)
    assert good is not None and good.taken_at == NOW
    kept = restore_backup(store.data_dir, good.path, now=NOW + dt.timedelta(hours=2))
    assert kept.exists(), "the damaged file is kept, never deleted"
    reopened = open_store(store.data_dir)
    assert sum(count_by_state(reopened).values()) == 1, "the data as of the backup"
    reopened.close()


def test_restore_refuses_a_damaged_backup(store: Store, tmp_path: Path) -> None:
    backup = take_backup(store.data_dir, reason="manual", now=NOW)
    corrupt(backup.path)
    with pytest.raises(InvalidInput) as err:
        restore_backup(store.data_dir, backup.path, now=NOW)
    assert err.value.field == "FILE"
    assert check_database(store.data_dir / DB_FILENAME).ok, "the live database is untouched"


def test_daily_backup_is_due_once_per_office_day(store: Store) -> None:
    tz = Clock().tz
    today = NOW.astimezone(tz).date()
    assert backup_due(store.data_dir, today, tz)
    take_backup(store.data_dir, reason="daily", now=NOW)
    assert not backup_due(store.data_dir, today, tz)
    assert backup_due(store.data_dir, today + dt.timedelta(days=1), tz)


def test_a_backup_stopped_because_the_program_closes_leaves_nothing(store: Store) -> None:
    asked: list[bool] = []

    def stop() -> bool:
        asked.append(True)
        return True

    with pytest.raises(BackupStopped):
        take_backup(store.data_dir, reason="daily", now=NOW, stop=stop)
    assert asked, "the copy asked whether to go on"
    assert list_backups(store.data_dir) == [] and not list(backup_module.backup_dir(store.data_dir).iterdir())
    assert backup_due(store.data_dir, NOW.astimezone(Clock().tz).date(), Clock().tz), "the next start takes it"


def test_the_check_of_the_copy_can_be_stopped_too(store: Store) -> None:
    # (Stopping in the middle of a long check interrupts SQLite from a watcher thread; a tiny
    # test database is checked before the watcher looks, so only the start is tested here.)
    with pytest.raises(BackupStopped):
        check_database(store.data_dir / DB_FILENAME, quick=False, stop=lambda: True)
    assert check_database(store.data_dir / DB_FILENAME, quick=False, stop=lambda: False).ok


def test_the_start_check_of_a_large_file_reads_what_it_needs_and_still_finds_a_damaged_one(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file counts as large: quick_check would read every page of years of cases at each start.
    monkeypatch.setattr(backup_module, "FULL_CHECK_AT_START_BYTES", 0)
    calls: list[Path] = []
    monkeypatch.setattr(backup_module, "check_database", lambda path, **_: calls.append(path))
    live = store.data_dir / DB_FILENAME
    assert startup_check(live).ok and calls == [], "no page-by-page check at start"
    store.close()
    corrupt(live)
    check = startup_check(live)
    assert not check.ok and "损坏" in check.message


def test_a_small_database_gets_the_whole_quick_check_at_start(store: Store) -> None:
    live = store.data_dir / DB_FILENAME
    assert live.stat().st_size < backup_module.FULL_CHECK_AT_START_BYTES
    assert startup_check(live).message == "数据库完好"
