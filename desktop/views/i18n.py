"""The interface language, the Qt way (ARCHITECTURE.md example 9).

Simplified Chinese is the source text of every message, so Chinese needs no
translation file of ours.  English comes from ``resources/i18n/zhanchi_en.ts``
(committed, the source of truth) compiled to ``zhanchi_en.qm`` by
``pyside6-lrelease``.  The ``.qm`` is build output (not committed): when it is
missing or older than the ``.ts`` it is built here on demand, next to the
``.ts`` if that folder is writable, else in the data folder.  When it cannot be
built (no lrelease, as in a bundle built without it) the window stays in
Chinese rather than failing.

Qt's own catalogue (``qtbase_<lang>``) is installed too, so the standard
buttons of dialogs (OK, Cancel, Yes, No) and Qt's file and print dialogs read in
the same language; it ships with PySide6 (``Qt/translations``, and in the bundle,
build/zhanchi.spec).  It lags behind Qt's own texts: what it leaves in English in
the dialogs the counter opens (the file dialog's ``&Look in:``, issue 16.9) is
translated in ``resources/i18n/qtfixes_zh_CN.ts`` (written by hand, built like ours),
installed after it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.models.reference import resource_dir
from desktop.settings import LANGUAGES

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
CATALOGUE = "zhanchi"
QT_FIXES = "qtfixes"  # Qt's own texts its catalogue leaves untranslated
_LOCALES = {"zh_CN": "zh_CN", "en": "en_US"}
_LRELEASE_TIMEOUT_S = 60

# The translators this module installed (Python must keep them alive), and in which language.
_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE
_locale_before: QLocale | None = None  # the default locale before we first set one



def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for lupdate; translated where it is shown (PySide6's own is typed ``object``)."""
    return text

def i18n_dir() -> Path:
    """``resources/i18n``: the committed ``.ts`` files (and the ``.qm`` built from them)."""
    return resource_dir() / "i18n"


def ts_path(language: str, catalogue: str = CATALOGUE) -> Path:
    return i18n_dir() / f"{catalogue}_{language}.ts"


def current_language() -> str:
    """The language installed last by ``install_translator`` (``zh_CN`` until then)."""
    return _language


def lrelease_command() -> list[str] | None:
    """How to run Qt's ``lrelease`` here: the one PySide6 ships, else one on the PATH."""
    exe = ".exe" if sys.platform == "win32" else ""
    try:
        import PySide6

        bundled = Path(PySide6.__file__).resolve().parent / f"lrelease{exe}"
        if bundled.is_file():
            return [str(bundled)]
    except (ImportError, OSError):  # pragma: no cover - PySide6 is imported above
        pass
    beside_python = Path(sys.executable).parent / f"pyside6-lrelease{exe}"
    if beside_python.is_file():
        return [str(beside_python)]
    import shutil  # here: building a catalogue is rare, the start that imports this module is not

    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def build_qm(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` (written atomically); False when it cannot be done."""
    import subprocess

    command = lrelease_command()
    if command is None:
        log.warning("lrelease not found: cannot build %s", qm.name)
        return False
    tmp = qm.with_name(f".{qm.stem}.{os.getpid()}.tmp.qm")
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([*command, "-silent", str(ts), "-qm", str(tmp)], capture_output=True,
                                text=True, timeout=_LRELEASE_TIMEOUT_S, check=False)
        if result.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            log.warning("lrelease failed for %s: %s", ts.name, (result.stderr or result.stdout).strip()[:500])
            return False
        os.replace(tmp, qm)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot build %s in %s: %s", qm.name, qm.parent, exc)
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _fresh(qm: Path, ts: Path) -> bool:
    try:
        return qm.stat().st_mtime >= ts.stat().st_mtime
    except FileNotFoundError:
        return qm.is_file()  # no .ts (a bundle shipping only the .qm): whatever is there


def compiled_catalogue(language: str, data_dir: Path | None = None, catalogue: str = CATALOGUE) -> Path | None:
    """The ``.qm`` of ``language``: an up-to-date one, else one built now, else a stale one, else None."""
    ts = ts_path(language, catalogue)
    candidates = [ts.with_suffix(".qm")]
    if data_dir is not None:
        candidates.append(Path(data_dir) / "i18n" / ts.with_suffix(".qm").name)
    for qm in candidates:
        if qm.is_file() and _fresh(qm, ts):
            return qm
    if ts.is_file():
        for qm in candidates:
            if build_qm(ts, qm):
                return qm
    return next((qm for qm in candidates if qm.is_file()), None)


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogues may be: where Qt says, then where the PySide6 wheels put them
    (``PySide6/Qt/translations``; ``PySide6/translations`` on Windows), in a bundle too."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        package = Path(PySide6.__file__).resolve().parent
        folders += [package / "Qt" / "translations", package / "translations"]
    except (ImportError, OSError):  # pragma: no cover - PySide6 is imported above
        pass
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller's folder of the bundle's files
    if bundle:
        folders += [Path(bundle) / "PySide6" / "Qt" / "translations", Path(bundle) / "PySide6" / "translations"]
    return list(dict.fromkeys(folders))


def _qt_base(language: str) -> QTranslator | None:
    translator = QTranslator()
    folders = qt_translation_folders()
    for folder in folders:
        if translator.load(f"qtbase_{language}", str(folder)):
            return translator
    log.warning("Qt's own %s translation not found in %s", language, ", ".join(map(str, folders)))
    return None


def _qt_fixes(language: str, data_dir: Path | None) -> QTranslator | None:
    qm = compiled_catalogue(language, data_dir, QT_FIXES)  # None: no such file (nothing to fix)
    translator = QTranslator()
    if qm is not None and translator.load(str(qm)):
        return translator
    return None


def remove_translators(app: QCoreApplication | None = None) -> None:
    """Take out every translator this module installed and put the default locale back:
    the interface is Chinese again (tests call this at teardown)."""
    global _language
    app = app or QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    _language = SOURCE_LANGUAGE
    if _locale_before is not None:
        QLocale.setDefault(_locale_before)


def _set_locale(language: str) -> None:
    """Dates, numbers and the calendar popup in the interface language."""
    global _locale_before
    if _locale_before is None:
        _locale_before = QLocale()
    QLocale.setDefault(QLocale(_LOCALES.get(language, language)))


def _install(app: QCoreApplication, translator: QTranslator | None) -> None:
    if translator is not None and app.installTranslator(translator):
        _installed.append(translator)


def install_translator(app: QCoreApplication, language: str, *, data_dir: Path | None = None) -> bool:
    """Show the interface in ``language`` ("zh_CN" or "en") from now on.

    Install it before any window is built: texts are set when widgets are made.
    Replaces whatever this module installed before.  Returns False when the
    language cannot be shown (unknown, or its catalogue cannot be loaded or
    built); the interface is then Chinese, Qt's own buttons included.
    """
    global _language
    remove_translators(app)
    if language != SOURCE_LANGUAGE:
        qm = compiled_catalogue(language, data_dir) if language in LANGUAGES else None
        ours = QTranslator()
        if qm is not None and ours.load(str(qm)):
            _install(app, _qt_base(language))
            _install(app, ours)
            _language = language
            _set_locale(language)
            return True
        log.warning("interface language %r not available (catalogue %s); showing Chinese", language, qm)
    _install(app, _qt_base(SOURCE_LANGUAGE))
    _install(app, _qt_fixes(SOURCE_LANGUAGE, data_dir))  # after qtbase: looked in first
    _set_locale(SOURCE_LANGUAGE)
    return language == SOURCE_LANGUAGE
