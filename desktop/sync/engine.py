"""One sync round: push the outbox, pull what changed.  Pure Python, no Qt.

Push reads the outbox oldest first in batches (``batch_size``), sends each
batch with the rows' idempotency keys and records every answer in one
transaction: ``applied`` and ``already_applied`` make the row applied;
``rejected`` makes it rejected with the reason, and it waits for a person
(``rejected_items``, ``requeue``) instead of being retried.  A process
killed after sending and before recording loses nothing: the rows are still
pending, the next round sends them again and the central system answers
``already_applied``.

Pull reports the audit chain's head with each request and keeps the anchor the central system
answers (``audit_anchor``, issue 14.4).  It asks for what changed after the cursors kept in ``meta``
(``sync_cursor.<stream>``) and writes it: registry rows through the local
registry upsert, ledger entries (``source = 'central'``), annotations for
this device's cases, policy and holiday files into the data folder.  The
new cursors are saved after the page is written, so a crash in between
only pulls the page again (every write is an upsert).

State for the application (``status()``): ``last_sync`` (UTC ISO, in
``meta``), ``online``, and an exponential backoff while the central system
cannot be reached (``due()``, ``next_attempt``).  A background timer calls
``run_if_due()``; "sync now" calls ``run_once()``.

Issue 14.7: a push never exceeds the central system's ``MAX_BODY_BYTES``:
the oldest pending rows go in as far as they fit, and a change too large for
any push is rejected here and waits for a person.  Issue 14.5: after a good
round, a credential older than ``ROTATE_AFTER_DAYS`` is rotated: the new one
is saved in ``device.json`` first and replaces the old one at the central
system when it is first used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from desktop.models import ledger, outbox, sync_state
from desktop.models.audit import default_actor
from desktop.models.errors import PolicyError, StorageError
from desktop.models.outbox import OutboxItem, OutboxState
from desktop.models.progress_link import META_PUBLIC_URL
from desktop.models.registry import META_AS_OF, import_registry
from desktop.models.registry_files import RegistryFile
from desktop.models.schema import Case, CaseAnnotation, Outbox, utc_text
from desktop.models.store import Store, get_meta, set_meta
from desktop.sync.audit_anchor import audit_head, remember_anchor
from desktop.sync.client import (
    PUSH_ENVELOPE_BYTES,
    CentralClient,
    CentralRefused,
    CentralUnreachable,
    NotRegistered,
    ProtocolError,
    SyncError,
    encode_push_item,
    join_push_items,
)
from desktop.sync.credentials import load_device, save_device
from desktop.sync.status import SyncStatus, read_status  # noqa: F401 - the engine's status API, also from here
from wire import (
    MAX_BODY_BYTES,
    MAX_PUSH_ITEMS,
    REFERENCE_FOLDERS,
    STREAM_ANNOTATIONS,
    STREAM_CERTIFICATES,
    STREAM_INSURED,
    STREAM_LEDGER,
    STREAM_REFERENCE,
    STREAMS,
    Annotation,
    PullAnswer,
    PushAnswer,
    ReferenceFile,
)

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
ROTATE_AFTER_DAYS = 30  # well inside the central system's 90 days of an unused credential
META_CURSOR_PREFIX = "sync_cursor."
_SAFE_REFERENCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.toml")
_CHUNK = 500


class _Pending(NamedTuple):
    id: int
    idempotency_key: str
    entity: str
    entity_id: str
    op: str
    payload_json: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff while the central system cannot be reached: base·factor^(n-1), capped, ±jitter."""

    base: float = 5.0
    factor: float = 2.0
    maximum: float = 900.0
    jitter: float = 0.2

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        if failures <= 0:
            return 0.0
        raw = min(self.maximum, self.base * self.factor ** (failures - 1))
        spread = raw * self.jitter
        return max(0.0, raw + (rng or random).uniform(-spread, spread))


@dataclass
class SyncReport:
    """What one round did; ``to_json`` is what ``desktop sync`` prints."""

    pushed: int = 0
    applied: int = 0
    already_applied: int = 0
    rejected: int = 0
    pulled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STREAMS, 0))
    last_sync: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "applied": self.applied,
            "already_applied": self.already_applied,
            "rejected": self.rejected,
            "pulled": dict(self.pulled),
            "last_sync": self.last_sync,
        }


def rejected_items(store: Store, limit: int = 200) -> list[OutboxItem]:
    """Changes the central system rejected, oldest first (``outbox.rejected_items``)."""
    with store.session(readonly=True) as session:
        return outbox.rejected_items(session, limit)


