"""Indexes for name searches newest first over a million cases.

The name index carries the sort key (created_at, case_no), so the newest matches of a
prefix are found from the index alone and only a page of rows is read from the table;
the first character of a name (mostly the surname) gets its own index in that order,
so one keystroke lists a common surname's newest cases without sorting all of them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.drop_index("ix_cases_applicant_name", table_name="cases")
    op.create_index("ix_cases_applicant_name_created_at", "cases", ["applicant_name", "created_at", "case_no"])
    # The very expression case_queries searches with (schema.name_initial), literal 1s included.
    op.create_index("ix_cases_name_initial_created_at", "cases",
                    [sa.text("substr(applicant_name, 1, 1)"), "created_at", "case_no"])


def downgrade() -> None:
    op.drop_index("ix_cases_name_initial_created_at", table_name="cases")
    op.drop_index("ix_cases_applicant_name_created_at", table_name="cases")
    op.create_index("ix_cases_applicant_name", "cases", ["applicant_name"])
