"""The one-time notice (一次性告知): which materials a case still needs.

The policy lists the applicant's materials (resources/policies, per region).
展翅行动 二(四) forbids asking for anything another department already holds:
an item whose information-sharing source verified this applicant (online, or
from the synced registry copy) is shown as not needed; an item typed in by hand
is needed.  The certificate and the contribution record are never on the list:
the office checks them itself (40号 二(二)).

Every document says the materials in three kinds (POLICY.md §4): received (收取,
or an original sighted at the counter), checked by information sharing (what,
the source, as of when) and still missing; ``received_lines``, ``shared_lines``
and ``office_lines`` word the first two and what the office still checks, so an
item is never printed as received or shared when it was neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from desktop.models.clock import OFFICE_TZ
from desktop.models.identity import chinese_date
from desktop.models.policy import OFFICE_CHECKED_SOURCES, Policy


class SourceKind(StrEnum):
    ONLINE = "online"  # asked the central registry live
    SYNCED = "synced"  # the local copy of the registry, as of a time
    TYPED = "typed"  # nobody knew the person: typed in by hand, to be checked


SOURCE_LABELS = {SourceKind.ONLINE: "在线核验", SourceKind.SYNCED: "本地同步数据", SourceKind.TYPED: "手工录入·待核验"}
SHARED_LABELS = {"identity": "身份信息", "contributions": "参保缴费记录", "certificate": "证书信息"}


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    as_of: dt.datetime | None = None  # SYNCED: when the copy was taken; ONLINE: when the central system answered

    def label(self) -> str:
        """在线核验（2018年1月10日 10:00查询） / 本地同步数据（截至2018年1月10日 02:00）: the source and its as-of."""
        text = SOURCE_LABELS[self.kind]
        if self.kind is not SourceKind.TYPED and self.as_of is not None:
            local = self.as_of.astimezone(ZoneInfo(OFFICE_TZ))  # shown in office time, stored in UTC
            when = f"{chinese_date(local.date())} {local:%H:%M}"
            text += f"（截至{when}）" if self.kind is SourceKind.SYNCED else f"（{when}查询）"
        return text

    @property
    def shared(self) -> bool:
        return self.kind is not SourceKind.TYPED

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind.value, "as_of": self.as_of.isoformat() if self.as_of else None}

    @classmethod
    def from_json(cls, data: Mapping[str, str | None]) -> Source:
        as_of = data.get("as_of")
        return cls(SourceKind(str(data["kind"])), dt.datetime.fromisoformat(as_of) if as_of else None)


TYPED = Source(SourceKind.TYPED)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    name: str
    how: str
    needed: bool
    received: bool
    reason: str  # why it is not needed, or how to get it
    sighted: bool = False  # the original is sighted at the counter and handed back, no copy kept

    @property
    def missing(self) -> bool:
        return self.needed and not self.received

    @property
    def received_text(self) -> str:
        """How a receipt names it once handed over: a sighted original says it was not kept."""
        return f"{self.name}{SIGHTED_NOTE}" if self.sighted else self.name


SIGHTED_NOTE = "（原件已现场核验，当场退还，未留复印件）"
OFFICE_CHECK_NOTE = "未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"


def build_checklist(policy: Policy, sources: Mapping[str, Source], received: Iterable[str] = ()) -> list[ChecklistItem]:
    """One row per material of the policy, in the policy's order."""
    got = set(received)
    items = []
    for material in policy.materials:
        source = sources.get(material.shared_by) if material.shared_by else None
        shared = source is not None and source.shared
        if shared:
            assert source is not None
            what = SHARED_LABELS.get(material.shared_by, material.shared_by)
            reason = f"{what}已通过信息共享核验：{source.label()}，无需提供"
        else:
            reason = material.how
        items.append(ChecklistItem(material.code, material.name, material.how, not shared,
                                   material.code in got and not shared, reason, material.sighted))
    return items


def received_lines(policy: Policy, sources: Mapping[str, Source], received: Iterable[str]) -> list[str]:
    """收取: what the applicant handed over (or showed, for a sighted original), in the policy's order.
    A code the policy does not list, or an item information sharing made unnecessary, is not received."""
    return [item.received_text for item in build_checklist(policy, sources, received) if item.received]


def shared_lines(policy: Policy, sources: Mapping[str, Source]) -> list[str]:
    """信息共享核验: each datum information sharing confirmed, with its source and as-of, and the material
    it spared the applicant.  Only sources that did confirm it: typed data is never said to be shared."""
    lines = []
    for key, what in SHARED_LABELS.items():
        source = sources.get(key)
        if source is None or not source.shared:
            continue
        line = f"{what}：{source.label()}"
        spared = [m.name for m in policy.materials if m.shared_by == key]
        if spared:
            line += f"，免于提供{'、'.join(spared)}"
        lines.append(line)
    return lines


def office_lines(sources: Mapping[str, Source]) -> list[str]:
    """What information sharing did not confirm and the office checks itself (40号 二(二)): the contribution
    record and the certificate, never asked of the applicant and never printed as shared (one line, or none)."""
    unshared = [SHARED_LABELS[key] for key in OFFICE_CHECKED_SOURCES
                if not ((source := sources.get(key)) is not None and source.shared)]
    return [f"{'、'.join(unshared)}{OFFICE_CHECK_NOTE}"] if unshared else []


def missing_items(items: Iterable[ChecklistItem]) -> list[ChecklistItem]:
    return [item for item in items if item.missing]


def materials_record(policy: Policy, sources: Mapping[str, Source], received: Iterable[str]) -> dict[str, Any]:
    """What the case record keeps of its materials, in POLICY.md §4's three kinds (issue 16.4): the codes
    received (an item sharing made unnecessary is never among them), each item information sharing
    checked with the datum, the source and its as-of, and the codes still missing; plus every listed
    item's name, so the record reads the same whatever policy file is loaded later."""
    items = build_checklist(policy, sources, received)
    shared = []
    for material in policy.materials:
        source = sources.get(material.shared_by) if material.shared_by else None
        if source is not None and source.shared:
            shared.append({"code": material.code, "by": material.shared_by, **source.to_json()})
    return {
        "received": [item.code for item in items if item.received],
        "shared": shared,
        "missing": [item.code for item in items if item.missing],
        "names": {material.code: material.name for material in policy.materials},
    }
