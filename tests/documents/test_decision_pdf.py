"""审核决定书: approval with the amount in figures and capitals; rejection with every
reason and clause; the appeal wording on both."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_helpers import (
    CASE_NO,
    FAILED,
    FULL_ID,
    LONG_ADDRESS,
    LONG_NAME,
    LONG_OCCUPATION,
    MASKED_ID,
    PASSED,
    assert_inside_margins,
    assert_no_overlaps,
    decision,
    flat,
    office,
    pdf_info,
    pdf_text,
    qpdf_check,
)

from desktop.documents import render_decision
from desktop.documents.layout import PAGE_FORMATS

APPEAL = "如不服本决定，可在收到之日起60日内申请行政复议，或6个月内提起行政诉讼。"


def test_approval(pdf_path: Path) -> None:
    render_decision(decision(amount_yuan=2000, level=3), pdf_path)
    qpdf_check(pdf_path)
    assert pdf_info(pdf_path)["Pages"] == "1"
    text = flat(pdf_text(pdf_path))
    assert "审核决定书" in text
    assert CASE_NO in text
    assert "张晓梅" in text and MASKED_ID in text and FULL_ID not in text
    assert "准予核发" in text and "不予核发" not in text
    assert "2,000元（贰仟元整）" in text
    assert "三级/高级工" in text and "车工" in text and "S000144000123174000056" in text
    assert "人社部发〔2025〕18号" in text
    assert APPEAL in text
    assert "广州铁路运输法院" in text  # the office's appeal hint
    assert "王审核" in text and "2026年12月3日" in text
    assert "单位盖章" in text and "日期" in text


def test_rejection_lists_each_failed_rule_reason_and_clause(pdf_path: Path) -> None:
    render_decision(decision(approved=False, amount_yuan=0, failed_checks=[*FAILED, PASSED]), pdf_path)
    qpdf_check(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "不予核发" in text and "准予核发" not in text
    for check in FAILED:
        assert flat(check.message) in text
        assert flat(check.basis) in text
    assert "失业保险缴费" in text and "申请期限" in text  # the rules by their plain names
    assert flat(PASSED.message) not in text  # a rule that passed is not a reason
    assert "元整" not in text  # no amount on a rejection
    assert APPEAL in text


def test_carried_over_policy_is_said_plainly(pdf_path: Path) -> None:
    render_decision(decision(policy_note="2026 年新政策尚未载入，按 cn-2025 延续执行"), pdf_path)
    assert "按cn-2025延续执行" in flat(pdf_text(pdf_path))


def test_rejection_without_reasons_or_approval_without_amount_is_refused(pdf_path: Path) -> None:
    with pytest.raises(ValueError, match="rejection"):
        render_decision(decision(approved=False, amount_yuan=0, failed_checks=[PASSED]), pdf_path)
    with pytest.raises(ValueError, match="approval"):
        render_decision(decision(amount_yuan=0), pdf_path)
    assert not pdf_path.exists()


@pytest.mark.parametrize("approved", [True, False])
def test_long_texts_wrap_inside_the_page(pdf_path: Path, approved: bool) -> None:
    data = decision(
        approved=approved,
        amount_yuan=1500 if approved else 0,
        failed_checks=[] if approved else FAILED,
        applicant_name=LONG_NAME,
        occupation_name=LONG_OCCUPATION,
        office=office(address=LONG_ADDRESS),
        appeal_hint="向" + LONG_ADDRESS + "所在地人民政府申请行政复议",
    )
    render_decision(data, pdf_path)
    page = PAGE_FORMATS["a4"]
    assert_inside_margins(pdf_path, page.margin_x, hang=page.base_size * 1.1)
    assert_no_overlaps(pdf_path)
    assert LONG_OCCUPATION in flat(pdf_text(pdf_path))
