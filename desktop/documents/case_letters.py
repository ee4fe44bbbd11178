"""Two letters a case needs besides its receipt, notice and decision (issue 17.9).

- 技能提升补贴发放失败补正通知书 (``render_payment_notice``): the bank returned the payment.  The approval
  stands (the letter cites its document number, never reprints it); what is missing is an account the money
  can reach, so the letter says which account was tried (masked, with its bank), when and why the bank
  returned it, and what to bring to name a new one — the applicant's own (40号 二(三): paid directly to the
  applicant's own bank account or social security card, never to a third party).  A4: it may be posted.
- 技能提升补贴申请撤回确认书 (``render_withdrawal``): the application withdrawn at the applicant's request
  — when it was made and withdrawn, the reason given, that the office ends its handling and the receipt
  no longer serves, and that he may apply again within the certificate's window (至…（含）, 暂定 where the
  year's holidays are not yet published).  A4 or the counter's 80 mm roll: it is handed over at the counter.

Both in the formal face, signed by the clerk and under the office's seal, personal data masked.
"""

from __future__ import annotations

from typing import Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.data import PaymentNoticeData, WithdrawalData
from desktop.documents.layout import (
    SIZE_SMALL_4,
    Kit,
    Output,
    blank_line,
    build_case_pdf,
    case_fact_rows,
    emphasis,
    fields,
    heading,
    kit_for,
    letterhead,
    numbered,
    para,
    rich,
    section,
    signature_block,
)
from desktop.models.masking import mask_account

PAYMENT_NOTICE_TITLE = "技能提升补贴发放失败补正通知书"
WITHDRAWAL_TITLE = "技能提升补贴申请撤回确认书"
# What names a new account: the applicant in person with his own card (40号 二(三)).
NEW_ACCOUNT_MATERIALS = (
    "本人居民身份证（现场核验，不留复印件）",
    "本人名下的银行卡或具有金融功能的社会保障卡（新的收款账户）",
)
SAME_ACCOUNT = "原账户经银行处理已恢复正常的，可携带该卡到窗口核实后，按原账户重新发放。"
COPIES = "本通知书一式两份，申请人与经办机构各执一份。"


def _side(text: str, kit: Kit) -> Flowable:
    return para(text, kit.body if kit.roll else kit.prose)


# --- 发放失败补正通知书 ------------------------------------------------------------------------------


def render_payment_notice(data: PaymentNoticeData, out: Output, *,
                          format: Literal["a4", "80mm"] = "a4") -> None:  # noqa: A002
    """Write the payment-failure notice to ``out`` (a path, written atomically, or a binary stream)."""
    if data.amount_yuan <= 0:
        raise ValueError("a payment-failure notice must state the approved amount")
    kit = kit_for(format, formal=True, text_size=SIZE_SMALL_4)
    office = data.office
    account = f"{wording.payment_kind_name(data.payment_kind)}（{data.bank_name + '，' if data.bank_name else ''}" \
              f"账号：{mask_account(data.payment_account)}）"
    returned = wording.date_cn(data.returned_on) if data.returned_on else "（未记录）"
    decided = f"（{data.decision_number}）" if data.decision_number else ""
    reason = data.reason.strip().rstrip("。") or "银行未说明原因"
    story: list[Flowable] = [
        *letterhead(office.name, PAYMENT_NOTICE_TITLE, kit),
        fields([
            ("受理编号", rich(emphasis(data.case_no, kit, 1.2), kit.cell)),
            ("查询码", data.lookup_code),
            ("申请人", data.applicant_name),
            ("身份号码" if kit.roll else "公民身份号码", wording.masked_id(data.id_number)),
            ("核定金额", wording.amount_cn(data.amount_yuan)),
            ("原收款账户", account),
            *([("发放批次", data.batch_no)] if data.batch_no else []),
            ("退回日期", returned),
            ("退回原因", reason),
        ], kit),
        Spacer(1, 3 * mm),
        para(f"{data.applicant_name}：", kit.body),
        _side(f"您申请的失业保险技能提升补贴（受理编号 {data.case_no}）已经审核准予核发{decided}，核定补贴金额"
              f"{wording.amount_cn(data.amount_yuan)}。本机构将该笔补贴发放至您的{account}，"
              "被银行退回，补贴资金未到账。", kit),
        _side("请您补正收款账户：携带下列材料到本机构办理收款账户变更，账户核实后重新发放。", kit),
        section("补正收款账户需携带的材料", kit, *numbered(list(NEW_ACCOUNT_MATERIALS), kit, base=kit.cell)),
        _side(SAME_ACCOUNT, kit),
        _side(wording.DIRECT_PAYMENT, kit),
        para(f"咨询电话：{office.phone}；地址：{office.address}。办理进度查询：{office.progress_hint}。", kit.small),
        para(COPIES, kit.small),
    ]
    story += signature_block(
        kit, [f"经办人：{data.clerk_name}", blank_line("申请人（签收）", 6 if kit.roll else 8)],
        seal_label=f"{office.name}（盖章）",
        date_line="日期：" + wording.date_cn(wording.local_date(data.issued_at, office.tz_name)))
    build_case_pdf(story, out, kit, title=PAYMENT_NOTICE_TITLE, case_no=data.case_no, office_name=office.name)


