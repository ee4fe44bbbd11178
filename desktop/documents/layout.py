"""Page formats, text styles and building blocks shared by every document.

Two paper formats: A4 (laser printer) and the 80 mm thermal roll (receipt
printers; the page is exactly 80 mm wide and as tall as its content).  Every
piece of text is a Paragraph with CJK line breaking inside a width the frame
gives it, so a long name, address or occupation wraps instead of running off
the paper.  Text from data is always escaped: a name with "<" or "&" must
print as typed, not break the markup.

The later documents (daily summary, publicity list, monthly report) reuse the
same kit: ``kit_for(fmt)``, ``fields``, ``data_table``, ``heading``,
``signature_block`` and ``build_pdf`` (A4 pages get a 第x页／共y页 footer).

Every text goes through ``paragraph`` (``para`` and ``rich`` call it): each run of
characters the style's face lacks is set in the shipped face that has them
(``fonts.with_fallback``: a name in CJK Extension B prints), a character no face
has stops the print (``fonts.UnprintableCharacter``), and lines break by the
Chinese rules of ``linebreak.py``.  Lines drawn straight on the canvas (titles,
footers) use ``draw_text``, with the same fallback.

Decisions, notices and publicity lists use the formal kit, ``kit_for(fmt,
formal=True)``: a Song face (宋体-style serif) at the sizes official documents use
(GB/T 9704: title 二号 in a bold Song, body 四号 here so a decision keeps to one page,
headings in the sans (黑体-style) face); on the 80 mm roll the formal kit is the
ordinary one: hairline serifs do not survive a thermal head.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal, Protocol, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black, white
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.documents import wording
from desktop.documents.fonts import FONT_NAME, register_face, register_fonts, runs, text_width, with_fallback
from desktop.documents.linebreak import ChineseParagraph, install_chinese_line_rules
from desktop.documents.typefaces import SANS, SERIF, SERIF_BOLD
from desktop.models.files import write_private

PaperFormat = Literal["a4", "80mm"]
Output: TypeAlias = Path | str | BinaryIO

GREY = Color(0.35, 0.35, 0.35)
LINE_GREY = Color(0.55, 0.55, 0.55)
SHADE = Color(0.94, 0.94, 0.94)
ROLL_WIDTH = 80 * mm  # 226.77 pt


@dataclass(frozen=True)
class PageFormat:
    name: PaperFormat
    width: float
    height: float | None  # None: a roll, cut to the content's height
    margin_x: float
    margin_top: float
    margin_bottom: float
    base_size: float  # body text, points
    footer: bool  # 第x页／共y页 at the foot of each page

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin_x


PAGE_FORMATS: dict[str, PageFormat] = {
    "a4": PageFormat("a4", A4[0], A4[1], 20 * mm, 16 * mm, 18 * mm, 10.5, True),
    # Thermal heads print about 72 mm of the 80 mm roll.  Text stays within the middle
    # 70 mm, so a punctuation mark hanging at a line end (linebreak.py) still prints.
    "80mm": PageFormat("80mm", ROLL_WIDTH, None, 5 * mm, 4 * mm, 6 * mm, 8.5, False),
}


@dataclass(frozen=True)
class Kit:
    """A page format with its styles: what the building blocks need."""

    page: PageFormat
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    office: ParagraphStyle
    title_size: float
    heading: ParagraphStyle
    banner: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    right: ParagraphStyle
    centered: ParagraphStyle
    caption: ParagraphStyle
    prose: ParagraphStyle  # running text: first line indented two characters, as Chinese letters are
    font: str = SANS  # the face of the text (typefaces.py)
    title_font: str = SANS  # the face of the title (and of the issuer's name over it)
    formal: bool = False

    @property
    def roll(self) -> bool:
        return self.page.height is None

    @property
    def width(self) -> float:
        return self.page.frame_width


# Chinese type sizes (字号) in points.
SIZE_2 = 22.0  # 二号: the title of an official document
SIZE_3 = 16.0  # 三号: the issuing body
SIZE_4 = 14.0  # 四号: running text of the formal documents
SIZE_SMALL_4 = 12.0  # 小四: the same, where 四号 would not keep a document to one page
SIZE_5 = 10.5  # 五号: their tables and fields, as forms set them


@functools.cache
def kit_for(fmt: str, *, formal: bool = False, text_size: float = SIZE_4, base_size: float | None = None) -> Kit:
    """The styles of a paper format; built once (styles are read-only afterwards).  ``formal``:
    the Song face and official sizes of decisions, notices and publicity lists (A4 only), their
    running text ``text_size`` points (四号; a longer document 小四 to keep to one page).
    ``base_size``: another body size for a plain document that must keep to one page (``fits_one_page``)."""
    try:
        page = PAGE_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown paper format {fmt!r}; expected one of {sorted(PAGE_FORMATS)}") from None
    register_fonts()
    install_chinese_line_rules()
    formal = formal and page.height is not None
    font = SERIF if formal else SANS
    title_font = SERIF_BOLD if formal else SANS
    for face in {font, title_font}:
        register_face(face)
    size = SIZE_5 if formal else (base_size or page.base_size)  # fields, tables, small print
    text_size = text_size if formal else size  # running text

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": font,
            "fontSize": size,
            "leading": size * 1.5,
            "wordWrap": "CJK",  # ChineseParagraph: the line-breaking rules of linebreak.py
            "textColor": black,
        }
        base.update(kw)
        return ParagraphStyle(f"{page.name}{'.formal' if formal else ''}.{name}", **base)

    if formal:
        office = style("office", fontName=title_font, fontSize=SIZE_3, leading=SIZE_3 * 1.5, alignment=TA_CENTER,
                       balance=True)
        heading_style = style("heading", fontName=SANS, fontSize=text_size, leading=text_size * 1.45,
                              spaceBefore=text_size * 0.5, spaceAfter=0)
    else:
        office = style("office", fontSize=size * 1.15, leading=size * 1.6, alignment=TA_CENTER, balance=True)
        heading_style = style("heading", fontSize=size * 1.12, leading=size * 1.5, spaceBefore=size * 0.6,
                              spaceAfter=0)
    return Kit(
        page=page,
        body=style("body", fontSize=text_size, leading=text_size * 1.5),
        small=style("small", fontSize=size * 0.86, leading=size * 0.86 * 1.45,
                    textColor=black if page.height is None else GREY),
        label=style("label", textColor=black if page.height is None else GREY),  # thermal heads dither grey
        office=office,
        title_size=SIZE_2 if formal else size * (1.9 if page.height else 1.55),
        heading=heading_style,
        banner=style("banner", fontSize=size * 1.1, leading=size * 1.5, alignment=TA_CENTER, balance=True),
        cell=style("cell", leading=size * 1.4),
        cell_head=style("cell_head", leading=size * 1.4, alignment=TA_CENTER, balance=True),
        right=style("right", alignment=TA_RIGHT),
        centered=style("centered", alignment=TA_CENTER, balance=True),
        caption=style("caption", fontSize=size * 0.86, leading=size * 0.86 * 1.45, alignment=TA_CENTER,
                      balance=True),
        prose=style("prose", fontSize=text_size, firstLineIndent=text_size * 2,
                    leading=text_size * (1.5 if formal else 1.7), spaceAfter=text_size * (0.2 if formal else 0.3)),
        font=font,
        title_font=title_font,
        formal=formal,
    )


# --- text --------------------------------------------------------------------


def esc(text: object) -> str:
    """Data as Paragraph markup: escaped, line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")


def paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """The one way text becomes a paragraph: per-character font fallback (a character the
    style's face lacks comes from the shipped face that has it; one no face has raises
    ``fonts.UnprintableCharacter``) and Chinese line breaking (``linebreak.ChineseParagraph``)."""
    return ChineseParagraph(with_fallback(markup, style.fontName), style)


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain (untrusted) text."""
    return paragraph(esc(text), style)


def rich(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup the renderer wrote itself (data inside already ``esc``-aped)."""
    return paragraph(markup, style)


def emphasis(text: object, kit: Kit, scale: float = 1.15) -> str:
    """Markup for a larger run of text: the sans face has no bold, so size carries emphasis.
    The size grows by ``scale`` of a field's size over that of the paragraph it stands in
    (a field or running text: they differ on the formal documents)."""
    return f'<font size="+{kit.cell.fontSize * (scale - 1):.2f}">{esc(text)}</font>'


BOLD_FACES = frozenset({SERIF_BOLD})


def draw_text(canv: Canvas, x: float, y: float, text: str, font: str, size: float, *,
              anchor: Literal["start", "middle", "end"] = "start", embolden: bool = False) -> float:
    """One line straight on the canvas, each run in the face that has its characters
    (``fonts.runs``); returns its width.  ``embolden``: runs in a face without a bold weight
    are filled and stroked, the way printed forms thicken a title."""
    pieces = runs(text, font)
    width = sum(stringWidth(run, name, size) for name, run in pieces)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    canv.saveState()
    canv.setLineWidth(size * 0.035)
    canv.setStrokeColor(black)
    out = canv.beginText()
    out.setTextOrigin(x, y)
    for name, run in pieces:
        out.setFont(name, size)
        out.setTextRenderMode(2 if embolden and name not in BOLD_FACES else 0)  # 2: fill, then stroke
        out.textOut(run)
    canv.drawText(out)
    canv.restoreState()
    return width


