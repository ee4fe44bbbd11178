"""Which encoding a registry or bank CSV file is in — or a refusal naming the line (issue 20.5).

Accepted: UTF-8 with or without a BOM (Excel's "CSV UTF-8"), GB18030/GBK (Excel's plain "CSV" on
a Chinese Windows), UTF-16 with a BOM (Excel's "Unicode text").  Anything else is refused, naming
the first line that does not read, never guessed into garbage.

UTF-8 and UTF-16 are unambiguous: a file decodes or it does not.  GB18030 is not: it maps almost
any byte sequence to *some* character, so a Big5 file (Taiwan, Hong Kong, old traditional-Chinese
systems), Shift-JIS or a Windows-1252 file decodes without an error into nonsense.  Decoded as
GB18030, a file must therefore also look like what registry files hold:

1. every character is ASCII, Latin letters (pinyin tones too), common punctuation, CJK
   punctuation and full-width forms, or a CJK ideograph.  Big5's bytes land, as GB18030, on
   kana, Greek, Cyrillic, bopomofo, box drawing and the private use area: in a Big5 file of names
   nearly every line has one (Big5 "一" A440 and "王" A4FD are such pairs);
2. most ideographs are in GB2312's 6,763 common characters.  Rare name characters (喆, 赟, 堃)
   are outside it, a few in a hundred in a real file; Big5 text read as GB18030 has about half
   of its ideographs outside (every Big5 character whose second byte is 0x40–0x7E lands in
   GBK's rarely used extension areas), Shift-JIS nearly all.  More than ``MAX_RARE_SHARE``
   of at least ``MIN_IDEOGRAPHS`` is refused, naming the first line with such a character (the
   share is counted over the start of the file; check 1 runs through all of it).

A file refused this way that decodes as Big5 is called Big5 in the message, so the person knows
what to do (save it again as "CSV UTF-8").
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.models.errors import InvalidInput
from desktop.models.messages import Phrase

CHUNK = 1 << 20
MAX_RARE_SHARE = 0.2
MIN_IDEOGRAPHS = 20
SAMPLE_IDEOGRAPHS = 100_000  # the share of rare ideographs is counted over the first ones
SAMPLE_CHARS = 1 << 18

SAVE_AS = Phrase.of("encoding.save_as")

# What a registry file is made of (see 1. above); the complement finds the first stranger.
_STRANGER = re.compile(
    "[^\t\n\r\x20-\x7e"
    "\u00a0-\u017f\u01cd-\u01dc"  # Latin-1, Latin Extended-A, pinyin with tone marks
    "\u2010-\u2027\u2030-\u203b"  # dashes, quotes, ellipsis, per mille, ※
    "\u2100-\u214f\u2160-\u217f\u2190-\u2193\u2460-\u249b"  # ℃ №, Roman numerals, arrows, ①
    "\u3000-\u3003\u3005-\u3011\u3013-\u301f"  # CJK punctuation and brackets
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # CJK ideographs
    "\uff01-\uff5e\uffe0-\uffe5]"  # full-width forms
)
# Never in a text file: control characters but tab and line ends, private use, non-characters.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]")
_PRIVATE = re.compile("[\ue000-\uf8ff]")  # private use: invisible, and nothing a registry holds
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@functools.cache
def _common() -> re.Pattern[str]:
    """GB2312's hanzi (both levels): rows 0xB0–0xF7, cells 0xA1–0xFE."""
    found = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                found.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return re.compile("[" + "".join(sorted(found)) + "]")


class EncodingRefused(InvalidInput):
    """A file in an encoding that is not read; ``line`` is the first line that does not read."""

    def __init__(self, path: Path, line: int, problem: Phrase) -> None:
        super().__init__("FILE", code="encoding.refused",
                         params={"file": Path(path).name, "line": line, "problem": problem, "save_as": SAVE_AS})
        self.line = line


@dataclass(frozen=True)
class Encoding:
    name: str  # for open(): utf-8-sig, gb18030 or utf-16
    label: str  # for people
    delimiter: str = ","  # "\t" for Excel's "Unicode text" (UTF-16, tab-separated)


def _pieces(handle: BinaryIO, encoding: str) -> Iterator[bytes]:
    """The file in pieces that decode on their own: whole lines for the ASCII-compatible encodings
    (0x0A is never part of a UTF-8 or GB18030 character), an even length not ending inside a
    surrogate pair for UTF-16."""
    carry = b""
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            if carry:
                yield carry
            return
        data = carry + chunk
        if encoding.startswith("utf-16"):
            cut = len(data) - len(data) % 2
            if cut >= 2:
                unit = data[cut - 2:cut]
                value = int.from_bytes(unit, "little" if encoding.endswith("le") else "big")
                if 0xD800 <= value < 0xDC00:  # a high surrogate: its pair is in the next chunk
                    cut -= 2
        else:
            cut = data.rfind(b"\n") + 1
        if cut <= 0:
            carry = data
            continue
        carry = data[cut:]
        yield data[:cut]


