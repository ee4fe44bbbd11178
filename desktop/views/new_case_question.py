"""Ctrl+N over a form that holds an applicant (issue 16.7): keep it or drop it, never silently.

Asked only when something was typed.  Enter and Esc take the clerk back to the form with everything
as it was; keeping it files it 待补正 (a case in the record the clerk finds again by search); only
the explicit 放弃 empties the form.  Window-modal, answering through ``decided``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

KEEP = "keep"  # file what is typed as 待补正, then a new case
DISCARD = "discard"  # drop what is typed, then a new case
BACK = "back"  # nothing done: back to the form


class NewCaseQuestion(QMessageBox):
    decided = Signal(str)  # KEEP | DISCARD | BACK

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake.new_case_question")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("开始新的申请"))
        self.setText(self.tr("表单中还有未受理的申请（%1）。开始新的申请前，如何处理？").replace("%1", who))
        self.setInformativeText(self.tr("保存待补正：作为待补正案件保存，之后可在查询中找到；"
                                        "放弃：清空表单，所填内容不保存。"))
        self.keep_button = self.addButton(self.tr("保存待补正 (F6)"), QMessageBox.ButtonRole.AcceptRole)
        self.keep_button.setObjectName("intake.new_case.keep")
        self.discard_button = self.addButton(self.tr("放弃所填内容"), QMessageBox.ButtonRole.DestructiveRole)
        self.discard_button.setObjectName("intake.new_case.discard")
        self.back_button = self.addButton(self.tr("返回继续填写 (Esc)"), QMessageBox.ButtonRole.RejectRole)
        self.back_button.setObjectName("intake.new_case.back")
        self.setDefaultButton(self.back_button)  # Enter loses nothing
        self.setEscapeButton(self.back_button)
        self._answered = False
        self.buttonClicked.connect(self._clicked)
        self.finished.connect(lambda _result: self._answer(BACK))  # closed any other way: nothing done

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_F6:  # the key the button names
            self.keep_button.click()
            return
        super().keyPressEvent(event)

    def _clicked(self, button: QAbstractButton) -> None:
        self._answer(KEEP if button is self.keep_button else DISCARD if button is self.discard_button else BACK)

    def _answer(self, answer: str) -> None:
        if not self._answered:
            self._answered = True
            self.decided.emit(answer)
