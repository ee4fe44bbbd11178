"""F9 prints the receipt straight to the default printer (issue 16.12), through the real main window.

This machine has no CUPS and no printer, as many test machines: the real default printer is absent,
and the window falls back to the preview and says so.  Where a printer is wanted, a PDF file printer
(``QPrinter`` writing a file) stands in through the window's seam (``delivery.printer_factory``).
The audit says printed only when the job was handed to a printer, previewed otherwise.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from dbfile import opened_copy
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox, QLabel, QMainWindow
from pytestqt.qtbot import QtBot
from qt_helpers import find
from test_intake_flow import fill_eligible_case, tick_materials, verdict

from desktop.models import audit
from desktop.models.cases import get_case
from desktop.models.store import Store
from desktop.settings import load_settings
from desktop.views import direct_print
from desktop.views.device_settings import PREVIEW_KEY, preview_first

pytestmark = pytest.mark.gui


def accept_with_f9(qtbot: QtBot, win: QMainWindow) -> str:
    fill_eligible_case(qtbot, win)
    qtbot.waitUntil(lambda: verdict(win).get("eligible") is True, timeout=10_000)
    tick_materials(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_F9)
    message = find(win, "intake.message")
    assert isinstance(message, QLabel)
    qtbot.waitUntil(lambda: "已受理" in message.text(), timeout=10_000)
    return message.text().split("：")[-1]


def document_entries(store: Store, case_no: str) -> list[audit.AuditEntry]:
    case = get_case(store, case_no)
    with store.session(readonly=True) as session:
        return [e for e in audit.entries(session, entity="case", entity_id=case.id) if e.action.startswith("document.")]


def wait_entries(qtbot: QtBot, store: Store, case_no: str, count: int) -> list[audit.AuditEntry]:
    qtbot.waitUntil(lambda: len(document_entries(store, case_no)) >= count, timeout=10_000)
    return document_entries(store, case_no)


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_size(info: dict[str, str]) -> tuple[int, int]:
    """In whole points (a printer's paper is set in whole points: 595.276 × 841.89 is 595 × 842)."""
    width, _, height = info["Page size"].split("pts")[0].partition(" x ")
    return round(float(width)), round(float(height))


def test_this_machine_has_no_default_printer_and_says_so_honestly() -> None:
    """What the fallback tests below rely on: no CUPS here, so no default printer."""
    assert direct_print.default_printer() is None
    delivery = direct_print.send(Path("/nonexistent.pdf"), "x", direct_print.default_printer)
    assert not delivery.sent and delivery.reason == "本机没有安装打印机"


def test_f9_prints_the_receipt_to_the_printer_and_the_audit_says_printed(
        qtbot: QtBot, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    paper = tmp_path / "printer-out.pdf"
    window.delivery.printer_factory = direct_print.file_printer(paper)  # type: ignore[attr-defined]
    case_no = accept_with_f9(qtbot, window)
    issued, printed = wait_entries(qtbot, store, case_no, 2)
    assert issued.action == "document.receipt" and printed.action == "document.printed"
    assert printed.after is not None and issued.after is not None
    assert printed.after["sha256"] == issued.after["sha256"] and printed.after["printer"] == str(paper)
    assert printed.after["pages"] >= 1 and printed.actor == "clerk"
    # What reached the printer: the receipt's pages on the receipt's paper.
    source, out = pdf_info(opened_copy(issued.after["path"], tmp_path)), pdf_info(paper)
    assert out["Pages"] == source["Pages"] and page_size(out) == page_size(source)
    assert paper.stat().st_size > 20_000
    assert getattr(window, "preview", None) is None, "nothing to preview: it is on paper"
    qtbot.waitUntil(lambda: "已送打印机" in window.statusBar().currentMessage(), timeout=5_000)
    focus = window.focusWidget()
    assert focus is not None and focus.objectName() == "intake.id_number"


def test_without_a_printer_f9_previews_and_says_why_and_the_audit_says_previewed(
        qtbot: QtBot, window: QMainWindow, store: Store) -> None:
    case_no = accept_with_f9(qtbot, window)  # the machine's own default printer: none
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None and window.preview.isVisible(),  # type: ignore[attr-defined]
                    timeout=10_000)
    status = find(window.preview, "document.status")  # type: ignore[attr-defined]
    assert isinstance(status, QLabel)
    assert "未能直接打印" in status.text() and "本机没有安装打印机" in status.text()
    assert "已打开预览" in window.statusBar().currentMessage()
    _issued, previewed = wait_entries(qtbot, store, case_no, 2)
    assert previewed.action == "document.previewed" and previewed.after is not None
    assert previewed.after["reason"] == "本机没有安装打印机"
    assert not [e for e in document_entries(store, case_no) if e.action == "document.printed"]
    # Printed later from the preview's own button (its print dialog picks the printer): recorded then.
    window.preview.printed.emit("Office-Laser")  # type: ignore[attr-defined]
    entries = wait_entries(qtbot, store, case_no, 3)
    assert entries[-1].action == "document.printed" and entries[-1].after["printer"] == "Office-Laser"  # type: ignore[index]


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")  # the refusal this test is about
def test_a_printer_that_refuses_the_job_falls_back_to_the_preview(
        qtbot: QtBot, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    def refusing() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))  # cannot be opened
        return printer

    window.delivery.printer_factory = refusing  # type: ignore[attr-defined]
    case_no = accept_with_f9(qtbot, window)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None and window.preview.isVisible(),  # type: ignore[attr-defined]
                    timeout=10_000)
    _issued, previewed = wait_entries(qtbot, store, case_no, 2)
    assert previewed.action == "document.previewed" and previewed.after["reason"] == "打印机无法开始打印"  # type: ignore[index]


def test_preview_first_is_a_setting_and_then_nothing_goes_to_the_printer(
        qtbot: QtBot, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    window.open_settings()  # type: ignore[attr-defined]
    dialog = window.settings_dialog  # type: ignore[attr-defined]
    box = find(dialog, "settings.receipt_preview")
    assert isinstance(box, QCheckBox) and not box.isChecked()
    box.setChecked(True)
    dialog.save()
    assert preview_first(load_settings(store.data_dir))
    assert json.loads((store.data_dir / "settings.json").read_text(encoding="utf-8"))[PREVIEW_KEY] is True
    asked: list[int] = []

    def no_printer() -> None:
        asked.append(1)  # the setting says preview: the printer is never asked for

    window.delivery.printer_factory = no_printer  # type: ignore[attr-defined]
    case_no = accept_with_f9(qtbot, window)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None and window.preview.isVisible(),  # type: ignore[attr-defined]
                    timeout=10_000)
    _issued, previewed = wait_entries(qtbot, store, case_no, 2)
    assert previewed.action == "document.previewed" and previewed.after["reason"] == "设置为先预览再打印"  # type: ignore[index]
    assert asked == []


def test_every_page_of_a_pdf_reaches_the_printer(tmp_path: Path, qapp: object) -> None:
    from reportlab.pdfgen.canvas import Canvas

    source = tmp_path / "three.pdf"
    canvas = Canvas(str(source), pagesize=(226.8, 600))  # an 80 mm roll's width
    for page in range(3):
        canvas.drawString(20, 500, f"page {page + 1}")
        canvas.showPage()
    canvas.save()
    out = tmp_path / "printed.pdf"
    delivery = direct_print.send(source, "three", direct_print.file_printer(out))
    assert delivery.sent and delivery.pages == 3
    info = pdf_info(out)
    assert info["Pages"] == "3" and page_size(info) == (227, 600)
