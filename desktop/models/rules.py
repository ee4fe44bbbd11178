"""The eligibility rules of POLICY.md §1–2: one small pure function per rule code.

Each rule reads the application, the resolved policy and its own parameters
from the policy file, and returns a ``Check`` whose message states the actual
figures (累计缴纳失业保险费35个月，不满36个月) and the clause it rests on.
``verify`` runs every rule the policy has, in a stable order, and works out the
amount; it touches no database, so the CLI, the window and the tests share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.models import identity
from desktop.models.application import Application, PriorSubsidy
from desktop.models.errors import InvalidInput
from desktop.models.policy import LEVEL_NAMES, Policy, PolicyBook, RuleConfig, default_policy_dirs
from desktop.models.pooling import region_list
from desktop.models.reference import resource_dir
from desktop.models.workdays import PeriodEnd, WorkCalendar, period_end

PROVISIONAL_NOTE = "（该年度法定节假日安排尚未公布，期限为暂定）"
CIVIL_CODE_PERIOD = "《中华人民共和国民法典》第二百零三条"  # a period ending on a rest day runs to the next working day


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    message: str
    basis: str
    verified: bool = True  # False: passed for want of the fact, and the message says so

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "passed": self.passed, "message": self.message, "basis": self.basis}
        if not self.verified:
            out["verified"] = False  # added only where it is so: the contract's four keys stay as they were
        return out


@dataclass(frozen=True)
class Context:
    """What every rule may read: the application, the policy and facts derived once."""

    app: Application
    policy: Policy
    window: PeriodEnd
    shortage: bool


Rule = Callable[[Context, RuleConfig], Check]


def _check(rule: RuleConfig, passed: bool, message: str) -> Check:
    return Check(rule.code, passed, message, rule.basis)


def _level(level: int) -> str:
    """四级/中级工: LEVEL_NAMES hold no brackets, so a level may stand inside （…） (issue 15.8)."""
    return LEVEL_NAMES.get(level, f"{level}级")


def _day(day: dt.date) -> str:
    """2019年1月1日: dates in messages are written as documents write them (issue 15.8)."""
    return identity.chinese_date(day)


def _same_year(app: Application) -> list[PriorSubsidy]:
    return [p for p in app.prior_subsidies if p.granted_on.year == app.application_date.year]


# --- the rules -------------------------------------------------------------


def rule_id_number(ctx: Context, rule: RuleConfig) -> Check:
    try:
        info = identity.check_id_number(ctx.app.id_number, today=ctx.app.application_date,
                                        today_is=identity.APPLICATION_DATE)
    except InvalidInput as exc:
        return _check(rule, False, exc.reason)
    return _check(rule, True, f"身份证号码有效（出生日期{_day(info.birth_date)}，{info.sex}）")


def rule_contribution_months(ctx: Context, rule: RuleConfig) -> Check:
    months, need = ctx.app.contribution_months, rule.params["min_months"]
    stated = f"累计缴纳失业保险费{months}个月"
    if months >= need:
        return _check(rule, True, f"{stated}，已满{need}个月")
    if rule.params["unemployment_benefit_qualifies"]:
        if ctx.app.receiving_unemployment_benefit:
            return _check(rule, True, f"{stated}，不满{need}个月，但正在领取失业保险金，符合条件")
        return _check(rule, False, f"{stated}，不满{need}个月，且未在领取失业保险金")
    return _check(rule, False, f"{stated}，不满{need}个月")


def rule_certificate_date(ctx: Context, rule: RuleConfig) -> Check:
    issued, earliest = ctx.app.certificate.issue_date, rule.params["earliest"]
    applied = ctx.app.application_date
    if issued < earliest:
        return _check(rule, False, f"证书核发日期{_day(issued)}，早于{_day(earliest)}，不在补贴范围内")
    if issued > applied:
        return _check(rule, False, f"证书核发日期{_day(issued)}晚于申请日期{_day(applied)}，请核对")
    # 40号 一(二) 自2017年1月1日起: the first day itself is in (不早于, not 之后).
    return _check(rule, True, f"证书核发日期{_day(issued)}，不早于{_day(earliest)}，在补贴范围内")


def rule_certificate_level(ctx: Context, rule: RuleConfig) -> Check:
    level, allowed = ctx.app.certificate.level, rule.params["levels"]
    covered = "、".join(_level(x) for x in sorted(allowed, reverse=True))
    if level in allowed:
        return _check(rule, True, f"证书等级为{_level(level)}，在补贴范围内")
    return _check(rule, False, f"证书等级为{_level(level)}，不在补贴范围（{covered}）内")


def rule_certificate_number(ctx: Context, rule: RuleConfig) -> Check:
    cert = ctx.app.certificate
    number = identity.normalize_certificate_number(cert.number)
    if identity.certificate_format(number) != "skill_level_national":
        return _check(rule, True, "证书编号不是22位国家职业技能等级证书格式，按原样登记，不核对等级位")
    digit = number[15]
    if digit != str(cert.level):
        return _check(rule, False, f"证书编号第16位等级码为{digit}，与申报等级{_level(cert.level)}不符")
    return _check(rule, True, f"证书编号第16位等级码为{digit}，与申报等级一致")


def rule_application_window(ctx: Context, rule: RuleConfig) -> Check:
    issued, applied, window = ctx.app.certificate.issue_date, ctx.app.application_date, ctx.window
    note = PROVISIONAL_NOTE if window.provisional else ""
    moved = "" if window.last_day == window.nominal_day else f"（{_day(window.nominal_day)}为法定休假日，顺延）"
    last, stated = _day(window.last_day), f"证书核发日期{_day(issued)}"
    if applied > window.last_day:
        message = f"{stated}，申请期限至{last}{moved}，申请日期{_day(applied)}已超过期限{note}"
    else:
        message = f"{stated}，申请期限至{last}{moved}，申请日期{_day(applied)}在期限内{note}"
    basis = rule.basis if not moved else f"{rule.basis}；{CIVIL_CODE_PERIOD}"
    return Check(rule.code, applied <= window.last_day, message, basis)


def rule_insured_region(ctx: Context, rule: RuleConfig) -> Check:
    places, level = region_list(), rule.params["pooling"]
    insured, office = ctx.app.insured_region, ctx.app.application_region
    home, here = places.area(insured, level), places.area(office, level)
    both = f"参保地{places.describe(insured)}与受理地{places.describe(office)}"
    if home.key == here.key:
        return _check(rule, True, f"{both}同属{home.name}统筹地区（{home.kind}）")
    return _check(rule, False, f"{both}不属同一统筹地区：参保地属{home.name}（{home.kind}），"
                               f"受理地属{here.name}（{here.kind}），应到参保地申领")


def rule_duplicate_subsidy(ctx: Context, rule: RuleConfig) -> Check:
    cert = ctx.app.certificate
    for prior in ctx.app.prior_subsidies:
        if prior.occupation_code == cert.occupation_code and prior.level == cert.level:
            # 40号 三: 同一职业(工种)同一等级只能申请并享受一次技能提升补贴.
            return _check(rule, False,
                          f"已享受过同一职业（{cert.occupation_code}）同一等级（{_level(cert.level)}）的"
                          f"技能提升补贴，享受日期{_day(prior.granted_on)}；同一职业（工种）同一等级只能享受一次")
    return _check(rule, True, "未享受过同一职业同一等级的技能提升补贴")


def rule_yearly_limit(ctx: Context, rule: RuleConfig) -> Check:
    base, extra = rule.params["max_per_year"], rule.params["extra_for_shortage"]
    year = ctx.app.application_date.year
    prior = _same_year(ctx.app)
    ordinary = sum(1 for p in prior if not shortage_occupation(p.occupation_code, p.shortage, ctx.policy))
    total = len(prior)
    had = f"{year}年已享受过{total}次技能提升补贴" if total else f"{year}年未享受过技能提升补贴"
    if extra == 0:
        if total < base:
            return _check(rule, True, f"{had}，未达每年{base}次上限")
        return _check(rule, False, f"{had}，已达每年{base}次上限")
    limit = f"每年{base}次，紧缺急需职业另可{extra}次"
    if total >= base + extra:
        return _check(rule, False, f"{had}，已达上限（{limit}）")
    if not ctx.shortage and ordinary >= base:
        return _check(rule, False,
                      f"{had}，其中非紧缺职业{ordinary}次，本证书不属紧缺急需职业，已达上限（{limit}）")
    return _check(rule, True, f"{had}，未达上限（{limit}）")


def rule_lower_level(ctx: Context, rule: RuleConfig) -> Check:
    cert = ctx.app.certificate
    for prior in ctx.app.prior_subsidies:
        # A smaller number is a higher level (1 高级技师 … 5 初级).
        if prior.occupation_code == cert.occupation_code and prior.level < cert.level:
            return _check(rule, False,
                          f"已享受过同一职业较高等级（{_level(prior.level)}）的技能提升补贴，"
                          f"享受日期{_day(prior.granted_on)}；不再补贴较低等级（{_level(cert.level)}）")
    return _check(rule, True, "未享受过同一职业较高等级的技能提升补贴")


def rule_training_subsidy(ctx: Context, rule: RuleConfig) -> Check:
    if ctx.app.certificate.training_subsidy_claimed:
        return _check(rule, False, "该证书已享受职业培训补贴，不能再申领技能提升补贴")
    return _check(rule, True, "该证书未享受职业培训补贴")


def rule_enterprise_employee(ctx: Context, rule: RuleConfig) -> Check:
    if rule.params["unemployment_benefit_qualifies"] and ctx.app.receiving_unemployment_benefit:
        return _check(rule, True, "正在领取失业保险金，不论用人单位类型均符合条件")
    code = ctx.app.employer_uscc
    if not code:
        return Check(rule.code, True, "未提供用人单位统一社会信用代码，企业职工身份未核验", rule.basis, verified=False)
    # The first character names the registering authority (GB 32100-2015); the policy table says which count.
    stated = f"用人单位统一社会信用代码首位为{code[0]}"
    authority = rule.params["registering_authorities"].get(code[0])
    if authority is None:
        return Check(rule.code, True, f"{stated}，政策表未列此登记管理部门，企业职工身份未核验", rule.basis,
                     verified=False)
    if authority.enterprise:
        return _check(rule, True, f"{stated}（{authority.name}），属企业职工")
    return _check(rule, False, f"{stated}（{authority.name}），不属企业职工")


# The stable order of checks in every verdict; new codes go at the end.
RULES: Mapping[str, Rule] = {
    "id_number": rule_id_number,
    "contribution_months": rule_contribution_months,
    "certificate_date": rule_certificate_date,
    "certificate_level": rule_certificate_level,
    "certificate_number": rule_certificate_number,
    "application_window": rule_application_window,
    "insured_region": rule_insured_region,
    "duplicate_subsidy": rule_duplicate_subsidy,
    "yearly_limit": rule_yearly_limit,
    "lower_level": rule_lower_level,
    "training_subsidy": rule_training_subsidy,
    "enterprise_employee": rule_enterprise_employee,
}


# --- amounts and the verdict -------------------------------------------------


def shortage_occupation(occupation_code: str, declared: bool | None, policy: Policy) -> bool:
    """A declared flag stands (the clerk's confirmation); left out (None), the region's shortage catalogue
    decides (CONTRACTS.md) — only a confirmed one: an unconfirmed catalogue is never applied (policy.py).
    The certificate's flag and every prior subsidy's are read this one way."""
    if declared is not None:
        return declared
    return occupation_code in policy.shortage_catalogue


def is_shortage(app: Application, policy: Policy) -> bool:
    return shortage_occupation(app.certificate.occupation_code, app.certificate.shortage, policy)


SHORTAGE_CATALOGUE = "紧缺急需职业(工种)目录"


def shortage_basis(app: Application, policy: Policy) -> tuple[str, str]:
    """Whence the certificate's shortage flag: ``declared`` (the clerk confirmed the local fact, and the
    verdict says the flag rests on that), ``catalogue`` (a confirmed catalogue, cited) or ``none``."""
    code, declared = app.certificate.occupation_code, app.certificate.shortage
    catalogue = policy.source_of("shortage_catalogue")
    where = f"{catalogue.overlay}，{catalogue.provenance.cite()}" if catalogue else ""
    listed = code in policy.shortage_catalogue
    if declared is True:
        text = f"经办人确认：该职业（{code}）列入所在地{SHORTAGE_CATALOGUE}（申报）"
        if catalogue is None:
            return "declared", f"{text}；本软件未载入已核实的目录，紧缺职业认定以经办人确认为准"
        if listed:
            return "declared", f"{text}，与已载入的目录一致：{where}"
        return "declared", f"{text}；已载入的目录未列此职业，请核对：{where}"
    if declared is False:
        return "declared", f"经办人确认：该职业（{code}）不属所在地{SHORTAGE_CATALOGUE}（申报）"
    if catalogue is not None:
        verb = "列入" if listed else "未列入"
        return "catalogue", f"该职业（{code}）{verb}{SHORTAGE_CATALOGUE}：{where}"
    unchecked = any(value.item == "shortage_catalogue" for value in policy.unconfirmed)
    state = "未经核实，未按目录认定" if unchecked else "未载入"
    return "none", (f"所在地{SHORTAGE_CATALOGUE}{state}，按非紧缺职业计；"
                    "该职业如列入所在地目录，由经办人核对目录后申报")


def _amount(app: Application, policy: Policy, shortage: bool) -> tuple[int, str, tuple[str, ...]]:
    """The amount, how it was worked out, and the policy items it rests on."""
    code, level = app.certificate.occupation_code, app.certificate.level
    amounts, shortage_amounts = policy.amounts, policy.shortage_amounts
    items, shortage_items, where = ("amounts",), ("shortage_amounts",), ""
    matches = [(len(p), s) for s in policy.sectors for p in s.prefixes if code.startswith(p)]
    if matches:
        sector = max(matches, key=lambda m: m[0])[1]
        amounts, items, where = sector.amounts, ("sectors",), f"{sector.name}领域"
        if sector.shortage_amounts:
            shortage_amounts, shortage_items = sector.shortage_amounts, ("sectors",)
    base = amounts.get(level, 0)
    stated = f"{where}{_level(level)}{base}元"
    if not shortage:
        return base, stated, items
    if shortage_amounts is not None and level in shortage_amounts:
        return shortage_amounts[level], f"{where}紧缺急需职业{_level(level)}{shortage_amounts[level]}元", shortage_items
    percent = policy.shortage_bonus_percent
    amount = base * (100 + percent) // 100
    if not percent:
        return amount, f"{stated}（紧缺急需职业不另上浮）", (*items, "shortage_bonus_percent")
    return amount, f"{stated}，紧缺急需职业上浮{percent}%，计{amount}元", (*items, "shortage_bonus_percent")


def amount_for(app: Application, policy: Policy, shortage: bool) -> int:
    """The amount in whole yuan by level, sector and shortage tilt (40号 三)."""
    return _amount(app, policy, shortage)[0]


def amount_basis(app: Application, policy: Policy, shortage: bool) -> str:
    """How the amount was worked out and the document each figure rests on: a confirmed overlay's
    document number, issuing body and date, or the national policy."""
    _, stated, items = _amount(app, policy, shortage)
    cited = []
    for item in items:
        value = policy.source_of(item)
        cited.append(f"全国政策 {policy.id}" if value is None else f"{value.overlay}，{value.provenance.cite()}")
    return f"{stated}；依据：{'；'.join(dict.fromkeys(cited))}"


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    amount_yuan: int
    policy: Policy
    checks: tuple[Check, ...]
    window: PeriodEnd
    shortage: bool
    shortage_source: str = ""  # declared (the clerk's confirmation) | catalogue | none
    shortage_basis: str = ""
    amount_basis: str = ""  # how the amount was worked out, citing the document of each figure

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def to_json(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "amount_yuan": self.amount_yuan,
            "policy": self.policy.id,
            "policy_overlays": list(self.policy.overlays),
            "policy_carried_over": self.policy.carried_over,
            "policy_note": self.policy.note,
            "policy_sources": [value.to_json() for value in self.policy.sources.values()],
            "policy_unconfirmed": [value.to_json() for value in self.policy.unconfirmed],
            "shortage": self.shortage,
            "shortage_source": self.shortage_source,
            "shortage_basis": self.shortage_basis,
            "amount_basis": self.amount_basis,
            "window_ends": self.window.last_day.isoformat(),
            "window_provisional": self.window.provisional,
            "checks": [c.to_json() for c in self.checks],
        }


def verify(app: Application, policy: Policy, calendar: WorkCalendar) -> Verdict:
    window_rule = policy.rule("application_window")
    months = window_rule.params["months"] if window_rule else 12
    ctx = Context(app, policy, period_end(app.certificate.issue_date, months, calendar), is_shortage(app, policy))
    checks = tuple(RULES[r.code](ctx, r) for r in sorted(policy.rules, key=lambda r: _ORDER[r.code]))
    eligible = all(c.passed for c in checks)
    amount = amount_for(app, policy, ctx.shortage) if eligible else 0
    source, basis = shortage_basis(app, policy)
    return Verdict(eligible, amount, policy, checks, ctx.window, ctx.shortage, source, basis,
                   amount_basis(app, policy, ctx.shortage) if eligible else "")


_ORDER = {code: i for i, code in enumerate(RULES)}


@dataclass
class Verifier:
    """The policy book and the working-day calendar, loaded once and reused."""

    book: PolicyBook
    calendar: WorkCalendar

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Verifier:
        """Shipped policies and holiday arrangements, plus those an administrator put in
        the data folder (``policies/``, ``holidays/``)."""
        holidays = [resource_dir() / "holidays"] + ([data_dir / "holidays"] if data_dir else [])
        return cls(PolicyBook.load(default_policy_dirs(data_dir)), WorkCalendar(holidays))

    def verify(self, app: Application, policy_id: str | None = None) -> Verdict:
        policy = self.book.for_case(app.application_date, app.application_region, policy_id)
        return verify(app, policy, self.calendar)
