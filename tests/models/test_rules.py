"""Eligibility rules at their boundaries, each test naming the POLICY.md clause."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from case_flow import verify_dict
from overlay_fixtures import TEST_DOCUMENT, admin_verifier, confirmed_copy, overlay, source

from desktop.models.application import PriorSubsidy, parse_application
from desktop.models.errors import InvalidInput
from desktop.models.identity import chinese_date, id_check_character, uscc_check_character
from desktop.models.intake import merge_priors
from desktop.models.policy import RULE_PARAMS
from desktop.models.rules import RULES, Verdict, Verifier


def valid_id(first17: str) -> str:
    return first17 + id_check_character(first17)


GOOD_ID = valid_id("44010619900307123")

BASE: dict[str, Any] = verify_dict(applicant={"name": "张三", "id_number": GOOD_ID})


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load(None)


# Ningxia 2025 as an administrator would load it once checked against the originals (issue 15.1; test data):
# the shipped nx-2025 confirmed, province-level pooling and a Yinchuan shortage catalogue.
NX_POOLING = overlay("nx-pooling-test", "640000", '[rules.insured_region]\npooling = "province"\n',
                     valid_from="2025-01-01", valid_to="2025-12-31", applies_to=("cn-2025",))
YINCHUAN_CATALOGUE = overlay("yc-2025-test", "640100", 'shortage_catalogue = ["6-31-01-03", "6-18-02-04"]\n',
                             valid_from="2025-01-01", valid_to="2025-12-31", applies_to=("cn-2025",))


@pytest.fixture(scope="module")
def ningxia(tmp_path_factory: pytest.TempPathFactory) -> Verifier:
    return admin_verifier(tmp_path_factory.mktemp("nx"), **{
        "nx-2025-checked": confirmed_copy("nx-2025", "nx-2025-checked"),
        "nx-pooling-test": NX_POOLING, "yc-2025-test": YINCHUAN_CATALOGUE})


def case(**changes: Any) -> dict[str, Any]:
    """BASE with changes; dotted keys reach into nested objects (``certificate.level``)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        target = data
        *path, last = key.replace("__", ".").split(".")
        for part in path:
            target = target[part]
        target[last] = value
    return data


def run(verifier: Verifier, data: dict[str, Any], policy: str | None = None) -> Verdict:
    return verifier.verify(parse_application(data), policy)


def check(verdict: Verdict, rule: str) -> tuple[bool, str]:
    found = [c for c in verdict.checks if c.rule == rule]
    assert len(found) == 1, f"{rule} missing from {[c.rule for c in verdict.checks]}"
    return found[0].passed, found[0].message


def test_base_case_is_eligible_under_cn_2017(verifier: Verifier) -> None:
    verdict = run(verifier, BASE)
    assert verdict.policy.id == "cn-2017"
    assert verdict.eligible, verdict.failed
    assert verdict.amount_yuan == 1500
    assert [c.rule for c in verdict.checks] == [
        "id_number", "contribution_months", "certificate_date", "certificate_level",
        "certificate_number", "application_window", "insured_region", "duplicate_subsidy", "enterprise_employee",
    ]
    assert all(c.basis for c in verdict.checks)


def test_every_rule_has_a_parameter_schema_and_back() -> None:
    assert list(RULES) == list(RULE_PARAMS)


# --- id_number: 展翅行动 二(五), POLICY.md §6 --------------------------------------


def test_id_number_wrong_check_character_fails_zhanchi_2_5(verifier: Verifier) -> None:
    bad = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")
    passed, message = check(run(verifier, case(**{"applicant.id_number": bad})), "id_number")
    assert not passed
    assert "校验" in message and GOOD_ID[-1] in message


def test_id_number_full_width_and_spaces_pass_policy_6(verifier: Verifier) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in GOOD_ID)
    spaced = f"{full[:6]} {full[6:14]}　{full[14:]}"
    passed, _ = check(run(verifier, case(**{"applicant.id_number": spaced})), "id_number")
    assert passed


def test_id_number_lowercase_x_passes_policy_6(verifier: Verifier) -> None:
    first17 = next(f"44010619900307{n:03d}" for n in range(1000)
                   if id_check_character(f"44010619900307{n:03d}") == "X")
    passed, _ = check(run(verifier, case(**{"applicant.id_number": first17 + "x"})), "id_number")
    assert passed


def test_id_number_abolished_county_code_passes_policy_6(verifier: Verifier) -> None:
    # 440122 从化县 became a district (440117) in 2015; old ID numbers keep 440122.
    passed, message = check(run(verifier, case(**{"applicant.id_number": valid_id("44012219800101123")})),
                            "id_number")
    assert passed, message


def test_id_number_impossible_birth_date_fails_policy_6(verifier: Verifier) -> None:
    passed, _ = check(run(verifier, case(**{"applicant.id_number": valid_id("44010619900231123")})),
                      "id_number")
    assert not passed


# --- contribution_months: 40号 一(一); cn-2019, cn-2022 (POLICY.md §2) -------------


@pytest.mark.parametrize(("months", "ok"), [(36, True), (35, False), (37, True)])
def test_contribution_months_36_boundary_40hao_1_1(verifier: Verifier, months: int, ok: bool) -> None:
    passed, message = check(run(verifier, case(contribution_months=months)), "contribution_months")
    assert passed is ok
    assert f"{months}个月" in message
    if not ok:
        assert message == "累计缴纳失业保险费35个月，不满36个月"


@pytest.mark.parametrize(("months", "ok"), [(12, True), (11, False)])
def test_contribution_months_12_boundary_cn_2019(verifier: Verifier, months: int, ok: bool) -> None:
    data = case(contribution_months=months, application_date="2019-03-01", **{"certificate.issue_date": "2018-09-01"})
    verdict = run(verifier, data)
    assert verdict.policy.id == "cn-2019"
    assert check(verdict, "contribution_months")[0] is ok


