"""Paged case-list queries: what each search finds, keyset paging, and the plans SQLite picks."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import replace as dataclasses_replace
from typing import Any

import pytest
from sqlalchemy import insert, select

from desktop.models import audit, publicity
from desktop.models import case_queries as cq
from desktop.models.application import Intake
from desktop.models.case_queries import CaseRow, Cursor, SearchKind
from desktop.models.cases import State, create_case, transition
from desktop.models.demo import GIVEN, OCCUPATIONS, SURNAMES
from desktop.models.errors import NotFound
from desktop.models.identity import id_check_character
from desktop.models.schema import AuditLog, Case
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

START = dt.datetime(2025, 3, 3, 1, 30, tzinfo=dt.UTC)
DEVICE = "AB3K"


def case_values(i: int, rng: random.Random, *, at: dt.datetime, **overrides: Any) -> dict[str, Any]:
    """Column values of one realistic case, as a bulk import would write them."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(30 * 365))
    first17 = f"440106{birth:%Y%m%d}{i % 1000:03d}"
    code, occupation = rng.choice(OCCUPATIONS)
    level = rng.choice((5, 4, 3))
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    local_day = (at + dt.timedelta(hours=8)).date()
    values: dict[str, Any] = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "case_no": f"440100-{DEVICE}-{local_day:%Y%m%d}-{i:04d}",
        "office_code": "440100",
        "device_id": "bulk",
        "state": rng.choice(list(State)).value,
        "disputed": i % 17 == 0,
        "applicant_name": name,
        "id_number": first17 + id_check_character(first17),
        "phone": f"138{i:08d}",
        "employer_name": "广州白云精密机械有限公司",
        "employer_uscc": "",
        "cert_number": f"S0001440001{i % 10_000:04d}{level}{i:06d}",
        "cert_kind": "skill_level",
        "cert_level": level,
        "occupation_code": code,
        "occupation_name": occupation,
        "cert_issue_date": dt.date(2024, 6, 1),
        "payment_kind": "bank",
        "payment_account": "6222020200112233445",
        "bank_name": "中国工商银行",
        "holder_name": name,
        "contribution_months": 40,
        "insured_region": "440100",
        "application_region": "440100",
        "application_date": local_day,
        "policy_id": "cn-2017",
        "eligible": True,
        "amount_yuan": {5: 1000, 4: 1500, 3: 2000}[level],
        "verdict_json": "{}",
        "lookup_code": "ABCDEF",
        "created_by": "clerk1" if i % 2 else "clerk2",
        "state_changed_at": at,
        "created_at": at,
        "updated_at": at,
    }
    values.update(overrides)
    return values


def insert_cases(store: Store, count: int, *, seed: int = 1, step_minutes: int = 7, **overrides: Any) -> list[dict]:
    """``count`` cases straight into the table (SQLAlchemy Core), one every few minutes from START."""
    rng = random.Random(seed)
    rows = [
        case_values(i, rng, at=START + dt.timedelta(minutes=step_minutes * i), **overrides)
        for i in range(1, count + 1)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(Case.__table__), rows)
    return rows


def newest_first(rows: list[dict]) -> list[str]:
    return [r["case_no"] for r in sorted(rows, key=lambda r: (r["created_at"], r["case_no"]), reverse=True)]


def all_pages(store: Store, text: str, limit: int, **kw: Any) -> list[CaseRow]:
    found: list[CaseRow] = []
    cursor: Cursor | None = None
    while True:
        page, cursor = cq.search_page(store, text, after=cursor, limit=limit, **kw)
        assert len(page) <= limit
        found += page
        if cursor is None:
            return found
        assert len(page) == limit


@pytest.fixture
def bulk(store: Store) -> list[dict]:
    return insert_cases(store, 450)


