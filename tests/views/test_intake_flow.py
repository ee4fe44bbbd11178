"""pytest-qt drives the real main window through whole cases (issue 3)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from dbfile import document_bytes, document_text, opened_copy
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLabel, QListWidget, QMainWindow, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text

from desktop.app import create_main_window
from desktop.models import staff
from desktop.models.case_queries import search_records as search_cases
from desktop.models.cases import get_case
from desktop.models.drafts import draft_path
from desktop.models.identity import id_check_character, uscc_check_character
from desktop.models.registry import import_registry
from desktop.models.registry_files import RegistryFile
from desktop.models.store import Store

pytestmark = pytest.mark.gui

ID_NUMBER = "44010619900307" + "123"
ID_NUMBER += id_check_character(ID_NUMBER)


def fill_eligible_case(qtbot: QtBot, win: QMainWindow, *, months: int = 40) -> None:
    find(win, "nav.new_case").click()  # type: ignore[attr-defined]
    type_text(qtbot, find(win, "intake.id_number"), ID_NUMBER)
    type_text(qtbot, find(win, "intake.name"), "张三梅")
    spin = find(win, "intake.contribution_months")
    assert isinstance(spin, QSpinBox)
    spin.selectAll()
    type_text(qtbot, spin, str(months))
    type_text(qtbot, find(win, "intake.insured_region"), "440106")
    type_text(qtbot, find(win, "intake.employer_name"), "广州白云精密机械有限公司")
    type_text(qtbot, find(win, "intake.cert_number"), "S000144000123174000056")
    level = find(win, "intake.cert_level")
    level.setFocus()
    level.setCurrentIndex(level.findData(4))  # type: ignore[attr-defined]
    type_text(qtbot, find(win, "intake.occupation"), "6-18-01-01")
    issued = win.clock.today() - dt.timedelta(days=60)  # type: ignore[attr-defined]
    date_edit = find(win, "intake.cert_issue_date")
    assert isinstance(date_edit, QDateEdit)
    date_edit.setDate(QDate(issued.year, issued.month, issued.day))
    type_text(qtbot, find(win, "intake.payment_account"), "6222020200112233445")
    type_text(qtbot, find(win, "intake.bank_name"), "中国工商银行")


def tick_materials(qtbot: QtBot, win: QMainWindow) -> None:
    """Every material the applicant hands over, ticked as received (the clerk's checklist)."""
    checklist = find(win, "checklist.items")
    assert isinstance(checklist, QListWidget)
    qtbot.waitUntil(lambda: checklist.count() > 0, timeout=10_000)
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            item.setCheckState(Qt.CheckState.Checked)


def pdf_text(path: Path) -> str:
    """The window's copy is sealed in the data folder (issue 20.1): never readable as it lies on the disk."""
    assert not document_bytes(path).startswith(b"ZHSEAL") and Path(path).read_bytes().startswith(b"ZHSEAL")
    return document_text(path, "-layout")


def verdict(win: QMainWindow) -> dict:  # type: ignore[type-arg]
    text = find(win, "verify.result").accessibleDescription()
    return json.loads(text) if text else {}


def test_clerk_takes_a_case_from_form_to_receipt_and_finds_it(qtbot: QtBot, window: QMainWindow,
                                                              store: Store) -> None:
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    out = verdict(window)
    assert out["amount_yuan"] == 1500 and out["policy"].startswith("cn-")
    assert len(out["checks"]) >= 8 and all(c["passed"] for c in out["checks"])

    checklist = find(window, "checklist.items")
    assert isinstance(checklist, QListWidget)
    assert checklist.count() == 3  # the applicant's list only: the office checks contributions and certificate
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            item.setCheckState(Qt.CheckState.Checked)
    accept = find(window, "case.accept")
    assert isinstance(accept, QPushButton)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    message = find(window, "intake.message")
    assert isinstance(message, QLabel)
    qtbot.waitUntil(lambda: "已受理" in message.text(), timeout=10_000)
    case_no = message.text().split("：")[-1]
    record = get_case(store, case_no)
    assert record.state.value == "accepted" and record.amount_yuan == 1500
    assert record.applicant_name == "张三梅" and record.id_number == ID_NUMBER
    assert set(record.materials["received"]) == {"application_form", "id_card", "payment_account"}
    assert not draft_path(store.data_dir, "clerk").exists(), "the draft is gone once filed"

    # Acceptance issues the receipt and opens its preview for printing.
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None and window.preview.isVisible(),
                    timeout=10_000)
    receipt = pdf_text(window.preview.path)  # type: ignore[attr-defined]
    assert case_no in receipt and "受理回执" in receipt
    assert ID_NUMBER not in receipt and f"{ID_NUMBER[:6]}********{ID_NUMBER[-4:]}" in receipt
    window.preview.accept()  # type: ignore[attr-defined]

    window.show_search()  # type: ignore[attr-defined]
    query = find(window, "search.query")
    type_text(qtbot, query, case_no)
    results = find(window, "search.results")
    qtbot.waitUntil(lambda: results.model().rowCount() == 1, timeout=10_000)  # type: ignore[attr-defined]
    assert [r.case_no for r in search_cases(store, ID_NUMBER)] == [case_no]


