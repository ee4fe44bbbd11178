"""Daily summary and monthly report figures (desktop.models.reports) over crafted cases.

Cases are filed and moved through the real services with the store's clock set to each
event's time (the back office's moves through its services: review, publicity, approval,
payment files), so the audit trail, the outbox and the case rows are what the counter writes.
Times are Beijing time; the tests run with the process in UTC to prove the office day is
the office's, not the computer's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, text

from desktop.models import cases, outbox, publicity
from desktop.models.application import Intake
from desktop.models.cases import SERVICE_MOVES, CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput
from desktop.models.identity import id_check_character
from desktop.models.policy import PolicyBook
from desktop.models.reports import (
    FLOWS,
    Tally,
    daily_summary,
    monthly_report,
    parse_month,
    prefecture_of,
    quarterly_report,
    review_limits,
)
from desktop.models.rules import Verifier
from desktop.models.schema import RiskFlag
from desktop.models.staff import StaffUser
from desktop.models.store import Store

BEIJING = ZoneInfo("Asia/Shanghai")
AMOUNTS = {5: 1000, 4: 1500, 3: 2000}


@pytest.fixture(autouse=True)
def machine_on_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's zone is UTC: office dates must still be Beijing dates."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


def beijing(text_value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text_value).replace(tzinfo=BEIJING)


def person(i: int) -> str:
    first17 = f"440106198001{1 + i % 28:02d}{i % 1000:03d}"
    return first17 + id_check_character(first17)


class Office:
    """Files and moves cases at given Beijing times through the real services."""

    def __init__(self, store: Store, clock: Clock, make_staff: Callable[..., StaffUser],
                 make_intake: Callable[..., Intake], advance: Any) -> None:
        self.store, self.clock, self.make_intake, self.advance = store, clock, make_intake, advance
        self.at("2026-11-01 09:00")  # accounts first: the audit trail is written in time order
        self.staff = {name: make_staff(role, name) for name, role in (
            ("clerk1", "clerk"), ("clerk2", "clerk"), ("rev", "reviewer"), ("appr", "approver"))}
        self.count = 0

    def at(self, when: str) -> None:
        self.clock.fixed = beijing(when)

    def file(self, when: str, *, clerk: str = "clerk1", level: int = 4, accept: bool = True,
             employer: str = "广州市某机械有限公司", region: str = "440106",
             occupation: tuple[str, str] = ("6-18-01-01", "车工"), application_date: str | None = None,
             policy: str = "cn-2025", applicant: int | None = None) -> CaseRecord:
        self.at(when)
        self.count += 1
        day = application_date or beijing(when).date().isoformat()
        who = self.count if applicant is None else applicant  # the same person again: another certificate
        intake = self.make_intake(
            applicant={"name": f"申请人{who}", "id_number": person(who)},
            insured_region=region,
            application_date=day,
            certificate={"number": f"S00014400012317{level}{self.count:06d}", "kind": "skill_level", "level": level,
                         "occupation_code": occupation[0], "occupation_name": occupation[1],
                         "issue_date": "2026-06-01"},
            employer={"name": employer, "uscc": ""},
            payment={"kind": "bank", "account": f"62220202{self.count:011d}", "bank_name": "工商银行",
                     "holder_name": f"申请人{self.count}"},  # each their own account: no risk flag
        )
        amount = AMOUNTS[level]
        return cases.create_case(
            self.store, self.staff[clerk], intake,
            verdict={"eligible": True, "amount_yuan": amount, "policy": policy, "checks": []},
            eligible=True, amount_yuan=amount, policy_id=policy,
            state=State.accepted if accept else State.draft,
        )

    def move(self, when: str, case: CaseRecord, to: State, who: str, note: str | None = None) -> CaseRecord:
        """A generic move through ``cases.transition``; passing the review, approval and payment
        through their services (a case is approved once its publicity batch, ``publish``, has run
        its period: closed at ``when``, then approved)."""
        self.at(when)
        current = cases.get_case(self.store, case.id).state
        if (current, to) in SERVICE_MOVES:
            role = "reviewer" if to is State.publicized else "approver"
            return self.advance(case, to, note=note, **{role: self.staff[who]})
        return cases.transition(self.store, self.staff[who], case.id, to, note=note)

    def publish(self, when: str, *cases_: CaseRecord) -> publicity.Batch:
        """A publicity batch of these (passed) cases, published at ``when``."""
        self.at(when)
        batch = publicity.create_batch(self.store, self.staff["rev"], [c.id for c in cases_])
        return publicity.publish_batch(self.store, self.advance.verifier, self.staff["rev"], batch.id)


@pytest.fixture
def office(store: Store, clock: Clock, make_staff: Callable[..., StaffUser],
           make_intake: Callable[..., Intake], advance: Any) -> Office:
    return Office(store, clock, make_staff, make_intake, advance)


@pytest.fixture
def week(office: Office) -> dict[str, CaseRecord]:
    return file_the_week(office)


def file_the_week(office: Office) -> dict[str, CaseRecord]:
    """Three office days, Wednesday 25 to Friday 27 November 2026 (today, 10:00)."""
    c: dict[str, CaseRecord] = {}
    # The week before: a case reviewed and publicized, its period over on Wednesday 25.
    c["veteran"] = office.file("2026-11-16 09:00", clerk="clerk1", level=4)
    office.move("2026-11-16 14:00", c["veteran"], State.under_review, "rev")
    office.move("2026-11-17 10:00", c["veteran"], State.publicized, "rev")
    office.publish("2026-11-18 09:00", c["veteran"])  # 18 to 25 November
    # Wednesday 25
    c["early"] = office.file("2026-11-25 07:30", clerk="clerk1", level=4)  # 24 Nov 23:30 UTC
    c["two"] = office.file("2026-11-25 09:00", clerk="clerk1", level=5, employer="广州市某纺织有限公司")
    c["draft"] = office.file("2026-11-25 10:00", clerk="clerk2", level=3, accept=False)
    c["late"] = office.file("2026-11-25 23:50", clerk="clerk2", level=3)  # 15:50 UTC, still the 25th
    # Thursday 26
    c["midnight"] = office.file("2026-11-26 00:10", clerk="clerk1", level=5)  # 25 Nov 16:10 UTC: the 26th
    office.move("2026-11-26 09:00", c["early"], State.under_review, "rev")
    office.move("2026-11-26 09:05", c["two"], State.under_review, "rev")
    office.move("2026-11-26 10:00", c["two"], State.rejected, "rev", note="证书核验不通过")
    office.move("2026-11-26 11:00", c["early"], State.publicized, "rev")
    office.move("2026-11-26 14:00", c["draft"], State.accepted, "clerk2")
    # Friday 27: the publicity over, approved and paid the same morning
    office.move("2026-11-27 08:00", c["veteran"], State.approved, "appr")
    office.move("2026-11-27 09:00", c["veteran"], State.paid, "appr")
    office.at("2026-11-27 10:00")
    return c


def flows(summary: Any) -> dict[str, tuple[int, int]]:
    return {f: (summary[f].count, summary[f].amount_yuan) for f in FLOWS if summary[f].count}


# --- the daily summary ------------------------------------------------------------------------


def test_flows_of_each_office_day(store: Store, verifier: Verifier, week: dict[str, CaseRecord]) -> None:
    wed = daily_summary(store, dt.date(2026, 11, 25), verifier=verifier)
    assert flows(wed) == {"received": (4, 6500), "accepted": (3, 4500)}
    # Issue 17.8: a past day as of its end — the draft was still a draft at midnight (accepted the next day).
    assert wed.complete and wed.drafts_received == 1

    thu = daily_summary(store, dt.date(2026, 11, 26), verifier=verifier)
    assert flows(thu) == {"received": (1, 1000), "accepted": (2, 3000), "rejected": (1, 1000),
                          "publicized": (1, 1500)}

    fri = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier)
    # Approved then paid the same day: both count (the case's last change alone would say "paid").
    assert flows(fri) == {"approved": (1, 1500), "paid": (1, 1500)}
    assert not fri.complete  # 10:00: the day is still running


def test_entries_written_before_they_carried_the_figures_count_the_same(
        store: Store, verifier: Verifier, office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17.8: a state change's entry carries the case's level, amount and dispute flag (``cases.figures``);
    a trail written before it did (an upgraded office) gives the same figures from the cases themselves."""
    with monkeypatch.context() as old_version:
        old_version.setattr(cases, "figures", lambda row: {})
        file_the_week(office)
    with store.session(readonly=True) as session:
        recorded = [json.loads(a)[cases.FIGURES_KEY] for (a,) in session.execute(
            text("SELECT after_json FROM audit_log WHERE action = 'case.accept'"))]
    assert recorded and all(r == {} for r in recorded), "the trail is as an older version wrote it"
    wed = daily_summary(store, dt.date(2026, 11, 25), verifier=verifier)
    assert flows(wed) == {"received": (4, 6500), "accepted": (3, 4500)}
    assert {lv.level: lv["accepted"] for lv in wed.by_level if lv["accepted"].count} == {
        5: Tally(1, 1000), 4: Tally(1, 1500), 3: Tally(1, 2000)}
    thu = daily_summary(store, dt.date(2026, 11, 26), verifier=verifier)
    assert flows(thu) == {"received": (1, 1000), "accepted": (2, 3000), "rejected": (1, 1000),
                          "publicized": (1, 1500)}
    assert flows(daily_summary(store, dt.date(2026, 11, 26), "440300", verifier=verifier)) == {}


