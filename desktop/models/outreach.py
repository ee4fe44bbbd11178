"""Screening and outreach (展翅行动): who is entitled today and has not applied.

For every certificate in the local registry copy whose holder is insured in
the office's pooling area, ``screen`` asks the rules engine the question an
application made today at this office would ask — the policy in force today
(``PolicyBook.for_case``), the holder's contribution record and the subsidies
the ledger knows — and keeps the certificates whose verdict is *eligible* and
that nobody has applied for yet:

- no case (any state) for that certificate number, nor for the same person,
  occupation and level (a draft waiting for materials is an application too,
  and a rejected or withdrawn one was decided or dropped by the applicant);
- no ledger entry for the same person, occupation and level (the
  ``duplicate_subsidy`` rule says so as well).

One ``OutreachRow`` per worker and certificate, soonest-closing window first.

**Fast and still the real rules.**  A million insured workers in under ten
seconds rules out calling ``rules.verify`` (about 50 µs) on every pair, so:

1. SQL narrows the pairs with bounds the policy's own parameters give and that
   can only *over*-select: the office's pooling area (``pooling.py``), the months
   (or the benefit where the policy counts it), the covered levels, issue dates
   from the policy's earliest date and not before ``months + 1`` months and
   45 days ago (no holiday run moves a window's last day that far), and the
   "not applied" conditions.  The prior subsidies come with each pair.
2. Every remaining pair goes through ``rules.RULES`` — the real rule functions
   — with the answer of each rule memoised on exactly what that rule reads
   (``_MEMO_FIELDS``: a region pair, a months/benefit pair, an issue date
   ...), rule by rule over all the pairs at once (``Screener.eligible``: one
   real call per distinct key, C-level map and dict loops per row).  Two
   rules read something unique to each row (the ID number, the certificate
   number); for those a decision-only twin (``_FAST``) decides, and the
   property tests prove it agrees with the rule function on every input they
   generate.  A rule code this module does not know (a future policy's) is
   simply called for every row: slower, never wrong.

``Screener.verdict`` rebuilds the full ``Verdict`` from the same memo; the
tests compare it with ``rules.verify`` check by check, and ``screen`` with a
brute-force ``verify`` over every pair of a registry built to hold each kind
of ineligible worker.

**Messages** come from a template that is data (``resources/outreach/
sms-template.toml``, or ``outreach/sms-template.toml`` in the data folder):
the first of its templates that fits one SMS segment (70 Chinese characters)
is used, else the shortest, and the summary says how many segments the
longest message takes.

**Personal data.**  The CSV carries full ID numbers and phone numbers, as the
contract and the 12333 SMS platform require: it is written owner-only (0600)
and atomically, and every export is an audit entry (who, when, how many rows,
the file's SHA-256).  Printed lists mask names and ID numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gc
import hashlib
import io
import itertools
import operator
import re
import time
import tomllib
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import audit, files, identity
from desktop.models.application import Application, Certificate, PriorSubsidy
from desktop.models.audit import default_actor
from desktop.models.errors import InvalidInput, PolicyError
from desktop.models.identity import USCC_ALPHABET, normalize_uscc
from desktop.models.policy import Policy, RuleConfig
from desktop.models.pooling import pooling_area, region_list
from desktop.models.reference import resource_dir
from desktop.models.registry import registry_as_of
from desktop.models.registry_files import KINDS
from desktop.models.rules import RULES, Check, Context, Verdict, Verifier, amount_for, is_shortage
from desktop.models.schema import RegistryCertificate, RegistryInsured, utc_text
from desktop.models.spreadsheet_cells import safe_row
from desktop.models.store import Store, larger_cache
from desktop.models.workdays import PeriodEnd, WorkCalendar, add_months, period_end

OUTREACH_COLUMNS: tuple[str, ...] = (
    "id_number", "name", "phone", "employer_name", "occupation_code", "level", "window_ends", "amount_yuan", "message",
)
TEMPLATE_FILE = "sms-template.toml"
SMS_SEGMENT = 70  # Chinese characters in one SMS (UCS-2); a longer message is sent as segments of 67
SMS_SEGMENT_LONG = 67
EXPORT_ACTION = "outreach.export"
# A window's last day is at most a run of rest days after its nominal day; 45 days is far beyond any.
_WINDOW_SLACK = dt.timedelta(days=45)
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Facts fields every application of one screening run shares (left out of the memo keys).
_CONSTANT_IN_A_RUN = ("application_region", "application_date", "training_subsidy_claimed", "declared_shortage")
_SQL_CHUNK = 500


# --------------------------------------------------------------------------
# The rules, memoised
# --------------------------------------------------------------------------


class Facts(NamedTuple):
    """Everything a rule may read of an application, flat (an ``Application`` and its certificate)."""

    id_number: str
    insured_region: str
    application_region: str
    contribution_months: int
    receiving_unemployment_benefit: bool
    certificate_number: str
    certificate_kind: str
    level: int
    occupation_code: str
    occupation_name: str
    issue_date: dt.date
    training_subsidy_claimed: bool
    application_date: dt.date
    prior_subsidies: tuple[PriorSubsidy, ...]
    declared_shortage: bool | None
    applicant_name: str = ""
    employer_uscc: str = ""

    @classmethod
    def of(cls, app: Application) -> Facts:
        c = app.certificate
        return cls(app.id_number, app.insured_region, app.application_region, app.contribution_months,
                   app.receiving_unemployment_benefit, c.number, c.kind, c.level, c.occupation_code,
                   c.occupation_name or "", c.issue_date, c.training_subsidy_claimed, app.application_date,
                   app.prior_subsidies, c.shortage, app.applicant_name, app.employer_uscc)

    def application(self) -> Application:
        certificate = Certificate(self.certificate_number, self.certificate_kind, self.level, self.occupation_code,
                                  self.issue_date, self.occupation_name or None, self.declared_shortage,
                                  self.training_subsidy_claimed)
        return Application(self.applicant_name, self.id_number, self.insured_region, self.application_region,
                           self.contribution_months, certificate, self.application_date,
                           self.receiving_unemployment_benefit, self.prior_subsidies, self.employer_uscc)


# What each rule function of ``rules.RULES`` reads of an application, besides the policy's own
# parameters (fixed for a Screener) and the window and shortage flag (derived from the fields
# named here: the issue date; the occupation and the declared flag) — the memo key.  ``None``:
# the rule reads something unique to every row; its ``_FAST`` twin decides (the rule itself is
# called when a full verdict is asked for).  A code missing here is called for every row.
_MEMO_FIELDS: dict[str, tuple[str, ...] | None] = {
    "id_number": None,
    "contribution_months": ("contribution_months", "receiving_unemployment_benefit"),
    "certificate_date": ("issue_date", "application_date"),
    "certificate_level": ("level",),
    "certificate_number": None,
    "application_window": ("issue_date", "application_date"),
    "insured_region": ("insured_region", "application_region"),
    "duplicate_subsidy": ("occupation_code", "level", "prior_subsidies"),
    "yearly_limit": ("application_date", "prior_subsidies", "occupation_code", "declared_shortage"),
    "lower_level": ("occupation_code", "level", "prior_subsidies"),
    "training_subsidy": ("training_subsidy_claimed",),
    "enterprise_employee": ("employer_uscc", "receiving_unemployment_benefit"),
}
_GETTERS: dict[str, Callable[[Facts], Hashable]] = {
    code: operator.itemgetter(*(Facts._fields.index(f) for f in fields))
    for code, fields in _MEMO_FIELDS.items() if fields
}


def _key_fields(code: str, constant: frozenset[str]) -> tuple[str, ...] | None:
    """The memo key of a rule without the fields every application of a run shares."""
    fields = _MEMO_FIELDS.get(code)
    return None if fields is None else tuple(f for f in fields if f not in constant)

_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_NATIONAL_CERTIFICATE = re.compile(r"[YS][0-9]{21}")


@functools.lru_cache(maxsize=65_536)
def _birth(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _fast_id_number(f: Facts) -> bool:
    """``rule_id_number``'s decision without its message (``identity.check_id_number``)."""
    number = f.id_number
    if _ID_SHAPE.fullmatch(number) is None:  # a clean number is already normalised
        number = identity.normalize_id_number(number)
        if _ID_SHAPE.fullmatch(number) is None:
            return False
    if number[:2] not in identity.PROVINCE_PREFIXES:
        return False
    birth = _birth(number[6:14])
    if birth is None or birth > f.application_date:
        return False
    return identity.id_check_matches(number)


