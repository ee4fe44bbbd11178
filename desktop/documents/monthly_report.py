"""展翅行动 monthly report: applications and payments by level, occupation and region.

Three forms of the same figures (``MonthlyReport``):

- **PDF** for the file and the supervisor's signature: totals, then a table by
  certificate level, by the prefecture of the insured region and by
  occupation, each ending in its 合计 row (the occupation table may run over
  pages: its header repeats);
- **CSV** in UTF-8 with a BOM (Excel then shows the Chinese names) and
- **XLSX** with the same header row, so a script reads either file the same
  way.  One row per (dimension, code), dimensions ``level``, ``occupation``,
  ``region`` and a final ``total``; money in whole yuan.

No personal data: the report counts cases, it names none.  Each output is
recorded like the daily summary (``document.monthly_report`` on entity
``office``, with its format and sha256).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color
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
    Kit,
    Output,
    build_pdf,
    data_table,
    esc,
    fields,
    heading,
    kit_for,
    letterhead,
    para,
    report_signatures,
    rich,
    write_output,
)
from desktop.models.reports import MonthlyReport, MonthlyRow, monthly_report
from desktop.models.spreadsheet_cells import append_xlsx_row, csv_bytes, new_sheet, safe_row, xlsx_bytes
from desktop.models.staff import StaffUser
from desktop.models.store import Store

TITLE = "失业保险技能提升补贴（展翅行动）月报表"
KIND = "monthly_report"
# The CSV's header (for scripts): the first eight as before, then people and rejections (issue 17.9).
COLUMNS = ("month", "dimension", "code", "name", "applications", "application_amount_yuan", "payments",
           "payment_amount_yuan", "applicants", "payees", "rejections", "rejection_amount_yuan")
# The workbook's header, for the people who open it (issue 17.9): the same columns in Chinese.
XLSX_HEADER = ("统计月份", "统计维度", "代码", "名称", "申请件数", "申请金额（元）", "发放件数", "发放金额（元）",
               "申请人数", "发放人数", "驳回件数", "驳回金额（元）")
DIMENSION_WORDS = {"level": "证书等级", "occupation": "职业（工种）", "region": "参保地区", "total": "本月合计",
                   "year_to_date": "本年累计"}
FORMATS = {".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
SCOPE = ("申请：当月申请（按申请日期）并已受理的案件，含其后驳回、撤回的；驳回、发放：当月驳回、发放成功的案件"
         "（发放按核定金额）；地区：参保地所在地市；人数按公民身份号码去重（同一人有多个证书的，各分类分别计人，"
         "各分类人数之和可能大于合计）；本年累计自1月1日起；金额单位：元。")
_TOTAL_SHADE = Color(0.94, 0.94, 0.94)
NOTHING = "本月无申请、无发放。"


def rows_for_file(report: MonthlyReport) -> list[list[Any]]:
    """The CSV/XLSX rows (without the header), in file order: levels, occupations, regions, the year to date,
    then the month's total — last, as before the year to date was added (a script may read the last row)."""
    *parts, total = report.rows()
    return [[report.label, r.dimension, r.code, r.name, r.applications.count, r.applications.amount_yuan,
             r.payments.count, r.payments.amount_yuan, r.applicants, r.payees, r.rejections.count,
             r.rejections.amount_yuan] for r in (*parts, report.year_to_date, total)]


def monthly_csv(report: MonthlyReport) -> bytes:
    return csv_bytes(COLUMNS, (safe_row(row) for row in rows_for_file(report)))  # names are typed text


def monthly_xlsx(report: MonthlyReport) -> bytes:
    book, sheet = new_sheet(report.label, XLSX_HEADER)
    for row in rows_for_file(report):
        row[1] = DIMENSION_WORDS.get(row[1], row[1])
        append_xlsx_row(sheet, row)  # counts and yuan stay integers; names are strings, never formulas
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKL", (10, 12, 12, 28, 10, 14, 10, 14, 10, 10, 10, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=12):
        for cell in row:
            cell.number_format = "#,##0"
    return xlsx_bytes(book, f"{TITLE} {report.label}")


# --- PDF -----------------------------------------------------------------------------------------


def _number_style(kit: Kit) -> ParagraphStyle:
    return ParagraphStyle(f"{kit.cell.name}.number", parent=kit.cell, alignment=TA_RIGHT)


def _figures(row: MonthlyRow, number: ParagraphStyle) -> list[Any]:
    return [rich(f"{v:,}", number) for v in (row.applications.count, row.applicants, row.applications.amount_yuan,
                                                    row.rejections.count, row.payments.count, row.payees,
                                                    row.payments.amount_yuan)]


# One line each (the unit is said once, in 统计口径): two-line headers cost a short report its one page.
_FIGURE_HEADER = ("申请件数", "申请人数", "申请金额", "驳回件数", "发放件数", "发放人数", "发放金额")


def _table(rows: Sequence[MonthlyRow], total: MonthlyRow, label_header: str, labels: Any, kit: Kit) -> Flowable:
    number = _number_style(kit)
    data = [[labels(r), *_figures(r, number)] for r in rows]
    data.append(["合计", *_figures(total, number)])
    label_width = kit.width * 0.2
    figure_width = (kit.width - label_width) / len(_FIGURE_HEADER)
    table = data_table([label_header, *_FIGURE_HEADER], data, kit, [label_width, *([figure_width] * 7)])
    last = len(data)
    table.setStyle([("BACKGROUND", (0, last), (-1, last), _TOTAL_SHADE)])
    return table


