"""How a decision cites a rule's basis (issue 17.2): 人社部发〔2017〕40号 一(一) → 第一条第（一）项."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from desktop.documents.wording import clause_cn, fact_with_clause

POLICIES = Path(__file__).resolve().parents[2] / "resources" / "policies"


@pytest.mark.parametrize(("basis", "cited"), [
    ("人社部发〔2017〕40号 一(一)", "人社部发〔2017〕40号 第一条第（一）项"),
    ("人社部发〔2017〕40号 一（二）", "人社部发〔2017〕40号 第一条第（二）项"),
    ("人社部发〔2017〕40号 三", "人社部发〔2017〕40号 第三条"),
    ("人社部发〔2017〕40号 十二(三)", "人社部发〔2017〕40号 第十二条第（三）项"),
    ("人社部发〔2017〕40号 一（同时符合以下条件的企业职工）",
     "人社部发〔2017〕40号 第一条（同时符合以下条件的企业职工）"),
    ("证书核验，人社部发〔2017〕40号 五(三)", "证书核验，人社部发〔2017〕40号 第五条第（三）项"),
    ("身份核验，展翅行动 二(五)", "身份核验，“展翅行动”通知 第二条第（五）项"),
    ("人社部发〔2017〕40号 二(一)；《中华人民共和国民法典》第二百零三条",
     "人社部发〔2017〕40号 第二条第（一）项；《中华人民共和国民法典》第二百零三条"),
    ("人社部发〔2017〕40号 一（企业职工）；人社部发〔2022〕23号 一（领取失业保险金人员）",
     "人社部发〔2017〕40号 第一条（企业职工）；人社部发〔2022〕23号 第一条（领取失业保险金人员）"),
    ("人社部发〔2024〕40号", "人社部发〔2024〕40号"),  # a document without a clause stays as it is
    # a ； inside a gloss does not split it
    ("国办发〔2019〕24号（放宽至累计缴费满12个月；条款原文未核对，不注条款）",
     "国办发〔2019〕24号（放宽至累计缴费满12个月；条款原文未核对，不注条款）"),
    ("人社部发〔2017〕40号 第一条第（一）项", "人社部发〔2017〕40号 第一条第（一）项"),  # already cited: unchanged
    ("", ""),
])
def test_clause_rendering(basis: str, cited: str) -> None:
    assert clause_cn(basis) == cited


def test_the_fact_then_its_clause() -> None:
    assert fact_with_clause("累计缴费28个月，不足36个月", "人社部发〔2017〕40号 一(一)") == (
        "累计缴费28个月，不足36个月（人社部发〔2017〕40号 第一条第（一）项）")
    assert fact_with_clause("证书等级为二级。", "") == "证书等级为二级"


def _bases(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "basis" and isinstance(v, str)] + [
            b for v in node.values() for b in _bases(v)]
    if isinstance(node, list):
        return [b for v in node for b in _bases(v)]
    return []


def test_every_basis_in_the_policy_tables_is_cited_by_article_and_item() -> None:
    bases = {b for path in POLICIES.rglob("*.toml") for b in _bases(tomllib.loads(path.read_text("utf-8")))}
    assert len(bases) > 5
    raw_clause = re.compile(r"[号动]\s+[一二三四五六七八九十]+(?:[(（]|$|；)")
    for basis in bases:
        cited = clause_cn(basis)
        assert not raw_clause.search(cited), f"{basis!r} → {cited!r}"
        assert "(" not in cited and ")" not in cited, f"{basis!r} → {cited!r}: full-width brackets in a citation"
