"""一次性告知书: every missing item with how to get it, the last day, tied to the case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from document_helpers import (
    CASE_NO,
    FULL_ID,
    LONG_ADDRESS,
    LONG_NAME,
    LONG_OCCUPATION,
    MASKED_ID,
    assert_inside_margins,
    assert_no_overlaps,
    flat,
    notice,
    office,
    pdf_info,
    pdf_text,
    qpdf_check,
)

from desktop.documents import Material, render_notice
from desktop.documents.layout import PAGE_FORMATS
from desktop.models.checklist import ChecklistItem


def test_notice_lists_every_missing_item_with_how_to_get_it(pdf_path: Path) -> None:
    render_notice(notice(), pdf_path)
    qpdf_check(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "一次性告知书" in text
    assert CASE_NO in text
    assert "张晓梅" in text and MASKED_ID in text and FULL_ID not in text
    assert "一次性告知" in text
    assert "不再要求您补充其他材料" in text  # nothing beyond this list will be asked for
    assert "技能提升补贴申请表（含诚信承诺）" in text and "在窗口领取或在网上服务平台下载，本人签名" in text
    assert "职业技能等级证书" in text and "联网系统未查到该证书，请携带证书原件" in text
    assert "2027年6月1日" in text
    assert "暂定" not in text
    assert "李四" in text and "2026年11月27日10:05" in text
    assert "经办人" in text and "单位盖章" in text and "申请人（签收）" in text


def test_checklist_items_are_accepted_as_they_are(pdf_path: Path) -> None:
    items = [
        ChecklistItem("form", "申请表", "窗口领取，本人签名", needed=True, received=False, reason="窗口领取"),
        ChecklistItem("bank", "本人银行卡", "携带本人名下借记卡", needed=True, received=False, reason="借记卡"),
        ChecklistItem("id", "身份证", "已核验", needed=False, received=False, reason="已通过信息共享获取"),
    ]
    render_notice(notice(missing=[i for i in items if i.missing]), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "申请表" in text and "窗口领取，本人签名" in text
    assert "本人银行卡" in text and "携带本人名下借记卡" in text
    assert "身份证" not in text  # not needed: obtained by information sharing


def test_provisional_last_day_is_marked(pdf_path: Path) -> None:
    render_notice(notice(window_last_day=dt.date(2027, 10, 8), window_provisional=True), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "2027年10月8日" in text and "暂定" in text


def test_nothing_missing_says_so(pdf_path: Path) -> None:
    render_notice(notice(missing=[]), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "申请材料已齐全" in text
    assert "尚需补充的材料" not in text


def test_long_texts_wrap_inside_the_page(pdf_path: Path) -> None:
    data = notice(
        applicant_name=LONG_NAME,
        office=office(address=LONG_ADDRESS),
        missing=[Material(LONG_OCCUPATION + "职业技能等级证书", "请到" + LONG_ADDRESS + "的证书服务窗口" * 3)] * 8,
    )
    render_notice(data, pdf_path)
    page = PAGE_FORMATS["a4"]
    assert_inside_margins(pdf_path, page.margin_x, hang=page.base_size * 1.1)
    assert_no_overlaps(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert LONG_OCCUPATION in text and LONG_ADDRESS in text
    # Eight long rows run onto a second page, numbered.
    assert int(pdf_info(pdf_path)["Pages"]) >= 2
    assert "第1页／共2页" in text or "第1页／共3页" in text


@pytest.mark.parametrize("missing", [[], [Material("申请表", "窗口领取")]])
def test_naive_issue_time_is_refused(pdf_path: Path, missing: list[Material]) -> None:
    with pytest.raises(ValueError, match="时区"):
        render_notice(notice(missing=missing, issued_at=dt.datetime(2026, 11, 27, 10, 5)), pdf_path)


def test_notice_says_what_was_received_and_what_sharing_checked_policy_4(pdf_path: Path) -> None:
    """POLICY.md §4: the notice states the materials in three kinds and never sends the applicant to print
    the contribution record or the certificate (the office checks them, 40号 二(二))."""
    office_line = "参保缴费记录、证书信息未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"
    render_notice(notice(received=["本人银行卡或具有金融功能的社会保障卡"],
                         shared=["身份信息：本地同步数据（截至2026年11月27日 08:00），免于提供居民身份证"],
                         office_checking=[office_line]), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "已收取的材料" in text and "本人银行卡或具有金融功能的社会保障卡" in text
    assert "身份信息：本地同步数据（截至2026年11月27日08:00），免于提供居民身份证" in text
    assert office_line in text
    assert "证书和失业保险参保缴费记录由本机构联网查询、比对核查，无需您提供，也无需到别处打印" in text
    assert int(pdf_info(pdf_path)["Pages"]) == 1


def test_notice_cites_the_zhanchi_notice_by_issuer_and_date_not_an_unconfirmed_title(pdf_path: Path) -> None:
    """Issue 15.8: the seed's 展翅行动 text has no title line and POLICY.md no complete number: the notice
    names its issuer and date instead of a title in 《》."""
    render_notice(notice(), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "人力资源社会保障部办公厅2018年4月22日“展翅行动”通知" in text
    assert "《人力资源社会保障部办公厅关于实施" not in text


# --- one term, the 查询码, the roll and the deadline (issue 17.3) ----------------------------------------------


@pytest.mark.parametrize("fmt", ["a4", "80mm"])
def test_notice_says_受理编号_prints_the_lookup_code_and_an_inclusive_deadline_17_3(pdf_path: Path, fmt: str) -> None:
    render_notice(notice(lookup_code="K7PQ2M"), pdf_path, format=fmt)  # type: ignore[arg-type]
    qpdf_check(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "案件编号" not in text and f"受理编号{CASE_NO}" in text  # the receipt's term
    assert "查询码K7PQ2M" in text and f"凭受理编号{CASE_NO}和查询码K7PQ2M查询办理进度" in text
    assert "期限至2027年6月1日（含）" in text and "2027年6月1日前" not in text
    # Everything of the A4 notice is on the roll too: each item with how to get it, the other kinds, the promise.
    for line in ("技能提升补贴申请表（含诚信承诺）", "在窗口领取或在网上服务平台下载，本人签名",
                 "职业技能等级证书", "联网系统未查到该证书，请携带证书原件", "不再要求您补充其他材料"):
        assert line in text
    assert "已收取" in text and MASKED_ID in text and FULL_ID not in text
    assert pdf_info(pdf_path)["Pages"] == "1"


def test_80mm_notice_is_80mm_wide_and_stays_inside_the_roll(pdf_path: Path) -> None:
    long_item = Material(LONG_OCCUPATION + "职业技能等级证书", "请到" + LONG_ADDRESS + "的证书服务窗口")
    render_notice(notice(lookup_code="K7PQ2M", office=office(address=LONG_ADDRESS), missing=[long_item]),
                  pdf_path, format="80mm")
    width = float(pdf_info(pdf_path)["Page size"].split()[0])
    assert width == pytest.approx(226.77, abs=0.01)  # 80 mm
    page = PAGE_FORMATS["80mm"]
    assert_inside_margins(pdf_path, page.margin_x, hang=page.base_size * 1.1)
    assert_no_overlaps(pdf_path)
    assert LONG_OCCUPATION in flat(pdf_text(pdf_path))


def test_notice_without_a_lookup_code_does_not_mention_one(pdf_path: Path) -> None:
    render_notice(notice(), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "查询码" not in text and f"凭受理编号{CASE_NO}查询办理进度" in text
