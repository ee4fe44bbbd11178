"""Pooling areas (统筹地区) and the list of valid region codes (POLICY.md §1 ``insured_region``).

Whether an applicant is at the office of the place where they are insured is
decided by a table, not by a digit rule: ``resources/regions/pooling.toml``
names the municipalities (one area each: 奉节县 500236 and 渝中区 500103 are
both 重庆市) and the county-level units that a province administers directly
(an area each: 仙桃 429004 is not 天门 429006); every other code belongs to its
prefecture (first four digits).  A region overlay may widen the area to the
province (``pooling = "province"``).

A code is valid when ``cncity.csv`` (the current divisions) or ``history.csv``
(GB/T 2260 codes of 1980-2019 that ``cncity.csv`` lacks or that have changed)
lists it.  A former code is followed to the code it became before the table
places it: 密云县 110228 is now 密云区 110118, 北京市.
"""

from __future__ import annotations

import csv
import functools
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.models.errors import PolicyError
from desktop.models.messages import Phrase
from desktop.models.reference import RegionCatalogue, regions, resource_dir

# Area kinds, as the verdict names them.
MUNICIPALITY = "直辖市"
PROVINCE_ADMINISTERED = "省直辖县级行政区"
PREFECTURE = "地市"
PROVINCE_OFFICE = "省本级"  # a province-level code (440000): no prefecture of its own
PROVINCE_POOLING = "省级统筹"

POOLING_LEVELS = ("prefecture", "province")
_HISTORY_COLUMNS = ("code", "name", "last_listed", "successor")


@dataclass(frozen=True)
class PoolingArea:
    key: str  # the digits that identify it: "50", "4401", "429004"; "64" under province pooling
    kind: str  # MUNICIPALITY, PROVINCE_ADMINISTERED, PREFECTURE, PROVINCE_OFFICE or PROVINCE_POOLING
    name: str  # 重庆市, 广东省广州市, 湖北省仙桃市 (the key when the list has no name)


@dataclass(frozen=True)
class PoolingTable:
    """``pooling.toml``: which codes are not simply pooled by prefecture."""

    municipalities: frozenset[str]
    province_administered: tuple[str, ...]  # 4-digit group prefixes or single 6-digit codes

    @classmethod
    def load(cls, path: Path | None = None) -> PoolingTable:
        path = path or resource_dir() / "regions" / "pooling.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise PolicyError.about(path.name, "file", "pooling.unreadable", error=exc) from None
        municipalities = _codes(data, "municipalities", (2,), path)
        administered = _codes(data, "province_administered", (4, 6), path)
        return cls(frozenset(municipalities), tuple(administered))

    def place(self, code: str) -> tuple[str, str]:
        """(key, kind) of a current six-digit code under prefecture pooling."""
        if code[:2] in self.municipalities:
            return code[:2], MUNICIPALITY
        if any(code.startswith(prefix) for prefix in self.province_administered):
            return code, PROVINCE_ADMINISTERED
        if code[2:] == "0000":
            return code[:4], PROVINCE_OFFICE
        return code[:4], PREFECTURE


def _codes(data: dict[str, object], key: str, lengths: tuple[int, ...], path: Path) -> list[str]:
    values = data.get(key)
    if not isinstance(values, list):
        raise PolicyError.about(path.name, key, "pooling.not_codes")
    for value in values:
        if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) in lengths):
            said = str(lengths[0]) if len(lengths) == 1 else Phrase.of("pooling.either", first=lengths[0],
                                                                        second=lengths[1])
            raise PolicyError.about(path.name, key, "pooling.bad_code", value=value, lengths=said)
    return [str(v) for v in values]


@dataclass(frozen=True)
class ListedCode:
    """A row of ``history.csv``."""

    name: str  # the full name when last listed (北京市密云县)
    last_listed: str  # revision YYYYMM after which it was gone; "" for a code still in use
    successor: str  # the code it became (or, merged, the unit it lay in); "" if none

    @property
    def former(self) -> bool:
        return bool(self.last_listed)


def _read_history(path: Path) -> dict[str, ListedCode]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _HISTORY_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PolicyError.about(path.name, missing[0], "reference.missing_column")
        return {
            row["code"].strip(): ListedCode(row["name"].strip(), row["last_listed"].strip(), row["successor"].strip())
            for row in reader
        }


class RegionList:
    """Every valid region code, what each former code became, and its pooling area."""

    def __init__(self, catalogue: RegionCatalogue, history: dict[str, ListedCode], table: PoolingTable) -> None:
        self._catalogue = catalogue
        self._history = dict(history)
        self._table = table
        self._members: dict[tuple[str, str], frozenset[str]] | None = None

    @classmethod
    def load(cls, history: Path | None = None, table: Path | None = None) -> RegionList:
        history = history or resource_dir() / "regions" / "history.csv"
        return cls(regions(), _read_history(history), PoolingTable.load(table))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and (code in self._history or code in self._catalogue)

    def __iter__(self) -> Iterator[str]:
        yield from self._history
        yield from (code for code in self._catalogue if code not in self._history)

    def is_former(self, code: str) -> bool:
        listed = self._history.get(code)
        return listed is not None and listed.former

    def current(self, code: str) -> str:
        """The code in use today for ``code`` (itself unless it is a former code)."""
        seen = {code}
        while (listed := self._history.get(code)) is not None and listed.former and listed.successor in self:
            code = listed.successor
            if code in seen:  # never expected in the data; stop rather than loop
                break
            seen.add(code)
        return code

    def name(self, code: str) -> str | None:
        listed = self._history.get(code)
        if listed is not None:
            return listed.name
        return self._catalogue.name(code)

    def describe(self, code: str) -> str:
        """``440106（广东省广州市天河区）``; a former code says so: ``110228（原北京市密云县）``."""
        name = self.name(code)
        if not name:
            return code
        return f"{code}（原{name}）" if self.is_former(code) else f"{code}（{name}）"

    def area(self, code: str, level: str = "prefecture") -> PoolingArea:
        """The pooling area of ``code``: its current code placed by the table, or its province."""
        current = self.current(code)
        if level == "province":
            key, kind = current[:2], PROVINCE_POOLING
        else:
            key, kind = self._table.place(current)
        return PoolingArea(key, kind, self._area_name(key, kind, current))

    def members(self, area: PoolingArea, level: str = "prefecture") -> frozenset[str]:
        """Every listed code, former ones included, whose area under ``level`` is ``area``."""
        if self._members is None:
            grouped: dict[tuple[str, str], set[str]] = {}
            for code in self:
                for each in POOLING_LEVELS:
                    grouped.setdefault((each, self.area(code, each).key), set()).add(code)
            self._members = {key: frozenset(codes) for key, codes in grouped.items()}
        return self._members.get((level, area.key), frozenset())

    def _area_name(self, key: str, kind: str, current: str) -> str:
        if kind in (MUNICIPALITY, PROVINCE_POOLING, PROVINCE_OFFICE):
            code = key[:2] + "0000"
        elif kind == PREFECTURE:
            code = key + "00"
        else:
            code = current
        return self.name(code) or self.name(current) or key


@functools.lru_cache(maxsize=1)
def region_list() -> RegionList:
    return RegionList.load()


def pooling_area(code: str, level: str = "prefecture") -> PoolingArea:
    """The pooling area of a region code under a policy's pooling level (POLICY.md §1)."""
    return region_list().area(code, level)


def same_pooling_area(first: str, second: str, level: str = "prefecture") -> bool:
    return pooling_area(first, level).key == pooling_area(second, level).key
