"""The intake form's autosaved draft: what is typed, kept as it is typed, so a crash or a power cut
loses nothing.  It holds a full ID number and bank account, so the file is owner-only (issue 20.2)
and replaced atomically (a power cut leaves the old draft or the new one, never half of one)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.models.files import private_dir, write_private

DRAFT_FILE = Path("drafts") / "intake.json"


def draft_path(data_dir: Path) -> Path:
    return Path(data_dir) / DRAFT_FILE


def save_draft(data_dir: Path, state: dict[str, Any]) -> Path:
    """Write the draft (raises ``OSError`` when the folder cannot be written)."""
    path = draft_path(data_dir)
    private_dir(path.parent)
    # Saved on the GUI thread a moment after each pause in typing: no fsync (the rename is atomic).
    write_private(path, json.dumps(state, ensure_ascii=False).encode("utf-8"), durable=False)
    return path


def load_draft(data_dir: Path) -> dict[str, Any] | None:
    """The saved draft, or None when there is none or it cannot be read."""
    try:
        state = json.loads(draft_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def discard_draft(data_dir: Path) -> None:
    draft_path(data_dir).unlink(missing_ok=True)