def test_ineligible_case_needs_a_reason_and_is_then_disputed(qtbot: QtBot, window: QMainWindow, store: Store,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fill_eligible_case(qtbot, window, months=5)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is False, timeout=10_000)
    failed = [c["rule"] for c in verdict(window)["checks"] if not c["passed"]]
    assert failed == ["contribution_months"]
    tick_materials(qtbot, window)  # materials complete: only the verdict is in question here
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("", False))
    qtbot.mouseClick(find(window, "case.accept"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    message = find(window, "intake.message")
    assert "未填写受理理由" in message.text()  # type: ignore[attr-defined]
    assert search_cases(store, ID_NUMBER) == []

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("申请人称缴费记录有漏记", True))
    qtbot.mouseClick(find(window, "case.accept"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "已受理" in message.text(), timeout=10_000)  # type: ignore[attr-defined]
    [record] = search_cases(store, ID_NUMBER)
    assert record.disputed and record.dispute_reason == "申请人称缴费记录有漏记" and record.amount_yuan == 0


def test_notice_for_missing_materials_is_printed_from_the_form(qtbot: QtBot, window: QMainWindow,
                                                               store: Store) -> None:
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F7)  # nothing ticked: every needed material is missing
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None and window.preview.isVisible(),
                    timeout=10_000)
    text = pdf_text(window.preview.path)  # type: ignore[attr-defined]
    assert "一次性告知" in text and "技能提升补贴申请表" in text
    [record] = search_cases(store, ID_NUMBER)
    assert record.state.value == "draft" and record.case_no in text


