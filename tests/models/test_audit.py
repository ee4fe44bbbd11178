"""The hash-chained audit trail, and tampering done directly in the database file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from dbfile import IntegrityError, open_db

from desktop.models import audit
from desktop.models.store import Store

AT = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)


def _fill(store: Store, count: int = 5) -> list[audit.AuditEntry]:
    written = []
    with store.session() as session:
        for i in range(1, count + 1):
            written.append(
                audit.record(
                    session,
                    actor="clerk1",
                    action="case.create",
                    entity="case",
                    entity_id=f"case-{i}",
                    before=None if i == 1 else {"state": "draft"},
                    after={"state": "accepted", "申请人": "张三", "n": i, "on": dt.date(2026, 11, 27)},
                    at=AT + dt.timedelta(minutes=i),
                )
            )
    return written


def _verify(store: Store) -> audit.AuditReport:
    with store.session(readonly=True) as session:
        return audit.verify(session)


@contextmanager
def _tamper(store: Store) -> Iterator[Any]:
    """A raw connection to the file, as someone with a SQLite tool would have; triggers dropped first."""
    con = open_db(store.path)
    try:
        with con:
            con.execute("DROP TRIGGER audit_log_no_update")
            con.execute("DROP TRIGGER audit_log_no_delete")
            yield con
    finally:
        con.close()


def test_entries_chain_from_genesis(store: Store) -> None:
    written = _fill(store)
    assert [e.seq for e in written] == [1, 2, 3, 4, 5]
    assert written[0].prev_hash == "0" * 64
    for previous, entry in zip(written, written[1:], strict=False):
        assert entry.prev_hash == previous.hash
    assert written[0].at == "2026-11-27T02:01:00.000000+00:00"
    assert written[0].after is not None and written[0].after["on"] == "2026-11-27"
    report = _verify(store)
    assert report == audit.AuditReport(ok=True, checked=5, first_bad_seq=None, reason=report.reason)


def test_hash_is_sha256_of_canonical_json(store: Store) -> None:
    entry = _fill(store, 1)[0]
    body = {
        "seq": 1,
        "at": entry.at,
        "actor": "clerk1",
        "action": "case.create",
        "entity": "case",
        "entity_id": "case-1",
        "before": None,
        "after": entry.after,
        "prev_hash": "0" * 64,
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert "张三" in text
    assert entry.hash == hashlib.sha256(text.encode()).hexdigest()


def test_empty_trail_is_intact(store: Store) -> None:
    assert _verify(store).ok


def test_rolled_back_entry_leaves_no_trace(store: Store) -> None:
    _fill(store, 2)
    with pytest.raises(RuntimeError), store.session() as session:
        audit.record(session, actor="x", action="y", entity="case", entity_id="z", before=None, after=None, at=AT)
        raise RuntimeError("the change failed")
    report = _verify(store)
    assert report.ok and report.checked == 2
    with store.session() as session:
        assert (
            audit.record(
                session, actor="x", action="y", entity="case", entity_id="z", before=None, after=None, at=AT
            ).seq
            == 3
        )


def test_naive_time_is_refused(store: Store) -> None:
    with pytest.raises(ValueError), store.session() as session:
        audit.record(
            session,
            actor="x",
            action="y",
            entity="case",
            entity_id="z",
            before=None,
            after=None,
            at=dt.datetime(2026, 1, 1),
        )


def test_entries_for_one_record(store: Store) -> None:
    _fill(store, 3)
    with store.session(readonly=True) as session:
        assert [e.seq for e in audit.entries(session, entity="case", entity_id="case-2")] == [2]


def test_database_refuses_update_and_delete(store: Store) -> None:
    _fill(store, 2)
    con = open_db(store.path)
    try:
        with pytest.raises(IntegrityError, match="append-only"):
            con.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 1")
        with pytest.raises(IntegrityError, match="append-only"):
            con.execute("DELETE FROM audit_log WHERE seq = 2")
    finally:
        con.close()


def test_edited_entry_is_caught(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        after = json.loads(con.execute("SELECT after_json FROM audit_log WHERE seq = 3").fetchone()[0])
        after["state"] = "approved"
        con.execute("UPDATE audit_log SET after_json = ? WHERE seq = 3", (json.dumps(after),))
    report = _verify(store)
    assert not report.ok
    assert report.first_bad_seq == 3
    assert "第3条记录内容被修改" in report.reason


def test_edited_actor_is_caught(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        con.execute("UPDATE audit_log SET actor = 'someone_else' WHERE seq = 4")
    report = _verify(store)
    assert (report.ok, report.first_bad_seq) == (False, 4)


def test_unreadable_json_counts_as_edited(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        con.execute("UPDATE audit_log SET after_json = '{broken' WHERE seq = 2")
    assert _verify(store).first_bad_seq == 2


def test_deleted_middle_entry_is_caught(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        con.execute("DELETE FROM audit_log WHERE seq = 3")
    report = _verify(store)
    assert not report.ok
    assert report.first_bad_seq == 3
    assert "第3条记录缺失" in report.reason


def test_deleted_first_entry_is_caught(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        con.execute("DELETE FROM audit_log WHERE seq = 1")
    assert _verify(store).first_bad_seq == 1


def test_deleted_last_entry_is_caught(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        con.execute("DELETE FROM audit_log WHERE seq = 5")
    report = _verify(store)
    assert not report.ok
    assert report.first_bad_seq == 5
    assert "第5条记录缺失" in report.reason


def test_forged_entry_appended_with_a_correct_hash_is_caught(store: Store) -> None:
    last = _fill(store)[-1]
    forged = {
        "seq": 6,
        "at": "2026-11-27T03:00:00.000000+00:00",
        "actor": "approver1",
        "action": "case.approve",
        "entity": "case",
        "entity_id": "case-1",
        "before": None,
        "after": {"state": "approved"},
        "prev_hash": last.hash,
    }
    digest = audit.entry_hash(**forged)
    with _tamper(store) as con:
        con.execute(
            "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
            (6, forged["at"], "approver1", "case.approve", "case", "case-1", '{"state":"approved"}', last.hash, digest),
        )
    report = _verify(store)
    assert not report.ok
    assert report.first_bad_seq == 6
    assert "第6条" in report.reason


def test_swapped_entries_are_caught(store: Store) -> None:
    _fill(store)
    with _tamper(store) as con:
        con.execute("UPDATE audit_log SET seq = -1 WHERE seq = 2")
        con.execute("UPDATE audit_log SET seq = 2 WHERE seq = 3")
        con.execute("UPDATE audit_log SET seq = 3 WHERE seq = -1")
    report = _verify(store)
    assert not report.ok
    assert report.first_bad_seq == 2
    assert "第2条" in report.reason


def test_replaced_last_entry_is_caught(store: Store) -> None:
    written = _fill(store)
    # Rewrite entry 5 and recompute its hash: the chain alone looks fine, the head does not.
    replaced = {
        "seq": 5,
        "at": written[4].at,
        "actor": "clerk1",
        "action": "case.create",
        "entity": "case",
        "entity_id": "case-5",
        "before": {"state": "draft"},
        "after": {"state": "withdrawn"},
        "prev_hash": written[3].hash,
    }
    with _tamper(store) as con:
        con.execute(
            "UPDATE audit_log SET after_json = ?, hash = ? WHERE seq = 5",
            (audit.canonical_json({"state": "withdrawn"}), audit.entry_hash(**replaced)),
        )
    report = _verify(store)
    assert (report.ok, report.first_bad_seq) == (False, 5)