def _fast_certificate_number(f: Facts) -> bool:
    """``rule_certificate_number``'s decision without its message."""
    number = f.certificate_number
    if _NATIONAL_CERTIFICATE.fullmatch(number) is None:  # else it is normalised and national already
        number = identity.normalize_certificate_number(number)
        if identity.certificate_format(number) != "skill_level_national":
            return True
    return number[15] == str(f.level)


_FAST: dict[str, Callable[[Facts], bool]] = {
    "id_number": _fast_id_number,
    "certificate_number": _fast_certificate_number,
}


@dataclass(frozen=True)
class Decision:
    """What screening needs of a verdict: eligible or not, and for an eligible one the window and amount."""

    eligible: bool
    window: PeriodEnd
    shortage: bool
    amount_yuan: int


class Screener:
    """The rules of one policy on one calendar, memoised; see the module docstring.

    ``eligible(facts)`` is the fast path over many applications at once;
    ``verdict(app)`` the full ``Verdict`` (equal to ``rules.verify(app,
    policy, calendar)``); ``decide(app)`` one application's ``Decision``.
    Not thread-safe.
    """

    def __init__(self, policy: Policy, calendar: WorkCalendar) -> None:
        self.policy = policy
        self.calendar = calendar
        order = {code: i for i, code in enumerate(RULES)}
        self.rules: tuple[RuleConfig, ...] = tuple(sorted(policy.rules, key=lambda r: order[r.code]))
        window_rule = policy.rule("application_window")
        self.months: int = window_rule.params["months"] if window_rule else 12
        self._windows: dict[dt.date, PeriodEnd] = {}
        self._checks: dict[tuple[str, Hashable], Check] = {}
        self._amounts: dict[tuple[str, int, bool], int] = {}
        self._shortage: dict[tuple[str, bool | None], bool] = {}

    def window(self, issued: dt.date) -> PeriodEnd:
        found = self._windows.get(issued)
        if found is None:
            found = self._windows[issued] = period_end(issued, self.months, self.calendar)
        return found

    def shortage(self, f: Facts) -> bool:
        key = (f.occupation_code, f.declared_shortage)
        found = self._shortage.get(key)
        if found is None:
            found = self._shortage[key] = is_shortage(f.application(), self.policy)
        return found

    def amount(self, f: Facts) -> int:
        shortage = self.shortage(f)
        key = (f.occupation_code, f.level, shortage)
        found = self._amounts.get(key)
        if found is None:
            found = self._amounts[key] = amount_for(f.application(), self.policy, shortage)
        return found

    def _run(self, rule: RuleConfig, f: Facts, app: Application | None = None) -> Check:
        app = app if app is not None else f.application()
        ctx = Context(app, self.policy, self.window(f.issue_date), self.shortage(f))
        return RULES[rule.code](ctx, rule)

    def _check(self, rule: RuleConfig, f: Facts, app: Application) -> Check:
        getter = _GETTERS.get(rule.code)
        if getter is None:
            return self._run(rule, f, app)
        key = (rule.code, getter(f))
        found = self._checks.get(key)
        if found is None:
            found = self._checks[key] = self._run(rule, f, app)
        return found

    def eligible(self, facts: Sequence[Facts], *, constant: Iterable[str] = (),
                 progress: Callable[[int], None] | None = None) -> list[int]:
        """Indices of the applications every rule passes, rule by rule over the survivors.

        A memoised rule runs once per distinct key (one application with that
        key stands for all of them); the per-row work is C-level ``map`` and
        ``dict`` loops.  ``constant`` names ``Facts`` fields every application
        shares (the date and office of a screening run): they are left out of
        the keys, and rules with the same key share one pass over the rows.
        ``progress(rules_done)`` is called after each rule."""
        same = frozenset(constant)
        alive = list(range(len(facts)))
        rows: list[Facts] = list(facts)
        keys_for: dict[tuple[str, ...], list[Hashable]] = {}  # valid while ``alive`` is unchanged
        for done, rule in enumerate(self.rules, 1):
            if progress is not None:
                progress(done - 1)
            if not alive:
                break
            fast = _FAST.get(rule.code)
            fields = _key_fields(rule.code, same)
            if fast is not None:
                passed = list(map(fast, rows))
            elif fields is not None:
                keys = keys_for.get(fields)
                if keys is None:
                    if fields:
                        getter = operator.itemgetter(*(Facts._fields.index(f) for f in fields))
                        keys = keys_for[fields] = list(map(getter, rows))
                    else:
                        keys = keys_for[fields] = [()] * len(rows)
                representatives = dict(zip(keys, rows, strict=True))
                ok: dict[Hashable, bool] = {}
                for key, f in representatives.items():
                    full = _GETTERS[rule.code](f)
                    memo = (rule.code, full)
                    check = self._checks.get(memo)
                    if check is None:
                        check = self._checks[memo] = self._run(rule, f)
                    ok[key] = check.passed
                passed = list(map(ok.__getitem__, keys))
            else:
                passed = [self._run(rule, f).passed for f in rows]
            if all(passed):
                continue
            alive = list(itertools.compress(alive, passed))
            rows = list(itertools.compress(rows, passed))
            keys_for = {fields: list(itertools.compress(k, passed)) for fields, k in keys_for.items()}
        return alive

    def decide(self, app: Application) -> Decision:
        f = Facts.of(app)
        window, shortage = self.window(f.issue_date), self.shortage(f)
        if not self.eligible([f]):
            return Decision(False, window, shortage, 0)
        return Decision(True, window, shortage, self.amount(f))

    def verdict(self, app: Application) -> Verdict:
        f = Facts.of(app)
        checks = tuple(self._check(rule, f, app) for rule in self.rules)
        eligible = all(c.passed for c in checks)
        return Verdict(eligible, self.amount(f) if eligible else 0, self.policy, checks,
                       self.window(f.issue_date), self.shortage(f))


