"""The case lifecycle and the services that move cases through it.

``TRANSITIONS`` is the one table of allowed state changes and the action
(permission) each needs.  ``SERVICE_MOVES`` marks those only a back-office
service makes (review, publicity, approval, payments); ``transition`` makes
the others.  Every service runs in one transaction that writes the case
change, its audit entry and its outbox row together; input is checked before
the transaction opens, so bad input writes nothing.
Services return ``CaseRecord`` values, never ORM objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import audit, messages, outbox
from desktop.models.application import CERT_KINDS, PAYMENT_KINDS, Intake
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from desktop.models.identity import normalize_id_number
from desktop.models.names import check_employer_name, check_holder_name, check_person_name
from desktop.models.policy import OFFICE_CHECKED_CODES
from desktop.models.schema import Case, CaseSequence, Ledger, utc_text
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store, random_code

LOOKUP_CODE_LENGTH = 6


class MaterialsMissing(Conflict):
    """Accepting a case whose materials were neither received nor checked by information sharing, without
    the clerk's confirmation naming each of them (issue 16.4): such a case stays 待补正 (a draft).
    ``missing`` maps each code still missing to its name, in the list's order."""

    def __init__(self, case_no: str, missing: Mapping[str, str]) -> None:
        names = "、".join(missing.values())
        if case_no:
            super().__init__(code="materials.missing_in_case", params={"case_no": case_no, "materials": names})
        else:
            super().__init__(code="materials.missing", params={"materials": names})
        self.case_no = case_no
        self.missing = dict(missing)


class SupplementRefused(Conflict):
    """Materials handed in later (补正) cannot be recorded on this case now (its state, or nothing listed)."""


class State(StrEnum):
    draft = "draft"
    accepted = "accepted"
    under_review = "under_review"
    rejected = "rejected"
    publicized = "publicized"
    approved = "approved"
    paid = "paid"
    payment_failed = "payment_failed"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def label_context(self) -> str:
        """Where the label is translated (``models.messages``): the window's case lists say it too."""
        return messages.STATE_CONTEXT


_STATE_LABELS = {
    State.draft: "草稿",
    State.accepted: "已受理",
    State.under_review: "审核中",
    State.rejected: "已驳回",
    State.publicized: "公示中",
    State.approved: "已批准",
    State.paid: "已发放",
    State.payment_failed: "发放失败",
    State.withdrawn: "已撤回",
}

TRANSITIONS: Mapping[tuple[State, State], Action] = MappingProxyType(
    {
        (State.draft, State.accepted): Action.case_accept,
        (State.draft, State.withdrawn): Action.case_withdraw,
        (State.accepted, State.withdrawn): Action.case_withdraw,
        (State.under_review, State.withdrawn): Action.case_withdraw,
        (State.accepted, State.under_review): Action.case_start_review,
        (State.under_review, State.rejected): Action.case_reject,
        (State.under_review, State.publicized): Action.case_publicize,
        (State.publicized, State.under_review): Action.case_object,
        (State.publicized, State.approved): Action.case_approve,
        (State.approved, State.paid): Action.case_pay,
        (State.approved, State.payment_failed): Action.case_pay,
        (State.payment_failed, State.approved): Action.case_requeue_payment,
    }
)

# The moves that belong to a back-office service, each with where it is done.  ``transition``
# refuses them (the services enforce what the table cannot: risk flags cleared and the amount
# set before a pass, who objected and how to reach them, approval only after the publicity period
# closed, payment results only from the bank's file); the services make them with
# ``apply_transition`` inside their own transaction.
SERVICE_MOVES: Mapping[tuple[State, State], str] = MappingProxyType(
    {
        (State.under_review, State.publicized): "审核通过请在“审核”中办理",
        (State.publicized, State.under_review): "公示异议请登记异议",
        (State.publicized, State.approved): "批准须在公示期满后通过“审批”办理",
        (State.approved, State.paid): "发放结果须导入银行回盘文件",
        (State.approved, State.payment_failed): "发放结果须导入银行回盘文件",
        (State.payment_failed, State.approved): "重新发放请在“发放”中办理",
    }
)
# What ``transition`` does itself: the rest of the table, in its order.
GENERIC_TRANSITIONS: Mapping[tuple[State, State], Action] = MappingProxyType(
    {move: action for move, action in TRANSITIONS.items() if move not in SERVICE_MOVES}
)

