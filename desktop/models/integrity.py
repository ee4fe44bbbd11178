"""诚信档案: findings of fraud recorded against applicants (ID number) and employers (USCC).

A record says who recorded it, when and why; it is never deleted, only revoked
with a note by someone else (four eyes), and the revocation keeps the record.
The counter calls ``check_intake`` while the clerk types (read-only, no
permission needed: it only answers about the applicant at the counter); the
risk monitor turns an active record into a flag on the case.

Records and revocations are audited (entity ``integrity_record``) but not put in the
outbox: the central system has no integrity list yet and refuses entities it does
not know.  Each office's file is its own until it has one.

Permissions (the table in ``staff.py`` is fixed by its tests, so no new action
was added): recording and revoking need ``case.reject`` — a finding of fraud is
a reviewer's decision, like a rejection — and listing the whole file needs
``report.view`` (supervisors, auditors) or ``case.reject``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied, required_text
from desktop.models.identity import check_id_number, check_uscc, normalize_id_number, normalize_uscc
from desktop.models.schema import IntegrityRecord, utc_text
from desktop.models.staff import Action, StaffUser, can, require
from desktop.models.store import Store

RECORD_ACTION = Action.case_reject
VIEW_ACTIONS = (Action.report_view, Action.case_reject)
MAX_NAME = 128


class SubjectKind(StrEnum):
    person = "person"
    employer = "employer"

    @property
    def label(self) -> str:
        return "申请人" if self is SubjectKind.person else "用人单位"


@dataclass(frozen=True)
class IntegrityEntry:
    id: str
    subject_kind: SubjectKind
    subject_id: str
    subject_name: str
    finding: str
    recorded_by: str
    recorded_at: dt.datetime
    revoked_by: str | None
    revoked_at: dt.datetime | None
    revoke_note: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "subject_kind": self.subject_kind.value,
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "finding": self.finding,
            "recorded_by": self.recorded_by,
            "recorded_at": utc_text(self.recorded_at),
            "revoked_by": self.revoked_by,
            "revoked_at": utc_text(self.revoked_at) if self.revoked_at else None,
            "revoke_note": self.revoke_note,
        }


@dataclass(frozen=True)
class IntegrityHit:
    """What the intake form shows: whose record, the finding, and since when."""

    subject_kind: SubjectKind
    subject_name: str
    finding: str
    recorded_at: dt.datetime
    record_id: str

    @property
    def message(self) -> str:
        return f"{self.subject_kind.label}“{self.subject_name}”已列入诚信档案：{self.finding}"


def _entry(row: IntegrityRecord) -> IntegrityEntry:
    return IntegrityEntry(
        id=row.id,
        subject_kind=SubjectKind(row.subject_kind),
        subject_id=row.subject_id,
        subject_name=row.subject_name,
        finding=row.finding,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        revoked_by=row.revoked_by,
        revoked_at=row.revoked_at,
        revoke_note=row.revoke_note,
    )


def _subject_id(kind: SubjectKind, value: object, today: dt.date) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.about("subject_id", "integrity.no_subject")
    if kind is SubjectKind.person:
        return check_id_number(value, "subject_id", today=today).number
    return check_uscc(value, "subject_id")


def _audit(session: Session, actor: StaffUser, action: str, row: IntegrityRecord, before: dict[str, object] | None,
           at: dt.datetime) -> None:
    # Audit only, no outbox row: the central system has no integrity list yet and refuses entities it does
    # not know ("waiting for a person" forever).  When it has one, enqueue an ``integrity_record`` row here.
    audit.record(session, actor=actor.username, action=action, entity="integrity_record", entity_id=row.id,
                 before=before, after=_entry(row).to_json(), at=at)


def record_finding(
    store: Store,
    actor: StaffUser,
    *,
    subject_kind: SubjectKind | str,
    subject_id: str,
    subject_name: str,
    finding: str,
) -> IntegrityEntry:
    """Put a person or an employer on the integrity list, saying why."""
    require(actor, RECORD_ACTION)
    try:
        kind = SubjectKind(subject_kind)
    except ValueError:
        raise InvalidInput.about("subject_kind", "integrity.bad_subject_kind") from None
    number = _subject_id(kind, subject_id, store.clock.today())
    name = required_text("subject_name", subject_name, MAX_NAME)
    why = required_text("finding", finding)
    with store.session() as session:
        at = store.clock.now()
        row = IntegrityRecord(id=str(uuid.uuid4()), subject_kind=kind.value, subject_id=number, subject_name=name,
                              finding=why, recorded_by=actor.username, recorded_at=at)
        session.add(row)
        session.flush()
        _audit(session, actor, "integrity.record", row, None, at)
        return _entry(row)


def revoke_record(store: Store, actor: StaffUser, record_id: str, note: str) -> IntegrityEntry:
    """Revoke a record (it stays in the file, marked revoked, with the note)."""
    require(actor, RECORD_ACTION)
    why = required_text("note", note)
    with store.session() as session:
        row = session.get(IntegrityRecord, (record_id or "").strip())
        if row is None:
            raise NotFound.of("integrity.not_found", record=record_id)
        if row.revoked_at is not None:
            raise Conflict.of("integrity.already_revoked")
        if row.recorded_by == actor.username:
            raise PermissionDenied.of("permission.own_integrity_record")
        at = store.clock.now()
        before = _entry(row).to_json()
        row.revoked_by, row.revoked_at, row.revoke_note = actor.username, at, why
        _audit(session, actor, "integrity.revoke", row, before, at)
        return _entry(row)


def active_records(session: Session, *, id_number: str = "", employer_uscc: str = "",
                   employer_name: str = "") -> list[IntegrityEntry]:
    """Active records about this applicant or employer (employer by USCC, or by name when
    the case has no USCC), oldest first."""
    terms = []
    person = normalize_id_number(id_number or "")
    if person:
        terms.append(and_(IntegrityRecord.subject_kind == SubjectKind.person.value,
                          IntegrityRecord.subject_id == person))
    uscc = normalize_uscc(employer_uscc or "")
    if uscc:
        terms.append(and_(IntegrityRecord.subject_kind == SubjectKind.employer.value,
                          IntegrityRecord.subject_id == uscc))
    elif (employer_name or "").strip():
        terms.append(and_(IntegrityRecord.subject_kind == SubjectKind.employer.value,
                          IntegrityRecord.subject_name == employer_name.strip()))
    if not terms:
        return []
    query = (select(IntegrityRecord).where(or_(*terms), IntegrityRecord.revoked_at.is_(None))
             .order_by(IntegrityRecord.recorded_at))
    return [_entry(row) for row in session.scalars(query)]


def check_intake(store: Store, id_number: str = "", employer_uscc: str = "",
                 employer_name: str = "") -> list[IntegrityHit]:
    """For the intake form, as the clerk types: active records about the applicant or the
    employer.  Never raises on half-typed input; an empty list means nothing on file."""
    with store.session(readonly=True) as session:
        found = active_records(session, id_number=id_number, employer_uscc=employer_uscc,
                               employer_name=employer_name)
    return [IntegrityHit(e.subject_kind, e.subject_name, e.finding, e.recorded_at, e.id) for e in found]


def list_records(store: Store, actor: StaffUser, *, include_revoked: bool = False) -> list[IntegrityEntry]:
    if not any(can(actor, action) for action in VIEW_ACTIONS):
        require(actor, VIEW_ACTIONS[0])
    query = select(IntegrityRecord).order_by(IntegrityRecord.recorded_at.desc())
    if not include_revoked:
        query = query.where(IntegrityRecord.revoked_at.is_(None))
    with store.session(readonly=True) as session:
        return [_entry(row) for row in session.scalars(query)]


def get_record(store: Store, record_id: str) -> IntegrityEntry:
    with store.session(readonly=True) as session:
        row = session.get(IntegrityRecord, (record_id or "").strip())
        if row is None:
            raise NotFound.of("integrity.not_found", record=record_id)
        return _entry(row)


__all__ = [
    "IntegrityEntry",
    "IntegrityHit",
    "SubjectKind",
    "active_records",
    "check_intake",
    "get_record",
    "list_records",
    "record_finding",
    "revoke_record",
]
