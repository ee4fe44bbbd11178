"""Issuing a case's documents: build the data from the case, render, record the print.

``issue_receipt`` / ``issue_notice`` / ``issue_decision`` each run in one
write transaction (so two counters printing the same case at once cannot both
number theirs "the first"):

1. load the case and check it can have this document (else ``InvalidInput``
   naming ``CASE_NO``) and that the actor may print;
2. build the frozen document data (``data.py``) and render it into memory;
3. write the bytes to a temporary file beside ``out``;
4. append the audit entry (``document.<kind>``, after = kind, format,
   reprint, sha256 of the PDF, path) and an outbox row;
5. move the file into place, then commit.

A failed render or write leaves no audit entry and no file (not even a
partial one); a failed commit removes the file it had just moved into place,
so a print on paper is never missing from the audit trail.

Decisions taken here:

- Who may print: active staff who handle or supervise cases — 受理员, 审核员,
  审批员, 科长.  Not the auditor (reads only) nor the administrator (runs the
  system, handles no cases): a print puts personal data on paper.
- Receipt: for every accepted case (any state after draft) except a withdrawn
  one — the receipt is what the applicant shows to follow and collect the
  subsidy, so a fresh one for a withdrawn application would mislead.
- Provisional receipt: no table yet records the central duplicate check's
  answer, so a receipt is provisional while this office has never synced
  (``meta.last_sync`` unset) *or* the case's acceptance is still waiting in
  the outbox — either way the central system cannot have checked it.
- Notice: only while the case is open for materials (draft, accepted, under
  review) and something is missing.
- Decision: approval for approved, paid and payment-failed cases (publicity
  is not yet a decision: objections may still send it back); rejection for
  rejected cases.  The decider is whoever took that decision (the last
  ``case.approve`` / ``case.reject`` entry), not whoever last touched the case.
- A decision (issue 17.2) is issued in the deciding body's name with a document
  number: it is refused (``office.MissingSetting``, naming the setting) while
  the body, the number prefix, the reconsideration body or the court is not
  set; its number is taken in the print's transaction after every other check
  (``doc_numbers``), goes into the audit entry and the outbox row, and comes
  back unchanged on a reprint.  A rejection states the verdict's failed checks
  stored on the case, each with its clause, plus the reviewer's reason (the
  rejection's audit note); when every rule had passed, that reason alone.
- Issue 17.9: a case whose payment the bank returned gets the 发放失败补正通知书
  (``issue_payment_notice``: the returned item's batch, day and reason, the
  account tried, what to bring to name a new one) — the window offers it
  instead of the approval letter, which ``print decision`` still reprints on
  request; a withdrawn case gets the 申请撤回确认书 (``issue_withdrawal``:
  when and why, by whom, and the window for applying again).
- Issue 17.5: the policy is printed in words (``policy_words``): its documents
  by title and number, a carried-over policy as 延续执行 of those documents,
  never the software's ids (cn-2025, gd-2023).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.documents import policy_words
from desktop.documents.data import (
    DecisionData,
    Material,
    NoticeData,
    Office,
    PaymentNoticeData,
    ReceiptData,
    WithdrawalData,
)
from desktop.models import audit, doc_numbers, outbox, payments, sealed
from desktop.models.cases import CaseRecord, State, get_case
from desktop.models.checklist import Source, office_lines, received_lines, shared_lines
from desktop.models.document_kinds import DOCUMENT_ACTIONS, FORMATS, KIND_LABELS, KINDS, Kind
from desktop.models.errors import InvalidInput, NotFound, PermissionDenied
from desktop.models.files import output_path, placed_with_transaction, private_dir
from desktop.models.office import OfficeProfile, read_office_profile
from desktop.models.permissions import role_can
from desktop.models.policy import OFFICE_CHECKED_CODES, Policy
from desktop.models.progress_link import META_PUBLIC_URL
from desktop.models.reference import occupations
from desktop.models.review import case_policy
from desktop.models.rules import Check, Verifier
from desktop.models.schema import Outbox, Staff
from desktop.models.staff import Action, Role, StaffUser, can
from desktop.models.store import Store, get_meta
from desktop.models.workdays import period_end

RECEIPT_REFUSED = {State.draft: "document.receipt_not_accepted", State.withdrawn: "document.receipt_withdrawn"}
NOTICE_STATES = frozenset({State.draft, State.accepted, State.under_review})
APPROVED_STATES = frozenset({State.approved, State.paid, State.payment_failed})
META_LAST_SYNC = "last_sync"


@dataclass(frozen=True)
class IssuedDocument:
    kind: str  # receipt | notice | decision | payment_notice | withdrawal
    case_no: str
    path: Path
    printed_at: dt.datetime  # aware, UTC
    printed_by: str  # username
    reprint_count: int  # 0 = the original; n = 第n次补打
    format: str = "a4"
    sha256: str = ""
    doc_number: str = ""  # a decision's 文号 (the same on every reprint)

    def to_json(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "case_no": self.case_no,
            "path": str(self.path),
            "printed_at": self.printed_at.isoformat(),
            "printed_by": self.printed_by,
            "reprint": self.reprint_count,
            "format": self.format,
            "sha256": self.sha256,
        }
        if self.doc_number:
            out["doc_number"] = self.doc_number
        return out


def is_document_entry(entry: audit.AuditEntry) -> bool:
    """Whether a case's audit entry records a printed document."""
    return entry.action in DOCUMENT_ACTIONS