def test_a_change_records_the_figures_it_is_counted_by(store: Store, office: Office) -> None:
    case_ = office.file("2026-11-25 09:00", level=5)
    with store.session(readonly=True) as session:
        (after,) = session.execute(text("SELECT after_json FROM audit_log WHERE action = 'case.accept'")).one()
    assert json.loads(after)[cases.FIGURES_KEY] == {
        "office_code": case_.office_code, "cert_level": 5, "amount_yuan": 1000, "disputed": False,
        "accepted_at": "2026-11-25T01:00:00.000000+00:00"}


def test_a_case_taken_at_0730_beijing_counts_on_that_beijing_date(store: Store, verifier: Verifier,
                                                                   office: Office) -> None:
    office.file("2026-11-25 07:30", level=4)
    assert time.localtime().tm_gmtoff == 0  # the machine is on UTC, where it is still the 24th
    assert daily_summary(store, dt.date(2026, 11, 25), verifier=verifier)["accepted"] == Tally(1, 1500)
    assert daily_summary(store, dt.date(2026, 11, 24), verifier=verifier)["accepted"] == Tally(0, 0)
    assert daily_summary(store, dt.date(2026, 11, 24), verifier=verifier)["received"] == Tally(0, 0)


def test_by_level_by_clerk_and_employers(store: Store, verifier: Verifier, week: dict[str, CaseRecord]) -> None:
    wed = daily_summary(store, dt.date(2026, 11, 25), verifier=verifier)
    levels = {lv.level: (lv["received"], lv["accepted"]) for lv in wed.by_level}
    assert levels == {5: (Tally(1, 1000), Tally(1, 1000)), 4: (Tally(1, 1500), Tally(1, 1500)),
                      3: (Tally(2, 4000), Tally(1, 2000))}
    assert [(c.username, c.accepted) for c in wed.by_clerk] == [("clerk1", Tally(2, 2500)), ("clerk2", Tally(1, 2000))]
    assert wed.by_clerk[0].display_name == "受理员clerk1"
    assert [(e.name, e.received.count) for e in wed.top_employers] == [
        ("广州市某机械有限公司", 3), ("广州市某纺织有限公司", 1)]
    thu = daily_summary(store, dt.date(2026, 11, 26), verifier=verifier)
    # The draft filed on Wednesday is accepted on Thursday, by clerk2.
    assert {c.username: c.accepted.count for c in thu.by_clerk} == {"clerk1": 1, "clerk2": 1}


