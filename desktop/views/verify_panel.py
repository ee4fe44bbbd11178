"""The on-the-spot verification panel (UI.md: always visible on the right).

One line per rule with an icon *and* words, the message with the real
figures and the clause, the rules not met first (issue 16.10); where the data
came from said once, above the rules (each source with its as-of, typed data
marked as such), not on every line; the amount large, in
figures and in capitals; the policy applied (延续执行 when carried over, and any local rule left out
as unconfirmed), the clerk's shortage confirmation, what the amount rests on, and
the window's last day (暂定 when the holiday calendar does not cover it).
Its ``accessibleDescription()`` is the verdict JSON, as ``verify`` prints it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.models.identity import chinese_date
from desktop.models.money import format_yuan, yuan_in_capitals
from desktop.views.i18n import QT_TRANSLATE_NOOP
from desktop.views.style import emphasise

if TYPE_CHECKING:
    from desktop.models.checklist import Source
    from desktop.models.rules import Verdict

# What each source confirms, in the order the form asks for it.
SOURCE_NAMES = {
    "identity": QT_TRANSLATE_NOOP("VerifyPanel", "身份信息"),
    "contributions": QT_TRANSLATE_NOOP("VerifyPanel", "参保缴费"),
    "certificate": QT_TRANSLATE_NOOP("VerifyPanel", "证书信息"),
}


class VerifyPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify.result")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("资格核验结果"))
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setObjectName("verify.headline")
        self.headline.setWordWrap(True)
        self.amount = QLabel()
        self.amount.setObjectName("verify.amount")
        emphasise(self.amount, 2.0)
        self.amount_words = QLabel()
        self.amount_words.setObjectName("verify.amount_words")
        emphasise(self.amount_words, 1.1, bold=False)
        self.policy = QLabel()
        self.policy.setWordWrap(True)
        self.window_end = QLabel()
        self.window_end.setWordWrap(True)
        self.sources = QLabel()
        self.sources.setObjectName("verify.sources")
        self.sources.setWordWrap(True)
        self.checks = QListWidget()
        self.checks.setObjectName("verify.checks")
        self.checks.setWordWrap(True)
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        emphasise(self.headline, 1.4)
        for widget in (self.headline, self.amount, self.amount_words, self.policy, self.window_end, self.sources):
            layout.addWidget(widget)
        layout.addWidget(self.checks, 1)
        self.show_waiting([])

    def show_waiting(self, missing_fields: list[str]) -> None:
        self.setAccessibleDescription("")
        self.headline.setText(self.tr("请填写申请信息，系统将逐条核验"))
        self.headline.setStyleSheet("")
        self.amount.setText("")
        self.amount_words.setText("")
        self.policy.setText("")
        self.window_end.setText("")
        self.sources.setText("")
        self.checks.clear()
        if missing_fields:
            item = QListWidgetItem(self.tr("尚未填写：") + "、".join(missing_fields))
            self.checks.addItem(item)

    def show_status(self, text: str) -> None:
        """Something to say before there can be a verdict (the data folder is still opening)."""
        self.show_waiting([])
        self.headline.setText(text)

    def show_error(self, message: str) -> None:
        self.setAccessibleDescription("")
        self.headline.setText(self.tr("无法核验：") + message)
        self.headline.setStyleSheet("color: #a61b1b;")

    def show_verdict(self, verdict: Verdict, sources: Mapping[str, Source]) -> None:
        data = verdict.to_json()
        self.setAccessibleDescription(json.dumps(data, ensure_ascii=False))
        if verdict.eligible:
            self.headline.setText(self.tr("✔ 符合申领条件"))
            self.headline.setStyleSheet("color: #1b6e2a;")
            self.amount.setText(format_yuan(verdict.amount_yuan))
            self.amount_words.setText(yuan_in_capitals(verdict.amount_yuan))
        else:
            failed = len(verdict.failed)
            self.headline.setText(self.tr("✘ 不符合申领条件（%n 项不符合）", "", failed))
            self.headline.setStyleSheet("color: #a61b1b;")
            self.amount.setText(self.tr("补贴金额：0 元"))
            self.amount_words.setText("")
        policy = verdict.policy
        text = self.tr("适用政策：") + policy.label
        if policy.carried_over:
            text += self.tr("（延续执行）")
        # Carried over, local rules left out as unconfirmed, the clerk's shortage confirmation and what the
        # amount rests on: said here as on the receipt (the texts come from the model, in Chinese).
        declared = verdict.shortage_basis if verdict.shortage_source == "declared" else ""
        # The confirmed title of the period's document, else its description said to be one (政策说明).
        for line in (policy.heading, policy.note, declared, verdict.amount_basis):
            if line:
                text += "<br><small>" + html.escape(line) + "</small>"
        self.policy.setText(text)
        window = verdict.window
        end = self.tr("申请期限：至%1（含）").replace("%1", chinese_date(window.last_day))
        if window.provisional:
            end += self.tr("（暂定：该年度节假日安排尚未公布）")
        self.window_end.setText(end)
        self._show_sources(sources)
        self.checks.clear()
        # The rules not met first, then those met, each group in the verdict's stable order.
        for check in sorted(verdict.checks, key=lambda c: c.passed):
            mark = self.tr("✔ 符合") if check.passed else self.tr("✘ 不符合")
            basis = self.tr("依据：")
            item = QListWidgetItem(f"{mark}　{check.message}\n　　{basis}{check.basis}")
            item.setData(Qt.ItemDataRole.UserRole, check.rule)
            item.setForeground(Qt.GlobalColor.darkGreen if check.passed else Qt.GlobalColor.darkRed)
            self.checks.addItem(item)

    def _show_sources(self, sources: Mapping[str, Source]) -> None:
        """数据来源, once for the whole verdict: the data sharing one source named together, that source said
        once with its as-of; data typed by hand marked as waiting to be checked."""
        groups: dict[str, list[str]] = {}
        typed: set[str] = set()
        for key, name in SOURCE_NAMES.items():
            source = sources.get(key)
            if source is None:
                continue
            label = source.label()
            groups.setdefault(label, []).append(self.tr(name))
            if not source.shared:
                typed.add(label)
        parts = [("⚠ " if label in typed else "") + "、".join(names) + "：" + label for label, names in groups.items()]
        self.sources.setText(self.tr("数据来源：") + "；".join(parts) if parts else "")
        self.sources.setStyleSheet("color: #8a5a00;" if typed else "color: #555;")
