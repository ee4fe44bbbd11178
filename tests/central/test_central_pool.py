"""The PostgreSQL pool checks a connection only after it has been idle (issue 19.6: a ping at every
checkout cost a round trip per request), and a connection that died while idle is replaced, not
handed to a request."""

from __future__ import annotations

import psycopg
import pytest
from central_harness import PostgresCluster
from sqlalchemy import event, text

from central import db


def _kill_other_backends(url: str) -> int:
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        return len(conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall())


def _backend_pid(engine: object) -> int:
    with db.read(engine) as conn:  # type: ignore[arg-type]
        return int(conn.scalar(text("SELECT pg_backend_pid()")))


def test_a_connection_killed_while_idle_is_replaced_before_use(postgres_cluster: PostgresCluster,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = postgres_cluster.create_database()
    engine = db.make_engine(url)
    try:
        first = _backend_pid(engine)
        assert _kill_other_backends(url) >= 1  # a restart, a firewall dropping the connection …
        monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)  # it has been idle long enough to be checked
        assert _backend_pid(engine) != first  # a fresh connection answered, no error reached the request
    finally:
        engine.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(postgres_cluster: PostgresCluster) -> None:
    url = postgres_cluster.create_database()
    engine = db.make_engine(url)
    statements: list[str] = []
    try:
        _backend_pid(engine)

        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        pings: list[object] = []
        original = engine.dialect.do_ping
        engine.dialect.do_ping = lambda connection: pings.append(connection) or original(connection)  # type: ignore[method-assign]
        _backend_pid(engine)
        assert pings == [] and statements == ["SELECT pg_backend_pid()"]
    finally:
        engine.dispose()
