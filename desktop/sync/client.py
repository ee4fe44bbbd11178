"""The HTTP client of the central system (httpx), speaking the wire protocol (``wire``).

Failures come out as three typed errors, so callers decide without looking
at HTTP: ``CentralUnreachable`` (no network, timeout, the server failing or
overloaded: try again later), ``CentralRefused`` (401/403: the credential or
token is not accepted, or the change is not this office's: a person must
act) and ``ProtocolError`` (an answer that makes no sense: a bug or a
version mismatch).  The credential travels only in the Authorization header
and is never logged.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from desktop.models.errors import InvalidInput, ZhanchiError
from wire import (
    API_PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AnchorAnswer,
    AuditAnchor,
    AuditHead,
    EmployerAnswer,
    EmployerQuery,
    EnrolRequest,
    EnrolResponse,
    PersonAnswer,
    PersonQuery,
    ProgressAnswer,
    ProgressQuery,
    PullAnswer,
    PullRequest,
    PushAnswer,
    PushBatch,
    PushItem,
    PushRefused,
    RotateAnswer,
    Stats,
)

DEFAULT_TIMEOUT = 30.0
M = TypeVar("M", bound=BaseModel)


class SyncError(ZhanchiError):
    """Base of the sync errors."""


class CentralUnreachable(SyncError):
    """The central system cannot be reached or is failing: try again later."""


class CertificateUntrusted(CentralUnreachable):
    """The central system's TLS certificate does not verify (a province's own CA not given, or another host)."""


class CentralRefused(SyncError):
    """The central system refused the request (401/403): a person must act."""

    def __init__(self, message: str, status: int, refused_keys: Sequence[str] = ()) -> None:
        super().__init__(message)  # the central system's own words (its answer's detail)
        self.status = status
        self.refused_keys = list(refused_keys)


class ProtocolError(SyncError):
    """An answer the client cannot use (a bug, or a server speaking another protocol version)."""

    def __init__(self, message: str | None = None, status: int | None = None, *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, code=code, params=params)
        self.status = status


class NotRegistered(SyncError):
    """This data folder has no device credential yet."""


def is_loopback(hostname: str | None) -> bool:
    if not hostname:
        return False
    if hostname.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def check_central_url(url: str, field: str = "central", *, insecure: bool = False) -> str:
    """A central system's address.  Issue 20.3: personal data and credentials never cross a network in
    clear text — ``https://`` (certificate verified), or ``http://`` only to this computer (loopback) or
    with ``insecure`` (``register --insecure``: explicit, and logged)."""
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput.about(field, "central.bad_url", url=url)
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not insecure:
        raise InvalidInput.about(field, "central.needs_https", url=url)
    return url


def tls_verification(ca_bundle: str, field: str = "ca_bundle") -> ssl.SSLContext | bool:
    """What httpx verifies a central system's certificate with: the system's trusted CAs, or only the CAs
    of ``ca_bundle`` (a PEM file: a province's private CA)."""
    if not ca_bundle:
        return True
    try:
        return ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise InvalidInput.about(field, "central.bad_ca_bundle", file=ca_bundle, error=exc) from None


PUSH_ENVELOPE_BYTES = len(b'{"items":[]}')


def encode_push_item(key: str, entity: str, entity_id: str, op: str, payload_json: str,
                     created_at: dt.datetime) -> bytes:
    """One ``PushItem`` as JSON, the payload text spliced in unchanged (a JSON object, as the outbox stores it)."""
    head = json.dumps(
        {"idempotency_key": key, "entity": entity, "entity_id": entity_id, "op": op,
         "created_at": created_at.isoformat()},
        ensure_ascii=False, separators=(",", ":"),
    )
    return f'{head[:-1]},"payload":{payload_json}}}'.encode()


def join_push_items(parts: Iterable[bytes]) -> bytes:
    """A ``PushBatch`` of items encoded by ``encode_push_item``: ``PUSH_ENVELOPE_BYTES`` plus the items and
    a comma between each two."""
    return b'{"items":[' + b",".join(parts) + b"]}"


def encode_push_batch(rows: Iterable[tuple[str, str, str, str, str, dt.datetime]]) -> bytes:
    """A ``PushBatch`` as JSON from (idempotency_key, entity, entity_id, op, payload JSON text, created_at)
    rows, the payload text spliced in unchanged (it must be a JSON object, as the outbox stores it)."""
    return join_push_items(encode_push_item(*row) for row in rows)


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return response.text.strip()[:200] or response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail
    return json.dumps(detail if detail is not None else body, ensure_ascii=False)[:300]


class CentralClient:
    """One connection pool to one central system.  Use as a context manager or ``close()``."""

    def __init__(
        self,
        base_url: str,
        credential: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        insecure: bool = False,
        ca_bundle: str = "",
    ) -> None:
        self.base_url = check_central_url(base_url, "central_url", insecure=insecure)
        if is_loopback(urlsplit(self.base_url).hostname):
            trust_env = False  # never send loopback traffic to a proxy from the environment
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "User-Agent": "zhanchi-counter"}
        if credential:
            headers["Authorization"] = f"Bearer {credential}"
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, timeout=timeout, transport=transport, trust_env=trust_env,
            verify=tls_verification(ca_bundle, "ca_bundle"),
        )

    def close(self) -> None:
        self._http.close()

    def set_credential(self, credential: str) -> None:
        """Use ``credential`` from the next request on (after a rotation)."""
        self._http.headers["Authorization"] = f"Bearer {credential}"

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport ----------------------------------------------------------------------

    def _request(self, method: str, path: str, *, body: BaseModel | bytes | None = None,
                 timeout: float | None = None) -> httpx.Response:
        content = body.model_dump_json().encode("utf-8") if isinstance(body, BaseModel) else body
        extra: dict[str, Any] = {}
        if timeout is not None:
            extra["timeout"] = timeout
        try:
            response = self._http.request(
                method, path, content=content,
                headers={"Content-Type": "application/json"} if content is not None else None, **extra,
            )
        except httpx.TimeoutException as exc:
            raise CentralUnreachable.of("central.no_answer", error=type(exc).__name__, url=self.base_url) from exc
        except httpx.ConnectError as exc:
            if isinstance(exc.__context__, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
                raise CertificateUntrusted.of("central.certificate_untrusted", url=self.base_url) from exc
            raise CentralUnreachable.of("central.cannot_connect", url=self.base_url, error=type(exc).__name__) from exc
        except httpx.TransportError as exc:
            raise CentralUnreachable.of("central.cannot_connect", url=self.base_url, error=type(exc).__name__) from exc
        status = response.status_code
        if status in (401, 403):
            refused: list[str] = []
            if status == 403:
                try:
                    refused = PushRefused.model_validate_json(response.content).refused
                except ValidationError:
                    refused = []
            raise CentralRefused(_detail(response), status, refused)
        if status == 429 or status >= 500:
            raise CentralUnreachable.of("central.busy", status=status, detail=_detail(response))
        if status >= 400:
            raise ProtocolError(status=status, code="central.not_accepted",
                                params={"status": status, "detail": _detail(response)})
        return response

    def _call(self, method: str, path: str, answer: type[M], body: BaseModel | bytes | None = None,
              timeout: float | None = None) -> M:
        response = self._request(method, path, body=body, timeout=timeout)
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as exc:
            raise ProtocolError.of("central.unreadable_answer", error=exc.errors()[0].get("msg", "")) from exc

    # --- the protocol ---------------------------------------------------------------------

    def enrol(self, token: str, office_code: str, device_name: str, client_device_id: str = "") -> EnrolResponse:
        request = EnrolRequest(token=token, office_code=office_code, device_name=device_name,
                               client_device_id=client_device_id)
        return self._call("POST", f"{API_PREFIX}/enrol", EnrolResponse, request)

    def push(self, items: Sequence[PushItem]) -> PushAnswer:
        return self._call("POST", f"{API_PREFIX}/push", PushAnswer, PushBatch(items=list(items)))

    def push_encoded(self, batch_json: bytes) -> PushAnswer:
        """``push`` for a ``PushBatch`` already encoded (``encode_push_batch``): the outbox keeps each
        payload as JSON text, so the sync engine sends it as it is instead of parsing and re-encoding."""
        return self._call("POST", f"{API_PREFIX}/push", PushAnswer, batch_json)

    def pull(self, cursors: dict[str, int], limit: int | None = None, audit: AuditHead | None = None) -> PullAnswer:
        request = PullRequest(cursors=cursors, audit=audit) if limit is None \
            else PullRequest(cursors=cursors, limit=limit, audit=audit)
        return self._call("POST", f"{API_PREFIX}/pull", PullAnswer, request)

    def audit_anchor(self) -> AuditAnchor | None:
        """The head of this device's audit chain as the central system recorded it (issue 14.4)."""
        return self._call("POST", f"{API_PREFIX}/audit/anchor", AnchorAnswer).anchor

    def person(self, id_number: str, timeout: float | None = None) -> PersonAnswer:
        """The central registries' answer (issue 14.5: outside this office's pooling area only
        ``insured_elsewhere``).  ``ProtocolError`` for a number the protocol cannot carry."""
        try:
            query = PersonQuery(id_number=id_number)
        except ValidationError:
            raise ProtocolError.of("central.bad_id_number", id_number=id_number) from None
        return self._call("POST", f"{API_PREFIX}/registry/person", PersonAnswer, query, timeout=timeout)

    def employers(self, usccs: list[str], names: list[str]) -> EmployerAnswer:
        """A park's registry rows and the ledger of those people (a field day's preload), by employer
        credit codes or exact names (at most ``MAX_FIELD_EMPLOYERS`` a request)."""
        return self._call("POST", f"{API_PREFIX}/registry/employers", EmployerAnswer,
                          EmployerQuery(usccs=usccs, names=names))

    def progress(self, case_no: str, lookup_code: str, timeout: float | None = None) -> ProgressAnswer | None:
        """The case's progress, or None when no case has this number and lookup code (or either is not
        even made of the characters such numbers and codes have)."""
        try:
            query = ProgressQuery(case_no=case_no, lookup_code=lookup_code)
        except ValidationError:
            return None
        try:
            return self._call("POST", f"{API_PREFIX}/progress", ProgressAnswer, query, timeout=timeout)
        except ProtocolError as exc:
            if exc.status == 404:
                return None
            raise

    def rotate(self) -> RotateAnswer:
        """A new credential (issue 14.5); the old one works until the new one is first used."""
        return self._call("POST", f"{API_PREFIX}/rotate", RotateAnswer)

    def stats(self) -> Stats:
        return self._call("GET", f"{API_PREFIX}/stats", Stats)
