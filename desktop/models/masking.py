"""Masking personal data for lists, logs and the publicity notice (公示).

Rule shared by the numeric masks: keep a head and a tail only when at least
``_MIN_HIDDEN`` characters stay hidden; anything shorter is not a real
identifier and is starred completely, so a mask never reveals a whole value.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.models.identity import normalize_bank_card, normalize_id_number, normalize_mobile

STAR = "*"
_MIN_HIDDEN = 4


def _mask(text: str, head: int, tail: int) -> str:
    if len(text) - head - tail < _MIN_HIDDEN:
        return STAR * len(text)
    return text[:head] + STAR * (len(text) - head - tail) + text[len(text) - tail :]


def mask_id(number: str) -> str:
    """440106********1232: first 6 and last 4 kept (18 → 8 stars, 15 → 5 stars)."""
    return _mask(normalize_id_number(number), 6, 4)


def mask_name(name: str) -> str:
    """张*梅 (3), 张* (2), 欧**修 (4+: first and last kept), 1 character unchanged."""
    n = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    if len(n) <= 1:
        return n
    if len(n) == 2:
        return n[0] + STAR
    return n[0] + STAR * (len(n) - 2) + n[-1]


def mask_account(account: str) -> str:
    """6222********1234: first 4 and last 4 of a bank card / account kept."""
    return _mask(normalize_bank_card(account), 4, 4)


def mask_phone(phone: str) -> str:
    """138****5678."""
    return _mask(normalize_mobile(phone), 3, 4)
