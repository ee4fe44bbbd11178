"""The audit anchor (issue 14.4): the counter's audit chain head that every pull carries, and the head
the central system recorded (``/v1/audit/anchor``)."""

from __future__ import annotations

from pydantic import Field

from wire.limits import HASH_PATTERN, MAX_SEQ
from wire.message import AwareDatetime, Message


class AuditHead(Message):
    """The counter's audit chain as it stands (issue 14.4): its head, and its entry at ``proof_seq``."""

    seq: int = Field(ge=0, le=MAX_SEQ, description="the last entry's sequence number (0: no entries)")
    hash: str = Field(pattern=HASH_PATTERN, description="the last entry's hash (64 zeros: no entries)")
    proof_seq: int = Field(default=0, ge=0, le=MAX_SEQ,
                           description="the seq of the audit_anchor last answered to this device (0: none)")
    proof_hash: str = Field(default="", pattern=r"^([0-9a-f]{64})?$",
                            description="this chain's entry hash at proof_seq; empty when it has no such entry")


class AuditAnchor(Message):
    """A head of a device's audit chain as the central system recorded it."""

    seq: int
    hash: str
    recorded_at: AwareDatetime


class AnchorAnswer(Message):
    anchor: AuditAnchor | None = Field(default=None, description="None: no head recorded for this device yet")


__all__ = ["AnchorAnswer", "AuditAnchor", "AuditHead"]
