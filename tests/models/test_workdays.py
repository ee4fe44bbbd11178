"""Working-day calendar and the 12-month window (POLICY.md §3)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.errors import PolicyError
from desktop.models.reference import resource_dir
from desktop.models.rules import Verifier
from desktop.models.workdays import (
    PeriodEnd,
    WorkCalendar,
    WorkdayResult,
    WorkdayTable,
    add_months,
    load_arrangement,
    period_end,
    statutory_holidays,
)

D = dt.date
PROPS = settings(max_examples=100, deadline=None, database=None)

# Hypothetical arrangement for tests only — NOT the real 2027 notice, which
# had not been published when this was written.
TEST_2027 = """\
year = 2027
source = "测试用假想安排（非正式通知）"
holidays = [2027-01-01, 2027-10-01, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]
workdays = [2027-10-09]
"""


# The years of chinese-calendar 1.11, which these tests were written against (pyproject pins it).
# Calendars here are told them, so a release that adds a year changes no expectation below.
TESTED_PACKAGE_YEARS = range(2004, 2027)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(package_years=TESTED_PACKAGE_YEARS)


def test_the_installed_holiday_package_is_the_release_the_tests_assume() -> None:
    """The dependency's range (pyproject.toml) keeps fresh installs on the release these tests and
    the verdict tests were run with; a new release (each November) means bumping the pin with them."""
    assert WorkCalendar().covered_years() == set(TESTED_PACKAGE_YEARS)


def test_a_calendar_uses_only_the_package_years_it_is_told() -> None:
    told = WorkCalendar(package_years=range(2004, 2018))
    assert told.is_provisional(D(2018, 2, 11)) and not told.is_provisional(D(2017, 6, 1))
    assert not told.is_workday(D(2018, 2, 11))  # a Sunday: the package's make-up day is not used
    assert WorkCalendar(package_years=[2101]).covered_years() == set()  # no release has 2101


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- add_months


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2017, 3, 15), 12, D(2018, 3, 15)),
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2017, 3, 31), 1, D(2017, 4, 30)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 12, 15), 1, D(2024, 1, 15)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2017, 5, 15), 0, D(2017, 5, 15)),
    ],
)
def test_add_months(start: dt.date, months: int, end: dt.date) -> None:
    """POLICY.md §3: corresponding day, or the last day of a month that has none."""
    assert add_months(start, months) == end


@PROPS
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(min_value=0, max_value=120))
def test_property_add_months(start: dt.date, months: int) -> None:
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    if end.day != start.day:
        assert end.day < start.day
        assert (end + dt.timedelta(days=1)).day == 1  # clamped to the month's last day


# ---------------------------------------------------------------- POLICY.md §3 examples


@pytest.mark.parametrize(
    ("issued", "nominal", "last"),
    [
        pytest.param(D(2017, 3, 15), D(2018, 3, 15), D(2018, 3, 15), id="corresponding-day"),
        pytest.param(D(2020, 2, 29), D(2021, 2, 28), D(2021, 3, 1), id="no-corresponding-day-then-sunday"),
        pytest.param(D(2017, 4, 15), D(2018, 4, 15), D(2018, 4, 16), id="sunday"),
        pytest.param(D(2017, 10, 1), D(2018, 10, 1), D(2018, 10, 8), id="national-day"),
        pytest.param(D(2017, 2, 11), D(2018, 2, 11), D(2018, 2, 11), id="make-up-working-sunday-stays"),
    ],
)
def test_policy_section_3_examples(cal: WorkCalendar, issued: dt.date, nominal: dt.date, last: dt.date) -> None:
    """POLICY.md §3: the day of issue is not counted; ends on the corresponding day 12 months
    later (or the month's last day), moved to the next working day if a statutory rest day."""
    assert period_end(issued, 12, cal) == PeriodEnd(last_day=last, nominal_day=nominal, provisional=False)


def test_window_ending_in_uncovered_year_is_provisional(cal: WorkCalendar) -> None:
    """POLICY.md §3: a window ending in a year chinese-calendar does not cover is provisional."""
    result = period_end(D(2026, 3, 15), 12, cal)
    assert result == PeriodEnd(last_day=D(2027, 3, 15), nominal_day=D(2027, 3, 15), provisional=True)
    # Fallback knows National Day 1-3 Oct: Fri 2027-10-01 → Mon 2027-10-04.
    result = period_end(D(2026, 10, 1), 12, cal)
    assert result == PeriodEnd(last_day=D(2027, 10, 4), nominal_day=D(2027, 10, 1), provisional=True)


@pytest.mark.parametrize(
    ("nominal", "last"),
    [
        (D(2027, 2, 5), D(2027, 2, 9)),  # 除夕 (Friday) → past 初一–初三 (Sat–Mon)
        (D(2027, 2, 8), D(2027, 2, 9)),  # 正月初三, a Monday
        (D(2027, 4, 5), D(2027, 4, 6)),  # 清明, a Monday
        (D(2027, 6, 9), D(2027, 6, 10)),  # 端午, a Wednesday
        (D(2027, 9, 15), D(2027, 9, 16)),  # 中秋, a Wednesday
        (D(2027, 5, 1), D(2027, 5, 3)),  # 劳动节 May 1–2 (Sat–Sun)
    ],
)
def test_uncovered_year_counts_the_holidays_the_law_fixes_policy_3(cal: WorkCalendar, nominal: dt.date,
                                                                    last: dt.date) -> None:
    """POLICY.md §3 (民法典 第203条): in a year no calendar covers, a window ending on a statutory
    holiday — the lunar and solar-term ones computed — ends on the next working day, provisionally."""
    issued = D(nominal.year - 1, nominal.month, nominal.day)
    assert period_end(issued, 12, cal) == PeriodEnd(last_day=last, nominal_day=nominal, provisional=True)


def test_a_year_no_release_will_cover_still_counts_the_law_policy_3(cal: WorkCalendar) -> None:
    assert statutory_holidays(2101) >= {D(2101, 1, 28), D(2101, 1, 29), D(2101, 4, 5), D(2101, 10, 1)}
    assert period_end(D(2100, 4, 5), 12, cal) == PeriodEnd(D(2101, 4, 6), D(2101, 4, 5), provisional=True)


@pytest.mark.parametrize("year", range(2008, 2027))
def test_the_computed_holidays_agree_with_the_official_calendar(year: int) -> None:
    """Every day the law fixes, computed for a year the package covers (from the State Council's
    notices), is a rest day there: the lunar and solar-term arithmetic is right."""
    assert not [d for d in statutory_holidays(year) if chinese_calendar.is_workday(d)]
    revision = 4 if year >= 2025 else 3
    spring = [d for d in statutory_holidays(year) if d.month in (1, 2) and d != D(year, 1, 1)]
    assert len(spring) == revision


def test_loaded_arrangement_makes_window_certain(tmp_path: Path) -> None:
    """POLICY.md §3: an administrator loads the year's arrangement as data; its holidays count
    and the dates are no longer provisional."""
    write(tmp_path, "holidays-2027.toml", TEST_2027)
    cal = WorkCalendar([tmp_path])
    assert period_end(D(2026, 3, 15), 12, cal) == PeriodEnd(D(2027, 3, 15), D(2027, 3, 15), False)
    # The loaded holidays run to 10-07 (a fallback would have stopped at 10-03).
    assert period_end(D(2026, 10, 1), 12, cal) == PeriodEnd(D(2027, 10, 8), D(2027, 10, 1), False)
    assert cal.is_workday(D(2027, 10, 9))  # a Saturday listed as make-up working day
    assert 2027 in cal.covered_years()
    assert not cal.is_provisional(D(2027, 6, 1))
    assert cal.is_provisional(D(2028, 6, 1))


def test_window_ending_on_a_weekday_holiday_in_covered_year(cal: WorkCalendar) -> None:
    """POLICY.md §3: a public holiday on a weekday also moves the end (2019-02-05 春节, Tuesday)."""
    result = period_end(D(2018, 2, 5), 12, cal)
    assert result.nominal_day == D(2019, 2, 5)
    assert result.last_day == D(2019, 2, 11)
    assert not result.provisional


@PROPS
@given(st.dates(min_value=D(2004, 1, 1), max_value=D(2027, 12, 31)))
def test_property_period_end_is_first_working_day_from_nominal(issued: dt.date) -> None:
    cal = WorkCalendar(package_years=TESTED_PACKAGE_YEARS)
    result = period_end(issued, 12, cal)
    assert result.nominal_day == add_months(issued, 12)
    assert cal.is_workday(result.last_day)
    d = result.nominal_day
    while d < result.last_day:
        assert not cal.is_workday(d)
        d += dt.timedelta(days=1)
    assert result.provisional == (result.last_day.year >= 2027 or result.nominal_day.year >= 2027)


# ---------------------------------------------------------------- calendar basics


def test_chinese_calendar_years_are_certain(cal: WorkCalendar) -> None:
    years = cal.covered_years()
    assert set(range(2004, 2027)) <= years
    assert 2027 not in years
    assert not cal.is_provisional(D(2018, 2, 11))
    assert cal.is_provisional(D(2027, 1, 4))


def test_make_up_working_day_and_holiday_in_covered_year(cal: WorkCalendar) -> None:
    """POLICY.md §3: Sunday 2018-02-11 was a make-up working day; 2018-10-01 a holiday."""
    assert cal.is_workday(D(2018, 2, 11))
    assert not cal.is_workday(D(2018, 10, 1))
    assert not cal.is_workday(D(2018, 4, 15))


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (D(2027, 1, 1), False),  # New Year, Friday
        (D(2027, 1, 4), True),
        (D(2027, 1, 2), False),  # Saturday
        (D(2028, 5, 1), False),
        (D(2028, 5, 2), False),  # 5月2日 a holiday from 2025 on
        (D(2028, 5, 3), True),
        (D(2028, 10, 3), False),
        (D(2028, 10, 4), True),  # 中秋 2028 falls on 国庆 (10-03); extra days are not guessed
        (D(2027, 2, 8), False),  # 正月初三: the lunar holidays are computed
        (D(2027, 2, 9), True),  # a bridged day would come with the notice: not guessed
    ],
)
def test_fallback_for_uncovered_years(cal: WorkCalendar, day: dt.date, workday: bool) -> None:
    """POLICY.md §3: Monday–Friday less the holiday days the law fixes, marked provisional."""
    assert cal.is_workday(day) is workday
    assert cal.is_provisional(day)


