"""Counters syncing with the real central server: exactly once, whatever goes wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from central_harness import CentralServer, central_rows, import_registry, pull, stats
from counter_devices import annotations, assert_exactly_once, intake_data, new_person, outbox_states
from fault_proxy import FaultProxy
from sqlalchemy import func, select

from desktop.models import audit, outbox
from desktop.models.application import parse_intake
from desktop.models.intake import assess, lookup_applicant
from desktop.models.schema import Ledger
from desktop.sync.client import CentralUnreachable
from desktop.sync.engine import Backoff, read_status, rejected_items, requeue


@pytest.fixture(params=["sqlite", "postgresql"])
def any_central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralServer]:
    """SQLite: the module's server; PostgreSQL: a server over a fresh database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_central")
        return
    server = CentralServer(request.getfixturevalue("postgres_cluster").create_database(), tmp_path / "central.log")
    yield server
    server.stop()


def test_three_counters_two_offices_each_case_once_and_duplicates_flagged(any_central: CentralServer,
                                                                           new_counter) -> None:
    gz1 = new_counter(any_central, "gz-1", "440100")
    gz2 = new_counter(any_central, "gz-2", "440100")
    sz = new_counter(any_central, "sz-1", "440300")
    twice_across_offices, twice_in_office = new_person(), new_person()
    flagged_before = stats(any_central.db_url)["duplicates_flagged"]
    for _ in range(5):
        gz1.accept()
        gz2.accept()
        sz.accept(new_person("440305"))
    a = gz1.accept(twice_across_offices)
    b = sz.accept(twice_across_offices)
    c = gz1.accept(twice_in_office, level=3)
    d = gz2.accept(twice_in_office, level=3)

    for counter in (gz1, gz2, sz):
        report = counter.sync()
        assert report["rejected"] == 0 and report["pushed"] == report["applied"] > 0
    for counter in (gz1, gz2, sz):  # a second round brings the flags raised by the later pushes
        report = counter.sync()
        assert report["pushed"] == 0

    assert_exactly_once(any_central, gz1, gz2, sz)
    assert stats(any_central.db_url)["duplicates_flagged"] - flagged_before == 2
    assert {case for case, _ in annotations(gz1, "duplicate")} == {a.id, c.id}
    assert [case for case, _ in annotations(sz, "duplicate")] == [b.id]
    assert [case for case, _ in annotations(gz2, "duplicate")] == [d.id]
    assert "本办事处另一窗口" in dict(annotations(gz2, "duplicate"))[d.id]
    assert len(annotations(gz1, "ledger")) == 7  # each accepted case entered the national ledger

    # The second stage at the counter: the synced ledger now knows gz1's claims.
    with gz2.store.session(readonly=True) as session:
        central_copy = session.scalar(select(func.count()).select_from(Ledger).where(Ledger.source == "central"))
    assert central_copy == 7  # gz1's cases; gz2's own are its local entries, Shenzhen's are another region
    application = parse_intake(intake_data(gz2.office, twice_across_offices)).application
    verdict = assess(gz2.store, gz2.verifier, application).verdict
    assert not verdict.eligible
    assert "duplicate_subsidy" in [c.rule for c in verdict.checks if not c.passed]


def test_connection_cut_after_the_server_applied_a_batch(sqlite_central: CentralServer, proxy: FaultProxy,
                                                         new_counter) -> None:
    counter = new_counter(sqlite_central, "gz", "440100", proxy.url)
    for _ in range(30):
        counter.accept()  # 60 outbox rows
    proxy.set("drop_push", 1)
    with counter.engine(batch_size=25) as engine, pytest.raises(CentralUnreachable):
        engine.run_once()
    assert outbox_states(counter) == {"pending": 60}  # the answer never arrived
    applied = central_rows(sqlite_central.db_url, "SELECT COUNT(*) FROM changes WHERE device_id = :d",
                           d=counter.device_id)
    assert applied == [(25,)]  # but it was applied
    status = read_status(counter.store)
    assert status.online is False and status.failures == 1 and status.pending == 60

    report = counter.sync(batch_size=25)
    assert (report["pushed"], report["applied"], report["already_applied"]) == (60, 35, 25)
    assert_exactly_once(sqlite_central, counter)
    assert read_status(counter.store).online is True


def test_the_same_batch_sent_twice(sqlite_central: CentralServer, new_counter) -> None:
    counter = new_counter(sqlite_central, "gz", "440100")
    for _ in range(3):
        counter.accept()
    with counter.store.session(readonly=True) as session:
        items = outbox.pending_items(session)
    from wire import PushItem

    wire = [PushItem(idempotency_key=i.idempotency_key, entity=i.entity, entity_id=i.entity_id, op=i.op,
                     payload=i.payload, created_at=i.created_at) for i in items]
    with counter.engine() as engine:
        first = engine.client.push(wire)
        second = engine.client.push(wire)
    assert {r.status for r in first.results} == {"applied"}
    assert {r.status for r in second.results} == {"already_applied"}
    report = counter.sync()
    assert (report["applied"], report["already_applied"]) == (0, 6)
    assert_exactly_once(sqlite_central, counter)