def test_unemployment_benefit_does_not_qualify_before_cn_2022(verifier: Verifier) -> None:
    data = case(contribution_months=11, receiving_unemployment_benefit=True,
                application_date="2021-03-01", **{"certificate.issue_date": "2020-09-01"})
    assert check(run(verifier, data), "contribution_months")[0] is False


@pytest.mark.parametrize(("benefit", "ok"), [(True, True), (False, False)])
def test_unemployment_benefit_qualifies_under_12_months_cn_2022(verifier: Verifier, benefit: bool, ok: bool) -> None:
    data = case(contribution_months=11, receiving_unemployment_benefit=benefit,
                application_date="2022-03-01", **{"certificate.issue_date": "2021-09-01"})
    verdict = run(verifier, data)
    assert verdict.policy.id == "cn-2022"
    passed, message = check(verdict, "contribution_months")
    assert passed is ok
    assert "11个月" in message and "12个月" in message


# --- certificate_date: 40号 一(二) ---------------------------------------------------


@pytest.mark.parametrize(("issued", "ok"), [("2017-01-01", True), ("2016-12-31", False)])
def test_certificate_issued_on_or_after_2017_01_01_40hao_1_2(verifier: Verifier, issued: str, ok: bool) -> None:
    data = case(application_date="2017-06-01", **{"certificate.issue_date": issued})
    passed, message = check(run(verifier, data), "certificate_date")
    assert passed is ok
    assert chinese_date(dt.date.fromisoformat(issued)) in message  # dates as 2017年1月1日 (issue 15.8)
    assert ("不早于2017年1月1日" if ok else "早于2017年1月1日") in message


@pytest.mark.parametrize(("issued", "ok"), [("2018-01-10", True), ("2018-01-11", False)])
def test_certificate_not_issued_after_application_date_40hao_1_2(verifier: Verifier, issued: str, ok: bool) -> None:
    data = case(**{"certificate.issue_date": issued})
    assert check(run(verifier, data), "certificate_date")[0] is ok


# --- certificate_level: 40号 一(二) --------------------------------------------------


@pytest.mark.parametrize(("level", "ok"), [(5, True), (4, True), (3, True), (2, False), (1, False)])
def test_certificate_levels_covered_40hao_1_2(verifier: Verifier, level: int, ok: bool) -> None:
    data = case(**{"certificate.level": level, "certificate.number": "ABC-123"})
    passed, message = check(run(verifier, data), "certificate_level")
    assert passed is ok
    if not ok:
        assert "不在补贴范围" in message


# --- certificate_number: 40号 五(三), POLICY.md §6 -----------------------------------


@pytest.mark.parametrize(
    ("number", "level", "ok"),
    [
        ("S000144000123174000056", 4, True),
        ("S000144000123173000056", 4, False),  # 16th character 3 but level 4 declared
        ("Y000144000123175000056", 5, True),
        ("1234567890123456", 4, True),  # old 16-digit qualification: not this rule's format
        ("粤职鉴2017-0001", 4, True),  # other formats pass and are stored as given
    ],
)
def test_certificate_number_level_digit_40hao_5_3(verifier: Verifier, number: str, level: int, ok: bool) -> None:
    data = case(**{"certificate.number": number, "certificate.level": level})
    passed, message = check(run(verifier, data), "certificate_number")
    assert passed is ok, message
    if not ok:
        assert "第16位" in message


# --- application_window: 40号 二(一), POLICY.md §3 ------------------------------------


@pytest.mark.parametrize(
    ("issued", "last_day"),
    [
        ("2017-03-15", "2018-03-15"),  # corresponding day, a Thursday
        ("2017-04-15", "2018-04-16"),  # 2018-04-15 a Sunday
        ("2017-10-01", "2018-10-08"),  # National Day holiday
        ("2017-02-11", "2018-02-11"),  # Sunday 2018-02-11 was a make-up working day
        ("2020-02-29", "2021-03-01"),  # no 29 Feb 2021 -> 28 Feb, a Sunday -> 1 Mar
    ],
)
def test_application_window_last_day_policy_3(verifier: Verifier, issued: str, last_day: str) -> None:
    last = dt.date.fromisoformat(last_day)
    on_time = case(application_date=last_day, **{"certificate.issue_date": issued})
    verdict = run(verifier, on_time)
    assert verdict.window.last_day == last
    assert check(verdict, "application_window")[0] is True
    late = case(application_date=(last + dt.timedelta(days=1)).isoformat(), **{"certificate.issue_date": issued})
    passed, message = check(run(verifier, late), "application_window")
    assert passed is False
    assert chinese_date(last) in message


def test_application_window_in_uncovered_year_is_provisional_policy_3(verifier: Verifier) -> None:
    data = case(application_date="2026-11-27", **{"certificate.issue_date": "2026-06-15"})
    verdict = run(verifier, data)
    assert verdict.window.last_day == dt.date(2027, 6, 15)
    assert verdict.window.provisional
    assert verdict.to_json()["window_provisional"] is True
    assert "暂定" in check(verdict, "application_window")[1]


@pytest.mark.parametrize("issued", ["2026-02-05", "2026-02-08", "2026-04-05"])
def test_a_window_ending_on_a_2027_lunar_holiday_runs_on_civil_code_203_policy_3(verifier: Verifier,
                                                                                  issued: str) -> None:
    """POLICY.md §3: windows ending on 除夕–初三 2027 or on 清明 2027 (a year the holiday package does not
    cover) run to the next working day, provisionally, citing 民法典 第203条 beside 40号 二(一)."""
    next_working_day = "2027-02-09" if issued.startswith("2026-02") else "2027-04-06"
    data = case(application_date=next_working_day, **{"certificate.issue_date": issued})
    verdict = run(verifier, data)
    assert verdict.window.last_day.isoformat() == next_working_day and verdict.window.provisional
    [window_check] = [c for c in verdict.checks if c.rule == "application_window"]
    assert window_check.passed and "法定休假日，顺延" in window_check.message and "暂定" in window_check.message
    assert "40号 二(一)" in window_check.basis and "民法典》第二百零三条" in window_check.basis