def test_next_workday(cal: WorkCalendar) -> None:
    assert cal.next_workday(D(2018, 3, 15)) == D(2018, 3, 15)
    assert cal.next_workday(D(2018, 10, 1)) == D(2018, 10, 8)
    assert cal.next_workday_result(D(2026, 12, 31)) == WorkdayResult(D(2026, 12, 31), False)
    assert cal.next_workday_result(D(2027, 1, 1)) == WorkdayResult(D(2027, 1, 4), True)


def test_add_workdays_counts_make_up_days(cal: WorkCalendar) -> None:
    """POLICY.md §3: the same calendar counts service limits (publicity of 5 working days)."""
    # 2018-09-29/30 were make-up working days before the National Day week.
    assert cal.add_workdays(D(2018, 9, 28), 5) == WorkdayResult(D(2018, 10, 10), False)
    assert cal.add_workdays(D(2018, 9, 30), 1) == WorkdayResult(D(2018, 10, 8), False)
    assert cal.add_workdays(D(2018, 3, 15), 0) == WorkdayResult(D(2018, 3, 15), False)


def test_add_workdays_into_uncovered_year_is_provisional(cal: WorkCalendar) -> None:
    assert cal.add_workdays(D(2026, 12, 30), 3) == WorkdayResult(D(2027, 1, 5), True)
    assert cal.add_workdays(D(2026, 12, 29), 2) == WorkdayResult(D(2026, 12, 31), False)


