"""When the office's figures are due for the national real-name system (issue 15.10).

展翅行动 三(二) (POLICY.md, opening paragraph): the province reports the quarter's claims and
payments through 参保职工技能提升补贴实名制信息采集系统 by the 7th of the month after each quarter's
end (每季度季末的次月7日前), and the year's 展翅行动 summary by 31 January; offices feed those
reports, so the supervisor sees the next due dates and the period each covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

QUARTERLY_DUE_DAY = 7  # of the month after the quarter's last month
ANNUAL_DUE = (1, 31)  # month, day of the year after
BASIS = "展翅行动 三(二)"


@dataclass(frozen=True)
class Deadline:
    kind: str  # quarterly | annual
    due: dt.date
    first: dt.date  # the period the report covers
    last: dt.date

    @property
    def label(self) -> str:
        if self.kind == "annual":
            return f"{self.first.year}年展翅行动工作总结"
        quarter = (self.first.month - 1) // 3 + 1
        return f"{self.first.year}年第{'一二三四'[quarter - 1]}季度技能提升补贴申领和发放情况"

    def describe(self) -> str:
        return (f"{self.due.year}年{self.due.month}月{self.due.day}日前报送{self.label}"
                f"（{self.first.month}月{self.first.day}日至{self.last.month}月{self.last.day}日，{BASIS}）")


def _quarter_of(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, after - dt.timedelta(days=1)


def next_quarterly(today: dt.date) -> Deadline:
    """The first quarterly report not yet due before ``today`` (due on ``today`` counts)."""
    quarter = (today.month - 1) // 3 + 1
    for year, q in ((today.year, quarter - 1), (today.year, quarter)):
        year, q = (year - 1, 4) if q == 0 else (year, q)
        first, last = _quarter_of(year, q)
        due = dt.date(last.year + (last.month == 12), last.month % 12 + 1, QUARTERLY_DUE_DAY)
        if due >= today:
            return Deadline("quarterly", due, first, last)
    raise AssertionError("the current quarter's report is always due after today")


def next_annual(today: dt.date) -> Deadline:
    year = today.year - 1 if (today.month, today.day) <= ANNUAL_DUE else today.year
    return Deadline("annual", dt.date(year + 1, *ANNUAL_DUE), dt.date(year, 1, 1), dt.date(year, 12, 31))


def next_deadlines(today: dt.date) -> tuple[Deadline, ...]:
    """The next quarterly and annual reports, soonest first."""
    return tuple(sorted((next_quarterly(today), next_annual(today)), key=lambda d: d.due))
