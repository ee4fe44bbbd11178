"""展翅行动 monthly report: CSV (UTF-8 with BOM) and XLSX columns and totals, the PDF's text,
fonts and structure, and the audited output."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from document_helpers import flat, pdf_fonts, pdf_text, qpdf_check
from openpyxl import load_workbook

from desktop.documents.monthly_report import (
    COLUMNS,
    XLSX_HEADER,
    issue_monthly_report,
    monthly_csv,
    monthly_xlsx,
)
from desktop.models import audit, cases
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.reports import MonthlyReport, monthly_report
from desktop.models.staff import StaffUser
from desktop.models.store import Store

BEIJING = ZoneInfo("Asia/Shanghai")
AMOUNTS = {5: 1000, 4: 1500, 3: 2000}


@pytest.fixture
def november(store: Store, clock: Clock, make_staff: Callable[..., StaffUser],
             make_intake: Callable[..., Intake], advance: Any) -> MonthlyReport:
    """Five November applications (one insured in Shenzhen, two welders) and two payments."""
    clock.fixed = dt.datetime(2026, 11, 1, 9, 0, tzinfo=BEIJING)
    clerk, reviewer, approver = (make_staff(role, role) for role in ("clerk", "reviewer", "approver"))

    def at(when: str) -> None:
        clock.fixed = dt.datetime.fromisoformat(when).replace(tzinfo=BEIJING)

    def file(n: int, when: str, level: int, region: str = "440106",
             occupation: tuple[str, str] = ("6-18-01-01", "车工")) -> CaseRecord:
        at(when)
        first17 = f"4401061985020{n % 10}{n:03d}"
        intake = make_intake(applicant={"name": f"申请人{n}", "id_number": first17 + id_check_character(first17)},
                             insured_region=region, application_date=clock.today().isoformat(),
                             certificate={"number": f"S00014400012317{level}{n:06d}", "kind": "skill_level",
                                          "level": level, "occupation_code": occupation[0],
                                          "occupation_name": occupation[1], "issue_date": "2026-06-01"},
                             # paid to the applicant's own account (补贴直发)
                             payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行",
                                      "holder_name": f"申请人{n}"})
        return cases.create_case(store, clerk, intake,
                                 verdict={"eligible": True, "amount_yuan": AMOUNTS[level], "policy": "cn-2025",
                                          "checks": []},
                                 eligible=True, amount_yuan=AMOUNTS[level], policy_id="cn-2025",
                                 state=State.accepted)

    welder = ("6-18-02-04", "焊工")
    paid = [file(1, "2026-11-02 09:00", 4), file(2, "2026-11-03 09:00", 3, occupation=welder)]
    file(3, "2026-11-04 09:00", 5, region="440304", occupation=welder)
    file(4, "2026-11-05 09:00", 4)
    file(5, "2026-11-06 09:00", 3)
    at("2026-11-10 09:00")
    for case in paid:  # reviewed, publicized (five working days), approved and paid within November
        advance(case, State.paid, reviewer=reviewer, approver=approver)
    assert clock.today() < dt.date(2026, 12, 1)
    at("2026-12-02 09:00")
    return monthly_report(store, 2026, 11)


def test_csv_has_a_bom_the_columns_and_the_totals(november: MonthlyReport) -> None:
    data = monthly_csv(november)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Chinese names as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert all(r["month"] == "2026-11" for r in rows)
    total = rows[-1]  # the month's total stays the last row
    assert (total["dimension"], total["name"]) == ("total", "合计")
    assert rows[-2]["dimension"] == "year_to_date" and rows[-2]["name"] == "本年累计"
    assert (total["applications"], total["application_amount_yuan"], total["payments"],
            total["payment_amount_yuan"]) == ("5", "8000", "2", "3500")
    for dimension in ("level", "occupation", "region"):
        part = [r for r in rows if r["dimension"] == dimension]
        for column in ("applications", "application_amount_yuan", "payments", "payment_amount_yuan"):
            assert sum(int(r[column]) for r in part) == int(total[column]), (dimension, column)
    by_key = {(r["dimension"], r["code"]): r for r in rows}
    assert by_key[("level", "3")]["name"] == "三级/高级工" and by_key[("level", "3")]["applications"] == "2"
    assert by_key[("occupation", "6-18-02-04")]["name"] == "焊工"
    assert by_key[("region", "440300")]["name"] == "深圳市"
    assert by_key[("region", "440100")]["payments"] == "2"
    # Counts only: no names, ID numbers or accounts in a file meant to be passed on.
    text = data.decode("utf-8-sig")
    assert "申请人" not in text and "440106198502" not in text


def test_xlsx_holds_the_same_rows_under_chinese_headers(november: MonthlyReport) -> None:
    """Issue 17.9: the workbook a supervisor opens says 申请件数, not application_amount_yuan; the rows are
    the CSV's, the dimension said in words."""
    book = load_workbook(io.BytesIO(monthly_xlsx(november)), read_only=True)
    sheet = book[november.label]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert tuple(values[0]) == XLSX_HEADER and len(XLSX_HEADER) == len(COLUMNS)
    assert all(not str(cell).isascii() for cell in values[0])
    from_csv = list(csv.reader(io.StringIO(monthly_csv(november).decode("utf-8-sig"), newline="")))[1:]
    words = {"level": "证书等级", "occupation": "职业（工种）", "region": "参保地区", "total": "本月合计",
             "year_to_date": "本年累计"}
    assert [["" if v is None else str(v) for v in row] for row in values[1:]] == [
        [row[0], words[row[1]], *row[2:]] for row in from_csv]  # "" reads back as None
    [total] = [row for row in values if row[1] == "本月合计"]
    assert total[4:8] == [5, 8000, 2, 3500]  # numbers, not text, so Excel can add them up
    book.close()


