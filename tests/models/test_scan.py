"""Telling scanner readings apart (desktop.models.scan)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.identity import id_check_character
from desktop.models.scan import classify_scan, parse_receipt_qr

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("11010519491231002x\n", "id_number", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "id_number", "11010519491231002X"),
        ("S000144000123174000056", "certificate", "S000144000123174000056"),
        ("1234567890123456", "certificate", "1234567890123456"),
        ("ZHANCHI:440100-AB12-20261127-0001:K7PQ2M", "receipt", "440100-AB12-20261127-0001"),
        ("11010519491231002 1", "unknown", "11010519491231002 1"),
        ("https://example.com/", "unknown", "https://example.com/"),
    ],
)
def test_classify_scan(text: str, kind: str, value: str) -> None:
    scan = classify_scan(text, TODAY)
    assert (scan.kind, scan.value) == (kind, value)


def test_an_id_number_born_after_today_is_not_an_id_number() -> None:
    born_tomorrow = "11010520261128002"
    assert classify_scan(born_tomorrow + id_check_character(born_tomorrow), TODAY).kind == "unknown"


def test_receipt_qr_carries_the_lookup_code() -> None:
    assert classify_scan("ZHANCHI:440100-AB12-20261127-0001:K7PQ2M", TODAY).lookup_code == "K7PQ2M"
    with pytest.raises(ValueError):
        parse_receipt_qr("ZHANCHI:only-one-part")
