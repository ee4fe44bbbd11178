"""A field day's preload from the central system: the park's registry rows and the ledger of those
people, fetched with this data folder's credential (``field_mode.start_field_day`` takes it as its
``fetch``).  The domain decides what to do with the rows; only this package talks to the central system."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.models.field_mode import Fetch, Preload
from desktop.models.ledger import CentralEntry
from desktop.models.store import Store
from wire import MAX_FIELD_EMPLOYERS


def central_fetcher(store: Store, *, timeout: float = 60.0) -> Fetch:
    """Fetch a park's rows from the central system.  Raises the sync errors (``NotRegistered``,
    ``CentralUnreachable`` ...) when called."""

    def fetch(usccs: list[str], names: list[str]) -> Preload:
        from desktop.sync.engine import client_for  # the network client (httpx) loads here, off the window's thread

        insured: list[tuple[Any, ...]] = []
        certificates: list[tuple[Any, ...]] = []
        ledger: list[CentralEntry] = []
        unmatched: list[str] = []
        as_of: dt.datetime | None = None
        step = MAX_FIELD_EMPLOYERS
        asks: list[tuple[list[str], list[str]]] = [(usccs[i:i + step], []) for i in range(0, len(usccs), step)]
        asks += [([], names[i:i + step]) for i in range(0, len(names), step)]
        with client_for(store, timeout=timeout) as client:
            for codes, titles in asks:
                answer = client.employers(codes, titles)
                insured += [tuple(r) for r in answer.insured]
                certificates += [tuple(r) for r in answer.certificates]
                ledger += answer.ledger
                unmatched += answer.unmatched
                as_of = answer.server_time if as_of is None else min(as_of, answer.server_time)
        return Preload(insured, certificates, ledger, unmatched, as_of or store.clock.now())

    return fetch
