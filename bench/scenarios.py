"""The scenarios that run inside the benchmark's own process, over the big data folder.

Each returns ``(value, details)``: the key's figure and what a reader needs to
trust it (how many samples, percentiles, what exactly was timed).  Every call
timed is the app's own public function; nothing here re-implements a query.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.data import OFFICE, BigFolder, Sample
from bench.measure import median, percentile, rounded, samples_ms, summary, timed_ms
from bench.population import person
from desktop.models.application import Application, Certificate
from desktop.models.clock import Clock
from desktop.models.rules import Verifier
from desktop.models.store import Store, open_store

# --- verify_p95_ms ------------------------------------------------------------------------------


def _application(j: int, today: dt.date) -> Application:
    """Person ``j`` applying today with the registered certificate, as the intake form fills it."""
    p = person(j)
    issued = today - dt.timedelta(days=p.issued_days_ago)
    return Application(
        applicant_name=p.name, id_number=p.id_number,
        insured_region=p.insured_region, application_region=OFFICE, contribution_months=p.months,
        receiving_unemployment_benefit=p.benefit,
        certificate=Certificate(p.cert_number, p.cert_kind, p.level, p.occupation_code, issued, p.occupation_name),
        application_date=today,
    )


def verify(store: Store, verifier: Verifier, info: BigFolder, count: int) -> tuple[float, dict[str, Any]]:
    """``intake.assess`` (the ledger lookup, the rules, the checklist) of ``count`` applications:
    half by applicants who have a case (their ledger holds it: the duplicate rule has priors to
    weigh), half by registry workers picked at random."""
    from desktop.models.intake import assess

    today = store.clock.today()
    with_case = [s.person_j for s in info.samples]
    others = [(k * 7_919 + 13) % info.registry for k in range(count)]
    people = [with_case[k % len(with_case)] if k % 2 == 0 else others[k] for k in range(count)]
    apps = [_application(j, today) for j in people]
    times = samples_ms(lambda app: assess(store, verifier, app), apps)
    eligible = sum(assess(store, verifier, app).verdict.eligible for app in apps[:200])
    details = summary(times) | {"what": "desktop.models.intake.assess: ledger lookup, every rule, the checklist",
                                "eligible_in_first_200": eligible}
    return percentile(times, 95), details


# --- receipt_ms ---------------------------------------------------------------------------------


def receipt(store: Store, verifier: Verifier, info: BigFolder, count: int) -> tuple[float, dict[str, Any]]:
    """``render_receipt`` (A4, with its QR code) of a real accepted case's data, into memory."""
    from desktop.documents.case_documents import receipt_data
    from desktop.documents.fonts import register_fonts
    from desktop.documents.receipt import render_receipt
    from desktop.models.case_queries import search_records
    from desktop.models.cases import State, get_case

    register_fonts()  # once, as the app does at its first print
    case = None
    for sample in info.samples:
        found = get_case(store, sample.case_no)
        if found.accepted_at is not None and found.state not in (State.rejected, State.withdrawn):
            case = found
            break
    if case is None:  # a tiny scale may have no accepted case among the samples
        case = next(c for c in search_records(store, "", limit=500) if c.accepted_at is not None)
    with store.session(readonly=True) as session:
        data = receipt_data(session, store, verifier, case, reprint=0, printed_at=store.clock.now())
    sizes: list[int] = []

    def render(_: int) -> None:
        out = io.BytesIO()
        render_receipt(data, out, format="a4")
        sizes.append(len(out.getvalue()))

    times = samples_ms(render, list(range(count)))
    details = summary(times) | {"what": "desktop.documents.receipt.render_receipt, A4 with QR code, font registered "
                                        "once", "pdf_kb": round(sizes[-1] / 1024, 1), "case_no": case.case_no}
    return median(times), details


# --- search_p95_ms ------------------------------------------------------------------------------


