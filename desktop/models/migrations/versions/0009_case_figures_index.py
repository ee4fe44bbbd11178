"""A narrow index of each case's figures, for the reports' per-case lookups.

The daily summary joins a day's transitions (thousands of cases) to their level, amount, dispute
flag and office, and sorts the cases changed since a past day's end by their acceptance.  Through
the primary key each lookup read the case's whole row (about 2 KB, a page decrypted per case);
this index holds just those columns, so those lookups read it alone (``reports`` names it: SQLite,
without statistics, would pick the primary key's unique index).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_cases_report_figures", "cases",
                    ["id", "office_code", "accepted_at", "cert_level", "amount_yuan", "disputed"])


def downgrade() -> None:
    op.drop_index("ix_cases_report_figures", table_name="cases")
