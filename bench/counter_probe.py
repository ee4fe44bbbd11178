"""The child side of the counter latency scenario (issue 16.13): ``python -m bench.probe counter DATA_DIR USER N``.

A fresh process opens the main window over the data folder signed in as USER (a clerk), a PDF file
printer standing in for the default printer (the window's seam), and waits while the window warms
reportlab and the fonts after sign-in, as at the start of a day.  Then N applicants the registry knows
and who have no case yet come to the counter, one after another: their ID number typed key by key,
the registry's data and the verdict awaited, the account and the bank typed, the materials ticked,
F9.  For each F9 it times the receipt "handed to the printer": from the key to the end of the print
job on the print thread (``QPainter.end()`` returned, the spool file written), the day's first
included.  All along, a 5 ms timer on the GUI thread records the longest gap between its ticks: the
longest the window could not answer a key (the stall probe).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

KEY_GAP_MS = 40  # between typed keys: a fast typist
TICK_MS = 5
_TIMEOUT_S = 60.0


def _luhn_account(seed: int) -> str:
    """A bank card number that passes the Luhn check, different for each applicant."""
    body = f"622202{seed:012d}"
    total = 0
    for i, ch in enumerate(reversed(body)):
        digit = int(ch)
        if i % 2 == 0:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return body + str((10 - total % 10) % 10)


def candidates(data_dir: Path, limit: int) -> list[str]:
    """ID numbers of registry workers with a recent certificate and enough contributions, no case yet."""
    from sqlalchemy import exists, select

    from desktop.models.schema import Case, RegistryCertificate, RegistryInsured
    from desktop.models.store import open_store

    store = open_store(data_dir)
    try:
        since = store.clock.today() - dt.timedelta(days=300)
        with store.session(readonly=True) as session:
            query = (select(RegistryInsured.id_number)
                     .join(RegistryCertificate, RegistryCertificate.id_number == RegistryInsured.id_number)
                     .where(RegistryInsured.contribution_months >= 36, RegistryCertificate.issue_date >= since,
                            RegistryInsured.insured_region == store.office_code,
                            ~exists().where(Case.id_number == RegistryInsured.id_number))
                     .limit(limit * 20))
            return list(dict.fromkeys(session.scalars(query)))
    finally:
        store.close()


class _Stalls:
    """The stall probe: the longest gap between the ticks of a 5 ms timer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.step = ""  # what the counter is doing: the longest gap of each step is kept apart
        self.by_step: dict[str, float] = {}
        self._last: float | None = None
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            gap = (now - self._last) * 1000
            self.gaps.append(gap)
            self.by_step[self.step] = max(gap, self.by_step.get(self.step, 0.0))
        self._last = now

    def start(self) -> None:
        self._last = None
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def _wait(app: Any, check: Any, what: str, timeout: float = _TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the window never got there: {what}")
        app.processEvents()
        time.sleep(0.001)


def _type(app: Any, widget: Any, text: str) -> None:
    """Key by key, the event loop turning between keys as it does under a person's fingers."""
    from PySide6.QtTest import QTest

    widget.setFocus()
    for char in text:
        QTest.keyClicks(widget, char)
        until = time.perf_counter() + KEY_GAP_MS / 1000
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.001)


def run(data_dir: Path, user: str, count: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_main_window

    people = candidates(data_dir, count)
    if not people:
        raise RuntimeError("no registry worker without a case is eligible in this folder")
    window: Any = create_main_window(data_dir, user)
    app: Any = QApplication.instance()
    try:
        return _at_the_counter(app, window, people, count)
    finally:
        window.close()  # its threads stopped: a failure is reported, not a crash at exit


def _at_the_counter(app: Any, window: Any, people: list[str], count: int) -> dict[str, Any]:
    import json

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from desktop.views.direct_print import file_printer

    printed_dir = Path(tempfile.mkdtemp(prefix="zhanchi-printer-"))
    window.delivery.printer_factory = file_printer(printed_dir / "job.pdf")
    shown = time.perf_counter()
    window.show()
    stalls = _Stalls()
    stalls.start()  # the warm-up's own effect on the window, reported apart
    _wait(app, lambda: not window.delivery.print_runner.busy, "reportlab and the fonts warmed")
    warm_s = time.perf_counter() - shown
    stalls.stop()
    warm_gaps = stalls.gaps
    page = window.intake_page
    form = page.form
    delivered: list[float] = []
    window.delivery.delivered.connect(lambda _issued, delivery: delivered.append(time.perf_counter())
                                      if delivery.sent else None)
    stalls = _Stalls()
    print_ms: list[float] = []
    skipped = 0
    stalls.start()
    for k, id_number in enumerate(people):
        if len(print_ms) >= count:
            break
        stalls.step = "new case, ID typed, registry lookup and verdict"
        page.new_case()
        _type(app, form.id_number, id_number)
        _wait(app, lambda: bool(form.cert_number.text()) and page.checklist.count() > 0, "the registry's data")
        text = window.findChild(QWidget, "verify.result").accessibleDescription()
        if not text or not json.loads(text)["eligible"]:
            skipped += 1
            continue
        stalls.step = "account typed, materials ticked"
        _type(app, form.payment_account, _luhn_account(k))
        _type(app, form.bank_name, "ICBC")
        _wait(app, lambda: page._assessment is not None and page.checklist.count() > 0, "the verdict")
        for row in range(page.checklist.count()):
            item = page.checklist.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked)
        _wait(app, lambda: page._assessment is not None and not page._timer.isActive(), "the ticks verified")
        stalls.step = "F9 to the receipt at the printer"
        before = len(delivered)
        pressed = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_F9)
        _wait(app, lambda b=before: len(delivered) > b, "the receipt at the printer")
        print_ms.append((delivered[-1] - pressed) * 1000)
    stalls.stop()
    if not print_ms:
        raise RuntimeError(f"none of {len(people)} registry workers was eligible")
    jobs = sorted(printed_dir.glob("job*.pdf"))
    job_bytes = sum(p.stat().st_size for p in jobs)
    shutil.rmtree(printed_dir, ignore_errors=True)  # the "paper": counted, then thrown away
    window.intake_page.new_case()
    return {"print_ms": print_ms, "gaps_ms": stalls.gaps,
            "longest_gap_by_step_ms": stalls.by_step, "warm_gaps_ms": warm_gaps, "warm_s": warm_s,
            "skipped": skipped, "jobs": len(jobs), "job_bytes": job_bytes}
