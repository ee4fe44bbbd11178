"""Which ledger claims count against a person, and where (issue 14.3).

A subsidy may only be accepted at the office of the place where the applicant
is insured (POLICY.md §1 ``insured_region``: the same pooling area, by the
table of ``desktop.models.pooling``).  So a claim is *authoritative* — it
blocks the person at every office — only when an office of the person's
insured pooling area filed it, or when it was paid (money went out).  Any
other claim is an annotation for people to resolve: it still counts in the
filing office's own pooling area (the same fund would otherwise pay twice),
it reaches the other offices as not counting (``LedgerEntry.active`` false),
and it is flagged for the central administrator.

The person's insured region is the central registry's when it knows the
person, else what the filing office declared: a device cannot make its own
claim authoritative by declaring its own area for someone the registry has
insured elsewhere.  The pooling level (prefecture, or province where a
region's policy widens it) comes from the policy files shipped with the
software; policy files published on this central system are not consulted.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select

from central.db import claim_authority, ledger, registry_insured
from desktop.models.errors import InvalidInput, PolicyError
from desktop.models.policy import PolicyBook, default_policy_dirs
from desktop.models.pooling import region_list
from wire import LedgerEntry

_CHUNK = 500
SOURCE_REGISTRY, SOURCE_DECLARED = "registry", "declared"


@dataclass(frozen=True)
class Authority:
    authoritative: bool  # counts against the person at every office
    outside: bool  # filed outside the person's insured pooling area, or nobody knows that area
    insured_region: str  # the person's, as decided ("" when nobody knows)
    source: str  # SOURCE_REGISTRY, SOURCE_DECLARED or ""
    paid: bool
    reason: str  # why it was filed outside the area ("" when it was not)


@dataclass(frozen=True)
class Stored:
    authoritative: bool
    outside: bool


@functools.lru_cache(maxsize=1)
def _policy_book() -> PolicyBook | None:
    try:
        return PolicyBook.load(default_policy_dirs())
    except PolicyError:
        return None  # broken shipped files: prefecture pooling, the national default


@functools.lru_cache(maxsize=4096)
def pooling_level(day: dt.date, office_code: str) -> str:
    """``prefecture`` or ``province``: the policy in force at the office on ``day``."""
    book = _policy_book()
    if book is None:
        return "prefecture"
    try:
        rule = book.for_case(day, office_code).rule("insured_region")
    except (InvalidInput, PolicyError):
        return "prefecture"  # a day before every policy: the national default
    level = rule.params.get("pooling", "prefecture") if rule is not None else "prefecture"
    return level if isinstance(level, str) else "prefecture"


@functools.lru_cache(maxsize=65536)
def area_key(code: str, level: str = "prefecture") -> str:
    return region_list().area(code, level).key


def describe(code: str) -> str:
    return region_list().describe(code) if code else "不明"


# Asked by every push: built once (issue 19.6).
_REGISTERED = select(registry_insured.c.id_number, registry_insured.c.insured_region).where(
    registry_insured.c.id_number.in_(bindparam("values", expanding=True)))
_KNOWN = select(claim_authority.c.case_id, claim_authority.c.authoritative, claim_authority.c.outside_area).where(
    claim_authority.c.case_id.in_(bindparam("values", expanding=True)))


def registered_regions(conn: Connection, id_numbers: Iterable[str]) -> dict[str, str]:
    """The central registry's insured region of each person it knows."""
    found: dict[str, str] = {}
    numbers = sorted(set(id_numbers))
    for start in range(0, len(numbers), _CHUNK):
        found.update((row.id_number, row.insured_region)
                     for row in conn.execute(_REGISTERED, {"values": numbers[start:start + _CHUNK]}))
    return found


def _outside_reason(office_code: str, day: dt.date, person: str, source: str) -> str:
    """Why the office is not one of the person's insured pooling area; "" when it is."""
    if not person:
        return f"办事处 {office_code} 受理的申请未注明参保地，中心系统无法确认其为参保地受理"
    level = pooling_level(day, office_code)
    if area_key(person, level) == area_key(office_code, level):
        return ""
    whose = "中心登记信息" if source == SOURCE_REGISTRY else "受理办事处申报"
    return (f"办事处 {office_code} 受理了参保地为 {describe(person)}（{whose}）的人员的申请，"
            "不属同一统筹地区（应到参保地申领）")


def decide(office_code: str, day: dt.date, *, declared: str, registered: str | None, paid: bool) -> Authority:
    """Whether the office's claim counts against the person everywhere (see the module docstring)."""
    person = registered or declared
    source = SOURCE_REGISTRY if registered else (SOURCE_DECLARED if declared else "")
    reason = _outside_reason(office_code, day, person, source)
    return Authority(paid or not reason, bool(reason), person, source, paid, reason)


def known(conn: Connection, case_ids: Sequence[str]) -> dict[str, Stored]:
    """The stored decision of each claim that has one."""
    found: dict[str, Stored] = {}
    for start in range(0, len(case_ids), _CHUNK):
        found.update((row.case_id, Stored(bool(row.authoritative), bool(row.outside_area)))
                     for row in conn.execute(_KNOWN, {"values": list(case_ids[start:start + _CHUNK])}))
    return found


def ledger_with_authority() -> Any:
    """Ledger rows with their ``authoritative`` flag (None: a claim from before the flag existed)."""
    joined = ledger.outerjoin(claim_authority, claim_authority.c.case_id == ledger.c.case_id)
    return select(ledger, claim_authority.c.authoritative).select_from(joined)


def entry_for(row: Any, office_code: str) -> LedgerEntry:
    """A ledger row as the office ``office_code`` is to count it."""
    authoritative = row.authoritative is not False
    counts = bool(row.active) and (authoritative or area_key(row.office_code) == area_key(office_code))
    return LedgerEntry(case_id=row.case_id, case_no=row.case_no, office_code=row.office_code,
                       id_number=row.id_number, occupation_code=row.occupation_code, level=row.level,
                       granted_on=row.granted_on, shortage=row.shortage, active=counts,
                       authoritative=authoritative)


__all__ = [
    "Authority",
    "Stored",
    "area_key",
    "decide",
    "describe",
    "entry_for",
    "known",
    "ledger_with_authority",
    "pooling_level",
    "registered_regions",
]
