"""The sync state as the store keeps it, for the status bar: read without the network client.

Kept apart from ``engine`` so that showing the status does not import httpx (and
the command-line tools it pulls in): the window's start does not wait for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.models import outbox
from desktop.models.store import Store, get_meta
from desktop.sync.credentials import load_device

META_LAST_SYNC = "last_sync"
META_ONLINE = "online"
META_FAILURES = "sync_failures"
META_NEXT_ATTEMPT = "sync_next_attempt"
META_LAST_ERROR = "sync_last_error"


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


def _parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    except ValueError:
        return None


def read_status(store: Store) -> SyncStatus:
    """The sync state as stored (no network)."""
    with store.session(readonly=True) as session:
        pending, rejected = outbox.pending_count(session), outbox.rejected_count(session)
        online = get_meta(session, META_ONLINE)
        failures = get_meta(session, META_FAILURES)
        return SyncStatus(
            registered=load_device(store.data_dir) is not None,
            online=None if online is None else online == "true",
            pending=pending,
            rejected=rejected,
            last_sync=_parse_time(get_meta(session, META_LAST_SYNC)),
            next_attempt=_parse_time(get_meta(session, META_NEXT_ATTEMPT)),
            failures=int(failures) if failures and failures.isdigit() else 0,
            last_error=get_meta(session, META_LAST_ERROR),
        )


