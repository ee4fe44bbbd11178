"""Issue 17.9: the documents a case lacked — a payment-failure notice asking for a new account (补正通知) for a
case whose payment the bank returned, and a withdrawal confirmation for a withdrawn case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from dbfile import opened_copy
from document_helpers import FULL_ID, MASKED_ID, flat, pdf_info, pdf_text, qpdf_check

from desktop.documents import case_documents
from desktop.documents.case_documents import (
    documents_of,
    issue_payment_notice,
    issue_withdrawal,
    printable_kinds,
)
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, transition
from desktop.models.checklist import Source, SourceKind
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.intake import file_case
from desktop.models.rules import Verifier
from desktop.models.staff import StaffUser
from desktop.models.store import Store


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def people(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role: make_staff(role, role) for role in ("clerk", "reviewer", "approver", "auditor")}


@pytest.fixture
def new_case(store: Store, verifier: Verifier, people: dict[str, StaffUser],
             make_intake: Callable[..., Intake]) -> Callable[..., CaseRecord]:
    def make(*, accept: bool = True, **overrides: Any) -> CaseRecord:
        record, _ = file_case(store, verifier, people["clerk"], make_intake(**overrides), accept=accept,
                              reason=None, sources={"identity": Source(SourceKind.ONLINE)},
                              received=("application_form", "payment_account"))
        return record

    return make


# --- the payment-failure notice (补正通知) ---------------------------------------------------------------


def test_a_failed_payment_gets_a_notice_asking_for_an_account_not_the_approval_again_pol_1(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        advance: Any, tmp_path: Path, decision_settings: dict[str, str]) -> None:
    """40号 二(三): paid directly to the applicant's own account; when the bank returns it, the applicant is
    told in writing why and what to bring to name a new one of his own."""
    case = advance(new_case(), State.payment_failed)
    assert "payment_notice" in printable_kinds(people["clerk"], case)
    assert "decision" not in printable_kinds(people["clerk"], case), "not the approval letter again"
    issued = issue_payment_notice(store, verifier, people["clerk"], case.case_no, tmp_path / "p.pdf")
    assert issued.kind == "payment_notice" and issued.reprint_count == 0
    text = flat(pdf_text(issued.path))
    assert "技能提升补贴发放失败补正通知书" in text and case.case_no in text
    assert "账户已销户" in text or "银行退回" in text
    assert "1,500元" in text and "壹仟伍佰元整" in text
    assert "6222***********3445" in text and "6222020200112233445" not in text
    assert MASKED_ID in text and FULL_ID not in text
    assert "补正收款账户" in text and "本人名下" in text and "不向他人账户发放" in text
    assert "技能提升补贴核发决定书" not in text, "a notice of its own, not the approval letter again"
    qpdf_check(issued.path)
    [entry] = documents_of(store, case.id)
    assert entry.kind == "payment_notice"


def test_the_payment_notice_is_only_for_a_failed_payment(store: Store, verifier: Verifier,
                                                          people: dict[str, StaffUser],
                                                          new_case: Callable[..., CaseRecord],
                                                          advance: Any, tmp_path: Path) -> None:
    paid = advance(new_case(), State.paid)
    with pytest.raises(InvalidInput) as refused:
        issue_payment_notice(store, verifier, people["clerk"], paid.case_no, tmp_path / "p.pdf")
    assert refused.value.field == "CASE_NO" and "发放失败" in refused.value.reason
    assert not (tmp_path / "p.pdf").exists()


# --- the withdrawal confirmation ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["a4", "80mm"])
def test_a_withdrawn_case_gets_a_confirmation(fmt: str, store: Store, verifier: Verifier,
                                              people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
                                              tmp_path: Path) -> None:
    case = new_case(application_date="2026-11-20",
                    certificate={"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                                 "occupation_code": "6-18-01-01", "occupation_name": "车工",
                                 "issue_date": "2026-03-02", "shortage": False})
    case = transition(store, people["clerk"], case.id, State.withdrawn, note="申请人另有安排，本人申请撤回")
    assert printable_kinds(people["clerk"], case) == ("withdrawal",)
    issued = issue_withdrawal(store, verifier, people["clerk"], case.case_no, tmp_path / "w.pdf", format=fmt)
    assert issued.kind == "withdrawal" and issued.format == fmt
    text = flat(pdf_text(issued.path))
    assert "技能提升补贴申请撤回确认书" in text and case.case_no in text
    assert "2026年11月20日" in text and "2026年11月27日" in text  # applied, withdrawn
    assert "申请人另有安排，本人申请撤回" in text and "终止办理" in text
    assert "至2027年3月2日（含）" in text and "重新申请" in text
    assert MASKED_ID in text and FULL_ID not in text
    assert "申请人（签字）" in text or "申请人签收" in text
    if fmt == "80mm":
        assert float(pdf_info(issued.path)["Page size"].split()[0]) == pytest.approx(226.77, abs=0.01)


def test_a_withdrawal_confirmation_is_only_for_a_withdrawn_case_and_for_counter_staff(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        tmp_path: Path) -> None:
    case = new_case()
    with pytest.raises(InvalidInput) as refused:
        issue_withdrawal(store, verifier, people["clerk"], case.case_no, tmp_path / "w.pdf")
    assert refused.value.field == "CASE_NO" and "撤回" in refused.value.reason
    case = transition(store, people["clerk"], case.id, State.withdrawn, note="本人撤回")
    with pytest.raises(PermissionDenied):
        issue_withdrawal(store, verifier, people["auditor"], case.case_no, tmp_path / "w.pdf")
    assert not (tmp_path / "w.pdf").exists()


def test_the_window_issues_both_into_the_data_folder(store: Store, verifier: Verifier,
                                                     people: dict[str, StaffUser],
                                                     new_case: Callable[..., CaseRecord], tmp_path: Path) -> None:
    case = transition(store, people["clerk"], new_case(accept=False).id, State.withdrawn, note="本人撤回")
    issued = case_documents.issue_to_data_folder(store, verifier, people["clerk"], case.id, "withdrawal",
                                                 format="80mm")
    assert issued.format == "80mm" and issued.path.name.startswith("withdrawal-80mm-")
    assert issued.path.read_bytes().startswith(b"ZHSEAL")  # the window's copy is sealed (issue 20.1)
    text = flat(pdf_text(opened_copy(issued.path, tmp_path)))
    assert "尚未受理" in text and dt.date(2026, 11, 27).year == 2026