# --- what the text means ------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kinds"),
    [
        ("", (SearchKind.all,)),
        ("  \u3000 ", (SearchKind.all,)),
        ("4", (SearchKind.case_no,)),
        ("440100", (SearchKind.case_no,)),
        ("440100-ab3k-2025", (SearchKind.case_no,)),
        ("４４０１００－AB3K", (SearchKind.case_no,)),
        ("440100-AB3K-20250303-0001", (SearchKind.case_no,)),
        ("4401061990", (SearchKind.cert_number,)),
        ("440106 19900101 1232", (SearchKind.cert_number, SearchKind.id_number)),
        ("11010519491231002x", (SearchKind.cert_number, SearchKind.id_number, SearchKind.name)),
        ("S000144000123174000056", (SearchKind.cert_number, SearchKind.name)),
        ("王", (SearchKind.cert_number, SearchKind.name)),
    ],
)
def test_the_shape_of_the_text_decides_what_is_searched(typed: str, kinds: tuple[SearchKind, ...]) -> None:
    assert cq.search_kinds(typed) == kinds


# --- paging -------------------------------------------------------------------


def test_empty_text_pages_through_every_case_newest_first_once(store: Store, bulk: list[dict]) -> None:
    found = all_pages(store, "", limit=64)
    assert [r.case_no for r in found] == newest_first(bulk)


def test_equal_creation_times_are_ordered_by_case_number_and_none_is_lost(store: Store) -> None:
    rows = insert_cases(store, 30, step_minutes=0)  # a bulk import: every row the same instant
    found = all_pages(store, "", limit=7)
    assert [r.case_no for r in found] == newest_first(rows)
    assert len({r.id for r in found}) == 30


def test_last_page_has_no_cursor_and_an_exact_fit_needs_no_empty_page(store: Store, bulk: list[dict]) -> None:
    page, cursor = cq.search_page(store, "", limit=450)
    assert len(page) == 450 and cursor is None
    page, cursor = cq.search_page(store, "", limit=449)
    assert cursor is not None
    rest, cursor = cq.search_page(store, "", after=cursor, limit=449)
    assert len(rest) == 1 and cursor is None


def test_limit_must_be_positive(store: Store) -> None:
    with pytest.raises(ValueError):
        cq.search_page(store, "", limit=0)


# --- each kind of search ------------------------------------------------------


def test_case_number_prefix_in_case_number_order(store: Store, bulk: list[dict]) -> None:
    day = bulk[0]["case_no"][:20]  # "440100-AB3K-20250303"
    expected = sorted((r["case_no"] for r in bulk if r["case_no"].startswith(day)), reverse=True)
    assert len(expected) > 10
    found = all_pages(store, day.lower(), limit=10)
    assert [r.case_no for r in found] == expected
    # Every case of the office, typed as its first digit, pages in case-number order too.
    assert [r.case_no for r in all_pages(store, "4", limit=100)] == sorted((r["case_no"] for r in bulk), reverse=True)


def test_full_case_number_finds_that_case(store: Store, bulk: list[dict]) -> None:
    target = bulk[123]
    page, cursor = cq.search_page(store, f" {target['case_no']} ")
    assert [r.id for r in page] == [target["id"]] and cursor is None


@pytest.mark.parametrize(
    "typing",
    [
        lambda n: n,
        lambda n: f"{n[:6]} {n[6:14]} {n[14:]}",  # as printed on the card
        lambda n: n.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")),  # full-width IME
        lambda n: n.lower() + "\u3000",
    ],
)
def test_id_number_exact_whatever_the_typing(store: Store, bulk: list[dict], typing: Callable[[str], str]) -> None:
    target = bulk[200]
    page, _ = cq.search_page(store, typing(target["id_number"]))
    assert [r.id for r in page] == [target["id"]]
    assert cq.search_page(store, target["id_number"][:17])[0] == []  # a partial ID number is not a search


