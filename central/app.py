"""The HTTP interface (FastAPI): the endpoints of the wire protocol (the ``wire`` package).

Every device endpoint needs ``Authorization: Bearer <device credential>``
(401 without a valid, unrevoked one).  ``/v1/enrol`` is authenticated by
the one-time enrolment token in its body; ``/v1/progress`` by the case
number together with the lookup code printed on the applicant's receipt (it
is what the applicant, who has no device credential, can show), and repeated
wrong codes from one client address are refused for a while, with backoff.

Hardening (``limits``): a body over the protocol's ``MAX_BODY_BYTES`` gets
413 before it is read, every request field has bounds (422, never 500), and
person lookups are limited per device and scoped to its pooling area (issue
14.7, 14.5).

The three requests a counter makes all day (pull, push, person lookup: nine in
ten of all) run on the worker's event loop, not in its thread pool: each is a
few short statements on a nearby PostgreSQL, and the hop to a thread and back,
with forty threads taking turns at the interpreter, cost a quarter of the
server's CPU a request at a national load (issue 19.6: 4.5 against 3.3 ms).
A worker answers those one at a time, so the service runs two worker processes
per core (``serve --workers``, README "Deployment"): while one waits on the
database, another has the core (at 1,000 simulated counters on 2 cores, 2
workers: idle round p95 107 ms; 4 workers: 39 ms).  What can run long (a field
preload, enrolment, progress pages) stays in the pool.
"""

import math
import os
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Engine

from central import audit_anchor, auth, field, incidents, pull, push
from central.db import make_engine, read, write
from central.limits import BodyLimit, Limits, LookupLimiter, Verdict, client_key
from central.observability import Metrics, RequestLog, configure_logging
from central.progress import progress as progress_answer
from central.progress_page import HEADERS, PAGE_HTML
from central.protect import LookupKey, key_path
from central.settings import ServiceSettings, from_environment
from desktop.models.progress_link import PAGE_PREFIX
from desktop.sync.client import is_loopback
from wire import (
    API_PREFIX,
    PROTOCOL_VERSION,
    AnchorAnswer,
    EmployerAnswer,
    EmployerQuery,
    EnrolRequest,
    EnrolResponse,
    Health,
    PersonAnswer,
    PersonQuery,
    ProgressAnswer,
    ProgressQuery,
    PullAnswer,
    PullRequest,
    PushAnswer,
    PushBatch,
    PushRefused,
    RotateAnswer,
    Stats,
)

LOG_LEVEL_ENV = "ZHANCHI_CENTRAL_LOG_LEVEL"  # set by ``serve`` for its worker processes
_TOO_LARGE: dict[int | str, dict[str, Any]] = {413: {"description": "the body is over MAX_BODY_BYTES"}}


def _too_many(message: str, wait: float) -> HTTPException:
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, message,
                         headers={"Retry-After": str(max(1, math.ceil(wait)))})


def _wait_text(seconds: float) -> str:
    return f"{math.ceil(seconds / 60)}分钟" if seconds >= 60 else f"{max(1, math.ceil(seconds))}秒"


def _rate_incident(per_minute: int) -> incidents.Incident:
    return incidents.Incident(
        incidents.KIND_LOOKUP_RATE, incidents.ACTION_REFUSED,
        f"设备每分钟查询人员登记信息超过{per_minute}次，已拒绝（HTTP 429），请核实是否为批量查询",
        details={"per_minute": per_minute})


def _json(model: PullAnswer | PushAnswer | PersonAnswer | EmployerAnswer) -> Response:
    # Already validated models: skip FastAPI's second validation pass (a pull page can be 20,000 rows).
    return Response(content=model.model_dump_json(), media_type="application/json")