def test_received_drafts_and_disputed_acceptances(store: Store, verifier: Verifier, office: Office,
                                                  make_intake: Callable[..., Intake]) -> None:
    office.file("2026-11-25 09:00", accept=False)
    office.at("2026-11-25 09:30")
    intake = make_intake(applicant={"name": "异议", "id_number": person(900)}, application_date="2026-11-25")
    cases.create_case(office.store, office.staff["clerk2"], intake,
                      verdict={"eligible": False, "amount_yuan": 0, "policy": "cn-2025", "checks": []},
                      eligible=False, amount_yuan=0, policy_id="cn-2025", state=State.accepted,
                      reason="申请人对核验结果有异议")
    summary = daily_summary(store, dt.date(2026, 11, 25), verifier=verifier)
    assert summary.drafts_received == 1
    assert summary.disputed_accepted == 1
    assert [(c.username, c.disputed) for c in summary.by_clerk] == [("clerk2", 1)]


def test_reviews_past_their_time_limit(store: Store, verifier: Verifier, office: Office) -> None:
    # Review within 5 working days of acceptance (cn-2025).  Friday 27 November:
    overdue = office.file("2026-11-19 16:00", clerk="clerk2", level=3)  # due Thu 26: overdue by Fri
    reviewing = office.file("2026-11-18 09:00", level=5)  # due Wed 25, under review: overdue
    office.move("2026-11-19 09:00", reviewing, State.under_review, "rev")
    office.file("2026-11-20 09:00")  # due today, Fri 27: not yet overdue
    decided = office.file("2026-11-10 09:00")  # long past, but rejected: not open
    office.move("2026-11-11 09:00", decided, State.under_review, "rev")
    office.move("2026-11-12 09:00", decided, State.rejected, "rev", note="不符合")
    office.file("2026-11-02 09:00", accept=False)  # a draft is not under review
    office.at("2026-11-27 10:00")

    summary = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier)
    assert summary.overdue_count == 2
    assert summary.review_workdays == (5,)
    first, second = summary.overdue
    assert (first.case_no, first.state, first.accepted_on, first.deadline, first.workdays_overdue) == (
        reviewing.case_no, State.under_review, dt.date(2026, 11, 18), dt.date(2026, 11, 25), 2)
    assert (second.case_no, second.deadline, second.workdays_overdue) == (overdue.case_no, dt.date(2026, 11, 26), 1)
    assert second.accepted_by == "受理员clerk2" and second.occupation == "车工" and not second.provisional
    # A day earlier the Thursday-due case was not yet late.
    assert daily_summary(store, dt.date(2026, 11, 26), verifier=verifier).overdue_count == 1
    # The list is capped; the count is not.
    capped = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier, overdue_limit=1)
    assert capped.overdue_count == 2 and len(capped.overdue) == 1 and capped.overdue_truncated


