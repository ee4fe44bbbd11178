"""The receipt QR payload: the progress page's link with the case number and lookup code only, never
personal data (issue 19.1)."""

from __future__ import annotations

import pytest

from desktop.documents.qr import QUIET_ZONE, QrCode, qr_matrix, receipt_qr_payload
from desktop.models.scan import parse_receipt_qr

URL = "https://zhanchi.gd.example.gov.cn"


def test_payload_is_the_progress_link_with_the_code_in_the_fragment() -> None:
    assert receipt_qr_payload(URL + "/", "440100-AB12-20261127-0001", "K7PQ2M") == \
        f"{URL}/p/440100-AB12-20261127-0001#K7PQ2M"


def test_payload_round_trips_and_receipts_printed_before_still_scan() -> None:
    payload = receipt_qr_payload(URL, "440100-AB12-20261127-0001", "K7PQ2M")
    assert parse_receipt_qr(payload + "\n") == ("440100-AB12-20261127-0001", "K7PQ2M")
    assert parse_receipt_qr("ZHANCHI:440100-AB12-20261127-0001:K7PQ2M") == ("440100-AB12-20261127-0001", "K7PQ2M")
    behind_a_prefix = receipt_qr_payload(URL + "/zhanchi/", "440100-AB12-20261127-0001", "K7PQ2M")
    assert behind_a_prefix == f"{URL}/zhanchi/p/440100-AB12-20261127-0001#K7PQ2M"
    assert parse_receipt_qr(behind_a_prefix) == ("440100-AB12-20261127-0001", "K7PQ2M")
    for other in ("https://example.com/", f"{URL}/p/440100-AB12#", f"{URL}/x/440100-AB12#K7PQ2M"):
        with pytest.raises(ValueError):
            parse_receipt_qr(other)


@pytest.mark.parametrize(
    ("case_no", "lookup"),
    [
        ("11010519491231002X", "K7PQ2M"),  # an ID number passed as the case number
        ("440100-AB12-20261127-0001", "110105194912310021"),
        ("CASE-110105491231002", "K7PQ2M"),  # a 15-digit (first-generation) ID inside
        ("", "K7PQ2M"),
        ("440100-AB12-20261127-0001", ""),
        ("440100:AB12", "K7PQ2M"),  # the separator
        ("张三", "K7PQ2M"),
    ],
)
def test_payload_refuses_anything_but_a_case_number_and_a_code(case_no: str, lookup: str) -> None:
    with pytest.raises(ValueError):
        receipt_qr_payload(URL, case_no, lookup)


def test_matrix_and_flowable_size() -> None:
    matrix = qr_matrix(receipt_qr_payload(URL, "440100-AB12-20261127-0001", "K7PQ2M"))
    assert len(matrix) == len(matrix[0]) >= 21
    assert QUIET_ZONE == 4
    code = QrCode(receipt_qr_payload(URL, "440100-AB12-20261127-0001", "K7PQ2M"), 85.0)
    assert code.wrap(500, 500) == (85.0, 85.0)
