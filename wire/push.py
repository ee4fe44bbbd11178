"""A counter's push (``/v1/push``): its outbox rows, and the answer per item."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from wire.limits import MAX_INT32, MAX_PERSON_NAME, MAX_PUSH_ITEMS, OFFICE_CODE_PATTERN, PLAIN_TEXT_PATTERN
from wire.message import AwareDatetime, Message

# Entities and ops a counter pushes (its outbox): "case" with op "case.<state>" and the
# whole case record (``CaseRecord.to_dict()``) as payload; "document" with op
# "document.<kind>" and a payload naming the case (``case_id``).
ENTITY_CASE = "case"
ENTITY_DOCUMENT = "document"


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


__all__ = [
    "ENTITY_CASE",
    "ENTITY_DOCUMENT",
    "CaseSnapshot",
    "ItemAnswer",
    "ItemStatus",
    "PushAnswer",
    "PushBatch",
    "PushItem",
    "PushRefused",
]
