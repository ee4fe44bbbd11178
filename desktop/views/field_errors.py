"""Errors beside their field, in the field's own words (issue 16.9).

The core names a bad value by its key in the intake JSON (``InvalidInput.field``, a dotted path
such as ``payment.account``): that is for scripts and the command line.  At the counter the error
goes beside the field it is about, in the field's Chinese label (``账号不能为空``), the focus goes
there, and it goes away when the field is put right.  ``INTAKE_FIELDS`` is the one table from
every field name the intake core can raise to the form's widget and its label; a field with no
widget of its own (the application date, the policy) is said in words where the page says things.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from desktop.models.errors import InvalidInput, ZhanchiError
from desktop.views.i18n import QT_TRANSLATE_NOOP

CONTEXT = "FieldErrors"

# Field name (as ``InvalidInput.field`` names it, list indexes left out) -> (objectName of the
# intake form's widget, or None when the form has none; the label in words).
INTAKE_FIELDS: dict[str, tuple[str | None, str]] = {
    "applicant": ("intake.name", QT_TRANSLATE_NOOP("FieldErrors", "申请人")),
    "applicant.name": ("intake.name", QT_TRANSLATE_NOOP("FieldErrors", "姓名")),
    "applicant.id_number": ("intake.id_number", QT_TRANSLATE_NOOP("FieldErrors", "身份证号码")),
    "phone": ("intake.phone", QT_TRANSLATE_NOOP("FieldErrors", "手机号码")),
    "contribution_months": ("intake.contribution_months", QT_TRANSLATE_NOOP("FieldErrors", "累计缴费月数")),
    "insured_region": ("intake.insured_region", QT_TRANSLATE_NOOP("FieldErrors", "参保地区划代码")),
    "receiving_unemployment_benefit": ("intake.receiving_benefit",
                                       QT_TRANSLATE_NOOP("FieldErrors", "正在领取失业保险金")),
    "employer": ("intake.employer_name", QT_TRANSLATE_NOOP("FieldErrors", "工作单位")),
    "employer.name": ("intake.employer_name", QT_TRANSLATE_NOOP("FieldErrors", "单位名称")),
    "employer.uscc": ("intake.employer_uscc", QT_TRANSLATE_NOOP("FieldErrors", "统一社会信用代码")),
    "certificate": ("intake.cert_number", QT_TRANSLATE_NOOP("FieldErrors", "证书")),
    "certificate.kind": ("intake.cert_kind", QT_TRANSLATE_NOOP("FieldErrors", "证书种类")),
    "certificate.number": ("intake.cert_number", QT_TRANSLATE_NOOP("FieldErrors", "证书编号")),
    "certificate.level": ("intake.cert_level", QT_TRANSLATE_NOOP("FieldErrors", "等级")),
    "certificate.occupation_code": ("intake.occupation", QT_TRANSLATE_NOOP("FieldErrors", "职业（工种）")),
    "certificate.occupation_name": ("intake.occupation", QT_TRANSLATE_NOOP("FieldErrors", "职业（工种）")),
    "certificate.issue_date": ("intake.cert_issue_date", QT_TRANSLATE_NOOP("FieldErrors", "核发日期")),
    "certificate.shortage": ("intake.shortage", QT_TRANSLATE_NOOP("FieldErrors", "紧缺急需职业（工种）")),
    "certificate.training_subsidy_claimed": (None, QT_TRANSLATE_NOOP("FieldErrors", "已领取职业培训补贴")),
    "payment": ("intake.payment_account", QT_TRANSLATE_NOOP("FieldErrors", "补贴发放账户")),
    "payment.kind": ("intake.payment_kind", QT_TRANSLATE_NOOP("FieldErrors", "账户类型")),
    "payment.account": ("intake.payment_account", QT_TRANSLATE_NOOP("FieldErrors", "账号")),
    "payment.bank_name": ("intake.bank_name", QT_TRANSLATE_NOOP("FieldErrors", "开户银行")),
    "payment.holder_name": ("intake.name", QT_TRANSLATE_NOOP("FieldErrors", "户名（申请人本人姓名）")),
    # Not typed on the form: the office's, the day's, the registry's, or the program's own.
    "application_region": (None, QT_TRANSLATE_NOOP("FieldErrors", "受理地区划代码")),
    "application_date": (None, QT_TRANSLATE_NOOP("FieldErrors", "申请日期")),
    "prior_subsidies": (None, QT_TRANSLATE_NOOP("FieldErrors", "已享受补贴记录")),
    "prior_subsidies.occupation_code": (None, QT_TRANSLATE_NOOP("FieldErrors", "已享受补贴记录的职业代码")),
    "prior_subsidies.level": (None, QT_TRANSLATE_NOOP("FieldErrors", "已享受补贴记录的等级")),
    "prior_subsidies.granted_on": (None, QT_TRANSLATE_NOOP("FieldErrors", "已享受补贴记录的发放日期")),
    "prior_subsidies.shortage": (None, QT_TRANSLATE_NOOP("FieldErrors", "已享受补贴记录的紧缺职业标记")),
    "input": (None, QT_TRANSLATE_NOOP("FieldErrors", "申请信息")),
    "intake": (None, QT_TRANSLATE_NOOP("FieldErrors", "申请信息")),
    "eligible": (None, QT_TRANSLATE_NOOP("FieldErrors", "核验结果")),
    "amount_yuan": (None, QT_TRANSLATE_NOOP("FieldErrors", "补贴金额")),
    "verdict": (None, QT_TRANSLATE_NOOP("FieldErrors", "核验结果")),
    "policy_id": (None, QT_TRANSLATE_NOOP("FieldErrors", "适用政策")),
    "sources": (None, QT_TRANSLATE_NOOP("FieldErrors", "数据来源")),
    "materials": (None, QT_TRANSLATE_NOOP("FieldErrors", "申请材料")),
}
_INDEX = re.compile(r"\[\d+\]")
_JOINS = ("不能", "应", "不是", "只", "含有", "与")  # a reason that reads on after the label: 账号不能为空


def table_key(field: str) -> str:
    """``prior_subsidies[0].level`` -> ``prior_subsidies.level``."""
    return _INDEX.sub("", field)


def field_label(field: str) -> str | None:
    entry = INTAKE_FIELDS.get(table_key(field))
    return QCoreApplication.translate(CONTEXT, entry[1]) if entry is not None else None


def widget_name(field: str) -> str | None:
    entry = INTAKE_FIELDS.get(table_key(field))
    return entry[0] if entry is not None else None


def describe(error: InvalidInput) -> str:
    """The error in words: the field's label and the core's reason, never the field's key."""
    label, reason = field_label(error.field), error.reason_said(QCoreApplication.translate)
    if not label or reason.startswith(label):
        return reason  # 身份证号码校验位不正确…, 姓名不能为空: they say which field already
    if error.code == "value.missing" or error.reason == "缺少此项":  # 请填写…, in the reader's language
        return QCoreApplication.translate("FieldErrors", "请填写%1").replace("%1", label)
    return f"{label}{reason}" if reason.startswith(_JOINS) else f"{label}：{reason}"


