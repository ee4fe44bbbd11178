"""The benchmark's data: a counter's data folder with a million cases, made in minutes.

``build_big_folder`` creates the data folder with ``open_store`` (so the schema,
the indexes and the migrations are the real ones, at the head revision), adds
staff through ``staff.create_staff``, then writes the bulk with raw SQLCipher
``executemany`` (the folder's key, as the program writes): the secondary
indexes of the bulk tables are dropped first and re-created afterwards from
their own ``CREATE INDEX`` text (a sorted index build is several times faster
than a million random inserts), so the file ends up with exactly the schema
``open_store`` made.  No ``ANALYZE`` is run: the app never runs it, so the
query planner sees what it sees at an office.

What the folder holds (``scale`` = N, a million by default):

* N cases filed on the working days (Monday to Friday) of the last 365 days in
  office hours, each day's case numbers in filing order.  A case's later steps
  (acceptance of a draft, review, rejection, publicity, approval, payment, a
  failed payment re-queued, withdrawal) happen some working days apart, and only
  the steps already past at build time count: recent cases are still accepted
  or under review, older ones mostly paid, a few reviews are left overdue.  Case
  rows carry what the services write (a real verdict JSON of the policy in
  force, materials, version, who and when).  About one applicant in five is a
  worker of the registry applying with the registered certificate.
* The audit trail of every step, ``seq`` in time order (``at`` never goes
  back), actions, actors and before/after JSON as the services write them; the
  creation entry holds the case record as ``cases.create_case`` writes it but
  with the verdict's checks left out (they are most of its 4 kB and no scenario
  reads them there); a receipt print follows each acceptance.  The hash chain is linked
  (``prev_hash`` = the previous ``hash``, the head in ``meta``) but the hashes
  are NOT SHA-256 of the entries: computing a million of them would double the
  build, and no scenario verifies the chain (``audit verify`` fails on it).
* The ledger: a local entry per case accepted and not rejected or withdrawn,
  and central entries (other offices' subsidies) for one registry worker in ten.
* The registry copy: N insured workers and N certificates (one each), and the
  ``as of`` stamps an import leaves in ``meta``.
* ``case_sequences`` up to date, and today's daily backup (a hard link to the
  finished database, named as ``backup.take_backup`` names it; see BENCHMARKS.md).
* No outbox rows: a real folder keeps every change's outbox row after it is
  applied (about 2.7 kB each), which would add gigabytes no scenario reads.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.population import Person, account, certificate_number, mix, person
from desktop.models import staff
from desktop.models.application import Application, Certificate
from desktop.models.backup import BACKUP_DIR, DB_FILENAME
from desktop.models.clock import Clock
from desktop.models.database import open_database
from desktop.models.registry import META_AS_OF
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS
from desktop.models.rules import Verifier
from desktop.models.store import CODE_ALPHABET, open_store

Progress = Callable[[str], None]

OFFICE = "440100"
STAFF = (  # username, display name, role
    ("clerk", "陈受理", staff.Role.clerk), ("clerk2", "林受理", staff.Role.clerk),
    ("clerk3", "何受理", staff.Role.clerk), ("reviewer", "黄审核", staff.Role.reviewer),
    ("reviewer2", "梁审核", staff.Role.reviewer), ("approver", "周审批", staff.Role.approver),
    ("supervisor", "吴科长", staff.Role.supervisor), ("admin", "系统管理员", staff.Role.admin),
)
CLERKS = ("clerk", "clerk2", "clerk3")
REVIEWERS = ("reviewer", "reviewer2")
APPROVER = "approver"
BUILT_MARKER = "bench-built.json"
BUILDER_VERSION = 6
CHUNK = 20_000
DAY_US = 86_400_000_000
OPEN_US = 1_800_000_000  # 08:30 in Beijing is 00:30 UTC: office hours stay on one UTC date
CLOSE_US = 34_200_000_000  # 17:30 in Beijing
RECEIVED = ["application_form", "id_card", "contribution_record", "certificate", "payment_account"]
_EPOCH = dt.date(1970, 1, 1).toordinal()
_MATERIALS_DATA = {True: {"missing": [], "received": RECEIVED},
                   False: {"missing": ["contribution_record"], "received": RECEIVED[:2]}}


def _log(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def _stamp(day: str, us: int) -> str:
    """UTC text as ``UTCDateTime`` stores it, for microsecond ``us`` of ``day`` (ISO date)."""
    s, micro = divmod(us, 1_000_000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{day}T{h:02d}:{m:02d}:{s:02d}.{micro:06d}+00:00"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


_MATERIALS = {eligible: _canonical(data) for eligible, data in _MATERIALS_DATA.items()}


# --- the raw connection ---------------------------------------------------------------------


def _bulk_connection(db: Path) -> Any:
    """A connection for the bulk load (encrypted with the folder's key, as the program writes it):
    no journal, no fsync, a large cache (WAL is put back at the end)."""
    conn = open_database(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE").fetchall()
    conn.execute("PRAGMA journal_mode=OFF").fetchall()
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


def _finish_connection(conn: Any) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.execute("PRAGMA journal_mode=WAL").fetchall()
    conn.close()


def _drop_indexes(conn: Any, tables: Iterable[str]) -> list[str]:
    """Drop the tables' explicit indexes; return their CREATE statements to run again later."""
    marks = ",".join("?" * len(list(tables)))
    rows = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        list(tables),
    ).fetchall()
    for name, _sql in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def _insert(conn: Any, table: str, columns: Iterable[str], rows: Iterable[tuple[Any, ...]]) -> int:
    names = list(columns)
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    done = 0
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            conn.executemany(sql, batch)
            done += len(batch)
            batch.clear()
    if batch:
        conn.executemany(sql, batch)
        done += len(batch)
    return done


