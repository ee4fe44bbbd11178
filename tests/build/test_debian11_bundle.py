"""The Kylin/UOS bundle (issue 21): built in a Debian 11 root, installed as a ``.deb`` on a bare one.

Runs only with ``ZHANCHI_TEST_BUNDLE=1``, as root, on Linux with ``debootstrap``: the first run makes
the roots (``build/cache/``, about 5 minutes), a later one reuses them and takes about 4 minutes
(``python build/build.py --target debian11``, then the checks).  ``ZHANCHI_BUNDLE_TARGET=debian11-arm64``
checks the ARM64 bundle instead, emulated on x86-64 (the first run makes its roots in about an hour;
later ones take about 10 minutes).  What it proves:

- every ELF file of ``dist/zhanchi/`` needs glibc 2.31 at most (Kylin V10); the highest and its file
  are printed;
- the ``.deb`` has the UOS app-store layout and installs with ``dpkg -i`` into a bare Debian 11 root
  (minbase, ``libegl1``, ``libgl1`` and ``fontconfig-config``, nothing of the build);
- ``zhanchi --smoke`` passes there, offscreen and on a real X server (Xvfb, the host's, through its
  socket), the menu entry and the icons are in place;
- ``dpkg -r`` removes the program and its links and leaves the user's data folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

import debian_target  # noqa: E402
import uos_package  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("ZHANCHI_TEST_BUNDLE") != "1",
                       reason="set ZHANCHI_TEST_BUNDLE=1 to build and install the Debian 11 bundle"),
    pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0
                       or shutil.which("debootstrap") is None or shutil.which("dpkg-deb") is None,
                       reason="needs Linux, root, debootstrap and dpkg-deb"),
]

TARGET_NAME = os.environ.get("ZHANCHI_BUNDLE_TARGET", "debian11")
TARGET = debian_target.TARGETS[TARGET_NAME]
DIST = ROOT / "dist" / (TARGET.arch if TARGET.foreign else "")
APP = f"/opt/apps/{uos_package.APPID}"
DATA = "/root/.local/share/zhanchi"  # platformdirs' user data folder of root


@pytest.fixture(scope="module")
def built(dist_lock: None) -> tuple[Path, Path]:
    """``build/build.py --target debian11``: the bundle and its package."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "build" / "build.py"), "--target", TARGET_NAME], cwd=ROOT,
                            capture_output=True, text=True, timeout=4 * 3600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    print(f"\nbuild --target {TARGET_NAME}: {time.monotonic() - started:.0f} s; "
          + " | ".join(line for line in result.stdout.splitlines() if line.startswith(("glibc:", "package:"))))
    version = uos_package.four_numbers(uos_package.project_version())
    deb = DIST / uos_package.deb_name(version, TARGET.arch)
    assert deb.is_file()
    return DIST / "zhanchi", deb


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path]) -> Iterator[Path]:
    """A copy of the bare Debian 11 root with the package installed by ``dpkg -i``."""
    _bundle, deb = built
    root = TARGET.cache / "check-root"
    debian_target.copy_root(debian_target.bare(TARGET), root)
    result = debian_target.run_in(root, TARGET, ["dpkg", "-i", f"/mnt/package/{deb.name}"], capture=True,
                                  check=False, binds=[(deb.parent, "/mnt/package")])
    assert result.returncode == 0, result.stdout + result.stderr
    yield root
    debian_target.remove_root(root)