def test_a_birth_date_after_the_application_date_names_that_date_policy_1_id_number(verifier: Verifier) -> None:
    """Issue 15.8: the check is against the application date, and says so (not 今天)."""
    born_later = valid_id("44010620180111123")  # born the day after the application (2018-01-10)
    passed, message = check(run(verifier, case(**{"applicant.id_number": born_later})), "id_number")
    assert passed is False
    assert message == "身份证号码中的出生日期2018年1月11日晚于申请日期（2018年1月10日），请核对"


def test_application_window_in_covered_year_is_not_provisional(verifier: Verifier) -> None:
    verdict = run(verifier, BASE)
    assert not verdict.window.provisional


# --- insured_region: 40号 二(一) -------------------------------------------------------


@pytest.mark.parametrize(("insured", "ok"), [("440106", True), ("440100", True), ("440300", False)])
def test_insured_region_same_prefecture_40hao_2_1(verifier: Verifier, insured: str, ok: bool) -> None:
    passed, message = check(run(verifier, case(insured_region=insured)), "insured_region")
    assert passed is ok
    assert insured in message


def test_insured_region_widened_to_province_by_a_confirmed_overlay(ningxia: Verifier) -> None:
    base = {"insured_region": "640200", "application_region": "640100", "certificate.issue_date": "2024-09-01"}
    in_2025 = run(ningxia, case(application_date="2025-03-03", **base))
    assert "nx-pooling-test" in in_2025.policy.overlays
    assert check(in_2025, "insured_region")[0] is True
    in_2024 = run(ningxia, case(application_date="2024-12-02", **base))
    assert check(in_2024, "insured_region")[0] is False


def test_no_province_pooling_shipped_for_ningxia_policy_1_insured_region(verifier: Verifier) -> None:
    """Issue 15.1/15.8: the example ``pooling = "province"`` (its basis "失业保险自治区级统筹" is no document) is
    not shipped: without a confirmed overlay the national table's prefecture areas apply."""
    base = {"insured_region": "640200", "application_region": "640100", "certificate.issue_date": "2024-09-01"}
    verdict = run(verifier, case(application_date="2025-03-03", **base))
    passed, message = check(verdict, "insured_region")
    assert not passed and "石嘴山市（地市）" in message
    assert "统筹" not in verdict.policy.note


@pytest.mark.parametrize(
    ("insured", "office", "ok", "kind"),
    [
        ("500236", "500103", True, "直辖市"),  # 奉节县 at 渝中区: 重庆市 is one area, county or district
        ("110228", "110101", True, "直辖市"),  # former 密云县 (now 密云区 110118) at 东城区
        ("429004", "429006", False, "省直辖县级行政区"),  # 仙桃 at 天门: each an area of its own
        ("440106", "440100", True, "地市"),  # 天河区 at 广州市
        ("440300", "440100", False, "地市"),  # 深圳 at 广州
    ],
)
def test_insured_region_by_the_pooling_area_table_policy_1_insured_region(
        verifier: Verifier, insured: str, office: str, ok: bool, kind: str) -> None:
    """POLICY.md §1 insured_region: municipalities are one area each, province-administered county-level
    units an area each, every other code its prefecture; a former code counts where it went."""
    passed, message = check(run(verifier, case(insured_region=insured, application_region=office)), "insured_region")
    assert passed is ok, message
    assert insured in message and office in message and kind in message


def test_insured_region_message_names_a_former_code_policy_1_insured_region(verifier: Verifier) -> None:
    """POLICY.md §1 insured_region: former codes of merged or renamed counties map to their area."""
    passed, message = check(run(verifier, case(insured_region="110228", application_region="110101")),
                            "insured_region")
    assert passed and "110228（原北京市密云县）" in message and "同属北京市统筹地区（直辖市）" in message


def test_insured_region_province_pooling_overlay_policy_1_insured_region(ningxia: Verifier) -> None:
    """POLICY.md §1 insured_region: a region's policy file may widen the area (a confirmed Ningxia overlay,
    test data: province)."""
    base = {"insured_region": "640200", "application_region": "640100", "certificate.issue_date": "2024-09-01"}
    passed, message = check(run(ningxia, case(application_date="2025-03-03", **base)), "insured_region")
    assert passed and "宁夏回族自治区" in message and "省级统筹" in message
    passed, message = check(run(ningxia, case(application_date="2024-12-02", **base)), "insured_region")
    assert not passed and "石嘴山市（地市）" in message and "银川市（地市）" in message


def test_full_width_region_codes_are_normalised_policy_1_insured_region(verifier: Verifier) -> None:
    """POLICY.md §6 / §1: a full-width code as typed or pasted is the same code."""
    app = parse_application(case(insured_region="４４０１００", application_region="４４０１０６"))
    assert (app.insured_region, app.application_region) == ("440100", "440106")
    verdict = verifier.verify(app)
    assert verdict.eligible and verdict.amount_yuan == 1500


@pytest.mark.parametrize("key", ["insured_region", "application_region"])
@pytest.mark.parametrize("raw", ["999999", "²²²²²²", "44010", "440199"])
def test_bad_region_codes_are_bad_input_naming_the_field_policy_1_insured_region(key: str, raw: str) -> None:
    """POLICY.md §1 insured_region: codes are validated against the region list; an unknown code is bad
    input naming the field, never an eligible case (NFKC would turn ²²²²²² into 222222, a former code)."""
    with pytest.raises(InvalidInput) as bad:
        parse_application(case(**{key: raw}))
    assert bad.value.field == key and "行政区划代码" in bad.value.reason


# --- duplicate_subsidy: 40号 三 ---------------------------------------------------------


def prior(code: str = "6-18-01-01", level: int = 4, on: str = "2017-09-01",
          shortage: bool | None = False) -> dict[str, Any]:
    """A declared prior subsidy; ``shortage=None`` leaves the flag out (looked up in the catalogue)."""
    given = {"occupation_code": code, "level": level, "granted_on": on, "shortage": shortage}
    return {k: v for k, v in given.items() if v is not None}


