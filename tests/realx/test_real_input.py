"""Real keyboards, scanners and mice at the intake form (issue 16.1–16.3), through a real X server.

Each test runs twice, on a bare X server (kiosk set-ups) and under openbox: keys and wheel clicks
come from ``xdotool``, so they reach the window as a clerk's devices' do, with the X server's own
timestamps.
"""

from __future__ import annotations

from typing import Any

import pytest
from xdesk import Desk

pytestmark = pytest.mark.gui

ID_X = "11010519491231002X"  # read with Shift for its X
ID_DIGITS = "440106198506151001"
PERSON_MS = 60  # between a person's keys (people type at 0.1 s or slower; this is fast)
SETTLE_S = 3.0  # for what the window does at once (a lookup in the registry may take longer)


def unreadable(state: dict[str, Any]) -> bool:
    return "无法识别" in state["status"]


# --- 16.1 a keyboard-mode scanner or ID-card reader -----------------------------------------------


@pytest.mark.parametrize(("focus", "before", "id_number"), [
    ("intake.bank_name", "ICBC", ID_X),
    ("intake.phone", "13912345678", ID_DIGITS),
    ("intake.contribution_months", 40, ID_DIGITS),
])
def test_an_id_card_reading_fills_the_id_field_wherever_the_focus_is(fresh_case: Desk, focus: str, before: Any,
                                                                     id_number: str) -> None:
    desk = fresh_case
    desk.ask("set", name=focus, value=before)
    desk.ask("focus", name=focus)
    kept = desk.field(focus)
    desk.scan(id_number)
    state = desk.wait_for(lambda s: s["focus"] != focus or unreadable(s), timeout=SETTLE_S)
    assert not unreadable(state), state["status"]
    assert state["fields"]["intake.id_number"] == id_number
    assert state["fields"][focus] == kept, "the reading is taken back out of the field it was typed into"
    name = desk.prepared["people"][id_number]
    desk.wait_for(lambda s: s["fields"]["intake.name"] == name)  # and the person is looked up


@pytest.mark.parametrize("qr", [
    "https://jd.example.gov.cn/zhanchi/p/{case_no}#{code}",  # the progress link receipts carry (issue 19.1)
    "ZHANCHI:{case_no}:{code}",  # receipts printed before it
])
def test_a_receipt_qr_opens_the_case(fresh_case: Desk, qr: str) -> None:
    desk = fresh_case
    case_no, code = desk.prepared["case_no"], desk.prepared["lookup_code"]
    desk.ask("focus", name="intake.phone")
    desk.scan(qr.format(case_no=case_no, code=code))
    stayed = lambda s: s["page"] == "IntakePage" and s["focus"] != "intake.phone"  # noqa: E731 - Enter moved on
    state = desk.wait_for(lambda s: s["case_title"] == case_no or unreadable(s) or stayed(s))
    assert not unreadable(state), state["status"]
    assert state["page"] == "CaseDetailPage" and state["case_title"] == case_no
    assert state["fields"]["intake.phone"] == "", "the reading is taken back out of the field it was typed into"


def test_a_persons_fast_typing_is_never_taken_back(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.employer_name")
    desk.type("ABCDEFGHIJKL", delay_ms=PERSON_MS, enter=True)
    state = desk.wait_for(lambda s: s["focus"] != "intake.employer_name", timeout=SETTLE_S)  # Enter moved on
    assert state["fields"]["intake.employer_name"] == "ABCDEFGHIJKL"
    assert state["fields"]["intake.id_number"] == "" and not unreadable(state)


# --- 16.2 dates typed the way a clerk arrives at them ----------------------------------------------

DATE = "intake.cert_issue_date"


@pytest.mark.parametrize("arrive", ["tab", "click"])
@pytest.mark.parametrize(("typed", "expected"), [("20260601", "2026-06-01"), ("2026-09-07", "2026-09-07")])
def test_a_date_is_typed_into_the_empty_field(fresh_case: Desk, arrive: str, typed: str, expected: str) -> None:
    desk = fresh_case
    desk.ask("show", name=DATE)
    assert desk.field(DATE) == {"date": "2000-01-01", "text": "未填写"}
    if arrive == "tab":
        desk.ask("focus", name="intake.occupation")
        desk.key("Tab")
    else:
        desk.click(DATE, "text")
    desk.wait_for(lambda s: s["focus"] == DATE, timeout=SETTLE_S)
    desk.type(typed, delay_ms=PERSON_MS)
    desk.key("Return")
    state = desk.wait_for(lambda s: s["focus"] != DATE, timeout=SETTLE_S)  # Enter moves on
    assert state["fields"][DATE] == {"date": expected, "text": expected}


@pytest.mark.parametrize("arrive", ["tab", "click"])
def test_a_new_date_typed_over_one_already_there_replaces_it(fresh_case: Desk, arrive: str) -> None:
    desk = fresh_case
    desk.ask("set", name=DATE, value="2025-03-04")
    desk.ask("show", name=DATE)
    if arrive == "tab":
        desk.ask("focus", name="intake.occupation")
        desk.key("Tab")
    else:
        desk.click(DATE, "text")
    desk.wait_for(lambda s: s["focus"] == DATE, timeout=SETTLE_S)
    desk.type("2026-09-07", delay_ms=PERSON_MS)
    desk.key("Return")
    state = desk.wait_for(lambda s: s["focus"] != DATE, timeout=SETTLE_S)  # Enter moves on
    assert state["fields"][DATE] == {"date": "2026-09-07", "text": "2026-09-07"}


def test_the_calendar_opens_at_the_month_of_today(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("show", name=DATE)
    desk.click(DATE, "button")
    state = desk.wait_for(lambda s: s["calendar"] is not None, timeout=SETTLE_S)
    assert (state["calendar"]["year"], state["calendar"]["month"]) == (2026, 11)  # the window's clock: 2026-11-27
    desk.key("Escape")
    state = desk.wait_for(lambda s: s["calendar"] is None, timeout=SETTLE_S)
    assert state["fields"][DATE]["text"] == "未填写"


# --- 16.3 the wheel passing over a field -------------------------------------------------------------

FILLED = {"intake.contribution_months": 40, "intake.cert_level": 2, DATE: "2026-06-01"}


@pytest.mark.parametrize("name", list(FILLED))
def test_the_wheel_over_a_field_without_focus_scrolls_the_form(fresh_case: Desk, name: str) -> None:
    desk = fresh_case
    for field, value in FILLED.items():
        desk.ask("set", name=field, value=value)
    desk.ask("show", name=name)
    before = desk.state()
    assert before["focus"] == "intake.id_number" and before["scroll_max"] > 0
    down = before["scroll"] < before["scroll_max"]
    desk.wheel(name, down=down)
    after = desk.wait_for(lambda s: any(s[k] != before[k] for k in ("scroll", "fields", "focus")), timeout=SETTLE_S)
    assert after["fields"] == before["fields"] and after["focus"] == "intake.id_number"
    assert after["scroll"] != before["scroll"], "the form scrolls instead"


def test_the_wheel_turns_the_field_that_has_the_focus(fresh_case: Desk) -> None:
    desk = fresh_case
    name = "intake.contribution_months"
    desk.ask("set", name=name, value=40)
    desk.ask("focus", name=name)
    desk.wheel(name, down=False, clicks=2)
    desk.wait_for(lambda s: s["fields"][name]["value"] == 42, timeout=SETTLE_S)
