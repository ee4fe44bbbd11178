"""审核决定书: 技能提升补贴核发决定书 (approval) or 不予核发决定书 (rejection), issue 17.2.

A decision is an administrative act an applicant may contest, so it says what a court would ask:

- who decided: issued in the deciding body's name (``issuer``, the bureau or its agency from the
  office settings — a service window cannot decide) under its document number (文号, allocated per
  office and year in the print's transaction, ``desktop.models.doc_numbers``); the seal line names
  that body; the approver signs an approval as 审批人, the reviewer a rejection as 审核人;
- why: each failed rule as its fact and its exact clause — 累计缴费28个月，不足36个月（人社部发〔2017〕40号
  第一条第（一）项）; the reviewer's stated reason adds to those facts and never replaces them, and is
  the ground itself when the rules had all passed;
- what: 准予核发 with the amount in figures and in capitals (the capitals cannot be altered by adding a
  digit) and the account (masked) and bank it is paid to, or 不予核发;
- the remedies: the reconsideration body and the court by name, under 《中华人民共和国行政复议法》 and
  《中华人民共和国行政诉讼法》, with the time limits in words (六十日、六个月);
- the policy applied, said plainly when it is carried over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.data import DecisionData
from desktop.documents.layout import (
    Kit,
    Output,
    build_pdf,
    case_fact_rows,
    emphasis,
    esc,
    fields,
    kit_for,
    letterhead,
    para,
    rich,
    section,
    signature_block,
)
from desktop.models.masking import mask_account

if TYPE_CHECKING:  # only for annotations: keeps the eligibility rules out of a print-only import
    from desktop.models.rules import Check

TITLE = "技能提升补贴审核决定书"  # the kind of document (both titles below are one)
APPROVAL_TITLE = "技能提升补贴核发决定书"
REJECTION_TITLE = "技能提升补贴不予核发决定书"
APPROVED = "准予核发"
REJECTED = "不予核发"
ITEM_NUMBERS = "一二三四五六七八九十"


def title_of(data: DecisionData) -> str:
    return APPROVAL_TITLE if data.approved else REJECTION_TITLE


def _check(data: DecisionData) -> list[Check]:
    """The failed checks a rejection states; refuses a decision that lacks what it must say."""
    failed = [check for check in data.failed_checks if not check.passed]
    if data.approved and data.amount_yuan <= 0:
        raise ValueError("an approval must state a positive amount")
    if not data.approved and not failed and not data.reviewer_reason.strip():
        # A rejection without reasons is unlawful and uncontestable: refuse to print it.
        raise ValueError("a rejection must state at least one failed check or the reviewer's reason")
    for name in ("issuer", "doc_number", "reconsideration_body", "court"):
        if not str(getattr(data, name)).strip():
            raise ValueError(f"a decision must state its {name}")
    return failed


def render_decision(data: DecisionData, out: Output, *, format: Literal["a4", "80mm"] = "a4") -> None:  # noqa: A002
    """Write the decision to ``out`` (a path, written atomically, or a binary stream): A4, or on request
    (CONTRACTS.md ``print decision --format 80mm``) the same text in one column on the 80 mm roll."""
    failed = _check(data)
    kit = kit_for(format, formal=True)
    office = data.office
    title = title_of(data)

    policy: list[Flowable] = [para(data.policy_label, kit.cell)]
    if data.policy_note:
        policy.append(para(data.policy_note, kit.small))
    story: list[Flowable] = [
        *letterhead(data.issuer, title, kit),
        para(data.doc_number, kit.centered),
        Spacer(1, 2 * mm),
        fields(
            [
                *case_fact_rows(data, kit),
                ("适用政策", policy),
                ("决定", rich(emphasis(APPROVED if data.approved else REJECTED, kit, 1.2), kit.cell)),
            ],
            kit,
        ),
        Spacer(1, 3 * mm),
        para(f"{data.applicant_name}：", kit.body),
    ]
    story += _approval(data, kit) if data.approved else _rejection(data, failed, kit)
    story.append(section("救济途径", kit, para(wording.remedies(data.reconsideration_body, data.court), kit.prose)))
    story.append(
        para(f"咨询电话：{office.phone}；地址：{office.address}。办理进度查询：{office.progress_hint}。", kit.small)
    )
    signer = "审批人" if data.approved else "审核人"
    story += signature_block(
        kit,
        [f"{signer}：{data.decided_by}", "经办人（签字）：________________"],
        seal_label=f"{data.issuer}（印章）",
        date_line=wording.date_cn(wording.local_date(data.issued_at or data.decided_at, office.tz_name)),
    )
    build_pdf(story, out, kit, title=f"{title} {data.doc_number}", author=data.issuer, subject=title,
              footer=f"{data.doc_number}　受理编号 {data.case_no}")


def _approval(data: DecisionData, kit: Kit) -> list[Flowable]:
    out = [
        rich(
            f"您申请的失业保险技能提升补贴（受理编号 {esc(data.case_no)}），经审核，符合{esc(data.policy_label)}"
            f"规定的申领条件，本机关决定{APPROVED}技能提升补贴。",
            kit.prose,
        ),
        rich(f"核定补贴金额：{emphasis(wording.amount_cn(data.amount_yuan), kit, 1.3)}", kit.prose),
    ]
    if data.payment_account:
        bank = f"{data.bank_name}，" if data.bank_name else ""
        out.append(para(
            f"补贴资金将直接发放至{wording.payment_kind_name(data.payment_kind)}（{bank}账号："
            f"{mask_account(data.payment_account)}），不向他人账户发放。", kit.prose))
    else:
        out.append(para(wording.DIRECT_PAYMENT, kit.prose))
    return out


def _rejection(data: DecisionData, failed: list[Check], kit: Kit) -> list[Flowable]:
    grounds = [wording.fact_with_clause(c.message, c.basis) for c in failed]
    reason = data.reviewer_reason.strip().rstrip("。；;")
    if reason:
        # The reviewer's finding adds to the rules' facts (or, when every rule passed, is the ground).
        grounds.append(reason if reason.startswith("经") else f"经审核查明：{reason}")  # 经核实，… stands as written
    items = [
        para(f"（{_item_number(i)}）{ground}{'。' if i == len(grounds) else '；'}", kit.prose)
        for i, ground in enumerate(grounds, 1)
    ]
    lead = "经审核，您的申请不符合下列申领条件：" if failed else "经审核，您的申请存在下列情形："
    conclusion = f"根据上述事实{'和规定' if failed else ''}，本机关决定{REJECTED}技能提升补贴。"
    return [
        rich(f"您申请的失业保险技能提升补贴（受理编号 {esc(data.case_no)}），{lead}", kit.prose),
        section("不予核发的事实和依据" if failed else "不予核发的理由", kit, *items),
        para(conclusion, kit.prose),
    ]


def _item_number(i: int) -> str:
    """一 … 十, then 十一 …: item numbers as official documents write them."""
    if i <= 10:
        return ITEM_NUMBERS[i - 1]
    tens, ones = divmod(i, 10)
    return ("" if tens == 1 else ITEM_NUMBERS[tens - 1]) + "十" + (ITEM_NUMBERS[ones - 1] if ones else "")
