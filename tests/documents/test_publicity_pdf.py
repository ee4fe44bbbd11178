"""公示名单: masked names only, the period in working days and dates, how to object, fonts embedded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from document_helpers import (
    LONG_NAME,
    LONG_OCCUPATION,
    assert_inside_margins,
    flat,
    office,
    pdf_fonts,
    pdf_text,
    qpdf_check,
)

from desktop.documents.layout import PAGE_FORMATS
from desktop.documents.publicity import (
    PublicityListData,
    PublicityRow,
    issue_publicity_list,
    render_publicity_list,
)
from desktop.models import audit, outbox, publicity, review
from desktop.models.application import Intake
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.office import MissingSetting, set_office_profile
from desktop.models.rules import Verifier
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

# The office's own objection line and street address (issue 17.10), set by an administrator.
OBJECTION = {"objection_phone": "020-38881234", "objection_address": "广州市天河区天河北路123号一楼"}


def listing(**overrides: object) -> PublicityListData:
    base = PublicityListData(
        office=office(),
        batch_no="440106-AB12-GS20251230-01",
        starts_on=dt.date(2025, 9, 30),
        ends_on=dt.date(2025, 10, 14),
        workdays=5,
        provisional=False,
        rows=[
            PublicityRow("张晓梅", "广州市某机械有限公司", "车工", 4, 1500),
            PublicityRow("欧阳修", "广州白云精密机械有限公司", "焊工", 3, 2000),
            PublicityRow("李四", "", "电工", 5, 1000),
        ],
        objection_phone=OBJECTION["objection_phone"],
        objection_address=OBJECTION["objection_address"],
    )
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


def test_names_are_masked_and_the_period_is_stated(pdf_path: Path) -> None:
    render_publicity_list(listing(), pdf_path)
    text = flat(pdf_text(pdf_path))
    for masked in ("张*梅", "欧*修", "李*"):
        assert masked in text
    for full in ("张晓梅", "欧阳修", "李四"):
        assert full not in text
    assert "2025年9月30日至2025年10月14日" in text and "5个工作日" in text
    assert "广州白云精密机械有限公司" in text and "四级/中级工" in text and "三级/高级工" in text
    assert "合计" in text and "3人" in text and "4,500" in text and "肆仟伍佰元整" in text
    assert "异议受理电话：020-38881234" in text and "来信来访地址：广州市天河区天河北路123号一楼" in text
    assert "12333" not in text
    assert "异议" in text and "440106-AB12-GS20251230-01" in text
    assert "暂定" not in text


def test_fonts_are_embedded_and_the_file_is_sound(pdf_path: Path) -> None:
    render_publicity_list(listing(), pdf_path)
    fonts = pdf_fonts(pdf_path)
    assert fonts and all(f.embedded for f in fonts), fonts
    assert not any("Helvetica" in f.name for f in fonts)
    qpdf_check(pdf_path)


def test_a_provisional_period_says_so(pdf_path: Path) -> None:
    render_publicity_list(listing(starts_on=dt.date(2026, 12, 28), ends_on=dt.date(2027, 1, 5), provisional=True),
                          pdf_path)
    text = flat(pdf_text(pdf_path))
    assert "2026年12月28日至2027年1月5日" in text and "暂定" in text


def test_a_long_list_repeats_its_header_and_stays_inside_the_margins(pdf_path: Path) -> None:
    rows = [PublicityRow(LONG_NAME if i % 7 == 0 else f"王{i}强", "广州市某某精密机械制造有限公司第二分公司",
                         LONG_OCCUPATION if i % 11 == 0 else "车工", 4, 1500) for i in range(60)]
    render_publicity_list(listing(rows=rows), pdf_path)
    text = pdf_text(pdf_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    assert all("补贴金额" in p for p in pages if p.strip())
    assert LONG_NAME not in flat(text) and "90,000" in text
    assert_inside_margins(pdf_path, PAGE_FORMATS["a4"].margin_x, hang=12)


def test_every_page_carries_the_seal_and_the_basis_is_cited_by_title_and_number(pdf_path: Path) -> None:
    """Issue 17.10 (展翅行动 通知 fund supervision: publicity 公示): a list posted page by page is sealed on
    every page; its basis is 《…通知》（人社部发〔2017〕40号）; objections go to the office's own phone and address."""
    rows = [PublicityRow(f"王{i}强", "广州市某某精密机械制造有限公司", "车工", 4, 1500) for i in range(60)]
    render_publicity_list(listing(rows=rows), pdf_path)
    pages = [flat(p) for p in pdf_text(pdf_path).split("\f") if p.strip()]
    assert len(pages) >= 2
    for page in pages:
        assert "公示单位（盖章）：广州市天河区人力资源和社会保障局公共就业服务大厅" in page
    assert ("根据《人力资源社会保障部财政部关于失业保险支持参保职工提升职业技能有关问题的通知》（人社部发〔2017〕40号）"
            in pages[0])


def test_a_list_without_the_objection_settings_is_not_rendered(pdf_path: Path) -> None:
    with pytest.raises(ValueError, match="objection"):
        render_publicity_list(listing(objection_phone=""), pdf_path)
    assert not pdf_path.exists()


# --- printing a batch from the store ---------------------------------------------------------


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