def can_print(actor: StaffUser) -> bool:
    """For views to grey out print buttons (the services also check the account is active)."""
    return can(actor, Action.document_print)


def printable_kinds(actor: StaffUser, case: CaseRecord) -> tuple[str, ...]:
    """The documents ``actor`` may print for ``case`` now (the window offers only these)."""
    if not can_print(actor):
        return ()
    kinds = []
    if case.state not in RECEIPT_REFUSED and case.accepted_at is not None:
        kinds.append("receipt")
    if case.state in NOTICE_STATES and _missing_codes(case):
        kinds.append("notice")
    # A returned payment asks for an account (issue 17.9): the window offers that notice, not the approval
    # letter again (``print decision`` still reprints the decision where one is asked for).
    if (case.state in (State.approved, State.paid) and case.amount_yuan > 0) or case.state is State.rejected:
        kinds.append("decision")
    if case.state is State.payment_failed:
        kinds.append("payment_notice")
    if case.state is State.withdrawn:
        kinds.append("withdrawal")
    return tuple(kinds)


# --- what the documents say, from the case --------------------------------------------


def _staff_row(session: Session, username: str | None) -> Staff | None:
    if not username:
        return None
    return session.scalar(select(Staff).where(Staff.username == username))


def _display_name(session: Session, username: str | None) -> str:
    row = _staff_row(session, username)
    return row.display_name if row is not None else (username or "")


def check_printer(session: Session, actor: StaffUser, denied: str = "permission.print_case_documents") -> None:
    """The account, as stored now, is active and may print (``Action.document_print``); ``denied`` is the
    message code saying what it may not print."""
    row = _staff_row(session, actor.username)
    if row is None or not row.active:
        raise PermissionDenied.of("permission.print_account_inactive", username=actor.username)
    if not role_can(row.role, Action.document_print):
        raise PermissionDenied.of(denied, role=Role(row.role))


def policy_label(verifier: Verifier, policy: Policy) -> str:
    """《人力资源社会保障部 财政部关于…的通知》（人社部发〔2017〕40号）、… plus the document number of each confirmed
    regional value applied, as the citizen reads it (an unconfirmed regional standard is not applied, and the
    policy note says so): documents by title and number, never the period's internal id (issue 17.5)."""
    return policy_words.policy_basis(policy, policy_words.document_titles(verifier.book))


def case_policy_note(verifier: Verifier, case: CaseRecord, policy: Policy) -> str:
    """The verdict's policy note in words (issue 17.5): carried over as the verdict found it (a notice loaded
    since does not change what the case was decided under), and the local standards left out, by title."""
    carried = bool(case.verdict.get("policy_carried_over")) or policy.carried_over
    return policy_words.policy_note(policy, case.application_date, carried_over=carried, book=verifier.book)


