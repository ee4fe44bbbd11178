"""Initial schema: meta, staff, cases, audit_log, outbox, case_sequences, ledger, registries.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Written out by hand (not ``Base.metadata.create_all``) so this revision stays
what it was when later revisions change ``schema.py``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

UTC = sa.String(length=32)  # UTCDateTime's stored form

# The audit trail is append-only; these guard against bugs, not against someone
# editing the file by hand (that is what the hash chain is for).
AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
)


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTC, nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("disputed", sa.Boolean(), nullable=False),
        sa.Column("dispute_reason", sa.Text(), nullable=True),
        sa.Column("applicant_name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("employer_name", sa.String(length=128), nullable=False),
        sa.Column("employer_uscc", sa.String(length=18), nullable=False),
        sa.Column("cert_number", sa.String(length=64), nullable=False),
        sa.Column("cert_kind", sa.String(length=16), nullable=False),
        sa.Column("cert_level", sa.Integer(), nullable=False),
        sa.Column("occupation_code", sa.String(length=16), nullable=False),
        sa.Column("occupation_name", sa.String(length=64), nullable=False),
        sa.Column("cert_issue_date", sa.Date(), nullable=False),
        sa.Column("shortage", sa.Boolean(), nullable=False),
        sa.Column("training_subsidy_claimed", sa.Boolean(), nullable=False),
        sa.Column("payment_kind", sa.String(length=8), nullable=False),
        sa.Column("payment_account", sa.String(length=64), nullable=False),
        sa.Column("bank_name", sa.String(length=64), nullable=False),
        sa.Column("holder_name", sa.String(length=64), nullable=False),
        sa.Column("contribution_months", sa.Integer(), nullable=False),
        sa.Column("receiving_unemployment_benefit", sa.Boolean(), nullable=False),
        sa.Column("insured_region", sa.String(length=6), nullable=False),
        sa.Column("application_region", sa.String(length=6), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("policy_id", sa.String(length=32), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("amount_yuan", sa.Integer(), nullable=False),
        sa.Column("verdict_json", sa.Text(), nullable=False),
        sa.Column("sources_json", sa.Text(), nullable=False),
        sa.Column("materials_json", sa.Text(), nullable=False),
        sa.Column("lookup_code", sa.String(length=6), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("accepted_by", sa.String(length=64), nullable=True),
        sa.Column("accepted_at", UTC, nullable=True),
        sa.Column("state_changed_at", UTC, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("case_no", name=op.f("uq_cases_case_no")),
    )
    for column in ("id_number", "applicant_name", "cert_number", "state", "application_date"):
        op.create_index(f"ix_cases_{column}", "cases", [column], unique=False)
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    for trigger in AUDIT_TRIGGERS:
        op.execute(trigger)
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=64), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("answered_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
    )
    op.create_index("ix_outbox_state", "outbox", ["state"], unique=False)
    op.create_table(
        "case_sequences",
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("device_code", sa.String(length=4), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("office_code", "device_code", "day", name=op.f("pk_case_sequences")),
    )
    op.create_table(
        "ledger",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("occupation_code", sa.String(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.Column("shortage", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger")),
    )
    op.create_index("ix_ledger_id_number", "ledger", ["id_number"], unique=False)
    op.create_index("ix_ledger_case_no", "ledger", ["case_no"], unique=False)
    op.create_table(
        "registry_insured",
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("employer_uscc", sa.String(length=18), nullable=False),
        sa.Column("employer_name", sa.String(length=128), nullable=False),
        sa.Column("insured_region", sa.String(length=6), nullable=False),
        sa.Column("contribution_months", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("receiving_unemployment_benefit", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id_number", name=op.f("pk_registry_insured")),
    )
    op.create_table(
        "registry_certificates",
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("occupation_code", sa.String(length=16), nullable=False),
        sa.Column("occupation_name", sa.String(length=64), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=128), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_registry_certificates")),
    )
    op.create_index("ix_registry_certificates_id_number", "registry_certificates", ["id_number"], unique=False)


def downgrade() -> None:
    for table in (
        "registry_certificates",
        "registry_insured",
        "ledger",
        "case_sequences",
        "outbox",
        "audit_log",
        "cases",
        "staff",
        "meta",
    ):
        op.drop_table(table)
