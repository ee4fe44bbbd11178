"""The policy applied, in words the applicant and the employer read (issue 17.5).

The software names its policy periods and regional overlays by internal ids (``cn-2025``,
``gd-2023``) and its notes say so (``cn-2025 已于…到期…按 cn-2025 延续执行``): right for staff
screens and the verdict JSON, wrong on paper handed out.  Here the same facts are said by the
documents themselves: a document whose title was checked against its text as 《title》（number）,
others by their number; a carried-over policy as "…等文件规定的政策…延续执行"; an unconfirmed
local standard by its title, never by its id or by the software's notes on where it came from.

Pure Python, no reportlab: the case documents, the outreach lists and their tests use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from desktop.documents.wording import date_cn

if TYPE_CHECKING:
    from desktop.models.policy import LocalValue, Policy, PolicyBook

# Internal identifiers that must never reach applicant- or employer-facing paper: policy and
# overlay ids (cn-2017, gd-2023, zj-2024 …).  Tests search the documents' text with this.
INTERNAL_ID = re.compile(r"\b[a-z]{2}-\d{4}\b")


def document_titles(book: PolicyBook | None) -> dict[str, str]:
    """Document number -> checked title: a national period's ``title`` is its first document's."""
    if book is None:
        return {}
    return {p.documents[0]: p.title for p in book.nationals if p.title and p.documents}


def cite_document(number: str, titles: Mapping[str, str]) -> str:
    """《人力资源社会保障部 财政部关于…的通知》（人社部发〔2017〕40号）, or the number alone."""
    title = titles.get(number)
    return f"《{title}》（{number}）" if title else number


def policy_documents(policy: Policy) -> list[str]:
    """The national documents, then each confirmed local value's document, once each."""
    local = [value.provenance.document for value in policy.sources.values() if value.provenance.document]
    return list(dict.fromkeys([*policy.documents, *local]))


def policy_basis(policy: Policy, titles: Mapping[str, str] | None = None) -> str:
    """What a document prints as 适用政策: the documents in words (never the period's id)."""
    parts = [cite_document(number, titles or {}) for number in policy_documents(policy)]
    return "、".join(parts) or policy.heading


def _lead(documents: Iterable[str]) -> str:
    """人社部发〔2025〕18号等文件 / 人社部发〔2017〕40号: a policy named by its leading document."""
    docs = [d for d in documents if d]
    if not docs:
        return "现行技能提升补贴政策文件"
    return f"{docs[0]}等文件" if len(docs) > 1 else docs[0]


def carried_over_note(policy: Policy, day: dt.date) -> str:
    """人社部发〔2025〕18号等文件规定的技能提升补贴政策已于2025年12月31日到期，2026年新政策尚未公布，
    现按上述政策延续执行，待新政策公布后以新政策为准."""
    ended = f"已于{date_cn(policy.valid_to)}到期，" if policy.valid_to else ""
    return (f"{_lead(policy.documents)}规定的技能提升补贴政策{ended}{day.year}年新政策尚未公布，"
            "现按上述政策延续执行，待新政策公布后以新政策为准")


def _in_force(value: LocalValue, policy: Policy, overlays: Mapping[str, str]) -> str:
    if value.in_force in ("", policy.id):
        return f"全国政策（{_lead(policy.documents)}）"
    return overlays.get(value.in_force, "已核实的地方标准")


def unconfirmed_notes(policy: Policy, overlays: Mapping[str, str] | None = None) -> list[str]:
    """One sentence per local standard left out: 广东省2023年技能提升补贴地方标准中的紧缺急需职业补贴上浮比例
    尚未核实原文，未予适用，按全国政策（人社部发〔2022〕23号等文件）执行."""
    titles = {**(overlays or {}), **{v.overlay: v.overlay_title for v in policy.unconfirmed}}
    groups: dict[str, list[LocalValue]] = {}
    for value in policy.unconfirmed:
        groups.setdefault(value.overlay, []).append(value)
    notes = []
    for overlay, values in groups.items():
        names = "、".join(dict.fromkeys(v.name for v in values))
        in_force = "、".join(dict.fromkeys(_in_force(v, policy, titles) for v in values))
        title = titles.get(overlay) or "地方标准"
        notes.append(f"{title}中的{names}尚未核实原文，未予适用，按{in_force}执行")
    return notes


def policy_note(policy: Policy, day: dt.date, *, carried_over: bool | None = None,
                book: PolicyBook | None = None) -> str:
    """What the paper says beyond the documents: carried over, and the local rules left out.
    ``carried_over`` overrides the policy's own flag (a case keeps the flag of its verdict)."""
    overlays = {o.id: o.title for o in book.overlays} if book is not None else {}
    notes = []
    if policy.carried_over if carried_over is None else carried_over:
        notes.append(carried_over_note(policy, day))
    notes += unconfirmed_notes(policy, overlays)
    return "；".join(notes)


__all__ = [
    "INTERNAL_ID",
    "carried_over_note",
    "cite_document",
    "document_titles",
    "policy_basis",
    "policy_documents",
    "policy_note",
    "unconfirmed_notes",
]
