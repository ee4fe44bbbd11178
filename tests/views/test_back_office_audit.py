"""审计 page (read-only): a paid case's whole trail, the chain check, the filtered log and its export."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from dbfile import open_db
from pytestqt.qtbot import QtBot
from test_back_office_support import MakeIntake, Team, approved, bank_answer, make_team, open_page, read_csv, settle

from desktop.models import payments
from desktop.models.cases import CaseRecord
from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.audit_page import L_ACTION, L_CONTENT, L_OBJECT, AuditPage
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


@pytest.fixture
def paid(workspace: Workspace, team: Team, make_intake: MakeIntake, tmp_path: Path) -> CaseRecord:
    (case,) = approved(workspace, team, make_intake, 1)
    out = tmp_path / "发放.csv"
    payments.export_payments(workspace.store, team.approver, out)
    payments.import_payment_result(workspace.store, team.approver, bank_answer(out, tmp_path / "result.csv"))
    return case


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, runner: TaskRunner, team: Team) -> Callable[[], AuditPage]:
    return lambda: open_page(qtbot, AuditPage, workspace, runner, team.auditor)


def test_an_auditor_shows_who_did_what_to_a_paid_case_and_that_nothing_was_altered(
    qtbot: QtBot, paid: CaseRecord, page: Callable[[], AuditPage], task_errors: list[Exception],
) -> None:
    shown = page()
    shown.show_trail(paid.case_no)
    qtbot.waitUntil(lambda: shown.trail is not None, timeout=5000)
    assert shown.tabs.currentIndex() == 1
    steps = {name: label.text() for name, label in shown.key_steps.items()}
    assert steps["accepted"].startswith("受理员clerk（clerk）　2026-11-27 10:00")
    assert steps["reviewed"].startswith("审核员reviewer（reviewer）")
    assert steps["published"].startswith("审核员reviewer（reviewer）") and "公示期 2026-11-27 至 2026-12-04" in steps[
        "published"]
    assert steps["approved"].startswith("审批员approver（approver）　2026-12-07 10:00")
    assert steps["paid"].startswith("审批员approver（approver）") and "1,500 元" in steps["paid"]
    assert shown.trail_policy.text().startswith("cn-")
    assert shown.trail_integrity.text().startswith("✔ 未被篡改")
    assert "440106********" in shown.trail_title.text() and paid.id_number not in shown.trail_title.text()
    assert [s.step for s in shown.step_model.rows()][-1] == "paid"

    shown.verify()
    settle(qtbot, shown)
    assert shown.verify_result.text().startswith("✔ 审计记录完整")

    with qtbot.waitSignal(shown.open_case, timeout=2000) as opened:
        shown.open_button.click()
    assert opened.args == [paid.id]
    assert task_errors == []


def test_the_log_filters_by_case_and_exports_masked(
    qtbot: QtBot, workspace: Workspace, paid: CaseRecord, page: Callable[[], AuditPage], tmp_path: Path,
) -> None:
    shown = page()
    assert shown.log_model.rowCount() > 10
    shown.show_trail(paid.case_no)
    qtbot.waitUntil(lambda: shown.trail is not None, timeout=5000)
    shown.trail_log_button.click()  # the case's whole log
    settle(qtbot, shown)
    assert shown.tabs.currentIndex() == 0 and shown.case_filter.text() == paid.case_no
    rows = shown.log_model.rows()
    assert rows and all(e.case_no == paid.case_no for e in rows)
    objects = {shown.log_model.data(shown.log_model.index(r, L_OBJECT)) for r in range(len(rows))}
    assert objects == {f"案件 {paid.case_no}"}
    actions = [shown.log_model.data(shown.log_model.index(r, L_ACTION)) for r in range(len(rows))]
    assert "受理案件" in actions and "导出发放文件" in actions
    contents = " ".join(shown.log_model.data(shown.log_model.index(r, L_CONTENT)) for r in range(len(rows)))
    assert paid.payment_account not in contents and paid.id_number not in contents

    out = tmp_path / "日志.csv"
    shown.ask_save_path = lambda *_args: str(out)
    shown.export_button.click()
    settle(qtbot, shown)
    assert not shown.message.error, shown.message.text()
    exported = read_csv(out)
    assert len(exported) == len(rows)
    text = out.read_text(encoding="utf-8-sig")
    assert paid.id_number not in text and paid.payment_account not in text


def test_a_tampered_entry_is_named_by_the_check(
    qtbot: QtBot, workspace: Workspace, paid: CaseRecord, page: Callable[[], AuditPage],
) -> None:
    shown = page()
    with closing(open_db(workspace.store.data_dir / "zhanchi.db")) as db, db:
        db.execute("DROP TRIGGER audit_log_no_update")  # someone with the file and a SQLite tool
        seq, after = db.execute("SELECT seq, after_json FROM audit_log WHERE action = 'case.approve'").fetchone()
        changed = json.loads(after)
        changed["note"] = "改过的审批意见"
        db.execute("UPDATE audit_log SET after_json = ? WHERE seq = ?", (json.dumps(changed), seq))
    shown.verify()
    settle(qtbot, shown)
    assert shown.verify_result.text().startswith(f"✘ 审计记录异常：第{seq}条记录内容被修改")
    shown.show_trail(paid.case_no)
    qtbot.waitUntil(lambda: shown.trail is not None, timeout=5000)
    assert shown.trail_integrity.text().startswith("✘ 审计链异常")
