"""业务日报: the daily summary a counter supervisor (科长) reads and signs.

Page one carries the figures and the signatures: the day's flows (received,
accepted, rejected, approved, paid …), the same by certificate level with a
small bar chart of the amounts, the clerks' acceptances, the employers most
applied from, how many reviews are past their time limit, what has not yet
reached the central system, and open risk flags.  The list of overdue
reviews follows as an attachment (附表), which may run to many pages: its
header row repeats on each page and every page says 第x页／共y页, so loose
pages stay in order.  No personal data: cases are named by number.

Printing is recorded like a case document (``issue_daily_summary``): one
audit entry ``document.daily_summary`` on entity ``office`` (id = the office
code), with the day, the headline figures and the PDF's sha256, written in
the same transaction that moves the file into place — so the signed paper can
be matched to what the system produced, and the trail shows who printed the
office's figures.  The figures are read and the PDF rendered *before* the
write transaction opens, so counters are never held up behind a long print;
the hash pins exactly what was printed.  Without a named user (a
supervisor's scheduled job) the entry's actor is ``system``.  No outbox row:
the print concerns this office's own bookkeeping, not a case the central
system holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer
from sqlalchemy import select

from desktop.documents import wording
from desktop.documents.data import Office
from desktop.documents.fonts import FONT_NAME
from desktop.documents.layout import (
    Kit,
    Output,
    build_pdf,
    content_height,
    data_table,
    fields,
    heading,
    kit_for,
    letterhead,
    para,
    report_signatures,
    rich,
)
from desktop.models import audit, sealed
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.files import output_path, placed_with_transaction
from desktop.models.messages import Phrase
from desktop.models.office import default_profile, read_office_profile
from desktop.models.reports import FLOW_LABELS, FLOWS, DailySummary, Tally, daily_summary
from desktop.models.rules import Verifier
from desktop.models.schema import Staff
from desktop.models.staff import SYSTEM_ACTOR, Action, Role, StaffUser, can
from desktop.models.store import Store

TITLE = "技能提升补贴业务日报"
KIND = "daily_summary"
ATTACHMENT_TITLE = "附表：超过审核时限未审结案件清单"
LEVEL_SHORT = {5: "五级", 4: "四级", 3: "三级", 2: "二级", 1: "一级"}
WEEKDAYS = "一二三四五六日"
CHART_FLOWS = ("accepted", "approved", "paid")
# Grey levels a monochrome office printer keeps apart, each bar outlined in black.
CHART_FILLS = (Color(0.15, 0.15, 0.15), Color(0.55, 0.55, 0.55), Color(0.88, 0.88, 0.88))


# --- rendering -------------------------------------------------------------------------------------


def tz_label(tz_name: str) -> str:
    return "北京时间" if tz_name in ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC") else tz_name


def day_label(day: dt.date) -> str:
    return f"{wording.date_cn(day)}（星期{WEEKDAYS[day.weekday()]}）"


def _number_style(kit: Kit) -> ParagraphStyle:
    return ParagraphStyle(f"{kit.cell.name}.number", parent=kit.cell, alignment=TA_RIGHT)


def _list_style(kit: Kit) -> ParagraphStyle:
    """The overdue list's smaller cells: a case number and a date fit on one line."""
    size = kit.page.base_size * 0.86
    return ParagraphStyle(f"{kit.cell.name}.list", parent=kit.cell, fontSize=size, leading=size * 1.35)


def _n(value: int) -> str:
    return f"{value:,}"


def _tally_cell(tally: Tally, style: ParagraphStyle) -> Paragraph:
    return rich(f"{tally.count:,} 件<br/>{tally.amount_yuan:,} 元", style)


def _notes(summary: DailySummary) -> dict[str, str]:
    notes = {}
    if summary.drafts_received:
        when = "至该日结束时" if summary.complete else ""  # a past day: as of its end (issue 17.8)
        notes["received"] = f"其中{summary.drafts_received:,}件{when}仍为草稿，尚未受理"
    if summary.disputed_accepted:
        notes["accepted"] = f"其中{summary.disputed_accepted:,}件核验不符合条件、按申请人异议受理，待审核复核"
    return notes


