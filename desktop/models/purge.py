"""Erasure at the counter: closed cases' personal data purged after the retention period (issue 20.6).

个人信息保护法 第十九条 and 第四十七条: personal information is kept no longer than its purpose
needs and deleted when the retention period ends.  A case's purpose ends when it is closed (paid,
rejected, withdrawn); what must outlive it is kept, without the person:

- **statistics**: the case row stays with its state, dates, amount, level, occupation, region,
  employer and policy, so the monthly report and every count are unchanged;
- **the duplicate rule** (40号 三: one subsidy per person, occupation and level, for life): the
  case's ledger row stays with occupation, level and date, its ID number replaced by a keyed
  pseudonym (``"#"`` + 17 base-32 characters of HMAC-SHA256 under a random key kept in ``meta``),
  which ``intake.ledger_priors`` looks up beside the plain number: the same person applying again
  for the same occupation and level is still refused.  The key is in the same database, so this
  is pseudonymisation, not anonymity: someone holding the database file can test a candidate ID
  number (the database is to be encrypted at rest, issue 20.1).  A key kept elsewhere was not
  chosen: a data folder moved or restored without it would silently stop finding earlier
  subsidies, and that pays twice;
- **the audit chain**: every entry stays; its personal values are masked, and one purge entry per
  case (``data.purge``) records what was purged and vouches for each redacted entry (its hash and
  the digest of what it now holds, see ``audit``), so ``audit verify`` still passes, and it sets
  the masked payee fields so the money replay agrees with the case row.

Purged, per case: the applicant's name (张*), ID number (440106********1234 on the case, the
pseudonym in the ledger), phone and receipt lookup code (erased), payment account (6222****1234)
and holder name, certificate number (masked), the ID check's message (birth date and sex); the
same values wherever the case's records repeat them (audit entries, outbox payloads, payment
items, payee changes, objections with the objector's name and contact, risk flags, central
annotations), and free text there (notes, reasons) with those values and any ID or card number
masked; the printed documents in ``documents/<case_no>/``.  Not touched: the registry copies
(replaced by every import), integrity records (诚信档案, their own retention), files exported
earlier to places the user chose, and backups until they rotate out (``backup.KEEP``).  Then
the database is rewritten (``VACUUM``) and its write-ahead log emptied, so the old values are not
left in free pages.

A case with changes the central system has not yet taken (outbox rows pending or rejected) is
held back on a counter registered with a central system: those changes are sent whole first.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import logging
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import audit, database
from desktop.models.cases import State
from desktop.models.errors import Conflict, InvalidInput
from desktop.models.identity import normalize_id_number
from desktop.models.masking import mask_account, mask_id, mask_name
from desktop.models.schema import (
    AuditLog,
    Case,
    CaseAnnotation,
    Ledger,
    Objection,
    Outbox,
    PayeeChange,
    PaymentItem,
    RiskFlag,
)
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store, get_meta, set_meta

log = logging.getLogger(__name__)

ACTION = Action.data_purge.value  # == audit.REDACTING_ACTION
CLOSED_STATES = (State.paid, State.rejected, State.withdrawn)
# 行政处罚法（2021）第三十六条: a violation found within two years may be penalised, five where
# financial security is concerned — fraud against the unemployment-insurance fund is; the case
# file on paper is kept by the archive rules (社会保险业务档案管理规定), not on a counter PC.
DEFAULT_RETENTION_YEARS = 5
RETENTION_BASIS = ("结案后保存5年：骗取失业保险基金属涉及金融安全的违法行为，行政处罚法第三十六条规定的追责期限为五年；"
                   "纸质档案按社会保险业务档案管理规定另行保管")
MIN_RETENTION_YEARS, MAX_RETENTION_YEARS = 1, 100
META_RETENTION_YEARS = "retention_years"
META_LEDGER_KEY = "ledger_pseudonym_key"
PSEUDONYM_PREFIX = "#"
BATCH = 200  # cases per transaction
PURGED_ID_MESSAGE = "身份证号码已核验（个人信息已在保存期满后清除）"


# --- the retention setting ------------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    years: int
    default: bool  # not set by an administrator

    def to_json(self) -> dict[str, Any]:
        return {"years": self.years, "default": self.default, "default_years": DEFAULT_RETENTION_YEARS,
                "basis": RETENTION_BASIS}


def read_retention(session: Session) -> Retention:
    stored = get_meta(session, META_RETENTION_YEARS)
    if stored is None or not stored.isdigit():
        return Retention(DEFAULT_RETENTION_YEARS, True)
    return Retention(int(stored), False)


def retention(store: Store) -> Retention:
    with store.session(readonly=True) as session:
        return read_retention(session)


def set_retention(store: Store, actor: StaffUser, years: int) -> Retention:
    """The office's retention period in years after closing (an administrator's setting, audited)."""
    require(actor, Action.settings_manage)
    lo, hi = MIN_RETENTION_YEARS, MAX_RETENTION_YEARS
    if isinstance(years, bool) or not isinstance(years, int) or not lo <= years <= hi:
        raise InvalidInput.about("years", "purge.bad_years", low=lo, high=hi, received=repr(years))
    with store.session() as session:
        before = read_retention(session)
        if before.default or before.years != years:
            set_meta(session, META_RETENTION_YEARS, str(years))
            audit.record(session, actor=actor.username, action="settings.retention", entity="settings",
                         entity_id="retention", before={"years": None if before.default else before.years},
                         after={"years": years}, at=store.clock.now())
        return read_retention(session)


def cutoff_for(store: Store, years: int) -> dt.date:
    """The office day before which a case must have closed to be purged after ``years`` years."""
    today = store.clock.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


# --- the ledger pseudonym -------------------------------------------------------------------------


def _ledger_key(session: Session, *, create: bool) -> bytes | None:
    stored = get_meta(session, META_LEDGER_KEY)
    if stored is None:
        if not create:
            return None
        stored = secrets.token_hex(32)
        set_meta(session, META_LEDGER_KEY, stored)
    return bytes.fromhex(stored)


def _pseudonym_with(key: bytes, id_number: str) -> str:
    digest = hmac.new(key, normalize_id_number(id_number).encode("ascii", "replace"), hashlib.sha256).digest()
    return PSEUDONYM_PREFIX + base64.b32encode(digest).decode("ascii")[:17]  # 18 characters, like an ID number


def ledger_pseudonym(session: Session, id_number: str) -> str | None:
    """The form a purged case's ledger row holds ``id_number`` in; None while nothing was purged."""
    key = _ledger_key(session, create=False)
    return None if key is None else _pseudonym_with(key, id_number)


