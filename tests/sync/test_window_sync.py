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

    window = create_main_window(counter.data_dir, "clerk")
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
