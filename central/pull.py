"""What a counter reads from the central system: pull, person lookup, stats (progress: ``central.progress``).

Pull answers, per stream, the rows whose change sequence is above the
counter's cursor, oldest first, at most ``limit`` of them (see ``db`` for
why the cursor is safe).  Registry rows and ledger entries are limited to
the office's region (the first four digits of its code); annotations to the
office's own cases; reference files go to everyone.  A ledger entry is
``active`` for an office only where it counts against the person there
(``authority``, issue 14.3).
"""

from __future__ import annotations

import json
import re
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Connection, Engine, bindparam, func, select, union_all

from central import authority
from central.auth import Device, active_device_count
from central.db import (
    case_notes,
    cases,
    counters,
    duplicate_findings,
    ledger,
    lock_device,
    read,
    reference_files,
    registry_certificates,
    registry_insured,
    registry_lookups,
    utcnow,
    write,
)
from central.limits import Verdict, lookup_rate
from wire import (
    CERTIFICATE_COLUMNS,
    INSURED_COLUMNS,
    MAX_SEQ,
    STREAM_ANNOTATIONS,
    STREAM_CERTIFICATES,
    STREAM_INSURED,
    STREAM_LEDGER,
    STREAM_REFERENCE,
    STREAMS,
    Annotation,
    PersonAnswer,
    PullAnswer,
    PullRequest,
    ReferenceFile,
    Stats,
)

OFFICE_TZ = ZoneInfo("Asia/Shanghai")
REGION_CODE = re.compile(r"[0-9]{6}")


# A page: the rows above the cursor, one more than asked (to know whether there are more).
_CURSOR: BindParameter[int] = bindparam("cursor")
_LIMIT: BindParameter[int] = bindparam("limit")


def _paged(query: Any, seq: Any) -> Any:
    return query.where(seq > _CURSOR).order_by(seq).limit(_LIMIT)


def _ledger_pages() -> Any:
    """The region's ledger page: entries filed in it or of people insured in it.  Two disjoint arms,
    each ordered by its own index ((office_region, seq), (insured_region, seq)), merged in the same
    statement: one query with ``OR`` sorted every matching row above the cursor (399 ms and a 40 MB
    sort on 3M rows with 660k in one region, against 11 ms; issue 19.6).  One statement, so one
    snapshot: two statements each see what is committed when they run, and an entry committed
    between them in the first arm, below the second arm's rows, would be passed by the cursor for good."""
    base = _paged(authority.ledger_with_authority(), ledger.c.seq)
    region: BindParameter[str] = bindparam("region")
    filed_here = base.where(ledger.c.office_region == region).subquery()
    insured_here = base.where(ledger.c.insured_region == region, ledger.c.office_region != region).subquery()
    both = union_all(select(filed_here), select(insured_here)).subquery()
    return select(both).order_by(both.c.seq).limit(_LIMIT)


# Each stream's page for a device (the region's rows, the office's annotations, every reference file),
# built once: a busy day moves the ledger and the annotations all the time, so even an idle round
# asks for their pages, and SQLAlchemy builds and keys a statement in about as long as PostgreSQL takes
# to answer it (issue 19.6).
_PAGES: dict[str, Any] = {
    STREAM_INSURED: _paged(select(*[registry_insured.c[c] for c in INSURED_COLUMNS], registry_insured.c.seq)
                           .where(registry_insured.c.region == bindparam("region")), registry_insured.c.seq),
    STREAM_CERTIFICATES: _paged(
        select(*[registry_certificates.c[c] for c in CERTIFICATE_COLUMNS], registry_certificates.c.seq)
        .where(registry_certificates.c.region == bindparam("region")), registry_certificates.c.seq),
    STREAM_LEDGER: _ledger_pages(),
    STREAM_ANNOTATIONS: _paged(select(case_notes).where(case_notes.c.office_code == bindparam("office")),
                               case_notes.c.seq),
    STREAM_REFERENCE: _paged(select(reference_files), reference_files.c.seq),
}
_LATEST = select(counters.c.stream, counters.c.last_seq)


def _page(conn: Connection, stream: str, device: Device, cursor: int, limit: int) -> tuple[list[Any], int, bool]:
    """The rows of ``stream`` above ``cursor`` for ``device``, oldest first, at most ``limit``; the new
    cursor; whether there are more."""
    rows = list(conn.execute(_PAGES[stream], {"cursor": cursor, "limit": limit + 1, "region": device.region,
                                              "office": device.office_code}))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].seq if rows else cursor), more