class Title(Flowable):
    """A centred document title in the kit's title face: a real bold Song on the formal
    documents, elsewhere the sans face made bold by stroking its outline.  A title too wide
    for the frame is scaled down (it never wraps)."""

    def __init__(self, text: str, size: float, space_after: float = 0, font: str = SANS) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.font = font
        self.spaceAfter = space_after
        self._fitted = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        natural = text_width(self.text, self.font, self.size)
        self._fitted = self.size if natural <= availWidth else self.size * availWidth / natural * 0.98
        self._width = availWidth
        return availWidth, self._fitted * 1.45

    def draw(self) -> None:
        self.canv.setFillColor(black)
        draw_text(self.canv, self._width / 2, self._fitted * 0.35, self.text, self.font, self._fitted,
                  anchor="middle", embolden=True)


# --- blocks ------------------------------------------------------------------


def letterhead(office_name: str, title: str, kit: Kit) -> list[Flowable]:
    """Office name over the document title."""
    return [para(office_name, kit.office),
            Title(title, kit.title_size, space_after=kit.page.base_size * 0.4, font=kit.title_font)]


def heading(text: str, kit: Kit) -> list[Flowable]:
    """A section heading with a thin rule under it."""
    return [
        para(text, kit.heading),
        HRFlowable(width="100%", thickness=0.6, color=black if kit.roll else LINE_GREY, spaceBefore=1, spaceAfter=3),
    ]


def section(text: str, kit: Kit, *content: Flowable) -> KeepTogether:
    """A heading kept on the same page as (the start of) its content."""
    return KeepTogether([*heading(text, kit), *content])


def banner(text: str, kit: Kit, detail: str = "") -> Table:
    """A boxed notice across the page (临时回执, 补打): impossible to overlook."""
    rows: list[list[Any]] = [[para(text, kit.banner)]]
    if detail:
        rows.append([para(detail, kit.body if kit.roll else kit.small)])
    boxed = table(rows, [kit.width], [
        ("BOX", (0, 0), (-1, -1), 1.4, black),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ], kit)
    boxed.spaceAfter = kit.page.base_size * 0.5
    return boxed


Value: TypeAlias = str | Flowable | Sequence[Flowable]


def table(data: list[list[Any]], col_widths: Sequence[float], commands: list[tuple[Any, ...]], kit: Kit,
          **kwargs: Any) -> Table:
    """A reportlab Table that never names Helvetica: a Table sets its cell style's font
    (Helvetica by default) even for cells that hold only Paragraphs, which would put an
    un-embedded standard font into the PDF."""
    t = Table(data, colWidths=list(col_widths), **kwargs)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), kit.font, kit.cell.fontSize), *commands]))
    return t


