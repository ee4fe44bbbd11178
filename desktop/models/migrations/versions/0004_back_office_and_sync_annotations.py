"""Back office (publicity batches, objections, payment batches and items, risk flags,
integrity records) and the central system's annotations on cases.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

A case has at most one payment item that is not failed: the partial unique index
``uq_payment_items_live_case`` makes paying a case twice impossible in the database itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

UTC = sa.String(length=32)  # UTCDateTime's stored form


def upgrade() -> None:
    op.create_table(
        "case_annotations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=True),
        sa.Column("acknowledged_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_annotations")),
    )
    with op.batch_alter_table("case_annotations", schema=None) as batch_op:
        batch_op.create_index("ix_case_annotations_case_id", ["case_id"], unique=False)

    op.create_table(
        "integrity_records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.String(length=18), nullable=False),
        sa.Column("subject_name", sa.String(length=128), nullable=False),
        sa.Column("finding", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UTC, nullable=False),
        sa.Column("revoked_by", sa.String(length=64), nullable=True),
        sa.Column("revoked_at", UTC, nullable=True),
        sa.Column("revoke_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_records")),
    )
    with op.batch_alter_table("integrity_records", schema=None) as batch_op:
        batch_op.create_index("ix_integrity_records_subject", ["subject_kind", "subject_id"], unique=False)

    op.create_table(
        "payment_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("total_yuan", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("result_sha256", sa.String(length=64), nullable=True),
        sa.Column("settled_by", sa.String(length=64), nullable=True),
        sa.Column("settled_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_batches")),
        sa.UniqueConstraint("batch_no", name=op.f("uq_payment_batches_batch_no")),
    )
    op.create_table(
        "publicity_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_no", sa.String(length=40), nullable=False),
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("workdays", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("published_at", UTC, nullable=True),
        sa.Column("closed_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publicity_batches")),
        sa.UniqueConstraint("batch_no", name=op.f("uq_publicity_batches_batch_no")),
    )
    op.create_table(
        "objections",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.Column("objector", sa.String(length=64), nullable=False),
        sa.Column("contact", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UTC, nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolved_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["publicity_batches.id"], name=op.f("fk_objections_batch_id_publicity_batches")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_objections_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
    )
    with op.batch_alter_table("objections", schema=None) as batch_op:
        batch_op.create_index("ix_objections_case_id", ["case_id"], unique=False)

    op.create_table(
        "payment_items",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("amount_yuan", sa.Integer(), nullable=False),
        sa.Column("account_kind", sa.String(length=8), nullable=False),
        sa.Column("account", sa.String(length=40), nullable=False),
        sa.Column("bank_name", sa.String(length=64), nullable=False),
        sa.Column("holder_name", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("resolved_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["payment_batches.id"], name=op.f("fk_payment_items_batch_id_payment_batches")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_payment_items_case_id_cases")),
        sa.PrimaryKeyConstraint("batch_id", "case_id", name=op.f("pk_payment_items")),
    )
    with op.batch_alter_table("payment_items", schema=None) as batch_op:
        batch_op.create_index("ix_payment_items_case_id", ["case_id"], unique=False)
        batch_op.create_index(
            "uq_payment_items_live_case",
            ["case_id"],
            unique=True,
            sqlite_where=sa.text("live = 1"),
            postgresql_where=sa.text("live = 1"),
        )

    op.create_table(
        "publicity_entries",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("added_at", UTC, nullable=False),
        sa.Column("removed_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["publicity_batches.id"], name=op.f("fk_publicity_entries_batch_id_publicity_batches")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_publicity_entries_case_id_cases")),
        sa.PrimaryKeyConstraint("batch_id", "case_id", name=op.f("pk_publicity_entries")),
    )
    with op.batch_alter_table("publicity_entries", schema=None) as batch_op:
        batch_op.create_index("ix_publicity_entries_case_id", ["case_id"], unique=False)

    op.create_table(
        "risk_flags",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("raised_at", UTC, nullable=False),
        sa.Column("cleared_by", sa.String(length=64), nullable=True),
        sa.Column("cleared_at", UTC, nullable=True),
        sa.Column("clear_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_risk_flags_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_flags")),
    )
    with op.batch_alter_table("risk_flags", schema=None) as batch_op:
        batch_op.create_index("ix_risk_flags_case_id", ["case_id"], unique=False)
        batch_op.create_index("ix_risk_flags_code", ["code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk_flags", schema=None) as batch_op:
        batch_op.drop_index("ix_risk_flags_code")
        batch_op.drop_index("ix_risk_flags_case_id")

    op.drop_table("risk_flags")
    with op.batch_alter_table("publicity_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_publicity_entries_case_id")

    op.drop_table("publicity_entries")
    with op.batch_alter_table("payment_items", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_payment_items_live_case", sqlite_where=sa.text("live = 1"), postgresql_where=sa.text("live = 1")
        )
        batch_op.drop_index("ix_payment_items_case_id")

    op.drop_table("payment_items")
    with op.batch_alter_table("objections", schema=None) as batch_op:
        batch_op.drop_index("ix_objections_case_id")

    op.drop_table("objections")
    op.drop_table("publicity_batches")
    op.drop_table("payment_batches")
    with op.batch_alter_table("integrity_records", schema=None) as batch_op:
        batch_op.drop_index("ix_integrity_records_subject")

    op.drop_table("integrity_records")
    with op.batch_alter_table("case_annotations", schema=None) as batch_op:
        batch_op.drop_index("ix_case_annotations_case_id")

    op.drop_table("case_annotations")
