"""Field mode: a day at an industrial park with no network, then back to the office.

Before going out (``start_field_day``) the laptop takes the registry rows and
the ledger of the park's employers — a list of unified social credit codes
or exact employer names — either from the central system (one request,
``/v1/registry/employers``: the rows as they are now, plus every national
ledger entry of those people) or, with no network, from the local copy it
already holds (then it only counts what it has, so the clerk sees before
leaving whether the park is covered).  The data folder is marked "in the
field" in ``meta`` (``field_mode``), with the employers, the counts and
what the data is as of.

At the park nothing changes in how the counter works: intake and
verification run against the local copy, case numbers come from the
device's own sequence (``office-DEVICE-date-nnnn``: two laptops never
collide), and receipts are provisional because the cases wait in the outbox
(``case_documents``: a receipt is provisional until the central duplicate
check has seen the case).  ``in_field`` lets any screen or document say so.

Back in the office: sync, ``end_field_day``, then ``reconcile`` lists every
case of the day — taken on this device between the start and the end — with
what the central system said on arrival (entered in the national ledger, a
duplicate claim found at another counter, a change refused) and what the
clerk must do about each; ``desktop.documents.reconciliation`` prints it.

Field days are kept in ``meta`` (``field_day.<id>``), so a reconciliation
sheet can be printed again later.  Nothing here needs a new table.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import audit, ledger, sync_state
from desktop.models.cases import State
from desktop.models.errors import Conflict, InvalidInput
from desktop.models.ledger import CentralEntry
from desktop.models.outbox import OutboxState
from desktop.models.outreach import split_employers
from desktop.models.registry import META_AS_OF, import_registry
from desktop.models.registry_files import RegistryFile, RegistryKind
from desktop.models.schema import (
    AuditLog,
    Case,
    CaseAnnotation,
    Ledger,
    Meta,
    Outbox,
    RegistryCertificate,
    RegistryInsured,
    utc_text,
)
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store, get_meta, set_meta

META_FIELD_MODE = "field_mode"  # the id of the field day in progress; absent: in the office
META_FIELD_DAY_PREFIX = "field_day."  # field_day.<id>: one JSON record per field day
SOURCE_CENTRAL = "central"
SOURCE_LOCAL = "local"
MAX_EMPLOYERS = 2000
_CHUNK = 500


@dataclass(frozen=True)
class FieldDay:
    id: str
    label: str  # the park, as the clerk names it
    employers: tuple[str, ...]  # codes and names asked for
    source: str  # central | local
    office_code: str
    device_code: str
    started_at: dt.datetime
    started_by: str
    insured: int  # registry rows of those employers on the laptop
    certificates: int
    ledger: int  # ledger entries of those people on the laptop
    unmatched: tuple[str, ...] = ()  # codes or names no insured row has
    data_as_of: dt.datetime | None = None  # the central answer's time, or the local copy's import/sync time
    ended_at: dt.datetime | None = None
    ended_by: str | None = None

    @property
    def in_progress(self) -> bool:
        return self.ended_at is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "employers": list(self.employers), "source": self.source,
            "office_code": self.office_code, "device_code": self.device_code,
            "started_at": utc_text(self.started_at), "started_by": self.started_by,
            "insured": self.insured, "certificates": self.certificates, "ledger": self.ledger,
            "unmatched": list(self.unmatched),
            "data_as_of": utc_text(self.data_as_of) if self.data_as_of else None,
            "ended_at": utc_text(self.ended_at) if self.ended_at else None, "ended_by": self.ended_by,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FieldDay:
        def instant(value: Any) -> dt.datetime | None:
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC) if value else None

        started = instant(data["started_at"])
        assert started is not None
        return cls(
            id=data["id"], label=data.get("label", ""), employers=tuple(data.get("employers", ())),
            source=data.get("source", SOURCE_LOCAL), office_code=data.get("office_code", ""),
            device_code=data.get("device_code", ""), started_at=started, started_by=data.get("started_by", ""),
            insured=int(data.get("insured", 0)), certificates=int(data.get("certificates", 0)),
            ledger=int(data.get("ledger", 0)), unmatched=tuple(data.get("unmatched", ())),
            data_as_of=instant(data.get("data_as_of")), ended_at=instant(data.get("ended_at")),
            ended_by=data.get("ended_by"),
        )


@dataclass(frozen=True)
class Preload:
    """What the central system answered for a park (rows as the registry files have them)."""

    insured: list[tuple[Any, ...]]
    certificates: list[tuple[Any, ...]]
    ledger: list[CentralEntry]
    unmatched: list[str]
    as_of: dt.datetime


Fetch = Callable[[list[str], list[str]], Preload]


# --- reading the state -------------------------------------------------------------------


def _load_day(session: Session, day_id: str) -> FieldDay | None:
    text = get_meta(session, META_FIELD_DAY_PREFIX + day_id)
    return None if text is None else FieldDay.from_json(json.loads(text))


def _save_day(session: Session, day: FieldDay) -> None:
    set_meta(session, META_FIELD_DAY_PREFIX + day.id, json.dumps(day.to_json(), ensure_ascii=False, sort_keys=True))


def in_field(session: Session) -> bool:
    """True while the data folder is marked "in the field" (receipts and screens say so)."""
    return get_meta(session, META_FIELD_MODE) is not None


def current_field_day(store: Store) -> FieldDay | None:
    with store.session(readonly=True) as session:
        day_id = get_meta(session, META_FIELD_MODE)
        return None if day_id is None else _load_day(session, day_id)


def list_field_days(store: Store) -> list[FieldDay]:
    """Every field day of this data folder, newest first."""
    with store.session(readonly=True) as session:
        texts = session.scalars(select(Meta.value).where(Meta.key.like(META_FIELD_DAY_PREFIX + "%")))
        days = [FieldDay.from_json(json.loads(t)) for t in texts]
    return sorted(days, key=lambda d: d.started_at, reverse=True)


def field_day(store: Store, day_id: str | None = None) -> FieldDay:
    """A field day by id, or the newest one; ``InvalidInput`` naming ``field_day`` when there is none."""
    if day_id is None:
        days = list_field_days(store)
        if not days:
            raise InvalidInput.about("field_day", "field.no_days")
        return days[0]
    with store.session(readonly=True) as session:
        day = _load_day(session, day_id)
    if day is None:
        raise InvalidInput.about("field_day", "field.no_such_day", day=day_id)
    return day


# --- going out --------------------------------------------------------------------------


def _employer_filter(usccs: Sequence[str], names: Sequence[str]) -> Any:
    clauses = []
    if usccs:
        clauses.append(RegistryInsured.employer_uscc.in_(list(usccs)))
    if names:
        clauses.append(RegistryInsured.employer_name.in_(list(names)))
    return or_(*clauses)


def _coverage(session: Session, usccs: Sequence[str], names: Sequence[str]) -> tuple[int, int, int, list[str]]:
    """(insured rows, certificates, ledger entries, unmatched entries) the local copy holds for the employers."""
    people = select(RegistryInsured.id_number).where(_employer_filter(usccs, names))
    insured = int(session.scalar(select(func.count()).select_from(people.subquery())) or 0)
    certificates = int(session.scalar(
        select(func.count()).select_from(RegistryCertificate).where(RegistryCertificate.id_number.in_(people))
    ) or 0)
    ledger = int(session.scalar(select(func.count()).select_from(Ledger).where(Ledger.id_number.in_(people))) or 0)
    known_usccs = set(session.scalars(
        select(RegistryInsured.employer_uscc).where(RegistryInsured.employer_uscc.in_(list(usccs))).distinct()
    )) if usccs else set()
    known_names = set(session.scalars(
        select(RegistryInsured.employer_name).where(RegistryInsured.employer_name.in_(list(names))).distinct()
    )) if names else set()
    unmatched = [u for u in usccs if u not in known_usccs] + [n for n in names if n not in known_names]
    return insured, certificates, ledger, unmatched


def _write_preload(store: Store, preload: Preload) -> None:
    """The central answer into the local copy: registry upserts, ledger entries (``source = 'central'``).

    The registries' "as of" stays what it was when the copy already held
    rows: a park's rows being fresh says nothing about the rest of the region.
    """
    with store.session(readonly=True) as session:
        before = {kind: get_meta(session, key) for kind, key in META_AS_OF.items()}
    registries: tuple[tuple[RegistryKind, list[tuple[Any, ...]]], ...] = (
        ("insured", preload.insured), ("certificates", preload.certificates))
    for kind, rows in registries:
        if rows:
            registry_file = RegistryFile(kind=kind, rows=[tuple(r) for r in rows], errors=[], total=len(rows),
                                         source="central")
            import_registry(store, registry_file, as_of=preload.as_of)
    with store.session() as session:
        ledger.write_central_entries(session, preload.ledger)  # the sync's rule too
        for kind, key in META_AS_OF.items():
            if before[kind] is not None:
                set_meta(session, key, before[kind])  # type: ignore[arg-type]


def start_field_day(
    store: Store,
    actor: StaffUser,
    *,
    label: str,
    employers: Iterable[str],
    fetch: Fetch | None = None,
) -> FieldDay:
    """Prepare the laptop for a park and mark the data folder "in the field".

    ``fetch`` (``desktop.sync.field_preload.central_fetcher(store)``) brings the employers' rows from the
    central system first; without it the local copy is used as it is.  A
    fetch that fails raises its error and leaves the folder in the office.
    """
    require(actor, Action.case_create)
    label = " ".join((label or "").split())
    if not label:
        raise InvalidInput.about("label", "field.no_place")
    if len(label) > 100:
        raise InvalidInput.about("label", "field.place_too_long")
    usccs, names = split_employers(employers)
    if not usccs and not names:
        raise InvalidInput.about("employers", "field.no_employers")
    if len(usccs) + len(names) > MAX_EMPLOYERS:
        raise InvalidInput.about("employers", "field.too_many_employers", most=MAX_EMPLOYERS)
    if current_field_day(store) is not None:
        raise Conflict.of("field.already_out")
    preload = fetch(usccs, names) if fetch is not None else None
    if preload is not None:
        _write_preload(store, preload)
    now = store.clock.now()
    with store.session() as session:
        if get_meta(session, META_FIELD_MODE) is not None:
            raise Conflict.of("field.already_out")
        insured, certificates, ledger, unmatched = _coverage(session, usccs, names)
        if preload is not None:
            as_of: dt.datetime | None = preload.as_of
        else:
            stamps = [get_meta(session, key) for key in META_AS_OF.values()]
            known = [dt.datetime.fromisoformat(s).astimezone(dt.UTC) for s in stamps if s]
            as_of = min(known) if known else None
        day = FieldDay(
            id=f"{store.clock.local_now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}", label=label,
            employers=tuple(usccs + names), source=SOURCE_CENTRAL if preload is not None else SOURCE_LOCAL,
            office_code=store.office_code, device_code=store.device_code, started_at=now,
            started_by=actor.username, insured=insured, certificates=certificates, ledger=ledger,
            unmatched=tuple(unmatched), data_as_of=as_of,
        )
        _save_day(session, day)
        set_meta(session, META_FIELD_MODE, day.id)
        session.flush()
        audit.record(session, actor=actor.username, action="field.start", entity="field_day", entity_id=day.id,
                     before=None, after=day.to_json(), at=now)
    return day


def end_field_day(store: Store, actor: StaffUser) -> FieldDay:
    """Back in the office: the data folder is no longer "in the field" (sync first, then reconcile)."""
    require(actor, Action.case_create)
    now = store.clock.now()
    with store.session() as session:
        day_id = get_meta(session, META_FIELD_MODE)
        day = None if day_id is None else _load_day(session, day_id)
        if day is None:
            raise Conflict.of("field.not_out")
        day = replace(day, ended_at=now, ended_by=actor.username)
        _save_day(session, day)
        session.execute(delete(Meta).where(Meta.key == META_FIELD_MODE))
        audit.record(session, actor=actor.username, action="field.end", entity="field_day", entity_id=day.id,
                     before={"ended_at": None}, after={"ended_at": utc_text(now)}, at=now)
    return day


# --- back in the office: reconciliation -----------------------------------------------------

# What a case came to, in the order a clerk should deal with them.
STATUS_REJECTED = "rejected"  # the central system refused a change of the case
STATUS_PENDING = "pending"  # not synced yet
STATUS_DUPLICATE = "duplicate"  # the same claim accepted elsewhere
STATUS_AWAITING = "awaiting"  # synced, the ledger entry not back yet
STATUS_DRAFT = "draft"  # waiting for materials: no receipt
STATUS_CLOSED = "closed"  # withdrawn or rejected since
STATUS_CONFIRMED = "confirmed"  # in the national ledger, no duplicate
STATUS_ORDER = (STATUS_REJECTED, STATUS_PENDING, STATUS_DUPLICATE, STATUS_AWAITING, STATUS_DRAFT, STATUS_CLOSED,
                STATUS_CONFIRMED)
STATUS_LABELS = {
    STATUS_REJECTED: "中心拒收",
    STATUS_PENDING: "未同步",
    STATUS_DUPLICATE: "重复申领",
    STATUS_AWAITING: "待中心确认",
    STATUS_DRAFT: "待补材料",
    STATUS_CLOSED: "已撤回/驳回",
    STATUS_CONFIRMED: "已确认",
}


@dataclass(frozen=True)
class ReconItem:
    case_id: str
    case_no: str
    applicant_name: str
    id_number: str
    occupation_code: str
    occupation_name: str
    level: int
    amount_yuan: int
    state: str
    disputed: bool
    accepted_at: dt.datetime | None
    receipts_printed: int  # receipt prints during the field day
    status: str
    finding: str  # what the central system said (or why nothing yet)
    action: str  # what the clerk must do

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RefusedChange:
    """A refused outbox row of the field day that belongs to no listed case."""

    op: str
    entity_id: str
    reason: str


@dataclass(frozen=True)
class Reconciliation:
    field_day: FieldDay
    items: tuple[ReconItem, ...]
    refused: tuple[RefusedChange, ...]
    last_sync: dt.datetime | None
    made_at: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def receipts(self) -> int:
        """Cases accepted in the field (each one had a receipt to hand over)."""
        return sum(1 for i in self.items if i.accepted_at is not None)

    @property
    def complete(self) -> bool:
        """Every case of the day reached the central system and was answered."""
        return not any(i.status in (STATUS_PENDING, STATUS_AWAITING) for i in self.items) and not self.refused

    def to_json(self) -> dict[str, Any]:
        return {
            "field_day": self.field_day.to_json(),
            "cases": len(self.items),
            "receipts": self.receipts,
            "counts": dict(self.counts),
            "complete": self.complete,
            "last_sync": utc_text(self.last_sync) if self.last_sync else None,
            "items": [
                {"case_no": i.case_no, "status": i.status, "state": i.state, "finding": i.finding, "action": i.action}
                for i in self.items
            ],
            "refused": [{"op": r.op, "entity_id": r.entity_id, "reason": r.reason} for r in self.refused],
        }


_ACTIONS = {
    STATUS_REJECTED: "核对拒收原因并改正后，在“同步问题”中重新发送；属他办事处案件的，联系中心系统管理员",
    STATUS_PENDING: "联网后执行同步，再重新打印本对账单",
    STATUS_DUPLICATE: ("核实两案是否同一申请：同一职业同一等级只能补贴一次，保留先受理的一件，另一件撤回或审核驳回"
                       "并告知申请人，收回临时回执"),
    STATUS_AWAITING: "已上传，中心尚未记入台账：稍后再同步一次，再重新打印本对账单",
    STATUS_DRAFT: "未出具受理回执：按一次性告知书联系申请人补齐材料后受理",
    STATUS_CLOSED: "无需处理",
    STATUS_CONFIRMED: "无需处理；申请人需要时可补打正式回执",
}


def _in_window(column: Any, start: dt.datetime, end: dt.datetime) -> Any:
    return (column >= start) & (column <= end)


def reconcile(store: Store, day_id: str | None = None) -> Reconciliation:
    """Every case of a field day and what became of it; see the module docstring."""
    day = field_day(store, day_id)
    end = day.ended_at or store.clock.now()
    start = day.started_at
    with store.session(readonly=True) as session:
        cases = list(session.scalars(
            select(Case).where(
                Case.device_id == store.device_id,
                or_(_in_window(Case.created_at, start, end), _in_window(Case.accepted_at, start, end)),
            ).order_by(Case.case_no)
        ))
        ids = [c.id for c in cases]
        outbox_rows: dict[str, list[Outbox]] = {}
        notes: dict[str, list[CaseAnnotation]] = {}
        prints: dict[str, int] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            for row in session.scalars(select(Outbox).where(Outbox.entity_id.in_(chunk)).order_by(Outbox.id)):
                outbox_rows.setdefault(row.entity_id, []).append(row)
            for note in session.scalars(
                select(CaseAnnotation).where(CaseAnnotation.case_id.in_(chunk)).order_by(CaseAnnotation.created_at)
            ):
                notes.setdefault(note.case_id, []).append(note)
            for entity_id, count in session.execute(
                select(AuditLog.entity_id, func.count()).where(
                    AuditLog.entity == "case", AuditLog.entity_id.in_(chunk), AuditLog.action == "document.receipt",
                    AuditLog.at >= utc_text(start), AuditLog.at <= utc_text(end),
                ).group_by(AuditLog.entity_id)
            ):
                prints[entity_id] = int(count)
        listed = set(ids)
        refused = [
            RefusedChange(row.op, row.entity_id, row.last_error or "")
            for row in session.scalars(
                select(Outbox).where(Outbox.state == OutboxState.rejected.value,
                                     _in_window(Outbox.created_at, start, end)).order_by(Outbox.id)
            )
            if row.entity_id not in listed
        ]
        last_sync = sync_state.last_sync(session)
        items = [_item(c, outbox_rows.get(c.id, []), notes.get(c.id, []), prints.get(c.id, 0)) for c in cases]
    order = {status: i for i, status in enumerate(STATUS_ORDER)}
    items.sort(key=lambda i: (order[i.status], i.case_no))
    counts = {status: sum(1 for i in items if i.status == status) for status in STATUS_ORDER}
    return Reconciliation(day, tuple(items), tuple(refused), last_sync, store.clock.now(), counts)


def _counts(ledger_note: dict[str, object]) -> bool:
    """In the national ledger as a claim that counts: active, and authoritative (filed in the person's
    insured area, or paid) — a claim filed elsewhere is only a note (issue 14.3)."""
    return ledger_note.get("active") is True and ledger_note.get("authoritative", True) is not False


def _item(case: Case, rows: list[Outbox], notes: list[CaseAnnotation], prints: int) -> ReconItem:
    state = State(case.state)
    rejected = [r for r in rows if r.state == OutboxState.rejected.value]
    pending = [r for r in rows if r.state == OutboxState.pending.value]
    duplicates = [n for n in notes if n.kind == "duplicate"]
    entered = [n for n in notes if n.kind == "ledger" and _counts(json.loads(n.details_json or "{}"))]
    if rejected:
        status = STATUS_REJECTED
        finding = "；".join(dict.fromkeys(r.last_error or "中心系统拒收（未说明原因）" for r in rejected))
    elif pending:
        status, finding = STATUS_PENDING, f"{len(pending)}项变更尚未同步到中心系统"
    elif duplicates:
        status, finding = STATUS_DUPLICATE, duplicates[-1].message
    elif state is State.draft:
        status, finding = STATUS_DRAFT, "草稿（材料不齐，未受理）"
    elif state in (State.withdrawn, State.rejected):
        status, finding = STATUS_CLOSED, state.label
    elif entered:
        status, finding = STATUS_CONFIRMED, entered[-1].message
    else:
        status, finding = STATUS_AWAITING, "已上传，中心系统尚未反馈台账记录"
    action = _ACTIONS[status]
    if case.disputed and status != STATUS_CLOSED:
        action += "（核验不符仍受理的争议案件，请提示审核人员）"
    if status in (STATUS_CONFIRMED, STATUS_DUPLICATE, STATUS_AWAITING) and case.accepted_at and prints == 0:
        action += "；外出期间未打印受理回执，请补打并交申请人"
    return ReconItem(
        case_id=case.id, case_no=case.case_no, applicant_name=case.applicant_name, id_number=case.id_number,
        occupation_code=case.occupation_code, occupation_name=case.occupation_name, level=case.cert_level,
        amount_yuan=case.amount_yuan, state=state.value, disputed=case.disputed, accepted_at=case.accepted_at,
        receipts_printed=prints, status=status, finding=finding, action=action,
    )


__all__ = [
    "META_FIELD_DAY_PREFIX",
    "META_FIELD_MODE",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "FieldDay",
    "Preload",
    "Reconciliation",
    "ReconItem",
    "RefusedChange",
    "current_field_day",
    "end_field_day",
    "field_day",
    "in_field",
    "list_field_days",
    "reconcile",
    "start_field_day",
]
