"""The verdict panel (issue 16.10): the rules not met first, the data source said once."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from case_flow import intake_dict
from pytestqt.qtbot import QtBot

from desktop.models.application import parse_application
from desktop.models.checklist import TYPED, Source, SourceKind
from desktop.models.rules import Verifier
from desktop.views.verify_panel import VerifyPanel

pytestmark = pytest.mark.gui

AS_OF = dt.datetime(2018, 1, 10, 0, 0, tzinfo=dt.UTC)  # 08:00 in Guangzhou
SYNCED = Source(SourceKind.SYNCED, AS_OF)


def lines(panel: VerifyPanel) -> list[str]:
    return [panel.checks.item(i).text() for i in range(panel.checks.count())]


def test_failing_rules_come_first_and_the_source_is_said_once(qtbot: QtBot) -> None:
    # Issued more than 12 months before the application: application_window (late in the rules' order) fails.
    data = intake_dict(application_date="2019-03-01")
    verdict = Verifier.load().verify(parse_application(data))
    failed = [c.rule for c in verdict.checks if not c.passed]
    assert failed and verdict.checks[0].passed, "the case must fail a rule that is not the first"
    panel = VerifyPanel()
    qtbot.addWidget(panel)
    panel.show_verdict(verdict, {"identity": SYNCED, "contributions": SYNCED, "certificate": TYPED})

    shown = lines(panel)
    assert len(shown) == len(verdict.checks)
    marks = [line.startswith("✘") for line in shown]
    assert marks == [True] * len(failed) + [False] * (len(shown) - len(failed))
    assert [panel.checks.item(i).data(0x0100) for i in range(len(failed))] == failed  # UserRole: the rule code

    # The source once, above the rules, with its as-of; typed data marked; never repeated on a line.
    sources = panel.sources.text()
    assert sources == ("数据来源：身份信息、参保缴费：本地同步数据（截至2018年1月10日 08:00）；"
                       "⚠ 证书信息：手工录入·待核验")
    assert not any("本地同步数据" in line or "手工录入" in line for line in shown)

    # The accessibleDescription contract (CONTRACTS.md) is the verdict JSON, in the verdict's own order.
    assert json.loads(panel.accessibleDescription()) == json.loads(json.dumps(verdict.to_json(), ensure_ascii=False))
    assert panel.window_end.text().startswith("申请期限：至") and "日（含）" in panel.window_end.text()


def test_waiting_clears_the_sources(qtbot: QtBot) -> None:
    panel = VerifyPanel()
    qtbot.addWidget(panel)
    panel.show_verdict(Verifier.load().verify(parse_application(intake_dict())), {"identity": SYNCED})
    assert panel.sources.text().startswith("数据来源：身份信息：")
    panel.show_waiting(["姓名"])
    assert panel.sources.text() == "" and panel.accessibleDescription() == ""
