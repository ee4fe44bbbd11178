"""The one-time notice (一次性告知): which materials a case still needs.

The policy lists the materials (resources/policies, per region).  展翅行动 二(四)
forbids asking for anything another department already holds: an item whose
information-sharing source verified this applicant (online, or from the synced
registry copy) is shown as not needed; an item typed in by hand is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from desktop.models.clock import OFFICE_TZ
from desktop.models.policy import Policy


class SourceKind(StrEnum):
    ONLINE = "online"  # asked the central registry live
    SYNCED = "synced"  # the local copy of the registry, as of a time
    TYPED = "typed"  # nobody knew the person: typed in by hand, to be checked


SOURCE_LABELS = {SourceKind.ONLINE: "在线核验", SourceKind.SYNCED: "本地同步数据", SourceKind.TYPED: "手工录入·待核验"}
SHARED_LABELS = {"identity": "身份信息", "contributions": "参保缴费记录", "certificate": "证书信息"}


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    as_of: dt.datetime | None = None  # for SYNCED: when the copy was taken

    def label(self) -> str:
        text = SOURCE_LABELS[self.kind]
        if self.kind is SourceKind.SYNCED and self.as_of is not None:
            local = self.as_of.astimezone(ZoneInfo(OFFICE_TZ))  # shown in office time, stored in UTC
            text += f"（截至{local:%Y-%m-%d %H:%M}）"
        return text

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

    @property
    def missing(self) -> bool:
        return self.needed and not self.received


def build_checklist(policy: Policy, sources: Mapping[str, Source], received: Iterable[str] = ()) -> list[ChecklistItem]:
    """One row per material of the policy, in the policy's order."""
    got = set(received)
    items = []
    for material in policy.materials:
        source = sources.get(material.shared_by) if material.shared_by else None
        shared = source is not None and source.kind is not SourceKind.TYPED
        if shared:
            assert source is not None
            what = SHARED_LABELS.get(material.shared_by, material.shared_by)
            reason = f"{what}已通过信息共享获取（{source.label()}），无需提供"
        else:
            reason = material.how
        items.append(ChecklistItem(material.code, material.name, material.how, not shared,
                                   material.code in got and not shared, reason))
    return items


def missing_items(items: Iterable[ChecklistItem]) -> list[ChecklistItem]:
    return [item for item in items if item.missing]
