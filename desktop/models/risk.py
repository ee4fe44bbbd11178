"""Fund-supervision risk monitoring points (展翅行动 二(五)), raised as flags on a case.

The points (``RiskCode``):

- ``shared_account``: the payment account also receives for other applicants;
- ``holder_mismatch``: the account holder's name differs from the applicant's
  (补贴直发: only the applicant's own account may be paid);
- ``certificate_reused``: the certificate number appears in another case;
- ``level_digit_mismatch``: the declared level differs from the level digit
  carried by the certificate number (national 22-character or old 16-digit format);
- ``issuer_volume``: the assessment body that issued the certificate (the
  ``issuer`` of the certificate registry) issued unusually many certificates
  around the same date;
- ``employer_volume``: the employer's workers claimed for unusually many
  certificates issued around the same date;
- ``integrity_person`` / ``integrity_employer``: the applicant or the employer
  has an active record in the integrity file (诚信档案).

The two volume thresholds and the shared-account limit are data
(``resources/risk/thresholds.toml``, replaced by ``<data folder>/risk/thresholds.toml``
when present), checked on load like a policy file.

When: flags are computed when a review starts or a case is passed
(``review.py``), by ``assess_case`` on demand, and the holder check again when
payments are exported.  Not inside the counter's acceptance transaction: the
shared-account, employer and issuer counts read columns that have no index, which
over a million cases would slow every acceptance at the counter.

A flag is raised once per case and code (a cleared flag is not raised again for
the same case); clearing one needs a written note (``clear_flag``) and the
``case.start_review`` permission — the reviewer checks flags as part of the review.
Each raised or cleared flag writes an audit entry on the case and an outbox row (a
``case.risk_flagged`` / ``case.risk_cleared`` case event: the central system knows only
case and document rows so far, and keeps a case row's whole payload).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import audit, integrity
from desktop.models.audit import canonical_json
from desktop.models.cases import enqueue_case_event, load_case_row
from desktop.models.errors import Conflict, InvalidInput, NotFound, PolicyError
from desktop.models.identity import certificate_level_digit, chinese_date
from desktop.models.masking import mask_account
from desktop.models.policy import LEVEL_NAMES
from desktop.models.reference import resource_dir
from desktop.models.schema import Case, RegistryCertificate, RiskFlag, utc_text
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store

CLEAR_ACTION = Action.case_start_review
THRESHOLDS_FILE = "thresholds.toml"
_LISTED = 10  # other cases named in a flag's details
_NOT_APPLICATIONS = ("draft",)  # a draft is not yet an application


class RiskCode(StrEnum):
    shared_account = "shared_account"
    holder_mismatch = "holder_mismatch"
    certificate_reused = "certificate_reused"
    level_digit_mismatch = "level_digit_mismatch"
    issuer_volume = "issuer_volume"
    employer_volume = "employer_volume"
    integrity_person = "integrity_person"
    integrity_employer = "integrity_employer"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RiskCode.shared_account: "同一账户为多人收款",
    RiskCode.holder_mismatch: "账户户名与申请人不符",
    RiskCode.certificate_reused: "证书编号重复使用",
    RiskCode.level_digit_mismatch: "申报等级与证书编号不符",
    RiskCode.issuer_volume: "评价机构短期发证异常",
    RiskCode.employer_volume: "用人单位短期取证异常",
    RiskCode.integrity_person: "申请人列入诚信档案",
    RiskCode.integrity_employer: "用人单位列入诚信档案",
}


# --- thresholds (data) --------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    shared_account_max_applicants: int
    issuer_window_days: int
    issuer_max_certificates: int
    employer_window_days: int
    employer_max_cases: int
    source: str = ""


# section -> key -> (attribute, smallest allowed value)
_THRESHOLD_KEYS: dict[str, dict[str, tuple[str, int]]] = {
    "shared_account": {"max_applicants": ("shared_account_max_applicants", 1)},
    "issuer_volume": {"window_days": ("issuer_window_days", 1), "max_certificates": ("issuer_max_certificates", 1)},
    "employer_volume": {"window_days": ("employer_window_days", 1), "max_cases": ("employer_max_cases", 1)},
}


def load_thresholds(path: Path) -> Thresholds:
    """Read and check a thresholds file: every key present, nothing unknown, whole numbers."""
    source = Path(path).name
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError.about(source, "TOML", "toml.bad_format", error=exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError.about(source, "file", "toml.unreadable", error=exc) from None
    values: dict[str, Any] = {"source": source}
    extra = sorted(set(data) - set(_THRESHOLD_KEYS))
    if extra:
        raise PolicyError.about(source, extra[0], "toml.unknown_key")
    for section, keys in _THRESHOLD_KEYS.items():
        table = data.get(section)
        if not isinstance(table, dict):
            raise PolicyError.about(source, section, "toml.missing_table")
        extra = sorted(set(table) - set(keys))
        if extra:
            raise PolicyError.about(source, f"{section}.{extra[0]}", "toml.unknown_key")
        for key, (attribute, smallest) in keys.items():
            value = table.get(key)
            name = f"{section}.{key}"
            if value is None:
                raise PolicyError.about(source, name, "value.missing")
            if isinstance(value, bool) or not isinstance(value, int):
                raise PolicyError.about(source, name, "toml.not_integer", actual=repr(value))
            if value < smallest:
                raise PolicyError.about(source, name, "toml.too_small", smallest=smallest, actual=value)
            values[attribute] = value
    return Thresholds(**values)


def default_thresholds(data_dir: Path | None = None) -> Thresholds:
    """The data folder's ``risk/thresholds.toml`` if an administrator put one there, else the shipped one."""
    if data_dir is not None:
        local = Path(data_dir) / "risk" / THRESHOLDS_FILE
        if local.is_file():
            return load_thresholds(local)
    return load_thresholds(resource_dir() / "risk" / THRESHOLDS_FILE)


