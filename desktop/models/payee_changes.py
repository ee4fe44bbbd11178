"""Changing where an approved subsidy is paid: never one person alone (issue 14.6).

Before approval the clerk's intake sets the payee; after it, a change of the account, the bank, the
holder or the account kind is a proposal: it is recorded (audited, shown on the case) and the case
is not exported while it waits; a second person — not the one who proposed it — confirms it, and
only then are the case's fields changed (audited as ``payment.correct_account``), or declines it.
The account must be the applicant's own (the holder's name is the applicant's, 补贴直发); a card
whose BIN says another bank than the one named gets a warning on the proposal.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import audit, risk
from desktop.models.application import PAYMENT_KINDS
from desktop.models.card_bins import bank_mismatch
from desktop.models.cases import CaseRecord, State, load_case_row, record_of, update_case_fields
from desktop.models.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from desktop.models.identity import check_bank_card, normalize_bank_card
from desktop.models.masking import mask_account
from desktop.models.names import check_holder_name
from desktop.models.permissions import Action, StaffUser, can, require
from desktop.models.schema import Case, PayeeChange, PaymentItem, RiskFlag
from desktop.models.store import Store

MAX_ACCOUNT = 40  # a social security card's account: letters and digits
_CHANGEABLE = (State.approved, State.payment_failed)
_FIELD_LABELS = {"payment_kind": "账户类型", "payment_account": "收款账号", "bank_name": "开户银行",
                 "holder_name": "户名"}
_KIND_LABELS = {"bank": "银行卡", "sscard": "社会保障卡"}


class ChangeState(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    declined = "declined"

    @property
    def label(self) -> str:
        return {"pending": "待确认", "confirmed": "已确认", "declined": "未采纳"}[self.value]


@dataclass(frozen=True)
class PayeeProposal:
    id: str
    case_id: str
    case_no: str
    changes: dict[str, str]
    note: str
    bank_warning: str | None
    proposed_by: str
    proposed_at: dt.datetime
    state: ChangeState
    decided_by: str | None
    decided_at: dt.datetime | None

    def describe(self) -> str:
        """The change in words, the account masked: 收款账号改为 6222****0999，开户银行改为 建设银行."""
        return "，".join(f"{_FIELD_LABELS[key]}改为 {_shown(key, value)}" for key, value in self.changes.items())


def _shown(key: str, value: str) -> str:
    if key == "payment_account":
        return mask_account(value)
    return _KIND_LABELS.get(value, value) if key == "payment_kind" else value


def _proposal(row: PayeeChange, case_no: str) -> PayeeProposal:
    return PayeeProposal(row.id, row.case_id, case_no, json.loads(row.changes_json), row.note, row.bank_warning,
                         row.proposed_by, row.proposed_at, ChangeState(row.state), row.decided_by, row.decided_at)


def account_changes(row: Case, *, account: str | None, bank_name: str | None, holder_name: str | None,
                    kind: str | None) -> dict[str, Any]:
    """The case fields a correction would change, checked: a valid card number, the applicant as holder."""
    changes: dict[str, Any] = {}
    new_kind = row.payment_kind if kind is None else kind
    if new_kind not in PAYMENT_KINDS:
        raise InvalidInput.about("payment.kind", "intake.bad_payment_kind", received=repr(kind))
    if new_kind != row.payment_kind:
        changes["payment_kind"] = new_kind
    if account is not None:
        if new_kind == "bank":
            number = check_bank_card(account, "payment.account").number
        else:
            number = normalize_bank_card(account)
            if not number or not number.isascii() or not number.isalnum() or len(number) > MAX_ACCOUNT:
                raise InvalidInput.about("payment.account", "payee.bad_sscard_account")
        if number != row.payment_account:
            changes["payment_account"] = number
    if bank_name is not None and bank_name.strip() != row.bank_name:
        changes["bank_name"] = bank_name.strip()
    if holder_name is not None:
        holder = check_holder_name(holder_name, "payment.holder_name")
        if not risk.holder_matches(row.applicant_name, holder):
            raise InvalidInput.about("payment.holder_name", "payee.not_the_applicant", holder=holder)
        if holder != row.holder_name:
            changes["holder_name"] = holder
    return changes


def pending_change(session: Session, case_id: str) -> PayeeChange | None:
    return session.scalar(select(PayeeChange).where(PayeeChange.case_id == case_id,
                                                    PayeeChange.state == ChangeState.pending.value))


def pending_proposal(session: Session, case_id: str, case_no: str) -> PayeeProposal | None:
    change = pending_change(session, case_id)
    return None if change is None else _proposal(change, case_no)


def cases_with_pending_change(session: Session) -> set[str]:
    return set(session.scalars(select(PayeeChange.case_id).where(PayeeChange.state == ChangeState.pending.value)))


def _in_live_item(session: Session, case_id: str) -> bool:
    return session.scalar(select(PaymentItem.batch_id).where(PaymentItem.case_id == case_id,
                                                             PaymentItem.live.is_(True))) is not None


def _changeable(session: Session, row: Case) -> None:
    if State(row.state) not in _CHANGEABLE:
        raise Conflict.of("payee.wrong_state", case_no=row.case_no, state=State(row.state))
    if _in_live_item(session, row.id):
        raise Conflict.of("payee.in_batch", case_no=row.case_no)


def propose(session: Session, row: Case, actor: StaffUser, changes: dict[str, Any], note: str,
            at: dt.datetime) -> PayeeProposal:
    """Record a change for a second person to confirm (in the caller's transaction)."""
    _changeable(session, row)
    if not changes:
        raise InvalidInput.about("payment.account", "payee.unchanged")
    if pending_change(session, row.id) is not None:
        raise Conflict.of("payee.change_waiting", case_no=row.case_no)
    kind = changes.get("payment_kind", row.payment_kind)
    warning = bank_mismatch(changes.get("payment_account", row.payment_account),
                            changes.get("bank_name", row.bank_name)) if kind == "bank" else None
    change = PayeeChange(id=str(uuid.uuid4()), case_id=row.id, changes_json=json.dumps(changes, ensure_ascii=False),
                         note=note, bank_warning=warning, proposed_by=actor.username, proposed_at=at,
                         state=ChangeState.pending.value)
    session.add(change)
    session.flush()
    proposal = _proposal(change, row.case_no)
    audit.record(session, actor=actor.username, action="payment.propose_account", entity="case", entity_id=row.id,
                 before={_FIELD_LABELS[k]: _shown(k, getattr(row, k)) for k in changes},
                 after={"change": proposal.describe(), "note": note, "warning": warning}, at=at)
    return proposal


def _apply(session: Session, row: Case, actor: StaffUser, changes: dict[str, Any], note: str,
           at: dt.datetime) -> None:
    update_case_fields(session, row, actor, action="payment.correct_account", op="case.account_corrected",
                       changes=changes, at=at, note=note)
    if risk.holder_matches(row.applicant_name, row.holder_name):
        # The flag said the holder was someone else; it no longer is.
        for flag_row in list(session.scalars(select(RiskFlag).where(
                RiskFlag.case_id == row.id, RiskFlag.code == risk.RiskCode.holder_mismatch.value,
                RiskFlag.cleared_at.is_(None)))):
            risk.clear_in(session, flag_row, actor=actor.username, at=at,
                          note=f"收款账户已更正为申请人本人账户：{note}")


def _waiting(session: Session, case_id: str) -> tuple[Case, PayeeChange]:
    row = load_case_row(session, case_id)
    change = pending_change(session, row.id)
    if change is None:
        raise NotFound.of("payee.no_change_waiting", case_no=row.case_no)
    return row, change


def confirm_payee_change(store: Store, actor: StaffUser, case_id: str) -> CaseRecord:
    """The second person's confirmation: the case's payee fields change now."""
    require(actor, Action.case_confirm_payee)
    with store.session() as session:
        row, change = _waiting(session, case_id)
        if change.proposed_by == actor.username:
            raise PermissionDenied.of("permission.payee_change_second_person", proposer=change.proposed_by)
        _changeable(session, row)
        at = store.clock.now()
        changes = json.loads(change.changes_json)
        _apply(session, row, actor, changes, f"{change.note}（{change.proposed_by}提出，{actor.username}确认）", at)
        change.state, change.decided_by, change.decided_at = ChangeState.confirmed.value, actor.username, at
        audit.record(session, actor=actor.username, action="payment.confirm_account", entity="case",
                     entity_id=row.id, before={"state": ChangeState.pending.value},
                     after={"state": change.state, "proposed_by": change.proposed_by}, at=at)
        return record_of(row)


def decline_payee_change(store: Store, actor: StaffUser, case_id: str, note: str) -> CaseRecord:
    """Not adopted (by a second person) or withdrawn (by the proposer): the payee stays as it was."""
    if not (can(actor, Action.case_confirm_payee) or can(actor, Action.case_requeue_payment)):
        require(actor, Action.case_confirm_payee)
    if not isinstance(note, str) or not note.strip():
        raise InvalidInput.about("note", "payee.decline_needs_reason")
    with store.session() as session:
        row, change = _waiting(session, case_id)
        at = store.clock.now()
        change.state, change.decided_by, change.decided_at = ChangeState.declined.value, actor.username, at
        audit.record(session, actor=actor.username, action="payment.decline_account", entity="case",
                     entity_id=row.id, before={"state": ChangeState.pending.value},
                     after={"state": change.state, "note": note.strip()}, at=at)
        return record_of(row)


def payee_changes_of(store: Store, case_id: str) -> list[PayeeProposal]:
    """Every proposed change of the case, oldest first (shown on the case page)."""
    with store.session(readonly=True) as session:
        row = load_case_row(session, case_id)
        changes = session.scalars(select(PayeeChange).where(PayeeChange.case_id == row.id)
                                  .order_by(PayeeChange.proposed_at))
        return [_proposal(change, row.case_no) for change in changes]
