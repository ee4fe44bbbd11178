"""The fonts every printed document embeds, and the per-character fallback between them.

reportlab's built-in CID fonts (STSong-Light) are *not* embedded: Chinese
vanishes on a computer without them.  TrueType fonts are embedded and subset
by reportlab automatically, so each PDF carries only the glyphs it uses.
Digits and Latin letters come from the same fonts, so no un-embedded standard
Type 1 font (Helvetica) ever enters a document.

A font draws only the characters it has: reportlab prints any other as
nothing at all (刘䶮𬘡 came out as "刘").  So text is cut into runs by the
face that has each character (``runs``, ``with_fallback``; the faces and their
order are in ``typefaces.py``), and a character no shipped face has stops the
print with ``UnprintableCharacter`` naming it.

Registration parses a font file once per process (the main face ~0.2 s); the
extension faces are parsed only when a text needs one of their characters.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from desktop.documents.typefaces import FACES, SANS, SERIF, SERIF_BOLD, chain
from desktop.models.errors import ZhanchiError
from desktop.models.reference import resource_dir

FONT_NAME = SANS  # the documents' default face
FONT_FILE = FACES[SANS].file
__all__ = [
    "FONT_NAME",
    "SANS",
    "SERIF",
    "SERIF_BOLD",
    "UnprintableCharacter",
    "char_label",
    "font_path",
    "has_glyph",
    "register_face",
    "register_fonts",
    "runs",
    "strip_invisible",
    "text_width",
    "unsupported_characters",
    "with_fallback",
]

_lock = threading.RLock()
_registered: dict[str, TTFont] = {}


class UnprintableCharacter(ZhanchiError):
    """Text holds a character none of the shipped fonts can draw: printing it would drop it."""

    def __init__(self, characters: Iterable[str]) -> None:
        self.characters = list(dict.fromkeys(characters))
        super().__init__(code="document.unprintable",
                         params={"characters": "、".join(char_label(c) for c in self.characters)})


def char_label(char: str) -> str:
    """“䶮”（U+4DAE）: the character and its code point, as a message names it."""
    return f"“{char}”（U+{ord(char):04X}）"


def font_path(name: str = SANS) -> Path:
    return resource_dir() / "fonts" / FACES[name].file


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the Basic Multilingual Plane written
    as the UTF-16 surrogate pairs a CMap holds.  reportlab writes ``<%04X>`` of the code point:
    𬘡 (U+2C621) became <2C621>, which readers take as U+2C62 "Ɫ": the name printed but
    copied, searched and read aloud wrong."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def register_face(name: str) -> TTFont:
    """Register one face with reportlab (idempotent, thread-safe) and return it."""
    font = _registered.get(name)
    if font is not None:
        return font
    with _lock:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # see above
        font = _registered.get(name)
        if font is None:
            face = FACES[name]
            path = font_path(name)
            if not path.is_file():
                raise FileNotFoundError(f"打印字体缺失：{path}")
            font = TTFont(name, str(path), subfontIndex=face.subfont_index)
            pdfmetrics.registerFont(font)
            # Paragraph markup such as <b> looks up a bold/italic face by family; these
            # faces have none (a document names its bold face itself), so every style maps
            # back to the same embedded face instead of silently falling back to Helvetica-Bold.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
            _registered[name] = font
    return font


def register_fonts() -> str:
    """Register the main face (the others follow when a text needs them); return its name."""
    register_face(SANS)
    return FONT_NAME


def has_glyph(name: str, char: str) -> bool:
    return ord(char) in register_face(name).face.charToGlyph


# Format characters and variation selectors draw nothing in any face: a name typed with an
# ideographic variation sequence prints its base character; a word joiner only joins.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def _needs_glyph(char: str) -> bool:
    # Line breaks and tabs are layout, not glyphs; every face has the space.
    return not (char in "\n\r\t" or unicodedata.category(char) == "Cc")


@functools.lru_cache(maxsize=65536)
def _face_for(char: str, primary: str) -> str | None:
    for name in chain(primary):
        if has_glyph(name, char):
            return name
    return None


def runs(text: str, primary: str = SANS) -> list[tuple[str, str]]:
    """``text`` cut into (face, run) pieces, each run drawn by the first face of ``primary``'s
    chain that has its characters.  Raises ``UnprintableCharacter`` for what none has."""
    out: list[tuple[str, str]] = []
    missing: list[str] = []
    for char in strip_invisible(text):
        name = _face_for(char, primary) if _needs_glyph(char) else primary
        if name is None:
            missing.append(char)
            continue
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + char)
        else:
            out.append((name, char))
    if missing:
        raise UnprintableCharacter(missing)
    return out


def text_width(text: str, primary: str, size: float) -> float:
    """The width of a line of ``text`` as ``runs`` sets it."""
    return sum(pdfmetrics.stringWidth(run, name, size) for name, run in runs(text, primary))


def unsupported_characters(text: str, primary: str = SANS) -> list[str]:
    """Characters of ``text`` no shipped face can draw, in order of first appearance, so a
    caller can warn before a print would stop on them."""
    seen: list[str] = []
    for char in strip_invisible(text):
        if _needs_glyph(char) and char not in seen and _face_for(char, primary) is None:
            seen.append(char)
    return seen


# --- Paragraph markup ----------------------------------------------------------------

# A tag, an entity (one character in the paragraph's own face: &amp; &lt; &nbsp; ...) or text.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
_FONT_NAME_ATTR = re.compile(r"""\b(?:name|face)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def with_fallback(markup: str, primary: str) -> str:
    """Paragraph markup in which every run of characters ``primary`` lacks is wrapped in
    ``<font name="...">`` of the face that has them (a ``<font name=...>`` of the markup
    itself sets the face for what it holds).  Raises ``UnprintableCharacter``."""
    stack = [primary]
    out: list[str] = []
    missing: list[str] = []
    for piece in _MARKUP.split(markup):
        if not piece:
            continue
        if piece.startswith("<"):
            tag = piece[1:].strip().lower()
            if tag.startswith("font"):
                named = _FONT_NAME_ATTR.search(piece)
                stack.append(named.group(1) if named and named.group(1) in FACES else stack[-1])
            elif tag.startswith("/font") and len(stack) > 1:
                stack.pop()
            out.append(piece)
            continue
        if piece.startswith("&") and piece.endswith(";"):
            out.append(piece)
            continue
        own = stack[-1]
        try:
            pieces = runs(piece, own)
        except UnprintableCharacter as exc:
            missing += exc.characters
            continue
        for name, run in pieces:
            out.append(run if name == own else f'<font name="{name}">{run}</font>')
    if missing:
        raise UnprintableCharacter(missing)
    return "".join(out)