def create_app(db_url: str | None = None, *, engine: Engine | None = None, limits: Limits | None = None,
               api_docs: bool = False, public_url: str = "") -> FastAPI:
    """The service.  ``api_docs``: serve ``/docs``, ``/redoc`` and ``/openapi.json`` (off unless asked
    for, issue 20.4: a public description of every endpoint helps nobody but an attacker).  ``public_url``:
    the address applicants reach this service at (issue 19.1); counters learn it and print it in receipts'
    QR codes, which open the progress page (``/p/<case_no>``)."""
    engine = engine if engine is not None else make_engine(db_url)
    limits = limits or Limits()
    lookup_key = LookupKey.load(key_path(engine.url))
    lookup_key.hash_plain_codes(engine)  # codes an earlier version kept as they were
    docs: dict[str, Any] = {} if api_docs else {"docs_url": None, "redoc_url": None, "openapi_url": None}
    app = FastAPI(
        title="展翅柜台 中心系统（参考实现）",
        summary="Reference central system of Zhanchi Counter: enrolment, push, pull, online verification, progress",
        version=f"{PROTOCOL_VERSION}",
        **docs,
    )
    app.state.engine = engine
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes)
    metrics = Metrics()
    app.add_middleware(RequestLog, metrics=metrics)  # outermost: a 413 is logged and counted too
    bearer = HTTPBearer(auto_error=False, description="the device credential received at enrolment")
    limiter = LookupLimiter(engine)

    def unauthorised(message: str) -> HTTPException:
        return HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})

    def checked(credentials: HTTPAuthorizationCredentials | None, conn: Connection) -> auth.Checked:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise unauthorised("需要设备凭据（Authorization: Bearer ...）")
        try:
            return auth.check(conn, credentials.credentials, idle_days=limits.credential_idle_days)
        except auth.CredentialRefused as exc:
            raise unauthorised(str(exc)) from None

    def authorised(credentials: HTTPAuthorizationCredentials | None) -> auth.Device:
        """The credential's device.  The busiest endpoints call it themselves: as a sync dependency it
        would be a hop to the thread pool and back (issue 19.6)."""
        with read(engine) as conn:
            found = checked(credentials, conn)
        auth.settle(engine, found)
        return found.device

    def current_device(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> auth.Device:
        return authorised(credentials)

    BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
    DeviceDep = Annotated[auth.Device, Depends(current_device)]

    @app.get("/healthz", response_model=Health, tags=["system"])
    def healthz() -> Health:
        return Health()

    @app.post(f"{API_PREFIX}/enrol", response_model=EnrolResponse, tags=["devices"],
              responses={401: {"description": "token unknown, used, expired or revoked"},
                         403: {"description": "token of another office"}, **_TOO_LARGE})
    def enrol(request: EnrolRequest) -> EnrolResponse:
        try:
            device, credential = auth.enrol(
                engine, request.token, request.office_code, request.device_name, request.client_device_id
            )
        except auth.EnrolmentRefused as exc:
            raise HTTPException(exc.status, str(exc)) from None
        return EnrolResponse(device_id=device.id, credential=credential, office_code=device.office_code,
                             region=device.region, public_url=public_url)

    @app.post(f"{API_PREFIX}/rotate", response_model=RotateAnswer, tags=["devices"],
              responses={401: {"description": "credential unknown, revoked or expired"}})
    def rotate(device: DeviceDep) -> RotateAnswer:
        """A new credential (issue 14.5); the old one works until the new one is first used."""
        return RotateAnswer(device_id=device.id, credential=auth.rotate(engine, device))

    @app.post(f"{API_PREFIX}/push", response_model=PushAnswer, tags=["sync"],
              responses={403: {"model": PushRefused, "description": "a change to another office's case"},
                         **_TOO_LARGE})
    async def push_batch(batch: PushBatch, credentials: BearerDep) -> Response:
        try:  # on the event loop (see the module docstring)
            answer = push.apply_batch(engine, authorised(credentials), batch, lookup_key)
        except push.PushRefused as exc:
            body = PushRefused(detail=str(exc), refused=exc.keys)
            return JSONResponse(status_code=status.HTTP_403_FORBIDDEN, content=body.model_dump())
        return _json(answer)

    @app.post(f"{API_PREFIX}/pull", response_model=PullAnswer, tags=["sync"])
    async def pull_changes(request: PullRequest, credentials: BearerDep) -> Response:
        # Two thirds of all requests, most of them idle: the device, its audit head (issue 14.4) and the
        # streams are read on one connection (issue 19.6); a new head is written, with the pages read, apart.
        # Nothing is written while that connection is held (a second one per request could empty the pool).
        # On the event loop (see the module docstring).
        with read(engine) as conn:
            found = checked(credentials, conn)
            same = audit_anchor.unchanged(conn, found.device, request.audit)
            answer = pull.pull(conn, found.device, request) if same is not None else None
        auth.settle(engine, found)
        if same is not None and answer is not None:
            anchor = same[0]
        else:  # a new head (after a push): recorded, and the streams read, in one write transaction
            with write(engine) as conn:
                anchor = audit_anchor.record(conn, found.device, request.audit)
                answer = pull.pull(conn, found.device, request)
        return _json(answer.model_copy(update={"audit_anchor": anchor, "public_url": public_url}))

    @app.get("/metrics", include_in_schema=False)
    def prometheus(request: Request) -> Response:
        """Prometheus metrics (``central.observability``), for clients on this computer only."""
        if not is_loopback(request.client.host if request.client else None):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "Not Found")
        return Response(metrics.render(engine), media_type="text/plain; version=0.0.4; charset=utf-8")

    @app.get(PAGE_PREFIX + "{case_no}", include_in_schema=False, response_class=HTMLResponse)
    def progress_page(case_no: str) -> HTMLResponse:
        """The applicant's progress page (static: the script reads the number and the code itself)."""
        return HTMLResponse(PAGE_HTML, headers=HEADERS)

    @app.post(f"{API_PREFIX}/audit/anchor", response_model=AnchorAnswer, tags=["sync"])
    def audit_anchor_of(device: DeviceDep) -> AnchorAnswer:
        """The head of this device's audit chain as last recorded here (``audit verify`` checks it)."""
        return AnchorAnswer(anchor=audit_anchor.anchor_of(engine, device))

    @app.post(f"{API_PREFIX}/registry/person", response_model=PersonAnswer, tags=["verification"],
              responses={429: {"description": "more lookups a minute than a counter needs"}})
    async def registry_person(query: PersonQuery, credentials: BearerDep) -> Response:
        """Limited per device and scoped to its pooling area (issue 14.5).  On the event loop (see
        the module docstring)."""
        device = authorised(credentials)
        answer = pull.person(engine, device, query.id_number, limits.lookups_per_minute)
        if isinstance(answer, Verdict):
            if answer.first_refusal:  # once per burst: a flood of refusals is not a flood of writes
                incidents.record_apart(engine, device, [_rate_incident(limits.lookups_per_minute)])
            raise _too_many(f"本机查询人员登记信息过于频繁（每分钟至多{limits.lookups_per_minute}次），"
                            f"请{_wait_text(answer.retry_after)}后再试", answer.retry_after)
        return _json(answer)

    @app.post(f"{API_PREFIX}/registry/employers", response_model=EmployerAnswer, tags=["verification"])
    def registry_employers(query: EmployerQuery, device: DeviceDep) -> Response:
        """Field preload: an industrial park's registry rows and the ledger of those people."""
        return _json(field.employers(engine, device, query))

    @app.post(f"{API_PREFIX}/progress", response_model=ProgressAnswer, tags=["progress"],
              responses={404: {"description": "no case with this number and lookup code"},
                         429: {"description": "too many wrong lookup codes from this address"}})
    def progress(query: ProgressQuery, request: Request) -> ProgressAnswer:
        # Keyed by client address (issue 14.7): a stranger's guesses do not lock the applicant out.
        address = client_key(request.client.host if request.client else None)
        case_no = "".join(query.case_no.split()).upper()
        wait = limiter.retry_after(address, case_no)
        if wait:
            raise _too_many(f"查询码错误次数过多，请{_wait_text(wait)}后再试", wait)
        answer = progress_answer(engine, query.case_no, query.lookup_code, lookup_key)
        if answer is None:
            limiter.failed(address, case_no)
            raise HTTPException(status.HTTP_404_NOT_FOUND, "没有与受理编号和查询码都相符的案件")
        limiter.succeeded(address, case_no)
        return answer

    @app.get(f"{API_PREFIX}/stats", response_model=Stats, tags=["system"])
    def stats(device: DeviceDep) -> Stats:
        return pull.stats(engine)

    return app


def app_from_settings(settings: ServiceSettings) -> FastAPI:
    return create_app(settings.db_url, limits=Limits(lookups_per_minute=settings.lookups_per_minute,
                                                     credential_idle_days=settings.credential_days),
                      api_docs=settings.api_docs, public_url=settings.public_url)


def app_from_environment() -> FastAPI:
    """uvicorn's factory for each worker process (``serve --workers N``): the settings come from the
    environment (``central.settings``)."""
    configure_logging(os.environ.get(LOG_LEVEL_ENV, "info"))
    return app_from_settings(from_environment())
