"""What became of a document issued at the counter: sent to a printer, or only previewed (issue 16.12).

Issuing a document (``desktop.documents.case_documents``) renders it, keeps the PDF and records
``document.<kind>`` with its SHA-256: that says the document exists, not that paper came out.  Once
the job is handed to a printer (the spooler accepted every page) the window records
``document.printed`` with the printer's name; when it was only shown on screen (preview chosen in
the settings, no printer installed, the printer refused the job) ``document.previewed`` with the
reason.  A preview printed later from its own print button adds ``document.printed`` then.  The
entries point at the issue entry's document by its SHA-256, so an auditor can tell a receipt
handed over from one that never left the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.models.permissions import StaffUser
    from desktop.models.store import Store

PRINTED = "document.printed"
PREVIEWED = "document.previewed"


@dataclass(frozen=True)
class Delivery:
    """A print job's outcome: ``sent`` to ``printer``, or not sent, with the ``reason`` in words."""

    sent: bool
    printer: str = ""
    reason: str = ""
    pages: int = 0


@dataclass(frozen=True)
class PrintedDocument:
    """Which issued document the outcome is about (the fields of ``IssuedDocument`` that say so)."""

    kind: str
    case_no: str
    sha256: str
    reprint: int = 0


def record_delivery(store: Store, actor: StaffUser, document: PrintedDocument, delivery: Delivery) -> int:
    """Append ``document.printed`` or ``document.previewed`` to the case's audit trail; its seq."""
    from desktop.models import audit  # the database layer: only where an outcome is recorded
    from desktop.models.cases import get_case

    case = get_case(store, document.case_no)
    after = {"kind": document.kind, "sha256": document.sha256, "reprint": document.reprint}
    if delivery.sent:
        action = PRINTED
        after |= {"printer": delivery.printer, "pages": delivery.pages}
    else:
        action = PREVIEWED
        after |= {"reason": delivery.reason}
    with store.session() as session:
        entry = audit.record(session, actor=actor.username, action=action, entity="case", entity_id=case.id,
                             before=None, after=after, at=store.clock.now())
        return entry.seq