# --- flags -------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    code: RiskCode
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Flag:
    id: str
    case_id: str
    code: RiskCode
    message: str
    details: dict[str, Any]
    raised_at: dt.datetime
    cleared_by: str | None
    cleared_at: dt.datetime | None
    clear_note: str | None

    @property
    def open(self) -> bool:
        return self.cleared_at is None

    @property
    def label(self) -> str:
        return self.code.label

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case_id": self.case_id,
            "code": self.code.value,
            "label": self.label,
            "message": self.message,
            "details": self.details,
            "raised_at": utc_text(self.raised_at),
            "cleared_by": self.cleared_by,
            "cleared_at": utc_text(self.cleared_at) if self.cleared_at else None,
            "clear_note": self.clear_note,
        }


def _flag(row: RiskFlag) -> Flag:
    try:
        code = RiskCode(row.code)
    except ValueError:  # a code from a later version: keep it readable
        code = row.code  # type: ignore[assignment]
    return Flag(row.id, row.case_id, code, row.message, json.loads(row.details_json or "{}"), row.raised_at,
                row.cleared_by, row.cleared_at, row.clear_note)


_NAME_DOTS = re.compile(r"[·•・‧∙．.。]")
_SPACES = re.compile(r"\s+")


def normalize_person_name(name: str) -> str:
    """Names compared as a bank would: full-width folded, spaces dropped, the many middle
    dots of minority names (阿卜杜·买买提) made one."""
    text = unicodedata.normalize("NFKC", name or "")
    return _NAME_DOTS.sub("·", _SPACES.sub("", text)).upper()


def holder_matches(applicant_name: str, holder_name: str) -> bool:
    """True when the account is held by the applicant (补贴直发)."""
    holder = normalize_person_name(holder_name)
    return bool(holder) and holder == normalize_person_name(applicant_name)


# --- the monitoring points, each a small read-only function --------------------


def _other_cases(session: Session, row: Case, *terms: Any) -> list[tuple[str, str]]:
    query = (select(Case.case_no, Case.id_number)
             .where(Case.id != row.id, Case.state.notin_(_NOT_APPLICATIONS), *terms)
             .order_by(Case.created_at))
    return [(case_no, id_number) for case_no, id_number in session.execute(query)]


def check_shared_account(session: Session, row: Case, thresholds: Thresholds) -> Finding | None:
    if not row.payment_account:
        return None
    others = _other_cases(session, row, Case.payment_account == row.payment_account, Case.id_number != row.id_number)
    applicants = {row.id_number} | {number for _, number in others}
    if len(applicants) <= thresholds.shared_account_max_applicants:
        return None
    masked = mask_account(row.payment_account)
    return Finding(
        RiskCode.shared_account,
        f"收款账户 {masked} 同时为{len(applicants)}名申请人收款（另见案件 {'、'.join(n for n, _ in others[:3])}"
        f"{'等' if len(others) > 3 else ''}），超过{thresholds.shared_account_max_applicants}人的监测线",
        {"account": masked, "applicants": len(applicants), "cases": [n for n, _ in others[:_LISTED]]},
    )


def holder_mismatch_finding(row: Case) -> Finding | None:
    if holder_matches(row.applicant_name, row.holder_name):
        return None
    holder = row.holder_name.strip() or "（未填写）"
    return Finding(
        RiskCode.holder_mismatch,
        f"收款账户户名“{holder}”与申请人“{row.applicant_name}”不一致；补贴只能发放到申请人本人账户",
        {"holder_name": row.holder_name, "applicant_name": row.applicant_name},
    )


def check_holder(session: Session, row: Case, thresholds: Thresholds) -> Finding | None:
    return holder_mismatch_finding(row)


