"""技能提升补贴政策告知名单: one list per employer, for staff visiting an industrial park.

Each employer's workers who are entitled today and have not applied, soonest
window first: the name and ID number masked (张*梅, 440106********1232 —
enough for the employer's HR to find the person, nothing a passer-by can
use), the occupation and level, the last day to apply (暂定 where the year's
holiday arrangement is not published) and the amount, with a column to tick
off who was told.  The list says which policy it was screened under and, when
that policy is carried over, that it is.

``issue_outreach_lists`` writes one PDF per employer into a folder (file names
start with a running number, then the employer's name), owner-only, and
records one audit entry for the batch (``outreach.export``, kind ``pdf``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.documents import policy_words, wording
from desktop.documents.data import Office
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
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.files import private_dir
from desktop.models.masking import mask_name
from desktop.models.office import office_profile
from desktop.models.outreach import OutreachRow, Screening, default_actor, employer_key, record_export, write_private
from desktop.models.rules import Verifier
from desktop.models.staff import Action, Role, StaffUser, can
from desktop.models.store import Store

TITLE = "技能提升补贴政策告知名单"
PURPOSE = (
    "根据失业保险支持技能提升“展翅行动”关于主动告知、精准服务的要求，经比对参保和职业技能等级（职业资格）证书信息，"
    "下列职工符合失业保险技能提升补贴申领条件且尚未申领。请单位协助逐一告知本人在申请期限内申请；"
    "申请时本人携带居民身份证和本人银行卡或社会保障卡即可，参保和证书信息由经办机构通过信息共享核验。"
)
PRIVACY = ("本名单含个人信息，仅供告知申请使用，姓名和身份证号码已部分隐去；"
           "请勿张贴、转发或用于其他用途，用毕交回或销毁。")
NO_EMPLOYER = "（未登记单位）"
_UNSAFE = re.compile(r"[\\/:*?\"<>|\s]+")


@dataclass(frozen=True)
class EmployerList:
    office: Office
    employer_name: str
    employer_uscc: str
    screened_on: dt.date
    policy_label: str  # the documents in words (``policy_words``), never the policy's id
    policy_note: str
    rows: Sequence[OutreachRow]


def groups(screening: Screening) -> list[tuple[str, str, list[OutreachRow]]]:
    """(employer name, USCC, rows) per employer, by name; rows keep the screening's order."""
    by_key: dict[str, list[OutreachRow]] = {}
    for row in screening.rows:
        by_key.setdefault(employer_key(row), []).append(row)
    out = [(rows[0].employer_name or NO_EMPLOYER, rows[0].employer_uscc, rows) for rows in by_key.values()]
    return sorted(out, key=lambda g: (g[0] == NO_EMPLOYER, g[0], g[1]))


def _window(row: OutreachRow, kit: Kit) -> Flowable:
    text = f"{row.window_ends:%Y-%m-%d}"
    if row.window_provisional:
        return rich(f"{esc(text)}<br/>（{wording.PROVISIONAL_DATE}）", kit.cell)
    return para(text, kit.cell)


def _occupation(row: OutreachRow) -> str:
    return row.occupation_name or row.occupation_code


def render_employer_list(data: EmployerList, out: Output) -> None:
    """Write one employer's list (A4) to ``out``."""
    kit = kit_for("a4")
    office = data.office
    total = sum(r.amount_yuan for r in data.rows)
    provisional = any(r.window_provisional for r in data.rows)
    policy: list[Flowable] = [para(data.policy_label, kit.cell)]
    if data.policy_note:
        policy.append(para(data.policy_note, kit.small))  # carried over: said apart, as the receipt says it
    story: list[Flowable] = [
        *letterhead(office.name, TITLE, kit),
        fields(
            [
                ("单位名称", rich(emphasis(data.employer_name, kit, 1.1), kit.cell)),
                ("统一社会信用代码", data.employer_uscc or "—"),
                ("筛查日期", f"{wording.date_cn(data.screened_on)}（按当日政策和本机登记数据筛查）"),
                ("适用政策", policy),
                ("名单人数", f"{len({r.id_number for r in data.rows})}人、{len(data.rows)}本证书，"
                             f"补贴金额合计{wording.amount_cn(total)}"),
            ],
            kit,
            label_width=34 * mm,
        ),
        Spacer(1, 3 * mm),
        para(PURPOSE, kit.prose),
    ]
    widths = [9 * mm, 15 * mm, 36 * mm, 0.0, 12 * mm, 24 * mm, 17 * mm, 14 * mm]
    widths[3] = kit.width - sum(widths)
    rows: list[list[Any]] = [
        [para(str(i), kit.centered), mask_name(r.name), para(wording.masked_id(r.id_number), kit.small),
         _occupation(r), wording.level_grade(r.level), _window(r, kit),
         para(f"{r.amount_yuan:,}", kit.right), ""]
        for i, r in enumerate(data.rows, 1)
    ]
    header = ["序号", "姓名", "身份证号码", "职业（工种）", "等级", "申请截止日", "金额（元）", "已告知"]
    story.append(data_table(header, rows, kit, widths))
    notes = ["申请截止日为证书核发之日起12个月期满之日，遇法定休假日顺延；逾期不能申领。"]
    if provisional:
        notes.append(f"标注“{wording.PROVISIONAL_DATE}”的日期：{wording.PROVISIONAL_DATE_REASON}，请提醒职工尽早申请。")
    notes.append(PRIVACY)
    story.append(section("说明", kit, *[para(f"{i}. {n}", kit.small) for i, n in enumerate(notes, 1)]))
    story += signature_block(kit, ["走访经办人（签字）：____________", "单位联系人（签字）：____________"],
                             seal_label="（单位盖章）")
    build_pdf(story, out, kit, title=f"{TITLE} {data.employer_name}", author=office.name, subject=TITLE,
              footer=f"{data.employer_name}　筛查日期 {data.screened_on:%Y-%m-%d}　{office.name}")


