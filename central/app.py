"""The HTTP interface (FastAPI): the endpoints of ``desktop.sync.protocol``.

Every device endpoint needs ``Authorization: Bearer <device credential>``
(401 without a valid, unrevoked one).  ``/v1/enrol`` is authenticated by
the one-time enrolment token in its body; ``/v1/progress`` by the case
number together with the lookup code printed on the applicant's receipt (it
is what the applicant, who has no device credential, can show), and repeated
wrong codes for one case number are refused for a while.
"""

import threading
import time
from collections import defaultdict, deque
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from central import auth, field, pull, push
from central.db import make_engine
from desktop.sync.protocol import (
    API_PREFIX,
    PROTOCOL_VERSION,
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
    Stats,
)

LOOKUP_FAILURES_ALLOWED = 10  # wrong lookup codes per case number ...
LOOKUP_FAILURE_WINDOW = 3600.0  # ... per hour


class _FailureLimiter:
    """Wrong lookup codes per case number, in memory (a reference system runs one process)."""

    def __init__(self, allowed: int, window: float) -> None:
        self.allowed, self.window = allowed, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, key: str) -> bool:
        with self._lock:
            times = self._failures.get(key)
            if not times:
                return False
            cutoff = time.monotonic() - self.window
            while times and times[0] < cutoff:
                times.popleft()
            return len(times) >= self.allowed

    def fail(self, key: str) -> None:
        with self._lock:
            self._failures[key].append(time.monotonic())


def _json(model: PullAnswer | PushAnswer | PersonAnswer | EmployerAnswer) -> Response:
    # Already validated models: skip FastAPI's second validation pass (a pull page can be 20,000 rows).
    return Response(content=model.model_dump_json(), media_type="application/json")


def create_app(db_url: str | None = None, *, engine: Engine | None = None) -> FastAPI:
    engine = engine if engine is not None else make_engine(db_url)
    app = FastAPI(
        title="展翅柜台 中心系统（参考实现）",
        summary="Reference central system of Zhanchi Counter: enrolment, push, pull, online verification, progress",
        version=f"{PROTOCOL_VERSION}",
    )
    app.state.engine = engine
    bearer = HTTPBearer(auto_error=False, description="the device credential received at enrolment")
    limiter = _FailureLimiter(LOOKUP_FAILURES_ALLOWED, LOOKUP_FAILURE_WINDOW)

    def unauthorised(message: str) -> HTTPException:
        return HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})

    def current_device(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> auth.Device:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise unauthorised("需要设备凭据（Authorization: Bearer ...）")
        device = auth.authenticate(engine, credentials.credentials)
        if device is None:
            raise unauthorised("设备凭据无效或已被撤销，请重新注册本机")
        return device

    DeviceDep = Annotated[auth.Device, Depends(current_device)]

    @app.get("/healthz", response_model=Health, tags=["system"])
    def healthz() -> Health:
        return Health()

    @app.post(f"{API_PREFIX}/enrol", response_model=EnrolResponse, tags=["devices"],
              responses={401: {"description": "token unknown, used, expired or revoked"},
                         403: {"description": "token of another office"}})
    def enrol(request: EnrolRequest) -> EnrolResponse:
        try:
            device, credential = auth.enrol(
                engine, request.token, request.office_code, request.device_name, request.client_device_id
            )
        except auth.EnrolmentRefused as exc:
            raise HTTPException(exc.status, str(exc)) from None
        return EnrolResponse(device_id=device.id, credential=credential, office_code=device.office_code,
                             region=device.region)

    @app.post(f"{API_PREFIX}/push", response_model=PushAnswer, tags=["sync"],
              responses={403: {"model": PushRefused, "description": "a change to another office's case"}})
    def push_batch(batch: PushBatch, device: DeviceDep) -> Response:
        try:
            answer = push.apply_batch(engine, device, batch)
        except push.PushRefused as exc:
            body = PushRefused(detail=str(exc), refused=exc.keys)
            return JSONResponse(status_code=status.HTTP_403_FORBIDDEN, content=body.model_dump())
        return _json(answer)

    @app.post(f"{API_PREFIX}/pull", response_model=PullAnswer, tags=["sync"])
    def pull_changes(request: PullRequest, device: DeviceDep) -> Response:
        return _json(pull.pull(engine, device, request))

    @app.post(f"{API_PREFIX}/registry/person", response_model=PersonAnswer, tags=["verification"])
    def registry_person(query: PersonQuery, device: DeviceDep) -> Response:
        return _json(pull.person(engine, device, query.id_number))

    @app.post(f"{API_PREFIX}/registry/employers", response_model=EmployerAnswer, tags=["verification"])
    def registry_employers(query: EmployerQuery, device: DeviceDep) -> Response:
        """Field preload: an industrial park's registry rows and the ledger of those people."""
        return _json(field.employers(engine, device, query))

    @app.post(f"{API_PREFIX}/progress", response_model=ProgressAnswer, tags=["progress"],
              responses={404: {"description": "no case with this number and lookup code"},
                         429: {"description": "too many wrong lookup codes for this case number"}})
    def progress(query: ProgressQuery) -> ProgressAnswer:
        key = "".join(query.case_no.split()).upper()
        if limiter.blocked(key):
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "查询码错误次数过多，请一小时后再试")
        answer = pull.progress(engine, query.case_no, query.lookup_code)
        if answer is None:
            limiter.fail(key)
            raise HTTPException(status.HTTP_404_NOT_FOUND, "没有与受理编号和查询码都相符的案件")
        return answer

    @app.get(f"{API_PREFIX}/stats", response_model=Stats, tags=["system"])
    def stats(device: DeviceDep) -> Stats:
        return pull.stats(engine)

    return app
