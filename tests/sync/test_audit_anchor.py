"""The audit chain anchored at the central system (issue 14.4).

The attacks: a case's amount multiplied by ten, directly in the database file, together with the audit
entries that set it, and the rest of the chain re-hashed (the formula is no secret) — the local chain
and the money replay then agree with each other; and a database file swapped for an older copy (the
chain goes backwards).  Every sync sends the chain's head and proves the entry the central system
recorded last; the central system flags a fork, a chain going backwards and a head gone missing, and
``audit verify`` of a registered counter checks its chain against the central system's record.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from central_harness import ROOT, CentralServer, central_cli, central_rows
from counter_devices import Counter
from dbfile import open_db

from desktop.models.audit import entry_hash
from desktop.models.money_replay import verify_trail_and_money
from desktop.sync.credentials import load_device
from wire import API_PREFIX


def _zhanchi(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT)


def _incidents(server: CentralServer, device_id: str) -> list[dict[str, Any]]:
    result = central_cli(server.db_url, "incidents")
    assert result.returncode == 0, result.stderr
    return [i for i in json.loads(result.stdout) if i["device_id"] == device_id]


def _rewrite_money(db_path: Path, case_id: str, factor: int) -> None:
    """What an attacker with the file does: triggers dropped, the case's amount and every audit entry
    that set it multiplied, the chain re-hashed from the first changed entry on, and the head moved."""
    con = open_db(db_path)
    try:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f"DROP TRIGGER {name}")
        con.execute("UPDATE cases SET amount_yuan = amount_yuan * ? WHERE id = ?", (factor, case_id))
        rows = con.execute("SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash "
                           "FROM audit_log ORDER BY seq").fetchall()
        prev_hash, changing = None, False
        for seq, at, actor, action, entity, entity_id, before_json, after_json, stored_prev in rows:
            after = json.loads(after_json) if after_json else None
            if entity == "case" and entity_id == case_id and after and isinstance(after.get("amount_yuan"), int):
                after["amount_yuan"] *= factor
                changing = True
            if not changing:
                prev_hash = None
                continue
            before = json.loads(before_json) if before_json else None
            prev = stored_prev if prev_hash is None else prev_hash
            digest = entry_hash(seq=seq, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
                                before=before, after=after, prev_hash=prev)
            con.execute("UPDATE audit_log SET after_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                        (json.dumps(after, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                         if after is not None else None, prev, digest, seq))
            prev_hash = digest
        assert changing, "the case's amount was not in its audit entries"
        con.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_hash'", (prev_hash,))
        con.commit()
    finally:
        con.close()


def _local_check(counter: Counter) -> bool:
    with counter.store.session(readonly=True) as session:
        return verify_trail_and_money(session).ok


def test_a_rehashed_chain_passes_locally_but_is_caught_by_the_anchor(sqlite_central: CentralServer,
                                                                      new_counter) -> None:
    """issue 14.4: the amount ×10 with its audit entries rewritten and the chain re-hashed passes the
    local check; ``audit verify`` names the entry the central system recorded, and the next sync is
    flagged as a fork for the central administrator."""
    counter = new_counter(sqlite_central, "anchor-fork", "440100")
    record = counter.accept()
    counter.accept()
    counter.sync()
    assert _incidents(sqlite_central, counter.device_id) == []
    recorded = central_rows(sqlite_central.db_url, "SELECT max(seq) FROM audit_anchors WHERE device_id = :d",
                            d=counter.device_id)
    assert recorded and recorded[0][0] >= 2
    assert _zhanchi(counter.data_dir, "audit", "verify").returncode == 0

    counter.store.close()
    _rewrite_money(counter.data_dir / "zhanchi.db", record.id, 10)
    counter.store = _reopen(counter)
    assert _local_check(counter), "the attack must pass the local chain and the money replay"

    result = _zhanchi(counter.data_dir, "audit", "verify")
    assert result.returncode == 1, result.stdout
    assert "中心系统" in result.stderr and "Traceback" not in result.stderr

    counter.sync()
    kinds = [i["kind"] for i in _incidents(sqlite_central, counter.device_id)]
    assert kinds == ["audit_fork"]
    counter.sync()  # flagged once: the central system re-anchors at the head it was shown
    assert [i["kind"] for i in _incidents(sqlite_central, counter.device_id)] == ["audit_fork"]


def _reopen(counter: Counter) -> Any:
    from desktop.models.store import open_store

    return open_store(counter.data_dir, clock=counter.store.clock, office_code=counter.office)


def test_an_older_copy_of_the_database_is_flagged_as_going_backwards(sqlite_central: CentralServer,
                                                                    new_counter, tmp_path: Path) -> None:
    """issue 14.4: the database file swapped for a copy taken before later work (cases and their audit
    entries gone): the chain is intact locally but shorter than the central system's record."""
    counter = new_counter(sqlite_central, "anchor-back", "440100")
    counter.accept()
    counter.store.close()
    older = tmp_path / "older.db"
    shutil.copyfile(counter.data_dir / "zhanchi.db", older)
    counter.store = _reopen(counter)
    counter.accept()
    counter.sync()
    counter.store.close()
    for suffix in ("-wal", "-shm"):
        (counter.data_dir / f"zhanchi.db{suffix}").unlink(missing_ok=True)
    shutil.copyfile(older, counter.data_dir / "zhanchi.db")
    counter.store = _reopen(counter)
    assert _local_check(counter)

    result = _zhanchi(counter.data_dir, "audit", "verify")
    assert result.returncode == 1 and "中心系统" in result.stderr

    counter.sync()
    assert [i["kind"] for i in _incidents(sqlite_central, counter.device_id)] == ["audit_backwards"]


