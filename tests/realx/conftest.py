"""The real main window on a real X server (Xvfb), with and without a window manager, driven by
``xdotool`` (xdesk.py).  Needs Xvfb, openbox and xdotool (./dev.sh installs them); without them
the tests are skipped on a developer's machine and fail on CI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from xdesk import Desk, missing_tools

# Kiosk set-ups run the counter on a bare X server; most desks have a window manager.
WINDOW_MANAGERS = {"bare_x": False, "openbox": True}


@pytest.fixture(scope="module", params=list(WINDOW_MANAGERS))
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """One window per module and window manager (starting one takes seconds): each test starts
    from a new, empty case (``fresh_case``)."""
    missing = missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {', '.join(missing)} (dev.sh SYSTEM_PACKAGES)")
        pytest.skip(f"needs {', '.join(missing)} (./dev.sh setup installs them)")
    folder: Path = tmp_path_factory.mktemp(f"desk-{request.param}")
    desk = Desk(folder / "data", wm=WINDOW_MANAGERS[request.param])
    try:
        yield desk
    finally:
        desk.close()


@pytest.fixture
def fresh_case(desk: Desk) -> Desk:
    desk.ask("new_case")
    desk.wait_for(lambda s: s["focus"] == "intake.id_number" and s["page"] == "IntakePage")
    return desk
