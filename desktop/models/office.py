"""The office's printed identity: the name, address, phone and wording on every document.

Kept as settings in ``meta`` (``office_name``, ``office_address``,
``office_phone``, ``office_progress_hint``, ``office_appeal_hint``), each with
a default derived from the office's region code, so a fresh data folder
prints something true (广州市人力资源和社会保障局公共就业服务窗口, 12333) until
an administrator fills in the real details.  ``OfficeProfile.defaulted``
names the fields still at their default, for a settings page to point at.

A written decision (issue 17.2) needs four more, which have no default — a
service window cannot decide, and a guessed court or reconsideration body would
mislead the applicant about his remedies: the deciding body (``office_issuer_name``,
e.g. 广州市天河区人力资源和社会保障局, in whose name and under whose seal the
decision is issued), the prefix of its document numbers
(``office_doc_number_prefix``, e.g. 穗天人社技补决), the reconsideration body
(``office_reconsideration_body``) and the court (``office_court``).  While one
is empty ``require_decision_settings`` raises ``MissingSetting`` naming it.

Changing the profile needs ``Action.settings_manage`` and is audited.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.errors import InvalidInput
from desktop.models.reference import regions
from desktop.models.schema import Meta
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store, get_meta, set_meta

# field -> (meta key, longest accepted text)
FIELDS: dict[str, tuple[str, int]] = {
    "name": ("office_name", 100),
    "address": ("office_address", 200),
    "phone": ("office_phone", 60),
    "progress_hint": ("office_progress_hint", 200),
    "appeal_hint": ("office_appeal_hint", 200),
    "issuer_name": ("office_issuer_name", 60),
    "doc_number_prefix": ("office_doc_number_prefix", 20),
    "reconsideration_body": ("office_reconsideration_body", 60),
    "court": ("office_court", 60),
    "objection_phone": ("office_objection_phone", 60),
    "objection_address": ("office_objection_address", 200),
}
# What a written decision prints and cannot do without (no default: see the module's text).
DECISION_SETTINGS: dict[str, str] = {
    "issuer_name": "决定机关名称",
    "doc_number_prefix": "决定书文号前缀",
    "reconsideration_body": "行政复议机关",
    "court": "行政诉讼管辖法院",
}

# What a publicity list prints for objections (issue 17.10): the office's own line and street address, where
# a person can ring or call in — never the national hotline nor a region's name.  No default either.
PUBLICITY_SETTINGS: dict[str, str] = {
    "objection_phone": "公示异议受理电话",
    "objection_address": "公示异议受理地址",
}

DEFAULT_PHONE = "12333"  # the national human-resources and social-security hotline
DEFAULT_PROGRESS_HINT = "拨打12333或凭受理编号和查询码到窗口查询"
_BUREAU = "人力资源和社会保障局"  # a province-level department is a 厅
_DEPARTMENT = "人力资源和社会保障厅"
_WINDOW = "公共就业服务窗口"
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

AUDIT_ACTION = "settings.office_profile"


class MissingSetting(InvalidInput):
    """A document cannot be issued while a setting it prints is empty.  ``field`` is the first
    missing setting's key (``office_issuer_name``…), ``settings`` names every missing one."""

    def __init__(self, missing: list[str], *, labels: dict[str, str] | None = None,
                 code: str = "settings.missing_for_decision") -> None:
        names = labels or DECISION_SETTINGS
        super().__init__(FIELDS[missing[0]][0], code=code,
                         params={"settings": "、".join(names[name] for name in missing)})
        self.settings = tuple(missing)


@dataclass(frozen=True)
class OfficeProfile:
    code: str  # GB/T 2260 region code of the office
    name: str
    address: str
    phone: str
    progress_hint: str
    appeal_hint: str = ""  # kept for old settings; decisions print the reconsideration body and court below
    defaulted: frozenset[str] = frozenset()  # fields not set by an administrator
    issuer_name: str = ""  # the deciding body: 广州市天河区人力资源和社会保障局
    doc_number_prefix: str = ""  # 穗天人社技补决 (→ 穗天人社技补决〔2026〕12号)
    reconsideration_body: str = ""  # 广州市天河区人民政府
    court: str = ""  # 广州铁路运输法院
    objection_phone: str = ""  # 020-38881234: the office's own line for objections to a publicity list
    objection_address: str = ""  # 广州市天河区天河北路123号一楼: where objections are handed in

    def require_decision_settings(self) -> None:
        """Refuse (``MissingSetting``) while a decision's settings are not all filled in."""
        missing = [name for name in DECISION_SETTINGS if not getattr(self, name).strip()]
        if missing:
            raise MissingSetting(missing)

    def require_publicity_settings(self) -> None:
        """Refuse (``MissingSetting``) while the objection phone or street address is empty (issue 17.10)."""
        missing = [name for name in PUBLICITY_SETTINGS if not getattr(self, name).strip()]
        if missing:
            raise MissingSetting(missing, labels=PUBLICITY_SETTINGS, code="settings.missing_for_publicity")

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            **{name: getattr(self, name) for name in FIELDS},
            "defaulted": sorted(self.defaulted),
        }


