"""The wire protocol between a counter and the central system: the ONE definition.

Both sides import these pydantic models: the counter's sync client builds and
reads them, the reference central system (``central/``) validates requests and
answers with them, and its OpenAPI document (``/openapi.json``) is generated
from them.  Pure: no Qt, no SQLAlchemy, no desktop store.

Endpoints (all under ``API_PREFIX``; every one but ``/enrol``, ``/progress``
and ``/healthz`` needs ``Authorization: Bearer <device credential>``):

==========================  ============================  ======================
POST /v1/enrol              EnrolRequest                  EnrolResponse
POST /v1/push               PushBatch                     PushAnswer (403: PushRefused)
POST /v1/pull               PullRequest                   PullAnswer
POST /v1/registry/person    PersonQuery                   PersonAnswer
POST /v1/registry/employers EmployerQuery                 EmployerAnswer
POST /v1/progress           ProgressQuery                 ProgressAnswer (404 without a match)
GET  /v1/stats                                            Stats
GET  /healthz                                             Health
==========================  ============================  ======================

Personal data never travels in a URL (URLs end up in access logs): lookups
are POSTs with a JSON body.

Push semantics: every item carries the outbox row's ``idempotency_key``; the
central system applies an item at most once and answers per item, in the
order sent: ``applied`` (now), ``already_applied`` (an earlier request did;
the client lost the answer) or ``rejected`` with a ``reason`` (a person must
look at it; the client does not retry it blindly).  A batch that holds a
change to another office's case is refused as a whole with 403 and a
``PushRefused`` body naming the offending keys; nothing of it is applied.
A case number must begin with the device's own office code (``{office}-``):
another office's number is refused the same way (issue 14.3).  A
``case.payment_exported`` of a case that already has a disbursement in
another batch, pending or paid, is ``rejected`` (issue 14.1); the central
system settles a batch's disbursement from ``case.paid`` /
``case.payment_failed`` (the batch in ``event.batch_no``, or
``event.payment_batch``).

Pull semantics: one cursor per stream (``STREAMS``), a monotonic change
sequence number on the central system.  The answer holds what changed after
each cursor (at most ``limit`` rows per stream), the new cursors, and
``more`` when another request would bring more.  Registry rows come for the
device's region (first four digits of the office code) only.

Field preload (``/v1/registry/employers``, added for field mode): before a
day at an industrial park, a laptop asks for the registry rows of the park's
employers (by unified social credit code or exact name) in its region, and
every national ledger entry of those people, in one answer, without pulling
the whole region.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from desktop.models.names import MAX_PERSON_NAME  # the one limit: the counter refuses a longer name at intake

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
PROTOCOL_HEADER = "X-Zhanchi-Protocol"

MAX_PUSH_ITEMS = 1000
DEFAULT_PULL_LIMIT = 20_000
MAX_PULL_LIMIT = 100_000

# Pull streams, each with its own cursor.
STREAM_INSURED = "insured"
STREAM_CERTIFICATES = "certificates"
STREAM_LEDGER = "ledger"
STREAM_ANNOTATIONS = "annotations"
STREAM_REFERENCE = "reference"
STREAMS: tuple[str, ...] = (STREAM_INSURED, STREAM_CERTIFICATES, STREAM_LEDGER, STREAM_ANNOTATIONS, STREAM_REFERENCE)

# Registry rows travel as arrays in these column orders (CONTRACTS.md registry files;
# a test checks they match ``desktop.models.registry_files.COLUMNS``).
INSURED_COLUMNS: tuple[str, ...] = (
    "id_number", "name", "employer_uscc", "employer_name", "insured_region", "contribution_months", "phone",
    "receiving_unemployment_benefit",
)
CERTIFICATE_COLUMNS: tuple[str, ...] = (
    "number", "id_number", "kind", "level", "occupation_code", "occupation_name", "issue_date", "issuer",
)
InsuredRow = tuple[str, str, str, str, str, int, str, bool]
CertificateRow = tuple[str, str, str, int, str, str, dt.date, str]

# Entities and ops a counter pushes (its outbox): "case" with op "case.<state>" and the
# whole case record (``CaseRecord.to_dict()``) as payload; "document" with op
# "document.<kind>" and a payload naming the case (``case_id``).
ENTITY_CASE = "case"
ENTITY_DOCUMENT = "document"

# Annotation kinds the central system adds to a case.
ANNOTATION_DUPLICATE = "duplicate"  # the same claim accepted for another case (another office or counter)
ANNOTATION_LEDGER = "ledger"  # entered in (or taken out of) the national ledger
ANNOTATION_STATUS = "status"  # the applicant looked up the progress
# Filed outside the applicant's insured pooling area (issue 14.3): a note for people, flagged for the
# central administrator; the claim does not count against the person at the offices of that area.
ANNOTATION_JURISDICTION = "jurisdiction"

# Folders of the data folder a reference file may be written to.
REFERENCE_FOLDERS: tuple[str, ...] = ("policies", "holidays")

OFFICE_CODE_PATTERN = r"^[0-9]{6}$"


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("时间须带时区（UTC ISO 8601，例如 2026-11-27T02:00:00+00:00）")
    return value.astimezone(dt.UTC)


AwareDatetime = Annotated[dt.datetime, AfterValidator(_aware)]


class Message(BaseModel):
    """Base of every message: unknown fields are ignored, so either side may add some."""

    model_config = ConfigDict(extra="ignore", frozen=True)


# --- enrolment ----------------------------------------------------------------------------


class EnrolRequest(Message):
    token: str = Field(min_length=1, max_length=200, description="the one-time enrolment token an administrator issued")
    office_code: str = Field(pattern=OFFICE_CODE_PATTERN, description="the office this device works for")
    device_name: str = Field(min_length=1, max_length=64, description="a name people recognise, e.g. 窗口3")
    client_device_id: str = Field(default="", max_length=64, description="the data folder's own device id")


class EnrolResponse(Message):
    device_id: str
    credential: str = Field(description="the device's secret: send as 'Authorization: Bearer ...'; shown once")
    office_code: str
    region: str = Field(description="the first four digits of the office code: the registry rows it receives")
    protocol: int = PROTOCOL_VERSION


# --- push ---------------------------------------------------------------------------------


class PushItem(Message):
    idempotency_key: str = Field(min_length=1, max_length=64)
    entity: str = Field(min_length=1, max_length=32)
    entity_id: str = Field(min_length=1, max_length=64)
    op: str = Field(min_length=1, max_length=64)
    payload: dict[str, Any]
    created_at: AwareDatetime


class PushBatch(Message):
    items: list[PushItem] = Field(max_length=MAX_PUSH_ITEMS)


ItemStatus = Literal["applied", "already_applied", "rejected"]


class ItemAnswer(Message):
    idempotency_key: str
    status: ItemStatus
    reason: str | None = None


class PushAnswer(Message):
    results: list[ItemAnswer]


class PushRefused(Message):
    """The 403 body of a push that touched another office's case."""

    detail: str
    refused: list[str] = Field(default_factory=list, description="idempotency keys of the offending items")


