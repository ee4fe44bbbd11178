"""The central schema under Alembic (issue 19.5): a new database is made by the migrations, a database
of a version from before migrations is stamped and upgraded with its data kept, and the migrations
make exactly the tables the code declares — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text

from central.db import BASELINE_REVISION, HEAD_REVISION, MIGRATIONS_DIR, make_engine, metadata, normalise_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.db'}"
    else:
        yield request.getfixturevalue("postgres_cluster").create_database()


def _upgrade_to(url: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("path_separator", "os")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def _differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)


def test_the_head_revision_is_the_newest_file() -> None:
    newest = max(p.name.split("_")[0] for p in (MIGRATIONS_DIR / "versions").glob("0*.py"))
    assert newest == HEAD_REVISION


def test_a_new_database_is_made_by_the_migrations_and_matches_the_code(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == HEAD_REVISION
        assert _differences(engine) == []
    finally:
        engine.dispose()


def test_a_database_from_before_migrations_is_upgraded_with_its_data(db_url: str) -> None:
    """What the reference system made with create_all before it had migrations: the baseline tables, no
    alembic_version, and data in them."""
    _upgrade_to(db_url, BASELINE_REVISION)
    old = create_engine(normalise_url(db_url))
    with old.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("INSERT INTO devices (id, office_code, name, client_device_id, credential_hash, created_at) "
                          "VALUES ('d1', '440100', '窗口1', '', 'h1', '2026-01-01 00:00:00+00:00')"))
        assert not inspect(conn).has_table("audit_anchors")
    old.dispose()

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == HEAD_REVISION
            assert conn.scalar(text("SELECT name FROM devices WHERE id = 'd1'")) == "窗口1"
            assert inspect(conn).has_table("audit_anchors") and inspect(conn).has_table("rate_strikes")
        assert _differences(engine) == []
    finally:
        engine.dispose()
