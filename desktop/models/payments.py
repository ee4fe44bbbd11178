"""Payment (发放): disbursement files to the bank, the bank's result, requeueing failures.

``export_payments`` writes every approved case that has no live payment item
(pending or paid) to a numbered disbursement file — CSV (UTF-8 with BOM, as
Excel reads it) or XLSX, by the file's suffix — with the columns of
CONTRACTS.md (``DISBURSEMENT_COLUMNS``; ``batch_id`` holds the batch number).
``import_payment_result`` reads the bank's file (those columns plus ``status``
``paid``|``failed`` and ``reason``) and either refuses it whole, changing
nothing, with every problem by row (``PaymentResultRefused``), or settles the
batch in one transaction: paid → ``paid``, failed → ``payment_failed`` with the
bank's reason.  ``requeue_payment`` sends a failed case back to ``approved``,
after correcting the account if need be (the correction audited with before
and after), so it goes into a later batch.

A case is never paid twice:

- export takes only approved cases without a live item, inside one write
  transaction (two exports cannot interleave); a second export finds nothing;
- a result file for a batch already settled is refused (imported twice), and
  every row must match its item exactly (case, name, account kind, account,
  amount) and name each item of the batch once;
- the partial unique index ``uq_payment_items_live_case`` lets a case have only
  one live item: the database refuses a second even if the checks above fail.

Direct payment (补贴直发, 40号 二(三)): a case is exported only when the
account holder's name is the applicant's (``risk.holder_matches``); otherwise
it is left out of the file, listed in ``PaymentBatch.refused``, and a
``holder_mismatch`` risk flag is raised on it.

Decision: a result file must carry a row for every case of its batch — a
partial answer is refused, so a batch is settled once, from one file, and a
pending item never lingers unnoticed.

Records: an export writes an audit entry on each case (batch, amount, masked
account) and one on the batch (file name and sha256); the import one on the
batch (result file's sha256, figures) and the cases' own transitions.  The
outbox carries case rows only (``case.payment_exported``, ``case.paid``,
``case.payment_failed``, each with the batch in its ``event``): the central
system knows cases, not batches, and refuses what it does not know.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.models import audit, disbursement_log, payee_changes, risk
from desktop.models.cases import (
    CaseRecord,
    State,
    apply_transition,
    enqueue_case_event,
    load_case_row,
    record_of,
)
from desktop.models.errors import Conflict, InvalidInput, NotFound, os_error_phrase
from desktop.models.files import output_path, placed_with_transaction
from desktop.models.identity import normalize_bank_card
from desktop.models.masking import mask_account, mask_name
from desktop.models.registry_files import _numbered, _text  # the one CSV/XLSX reader of the project
from desktop.models.schema import Case, PaymentBatch, PaymentItem
from desktop.models.spreadsheet_cells import append_xlsx_row, safe_row
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store

# CONTRACTS.md "disbursement" and "bank result": the one place these columns are spelt.
DISBURSEMENT_COLUMNS: tuple[str, ...] = ("batch_id", "case_no", "name", "account_kind", "account", "bank_name",
                                         "amount_yuan")
RESULT_COLUMNS: tuple[str, ...] = (*DISBURSEMENT_COLUMNS, "status", "reason")
RESULT_REQUIRED: tuple[str, ...] = (*DISBURSEMENT_COLUMNS, "status")  # reason may be left out
COLUMN_LABELS = {
    "batch_id": "批次号",
    "case_no": "受理编号",
    "name": "户名",
    "account_kind": "账户类型",
    "account": "收款账号",
    "bank_name": "开户银行",
    "amount_yuan": "金额（元）",
    "status": "发放结果",
    "reason": "失败原因",
}
EXPORT_SUFFIXES = (".csv", ".xlsx")
_NUMERIC_COLUMNS = frozenset({DISBURSEMENT_COLUMNS.index("amount_yuan")})
NO_REASON = "银行未注明原因"


class PaymentBatchState(StrEnum):
    exported = "exported"
    settled = "settled"


class ItemStatus(StrEnum):
    pending = "pending"
    paid = "paid"
    failed = "failed"


@dataclass(frozen=True)
class Item:
    case_id: str
    case_no: str
    name: str
    account_kind: str
    account: str
    bank_name: str
    amount_yuan: int
    status: ItemStatus
    live: bool
    reason: str | None
    resolved_at: dt.datetime | None


@dataclass(frozen=True)
class Refused:
    case_no: str
    reason: str


@dataclass(frozen=True)
class Batch:
    id: str
    batch_no: str
    state: PaymentBatchState
    item_count: int
    total_yuan: int
    file_name: str
    file_sha256: str
    created_by: str
    created_at: dt.datetime
    result_sha256: str | None
    settled_by: str | None
    settled_at: dt.datetime | None
    items: tuple[Item, ...]
    refused: tuple[Refused, ...] = ()  # cases left out of this export, and why

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_no,
            "id": self.id,
            "state": self.state.value,
            "items": self.item_count,
            "total_yuan": self.total_yuan,
            "file": self.file_name,
            "sha256": self.file_sha256,
            "refused": [{"case_no": r.case_no, "reason": r.reason} for r in self.refused],
        }


@dataclass(frozen=True)
class ResultProblem:
    """One reason a result file is refused; ``row`` is the spreadsheet row (header = 1), None for the file."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行 " if self.row is not None else ""
        return f"{where}{self.column}：{self.message}"


