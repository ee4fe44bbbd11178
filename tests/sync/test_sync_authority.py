"""Real counters against another office's rogue device (issue 14.3): the central system authorises by
office, so a 440300 device can neither take a 440100 case number nor block 440100's applicants."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from central_harness import CentralServer, case_payload, central_cli, central_rows, enrol, push, push_item
from counter_devices import annotations, intake_data, new_person, outbox_states
from sqlalchemy import select

from desktop.models.application import parse_intake
from desktop.models.intake import assess
from desktop.models.schema import Ledger


@pytest.fixture(params=["sqlite", "postgresql"])
def any_central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralServer]:
    """SQLite: the module's server; PostgreSQL: a server over a fresh database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_central")
        return
    server = CentralServer(request.getfixturevalue("postgres_cluster").create_database(), tmp_path / "central.log")
    yield server
    server.stop()


def _incidents(server: CentralServer, case_no: str) -> list[dict]:
    result = central_cli(server.db_url, "incidents")
    assert result.returncode == 0, result.stderr
    return [i for i in json.loads(result.stdout) if i["case_no"] == case_no]


def test_a_number_taken_by_another_offices_device_does_not_lock_the_real_case_out(any_central: CentralServer,
                                                                                   new_counter) -> None:
    """issue 14.3: a 440300 device pushes the number the 440100 counter is about to give its next case; it
    is refused and recorded, and the real case syncs and reaches the national ledger."""
    gz = new_counter(any_central, "gz-victim", "440100")
    expected = f"440100-{gz.store.device_code}-{gz.store.clock.today():%Y%m%d}-0001"
    _, rogue = enrol(any_central.url, any_central.db_url, "440300", "深圳窗口")
    squat = push(any_central.url, rogue, [push_item(case_payload("440300", id_number=new_person("440305"),
                                                                 case_no=expected))])
    assert squat.status_code == 403
    assert [i["kind"] for i in _incidents(any_central, expected)] == ["foreign_case_no"]

    record = gz.accept()
    assert record.case_no == expected
    report = gz.sync()
    assert report["rejected"] == 0 and report["applied"] >= 1
    gz.sync()  # brings the ledger note
    assert set(outbox_states(gz)) == {"applied"}
    assert central_rows(any_central.db_url, "SELECT active FROM ledger WHERE case_no = :n", n=expected) == [(True,)]
    assert [case for case, _ in annotations(gz, "ledger")] == [record.id]


def test_a_claim_filed_outside_the_insured_area_does_not_refuse_the_real_applicant(any_central: CentralServer,
                                                                                    new_counter) -> None:
    """issue 14.3: a 440300 device files an accepted claim for a person insured in 440100; the 440100 counter
    pulls the ledger, its duplicate check still passes, its case is accepted, synced and in the ledger, and
    the earlier claim is flagged for the central administrator."""
    gz = new_counter(any_central, "gz-office", "440100")
    person = new_person("440106")
    _, rogue = enrol(any_central.url, any_central.db_url, "440300", "深圳窗口")
    fake = case_payload("440300", id_number=person) | {"insured_region": "440100"}
    assert push(any_central.url, rogue, [push_item(fake)]).status_code == 200

    gz.sync()
    with gz.store.session(readonly=True) as session:
        copied = session.scalars(select(Ledger.case_no).where(Ledger.id_number == person)).all()
    assert copied == []  # it reached the office, but not as a claim that counts against the person
    verdict = assess(gz.store, gz.verifier, parse_intake(intake_data(gz.office, person)).application).verdict
    assert verdict.eligible, verdict.to_json()

    record = gz.accept(person)
    report = gz.sync()
    assert report["rejected"] == 0 and report["applied"] >= 1
    gz.sync()
    rows = central_rows(any_central.db_url, "SELECT active FROM ledger WHERE case_no = :n", n=record.case_no)
    assert rows == [(True,)]
    duplicates = annotations(gz, "duplicate")
    assert [case for case, _ in duplicates] == [record.id] and "不属" in duplicates[0][1]
    flagged = _incidents(any_central, fake["case_no"])
    assert [(i["kind"], i["action"]) for i in flagged] == [("claim_outside_insured_area", "flagged")]