def _office(store: Store) -> Office:
    profile = office_profile(store)
    return Office(code=profile.code, name=profile.name, address=profile.address, phone=profile.phone,
                  progress_hint=profile.progress_hint, tz_name=store.clock.tz_name)


def file_name(index: int, employer_name: str, uscc: str) -> str:
    """``001-广州某某有限公司.pdf``: sorted like the list, safe on every file system."""
    name = _UNSAFE.sub("_", employer_name).strip("._") or "employer"
    if uscc and employer_name == NO_EMPLOYER:
        name = uscc
    return f"{index:03d}-{name[:60]}.pdf"


@dataclass(frozen=True)
class IssuedLists:
    folder: Path
    files: tuple[Path, ...]
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {"out": str(self.folder), "files": [p.name for p in self.files], "employers": len(self.files),
                "written": self.rows}


def screening_policy_words(screening: Screening, verifier: Verifier) -> tuple[str, str]:
    """The policy the screening applied, in words for the employer (issue 17.5): its documents and, when
    carried over or a local standard was left out, a note naming documents — never ``cn-2025`` or ``gd-2023``."""
    policy = verifier.book.for_case(screening.today, screening.office_code)
    carried = screening.policy_carried_over or policy.carried_over
    return (policy_words.policy_basis(policy, policy_words.document_titles(verifier.book)),
            policy_words.policy_note(policy, screening.today, carried_over=carried, book=verifier.book))


def issue_outreach_lists(store: Store, screening: Screening, folder: Path | str, *,
                         actor: StaffUser | str | None = None, verifier: Verifier | None = None) -> IssuedLists:
    """One PDF per employer of ``screening`` into ``folder`` (created if missing), audited as one export.
    ``verifier`` gives the policy's documents (loaded from the data folder when not given)."""
    if isinstance(actor, StaffUser) and not can(actor, Action.document_print):
        raise PermissionDenied.of("permission.print_outreach_lists", role=Role(actor.role))
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput.about("out", "file.not_a_folder_for_lists", folder=folder)
    try:
        if not folder.exists():
            private_dir(folder)  # a new folder of lists: owner-only like the files in it
    except OSError as exc:
        raise InvalidInput.about("out", "file.cannot_make_folder", folder=folder, reason=exc.strerror or exc) from None
    office = _office(store)
    label, note = screening_policy_words(screening, verifier or Verifier.load(store.data_dir))
    written: list[Path] = []
    digests = []
    for index, (name, uscc, rows) in enumerate(groups(screening), 1):
        data = EmployerList(office, name, uscc, screening.today, label, note, rows)
        buffer = io.BytesIO()
        render_employer_list(data, buffer)
        path = folder / file_name(index, name, uscc)
        write_private(path, buffer.getvalue())
        written.append(path)
        digests.append(hashlib.sha256(buffer.getvalue()).hexdigest())
    username = actor.username if isinstance(actor, StaffUser) else (actor or default_actor())
    combined = hashlib.sha256("".join(digests).encode()).hexdigest()
    record_export(store, username, kind="pdf", screening=screening, path=folder, rows=len(screening.rows),
                  sha256=combined, extra={"files": [p.name for p in written]})
    return IssuedLists(folder, tuple(written), len(screening.rows))


__all__ = ["EmployerList", "IssuedLists", "file_name", "groups", "issue_outreach_lists", "render_employer_list",
           "screening_policy_words"]
