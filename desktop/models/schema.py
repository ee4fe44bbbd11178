"""The local database, as SQLAlchemy 2 typed tables.

The schema is created and changed only by the Alembic migrations in
``desktop/models/migrations``; these classes describe the head revision and a
test checks that both agree.  Instants are stored as fixed-width UTC ISO
strings (``UTCDateTime``) so they come back aware on SQLite and sort
correctly as text; dates of record use ``Date`` (ISO ``YYYY-MM-DD``).
Money is an integer number of yuan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    func,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.models.names import MAX_EMPLOYER_NAME, MAX_PERSON_NAME

# Named constraints so Alembic's batch mode can alter SQLite tables later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UTC_TEXT_LENGTH = 32  # "2026-11-27T00:00:00.000000+00:00"


def utc_text(value: dt.datetime) -> str:
    """The stored form of an instant: UTC, microseconds, explicit offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: instants must carry a time zone")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware instant stored as UTC ISO text; naive values are refused (a bug)."""

    impl = String(UTC_TEXT_LENGTH)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return dt.datetime.fromisoformat(str(value)).astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Meta(Base):
    """Key/value facts about this data folder: device id and code, office, audit head."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    office_code: Mapped[str] = mapped_column(String(6))
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


CASE_FIGURES_INDEX = "ix_cases_report_figures"


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_id_number", "id_number"),
        # Name prefixes newest first from the index alone, sort key included (0006).
        Index("ix_cases_applicant_name_created_at", "applicant_name", "created_at", "case_no"),
        Index("ix_cases_cert_number", "cert_number"),
        Index("ix_cases_state", "state"),
        Index("ix_cases_application_date", "application_date"),
        Index("ix_cases_created_at", "created_at", "case_no"),  # newest-first list (0002)
        Index("ix_cases_state_created_at", "state", "created_at", "case_no"),
        Index("ix_cases_state_accepted_at", "state", "accepted_at"),  # overdue reviews (0005)
        Index("ix_cases_payment_account", "payment_account"),  # one account, several applicants (0005)
        Index("ix_cases_employer_issue", "employer_uscc", "cert_issue_date"),  # certificates per employer (0005)
        # A case's figures without its row, for the reports' joins (0009; see CASE_FIGURES_INDEX).
        Index(CASE_FIGURES_INDEX, "id", "office_code", "accepted_at", "cert_level", "amount_yuan", "disputed"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # client-generated UUID
    case_no: Mapped[str] = mapped_column(String(40), unique=True)
    office_code: Mapped[str] = mapped_column(String(6))
    device_id: Mapped[str] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(16))
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    dispute_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    applicant_name: Mapped[str] = mapped_column(String(MAX_PERSON_NAME))
    id_number: Mapped[str] = mapped_column(String(18))
    phone: Mapped[str] = mapped_column(String(32), default="")
    employer_name: Mapped[str] = mapped_column(String(MAX_EMPLOYER_NAME), default="")
    employer_uscc: Mapped[str] = mapped_column(String(18), default="")
    cert_number: Mapped[str] = mapped_column(String(64))
    cert_kind: Mapped[str] = mapped_column(String(16))
    cert_level: Mapped[int] = mapped_column(Integer)
    occupation_code: Mapped[str] = mapped_column(String(16))
    occupation_name: Mapped[str] = mapped_column(String(64), default="")
    cert_issue_date: Mapped[dt.date] = mapped_column(Date)
    shortage: Mapped[bool] = mapped_column(Boolean, default=False)
    training_subsidy_claimed: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_kind: Mapped[str] = mapped_column(String(8))
    payment_account: Mapped[str] = mapped_column(String(64))
    bank_name: Mapped[str] = mapped_column(String(64), default="")
    holder_name: Mapped[str] = mapped_column(String(MAX_PERSON_NAME), default="")
    contribution_months: Mapped[int] = mapped_column(Integer)
    receiving_unemployment_benefit: Mapped[bool] = mapped_column(Boolean, default=False)
    insured_region: Mapped[str] = mapped_column(String(6))
    application_region: Mapped[str] = mapped_column(String(6))
    application_date: Mapped[dt.date] = mapped_column(Date)  # office date
    policy_id: Mapped[str] = mapped_column(String(32))
    eligible: Mapped[bool] = mapped_column(Boolean)
    amount_yuan: Mapped[int] = mapped_column(Integer)
    verdict_json: Mapped[str] = mapped_column(Text)  # the verdict the case was decided under
    sources_json: Mapped[str] = mapped_column(Text, default="{}")  # where each datum came from
    materials_json: Mapped[str] = mapped_column(Text, default="{}")  # checklist state
    lookup_code: Mapped[str] = mapped_column(String(6))
    decision_note: Mapped[str | None] = mapped_column(Text, nullable=True)  # last reject/object/withdraw note
    created_by: Mapped[str] = mapped_column(String(64))
    accepted_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    state_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())  # for working-day time limits
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


def name_initial() -> ColumnElement[str]:
    """The first character of the applicant's name (mostly the surname), as indexed below.

    Literal 1s, not bound parameters: SQLite uses an index on an expression only for a query
    that has that very expression.
    """
    return func.substr(Case.applicant_name, literal_column("1"), literal_column("1"))


# One character typed lists that initial's newest cases straight off this index, with no sort,
# however common the surname (a name-prefix range would sort every match) (0006).
Index("ix_cases_name_initial_created_at", name_initial(), Case.created_at, Case.case_no)


class AuditLog(Base):
    """Append-only, hash-chained; see ``desktop.models.audit``."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id", "seq"),)  # a case's history (0003)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(UTC_TEXT_LENGTH))  # UTC ISO with offset, hashed as stored
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    before_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    after_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Outbox(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(64))
    payload_json: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(36), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|applied|rejected
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CaseSequence(Base):
    """Last case number handed out per office, device and office day."""

    __tablename__ = "case_sequences"

    office_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    device_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class DocumentNumber(Base):
    """A document number (文号) given to a written decision (issue 17.2): per office and year, one
    after the other without gaps.  It is taken in the transaction that first prints the decision (a
    print that fails takes none), never reused; a reprint of the same decision shows the same number."""

    __tablename__ = "document_numbers"
    __table_args__ = (Index("uq_document_numbers_decision", "case_id", "kind", "decision_seq", unique=True),)

    office_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(80))  # as printed: 穗天人社技补决〔2026〕12号
    kind: Mapped[str] = mapped_column(String(16))  # decision
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"))
    decision_seq: Mapped[int] = mapped_column(Integer)  # audit seq of the case.approve / case.reject numbered
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Ledger(Base):
    """Subsidies known to this device, for the duplicate check."""

    __tablename__ = "ledger"
    __table_args__ = (
        Index("ix_ledger_id_number", "id_number"),
        Index("ix_ledger_case_no", "case_no"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_number: Mapped[str] = mapped_column(String(18))
    occupation_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    granted_on: Mapped[dt.date] = mapped_column(Date)
    shortage: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(8))  # 'local' | 'central'
    case_no: Mapped[str | None] = mapped_column(String(40), nullable=True)


class RegistryInsured(Base):
    """Columns of CONTRACTS.md "insured" registry file."""

    __tablename__ = "registry_insured"

    id_number: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_PERSON_NAME))
    employer_uscc: Mapped[str] = mapped_column(String(18), default="")
    employer_name: Mapped[str] = mapped_column(String(MAX_EMPLOYER_NAME), default="")
    insured_region: Mapped[str] = mapped_column(String(6))
    contribution_months: Mapped[int] = mapped_column(Integer)
    phone: Mapped[str] = mapped_column(String(32), default="")
    receiving_unemployment_benefit: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class RegistryCertificate(Base):
    """Columns of CONTRACTS.md "certificates" registry file."""

    __tablename__ = "registry_certificates"
    __table_args__ = (
        Index("ix_registry_certificates_id_number", "id_number"),
        Index("ix_registry_certificates_issuer", "issuer", "issue_date"),  # certificates per assessment body (0005)
    )

    number: Mapped[str] = mapped_column(String(64), primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18))
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    occupation_code: Mapped[str] = mapped_column(String(16))
    occupation_name: Mapped[str] = mapped_column(String(64), default="")
    issue_date: Mapped[dt.date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(128), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


__all__ = [
    "AuditLog",
    "Base",
    "Case",
    "CaseSequence",
    "Ledger",
    "Meta",
    "Outbox",
    "RegistryCertificate",
    "RegistryInsured",
    "Staff",
    "UTCDateTime",
    "name_initial",
    "utc_text",
]


# --- back office (issue 6) and sync annotations (issue 5): revision 0004 -------------------


class PublicityBatch(Base):
    """A list of reviewed cases published for objections (公示) for at least N working days."""

    __tablename__ = "publicity_batches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_no: Mapped[str] = mapped_column(String(40), unique=True)
    office_code: Mapped[str] = mapped_column(String(6))
    state: Mapped[str] = mapped_column(String(16))  # open | published | closed
    workdays: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)  # ends_on counted on a fallback calendar
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PublicityEntry(Base):
    __tablename__ = "publicity_entries"
    __table_args__ = (Index("ix_publicity_entries_case_id", "case_id"),)

    batch_id: Mapped[str] = mapped_column(String(36), ForeignKey("publicity_batches.id"), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"), primary_key=True)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)  # an objection took it out


class Objection(Base):
    """An objection to a publicized case: who raised it, how to reach them, what they said."""

    __tablename__ = "objections"
    __table_args__ = (Index("ix_objections_case_id", "case_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"))
    batch_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("publicity_batches.id"), nullable=True)
    objector: Mapped[str] = mapped_column(String(64))
    contact: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PaymentBatch(Base):
    """A numbered disbursement file sent to the bank, and the result file that came back."""

    __tablename__ = "payment_batches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_no: Mapped[str] = mapped_column(String(40), unique=True)
    office_code: Mapped[str] = mapped_column(String(6))
    state: Mapped[str] = mapped_column(String(16))  # exported | settled
    item_count: Mapped[int] = mapped_column(Integer)
    total_yuan: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    result_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    settled_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PaymentItem(Base):
    """One case in one disbursement batch.  A case has at most one item that is not failed
    (``live`` = 1 while pending or paid): the database itself refuses paying a case twice."""

    __tablename__ = "payment_items"
    __table_args__ = (
        Index("ix_payment_items_case_id", "case_id"),
        Index("uq_payment_items_live_case", "case_id", unique=True, sqlite_where=text("live = 1"),
              postgresql_where=text("live = 1")),
    )

    batch_id: Mapped[str] = mapped_column(String(36), ForeignKey("payment_batches.id"), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"), primary_key=True)
    amount_yuan: Mapped[int] = mapped_column(Integer)
    account_kind: Mapped[str] = mapped_column(String(8))
    account: Mapped[str] = mapped_column(String(40))
    bank_name: Mapped[str] = mapped_column(String(64))
    holder_name: Mapped[str] = mapped_column(String(MAX_PERSON_NAME))
    status: Mapped[str] = mapped_column(String(16))  # pending | paid | failed
    live: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PayeeChange(Base):
    """A change of a case's payee account after approval, applied only when a second person confirms
    it (issue 14.6).  At most one waits per case (``state`` pending): the database says so."""

    __tablename__ = "payee_changes"
    __table_args__ = (
        Index("ix_payee_changes_case_id", "case_id"),
        Index("uq_payee_changes_pending_case", "case_id", unique=True, sqlite_where=text("state = 'pending'"),
              postgresql_where=text("state = 'pending'")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"))
    changes_json: Mapped[str] = mapped_column(Text)  # the case fields and their new values
    note: Mapped[str] = mapped_column(Text)
    bank_warning: Mapped[str | None] = mapped_column(Text, nullable=True)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16))  # pending | confirmed | declined
    decided_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class RiskFlag(Base):
    """A fund-supervision risk monitoring point (展翅行动 二(五)) raised on a case."""

    __tablename__ = "risk_flags"
    __table_args__ = (Index("ix_risk_flags_case_id", "case_id"), Index("ix_risk_flags_code", "code"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), ForeignKey("cases.id"))
    code: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    raised_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    cleared_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    cleared_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    clear_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class IntegrityRecord(Base):
    """诚信档案: a finding of fraud against a person (ID number) or an employer (USCC)."""

    __tablename__ = "integrity_records"
    __table_args__ = (Index("ix_integrity_records_subject", "subject_kind", "subject_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(16))  # person | employer
    subject_id: Mapped[str] = mapped_column(String(18))
    subject_name: Mapped[str] = mapped_column(String(128))
    finding: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoke_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class CaseAnnotation(Base):
    """What the central system adds to a case without editing it (issue 5: ownership instead
    of conflicts): a duplicate claim found in another office, a ledger entry, a status."""

    __tablename__ = "case_annotations"
    __table_args__ = (Index("ix_case_annotations_case_id", "case_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the central system's id
    case_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))  # duplicate | ledger | status | ...
    message: Mapped[str] = mapped_column(Text)
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
