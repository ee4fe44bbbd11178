"""The core services of one data folder, opened once and shared by the window or a command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.models.backup import Progress
from desktop.models.clock import Clock
from desktop.models.rules import Verifier
from desktop.models.store import Store, open_store


@dataclass
class Workspace:
    data_dir: Path
    store: Store
    verifier: Verifier
    clock: Clock

    def close(self) -> None:
        self.store.close()


def open_workspace(data_dir: Path, *, clock: Clock | None = None, progress: Progress | None = None) -> Workspace:
    clock = clock or Clock()
    store = open_store(data_dir, clock=clock, progress=progress)
    return Workspace(data_dir, store, Verifier.load(data_dir), clock)
