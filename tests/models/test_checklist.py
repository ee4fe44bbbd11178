"""The one-time notice checklist and how documents state materials (POLICY.md §4, 展翅行动 二(四),
40号 二(二); issue 15.7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.checklist import (
    TYPED,
    Source,
    SourceKind,
    build_checklist,
    missing_items,
    office_lines,
    received_lines,
    shared_lines,
)
from desktop.models.errors import PolicyError
from desktop.models.policy import PolicyBook, default_policy_dirs, load_policy_file
from desktop.models.reference import resource_dir

BOOK = PolicyBook.load(default_policy_dirs())
POLICY = BOOK.for_case(dt.date(2018, 1, 10), "440100")
APPLICANT_LIST = ["application_form", "id_card", "payment_account"]


def test_everything_needed_when_nothing_is_shared_policy_4() -> None:
    items = build_checklist(POLICY, {})
    assert [i.code for i in items] == [m.code for m in POLICY.materials] == APPLICANT_LIST
    assert all(i.needed and not i.received for i in items)
    assert len(missing_items(items)) == len(items)


@pytest.mark.parametrize("policy", BOOK.nationals, ids=lambda p: p.id)
def test_national_lists_never_ask_for_what_the_office_checks_40hao_2_2_policy_4(policy: object) -> None:
    """POLICY.md §4: the contribution record and the certificate are checked by the office itself (40号 二(二):
    联网查询, comparison with the contribution records); they are never on the applicant's list, and no item
    sends the applicant to print something elsewhere.  The identity card is sighted, no photocopy kept."""
    materials = {m.code: m for m in policy.materials}  # type: ignore[attr-defined]
    assert list(materials) == APPLICANT_LIST
    for material in materials.values():
        assert "打印" not in material.how and "缴费" not in material.name and "证书" not in material.name
        assert material.shared_by in ("", "identity")
    card = materials["id_card"]
    assert card.sighted and card.shared_by == "identity" and "不留复印件" in card.how
    assert "申请表" in materials["application_form"].name and "诚信承诺" in materials["application_form"].name
    assert not materials["application_form"].sighted


def test_items_held_by_another_department_are_not_asked_for_zhanchi_2_4() -> None:
    items = {i.code: i for i in build_checklist(POLICY, {"identity": Source(SourceKind.ONLINE)})}
    assert not items["id_card"].needed and "在线核验" in items["id_card"].reason
    assert items["application_form"].needed and items["payment_account"].needed


def test_sources_say_their_as_of_in_office_time_as_2018年1月10日_policy_4() -> None:
    as_of = dt.datetime(2018, 1, 9, 18, 0, tzinfo=dt.UTC)  # 2018-01-10 02:00 in Beijing
    assert Source(SourceKind.SYNCED, as_of).label() == "本地同步数据（截至2018年1月10日 02:00）"
    assert Source(SourceKind.ONLINE, as_of).label() == "在线核验（2018年1月10日 02:00查询）"
    assert TYPED.label() == "手工录入·待核验"
    item = build_checklist(POLICY, {"identity": Source(SourceKind.SYNCED, as_of)})[1]
    assert item.code == "id_card" and "2018年1月10日 02:00" in item.reason


def test_identity_typed_by_hand_means_the_card_is_sighted_zhanchi_2_4() -> None:
    items = {i.code: i for i in build_checklist(POLICY, {"identity": TYPED})}
    assert items["id_card"].needed, "typed by hand: the card itself must be seen"


def test_ticked_items_are_no_longer_missing() -> None:
    items = build_checklist(POLICY, {"identity": Source(SourceKind.ONLINE)},
                            received=["application_form", "certificate", "id_card"])
    assert {i.code for i in missing_items(items)} == {"payment_account"}
    by_code = {i.code: i for i in items}
    assert not by_code["id_card"].received, "an item not needed is never counted as handed in"


# --- the three kinds a document states (POLICY.md §4) ----------------------------------------------------------


def test_received_lists_only_what_was_handed_over_and_says_a_sighted_original_was_not_kept_policy_4() -> None:
    lines = received_lines(POLICY, {}, ["application_form", "id_card", "contribution_record", "certificate"])
    assert lines == ["《技能提升补贴申请表》（含申请人诚信承诺）", "居民身份证（原件已现场核验，当场退还，未留复印件）"]
    # Shared by information sharing: said as shared, never as received, even if the box was ticked.
    assert received_lines(POLICY, {"identity": Source(SourceKind.ONLINE)}, ["id_card"]) == []


def test_shared_lists_only_what_sharing_confirmed_with_source_and_as_of_policy_4() -> None:
    as_of = dt.datetime(2018, 1, 9, 18, 0, tzinfo=dt.UTC)
    sources = {"identity": Source(SourceKind.ONLINE, as_of), "contributions": Source(SourceKind.SYNCED, as_of),
               "certificate": TYPED}
    assert shared_lines(POLICY, sources) == [
        "身份信息：在线核验（2018年1月10日 02:00查询），免于提供居民身份证",
        "参保缴费记录：本地同步数据（截至2018年1月10日 02:00）",
    ]
    assert office_lines(sources) == ["证书信息未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"]
    assert shared_lines(POLICY, {}) == [] and shared_lines(POLICY, {k: TYPED for k in sources}) == []
    assert office_lines({}) == [
        "参保缴费记录、证书信息未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"]
    assert office_lines({k: Source(SourceKind.ONLINE) for k in sources}) == []


def test_source_round_trips_as_json() -> None:
    source = Source(SourceKind.SYNCED, dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC))
    assert Source.from_json(source.to_json()) == source


# --- the loader keeps the lists so (issue 15.7) -----------------------------------------------------------------


def _with_material(tmp_path: Path, block: str) -> Path:
    text = (resource_dir() / "policies" / "cn-2017.toml").read_text(encoding="utf-8")
    path = tmp_path / "cn-2017.toml"
    path.write_text(text + "\n[[materials]]\n" + block, encoding="utf-8")
    return path


@pytest.mark.parametrize(("block", "key"), [
    ('code = "contribution_record"\nname = "失业保险参保缴费证明"\nhow = "到社保经办机构打印"\n', "materials[3].code"),
    ('code = "proof"\nname = "参保证明"\nhow = "打印"\nshared_by = "contributions"\n', "materials[3].shared_by"),
    ('code = "cert"\nname = "证书"\nhow = "原件"\nshared_by = "certificate"\n', "materials[3].shared_by"),
    ('code = "x"\nname = "某材料"\nshared_by = "registry"\n', "materials[3].shared_by"),
    ('code = "x"\nname = "某材料"\nsighted = "是"\n', "materials[3].sighted"),
])
def test_a_list_asking_for_what_the_office_checks_is_refused_40hao_2_2(tmp_path: Path, block: str,
                                                                        key: str) -> None:
    with pytest.raises(PolicyError) as err:
        load_policy_file(_with_material(tmp_path, block))
    assert err.value.key == key and err.value.source == "cn-2017.toml"
    if "contribution" in block or "certificate" in block:
        assert "40号 二(二)" in str(err.value)