def error_text(error: Exception) -> str:
    """What to tell the clerk about any error of the core (an input error in words)."""
    if isinstance(error, InvalidInput):
        return describe(error)
    if isinstance(error, ZhanchiError):
        return error.said(QCoreApplication.translate)  # a catalogued message in the window's language
    return QCoreApplication.translate("FieldErrors", "内部错误，已记录日志，请重试或联系管理员")


class FieldErrors(QObject):
    """The errors shown beside the fields of ``form``.  ``recheck`` says what the core finds wrong
    with the form as it is now (None: nothing): when a field with an error is edited, the error is
    kept (its text brought up to date) while the core still finds it, and goes when it does not."""

    def __init__(self, form: QWidget, recheck: Callable[[], InvalidInput | None]) -> None:
        super().__init__(form)
        self.form, self.recheck = form, recheck
        self._labels: dict[str, QLabel] = {}  # widget objectName -> the error line under it

    def show(self, error: InvalidInput, *, focus: bool = True) -> bool:
        """The error beside its field (and, with ``focus``, the cursor there, scrolled into view).
        False when the form has no widget for it: the caller says it elsewhere (``describe``)."""
        name = widget_name(error.field)
        widget = self.form.findChild(QWidget, name) if name else None
        label = self._label_for(widget) if widget is not None else None
        if widget is None or label is None:
            return False
        assert name is not None
        for other in self._labels:
            if other != name:
                self._set_shown(other, False)  # one error at a time: the one the core found first
        label.setText("⚠ " + describe(error))
        self._set_shown(name, True)
        if focus:
            self._reveal(widget, label)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        return True

    def shown(self) -> dict[str, str]:
        """objectName of each field with an error beside it -> the error's text."""
        return {name: label.text() for name, label in self._labels.items() if not label.isHidden()}

    def clear(self) -> None:
        for name in self._labels:
            self._set_shown(name, False)

    # --- the error lines ------------------------------------------------------------------

    def _label_for(self, widget: QWidget) -> QLabel | None:
        name = widget.objectName()
        if name in self._labels:
            return self._labels[name]
        parent = widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if not isinstance(layout, QFormLayout):
            return None
        row, _role = cast("tuple[int, QFormLayout.ItemRole]", layout.getWidgetPosition(widget))
        if row < 0:
            return None
        label = QLabel()
        label.setObjectName(name + ".error")
        label.setWordWrap(True)
        label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        layout.insertRow(row + 1, "", label)
        self._labels[name] = label
        _on_change(widget, lambda: self._edited(name))
        self._set_shown(name, False)
        return label

    def _set_shown(self, name: str, on: bool) -> None:
        label = self._labels[name]
        parent = label.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QFormLayout):
            layout.setRowVisible(label, on)
        label.setVisible(on)
        if not on:
            label.clear()

    def _edited(self, name: str) -> None:
        if self._labels[name].isHidden():
            return
        error = self.recheck()
        if error is not None and widget_name(error.field) == name:
            self._labels[name].setText("⚠ " + describe(error))  # still wrong: what is wrong now
        else:
            self._set_shown(name, False)  # put right

    def _reveal(self, widget: QWidget, label: QLabel) -> None:
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(label)
            area.ensureWidgetVisible(widget)


def _on_change(widget: QWidget, slot: Callable[[], None]) -> None:
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QDateEdit):
        widget.dateChanged.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
