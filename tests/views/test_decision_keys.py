"""Issue 16.7: one key never decides what nobody saw, and bulk or irreversible decisions ask first.

Driven through the real main window (``create_main_window``) and its keys: a double F9 at
review passes one case, not the next one in the queue; an F9 before the next case has been
painted does nothing; F8 asks, naming the case and the reasons; 全部批准 asks with the count
and the total, the safe answer (取消) the default, and backing out changes nothing.

The half-second gap is measured on ``review_page.monotonic``; the tests move a stand-in clock
instead of sleeping, so a slow machine cannot turn a double press into two seconds apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot
from qt_helpers import type_text
from test_back_office_support import MakeIntake, Team, accepted, answer, closed, make_team, settle

from desktop.app import create_main_window
from desktop.models.cases import State, get_case
from desktop.models.staff import StaffUser
from desktop.models.store import Store
from desktop.models.workspace import Workspace
from desktop.views import review_page
from desktop.views.payment_page import PaymentPage
from desktop.views.review_page import ReviewPage

pytestmark = pytest.mark.gui


class FakeTime:
    """What ``review_page.monotonic`` answers: seconds, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> Team:
    return make_team(make_staff)


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(review_page, "monotonic", fake)
    return fake


def open_window(qtbot: QtBot, store: Store, username: str) -> QMainWindow:
    window = create_main_window(store.data_dir, username, clock=store.clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window


@pytest.fixture
def reviewer_window(qtbot: QtBot, store: Store, workspace: Workspace, team: Team,
                    make_intake: MakeIntake) -> Iterator[tuple[QMainWindow, ReviewPage, list[str]]]:
    ids = [accepted(workspace, team, make_intake, n).id for n in (1, 2, 3)]
    window = open_window(qtbot, store, "reviewer")
    page = window._named_pages["nav.review"]  # type: ignore[attr-defined]
    assert isinstance(page, ReviewPage) and window.pages.currentWidget() is page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.busy, timeout=10_000)
    wait_on_screen(qtbot, page)
    yield window, page, ids
    window.close()


def wait_on_screen(qtbot: QtBot, page: ReviewPage) -> str:
    """The chosen case once its title has been painted; its id."""
    qtbot.waitUntil(lambda: page.item is not None and page.on_screen(page.item.case.id), timeout=5000)
    assert page.item is not None
    return page.item.case.id


def states(workspace: Workspace, ids: list[str]) -> list[State]:
    return [get_case(workspace.store, i).state for i in ids]


def test_a_double_f9_within_half_a_second_passes_one_case(
    qtbot: QtBot, workspace: Workspace, reviewer_window: tuple[QMainWindow, ReviewPage, list[str]],
    fake_time: FakeTime,
) -> None:
    window, page, ids = reviewer_window
    first = wait_on_screen(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.busy, timeout=10_000)
    second = wait_on_screen(qtbot, page)  # the next case is shown and painted …
    assert second != first
    fake_time.now += 0.3  # … but the second press comes 300 ms after the first: a bounce
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    qtbot.wait(50)
    settle(qtbot, page)
    assert get_case(workspace.store, first).state is State.publicized
    assert get_case(workspace.store, second).state in (State.accepted, State.under_review)
    assert page.model.rowCount() == 2 and page.item is not None and page.item.case.id == second

    fake_time.now += 0.3  # 600 ms after the first: a decision of its own
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.busy, timeout=10_000)
    assert get_case(workspace.store, second).state is State.publicized
    assert sorted(states(workspace, ids)).count(State.publicized) == 2


