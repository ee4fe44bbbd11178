"""The receipt's QR code: the progress page's link with the case number and the lookup code, nothing
else (``models.progress_link``: ``<public-url>/p/<case_no>#<lookup_code>``).

A receipt is carried around, photographed and left on counters, so the code
must never hold the ID number, the name or anything else personal; the
lookup code is what lets the holder (and nobody with only the case number)
see the progress.  The builder refuses anything that looks like an identity
number, so a caller mixing up fields fails loudly instead of printing it.

The code is drawn as vector rectangles (no bitmap), crisp on laser printers
and on 203-dpi thermal heads alike.
"""

from __future__ import annotations

import re
from typing import Any

import segno
from reportlab.lib.colors import black, white
from reportlab.platypus import Flowable

from desktop.models.progress_link import progress_link

_ID_LIKE = re.compile(r"\d{17}[\dXx]|\d{15}")
_SAFE = re.compile(r"[0-9A-Za-z-]+")
QUIET_ZONE = 4  # modules of white border the QR standard requires


def receipt_qr_payload(public_url: str, case_no: str, lookup_code: str) -> str:
    """The progress page's link for the receipt's QR code (read back by ``models.scan`` too)."""
    for field, value in (("case_no", case_no), ("lookup_code", lookup_code)):
        if not value or not _SAFE.fullmatch(value):
            raise ValueError(f"{field} must be letters, digits and hyphens only: {value!r}")
        if _ID_LIKE.search(value):
            raise ValueError(f"{field} looks like an identity number; the QR code must not carry one")
    return progress_link(public_url, case_no, lookup_code)




def qr_matrix(payload: str) -> list[list[bool]]:
    """Dark modules, row by row, top first, without the quiet zone."""
    # Level M survives a crease or a smudge on thermal paper at a modest size.
    code = segno.make_qr(payload, error="m", boost_error=False)
    return [[bool(cell) for cell in row] for row in code.matrix]


def draw_qr(canvas: Any, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """Draw ``matrix`` with its quiet zone into the square (x, y, size) of a reportlab canvas."""
    modules = len(matrix) + 2 * QUIET_ZONE
    unit = size / modules
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(black)
    # One path of horizontal runs: fewer operators than one square per module,
    # and no hairline seams between touching squares when rasterised.
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - (QUIET_ZONE + r) * unit
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.rect(x + (QUIET_ZONE + start) * unit, top - unit, (c - start) * unit, unit)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrCode(Flowable):
    """A square QR code of side ``size`` points (quiet zone included)."""

    def __init__(self, payload: str, size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self._matrix = qr_matrix(payload)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self._matrix, 0, 0, self.size)