def test_duplicate_same_occupation_same_level_fails_40hao_3(verifier: Verifier) -> None:
    passed, message = check(run(verifier, case(prior_subsidies=[prior()])), "duplicate_subsidy")
    assert not passed
    assert "2017年9月1日" in message and "已享受过" in message


@pytest.mark.parametrize("other", [prior(level=5), prior(code="6-18-01-04")])
def test_duplicate_other_level_or_occupation_passes_40hao_3(verifier: Verifier, other: dict[str, Any]) -> None:
    verdict = run(verifier, case(prior_subsidies=[other]))
    assert check(verdict, "duplicate_subsidy")[0] is True
    assert verdict.eligible


# --- yearly_limit: cn-2021, cn-2022, cn-2025 --------------------------------------------

Y21 = {"application_date": "2021-06-01", "certificate.issue_date": "2021-03-01", "contribution_months": 20}
Y22 = {"application_date": "2022-06-01", "certificate.issue_date": "2022-03-01", "contribution_months": 20}
Y25 = {"application_date": "2025-06-03", "certificate.issue_date": "2025-03-03", "contribution_months": 20}


def test_yearly_limit_one_claim_per_year_cn_2021(verifier: Verifier) -> None:
    same_year = run(verifier, case(prior_subsidies=[prior("4-01-01-01", 5, "2021-02-01")], **Y21))
    assert same_year.policy.id == "cn-2021"
    passed, message = check(same_year, "yearly_limit")
    assert not passed and "2021年已享受过1次技能提升补贴" in message
    last_year = run(verifier, case(prior_subsidies=[prior("4-01-01-01", 5, "2020-12-31")], **Y21))
    assert check(last_year, "yearly_limit")[0] is True


@pytest.mark.parametrize(("count", "ok"), [(2, True), (3, False)])
def test_yearly_limit_three_claims_per_year_cn_2022(verifier: Verifier, count: int, ok: bool) -> None:
    priors = [prior(f"4-01-01-0{i + 1}", 5, "2022-01-10") for i in range(count)]
    verdict = run(verifier, case(prior_subsidies=priors, **Y22))
    assert verdict.policy.id == "cn-2022"
    assert check(verdict, "yearly_limit")[0] is ok


def test_yearly_limit_cn_2025_second_ordinary_claim_fails(verifier: Verifier) -> None:
    verdict = run(verifier, case(prior_subsidies=[prior("4-01-01-01", 5, "2025-01-10")], **Y25))
    assert verdict.policy.id == "cn-2025"
    assert check(verdict, "yearly_limit")[0] is False


def test_yearly_limit_cn_2025_shortage_claims_may_follow(verifier: Verifier) -> None:
    priors = [prior("4-01-01-01", 5, "2025-01-10"), prior("4-01-01-02", 5, "2025-02-10", shortage=True)]
    data = case(prior_subsidies=priors, **{**Y25, "certificate.shortage": True})
    assert check(run(verifier, data), "yearly_limit")[0] is True
    third = priors + [prior("4-01-01-03", 5, "2025-03-10", shortage=True)]
    data = case(prior_subsidies=third, **{**Y25, "certificate.shortage": True})
    passed, message = check(run(verifier, data), "yearly_limit")
    assert not passed and "3次" in message


# --- lower_level: cn-2022 -----------------------------------------------------------------


def test_lower_level_after_higher_fails_cn_2022(verifier: Verifier) -> None:
    verdict = run(verifier, case(prior_subsidies=[prior(level=3, on="2021-05-01")], **Y22))
    passed, message = check(verdict, "lower_level")
    assert not passed and "高级" in message


@pytest.mark.parametrize("other", [prior(level=5, on="2021-05-01"), prior("6-18-01-04", 3, "2021-05-01")])
def test_lower_level_passes_for_lower_prior_or_other_occupation_cn_2022(
    verifier: Verifier, other: dict[str, Any]
) -> None:
    assert check(run(verifier, case(prior_subsidies=[other], **Y22)), "lower_level")[0] is True


def test_lower_level_not_a_rule_before_cn_2022(verifier: Verifier) -> None:
    verdict = run(verifier, case(prior_subsidies=[prior(level=3)]))
    assert "lower_level" not in [c.rule for c in verdict.checks]
    assert verdict.eligible


# --- training_subsidy: cn-2024 -------------------------------------------------------------


def test_training_subsidy_not_combinable_cn_2024(verifier: Verifier) -> None:
    data = case(application_date="2024-06-03", contribution_months=20,
                **{"certificate.issue_date": "2024-03-01", "certificate.training_subsidy_claimed": True})
    verdict = run(verifier, data)
    assert verdict.policy.id == "cn-2024"
    assert check(verdict, "training_subsidy")[0] is False
    assert verdict.amount_yuan == 0


# --- choosing the policy: POLICY.md §2 --------------------------------------------------------


@pytest.mark.parametrize(
    ("applied", "policy_id"),
    [
        ("2017-05-15", "cn-2017"), ("2018-12-31", "cn-2017"), ("2019-01-01", "cn-2019"), ("2020-12-31", "cn-2019"),
        ("2021-01-01", "cn-2021"), ("2021-12-31", "cn-2021"), ("2022-01-01", "cn-2022"), ("2023-12-31", "cn-2022"),
        ("2024-01-01", "cn-2024"), ("2024-12-31", "cn-2024"), ("2025-01-01", "cn-2025"), ("2025-12-31", "cn-2025"),
    ],
)
def test_policy_chosen_by_application_date_policy_2(verifier: Verifier, applied: str, policy_id: str) -> None:
    day = dt.date.fromisoformat(applied)
    data = case(application_date=applied, **{"certificate.issue_date": (day - dt.timedelta(days=30)).isoformat()})
    verdict = run(verifier, data)
    assert verdict.policy.id == policy_id
    assert not verdict.policy.carried_over


