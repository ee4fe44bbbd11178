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

from desktop.models import approval, audit, case_queries, cases, outbox, payments, publicity, review
from desktop.models.application import Intake
from desktop.models.cases import GENERIC_TRANSITIONS, SERVICE_MOVES, TRANSITIONS, CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from desktop.models.schema import AuditLog, Case, CaseSequence, Ledger, Outbox
from desktop.models.staff import PERMISSIONS, Role, StaffUser
from desktop.models.store import CODE_ALPHABET, Store, open_store

MakeStaff = Callable[..., StaffUser]
MakeIntake = Callable[..., Intake]
Advance = Any  # tests/conftest.py's ``advance`` fixture (an ``Advance``)

ELIGIBLE = {"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []}
INELIGIBLE = {
    "eligible": False,
    "amount_yuan": 0,
    "policy": "cn-2017",
    "checks": [{"rule": "contribution_months", "passed": False, "message": "累计缴纳失业保险费35个月，不满36个月"}],
}

# Who makes each move.
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


def _drive(advance: Advance, case_id: str, target: State) -> CaseRecord:
    """A fresh draft brought to ``target`` through the services; a publicized case with its
    publicity period over, ready for approval."""
    return advance(case_id, target, note="理由", publicity="closed")


def _service_move(store: Store, advance: Advance, actor: StaffUser, case: CaseRecord, to: State,
                  exported: Path | None = None) -> CaseRecord:
    """The move ``case.state`` → ``to`` of ``SERVICE_MOVES`` made by ``actor`` through its service;
    a payment result answers ``exported`` (the case's disbursement file, ``_export``)."""
    if (case.state, to) == (State.under_review, State.publicized):
        return review.pass_review(store, advance.verifier, actor, case.id, note="理由")
    if (case.state, to) == (State.publicized, State.under_review):
        return publicity.record_objection(store, actor, case.id, objector="李先生", contact="13900001111",
                                          content="理由")[1]
    if (case.state, to) == (State.publicized, State.approved):
        return approval.approve(store, actor, case.id)[0]
    if (case.state, to) == (State.payment_failed, State.approved):
        return payments.requeue_payment(store, actor, case.id, note="理由")
    assert case.state is State.approved and to in (State.paid, State.payment_failed) and exported is not None
    advance.settle(exported, actor, failed=to is State.payment_failed)
    return cases.get_case(store, case.id)


def _export(advance: Advance, case: CaseRecord) -> Path | None:
    """An approved case's disbursement file, exported by the team's approver (None for other states)."""
    return advance.export(case, advance.staff_of(Role.approver)) if case.state is State.approved else None


def _counts(store: Store) -> dict[str, int]:
    with store.session(readonly=True) as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in (("cases", Case), ("audit", AuditLog), ("outbox", Outbox), ("ledger", Ledger))
        }
        counts["case_audit"] = session.scalar(select(func.count()).select_from(AuditLog)
                                              .where(AuditLog.entity == "case")) or 0
        return counts


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
    # 4 staff.create + case.create
    assert _counts(store) == {"cases": 1, "audit": 5, "outbox": 1, "ledger": 0, "case_audit": 1}
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


