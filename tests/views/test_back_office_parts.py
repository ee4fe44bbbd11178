"""What the back-office pages share (``desktop.views.back_office``): the chosen row kept across
refreshes, the named buttons and lines, the rows and forms, and the page's own construction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.staff import StaffUser
from desktop.models.workspace import Workspace
from desktop.views.back_office import (
    BackOfficePage,
    Chosen,
    Column,
    RowsModel,
    form_group,
    hbox,
    line_edit,
    make_table,
    push_button,
)
from desktop.views.tasks import TaskRunner

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Row:
    key: str


class Detail:
    """What a page does with ``Chosen``: what it showed, and when another row was chosen."""

    def __init__(self, qtbot: QtBot) -> None:
        self.model = RowsModel([Column("key", lambda r: r.key)], lambda r: r.key)
        self.view = make_table("test.list", self.model)
        qtbot.addWidget(self.view)
        self.shown: list[str | None] = []
        self.switched: list[str | None] = []
        self.chosen = Chosen(self.view, lambda row: self.shown.append(row.key if row else None),
                             switched=lambda row: self.switched.append(row.key if row else None))


def rows(*keys: str) -> list[Row]:
    return [Row(k) for k in keys]


def test_the_chosen_row_stays_chosen_across_a_reload(qtbot: QtBot) -> None:
    detail = Detail(qtbot)
    detail.chosen.reload(rows("a", "b", "c"))
    assert detail.chosen.key == "a" and detail.shown == ["a"]  # nothing kept: the first row
    detail.view.selectRow(1)
    assert detail.chosen.key == "b" and detail.chosen.row == Row("b")
    detail.chosen.reload(rows("c", "b", "a"))
    assert detail.chosen.row == Row("b") and detail.shown[-1] == "b"
    assert detail.switched == ["a", "b"]  # reloading the same row is not another row: what was typed stays


def test_a_row_gone_is_forgotten_and_the_first_one_chosen_afresh(qtbot: QtBot) -> None:
    detail = Detail(qtbot)
    detail.chosen.reload(rows("a", "b"))
    detail.view.selectRow(1)
    detail.chosen.reload(rows("a", "c"))
    assert detail.chosen.key == "a" and detail.shown[-1] == "a" and detail.switched[-1] == "a"


def test_with_no_rows_the_detail_is_emptied(qtbot: QtBot) -> None:
    detail = Detail(qtbot)
    detail.chosen.reload(rows("a"))
    detail.chosen.reload([])
    assert detail.chosen.row is None and detail.shown[-1] is None and detail.chosen.key is None


def test_a_key_set_by_the_page_is_chosen_at_the_next_reload(qtbot: QtBot) -> None:
    detail = Detail(qtbot)
    detail.chosen.reload(rows("a", "b"))
    detail.chosen.key = "new"  # e.g. a batch just made
    detail.chosen.reload(rows("a", "b", "new"))
    assert detail.chosen.row == Row("new")


def test_a_button_calls_its_slot_with_no_arguments(qtbot: QtBot) -> None:
    calls: list[tuple[Any, ...]] = []
    button = push_button("办理", "test.do", lambda *args: calls.append(args))
    qtbot.addWidget(button)
    button.click()
    assert button.objectName() == "test.do" and button.text() == "办理" and calls == [()]


def test_a_line_has_its_name_placeholder_and_accessible_name(qtbot: QtBot) -> None:
    line = line_edit("test.line", "不改则留空", accessible="账号")
    qtbot.addWidget(line)
    assert (line.objectName(), line.placeholderText(), line.accessibleName()) == ("test.line", "不改则留空", "账号")


def test_a_row_gives_the_room_to_the_wide_one_and_a_form_holds_its_rows(qtbot: QtBot) -> None:
    first, wide, last = QLabel("a"), QLineEdit(), QLabel("b")
    row = hbox(None, first, wide, last, wide=wide)
    assert row.count() == 4 and row.stretch(0) == 1  # the room first: the rest at the right end
    assert [row.stretch(i) for i in (1, 2, 3)] == [0, 1, 0]
    box = form_group("标题", ("标签", QLineEdit()), QLabel("across"), row)
    qtbot.addWidget(box)
    form = box.layout()
    assert isinstance(form, QFormLayout) and box.title() == "标题" and form.rowCount() == 3


class _Page(BackOfficePage):
    page_name = "test_page"

    def build(self) -> None:
        self.built_with = (self.workspace, self.user, self.objectName())


def test_a_page_is_named_and_builds_itself_once_its_services_are_there(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner, make_staff: Any,
) -> None:
    user: StaffUser = make_staff("reviewer")
    page = _Page(workspace, runner, user)
    qtbot.addWidget(page)
    assert page.objectName() == "page.test_page"
    assert page.built_with == (workspace, user, "page.test_page")
    assert isinstance(page.message, QWidget) and page.message.objectName() == "test_page.message"
