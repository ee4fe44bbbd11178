"""Is the computer's clock plausible?  A clock set wrong files cases on wrong dates.

The audit trail's newest entry is a lower bound for "now" on this computer:
a clock behind it has been set back.  A clock far ahead of it (more than a
year) is more likely mistyped than a counter left unused that long.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from desktop.models.schema import AuditLog
from desktop.models.store import Store

TOLERANCE = dt.timedelta(minutes=10)  # clocks drift and are corrected by a few minutes
FAR_AHEAD = dt.timedelta(days=400)


def clock_warning(store: Store) -> str | None:
    """A sentence for the person at the counter, or None when the clock looks right."""
    with store.session(readonly=True) as session:
        newest_seq = session.scalar(select(func.max(AuditLog.seq)))
        if newest_seq is None:
            return None
        newest = session.scalar(select(AuditLog.at).where(AuditLog.seq == newest_seq))
    if newest is None:
        return None
    newest_at = dt.datetime.fromisoformat(newest)  # stored as UTC ISO text (``schema.utc_text``)
    now = store.clock.now()
    local = store.clock.tz

    def shown(instant: dt.datetime) -> str:
        return instant.astimezone(local).strftime("%Y-%m-%d %H:%M")

    if now < newest_at - TOLERANCE:
        return (f"电脑时间（{shown(now)}）早于本机最近一次操作的时间（{shown(newest_at)}），"
                "时间可能被调错：申请日期和期限会因此出错，请先校准电脑时间")
    if now > newest_at + FAR_AHEAD:
        return (f"电脑时间（{shown(now)}）比本机最近一次操作（{shown(newest_at)}）晚一年以上，"
                "请确认电脑时间是否正确")
    return None
