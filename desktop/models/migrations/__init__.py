"""Alembic migrations of the local store (a package so they ship with the wheel)."""
