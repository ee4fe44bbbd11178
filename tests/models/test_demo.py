"""The demo folder at any instant (desktop.models.demo): full and valid, nothing dated after now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import audit
from desktop.models.cases import State
from desktop.models.clock import Clock
from desktop.models.demo import fill
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog, Case
from desktop.models.store import open_store

# Instants that hurt: the first minutes of a Beijing Monday, the last seconds of a year, 除夕 2027
# (outside the holiday package's years), a leap day.
INSTANTS = {
    "monday-00:11": dt.datetime(2026, 12, 6, 16, 11, tzinfo=dt.UTC),
    "new-year's-eve-23:59:30": dt.datetime(2026, 12, 31, 15, 59, 30, tzinfo=dt.UTC),
    "chuxi-2027": dt.datetime(2027, 2, 5, 2, 0, tzinfo=dt.UTC),
    "leap-day-2028": dt.datetime(2028, 2, 29, 2, 0, tzinfo=dt.UTC),
}


@pytest.mark.parametrize("now", INSTANTS.values(), ids=INSTANTS.keys())
def test_demo_at_any_instant_is_full_and_nothing_is_dated_after_now(tmp_path: Path, now: dt.datetime) -> None:
    clock = Clock(fixed=now)
    store = open_store(tmp_path / "demo", clock=clock)
    try:
        counts = fill(store, clock, Verifier.load(store.data_dir), 30)
        assert clock.now() == now, "the clock is given back as it came"
        with store.session(readonly=True) as session:
            states = dict(session.execute(select(Case.state, func.count()).group_by(Case.state)).tuples().all())
            latest_case = session.scalar(select(func.max(Case.created_at)))
            latest_application = session.scalar(select(func.max(Case.application_date)))
            latest_entry = session.scalar(select(func.max(AuditLog.at)))
            report = audit.verify(session)
    finally:
        store.close()
    assert sum(counts.values()) == 30 and set(counts) == {s.value for s in State}, counts
    assert states == counts
    assert latest_case is not None and latest_case <= now
    assert latest_application is not None and latest_application <= clock.today()
    assert latest_entry is not None and dt.datetime.fromisoformat(latest_entry) <= now
    assert report.ok, report


def test_demo_decisions_print_with_the_demo_offices_settings_and_real_reasons(tmp_path: Path) -> None:
    """Issue 17.2: ``print decision`` works on a demo folder (the demo office's decision settings are set), and
    a demo rejection states a finding, never a bare "资格条件不符，驳回"."""
    from desktop.documents.case_documents import decision_data, issue_decision
    from desktop.models.cases import get_case, list_cases
    from desktop.models.demo import DEMO_DECISION_SETTINGS
    from desktop.models.office import office_profile
    from desktop.models.staff import list_staff

    clock = Clock(fixed=INSTANTS["monday-00:11"])
    store = open_store(tmp_path / "demo", clock=clock)
    try:
        verifier = Verifier.load(store.data_dir)
        fill(store, clock, verifier, 12)
        profile = office_profile(store)
        assert {name: getattr(profile, name) for name in DEMO_DECISION_SETTINGS} == DEMO_DECISION_SETTINGS
        reviewer = next(user for user in list_staff(store) if user.username == "reviewer")
        rejected = [case for case in list_cases(store) if case.state is State.rejected]
        assert rejected
        for case in rejected:
            issued = issue_decision(store, verifier, reviewer, case.id, tmp_path / f"{case.case_no}.pdf")
            with store.session(readonly=True) as session:
                data = decision_data(session, store, verifier, get_case(store, case.id))
            assert data.doc_number == issued.doc_number and data.issuer == "广州市人力资源和社会保障局"
            assert data.reviewer_reason and "资格条件不符" not in data.reviewer_reason
            assert "驳回" not in data.reviewer_reason
    finally:
        store.close()
