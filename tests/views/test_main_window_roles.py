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
         "nav.import")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("clerk", {"nav.new_case", "nav.field"}),
        ("reviewer", {"nav.review", "nav.publicity"}),
        ("approver", {"nav.payment"}),
        ("supervisor", {"nav.payment", "nav.dashboard", "nav.audit", "nav.import"}),
        ("auditor", {"nav.dashboard", "nav.audit"}),
        ("admin", {"nav.import"}),
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
