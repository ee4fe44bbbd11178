"""The sync state as the data folder keeps it (issue 18.1): when the last round succeeded, whether
the central system answered, how many rounds failed in a row and when the next try is due.

The sync client (``desktop.sync``) changes it through these functions and nothing else; the status
bar, reports, documents and the field sheet read it here, without importing the network client.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session

from desktop.models.schema import Meta
from desktop.models.store import get_meta, set_meta

META_LAST_SYNC = "last_sync"
META_ONLINE = "online"
META_FAILURES = "sync_failures"
META_NEXT_ATTEMPT = "sync_next_attempt"
META_LAST_ERROR = "sync_last_error"
MAX_ERROR_TEXT = 500


@dataclass(frozen=True)
class SyncState:
    online: bool | None  # None: never tried
    last_sync: dt.datetime | None
    next_attempt: dt.datetime | None  # set while backing off
    failures: int
    last_error: str | None


def parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    except ValueError:
        return None


def last_sync(session: Session) -> dt.datetime | None:
    """When a sync round last succeeded (None: never)."""
    return parse_time(get_meta(session, META_LAST_SYNC))


def next_attempt(session: Session) -> dt.datetime | None:
    return parse_time(get_meta(session, META_NEXT_ATTEMPT))


def read(session: Session) -> SyncState:
    online = get_meta(session, META_ONLINE)
    failures = get_meta(session, META_FAILURES)
    return SyncState(
        online=None if online is None else online == "true",
        last_sync=last_sync(session),
        next_attempt=next_attempt(session),
        failures=int(failures) if failures and failures.isdigit() else 0,
        last_error=get_meta(session, META_LAST_ERROR),
    )


def mark_success(session: Session, at: dt.datetime) -> str:
    """A round succeeded at ``at``: online, no failures, no back-off.  Returns the stamp kept."""
    stamp = at.astimezone(dt.UTC).isoformat(timespec="seconds")
    set_meta(session, META_LAST_SYNC, stamp)
    set_meta(session, META_ONLINE, "true")
    set_meta(session, META_FAILURES, "0")
    session.execute(delete(Meta).where(Meta.key.in_((META_NEXT_ATTEMPT, META_LAST_ERROR))))
    return stamp


def mark_failure(session: Session, at: dt.datetime, *, unreachable: bool, error: str,
                 backoff: Callable[[int], float]) -> int:
    """A round failed at ``at``: one more failure in a row, the next try ``backoff(failures)``
    seconds later; whether the central system answered at all.  Returns the failures in a row."""
    failures = read(session).failures + 1
    set_meta(session, META_FAILURES, str(failures))
    set_meta(session, META_NEXT_ATTEMPT, (at + dt.timedelta(seconds=backoff(failures))).astimezone(dt.UTC).isoformat())
    set_meta(session, META_ONLINE, "false" if unreachable else "true")
    set_meta(session, META_LAST_ERROR, error[:MAX_ERROR_TEXT])
    return failures
