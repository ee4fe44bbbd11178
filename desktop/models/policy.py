"""Dated policy tables (resources/policies/*.toml) and how a case picks one.

Every threshold of POLICY.md lives in a data file, never in code: a national
file per policy period (cn-2017, cn-2019 …) and regional overlays that change
only what a province or city sets (amounts, shortage catalogue, pooling level,
materials, publicity days).  Adding next year's policy is one new file.

A file is validated completely when loaded: an unknown key, a missing key or a
value of the wrong type is refused with a ``PolicyError`` naming the file and
the key, so a typo never silently becomes a default.

Every value an overlay sets carries its provenance (``[source]`` for the file,
``[sources.<item>]`` for one item: 文号, 发文机关, 日期 and ``status``).  Only a
*confirmed* value is applied; an unconfirmed one leaves the value in force
(the national one, or a confirmed one of a wider region) and the policy's note
says which local rule was not applied and why, so an example or a reading taken
from a repost never decides a payment silently (issue 15.1).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.models.errors import InvalidInput, PolicyError
from desktop.models.identity import USCC_ALPHABET, chinese_date
from desktop.models.levels import LEVEL_NAMES as LEVEL_NAMES  # re-exported: rules, reports, risk use it
from desktop.models.messages import Phrase
from desktop.models.reference import resource_dir

LEVELS = (5, 4, 3, 2, 1)

# The parameters each rule takes from a policy file: name -> (type, default).
# A default of ``REQUIRED`` means the file must give it.  rules.py implements
# one function per code; a test keeps the two in step.
REQUIRED = object()
RULE_PARAMS: dict[str, dict[str, tuple[type, Any]]] = {
    "id_number": {},
    "contribution_months": {"min_months": (int, REQUIRED), "unemployment_benefit_qualifies": (bool, False)},
    "certificate_date": {"earliest": (dt.date, REQUIRED)},
    "certificate_level": {"levels": (list, REQUIRED)},
    "certificate_number": {},
    "application_window": {"months": (int, REQUIRED)},
    "insured_region": {"pooling": (str, "prefecture")},
    "duplicate_subsidy": {},
    "yearly_limit": {"max_per_year": (int, REQUIRED), "extra_for_shortage": (int, 0)},
    "lower_level": {},
    "training_subsidy": {},
    "enterprise_employee": {
        "registering_authorities": (dict, REQUIRED),  # USCC first character -> Authority
        "unemployment_benefit_qualifies": (bool, False),
    },
}
POOLING_DIGITS = {"province": 2, "prefecture": 4}


@dataclass(frozen=True)
class Authority:
    """A registering authority (the first character of a unified social credit code) and whether the
    units it registers employ 企业职工 (40号 一)."""

    name: str
    enterprise: bool


@dataclass(frozen=True)
class RuleConfig:
    code: str
    basis: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Sector:
    """An amount table for occupations whose code starts with one of ``prefixes``."""

    name: str
    prefixes: tuple[str, ...]
    amounts: Mapping[int, int]
    shortage_amounts: Mapping[int, int] | None = None


# The one information-sharing source that can stand in for an item of the applicant's list (a checklist
# ``Source`` key): the identity, verified online or from the synced registry (展翅行动 二(四)).
APPLICANT_SHARED_SOURCES = ("identity",)
# What the office checks itself (40号 二(二): 证书联网查询、与失业保险参保信息比对): never an item of the
# applicant's list (POLICY.md §4), whatever a file says.  The codes are those the lists used before issue 15.7;
# a case filed then may still record them.
OFFICE_CHECKED_SOURCES = {"contributions": "失业保险参保缴费记录", "certificate": "证书信息"}
OFFICE_CHECKED_CODES = frozenset({"contribution_record", "certificate"})


@dataclass(frozen=True)
class Material:
    """One item of the applicant's list (the one-time notice, POLICY.md §4).  ``shared_by`` names the
    information-sharing source that makes it unnecessary once it verified this applicant (展翅行动 二(四));
    empty when the applicant must always bring it.  ``sighted``: the original is shown at the counter and
    handed back, no copy kept (现场核验); otherwise the office keeps what is handed in (收取)."""

    code: str
    name: str
    how: str
    shared_by: str = ""
    sighted: bool = False


SOURCE_STATUSES = ("confirmed", "unconfirmed")


@dataclass(frozen=True)
class Provenance:
    """Where an overlay value comes from.  ``confirmed``: someone checked the value against the original
    document, whose number (文号), issuing body (发文机关) and date are given; anything else is unconfirmed."""

    status: str = "unconfirmed"
    document: str = ""
    issuer: str = ""
    date: dt.date | None = None
    title: str = ""
    note: str = ""  # what the value rests on when unconfirmed, and what would confirm it

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def cite(self) -> str:
        """X人社规〔2023〕N号，X省人力资源和社会保障厅，2023年3月1日 (commas, not nested brackets)."""
        head = self.document + (f"《{self.title}》" if self.title else "")
        parts = [part for part in (head, self.issuer, chinese_date(self.date) if self.date else "") if part]
        if self.note and not self.confirmed:
            parts.append(self.note)
        return "，".join(parts) or "未注明来源"

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "document": self.document, "issuer": self.issuer,
                "date": self.date.isoformat() if self.date else None, "title": self.title, "note": self.note}


NO_SOURCE = Provenance(note="文件未注明来源")

# What each overlay item is called where a verdict names it; a rule change is ``rules.<code>``.
ITEM_NAMES = {
    "amounts": "补贴标准",
    "shortage_amounts": "紧缺急需职业补贴标准",
    "shortage_bonus_percent": "紧缺急需职业补贴上浮比例",
    "sectors": "分领域补贴标准",
    "shortage_catalogue": "紧缺急需职业(工种)目录",
    "review_workdays": "审核时限",
    "publicity_workdays": "公示期限",
    "materials": "申请材料清单",
    "rules.yearly_limit": "每年享受次数",
    "rules.insured_region": "失业保险统筹层级",
    "rules.enterprise_employee": "企业职工身份认定",
}


def item_name(item: str) -> str:
    return ITEM_NAMES.get(item, f"{item.removeprefix('rules.')}规则")


@dataclass(frozen=True)
class LocalValue:
    """One overlay item for a case: applied (its source confirmed) or left out (unconfirmed), and, when left
    out, which value stayed in force (``in_force``: a national policy id or a confirmed overlay's id)."""

    overlay: str
    overlay_title: str
    item: str
    provenance: Provenance
    in_force: str = ""

    @property
    def name(self) -> str:
        return item_name(self.item)

    def to_json(self) -> dict[str, Any]:
        out = {"overlay": self.overlay, "item": self.item, "name": self.name, "source": self.provenance.to_json()}
        if self.in_force:
            out["in_force"] = self.in_force
        return out


@dataclass(frozen=True)
class Policy:
    id: str
    title: str  # the full title of the period's own document, only where checked against its text; else ""
    summary: str  # what the period is, in this software's words: a description (政策说明), never a title
    documents: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date | None
    rules: tuple[RuleConfig, ...]
    amounts: Mapping[int, int]
    shortage_amounts: Mapping[int, int] | None
    shortage_bonus_percent: int
    sectors: tuple[Sector, ...]
    shortage_catalogue: frozenset[str]
    review_workdays: int
    publicity_workdays: int
    materials: tuple[Material, ...]
    source: str
    # set when resolved for a case
    overlays: tuple[str, ...] = ()  # overlays with at least one confirmed item applied
    carried_over: bool = False
    note: str = ""
    sources: Mapping[str, LocalValue] = field(default_factory=dict)  # item -> the confirmed overlay value applied
    unconfirmed: tuple[LocalValue, ...] = ()  # overlay items not applied: unconfirmed and different

    def source_of(self, item: str) -> LocalValue | None:
        """The confirmed overlay value in force for ``item``; None: the national file's value."""
        return self.sources.get(item)

    def rule(self, code: str) -> RuleConfig | None:
        return next((r for r in self.rules if r.code == code), None)

    @property
    def heading(self) -> str:
        """What the policy is called where a title would stand: the confirmed title, else the description
        said to be one (政策说明：…), so a description is never passed off as a document's title."""
        return self.title or f"政策说明：{self.summary}"

    @property
    def label(self) -> str:
        return "+".join((self.id, *self.overlays))


@dataclass(frozen=True)
class Overlay:
    id: str
    title: str
    region: str
    applies_to: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date | None
    changes: Mapping[str, Any]
    rule_changes: Mapping[str, Mapping[str, Any]]
    source: str  # the file name
    provenance: Provenance = NO_SOURCE  # the file's ``[source]``
    item_sources: Mapping[str, Provenance] = field(default_factory=dict)  # ``[sources.<item>]``

    def source_of(self, item: str) -> Provenance:
        return self.item_sources.get(item, self.provenance)

    def covers_region(self, region: str) -> bool:
        return region.startswith(_region_prefix(self.region))

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _region_prefix(code: str) -> str:
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


# --- reading and validating files ----------------------------------------


class _Reader:
    """Typed access to one TOML table that reports problems by file and key."""

    def __init__(self, source: str, data: Mapping[str, Any], prefix: str = "") -> None:
        self.source, self.data, self.prefix = source, data, prefix
        self.seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def fail(self, name: str, code: str, **params: Any) -> PolicyError:
        """Entry ``name`` refused as catalogue message ``code`` says."""
        return PolicyError.about(self.source, self.key(name), code, **params)

    def get(self, name: str, kind: type, default: Any = REQUIRED) -> Any:
        self.seen.add(name)
        if name not in self.data:
            if default is REQUIRED:
                raise self.fail(name, "value.missing")
            return default
        value = self.data[name]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is dt.date and isinstance(value, dt.datetime):
            ok = False
        if not ok:
            raise self.fail(name, "toml.wrong_type", kind=_TYPE_NAMES.get(kind, kind.__name__),
                            actual=repr(value))
        return value

    def table(self, name: str, default: Any = REQUIRED) -> _Reader | None:
        value = self.get(name, dict, default)
        return None if value is None else _Reader(self.source, value, f"{self.key(name)}.")

    def only(self, names: Iterable[str]) -> None:
        """Refuse a key outside ``names`` first, so a misspelt key is named as such
        rather than reported as the correct key missing."""
        extra = sorted(set(self.data) - set(names))
        if extra:
            raise self.fail(extra[0], "toml.unknown_key")

    def finish(self) -> None:
        extra = sorted(set(self.data) - self.seen)
        if extra:
            raise self.fail(extra[0], "toml.unknown_key")


_TYPE_NAMES = {int: Phrase.of("type.integer"), str: Phrase.of("type.text"), bool: "true/false",
               list: Phrase.of("type.list"), dict: Phrase.of("type.table"), dt.date: Phrase.of("type.date")}


def _amounts(reader: _Reader, name: str, default: Any = REQUIRED) -> dict[int, int] | None:
    table = reader.table(name, default)
    if table is None:
        return None
    result: dict[int, int] = {}
    for key in table.data:
        if key not in {str(level) for level in LEVELS}:
            raise table.fail(key, "policy.bad_level")
        amount = table.get(key, int)
        if amount < 0:
            raise table.fail(key, "policy.negative_amount")
        result[int(key)] = amount
    table.finish()
    return result


def _string_list(reader: _Reader, name: str, default: Any = REQUIRED) -> tuple[str, ...]:
    values = reader.get(name, list, default)
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise reader.fail(f"{name}[{i}]", "toml.wrong_type", kind=_TYPE_NAMES[str], actual=repr(value))
    return tuple(values)


def _rules(reader: _Reader, name: str, *, full: bool) -> dict[str, dict[str, Any]]:
    """Rule tables; ``full`` (national files) demands basis and every required parameter."""
    table = reader.table(name, REQUIRED if full else {})
    assert table is not None
    rules: dict[str, dict[str, Any]] = {}
    for code in table.data:
        if code not in RULE_PARAMS:
            raise table.fail(code, "policy.unknown_rule", known="、".join(RULE_PARAMS))
        rule = table.table(code)
        assert rule is not None
        rule.only(["basis", *RULE_PARAMS[code]])
        values: dict[str, Any] = {}
        basis = rule.get("basis", str, REQUIRED if full else None)
        if basis is not None:
            values["basis"] = basis
        for param, (kind, default) in RULE_PARAMS[code].items():
            value = rule.get(param, kind, default if full else None)
            if value is not None:
                values[param] = value
        if code == "certificate_level":
            levels = values.get("levels", [])
            if not all(isinstance(v, int) and v in LEVELS for v in levels):
                raise rule.fail("levels", "policy.bad_levels")
        if code == "insured_region" and values.get("pooling", "prefecture") not in POOLING_DIGITS:
            raise rule.fail("pooling", "policy.bad_pooling")
        if "registering_authorities" in values:
            values["registering_authorities"] = _authorities(rule)
        rule.finish()
        rules[code] = values
    table.finish()
    return rules


def _authorities(rule: _Reader) -> dict[str, Authority]:
    """The ``registering_authorities`` table: a USCC first character -> {name, enterprise}."""
    table = rule.table("registering_authorities")
    assert table is not None
    result: dict[str, Authority] = {}
    for key in table.data:
        if len(key) != 1 or key not in USCC_ALPHABET:
            raise table.fail(key, "policy.bad_sector")
        entry = table.table(key)
        assert entry is not None
        entry.only(("name", "enterprise"))
        result[key] = Authority(entry.get("name", str), entry.get("enterprise", bool))
        entry.finish()
    table.finish()
    return result


def _sectors(reader: _Reader) -> tuple[Sector, ...]:
    items = reader.get("sectors", list, [])
    sectors = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise reader.fail(f"sectors[{i}]", "toml.not_table")
        sub = _Reader(reader.source, item, f"{reader.key('sectors')}[{i}].")
        sectors.append(
            Sector(
                name=sub.get("name", str),
                prefixes=_string_list(sub, "occupation_prefixes"),
                amounts=_amounts(sub, "amounts") or {},
                shortage_amounts=_amounts(sub, "shortage_amounts", None),
            )
        )
        sub.finish()
    return tuple(sectors)


def _materials(reader: _Reader, default: Any = REQUIRED) -> tuple[Material, ...] | None:
    items = reader.get("materials", list, default)
    if items is None:
        return None
    materials = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise reader.fail(f"materials[{i}]", "toml.not_table")
        sub = _Reader(reader.source, item, f"{reader.key('materials')}[{i}].")
        material = Material(
            code=sub.get("code", str),
            name=sub.get("name", str),
            how=sub.get("how", str, ""),
            shared_by=sub.get("shared_by", str, ""),
            sighted=sub.get("sighted", bool, False),
        )
        sub.finish()
        if material.shared_by in OFFICE_CHECKED_SOURCES:
            raise sub.fail("shared_by", "policy.office_checked")
        if material.code in OFFICE_CHECKED_CODES:
            raise sub.fail("code", "policy.office_checked")
        if material.shared_by and material.shared_by not in APPLICANT_SHARED_SOURCES:
            raise sub.fail("shared_by", "policy.bad_shared_by")
        materials.append(material)
    return tuple(materials)


_NATIONAL_KEYS = (
    "id", "kind", "title", "summary", "documents", "valid_from", "valid_to", "rules", "amounts", "shortage_amounts",
    "shortage_bonus_percent", "sectors", "shortage_catalogue", "review_workdays", "publicity_workdays", "materials",
)

# The kinds (文种) an official document's title ends with: a ``title`` that ends otherwise is a description.
_DOCUMENT_KINDS = ("通知", "意见", "决定", "办法", "方案", "规定", "细则", "批复", "函", "公告", "通告", "决议")


def _title_and_summary(r: _Reader) -> tuple[str, str]:
    """``title``: the full title of the period's own document, written only once checked against its text;
    ``summary``: what the period changes, in this software's words (政策说明).  One of them must be given.
    A file written before issue 15.8 whose ``title`` held such a description (it does not end with a
    document kind: 通知, 意见 …) still loads, the text read as its summary, never as a title."""
    title = r.get("title", str, "").strip()
    summary = r.get("summary", str, "").strip()
    if title and not title.endswith(_DOCUMENT_KINDS):
        if summary:
            raise r.fail("title", "policy.not_a_title")
        title, summary = "", title
    if not title and not summary:
        raise r.fail("summary", "policy.no_summary")
    return title, summary


def _parse_national(source: str, data: Mapping[str, Any]) -> Policy:
    r = _Reader(source, data)
    r.only(_NATIONAL_KEYS)
    r.get("kind", str)
    rules = _rules(r, "rules", full=True)
    title, summary = _title_and_summary(r)
    policy = Policy(
        id=r.get("id", str),
        title=title,
        summary=summary,
        documents=_string_list(r, "documents"),
        valid_from=r.get("valid_from", dt.date),
        valid_to=r.get("valid_to", dt.date, None),
        rules=tuple(
            RuleConfig(code, values.pop("basis"), values) for code, values in rules.items()
        ),
        amounts=_amounts(r, "amounts") or {},
        shortage_amounts=_amounts(r, "shortage_amounts", None),
        shortage_bonus_percent=r.get("shortage_bonus_percent", int, 0),
        sectors=_sectors(r),
        shortage_catalogue=frozenset(_string_list(r, "shortage_catalogue", [])),
        review_workdays=r.get("review_workdays", int),
        publicity_workdays=r.get("publicity_workdays", int),
        materials=_materials(r) or (),
        source=source,
    )
    r.finish()
    if policy.valid_to is not None and policy.valid_to < policy.valid_from:
        raise PolicyError.about(source, "valid_to", "policy.ends_before_start")
    return policy


# Keys an overlay may change, each parsed the way the national file parses it.
_OVERLAY_FIELDS = (
    "amounts", "shortage_amounts", "shortage_bonus_percent", "sectors",
    "shortage_catalogue", "review_workdays", "publicity_workdays", "materials",
)


_SOURCE_KEYS = ("status", "document", "issuer", "date", "title", "note")


def _provenance(reader: _Reader) -> Provenance:
    """A ``[source]`` table.  ``confirmed`` without its document number, issuing body and date is refused
    naming the key: a value nobody can trace back to a document is not confirmed."""
    reader.only(_SOURCE_KEYS)
    status = reader.get("status", str)
    if status not in SOURCE_STATUSES:
        raise reader.fail("status", "policy.bad_status")
    provenance = Provenance(
        status=status,
        document=reader.get("document", str, "").strip(),
        issuer=reader.get("issuer", str, "").strip(),
        date=reader.get("date", dt.date, None),
        title=reader.get("title", str, "").strip(),
        note=reader.get("note", str, "").strip(),
    )
    reader.finish()
    if provenance.confirmed:
        for name, what in (("document", Phrase.of("policy.source_document")),
                           ("issuer", Phrase.of("policy.source_issuer")), ("date", Phrase.of("policy.source_date"))):
            if not getattr(provenance, name):
                raise reader.fail(name, "policy.confirmed_needs", what=what)
    return provenance


def _item_sources(reader: _Reader, items: Iterable[str]) -> dict[str, Provenance]:
    """``[sources.<item>]`` and ``[sources.rules.<code>]``: the provenance of one item, where it is not the
    file's.  Only items the file sets may have one."""
    table = reader.table("sources", {})
    assert table is not None
    known, result = set(items), {}
    for key in table.data:
        if key == "rules":
            rules = table.table("rules")
            assert rules is not None
            for code in rules.data:
                if f"rules.{code}" not in known:
                    raise rules.fail(code, "policy.rule_not_changed")
                sub = rules.table(code)
                assert sub is not None
                result[f"rules.{code}"] = _provenance(sub)
            rules.finish()
        elif key in known:
            sub = table.table(key)
            assert sub is not None
            result[key] = _provenance(sub)
        else:
            raise table.fail(key, "policy.entry_not_set")
    table.finish()
    return result


def _parse_overlay(source: str, data: Mapping[str, Any]) -> Overlay:
    r = _Reader(source, data)
    r.only(("id", "kind", "title", "region", "applies_to", "valid_from", "valid_to", "rules", "source", "sources",
            *_OVERLAY_FIELDS))
    r.get("kind", str)
    region = r.get("region", str)
    if len(region) != 6 or not region.isdigit():
        raise r.fail("region", "policy.bad_region")
    changes: dict[str, Any] = {}
    if "amounts" in data:
        changes["amounts"] = _amounts(r, "amounts")
    if "shortage_amounts" in data:
        changes["shortage_amounts"] = _amounts(r, "shortage_amounts")
    if "shortage_bonus_percent" in data:
        changes["shortage_bonus_percent"] = r.get("shortage_bonus_percent", int)
    if "sectors" in data:
        changes["sectors"] = _sectors(r)
    if "shortage_catalogue" in data:
        changes["shortage_catalogue"] = frozenset(_string_list(r, "shortage_catalogue"))
    for name in ("review_workdays", "publicity_workdays"):
        if name in data:
            changes[name] = r.get(name, int)
    if "materials" in data:
        changes["materials"] = _materials(r)
    rule_changes = _rules(r, "rules", full=False)
    file_source = r.table("source", None)
    overlay = Overlay(
        id=r.get("id", str),
        title=r.get("title", str),
        region=region,
        applies_to=_string_list(r, "applies_to", []),
        valid_from=r.get("valid_from", dt.date),
        valid_to=r.get("valid_to", dt.date, None),
        changes=changes,
        rule_changes=rule_changes,
        source=source,
        provenance=NO_SOURCE if file_source is None else _provenance(file_source),
        item_sources=_item_sources(r, [*changes, *(f"rules.{code}" for code in rule_changes)]),
    )
    r.finish()
    assert set(changes) <= set(_OVERLAY_FIELDS)
    return overlay


def load_policy_file(path: Path) -> Policy | Overlay:
    source = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError.about(source, "TOML", "toml.bad_format", error=exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError.about(source, "file", "toml.unreadable", error=exc) from None
    kind = data.get("kind")
    if kind == "national":
        return _parse_national(source, data)
    if kind == "regional":
        return _parse_overlay(source, data)
    raise PolicyError.about(source, "kind", "policy.bad_kind", actual=repr(kind))


# --- choosing the policy for a case ---------------------------------------


@dataclass
class PolicyBook:
    """Every policy and overlay known to this installation."""

    nationals: list[Policy] = field(default_factory=list)
    overlays: list[Overlay] = field(default_factory=list)

    @classmethod
    def load(cls, dirs: Iterable[Path]) -> PolicyBook:
        """Read every ``*.toml`` under each folder (recursively); later folders may add
        policies (an administrator's data folder) but not redefine an id."""
        book = cls()
        for folder in dirs:
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*.toml")):
                item = load_policy_file(path)
                book._add(item)
        book.nationals.sort(key=lambda p: p.valid_from)
        book._check_periods()
        return book

    def _add(self, item: Policy | Overlay) -> None:
        ids = {p.id for p in self.nationals} | {o.id for o in self.overlays}
        if item.id in ids:
            raise PolicyError.about(item.source, "id", "policy.duplicate_id", policy=item.id)
        if isinstance(item, Policy):
            self.nationals.append(item)
        else:
            self.overlays.append(item)

    def _check_periods(self) -> None:
        for earlier, later in zip(self.nationals, self.nationals[1:], strict=False):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise PolicyError.about(later.source, "valid_from", "policy.periods_overlap", earlier=earlier.id,
                                        ends_on=earlier.valid_to or Phrase.of("policy.no_end_date"))

    def national(self, policy_id: str) -> Policy:
        for policy in self.nationals:
            if policy.id == policy_id:
                return policy
        known = "、".join(p.id for p in self.nationals)
        raise InvalidInput.about("policy", "policy.not_loaded", policy=policy_id, known=known)

    def decided_under(self, day: dt.date, region: str, recorded: str | None = None) -> Policy:
        """The policy a case was decided under (issue 18.3: the one rule for the queue, the documents
        and the reports): the one in force for its date and region, or — when the case recorded another
        national policy (its verdict's ``policy``; ``cn-2025+gd-2023`` names the national one first) —
        that one.  A recorded policy no longer loaded leaves the one in force."""
        policy = self.for_case(day, region)
        national = (recorded or "").split("+", 1)[0]
        if national and national != policy.id and any(p.id == national for p in self.nationals):
            policy = self.for_case(day, region, national)
        return policy

    def for_case(self, day: dt.date, region: str, policy_id: str | None = None) -> Policy:
        """The policy in force on ``day`` at ``region`` with the region's overlays applied.

        Past the end of the last policy, the last one carries over and says so."""
        if policy_id is not None:
            base = self.national(policy_id)
        else:
            started = [p for p in self.nationals if p.valid_from <= day]
            if not started:
                first = self.nationals[0].valid_from if self.nationals else None
                raise InvalidInput.about("application_date", "policy.before_first", day=chinese_date(day),
                                         first=chinese_date(first) if first else Phrase.of("policy.none_loaded"))
            base = started[-1]
        carried = policy_id is None and base.valid_to is not None and day > base.valid_to
        # An overlay in force when a carried-over policy ended carries over with it.
        overlay_day = base.valid_to if carried and base.valid_to is not None else day
        chosen = [
            o for o in self.overlays
            if o.covers_region(region)
            and (not o.applies_to or base.id in o.applies_to)
            and o.in_force(overlay_day)
        ]
        chosen.sort(key=lambda o: len(_region_prefix(o.region)))  # province first, city overrides
        policy = base
        for overlay in chosen:
            policy = _apply(policy, overlay)
        applied = {value.overlay for value in policy.sources.values()}
        unconfirmed = tuple(replace(value, in_force=_in_force(policy, value.item)) for value in policy.unconfirmed)
        return replace(policy, overlays=tuple(o.id for o in chosen if o.id in applied), carried_over=carried,
                       unconfirmed=unconfirmed, note=_note(base, day, carried, unconfirmed))


def _apply(policy: Policy, overlay: Overlay) -> Policy:
    """The overlay's confirmed items replace the values in force.  An unconfirmed item is not applied: when
    it differs from the value in force it is recorded (``Policy.unconfirmed``) for the note to name; a
    confirmed value of a narrower region (a city after its province) takes its place."""
    sources, pending = dict(policy.sources), {value.item: value for value in policy.unconfirmed}
    changes: dict[str, Any] = {}

    def record(item: str, confirmed: bool, differs: bool) -> bool:
        value = LocalValue(overlay.id, overlay.title, item, overlay.source_of(item))
        if confirmed:
            sources[item] = value
            pending.pop(item, None)
        elif differs:
            pending[item] = value
        return confirmed

    for item, value in overlay.changes.items():
        if record(item, overlay.source_of(item).confirmed, value != getattr(policy, item)):
            changes[item] = value
    rules = []
    for rule in policy.rules:
        change = dict(overlay.rule_changes.get(rule.code, {}))
        if not change:
            rules.append(rule)
            continue
        item, provenance = f"rules.{rule.code}", overlay.source_of(f"rules.{rule.code}")
        basis = change.pop("basis", f"{rule.basis}；{provenance.document}")
        params = {**rule.params, **{name: _changed(rule.params.get(name), value) for name, value in change.items()}}
        confirmed = record(item, provenance.confirmed, params != rule.params)
        rules.append(RuleConfig(rule.code, basis, params) if confirmed else rule)
    return replace(policy, rules=tuple(rules), sources=sources, unconfirmed=tuple(pending.values()), **changes)


def _in_force(policy: Policy, item: str) -> str:
    """Whose value of ``item`` applies: a confirmed overlay's or the national policy's."""
    value = policy.source_of(item)
    return value.overlay if value is not None else policy.id


def _changed(old: Any, new: Any) -> Any:
    """An overlay's table parameter changes only the entries it names (one registering authority
    need not restate the others); any other parameter is replaced."""
    return {**old, **new} if isinstance(old, Mapping) and isinstance(new, Mapping) else new


def _note(base: Policy, day: dt.date, carried: bool, unconfirmed: Iterable[LocalValue] = ()) -> str:
    """What every verdict, receipt and report says about the policy beyond its id: carried over, and the local
    rules left out because unconfirmed."""
    notes = []
    if carried:
        notes.append(
            f"{base.id} 已于{chinese_date(base.valid_to) if base.valid_to else ''}到期，{day.year}年新政策尚未载入，"
            f"按 {base.id} 延续执行，待新政策公布后以新政策为准"
        )
    notes.extend(unconfirmed_notes(base.id, unconfirmed))
    return "；".join(notes)


def unconfirmed_notes(national: str, values: Iterable[LocalValue]) -> list[str]:
    """One sentence per overlay and source: 广东省2023年技能提升补贴地方标准（gd-2023）的紧缺急需职业补贴上浮比例
    未经核实（来源：…），未予适用，按全国政策 cn-2022 执行."""
    groups: dict[tuple[str, str, str], list[LocalValue]] = {}
    for value in values:
        groups.setdefault((value.overlay, value.overlay_title, value.provenance.cite()), []).append(value)
    notes = []
    for (overlay, title, cite), items in groups.items():
        names = "、".join(item.name for item in items)
        in_force = "、".join(dict.fromkeys(
            f"全国政策 {item.in_force}" if item.in_force in ("", national) else item.in_force for item in items))
        notes.append(f"{title}（{overlay}）的{names}未经核实（来源：{cite}），未予适用，按{in_force} 执行")
    return notes


def default_policy_dirs(data_dir: Path | None = None) -> list[Path]:
    dirs = [resource_dir() / "policies"]
    if data_dir is not None:
        dirs.append(data_dir / "policies")
    return dirs
