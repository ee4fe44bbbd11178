"""Emphasis that follows the font-size setting (UI.md: a setting scales everything up).

Point sizes in style sheets would stay fixed when the base font grows, so
headings are sized as a multiple of the application's font instead.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget


def emphasise(widget: QWidget, factor: float, *, bold: bool = True) -> None:
    base = QApplication.font()
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)
