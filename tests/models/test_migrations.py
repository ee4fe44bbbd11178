"""Migrations: the head constant, schema.py against the migrations, old databases upgraded.

``data/schema_0001.sqlite`` is a database as revision 0001 left it, with rows
in every main table (the pattern of Electrum's test_storage_upgrade).  It is
committed and must never be regenerated once a later revision exists; to
make it again at 0001 run ``python tests/models/test_migrations.py``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, create_engine
from sqlalchemy.schema import CreateIndex

from desktop.models import audit, cases, staff
from desktop.models.clock import Clock
from desktop.models.schema import Base
from desktop.models.store import DB_FILENAME, HEAD_REVISION, alembic_config, open_store

DATA = Path(__file__).parent / "data"
SAVED_0001 = DATA / "schema_0001.sqlite"

CASE_ID = "5b0f4c1e-2d7a-4c5e-9a51-6f0e8d2b7c10"
CASE_NO = "440100-T3ST-20261120-0001"
STAFF_PASSWORD = "old-version-pw"


def _migrate_to(db_path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)
        conn.commit()
    engine.dispose()


def _audit_rows(entries: list[tuple[str, str, str, str, dict | None, dict | None]]) -> list[tuple]:
    rows, prev = [], audit.GENESIS_HASH
    for seq, (at, actor, action, entity_id, before, after) in enumerate(entries, start=1):
        digest = audit.entry_hash(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            entity="case",
            entity_id=entity_id,
            before=before,
            after=after,
            prev_hash=prev,
        )
        rows.append(
            (
                seq,
                at,
                actor,
                action,
                "case",
                entity_id,
                None if before is None else audit.canonical_json(before),
                None if after is None else audit.canonical_json(after),
                prev,
                digest,
            )
        )
        prev = digest
    return rows


def build_schema_0001(db_path: Path) -> None:
    """Create a revision-0001 database with rows, using raw SQL only (stable as code moves on)."""
    _migrate_to(db_path, "0001")
    t = "2026-11-20T02:00:00.000000+00:00"
    audit_rows = _audit_rows(
        [
            (t, "clerk", "case.create", CASE_ID, None, {"state": "draft", "version": 1}),
            (t, "clerk", "case.accept", CASE_ID, {"state": "draft", "version": 1}, {"state": "accepted", "version": 2}),
        ]
    )
    con = sqlite3.connect(db_path)
    with con:
        con.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("device_id", "0d4b7f5e-9a0c-4d57-8a7f-5b0c6a1e2f33"),
                ("device_code", "T3ST"),
                ("office_code", "440100"),
                ("audit_head_seq", "2"),
                ("audit_head_hash", audit_rows[-1][-1]),
            ],
        )
        con.execute(
            "INSERT INTO staff (username, display_name, role, office_code, password_hash, failed_attempts,"
            " locked_until, active, created_at) VALUES (?, ?, ?, ?, ?, 0, NULL, 1, ?)",
            ("clerk", "受理员甲", "clerk", "440100", staff._hasher.hash(STAFF_PASSWORD), t),
        )
        con.execute(
            "INSERT INTO cases (id, case_no, office_code, device_id, state, disputed, dispute_reason,"
            " applicant_name, id_number, phone, employer_name, employer_uscc, cert_number, cert_kind, cert_level,"
            " occupation_code, occupation_name, cert_issue_date, shortage, training_subsidy_claimed, payment_kind,"
            " payment_account, bank_name, holder_name, contribution_months, receiving_unemployment_benefit,"
            " insured_region, application_region, application_date, policy_id, eligible, amount_yuan,"
            " verdict_json, sources_json, materials_json, lookup_code, decision_note, created_by, accepted_by,"
            " accepted_at, state_changed_at, version, created_at, updated_at)"
            " VALUES (?, ?, '440100', '0d4b7f5e-9a0c-4d57-8a7f-5b0c6a1e2f33', 'accepted', 0, NULL,"
            " '李四', '11010519491231002X', '13800138000', '某公司', '', 'S000144000123174000056', 'skill_level', 4,"
            " '6-18-01-01', '车工', '2026-06-01', 0, 0, 'bank', '6222020200112233445', '工商银行', '李四', 40, 0,"
            " '440100', '440100', '2026-11-20', 'cn-2025', 1, 1500, ?, '{}', '{}', 'ABCDEF', NULL, 'clerk',"
            " 'clerk', ?, ?, 2, ?, ?)",
            (CASE_ID, CASE_NO, '{"amount_yuan":1500,"eligible":true,"policy":"cn-2025"}', t, t, t, t),
        )
        con.execute(
            "INSERT INTO case_sequences (office_code, device_code, day, last_seq) VALUES"
            " ('440100', 'T3ST', '2026-11-20', 1)"
        )
        con.execute(
            "INSERT INTO ledger (id_number, occupation_code, level, granted_on, shortage, source, case_no)"
            " VALUES ('11010519491231002X', '6-18-01-01', 4, '2026-11-20', 0, 'local', ?)",
            (CASE_NO,),
        )
        con.execute(
            "INSERT INTO outbox (created_at, entity, entity_id, op, payload_json, idempotency_key, state,"
            " attempts, last_error, answered_at) VALUES (?, 'case', ?, 'case.accepted', '{}',"
            " '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'pending', 0, NULL, NULL)",
            (t, CASE_ID),
        )
        con.execute(
            "INSERT INTO registry_insured VALUES ('11010519491231002X', '李四', '', '某公司', '440100', 40,"
            " '13800138000', 0, ?)",
            (t,),
        )
        con.execute(
            "INSERT INTO registry_certificates VALUES ('S000144000123174000056', '11010519491231002X',"
            " 'skill_level', 4, '6-18-01-01', '车工', '2026-06-01', '某评价机构', ?)",
            (t,),
        )
        con.executemany("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", audit_rows)
    con.execute("VACUUM")
    con.close()


def test_head_revision_constant_matches_alembic() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


# SQLAlchemy cannot reflect an index on an expression, so compare_metadata skips those (with a
# warning each); their CREATE INDEX text is compared with what the migrations made instead.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index:Warning")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index:UserWarning")
def test_schema_py_matches_the_migrations(tmp_path: Path) -> None:
    with open_store(tmp_path) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        made = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())
        on_expressions = [index for table in Base.metadata.sorted_tables for index in table.indexes
                          if not all(isinstance(part, Column) for part in index.expressions)]
        assert on_expressions  # name_initial's index, at least: the check below must check something
        for index in on_expressions:
            assert made.get(index.name) == str(CreateIndex(index).compile(dialect=conn.dialect)), index.name


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    db = tmp_path / DB_FILENAME
    _migrate_to(db, "head")
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "base")
        conn.commit()
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    engine.dispose()
    assert tables == {"alembic_version"}
    _migrate_to(db, "head")


def test_saved_0001_database_is_at_0001() -> None:
    con = sqlite3.connect(f"file:{SAVED_0001}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        con.close()


def test_saved_0001_database_upgrades_with_rows_intact(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    data_dir.mkdir()
    shutil.copyfile(SAVED_0001, data_dir / DB_FILENAME)
    clock = Clock(fixed=dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC))
    with open_store(data_dir, clock=clock) as store:
        assert (store.device_code, store.office_code) == ("T3ST", "440100")
        with store.session(readonly=True) as session:
            assert session.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                HEAD_REVISION
            )
            report = audit.verify(session)
        assert report.ok, report.reason
        assert report.checked == 2
        record = cases.get_case(store, CASE_NO)
        assert record.id == CASE_ID
        assert record.state is cases.State.accepted
        assert record.amount_yuan == 1500
        assert record.accepted_at == dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
        assert record.verdict["eligible"] is True
        user = staff.authenticate(store, "clerk", STAFF_PASSWORD)
        assert user.role is staff.Role.clerk
        # The trail goes on from the old head.
        with store.session(readonly=True) as session:
            assert audit.verify(session).checked == 3


def test_database_migrated_to_0001_by_alembic_upgrades(tmp_path: Path) -> None:
    db = tmp_path / DB_FILENAME
    _migrate_to(db, "0001")
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO meta (key, value) VALUES ('office_code', '330100')")
        con.execute(
            "INSERT INTO ledger (id_number, occupation_code, level, granted_on, shortage, source, case_no)"
            " VALUES ('11010519491231002X', '6-18-01-01', 3, '2019-05-01', 1, 'central', NULL)"
        )
    con.close()
    with open_store(tmp_path) as store:
        assert store.office_code == "330100"
        with store.session(readonly=True) as session:
            rows = session.connection().exec_driver_sql("SELECT level, granted_on, source FROM ledger").all()
        assert [tuple(r) for r in rows] == [(3, "2019-05-01", "central")]


if __name__ == "__main__":  # regenerate the saved file (only while 0001 is the newest revision)
    staff.configure_hasher(time_cost=1, memory_cost=8, parallelism=1)
    DATA.mkdir(exist_ok=True)
    if SAVED_0001.exists():
        pytest.exit(f"{SAVED_0001} exists; delete it first if you really mean to rebuild it")
    build_schema_0001(SAVED_0001)
    print(f"wrote {SAVED_0001}")


def test_a_pending_migration_is_known_before_the_store_opens(tmp_path: Path) -> None:
    from desktop.models.store import pending_migration

    old, new, empty = tmp_path / "old", tmp_path / "new", tmp_path / "empty"
    old.mkdir()
    shutil.copyfile(SAVED_0001, old / DB_FILENAME)
    open_store(new).close()
    assert pending_migration(old) == "0001"
    assert pending_migration(new) is None, "at the head revision"
    assert pending_migration(empty) is None, "no database yet: created, not migrated"
    open_store(old).close()
    assert pending_migration(old) is None
