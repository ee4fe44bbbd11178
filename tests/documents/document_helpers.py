"""Shared sample data and PDF-inspection helpers for the document tests.

(A plain module with a unique name, imported like tests/models/registry_fixtures.py:
conftest.py modules cannot be imported reliably from tests.)

The PDFs are checked the way a reader would see them: the text poppler's
``pdftotext`` extracts, the fonts ``pdffonts`` lists, ``qpdf --check``, and the
QR code as ``zbarimg`` reads it from a 300-dpi rendering.  Where one of those
command-line tools is missing the test is skipped with the reason; ``./dev.sh
setup`` installs them (poppler-utils, qpdf, zbar-tools).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.documents.data import DecisionData, Material, NoticeData, Office, ReceiptData
from desktop.models.rules import Check

FULL_ID = "11010519491231002X"
MASKED_ID = "110105********002X"
CASE_NO = "440106-AB12-20261127-0001"
LOOKUP = "K7PQ2M"
# 10:05 in Beijing on 27 November 2026.
ACCEPTED = dt.datetime(2026, 11, 27, 2, 5, tzinfo=dt.UTC)

LONG_OCCUPATION = (
    "工业机器人系统运维员及智能制造生产线数字化装调与"
    "远程监控技术服务人员（含协作机器人、视觉检测与柔性"
    "装配单元维护与保养）高级工"
)
LONG_ADDRESS = "广州市天河区天河北路九百九十九号某某综合政务服务中心大楼东塔一楼"
LONG_NAME = "阿卜杜热合曼·买买提依明·艾尔肯江·吐尔逊"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (./dev.sh setup installs poppler-utils, qpdf and zbar-tools)")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    require_tool(args[0])
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, check=False)


# --- sample data -----------------------------------------------------------------------


PUBLIC_URL = "https://zhanchi.gd.example.gov.cn"  # the central system's public address (issue 19.1)


def office(**overrides: Any) -> Office:
    base = Office(
        code="440106",
        name="广州市天河区人力资源和社会保障局公共就业服务大厅",
        address="广州市天河区天河北路123号一楼",
        phone="020-12345678",
        progress_hint="拨打12333或登录广东人社网上服务平台“进度查询”",
    )
    return dataclasses.replace(base, **overrides)


def receipt(**overrides: Any) -> ReceiptData:
    base = ReceiptData(
        office=office(),
        case_no=CASE_NO,
        lookup_code=LOOKUP,
        applicant_name="张晓梅",
        id_number=FULL_ID,
        certificate_number="S000144000123174000056",
        certificate_kind="skill_level",
        level=4,
        occupation_code="6-18-01-01",
        occupation_name="车工",
        amount_yuan=1500,
        materials_received=["技能提升补贴申请表（含诚信承诺）", "社会保障卡复印件"],
        review_deadline=dt.date(2026, 12, 4),
        review_deadline_provisional=False,
        clerk_name="李四",
        accepted_at=ACCEPTED,
        provisional=False,
        reprint_count=0,
        policy_label="人社部发〔2025〕18号",
        public_url=PUBLIC_URL,
    )
    return dataclasses.replace(base, **overrides)


def notice(**overrides: Any) -> NoticeData:
    base = NoticeData(
        office=office(),
        case_no=CASE_NO,
        applicant_name="张晓梅",
        id_number=FULL_ID,
        missing=[
            Material("技能提升补贴申请表（含诚信承诺）", "在窗口领取或在网上服务平台下载，本人签名"),
            Material("职业技能等级证书", "联网系统未查到该证书，请携带证书原件"),
        ],
        window_last_day=dt.date(2027, 6, 1),
        window_provisional=False,
        clerk_name="李四",
        issued_at=ACCEPTED,
    )
    return dataclasses.replace(base, **overrides)


ISSUER = "广州市天河区人力资源和社会保障局"  # the deciding body (issue 17.2), not the service window


def decision(**overrides: Any) -> DecisionData:
    base = DecisionData(
        office=office(),
        case_no=CASE_NO,
        applicant_name="张晓梅",
        id_number=FULL_ID,
        approved=True,
        amount_yuan=1500,
        level=4,
        occupation_name="车工",
        certificate_number="S000144000123174000056",
        failed_checks=[],
        decided_by="王审核",
        decided_at=dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.UTC),
        policy_label="人社部发〔2025〕18号",
        issuer=ISSUER,
        doc_number="穗天人社技补决〔2026〕12号",
        reconsideration_body="广州市天河区人民政府",
        court="广州铁路运输法院",
        payment_kind="bank",
        payment_account="6222020200112233445",
        bank_name="中国工商银行",
    )
    return dataclasses.replace(base, **overrides)


FAILED = [
    Check("contribution_months", False, "累计缴纳失业保险费10个月，不满12个月", "人社部发〔2017〕40号 一(一)"),
    Check("application_window", False, "证书核发已超过12个月（申领期限最后一日为2026年6月1日）",
          "人社部发〔2017〕40号 二(一)"),
]
PASSED = Check("id_number", True, "身份证号码有效（出生日期1949-12-31，女）", "展翅行动 二(五)")


# --- reading PDFs ----------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    result = run("pdftotext", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def flat(text: str) -> str:
    """Text without whitespace: table cells and wrapped lines come out split differently."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool


