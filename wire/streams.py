"""The pull streams, each with its own cursor, and how their rows travel.  Pure (the standard library
only)."""

from __future__ import annotations

import datetime as dt

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

# Folders of the data folder a reference file (the reference stream) may be written to.
REFERENCE_FOLDERS: tuple[str, ...] = ("policies", "holidays")

__all__ = [
    "CERTIFICATE_COLUMNS",
    "INSURED_COLUMNS",
    "REFERENCE_FOLDERS",
    "STREAMS",
    "STREAM_ANNOTATIONS",
    "STREAM_CERTIFICATES",
    "STREAM_INSURED",
    "STREAM_LEDGER",
    "STREAM_REFERENCE",
    "CertificateRow",
    "InsuredRow",
]
