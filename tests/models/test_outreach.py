"""Screening and outreach: a registry built to hold each kind of ineligible worker next to eligible ones.

Every expectation below is read off POLICY.md: the rule code each ineligible
worker fails is asserted from the real verdict, and the screening must list
exactly the eligible, not-yet-applied pairs.  Two property tests tie the fast
path to ``rules.verify``: one on generated applications (every rule, full
verdict, the column-wise pass), one on a random registry checked pair by pair
against ``intake.assess`` (the counter's own path, ledger priors included).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from overlay_fixtures import admin_verifier, confirmed_copy, overlay
from sqlalchemy import insert, select

from desktop.models import audit, outreach
from desktop.models.application import Application, Certificate, PriorSubsidy, parse_intake
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput, PolicyError
from desktop.models.identity import id_check_character
from desktop.models.intake import assess, file_case
from desktop.models.outreach import Facts, Screener, load_template, screen
from desktop.models.registry import import_registry
from desktop.models.registry_files import RegistryFile
from desktop.models.rules import RULES, Context, Verifier, verify
from desktop.models.schema import AuditLog, Case, Ledger
from desktop.models.staff import Role
from desktop.models.store import Store, open_store

TODAY = dt.date(2026, 11, 27)  # tests/conftest.py FIXED_NOW in Beijing: cn-2025, carried over
EMPLOYER = ("91440101MA5XXXXX0X", "广州某机械有限公司")
PARK = ("91440101MA5PARK00A", "广州开发区某电子有限公司")
VERIFIER = Verifier.load(None)


def make_id(seq: int, region: str = "440106", birth: str = "19850101") -> str:
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + id_check_character(first17)


def cert_no(seq: int, level: int = 4) -> str:
    return f"S00014400012317{level}{seq:06d}"


def insured(id_number: str, name: str, *, region: str = "440106", months: int = 40, benefit: bool = False,
            employer: tuple[str, str] = EMPLOYER, phone: str = "13800138000") -> tuple[Any, ...]:
    return (id_number, name, employer[0], employer[1], region, months, phone, benefit)


def certificate(number: str, id_number: str, *, level: int = 4, occupation: str = "6-18-01-01",
                name: str = "车工", issued: dt.date = dt.date(2026, 3, 2)) -> tuple[Any, ...]:
    return (number, id_number, "skill_level", level, occupation, name, issued, "广州市职业技能鉴定指导中心")


def load(store: Store, people: Iterable[tuple[Any, ...]], certificates: Iterable[tuple[Any, ...]]) -> None:
    for kind, rows in (("insured", list(people)), ("certificates", list(certificates))):
        if rows:
            import_registry(store, RegistryFile(kind=kind, rows=rows, errors=[], total=len(rows), source="test"),
                            as_of=store.clock.now())


def ledger(store: Store, id_number: str, occupation: str, level: int, granted: dt.date, *,
           shortage: bool = False) -> None:
    with store.session() as session:
        session.execute(insert(Ledger), [{
            "id_number": id_number, "occupation_code": occupation, "level": level, "granted_on": granted,
            "shortage": shortage, "source": "central",
            "case_no": f"440100-ZZZZ-{granted:%Y%m%d}-{random.randrange(9999):04d}",
        }])


def draft_case(store: Store, clerk: Any, id_number: str, number: str, *, level: int = 4,
               occupation: str = "6-18-01-01") -> None:
    """A case waiting for materials: an application all the same."""
    intake = parse_intake({
        "applicant": {"name": "申请人", "id_number": id_number}, "insured_region": "440106",
        "application_region": "440100", "contribution_months": 40,
        "certificate": {"number": number, "kind": "skill_level", "level": level, "occupation_code": occupation,
                        "issue_date": "2026-03-02"},
        "application_date": TODAY.isoformat(),
        "payment": {"kind": "bank", "account": "6222020200112233445"}, "employer": {"name": EMPLOYER[1]},
    })
    file_case(store, VERIFIER, clerk, intake, accept=False)


def pairs(screening: outreach.Screening) -> set[tuple[str, str]]:
    return {(r.id_number, r.certificate_number) for r in screening.rows}


def app_of(people: dict[str, tuple[Any, ...]], cert: tuple[Any, ...], office: str, today: dt.date,
           priors: tuple[PriorSubsidy, ...] = ()) -> Application:
    person = people[cert[1]]
    return Application(person[1], person[0], person[4], office, person[5],
                       Certificate(cert[0], cert[2], cert[3], cert[4], cert[6], cert[5] or None), today, person[7],
                       priors)


def failed_rules(app: Application) -> list[str]:
    return [c.rule for c in VERIFIER.verify(app).failed]


# --------------------------------------------------------------------------
# A registry of every kind (cn-2025, carried over into 2026)
# --------------------------------------------------------------------------


@pytest.fixture
def clerk(make_staff: Callable[..., Any]) -> Any:
    return make_staff(Role.clerk, "clerk")


def test_each_kind_of_ineligible_worker_next_to_eligible_ones(store: Store, clerk: Any) -> None:
    people: dict[str, tuple[Any, ...]] = {}
    certs: dict[str, tuple[Any, ...]] = {}
    expected_failure: dict[str, list[str]] = {}  # certificate -> rule codes POLICY.md says it fails

    def worker(seq: int, label: str, *, cert_kw: dict[str, Any] | None = None, **kw: Any) -> tuple[str, str]:
        id_number = kw.pop("id_number", None) or make_id(seq)
        people[id_number] = insured(id_number, label, **kw)
        cert_kw = dict(cert_kw or {})
        number = cert_kw.pop("number", None) or cert_no(seq, cert_kw.get("level", 4))
        certs[number] = certificate(number, id_number, **cert_kw)
        return id_number, number

    eligible = {
        worker(1, "合格甲"),  # 40 months, level 4, issued 2026-03-02: the window runs to 2027-03-02
        worker(2, "领金乙", months=5, benefit=True),  # < 12 months but receiving benefit: cn-2022 and later
        worker(3, "将到期丙", cert_kw={"issued": dt.date(2025, 12, 1)}),  # window ends 2026-12-01, certain
        worker(4, "有低级丁"),  # a level-5 subsidy of 2024 for the same occupation: this is higher, not lower
        worker(5, "两证戊"),  # ... and a second certificate, too old (below)
        worker(6, "恰满十二", months=12),  # 12 months itself passes
    }
    ledger(store, make_id(4), "6-18-01-01", 5, dt.date(2024, 5, 1))
    old = cert_no(50, 4)
    certs[old] = certificate(old, make_id(5), issued=dt.date(2024, 3, 1))
    expected_failure[old] = ["application_window"]

    def ineligible(seq: int, label: str, rules: list[str], **kw: Any) -> str:
        _, number = worker(seq, label, **kw)
        expected_failure[number] = rules
        return number

    ineligible(10, "月数不足", ["contribution_months"], months=11)
    ineligible(11, "已过期限", ["application_window"], cert_kw={"issued": dt.date(2025, 11, 20)})
    ineligible(12, "早于2017", ["certificate_date", "application_window"], cert_kw={"issued": dt.date(2016, 12, 31)})
    ineligible(13, "技师二级", ["certificate_level"], cert_kw={"level": 2})
    ineligible(14, "外地参保", ["insured_region"], region="440300")
    ineligible(15, "同工种同级已补", ["duplicate_subsidy"])
    ledger(store, make_id(15), "6-18-01-01", 4, dt.date(2024, 6, 1))
    ineligible(16, "高级后申低级", ["lower_level"])
    ledger(store, make_id(16), "6-18-01-01", 3, dt.date(2024, 6, 1))
    ineligible(17, "本年已补一次", ["yearly_limit"])
    ledger(store, make_id(17), "4-10-01-05", 4, dt.date(2026, 5, 1))
    ineligible(18, "编号等级不符", ["certificate_number"], cert_kw={"number": cert_no(18, 5)})
    ineligible(19, "证号校验错", ["id_number"], id_number=make_id(19)[:17] + ("0" if make_id(19)[17] != "0" else "1"))
    # Not applied: a draft for the same certificate, a case for the same occupation and level (another number).
    _, applied = worker(20, "已申请草稿")
    draft_case(store, clerk, make_id(20), applied)
    _, same_claim = worker(21, "已申请另号")
    draft_case(store, clerk, make_id(21), cert_no(921))
    # A certificate whose holder the insured registry does not know: nobody to tell.
    orphan = cert_no(30)
    certs[orphan] = certificate(orphan, make_id(30))
    load(store, people.values(), certs.values())

    result = screen(store, VERIFIER)

    assert result.today == TODAY and result.policy_label == "cn-2025" and result.policy_carried_over
    assert pairs(result) == eligible
    for number, rules in expected_failure.items():
        app = app_of(people, certs[number], "440100", TODAY,
                     tuple(p for p in _ledger_priors(store, certs[number][1])))
        assert failed_rules(app) == rules, (people[certs[number][1]][1], failed_rules(app))
    for number in (applied, same_claim):  # eligible by the rules, left out because they applied
        assert VERIFIER.verify(app_of(people, certs[number], "440100", TODAY)).eligible
    # Soonest-closing first; the 2026 day is certain, the 2027 ones provisional (POLICY.md §3).
    first = result.rows[0]
    assert (first.name, first.window_ends, first.window_provisional) == ("将到期丙", dt.date(2026, 12, 1), False)
    assert [r.window_ends for r in result.rows] == sorted(r.window_ends for r in result.rows)
    later = next(r for r in result.rows if r.name == "合格甲")
    assert (later.window_ends, later.window_provisional, later.amount_yuan) == (dt.date(2027, 3, 2), True, 1500)
    assert result.summary()["rows"] == 6 and result.summary()["provisional"] == 5


def _ledger_priors(store: Store, id_number: str) -> list[PriorSubsidy]:
    from desktop.models.intake import ledger_priors

    with store.session(readonly=True) as session:
        return ledger_priors(session, id_number)


def test_withdrawn_and_rejected_applications_count_as_applied(store: Store, clerk: Any) -> None:
    from desktop.models.cases import State, transition

    people = [insured(make_id(1), "撤回者")]
    load(store, people, [certificate(cert_no(1), make_id(1))])
    assert pairs(screen(store, VERIFIER)) == {(make_id(1), cert_no(1))}
    draft_case(store, clerk, make_id(1), cert_no(1))
    with store.session(readonly=True) as session:
        case_id = session.scalar(select(Case.id))
    transition(store, clerk, case_id, State.withdrawn, note="申请人撤回")
    assert screen(store, VERIFIER).rows == ()


# --------------------------------------------------------------------------
# Other policy years and regions
# --------------------------------------------------------------------------


def test_cn_2017_needs_36_months_and_does_not_count_the_benefit(store: Store) -> None:
    day = dt.date(2018, 6, 15)
    issued = dt.date(2018, 1, 10)
    people = [insured(make_id(1), "三十六", months=36), insured(make_id(2), "三十五", months=35),
              insured(make_id(3), "领金", months=20, benefit=True)]
    load(store, people, [certificate(cert_no(i), make_id(i), issued=issued) for i in (1, 2, 3)])
    result = screen(store, VERIFIER, today=day)
    assert result.policy_label == "cn-2017" and not result.policy_carried_over
    assert pairs(result) == {(make_id(1), cert_no(1))}
    assert failed_rules(app_of({p[0]: p for p in people}, certificate(cert_no(3), make_id(3), issued=issued),
                               "440100", day)) == ["contribution_months"]


def test_cn_2019_has_no_lower_level_rule_and_no_yearly_limit(store: Store) -> None:
    day = dt.date(2019, 6, 14)
    load(store, [insured(make_id(1), "先高后低"), insured(make_id(2), "年内两次")],
         [certificate(cert_no(1, 4), make_id(1), issued=dt.date(2019, 1, 7)),
          certificate(cert_no(2, 4), make_id(2), issued=dt.date(2019, 1, 7))])
    ledger(store, make_id(1), "6-18-01-01", 3, dt.date(2018, 5, 1))
    ledger(store, make_id(2), "4-10-01-05", 4, dt.date(2019, 3, 1))
    result = screen(store, VERIFIER, today=day)
    assert result.policy_label == "cn-2019"
    assert pairs(result) == {(make_id(1), cert_no(1, 4)), (make_id(2), cert_no(2, 4))}


def test_cn_2022_in_guangdong_2023_three_a_year_and_the_shortage_tilt(store: Store, tmp_path: Path) -> None:
    """The +30 % for Guangzhou's catalogue applies only once confirmed (issue 15.1): with the shipped, unconfirmed
    Guangdong standard the 车工 gets the national 1500 and the screening says why; with a confirmed Guangzhou
    overlay in the data folder (test data) 1950."""
    day = dt.date(2023, 6, 15)
    issued = dt.date(2023, 2, 1)
    load(store, [insured(make_id(i), f"工{i}") for i in (1, 2, 3)],
         [certificate(cert_no(1, 4), make_id(1), issued=issued),  # 车工: in the (test) Guangzhou catalogue
          certificate(cert_no(2, 4), make_id(2), issued=issued, occupation="4-10-01-05", name="养老护理员"),
          certificate(cert_no(3, 4), make_id(3), issued=issued, occupation="4-10-01-05", name="养老护理员")])
    for occupation in ("4-12-01-01", "4-03-02-01"):  # two this year: still under three
        ledger(store, make_id(2), occupation, 4, dt.date(2023, 3, 1))
    for occupation in ("4-12-01-01", "4-03-02-01", "6-31-01-03"):  # three this year: the limit
        ledger(store, make_id(3), occupation, 4, dt.date(2023, 3, 1))
    shipped = screen(store, VERIFIER, today=day)
    assert shipped.policy_label == "cn-2022" and "（gd-2023）的紧缺急需职业补贴上浮比例未经核实" in shipped.policy_note
    assert {(r.id_number, r.amount_yuan, r.shortage) for r in shipped.rows} == {(make_id(1), 1500, False),
                                                                               (make_id(2), 1500, False)}
    guangzhou = overlay("gz-2023-test", "440100", 'shortage_bonus_percent = 30\nshortage_catalogue = ["6-18-01-01"]\n',
                        valid_from="2023-01-01", valid_to="2023-12-31", applies_to=("cn-2022",))
    result = screen(store, admin_verifier(tmp_path / "data", **{"gz-2023-test": guangzhou}), today=day)
    assert result.policy_label == "cn-2022+gz-2023-test" and result.policy_note == ""
    by_id = {r.id_number: r for r in result.rows}
    assert set(by_id) == {make_id(1), make_id(2)}
    assert (by_id[make_id(1)].amount_yuan, by_id[make_id(1)].shortage) == (1950, True)  # 1500 + 30 %
    assert by_id[make_id(2)].amount_yuan == 1500
    assert not by_id[make_id(1)].window_provisional  # 2024 is in the holiday calendar


def test_province_pooling_of_a_regional_overlay(tmp_path: Path) -> None:
    """A confirmed overlay (test data: Ningxia 2025 pooling at province level, the 2025 table) widens the area:
    a worker insured in another Ningxia city may apply at Yinchuan."""
    pooling = overlay("nx-pooling-test", "640000", '[rules.insured_region]\npooling = "province"\n',
                      valid_from="2025-01-01", valid_to="2025-12-31", applies_to=("cn-2025",))
    verifier = admin_verifier(tmp_path / "data", **{"nx-pooling-test": pooling,
                                                    "nx-2025-checked": confirmed_copy("nx-2025", "nx-2025-checked")})
    store = open_store(tmp_path / "nx", clock=Clock(fixed=dt.datetime(2025, 6, 16, 2, tzinfo=dt.UTC)),
                       office_code="640100")
    try:
        load(store, [insured(make_id(1, "640202"), "石嘴山", region="640200"),
                     insured(make_id(2, "650102"), "乌鲁木齐", region="650100")],
             [certificate(cert_no(1, 4), make_id(1, "640202"), issued=dt.date(2025, 3, 3)),
              certificate(cert_no(2, 4), make_id(2, "650102"), issued=dt.date(2025, 3, 3))])
        result = screen(store, verifier)
        assert result.policy_label == "cn-2025+nx-2025-checked+nx-pooling-test"
        assert pairs(result) == {(make_id(1, "640202"), cert_no(1, 4))}
        assert result.rows[0].amount_yuan == 1200  # Ningxia's ordinary table: 1200 for level 4
    finally:
        store.close()


def test_a_municipality_is_one_pooling_area_policy_1_insured_region(tmp_path: Path) -> None:
    """POLICY.md §1 insured_region: 重庆 is one area, so the 渝中区 office screens the people insured in 奉节县
    (500236: a four-digit prefix 5001 would have left them out) and under a former code of 重庆's, not 仙桃's."""
    store = open_store(tmp_path / "cq", clock=Clock(fixed=dt.datetime(2026, 11, 27, 2, tzinfo=dt.UTC)),
                       office_code="500103")
    try:
        people = {1: "500236", 2: "510202", 3: "429004"}  # 奉节县; 渝中区 while in 四川 (till 1997); 仙桃
        load(store, [insured(make_id(n, region), f"职工{n}", region=region) for n, region in people.items()],
             [certificate(cert_no(n), make_id(n, region)) for n, region in people.items()])
        result = screen(store, VERIFIER)
        assert pairs(result) == {(make_id(1, "500236"), cert_no(1)), (make_id(2, "510202"), cert_no(2))}
    finally:
        store.close()


def test_screening_one_park_by_code_or_name_and_naming_the_unknown(store: Store) -> None:
    load(store, [insured(make_id(1), "园区甲", employer=PARK), insured(make_id(2), "园外乙"),
                 insured(make_id(3), "园区丙", employer=("", "广州开发区某包装有限公司"))],
         [certificate(cert_no(i), make_id(i)) for i in (1, 2, 3)])
    result = screen(store, VERIFIER, employers=[PARK[0].lower(), "广州开发区某包装有限公司", "不存在的公司"])
    assert {r.name for r in result.rows} == {"园区甲", "园区丙"}
    assert result.unmatched_employers == ("不存在的公司",)


def test_an_empty_registry_is_refused_with_what_to_import(store: Store) -> None:
    with pytest.raises(InvalidInput) as refused:
        outreach.require_registry(store)
    assert refused.value.field == "registry" and "请先导入参保人员名册" in refused.value.reason
    assert "import" not in refused.value.reason  # the window shows it too: the command line adds its command


# --------------------------------------------------------------------------
# The fast path is the rules engine: property tests
# --------------------------------------------------------------------------

_POLICIES = [
    (dt.date(2018, 3, 1), "440100"), (dt.date(2020, 7, 1), "440100"), (dt.date(2021, 5, 6), "440100"),
    (dt.date(2023, 6, 15), "440100"), (dt.date(2024, 9, 2), "330100"), (dt.date(2025, 6, 16), "640100"),
    (dt.date(2026, 11, 27), "440100"),
]
_SCREENERS: dict[tuple[dt.date, str], Screener] = {}  # shared across examples: a stale memo would show
_OCCUPATIONS = ("6-18-01-01", "4-10-01-05", "6-18-02-04", "4-03-02-01", "2-02-07-01")
_REGIONS = ("440106", "440300", "440111", "640200", "650100", "330102", "110105")


def _screener(key: tuple[dt.date, str]) -> Screener:
    if key not in _SCREENERS:
        _SCREENERS[key] = Screener(VERIFIER.book.for_case(*key), VERIFIER.calendar)
    return _SCREENERS[key]


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(("440106", "640202", "110105", "990000", "830000")))
    birth = draw(st.dates(dt.date(1950, 1, 1), dt.date(2027, 12, 31)))
    first17 = f"{region}{birth:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    good = first17 + id_check_character(first17)
    kind = draw(st.sampled_from(("good", "good", "good", "bad_check", "lower_x", "spaced", "short", "bad_date")))
    if kind == "bad_check":
        return good[:17] + ("0" if good[17] != "0" else "1")
    if kind == "lower_x":
        return good.lower()
    if kind == "spaced":
        return f"{good[:6]} {good[6:14]}\u3000{good[14:]}"
    if kind == "short":
        return good[:15]
    if kind == "bad_date":
        return f"{region}20230230{good[14:]}"
    return good


@st.composite
def certificate_numbers(draw: st.DrawFn, level: int) -> str:
    digit = draw(st.sampled_from((level, level, level, 1, 2, 3, 4, 5)))
    serial = draw(st.integers(0, 999_999))
    kind = draw(st.sampled_from(("national", "national", "lower", "spaced", "old", "other", "fullwidth")))
    national = f"{draw(st.sampled_from('YS'))}00014400012317{digit}{serial:06d}"
    if kind == "lower":
        return national.lower()
    if kind == "spaced":
        return f" {national[:8]} {national[8:]} "
    if kind == "old":
        return f"4401061{draw(st.integers(0, 9))}{serial:06d}00"[:16]
    if kind == "other":
        return f"粤职鉴{serial}"
    if kind == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in national)
    return national


@st.composite
def applications(draw: st.DrawFn, key: tuple[dt.date, str] | None = None) -> tuple[tuple[dt.date, str], Application]:
    key = key or draw(st.sampled_from(_POLICIES))
    day, office = key
    level = draw(st.integers(1, 5))
    issued = day - dt.timedelta(days=draw(st.integers(-20, 420)))
    priors = tuple(
        PriorSubsidy(draw(st.sampled_from(_OCCUPATIONS)), draw(st.integers(1, 5)),
                     day - dt.timedelta(days=draw(st.integers(0, 900))), draw(st.booleans()))
        for _ in range(draw(st.integers(0, 4)))
    )
    certificate_ = Certificate(
        number=draw(certificate_numbers(level)), kind=draw(st.sampled_from(("skill_level", "qualification"))),
        level=level, occupation_code=draw(st.sampled_from(_OCCUPATIONS)), issue_date=issued,
        occupation_name=draw(st.sampled_from((None, "车工"))),
        shortage=draw(st.sampled_from((None, None, True, False))),
        training_subsidy_claimed=draw(st.booleans()),
    )
    app = Application(
        applicant_name="某", id_number=draw(id_numbers()), insured_region=draw(st.sampled_from(_REGIONS + (office,))),
        application_region=office, contribution_months=draw(st.integers(0, 60)), certificate=certificate_,
        application_date=day, receiving_unemployment_benefit=draw(st.booleans()), prior_subsidies=priors,
    )
    return key, app


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applications())
def test_the_memoised_rules_give_verifys_verdict(case: tuple[tuple[dt.date, str], Application]) -> None:
    key, app = case
    screener = _screener(key)
    expected = verify(app, screener.policy, VERIFIER.calendar)
    got = screener.verdict(app)
    assert got.checks == expected.checks
    assert (got.eligible, got.amount_yuan, got.window, got.shortage) == (
        expected.eligible, expected.amount_yuan, expected.window, expected.shortage)
    decision = screener.decide(app)
    assert (decision.eligible, decision.amount_yuan, decision.window) == (
        expected.eligible, expected.amount_yuan, expected.window)


@settings(max_examples=400, deadline=None)
@given(applications())
def test_each_fast_twin_decides_as_its_rule(case: tuple[tuple[dt.date, str], Application]) -> None:
    key, app = case
    screener = _screener(key)
    ctx = Context(app, screener.policy, screener.window(app.certificate.issue_date), screener.shortage(Facts.of(app)))
    for code, fast in outreach._FAST.items():
        rule = screener.policy.rule(code)
        if rule is not None:
            assert fast(Facts.of(app)) == RULES[code](ctx, rule).passed, code


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_POLICIES).flatmap(lambda key: st.lists(applications(key), min_size=1, max_size=40)))
def test_the_column_wise_pass_agrees_with_verify_row_by_row(batch: list[tuple[Any, Application]]) -> None:
    key = batch[0][0]
    screener = Screener(VERIFIER.book.for_case(*key), VERIFIER.calendar)  # a fresh memo: the pass fills it
    # As a screening run makes them: the office's day and region, nothing declared.
    apps = [a for _, a in batch]
    facts = [Facts.of(a)._replace(training_subsidy_claimed=False, declared_shortage=None) for a in apps]
    expected = [i for i, f in enumerate(facts) if verify(f.application(), screener.policy, VERIFIER.calendar).eligible]
    assert screener.eligible(facts, constant=outreach._CONSTANT_IN_A_RUN) == expected
    assert Screener(screener.policy, VERIFIER.calendar).eligible(facts) == expected


def _random_registry(store: Store, clerk: Any, today: dt.date, seed: int) -> None:
    rng = random.Random(seed)
    people, certs = [], []
    for seq in range(400):
        id_number = make_id(seq % 1000, rng.choice(("440106", "440111", "440305")),
                            f"19{rng.randrange(60, 99)}0{rng.randrange(1, 10)}1{rng.randrange(0, 9)}")
        region = rng.choice(("440106", "440106", "440111", "440300"))
        people.append(insured(id_number, f"人{seq}", region=region, months=rng.randrange(0, 50),
                              benefit=rng.random() < 0.2))
        for k in range(rng.choice((0, 1, 1, 2, 3))):
            level = rng.choice((5, 4, 3, 2))
            digit = level if rng.random() < 0.9 else rng.choice((5, 4, 3))
            number = f"S00014400012317{digit}{seq:03d}{k:03d}"
            occupation = rng.choice(_OCCUPATIONS[:4])
            issued = today - dt.timedelta(days=rng.randrange(0, 500))
            certs.append(certificate(number, id_number, level=level, occupation=occupation, issued=issued))
            if rng.random() < 0.08:
                draft_case(store, clerk, id_number, number if rng.random() < 0.5 else number + "R", level=level,
                           occupation=occupation)
        if rng.random() < 0.2:
            ledger(store, id_number, rng.choice(_OCCUPATIONS[:4]), rng.choice((5, 4, 3)),
                   today - dt.timedelta(days=rng.randrange(0, 700)), shortage=rng.random() < 0.3)
    load(store, {p[0]: p for p in people}.values(), certs)


@pytest.mark.parametrize(("day", "seed"), [(dt.date(2018, 6, 15), 1), (dt.date(2023, 6, 15), 2),
                                           (dt.date(2026, 11, 27), 3)])
def test_screening_equals_the_counters_own_verdict_for_every_pair(store: Store, clerk: Any, day: dt.date,
                                                                  seed: int) -> None:
    _random_registry(store, clerk, day, seed)
    result = screen(store, VERIFIER, today=day)
    with store.session(readonly=True) as session:
        people = {row[0]: row for row in session.execute(select(*outreach.RegistryInsured.__table__.c))}
        certs = list(session.execute(select(*outreach.RegistryCertificate.__table__.c)))
        cases = list(session.execute(select(Case.cert_number, Case.id_number, Case.occupation_code, Case.cert_level)))
    applied_numbers = {c[0] for c in cases}
    applied_claims = {(c[1], c[2], c[3]) for c in cases}
    expected: dict[tuple[str, str], tuple[dt.date, bool, int]] = {}
    for cert in certs:
        person = people.get(cert.id_number)
        if person is None or cert.number in applied_numbers or (cert.id_number, cert.occupation_code,
                                                                 cert.level) in applied_claims:
            continue
        app = Application(person.name, person.id_number, person.insured_region, store.office_code,
                          person.contribution_months,
                          Certificate(cert.number, cert.kind, cert.level, cert.occupation_code, cert.issue_date,
                                      cert.occupation_name or None), day, person.receiving_unemployment_benefit)
        verdict = assess(store, VERIFIER, app).verdict  # the counter's own path, ledger priors merged
        if verdict.eligible:
            expected[(cert.id_number, cert.number)] = (verdict.window.last_day, verdict.window.provisional,
                                                       verdict.amount_yuan)
    got = {(r.id_number, r.certificate_number): (r.window_ends, r.window_provisional, r.amount_yuan)
           for r in result.rows}
    assert got == expected
    assert len(expected) > 10  # the registry is not trivially empty of eligible pairs


# --------------------------------------------------------------------------
# The message template and the CSV
# --------------------------------------------------------------------------


def _row(**overrides: Any) -> outreach.OutreachRow:
    base = outreach.OutreachRow(
        id_number=make_id(1), name="欧阳晓明", phone="13800138000", employer_uscc=EMPLOYER[0],
        employer_name=EMPLOYER[1], insured_region="440106", certificate_number=cert_no(1),
        certificate_kind="skill_level",
        occupation_code="6-20-03-01", occupation_name="机床装调维修工", level=4, issue_date=dt.date(2026, 12, 31),
        window_ends=dt.date(2027, 12, 31), window_provisional=True, amount_yuan=1500, shortage=False,
    )
    return base._replace(**overrides)


def test_the_shipped_template_fits_one_sms_even_for_long_names() -> None:
    template = load_template()
    longest = _row(name="阿卜杜热合曼·买买提", occupation_name="工业机器人系统运维员")
    for row in (_row(), longest, _row(window_provisional=False, occupation_name="车工", name="张三")):
        message = template.render(row)
        assert len(message) <= outreach.SMS_SEGMENT, message
        assert "1500元" in message and "2027年12月31日" in message
    assert "（暂定）" in template.render(_row()) and "（暂定）" not in template.render(_row(window_provisional=False))
    assert "车工四级" in template.render(_row(occupation_name="车工"))
    assert [outreach.segments("字" * n) for n in (70, 71, 134, 135)] == [1, 2, 2, 3]


def test_a_template_in_the_data_folder_wins_and_mistakes_name_the_key(tmp_path: Path) -> None:
    own = tmp_path / "outreach" / "sms-template.toml"
    own.parent.mkdir()
    own.write_text('templates = ["{name}：补贴{amount}元，{window_ends}前申请"]\n', encoding="utf-8")
    template = load_template(data_dir=tmp_path)
    assert template.render(_row(name="张三")) == "张三：补贴1500元，2027年12月31日前申请"
    own.write_text('templates = ["{name}您好{wage}"]\n', encoding="utf-8")
    with pytest.raises(PolicyError) as wrong:
        load_template(data_dir=tmp_path)
    assert "templates[0]" in str(wrong.value) and "{wage}" in str(wrong.value)
    own.write_text('template = ["x"]\n', encoding="utf-8")
    with pytest.raises(PolicyError, match="template"):
        load_template(data_dir=tmp_path)


def test_the_csv_is_the_contract_with_a_bom_owner_only_and_audited(store: Store, tmp_path: Path) -> None:
    load(store, [insured(make_id(1), "张三"), insured(make_id(2), "李四", phone="020-12345678")],
         [certificate(cert_no(1), make_id(1)), certificate(cert_no(2, 3), make_id(2), level=3, occupation="4-10-01-05",
                                                            name="养老护理员", issued=dt.date(2025, 12, 1))])
    result = screen(store, VERIFIER)
    out = tmp_path / "outreach.csv"
    export = outreach.export_csv(store, result, out, load_template(), actor="clerk")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(outreach.OUTREACH_COLUMNS)
    assert [r["name"] for r in rows] == ["李四", "张三"]  # 2026-12-01 closes before 2027-03-02
    assert rows[0] == {
        "id_number": make_id(2), "name": "李四", "phone": "020-12345678", "employer_name": EMPLOYER[1],
        "occupation_code": "4-10-01-05", "level": "3", "window_ends": "2026-12-01", "amount_yuan": "2000",
        "message": ("李四您好：您取得的养老护理员三级证书可申领失业保险技能提升补贴2000元，"
                    "请于2026年12月1日前申请。咨询12333"),
    }
    assert rows[1]["window_ends"] == "2027-03-02" and "（暂定）" in rows[1]["message"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert export.rows == 2 and export.max_segments == 1
    assert result.summary()["no_mobile"] == 1
    with store.session(readonly=True) as session:
        entry = session.scalars(select(AuditLog).where(AuditLog.action == outreach.EXPORT_ACTION)).one()
        actor, after = entry.actor, json.loads(entry.after_json)
        assert audit.verify(session).ok
    assert (actor, after["rows"], after["kind"], after["path"]) == ("clerk", 2, "csv", str(out))
    assert after["sha256"] == export.sha256
