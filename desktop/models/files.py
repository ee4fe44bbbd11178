"""Files that exist only together with their record: a print and its audit entry, a disbursement
file, its batch and its lines in the disbursement log.  ``placed_with_transaction`` puts bytes in
place (or appends them) as the last steps inside the caller's transaction and takes them away again
if that transaction fails, so neither exists alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_temp(data: bytes, beside: Path) -> Path:
    """``data`` in a new owner-only file next to ``beside`` (same file system, so a rename is atomic),
    flushed to the disk."""
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".tmp", dir=beside.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


class Placement:
    def __init__(self) -> None:
        self.placed: list[Path] = []
        self.appended: list[tuple[Path, int]] = []  # (file, its size before)

    def place(self, data: bytes, path: Path) -> None:
        """Write ``data`` to ``path`` atomically; undone if the surrounding block fails."""
        temp = write_temp(data, path)
        try:
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        self.placed.append(path)

    def append(self, data: bytes, path: Path) -> None:
        """Add ``data`` to the end of the existing ``path``, flushed to the disk; cut off again if
        the surrounding block fails."""
        with path.open("ab") as handle:
            size = handle.tell()
            self.appended.append((path, size))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def undo(self) -> None:
        for path in self.placed:
            path.unlink(missing_ok=True)
        for path, size in reversed(self.appended):
            with path.open("r+b") as handle:
                handle.truncate(size)


@contextmanager
def placed_with_transaction() -> Iterator[Placement]:
    """Wrap ``with store.session()``: files placed inside are removed if the commit (or anything) fails."""
    placement = Placement()
    try:
        yield placement
    except BaseException:
        placement.undo()
        raise
