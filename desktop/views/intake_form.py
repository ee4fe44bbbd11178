"""The intake form: the fields of the paper application, in its order.

The form only collects and shows: it turns its fields into the intake JSON
of CONTRACTS.md (``values()``) and the core parses and judges it.  Fields the
registry filled are marked with their source; editing one marks it typed by
hand.  Enter moves to the next field, check boxes and lists included (keyboard-first, UI.md;
``keyboard_nav``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models import identity, names
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput
from desktop.models.levels import LEVEL_NAMES
from desktop.models.reference import occupations
from desktop.views.form_fields import DateField, wheel_only_when_focused
from desktop.views.i18n import QT_TRANSLATE_NOOP
from desktop.views.keyboard_nav import EnterAdvances

if TYPE_CHECKING:
    from desktop.devices.idcard import IdCard
    from desktop.models.checklist import Source
    from desktop.models.intake import RegistryHit

PHOTO_SIZE = QSize(68, 84)  # the chip's 102×126 photo, at two thirds
CERT_KINDS = (
    ("skill_level", QT_TRANSLATE_NOOP("IntakeForm", "职业技能等级证书")),
    ("qualification", QT_TRANSLATE_NOOP("IntakeForm", "职业资格证书")),
)
PAYMENT_KINDS = (
    ("bank", QT_TRANSLATE_NOOP("IntakeForm", "本人银行卡")),
    ("sscard", QT_TRANSLATE_NOOP("IntakeForm", "社会保障卡（金融功能）")),
)


class IntakeForm(QWidget):
    changed = Signal()
    id_number_complete = Signal(str)  # a valid ID number was entered: look it up

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock  # the office's today bounds the birth date read from an ID number
        self.enter_tail: list[QWidget] = []  # after the fields, Enter goes on to these (the page's checklist)
        self.reveal: Callable[[QWidget], None] | None = None  # the page scrolls a field into view
        self._enter = EnterAdvances(self.enter_order, self._reveal, self)
        self._hit: RegistryHit | None = None
        self._filling = False
        layout = QVBoxLayout(self)

        applicant = self._group(layout, self.tr("申请人"))
        self.id_number = self._line(applicant, self.tr("身份证号码"), "intake.id_number", 18 + 4)
        self.id_hint = self._hint(applicant)
        self._card_row(applicant)
        self.name = self._line(applicant, self.tr("姓名"), "intake.name", 40)
        self.name_hint = self._hint(applicant)
        self.phone = self._line(applicant, self.tr("手机号码"), "intake.phone", 20)
        self.phone_hint = self._hint(applicant)

        insured = self._group(layout, self.tr("参保情况"))
        self.contribution_months = QSpinBox()
        self.contribution_months.setObjectName("intake.contribution_months")
        self.contribution_months.setRange(0, 1200)
        self.contribution_months.setSuffix(self.tr(" 个月"))
        self.contribution_months.setSpecialValueText(self.tr("未填写"))
        insured.addRow(self.tr("累计缴费月数"), self.contribution_months)
        self.insured_region = self._line(insured, self.tr("参保地区划代码"), "intake.insured_region", 6)
        self.benefit = QCheckBox(self.tr("正在领取失业保险金"))
        self.benefit.setObjectName("intake.receiving_benefit")
        insured.addRow("", self.benefit)
        self.insured_source = self._hint(insured)

        employer = self._group(layout, self.tr("工作单位"))
        self.employer_name = self._line(employer, self.tr("单位名称"), "intake.employer_name", 100)
        self.employer_hint = self._hint(employer)
        self.employer_uscc = self._line(employer, self.tr("统一社会信用代码"), "intake.employer_uscc", 22)
        self.uscc_hint = self._hint(employer)

        cert = self._group(layout, self.tr("证书"))
        self.cert_kind = QComboBox()
        self.cert_kind.setObjectName("intake.cert_kind")
        for code, label in CERT_KINDS:
            self.cert_kind.addItem(self.tr(label), code)
        cert.addRow(self.tr("证书种类"), self.cert_kind)
        self.cert_number = self._line(cert, self.tr("证书编号"), "intake.cert_number", 40)
        self.cert_level = QComboBox()
        self.cert_level.setObjectName("intake.cert_level")
        self.cert_level.addItem(self.tr("请选择"), None)
        for level in (5, 4, 3, 2, 1):
            self.cert_level.addItem(LEVEL_NAMES[level], level)
        cert.addRow(self.tr("等级"), self.cert_level)
        self.occupation = self._line(cert, self.tr("职业（工种）"), "intake.occupation", 80)
        self.occupation.setPlaceholderText(self.tr("输入职业代码或名称，如 6-18-01-01 或 车工"))
        self._occupation_completer()
        # Typed as 20260601 or 2026-06-01; its calendar opens at the window's today (form_fields).
        self.cert_issue_date = DateField(clock.today, empty_text=self.tr("未填写"), earliest=QDate(2000, 1, 1))
        self.cert_issue_date.setObjectName("intake.cert_issue_date")
        cert.addRow(self.tr("核发日期"), self.cert_issue_date)
        # Issue 15.1: the clerk's confirmation of a local fact, with the source said; unticked, only a
        # catalogue loaded as confirmed data counts (the verdict says which).
        self.shortage = QCheckBox(self.tr("列入本市紧缺急需职业(工种)目录（经办人核实）"))
        self.shortage.setObjectName("intake.shortage")
        self.shortage.setToolTip(self.tr("对照本市人社部门公布的紧缺急需职业(工种)目录核实后勾选，记入案件；"
                                         "不勾选时，只按已核实载入的目录判断"))
        cert.addRow("", self.shortage)
        self.cert_source = self._hint(cert)

        pay = self._group(layout, self.tr("补贴发放账户（须为本人账户）"))
        self.payment_kind = QComboBox()
        self.payment_kind.setObjectName("intake.payment_kind")
        for code, label in PAYMENT_KINDS:
            self.payment_kind.addItem(self.tr(label), code)
        pay.addRow(self.tr("账户类型"), self.payment_kind)
        self.payment_account = self._line(pay, self.tr("账号"), "intake.payment_account", 30)
        self.account_hint = self._hint(pay)
        self.bank_name = self._line(pay, self.tr("开户银行"), "intake.bank_name", 60)
        layout.addStretch(1)

        for spin in (self.contribution_months,):
            spin.valueChanged.connect(self._on_changed)
            wheel_only_when_focused(spin)  # a wheel passing over the form leaves the fields as they are
        for combo in (self.cert_kind, self.cert_level, self.payment_kind):
            combo.currentIndexChanged.connect(self._on_changed)
            wheel_only_when_focused(combo)
        self.benefit.toggled.connect(self._on_changed)
        self.shortage.toggled.connect(self._on_changed)
        self.cert_issue_date.dateChanged.connect(self._on_changed)
        # Enter moves on from every field: check boxes and drop-down lists too (issue 16.8).
        self._enter.watch(*self._fields().values())
        self._blank = self.draft_state()  # what a new case holds: anything else was typed
        self.id_number.textChanged.connect(self._check_id)
        self.name.textChanged.connect(self._check_name)
        self.employer_name.textChanged.connect(self._check_employer)
        self.employer_uscc.textChanged.connect(self._check_uscc)
        self.payment_account.textChanged.connect(self._check_account)
        self.phone.textChanged.connect(self._check_phone)

    # --- keyboard -------------------------------------------------------------------

    def enter_order(self) -> list[QWidget]:
        """Where Enter goes, field after field in the paper form's order, then ``enter_tail``."""
        return [*self._fields().values(), *self.enter_tail]

    def watch_enter(self, *widgets: QWidget) -> None:
        """Enter moves on from these too (the page's widgets of ``enter_tail``)."""
        self._enter.watch(*widgets)

    def _reveal(self, widget: QWidget) -> None:
        if self.reveal is not None:
            self.reveal(widget)

    def is_blank(self) -> bool:
        """Nothing typed, ticked or chosen: a new case could replace it without losing anything."""
        return self.draft_state() == self._blank

    # --- building ---------------------------------------------------------------

    def _group(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(box)
        return form

    def _line(self, form: QFormLayout, label: str, name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        edit.textChanged.connect(self._on_changed)
        form.addRow(label, edit)
        return edit

    def _card_row(self, form: QFormLayout) -> None:
        """读卡 (F2) and what the card showed: its photo (on screen only, never kept) and its facts."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.photo = QLabel()
        self.photo.setObjectName("intake.photo")
        self.photo.setFixedSize(PHOTO_SIZE)
        self.photo.setScaledContents(True)
        self.photo.setAccessibleName(self.tr("身份证照片"))
        self.photo.hide()
        self.card_info = QLabel()
        self.card_info.setObjectName("intake.card_info")
        self.card_info.setWordWrap(True)
        self.card_info.setStyleSheet("color: #555;")
        self.read_card_button = QPushButton(self.tr("读卡 (F2)"))
        self.read_card_button.setObjectName("intake.read_card")
        self.read_card_button.setToolTip(self.tr("从身份证阅读器读取申请人的身份证"))
        self.read_card_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab and Enter go field to field
        line.addWidget(self.photo)
        line.addWidget(self.card_info, 1)
        line.addWidget(self.read_card_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("", row)

    def show_card(self, card: IdCard) -> None:
        """The card just read: its photo and facts beside the ID field; an expired card is said so."""
        picture = QPixmap()
        if card.photo and picture.loadFromData(card.photo):
            self.photo.setPixmap(picture)
            self.photo.show()
        else:
            self.photo.clear()
            self.photo.hide()
        facts = self.tr("%1，%2，%3族，出生 %4；签发机关：%5；有效期限：%6").replace("%1", card.name).replace(
            "%2", card.sex).replace("%3", card.ethnicity).replace("%4", card.birth_date.isoformat()).replace(
            "%5", card.issuer).replace("%6", card.validity_text())
        if card.expired(self.clock.today()):
            facts = "⚠ " + self.tr("身份证已过有效期，请申请人出示有效证件。") + facts
            self.card_info.setStyleSheet("color: #a61b1b; font-weight: bold;")
        else:
            self.card_info.setStyleSheet("color: #555;")
        self.card_info.setText(facts)

    def clear_card(self) -> None:
        self.photo.clear()
        self.photo.hide()
        self.card_info.clear()

    def _hint(self, form: QFormLayout) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet("color: #555;")
        form.addRow("", label)
        return label

    def _occupation_completer(self) -> None:
        # The 1,634 occupations are read when the clerk first types here, not while the window
        # opens (the list is connected first, so it is full before the completer looks).
        self._occupation_list = QStringListModel(self)
        self.occupation.textEdited.connect(self._fill_occupations)
        completer = QCompleter(self._occupation_list, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.occupation.setCompleter(completer)

    def _fill_occupations(self) -> None:
        if not self._occupation_list.rowCount():
            self._occupation_list.setStringList([f"{o.code} {o.name}" for o in occupations()])

    # --- live checks beside the field (UI.md: errors beside the field, with the fix) ----------

    def _on_changed(self) -> None:
        if not self._filling:
            self.changed.emit()

    def _check_id(self, text: str) -> None:
        if not text.strip():
            self._set_hint(self.id_hint, "", ok=True)
            return
        try:
            info = identity.check_id_number(text, today=self.clock.today())
        except InvalidInput as exc:
            typed = len(identity.normalize_id_number(text))
            if typed >= 18:
                self._set_hint(self.id_hint, exc.reason_said(QCoreApplication.translate), ok=False)
            else:
                self._set_hint(self.id_hint, self.tr("已输入 %n 位，共18位", "", typed), ok=True)
            return
        self._set_hint(self.id_hint, self.tr("出生日期 %1，%2").replace("%1", info.birth_date.isoformat())
                       .replace("%2", info.sex), ok=True)
        self.id_number_complete.emit(info.number)

    def _check_name(self, text: str) -> None:
        self._check_with(self.name_hint, text, lambda t: names.check_person_name(t, "applicant.name"))

    def _check_employer(self, text: str) -> None:
        self._check_with(self.employer_hint, text, lambda t: names.check_employer_name(t, "employer.name"))

    def _check_with(self, hint: QLabel, text: str, check: Callable[[str], str]) -> None:
        """The core's own message beside the field (what ``parse_intake`` would refuse); empty is not yet wrong."""
        try:
            if text.strip():
                check(text)
        except InvalidInput as exc:
            self._set_hint(hint, exc.reason_said(QCoreApplication.translate), ok=False)
            return
        self._set_hint(hint, "", ok=True)

    def _check_uscc(self, text: str) -> None:
        if not text.strip():
            self._set_hint(self.uscc_hint, "", ok=True)
            return
        try:
            identity.check_uscc(text)
        except InvalidInput as exc:
            self._set_hint(self.uscc_hint, exc.reason_said(QCoreApplication.translate), ok=False)
            return
        self._set_hint(self.uscc_hint, self.tr("代码校验通过"), ok=True)

    def _check_phone(self, text: str) -> None:
        if len(text.strip()) < 11:
            self._set_hint(self.phone_hint, "", ok=True)
            return
        try:
            identity.check_mobile(text)
        except InvalidInput as exc:
            self._set_hint(self.phone_hint, exc.reason_said(QCoreApplication.translate), ok=False)
            return
        self._set_hint(self.phone_hint, "", ok=True)

    def _check_account(self, text: str) -> None:
        if not text.strip() or self.payment_kind.currentData() != "bank":
            self._set_hint(self.account_hint, "", ok=True)
            return
        try:
            card = identity.check_bank_card(text)
        except InvalidInput as exc:
            self._set_hint(self.account_hint, exc.reason_said(QCoreApplication.translate), ok=False)
            return
        self._set_hint(self.account_hint, card.warning or self.tr("卡号校验通过"), ok=card.luhn_ok)

    @staticmethod
    def _set_hint(label: QLabel, text: str, *, ok: bool) -> None:
        label.setText(text if ok else "⚠ " + text)
        label.setStyleSheet("color: #555;" if ok else "color: #a61b1b; font-weight: bold;")

    # --- registry -------------------------------------------------------------------------

    def apply_registry(self, hit: RegistryHit) -> None:
        """Fill what the registry knows; what it does not know stays for the clerk to type."""
        self._hit = hit
        self._filling = True
        try:
            person = hit.person
            if person is not None:
                if not self.name.text().strip():
                    self.name.setText(person.name)
                self.contribution_months.setValue(person.contribution_months)
                self.insured_region.setText(person.insured_region)
                self.benefit.setChecked(person.receiving_unemployment_benefit)
                if not self.employer_name.text().strip():
                    self.employer_name.setText(person.employer_name)
                    self.employer_uscc.setText(person.employer_uscc)
                if not self.phone.text().strip():
                    self.phone.setText(person.phone)
            if len(hit.certificates) == 1 and not self.cert_number.text().strip():
                self.fill_certificate(hit.certificates[0].number)
        finally:
            self._filling = False
        self._show_sources()
        self.changed.emit()

    def fill_certificate(self, number: str) -> None:
        cert = next((c for c in (self._hit.certificates if self._hit else ()) if c.number == number), None)
        if cert is None:
            return
        self.cert_number.setText(cert.number)
        self.cert_kind.setCurrentIndex(max(0, self.cert_kind.findData(cert.kind)))
        self.cert_level.setCurrentIndex(max(0, self.cert_level.findData(cert.level)))
        self.occupation.setText(f"{cert.occupation_code} {cert.occupation_name}")
        self.cert_issue_date.setDate(QDate(cert.issue_date.year, cert.issue_date.month, cert.issue_date.day))

    def sources(self) -> dict[str, Source]:
        """Where each kind of datum came from: the registry copy while it still matches, else typed."""
        from desktop.models.shared_sources import Declared, registry_sources

        return registry_sources(self._hit, Declared(
            self._id_value(), self.name.text().strip(), self.contribution_months.value(),
            self.insured_region.text().strip(), identity.normalize_certificate_number(self.cert_number.text()),
            self.cert_level.currentData(), self._issue_date()))

    def _show_sources(self) -> None:
        from desktop.models.checklist import SourceKind

        sources = self.sources()
        for label, key in ((self.insured_source, "contributions"), (self.cert_source, "certificate")):
            source = sources[key]
            text = self.tr("数据来源：") + source.label()
            label.setText(text)
            label.setStyleSheet("color: #555;" if source.kind is not SourceKind.TYPED
                                else "color: #8a5a00; font-weight: bold;")

    # --- values -----------------------------------------------------------------------------

    def _id_value(self) -> str:
        return identity.normalize_id_number(self.id_number.text())

    def _issue_date(self) -> dt.date | None:
        if self.cert_issue_date.date() == self.cert_issue_date.minimumDate():
            return None
        issued = self.cert_issue_date.date().toPython()
        assert isinstance(issued, dt.date)  # QDate.toPython is typed as object
        return issued

    def occupation_code_name(self) -> tuple[str, str]:
        text = self.occupation.text().strip()
        code, _, name = text.partition(" ")
        if code and code[0].isdigit():
            found = occupations().get(code)
            return code, (found.name if found else name.strip())
        matches = occupations().search(text, limit=1)
        if matches and matches[0].name == text:
            return matches[0].code, matches[0].name
        return "", text

    def missing_fields(self) -> list[str]:
        """What must still be typed before the rules can run, in form order."""
        checks = [
            (self.id_number.text().strip(), self.tr("身份证号码")),
            (self.name.text().strip(), self.tr("姓名")),
            (self.insured_region.text().strip(), self.tr("参保地")),
            (self.cert_number.text().strip(), self.tr("证书编号")),
            (self.cert_level.currentData(), self.tr("等级")),
            (self.occupation_code_name()[0], self.tr("职业")),
            (self._issue_date(), self.tr("核发日期")),
        ]
        return [label for value, label in checks if not value]

    def values(self, application_date: dt.date, office_region: str) -> dict[str, Any]:
        """The intake JSON of CONTRACTS.md; the core parses and judges it."""
        code, name = self.occupation_code_name()
        issue = self._issue_date()
        return {
            "applicant": {"name": self.name.text().strip(), "id_number": self.id_number.text()},
            "insured_region": self.insured_region.text().strip(),
            "application_region": office_region,
            "contribution_months": self.contribution_months.value(),
            "receiving_unemployment_benefit": self.benefit.isChecked(),
            "certificate": {
                "number": self.cert_number.text().strip(),
                "kind": self.cert_kind.currentData(),
                "level": self.cert_level.currentData(),
                "occupation_code": code,
                "occupation_name": name,
                "issue_date": issue.isoformat() if issue else None,
                **({"shortage": True} if self.shortage.isChecked() else {}),  # else looked up
            },
            "application_date": application_date.isoformat(),
            "payment": {
                "kind": self.payment_kind.currentData(),
                "account": self.payment_account.text().strip(),
                "bank_name": self.bank_name.text().strip(),
                "holder_name": self.name.text().strip(),
            },
            "employer": {"name": self.employer_name.text().strip(), "uscc": self.employer_uscc.text().strip()},
            "phone": self.phone.text().strip(),
        }

    def draft_state(self) -> dict[str, Any]:
        """Everything typed, for the autosaved draft (restored after a crash)."""
        return {name: _value_of(widget) for name, widget in self._fields().items()}

    def restore_draft(self, state: dict[str, Any]) -> None:
        self._filling = True
        try:
            for name, widget in self._fields().items():
                _set_value(widget, state.get(name))
        finally:
            self._filling = False
        self.changed.emit()

    def clear(self) -> None:
        self._hit = None
        self.clear_card()  # the photo goes with the applicant
        self.restore_draft({})
        for label in (self.id_hint, self.name_hint, self.phone_hint, self.employer_hint, self.uscc_hint,
                      self.account_hint, self.insured_source, self.cert_source):
            label.setText("")

    def _fields(self) -> dict[str, QWidget]:
        return {
            w.objectName(): w
            for w in (self.id_number, self.name, self.phone, self.contribution_months, self.insured_region,
                      self.benefit, self.employer_name, self.employer_uscc, self.cert_kind, self.cert_number,
                      self.cert_level, self.occupation, self.cert_issue_date, self.shortage, self.payment_kind,
                      self.payment_account, self.bank_name)
        }


def _value_of(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    assert isinstance(widget, QDateEdit)
    return widget.date().toString("yyyy-MM-dd")


def _set_value(widget: QWidget, value: Any) -> None:
    """Set a field from a saved draft; ``None`` puts it back to empty."""
    if isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(int(value or 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QDateEdit):
        date = QDate.fromString(str(value), "yyyy-MM-dd") if value else widget.minimumDate()
        widget.setDate(date if date.isValid() else widget.minimumDate())
