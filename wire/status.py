"""The central system's own state: its figures (``/v1/stats``) and whether it answers (``/healthz``)."""

from __future__ import annotations

from typing import Literal

from wire.limits import PROTOCOL_VERSION
from wire.message import Message


class Stats(Message):
    cases: int
    devices: int
    ledger: int
    duplicates_flagged: int


class Health(Message):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION


__all__ = ["Health", "Stats"]
