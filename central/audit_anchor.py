"""Each counter's audit chain, anchored here (issue 14.4).

A counter's audit chain is hash-linked, but whoever holds its database file can rewrite an entry and
re-hash everything after it.  So every pull reports the chain's head, and proves the entry this system
recorded last with that entry's hash as the counter now has it.  What cannot be rewritten is what was
recorded here: a proof that disagrees is a fork, a head below the highest recorded one a chain that
went backwards.  Each is flagged once for the central administrator (``central.incidents``) and the
device is anchored afresh at the head it sent, so the next syncs are judged against that.

The last ``KEEP`` heads of a device are kept, not only the latest: a device whose answer was lost on
the way still proves the head it was last told of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import BindParameter, Connection, Engine, bindparam, delete, insert, select

from central import incidents
from central.auth import Device
from central.db import audit_anchors, lock_device, read, security_events, utcnow
from wire import AuditAnchor, AuditHead

KEEP = 16
_ENTITY = "audit_log"


@dataclass(frozen=True)
class Judgement:
    incident: incidents.Incident | None
    record: bool  # keep the head


def _incident(kind: str, reason: str, head: AuditHead | None, recorded: dict[int, str]) -> incidents.Incident:
    top = max(recorded)
    details: dict[str, object] = {"recorded_seq": top, "recorded_hash": recorded[top]}
    if head is not None:
        details |= {"head_seq": head.seq, "head_hash": head.hash, "proof_seq": head.proof_seq,
                    "proof_hash": head.proof_hash}
    return incidents.Incident(kind=kind, action=incidents.ACTION_FLAGGED, reason=reason, entity=_ENTITY,
                              entity_id=str(head.seq if head is not None else top), details=details)


def judge(recorded: dict[int, str], head: AuditHead) -> Judgement:
    """What a reported head means against the heads recorded for the device (seq -> hash)."""
    if not recorded:
        return Judgement(None, True)
    top = max(recorded)
    if head.seq < top:
        return Judgement(_incident(
            incidents.KIND_AUDIT_BACKWARDS,
            f"审计记录从中心系统登记的第{top}条回退到第{head.seq}条（数据库被换成较早的副本，或从备份恢复）",
            head, recorded), True)
    if recorded.get(head.seq, head.hash) != head.hash:
        return Judgement(_incident(
            incidents.KIND_AUDIT_FORK,
            f"第{head.seq}条审计记录与中心系统登记的不一致（记录被改写后重新计算了哈希）", head, recorded), True)
    if head.proof_seq not in recorded:
        return Judgement(_incident(
            incidents.KIND_AUDIT_UNPROVEN,
            f"本机未能出示中心系统登记的审计记录（所出示的第{head.proof_seq}条不在登记之内）", head, recorded), True)
    if recorded[head.proof_seq] != head.proof_hash:
        return Judgement(_incident(
            incidents.KIND_AUDIT_FORK,
            f"第{head.proof_seq}条审计记录与中心系统登记的不一致（记录被改写后重新计算了哈希）", head, recorded), True)
    return Judgement(None, head.seq not in recorded)


# Asked at every pull: built once (issue 19.6).
_DEVICE: BindParameter[str] = bindparam("device_id")
_HEADS = select(audit_anchors.c.seq, audit_anchors.c.hash, audit_anchors.c.recorded_at).where(
    audit_anchors.c.device_id == _DEVICE)
_LATEST = select(audit_anchors).where(audit_anchors.c.device_id == _DEVICE).order_by(
    audit_anchors.c.seq.desc()).limit(1)
_FORGET_ALL = delete(audit_anchors).where(audit_anchors.c.device_id == _DEVICE)
_FORGET_SEQ = delete(audit_anchors).where(audit_anchors.c.device_id == _DEVICE,
                                          audit_anchors.c.seq == bindparam("seq"))
_FORGET_BELOW = delete(audit_anchors).where(audit_anchors.c.device_id == _DEVICE,
                                            audit_anchors.c.seq < bindparam("seq"))
_KEEP_FROM = select(audit_anchors.c.seq).where(audit_anchors.c.device_id == _DEVICE).order_by(
    audit_anchors.c.seq.desc()).offset(KEEP - 1).limit(1)


def _recorded(conn: Connection, device_id: str) -> dict[int, str]:
    return {int(row.seq): row.hash for row in conn.execute(_HEADS, {"device_id": device_id})}


def _latest(conn: Connection, device_id: str) -> AuditAnchor | None:
    row = conn.execute(_LATEST, {"device_id": device_id}).first()
    return None if row is None else AuditAnchor(seq=row.seq, hash=row.hash, recorded_at=row.recorded_at)


def _store(conn: Connection, device: Device, head: AuditHead, *, afresh: bool, now: dt.datetime) -> None:
    if afresh:
        conn.execute(_FORGET_ALL, {"device_id": device.id})
    else:
        conn.execute(_FORGET_SEQ, {"device_id": device.id, "seq": head.seq})
    conn.execute(insert(audit_anchors), {"device_id": device.id, "seq": head.seq, "hash": head.hash,
                                         "recorded_at": now})
    kept = conn.scalars(_KEEP_FROM, {"device_id": device.id}).first()
    if kept is not None:
        conn.execute(_FORGET_BELOW, {"device_id": device.id, "seq": kept})


def _missing_flagged_since(conn: Connection, device: Device, since: dt.datetime) -> bool:
    return conn.scalar(select(security_events.c.id).where(
        security_events.c.device_id == device.id, security_events.c.kind == incidents.KIND_AUDIT_HEAD_MISSING,
        security_events.c.at >= since).limit(1)) is not None


def record(conn: Connection, device: Device, head: AuditHead | None) -> AuditAnchor | None:
    """Judge the head a pull reported, record it (and any incident), and answer the anchor now held; in
    the caller's write transaction (a pull reads its pages in the same one, issue 19.6), the device
    locked so the head is judged against what is recorded then."""
    now = utcnow()
    lock_device(conn, device.id)
    recorded = _recorded(conn, device.id)
    if head is None:
        latest = _latest(conn, device.id)
        if latest is not None and not _missing_flagged_since(conn, device, latest.recorded_at):
            incidents.record(conn, device, [_incident(
                incidents.KIND_AUDIT_HEAD_MISSING, "同步请求未附审计链头（此前附过）：程序可能被更换或改动",
                None, recorded)], now)
        return latest
    judgement = judge(recorded, head)
    if judgement.incident is not None:
        incidents.record(conn, device, [judgement.incident], now)
    if judgement.record:
        _store(conn, device, head, afresh=judgement.incident is not None, now=now)
        return AuditAnchor(seq=head.seq, hash=head.hash, recorded_at=now)  # the newest now: no query
    return _latest(conn, device.id)


def unchanged(conn: Connection, device: Device, head: AuditHead | None) -> tuple[AuditAnchor | None] | None:
    """``(anchor,)`` when the head needs nothing written (the anchor to answer), else None (``record``
    records it).  Read-only: a pull asks it in its own read transaction (issue 19.6)."""
    rows = conn.execute(_HEADS, {"device_id": device.id}).all()  # at most KEEP: one query for both
    newest = max(rows, key=lambda r: int(r.seq), default=None)
    latest = None if newest is None else AuditAnchor(seq=newest.seq, hash=newest.hash, recorded_at=newest.recorded_at)
    if head is None:
        if latest is None or _missing_flagged_since(conn, device, latest.recorded_at):
            return (latest,)
    elif not judge({int(r.seq): r.hash for r in rows}, head).record:
        return (latest,)
    return None


def anchor_of(engine: Engine, device: Device) -> AuditAnchor | None:
    """The latest head recorded for the device (``/v1/audit/anchor``)."""
    with read(engine) as conn:
        return _latest(conn, device.id)


__all__ = ["KEEP", "Judgement", "anchor_of", "judge", "record", "unchanged"]
