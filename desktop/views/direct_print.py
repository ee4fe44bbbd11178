"""F9 prints the receipt straight to the default printer (issue 16.12).

The issued PDF (the document of record) is rasterised page by page and painted on a ``QPrinter``
for the system's default printer (``QPrinterInfo.defaultPrinter``), on a thread of its own: the
database worker is not held up and the window keeps answering.  Each page is rendered and painted
in bands of a few rows: a PySide call holds Python's lock for its whole length, and a whole A4
page in one call held the window up for 180 ms; a band takes a few.  For the first ``GENTLE_S``
of a job — while the window clears the form for the next applicant, right after F9 — the print
thread sleeps a millisecond after every band, so the window's thread gets the lock between two
(without the pause the window waited 60 ms at times); after it, the thread only offers the lock
(``sleep(0)``) and the job ends sooner.  Blank bands are rendered but not painted (most of a
receipt is paper).  Pages are rendered at 200 dpi at most: a thermal
receipt printer's own resolution, and plain for a laser's A4.

The job is "sent" when ``QPainter.end()`` returned with every page painted: the spooler has it.
No printer installed, or one that refuses the job, is a ``Delivery`` not sent, with the reason in
words; the window then previews the document and says so.  ``printer_factory`` is the seam: tests
and the benchmark put a PDF file printer (``file_printer``) where the default printer would be.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QPoint,
    QRect,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.devices.printing import Delivery
from desktop.models.errors import ZhanchiError
from desktop.views.i18n import QT_TRANSLATE_NOOP

PrinterFactory = Callable[[], "QPrinter | None"]
BAND_ROWS = 48  # rows rendered per call: a few ms each
YIELD_S = 0.001
GENTLE_S = 0.08  # the window's own work after F9 (the form cleared and painted again)
MAX_DPI = 200  # what a receipt needs (a thermal head is 203 dpi); finer only costs time at the spooler
PAPER_FORMAT = QImage.Format.Format_RGB32
_CONTEXT = "DirectPrint"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def default_printer() -> QPrinter | None:
    """The system's default printer, or None when none is installed (no CUPS, no printer set up)."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def file_printer(path: Path) -> PrinterFactory:
    """A printer writing PDF files: ``path``, then ``path``-2, -3, ... (a job each). For tests."""
    count = [0]

    def make() -> QPrinter:
        count[0] += 1
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        target = path if count[0] == 1 else path.with_name(f"{path.stem}-{count[0]}{path.suffix}")
        printer.setOutputFileName(str(target))
        return printer

    return make


def _blank(image: QImage) -> bool:
    """Nothing drawn in this band (the renderer leaves the paper transparent)."""
    data = bytes(image.constBits())
    return data == bytes(len(data))


def _on_paper(band: QImage) -> QImage:
    """The band over white paper, without its alpha channel: a printer (and a PDF spool file) takes
    an opaque image faster than one with a transparency mask (100 against 140 ms for a two-page
    A4 receipt here)."""
    paper = QImage(band.size(), PAPER_FORMAT)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, band)
    painter.end()
    return paper


def open_pdf(document: QPdfDocument, path: Path, parent: QObject | None = None) -> QBuffer:
    """Load the document at ``path`` into ``document`` from memory: a document in the data folder is
    sealed (``models.sealed``) and never written out in clear.  Keep the returned buffer as long as the
    document.  ``OSError`` (or ``StorageError``) when it cannot be read."""
    from desktop.models.sealed import read_document

    buffer = QBuffer(parent)
    buffer.setData(QByteArray(read_document(path)))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def print_pdf(path: Path, printer: QPrinter, title: str) -> int:
    """Paint every page of the PDF at ``path`` on ``printer``; the number of pages. ``OSError`` when
    the printer cannot start or finish the job."""
    gentle_until = time.perf_counter() + GENTLE_S
    document = QPdfDocument()
    buffer: QBuffer | None = None
    try:
        try:
            buffer = open_pdf(document, path)
        except ZhanchiError as exc:
            raise OSError(str(exc)) from exc
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise OSError(_tr(QT_TRANSLATE_NOOP("DirectPrint", "文书文件无法读取：%1")).replace("%1", path.name))
        printer.setDocName(title)
        printer.setFullPage(True)
        _fit_page(printer, document, 0)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(_tr(QT_TRANSLATE_NOOP("DirectPrint", "打印机无法开始打印")))
        try:
            for page in range(document.pageCount()):
                if page:
                    _fit_page(printer, document, page)
                    if not printer.newPage():
                        raise OSError(_tr(QT_TRANSLATE_NOOP("DirectPrint", "打印机无法换页")))
                _paint_page(painter, printer, document, page, gentle_until)
        finally:
            ended = painter.end()
        if not ended:
            raise OSError(_tr(QT_TRANSLATE_NOOP("DirectPrint", "打印任务未能送达打印机")))
        return document.pageCount()
    finally:
        document.close()
        if buffer is not None:
            buffer.close()


def _fit_page(printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """The paper of the PDF's page (A4, or the 80 mm roll as long as the receipt)."""
    points = document.pagePointSize(page)
    size = QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int,
                gentle_until: float) -> None:
    points = document.pagePointSize(page)
    dpi = min(printer.resolution(), MAX_DPI)
    width, height = round(points.width() * dpi / 72), round(points.height() * dpi / 72)
    scale = printer.resolution() / dpi
    painter.save()
    painter.scale(scale, scale)
    try:
        for top in range(0, height, BAND_ROWS):
            rows = min(BAND_ROWS, height - top)
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(QSize(width, height))
            options.setScaledClipRect(QRect(0, top, width, rows))
            band = document.render(page, QSize(width, rows), options)
            if not _blank(band):
                painter.drawImage(QPoint(0, top), _on_paper(band))
            time.sleep(YIELD_S if time.perf_counter() < gentle_until else 0)
    finally:
        painter.restore()


def send(path: Path, title: str, factory: PrinterFactory) -> Delivery:
    """The whole job, for the print thread: the printer, the pages, the outcome (never raises)."""
    try:
        printer = factory()
    except Exception as exc:  # noqa: BLE001 - a printer driver's failure is an outcome, said in words
        return Delivery(False, reason=_tr(QT_TRANSLATE_NOOP("DirectPrint", "打印机不可用：")) + str(exc))
    if printer is None:
        return Delivery(False, reason=_tr(QT_TRANSLATE_NOOP("DirectPrint", "本机没有安装打印机")))
    name = printer.printerName() or printer.outputFileName()
    try:
        pages = print_pdf(path, printer, title)
    except OSError as exc:
        return Delivery(False, printer=name, reason=str(exc))
    return Delivery(True, printer=name, pages=pages)