# --- what is purged -------------------------------------------------------------------------------


def _erase(_value: str) -> str:
    return ""


def _mask_cert(value: str) -> str:
    text = "".join(value.split())
    return text[:4] + "*" * max(len(text) - 8, 4) + text[-4:] if len(text) > 12 else "*" * len(text)


def _safe(mask: Callable[[str], str]) -> Callable[[str], str]:
    def masked(value: str) -> str:
        if not value or "*" in value:
            return value  # empty, or masked already
        try:
            out = mask(value)
        except Exception:  # a value of an unexpected shape: hide it all rather than leak it
            return "*" * len(value)
        return out if out != value else "*" * len(value)

    return masked


# Keys whose values are personal, wherever they appear (case rows, audit entries, payloads, details).
_NAME_KEYS = ("applicant_name", "holder_name", "objector", "name", "户名", "姓名", "申请人")
_MASKERS: dict[str, Callable[[str], str]] = {
    **dict.fromkeys(_NAME_KEYS, _safe(mask_name)),
    **dict.fromkeys(("id_number", "身份证号码"), _safe(mask_id)),
    **dict.fromkeys(("payment_account", "account", "收款账号"), _safe(mask_account)),
    **dict.fromkeys(("phone", "contact", "lookup_code", "联系电话"), _erase),
    **dict.fromkeys(("cert_number", "证书编号"), _safe(_mask_cert)),
}
# Strings left as they are: not personal, and equal to the row's (statistics by employer) or a digest.
_KEEP = frozenset({"employer_name", "employer_uscc", "bank_name", "occupation_name", "occupation_code", "case_no",
                   "batch_no", "state", "policy_id", "sha256", "file_sha256", "result_sha256", "hash", "prev_hash"})
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_DIGITS_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{12,19}(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")


class _Scrubber:
    """Masks one case's personal values in anything stored about it."""

    def __init__(self, secrets_: dict[str, str]) -> None:
        # Longest first, so a name inside a longer value is not replaced before it.
        self._secrets = sorted(((k, v) for k, v in secrets_.items() if k), key=lambda kv: -len(kv[0]))

    def text(self, value: str) -> str:
        for secret, masked in self._secrets:
            if secret in value:
                value = value.replace(secret, masked)
        value = _ID_IN_TEXT.sub(lambda m: _safe(mask_id)(m.group(0)), value)
        value = _DIGITS_IN_TEXT.sub(lambda m: _safe(mask_account)(m.group(0)), value)
        return _PHONE_IN_TEXT.sub("***********", value)

    def value(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            if value.get("rule") == "id_number" and isinstance(value.get("message"), str):
                value = {**value, "message": PURGED_ID_MESSAGE}  # 出生日期1992年3月25日，男
            return {k: self.value(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(item, key) for item in value]
        if isinstance(value, str):
            if key in _MASKERS:
                return _MASKERS[key](value)
            if key in _KEEP or (key or "").endswith("_id") or key == "id":
                return value
            return self.text(value)
        return value

    def json_text(self, text: str | None) -> str | None:
        if text is None:
            return None
        try:
            loaded = json.loads(text)
        except ValueError:
            return self.text(text)
        return audit.canonical_json(self.value(loaded))


def _collect(session: Session, row: Case) -> dict[str, str]:
    """Every personal value the case's records hold (earlier accounts and names too), with its mask."""
    found: dict[str, str] = {}

    def add(key: str, value: Any) -> None:
        if isinstance(value, str) and value and "*" not in value and key in _MASKERS:
            if key in _NAME_KEYS and len(value) < 2:
                return  # a single character would be masked wherever it appears
            found[value] = _MASKERS[key](value)

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        else:
            add(key, value)

    for key in ("applicant_name", "holder_name", "id_number", "phone", "payment_account", "cert_number"):
        add(key, getattr(row, key))
    entries = session.scalars(select(AuditLog).where(AuditLog.entity == "case", AuditLog.entity_id == row.id))
    for entry in entries:
        for text in (entry.before_json, entry.after_json):
            if text:
                walk(json.loads(text))
    for item in session.scalars(select(PaymentItem).where(PaymentItem.case_id == row.id)):
        add("account", item.account)
        add("holder_name", item.holder_name)
    for change in session.scalars(select(PayeeChange).where(PayeeChange.case_id == row.id)):
        walk(json.loads(change.changes_json))
    for objection in session.scalars(select(Objection).where(Objection.case_id == row.id)):
        add("objector", objection.objector)
        add("contact", objection.contact)
    return found


def _purge_case(session: Session, row: Case, key: bytes, *, actor: str, at: dt.datetime, cutoff: dt.date,
                years: int) -> None:
    scrub = _Scrubber(_collect(session, row))
    purged = {name: getattr(row, name) for name in ("applicant_name", "id_number", "phone", "payment_account",
                                                    "holder_name", "cert_number", "lookup_code")}
    for name, value in purged.items():
        setattr(row, name, _MASKERS[name](value) if name in _MASKERS else "")
    row.verdict_json = scrub.json_text(row.verdict_json) or "{}"
    row.decision_note = scrub.text(row.decision_note) if row.decision_note else row.decision_note
    row.dispute_reason = scrub.text(row.dispute_reason) if row.dispute_reason else row.dispute_reason
    for granted in session.scalars(select(Ledger).where(Ledger.case_no == row.case_no)):
        if not granted.id_number.startswith(PSEUDONYM_PREFIX):
            granted.id_number = _pseudonym_with(key, purged["id_number"])
    for item in session.scalars(select(PaymentItem).where(PaymentItem.case_id == row.id)):
        item.account, item.holder_name = _MASKERS["account"](item.account), _MASKERS["holder_name"](item.holder_name)
    for change in session.scalars(select(PayeeChange).where(PayeeChange.case_id == row.id)):
        change.changes_json = scrub.json_text(change.changes_json) or "{}"
        change.note = scrub.text(change.note)
        change.bank_warning = scrub.text(change.bank_warning) if change.bank_warning else change.bank_warning
    for objection in session.scalars(select(Objection).where(Objection.case_id == row.id)):
        objection.objector, objection.contact = _MASKERS["objector"](objection.objector), ""
        objection.content = scrub.text(objection.content)
        objection.resolution = scrub.text(objection.resolution) if objection.resolution else objection.resolution
    for flag in session.scalars(select(RiskFlag).where(RiskFlag.case_id == row.id)):
        flag.message = scrub.text(flag.message)
        flag.details_json = scrub.json_text(flag.details_json) or "{}"
        flag.clear_note = scrub.text(flag.clear_note) if flag.clear_note else flag.clear_note
    for note in session.scalars(select(CaseAnnotation).where(CaseAnnotation.case_id == row.id)):
        note.message = scrub.text(note.message)
        note.details_json = scrub.json_text(note.details_json) or "{}"
    for queued in session.scalars(select(Outbox).where(Outbox.entity == "case", Outbox.entity_id == row.id)):
        queued.payload_json = scrub.json_text(queued.payload_json) or "{}"
        queued.last_error = scrub.text(queued.last_error) if queued.last_error else queued.last_error
    redacted = []
    entries = session.scalars(select(AuditLog).where(AuditLog.entity == "case", AuditLog.entity_id == row.id)
                              .order_by(AuditLog.seq))
    for entry in entries:
        before, after = scrub.json_text(entry.before_json), scrub.json_text(entry.after_json)
        if (before, after) == (entry.before_json, entry.after_json):
            continue
        entry.before_json, entry.after_json = before, after
        redacted.append({"seq": entry.seq, "hash": entry.hash, "content": audit.content_digest(
            json.loads(before) if before is not None else None, json.loads(after) if after is not None else None)})
    session.flush()
    audit.record(session, actor=actor, action=ACTION, entity="case", entity_id=row.id,
                 before={"state": row.state},
                 after={"purged": sorted(k for k, v in purged.items() if v), "retention_years": years,
                        "closed_before": cutoff.isoformat(), "applicant_name": row.applicant_name,
                        "id_number": row.id_number, "payment_account": row.payment_account,
                        "holder_name": row.holder_name, audit.REDACTED_KEY: redacted},
                 at=at)


# --- the command ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    dry_run: bool
    cutoff: dt.date  # cases closed before this office day
    retention_years: int
    cases: int  # purged (or, in a dry run, that would be)
    by_state: dict[str, int]
    held_unsynced: int  # closed before the cutoff but with changes the central system has not taken yet
    documents_removed: int = 0
    case_nos: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["cutoff"] = self.cutoff.isoformat()
        data["case_nos"] = list(self.case_nos)
        return data


def _cutoff_instant(store: Store, cutoff: dt.date) -> dt.datetime:
    return dt.datetime.combine(cutoff, dt.time(), store.clock.tz)


def _candidates(session: Session, store: Store, cutoff: dt.date, *, hold_unsynced: bool) -> tuple[list[str], int]:
    """Ids of the closed, not yet purged cases closed before ``cutoff``; and how many are held back."""
    query = (select(Case.id).where(Case.state.in_([s.value for s in CLOSED_STATES]),
                                   Case.state_changed_at < _cutoff_instant(store, cutoff),
                                   Case.id_number.not_like("%*%"))
             .order_by(Case.state_changed_at, Case.id))
    ids = list(session.scalars(query))
    if not hold_unsynced or not ids:
        return ids, 0
    waiting = set(session.scalars(select(Outbox.entity_id).where(
        Outbox.entity == "case", Outbox.state.in_(("pending", "rejected")))).all())
    kept = [i for i in ids if i not in waiting]
    return kept, len(ids) - len(kept)


def purge_closed_cases(store: Store, actor: StaffUser, *, cutoff: dt.date | None = None, dry_run: bool = True,
                       hold_unsynced: bool = True) -> PurgeResult:
    """Purge the personal data of cases closed (paid, rejected, withdrawn) before ``cutoff`` (default:
    today less the retention setting; never later than that).  ``dry_run`` (the default) only counts.
    ``hold_unsynced``: skip cases whose changes the central system has not taken yet (a counter
    registered with one; an unregistered counter has no one to send them to)."""
    require(actor, Action.data_purge)
    years = retention(store).years
    latest = cutoff_for(store, years)
    if cutoff is None:
        cutoff = latest
    elif cutoff > latest:
        raise InvalidInput.about("before", "purge.too_late", cutoff=cutoff, latest=latest, years=years)
    with store.session(readonly=True) as session:
        ids, held = _candidates(session, store, cutoff, hold_unsynced=hold_unsynced)
        rows = session.execute(select(Case.case_no, Case.state).where(Case.id.in_(ids))).all() if ids else []
    by_state = {state.value: 0 for state in CLOSED_STATES}
    for _, state in rows:
        by_state[state] += 1
    case_nos = tuple(sorted(no for no, _ in rows))
    result = PurgeResult(dry_run, cutoff, years, len(ids), by_state, held, 0, case_nos)
    if dry_run or not ids:
        return result
    from desktop.models.money_replay import verify_trail_and_money

    with store.session(readonly=True) as session:
        report = verify_trail_and_money(session)
    if not report.ok:
        raise Conflict.of("purge.audit_broken", reason=report.reason)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        with store.session() as session, _redacting(session):
            key = _ledger_key(session, create=True)
            assert key is not None
            at = store.clock.now()
            for row in session.scalars(select(Case).where(Case.id.in_(chunk)).order_by(Case.id)):
                _purge_case(session, row, key, actor=actor.username, at=at, cutoff=cutoff, years=years)
    removed = _remove_documents(store.data_dir, case_nos)
    compact(store.path)
    log.info("purged the personal data of %d closed cases (closed before %s)", len(ids), cutoff)
    return dataclasses.replace(result, documents_removed=removed)


@contextmanager
def _redacting(session: Session) -> Iterator[None]:
    """The audit trail's guard against updates (a trigger against bugs, migration 0001) lifted for
    this transaction only, and put back, exactly as it was, before it commits; deleted values are
    overwritten on the disk (``secure_delete``)."""
    conn = session.connection()
    conn.exec_driver_sql("PRAGMA secure_delete=ON")
    guard = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'").scalar()
    if guard is not None:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
    yield
    session.flush()
    if guard is not None:
        conn.exec_driver_sql(guard)


def _remove_documents(data_dir: Path, case_nos: Iterable[str]) -> int:
    """The printed documents of purged cases (receipts, notices, decisions: names, ID numbers)."""
    removed = 0
    for case_no in case_nos:
        folder = Path(data_dir) / "documents" / case_no
        if folder.is_dir():
            removed += sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder, ignore_errors=True)
    return removed


def compact(db_path: Path) -> None:
    """Rewrite the database file and empty its write-ahead log, so purged values are not left in
    free pages or old log frames."""
    conn = database.open_database(db_path, isolation_level=None)  # with the folder's key: VACUUM keeps it encrypted
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()


__all__ = [
    "DEFAULT_RETENTION_YEARS",
    "RETENTION_BASIS",
    "PurgeResult",
    "Retention",
    "cutoff_for",
    "ledger_pseudonym",
    "purge_closed_cases",
    "read_retention",
    "retention",
    "set_retention",
]