# --- registry rows ----------------------------------------------------------------------------


def insured_values(p: Person) -> tuple[Any, ...]:
    """The insured registry columns (``INSURED_COLUMNS`` order) of a person, as a file row has them."""
    return (p.id_number, p.name, p.employer.uscc, p.employer.name, p.insured_region, p.months, p.phone,
            p.benefit)


def certificate_values(p: Person, today: dt.date) -> tuple[Any, ...]:
    """The certificate registry columns (``CERTIFICATE_COLUMNS`` order)."""
    return (p.cert_number, p.id_number, p.cert_kind, p.level, p.occupation_code, p.occupation_name,
            today - dt.timedelta(days=p.issued_days_ago), p.issuer)


def write_registry_csv(folder: Path, count: int, today: dt.date, *, first: int = 0) -> tuple[Path, Path]:
    """The insured and certificates files of people ``first`` .. ``first + count - 1`` (UTF-8 CSV)."""
    folder.mkdir(parents=True, exist_ok=True)
    insured, certificates = folder / "insured.csv", folder / "certificates.csv"
    with insured.open("w", encoding="utf-8", newline="") as a, certificates.open("w", encoding="utf-8",
                                                                                  newline="") as b:
        wa, wb = csv.writer(a), csv.writer(b)
        wa.writerow(INSURED_COLUMNS)
        wb.writerow(CERTIFICATE_COLUMNS)
        for j in range(first, first + count):
            p = person(j)
            row = insured_values(p)
            wa.writerow((*row[:7], "true" if row[7] else "false"))
            cert = certificate_values(p, today)
            wb.writerow((*cert[:6], cert[6].isoformat(), cert[7]))
    return insured, certificates


# --- verdicts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerdictTemplate:
    eligible: bool
    amount_yuan: int
    policy_id: str
    shortage: bool
    json: str  # canonical, as create_case stores it
    summary: str  # the verdict without its checks, for the creation entry of the audit trail


def _verdicts(verifier: Verifier, day: dt.date) -> dict[tuple[int, bool], VerdictTemplate]:
    """Real verdicts of the policy in force on ``day``: per certificate level, with enough
    contribution months or not (the two things that decide most cases here)."""
    found = {}
    template = person(7)
    for level in (1, 2, 3, 4, 5):
        for enough in (True, False):
            app = Application(
                applicant_name=template.name, id_number=template.id_number, insured_region=OFFICE,
                application_region=OFFICE, contribution_months=40 if enough else 8,
                certificate=Certificate(template.cert_number[:15] + str(level) + template.cert_number[16:],
                                        "skill_level", level, template.occupation_code,
                                        day - dt.timedelta(days=120), template.occupation_name),
                application_date=day,
            )
            verdict = verifier.verify(app)
            data = verdict.to_json()
            found[level, enough] = VerdictTemplate(
                verdict.eligible, verdict.amount_yuan, verdict.policy.label, verdict.shortage, _canonical(data),
                _canonical({k: v for k, v in data.items() if k != "checks"}))
    return found


# --- cases and their history -----------------------------------------------------------------