def test_time_limit_over_the_national_day_holiday(store: Store, verifier: Verifier, office: Office) -> None:
    office.file("2026-09-30 09:00")  # 1-7 October are holidays (2026 arrangement)
    summary = daily_summary(store, dt.date(2026, 10, 14), verifier=verifier)
    [row] = summary.overdue
    assert row.deadline == verifier.calendar.add_workdays(dt.date(2026, 9, 30), 5).date
    assert row.deadline > dt.date(2026, 10, 7)
    assert daily_summary(store, row.deadline, verifier=verifier).overdue_count == 0


def test_policies_with_different_time_limits(store: Store, verifier: Verifier, office: Office) -> None:
    """Where policies differ, each case is judged by its own: cn-2017 cases get 3 days, others 10."""
    book = PolicyBook(
        nationals=[dataclasses.replace(p, review_workdays=3 if p.id == "cn-2017" else 10)
                   for p in verifier.book.nationals],
        overlays=list(verifier.book.overlays),
    )
    custom = Verifier(book, verifier.calendar)
    assert review_limits(book) == (3, 10)
    old_rules = office.file("2026-11-20 09:00", application_date="2018-01-10", policy="cn-2017")  # due Wed 25
    office.file("2026-11-20 09:30")  # cn-2025: due 4 December
    very_old = office.file("2026-11-06 09:00")  # cn-2025: due Fri 20
    office.at("2026-11-27 10:00")
    summary = daily_summary(store, dt.date(2026, 11, 27), verifier=custom)
    assert [r.case_no for r in summary.overdue] == [very_old.case_no, old_rules.case_no]
    assert summary.overdue_count == 2
    assert summary.overdue[1].deadline == dt.date(2026, 11, 25)


def test_sync_and_risk_figures(store: Store, verifier: Verifier, week: dict[str, CaseRecord]) -> None:
    summary = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier)
    with store.session(readonly=True) as session:
        assert summary.sync.pending == outbox.pending_count(session) > 0
    assert summary.sync.rejected == 0 and summary.sync.last_sync is None
    assert summary.risk is None  # no flag ever raised: the section is left out
    with store.engine.begin() as conn:
        conn.execute(insert(RiskFlag.__table__), [
            {"id": f"r{i}", "case_id": week["late"].id, "code": code, "message": "", "details_json": "{}",
             "raised_at": beijing(raised), "cleared_at": cleared}
            for i, (code, raised, cleared) in enumerate([
                ("employer_volume", "2026-11-27 08:00", None),
                ("employer_volume", "2026-11-20 08:00", None),
                ("shared_account", "2026-11-27 09:00", beijing("2026-11-27 09:30")),
            ])
        ])
    risk = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier).risk
    assert risk is not None
    assert (risk.open, risk.raised_on_day, risk.by_code) == (2, 2, (("employer_volume", 2),))


