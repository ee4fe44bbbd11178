"""The bundle as a ``.deb`` in the UOS (deepin) app-store layout, which Kylin installs as well.

Everything under ``/opt/apps/<appid>/``:

    info                                          JSON: appid, name, version (four numbers), arch, permissions
    files/                                        the bundle (``files/zhanchi`` is the program)
    entries/applications/<appid>.desktop          the menu entry, in Chinese and English
    entries/icons/hicolor/<n>x<n>/apps/<appid>.png, .../scalable/apps/<appid>.svg

``<appid>`` is the control file's ``Package`` and the ``.deb``'s name.  The store's package has no
maintainer scripts (the store links the entries itself); the package for installing by hand
(``dpkg -i``, the default) links the menu entry, the icons and ``/usr/bin/zhanchi`` from postinst and
removes those links in postrm, touching nothing else (the users' data folders stay).  Compressed with
xz: UOS 20's dpkg cannot read zstd.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPID = "cn.zhanchi.counter"
ICON_SVG = ROOT / "build" / "icons" / "zhanchi.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Zhanchi Counter team <zhanchi-counter@users.noreply.github.com>"
# What the bundle takes from the system (tests/build/test_debian11_bundle.py checks it needs nothing more
# on a bare Debian 11): the C library (at least the newest version any of its files needs, measured at
# build time), OpenGL/EGL (and through them libxcb) and fontconfig's configuration.
DEPENDS = "libc6 (>= {glibc}), libegl1, libgl1, libxcb1, fontconfig-config"

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.0
Name=Zhanchi Counter
Name[zh_CN]=展翅柜台
GenericName=Skill upgrade subsidy counter
GenericName[zh_CN]=技能提升补贴受理
Comment=Take, review and pay unemployment-insurance skill upgrade subsidy claims
Comment[zh_CN]=失业保险技能提升补贴的受理、审核与发放
Keywords=subsidy;skills;counter;
Keywords[zh_CN]=技能提升补贴;展翅行动;柜台;受理;
Exec=/opt/apps/{appid}/files/zhanchi
Icon={appid}
Terminal=false
Categories=Office;
StartupWMClass=zhanchi
X-Deepin-Vendor=user-custom
"""

POSTINST = """\
#!/bin/sh
# Outside the app store: the menu entry, the icons and the command where the desktop looks for them.
set -e
APP=/opt/apps/{appid}
if [ "$1" = configure ]; then
    mkdir -p /usr/share/applications /usr/bin
    ln -sf "$APP/entries/applications/{appid}.desktop" /usr/share/applications/{appid}.desktop
    for icon in "$APP"/entries/icons/hicolor/*/apps/*; do
        dest=/usr/share/icons/hicolor/${{icon#$APP/entries/icons/hicolor/}}
        mkdir -p "$(dirname "$dest")"
        ln -sf "$icon" "$dest"
    done
    ln -sf "$APP/files/zhanchi" /usr/bin/zhanchi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
fi
exit 0
"""

POSTRM = """\
#!/bin/sh
# Remove only the links postinst made; the users' data folders (~/.local/share/zhanchi) stay.
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
    rm -f /usr/share/applications/{appid}.desktop
    for link in /usr/share/icons/hicolor/*/apps/{appid}.png /usr/share/icons/hicolor/*/apps/{appid}.svg; do
        [ -L "$link" ] && rm -f "$link"
    done
    if [ -L /usr/bin/zhanchi ] && [ "$(readlink /usr/bin/zhanchi)" = /opt/apps/{appid}/files/zhanchi ]; then
        rm -f /usr/bin/zhanchi
    fi
fi
exit 0
"""


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def four_numbers(version: str) -> str:
    """The store's version: four numbers (0.1.0 -> 0.1.0.0); a pre-release tail is dropped."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    if release is None:
        raise ValueError(f"no version numbers in {version!r}")
    numbers = release.group().split(".")[:4]
    return ".".join(numbers + ["0"] * (4 - len(numbers)))


def deb_name(version: str, arch: str) -> str:
    return f"{APPID}_{version}_{arch}.deb"


def info_json(version: str, arch: str) -> str:
    info = {
        "appid": APPID,
        "name": "展翅柜台",
        "version": version,
        "arch": [arch],
        "permissions": {
            "autostart": False, "notification": False, "trayicon": False, "clipboard": True,
            "account": False, "bluetooth": False, "camera": False, "audio_record": False,
            "installed_apps": False,
        },
    }
    return json.dumps(info, ensure_ascii=False, indent=2) + "\n"


def control(version: str, arch: str, installed_kib: int, glibc: str) -> str:
    return (f"Package: {APPID}\n"
            f"Version: {version}\n"
            "Section: utils\n"
            "Priority: optional\n"
            f"Architecture: {arch}\n"
            f"Maintainer: {MAINTAINER}\n"
            f"Installed-Size: {installed_kib}\n"
            f"Depends: {DEPENDS.format(glibc=glibc)}\n"
            "Description: 展翅柜台 Zhanchi Counter — skill upgrade subsidy counter\n"
            " 失业保险技能提升补贴（展翅行动）的柜台程序：受理、审核、公示、发放与报表。\n"
            " Counter application for the unemployment-insurance skill upgrade subsidy:\n"
            " taking, reviewing and paying claims, publicity lists and reports.\n")


def render_icons(dest: Path) -> None:
    """The SVG and PNGs of every size, drawn with Qt's SVG renderer (PySide6 of the build's venv)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise RuntimeError(f"cannot read {ICON_SVG}")
    scalable = dest / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON_SVG, scalable / f"{APPID}.svg")
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        folder = dest / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not image.save(str(folder / f"{APPID}.png")):  # the format from the name
            raise RuntimeError(f"cannot write the {size}x{size} icon")


def _tree_kib(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*")) // 1024 + 1


def make_deb(bundle: Path, out_dir: Path, arch: str, glibc: str, *, store: bool = False,
             work: Path | None = None) -> Path:
    """Write ``out_dir/<appid>_<version>_<arch>.deb`` from the bundle folder, whose files need glibc
    ``glibc`` at most; returns its path."""
    version = four_numbers(project_version())
    staging = work or out_dir / f".{APPID}-{arch}-staging"
    shutil.rmtree(staging, ignore_errors=True)
    app = staging / "opt" / "apps" / APPID
    shutil.copytree(bundle, app / "files", symlinks=True)
    (app / "info").write_text(info_json(version, arch), encoding="utf-8")
    entries = app / "entries" / "applications"
    entries.mkdir(parents=True)
    (entries / f"{APPID}.desktop").write_text(DESKTOP_ENTRY.format(appid=APPID), encoding="utf-8")
    render_icons(app / "entries" / "icons" / "hicolor")
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(version, arch, _tree_kib(app), glibc), encoding="utf-8")
    if not store:
        for name, text in (("postinst", POSTINST), ("postrm", POSTRM)):
            (debian / name).write_text(text.format(appid=APPID), encoding="utf-8")
            (debian / name).chmod(0o755)
    for path in [staging, *staging.rglob("*")]:  # dpkg-deb wants 0755 folders, whatever the umask
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / deb_name(version, arch)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(staging), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(staging)
    return deb
