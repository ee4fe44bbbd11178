"""Helpers to build registry files (CONTRACTS.md "Registry and outreach files") in tests."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from desktop.models.identity import id_check_character
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS


def make_id(seq: int = 1, *, region: str = "440106", birth: str = "19800101") -> str:
    """A valid 18-character ID number; ``seq`` (0-999) makes it unique."""
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + id_check_character(first17)


def with_bad_check(id_number: str) -> str:
    """The same number with a wrong check character."""
    wrong = "0" if id_number[17] != "0" else "1"
    return id_number[:17] + wrong


def cert_number(seq: int = 1, level: int = 4) -> str:
    """A national skill-level certificate number (S + 21 digits, the 16th character is the level)."""
    return f"S00014400012317{level}{seq:06d}"


def insured(seq: int = 1, **overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id_number": make_id(seq),
        "name": f"张三{seq}",
        "employer_uscc": "91350100M000100Y43",
        "employer_name": "广州市某机械有限公司",
        "insured_region": "440100",
        "contribution_months": 40,
        "phone": "13800138000",
        "receiving_unemployment_benefit": "否",
    }
    row.update(overrides)
    return row


def certificate(seq: int = 1, **overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "number": cert_number(seq),
        "id_number": make_id(seq),
        "kind": "skill_level",
        "level": 4,
        "occupation_code": "6-18-01-01",
        "occupation_name": "车工",
        "issue_date": "2017-06-01",
        "issuer": "广州市职业技能鉴定指导中心",
    }
    row.update(overrides)
    return row


def table(rows: Iterable[dict[str, Any]], header: Sequence[str]) -> list[list[Any]]:
    return [[row.get(column, "") for column in header] for row in rows]


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = False, encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def insured_csv(path: Path, rows: Iterable[dict[str, Any]], *, header: Sequence[str] = INSURED_COLUMNS) -> Path:
    return write_csv(path, header, table(rows, header))


def certificates_csv(
    path: Path, rows: Iterable[dict[str, Any]], *, header: Sequence[str] = CERTIFICATE_COLUMNS
) -> Path:
    return write_csv(path, header, table(rows, header))