class PaymentResultRefused(InvalidInput):
    """The bank's result file is refused as a whole; nothing was changed."""

    def __init__(self, file_name: str, problems: Sequence[ResultProblem]) -> None:
        listed = "；".join(str(p) for p in problems[:5]) + ("等" if len(problems) > 5 else "")
        super().__init__("FILE", code="payment.result_refused",
                         params={"file": file_name, "count": len(problems), "problems": listed})
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ImportSummary:
    batch_id: str  # the batch number
    paid: int
    failed: int
    paid_yuan: int
    failed_yuan: int
    failures: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (case number, reason)

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "paid": self.paid,
            "failed": self.failed,
            "paid_yuan": self.paid_yuan,
            "failed_yuan": self.failed_yuan,
            "failures": [{"case_no": case_no, "reason": reason} for case_no, reason in self.failures],
        }


# --- reading ---------------------------------------------------------------------


def _load_batch(session: Session, batch_id_or_no: str) -> PaymentBatch | None:
    key = (batch_id_or_no or "").strip()
    if not key:
        return None
    return session.get(PaymentBatch, key) or session.scalar(
        select(PaymentBatch).where(PaymentBatch.batch_no == key.upper()))


def _items(session: Session, batch_id: str) -> list[Item]:
    query = (select(PaymentItem, Case.case_no).join(Case, Case.id == PaymentItem.case_id)
             .where(PaymentItem.batch_id == batch_id).order_by(Case.case_no))
    return [Item(item.case_id, case_no, item.holder_name, item.account_kind, item.account, item.bank_name,
                 item.amount_yuan, ItemStatus(item.status), bool(item.live), item.reason, item.resolved_at)
            for item, case_no in session.execute(query)]


def _batch(session: Session, row: PaymentBatch, refused: Iterable[Refused] = ()) -> Batch:
    return Batch(row.id, row.batch_no, PaymentBatchState(row.state), row.item_count, row.total_yuan, row.file_name,
                 row.file_sha256, row.created_by, row.created_at, row.result_sha256, row.settled_by, row.settled_at,
                 tuple(_items(session, row.id)), tuple(refused))


def get_payment_batch(store: Store, batch_id_or_no: str) -> Batch:
    with store.session(readonly=True) as session:
        row = _load_batch(session, batch_id_or_no)
        if row is None:
            raise NotFound.of("payment.batch_not_found", batch=batch_id_or_no)
        return _batch(session, row)


def list_payment_batches(store: Store) -> list[Batch]:
    """Newest first."""
    with store.session(readonly=True) as session:
        rows = session.scalars(select(PaymentBatch).order_by(PaymentBatch.created_at.desc(),
                                                             PaymentBatch.batch_no.desc()))
        return [_batch(session, row) for row in rows]