FIGURES_KEY = "figures"  # in a state change's audit entry: the case's figures after it (``figures``)

# States after which the application no longer counts as a subsidy in the ledger.
_DROPS_FROM_LEDGER = frozenset({State.rejected, State.withdrawn})


@dataclass(frozen=True)
class CaseRecord:
    id: str
    case_no: str
    office_code: str
    device_id: str
    state: State
    disputed: bool
    dispute_reason: str | None
    applicant_name: str
    id_number: str
    phone: str
    employer_name: str
    employer_uscc: str
    cert_number: str
    cert_kind: str
    cert_level: int
    occupation_code: str
    occupation_name: str
    cert_issue_date: dt.date
    shortage: bool
    training_subsidy_claimed: bool
    payment_kind: str
    payment_account: str
    bank_name: str
    holder_name: str
    contribution_months: int
    receiving_unemployment_benefit: bool
    insured_region: str
    application_region: str
    application_date: dt.date
    policy_id: str
    eligible: bool
    amount_yuan: int
    verdict: dict[str, Any]
    sources: dict[str, Any]
    materials: dict[str, Any]
    lookup_code: str
    decision_note: str | None
    created_by: str
    accepted_by: str | None
    accepted_at: dt.datetime | None
    state_changed_at: dt.datetime
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO, instants as UTC ISO with offset."""
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


_JSON_FIELDS = {"verdict": "verdict_json", "sources": "sources_json", "materials": "materials_json"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def _record(row: Case) -> CaseRecord:
    values: dict[str, Any] = {}
    for f in dataclasses.fields(CaseRecord):
        if f.name in _JSON_FIELDS:
            values[f.name] = json.loads(getattr(row, _JSON_FIELDS[f.name]))
        elif f.name == "state":
            values[f.name] = State(row.state)
        else:
            values[f.name] = getattr(row, f.name)
    return CaseRecord(**values)


def _normalise_cert_number(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).upper()


# --- input checks (before any transaction) ----------------------------------


def _check_int(field: str, value: Any, *, lo: int = 0, hi: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput.about(field, "value.not_integer", received=repr(value))
    if value < lo or (hi is not None and value > hi):
        if hi is None:
            raise InvalidInput.about(field, "value.below", low=lo, received=value)
        raise InvalidInput.about(field, "value.not_between", low=lo, high=hi, received=value)
    return value


def _check_text(field: str, value: Any, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise InvalidInput.about(field, "value.not_text")
    if required and not value.strip():
        raise InvalidInput.about(field, "value.empty")
    return value.strip()


def _optional_name(field: str, value: Any, check: Callable[[str, str], str]) -> str:
    """A holder or employer name that may be left empty; when given, checked as at the counter."""
    text = _check_text(field, value, required=False)
    return check(text, field) if text else ""


def _check_json(field: str, value: Any) -> str:
    if not isinstance(value, dict):
        raise InvalidInput.about(field, "value.not_object")
    try:
        return audit.canonical_json(value)
    except (TypeError, ValueError):
        raise InvalidInput.about(field, "value.not_json") from None


def _check_region(field: str, value: Any) -> str:
    text = _check_text(field, value)
    if len(text) != 6 or not text.isdigit():
        raise InvalidInput.about(field, "region.not_six_digits", received=repr(text))
    return text


def _case_row_from_intake(
    intake: Intake,
    *,
    verdict: dict[str, Any],
    eligible: bool,
    amount_yuan: int,
    policy_id: str,
    sources: dict[str, Any] | None,
    materials: dict[str, Any] | None,
    shortage: bool | None,
) -> dict[str, Any]:
    """Check everything offered to ``create_case`` and return the column values."""
    if not isinstance(intake, Intake):
        raise InvalidInput.about("intake", "intake.not_intake")
    if not isinstance(eligible, bool):
        raise InvalidInput.about("eligible", "value.not_boolean")
    amount = _check_int("amount_yuan", amount_yuan)
    if not eligible and amount != 0:
        raise InvalidInput.about("amount_yuan", "case.ineligible_amount")
    verdict_json = _check_json("verdict", verdict)
    if "eligible" in verdict and verdict["eligible"] is not eligible:
        raise InvalidInput.about("eligible", "case.eligible_differs")
    if "amount_yuan" in verdict and verdict["amount_yuan"] != amount:
        raise InvalidInput.about("amount_yuan", "case.amount_differs", amount=verdict["amount_yuan"])
    app, cert, pay, employer = intake.application, intake.application.certificate, intake.payment, intake.employer
    if cert.kind not in CERT_KINDS:
        raise InvalidInput.about("certificate.kind", "intake.bad_certificate_kind", received=repr(cert.kind))
    if pay.kind not in PAYMENT_KINDS:
        raise InvalidInput.about("payment.kind", "intake.bad_payment_kind", received=repr(pay.kind))
    if not isinstance(cert.issue_date, dt.date) or not isinstance(app.application_date, dt.date):
        raise InvalidInput.about("application_date", "date.not_iso")
    id_number = normalize_id_number(_check_text("applicant.id_number", app.id_number))
    return {
        "applicant_name": check_person_name(_check_text("applicant.name", app.applicant_name), "applicant.name"),
        "id_number": id_number,
        "phone": _check_text("phone", intake.phone, required=False),
        "employer_name": _optional_name("employer.name", employer.name, check_employer_name),
        "employer_uscc": _check_text("employer.uscc", employer.uscc, required=False).upper(),
        "cert_number": _normalise_cert_number(_check_text("certificate.number", cert.number)),
        "cert_kind": cert.kind,
        "cert_level": _check_int("certificate.level", cert.level, lo=1, hi=5),
        "occupation_code": _check_text("certificate.occupation_code", cert.occupation_code),
        "occupation_name": _check_text("certificate.occupation_name", cert.occupation_name or "", required=False),
        "cert_issue_date": cert.issue_date,
        "shortage": bool(cert.shortage) if shortage is None else bool(shortage),
        "training_subsidy_claimed": bool(cert.training_subsidy_claimed),
        "payment_kind": pay.kind,
        "payment_account": "".join(_check_text("payment.account", pay.account).split()),
        "bank_name": _check_text("payment.bank_name", pay.bank_name, required=False),
        "holder_name": _optional_name("payment.holder_name", pay.holder_name, check_holder_name),
        "contribution_months": _check_int("contribution_months", app.contribution_months, hi=1200),
        "receiving_unemployment_benefit": bool(app.receiving_unemployment_benefit),
        "insured_region": _check_region("insured_region", app.insured_region),
        "application_region": _check_region("application_region", app.application_region),
        "application_date": app.application_date,
        "policy_id": _check_text("policy_id", policy_id),
        "eligible": eligible,
        "amount_yuan": amount,
        "verdict_json": verdict_json,
        "sources_json": _check_json("sources", sources if sources is not None else {}),
        "materials_json": _check_json("materials", materials if materials is not None else {}),
    }


def _check_reason(field: str, reason: str | None) -> str | None:
    if reason is None:
        return None
    if not isinstance(reason, str):
        raise InvalidInput.about(field, "value.not_text")
    return reason.strip() or None


# --- helpers inside a transaction -------------------------------------------


def _next_case_no(session: Session, office_code: str, device_code: str, day: dt.date) -> str:
    # Write sessions hold SQLite's write lock from BEGIN IMMEDIATE, so read-then-bump is safe.
    row = session.get(CaseSequence, (office_code, device_code, day))
    if row is None:
        row = CaseSequence(office_code=office_code, device_code=device_code, day=day, last_seq=0)
        session.add(row)
    row.last_seq += 1
    return f"{office_code}-{device_code}-{day:%Y%m%d}-{row.last_seq:04d}"


def _load(session: Session, case_id_or_no: str) -> Case:
    key = (case_id_or_no or "").strip()
    row = session.get(Case, key)
    if row is None:
        row = session.scalar(select(Case).where(Case.case_no == key.upper()))
    if row is None:
        raise NotFound.of("case.not_found", case=case_id_or_no)
    return row


def _write_events(
    session: Session,
    row: Case,
    *,
    actor: StaffUser,
    action: str,
    op: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    at: dt.datetime,
    event: Mapping[str, Any] | None = None,
) -> CaseRecord:
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action=action,
        entity="case",
        entity_id=row.id,
        before=before,
        after=after,
        at=at,
    )
    record = _record(row)
    payload = record.to_dict()
    if event:
        payload["event"] = dict(event)  # what else the change carries (a batch, a reason); the record stays whole
    outbox.enqueue(session, entity="case", entity_id=row.id, op=op, payload=payload, at=at)
    return record


def _change(
    session: Session,
    row: Case,
    actor: StaffUser,
    action: Action,
    to: State,
    changes: dict[str, Any],
    *,
    note: str | None,
    at: dt.datetime,
    details: Mapping[str, Any] | None = None,
) -> CaseRecord:
    """Apply a state change with its field changes; write audit and outbox."""
    changes = {"state": to.value, **changes}
    before = {key: _plain(getattr(row, key)) for key in changes} | {"version": row.version}
    for key, value in changes.items():
        setattr(row, key, value)
    row.version += 1
    row.updated_at = at
    row.state_changed_at = at
    after = {key: _plain(value) for key, value in changes.items()} | {"version": row.version, FIGURES_KEY: figures(row)}
    if note is not None:
        after["note"] = note
    if details:
        after |= {key: value for key, value in details.items() if key not in after}
    if to in _DROPS_FROM_LEDGER:
        for entry in session.scalars(select(Ledger).where(Ledger.case_no == row.case_no, Ledger.source == "local")):
            session.delete(entry)
    return _write_events(
        session, row, actor=actor, action=action.value, op=f"case.{to.value}", before=before, after=after, at=at,
        event=details,
    )


def figures(row: Case) -> dict[str, Any]:
    """What the reports count a state change by, as the case stood after it: kept in the change's audit entry
    (``FIGURES_KEY``), so a day's figures are those of that day (issue 17.8) and are read with the day's
    entries, not case by case (``accepted_at`` starts the review time)."""
    return {"office_code": row.office_code, "cert_level": row.cert_level, "amount_yuan": row.amount_yuan,
            "disputed": bool(row.disputed), "accepted_at": _plain(row.accepted_at)}


def _materials_of(row: Case) -> dict[str, Any]:
    try:
        materials = json.loads(row.materials_json or "{}")
    except ValueError:
        return {}
    return materials if isinstance(materials, dict) else {}


def missing_materials(materials: Mapping[str, Any]) -> dict[str, str]:
    """The materials a case record lists as still missing, code → name, in the record's order.  The contribution
    record and the certificate that cases filed before issue 15.7 may list are left out: the office checks
    those itself (40号 二(二)), they are never the applicant's to bring."""
    names = materials.get("names")
    names = names if isinstance(names, dict) else {}
    codes = materials.get("missing")
    return {code: str(names.get(code) or code) for code in (codes if isinstance(codes, list) else [])
            if isinstance(code, str) and code not in OFFICE_CHECKED_CODES}


