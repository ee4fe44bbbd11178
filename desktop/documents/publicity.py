"""公示名单: the list of a publicity batch, posted for objections.

It prints what POLICY.md §5 lists and nothing more: each name partly masked
(张*梅 — never a full name, never an identity number), the employer, the
occupation, the level and the amount, with the publicity period as dates and
as a number of working days (provisional where the year's holiday arrangement
is not yet published), and how to object.  A case an objection took out of the
batch is no longer listed.

Issue 17.10: objections go to the office's own line and street address
(settings ``office_objection_phone`` / ``office_objection_address``, no
default: the list is refused, ``office.MissingSetting`` naming the setting,
while either is empty — never the national hotline or a region's name); the
basis is cited as 《…通知》（人社部发〔2017〕40号）; every page carries the
issuing office's seal line (a list is posted page by page).

``issue_publicity_list`` prints a batch like the case documents are printed
(``case_documents``): in one write transaction it renders the PDF, writes it
beside ``out``, appends the audit entry ``document.publicity`` on the batch
(with the PDF's sha256 and the reprint count), and moves the file into place
before the commit — a print is never missing from the trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from desktop.documents import wording
from desktop.documents.case_documents import check_printer, target_path
from desktop.documents.data import Office
from desktop.documents.layout import (
    Output,
    build_pdf,
    data_table,
    emphasis,
    fields,
    kit_for,
    letterhead,
    para,
    rich,
    section,
    signature_block,
)
from desktop.models import audit, sealed
from desktop.models.errors import Conflict
from desktop.models.files import placed_with_transaction
from desktop.models.masking import mask_name
from desktop.models.office import read_office_profile
from desktop.models.publicity import Batch, BatchState, batch_in
from desktop.models.reference import occupations
from desktop.models.staff import StaffUser
from desktop.models.store import Store

TITLE = "失业保险技能提升补贴公示名单"
KIND = "publicity"
ACTION = f"document.{KIND}"
# The basis as the documents are cited (issue 17.10): the 40号 notice by its full title and number; the
# 展翅行动 notice by its issuer and date, as wording.ONE_TIME_NOTICE_PREAMBLE cites it (its complete number is
# not in POLICY.md or the seed's text, and a number is never guessed).
BASIS = "《人力资源社会保障部 财政部关于失业保险支持参保职工提升职业技能有关问题的通知》（人社部发〔2017〕40号）"
PREAMBLE = (
    f"根据{BASIS}和人力资源社会保障部办公厅2018年4月22日“展翅行动”通知关于补贴公示的要求，"
    "现将拟享受失业保险技能提升补贴人员名单予以公示，接受社会监督。"
)
SEAL_MARK = "（盖章）"
OBJECTION_PRIVACY = "反映情况请提供真实姓名和联系方式，以便核实；本机构对反映人的信息予以保密。"
NO_OBJECTION = "公示期满无异议或异议经核查不成立的，按规定审批发放；异议经核查属实的，不予发放。"


@dataclass(frozen=True)
class PublicityRow:
    applicant_name: str  # full: the list prints it masked
    employer_name: str
    occupation_name: str
    level: int
    amount_yuan: int


@dataclass(frozen=True)
class PublicityListData:
    office: Office
    batch_no: str
    starts_on: dt.date
    ends_on: dt.date
    workdays: int
    provisional: bool
    rows: Sequence[PublicityRow]
    reprint_count: int = 0
    # The office's own objection line and street address (office settings, required: issue 17.10).
    objection_phone: str = ""
    objection_address: str = ""


def period_text(data: PublicityListData) -> str:
    text = (f"{wording.date_cn(data.starts_on)}至{wording.date_cn(data.ends_on)}"
            f"（{data.workdays}个工作日，自公示次日起计算）")
    if data.provisional:
        text += f"（{wording.PROVISIONAL_DATE}：{wording.PROVISIONAL_DATE_REASON}）"
    return text


def render_publicity_list(data: PublicityListData, out: Output) -> None:
    """Write the list (A4) to ``out`` (a path, written atomically, or a binary stream)."""
    if data.ends_on <= data.starts_on:
        raise ValueError("the publicity period must end after it starts")
    if not data.objection_phone.strip() or not data.objection_address.strip():
        raise ValueError("a publicity list must state the office's objection phone and street address")
    kit = kit_for("a4", formal=True)
    office = data.office
    total = sum(r.amount_yuan for r in data.rows)
    period = period_text(data)
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("公示批次", rich(emphasis(data.batch_no, kit, 1.1), kit.cell)),
                ("公示期", rich(emphasis(period, kit, 1.05), kit.cell)),
                ("公示人数", f"{len(data.rows)}人，补贴金额合计{wording.amount_cn(total)}"),
            ],
            kit,
        ),
        Spacer(1, 3 * mm),
        para(PREAMBLE, kit.prose),
    ]
    width = kit.width
    # Each header on one line: 补贴金额（元） needs 30 mm in the formal kit's 五号.
    widths = [12 * mm, 22 * mm, width - 122 * mm, 34 * mm, 24 * mm, 30 * mm]
    table_rows: list[list[Any]] = [
        [para(str(i), kit.centered), mask_name(r.applicant_name), r.employer_name or "—", r.occupation_name,
         wording.level_name(r.level), para(f"{r.amount_yuan:,}", kit.right)]
        for i, r in enumerate(data.rows, 1)
    ]
    table_rows.append(["", "合计", f"{len(data.rows)}人", "", "", para(f"{total:,}", kit.right)])
    # The table follows the preamble straight away and splits across pages (its header repeated):
    # a section (KeepTogether) would push a long list off the first page.
    story.append(data_table(["序号", "姓名", "工作单位", "职业（工种）", "技能等级", "补贴金额（元）"],
                            table_rows, kit, widths))
    channel = f"异议受理电话：{data.objection_phone}；来信来访地址：{data.objection_address}。"
    story.append(section("异议反映渠道", kit,
                         para("公示期间，对名单所列人员享受补贴有异议的，可通过电话、来信或来访向本机构反映。"
                              f"{channel}{OBJECTION_PRIVACY}", kit.prose),
                         para(NO_OBJECTION, kit.prose)))
    story += signature_block(kit, [], seal_label=f"{office.name}{SEAL_MARK}",
                             date_line=wording.date_cn(data.starts_on))
    # The seal on every page (issue 17.10): a list of many pages is posted page by page.
    build_pdf(story, out, kit, title=f"{TITLE} {data.batch_no}", author=office.name, subject=TITLE,
              footer=f"公示批次 {data.batch_no}　{office.name}",
              page_mark=f"公示单位{SEAL_MARK}：{office.name}　{wording.date_cn(data.starts_on)}")


# --- from the store ------------------------------------------------------------------


def _office(store: Store, session: Session) -> Office:
    profile = read_office_profile(session, store.office_code)
    return Office(code=profile.code, name=profile.name, address=profile.address, phone=profile.phone,
                  progress_hint=profile.progress_hint, tz_name=store.clock.tz_name)


def _occupation(code: str, name: str) -> str:
    if name:
        return name
    known = occupations().get(code)
    return known.name if known is not None else code


def list_data(store: Store, session: Session, batch: Batch, *, reprint: int = 0) -> PublicityListData:
    if batch.state is BatchState.open or batch.starts_on is None or batch.ends_on is None:
        raise Conflict.of("publicity.not_published", batch_no=batch.batch_no)
    profile = read_office_profile(session, store.office_code)
    profile.require_publicity_settings()  # MissingSetting naming office_objection_phone / _address
    rows = [PublicityRow(e.applicant_name, e.employer_name, _occupation(e.occupation_code, e.occupation_name),
                         e.level, e.amount_yuan) for e in batch.live_entries]
    return PublicityListData(_office(store, session), batch.batch_no, batch.starts_on, batch.ends_on, batch.workdays,
                             batch.provisional, rows, reprint, profile.objection_phone, profile.objection_address)


@dataclass(frozen=True)
class IssuedList:
    batch_no: str
    path: Path
    printed_at: dt.datetime
    printed_by: str
    reprint_count: int
    sha256: str

    def to_json(self) -> dict[str, object]:
        return {"batch": self.batch_no, "kind": KIND, "out": str(self.path), "reprint": self.reprint_count,
                "sha256": self.sha256}


def issue_publicity_list(store: Store, actor: StaffUser, batch_id_or_no: str, out: Path | str) -> IssuedList:
    """Print a published batch's list to ``out`` (audited; a later print is a reprint)."""
    path = target_path(out)
    with placed_with_transaction() as files, store.session() as session:
        check_printer(session, actor, "permission.print_publicity_list")
        batch = batch_in(session, batch_id_or_no)
        reprint = sum(1 for e in audit.entries(session, entity="publicity_batch", entity_id=batch.id)
                      if e.action == ACTION)
        data = list_data(store, session, batch, reprint=reprint)
        buffer = io.BytesIO()
        render_publicity_list(data, buffer)
        pdf = buffer.getvalue()
        printed_at = store.clock.now()
        digest = hashlib.sha256(pdf).hexdigest()
        after = {"kind": KIND, "batch_no": batch.batch_no, "reprint": reprint, "sha256": digest,
                 "path": str(path), "cases": len(data.rows)}
        # Audit only: the central system takes documents of a case, and a list is no case's document.
        audit.record(session, actor=actor.username, action=ACTION, entity="publicity_batch",
                     entity_id=batch.id, before=None, after=after, at=printed_at)
        files.place(sealed.kept(store.data_dir, path, pdf), path)  # last: undone if the commit fails
    return IssuedList(batch.batch_no, path, printed_at, actor.username, reprint, digest)


__all__ = [
    "ACTION",
    "IssuedList",
    "PublicityListData",
    "PublicityRow",
    "issue_publicity_list",
    "list_data",
    "period_text",
    "render_publicity_list",
]