def test_people_rejections_and_the_year_to_date_in_every_form(store: Store, november: MonthlyReport,
                                                              pdf_path: Path) -> None:
    """Issue 17.9: people as well as cases, rejections, the year to date; one page, no empty half page."""
    rows = list(csv.DictReader(io.StringIO(monthly_csv(november).decode("utf-8-sig"), newline="")))
    [total] = [r for r in rows if r["dimension"] == "total"]
    assert (total["applicants"], total["payees"], total["rejections"]) == ("5", "2", "0")
    issue_monthly_report(store, None, 2026, 11, pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "申请人数" in text and "驳回件数" in text and "本年累计" in text and "发放人数" in text
    pages = [p for p in pdf_text(pdf_path).split("\f") if p.strip()]
    assert len(pages) == 1, "a short report on one page: no attachment page after a half-empty first page"
    assert "科长（签字）" in flat(pages[-1])


def test_pdf_text_fonts_and_structure(store: Store, november: MonthlyReport, make_staff: Callable[..., StaffUser],
                                      pdf_path: Path) -> None:
    boss = make_staff("supervisor", "boss")
    issued = issue_monthly_report(store, boss, 2026, 11, pdf_path)
    assert issued.format == "pdf"
    text = pdf_text(pdf_path)
    flat_text = flat(text)
    assert "失业保险技能提升补贴（展翅行动）月报表" in flat_text
    assert "2026年11月" in flat_text and "深圳市" in flat_text and "焊工" in flat_text
    # applications 5 cases, 5 people, 8,000 yuan; no rejection; payments 2 cases, 2 people, 3,500 yuan
    assert "合计558,000022" + "3,500" in flat_text
    assert "制表人：科长boss" in flat_text and "科长（签字）" in flat_text
    assert all(f.embedded for f in pdf_fonts(pdf_path))
    qpdf_check(pdf_path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".pdf"])
def test_every_format_is_audited(store: Store, november: MonthlyReport, make_staff: Callable[..., StaffUser],
                                 tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"monthly{suffix}"
    issued = issue_monthly_report(store, make_staff("auditor", "audit1"), 2026, 11, out)
    with store.session(readonly=True) as session:
        [entry] = audit.entries(session, entity="office")
    assert entry.action == "document.monthly_report" and entry.actor == "audit1"
    assert entry.after is not None and entry.after["format"] == suffix[1:] and entry.after["period"] == "2026-11"
    assert entry.after["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest() == issued.sha256
    assert entry.after["figures"]["payments"] == [2, 3500]


def test_refusals(store: Store, november: MonthlyReport, make_staff: Callable[..., StaffUser],
                  tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        issue_monthly_report(store, None, 2026, 11, tmp_path / "monthly.txt")
    assert caught.value.field == "out"
    with pytest.raises(PermissionDenied):
        issue_monthly_report(store, make_staff("clerk", "clerk9"), 2026, 11, tmp_path / "m.csv")
    assert not (tmp_path / "m.csv").exists()
    with pytest.raises(InvalidInput) as caught:
        monthly_report(store, 2026, 13)
    assert caught.value.field == "month"


def test_an_empty_month(store: Store, tmp_path: Path) -> None:
    report = monthly_report(store, 2026, 10)
    assert report.rows()[-1].applications.count == 0 and len(report.rows()) == 1
    assert report.year_to_date.applications.count == 0
    issued = issue_monthly_report(store, None, 2026, 10, tmp_path / "empty.pdf")
    assert "本月无申请、无发放" in flat(pdf_text(issued.path))
