"""The documents a case can have printed, named once.

Light on purpose (no reportlab): the CLI's parser, the case history query and
the renderers all read these names.  A print is an audit entry
``document.<kind>`` on the case.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["receipt", "notice", "decision"]
KINDS: tuple[Kind, ...] = ("receipt", "notice", "decision")
FORMATS = ("a4", "80mm")
DOCUMENT_ACTIONS = frozenset(f"document.{kind}" for kind in KINDS)
KIND_LABELS = {"receipt": "受理回执", "notice": "一次性告知书", "decision": "审核决定书"}
