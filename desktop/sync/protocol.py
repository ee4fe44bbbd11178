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
POST /v1/rotate                                           RotateAnswer
POST /v1/audit/anchor                                     AnchorAnswer
GET  /v1/stats                                            Stats
GET  /healthz                                             Health
==========================  ============================  ======================

Limits (issue 14.7, 14.5): a body over ``MAX_BODY_BYTES`` is refused with 413; a value outside a
field's bounds with 422; too many wrong lookup codes from one client address (per case number, and
over all case numbers) or too many person lookups by one device in a minute with 429 and
``Retry-After``.  A person lookup from outside the person's insured pooling area answers only
``insured_elsewhere``.  A credential unused for a while (90 days by default) is refused with 401 and
a reason to register again; a device rotates its credential with ``/v1/rotate``.

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

Audit anchor (issue 14.4): every pull carries the counter's audit chain head (``AuditHead``: the last
entry's seq and hash) and proves the entry the central system recorded last (``proof_seq``, the seq of
the ``audit_anchor`` it was last answered, and that entry's hash now).  The central system keeps the
recent heads of each device; a chain shorter than it recorded (``audit_backwards``: an older copy of
the database, a restore), an entry whose hash is not the one recorded (``audit_fork``: entries
rewritten and the chain re-hashed), a proof of an entry it never recorded (``audit_unproven``) or a
pull without a head from a device that sent one before (``audit_head_missing``) is flagged for the
central administrator once, and the device is anchored afresh at the head it sent.  The answer's
``audit_anchor`` is what the central system now holds; ``/v1/audit/anchor`` tells a counter the same,
so ``audit verify`` can check its chain against it.

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

from desktop.models.names import (  # the one limit: the counter refuses a longer name at intake
    MAX_EMPLOYER_NAME,
    MAX_PERSON_NAME,
)

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
PROTOCOL_HEADER = "X-Zhanchi-Protocol"

MAX_PUSH_ITEMS = 1000
# Request bodies (issue 14.7): the central system refuses a larger one with 413 before reading it.  The
# budget per change is twice the largest real one (a case record with its verdict is about 4 KB), so a
# full batch of real changes fits; the counter packs larger changes into smaller pushes.
MAX_PUSH_ITEM_BYTES = 8 * 1024
MAX_BODY_BYTES = MAX_PUSH_ITEMS * MAX_PUSH_ITEM_BYTES + 64 * 1024  # and the batch's envelope
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
REGION_CODE_PATTERN = r"^[0-9]{6}$"

# Bounds of request fields (issue 14.7): what the central system's columns hold, so that no value can
# reach the database and fail there (a 500).  Text that is stored or looked up may hold no control
# characters (PostgreSQL refuses NUL in text).
PLAIN_TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
# What an applicant types from the receipt: ASCII letters and digits (spaces and dashes are ignored).
LOOKUP_CODE_PATTERN = r"^[A-Za-z0-9 -]{1,16}$"
CASE_NO_PATTERN = r"^[A-Za-z0-9 -]{1,40}$"
ID_NUMBER_PATTERN = r"^([0-9]{15}|[0-9]{17}[0-9Xx])$"
MAX_INT32 = 2**31 - 1  # an INTEGER column (case version, amounts)
MAX_SEQ = 2**63 - 1  # a BIGINT column (change sequence numbers: pull cursors)
HASH_PATTERN = r"^[0-9a-f]{64}$"  # a SHA-256 hex digest (audit entries)
MAX_CURSORS = 64  # streams a pull may name (unknown ones are ignored: a newer client may know more)


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("时间须带时区（UTC ISO 8601，例如 2026-11-27T02:00:00+00:00）")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # 9999-12-31T23:59-10:00 is after the last instant Python can hold in UTC
        raise ValueError("时间超出可表示的范围") from None


AwareDatetime = Annotated[dt.datetime, AfterValidator(_aware)]


