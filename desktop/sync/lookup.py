"""Online verification and progress lookup: ask the central system live, briefly.

The counter asks ``lookup_online`` first; None means "could not ask" (not
registered, offline, too slow, refused) and the window falls back to the
local registry copy (``desktop.models.intake.lookup_applicant``) with its
"as of" time, then to typing by hand.  A ``RegistryHit`` whose ``person`` is
None means the central registries were asked and do not know the person, or
(``insured_elsewhere`` set, issue 14.5) that the person is insured outside this
office's pooling area: the central system then says only where.
"""

from __future__ import annotations

from desktop.models.identity import normalize_id_number
from desktop.models.intake import RegistryHit
from desktop.models.registry import CertificateRow, InsuredRow
from desktop.models.store import Store
from desktop.sync.client import CentralClient, SyncError
from desktop.sync.engine import client_for
from wire import ProgressAnswer

ONLINE_TIMEOUT = 2.0  # seconds: the applicant is waiting at the counter


def online_client(store: Store, *, timeout: float = ONLINE_TIMEOUT) -> CentralClient | None:
    """A short-timeout client for live questions, or None when this data folder is not registered."""
    try:
        return client_for(store, timeout=timeout)
    except SyncError:
        return None


def lookup_online(
    client: CentralClient | None, id_number: str, *, timeout: float = ONLINE_TIMEOUT
) -> RegistryHit | None:
    """What the central registries know about ``id_number`` now, or None when they cannot be asked.

    ``insured_as_of``/``certificates_as_of`` are the central system's clock at the answer
    (the data is live); each row's ``updated_at`` is when the central copy last changed it.
    """
    if client is None:
        return None
    number = normalize_id_number(id_number or "")
    if not 15 <= len(number) <= 18:
        return None
    try:
        answer = client.person(number, timeout=timeout)
    except SyncError:
        return None
    asked = answer.server_time
    person = None
    if answer.person is not None:
        person = InsuredRow(*answer.person, updated_at=answer.person_updated_at or asked)
    certificates = tuple(
        CertificateRow(*row, updated_at=answer.certificates_updated_at or asked) for row in answer.certificates
    )
    return RegistryHit(person, certificates, asked, asked, online=True,
                       insured_elsewhere=answer.insured_elsewhere or "")


def lookup_progress(
    client: CentralClient, case_no: str, lookup_code: str, *, timeout: float = ONLINE_TIMEOUT
) -> ProgressAnswer | None:
    """A case's progress as the central system sees it (for phone inquiries).

    None when no case has this number with this lookup code (both are needed); raises
    ``SyncError`` (``CentralUnreachable`` ...) when the central system cannot answer."""
    if not case_no.strip() or not lookup_code.strip():
        return None
    return client.progress(case_no.strip(), lookup_code.strip(), timeout=timeout)