def _flows_table(summary: DailySummary, kit: Kit) -> Flowable:
    number = _number_style(kit)
    notes = _notes(summary)
    rows = [
        [FLOW_LABELS[f], rich(_n(summary[f].count), number), rich(_n(summary[f].amount_yuan), number),
         notes.get(f, "")]
        for f in FLOWS
    ]
    w = kit.width
    return data_table(["事项", "件数", "金额（元）", "说明"], rows, kit, [w * 0.24, w * 0.14, w * 0.2, w * 0.42])


def _level_table(summary: DailySummary, kit: Kit) -> Flowable:
    number = _number_style(kit)
    flows = ("received", "accepted", "approved", "paid")
    rows: list[list[Any]] = []
    for level in summary.by_level:
        rows.append([wording.level_name(level.level), *(_tally_cell(level[f], number) for f in flows)])
    rows.append(["合计", *(_tally_cell(summary[f], number) for f in flows)])
    w = kit.width
    table = data_table(["证书等级", "收件", "受理", "审批通过", "发放成功"], rows, kit,
                       [w * 0.2, w * 0.2, w * 0.2, w * 0.2, w * 0.2])
    table.setStyle([("BACKGROUND", (0, len(rows)), (-1, len(rows)), Color(0.94, 0.94, 0.94))])
    return table


def _chart(summary: DailySummary, kit: Kit) -> Flowable:
    levels = [lv for lv in summary.by_level if any(lv[f].amount_yuan for f in CHART_FLOWS)] or [
        lv for lv in summary.by_level if lv.level in LEVEL_SHORT and lv.level >= 3]
    width, height = kit.width, 62 * mm
    # The drawing's own starting font would otherwise be Helvetica: listed, unembedded, in the PDF.
    drawing = Drawing(width, height, initialFontName=FONT_NAME, initialFontSize=kit.page.base_size)
    title = String(0, height - 10, "各等级金额（元）", fontName=FONT_NAME, fontSize=kit.page.base_size * 0.95)
    drawing.add(title)
    data = [[lv[f].amount_yuan for lv in levels] for f in CHART_FLOWS]
    top = max((v for series in data for v in series), default=0)
    chart = VerticalBarChart()
    chart.x, chart.y = 24 * mm, 10 * mm
    chart.width, chart.height = width - 24 * mm - 38 * mm, height - 10 * mm - 22
    chart.data = data
    chart.barSpacing = 1.5
    chart.groupSpacing = 10
    chart.strokeColor = None
    for i, fill in enumerate(CHART_FILLS):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = black
        chart.bars[i].strokeWidth = 0.4
    chart.categoryAxis.categoryNames = [LEVEL_SHORT.get(lv.level, f"{lv.level}级") for lv in levels]
    axis_size = kit.page.base_size * 0.86
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = FONT_NAME
        labels.fontSize = axis_size
    chart.categoryAxis.labels.dy = -3
    chart.valueAxis.valueMin = 0
    if top == 0:
        chart.valueAxis.valueMax = 1000  # an empty day still draws a readable axis
        chart.valueAxis.valueStep = 250
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.gridStrokeColor = Color(0.8, 0.8, 0.8)
    chart.valueAxis.visibleGrid = True
    drawing.add(chart)
    legend = Legend()
    legend.fontName = FONT_NAME
    legend.fontSize = axis_size
    legend.x, legend.y = width - 34 * mm, chart.y + chart.height - 4
    legend.alignment = "right"
    legend.columnMaximum = 3
    legend.strokeColor = black
    legend.strokeWidth = 0.4
    legend.colorNamePairs = list(zip(CHART_FILLS, [FLOW_LABELS[f] for f in CHART_FLOWS], strict=True))
    drawing.add(legend)
    if top == 0:
        drawing.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2, "当日无受理、审批、发放金额",
                           fontName=FONT_NAME, fontSize=axis_size, textAnchor="middle", fillColor=black))
    return drawing


def _clerk_table(summary: DailySummary, kit: Kit) -> list[Flowable]:
    if not summary.by_clerk:
        return [para("当日无受理。", kit.body)]
    number = _number_style(kit)
    rows = [[c.display_name if c.display_name == c.username else f"{c.display_name}（{c.username}）",
             rich(_n(c.accepted.count), number), rich(_n(c.accepted.amount_yuan), number),
             rich(_n(c.disputed), number)] for c in summary.by_clerk]
    w = kit.width
    return [data_table(["经办人", "受理件数", "受理金额（元）", "其中异议受理"], rows, kit,
                       [w * 0.4, w * 0.18, w * 0.24, w * 0.18])]


