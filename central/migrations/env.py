"""Alembic environment of the central system's schema, driven by ``central.db.create_schema``.

The caller passes an open connection in ``config.attributes["connection"]``; no alembic.ini.  The
same migrations run on SQLite (``render_as_batch``: SQLite cannot ALTER most things in place) and
PostgreSQL.
"""

from __future__ import annotations

from alembic import context

from central.db import metadata

config = context.config


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=metadata,  # type: ignore[arg-type]
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
_run(config.attributes["connection"])