def _search_texts(samples: list[Sample]) -> list[tuple[str, str]]:
    """(kind, text): the ID number, the case number, or a name as it is typed (first character,
    first two, the whole name: the search runs while the clerk types), in equal shares."""
    texts = []
    for k, s in enumerate(samples):
        if k % 3 == 0:
            texts.append(("id_number", s.id_number))
        elif k % 3 == 1:
            texts.append(("case_no", s.case_no))
        else:
            length = (1, 2, len(s.name))[(k // 3) % 3]
            texts.append((f"name_prefix_{'full' if length == len(s.name) else length}", s.name[:length]))
    return texts


def search(store: Store, info: BigFolder, count: int) -> tuple[float, dict[str, Any]]:
    """``case_queries.search_page`` (the first page of 200, as the search box asks it)."""
    from desktop.models.case_queries import search_page

    texts = _search_texts(info.samples[:count])
    found: dict[str, int] = {}

    def run(item: tuple[str, str]) -> None:
        rows, _ = search_page(store, item[1])
        found[item[0]] = found.get(item[0], 0) + (1 if rows else 0)

    times = samples_ms(run, texts)
    by_kind: dict[str, list[float]] = {}
    for (kind, _), ms in zip(texts, times, strict=True):
        by_kind.setdefault(kind, []).append(ms)
    details = summary(times) | {
        "what": "desktop.models.case_queries.search_page, first page (200 rows), by ID number, case number and "
                "name prefix (1 character, 2 characters, the whole name) in equal shares",
        "by_kind": {kind: summary(ms) | {"with_results": found.get(kind, 0)} for kind, ms in sorted(by_kind.items())},
    }
    return percentile(times, 95), details


# --- daily_summary_ms -----------------------------------------------------------------------------


def _summary_day(clock: Clock) -> dt.date:
    """The last complete working day (the figures of a full day at the counter)."""
    day = clock.today() - dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def daily_summary(store: Store, verifier: Verifier, runs: int) -> tuple[float, dict[str, Any]]:
    """``reports.daily_summary`` of the last complete working day, ``runs`` times (the first, colder,
    is reported apart; the key is the median)."""
    from desktop.models.reports import daily_summary as summarise

    day = _summary_day(store.clock)
    result: list[Any] = []
    times = [timed_ms(lambda: result.append(summarise(store, day, verifier=verifier))) for _ in range(runs)]
    figures = result[-1]
    details = summary(times) | {
        "what": "desktop.models.reports.daily_summary (audit-trail transitions of the day, received cases, "
                "overdue reviews, sync and risk figures)",
        "day": day.isoformat(), "first_ms": round(times[0], 1),
        "received": figures["received"].count, "accepted": figures["accepted"].count,
        "approved": figures["approved"].count, "paid": figures["paid"].count,
        "overdue_reviews": figures.overdue_count,
    }
    return median(times), details


# --- screening_1m_s -------------------------------------------------------------------------------


def screening(store: Store, verifier: Verifier, runs: int) -> tuple[float | None, dict[str, Any], str | None]:
    """``outreach.screen`` of the whole registry copy for today, ``runs`` times, median."""
    try:
        from desktop.models.outreach import screen
    except ImportError as exc:
        return None, {}, f"screening_1m_s: desktop.models.outreach is not importable ({exc}); not measured"
    result: list[Any] = []
    gc.collect()
    times = [timed_ms(lambda: result.append(screen(store, verifier))) / 1000 for _ in range(runs)]
    found = result[-1]
    details = {"runs": runs, "seconds": [round(t, 2) for t in times],
               "what": "desktop.models.outreach.screen over the whole registry copy, today",
               "candidates_after_sql": found.candidates, "eligible_rows": len(found.rows)}
    return median(times), details, None


# --- import_ratio ---------------------------------------------------------------------------------


def _fresh_store(folder: Path) -> Store:
    if folder.exists():
        shutil.rmtree(folder)
    return open_store(folder, office_code=OFFICE)


def _raw_rate(folder: Path, kind: str, bound: list[tuple[Any, ...]], *, plain: bool = False) -> float:
    """rows/s of one raw ``executemany`` INSERT of the ready rows, one transaction, same pragmas, into
    the encrypted database as the program has it; ``plain``: into an unencrypted copy of its schema
    through the standard library's ``sqlite3`` (what the encryption costs, issue 20.1)."""
    from desktop.models.database import open_database
    from desktop.models.registry import _TABLES
    from desktop.models.registry_files import COLUMNS
    from desktop.models.store import SCAN_CACHE_KIB

    store = _fresh_store(folder)
    db = store.path
    store.close()
    if plain:
        plain_db = folder / "plain.db"
        export = open_database(db, isolation_level=None)
        try:
            export.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain_db),))
            export.execute("SELECT sqlcipher_export('plain')").fetchall()
            export.execute("DETACH DATABASE plain")
        finally:
            export.close()
    table = _TABLES[kind].name  # type: ignore[index]
    columns = (*COLUMNS[kind], "updated_at")  # type: ignore[index]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn = sqlite3.connect(plain_db, isolation_level=None) if plain else open_database(db, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA journal_mode=WAL").fetchall()
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA cache_size=-{SCAN_CACHE_KIB}")  # the import's page cache (registry._write)
        gc.collect()
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, bound)
        conn.execute("COMMIT")
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    return len(bound) / seconds