def _gate(row: Case, confirm_missing: Collection[str]) -> dict[str, str]:
    """The materials gate (issue 16.4): what is still missing must each be confirmed by name, else the case
    is not accepted (``MaterialsMissing``).  Returns what was accepted missing."""
    missing = missing_materials(_materials_of(row))
    unconfirmed = {code: name for code, name in missing.items() if code not in set(confirm_missing)}
    if unconfirmed:
        raise MaterialsMissing(row.case_no, missing)
    return missing


def _accept(session: Session, row: Case, actor: StaffUser, reason: str | None, at: dt.datetime,
            confirm_missing: Collection[str] = ()) -> CaseRecord:
    changes: dict[str, Any] = {"accepted_by": actor.username, "accepted_at": at}
    if not row.eligible:
        if not reason:
            raise InvalidInput.about("reason", "case.disputed_needs_reason")
        # Accepted against the verdict: flagged for the reviewer and the reports.
        changes |= {"disputed": True, "dispute_reason": reason}
    missing = _gate(row, confirm_missing)
    session.add(
        Ledger(
            id_number=row.id_number,
            occupation_code=row.occupation_code,
            level=row.cert_level,
            granted_on=row.application_date,
            shortage=row.shortage,
            source="local",
            case_no=row.case_no,
        )
    )
    # The audit entry and the outbox row say what was accepted missing, on the clerk's confirmation.
    details = {"materials_missing": list(missing.values()), "missing_confirmed": True} if missing else None
    return _change(session, row, actor, Action.case_accept, State.accepted, changes, note=reason, at=at,
                   details=details)


