"""受理回执 as the applicant reads it: A4 and the 80 mm thermal roll."""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from pathlib import Path

import pytest
from document_helpers import (
    CASE_NO,
    FULL_ID,
    LONG_ADDRESS,
    LONG_NAME,
    LONG_OCCUPATION,
    LOOKUP,
    MASKED_ID,
    PUBLIC_URL,
    assert_inside_margins,
    assert_no_overlaps,
    decode_qr,
    flat,
    office,
    pdf_info,
    pdf_text,
    pdf_words,
    qpdf_check,
    receipt,
)
from reportlab.lib.units import mm

from desktop.documents import render_receipt
from desktop.documents.layout import PAGE_FORMATS
from desktop.documents.qr import receipt_qr_payload

FORMATS = ["a4", "80mm"]
LONG_OFFICE = "广州市天河区人力资源和社会保障局公共就业和人才服务中心天河北分中心综合服务大厅"


@pytest.mark.parametrize("fmt", FORMATS)
def test_receipt_text(pdf_path: Path, fmt: str) -> None:
    render_receipt(receipt(), pdf_path, format=fmt)  # type: ignore[arg-type]
    qpdf_check(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "技能提升补贴受理回执" in text
    assert "广州市天河区人力资源和社会保障局公共就业服务大厅" in text
    assert CASE_NO in text and LOOKUP in text
    assert "张晓梅" in text
    assert MASKED_ID in text
    assert FULL_ID not in text
    assert "S000144000123174000056" in text
    assert "职业技能等级证书" in text
    assert "四级/中级工" in text
    assert "车工" in text and "6-18-01-01" in text
    assert "预计补贴金额" in text
    assert "1,500元（壹仟伍佰元整）" in text
    assert "以审核结果为准" in text
    assert "技能提升补贴申请表（含诚信承诺）" in text and "社会保障卡复印件" in text
    assert "审核时限" in text and "至2026年12月4日（含）" in text and "2026年12月4日前" not in text
    assert "暂定" not in text
    assert "12333" in text  # how to check progress
    assert "李四" in text
    assert "2026年11月27日10:05" in text  # 02:05 UTC shown in Beijing time
    assert "人社部发〔2025〕18号" in text
    assert "经办人" in text and "单位盖章" in text and "日期" in text
    assert "临时回执" not in text and "补打" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_provisional_reprint_and_carried_over_policy_are_said_plainly(pdf_path: Path, fmt: str) -> None:
    data = receipt(
        provisional=True,
        reprint_count=2,
        printed_at=dt.datetime(2026, 11, 28, 3, 0, tzinfo=dt.UTC),
        review_deadline=dt.date(2027, 1, 8),
        review_deadline_provisional=True,
        policy_note="2026 年新政策尚未载入，按 cn-2025 延续执行",
    )
    render_receipt(data, pdf_path, format=fmt)  # type: ignore[arg-type]
    text = flat(pdf_text(pdf_path))
    assert "临时回执：待联网查重后确认" in text
    assert "补打" in text and "第2次补打" in text
    assert "2026年11月28日11:00" in text
    assert "至2027年1月8日（含）" in text and "暂定" in text
    assert "延续执行" in text


def test_accepted_time_is_printed_in_office_time_whatever_the_clock_zone(pdf_path: Path) -> None:
    # 23:30 UTC on the 26th is 07:30 on the 27th in Beijing.
    render_receipt(receipt(accepted_at=dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "2026年11月27日07:30" in text
    assert "日期：2026年11月27日" in text


def test_naive_time_is_refused(pdf_path: Path) -> None:
    with pytest.raises(ValueError, match="时区"):
        render_receipt(receipt(accepted_at=dt.datetime(2026, 11, 27, 10, 5)), pdf_path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_qr_is_the_progress_link_with_case_number_and_lookup_code_only(pdf_path: Path, fmt: str) -> None:
    """Issue 19.1 / 17.4: a phone opens the progress page; the code travels in the fragment."""
    render_receipt(receipt(), pdf_path, format=fmt)  # type: ignore[arg-type]
    payloads = decode_qr(pdf_path)
    assert payloads == [receipt_qr_payload(PUBLIC_URL, CASE_NO, LOOKUP)]
    assert payloads[0] == f"{PUBLIC_URL}/p/{CASE_NO}#{LOOKUP}"
    assert FULL_ID not in payloads[0] and FULL_ID[:6] + FULL_ID[-4:] not in payloads[0]
    assert "张" not in payloads[0]
    assert "手机扫码查询进度" in flat(pdf_text(pdf_path))


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_a_public_address_there_is_no_qr_only_the_written_way(pdf_path: Path, fmt: str) -> None:
    render_receipt(receipt(public_url=""), pdf_path, format=fmt)  # type: ignore[arg-type]
    assert decode_qr(pdf_path) == []
    text = flat(pdf_text(pdf_path))
    assert "扫码" not in text and f"凭受理编号{CASE_NO}和查询码{LOOKUP}查询办理进度" in text


def test_a4_receipt_fits_one_page_even_provisional_and_reprinted(pdf_path: Path) -> None:
    render_receipt(receipt(provisional=True, reprint_count=3, policy_note="按 cn-2025 延续执行"), pdf_path)
    info = pdf_info(pdf_path)
    assert info["Pages"] == "1"
    assert info["Page size"].startswith("595.276 x 841.89")


def _roll_geometry(path: Path) -> tuple[float, float, float]:
    info = pdf_info(path)
    assert info["Pages"] == "1"
    width, _, height = info["Page size"].split()[:3]
    words = pdf_words(path)[0].words
    return float(width), float(height), max(w[3] for w in words)


def test_80mm_receipt_is_80mm_wide_and_as_tall_as_its_content(tmp_path: Path) -> None:
    short, tall = tmp_path / "short.pdf", tmp_path / "tall.pdf"
    render_receipt(receipt(), short, format="80mm")
    many = [f"第{i}项材料：某某证明材料复印件" for i in range(1, 13)]
    render_receipt(receipt(materials_received=many, provisional=True, reprint_count=1), tall, format="80mm")
    bottom_margin = PAGE_FORMATS["80mm"].margin_bottom
    heights = []
    for path in (short, tall):
        width, height, last_text_bottom = _roll_geometry(path)
        assert width == pytest.approx(226.77, abs=0.01)  # 80 mm
        # The last line sits just above the bottom margin: no blank tail, nothing cut off.
        gap = height - last_text_bottom
        assert bottom_margin <= gap <= bottom_margin + 4 * mm, f"{path.name}: {gap:.1f} pt under the last line"
        heights.append(height)
        qpdf_check(path)
    assert heights[1] > heights[0] + 12 * 10  # twelve more lines of materials, two banners


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_names_addresses_and_occupations_wrap_inside_the_page(pdf_path: Path, fmt: str) -> None:
    assert len(LONG_OCCUPATION) >= 60 and len(LONG_ADDRESS) >= 30
    data = receipt(
        applicant_name=LONG_NAME,
        occupation_name=LONG_OCCUPATION,
        office=office(address=LONG_ADDRESS, name=LONG_OFFICE),
        clerk_name="欧阳某某某某某某某某某某某某某某某某",
        materials_received=[LONG_OCCUPATION + "职业技能等级证书复印件（加盖用人单位公章）"],
        policy_note="cn-2025 已于 2025-12-31 到期，2026 年新政策尚未载入，按 cn-2025 延续执行，待新政策公布后为准",
    )
    render_receipt(data, pdf_path, format=fmt)  # type: ignore[arg-type]
    page = PAGE_FORMATS[fmt]
    assert_inside_margins(pdf_path, page.margin_x, hang=page.base_size * 1.1)
    assert_no_overlaps(pdf_path)
    text = flat(pdf_text(pdf_path))
    assert LONG_OCCUPATION in text
    assert LONG_ADDRESS in text
    assert flat(LONG_NAME) in text


def test_text_from_data_is_printed_as_typed_not_as_markup(pdf_path: Path) -> None:
    render_receipt(receipt(occupation_name="车工<b>&amp;</b>", applicant_name="张&三"), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "车工<b>&amp;</b>" in text
    assert "张&三" in text


def test_writes_to_a_stream_and_atomically_to_a_path(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    render_receipt(receipt(), buffer, format="80mm")
    assert buffer.getvalue().startswith(b"%PDF-")
    path = tmp_path / "receipt.pdf"
    render_receipt(receipt(), path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["receipt.pdf"]  # no temporary file left behind


def test_rejects_unknown_format_and_negative_reprint(pdf_path: Path) -> None:
    with pytest.raises(ValueError, match="paper format"):
        render_receipt(receipt(), pdf_path, format="a5")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        render_receipt(receipt(reprint_count=-1), pdf_path)
    assert not pdf_path.exists()


def test_render_is_fast_once_the_font_is_registered() -> None:
    render_receipt(receipt(), io.BytesIO())  # registers the font
    timings = []
    for fmt in FORMATS:
        for _ in range(5):
            start = time.perf_counter()
            render_receipt(receipt(), io.BytesIO(), format=fmt)  # type: ignore[arg-type]
            timings.append(time.perf_counter() - start)
    # ~25 ms on the development machine; generous for a busy CI runner.
    assert statistics.median(timings) < 0.2


# --- materials in POLICY.md §4's three kinds (issue 15.7) ---------------------------------------------------

FORM = "《技能提升补贴申请表》（含申请人诚信承诺）"
SHARED = "身份信息：在线核验（2026年11月27日 10:00查询），免于提供居民身份证"
ACCOUNT = "本人银行卡或具有金融功能的社会保障卡"
OFFICE = "参保缴费记录、证书信息未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"


@pytest.mark.parametrize("fmt", FORMATS)
def test_materials_are_said_as_received_shared_and_missing_policy_4(pdf_path: Path, fmt: str) -> None:
    data = receipt(materials_received=[FORM], materials_shared=[SHARED], materials_missing=[ACCOUNT],
                   office_checking=[OFFICE], provisional=True, reprint_count=1)
    render_receipt(data, pdf_path, format=fmt)  # type: ignore[arg-type]
    text = flat(pdf_text(pdf_path))
    for line in (FORM, SHARED, ACCOUNT, OFFICE):
        assert flat(line) in text
    assert "已收取" in text and "尚缺材料" in text
    assert ("共享核验" if fmt == "80mm" else "信息共享核验") in text
    assert pdf_info(pdf_path)["Pages"] == "1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_received_or_shared_is_never_claimed_as_shared_policy_4(pdf_path: Path, fmt: str) -> None:
    """An empty received list once printed 无（所需信息均已通过信息共享获取） whatever was shared."""
    render_receipt(receipt(materials_received=[], materials_missing=[FORM, ACCOUNT]), pdf_path,
                   format=fmt)  # type: ignore[arg-type]
    text = flat(pdf_text(pdf_path))
    assert "所需信息均已通过信息共享获取" not in text
    assert "无（未通过信息共享核验任何信息）" in text
    assert flat(FORM) in text and flat(ACCOUNT) in text


# --- who applied and where the money goes (issue 17.3) -------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_receipt_carries_the_employer_the_masked_account_and_the_bank_17_3(pdf_path: Path, fmt: str) -> None:
    data = receipt(employer_name="广州白云精密机械有限公司", payment_kind="bank",
                   payment_account="6222 0202 0011 2233 445", bank_name="中国工商银行广州天河支行")
    render_receipt(data, pdf_path, format=fmt)  # type: ignore[arg-type]
    text = flat(pdf_text(pdf_path))
    assert "工作单位" in text and "广州白云精密机械有限公司" in text
    assert "发放账户" in text and "本人银行账户6222***********3445（开户银行：中国工商银行广州天河支行）" in text
    assert "6222020200112233445" not in text  # never the whole account on paper
    assert "受理编号" in text and "案件编号" not in text  # one term (the notice says it too)
    assert pdf_info(pdf_path)["Pages"] == "1"


def test_a_social_security_card_is_named_as_such_17_3(pdf_path: Path) -> None:
    render_receipt(receipt(payment_kind="sscard", payment_account="6217001234567890123", bank_name=""), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "本人社会保障卡（金融账户）6217***********0123（开户银行：未填写）" in text


def test_a_long_a4_receipt_is_set_smaller_to_stay_on_one_sheet(pdf_path: Path) -> None:
    """A carried-over policy's note and a reprint's banners made a real receipt spill its signature lines
    onto a second sheet (issue 16.13 found it: two sheets, twice the printing): the text steps down
    from 10.5 points until the whole receipt, signatures included, is on one page."""
    note = ("人社部发〔2025〕18号等文件规定的技能提升补贴政策已于2025年12月31日到期，2026年新政策尚未公布，"
            "现按上述政策延续执行，待新政策公布后按新政策执行。") * 2
    render_receipt(receipt(provisional=True, reprint_count=2, policy_note=note), pdf_path)
    assert pdf_info(pdf_path)["Pages"] == "1"
    text = flat(pdf_text(pdf_path))
    assert "经办人（签字）" in text and "申请人（签收）" in text and "延续执行" in text