@dataclass
class _Calendar:
    """Working days (Monday to Friday) from ``first`` on, and their index."""

    days: list[dt.date]
    index: dict[dt.date, int]

    @classmethod
    def make(cls, first: dt.date, last: dt.date) -> _Calendar:
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        days = [d for d in days if d.weekday() < 5]
        return cls(days, {d: i for i, d in enumerate(days)})


@dataclass
class Sample:
    """A case or a person the query scenarios look up."""

    case_no: str
    id_number: str
    name: str
    person_j: int
    registry: bool  # the applicant is in the registry copy


@dataclass
class BigFolder:
    data_dir: Path
    cases: int
    registry: int
    audit_entries: int
    ledger_rows: int
    built_for: str  # the office date the data was made for (ISO)
    now: str  # the instant the timeline ends (UTC ISO)
    seconds: float
    db_bytes: int
    user: str = "clerk"
    samples: list[Sample] = field(default_factory=list)
    states: dict[str, int] = field(default_factory=dict)
    reused: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases, "registry_insured": self.registry, "registry_certificates": self.registry,
            "audit_entries": self.audit_entries, "ledger_rows": self.ledger_rows, "states": self.states,
            "built_for": self.built_for, "build_seconds": round(self.seconds, 1),
            "db_mb": round(self.db_bytes / 2**20, 1), "reused": self.reused,
        }


_ACCEPT, _RECEIPT, _REVIEW, _REJECT, _PUBLICIZE, _APPROVE, _PAID, _FAILED, _REQUEUE, _WITHDRAW = range(10)
# The lifecycle step of each event: (action, state after, op for the outbox-like after JSON)
_STEP_STATE = {_ACCEPT: "accepted", _REVIEW: "under_review", _REJECT: "rejected", _PUBLICIZE: "publicized",
               _APPROVE: "approved", _PAID: "paid", _FAILED: "payment_failed", _REQUEUE: "approved",
               _WITHDRAW: "withdrawn"}
_STEP_ACTION = {_ACCEPT: "case.accept", _RECEIPT: "document.receipt", _REVIEW: "case.start_review",
                _REJECT: "case.reject", _PUBLICIZE: "case.publicize", _APPROVE: "case.approve", _PAID: "case.pay",
                _FAILED: "case.pay", _REQUEUE: "case.requeue_payment", _WITHDRAW: "case.withdraw"}
_REJECT_NOTE = "经审核，证书与申报职业不一致，不符合补贴条件"
_WITHDRAW_NOTE = "申请人撤回"
_DISPUTE_REASON = "申请人对缴费月数有异议，已提交补缴证明待核"