def test_last_policy_carries_over_and_says_so_policy_2(verifier: Verifier) -> None:
    data = case(application_date="2026-11-27", contribution_months=20, **{"certificate.issue_date": "2026-06-15"})
    out = run(verifier, data).to_json()
    assert out["policy"] == "cn-2025"
    assert out["policy_carried_over"] is True
    assert "延续执行" in out["policy_note"] and "2025年12月31日" in out["policy_note"]


def test_application_before_first_policy_is_bad_input(verifier: Verifier) -> None:
    with pytest.raises(InvalidInput) as err:
        run(verifier, case(application_date="2017-05-14", **{"certificate.issue_date": "2017-01-02"}))
    assert err.value.field == "application_date"


def test_explicit_policy_overrides_the_date(verifier: Verifier) -> None:
    verdict = run(verifier, case(contribution_months=20), policy="cn-2019")
    assert verdict.policy.id == "cn-2019"
    assert check(verdict, "contribution_months")[0] is True
    with pytest.raises(InvalidInput) as err:
        run(verifier, BASE, policy="cn-1999")
    assert err.value.field == "policy"


# --- amounts: 40号 三 and regional overlays -------------------------------------------------


@pytest.mark.parametrize(("level", "amount"), [(5, 1000), (4, 1500), (3, 2000)])
def test_national_amounts_are_the_caps_40hao_3(verifier: Verifier, level: int, amount: int) -> None:
    data = case(**{"certificate.level": level, "certificate.number": f"S00014400012317{level}000056"})
    verdict = run(verifier, data)
    assert verdict.eligible, verdict.failed
    assert verdict.amount_yuan == amount
    assert isinstance(verdict.amount_yuan, int)


def test_ineligible_amount_is_zero(verifier: Verifier) -> None:
    assert run(verifier, case(contribution_months=1)).amount_yuan == 0


GD23 = {"application_date": "2023-05-04", "certificate.issue_date": "2023-02-01", "contribution_months": 20}
# A Guangzhou standard as an administrator loads it once checked (test data): +30 % for the city's catalogue.
GZ_TILT = 'shortage_bonus_percent = 30\nshortage_catalogue = ["6-18-01-01"]\n'
GZ_DATES: dict[str, Any] = {"valid_from": "2023-01-01", "valid_to": "2023-12-31", "applies_to": ("cn-2022",)}
TEST_CITE = "测试人社发〔2023〕1号，测试市人力资源和社会保障局，2023年3月1日"


def test_guangzhou_2023_gets_the_national_amount_while_guangdong_is_unconfirmed_40hao_3(verifier: Verifier) -> None:
    """Issue 15.1: the shipped Guangdong 2023 standard (+30 % for the city's shortage catalogue) has no confirmed
    source, so a Guangzhou 车工 level 4 claim gets the national 1500 (not 1950), and the verdict names the
    Guangdong rule it left out."""
    verdict = run(verifier, case(**GD23))
    assert verdict.eligible and verdict.amount_yuan == 1500 and not verdict.shortage
    assert verdict.policy.id == "cn-2022" and verdict.policy.overlays == ()
    out = verdict.to_json()
    note = out["policy_note"]
    assert "广东省2023年技能提升补贴地方标准（gd-2023）的紧缺急需职业补贴上浮比例未经核实" in note
    assert "按全国政策 cn-2022 执行" in note
    assert [(u["overlay"], u["item"], u["in_force"], u["source"]["status"]) for u in out["policy_unconfirmed"]] == [
        ("gd-2023", "shortage_bonus_percent", "cn-2022", "unconfirmed")]
    assert out["shortage_source"] == "none" and "紧缺急需职业(工种)目录未载入" in out["shortage_basis"]
    assert "1500元" in out["amount_basis"] and out["amount_basis"].endswith("依据：全国政策 cn-2022")


def test_a_clerk_declared_shortage_is_shown_as_the_clerks_confirmation_contracts_shortage(verifier: Verifier) -> None:
    """CONTRACTS.md ``certificate.shortage``: a declared flag is the clerk's confirmation of the local fact, and
    the verdict says it rests on it.  It does not make the unconfirmed Guangdong +30 % apply."""
    out = run(verifier, case(**{**GD23, "certificate.shortage": True})).to_json()
    assert out["shortage"] is True and out["shortage_source"] == "declared"
    assert out["shortage_basis"].startswith("经办人确认：该职业（6-18-01-01）列入所在地紧缺急需职业(工种)目录（申报）")
    assert "以经办人确认为准" in out["shortage_basis"]
    assert out["amount_yuan"] == 1500 and "gd-2023" in out["policy_note"]
    declared_not = run(verifier, case(**{**GD23, "certificate.shortage": False})).to_json()
    assert declared_not["shortage_source"] == "declared" and "不属所在地紧缺急需职业" in declared_not["shortage_basis"]


def test_a_confirmed_guangzhou_overlay_loaded_as_data_raises_and_cites_its_document_40hao_3(tmp_path: Path) -> None:
    """Issue 15.1: an administrator loads a confirmed overlay (document number, issuing body, date) into the data
    folder's policies/: the Guangzhou claim gets 1500 + 30 %, and the verdict cites that document."""
    local = admin_verifier(tmp_path, **{"gz-2023-test": overlay("gz-2023-test", "440100", GZ_TILT, **GZ_DATES)})
    verdict = run(local, case(**GD23))
    assert verdict.policy.label == "cn-2022+gz-2023-test"
    assert verdict.shortage and verdict.amount_yuan == 1950
    out = verdict.to_json()
    assert "上浮30%，计1950元" in out["amount_basis"] and f"gz-2023-test，{TEST_CITE}" in out["amount_basis"]
    assert out["shortage_source"] == "catalogue" and TEST_CITE in out["shortage_basis"]
    assert {s["item"] for s in out["policy_sources"]} == {"shortage_bonus_percent", "shortage_catalogue"}
    assert {s["source"]["document"] for s in out["policy_sources"]} == {TEST_DOCUMENT}
    assert out["policy_note"] == ""  # the city's confirmed +30 % stands in for the province's unconfirmed one
    ordinary = run(local, case(**{**GD23, "certificate.occupation_code": "4-01-01-01"}))
    assert not ordinary.shortage and ordinary.amount_yuan == 1500
    shenzhen = run(local, case(**{**GD23, "insured_region": "440300", "application_region": "440300"}))
    assert shenzhen.amount_yuan == 1500 and "gd-2023" in shenzhen.policy.note  # Guangzhou's catalogue only


