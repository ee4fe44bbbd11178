"""设置: the dialog edits settings.json through desktop.settings; errors beside the field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QSpinBox, QToolButton
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text

from desktop.app import create_main_window
from desktop.models import staff
from desktop.models.store import Store
from desktop.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from desktop.views import i18n
from desktop.views.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Iterator[Callable[[Path], SettingsDialog]]:
    dialogs: list[SettingsDialog] = []

    def make(data_dir: Path) -> SettingsDialog:
        dialog = SettingsDialog(data_dir)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # inspected after it closes
        qtbot.addWidget(dialog)
        dialog.open()
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.close()


def widgets(dialog: SettingsDialog) -> tuple[QComboBox, QSpinBox, QSpinBox, QComboBox, QLineEdit, QPushButton]:
    language, idle, scale = find(dialog, "settings.language"), find(dialog, "settings.idle_minutes"), \
        find(dialog, "settings.font_scale")
    receipt, url, save = find(dialog, "settings.receipt_format"), find(dialog, "settings.central_url"), \
        find(dialog, "settings.save")
    assert isinstance(language, QComboBox) and isinstance(idle, QSpinBox) and isinstance(scale, QSpinBox)
    assert isinstance(receipt, QComboBox) and isinstance(url, QLineEdit) and isinstance(save, QPushButton)
    return language, idle, scale, receipt, url, save


def test_the_dialog_shows_the_defaults(open_dialog: Callable[[Path], SettingsDialog], tmp_path: Path) -> None:
    language, idle, scale, receipt, url, _ = widgets(open_dialog(tmp_path))
    assert language.currentData() == "zh_CN" and language.currentText() == "简体中文"
    assert [language.itemText(i) for i in range(language.count())] == ["简体中文", "English"]
    assert (idle.value(), scale.value(), receipt.currentData(), url.text()) == (10, 100, "a4", "")
    assert (idle.minimum(), idle.maximum(), scale.minimum(), scale.maximum()) == (1, 120, 100, 200)


def test_edit_save_and_reload(qtbot: QtBot, open_dialog: Callable[[Path], SettingsDialog], tmp_path: Path) -> None:
    dialog = open_dialog(tmp_path)
    language, idle, scale, receipt, url, save = widgets(dialog)
    language.setCurrentIndex(language.findData("en"))
    idle.selectAll()
    type_text(qtbot, idle, "25")
    scale.setValue(130)
    receipt.setCurrentIndex(receipt.findData("80mm"))
    type_text(qtbot, url, "https://zhanchi.example.gov.cn")
    with qtbot.waitSignal(dialog.saved) as saved:
        save.click()
    expected = Settings(language="en", idle_lock_minutes=25, font_scale_percent=130, receipt_format="80mm",
                        central_url="https://zhanchi.example.gov.cn")
    assert saved.args == [expected]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_settings(tmp_path) == expected

    language, idle, scale, receipt, url, _ = widgets(open_dialog(tmp_path))
    assert (language.currentData(), idle.value(), scale.value(), receipt.currentData(), url.text()) == \
        ("en", 25, 130, "80mm", "https://zhanchi.example.gov.cn")


def test_a_bad_address_is_shown_beside_its_field(qtbot: QtBot, open_dialog: Callable[[Path], SettingsDialog],
                                                 tmp_path: Path) -> None:
    dialog = open_dialog(tmp_path)
    *_, url, save = widgets(dialog)
    type_text(qtbot, url, "zhanchi.example.gov.cn")
    save.click()
    error = find(dialog, "settings.central_url.error")
    assert isinstance(error, QLabel)
    assert error.isVisible() and "https://" in error.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert not (tmp_path / SETTINGS_FILE).exists()
    assert find(dialog, "settings.message").isHidden()  # beside the field, not in a general box

    url.clear()
    type_text(qtbot, url, "https://zhanchi.example.gov.cn")
    save.click()
    assert error.isHidden()
    assert load_settings(tmp_path).central_url == "https://zhanchi.example.gov.cn"


def test_a_folder_that_cannot_be_written_says_so(open_dialog: Callable[[Path], SettingsDialog],
                                                 tmp_path: Path) -> None:
    blocker = tmp_path / "occupied"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    dialog = open_dialog(blocker / "data")
    widgets(dialog)[-1].click()
    message = find(dialog, "settings.message")
    assert isinstance(message, QLabel)
    assert message.isVisible() and "设置未保存" in message.text()
    assert dialog.isVisible()


def test_keys_of_a_newer_version_survive_the_dialog(open_dialog: Callable[[Path], SettingsDialog],
                                                    tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"language": "en", "printer": "Counter 3"}), encoding="utf-8")
    dialog = open_dialog(tmp_path)
    _, idle, *_, save = widgets(dialog)
    idle.setValue(40)
    save.click()
    data = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert data["printer"] == "Counter 3" and data["idle_lock_minutes"] == 40 and data["language"] == "en"


def test_the_dialog_says_when_changes_apply(open_dialog: Callable[[Path], SettingsDialog], tmp_path: Path) -> None:
    note = find(open_dialog(tmp_path), "settings.note")
    assert isinstance(note, QLabel)
    assert "下次启动" in note.text()


def test_the_navigation_opens_the_dialog(qtbot: QtBot, store: Store,
                                         make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("clerk", "clerk")
    save_settings(store.data_dir, Settings(idle_lock_minutes=7))
    window = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(window)
    window.show()
    try:
        button = find(window, "nav.settings")
        assert isinstance(button, QToolButton) and button.text() == "设置"
        button.click()
        dialog = window.findChild(SettingsDialog, "settings.dialog")
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.isModal()  # window-modal through open(), not a blocking exec()
        assert widgets(dialog)[1].value() == 7
        dialog.reject()
    finally:
        window.close()
        i18n.remove_translators()


# --- 本机构（审核决定书）: what a written decision prints (issue 17.2) -------------------------------------


def test_an_administrator_sets_the_decisions_settings_beside_their_errors(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    from desktop.models.office import office_profile

    admin = make_staff("admin", "admin")
    dialog = SettingsDialog(store.data_dir, office=(store, admin))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.open()
    edits = {name: find(dialog, f"settings.office.{name}")
             for name in ("issuer_name", "doc_number_prefix", "reconsideration_body", "court")}
    assert all(isinstance(edit, QLineEdit) and edit.text() == "" for edit in edits.values())
    type_text(qtbot, edits["issuer_name"], "广州市天河区人力资源和社会保障局公共就业服务窗口")
    type_text(qtbot, edits["doc_number_prefix"], "穗天人社技补决")
    type_text(qtbot, edits["reconsideration_body"], "广州市天河区人民政府")
    type_text(qtbot, edits["court"], "广州铁路运输法院")
    widgets(dialog)[-1].click()
    error = find(dialog, "settings.office_issuer_name.error")
    assert isinstance(error, QLabel) and error.isVisible() and "服务窗口" in error.text()
    assert dialog.isVisible() and office_profile(store).issuer_name == ""
    edits["issuer_name"].clear()
    type_text(qtbot, edits["issuer_name"], "广州市天河区人力资源和社会保障局")
    with qtbot.waitSignal(dialog.saved):
        widgets(dialog)[-1].click()
    profile = office_profile(store)
    assert (profile.issuer_name, profile.doc_number_prefix, profile.reconsideration_body, profile.court) == (
        "广州市天河区人力资源和社会保障局", "穗天人社技补决", "广州市天河区人民政府", "广州铁路运输法院")
    profile.require_decision_settings()
    dialog.close()


def test_only_an_administrator_sees_the_decisions_settings(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    dialog = SettingsDialog(store.data_dir, office=(store, make_staff("reviewer", "reviewer")))
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLineEdit, "settings.office.issuer_name") is None
    assert dialog.findChild(QLineEdit, "settings.office.court") is None


def test_an_administrator_sets_where_objections_to_a_publicity_list_go(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    """Issue 17.10: the office's own objection phone and street address, set in the window; 12333 alone or a
    bare region name is refused beside the field."""
    from desktop.models.office import office_profile

    dialog = SettingsDialog(store.data_dir, office=(store, make_staff("admin", "admin")))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.open()
    phone, address = (find(dialog, f"settings.office.objection_{name}") for name in ("phone", "address"))
    assert isinstance(phone, QLineEdit) and isinstance(address, QLineEdit)
    type_text(qtbot, phone, "12333")
    type_text(qtbot, address, "广州市天河区天河北路123号一楼")
    widgets(dialog)[-1].click()
    error = find(dialog, "settings.office_objection_phone.error")
    assert isinstance(error, QLabel) and error.isVisible() and office_profile(store).objection_phone == ""
    phone.clear()
    type_text(qtbot, phone, "020-38881234")
    with qtbot.waitSignal(dialog.saved):
        widgets(dialog)[-1].click()
    profile = office_profile(store)
    assert (profile.objection_phone, profile.objection_address) == ("020-38881234", "广州市天河区天河北路123号一楼")
    dialog.close()