class _CaseMaker:
    """Makes one case with its steps; events go to ``buckets`` (working-day index -> events)."""

    def __init__(self, device_id: str, device_code: str, cal: _Calendar, now_key: int,
                 verdicts: dict[tuple[int, bool], VerdictTemplate]) -> None:
        self.device_id, self.device_code = device_id, device_code
        self.cal, self.now_key, self.verdicts = cal, now_key, verdicts
        self.rng = random.Random(2026)
        self.buckets: dict[int, list[tuple[int, int, str, str, str | None, str, str]]] = {}
        self.ledger: list[tuple[Any, ...]] = []
        self.states: dict[str, int] = {}

    def _key(self, wd: int, us: int) -> int:
        return (self.cal.days[wd].toordinal() - _EPOCH) * DAY_US + us

    def _later(self, wd: int, us: int, lo: int, hi: int) -> tuple[int, int]:
        """A moment ``lo``..``hi`` working days after (wd, us), in office hours, strictly later."""
        step = self.rng.randint(lo, hi)
        new_us = self.rng.randrange(OPEN_US, CLOSE_US)
        if step == 0 and new_us <= us:  # later the same day (office hours end before midnight in Beijing)
            new_us = us + self.rng.randrange(60_000_000, 3_600_000_000)
        return wd + step, new_us

    def make(self, i: int, p: Person, day_wd: int, us: int, case_no: str) -> tuple[Any, ...]:
        rng = self.rng
        day = self.cal.days[day_wd]
        # People come to the counter with a covered certificate, and most with enough months:
        # about one case in fourteen is not eligible (short of contribution months).
        if p.level < 3:
            level = 5 - (i % 2)
            p = p._replace(level=level, cert_number=certificate_number(p.j, level))
        if p.months < 12 and not p.benefit and i % 3:
            p = p._replace(months=p.months + 24)
        enough = p.months >= 12 or p.benefit
        verdict = self.verdicts[p.level, enough]
        eligible = verdict.eligible
        case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        clerk = CLERKS[i % len(CLERKS)]
        reviewer = REVIEWERS[i % len(REVIEWERS)]
        issued = day - dt.timedelta(days=rng.randrange(20, 330))
        created = _stamp(day.isoformat(), us)
        # The fate of the case: its steps, each (kind, working-day index, microsecond).
        steps: list[tuple[int, int, int]] = []
        disputed = False
        wd, at = day_wd, us
        roll = rng.random()
        if eligible:
            if roll < 0.06:  # filed as a draft, accepted when the materials came
                wd, at = self._later(wd, at, 1, 10)
            steps.append((_ACCEPT, wd, at))
        elif roll < 0.4:
            pass  # stays a draft
        elif roll < 0.7:
            steps.append((_WITHDRAW, *self._later(wd, at, 1, 5)))
        else:
            disputed = True
            steps.append((_ACCEPT, wd, at))
        if steps and steps[-1][0] == _ACCEPT:
            wd, at = steps[-1][1], steps[-1][2]
            steps.append((_RECEIPT, wd, at + rng.randrange(5_000_000, 90_000_000)))
            roll = rng.random()
            if not disputed and roll < 0.02:
                steps.append((_WITHDRAW, *self._later(wd, at, 0, 5)))
            else:
                # Reviews keep to the policy's time limit (5 working days) but for a few slow ones.
                wd, at = self._later(wd, at, 0, 2)
                steps.append((_REVIEW, wd, at))
                slow = rng.random() < 0.03
                wd, at = self._later(wd, at, 15, 40) if slow else self._later(wd, at, 0, 3)
                if disputed or rng.random() < 0.08:
                    steps.append((_REJECT, wd, at))
                else:
                    steps.append((_PUBLICIZE, wd, at))
                    wd, at = self._later(wd, at, 6, 8)
                    steps.append((_APPROVE, wd, at))
                    wd, at = self._later(wd, at, 2, 6)
                    if rng.random() < 0.05:
                        steps.append((_FAILED, wd, at))
                        wd, at = self._later(wd, at, 1, 5)
                        steps.append((_REQUEUE, wd, at))
                        wd, at = self._later(wd, at, 2, 6)
                    steps.append((_PAID, wd, at))
        happened = [s for s in steps if s[1] < len(self.cal.days) and self._key(s[1], s[2]) <= self.now_key]

        state, version = "draft", 1
        accepted_by: str | None = None
        accepted_at: str | None = None
        changed_at = updated_at = created
        note: str | None = None
        bucket = self.buckets.setdefault(day_wd, [])
        lookup = "".join(rng.choice(CODE_ALPHABET) for _ in range(6))
        materials = _MATERIALS[eligible]
        amount = verdict.amount_yuan if eligible else 0
        dispute_flag = "true" if disputed else "false"
        values = {
            "id": case_id, "case_no": case_no, "office_code": OFFICE, "device_id": self.device_id,
            "state": "draft", "disputed": False, "dispute_reason": None, "applicant_name": p.name,
            "id_number": p.id_number, "phone": p.phone, "employer_name": p.employer.name,
            "employer_uscc": p.employer.uscc, "cert_number": p.cert_number, "cert_kind": p.cert_kind,
            "cert_level": p.level, "occupation_code": p.occupation_code, "occupation_name": p.occupation_name,
            "cert_issue_date": issued.isoformat(), "shortage": verdict.shortage, "training_subsidy_claimed": False,
            "payment_kind": "bank", "payment_account": account(p.j), "bank_name": p.bank, "holder_name": p.name,
            "contribution_months": p.months, "receiving_unemployment_benefit": p.benefit,
            "insured_region": p.insured_region if p.insured_region.startswith("4401") else OFFICE,
            "application_region": OFFICE, "application_date": day.isoformat(), "policy_id": verdict.policy_id,
            "eligible": eligible, "amount_yuan": amount, "verdict": "\x00verdict", "sources": {},
            "materials": _MATERIALS_DATA[eligible], "lookup_code": lookup, "decision_note": None,
            "created_by": clerk, "accepted_by": None, "accepted_at": None, "state_changed_at": created,
            "version": 1, "created_at": created, "updated_at": created,
        }
        record = _canonical(values).replace('"\\u0000verdict"', verdict.summary)
        bucket.append((self._key(day_wd, us), 0, clerk, "case.create", None, record, case_id))
        for kind, swd, sus in happened:
            stamp = _stamp(self.cal.days[swd].isoformat(), sus)
            key = self._key(swd, sus)
            actor = (clerk if kind in (_ACCEPT, _RECEIPT, _WITHDRAW) else
                     reviewer if kind in (_REVIEW, _REJECT, _PUBLICIZE) else APPROVER)
            if kind == _RECEIPT:
                after = (f'{{"format":"a4","kind":"receipt","path":"{case_no}-receipt.pdf","reprint":0,'
                         f'"sha256":"{mix_hex(i)}"}}')
                self.buckets.setdefault(swd, []).append((key, 1, actor, "document.receipt", None, after, case_id))
                continue
            new_state = _STEP_STATE[kind]
            # Canonical JSON (sorted keys, no spaces) written out: json.dumps costs more than the rest.
            head = f'"state":"{state}","version":{version}'
            tail = f'"state":"{new_state}","version":{version + 1}'
            accepted_then = stamp if kind == _ACCEPT else accepted_at
            accepted = "null" if accepted_then is None else f'"{accepted_then}"'
            figures = (f'"figures":{{"accepted_at":{accepted},'
                       f'"amount_yuan":{amount},"cert_level":{p.level},"disputed":{dispute_flag},'
                       f'"office_code":"{OFFICE}"}}')  # cases.figures, as the case stands after the change
            if kind == _ACCEPT:
                accepted_by, accepted_at = clerk, stamp
                if disputed:
                    before = '{"accepted_at":null,"accepted_by":null,"dispute_reason":null,"disputed":false,' + head
                    after = (f'{{"accepted_at":"{stamp}","accepted_by":"{clerk}",'
                             f'"dispute_reason":"{_DISPUTE_REASON}","disputed":true,{figures},'
                             f'"note":"{_DISPUTE_REASON}",' + tail)
                else:
                    before = '{"accepted_at":null,"accepted_by":null,' + head
                    after = f'{{"accepted_at":"{stamp}","accepted_by":"{clerk}",{figures},' + tail
            elif kind in (_REJECT, _WITHDRAW):
                text = _REJECT_NOTE if kind == _REJECT else _WITHDRAW_NOTE
                before = '{"decision_note":' + ("null" if note is None else f'"{note}"') + "," + head
                after = f'{{"decision_note":"{text}",{figures},"note":"{text}",' + tail
                note = text
            elif kind in (_APPROVE, _PAID, _FAILED):
                batch = f"{OFFICE}-{'GS' if kind == _APPROVE else 'FF'}-{self.cal.days[swd]:%Y%m%d}"
                before = "{" + head
                after = f'{{"batch_no":"{batch}",{figures},' + tail
            else:
                before, after = "{" + head, "{" + figures + "," + tail
            state, version = new_state, version + 1
            changed_at = updated_at = stamp
            self.buckets.setdefault(swd, []).append((key, 1, actor, _STEP_ACTION[kind], before + "}", after + "}",
                                                     case_id))
        self.states[state] = self.states.get(state, 0) + 1
        if accepted_at is not None and state not in ("rejected", "withdrawn", "draft"):
            self.ledger.append((p.id_number, p.occupation_code, p.level, day.isoformat(), int(verdict.shortage),
                                "local", case_no))
        return (case_id, case_no, OFFICE, self.device_id, state, int(disputed),
                _DISPUTE_REASON if disputed else None, p.name, p.id_number, p.phone, p.employer.name,
                p.employer.uscc, p.cert_number, p.cert_kind, p.level, p.occupation_code, p.occupation_name,
                issued.isoformat(), int(verdict.shortage), 0, "bank", values["payment_account"], p.bank, p.name,
                p.months, int(p.benefit), values["insured_region"], OFFICE, day.isoformat(), verdict.policy_id,
                int(eligible), amount, verdict.json, "{}", materials, lookup, note, clerk, accepted_by, accepted_at,
                changed_at, version, created, updated_at)