def _office(profile: OfficeProfile, store: Store) -> Office:
    return Office(code=profile.code, name=profile.name, address=profile.address, phone=profile.phone,
                  progress_hint=profile.progress_hint, tz_name=store.clock.tz_name)


def _occupation_name(case: CaseRecord) -> str:
    if case.occupation_name:
        return case.occupation_name
    known = occupations().get(case.occupation_code)
    return known.name if known is not None else case.occupation_code


def _sources(case: CaseRecord) -> dict[str, Source]:
    """The case's recorded data sources; one that cannot be read counts as not shared."""
    sources: dict[str, Source] = {}
    for key, value in (case.sources or {}).items():
        try:
            sources[key] = Source.from_json(value)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return sources


def _received_codes(case: CaseRecord) -> list[str]:
    return [code for code in case.materials.get("received") or [] if isinstance(code, str)]


def materials_received(case: CaseRecord, policy: Policy) -> list[str]:
    """收取: what the applicant handed over or showed, in the policy's order (POLICY.md §4).  What information
    sharing covered is said apart (``materials_shared``), never as received."""
    return received_lines(policy, _sources(case), _received_codes(case))


def materials_shared(case: CaseRecord, policy: Policy) -> list[str]:
    """信息共享核验: what sharing confirmed, with the source and its as-of (POLICY.md §4)."""
    return shared_lines(policy, _sources(case))


def _missing_codes(case: CaseRecord) -> list[str]:
    """The codes recorded as missing, less the contribution record and the certificate that cases filed before
    issue 15.7 may record: the office checks those itself (40号 二(二)), they are never the applicant's to bring."""
    return [code for code in case.materials.get("missing") or []
            if isinstance(code, str) and code not in OFFICE_CHECKED_CODES]


def _missing_materials(case: CaseRecord, policy: Policy) -> list[Material]:
    return [material for _, material in _missing_by_code(case, policy)]


def _missing_by_code(case: CaseRecord, policy: Policy) -> list[tuple[str, Material]]:
    codes = _missing_codes(case)
    by_code = {m.code: m for m in policy.materials}
    recorded = case.materials.get("names")
    names = recorded if isinstance(recorded, dict) else {}
    ordered = [m.code for m in policy.materials if m.code in codes] + [c for c in codes if c not in by_code]
    return [(c, Material(by_code[c].name, by_code[c].how) if c in by_code
             else Material(str(names.get(c) or c), "请向窗口咨询")) for c in dict.fromkeys(ordered)]


@dataclass(frozen=True)
class CaseMaterials:
    """A case's materials as every document and the case page say them (POLICY.md §4, issue 16.4)."""

    received: tuple[str, ...]  # 收取 (or sighted, and said so)
    shared: tuple[str, ...]  # 信息共享核验: what, the source and its as-of, and the item it spared
    missing: tuple[tuple[str, Material], ...]  # code and (name, how): still to be handed in
    office_checking: tuple[str, ...]  # what the office checks itself, never the applicant's


def case_materials(verifier: Verifier, case: CaseRecord) -> CaseMaterials:
    policy = case_policy(verifier, case)
    return CaseMaterials(tuple(materials_received(case, policy)), tuple(materials_shared(case, policy)),
                         tuple(_missing_by_code(case, policy)), tuple(office_lines(_sources(case))))


def _earlier_prints(session: Session, case: CaseRecord, kind: str) -> int:
    return sum(1 for e in audit.entries(session, entity="case", entity_id=case.id) if e.action == f"document.{kind}")


def _provisional(session: Session, case: CaseRecord) -> bool:
    if get_meta(session, META_LAST_SYNC) is None:
        return True
    waiting = session.scalar(
        select(Outbox.id).where(
            Outbox.entity == "case", Outbox.entity_id == case.id,
            Outbox.op.in_(("case.created", "case.accepted")), Outbox.state == outbox.OutboxState.pending.value,
        ).limit(1)
    )
    return waiting is not None