def test_full_lifecycle(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, advance: Advance, tmp_path: Path
) -> None:
    """Every state change: one new version, one audit entry on the case, one outbox row, at the
    clock's time.  The generic moves through ``transition``, the others through their services;
    the back office's own steps (batches, the disbursement file) come in between."""
    case = _new(store, team, make_intake)
    pay_file = tmp_path / "pay.csv"
    objection_batch: list[str] = []

    def publish() -> None:
        batch = publicity.create_batch(store, team.reviewer, [case.id])
        publicity.publish_batch(store, advance.verifier, team.reviewer, batch.id)
        objection_batch.append(batch.batch_no)

    def close_publicity() -> None:  # a new batch, published; the clock past its end; closed
        advance.publicize(cases.get_case(store, case.id), reviewer=team.reviewer, close=True)

    def export() -> None:
        pay_file.unlink(missing_ok=True)
        payments.export_payments(store, team.approver, pay_file)

    def objection(actor: StaffUser) -> CaseRecord:
        return publicity.record_objection(store, actor, case.id, objector="李先生", contact="13900001111",
                                          content="公示期间有异议：证书存疑")[1]

    def bank_answer(failed: bool) -> Callable[[StaffUser], CaseRecord]:
        def answer(actor: StaffUser) -> CaseRecord:
            advance.settle(pay_file, actor, failed=failed)
            return cases.get_case(store, case.id)

        return answer

    def move(to: State) -> Callable[[StaffUser], CaseRecord]:
        return lambda actor: cases.transition(store, actor, case.id, to, expected_version=version)

    # (who, to, what the back office does first, the move)
    steps: list[tuple[StaffUser, State, Callable[[], None] | None, Callable[[StaffUser], CaseRecord]]] = [
        (team.clerk, State.accepted, None, move(State.accepted)),
        (team.reviewer, State.under_review, None, move(State.under_review)),
        (team.reviewer, State.publicized, None, lambda a: review.pass_review(store, advance.verifier, a, case.id)),
        (team.reviewer, State.under_review, publish, objection),
        (team.reviewer, State.publicized, None,
         lambda a: review.pass_review(store, advance.verifier, a, case.id, note="异议经核查不成立")),
        (team.approver, State.approved, close_publicity, lambda a: approval.approve(store, a, case.id)[0]),
        (team.approver, State.payment_failed, export, bank_answer(failed=True)),
        (team.approver, State.approved, None,
         lambda a: payments.requeue_payment(store, a, case.id, note="已核实账户，重新发放")),
        (team.supervisor, State.paid, export, bank_answer(failed=False)),
    ]
    version = case.version
    for actor, to, prepare, step in steps:
        if prepare is not None:
            store.clock.fixed = store.clock.now() + dt.timedelta(hours=1)
            prepare()
        store.clock.fixed = store.clock.now() + dt.timedelta(hours=1)
        before = _counts(store)
        record = step(actor)
        after = _counts(store)
        assert record.state is to
        assert record.version == version + 1
        assert record.updated_at == record.state_changed_at == store.clock.now()
        assert (after["case_audit"] - before["case_audit"], after["outbox"] - before["outbox"]) == (1, 1)
        version = record.version
    assert record.accepted_by == "clerk"
    assert record.decision_note == "已核实账户，重新发放"  # the last note given
    assert _outbox_ops(store) == [
        "case.created",
        "case.accepted",
        "case.under_review",
        "case.publicized",
        "case.publicity_add",
        "case.publicity_publish",
        "case.under_review",
        "case.publicized",
        "case.publicity_add",
        "case.publicity_publish",
        "case.publicity_close",
        "case.approved",
        "case.payment_exported",
        "case.payment_failed",
        "case.approved",
        "case.payment_exported",
        "case.paid",
    ]
    with store.session(readonly=True) as session:
        history = audit.entries(session, entity="case", entity_id=case.id)
        assert [e.action for e in history] == [
            "case.create",
            "case.accept",
            "case.start_review",
            "case.publicize",
            "publicity.add",
            "publicity.publish",
            "case.object",
            "case.publicize",
            "publicity.add",
            "publicity.publish",
            "publicity.close",
            "case.approve",
            "payment.export",
            "case.pay",
            "case.requeue_payment",
            "payment.export",
            "case.pay",
        ]
        objected = history[6]
        assert objected.before == {"state": "publicized", "decision_note": None, "version": 4}
        assert objected.after is not None
        assert objected.after == {
            "state": "under_review",
            "decision_note": "公示异议：公示期间有异议：证书存疑",
            "note": "公示异议：公示期间有异议：证书存疑",
            "version": 5,
            "objection_id": objected.after["objection_id"],
            "batch_no": objection_batch[0],
            "objector": "李先生",
            "contact": "13900001111",
            "figures": {"office_code": "440100", "cert_level": 4, "amount_yuan": 1500, "disputed": False,
                        "accepted_at": objected.after["figures"]["accepted_at"]},
        }
        failed = history[13]
        assert failed.after is not None and failed.after["note"] == "银行退回：账户已销户"
        assert audit.verify(session).ok
        assert outbox.pending_count(session) == 17
        assert outbox.rejected_count(session) == 0
    counts = cases.count_by_state(store)
    assert set(counts) == {s.value for s in State}
    assert counts["paid"] == 1 and sum(counts.values()) == 1


@pytest.mark.parametrize("start", [State.draft, State.accepted, State.under_review])
def test_withdrawal(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, advance: Advance, start: State
) -> None:
    case = _new(store, team, make_intake)
    _drive(advance, case.id, start)
    record = cases.transition(store, team.clerk, case.id, State.withdrawn, note="申请人自愿撤回")
    assert record.state is State.withdrawn
    assert _counts(store)["ledger"] == 0  # a withdrawn application is no prior subsidy


def test_transitions_outside_the_table_are_conflicts(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, advance: Advance
) -> None:
    case = _new(store, team, make_intake)
    with pytest.raises(Conflict, match="草稿.*已批准"):
        cases.transition(store, team.approver, case.id, State.approved)
    with pytest.raises(Conflict):
        cases.transition(store, team.clerk, case.id, State.draft)
    _drive(advance, case.id, State.paid)
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


def test_service_moves_are_part_of_the_table() -> None:
    assert set(SERVICE_MOVES) < set(TRANSITIONS)
    assert dict(GENERIC_TRANSITIONS) == {move: a for move, a in TRANSITIONS.items() if move not in SERVICE_MOVES}
    assert set(GENERIC_TRANSITIONS) == {
        (State.draft, State.accepted), (State.draft, State.withdrawn), (State.accepted, State.withdrawn),
        (State.under_review, State.withdrawn), (State.accepted, State.under_review),
        (State.under_review, State.rejected),
    }


