"""Names typed at the counter: what a person's or an employer's name may hold, and how long it may be.

The limits are the central system's (the wire format ``desktop.sync.protocol``
and the tables of ``central/db.py`` import them from here, as do the counter's
own tables and registry reader): a longer name would be taken at the counter
and then refused by the central system on every sync, forever.  Lengths count
code points, as pydantic and the databases do, so 𬘡 is one character.

A name may not hold what a person cannot see:

- control characters (Unicode Cc: tab, line feed, escape, DEL, C1) and the
  line and paragraph separators: nobody types them into a name;
- format characters (Cf): zero-width spaces and joiners, the soft hyphen, the
  BOM, tag characters — and the bidirectional embeddings, overrides, isolates
  and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make
  张‮三 show as a name other than the one stored, compared and sent to the bank;
- lone surrogates (a JSON "\\ud800"), which no file or database can store;
- and it must show something: not only spaces, combining marks, variation
  selectors or the letters that draw nothing (Hangul fillers, the braille blank).

Kept on purpose: every letter, whatever its block (CJK extensions newer than
this Python's Unicode tables read as unassigned; private-use characters are
how some local systems encode rare name characters), ordinary spaces inside a
name, the middle dot of minority names, hyphens and apostrophes, and variation
selectors after an ideograph (a name's glyph variant).
"""

from __future__ import annotations

import unicodedata

from desktop.models.errors import InvalidInput

MAX_PERSON_NAME = 64  # the central system's applicant name (CaseSnapshot.applicant_name, cases, insured)
MAX_EMPLOYER_NAME = 128  # the central system's employer name (insured.employer_name)

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Letters and symbols that draw nothing: a name of only these looks empty on every document.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_SHOWS_NOTHING = frozenset({"Zs", "Mn", "Mc", "Me"})  # spaces and marks, visible only on a letter


def _hidden_character(text: str) -> str | None:
    return next((c for c in text if unicodedata.category(c) in _HIDDEN_CATEGORIES or c in BIDI_CONTROLS), None)


def _visible(text: str) -> bool:
    return any(unicodedata.category(c) not in _SHOWS_NOTHING and c not in _BLANK_LETTERS for c in text)


def check_name(text: str, field: str, *, what: str, limit: int) -> str:
    """``text`` trimmed, or InvalidInput(field, ...) saying in Chinese what is wrong with it."""
    name = text.strip()
    if not name:
        raise InvalidInput(field, f"{what}不能为空")
    hidden = _hidden_character(name)
    if hidden is not None:
        kind = "文字方向控制字符" if hidden in BIDI_CONTROLS else "控制字符"
        raise InvalidInput(field, f"{what}含有不可见的{kind}（U+{ord(hidden):04X}），请重新输入")
    surrogate = next((c for c in name if unicodedata.category(c) == "Cs"), None)
    if surrogate is not None:
        raise InvalidInput(field, f"{what}含有无效的字符编码（U+{ord(surrogate):04X}），请重新输入")
    if not _visible(name):
        raise InvalidInput(field, f"{what}只有空格或不可见的字符，请重新输入")
    if len(name) > limit:
        raise InvalidInput(field, f"{what}不能超过{limit}个字符（中心系统的上限），现有{len(name)}个")
    return name


def check_person_name(text: str, field: str, *, what: str = "姓名") -> str:
    """An applicant's name (or another person's: ``what`` names the field in the message)."""
    return check_name(text, field, what=what, limit=MAX_PERSON_NAME)


def check_holder_name(text: str, field: str) -> str:
    """An account holder's name (户名): a person's name, the applicant's for direct payment."""
    return check_person_name(text, field, what="户名")


def check_employer_name(text: str, field: str) -> str:
    return check_name(text, field, what="单位名称", limit=MAX_EMPLOYER_NAME)


__all__ = [
    "BIDI_CONTROLS",
    "MAX_EMPLOYER_NAME",
    "MAX_PERSON_NAME",
    "check_employer_name",
    "check_holder_name",
    "check_name",
    "check_person_name",
]
