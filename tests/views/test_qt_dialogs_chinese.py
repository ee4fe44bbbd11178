"""Qt's own dialogs speak Chinese when the interface does (issue 16.9: "Look in:", "Files of type:").

Qt's catalogue (qtbase_zh_CN.qm, from the PySide6 wheel) is loaded at start, and what it leaves in
English in the dialogs the counter opens is translated by resources/i18n/qtfixes_zh_CN.ts.  The
dialogs are opened as the counter opens them and every text they show is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QTreeView, QWidget

from desktop.views import i18n

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"[A-Za-z]{2,}")
# Not words of the interface: file patterns and formats, paths, our own filter names, shortcuts; and
# file sizes, which Qt writes in the computer's own locale (``3 字节`` on a Chinese system; these tests
# run where it may be C).
ALLOWED = re.compile(r"\*\.\w+|\bPDF\b|\bCSV\b|\bXLSX\b|\bCtrl\b|/[\w/.-]*|\b\w+\.csv\b"
                     r"|\b\d[\d.,]* (?:bytes?|[KMG]i?B)\b"
                     # Qt 6.9's file dialog writes file dates in the system locale (7 Dec 2026 00:10:00).
                     r"|\b\d{1,2} [A-Z][a-z]{2} \d{4} \d{1,2}:\d{2}(?::\d{2})?")


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[QApplication]:
    assert i18n.install_translator(qapp, "zh_CN", data_dir=tmp_path)
    yield qapp
    i18n.remove_translators(qapp)


def english_left(dialog: QWidget) -> list[str]:
    texts = []
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        for getter in ("text", "windowTitle", "toolTip", "placeholderText"):
            read = getattr(widget, getter, None)
            if callable(read):
                try:
                    value = read()
                except TypeError:
                    continue
                if isinstance(value, str):
                    texts.append(value)
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTreeView) and widget.model() is not None:
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
            root = widget.rootIndex()
            texts += [str(model.index(r, c, root).data()) for r in range(model.rowCount(root))
                      for c in range(1, model.columnCount())]  # not the names: files are called what they are
        texts += [action.text() for action in widget.actions()]
    return sorted({t for t in texts if ENGLISH.search(ALLOWED.sub("", t))})


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave])
@pytest.mark.parametrize("view", [QFileDialog.ViewMode.List, QFileDialog.ViewMode.Detail])
def test_the_file_dialog_is_chinese(chinese: QApplication, tmp_path: Path, qtbot: object,
                                    mode: QFileDialog.AcceptMode, view: QFileDialog.ViewMode) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "rows.csv").write_text("id_number\n", encoding="utf-8")
    # As the import and export dialogs open it (Qt's own dialog where the platform has none of its own).
    dialog = QFileDialog(None, "选择名册文件", str(tmp_path), "CSV 文件 (*.csv);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    dialog.setViewMode(view)
    dialog.show()
    tree = dialog.findChild(QTreeView, "treeView")
    assert tree is not None
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) >= 2, timeout=5_000)  # type: ignore[attr-defined]
    try:
        assert english_left(dialog) == []
    finally:
        dialog.close()
        dialog.deleteLater()


def test_the_print_dialog_is_chinese(chinese: QApplication) -> None:
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    dialog.show()
    try:
        assert english_left(dialog) == []
    finally:
        dialog.close()
        dialog.deleteLater()


def test_qts_catalogue_is_found_where_the_wheel_keeps_it(chinese: QApplication, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where Qt says its translations are may hold none (a bundle laid out otherwise): the wheel's folder."""

    class NoTranslationsThere:
        class LibraryPath:
            TranslationsPath = None

        @staticmethod
        def path(_which: object) -> str:
            return str(tmp_path)

    monkeypatch.setattr(i18n, "QLibraryInfo", NoTranslationsThere)
    assert i18n.install_translator(chinese, "zh_CN", data_dir=tmp_path)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："


def test_the_bundle_ships_qts_catalogue_and_the_fixes() -> None:
    spec = (ROOT / "build" / "zhanchi.spec").read_text(encoding="utf-8")
    assert '"qtbase_zh_CN.qm"' in spec  # QT_TRANSLATIONS_KEPT
    build = (ROOT / "scripts" / "build_translations.py").read_text(encoding="utf-8")
    assert "qtfixes_" in build  # compiled with ours before packaging (build/build.py runs it with --release)
    assert (ROOT / "resources" / "i18n" / "qtfixes_zh_CN.ts").is_file()
