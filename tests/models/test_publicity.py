"""Publicity batches: created from reviewed cases, published for ≥ 5 working days, objections, closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from registry_fixtures import cert_number, make_id
from sqlalchemy import func, select

from desktop.models import audit, outbox, publicity, review
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, get_case
from desktop.models.clock import Clock
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.intake import file_case
from desktop.models.publicity import BatchState
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog, Case, Objection, Outbox, PublicityBatch
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


def person(make_intake: MakeIntake, n: int, name: str = "张晓梅") -> Intake:
    return make_intake(
        applicant={"name": name, "id_number": make_id(n)},
        certificate={"number": cert_number(n), "kind": "skill_level", "level": 4, "occupation_code": "6-18-01-01",
                     "occupation_name": "车工", "issue_date": "2017-06-01"},
        payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行", "holder_name": name},
    )


@pytest.fixture
def passed(store: Store, verifier: Verifier, team: SimpleNamespace,
           make_intake: MakeIntake) -> Callable[..., CaseRecord]:
    """``passed(n)``: an accepted case, reviewed and passed (ready for a batch)."""

    def make(n: int, name: str = "张晓梅") -> CaseRecord:
        record, _ = file_case(store, verifier, team.clerk, person(make_intake, n, name), accept=True)
        return review.pass_review(store, verifier, team.reviewer, record.id)

    return make


def at_beijing(clock: Clock, year: int, month: int, day: int, hour: int = 10) -> None:
    clock.fixed = dt.datetime(year, month, day, hour, tzinfo=clock.tz)


def counts(store: Store) -> tuple[int, int]:
    with store.session(readonly=True) as session:
        return (session.scalar(select(func.count()).select_from(AuditLog)) or 0,
                session.scalar(select(func.count()).select_from(Outbox)) or 0)


def test_a_batch_is_made_of_the_ready_cases_and_published_for_five_working_days(
    store: Store, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord]
) -> None:
    a, b = passed(1), passed(2, "欧阳修")
    batch = publicity.create_batch(store, team.reviewer)
    assert batch.state is BatchState.open and [e.case_no for e in batch.entries] == sorted([a.case_no, b.case_no])
    assert publicity.ready_cases(store) == []
    published = publicity.publish_batch(store, verifier, team.reviewer, batch.batch_no)
    # Friday 27 November 2026 + 5 working days (the day of posting not counted) = Friday 4 December.
    assert (published.state, published.starts_on, published.ends_on) == (
        BatchState.published, dt.date(2026, 11, 27), dt.date(2026, 12, 4))
    assert published.workdays == 5 and not published.provisional
    assert verifier.calendar.workdays_between(published.starts_on, published.ends_on) >= 5
    assert published.total_yuan == 3000 and publicity.masked_names(published) == ["张*梅", "欧*修"]
    with store.session(readonly=True) as session:
        history = [e.action for e in audit.entries(session, entity="case", entity_id=a.id)]
        assert history[-2:] == ["publicity.add", "publicity.publish"]
        (entry,) = [e for e in audit.entries(session, entity="publicity_batch", entity_id=batch.id)
                    if e.action == "publicity.publish"]
        assert entry.actor == team.reviewer.username and entry.after["ends_on"] == "2026-12-04"
        assert audit.verify(session).ok
        # The central system learns each case's batch from a case row (it knows no batches).
        rows = [i for i in outbox.pending_items(session, 500) if i.op.startswith("case.publicity")]
        assert {(i.entity, i.op) for i in rows} == {("case", "case.publicity_add"), ("case", "case.publicity_publish")}
        assert len(rows) == 4 and rows[-1].payload["event"]["ends_on"] == "2026-12-04"


def test_the_period_runs_over_the_national_day_holiday(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord]
) -> None:
    at_beijing(clock, 2025, 9, 30)
    passed(1)
    batch = publicity.create_batch(store, team.reviewer)
    published = publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    # 1–8 October 2025 are holidays; Saturday 11 October is a make-up working day.
    assert (published.starts_on, published.ends_on) == (dt.date(2025, 9, 30), dt.date(2025, 10, 14))
    assert verifier.calendar.workdays_between(published.starts_on, published.ends_on) == 5


def test_publication_starts_on_a_working_day(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord]
) -> None:
    at_beijing(clock, 2025, 9, 27)  # Saturday; Sunday 28 September 2025 was a make-up working day
    passed(1)
    batch = publicity.create_batch(store, team.reviewer)
    with pytest.raises(InvalidInput) as caught:
        publicity.publish_batch(store, verifier, team.reviewer, batch.id, starts_on=dt.date(2025, 10, 1))
    assert caught.value.field == "starts_on" and "2025-10-09" in caught.value.reason
    with pytest.raises(InvalidInput, match="早于今天"):
        publicity.publish_batch(store, verifier, team.reviewer, batch.id, starts_on=dt.date(2025, 9, 26))
    # Left to itself it starts on the next working day: Sunday 28 September 2025 was a make-up working day.
    published = publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    assert published.starts_on == dt.date(2025, 9, 28)


def test_a_period_in_an_unpublished_holiday_year_is_provisional(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord]
) -> None:
    at_beijing(clock, 2026, 12, 28)
    passed(1)
    batch = publicity.create_batch(store, team.reviewer)
    published = publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    assert published.ends_on == dt.date(2027, 1, 5) and published.provisional


def _overlay(folder: Path, days: int) -> None:
    """A confirmed regional overlay (issue 15.1: only a confirmed value applies); its source is test data."""
    (folder / "policies").mkdir(parents=True)
    (folder / "policies" / "gz-test.toml").write_text(
        'id = "gz-test"\nkind = "regional"\ntitle = "测试：广州公示天数"\nregion = "440100"\n'
        f"valid_from = 2017-01-01\npublicity_workdays = {days}\n\n"
        '[source]\nstatus = "confirmed"\ndocument = "测试人社发〔2017〕1号"\nissuer = "测试市人力资源和社会保障局"\n'
        "date = 2017-01-01\n", encoding="utf-8")


@pytest.mark.parametrize(("days", "expected"), [(7, 7), (3, 5)])
def test_the_region_sets_the_length_but_never_below_five(
    store: Store, team: SimpleNamespace, passed: Callable[..., CaseRecord], tmp_path: Path, days: int,
    expected: int
) -> None:
    _overlay(tmp_path / "region", days)
    regional = Verifier.load(tmp_path / "region")
    passed(1)
    batch = publicity.create_batch(store, team.reviewer)
    published = publicity.publish_batch(store, regional, team.reviewer, batch.id)
    assert published.workdays == expected
    assert regional.calendar.workdays_between(published.starts_on, published.ends_on) == expected


def test_only_ready_cases_go_into_a_batch(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake, passed: Callable[..., CaseRecord]
) -> None:
    with pytest.raises(Conflict, match="没有待公示的案件"):
        publicity.create_batch(store, team.reviewer)
    waiting, _ = file_case(store, verifier, team.clerk, person(make_intake, 5), accept=True)
    with pytest.raises(Conflict, match="审核通过后才能公示"):
        publicity.create_batch(store, team.reviewer, [waiting.case_no])
    ready = passed(1)
    first = publicity.create_batch(store, team.reviewer, [ready.case_no])
    with pytest.raises(Conflict, match="已列入公示批次"):
        publicity.create_batch(store, team.reviewer, [ready.id])
    assert first.batch_no.endswith("-01")
    passed(2, "李四")
    assert publicity.create_batch(store, team.reviewer).batch_no.endswith("-02")


def test_an_objection_takes_the_case_out_and_back_to_review(
    store: Store, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord]
) -> None:
    a, b = passed(1), passed(2, "李四")
    batch = publicity.publish_batch(store, verifier, team.reviewer, publicity.create_batch(store, team.reviewer).id)
    for field in ("objector", "contact", "content"):
        values = {"objector": "王五", "contact": "13900139000", "content": "证书系代考", field: " "}
        with pytest.raises(InvalidInput) as caught:
            publicity.record_objection(store, team.reviewer, a.id, **values)
        assert caught.value.field == field
    objection, case = publicity.record_objection(store, team.reviewer, a.case_no, objector="王五",
                                                 contact="13900139000", content="证书系代考")
    assert case.state is State.under_review and objection.batch_id == batch.id and objection.open
    assert case.decision_note == "公示异议：证书系代考"
    after = publicity.get_batch(store, batch.id)
    assert [e.case_no for e in after.live_entries] == [b.case_no]
    assert [e.case_no for e in after.entries if not e.live] == [a.case_no]
    with store.session(readonly=True) as session:
        entry = audit.entries(session, entity="case", entity_id=a.id)[-1]
        assert (entry.action, entry.after["state"], entry.after["objector"]) == ("case.object", "under_review", "王五")
        assert session.scalar(select(func.count()).select_from(Objection)) == 1
        last = outbox.pending_items(session, 500)[-1]
        assert (last.entity, last.op, last.payload["state"]) == ("case", "case.under_review", "under_review")
        assert last.payload["event"]["objection_id"] == objection.id
    with pytest.raises(Conflict, match="不在公示中"):
        publicity.record_objection(store, team.reviewer, a.id, objector="王五", contact="1", content="再次")


def test_closing_waits_for_the_end_of_the_period(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord]
) -> None:
    case = passed(1)
    batch = publicity.publish_batch(store, verifier, team.reviewer, publicity.create_batch(store, team.reviewer).id)
    with store.session(readonly=True) as session:
        problem = publicity.approval_problem(session, session.get(Case, case.id), clock.today())
        assert problem is not None and "尚未届满" in problem
    at_beijing(clock, 2026, 12, 4, 17)  # the last day itself still belongs to the period
    with pytest.raises(Conflict, match="2026-12-05起方可结束公示"):
        publicity.close_batch(store, team.reviewer, batch.id)
    at_beijing(clock, 2026, 12, 5, 9)
    closed = publicity.close_batch(store, team.reviewer, batch.batch_no)
    assert closed.state is BatchState.closed
    with store.session(readonly=True) as session:
        assert publicity.approval_problem(session, session.get(Case, case.id), clock.today()) is None
    with pytest.raises(Conflict, match="不能结束公示"):
        publicity.close_batch(store, team.reviewer, batch.id)


@pytest.mark.parametrize("role", [Role.clerk, Role.approver, Role.supervisor, Role.auditor, Role.admin])
def test_only_reviewers_run_publicity(
    store: Store, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord], role: Role
) -> None:
    case = passed(1)
    actor = getattr(team, role.value)
    with pytest.raises(PermissionDenied):
        publicity.create_batch(store, actor)
    batch = publicity.create_batch(store, team.reviewer)
    with pytest.raises(PermissionDenied):
        publicity.publish_batch(store, verifier, actor, batch.id)
    publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    with pytest.raises(PermissionDenied):
        publicity.record_objection(store, actor, case.id, objector="王五", contact="1", content="异议")
    with pytest.raises(PermissionDenied):
        publicity.close_batch(store, actor, batch.id)
    assert get_case(store, case.id).state is State.publicized


def test_a_failed_publication_writes_nothing(
    store: Store, verifier: Verifier, team: SimpleNamespace, passed: Callable[..., CaseRecord],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    passed(1)
    batch = publicity.create_batch(store, team.reviewer)
    before = counts(store)

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("outbox failed")

    monkeypatch.setattr(outbox, "enqueue", boom)
    with pytest.raises(RuntimeError):
        publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    assert counts(store) == before
    with store.session(readonly=True) as session:
        row = session.get(PublicityBatch, batch.id)
        assert row is not None and (row.state, row.starts_on) == ("open", None)
