"""The card's text as ``termb``-style libraries write it: ``wz.txt``, 256 bytes of UCS-2 (UTF-16LE).

The chip's text block, fixed width, each field padded with spaces:

    姓名 15  性别 1  民族 2  出生 8  住址 35  公民身份号码 18  签发机关 15  有效期起 8  有效期止 8  (备用 18)

(characters; two bytes each).  The end of validity is a date or ``长期``.  Some libraries put a
byte-order mark before it; it is skipped.
"""

from __future__ import annotations

import datetime as dt

from desktop.devices.idcard.card import IdCard, ReaderError
from desktop.devices.idcard.codes import ethnicity_code, ethnicity_name, sex_code, sex_name
from desktop.models import identity
from desktop.models.messages import Phrase

FIELDS = (("name", 15), ("sex", 1), ("ethnicity", 2), ("birth", 8), ("address", 35), ("id_number", 18),
          ("issuer", 15), ("valid_from", 8), ("valid_until", 8), ("reserved", 18))
SIZE = 2 * sum(width for _name, width in FIELDS)  # 256 bytes
BOM = b"\xff\xfe"
FOREVER = "长期"


def _date(text: str, what: Phrase) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise ReaderError.of("reader.bad_date", what=what, text=text) from None


def parse_wz(raw: bytes) -> IdCard:
    """The card's fields from ``wz.txt`` (no photo: that is ``zp.bmp``).  ``ReaderError`` when the
    text is not a card's (short, undecodable, a bad ID number)."""
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    if len(raw) < SIZE - 2 * 18:  # the spare field may be cut off
        raise ReaderError.of("reader.short_data", length=len(raw), size=SIZE)
    try:
        text = raw[:SIZE].decode("utf-16-le")
    except UnicodeDecodeError:
        raise ReaderError.of("reader.not_ucs2") from None
    values: dict[str, str] = {}
    at = 0
    for name, width in FIELDS:
        values[name] = text[at:at + width].strip().strip("\x00").strip()
        at += width
    number = identity.normalize_id_number(values["id_number"])
    if len(number) != 18 or not number[:17].isdigit() or identity.id_check_character(number[:17]) != number[17]:
        raise ReaderError.of("reader.bad_id_number", id_number=values["id_number"])
    until = values["valid_until"]
    return IdCard(
        name=values["name"],
        sex=sex_name(values["sex"]),
        ethnicity=ethnicity_name(values["ethnicity"]),
        birth_date=_date(values["birth"], Phrase.of("reader.birth_date")),
        address=values["address"],
        id_number=number,
        issuer=values["issuer"],
        valid_from=_date(values["valid_from"], Phrase.of("reader.valid_from")),
        valid_until=None if until.startswith(FOREVER) else _date(until, Phrase.of("reader.valid_until")),
    )


def format_wz(card: IdCard) -> bytes:
    """The ``wz.txt`` a library would write for ``card`` (the simulated reader and the tests)."""
    values = {
        "name": card.name, "sex": sex_code(card.sex), "ethnicity": ethnicity_code(card.ethnicity),
        "birth": card.birth_date.strftime("%Y%m%d"), "address": card.address, "id_number": card.id_number,
        "issuer": card.issuer, "valid_from": card.valid_from.strftime("%Y%m%d"),
        "valid_until": FOREVER if card.valid_until is None else card.valid_until.strftime("%Y%m%d"),
        "reserved": "",
    }
    text = "".join(values[name][:width].ljust(width) for name, width in FIELDS)
    return text.encode("utf-16-le")
