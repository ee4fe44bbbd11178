"""Chinese line-breaking rules (禁则) for reportlab's CJK word wrap.

reportlab's CJK wrap (``wordWrap="CJK"``) keeps a character listed in
``ALL_CANNOT_START`` off the start of a line by letting it hang in the right
margin, but its list holds the Japanese ideographic marks and ASCII
punctuation, not the full-width Chinese ones: a line of a receipt could begin
with "，" or "：".  We add them.  A hanging mark stays within one character of
the text edge: well inside the page margins, whose width is chosen for that.

This changes two module-level strings of reportlab, once per process; it only
adds characters, so other users of reportlab get the same, better, breaks.
"""

from __future__ import annotations

import threading

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

# Full-width marks that never start a line in Chinese (GB/T 15834 usage).
CHINESE_CANNOT_START = "，。、；：？！）》」』】〕〉﹀…—％"

_lock = threading.Lock()
_installed = False


def install_chinese_line_rules() -> None:
    global _installed
    if _installed:
        return
    with _lock:
        if _installed:
            return
        extra = "".join(c for c in CHINESE_CANNOT_START if c not in textsplit.ALL_CANNOT_START)
        # Both copies: single-style paragraphs break through textsplit.wordSplit,
        # mixed-style ones through paragraph.cjkFragSplit, which imported the name.
        textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + extra
        paragraph.ALL_CANNOT_START = paragraph.ALL_CANNOT_START + extra
        _installed = True