@pytest.mark.parametrize("older_trail", [False, True], ids=["trail-with-figures", "trail-before-figures"])
def test_a_past_day_is_counted_as_of_its_end(store: Store, verifier: Verifier, office: Office,
                                              monkeypatch: pytest.MonkeyPatch, older_trail: bool) -> None:
    """Issue 17.8: a past day's summary shows that day's figures as of its end; what cannot be known then (the
    sync backlog, a point-in-time figure kept only for now) is left out, and the summary says so.  The same
    from a trail written before the entries carried the case's figures (``cases.figures``)."""
    if older_trail:
        monkeypatch.setattr(cases, "figures", lambda row: {})
    late = office.file("2026-11-18 09:00", level=5)  # due Wed 25: overdue on Thu 26
    office.move("2026-11-19 09:00", late, State.under_review, "rev")
    office.move("2026-11-27 09:00", late, State.rejected, "rev", note="不符合")  # decided since
    reopened = office.file("2026-11-17 09:00", level=4)  # due Tue 24
    office.move("2026-11-17 10:00", reopened, State.under_review, "rev")
    office.move("2026-11-20 10:00", reopened, State.rejected, "rev", note="不符合")  # decided before the 26th
    draft = office.file("2026-11-26 09:00", accept=False)
    office.move("2026-11-27 09:30", draft, State.accepted, "clerk1")
    with store.engine.begin() as conn:
        conn.execute(insert(RiskFlag.__table__), [
            {"id": "r1", "case_id": late.id, "code": "employer_volume", "message": "", "details_json": "{}",
             "raised_at": beijing("2026-11-25 08:00"), "cleared_at": beijing("2026-11-27 08:00")},
            {"id": "r2", "case_id": late.id, "code": "shared_account", "message": "", "details_json": "{}",
             "raised_at": beijing("2026-11-27 08:30"), "cleared_at": None},
        ])
    office.at("2026-11-27 10:00")

    thu = daily_summary(store, dt.date(2026, 11, 26), verifier=verifier)
    assert thu.complete
    assert [(r.case_no, r.state) for r in thu.overdue] == [(late.case_no, State.under_review)]
    assert thu.overdue_count == 1 and thu.overdue[0].workdays_overdue == 1
    assert thu.drafts_received == 1, "a draft at the day's end, accepted the next morning"
    assert thu.sync is None, "today's backlog is not the 26th's: left out"
    assert thu.risk is not None and (thu.risk.open, thu.risk.raised_on_day) == (1, 0)
    assert thu.risk.by_code == (("employer_volume", 1),)
    assert thu.to_json()["pending_sync"] is None

    today = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier)
    assert not today.complete and today.sync is not None
    assert today.overdue_count == 0 and today.drafts_received == 0
    assert today.risk is not None and today.risk.by_code == (("shared_account", 1),)


def test_a_past_day_judges_a_change_whose_entry_does_not_say_the_state_before(
        store: Store, verifier: Verifier, office: Office) -> None:
    """Issue 17.8: the state at a past day's end is the one the next change moved the case from; where that
    entry does not say (a trail written elsewhere), the case's own trail before the day's end answers."""
    from desktop.models import audit
    from desktop.models.schema import Case

    late = office.file("2026-11-18 09:00", level=5)  # due Wed 25: overdue on Thu 26
    office.move("2026-11-19 09:00", late, State.under_review, "rev")
    office.at("2026-11-27 09:00")
    with store.session() as session:  # decided the next morning, by an entry without its "before"
        row = session.get(Case, late.id)
        assert row is not None
        row.state = State.rejected.value
        audit.record(session, actor="rev", action="case.reject", entity="case", entity_id=late.id,
                     before=None, after={"state": State.rejected.value}, at=office.clock.now())
    office.at("2026-11-27 10:00")
    thu = daily_summary(store, dt.date(2026, 11, 26), verifier=verifier)
    assert thu.overdue_count == 1
    assert [(r.case_no, r.state) for r in thu.overdue] == [(late.case_no, State.under_review)]