# --------------------------------------------------------------------------
# Screening the registry
# --------------------------------------------------------------------------


class OutreachRow(NamedTuple):
    """One worker and one certificate: eligible today, not applied for (a tuple: there may be a million)."""

    id_number: str
    name: str
    phone: str
    employer_uscc: str
    employer_name: str
    insured_region: str
    certificate_number: str
    certificate_kind: str
    occupation_code: str
    occupation_name: str
    level: int
    issue_date: dt.date
    window_ends: dt.date
    window_provisional: bool
    amount_yuan: int
    shortage: bool

    @property
    def mobile(self) -> str | None:
        """The phone as an SMS can reach it, or None (empty, a landline)."""
        number = identity.normalize_mobile(self.phone or "")
        return number if _MOBILE.fullmatch(number) else None


@dataclass(frozen=True)
class Screening:
    today: dt.date
    office_code: str
    policy_label: str
    policy_carried_over: bool
    policy_note: str
    rows: tuple[OutreachRow, ...]
    candidates: int  # pairs the SQL bounds let through to the rules
    insured_as_of: dt.datetime | None
    certificates_as_of: dt.datetime | None
    employers: tuple[str, ...] = ()  # the filter asked for (USCCs or names); empty: everyone
    unmatched_employers: tuple[str, ...] = ()  # of the filter, those no insured row names
    seconds: float = 0.0

    @property
    def people(self) -> int:
        return len({r.id_number for r in self.rows})

    @property
    def provisional(self) -> int:
        return sum(1 for r in self.rows if r.window_provisional)

    def summary(self) -> dict[str, Any]:
        return {
            "date": self.today.isoformat(),
            "office": self.office_code,
            "policy": self.policy_label,
            "policy_carried_over": self.policy_carried_over,
            "policy_note": self.policy_note,
            "rows": len(self.rows),
            "people": self.people,
            "employers": len({employer_key(r) for r in self.rows}),
            "provisional": self.provisional,
            "no_mobile": sum(1 for r in self.rows if r.mobile is None),
            "amount_yuan": sum(r.amount_yuan for r in self.rows),
            "candidates": self.candidates,
            "insured_as_of": self.insured_as_of.isoformat() if self.insured_as_of else None,
            "certificates_as_of": self.certificates_as_of.isoformat() if self.certificates_as_of else None,
            "unmatched_employers": list(self.unmatched_employers),
            "seconds": round(self.seconds, 3),
        }


