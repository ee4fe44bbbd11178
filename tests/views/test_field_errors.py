"""Errors beside their field, in its Chinese label, never the core's key (issue 16.9).

``field_errors.INTAKE_FIELDS`` maps every field name the intake core can raise to the form's
widget and its label: the names are collected here by offering the core bad values for every key
of the intake JSON (and of a parsed intake, for what ``create_case`` checks itself).  At the
counter a refused value is said beside its field, the cursor goes there, and the error goes when
the field is put right; the bottom line and the verdict panel never show a dotted key.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot
from qt_helpers import find, type_text

from desktop.models.application import parse_intake
from desktop.models.cases import _case_row_from_intake
from desktop.models.errors import InvalidInput
from desktop.models.identity import id_check_character
from desktop.views.field_errors import INTAKE_FIELDS, describe, field_label, table_key, widget_name
from desktop.views.intake_form import IntakeForm

pytestmark = pytest.mark.gui

DOTTED = re.compile(r"\b[a-z_]+\.[a-z_]+\b")  # payment.account, applicant.id_number …
GOOD: dict[str, Any] = {
    "applicant": {"name": "张三", "id_number": "11010519491231002X"},
    "insured_region": "440100", "application_region": "440100", "contribution_months": 40,
    "receiving_unemployment_benefit": False,
    "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                    "occupation_code": "6-18-01-01", "occupation_name": "车工", "issue_date": "2017-06-01",
                    "shortage": False, "training_subsidy_claimed": False},
    "application_date": "2018-01-10",
    "prior_subsidies": [{"occupation_code": "6-18-01-01", "level": 5, "granted_on": "2017-09-01", "shortage": False}],
    "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "工商银行", "holder_name": "张三"},
    "employer": {"name": "广州市某机械有限公司", "uscc": "91440101MA5XXXXX04"},
    "phone": "13800138000",
}
BAD_VALUES: tuple[Any, ...] = (None, "", "   ", 12, "x", [], {}, True, "张\u202e三", "9" * 300, -1, 99999, "DELETE")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def raised_by_parse() -> set[str]:
    """Every field name ``parse_intake`` raises for a bad value at any key of the intake JSON."""
    fields = set()
    for path in _paths(GOOD):
        if not path:
            continue
        for bad in BAD_VALUES:
            data = copy.deepcopy(GOOD)
            holder = data
            for key in path[:-1]:
                holder = holder[key]
            if bad == "DELETE":
                if not isinstance(holder, dict):
                    continue
                del holder[path[-1]]
            else:
                holder[path[-1]] = bad
            try:
                parse_intake(data)
            except InvalidInput as exc:
                fields.add(exc.field)
    return fields


def raised_by_create_case() -> set[str]:
    """What ``create_case`` checks again on a parsed intake (values that did not come through parsing)."""
    intake = parse_intake(GOOD)
    app, cert, pay = intake.application, intake.application.certificate, intake.payment
    variants = [
        dataclasses.replace(intake, application=dataclasses.replace(app, applicant_name="")),
        dataclasses.replace(intake, application=dataclasses.replace(app, id_number=" ")),
        dataclasses.replace(intake, application=dataclasses.replace(app, contribution_months=-1)),
        dataclasses.replace(intake, application=dataclasses.replace(app, insured_region="12")),
        dataclasses.replace(intake, application=dataclasses.replace(app, application_region="12")),
        dataclasses.replace(intake, application=dataclasses.replace(app, application_date="x")),  # type: ignore[arg-type]
        dataclasses.replace(intake, application=dataclasses.replace(
            app, certificate=dataclasses.replace(cert, number=""))),
        dataclasses.replace(intake, application=dataclasses.replace(
            app, certificate=dataclasses.replace(cert, kind="other"))),
        dataclasses.replace(intake, application=dataclasses.replace(
            app, certificate=dataclasses.replace(cert, level=9))),
        dataclasses.replace(intake, application=dataclasses.replace(
            app, certificate=dataclasses.replace(cert, occupation_code=""))),
        dataclasses.replace(intake, payment=dataclasses.replace(pay, account="")),
        dataclasses.replace(intake, payment=dataclasses.replace(pay, kind="cash")),
        dataclasses.replace(intake, payment=dataclasses.replace(pay, holder_name="\u202e")),
        dataclasses.replace(intake, employer=dataclasses.replace(intake.employer, name="\u202e")),
        dataclasses.replace(intake, phone=12),  # type: ignore[arg-type]
    ]
    fields = set()
    for variant in variants:
        with pytest.raises(InvalidInput) as raised:
            _case_row_from_intake(variant, verdict={}, eligible=True, amount_yuan=1500, policy_id="cn-2017",
                                  sources={}, materials={}, shortage=None)
        fields.add(raised.value.field)
    return fields


def test_every_field_the_intake_core_raises_has_a_widget_or_words() -> None:
    raised = raised_by_parse() | raised_by_create_case()
    assert {"payment.account", "applicant.id_number", "certificate.issue_date", "employer.uscc"} <= raised
    missing = sorted(field for field in raised if table_key(field) not in INTAKE_FIELDS)
    assert missing == [], f"field names with no entry in field_errors.INTAKE_FIELDS: {missing}"
    for field in raised:
        label = field_label(field)
        assert label and not label.isascii() and "." not in label, field


def test_every_widget_of_the_table_is_a_field_of_the_form(qapp: QApplication) -> None:
    from desktop.models.clock import Clock

    form = IntakeForm(Clock())
    for field, (name, _label) in INTAKE_FIELDS.items():
        if name is not None:
            assert form.findChild(QWidget, name) is not None, f"{field} -> {name}: no such field on the form"
    form.deleteLater()


@pytest.mark.parametrize(("field", "reason", "words"), [
    ("payment.account", "不能为空", "账号不能为空"),
    ("certificate.level", "应在 1 到 5 之间，收到 9", "等级应在 1 到 5 之间，收到 9"),
    ("employer", "缺少此项", "请填写工作单位"),
    ("applicant.id_number", "身份证号码校验位不正确（末位应为X），请逐位核对证件号码",
     "身份证号码校验位不正确（末位应为X），请逐位核对证件号码"),
    ("prior_subsidies[1].level", "应为整数，收到 'x'", "已享受补贴记录的等级应为整数，收到 'x'"),
    ("application_date", "日期 2026-02-30 不存在，请核对年、月、日",
     "申请日期：日期 2026-02-30 不存在，请核对年、月、日"),
    ("something.new", "不能为空", "不能为空"),  # a name not in the table: the reason alone, never the key
])
def test_an_error_in_words(field: str, reason: str, words: str) -> None:
    assert describe(InvalidInput(field, reason)) == words


def test_a_coded_error_in_words() -> None:
    """The core's errors come by code (issue 18.5): said the same way, beside the same field."""
    assert describe(InvalidInput.about("employer", "value.missing")) == "请填写工作单位"
    assert describe(InvalidInput.about("payment.account", "value.empty")) == "账号不能为空"
    assert describe(InvalidInput.about("certificate.level", "value.out_of_range", low=1, high=5,
                                       received="9")) == "等级应在 1 到 5 之间，收到 9"


