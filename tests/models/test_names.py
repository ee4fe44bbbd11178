"""Names checked where they are typed (issue 14.2): no hidden controls, something visible, a length the
central system accepts — and every real name, rare characters and minority names included, still taken."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desktop.models.application import Intake, parse_application
from desktop.models.cases import create_case
from desktop.models.errors import InvalidInput
from desktop.models.names import MAX_EMPLOYER_NAME, MAX_PERSON_NAME, check_employer_name, check_person_name
from desktop.models.staff import StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]
REAL_NAMES = ["刘䶮𬘡", "阿卜杜拉·买买提", "Mary-Jane O'Neil", "张三", "欧阳娜娜", "爱新觉罗 启星", "葛\U000e0100优",
              "\ue000明"]  # an ideographic variation selector; a private-use rare character of a local system


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_are_accepted(name: str) -> None:
    """issue 14.2: rare CJK extensions, the middle dot, hyphen and apostrophe are names, not attacks."""
    assert check_person_name(f"  {name} ", "applicant.name") == name


def test_a_name_of_exactly_the_central_limit_is_accepted() -> None:
    """issue 14.2"""
    assert check_person_name("张" * MAX_PERSON_NAME, "applicant.name") == "张" * MAX_PERSON_NAME


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069", "\u200e", "\u200f", "\u061c"])
def test_bidirectional_controls_are_refused_naming_the_character(char: str) -> None:
    """issue 14.2: an override (张\u202e三) shows a name other than the one stored and compared."""
    with pytest.raises(InvalidInput) as caught:
        check_person_name(f"张{char}三", "applicant.name")
    assert caught.value.field == "applicant.name"
    assert f"U+{ord(char):04X}" in caught.value.reason and "姓名" in caught.value.reason
    assert "方向" in caught.value.reason and "请重新输入" in caught.value.reason


@pytest.mark.parametrize("char", ["\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\u200b", "\u200d",
                                  "\u00ad", "\u2028", "\u2029", "\ufeff", "\U000e0041"])
def test_control_and_format_characters_are_refused(char: str) -> None:
    """issue 14.2: Cc and Cf (zero-width, soft hyphen, BOM, tags) and line separators are hidden in a name."""
    with pytest.raises(InvalidInput) as caught:
        check_person_name(f"张{char}三", "payment.holder_name", what="户名")
    assert caught.value.field == "payment.holder_name"
    assert caught.value.reason == f"户名含有不可见的控制字符（U+{ord(char):04X}），请重新输入"


def test_a_lone_surrogate_is_refused() -> None:
    """issue 14.2: JSON may carry "\\ud800"; it cannot be stored or written to any file."""
    with pytest.raises(InvalidInput, match="U\\+D800"):
        check_person_name("张\ud800", "applicant.name")


@pytest.mark.parametrize("name", ["\u3164", "\u3000\u3164\u3000", "\u2800", "\u115f\u1160", "\uffa0", "\u0301",
                                  "\U000e0100"])
def test_a_name_of_only_invisible_characters_is_refused(name: str) -> None:
    """issue 14.2: Hangul fillers, the braille blank, a lone combining mark are letters that show nothing."""
    with pytest.raises(InvalidInput) as caught:
        check_person_name(name, "applicant.name")
    assert caught.value.reason == "姓名只有空格或不可见的字符，请重新输入"


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_an_empty_name_is_refused(name: str) -> None:
    """issue 14.2"""
    with pytest.raises(InvalidInput, match="不能为空"):
        check_person_name(name, "applicant.name")


def test_a_name_longer_than_the_central_system_takes_is_refused_at_the_counter(make_intake: MakeIntake) -> None:
    """issue 14.2: a 100-character name was taken at the counter and then refused by the central system forever."""
    with pytest.raises(InvalidInput) as caught:
        make_intake(applicant={"name": "张" * 100, "id_number": "11010519491231002X"})  # parse_intake
    assert caught.value.field == "applicant.name"
    assert caught.value.reason == f"姓名不能超过{MAX_PERSON_NAME}个字符（中心系统的上限），现有100个"


def test_the_limits_are_the_central_systems_own() -> None:
    """issue 14.2: one source of truth for the wire format, the central tables and the counter."""
    from central import db
    from desktop.models import registry_files, schema
    from wire import CaseSnapshot

    snapshot_limit = next(m.max_length for m in CaseSnapshot.model_fields["applicant_name"].metadata
                          if hasattr(m, "max_length"))
    assert snapshot_limit == MAX_PERSON_NAME
    assert db.cases.c.applicant_name.type.length == MAX_PERSON_NAME
    assert db.registry_insured.c.name.type.length == MAX_PERSON_NAME
    assert db.registry_insured.c.employer_name.type.length == MAX_EMPLOYER_NAME
    assert schema.Case.__table__.c.applicant_name.type.length == MAX_PERSON_NAME
    assert schema.Case.__table__.c.holder_name.type.length == MAX_PERSON_NAME
    assert schema.Case.__table__.c.employer_name.type.length == MAX_EMPLOYER_NAME
    assert registry_files._MAX_LENGTH["name"] == MAX_PERSON_NAME
    assert registry_files._MAX_LENGTH["employer_name"] == MAX_EMPLOYER_NAME


def test_employer_names_have_their_own_limit() -> None:
    """issue 14.2"""
    assert check_employer_name("广州（白云）精密机械有限公司", "employer.name") == "广州（白云）精密机械有限公司"
    with pytest.raises(InvalidInput, match=f"单位名称不能超过{MAX_EMPLOYER_NAME}个字符"):
        check_employer_name("某" * (MAX_EMPLOYER_NAME + 1), "employer.name")
    with pytest.raises(InvalidInput, match="单位名称含有不可见的文字方向控制字符（U\\+202E）"):
        check_employer_name("广州\u202e公司", "employer.name")


@pytest.mark.parametrize(("overrides", "field"), [
    ({"applicant": {"name": "张\u202e三", "id_number": "11010519491231002X"}}, "applicant.name"),
    ({"payment": {"kind": "bank", "account": "6222020200112233445", "holder_name": "张\u200b三"}},
     "payment.holder_name"),
    ({"employer": {"name": "广州\x07公司", "uscc": ""}}, "employer.name"),
])
def test_the_intake_json_is_checked_field_by_field(make_intake: MakeIntake, overrides: dict[str, Any],
                                                   field: str) -> None:
    """issue 14.2: `intake` and the counter form both go through parse_intake."""
    with pytest.raises(InvalidInput) as caught:
        make_intake(**overrides)  # parse_intake
    assert caught.value.field == field


def test_verify_input_is_checked_too() -> None:
    """issue 14.2: parse_application (verify) reads the same applicant name."""
    verify_input = {
        "applicant": {"name": "\u3164", "id_number": "11010519491231002X"},
        "insured_region": "440100", "application_region": "440100", "contribution_months": 40,
        "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                        "occupation_code": "6-18-01-01", "issue_date": "2017-06-01"},
        "application_date": "2018-01-10",
    }
    with pytest.raises(InvalidInput) as caught:
        parse_application(verify_input)
    assert caught.value.field == "applicant.name"


def test_create_case_refuses_a_hidden_name_built_without_the_parser(
    store: Store, make_staff: Callable[..., StaffUser], make_intake: MakeIntake
) -> None:
    """issue 14.2: an Intake made in code (field mode, tests) is checked where the case is created."""
    import dataclasses

    good = make_intake()
    bad = dataclasses.replace(good, payment=dataclasses.replace(good.payment, holder_name="张\u202e三"))
    with pytest.raises(InvalidInput) as caught:
        create_case(store, make_staff("clerk"), bad, verdict={}, eligible=True, amount_yuan=1500,
                    policy_id="cn-2017")
    assert caught.value.field == "payment.holder_name"