def test_ordinary_work_and_syncs_raise_nothing_and_move_the_anchor(sqlite_central: CentralServer,
                                                                  new_counter) -> None:
    counter = new_counter(sqlite_central, "anchor-ok", "440100")
    for _ in range(3):
        counter.accept()
        counter.sync()
        counter.sync()
    with counter.store.session(readonly=True) as session:
        from desktop.models.store import get_meta

        head = int(get_meta(session, "audit_head_seq") or 0)
    assert central_rows(sqlite_central.db_url, "SELECT max(seq) FROM audit_anchors WHERE device_id = :d",
                        d=counter.device_id) == [(head,)]
    assert _incidents(sqlite_central, counter.device_id) == []
    result = _zhanchi(counter.data_dir, "audit", "verify")
    assert result.returncode == 0 and "中心系统" in result.stdout


def test_a_device_that_stops_sending_its_head_is_flagged_once(sqlite_central: CentralServer, new_counter) -> None:
    """A pull without the chain's head, from a device whose head the central system holds (an old or
    altered program): flagged once, not at every pull."""
    counter = new_counter(sqlite_central, "anchor-silent", "440100")
    counter.accept()
    counter.sync()
    device = load_device(counter.data_dir)
    assert device is not None
    headers = {"Authorization": f"Bearer {device.credential}"}
    for _ in range(2):
        answer = httpx.post(f"{sqlite_central.url}{API_PREFIX}/pull", json={"cursors": {}, "limit": 1},
                            headers=headers, timeout=30)
        assert answer.status_code == 200
    assert [i["kind"] for i in _incidents(sqlite_central, counter.device_id)] == ["audit_head_missing"]
    counter.sync()  # the head comes again: nothing new to flag
    assert [i["kind"] for i in _incidents(sqlite_central, counter.device_id)] == ["audit_head_missing"]


@pytest.mark.parametrize("body", [
    {"cursors": {}, "audit": {"seq": -1, "hash": "0" * 64, "proof_seq": 0, "proof_hash": "0" * 64}},
    {"cursors": {}, "audit": {"seq": 1, "hash": "not-a-hash", "proof_seq": 0, "proof_hash": "0" * 64}},
    {"cursors": {}, "audit": {"seq": 10**30, "hash": "0" * 64, "proof_seq": 0, "proof_hash": "0" * 64}},
])
def test_a_malformed_head_is_refused_with_422(sqlite_central: CentralServer, new_counter,
                                              body: dict[str, Any]) -> None:
    counter = new_counter(sqlite_central, "anchor-bad", "440100")
    device = load_device(counter.data_dir)
    assert device is not None
    answer = httpx.post(f"{sqlite_central.url}{API_PREFIX}/pull", json=body,
                        headers={"Authorization": f"Bearer {device.credential}"}, timeout=30)
    assert answer.status_code == 422


def test_a_restore_after_a_sync_is_said_beforehand_and_flagged_at_the_next_sync(sqlite_central: CentralServer,
                                                                              new_counter) -> None:
    """issue 14.4 with the program's own restore: its warning says the central system will see the chain
    go back; the next sync is flagged once as going backwards, and syncs after it are clean."""
    counter = new_counter(sqlite_central, "anchor-restore", "440100")
    counter.accept()
    counter.store.close()
    assert _zhanchi(counter.data_dir, "backup").returncode == 0
    counter.store = _reopen(counter)
    counter.accept()
    counter.sync()
    counter.store.close()

    asked = _zhanchi(counter.data_dir, "restore")
    assert asked.returncode == 2 and "中心系统会记下本机审计记录回退" in asked.stderr
    assert _zhanchi(counter.data_dir, "restore", "--yes").returncode == 0
    counter.store = _reopen(counter)
    counter.sync()
    counter.accept()
    counter.sync()
    assert [i["kind"] for i in _incidents(sqlite_central, counter.device_id)] == ["audit_backwards"]
    assert _zhanchi(counter.data_dir, "audit", "verify").returncode == 0
