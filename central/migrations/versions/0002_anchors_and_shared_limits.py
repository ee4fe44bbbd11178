"""Issue 14.4: the audit anchors of each device; issue 19.5: wrong lookup codes counted in the database
(one count for every worker process) and a device's recent lookups found by an index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from central.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A development build of this revision may have made audit_anchors with create_all already.
    if "audit_anchors" not in sa.inspect(op.get_bind()).get_table_names():
        op.create_table(
            "audit_anchors",
            sa.Column("device_id", sa.String(length=36), nullable=False),
            sa.Column("seq", sa.BigInteger(), nullable=False),
            sa.Column("hash", sa.String(length=64), nullable=False),
            sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_audit_anchors")),
        )
    op.create_table(
        "rate_strikes",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("until_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_strikes")),
    )
    op.create_index("ix_rate_strikes_last_at", "rate_strikes", ["last_at"], unique=False)
    op.create_index("ix_registry_lookups_device_id", "registry_lookups", ["device_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_registry_lookups_device_id", table_name="registry_lookups")
    op.drop_index("ix_rate_strikes_last_at", table_name="rate_strikes")
    op.drop_table("rate_strikes")
    op.drop_table("audit_anchors")
