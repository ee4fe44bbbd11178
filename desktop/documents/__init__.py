"""Printed documents (reportlab, pure Python: never imports Qt).

Each renderer takes a frozen data object (``data.py``) — never the database —
and writes a PDF with the embedded WenQuanYi Micro Hei font:

- ``render_receipt(ReceiptData, out, format="a4" | "80mm")``  受理回执
- ``render_notice(NoticeData, out)``                          一次性告知书
- ``render_decision(DecisionData, out)``                      审核决定书

``out`` is a path (written atomically) or a binary stream.  Shared building
blocks for later documents live in ``layout.py``; fixed wording in ``wording.py``.
"""

from desktop.documents.data import DecisionData, Material, NoticeData, Office, ReceiptData
from desktop.documents.decision import render_decision
from desktop.documents.notice import render_notice
from desktop.documents.receipt import render_receipt

__all__ = [
    "DecisionData",
    "Material",
    "NoticeData",
    "Office",
    "ReceiptData",
    "render_decision",
    "render_notice",
    "render_receipt",
]