def check_version(row: Case, expected_version: int | None) -> None:
    """Conflict when someone changed the case since the caller read it (``expected_version``)."""
    if expected_version is not None and row.version != expected_version:
        raise Conflict.of("case.changed_meanwhile", case_no=row.case_no)


# --- services ---------------------------------------------------------------


def create_case(
    store: Store,
    actor: StaffUser,
    intake: Intake,
    *,
    verdict: dict[str, Any],
    eligible: bool,
    amount_yuan: int,
    policy_id: str,
    sources: dict[str, Any] | None = None,
    materials: dict[str, Any] | None = None,
    state: State = State.draft,
    reason: str | None = None,
    shortage: bool | None = None,
    confirm_missing: Collection[str] = (),
) -> CaseRecord:
    """File a new case (draft, or straight to accepted with ``state=State.accepted``).

    ``shortage`` overrides the certificate's flag when the verdict looked it
    up in the region's catalogue; ``reason`` is the acceptance reason when
    accepting against a not-eligible verdict.  Accepting a case whose
    ``materials`` list some as missing needs each of them in
    ``confirm_missing`` (the clerk's confirmation), else ``MaterialsMissing``
    and nothing is written.
    """
    require(actor, Action.case_create)
    try:
        state = State(state)
    except ValueError:
        raise InvalidInput.about("state", "case.unknown_state", state=repr(state)) from None
    if state not in (State.draft, State.accepted):
        raise InvalidInput.about("state", "case.new_state")
    if state is State.accepted:
        require(actor, Action.case_accept)
    reason = _check_reason("reason", reason)
    values = _case_row_from_intake(
        intake,
        verdict=verdict,
        eligible=eligible,
        amount_yuan=amount_yuan,
        policy_id=policy_id,
        sources=sources,
        materials=materials,
        shortage=shortage,
    )
    if state is State.accepted and not eligible and not reason:
        raise InvalidInput.about("reason", "case.disputed_needs_reason")
    if state is State.accepted:
        missing = missing_materials(materials or {})
        if set(missing) - set(confirm_missing):
            raise MaterialsMissing("", missing)
    with store.session() as session:
        at = store.clock.now()
        row = Case(
            id=str(uuid.uuid4()),
            case_no=_next_case_no(session, store.office_code, store.device_code, store.clock.today()),
            office_code=store.office_code,
            device_id=store.device_id,
            state=State.draft.value,
            disputed=False,
            dispute_reason=None,
            lookup_code=random_code(LOOKUP_CODE_LENGTH),
            decision_note=None,
            created_by=actor.username,
            accepted_by=None,
            accepted_at=None,
            state_changed_at=at,
            version=1,
            created_at=at,
            updated_at=at,
            **values,
        )
        session.add(row)
        record = _write_events(
            session,
            row,
            actor=actor,
            action=Action.case_create.value,
            op="case.created",
            before=None,
            after=_record(row).to_dict(),
            at=at,
        )
        if state is State.accepted:
            record = _accept(session, row, actor, reason, at, confirm_missing)
        return record


