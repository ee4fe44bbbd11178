"""外出受理对账单: every case of a field day, what the central system said, what to do; names masked."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from document_helpers import LONG_NAME, assert_inside_margins, flat, office, pdf_fonts, pdf_text, qpdf_check
from sqlalchemy import select

from desktop.documents.layout import PAGE_FORMATS
from desktop.documents.reconciliation import (
    ACTION,
    ALL_CLEAR,
    INCOMPLETE,
    ReconciliationSheet,
    issue_reconciliation,
    render_reconciliation,
)
from desktop.models import field_mode
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.field_mode import FieldDay, Reconciliation, ReconItem
from desktop.models.schema import AuditLog
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

OUT = dt.datetime(2026, 11, 26, 0, 30, tzinfo=dt.UTC)  # 08:30 in Beijing
BACK = dt.datetime(2026, 11, 26, 9, 15, tzinfo=dt.UTC)


def day(**overrides: object) -> FieldDay:
    values = dict(id="20261126-083000-abc123", label="广州开发区某某工业园", employers=("91440101MA5PARK00X",),
                  source="central", office_code="440100", device_code="K7QX", started_at=OUT, started_by="clerk",
                  insured=120, certificates=98, ledger=7, unmatched=("不存在的公司",), data_as_of=OUT, ended_at=BACK,
                  ended_by="clerk")
    values.update(overrides)
    return FieldDay(**values)  # type: ignore[arg-type]


def item(n: int, name: str, status: str, **overrides: object) -> ReconItem:
    values = dict(case_id=f"id{n}", case_no=f"440100-K7QX-20261126-{n:04d}", applicant_name=name,
                  id_number="11010519491231002X", occupation_code="6-18-01-01", occupation_name="车工", level=4,
                  amount_yuan=1500, state="accepted", disputed=False, accepted_at=OUT, receipts_printed=1,
                  status=status, finding="已记入全国技能提升补贴台账", action=field_mode._ACTIONS[status])
    values.update(overrides)
    return ReconItem(**values)  # type: ignore[arg-type]


def sheet(items: list[ReconItem], **overrides: object) -> ReconciliationSheet:
    counts = {s: sum(1 for i in items if i.status == s) for s in field_mode.STATUS_ORDER}
    recon = Reconciliation(overrides.pop("field_day", day()), tuple(items), (), BACK, BACK, counts)  # type: ignore[arg-type]
    return ReconciliationSheet(office(), recon, **overrides)  # type: ignore[arg-type]


def test_every_case_with_its_finding_and_action_names_masked(pdf_path: Path) -> None:
    items = [
        item(3, "欧阳晓明", "duplicate",
             finding="重复申领：已由办事处 440300 受理（受理编号 440300-ZZ9Q-20261126-0002）"),
        item(1, "张晓梅", "confirmed"),
        item(2, "李四", "draft", accepted_at=None, receipts_printed=0, state="draft",
             finding="草稿（材料不齐，未受理）"),
    ]
    render_reconciliation(sheet(items), pdf_path)
    text = flat(pdf_text(pdf_path))
    for masked in ("欧**明", "张*梅", "李*"):
        assert masked in text
    for full in ("欧阳晓明", "张晓梅", "李四", "11010519491231002X"):
        assert full not in text
    for n in (1, 2, 3):
        assert f"440100-K7QX-20261126-{n:04d}" in text
    assert "广州开发区某某工业园" in text and "2026年11月26日08:30至2026年11月26日17:15" in text
    assert "参保人员120人、证书98本、补贴台账7条" in text and "不存在的公司" in text
    assert "重复申领" in text and "440300-ZZ9Q-20261126-0002" in text and "收回临时回执" in text
    assert "待补材料" in text and "已确认" in text and "受理案件3件" in text and "出具受理回执2件" in text
    assert ALL_CLEAR in text and INCOMPLETE not in text
    assert "外出经办人" in text and "复核人" in text


def test_an_unfinished_sheet_says_so_at_the_top(pdf_path: Path) -> None:
    render_reconciliation(sheet([item(1, "张三", "pending", finding="2项变更尚未同步到中心系统")],
                                field_day=day(ended_at=None)), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert INCOMPLETE in text and ALL_CLEAR not in text and "尚未结束外出" in text and "未同步" in text


def test_fonts_embedded_long_names_and_long_days_stay_inside(pdf_path: Path) -> None:
    items = [item(i, LONG_NAME if i % 5 == 0 else f"王{i}强", "confirmed") for i in range(1, 60)]
    render_reconciliation(sheet(items, reprint_count=1), pdf_path)
    fonts = pdf_fonts(pdf_path)
    assert fonts and all(f.embedded for f in fonts) and not any("Helvetica" in f.name for f in fonts)
    qpdf_check(pdf_path)
    text = pdf_text(pdf_path)
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2 and all("核对结果" in p for p in pages)
    assert "第2版（更新）" in flat(text) and "次补打" not in flat(text) and LONG_NAME not in flat(text)
    assert_inside_margins(pdf_path, PAGE_FORMATS["a4"].margin_x, hang=12)


def test_printing_is_audited_counted_and_for_counter_staff(store: Store, tmp_path: Path,
                                                           make_staff: Callable[..., StaffUser]) -> None:
    clerk = make_staff(Role.clerk, "clerk")
    with pytest.raises(InvalidInput):
        issue_reconciliation(store, clerk, tmp_path / "none.pdf")
    field_mode.start_field_day(store, clerk, label="某工业园", employers=["广州开发区甲电子有限公司"])
    first = issue_reconciliation(store, clerk, tmp_path / "a.pdf")
    field_mode.end_field_day(store, clerk)
    second = issue_reconciliation(store, clerk, tmp_path / "b.pdf", field_day_id=first.field_day)
    assert (first.reprint_count, second.reprint_count) == (0, 1)
    assert first.to_json()["cases"] == 0 and first.to_json()["complete"] is True
    with store.session(readonly=True) as session:
        entries = list(session.scalars(select(AuditLog).where(AuditLog.action == ACTION)))
        afters = [json.loads(e.after_json) for e in entries]
    assert [a["reprint"] for a in afters] == [0, 1] and afters[1]["sha256"] == second.sha256
    with pytest.raises(PermissionDenied):
        issue_reconciliation(store, make_staff(Role.admin, "admin"), tmp_path / "c.pdf")
    assert not (tmp_path / "c.pdf").exists()


def test_a_case_number_is_never_split_in_its_cell(pdf_path: Path) -> None:
    """Device codes are random: a wide one (W, M) must not break the number over two lines
    (POLICY 17.6: numbers kept together) — pdftotext must find each on one line."""
    items = [item(n, "张晓梅", "confirmed", case_no=f"440100-{code}-20261207-{n:04d}")
             for n, code in enumerate(("WMWM", "W4DR", "QQQQ"), 1)]
    render_reconciliation(sheet(items, field_day=day(device_code="WMWM")), pdf_path)
    lines = pdf_text(pdf_path).splitlines()
    for i in items:
        assert any(i.case_no in line for line in lines), i.case_no


def test_the_summary_agrees_with_the_table_on_receipts(pdf_path: Path) -> None:
    """Issue 17.8: a sheet whose table says 未打印 three times never says 出具受理回执3件 above it."""
    items = [item(n, f"王{n}强", "confirmed", receipts_printed=0) for n in (1, 2, 3)]
    items.append(item(4, "李四", "confirmed", receipts_printed=2))
    items.append(item(5, "赵六", "draft", accepted_at=None, receipts_printed=0, state="draft"))
    render_reconciliation(sheet(items), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert text.count("未打印") >= 3
    assert "受理案件5件" in text and "出具受理回执1件" in text and "已受理未打印受理回执3件" in text
    assert "出具受理回执4件" not in text


@pytest.mark.parametrize(("reprint", "label"), [(0, ""), (1, "第2版（更新）"), (3, "第4版（更新）")])
def test_an_updated_sheet_is_a_new_version_not_a_reprint(pdf_path: Path, reprint: int, label: str) -> None:
    """Issue 17.8: each print after a sync says what the system knows then — a new version, never 补打."""
    render_reconciliation(sheet([item(1, "张三", "confirmed")], reprint_count=reprint), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "补打（第" not in text and "次补打" not in text  # (a row may still ask to 补打 a receipt)
    assert (label in text) if label else ("版（更新）" not in text)


def test_refused_changes_are_named_in_words_not_by_their_codes(pdf_path: Path) -> None:
    """Issue 17.5: no internal codes on paper (an outbox op such as case.accepted is said in words)."""
    refused = (field_mode.RefusedChange("case.accepted", "0b5c2f3e-1111-4222-8333-444455556666", "版本冲突"),
               field_mode.RefusedChange("document.receipt", "0b5c2f3e-1111-4222-8333-444455556666", "案件未同步"))
    items = [item(1, "张三", "rejected", finding="版本冲突")]
    counts = {s: sum(1 for i in items if i.status == s) for s in field_mode.STATUS_ORDER}
    recon = Reconciliation(day(), tuple(items), refused, BACK, BACK, counts)
    render_reconciliation(ReconciliationSheet(office(), recon), pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "case.accepted" not in text and "document.receipt" not in text
    assert "案件变更（已受理）：版本冲突" in text and "打印受理回执：案件未同步" in text