def _refuse(case: CaseRecord, code: str) -> InvalidInput:
    """The case's document cannot be issued, as catalogue message ``code`` says (of its number and state)."""
    return InvalidInput.about("CASE_NO", code, case_no=case.case_no, state=case.state)


def receipt_data(session: Session, store: Store, verifier: Verifier, case: CaseRecord, *,
                 reprint: int, printed_at: dt.datetime) -> ReceiptData:
    if case.state in RECEIPT_REFUSED or case.accepted_at is None:
        raise _refuse(case, RECEIPT_REFUSED.get(case.state, "document.receipt_not_accepted"))
    policy = case_policy(verifier, case)
    accepted_day = store.clock.local_date(case.accepted_at)
    deadline = verifier.calendar.add_workdays(accepted_day, policy.review_workdays)
    return ReceiptData(
        office=_office(read_office_profile(session, store.office_code), store),
        case_no=case.case_no,
        lookup_code=case.lookup_code,
        applicant_name=case.applicant_name,
        id_number=case.id_number,
        certificate_number=case.cert_number,
        certificate_kind=case.cert_kind,
        level=case.cert_level,
        occupation_code=case.occupation_code,
        occupation_name=_occupation_name(case),
        amount_yuan=case.amount_yuan,
        materials_received=materials_received(case, policy),
        materials_shared=materials_shared(case, policy),
        materials_missing=[m.name for m in _missing_materials(case, policy)],
        office_checking=office_lines(_sources(case)),
        review_deadline=deadline.date,
        review_deadline_provisional=deadline.provisional,
        clerk_name=_display_name(session, case.accepted_by or case.created_by),
        accepted_at=case.accepted_at,
        provisional=_provisional(session, case),
        reprint_count=reprint,
        policy_label=policy_label(verifier, policy),
        policy_note=case_policy_note(verifier, case, policy),
        printed_at=printed_at if reprint else None,
        public_url=get_meta(session, META_PUBLIC_URL) or "",  # issue 19.1: the central system gave it
        employer_name=case.employer_name,
        payment_kind=case.payment_kind,
        payment_account=case.payment_account,
        bank_name=case.bank_name,
    )


def _window(case: CaseRecord, verifier: Verifier, policy: Policy) -> tuple[dt.date, bool]:
    ends = case.verdict.get("window_ends")
    if isinstance(ends, str):
        try:
            return dt.date.fromisoformat(ends), bool(case.verdict.get("window_provisional"))
        except ValueError:
            pass
    rule = policy.rule("application_window")
    end = period_end(case.cert_issue_date, rule.params["months"] if rule else 12, verifier.calendar)
    return end.last_day, end.provisional


def notice_data(session: Session, store: Store, verifier: Verifier, case: CaseRecord, *,
                actor: StaffUser, printed_at: dt.datetime) -> NoticeData:
    if case.state not in NOTICE_STATES:
        raise _refuse(case, "document.notice_closed")
    policy = case_policy(verifier, case)
    missing = _missing_materials(case, policy)
    if not missing:
        raise _refuse(case, "document.notice_nothing_missing")
    last_day, provisional = _window(case, verifier, policy)
    return NoticeData(
        office=_office(read_office_profile(session, store.office_code), store),
        case_no=case.case_no,
        lookup_code=case.lookup_code,
        applicant_name=case.applicant_name,
        id_number=case.id_number,
        missing=missing,
        received=materials_received(case, policy),
        shared=materials_shared(case, policy),
        office_checking=office_lines(_sources(case)),
        window_last_day=last_day,
        window_provisional=provisional,
        clerk_name=_display_name(session, actor.username),
        issued_at=printed_at,
    )


def decision_entry(session: Session, case: CaseRecord) -> audit.AuditEntry | None:
    """The audit entry of the case's decision (the last approval or rejection), if any."""
    action = {**dict.fromkeys(APPROVED_STATES, Action.case_approve), State.rejected: Action.case_reject}.get(case.state)
    if action is None:
        return None
    found = [e for e in audit.entries(session, entity="case", entity_id=case.id) if e.action == action.value]
    return found[-1] if found else None


