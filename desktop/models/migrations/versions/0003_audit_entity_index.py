"""Index a case's history in the audit trail (the case page reads it on every open).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_audit_log_entity", "audit_log", ["entity", "entity_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity", table_name="audit_log")
