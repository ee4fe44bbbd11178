"""A document issued at the counter goes to paper, or to the screen, and the audit says which (16.12).

``deliver`` sends it straight to the default printer on the print thread (``direct_print``) unless
the settings ask for a preview first; when no printer takes it, the preview opens and the clerk is
told why.  Either way the outcome is recorded on the core's worker (``devices.printing``): printed
only when the job was handed to a printer, previewed otherwise; a preview printed from its own
button is recorded as printed then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.devices.printing import Delivery, PrintedDocument
from desktop.views.device_settings import preview_first
from desktop.views.direct_print import PrinterFactory, default_printer, send
from desktop.views.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.documents.case_documents import IssuedDocument
    from desktop.models.permissions import StaffUser
    from desktop.models.store import Store
    from desktop.settings import Settings


class DocumentDelivery(QObject):
    delivered = Signal(object, object)  # IssuedDocument, Delivery: after the outcome is known
    said = Signal(str, bool)  # a message for the clerk, and whether it is a warning

    def __init__(self, runner: TaskRunner, on_error: Callable[[Exception], None],
                 preview: Callable[[IssuedDocument, Callable[[str], None], str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner  # the core's worker: the audit entries
        self.print_runner = TaskRunner(on_error, self, name="zhanchi-print")
        self.printer_factory: PrinterFactory = default_printer  # the seam: tests put a PDF file printer here
        self._preview = preview

    def warm_up(self, paper: str) -> None:
        """After sign-in: the day's first receipt is printed as fast as the others (``warm_up``);
        then what is loaded by now is left out of the collector's full sweeps (``gc_guard.freeze``)."""
        from desktop.views import gc_guard
        from desktop.views.warm_up import warm_up

        def failed(error: Exception) -> None:  # a cold first receipt is no error
            gc_guard.freeze()

        self.print_runner.run(lambda: warm_up(paper), lambda _none: gc_guard.freeze(), failed)

    def deliver(self, issued: IssuedDocument, title: str, settings: Settings, store: Store,
                user: StaffUser) -> None:
        what = _kind_word(issued.kind)
        if preview_first(settings):
            self._previewed(issued, store, user, self.tr("设置为先预览再打印"), said=None)
            return
        factory, path = self.printer_factory, issued.path

        def done(delivery: Delivery) -> None:
            if delivery.sent:
                self._record(issued, delivery, store, user)
                self.said.emit(self.tr("%1已送打印机：%2").replace("%1", what).replace("%2", delivery.printer),
                               False)
                self.delivered.emit(issued, delivery)
            else:
                text = self.tr("%1未能直接打印（%2），已打开预览：可在预览中选择打印机打印").replace(
                    "%1", what).replace("%2", delivery.reason)
                self._previewed(issued, store, user, delivery.reason, said=text)

        self.print_runner.run(lambda: send(path, title, factory), done)

    def _previewed(self, issued: IssuedDocument, store: Store, user: StaffUser, reason: str,
                   said: str | None) -> None:
        delivery = Delivery(False, reason=reason)
        self._record(issued, delivery, store, user)
        if said is not None:
            self.said.emit(said, True)

        def printed_later(printer: str) -> None:
            self._record(issued, Delivery(True, printer=printer), store, user)

        self._preview(issued, printed_later, said or "")
        self.delivered.emit(issued, delivery)

    def _record(self, issued: IssuedDocument, delivery: Delivery, store: Store, user: StaffUser) -> None:
        from desktop.devices.printing import record_delivery

        document = PrintedDocument(issued.kind, issued.case_no, issued.sha256, issued.reprint_count)
        self.runner.run(lambda: record_delivery(store, user, document, delivery))

    def shutdown(self) -> None:
        self.print_runner.shutdown()


def _kind_word(kind: str) -> str:
    from desktop.models.document_kinds import KIND_LABELS

    return KIND_LABELS.get(kind, kind)
