"""The intake form's autosaved draft: what is typed, kept as it is typed, so a crash or a power cut
loses nothing.  It holds a full ID number and bank account, so the file is owner-only (issue 20.2)
and replaced atomically (a power cut leaves the old draft or the new one, never half of one).

Each clerk has a draft of their own (issue 16.6): when another person signs in at the same counter,
the form is theirs (empty, or their own draft), and the first clerk's draft comes back when they
sign in again.  A draft saved before drafts were kept per person (``drafts/intake.json``) goes to
the first person who opens the form after the upgrade, as it did before.

Sealed with the folder's key (``sealed``, issue 20.1): a copied data folder shows no draft's
contents.  A plain draft from before sealing is still read, and sealed when next saved.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from desktop.models import sealed
from desktop.models.errors import StorageError
from desktop.models.files import private_dir

PURPOSE = "intake-draft"
DRAFT_FILE = Path("drafts") / "intake.json"  # the one draft of before (and of no particular person)
_PLAIN_NAME = re.compile(r"[a-z0-9._@-]{1,64}", re.ASCII)  # the same file name on every file system


def draft_path(data_dir: Path, user: str | None = None) -> Path:
    """The draft of ``user`` (a username); without one, the draft of no particular person."""
    if user is None:
        return Path(data_dir) / DRAFT_FILE
    # Usernames differing only in case (Windows file names do not) or with other characters: by code.
    name = f"u-{user}" if _PLAIN_NAME.fullmatch(user) else "x-" + user.encode("utf-8").hex()
    return Path(data_dir) / DRAFT_FILE.parent / f"intake-{name}.json"


def save_draft(data_dir: Path, state: dict[str, Any], user: str | None = None) -> Path:
    """Write the draft, sealed (raises ``OSError`` when the folder cannot be written)."""
    path = draft_path(data_dir, user)
    private_dir(path.parent)
    # Saved on the GUI thread a moment after each pause in typing: no fsync (the rename is atomic).
    data = json.dumps(state, ensure_ascii=False).encode("utf-8")
    sealed.for_folder(data_dir).write(path, data, PURPOSE, durable=False)
    return path


def load_draft(data_dir: Path, user: str | None = None) -> dict[str, Any] | None:
    """The saved draft (of ``user``), or None when there is none or it cannot be read."""
    path = draft_path(data_dir, user)
    if user is not None and not path.exists():
        try:  # the one draft of before per-person drafts: now this person's
            os.replace(draft_path(data_dir), path)
        except OSError:
            return None
    try:
        state = json.loads(sealed.for_folder(data_dir).read(path, PURPOSE).decode("utf-8"))
    except (OSError, ValueError, StorageError):
        return None
    return state if isinstance(state, dict) else None


def discard_draft(data_dir: Path, user: str | None = None) -> None:
    draft_path(data_dir, user).unlink(missing_ok=True)
