"""The counter's devices in the settings (issue 16.12, 16.1): preview or print, and the ID-card reader.

Kept among the settings file's own keys (``Settings.extra``): ``desktop.settings`` has no fields
for them yet.  Light on purpose: the settings dialog reads them without loading the devices.
"""

from __future__ import annotations

import dataclasses
import os

from desktop.settings import Settings

PREVIEW_KEY = "receipt_preview"  # in settings.json: preview the counter's documents instead of printing
READER_KEY = "idcard_reader"  # in settings.json: which ID-card reader (desktop.devices.idcard.config)
READER_ENV = "ZHANCHI_IDCARD_READER"  # overrides it (the demo: ZHANCHI_IDCARD_READER=simulated)


def preview_first(settings: Settings) -> bool:
    return settings.extra.get(PREVIEW_KEY) is True


def with_preview_first(settings: Settings, on: bool) -> Settings:
    return dataclasses.replace(settings, extra={**settings.extra, PREVIEW_KEY: bool(on)})


def reader_spec(settings: Settings) -> str:
    """The reader's settings line: the environment's, else the file's ("" when none)."""
    from_env = os.environ.get(READER_ENV)
    if from_env is not None:
        return from_env.strip()
    value = settings.extra.get(READER_KEY)
    return value.strip() if isinstance(value, str) else ""


def with_reader_spec(settings: Settings, spec: str) -> Settings:
    return dataclasses.replace(settings, extra={**settings.extra, READER_KEY: spec.strip()})
