"""Approval: only after the publicity period closed, never by the case's own clerk, all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from registry_fixtures import cert_number, make_id

from desktop.models import approval, audit, publicity, review
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, get_case
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.intake import file_case
from desktop.models.rules import Verifier
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


@pytest.fixture
def published(store: Store, verifier: Verifier, team: SimpleNamespace,
              make_intake: MakeIntake) -> Callable[[int], list[CaseRecord]]:
    """``published(n)``: n cases accepted, passed and published in one batch on Friday 27 November 2026."""

    def make(n: int) -> list[CaseRecord]:
        start = len(publicity.list_batches(store)) * 10
        records = []
        for i in range(start + 1, start + n + 1):
            intake = make_intake(
                applicant={"name": f"张晓{i}", "id_number": make_id(i)},
                certificate={"number": cert_number(i), "kind": "skill_level", "level": 4,
                             "occupation_code": "6-18-01-01", "issue_date": "2017-06-01"},
                payment={"kind": "bank", "account": f"62220202{i:011d}", "bank_name": "工商银行",
                         "holder_name": f"张晓{i}"},
            )
            record, _ = file_case(store, verifier, team.clerk, intake, accept=True)
            records.append(review.pass_review(store, verifier, team.reviewer, record.id))
        batch = publicity.create_batch(store, team.reviewer, [r.id for r in records])
        publicity.publish_batch(store, verifier, team.reviewer, batch.id)
        return records

    return make


def after_publicity(store: Store, clock: Clock, team: SimpleNamespace) -> None:
    clock.fixed = dt.datetime(2026, 12, 7, 10, tzinfo=clock.tz)  # Monday after the period (ends 4 December)
    for batch in publicity.list_batches(store, [publicity.BatchState.published]):
        publicity.close_batch(store, team.reviewer, batch.id)


def test_approval_before_the_end_of_publicity_is_refused(
    store: Store, clock: Clock, team: SimpleNamespace, published: Callable[[int], list[CaseRecord]]
) -> None:
    (case,) = published(1)
    with pytest.raises(approval.ApprovalRefused, match="尚未届满"):
        approval.approve(store, team.approver, case.id)
    clock.fixed = dt.datetime(2026, 12, 7, 10, tzinfo=clock.tz)  # period over, batch not yet closed
    with pytest.raises(approval.ApprovalRefused, match="已届满，请先结束公示"):
        approval.approve(store, team.approver, case.id)
    assert get_case(store, case.id).state is State.publicized
    after_publicity(store, clock, team)
    (approved,) = approval.approve(store, team.approver, case.case_no)
    assert approved.state is State.approved
    with store.session(readonly=True) as session:
        entry = audit.entries(session, entity="case", entity_id=case.id)[-1]
    assert (entry.action, entry.actor) == ("case.approve", team.approver.username)
    assert entry.after["publicity_batch"].startswith("440100-")


def test_a_case_never_publicized_cannot_be_approved(
    store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: MakeIntake
) -> None:
    record, _ = file_case(store, verifier, team.clerk, make_intake(), accept=True)
    review.pass_review(store, verifier, team.reviewer, record.id)
    with pytest.raises(approval.ApprovalRefused, match="尚未列入公示批次"):
        approval.approve(store, team.approver, record.id)


def test_bulk_approval_is_all_or_nothing_and_audits_each_case(
    store: Store, clock: Clock, team: SimpleNamespace, published: Callable[[int], list[CaseRecord]]
) -> None:
    first = published(2)
    after_publicity(store, clock, team)
    late = published(1)  # published on 7 December: still in its period
    with pytest.raises(approval.ApprovalRefused) as caught:
        approval.approve(store, team.approver, [c.id for c in first + late] + ["440100-NOPE-20261207-0001"])
    refused = {r.case: r.reason for r in caught.value.refusals}
    assert set(refused) == {late[0].case_no, "440100-NOPE-20261207-0001"}
    assert "4件中有2件不能审批，本次未审批任何案件" in str(caught.value)
    assert all(get_case(store, c.id).state is State.publicized for c in first)
    approved = approval.approve(store, team.approver, [c.case_no for c in first], note="公示无异议")
    assert [c.state for c in approved] == [State.approved, State.approved]
    with store.session(readonly=True) as session:
        for case in first:
            entries = [e for e in audit.entries(session, entity="case", entity_id=case.id)
                       if e.action == "case.approve"]
            assert len(entries) == 1 and entries[0].after["note"] == "公示无异议"
    assert approval.approvable_cases(store, team.approver) == []


def test_nobody_approves_a_case_they_accepted(
    store: Store, clock: Clock, team: SimpleNamespace, published: Callable[[int], list[CaseRecord]]
) -> None:
    (case,) = published(1)
    after_publicity(store, clock, team)
    promoted = StaffUser(team.clerk.username, "受理员升任审批员", Role.approver, "440100")
    assert approval.approvable_cases(store, promoted) == []
    with pytest.raises(PermissionDenied, match="受理人不得审批本人受理的案件"):
        approval.approve(store, promoted, case.id)
    assert [c.id for c in approval.approvable_cases(store, team.approver)] == [case.id]


@pytest.mark.parametrize("role", [Role.clerk, Role.reviewer, Role.supervisor, Role.auditor, Role.admin])
def test_only_approvers_approve(
    store: Store, clock: Clock, team: SimpleNamespace, published: Callable[[int], list[CaseRecord]], role: Role
) -> None:
    (case,) = published(1)
    after_publicity(store, clock, team)
    with pytest.raises(PermissionDenied):
        approval.approve(store, getattr(team, role.value), case.id)
    assert get_case(store, case.id).state is State.publicized


def test_an_empty_selection_is_bad_input(store: Store, team: SimpleNamespace) -> None:
    with pytest.raises(InvalidInput) as caught:
        approval.approve(store, team.approver, [" "])
    assert caught.value.field == "cases"
