"""导入名册 in the window: file and kind, column mapping, the report by row and column, background import."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models import staff
from desktop.models.identity import id_check_character
from desktop.models.registry import certificates_of, find_insured, import_registry, registry_size
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS, estimate_rows, read_registry
from desktop.models.store import Store
from desktop.models.workspace import Workspace
from desktop.views.import_dialog import ImportCancelled, ImportDialog, ProgressRelay, initial_mapping
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


def make_id(seq: int) -> str:
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=seq // 1000)
    first17 = f"440106{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + id_check_character(first17)


def person(seq: int, months: int = 40) -> list[Any]:
    return [make_id(seq), f"职工{seq}", "", "广州某机械有限公司", "440106", months, "13800138000", "否"]


def write_csv(path: Path, header: list[str] | tuple[str, ...], rows: list[list[Any]], *, bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def open_dialog(qtbot: QtBot, workspace: Workspace, runner: TaskRunner) -> Iterator[Callable[..., ImportDialog]]:
    made: list[ImportDialog] = []

    def make(user: staff.StaffUser | None = None) -> ImportDialog:
        dialog = ImportDialog(workspace, runner, user)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.close()


def choose(qtbot: QtBot, dialog: ImportDialog, path: Path, kind: str = "insured") -> None:
    dialog.path.setText(str(path))
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10_000)


def check(qtbot: QtBot, dialog: ImportDialog) -> None:
    assert dialog.check_button.isEnabled(), dialog.mapping_note.text()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=60_000)


def start(qtbot: QtBot, dialog: ImportDialog) -> None:
    assert dialog.start_button.isEnabled()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 3, timeout=60_000)


def test_a_good_file_with_a_bom_and_extra_columns_imports(qtbot: QtBot, open_dialog: Callable[..., ImportDialog],
                                                          store: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "insured.csv", [*INSURED_COLUMNS, "备注"],
                       [[*person(i), "外部系统导出"] for i in range(1, 6)])
    dialog = open_dialog()
    choose(qtbot, dialog, source)
    assert dialog.mapping() == {c: c for c in INSURED_COLUMNS}  # same names: nothing to choose
    check(qtbot, dialog)
    assert "共5行：正确5行，有错误0行" in dialog.summary.text()
    assert dialog.errors.rowCount() == 0 and not dialog.valid_only.isEnabled()
    imported: list[Any] = []
    dialog.imported.connect(imported.append)
    start(qtbot, dialog)
    assert "新增5行，更新0行" in dialog.result_label.text()
    assert imported and imported[0].report.inserted == 5
    with store.session(readonly=True) as session:
        assert registry_size(session, "insured") == 5


def test_the_mapping_step_for_headers_the_file_names_its_own_way(
        qtbot: QtBot, open_dialog: Callable[..., ImportDialog], store: Store, tmp_path: Path) -> None:
    header = ["公民身份号码", "姓名", "参保地", "月数合计", "单位名称", "手机号码", "备注"]
    rows = [[make_id(i), f"职工{i}", "440106", 30 + i, "广州某机械有限公司", "13800138000", ""] for i in (1, 2)]
    dialog = open_dialog()
    choose(qtbot, dialog, write_csv(tmp_path / "export.csv", header, rows))
    assert dialog.combo_for("id_number").currentData() == "公民身份号码"  # recognised (suggest_mapping)
    assert dialog.combo_for("insured_region").currentData() == "参保地"
    assert dialog.combo_for("contribution_months").currentData() is None  # "月数合计" is not a known header
    assert not dialog.check_button.isEnabled() and "累计缴费月数" in dialog.mapping_note.text()
    months = dialog.combo_for("contribution_months")
    months.setCurrentIndex(months.findData("月数合计"))
    assert dialog.check_button.isEnabled()
    employer = dialog.combo_for("employer_uscc")
    employer.setCurrentIndex(employer.findData("姓名"))  # a header chosen twice is refused
    assert not dialog.check_button.isEnabled() and "两次" in dialog.mapping_note.text()
    employer.setCurrentIndex(0)
    check(qtbot, dialog)
    start(qtbot, dialog)
    with store.session(readonly=True) as session:
        found = find_insured(session, make_id(2))
    assert found is not None and found.contribution_months == 32 and found.employer_name == "广州某机械有限公司"


def test_bad_rows_by_row_and_column_nothing_by_default_then_only_the_valid_ones(
        qtbot: QtBot, open_dialog: Callable[..., ImportDialog], store: Store, tmp_path: Path) -> None:
    rows = [
        [f"S00014400012317{4}{1:06d}", make_id(1), "skill_level", 4, "6-18-01-01", "车工", "2026-03-02", ""],
        [f"S00014400012317{4}{2:06d}", make_id(2), "skill_level", 7, "6-18-01-01", "车工", "2026-03-02", ""],
        [f"S00014400012317{4}{3:06d}", make_id(3), "skill_level", 4, "6-18-01-01", "车工", "2023-02-30", ""],
        [f"S00014400012317{4}{4:06d}", make_id(4)[:17] + "0", "证书", 4, "6-18-01-01", "车工", "2026-03-02", ""],
    ]
    source = write_csv(tmp_path / "certs.csv", CERTIFICATE_COLUMNS, rows)
    dialog = open_dialog()
    choose(qtbot, dialog, source, "certificates")
    check(qtbot, dialog)
    assert "共4行：正确1行，有错误3行" in dialog.summary.text()
    table = [[dialog.errors.item(r, c).text() for c in range(4)] for r in range(dialog.errors.rowCount())]
    assert [(r[0], r[1]) for r in table] == [("3", "证书等级"), ("4", "发证日期"), ("5", "身份证号码"),
                                             ("5", "证书类别")]
    assert "2023-02-30" in table[1][2] and "不存在" in table[1][3]
    assert not dialog.start_button.isEnabled()  # a file with errors imports nothing by default
    dialog.valid_only.setChecked(True)
    rejects = Path(dialog.rejects_path.text())
    assert rejects == tmp_path / "certs-待修正.csv"
    start(qtbot, dialog)
    assert "新增1行" in dialog.result_label.text() and "3行有错误未导入" in dialog.result_label.text()
    with store.session(readonly=True) as session:
        assert [c.number for c in certificates_of(session, make_id(1))] == [rows[0][0]]
        assert registry_size(session, "certificates") == 1
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.reader(handle))
    assert saved[0] == [*CERTIFICATE_COLUMNS, "error"] and len(saved) == 4
    assert "第3行 level" in saved[1][-1]


def test_an_excel_file_imported_again_updates_its_rows(qtbot: QtBot, open_dialog: Callable[..., ImportDialog],
                                                       store: Store, tmp_path: Path) -> None:
    header = [*INSURED_COLUMNS, "导出时间"]
    first = write_xlsx(tmp_path / "v1.xlsx", header, [[*person(i), "2026-11-01"] for i in (1, 2, 3)])
    dialog = open_dialog()
    choose(qtbot, dialog, first)
    check(qtbot, dialog)
    start(qtbot, dialog)
    newer = write_xlsx(tmp_path / "v2.xlsx", header,
                       [[*person(1, months=52), "2026-11-20"], [*person(2), "2026-11-20"],
                        [*person(4), "2026-11-20"]])
    again = open_dialog()
    choose(qtbot, again, newer)
    check(qtbot, again)
    start(qtbot, again)
    assert "新增1行，更新2行" in again.result_label.text()
    with store.session(readonly=True) as session:
        assert registry_size(session, "insured") == 4
        found = find_insured(session, make_id(1))
    assert found is not None and found.contribution_months == 52


def test_a_large_file_checks_and_imports_in_the_background_with_progress(
        qtbot: QtBot, open_dialog: Callable[..., ImportDialog], store: Store, tmp_path: Path) -> None:
    count = 60_000  # more than one import chunk (50,000 rows)
    source = write_csv(tmp_path / "big.csv", INSURED_COLUMNS, [person(i) for i in range(count)])
    assert abs(estimate_rows(source) - count) <= 1
    dialog = open_dialog()
    choose(qtbot, dialog, source)
    seen: list[tuple[int, int, bool]] = []
    gui = QApplication.instance().thread()  # type: ignore[union-attr]

    def record(done: int, total: int) -> None:
        seen.append((done, total, QThread.currentThread() is gui))

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.relay is not None and dialog.progress.isVisible()  # the dialog is not waiting: it answers
    dialog.relay.progressed.connect(record)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=120_000)
    checked = list(seen)
    assert checked and checked[-1][:2] == (count, count)
    seen.clear()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.relay is not None
    dialog.relay.progressed.connect(record)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 3, timeout=120_000)
    assert seen[-1][:2] == (count, count) and all(in_gui for *_, in_gui in checked + seen)
    assert not dialog.progress.isVisible()
    with store.session(readonly=True) as session:
        assert registry_size(session, "insured") == count


def test_cancelling_leaves_the_registry_as_it_was(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "insured.csv", INSURED_COLUMNS, [person(i) for i in range(10)])
    relay = ProgressRelay(interval=0)
    seen: list[tuple[int, int]] = []
    relay.progressed.connect(lambda done, total: seen.append((done, total)))
    relay.report(1, 10)
    relay.cancel()
    with pytest.raises(ImportCancelled):
        import_registry(store, read_registry(source, "insured", today=store.clock.today()), as_of=store.clock.now(),
                        progress=relay.report)
    with store.session(readonly=True) as session:
        assert registry_size(session, "insured") == 0
    assert seen == [(1, 10)] and relay.cancelled


def test_only_those_who_may_import_can_start(qtbot: QtBot, open_dialog: Callable[..., ImportDialog],
                                             make_staff: Callable[..., staff.StaffUser]) -> None:
    dialog = open_dialog(make_staff(staff.Role.clerk, "clerk"))
    assert not dialog.next_button.isEnabled() and "无权导入" in dialog.message.text()
    allowed = open_dialog(make_staff(staff.Role.supervisor, "supervisor"))
    assert allowed.next_button.isEnabled()


def test_a_file_that_cannot_be_read_is_said_plainly(qtbot: QtBot, open_dialog: Callable[..., ImportDialog],
                                                    tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    dialog = open_dialog()
    dialog.path.setText(str(old))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "旧版 Excel" in dialog.message.text(), timeout=10_000)
    assert dialog.pages.currentIndex() == 0 and dialog.next_button.isEnabled()


def test_initial_mapping_prefers_the_same_name() -> None:
    assert initial_mapping(["ID_NUMBER", "身份证号", "姓名"], "insured") == {"id_number": "ID_NUMBER", "name": "姓名"}
