"""Live registry lookups: a person for online verification (``/v1/registry/person``), and a field day's
employers with their people and ledger entries (``/v1/registry/employers``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from wire.limits import (
    ID_NUMBER_PATTERN,
    MAX_EMPLOYER_NAME,
    MAX_FIELD_EMPLOYERS,
    PLAIN_TEXT_PATTERN,
    REGION_CODE_PATTERN,
)
from wire.message import AwareDatetime, Message
from wire.pull import LedgerEntry
from wire.streams import CERTIFICATE_COLUMNS, INSURED_COLUMNS, CertificateRow, InsuredRow


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


__all__ = ["EmployerAnswer", "EmployerQuery", "PersonAnswer", "PersonQuery"]
