"""The child side of the process scenarios: ``python -m bench.probe MODE [DATA_DIR USER]``.

Each mode runs in a fresh interpreter started by ``bench.gui`` and prints one
JSON line on stdout when it is ready; the parent times the start from its own
clock (from spawning the process to reading that line), so interpreter start and
every import count, as they do for a person double-clicking the icon.  What a
probe checks after it was timed comes on further lines.

* ``bare``: a bare PySide6 ``QMainWindow`` (1366x768): QApplication, the
  window, ``show()``;
* ``app``: ``desktop.app.open_main_window(DATA_DIR, USER)``, ``show()``: the
  window as it first appears, the data folder opening behind it.  Once ready
  it is checked usable: the keyboard focus is in the intake form's ID field and
  keys typed there before the data arrives are kept; the line also reports when
  the data was open and every page built (``data_ready_s``) and the longest the
  event loop was held up meanwhile (``longest_stall_ms``);
* ``complete``: ``desktop.app.create_main_window(DATA_DIR, USER)``, ``show()``:
  every page built and the data open before the window shows;
* ``rss``: as ``complete``, then the search page with every case listed: the model's
  ``fetchMore`` until no page is left, the view scrolled to the bottom after
  each page; the line reports the peak resident set size;
* ``counter``: the counter at work (``bench.counter_probe``): N applicants filed with F9, each receipt
  timed to the printer, the GUI thread's stalls measured all along (issue 16.13);
* ``signin``: the program as a person starts it (``python -m desktop --data-dir
  DATA_DIR``) up to its first window, the sign-in dialog, painted and idle
  (the data folder is then still opening behind it).

"Ready" (bare and app alike) is: the window has received its first paint event
and the event loop is about to wait for input (idle) right after.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

_STARTED = time.perf_counter()
_TIMEOUT_S = 120.0


def _emit(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def _memory_kb() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process, from /proc (Linux); getrusage's peak elsewhere."""
    found: dict[str, int] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
    except OSError:
        pass
    if "VmHWM" not in found:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        found["VmHWM"] = peak // 1024 if sys.platform == "darwin" else peak
    return found


def _wait_ready(app: Any, window: Any) -> float:
    """Show ``window`` and run the event loop until it has painted and gone idle; seconds since start."""
    from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer

    state: dict[str, Any] = {"painted": False, "ready": None}

    class PaintWatch(QObject):
        # On the window alone (its own paint comes first in a repaint, its children's in the
        # same pass before the loop idles): an application-wide filter would run Python for
        # every event of every widget, a cost of the measuring that grows with the window.
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if not state["painted"] and event.type() == QEvent.Type.Paint:
                state["painted"] = True
            return False

    def idle() -> None:
        if state["painted"] and state["ready"] is None:
            state["ready"] = time.perf_counter() - _STARTED
            app.exit(0)

    watch = PaintWatch()
    window.installEventFilter(watch)
    dispatcher = QAbstractEventDispatcher.instance()
    dispatcher.aboutToBlock.connect(idle)
    QTimer.singleShot(int(_TIMEOUT_S * 1000), lambda: app.exit(1))
    window.show()
    code = app.exec()
    dispatcher.aboutToBlock.disconnect(idle)
    window.removeEventFilter(watch)
    if code != 0 or state["ready"] is None:
        raise RuntimeError("the window never painted")
    return float(state["ready"])


def _bare() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.setWindowTitle("bare")
    return {"ready_s": _wait_ready(app, window)}


def _complete(data_dir: Path, user: str) -> tuple[dict[str, Any], Any, Any]:
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window

    window = create_main_window(data_dir, user)
    app = QApplication.instance()
    built = time.perf_counter() - _STARTED
    ready = _wait_ready(app, window)
    return {"built_s": built, "ready_s": ready}, app, window


_TYPED = "44010"  # the start of an ID number, typed before the data is open


