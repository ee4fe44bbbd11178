"""What the back-office page tests share: a team, cases taken along through the real services,
and waiting for a page.  (Named like the tests so it sits with them; it holds no test itself.)"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models import approval, publicity, review, risk
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord
from desktop.models.clock import Clock
from desktop.models.identity import id_check_character
from desktop.models.intake import file_case
from desktop.models.payments import RESULT_COLUMNS
from desktop.models.staff import Role, StaffUser
from desktop.models.workspace import Workspace
from desktop.views.back_office import BackOfficePage
from desktop.views.tasks import TaskRunner

MakeIntake = Callable[..., Intake]


@dataclass(frozen=True)
class Team:
    clerk: StaffUser
    reviewer: StaffUser
    approver: StaffUser
    supervisor: StaffUser
    auditor: StaffUser
    admin: StaffUser


def make_team(make_staff: Callable[..., StaffUser]) -> Team:
    return Team(**{role.value: make_staff(role, role.value) for role in Role})


def make_id(seq: int) -> str:
    first17 = f"44010619800101{seq:03d}"
    return first17 + id_check_character(first17)


def cert_number(seq: int, level: int = 4) -> str:
    return f"S00014400012317{level}{seq:06d}"


def person(make_intake: MakeIntake, n: int, *, name: str | None = None, holder: str | None = None) -> Intake:
    """Applicant ``n``: own ID, certificate and bank card (no risk flag unless ``holder`` differs)."""
    name = name or f"张晓{'梅兰竹菊松柏'[n % 6]}"
    return make_intake(
        applicant={"name": name, "id_number": make_id(n)},
        certificate={"number": cert_number(n), "kind": "skill_level", "level": 4, "occupation_code": "6-18-01-01",
                     "occupation_name": "车工", "issue_date": "2017-06-01"},
        payment={"kind": "bank", "account": f"62220202{n:011d}", "bank_name": "工商银行",
                 "holder_name": holder or name},
    )


def at(clock: Clock, year: int, month: int, day: int, hour: int = 10) -> None:
    """Office time (Beijing)."""
    clock.fixed = dt.datetime(year, month, day, hour, tzinfo=clock.tz)


def accepted(ws: Workspace, team: Team, make_intake: MakeIntake, n: int, **kwargs: Any) -> CaseRecord:
    record, _ = file_case(ws.store, ws.verifier, team.clerk, person(make_intake, n, **kwargs), accept=True)
    return record


def passed(ws: Workspace, team: Team, make_intake: MakeIntake, n: int) -> CaseRecord:
    record = accepted(ws, team, make_intake, n)
    review.start_review(ws.store, ws.verifier, team.reviewer, record.id)
    for flag in risk.flags_of(ws.store, record.id, open_only=True):
        risk.clear_flag(ws.store, team.reviewer, flag.id, "已核实")
    return review.pass_review(ws.store, ws.verifier, team.reviewer, record.id)


def published(ws: Workspace, team: Team, make_intake: MakeIntake, *numbers: int) -> publicity.Batch:
    """Cases passed and published on Friday 2026-11-27 (the period ends 2026-12-04)."""
    at(ws.clock, 2026, 11, 27)
    ids = [passed(ws, team, make_intake, n).id for n in numbers]
    batch = publicity.create_batch(ws.store, team.reviewer, ids)
    return publicity.publish_batch(ws.store, ws.verifier, team.reviewer, batch.id)


def closed(ws: Workspace, team: Team, make_intake: MakeIntake, *numbers: int) -> list[str]:
    """Cases whose publicity ended without objection: approvable on Monday 2026-12-07."""
    batch = published(ws, team, make_intake, *numbers)
    at(ws.clock, 2026, 12, 7)
    publicity.close_batch(ws.store, team.reviewer, batch.id)
    return [e.case_id for e in batch.live_entries]


def approved(ws: Workspace, team: Team, make_intake: MakeIntake, *numbers: int) -> list[CaseRecord]:
    return approval.approve(ws.store, team.approver, closed(ws, team, make_intake, *numbers))


def open_page(qtbot: QtBot, cls: type[BackOfficePage], ws: Workspace, runner: TaskRunner,
              user: StaffUser) -> Any:
    """The page shown at the counter's screen size, its first answer arrived."""
    page = cls(ws, runner, user)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: BackOfficePage) -> None:
    """Wait until the page's action and the refresh after it are done."""
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


def answer(qtbot: QtBot, page: BackOfficePage, *, yes: bool, key: Qt.Key | None = None) -> str:
    """Answer the page's open confirmation from the keyboard as a person does (Y confirms, Esc backs
    out; or ``key``), the key going to the focused button; returns the question and its details."""
    qtbot.waitUntil(lambda: page.confirmation is not None and page.confirmation.isVisible(), timeout=5000)
    box = page.confirmation
    assert box is not None
    words = box.text() + "\n" + box.informativeText()
    target = box.focusWidget() or QApplication.focusWidget() or box
    qtbot.keyClick(target, key if key is not None else (Qt.Key.Key_Y if yes else Qt.Key.Key_Escape))
    qtbot.waitUntil(lambda: page.confirmation is None, timeout=5000)
    return words


def reload(qtbot: QtBot, page: BackOfficePage) -> None:
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh()
    settle(qtbot, page)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def bank_answer(disbursement: Path, out: Path, *, change: Callable[[int, dict[str, str]], None] | None = None,
                failed: Sequence[str] = ()) -> Path:
    """The bank's result for a disbursement file: every row paid (or failed when its case number is in
    ``failed``), each row then passed to ``change`` to spoil it."""
    rows = []
    for number, row in enumerate(read_csv(disbursement)):
        bad = row["case_no"] in failed
        row = {**row, "status": "failed" if bad else "paid", "reason": "账户已销户" if bad else ""}
        if change is not None:
            change(number, row)
        rows.append(row)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(RESULT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return out
