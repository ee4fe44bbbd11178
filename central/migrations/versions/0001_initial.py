"""The central schema as the reference system created it before it had migrations (create_all).

A database made by that earlier version (tables, no ``alembic_version``) is stamped with this
revision and upgraded from here (``central.db.create_schema``).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from central.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annotations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotations")),
    )
    op.create_index("ix_annotations_case_id", "annotations", ["case_id", "kind"], unique=False)
    op.create_index("ix_annotations_office_code", "annotations", ["office_code", "seq"], unique=False)
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("applicant_name", sa.String(length=64), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("occupation_code", sa.String(length=16), nullable=False),
        sa.Column("cert_level", sa.Integer(), nullable=False),
        sa.Column("lookup_code", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("case_no", name=op.f("uq_cases_case_no")),
    )
    op.create_index("ix_cases_office_code", "cases", ["office_code"], unique=False)
    op.create_table(
        "changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=64), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_changes_idempotency_key")),
    )
    op.create_index("ix_changes_entity", "changes", ["entity", "entity_id"], unique=False)
    op.create_table(
        "claim_authority",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("authoritative", sa.Boolean(), nullable=False),
        sa.Column("outside_area", sa.Boolean(), nullable=False),
        sa.Column("insured_region", sa.String(length=6), nullable=False),
        sa.Column("region_source", sa.String(length=8), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("decided_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_claim_authority")),
    )
    op.create_table(
        "counters",
        sa.Column("stream", sa.String(length=32), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("stream", name=op.f("pk_counters")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("client_device_id", sa.String(length=64), nullable=False),
        sa.Column("credential_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("credential_hash", name=op.f("uq_devices_credential_hash")),
    )
    op.create_table(
        "disbursements",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("batch_no", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("amount_yuan", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("settled_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disbursements")),
        sa.UniqueConstraint("case_id", "batch_no", "batch_id", name="uq_disbursements_batch"),
    )
    op.create_index(
        "uq_disbursements_live_case",
        "disbursements",
        ["case_id"],
        unique=True,
        sqlite_where=sa.text("status <> 'failed'"),
        postgresql_where=sa.text("status <> 'failed'"),
    )
    op.create_table(
        "duplicate_findings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("case_a", sa.String(length=36), nullable=False),
        sa.Column("case_b", sa.String(length=36), nullable=False),
        sa.Column("found_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_findings")),
        sa.UniqueConstraint("case_a", "case_b", name="uq_duplicate_findings_pair"),
    )
    op.create_table(
        "enrolment_tokens",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("revoked_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_enrolment_tokens_token_hash")),
    )
    op.create_table(
        "ledger",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("office_region", sa.String(length=4), nullable=False),
        sa.Column("insured_region", sa.String(length=4), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("occupation_code", sa.String(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.Column("shortage", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_ledger")),
    )
    op.create_index("ix_ledger_claim", "ledger", ["id_number", "occupation_code", "level"], unique=False)
    op.create_index("ix_ledger_insured_region", "ledger", ["insured_region", "seq"], unique=False)
    op.create_index("ix_ledger_office_region", "ledger", ["office_region", "seq"], unique=False)
    op.create_table(
        "pending_credentials",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("credential_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_pending_credentials")),
        sa.UniqueConstraint("credential_hash", name=op.f("uq_pending_credentials_credential_hash")),
    )
    op.create_table(
        "reference_files",
        sa.Column("path", sa.String(length=128), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("published_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_reference_files")),
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
        sa.Column("region", sa.String(length=4), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_registry_certificates")),
    )
    op.create_index("ix_registry_certificates_id_number", "registry_certificates", ["id_number"], unique=False)
    op.create_index("ix_registry_certificates_region", "registry_certificates", ["region", "seq"], unique=False)
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
        sa.Column("region", sa.String(length=4), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_number", name=op.f("pk_registry_insured")),
    )
    op.create_index("ix_registry_insured_region", "registry_insured", ["region", "seq"], unique=False)
    op.create_table(
        "registry_lookups",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_lookups")),
    )
    op.create_index("ix_registry_lookups_id_number", "registry_lookups", ["id_number", "at"], unique=False)
    op.create_table(
        "security_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_events")),
    )
    op.create_index("ix_security_events_at", "security_events", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_security_events_at", table_name="security_events")
    op.drop_table("security_events")
    op.drop_index("ix_registry_lookups_id_number", table_name="registry_lookups")
    op.drop_table("registry_lookups")
    op.drop_index("ix_registry_insured_region", table_name="registry_insured")
    op.drop_table("registry_insured")
    op.drop_index("ix_registry_certificates_region", table_name="registry_certificates")
    op.drop_index("ix_registry_certificates_id_number", table_name="registry_certificates")
    op.drop_table("registry_certificates")
    op.drop_table("reference_files")
    op.drop_table("pending_credentials")
    op.drop_index("ix_ledger_office_region", table_name="ledger")
    op.drop_index("ix_ledger_insured_region", table_name="ledger")
    op.drop_index("ix_ledger_claim", table_name="ledger")
    op.drop_table("ledger")
    op.drop_table("enrolment_tokens")
    op.drop_table("duplicate_findings")
    op.drop_index(
        "uq_disbursements_live_case",
        table_name="disbursements",
        sqlite_where=sa.text("status <> 'failed'"),
        postgresql_where=sa.text("status <> 'failed'"),
    )
    op.drop_table("disbursements")
    op.drop_table("devices")
    op.drop_table("counters")
    op.drop_table("claim_authority")
    op.drop_index("ix_changes_entity", table_name="changes")
    op.drop_table("changes")
    op.drop_index("ix_cases_office_code", table_name="cases")
    op.drop_table("cases")
    op.drop_index("ix_annotations_office_code", table_name="annotations")
    op.drop_index("ix_annotations_case_id", table_name="annotations")
    op.drop_table("annotations")
