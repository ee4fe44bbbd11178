"""Indexes for the newest-first case list over a million cases (keyset pagination).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_cases_created_at", "cases", ["created_at", "case_no"])
    op.create_index("ix_cases_state_created_at", "cases", ["state", "created_at", "case_no"])


def downgrade() -> None:
    op.drop_index("ix_cases_state_created_at", table_name="cases")
    op.drop_index("ix_cases_created_at", table_name="cases")
