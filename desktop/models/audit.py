"""The audit trail: who did what, when — append-only and hash-chained.

Each entry's hash covers its own content and the previous entry's hash, so
editing, removing or reordering entries breaks the chain.  The head (last
seq and hash) is also kept in ``meta`` in the same transaction, so cutting
entries off the end, or appending a forged one, shows too.  Someone able to
rewrite the whole chain *and* the head is beyond what a local file can prove:
every sync reports the head to the central system, which keeps it
(``desktop.sync.audit_anchor``, issue 14.4), and ``check_anchor`` compares the
chain with a head recorded there.

The hash formula must never change for existing entries: old databases are
verified with it.

Erasure (issue 20.6): when a case's personal data is purged after the retention period, its
entries keep their place, time, actor, action and hash but their before/after lose the personal
values (masked), so their content no longer hashes to their hash.  The purge entry that did it
(``REDACTING_ACTION``, later in the chain, same case) lists each such entry with its hash and the
SHA-256 of what it holds now (``content_digest``); ``verify`` accepts a redacted entry only when
that purge entry vouches for exactly this content, and the purge entry is itself checked by the
chain (and reported to the central system with the head).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.schema import AuditLog, utc_text
from desktop.models.store import get_meta, get_meta_raw, set_meta, set_meta_raw

GENESIS_HASH = "0" * 64
REDACTING_ACTION = "data.purge"  # == permissions.Action.data_purge
REDACTED_KEY = "redacted"  # in a purge entry's after: [{"seq", "hash", "content"}, ...]
META_HEAD_SEQ = "audit_head_seq"
META_HEAD_HASH = "audit_head_hash"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    checked: int  # entries examined
    first_bad_seq: int | None
    reason: str


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable in an audit entry: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, Chinese kept as is: the same text for the same data."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def entry_hash(
    *,
    seq: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def hash_at(session: Session, seq: int) -> str | None:
    """The stored hash of entry ``seq`` (the genesis hash for 0); None when there is no such entry."""
    if seq == 0:
        return GENESIS_HASH
    return session.scalar(select(AuditLog.hash).where(AuditLog.seq == seq))


def head(session: Session) -> tuple[int, str]:
    """The chain's head as ``meta`` holds it: (last seq, its hash); (0, genesis) when empty."""
    seq = get_meta(session, META_HEAD_SEQ)
    digest = get_meta(session, META_HEAD_HASH)
    if seq is None or digest is None:
        return 0, GENESIS_HASH
    return int(seq), digest


def _entry(seq: int, prev_hash: str, *, actor: str, action: str, entity: str, entity_id: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None, at: dt.datetime) -> AuditEntry:
    """The next entry of the chain after (``seq`` - 1, ``prev_hash``), hashed."""
    at_text = utc_text(at)
    # Round-trip through JSON so the stored and the hashed data are identical.
    before_n = json.loads(canonical_json(before)) if before is not None else None
    after_n = json.loads(canonical_json(after)) if after is not None else None
    digest = entry_hash(seq=seq, at=at_text, actor=actor, action=action, entity=entity, entity_id=entity_id,
                        before=before_n, after=after_n, prev_hash=prev_hash)
    return AuditEntry(seq, at_text, actor, action, entity, entity_id, before_n, after_n, prev_hash, digest)


def _stored(entry: AuditEntry) -> dict[str, Any]:
    """The entry as the audit_log row holds it."""
    return {"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action, "entity": entry.entity,
            "entity_id": entry.entity_id,
            "before_json": canonical_json(entry.before) if entry.before is not None else None,
            "after_json": canonical_json(entry.after) if entry.after is not None else None,
            "prev_hash": entry.prev_hash, "hash": entry.hash}


def default_actor() -> str:
    """Who acted when no staff account is named (an export from the command line): the
    operating-system account, which owns the folder."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):
        return "os:unknown"


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: dt.datetime,
) -> AuditEntry:
    """Append one entry in the caller's transaction (so it commits with the change)."""
    last_seq, prev_hash = head(session)
    entry = _entry(last_seq + 1, prev_hash, actor=actor, action=action, entity=entity, entity_id=entity_id,
                   before=before, after=after, at=at)
    session.add(AuditLog(**_stored(entry)))
    set_meta(session, META_HEAD_SEQ, str(entry.seq))
    set_meta(session, META_HEAD_HASH, entry.hash)
    session.flush()
    return entry


def record_raw(
    cursor: sqlite3.Cursor,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: dt.datetime,
) -> AuditEntry:
    """``record`` for a bulk writer on a raw sqlite3 transaction (the registry import), so the
    entry commits with the change there too."""
    stored = get_meta_raw(cursor, META_HEAD_SEQ, META_HEAD_HASH)
    last_seq, prev_hash = (int(stored[META_HEAD_SEQ]), stored[META_HEAD_HASH]) if len(stored) == 2 \
        else (0, GENESIS_HASH)
    entry = _entry(last_seq + 1, prev_hash, actor=actor, action=action, entity=entity, entity_id=entity_id,
                   before=before, after=after, at=at)
    row = _stored(entry)
    columns = ", ".join(row)
    cursor.execute(f"INSERT INTO {AuditLog.__tablename__} ({columns}) VALUES ({', '.join('?' * len(row))})",
                   tuple(row.values()))
    set_meta_raw(cursor, {META_HEAD_SEQ: str(entry.seq), META_HEAD_HASH: entry.hash})
    return entry


