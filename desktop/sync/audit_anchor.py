"""The counter's side of the audit anchor (issue 14.4; the central side is ``central.audit_anchor``).

Every pull reports the audit chain's head and proves the entry the central system last said it holds
(its seq kept in ``meta`` as ``audit_anchor_seq``); ``desktop.sync.audit_check`` compares the chain
with the head the central system recorded.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.store import get_meta, set_meta
from wire import AuditAnchor, AuditHead

META_ANCHOR_SEQ = "audit_anchor_seq"


def audit_head(session: Session) -> AuditHead:
    """The head to report, with the proof of the entry the central system last said it holds."""
    seq, digest = audit.head(session)
    text = get_meta(session, META_ANCHOR_SEQ)
    proof_seq = int(text) if text and text.isdigit() else 0
    return AuditHead(seq=seq, hash=digest, proof_seq=proof_seq, proof_hash=audit.hash_at(session, proof_seq) or "")


def remember_anchor(session: Session, anchor: AuditAnchor | None) -> None:
    if anchor is not None:
        set_meta(session, META_ANCHOR_SEQ, str(anchor.seq))


__all__ = ["META_ANCHOR_SEQ", "audit_head", "remember_anchor"]