def _failed_checks(case: CaseRecord) -> list[Check]:
    """The rules not met, as the verdict stored on the case states them (fact and basis)."""
    checks = case.verdict.get("checks") or []
    return [Check(str(c.get("rule", "")), False, str(c.get("message", "")), str(c.get("basis", "")))
            for c in checks if isinstance(c, dict) and c.get("passed") is False]


def _reviewer_reason(case: CaseRecord, entry: audit.AuditEntry | None) -> str:
    """The reason the reviewer stated on rejecting (the rejection's audit note; the case's note for a case
    without that entry)."""
    note = (entry.after or {}).get("note") if entry is not None else None
    if not isinstance(note, str) or not note.strip():
        note = case.decision_note or ""
    return note.strip()


def decision_data(session: Session, store: Store, verifier: Verifier, case: CaseRecord) -> DecisionData:
    """What the decision says, under the number it already has (none before its first print: ``issue_decision``
    takes one then)."""
    approved = case.state in APPROVED_STATES
    if not approved and case.state is not State.rejected:
        raise _refuse(case, "document.decision_undecided")
    policy = case_policy(verifier, case)
    entry = decision_entry(session, case)
    failed = [] if approved else _failed_checks(case)
    reason = "" if approved else _reviewer_reason(case, entry)
    if not approved and not failed and not reason:
        raise _refuse(case, "document.decision_no_reason")
    if approved and case.amount_yuan <= 0:
        raise _refuse(case, "document.decision_zero_amount")
    profile = read_office_profile(session, store.office_code)
    profile.require_decision_settings()
    numbered = doc_numbers.existing_number(session, case.id, entry.seq if entry is not None else 0)
    return DecisionData(
        office=_office(profile, store),
        case_no=case.case_no,
        applicant_name=case.applicant_name,
        id_number=case.id_number,
        approved=approved,
        amount_yuan=case.amount_yuan if approved else 0,
        level=case.cert_level,
        occupation_name=_occupation_name(case),
        certificate_number=case.cert_number,
        failed_checks=failed,
        decided_by=_display_name(session, entry.actor if entry else None) or "",
        decided_at=dt.datetime.fromisoformat(entry.at) if entry else case.state_changed_at,
        policy_label=policy_label(verifier, policy),
        issuer=profile.issuer_name,
        doc_number=numbered.number if numbered is not None else "",
        issued_at=numbered.issued_at if numbered is not None else None,
        reconsideration_body=profile.reconsideration_body,
        court=profile.court,
        reviewer_reason=reason,
        policy_note=case_policy_note(verifier, case, policy),
        payment_kind=case.payment_kind if approved else "",
        payment_account=case.payment_account if approved else "",
        bank_name=case.bank_name if approved else "",
    )


def _last_entry(session: Session, case: CaseRecord, action: Action) -> audit.AuditEntry | None:
    found = [e for e in audit.entries(session, entity="case", entity_id=case.id) if e.action == action.value]
    return found[-1] if found else None


def payment_notice_data(session: Session, store: Store, verifier: Verifier, case: CaseRecord, *,
                        actor: StaffUser, printed_at: dt.datetime) -> PaymentNoticeData:
    """The 补正通知 of a case whose payment the bank returned (issue 17.9): the returned item's batch, day and
    reason, the account it went to (as the item recorded it), and the approval's document number."""
    if case.state is not State.payment_failed:
        raise _refuse(case, "document.payment_notice_not_failed")
    failed = [(batch, item) for batch, item in payments.payments_of(session, case.id) if item.status == "failed"]
    batch, item = failed[-1] if failed else (None, None)
    approval = decision_entry(session, case)
    numbered = doc_numbers.existing_number(session, case.id, approval.seq) if approval is not None else None
    return PaymentNoticeData(
        office=_office(read_office_profile(session, store.office_code), store),
        case_no=case.case_no,
        lookup_code=case.lookup_code,
        applicant_name=case.applicant_name,
        id_number=case.id_number,
        amount_yuan=item.amount_yuan if item is not None else case.amount_yuan,
        payment_kind=item.account_kind if item is not None else case.payment_kind,
        payment_account=item.account if item is not None else case.payment_account,
        bank_name=item.bank_name if item is not None else case.bank_name,
        batch_no=batch.batch_no if batch is not None else "",
        returned_on=store.clock.local_date(item.resolved_at) if item is not None and item.resolved_at else
        store.clock.local_date(case.state_changed_at),
        reason=(item.reason or "") if item is not None else "",
        decision_number=numbered.number if numbered is not None else "",
        clerk_name=_display_name(session, actor.username),
        issued_at=printed_at,
    )


