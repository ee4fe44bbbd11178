"""Format checks for the identifiers a counter clerk types in (POLICY.md §6).

Every checker normalises first (full-width characters, spaces, lowercase x are
what people actually type or paste) and then either returns the normalised
value or raises ``InvalidInput`` with a Chinese sentence that says what to fix.

The region part of an ID number is checked only down to the province: an ID
number or employer may carry the code of a county that has since been
abolished, and it stays valid (POLICY.md §6).  That is why python-stdnum's
``cn.ric.validate`` and ``cn.uscc.validate`` are not used here.  A region code
given as such (insured region, office region) must be in the region list,
former codes included (``pooling.RegionList``, POLICY.md §1).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from desktop.models.errors import InvalidInput
from desktop.models.messages import Phrase

# Province-level prefixes of GB/T 2260 (plus 83, used by residence permits for
# Taiwan residents).  Only the prefix is checked, never the county.
PROVINCE_PREFIXES: frozenset[str] = frozenset(
    [f"{n}" for n in range(11, 16)]
    + [f"{n}" for n in range(21, 24)]
    + [f"{n}" for n in range(31, 38)]
    + [f"{n}" for n in range(41, 47)]
    + [f"{n}" for n in range(50, 55)]
    + [f"{n}" for n in range(61, 66)]
    + ["71", "81", "82", "83"]
)

_ASCII_DIGITS = frozenset("0123456789")
# What a person types for a digit: ASCII or full-width (０-９), nothing NFKC merely maps to one.
_TYPED_DIGITS = _ASCII_DIGITS | frozenset(chr(0xFF10 + n) for n in range(10))
_WHITESPACE = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s\-]+")

# GB 11643-1999: weights 2^(17-i) mod 11, check value -> character (``_check_character``).
_ID_CHECK_CHARS = "10X98765432"
_DIGITS17 = re.compile(r"[0-9]{17}", re.ASCII)

# GB 32100-2015.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_MOBILE = re.compile(r"1[3-9]\d{9}")


def _nfkc(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw)


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts e.g. Arabic-Indic or superscript digits.
    return bool(text) and all(c in _ASCII_DIGITS for c in text)


def _first_bad(text: str, allowed: frozenset[str] | str) -> str | None:
    for c in text:
        if c not in allowed:
            return c
    return None


# --------------------------------------------------------------------------
# Resident identity number (GB 11643-1999)
# --------------------------------------------------------------------------


def normalize_id_number(raw: str) -> str:
    """Full-width → ASCII, all whitespace (incl. U+3000) removed, x → X."""
    return _WHITESPACE.sub("", _nfkc(raw)).upper()


def id_check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if _DIGITS17.fullmatch(first17) is None:
        raise ValueError("first17 must be 17 ASCII digits")
    return _check_character(first17)


def id_check_matches(number: str) -> bool:
    """Whether an 18-character number already of the shape ``[0-9]{17}[0-9X]`` ends in its check
    character: the hot paths' test (a registry import, the outreach screening), after their own shape match."""
    return number[17] == _check_character(number[:17])


def _check_character(first17: str) -> str:
    # The weights are 2^(17-i) mod 11 and 13 ≡ 2 (mod 11): the digits read in base 13 are, mod 11,
    # half the weighted sum — one C-level int() instead of seventeen multiplications.
    return _ID_CHECK_CHARS[2 * int(first17, 13) % 11]