def test_an_unconfirmed_catalogue_never_raises_the_amount_issue_15_1(tmp_path: Path) -> None:
    """A confirmed +30 % with a catalogue whose own source is unconfirmed: the catalogue is not looked up, the
    verdict says so, and only the clerk's declaration (shown as such) makes the occupation a shortage one."""
    sources = source() + "\n" + source("sources.shortage_catalogue", status="unconfirmed", document="", issuer="",
                                        date=None, note="转载的目录，未核对原文")
    text = overlay("gz-2023-test", "440100", GZ_TILT, sources=sources, **GZ_DATES)
    local = admin_verifier(tmp_path, **{"gz-2023-test": text})
    looked_up = run(local, case(**GD23))
    assert not looked_up.shortage and looked_up.amount_yuan == 1500
    out = looked_up.to_json()
    assert "（gz-2023-test）的紧缺急需职业(工种)目录未经核实（来源：转载的目录，未核对原文）" in out["policy_note"]
    assert out["shortage_source"] == "none" and "未经核实，未按目录认定" in out["shortage_basis"]
    declared = run(local, case(**{**GD23, "certificate.shortage": True}))
    assert declared.amount_yuan == 1950 and declared.shortage_source == "declared"
    assert "以经办人确认为准" in declared.shortage_basis


def test_a_confirmed_catalogue_alone_does_not_apply_the_unconfirmed_tilt_issue_15_1(tmp_path: Path) -> None:
    """The city's confirmed catalogue makes 车工 a shortage occupation, but the +30 % is still Guangdong's
    unconfirmed rule: the amount stays national and the verdict names that rule."""
    catalogue = overlay("gz-2023-test", "440100", 'shortage_catalogue = ["6-18-01-01"]\n', **GZ_DATES)
    verdict = run(admin_verifier(tmp_path, **{"gz-2023-test": catalogue}), case(**GD23))
    assert verdict.shortage and verdict.shortage_source == "catalogue" and verdict.amount_yuan == 1500
    assert "紧缺急需职业补贴上浮比例未经核实" in verdict.policy.note
    assert "紧缺急需职业不另上浮" in verdict.amount_basis


def test_guangdong_overlay_only_in_2023(verifier: Verifier) -> None:
    verdict = run(verifier, case(application_date="2022-05-05", contribution_months=20,
                                 **{"certificate.issue_date": "2022-02-01"}))
    assert verdict.policy.overlays == () and verdict.amount_yuan == 1500
    assert verdict.policy.note == ""


ZJ = {"application_region": "330100", "insured_region": "330100", "application_date": "2024-09-02",
      "certificate.issue_date": "2024-08-01", "contribution_months": 20, "certificate.number": "X-1"}


@pytest.fixture(scope="module")
def zhejiang(tmp_path_factory: pytest.TempPathFactory) -> Verifier:
    """The shipped Zhejiang table as an administrator would load it once checked (test data)."""
    return admin_verifier(tmp_path_factory.mktemp("zj"), **{"zj-2024-checked": confirmed_copy("zj-2024",
                                                                                              "zj-2024-checked")})


def test_zhejiang_unconfirmed_table_falls_back_to_the_national_caps_issue_15_1(verifier: Verifier) -> None:
    """The shipped Zhejiang table and its sector mapping (the software's reading) are unconfirmed."""
    verdict = run(verifier, case(**{**ZJ, "certificate.occupation_code": "4-10-01-05", "certificate.level": 5}))
    assert verdict.policy.overlays == () and verdict.amount_yuan == 1000
    assert {u.item for u in verdict.policy.unconfirmed} == {"amounts", "sectors"}
    assert "（zj-2024）的分领域补贴标准未经核实" in verdict.policy.note
    assert "职业代码归入领域是本软件的理解" in verdict.policy.note


@pytest.mark.parametrize(
    ("code", "level", "amount"),
    [("6-18-01-01", 3, 2000), ("6-18-01-01", 5, 1000), ("4-10-01-05", 5, 400), ("5-01-01-01", 3, 800),
     ("4-04-01-01", 4, 900), ("2-02-10-01", 3, 1200)],
)
def test_zhejiang_sector_amounts_from_2024_08_01(zhejiang: Verifier, code: str, level: int, amount: int) -> None:
    verdict = run(zhejiang, case(**{**ZJ, "certificate.occupation_code": code, "certificate.level": level}))
    assert verdict.policy.overlays == ("zj-2024-checked",)
    assert verdict.amount_yuan == amount
    assert verdict.policy.note == ""


def test_zhejiang_before_2024_08_01_uses_national_caps(zhejiang: Verifier) -> None:
    verdict = run(zhejiang, case(**{**ZJ, "application_date": "2024-07-31", "certificate.issue_date": "2024-03-01",
                                    "certificate.occupation_code": "4-10-01-05", "certificate.level": 5}))
    assert verdict.policy.overlays == () and verdict.amount_yuan == 1000


NX = {"application_region": "640100", "insured_region": "640100", "application_date": "2025-06-03",
      "certificate.issue_date": "2025-03-03", "contribution_months": 20, "certificate.number": "X-1"}


def test_ningxia_2025_unconfirmed_tables_fall_back_to_the_national_caps_issue_15_1(verifier: Verifier) -> None:
    verdict = run(verifier, case(**NX))
    assert verdict.policy.overlays == () and verdict.amount_yuan == 1500
    assert "（nx-2025）的补贴标准、紧缺急需职业补贴标准未经核实" in verdict.policy.note
    assert "按全国政策 cn-2025 执行" in verdict.policy.note