def mix_hex(i: int) -> str:
    """A SHA-256-looking hex digest for a print's audit entry."""
    return "".join(f"{mix(4 * i + k):016x}" for k in range(4))


CASE_COLUMNS = (
    "id", "case_no", "office_code", "device_id", "state", "disputed", "dispute_reason", "applicant_name",
    "id_number", "phone", "employer_name", "employer_uscc", "cert_number", "cert_kind", "cert_level",
    "occupation_code", "occupation_name", "cert_issue_date", "shortage", "training_subsidy_claimed",
    "payment_kind", "payment_account", "bank_name", "holder_name", "contribution_months",
    "receiving_unemployment_benefit", "insured_region", "application_region", "application_date", "policy_id",
    "eligible", "amount_yuan", "verdict_json", "sources_json", "materials_json", "lookup_code", "decision_note",
    "created_by", "accepted_by", "accepted_at", "state_changed_at", "version", "created_at", "updated_at",
)
AUDIT_COLUMNS = ("seq", "at", "actor", "action", "entity", "entity_id", "before_json", "after_json", "prev_hash",
                 "hash")
LEDGER_COLUMNS = ("id_number", "occupation_code", "level", "granted_on", "shortage", "source", "case_no")
_INSURED_TABLE_COLUMNS = (*INSURED_COLUMNS, "updated_at")
_CERTIFICATE_TABLE_COLUMNS = (*CERTIFICATE_COLUMNS, "updated_at")


