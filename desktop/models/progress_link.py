"""The link a receipt's QR code holds (issue 19.1): ``<public-url>/p/<case_no>#<lookup_code>``.

The central system serves the applicant's progress page at ``/p/<case_no>``; the lookup code is the
URL's fragment, which a browser never sends, so it does not end up in any server's access log — the
page reads it and asks ``/v1/progress`` in a POST body.  A counter's scanner reads the same link back
(``models.scan``) to open the case.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PAGE_PREFIX = "/p/"
META_PUBLIC_URL = "central_public_url"  # ``meta``: the address the central system gave (register, every pull)
_CASE_NO = re.compile(r"[A-Za-z0-9-]{1,40}")
_CODE = re.compile(r"[A-Za-z0-9]{1,16}")


def progress_link(public_url: str, case_no: str, lookup_code: str) -> str:
    """The link for a receipt; ValueError for a case number or code the page could not carry."""
    if not _CASE_NO.fullmatch(case_no) or not _CODE.fullmatch(lookup_code):
        raise ValueError("case number and lookup code must be letters, digits (and hyphens in the number)")
    return f"{public_url.rstrip('/')}{PAGE_PREFIX}{case_no}#{lookup_code}"


def parse_progress_link(text: str) -> tuple[str, str] | None:
    """(case_no, lookup_code) of a progress link; None for anything else."""
    parts = urlsplit(text.strip())
    _, found, case_no = parts.path.rpartition(PAGE_PREFIX)  # a public address may have a path prefix
    if parts.scheme not in ("http", "https") or not found:
        return None
    code = parts.fragment
    if not _CASE_NO.fullmatch(case_no) or not _CODE.fullmatch(code):
        return None
    return case_no, code


__all__ = ["META_PUBLIC_URL", "PAGE_PREFIX", "parse_progress_link", "progress_link"]
