"""同步问题: a change the central system refused waits for a person, and sending it again is audited
with who did it (issue 18.1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from desktop.app import create_main_window
from desktop.models import audit, outbox, staff
from desktop.models.outbox import OutboxState
from desktop.models.store import Store

pytestmark = pytest.mark.gui


def test_the_clerk_sends_a_refused_change_again_and_the_audit_names_them(
        qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser]) -> None:
    make_staff("clerk", "clerk")
    with store.session() as session:
        row = outbox.enqueue(session, entity="case", entity_id="c1", op="case.accepted",
                             payload={"case_no": "440100-AAAA-20261127-0001"}, at=store.clock.now())
        key = row.idempotency_key
    with store.session() as session:
        outbox.record_answers(session, [(key, OutboxState.rejected, "中心系统拒收：测试")], store.clock.now())
    window = create_main_window(store.data_dir, "clerk", clock=store.clock)
    qtbot.addWidget(window)
    window.show_sync_problems()  # type: ignore[attr-defined]
    dialog = window.sync_problems  # type: ignore[attr-defined]
    items = dialog.findChild(QListWidget, "sync.rejected")
    qtbot.waitUntil(lambda: items.count() == 1, timeout=10_000)
    assert "440100-AAAA-20261127-0001" in items.item(0).text() and "测试" in items.item(0).text()
    items.item(0).setSelected(True)
    dialog.findChild(QPushButton, "sync.requeue").click()
    qtbot.waitUntil(lambda: items.count() == 0, timeout=10_000)
    assert "已重新排队 1 条" in dialog.message.text() or "没有被拒收的变更" in dialog.message.text()
    with store.session(readonly=True) as session:
        [entry] = [e for e in audit.entries(session, entity="outbox") if e.action == outbox.REQUEUE_ACTION]
        assert outbox.pending_count(session) == 1
    assert entry.actor == "clerk"
    window.close()
