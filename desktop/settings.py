"""Per-installation preferences, kept as ``settings.json`` in the data folder.

Pure Python (no Qt): the window reads them at start (``desktop.app``), the
settings dialog edits them, and a test or a script can do both without a
display.  A ``Settings`` value is always valid: building one with a bad value
raises ``InvalidInput`` naming the field, in plain Chinese with the fix.

Reading never fails: a missing, unreadable or damaged file gives the
defaults, and a single bad value falls back to its own default, so a
hand-edited file cannot keep the counter from starting.  Keys this version does
not know are kept (a newer version may have written them) and written back.

How each person left the main window (maximized, or where and how large) is kept
apart, in ``window.json``, per user and per screen size (``WindowPlacement``):
the window opens that way again on a screen of the same size, maximized
otherwise.  It is written when the window closes, never by the settings dialog.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop.models.errors import InvalidInput, StorageError, os_error_phrase
from desktop.models.messages import Phrase

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"

# Each language named in itself: whoever must switch back can read it.
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
RECEIPT_FORMATS: dict[str, str] = {"a4": "A4", "80mm": "80毫米热敏纸"}
IDLE_MINUTES_RANGE = (1, 120)
FONT_SCALE_RANGE = (100, 200)


@dataclass(frozen=True)
class Settings:
    language: str = "zh_CN"
    idle_lock_minutes: int = 10
    font_scale_percent: int = 100
    receipt_format: str = "a4"
    central_url: str = ""
    # Keys of the file this version does not know: kept, written back, never used.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise InvalidInput.about("language", "settings.bad_language")
        _check_int("idle_lock_minutes", self.idle_lock_minutes, IDLE_MINUTES_RANGE, "settings.idle_minutes")
        _check_int("font_scale_percent", self.font_scale_percent, FONT_SCALE_RANGE, "settings.font_scale")
        if self.receipt_format not in RECEIPT_FORMATS:
            raise InvalidInput.about("receipt_format", "settings.bad_receipt_format")
        if not isinstance(self.central_url, str):
            raise InvalidInput.about("central_url", "settings.central_url_not_text")
        url = self.central_url.strip()
        if url:
            _check_url(url)
        object.__setattr__(self, "central_url", url)
        object.__setattr__(self, "extra", dict(self.extra))

    def to_json(self) -> dict[str, Any]:
        """What ``settings.json`` holds: the unknown keys first, ours over them."""
        data = dict(self.extra)
        data.update({f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "extra"})
        return data


FIELDS = tuple(f.name for f in dataclasses.fields(Settings) if f.name != "extra")


def _check_int(name: str, value: Any, bounds: tuple[int, int], code: str) -> None:
    """``code``: the setting's messages, ``{code}_not_integer`` and ``{code}_range``."""
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput.about(name, f"{code}_not_integer", low=low, high=high)
    if not low <= value <= high:
        raise InvalidInput.about(name, f"{code}_range", low=low, high=high, value=value)


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in url):
        raise InvalidInput.about("central_url", "settings.bad_central_url")


def settings_from_json(data: Mapping[str, Any]) -> Settings:
    """Strict: every known key must be valid (``InvalidInput`` names the first that is not)."""
    known = {name: data[name] for name in FIELDS if name in data}
    extra = {key: value for key, value in data.items() if key not in FIELDS}
    return Settings(**known, extra=extra)


def settings_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / SETTINGS_FILE


def load_settings(data_dir: str | Path) -> Settings:
    """The settings of the data folder; never raises (see the module docstring)."""
    path = settings_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable, using the defaults: %s", path, exc)
        return Settings()
    if not isinstance(data, dict):
        log.warning("settings file %s holds no JSON object, using the defaults", path)
        return Settings()
    defaults = Settings()
    usable: dict[str, Any] = {}
    for name in FIELDS:
        if name not in data:
            continue
        try:
            dataclasses.replace(defaults, **{name: data[name]})
        except (InvalidInput, TypeError) as exc:
            log.warning("settings file %s: %s; using the default", path, exc)
            continue
        usable[name] = data[name]
    extra = {key: value for key, value in data.items() if key not in FIELDS}
    return Settings(**usable, extra=extra)