def pull(conn: Connection, device: Device, request: PullRequest) -> PullAnswer:
    """Each stream's page above its cursor, read on the request's own connection.  A stream whose cursor
    is at its counter's last sequence has nothing new for anyone: it is not queried."""
    cursors = {s: max(0, int(request.cursors.get(s, 0))) for s in STREAMS}
    limit = request.limit
    new = dict(cursors)
    pages: dict[str, list[Any]] = dict.fromkeys(STREAMS, [])
    more = False
    latest = {stream: int(seq) for stream, seq in conn.execute(_LATEST)}
    for stream in STREAMS:
        if cursors[stream] >= latest.get(stream, MAX_SEQ):
            continue  # nothing new for anyone
        pages[stream], new[stream], m = _page(conn, stream, device, cursors[stream], limit)
        more |= m
    return PullAnswer.model_construct(
        insured=[tuple(r)[:-1] for r in pages[STREAM_INSURED]],
        certificates=[tuple(r)[:-1] for r in pages[STREAM_CERTIFICATES]],
        ledger=[authority.entry_for(r, device.office_code) for r in pages[STREAM_LEDGER]],  # as this office counts
        annotations=[Annotation(id=r.id, case_id=r.case_id, case_no=r.case_no, kind=r.kind, message=r.message,
                                details=json.loads(r.details_json), created_at=r.created_at)
                     for r in pages[STREAM_ANNOTATIONS]],
        reference=[ReferenceFile(path=r.path, sha256=r.sha256, content=r.content, published_at=r.published_at)
                   for r in pages[STREAM_REFERENCE]],
        cursors=new, more=more, server_time=utcnow(),
    )


def _in_area(device: Device, region: str) -> bool:
    """Whether ``region`` is in the pooling area of the device's office (by the policy in force today)."""
    if not REGION_CODE.fullmatch(region):
        return False
    level = authority.pooling_level(utcnow().astimezone(OFFICE_TZ).date(), device.office_code)
    return authority.area_key(region, level) == authority.area_key(device.office_code, level)


_INSURED_PERSON = select(*[registry_insured.c[c] for c in INSURED_COLUMNS], registry_insured.c.updated_at).where(
    registry_insured.c.id_number == bindparam("id_number"))
_PERSON_CERTIFICATES = (
    select(*[registry_certificates.c[c] for c in CERTIFICATE_COLUMNS], registry_certificates.c.updated_at)
    .where(registry_certificates.c.id_number == bindparam("id_number"))
    .order_by(registry_certificates.c.issue_date, registry_certificates.c.number))


def person(engine: Engine, device: Device, id_number: str, per_minute: int) -> PersonAnswer | Verdict:
    """The registries' rows of one person, for a counter's online verification; the lookup is
    kept (``registry_lookups``: which device of which office asked, when, and whether found).
    A device past ``per_minute`` lookups in the last minute gets the refusal's ``Verdict`` instead, and
    nothing is kept (counted in the same transaction: every worker process agrees).

    Scoped (issue 14.5): a person insured outside the office's pooling area is answered only with
    ``insured_elsewhere``; the certificates of a person the insured registry does not know only
    where the ID number was issued in the office's area."""
    number = "".join(id_number.split()).upper()
    now = utcnow()
    with write(engine) as conn:  # one transaction: a lookup is a third of a busy counter's requests (19.6)
        lock_device(conn, device.id)
        verdict = lookup_rate(conn, device.id, per_minute, now)
        if verdict.retry_after:
            return verdict
        row = conn.execute(_INSURED_PERSON, {"id_number": number}).first()
        certs = list(conn.execute(_PERSON_CERTIFICATES, {"id_number": number}))
        conn.execute(registry_lookups.insert(), {"at": now, "device_id": device.id, "office_code": device.office_code,
                                                 "id_number": number, "found": row is not None or bool(certs)})
    if not _in_area(device, row.insured_region if row is not None else number[:6]):
        elsewhere = row.insured_region if row is not None and REGION_CODE.fullmatch(row.insured_region) else None
        return PersonAnswer(insured_elsewhere=elsewhere, server_time=now)
    return PersonAnswer(
        person=tuple(row)[:-1] if row is not None else None,
        person_updated_at=row.updated_at if row is not None else None,
        certificates=[tuple(c)[:-1] for c in certs],
        certificates_updated_at=max((c.updated_at for c in certs), default=None),
        server_time=now,
    )


def lookups_of(engine: Engine, id_number: str) -> list[dict[str, Any]]:
    """Every online lookup of this person, oldest first: when, which office and device, found."""
    with read(engine) as conn:
        rows = conn.execute(
            select(registry_lookups.c.at, registry_lookups.c.office_code, registry_lookups.c.device_id,
                   registry_lookups.c.found)
            .where(registry_lookups.c.id_number == id_number)
            .order_by(registry_lookups.c.at, registry_lookups.c.id))
        return [{"at": row.at.isoformat(), "office_code": row.office_code, "device_id": row.device_id,
                 "found": bool(row.found)} for row in rows]


def stats(engine: Engine) -> Stats:
    with read(engine) as conn:
        def count(table: Any, *where: Any) -> int:
            return int(conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)

        return Stats(
            cases=count(cases),
            devices=active_device_count(conn),
            ledger=count(ledger, ledger.c.active.is_(True)),
            duplicates_flagged=count(duplicate_findings),
        )