def _no_live_item(case_id_column: Any) -> Any:
    return ~exists().where(PaymentItem.case_id == case_id_column, PaymentItem.live.is_(True))


def payable_cases(store: Store) -> list[CaseRecord]:
    """Approved cases not in a live payment item (the next export's candidates), by case number."""
    with store.session(readonly=True) as session:
        rows = session.scalars(select(Case).where(Case.state == State.approved.value, _no_live_item(Case.id))
                               .order_by(Case.case_no))
        return [record_of(row) for row in rows]


def payments_of(session: Session, case_id: str) -> list[tuple[PaymentBatch, PaymentItem]]:
    """Every payment item of a case with its batch, oldest first (for the audit trail)."""
    query = (select(PaymentBatch, PaymentItem).join(PaymentItem, PaymentItem.batch_id == PaymentBatch.id)
             .where(PaymentItem.case_id == case_id).order_by(PaymentBatch.created_at))
    return [(batch, item) for batch, item in session.execute(query)]


# --- export ------------------------------------------------------------------------


def _target(out: Path | str) -> Path:
    path = Path(out).expanduser()
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise InvalidInput.about("out", "payment.file_kind", file=path.name)
    output_path(path)
    if path.exists():
        # Each disbursement file is a document sent to the bank: never overwrite an earlier one.
        raise InvalidInput.about("out", "payment.file_exists", file=path.name)
    return path.absolute()


def _next_batch_no(session: Session, store: Store, day: dt.date, logged: set[str]) -> str:
    """The day's next number, past every number the disbursement log has seen (``logged``: a restored
    database would otherwise number a new batch like one already sent to the bank)."""
    prefix = f"{store.office_code}-{store.device_code}-FF{day:%Y%m%d}-"
    used = set(session.scalars(select(PaymentBatch.batch_no).where(PaymentBatch.batch_no.like(prefix + "%"))))
    used |= {n for n in logged if n.startswith(prefix)}
    number = len(used) + 1
    while f"{prefix}{number:02d}" in used:
        number += 1
    return f"{prefix}{number:02d}"