# --- 撤回确认书 -------------------------------------------------------------------------------------------


def render_withdrawal(data: WithdrawalData, out: Output, *, format: Literal["a4", "80mm"] = "a4") -> None:  # noqa: A002
    """Write the withdrawal confirmation (A4 or the 80 mm roll) to ``out``."""
    kit = kit_for(format, formal=True, text_size=SIZE_SMALL_4)
    office = data.office
    tz = office.tz_name
    withdrawn_on = wording.date_cn(wording.local_date(data.withdrawn_at, tz))
    window = wording.deadline_cn(data.window_last_day)
    if data.window_provisional:
        window += f"（{wording.PROVISIONAL_DATE}：{wording.PROVISIONAL_DATE_REASON}）"
    today = wording.local_date(data.issued_at, tz)
    reason = data.reason.strip().rstrip("。") or "申请人本人要求"
    status = "" if data.accepted else "（尚未受理）"
    story: list[Flowable] = [
        *letterhead(office.name, WITHDRAWAL_TITLE, kit),
        fields([
            *case_fact_rows(data, kit),
            ("申请日期", wording.date_cn(data.application_date)),
            ("撤回日期", withdrawn_on),
            ("撤回原因", reason),
        ], kit),
        Spacer(1, 3 * mm),
        para(f"{data.applicant_name}：", kit.body),
        _side(f"您于{wording.date_cn(data.application_date)}提出的失业保险技能提升补贴申请{status}（受理编号 "
              f"{data.case_no}），已于{withdrawn_on}按您本人的要求撤回，本机构终止办理。"
              + ("原受理回执不再作为办理和查询凭证。" if data.accepted else ""), kit),
    ]
    if data.window_last_day >= today:
        again = f"撤回不影响您重新申请：该证书的申请期限{window}，期限内可重新提出申请，按申请时的规定办理。"
    else:
        again = f"该证书的申请期限已于{wording.date_cn(data.window_last_day)}届满。"
    story += [_side(again, kit),
              para(f"咨询电话：{office.phone}；地址：{office.address}。", kit.small)]
    if kit.roll:
        story += [*heading("经办", kit), fields([("经办人", data.withdrawn_by)], kit)]
        signers = [blank_line("申请人（签字）", 6)]
    else:
        signers = [f"经办人：{data.withdrawn_by}", blank_line("申请人（签字）")]
    story += signature_block(kit, signers, seal_label=f"{office.name}（盖章）",
                             date_line="日期：" + wording.date_cn(today))
    build_case_pdf(story, out, kit, title=WITHDRAWAL_TITLE, case_no=data.case_no, office_name=office.name)


__all__ = [
    "PAYMENT_NOTICE_TITLE",
    "WITHDRAWAL_TITLE",
    "render_payment_notice",
    "render_withdrawal",
]