def _day_counts(total: int, days: int) -> list[int]:
    return [(total * (k + 1)) // days - (total * k) // days for k in range(days)]


def _write_cases(conn: Any, maker: _CaseMaker, count: int, cal: _Calendar, first_wd: int,
                 last_wd: int, now_key: int, samples_wanted: set[int],
                 progress: Progress | None) -> tuple[int, int, list[Sample], dict[tuple[str, str], int]]:
    """Cases day by day; after each day its audit entries (no later day can add to it) in time order.
    Returns the last audit seq, the cases written, the samples and the case-number sequences."""
    case_sql = f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) VALUES ({', '.join('?' * len(CASE_COLUMNS))})"
    audit_sql = f"INSERT INTO audit_log ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' * len(AUDIT_COLUMNS))})"
    # Each working day's office hours, today's only up to now: every case is made before now.
    hours = {wd: (OPEN_US, min(CLOSE_US, now_key - maker._key(wd, 0))) for wd in range(first_wd, last_wd + 1)}
    open_days = [wd for wd, (lo, hi) in hours.items() if hi > lo]
    counts = dict(zip(open_days, _day_counts(count, len(open_days)), strict=True))
    # The staff accounts' entries come first (made on the eve of the first day).
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last if last is not None else (0, "0" * 64)
    samples: list[Sample] = []
    sequences: dict[tuple[str, str], int] = {}
    i = 0
    rng = random.Random(11)
    started = time.perf_counter()
    for wd in range(first_wd, len(cal.days)):
        rows = []
        if wd in counts:
            day = cal.days[wd]
            times = sorted(rng.randrange(*hours[wd]) for _ in range(counts[wd]))
            for n, us in enumerate(times, 1):
                # One applicant in five is a registry worker with the registered certificate.
                j = i if i % 5 == 0 else count + i
                p = person(j)
                case_no = f"{OFFICE}-{maker.device_code}-{day:%Y%m%d}-{n:04d}"
                rows.append(maker.make(i, p, wd, us, case_no))
                if i in samples_wanted:
                    samples.append(Sample(case_no, p.id_number, p.name, j, i % 5 == 0))
                i += 1
            if times:
                sequences[(maker.device_code, day.isoformat())] = len(times)
            conn.executemany(case_sql, rows)
        events = maker.buckets.pop(wd, None)
        if events:
            events.sort(key=lambda e: (e[0], e[1]))
            batch = []
            for key, _order, actor, action, before, after, case_id in events:
                seq += 1
                digest = f"{seq:064x}"
                day_iso = dt.date.fromordinal(key // DAY_US + _EPOCH).isoformat()
                batch.append((seq, _stamp(day_iso, key % DAY_US), actor, action, "case", case_id, before, after,
                              prev, digest))
                prev = digest
            conn.executemany(audit_sql, batch)
        if wd > last_wd and not maker.buckets:
            break
        if progress is not None and wd % 20 == 0 and wd <= last_wd:
            progress(f"  cases: {i:,} of {count:,} ({time.perf_counter() - started:.0f} s)")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head_seq', ?)", (str(seq),))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head_hash', ?)", (prev,))
    return seq, i, samples, sequences


