"""Chinese line breaking (issue 17.6, GB/T 15834): read back from the printed documents line by line.

The documents are printed with texts of every length around the places where lines break (an office,
address, employer or reason longer by one character at a time), so each rule meets its worst case:
no opening bracket or quote at a line end, no closing mark at a line start, a document number
(人社部发〔2017〕40号), a date and a number with its unit on one line, no single character alone on a
paragraph's last line, table headers whole.  ``pdftotext -layout`` gives the lines as a reader sees
them; ``-bbox-layout`` says which lines continue which.  The rules are written here again, not
imported, so the test does not merely repeat the code.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from document_helpers import FAILED, decision, notice, office, pdf_text, receipt, run

from desktop.documents import render_decision, render_notice, render_receipt
from desktop.documents.data import Material
from desktop.documents.linebreak import layout
from desktop.documents.outreach_lists import render_employer_list
from desktop.documents.publicity import PublicityListData, PublicityRow, render_publicity_list

OPENING = "（《「『【〔〈“‘"
CLOSING = "，。、；：？！）》」』】〕〉”’"
# Spans a line must not cut (each is far shorter than any line of these documents).
WHOLE = re.compile("|".join((
    r"(?:人社部|粤人社|穗天人社技补)[发决规]〔\d{4}〕\d+号",  # 人社部发〔2017〕40号, 穗天人社技补决〔2026〕12号
    r"\d{4}年\d{1,2}月\d{1,2}日",
    r"\d[\d,]*\s?元|\d+个(?:工作日|月)",
    r"(?:有限)?公司",
)))


@dataclass(frozen=True)
class Line:
    x_min: float
    x_max: float
    y_min: float
    y_max: float
    text: str


def layout_text_lines(path: Path) -> list[str]:
    result = run("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def blocks(path: Path) -> list[list[Line]]:
    """poppler's text blocks (a paragraph, a cell), each a list of its lines."""
    result = run("pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(result.stdout.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    out = []
    for block in root.iter("block"):
        lines = []
        for line in block.iter("line"):
            text = " ".join(w.text or "" for w in line.iter("word"))
            lines.append(Line(*(float(line.get(k, 0)) for k in ("xMin", "xMax", "yMin", "yMax")), text))
        out.append(lines)
    return out


def continuations(path: Path) -> list[tuple[Line, Line]]:
    """Pairs of lines where the second carries on the paragraph of the first: the next line of
    the same block, no further right than the first began, and the first filled to the block's
    right edge (a short line ended its paragraph)."""
    pairs = []
    for lines in blocks(path):
        right = max((line.x_max for line in lines), default=0)
        for a, b in zip(lines, lines[1:], strict=False):
            height = a.y_max - a.y_min
            if b.x_min <= a.x_min + 0.5 and 0 <= b.y_min - a.y_max < height and a.x_max >= right - 2.2 * height:
                pairs.append((a, b))
    return pairs


def assert_chinese_line_breaks(path: Path) -> None:
    problems = []
    for number, line in enumerate(layout_text_lines(path), 1):
        for chunk in re.split(r"\s{2,}", line.strip()):
            if chunk and chunk[0] in CLOSING:
                problems.append(f"line {number} starts with {chunk[0]}: {line.strip()!r}")
            if chunk and chunk[-1] in OPENING:
                problems.append(f"line {number} ends with {chunk[-1]}: {line.strip()!r}")
    for a, b in continuations(path):
        first, second = a.text.replace(" ", ""), b.text.replace(" ", "")
        joined = first + second
        for match in WHOLE.finditer(joined):
            if match.start() < len(first) < match.end():
                problems.append(f"{match.group()!r} cut: {first!r} / {second!r}")
        visible = [c for c in second if c not in CLOSING]
        if len(visible) == 1 and b is not a:
            problems.append(f"one character alone on a last line: {first!r} / {second!r}")
    assert not problems, "\n".join(problems)


# --- the documents, at every length around a break --------------------------------------------------

SWEEP = range(0, 24, 3)  # characters added to the texts that move the breaks


def _filler(k: int) -> str:
    return "某" * k


def _receipt(fmt: str) -> Callable[[int, Path], None]:
    def render(k: int, path: Path) -> None:
        data = receipt(
            office=office(name="广州市天河区人力资源和社会保障局" + _filler(k % 7) + "公共就业服务窗口",
                          address="广州市天河区" + _filler(k) + "天河北路123号一楼"),
            employer_name="广州" + _filler(k) + "精密机械制造有限公司",
            materials_received=["技能提升补贴申请表（含诚信承诺）", _filler(k) + "职业资格证书（复印件）"],
        )
        render_receipt(data, path, format=fmt)  # type: ignore[arg-type]
    return render


def _notice(k: int, path: Path) -> None:
    render_notice(notice(
        office=office(name="广州市天河区" + _filler(k % 9) + "人力资源和社会保障局公共就业服务窗口",
                      address="广州市天河区" + _filler(k) + "天河北路123号一楼"),
        missing=[Material("技能提升补贴申请表（含诚信承诺）", _filler(k) + "在窗口领取，本人签名"),
                 Material(_filler(k % 5) + "职业技能等级证书",
                          "联网系统未查到该证书（人社部发〔2017〕40号），请携带原件")],
    ), path)


def _decision(approved: bool) -> Callable[[int, Path], None]:
    def render(k: int, path: Path) -> None:
        reason = (_filler(k) + "申请人于2026年11月27日提交的材料经核实与原件不一致，"
                  "不符合人社部发〔2017〕40号的规定，累计缴费36个月以下")
        common = {"office": office(address="广州市天河区" + _filler(k) + "天河北路123号"),
                  "reconsideration_body": "广州市天河区" + _filler(k % 11) + "人民政府"}
        if approved:
            render_decision(decision(amount_yuan=1500 + k, **common), path)
        else:
            render_decision(decision(approved=False, amount_yuan=0, failed_checks=FAILED, reviewer_reason=reason,
                                     **common), path)
    return render


def _publicity(k: int, path: Path) -> None:
    rows = [PublicityRow("张晓梅", "广州" + _filler(i) + "精密机械有限公司", "车工", 4, 1500 + i)
            for i in range(k % 5, k % 5 + 9)]
    render_publicity_list(PublicityListData(
        office=office(address="广州市天河区" + _filler(k) + "天河北路123号一楼"), batch_no="440106-AB12-GS20251230-01",
        starts_on=dt.date(2025, 9, 30), ends_on=dt.date(2025, 10, 14), workdays=5, provisional=False, rows=rows,
        objection_phone="020-38881234", objection_address="广州市天河区" + _filler(k) + "天河北路123号一楼",
    ), path)


DOCUMENTS: dict[str, Callable[[int, Path], None]] = {
    "receipt-a4": _receipt("a4"),
    "receipt-80mm": _receipt("80mm"),
    "notice": _notice,
    "decision-approved": _decision(True),
    "decision-rejected": _decision(False),
    "publicity": _publicity,
}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_documents_break_lines_by_the_chinese_rules(tmp_path: Path, name: str) -> None:
    for k in SWEEP:
        path = tmp_path / f"{name}-{k}.pdf"
        DOCUMENTS[name](k, path)
        try:
            assert_chinese_line_breaks(path)
        except AssertionError as exc:
            raise AssertionError(f"{name} with {k} more characters:\n{exc}") from None


def test_the_80mm_receipt_keeps_the_policy_number_and_bracketed_words_whole(tmp_path: Path) -> None:
    """What the issue found on the roll: "人社部发〔 / 2024〕40号", "证书（" at a line end, "口" alone."""
    for k in range(12):
        path = tmp_path / f"r{k}.pdf"
        render_receipt(receipt(policy_label=_filler(k) + "人社部发〔2024〕40号",
                               office=office(name="广州市天河区人力资源和社会保障局" + _filler(k) + "窗口"),
                               materials_received=[_filler(k) + "技能提升补贴申请表", "职业技能等级证书（原件）"]),
                       path, format="80mm")
        text = pdf_text(path)
        assert "人社部发〔2024〕40号" in text, f"{k}: the document number is cut"
        assert_chinese_line_breaks(path)


def _outreach(k: int, path: Path) -> None:
    from test_outreach_pdf import employer_list, row

    render_employer_list(employer_list([row(1, "张晓梅"), row(2, "欧阳修", level=3)]), path)


def test_table_headers_are_never_cut_into_single_characters(tmp_path: Path) -> None:
    """序号, 姓名 … stay whole in their columns (the employers' list printed "序/号")."""
    headers = {_publicity: ("序号", "姓名", "工作单位", "职业（工种）", "技能等级", "补贴金额（元）"),
               _notice: ("序号", "材料名称", "获取方式及要求"),
               _outreach: ("序号", "姓名", "身份证号码", "职业（工种）", "等级", "申请截止日", "金额", "已告知")}
    for render, names in headers.items():
        path = tmp_path / "doc.pdf"
        render(0, path)
        lines = [line.strip() for line in layout_text_lines(path)]
        for name in names:
            assert any(name in re.split(r"\s{2,}", line) or name in line for line in lines), f"header {name!r} cut"


# --- the rules themselves, at every width -------------------------------------------------------------


def _width(text: str) -> float:
    return sum(1.0 if ord(c) >= 0x2E80 else 0.5 for c in text)


def _lines(text: str, chars: float) -> list[str]:
    """``text`` broken into lines ``chars`` full-width characters wide (Latin letters half)."""
    widths = [_width(c) for c in text]
    return [text[s:e] for s, e in layout(text, widths, lambda _k: chars)]


@pytest.mark.parametrize("text", [
    "根据人社部发〔2017〕40号文件规定，累计缴费36个月以上的，可以申领1,500元补贴（含诚信承诺）。",
    "审核期限至2026年11月27日（含），请携带“职业资格证书（原件）”到窗口办理。",
    "广州开发区某某精密机械制造有限公司、广州白云某某科技有限公司",
])
def test_every_width_keeps_the_rules(text: str) -> None:
    for chars in range(6, 30):
        lines = _lines(text, chars)
        assert "".join(lines) == text, "nothing lost or added"
        for a, b in zip(lines, lines[1:], strict=False):
            assert b[0] not in CLOSING, f"{chars}: {a!r} / {b!r}"
            assert a[-1] not in OPENING, f"{chars}: {a!r} / {b!r}"
            for match in WHOLE.finditer(a + b):
                if _width(match.group()) <= chars:  # a span longer than the line is cut, it cannot be helped
                    assert not match.start() < len(a) < match.end(), f"{chars}: {match.group()} cut: {a!r} / {b!r}"
        if len(lines) > 1:
            assert len([c for c in lines[-1] if c not in CLOSING]) > 1, f"{chars}: {lines[-2]!r} / {lines[-1]!r}"


def test_a_span_longer_than_the_line_is_still_broken() -> None:
    lines = _lines("受理编号440106-AB12-20261127-0001查询", 8)
    assert "".join(lines) == "受理编号440106-AB12-20261127-0001查询"
    assert all(len(line) <= 16 for line in lines)


def test_centred_lines_are_balanced() -> None:
    text = "广州市天河区人力资源和社会保障局公共就业服务大厅"
    widths = [1.0] * len(text)
    greedy = [text[s:e] for s, e in layout(text, widths, lambda _k: 20)]
    balanced = [text[s:e] for s, e in layout(text, widths, lambda _k: 20, balance=True)]
    assert [len(line) for line in greedy] == [20, 4]
    assert [len(line) for line in balanced] == [12, 12]


@pytest.mark.parametrize("rare", ["𠮷", "吉"])  # 𠮷: runs in two faces (reportlab's "kind 1" lines)
def test_a_paragraph_split_across_pages_gains_no_spaces(tmp_path: Path, rare: str) -> None:
    """reportlab joins the lines of a paragraph it splits across pages with spaces; between Chinese
    characters that puts gaps into the text (and into what a reader copies)."""
    address = ("天河北路" + rare + "某" * 14) * 60
    path = tmp_path / "long.pdf"
    render_notice(notice(office=office(address=address)), path)
    text = pdf_text(path)
    assert "\f" in text.rstrip("\f"), "the paragraph goes onto a second page"
    assert address in re.sub(r"[\n\f]", "", text)