def check_certificate_reused(session: Session, row: Case, thresholds: Thresholds) -> Finding | None:
    others = _other_cases(session, row, Case.cert_number == row.cert_number)
    if not others:
        return None
    someone_else = [n for n, number in others if number != row.id_number]
    whose = "其他申请人的" if someone_else else "本人此前的"
    return Finding(
        RiskCode.certificate_reused,
        f"证书编号 {row.cert_number} 已用于{whose}案件 {'、'.join(n for n, _ in others[:3])}"
        f"{'等' if len(others) > 3 else ''}",
        {"cases": [n for n, _ in others[:_LISTED]], "other_applicants": len(someone_else)},
    )


def check_level_digit(session: Session, row: Case, thresholds: Thresholds) -> Finding | None:
    digit = certificate_level_digit(row.cert_number)
    if digit is None or digit == row.cert_level:
        return None
    return Finding(
        RiskCode.level_digit_mismatch,
        f"申报等级为{LEVEL_NAMES.get(row.cert_level, row.cert_level)}，"
        f"证书编号中的等级码为{digit}（{LEVEL_NAMES.get(digit, digit)}）",
        {"declared": row.cert_level, "digit": digit},
    )


def check_issuer_volume(session: Session, row: Case, thresholds: Thresholds) -> Finding | None:
    issuer = session.scalar(select(RegistryCertificate.issuer).where(RegistryCertificate.number == row.cert_number))
    if not issuer:
        return None  # the certificate is not in the registry copy: nothing to count against
    window = dt.timedelta(days=thresholds.issuer_window_days)
    count = session.scalar(
        select(func.count()).select_from(RegistryCertificate).where(
            RegistryCertificate.issuer == issuer,
            RegistryCertificate.issue_date.between(row.cert_issue_date - window, row.cert_issue_date + window),
        )
    ) or 0
    if count <= thresholds.issuer_max_certificates:
        return None
    return Finding(
        RiskCode.issuer_volume,
        f"评价机构“{issuer}”在{chinese_date(row.cert_issue_date)}前后{thresholds.issuer_window_days}天内发证{count}本，"
        f"超过{thresholds.issuer_max_certificates}本的监测线",
        {"issuer": issuer, "certificates": count, "window_days": thresholds.issuer_window_days},
    )


def check_employer_volume(session: Session, row: Case, thresholds: Thresholds) -> Finding | None:
    if row.employer_uscc:
        same, who = Case.employer_uscc == row.employer_uscc, row.employer_name or row.employer_uscc
    elif row.employer_name:
        same, who = Case.employer_name == row.employer_name, row.employer_name
    else:
        return None
    window = dt.timedelta(days=thresholds.employer_window_days)
    count = session.scalar(
        select(func.count()).select_from(Case).where(
            same,
            Case.state.notin_(_NOT_APPLICATIONS),
            Case.cert_issue_date.between(row.cert_issue_date - window, row.cert_issue_date + window),
        )
    ) or 0
    if count <= thresholds.employer_max_cases:
        return None
    return Finding(
        RiskCode.employer_volume,
        f"用人单位“{who}”的职工在{chinese_date(row.cert_issue_date)}前后{thresholds.employer_window_days}天内取证并申领"
        f"{count}件，超过{thresholds.employer_max_cases}件的监测线",
        {"employer": who, "cases": count, "window_days": thresholds.employer_window_days},
    )


def check_integrity(session: Session, row: Case, thresholds: Thresholds) -> list[Finding]:
    found = []
    for entry in integrity.active_records(session, id_number=row.id_number, employer_uscc=row.employer_uscc,
                                          employer_name=row.employer_name):
        code = (RiskCode.integrity_person if entry.subject_kind is integrity.SubjectKind.person
                else RiskCode.integrity_employer)
        found.append(Finding(code, f"{entry.subject_kind.label}“{entry.subject_name}”已列入诚信档案：{entry.finding}",
                             {"record_id": entry.id}))
    return found


CHECKS = (check_shared_account, check_holder, check_certificate_reused, check_level_digit, check_issuer_volume,
          check_employer_volume)


def findings_for(session: Session, row: Case, thresholds: Thresholds) -> list[Finding]:
    """Every monitoring point the case trips now (read-only), one finding per code."""
    found = [finding for check in CHECKS if (finding := check(session, row, thresholds)) is not None]
    seen = {f.code for f in found}
    for finding in check_integrity(session, row, thresholds):
        if finding.code not in seen:
            found.append(finding)
            seen.add(finding.code)
    return found