def split_employers(entries: Iterable[str]) -> tuple[list[str], list[str]]:
    """(USCCs, names): an 18-character code over the USCC alphabet is a code, anything else a name."""
    usccs: list[str] = []
    names: list[str] = []
    for entry in entries:
        text = unicodedata.normalize("NFKC", entry or "").strip()
        if not text:
            continue
        code = normalize_uscc(text)
        if len(code) == 18 and all(c in USCC_ALPHABET for c in code) and any(c.isdigit() for c in code):
            usccs.append(code)
        else:
            names.append(text)
    return list(dict.fromkeys(usccs)), list(dict.fromkeys(names))


def employer_key(row: OutreachRow) -> str:
    return row.employer_uscc or row.employer_name or ""


def _bounds(policy: Policy, today: dt.date, office: str) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions that can only over-select, from the policy's parameters."""
    where: list[str] = ["c.issue_date <= :today"]
    params: dict[str, Any] = {"today": today.isoformat()}
    region = policy.rule("insured_region")
    level = region.params.get("pooling", "prefecture") if region else "prefecture"
    area = pooling_area(office, level)
    # The area's listed codes (former ones map across prefixes: 巢湖 3414xx -> 合肥 3401), and by its key's
    # digits the codes the list does not know, which RegionList.area places by those digits.
    members = sorted(region_list().members(area, level))
    params.update({f"r{n}": code for n, code in enumerate(members)})
    listed = f" OR i.insured_region IN ({', '.join(f':r{n}' for n in range(len(members)))})" if members else ""
    where.append(f"(substr(i.insured_region, 1, {len(area.key)}) = :prefix{listed})")
    params["prefix"] = area.key
    months = policy.rule("contribution_months")
    if months is not None:
        params["min_months"] = int(months.params["min_months"])
        if months.params.get("unemployment_benefit_qualifies"):
            where.append("(i.contribution_months >= :min_months OR i.receiving_unemployment_benefit = 1)")
        else:
            where.append("i.contribution_months >= :min_months")
    levels = policy.rule("certificate_level")
    if levels is not None:
        allowed = sorted({int(x) for x in levels.params["levels"]})
        where.append(f"c.level IN ({', '.join(str(x) for x in allowed) or 'NULL'})")
    earliest = policy.rule("certificate_date")
    if earliest is not None:
        where.append("c.issue_date >= :earliest")
        params["earliest"] = earliest.params["earliest"].isoformat()
    window = policy.rule("application_window")
    if window is not None:
        # add_months is monotonic: a certificate issued before this cannot have a window still open today.
        oldest = add_months(today, -int(window.params["months"]) - 1) - _WINDOW_SLACK
        where.append("c.issue_date >= :oldest")
        params["oldest"] = oldest.isoformat()
    return where, params


