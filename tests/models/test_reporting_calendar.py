"""The reporting calendar of the real-name system (POLICY.md opening paragraph; 展翅行动 三(二))."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.reporting_calendar import next_annual, next_deadlines, next_quarterly

D = dt.date


@pytest.mark.parametrize(
    ("today", "due", "first", "last"),
    [
        (D(2026, 12, 6), D(2027, 1, 7), D(2026, 10, 1), D(2026, 12, 31)),  # Q4 is reported in January
        (D(2027, 1, 7), D(2027, 1, 7), D(2026, 10, 1), D(2026, 12, 31)),  # due today: still the next
        (D(2027, 1, 8), D(2027, 4, 7), D(2027, 1, 1), D(2027, 3, 31)),
        (D(2027, 4, 1), D(2027, 4, 7), D(2027, 1, 1), D(2027, 3, 31)),
        (D(2028, 2, 29), D(2028, 4, 7), D(2028, 1, 1), D(2028, 3, 31)),
        (D(2027, 9, 30), D(2027, 10, 7), D(2027, 7, 1), D(2027, 9, 30)),
    ],
)
def test_the_quarter_is_due_by_the_7th_of_the_month_after_zhanchi_3_2(today: dt.date, due: dt.date,
                                                                       first: dt.date, last: dt.date) -> None:
    deadline = next_quarterly(today)
    assert (deadline.due, deadline.first, deadline.last) == (due, first, last)


def test_the_year_is_due_by_31_january_zhanchi_3_2() -> None:
    assert (next_annual(D(2026, 12, 6)).due, next_annual(D(2026, 12, 6)).first) == (D(2027, 1, 31), D(2026, 1, 1))
    assert next_annual(D(2027, 1, 31)).due == D(2027, 1, 31)
    assert next_annual(D(2027, 2, 1)).due == D(2028, 1, 31)


def test_the_next_deadlines_in_words() -> None:
    quarterly, annual = next_deadlines(D(2026, 12, 6))
    assert quarterly.describe() == ("2027年1月7日前报送2026年第四季度技能提升补贴申领和发放情况"
                                    "（10月1日至12月31日，展翅行动 三(二)）")
    assert annual.describe().startswith("2027年1月31日前报送2026年展翅行动工作总结")
