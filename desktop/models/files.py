"""Files holding personal data, and files that exist only together with their record.

Owner-only (issue 20.2): every file the program writes that holds personal data — the database
and its backups, drafts, exports, rejects, outreach lists, disbursement files, documents, logs —
is created readable by its owner only, wherever it goes (a place the user chose with ``--out``
too), and atomically: ``write_private`` / ``private_output`` write a new owner-only file beside
the target (``mkstemp``: mode 0600 whatever the umask) and rename it into place; ``private_dir``
makes a folder 0700.  On Windows, where ``chmod`` does nothing, the same calls give the path a
DACL for the current account alone (``win_acl``).  ``tighten_folder`` does it for an existing data
folder at start.

With a record: a print and its audit entry, a disbursement file, its batch and its lines in the
disbursement log.  ``placed_with_transaction`` puts bytes in place (or appends them) as the last
steps inside the caller's transaction and takes them away again if that transaction fails, so
neither exists alone."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from desktop.models.errors import InvalidInput

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700
# Subfolders with a file per case (thousands): walked only when the data folder itself was open to
# others; inside an owner-only folder nobody else reaches them anyway.
LARGE_SUBFOLDERS = frozenset({"documents"})


def output_path(out: Path | str, *, pdf: bool = False, field: str = "out") -> Path:
    """Where a document or an export given ``out`` goes: a file (not a folder) in a folder that exists,
    else ``InvalidInput`` naming ``field``; ``pdf``: the refusal of a folder asks for a PDF file name."""
    path = Path(out).expanduser()
    if path.is_dir():
        raise InvalidInput.about(field, "file.is_folder_pdf" if pdf else "file.is_folder", path=path)
    if not path.parent.is_dir():
        raise InvalidInput.about(field, "file.no_folder", folder=path.parent)
    return path


def restrict(path: Path, *, directory: bool = False) -> bool:
    """Make an existing ``path`` owner-only (0600 / 0700 without the other bits; on Windows the
    current account's DACL alone); True when it was not before."""
    if sys.platform == "win32":
        from desktop.models import win_acl

        return win_acl.restrict(path, directory=directory)
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    wanted = (mode & 0o700) | (OWNER_ONLY_DIR if directory else 0o600)
    if mode == wanted:
        return False
    os.chmod(path, wanted)
    return True


def private_dir(path: Path) -> Path:
    """``path`` as an owner-only folder; missing parents are made owner-only too."""
    path = Path(path)
    missing = []
    step = path
    while not step.exists() and step != step.parent:
        missing.append(step)
        step = step.parent
    for folder in reversed(missing):
        folder.mkdir(mode=OWNER_ONLY_DIR, exist_ok=True)
    restrict(path, directory=True)
    for folder in missing[1:]:
        restrict(folder, directory=True)
    return path


def create_private(path: Path) -> Path:
    """An owner-only file at ``path``, empty if new (an existing one is kept and tightened): for
    SQLite and append-only logs, which open the file themselves."""
    path = Path(path)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY_FILE))
    restrict(path)
    return path


def write_temp(data: bytes, beside: Path) -> Path:
    """``data`` in a new owner-only file next to ``beside`` (same file system, so a rename is atomic),
    flushed to the disk."""
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".tmp", dir=beside.parent)  # mode 0600
    try:
        if sys.platform == "win32":
            restrict(Path(name))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


@contextmanager
def private_output(path: Path, mode: str = "wb", *, encoding: str | None = None, newline: str | None = None,
                   durable: bool = True) -> Iterator[IO[Any]]:
    """A handle on a new owner-only file that replaces ``path`` atomically when the block ends
    without error (flushed to the disk first unless not ``durable``); on an error the file is
    removed and ``path`` left as it was.  ``mode`` is ``"wb"`` or ``"w"`` (text, with ``encoding``
    and ``newline``)."""
    if mode not in ("w", "wb"):
        raise ValueError(f"private_output writes whole files: mode 'w' or 'wb', not {mode!r}")
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mode 0600
    temp = Path(name)
    try:
        if sys.platform == "win32":
            restrict(temp)
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_private(path: Path, data: bytes, *, durable: bool = True) -> None:
    """``data`` as the whole of ``path``: owner-only, atomically (see ``private_output``)."""
    with private_output(path, durable=durable) as handle:
        handle.write(data)


def tighten_folder(folder: Path) -> list[str]:
    """Make an existing data folder owner-only: the folder 0700, folders in it 0700, files 0600
    (group and other bits taken away, the owner's kept); on Windows the folder's DACL for the
    current account alone, inherited by everything inside.  Symbolic links are left alone.
    Returns what was changed (paths relative to ``folder`` with the old mode), for the log."""
    folder = Path(folder)
    if sys.platform == "win32":
        from desktop.models import win_acl

        sid = win_acl.current_user_sid()
        if win_acl.is_owner_only(win_acl.read_dacl(folder), sid):
            return []
        win_acl.restrict(folder, directory=True, whole_tree=True)
        return [f". (ACL: {sid} only)"]
    changed: list[str] = []

    def fix(path: Path, mode: int, directory: bool) -> None:
        if mode & 0o077:
            try:
                restrict(path, directory=directory)
            except OSError:
                return  # another account's file: left for the administrator (the folder is closed anyway)
            changed.append(f"{path.relative_to(folder).as_posix() or '.'} {mode:o}")

    top = stat.S_IMODE(os.stat(folder).st_mode)
    was_open = bool(top & 0o077)
    fix(folder, top, True)
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        if here == folder and not was_open:
            dirs[:] = [d for d in dirs if d not in LARGE_SUBFOLDERS]
        for name in dirs + names:
            path = here / name
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode) or not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
                continue
            fix(path, stat.S_IMODE(info.st_mode), stat.S_ISDIR(info.st_mode))
    return changed


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
