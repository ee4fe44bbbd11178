"""After sign-in, on the print thread: what the day's first applicant would otherwise wait for (16.13).

The counter imports its database and document layers where they are first used (the window shows
at once); the first F9 of the day would then pay for reportlab, the embedded fonts, the PDF renderer
and the print engine (about a second here), and the first lookups for the sync client and the rule
modules.  ``warm_up`` does all that while the clerk greets the first applicant: the modules imported,
one sample receipt rendered and printed to a file thrown away at once.  ``gc_guard.freeze`` then
leaves what the program has loaded so far out of the collector's full sweeps.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import tempfile
from pathlib import Path

# What an intake and its receipt import on first use (found by comparing sys.modules before and
# after a benchmark's first applicant).
MODULES = (
    "desktop.models.application", "desktop.models.intake", "desktop.models.shared_sources",
    "desktop.models.workdays", "desktop.documents.case_documents", "desktop.documents.receipt",
    "desktop.documents.notice", "desktop.devices.printing", "desktop.sync.status", "desktop.sync.lookup",
    "desktop.sync.engine",
)


_done: set[str] = set()  # per process: what is loaded stays loaded (a second window, a change of user)


def warm_up(paper: str = "a4") -> None:
    if paper in _done:
        return
    for name in MODULES:
        importlib.import_module(name)
    from desktop.models.pooling import region_list
    from desktop.models.reference import occupations, regions

    region_list(), occupations(), regions()  # the reference tables the form's checks read on first use
    from desktop.documents.data import Office, ReceiptData
    from desktop.documents.fonts import register_fonts
    from desktop.documents.receipt import render_receipt
    from desktop.views.direct_print import file_printer, send

    register_fonts()
    sample = ReceiptData(
        office=Office(code="440100", name="公共就业服务大厅", address="", phone="", progress_hint=""),
        case_no="440100-TEST-20260101-0001", lookup_code="ABCD2345", applicant_name="样例",
        id_number="11010519491231002X", certificate_number="S000144000123174000056",
        certificate_kind="skill_level", level=4, occupation_code="6-18-01-01", occupation_name="车工",
        amount_yuan=1500, materials_received=["技能提升补贴申请表"], review_deadline=dt.date(2026, 1, 30),
        review_deadline_provisional=False, clerk_name="样例", accepted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        provisional=False, reprint_count=0, policy_label="样例", public_url="https://example.gov.cn")
    out = io.BytesIO()
    render_receipt(sample, out, format=paper if paper in ("a4", "80mm") else "a4")  # type: ignore[arg-type]
    # The whole print path once, into a file that is thrown away: the PDF renderer, the print engine.
    with tempfile.TemporaryDirectory(prefix="zhanchi-warm-") as folder:
        sample_pdf = Path(folder) / "sample.pdf"
        sample_pdf.write_bytes(out.getvalue())
        send(sample_pdf, "warm-up", file_printer(Path(folder) / "printed.pdf"))
    _done.add(paper)
