"""A counter for the sync tests: a data folder with a clerk, registered with a central server."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from central_harness import CentralServer, central_rows, enrol
from sqlalchemy import func, select

from desktop.models import staff
from desktop.models.application import parse_intake
from desktop.models.cases import CaseRecord
from desktop.models.clock import Clock
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.rules import Verifier
from desktop.models.schema import Case, CaseAnnotation, Outbox
from desktop.models.store import Store, open_store
from desktop.sync.credentials import DeviceCredential, save_device
from desktop.sync.engine import SyncEngine

staff.configure_hasher(time_cost=1, memory_cost=8, parallelism=1)
_rng = random.Random(2026)
_serial = itertools.count(1)


def new_person(region: str = "440106") -> str:
    first17 = f"{region}19{_rng.randrange(60, 99)}{_rng.randrange(1, 13):02d}{_rng.randrange(1, 29):02d}"
    first17 += f"{_rng.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def intake_data(office: str, id_number: str, *, level: int = 4, occupation: str = "6-18-01-01") -> dict[str, Any]:
    serial = next(_serial)
    return {
        "applicant": {"name": "张三", "id_number": id_number},
        "insured_region": office,
        "application_region": office,
        "contribution_months": 40,
        "certificate": {"number": f"S00014400012317{level}{serial:06d}", "kind": "skill_level", "level": level,
                        "occupation_code": occupation, "occupation_name": "车工", "issue_date": "2017-06-01"},
        "application_date": "2018-01-10",
        "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "工商银行", "holder_name": "张三"},
        "employer": {"name": "某机械有限公司", "uscc": "91440101MA5XXXXX04"},
        "phone": "13800138000",
    }


@dataclass
class Counter:
    data_dir: Path
    office: str
    store: Store
    clerk: staff.StaffUser
    verifier: Verifier
    device_id: str  # the central system's id of this counter

    def accept(self, id_number: str | None = None, **claim: Any) -> CaseRecord:
        intake = parse_intake(intake_data(self.office, id_number or new_person(), **claim))
        record, assessment = file_case(self.store, self.verifier, self.clerk, intake, accept=True)
        assert record.state.value == "accepted", assessment.verdict.to_json()
        return record

    def engine(self, **options: Any) -> SyncEngine:
        return SyncEngine.for_store(self.store, **options)

    def sync(self, **options: Any) -> dict[str, Any]:
        with self.engine(**options) as engine:
            return engine.run_once().to_json()

    def close(self) -> None:
        self.store.close()


def make_counter(data_dir: Path, server: CentralServer, office: str, url: str, name: str, *,
                 clock: Clock | None = None) -> Counter:
    """A counter whose services read ``clock``: the computer's by default, as the central server
    (another process) does, so the two agree on the time."""
    store = open_store(data_dir, clock=clock or Clock(), office_code=office)
    clerk = staff.create_staff(store, actor=None, username="clerk", display_name="受理员", role=staff.Role.clerk,
                               office_code=office, password="zhanchi-test-pw")
    device_id, credential = enrol(server.url, server.db_url, office, name)
    save_device(data_dir, DeviceCredential(
        central_url=url, device_id=device_id, device_name=name, office_code=office,
        registered_at=store.clock.now().isoformat(), credential=credential,
    ))
    return Counter(data_dir, office, store, clerk, Verifier.load(data_dir), device_id)


def local_case_ids(counter: Counter) -> set[str]:
    with counter.store.session(readonly=True) as session:
        return set(session.scalars(select(Case.id)))


def outbox_states(counter: Counter) -> dict[str, int]:
    with counter.store.session(readonly=True) as session:
        return dict(session.execute(select(Outbox.state, func.count()).group_by(Outbox.state)).tuples().all())


def annotations(counter: Counter, kind: str) -> list[tuple[str, str]]:
    with counter.store.session(readonly=True) as session:
        query = select(CaseAnnotation.case_id, CaseAnnotation.message).where(CaseAnnotation.kind == kind)
        return [(case_id, message) for case_id, message in session.execute(query)]


def assert_exactly_once(server: CentralServer, *devices: Counter) -> None:
    """Every local case exists once centrally, and every outbox row was applied once (and only those)."""
    for counter in devices:
        states = outbox_states(counter)
        assert set(states) == {"applied"}, states
        central = central_rows(server.db_url, "SELECT id FROM cases WHERE device_id = :d", d=counter.device_id)
        assert sorted(r[0] for r in central) == sorted(local_case_ids(counter))
        with counter.store.session(readonly=True) as session:
            keys = sorted(session.scalars(select(Outbox.idempotency_key)))
        applied = central_rows(server.db_url, "SELECT idempotency_key FROM changes WHERE device_id = :d",
                               d=counter.device_id)
        assert sorted(r[0] for r in applied) == keys  # each key once (and the column is unique)
