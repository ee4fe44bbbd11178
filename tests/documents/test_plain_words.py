"""Issue 17.5: no internal identifiers on paper handed to an applicant or an employer.

The policy applied is named by its documents (《…通知》（人社部发〔2017〕40号）, 人社部发〔2025〕18号), a
carried-over policy says "延续执行" of those documents, never "cn-2025 …延续执行" (POLICY.md §2: every
verdict, receipt and report says which policy applies and that it is carried over — "plainly"); no
policy or overlay id (cn-2017 …, gd-2023 …), lifecycle state or rule code reaches the paper.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from document_helpers import flat, pdf_text

from desktop.documents.case_documents import issue_decision, issue_receipt
from desktop.documents.outreach_lists import issue_outreach_lists
from desktop.documents.policy_words import INTERNAL_ID, policy_basis, policy_note
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, transition
from desktop.models.checklist import Source, SourceKind
from desktop.models.intake import file_case
from desktop.models.outreach import OutreachRow, Screening
from desktop.models.rules import Verifier
from desktop.models.staff import StaffUser
from desktop.models.store import Store

STATES = ("draft", "accepted", "under_review", "rejected", "publicized", "approved", "paid", "payment_failed",
          "withdrawn")
RULES = ("id_number", "contribution_months", "certificate_date", "certificate_level", "certificate_number",
         "application_window", "insured_region", "enterprise_employee", "duplicate_subsidy", "yearly_limit",
         "lower_level")
CODE_WORD = re.compile(rf"(?<![A-Za-z_])({'|'.join(STATES + RULES)})(?![A-Za-z_])")

# An application of 2026: no 2026 notice is loaded, so cn-2025 carries over (POLICY.md §2).
CARRIED = {"application_date": "2026-11-20",
           "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                           "occupation_code": "6-18-01-01", "occupation_name": "车工", "issue_date": "2026-03-02",
                           "shortage": False}}


def assert_plain(text: str) -> None:
    assert not INTERNAL_ID.search(text), f"internal id on paper: {INTERNAL_ID.search(text)}"
    assert not CODE_WORD.search(text), f"internal code on paper: {CODE_WORD.search(text)}"


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def people(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role: make_staff(role, role) for role in ("clerk", "reviewer", "approver")}


def carried_case(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                 make_intake: Callable[..., Intake], reason: str | None = None, **overrides: Any) -> CaseRecord:
    record, _ = file_case(store, verifier, people["clerk"], make_intake(**{**CARRIED, **overrides}), accept=True,
                          reason=reason, sources={"identity": Source(SourceKind.ONLINE)},
                          received=("application_form", "payment_account"))
    assert record.verdict["policy"] == "cn-2025" and record.verdict["policy_carried_over"]
    assert "cn-2025" in record.verdict["policy_note"], "the verdict JSON keeps the id (staff and CONTRACTS)"
    return record


def test_policy_words_name_the_documents_and_the_carry_over_pol_2(verifier: Verifier) -> None:
    policy = verifier.book.for_case(dt.date(2026, 11, 20), "440100")
    assert policy.carried_over
    note = policy_note(policy, dt.date(2026, 11, 20), book=verifier.book)
    assert note.startswith("人社部发〔2025〕18号等文件规定的技能提升补贴政策已于2025年12月31日到期，"
                           "2026年新政策尚未公布")
    assert "延续执行" in note and not INTERNAL_ID.search(note)
    basis = policy_basis(policy, {"人社部发〔2017〕40号": "关于失业保险支持参保职工提升职业技能有关问题的通知"})
    assert basis.startswith("人社部发〔2025〕18号、")
    assert basis.endswith("《关于失业保险支持参保职工提升职业技能有关问题的通知》（人社部发〔2017〕40号）")


def test_unconfirmed_local_standards_are_named_by_title_not_by_id_pol_2(verifier: Verifier) -> None:
    policy = verifier.book.for_case(dt.date(2023, 6, 1), "440106")
    assert policy.unconfirmed, "gd-2023 is unconfirmed: left out, and said so"
    note = policy_note(policy, dt.date(2023, 6, 1), book=verifier.book)
    assert "广东省2023年技能提升补贴地方标准" in note and "未予适用" in note and "人社部发〔2022〕23号" in note
    assert not INTERNAL_ID.search(note) and "POLICY.md" not in note


@pytest.mark.parametrize("fmt", ["a4", "80mm"])
def test_a_receipt_under_a_carried_over_policy_says_it_in_words_pol_2(
        fmt: str, store: Store, verifier: Verifier, people: dict[str, StaffUser],
        make_intake: Callable[..., Intake], tmp_path: Path) -> None:
    case = carried_case(store, verifier, people, make_intake)
    text = flat(pdf_text(issue_receipt(store, verifier, people["clerk"], case.case_no, tmp_path / "r.pdf",
                                       format=fmt).path))
    assert "人社部发〔2025〕18号" in text and "延续执行" in text
    assert ("《人力资源社会保障部财政部关于失业保险支持参保职工提升职业技能有关问题的通知》（人社部发〔2017〕40号）"
            in text), "a checked title with its number"
    assert_plain(text)


def test_decisions_under_a_carried_over_policy_say_it_in_words_pol_2(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], make_intake: Callable[..., Intake],
        tmp_path: Path, decision_settings: dict[str, str]) -> None:
    case = carried_case(store, verifier, people, make_intake, reason="申请人称有漏记", contribution_months=6)
    case = transition(store, people["reviewer"], case.id, State.under_review)
    case = transition(store, people["reviewer"], case.id, State.rejected, note="经核实缴费不足")
    text = flat(pdf_text(issue_decision(store, verifier, people["reviewer"], case.case_no, tmp_path / "d.pdf").path))
    assert "不予核发" in text and "延续执行" in text and "人社部发〔2025〕18号" in text
    assert_plain(text)


def test_employer_lists_say_the_policy_in_words_pol_2(store: Store, verifier: Verifier,
                                                      people: dict[str, StaffUser], tmp_path: Path) -> None:
    policy = verifier.book.for_case(dt.date(2026, 11, 27), "440100")
    row = OutreachRow(id_number="11010519491231002X", name="张晓梅", phone="13800138000",
                      employer_uscc="91440101MA5PARK00X", employer_name="广州开发区甲电子有限公司",
                      insured_region="440106", certificate_number="S000144000123174000056",
                      certificate_kind="skill_level", occupation_code="6-18-01-01", occupation_name="车工", level=4,
                      issue_date=dt.date(2026, 3, 2), window_ends=dt.date(2027, 3, 2), window_provisional=False,
                      amount_yuan=1500, shortage=False)
    screening = Screening(today=dt.date(2026, 11, 27), office_code="440100", policy_label=policy.label,
                          policy_carried_over=True, policy_note=policy.note, rows=(row,), candidates=1,
                          insured_as_of=None, certificates_as_of=None)
    assert "cn-2025" in screening.policy_note
    issued = issue_outreach_lists(store, screening, tmp_path / "lists", actor=people["clerk"], verifier=verifier)
    text = flat(pdf_text(issued.files[0]))
    assert "人社部发〔2025〕18号" in text and "延续执行" in text
    assert_plain(text)