def test_office_filter(store: Store, verifier: Verifier, week: dict[str, CaseRecord]) -> None:
    mine = daily_summary(store, dt.date(2026, 11, 25), "440100", verifier=verifier)
    assert mine["received"] == Tally(4, 6500)
    other = daily_summary(store, dt.date(2026, 11, 25), "440300", verifier=verifier)
    assert all(other[f] == Tally(0, 0) for f in FLOWS) and not other.by_clerk and not other.top_employers


def test_same_figures_with_indexes_the_schema_may_gain(store: Store, verifier: Verifier, office: Office,
                                                       week: dict[str, CaseRecord]) -> None:
    """The seq-range search and filing-order list give what an index on audit_log (at) and one
    on cases (state, accepted_at) would: the code uses such indexes when they exist."""
    late_draft = office.file("2026-11-02 09:00", accept=False)  # filed first, accepted last
    office.move("2026-11-13 09:00", late_draft, State.accepted, "clerk2")
    for day in (3, 4, 5, 9):
        office.file(f"2026-11-{day:02d} 09:00")
    office.at("2026-11-27 10:00")
    days = [dt.date(2026, 11, d) for d in (24, 25, 26, 27)]

    def figures() -> list[dict[str, Any]]:
        found = []
        for d in days:
            summary = daily_summary(store, d, verifier=verifier, overdue_limit=3)
            found.append({**summary.to_json(), "as_of": None, "list": [r.case_no for r in summary.overdue]})
        return found

    before = figures()
    assert before[-1]["overdue"] == 5 and len(before[-1]["list"]) == 3
    with store.engine.begin() as conn:
        conn.execute(text("CREATE INDEX ix_test_audit_log_at ON audit_log (at)"))
        conn.execute(text("CREATE INDEX ix_test_cases_state_accepted_at ON cases (state, accepted_at)"))
    assert figures() == before


def test_a_clock_set_wrong_for_a_while_loses_no_entry(store: Store, verifier: Verifier, office: Office) -> None:
    """Entries stamped years ahead sit in the trail between correct ones: the day's figures
    are still complete (the seq search notices the disorder and reads every entry)."""
    office.file("2026-11-24 09:00", level=5)
    for hour in range(10, 16):
        office.file(f"2036-01-01 {hour:02d}:00", level=3)  # the clock ran ten years ahead
    office.file("2026-11-25 09:00", level=4)
    office.file("2026-11-25 10:00", level=4)
    office.file("2026-11-26 09:00", level=5)
    office.at("2026-11-27 10:00")
    assert daily_summary(store, dt.date(2026, 11, 25), verifier=verifier)["accepted"] == Tally(2, 3000)
    assert daily_summary(store, dt.date(2026, 11, 24), verifier=verifier)["accepted"] == Tally(1, 1000)
    assert daily_summary(store, dt.date(2036, 1, 1), verifier=verifier)["accepted"] == Tally(6, 12000)


def test_an_empty_store_and_a_bad_day(store: Store, verifier: Verifier) -> None:
    summary = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier)
    assert all(summary[f] == Tally(0, 0) for f in FLOWS)
    assert [lv.level for lv in summary.by_level] == [5, 4, 3]
    assert summary.overdue_count == 0 and summary.overdue == ()
    with pytest.raises(InvalidInput) as caught:
        daily_summary(store, dt.datetime(2026, 11, 27, tzinfo=dt.UTC), verifier=verifier)  # type: ignore[arg-type]
    assert caught.value.field == "date"


# --- the monthly report -----------------------------------------------------------------------------