def withdrawal_data(session: Session, store: Store, verifier: Verifier, case: CaseRecord, *,
                    printed_at: dt.datetime) -> WithdrawalData:
    """The 撤回确认书 of a withdrawn case (issue 17.9): when and why (the withdrawal's note), by whom, and the
    certificate's window for applying again."""
    if case.state is not State.withdrawn:
        raise _refuse(case, "document.withdrawal_not_withdrawn")
    entry = _last_entry(session, case, Action.case_withdraw)
    note = (entry.after or {}).get("note") if entry is not None else None
    policy = case_policy(verifier, case)
    last_day, provisional = _window(case, verifier, policy)
    return WithdrawalData(
        office=_office(read_office_profile(session, store.office_code), store),
        case_no=case.case_no,
        applicant_name=case.applicant_name,
        id_number=case.id_number,
        certificate_number=case.cert_number,
        occupation_name=_occupation_name(case),
        level=case.cert_level,
        application_date=case.application_date,
        accepted=case.accepted_at is not None,
        withdrawn_at=dt.datetime.fromisoformat(entry.at) if entry is not None else case.state_changed_at,
        reason=note if isinstance(note, str) else "",
        withdrawn_by=_display_name(session, entry.actor if entry is not None else None),
        window_last_day=last_day,
        window_provisional=provisional,
        issued_at=printed_at,
    )


# --- issuing ----------------------------------------------------------------------------


def target_path(out: Path | str) -> Path:
    """Where a document given ``out`` goes: a file in an existing folder (``InvalidInput`` naming ``out``)."""
    return output_path(out, pdf=True).absolute()


@dataclass(frozen=True)
class Rendering:
    """A builder's answer when the print records more than the common keys (a decision's number)."""

    render: Callable[[io.BytesIO], None]
    extra: dict[str, Any] = field(default_factory=dict)


Builder = Callable[[Session, CaseRecord, int, dt.datetime], "Callable[[io.BytesIO], None] | Rendering"]


def _issue(store: Store, actor: StaffUser, case_id_or_no: str, out: Path | str, kind: Kind, fmt: str,
           build: Builder) -> IssuedDocument:
    """Print a case's document: the format checked first, then where it goes; ``build`` gathers its data from
    the case as it stands in the print's own transaction and answers the renderer."""
    _check_format(fmt)
    path = target_path(out)
    case = get_case(store, case_id_or_no)
    with placed_with_transaction() as files, store.session() as session:
        check_printer(session, actor)
        printed_at = store.clock.now()
        reprint = _earlier_prints(session, case, kind)
        built = build(session, case, reprint, printed_at)
        rendering = built if isinstance(built, Rendering) else Rendering(built)
        buffer = io.BytesIO()
        rendering.render(buffer)
        pdf = buffer.getvalue()
        digest = hashlib.sha256(pdf).hexdigest()
        after = {"kind": kind, "format": fmt, "reprint": reprint, "sha256": digest, "path": str(path),
                 **rendering.extra}
        entry = audit.record(session, actor=actor.username, action=f"document.{kind}", entity="case",
                             entity_id=case.id, before=None, after=after, at=printed_at)
        outbox.enqueue(session, entity="document", entity_id=case.id, op=f"document.{kind}",
                       payload={"case_id": case.id, "case_no": case.case_no, "kind": kind, "format": fmt,
                                "reprint": reprint, "sha256": digest, "printed_by": actor.username,
                                "printed_at": entry.at, "audit_seq": entry.seq, **rendering.extra},
                       at=printed_at)
        # Last: if the commit fails the file goes too (no print without its entry).  Sealed in the data folder.
        files.place(sealed.kept(store.data_dir, path, pdf), path)
    return IssuedDocument(kind, case.case_no, path, printed_at, actor.username, reprint, fmt, digest,
                          str(rendering.extra.get("doc_number", "")))


