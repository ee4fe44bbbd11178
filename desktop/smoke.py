"""``zhanchi --smoke``: does this installation work?  (CONTRACTS.md, "Building the bundle".)

Run from a source checkout (``python -m desktop --smoke``) or from the bundle
(``dist/zhanchi/zhanchi --smoke``), it exercises what a bundle most often gets
wrong — a module, a Qt plugin or a data file left out — without touching the
office's data:

1. a fresh temporary data folder: created, migrated (Alembic scripts read from
   disk), a staff account made;
2. a verify round-trip: a ``verify`` input document (the JSON of CONTRACTS.md)
   parsed, verified against the shipped policies and holidays, the verdict
   through JSON and back, equal to verifying the same case directly;
3. that case filed and accepted, and its receipt printed as a PDF with the
   embedded CJK font (reportlab, the QR code), then opened with QtPdf;
4. the main window over that folder, signed in, shown before its data and then
   filled in as the folder opens on its thread, its background worker answering,
   the application font loaded, the translations loadable, then closed;
5. the audit trail of all that verifies.

It prints one line, ``smoke ok: ...``, and returns 0; on any failure one line
``smoke failed: ...`` on stderr and 1.  It needs no display: unless
``QT_QPA_PLATFORM`` is set it uses Qt's ``offscreen`` platform (set it to
``xcb``/``wayland``/``windows`` to try the real one).  The folder is removed at
the end.  ``ZHANCHI_SMOKE_TRACEBACK=1`` adds the traceback of a failure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

SMOKE_USER = "smoke"
_WINDOW_SECONDS = 0.5  # events processed with the window shown
_WORKER_TIMEOUT_S = 20.0
# Harmless on the offscreen platform (pyproject's qt_log_ignore says the same for the tests).
_HARMLESS_QT = ("This plugin does not support",)


class SmokeFailure(Exception):
    """A check that did not hold (as opposed to an exception from the code under test)."""


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def _verify_input(person: Any, application_date: dt.date) -> dict[str, Any]:
    """The ``verify`` input document (CONTRACTS.md) for a demo person."""
    return {
        "applicant": {"name": person.name, "id_number": person.id_number},
        "insured_region": "440100",
        "application_region": "440100",
        "contribution_months": person.months,
        "receiving_unemployment_benefit": person.benefit,
        "certificate": {
            "number": person.cert_number,
            "kind": "skill_level",
            "level": person.level,
            "occupation_code": person.occupation_code,
            "occupation_name": person.occupation_name,
            "issue_date": person.issue_date.isoformat(),
        },
        "application_date": application_date.isoformat(),
        "employer": {"name": person.employer_name, "uscc": person.employer_uscc},
    }


def _core(folder: Path) -> dict[str, Any]:
    """Steps 1-3: store, verify round-trip, case, receipt.  No Qt yet."""
    from desktop.documents.case_documents import issue_receipt
    from desktop.models import demo
    from desktop.models.application import parse_application
    from desktop.models.clock import Clock
    from desktop.models.intake import file_case
    from desktop.models.rules import Verifier
    from desktop.models.staff import Role, create_staff
    from desktop.models.store import HEAD_REVISION, open_store

    clock = Clock()
    store = open_store(folder, clock=clock)
    try:
        with store.engine.connect() as conn:
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        _check(revision == HEAD_REVISION, f"database at revision {revision}, expected {HEAD_REVISION}")
        clerk = create_staff(store, actor=None, username=SMOKE_USER, display_name="冒烟测试", role=Role.clerk,
                             office_code=demo.DEMO_OFFICE, password=secrets.token_urlsafe(18))
        verifier = Verifier.load(folder)
        today = clock.today()
        person = next(p for p in demo.people(50, today)
                      if verifier.verify(demo.intake_for(p, today).application).eligible)
        intake = demo.intake_for(person, today)

        direct = verifier.verify(intake.application).to_json()
        document = json.loads(json.dumps(_verify_input(person, today), ensure_ascii=False))
        verdict = json.loads(json.dumps(verifier.verify(parse_application(document)).to_json(), ensure_ascii=False))
        _check(verdict == direct, "verify round-trip: the verdict from the JSON input differs")
        _check(verdict["eligible"] and verdict["amount_yuan"] > 0, f"verify: sample case not eligible: {verdict}")
        rules = {check["rule"] for check in verdict["checks"]}
        _check({"id_number", "contribution_months", "certificate_level"} <= rules, f"verify: rules missing: {rules}")

        record, _ = file_case(store, verifier, clerk, intake, accept=True,
                              received=["application_form", "payment_account"])
        pdf = folder / "smoke-receipt.pdf"
        started = time.perf_counter()
        issued = issue_receipt(store, verifier, clerk, record.id, pdf)
        receipt_ms = (time.perf_counter() - started) * 1000
        from desktop.models.sealed import is_sealed, read_document

        _check(is_sealed(pdf.read_bytes()), "receipt: not sealed in the data folder")  # issue 20.1
        data = read_document(pdf)
        _check(data.startswith(b"%PDF-"), "receipt: not a PDF")
        _check(b"/FontFile2" in data and b"+WenQuanYiMicroHei" in data, "receipt: the CJK font is not embedded")
        return {"case_no": issued.case_no, "amount": verdict["amount_yuan"], "policy": verdict["policy"],
                "pdf": pdf, "pdf_kb": len(data) / 1024, "receipt_ms": receipt_ms, "revision": revision}
    finally:
        store.close()


def _qt_messages(seen: list[str]) -> Any:
    """Route Qt's messages into ``seen`` and stderr, the known harmless ones nowhere.
    Returns the handler that was installed before (to put back)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message.startswith(_HARMLESS_QT):
            return
        seen.append(message)
        print(f"qt: {message}", file=sys.stderr, flush=True)

    return qInstallMessageHandler(handler)