class CaseSnapshot(Message):
    """What the central system reads from a case payload (``CaseRecord.to_dict()``); the
    whole payload is kept as the owning office sent it."""

    id: str = Field(min_length=1, max_length=36)
    case_no: str = Field(min_length=1, max_length=40)
    office_code: str = Field(pattern=OFFICE_CODE_PATTERN)
    state: str = Field(min_length=1, max_length=16)
    applicant_name: str = Field(max_length=MAX_PERSON_NAME)
    id_number: str = Field(min_length=1, max_length=18)
    occupation_code: str = Field(min_length=1, max_length=16)
    cert_level: int = Field(ge=1, le=5)
    application_date: dt.date
    shortage: bool = False
    insured_region: str = Field(default="", max_length=6)
    lookup_code: str = Field(default="", max_length=16)
    version: int = Field(ge=1)
    accepted_at: AwareDatetime | None = None
    updated_at: AwareDatetime


# --- pull ---------------------------------------------------------------------------------


class PullRequest(Message):
    cursors: dict[str, int] = Field(default_factory=dict, description="last sequence seen per stream; 0 or absent: all")
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT, description="rows per stream at most")


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
    server_time: AwareDatetime


# --- online verification, progress lookup, stats ------------------------------------------


class PersonQuery(Message):
    id_number: str = Field(min_length=15, max_length=18)


