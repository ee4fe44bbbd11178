"""业务日报 PDF: the figures as pdftotext reads them, embedded fonts, qpdf, the audited print,
and an overdue list of thousands of cases paginating with its header on every page."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from document_helpers import flat, pdf_fonts, pdf_info, pdf_text, qpdf_check, run
from sqlalchemy import insert

from desktop.documents.daily_summary import (
    ATTACHMENT_TITLE,
    OVERDUE_HEADER,
    issue_daily_summary,
    office_for,
    render_daily_summary,
)
from desktop.models import audit, cases
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord, State
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.identity import id_check_character
from desktop.models.reports import daily_summary
from desktop.models.rules import Verifier
from desktop.models.schema import Case
from desktop.models.staff import SYSTEM_ACTOR, StaffUser
from desktop.models.store import Store

BEIJING = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 11, 25)
AMOUNTS = {5: 1000, 4: 1500, 3: 2000}


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def people(clock: Clock, make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    clock.fixed = dt.datetime(2026, 11, 1, 9, 0, tzinfo=BEIJING)  # accounts first: the trail stays in time order
    made = {name: make_staff(role, name) for name, role in (
        ("clerk1", "clerk"), ("rev", "reviewer"), ("boss", "supervisor"), ("audit", "auditor"))}
    return made


def file_case(store: Store, clock: Clock, clerk: StaffUser, make_intake: Callable[..., Intake], when: str,
              level: int, n: int, name: str = "张晓梅") -> CaseRecord:
    clock.fixed = dt.datetime.fromisoformat(when).replace(tzinfo=BEIJING)
    first17 = f"4401061980010{n % 10}{n % 1000:03d}"
    intake = make_intake(applicant={"name": name, "id_number": first17 + id_check_character(first17)},
                         application_date=clock.today().isoformat(),
                         certificate={"number": f"S00014400012317{level}{n:06d}", "kind": "skill_level",
                                      "level": level, "occupation_code": "6-18-01-01", "occupation_name": "车工",
                                      "issue_date": "2026-06-01"})
    amount = AMOUNTS[level]
    return cases.create_case(store, clerk, intake,
                             verdict={"eligible": True, "amount_yuan": amount, "policy": "cn-2025", "checks": []},
                             eligible=True, amount_yuan=amount, policy_id="cn-2025", state=State.accepted)


@pytest.fixture
def wednesday(store: Store, clock: Clock, people: dict[str, StaffUser],
              make_intake: Callable[..., Intake]) -> list[CaseRecord]:
    filed = [
        file_case(store, clock, people["clerk1"], make_intake, "2026-11-25 07:30", 4, 1, name="欧阳晓梅"),
        file_case(store, clock, people["clerk1"], make_intake, "2026-11-25 09:00", 5, 2),
        file_case(store, clock, people["clerk1"], make_intake, "2026-11-25 15:00", 3, 3),
        file_case(store, clock, people["clerk1"], make_intake, "2026-11-17 09:00", 4, 4),  # due the 24th: overdue
    ]
    clock.fixed = dt.datetime(2026, 11, 26, 8, 0, tzinfo=BEIJING)
    return filed


def layout_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    result = run("pdftotext", "-layout", "-enc", "UTF-8", *pages, str(path), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_printed_figures(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                             wednesday: list[CaseRecord], pdf_path: Path) -> None:
    issued = issue_daily_summary(store, people["boss"], DAY, pdf_path, verifier=verifier)
    assert issued.path == pdf_path and issued.period == "2026-11-25"
    text = layout_text(pdf_path)
    assert "技能提升补贴业务日报" in text
    assert "2026年11月25日（星期三）" in text
    assert "全天（0:00—24:00，北京时间；统计日已结束，各项数字为该日24:00时的情况）" in flat(text)
    assert re.search(r"收件（新建案件）\s+3\s+4,500", text), text
    assert re.search(r"受理\s+3\s+4,500", text), text
    assert re.search(r"驳回\s+0\s+0", text)
    assert re.search(r"受理员clerk1（clerk1）\s+3\s+4,500\s+0", text)
    flat_text = flat(text)
    assert "超过审核时限（受理后5个工作日）仍未审结的案件共1件" in flat_text
    assert "制表人：科长boss" in flat_text and "科长（签字）" in flat_text
    assert "日期：" in flat_text
    # No personal data: neither names nor ID numbers, only case numbers.
    for case in wednesday:
        assert case.applicant_name not in flat_text and case.id_number[:10] not in flat_text
    assert wednesday[3].case_no in flat_text  # the overdue one, in the attachment


def test_fonts_embedded_and_structure_valid(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                            wednesday: list[CaseRecord], pdf_path: Path) -> None:
    issue_daily_summary(store, people["boss"], DAY, pdf_path, verifier=verifier)
    fonts = pdf_fonts(pdf_path)
    assert fonts and all(f.embedded for f in fonts), fonts  # the chart's labels included
    assert all("Helvetica" not in f.name for f in fonts)
    qpdf_check(pdf_path)
    assert pdf_info(pdf_path)["Page size"].startswith("595.276 x 841.89")


def test_the_print_is_audited_on_the_office(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                            wednesday: list[CaseRecord], pdf_path: Path) -> None:
    issued = issue_daily_summary(store, people["boss"], DAY, pdf_path, verifier=verifier)
    with store.session(readonly=True) as session:
        [entry] = audit.entries(session, entity="office", entity_id=store.office_code)
        report = audit.verify(session)
    assert report.ok
    assert (entry.actor, entry.action) == ("boss", "document.daily_summary")
    assert entry.after is not None
    assert entry.after["sha256"] == hashlib.sha256(pdf_path.read_bytes()).hexdigest() == issued.sha256
    assert entry.after["period"] == "2026-11-25" and entry.after["figures"]["flows"]["accepted"] == [3, 4500]


def test_an_unattended_print_is_recorded_as_system(store: Store, verifier: Verifier,
                                                   wednesday: list[CaseRecord], pdf_path: Path) -> None:
    issued = issue_daily_summary(store, None, DAY, pdf_path, verifier=verifier)
    assert issued.printed_by == SYSTEM_ACTOR
    assert "制表人：____" in flat(pdf_text(pdf_path))  # left blank, to sign by hand


def test_only_report_readers_may_print(store: Store, verifier: Verifier, people: dict[str, StaffUser],
                                       wednesday: list[CaseRecord], tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        issue_daily_summary(store, people["clerk1"], DAY, tmp_path / "x.pdf", verifier=verifier)
    assert not (tmp_path / "x.pdf").exists()
    with store.session(readonly=True) as session:
        assert audit.entries(session, entity="office") == []
    issue_daily_summary(store, people["audit"], DAY, tmp_path / "y.pdf", verifier=verifier)  # 审计员 reads reports
    with pytest.raises(InvalidInput) as caught:
        issue_daily_summary(store, people["boss"], DAY, tmp_path / "y.txt", verifier=verifier)
    assert caught.value.field == "out"


def test_an_unfinished_day_says_so(store: Store, verifier: Verifier, clock: Clock, wednesday: list[CaseRecord],
                                   pdf_path: Path) -> None:
    clock.fixed = dt.datetime(2026, 11, 25, 16, 5, tzinfo=BEIJING)
    summary = daily_summary(store, DAY, verifier=verifier)
    render_daily_summary(summary, office_for(store, None), pdf_path)
    assert "当日0:00至16:05（北京时间；当日尚未结束" in flat(pdf_text(pdf_path))


# --- thousands of overdue reviews ----------------------------------------------------------------


def overdue_rows(count: int, *, seed: int = 11) -> list[dict[str, Any]]:
    """Open cases accepted in September and October 2026, straight into the table (SQLAlchemy Core)."""
    rng = random.Random(seed)
    start = dt.datetime(2026, 9, 1, 1, 30, tzinfo=dt.UTC)
    rows = []
    for i in range(1, count + 1):
        at = start + dt.timedelta(minutes=23 * i)
        day = at.astimezone(BEIJING).date()
        level = rng.choice((5, 4, 3))
        first17 = f"440106{1970 + i % 30}0101{i % 1000:03d}"
        rows.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "case_no": f"440100-BK7Q-{day:%Y%m%d}-{i:04d}",
            "office_code": "440100", "device_id": "bulk",
            "state": rng.choice((State.accepted.value, State.under_review.value)),
            "disputed": False, "applicant_name": "李" + "明" * (1 + i % 2),
            "id_number": first17 + id_check_character(first17), "phone": "", "employer_name": "广州市某机械有限公司",
            "employer_uscc": "", "cert_number": f"S0001440001{i:010d}{level}", "cert_kind": "skill_level",
            "cert_level": level,
            "occupation_code": "6-31-01-03" if i % 5 else "6-18-01-01",
            "occupation_name": "工业机器人系统运维员" if i % 5 else "车工",
            "cert_issue_date": day - dt.timedelta(days=90), "payment_kind": "bank",
            "payment_account": f"62220202{i:011d}", "bank_name": "中国工商银行", "holder_name": "李明",
            "contribution_months": 40, "insured_region": "440106", "application_region": "440100",
            "application_date": day, "policy_id": "cn-2025", "eligible": True, "amount_yuan": AMOUNTS[level],
            "verdict_json": "{}", "lookup_code": "K7M2QX", "created_by": "clerk1", "accepted_by": "clerk1",
            "accepted_at": at, "state_changed_at": at, "created_at": at, "updated_at": at,
        })
    return rows


@pytest.mark.slow
def test_thousands_of_overdue_reviews_paginate_with_the_header_on_every_page(
        store: Store, verifier: Verifier, clock: Clock, pdf_path: Path) -> None:
    rows = overdue_rows(3000)
    with store.engine.begin() as conn:
        conn.execute(insert(Case.__table__), rows)
    clock.fixed = dt.datetime(2026, 11, 27, 18, 0, tzinfo=BEIJING)
    summary = daily_summary(store, dt.date(2026, 11, 27), verifier=verifier)
    assert summary.overdue_count == 3000 and len(summary.overdue) == 3000
    render_daily_summary(summary, office_for(store, None), pdf_path)

    pages = int(pdf_info(pdf_path)["Pages"])
    attachment_from = next(n for n in range(1, pages + 1) if ATTACHMENT_TITLE in layout_text(pdf_path, n))
    assert attachment_from <= 3 and pages - attachment_from >= 50  # a long list, many pages
    listed: list[str] = []
    for n in range(attachment_from, pages + 1):
        page = layout_text(pdf_path, n)
        header = flat(page)
        for title in OVERDUE_HEADER:
            assert flat(title) in header, f"page {n}: header {title!r} missing"
        assert f"第{n}页／共{pages}页" in header
        found = re.findall(r"440100-BK7Q-\d{8}-\d{4}", page)
        assert found, f"page {n} lists no case"
        listed += found
    assert len(listed) == len(set(listed)) == 3000
    assert listed[0] == rows[0]["case_no"]  # the longest overdue first
    assert set(listed) == {r["case_no"] for r in rows}
    assert "共3,000件" in flat(layout_text(pdf_path, attachment_from))
    assert all(f.embedded for f in pdf_fonts(pdf_path))
    qpdf_check(pdf_path)


def test_a_past_day_says_its_figures_are_as_of_its_end_and_leaves_out_the_backlog(
        store: Store, verifier: Verifier, people: dict[str, StaffUser], wednesday: list[CaseRecord],
        pdf_path: Path) -> None:
    """Issue 17.8: Wednesday printed on Thursday shows Wednesday as of midnight; today's sync backlog is no
    figure of Wednesday's and is left out, saying so."""
    issue_daily_summary(store, people["boss"], DAY, pdf_path, verifier=verifier)
    text = flat(pdf_text(pdf_path))
    assert "各项数字为该日24:00时的情况" in text
    assert "待同步变更" not in text and "中心退回" not in text
    assert "数据同步情况只有当前数字，不属于统计日，本表不列" in text


def test_today_still_shows_the_sync_backlog(store: Store, verifier: Verifier, clock: Clock,
                                            people: dict[str, StaffUser], wednesday: list[CaseRecord],
                                            pdf_path: Path) -> None:
    issue_daily_summary(store, people["boss"], dt.date(2026, 11, 26), pdf_path, verifier=verifier)
    text = flat(pdf_text(pdf_path))
    assert "待同步变更" in text and "24:00时的情况" not in text