_NOT_APPLIED = (
    "NOT EXISTS (SELECT 1 FROM cases k WHERE k.cert_number = c.number)",
    "NOT EXISTS (SELECT 1 FROM cases k WHERE k.id_number = c.id_number "
    "AND k.occupation_code = c.occupation_code AND k.cert_level = c.level)",
    "NOT EXISTS (SELECT 1 FROM ledger l WHERE l.id_number = c.id_number "
    "AND l.occupation_code = c.occupation_code AND l.level = c.level)",
)
_SELECT = (
    "SELECT c.number, c.id_number, c.kind, c.level, c.occupation_code, c.occupation_name, c.issue_date, "
    "i.name, i.employer_uscc, i.employer_name, i.insured_region, i.contribution_months, i.phone, "
    "i.receiving_unemployment_benefit, "
    "(SELECT group_concat(l.occupation_code || '|' || l.level || '|' || l.granted_on || '|' || l.shortage, ';') "
    " FROM ledger l WHERE l.id_number = c.id_number) AS priors "
    "FROM registry_certificates c JOIN registry_insured i ON i.id_number = c.id_number"
)


def _priors(text: str | None, cache: dict[str, tuple[PriorSubsidy, ...]]) -> tuple[PriorSubsidy, ...]:
    if not text:
        return ()
    found = cache.get(text)
    if found is None:
        items = []
        for part in text.split(";"):
            code, level, granted, shortage = part.rsplit("|", 3)
            items.append(PriorSubsidy(code, int(level), dt.date.fromisoformat(granted), shortage in ("1", "true")))
        found = cache[text] = tuple(items)
    return found


