"""What the central system added to cases without editing them (issue 5: ownership, not conflicts):
a duplicate claim accepted at another counter, a ledger entry, the applicant's progress lookups."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.schema import CaseAnnotation

# Kinds a person must look at: a duplicate claim, a claim filed outside the insured pooling area
# (issue 14.3: a note for people to resolve, never an automatic refusal); the others are information.
ATTENTION_KINDS = frozenset({"duplicate", "jurisdiction"})


@dataclass(frozen=True)
class Annotation:
    id: str
    kind: str
    message: str
    details: dict[str, Any]
    created_at: dt.datetime
    acknowledged: bool

    @property
    def needs_attention(self) -> bool:
        return self.kind in ATTENTION_KINDS and not self.acknowledged


def annotations_in(session: Session, case_ids: Collection[str]) -> dict[str, list[Annotation]]:
    """Each case's annotations, oldest first."""
    found: dict[str, list[Annotation]] = {}
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        query = (select(CaseAnnotation).where(CaseAnnotation.case_id.in_(ids[start:start + 500]))
                 .order_by(CaseAnnotation.created_at))
        for row in session.scalars(query):
            found.setdefault(row.case_id, []).append(Annotation(
                row.id, row.kind, row.message, json.loads(row.details_json or "{}"), row.created_at,
                row.acknowledged_at is not None))
    return found