def _log_what_the_database_knows(session: Session, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Log lines for exports and results the database has and the log ``entries`` lack (a folder from
    before the log, or one whose log was lost): the log then knows at least what the database knows."""
    logged = {(e["event"], e["case_id"], e["batch_no"]) for e in entries}
    lines = []
    query = (select(PaymentItem, PaymentBatch, Case.case_no).join(PaymentBatch, PaymentBatch.id == PaymentItem.batch_id)
             .join(Case, Case.id == PaymentItem.case_id).order_by(PaymentBatch.created_at))
    for item, batch, case_no in session.execute(query).tuples():
        if ("exported", item.case_id, batch.batch_no) not in logged:
            lines.append(disbursement_log.exported_line(batch_no=batch.batch_no, case_id=item.case_id,
                                                        case_no=case_no, amount_yuan=item.amount_yuan,
                                                        at=batch.created_at))
        if item.status != ItemStatus.pending.value and ("settled", item.case_id, batch.batch_no) not in logged:
            lines.append(disbursement_log.settled_line(batch_no=batch.batch_no, case_id=item.case_id,
                                                       status=item.status, at=item.resolved_at or batch.created_at))
    return lines


def _sent_before(sent: disbursement_log.Sent, tz: dt.tzinfo) -> str:
    when = dt.datetime.fromisoformat(sent.at).astimezone(tz)
    outcome = "银行已发放" if sent.paid else "银行结果尚未登记"
    return (f"已于{when:%Y年%m月%d日}在发放批次 {sent.batch_no} 中导出（{sent.amount_yuan}元，{outcome}），"
            "当前数据库中没有该批次（可能恢复过备份）；为防止重复发放，不再导出，请核对银行结果")


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(DISBURSEMENT_COLUMNS)
    writer.writerows(safe_row(values, numeric=_NUMERIC_COLUMNS) for values in rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel show the Chinese


def _xlsx_bytes(rows: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook  # only XLSX needs it

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    append_xlsx_row(sheet, DISBURSEMENT_COLUMNS)
    text_columns = [i for i, c in enumerate(DISBURSEMENT_COLUMNS) if c != "amount_yuan"]
    for values in rows:
        append_xlsx_row(sheet, values, numeric=_NUMERIC_COLUMNS)
        for index in text_columns:
            sheet.cell(row=sheet.max_row, column=index + 1).number_format = "@"  # 19-digit accounts stay text
    for index, width in enumerate((26, 28, 12, 12, 24, 20, 12), start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_payments(store: Store, actor: StaffUser, out: Path | str, *,
                    case_ids: Collection[str] | None = None) -> Batch:
    """Write approved, unpaid cases (all, or those of ``case_ids`` that qualify) to a numbered
    disbursement file.  Raises Conflict when no case can be paid (risk flags raised on refused
    cases are kept)."""
    require(actor, Action.case_pay)
    path = _target(out)
    wanted = None if case_ids is None else {c.strip() for c in case_ids if c and c.strip()}
    refused: list[Refused] = []
    result: Batch | None = None
    log = disbursement_log.ensure_folder(store.data_dir)
    with placed_with_transaction() as files, store.session() as session:
        at = store.clock.now()
        entries = disbursement_log.read_log(store.data_dir)  # read once for the whole export
        missing = _log_what_the_database_knows(session, entries)
        files.append(disbursement_log.encode(missing), log)
        entries += missing
        sent = disbursement_log.outstanding_in(entries)
        waiting = payee_changes.cases_with_pending_change(session)
        query = (select(Case).where(Case.state == State.approved.value, _no_live_item(Case.id))
                 .order_by(Case.case_no))
        payable: list[Case] = []
        for row in session.scalars(query):
            if wanted is not None and row.id not in wanted and row.case_no not in wanted:
                continue
            if row.id in sent:  # sent to the bank from this folder, though this database does not know it
                refused.append(Refused(row.case_no, _sent_before(sent[row.id], store.clock.tz)))
                continue
            if row.id in waiting:
                refused.append(Refused(row.case_no, "收款账户变更待另一人确认，确认后才能发放"))
                continue
            finding = risk.holder_mismatch_finding(row)
            if finding is not None:
                risk.raise_findings(session, row, [finding], actor=actor.username, at=at)
                refused.append(Refused(row.case_no, finding.message))
            elif row.amount_yuan <= 0:
                refused.append(Refused(row.case_no, "核定补贴金额为0元"))
            else:
                payable.append(row)
        if payable:  # else no file and no batch; the flags just raised are kept (committed)
            result, data = _export(session, store, actor, path, payable, refused, at,
                                   disbursement_log.batch_numbers(entries))
            # The log first: a crash after it leaves the cases blocked; the file last: undone if the commit fails.
            files.append(disbursement_log.encode(
                disbursement_log.exported_line(batch_no=result.batch_no, case_id=row.id, case_no=row.case_no,
                                               amount_yuan=row.amount_yuan, at=at) for row in payable), log)
            files.place(data, path)
    if result is None:
        listed = "；".join(f"{r.case_no}：{r.reason}" for r in refused[:3]) + ("等" if len(refused) > 3 else "")
        if refused:
            raise Conflict.of("payment.nothing_payable", count=len(refused), refused=listed)
        raise Conflict.of("payment.nothing_to_pay")
    return result


def _export(session: Session, store: Store, actor: StaffUser, path: Path, rows: list[Case],
            refused: list[Refused], at: dt.datetime, logged_batches: set[str]) -> tuple[Batch, bytes]:
    """The batch and its items, audited, and the file's bytes (written by the caller before the commit)."""
    batch_no = _next_batch_no(session, store, store.clock.today(), logged_batches)
    lines = [[batch_no, row.case_no, row.holder_name, row.payment_kind, row.payment_account, row.bank_name,
              row.amount_yuan] for row in rows]
    data = _xlsx_bytes(lines, batch_no) if path.suffix.lower() == ".xlsx" else _csv_bytes(lines)
    digest = hashlib.sha256(data).hexdigest()
    batch = PaymentBatch(id=str(uuid.uuid4()), batch_no=batch_no, office_code=store.office_code,
                         state=PaymentBatchState.exported.value, item_count=len(rows),
                         total_yuan=sum(r.amount_yuan for r in rows), file_name=path.name, file_sha256=digest,
                         created_by=actor.username, created_at=at)
    session.add(batch)
    session.flush()
    for row in rows:
        session.add(PaymentItem(batch_id=batch.id, case_id=row.id, amount_yuan=row.amount_yuan,
                                account_kind=row.payment_kind, account=row.payment_account, bank_name=row.bank_name,
                                holder_name=row.holder_name, status=ItemStatus.pending.value, live=True))
    try:
        session.flush()
    except IntegrityError:
        raise Conflict.of("payment.already_in_batch") from None
    for row in rows:
        event = {"batch_id": batch.id, "batch_no": batch_no, "amount_yuan": row.amount_yuan,
                 "account": mask_account(row.payment_account)}
        audit.record(session, actor=actor.username, action="payment.export", entity="case", entity_id=row.id,
                     before=None, after=event, at=at)
        enqueue_case_event(session, row, op="case.payment_exported", event=event, at=at)
    body = {"batch_no": batch_no, "items": len(rows), "total_yuan": batch.total_yuan, "file": path.name,
            "sha256": digest, "refused": [r.case_no for r in refused]}
    audit.record(session, actor=actor.username, action="payment.export", entity="payment_batch", entity_id=batch.id,
                 before=None, after=body, at=at)
    return _batch(session, batch, refused), data


# --- import ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    number: int
    values: dict[str, str]
    raw_account: Any


def _read(path: Path) -> tuple[bytes, list[_Row]]:
    path = Path(path)
    rows = _numbered(path)  # raises InvalidInput("FILE") for a file it cannot read
    try:
        first = next(rows, None)
        if first is None:
            raise InvalidInput.about("FILE", "file.no_header", file=path.name)
        header = [_text(cell).lower() for cell in first[1]]
        positions: dict[str, int] = {}
        for index, name in enumerate(header):
            if name in RESULT_COLUMNS and name not in positions:
                positions[name] = index
        missing = [c for c in RESULT_REQUIRED if c not in positions]
        if missing:
            names = "、".join(f"{c}（{COLUMN_LABELS[c]}）" for c in missing)
            raise InvalidInput.about("FILE", "result_file.missing_columns", file=path.name, columns=names,
                                     header=",".join(RESULT_COLUMNS))
        found = []
        for number, cells in rows:
            values = {c: _text(cells[i]) if i < len(cells) else "" for c, i in positions.items()}
            raw = cells[positions["account"]] if positions["account"] < len(cells) else None
            found.append(_Row(number, values, raw))
    finally:
        rows.close()  # type: ignore[attr-defined]
    if not found:
        raise InvalidInput.about("FILE", "file.no_rows", file=path.name)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InvalidInput.about("FILE", "file.unreadable", file=path.name, reason=os_error_phrase(exc)) from None
    return content, found


def _account(text: str) -> str:
    return normalize_bank_card(text or "")


def _amount(text: str) -> int | None:
    value = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    if re.fullmatch(r"\d+(\.0+)?", value):
        return int(value.split(".")[0])
    return None


@dataclass
class _Checked:
    batch: PaymentBatch | None
    problems: list[ResultProblem]
    results: list[tuple[PaymentItem, Case, str, str]]  # item, case, status, reason


def _check(session: Session, rows: list[_Row]) -> _Checked:
    problems: list[ResultProblem] = []

    def bad(row: _Row | None, column: str, message: str) -> None:
        problems.append(ResultProblem(row.number if row else None, column, message))

    first_batch = rows[0].values.get("batch_id", "")
    batch = _load_batch(session, first_batch)
    items: dict[str, tuple[PaymentItem, Case]] = {}
    if batch is not None:
        items = {case.case_no: (item, case) for item, case in session.execute(
            select(PaymentItem, Case).join(Case, Case.id == PaymentItem.case_id)
            .where(PaymentItem.batch_id == batch.id))}
        if batch.state == PaymentBatchState.settled.value:
            settled = batch.settled_at.date().isoformat() if batch.settled_at else ""
            bad(rows[0], "batch_id", f"批次 {batch.batch_no} 已于{settled}导入过发放结果，不能重复导入")
    seen: dict[str, int] = {}
    results = []
    for row in rows:
        v = row.values
        if not v["batch_id"]:
            bad(row, "batch_id", "批次号不能为空")
            continue
        if batch is None:
            bad(row, "batch_id", f"未知的发放批次“{v['batch_id']}”")
            continue
        if v["batch_id"] != first_batch:
            bad(row, "batch_id", f"批次号“{v['batch_id']}”与第{rows[0].number}行（{first_batch}）不同；"
                                 "一个结果文件只能对应一个批次")
            continue
        case_no = v["case_no"].strip().upper()
        if not case_no:
            bad(row, "case_no", "受理编号不能为空")
            continue
        if case_no in seen:
            bad(row, "case_no", f"与第{seen[case_no]}行重复：同一案件只能有一条发放结果")
            continue
        seen[case_no] = row.number
        found = items.get(case_no)
        if found is None:
            exists_elsewhere = session.scalar(select(Case.id).where(Case.case_no == case_no)) is not None
            bad(row, "case_no", f"案件 {case_no} 不在批次 {batch.batch_no} 中" if exists_elsewhere
                else f"未知案件 {case_no}")
            continue
        item, case = found
        if risk.normalize_person_name(v["name"]) != risk.normalize_person_name(item.holder_name):
            bad(row, "name", f"户名与发放文件不一致（应为 {mask_name(item.holder_name)}）")
        if v["account_kind"].strip().lower() != item.account_kind:
            bad(row, "account_kind", f"账户类型“{v['account_kind']}”与发放文件的“{item.account_kind}”不一致")
        if _account(v["account"]) != item.account:
            hint = "；该账号可能被Excel存成了数字，请把该列设为文本" if isinstance(row.raw_account, float) else ""
            bad(row, "account", f"收款账号与发放文件不一致（应为 {mask_account(item.account)}）{hint}")
        amount = _amount(v["amount_yuan"])
        if amount is None:
            bad(row, "amount_yuan", f"金额应为整数元，收到“{v['amount_yuan']}”")
        elif amount != item.amount_yuan:
            bad(row, "amount_yuan", f"金额{amount}元与发放文件的{item.amount_yuan}元不一致")
        status = v["status"].strip().lower()
        if status not in (ItemStatus.paid.value, ItemStatus.failed.value):
            bad(row, "status", f"发放结果应为 paid 或 failed，收到“{v['status']}”")
            continue
        if item.status != ItemStatus.pending.value and batch.state != PaymentBatchState.settled.value:
            bad(row, "case_no", f"案件 {case_no} 的发放结果已登记（{item.status}）")
            continue
        if State(case.state) is not State.approved and batch.state != PaymentBatchState.settled.value:
            bad(row, "case_no", f"案件 {case_no} 当前状态为“{State(case.state).label}”，不能登记发放结果")
            continue
        results.append((item, case, status, v.get("reason", "").strip()))
    if batch is not None and batch.state != PaymentBatchState.settled.value:
        for case_no in sorted(set(items) - set(seen)):
            bad(None, "case_no", f"批次 {batch.batch_no} 中的案件 {case_no} 在结果文件中没有结果")
    return _Checked(batch, problems, results)


def import_payment_result(store: Store, actor: StaffUser, path: Path | str) -> ImportSummary:
    """Settle a batch from the bank's result file, or refuse the file whole (nothing changed)."""
    require(actor, Action.case_pay)
    path = Path(path)
    content, rows = _read(path)
    log = disbursement_log.ensure_folder(store.data_dir)
    with placed_with_transaction() as files, store.session() as session:
        checked = _check(session, rows)
        if checked.problems:
            raise PaymentResultRefused(path.name, checked.problems)
        batch = checked.batch
        assert batch is not None
        at = store.clock.now()
        paid = failed = paid_yuan = failed_yuan = 0
        failures = []
        for item, case, status, reason in checked.results:
            details = {"payment_batch": batch.batch_no, "amount_yuan": item.amount_yuan}
            item.resolved_at = at
            if status == ItemStatus.paid.value:
                item.status = ItemStatus.paid.value
                apply_transition(session, case, actor, State.paid, at=at, details=details)
                paid, paid_yuan = paid + 1, paid_yuan + item.amount_yuan
            else:
                reason = reason or NO_REASON
                item.status, item.live, item.reason = ItemStatus.failed.value, False, reason
                apply_transition(session, case, actor, State.payment_failed, note=f"银行退回：{reason}", at=at,
                                 details=details)
                failed, failed_yuan = failed + 1, failed_yuan + item.amount_yuan
                failures.append((case.case_no, reason))
        files.append(disbursement_log.encode(
            disbursement_log.settled_line(batch_no=batch.batch_no, case_id=item.case_id, status=item.status, at=at)
            for item, _case, _status, _reason in checked.results), log)
        batch.state = PaymentBatchState.settled.value
        batch.result_sha256 = hashlib.sha256(content).hexdigest()
        batch.settled_by, batch.settled_at = actor.username, at
        session.flush()
        body = {"batch_no": batch.batch_no, "paid": paid, "failed": failed, "paid_yuan": paid_yuan,
                "failed_yuan": failed_yuan, "result_file": path.name, "result_sha256": batch.result_sha256}
        audit.record(session, actor=actor.username, action="payment.result", entity="payment_batch",
                     entity_id=batch.id, before={"state": PaymentBatchState.exported.value},
                     after={"state": batch.state, **body}, at=at)
        return ImportSummary(batch.batch_no, paid, failed, paid_yuan, failed_yuan, tuple(failures))


# --- correcting and requeueing -------------------------------------------------------


def _note(note: str) -> str:
    if not isinstance(note, str) or not note.strip():
        raise InvalidInput.about("note", "payment.fix_needs_reason")
    return note.strip()


def correct_account(store: Store, actor: StaffUser, case_id: str, *, note: str, account: str | None = None,
                    bank_name: str | None = None, holder_name: str | None = None,
                    kind: str | None = None) -> payee_changes.PayeeProposal:
    """Propose a new payee for an approved or failed case not in a live item: a second person
    confirms it (``payee_changes.confirm_payee_change``) before it applies or is exported."""
    require(actor, Action.case_requeue_payment)
    note = _note(note)
    with store.session() as session:
        row = load_case_row(session, case_id)
        changes = payee_changes.account_changes(row, account=account, bank_name=bank_name, holder_name=holder_name,
                                                kind=kind)
        return payee_changes.propose(session, row, actor, changes, note, store.clock.now())


def requeue_payment(store: Store, actor: StaffUser, case_id: str, *, note: str, account: str | None = None,
                    bank_name: str | None = None, holder_name: str | None = None,
                    kind: str | None = None) -> CaseRecord:
    """A failed payment back to approved, for a later batch; a new account given with it is proposed
    for a second person's confirmation, and the case waits for it before it is exported."""
    require(actor, Action.case_requeue_payment)
    note = _note(note)
    with store.session() as session:
        row = load_case_row(session, case_id)
        if State(row.state) is not State.payment_failed:
            raise Conflict.of("payment.requeue_only_failed", case_no=row.case_no, state=State(row.state))
        at = store.clock.now()
        changes = payee_changes.account_changes(row, account=account, bank_name=bank_name, holder_name=holder_name,
                                                kind=kind)
        if changes:
            payee_changes.propose(session, row, actor, changes, note, at)
        return apply_transition(session, row, actor, State.approved, note=note, at=at,
                                details={"requeued": True, "payee_change_proposed": bool(changes)})


__all__ = [
    "COLUMN_LABELS",
    "DISBURSEMENT_COLUMNS",
    "RESULT_COLUMNS",
    "RESULT_REQUIRED",
    "Batch",
    "ImportSummary",
    "Item",
    "ItemStatus",
    "PaymentBatchState",
    "PaymentResultRefused",
    "Refused",
    "ResultProblem",
    "correct_account",
    "export_payments",
    "get_payment_batch",
    "import_payment_result",
    "list_payment_batches",
    "payable_cases",
    "payments_of",
    "requeue_payment",
]
