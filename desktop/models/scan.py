"""What a scanner in keyboard mode read: an ID number, a certificate number or a receipt QR.

A USB ID-card reader or a barcode/QR scanner types its reading followed by
Enter, faster than any person; the window notices the burst and asks this
module where the text belongs, so it lands in the right field wherever the
focus was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from desktop.models import identity
from desktop.models.errors import InvalidInput
from desktop.models.progress_link import parse_progress_link

QR_SCHEME = "ZHANCHI"  # the receipt QR before issue 19.1: ZHANCHI:{case_no}:{lookup_code}

ScanKind = Literal["id_number", "certificate", "receipt", "unknown"]


@dataclass(frozen=True)
class Scan:
    kind: ScanKind
    value: str  # normalised; for a receipt, the case number
    lookup_code: str = ""


def parse_receipt_qr(payload: str) -> tuple[str, str]:
    """The (case_no, lookup_code) of a receipt's QR code — the progress link (``progress_link``), or the
    ``ZHANCHI:`` form of receipts printed before it; ValueError for anything else."""
    link = parse_progress_link(payload)
    if link is not None:
        return link
    scheme, _, rest = payload.strip().partition(":")
    case_no, _, lookup_code = rest.rpartition(":")
    if scheme != QR_SCHEME or not case_no or not lookup_code:
        raise ValueError("不是展翅柜台受理回执的二维码")
    return case_no, lookup_code


def classify_scan(text: str, today: dt.date) -> Scan:
    """What a scanner read: a receipt's QR code, an ID number (no one born after ``today``), a
    certificate number, or nothing known."""
    raw = text.strip()
    try:
        return Scan("receipt", *parse_receipt_qr(raw))
    except ValueError:
        pass
    try:
        return Scan("id_number", identity.check_id_number(raw, today=today).number)
    except InvalidInput:
        pass
    number = identity.normalize_certificate_number(raw)
    if identity.certificate_format(number) != "other":
        return Scan("certificate", number)
    return Scan("unknown", raw)
