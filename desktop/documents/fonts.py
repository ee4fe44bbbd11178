"""The one font every printed document uses: WenQuanYi Micro Hei, embedded.

reportlab's built-in CID fonts (STSong-Light) are *not* embedded: Chinese
vanishes on a computer without them.  A TrueType font is embedded and
subset by reportlab automatically, so each PDF carries only the glyphs it
uses.  Digits and Latin letters come from the same font, so no un-embedded
standard Type 1 font (Helvetica) ever enters a document.

Registration parses a 5 MB file (~70 ms): it happens once per process.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.models.reference import resource_dir

FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
# Face 0 of the collection is the proportional face; face 1 is the monospaced one.
_SUBFONT_INDEX = 0

_lock = threading.Lock()
_registered = False


def font_path() -> Path:
    return resource_dir() / "fonts" / FONT_FILE


def register_fonts() -> str:
    """Register the font with reportlab (idempotent, thread-safe); return its name."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            path = font_path()
            if not path.is_file():
                raise FileNotFoundError(f"打印字体缺失：{path}")
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=_SUBFONT_INDEX))
            # Paragraph markup such as <b> looks up a bold/italic face by family; the
            # font has none, so every style maps back to the same embedded face
            # instead of silently falling back to Helvetica-Bold.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = True
    return FONT_NAME


def unsupported_characters(text: str) -> list[str]:
    """Characters of ``text`` the font cannot draw (e.g. a rare character in a name),
    in order of first appearance, so a caller can warn before printing a blank box."""
    register_fonts()
    font = pdfmetrics.getFont(FONT_NAME)
    known = font.face.charToGlyph
    seen: list[str] = []
    for char in text:
        if char.isspace() or ord(char) in known or char in seen:
            continue
        seen.append(char)
    return seen
