"""Build the installable bundle: ``dist/zhanchi/`` with the executable ``zhanchi`` (``zhanchi.exe``).

    python build/build.py            # translations, then PyInstaller (reuses its cache)
    python build/build.py --clean    # from scratch: no cache, old bundle removed first
    python build/build.py --smoke    # ... and run ``dist/zhanchi/zhanchi --smoke`` on the result

Run it with the project's virtual environment (``pip install -e .[dev]`` brings
PyInstaller).  PyInstaller builds for the system and processor it runs on: a
Windows bundle is built on Windows, an ARM64 (Kylin/UOS on Phytium, Kunpeng)
bundle on an ARM64 machine.  Its work folder is ``.pyinstaller-work/`` at the
top of the checkout, never ``build/`` (PyInstaller's default, which would mix
its output with this folder).  The last line printed is the bundle's size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build" / "zhanchi.spec"
WORK = ROOT / ".pyinstaller-work"
DIST = ROOT / "dist"
BUNDLE = DIST / "zhanchi"
EXECUTABLE = BUNDLE / ("zhanchi.exe" if sys.platform == "win32" else "zhanchi")


def bundle_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder`` (links counted once, not followed)."""
    total = count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            total += path.lstat().st_size
            count += 1
    return total, count


def bundled_fonts(bundle: Path) -> tuple[list[str], int]:
    """The fonts of ``desktop/documents/typefaces.py`` (with their licences) that the bundle
    lacks, and the bytes of the font files it carries."""
    sys.path.insert(0, str(ROOT))
    from desktop.documents.typefaces import FACES

    folder = bundle / "_internal" / "resources" / "fonts"
    names = {name for face in FACES.values() for name in (face.file, face.licence)}
    missing = sorted(name for name in names if not (folder / name).is_file())
    size = sum((folder / face.file).stat().st_size for face in FACES.values() if (folder / face.file).is_file())
    return missing, size


def run(command: list[str]) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clean", action="store_true",
                        help="empty PyInstaller's cache and remove the old bundle first")
    parser.add_argument("--smoke", action="store_true", help="run the bundle's --smoke check after building")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("build.py: PyInstaller is not installed here: pip install -e .[dev]", file=sys.stderr)
        return 2

    started = time.monotonic()
    if args.clean:
        shutil.rmtree(WORK, ignore_errors=True)
        shutil.rmtree(BUNDLE, ignore_errors=True)
    try:
        # The bundle ships compiled translations: lrelease is not in it.
        run([sys.executable, str(ROOT / "scripts" / "build_translations.py"), "--release"])
        run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--workpath", str(WORK), "--distpath", str(DIST), *(["--clean"] if args.clean else []), str(SPEC)])
        if args.smoke:
            run([str(EXECUTABLE), "--smoke"])
    except subprocess.CalledProcessError as exc:
        print(f"build.py: failed ({exc.returncode}): {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return 1
    missing, font_bytes = bundled_fonts(BUNDLE)
    if missing:
        print(f"build.py: the bundle lacks the fonts {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"fonts: {font_bytes / 1e6:.1f} MB (sans, formal Song and CJK extension faces; resources/fonts/README.md)")
    size, files = bundle_size(BUNDLE)
    print(f"bundle: {BUNDLE.relative_to(ROOT)} — {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) in {files} files, "
          f"built in {time.monotonic() - started:.0f} s; run {EXECUTABLE.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
