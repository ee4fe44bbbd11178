"""Citations: only documents whose number and title are confirmed are cited as such (issue 15.8).

The seeds (../shared/seeds) hold 40号 and the 展翅行动 notice; POLICY.md §2 lists 人社部发〔2021〕29号 as not
read and gives 国办发〔2019〕24号 without an article.  The later periods' names are this software's
descriptions (``summary``, shown as 政策说明), never passed off as titles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.models.errors import PolicyError
from desktop.models.policy import PolicyBook, load_policy_file
from desktop.models.reference import resource_dir

POLICIES = resource_dir() / "policies"
BOOK = PolicyBook.load([POLICIES])
SEED_TITLE_40HAO = "人力资源社会保障部 财政部关于失业保险支持参保职工提升职业技能有关问题的通知"


def test_cn_2017_title_is_the_seeds_title_of_40hao() -> None:
    policy = BOOK.national("cn-2017")
    assert policy.title == SEED_TITLE_40HAO and policy.heading == SEED_TITLE_40HAO
    assert policy.summary  # a description as well, said to be one wherever it is shown


@pytest.mark.parametrize("policy_id", ["cn-2019", "cn-2021", "cn-2022", "cn-2024", "cn-2025"])
def test_later_periods_carry_a_description_not_a_title_policy_2(policy_id: str) -> None:
    """Their documents' titles are not confirmed by the seeds: no ``title``; the description is shown as
    政策说明, never as a document title."""
    policy = BOOK.national(policy_id)
    assert policy.title == ""
    assert policy.summary and policy.heading == f"政策说明：{policy.summary}"
    text = (POLICIES / f"{policy_id}.toml").read_text(encoding="utf-8")
    assert re.search(r"^title\s*=", text, re.M) is None


def test_2021_29hao_is_not_cited_as_a_confirmed_source_policy_2() -> None:
    """POLICY.md §2: 人社部发〔2021〕29号 was not read; cn-2021's yearly limit rests on local 2021 rules."""
    policy = BOOK.national("cn-2021")
    assert "人社部发〔2021〕29号" not in policy.documents
    basis = policy.rule("yearly_limit").basis  # type: ignore[union-attr]
    assert basis.startswith("各地2021年实施办法") and "原文未读" in basis and "未作依据" in basis
    for other in BOOK.nationals:
        assert "人社部发〔2021〕29号" not in other.documents, other.id


@pytest.mark.parametrize("policy_id", ["cn-2019", "cn-2021"])
def test_guobanfa_2019_24hao_is_cited_without_an_invented_article_policy_2(policy_id: str) -> None:
    basis = BOOK.national(policy_id).rule("contribution_months").basis  # type: ignore[union-attr]
    assert basis.startswith("国办发〔2019〕24号（放宽至")  # no article after the number
    assert "条款原文未核对" in basis and "不注条款" in basis
    assert re.search(r"24号\s*[一二三四五六七八九十]", basis) is None


def test_verdicts_cite_the_unread_2021_notice_only_as_unread() -> None:
    from desktop.models.application import parse_application
    from desktop.models.identity import id_check_character
    from desktop.models.rules import Verifier

    data = {
        "applicant": {"name": "张三", "id_number": "44010619900307123" + id_check_character("44010619900307123")},
        "insured_region": "440100", "application_region": "440100", "contribution_months": 20,
        "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                        "occupation_code": "6-18-01-01", "issue_date": "2021-01-04"},
        "application_date": "2021-06-01",
        "prior_subsidies": [{"occupation_code": "4-01-01-01", "level": 5, "granted_on": "2021-03-01"}],
    }
    verdict = Verifier.load(None).verify(parse_application(data))
    check = next(c for c in verdict.checks if c.rule == "yearly_limit")
    assert not check.passed and "原文未读" in check.basis
    assert not any(c.basis.startswith("人社部发〔2021〕29号") for c in verdict.checks)


# --- the loader validates title / summary -------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cn-2019.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _cn_2019() -> str:
    return (POLICIES / "cn-2019.toml").read_text(encoding="utf-8")


def test_a_description_given_as_title_beside_a_summary_is_refused(tmp_path: Path) -> None:
    text = _cn_2019().replace('summary = "', 'title = "技能提升补贴（放宽参保缴费年限）"\nsummary = "', 1)
    with pytest.raises(PolicyError) as err:
        load_policy_file(_write(tmp_path, text))
    assert err.value.key == "title" and "summary" in str(err.value)


def test_an_older_file_whose_title_is_a_description_loads_it_as_the_summary(tmp_path: Path) -> None:
    """An administrator's copy made before issue 15.8 keeps working; its description is not called a title."""
    text = re.sub(r"^summary = .*$", 'title = "技能提升补贴（2026，每年一次）"', _cn_2019(), count=1, flags=re.M)
    policy = load_policy_file(_write(tmp_path, text))
    assert policy.title == "" and policy.summary == "技能提升补贴（2026，每年一次）"  # type: ignore[union-attr]
    assert policy.heading == "政策说明：技能提升补贴（2026，每年一次）"  # type: ignore[union-attr]


def test_a_real_title_and_a_summary_load(tmp_path: Path) -> None:
    title = "国务院办公厅关于某事项的通知"
    text = _cn_2019().replace('summary = "', f'title = "{title}"\nsummary = "', 1)
    policy = load_policy_file(_write(tmp_path, text))
    assert policy.title == title and policy.heading == title  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ['""', '"   "'])
def test_a_file_with_neither_title_nor_summary_is_refused(tmp_path: Path, value: str) -> None:
    text = re.sub(r"^summary = .*$", f"summary = {value}", _cn_2019(), count=1, flags=re.M)
    with pytest.raises(PolicyError) as err:
        load_policy_file(_write(tmp_path, text))
    assert err.value.key == "summary" and err.value.source == "cn-2019.toml"


def test_summary_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    text = re.sub(r"^summary = .*$", "summary = 2019", _cn_2019(), count=1, flags=re.M)
    with pytest.raises(PolicyError) as err:
        load_policy_file(_write(tmp_path, text))
    assert err.value.key == "summary"


def test_documents_fall_back_to_the_heading_never_to_a_description_as_title() -> None:
    from dataclasses import replace

    from desktop.documents.case_documents import policy_label
    from desktop.models.rules import Verifier

    verifier = Verifier.load(None)
    bare = replace(BOOK.national("cn-2022"), documents=())
    assert policy_label(verifier, bare).startswith("政策说明：2022年起")
