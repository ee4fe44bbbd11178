"""Build the installable bundle: ``dist/zhanchi/`` with the executable ``zhanchi`` (``zhanchi.exe``).

    python build/build.py            # translations, then PyInstaller (reuses its cache)
    python build/build.py --clean    # from scratch: no cache, old bundle removed first
    python build/build.py --smoke    # ... and run ``dist/zhanchi/zhanchi --smoke`` on the result
    python build/build.py --target debian11         # in a Debian 11 root (glibc 2.31), as root, then the
                                                    # UOS-layout package dist/<appid>_<version>_amd64.deb
    python build/build.py --target debian11-arm64   # the same for ARM64 (emulated here: slow)

Run it with the project's virtual environment (``pip install -e .[dev]`` brings
PyInstaller).  PyInstaller builds for the system and processor it runs on: a
Windows bundle is built on Windows, an ARM64 (Kylin/UOS on Phytium, Kunpeng)
bundle on an ARM64 machine.  Its work folder is ``.pyinstaller-work/`` at the
top of the checkout, never ``build/`` (PyInstaller's default, which would mix
its output with this folder).  The last line printed is the bundle's size.

``--target`` builds in a Debian 11 root instead of on this machine, so the bundle runs on Kylin V10,
UOS and Debian 11 and later (``build/debian_target.py``; the roots are cached in ``build/cache/``), and
packs it for the UOS app store layout (``build/uos_package.py``).
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


def target_build(name: str, *, store: bool, smoke: bool) -> int:
    """The bundle built in the target's Debian root, its glibc floor checked, and its ``.deb``."""
    sys.path.insert(0, str(ROOT / "build"))
    import debian_target
    import uos_package

    target = debian_target.TARGETS[name]
    if os.geteuid() != 0:
        print("build.py: --target makes and enters a Debian root (debootstrap, chroot): run it as root",
              file=sys.stderr)
        return 2
    started = time.monotonic()
    dist = DIST if not target.foreign else DIST / target.arch
    try:
        bundle = debian_target.build_bundle(target, dist)
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        print(f"build.py: the {name} build failed: {exc}", file=sys.stderr)
        return 1
    needs = debian_target.glibc_needs(bundle)
    highest, where = max(needs)
    print(f"glibc: the bundle needs at most {debian_target.version_text(highest)} ({where}); "
          f"the target has {target.glibc}")
    if highest > tuple(int(part) for part in target.glibc.split(".")):
        print(f"build.py: {where} needs glibc {debian_target.version_text(highest)}, newer than the target's",
              file=sys.stderr)
        return 1
    if smoke:
        debian_target.run_in(debian_target.builder(target), target,
                             [f"{debian_target.SOURCE}/dist/zhanchi/zhanchi", "--smoke"],
                             env=debian_target.root_env(QT_QPA_PLATFORM="offscreen"))
    deb = uos_package.make_deb(bundle, dist / ("store" if store else ""), target.arch,
                               debian_target.version_text(highest), store=store)
    size, files = bundle_size(bundle)
    print(f"package: {deb.relative_to(ROOT)} — {deb.stat().st_size / 1e6:.1f} MB")
    print(f"bundle: {bundle.relative_to(ROOT)} — {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) in {files} files, "
          f"built for {target.name} {target.arch} in {time.monotonic() - started:.0f} s", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clean", action="store_true",
                        help="empty PyInstaller's cache and remove the old bundle first")
    parser.add_argument("--smoke", action="store_true", help="run the bundle's --smoke check after building")
    parser.add_argument("--target", choices=("debian11", "debian11-arm64"),
                        help="build in a Debian 11 root (glibc 2.31) and write the UOS-layout .deb")
    parser.add_argument("--store", action="store_true",
                        help="with --target: the app store's .deb (no maintainer scripts), in dist/store/")
    args = parser.parse_args(argv)
    if args.target:
        return target_build(args.target, store=args.store, smoke=args.smoke)
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