def test_server_failing_for_a_while_backs_off_then_catches_up(sqlite_central: CentralServer, proxy: FaultProxy,
                                                              new_counter) -> None:
    counter = new_counter(sqlite_central, "gz", "440100", proxy.url)
    for _ in range(4):
        counter.accept()
    proxy.set("unavailable", 3)
    import time

    backoff = Backoff(base=0.2, factor=2.0, maximum=5.0, jitter=0.0)
    delays = []
    with counter.engine(backoff=backoff) as engine:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not engine.due():
                time.sleep(0.02)
                continue
            try:
                report = engine.run_if_due()
                break
            except CentralUnreachable as exc:
                assert "503" in str(exc)
                status = engine.status()
                assert status.online is False and status.next_attempt is not None
                assert not engine.due()  # backing off now
                delays.append(status.failures)
        else:
            pytest.fail("never caught up")
    assert delays == [1, 2, 3]
    assert report is not None and report.applied == 8
    status = read_status(counter.store)
    assert status.online is True and status.failures == 0 and status.next_attempt is None and status.pending == 0
    assert_exactly_once(sqlite_central, counter)


def test_backoff_grows_exponentially_and_is_capped() -> None:
    backoff = Backoff(base=5, factor=2, maximum=60, jitter=0)
    assert [backoff.delay(n) for n in range(0, 6)] == [0, 5, 10, 20, 40, 60]
    jittered = Backoff(base=10, jitter=0.2)
    assert all(8 <= jittered.delay(1) <= 12 for _ in range(50))


def test_rejected_changes_wait_for_a_person(sqlite_central: CentralServer, new_counter) -> None:
    counter = new_counter(sqlite_central, "gz", "440100")
    counter.accept()
    with counter.store.session() as session:
        outbox.enqueue(session, entity="gadget", entity_id="x", op="gadget.made", payload={"a": 1},
                       at=counter.store.clock.now())
    report = counter.sync()
    assert (report["applied"], report["rejected"]) == (2, 1)
    status = read_status(counter.store)
    assert (status.pending, status.rejected) == (0, 1)
    [item] = rejected_items(counter.store)
    assert item.entity == "gadget" and "gadget" in (item.last_error or "")
    assert counter.sync()["pushed"] == 0  # not retried blindly
    assert requeue(counter.store, [item.id], actor="admin") == 1
    assert read_status(counter.store).pending == 1
    with counter.store.session(readonly=True) as session:  # who sent it again, and when (issue 18.1)
        [entry] = [e for e in audit.entries(session, entity="outbox") if e.action == "outbox.requeue"]
    assert entry.actor == "admin" and entry.after == {"state": "pending", "ids": [item.id]}
    assert requeue(counter.store, [item.id]) == 0  # already pending: nothing to send again, nothing recorded


def test_another_offices_case_in_the_outbox_is_rejected_not_stuck(sqlite_central: CentralServer,
                                                                  new_counter) -> None:
    gz = new_counter(sqlite_central, "gz", "440100")
    record = gz.accept()
    gz.sync()
    sz = new_counter(sqlite_central, "sz", "440300")
    mine = sz.accept(new_person("440305"))
    with sz.store.session() as session:  # a change to Guangzhou's case smuggled into Shenzhen's outbox
        outbox.enqueue(session, entity="case", entity_id=record.id, op="case.withdrawn",
                       payload={**record.to_dict(), "state": "withdrawn", "version": 9},
                       at=sz.store.clock.now())
    report = sz.sync()
    assert report["rejected"] == 1 and report["applied"] == 2
    [item] = rejected_items(sz.store)
    assert item.entity_id == record.id and "440300" in (item.last_error or "")
    rows = central_rows(sqlite_central.db_url, "SELECT id, state FROM cases WHERE office_code IN ('440100', '440300')")
    assert (record.id, "accepted") in rows and (mine.id, "accepted") in rows


def test_pull_fills_the_registry_copy_and_the_policy_folder(sqlite_central: CentralServer, new_counter,
                                                           tmp_path: Path) -> None:
    person, elsewhere = new_person("440106"), new_person("440305")
    insured = tmp_path / "insured.csv"
    insured.write_text(
        "id_number,name,insured_region,contribution_months\n"
        f"{person},赵六,440106,48\n{elsewhere},钱七,440305,50\n", encoding="utf-8")
    certs = tmp_path / "certs.csv"
    certs.write_text("number,id_number,kind,level,occupation_code,issue_date\n"
                     f"S000144000123174999001,{person},skill_level,4,6-18-01-01,2017-06-01\n", encoding="utf-8")
    import_registry(sqlite_central.db_url, "insured", insured)
    import_registry(sqlite_central.db_url, "certificates", certs)
    policy = tmp_path / "gd-2099-sync.toml"
    source = Path(__file__).resolve().parents[2] / "resources" / "policies" / "regions" / "gd-2023.toml"
    policy.write_text(source.read_text(encoding="utf-8").replace('id = "gd-2023"', 'id = "gd-2099-sync"'),
                      encoding="utf-8")
    from central_harness import central_cli

    assert central_cli(sqlite_central.db_url, "publish", "policies", str(policy)).returncode == 0

    counter = new_counter(sqlite_central, "gz", "440100")
    report = counter.sync()
    assert report["pulled"]["insured"] == 1 and report["pulled"]["certificates"] == 1
    assert report["pulled"]["reference"] == 1
    hit = lookup_applicant(counter.store, person)
    assert hit.person is not None and hit.person.contribution_months == 48 and len(hit.certificates) == 1
    assert hit.insured_as_of is not None
    assert lookup_applicant(counter.store, elsewhere).person is None  # another region: not sent
    assert (counter.data_dir / "policies" / "gd-2099-sync.toml").is_file()
    from desktop.models.rules import Verifier

    assert any(o.id == "gd-2099-sync" for o in Verifier.load(counter.data_dir).book.overlays)
    again = counter.sync()
    assert again["pulled"] == {"insured": 0, "certificates": 0, "ledger": 0, "annotations": 0, "reference": 0}


