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
import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop.documents import wording
from desktop.documents.daily_summary import (
    DATE_LINE,
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
    blank_line,
    build_pdf,
    data_table,
    fields,
    heading,
    kit_for,
    letterhead,
    para,
    rich,
    signature_block,
    write_output,
)
from desktop.models.reports import MonthlyReport, MonthlyRow, monthly_report
from desktop.models.spreadsheet_cells import append_xlsx_row, safe_row
from desktop.models.staff import StaffUser
from desktop.models.store import Store

TITLE = "失业保险技能提升补贴（展翅行动）月报表"
KIND = "monthly_report"
COLUMNS = ("month", "dimension", "code", "name", "applications", "application_amount_yuan", "payments",
           "payment_amount_yuan")
FORMATS = {".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
SCOPE = ("申请：当月申请（以申请日期计）并已受理的案件，含其后驳回、撤回的；"
         "发放：当月发放成功的案件，按核定金额。地区按参保地所在地市统计。")
_TOTAL_SHADE = Color(0.94, 0.94, 0.94)
ATTACHMENT = "附表"
NOTHING = "本月无申请、无发放。"



def rows_for_file(report: MonthlyReport) -> list[list[Any]]:
    """The CSV/XLSX rows (without the header), in file order."""
    return [[report.label, r.dimension, r.code, r.name, r.applications.count, r.applications.amount_yuan,
             r.payments.count, r.payments.amount_yuan] for r in report.rows()]


def monthly_csv(report: MonthlyReport) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(safe_row(row) for row in rows_for_file(report))  # occupation names are typed text
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM tells Excel the file is UTF-8


def monthly_xlsx(report: MonthlyReport) -> bytes:
    from openpyxl import Workbook  # only when a workbook is asked for
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = report.label
    append_xlsx_row(sheet, COLUMNS)
    for row in rows_for_file(report):
        append_xlsx_row(sheet, row)  # counts and yuan stay integers; names are strings, never formulas
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (10, 12, 12, 28, 14, 24, 12, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=8):
        for cell in row:
            cell.number_format = "#,##0"
    book.properties.title = f"{TITLE} {report.label}"
    book.properties.creator = "展翅柜台 Zhanchi Counter"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------------


def _number_style(kit: Kit) -> ParagraphStyle:
    return ParagraphStyle(f"{kit.cell.name}.number", parent=kit.cell, alignment=TA_RIGHT)


def _figures(row: MonthlyRow, number: ParagraphStyle) -> list[Any]:
    return [rich(f"{v:,}", number) for v in (row.applications.count, row.applications.amount_yuan,
                                                    row.payments.count, row.payments.amount_yuan)]


_FIGURE_HEADER = ("申请件数", "申请金额\n（元）", "发放件数", "发放金额\n（元）")


def _table(rows: Sequence[MonthlyRow], total: MonthlyRow, label_header: Sequence[str],
           labels: Any, widths: Sequence[float], kit: Kit) -> Flowable:
    number = _number_style(kit)
    data = [[*labels(r), *_figures(r, number)] for r in rows]
    data.append([*(["合计"] + [""] * (len(label_header) - 1)), *_figures(total, number)])
    figure_width = (kit.width - sum(widths)) / 4
    table = data_table([*label_header, *_FIGURE_HEADER], data, kit, [*widths, *([figure_width] * 4)])
    last = len(data)
    commands: list[tuple[Any, ...]] = [("BACKGROUND", (0, last), (-1, last), _TOTAL_SHADE)]
    if len(label_header) > 1:
        commands.append(("SPAN", (0, last), (len(label_header) - 1, last)))
    table.setStyle(commands)
    return table


def render_monthly_report(report: MonthlyReport, office: Office, out: Output, *, prepared_by: str = "") -> None:
    """Write the monthly report (A4 PDF) to ``out`` (a path, written atomically, or a binary stream)."""
    kit = kit_for("a4")
    w = kit.width
    last_day = calendar.monthrange(report.year, report.month)[1]
    period = (f"{report.year}年{report.month}月1日至{report.month}月{last_day}日（{tz_label(report.tz_name)}）")
    if not report.complete:
        period += f"；本月尚未结束，统计截至{wording.datetime_cn(report.as_of, report.tz_name)}"
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("统计月份", f"{report.year}年{report.month}月"),
                ("统计期间", period),
                ("统计口径", SCOPE),
                ("统计范围", f"本机构受理的全部案件（机构代码 {report.office_code or office.code}）"),
                ("制表时间", wording.datetime_cn(report.as_of, report.tz_name)),
            ],
            kit,
        ),
        Spacer(1, 2 * mm),
        *heading("一、按证书等级", kit),
        _table(report.by_level, report.total, ["证书等级"], lambda r: [r.name], [w * 0.2], kit),
        *keep_with_signatures([
            *heading("二、按参保地区（地市）", kit),
            _table(report.by_region, report.total, ["地区代码", "地区"], lambda r: [r.code, r.name],
                   [w * 0.14, w * 0.18], kit) if report.by_region else para(NOTHING, kit.body),
            *heading("三、按职业（工种）", kit),
            para(f"见{ATTACHMENT}。", kit.body),
            *signature_block(
                kit,
                [f"制表人：{prepared_by}" if prepared_by else blank_line("制表人"), blank_line("科长（签字）")],
                seal_label="（单位盖章）",
                date_line=DATE_LINE,
            ),
        ], kit),
        PageBreak(),
        *heading(f"{ATTACHMENT}：按职业（工种）统计（{report.year}年{report.month}月）", kit),
        _table(report.by_occupation, report.total, ["职业编码", "职业（工种）"], lambda r: [r.code, r.name],
               [w * 0.15, w * 0.25], kit) if report.by_occupation else para(NOTHING, kit.body),
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
    "issue_monthly_report",
    "month_is_future",
    "monthly_csv",
    "monthly_xlsx",
    "render_monthly_report",
    "rows_for_file",
    "write_monthly_report",
]
