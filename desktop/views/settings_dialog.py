"""设置: this installation's preferences (``desktop.settings``), edited in place.

The dialog only collects: ``desktop.settings`` judges every value, and a
refusal is shown in words beside its field (UI.md), never in a box.  Language
and font size take effect at the next start (texts and sizes are fixed when
the windows are built).

For an administrator with the data folder open (``office``), the dialog also
edits what a written decision prints (issue 17.2): the deciding body, its
document number prefix, the reconsideration body and the court
(``desktop.models.office``, audited); a decision cannot print while one is empty.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import InvalidInput, ZhanchiError
from desktop.settings import (
    FONT_SCALE_RANGE,
    IDLE_MINUTES_RANGE,
    LANGUAGES,
    Settings,
    load_settings,
    save_settings,
)
from desktop.views.device_settings import READER_KEY, preview_first, with_preview_first, with_reader_spec

if TYPE_CHECKING:
    from desktop.models.permissions import StaffUser
    from desktop.models.store import Store

_ERROR_STYLE = "color: #a61b1b; font-weight: bold;"


class SettingsDialog(QDialog):
    saved = Signal(object)  # the Settings just written

    def __init__(self, data_dir: str | Path, parent: QWidget | None = None, *,
                 office: tuple[Store, StaffUser] | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = load_settings(self.data_dir)
        self.setObjectName("settings.dialog")
        self.setWindowTitle(self.tr("设置"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.errors: dict[str, QLabel] = {}  # per field, shown under it
        self._fields: dict[str, QWidget] = {}

        self.language = QComboBox()
        self.language.setObjectName("settings.language")
        for code, name in LANGUAGES.items():  # each language named in itself
            self.language.addItem(name, code)

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("settings.idle_minutes")
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        self.idle_minutes.setSuffix(self.tr(" 分钟"))

        self.font_scale = QSpinBox()
        self.font_scale.setObjectName("settings.font_scale")
        self.font_scale.setRange(*FONT_SCALE_RANGE)
        self.font_scale.setSingleStep(10)
        self.font_scale.setSuffix(" %")

        self.receipt_format = QComboBox()
        self.receipt_format.setObjectName("settings.receipt_format")
        self.receipt_format.addItem(self.tr("A4 纸（普通打印机）"), "a4")
        self.receipt_format.addItem(self.tr("80毫米热敏纸（小票打印机）"), "80mm")

        # Issue 16.12: F9 prints the receipt straight to the default printer unless this is ticked.
        self.receipt_preview = QCheckBox(self.tr("先预览，不直接送打印机"))
        self.receipt_preview.setObjectName("settings.receipt_preview")
        self.receipt_preview.setToolTip(self.tr("不勾选时，受理回执和一次性告知书直接送默认打印机；"
                                                "本机没有打印机时总是打开预览"))

        self.idcard_reader = QLineEdit()
        self.idcard_reader.setObjectName("settings.idcard_reader")
        self.idcard_reader.setPlaceholderText(
            self.tr("留空：不用；termb：读卡器厂商的 termb 驱动；simulated：模拟读卡器（演示）"))
        self.idcard_reader.setToolTip(self.tr("可写明驱动库和端口，如 termb:C:/reader/termb.dll@1001"
                                              "（USB 1001–1016，串口 1–16；不写端口时自动查找）"))

        self.central_url = QLineEdit()
        self.central_url.setObjectName("settings.central_url")
        self.central_url.setPlaceholderText(self.tr("如 https://zhanchi.example.gov.cn；不联网时留空"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, self.tr("界面语言(&L)"), self.language, "language")
        self._row(form, self.tr("字体大小(&F)"), self.font_scale, "font_scale_percent")
        self._row(form, self.tr("无操作自动锁屏(&I)"), self.idle_minutes, "idle_lock_minutes")
        self._row(form, self.tr("回执纸张(&R)"), self.receipt_format, "receipt_format")
        self._row(form, self.tr("回执打印(&P)"), self.receipt_preview, "receipt_preview")
        self._row(form, self.tr("身份证阅读器(&D)"), self.idcard_reader, "idcard_reader")
        self._row(form, self.tr("中心系统地址(&U)"), self.central_url, "central_url")

        office_box = self._office_box(office)

        note = QLabel(self.tr("界面语言和字体大小在下次启动程序时生效。"))
        note.setObjectName("settings.note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.message = QLabel()
        self.message.setObjectName("settings.message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("settings.save")
        self.save_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if office_box is not None:
            layout.addWidget(office_box)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.show_settings(self.settings)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 40)

    def _office_box(self, office: tuple[Store, StaffUser] | None) -> QGroupBox | None:
        """本机构（审核决定书、公示名单）: the decision's and the publicity list's settings, for an
        administrator only."""
        from desktop.models.office import FIELDS, office_profile
        from desktop.models.permissions import Action, can

        self.office = office if office is not None and can(office[1], Action.settings_manage) else None
        self.office_fields: dict[str, QLineEdit] = {}
        if self.office is None:
            return None
        box = QGroupBox(self.tr("本机构（审核决定书、公示名单）"))
        box.setObjectName("settings.office")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        profile = office_profile(self.office[0])
        for name, label, hint in (
            ("issuer_name", self.tr("决定机关(&B)"), self.tr("如 广州市天河区人力资源和社会保障局（不是服务窗口）")),
            ("doc_number_prefix", self.tr("文号前缀(&N)"), self.tr("如 穗天人社技补决（〔年份〕和序号自动编排）")),
            ("reconsideration_body", self.tr("行政复议机关(&V)"), self.tr("如 广州市天河区人民政府")),
            ("court", self.tr("行政诉讼管辖法院(&C)"), self.tr("如 广州铁路运输法院")),
            ("objection_phone", self.tr("公示异议电话(&J)"), self.tr("如 020-38881234（本机构自己的电话，不是12333）")),
            ("objection_address", self.tr("公示异议地址(&Y)"), self.tr("如 广州市天河区天河北路123号一楼")),
        ):
            edit = QLineEdit(getattr(profile, name))
            edit.setObjectName(f"settings.office.{name}")
            edit.setPlaceholderText(hint)
            self._row(form, label, edit, FIELDS[name][0])  # a refusal names the stored key (office_court…)
            self.office_fields[name] = edit
        why = QLabel(self.tr("审核决定书以决定机关的名义出具并编文号，前四项未填全时不能打印决定书；"
                             "公示名单载明本机构受理异议的电话和地址，未填时不能打印公示名单。"))
        why.setWordWrap(True)
        why.setStyleSheet("color: #555;")
        form.addRow(why)
        return box

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        """The field with its own error line under it (UI.md: errors beside the field)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"settings.{field}.error")
        error.setWordWrap(True)
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        column.addWidget(error)
        self.errors[field] = error
        self._fields[field] = widget
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, box)

    def show_settings(self, settings: Settings) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.font_scale.setValue(settings.font_scale_percent)
        self.receipt_format.setCurrentIndex(max(0, self.receipt_format.findData(settings.receipt_format)))
        self.central_url.setText(settings.central_url)
        self.receipt_preview.setChecked(preview_first(settings))
        value = settings.extra.get(READER_KEY)
        self.idcard_reader.setText(value if isinstance(value, str) else "")

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.message.clear()
        self.message.hide()

    def save(self) -> None:
        """Check through ``desktop.settings``, write ``settings.json``, close."""
        self._clear_errors()
        try:
            settings = dataclasses.replace(
                self.settings,
                language=self.language.currentData(),
                idle_lock_minutes=self.idle_minutes.value(),
                font_scale_percent=self.font_scale.value(),
                receipt_format=self.receipt_format.currentData(),
                central_url=self.central_url.text(),
            )
            settings = with_preview_first(settings, self.receipt_preview.isChecked())
            settings = with_reader_spec(settings, self._checked_reader_spec())
            save_settings(self.data_dir, settings)
            if self.office is not None:
                from desktop.models.office import set_office_profile

                store, user = self.office
                set_office_profile(store, user, **{name: edit.text() for name, edit in self.office_fields.items()})
        except InvalidInput as exc:
            label = self.errors.get(exc.field)
            if label is None:
                self._show_message(exc.said(QCoreApplication.translate))
                return
            label.setText("⚠ " + exc.reason_said(QCoreApplication.translate))
            label.show()
            self._fields[exc.field].setFocus()
            return
        except ZhanchiError as exc:
            self._show_message(exc.said(QCoreApplication.translate))
            return
        self.settings = settings
        self.saved.emit(settings)
        self.accept()

    def _checked_reader_spec(self) -> str:
        """The reader's settings line, checked as the reader will read it (not opened: no hardware
        is touched here); a line it cannot read is refused beside the field."""
        from desktop.devices.idcard.card import ReaderError
        from desktop.devices.idcard.config import check_spec

        spec = self.idcard_reader.text().strip()
        try:
            check_spec(spec)
        except ReaderError as exc:
            raise InvalidInput("idcard_reader", code=exc.code, params=exc.params) from None
        return spec

    def _show_message(self, text: str) -> None:
        self.message.setText("⚠ " + text)
        self.message.show()
