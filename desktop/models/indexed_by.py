"""SQLite's ``INDEXED BY``, which SQLAlchemy's SQLite dialect leaves out of ``with_hint``.

Without statistics (the data folder never runs ``ANALYZE``) SQLite looks a case up by its
primary key's unique index even where a narrower covering index would spare it reading the
whole row.  ``indexed_by(query, table, index)`` names the index for that one query; other
databases ignore the hint.  SQLite refuses the query (rather than guessing) if the index is
missing, so a renamed index fails the tests, not the office.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import FromClause, Select, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

_PREFIX = "INDEXED BY "
S = TypeVar("S", bound=Select[Any])


def indexed_by(query: S, table: FromClause, index: str) -> S:
    """``query`` reading ``table`` through ``index`` on SQLite."""
    return query.with_hint(table, _PREFIX + index, dialect_name="sqlite")


@compiles(Table, "sqlite")
def _table_with_index(element: Table, compiler: SQLCompiler, **kw: Any) -> str:
    rendered: str = compiler.visit_table(element, **kw)
    hint = (kw.get("fromhints") or {}).get(element)
    if kw.get("asfrom") and not kw.get("ashint") and isinstance(hint, str) and hint.startswith(_PREFIX):
        rendered += " " + hint
    return rendered
