"""Policy files: loading, refusing malformed ones, adding a year as data (POLICY.md §2)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from overlay_fixtures import TEST_DOCUMENT, overlay, source

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


# --- provenance of regional overlays (issue 15.1) ------------------------------------------------------

GZ_BODY = ('shortage_bonus_percent = 30\nshortage_catalogue = ["6-18-01-01"]\n\n'
           '[rules.insured_region]\npooling = "province"\n')


def gz_overlay(sources: str | None = None) -> str:
    return overlay("gz-2023-test", "440100", GZ_BODY, valid_from="2023-01-01", valid_to="2023-12-31",
                   applies_to=("cn-2022",), sources=sources)


@pytest.mark.parametrize(
    ("sources", "key"),
    [
        (source(document=""), "source.document"),
        (source(issuer=""), "source.issuer"),
        (source(date=None), "source.date"),
        (source(status="unconfirmed") + "\n" + source("sources.shortage_catalogue", document=""),
         "sources.shortage_catalogue.document"),
        (source(status="unconfirmed") + "\n" + source("sources.rules.insured_region", date=None),
         "sources.rules.insured_region.date"),
    ],
)
def test_a_confirmed_source_without_document_issuer_or_date_is_refused_naming_the_key(
    tmp_path: Path, sources: str, key: str
) -> None:
    """Issue 15.1: a value is confirmed only with its document number (文号), issuing body and date."""
    with pytest.raises(PolicyError) as err:
        load_policy_file(write(tmp_path, "gz-2023-test.toml", gz_overlay(sources)))
    assert err.value.key == key and err.value.source == "gz-2023-test.toml"
    assert "confirmed" in str(err.value)


@pytest.mark.parametrize(
    ("sources", "key"),
    [
        (source().replace("document =", "documnet ="), "source.documnet"),
        (source(status="verified"), "source.status"),
        (source("sources.shortage_amounts"), "sources.shortage_amounts"),
        (source("sources.rules.yearly_limit"), "sources.rules.yearly_limit"),
        (source().replace("date = 2023-03-01", 'date = "2023-03-01"'), "source.date"),
    ],
)
def test_source_tables_are_checked_like_every_key(tmp_path: Path, sources: str, key: str) -> None:
    """A misspelt key, an unknown status, a source for an item the file does not set: refused, named."""
    with pytest.raises(PolicyError) as err:
        load_policy_file(write(tmp_path, "gz-2023-test.toml", gz_overlay(sources)))
    assert err.value.key == key


def test_an_unconfirmed_overlay_changes_nothing_and_the_note_names_it(tmp_path: Path) -> None:
    """Issue 15.1: an unconfirmed value is never applied; the policy keeps the national value and its note says
    which local rule was left out, with what is known of its source.  A file without ``[source]`` (as
    administrators wrote them before) is unconfirmed."""
    admin = tmp_path / "policies"
    admin.mkdir()
    write(admin, "gz-2023-test.toml", gz_overlay(source(status="unconfirmed", note="据转载")))
    book = PolicyBook.load([POLICIES, admin])
    policy = book.for_case(dt.date(2023, 5, 4), "440100")
    insured = policy.rule("insured_region")
    assert insured is not None and insured.params["pooling"] == "prefecture"
    assert policy.shortage_catalogue == frozenset() and policy.shortage_bonus_percent == 0
    assert policy.overlays == () and policy.label == "cn-2022"
    assert "（gz-2023-test）的紧缺急需职业补贴上浮比例、紧缺急需职业(工种)目录、失业保险统筹层级未经核实" in policy.note
    assert "来源：测试人社发〔2023〕1号，测试市人力资源和社会保障局，2023年3月1日，据转载" in policy.note
    assert "按全国政策 cn-2022 执行" in policy.note
    no_source = gz_overlay("").replace('id = "gz-2023-test"', 'id = "gz-2023-old"')
    write(admin, "gz-2023-test.toml", no_source)
    policy = PolicyBook.load([POLICIES, admin]).for_case(dt.date(2023, 5, 4), "440100")
    assert policy.shortage_bonus_percent == 0 and "（来源：文件未注明来源）" in policy.note


def test_a_confirmed_overlay_applies_and_records_its_provenance(tmp_path: Path) -> None:
    """A confirmed value applies; the rule it changes cites the document; the policy records where each
    applied value comes from."""
    admin = tmp_path / "policies"
    admin.mkdir()
    write(admin, "gz-2023-test.toml", gz_overlay())
    policy = PolicyBook.load([POLICIES, admin]).for_case(dt.date(2023, 5, 4), "440100")
    assert policy.label == "cn-2022+gz-2023-test" and policy.shortage_bonus_percent == 30
    insured = policy.rule("insured_region")
    assert insured is not None and insured.params["pooling"] == "province"
    assert insured.basis.endswith(f"；{TEST_DOCUMENT}")
    assert set(policy.sources) == {"shortage_bonus_percent", "shortage_catalogue", "rules.insured_region"}
    assert all(v.provenance.confirmed and v.overlay == "gz-2023-test" for v in policy.sources.values())
    assert policy.note == ""  # gd-2023's unconfirmed +30 % is replaced by the city's confirmed value


def test_shipped_overlays_are_unconfirmed_and_carry_no_example_values() -> None:
    """Issue 15.1: the regional tables come from a research digest of reposts (POLICY.md §2): shipped as
    unconfirmed, with no example shortage catalogue, no example pooling level, no basis naming a document
    that is not one (issue 15.8)."""
    book = PolicyBook.load([POLICIES])
    for item in book.overlays:
        assert not item.provenance.confirmed and item.provenance.note, item.id
        assert not any(p.confirmed for p in item.item_sources.values()), item.id
        assert "shortage_catalogue" not in item.changes, item.id
        assert "insured_region" not in item.rule_changes, item.id
        assert not any("basis" in change for change in item.rule_changes.values()), item.id
    for path in (POLICIES / "regions").glob("*.toml"):
        values = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        assert not [line for line in values if "示例" in line or "实施办法" in line or "统筹" in line], path.name


def test_ningxia_2025_reading_of_shortage_up_to_twice_issue_15_9() -> None:
    """Issue 15.9: nx-2025 reads "shortage up to twice" as one ordinary claim plus up to two shortage claims a
    year (as cn-2025), marked unconfirmed with the reading stated; the reasons are in the file and in
    docs/policy-overlays.md."""
    book = PolicyBook.load([POLICIES])
    nx = next(o for o in book.overlays if o.id == "nx-2025")
    assert nx.rule_changes["yearly_limit"] == {"max_per_year": 1, "extra_for_shortage": 2}
    reading = nx.source_of("rules.yearly_limit")
    assert not reading.confirmed and "普通职业每年1次，紧缺急需职业另可最多2次" in reading.note
    national = book.national("cn-2025").rule("yearly_limit")
    assert national is not None and dict(national.params) == nx.rule_changes["yearly_limit"]
    assert "docs/policy-overlays.md" in (POLICIES / "regions" / "nx-2025.toml").read_text(encoding="utf-8")
    assert (Path(__file__).resolve().parents[2] / "docs" / "policy-overlays.md").is_file()


def test_the_policy_a_case_was_decided_under_is_found_one_way() -> None:
    """Issue 18.3: the queue, the documents and the reports ask ``decided_under``: the policy in force for the
    case's date and region, or the national one its verdict recorded (a composite id names it first); a
    recorded id no longer loaded leaves the one in force."""
    book = PolicyBook.load([POLICIES])
    day, region = dt.date(2026, 3, 2), "440106"
    in_force = book.for_case(day, region)
    assert book.decided_under(day, region).id == in_force.id
    assert book.decided_under(day, region, "cn-2019").id == "cn-2019"
    assert book.decided_under(day, region, "cn-2019+gd-2023").id == "cn-2019"
    assert book.decided_under(day, region, "cn-1999").id == in_force.id
    assert book.decided_under(day, region, in_force.id) == in_force
