"""The interface language (issue 3 point 8): Chinese by default, English from the committed .ts.

CI starts from a fresh clone without any .qm: the window builds it on demand
(``desktop.views.i18n``), and these tests build their own in ``tmp_path``.
Every test leaves the application without our translators (Chinese again).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow, QPushButton, QToolBar
from pytestqt.qtbot import QtBot
from qt_helpers import find

from desktop.app import BASE_POINT_SIZE, create_main_window
from desktop.models import staff
from desktop.models.store import Store
from desktop.settings import Settings, save_settings
from desktop.views import i18n

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "zhanchi_en.ts"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"%(?:n|\d)")
TAG = re.compile(r"</?\s*([a-zA-Z]+)")


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def chinese_afterwards(qapp: QApplication) -> Iterator[None]:
    """Whatever a test installs, later tests see the Chinese interface at the base size."""
    yield
    i18n.remove_translators(qapp)
    qapp.setApplicationDisplayName("展翅柜台")
    font = qapp.font()
    font.setPointSizeF(BASE_POINT_SIZE)
    qapp.setFont(font)


@pytest.fixture
def open_window(qtbot: QtBot, store: Store,
                make_staff: Callable[..., staff.StaffUser]) -> Iterator[Callable[[Settings], QMainWindow]]:
    make_staff("clerk", "clerk")
    windows: list[QMainWindow] = []

    def open_with(settings: Settings) -> QMainWindow:
        save_settings(store.data_dir, settings)
        window = create_main_window(store.data_dir, "clerk", clock=store.clock)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield open_with
    for window in windows:
        window.close()


def toolbar_texts(window: QMainWindow) -> list[str]:
    bar = window.findChild(QToolBar, "nav.bar")
    assert bar is not None
    return [action.text() for action in bar.actions() if not action.isSeparator()]


# --- the window ------------------------------------------------------------------------------


def test_english_window_speaks_english(open_window: Callable[[Settings], QMainWindow]) -> None:
    window = open_window(Settings(language="en"))
    assert i18n.current_language() == "en"
    texts = toolbar_texts(window)
    assert texts and "Settings" in texts
    assert not [text for text in texts if CJK.search(text)], texts
    accept = find(window, "case.accept")
    assert isinstance(accept, QPushButton)
    assert accept.text() == "Accept and print receipt (F9)"
    assert not CJK.search(find(window, "case.save_waiting").text())  # type: ignore[attr-defined]
    assert not CJK.search(window.windowTitle())
    assert QApplication.applicationDisplayName() == "Zhanchi Counter"


def test_chinese_window_by_default(open_window: Callable[[Settings], QMainWindow]) -> None:
    window = open_window(Settings())
    assert i18n.current_language() == "zh_CN"
    assert "设置" in toolbar_texts(window)
    assert find(window, "case.accept").text() == "受理并打印回执 (F9)"  # type: ignore[attr-defined]


def test_switching_back_to_chinese_leaves_no_english(open_window: Callable[[Settings], QMainWindow]) -> None:
    open_window(Settings(language="en")).close()
    window = open_window(Settings(language="zh_CN"))
    assert find(window, "case.accept").text() == "受理并打印回执 (F9)"  # type: ignore[attr-defined]


def test_font_scale_enlarges_the_base_font(open_window: Callable[[Settings], QMainWindow]) -> None:
    open_window(Settings(font_scale_percent=150))
    assert QApplication.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.5)


def test_idle_lock_minutes_reach_the_window(open_window: Callable[[Settings], QMainWindow]) -> None:
    window = open_window(Settings(idle_lock_minutes=3, receipt_format="80mm"))
    assert window.idle_timer.interval() == 3 * 60_000  # type: ignore[attr-defined]
    assert window.settings.receipt_format == "80mm"  # type: ignore[attr-defined]


# --- Qt's own texts ----------------------------------------------------------------------------


def test_standard_buttons_follow_the_language(qapp: QApplication) -> None:
    def cancel_text() -> str:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        box.deleteLater()
        return text

    assert i18n.install_translator(qapp, "zh_CN")
    assert cancel_text() == "取消"
    assert i18n.install_translator(qapp, "en")
    assert cancel_text() == "Cancel"


# --- building the catalogue ---------------------------------------------------------------------


def test_lrelease_builds_a_catalogue_that_translates(tmp_path: Path) -> None:
    qm = tmp_path / "zhanchi_en.qm"
    assert i18n.build_qm(TS, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "设置") == "Settings"
    assert translator.translate("VerifyPanel", "✘ 不符合申领条件（%n 项不符合）", "", 2) == \
        "✘ Not eligible (%n rules failed)"


@pytest.fixture
def resources_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resources/i18n holding only the committed .ts, as in a fresh clone."""
    folder = tmp_path / "i18n"
    folder.mkdir()
    shutil.copy2(TS, folder / TS.name)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: folder)
    return folder


