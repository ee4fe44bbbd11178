"""`python -m desktop verify` as CONTRACTS.md specifies it, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from case_flow import verify_dict

EXAMPLE: dict[str, Any] = verify_dict(
    certificate={**verify_dict()["certificate"], "shortage": False},
    prior_subsidies=[{"occupation_code": "6-18-01-01", "level": 5, "granted_on": "2017-09-01", "shortage": False}])


def zhanchi(*args: str, stdin: str | None = None, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_contract_example_from_stdin(tmp_path: Path) -> None:
    result = zhanchi("verify", "-", stdin=json.dumps(EXAMPLE, ensure_ascii=False), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["eligible"] is True and out["amount_yuan"] == 1500 and out["policy"] == "cn-2017"
    assert [c["rule"] for c in out["checks"]] == [
        "id_number", "contribution_months", "certificate_date", "certificate_level",
        "certificate_number", "application_window", "insured_region", "duplicate_subsidy", "enterprise_employee",
    ]
    # The contract's four keys on every check; a check that could not be verified adds "verified": false.
    assert all(set(c) - {"verified"} == {"rule", "passed", "message", "basis"} for c in out["checks"])
    assert [c["rule"] for c in out["checks"] if "verified" in c] == ["enterprise_employee"]
    assert not (tmp_path / "zhanchi.db").exists(), "verify needs no database"


def test_ineligible_is_exit_0_with_amount_0_and_figures(tmp_path: Path) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps({**EXAMPLE, "contribution_months": 35}), encoding="utf-8")
    result = zhanchi("verify", str(source), data_dir=tmp_path)
    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert out["eligible"] is False and out["amount_yuan"] == 0
    failed = [c for c in out["checks"] if not c["passed"]]
    assert failed == [{"rule": "contribution_months", "passed": False,
                       "message": "累计缴纳失业保险费35个月，不满36个月", "basis": "人社部发〔2017〕40号 一(一)"}]


def test_policy_option(tmp_path: Path) -> None:
    result = zhanchi("verify", "--policy", "cn-2019", "-", stdin=json.dumps(EXAMPLE), data_dir=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["policy"] == "cn-2019"


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({**EXAMPLE, "contribution_months": "forty"}, "contribution_months"),
        ({**EXAMPLE, "application_date": "2018/01/10"}, "application_date"),
        ({**EXAMPLE, "certificate": {**EXAMPLE["certificate"], "level": 7}}, "certificate.level"),
        ({**EXAMPLE, "certificate": {**EXAMPLE["certificate"], "kind": "diploma"}}, "certificate.kind"),
        ({k: v for k, v in EXAMPLE.items() if k != "applicant"}, "applicant"),
        ({**EXAMPLE, "insured_region": "4401"}, "insured_region"),
        ({**EXAMPLE, "prior_subsidies": [{"level": 5}]}, "prior_subsidies[0].occupation_code"),
        ([1, 2], "input"),
    ],
)
def test_malformed_input_exits_2_with_one_line_naming_the_field(tmp_path: Path, document: Any, field: str) -> None:
    result = zhanchi("verify", "-", stdin=json.dumps(document), data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{field}: "), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({**EXAMPLE, "insured_region": "999999"}, "insured_region"),
        ({**EXAMPLE, "insured_region": "²²²²²²"}, "insured_region"),
        ({**EXAMPLE, "insured_region": "44010"}, "insured_region"),
        ({**EXAMPLE, "application_region": "440199"}, "application_region"),
    ],
)
def test_bad_region_code_exits_2_naming_the_field_policy_1_insured_region(tmp_path: Path, document: Any,
                                                                           field: str) -> None:
    """POLICY.md §1 insured_region: an unknown region code is bad input (exit 2, one line naming the field),
    not an eligible case for 1500 yuan."""
    result = zhanchi("verify", "-", stdin=json.dumps(document, ensure_ascii=False), data_dir=tmp_path)
    assert (result.returncode, result.stdout) == (2, ""), result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{field}: ") and "行政区划代码" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_full_width_region_code_is_normalised_policy_1_insured_region(tmp_path: Path) -> None:
    """POLICY.md §1 insured_region / §6: ４４０１００ is 440100."""
    document = {**EXAMPLE, "insured_region": "４４０１００"}
    result = zhanchi("verify", "-", stdin=json.dumps(document, ensure_ascii=False), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["eligible"] is True and out["amount_yuan"] == 1500
    [region] = [c for c in out["checks"] if c["rule"] == "insured_region"]
    assert "440100（广东省广州市）" in region["message"]


@pytest.mark.parametrize(("stdin", "args", "word"), [("{", ("-",), "input"), (None, ("/no/such/file.json",), "FILE"),
                                                     ("{}", ("--policy", "cn-1999", "-"), "applicant")])
def test_unreadable_input_exits_2(tmp_path: Path, stdin: str | None, args: tuple[str, ...], word: str) -> None:
    result = zhanchi("verify", *args, stdin=stdin, data_dir=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and word in result.stderr


def test_unknown_policy_id_names_the_option(tmp_path: Path) -> None:
    result = zhanchi("verify", "--policy", "cn-1999", "-", stdin=json.dumps(EXAMPLE), data_dir=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("--policy: ")


def test_policy_loaded_into_the_data_folder_applies(tmp_path: Path) -> None:
    from desktop.models.reference import resource_dir

    (tmp_path / "policies").mkdir()
    text = (resource_dir() / "policies" / "cn-2025.toml").read_text(encoding="utf-8")
    text = (text.replace('id = "cn-2025"', 'id = "cn-2026"').replace("2025-01-01", "2026-01-01")
            .replace("2025-12-31", "2026-12-31"))
    (tmp_path / "policies" / "cn-2026.toml").write_text(text, encoding="utf-8")
    document = {**EXAMPLE, "application_date": "2026-11-27", "prior_subsidies": [],
                "certificate": {**EXAMPLE["certificate"], "issue_date": "2026-06-15"}}
    result = zhanchi("verify", "-", stdin=json.dumps(document), data_dir=tmp_path)
    out = json.loads(result.stdout)
    assert out["policy"] == "cn-2026" and out["policy_carried_over"] is False


def test_usage_error_is_one_line(tmp_path: Path) -> None:
    result = zhanchi("verify", data_dir=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def _with(path: str, value: Any) -> dict[str, Any]:
    """EXAMPLE with one value replaced (``certificate.issue_date``)."""
    document = json.loads(json.dumps(EXAMPLE))
    *parents, last = path.split(".")
    target = document
    for part in parents:
        target = target[part]
    target[last] = value
    return document


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (json.dumps(_with("application_date", "2018-W02-3")), "application_date: 日期格式应为 YYYY-MM-DD"),
        (json.dumps(_with("application_date", "20170601")), "application_date: 日期格式应为 YYYY-MM-DD"),
        (json.dumps(_with("certificate.issue_date", "2018-02-30")),
         "certificate.issue_date: 日期 2018-02-30 不存在，请核对年、月、日"),
        (json.dumps(_with("certificate.issue_date", "9999-06-01")),
         "certificate.issue_date: 日期 9999-06-01 不在可受理的范围内（1900年至2100年）"),
        (json.dumps(_with("contribution_months", "³²"), ensure_ascii=False), "contribution_months: 应为整数"),
        (json.dumps(_with("contribution_months", 10**30)), "contribution_months: 应在 0 到 1200 之间"),
        (json.dumps(_with("contribution_months", 0)).replace('"contribution_months": 0',
                                                             '"contribution_months": ' + "9" * 5000),
         "input: JSON 中有位数过多的数字"),
        ("[" * 100_000 + "]" * 100_000, "input: JSON 嵌套层数过多"),
    ],
    ids=["iso-week", "compact", "no-such-day", "year-9999", "superscript-digits", "10^30", "5000-digits",
         "nested-100000"],
)
def test_strict_input_is_one_line_and_exit_2_policy_6(tmp_path: Path, text: str, line: str) -> None:
    """Issue 15.6: dates are exactly YYYY-MM-DD of a day that exists, numbers are numbers a person
    types, and no input gives a traceback."""
    result = zhanchi("verify", "-", stdin=text, data_dir=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(line) and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr) < 300


def test_a_full_width_prior_occupation_code_is_the_same_occupation_40hao_3(tmp_path: Path) -> None:
    """Issue 15.6 / 40号 三: a prior subsidy typed with full-width characters is still the same
    occupation and level, so the duplicate is found."""
    document = _with("prior_subsidies", [{"occupation_code": "６－１８－０１－０１", "level": 4,
                                          "granted_on": "2017-09-01", "shortage": False}])
    result = zhanchi("verify", "-", stdin=json.dumps(document, ensure_ascii=False), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    duplicate = next(c for c in json.loads(result.stdout)["checks"] if c["rule"] == "duplicate_subsidy")
    assert duplicate["passed"] is False and "6-18-01-01" in duplicate["message"]


EMPLOYER_9 = {"name": "广州白云精密机械有限公司", "uscc": "91350100M000100Y43"}


def test_employer_code_decides_enterprise_employee_40hao_1(tmp_path: Path) -> None:
    """CONTRACTS.md: verify takes an optional employer; its code's first character decides 40号 一."""
    result = zhanchi("verify", "-", stdin=json.dumps({**EXAMPLE, "employer": EMPLOYER_9}, ensure_ascii=False),
                     data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    [rule] = [c for c in out["checks"] if c["rule"] == "enterprise_employee"]
    assert rule["passed"] is True and "verified" not in rule
    assert rule["message"] == "用人单位统一社会信用代码首位为9（市场监管部门登记），属企业职工"
    assert out["eligible"] is True


def test_without_employer_the_verdict_says_not_verified_40hao_1(tmp_path: Path) -> None:
    result = zhanchi("verify", "-", stdin=json.dumps(EXAMPLE), data_dir=tmp_path)
    [rule] = [c for c in json.loads(result.stdout)["checks"] if c["rule"] == "enterprise_employee"]
    assert rule["passed"] is True and rule["verified"] is False
    assert rule["message"] == "未提供用人单位统一社会信用代码，企业职工身份未核验"


@pytest.mark.parametrize("code", ["91440101MA59XXXX0X", "914401", 91350100])
def test_bad_employer_uscc_exits_2_naming_the_field_40hao_1(tmp_path: Path, code: Any) -> None:
    """A bad employer code is bad input (exit 2, one line naming employer.uscc), never a guess."""
    document = {**EXAMPLE, "employer": {"name": "广州白云精密机械有限公司", "uscc": code}}
    result = zhanchi("verify", "-", stdin=json.dumps(document, ensure_ascii=False), data_dir=tmp_path)
    assert (result.returncode, result.stdout) == (2, ""), result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("employer.uscc: "), result.stderr
    assert "Traceback" not in result.stderr
