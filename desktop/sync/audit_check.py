"""The auditor's check of a counter's records (issue 14.4): the local audit chain and the cases' money
(``money_replay``), then, for a registered counter, the chain against the head the central system
recorded (``desktop.sync.audit_anchor``) — the one record the holder of the database file cannot rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.models import audit
from desktop.models.audit import AuditReport
from desktop.models.money_replay import verify_trail_and_money
from desktop.models.store import Store
from desktop.sync.client import NotRegistered, SyncError
from desktop.sync.engine import client_for

CHECK_TIMEOUT = 10.0


@dataclass(frozen=True)
class AnchoredReport:
    """``report`` is the verdict; ``anchor_note`` says how far the central system vouched for it."""

    report: AuditReport
    anchor_note: str


def verify_anchored(store: Store, *, timeout: float = CHECK_TIMEOUT) -> AnchoredReport:
    """The local checks, then the chain against the central system's record when this counter is registered."""
    with store.session(readonly=True) as session:
        report = verify_trail_and_money(session)
    if not report.ok:
        return AnchoredReport(report, "")
    try:
        with client_for(store, timeout=timeout) as client:
            anchor = client.audit_anchor()
    except NotRegistered:
        return AnchoredReport(report, "本机未注册中心系统，审计链未经中心系统核对")
    except SyncError as exc:
        return AnchoredReport(report, f"未能与中心系统核对审计链（{exc}）")
    if anchor is None:
        return AnchoredReport(report, "中心系统尚未登记本机的审计链，未经核对")
    with store.session(readonly=True) as session:
        problem = audit.check_anchor(session, anchor.seq, anchor.hash)
    if problem is not None:
        return AnchoredReport(problem, "")
    return AnchoredReport(report, f"与中心系统登记的第{anchor.seq}条一致")


__all__ = ["AnchoredReport", "verify_anchored"]