def test_ningxia_2025_ordinary_and_shortage_tables(ningxia: Verifier) -> None:
    ordinary = run(ningxia, case(**NX))
    assert "nx-2025-checked" in ordinary.policy.overlays and ordinary.amount_yuan == 1200
    shortage = run(ningxia, case(**{**NX, "certificate.occupation_code": "6-31-01-03"}))
    assert shortage.shortage and shortage.amount_yuan == 1500


@pytest.mark.parametrize("book", ["verifier", "ningxia"])
def test_ningxia_2025_one_ordinary_claim_plus_two_shortage_claims_a_year_issue_15_9(
    book: str, request: pytest.FixtureRequest
) -> None:
    """Issue 15.9, the reading set out in nx-2025.toml and docs/policy-overlays.md: Ningxia's "shortage up to
    twice" is two shortage-occupation claims besides the one ordinary claim, as cn-2025 (人社部发〔2025〕18号)
    has it, not two in total.  Unconfirmed or confirmed, the overlay's yearly limit is that reading."""
    verifier: Verifier = request.getfixturevalue(book)
    shortage = {**NX, "certificate.occupation_code": "6-31-01-03", "certificate.shortage": True}
    once = [prior("4-01-01-01", 5, "2025-01-10")]
    assert check(run(verifier, case(prior_subsidies=once, **NX)), "yearly_limit")[0] is False
    assert check(run(verifier, case(prior_subsidies=once, **shortage)), "yearly_limit")[0] is True
    ordinary_and_shortage = once + [prior("6-18-02-04", 5, "2025-02-10", shortage=True)]
    passed, message = check(run(verifier, case(prior_subsidies=ordinary_and_shortage, **shortage)), "yearly_limit")
    assert passed, message  # "2 in total" would refuse this one
    assert "紧缺急需职业另可2次" in message
    three = ordinary_and_shortage + [prior("6-18-02-05", 5, "2025-03-10", shortage=True)]
    assert check(run(verifier, case(prior_subsidies=three, **shortage)), "yearly_limit")[0] is False


def test_ningxia_overlay_carries_over_with_cn_2025(ningxia: Verifier) -> None:
    verdict = run(ningxia, case(**{**NX, "application_date": "2026-03-02", "certificate.issue_date": "2026-01-05"}))
    assert verdict.policy.id == "cn-2025" and verdict.policy.carried_over
    assert "nx-2025-checked" in verdict.policy.overlays and verdict.amount_yuan == 1200


# --- yearly_limit and the shortage flag of a prior subsidy: CONTRACTS.md, 人社部发〔2025〕18号 ---------
# NX (Ningxia 2025, the ``ningxia`` verifier: confirmed test overlays): once a year, two more for shortage
# occupations; 6-18-02-04 焊工 is in the Yinchuan test catalogue, the certificate's 6-18-01-01 车工 is not.


def test_prior_without_shortage_flag_in_the_catalogue_counts_as_shortage_cn_2025(ningxia: Verifier) -> None:
    """CONTRACTS.md: a prior subsidy's ``shortage`` left out is looked up in the region's catalogue, as the
    certificate's is; a shortage-occupation claim does not use up the ordinary claim of the year."""
    verdict = run(ningxia, case(prior_subsidies=[prior("6-18-02-04", 5, "2025-02-10", shortage=None)], **NX))
    assert not verdict.shortage
    passed, message = check(verdict, "yearly_limit")
    assert passed, message
    assert "2025年已享受过1次技能提升补贴" in message


def test_prior_looked_up_only_in_a_confirmed_catalogue_cn_2025(verifier: Verifier) -> None:
    """Issue 15.1: with no confirmed catalogue the same prior (flag left out) is an ordinary claim."""
    verdict = run(verifier, case(prior_subsidies=[prior("6-18-02-04", 5, "2025-02-10", shortage=None)], **NX))
    assert check(verdict, "yearly_limit")[0] is False


def test_prior_declared_not_shortage_counts_as_ordinary_cn_2025(ningxia: Verifier) -> None:
    """CONTRACTS.md: a declared ``"shortage": false`` stands, whatever the catalogue says."""
    verdict = run(ningxia, case(prior_subsidies=[prior("6-18-02-04", 5, "2025-02-10", shortage=False)], **NX))
    passed, message = check(verdict, "yearly_limit")
    assert not passed
    assert "非紧缺职业1次" in message


def test_prior_without_shortage_flag_outside_the_catalogue_is_ordinary_cn_2025(ningxia: Verifier) -> None:
    verdict = run(ningxia, case(prior_subsidies=[prior("4-01-01-01", 5, "2025-02-10", shortage=None)], **NX))
    assert check(verdict, "yearly_limit")[0] is False


def test_prior_shortage_left_out_parses_as_unknown() -> None:
    app = parse_application(case(prior_subsidies=[prior(shortage=None), prior(level=5, shortage=True)]))
    assert [p.shortage for p in app.prior_subsidies] == [None, True]


def test_a_declared_prior_and_its_ledger_entry_count_once_cn_2025(verifier: Verifier) -> None:
    """The same grant declared without a flag and found in the ledger (which recorded the flag) is one
    subsidy, not two, and carries the ledger's flag."""
    app = parse_application(case(prior_subsidies=[prior("6-18-02-04", 5, "2025-02-10", shortage=None)], **NX))
    ledger = [PriorSubsidy("6-18-02-04", 5, dt.date(2025, 2, 10), True)]
    merged = merge_priors(app, ledger)
    assert merged.prior_subsidies == tuple(ledger)
    assert check(verifier.verify(merged), "yearly_limit")[0] is True


# --- enterprise_employee: 40号 一 (同时符合以下条件的企业职工), POLICY.md §1 -------------------------


def uscc(first: str, second: str = "1") -> str:
    """A valid unified social credit code registered by authority ``first`` (GB 32100-2015)."""
    body = f"{first}{second}440101MA5ABCDE1"
    return body + uscc_check_character(body)


