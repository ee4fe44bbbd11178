"""The window on every counter screen from 1024×768 to 1920×1080 (issue 16.5), on a real X server.

Under openbox (which maximizes windows and draws a title bar above them) and on a bare X server
(a kiosk), the window opens maximized: the verdict panel, the F6/F7/F9 buttons and the status bar
are whole and on the screen, and only the form scrolls.  How the person leaves the window
(un-maximized, moved, resized) is how it opens next time on a screen of that size.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from xdesk import Desk, missing_tools

pytestmark = pytest.mark.gui

SIZES = [(1024, 768), (1366, 768), (1920, 1080)]
ALWAYS_SHOWN = ("verify.result", "verify.headline", "verify.amount", "case.accept", "case.print_notice",
                "case.save_waiting", "checklist.items", "sync.status", "nav.bar")


def _desk(folder: Path, *, wm: bool, size: tuple[int, int]) -> Desk:
    missing = missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {', '.join(missing)} (dev.sh SYSTEM_PACKAGES)")
        pytest.skip(f"needs {', '.join(missing)} (./dev.sh setup installs them)")
    return Desk(folder / "data", wm=wm, size=size)


@pytest.fixture(scope="module", params=[(size, wm) for size in SIZES for wm in (True, False)],
                ids=lambda p: f"{p[0][0]}x{p[0][1]}-{'openbox' if p[1] else 'bare_x'}")
def screen(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    (size, wm) = request.param
    desk = _desk(tmp_path_factory.mktemp(f"screen-{size[0]}x{size[1]}"), wm=wm, size=size)
    try:
        yield desk
    finally:
        desk.close()


def inside(rect: list[int], desk: Desk) -> bool:
    x, y, w, h = rect
    return x >= 0 and y >= 0 and x + w <= desk.width and y + h <= desk.height


def settled_layout(desk: Desk) -> dict[str, Any]:
    """The layout once the window manager has placed the window (it answers in its own time)."""
    last: dict[str, Any] = {}

    def placed(_state: dict[str, Any]) -> bool:
        nonlocal last
        last = desk.ask("layout")
        return bool(last["maximized"]) and inside(last["frame"], desk)

    with contextlib.suppress(AssertionError):  # the assertions after it say what is wrong
        desk.wait_for(placed, timeout=5.0)
    return last


def test_the_window_opens_maximized_with_the_verdict_and_the_actions_on_the_screen(screen: Desk) -> None:
    desk = screen
    desk.ask("new_case")
    layout = settled_layout(desk)
    assert layout["maximized"], layout
    screen_rect = [0, 0, desk.width, desk.height]
    assert layout["frame"] == screen_rect, f"the window (with its frame) fills the screen: {layout['frame']}"
    if not desk.wm:
        assert layout["geometry"] == screen_rect  # no title bar: the window itself fills it
    for name in ALWAYS_SHOWN:
        widget = layout["widgets"][name]
        assert widget["visible"] and widget["whole"], f"{name} is cut off or hidden: {widget}"
        assert inside(widget["rect"], desk), f"{name} is off the screen: {widget['rect']}"
        assert not widget["in_scroll_area"], f"{name} scrolls away with the form"
    # The form scrolls; the page fits the window and does not.
    assert layout["widgets"]["intake.id_number"]["in_scroll_area"]
    width, height = layout["page"]["size"]
    min_width, min_height = layout["page"]["minimum"]
    assert min_width <= width and min_height <= height, layout["page"]
    form = layout["form"]
    if form["content"] > form["viewport"]:
        assert form["scroll_max"] > 0
    if desk.height <= 768:
        assert form["scroll_max"] > 0, "the form is taller than a 768-pixel screen: it scrolls"


def test_the_wheel_scrolls_the_form_and_nothing_else(screen: Desk) -> None:
    desk = screen
    desk.ask("new_case")
    before = settled_layout(desk)
    if before["form"]["scroll_max"] == 0:
        pytest.skip("the whole form fits on this screen")
    desk.wheel("intake.name", down=True, clicks=5)
    state = desk.wait_for(lambda s: s["scroll"] > 0, timeout=3.0)
    assert state["scroll"] > 0
    after = desk.ask("layout")
    for name in ALWAYS_SHOWN:
        assert after["widgets"][name]["rect"] == before["widgets"][name]["rect"], f"{name} moved with the form"


# --- the person's choice, kept --------------------------------------------------------------------


@pytest.fixture(scope="module")
def openbox_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    desk = _desk(tmp_path_factory.mktemp("placement"), wm=True, size=(1366, 768))
    try:
        yield desk
    finally:
        desk.close()


def wait_layout(desk: Desk, check: Any, timeout: float = 5.0) -> dict[str, Any]:
    last: dict[str, Any] = {}

    def done(_state: dict[str, Any]) -> bool:
        nonlocal last
        last = desk.ask("layout")
        return bool(check(last))

    desk.wait_for(done, timeout=timeout)
    return last


def reopen(desk: Desk) -> dict[str, Any]:
    desk.ask("reopen")
    desk.wait_for(lambda s: s["active"], timeout=10.0)
    return settled_layout(desk)


def test_an_unmaximized_window_opens_where_it_was_left(openbox_desk: Desk) -> None:
    desk = openbox_desk
    assert settled_layout(desk)["maximized"]
    desk.ask("show_normal", geometry=[100, 120, 1000, 560])
    left = wait_layout(desk, lambda lay: not lay["maximized"] and lay["geometry"][2:] == [1000, 560])
    geometry = left["geometry"]
    again = reopen(desk)
    assert not again["maximized"], again
    assert again["geometry"] == geometry, "the window opens as it was left"
    assert inside(again["frame"], desk)
    assert reopen(desk)["geometry"] == geometry  # closed un-maximized again: still so

    desk.ask("maximize")  # the person maximizes it again: it opens maximized
    wait_layout(desk, lambda lay: lay["maximized"])
    assert reopen(desk)["maximized"]