def _run(root: Path, command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return debian_target.run_in(root, TARGET, command, capture=True, check=False, timeout=1800,
                                env=debian_target.root_env(**env))


def test_every_elf_file_needs_the_targets_glibc_at_most(built: tuple[Path, Path]) -> None:
    bundle, _deb = built
    needs = debian_target.glibc_needs(bundle)
    assert len(needs) > 50  # Python, Qt and the C extensions: the check read them
    highest, where = max(needs)
    print(f"\nglibc: {len(needs)} ELF files; highest {debian_target.version_text(highest)} ({where})")
    limit = tuple(int(part) for part in TARGET.glibc.split("."))
    too_new = [f"{name} needs {debian_target.version_text(v)}" for v, name in needs if v > limit]
    assert not too_new, too_new


def test_bundle_carries_the_encryption_keyring_and_fonts(built: tuple[Path, Path]) -> None:
    bundle, _deb = built
    inside = bundle / "_internal"
    assert list(inside.glob("sqlcipher3/_sqlite3*.so")), "sqlcipher3's compiled module"
    assert (inside / "keyring").is_dir() or list(inside.rglob("keyring-*.dist-info")), "keyring"
    assert list(inside.rglob("keyring-*.dist-info")), "keyring's entry points (its backends)"
    from desktop.documents.typefaces import FACES

    for face in FACES.values():
        assert (inside / "resources" / "fonts" / face.file).is_file(), face.file
    assert list(inside.glob("PySide6/Qt/lib/libQt6Pdf.so*")), "QtPdf (from PySide6-Addons before 6.12)"


def test_package_has_the_uos_layout(built: tuple[Path, Path]) -> None:
    bundle, deb = built
    members = subprocess.run(["ar", "t", str(deb)], capture_output=True, text=True, check=True).stdout.split()
    assert members == ["debian-binary", "control.tar.xz", "data.tar.xz"]  # xz: UOS 20's dpkg has no zstd
    fields = {}
    for line in subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        if ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    assert fields["Package"] == uos_package.APPID and deb.name.startswith(f"{uos_package.APPID}_")
    assert fields["Architecture"] == TARGET.arch and "fontconfig-config" in fields["Depends"]
    # The C library the bundle's files need, so dpkg refuses a system too old to run it.
    highest = debian_target.version_text(max(debian_target.glibc_needs(bundle))[0])
    assert f"libc6 (>= {highest})" in fields["Depends"]
    assert fields["Version"].count(".") == 3
    for key in ("Section", "Priority", "Maintainer", "Description"):
        assert fields.get(key), key
    names = set(subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                               check=True).stdout.split())
    assert not [name for name in names if name.startswith("./") and not name.startswith(("./opt/apps/", "./opt/"))
                and name not in {"./"}], "everything under /opt/apps/<appid>/"
    for size in uos_package.ICON_SIZES:
        assert f".{APP}/entries/icons/hicolor/{size}x{size}/apps/{uos_package.APPID}.png" in names
    assert f".{APP}/entries/icons/hicolor/scalable/apps/{uos_package.APPID}.svg" in names
    assert f".{APP}/files/zhanchi" in names


def test_installed_info_and_menu_entry(installed: Path) -> None:
    app = installed / APP.lstrip("/")
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == uos_package.APPID and info["arch"] == [TARGET.arch] and info["name"] == "展翅柜台"
    assert len(info["version"].split(".")) == 4 and "permissions" in info
    link = installed / "usr/share/applications" / f"{uos_package.APPID}.desktop"
    assert link.is_symlink() and os.readlink(link) == f"{APP}/entries/applications/{uos_package.APPID}.desktop"
    entry = (app / "entries/applications" / f"{uos_package.APPID}.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=展翅柜台" in entry and "Name=Zhanchi Counter" in entry
    assert f"Exec={APP}/files/zhanchi" in entry and f"Icon={uos_package.APPID}" in entry
    for size in (48, 256):
        icon = installed / f"usr/share/icons/hicolor/{size}x{size}/apps/{uos_package.APPID}.png"
        assert icon.is_symlink() and (installed / os.readlink(icon).lstrip("/")).is_file()
    assert os.readlink(installed / "usr/bin/zhanchi") == f"{APP}/files/zhanchi"


def test_smoke_offscreen_on_the_bare_root(installed: Path) -> None:
    result = _run(installed, ["zhanchi", "--smoke"], QT_QPA_PLATFORM="offscreen")
    print("\n" + result.stdout.strip())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("smoke ok: bundle") and "(offscreen)" in result.stdout


@pytest.fixture
def xvfb(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The host's Xvfb on a free display; its socket folder, bound into the root, is the whole link."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    sockets = Path("/tmp/.X11-unix")
    number = next(n for n in range(171, 260)
                  if not (sockets / f"X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not (sockets / f"X{number}").exists():
            assert time.monotonic() < deadline and server.poll() is None, "Xvfb did not start"
            time.sleep(0.1)
        yield sockets, f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_smoke_on_a_real_x_server(installed: Path, xvfb: tuple[Path, str]) -> None:
    sockets, display = xvfb
    result = debian_target.run_in(installed, TARGET, ["zhanchi", "--smoke"], capture=True, check=False,
                                  timeout=1800, env=debian_target.root_env(QT_QPA_PLATFORM="xcb", DISPLAY=display),
                                  binds=[(sockets, "/tmp/.X11-unix")])
    print("\n" + result.stdout.strip())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("smoke ok: bundle") and "(xcb)" in result.stdout


def test_remove_takes_the_program_and_leaves_the_data(installed: Path) -> None:
    made = _run(installed, ["zhanchi", "demo"], QT_QPA_PLATFORM="offscreen")
    assert made.returncode == 0, made.stdout + made.stderr
    data = installed / DATA.lstrip("/")
    before = sorted(path.name for path in data.iterdir())
    assert before
    removed = _run(installed, ["dpkg", "-r", uos_package.APPID])
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not (installed / APP.lstrip("/")).exists()
    assert not (installed / "usr/bin/zhanchi").exists() and not (installed / "usr/bin/zhanchi").is_symlink()
    assert not list((installed / "usr/share/applications").glob(f"{uos_package.APPID}*"))
    assert not list((installed / "usr/share/icons").rglob(f"{uos_package.APPID}.*"))
    assert sorted(path.name for path in data.iterdir()) == before  # the user's data stays