class CaseFacts(Protocol):
    """What a letter about a decided case says of it first (a decision, a withdrawal)."""

    @property
    def case_no(self) -> str: ...
    @property
    def applicant_name(self) -> str: ...
    @property
    def id_number(self) -> str: ...
    @property
    def certificate_number(self) -> str: ...
    @property
    def occupation_name(self) -> str: ...
    @property
    def level(self) -> int: ...


def case_fact_rows(data: CaseFacts, kit: Kit) -> list[tuple[str, Value]]:
    """The case, the applicant and the certificate, as a letter about the case lists them first: the case
    number set larger (what the applicant quotes), the ID number masked, the roll's short labels (its label
    column is narrow)."""
    return [
        ("受理编号", rich(emphasis(data.case_no, kit, 1.2), kit.cell)),
        ("申请人", data.applicant_name),
        ("身份号码" if kit.roll else "公民身份号码", wording.masked_id(data.id_number)),
        ("证书编号", data.certificate_number),
        ("职业" if kit.roll else "职业（工种）", data.occupation_name),
        ("证书等级", wording.level_name(data.level)),
    ]


def fields(rows: Iterable[tuple[str, Value]], kit: Kit, *, width: float | None = None,
           label_width: float | None = None) -> Table:
    """Label–value rows.  Values that are ``str`` are plain text; they wrap inside their cell."""
    width = width or kit.width
    if label_width is None:
        label_width = 16 * mm if kit.roll else 30 * mm
    data: list[list[Any]] = []
    for label, value in rows:
        cell = para(value, kit.cell) if isinstance(value, str) else value
        data.append([para(label, kit.label), cell])
    pad = 1.5 if kit.roll else (2 if kit.formal else 2.5)
    commands: list[tuple[Any, ...]] = [
        # The roll has no grid: labels line up with the value's first line.  On A4 a
        # label sits in the middle of its ruled cell, as on printed forms.
        ("VALIGN", (0, 0), (-1, -1), "TOP" if kit.roll else "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0 if kit.roll else 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 if kit.roll else 5),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    if not kit.roll:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.5, LINE_GREY),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ]
    return table(data, [label_width, width - label_width], commands, kit, hAlign="LEFT")


CELL_SIDE = 4  # points of padding each side of an A4 data table's cell


def data_table(header: Sequence[str], rows: Sequence[Sequence[Value]], kit: Kit,
               col_widths: Sequence[float], *, repeat_header: bool = True,
               head_style: ParagraphStyle | None = None) -> Table:
    """A ruled table with a shaded header row repeated on every page (lists, summaries).
    Header cells balance their lines (linebreak.py); a column too narrow to hold its header
    without a character alone on a line ("序/号") is widened at the expense of the widest."""
    if abs(sum(col_widths) - kit.width) > 0.5:
        raise ValueError("column widths must add up to the frame width")
    head = head_style or kit.cell_head
    side = 2 if kit.roll else CELL_SIDE
    col_widths = widen_for_headers(header, col_widths, head, 2 * side)
    data: list[list[Any]] = [[para(h, head) for h in header]]
    for row in rows:
        data.append([para(v, kit.cell) if isinstance(v, str) else v for v in row])
    pad = 1.5 if kit.roll else 3
    return table(data, col_widths, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, black if kit.roll else LINE_GREY),
        ("BACKGROUND", (0, 0), (-1, 0), white if kit.roll else SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), side),
        ("RIGHTPADDING", (0, 0), (-1, -1), side),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ], kit, repeatRows=1 if repeat_header else 0, hAlign="LEFT")


