"""Which back-office pages each role gets (a clerk none), and every page drawn at the counter's screen size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_back_office_support import MakeIntake, Team, accepted, approved, make_team, published, settle

from desktop.models import publicity
from desktop.models.staff import Role, StaffUser
from desktop.models.workspace import Workspace
from desktop.views.back_office import BackOfficePage, back_office_pages
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui

EXPECTED = {
    Role.clerk: [],
    Role.reviewer: [("审核", "nav.review"), ("公示", "nav.publicity")],
    Role.approver: [("发放", "nav.payment")],
    Role.supervisor: [("发放", "nav.payment"), ("统计", "nav.dashboard"), ("审计", "nav.audit")],
    Role.auditor: [("统计", "nav.dashboard"), ("审计", "nav.audit")],
    Role.admin: [("人员管理", "nav.staff")],
}


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_exactly_its_pages_in_the_order_of_the_work(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: Team, role: Role,
) -> None:
    pages = back_office_pages(workspace, runner, getattr(team, role.value))
    for _label, _name, page in pages:
        qtbot.addWidget(page)
    assert [(label, name) for label, name, _page in pages] == EXPECTED[role]
    for _label, name, page in pages:
        assert isinstance(page, BackOfficePage) and page.objectName() == "page." + name.removeprefix("nav.")


def test_every_page_draws_at_1366_by_768_with_work_in_it(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: Team, make_intake: MakeIntake, tmp_path: Path,
    task_errors: list[Exception],
) -> None:
    approved(workspace, team, make_intake, 1, 2)  # approved on 2026-12-07
    batch = published(workspace, team, make_intake, 3, 4, 5)
    publicity.record_objection(workspace.store, team.reviewer, batch.live_entries[0].case_id, objector="王先生",
                               contact="13900001111", content="反映情况")
    for n in (6, 7):
        accepted(workspace, team, make_intake, n, holder="李四" if n == 7 else None)
    drawn = []
    for user in (team.reviewer, team.approver, team.supervisor, team.admin):
        for _label, name, page in back_office_pages(workspace, runner, user):
            qtbot.addWidget(page)
            page.resize(1366, 768)
            with qtbot.waitSignal(page.refreshed, timeout=10_000):
                page.show()
            settle(qtbot, page)
            QApplication.processEvents()
            hint = page.minimumSizeHint()
            assert hint.width() <= 1366 and hint.height() <= 690, (name, hint)  # 768 less the bars
            image = page.grab()
            out = tmp_path / f"{user.role.value}-{name}.png"
            assert image.save(str(out)) and out.stat().st_size > 10_000
            drawn.append(name)
            page.hide()
    assert sorted(set(drawn)) == ["nav.audit", "nav.dashboard", "nav.payment", "nav.publicity", "nav.review",
                                  "nav.staff"]
    assert task_errors == []
