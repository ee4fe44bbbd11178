"""外出受理对账单: what became of every case taken at an industrial park.

Printed back in the office after the laptop synced (``field_mode.reconcile``):
where and when the team was out, on which device, the data it took along,
then the totals — cases taken, receipts issued, confirmed by the central
system, duplicates, refusals, not yet synced — and one row per case with
what the central system said and what the clerk must do, the cases that need
someone first.  A sheet printed before everything synced says so in a banner
at the top; so does one with nothing left to do.  Names and ID numbers are
masked: the sheet goes into a folder, not to the applicant.

``issue_reconciliation`` prints it like the other documents: rendered in
memory, written beside ``out``, one audit entry (``document.reconciliation``
on the field day, with the PDF's SHA-256 and the reprint count), then moved
into place before the commit.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import wording
from desktop.documents.case_documents import target_path
from desktop.documents.data import Office
from desktop.documents.layout import (
    CELL_SIDE,
    Output,
    banner,
    build_pdf,
    data_table,
    fields,
    kit_for,
    letterhead,
    para,
    section,
    signature_block,
    text_width,
)
from desktop.models import audit, sealed
from desktop.models.cases import State
from desktop.models.document_kinds import KIND_LABELS
from desktop.models.errors import PermissionDenied
from desktop.models.field_mode import (
    STATUS_LABELS,
    STATUS_ORDER,
    STATUS_REJECTED,
    Reconciliation,
    ReconItem,
    reconcile,
)
from desktop.models.files import placed_with_transaction
from desktop.models.masking import mask_name
from desktop.models.office import office_profile
from desktop.models.staff import Action, Role, StaffUser, can
from desktop.models.store import Store

TITLE = "外出受理对账单"
KIND = "reconciliation"
ACTION = f"document.{KIND}"
INCOMPLETE = "尚有案件未同步或未获中心确认：联网同步后请重新打印本对账单"
INCOMPLETE_DETAIL = "本对账单不能作为外出受理已全部入账的依据。"
ALL_CLEAR = "本次外出受理的案件均已同步并经中心系统核对"
VERSION_DETAIL = "本版按打印时的同步结果重新核对，以最新版本为准，此前各版作废。"
SOURCE_LABELS = {"central": "出发前从中心系统下载", "local": "本机已有的登记数据"}


@dataclass(frozen=True)
class ReconciliationSheet:
    office: Office
    reconciliation: Reconciliation
    reprint_count: int = 0


def op_words(op: str) -> str:
    """案件变更（已受理） for case.accepted, 打印受理回执 for document.receipt; else 其他变更."""
    kind, _, what = op.partition(".")
    if kind == "case":
        try:
            return f"案件变更（{State(what).label}）"
        except ValueError:
            return "案件变更"
    if kind == "document":
        return f"打印{KIND_LABELS.get(what, '文书')}"
    return "其他变更"


def version_label(earlier_prints: int) -> str:
    """第2版（更新）: the sheet printed after ``earlier_prints`` earlier ones (issue 17.8)."""
    return f"第{earlier_prints + 1}版（更新）"


def _when(sheet: ReconciliationSheet) -> str:
    day = sheet.reconciliation.field_day
    tz = sheet.office.tz_name
    start = wording.datetime_cn(day.started_at, tz)
    end = wording.datetime_cn(day.ended_at, tz) if day.ended_at else "（尚未结束外出）"
    return f"{start} 至 {end}"


def _data(sheet: ReconciliationSheet) -> str:
    day = sheet.reconciliation.field_day
    text = (f"{SOURCE_LABELS.get(day.source, day.source)}：参保人员{day.insured}人、证书{day.certificates}本、"
            f"补贴台账{day.ledger}条")
    if day.data_as_of is not None:
        text += f"（数据截至 {wording.datetime_cn(day.data_as_of, sheet.office.tz_name)}）"
    if day.unmatched:
        text += f"；未找到的单位：{'、'.join(day.unmatched)}"
    return text


def _masked(name: str) -> str:
    """张*梅; a very long name keeps its first and last character around three stars."""
    masked = mask_name(name)
    return masked if len(masked) <= 6 else f"{masked[0]}***{masked[-1]}"


def _receipt(item: ReconItem) -> str:
    if item.accepted_at is None:
        return "无"
    if not item.receipts_printed:
        return "未打印"
    return "已出具" if item.receipts_printed == 1 else f"已出具（{item.receipts_printed}次）"


def _totals(r: Reconciliation) -> str:
    """The summary line, counted from the same rows the table shows (issue 17.8): a receipt is 出具 only when
    it was printed; an accepted case without one is said apart, as its row says 未打印."""
    counts = r.counts
    accepted = [i for i in r.items if i.accepted_at is not None]
    printed = sum(1 for i in accepted if i.receipts_printed)
    parts = [f"受理案件{len(r.items)}件", f"出具受理回执{printed}件"]
    if len(accepted) > printed:
        parts.append(f"已受理未打印受理回执{len(accepted) - printed}件")
    parts += [f"{STATUS_LABELS[s]}{counts.get(s, 0)}件" for s in STATUS_ORDER if counts.get(s, 0)]
    if r.refused:
        parts.append(f"其他拒收变更{len(r.refused)}项")
    return "，".join(parts)


def render_reconciliation(sheet: ReconciliationSheet, out: Output) -> None:
    """Write the sheet (A4) to ``out`` (a path, written atomically, or a binary stream)."""
    kit = kit_for("a4")
    r = sheet.reconciliation
    day = r.field_day
    office = sheet.office
    story: list[Flowable] = [*letterhead(office.name, TITLE, kit)]
    if sheet.reprint_count:
        # Each print says what was known when it was made: an update, a new version — not a copy (补打).
        story.append(banner(version_label(sheet.reprint_count), kit, VERSION_DETAIL))
    if r.complete and not any(i.status == STATUS_REJECTED for i in r.items):
        story.append(banner(ALL_CLEAR, kit))
    elif not r.complete:
        story.append(banner(INCOMPLETE, kit, INCOMPLETE_DETAIL))
    last_sync = wording.datetime_cn(r.last_sync, office.tz_name) if r.last_sync else "从未同步"
    story.append(fields(
        [
            ("外出地点", day.label),
            ("外出时间", _when(sheet)),
            ("受理设备", f"设备编号 {day.device_code}（受理编号 {day.office_code}-{day.device_code}-日期-序号）"),
            ("携带数据", _data(sheet)),
            ("最近同步", last_sync),
            ("汇总", _totals(r)),
        ],
        kit,
    ))
    story.append(Spacer(1, 3 * mm))
    # A masked name (欧**明) on one line; a case number never split (a wide device code such as WMWM needs ~49 mm).
    number = max([46 * mm, *(text_width(i.case_no, kit.small.fontName, kit.small.fontSize) + 2 * CELL_SIDE + 1
                             for i in r.items)])
    widths = [10.5 * mm, number, 16 * mm, 15 * mm, 19 * mm, 0.0]
    widths[5] = kit.width - sum(widths)
    rows: list[list[Any]] = []
    for n, item in enumerate(r.items, 1):
        what = [para(item.finding, kit.small), para(f"处理：{item.action}", kit.cell)]
        occupation = f"{item.occupation_name or item.occupation_code} {wording.level_name(item.level)}"
        rows.append([para(str(n), kit.centered), [para(item.case_no, kit.small), para(occupation, kit.small)],
                     _masked(item.applicant_name), _receipt(item), item.status_label, what])
    if not rows:
        rows.append(["", "外出期间本机未受理案件", "", "", "", ""])
    story.append(data_table(["序号", "受理编号／证书", "申请人", "受理回执", "核对结果", "中心系统反馈及处理"],
                            rows, kit, widths))
    if r.refused:
        # Said in words (issue 17.5): an outbox op (case.accepted, document.receipt) is no word for paper.
        items = [para(f"{op_words(x.op)}：{x.reason}", kit.small) for x in r.refused]
        story.append(section("其他被中心系统拒收的变更", kit, *items,
                             para("请在“同步问题”中逐项核对处理。", kit.small)))
    notes = [
        "“已确认”：案件已记入全国技能提升补贴台账，未发现重复申领，外出时出具的临时回执继续有效。",
        "“重复申领”：同一人员同一职业同一等级已在其他窗口受理，只能保留一件；按“处理”一栏办理并告知申请人。",
        "“中心拒收”“未同步”“待中心确认”：处理后重新同步，再打印本对账单，直至全部案件核对完毕。",
    ]
    story.append(section("说明", kit, *[para(f"{i}. {t}", kit.small) for i, t in enumerate(notes, 1)]))
    story += signature_block(kit, ["外出经办人（签字）：____________", "复核人（签字）：____________"],
                             seal_label="")
    version = f"　{version_label(sheet.reprint_count)}" if sheet.reprint_count else ""
    build_pdf(story, out, kit, title=f"{TITLE} {day.label}", author=office.name, subject=TITLE,
              footer=f"{day.label}　外出记录 {day.id}{version}　{office.name}")


@dataclass(frozen=True)
class IssuedSheet:
    path: Path
    field_day: str
    reprint_count: int
    sha256: str
    reconciliation: Reconciliation

    def to_json(self) -> dict[str, Any]:
        items = self.reconciliation.items
        return {"out": str(self.path), "field_day": self.field_day, "reprint": self.reprint_count,
                "version": self.reprint_count + 1,
                "sha256": self.sha256, **{k: v for k, v in self.reconciliation.to_json().items() if k != "items"},
                # "receipts" counts the accepted cases (each had a receipt due); these were printed (issue 17.8)
                "receipts_printed": sum(1 for i in items if i.accepted_at is not None and i.receipts_printed)}


def issue_reconciliation(store: Store, actor: StaffUser, out: Path | str, *,
                         field_day_id: str | None = None) -> IssuedSheet:
    """Print the reconciliation sheet of a field day (the newest by default) to ``out`` (audited)."""
    if not can(actor, Action.document_print):
        raise PermissionDenied.of("permission.print_reconciliation", role=Role(actor.role))
    path = target_path(out)
    reconciliation = reconcile(store, field_day_id)
    day = reconciliation.field_day
    profile = office_profile(store)
    office = Office(code=profile.code, name=profile.name, address=profile.address, phone=profile.phone,
                    progress_hint=profile.progress_hint, tz_name=store.clock.tz_name)
    with placed_with_transaction() as files, store.session() as session:
        reprint = sum(1 for e in audit.entries(session, entity="field_day", entity_id=day.id)
                      if e.action == ACTION)
        buffer = io.BytesIO()
        render_reconciliation(ReconciliationSheet(office, reconciliation, reprint), buffer)
        pdf = buffer.getvalue()
        digest = hashlib.sha256(pdf).hexdigest()
        counts = {k: v for k, v in reconciliation.counts.items() if v}
        after = {"kind": KIND, "field_day": day.id, "reprint": reprint, "sha256": digest, "path": str(path),
                 "cases": len(reconciliation.items), "counts": counts, "complete": reconciliation.complete}
        audit.record(session, actor=actor.username, action=ACTION, entity="field_day", entity_id=day.id,
                     before=None, after=after, at=store.clock.now())
        files.place(sealed.kept(store.data_dir, path, pdf), path)  # last: undone if the commit fails
    return IssuedSheet(path, day.id, reprint, digest, reconciliation)


__all__ = [
    "ACTION",
    "IssuedSheet",
    "ReconciliationSheet",
    "issue_reconciliation",
    "op_words",
    "render_reconciliation",
    "version_label",
]
