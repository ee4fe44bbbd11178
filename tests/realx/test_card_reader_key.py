"""读卡 (F2) on a real X server (bare and under openbox) with the ``termb`` adaptor over a stand-in
library built here with gcc (tests/devices/termb_standin.c): the key from xdotool, the library
through ctypes, the form filled, the person looked up, the photo shown (issue 16.1)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from xdesk import Desk

from desktop.devices.idcard.simulated import card_for, sample_photo
from desktop.devices.idcard.wz import format_wz

pytestmark = pytest.mark.gui

STANDIN = Path(__file__).resolve().parents[1] / "devices" / "termb_standin.c"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("gcc") is None:
        pytest.skip("needs gcc to build the stand-in reader library")
    folder = tmp_path_factory.mktemp("reader")
    out = folder / "libtermb.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", str(out), str(STANDIN), "-ldl"], check=True)
    return out


def test_f2_reads_the_card_through_the_termb_library(fresh_case: Desk, library: Path) -> None:
    desk = fresh_case
    id_number, name = next(iter(desk.prepared["people"].items()))
    (library.parent / "card.wz").write_bytes(format_wz(card_for(id_number, name)))
    (library.parent / "card.bmp").write_bytes(sample_photo(id_number))
    desk.ask("reader", spec=f"termb:{library}@1001")
    desk.ask("focus", name="intake.bank_name")  # wherever the focus is
    desk.key("F2")
    state = desk.wait_for(lambda s: s["fields"]["intake.id_number"] == id_number)
    assert state["fields"]["intake.name"] == name
    card = desk.ask("card")
    assert card["photo"][0] > 0 and "广州市公安局天河分局" in card["info"]
    desk.wait_for(lambda s: s["fields"]["intake.cert_number"] == desk.prepared["certificate"])  # looked up
    assert not (library.parent / "wz.txt").exists() and not (library.parent / "zp.bmp").exists()


def test_f2_with_no_card_on_the_reader_says_so(fresh_case: Desk, library: Path) -> None:
    desk = fresh_case
    (library.parent / "card.wz").unlink(missing_ok=True)
    desk.ask("reader", spec=f"termb:{library}@1001")
    desk.key("F2")
    state = desk.wait_for(lambda s: "没有身份证" in s["message"])
    assert state["fields"]["intake.id_number"] == ""
