"""Names typed at the counter: what a person's or an employer's name may hold, and how long it may be.

The limits are the central system's, said once by the wire format
(``wire.limits``, which the tables of ``central/db.py`` read too) and taken from
there here, for the counter's own tables and registry reader: a longer name
would be taken at the counter and then refused by the central system on every
sync, forever.  Lengths count code points, as pydantic and the databases do, so
𬘡 is one character.

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
from desktop.models.messages import Phrase
from wire.limits import MAX_EMPLOYER_NAME, MAX_PERSON_NAME

# What a name is called in the message that refuses it.
PERSON_NAME, HOLDER_NAME, EMPLOYER_NAME = Phrase.of("name.person"), Phrase.of("name.holder"), Phrase.of("name.employer")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Letters and symbols that draw nothing: a name of only these looks empty on every document.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_SHOWS_NOTHING = frozenset({"Zs", "Mn", "Mc", "Me"})  # spaces and marks, visible only on a letter


def _hidden_character(text: str) -> str | None:
    return next((c for c in text if unicodedata.category(c) in _HIDDEN_CATEGORIES or c in BIDI_CONTROLS), None)


def _visible(text: str) -> bool:
    return any(unicodedata.category(c) not in _SHOWS_NOTHING and c not in _BLANK_LETTERS for c in text)


def check_name(text: str, field: str, *, what: str | Phrase, limit: int) -> str:
    """``text`` trimmed, or InvalidInput(field, ...) saying in Chinese what is wrong with it."""
    name = text.strip()
    if not name:
        raise InvalidInput.about(field, "name.empty", what=what)
    hidden = _hidden_character(name)
    if hidden is not None:
        code = "name.hidden_direction_control" if hidden in BIDI_CONTROLS else "name.hidden_control"
        raise InvalidInput.about(field, code, what=what, code_point=f"U+{ord(hidden):04X}")
    surrogate = next((c for c in name if unicodedata.category(c) == "Cs"), None)
    if surrogate is not None:
        raise InvalidInput.about(field, "name.surrogate", what=what, code_point=f"U+{ord(surrogate):04X}")
    if not _visible(name):
        raise InvalidInput.about(field, "name.invisible", what=what)
    if len(name) > limit:
        raise InvalidInput.about(field, "name.too_long", what=what, limit=limit, length=len(name))
    return name


def check_person_name(text: str, field: str, *, what: str | Phrase = PERSON_NAME) -> str:
    """An applicant's name (or another person's: ``what`` names the field in the message)."""
    return check_name(text, field, what=what, limit=MAX_PERSON_NAME)


def check_holder_name(text: str, field: str) -> str:
    """An account holder's name (户名): a person's name, the applicant's for direct payment."""
    return check_person_name(text, field, what=HOLDER_NAME)


def check_employer_name(text: str, field: str) -> str:
    return check_name(text, field, what=EMPLOYER_NAME, limit=MAX_EMPLOYER_NAME)


__all__ = [
    "BIDI_CONTROLS",
    "MAX_EMPLOYER_NAME",
    "MAX_PERSON_NAME",
    "check_employer_name",
    "check_holder_name",
    "check_name",
    "check_person_name",
]
