"""What the documents print, as plain frozen values.

The renderers never touch the database: a later step builds these from a
case, and tests build them by hand.  Identifiers are given in full (the
documents mask them), money is an int number of yuan, instants are aware
datetimes (shown in the office's time zone), dates of record are dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from desktop.models.clock import OFFICE_TZ

if TYPE_CHECKING:  # only for annotations: keeps the eligibility rules out of a print-only import
    from desktop.models.rules import Check


@dataclass(frozen=True)
class Office:
    code: str  # GB/T 2260 region code of the office, e.g. 440100
    name: str  # 广州市天河区人力资源和社会保障局公共就业服务大厅
    address: str
    phone: str
    progress_hint: str  # how to check progress: 拨打12333 / 登录…网上办事大厅“进度查询”
    tz_name: str = OFFICE_TZ  # dates and times are printed in the office's zone


class MissingMaterial(Protocol):
    """What the one-time notice needs of a checklist row (``ChecklistItem`` fits)."""

    @property
    def name(self) -> str: ...

    @property
    def how(self) -> str: ...


@dataclass(frozen=True)
class Material:
    """A plain missing-material row, for callers without a ``ChecklistItem``."""

    name: str
    how: str


@dataclass(frozen=True)
class ReceiptData:
    """受理回执."""

    office: Office
    case_no: str
    lookup_code: str  # short code printed with the case number for progress lookup
    applicant_name: str
    id_number: str  # full: the receipt prints it masked
    certificate_number: str
    certificate_kind: str  # skill_level / qualification, or the Chinese name
    level: int  # 5 初级 … 1 高级技师
    occupation_code: str
    occupation_name: str
    amount_yuan: int
    materials_received: Sequence[str]  # 收取: handed over, or an original sighted (and said so)
    review_deadline: dt.date
    review_deadline_provisional: bool
    clerk_name: str
    accepted_at: dt.datetime  # aware
    provisional: bool  # issued offline, before the central duplicate check
    reprint_count: int  # 0 = the original
    policy_label: str
    policy_note: str = ""  # e.g. carried over: 2026年新政策尚未载入，按 cn-2025 延续执行
    printed_at: dt.datetime | None = None  # for a reprint: when it was printed (aware)
    # The other two kinds of POLICY.md §4 (an item is in a kind only when it is so):
    materials_shared: Sequence[str] = ()  # 信息共享核验: what, the source and its as-of
    materials_missing: Sequence[str] = ()  # still missing from the applicant (the one-time notice says how)
    office_checking: Sequence[str] = ()  # typed data the office checks itself (40号 二(二)), not the applicant's
    public_url: str = ""  # the central system's public address (the QR's progress link); "": no QR
    employer_name: str = ""  # the applicant's employer (工作单位), as filed
    payment_kind: str = ""  # bank | sscard: where the subsidy is paid
    payment_account: str = ""  # full: the receipt prints it masked
    bank_name: str = ""


@dataclass(frozen=True)
class NoticeData:
    """一次性告知书."""

    office: Office
    case_no: str
    applicant_name: str
    id_number: str
    missing: Sequence[MissingMaterial]
    window_last_day: dt.date  # last day of the 12-month application window
    window_provisional: bool
    clerk_name: str
    issued_at: dt.datetime  # aware
    # The other kinds of POLICY.md §4, so the notice says the whole state of the materials once.
    received: Sequence[str] = ()  # 收取 (or sighted)
    shared: Sequence[str] = ()  # 信息共享核验: what, the source and its as-of
    office_checking: Sequence[str] = ()  # typed data the office checks itself, never asked of the applicant
    lookup_code: str = ""  # the 查询码 printed with the 受理编号 for progress lookup ("": not printed)


@dataclass(frozen=True)
class DecisionData:
    """审核决定书: 技能提升补贴核发决定书 (approval) or 不予核发决定书 (rejection), issue 17.2.

    Issued in the deciding body's name (``issuer``, from the office settings — never the service
    window) under its document number; the remedies name the reconsideration body and the court."""

    office: Office  # the service window: where to ask (phone, address, progress lookup)
    case_no: str
    applicant_name: str
    id_number: str
    approved: bool
    amount_yuan: int  # 0 when rejected
    level: int
    occupation_name: str
    certificate_number: str
    failed_checks: Sequence[Check]  # the rules not met (the verdict's, stored on the case); empty when approved
    decided_by: str  # display name: the approver (审批人) of an approval, the reviewer (审核人) of a rejection
    decided_at: dt.datetime  # aware
    policy_label: str
    issuer: str  # the deciding body: 广州市天河区人力资源和社会保障局
    doc_number: str  # 穗天人社技补决〔2026〕12号
    reconsideration_body: str  # 广州市天河区人民政府
    court: str  # 广州铁路运输法院
    reviewer_reason: str = ""  # the reviewer's stated reason: adds to the failed rules, or is the ground alone
    policy_note: str = ""  # carried-over policy, said plainly as on every verdict
    payment_kind: str = ""  # bank | sscard (an approval says where the money goes)
    payment_account: str = ""  # full: the document masks it
    bank_name: str = ""
    issued_at: dt.datetime | None = None  # first issued under its number: the date it bears (None: decided_at)


@dataclass(frozen=True)
class PaymentNoticeData:
    """技能提升补贴发放失败补正通知书 (issue 17.9): the bank returned the payment; a new account is asked for."""

    office: Office
    case_no: str
    lookup_code: str
    applicant_name: str
    id_number: str  # full: the notice prints it masked
    amount_yuan: int
    payment_kind: str  # bank | sscard: the account the bank returned
    payment_account: str  # full: printed masked
    bank_name: str
    batch_no: str  # the disbursement batch it went out in ("" unknown)
    returned_on: dt.date | None  # the office day the bank's result was recorded
    reason: str  # the bank's reason, as its result file gave it
    decision_number: str  # the approval's 文号, where one was issued ("" none yet)
    clerk_name: str
    issued_at: dt.datetime  # aware


@dataclass(frozen=True)
class WithdrawalData:
    """技能提升补贴申请撤回确认书 (issue 17.9): the application withdrawn at the applicant's request."""

    office: Office
    case_no: str
    applicant_name: str
    id_number: str  # full: printed masked
    certificate_number: str
    occupation_name: str
    level: int
    application_date: dt.date
    accepted: bool  # False: withdrawn while still a draft (never accepted, no receipt was issued)
    withdrawn_at: dt.datetime  # aware
    reason: str  # what the applicant gave (the withdrawal's note)
    withdrawn_by: str  # display name of the clerk who recorded it
    window_last_day: dt.date  # the certificate's application window: he may apply again until then
    window_provisional: bool
    issued_at: dt.datetime  # aware
