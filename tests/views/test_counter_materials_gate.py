"""The materials gate at the counter (issue 16.4), driven through the real main window.

A case with materials neither received nor checked by information sharing is kept 待补正 with its
one-time notice; accepting it anyway takes a confirmation naming what is missing (仍缺：X、Y。确认受理？,
the safe answer the default); the record and the receipt then say exactly what was received, checked by
sharing and missing.  F9 and 受理 on a saved draft ask alike; materials handed in later are ticked on the
case (补正) and audited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dbfile import document_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text
from test_intake_flow import ID_NUMBER, fill_eligible_case, verdict

from desktop.models import audit
from desktop.models.case_queries import search_records as search_cases
from desktop.models.cases import CaseRecord, State, get_case
from desktop.models.registry import import_registry
from desktop.models.registry_files import RegistryFile
from desktop.models.store import Store

pytestmark = pytest.mark.gui

FORM = "《技能提升补贴申请表》（含申请人诚信承诺）"
ID_CARD = "居民身份证"
ACCOUNT = "本人银行卡或具有金融功能的社会保障卡"
FALSE_CLAIM = "所需信息均已通过信息共享获取"


def flat(text: str) -> str:
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    """The text in reading order (table cells one after another, as tests/documents read them), of the
    window's copy (sealed in the data folder)."""
    return document_text(path)


def tick(qtbot: QtBot, win: QMainWindow, *codes: str) -> None:
    checklist = find(win, "checklist.items")
    assert isinstance(checklist, QListWidget)
    qtbot.waitUntil(lambda: checklist.count() > 0, timeout=10_000)
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def gate(qtbot: QtBot, parent: QWidget) -> QMessageBox:
    qtbot.waitUntil(lambda: (d := parent.findChild(QMessageBox, "materials.confirm")) is not None and d.isVisible(),
                    timeout=10_000)
    dialog = parent.findChild(QMessageBox, "materials.confirm")
    assert isinstance(dialog, QMessageBox)
    return dialog


def message(win: QMainWindow) -> str:
    label = find(win, "intake.message")
    assert isinstance(label, QLabel)
    return label.text()


def preview_text(qtbot: QtBot, win: QMainWindow, kind: str) -> str:
    qtbot.waitUntil(lambda: getattr(win, "preview", None) is not None and win.preview.isVisible()  # type: ignore[attr-defined]
                    and f"{kind}-" in win.preview.path.name, timeout=10_000)  # type: ignore[attr-defined]
    text = pdf_text(win.preview.path)  # type: ignore[attr-defined]
    win.preview.accept()  # type: ignore[attr-defined]
    return text


def acceptance(store: Store, case: CaseRecord) -> audit.AuditEntry:
    with store.session(readonly=True) as session:
        return next(e for e in audit.entries(session, entity="case", entity_id=case.id) if e.action == "case.accept")


def test_f9_with_nothing_received_names_what_is_missing_and_enter_keeps_it_waiting_with_its_notice(
        qtbot: QtBot, window: QMainWindow, store: Store) -> None:
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    dialog = gate(qtbot, window)
    assert dialog.text() == f"仍缺：{FORM}、{ID_CARD}、{ACCOUNT}。确认受理？"
    assert dialog.defaultButton() is find(dialog, "materials.confirm.keep")  # the safe answer
    assert search_cases(store, ID_NUMBER) == []  # nothing filed while the clerk is asked
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    notice = flat(preview_text(qtbot, window, "notice"))
    [record] = search_cases(store, ID_NUMBER)
    assert record.state is State.draft and record.accepted_at is None
    assert "已保存（待补正）" in message(window)
    assert "一次性告知书" in notice and record.case_no in notice
    for name in (FORM, ID_CARD, ACCOUNT):
        assert flat(name) in notice
    assert FALSE_CLAIM not in notice and "受理回执" not in notice


def test_esc_backs_out_and_nothing_is_filed(qtbot: QtBot, window: QMainWindow, store: Store) -> None:
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.keyClick(gate(qtbot, window), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "未受理" in message(window), timeout=5_000)
    assert search_cases(store, ID_NUMBER) == []
    assert find(window, "intake.name").text() == "张三梅"  # type: ignore[attr-defined]  # the form is kept


