"""Working-day calendar and the 12-month application window (POLICY.md §3).

Sources of truth, in order, for a given year:

1. an arrangement file loaded by an administrator (``holidays-YYYY.toml``,
   transcribed from 国务院办公厅关于YYYY年部分节假日安排的通知);
2. the ``chinese_calendar`` package for the years it covers;
3. a fallback: Monday–Friday minus every holiday day the law itself fixes
   (国务院《全国年节及纪念日放假办法》: the solar dates, and the lunar and
   solar-term ones computed).  Only the make-up working days and bridged days
   of the State Council's yearly notice are unknown, so dates decided by the
   fallback are *provisional* and every caller must show that.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chinese_calendar

from desktop.models.errors import PolicyError

_FILE_NAME = re.compile(r"holidays-(\d{4})\.toml")
_ALLOWED_KEYS = frozenset({"year", "source", "holidays", "workdays"})


def add_months(d: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day if it has none."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = monthrange(year, month)[1]
    return dt.date(year, month, min(d.day, last))


@dataclass(frozen=True)
class _HolidayRules:
    """One revision of 全国年节及纪念日放假办法: which days of each festival are rest days."""

    spring_festival: tuple[int, ...]  # days from 正月初一 (-1 is 除夕)
    labour_day: tuple[int, ...]  # days of May
    lunar_festivals: bool  # 清明, 端午, 中秋 one day each (from the 2007 revision)


# (in force from year, rules), newest first: the 2024 revision (国务院令第795号) from 2025, the 2013
# one (第644号) from 2014, the 2007 one (第513号) from 2008, the 1999 one (第270号) before.
_REVISIONS = (
    (2025, _HolidayRules(spring_festival=(-1, 0, 1, 2), labour_day=(1, 2), lunar_festivals=True)),
    (2014, _HolidayRules(spring_festival=(0, 1, 2), labour_day=(1,), lunar_festivals=True)),
    (2008, _HolidayRules(spring_festival=(-1, 0, 1), labour_day=(1,), lunar_festivals=True)),
    (0, _HolidayRules(spring_festival=(0, 1, 2), labour_day=(1, 2, 3), lunar_festivals=False)),
)


@functools.lru_cache(maxsize=32)
def statutory_holidays(year: int) -> frozenset[dt.date]:
    """Every holiday day the law fixes in ``year``: 元旦, 春节, 清明, 劳动节, 端午, 中秋 and 国庆, the
    lunar dates and the solar term computed; no make-up working days or bridged days (those come
    with the State Council's yearly notice)."""
    from lunar_python import Lunar  # only years no calendar covers need it

    rules = next(r for since, r in _REVISIONS if year >= since)

    def solar(lunar: Any) -> dt.date:
        return dt.date(lunar.getYear(), lunar.getMonth(), lunar.getDay())

    new_year = solar(Lunar.fromYmd(year, 1, 1).getSolar())
    days = {dt.date(year, 1, 1), *(dt.date(year, 10, d) for d in (1, 2, 3))}
    days |= {dt.date(year, 5, d) for d in rules.labour_day}
    days |= {new_year + dt.timedelta(days=offset) for offset in rules.spring_festival}
    if rules.lunar_festivals:
        days.add(solar(Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]))
        days.add(solar(Lunar.fromYmd(year, 5, 5).getSolar()))
        days.add(solar(Lunar.fromYmd(year, 8, 15).getSolar()))
    return frozenset(days)


@functools.lru_cache(maxsize=1)
def _package_years() -> frozenset[int]:
    """Years chinese_calendar knows, found through its public API so an upgrade widens them."""
    years: set[int] = set()
    for year in range(1990, 2200):
        try:
            chinese_calendar.is_workday(dt.date(year, 7, 1))
        except NotImplementedError:
            continue
        years.add(year)
    return frozenset(years)


@dataclass(frozen=True)
class Arrangement:
    """One year's official holiday arrangement, loaded from a data file."""

    year: int
    source: str
    holidays: frozenset[dt.date]  # rest days that would otherwise be working days
    workdays: frozenset[dt.date]  # make-up working days (调休上班) on weekends
    path: Path

    def is_workday(self, d: dt.date) -> bool:
        if d in self.workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays


