"""A counter desk on a real X server: Xvfb, optionally openbox, the real window (driver.py), and
``xdotool`` for the keyboard, the scanner and the mouse.

The window runs in its own process on the ``xcb`` platform (the test process stays offscreen,
tests/conftest.py); ``Desk.ask`` sends it one request and reads its JSON answer.  Every key and
wheel click goes through the X server as a device's would, so the tests see the same event path
(and the same event timestamps) as the clerk's keyboard, scanner and mouse.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DRIVER = Path(__file__).with_name("driver.py")
WIDTH, HEIGHT = 1366, 768  # the most common counter screen (UI.md)
TOOLS = ("Xvfb", "xdotool", "openbox")
START_TIMEOUT_S = 30.0  # the window's first start imports PySide6 and the app: seconds on a loaded CI machine


class DeskError(RuntimeError):
    pass


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Desk:
    """Xvfb on a free display (``-displayfd``) of ``size`` (1366×768 unless said), openbox when
    ``wm``, and the main window."""

    def __init__(self, data_dir: Path, *, wm: bool, size: tuple[int, int] = (WIDTH, HEIGHT)) -> None:
        self.wm = wm
        self.width, self.height = size
        self._procs: list[subprocess.Popen[Any]] = []
        self._logs = data_dir.parent
        self._answers: queue.Queue[str] = queue.Queue()
        self.env: dict[str, str] | None = None
        try:
            self._start_all(data_dir)
        except BaseException:
            self.close()
            raise

    def _start_all(self, data_dir: Path) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self._start(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24",
                         "-nolisten", "tcp", "-noreset"], "xvfb", pass_fds=(write_fd,))
        finally:
            os.close(write_fd)
        with os.fdopen(read_fd) as display_out:
            ready, _, _ = select.select([display_out], [], [], 10)
            number = display_out.readline().strip() if ready else ""
        if not number:
            raise DeskError(f"Xvfb did not start:\n{self.log('xvfb')}")
        self.display = ":" + number
        self.env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        self.env["DISPLAY"] = self.display
        if self.wm:
            marker = data_dir.parent / "openbox-started"
            self._start(["openbox", "--sm-disable", "--startup", f"touch {shlex.quote(str(marker))}"], "openbox")
            deadline = time.monotonic() + 10
            while not marker.exists():
                if time.monotonic() > deadline:
                    raise DeskError(f"openbox did not start:\n{self.log('openbox')}")
                time.sleep(0.02)
        self.driver = self._start([sys.executable, str(DRIVER), str(data_dir)], "driver",
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._listener = threading.Thread(target=self._listen, args=(self.driver.stdout,), daemon=True)
        self._listener.start()
        self._read(START_TIMEOUT_S)  # {"ready": true}: shown, active, a field has the focus
        self.prepared: dict[str, Any] = self.ask("prepared")

    def _listen(self, stream: Any) -> None:
        for line in stream:
            self._answers.put(line)
        self._answers.put("")  # the window ended

    def _start(self, argv: list[str], name: str, **kwargs: Any) -> subprocess.Popen[Any]:
        log = (self._logs / f"{name}.log").open("ab")
        try:
            proc = subprocess.Popen(argv, env=self.env, stderr=log, text=True, **kwargs)
        finally:
            log.close()
        self._procs.append(proc)
        return proc

    def log(self, name: str) -> str:
        path = self._logs / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else ""

    # --- the window ---------------------------------------------------------------------------

    def _read(self, timeout: float = 10.0) -> dict[str, Any]:
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            line = None
        if not line:
            what = "ended" if line == "" else f"did not answer within {timeout:.0f} s"
            raise DeskError(f"the window {what}\n--- its log ---\n{self.log('driver')}")
        answer: dict[str, Any] = json.loads(line)
        if not answer.pop("ok"):
            raise DeskError(answer["trace"])
        return answer

    def ask(self, op: str, **args: Any) -> Any:
        assert self.driver.stdin is not None
        self.driver.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.driver.stdin.flush()
        return self._read()

    def state(self) -> dict[str, Any]:
        """What the window shows, once it has handled everything the X server sent it."""
        self.ask("sync")
        return dict(self.ask("state"))

    def wait_for(self, check: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if check(state):
                return state
            if time.monotonic() > deadline:
                state.pop("keys", None)
                raise AssertionError("the window never got there; it shows:\n"
                                     + json.dumps(state, ensure_ascii=False, indent=1))
            time.sleep(0.05)

    def field(self, name: str) -> Any:
        return self.state()["fields"][name]

    # --- the devices --------------------------------------------------------------------------

    def xdotool(self, *args: str, script: str | None = None) -> None:
        """One xdotool command, or a ``script`` of several (one a line) run by one xdotool process."""
        subprocess.run(["xdotool", *(args or ("-",))], input=script, env=self.env, check=True, timeout=30,
                       text=True)

    def type(self, text: str, *, delay_ms: int, enter: bool = False) -> None:
        """Keys ``delay_ms`` apart, as a keyboard-mode scanner (a few ms) or a person (a tenth of a
        second) sends them; then Enter when asked, from the same xdotool process (so no process start
        comes between the last key and Enter; this xdotool types a line end as Linefeed, not Return)."""
        assert "'" not in text and "\n" not in text
        self.xdotool(script=f"type --delay {delay_ms} '{text}'\n" + ("key Return\n" if enter else ""))

    def scan(self, text: str) -> None:
        """A keyboard-mode scanner or ID-card reader: the reading at 8 ms a key, then Enter."""
        self.type(text, delay_ms=8, enter=True)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "30", *keys)

    def _pointer_at(self, name: str, part: str) -> str:
        """xdotool's command moving the pointer onto a point of the widget (xdesk's driver says where)."""
        where = self.ask("where", name=name, part=part)
        if not where["visible"] or not (0 <= where["x"] < self.width and 0 <= where["y"] < self.height):
            raise DeskError(f"{name} is not on the screen: {where}")
        # Not --sync: it waits for a move, forever when the pointer is already there.
        return f"mousemove {where['x']} {where['y']}\n"

    def click(self, name: str, part: str = "center") -> None:
        self.xdotool(script=self._pointer_at(name, part) + "click 1\n")

    def wheel(self, name: str, *, down: bool, clicks: int = 3) -> None:
        """Wheel clicks with the pointer over the field (button 4 up, 5 down)."""
        self.xdotool(script=self._pointer_at(name, "center")
                     + f"click --repeat {clicks} --delay 30 {5 if down else 4}\n")

    # --- the end ------------------------------------------------------------------------------

    def close(self) -> None:
        driver = getattr(self, "driver", None)
        if driver is not None and driver.poll() is None and driver.stdin is not None:
            try:
                driver.stdin.write(json.dumps({"op": "quit"}) + "\n")
                driver.stdin.flush()
                driver.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        listener = getattr(self, "_listener", None)
        if listener is not None:
            listener.join(5)  # it has read the end of the window's answers
        for proc in self._procs:
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