def test_a_missing_catalogue_is_built_on_demand(qapp: QApplication, resources_copy: Path, tmp_path: Path) -> None:
    assert i18n.install_translator(qapp, "en", data_dir=tmp_path / "data")
    assert (resources_copy / "zhanchi_en.qm").is_file()
    assert QCoreApplication.translate("IntakePage", "受理并打印回执 (F9)") == "Accept and print receipt (F9)"


def test_a_stale_catalogue_is_rebuilt(resources_copy: Path) -> None:
    qm = resources_copy / "zhanchi_en.qm"
    qm.write_bytes(b"old")
    ts = resources_copy / TS.name
    # The .ts a minute newer than the .qm, both set explicitly: "now" is not read (under libfaketime a
    # file touched "now" gets the fake time, one written gets the real one).
    edited = qm.stat().st_mtime
    os.utime(ts, (edited, edited))
    os.utime(qm, (edited - 60, edited - 60))
    assert i18n.compiled_catalogue("en") == qm
    assert qm.read_bytes() != b"old"


def test_a_read_only_resources_folder_builds_into_the_data_folder(
        qapp: QApplication, resources_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_build = i18n.build_qm

    def build(ts: Path, qm: Path) -> bool:
        return False if qm.parent == resources_copy else real_build(ts, qm)

    monkeypatch.setattr(i18n, "build_qm", build)
    data_dir = tmp_path / "data"
    assert i18n.install_translator(qapp, "en", data_dir=data_dir)
    assert (data_dir / "i18n" / "zhanchi_en.qm").is_file()
    assert not (resources_copy / "zhanchi_en.qm").exists()


def test_without_lrelease_the_window_stays_chinese(qapp: QApplication, resources_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "lrelease_command", lambda: None)
    assert i18n.install_translator(qapp, "en") is False
    assert i18n.current_language() == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "设置") == "设置"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"  # not half English
    box.deleteLater()


def test_an_unknown_language_shows_chinese(qapp: QApplication) -> None:
    assert i18n.install_translator(qapp, "fr") is False
    assert QCoreApplication.translate("MainWindow", "设置") == "设置"


# --- the committed .ts --------------------------------------------------------------------------


def test_every_message_has_a_finished_translation() -> None:
    build = _build_script()
    assert build.untranslated(TS) == []
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and 'type="vanished"' not in text and 'type="obsolete"' not in text
    root = ET.parse(TS).getroot()
    assert root.get("language") == "en" and root.get("sourcelanguage") == "zh_CN"
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.findall("numerusform")]
            assert len(forms) == 2, source  # English: one, other
        else:
            forms = [translation.text or ""]
        for form in forms:
            assert form.strip(), source
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (source, form)
            assert sorted(TAG.findall(form)) == sorted(TAG.findall(source)), (source, form)
            assert form.count("&") - form.count("&&") == source.count("&") - source.count("&&"), (source, form)
            # English throughout, except example data a clerk types (an occupation name).
            assert not CJK.search(form.replace("车工", "")), (source, form)


def test_the_ts_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    build = _build_script()
    fresh = tmp_path / TS.name
    build.lupdate(fresh, "en")
    in_sources, in_ts = set(build.messages(fresh)), set(build.messages(TS))
    assert in_sources, "lupdate found no texts"
    assert sorted(in_sources - in_ts) == [], "texts missing from the .ts: run scripts/build_translations.py"
    assert sorted(in_ts - in_sources) == [], "texts no longer in the sources: run scripts/build_translations.py"


def test_the_cores_errors_reach_an_english_window_in_english(qapp: QApplication, qtbot: QtBot, store: Store,
                                                               make_staff: Callable[..., staff.StaffUser]) -> None:
    """Issue 18.5: a core error is said from the catalogue in the window's language (the CLI keeps Chinese)."""
    from desktop.views.login_dialog import LoginDialog

    make_staff("clerk", "clerk")
    assert i18n.install_translator(qapp, "en")
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.username.setText("clerk")
    dialog.password.setText("not the password")
    find(dialog, "login.ok").click()
    assert dialog.error.text() == "Wrong user name or password"
    assert not CJK.search(dialog.error.text())
