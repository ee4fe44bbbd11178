"""一次性告知书: everything the application still lacks, said once and completely.

展翅行动 二(四) requires one-time notification and forbids asking for anything
obtainable by information sharing, so the notice lists every missing item
with how to get it, promises nothing more will be asked, and states the last
day the application can still be completed (the 12-month window, 至…（含）).  It is
tied to the 受理编号 (the receipt's term) and prints the 查询码, so the applicant
follows and comes back to the same case.  A4, or the counter's 80 mm roll.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.data import NoticeData
from desktop.documents.layout import (
    SIZE_SMALL_4,
    Kit,
    Output,
    blank_line,
    build_case_pdf,
    data_table,
    emphasis,
    esc,
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

TITLE = "技能提升补贴申请材料一次性告知书"
NO_SHARED = "无（未通过信息共享核验任何信息）"


def shared_flow(shared: Sequence[str], office_checking: Sequence[str], kit: Kit) -> list[Flowable]:
    """信息共享核验: what sharing confirmed (numbered), then what the office still checks itself; the receipt
    and the notice say it alike."""
    out = numbered(list(shared), kit, base=kit.cell) if shared else []
    out += [para(line, kit.cell if kit.roll else kit.small) for line in office_checking]
    return out or [para(NO_SHARED, kit.cell)]


def render_notice(data: NoticeData, out: Output, *, format: Literal["a4", "80mm"] = "a4") -> None:  # noqa: A002
    """Write the one-time notice (A4, or the 80 mm roll a counter's receipt printer holds) to ``out`` (a path,
    written atomically, or a binary stream)."""
    kit = kit_for(format, formal=True, text_size=SIZE_SMALL_4)  # 小四: a notice keeps to one page
    office = data.office
    story = _roll_story(data, kit) if kit.roll else _a4_story(data, kit)
    build_case_pdf(story, out, kit, title=TITLE, case_no=data.case_no, office_name=office.name)


# --- wording shared by both layouts ---------------------------------------------


def _case_fields(data: NoticeData, kit: Kit) -> list[tuple[str, Any]]:
    scale = 1.1 if kit.roll else 1.2
    rows: list[tuple[str, Any]] = [("受理编号", rich(emphasis(data.case_no, kit, scale), kit.cell))]
    if data.lookup_code:
        rows.append(("查询码", rich(emphasis(data.lookup_code, kit, scale), kit.cell)))
    rows += [
        ("申请人", data.applicant_name),
        ("身份号码" if kit.roll else "公民身份号码", wording.masked_id(data.id_number)),
        ("告知时间", wording.datetime_cn(data.issued_at, data.office.tz_name)),
    ]
    return rows


def _deadline(data: NoticeData, kit: Kit) -> str:
    last_day = wording.deadline_cn(data.window_last_day)
    text = (
        f"请补齐上述材料并完成申请，期限{emphasis(last_day, kit, 1.1)}。该日期为证书核发之日起12个月申领期限的最后一日"
        "（遇法定节假日顺延至节后第一个工作日），逾期将无法申领本证书的技能提升补贴。"
    )
    if data.window_provisional:
        text += f"（{wording.PROVISIONAL_DATE}：{wording.PROVISIONAL_DATE_REASON}。）"
    return text


def _come_back(data: NoticeData) -> str:
    office = data.office
    code = f"和查询码 {esc(data.lookup_code)} " if data.lookup_code else ""
    return (
        f"补齐材料后，请携带本告知书到{esc(office.name)}办理，地址：{esc(office.address)}，"
        f"咨询电话：{esc(office.phone)}。补齐时请提供受理编号 {esc(data.case_no)}，无需重新填写申请。"
        f"凭受理编号 {esc(data.case_no)} {code}查询办理进度：{esc(office.progress_hint)}。"
    )


def _other_kinds(data: NoticeData, kit: Kit) -> Flowable:
    """The other two kinds of POLICY.md §4, so the notice states the whole of the materials once."""
    return fields([
        ("已收取" if kit.roll else "已收取的材料", numbered(list(data.received), kit, empty="无", base=kit.cell)),
        ("共享核验" if kit.roll else "信息共享核验", shared_flow(data.shared, data.office_checking, kit)),
    ], kit)


def _date_line(data: NoticeData) -> str:
    return "日期：" + wording.date_cn(wording.local_date(data.issued_at, data.office.tz_name))


# --- A4 ---------------------------------------------------------------------------


def _a4_story(data: NoticeData, kit: Kit) -> list[Flowable]:
    story: list[Flowable] = [
        *letterhead(data.office.name, TITLE, kit),
        fields(_case_fields(data, kit), kit),
        Spacer(1, 3 * mm),
        para(f"{data.applicant_name}：", kit.body),
        para(wording.ONE_TIME_NOTICE_PREAMBLE, kit.prose),
    ]
    if data.missing:
        width = kit.width
        story.append(
            section(
                "尚需补充的材料",
                kit,
                data_table(
                    ["序号", "材料名称", "获取方式及要求"],
                    [[para(str(i), kit.cell_head), item.name, item.how] for i, item in enumerate(data.missing, 1)],
                    kit,
                    [12 * mm, 52 * mm, width - 64 * mm],
                ),
            )
        )
    else:
        story.append(para(wording.ONE_TIME_NOTICE_NOTHING_MISSING, kit.prose))
    story += [Spacer(1, 2 * mm), _other_kinds(data, kit)]
    story.append(section("申请期限", kit, rich(_deadline(data, kit), kit.prose)))
    story.append(
        section(
            "说明",
            kit,
            para(wording.ONE_TIME_NOTICE_PROMISE, kit.prose),
            rich(_come_back(data), kit.prose),
            para(wording.COPIES_NOTE, kit.prose),
        )
    )
    story += signature_block(
        kit,
        [f"经办人：{data.clerk_name}", blank_line("经办人（签字）"), blank_line("申请人（签收）")],
        date_line=_date_line(data),
    )
    return story


# --- 80 mm roll ---------------------------------------------------------------------


def _roll_story(data: NoticeData, kit: Kit) -> list[Flowable]:
    """The same notice on the counter's receipt roll: the table of missing materials becomes a numbered
    list (each item with how to get it), everything else as on A4, one column."""
    story: list[Flowable] = [
        *letterhead(data.office.name, TITLE, kit),
        fields(_case_fields(data, kit), kit),
        Spacer(1, 1.5 * mm),
        para(f"{data.applicant_name}：", kit.body),
        para(wording.ONE_TIME_NOTICE_PREAMBLE, kit.body),
        Spacer(1, 1.5 * mm),
    ]
    if data.missing:
        story += heading("尚需补充的材料", kit)
        for i, item in enumerate(data.missing, 1):
            story.append(rich(f"{i}. <b>{esc(item.name)}</b>", kit.body))
            story.append(para(f"获取方式及要求：{item.how}", kit.small))
    else:
        story.append(para(wording.ONE_TIME_NOTICE_NOTHING_MISSING, kit.body))
    story += [Spacer(1, 1.5 * mm), _other_kinds(data, kit), Spacer(1, 1.5 * mm)]
    story += heading("申请期限", kit)
    story.append(rich(_deadline(data, kit), kit.body))
    story += heading("说明", kit)
    story += [
        para(wording.ONE_TIME_NOTICE_PROMISE, kit.body),
        rich(_come_back(data), kit.body),
        fields([("经办人", data.clerk_name)], kit),
    ]
    story += signature_block(kit, [blank_line("申请人签收", 6)], date_line=_date_line(data))
    story += [Spacer(1, 2 * mm), para("请妥善保管本告知书", kit.centered)]
    return story
