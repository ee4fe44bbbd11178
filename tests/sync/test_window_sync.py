"""The window syncs in the background against the real central server (issue 5: background sync)."""

from __future__ import annotations

from pathlib import Path

import pytest
from central_harness import CentralServer, central_cli
from counter_devices import make_counter, new_person
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.app import create_main_window

pytestmark = pytest.mark.gui


def test_window_pushes_changes_and_asks_the_central_registry_live(
    qtbot: QtBot, tmp_path: Path, sqlite_central: CentralServer
) -> None:
    counter = make_counter(tmp_path / "counter", sqlite_central, "440100", sqlite_central.url, "一号窗口")
    counter.accept()
    person = new_person()
    registry = tmp_path / "insured.csv"
    registry.write_text(
        "id_number,name,employer_uscc,employer_name,insured_region,contribution_months,phone,"
        f"receiving_unemployment_benefit\n{person},王小明,,某机械有限公司,440106,52,13800138000,false\n",
        encoding="utf-8")
    assert central_cli(sqlite_central.db_url, "import", "insured", str(registry)).returncode == 0

    window = create_main_window(counter.data_dir, "clerk", clock=counter.store.clock)
    qtbot.addWidget(window)
    window.show()
    sync = window.findChild(QLabel, "sync.status")
    assert sync is not None
    qtbot.waitUntil(lambda: "在线" in sync.text() and "待同步 0 条" in sync.text(), timeout=20_000)

    window.new_case()  # type: ignore[attr-defined]
    id_field = window.findChild(QLineEdit, "intake.id_number")
    assert id_field is not None
    id_field.setText(person)  # as an ID-card reader would
    months = window.intake_page.form.contribution_months  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: months.value() == 52, timeout=10_000)
    source = window.intake_page.form.insured_source.text()  # type: ignore[attr-defined]
    assert "在线核验" in source, source
    window.close()
    counter.close()


def test_a_duplicate_found_centrally_shows_on_the_case_page(qtbot: QtBot, tmp_path: Path,
                                                            sqlite_central: CentralServer) -> None:
    from desktop.models.staff import Role, create_staff
    from desktop.views.case_detail import CaseDetailPage

    first = make_counter(tmp_path / "a", sqlite_central, "440100", sqlite_central.url, "一号窗口")
    second = make_counter(tmp_path / "b", sqlite_central, "440100", sqlite_central.url, "二号窗口")
    person = new_person()
    record = first.accept(person)
    second.accept(person)  # the same claim at another counter, before either synced
    first.sync()
    second.sync()
    first.sync()  # the flag comes back on pull
    create_staff(first.store, actor=None, username="reviewer", display_name="审核员", role=Role.reviewer,
                 office_code="440100", password="zhanchi-test-pw")
    window = create_main_window(first.data_dir, "reviewer", clock=first.store.clock)
    qtbot.addWidget(window)
    window.open_case(record.id)  # type: ignore[attr-defined]
    page = window.findChild(CaseDetailPage)
    assert page is not None
    notes = page.findChild(QLabel, "case.central_notes")
    assert notes is not None
    qtbot.waitUntil(lambda: "重复申领" in notes.text(), timeout=10_000)
    window.close()
    first.close()
    second.close()