def employer(code: str) -> dict[str, str]:
    return {"name": "广州市某单位", "uscc": code}


def test_enterprise_employee_market_regulation_code_9_passes_40hao_1(verifier: Verifier) -> None:
    verdict = run(verifier, case(employer=employer(uscc("9"))))
    passed, message = check(verdict, "enterprise_employee")
    assert passed
    assert message == "用人单位统一社会信用代码首位为9（市场监管部门登记），属企业职工"
    [rule] = [c for c in verdict.checks if c.rule == "enterprise_employee"]
    assert "40号 一" in rule.basis
    assert verdict.eligible and verdict.amount_yuan == 1500
    assert "verified" not in next(c for c in verdict.to_json()["checks"] if c["rule"] == "enterprise_employee")


def test_enterprise_employee_institution_code_1_fails_40hao_1(verifier: Verifier) -> None:
    verdict = run(verifier, case(employer=employer(uscc("1", "2"))))
    passed, message = check(verdict, "enterprise_employee")
    assert not passed
    assert message == "用人单位统一社会信用代码首位为1（机构编制部门登记：机关、事业单位），不属企业职工"
    assert not verdict.eligible and verdict.amount_yuan == 0


def test_enterprise_employee_civil_affairs_code_5_per_policy_table_40hao_1(verifier: Verifier,
                                                                            tmp_path: Path) -> None:
    """POLICY.md §1: authorities other than 9 and 1 are decided by the policy table (data): the shipped
    table follows 40号's 企业职工; a region's (confirmed) overlay may count code 5 in, changing only that entry."""
    passed, message = check(run(verifier, case(employer=employer(uscc("5", "2")))), "enterprise_employee")
    assert not passed
    assert message.startswith("用人单位统一社会信用代码首位为5（民政部门登记") and message.endswith("不属企业职工")
    local = admin_verifier(tmp_path, **{"gz-test": overlay(
        "gz-test", "440100", '[rules.enterprise_employee.registering_authorities]\n'
        '"5" = { name = "民政部门登记：民办非企业单位", enterprise = true }\n',
        valid_from="2017-05-15", title="测试：民办非企业单位职工视同企业职工")})
    passed, message = check(run(local, case(employer=employer(uscc("5", "2")))), "enterprise_employee")
    assert passed and message == "用人单位统一社会信用代码首位为5（民政部门登记：民办非企业单位），属企业职工"
    assert check(run(local, case(employer=employer(uscc("1", "2")))), "enterprise_employee")[0] is False
    assert check(run(local, case(employer=employer(uscc("9")))), "enterprise_employee")[0] is True


@pytest.mark.parametrize("document", [BASE, case(employer={"name": "广州市某单位"}),
                                      case(employer={"name": "广州市某单位", "uscc": "  "})])
def test_enterprise_employee_without_employer_code_is_not_verified_40hao_1(verifier: Verifier,
                                                                            document: dict[str, Any]) -> None:
    """POLICY.md §1: without an employer code the check passes and says it was not verified, and the
    verdict JSON marks that check ``"verified": false`` (a field added; the contract shape stays)."""
    verdict = run(verifier, document)
    passed, message = check(verdict, "enterprise_employee")
    assert passed and message == "未提供用人单位统一社会信用代码，企业职工身份未核验"
    assert verdict.eligible
    checks = verdict.to_json()["checks"]
    [marked] = [c for c in checks if "verified" in c]
    assert marked["rule"] == "enterprise_employee" and marked["verified"] is False
    assert {"rule", "passed", "message", "basis"} <= set(marked)


def test_enterprise_employee_authority_not_in_the_table_is_not_verified_40hao_1(verifier: Verifier) -> None:
    """POLICY.md §1: a valid code whose first character the policy table does not list is not guessed
    either way: the check passes, says so and is marked not verified."""
    verdict = run(verifier, case(employer=employer(uscc("B"))))
    passed, message = check(verdict, "enterprise_employee")
    assert passed and message == "用人单位统一社会信用代码首位为B，政策表未列此登记管理部门，企业职工身份未核验"
    assert next(c for c in verdict.to_json()["checks"] if c["rule"] == "enterprise_employee")["verified"] is False


@pytest.mark.parametrize(
    ("dates", "policy_id", "ok"),
    [(Y21, "cn-2021", False), (Y22, "cn-2022", True),
     ({**Y25, "application_date": "2024-06-03", "certificate.issue_date": "2024-03-01"}, "cn-2024", True),
     (Y25, "cn-2025", True)],
)
def test_enterprise_employee_receiving_unemployment_benefit_qualifies_from_cn_2022_40hao_1(
        verifier: Verifier, dates: dict[str, Any], policy_id: str, ok: bool) -> None:
    """POLICY.md §1–2: from cn-2022 a person receiving unemployment benefit qualifies whatever the employer."""
    data = case(employer=employer(uscc("1", "2")), receiving_unemployment_benefit=True, **dates)
    verdict = run(verifier, data)
    assert verdict.policy.id == policy_id
    passed, message = check(verdict, "enterprise_employee")
    assert passed is ok, message
    if ok:
        assert "正在领取失业保险金" in message


@pytest.mark.parametrize("raw", ["91440101MA59XXXX0X", "9144010", "91440101MA5ABCDEI1"])
def test_bad_employer_uscc_is_bad_input_naming_the_field_40hao_1(raw: str) -> None:
    with pytest.raises(InvalidInput) as bad:
        parse_application(case(employer=employer(raw)))
    assert bad.value.field == "employer.uscc" and "统一社会信用代码" in bad.value.reason


def test_employer_uscc_is_normalised_40hao_1() -> None:
    """POLICY.md §6: full-width characters, spaces and lower case are the same code."""
    code = uscc("9")
    typed = " ".join(chr(ord(c) + 0xFEE0) for c in code.lower())
    assert parse_application(case(employer=employer(typed))).employer_uscc == code
    assert parse_application(BASE).employer_uscc == ""