def save_settings(data_dir: str | Path, settings: Settings) -> Path:
    """Write ``settings.json`` atomically: a power cut leaves the old file or the new one.

    A folder that cannot be written (read-only, disk full) raises ``StorageError``."""
    if not isinstance(settings, Settings):
        raise TypeError("save_settings needs a Settings")
    path = settings_path(data_dir)
    _write_json(path, settings.to_json(), Phrase.of("settings.what_settings"))
    return path


def _write_json(path: Path, data: Any, what: Phrase) -> None:
    """``data`` as JSON in ``path``: owner-only, replaced atomically (``StorageError`` naming ``what``)."""
    from desktop.models.files import private_dir, write_private  # here, not at start: saving is rare

    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        private_dir(path.parent)
    except OSError as exc:
        raise StorageError.of("settings.folder_unwritable", what=what, folder=path.parent,
                              reason=os_error_phrase(exc)) from exc
    try:
        write_private(path, text.encode("utf-8"))
    except OSError as exc:
        raise StorageError.of("settings.file_unwritable", what=what, path=path, reason=os_error_phrase(exc)) from exc


# --- where each person left the main window -------------------------------------------------------

WINDOW_FILE = "window.json"


@dataclass(frozen=True)
class WindowPlacement:
    """How one person left the main window on a screen of one size (pixels): maximized, and where
    the window goes when it is not (its inner area, without the window manager's frame)."""

    screen: tuple[int, int]  # the screen's width and height
    maximized: bool
    geometry: tuple[int, int, int, int] | None = None  # x, y, width, height; None: not known

    def to_json(self) -> dict[str, Any]:
        return {"maximized": self.maximized, "geometry": list(self.geometry) if self.geometry else None}


def window_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / WINDOW_FILE


def _screen_key(screen: tuple[int, int]) -> str:
    return f"{int(screen[0])}x{int(screen[1])}"


def _read_placements(data_dir: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(window_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("window placements unreadable, starting afresh: %s", exc)
        return {}
    users = data.get("users") if isinstance(data, dict) else None
    return users if isinstance(users, dict) else {}


def load_window_placement(data_dir: str | Path, username: str,
                          screen: tuple[int, int]) -> WindowPlacement | None:
    """How ``username`` left the window on a screen of this size; None when never (or the file or
    the entry is damaged: the window then opens maximized).  Never raises."""
    entry = _read_placements(data_dir).get(username, {})
    kept = entry.get(_screen_key(screen)) if isinstance(entry, dict) else None
    if not isinstance(kept, dict) or not isinstance(kept.get("maximized"), bool):
        return None
    geometry = kept.get("geometry")
    if not (isinstance(geometry, list) and len(geometry) == 4
            and all(isinstance(n, int) and not isinstance(n, bool) for n in geometry)
            and geometry[2] > 0 and geometry[3] > 0):
        geometry = None
    return WindowPlacement(screen=(int(screen[0]), int(screen[1])), maximized=kept["maximized"],
                           geometry=tuple(geometry) if geometry else None)


def save_window_placement(data_dir: str | Path, username: str, placement: WindowPlacement) -> None:
    """Keep ``placement`` for ``username`` (the others' and other screen sizes' stay).  A folder
    that cannot be written raises ``StorageError``."""
    users = _read_placements(data_dir)
    entry = users.get(username)
    entry = dict(entry) if isinstance(entry, dict) else {}
    entry[_screen_key(placement.screen)] = placement.to_json()
    users[username] = entry
    _write_json(window_path(data_dir), {"users": users}, Phrase.of("settings.what_window"))
