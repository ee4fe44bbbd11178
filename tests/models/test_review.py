"""The review queue and decisions: time limits in working days, risk flags, notes, roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from registry_fixtures import cert_number, make_id

from desktop.documents import case_documents
from desktop.models import audit, publicity, review, risk
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, get_case
from desktop.models.clock import Clock
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.intake import file_case
from desktop.models.rules import Verifier
from desktop.models.schema import CaseAnnotation
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


def person(make_intake: MakeIntake, n: int, *, name: str = "张晓梅", months: int = 40, **certificate: Any) -> Intake:
    cert = {"number": cert_number(n), "kind": "skill_level", "level": 4, "occupation_code": "6-18-01-01",
            "occupation_name": "车工", "issue_date": "2017-06-01", **certificate}
    return make_intake(
        applicant={"name": name, "id_number": make_id(n)},
        contribution_months=months,
        certificate=cert,
        payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行", "holder_name": name},
    )


def accept(store: Store, verifier: Verifier, team: SimpleNamespace, intake: Intake, **kw: Any) -> CaseRecord:
    record, _ = file_case(store, verifier, team.clerk, intake, accept=True, **kw)
    return record


def at_beijing(clock: Clock, year: int, month: int, day: int, hour: int = 10) -> None:
    clock.fixed = dt.datetime(year, month, day, hour, tzinfo=clock.tz)


# --- the queue and its time limits ----------------------------------------------------


def test_queue_lists_accepted_and_under_review_with_deadline_and_verdict(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    first = accept(store, verifier, team, person(make_intake, 1))
    second = accept(store, verifier, team, person(make_intake, 2, name="李四"))
    review.start_review(store, verifier, team.reviewer, second.id)
    with store.session() as session:
        session.add(CaseAnnotation(id="a1", case_id=second.id, kind="duplicate", message="已在440300申领",
                                   details_json="{}", created_at=store.clock.now(), received_at=store.clock.now()))
    items = review.review_queue(store, verifier, team.reviewer)
    assert [i.case.case_no for i in items] == [first.case_no, second.case_no]
    item = items[1]
    # Friday 27 November 2026: five working days later is Friday 4 December.
    assert item.deadline.started_on == dt.date(2026, 11, 27)
    assert item.deadline.deadline == dt.date(2026, 12, 4)
    assert (item.deadline.provisional, item.deadline.overdue, item.deadline.workdays) == (False, False, 5)
    assert item.failed_checks == [] and item.case.state is State.under_review
    assert [a.message for a in item.duplicates] == ["已在440300申领"]
    assert item.flags == () and not item.needs_note


def test_overdue_reviews_come_first(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    at_beijing(clock, 2026, 11, 20)
    old = accept(store, verifier, team, person(make_intake, 1))
    at_beijing(clock, 2026, 11, 27)
    new = accept(store, verifier, team, person(make_intake, 2, name="李四"))
    at_beijing(clock, 2026, 11, 30)
    items = review.review_queue(store, verifier, team.reviewer)
    assert [(i.case.case_no, i.overdue) for i in items] == [(old.case_no, True), (new.case_no, False)]
    assert items[0].deadline.deadline == dt.date(2026, 11, 27) and items[0].deadline.used == 6
    with store.session(readonly=True) as session:
        late = review.overdue_reviews(session, store, verifier, clock.today())
    assert late == [(old.case_no, dt.date(2026, 11, 27))]


def test_review_time_limit_runs_over_the_national_day_holiday(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    # Accepted Monday 29 September 2025; 1–8 October are holidays, Saturday 11 October a make-up working day.
    at_beijing(clock, 2025, 9, 29)
    case = accept(store, verifier, team, person(make_intake, 1))
    item = review.review_item(store, verifier, team.reviewer, case.id, today=dt.date(2025, 10, 10))
    assert item.deadline.deadline == dt.date(2025, 10, 13)
    assert not item.overdue and item.deadline.used == 3  # 30 Sep, 9 Oct, 10 Oct
    assert not review.review_item(store, verifier, team.reviewer, case.id, today=dt.date(2025, 10, 13)).overdue
    assert review.review_item(store, verifier, team.reviewer, case.id, today=dt.date(2025, 10, 14)).overdue


def test_deadline_in_an_unpublished_holiday_year_is_provisional(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    at_beijing(clock, 2026, 12, 28)
    case = accept(store, verifier, team, person(make_intake, 1))
    item = review.review_item(store, verifier, team.reviewer, case.id)
    assert item.deadline.deadline == dt.date(2027, 1, 5) and item.deadline.provisional


# --- decisions ----------------------------------------------------------------------------


def test_pass_makes_the_case_ready_for_publicity(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    case = accept(store, verifier, team, person(make_intake, 1))
    passed = review.pass_review(store, verifier, team.reviewer, case.id)  # started in the same call
    assert passed.state is State.publicized
    assert [c.id for c in publicity.ready_cases(store)] == [case.id]
    with store.session(readonly=True) as session:
        actions = [e.action for e in audit.entries(session, entity="case", entity_id=case.id)]
    assert actions[-2:] == ["case.start_review", "case.publicize"]
    assert review.review_queue(store, verifier, team.reviewer) == []


def test_a_disputed_case_needs_a_written_note_and_then_gets_the_policy_amount(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    intake = person(make_intake, 1, months=30)
    case = accept(store, verifier, team, intake, reason="申请人提供补缴凭证，对缴费月数有异议")
    assert case.disputed and case.amount_yuan == 0
    with pytest.raises(InvalidInput) as caught:
        review.pass_review(store, verifier, team.reviewer, case.id)
    assert caught.value.field == "note"
    assert get_case(store, case.id).state is State.accepted  # refused before anything was written
    passed = review.pass_review(store, verifier, team.reviewer, case.id, note="经核实补缴记录，累计缴费已满36个月")
    assert passed.state is State.publicized and passed.amount_yuan == 1500
    assert passed.decision_note == "经核实补缴记录，累计缴费已满36个月"
    with store.session(readonly=True) as session:
        amount = [e for e in audit.entries(session, entity="case", entity_id=case.id) if e.action == "review.amount"]
    assert amount[0].before["amount_yuan"] == 0 and amount[0].after["amount_yuan"] == 1500


def test_start_review_raises_risk_flags_and_pass_waits_for_them_to_be_cleared(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    # Old 16-digit qualification number whose 11th digit says level 5; declared level 4.
    case = accept(store, verifier, team, person(make_intake, 1, number="1234567890512345", kind="qualification"))
    review.start_review(store, verifier, team.reviewer, case.id)
    (flag,) = risk.flags_of(store, case.id)
    assert flag.code is risk.RiskCode.level_digit_mismatch and flag.open
    item = review.review_item(store, verifier, team.reviewer, case.id)
    assert item.open_flags == (flag,)
    with pytest.raises(Conflict, match="风险提示尚未核查解除"):
        review.pass_review(store, verifier, team.reviewer, case.id)
    assert get_case(store, case.id).state is State.under_review
    risk.clear_flag(store, team.reviewer, flag.id, "已联网查询证书，等级为四级，编号为旧版格式")
    assert review.pass_review(store, verifier, team.reviewer, case.id).state is State.publicized


def test_reject_needs_reasons_and_the_decision_prints_them(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake, tmp_path: Path,
    decision_settings: dict[str, str],
) -> None:
    case = accept(store, verifier, team, person(make_intake, 1))
    with pytest.raises(InvalidInput) as caught:
        review.reject_review(store, team.reviewer, case.id, "  ")
    assert caught.value.field == "note"
    rejected = review.reject_review(store, team.reviewer, case.id, "证书经联网查询不存在，疑为伪造")
    assert rejected.state is State.rejected and rejected.decision_note == "证书经联网查询不存在，疑为伪造"
    issued = case_documents.issue_decision(store, verifier, team.reviewer, case.id, tmp_path / "decision.pdf")
    assert issued.path.is_file()
    with store.session(readonly=True) as session:
        data = case_documents.decision_data(session, store, verifier, get_case(store, case.id))
    assert not data.approved and data.reviewer_reason == "证书经联网查询不存在，疑为伪造"
    assert data.doc_number == issued.doc_number != ""


def test_an_objection_restarts_the_time_limit_and_needs_an_answer(
    store: Store, clock: Clock, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    case = accept(store, verifier, team, person(make_intake, 1))
    review.pass_review(store, verifier, team.reviewer, case.id)
    batch = publicity.create_batch(store, team.reviewer)
    publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    at_beijing(clock, 2026, 12, 2)
    publicity.record_objection(store, team.reviewer, case.id, objector="王五", contact="13900139000",
                               content="申请人已离职，证书系代考")
    item = review.review_item(store, verifier, team.reviewer, case.id)
    assert item.needs_note and item.objections[0].content == "申请人已离职，证书系代考"
    assert item.deadline.started_on == dt.date(2026, 12, 2) and item.deadline.deadline == dt.date(2026, 12, 9)
    with pytest.raises(InvalidInput, match="公示异议"):
        review.pass_review(store, verifier, team.reviewer, case.id)
    review.pass_review(store, verifier, team.reviewer, case.id, note="经核实为本人参加考核，异议不成立")
    (answered,) = publicity.objections_of(store, case.id)
    assert answered.resolution == "经核实为本人参加考核，异议不成立" and answered.resolved_by == team.reviewer.username


# --- roles --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.clerk, Role.approver, Role.supervisor, Role.auditor, Role.admin])
def test_only_reviewers_decide(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake, role: Role
) -> None:
    case = accept(store, verifier, team, person(make_intake, 1))
    actor = getattr(team, role.value)
    for call in (
        lambda: review.start_review(store, verifier, actor, case.id),
        lambda: review.pass_review(store, verifier, actor, case.id, note="通过"),
        lambda: review.reject_review(store, actor, case.id, "驳回"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert get_case(store, case.id).version == case.version


@pytest.mark.parametrize(("role", "allowed"), [(Role.reviewer, True), (Role.supervisor, True), (Role.auditor, True),
                                               (Role.clerk, False), (Role.approver, False), (Role.admin, False)])
def test_who_sees_the_queue(store: Store, verifier: Verifier, team: SimpleNamespace, role: Role,
                            allowed: bool) -> None:
    actor = getattr(team, role.value)
    if allowed:
        assert review.review_queue(store, verifier, actor) == []
    else:
        with pytest.raises(PermissionDenied):
            review.review_queue(store, verifier, actor)


def test_a_decided_case_is_not_reviewed_again(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    case = accept(store, verifier, team, person(make_intake, 1))
    review.pass_review(store, verifier, team.reviewer, case.id)
    with pytest.raises(Conflict, match="不在审核中"):
        review.reject_review(store, team.reviewer, case.id, "驳回")
    with pytest.raises(Conflict, match="不在审核中"):
        review.pass_review(store, verifier, team.reviewer, case.id)