def _check_format(format: str) -> None:  # noqa: A002
    if format not in FORMATS:
        raise InvalidInput.about("format", "document.bad_format", received=repr(format))


def issue_receipt(store: Store, verifier: Verifier, actor: StaffUser, case_id_or_no: str, out: Path | str, *,
                  format: str = "a4") -> IssuedDocument:  # noqa: A002
    """Print the 受理回执 (A4 or the 80 mm roll) to ``out``; a later print is a 补打."""

    def build(session: Session, case: CaseRecord, reprint: int, at: dt.datetime) -> Callable[[io.BytesIO], None]:
        from desktop.documents.receipt import render_receipt  # reportlab: loaded at the first print

        data = receipt_data(session, store, verifier, case, reprint=reprint, printed_at=at)
        return lambda buffer: render_receipt(data, buffer, format=format)  # type: ignore[arg-type]

    return _issue(store, actor, case_id_or_no, out, "receipt", format, build)


def issue_notice(store: Store, verifier: Verifier, actor: StaffUser, case_id_or_no: str,
                 out: Path | str, *, format: str = "a4") -> IssuedDocument:  # noqa: A002
    """Print the 一次性告知书 of everything the case still lacks (A4 or the 80 mm roll)."""

    def build(session: Session, case: CaseRecord, reprint: int, at: dt.datetime) -> Callable[[io.BytesIO], None]:
        from desktop.documents.notice import render_notice

        data = notice_data(session, store, verifier, case, actor=actor, printed_at=at)
        return lambda buffer: render_notice(data, buffer, format=format)  # type: ignore[arg-type]

    return _issue(store, actor, case_id_or_no, out, "notice", format, build)


def issue_decision(store: Store, verifier: Verifier, actor: StaffUser, case_id_or_no: str,
                   out: Path | str, *, format: str = "a4") -> IssuedDocument:  # noqa: A002
    """Print the 审核决定书 (核发决定书 with the amount and the account, or 不予核发决定书 with each fact and its
    clause) under the decision's document number: taken now, in this print's transaction, if it has none.
    A4 by default; the 80 mm roll on request (CONTRACTS.md ``--format``), the same text in one column."""

    def build(session: Session, case: CaseRecord, reprint: int, at: dt.datetime) -> Rendering:
        from desktop.documents.decision import render_decision

        data = decision_data(session, store, verifier, case)  # every refusal before a number is taken
        if not data.doc_number:
            entry = decision_entry(session, case)
            number = doc_numbers.number_decision(
                session, office_code=store.office_code, prefix=_number_prefix(session, store),
                year=store.clock.local_date(at).year, case_id=case.id,
                decision_seq=entry.seq if entry is not None else 0, actor=actor.username, at=at)
            data = replace(data, doc_number=number.number, issued_at=number.issued_at)
        return Rendering(lambda buffer: render_decision(data, buffer, format=format),  # type: ignore[arg-type]
                         {"doc_number": data.doc_number})

    return _issue(store, actor, case_id_or_no, out, "decision", format, build)


def issue_payment_notice(store: Store, verifier: Verifier, actor: StaffUser, case_id_or_no: str,
                         out: Path | str, *, format: str = "a4") -> IssuedDocument:  # noqa: A002
    """Print the 发放失败补正通知书 of a case whose payment the bank returned (issue 17.9)."""

    def build(session: Session, case: CaseRecord, reprint: int, at: dt.datetime) -> Callable[[io.BytesIO], None]:
        from desktop.documents.case_letters import render_payment_notice

        data = payment_notice_data(session, store, verifier, case, actor=actor, printed_at=at)
        return lambda buffer: render_payment_notice(data, buffer, format=format)  # type: ignore[arg-type]

    return _issue(store, actor, case_id_or_no, out, "payment_notice", format, build)