def _region_name(code: str) -> tuple[str, bool] | None:
    """The office's own name for its region (广州市, 北京市东城区), and whether it is province-level."""
    catalogue = regions()
    code = (code or "").strip()
    candidates = [code, catalogue.city_of(code) if len(code) == 6 else None,
                  catalogue.province_of(code) if len(code) == 6 else None]
    for candidate in candidates:
        if not candidate:
            continue
        full = catalogue.name(candidate)
        if not full:
            continue
        province = candidate[:2] + "0000"
        if candidate == province:
            return full, candidate[:2] not in _MUNICIPALITIES
        province_name = catalogue.name(province) or ""
        if candidate[:2] not in _MUNICIPALITIES and province_name and full.startswith(province_name):
            full = full[len(province_name):]  # 广东省广州市 -> 广州市: the city names its own bureau
        return full, False
    return None


def default_profile(code: str) -> OfficeProfile:
    """What a data folder prints before an administrator sets the office's details."""
    found = _region_name(code)
    if found is None:
        name, address = f"人力资源和社会保障部门{_WINDOW}（机构代码{code}）", ""
    else:
        region, provincial = found
        name = f"{region}{_DEPARTMENT if provincial else _BUREAU}{_WINDOW}"
        address = regions().name(code) or region
    return OfficeProfile(
        code=code,
        name=name,
        address=address,
        phone=DEFAULT_PHONE,
        progress_hint=DEFAULT_PROGRESS_HINT,
        appeal_hint="",
        defaulted=frozenset(FIELDS),  # the decision's settings too: they stay empty until set
    )


def read_office_profile(session: Session, code: str) -> OfficeProfile:
    """The profile inside a caller's transaction (printing reads it with the case)."""
    profile = default_profile(code)
    values: dict[str, str] = {}
    for name, (key, _) in FIELDS.items():
        value = get_meta(session, key)
        if value is not None and value.strip():
            values[name] = value
    return replace(profile, **values, defaulted=profile.defaulted - set(values))


def office_profile(store: Store) -> OfficeProfile:
    with store.session(readonly=True) as session:
        return read_office_profile(session, store.office_code)


def _clean(name: str, value: Any) -> str:
    key, longest = FIELDS[name]
    if not isinstance(value, str):
        raise InvalidInput.about(key, "value.not_text")
    text = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise InvalidInput.about(key, "settings.one_line")
    if len(text) > longest:
        raise InvalidInput.about(key, "settings.too_long", longest=longest, length=len(text))
    if text:
        _check_decision_setting(name, key, text)
    return text


def _check_decision_setting(name: str, key: str, text: str) -> None:
    if name == "issuer_name" and any(word in text for word in ("窗口", "大厅")):
        raise InvalidInput.about(key, "settings.issuer_is_a_window")
    if name == "doc_number_prefix" and (any(ch.isspace() or ch in "〔〕[]()（）【】" for ch in text)
                                         or text.endswith("号")):
        raise InvalidInput.about(key, "settings.doc_number_prefix")
    if name == "court" and not text.endswith("法院"):
        raise InvalidInput.about(key, "settings.court")
    if name == "objection_phone" and (sum(ch.isdigit() for ch in text) < 7 or text.strip() == DEFAULT_PHONE):
        raise InvalidInput.about(key, "settings.objection_phone")
    if name == "objection_address" and (not any(ch in text for ch in _STREET) or _is_region_name(text)):
        raise InvalidInput.about(key, "settings.objection_address")


_STREET = "路街道巷弄号楼村组室层座院"


def _is_region_name(text: str) -> bool:
    """广东省广州市 and the like: a region's name, not a street address."""
    return text.endswith(("省", "市", "区", "县", "镇", "乡"))


def set_office_profile(
    store: Store,
    actor: StaffUser,
    *,
    name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    progress_hint: str | None = None,
    appeal_hint: str | None = None,
    issuer_name: str | None = None,
    doc_number_prefix: str | None = None,
    reconsideration_body: str | None = None,
    court: str | None = None,
    objection_phone: str | None = None,
    objection_address: str | None = None,
) -> OfficeProfile:
    """Change some of the office's printed details.

    ``None`` leaves a field as it is; an empty text puts it back to its
    default.  Input is checked before anything is written; one audit entry
    records the stored values before and after (none when nothing changes).
    """
    require(actor, Action.settings_manage)
    offered = {"name": name, "address": address, "phone": phone, "progress_hint": progress_hint,
               "appeal_hint": appeal_hint, "issuer_name": issuer_name, "doc_number_prefix": doc_number_prefix,
               "reconsideration_body": reconsideration_body, "court": court,
               "objection_phone": objection_phone, "objection_address": objection_address}
    wanted = {field: _clean(field, value) for field, value in offered.items() if value is not None}
    with store.session() as session:
        before: dict[str, str | None] = {}
        after: dict[str, str | None] = {}
        for field, text in wanted.items():
            key = FIELDS[field][0]
            old = get_meta(session, key)
            new = text or None
            if (old or None) == new:
                continue
            before[key], after[key] = old, new
            if new is None:
                row = session.get(Meta, key)
                if row is not None:
                    session.delete(row)
            else:
                set_meta(session, key, new)
        if after:
            session.flush()
            audit.record(session, actor=actor.username, action=AUDIT_ACTION, entity="settings",
                         entity_id="office_profile", before=before, after=after, at=store.clock.now())
        return read_office_profile(session, store.office_code)

__all__ = [
    "AUDIT_ACTION",
    "DECISION_SETTINGS",
    "DEFAULT_PHONE",
    "DEFAULT_PROGRESS_HINT",
    "FIELDS",
    "PUBLICITY_SETTINGS",
    "MissingSetting",
    "OfficeProfile",
    "default_profile",
    "office_profile",
    "read_office_profile",
    "set_office_profile",
]