def accept_case(
    store: Store, actor: StaffUser, case_id: str, *, reason: str | None = None, expected_version: int | None = None,
    confirm_missing: Collection[str] = (),
) -> CaseRecord:
    """Accept a draft; a not-eligible verdict needs ``reason`` and marks the case disputed.  Materials the
    draft still lacks must each be in ``confirm_missing`` (the clerk's confirmation naming them), else
    ``MaterialsMissing`` and the case stays 待补正 (issue 16.4)."""
    require(actor, Action.case_accept)
    reason = _check_reason("reason", reason)
    with store.session() as session:
        row = _load(session, case_id)
        check_version(row, expected_version)
        if State(row.state) is not State.draft:
            raise Conflict.of("case.cannot_accept", state=State(row.state))
        return _accept(session, row, actor, reason, store.clock.now(), confirm_missing)


# States in which materials are still handed in (补正): before acceptance and while it is reviewed.
SUPPLEMENT_STATES = frozenset({State.draft, State.accepted, State.under_review})
SUPPLEMENT_ACTION = "case.materials"


def supplement_materials(store: Store, actor: StaffUser, case_id: str, codes: Iterable[str], *,
                         expected_version: int | None = None) -> CaseRecord:
    """补正: record materials the applicant handed in after the case was filed (issue 16.4).  Each code must
    be one the case lists as missing (``InvalidInput`` naming it otherwise); the case must still take
    materials (``SupplementRefused``).  One audit entry (``case.materials``: what was received now, what is
    still missing) and one outbox row; the case's state does not change."""
    require(actor, Action.case_create)
    wanted = list(dict.fromkeys(code.strip() for code in codes if isinstance(code, str) and code.strip()))
    if not wanted:
        raise InvalidInput.about("materials", "materials.none_ticked")
    with store.session() as session:
        row = _load(session, case_id)
        check_version(row, expected_version)
        state = State(row.state)
        if state not in SUPPLEMENT_STATES:
            raise SupplementRefused.of("materials.supplement_closed", case_no=row.case_no, state=state)
        materials = _materials_of(row)
        missing = missing_materials(materials)
        if not missing:
            raise SupplementRefused.of("materials.nothing_missing", case_no=row.case_no)
        for code in wanted:
            if code not in missing:
                raise InvalidInput.about("materials", "materials.not_missing", material=code)
        before = {"missing": list(missing.values()), "version": row.version}
        received = [code for code in materials.get("received") or [] if isinstance(code, str)]
        materials["received"] = received + [code for code in wanted if code not in received]
        materials["missing"] = [code for code in materials.get("missing") or [] if code not in wanted]
        at = store.clock.now()
        row.materials_json = _check_json("materials", materials)
        row.version += 1
        row.updated_at = at
        after = {"received_now": [missing[code] for code in wanted],
                 "missing": list(missing_materials(materials).values()), "version": row.version}
        return _write_events(session, row, actor=actor, action=SUPPLEMENT_ACTION, op=SUPPLEMENT_ACTION,
                             before=before, after=after, at=at,
                             event={"action": SUPPLEMENT_ACTION, "received_now": wanted})