def requeue(store: Store, outbox_ids: Iterable[int], actor: str | None = None) -> int:
    """Send rejected changes again (``outbox.requeue``, audited as ``actor``: the operating-system
    account when none is named); returns how many."""
    with store.session() as session:
        return outbox.requeue(session, outbox_ids, actor=actor or default_actor(), at=store.clock.now())


def client_for(store: Store, *, timeout: float | None = None) -> CentralClient:
    """A client with this data folder's credential; ``NotRegistered`` when there is none."""
    device = load_device(store.data_dir)
    if device is None:
        raise NotRegistered.of("sync.not_registered")
    options: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
    return CentralClient(device.central_url, device.credential, insecure=device.insecure,
                         ca_bundle=device.ca_bundle, **options)


class SyncEngine:
    """Sync for one open store.  Not thread-safe: run one round at a time (the app's worker does)."""

    def __init__(
        self,
        store: Store,
        client: CentralClient,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        pull_limit: int | None = None,
        backoff: Backoff | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        if not 1 <= batch_size <= MAX_PUSH_ITEMS:
            raise ValueError(f"batch_size must be 1..{MAX_PUSH_ITEMS}")
        self.store = store
        self.client = client
        self.batch_size = batch_size
        self.pull_limit = pull_limit
        self.backoff = backoff or Backoff()
        self._now = now or store.clock.now

    @classmethod
    def for_store(cls, store: Store, **options: Any) -> SyncEngine:
        """The engine over this data folder's own credential (``NotRegistered`` without one)."""
        timeout = options.pop("timeout", None)
        return cls(store, client_for(store, timeout=timeout), **options)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> SyncEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the round ----------------------------------------------------------------------

    def run_once(self) -> SyncReport:
        """Push everything pending, then pull; raises ``SyncError`` subclasses after recording the backoff."""
        report = SyncReport()
        try:
            self._push(report)
            self._pull(report)
        except SyncError as exc:
            self._record_failure(exc)
            raise
        report.last_sync = self._record_success()
        self._rotate_if_due()
        return report

    def due(self, now: dt.datetime | None = None) -> bool:
        """False while backing off after a failure."""
        with self.store.session(readonly=True) as session:
            next_attempt = sync_state.next_attempt(session)
        return next_attempt is None or (now or self._now()) >= next_attempt

    def run_if_due(self) -> SyncReport | None:
        """``run_once`` unless backing off (then None): what a background timer calls."""
        return self.run_once() if self.due() else None

    def status(self) -> SyncStatus:
        return read_status(self.store)

    # --- push ---------------------------------------------------------------------------

    def _pending(self) -> list[_Pending]:
        """The oldest pending rows, read through Core: the payload stays the JSON text it was stored as."""
        table = cast(Table, Outbox.__table__)
        query = (
            select(table.c.id, table.c.idempotency_key, table.c.entity, table.c.entity_id, table.c.op,
                   table.c.payload_json, table.c.created_at)
            .where(table.c.state == OutboxState.pending.value)
            .order_by(table.c.id)
            .limit(self.batch_size)
        )
        with self.store.session(readonly=True) as session:
            return [_Pending(*row) for row in session.execute(query)]

    def _push(self, report: SyncReport) -> None:
        while True:
            pending = self._pending()
            if not pending:
                return
            items, parts = _fitting(pending)
            if not items:  # the oldest change alone is over the limit: it waits for a person
                self._record([(pending[0].idempotency_key, OutboxState.rejected, _too_large(pending[0]))])
                report.pushed += 1
                report.rejected += 1
                continue
            body = join_push_items(parts)
            try:
                answer = self.client.push_encoded(body)
            except CentralRefused as exc:
                refused = set(exc.refused_keys) & {i.idempotency_key for i in items}
                if exc.status != 403 or not refused:
                    raise
                # Another office's case: those changes wait for a person; the rest go again.
                self._record(
                    [(key, OutboxState.rejected, f"中心系统拒绝：{exc}") for key in sorted(refused)]
                )
                report.pushed += len(refused)
                report.rejected += len(refused)
                continue
            except CentralUnreachable as exc:
                self._note_attempt(items, str(exc))
                raise
            answers = self._check_answer(items, answer)
            self._record(answers)
            report.pushed += len(items)
            for item in answer.results:
                if item.status == "applied":
                    report.applied += 1
                elif item.status == "already_applied":
                    report.already_applied += 1
                else:
                    report.rejected += 1

    @staticmethod
    def _check_answer(
        items: Sequence[_Pending], answer: PushAnswer
    ) -> list[tuple[str, OutboxState, str | None]]:
        sent = [i.idempotency_key for i in items]
        got = [r.idempotency_key for r in answer.results]
        if got != sent:
            raise ProtocolError.of("central.answer_mismatch")
        out: list[tuple[str, OutboxState, str | None]] = []
        for result in answer.results:
            if result.status == "rejected":
                reason = result.reason or "中心系统拒绝（未说明原因）"
                out.append((result.idempotency_key, OutboxState.rejected, reason))
            else:
                out.append((result.idempotency_key, OutboxState.applied, None))
        return out

    def _record(self, answers: Sequence[tuple[str, OutboxState, str | None]]) -> None:
        with self.store.session() as session:
            outbox.record_answers(session, answers, self._now())

    def _note_attempt(self, items: Sequence[_Pending], error: str) -> None:
        with self.store.session() as session:
            outbox.note_attempt(session, [i.id for i in items], error)

    # --- pull ---------------------------------------------------------------------------

    def _cursors(self) -> dict[str, int]:
        with self.store.session(readonly=True) as session:
            cursors = {}
            for stream in STREAMS:
                text = get_meta(session, META_CURSOR_PREFIX + stream)
                cursors[stream] = int(text) if text and text.isdigit() else 0
            return cursors

    def _pull(self, report: SyncReport) -> None:
        cursors = self._cursors()
        while True:
            with self.store.session(readonly=True) as session:
                head = audit_head(session)
            answer = self.client.pull(cursors, self.pull_limit, head)
            self._write_page(answer, report)
            moved = {**cursors, **{k: v for k, v in answer.cursors.items() if k in STREAMS}}
            if not answer.more:
                break
            if moved == cursors:
                raise ProtocolError.of("central.cursor_stuck")
            cursors = moved
        cursors = moved
        now = self._now()
        with self.store.session() as session:
            # The local copy is as current as the central one now (for the "as of" of verification).
            for stream in (STREAM_INSURED, STREAM_CERTIFICATES):
                if cursors.get(stream, 0) > 0:
                    set_meta(session, META_AS_OF[stream], utc_text(now))  # type: ignore[index]

    def _write_page(self, answer: PullAnswer, report: SyncReport) -> None:
        now = self._now()
        for stream, rows in ((STREAM_INSURED, answer.insured), (STREAM_CERTIFICATES, answer.certificates)):
            if rows:
                registry_file = RegistryFile(kind=stream, rows=[tuple(r) for r in rows], errors=[],  # type: ignore[arg-type]
                                             total=len(rows), source="central")
                import_registry(self.store, registry_file, as_of=now)
                report.pulled[stream] += len(rows)
        written_files = [f for f in answer.reference if self._write_reference(f)]
        with self.store.session() as session:
            report.pulled[STREAM_LEDGER] += ledger.write_central_entries(session, answer.ledger)
            report.pulled[STREAM_ANNOTATIONS] += _write_annotations(session, answer.annotations, now)
            remember_anchor(session, answer.audit_anchor)
            if get_meta(session, META_PUBLIC_URL) != answer.public_url:  # receipts' QR link (issue 19.1)
                set_meta(session, META_PUBLIC_URL, answer.public_url)
            for stream, value in answer.cursors.items():
                if stream in STREAMS:
                    set_meta(session, META_CURSOR_PREFIX + stream, str(int(value)))
        report.pulled[STREAM_REFERENCE] += len(written_files)

    def _write_reference(self, item: ReferenceFile) -> bool:
        """Put a policy or holiday file into the data folder; False (and logged) when it is unusable."""
        folder, _, name = item.path.partition("/")
        if folder not in REFERENCE_FOLDERS or not _SAFE_REFERENCE_NAME.fullmatch(name):
            log.warning("reference file with an unsafe path ignored: %r", item.path)
            return False
        if hashlib.sha256(item.content.encode("utf-8")).hexdigest() != item.sha256:
            log.warning("reference file %s ignored: checksum mismatch", item.path)
            return False
        return _install_reference(Path(self.store.data_dir), folder, name, item.content)

    # --- credential -----------------------------------------------------------------------

    def _rotate_if_due(self) -> None:
        """Rotate a credential older than ``ROTATE_AFTER_DAYS`` (issue 14.5).  A failure changes nothing:
        the old credential stays good until the new one is used, so the next round simply tries again."""
        device = load_device(self.store.data_dir)
        if device is None:
            return
        now = self._now()
        since = sync_state.parse_time(device.rotated_at or device.registered_at)
        if since is not None and now - since < dt.timedelta(days=ROTATE_AFTER_DAYS):
            return
        try:
            answer = self.client.rotate()
            save_device(self.store.data_dir, replace(device, credential=answer.credential,
                                                     rotated_at=now.astimezone(dt.UTC).isoformat()))
        except (SyncError, StorageError) as exc:
            log.warning("credential not rotated: %s", exc)
            return
        self.client.set_credential(answer.credential)

    # --- bookkeeping ----------------------------------------------------------------------

    def _record_success(self) -> str:
        with self.store.session() as session:
            return sync_state.mark_success(session, self._now())

    def _record_failure(self, exc: SyncError) -> None:
        with self.store.session() as session:
            sync_state.mark_failure(session, self._now(), unreachable=isinstance(exc, CentralUnreachable),
                                    error=str(exc), backoff=self.backoff.delay)


def _fitting(pending: Sequence[_Pending]) -> tuple[list[_Pending], list[bytes]]:
    """The oldest rows whose push stays within ``MAX_BODY_BYTES``, and their encodings (issue 14.7)."""
    items: list[_Pending] = []
    parts: list[bytes] = []
    size = PUSH_ENVELOPE_BYTES
    for row in pending:
        part = encode_push_item(row.idempotency_key, row.entity, row.entity_id, row.op, row.payload_json,
                                row.created_at)
        size += len(part) + (1 if parts else 0)
        if size > MAX_BODY_BYTES:
            break
        items.append(row)
        parts.append(part)
    return items, parts


def _too_large(row: _Pending) -> str:
    size = len(row.payload_json.encode("utf-8"))
    return (f"变更过大（{size // 1024} KB），超过中心系统单次提交上限（{MAX_BODY_BYTES // 1024} KB），未发送；"
            "请联系技术支持")




def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _write_annotations(session: Session, notes: Sequence[Annotation], now: dt.datetime) -> int:
    """Annotations of cases this device holds (other counters' cases of the office are not here)."""
    if not notes:
        return 0
    case_ids = list({n.case_id for n in notes})
    mine: set[str] = set()
    for chunk in _chunks(case_ids):
        mine.update(session.scalars(select(Case.id).where(Case.id.in_(chunk))))
    ids = [n.id for n in notes]
    known: set[str] = set()
    for chunk in _chunks(ids):
        known.update(session.scalars(select(CaseAnnotation.id).where(CaseAnnotation.id.in_(chunk))))
    rows = [
        {
            "id": n.id, "case_id": n.case_id, "kind": n.kind, "message": n.message,
            "details_json": json.dumps({**n.details, "case_no": n.case_no}, ensure_ascii=False, sort_keys=True),
            "created_at": n.created_at, "received_at": now,
        }
        for n in notes if n.case_id in mine and n.id not in known
    ]
    if rows:
        session.execute(insert(CaseAnnotation), rows)
    return len(rows)


def _install_reference(data_dir: Path, folder: str, name: str, content: str) -> bool:
    """Check the file with the counter's own loaders, then replace it atomically; a policy file that
    would stop the verifier from loading (an id clash, overlapping periods) is taken out again."""
    from desktop.models.policy import PolicyBook, default_policy_dirs, load_policy_file
    from desktop.models.workdays import load_arrangement

    target = data_dir / folder / name
    previous = target.read_text(encoding="utf-8") if target.is_file() else None
    if previous == content:
        return True
    with tempfile.TemporaryDirectory(prefix="zhanchi-reference-") as scratch:
        candidate = Path(scratch) / name  # load_arrangement reads the year from the name
        candidate.write_text(content, encoding="utf-8")
        try:
            if folder == "holidays":
                load_arrangement(candidate)
            else:
                load_policy_file(candidate)
        except PolicyError as exc:
            log.warning("reference file %s/%s not installed: %s", folder, name, exc)
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{name}.part")
    temp.write_text(content, encoding="utf-8")
    temp.replace(target)
    if folder == "policies":
        try:
            PolicyBook.load(default_policy_dirs(data_dir))
        except PolicyError as exc:
            log.warning("reference file %s/%s taken out again: %s", folder, name, exc)
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_text(previous, encoding="utf-8")
            return False
    return True
