"""The review time limit (issue 18.3: one definition for the reviewer's queue and the daily summary).

A case's review starts on the office day it was accepted — or, when an objection during publicity
sent it back, on the day of the latest objection — and must end within its policy's
``review_workdays`` working days: the deadline is the n-th working day after the start (the start
not counted), and the case is overdue on any day after its deadline.
"""

from __future__ import annotations

import datetime as dt

from desktop.models.workdays import WorkCalendar, WorkdayResult


def review_started_at(accepted_at: dt.datetime | None, created_at: dt.datetime,
                      last_objection_at: dt.datetime | None) -> dt.datetime:
    """When the case's review time began: its latest objection, else its acceptance (its filing for old rows)."""
    return last_objection_at or accepted_at or created_at


def review_deadline(calendar: WorkCalendar, started_on: dt.date, workdays: int) -> WorkdayResult:
    return calendar.add_workdays(started_on, workdays)


def overdue_on(calendar: WorkCalendar, started_on: dt.date, workdays: int, day: dt.date) -> bool:
    return day > review_deadline(calendar, started_on, workdays).date


def latest_start_overdue_on(calendar: WorkCalendar, day: dt.date, workdays: int) -> dt.date:
    """The last start day a review may have to be overdue on ``day``: a start *before* this date is
    overdue (the n-th working day counting back from the day before ``day``; ``day`` for n = 0).
    ``start < latest_start_overdue_on(...)`` is ``overdue_on(...)``, as one indexed range for the summary."""
    d, found = day, 0
    while found < workdays:
        d -= dt.timedelta(days=1)
        if calendar.is_workday(d):
            found += 1
    return d