def test_pulled_ledger_follows_withdrawals(sqlite_central: CentralServer, new_counter) -> None:
    from desktop.models.cases import State, transition

    # Shantou: a region no other test of the module uses, so the ledger copy holds only this test's case.
    gz1 = new_counter(sqlite_central, "st-1", "440500")
    gz2 = new_counter(sqlite_central, "st-2", "440500")
    record = gz1.accept(new_person("440511"))
    gz1.sync()
    gz2.sync()
    with gz2.store.session(readonly=True) as session:
        assert session.scalars(select(Ledger.case_no).where(Ledger.source == "central")).all() == [record.case_no]
    transition(gz1.store, gz1.clerk, record.id, State.withdrawn)
    gz1.sync()
    gz2.sync()
    with gz2.store.session(readonly=True) as session:
        assert session.scalars(select(Ledger.case_no).where(Ledger.source == "central")).all() == []


def test_central_progress_after_sync(sqlite_central: CentralServer, new_counter) -> None:
    from central_harness import enrol

    from desktop.sync.lookup import lookup_progress

    counter = new_counter(sqlite_central, "gz", "440100")
    record = counter.accept()
    counter.sync()
    with counter.engine() as engine:
        answer = lookup_progress(engine.client, record.case_no, record.lookup_code)
        assert answer is not None and answer.state == "accepted" and answer.applicant == "张*"
        assert lookup_progress(engine.client, record.case_no, "") is None
        assert lookup_progress(engine.client, record.case_no, "WRONG9") is None
    _, credential = enrol(sqlite_central.url, sqlite_central.db_url, "440100")
    notes = [n for n in pull(sqlite_central.url, credential)["annotations"] if n["case_id"] == record.id]
    assert sorted(n["kind"] for n in notes) == ["ledger", "status"]  # the office sees the applicant looked
    counter.sync()
    assert [m for _, m in annotations(counter, "status")] == ["申请人已查询办理进度（当时状态：已受理）"]


def test_online_verification_asks_the_central_registries_live(sqlite_central: CentralServer, new_counter,
                                                              tmp_path: Path) -> None:
    import time

    from central_harness import free_port

    from desktop.sync.client import CentralClient
    from desktop.sync.lookup import lookup_online, online_client

    # Imported centrally after the counter last synced: not in its local copy.  (Someone insured outside
    # the office's pooling area is answered with the insured region only: issue 14.5, test_sync_hardening.)
    person = new_person("440106")
    insured = tmp_path / "insured.csv"
    insured.write_text(f"id_number,name,insured_region,contribution_months\n{person},孙八,440106,66\n",
                       encoding="utf-8")
    certs = tmp_path / "certs.csv"
    certs.write_text("number,id_number,kind,level,occupation_code,issue_date\n"
                     f"S000144000123174999777,{person},skill_level,4,6-18-01-01,2017-06-01\n", encoding="utf-8")
    import_registry(sqlite_central.db_url, "insured", insured)
    import_registry(sqlite_central.db_url, "certificates", certs)
    counter = new_counter(sqlite_central, "gz", "440100")

    client = online_client(counter.store)
    assert client is not None
    with client:
        hit = lookup_online(client, f" {person.lower()} ")
        assert hit is not None and hit.person is not None
        assert (hit.person.name, hit.person.contribution_months, hit.person.insured_region) == ("孙八", 66, "440106")
        assert [c.number for c in hit.certificates] == ["S000144000123174999777"]
        assert hit.insured_as_of is not None
        nobody = lookup_online(client, new_person())
        assert nobody is not None and nobody.person is None and nobody.certificates == ()
        assert lookup_online(client, "12345") is None
    assert lookup_applicant(counter.store, person).person is None  # the local copy is untouched

    with CentralClient(f"http://127.0.0.1:{free_port()}", "zc1.x") as dead:
        started = time.monotonic()
        assert lookup_online(dead, person, timeout=1.0) is None  # unreachable: fall back to the local copy
        assert time.monotonic() - started < 5
    assert lookup_online(None, person) is None
