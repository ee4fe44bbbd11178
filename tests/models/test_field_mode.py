"""Field mode without a network: preparing from the local copy, the mark in meta, and the reconciliation."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from desktop.models import field_mode
from desktop.models.application import parse_intake
from desktop.models.cases import State, transition
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.field_mode import Preload, end_field_day, in_field, reconcile, start_field_day
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.registry import import_registry, registry_as_of
from desktop.models.registry_files import RegistryFile
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog, CaseAnnotation, Ledger, Outbox
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

PARK = ("91440101MA5PARK00X", "广州开发区甲电子有限公司")
VERIFIER = Verifier.load(None)


def make_id(seq: int) -> str:
    first17 = f"44010619850101{seq:03d}"
    return first17 + id_check_character(first17)


@pytest.fixture
def clerk(make_staff: Callable[..., StaffUser]) -> StaffUser:
    return make_staff(Role.clerk, "clerk")


@pytest.fixture
def registry(store: Store) -> None:
    people = [(make_id(i), f"职工{i}", *(PARK if i <= 3 else ("", "广州开发区乙机械有限公司")), "440106", 40,
               "13800138000", False) for i in range(1, 6)]
    people.append((make_id(9), "园外", "", "别处公司", "440106", 40, "13800138000", False))
    certs = [(f"S00014400012317400000{i}", make_id(i), "skill_level", 4, "6-18-01-01", "车工",
              dt.date(2026, 9, 1), "") for i in (1, 2, 3, 4, 5, 9)]
    for kind, rows in (("insured", people), ("certificates", certs)):
        import_registry(store, RegistryFile(kind=kind, rows=rows, errors=[], total=len(rows)),  # type: ignore[arg-type]
                        as_of=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    with store.session() as session:
        session.execute(insert(Ledger), [{"id_number": make_id(2), "occupation_code": "4-10-01-05", "level": 5,
                                          "granted_on": dt.date(2024, 1, 5), "shortage": False, "source": "central",
                                          "case_no": "440100-AAAA-20240105-0001"}])


def _take(store: Store, clerk: StaffUser, seq: int, *, accept: bool = True) -> Any:
    intake = parse_intake({
        "applicant": {"name": f"职工{seq}", "id_number": make_id(seq)}, "insured_region": "440106",
        "application_region": "440100", "contribution_months": 40,
        "certificate": {"number": f"S00014400012317400000{seq}", "kind": "skill_level", "level": 4,
                        "occupation_code": "6-18-01-01", "issue_date": "2026-09-01"},
        "application_date": store.clock.today().isoformat(),
        "payment": {"kind": "bank", "account": "6222020200112233445"}, "employer": {"name": PARK[1]},
    })
    record, _ = file_case(store, VERIFIER, clerk, intake, accept=accept)
    return record


def test_preparing_from_the_local_copy_counts_what_the_laptop_holds(store: Store, clerk: StaffUser,
                                                                    registry: None) -> None:
    day = start_field_day(store, clerk, label="  广州开发区  某某工业园 ",
                          employers=[PARK[0].lower(), "广州开发区乙机械有限公司", "不存在的公司", ""])
    assert day.label == "广州开发区 某某工业园"
    assert (day.source, day.insured, day.certificates, day.ledger) == ("local", 5, 5, 1)
    assert day.employers == (PARK[0], "广州开发区乙机械有限公司", "不存在的公司")
    assert day.unmatched == ("不存在的公司",)
    assert day.data_as_of == dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    assert day.device_code == store.device_code and day.in_progress
    with store.session(readonly=True) as session:
        assert in_field(session)
    assert field_mode.current_field_day(store) == day
    with pytest.raises(Conflict):
        start_field_day(store, clerk, label="另一园区", employers=[PARK[0]])
    ended = end_field_day(store, clerk)
    assert ended.ended_at == store.clock.now() and ended.ended_by == "clerk"
    assert field_mode.current_field_day(store) is None and field_mode.list_field_days(store) == [ended]
    with pytest.raises(Conflict):
        end_field_day(store, clerk)
    with store.session(readonly=True) as session:
        actions = list(session.scalars(select(AuditLog.action).where(AuditLog.entity == "field_day")))
    assert actions == ["field.start", "field.end"]


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"label": "", "employers": [PARK[0]]}, "label"),
    ({"label": "园区", "employers": ["  "]}, "employers"),
])
def test_bad_input_names_the_field(store: Store, clerk: StaffUser, kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as bad:
        start_field_day(store, clerk, **kwargs)
    assert bad.value.field == field
    assert field_mode.current_field_day(store) is None


def test_only_counter_staff_go_out(store: Store, make_staff: Callable[..., StaffUser]) -> None:
    with pytest.raises(PermissionDenied):
        start_field_day(store, make_staff(Role.reviewer, "reviewer"), label="园区", employers=[PARK[0]])


def test_a_preload_from_the_central_answer_keeps_the_registrys_as_of(store: Store, clerk: StaffUser,
                                                                     registry: None) -> None:
    from wire import LedgerEntry

    answered = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC)
    newcomer = make_id(7)
    preload = Preload(
        insured=[(newcomer, "新职工", *PARK, "440106", 30, "13900139000", False)],
        certificates=[("S000144000123174000007", newcomer, "skill_level", 4, "6-18-01-01", "车工",
                       dt.date(2026, 10, 1), "")],
        ledger=[LedgerEntry(case_id="c1", case_no="440300-BBBB-20260301-0001", office_code="440300",
                            id_number=newcomer, occupation_code="4-10-01-05", level=4,
                            granted_on=dt.date(2026, 3, 1), shortage=False, active=True)],
        unmatched=[], as_of=answered,
    )
    day = start_field_day(store, clerk, label="园区", employers=[PARK[0]], fetch=lambda usccs, names: preload)
    assert (day.source, day.insured, day.certificates, day.ledger, day.data_as_of) == (
        "central", 4, 4, 2, answered)
    with store.session(readonly=True) as session:
        assert registry_as_of(session, "insured") == dt.datetime(2026, 11, 20, tzinfo=dt.UTC)  # the rest is as old
        sources = set(session.scalars(select(Ledger.source).where(Ledger.id_number == newcomer)))
    assert sources == {"central"}


def test_reconciliation_sorts_cases_by_what_the_clerk_must_do(store: Store, clerk: StaffUser,
                                                              registry: None) -> None:
    before = _take(store, clerk, 5)  # taken before the day: not on the sheet
    store.clock.fixed = store.clock.now() + dt.timedelta(minutes=5)
    start_field_day(store, clerk, label="园区", employers=[PARK[0]])
    store.clock.fixed = store.clock.now() + dt.timedelta(minutes=5)
    confirmed, duplicate, refused, pending, withdrawn = (_take(store, clerk, i) for i in (1, 2, 3, 4, 9))
    transition(store, clerk, withdrawn.id, State.withdrawn, note="申请人撤回")
    now = store.clock.now()
    with store.session() as session:
        session.execute(update(Outbox).where(Outbox.entity_id.in_([confirmed.id, duplicate.id, withdrawn.id]))
                        .values(state="applied", answered_at=now))
        session.execute(update(Outbox).where(Outbox.entity_id == refused.id).values(
            state="rejected", last_error="案件数据不完整或有误（applicant_name: too long）", answered_at=now))
        notes = [(confirmed.id, "ledger", "已记入全国技能提升补贴台账", {"active": True}),
                 (duplicate.id, "ledger", "已记入全国技能提升补贴台账", {"active": True}),
                 (duplicate.id, "duplicate", "重复申领：已由办事处 440300 受理（受理编号 X）", {})]
        session.execute(insert(CaseAnnotation), [
            {"id": f"n{i}", "case_id": case_id, "kind": kind, "message": message, "details_json": json.dumps(details),
             "created_at": now, "received_at": now}
            for i, (case_id, kind, message, details) in enumerate(notes)])
    result = reconcile(store)
    assert [(i.case_no, i.status) for i in result.items] == [
        (refused.case_no, "rejected"), (pending.case_no, "pending"), (duplicate.case_no, "duplicate"),
        (withdrawn.case_no, "closed"), (confirmed.case_no, "confirmed")]
    assert before.case_no not in {i.case_no for i in result.items}
    assert not result.complete and result.receipts == 5
    by_status = {i.status: i for i in result.items}
    assert "applicant_name" in by_status["rejected"].finding
    assert "联网后执行同步" in by_status["pending"].action
    assert "440300" in by_status["duplicate"].finding and "未打印受理回执" in by_status["duplicate"].action
    assert result.counts["confirmed"] == 1 and result.counts["draft"] == 0
    assert result.to_json()["complete"] is False


def test_no_field_day_yet_is_named(store: Store) -> None:
    with pytest.raises(InvalidInput) as none:
        reconcile(store)
    assert none.value.field == "field_day"
