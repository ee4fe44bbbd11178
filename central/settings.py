"""The central service's settings, from the environment (issue 19.5) — what a systemd unit or a container
sets — with ``python -m central serve`` options taking precedence.  Several worker processes get the
same settings through the environment (``app.app_from_environment``).

==================================  ====================================  ===================
ZHANCHI_CENTRAL_DB                  database URL (``db.normalise_url``)   sqlite:///central.db
ZHANCHI_CENTRAL_PUBLIC_URL          applicants' address (receipts' QR)    (none)
ZHANCHI_CENTRAL_API_DOCS            1: serve /docs, /redoc, /openapi.json 0
ZHANCHI_CENTRAL_LOOKUPS_PER_MINUTE  person lookups per device a minute    20
ZHANCHI_CENTRAL_CREDENTIAL_DAYS     days an unused credential stays good  90
ZHANCHI_CENTRAL_KEY_FILE            the lookup-code key (``protect``)     beside the database
==================================  ====================================  ===================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from central.limits import DEFAULT_CREDENTIAL_IDLE_DAYS, DEFAULT_LOOKUPS_PER_MINUTE

PREFIX = "ZHANCHI_CENTRAL_"


class SettingError(ValueError):
    """A setting out of bounds; ``name`` is the option (or the environment variable) to fix."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.reason = message


@dataclass(frozen=True)
class ServiceSettings:
    db_url: str | None = None
    public_url: str = ""
    api_docs: bool = False
    lookups_per_minute: int = DEFAULT_LOOKUPS_PER_MINUTE
    credential_days: int = DEFAULT_CREDENTIAL_IDLE_DAYS

    def checked(self) -> ServiceSettings:
        from desktop.models.errors import InvalidInput
        from desktop.sync.client import check_central_url

        if not 1 <= self.lookups_per_minute <= 10_000:
            raise SettingError("--lookups-per-minute", f"应在1到10000之间，收到 {self.lookups_per_minute}")
        if not 1 <= self.credential_days <= 3650:
            raise SettingError("--credential-days", f"应在1到3650天之间，收到 {self.credential_days}")
        if self.public_url.strip():
            try:
                check_central_url(self.public_url, "--public-url")  # https, or http to this computer only
            except InvalidInput as exc:
                raise SettingError("--public-url", exc.reason) from None
        return self

    def environment(self) -> dict[str, str]:
        """The variables that give a worker process these settings."""
        values = {"PUBLIC_URL": self.public_url, "API_DOCS": "1" if self.api_docs else "0",
                  "LOOKUPS_PER_MINUTE": str(self.lookups_per_minute), "CREDENTIAL_DAYS": str(self.credential_days)}
        if self.db_url:
            values["DB"] = self.db_url
        return {PREFIX + key: value for key, value in values.items()}


def _int(environ: Mapping[str, str], key: str, default: int) -> int:
    text = environ.get(PREFIX + key, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise SettingError(PREFIX + key, f"应为整数，收到“{text}”") from None


def from_environment(environ: Mapping[str, str] | None = None) -> ServiceSettings:
    environ = os.environ if environ is None else environ
    return ServiceSettings(
        db_url=environ.get(PREFIX + "DB") or None,
        public_url=environ.get(PREFIX + "PUBLIC_URL", "").strip(),
        api_docs=environ.get(PREFIX + "API_DOCS", "").strip().lower() in ("1", "true", "yes"),
        lookups_per_minute=_int(environ, "LOOKUPS_PER_MINUTE", DEFAULT_LOOKUPS_PER_MINUTE),
        credential_days=_int(environ, "CREDENTIAL_DAYS", DEFAULT_CREDENTIAL_IDLE_DAYS),
    ).checked()


__all__ = ["PREFIX", "ServiceSettings", "SettingError", "from_environment"]
