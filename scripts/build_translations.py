"""Update the committed translation sources and build the compiled catalogues.

    .venv/bin/python scripts/build_translations.py            # lupdate, then lrelease
    .venv/bin/python scripts/build_translations.py --check    # CI: is the .ts complete and current?
    .venv/bin/python scripts/build_translations.py --release  # lrelease only (packaging)

``resources/i18n/zhanchi_<lang>.ts`` is the source of truth and is committed;
after an update, translate the new or changed messages (``type="unfinished"``)
with Qt Linguist (``pyside6-linguist``) or an editor.  The ``.qm`` files are
build output (ignored by git); the application also builds a missing one on
demand (``desktop/views/i18n.py``), but a bundle must ship them: run this with
``--release`` before packaging.

``resources/i18n/qtfixes_<lang>.ts`` holds Qt's own texts that Qt's catalogue
leaves in English (written by hand, not by lupdate): it is compiled here too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("en",)


def sources() -> list[Path]:
    """Every file whose texts the window shows: the views and the composition root."""
    return sorted((ROOT / "desktop" / "views").glob("*.py")) + [ROOT / "desktop" / "app.py"]


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else f"pyside6-{name}"


def ts_file(language: str) -> Path:
    return I18N / f"zhanchi_{language}.ts"


def qt_fixes() -> list[Path]:
    """The hand-written supplements to Qt's own catalogues (desktop/views/i18n.py QT_FIXES)."""
    return sorted(I18N.glob("qtfixes_*.ts"))


def domain_labels() -> str:
    """The domain's own labels the window shows translated, as lupdate reads them: written once, in the
    domain (``State.label``), and listed here for lupdate instead of copied into a view (issue 18.3)."""
    sys.path.insert(0, str(ROOT))
    from desktop.models import messages
    from desktop.models.cases import State
    from desktop.models.permissions import Action, Role

    def noop(context: str, text: str) -> str:
        return f"QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)})"

    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    # The domain's labels (states, roles, actions) and the core's error catalogue (issue 18.5).
    lines += [noop(messages.label_context(value), value.label) for enum in (State, Role, Action) for value in enum]
    lines += [noop(messages.CONTEXT, text) for text in messages.MESSAGES.values()]
    return "\n".join(lines) + "\n"


def lupdate(ts: Path, language: str) -> None:
    """Merge the texts of the sources into ``ts`` (created if missing); vanished texts are dropped."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        labels = Path(tmp) / "domain_labels.py"
        labels.write_text(domain_labels(), encoding="utf-8")
        subprocess.run(
            [_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
             "-source-language", SOURCE_LANGUAGE, "-target-language", language,
             *[str(p) for p in sources()], str(labels), "-ts", str(ts)],
            check=True, cwd=ROOT,
        )


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)
    return qm


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source text) -> the <message> element."""
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """Messages without a finished, non-empty translation (every plural form filled)."""
    missing = []
    for key, message in messages(ts).items():
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            missing.append(key)
            continue
        forms = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
        if not forms or any(not (form.text or "").strip() for form in forms):
            missing.append(key)
    return missing


def check() -> int:
    problems = 0
    for language in LANGUAGES:
        ts = ts_file(language)
        if not ts.is_file():
            print(f"{ts.relative_to(ROOT)}: missing")
            problems += 1
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            lupdate(fresh, language)
            want, have = set(messages(fresh)), set(messages(ts))
        for context, text in sorted(want - have):
            print(f"{ts.name}: not in the .ts (run this script): [{context}] {text}")
        for context, text in sorted(have - want):
            print(f"{ts.name}: no longer in the sources (run this script): [{context}] {text}")
        for context, text in untranslated(ts):
            print(f"{ts.name}: untranslated: [{context}] {text}")
        problems += len(want ^ have) + len(untranslated(ts))
    for ts in qt_fixes():
        for context, text in untranslated(ts):
            print(f"{ts.name}: untranslated: [{context}] {text}")
            problems += 1
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="change nothing; fail if a .ts is stale or incomplete")
    mode.add_argument("--release", action="store_true", help="build the .qm files only")
    args = parser.parse_args()
    if args.check:
        return check()
    for language in LANGUAGES:
        ts = ts_file(language)
        if not args.release:
            lupdate(ts, language)
            todo = untranslated(ts)
            if todo:
                print(f"{ts.relative_to(ROOT)}: {len(todo)} message(s) to translate")
        print(lrelease(ts).relative_to(ROOT))
    for ts in qt_fixes():
        print(lrelease(ts).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