@pytest.mark.parametrize(("start", "to"), list(SERVICE_MOVES), ids=[f"{a}->{b}" for a, b in SERVICE_MOVES])
def test_transition_refuses_a_service_move_and_says_where_it_is_done(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, advance: Advance, start: State, to: State
) -> None:
    case = _drive(advance, _new(store, team, make_intake).id, start)
    hint = SERVICE_MOVES[start, to]
    before = _counts(store)
    # Whoever's role makes the move in its service, with or without a note and the current version.
    with pytest.raises(Conflict, match=f"不能在此直接改为“{to.label}”：{hint}$"):
        cases.transition(store, getattr(team, DOER[to]), case.id, to, note="理由", expected_version=case.version)
    with pytest.raises(Conflict, match=hint):
        cases.transition(store, team.supervisor, case.id, to)
    assert cases.get_case(store, case.id) == case
    assert _counts(store) == before


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("start", "to"), list(TRANSITIONS), ids=[f"{a}->{b}" for a, b in TRANSITIONS])
def test_permission_matrix(
    store: Store,
    team: SimpleNamespace,
    make_intake: MakeIntake,
    make_staff: MakeStaff,
    advance: Advance,
    role: Role,
    start: State,
    to: State,
) -> None:
    """Each role may make a move exactly when it holds the move's permission: generic moves
    through ``transition``, the others through their services (``transition`` refuses those)."""
    case = _drive(advance, _new(store, team, make_intake).id, start)
    exported = _export(advance, case) if (start, to) in SERVICE_MOVES else None
    actor = make_staff(role, "actor")  # never the person who accepted the case
    allowed = TRANSITIONS[start, to] in PERMISSIONS[role]

    def move() -> CaseRecord:
        if (start, to) in SERVICE_MOVES:
            with pytest.raises(Conflict, match=SERVICE_MOVES[start, to]):
                cases.transition(store, actor, case.id, to, note="理由")
            return _service_move(store, advance, actor, cases.get_case(store, case.id), to, exported)
        return cases.transition(store, actor, case.id, to, note="理由")

    before = _counts(store)
    if allowed:
        assert move().state is to
    else:
        with pytest.raises(PermissionDenied, match=f"^{role.label}无权"):
            move()
        assert cases.get_case(store, case.id).state is start
        assert _counts(store) == before


def test_acceptor_can_never_approve(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, advance: Advance
) -> None:
    case = _new(store, team, make_intake)
    _drive(advance, case.id, State.publicized)  # the publicity period over: approvable
    # The clerk who accepted the case has since moved to the approver's desk.
    promoted = StaffUser("clerk", team.clerk.display_name, Role.approver, "440100")
    with pytest.raises(PermissionDenied, match="^受理人不得审批本人受理的案件$"):
        approval.approve(store, promoted, case.id)
    with pytest.raises(Conflict, match=SERVICE_MOVES[State.publicized, State.approved]):
        cases.transition(store, promoted, case.id, State.approved)
    assert cases.get_case(store, case.id).state is State.publicized
    assert approval.approve(store, team.approver, case.id)[0].state is State.approved


def test_rejection_needs_a_note(store: Store, team: SimpleNamespace, make_intake: MakeIntake, advance: Advance) -> None:
    case = _new(store, team, make_intake)
    _drive(advance, case.id, State.under_review)
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


# The state before each move, and the move: ``transition`` for the generic ones, the service otherwise.
BEFORE = {State.accepted: State.draft, State.under_review: State.accepted, State.publicized: State.under_review,
          State.approved: State.publicized}


@pytest.mark.parametrize("to", [State.accepted, State.under_review, State.publicized, State.approved])
def test_failure_mid_transition_leaves_nothing(
    store: Store, team: SimpleNamespace, make_intake: MakeIntake, monkeypatch: pytest.MonkeyPatch, to: State,
    advance: Advance,
) -> None:
    case = _drive(advance, _new(store, team, make_intake).id, BEFORE[to])
    before_case, before_counts = cases.get_case(store, case.id), _counts(store)
    monkeypatch.setattr(outbox, "enqueue", _boom)
    with pytest.raises(RuntimeError, match="outbox failed"):
        if (case.state, to) in SERVICE_MOVES:
            _service_move(store, advance, getattr(team, DOER[to]), case, to)
        else:
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
        return [r.case_no for r in case_queries.search_records(store, text)]

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
    assert len(case_queries.search_records(store, "", limit=1)) == 1


def test_list_cases_by_state(store: Store, team: SimpleNamespace, make_intake: MakeIntake) -> None:
    first, second = _new(store, team, make_intake), _new(store, team, make_intake)
    cases.accept_case(store, team.clerk, second.id)
    assert [r.id for r in cases.list_cases(store, states=(State.accepted,))] == [second.id]
    assert {r.id for r in cases.list_cases(store)} == {first.id, second.id}
    assert cases.count_by_state(store) | {} == {s.value: 0 for s in State} | {"draft": 1, "accepted": 1}
