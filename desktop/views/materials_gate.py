"""The materials gate at the counter (issue 16.4): accepting a case that still lacks materials asks first.

A case whose materials were neither received nor checked by information sharing is kept 待补正 (a draft)
with its one-time notice; accepting it anyway takes an explicit confirmation naming what is missing:
仍缺：X、Y。确认受理？  The safe answer is the default (Enter keeps the case waiting for its materials)
and Esc backs out with nothing filed.  F9 on the intake screen and 受理 on a saved draft ask through
this same dialog; the core refuses the acceptance as well unless each missing item is named
(``cases.MaterialsMissing``).

The dialog is window-modal and answers through ``decided`` (no nested event loop): while it is open,
no second F9 reaches the page behind it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

ACCEPT = "accept"  # accept anyway: the record and the receipt say what is missing
KEEP = "keep"  # the safe default: not accepted, kept 待补正
BACK = "back"  # Esc: back to the case, nothing done


class MissingMaterialsDialog(QMessageBox):
    decided = Signal(str)  # ACCEPT | KEEP | BACK

    def __init__(self, missing: Sequence[str], keep_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materials.confirm")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("申请材料不全"))
        self.setText(self.tr("仍缺：%1。确认受理？").replace("%1", "、".join(missing)))
        self.setInformativeText(self.tr("确认受理的，回执和案件记录将载明所缺材料；"
                                        "不受理的，案件保存为待补正，申请人补齐后再受理。"))
        self.accept_button = self.addButton(self.tr("确认受理（缺件受理）"), QMessageBox.ButtonRole.YesRole)
        self.accept_button.setObjectName("materials.confirm.accept")
        self.keep_button = self.addButton(keep_text, QMessageBox.ButtonRole.NoRole)
        self.keep_button.setObjectName("materials.confirm.keep")
        self.back_button = self.addButton(self.tr("返回 (Esc)"), QMessageBox.ButtonRole.RejectRole)
        self.back_button.setObjectName("materials.confirm.back")
        self.setDefaultButton(self.keep_button)  # Enter never accepts an incomplete case
        self.setEscapeButton(self.back_button)
        self.missing = tuple(missing)
        self._answered = False
        self.buttonClicked.connect(self._clicked)
        self.finished.connect(lambda _result: self._answer(BACK))  # closed any other way: nothing done

    def _clicked(self, button: QAbstractButton) -> None:
        self._answer(ACCEPT if button is self.accept_button else KEEP if button is self.keep_button else BACK)

    def _answer(self, answer: str) -> None:
        if not self._answered:
            self._answered = True
            self.decided.emit(answer)
