"""Alembic environment, driven programmatically by ``desktop.models.store``.

The store passes an open connection in ``config.attributes["connection"]``;
no alembic.ini is needed.  ``render_as_batch`` because SQLite cannot ALTER
most things in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop.models.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Fallback for a developer running alembic by hand with sqlalchemy.url set.
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
