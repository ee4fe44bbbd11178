"""Shared fixtures.  Qt runs offscreen; argon2 runs with cheap parameters."""

from __future__ import annotations

import os

# Before anything can import Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

# Data folder keys (issue 20.1) go to a folder of this run, never to the account's own key store;
# commands the tests run in child processes inherit it.
_KEYS = tempfile.mkdtemp(prefix="zhanchi-test-keys-")
os.environ["ZHANCHI_KEY_DIR"] = _KEYS
atexit.register(shutil.rmtree, _KEYS, True)

from desktop.views.compat import immortalise_singletons  # noqa: E402

immortalise_singletons()  # before any Qt signal is emitted (a PySide6 6.12.0 bug on Python 3.11)

import datetime as dt  # noqa: E402
import gc  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from desktop.models import staff  # noqa: E402
from desktop.models.application import Intake, parse_intake  # noqa: E402
from desktop.models.clock import Clock  # noqa: E402
from desktop.models.store import Store, open_store  # noqa: E402

# The production default is argon2-cffi's profile (tens of ms a hash); tests hash a lot.
staff.configure_hasher(time_cost=1, memory_cost=8, parallelism=1)

from case_flow import Advance, intake_dict  # noqa: E402  (the fixtures below build cases with them)

# 10:00 in Beijing on a Friday.
FIXED_NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
TEST_PASSWORD = "zhanchi-test-pw"


@pytest.fixture(autouse=True)
def _collect_cycles_between_tests() -> Iterator[None]:
    """Once a window has switched the interpreter's own collection off (desktop/views/gc_guard.py),
    cycles are freed by a timer when an event loop runs; between tests, here, on the main thread."""
    yield
    if not gc.isenabled():
        from desktop.views.gc_guard import collect_if_due

        collect_if_due()


@pytest.fixture
def clock() -> Clock:
    return Clock(fixed=FIXED_NOW)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = open_store(tmp_path / "data", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def staff_password() -> str:
    """The password ``make_staff`` gives accounts unless told otherwise."""
    return TEST_PASSWORD


@pytest.fixture
def make_staff(store: Store) -> Callable[..., staff.StaffUser]:
    """``make_staff(role, username=None, password=TEST_PASSWORD)`` -> a new account's StaffUser."""
    counter = iter(range(1, 10_000))

    def make(
        role: staff.Role | str,
        username: str | None = None,
        *,
        password: str = TEST_PASSWORD,
        office_code: str = "440100",
    ) -> staff.StaffUser:
        role = staff.Role(role)
        name = username or f"{role.value}{next(counter)}"
        return staff.create_staff(
            store,
            actor=None,
            username=name,
            display_name=f"{role.label}{name}",
            role=role,
            office_code=office_code,
            password=password,
        )

    return make


# The office settings a written decision needs (issue 17.2): the deciding body, its document number prefix,
# the reconsideration body and the court.  Without them a decision is refused (office.MissingSetting).
DECISION_SETTINGS = {
    "issuer_name": "广州市人力资源和社会保障局",
    "doc_number_prefix": "穗人社技补决",
    "reconsideration_body": "广州市人民政府",
    "court": "广州铁路运输法院",
}


@pytest.fixture
def decision_settings(store: Store, make_staff: Callable[..., staff.StaffUser]) -> dict[str, str]:
    """The decision settings set by an administrator (audited, as in the window)."""
    from desktop.models.office import set_office_profile

    set_office_profile(store, make_staff(staff.Role.admin, "settings-admin"), **DECISION_SETTINGS)
    return dict(DECISION_SETTINGS)


@pytest.fixture
def make_intake() -> Callable[..., Intake]:
    """``make_intake(**overrides)`` -> a parsed ``Intake``."""

    def make(**overrides: Any) -> Intake:
        return parse_intake(intake_dict(**overrides))

    return make


@pytest.fixture
def advance(store: Store, make_staff: Callable[..., staff.StaffUser], tmp_path: Path) -> Advance:
    """``advance(case_or_id, target, *, note=None, publicity="ready", reviewer=None, approver=None)``:
    the case moved to ``target`` through the real services (see ``Advance``)."""
    return Advance(store, make_staff, tmp_path / "advance")