# --- at the counter --------------------------------------------------------------------------------


def fill_all_but_the_account(qtbot: QtBot, win: QMainWindow) -> None:
    first17 = "44010619900307123"
    form = win.intake_page.form  # type: ignore[attr-defined]
    type_text(qtbot, form.id_number, first17 + id_check_character(first17))
    type_text(qtbot, form.name, "张三梅")
    form.contribution_months.setValue(40)
    form.insured_region.setText("440106")
    type_text(qtbot, form.employer_name, "广州白云精密机械有限公司")
    form.cert_number.setText("S000144000123174000056")
    form.cert_level.setCurrentIndex(form.cert_level.findData(4))
    form.occupation.setText("6-18-01-01")
    issued = win.clock.today() - dt.timedelta(days=60)  # type: ignore[attr-defined]
    form.cert_issue_date.setDate(QDate(issued.year, issued.month, issued.day))


def shown_texts(win: QMainWindow) -> str:
    return "\n".join(w.text() for w in win.findChildren(QLabel) if w.isVisible()) + win.statusBar().currentMessage()


def test_a_refused_value_is_said_beside_its_field_and_goes_when_put_right(qtbot: QtBot, window: QMainWindow) -> None:
    fill_all_but_the_account(qtbot, window)
    find(window, "intake.id_number").setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F6)  # 保存待补正: the core parses the whole intake
    error = find(window, "intake.payment_account.error")
    assert isinstance(error, QLabel)
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert error.text() == "⚠ 账号不能为空"
    assert QApplication.focusWidget() is find(window, "intake.payment_account")  # the cursor is taken there
    assert not DOTTED.search(shown_texts(window)), shown_texts(window)
    assert "payment" not in find(window, "intake.message").text()  # type: ignore[attr-defined]
    # Put right: the error goes (and nothing is left at the bottom of the screen either).
    type_text(qtbot, find(window, "intake.payment_account"), "6222020200112233445")
    assert not error.isVisible()
    assert not find(window, "intake.message").text()  # type: ignore[attr-defined]


def test_an_error_still_there_after_an_edit_stays(qtbot: QtBot, window: QMainWindow) -> None:
    fill_all_but_the_account(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    error = find(window, "intake.payment_account.error")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    type_text(qtbot, find(window, "intake.payment_account"), " ")  # still empty for the core
    assert error.isVisible() and "账号" in error.text()  # type: ignore[attr-defined]


def test_the_verdict_panel_says_an_error_in_words(qtbot: QtBot, window: QMainWindow) -> None:
    fill_all_but_the_account(qtbot, window)
    window.intake_page.form.insured_region.setText("99010X")  # type: ignore[attr-defined]
    headline = find(window, "verify.headline")
    qtbot.waitUntil(lambda: "无法核验" in headline.text(), timeout=5_000)  # type: ignore[attr-defined]
    assert "参保地区划代码" in headline.text() and not DOTTED.search(headline.text())  # type: ignore[attr-defined]
    beside = find(window, "intake.insured_region.error")
    assert beside.isVisible() and QApplication.focusWidget() is not find(window, "intake.insured_region")
    window.intake_page.form.insured_region.setText("440106")  # type: ignore[attr-defined]
    assert not beside.isVisible()


def test_a_new_case_clears_the_errors(qtbot: QtBot, window: QMainWindow) -> None:
    fill_all_but_the_account(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    error = find(window, "intake.payment_account.error")
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    window.intake_page.new_case()  # type: ignore[attr-defined]
    assert not error.isVisible()


def test_field_errors_never_name_a_key(qtbot: QtBot, window: QMainWindow) -> None:
    """Whatever the table maps, what it shows is words."""
    for field in INTAKE_FIELDS:
        name = widget_name(field)
        if name is None:
            continue
        shown = window.intake_page.field_errors.show(InvalidInput(field, "不能为空"), focus=False)  # type: ignore[attr-defined]
        assert shown, field
        text = find(window, name + ".error").text()  # type: ignore[attr-defined]
        assert not DOTTED.search(text) and text.startswith("⚠ "), (field, text)