def _app(data_dir: Path, user: str) -> dict[str, Any]:
    """The window as it first appears; then whether it is usable: typing kept, loop not held up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import open_main_window

    window: Any = open_main_window(data_dir, user)  # a MainWindow
    app: Any = QApplication.instance()
    built = time.perf_counter() - _STARTED
    ready = _wait_ready(app, window)
    _emit({"mode": "app", "built_s": built, "ready_s": ready})  # the parent's clock stops here
    # Not timed from here on: what a person at the counter would find in that window.
    from PySide6.QtTest import QTest

    focus = app.focusWidget()
    focus_name = focus.objectName() if focus is not None else ""
    data_open_when_ready = window.workspace is not None
    before = focus.text() if hasattr(focus, "text") else ""  # a draft left by an earlier start
    if focus is not None:
        QTest.keyClicks(focus, _TYPED)
    state: dict[str, Any] = {"opened": window.workspace is not None and window.sync is not None, "stall": 0.0}
    window.opened.connect(lambda: state.update(opened=True, at=time.perf_counter() - _STARTED))
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        state["stall"] = max(state["stall"], now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    ticker.start()
    deadline = time.perf_counter() + _TIMEOUT_S
    while not state["opened"] and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    if not state["opened"]:
        raise RuntimeError("the data folder never opened behind the window")
    kept = window.findChild(type(focus), "intake.id_number") if focus is not None else None
    typed_kept = kept is not None and kept.text() == before + _TYPED
    if window.intake_page is not None:
        window.intake_page.new_case()  # no draft left behind for the next start to restore
    return {"data_ready_s": state.get("at", ready),
            "data_open_when_ready": data_open_when_ready, "focus": focus_name, "typed_kept": typed_kept,
            "longest_stall_ms": state["stall"] * 1000}


def _signin(data_dir: Path) -> dict[str, Any]:
    """Run the program's own start; its sign-in dialog, instead of waiting for a person, reports."""
    from desktop.views import login_dialog

    def report(dialog: Any) -> int:
        from PySide6.QtWidgets import QApplication

        _emit({"mode": "signin", "ready_s": _wait_ready(QApplication.instance(), dialog),
               "store_open_when_shown": dialog.store is not None})
        os._exit(0)  # the folder is still opening on its thread: nothing to wait for

    login_dialog.LoginDialog.exec = report  # type: ignore[method-assign]
    from desktop.__main__ import main as program

    program(["--data-dir", str(data_dir)])
    raise RuntimeError("the program ended without showing its sign-in")


def _scroll_all(app: Any, window: Any) -> dict[str, Any]:
    """The search page listing every case, fetched page by page and scrolled to the bottom."""
    window.show_search()
    page = window.search_page
    model, view = page.model, page.results
    started = time.perf_counter()
    deadline = started + 3600
    while time.perf_counter() < deadline:
        app.processEvents()
        if model.loading:
            time.sleep(0.0005)  # the page is being read on the worker thread
            continue
        view.scrollToBottom()
        app.processEvents()
        if model.exhausted:
            break
        if model.canFetchMore():  # the view asks by itself when scrolled to the bottom; ask if it did not
            model.fetchMore()
    else:
        raise RuntimeError("the case list did not finish loading")
    for _ in range(5):
        app.processEvents()
    from desktop.models.case_queries import PAGE_SIZE

    rows = model.rowCount()
    bar = view.verticalScrollBar()
    return {"rows": rows, "pages": -(-rows // PAGE_SIZE), "load_s": time.perf_counter() - started,
            "scrolled_to_last": bar.value() == bar.maximum()
            and view.rowAt(view.viewport().height() - 1) in (rows - 1, -1)}


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = argv[0]
    if mode == "signin":
        _signin(Path(argv[1]))  # reports and exits from inside the program
    if mode == "bare":
        payload = _bare()
    elif mode == "app":
        payload = _app(Path(argv[1]), argv[2])
    elif mode == "counter":
        from bench.counter_probe import run as counter

        payload = counter(Path(argv[1]), argv[2], int(argv[3]))
    elif mode in ("complete", "rss"):
        data_dir, user = Path(argv[1]), argv[2]
        payload, app, window = _complete(data_dir, user)
        payload["rss_window_kb"] = _memory_kb().get("VmRSS", 0)
        if mode == "rss":
            payload |= _scroll_all(app, window)
    else:
        raise SystemExit(f"unknown probe mode {mode!r}")
    memory = _memory_kb()
    payload |= {"mode": mode, "peak_rss_kb": memory.get("VmHWM", 0), "rss_kb": memory.get("VmRSS", 0),
                "platform": os.environ.get("QT_QPA_PLATFORM", "")}
    _emit(payload)
    # No teardown: the parent has its figure, and a million-row model takes seconds to free.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