def pdf_fonts(path: Path) -> list[FontRow]:
    result = run("pdffonts", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0]
    type_at, enc_at = header.index("type"), header.index("encoding")
    rows = []
    for line in lines[2:]:
        tokens = line.split()
        # The last five columns are always "emb sub uni object ID"; the type (which may
        # contain a space, "Type 1") sits in its fixed-width column.
        rows.append(FontRow(tokens[0], line[type_at:enc_at].strip(), tokens[-5] == "yes"))
    return rows


def qpdf_check(path: Path) -> None:
    result = run("qpdf", "--check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[tuple[float, float, float, float, str]]  # xMin, yMin, xMax, yMax, text (y from the top)


def pdf_words(path: Path) -> list[Page]:
    result = run("pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(result.stdout.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    pages = []
    for page in root.iter("page"):
        words = [
            (float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)), float(w.get("yMax", 0)),
             w.text or "")
            for w in page.iter("word")
        ]
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def pdf_info(path: Path) -> dict[str, str]:
    result = run("pdfinfo", str(path))
    assert result.returncode == 0, result.stderr
    info = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def decode_qr(path: Path) -> list[str]:
    require_tool("zbarimg")
    prefix = path.with_suffix("")
    result = run("pdftoppm", "-r", "300", "-png", str(path), str(prefix))
    assert result.returncode == 0, result.stderr
    payloads: list[str] = []
    for image in sorted(path.parent.glob(prefix.name + "*.png")):
        scan = run("zbarimg", "--raw", "-q", str(image))
        payloads += [line for line in scan.stdout.splitlines() if line.strip()]
    return payloads


def assert_inside_margins(path: Path, margin_x: float, hang: float) -> None:
    """No text box starts left of the left margin or ends right of the right margin.

    ``hang``: a full-width mark (，。) that may not start a line hangs at the end of
    the previous one (desktop/documents/linebreak.py), at most one character wide.
    """
    for number, page in enumerate(pdf_words(path), 1):
        assert page.words, f"page {number} has no text"
        for x_min, _, x_max, _, text in page.words:
            assert x_min >= margin_x - 1, f"page {number}: {text!r} starts at {x_min:.1f} pt, left of the margin"
            assert x_max <= page.width - margin_x + hang, (
                f"page {number}: {text!r} ends at {x_max:.1f} pt, past the right margin "
                f"({page.width - margin_x:.1f} pt of {page.width:.1f})"
            )


def assert_no_overlaps(path: Path, tolerance: float = 1.0) -> None:
    """No two text boxes on a page overlap (text running into its neighbour)."""
    for number, page in enumerate(pdf_words(path), 1):
        words = sorted(page.words, key=lambda w: (w[1], w[0]))
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[1] >= a[3] - tolerance:
                    break  # sorted by top: nothing further down can reach up into a
                if min(a[2], b[2]) - max(a[0], b[0]) > tolerance:
                    raise AssertionError(f"page {number}: {a[4]!r} overlaps {b[4]!r}")
