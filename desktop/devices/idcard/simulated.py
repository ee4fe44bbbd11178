"""A reader without hardware, for tests and the demo: the card "on" it is whatever was put there.

``SimulatedReader(cards)`` holds a card until it is taken off; with ``cycle`` the next read gives
the next card (the demo: each 读卡 brings the next applicant).  ``demo_cards`` makes cards for
people of the demo's registry files, so a read finds them in the registry.
"""

from __future__ import annotations

import csv
import datetime as dt
import struct
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path

from desktop.devices.idcard.card import IdCard, NoCard

DEMO_ISSUER = "广州市公安局天河分局"


def sample_photo(seed: str = "") -> bytes:
    """A small grey BMP (102×126, the chip's photo size) shaded by ``seed``: a picture to show."""
    width, height = 102, 126
    shade = zlib.crc32(seed.encode()) % 96 + 96
    row = bytes((shade, shade, shade)) * width
    pad = b"\x00" * ((4 - len(row) % 4) % 4)
    pixels = (row + pad) * height
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


def card_for(id_number: str, name: str, *, address: str = "广东省广州市天河区天河北路123号",
             issued: dt.date = dt.date(2020, 1, 15), years: int | None = 20) -> IdCard:
    """A card for a person (birth date and sex from the number)."""
    birth = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    sex = "男" if int(id_number[16]) % 2 else "女"
    until = None if years is None else issued.replace(year=issued.year + years)
    return IdCard(name=name, sex=sex, ethnicity="汉", birth_date=birth, address=address, id_number=id_number,
                  issuer=DEMO_ISSUER, valid_from=issued, valid_until=until, photo=sample_photo(id_number))


class SimulatedReader:
    label = "模拟读卡器"

    def __init__(self, cards: Iterable[IdCard] = (), *, cycle: bool = False) -> None:
        self._cards = list(cards)
        self._cycle = cycle
        self._lock = threading.Lock()
        self.reads = 0

    def put(self, card: IdCard) -> None:
        """A card laid on the reader (it stays until taken off)."""
        with self._lock:
            self._cards = [card]

    def take(self) -> None:
        with self._lock:
            self._cards = []

    def read(self) -> IdCard:
        with self._lock:
            self.reads += 1
            if not self._cards:
                raise NoCard.of("reader.no_card")
            card = self._cards[0]
            if self._cycle:
                self._cards = [*self._cards[1:], card]
            return card

    def close(self) -> None:
        pass


def demo_cards(data_dir: Path, count: int = 20) -> list[IdCard]:
    """Cards of the last people in the demo's registry file (those the demo gave no case)."""
    path = data_dir / "demo" / "demo-insured.csv"
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError:
        return []
    return [card_for(row["id_number"], row["name"]) for row in rows[-count:][::-1]]
