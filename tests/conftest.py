"""Shared fixtures.  Qt runs offscreen; argon2 runs with cheap parameters."""

from __future__ import annotations

import os

# Before anything can import Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from desktop.views.compat import immortalise_singletons  # noqa: E402

immortalise_singletons()  # before any Qt signal is emitted (a PySide6 6.12.0 bug on Python 3.11)

import datetime as dt  # noqa: E402
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

# 10:00 in Beijing on a Friday.
FIXED_NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
TEST_PASSWORD = "zhanchi-test-pw"


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


def intake_dict(**overrides: Any) -> dict[str, Any]:
    """An eligible cn-2017 intake (CONTRACTS.md verify input plus payment, employer, phone)."""
    data: dict[str, Any] = {
        "applicant": {"name": "张三", "id_number": "11010519491231002X"},
        "insured_region": "440100",
        "application_region": "440100",
        "contribution_months": 40,
        "receiving_unemployment_benefit": False,
        "certificate": {
            "number": "S000144000123174000056",
            "kind": "skill_level",
            "level": 4,
            "occupation_code": "6-18-01-01",
            "occupation_name": "车工",
            "issue_date": "2017-06-01",
            "shortage": False,
        },
        "application_date": "2018-01-10",
        "prior_subsidies": [],
        "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "工商银行", "holder_name": "张三"},
        "employer": {"name": "广州市某机械有限公司", "uscc": "91440101MA5XXXXX0X"},
        "phone": "13800138000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_intake() -> Callable[..., Intake]:
    """``make_intake(**overrides)`` -> a parsed ``Intake``."""

    def make(**overrides: Any) -> Intake:
        return parse_intake(intake_dict(**overrides))

    return make
