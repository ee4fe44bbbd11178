"""Navigation by work, shown by role (UI.md): a person sees only the pages their role may use."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop.app import create_main_window
from desktop.models import staff
from desktop.models.store import Store

pytestmark = pytest.mark.gui

PAGES = ("nav.new_case", "nav.review", "nav.publicity", "nav.payment", "nav.dashboard", "nav.audit", "nav.field",
         "nav.import", "nav.staff")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk", {"nav.new_case", "nav.field"}),
        ("reviewer", {"nav.review", "nav.publicity"}),
        ("approver", {"nav.payment"}),
        ("supervisor", {"nav.payment", "nav.dashboard", "nav.audit", "nav.import"}),
        ("auditor", {"nav.dashboard", "nav.audit"}),
        ("admin", {"nav.import", "nav.staff"}),
    ],
)
def test_each_role_sees_its_own_pages(qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser],
                                      role: str, expected: set[str]) -> None:
    make_staff(role, "someone")
    window = create_main_window(store.data_dir, "someone", clock=store.clock)
    qtbot.addWidget(window)
    names = [a.objectName() for a in window.findChildren(QAction) if a.objectName() in PAGES]
    assert set(names) == expected
    assert "nav.search" in {a.objectName() for a in window.findChildren(QAction)}
    if role == "reviewer":
        assert window.pages.currentWidget() is window.back_office[0][2]  # type: ignore[attr-defined]
    window.close()


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("clerk", "intake"),
        ("reviewer", "nav.review"),  # 审核
        ("approver", "nav.payment"),  # 发放, on its 待审批 tab
        ("supervisor", "nav.dashboard"),  # 统计, not 发放
        ("auditor", "nav.audit"),  # 审计
        ("admin", "nav.staff"),  # 人员管理
    ],
)
def test_each_role_lands_on_its_main_page(qtbot: QtBot, store: Store, make_staff: Callable[..., staff.StaffUser],
                                          role: str, landing: str) -> None:
    make_staff(role, "someone")
    window = create_main_window(store.data_dir, "someone", clock=store.clock)
    qtbot.addWidget(window)
    window.show()
    current = window.pages.currentWidget()  # type: ignore[attr-defined]
    if landing == "intake":
        assert current is window.intake_page  # type: ignore[attr-defined]
    else:
        assert current is window._named_pages[landing]  # type: ignore[attr-defined]
    if role == "approver":
        assert current.tabs.currentWidget().objectName() == "payment.tab.approve"
    window.close()


def test_the_main_page_follows_a_switch_of_user(qtbot: QtBot, store: Store,
                                                make_staff: Callable[..., staff.StaffUser]) -> None:
    """Signing in as someone else on the same window lands on the new person's main page."""
    make_staff("supervisor", "boss")
    make_staff("admin", "root")
    window = create_main_window(store.data_dir, "boss", clock=store.clock)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window._named_pages["nav.dashboard"]  # type: ignore[attr-defined]
    window.user = staff.get_staff(store, "root")  # type: ignore[attr-defined]
    window._rebuild_for_user()  # type: ignore[attr-defined]
    assert window.pages.currentWidget() is window._named_pages["nav.staff"]  # type: ignore[attr-defined]
    window.close()