def transition(
    store: Store,
    actor: StaffUser,
    case_id: str,
    to: State | str,
    *,
    note: str | None = None,
    expected_version: int | None = None,
) -> CaseRecord:
    """Move a case along ``GENERIC_TRANSITIONS``, as ``actor``'s role allows.

    A move of ``SERVICE_MOVES`` is refused (``Conflict`` naming where it is done): passing a
    review, an objection, approval and payment results go through their services."""
    try:
        to = State(to)
    except ValueError:
        raise InvalidInput.about("to", "case.unknown_state", state=repr(to)) from None
    note = _check_reason("note", note)
    if to is State.rejected and not note:
        raise InvalidInput.about("note", "case.rejection_needs_reason")
    with store.session() as session:
        row = _load(session, case_id)
        check_version(row, expected_version)
        hint = SERVICE_MOVES.get((State(row.state), to))
        if hint is not None:
            raise Conflict.of("case.service_move", case_no=row.case_no, to=to, hint=hint)
        return apply_transition(session, row, actor, to, note=note, at=store.clock.now())


# --- session-level helpers (for services that combine several changes in one transaction) ---


def load_case_row(session: Session, case_id_or_no: str) -> Case:
    """The case row (by id or case number) inside the caller's transaction; NotFound if none."""
    return _load(session, case_id_or_no)


def record_of(row: Case) -> CaseRecord:
    """The ``CaseRecord`` of a row read in the caller's session."""
    return _record(row)