def _employer_table(summary: DailySummary, kit: Kit) -> list[Flowable]:
    if not summary.top_employers:
        return [para("当日无收件。", kit.body)]
    number = _number_style(kit)
    rows = [[str(i), e.name or "（申请人未填写单位）", rich(_n(e.received.count), number),
             rich(_n(e.received.amount_yuan), number)] for i, e in enumerate(summary.top_employers, 1)]
    w = kit.width
    return [data_table(["序号", "单位名称", "收件件数", "申请金额（元）"], rows, kit,
                       [w * 0.08, w * 0.56, w * 0.16, w * 0.2])]


def _limits_text(summary: DailySummary) -> str:
    return "或".join(str(n) for n in summary.review_workdays)


def _overdue_text(summary: DailySummary) -> str:
    day = wording.date_cn(summary.day)
    if not summary.overdue_count:
        return f"截至{day}，没有超过审核时限（受理后{_limits_text(summary)}个工作日）仍未审结的案件。"
    text = (f"截至{day}，已受理或审核中、超过审核时限（受理后{_limits_text(summary)}个工作日）仍未审结的案件"
            f"共 {summary.overdue_count:,} 件，明细见{ATTACHMENT_TITLE.split('：')[0]}")
    if summary.overdue_truncated:
        text += f"（列出超期最久的 {len(summary.overdue):,} 件）"
    return text + "。请督促审核。"


PAST_DAY_NOTE = "统计日已结束，各项数字为该日24:00时的情况"
PAST_DAY_SYNC = "数据同步情况只有当前数字，不属于统计日，本表不列；当日的同步情况以当日打印的日报为准"


def _sync_rows(summary: DailySummary, kit: Kit) -> list[tuple[str, str]]:
    sync = summary.sync
    if sync is None:  # a past day (issue 17.8): the backlog then cannot be known now
        rows = [("数据同步", PAST_DAY_SYNC)]
    else:
        last = (wording.datetime_cn(sync.last_sync, summary.tz_name) if sync.last_sync is not None
                else "尚未与中心系统同步")
        rows = [
            ("待同步变更", f"{sync.pending:,} 条（尚未被中心系统接收）"),
            ("中心退回", f"{sync.rejected:,} 条（待人工处理）" if sync.rejected else "0 条"),
            ("最近同步", last),
        ]
    risk = summary.risk
    if risk is not None:
        when = "该日结束时未处理" if summary.complete else "未处理"
        detail = f"{when} {risk.open:,} 条（当日新增 {risk.raised_on_day:,} 条）"
        if risk.by_code:
            detail += "；" + "、".join(f"{_risk_label(code)} {n:,}条" for code, n in risk.by_code[:6])
        rows.append(("风险提示", detail))
    return rows


def _risk_label(code: str) -> str:
    """The risk monitoring point's Chinese name (desktop.models.risk), else its code."""
    try:
        from desktop.models.risk import RiskCode

        return str(RiskCode(code).label)
    except (ImportError, ValueError, AttributeError):  # a code from a later version
        return code


def _period_text(summary: DailySummary) -> str:
    zone = tz_label(summary.tz_name)
    if summary.complete:
        return f"全天（0:00—24:00，{zone}；{PAST_DAY_NOTE}）"
    if wording.local_date(summary.as_of, summary.tz_name) < summary.day:
        return f"该日尚未开始（{zone}），以下均为零"
    until = wording.datetime_cn(summary.as_of, summary.tz_name).split(" ")[-1]
    return f"当日0:00至{until}（{zone}；当日尚未结束，数字可能继续变化）"


def keep_with_signatures(tail: list[Flowable], kit: Kit) -> list[Flowable]:
    """The last section and the signatures, moved to a new page together when they do not fit:
    a signature never stands alone on a page, away from the figures it vouches for.
    (A KeepTogether cannot hold the signature block, itself a KeepTogether: reportlab would
    then always break the page.)"""
    return [CondPageBreak(content_height(tail, kit.width) + 2 * mm), *tail]


