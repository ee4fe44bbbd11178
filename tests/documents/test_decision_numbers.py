"""Decisions (issue 17.2): refused while the office has not set what they print, numbered per office and
year without gaps — in the print's own transaction, never reused, the same on a reprint."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from document_helpers import flat, pdf_text
from sqlalchemy import select

from desktop.documents import case_documents
from desktop.documents.case_documents import documents_of, issue_decision
from desktop.models import audit, doc_numbers
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State, get_case, transition
from desktop.models.checklist import Source, SourceKind
from desktop.models.clock import Clock
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.office import DECISION_SETTINGS, MissingSetting, set_office_profile
from desktop.models.rules import Verifier
from desktop.models.schema import DocumentNumber
from desktop.models.staff import StaffUser
from desktop.models.store import Store, open_store

PREFIX = "穗人社技补决"  # tests/conftest.py DECISION_SETTINGS


def person_id(seq: int) -> str:
    first17 = f"44010619850101{seq:03d}"
    return first17 + id_check_character(first17)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def people(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role: make_staff(role, role) for role in ("clerk", "reviewer", "approver", "admin")}


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def rejected(store: Store, verifier: Verifier, people: dict[str, StaffUser],
             make_intake: Callable[..., Intake]) -> Callable[[int], CaseRecord]:
    """``rejected(n)``: the n-th applicant's case, filed, reviewed and rejected with a reason."""

    def make(n: int) -> CaseRecord:
        intake = make_intake(applicant={"name": f"申请人{n}", "id_number": person_id(n)})
        record, _ = file_case(store, verifier, people["clerk"], intake, accept=True,
                              sources={"identity": Source(SourceKind.ONLINE)},
                              received=("application_form", "payment_account"))
        transition(store, people["reviewer"], record.id, State.under_review)
        return transition(store, people["reviewer"], record.id, State.rejected, note="证书经核查系伪造")

    return make


def numbers(store: Store, year: int = 2026) -> list[doc_numbers.IssuedNumber]:
    with store.session(readonly=True) as session:
        return doc_numbers.numbers_of_year(session, store.office_code, year)


def decision_prints(store: Store, case: CaseRecord) -> list[audit.AuditEntry]:
    with store.session(readonly=True) as session:
        return [e for e in audit.entries(session, entity="case", entity_id=case.id) if e.action == "document.decision"]


# --- the settings ------------------------------------------------------------------------------------


def test_a_decision_is_refused_while_its_settings_are_empty(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], rejected: Callable[[int], CaseRecord],
        out_dir: Path) -> None:
    case = rejected(1)
    with pytest.raises(MissingSetting) as caught:
        issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
    assert caught.value.field == "office_issuer_name"
    assert caught.value.settings == tuple(DECISION_SETTINGS)
    assert "决定机关名称、决定书文号前缀、行政复议机关、行政诉讼管辖法院" in str(caught.value)
    values = {"issuer_name": "广州市人力资源和社会保障局", "doc_number_prefix": PREFIX,
              "reconsideration_body": "广州市人民政府", "court": "广州铁路运输法院"}
    for name, key in (("issuer_name", "office_issuer_name"), ("doc_number_prefix", "office_doc_number_prefix"),
                      ("reconsideration_body", "office_reconsideration_body"), ("court", "office_court")):
        set_office_profile(store, people["admin"], **values)
        set_office_profile(store, people["admin"], **{name: ""})  # back to empty: just this one is missing
        with pytest.raises(MissingSetting) as caught:
            issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
        assert caught.value.field == key and caught.value.settings == (name,)
        assert str(caught.value).startswith(f"{key}: 尚未设置{DECISION_SETTINGS[name]}，不能出具审核决定书")
        assert "\n" not in str(caught.value)
    assert list(out_dir.iterdir()) == [] and decision_prints(store, case) == [] and numbers(store) == []
    set_office_profile(store, people["admin"], **values)
    issued = issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
    assert issued.doc_number == f"{PREFIX}〔2026〕1号", "the refused attempts took no number"


# --- the numbers ---------------------------------------------------------------------------------------


def test_numbers_run_without_gaps_and_a_reprint_shows_the_same_number(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], rejected: Callable[[int], CaseRecord],
        out_dir: Path, decision_settings: dict[str, str]) -> None:
    cases = [rejected(n) for n in range(1, 6)]
    order = [0, 1, 0, 2, 1, 3, 0, 4, 4, 2]  # first prints and reprints interleaved
    given: dict[str, str] = {}
    for i, index in enumerate(order):
        case = cases[index]
        issued = issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / f"{i}.pdf")
        assert given.setdefault(case.id, issued.doc_number) == issued.doc_number, "a reprint keeps its number"
        assert issued.doc_number in flat(pdf_text(issued.path))
    first_seen = list(dict.fromkeys(cases[i].id for i in order))
    assert [given[case_id] for case_id in first_seen] == [f"{PREFIX}〔2026〕{n}号" for n in range(1, 6)]
    register = numbers(store)
    assert [(n.seq, n.case_id, n.number) for n in register] == [
        (n, case_id, f"{PREFIX}〔2026〕{n}号") for n, case_id in enumerate(first_seen, 1)]
    with store.session(readonly=True) as session:
        assert doc_numbers.gaps(session, store.office_code, 2026) == []
    # every print is audited with its number; the first of each case is where the number was given
    for case in cases:
        entries = decision_prints(store, case)
        assert {e.after["doc_number"] for e in entries} == {given[case.id]}
        assert [doc.doc_number for doc in documents_of(store, case.id)] == [given[case.id]] * len(entries)


