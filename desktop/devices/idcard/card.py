"""What a reader gives: the card's fields (``IdCard``), and the interface every reader meets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from desktop.models.errors import ZhanchiError


class ReaderError(ZhanchiError):
    """The reader failed (not connected, the library missing, the card unreadable): said in words."""


class NoCard(ReaderError):
    """The reader answers but holds no card (the clerk puts it on and reads again)."""


@dataclass(frozen=True)
class IdCard:
    """A resident identity card as its chip holds it.  ``photo`` is the decoded picture (BMP bytes):
    shown at the counter and dropped, never stored (so it is left out of the repr and of logs)."""

    name: str
    sex: str  # 男 / 女 / 未知的性别 / 未说明的性别 (GB/T 2261.1)
    ethnicity: str  # 汉 … (GB/T 3304)
    birth_date: dt.date
    address: str
    id_number: str
    issuer: str  # 签发机关
    valid_from: dt.date
    valid_until: dt.date | None  # None: 长期
    photo: bytes = field(default=b"", repr=False)

    def expired(self, today: dt.date) -> bool:
        return self.valid_until is not None and self.valid_until < today

    def validity_text(self) -> str:
        end = "长期" if self.valid_until is None else self.valid_until.isoformat()
        return f"{self.valid_from.isoformat()} 至 {end}"


class CardReader(Protocol):
    """A reader SDK behind one interface.  ``read`` blocks (a serial port may take a second): the
    window calls it off its GUI thread.  ``NoCard`` when there is no card on the reader."""

    @property
    def label(self) -> str: ...

    def read(self) -> IdCard: ...

    def close(self) -> None: ...