def _date_list(value: Any, key: str, year: int, source: str) -> frozenset[dt.date]:
    if not isinstance(value, list):
        raise PolicyError.about(source, key, "calendar.not_a_date_list")
    out: set[dt.date] = set()
    for item in value:
        if isinstance(item, dt.datetime):
            raise PolicyError.about(source, key, "calendar.has_time", item=item, year=year)
        if isinstance(item, str):
            try:
                item = dt.date.fromisoformat(item)
            except ValueError:
                raise PolicyError.about(source, key, "calendar.no_such_date", item=item, year=year) from None
        if not isinstance(item, dt.date):
            raise PolicyError.about(source, key, "calendar.not_a_date", item=item, year=year)
        if item.year != year:
            raise PolicyError.about(source, key, "calendar.other_year", date=item.isoformat(), year=year)
        out.add(item)
    return frozenset(out)


def load_arrangement(path: Path) -> Arrangement:
    """Read and check one ``holidays-YYYY.toml``; a malformed file raises PolicyError."""
    source = path.name
    match = _FILE_NAME.fullmatch(source)
    if match is None:
        raise PolicyError.about(source, "file", "calendar.bad_file_name")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError.about(source, "file", "calendar.bad_toml", error=exc) from None
    unknown = sorted(set(data) - _ALLOWED_KEYS)
    if unknown:
        raise PolicyError.about(source, unknown[0], "calendar.unknown_key")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise PolicyError.about(source, "year", "calendar.bad_year")
    if year != int(match.group(1)):
        raise PolicyError.about(source, "year", "calendar.year_differs", year=year, named=match.group(1))
    text = data.get("source")
    if not isinstance(text, str) or not text.strip():
        raise PolicyError.about(source, "source", "calendar.no_source")
    for key in ("holidays", "workdays"):
        if key not in data:
            raise PolicyError.about(source, key, "calendar.missing_list")
    holidays = _date_list(data["holidays"], "holidays", year, source)
    workdays = _date_list(data["workdays"], "workdays", year, source)
    both = sorted(holidays & workdays)
    if both:
        raise PolicyError.about(source, "workdays", "calendar.both", date=both[0].isoformat())
    # A make-up working day on a weekday is meaningless: almost surely a typo.
    weekday_workdays = sorted(d for d in workdays if d.weekday() < 5)
    if weekday_workdays:
        raise PolicyError.about(source, "workdays", "calendar.weekday_workday", date=weekday_workdays[0].isoformat())
    return Arrangement(year=year, source=text.strip(), holidays=holidays, workdays=workdays, path=path)


@dataclass(frozen=True)
class WorkdayResult:
    date: dt.date
    provisional: bool