def screen(
    store: Store,
    verifier: Verifier,
    *,
    today: dt.date | None = None,
    employers: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Screening:
    """Workers of the office's area eligible on ``today`` (the office's date) who have not applied.

    ``employers`` (USCCs or exact employer names) narrows the screening to
    those employers' workers (an industrial park).  ``progress(step, steps)``
    is called after the query, after each rule and at the end; an exception
    from it stops the screening (nothing is written).
    """
    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()  # a million small tuples would set the cycle collector off over and over
    try:
        return _screen(store, verifier, today or store.clock.today(), employers, progress, started)
    finally:
        if collecting:
            gc.enable()


def _screen(store: Store, verifier: Verifier, today: dt.date, employers: Sequence[str],
            progress: Callable[[int, int], None] | None, started: float) -> Screening:
    office = store.office_code
    policy = verifier.book.for_case(today, office)
    screener = Screener(policy, verifier.calendar)
    where, params = _bounds(policy, today, office)
    usccs, names = split_employers(employers)
    if usccs or names:
        clauses = []
        for i, code in enumerate(usccs):
            params[f"u{i}"] = code
        for i, name in enumerate(names):
            params[f"n{i}"] = name
        if usccs:
            clauses.append(f"i.employer_uscc IN ({', '.join(f':u{i}' for i in range(len(usccs)))})")
        if names:
            clauses.append(f"i.employer_name IN ({', '.join(f':n{i}' for i in range(len(names)))})")
        where.append("(" + " OR ".join(clauses) + ")")
    sql = f"{_SELECT} WHERE {' AND '.join([*where, *_NOT_APPLIED])}"
    steps = len(screener.rules) + 2
    with store.session(readonly=True) as session:
        insured_as_of = registry_as_of(session, "insured")
        certificates_as_of = registry_as_of(session, "certificates")
        unmatched = _unmatched(session, usccs, names)
        statement, values = _named_to_qmark(sql, params)
        # The DBAPI cursor inside the session's transaction: no Row objects for a million rows.
        dbapi = session.connection().connection.driver_connection
        with larger_cache(dbapi):  # 128 MB while it runs: half the time on an encrypted file (issue 20.1)
            candidates = dbapi.execute(statement, values).fetchall()  # type: ignore[union-attr]
    if progress is not None:
        progress(1, steps)
    dates = {text: dt.date.fromisoformat(text) for text in {row[6] for row in candidates}}
    prior_cache: dict[str, tuple[PriorSubsidy, ...]] = {}
    facts = [
        Facts(id_number, region, office, months, bool(benefit), number, kind, level, code, occupation or "",
              dates[issued], False, today, _priors(priors, prior_cache), None, employer_uscc=uscc or "")
        for (number, id_number, kind, level, code, occupation, issued, _name, uscc, _employer, region, months,
             _phone, benefit, priors) in candidates
    ]
    if progress is not None:
        progress(2, steps)
    survivors = screener.eligible(facts, constant=_CONSTANT_IN_A_RUN,
                                  progress=None if progress is None else lambda done: progress(2 + done, steps))
    windows = {day: screener.window(day) for day in {facts[i].issue_date for i in survivors}}
    money: dict[tuple[str, int], tuple[int, bool]] = {}
    for i in survivors:
        f = facts[i]
        if (f.occupation_code, f.level) not in money:
            money[f.occupation_code, f.level] = (screener.amount(f), screener.shortage(f))
    rows = [
        OutreachRow(f.id_number, c[7], c[12] or "", c[8] or "", c[9] or "", f.insured_region, f.certificate_number,
                    f.certificate_kind, f.occupation_code, f.occupation_name, f.level, f.issue_date,
                    w.last_day, w.provisional, *money[f.occupation_code, f.level])
        for f, c, w in ((facts[i], candidates[i], windows[facts[i].issue_date]) for i in survivors)
    ]
    _sort_rows(rows)
    if progress is not None:
        progress(steps, steps)
    return Screening(
        today=today, office_code=office, policy_label=policy.label, policy_carried_over=policy.carried_over,
        policy_note=policy.note, rows=tuple(rows), candidates=len(candidates), insured_as_of=insured_as_of,
        certificates_as_of=certificates_as_of, employers=tuple(usccs + names), unmatched_employers=tuple(unmatched),
        seconds=time.perf_counter() - started,
    )


def _sort_rows(rows: list[OutreachRow]) -> None:
    """Soonest-closing window first, then by employer, ID number and certificate number.

    Two stable passes with flat keys: tuples of a date and Chinese names compare
    several times slower, which shows at half a million rows."""
    rows.sort(key=lambda r: f"{r.id_number}\x00{r.certificate_number}")
    employers = {name: rank for rank, name in enumerate(sorted({r.employer_name for r in rows}))}
    width = len(employers) + 1
    rows.sort(key=lambda r: r.window_ends.toordinal() * width + employers[r.employer_name])


def _named_to_qmark(sql: str, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The driver's ``?`` style: no SQLAlchemy compilation on a query run once over a million rows."""
    values: list[Any] = []

    def replace(match: re.Match[str]) -> str:
        values.append(params[match.group(1)])
        return "?"

    return re.sub(r":([a-z_][a-z0-9_]*)", replace, sql), values


def _unmatched(session: Session, usccs: Sequence[str], names: Sequence[str]) -> list[str]:
    missing: list[str] = []
    table = RegistryInsured.__table__
    for values, column in ((usccs, table.c.employer_uscc), (names, table.c.employer_name)):
        known: set[str] = set()
        for start in range(0, len(values), _SQL_CHUNK):
            chunk = list(values[start:start + _SQL_CHUNK])
            known.update(session.scalars(select(column).where(column.in_(chunk)).distinct()))
        missing += [v for v in values if v not in known]
    return missing


def registry_counts(store: Store) -> dict[str, int]:
    """How many rows each registry copy holds (screening needs both)."""
    with store.session(readonly=True) as session:
        return {
            "insured": int(session.scalar(select(func.count()).select_from(RegistryInsured)) or 0),
            "certificates": int(session.scalar(select(func.count()).select_from(RegistryCertificate)) or 0),
        }


def require_registry(store: Store) -> None:
    """``InvalidInput`` naming what to import when a registry copy is empty."""
    counts = registry_counts(store)
    for kind in KINDS:
        if counts[kind] == 0:
            raise InvalidInput.about("registry", "outreach.no_insured_registry" if kind == "insured"
                                     else "outreach.no_certificate_registry")


# --------------------------------------------------------------------------
# The message template (data)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageTemplate:
    """``resources/outreach/sms-template.toml``: templates tried in order, the first that fits wins."""

    templates: tuple[str, ...]
    max_chars: int
    level_words: Mapping[int, str]
    date_format: str
    provisional_note: str
    phone: str
    source: str
    placeholders: frozenset[str] = field(default=frozenset())

    def render(self, row: OutreachRow, *, phone: str | None = None) -> str:
        values = self.values(row, phone=phone)
        rendered = []
        for template in self.templates:
            text = template.format_map(values)
            if len(text) <= self.max_chars:
                return text
            rendered.append(text)
        return min(rendered, key=len)

    def values(self, row: OutreachRow, *, phone: str | None = None) -> dict[str, str]:
        day = row.window_ends
        return {
            "name": row.name,
            "occupation": row.occupation_name or row.occupation_code,
            "level": self.level_words.get(row.level, f"{row.level}级"),
            "amount": str(row.amount_yuan),
            "window_ends": self.date_format.format(year=day.year, month=day.month, day=day.day),
            "provisional": self.provisional_note if row.window_provisional else "",
            "employer": row.employer_name,
            "phone": phone or self.phone,
        }


_PLACEHOLDERS = frozenset({"name", "occupation", "level", "amount", "window_ends", "provisional", "employer", "phone"})
_TEMPLATE_KEYS = frozenset({"templates", "max_chars", "level_words", "date_format", "provisional_note", "phone"})


def template_path(data_dir: Path | None = None) -> Path:
    """The data folder's own template when an administrator put one there, else the shipped one."""
    if data_dir is not None:
        own = Path(data_dir) / "outreach" / TEMPLATE_FILE
        if own.is_file():
            return own
    return resource_dir() / "outreach" / TEMPLATE_FILE


def load_template(path: Path | None = None, *, data_dir: Path | None = None) -> MessageTemplate:
    """Read and check a template file; a mistake is a ``PolicyError`` naming the file and key."""
    path = Path(path) if path is not None else template_path(data_dir)
    source = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError.about(source, "file", "toml.unreadable", error=exc) from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError.about(source, "TOML", "toml.bad_format", error=exc) from None
    unknown = sorted(set(data) - _TEMPLATE_KEYS)
    if unknown:
        raise PolicyError.about(source, unknown[0], "toml.unknown_key")
    templates = data.get("templates")
    if not isinstance(templates, list) or not templates or not all(isinstance(t, str) and t for t in templates):
        raise PolicyError.about(source, "templates", "template.not_texts")
    import string

    for i, text in enumerate(templates):
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError as exc:
            raise PolicyError.about(source, f"templates[{i}]", "template.unpaired_braces", error=exc) from None
        bad = sorted(names - _PLACEHOLDERS)
        if bad:
            known = "、".join("{" + p + "}" for p in sorted(_PLACEHOLDERS))
            raise PolicyError.about(source, f"templates[{i}]", "template.unknown_placeholder", placeholder=bad[0],
                                    known=known)
    max_chars = data.get("max_chars", SMS_SEGMENT)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 10:
        raise PolicyError.about(source, "max_chars", "template.bad_max_chars")
    words = data.get("level_words", {})
    if not isinstance(words, dict) or not all(k in {"1", "2", "3", "4", "5"} and isinstance(v, str)
                                              for k, v in words.items()):
        raise PolicyError.about(source, "level_words", "template.bad_level_words")
    date_format = data.get("date_format", "{year}年{month}月{day}日")
    if not isinstance(date_format, str):
        raise PolicyError.about(source, "date_format", "template.date_format_not_text")
    try:
        date_format.format(year=2027, month=1, day=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise PolicyError.about(source, "date_format", "template.bad_date_format", error=exc) from None
    note = data.get("provisional_note", "")
    phone = data.get("phone", "12333")
    if not isinstance(note, str):
        raise PolicyError.about(source, "provisional_note", "value.not_text")
    if not isinstance(phone, str):
        raise PolicyError.about(source, "phone", "value.not_text")
    return MessageTemplate(
        templates=tuple(templates), max_chars=max_chars, level_words={int(k): v for k, v in words.items()},
        date_format=date_format, provisional_note=note, phone=phone, source=str(path), placeholders=_PLACEHOLDERS,
    )


def segments(text: str) -> int:
    """How many SMS a message takes: one up to 70 characters, else 67 a segment."""
    if len(text) <= SMS_SEGMENT:
        return 1
    return -(-len(text) // SMS_SEGMENT_LONG)


# --------------------------------------------------------------------------
# The CSV of CONTRACTS.md
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    path: Path
    rows: int
    sha256: str
    longest_message: int
    max_segments: int

    def to_json(self) -> dict[str, Any]:
        return {"out": str(self.path), "written": self.rows, "sha256": self.sha256,
                "longest_message": self.longest_message, "max_segments": self.max_segments}


def csv_bytes(rows: Sequence[OutreachRow], template: MessageTemplate) -> tuple[bytes, int]:
    """The outreach CSV (UTF-8 with a BOM, CRLF as Excel writes it) and the longest message's length."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(OUTREACH_COLUMNS)
    longest = 0
    for row in rows:
        message = template.render(row)
        longest = max(longest, len(message))
        # Registry cells (name, phone, employer) and the message go to the SMS platform as text, never formulas.
        writer.writerow(safe_row((row.id_number, row.name, row.phone, row.employer_name, row.occupation_code,
                                  row.level, row.window_ends.isoformat(), row.amount_yuan, message)))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), longest


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by its owner only (personal data)."""
    path = Path(path)
    try:
        files.write_private(path, data)
    except OSError as exc:
        raise InvalidInput.about("out", "file.cannot_write", path=path, reason=exc.strerror or exc) from None


def record_export(store: Store, actor: str, *, kind: str, screening: Screening, path: Path, rows: int,
                  sha256: str, extra: Mapping[str, Any] | None = None) -> None:
    """One audit entry for an export of personal data (who, when, what, how many, the file's hash)."""
    at = store.clock.now()
    after = {
        "kind": kind, "path": str(path), "rows": rows, "sha256": sha256, "date": screening.today.isoformat(),
        "policy": screening.policy_label, "employers": list(screening.employers), **dict(extra or {}),
    }
    with store.session() as session:
        audit.record(session, actor=actor, action=EXPORT_ACTION, entity="outreach",
                     entity_id=f"{screening.today.isoformat()}@{utc_text(at)}", before=None, after=after, at=at)


def export_csv(store: Store, screening: Screening, path: Path | str, template: MessageTemplate, *,
               actor: str | None = None) -> Export:
    """Write the outreach CSV of CONTRACTS.md for ``screening`` to ``path`` (audited)."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInput.about("out", "file.is_folder_csv", path=path)
    data, longest = csv_bytes(screening.rows, template)
    write_private(path, data)
    digest = hashlib.sha256(data).hexdigest()
    record_export(store, actor or default_actor(), kind="csv", screening=screening, path=path,
                  rows=len(screening.rows), sha256=digest)
    return Export(path, len(screening.rows), digest, longest, segments("x" * longest) if longest else 0)


__all__ = [
    "EXPORT_ACTION",
    "OUTREACH_COLUMNS",
    "Decision",
    "Export",
    "MessageTemplate",
    "OutreachRow",
    "Screener",
    "Screening",
    "csv_bytes",
    "default_actor",
    "employer_key",
    "export_csv",
    "load_template",
    "record_export",
    "registry_counts",
    "require_registry",
    "screen",
    "segments",
    "split_employers",
    "template_path",
    "write_private",
]