def test_name_prefix_matches_every_name_starting_so(store: Store, bulk: list[dict]) -> None:
    surname = bulk[5]["applicant_name"][0]
    expected = newest_first([r for r in bulk if r["applicant_name"].startswith(surname)])
    found = all_pages(store, surname, limit=5)
    assert [r.case_no for r in found] == expected
    full = bulk[5]["applicant_name"]
    assert bulk[5]["id"] in {r.id for r in cq.search_page(store, f"{full[0]} {full[1:]}")[0]}


def test_longer_name_prefixes_page_newest_first_through_ties_and_filters(store: Store) -> None:
    # One character and longer prefixes take different queries (module docstring): both must
    # page like the rest, a bulk import's equal creation times included.
    names = ("王伟", "王伟明", "王伟强", "王", "王芳", "李伟", "汪伟")
    rng = random.Random(7)
    rows = [case_values(i, rng, at=START + dt.timedelta(minutes=3 * (i // 4)), applicant_name=names[i % len(names)])
            for i in range(1, 85)]
    with store.engine.begin() as conn:
        conn.execute(insert(Case.__table__), rows)
    for typed in ("王", "王伟", "王 伟 明", "汪"):
        prefix = cq.normalise_query(typed)
        expected = newest_first([r for r in rows if r["applicant_name"].startswith(prefix)])
        assert expected and [r.case_no for r in all_pages(store, typed, limit=4)] == expected, typed
        paid = newest_first([r for r in rows if r["applicant_name"].startswith(prefix) and r["state"] == "paid"])
        assert [r.case_no for r in all_pages(store, typed, limit=2, states=[State.paid])] == paid, typed
    assert cq.count(store, "王") == sum(1 for r in rows if r["applicant_name"].startswith("王"))


def test_certificate_number_exact_with_spaces_and_lower_case(store: Store, bulk: list[dict]) -> None:
    target = bulk[77]
    typed = " ".join(target["cert_number"][i : i + 4] for i in range(0, 22, 4)).lower()
    page, _ = cq.search_page(store, typed)
    assert [r.id for r in page] == [target["id"]]


def test_a_case_matched_two_ways_is_listed_once(store: Store) -> None:
    # A certificate "number" that is also a name prefix (a foreign-format certificate).
    insert_cases(store, 1, cert_number="ABC123", applicant_name="ABC123")
    page, _ = cq.search_page(store, "abc123")
    assert len(page) == 1 and page[0].applicant_name == "ABC123"


def test_rows_carry_masked_id_numbers_only(store: Store, bulk: list[dict]) -> None:
    target = bulk[0]
    row = cq.search_page(store, target["case_no"])[0][0]
    n = target["id_number"]
    assert row.id_number_masked == f"{n[:6]}********{n[-4:]}"
    assert n not in repr(row)
    assert row.state is State(target["state"])
    assert (row.amount_yuan, row.cert_level, row.occupation_name) == (
        target["amount_yuan"], target["cert_level"], target["occupation_name"])


# --- filters --------------------------------------------------------------------


def test_states_filter_alone_and_with_text(store: Store, bulk: list[dict]) -> None:
    wanted = {State.accepted, State.under_review, State.payment_failed}
    found = all_pages(store, "", limit=9, states=wanted)
    assert [r.case_no for r in found] == newest_first([r for r in bulk if State(r["state"]) in wanted])
    surname = bulk[5]["applicant_name"][0]
    found = all_pages(store, surname, limit=3, states=[State.paid])
    assert [r.case_no for r in found] == newest_first(
        [r for r in bulk if r["state"] == "paid" and r["applicant_name"].startswith(surname)])
    assert cq.search_page(store, "", states=[]) == ([], None)


def test_today_queue_is_one_day_of_one_clerk(store: Store, bulk: list[dict]) -> None:
    day = bulk[0]["application_date"]
    expected = newest_first([r for r in bulk if r["application_date"] == day and r["created_by"] == "clerk1"])
    assert expected
    found, cursor = cq.today_queue(store, "clerk1", day)
    assert [r.case_no for r in found] == expected and cursor is None
    everyone, _ = cq.today_queue(store, None, day)
    assert len(everyone) == sum(1 for r in bulk if r["application_date"] == day)


def test_count_is_exact_below_the_cap_and_capped_above(store: Store, bulk: list[dict]) -> None:
    assert cq.count(store, "") == 450
    assert cq.count(store, "", cap=100) == 101
    assert cq.count(store, "", states=[State.paid]) == sum(1 for r in bulk if r["state"] == "paid")
    assert cq.count(store, bulk[3]["id_number"]) == 1
    assert cq.count(store, "", states=[]) == 0
    surname = bulk[5]["applicant_name"][0]
    assert cq.count(store, surname) == sum(1 for r in bulk if r["applicant_name"].startswith(surname))
    assert cq.count(store, surname, cap=3) == 4  # two kinds (certificate number, name), each cut at the cap
    insert_cases(store, 1, seed=2, cert_number="ABC123", applicant_name="ABC123", case_no="440100-AB3K-20250303-9999")
    assert cq.count(store, "abc123") == 1  # matched two ways, counted once


def test_cases_filed_through_the_services_are_found(
    store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., Intake], bulk: list[dict]
) -> None:
    clerk, reviewer = make_staff(Role.clerk, "clerk"), make_staff(Role.reviewer, "reviewer")
    verdict = {"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []}
    today = store.clock.today()
    intake = make_intake(application_date=today.isoformat())
    record = create_case(store, clerk, intake, verdict=verdict, eligible=True, amount_yuan=1500,
                         policy_id="cn-2017", state=State.accepted)
    transition(store, reviewer, record.id, State.under_review)
    # The newest case heads the list, in its current state.
    first = cq.search_page(store, "", limit=1)[0][0]
    assert (first.id, first.state, first.applicant_name) == (record.id, State.under_review, "张三")
    for typed in (record.case_no, "11010519491231002x", "张", "s000144000123174000056"):
        assert record.id in {r.id for r in cq.search_page(store, typed)[0]}, typed
    queue, _ = cq.today_queue(store, "clerk", today)
    assert [r.id for r in queue] == [record.id]


# --- the plans SQLite picks -------------------------------------------------------

EXAMPLES = {
    SearchKind.case_no: "440100-AB3K",
    SearchKind.id_number: "440106199001011232",
    SearchKind.cert_number: "S000144000123174000056",
    SearchKind.name: "王",
}
SOME_CURSOR = Cursor(START, "440100-AB3K-20250303-0009")


def plans(store: Store, typed: str, **kw: Any) -> list[list[str]]:
    with store.session(readonly=True) as session:
        return [cq.explain(session, query) for query in cq.page_queries(typed, **kw)]


def uses_index_for(plan: list[str], index: str) -> bool:
    return any(f"USING INDEX {index} " in line or f"USING COVERING INDEX {index} " in line for line in plan)


INDEX_OF = {
    SearchKind.case_no: "sqlite_autoindex_cases_2",  # the UNIQUE constraint on case_no
    SearchKind.id_number: "ix_cases_id_number",
    SearchKind.cert_number: "ix_cases_cert_number",
    SearchKind.name: "ix_cases_name_initial_created_at",  # EXAMPLES' name is one character
}


@pytest.mark.parametrize("kind", list(EXAMPLES))
@pytest.mark.parametrize("extra", [{}, {"after": SOME_CURSOR}, {"states": [State.paid]}])
def test_every_text_search_seeks_its_own_index(store: Store, kind: SearchKind, extra: dict[str, Any]) -> None:
    found = dict(zip(cq.search_kinds(EXAMPLES[kind]), plans(store, EXAMPLES[kind], **extra), strict=True))
    plan = found[kind]
    # With a state filter too, the text's index still leads: the state index would visit every paid case.
    assert uses_index_for(plan, INDEX_OF[kind]), plan
    assert not any(line.startswith("SCAN cases") for line in plan), plan


@pytest.mark.parametrize("extra", [{}, {"after": SOME_CURSOR}])
def test_one_character_walks_the_initial_index_newest_first(store: Store, extra: dict[str, Any]) -> None:
    # A common surname matches ~7% of cases: its first page must not sort them all.
    plan = plans(store, "王", **extra)[-1]
    assert uses_index_for(plan, "ix_cases_name_initial_created_at"), plan
    assert not any("TEMP B-TREE" in line or line.startswith("SCAN") for line in plan), plan


@pytest.mark.parametrize("extra", [{}, {"after": SOME_CURSOR}])
def test_a_longer_name_prefix_takes_its_page_from_the_covering_name_index(store: Store, extra: dict[str, Any]) -> None:
    plan = plans(store, "王伟", **extra)[-1]
    # The newest matches from index entries alone (no table row per match), then a page of rows by rowid.
    assert any(line.startswith("SEARCH cases USING COVERING INDEX ix_cases_applicant_name_created_at ")
               for line in plan), plan
    assert "SEARCH cases USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
    assert not any(line.startswith("SCAN") for line in plan), plan


def test_case_number_prefix_needs_no_sort(store: Store) -> None:
    (plan,) = plans(store, "4401")
    assert not any("TEMP B-TREE" in line for line in plan), plan


def test_a_day_is_found_through_the_application_date_index(store: Store) -> None:
    (plan,) = plans(store, "", day=dt.date(2026, 11, 27), created_by="clerk")
    assert uses_index_for(plan, "ix_cases_application_date"), plan


# The list with nothing typed, newest first (optionally by state), rests on migration 0002's
# ix_cases_created_at (created_at, case_no) and ix_cases_state_created_at (state, created_at, case_no).


@pytest.mark.parametrize(
    "extra", [{}, {"after": SOME_CURSOR}, {"states": [State.paid]}, {"states": [State.accepted, State.under_review]}]
)
def test_the_unfiltered_list_walks_an_index_newest_first(store: Store, extra: dict[str, Any]) -> None:
    for plan in plans(store, "", **extra):
        # "SCAN cases" alone reads the whole table; a temporary B-tree sorts every match.
        assert plan and not any(line == "SCAN cases" or "TEMP B-TREE" in line for line in plan), plan
        assert any("ix_cases_created_at" in line or "ix_cases_state_created_at" in line for line in plan), plan


# --- one case -------------------------------------------------------------------------


def _team(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role.value: make_staff(role, role.value) for role in Role}


def _accepted(store: Store, clerk: StaffUser, make_intake: Callable[..., Intake]) -> Any:
    verdict = {"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []}
    return create_case(store, clerk, make_intake(), verdict=verdict, eligible=True, amount_yuan=1500,
                       policy_id="cn-2017", state=State.accepted)


def test_allowed_transitions_follow_the_table_and_the_roles(
    store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., Intake]
) -> None:
    team = _team(make_staff)
    record = _accepted(store, team["clerk"], make_intake)
    assert cq.allowed_transitions(team["clerk"], record) == (State.withdrawn,)
    assert cq.allowed_transitions(team["reviewer"], record) == (State.under_review,)
    for role in ("approver", "supervisor", "auditor", "admin"):
        assert cq.allowed_transitions(team[role], record) == (), role
    under_review = dataclasses_replace(record, state=State.under_review)
    assert cq.allowed_transitions(team["reviewer"], under_review) == (State.rejected,)  # passing is the review's
    assert cq.allowed_transitions(team["clerk"], under_review) == (State.withdrawn,)
    # Approval, objections and payment results belong to their services: never a plain transition.
    for state in (State.publicized, State.approved, State.payment_failed):
        moved = dataclasses_replace(record, state=state)
        for role in Role:
            assert cq.allowed_transitions(team[role.value], moved) == (), (state, role)


def test_service_actions_follow_the_services(
    store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., Intake], advance: Any
) -> None:
    team = _team(make_staff)

    def offered(record: Any) -> dict[str, tuple[tuple[cq.ServiceAction, ...], tuple[str, ...]]]:
        found = {}
        for role in Role:
            offer = cq.service_offer(store, team[role.value], cq.case_detail(store, record.id).case)
            assert offer.actions == cq.service_actions(store, team[role.value], record)
            if offer.actions or offer.notes:
                found[role.value] = (offer.actions, offer.notes)
        return found

    record = _accepted(store, team["clerk"], make_intake)
    assert offered(record) == {}  # the review starts first (a generic move)
    record = advance(record, State.under_review)
    assert offered(record) == {"reviewer": ((cq.ServiceAction.pass_review,), ())}
    record = advance(record, State.publicized)  # passed, in no batch yet
    assert offered(record) == {
        "reviewer": ((cq.ServiceAction.record_objection,), ()),
        "approver": ((), ("案件尚未列入公示批次，公示期满后方可审批",)),
    }
    record = advance(record, State.publicized, publicity="published")
    [batch] = publicity.list_batches(store)
    assert batch.ends_on is not None
    assert offered(record)["approver"] == (
        (), (f"公示期至{batch.ends_on.isoformat()}，尚未届满；公示期满并结束公示后方可审批",))
    record = advance(record, State.publicized, publicity="closed")
    assert offered(record) == {
        "reviewer": ((cq.ServiceAction.record_objection,), ()),
        "approver": ((cq.ServiceAction.approve,), ()),
    }
    record = advance(record, State.approved)
    bank_file = "发放结果须导入银行回盘文件"
    assert offered(record) == {"approver": ((), (bank_file,)), "supervisor": ((), (bank_file,))}
    record = advance(record, State.payment_failed)
    assert offered(record) == {"approver": ((cq.ServiceAction.requeue_payment,), ())}
    record = advance(record, State.paid)
    assert offered(record) == {}


def test_whoever_accepted_a_case_is_not_offered_its_approval(
    store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., Intake], advance: Any
) -> None:
    team = _team(make_staff)
    record = advance(_accepted(store, team["clerk"], make_intake), State.publicized, publicity="closed")
    acceptor_as_approver = StaffUser("clerk", "受理员", Role.approver, "440100")
    assert cq.allowed_transitions(acceptor_as_approver, record) == ()
    assert cq.service_actions(store, acceptor_as_approver, record) == ()
    assert cq.service_offer(store, acceptor_as_approver, record).notes == ("受理人不得审批本人受理的案件",)
    assert cq.service_actions(store, team["approver"], record) == (cq.ServiceAction.approve,)


def test_case_detail_has_the_full_case_its_history_and_its_documents(
    store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., Intake]
) -> None:
    team = _team(make_staff)
    record = _accepted(store, team["clerk"], make_intake)
    transition(store, team["reviewer"], record.id, State.under_review)
    with store.session() as session:
        audit.record(session, actor="clerk", action="document.receipt", entity="case", entity_id=record.id,
                     before=None, after=None, at=store.clock.now())
    detail = cq.case_detail(store, record.case_no)  # by number too
    assert detail.case.id_number == "11010519491231002X" and detail.case.state is State.under_review
    assert [e.action for e in detail.timeline] == [
        "case.create", "case.accept", "case.start_review", "document.receipt"]
    assert [e.action for e in detail.documents] == ["document.receipt"]
    with pytest.raises(NotFound):
        cq.case_detail(store, "no-such-case")
    row = cq.case_row(store, record.id)
    assert row is not None and row.state is State.under_review and row.id_number_masked == "110105********002X"
    assert cq.case_row(store, "no-such-case") is None


def test_a_case_history_is_read_through_an_index(store: Store) -> None:
    query = select(AuditLog).where(AuditLog.entity == "case", AuditLog.entity_id == "x").order_by(AuditLog.seq)
    with store.session(readonly=True) as session:
        plan = cq.explain(session, query)
    assert not any(line.startswith("SCAN audit_log") for line in plan), plan