def _coded(name: str, code: str, kit: Kit) -> Flowable:
    """440100 广州市 in one label column (the code small), which keeps the seven figures wide enough."""
    return rich(f"<font size={kit.small.fontSize}>{esc(code)}</font> {esc(name)}", kit.cell)


def _overview(report: MonthlyReport, kit: Kit) -> Flowable:
    """本月 and 本年累计 side by side: applications, rejections, payments in cases, people and yuan."""
    number = _number_style(kit)
    month, ytd = report.total, report.year_to_date

    def cells(row: MonthlyRow, which: str) -> list[Any]:
        tally, people = {"申请": (row.applications, row.applicants), "驳回": (row.rejections, row.rejected_people),
                         "发放": (row.payments, row.payees)}[which]
        return [rich(f"{v:,}", number) for v in (tally.count, people, tally.amount_yuan)]

    data = [[which, *cells(month, which), *cells(ytd, which)] for which in ("申请", "驳回", "发放")]
    w = kit.width
    return data_table(["事项", "本月件数", "本月人数", "本月金额", "本年件数", "本年人数", "本年金额"], data, kit,
                      [w * 0.13, *([w * 0.145] * 6)])


def render_monthly_report(report: MonthlyReport, office: Office, out: Output, *, prepared_by: str = "") -> None:
    """Write the monthly report (A4 PDF) to ``out`` (a path, written atomically, or a binary stream).

    The tables follow one another and split across pages (their headers repeated); the signatures stay
    with the closing note, so a short report is one page and a long one has no half-empty page before an
    attachment (issue 17.9)."""
    kit = kit_for("a4")
    last_day = calendar.monthrange(report.year, report.month)[1]
    period = (f"{report.year}年{report.month}月1日至{report.month}月{last_day}日（{tz_label(report.tz_name)}）")
    if not report.complete:
        period += f"；本月尚未结束，统计截至{wording.datetime_cn(report.as_of, report.tz_name)}"
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("统计月份", f"{report.year}年{report.month}月：{period}"),
                ("统计口径", SCOPE),
                ("统计范围", f"本机构受理的全部案件（机构代码 {report.office_code or office.code}）；"
                             f"制表时间 {wording.datetime_cn(report.as_of, report.tz_name)}"),
            ],
            kit,
        ),
        Spacer(1, 2 * mm),
        *heading(f"一、本月及本年累计（{report.year}年1月1日至{report.month}月{last_day}日）", kit),
        _overview(report, kit),
        *heading("二、按证书等级", kit),
        _table(report.by_level, report.total, "证书等级", lambda r: r.name, kit),
        *heading("三、按参保地区（地市）", kit),
        _table(report.by_region, report.total, "地区", lambda r: _coded(r.name, r.code, kit), kit)
        if report.by_region else para(NOTHING, kit.body),
        *heading("四、按职业（工种）", kit),
        _table(report.by_occupation, report.total, "职业（工种）", lambda r: _coded(r.name, r.code, kit), kit)
        if report.by_occupation else para(NOTHING, kit.body),
        *keep_with_signatures([
            *report_signatures(kit, prepared_by),
        ], kit),
    ]
    build_pdf(story, out, kit, title=f"{TITLE} {report.label}", author=office.name, subject=TITLE,
              footer=f"展翅行动月报表 {report.year}年{report.month}月　{office.name}")


def write_monthly_report(report: MonthlyReport, office: Office, out: Output, fmt: str, *,
                         prepared_by: str = "") -> None:
    """The report in ``fmt`` (pdf, csv, xlsx) to ``out``."""
    if fmt == "pdf":
        render_monthly_report(report, office, out, prepared_by=prepared_by)
    elif fmt == "csv":
        write_output(monthly_csv(report), out)
    elif fmt == "xlsx":
        write_output(monthly_xlsx(report), out)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected pdf, csv or xlsx")


def issue_monthly_report(store: Store, actor: StaffUser | None, year: int, month: int, out: Path | str, *,
                         office_code: str | None = None) -> IssuedReport:
    """Write the monthly report to ``out`` (format from its ending: .pdf, .csv, .xlsx) and record it."""
    path = target_path(out, tuple(FORMATS))
    fmt = FORMATS[path.suffix.lower()]
    username = check_report_reader(store, actor)
    report = monthly_report(store, year, month, office_code)
    buffer = io.BytesIO()
    write_monthly_report(report, office_for(store, office_code), buffer, fmt,
                         prepared_by=actor.display_name if actor is not None else "")
    total = report.total
    figures = {"applications": [total.applications.count, total.applications.amount_yuan],
               "payments": [total.payments.count, total.payments.amount_yuan], "complete": report.complete}
    return issue_office_document(store, username, kind=KIND, period=report.label, fmt=fmt, data=buffer.getvalue(),
                                 out=path, figures=figures, office_code=office_code)


def month_is_future(year: int, month: int, today: dt.date) -> bool:
    return (year, month) > (today.year, today.month)


__all__ = [
    "COLUMNS",
    "FORMATS",
    "KIND",
    "TITLE",
    "XLSX_HEADER",
    "issue_monthly_report",
    "month_is_future",
    "monthly_csv",
    "monthly_xlsx",
    "render_monthly_report",
    "rows_for_file",
    "write_monthly_report",
]