class Message(BaseModel):
    """Base of every message: unknown fields are ignored, so either side may add some."""

    model_config = ConfigDict(extra="ignore", frozen=True)


# --- enrolment ----------------------------------------------------------------------------


class EnrolRequest(Message):
    token: str = Field(min_length=1, max_length=200, description="the one-time enrolment token an administrator issued")
    office_code: str = Field(pattern=OFFICE_CODE_PATTERN, description="the office this device works for")
    device_name: str = Field(min_length=1, max_length=64, pattern=PLAIN_TEXT_PATTERN,
                             description="a name people recognise, e.g. 窗口3")
    client_device_id: str = Field(default="", max_length=64, pattern=PLAIN_TEXT_PATTERN,
                                  description="the data folder's own device id")


class EnrolResponse(Message):
    device_id: str
    credential: str = Field(description="the device's secret: send as 'Authorization: Bearer ...'; shown once")
    office_code: str
    region: str = Field(description="the first four digits of the office code: the registry rows it receives")
    protocol: int = PROTOCOL_VERSION
    public_url: str = Field(default="", description="where applicants open their progress page (receipts' QR)")


# --- push ---------------------------------------------------------------------------------


class PushItem(Message):
    idempotency_key: str = Field(min_length=1, max_length=64, pattern=PLAIN_TEXT_PATTERN)
    entity: str = Field(min_length=1, max_length=32, pattern=PLAIN_TEXT_PATTERN)
    entity_id: str = Field(min_length=1, max_length=64, pattern=PLAIN_TEXT_PATTERN)
    op: str = Field(min_length=1, max_length=64, pattern=PLAIN_TEXT_PATTERN)
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

    id: str = Field(min_length=1, max_length=36, pattern=PLAIN_TEXT_PATTERN)
    case_no: str = Field(min_length=1, max_length=40, pattern=PLAIN_TEXT_PATTERN)
    office_code: str = Field(pattern=OFFICE_CODE_PATTERN)
    state: str = Field(min_length=1, max_length=16, pattern=PLAIN_TEXT_PATTERN)
    applicant_name: str = Field(max_length=MAX_PERSON_NAME, pattern=PLAIN_TEXT_PATTERN)
    id_number: str = Field(min_length=1, max_length=18, pattern=PLAIN_TEXT_PATTERN)
    occupation_code: str = Field(min_length=1, max_length=16, pattern=PLAIN_TEXT_PATTERN)
    cert_level: int = Field(ge=1, le=5)
    application_date: dt.date
    shortage: bool = False
    insured_region: str = Field(default="", max_length=6, pattern=PLAIN_TEXT_PATTERN)
    lookup_code: str = Field(default="", max_length=16, pattern=PLAIN_TEXT_PATTERN)
    version: int = Field(ge=1, le=MAX_INT32)
    accepted_at: AwareDatetime | None = None
    updated_at: AwareDatetime


# --- pull ---------------------------------------------------------------------------------


Cursor = Annotated[int, Field(ge=0, le=MAX_SEQ)]
StreamName = Annotated[str, Field(min_length=1, max_length=32)]  # only looked up, never stored


class AuditHead(Message):
    """The counter's audit chain as it stands (issue 14.4): its head, and its entry at ``proof_seq``."""

    seq: int = Field(ge=0, le=MAX_SEQ, description="the last entry's sequence number (0: no entries)")
    hash: str = Field(pattern=HASH_PATTERN, description="the last entry's hash (64 zeros: no entries)")
    proof_seq: int = Field(default=0, ge=0, le=MAX_SEQ,
                           description="the seq of the audit_anchor last answered to this device (0: none)")
    proof_hash: str = Field(default="", pattern=r"^([0-9a-f]{64})?$",
                            description="this chain's entry hash at proof_seq; empty when it has no such entry")


class AuditAnchor(Message):
    """A head of a device's audit chain as the central system recorded it."""

    seq: int
    hash: str
    recorded_at: AwareDatetime


class AnchorAnswer(Message):
    anchor: AuditAnchor | None = Field(default=None, description="None: no head recorded for this device yet")


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