class _Plain:
    """A one-line cell the table draws itself, in the table's font, instead of a Paragraph.

    Case numbers, dates, states and counts never need wrapping, and an overdue list of
    thousands of rows renders several times faster without a Paragraph per cell."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _overdue_rows(summary: DailySummary, kit: Kit) -> list[list[Any]]:
    small = _list_style(kit)
    rows = []
    for i, r in enumerate(summary.overdue, 1):
        deadline = r.deadline.isoformat() + (PROVISIONAL_MARK if r.provisional else "")
        rows.append([
            _Plain(str(i)), _Plain(r.case_no), _Plain(r.state.label), _Plain(LEVEL_SHORT.get(r.level, str(r.level))),
            para(r.occupation, small),  # occupation names can be long: this one wraps
            para(r.accepted_by, small), _Plain(r.accepted_on.isoformat()), _Plain(deadline),
            _Plain(str(r.workdays_overdue)),
        ])
    return rows


def _overdue_table(summary: DailySummary, kit: Kit) -> Flowable:
    widths = [w * mm for w in OVERDUE_WIDTHS_MM]
    widths[-1] += kit.width - sum(widths)  # absorb rounding: the columns must fill the frame exactly
    small = _list_style(kit)
    # The header in the list's size too: 职业（工种） then fits its column on one line.
    head = ParagraphStyle(f"{small.name}.head", parent=kit.cell_head, fontSize=small.fontSize, leading=small.leading)
    table = data_table(OVERDUE_HEADER, _overdue_rows(summary, kit), kit, widths, head_style=head)
    table.setStyle([
        ("FONTSIZE", (0, 1), (-1, -1), small.fontSize),
        ("LEADING", (0, 1), (-1, -1), small.leading),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (3, 1), (3, -1), "CENTER"),
        ("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
    ])
    return table


OVERDUE_HEADER = ("序号", "受理编号", "状态", "等级", "职业（工种）", "受理人", "受理日期", "审核期限", "超期\n工作日")
# Sized so a case number and an ISO date each stay on one line at the list's 9 pt.
OVERDUE_WIDTHS_MM = (10.5, 45.5, 13, 10.5, 22.5, 14.5, 19.5, 19.5, 14.5)
PROVISIONAL_MARK = "*"
# Underscores, not spaces, give the pen room: a Paragraph collapses runs of (full-width) spaces.


def render_daily_summary(summary: DailySummary, office: Office, out: Output, *, prepared_by: str = "") -> None:
    """Write the daily summary (A4) to ``out`` (a path, written atomically, or a binary stream)."""
    kit = kit_for("a4")
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("统计日期", day_label(summary.day)),
                ("统计时段", _period_text(summary)),
                ("统计范围", f"本机构受理的全部案件（机构代码 {summary.office_code or office.code}）"),
                ("制表时间", wording.datetime_cn(summary.as_of, summary.tz_name)),
            ],
            kit,
        ),
        Spacer(1, 2 * mm),
        *heading("一、当日办理情况", kit),
        _flows_table(summary, kit),
        CondPageBreak(80 * mm),
        *heading("二、按证书等级", kit),
        _level_table(summary, kit),
        Spacer(1, 2 * mm),
        _chart(summary, kit),
        CondPageBreak(40 * mm),
        *heading("三、受理人员（当日受理）", kit),
        *_clerk_table(summary, kit),
        CondPageBreak(40 * mm),
        *heading(f"四、申请人所在单位（当日收件前{len(summary.top_employers) or 10}名）", kit),
        *_employer_table(summary, kit),
        CondPageBreak(30 * mm),
        *heading("五、超过审核时限未审结", kit),
        para(_overdue_text(summary), kit.prose),
        *keep_with_signatures([
            *heading("六、数据同步与风险监测", kit),
            fields(_sync_rows(summary, kit), kit),
            *report_signatures(kit, prepared_by, seal_label="（科室盖章）"),
        ], kit),
    ]
    if summary.overdue:
        story += [
            PageBreak(),
            *heading(f"{ATTACHMENT_TITLE}（{wording.date_cn(summary.day)}，共{summary.overdue_count:,}件）", kit),
        ]
        if summary.overdue_truncated:
            story.append(para(f"超期案件较多，本表列出超期最久的 {len(summary.overdue):,} 件；"
                              "其余案件请在系统中按受理日期查询。", kit.small))
        if any(r.provisional for r in summary.overdue):
            story.append(para(f"审核期限后标 {PROVISIONAL_MARK} 者：{wording.PROVISIONAL_DATE_REASON}。", kit.small))
        story.append(_overdue_table(summary, kit))
    build_pdf(story, out, kit, title=f"{TITLE} {summary.day.isoformat()}", author=office.name, subject=TITLE,
              footer=f"{TITLE} {wording.date_cn(summary.day)}　{office.name}")


# --- issuing (printing with its audit entry) -----------------------------------------------------------


@dataclass(frozen=True)
class IssuedReport:
    kind: str  # daily_summary | monthly_report
    period: str  # 2026-11-27 | 2026-11
    path: Path
    format: str  # pdf | csv | xlsx
    printed_at: dt.datetime  # aware, UTC
    printed_by: str  # username, or "system" for an unattended job
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "period": self.period, "out": str(self.path), "format": self.format,
                "printed_at": self.printed_at.isoformat(), "printed_by": self.printed_by, "sha256": self.sha256}


def check_report_reader(store: Store, actor: StaffUser | None) -> str:
    """The username a report print is recorded under; refuses accounts that may not read reports."""
    if actor is None:
        return SYSTEM_ACTOR
    if not can(actor, Action.report_view):
        raise PermissionDenied.of("permission.denied", role=Role(actor.role), action=Action.report_view)
    with store.session(readonly=True) as session:
        row = session.scalar(select(Staff).where(Staff.username == actor.username))
        if row is None or not row.active:
            raise PermissionDenied.of("permission.report_account_inactive", username=actor.username)
    return actor.username


def office_for(store: Store, office_code: str | None) -> Office:
    """The printed office: this data folder's profile, or a region default for another office's code."""
    code = office_code or store.office_code
    with store.session(readonly=True) as session:
        profile = read_office_profile(session, code) if code == store.office_code else default_profile(code)
    return Office(code=profile.code, name=profile.name, address=profile.address, phone=profile.phone,
                  progress_hint=profile.progress_hint, tz_name=store.clock.tz_name)


def target_path(out: Path | str, suffixes: Sequence[str]) -> Path:
    path = output_path(out)
    if path.suffix.lower() not in suffixes:
        said: str | Phrase = suffixes[0]
        for suffix in suffixes[1:]:
            said = Phrase.of("file.either_suffix", first=said, second=suffix)
        raise InvalidInput.about("out", "file.wrong_suffix", suffixes=said, name=path.name)
    return path.absolute()


def issue_office_document(store: Store, username: str, *, kind: str, period: str, fmt: str, data: bytes,
                          out: Path, figures: dict[str, Any], office_code: str | None = None) -> IssuedReport:
    """Put ``data`` at ``out`` and record it in the audit trail (``document.<kind>`` on entity
    ``office``) in one transaction: no file without its entry, no entry without its file."""
    digest = hashlib.sha256(data).hexdigest()
    with placed_with_transaction() as files, store.session() as session:
        printed_at = store.clock.now()
        audit.record(session, actor=username, action=f"document.{kind}", entity="office",
                     entity_id=office_code or store.office_code, before=None,
                     after={"kind": kind, "period": period, "format": fmt, "sha256": digest, "path": str(out),
                            "figures": figures},
                     at=printed_at)
        # Last: undone if the commit fails (no report without its audit entry).  Sealed in the data folder.
        files.place(sealed.kept(store.data_dir, out, data), out)
    return IssuedReport(kind, period, out, fmt, printed_at, username, digest)


def issue_daily_summary(store: Store, actor: StaffUser | None, day: dt.date, out: Path | str, *,
                        verifier: Verifier | None = None, office_code: str | None = None) -> IssuedReport:
    """Print the daily summary of ``day`` (an office date) to ``out`` and record the print.

    ``actor`` None: an unattended job (recorded as ``system``, 制表人 left blank to sign by hand)."""
    path = target_path(out, (".pdf",))
    username = check_report_reader(store, actor)
    summary = daily_summary(store, day, office_code, verifier=verifier)
    buffer = io.BytesIO()
    render_daily_summary(summary, office_for(store, office_code), buffer,
                         prepared_by=actor.display_name if actor is not None else "")
    figures = summary.to_json()
    return issue_office_document(store, username, kind=KIND, period=day.isoformat(), fmt="pdf",
                                 data=buffer.getvalue(), out=path, office_code=office_code,
                                 figures={"flows": figures["flows"], "overdue": figures["overdue"],
                                          "complete": figures["complete"], "as_of": figures["as_of"]})


__all__ = [
    "ATTACHMENT_TITLE",
    "KIND",
    "OVERDUE_HEADER",
    "TITLE",
    "IssuedReport",
    "check_report_reader",
    "issue_daily_summary",
    "issue_office_document",
    "office_for",
    "render_daily_summary",
    "target_path",
]