def _write_registry(conn: sqlite3.Connection, count: int, today: dt.date, stamp: str,
                    csv_dir: Path | None) -> None:
    """The registry copy; the same rows as the two CSV files of the import scenario when ``csv_dir``."""
    insured = f"INSERT INTO registry_insured ({', '.join(_INSURED_TABLE_COLUMNS)}) VALUES ({', '.join('?' * 9)})"
    certs = f"INSERT INTO registry_certificates ({', '.join(_CERTIFICATE_TABLE_COLUMNS)}) VALUES ({', '.join('?' * 9)})"
    with contextlib.ExitStack() as files:
        writers: list[Any] = []
        if csv_dir is not None:
            csv_dir.mkdir(parents=True, exist_ok=True)
            for name, header in (("insured.csv", INSURED_COLUMNS), ("certificates.csv", CERTIFICATE_COLUMNS)):
                writer = csv.writer(files.enter_context((csv_dir / name).open("w", encoding="utf-8", newline="")))
                writer.writerow(header)
                writers.append(writer)
        a: list[tuple[Any, ...]] = []
        b: list[tuple[Any, ...]] = []
        for j in range(count):
            p = person(j)
            issued = (today - dt.timedelta(days=p.issued_days_ago)).isoformat()
            row_a = (p.id_number, p.name, p.employer.uscc, p.employer.name, p.insured_region, p.months, p.phone)
            row_b = (p.cert_number, p.id_number, p.cert_kind, p.level, p.occupation_code, p.occupation_name, issued,
                     p.issuer)
            a.append((*row_a, int(p.benefit), stamp))
            b.append((*row_b, stamp))
            if writers:
                writers[0].writerow((*row_a, "true" if p.benefit else "false"))
                writers[1].writerow(row_b)
            if len(a) >= CHUNK:
                conn.executemany(insured, a)
                conn.executemany(certs, b)
                a.clear()
                b.clear()
        if a:
            conn.executemany(insured, a)
            conn.executemany(certs, b)


def _registry_side(db: str, ddl: list[str], count: int, today: str, stamp: str, csv_dir: str | None) -> None:
    """In a second process (the machine's other core), while the first makes the cases: the registry
    rows into a side database with the same tables (and the CSV files), copied over afterwards."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF").fetchall()
        conn.execute("PRAGMA synchronous=OFF")
        for sql in ddl:
            conn.execute(sql)
        conn.execute("BEGIN")
        _write_registry(conn, count, dt.date.fromisoformat(today), stamp, Path(csv_dir) if csv_dir else None)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _central_ledger(count: int, today: dt.date) -> Iterator[tuple[Any, ...]]:
    """Other offices' subsidies of one registry worker in ten (synced from the central ledger)."""
    for j in range(3, count, 10):
        p = person(j)
        granted = today - dt.timedelta(days=200 + (j * 7919) % 900)
        level = 5 if p.level != 5 else 4
        yield (p.id_number, p.occupation_code, level, granted.isoformat(), 0, "central",
               f"440300-QX{j % 97:02d}-{granted:%Y%m%d}-{j % 9999 + 1:04d}")