def test_an_f9_before_the_next_case_is_painted_does_nothing(
    qtbot: QtBot, workspace: Workspace, reviewer_window: tuple[QMainWindow, ReviewPage, list[str]],
    fake_time: FakeTime,
) -> None:
    window, page, ids = reviewer_window
    first = wait_on_screen(qtbot, page)
    pressed: list[str] = []

    def press_at_once() -> None:
        # The queue has just shown the next case; nothing has been painted since.
        if not pressed and page.item is not None and page.item.case.id != first:
            pressed.append(page.item.case.id)
            fake_time.now += 5  # long after the first decision: only the paint is missing
            qtbot.keyClick(page.table, Qt.Key.Key_F9)

    page.refreshed.connect(press_at_once)
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bool(pressed) and not page.busy, timeout=10_000)
    page.refreshed.disconnect(press_at_once)
    qtbot.wait(50)
    settle(qtbot, page)
    (second,) = pressed
    assert get_case(workspace.store, first).state is State.publicized
    assert get_case(workspace.store, second).state is State.accepted  # never seen, never decided
    assert page.model.rowCount() == 2

    assert wait_on_screen(qtbot, page) == second  # once it is on screen, F9 decides it
    fake_time.now += 5
    qtbot.keyClick(page.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.busy, timeout=10_000)
    assert get_case(workspace.store, second).state is State.publicized


def test_f8_asks_naming_the_case_and_the_reasons(
    qtbot: QtBot, workspace: Workspace, reviewer_window: tuple[QMainWindow, ReviewPage, list[str]],
    fake_time: FakeTime,
) -> None:
    window, page, ids = reviewer_window
    case_id = wait_on_screen(qtbot, page)
    record = get_case(workspace.store, case_id)
    type_text(qtbot, page.note, "证书核发日期超出申领期限")
    page.note.setFocus()
    qtbot.keyClick(page.note, Qt.Key.Key_F8)
    box = page.confirmation
    assert box is not None
    qtbot.keyClick(page.note, Qt.Key.Key_F8)  # a second F8 while it asks: still one question
    assert page.confirmation is box
    assert box.defaultButton() is box.escapeButton()  # the safe answer is the default
    assert box.defaultButton().objectName() == "confirm.no"

    words = answer(qtbot, page, yes=False, key=Qt.Key.Key_Return)  # Enter: the safe default
    assert f"驳回案件 {record.case_no}（{record.applicant_name}）？" in words
    assert "驳回理由：证书核发日期超出申领期限" in words
    qtbot.wait(50)
    assert get_case(workspace.store, case_id).state is State.accepted
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.note, timeout=2000)  # back where it was

    qtbot.keyClick(page.note, Qt.Key.Key_F8)
    answer(qtbot, page, yes=False)  # Esc
    assert get_case(workspace.store, case_id).state is State.accepted

    qtbot.keyClick(page.note, Qt.Key.Key_F8)
    answer(qtbot, page, yes=True)  # Y
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.busy, timeout=10_000)
    assert get_case(workspace.store, case_id).state is State.rejected
    assert [get_case(workspace.store, i).state for i in ids].count(State.rejected) == 1


def test_approve_all_asks_with_the_count_and_the_total_and_cancel_does_nothing(
    qtbot: QtBot, store: Store, workspace: Workspace, team: Team, make_intake: MakeIntake,
) -> None:
    ids = closed(workspace, team, make_intake, 1, 2, 3, 4)  # 4 cases of 1,500 元, publicity ended
    window = open_window(qtbot, store, "approver")
    page = window._named_pages["nav.payment"]  # type: ignore[attr-defined]
    assert isinstance(page, PaymentPage) and window.pages.currentWidget() is page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.approve_model.rowCount() == 4 and not page.busy, timeout=10_000)

    def ask() -> Any:
        qtbot.mouseClick(page.approve_all, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.confirmation is not None and page.confirmation.isVisible(), timeout=5000)
        return page.confirmation

    box = ask()
    assert box.text() == "批准4件，合计6,000 元？"
    assert box.defaultButton().objectName() == "confirm.no"
    answer(qtbot, page, yes=False, key=Qt.Key.Key_Return)  # Enter takes the safe default
    box = ask()
    answer(qtbot, page, yes=False)  # Esc
    qtbot.wait(50)
    settle(qtbot, page)
    assert states(workspace, ids) == [State.publicized] * 4
    assert page.approve_model.rowCount() == 4 and not page.message.text()

    ask()
    answer(qtbot, page, yes=True)
    qtbot.waitUntil(lambda: page.approve_model.rowCount() == 0 and not page.busy, timeout=10_000)
    assert states(workspace, ids) == [State.approved] * 4
    assert "已批准4件，合计6,000 元" in page.message.text()
    window.close()
