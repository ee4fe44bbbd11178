"""The case lifecycle: state machine, permissions, one transaction per change."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import audit, cases, outbox
from desktop.models.application import Intake
from desktop.models.cases import TRANSITIONS, CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from desktop.models.schema import AuditLog, Case, CaseSequence, Ledger, Outbox
from desktop.models.staff import PERMISSIONS, Role, StaffUser
from desktop.models.store import CODE_ALPHABET, Store, open_store

MakeStaff = Callable[..., StaffUser]
MakeIntake = Callable[..., Intake]

ELIGIBLE = {"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []}
INELIGIBLE = {
    "eligible": False,
    "amount_yuan": 0,
    "policy": "cn-2017",
    "checks": [{"rule": "contribution_months", "passed": False, "message": "累计缴纳失业保险费35个月，不满36个月"}],
}

# How to bring a fresh draft to each state, and who does each step.
PATHS: dict[State, list[State]] = {
    State.draft: [],
    State.accepted: [State.accepted],
    State.under_review: [State.accepted, State.under_review],
    State.publicized: [State.accepted, State.under_review, State.publicized],
    State.approved: [State.accepted, State.under_review, State.publicized, State.approved],
    State.payment_failed: [
        State.accepted,
        State.under_review,
        State.publicized,
        State.approved,
        State.payment_failed,
    ],
}
DOER = {
    State.accepted: "clerk",
    State.under_review: "reviewer",
    State.publicized: "reviewer",
    State.rejected: "reviewer",
    State.approved: "approver",
    State.paid: "approver",
    State.payment_failed: "approver",
    State.withdrawn: "clerk",
}


@pytest.fixture
def team(make_staff: MakeStaff) -> SimpleNamespace:
    return SimpleNamespace(
        clerk=make_staff(Role.clerk, "clerk"),
        reviewer=make_staff(Role.reviewer, "reviewer"),
        approver=make_staff(Role.approver, "approver"),
        supervisor=make_staff(Role.supervisor, "supervisor"),
    )


def _new(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, *, eligible: bool = True, **kw: Any
) -> CaseRecord:
    verdict = ELIGIBLE if eligible else INELIGIBLE
    return cases.create_case(
        store,
        team.clerk,
        make_intake(),
        verdict=verdict,
        eligible=eligible,
        amount_yuan=verdict["amount_yuan"],
        policy_id="cn-2017",
        **kw,
    )


def _drive(store: Store, team: SimpleNamespace, case_id: str, target: State) -> CaseRecord:
    record = cases.get_case(store, case_id)
    for step in PATHS[target]:
        record = cases.transition(store, getattr(team, DOER[step]), case_id, step, note="理由")
    return record


def _counts(store: Store) -> dict[str, int]:
    with store.session(readonly=True) as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in (("cases", Case), ("audit", AuditLog), ("outbox", Outbox), ("ledger", Ledger))
        }


def _outbox_ops(store: Store) -> list[str]:
    with store.session(readonly=True) as session:
        return list(session.scalars(select(Outbox.op).order_by(Outbox.id)))


# --- creating -------------------------------------------------------------------


def test_create_case_files_a_draft_with_audit_and_outbox(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    record = _new(store, team, make_intake, sources={"contribution_months": "registry"}, materials={"id_card": True})
    assert re.fullmatch(rf"440100-{store.device_code}-20261127-0001", record.case_no)
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{6}}", record.lookup_code)
    assert record.state is State.draft
    assert record.version == 1
    assert (record.amount_yuan, record.eligible, record.policy_id) == (1500, True, "cn-2017")
    assert record.application_date == dt.date(2018, 1, 10)
    assert record.cert_issue_date == dt.date(2017, 6, 1)
    assert record.verdict == ELIGIBLE
    assert record.sources == {"contribution_months": "registry"}
    assert record.materials == {"id_card": True}
    assert record.created_by == "clerk" and record.accepted_by is None
    assert record.created_at == store.clock.now() and record.created_at.tzinfo is not None
    assert _counts(store) == {"cases": 1, "audit": 5, "outbox": 1, "ledger": 0}  # 4 staff.create + case.create
    assert _outbox_ops(store) == ["case.created"]
    with store.session(readonly=True) as session:
        item = outbox.pending_items(session)[0]
        assert item.payload["case_no"] == record.case_no
        assert item.payload["application_date"] == "2018-01-10"
        entry = audit.entries(session, entity="case", entity_id=record.id)[0]
        assert entry.action == "case.create" and entry.before is None
        assert entry.after is not None and entry.after["state"] == "draft"


def test_case_record_is_a_frozen_value(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    record = _new(store, team, make_intake)
    assert type(record) is CaseRecord
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.state = State.paid  # type: ignore[misc]
    assert record.to_dict()["created_at"] == "2026-11-27T02:00:00.000000+00:00"


def test_intake_values_are_normalised(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    intake = make_intake(applicant={"name": "张三", "id_number": "１１０１０５ 19491231002x"})
    record = cases.create_case(
        store, team.clerk, intake, verdict=ELIGIBLE, eligible=True, amount_yuan=1500, policy_id="cn-2017"
    )
    assert record.id_number == "11010519491231002X"


def test_create_straight_to_accepted(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    record = _new(store, team, make_intake, state=State.accepted)
    assert record.state is State.accepted and record.version == 2
    assert record.accepted_by == "clerk"
    assert _outbox_ops(store) == ["case.created", "case.accepted"]
    assert _counts(store)["ledger"] == 1


def test_only_clerks_create(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    with pytest.raises(PermissionDenied, match="审核员无权新建案件"):
        cases.create_case(
            store,
            team.reviewer,
            make_intake(),
            verdict=ELIGIBLE,
            eligible=True,
            amount_yuan=1500,
            policy_id="cn-2017",
        )


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("amount_yuan", {"amount_yuan": 1500.0}),
        ("amount_yuan", {"amount_yuan": -1}),
        ("amount_yuan", {"amount_yuan": True}),
        ("amount_yuan", {"amount_yuan": 1000}),  # differs from the verdict
        ("amount_yuan", {"eligible": False, "verdict": {"eligible": False}, "amount_yuan": 1500}),
        ("eligible", {"eligible": False, "amount_yuan": 0}),  # differs from the verdict
        ("eligible", {"eligible": "yes"}),
        ("verdict", {"verdict": ["not", "a", "dict"]}),
        ("verdict", {"verdict": {"eligible": True, "amount_yuan": 1500, "when": object()}}),
        ("policy_id", {"policy_id": " "}),
        ("sources", {"sources": "registry"}),
        ("state", {"state": State.approved}),
        ("state", {"state": "nonsense"}),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, field: str, overrides: dict[str, Any]
) -> None:
    before = _counts(store)
    kwargs: dict[str, Any] = {"verdict": ELIGIBLE, "eligible": True, "amount_yuan": 1500, "policy_id": "cn-2017"}
    with pytest.raises(InvalidInput) as caught:
        cases.create_case(store, team.clerk, make_intake(), **(kwargs | overrides))
    assert caught.value.field == field
    assert _counts(store) == before
    with store.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(CaseSequence)) == 0


def test_bad_intake_field_is_named(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    intake = make_intake()
    broken = dataclasses.replace(intake, payment=dataclasses.replace(intake.payment, kind="cash"))
    with pytest.raises(InvalidInput) as caught:
        cases.create_case(
            store, team.clerk, broken, verdict=ELIGIBLE, eligible=True, amount_yuan=1500, policy_id="cn-2017"
        )
    assert caught.value.field == "payment.kind"
    assert _counts(store)["cases"] == 0


# --- case numbers -----------------------------------------------------------------


def test_case_numbers_are_sequential_per_device_and_day(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    numbers = [_new(store, team, make_intake).case_no for _ in range(3)]
    prefix = f"440100-{store.device_code}-20261127-"
    assert numbers == [prefix + "0001", prefix + "0002", prefix + "0003"]
    assert store.clock.fixed is not None
    store.clock.fixed += dt.timedelta(days=1)
    assert _new(store, team, make_intake).case_no == f"440100-{store.device_code}-20261128-0001"


def test_two_data_folders_never_share_case_numbers(tmp_path: Path, clock: Clock, make_intake: MakeIntake) -> None:
    numbers, codes = set(), set()
    for name in ("counter-a", "counter-b"):
        with open_store(tmp_path / name, clock=clock) as other:
            clerk = _bootstrap_clerk(other)
            record = cases.create_case(
                other, clerk, make_intake(), verdict=ELIGIBLE, eligible=True, amount_yuan=1500, policy_id="cn-2017"
            )
            codes.add(other.device_code)
            numbers.add(record.case_no)
    assert len(codes) == 2
    assert len(numbers) == 2
    assert all(n.endswith("-20261127-0001") for n in numbers)


def _bootstrap_clerk(store: Store) -> StaffUser:
    from desktop.models.staff import create_staff

    return create_staff(
        store,
        actor=None,
        username="clerk",
        display_name="受理员",
        role=Role.clerk,
        office_code="440100",
        password="long-enough",
    )


def test_early_morning_in_beijing_files_under_the_beijing_date(tmp_path: Path, make_intake: MakeIntake) -> None:
    # 07:30 in Beijing is 23:30 UTC the day before: the case belongs to the Beijing day.
    clock = Clock(fixed=dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC))
    with open_store(tmp_path, clock=clock) as early:
        clerk = _bootstrap_clerk(early)
        today = early.clock.today()
        assert today == dt.date(2026, 11, 27)
        record = cases.create_case(
            early,
            clerk,
            make_intake(application_date=today.isoformat()),
            verdict=ELIGIBLE,
            eligible=True,
            amount_yuan=1500,
            policy_id="cn-2025",
        )
    assert "-20261127-" in record.case_no
    assert record.application_date == dt.date(2026, 11, 27)
    assert record.created_at == dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)


# --- the lifecycle --------------------------------------------------------------


def test_full_lifecycle(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    steps = [
        (team.clerk, State.accepted, None),
        (team.reviewer, State.under_review, None),
        (team.reviewer, State.publicized, None),
        (team.reviewer, State.under_review, "公示期间有异议：证书存疑"),
        (team.reviewer, State.publicized, None),
        (team.approver, State.approved, None),
        (team.approver, State.payment_failed, "账户已销户"),
        (team.approver, State.approved, None),
        (team.supervisor, State.paid, None),
    ]
    version = case.version
    for actor, to, note in steps:
        before = _counts(store)
        store.clock.fixed = store.clock.now() + dt.timedelta(hours=1)
        record = cases.transition(store, actor, case.id, to, note=note, expected_version=version)
        after = _counts(store)
        assert record.state is to
        assert record.version == version + 1
        assert record.updated_at == record.state_changed_at == store.clock.now()
        assert (after["audit"] - before["audit"], after["outbox"] - before["outbox"]) == (1, 1)
        version = record.version
    assert record.accepted_by == "clerk"
    assert record.decision_note == "账户已销户"
    assert _outbox_ops(store) == [
        "case.created",
        "case.accepted",
        "case.under_review",
        "case.publicized",
        "case.under_review",
        "case.publicized",
        "case.approved",
        "case.payment_failed",
        "case.approved",
        "case.paid",
    ]
    with store.session(readonly=True) as session:
        history = audit.entries(session, entity="case", entity_id=case.id)
        assert [e.action for e in history] == [
            "case.create",
            "case.accept",
            "case.start_review",
            "case.publicize",
            "case.object",
            "case.publicize",
            "case.approve",
            "case.pay",
            "case.requeue_payment",
            "case.pay",
        ]
        assert history[4].before == {"state": "publicized", "decision_note": None, "version": 4}
        assert history[4].after == {
            "state": "under_review",
            "decision_note": "公示期间有异议：证书存疑",
            "note": "公示期间有异议：证书存疑",
            "version": 5,
        }
        assert audit.verify(session).ok
        assert outbox.pending_count(session) == 10
        assert outbox.rejected_count(session) == 0
    counts = cases.count_by_state(store)
    assert set(counts) == {s.value for s in State}
    assert counts["paid"] == 1 and sum(counts.values()) == 1


@pytest.mark.parametrize("start", [State.draft, State.accepted, State.under_review])
def test_withdrawal(store: Store, team: SimpleNamespace, make_intake: MakeIntake, start: State) -> None:
    case = _new(store, team, make_intake)
    _drive(store, team, case.id, start)
    record = cases.transition(store, team.clerk, case.id, State.withdrawn, note="申请人自愿撤回")
    assert record.state is State.withdrawn
    assert _counts(store)["ledger"] == 0  # a withdrawn application is no prior subsidy


def test_transitions_outside_the_table_are_conflicts(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    case = _new(store, team, make_intake)
    with pytest.raises(Conflict, match="草稿.*已批准"):
        cases.transition(store, team.approver, case.id, State.approved)
    with pytest.raises(Conflict):
        cases.transition(store, team.clerk, case.id, State.draft)
    _drive(store, team, case.id, State.approved)
    cases.transition(store, team.approver, case.id, State.paid)
    for to in State:
        with pytest.raises(Conflict):
            cases.transition(store, team.approver, case.id, to, note="x")


def test_unknown_target_state_is_invalid_input(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    with pytest.raises(InvalidInput) as caught:
        cases.transition(store, team.clerk, case.id, "finished")
    assert caught.value.field == "to"


def test_stale_version_is_a_conflict(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    cases.accept_case(store, team.clerk, case.id)
    with pytest.raises(Conflict, match="已被他人修改"):
        cases.transition(store, team.reviewer, case.id, State.under_review, expected_version=case.version)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("start", "to"), list(TRANSITIONS), ids=[f"{a}->{b}" for a, b in TRANSITIONS])
def test_permission_matrix(
    store: Store,
    team: SimpleNamespace,
    make_intake: MakeIntake,
    make_staff: MakeStaff,
    role: Role,
    start: State,
    to: State,
) -> None:
    case = _new(store, team, make_intake)
    _drive(store, team, case.id, start)
    actor = make_staff(role, "actor")  # never the person who accepted the case
    allowed = TRANSITIONS[start, to] in PERMISSIONS[role]
    before = _counts(store)
    if allowed:
        assert cases.transition(store, actor, case.id, to, note="理由").state is to
    else:
        with pytest.raises(PermissionDenied, match=f"^{role.label}无权"):
            cases.transition(store, actor, case.id, to, note="理由")
        assert cases.get_case(store, case.id).state is start
        assert _counts(store) == before


def test_acceptor_can_never_approve(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    _drive(store, team, case.id, State.publicized)
    # The clerk who accepted the case has since moved to the approver's desk.
    promoted = StaffUser("clerk", team.clerk.display_name, Role.approver, "440100")
    with pytest.raises(PermissionDenied, match="^受理人不得审批本人受理的案件$"):
        cases.transition(store, promoted, case.id, State.approved)
    assert cases.transition(store, team.approver, case.id, State.approved).state is State.approved


def test_rejection_needs_a_note(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    _drive(store, team, case.id, State.under_review)
    for note in (None, "   "):
        with pytest.raises(InvalidInput) as caught:
            cases.transition(store, team.reviewer, case.id, State.rejected, note=note)
        assert caught.value.field == "note"
    record = cases.transition(store, team.reviewer, case.id, State.rejected, note="证书联网查询无此证书")
    assert record.state is State.rejected and record.decision_note == "证书联网查询无此证书"
    assert _counts(store)["ledger"] == 0


# --- acceptance -------------------------------------------------------------------


def test_accept_adds_a_ledger_row(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    record = cases.accept_case(store, team.clerk, case.case_no)
    assert (record.state, record.disputed, record.accepted_by) == (State.accepted, False, "clerk")
    assert record.accepted_at == store.clock.now()
    with store.session(readonly=True) as session:
        row = session.scalars(select(Ledger)).one()
        assert (row.id_number, row.occupation_code, row.level, row.source, row.case_no) == (
            "11010519491231002X",
            "6-18-01-01",
            4,
            "local",
            case.case_no,
        )
        assert row.granted_on == dt.date(2018, 1, 10)
    with pytest.raises(Conflict, match="不能受理"):
        cases.accept_case(store, team.clerk, case.id)


def test_not_eligible_acceptance_needs_a_reason(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake, eligible=False)
    before = _counts(store)
    for reason in (None, " "):
        with pytest.raises(InvalidInput) as caught:
            cases.accept_case(store, team.clerk, case.id, reason=reason)
        assert caught.value.field == "reason"
    assert _counts(store) == before
    assert cases.get_case(store, case.id).state is State.draft
    record = cases.accept_case(store, team.clerk, case.id, reason="缴费记录未及时归集，申请人提供了缴费凭证")
    assert record.state is State.accepted
    assert record.disputed is True
    assert record.dispute_reason == "缴费记录未及时归集，申请人提供了缴费凭证"


def test_not_eligible_accept_through_transition_uses_the_note(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    case = _new(store, team, make_intake, eligible=False)
    with pytest.raises(InvalidInput):
        cases.transition(store, team.clerk, case.id, State.accepted)
    record = cases.transition(store, team.clerk, case.id, State.accepted, note="复核后受理")
    assert record.disputed and record.dispute_reason == "复核后受理"


def test_not_eligible_created_as_accepted_needs_a_reason(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    with pytest.raises(InvalidInput):
        _new(store, team, make_intake, eligible=False, state=State.accepted)
    assert _counts(store)["cases"] == 0
    record = _new(store, team, make_intake, eligible=False, state=State.accepted, reason="人工复核")
    assert record.disputed


# --- all or nothing -----------------------------------------------------------------


def _boom(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("outbox failed")


@pytest.mark.parametrize("to", [State.accepted, State.under_review, State.publicized, State.approved])
def test_failure_mid_transition_leaves_nothing(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, monkeypatch: pytest.MonkeyPatch, to: State
) -> None:
    case = _new(store, team, make_intake)
    path = PATHS[to] if to is not State.accepted else [State.accepted]
    for step in path[:-1]:
        cases.transition(store, getattr(team, DOER[step]), case.id, step)
    before_case, before_counts = cases.get_case(store, case.id), _counts(store)
    monkeypatch.setattr(outbox, "enqueue", _boom)
    with pytest.raises(RuntimeError, match="outbox failed"):
        cases.transition(store, getattr(team, DOER[to]), case.id, to)
    assert cases.get_case(store, case.id) == before_case
    assert _counts(store) == before_counts
    with store.session(readonly=True) as session:
        assert audit.verify(session).ok


def test_failure_in_audit_leaves_nothing(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _new(store, team, make_intake)
    before = _counts(store)
    monkeypatch.setattr(audit, "record", _boom)
    with pytest.raises(RuntimeError):
        cases.accept_case(store, team.clerk, case.id)
    assert _counts(store) == before
    assert cases.get_case(store, case.id).state is State.draft


def test_failure_while_creating_leaves_no_case_and_no_number(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(store)
    with monkeypatch.context() as patched:
        patched.setattr(outbox, "enqueue", _boom)
        with pytest.raises(RuntimeError):
            _new(store, team, make_intake)
    assert _counts(store) == before
    assert _new(store, team, make_intake).case_no.endswith("-0001")  # the number was not used up


# --- finding cases ------------------------------------------------------------------


def test_get_case_by_id_or_number(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    case = _new(store, team, make_intake)
    assert cases.get_case(store, case.id) == case
    assert cases.get_case(store, case.case_no.lower()) == case
    with pytest.raises(NotFound, match="未找到案件"):
        cases.get_case(store, "440100-XXXX-20261127-0001")


def test_search(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    zhang = _new(store, team, make_intake)
    li = cases.create_case(
        store,
        team.clerk,
        make_intake(
            applicant={"name": "李小龙", "id_number": "440101199001011234"},
            certificate={
                "number": "Y000144000123173000099",
                "kind": "skill_level",
                "level": 3,
                "occupation_code": "4-01-02-01",
                "issue_date": "2017-06-01",
            },
        ),
        verdict=ELIGIBLE | {"amount_yuan": 2000},
        eligible=True,
        amount_yuan=2000,
        policy_id="cn-2017",
    )

    def found(text: str) -> list[str]:
        return [r.case_no for r in cases.search_cases(store, text)]

    assert found(li.case_no) == [li.case_no]
    assert found(f"440100-{store.device_code.lower()}") == [li.case_no, zhang.case_no]  # newest first
    assert found("１１０１０５１９４９１２３１００２ｘ") == [zhang.case_no]  # full-width, lowercase x
    assert found("11010519491231") == []  # ID numbers match whole, not by prefix
    assert found("李") == [li.case_no]
    assert found("李小龙") == [li.case_no]
    assert found("小龙") == []
    assert found("y000144000123173000099") == [li.case_no]
    assert found("nobody") == []
    assert found("") == [li.case_no, zhang.case_no]
    assert len(cases.search_cases(store, "", limit=1)) == 1


def test_list_cases_by_state(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    first, second = _new(store, team, make_intake), _new(store, team, make_intake)
    cases.accept_case(store, team.clerk, second.id)
    assert [r.id for r in cases.list_cases(store, states=(State.accepted,))] == [second.id]
    assert {r.id for r in cases.list_cases(store)} == {first.id, second.id}
    assert cases.count_by_state(store) | {} == {s.value: 0 for s in State} | {"draft": 1, "accepted": 1}