def _load(text: str | None) -> dict[str, Any] | None:
    return None if text is None else json.loads(text)


def _recomputed(row: AuditLog) -> str | None:
    try:
        before, after = _load(row.before_json), _load(row.after_json)
    except ValueError:
        return None  # unreadable JSON counts as modified
    return entry_hash(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        before=before,
        after=after,
        prev_hash=row.prev_hash,
    )


def _bad(checked: int, seq: int, reason: str) -> AuditReport:
    return AuditReport(ok=False, checked=checked, first_bad_seq=seq, reason=reason)


def content_digest(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """What a purge entry records of a redacted entry: the SHA-256 of its before/after as stored."""
    return hashlib.sha256(canonical_json({"before": before, "after": after}).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Redaction:
    by: int  # the purge entry's seq
    entity_id: str
    hash: str
    content: str


def _redactions(session: Session) -> dict[int, _Redaction]:
    """What the purge entries say they redacted, by redacted seq (the latest purge wins)."""
    found: dict[int, _Redaction] = {}
    query = select(AuditLog.seq, AuditLog.entity_id, AuditLog.after_json).where(
        AuditLog.action == REDACTING_ACTION).order_by(AuditLog.seq)
    for seq, entity_id, after_json in session.execute(query):
        try:
            listed = (json.loads(after_json or "null") or {}).get(REDACTED_KEY) or []
            for item in listed:
                found[int(item["seq"])] = _Redaction(seq, entity_id, str(item["hash"]), str(item["content"]))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # an unreadable purge entry vouches for nothing (and fails its own hash if altered)
    return found


def _vouched(row: AuditLog, redactions: dict[int, _Redaction]) -> bool:
    """A redacted entry that a later purge entry of the same case vouches for, content and all."""
    claim = redactions.get(row.seq)
    if claim is None or claim.by <= row.seq or row.entity != "case" or claim.entity_id != row.entity_id \
            or claim.hash != row.hash:
        return False
    try:
        return content_digest(_load(row.before_json), _load(row.after_json)) == claim.content
    except ValueError:
        return False


def verify(session: Session) -> AuditReport:
    """Walk the whole chain; report the first entry that does not hold."""
    expected_seq, prev_hash, checked, redacted = 1, GENESIS_HASH, 0, 0
    redactions = _redactions(session)
    rows = session.scalars(select(AuditLog).order_by(AuditLog.seq).execution_options(yield_per=1000))
    for row in rows:
        checked += 1
        if row.seq != expected_seq:
            return _bad(checked, expected_seq, f"第{expected_seq}条记录缺失（已被删除）")
        if row.prev_hash != prev_hash:
            return _bad(checked, row.seq, f"第{row.seq}条记录与前一条衔接不上（记录被插入、替换或顺序被调换）")
        if _recomputed(row) != row.hash:
            if not _vouched(row, redactions):
                return _bad(checked, row.seq, f"第{row.seq}条记录内容被修改")
            redacted += 1
        expected_seq, prev_hash = row.seq + 1, row.hash
    last_seq = expected_seq - 1
    head_seq, head_hash = head(session)
    if last_seq < head_seq:
        return _bad(checked, last_seq + 1, f"第{last_seq + 1}条记录缺失（末尾记录已被删除）")
    if last_seq > head_seq:
        return _bad(checked, head_seq + 1, f"第{head_seq + 1}条记录不在审计链登记之内（疑为伪造追加）")
    if head_seq and prev_hash != head_hash:
        return _bad(checked, head_seq, f"第{head_seq}条记录被替换（与审计链登记不符）")
    note = f"（其中{redacted}条的个人信息已在保存期满后清除，由清除记录担保）" if redacted else ""
    return AuditReport(ok=True, checked=checked, first_bad_seq=None, reason=f"审计记录完整，共{checked}条{note}")


def check_anchor(session: Session, seq: int, digest: str) -> AuditReport | None:
    """The chain against a head recorded elsewhere (the central system): None when it holds, else why not."""
    last_seq, _ = head(session)
    if last_seq < seq:
        return _bad(0, last_seq + 1, f"本机审计记录只到第{last_seq}条，中心系统已登记到第{seq}条"
                                     "（之后的记录已不在本机：数据库被换成较早的副本，或从备份恢复）")
    if hash_at(session, seq) != digest:
        return _bad(0, seq, f"第{seq}条审计记录与中心系统登记的不一致（审计链被改写）")
    return None


def entries(session: Session, *, entity: str | None = None, entity_id: str | None = None) -> list[AuditEntry]:
    """Entries in order, optionally for one record (a case's history)."""
    query = select(AuditLog).order_by(AuditLog.seq)
    if entity is not None:
        query = query.where(AuditLog.entity == entity)
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == entity_id)
    return [
        AuditEntry(
            r.seq,
            r.at,
            r.actor,
            r.action,
            r.entity,
            r.entity_id,
            _load(r.before_json),
            _load(r.after_json),
            r.prev_hash,
            r.hash,
        )
        for r in session.scalars(query)
    ]