def chinese_date(day: dt.date) -> str:
    """2019年1月1日, as documents and messages write dates (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class IdInfo:
    number: str
    region_code: str
    birth_date: dt.date
    sex: str  # "男" / "女"


# The day a birth date may not be after, as the message names it.
TODAY, APPLICATION_DATE = Phrase.of("day.today"), Phrase.of("day.application_date")


def check_id_number(raw: str, field: str = "applicant.id_number", *, today: dt.date,
                    today_is: Phrase = TODAY) -> IdInfo:
    """Normalise and check an 18-character resident identity number; no one is born after ``today``
    (the office's date from the caller's clock, or the date ``today_is`` names: 申请日期)."""
    number = normalize_id_number(raw)
    if not number:
        raise InvalidInput.about(field, "id.missing")
    if len(number) != 18:
        if len(number) == 15:
            raise InvalidInput.about(field, "id.old_number")
        raise InvalidInput.about(field, "id.wrong_length", length=len(number))
    bad = _first_bad(number[:17], _ASCII_DIGITS)
    if bad is None and number[17] not in "0123456789X":
        bad = number[17]
    if bad is not None:
        raise InvalidInput.about(field, "id.bad_character", character=bad)
    if number[:2] not in PROVINCE_PREFIXES:
        raise InvalidInput.about(field, "id.bad_province", prefix=number[:2])
    birth_text = number[6:14]
    try:
        birth = dt.date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise InvalidInput.about(field, "id.no_such_birth_date", birth=birth_text) from None
    if birth > today:
        raise InvalidInput.about(field, "id.born_later", birth=chinese_date(birth), day=today_is,
                                 today=chinese_date(today))
    expected = id_check_character(number[:17])
    if number[17] != expected:
        # Any single mistyped digit changes the check character, so ask for a
        # full re-read rather than inviting a fix of the last character only.
        raise InvalidInput.about(field, "id.wrong_check_character", expected=expected)
    sex = "男" if int(number[14:17]) % 2 == 1 else "女"
    return IdInfo(number=number, region_code=number[:6], birth_date=birth, sex=sex)


# --------------------------------------------------------------------------
# Unified social credit code (GB 32100-2015)
# --------------------------------------------------------------------------


def normalize_uscc(raw: str) -> str:
    return _WHITESPACE.sub("", _nfkc(raw)).upper()


def uscc_check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters."""
    if len(first17) != 17 or _first_bad(first17, USCC_ALPHABET) is not None:
        raise ValueError("first17 must be 17 characters of the USCC alphabet")
    total = sum(_USCC_VALUES[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(raw: str, field: str = "employer.uscc") -> str:
    """Normalise and check a unified social credit code; returns the normalised code."""
    code = normalize_uscc(raw)
    if not code:
        raise InvalidInput.about(field, "uscc.missing")
    if len(code) != 18:
        raise InvalidInput.about(field, "uscc.wrong_length", length=len(code))
    bad = _first_bad(code, USCC_ALPHABET)
    if bad is not None:
        raise InvalidInput.about(field, "uscc.bad_character", character=bad)
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise InvalidInput.about(field, "uscc.wrong_check_character", expected=expected)
    return code


# --------------------------------------------------------------------------
# Bank card
# --------------------------------------------------------------------------

LUHN_WARNING = "银行卡号未通过Luhn校验，请与申请人核对卡号；部分银行卡不符合此规则，核对无误可继续"


def normalize_bank_card(raw: str) -> str:
    return _SEPARATORS.sub("", _nfkc(raw))


def luhn_ok(number: str) -> bool:
    """True if ``number`` (ASCII digits only) passes the Luhn check."""
    if not _is_ascii_digits(number):
        return False
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


@dataclass(frozen=True)
class BankCardCheck:
    number: str
    luhn_ok: bool
    warning: str | None


def check_bank_card(raw: str, field: str = "payment.account") -> BankCardCheck:
    """Digits only, 12–19 long.  A Luhn failure is a warning, never a rejection:
    some real Chinese debit cards fail it (POLICY.md §6)."""
    number = normalize_bank_card(raw)
    if not number:
        raise InvalidInput.about(field, "bank_card.missing")
    bad = _first_bad(number, _ASCII_DIGITS)
    if bad is not None:
        raise InvalidInput.about(field, "bank_card.bad_character", character=bad)
    if not 12 <= len(number) <= 19:
        raise InvalidInput.about(field, "bank_card.wrong_length", length=len(number))
    ok = luhn_ok(number)
    return BankCardCheck(number=number, luhn_ok=ok, warning=None if ok else LUHN_WARNING)


# --------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------

CertificateFormat = Literal["skill_level_national", "qualification_old", "other"]

_SKILL_LEVEL_NATIONAL = re.compile(r"[YS]\d{21}")
_QUALIFICATION_OLD = re.compile(r"\d{16}")


def normalize_certificate_number(raw: str) -> str:
    return _WHITESPACE.sub("", _nfkc(raw)).upper()


def certificate_format(number: str) -> CertificateFormat:
    """Which known layout the number follows; other formats are stored as given."""
    n = normalize_certificate_number(number)
    if _SKILL_LEVEL_NATIONAL.fullmatch(n) and n.isascii():
        return "skill_level_national"
    if _QUALIFICATION_OLD.fullmatch(n) and n.isascii():
        return "qualification_old"
    return "other"


def certificate_level_digit(number: str) -> int | None:
    """The level encoded in the number (1-5), or None if the format carries none."""
    n = normalize_certificate_number(number)
    kind = certificate_format(n)
    if kind == "skill_level_national":
        digit = n[15]
    elif kind == "qualification_old":
        digit = n[10]
    else:
        return None
    level = int(digit)
    return level if 1 <= level <= 5 else None


# --------------------------------------------------------------------------
# Region codes and mobile numbers
# --------------------------------------------------------------------------


def check_region_code(raw: str, field: str) -> str:
    """Six digits (ASCII or full-width) that the region list knows, former codes included (POLICY.md §1)."""
    typed = _WHITESPACE.sub("", raw)
    # Checked before NFKC, which would turn ² or ① into digits nobody typed as a code.
    bad = _first_bad(typed, _TYPED_DIGITS)
    if bad is not None:
        raise InvalidInput.about(field, "region.bad_character", character=bad)
    code = _nfkc(typed)
    if not code:
        raise InvalidInput.about(field, "region.missing")
    if len(code) != 6:
        raise InvalidInput.about(field, "region.wrong_length", region=code)
    if code[:2] not in PROVINCE_PREFIXES:
        raise InvalidInput.about(field, "region.bad_province", prefix=code[:2])
    from desktop.models.pooling import region_list  # the list and its files: not on the window's first look

    if code not in region_list():
        raise InvalidInput.about(field, "region.unknown", region=code)
    return code


def normalize_mobile(raw: str) -> str:
    """Strip spaces/hyphens and a leading +86 / 86 country code."""
    number = _SEPARATORS.sub("", _nfkc(raw))
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("86") and len(number) == 13:
        number = number[2:]
    return number


def check_mobile(raw: str, field: str = "phone") -> str:
    number = normalize_mobile(raw)
    if not number:
        raise InvalidInput.about(field, "phone.missing")
    if not (number.isascii() and _MOBILE.fullmatch(number)):
        raise InvalidInput.about(field, "phone.invalid")
    return number
