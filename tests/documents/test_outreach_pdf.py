"""技能提升补贴政策告知名单: one list per employer for park visits, names and ID numbers masked."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from document_helpers import LONG_OCCUPATION, assert_inside_margins, flat, office, pdf_fonts, pdf_text, qpdf_check
from sqlalchemy import select

from desktop.documents.layout import PAGE_FORMATS
from desktop.documents.outreach_lists import EmployerList, file_name, groups, issue_outreach_lists, render_employer_list
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.outreach import EXPORT_ACTION, OutreachRow, Screening, screen
from desktop.models.registry import import_registry
from desktop.models.registry_files import RegistryFile
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store


def _id(n: int) -> str:
    first17 = f"44010619850202{n:03d}"
    return first17 + id_check_character(first17)


def row(n: int, name: str, **overrides: object) -> OutreachRow:
    base = OutreachRow(
        id_number=_id(n), name=name, phone="13800138000", employer_uscc="91440101MA5PARK00X",
        employer_name="广州开发区甲电子有限公司", insured_region="440106",
        certificate_number=f"S00014400012317400000{n}",
        certificate_kind="skill_level", occupation_code="6-18-01-01", occupation_name="车工", level=4,
        issue_date=dt.date(2026, 3, 2), window_ends=dt.date(2027, 3, 2), window_provisional=True, amount_yuan=1500,
        shortage=False,
    )
    return base._replace(**overrides)


def employer_list(rows: list[OutreachRow], **overrides: object) -> EmployerList:
    values = {"office": office(), "employer_name": "广州开发区甲电子有限公司", "employer_uscc": "91440101MA5PARK00X",
              "screened_on": dt.date(2026, 11, 27), "policy_label": "人社部发〔2025〕18号、人社部发〔2017〕40号",
              "policy_note": ("人社部发〔2025〕18号等文件规定的技能提升补贴政策已于2025年12月31日到期，"
                              "2026年新政策尚未公布，现按上述政策延续执行"), "rows": rows}
    values.update(overrides)
    return EmployerList(**values)  # type: ignore[arg-type]


def test_names_and_id_numbers_are_masked(pdf_path: Path) -> None:
    rows = [row(1, "张晓梅", window_ends=dt.date(2026, 12, 1), window_provisional=False),
            row(2, "欧阳修", level=3, amount_yuan=2000), row(3, "李四", occupation_name="养老护理员")]
    render_employer_list(employer_list(rows), pdf_path)
    text = flat(pdf_text(pdf_path))
    for masked in ("张*梅", "欧*修", "李*", "440106********0012"):
        assert masked in text
    for full in ("张晓梅", "欧阳修", "李四", _id(1), "13800138000"):
        assert full not in text
    assert "广州开发区甲电子有限公司" in text and "91440101MA5PARK00X" in text
    assert "2026-12-01" in text and "2027-03-02（暂定）" in text and "暂定”的日期" in text
    assert "3人、3本证书" in text and "伍仟元整" in text
    assert "延续执行" in text and "已告知" in text and "单位联系人" in text
    assert "请勿张贴" in text


def test_fonts_are_embedded_and_a_long_list_stays_inside_the_margins(pdf_path: Path) -> None:
    rows = [row(i, f"王{i}强", occupation_name=LONG_OCCUPATION if i % 9 == 0 else "车工") for i in range(70)]
    render_employer_list(employer_list(rows), pdf_path)
    fonts = pdf_fonts(pdf_path)
    assert fonts and all(f.embedded for f in fonts) and not any("Helvetica" in f.name for f in fonts)
    qpdf_check(pdf_path)
    pages = [p for p in pdf_text(pdf_path).split("\f") if p.strip()]
    assert len(pages) >= 2 and all("申请截止日" in p for p in pages)  # the header repeats
    assert_inside_margins(pdf_path, PAGE_FORMATS["a4"].margin_x, hang=12)


def test_file_names_are_numbered_and_safe() -> None:
    assert file_name(1, "广州某某有限公司", "") == "001-广州某某有限公司.pdf"
    assert file_name(12, "A/B:C 公司*", "") == "012-A_B_C_公司.pdf"
    assert file_name(3, "（未登记单位）", "91440101MA5PARK00X") == "003-91440101MA5PARK00X.pdf"


def _screening(rows: list[OutreachRow]) -> Screening:
    return Screening(dt.date(2026, 11, 27), "440100", "cn-2025", True, "延续执行", tuple(rows), len(rows), None,
                     None)


def test_rows_are_grouped_by_employer_unregistered_last() -> None:
    rows = [row(1, "甲", employer_name="乙公司", employer_uscc=""), row(2, "乙", employer_name="", employer_uscc=""),
            row(3, "丙", employer_name="甲公司", employer_uscc=""),
            row(4, "丁", employer_name="乙公司", employer_uscc="")]
    assert [(name, [r.name for r in rs]) for name, _, rs in groups(_screening(rows))] == [
        ("乙公司", ["甲", "丁"]), ("甲公司", ["丙"]), ("（未登记单位）", ["乙"])]


def test_issuing_lists_from_a_screening_is_audited_and_owner_only(
        store: Store, tmp_path: Path, make_staff: Callable[..., StaffUser]) -> None:
    people = [(_id(i), f"职工{i}", uscc, name, "440106", 40, "13800138000", False)
              for i, (uscc, name) in enumerate([("91440101MA5PARK00X", "甲公司"), ("91440101MA5PARK011", "乙公司"),
                                                ("91440101MA5PARK011", "乙公司")], 1)]
    certs = [(f"S00014400012317400000{i}", _id(i), "skill_level", 4, "6-18-01-01", "车工", dt.date(2026, 3, 2), "")
             for i in (1, 2, 3)]
    for kind, rows in (("insured", people), ("certificates", certs)):
        import_registry(store, RegistryFile(kind=kind, rows=rows, errors=[], total=len(rows)),  # type: ignore[arg-type]
                        as_of=store.clock.now())
    screening = screen(store, Verifier.load(None))
    clerk = make_staff(Role.clerk, "clerk")
    issued = issue_outreach_lists(store, screening, tmp_path / "lists", actor=clerk)
    assert [p.name for p in issued.files] == ["001-乙公司.pdf", "002-甲公司.pdf"] and issued.rows == 3
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in issued.files)
    with store.session(readonly=True) as session:
        entry = session.scalars(select(AuditLog).where(AuditLog.action == EXPORT_ACTION)).one()
        actor, after = entry.actor, json.loads(entry.after_json)
    assert actor == "clerk" and after["kind"] == "pdf" and after["files"] == ["001-乙公司.pdf", "002-甲公司.pdf"]
    with pytest.raises(PermissionDenied):
        issue_outreach_lists(store, screening, tmp_path / "no", actor=make_staff(Role.admin, "admin"))
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InvalidInput) as not_a_folder:
        issue_outreach_lists(store, screening, tmp_path / "a-file", actor=clerk)
    assert not_a_folder.value.field == "out"
