"""The sync state as the store keeps it, for the status bar: read without the network client.

Kept apart from ``engine`` so that showing the status does not import httpx (and
the command-line tools it pulls in): the window's start does not wait for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.models import outbox, sync_state
from desktop.models.store import Store
from desktop.sync.credentials import load_device


@dataclass(frozen=True)
class SyncStatus:
    """For the status bar: online or not, what waits, when the last sync was, when the next try is."""

    registered: bool
    online: bool | None  # None: never tried
    pending: int  # neither applied nor rejected by the central system
    rejected: int  # waiting for a person
    last_sync: dt.datetime | None
    next_attempt: dt.datetime | None  # set while backing off
    failures: int
    last_error: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "registered": self.registered,
            "online": self.online,
            "pending": self.pending,
            "rejected": self.rejected,
            "last_sync": self.last_sync.isoformat() if self.last_sync else None,
            "next_attempt": self.next_attempt.isoformat() if self.next_attempt else None,
            "failures": self.failures,
            "last_error": self.last_error,
        }


def read_status(store: Store) -> SyncStatus:
    """The sync state as stored (no network)."""
    with store.session(readonly=True) as session:
        pending, rejected = outbox.pending_count(session), outbox.rejected_count(session)
        state = sync_state.read(session)
    return SyncStatus(registered=load_device(store.data_dir) is not None, online=state.online, pending=pending,
                      rejected=rejected, last_sync=state.last_sync, next_attempt=state.next_attempt,
                      failures=state.failures, last_error=state.last_error)