class PersonAnswer(Message):
    """What the central registries know about a person, whatever their region."""

    person: InsuredRow | None = None
    person_updated_at: AwareDatetime | None = None
    certificates: list[CertificateRow] = Field(default_factory=list)
    certificates_updated_at: AwareDatetime | None = None
    server_time: AwareDatetime


MAX_FIELD_EMPLOYERS = 500


class EmployerQuery(Message):
    """The employers of a field day (an industrial park): codes and/or exact registered names."""

    usccs: list[str] = Field(default_factory=list, max_length=MAX_FIELD_EMPLOYERS,
                             description="unified social credit codes (18 characters)")
    names: list[str] = Field(default_factory=list, max_length=MAX_FIELD_EMPLOYERS,
                             description="employer names exactly as the insured registry has them")


class EmployerAnswer(Message):
    """The region's insured rows of those employers, their certificates and every ledger entry of those
    people (active or not, so a withdrawn claim is taken out of the laptop's copy too)."""

    insured: list[InsuredRow] = Field(default_factory=list, description=f"rows in column order {INSURED_COLUMNS}")
    certificates: list[CertificateRow] = Field(
        default_factory=list, description=f"rows in column order {CERTIFICATE_COLUMNS}"
    )
    ledger: list[LedgerEntry] = Field(default_factory=list)
    unmatched: list[str] = Field(default_factory=list, description="asked-for codes or names no insured row has")
    server_time: AwareDatetime


class ProgressQuery(Message):
    case_no: str = Field(min_length=1, max_length=40)
    lookup_code: str = Field(min_length=1, max_length=16)


class ProgressAnswer(Message):
    """A case's progress for its applicant: no personal data beyond the masked name."""

    case_no: str
    state: str
    state_label: str
    applicant: str = Field(description="masked name, e.g. 张*")
    office_code: str
    updated_at: AwareDatetime


class Stats(Message):
    cases: int
    devices: int
    ledger: int
    duplicates_flagged: int


class Health(Message):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION


__all__ = [
    "ANNOTATION_DUPLICATE",
    "ANNOTATION_JURISDICTION",
    "ANNOTATION_LEDGER",
    "ANNOTATION_STATUS",
    "API_PREFIX",
    "CERTIFICATE_COLUMNS",
    "DEFAULT_PULL_LIMIT",
    "ENTITY_CASE",
    "ENTITY_DOCUMENT",
    "INSURED_COLUMNS",
    "MAX_FIELD_EMPLOYERS",
    "MAX_PULL_LIMIT",
    "MAX_PUSH_ITEMS",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "REFERENCE_FOLDERS",
    "STREAMS",
    "Annotation",
    "CaseSnapshot",
    "CertificateRow",
    "EmployerAnswer",
    "EmployerQuery",
    "EnrolRequest",
    "EnrolResponse",
    "Health",
    "InsuredRow",
    "ItemAnswer",
    "LedgerEntry",
    "PersonAnswer",
    "PersonQuery",
    "ProgressAnswer",
    "ProgressQuery",
    "PullAnswer",
    "PullRequest",
    "PushAnswer",
    "PushBatch",
    "PushItem",
    "PushRefused",
    "ReferenceFile",
    "Stats",
]