def header_width(text: str, style: ParagraphStyle) -> float:
    """The narrowest a header may be set: each of its lines (a header may hold line breaks) whole up to four
    characters (序号, 已告知, 申请金额), a longer one on two balanced lines."""
    need = 0.0
    for line in text.split("\n"):
        if len(line) > 4:
            line = line[: (len(line) + 1) // 2]
        need = max(need, text_width(line, style.fontName, style.fontSize))
    return need


def widen_for_headers(header: Sequence[str], col_widths: Sequence[float], style: ParagraphStyle,
                      padding: float) -> list[float]:
    """``col_widths`` with each column at least as wide as its header needs, the room taken
    from the widest column."""
    widths = list(col_widths)
    for i, text in enumerate(header):
        short = header_width(text, style) + padding + 0.5 - widths[i]
        widest = max(range(len(widths)), key=lambda j: widths[j])
        if short > 0 and widest != i:
            widths[i] += short
            widths[widest] -= short
    return widths


def numbered(items: Sequence[str], kit: Kit, *, empty: str = "无",
             base: ParagraphStyle | None = None) -> list[Flowable]:
    """1. 2. 3. …, each item wrapping under its own text (hanging indent)."""
    base = base or kit.body
    if not items:
        return [para(empty, base)]
    indent = base.fontSize * 1.6
    style = ParagraphStyle(f"{base.name}.numbered", parent=base, leftIndent=indent, firstLineIndent=-indent)
    return [rich(f"{i}.&nbsp;{esc(item)}", style) for i, item in enumerate(items, 1)]


REPORT_DATE_LINE = "日期：________年_____月_____日"  # a report is dated by hand when it is signed


def report_signatures(kit: Kit, prepared_by: str, *, seal_label: str = "（单位盖章）") -> list[Flowable]:
    """A report's sign-off (daily, monthly, quarterly): who prepared it (named, or a line to sign), the
    section chief's signature, the seal and a date written by hand."""
    preparer = f"制表人：{prepared_by}" if prepared_by else blank_line("制表人")
    return signature_block(kit, [preparer, blank_line("科长（签字）")], seal_label=seal_label,
                           date_line=REPORT_DATE_LINE)


def signature_block(kit: Kit, signer_lines: Sequence[str], seal_label: str = "（单位盖章）",
                    date_line: str = "日期：　　　　年　　月　　日") -> list[Flowable]:
    """Where a supervisor expects to sign and seal: signer lines (plain text) on the
    left, a seal area with the date on the right (stacked on the roll)."""
    gap = kit.page.base_size * (1.2 if kit.roll or kit.formal else 1.6)
    left = [para(line, kit.body) for line in signer_lines]
    # Room for the round official seal (about 40 mm across; it may overprint the lines).  On the
    # formal documents it is stamped over the issuer's name and the date (GB/T 9704 骑年盖月).
    seal_height = 14 * mm if kit.roll else (12 * mm if kit.formal else 20 * mm)
    # The formal documents sign in the size of their text, as official documents date and sign.
    centred = (ParagraphStyle(f"{kit.centered.name}.signature", parent=kit.centered, fontSize=kit.body.fontSize,
                              leading=kit.body.leading) if kit.formal else kit.centered)
    seal = [Spacer(1, seal_height), para(seal_label, centred), para(date_line, centred)]
    if kit.roll:
        return [KeepTogether([Spacer(1, gap), *left, *seal])]
    share = 0.5 if kit.formal else 0.55  # the formal documents' seal line is set larger
    block = table([[left, seal]], [kit.width * share, kit.width * (1 - share)], [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ], kit)
    return [KeepTogether([Spacer(1, gap), block])]


def blank_line(label: str, length: int = 8) -> str:
    """经办人（签字）：________ — the underscores give the pen a place."""
    return f"{label}：{'_' * length * 2}"


# --- building ----------------------------------------------------------------


_FOOTER_SIZE = 8.0
_MARK_SIZE = 9.0


def fit_line(text: str, width: float, size: float, smallest: float = 6.0,
             font: str = FONT_NAME) -> tuple[str, float]:
    """A single line drawn straight on the canvas (no Paragraph to wrap it): shrink
    it down to ``smallest`` points, then cut it with an ellipsis, so it never runs
    into whatever is beside it."""
    natural = text_width(text, font, size)
    if natural <= width:
        return text, size
    size = max(smallest, size * width / natural)
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return (text + "…" if text else ""), size


def _numbered_canvas(footer_left: str, page_mark: str = "") -> type[Canvas]:
    """A canvas that learns the page count before drawing 第x页／共y页 on each page, and ``page_mark`` (where a
    list's seal goes on every page: 公示单位（盖章）：…) right-aligned between the text and the footer."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            page = PAGE_FORMATS["a4"]
            counter = f"第{number}页／共{total}页"
            room = width - 2 * page.margin_x - stringWidth(counter, FONT_NAME, _FOOTER_SIZE) - 6 * mm
            left, size = fit_line(footer_left, room, _FOOTER_SIZE)
            self.saveState()
            self.setFillColor(GREY)
            y = page.margin_bottom / 2
            if left:
                draw_text(self, page.margin_x, y, left, FONT_NAME, size)
            draw_text(self, width - page.margin_x, y, counter, FONT_NAME, _FOOTER_SIZE, anchor="end")
            if page_mark:
                self.setFillColor(black)
                mark, mark_size = fit_line(page_mark, width - 2 * page.margin_x, _MARK_SIZE)
                draw_text(self, width - page.margin_x, y + _FOOTER_SIZE + 2.5 * mm, mark, FONT_NAME, mark_size,
                          anchor="end")
            self.restoreState()

    return NumberedCanvas


def _flatten(story: Sequence[Flowable]) -> list[Flowable]:
    # KeepTogether answers wrap() with a huge height to force the frame to split it;
    # its content is what takes room.
    out: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            out += _flatten(flowable._content)
        else:
            out.append(flowable)
    return out


def content_height(story: Sequence[Flowable], width: float) -> float:
    """The height the story takes in a frame ``width`` wide, from each flowable's wrapped size."""
    scratch = Canvas(io.BytesIO())  # some flowables measure against a canvas
    total = 0.0
    for index, flowable in enumerate(_flatten(story)):
        _, height = flowable.wrapOn(scratch, width, 1e6)
        total += height + flowable.getSpaceAfter()
        if index:  # a frame drops the space before its first flowable
            total += flowable.getSpaceBefore()
    return total


def fits_one_page(story: Sequence[Flowable], kit: Kit) -> bool:
    """Whether the story fits one page of the kit's (cut) paper."""
    page = kit.page
    return page.height is None or content_height(story, page.frame_width) <= (
        page.height - page.margin_top - page.margin_bottom)


def build_pdf(story: list[Flowable], out: Output, kit: Kit, *, title: str, author: str,
              subject: str = "", footer: str = "", page_mark: str = "") -> None:
    """Lay the story out on the kit's paper and write the PDF to ``out``.

    A path is written atomically (a half-written file never reaches a printer
    queue); a binary stream receives the bytes.  Document properties hold only
    the title and office, never personal data.
    """
    page = kit.page
    height = page.height
    if height is None:
        # Roll paper: the page grows to the content.  Half a millimetre of slack
        # absorbs rounding so the last line never spills onto a second page.
        height = page.margin_top + content_height(story, page.frame_width) + page.margin_bottom + 0.5 * mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, height),
        leftMargin=page.margin_x,
        rightMargin=page.margin_x,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=title,
        author=author,
        subject=subject,
        creator="展翅柜台 Zhanchi Counter",
        producer="展翅柜台 Zhanchi Counter (reportlab)",
        # The canvas's opening font would otherwise be Helvetica, listed (unembedded) in every page.
        initialFontName=FONT_NAME,
        initialFontSize=page.base_size,
        lang="zh-CN",
    )
    frame = Frame(page.margin_x, page.margin_bottom, page.frame_width, height - page.margin_top - page.margin_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(footer, page_mark) if page.footer else Canvas)
    write_output(buffer.getvalue(), out)


def build_case_pdf(story: list[Flowable], out: Output, kit: Kit, *, title: str, case_no: str, office_name: str) -> None:
    """``build_pdf`` for a document of one case handed to its applicant (the receipt, the notice, the letters):
    titled with the case number, issued by the office, and footed with both on every page."""
    build_pdf(story, out, kit, title=f"{title} {case_no}", author=office_name, subject=title,
              footer=f"受理编号 {case_no}　{office_name}")


def write_output(data: bytes, out: Output) -> None:
    if isinstance(out, str | os.PathLike):
        write_private(Path(out), data)  # names and ID numbers: owner-only, wherever it goes (issue 20.2)
    else:
        out.write(data)