def test_monthly_report_by_level_occupation_and_region(store: Store, office: Office) -> None:
    welder = ("6-18-02-04", "焊工")
    a = office.file("2026-11-03 09:00", level=4)
    b = office.file("2026-11-04 09:00", level=3, region="440304", occupation=welder)  # insured in Shenzhen
    c = office.file("2026-11-05 09:00", level=5, region="440100")
    office.file("2026-11-06 09:00", level=3, accept=False)  # a draft is not an application
    d = office.file("2026-10-30 09:00", level=3)  # applied in October, paid in November
    office.file("2026-12-01 09:00", level=5)  # December
    late = office.file("2026-11-30 23:30", level=4)  # 15:30 UTC: still November in Beijing
    for case in (a, d, c):
        office.move("2026-11-10 09:00", case, State.under_review, "rev")
        office.move("2026-11-11 09:00", case, State.publicized, "rev")
    office.publish("2026-11-11 10:00", a, d, c)  # 11 to 18 November
    for case in (a, d, c):
        office.move("2026-11-20 09:00", case, State.approved, "appr")
    office.move("2026-11-25 09:00", a, State.paid, "appr")
    office.move("2026-11-30 23:59", d, State.paid, "appr")
    office.move("2026-12-01 00:01", c, State.paid, "appr")  # December in Beijing (30 Nov 16:01 UTC)
    office.move("2026-12-01 09:00", b, State.withdrawn, "clerk1")  # withdrawn later: still November's application
    office.at("2026-12-02 10:00")

    report = monthly_report(store, 2026, 11)
    assert report.label == "2026-11" and report.complete
    assert report.total.applications == Tally(4, 1500 + 2000 + 1000 + 1500)
    assert report.total.payments == Tally(2, 1500 + 2000)
    assert {r.code: (r.name, r.applications, r.payments) for r in report.by_level} == {
        "4": ("四级/中级工", Tally(2, 3000), Tally(1, 1500)),
        "3": ("三级/高级工", Tally(1, 2000), Tally(1, 2000)),
        "5": ("五级/初级工", Tally(1, 1000), Tally(0, 0)),
    }
    assert [r.code for r in report.by_level] == ["5", "4", "3"]
    assert {r.code: (r.name, r.applications.count, r.payments.count) for r in report.by_occupation} == {
        "6-18-01-01": ("车工", 3, 2), "6-18-02-04": ("焊工", 1, 0)}
    assert {r.code: (r.name, r.applications.count, r.payments.count) for r in report.by_region} == {
        "440100": ("广州市", 3, 2), "440300": ("深圳市", 1, 0)}
    for rows in (report.by_level, report.by_occupation, report.by_region):
        assert sum((r.applications for r in rows), Tally()) == report.total.applications
        assert sum((r.payments for r in rows), Tally()) == report.total.payments
    assert late.application_date == dt.date(2026, 11, 30)
    assert monthly_report(store, 2026, 12).total.payments == Tally(1, 1000)


def test_monthly_report_counts_people_rejections_and_the_year_to_date(store: Store, office: Office) -> None:
    """Issue 17.9 (展翅行动: offices feed the province's reports): people as well as cases, the rejections, and
    the year to date."""
    march = office.file("2026-03-10 09:00", level=4, applicant=900)
    office.move("2026-03-11 09:00", march, State.under_review, "rev")
    office.move("2026-03-12 09:00", march, State.rejected, "rev", note="不符合")
    office.file("2026-11-03 09:00", level=4, applicant=901)
    office.file("2026-11-04 09:00", level=3, applicant=901, occupation=("6-18-02-04", "焊工"))  # the same person
    third = office.file("2026-11-05 09:00", level=5, applicant=902)
    office.move("2026-11-10 09:00", third, State.under_review, "rev")
    office.move("2026-11-11 09:00", third, State.rejected, "rev", note="不符合")
    office.at("2026-12-02 10:00")

    report = monthly_report(store, 2026, 11)
    total = report.total
    assert total.applications == Tally(3, 1500 + 2000 + 1000) and total.applicants == 2
    assert total.rejections == Tally(1, 1000) and total.payees == 0
    levels = {r.code: (r.applications.count, r.applicants, r.rejections.count) for r in report.by_level}
    assert levels == {"4": (1, 1, 0), "3": (1, 1, 0), "5": (1, 1, 1)}
    ytd = report.year_to_date
    assert ytd.applications == Tally(4, 1500 + 2000 + 1000 + 1500) and ytd.applicants == 3
    assert ytd.rejections == Tally(2, 1000 + 1500) and ytd.payments == Tally(0, 0)
    assert monthly_report(store, 2026, 3).year_to_date.applications.count == 1


