"""诚信档案: findings recorded with who and why, revocable with a note by someone else, checked at intake."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from registry_fixtures import make_id, with_bad_check

from desktop.models import audit, integrity, outbox
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from desktop.models.identity import uscc_check_character
from desktop.models.integrity import SubjectKind
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

USCC = "91440101MA5ABCDE1" + uscc_check_character("91440101MA5ABCDE1")


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    people = {role.value: make_staff(role, role.value) for role in Role}
    people["reviewer2"] = make_staff(Role.reviewer, "reviewer2")
    return SimpleNamespace(**people)


def record_person(store: Store, actor: StaffUser, n: int = 1,
                  finding: str = "以伪造证书骗取补贴") -> integrity.IntegrityEntry:
    return integrity.record_finding(store, actor, subject_kind="person", subject_id=make_id(n),
                                    subject_name=f"张晓{n}", finding=finding)


def test_a_finding_is_recorded_with_who_and_why_and_audited(store: Store, team: SimpleNamespace) -> None:
    entry = integrity.record_finding(store, team.reviewer, subject_kind="person", subject_id=f" {make_id(1).lower()} ",
                                     subject_name=" 张晓1 ", finding=" 2024年以伪造证书骗取技能提升补贴 ")
    assert (entry.subject_kind, entry.subject_id, entry.subject_name) == (SubjectKind.person, make_id(1), "张晓1")
    assert entry.finding == "2024年以伪造证书骗取技能提升补贴" and entry.recorded_by == team.reviewer.username
    assert entry.active and entry.recorded_at == store.clock.now()
    with store.session(readonly=True) as session:
        (logged,) = audit.entries(session, entity="integrity_record", entity_id=entry.id)
        assert (logged.action, logged.actor, logged.after["finding"]) == (
            "integrity.record", team.reviewer.username, "2024年以伪造证书骗取技能提升补贴")
        # Not sent to the central system (it has no integrity list yet, and would refuse the row).
        assert outbox.pending_items(session) == []


@pytest.mark.parametrize(("values", "field"), [
    ({"subject_kind": "company"}, "subject_kind"),
    ({"subject_id": ""}, "subject_id"),
    ({"subject_id": with_bad_check(make_id(1))}, "subject_id"),
    ({"subject_kind": "employer"}, "subject_id"),  # an ID number is no USCC
    ({"subject_name": " "}, "subject_name"),
    ({"finding": ""}, "finding"),
])
def test_bad_input_names_the_field(store: Store, team: SimpleNamespace, values: dict[str, str], field: str) -> None:
    base = {"subject_kind": "person", "subject_id": make_id(1), "subject_name": "张晓1", "finding": "骗保"}
    with pytest.raises(InvalidInput) as caught:
        integrity.record_finding(store, team.reviewer, **{**base, **values})  # type: ignore[arg-type]
    assert caught.value.field == field
    assert integrity.list_records(store, team.supervisor, include_revoked=True) == []


def test_the_intake_form_is_told_about_the_applicant_and_the_employer(store: Store, team: SimpleNamespace) -> None:
    record_person(store, team.reviewer)
    integrity.record_finding(store, team.reviewer, subject_kind="employer", subject_id=USCC.lower(),
                             subject_name="广州市某某培训咨询有限公司", finding="组织职工代考")
    hits = integrity.check_intake(store, id_number=make_id(1).lower(), employer_uscc=USCC)
    assert [(h.subject_kind, h.subject_name) for h in hits] == [
        (SubjectKind.person, "张晓1"), (SubjectKind.employer, "广州市某某培训咨询有限公司")]
    assert hits[0].message == "申请人“张晓1”已列入诚信档案：以伪造证书骗取补贴"
    # An employer without a USCC on the form is matched by its name.
    by_name = integrity.check_intake(store, employer_name="广州市某某培训咨询有限公司")
    assert [h.subject_kind for h in by_name] == [SubjectKind.employer]
    assert integrity.check_intake(store, id_number=make_id(2)) == []
    assert integrity.check_intake(store, id_number="4401") == []  # half-typed: no error, no hit


def test_revocation_needs_a_note_and_another_person(store: Store, team: SimpleNamespace) -> None:
    entry = record_person(store, team.reviewer)
    with pytest.raises(InvalidInput) as caught:
        integrity.revoke_record(store, team.reviewer2, entry.id, " ")
    assert caught.value.field == "note"
    with pytest.raises(PermissionDenied, match="不能撤销本人记录"):
        integrity.revoke_record(store, team.reviewer, entry.id, "复核")
    revoked = integrity.revoke_record(store, team.reviewer2, entry.id, "经复议，原认定证据不足，予以撤销")
    assert not revoked.active and revoked.revoked_by == "reviewer2"
    assert integrity.check_intake(store, id_number=make_id(1)) == []
    with pytest.raises(Conflict, match="已撤销"):
        integrity.revoke_record(store, team.reviewer2, entry.id, "再次")
    with pytest.raises(NotFound):
        integrity.revoke_record(store, team.reviewer2, "no-such-record", "撤销")
    # Revoked records stay in the file, marked.
    assert integrity.list_records(store, team.supervisor) == []
    assert integrity.list_records(store, team.auditor, include_revoked=True) == [revoked]
    with store.session(readonly=True) as session:
        actions = [e.action for e in audit.entries(session, entity="integrity_record", entity_id=entry.id)]
    assert actions == ["integrity.record", "integrity.revoke"]


@pytest.mark.parametrize("role", [Role.clerk, Role.approver, Role.supervisor, Role.auditor, Role.admin])
def test_only_reviewers_record_and_revoke(store: Store, team: SimpleNamespace, role: Role) -> None:
    actor = getattr(team, role.value)
    with pytest.raises(PermissionDenied):
        record_person(store, actor)
    entry = record_person(store, team.reviewer)
    with pytest.raises(PermissionDenied):
        integrity.revoke_record(store, actor, entry.id, "撤销")
    assert integrity.get_record(store, entry.id).active


@pytest.mark.parametrize(("role", "allowed"), [(Role.supervisor, True), (Role.auditor, True), (Role.reviewer, True),
                                               (Role.clerk, False), (Role.approver, False), (Role.admin, False)])
def test_who_reads_the_whole_file(store: Store, team: SimpleNamespace, role: Role, allowed: bool) -> None:
    record_person(store, team.reviewer)
    if allowed:
        assert len(integrity.list_records(store, getattr(team, role.value))) == 1
    else:
        with pytest.raises(PermissionDenied):
            integrity.list_records(store, getattr(team, role.value))