def _wait(app: Any, condition: Any, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.01)
    return True


def _gui(folder: Path, pdf: Path) -> dict[str, Any]:
    """Step 4 (and QtPdf on the receipt): the window over ``folder``, shown and closed."""
    from PySide6.QtCore import QSize, qVersion
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.app import open_main_window

    started = time.perf_counter()
    window: Any = open_main_window(folder, SMOKE_USER)  # as it first appears, the folder opening behind it
    app = QApplication.instance()
    _check(isinstance(app, QApplication), "no QApplication")
    assert isinstance(app, QApplication)
    try:
        window.show()
        _check(_wait(app, window.isVisible, 5.0), "the main window did not show")
        _check(_wait(app, lambda: window.findChild(QWidget, "search.results") is not None, _WORKER_TIMEOUT_S),
               "main window: the data folder did not open behind it (no search.results)")
        # The worker thread answers (the status bar's sync figures come from it).
        runner = getattr(window, "runner", None)
        if runner is not None:
            _check(_wait(app, lambda: not runner.busy, _WORKER_TIMEOUT_S), "the background worker did not answer")
        _wait(app, lambda: time.perf_counter() - started > _WINDOW_SECONDS, _WINDOW_SECONDS + 1)
        window_s = time.perf_counter() - started
        family = app.font().family()
        _check("WenQuanYi" in family or "文泉" in family, f"the application font was not loaded (got {family!r})")

        languages = _translations()

        from desktop.views.direct_print import open_pdf

        document = QPdfDocument()
        source = open_pdf(document, pdf)  # sealed: opened in memory, as the window opens it
        status = document.status()
        _check(status == QPdfDocument.Status.Ready and document.pageCount() >= 1,
               f"QtPdf cannot open the receipt ({status})")
        image = document.render(0, QSize(300, 420))
        _check(not image.isNull(), "QtPdf cannot render the receipt")
        pages = document.pageCount()
        document.close()
        source.close()
    finally:
        window.close()
        workspace = getattr(window, "workspace", None)
        window.deleteLater()
        app.processEvents()
        if workspace is not None:
            workspace.close()
    return {"qt": qVersion(), "platform": app.platformName(), "window_s": window_s, "pages": pages,
            "languages": languages}


def _translations() -> list[str]:
    """Every interface language has its compiled catalogue (a bundle has no lrelease to make one),
    and Qt's own catalogue of the source language is there."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    from desktop.settings import LANGUAGES
    from desktop.views.i18n import SOURCE_LANGUAGE, compiled_catalogue

    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        qm = compiled_catalogue(language)
        _check(qm is not None and QTranslator().load(str(qm)), f"no loadable translation for {language} ({qm})")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _check(QTranslator().load(f"qtbase_{SOURCE_LANGUAGE}", folder), f"Qt's qtbase_{SOURCE_LANGUAGE} not in {folder}")
    # The window is in Chinese (the default): so are Qt's own dialogs, with what qtbase leaves out.
    for context, text in (("QPlatformTheme", "Cancel"), ("QFileDialog", "&Look in:")):
        shown = QCoreApplication.translate(context, text)
        _check(shown != text, f"Qt's own dialogs are not in Chinese: {text!r} stays {shown!r}")
    return sorted(LANGUAGES)


def _audit(folder: Path) -> int:
    from desktop.models import audit
    from desktop.models.store import open_store

    store = open_store(folder)
    try:
        with store.session(readonly=True) as session:
            report = audit.verify(session)
    finally:
        store.close()
    _check(report.ok, f"audit trail: {report.reason}")
    return report.checked


def run_smoke() -> int:
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="zhanchi-smoke-"))
    messages: list[str] = []
    handlers: list[Any] = []  # the Qt message handler to put back, once ours is in
    try:
        handlers.append(_qt_messages(messages))
        core = _core(folder)
        gui = _gui(folder, core["pdf"])
        entries = _audit(folder)
    except Exception as exc:  # noqa: BLE001 - the one line is the whole report
        if os.environ.get("ZHANCHI_SMOKE_TRACEBACK"):
            traceback.print_exc()
        text = " ".join(str(exc).split()) or type(exc).__name__
        kind = "" if isinstance(exc, SmokeFailure) else f"{type(exc).__name__}: "
        print(f"smoke failed: {kind}{text}", file=sys.stderr, flush=True)
        return 1
    finally:
        if handlers:
            from PySide6.QtCore import qInstallMessageHandler

            qInstallMessageHandler(handlers[0])
        with contextlib.suppress(Exception):  # its database key too (issue 20.1): no key left behind
            from desktop.models.keystore import forget_key

            forget_key(folder)
        shutil.rmtree(folder, ignore_errors=True)
    where = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"smoke ok: {where}, Python {sys.version.split()[0]}, Qt {gui['qt']} ({gui['platform']}), "
          f"schema {core['revision']}, case {core['case_no']} eligible {core['amount']} yuan ({core['policy']}), "
          f"receipt {core['pdf_kb']:.0f} KB {gui['pages']} page in {core['receipt_ms']:.0f} ms, "
          f"languages {'/'.join(gui['languages'])}, window {gui['window_s']:.1f} s, audit {entries} entries, "
          f"{len(messages)} Qt warning(s), {time.perf_counter() - started:.1f} s", flush=True)
    return 0
