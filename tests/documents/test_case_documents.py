"""Issuing a real case's documents: what they say, when they are refused, and the audit of every print."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from document_helpers import FULL_ID, MASKED_ID, flat, pdf_info, pdf_text, qpdf_check
from sqlalchemy import select, update

from desktop.documents import case_documents
from desktop.documents.case_documents import (
    DOCUMENT_ACTIONS,
    can_print,
    documents_of,
    is_document_entry,
    issue_decision,
    issue_notice,
    issue_receipt,
)
from desktop.models import audit, outbox
from desktop.models.application import Intake
from desktop.models.cases import SERVICE_MOVES, CaseRecord, State, get_case, transition
from desktop.models.checklist import Source, SourceKind
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.office import default_profile, office_profile, set_office_profile
from desktop.models.rules import Verifier
from desktop.models.schema import Case, Outbox
from desktop.models.staff import Role, StaffUser, set_active
from desktop.models.store import Store, set_meta

ALL_SHARED = {key: Source(SourceKind.ONLINE) for key in ("identity", "contributions", "certificate")}
# cn-2017 materials (resources/policies/cn-2017.toml): the applicant's list only (POLICY.md §4)
FORM = "《技能提升补贴申请表》（含申请人诚信承诺）"
ID_CARD = "居民身份证"
ACCOUNT = "本人银行卡或具有金融功能的社会保障卡"
OFFICE_CHECKS = "参保缴费记录、证书信息未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"


def person_id(seq: int) -> str:
    first17 = f"44010619850101{seq:03d}"
    return first17 + id_check_character(first17)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where the PDFs go: a folder of their own (the store lives in tmp_path/data)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def people(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role: make_staff(role, role) for role in ("clerk", "reviewer", "approver", "supervisor", "auditor",
                                                        "admin")}


@pytest.fixture
def new_case(store: Store, verifier: Verifier, people: dict[str, StaffUser],
             make_intake: Callable[..., Intake]) -> Callable[..., CaseRecord]:
    """``new_case(accept=True, received=..., sources=..., reason=None, **intake overrides)``."""

    def make(*, accept: bool = True, received: tuple[str, ...] = ("application_form", "payment_account"),
             sources: dict[str, Source] | None = None, reason: str | None = None, **overrides: Any) -> CaseRecord:
        record, _ = file_case(store, verifier, people["clerk"], make_intake(**overrides), accept=accept,
                              reason=reason, sources={"identity": Source(SourceKind.ONLINE)} if sources is None
                              else sources, received=received)
        return record

    return make


def move(store: Store, people: dict[str, StaffUser], case: CaseRecord, *states: State, note: str | None = None,
         advance: Any = None) -> CaseRecord:
    """The case moved through ``states``: generic moves with ``transition``, the back office's
    (passing the review, approval, payment) through their services with the ``advance`` fixture."""
    actors = {State.under_review: "reviewer", State.publicized: "reviewer", State.rejected: "reviewer",
              State.approved: "approver", State.paid: "approver", State.payment_failed: "approver",
              State.withdrawn: "clerk"}
    for state in states:
        if (case.state, state) in SERVICE_MOVES:
            assert advance is not None, "a service move: pass the advance fixture"
            case = advance(case, state, reviewer=people["reviewer"], approver=people["approver"])
        else:
            case = transition(store, people[actors[state]], case.id, state,
                              note=note if state in (State.rejected, State.withdrawn) else None)
    return case


def document_entries(store: Store, case: CaseRecord) -> list[audit.AuditEntry]:
    with store.session(readonly=True) as session:
        return [e for e in audit.entries(session, entity="case", entity_id=case.id) if is_document_entry(e)]


def outbox_documents(store: Store) -> list[outbox.OutboxItem]:
    with store.session(readonly=True) as session:
        rows = session.scalars(select(Outbox).where(Outbox.entity == "document").order_by(Outbox.id))
        return [outbox.to_item(r) for r in rows]


def audit_ok(store: Store) -> bool:
    with store.session(readonly=True) as session:
        return audit.verify(session).ok


# --- the receipt -------------------------------------------------------------------------------


def test_receipt_of_a_real_case(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    out = out_dir / "receipt.pdf"
    issued = issue_receipt(store, verifier, people["clerk"], case.case_no, out)
    assert issued.kind == "receipt" and issued.case_no == case.case_no and issued.reprint_count == 0
    assert issued.path == out and issued.printed_by == "clerk" and issued.format == "a4"
    text = flat(pdf_text(out))
    assert case.case_no in text and case.lookup_code in text
    assert MASKED_ID in text and FULL_ID not in text
    assert "1,500元" in text and "壹仟伍佰元整" in text
    # accepted Friday 2026-11-27 + 5 working days (review_workdays of cn-2017)
    assert "至2026年12月4日（含）" in text
    assert "暂定" not in text
    # POLICY.md §4's three kinds: received (the account card sighted, no copy kept), shared, missing.
    with store.session(readonly=True) as session:
        data = case_documents.receipt_data(session, store, verifier, case, reprint=0, printed_at=issued.printed_at)
    assert list(data.materials_received) == [FORM, ACCOUNT + "（原件已现场核验，当场退还，未留复印件）"]
    assert list(data.materials_shared) == ["身份信息：在线核验，免于提供居民身份证"]
    assert list(data.office_checking) == [OFFICE_CHECKS], "typed: checked by the office, never said to be shared"
    assert list(data.materials_missing) == []
    for line in (*data.materials_received, *data.materials_shared, *data.office_checking):
        assert flat(line) in text
    assert "已收取" in text and "信息共享核验" in text and "尚缺材料" in text
    assert "缴费证明" not in text and "打印" not in text
    assert "受理员clerk" in text  # the clerk who accepted, by display name
    assert "补打" not in text
    # never synced: nothing has been checked against the national ledger yet
    assert "临时回执" in text
    qpdf_check(out)


def test_second_print_is_a_reprint(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                   new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    first = issue_receipt(store, verifier, people["clerk"], case.id, out_dir / "first.pdf")
    second = issue_receipt(store, verifier, people["supervisor"], case.case_no, out_dir / "second.pdf",
                           format="80mm")
    third = issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "third.pdf")
    assert (first.reprint_count, second.reprint_count, third.reprint_count) == (0, 1, 2)
    assert "补打" not in flat(pdf_text(out_dir / "first.pdf"))
    assert "第1次补打" in flat(pdf_text(out_dir / "second.pdf"))
    assert "第2次补打" in flat(pdf_text(out_dir / "third.pdf"))
    listed = documents_of(store, case.case_no)
    assert [(d.kind, d.reprint_count, d.format, d.printed_by) for d in listed] == [
        ("receipt", 0, "a4", "clerk"), ("receipt", 1, "80mm", "supervisor"), ("receipt", 2, "a4", "clerk")]
    assert listed[1].path == out_dir / "second.pdf"
    assert documents_of(store, case.id) == listed


def test_a_draft_has_no_receipt(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    draft = new_case(accept=False)
    out = out_dir / "receipt.pdf"
    with pytest.raises(InvalidInput) as caught:
        issue_receipt(store, verifier, people["clerk"], draft.case_no, out)
    assert caught.value.field == "CASE_NO" and draft.case_no in str(caught.value) and "尚未受理" in str(caught.value)
    assert not out.exists() and list(out_dir.iterdir()) == []
    assert document_entries(store, draft) == []


def test_a_withdrawn_case_has_no_receipt(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                         new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = move(store, people, new_case(), State.withdrawn, note="申请人撤回")
    with pytest.raises(InvalidInput, match="撤回"):
        issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf")


@pytest.mark.parametrize("state", [State.under_review, State.rejected, State.approved, State.paid])
def test_a_receipt_can_be_reprinted_after_acceptance(state: State, store: Store, verifier: Verifier,
                                                     people: dict[str, StaffUser],
                                                     new_case: Callable[..., CaseRecord], out_dir: Path,
                                                     advance: Any) -> None:
    path = {State.under_review: (State.under_review,),
            State.rejected: (State.under_review, State.rejected),
            State.approved: (State.under_review, State.publicized, State.approved),
            State.paid: (State.under_review, State.publicized, State.approved, State.paid)}[state]
    case = move(store, people, new_case(), *path, note="材料虚假", advance=advance)
    issued = issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf")
    assert case.case_no in flat(pdf_text(issued.path))


def test_receipt_is_final_once_synced_and_the_acceptance_was_sent(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path) -> None:
    case = new_case()
    with store.session() as session:
        set_meta(session, "last_sync", "2026-11-27T01:00:00+00:00")
    pending = issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "pending.pdf")
    assert "临时回执" in flat(pdf_text(pending.path)), "the acceptance has not reached the central system"
    with store.session() as session:
        session.execute(update(Outbox).where(Outbox.entity_id == case.id).values(state="applied"))
    final = issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "final.pdf")
    assert "临时回执" not in flat(pdf_text(final.path))


def test_receipt_uses_the_office_profile(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                         new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    set_office_profile(store, people["admin"], name="广州市天河区人力资源和社会保障局公共就业服务大厅",
                       address="广州市天河区天河北路123号", phone="020-12345678")
    issued = issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf")
    text = flat(pdf_text(issued.path))
    assert "广州市天河区人力资源和社会保障局公共就业服务大厅" in text
    assert "广州市天河区天河北路123号" in text and "020-12345678" in text
    assert "拨打12333或凭受理编号和查询码到窗口查询" in text  # still the default progress hint


# --- the one-time notice ----------------------------------------------------------------------------


def test_notice_lists_exactly_the_missing_materials(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                                    new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    """POLICY.md §4: the notice lists what the applicant still lacks and says what was received and what
    information sharing checked; the contribution record and the certificate are the office's to check."""
    as_of = dt.datetime(2026, 11, 26, 16, 0, tzinfo=dt.UTC)  # 2026-11-27 00:00 in Beijing
    sources = {"identity": Source(SourceKind.TYPED), "contributions": Source(SourceKind.SYNCED, as_of)}
    draft = new_case(accept=False, received=("application_form",), sources=sources,
                     applicant={"name": "李四", "id_number": FULL_ID})
    assert draft.materials["missing"] == ["id_card", "payment_account"]
    issued = issue_notice(store, verifier, people["clerk"], draft.case_no, out_dir / "notice.pdf")
    assert issued.kind == "notice" and issued.reprint_count == 0
    text = flat(pdf_text(issued.path))
    assert draft.case_no in text and MASKED_ID in text and FULL_ID not in text
    missing = text[text.index("尚需补充的材料"):text.index("已收取的材料")]  # a table: rows in order
    assert flat(ID_CARD) in missing and flat(ACCOUNT) in missing and flat(FORM) not in missing
    assert "窗口现场核验后当场退还，不留复印件" in missing  # how: sighted, no photocopy
    assert "打印" not in missing and "缴费" not in missing and "证书" not in missing
    with store.session(readonly=True) as session:
        data = case_documents.notice_data(session, store, verifier, draft, actor=people["clerk"],
                                          printed_at=issued.printed_at)
    assert [m.name for m in data.missing] == [ID_CARD, ACCOUNT]
    assert list(data.received) == [FORM]
    assert list(data.shared) == ["参保缴费记录：本地同步数据（截至2026年11月27日 00:00）"]
    assert list(data.office_checking) == ["证书信息未经信息共享核验，由经办机构联网查询、比对核查，无需申请人提供"]
    for line in (*data.received, *data.shared, *data.office_checking):
        assert flat(line) in text
    assert "身份信息" not in text, "typed by hand: never said to be shared"
    assert "也无需到别处打印" in text
    # certificate issued 2017-06-01: the 12-month window ends on Friday 2018-06-01
    assert "期限至2018年6月1日（含）" in text
    assert f"受理编号{draft.case_no}" in text and f"查询码{draft.lookup_code}" in text and "案件编号" not in text
    assert "受理员clerk" in text
    qpdf_check(issued.path)


