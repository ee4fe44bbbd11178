"""Telling scanner readings apart (desktop.models.scan)."""

from __future__ import annotations

import pytest

from desktop.models.scan import classify_scan, parse_receipt_qr


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
    scan = classify_scan(text)
    assert (scan.kind, scan.value) == (kind, value)


def test_receipt_qr_carries_the_lookup_code() -> None:
    assert classify_scan("ZHANCHI:440100-AB12-20261127-0001:K7PQ2M").lookup_code == "K7PQ2M"
    with pytest.raises(ValueError):
        parse_receipt_qr("ZHANCHI:only-one-part")
