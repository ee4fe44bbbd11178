"""The ``termb`` adaptor against a stand-in library built here with gcc (termb_standin.c): the same C
interface and the same files a vendor's library writes, its "hardware" in files beside it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.devices.idcard import NoCard, ReaderError, reader_from_spec
from desktop.devices.idcard.simulated import card_for, sample_photo
from desktop.devices.idcard.termb import TermbReader
from desktop.devices.idcard.wz import format_wz

SOURCE = Path(__file__).with_name("termb_standin.c")
ID_NUMBER = "11010519491231002X"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("gcc") is None:
        pytest.skip("needs gcc to build the stand-in library")
    out = tmp_path_factory.mktemp("standin") / "libtermb.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", str(out), str(SOURCE), "-ldl"], check=True)
    return out


@pytest.fixture
def library(built: Path, tmp_path: Path) -> Path:
    """A fresh copy per test (its folder is the reader's state; a copy is loaded as a library of its own)."""
    folder = tmp_path / "reader"
    folder.mkdir()
    copy = folder / "libtermb.so"
    shutil.copy(built, copy)
    return copy


def lay_card(library: Path, **kw: object) -> None:
    card = card_for(ID_NUMBER, "张三", **kw)  # type: ignore[arg-type]
    (library.parent / "card.wz").write_bytes(format_wz(card))
    (library.parent / "card.bmp").write_bytes(sample_photo("张三"))


def calls(library: Path) -> list[str]:
    return (library.parent / "calls.log").read_text().splitlines()


def test_a_card_on_the_reader_is_read_with_its_photo_and_nothing_is_left_on_disk(library: Path) -> None:
    lay_card(library, address="广东省广州市天河区天河北路123号", years=None)
    reader = TermbReader(library)
    card = reader.read()
    assert (card.name, card.sex, card.ethnicity, card.id_number) == ("张三", "女", "汉", ID_NUMBER)
    assert card.birth_date == dt.date(1949, 12, 31) and card.valid_until is None
    assert card.address == "广东省广州市天河区天河北路123号" and card.issuer == "广州市公安局天河分局"
    assert card.photo.startswith(b"BM") and len(card.photo) > 30_000
    assert "photo" not in repr(card) and "BM" not in repr(card)
    assert not (library.parent / "wz.txt").exists() and not (library.parent / "zp.bmp").exists()
    assert calls(library) == ["InitComm 1001", "Authenticate", "Read_Content 1"]
    reader.read()  # the reader stays open
    assert calls(library)[3:] == ["Authenticate", "Read_Content 1"]
    reader.close()
    assert calls(library)[-1] == "CloseComm"


def test_the_port_is_found_when_not_given(library: Path) -> None:
    (library.parent / "port.txt").write_text("3")  # a serial reader on COM3
    lay_card(library)
    assert TermbReader(library).read().id_number == ID_NUMBER
    opened = [c for c in calls(library) if c.startswith("InitComm")]
    assert opened[:16] == [f"InitComm {p}" for p in range(1001, 1017)] and opened[-1] == "InitComm 3"


def test_no_card_says_so_and_a_card_laid_later_is_read(library: Path) -> None:
    reader = TermbReader(library, port=1001)
    with pytest.raises(NoCard, match="没有身份证"):
        reader.read()
    lay_card(library)
    assert reader.read().name == "张三"


def test_a_reader_not_connected_says_where_it_looked(library: Path) -> None:
    with pytest.raises(ReaderError, match="未连接.*端口 1002"):
        TermbReader(library, port=1002).read()


def test_a_failed_read_leaves_no_files(library: Path) -> None:
    lay_card(library)
    (library.parent / "fail.txt").write_text("")
    with pytest.raises(ReaderError, match="读卡失败"):
        TermbReader(library).read()
    assert not (library.parent / "wz.txt").exists()


def test_files_left_by_an_earlier_crash_are_not_taken_for_this_card(library: Path) -> None:
    lay_card(library)
    (library.parent / "wz.txt").write_bytes(format_wz(card_for("440106198506151001", "王五")))
    assert TermbReader(library).read().name == "张三"


def test_a_missing_library_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="找不到身份证阅读器的驱动库"):
        TermbReader(tmp_path / "libtermb.so").read()


def test_a_library_without_the_interface_is_refused(tmp_path: Path) -> None:
    if shutil.which("gcc") is None:
        pytest.skip("needs gcc")
    source = tmp_path / "other.c"
    source.write_text("int InitComm(int port) { return 1; }\n")
    lib = tmp_path / "libother.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(lib), str(source)], check=True)
    with pytest.raises(ReaderError, match="不是 termb 接口"):
        TermbReader(lib).read()


def test_the_settings_line_picks_the_reader(library: Path, tmp_path: Path) -> None:
    lay_card(library)
    reader = reader_from_spec(f"termb:{library}@1001")
    assert isinstance(reader, TermbReader) and reader.port == 1001 and reader.library == library
    assert reader.read().name == "张三"
    assert reader_from_spec("") is None
    assert reader_from_spec("simulated", tmp_path) is not None
    with pytest.raises(ReaderError, match="不认识"):
        reader_from_spec("nfc")
    with pytest.raises(ReaderError, match="端口"):
        reader_from_spec("termb@usb")
