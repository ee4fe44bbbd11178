"""The wording of verdict messages (issue 15.8), each test naming the clause the message states.

- 40号 一(二) 自2017年1月1日起: a certificate issued on the first day passes, and the message says 不早于;
- dates as documents write them (2019年1月1日), never 2019-01-01;
- level names never nest brackets (同一等级（四级/中级工）, not 同一等级（中级（四级））);
- 40号 三 同一职业(工种)同一等级只能申请并享受一次: 已享受过…技能提升补贴.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from case_flow import verify_dict

from desktop.documents import wording
from desktop.models.application import parse_application
from desktop.models.errors import InvalidInput
from desktop.models.identity import id_check_character
from desktop.models.levels import LEVEL_GRADES, LEVEL_NAMES
from desktop.models.rules import Verdict, Verifier

ID = "44010619900307123" + id_check_character("44010619900307123")
BASE: dict[str, Any] = verify_dict(applicant={"name": "张三", "id_number": ID})
ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
OPENING, CLOSING = "（(〔【", "）)〕】"


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load(None)


def case(certificate: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["certificate"].update(certificate or {})
    data.update(changes)
    return data


def run(verifier: Verifier, data: dict[str, Any], policy: str | None = None) -> Verdict:
    return verifier.verify(parse_application(data), policy)


def message(verdict: Verdict, rule: str) -> tuple[bool, str]:
    [check] = [c for c in verdict.checks if c.rule == rule]
    return check.passed, check.message


def nesting(text: str) -> int:
    """How deep brackets go in ``text`` (1: none inside another)."""
    depth = deepest = 0
    for char in text:
        if char in OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in CLOSING:
            depth -= 1
    return deepest


# --- 不早于 on the boundary day: 40号 一(二) ----------------------------------------------------------------


def test_a_certificate_issued_on_2017_01_01_passes_and_is_said_not_earlier_40hao_1_2(verifier: Verifier) -> None:
    passed, text = message(run(verifier, case({"issue_date": "2017-01-01"}, application_date="2017-06-01")),
                           "certificate_date")
    assert passed
    assert text == "证书核发日期2017年1月1日，不早于2017年1月1日，在补贴范围内"
    assert "之后" not in text


def test_a_certificate_issued_the_day_before_fails_and_is_said_earlier_40hao_1_2(verifier: Verifier) -> None:
    passed, text = message(run(verifier, case({"issue_date": "2016-12-31"}, application_date="2017-06-01")),
                           "certificate_date")
    assert not passed
    assert text == "证书核发日期2016年12月31日，早于2017年1月1日，不在补贴范围内"


# --- dates as 2019年1月1日 ----------------------------------------------------------------------------------


def test_verdict_messages_write_dates_in_chinese_40hao_2_1_and_3(verifier: Verifier) -> None:
    """Every message of verdicts that state dates (window moved by a rest day, late, duplicate, birth date)."""
    verdicts = [
        run(verifier, case({"issue_date": "2017-04-15"}, application_date="2018-04-16")),  # ends Monday 4-16
        run(verifier, case({"issue_date": "2017-04-15"}, application_date="2018-04-17")),  # a day late
        run(verifier, case(prior_subsidies=[{"occupation_code": "6-18-01-01", "level": 4,
                                             "granted_on": "2017-09-01"}])),
        run(verifier, case({"issue_date": "2022-03-01", "level": 4}, application_date="2022-06-01",
                           prior_subsidies=[{"occupation_code": "6-18-01-01", "level": 3,
                                             "granted_on": "2022-04-01"}])),
        run(verifier, case({"issue_date": "2018-01-11"})),  # issued after the application date
    ]
    for verdict in verdicts:
        for check in verdict.checks:
            assert not ISO_DATE.search(check.message), check
    _, moved = message(verdicts[0], "application_window")
    assert "申请期限至2018年4月16日（2018年4月15日为法定休假日，顺延）" in moved
    assert "申请日期2018年4月16日在期限内" in moved
    _, late = message(verdicts[1], "application_window")
    assert "申请日期2018年4月17日已超过期限" in late
    assert "出生日期1990年3月7日" in message(verdicts[0], "id_number")[1]
    assert "证书核发日期2018年1月11日晚于申请日期2018年1月10日" in message(verdicts[4], "certificate_date")[1]


def test_carried_over_note_and_early_application_write_dates_in_chinese_policy_2(verifier: Verifier) -> None:
    note = run(verifier, case({"issue_date": "2026-06-15"}, application_date="2026-11-27",
                              contribution_months=20)).policy.note
    assert "cn-2025 已于2025年12月31日到期，2026年新政策尚未载入" in note and not ISO_DATE.search(note)
    with pytest.raises(InvalidInput) as err:
        run(verifier, case({"issue_date": "2017-01-02"}, application_date="2017-05-14"))
    assert err.value.field == "application_date"
    assert "申请日期2017年5月14日早于技能提升补贴政策施行日期2017年5月15日" in err.value.reason


# --- level names never nest brackets ---------------------------------------------------------------------------


def test_level_names_hold_no_brackets_40hao_1_2() -> None:
    assert LEVEL_NAMES == {5: "五级/初级工", 4: "四级/中级工", 3: "三级/高级工", 2: "二级/技师", 1: "一级/高级技师"}
    assert LEVEL_GRADES == {5: "五级", 4: "四级", 3: "三级", 2: "二级", 1: "一级"}
    for level in LEVEL_NAMES:
        assert nesting(wording.level_name(level)) == 0


@pytest.mark.parametrize("level", [5, 4, 3, 2, 1])
def test_messages_naming_levels_never_nest_brackets_40hao_1_2_and_3(verifier: Verifier, level: int) -> None:
    prior = {"occupation_code": "6-18-01-01", "level": level, "granted_on": "2022-04-01"}
    higher = {**prior, "level": max(level - 1, 1)}
    verdicts = [
        run(verifier, case({"level": level, "number": "S000144000123173000056"})),  # level digit mismatch
        run(verifier, case({"level": level, "issue_date": "2022-03-01"}, application_date="2022-06-01",
                           prior_subsidies=[prior])),  # duplicate
        run(verifier, case({"level": level, "issue_date": "2022-03-01"}, application_date="2022-06-01",
                           prior_subsidies=[higher])),  # lower level after a higher one
    ]
    for verdict in verdicts:
        for check in verdict.checks:
            assert nesting(check.message) <= 1, check.message
    if level in (2, 1):
        _, text = message(verdicts[0], "certificate_level")
        assert text == (f"证书等级为{LEVEL_NAMES[level]}，不在补贴范围（五级/初级工、四级/中级工、三级/高级工）内")


# --- 已享受过…技能提升补贴: 40号 三 -----------------------------------------------------------------------------


def test_duplicate_says_already_enjoyed_the_skill_upgrade_subsidy_40hao_3(verifier: Verifier) -> None:
    verdict = run(verifier, case(prior_subsidies=[{"occupation_code": "6-18-01-01", "level": 4,
                                                   "granted_on": "2017-09-01"}]))
    passed, text = message(verdict, "duplicate_subsidy")
    assert not passed
    assert text == ("已享受过同一职业（6-18-01-01）同一等级（四级/中级工）的技能提升补贴，享受日期2017年9月1日；"
                    "同一职业（工种）同一等级只能享受一次")
    assert message(run(verifier, BASE), "duplicate_subsidy") == (True, "未享受过同一职业同一等级的技能提升补贴")


def test_lower_level_says_already_enjoyed_a_higher_level_cn_2022(verifier: Verifier) -> None:
    verdict = run(verifier, case({"issue_date": "2022-03-01"}, application_date="2022-06-01",
                                 prior_subsidies=[{"occupation_code": "6-18-01-01", "level": 3,
                                                   "granted_on": "2022-04-01"}]))
    passed, text = message(verdict, "lower_level")
    assert not passed
    assert text == ("已享受过同一职业较高等级（三级/高级工）的技能提升补贴，享受日期2022年4月1日；"
                    "不再补贴较低等级（四级/中级工）")


@pytest.mark.parametrize(("priors", "said"), [
    (0, "2021年未享受过技能提升补贴，未达每年1次上限"),
    (1, "2021年已享受过1次技能提升补贴，已达每年1次上限"),
])
def test_yearly_limit_says_how_often_the_subsidy_was_enjoyed_cn_2021(verifier: Verifier, priors: int,
                                                                     said: str) -> None:
    prior = [{"occupation_code": "4-01-01-01", "level": 5, "granted_on": "2021-03-01"}][:priors]
    verdict = run(verifier, case({"issue_date": "2021-01-04"}, application_date="2021-06-01",
                                 contribution_months=20, prior_subsidies=prior))
    assert message(verdict, "yearly_limit")[1] == said