# --- online verification, progress lookup, stats ------------------------------------------


class PersonQuery(Message):
    id_number: str = Field(min_length=15, max_length=18, pattern=ID_NUMBER_PATTERN)


class PersonAnswer(Message):
    """What the central registries know about a person, for an office of the person's insured pooling
    area.  For any other office (issue 14.5) only ``insured_elsewhere``: the region where the person is
    insured, and no personal data (``person`` None, no certificates)."""

    person: InsuredRow | None = None
    person_updated_at: AwareDatetime | None = None
    certificates: list[CertificateRow] = Field(default_factory=list)
    certificates_updated_at: AwareDatetime | None = None
    insured_elsewhere: str | None = Field(
        default=None, pattern=REGION_CODE_PATTERN,
        description="set only when the person is insured outside the asking office's pooling area")
    server_time: AwareDatetime


MAX_FIELD_EMPLOYERS = 500


class EmployerQuery(Message):
    """The employers of a field day (an industrial park): codes and/or exact registered names."""

    usccs: list[Annotated[str, Field(max_length=64, pattern=PLAIN_TEXT_PATTERN)]] = Field(
        default_factory=list, max_length=MAX_FIELD_EMPLOYERS, description="unified social credit codes (18 characters)")
    names: list[Annotated[str, Field(max_length=2 * MAX_EMPLOYER_NAME, pattern=PLAIN_TEXT_PATTERN)]] = Field(
        default_factory=list, max_length=MAX_FIELD_EMPLOYERS,
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
    case_no: str = Field(min_length=1, max_length=40, pattern=CASE_NO_PATTERN)
    lookup_code: str = Field(min_length=1, max_length=16, pattern=LOOKUP_CODE_PATTERN)


StepStatus = Literal["done", "current", "todo", "stopped"]


class ProgressStep(Message):
    """One step of the timeline 受理 → 审核 → 公示 → 审批 → 发放."""

    key: str
    label: str
    status: StepStatus
    status_text: str = Field(default="", description="the status in words: 已完成, 正在办理, 未开始, 不予核发 …")


class ProgressAnswer(Message):
    """A case's progress for its applicant: no personal data beyond the masked name (and the amount once
    approved)."""

    case_no: str
    state: str
    state_label: str
    applicant: str = Field(description="masked name, e.g. 张*")
    office_code: str
    updated_at: AwareDatetime
    steps: list[ProgressStep] = Field(default_factory=list)
    next_step: str = Field(default="", description="what the applicant does next, in plain words")
    missing_materials: list[str] = Field(default_factory=list, description="what to bring back (待补正)")
    amount_yuan: int | None = Field(default=None, description="the subsidy, once approved")


class RotateAnswer(Message):
    """A new credential for the device (``POST /v1/rotate``, issue 14.5).  The old one stays valid until
    the new one is first used, so an answer lost on the way locks nobody out."""

    device_id: str
    credential: str = Field(description="the device's new secret; shown once")


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
    "HASH_PATTERN",
    "CERTIFICATE_COLUMNS",
    "DEFAULT_PULL_LIMIT",
    "ENTITY_CASE",
    "ENTITY_DOCUMENT",
    "INSURED_COLUMNS",
    "MAX_BODY_BYTES",
    "MAX_FIELD_EMPLOYERS",
    "MAX_INT32",
    "MAX_PULL_LIMIT",
    "MAX_PUSH_ITEMS",
    "MAX_PUSH_ITEM_BYTES",
    "MAX_SEQ",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "REFERENCE_FOLDERS",
    "STREAMS",
    "AnchorAnswer",
    "Annotation",
    "AuditAnchor",
    "AuditHead",
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
    "ProgressStep",
    "PullAnswer",
    "PullRequest",
    "PushAnswer",
    "PushBatch",
    "PushItem",
    "PushRefused",
    "ReferenceFile",
    "RotateAnswer",
    "Stats",
]
