"""The device credential, kept in the data folder as ``device.json`` (owner-only).

Written once by ``register`` and read by every sync.  The file is created
with mode 0600 before the secret is written into it and replaced atomically,
so no other account ever reads it and a crash never leaves half a file.  The
secret is never logged and never shown in ``repr``.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop.models.errors import StorageError, os_error_phrase
from desktop.models.files import private_dir, write_private

DEVICE_FILE = "device.json"


@dataclass(frozen=True)
class DeviceCredential:
    central_url: str
    device_id: str
    device_name: str
    office_code: str
    registered_at: str
    credential: str = field(repr=False)
    rotated_at: str = ""  # when the credential was last replaced (issue 14.5); "" never since registering
    insecure: bool = False  # plain http:// to another computer, agreed to with register --insecure (issue 20.3)
    ca_bundle: str = ""  # a PEM file of the CAs that may sign the central system's certificate; "" the system's

    def public(self) -> dict[str, Any]:
        """Everything but the secret (for output and logs)."""
        data = asdict(self)
        data.pop("credential")
        return data


def device_path(data_dir: Path) -> Path:
    return Path(data_dir) / DEVICE_FILE


def load_device(data_dir: Path) -> DeviceCredential | None:
    """The stored credential, or None when this data folder was never registered (or the file is damaged)."""
    path = device_path(data_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        # A field added later (rotated_at, insecure, ca_bundle) may be missing from an older file: its default then.
        values: dict[str, Any] = {f.name: data[f.name] is True if f.type == "bool" else str(data[f.name])
                                  for f in fields(DeviceCredential) if f.name in data or f.default is MISSING}
        return DeviceCredential(**values)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_device(data_dir: Path, device: DeviceCredential) -> Path:
    """Write ``device.json`` with owner-only permissions, atomically."""
    data_dir = Path(data_dir)
    path = device_path(data_dir)
    text = json.dumps(asdict(device), ensure_ascii=False, indent=2)
    try:
        private_dir(data_dir)
        write_private(path, text.encode("utf-8"))
    except OSError as exc:
        raise StorageError.of("device.cannot_save", path=path, reason=os_error_phrase(exc)) from exc
    return path
