"""审核决定书: the written decision on a case, approval or rejection.

An approval states the amount in figures and in Chinese capitals (the
capitals cannot be altered by adding a digit).  A rejection lists every rule
not met with its plain reason and the clause it rests on — a citizen must be
able to see exactly why, and contest it.  Both carry the appeal wording
(行政复议 within 60 days, 行政诉讼 within 6 months) and the policy applied,
said plainly when it is carried over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.data import DecisionData
from desktop.documents.layout import (
    Kit,
    Output,
    build_pdf,
    data_table,
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

if TYPE_CHECKING:  # only for annotations: keeps the eligibility rules out of a print-only import
    from desktop.models.rules import Check

TITLE = "技能提升补贴审核决定书"
APPROVED = "准予核发"
REJECTED = "不予核发"


def render_decision(data: DecisionData, out: Output) -> None:
    """Write the decision (A4) to ``out`` (a path, written atomically, or a binary stream)."""
    failed = [check for check in data.failed_checks if not check.passed]
    if data.approved and data.amount_yuan <= 0:
        raise ValueError("an approval must state a positive amount")
    if not data.approved and not failed:
        # A rejection without reasons is unlawful and uncontestable: refuse to print it.
        raise ValueError("a rejection must list at least one failed check")
    kit = kit_for("a4")
    office = data.office
    tz = office.tz_name

    policy: list[Flowable] = [para(data.policy_label, kit.cell)]
    if data.policy_note:
        policy.append(para(data.policy_note, kit.small))
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("受理编号", rich(emphasis(data.case_no, kit, 1.2), kit.cell)),
                ("申请人", data.applicant_name),
                ("公民身份号码", wording.masked_id(data.id_number)),
                ("证书编号", data.certificate_number),
                ("职业（工种）", data.occupation_name),
                ("证书等级", wording.level_name(data.level)),
                ("适用政策", policy),
                ("审核结论", rich(emphasis(APPROVED if data.approved else REJECTED, kit, 1.2), kit.cell)),
            ],
            kit,
        ),
        Spacer(1, 3 * mm),
        para(f"{data.applicant_name}：", kit.body),
    ]
    story += _approval(data, kit) if data.approved else _rejection(data, failed, kit)

    appeal = wording.APPEAL_WORDING
    if data.appeal_hint:
        appeal += esc(data.appeal_hint).rstrip("。") + "。"
    story.append(section("救济途径", kit, rich(appeal, kit.prose)))
    story.append(
        para(f"咨询电话：{office.phone}；地址：{office.address}。办理进度查询：{office.progress_hint}。", kit.small)
    )
    story += signature_block(
        kit,
        [f"审核人：{data.decided_by}", "经办人（签字）：________________"],
        date_line="日期：" + wording.date_cn(wording.local_date(data.decided_at, tz)),
    )
    build_pdf(story, out, kit, title=f"{TITLE} {data.case_no}", author=office.name, subject=TITLE,
              footer=f"受理编号 {data.case_no}　{office.name}")


def _approval(data: DecisionData, kit: Kit) -> list[Flowable]:
    return [
        rich(
            f"您申请的失业保险技能提升补贴（受理编号 {esc(data.case_no)}），经审核，符合{esc(data.policy_label)}"
            "规定的申领条件，决定准予核发技能提升补贴。",
            kit.prose,
        ),
        rich(f"核定补贴金额：{emphasis(wording.amount_cn(data.amount_yuan), kit, 1.3)}", kit.prose),
        para(wording.DIRECT_PAYMENT, kit.prose),
    ]


def _rejection(data: DecisionData, failed: list[Check], kit: Kit) -> list[Flowable]:
    width = kit.width
    # One clause per line: a citation such as 人社部发〔2017〕40号 二(一) reads badly broken up.
    rows = [
        [para(str(i), kit.cell_head), wording.rule_label(c.rule), c.message, _clauses(c.basis, kit)]
        for i, c in enumerate(failed, 1)
    ]
    return [
        rich(
            f"您申请的失业保险技能提升补贴（受理编号 {esc(data.case_no)}），经审核，不符合下列申领条件，"
            "决定不予核发技能提升补贴：",
            kit.prose,
        ),
        section(
            "不符合的条件及依据",
            kit,
            data_table(["序号", "审核项目", "不符合的情况", "依据条款"], rows, kit,
                       [11 * mm, 27 * mm, width - 94 * mm, 56 * mm]),
        ),
    ]


def _clauses(basis: str, kit: Kit) -> Flowable:
    parts = [part.strip() for part in basis.replace(";", "；").split("；") if part.strip()]
    return rich("；<br/>".join(esc(part) for part in parts), kit.cell)
