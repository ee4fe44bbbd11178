"""The materials gate in the core (issue 16.4, POLICY.md §4).

A case is accepted with materials neither received nor checked by information sharing only on a
confirmation naming each of them (``cases.MaterialsMissing`` otherwise, and nothing is written); the
record says what was received, what sharing checked (source, as-of) and what is missing; materials
handed in later are recorded on the case (补正, ``cases.supplement_materials``) and audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import audit, cases
from desktop.models.application import Intake
from desktop.models.cases import MaterialsMissing, State, SupplementRefused
from desktop.models.checklist import Source, SourceKind, materials_record
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.oversight import ACTION_LABELS
from desktop.models.rules import Verifier
from desktop.models.schema import Case, Ledger
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

FORM = "《技能提升补贴申请表》（含申请人诚信承诺）"
ID_CARD = "居民身份证"
ACCOUNT = "本人银行卡或具有金融功能的社会保障卡"
AS_OF = dt.datetime(2026, 11, 27, 0, 0, tzinfo=dt.UTC)
SHARED_IDENTITY = {"identity": Source(SourceKind.SYNCED, AS_OF)}


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(clerk=make_staff(Role.clerk, "clerk"), reviewer=make_staff(Role.reviewer, "reviewer"))


def entries(store: Store, case_id: str, action: str) -> list[audit.AuditEntry]:
    with store.session(readonly=True) as session:
        return [e for e in audit.entries(session, entity="case", entity_id=case_id) if e.action == action]


def case_count(store: Store) -> int:
    with store.session(readonly=True) as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_the_record_says_received_shared_with_source_and_as_of_and_missing(
        store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: Callable[..., Intake]) -> None:
    # The ID card ticked although sharing checked identity: never recorded as received.
    record, _ = file_case(store, verifier, team.clerk, make_intake(), accept=False, sources=SHARED_IDENTITY,
                          received=["application_form", "id_card"])
    materials = record.materials
    assert materials["received"] == ["application_form"]
    assert materials["shared"] == [{"code": "id_card", "by": "identity", "kind": "synced", "as_of": AS_OF.isoformat()}]
    assert materials["missing"] == ["payment_account"]
    assert materials["names"] == {"application_form": FORM, "id_card": ID_CARD, "payment_account": ACCOUNT}


def test_typed_identity_is_never_recorded_as_shared(verifier: Verifier) -> None:
    policy = verifier.book.for_case(dt.date(2026, 11, 27), "440100")
    record = materials_record(policy, {"identity": Source(SourceKind.TYPED)}, [])
    assert record["shared"] == [] and record["received"] == []
    assert record["missing"] == ["application_form", "id_card", "payment_account"]


@pytest.mark.parametrize("confirmed", [[], ["payment_account"], ["application_form"]])
def test_acceptance_without_naming_every_missing_item_is_refused_and_writes_nothing(
        confirmed: list[str], store: Store, verifier: Verifier, team: SimpleNamespace,
        make_intake: Callable[..., Intake]) -> None:
    with pytest.raises(MaterialsMissing) as refused:
        file_case(store, verifier, team.clerk, make_intake(), accept=True, sources=SHARED_IDENTITY,
                  received=[], confirm_missing=confirmed)
    assert refused.value.missing == {"application_form": FORM, "payment_account": ACCOUNT}
    assert str(refused.value).startswith(f"仍缺材料：{FORM}、{ACCOUNT}。须经办人确认")
    assert isinstance(refused.value, Conflict)
    assert case_count(store) == 0


def test_acceptance_naming_what_is_missing_records_it_in_the_audit(
        store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: Callable[..., Intake]) -> None:
    record, _ = file_case(store, verifier, team.clerk, make_intake(), accept=True, sources=SHARED_IDENTITY,
                          received=["application_form"], confirm_missing=["payment_account"])
    assert record.state is State.accepted and record.materials["missing"] == ["payment_account"]
    [entry] = entries(store, record.id, "case.accept")
    assert entry.after is not None
    assert entry.after["materials_missing"] == [ACCOUNT] and entry.after["missing_confirmed"] is True


def test_complete_materials_need_no_confirmation(store: Store, verifier: Verifier, team: SimpleNamespace,
                                                 make_intake: Callable[..., Intake]) -> None:
    record, _ = file_case(store, verifier, team.clerk, make_intake(), accept=True, sources=SHARED_IDENTITY,
                          received=["application_form", "payment_account"], confirm_missing=[])
    [entry] = entries(store, record.id, "case.accept")
    assert record.state is State.accepted and entry.after is not None and "materials_missing" not in entry.after


def draft_of(store: Store, verifier: Verifier, team: SimpleNamespace, make_intake: Callable[..., Intake],
             **kwargs: Any) -> cases.CaseRecord:
    return file_case(store, verifier, team.clerk, make_intake(), accept=False, sources=SHARED_IDENTITY,
                     **kwargs)[0]


def test_a_waiting_draft_is_accepted_only_on_the_confirmation(store: Store, verifier: Verifier, team: SimpleNamespace,
                                                               make_intake: Callable[..., Intake]) -> None:
    draft = draft_of(store, verifier, team, make_intake)
    with pytest.raises(MaterialsMissing):
        cases.accept_case(store, team.clerk, draft.id)
    with pytest.raises(MaterialsMissing):  # the generic move goes through the same gate
        cases.transition(store, team.clerk, draft.id, State.accepted)
    with pytest.raises(MaterialsMissing):
        cases.accept_case(store, team.clerk, draft.id, confirm_missing=["application_form"])
    unchanged = cases.get_case(store, draft.id)
    assert unchanged.state is State.draft and unchanged.version == draft.version
    with store.session(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(Ledger)) == 0
    accepted = cases.accept_case(store, team.clerk, draft.id, confirm_missing=["application_form", "payment_account"])
    assert accepted.state is State.accepted
    [entry] = entries(store, draft.id, "case.accept")
    assert entry.after is not None and entry.after["materials_missing"] == [FORM, ACCOUNT]


def test_materials_handed_in_later_are_recorded_and_audited(store: Store, verifier: Verifier,
                                                            team: SimpleNamespace,
                                                            make_intake: Callable[..., Intake]) -> None:
    draft = draft_of(store, verifier, team, make_intake)
    record = cases.supplement_materials(store, team.clerk, draft.id, ["payment_account"],
                                        expected_version=draft.version)
    assert record.state is State.draft and record.version == draft.version + 1
    assert record.materials["received"] == ["payment_account"] and record.materials["missing"] == ["application_form"]
    [entry] = entries(store, draft.id, "case.materials")
    assert entry.actor == "clerk" and entry.before == {"missing": [FORM, ACCOUNT], "version": draft.version}
    assert entry.after == {"received_now": [ACCOUNT], "missing": [FORM], "version": record.version}
    assert ACTION_LABELS["case.materials"] == "登记补正材料"
    # Complete now: accepted without a confirmation, and the acceptance says nothing was missing.
    record = cases.supplement_materials(store, team.clerk, draft.id, ["application_form"])
    accepted = cases.accept_case(store, team.clerk, draft.id)
    assert accepted.materials["missing"] == [] and accepted.materials["received"] == ["payment_account",
                                                                                      "application_form"]
    # Also after acceptance, while the case is reviewed.
    someone_else = {"name": "李四", "id_number": "44010619850101001" + id_check_character("44010619850101001")}
    other = file_case(store, verifier, team.clerk, make_intake(applicant=someone_else), accept=True,
                      sources=SHARED_IDENTITY, confirm_missing=["application_form", "payment_account"])[0]
    assert cases.supplement_materials(store, team.clerk, other.id, ["application_form"]).materials["missing"] == [
        "payment_account"]
    assert audit_ok(store)


def audit_ok(store: Store) -> bool:
    with store.session(readonly=True) as session:
        return audit.verify(session).ok


def test_supplement_refusals_are_typed_and_write_nothing(store: Store, verifier: Verifier, team: SimpleNamespace,
                                                         make_intake: Callable[..., Intake]) -> None:
    draft = draft_of(store, verifier, team, make_intake)
    with pytest.raises(InvalidInput) as not_missing:
        cases.supplement_materials(store, team.clerk, draft.id, ["id_card"])  # shared: never missing
    assert not_missing.value.field == "materials" and "不是本案尚缺的材料" in not_missing.value.reason
    with pytest.raises(InvalidInput, match="请勾选"):
        cases.supplement_materials(store, team.clerk, draft.id, [])
    with pytest.raises(PermissionDenied):
        cases.supplement_materials(store, team.reviewer, draft.id, ["application_form"])
    with pytest.raises(Conflict):
        cases.supplement_materials(store, team.clerk, draft.id, ["application_form"], expected_version=99)
    withdrawn = cases.transition(store, team.clerk, draft.id, State.withdrawn, note="申请人撤回")
    with pytest.raises(SupplementRefused, match="已撤回"):
        cases.supplement_materials(store, team.clerk, draft.id, ["application_form"])
    complete = file_case(store, verifier, team.clerk, make_intake(), accept=False, sources=SHARED_IDENTITY,
                         received=["application_form", "payment_account"])[0]
    with pytest.raises(SupplementRefused, match="没有尚缺的材料"):
        cases.supplement_materials(store, team.clerk, complete.id, ["application_form"])
    assert cases.get_case(store, draft.id).version == withdrawn.version
    assert entries(store, draft.id, "case.materials") == [] and entries(store, complete.id, "case.materials") == []
