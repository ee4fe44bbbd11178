"""Document numbers (文号) of written decisions, per office and year without gaps (issue 17.2).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08

The primary key (office, year, sequence) says in the database itself that a number is given once;
``uq_document_numbers_decision`` that a decision gets one number (a reprint shows it again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

UTC = sa.String(length=32)  # UTCDateTime's stored form


def upgrade() -> None:
    op.create_table(
        "document_numbers",
        sa.Column("office_code", sa.String(length=6), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("decision_seq", sa.Integer(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_document_numbers_case_id_cases")),
        sa.PrimaryKeyConstraint("office_code", "year", "seq", name=op.f("pk_document_numbers")),
    )
    with op.batch_alter_table("document_numbers", schema=None) as batch_op:
        batch_op.create_index("uq_document_numbers_decision", ["case_id", "kind", "decision_seq"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("document_numbers", schema=None) as batch_op:
        batch_op.drop_index("uq_document_numbers_decision")
    op.drop_table("document_numbers")
