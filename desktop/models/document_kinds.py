"""The documents a case can have printed, named once.

Light on purpose (no reportlab): the CLI's parser, the case history query and
the renderers all read these names.  A print is an audit entry
``document.<kind>`` on the case.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["receipt", "notice", "decision", "payment_notice", "withdrawal"]
KINDS: tuple[Kind, ...] = ("receipt", "notice", "decision", "payment_notice", "withdrawal")
FORMATS = ("a4", "80mm")
DOCUMENT_ACTIONS = frozenset(f"document.{kind}" for kind in KINDS)
KIND_LABELS = {"receipt": "受理回执", "notice": "一次性告知书", "decision": "审核决定书",
               # issue 17.9: the bank returned the payment (a new account is asked for); the case withdrawn
               "payment_notice": "发放失败补正通知书", "withdrawal": "申请撤回确认书"}
# The command names (``print payment-notice``): a kind with its underscore as a hyphen.
COMMANDS = {kind: kind.replace("_", "-") for kind in KINDS}
