"""The counter's copy of the national ledger of subsidies granted (issue 18.1: the domain owns it).

Rows with ``source = 'local'`` are this device's own accepted cases (``cases``); rows with
``source = 'central'`` come from the central system — by a sync round's pull or a field day's
preload — and are written here, by one rule for both paths.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from desktop.models.schema import Ledger

_CHUNK = 500


class CentralEntry(Protocol):
    """A ledger entry as the central system sends it (``wire.LedgerEntry``)."""

    @property
    def case_no(self) -> str: ...
    @property
    def id_number(self) -> str: ...
    @property
    def occupation_code(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def granted_on(self) -> dt.date: ...
    @property
    def shortage(self) -> bool: ...
    @property
    def active(self) -> bool: ...


def write_central_entries(session: Session, entries: Sequence[CentralEntry]) -> int:
    """The central ledger's entries as ``source = 'central'`` rows, one per case number (the newest
    of a case wins; an inactive one removes it).  A case this device accepted is already in its
    ledger (``source = 'local'``): its central copy is not added, so a prior is never counted twice.
    Returns how many entries were read."""
    if not entries:
        return 0
    latest: dict[str, CentralEntry] = {}
    for entry in entries:  # oldest first: the last one of a case wins
        latest[entry.case_no] = entry
    local: set[str] = set()
    for chunk in _chunks(list(latest)):
        session.execute(delete(Ledger).where(Ledger.source == "central", Ledger.case_no.in_(chunk)))
        local.update(n for n in session.scalars(
            select(Ledger.case_no).where(Ledger.source == "local", Ledger.case_no.in_(chunk))) if n is not None)
    rows = [
        {
            "id_number": e.id_number, "occupation_code": e.occupation_code, "level": e.level,
            "granted_on": e.granted_on, "shortage": e.shortage, "source": "central", "case_no": e.case_no,
        }
        for e in latest.values() if e.active and e.case_no not in local
    ]
    if rows:
        session.execute(insert(Ledger), rows)
    return len(entries)


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
