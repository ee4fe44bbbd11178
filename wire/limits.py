"""The protocol's version and its limits: body and batch sizes, name lengths, the bounds and patterns of
request fields.  Pure (the standard library only, not even pydantic), so the counter's intake checks
(``desktop.models.names``) read the name limits without loading the messages."""

from __future__ import annotations

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
MAX_FIELD_EMPLOYERS = 500  # employers a field preload may name, by code and by name each

# Names (the one limit): the central system's columns hold no longer one, so the counter refuses a longer
# name at intake (``desktop.models.names``) instead of taking it and then seeing it refused on every sync.
# Lengths count code points, as pydantic and the databases do.
MAX_PERSON_NAME = 64  # the central system's applicant name (CaseSnapshot.applicant_name, cases, insured)
MAX_EMPLOYER_NAME = 128  # the central system's employer name (insured.employer_name)

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

__all__ = [
    "API_PREFIX",
    "CASE_NO_PATTERN",
    "DEFAULT_PULL_LIMIT",
    "HASH_PATTERN",
    "ID_NUMBER_PATTERN",
    "LOOKUP_CODE_PATTERN",
    "MAX_BODY_BYTES",
    "MAX_CURSORS",
    "MAX_EMPLOYER_NAME",
    "MAX_FIELD_EMPLOYERS",
    "MAX_INT32",
    "MAX_PERSON_NAME",
    "MAX_PULL_LIMIT",
    "MAX_PUSH_ITEMS",
    "MAX_PUSH_ITEM_BYTES",
    "MAX_SEQ",
    "OFFICE_CODE_PATTERN",
    "PLAIN_TEXT_PATTERN",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "REGION_CODE_PATTERN",
]