def _marker(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / BUILT_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _link_daily_backup(folder: Path, clock: Clock) -> None:
    """Today's daily backup, so a window opened on the folder finds none due (see BENCHMARKS.md)."""
    backups = folder / BACKUP_DIR
    backups.mkdir(mode=0o700, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    target = backups / f"zhanchi-{stamp}-daily.db"
    try:
        os.link(folder / DB_FILENAME, target)
    except OSError:
        shutil.copyfile(folder / DB_FILENAME, target)


def registry_files(csv_dir: Path) -> dict[str, Path]:
    return {"insured": csv_dir / "insured.csv", "certificates": csv_dir / "certificates.csv"}


def build_big_folder(folder: Path, scale: int, *, csv_dir: Path | None = None, progress: Progress | None = None,
                     samples: int = 2000, clock: Clock | None = None) -> BigFolder:
    """The data folder described in the module docstring, in ``folder`` (reused when a folder built
    by this version for the same scale and office day is already there).  With ``csv_dir``, the
    registry rows are also written there as the two CSV files of the import scenario.  The cases
    are spread over the working days of the year before ``clock``'s now, all of them before it."""
    clock = clock or Clock()
    today = clock.today()
    marker = _marker(folder)
    if marker and marker.get("version") == BUILDER_VERSION and marker.get("scale") == scale \
            and marker.get("built_for") == today.isoformat():
        info = BigFolder(data_dir=folder, **{k: v for k, v in marker["info"].items() if k != "samples"})
        info.samples = [Sample(**s) for s in marker["info"]["samples"]]
        info.reused = True
        if csv_dir is not None and not all(p.exists() for p in registry_files(csv_dir).values()):
            write_registry_csv(csv_dir, scale, today)
        return info
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    staff.configure_hasher(time_cost=1, memory_cost=8, parallelism=1)  # eight accounts, no login measured
    now = clock.now()
    cal = _Calendar.make(today - dt.timedelta(days=365), today + dt.timedelta(days=200))
    # The accounts are made on the eve of the first day, so the audit trail's ``at`` grows with ``seq``.
    eve = dt.datetime.combine(cal.days[0] - dt.timedelta(days=1), dt.time(1), dt.UTC)
    store = open_store(folder, clock=Clock(fixed=eve), office_code=OFFICE)
    try:
        for username, name, role in STAFF:
            staff.create_staff(store, actor=None, username=username, display_name=name, role=role,
                               office_code=OFFICE, password="zhanchi-bench-pw")
        device_id, device_code = store.device_id, store.device_code
    finally:
        store.close()
    now_key = (now.date().toordinal() - _EPOCH) * DAY_US + (now - dt.datetime.combine(
        now.date(), dt.time(), dt.UTC)) // dt.timedelta(microseconds=1)
    first_wd = 0
    last_wd = max(i for i, d in enumerate(cal.days) if d <= today)
    verifier = Verifier.load(folder)
    verdicts = _verdicts(verifier, today - dt.timedelta(days=30))
    maker = _CaseMaker(device_id, device_code, cal, now_key, verdicts)
    rng = random.Random(5)
    wanted = set(rng.sample(range(scale), min(samples, scale)))

    conn = _bulk_connection(folder / DB_FILENAME)
    try:
        indexes = _drop_indexes(conn, ("cases", "audit_log", "ledger", "registry_insured",
                                       "registry_certificates"))
        ddl = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' "
            "AND name IN ('registry_insured', 'registry_certificates')")]
        side = folder.parent / f"{folder.name}-registry.db"
        side.unlink(missing_ok=True)
        stamp = now.isoformat(timespec="microseconds")
        arguments = json.dumps([str(side), ddl, scale, today.isoformat(), stamp,
                                None if csv_dir is None else str(csv_dir)])
        helper = subprocess.Popen([sys.executable, "-c", "import json, sys; from bench.data import _registry_side; "
                                   "_registry_side(*json.loads(sys.argv[1]))", arguments])
        _log(progress, f"building {scale:,} cases and their audit trail (and, in a second process, the "
                       f"registry: {scale:,} insured, {scale:,} certificates)")
        conn.execute("BEGIN")
        audit_entries, written, sample_list, sequences = _write_cases(
            conn, maker, scale, cal, first_wd, last_wd, now_key, wanted, progress)
        conn.executemany("INSERT INTO case_sequences (office_code, device_code, day, last_seq) VALUES (?, ?, ?, ?)",
                         [(OFFICE, code, day, n) for (code, day), n in sequences.items()])
        ledger_rows = _insert(conn, "ledger", LEDGER_COLUMNS, maker.ledger)
        ledger_rows += _insert(conn, "ledger", LEDGER_COLUMNS, _central_ledger(scale, today))
        conn.execute("COMMIT")
        if helper.wait() != 0:
            raise RuntimeError(f"building the registry rows failed (exit code {helper.returncode})")
        _log(progress, "copying the registry rows in")
        conn.execute("ATTACH DATABASE ? AS side KEY ''", (str(side),))  # scratch, outside the folder: plain
        conn.execute("BEGIN")
        for table in ("registry_insured", "registry_certificates"):
            conn.execute(f"INSERT INTO main.{table} SELECT * FROM side.{table}")
        for kind in ("insured", "certificates"):
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (META_AS_OF[kind], stamp))
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE side")
        side.unlink()
        _log(progress, "re-creating the indexes")
        for sql in indexes:
            conn.execute(sql)
    finally:
        _finish_connection(conn)
    _link_daily_backup(folder, clock)
    info = BigFolder(
        data_dir=folder, cases=written, registry=scale, audit_entries=audit_entries, ledger_rows=ledger_rows,
        built_for=today.isoformat(), now=now.isoformat(), seconds=time.perf_counter() - started,
        db_bytes=(folder / DB_FILENAME).stat().st_size, samples=sample_list, states=dict(sorted(maker.states.items())),
    )
    data = {k: v for k, v in info.__dict__.items() if k not in ("data_dir", "samples")}
    data["samples"] = [s.__dict__ for s in sample_list]
    (folder / BUILT_MARKER).write_text(json.dumps({"version": BUILDER_VERSION, "scale": scale,
                                                   "built_for": today.isoformat(), "info": data},
                                                  ensure_ascii=False), encoding="utf-8")
    return info