def _id(n: int) -> str:
    first17 = f"44010619850202{n:03d}"
    return first17 + id_check_character(first17)


@pytest.fixture
def batch(store: Store, verifier: Verifier, team: SimpleNamespace,
          make_intake: Callable[..., Intake]) -> publicity.Batch:
    for n, name in ((1, "张晓梅"), (2, "欧阳修")):
        intake = make_intake(
            applicant={"name": name, "id_number": _id(n)},
            certificate={"number": f"S00014400012317400000{n}", "kind": "skill_level", "level": 4,
                         "occupation_code": "6-18-01-01", "issue_date": "2017-06-01"},
            payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行", "holder_name": name},
        )
        record, _ = file_case(store, verifier, team.clerk, intake, accept=True)
        review.pass_review(store, verifier, team.reviewer, record.id)
    set_office_profile(store, team.admin, **OBJECTION)
    return publicity.create_batch(store, team.reviewer)


def test_printing_a_published_batch_is_audited(
    store: Store, verifier: Verifier, team: SimpleNamespace, batch: publicity.Batch, tmp_path: Path
) -> None:
    with pytest.raises(Conflict, match="尚未发布"):
        issue_publicity_list(store, team.reviewer, batch.batch_no, tmp_path / "draft.pdf")
    assert not (tmp_path / "draft.pdf").exists()
    publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    issued = issue_publicity_list(store, team.clerk, batch.batch_no, tmp_path / "list.pdf")
    text = flat(pdf_text(issued.path))
    assert "张*梅" in text and "欧*修" in text and "张晓梅" not in text and "欧阳修" not in text
    assert _id(1) not in text and _id(1)[-4:] not in text
    assert "2026年11月27日至2026年12月4日" in text  # Friday + 5 working days
    again = issue_publicity_list(store, team.supervisor, batch.id, tmp_path / "again.pdf")
    assert (issued.reprint_count, again.reprint_count) == (0, 1)
    with store.session(readonly=True) as session:
        prints = [e for e in audit.entries(session, entity="publicity_batch", entity_id=batch.id)
                  if e.action == "document.publicity"]
        assert [(e.actor, e.after["sha256"]) for e in prints] == [
            (team.clerk.username, issued.sha256), (team.supervisor.username, again.sha256)]
        assert not any(i.op == "document.publicity" for i in outbox.pending_items(session, 500))


def test_an_objection_takes_the_name_off_the_list(
    store: Store, verifier: Verifier, team: SimpleNamespace, batch: publicity.Batch, tmp_path: Path
) -> None:
    published = publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    first = published.live_entries[0]
    publicity.record_objection(store, team.reviewer, first.case_id, objector="王五", contact="13900139000",
                               content="证书系代考")
    issued = issue_publicity_list(store, team.reviewer, batch.id, tmp_path / "list.pdf")
    text = flat(pdf_text(issued.path))
    assert ("张*梅" in text) != ("欧*修" in text) and "1人" in text


@pytest.mark.parametrize("role", [Role.auditor, Role.admin])
def test_who_may_print(
    store: Store, verifier: Verifier, team: SimpleNamespace, batch: publicity.Batch, tmp_path: Path, role: Role
) -> None:
    publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    with pytest.raises(PermissionDenied):
        issue_publicity_list(store, getattr(team, role.value), batch.id, tmp_path / "list.pdf")
    assert not (tmp_path / "list.pdf").exists()


def test_a_list_is_refused_while_the_office_has_not_set_its_objection_phone_and_address(
    store: Store, verifier: Verifier, team: SimpleNamespace, batch: publicity.Batch, tmp_path: Path
) -> None:
    """Issue 17.10: required settings, refused naming the missing one; no file, no audit entry."""
    publicity.publish_batch(store, verifier, team.reviewer, batch.id)
    set_office_profile(store, team.admin, objection_phone="", objection_address="")
    with pytest.raises(MissingSetting) as refused:
        issue_publicity_list(store, team.reviewer, batch.id, tmp_path / "list.pdf")
    assert refused.value.field == "office_objection_phone"
    assert refused.value.settings == ("objection_phone", "objection_address")
    assert "公示异议受理电话、公示异议受理地址" in str(refused.value) and "不能打印公示名单" in str(refused.value)
    assert not (tmp_path / "list.pdf").exists()
    set_office_profile(store, team.admin, objection_phone="020-38881234")
    with pytest.raises(MissingSetting) as refused:
        issue_publicity_list(store, team.reviewer, batch.id, tmp_path / "list.pdf")
    assert refused.value.field == "office_objection_address"
    with store.session(readonly=True) as session:
        assert not [e for e in audit.entries(session, entity="publicity_batch", entity_id=batch.id)
                    if e.action == "document.publicity"]


@pytest.mark.parametrize(("name", "value"), [("objection_phone", "12333"), ("objection_phone", "电话"),
                                             ("objection_address", "广东省广州市"),
                                             ("objection_address", "广州市天河区")])
def test_the_objection_settings_must_be_the_offices_own(store: Store, team: SimpleNamespace, name: str,
                                                       value: str) -> None:
    with pytest.raises(InvalidInput) as bad:
        set_office_profile(store, team.admin, **{name: value})
    assert bad.value.field == f"office_{name}"