def test_a_reprint_keeps_its_number_after_the_prefix_changes(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], rejected: Callable[[int], CaseRecord],
        out_dir: Path, decision_settings: dict[str, str]) -> None:
    first, second = rejected(1), rejected(2)
    assert issue_decision(store, verifier, people["reviewer"], first.case_no, out_dir / "a.pdf").doc_number == (
        f"{PREFIX}〔2026〕1号")
    set_office_profile(store, people["admin"], doc_number_prefix="穗人社补决")
    assert issue_decision(store, verifier, people["reviewer"], first.case_no, out_dir / "b.pdf").doc_number == (
        f"{PREFIX}〔2026〕1号"), "a number stays as it was printed"
    assert issue_decision(store, verifier, people["reviewer"], second.case_no, out_dir / "c.pdf").doc_number == (
        "穗人社补决〔2026〕2号"), "the office's sequence goes on"


@pytest.mark.parametrize("failure", ["render", "outbox"])
def test_a_failed_issue_does_not_consume_a_number(
        failure: str, store: Store, verifier: Verifier, people: dict[str, StaffUser],
        rejected: Callable[[int], CaseRecord], out_dir: Path, decision_settings: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    case = rejected(1)

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError(f"{failure} failed")

    import desktop.documents.decision

    if failure == "render":  # before the audit entry
        monkeypatch.setattr(desktop.documents.decision, "render_decision", broken)
    else:  # after the number and the audit entry, before the commit
        monkeypatch.setattr(case_documents.outbox, "enqueue", broken)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
    assert numbers(store) == [] and decision_prints(store, case) == [] and list(out_dir.iterdir()) == []
    monkeypatch.undo()
    issued = issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
    assert issued.doc_number == f"{PREFIX}〔2026〕1号" and issued.reprint_count == 0
    assert issue_decision(store, verifier, people["reviewer"], rejected(2).case_no,
                          out_dir / "e.pdf").doc_number == f"{PREFIX}〔2026〕2号"


def test_two_programs_printing_at_once_take_different_numbers_without_gaps(
        store: Store, clock: Clock, verifier: Verifier, people: dict[str, StaffUser],
        rejected: Callable[[int], CaseRecord], out_dir: Path, decision_settings: dict[str, str]) -> None:
    cases = [rejected(n) for n in range(1, 9)]
    other = open_store(store.data_dir, clock=clock)  # the window and a CLI command on one data folder
    errors: list[BaseException] = []

    def run(on: Store, mine: list[CaseRecord], tag: str) -> None:
        try:
            for case in mine:
                issue_decision(on, verifier, people["reviewer"], case.case_no, out_dir / f"{tag}-{case.case_no}.pdf")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(store, cases[0::2], "a")),
               threading.Thread(target=run, args=(other, cases[1::2], "b"))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        other.close()
    assert errors == []
    register = numbers(store)
    assert [n.seq for n in register] == list(range(1, 9))
    assert sorted(n.case_id for n in register) == sorted(case.id for case in cases)


def test_numbers_start_again_each_year_and_go_up_with_the_date_the_decision_bears(
        store: Store, clock: Clock, verifier: Verifier, people: dict[str, StaffUser],
        rejected: Callable[[int], CaseRecord], out_dir: Path, decision_settings: dict[str, str]) -> None:
    printed_in_2026, late = rejected(1), rejected(2)  # both decided on 27 November 2026
    assert issue_decision(store, verifier, people["reviewer"], printed_in_2026.case_no,
                          out_dir / "a.pdf").doc_number == f"{PREFIX}〔2026〕1号"
    clock.fixed = dt.datetime(2027, 1, 4, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing, 4 January 2027
    early = rejected(3)
    first = issue_decision(store, verifier, people["reviewer"], early.case_no, out_dir / "b.pdf")
    clock.fixed = dt.datetime(2027, 1, 5, 2, 0, tzinfo=dt.UTC)
    second = issue_decision(store, verifier, people["reviewer"], late.case_no, out_dir / "c.pdf")
    assert first.doc_number == f"{PREFIX}〔2027〕1号" and second.doc_number == f"{PREFIX}〔2027〕2号"
    assert "2027年1月5日" in flat(pdf_text(second.path)), "a decision bears the date it was issued under its number"
    clock.fixed = dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.UTC)
    again = issue_decision(store, verifier, people["reviewer"], late.case_no, out_dir / "d.pdf")
    assert again.doc_number == second.doc_number and "2027年1月5日" in flat(pdf_text(again.path))
    with store.session(readonly=True) as session:
        rows = [(r.year, r.seq, r.issued_by, r.issued_at)
                for r in session.scalars(select(DocumentNumber).order_by(DocumentNumber.year, DocumentNumber.seq))]
    assert [row[:3] for row in rows] == [(2026, 1, "reviewer"), (2027, 1, "reviewer"), (2027, 2, "reviewer")]
    assert [row[3] for row in rows] == sorted(row[3] for row in rows)


def test_the_number_is_what_the_case_shows_later(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], rejected: Callable[[int], CaseRecord],
        out_dir: Path, decision_settings: dict[str, str]) -> None:
    case = rejected(1)
    issued = issue_decision(store, verifier, people["reviewer"], case.case_no, out_dir / "d.pdf")
    with store.session(readonly=True) as session:
        data = case_documents.decision_data(session, store, verifier, get_case(store, case.id))
    assert data.doc_number == issued.doc_number and data.issuer == decision_settings["issuer_name"]
    assert data.reviewer_reason == "证书经核查系伪造" and data.failed_checks == []
