"""审核决定书 (issue 17.2): 核发决定书 with the amount, the approver (审批人) and the account it is paid to;
不予核发决定书 with each failed rule as its fact and its exact clause, the reviewer's reason adding to them;
both issued in the deciding body's name under its document number, with the remedies naming the
reconsideration body and the court under the two statutes, the time limits in words."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from document_helpers import (
    CASE_NO,
    FAILED,
    FULL_ID,
    ISSUER,
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

NUMBER = "穗天人社技补决〔2026〕12号"
REMEDIES = ("依照《中华人民共和国行政复议法》和《中华人民共和国行政诉讼法》的规定，"
            "如不服本决定，可以自收到本决定书之日起六十日内向广州市天河区人民政府申请行政复议，"
            "或者在六个月内向广州铁路运输法院提起行政诉讼。")
WINDOW = "公共就业服务大厅"  # the service window (office(): its phone and address are printed, not its name)


def test_approval(pdf_path: Path) -> None:
    render_decision(decision(amount_yuan=2000, level=3, decided_by="周审批"), pdf_path)
    qpdf_check(pdf_path)
    assert pdf_info(pdf_path)["Pages"] == "1"
    text = flat(pdf_text(pdf_path))
    assert text.startswith(ISSUER + "技能提升补贴核发决定书" + NUMBER), "issued by the bureau, under its number"
    assert CASE_NO in text
    assert "张晓梅" in text and MASKED_ID in text and FULL_ID not in text
    assert "准予核发" in text and "不予核发" not in text
    assert "2,000元（贰仟元整）" in text
    assert "三级/高级工" in text and "车工" in text and "S000144000123174000056" in text
    assert "人社部发〔2025〕18号" in text
    assert REMEDIES in text
    assert "审批人：周审批" in text and "审核人" not in text, "the approver signs an approval as 审批人"
    assert "2026年12月3日" in text
    assert f"{ISSUER}（印章）" in text and WINDOW + "（" not in text, "the seal line names the deciding body"


def test_approval_names_the_account_masked_and_the_bank(pdf_path: Path) -> None:
    render_decision(decision(payment_kind="sscard", payment_account="6217 0033 2000 1234 567",
                             bank_name="中国建设银行"), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "补贴资金将直接发放至本人社会保障卡（金融账户）（中国建设银行，账号：6217***********4567）" in text
    assert "62170033200012345" not in text and "6217003320001234567" not in text


def test_no_window_issues_a_decision(pdf_path: Path) -> None:
    render_decision(decision(approved=False, amount_yuan=0, failed_checks=FAILED), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert WINDOW not in text.split("咨询电话")[0], "letterhead and body name the bureau, never the window"
    assert text.count(ISSUER) >= 2 and f"{ISSUER}（印章）" in text
    assert NUMBER in text


def test_rejection_states_each_fact_with_its_exact_clause(pdf_path: Path) -> None:
    render_decision(decision(approved=False, amount_yuan=0, failed_checks=[*FAILED, PASSED]), pdf_path)
    qpdf_check(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert text.startswith(ISSUER + "技能提升补贴不予核发决定书" + NUMBER)
    assert "不予核发" in text and "准予核发" not in text and "驳回" not in text
    assert "（一）累计缴纳失业保险费10个月，不满12个月（人社部发〔2017〕40号第一条第（一）项）；" in text
    assert ("（二）证书核发已超过12个月（申领期限最后一日为2026年6月1日）"
            "（人社部发〔2017〕40号第二条第（一）项）。") in text
    assert "一(一)" not in text and "二(一)" not in text, "clauses as a decision cites them"
    assert flat(PASSED.message) not in text  # a rule that passed is not a reason
    assert "元整" not in text and "账号" not in text  # no amount, no account on a rejection
    assert "本机关决定不予核发技能提升补贴" in text
    assert REMEDIES in text
    assert "审核人：王审核" in text and "审批人" not in text


def test_the_reviewers_reason_adds_to_the_facts(pdf_path: Path) -> None:
    render_decision(decision(approved=False, amount_yuan=0, failed_checks=FAILED,
                             reviewer_reason="经核实，申请人所称漏记的缴费月份不属实。"), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "累计缴纳失业保险费10个月，不满12个月（人社部发〔2017〕40号第一条第（一）项）" in text
    assert "证书核发已超过12个月" in text
    assert "（三）经核实，申请人所称漏记的缴费月份不属实。" in text


def test_a_rejection_on_the_reviewers_reason_alone_states_it_as_the_ground(pdf_path: Path) -> None:
    render_decision(decision(approved=False, amount_yuan=0, failed_checks=[PASSED],
                             reviewer_reason="证书经联网查询不存在，疑为伪造"), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "不予核发的理由（一）经审核查明：证书经联网查询不存在，疑为伪造。" in text
    assert "根据上述事实，本机关决定不予核发技能提升补贴。" in text
    assert "资格条件不符" not in text and "依据条款" not in text


def test_remedies_name_the_body_and_court_with_the_time_limits_in_words(pdf_path: Path) -> None:
    render_decision(decision(reconsideration_body="广州市人民政府", court="广州市天河区人民法院"), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert ("如不服本决定，可以自收到本决定书之日起六十日内向广州市人民政府申请行政复议，"
            "或者在六个月内向广州市天河区人民法院提起行政诉讼。") in text
    assert "《中华人民共和国行政复议法》" in text and "《中华人民共和国行政诉讼法》" in text
    assert "60日" not in text and "6个月" not in text


def test_carried_over_policy_is_said_plainly(pdf_path: Path) -> None:
    render_decision(decision(policy_note="2026 年新政策尚未载入，按 cn-2025 延续执行"), pdf_path)
    assert "按cn-2025延续执行" in flat(pdf_text(pdf_path))


def test_rejection_without_reasons_or_approval_without_amount_is_refused(pdf_path: Path) -> None:
    with pytest.raises(ValueError, match="rejection"):
        render_decision(decision(approved=False, amount_yuan=0, failed_checks=[PASSED]), pdf_path)
    with pytest.raises(ValueError, match="rejection"):
        render_decision(decision(approved=False, amount_yuan=0, failed_checks=[], reviewer_reason="  "), pdf_path)
    with pytest.raises(ValueError, match="approval"):
        render_decision(decision(amount_yuan=0), pdf_path)
    assert not pdf_path.exists()


@pytest.mark.parametrize("name", ["issuer", "doc_number", "reconsideration_body", "court"])
def test_a_decision_without_its_issuer_number_or_remedies_is_refused(pdf_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        render_decision(dataclasses.replace(decision(), **{name: " "}), pdf_path)
    assert not pdf_path.exists()


@pytest.mark.parametrize("approved", [True, False])
def test_long_texts_wrap_inside_the_page(pdf_path: Path, approved: bool) -> None:
    data = decision(
        approved=approved,
        amount_yuan=1500 if approved else 0,
        failed_checks=[] if approved else FAILED,
        reviewer_reason="" if approved else "经现场核查，" + LONG_OCCUPATION,
        applicant_name=LONG_NAME,
        occupation_name=LONG_OCCUPATION,
        office=office(address=LONG_ADDRESS),
        issuer="新疆维吾尔自治区伊犁哈萨克自治州人力资源和社会保障局社会保险事业管理中心",
        reconsideration_body="伊犁哈萨克自治州人民政府",
        court="伊宁市人民法院",
    )
    render_decision(data, pdf_path)
    page = PAGE_FORMATS["a4"]
    assert_inside_margins(pdf_path, page.margin_x, hang=page.base_size * 1.1)
    assert_no_overlaps(pdf_path)
    assert LONG_OCCUPATION in flat(pdf_text(pdf_path))
