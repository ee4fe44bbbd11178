"""The benchmark suite at a tiny scale: the JSON it prints and the data it builds.

No timing is judged here (a test machine's speed says nothing): the suite must
run end to end through the real command, report every key as a positive
measurement with its target and verdict and the machine it ran on, and build
data that looks like a real data folder.  BENCHMARKS.md holds the full run.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dbfile import open_db

from bench.data import BUILT_MARKER, build_big_folder, registry_files
from bench.suite import KEYS, TARGETS
from desktop.models.audit import canonical_json
from desktop.models.backup import list_backups
from desktop.models.cases import FIGURES_KEY
from desktop.models.clock import Clock
from desktop.models.identity import check_id_number
from desktop.models.registry_files import read_registry
from desktop.models.store import HEAD_REVISION, open_store

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _schema(db: Path) -> set[tuple[str, str, str]]:
    with open_db(db) as conn:
        return {(kind, name, sql) for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")}


def test_the_command_prints_one_json_object_with_every_key_measured(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "bench", "--json", "--scale", "600", "--repeats", "1"],
        capture_output=True, text=True, encoding="utf-8", timeout=900, cwd=ROOT, env=env,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    result = json.loads(done.stdout)  # the whole of stdout is one object
    assert result["scale"]["cases"] == 600
    for key in KEYS:
        value = result[key]
        assert isinstance(value, int | float) and not isinstance(value, bool), (key, value, result["notes"])
        assert math.isfinite(value) and value > 0, (key, value)
        op, target, unit = TARGETS[key]
        assert result["targets"][key] == {"op": op, "value": target, "unit": unit}
        assert result["passed"][key] is (value <= target if op == "<=" else value >= target)
        assert key in result["details"], key
    assert result["all_passed"] is all(result["passed"].values())
    assert (done.returncode == 0) is result["all_passed"]
    machine = result["machine"]
    for field in ("cpu", "cores", "python", "sqlite", "pyside6", "qt", "date"):
        assert machine[field], field
    assert result["data"]["cases"] == 600 and result["data"]["audit_entries"] > 600
    assert any("scale 600" in note for note in result["notes"])
    # The temporary data is gone.
    assert not list(tmp_path.glob("zhanchi-bench-*"))


# Instants that used to lose cases (a Beijing working-day morning, before opening) and a weekend.
BUILD_INSTANTS = {
    "working-day morning": dt.datetime(2026, 12, 7, 2, 15, tzinfo=dt.UTC),  # Monday 10:15 in Beijing
    "before opening": dt.datetime(2026, 12, 6, 16, 11, tzinfo=dt.UTC),  # Monday 00:11 in Beijing
    "weekend": dt.datetime(2026, 12, 5, 6, 0, tzinfo=dt.UTC),  # Saturday 14:00 in Beijing
}


@pytest.mark.parametrize("when", BUILD_INSTANTS.values(), ids=BUILD_INSTANTS.keys())
def test_the_built_folder_has_the_real_schema_and_realistic_data(tmp_path: Path, when: dt.datetime) -> None:
    folder = tmp_path / "big"
    info = build_big_folder(folder, 400, csv_dir=tmp_path / "files", samples=50, clock=Clock(fixed=when))
    assert info.cases == 400 and info.now == when.isoformat()
    fresh = open_store(tmp_path / "fresh")
    fresh.close()
    assert _schema(folder / "zhanchi.db") == _schema(tmp_path / "fresh" / "zhanchi.db")

    store = open_store(folder)  # opens at the head revision, nothing to migrate
    store.close()
    with open_db(folder / "zhanchi.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        cases = conn.execute("SELECT case_no, id_number, state, created_at, accepted_at FROM cases").fetchall()
        entries = conn.execute("SELECT seq, at, action, before_json, after_json, prev_hash, hash FROM audit_log "
                               "ORDER BY seq").fetchall()
        head = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'audit_head_%'").fetchall())
        registry = conn.execute("SELECT COUNT(*) FROM registry_insured").fetchone()[0]
        ledger = conn.execute("SELECT COUNT(*) FROM ledger WHERE source = 'local'").fetchone()[0]
    assert len(cases) == 400 and len({c[0] for c in cases}) == 400
    today = dt.date.fromisoformat(info.built_for)
    for _case_no, id_number, _state, _created, _accepted in cases[:100]:
        check_id_number(id_number, today=today)
    assert len({c[2] for c in cases}) >= 5  # states spread over the lifecycle
    created = sorted(dt.datetime.fromisoformat(c[3]) for c in cases)
    assert (created[-1] - created[0]).days > 300  # a year of cases
    assert created[-1] < when and all(dt.datetime.fromisoformat(e[1]) <= when for e in entries)  # none after now
    assert ledger > 0 and registry == 400

    # The audit trail: seq in time order, chained, before/after as the services write them.
    assert [e[0] for e in entries] == list(range(1, len(entries) + 1))
    assert all(a[1] <= b[1] for a, b in zip(entries, entries[1:], strict=False))
    assert all(b[5] == a[6] for a, b in zip(entries, entries[1:], strict=False))
    assert head == {"audit_head_seq": str(len(entries)), "audit_head_hash": entries[-1][6]}
    for _seq, _at, _action, before, after, _prev, _hash in entries:
        for text in (before, after):
            if text is not None:
                assert canonical_json(json.loads(text)) == text
    actions = {e[2] for e in entries}
    assert {"case.create", "case.accept", "case.start_review", "case.approve", "case.pay"} <= actions
    # Each state change carries the case's figures as cases._change writes them (reports read them there).
    with open_db(folder / "zhanchi.db") as conn:
        figures = {row[0]: {"office_code": row[1], "cert_level": row[2], "amount_yuan": row[3],
                            "disputed": bool(row[4]), "accepted_at": row[5]}
                   for row in conn.execute("SELECT id, office_code, cert_level, amount_yuan, disputed, accepted_at "
                                           "FROM cases")}
        changes = conn.execute("SELECT entity_id, after_json FROM audit_log WHERE action LIKE 'case.%' "
                               "AND action != 'case.create'").fetchall()
    assert changes and all(json.loads(after)[FIGURES_KEY] == figures[case_id] for case_id, after in changes)

    # The import scenario's files are clean registry files; today's backup is in place.
    for kind, path in registry_files(tmp_path / "files").items():
        checked = read_registry(path, kind, today=when.date())  # type: ignore[arg-type]
        assert not checked.errors and len(checked.rows) == 400
    assert [b.reason for b in list_backups(folder)] == ["daily"]
    assert (folder / BUILT_MARKER).exists() and len(info.samples) == 50


def test_a_second_build_the_same_day_reuses_the_folder(tmp_path: Path) -> None:
    clock = Clock(fixed=BUILD_INSTANTS["working-day morning"])
    first = build_big_folder(tmp_path / "big", 150, samples=10, clock=clock)
    again = build_big_folder(tmp_path / "big", 150, samples=10, clock=clock)
    assert not first.reused and again.reused
    assert [s.case_no for s in again.samples] == [s.case_no for s in first.samples]
