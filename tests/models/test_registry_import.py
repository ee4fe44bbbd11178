"""The local registry copy: import (all or nothing, upsert) and the counter's lookups."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from registry_fixtures import (
    cert_number,
    certificate,
    certificates_csv,
    insured,
    insured_csv,
    make_id,
    with_bad_check,
)
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from desktop.models import database, registry
from desktop.models.errors import InvalidInput
from desktop.models.registry import (
    CertificateRow,
    ImportRejected,
    InsuredRow,
    certificates_of,
    find_certificate,
    find_insured,
    import_registry,
    registry_as_of,
    registry_size,
)
from desktop.models.registry_files import RegistryFile, read_registry
from desktop.models.schema import Base, RegistryInsured
from desktop.models.store import Store

TODAY = dt.date(2026, 11, 27)
T1 = dt.datetime(2026, 11, 1, 1, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def insured_file(tmp_path: Path, rows: list[dict[str, object]], name: str = "insured.csv") -> RegistryFile:
    return read_registry(insured_csv(tmp_path / name, rows), "insured", today=TODAY)


def table_rows(store: Store) -> list[tuple[object, ...]]:
    with store.session(readonly=True) as session:
        return [tuple(r) for r in session.execute(select(RegistryInsured.__table__).order_by("id_number"))]


def test_import_and_look_up(store: Store, tmp_path: Path) -> None:
    people = insured_file(tmp_path, [insured(1), insured(2, receiving_unemployment_benefit="是", phone="")])
    report = import_registry(store, people, as_of=T1)
    assert (report.kind, report.inserted, report.updated, report.rejected, report.errors) == ("insured", 2, 0, 0, [])
    assert report.to_json() == {"kind": "insured", "inserted": 2, "updated": 0, "rejected": 0}
    cert_rows = [certificate(1, issue_date="2019-01-01"), certificate(2, id_number=make_id(1))]
    certs = read_registry(certificates_csv(tmp_path / "c.csv", cert_rows), "certificates", today=TODAY)
    assert import_registry(store, certs, as_of=T2).inserted == 2

    with store.session(readonly=True) as session:
        person = find_insured(session, make_id(1).lower())
        assert person == InsuredRow(
            id_number=make_id(1), name="张三1", employer_uscc="91350100M000100Y43",
            employer_name="广州市某机械有限公司", insured_region="440100", contribution_months=40, phone="13800138000",
            receiving_unemployment_benefit=False, updated_at=T1,
        )
        assert find_insured(session, make_id(2)).receiving_unemployment_benefit is True  # type: ignore[union-attr]
        assert find_insured(session, make_id(3)) is None
        held = certificates_of(session, make_id(1))
        assert [c.number for c in held] == [cert_number(2), cert_number(1)], "oldest first"
        assert held[1].issue_date == dt.date(2019, 1, 1) and held[1].level == 4 and held[1].kind == "skill_level"
        found = find_certificate(session, " " + cert_number(2).lower())
        assert isinstance(found, CertificateRow) and found.id_number == make_id(1)
        assert find_certificate(session, "S0") is None
        assert registry_as_of(session, "insured") == T1
        assert registry_as_of(session, "certificates") == T2.astimezone(dt.UTC)
        assert registry_size(session, "insured") == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.name = "x"  # type: ignore[misc]


def test_as_of_is_none_before_any_import(store: Store) -> None:
    with store.session(readonly=True) as session:
        assert registry_as_of(session, "insured") is None
        assert registry_as_of(session, "certificates") is None


def test_a_file_with_errors_imports_nothing(store: Store, tmp_path: Path) -> None:
    rows = [insured(1), insured(2, id_number=with_bad_check(make_id(2))), insured(3, contribution_months=-1)]
    people = insured_file(tmp_path, rows)
    with pytest.raises(ImportRejected) as caught:
        import_registry(store, people, as_of=T1)
    error = caught.value
    assert isinstance(error, InvalidInput) and error.field == "FILE"
    assert str(error).startswith("FILE: 2行有错误，未导入（第3行 id_number：身份证号码校验位不正确")
    assert error.report.rejected == 2 and error.report.inserted == 0
    assert [(e.row, e.column) for e in error.report.errors] == [(3, "id_number"), (4, "contribution_months")]
    assert table_rows(store) == []
    with store.session(readonly=True) as session:
        assert registry_as_of(session, "insured") is None


def test_valid_only_imports_the_rest(store: Store, tmp_path: Path) -> None:
    rows = [insured(1), insured(2, id_number=with_bad_check(make_id(2))), insured(3)]
    report = import_registry(store, insured_file(tmp_path, rows), valid_only=True, as_of=T1)
    assert (report.inserted, report.updated, report.rejected) == (2, 0, 1)
    assert [r[0] for r in table_rows(store)] == [make_id(1), make_id(3)]


def test_reimporting_a_changed_file_updates_rows(store: Store, tmp_path: Path) -> None:
    import_registry(store, insured_file(tmp_path, [insured(1), insured(2)], "old.csv"), as_of=T1)
    newer = insured_file(tmp_path, [insured(1, contribution_months=52), insured(2), insured(3)], "new.csv")
    report = import_registry(store, newer, as_of=T2)
    assert (report.inserted, report.updated) == (1, 2)
    again = import_registry(store, newer, as_of=T2)
    assert (again.inserted, again.updated) == (0, 3)
    rows = table_rows(store)
    assert len(rows) == 3
    with store.session(readonly=True) as session:
        person = find_insured(session, make_id(1))
        assert person is not None and person.contribution_months == 52 and person.updated_at == T2
        assert registry_as_of(session, "insured") == T2


def test_rows_missing_from_a_newer_file_are_kept(store: Store, tmp_path: Path) -> None:
    import_registry(store, insured_file(tmp_path, [insured(1), insured(2)], "a.csv"), as_of=T1)
    import_registry(store, insured_file(tmp_path, [insured(3)], "b.csv"), as_of=T2)
    assert [r[0] for r in table_rows(store)] == [make_id(1), make_id(2), make_id(3)]


def test_all_or_nothing_when_it_fails_half_way(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_registry(store, insured_file(tmp_path, [insured(1), insured(2)], "old.csv"), as_of=T1)
    before = table_rows(store)
    monkeypatch.setattr(registry, "CHUNK_ROWS", 2)
    newer = insured_file(tmp_path, [insured(n, contribution_months=99) for n in range(1, 8)], "new.csv")
    seen: list[tuple[int, int]] = []

    def fail_after_first_chunk(done: int, total: int) -> None:
        seen.append((done, total))
        if done > 2:
            raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        import_registry(store, newer, as_of=T2, progress=fail_after_first_chunk)
    assert seen == [(2, 7), (4, 7)]
    assert table_rows(store) == before
    with store.session(readonly=True) as session:
        assert registry_as_of(session, "insured") == T1
    # The connection went back to the pool usable: the next import works.
    assert import_registry(store, newer, as_of=T2).inserted == 5


def test_a_sqlite_failure_mid_way_rolls_back(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import_registry(store, insured_file(tmp_path, [insured(1)], "old.csv"), as_of=T1)
    before = table_rows(store)
    monkeypatch.setattr(registry, "CHUNK_ROWS", 1)
    real_bound = registry._bound
    calls = iter(range(100))

    def bound_then_break(kind, rows, stamp):  # type: ignore[no-untyped-def]
        if next(calls) == 2:
            return iter([("too", "few")])  # wrong number of bindings: sqlite3.ProgrammingError
        return real_bound(kind, rows, stamp)

    monkeypatch.setattr(registry, "_bound", bound_then_break)
    with pytest.raises((sqlite3.Error, database.Error)):
        import_registry(store, insured_file(tmp_path, [insured(n) for n in range(2, 6)], "new.csv"), as_of=T2)
    assert table_rows(store) == before


def test_naive_as_of_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        import_registry(store, insured_file(tmp_path, [insured(1)]), as_of=dt.datetime(2026, 1, 1))


@pytest.fixture
def plain_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_works_on_a_plain_engine_too(plain_engine: Engine, tmp_path: Path) -> None:
    report = import_registry(plain_engine, insured_file(tmp_path, [insured(1), insured(2)]), as_of=T1)
    assert report.inserted == 2
    with Session(plain_engine) as session:
        assert find_insured(session, make_id(2)) is not None
        assert registry_as_of(session, "insured") == T1


def test_an_empty_valid_set_writes_nothing(store: Store, tmp_path: Path) -> None:
    people = insured_file(tmp_path, [insured(1, contribution_months=-1)])
    report = import_registry(store, people, valid_only=True, as_of=T1)
    assert (report.inserted, report.updated, report.rejected, report.as_of) == (0, 0, 1, None)
    with store.session(readonly=True) as session:
        assert registry_as_of(session, "insured") is None


def test_a_persons_import_is_in_the_audit_trail_with_the_file_it_came_from(store: Store, tmp_path: Path) -> None:
    """A registry file decides verdicts (contribution months, certificates): who loaded which file
    is kept like every other operation, in the import's own transaction, and the chain verifies."""
    import hashlib

    from desktop.models import audit

    people = insured_file(tmp_path, [insured(1), insured(2)])
    import_registry(store, people, as_of=T1, audit_actor="admin")
    newer = insured_file(tmp_path, [insured(2, contribution_months=99), insured(3)], "newer.csv")
    import_registry(store, newer, as_of=T2, audit_actor="admin")
    import_registry(store, insured_file(tmp_path, [insured(4)], "sync.csv"), as_of=T2)  # no actor: not recorded
    with store.session(readonly=True) as session:
        entries = [e for e in audit.entries(session) if e.action == "registry.import"]
        assert audit.verify(session).ok
    assert [(e.actor, e.entity, e.entity_id) for e in entries] == [("admin", "registry", "insured")] * 2
    assert entries[1].after == {
        "file": "newer.csv", "sha256": hashlib.sha256((tmp_path / "newer.csv").read_bytes()).hexdigest(),
        "rows": 2, "inserted": 1, "updated": 1, "rejected": 0, "as_of": "2026-11-27T02:00:00.000000+00:00"}


def test_a_failed_import_leaves_no_audit_entry(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.models import audit

    monkeypatch.setattr(registry, "CHUNK_ROWS", 1)

    def pulled_out(done: int, _total: int) -> None:
        if done > 1:
            raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        import_registry(store, insured_file(tmp_path, [insured(1), insured(2)]), as_of=T1, progress=pulled_out,
                        audit_actor="admin")
    with store.session(readonly=True) as session:
        assert [e for e in audit.entries(session) if e.action == "registry.import"] == []