def issue_withdrawal(store: Store, verifier: Verifier, actor: StaffUser, case_id_or_no: str,
                     out: Path | str, *, format: str = "a4") -> IssuedDocument:  # noqa: A002
    """Print the 申请撤回确认书 of a withdrawn case (issue 17.9), A4 or the 80 mm roll."""

    def build(session: Session, case: CaseRecord, reprint: int, at: dt.datetime) -> Callable[[io.BytesIO], None]:
        from desktop.documents.case_letters import render_withdrawal

        data = withdrawal_data(session, store, verifier, case, printed_at=at)
        return lambda buffer: render_withdrawal(data, buffer, format=format)  # type: ignore[arg-type]

    return _issue(store, actor, case_id_or_no, out, "withdrawal", format, build)


def _number_prefix(session: Session, store: Store) -> str:
    return read_office_profile(session, store.office_code).doc_number_prefix


def documents_of(store: Store, case_id: str) -> list[IssuedDocument]:
    """Every document printed for the case (id or case number), oldest first, from the audit trail."""
    try:
        case = get_case(store, case_id)
    except NotFound:
        return []
    with store.session(readonly=True) as session:
        found = []
        for entry in audit.entries(session, entity="case", entity_id=case.id):
            if not is_document_entry(entry):
                continue
            after = entry.after or {}
            found.append(IssuedDocument(
                kind=str(after.get("kind", entry.action.removeprefix("document."))),
                case_no=case.case_no,
                path=Path(str(after.get("path", ""))),
                printed_at=dt.datetime.fromisoformat(entry.at),
                printed_by=entry.actor,
                reprint_count=int(after.get("reprint", 0)),
                format=str(after.get("format", "a4")),
                sha256=str(after.get("sha256", "")),
                doc_number=str(after.get("doc_number", "")),
            ))
        return found


__all__ = [
    "DOCUMENT_ACTIONS",
    "FORMATS",
    "KINDS",
    "KIND_LABELS",
    "check_printer",
    "target_path",
    "CaseMaterials",
    "IssuedDocument",
    "can_print",
    "case_materials",
    "decision_data",
    "decision_entry",
    "documents_of",
    "is_document_entry",
    "issue_decision",
    "issue_notice",
    "issue_payment_notice",
    "issue_receipt",
    "issue_withdrawal",
    "materials_received",
    "materials_shared",
    "notice_data",
    "payment_notice_data",
    "policy_label",
    "receipt_data",
    "withdrawal_data",
]



def issue_to_data_folder(store: Store, verifier: Verifier, actor: StaffUser, case_id_or_no: str, kind: str, *,
                         format: str = "a4") -> IssuedDocument:  # noqa: A002
    """Issue a document into the data folder (``documents/<case_no>/``), where the window
    previews and prints it; the folder is the owner's only, like the database."""
    # The counter's paper (the receipt-printer setting) serves what is handed over at the counter, the
    # receipt, the one-time notice and the withdrawal confirmation; a decision and a payment-failure notice
    # (which may be posted) from the window are A4 (``print … --format`` may differ).
    paper = format if kind in ("receipt", "notice", "withdrawal") else "a4"
    issuers: dict[str, Callable[[Store, Verifier, StaffUser, str, Path], IssuedDocument]] = {
        "receipt": functools.partial(issue_receipt, format=paper),
        "notice": functools.partial(issue_notice, format=paper),
        "decision": issue_decision,
        "payment_notice": issue_payment_notice,
        "withdrawal": functools.partial(issue_withdrawal, format=paper)}
    if kind not in issuers:
        raise InvalidInput.about("kind", "document.no_such_kind", kind=repr(kind))
    case = get_case(store, case_id_or_no)
    stamp = store.clock.now().strftime("%Y%m%dT%H%M%S")
    out = store.data_dir / "documents" / case.case_no / f"{kind}-{paper}-{stamp}.pdf"
    private_dir(out.parent)
    return issuers[kind](store, verifier, actor, case.id, out)
