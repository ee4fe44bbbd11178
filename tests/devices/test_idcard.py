"""The card's text (wz.txt), the simulated reader, and the devices package's place: no Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.devices.idcard import NoCard, ReaderError
from desktop.devices.idcard.simulated import SimulatedReader, card_for, demo_cards, sample_photo
from desktop.devices.idcard.wz import BOM, SIZE, format_wz, parse_wz


def test_the_text_block_is_256_bytes_of_ucs2_and_reads_back() -> None:
    card = card_for("440106198506151001", "欧阳娜娜", issued=dt.date(2016, 3, 1), years=10)
    raw = format_wz(card)
    assert len(raw) == SIZE == 256
    assert raw[:8].decode("utf-16-le") == "欧阳娜娜"
    back = parse_wz(raw)
    assert back == dataclasses.replace(card, photo=b"")
    assert back.sex == "女" and back.valid_until == dt.date(2026, 3, 1) and back.expired(dt.date(2026, 12, 6))
    assert back.validity_text() == "2016-03-01 至 2026-03-01"


def test_a_byte_order_mark_and_long_term_validity() -> None:
    card = card_for("11010519491231002X", "张三", years=None)
    back = parse_wz(BOM + format_wz(card))
    assert back.valid_until is None and not back.expired(dt.date(2099, 1, 1)) and back.validity_text().endswith("长期")


def test_an_ethnicity_code_is_named() -> None:
    raw = bytearray(format_wz(card_for("11010519491231002X", "张三")))
    raw[32:36] = "11".encode("utf-16-le")  # 民族 11: 满
    assert parse_wz(bytes(raw)).ethnicity == "满"


@pytest.mark.parametrize(("raw", "says"), [
    (b"\x00" * 40, "不完整"),
    (format_wz(card_for("11010519491231002X", "张三")).replace("002X".encode("utf-16-le"), "0021".encode("utf-16-le")),
     "校验不通过"),
    (b"\x00\xd8" * 128, "无法识别"),
])
def test_a_text_that_is_no_card_is_refused_in_words(raw: bytes, says: str) -> None:
    with pytest.raises(ReaderError, match=says):
        parse_wz(raw)


def test_the_simulated_reader_holds_a_card_until_taken() -> None:
    reader = SimulatedReader()
    with pytest.raises(NoCard):
        reader.read()
    card = card_for("11010519491231002X", "张三")
    reader.put(card)
    assert reader.read() == card and reader.read() == card
    reader.take()
    with pytest.raises(NoCard):
        reader.read()


def test_the_demo_reader_brings_the_demo_registry_people_one_after_another(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "demo-insured.csv").write_text(
        "id_number,name\n11010519491231002X,张三\n440106198506151001,王五\n", encoding="utf-8")
    cards = demo_cards(tmp_path)
    assert [c.name for c in cards] == ["王五", "张三"]
    reader = SimulatedReader(cards, cycle=True)
    assert [reader.read().name for _ in range(3)] == ["王五", "张三", "王五"]
    assert demo_cards(tmp_path / "none") == []


def test_the_sample_photo_is_a_bmp_of_the_chip_size() -> None:
    photo = sample_photo("x")
    assert photo[:2] == b"BM" and int.from_bytes(photo[18:22], "little") == 102
    assert int.from_bytes(photo[22:26], "little") == 126


def test_the_devices_never_import_qt() -> None:
    code = ("import sys, desktop.devices.idcard, desktop.devices.idcard.termb, desktop.devices.idcard.simulated, "
            "desktop.devices.printing; print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