def test_add_workdays_rejects_negative(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_workdays(D(2018, 3, 15), -1)


def test_workdays_between(cal: WorkCalendar) -> None:
    assert cal.workdays_between(D(2018, 9, 28), D(2018, 10, 10)) == 5
    assert cal.workdays_between(D(2018, 9, 28), D(2018, 9, 28)) == 0
    assert cal.workdays_between(D(2018, 3, 12), D(2018, 3, 18)) == 4  # Tue–Fri after Monday
    with pytest.raises(ValueError):
        cal.workdays_between(D(2018, 3, 18), D(2018, 3, 12))


@PROPS
@given(st.dates(min_value=D(2016, 1, 1), max_value=D(2027, 6, 30)), st.integers(min_value=0, max_value=30))
def test_property_add_workdays_and_between_agree(start: dt.date, n: int) -> None:
    cal = WorkCalendar(package_years=TESTED_PACKAGE_YEARS)
    result = cal.add_workdays(start, n)
    assert cal.workdays_between(start, result.date) == n
    if n:
        assert cal.is_workday(result.date)


# ---------------------------------------------------------------- arrangement files


def test_example_file_is_not_loaded_and_matches_chinese_calendar(tmp_path: Path) -> None:
    """The shipped example (real 2025 arrangement) is ignored by name, and, once renamed,
    gives the same working days as chinese-calendar for every day of 2025."""
    shipped = resource_dir() / "holidays"
    assert WorkCalendar([shipped]).arrangements.keys() <= set(range(2027, 2100))
    shutil.copy(shipped / "example-holidays-YYYY.toml.txt", tmp_path / "holidays-2025.toml")
    cal = WorkCalendar([tmp_path])
    assert cal.arrangements[2025].source == "国务院办公厅关于2025年部分节假日安排的通知"
    d = D(2025, 1, 1)
    while d.year == 2025:
        assert cal.is_workday(d) == chinese_calendar.is_workday(d), d
        d += dt.timedelta(days=1)


def test_loaded_arrangement_overrides_chinese_calendar(tmp_path: Path) -> None:
    write(tmp_path, "holidays-2018.toml", 'year = 2018\nsource = "测试"\nholidays = [2018-03-15]\nworkdays = []\n')
    cal = WorkCalendar([tmp_path])
    assert not cal.is_workday(D(2018, 3, 15))
    assert not cal.is_workday(D(2018, 2, 11))  # the package's make-up day is not in this file


def test_later_folder_replaces_earlier(tmp_path: Path) -> None:
    first, second = tmp_path / "shipped", tmp_path / "admin"
    first.mkdir()
    second.mkdir()
    write(first, "holidays-2027.toml", 'year = 2027\nsource = "旧"\nholidays = []\nworkdays = []\n')
    write(second, "holidays-2027.toml", TEST_2027)
    cal = WorkCalendar([first, second, tmp_path / "missing"])
    assert cal.arrangements[2027].source.startswith("测试用")
    assert not cal.is_workday(D(2027, 10, 4))


def test_string_dates_are_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path, "holidays-2027.toml", 'year = 2027\nsource = "测试"\nholidays = ["2027-01-01"]\nworkdays = []\n'
    )
    assert load_arrangement(path).holidays == frozenset({D(2027, 1, 1)})