def _import_rate(folder: Path, registry_file: Any, as_of: dt.datetime) -> float:
    from desktop.models.registry import import_registry

    store = _fresh_store(folder)
    try:
        gc.collect()
        started = time.perf_counter()
        report = import_registry(store, registry_file, as_of=as_of)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    if report.inserted != len(registry_file.rows):
        raise RuntimeError(f"import wrote {report.inserted} rows of {len(registry_file.rows)}")
    return len(registry_file.rows) / seconds


def import_ratio(work: Path, files: dict[str, Path]) -> tuple[float, dict[str, Any]]:
    """Registry import rows/s, from the file to the table (``read_registry``: parse and check every
    row; ``import_registry``: write them), over raw ``executemany`` rows/s of the same ready rows
    into the same table of a fresh store (both encrypted with the store's key; the details also give
    the raw rate into an unencrypted copy, and the share the encryption takes).  The writing half
    alone is timed twice, alternating with
    the raw insert, best of each; the reading half once.  The key is the lower of the two
    registries' ratios (the certificates table has two more indexes); each is in the details,
    with the writing half's own ratio."""
    from desktop.models.registry import _bound
    from desktop.models.registry_files import read_registry

    clock = Clock()
    details: dict[str, Any] = {"what": "file to table: desktop.models.registry_files.read_registry (parse and check "
                                       "every row) then desktop.models.registry.import_registry, vs one raw SQLCipher "
                                       "executemany INSERT of the same ready rows into the same empty table (same "
                                       "indexes, same pragmas); fresh store for every run; the lower ratio of the "
                                       "two registries"}
    ratios: dict[str, float] = {}
    for kind, path in files.items():
        started = time.perf_counter()
        registry_file = read_registry(path, kind, today=clock.today())  # type: ignore[arg-type]
        read_s = time.perf_counter() - started
        if registry_file.errors:
            raise RuntimeError(f"the generated {kind} file has errors: {registry_file.errors[:3]}")
        as_of = clock.now()
        from desktop.models.schema import utc_text

        bound = list(_bound(kind, registry_file.rows, utc_text(as_of)))  # type: ignore[arg-type]
        raw, imported = [], []
        for _ in range(2):
            raw.append(_raw_rate(work / f"raw-{kind}", kind, bound))
            imported.append(_import_rate(work / f"import-{kind}", registry_file, as_of))
        raw_plain = _raw_rate(work / f"raw-{kind}", kind, bound, plain=True)
        shutil.rmtree(work / f"raw-{kind}", ignore_errors=True)
        shutil.rmtree(work / f"import-{kind}", ignore_errors=True)
        rows = len(registry_file.rows)
        end_to_end = rows / (read_s + rows / max(imported))
        ratios[kind] = end_to_end / max(raw)
        details[kind] = {
            "rows": rows, "read_and_import_rows_per_s": round(end_to_end), "raw_rows_per_s": round(max(raw)),
            "ratio": round(ratios[kind], 3), "read_registry_rows_per_s": round(rows / read_s),
            "import_rows_per_s": round(max(imported)), "import_only_ratio": round(max(imported) / max(raw), 3),
            "raw_unencrypted_rows_per_s": round(raw_plain),
            "encryption_cost": round(1 - max(raw) / raw_plain, 3),  # share of the raw rate the encryption takes
        }
        del registry_file, bound
        gc.collect()
    return min(ratios.values()), details


__all__ = ["daily_summary", "import_ratio", "receipt", "rounded", "screening", "search", "verify"]
