"""What information sharing confirmed of an application (展翅行动 二(二)-(三): no re-asking for what
another department holds), one rule for the counter's form and the command line (issue 15.7).

A datum counts as checked by sharing only while what the application says still matches the
registry row it came from; anything else is typed by hand and to be checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.models.checklist import TYPED, Source, SourceKind

if TYPE_CHECKING:
    from desktop.models.application import Application
    from desktop.models.intake import RegistryHit


@dataclass(frozen=True)
class Declared:
    """The application's values that the registries can confirm."""

    id_number: str
    name: str
    contribution_months: int
    insured_region: str
    cert_number: str  # normalised
    cert_level: int | None
    cert_issue_date: dt.date | None

    @classmethod
    def of(cls, app: Application) -> Declared:
        from desktop.models.identity import normalize_certificate_number

        cert = app.certificate
        return cls(app.id_number, app.applicant_name, app.contribution_months, app.insured_region,
                   normalize_certificate_number(cert.number), cert.level, cert.issue_date)


def registry_sources(hit: RegistryHit | None, declared: Declared) -> dict[str, Source]:
    """Where each kind of datum came from: the registry (online or the synced copy) while it
    matches the application, else typed by hand."""
    result = {"identity": TYPED, "contributions": TYPED, "certificate": TYPED}
    if hit is None:
        return result
    kind = SourceKind.ONLINE if hit.online else SourceKind.SYNCED
    person = hit.person
    if person is not None and person.id_number == declared.id_number:
        synced = Source(kind, hit.insured_as_of)
        if person.name == declared.name:
            result["identity"] = synced
        if (person.contribution_months, person.insured_region) == (declared.contribution_months,
                                                                  declared.insured_region):
            result["contributions"] = synced
    cert = next((c for c in hit.certificates if c.number == declared.cert_number), None)
    if cert is not None and (cert.level, cert.issue_date) == (declared.cert_level, declared.cert_issue_date):
        result["certificate"] = Source(kind, hit.certificates_as_of)
    return result
