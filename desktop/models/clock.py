"""Time as the office sees it.

Dates of record (application date, the day of a summary, working-day counts)
are in the office's time zone whatever the computer's zone; instants are
stored in UTC.  Services take a ``Clock`` so tests can fix the time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

OFFICE_TZ = "Asia/Shanghai"


@dataclass
class Clock:
    tz_name: str = OFFICE_TZ
    fixed: dt.datetime | None = None  # an aware instant, for tests
    _tz: ZoneInfo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._tz = ZoneInfo(self.tz_name)

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    def now(self) -> dt.datetime:
        """The current instant, aware, in UTC."""
        if self.fixed is not None:
            return self.fixed.astimezone(dt.UTC)
        return dt.datetime.now(dt.UTC)

    def local_now(self) -> dt.datetime:
        return self.now().astimezone(self._tz)

    def today(self) -> dt.date:
        """Today's date in the office's time zone."""
        return self.local_now().date()

    def local_date(self, instant: dt.datetime) -> dt.date:
        return instant.astimezone(self._tz).date()
