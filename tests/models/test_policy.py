"""Policy files: loading, refusing malformed ones, adding a year as data (POLICY.md §2)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from desktop.models.errors import PolicyError
from desktop.models.policy import PolicyBook, load_policy_file
from desktop.models.reference import resource_dir

POLICIES = resource_dir() / "policies"


def test_shipped_policies_load() -> None:
    book = PolicyBook.load([POLICIES])
    assert [p.id for p in book.nationals] == ["cn-2017", "cn-2019", "cn-2021", "cn-2022", "cn-2024", "cn-2025"]
    assert sorted(o.id for o in book.overlays) == ["gd-2023", "nx-2025", "zj-2024"]
    for policy in book.nationals:
        assert policy.amounts == {5: 1000, 4: 1500, 3: 2000}
        assert policy.materials, policy.id


@pytest.mark.parametrize(
    ("policy_id", "months", "yearly", "lower"),
    [
        ("cn-2017", 36, None, False),
        ("cn-2019", 12, None, False),
        ("cn-2021", 12, (1, 0), False),
        ("cn-2022", 12, (3, 0), True),
        ("cn-2024", 12, (3, 0), True),
        ("cn-2025", 12, (1, 2), True),
    ],
)
def test_national_rows_match_policy_md_2(policy_id: str, months: int, yearly: tuple[int, int] | None,
                                         lower: bool) -> None:
    policy = PolicyBook.load([POLICIES]).national(policy_id)
    contribution = policy.rule("contribution_months")
    assert contribution is not None and contribution.params["min_months"] == months
    yearly_rule = policy.rule("yearly_limit")
    if yearly is None:
        assert yearly_rule is None
    else:
        assert yearly_rule is not None
        assert (yearly_rule.params["max_per_year"], yearly_rule.params["extra_for_shortage"]) == yearly
    assert (policy.rule("lower_level") is not None) is lower
    assert (policy.rule("training_subsidy") is not None) is (policy_id in ("cn-2024", "cn-2025"))


@pytest.mark.parametrize(("policy_id", "benefit"), [("cn-2017", False), ("cn-2019", False), ("cn-2021", False),
                                                   ("cn-2022", True), ("cn-2024", True), ("cn-2025", True)])
def test_every_national_row_checks_enterprise_employee_40hao_1(policy_id: str, benefit: bool) -> None:
    """POLICY.md §1 enterprise_employee: every period checks it; 9 passes and 1 fails by the table, and from
    cn-2022 (POLICY.md §2) receiving unemployment benefit qualifies too."""
    rule = PolicyBook.load([POLICIES]).national(policy_id).rule("enterprise_employee")
    assert rule is not None and "40号 一" in rule.basis
    authorities = rule.params["registering_authorities"]
    assert authorities["9"].enterprise and not authorities["1"].enterprise
    assert "5" in authorities
    assert rule.params["unemployment_benefit_qualifies"] is benefit


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def copy_with(tmp_path: Path, source: str, old: str, new: str) -> Path:
    text = (POLICIES / source).read_text(encoding="utf-8")
    assert old in text, old
    return write(tmp_path, source, text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("min_months = 36", "min_month = 36", "rules.contribution_months.min_month"),
        ("min_months = 36", "min_months = \"36\"", "rules.contribution_months.min_months"),
        ("valid_from = 2017-05-15", "valid_from = \"May 2017\"", "valid_from"),
        ("levels = [5, 4, 3]", "levels = [5, 4, 6]", "rules.certificate_level.levels"),
        ("pooling = \"prefecture\"", "pooling = \"county\"", "rules.insured_region.pooling"),
        ("[rules.duplicate_subsidy]", "[rules.duplicate_subsidies]", "rules.duplicate_subsidies"),
        ("3 = 2000", "3 = 2000.5", "amounts.3"),
        ("3 = 2000", "7 = 2000", "amounts.7"),
        ("publicity_workdays = 5\n", "", "publicity_workdays"),
        ("basis = \"人社部发〔2017〕40号 一(一)\"\n", "", "rules.contribution_months.basis"),
        ("\"9\" = { name = \"市场监管部门登记\", enterprise = true }",
         "\"9\" = { name = \"市场监管部门登记\", enterprise = \"是\" }",
         "rules.enterprise_employee.registering_authorities.9.enterprise"),
        ("\"9\" = { name = \"市场监管部门登记\", enterprise = true }",
         "\"9\" = { enterprise = true }", "rules.enterprise_employee.registering_authorities.9.name"),
        ("\"9\" = { name = \"市场监管部门登记\", enterprise = true }",
         "\"I\" = { name = \"市场监管部门登记\", enterprise = true }",
         "rules.enterprise_employee.registering_authorities.I"),
        ("[rules.enterprise_employee.registering_authorities]", "[rules.enterprise_employee.authorities]",
         "rules.enterprise_employee.authorities"),
    ],
)
def test_malformed_policy_file_names_file_and_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    path = copy_with(tmp_path, "cn-2017.toml", old, new)
    with pytest.raises(PolicyError) as err:
        load_policy_file(path)
    assert err.value.source == "cn-2017.toml"
    assert err.value.key == key
    assert "cn-2017.toml" in str(err.value) and key in str(err.value)


def test_broken_toml_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "cn-2030.toml", "id = \"cn-2030\"\nkind = national\n")
    with pytest.raises(PolicyError) as err:
        load_policy_file(path)
    assert err.value.source == "cn-2030.toml" and err.value.key == "TOML"


def test_unknown_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as err:
        load_policy_file(write(tmp_path, "x.toml", "kind = \"local\"\n"))
    assert err.value.key == "kind"


def test_overlapping_national_periods_are_refused(tmp_path: Path) -> None:
    shutil.copytree(POLICIES, tmp_path / "policies")
    clash = (POLICIES / "cn-2025.toml").read_text(encoding="utf-8")
    clash = clash.replace('id = "cn-2025"', 'id = "cn-2025b"')
    clash = clash.replace("valid_from = 2025-01-01", "valid_from = 2025-06-01")
    write(tmp_path / "policies", "cn-2025b.toml", clash)
    with pytest.raises(PolicyError) as err:
        PolicyBook.load([tmp_path / "policies"])
    assert err.value.key == "valid_from"


def test_duplicate_policy_id_is_refused(tmp_path: Path) -> None:
    shutil.copy(POLICIES / "cn-2025.toml", tmp_path / "again.toml")
    with pytest.raises(PolicyError) as err:
        PolicyBook.load([POLICIES, tmp_path])
    assert err.value.key == "id" and err.value.source == "again.toml"


def test_overlay_may_not_change_unknown_keys(tmp_path: Path) -> None:
    text = (POLICIES / "regions" / "gd-2023.toml").read_text(encoding="utf-8")
    path = write(tmp_path, "gd-2023.toml", text.replace("shortage_bonus_percent", "shortage_bonus_pct"))
    with pytest.raises(PolicyError) as err:
        load_policy_file(path)
    assert err.value.key == "shortage_bonus_pct"


def test_adding_a_policy_year_is_one_new_file(tmp_path: Path) -> None:
    """POLICY.md §2: an administrator loads the 2026 notice as data, with no code change."""
    admin = tmp_path / "policies"
    admin.mkdir()
    text = (POLICIES / "cn-2025.toml").read_text(encoding="utf-8")
    text = (text.replace('id = "cn-2025"', 'id = "cn-2026"')
                .replace("valid_from = 2025-01-01", "valid_from = 2026-01-01")
                .replace("valid_to = 2025-12-31", "valid_to = 2026-12-31")
                .replace("max_per_year = 1", "max_per_year = 2"))
    write(admin, "cn-2026.toml", text)
    book = PolicyBook.load([POLICIES, admin])
    policy = book.for_case(dt.date(2026, 11, 27), "440100")
    assert policy.id == "cn-2026" and not policy.carried_over and policy.note == ""
    yearly = policy.rule("yearly_limit")
    assert yearly is not None and yearly.params["max_per_year"] == 2
    assert book.for_case(dt.date(2027, 1, 4), "440100").carried_over
