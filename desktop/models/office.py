"""The office's printed identity: the name, address, phone and wording on every document.

Kept as settings in ``meta`` (``office_name``, ``office_address``,
``office_phone``, ``office_progress_hint``, ``office_appeal_hint``), each with
a default derived from the office's region code, so a fresh data folder
prints something true (广州市人力资源和社会保障局公共就业服务窗口, 12333) until
an administrator fills in the real details.  ``OfficeProfile.defaulted``
names the fields still at their default, for a settings page to point at.

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
}

DEFAULT_PHONE = "12333"  # the national human-resources and social-security hotline
DEFAULT_PROGRESS_HINT = "拨打12333或凭受理编号和查询码到窗口查询"
_BUREAU = "人力资源和社会保障局"  # a province-level department is a 厅
_DEPARTMENT = "人力资源和社会保障厅"
_WINDOW = "公共就业服务窗口"
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

AUDIT_ACTION = "settings.office_profile"


@dataclass(frozen=True)
class OfficeProfile:
    code: str  # GB/T 2260 region code of the office
    name: str
    address: str
    phone: str
    progress_hint: str
    appeal_hint: str = ""  # where to appeal a decision; empty: the documents' general wording only
    defaulted: frozenset[str] = frozenset()  # fields not set by an administrator

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
        defaulted=frozenset(FIELDS),
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
        raise InvalidInput(key, "应为文字")
    text = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise InvalidInput(key, "只能是一行文字（不能含换行或控制字符）")
    if len(text) > longest:
        raise InvalidInput(key, f"不能超过{longest}个字符，收到{len(text)}个")
    return text


def set_office_profile(
    store: Store,
    actor: StaffUser,
    *,
    name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    progress_hint: str | None = None,
    appeal_hint: str | None = None,
) -> OfficeProfile:
    """Change some of the office's printed details.

    ``None`` leaves a field as it is; an empty text puts it back to its
    default.  Input is checked before anything is written; one audit entry
    records the stored values before and after (none when nothing changes).
    """
    require(actor, Action.settings_manage)
    offered = {"name": name, "address": address, "phone": phone, "progress_hint": progress_hint,
               "appeal_hint": appeal_hint}
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
    "DEFAULT_PHONE",
    "DEFAULT_PROGRESS_HINT",
    "FIELDS",
    "OfficeProfile",
    "default_profile",
    "office_profile",
    "read_office_profile",
    "set_office_profile",
]
