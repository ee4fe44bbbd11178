"""Indexes for the daily summary's overdue reviews and the risk monitoring points over a million cases.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_cases_state_accepted_at", "cases", ["state", "accepted_at"])
    op.create_index("ix_cases_payment_account", "cases", ["payment_account"])
    op.create_index("ix_cases_employer_issue", "cases", ["employer_uscc", "cert_issue_date"])
    op.create_index("ix_registry_certificates_issuer", "registry_certificates", ["issuer", "issue_date"])


def downgrade() -> None:
    op.drop_index("ix_registry_certificates_issuer", table_name="registry_certificates")
    op.drop_index("ix_cases_employer_issue", table_name="cases")
    op.drop_index("ix_cases_payment_account", table_name="cases")
    op.drop_index("ix_cases_state_accepted_at", table_name="cases")