def test_quarterly_real_name_report_lists_each_claim_and_payment_by_person(store: Store, office: Office) -> None:
    """POLICY.md (展翅行动 三(二)): the province reports each quarter's claims and payments through the real-name
    collection system (参保职工技能提升补贴实名制信息采集系统) by the 7th of the month after the quarter; the
    office's report feeds it: one record per case claimed or paid in the quarter, by name and full ID number."""
    june = office.file("2026-06-30 09:00", level=5)  # claimed in Q2, paid in Q3
    july = office.file("2026-07-06 09:00", level=4)
    august = [office.file("2026-08-03 09:00", level=3, applicant=901),
              office.file("2026-08-04 09:00", level=4, applicant=901, occupation=("6-18-02-04", "焊工"))]
    office.file("2026-10-09 09:00", level=4)  # Q4: not in Q3
    for case in (june, july):
        office.move("2026-07-07 09:00", case, State.under_review, "rev")
        office.move("2026-07-08 09:00", case, State.publicized, "rev")
    office.publish("2026-07-08 10:00", june, july)
    for case in (june, july):
        office.move("2026-07-20 09:00", case, State.approved, "appr")
    office.move("2026-07-27 09:00", june, State.paid, "appr")
    office.at("2026-10-09 10:00")

    report = quarterly_report(store, 2026, 3)
    assert (report.first, report.last, report.due) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30),
                                                       dt.date(2026, 10, 7))
    assert report.label == "2026-Q3" and report.complete
    by_case = {r.case_no: r for r in report.records}
    assert set(by_case) == {june.case_no, july.case_no, *(c.case_no for c in august)}
    assert by_case[june.case_no].claimed_in_quarter is False and by_case[june.case_no].paid_on == dt.date(2026, 7, 27)
    assert by_case[july.case_no].claimed_in_quarter and by_case[july.case_no].paid_on is None
    assert by_case[july.case_no].id_number == july.id_number, "a real-name record: the full number"
    assert (report.claims, report.claimants) == (Tally(3, 1500 + 2000 + 1500), 2)
    assert (report.payments, report.payees) == (Tally(1, 1000), 1)
    with pytest.raises(InvalidInput) as bad:
        quarterly_report(store, 2026, 5)
    assert bad.value.field == "quarter"


def test_prefecture_names() -> None:
    assert prefecture_of("440106") == ("440100", "广州市")
    assert prefecture_of("110105") == ("110000", "北京市")  # a municipality is its own prefecture
    assert prefecture_of("429004")[0] == "429004"  # 仙桃市, directly under the province
    assert prefecture_of("449999") == ("449900", "449900")  # unknown: the code stands in for the name


@pytest.mark.parametrize("value", ["2026-1", "2026/11", "26-11", "2026-13", "2026-00", "", "abcd-ef"])
def test_parse_month_refuses_malformed(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_month(value)
    assert caught.value.field == "month"


def test_parse_month() -> None:
    assert parse_month("2026-11") == (2026, 11)


def test_a_case_an_objection_sent_back_is_overdue_by_the_same_rule_on_the_queue_and_the_summary(
        store: Store, verifier: Verifier, office: Office) -> None:
    """Issue 18.3: the review time restarts at the latest objection (POLICY review time limit) — in the
    reviewer's queue and in the daily summary alike, counted and listed."""
    from desktop.models import review

    objected = office.file("2026-11-10 09:00")
    office.move("2026-11-11 09:00", objected, State.under_review, "rev")
    office.move("2026-11-12 09:00", objected, State.publicized, "rev", note="符合条件")
    office.publish("2026-11-13 09:00", objected)
    office.at("2026-11-25 10:00")  # a Wednesday: five working days to Wednesday 2 December
    publicity.record_objection(store, office.staff["rev"], objected.id, objector="李先生", contact="13900001111",
                               content="申请人并非本单位职工")
    plain = office.file("2026-11-16 09:00")  # accepted Monday 16, due Monday 23: overdue all along

    def queue_overdue(day: dt.date) -> set[str]:
        return {i.case.case_no for i in review.review_queue(store, verifier, office.staff["rev"], today=day)
                if i.overdue}

    for day, expected in ((dt.date(2026, 11, 27), {plain.case_no}),
                          (dt.date(2026, 12, 2), {plain.case_no}),
                          (dt.date(2026, 12, 3), {plain.case_no, objected.case_no})):
        office.at(f"{day.isoformat()} 18:00")
        summary = daily_summary(store, day, verifier=verifier)
        assert queue_overdue(day) == expected, day
        assert summary.overdue_count == len(expected) and {r.case_no for r in summary.overdue} == expected, day
    listed = {r.case_no: r for r in summary.overdue}[objected.case_no]
    assert (listed.deadline, listed.workdays_overdue) == (dt.date(2026, 12, 2), 1)  # counted from the objection