def test_accepting_anyway_names_and_records_exactly_what_is_missing(qtbot: QtBot, window: QMainWindow,
                                                                     store: Store) -> None:
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    tick(qtbot, window, "application_form")
    qtbot.keyClick(window, Qt.Key.Key_F9)  # at once: the tick counts before the re-check has run
    dialog = gate(qtbot, window)
    assert dialog.text() == f"仍缺：{ID_CARD}、{ACCOUNT}。确认受理？"
    qtbot.mouseClick(find(dialog, "materials.confirm.accept"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    receipt = flat(preview_text(qtbot, window, "receipt"))
    [record] = search_cases(store, ID_NUMBER)
    assert record.state is State.accepted
    assert record.materials["received"] == ["application_form"]
    assert record.materials["missing"] == ["id_card", "payment_account"]
    assert record.materials["shared"] == []  # typed by hand: nothing was checked by sharing
    entry = acceptance(store, record)
    assert entry.after is not None and entry.after["materials_missing"] == [ID_CARD, ACCOUNT]
    assert entry.after["missing_confirmed"] is True
    # The receipt says the three kinds as they are: received, nothing shared, still missing.
    received = receipt.index("已收取")
    missing = receipt.index("尚缺材料")
    assert flat(FORM) in receipt[received:missing]
    assert flat(ID_CARD) in receipt[missing:] and flat(ACCOUNT) in receipt[missing:]
    assert FALSE_CLAIM not in receipt and "身份信息：" not in receipt


def test_what_sharing_checked_is_not_asked_and_is_recorded_with_its_source(qtbot: QtBot, window: QMainWindow,
                                                                           store: Store) -> None:
    issued = window.clock.today() - dt.timedelta(days=60)  # type: ignore[attr-defined]
    as_of = store.clock.now()
    rows = {
        "insured": [(ID_NUMBER, "张三梅", "", "广州白云精密机械有限公司", "440106", 40, "13800138000", False)],
        "certificates": [("S000144000123174000056", ID_NUMBER, "skill_level", 4, "6-18-01-01", "车工", issued,
                          "广州市职业技能鉴定指导中心")],
    }
    for kind, found in rows.items():
        import_registry(store, RegistryFile(kind=kind, rows=found, errors=[], total=1, source="test"),  # type: ignore[arg-type]
                        as_of=as_of)
    find(window, "nav.new_case").click()  # type: ignore[attr-defined]
    type_text(qtbot, find(window, "intake.id_number"), ID_NUMBER)
    qtbot.waitUntil(lambda: find(window, "intake.name").text() == "张三梅", timeout=10_000)  # type: ignore[attr-defined]
    type_text(qtbot, find(window, "intake.payment_account"), "6222020200112233445")
    type_text(qtbot, find(window, "intake.bank_name"), "中国工商银行")
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    tick(qtbot, window, "application_form", "payment_account")
    qtbot.waitUntil(lambda: window.intake_page._received == {"application_form", "payment_account"},  # type: ignore[attr-defined]
                    timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_F9)  # the ID card is not asked for: identity was checked by sharing
    receipt = flat(preview_text(qtbot, window, "receipt"))
    assert window.findChild(QMessageBox, "materials.confirm") is None
    [record] = search_cases(store, ID_NUMBER)
    assert record.state is State.accepted and record.materials["missing"] == []
    assert record.materials["received"] == ["application_form", "payment_account"]
    [shared] = record.materials["shared"]
    assert shared["code"] == "id_card" and shared["by"] == "identity" and shared["kind"] == "synced"
    assert dt.datetime.fromisoformat(shared["as_of"]) == as_of
    assert "身份信息：本地同步数据（截至" in receipt and "免于提供居民身份证" in receipt


def open_case(qtbot: QtBot, win: QMainWindow, case: CaseRecord) -> QWidget:
    win.open_case(case.id)  # type: ignore[attr-defined]
    page = win.detail_page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.case is not None and page.case.version == get_case(page.workspace.store, case.id)
                    .version and page.materials is not None and not page._busy, timeout=10_000)
    return page  # type: ignore[no-any-return]


def test_a_saved_draft_is_accepted_through_the_same_gate_and_supplemented_materials_are_audited(
        qtbot: QtBot, window: QMainWindow, store: Store) -> None:
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F6)  # 保存待补正, nothing received
    qtbot.waitUntil(lambda: "已保存（待补正）" in message(window), timeout=10_000)
    [draft] = search_cases(store, ID_NUMBER)
    page = open_case(qtbot, window, draft)
    assert find(page, "case.materials.missing").text().count("\n") == 2  # type: ignore[attr-defined]

    # 受理 on the draft asks as F9 does; Enter keeps it waiting.
    accept = find(page, "case.to.accepted")
    assert isinstance(accept, QPushButton) and accept.isVisible()
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    dialog = gate(qtbot, page)
    assert dialog.text() == f"仍缺：{FORM}、{ID_CARD}、{ACCOUNT}。确认受理？"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "保持待补正" in find(page, "case.message").text(), timeout=5_000)  # type: ignore[attr-defined]
    assert get_case(store, draft.id).state is State.draft

    # The applicant brings the form and the card: ticked on the case (补正) and audited.
    materials = find(page, "case.materials")
    assert isinstance(materials, QListWidget) and materials.isVisible() and materials.count() == 3
    for row in range(materials.count()):
        if materials.item(row).data(Qt.ItemDataRole.UserRole) in ("application_form", "payment_account"):
            materials.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(find(page, "case.supplement"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: get_case(store, draft.id).materials["missing"] == ["id_card"], timeout=10_000)
    with store.session(readonly=True) as session:
        [entry] = [e for e in audit.entries(session, entity="case", entity_id=draft.id) if e.action == "case.materials"]
    assert entry.actor == "clerk" and entry.after is not None
    assert entry.after["received_now"] == [FORM, ACCOUNT] and entry.after["missing"] == [ID_CARD]
    page = open_case(qtbot, window, draft)
    timeline = find(page, "case.timeline")
    assert isinstance(timeline, QListWidget)
    assert any("登记补正材料" in timeline.item(i).text() for i in range(timeline.count()))

    # Still one missing: 受理 names only it, and accepting anyway prints a receipt that says so.
    qtbot.mouseClick(find(page, "case.to.accepted"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    dialog = gate(qtbot, page)
    assert dialog.text() == f"仍缺：{ID_CARD}。确认受理？"
    qtbot.mouseClick(find(dialog, "materials.confirm.accept"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    receipt = flat(preview_text(qtbot, window, "receipt"))
    record = get_case(store, draft.id)
    assert record.state is State.accepted
    assert acceptance(store, record).after["materials_missing"] == [ID_CARD]  # type: ignore[index]
    assert flat(FORM) in receipt and flat(ACCOUNT) in receipt
    assert flat(ID_CARD) in receipt[receipt.index("尚缺材料"):]
    assert FALSE_CLAIM not in receipt
