"""A signed-in person's account read straight from the database file.

The main window decides its pages from the role (``permissions``) before the
store and SQLAlchemy are loaded (they take most of a second); this reads the one
row with the SQLCipher driver alone, read-only, with the folder's key (issue 20.1): the same row
``staff.get_staff`` reads (tests/views/test_window_first.py keeps the two answers equal for every
role).
"""

from __future__ import annotations

from pathlib import Path

from desktop.models import database
from desktop.models.database import DB_FILENAME
from desktop.models.errors import StorageError
from desktop.models.permissions import Role, StaffUser


def peek_account(data_dir: Path, username: str) -> StaffUser | None:
    """The account ``username`` in ``data_dir``'s database, or None when it cannot be read
    cheaply (no database yet, an unknown name or role, a damaged or locked file, no key here): the
    caller then opens the store first and gets the store's own answer and error."""
    db_path = Path(data_dir) / DB_FILENAME
    if database.file_state(db_path) not in ("encrypted", "plain"):  # plain: a folder the open will encrypt
        return None
    try:
        conn = database.open_database(db_path, readonly=True, timeout=0.2)
        try:
            row = conn.execute("SELECT username, display_name, role, office_code FROM staff WHERE username = ?",
                               (username,)).fetchone()
        finally:
            conn.close()
    except (database.Error, StorageError):
        return None
    if row is None or row[2] not in Role.__members__:
        return None
    return StaffUser(row[0], row[1], Role(row[2]), row[3])
