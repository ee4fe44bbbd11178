"""The pooling-area table and the region list (POLICY.md §1 insured_region), read from resources/regions/."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.models.errors import PolicyError
from desktop.models.pooling import (
    MUNICIPALITY,
    PREFECTURE,
    PROVINCE_ADMINISTERED,
    PROVINCE_POOLING,
    PoolingTable,
    RegionList,
    pooling_area,
    region_list,
)
from desktop.models.reference import regions, resource_dir


@pytest.mark.parametrize(
    ("code", "key", "kind", "name"),
    [
        ("500236", "50", MUNICIPALITY, "重庆市"),  # 奉节县
        ("110228", "11", MUNICIPALITY, "北京市"),  # former 密云县
        ("510202", "50", MUNICIPALITY, "重庆市"),  # 渝中区 before 重庆 left 四川 (1997)
        ("429004", "429004", PROVINCE_ADMINISTERED, "湖北省仙桃市"),
        ("659001", "659001", PROVINCE_ADMINISTERED, "新疆维吾尔自治区石河子市"),
        ("440106", "4401", PREFECTURE, "广东省广州市"),
        ("440181", "4401", PREFECTURE, "广东省广州市"),  # former 番禺市, now 番禺区 440113
        ("341402", "3401", PREFECTURE, "安徽省合肥市"),  # 居巢区 of the abolished 巢湖市 (2011) -> 合肥
    ],
)
def test_pooling_area_by_the_table_policy_1_insured_region(code: str, key: str, kind: str, name: str) -> None:
    """POLICY.md §1 insured_region: the table decides, and a former code counts where it went."""
    area = pooling_area(code)
    assert (area.key, area.kind, area.name) == (key, kind, name)


def test_province_pooling_is_the_province_policy_1_insured_region() -> None:
    """POLICY.md §1 insured_region: an overlay's pooling = "province" widens every area to its province."""
    assert pooling_area("429004", "province") == pooling_area("420100", "province")
    area = pooling_area("640200", "province")
    assert (area.key, area.kind, area.name) == ("64", PROVINCE_POOLING, "宁夏回族自治区")


def test_the_table_is_data_policy_1_insured_region(tmp_path: Path) -> None:
    """POLICY.md §1 insured_region: "any other listed as such" is one more line in pooling.toml, no code."""
    table = tmp_path / "pooling.toml"
    table.write_text('municipalities = ["11", "12", "31", "50"]\n'
                     'province_administered = ["4290", "130682"]\n', encoding="utf-8")
    places = RegionList(regions(), {}, PoolingTable.load(table))
    assert places.area("130682").kind == PROVINCE_ADMINISTERED  # 定州, were it listed as such
    assert places.area("130681").key == "1306"
    assert places.area("419001").key == "4190"  # 济源: not in this table, so by prefecture


@pytest.mark.parametrize(
    ("text", "key"),
    [('municipalities = "11"\nprovince_administered = []\n', "municipalities"),
     ('municipalities = ["11"]\nprovince_administered = ["42900"]\n', "province_administered"),
     ('municipalities = ["11"]\n', "province_administered"),
     ("municipalities = [", "file")],
)
def test_a_malformed_table_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    table = tmp_path / "pooling.toml"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as bad:
        PoolingTable.load(table)
    assert bad.value.key == key and bad.value.source == "pooling.toml"


def test_every_former_code_leads_to_a_code_in_use() -> None:
    """history.csv: following successors ends on a listed code that is not former, for every row."""
    places = region_list()
    with (resource_dir() / "regions" / "history.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 3000
    for row in rows:
        current = places.current(row["code"])
        assert current in places and not places.is_former(current), row


def test_members_hold_former_codes_of_the_area() -> None:
    """What outreach screens by: 广州's members include former codes and no other prefecture's."""
    members = region_list().members(pooling_area("440100"))
    assert {"440106", "440181", "440100"} <= members
    assert not any(code.startswith("4403") for code in members)
    assert {"500236", "510202"} <= region_list().members(pooling_area("500103"))
