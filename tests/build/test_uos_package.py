"""The pieces of the Kylin/UOS package and of the glibc check that need no Debian root (fast; the whole
build and install is ``test_debian11_bundle.py``, with ``ZHANCHI_TEST_BUNDLE=1``)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

import debian_target  # noqa: E402
import uos_package  # noqa: E402


def test_version_has_four_numbers() -> None:
    assert uos_package.four_numbers("0.1.0") == "0.1.0.0"
    assert uos_package.four_numbers("2.3") == "2.3.0.0"
    assert uos_package.four_numbers("1.2.3.4.5") == "1.2.3.4"
    assert uos_package.four_numbers("1.0.0rc1+local.7") == "1.0.0.0"  # the release numbers only
    with pytest.raises(ValueError):
        uos_package.four_numbers("dev")
    assert uos_package.four_numbers(uos_package.project_version()).count(".") == 3


def test_appid_is_a_lower_case_reverse_domain_and_the_package_name() -> None:
    appid = uos_package.APPID
    assert appid == appid.lower() and appid.count(".") >= 2 and not appid.startswith(("com.example", "org.example"))
    assert uos_package.deb_name("0.1.0.0", "amd64") == f"{appid}_0.1.0.0_amd64.deb"
    assert f"Package: {appid}\n" in uos_package.control("0.1.0.0", "amd64", 100, "2.30")


def test_info_and_control_fields() -> None:
    info = json.loads(uos_package.info_json("0.1.0.0", "arm64"))
    assert info["appid"] == uos_package.APPID and info["version"] == "0.1.0.0" and info["arch"] == ["arm64"]
    assert info["name"] == "展翅柜台" and isinstance(info["permissions"], dict)
    control = uos_package.control("0.1.0.0", "arm64", 1234, "2.31")
    fields = dict(line.split(": ", 1) for line in control.splitlines() if not line.startswith(" "))
    assert set(fields) >= {"Package", "Version", "Section", "Priority", "Architecture", "Maintainer", "Depends",
                           "Description"}
    assert fields["Depends"].startswith("libc6 (>= 2.31), ") and "fontconfig-config" in fields["Depends"]
    assert control.endswith("\n") and "\n\n" not in control


def test_desktop_entry_speaks_chinese_and_english() -> None:
    entry = uos_package.DESKTOP_ENTRY.format(appid=uos_package.APPID)
    assert entry.startswith("[Desktop Entry]\n")
    lines = dict(line.split("=", 1) for line in entry.splitlines()[1:])
    assert lines["Name"] == "Zhanchi Counter" and lines["Name[zh_CN]"] == "展翅柜台"
    assert lines["Comment[zh_CN]"] and lines["GenericName[zh_CN]"]
    assert lines["Exec"] == f"/opt/apps/{uos_package.APPID}/files/zhanchi" and lines["Icon"] == uos_package.APPID


def test_maintainer_scripts_touch_only_their_links() -> None:
    postrm = uos_package.POSTRM.format(appid=uos_package.APPID)
    removed = [line.split()[-1] for line in postrm.splitlines() if "rm -f" in line]
    assert all(uos_package.APPID in path or path in {'"$link"', "/usr/bin/zhanchi"} for path in removed), removed
    assert ".local/share" not in postrm.replace("(~/.local/share/zhanchi)", "")  # never the users' data


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_glibc_needs_reads_version_references(tmp_path: Path) -> None:
    program = Path(shutil.which("ls") or "/bin/ls").resolve()
    shutil.copy2(program, tmp_path / "ls")
    (tmp_path / "notes.txt").write_text("not an ELF file\n", encoding="utf-8")
    needs = debian_target.glibc_needs(tmp_path)
    assert [name for _version, name in needs] == ["ls"]
    version = needs[0][0]
    assert version[0] == 2 and 2 <= version[1] < 100
    assert debian_target.version_text((2, 30)) == "2.30"