@pytest.mark.parametrize(
    ("name", "text", "key"),
    [
        ("holidays-2027.toml", "year = 2027\nsource = \n", "file"),
        ("holidays-2027.toml", 'year = 2026\nsource = "x"\nholidays = []\nworkdays = []\n', "year"),
        ("holidays-2027.toml", 'year = "2027"\nsource = "x"\nholidays = []\nworkdays = []\n', "year"),
        ("holidays-2027.toml", "year = 2027\nholidays = []\nworkdays = []\n", "source"),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nworkdays = []\n', "holidays"),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nholidays = [2028-01-01]\nworkdays = []\n', "holidays"),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nholidays = ["1月1日"]\nworkdays = []\n', "holidays"),
        (
            "holidays-2027.toml",
            'year = 2027\nsource = "x"\nholidays = [2027-01-01T08:00:00]\nworkdays = []\n',
            "holidays",
        ),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nholidays = 2027-01-01\nworkdays = []\n', "holidays"),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nholidays = [5]\nworkdays = []\n', "holidays"),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nholidays = []\nworkdays = [2027-01-04]\n', "workdays"),
        (
            "holidays-2027.toml",
            'year = 2027\nsource = "x"\nholidays = [2027-01-02]\nworkdays = [2027-01-02]\n',
            "workdays",
        ),
        ("holidays-2027.toml", 'year = 2027\nsource = "x"\nholidays = []\nworkdays = []\nworkday = []\n', "workday"),
        ("holidays-next.toml", 'year = 2027\nsource = "x"\nholidays = []\nworkdays = []\n', "file"),
    ],
)
def test_malformed_arrangement_raises_policy_error(tmp_path: Path, name: str, text: str, key: str) -> None:
    write(tmp_path, name, text)
    with pytest.raises(PolicyError) as exc:
        WorkCalendar([tmp_path])
    assert exc.value.source == name
    assert exc.value.key == key


def test_non_utf8_file_raises_policy_error(tmp_path: Path) -> None:
    (tmp_path / "holidays-2027.toml").write_bytes('year = 2027\nsource = "国务院"\n'.encode("gbk"))
    with pytest.raises(PolicyError) as exc:
        WorkCalendar([tmp_path])
    assert exc.value.key == "file"


def test_calendar_table_agrees_with_the_calendar() -> None:
    """The table the daily summary counts many deadlines with gives what the calendar gives."""
    cal = Verifier.load().calendar
    first, last = dt.date(2025, 12, 1), dt.date(2027, 3, 1)  # into a year the holiday package does not cover
    table = WorkdayTable(cal, first, last)
    for offset in range(0, (last - first).days - 40, 3):
        start = first + dt.timedelta(days=offset)
        for n in (0, 1, 5, 10):
            expected = cal.add_workdays(start, n)
            assert table.add_workdays(start, n) == (expected.date, expected.provisional), (start, n)
        end = start + dt.timedelta(days=17)
        assert table.workdays_between(start, end) == cal.workdays_between(start, end)