def raise_findings(session: Session, row: Case, findings: Iterable[Finding], *, actor: str,
                   at: dt.datetime) -> list[Flag]:
    """Store the findings the case has no flag for yet (open or cleared), each with its audit
    entry on the case and an outbox row, in the caller's transaction."""
    known = set(session.scalars(select(RiskFlag.code).where(RiskFlag.case_id == row.id)))
    raised = []
    for finding in findings:
        if finding.code.value in known:
            continue
        known.add(finding.code.value)
        flag_row = RiskFlag(id=str(uuid.uuid4()), case_id=row.id, code=finding.code.value, message=finding.message,
                            details_json=canonical_json(dict(finding.details)), raised_at=at)
        session.add(flag_row)
        session.flush()
        flag = _flag(flag_row)
        body = {"flag_id": flag.id, "code": flag.code.value, "message": flag.message, "details": flag.details}
        audit.record(session, actor=actor, action="risk.flag", entity="case", entity_id=row.id, before=None,
                     after=body, at=at)
        enqueue_case_event(session, row, op="case.risk_flagged", event={"risk_flag": flag.to_json()}, at=at)
        raised.append(flag)
    return raised


def refresh_flags(session: Session, row: Case, thresholds: Thresholds, *, actor: str, at: dt.datetime) -> list[Flag]:
    """Compute and store the case's flags; returns the ones raised now."""
    return raise_findings(session, row, findings_for(session, row, thresholds), actor=actor, at=at)


def assess_case(store: Store, actor: StaffUser, case_id: str, *, thresholds: Thresholds | None = None) -> list[Flag]:
    """Check the case against every monitoring point now; returns all its flags."""
    require(actor, CLEAR_ACTION)
    thresholds = thresholds or default_thresholds(store.data_dir)
    with store.session() as session:
        row = load_case_row(session, case_id)
        refresh_flags(session, row, thresholds, actor=actor.username, at=store.clock.now())
        return flags_in(session, [row.id]).get(row.id, [])


def flags_in(session: Session, case_ids: Collection[str], *, open_only: bool = False) -> dict[str, list[Flag]]:
    """The flags of these cases, oldest first, by case id."""
    found: dict[str, list[Flag]] = {}
    ids = list(dict.fromkeys(case_ids))
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        query = select(RiskFlag).where(RiskFlag.case_id.in_(ids[start:start + 500]))
        if open_only:
            query = query.where(RiskFlag.cleared_at.is_(None))
        for row in session.scalars(query.order_by(RiskFlag.raised_at, RiskFlag.code)):
            found.setdefault(row.case_id, []).append(_flag(row))
    return found


def flags_of(store: Store, case_id: str, *, open_only: bool = False) -> list[Flag]:
    with store.session(readonly=True) as session:
        row = load_case_row(session, case_id)
        return flags_in(session, [row.id], open_only=open_only).get(row.id, [])


def clear_flag(store: Store, actor: StaffUser, flag_id: str, note: str) -> Flag:
    """Clear a flag after checking it, with the reviewer's written finding."""
    require(actor, CLEAR_ACTION)
    if not isinstance(note, str) or not note.strip():
        raise InvalidInput.about("note", "risk.clear_needs_note")
    with store.session() as session:
        row = session.get(RiskFlag, (flag_id or "").strip())
        if row is None:
            raise NotFound.of("risk.flag_not_found", flag=flag_id)
        if row.cleared_at is not None:
            raise Conflict.of("risk.already_cleared")
        return clear_in(session, row, actor=actor.username, note=note.strip(), at=store.clock.now())


def clear_in(session: Session, row: RiskFlag, *, actor: str, note: str, at: dt.datetime) -> Flag:
    """Clear an open flag in the caller's transaction, with its audit entry and outbox row."""
    row.cleared_by, row.cleared_at, row.clear_note = actor, at, note
    session.flush()
    flag = _flag(row)
    audit.record(session, actor=actor, action="risk.clear", entity="case", entity_id=row.case_id,
                 before={"flag_id": flag.id, "code": row.code, "cleared": False},
                 after={"flag_id": flag.id, "code": row.code, "cleared": True, "note": note}, at=at)
    case = session.get(Case, row.case_id)
    assert case is not None
    enqueue_case_event(session, case, op="case.risk_cleared", event={"risk_flag": flag.to_json()}, at=at)
    return flag


def open_counts(session: Session) -> dict[str, int]:
    """Open flags by code, every code listed (zero included)."""
    counts = {code.value: 0 for code in RiskCode}
    query = select(RiskFlag.code, func.count()).where(RiskFlag.cleared_at.is_(None)).group_by(RiskFlag.code)
    for code, count in session.execute(query):
        counts[code] = count
    return counts


__all__ = [
    "CHECKS",
    "Finding",
    "Flag",
    "RiskCode",
    "Thresholds",
    "assess_case",
    "clear_flag",
    "clear_in",
    "default_thresholds",
    "findings_for",
    "flags_in",
    "flags_of",
    "holder_matches",
    "holder_mismatch_finding",
    "load_thresholds",
    "normalize_person_name",
    "open_counts",
    "raise_findings",
    "refresh_flags",
]
