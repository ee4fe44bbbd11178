"""Printed documents (reportlab, pure Python: never imports Qt).

Each renderer takes a frozen data object (``data.py``) — never the database —
and writes a PDF with its fonts embedded (``typefaces.py``: WenQuanYi Micro Hei,
a Song face for decisions, notices and publicity lists, and the CJK extension
faces a rare character of a name needs):

- ``render_receipt(ReceiptData, out, format="a4" | "80mm")``  受理回执
- ``render_notice(NoticeData, out)``                          一次性告知书
- ``render_decision(DecisionData, out)``                      审核决定书
- ``render_payment_notice(PaymentNoticeData, out)``           发放失败补正通知书 (``case_letters.py``)
- ``render_withdrawal(WithdrawalData, out)``                  申请撤回确认书 (``case_letters.py``)

The policy applied is printed in words (``policy_words.py``: documents by title and number, never the
software's policy ids).  Office reports: the daily summary, the monthly report, the quarterly real-name
report (``quarterly_report.py``), publicity lists, outreach lists and the field reconciliation sheet.

``out`` is a path (written atomically) or a binary stream.  Shared building
blocks for later documents live in ``layout.py``; fixed wording in ``wording.py``.
"""

from __future__ import annotations

import importlib
from typing import Any

# The renderers import reportlab (a tenth of a second): loaded at the first print, not
# when a window or a command merely names this package (PEP 562 module __getattr__).
_LAZY = {
    "DecisionData": "desktop.documents.data",
    "Material": "desktop.documents.data",
    "NoticeData": "desktop.documents.data",
    "Office": "desktop.documents.data",
    "PaymentNoticeData": "desktop.documents.data",
    "ReceiptData": "desktop.documents.data",
    "WithdrawalData": "desktop.documents.data",
    "render_decision": "desktop.documents.decision",
    "render_notice": "desktop.documents.notice",
    "render_payment_notice": "desktop.documents.case_letters",
    "render_receipt": "desktop.documents.receipt",
    "render_withdrawal": "desktop.documents.case_letters",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DecisionData",
    "Material",
    "NoticeData",
    "Office",
    "PaymentNoticeData",
    "ReceiptData",
    "WithdrawalData",
    "render_decision",
    "render_notice",
    "render_payment_notice",
    "render_receipt",
    "render_withdrawal",
]