def test_notice_is_refused_when_nothing_is_missing(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                                   new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    complete = new_case(accept=False, sources=ALL_SHARED, received=("application_form", "payment_account"))
    assert complete.materials["missing"] == []
    with pytest.raises(InvalidInput) as caught:
        issue_notice(store, verifier, people["clerk"], complete.case_no, out_dir / "n.pdf")
    assert caught.value.field == "CASE_NO" and complete.case_no in str(caught.value)
    assert not (out_dir / "n.pdf").exists() and document_entries(store, complete) == []


def test_a_case_filed_with_the_old_lists_is_never_asked_for_what_the_office_checks_40hao_2_2(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path) -> None:
    """Cases filed before issue 15.7 may record the contribution record and the certificate as missing or
    received: the notice and the receipt never ask for them (POLICY.md §4) nor print them as received."""
    draft = new_case(accept=False, received=("application_form",))
    old = {"received": ["application_form", "certificate"], "missing": ["contribution_record", "certificate"]}
    with store.session() as session:
        session.execute(update(Case).where(Case.id == draft.id).values(materials_json=json.dumps(old)))
    draft = get_case(store, draft.id)
    assert "notice" not in case_documents.printable_kinds(people["clerk"], draft)
    with pytest.raises(InvalidInput, match="没有需要一次性告知的材料"):
        issue_notice(store, verifier, people["clerk"], draft.case_no, out_dir / "n.pdf")
    old["missing"].append("payment_account")
    with store.session() as session:
        session.execute(update(Case).where(Case.id == draft.id).values(materials_json=json.dumps(old)))
    text = flat(pdf_text(issue_notice(store, verifier, people["clerk"], draft.case_no, out_dir / "n.pdf").path))
    assert flat(ACCOUNT) in text and "contribution_record" not in text and "请向窗口咨询" not in text
    assert "缴费证明" not in text and "certificate" not in text


def test_no_notice_for_a_decided_case(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                      new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = move(store, people, new_case(received=("application_form",)), State.under_review, State.rejected,
                note="材料虚假")
    assert case.materials["missing"]
    with pytest.raises(InvalidInput, match="已驳回"):
        issue_notice(store, verifier, people["clerk"], case.case_no, out_dir / "n.pdf")


# --- decisions ------------------------------------------------------------------------------------


def test_rejection_lists_the_failed_rules_and_their_clauses(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path, decision_settings: dict[str, str]) -> None:
    case = new_case(reason="申请人称缴费记录有漏记，提交了纸质证明", contribution_months=10,
                    applicant={"name": "王五", "id_number": person_id(3)})
    assert case.disputed and not case.eligible
    case = move(store, people, case, State.under_review, State.rejected, note="经核实缴费确不足36个月")
    issued = issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "decision.pdf")
    text = flat(pdf_text(issued.path))
    assert "不予核发" in text and case.case_no in text and "驳回" not in text
    # the verdict's fact (stored on the case) with its exact clause (issue 17.2)
    assert "累计缴纳失业保险费10个月，不满36个月（人社部发〔2017〕40号第一条第（一）项）" in text
    assert "经核实缴费确不足36个月" in text, "the reviewer's reason adds to the facts"
    assert text.index("不满36个月") < text.index("经核实缴费确不足36个月")
    assert "审核人：审核员reviewer" in text and person_id(3) not in text
    assert issued.doc_number == "穗人社技补决〔2026〕1号" and issued.doc_number in text
    qpdf_check(issued.path)


def test_rejection_of_an_eligible_case_prints_the_reviewers_reason(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path, decision_settings: dict[str, str]) -> None:
    case = move(store, people, new_case(), State.under_review, State.rejected, note="证书经核查系伪造")
    assert all(check["passed"] for check in case.verdict["checks"])
    text = flat(pdf_text(issue_decision(store, verifier, people["reviewer"], case.case_no,
                                        out_dir / "d.pdf").path))
    assert "不予核发" in text and "（一）经审核查明：证书经核查系伪造。" in text, "the reviewer's reason is the ground"
    assert "人社部发〔2017〕40号" in text  # the policy applied (适用政策)
    assert "人社部发〔2017〕40号；" not in text, "no clause column of whole documents"


def test_approval_states_the_amount_the_approver_and_the_account(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path, advance: Any, decision_settings: dict[str, str]) -> None:
    case = move(store, people, new_case(), State.under_review, State.publicized, State.approved, State.paid,
                advance=advance)
    issued = issue_decision(store, verifier, people["clerk"], case.case_no, out_dir / "d.pdf")
    text = flat(pdf_text(issued.path))
    assert text.startswith("广州市人力资源和社会保障局技能提升补贴核发决定书穗人社技补决〔2026〕1号")
    assert "准予核发" in text and "1,500元" in text and "壹仟伍佰元整" in text
    assert "审批人：审批员approver" in text, "the decider (审批人), not whoever paid"
    assert "审核人" not in text
    assert "（工商银行，账号：6222***********3445）" in text and "6222020200112233445" not in text
    assert MASKED_ID in text and FULL_ID not in text


@pytest.mark.parametrize("states", [(), (State.under_review,), (State.under_review, State.publicized)])
def test_no_decision_before_one_is_taken(states: tuple[State, ...], store: Store, verifier: Verifier,
                                         people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
                                         out_dir: Path, advance: Any) -> None:
    case = move(store, people, new_case(), *states, advance=advance)
    with pytest.raises(InvalidInput) as caught:
        issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
    assert caught.value.field == "CASE_NO" and "尚未作出决定" in str(caught.value)
    assert not (out_dir / "d.pdf").exists()


# --- every print is audited -----------------------------------------------------------------------


def test_every_print_is_audited_and_queued(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                           new_case: Callable[..., CaseRecord], out_dir: Path,
                                           advance: Any, decision_settings: dict[str, str]) -> None:
    draft = new_case(accept=False, received=("application_form",))
    accepted = move(store, people, new_case(applicant={"name": "赵六", "id_number": person_id(6)}),
                    State.under_review, State.publicized, State.approved, advance=advance)
    printed = [
        issue_notice(store, verifier, people["clerk"], draft.case_no, out_dir / "n.pdf"),
        issue_receipt(store, verifier, people["clerk"], accepted.case_no, out_dir / "r.pdf", format="80mm"),
        issue_decision(store, verifier, people["approver"], accepted.case_no, out_dir / "d.pdf"),
    ]
    entries = document_entries(store, draft) + document_entries(store, accepted)
    assert [e.action for e in entries] == ["document.notice", "document.receipt", "document.decision"]
    # the two documents of issue 17.9 (payment failed, withdrawn) are tested in test_case_letters.py
    assert set(DOCUMENT_ACTIONS) - {"document.payment_notice", "document.withdrawal"} == {e.action for e in entries}
    for entry, doc in zip(entries, printed, strict=True):
        assert entry.entity == "case" and entry.before is None
        assert entry.actor == doc.printed_by
        numbered = {"doc_number": "穗人社技补决〔2026〕1号"} if doc.kind == "decision" else {}
        assert entry.after == {"kind": doc.kind, "format": doc.format, "reprint": 0, "path": str(doc.path),
                               "sha256": hashlib.sha256(doc.path.read_bytes()).hexdigest(), **numbered}
    queued = outbox_documents(store)
    assert [(q.op, q.payload["case_no"], q.payload["sha256"]) for q in queued] == [
        (f"document.{d.kind}", d.case_no, d.sha256) for d in printed]
    assert queued[-1].payload["doc_number"] == "穗人社技补决〔2026〕1号"
    assert all(q.state == "pending" for q in queued)
    assert audit_ok(store)


def test_a_failed_render_leaves_no_file_and_no_audit_entry(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = new_case()
    out = out_dir / "receipt.pdf"

    def broken(data: Any, target: Any, **_: Any) -> None:
        target.write(b"%PDF-1.4 half a page")
        raise RuntimeError("printer font cache exploded")

    import desktop.documents.receipt

    monkeypatch.setattr(desktop.documents.receipt, "render_receipt", broken)  # looked up at print time
    with pytest.raises(RuntimeError):
        issue_receipt(store, verifier, people["clerk"], case.case_no, out)
    assert list(out_dir.iterdir()) == [], "no file, not even a temporary one"
    assert document_entries(store, case) == [] and outbox_documents(store) == []
    monkeypatch.undo()
    issued = issue_receipt(store, verifier, people["clerk"], case.case_no, out)
    assert issued.reprint_count == 0, "the failed attempt was no print"
    assert audit_ok(store)


def test_a_failed_write_keeps_the_earlier_file(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                               new_case: Callable[..., CaseRecord], out_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    case = new_case()
    out = out_dir / "receipt.pdf"
    issue_receipt(store, verifier, people["clerk"], case.case_no, out)
    before = out.read_bytes()

    def no_outbox(*_: Any, **__: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(case_documents.outbox, "enqueue", no_outbox)
    with pytest.raises(OSError):
        issue_receipt(store, verifier, people["clerk"], case.case_no, out)
    assert out.read_bytes() == before and sorted(p.name for p in out_dir.iterdir()) == ["receipt.pdf"]
    assert len(document_entries(store, case)) == 1 and audit_ok(store)


def test_out_must_be_a_file_in_an_existing_folder(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                                  new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    with pytest.raises(InvalidInput) as caught:
        issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "missing" / "r.pdf")
    assert caught.value.field == "out"
    with pytest.raises(InvalidInput) as caught:
        issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir)
    assert caught.value.field == "out"
    with pytest.raises(InvalidInput) as caught:
        issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf", format="a5")
    assert caught.value.field == "format"


# --- who may print -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["auditor", "admin"])
def test_auditors_and_administrators_do_not_print(role: str, store: Store, verifier: Verifier,
                                                  people: dict[str, StaffUser],
                                                  new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    assert not can_print(people[role])
    with pytest.raises(PermissionDenied, match=Role(role).label):
        issue_receipt(store, verifier, people[role], case.case_no, out_dir / "r.pdf")
    assert not (out_dir / "r.pdf").exists() and document_entries(store, case) == []


def test_a_disabled_account_does_not_print(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                           new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    set_active(store, people["admin"], "clerk", False)
    with pytest.raises(PermissionDenied, match="停用"):
        issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf")
    assert all(can_print(people[r]) for r in ("clerk", "reviewer", "approver", "supervisor"))


# --- the office profile ----------------------------------------------------------------------------------


def test_office_profile_defaults_from_the_region() -> None:
    assert default_profile("440100").name == "广州市人力资源和社会保障局公共就业服务窗口"
    assert default_profile("440106").name == "广州市天河区人力资源和社会保障局公共就业服务窗口"
    assert default_profile("110101").name == "北京市东城区人力资源和社会保障局公共就业服务窗口"
    assert default_profile("440000").name == "广东省人力资源和社会保障厅公共就业服务窗口"
    city = default_profile("440100")
    assert city.address == "广东省广州市" and city.phone == "12333"
    assert city.progress_hint == "拨打12333或凭受理编号和查询码到窗口查询"
    assert city.defaulted == {"name", "address", "phone", "progress_hint", "appeal_hint", "issuer_name",
                              "doc_number_prefix", "reconsideration_body", "court", "objection_phone",
                              "objection_address"}
    assert (city.objection_phone, city.objection_address) == ("", ""), (
        "a publicity list's objection line and street address have no default (issue 17.10)")
    assert (city.issuer_name, city.doc_number_prefix, city.reconsideration_body, city.court) == ("", "", "", ""), (
        "a decision's settings have no default: a window cannot decide, a guessed court misleads")
    assert "999999" in default_profile("999999").name  # unknown code: still says which office


def test_office_profile_is_set_by_an_administrator_and_audited(store: Store, people: dict[str, StaffUser]) -> None:
    assert office_profile(store) == default_profile("440100")
    with pytest.raises(PermissionDenied):
        set_office_profile(store, people["clerk"], phone="020-1")
    with pytest.raises(InvalidInput) as caught:
        set_office_profile(store, people["admin"], address="第一行\n第二行")
    assert caught.value.field == "office_address"
    profile = set_office_profile(store, people["admin"], phone=" 020-12345678 ",
                                 appeal_hint="向广州市人民政府申请行政复议")
    assert profile.phone == "020-12345678" and profile.appeal_hint == "向广州市人民政府申请行政复议"
    assert profile.defaulted == {"name", "address", "progress_hint", "issuer_name", "doc_number_prefix",
                                 "reconsideration_body", "court", "objection_phone", "objection_address"}
    assert office_profile(store) == profile
    back = set_office_profile(store, people["admin"], phone="")
    assert back.phone == "12333" and "phone" in back.defaulted
    set_office_profile(store, people["admin"], appeal_hint="向广州市人民政府申请行政复议")  # unchanged: no entry
    with store.session(readonly=True) as session:
        changes = audit.entries(session, entity="settings")
    assert [(e.actor, e.before, e.after) for e in changes] == [
        ("admin", {"office_phone": None, "office_appeal_hint": None},
         {"office_phone": "020-12345678", "office_appeal_hint": "向广州市人民政府申请行政复议"}),
        ("admin", {"office_phone": "020-12345678"}, {"office_phone": None}),
    ]
    assert audit_ok(store)


def test_decision_is_issued_by_the_body_and_names_the_remedies_from_the_settings(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path) -> None:
    set_office_profile(store, people["admin"], issuer_name="广州市天河区人力资源和社会保障局",
                       doc_number_prefix="穗天人社技补决", reconsideration_body="广州市天河区人民政府",
                       court="广州铁路运输法院")
    case = move(store, people, new_case(), State.under_review, State.rejected, note="证书经核查系伪造")
    text = flat(pdf_text(issue_decision(store, verifier, people["reviewer"], case.id, out_dir / "d.pdf").path))
    assert text.startswith("广州市天河区人力资源和社会保障局技能提升补贴不予核发决定书穗天人社技补决〔2026〕1号")
    assert "广州市天河区人力资源和社会保障局（印章）" in text and "公共就业服务窗口" not in text
    assert ("如不服本决定，可以自收到本决定书之日起六十日内向广州市天河区人民政府申请行政复议，"
            "或者在六个月内向广州铁路运输法院提起行政诉讼。") in text


@pytest.mark.parametrize(("name", "key", "value"), [
    ("issuer_name", "office_issuer_name", "广州市天河区人力资源和社会保障局公共就业服务窗口"),
    ("issuer_name", "office_issuer_name", "天河区政务服务中心人社大厅"),
    ("doc_number_prefix", "office_doc_number_prefix", "穗天人社技补决〔2026〕"),
    ("doc_number_prefix", "office_doc_number_prefix", "穗天人社 技补决"),
    ("court", "office_court", "天河区"),
])
def test_decision_settings_are_checked(store: Store, people: dict[str, StaffUser], name: str, key: str,
                                       value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        set_office_profile(store, people["admin"], **{name: value})
    assert caught.value.field == key
    assert getattr(office_profile(store), name) == ""


def test_documents_of_an_unknown_case_is_empty(store: Store) -> None:
    assert documents_of(store, "440100-XXXX-20261127-9999") == []


def test_issued_to_json(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                        new_case: Callable[..., CaseRecord], out_dir: Path) -> None:
    case = new_case()
    issued = issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf")
    data = issued.to_json()
    assert data["reprint"] == 0 and data["path"] == str(out_dir / "r.pdf")
    assert dt.datetime.fromisoformat(data["printed_at"]) == issued.printed_at
    assert get_case(store, case.id).version == case.version, "printing does not change the case"


# --- issue 17.3: who applied, where the money goes, the notice on the roll, --format everywhere ---------------


def test_receipt_of_a_real_case_names_the_employer_and_the_masked_account_and_bank(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        out_dir: Path) -> None:
    case = new_case()
    text = flat(pdf_text(issue_receipt(store, verifier, people["clerk"], case.case_no, out_dir / "r.pdf").path))
    assert "工作单位广州市某机械有限公司" in text
    assert "本人银行账户6222***********3445（开户银行：工商银行）" in text
    assert case.payment_account not in text


def test_the_notice_prints_on_the_roll_and_the_print_says_so(store: Store, verifier: Verifier,
                                                             people: dict[str, StaffUser],
                                                             new_case: Callable[..., CaseRecord],
                                                             out_dir: Path) -> None:
    draft = new_case(accept=False, received=("application_form",))
    issued = issue_notice(store, verifier, people["clerk"], draft.case_no, out_dir / "n.pdf", format="80mm")
    assert issued.format == "80mm"
    assert float(pdf_info(issued.path)["Page size"].split()[0]) == pytest.approx(226.77, abs=0.01)
    text = flat(pdf_text(issued.path))
    assert f"受理编号{draft.case_no}" in text and f"查询码{draft.lookup_code}" in text and flat(ACCOUNT) in text
    [entry] = document_entries(store, draft)
    assert entry.after is not None and entry.after["format"] == "80mm"
    with pytest.raises(InvalidInput) as bad:
        issue_notice(store, verifier, people["clerk"], draft.case_no, out_dir / "n2.pdf", format="a5")
    assert bad.value.field == "format" and not (out_dir / "n2.pdf").exists()


def test_a_decision_prints_on_the_roll_on_request(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                                  new_case: Callable[..., CaseRecord], out_dir: Path,
                                                  decision_settings: dict[str, str]) -> None:
    case = move(store, people, new_case(), State.under_review, State.rejected, note="证书经核查系伪造")
    issued = issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf", format="80mm")
    assert issued.format == "80mm" and issued.doc_number
    assert float(pdf_info(issued.path)["Page size"].split()[0]) == pytest.approx(226.77, abs=0.01)
    text = flat(pdf_text(issued.path))
    assert "不予核发" in text and issued.doc_number in text and "经审核查明：证书经核查系伪造" in text


def test_the_window_prints_the_notice_on_the_counters_paper_and_decisions_on_a4(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], new_case: Callable[..., CaseRecord],
        decision_settings: dict[str, str]) -> None:
    draft = new_case(accept=False, received=("application_form",))
    notice = case_documents.issue_to_data_folder(store, verifier, people["clerk"], draft.id, "notice", format="80mm")
    assert notice.format == "80mm" and notice.path.name.startswith("notice-80mm-")
    case = move(store, people, new_case(applicant={"name": "赵六", "id_number": person_id(6)}), State.under_review,
                State.rejected, note="证书经核查系伪造")
    decision = case_documents.issue_to_data_folder(store, verifier, people["reviewer"], case.id, "decision",
                                                   format="80mm")
    assert decision.format == "a4" and decision.path.name.startswith("decision-a4-")