class WorkCalendar:
    """Working days of mainland China, with provisional fallback for unknown years.

    ``arrangement_dirs`` are read in order; folders that do not exist are
    skipped, and a later folder's file for a year replaces an earlier one's
    (so an administrator's folder listed last overrides the shipped files).
    ``package_years`` are the years whose ``chinese_calendar`` data is used
    (every year the installed release has, by default; a year it lacks is
    never used): the years a calendar is certain of are what it is told.
    """

    def __init__(self, arrangement_dirs: Iterable[Path] = (), *, package_years: Iterable[int] | None = None) -> None:
        known = _package_years()
        self._package_years = known if package_years is None else known & frozenset(package_years)
        self._arrangements: dict[int, Arrangement] = {}
        for folder in arrangement_dirs:
            folder = Path(folder)
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("holidays-*.toml")):
                arrangement = load_arrangement(path)
                self._arrangements[arrangement.year] = arrangement

    @property
    def arrangements(self) -> dict[int, Arrangement]:
        return dict(self._arrangements)

    def covered_years(self) -> set[int]:
        """Years whose working days are certain (package data or a loaded arrangement)."""
        return set(self._package_years) | set(self._arrangements)

    def is_provisional(self, d: dt.date) -> bool:
        return d.year not in self._arrangements and d.year not in self._package_years

    def is_workday(self, d: dt.date) -> bool:
        if isinstance(d, dt.datetime):
            d = d.date()
        arrangement = self._arrangements.get(d.year)
        if arrangement is not None:
            return arrangement.is_workday(d)
        if d.year in self._package_years:
            return bool(chinese_calendar.is_workday(d))
        return d.weekday() < 5 and d not in statutory_holidays(d.year)

    def next_workday_result(self, d: dt.date) -> WorkdayResult:
        """Like ``next_workday``; provisional if any day looked at was provisional."""
        provisional = self.is_provisional(d)
        while not self.is_workday(d):
            d += dt.timedelta(days=1)
            provisional = provisional or self.is_provisional(d)
        return WorkdayResult(d, provisional)

    def next_workday(self, d: dt.date) -> dt.date:
        """``d`` itself if it is a working day, else the next working day."""
        return self.next_workday_result(d).date

    def add_workdays(self, d: dt.date, n: int) -> WorkdayResult:
        """The date ``n`` working days after ``d`` (``d`` not counted)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        provisional = False
        count = 0
        while count < n:
            d += dt.timedelta(days=1)
            provisional = provisional or self.is_provisional(d)
            if self.is_workday(d):
                count += 1
        return WorkdayResult(d, provisional)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        if end < start:
            raise ValueError("end must not be before start")
        count = 0
        d = start
        while d < end:
            d += dt.timedelta(days=1)
            if self.is_workday(d):
                count += 1
        return count


@dataclass(frozen=True)
class PeriodEnd:
    last_day: dt.date
    nominal_day: dt.date
    provisional: bool


def period_end(start: dt.date, months: int, calendar: WorkCalendar) -> PeriodEnd:
    """Last day of a period of ``months`` months from ``start`` (民法典 第201–203条).

    The day of issue is not counted; the period ends on the corresponding day
    (or the month's last day); a statutory rest day moves it to the next
    working day.  A weekend make-up working day is a working day and stays.
    """
    nominal = add_months(start, months)
    result = calendar.next_workday_result(nominal)
    return PeriodEnd(last_day=result.date, nominal_day=nominal, provisional=result.provisional)


@functools.lru_cache(maxsize=64)
def year_flags(cal: WorkCalendar, year: int) -> tuple[bytes, bytes]:
    """Each day of ``year``: working day? provisional?  Remembered per calendar (a loaded
    calendar never changes), as the holiday package takes tens of microseconds a day asked."""
    first = dt.date(year, 1, 1)
    days = [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]
    return bytes(cal.is_workday(d) for d in days), bytes(cal.is_provisional(d) for d in days)


class WorkdayTable:
    """``WorkCalendar.add_workdays`` and ``workdays_between`` for many dates of one range, from one
    pass over the range (the daily summary's list of overdue reviews may reach back years)."""

    def __init__(self, cal: WorkCalendar, first: dt.date, last: dt.date) -> None:
        self.first = first
        self._workdays_upto: list[int] = []  # working days in [first, first + i]
        self._provisional_upto: list[int] = []
        self._workdays: list[dt.date] = []
        worked = provisional = 0
        for year in range(first.year, last.year + 1):
            workday, maybe = year_flags(cal, year)
            start = first if year == first.year else dt.date(year, 1, 1)
            stop = last if year == last.year else dt.date(year, 12, 31)
            offset = (start - dt.date(year, 1, 1)).days
            for i in range(offset, offset + (stop - start).days + 1):
                if workday[i]:
                    worked += 1
                    self._workdays.append(dt.date(year, 1, 1) + dt.timedelta(days=i))
                provisional += maybe[i]
                self._workdays_upto.append(worked)
                self._provisional_upto.append(provisional)
        self._cal = cal

    def _index(self, d: dt.date) -> int:
        return (d - self.first).days

    def add_workdays(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """The n-th working day after ``start``, and whether any day counted was provisional."""
        k = self._workdays_upto[self._index(start)] + n - 1  # that working day's place in the list
        if n == 0:
            return start, False
        if k >= len(self._workdays):  # past the table (not overdue then): ask the calendar
            result = self._cal.add_workdays(start, n)
            return result.date, result.provisional
        end = self._workdays[k]
        return end, self._provisional_upto[self._index(end)] > self._provisional_upto[self._index(start)]

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
        if end <= start:
            return 0
        return self._workdays_upto[self._index(end)] - self._workdays_upto[self._index(start)]