def _bad_line(piece: bytes, position: int, encoding: str, before: int) -> int:
    """The line number of byte ``position`` of ``piece``, ``before`` lines having come earlier."""
    return before + piece[:position].decode(encoding, errors="replace").count("\n") + 1


def _scan(path: Path, encoding: str, skip: int, *, plausible: bool,
          text_only: bool = False) -> tuple[int, Phrase] | None:
    """None when the whole file decodes in ``encoding`` (and, when ``plausible``, looks like a
    registry file; when ``text_only``, holds no control characters: UTF-16 decodes most binary
    files); else (line, what is wrong there)."""
    lines = ideographs = common = 0
    with path.open("rb") as handle:
        handle.seek(skip)
        for piece in _pieces(handle, encoding):
            try:
                text = piece.decode(encoding)
            except UnicodeDecodeError as exc:
                return _bad_line(piece, exc.start, encoding, lines), Phrase.of("encoding.undecodable")
            if text_only and (control := _NOT_TEXT.search(text)) is not None:
                line = lines + text.count("\n", 0, control.start()) + 1
                return line, Phrase.of("encoding.control_character", code_point=f"U+{ord(control.group()):04X}")
            if plausible:
                stranger = _STRANGER.search(text)
                if stranger is not None:
                    line = lines + text.count("\n", 0, stranger.start()) + 1
                    char = stranger.group()
                    shown = f"“{char}”（U+{ord(char):04X}）" if char.isprintable() and not _PRIVATE.match(char) \
                        else f"U+{ord(char):04X}"
                    return line, Phrase.of("encoding.unexpected_character", shown=shown)
                if ideographs < SAMPLE_IDEOGRAPHS:  # a sample is enough for the share (and fast)
                    ideographs += len(_IDEOGRAPH.findall(text, 0, SAMPLE_CHARS))
                    common += len(_common().findall(text, 0, SAMPLE_CHARS))
            lines += text.count("\n")
    rare = ideographs - common
    if plausible and ideographs >= MIN_IDEOGRAPHS and rare > MAX_RARE_SHARE * ideographs:
        why = Phrase.of("encoding.rare_ideographs", ideographs=ideographs, rare=rare)
        return _first_rare(path, encoding), why
    return None


def _first_rare(path: Path, encoding: str) -> int:
    """The first line with an ideograph outside GB2312 (only when refusing: line by line)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.decode(encoding, errors="replace")
            if len(_IDEOGRAPH.findall(text)) > len(_common().findall(text)):
                return number
    return 1


def _looks_big5(path: Path) -> bool:
    """Whether the start of the file reads as Big5 (for the message only)."""
    with path.open("rb") as handle:
        head = handle.read(CHUNK)
    cut = head.rfind(b"\n") + 1 or len(head)
    try:
        head[:cut].decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def detect(path: Path) -> Encoding:
    """The encoding of a CSV file, checked through the whole file; ``EncodingRefused`` naming the
    first line that does not read otherwise (``OSError`` when the file cannot be read at all)."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(4)
        line = handle.readline()
    if head.startswith(codecs.BOM_UTF8):
        found = _scan(path, "utf-8", 3, plausible=False)
        if found is not None:
            raise EncodingRefused(path, found[0], Phrase.of("encoding.not_utf8_after_bom", problem=found[1]))
        return Encoding("utf-8-sig", "UTF-8")
    if head in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        raise EncodingRefused(path, 1, Phrase.of("encoding.utf32"))
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            found = _scan(path, encoding, 2, plausible=False, text_only=True)
            if found is not None:
                raise EncodingRefused(path, found[0], Phrase.of("encoding.not_utf16_after_bom", problem=found[1]))
            first = (head[2:] + line).decode(encoding, errors="ignore").split("\n", 1)[0]
            return Encoding("utf-16", "UTF-16", "\t" if "\t" in first and "," not in first else ",")
    if b"\x00" in head + line:
        raise EncodingRefused(path, 1, Phrase.of("encoding.null_character"))
    utf8 = _scan(path, "utf-8", 0, plausible=False)
    if utf8 is None:
        return Encoding("utf-8-sig", "UTF-8")
    gb = _scan(path, "gb18030", 0, plausible=True)
    if gb is None:
        return Encoding("gb18030", "GB18030")
    if _utf8_before(path, utf8[0]):
        raise EncodingRefused(path, utf8[0], Phrase.of("encoding.mixed", problem=utf8[1]))
    if _looks_big5(path):
        raise EncodingRefused(path, gb[0], Phrase.of("encoding.big5", problem=gb[1]))
    raise EncodingRefused(path, gb[0], Phrase.of("encoding.unknown", problem=gb[1]))


def _utf8_before(path: Path, line: int) -> bool:
    """Whether a line before ``line`` holds UTF-8 beyond ASCII (then the file *is* UTF-8, with a bad line)."""
    with path.open("rb") as handle:
        for number, text in enumerate(handle, 1):
            if number >= line:
                return False
            if not text.isascii():
                return True
    return False


__all__ = ["Encoding", "EncodingRefused", "detect"]
