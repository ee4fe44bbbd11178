"""A payee change after approval, waiting for a second person (issue 14.6).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

At most one change per case waits for confirmation: the partial unique index
``uq_payee_changes_pending_case`` says so in the database itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

UTC = sa.String(length=32)  # UTCDateTime's stored form


def upgrade() -> None:
    op.create_table(
        "payee_changes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("changes_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("bank_warning", sa.Text(), nullable=True),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_at", UTC, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_payee_changes_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payee_changes")),
    )
    with op.batch_alter_table("payee_changes", schema=None) as batch_op:
        batch_op.create_index("ix_payee_changes_case_id", ["case_id"], unique=False)
        batch_op.create_index("uq_payee_changes_pending_case", ["case_id"], unique=True,
                              sqlite_where=sa.text("state = 'pending'"), postgresql_where=sa.text("state = 'pending'"))


def downgrade() -> None:
    with op.batch_alter_table("payee_changes", schema=None) as batch_op:
        batch_op.drop_index("uq_payee_changes_pending_case")
        batch_op.drop_index("ix_payee_changes_case_id")
    op.drop_table("payee_changes")
