"""Shared fixtures of the view tests: the core services a page is built on, and many cases fast."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import insert

from desktop.models.cases import State
from desktop.models.clock import Clock
from desktop.models.demo import EMPLOYERS, GIVEN, OCCUPATIONS, SURNAMES
from desktop.models.identity import id_check_character
from desktop.models.rules import Verifier
from desktop.models.schema import Case
from desktop.models.staff import StaffUser
from desktop.models.store import Store
from desktop.models.workspace import Workspace
from desktop.views.tasks import TaskRunner

BULK_START = dt.datetime(2026, 9, 1, 1, 30, tzinfo=dt.UTC)


# The PySide6 6.12.0 refcount work-around is applied for every GUI test by desktop.views.compat
# (called from tests/conftest.py and from the application at start).


@pytest.fixture(autouse=True)
def _cycles_freed_on_the_gui_thread(qapp: Any) -> None:
    """As the application does at start (desktop/views/gc_guard.py), also for the pages and
    dialogs these tests build without it: no worker thread ever frees a widget."""
    from desktop.views import gc_guard

    gc_guard.install(qapp)


@pytest.fixture
def window(qtbot: Any, store: Store, make_staff: Callable[..., StaffUser]) -> Iterator[QMainWindow]:
    """The main window signed in as a clerk, shown; a module needing more (other accounts, registry rows)
    defines its own ``window``."""
    from desktop.app import create_main_window

    make_staff("clerk", "clerk")
    win = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


@pytest.fixture
def workspace(store: Store, clock: Clock) -> Workspace:
    return Workspace(store.data_dir, store, Verifier.load(None), clock)


@pytest.fixture
def task_errors() -> list[Exception]:
    """Errors no caller handled (the runner's default handler collects them)."""
    return []


@pytest.fixture
def runner(qtbot: Any, workspace: Workspace, task_errors: list[Exception]) -> Iterator[TaskRunner]:
    # Depends on the workspace, so the worker stops before the store closes.
    task_runner = TaskRunner(task_errors.append)
    yield task_runner
    task_runner.shutdown()


def bulk_case(i: int, rng: random.Random, at: dt.datetime) -> dict[str, Any]:
    """Column values of one realistic case, as a bulk import or a sync would write them."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(30 * 365))
    first17 = f"440106{birth:%Y%m%d}{i % 1000:03d}"
    code, occupation = rng.choice(OCCUPATIONS)
    level = rng.choice((5, 4, 3))
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    day = at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
    state = rng.choice(list(State))
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "case_no": f"440100-BK7Q-{day:%Y%m%d}-{i:04d}",
        "office_code": "440100",
        "device_id": "bulk",
        "state": state.value,
        "disputed": i % 23 == 0,
        "dispute_reason": "申请人对核验结果有异议" if i % 23 == 0 else None,
        "applicant_name": name,
        "id_number": first17 + id_check_character(first17),
        "phone": f"138{i:08d}",
        "employer_name": rng.choice(EMPLOYERS),
        "employer_uscc": "",
        "cert_number": f"S0001440001{i % 10_000:04d}{level}{i:06d}",
        "cert_kind": "skill_level",
        "cert_level": level,
        "occupation_code": code,
        "occupation_name": occupation,
        "cert_issue_date": day - dt.timedelta(days=90),
        "payment_kind": "bank",
        "payment_account": f"62220202{i:011d}",
        "bank_name": "中国工商银行",
        "holder_name": name,
        "contribution_months": 40,
        "insured_region": "440100",
        "application_region": "440100",
        "application_date": day,
        "policy_id": "cn-2017",
        "eligible": True,
        "amount_yuan": {5: 1000, 4: 1500, 3: 2000}[level],
        "verdict_json": "{}",
        "lookup_code": "K7M2QX",
        "created_by": rng.choice(("clerk1", "clerk2")),
        "accepted_by": None if state is State.draft else "clerk1",
        "accepted_at": None if state is State.draft else at,
        "state_changed_at": at,
        "created_at": at,
        "updated_at": at,
    }


def insert_cases(store: Store, count: int, *, seed: int = 3) -> list[dict[str, Any]]:
    """``count`` cases straight into the table with SQLAlchemy Core, one every 11 minutes."""
    rng = random.Random(seed)
    rows = [bulk_case(i, rng, BULK_START + dt.timedelta(minutes=11 * i)) for i in range(1, count + 1)]
    with store.engine.begin() as conn:
        conn.execute(insert(Case.__table__), rows)
    return rows


@pytest.fixture
def many_cases(store: Store) -> list[dict[str, Any]]:
    """450 cases, newest last in the list."""
    return insert_cases(store, 450)