def apply_transition(
    session: Session,
    row: Case,
    actor: StaffUser,
    to: State | str,
    *,
    note: str | None = None,
    at: dt.datetime,
    details: Mapping[str, Any] | None = None,
) -> CaseRecord:
    """A move inside the caller's transaction, for the services: the whole table (the
    ``SERVICE_MOVES`` included: the calling service has checked its own rules), the same
    permission and four-eyes rules, audit entry and outbox row as ``transition``.
    ``details`` go into the audit entry's ``after`` only (e.g. the payment batch), never
    into a column."""
    to = State(to)
    note = _check_reason("note", note)
    if to is State.rejected and not note:
        raise InvalidInput.about("note", "case.rejection_needs_reason")
    current = State(row.state)
    action = TRANSITIONS.get((current, to))
    if action is None:
        raise Conflict.of("case.cannot_move", state=current, to=to)
    require(actor, action)
    if action is Action.case_accept:
        return _accept(session, row, actor, note, at)
    if action is Action.case_approve and row.accepted_by == actor.username:
        raise PermissionDenied.of("permission.own_case_approval")
    changes: dict[str, Any] = {}
    if note is not None:
        changes["decision_note"] = note
    return _change(session, row, actor, action, to, changes, note=note, at=at, details=details)


def update_case_fields(
    session: Session,
    row: Case,
    actor: StaffUser,
    *,
    action: str,
    op: str,
    changes: Mapping[str, Any],
    at: dt.datetime,
    note: str | None = None,
) -> CaseRecord:
    """Change columns of a case without changing its state (e.g. correcting the payment
    account), with the audit entry (before and after of each changed column) and outbox row.
    The caller checks permission and values."""
    columns = {column.key for column in Case.__table__.columns} - {"id", "case_no", "state", "version"}
    unknown = sorted(set(changes) - columns)
    if unknown:
        raise InvalidInput.about(unknown[0], "case.column_not_changeable")
    before = {key: _plain(getattr(row, key)) for key in changes} | {"version": row.version}
    for key, value in changes.items():
        setattr(row, key, value)
    row.version += 1
    row.updated_at = at
    after = {key: _plain(value) for key, value in changes.items()} | {"version": row.version, FIGURES_KEY: figures(row)}
    if note is not None:
        after["note"] = note
    return _write_events(session, row, actor=actor, action=action, op=op, before=before, after=after, at=at,
                         event={"action": action, **({"note": note} if note is not None else {})})


def enqueue_case_event(session: Session, row: Case, *, op: str, event: Mapping[str, Any], at: dt.datetime) -> None:
    """An outbox row for something recorded about a case without changing it (a risk flag, a
    publicity batch, a payment file): the case record as it stands plus ``event``.  The central
    system takes ``case.*`` rows as case snapshots and keeps the whole payload, so nothing it does
    not know yet is refused.  The caller writes the audit entry."""
    if not op.startswith("case."):
        raise ValueError("case events are sent as case.* ops")
    session.flush()
    payload = _record(row).to_dict() | {"event": dict(event)}
    outbox.enqueue(session, entity="case", entity_id=row.id, op=op, payload=payload, at=at)


def get_case(store: Store, case_id_or_no: str) -> CaseRecord:
    with store.session(readonly=True) as session:
        return _record(_load(session, case_id_or_no))


def list_cases(
    store: Store, *, states: tuple[State, ...] | None = None, limit: int = 200, offset: int = 0
) -> list[CaseRecord]:
    """Cases in the given states (all when None), newest first."""
    query = select(Case).order_by(Case.created_at.desc(), Case.case_no.desc()).limit(limit).offset(offset)
    if states:
        query = query.where(Case.state.in_([State(s).value for s in states]))
    with store.session(readonly=True) as session:
        return [_record(row) for row in session.scalars(query)]


def count_by_state(store: Store) -> dict[str, int]:
    """Every state, zero included, so reports and ``status`` show a stable set."""
    counts = {state.value: 0 for state in State}
    with store.session(readonly=True) as session:
        for state, count in session.execute(select(Case.state, func.count()).group_by(Case.state)):
            counts[state] = count
    return counts
