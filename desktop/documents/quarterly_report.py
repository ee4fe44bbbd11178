"""季度实名制报表: the office's quarter for the national real-name collection system (issue 17.9).

展翅行动 三(二) (POLICY.md, opening paragraph and the reporting calendar, ``reporting_calendar``): the province
reports each quarter's claims and payments through 参保职工技能提升补贴实名制信息采集系统 by the 7th of the
month after the quarter's end, and offices feed those reports.  Real-name means one record per person and
case, so the office's report comes in two parts:

- **CSV / XLSX**: the records (``QuarterlyRecord``), one row per case applied for or paid in the quarter —
  name and full identity number (the system needs them), employer, certificate, claim and payment.  The CSV's
  header is for scripts (English keys), the workbook's in Chinese for the people who key or upload it.  Both
  hold personal data in full: written owner-only, printed only by those who may read reports (科长, 审计员),
  and audited (``document.quarterly_report``);
- **PDF**: the signed summary for the file — the period, the due date, the totals (claims, people, payments,
  rejections) by certificate level — and no personal data, the records being in the file it accompanies.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.daily_summary import (
    IssuedReport,
    check_report_reader,
    issue_office_document,
    keep_with_signatures,
    office_for,
    target_path,
    tz_label,
)
from desktop.documents.data import Office
from desktop.documents.layout import (
    Output,
    build_pdf,
    data_table,
    fields,
    heading,
    kit_for,
    letterhead,
    para,
    report_signatures,
    rich,
    write_output,
)
from desktop.models.reports import QuarterlyRecord, QuarterlyReport, quarterly_report
from desktop.models.spreadsheet_cells import append_xlsx_row, csv_bytes, new_sheet, safe_row, xlsx_bytes
from desktop.models.staff import StaffUser
from desktop.models.store import Store

TITLE = "技能提升补贴申领和发放情况季度报表（实名制）"
KIND = "quarterly_report"
SYSTEM = "参保职工技能提升补贴实名制信息采集系统"
BASIS = "人力资源社会保障部办公厅2018年4月22日“展翅行动”通知第三部分第（二）项"
FORMATS = {".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
QUARTERS = "一二三四"
COLUMNS = ("quarter", "case_no", "name", "id_number", "employer_name", "employer_uscc", "insured_region",
           "cert_number", "cert_kind", "level", "occupation_code", "occupation_name", "cert_issue_date",
           "application_date", "claimed_in_quarter", "state", "amount_yuan", "paid_on", "paid_amount_yuan",
           "payment_kind")
XLSX_HEADER = ("季度", "受理编号", "姓名", "公民身份号码", "工作单位", "统一社会信用代码", "参保地区代码",
               "证书编号", "证书类别", "证书等级", "职业编码", "职业（工种）", "发证日期",
               "申请日期", "本季度申领", "办理状态", "核定金额（元）", "发放日期", "发放金额（元）", "收款账户类别")
_NUMERIC = frozenset({COLUMNS.index("level"), COLUMNS.index("amount_yuan"), COLUMNS.index("paid_amount_yuan")})
PRIVACY = ("本报表的实名明细（CSV、XLSX 文件）含申请人姓名和完整身份号码，仅用于向实名制信息采集系统报送，"
           "不得转发或用于其他用途。本汇总表不含个人信息。")


def _record_row(report: QuarterlyReport, r: QuarterlyRecord) -> list[Any]:
    return [report.label, r.case_no, r.name, r.id_number, r.employer_name, r.employer_uscc, r.insured_region,
            r.cert_number, wording.certificate_kind_name(r.cert_kind), r.level, r.occupation_code, r.occupation_name,
            r.cert_issue_date.isoformat(), r.application_date.isoformat(), "是" if r.claimed_in_quarter else "否",
            r.state.label, r.amount_yuan, r.paid_on.isoformat() if r.paid_on else "",
            r.amount_yuan if r.paid_on else 0, wording.payment_kind_name(r.payment_kind)]


def quarterly_csv(report: QuarterlyReport) -> bytes:
    return csv_bytes(COLUMNS, (safe_row(_record_row(report, r), numeric=_NUMERIC) for r in report.records))


def quarterly_xlsx(report: QuarterlyReport) -> bytes:
    book, sheet = new_sheet(report.label, XLSX_HEADER)
    for record in report.records:
        append_xlsx_row(sheet, _record_row(report, record), numeric=_NUMERIC)
    sheet.freeze_panes = "C2"
    for index, header in enumerate(XLSX_HEADER):
        sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = max(10, 2 * len(header) + 2)
    for column in ("D", "H"):  # identity and certificate numbers: read in full
        sheet.column_dimensions[column].width = 24
    return xlsx_bytes(book, f"{TITLE} {report.label}")


# --- PDF: the signed summary -----------------------------------------------------------------------------


def _levels(report: QuarterlyReport) -> list[list[Any]]:
    rows = []
    for level in sorted({r.level for r in report.records}, reverse=True):
        claims = [r for r in report.records if r.level == level and r.claimed_in_quarter]
        paid = [r for r in report.records if r.level == level and r.paid_on is not None]
        rows.append([wording.level_name(level), len(claims), len({r.id_number for r in claims}),
                     sum(r.amount_yuan for r in claims), len(paid), len({r.id_number for r in paid}),
                     sum(r.amount_yuan for r in paid)])
    rows.append(["合计", report.claims.count, report.claimants, report.claims.amount_yuan, report.payments.count,
                 report.payees, report.payments.amount_yuan])
    return rows


def render_quarterly_report(report: QuarterlyReport, office: Office, out: Output, *, prepared_by: str = "") -> None:
    kit = kit_for("a4")
    number = ParagraphStyle(f"{kit.cell.name}.number", parent=kit.cell, alignment=TA_RIGHT)
    quarter = f"{report.year}年第{QUARTERS[report.quarter - 1]}季度"
    period = (f"{wording.date_cn(report.first)}至{wording.date_cn(report.last)}（{tz_label(report.tz_name)}）")
    if not report.complete:
        period += f"；本季度尚未结束，统计截至{wording.datetime_cn(report.as_of, report.tz_name)}"
    w = kit.width
    table = data_table(["证书等级", "申领件数", "申领人数", "申领金额", "发放件数", "发放人数", "发放金额"],
                       [[row[0], *(rich(f"{v:,}", number) for v in row[1:])] for row in _levels(report)], kit,
                       [w * 0.22, *([w * 0.13] * 6)])
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields([
            ("报送季度", f"{quarter}：{period}"),
            ("报送系统", SYSTEM),
            ("报送时限", f"{wording.date_cn(report.due)}前由省级报送（每季度季末的次月7日前，{BASIS}），"
                         "本机构数据应在此前报齐"),
            ("统计口径", "申领：本季度申请（按申请日期）并已受理的案件；发放：本季度发放成功的案件，按核定金额；"
                         "人数按公民身份号码去重；金额单位：元"),
            ("统计范围", f"本机构受理的全部案件（机构代码 {report.office_code or office.code}）；"
                         f"制表时间 {wording.datetime_cn(report.as_of, report.tz_name)}"),
        ], kit),
        Spacer(1, 2 * mm),
        *heading("一、汇总", kit),
        para(f"本季度申领{report.claims.count:,}件、{report.claimants:,}人，申领金额{report.claims.amount_yuan:,}元；"
             f"发放{report.payments.count:,}件、{report.payees:,}人，发放金额"
             f"{wording.amount_cn(report.payments.amount_yuan)}；驳回{report.rejections.count:,}件。"
             f"实名明细共{len(report.records):,}条（本季度申领或发放的案件各一条），见同批导出的明细文件。",
             kit.prose),
        *heading("二、按证书等级", kit),
        table,
        *keep_with_signatures([
            Spacer(1, 2 * mm),
            para(PRIVACY, kit.small),
            *report_signatures(kit, prepared_by),
        ], kit),
    ]
    build_pdf(story, out, kit, title=f"{TITLE} {report.label}", author=office.name, subject=TITLE,
              footer=f"实名制季度报表 {quarter}　{office.name}")


def issue_quarterly_report(store: Store, actor: StaffUser | None, year: int, quarter: int, out: Path | str, *,
                           office_code: str | None = None) -> IssuedReport:
    """Write the quarterly report to ``out`` (.pdf summary, .csv or .xlsx records) and record it."""
    path = target_path(out, tuple(FORMATS))
    fmt = FORMATS[path.suffix.lower()]
    username = check_report_reader(store, actor)
    report = quarterly_report(store, year, quarter, office_code)
    buffer = io.BytesIO()
    if fmt == "pdf":
        render_quarterly_report(report, office_for(store, office_code), buffer,
                                prepared_by=actor.display_name if actor is not None else "")
    else:
        write_output(quarterly_csv(report) if fmt == "csv" else quarterly_xlsx(report), buffer)
    figures = {"claims": [report.claims.count, report.claims.amount_yuan],
               "payments": [report.payments.count, report.payments.amount_yuan],
               "records": len(report.records), "complete": report.complete}
    return issue_office_document(store, username, kind=KIND, period=report.label, fmt=fmt, data=buffer.getvalue(),
                                 out=path, figures=figures, office_code=office_code)


__all__ = [
    "COLUMNS",
    "KIND",
    "TITLE",
    "XLSX_HEADER",
    "issue_quarterly_report",
    "quarterly_csv",
    "quarterly_xlsx",
    "render_quarterly_report",
]
