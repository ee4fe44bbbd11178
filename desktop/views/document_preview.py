"""Preview an issued PDF (QtPdf) and print it to any installed printer (the system dialog).

The PDF is the document of record (its hash is in the audit trail); printing
renders its pages at the printer's resolution, so what is printed is what was
previewed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.models.errors import ZhanchiError
from desktop.views import direct_print


class DocumentPreview(QDialog):
    printed = Signal(str)  # the printer's name, once the job was handed to it (the audit records it)

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document.preview")
        self.setWindowTitle(title)
        self.resize(820, 720)
        self.path = path
        self.document = QPdfDocument(self)
        shown = str(path)
        try:  # sealed in the data folder: opened in memory, never written out in clear
            self._source: QBuffer | None = direct_print.open_pdf(self.document, path, self)
        except (OSError, ZhanchiError) as exc:
            self._source = None
            shown = self.tr("文书文件无法读取：") + str(exc)
        self.view = QPdfView(self)
        self.view.setObjectName("document.view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(shown)
        self.status.setObjectName("document.status")
        self.status.setWordWrap(True)
        print_button = QPushButton(self.tr("打印 (Ctrl+P)"))
        print_button.setObjectName("document.print")
        print_button.clicked.connect(self.print_document)
        close_button = QPushButton(self.tr("关闭 (Esc)"))
        close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(print_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            direct_print.print_pdf(self.path, printer, self.path.stem)  # as F9 prints: bands at 200 dpi
        except OSError as exc:
            self.status.setText(self.tr("打印失败：") + str(exc))
            return
        self.status.setText(self.tr("已送打印机：") + printer.printerName())
        self.printed.emit(printer.printerName() or printer.outputFileName())
