"""Alembic revisions; files are loaded by Alembic, not imported."""
