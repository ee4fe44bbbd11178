"""一次性告知书: everything the application still lacks, said once and completely.

展翅行动 二(四) requires one-time notification and forbids asking for anything
obtainable by information sharing, so the notice lists every missing item
with how to get it, promises nothing more will be asked, and states the last
day the application can still be completed (the 12-month window).  It is
tied to the case number so the applicant comes back to the same case.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.data import NoticeData
from desktop.documents.layout import (
    Kit,
    Output,
    blank_line,
    build_pdf,
    data_table,
    emphasis,
    esc,
    fields,
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


def render_notice(data: NoticeData, out: Output) -> None:
    """Write the one-time notice (A4) to ``out`` (a path, written atomically, or a binary stream)."""
    kit = kit_for("a4")
    tz = data.office.tz_name
    office = data.office
    issued = wording.datetime_cn(data.issued_at, tz)

    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("案件编号", rich(emphasis(data.case_no, kit, 1.2), kit.cell)),
                ("申请人", data.applicant_name),
                ("公民身份号码", wording.masked_id(data.id_number)),
                ("告知时间", issued),
            ],
            kit,
        ),
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
    # The other two kinds of POLICY.md §4, so the notice states the whole of the materials once.
    story += [Spacer(1, 2 * mm), fields([
        ("已收取的材料", numbered(list(data.received), kit, empty="无", base=kit.cell)),
        ("信息共享核验", shared_flow(data.shared, data.office_checking, kit)),
    ], kit)]

    last_day = wording.date_cn(data.window_last_day)
    deadline = (
        f"请于 {emphasis(last_day, kit, 1.1)} 前补齐上述材料并完成申请。该日期为证书核发之日起12个月申领期限的最后一日"
        "（遇法定节假日顺延至节后第一个工作日），逾期将无法申领本证书的技能提升补贴。"
    )
    if data.window_provisional:
        deadline += f"（{wording.PROVISIONAL_DATE}：{wording.PROVISIONAL_DATE_REASON}。）"
    story.append(section("申请期限", kit, rich(deadline, kit.prose)))

    story.append(
        section(
            "说明",
            kit,
            para(wording.ONE_TIME_NOTICE_PROMISE, kit.prose),
            rich(
                f"补齐材料后，请携带本告知书到{esc(office.name)}办理，地址：{esc(office.address)}，"
                f"咨询电话：{esc(office.phone)}。补齐时请提供案件编号 {esc(data.case_no)}，无需重新填写申请。"
                f"办理进度查询：{esc(office.progress_hint)}。",
                kit.prose,
            ),
            para(wording.COPIES_NOTE, kit.prose),
        )
    )
    story += signature_block(
        kit,
        [f"经办人：{data.clerk_name}", blank_line("经办人（签字）"), blank_line("申请人（签收）")],
        date_line="日期：" + wording.date_cn(wording.local_date(data.issued_at, tz)),
    )
    build_pdf(story, out, kit, title=f"{TITLE} {data.case_no}", author=office.name, subject=TITLE,
              footer=f"案件编号 {data.case_no}　{office.name}")