def test_printing_renders_every_page_to_the_printer(qtbot: QtBot, window: QMainWindow, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.views.direct_print import print_pdf

    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a file stands in for the printer
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_pdf(window.preview.path, printer, "受理回执")  # type: ignore[attr-defined]  # the sealed copy
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000 and pages >= 1


def test_typed_work_survives_a_crash(qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("clerk", "clerk")
    first = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(first)
    type_text(qtbot, find(first, "intake.id_number"), ID_NUMBER)
    type_text(qtbot, find(first, "intake.name"), "李四")
    qtbot.waitUntil(draft_path(store.data_dir, "clerk").exists, timeout=5_000)  # the clerk's own
    # No orderly close: a new window over the same folder brings the draft back.
    second = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(second)
    assert find(second, "intake.name").text() == "李四"  # type: ignore[attr-defined]
    assert find(second, "intake.id_number").text() == ID_NUMBER  # type: ignore[attr-defined]
    first.close()
    second.close()


def test_status_bar_shows_user_policy_and_sync(qtbot: QtBot, window: QMainWindow) -> None:
    sync = find(window, "sync.status")
    qtbot.waitUntil(lambda: "待同步" in sync.text(), timeout=5_000)  # type: ignore[attr-defined]
    assert "离线" in sync.text() or "在线" in sync.text()  # type: ignore[attr-defined]
    assert "受理" in find(window, "status.user").text()  # type: ignore[attr-defined]
    assert "适用政策" in find(window, "status.policy").text()  # type: ignore[attr-defined]


def test_clerk_has_no_approve_action(qtbot: QtBot, window: QMainWindow) -> None:
    texts = [w.text() for w in window.findChildren(QPushButton) if w.isVisible()]
    assert not any("批准" in t or "审批" in t for t in texts)


def test_window_locks_after_idle(qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    from desktop.models.workspace import Workspace
    from desktop.views.main_window import MainWindow

    user = make_staff("clerk", "clerk")
    from desktop.models.rules import Verifier

    win = MainWindow(Workspace(store.data_dir, store, Verifier.load(None), store.clock), user, idle_lock_minutes=0)
    qtbot.addWidget(win)
    win.show()
    # The whole window covered (tests/views/test_lock_screen.py: what the lock hides, and switching user).
    qtbot.waitUntil(lambda: win.lock_cover is not None and win.lock_cover.isVisible(), timeout=5_000)
    win.close()



def test_field_errors_show_beside_the_field_in_plain_chinese(qtbot: QtBot, window: QMainWindow) -> None:
    form = window.intake_page.form  # type: ignore[attr-defined]
    type_text(qtbot, find(window, "intake.id_number"), ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1"))
    assert "校验位不正确" in form.id_hint.text() and f"末位应为{ID_NUMBER[-1]}" in form.id_hint.text()
    type_text(qtbot, find(window, "intake.phone"), "23800138000")
    assert "手机" in form.phone_hint.text()
    from desktop.models.identity import luhn_ok

    card = next(c for c in (f"622202020011223344{d}" for d in range(10)) if not luhn_ok(c))
    type_text(qtbot, find(window, "intake.payment_account"), card)
    assert "Luhn" in form.account_hint.text()  # a warning only: some real cards fail it


def test_a_hidden_character_in_a_name_is_shown_beside_the_field(qtbot: QtBot, window: QMainWindow) -> None:
    """issue 14.2: the form shows the core's own message (parse_intake would refuse the same name)."""
    form = window.intake_page.form  # type: ignore[attr-defined]
    type_text(qtbot, find(window, "intake.name"), "张\u202e三")
    assert form.name_hint.text() == "⚠ 姓名含有不可见的文字方向控制字符（U+202E），请重新输入"
    type_text(qtbot, find(window, "intake.employer_name"), "\u3164")
    assert form.employer_hint.text() == "⚠ 单位名称只有空格或不可见的字符，请重新输入"
    form.name.setText("阿卜杜拉·买买提")
    assert form.name_hint.text() == ""


def test_receipt_prints_on_the_thermal_roll_when_set(qtbot: QtBot, store: Store,
                                                      make_staff: Callable[..., staff.StaffUser],
                                                      tmp_path: Path) -> None:
    from dataclasses import replace

    from desktop.settings import load_settings, save_settings

    make_staff("clerk", "clerk")
    save_settings(store.data_dir, replace(load_settings(store.data_dir), receipt_format="80mm"))
    win = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(win)
    win.show()
    fill_eligible_case(qtbot, win)
    qtbot.waitUntil(lambda: verdict(win).get("eligible") is True, timeout=10_000)
    tick_materials(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: getattr(win, "preview", None) is not None, timeout=10_000)
    opened = opened_copy(win.preview.path, tmp_path)  # type: ignore[attr-defined]  # sealed in the data folder
    info = subprocess.run(["pdfinfo", str(opened)], capture_output=True, text=True, check=True).stdout
    width = float(info.split("Page size:")[1].split("x")[0])
    assert abs(width - 80 / 25.4 * 72) < 0.5, info
    win.close()


def test_a_clock_set_back_is_shown_in_the_status_bar(qtbot: QtBot, store: Store,
                                                      make_staff: Callable[..., staff.StaffUser],
                                                      make_intake: Callable[..., object]) -> None:
    from desktop.models.cases import create_case

    clerk = make_staff("clerk", "clerk")
    create_case(store, clerk, make_intake(), verdict={}, eligible=True, amount_yuan=1500,  # type: ignore[arg-type]
                policy_id="cn-2025")
    future = store.clock.now() + dt.timedelta(days=3)  # the trail says work was done after "now"
    with store.session() as session:
        from sqlalchemy import text

        session.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        session.execute(text("UPDATE audit_log SET at = :at"), {"at": future.isoformat()})
    win = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(win)
    win.show()
    label = find(win, "status.clock")
    qtbot.waitUntil(lambda: label.isVisible() and "校准" in label.text(), timeout=5000)  # type: ignore[attr-defined]
    win.close()


INSTITUTION_USCC = "12440101MA5ABCDE1" + uscc_check_character("12440101MA5ABCDE1")  # 1: 机关、事业单位
ENTERPRISE_USCC = "91440101MA5ABCDE1" + uscc_check_character("91440101MA5ABCDE1")  # 9: 市场监管部门登记


def employee_check(win: QMainWindow) -> dict:  # type: ignore[type-arg]
    return next((c for c in verdict(win).get("checks", []) if c["rule"] == "enterprise_employee"), {})


def test_the_employer_code_typed_at_the_counter_reaches_the_verdict_40hao_1(qtbot: QtBot,
                                                                             window: QMainWindow) -> None:
    """POLICY.md §1 enterprise_employee: without a code the verdict says it was not verified; the code the
    clerk types decides it (9 passes, 1 fails), in the verdict the window shows."""
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: employee_check(window).get("verified") is False, timeout=10_000)
    assert employee_check(window)["passed"] is True and "未核验" in employee_check(window)["message"]

    field = find(window, "intake.employer_uscc")
    type_text(qtbot, field, ENTERPRISE_USCC)
    qtbot.waitUntil(lambda: "首位为9" in employee_check(window).get("message", ""), timeout=10_000)
    assert employee_check(window)["passed"] is True and verdict(window)["eligible"] is True

    field.clear()  # type: ignore[attr-defined]
    type_text(qtbot, field, INSTITUTION_USCC)
    qtbot.waitUntil(lambda: employee_check(window).get("passed") is False, timeout=10_000)
    assert employee_check(window)["message"] == \
        "用人单位统一社会信用代码首位为1（机构编制部门登记：机关、事业单位），不属企业职工"
    assert verdict(window)["eligible"] is False


def test_the_employer_code_filled_from_the_registry_reaches_the_verdict_40hao_1(qtbot: QtBot, window: QMainWindow,
                                                                                store: Store) -> None:
    """The registry copy's employer_uscc fills the form and so decides enterprise_employee."""
    issued = window.clock.today() - dt.timedelta(days=60)  # type: ignore[attr-defined]
    rows = {
        "insured": [(ID_NUMBER, "张三梅", INSTITUTION_USCC, "广州市某事业单位", "440106", 40, "13800138000", False)],
        "certificates": [("S000144000123174000056", ID_NUMBER, "skill_level", 4, "6-18-01-01", "车工", issued,
                          "广州市职业技能鉴定指导中心")],
    }
    for kind, found in rows.items():
        import_registry(store, RegistryFile(kind=kind, rows=found, errors=[], total=1, source="test"),  # type: ignore[arg-type]
                        as_of=store.clock.now())
    find(window, "nav.new_case").click()  # type: ignore[attr-defined]
    type_text(qtbot, find(window, "intake.id_number"), ID_NUMBER)
    qtbot.waitUntil(lambda: find(window, "intake.employer_uscc").text() == INSTITUTION_USCC,  # type: ignore[attr-defined]
                    timeout=10_000)
    qtbot.waitUntil(lambda: employee_check(window).get("passed") is False, timeout=10_000)
    assert "首位为1" in employee_check(window)["message"] and verdict(window)["eligible"] is False


def test_the_clerk_confirms_a_shortage_occupation_and_the_verdict_says_so_issue_15_1(qtbot: QtBot,
                                                                                    window: QMainWindow) -> None:
    """POLICY.md §2 (shortage catalogue): no catalogue is shipped as confirmed, so unticked the verdict
    rests on none; ticked, it rests on the clerk's confirmation and says so."""
    fill_eligible_case(qtbot, window)
    qtbot.waitUntil(lambda: verdict(window).get("eligible") is True, timeout=10_000)
    assert verdict(window)["shortage_source"] != "declared"
    box = find(window, "intake.shortage")
    assert isinstance(box, QCheckBox) and "经办人核实" in box.text() and "目录" in box.toolTip()
    box.setChecked(True)
    qtbot.waitUntil(lambda: verdict(window).get("shortage_source") == "declared", timeout=10_000)
    assert "经办人确认" in verdict(window)["shortage_basis"]
    box.setChecked(False)
    qtbot.waitUntil(lambda: verdict(window).get("shortage_source") != "declared", timeout=10_000)
