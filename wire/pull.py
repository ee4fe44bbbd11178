"""A counter's pull (``/v1/pull``): its cursors and audit head, and what changed after them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field

from wire.audit_anchor import AuditAnchor, AuditHead
from wire.limits import DEFAULT_PULL_LIMIT, MAX_CURSORS, MAX_PULL_LIMIT, MAX_SEQ
from wire.message import AwareDatetime, Message
from wire.streams import CERTIFICATE_COLUMNS, INSURED_COLUMNS, CertificateRow, InsuredRow

# Annotation kinds the central system adds to a case.
ANNOTATION_DUPLICATE = "duplicate"  # the same claim accepted for another case (another office or counter)
ANNOTATION_LEDGER = "ledger"  # entered in (or taken out of) the national ledger
ANNOTATION_STATUS = "status"  # the applicant looked up the progress
# Filed outside the applicant's insured pooling area (issue 14.3): a note for people, flagged for the
# central administrator; the claim does not count against the person at the offices of that area.
ANNOTATION_JURISDICTION = "jurisdiction"

Cursor = Annotated[int, Field(ge=0, le=MAX_SEQ)]
StreamName = Annotated[str, Field(min_length=1, max_length=32)]  # only looked up, never stored


class PullRequest(Message):
    cursors: dict[StreamName, Cursor] = Field(default_factory=dict, max_length=MAX_CURSORS,
                                              description="last sequence seen per stream; 0 or absent: all")
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT, description="rows per stream at most")
    audit: AuditHead | None = Field(default=None, description="the counter's audit chain head (issue 14.4)")


class LedgerEntry(Message):
    """One subsidy in the national ledger; ``active`` false: it does not count against the person at the
    receiving office: taken out (case rejected or withdrawn), or not authoritative there (issue 14.3: filed
    outside the person's insured pooling area and not paid; it still counts in the filing office's area)."""

    case_id: str
    case_no: str
    office_code: str
    id_number: str
    occupation_code: str
    level: int
    granted_on: dt.date
    shortage: bool
    active: bool
    authoritative: bool = Field(default=True, description="filed in the person's insured pooling area, or paid")


class Annotation(Message):
    id: str
    case_id: str
    case_no: str
    kind: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)
    created_at: AwareDatetime


class ReferenceFile(Message):
    """A policy or holiday file to keep in the data folder (``path`` like ``policies/gd-2026.toml``)."""

    path: str
    sha256: str
    content: str
    published_at: AwareDatetime


class PullAnswer(Message):
    insured: list[InsuredRow] = Field(default_factory=list, description=f"rows in column order {INSURED_COLUMNS}")
    certificates: list[CertificateRow] = Field(
        default_factory=list, description=f"rows in column order {CERTIFICATE_COLUMNS}"
    )
    ledger: list[LedgerEntry] = Field(default_factory=list)
    annotations: list[Annotation] = Field(default_factory=list)
    reference: list[ReferenceFile] = Field(default_factory=list)
    cursors: dict[str, int]
    more: bool = False
    audit_anchor: AuditAnchor | None = Field(default=None, description="this device's audit head as now recorded")
    public_url: str = Field(default="", description="where applicants open their progress page (receipts' QR)")
    server_time: AwareDatetime


__all__ = [
    "ANNOTATION_DUPLICATE",
    "ANNOTATION_JURISDICTION",
    "ANNOTATION_LEDGER",
    "ANNOTATION_STATUS",
    "Annotation",
    "Cursor",
    "LedgerEntry",
    "PullAnswer",
    "PullRequest",
    "ReferenceFile",
    "StreamName",
]
