"""Chinese line breaking (GB/T 15834 punctuation rules, 禁则) for reportlab paragraphs.

reportlab's CJK wrap (``wordWrap="CJK"``) fills a line and cuts "like a knife" between any two
characters; its only rule lets one mark that may not start a line hang in the margin.  Printed
receipts showed what that gives: "人社部发〔 / 2024〕40号", a line ending "证书（", "口" alone on
the last line, "…有限公 / 司".  ``ChineseParagraph`` breaks lines itself:

- a closing mark (，。、；：？！）》」』】〕〉”’…—·％) never starts a line, an opening one
  (（《「『【〔〈“‘) never ends one;
- document numbers (人社部发〔2017〕40号), dates (2026年11月27日, 2026-11-27, 10:05), numbers with
  their unit (1,500元, 36个月, 六十日, 第一条), amounts in capitals, company-form suffixes
  (有限公司) and runs of Latin letters and digits (case numbers, telephone numbers) are kept on
  one line unless one is longer than the line itself;
- the last line of a paragraph never holds a single character when the line above can give it
  company;
- a style with ``balance=True`` (titles, centred lines, table headers) gets lines of even length
  instead of a full line over a short one.

A line is filled greedily; when the next character does not fit, the line ends at the last
place these rules allow (so a line may end short of the margin, never past it).  Only a span
longer than a whole line is cut inside, at its least bad place.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import Paragraph, ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

# Marks that never start a line (GB/T 15834: 点号, the second half of quotes, brackets and
# book-title marks; 省略号 and 破折号 are never split, nor do they start a line; 间隔号 joins).
CANNOT_START = "，。、；：？！）》」』】〕〉”’…—·・‧％‰℃°～,.;:?!)]}%"
# Marks that never end a line: the first half of quotes, brackets and book-title marks; prefixes.
CANNOT_END = "（《「『【〔〈“‘([{￥$£#@§"
# Kept for the paragraphs reportlab breaks itself (a plain Paragraph): the closing marks.
CHINESE_CANNOT_START = "，。、；：？！）》」』】〕〉…—％"

_UNITS = ("个工作日|个自然日|个月|周岁|万元|元|人次|个|件|人|条|项|款|日|天|年|月|号|页|次|岁|份|级|"
          "小时|分钟|秒|周|%|％|‰")
_CN_DIGITS = "一二三四五六七八九十百千万零〇两"
# Spans kept on one line; each is cut inside only when it is longer than a whole line.
SPANS = re.compile("|".join((
    r"[\u3400-\u9fff]{1,8}[〔\[［(（]\d{4}[〕\]］)）]第?\d+号",  # 人社部发〔2017〕40号
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:（含）)?|\d{1,2}月\d{1,2}日",  # 2026年11月27日
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?",  # 2026-11-27, 10:05
    rf"\d[\d,.]*\s?(?:{_UNITS})",  # 1,500 元, 36个月, 12.5%
    rf"第[{_CN_DIGITS}\d]+[条款项章节页版次批]?|第（[{_CN_DIGITS}\d]+）[条款项]?",  # 第一条, 第（一）项
    rf"[{_CN_DIGITS}]+(?:个工作日|个月|日|天|年|周岁)",  # 六十日, 六个月
    r"(?:人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+元(?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?整?",
    r"(?:股份)?有限(?:责任)?公司|分公司|子公司|合作社|事务所",
)))
# Latin letters and digits with their joiners: 440106-AB12-20261127-0001, 020-12345678, URLs.
LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/_\-@%+*#~=&?]*[A-Za-z0-9*%#]")
_LATIN_JOINERS = "-/_.?&=@"

FREE, SPAN, LATIN_JOINT, LATIN_INSIDE, FORBIDDEN = 0, 2, 3, 4, 9
_BREAKS = " \t"  # breakable spaces (a no-break space, U+00A0, joins)
_NO_BREAK = "\u00a0"
_BR = "\n"  # a <br/> in the paragraph
_OBJECT = "\ufffc"  # an image or anchor (zero width)


# Words that stand before a document number without being part of its issuer's abbreviation:
# 根据人社部发〔2017〕40号 keeps 人社部发〔2017〕40号 together, not 根据.
_BEFORE_NUMBER = re.compile("根据|依据|依照|按照|参照|对照|执行|落实|关于|印发|转发|见|和|及|与|或|的")


def _span_start(match: re.Match[str]) -> int:
    text = match.group()
    bracket = next((i for i, c in enumerate(text) if c in "〔[［(（"), -1)
    if bracket <= 0 or not text.endswith("号"):
        return match.start()
    last = None
    for word in _BEFORE_NUMBER.finditer(text, 0, bracket):
        last = word
    return match.start() + (last.end() if last is not None and last.end() < bracket else 0)


def break_levels(text: str) -> list[int]:
    """``levels[i]``: how bad a break before ``text[i]`` is (``FREE`` … ``FORBIDDEN``);
    ``levels[0]`` is unused."""
    n = len(text)
    levels = [FREE] * (n + 1)
    for match in LATIN.finditer(text):
        for i in range(match.start() + 1, match.end()):
            levels[i] = max(levels[i], LATIN_JOINT if text[i - 1] in _LATIN_JOINERS else LATIN_INSIDE)
    for match in SPANS.finditer(text):
        for i in range(_span_start(match) + 1, match.end()):
            levels[i] = max(levels[i], SPAN)
    for i in range(1, n):
        before, after = text[i - 1], text[i]
        if before in _BREAKS or after in _BREAKS:
            levels[i] = FORBIDDEN if after in CANNOT_START else FREE
        if after in CANNOT_START or before in CANNOT_END or _NO_BREAK in (before, after):
            levels[i] = FORBIDDEN
    levels[0] = FORBIDDEN
    return levels


Line = tuple[int, int]  # [start, end) of a segment's characters


def _skip_spaces(text: str, i: int, end: int) -> int:
    while i < end and text[i] in _BREAKS:
        i += 1
    return i


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _BREAKS:
        end -= 1
    return end


def greedy_lines(text: str, widths: Sequence[float], levels: Sequence[int], start: int, end: int,
                 line_width: Callable[[int], float], first_line: int = 0) -> list[Line]:
    """The lines of ``text[start:end]`` (no forced break inside), each as full as the rules allow."""
    lines: list[Line] = []
    i = _skip_spaces(text, start, end)
    while i < end:
        room = line_width(first_line + len(lines))
        used, j = 0.0, i
        while j < end:
            wider = used + widths[j]
            if wider > room + _FUZZ and text[j] not in _BREAKS:
                break
            used, j = wider, j + 1
        if j >= end:
            lines.append((i, end))
            break
        # text[i:j] fits and text[j] does not: end the line before some p in (i, j].
        best, best_level = j if j > i else i + 1, FORBIDDEN + 1
        for p in range(j, i, -1):
            if levels[p] < best_level:
                best, best_level = p, levels[p]
                if best_level == FREE:
                    break
        if best_level >= FORBIDDEN:
            best = max(j, i + 1)  # nothing allowed fits: cut where the line is full
        lines.append((i, best))
        i = _skip_spaces(text, best, end)
    return [(s, _trim(text, s, e)) for s, e in lines]


def _visible(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c not in _BREAKS and c not in CANNOT_START)


def no_lone_last_character(text: str, widths: Sequence[float], levels: Sequence[int], lines: list[Line],
                           end: int, line_width: Callable[[int], float], first_line: int = 0) -> list[Line]:
    """Give a last line of one character company from the line above, when a break allows it."""
    if len(lines) < 2:
        return lines
    last_start, _ = lines[-1]
    if _visible(text, last_start, end) != 1:
        return lines
    prev_start, _prev_end = lines[-2]
    room = line_width(first_line + len(lines) - 1)
    best, best_level = None, FORBIDDEN
    for p in range(last_start - 1, prev_start + 1, -1):  # the line above keeps two characters at least
        if sum(widths[p:_trim(text, p, end)]) > room + _FUZZ:
            break
        if levels[p] < best_level and _visible(text, prev_start, p) >= 2:
            best, best_level = p, levels[p]
            if best_level == FREE:
                break
    if best is None:
        return lines
    return [*lines[:-2], (prev_start, _trim(text, prev_start, best)), (_skip_spaces(text, best, end), end)]


def layout(text: str, widths: Sequence[float], line_width: Callable[[int], float], *,
           balance: bool = False) -> list[Line]:
    """Every line of ``text`` (``_BR`` forces a break and ends its line), by the rules above."""
    levels = break_levels(text)
    lines: list[Line] = []
    start = 0
    while start <= len(text):
        stop = text.find(_BR, start)
        end = len(text) if stop < 0 else stop
        segment = greedy_lines(text, widths, levels, start, end, line_width, len(lines))
        if balance and len(segment) > 1:
            segment = _balanced(text, widths, levels, start, end, line_width, len(lines), len(segment))
        segment = no_lone_last_character(text, widths, levels, segment, end, line_width, len(lines))
        if stop >= 0:
            # The forced break belongs to the segment's last line (an empty one for "<br/><br/>").
            segment = [*segment[:-1], (segment[-1][0], stop + 1)] if segment else [(start, stop + 1)]
        lines += segment
        if stop < 0:
            break
        start = stop + 1
    return lines


def _balanced(text: str, widths: Sequence[float], levels: Sequence[int], start: int, end: int,
              line_width: Callable[[int], float], first_line: int, count: int) -> list[Line]:
    """The narrowest lines that still make ``count`` lines: even lengths."""
    low, high = 0.0, line_width(first_line) / 2
    best = greedy_lines(text, widths, levels, start, end, line_width, first_line)
    for _ in range(14):
        cut = (low + high) / 2

        def narrower(k: int, cut: float = cut) -> float:
            return line_width(k) - cut

        trial = greedy_lines(text, widths, levels, start, end, narrower, first_line)
        if len(trial) <= count:
            low, best = cut, trial
        else:
            high = cut
    return best


class ChineseParagraph(Paragraph):
    """A Paragraph broken into lines by ``layout`` (its style's ``wordWrap`` is ``"CJK"``)."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 (reportlab API)
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]  # noqa: N806
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        balance = getattr(style, "balance", False)
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            return self._single_style_lines(frags[0], maxWidths, balance)
        units: list[Any] = []
        for frag in frags:
            text = getattr(frag, "text", "")
            if text:
                units += [cjkU(char, frag, "utf8") for char in text]
            else:
                units.append(cjkU("", frag, "utf8"))
        chars = "".join(u if u else (_BR if hasattr(u.frag, "lineBreak") else _OBJECT) for u in units)
        widths = [_width(u.width) for u in units]

        def line_width(k: int) -> float:
            return float(maxWidths[min(k, len(maxWidths) - 1)])

        calc_bounds = getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off")
        lines = []
        for k, (start, end) in enumerate(layout(chars, widths, line_width, balance=balance)):
            room = line_width(k)
            used = sum(widths[start:end])
            broken = end > start and chars[end - 1] == _BR
            lines.append(makeCJKParaLine(units[start:end], room, used, room - used, broken, calc_bounds))
        return ParaLines(kind=1, lines=lines)

    def _single_style_lines(self, frag: Any, max_widths: Sequence[float], balance: bool) -> Any:
        """One style throughout (most paragraphs): plain text lines, as reportlab's own fast path
        makes them (kind 0), so a list of thousands of cells stays quick to lay out and draw."""
        text = getattr(frag, "text", "") or "".join(getattr(frag, "words", []))
        widths = [_char_width(c, frag.fontName, frag.fontSize) for c in text]

        def line_width(k: int) -> float:
            return float(max_widths[min(k, len(max_widths) - 1)])

        lines = []
        for k, (start, end) in enumerate(layout(text, widths, line_width, balance=balance)):
            lines.append((line_width(k) - sum(widths[start:end]), [text[start:end]]))
        return frag.clone(kind=0, lines=lines, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)

    def _get_split_blParaFunc(self) -> Callable[[Any, int, int], list[Any]]:  # noqa: N802 (reportlab API)
        return _split_lines if self.blPara.kind == 1 else super()._get_split_blParaFunc()


def _split_lines(bl_para: Any, start: int, stop: int) -> list[Any]:
    """The frags of lines ``start:stop``, for the part of a paragraph split across pages
    (reportlab's own version adds a space at each line end: wrong between Chinese characters)."""
    return [word for line in bl_para.lines[start:stop] for word in line.words]


@functools.lru_cache(maxsize=32768)
def _char_width(char: str, font: str, size: float) -> float:
    return float(stringWidth(char, font, size))


def _width(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


_lock = threading.Lock()
_installed = False


def install_chinese_line_rules() -> None:
    """Teach reportlab's own CJK wrap (a plain Paragraph, the tables' single-line cells) that
    full-width closing marks never start a line; ``ChineseParagraph`` needs none of this."""
    global _installed
    with _lock:  # once per process, whichever thread prints first
        if not _installed:
            extra = "".join(c for c in CHINESE_CANNOT_START if c not in textsplit.ALL_CANNOT_START)
            # Both copies: single-style paragraphs break through textsplit.wordSplit,
            # mixed-style ones through paragraph.cjkFragSplit, which imported the name.
            textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + extra
            paragraph.ALL_CANNOT_START = paragraph.ALL_CANNOT_START + extra
            _installed = True
