"""Issue 17.9: the quarterly report for the national real-name system (POLICY.md, reporting calendar: 展翅行动
三(二) — the province reports each quarter's claims and payments through 参保职工技能提升补贴实名制信息采集系统
by the 7th of the month after the quarter's end; offices feed it)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from document_helpers import flat, pdf_fonts, pdf_text, qpdf_check
from openpyxl import load_workbook

from desktop.documents.quarterly_report import (
    COLUMNS,
    XLSX_HEADER,
    issue_quarterly_report,
    quarterly_csv,
    quarterly_xlsx,
)
from desktop.models import audit, cases
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.reports import QuarterlyReport, quarterly_report
from desktop.models.staff import StaffUser
from desktop.models.store import Store

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def third_quarter(store: Store, clock: Clock, make_staff: Callable[..., StaffUser],
                  make_intake: Callable[..., Intake], advance: Any) -> QuarterlyReport:
    clock.fixed = dt.datetime(2026, 7, 1, 9, 0, tzinfo=BEIJING)
    clerk, reviewer, approver = (make_staff(role, role) for role in ("clerk", "reviewer", "approver"))

    def file(n: int, when: str, level: int) -> CaseRecord:
        clock.fixed = dt.datetime.fromisoformat(when).replace(tzinfo=BEIJING)
        first17 = f"4401061985020{n % 10}{n:03d}"
        intake = make_intake(applicant={"name": f"申请人{n}", "id_number": first17 + id_check_character(first17)},
                             application_date=clock.today().isoformat(),
                             certificate={"number": f"S00014400012317{level}{n:06d}", "kind": "skill_level",
                                          "level": level, "occupation_code": "6-18-01-01", "occupation_name": "车工",
                                          "issue_date": "2026-06-01"},
                             payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行",
                                      "holder_name": f"申请人{n}"})
        amount = {5: 1000, 4: 1500, 3: 2000}[level]
        return cases.create_case(store, clerk, intake,
                                 verdict={"eligible": True, "amount_yuan": amount, "policy": "cn-2025", "checks": []},
                                 eligible=True, amount_yuan=amount, policy_id="cn-2025", state=State.accepted)

    paid = file(1, "2026-07-02 09:00", 4)
    file(2, "2026-08-03 09:00", 3)
    clock.fixed = dt.datetime(2026, 7, 6, 9, 0, tzinfo=BEIJING)
    advance(paid, State.paid, reviewer=reviewer, approver=approver)
    clock.fixed = dt.datetime(2026, 10, 9, 9, 0, tzinfo=BEIJING)
    return quarterly_report(store, 2026, 3)


def test_the_files_hold_one_real_name_record_per_case(third_quarter: QuarterlyReport) -> None:
    rows = list(csv.DictReader(io.StringIO(quarterly_csv(third_quarter).decode("utf-8-sig"), newline="")))
    assert [r["case_no"] for r in rows] == [r.case_no for r in third_quarter.records] and len(rows) == 2
    first = rows[0]
    assert first["id_number"] == third_quarter.records[0].id_number and first["name"] == "申请人1"
    assert first["paid_on"] and first["paid_amount_yuan"] == "1500" and first["claimed_in_quarter"] == "是"
    assert rows[1]["paid_on"] == "" and rows[1]["paid_amount_yuan"] == "0"
    book = load_workbook(io.BytesIO(quarterly_xlsx(third_quarter)), read_only=True)
    values = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert tuple(values[0]) == XLSX_HEADER and len(XLSX_HEADER) == len(COLUMNS)
    assert all(not str(cell).isascii() for cell in values[0])
    assert values[1][COLUMNS.index("amount_yuan")] == 1500  # a number Excel can add
    book.close()


def test_the_pdf_is_a_signed_summary_without_personal_data(store: Store, third_quarter: QuarterlyReport,
                                                           make_staff: Callable[..., StaffUser],
                                                           pdf_path: Path) -> None:
    issue_quarterly_report(store, make_staff("supervisor", "boss"), 2026, 3, pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "2026年第三季度" in text and "参保职工技能提升补贴实名制信息采集系统" in text
    assert "2026年10月7日前" in text and "展翅行动" in text
    assert "申领2件" in text or "申领件数" in text
    for record in third_quarter.records:
        assert record.id_number not in text and record.name not in text
    assert "科长（签字）" in text
    assert all(f.embedded for f in pdf_fonts(pdf_path))
    qpdf_check(pdf_path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_record_files_are_audited_owner_only_and_for_report_readers(
        store: Store, third_quarter: QuarterlyReport, make_staff: Callable[..., StaffUser], tmp_path: Path,
        suffix: str) -> None:
    out = tmp_path / f"q{suffix}"
    with pytest.raises(PermissionDenied):
        issue_quarterly_report(store, make_staff("clerk", "clerk9"), 2026, 3, out)
    assert not out.exists()
    issued = issue_quarterly_report(store, make_staff("auditor", "audit1"), 2026, 3, out)
    assert stat.S_IMODE(out.stat().st_mode) & 0o077 == 0, "full ID numbers: the owner's only"
    with store.session(readonly=True) as session:
        [entry] = audit.entries(session, entity="office")
    assert entry.action == "document.quarterly_report" and entry.after is not None
    assert entry.after["period"] == "2026-Q3" and entry.after["sha256"] == issued.sha256
    assert hashlib.sha256(out.read_bytes()).hexdigest() == issued.sha256
