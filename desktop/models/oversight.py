"""Audit and supervisor views (read-only): the operation log, a case's trail, the dashboard.

- ``operation_log`` (``audit.view``: 科长, 审计员): audit entries filtered by staff,
  office-date range and case (a case's entries include its risk flags, publicity
  and payment steps and its prints), newest last; ``export_log`` writes them to
  CSV with identity numbers, accounts and phone numbers masked, and records the
  export itself in the trail (who took what out of the system).
- ``case_trail`` (``audit.view``): who accepted, reviewed, published, approved and
  paid a case, when, under which policy; whether the audit chain verifies; and
  whether the case as stored is what its audit entries say it should be (a case
  row edited behind the software's back shows as a mismatch, field by field).
- ``dashboard`` (``report.view``: 科长, 审计员): today's and this month's figures —
  counts and amounts by state (cases whose last change falls in the period), by
  level and by clerk (cases accepted in the period) — overdue reviews, changes not
  yet synced, and open risk flags by kind.

Dates are office dates (the store's clock zone); the audit stores UTC instants as
fixed-width text, so a date range is a text range on an indexed-free but ordered column.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import audit, outbox, risk
from desktop.models.cases import CaseRecord, State, load_case_row, record_of
from desktop.models.errors import InvalidInput
from desktop.models.files import private_output
from desktop.models.masking import mask_account, mask_id, mask_phone
from desktop.models.review import overdue_reviews
from desktop.models.rules import Verifier
from desktop.models.schema import AuditLog, Case, RiskFlag, Staff, utc_text
from desktop.models.spreadsheet_cells import safe_row
from desktop.models.staff import Action, StaffUser, require
from desktop.models.store import Store

LOG_COLUMNS = ("seq", "at", "actor", "actor_name", "action", "action_label", "entity", "entity_id", "case_no",
               "before", "after", "hash")

ACTION_LABELS = {
    **{action.value: action.label for action in Action},
    "case.materials": "登记补正材料",
    "risk.flag": "风险提示",
    "risk.clear": "解除风险提示",
    "review.amount": "审核核定金额",
    "publicity.add": "列入公示批次",
    "publicity.publish": "发布公示",
    "publicity.close": "公示期满",
    "payment.export": "导出发放文件",
    "payment.result": "导入发放结果",
    "payment.correct_account": "更正收款账户",
    "payment.propose_account": "提出收款账户变更",
    "payment.confirm_account": "确认收款账户变更",
    "payment.decline_account": "不采纳收款账户变更",
    "integrity.record": "记录诚信档案",
    "integrity.revoke": "撤销诚信档案",
    "audit.export": "导出操作日志",
    "document.receipt": "打印受理回执",
    "document.notice": "打印一次性告知书",
    "document.decision": "打印审核决定书",
    "document.payment_notice": "打印发放失败补正通知书",
    "document.withdrawal": "打印申请撤回确认书",
    "document.publicity": "打印公示名单",
    "document.daily_summary": "打印业务日报",
    "document.monthly_report": "导出月度报表",
    "document.quarterly_report": "导出实名制季度报表",
    "document.reconciliation": "打印外出受理对账单",
    "document.printed": "文书已送打印机",
    "document.previewed": "文书仅预览，未送打印机",
    "outreach.export": "导出应享未享人员名单",
    "outbox.requeue": "重新发送被中心系统拒收的变更",
    "key.export": "导出数据库密钥",
    "key.import": "导入数据库密钥",
    "settings.office_profile": "设定办事处信息",
    "staff.create": "新建账户",
    "staff.signin": "登录",
    "staff.signin_failed": "登录失败",
    "staff.signin_refused": "拒绝登录",
    "staff.locked": "账户锁定",
    "staff.change_password": "修改密码",
    "staff.activate": "启用账户",
    "staff.deactivate": "停用账户",
    "staff.change_role": "更改角色",
    "field.start": "开始外出受理",
    "field.end": "结束外出受理",
    "settings.retention": "设定个人信息保存年限",
}

# Keys whose values are masked wherever the log leaves the system.
_MASKS = {
    "id_number": mask_id,
    "payment_account": mask_account,
    "account": mask_account,
    "phone": mask_phone,
    "contact": mask_phone,
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _safe(mask: Any, value: str) -> str:
    try:
        masked = mask(value)
    except Exception:  # a value of an unexpected shape: hide it all rather than leak it
        masked = "*" * len(value)
    return masked if masked != value or not value else "*" * len(value)


def mask_values(value: Any) -> Any:
    """A JSON value with every identity number, account and phone number masked."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            mask = _MASKS.get(key)
            if mask is not None and isinstance(item, str) and item and "*" not in item:
                out[key] = _safe(mask, item)
            elif key == "subject_id" and isinstance(item, str) and value.get("subject_kind") == "person":
                out[key] = _safe(mask_id, item)
            else:
                out[key] = mask_values(item)
        return out
    if isinstance(value, list):
        return [mask_values(item) for item in value]
    return value


# --- the operation log -----------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: dt.datetime  # aware, UTC
    actor: str
    actor_name: str
    action: str
    entity: str
    entity_id: str
    case_no: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    hash: str

    @property
    def action_label(self) -> str:
        return action_label(self.action)


def _instants(store: Store, since: dt.date | None, until: dt.date | None
              ) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The office-date range [since, until] as UTC instants [low, high)."""
    tz = store.clock.tz

    def start_of(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=tz).astimezone(dt.UTC)

    return (start_of(since) if since else None, start_of(until + dt.timedelta(days=1)) if until else None)


def _bounds(store: Store, since: dt.date | None, until: dt.date | None) -> tuple[str | None, str | None]:
    """The same range as the audit log's stored text (fixed-width UTC ISO sorts as time)."""
    low, high = _instants(store, since, until)
    return (utc_text(low) if low else None, utc_text(high) if high else None)


def _check_dates(since: dt.date | None, until: dt.date | None) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise InvalidInput.about(name, "date.expected")
    if since and until and until < since:
        raise InvalidInput.about("until", "policy.ends_before_start")


def _log(session: Session, store: Store, *, staff: str | None, since: dt.date | None, until: dt.date | None,
         case: str | None, limit: int | None) -> list[LogEntry]:
    query = select(AuditLog).order_by(AuditLog.seq)
    if staff:
        query = query.where(AuditLog.actor == staff.strip())
    low, high = _bounds(store, since, until)
    if low:
        query = query.where(AuditLog.at >= low)
    if high:
        query = query.where(AuditLog.at < high)
    if case:
        row = load_case_row(session, case)
        query = query.where(AuditLog.entity == "case", AuditLog.entity_id == row.id)
    if limit is not None:
        query = query.order_by(None).order_by(AuditLog.seq.desc()).limit(limit)
    rows = list(session.scalars(query))
    if limit is not None:
        rows.reverse()
    case_ids = {r.entity_id for r in rows if r.entity == "case"}
    case_nos: dict[str, str] = {}
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        numbers = select(Case.id, Case.case_no).where(Case.id.in_(ids[start:start + 500]))
        case_nos.update({case_id: case_no for case_id, case_no in session.execute(numbers)})
    names = _names(session)
    return [
        LogEntry(r.seq, dt.datetime.fromisoformat(r.at), r.actor, names.get(r.actor, r.actor), r.action, r.entity,
                 r.entity_id, case_nos.get(r.entity_id) if r.entity == "case" else None,
                 json.loads(r.before_json) if r.before_json else None,
                 json.loads(r.after_json) if r.after_json else None, r.hash)
        for r in rows
    ]


def _names(session: Session) -> dict[str, str]:
    return {username: name for username, name in session.execute(select(Staff.username, Staff.display_name))}


def operation_log(store: Store, actor: StaffUser, *, staff: str | None = None, since: dt.date | None = None,
                  until: dt.date | None = None, case: str | None = None, limit: int | None = None) -> list[LogEntry]:
    """Audit entries, oldest first; ``since``/``until`` are office dates (inclusive); ``case`` an id or
    case number; ``limit`` keeps the newest entries."""
    require(actor, Action.audit_view)
    _check_dates(since, until)
    with store.session(readonly=True) as session:
        return _log(session, store, staff=staff, since=since, until=until, case=case, limit=limit)


def export_log(store: Store, actor: StaffUser, out: Path | str, *, staff: str | None = None,
               since: dt.date | None = None, until: dt.date | None = None, case: str | None = None) -> int:
    """Write the filtered log to CSV (UTF-8 with BOM), personal identifiers masked; returns the row count.
    The export is itself recorded in the audit trail."""
    require(actor, Action.audit_view)
    _check_dates(since, until)
    path = Path(out).expanduser()
    if path.is_dir() or not path.parent.is_dir():
        raise InvalidInput.about("out", "file.no_such_folder", path=path)
    tz = store.clock.tz
    with store.session() as session:
        entries = _log(session, store, staff=staff, since=since, until=until, case=case, limit=None)
        with private_output(path, "w", encoding="utf-8-sig", newline="") as handle:  # owner-only, atomic
            writer = csv.writer(handle)
            writer.writerow(LOG_COLUMNS)
            for e in entries:
                # Staff names, case fields and notes are typed text: never formulas in the auditor's sheet.
                writer.writerow(safe_row([
                    e.seq, e.at.astimezone(tz).isoformat(timespec="seconds"), e.actor, e.actor_name, e.action,
                    e.action_label, e.entity, e.entity_id, e.case_no or "",
                    json.dumps(mask_values(e.before), ensure_ascii=False) if e.before is not None else "",
                    json.dumps(mask_values(e.after), ensure_ascii=False) if e.after is not None else "",
                    e.hash,
                ]))
            filters = {"staff": staff, "since": since, "until": until, "case": case}
            audit.record(session, actor=actor.username, action="audit.export", entity="audit", entity_id=path.name,
                         before=None, after={"rows": len(entries), "file": path.name,
                                             "filters": {k: v for k, v in filters.items() if v}},
                         at=store.clock.now())
    return len(entries)


# --- a case's trail ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrailStep:
    step: str  # accepted | reviewed | published | publicity_closed | approved | exported | paid | ...
    label: str
    actor: str
    actor_name: str
    at: dt.datetime
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseTrail:
    case: CaseRecord
    policy: str  # the policy (and regional overlays) the case was decided under
    policy_note: str  # carried-over policy, said plainly
    steps: tuple[TrailStep, ...]
    entries: tuple[LogEntry, ...]
    chain_ok: bool
    chain_report: str
    mismatches: tuple[str, ...]  # case fields that differ from what the audit trail says

    @property
    def intact(self) -> bool:
        return self.chain_ok and not self.mismatches

    def step(self, name: str) -> TrailStep | None:
        found = [s for s in self.steps if s.step == name]
        return found[-1] if found else None


_STEP_LABELS = {
    "created": "建档", "accepted": "受理", "review_started": "开始审核", "reviewed": "审核通过",
    "rejected": "驳回", "published": "发布公示", "objection": "公示异议", "publicity_closed": "公示期满",
    "approved": "审批", "exported": "导出发放", "paid": "发放到账", "payment_failed": "发放失败",
    "requeued": "重新发放", "withdrawn": "撤回",
}


def _step_of(entry: LogEntry) -> str | None:
    after = entry.after or {}
    state = after.get("state")
    if entry.action == Action.case_create.value:
        return "created"
    if entry.action == Action.case_accept.value:
        return "accepted"
    if entry.action == Action.case_start_review.value:
        return "review_started"
    if entry.action == Action.case_publicize.value:
        return "reviewed"
    if entry.action == Action.case_reject.value:
        return "rejected"
    if entry.action == "publicity.publish":
        return "published"
    if entry.action == Action.case_object.value:
        return "objection"
    if entry.action == "publicity.close":
        return "publicity_closed"
    if entry.action == Action.case_approve.value:
        return "approved"
    if entry.action == "payment.export":
        return "exported"
    if entry.action == Action.case_pay.value:
        return "paid" if state == State.paid.value else "payment_failed"
    if entry.action == Action.case_requeue_payment.value:
        return "requeued"
    if entry.action == Action.case_withdraw.value:
        return "withdrawn"
    return None


# Entries on a case that record something about it (a print, a flag, a batch) without changing it.
_NOT_CASE_CHANGES = ("document.", "risk.", "publicity.", "payment.export")
_NOT_REPLAYED = frozenset({"updated_at", "state_changed_at"})  # changed with every entry, never recorded


def _mismatches(case: CaseRecord, entries: Iterable[LogEntry]) -> list[str]:
    """Replay the case's audit entries and compare with the stored case."""
    fields = {f.name for f in dataclasses.fields(CaseRecord)}
    expected: dict[str, Any] = {}
    for entry in entries:
        if entry.action == Action.case_create.value and entry.after:
            expected = dict(entry.after)
            continue
        if entry.action.startswith(_NOT_CASE_CHANGES):
            continue
        for key, value in (entry.after or {}).items():
            if key in fields:
                expected[key] = value
    if not expected:
        return ["case.create"]  # no creation entry: the case was never recorded
    actual = case.to_dict()
    return sorted(key for key in fields - _NOT_REPLAYED
                  if key in expected and expected[key] != actual.get(key))


def case_trail(store: Store, actor: StaffUser, case_id_or_no: str) -> CaseTrail:
    """Everything an auditor needs to vouch for one case."""
    require(actor, Action.audit_view)
    with store.session(readonly=True) as session:
        row = load_case_row(session, case_id_or_no)
        case = record_of(row)
        entries = _log(session, store, staff=None, since=None, until=None, case=row.id, limit=None)
        report = audit.verify(session)
    steps = []
    for entry in entries:
        name = _step_of(entry)
        if name is None:
            continue
        details = {k: v for k, v in (entry.after or {}).items()
                   if k in ("batch_no", "starts_on", "ends_on", "workdays", "payment_batch", "amount_yuan", "note",
                            "publicity_batch")}
        steps.append(TrailStep(name, _STEP_LABELS[name], entry.actor, entry.actor_name, entry.at, details))
    note = str(case.verdict.get("policy_note") or "")
    return CaseTrail(case, case.policy_id, note, tuple(steps), tuple(entries), report.ok, report.reason,
                     tuple(_mismatches(case, entries)))


# --- the supervisor's dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    count: int = 0
    amount_yuan: int = 0


@dataclass(frozen=True)
class PeriodFigures:
    start: dt.date
    end: dt.date  # inclusive
    by_state: dict[str, Figure]  # every state, by the case's last change in the period
    by_level: dict[int, Figure]  # accepted in the period
    by_clerk: dict[str, Figure]  # accepted in the period, by the accepting clerk's username
    accepted: Figure


@dataclass(frozen=True)
class Dashboard:
    today: PeriodFigures
    month: PeriodFigures
    overdue_reviews: tuple[tuple[str, dt.date], ...]  # (case number, deadline)
    pending_sync: int
    sync_rejected: int
    open_risk_flags: dict[str, int]  # by code, every code listed
    risk_flags_raised: Figure  # raised this month (count; amount = the flagged cases' amounts)
    clerk_names: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        def figures(p: PeriodFigures) -> dict[str, Any]:
            def plain(d: dict[Any, Figure]) -> dict[str, Any]:
                return {str(k): {"count": v.count, "amount_yuan": v.amount_yuan} for k, v in d.items()}

            return {"start": p.start.isoformat(), "end": p.end.isoformat(), "by_state": plain(p.by_state),
                    "by_level": plain(p.by_level), "by_clerk": plain(p.by_clerk),
                    "accepted": {"count": p.accepted.count, "amount_yuan": p.accepted.amount_yuan}}

        return {
            "today": figures(self.today),
            "month": figures(self.month),
            "overdue_reviews": [{"case_no": c, "deadline": d.isoformat()} for c, d in self.overdue_reviews],
            "pending_sync": self.pending_sync,
            "sync_rejected": self.sync_rejected,
            "open_risk_flags": self.open_risk_flags,
            "risk_flags_raised_this_month": self.risk_flags_raised.count,
        }


def _period(session: Session, store: Store, start: dt.date, end: dt.date) -> PeriodFigures:
    low, high = _instants(store, start, end)
    assert low is not None and high is not None
    by_state = {state.value: Figure() for state in State}
    query = (select(Case.state, func.count(), func.coalesce(func.sum(Case.amount_yuan), 0))
             .where(Case.state_changed_at >= low, Case.state_changed_at < high).group_by(Case.state))
    for state, count, amount in session.execute(query):
        by_state[state] = Figure(count, int(amount))
    accepted_in = (Case.accepted_at >= low, Case.accepted_at < high)
    by_level = {}
    for level, count, amount in session.execute(
            select(Case.cert_level, func.count(), func.coalesce(func.sum(Case.amount_yuan), 0))
            .where(*accepted_in).group_by(Case.cert_level).order_by(Case.cert_level.desc())):
        by_level[int(level)] = Figure(count, int(amount))
    by_clerk = {}
    for clerk, count, amount in session.execute(
            select(Case.accepted_by, func.count(), func.coalesce(func.sum(Case.amount_yuan), 0))
            .where(*accepted_in).group_by(Case.accepted_by).order_by(Case.accepted_by)):
        by_clerk[str(clerk)] = Figure(count, int(amount))
    accepted = Figure(sum(f.count for f in by_level.values()), sum(f.amount_yuan for f in by_level.values()))
    return PeriodFigures(start, end, by_state, by_level, by_clerk, accepted)


def dashboard(store: Store, verifier: Verifier, actor: StaffUser, *, today: dt.date | None = None) -> Dashboard:
    """Today's and this month's figures for the 科长 (and the auditor)."""
    require(actor, Action.report_view)
    today = today or store.clock.today()
    month_start = today.replace(day=1)
    with store.session(readonly=True) as session:
        daily = _period(session, store, today, today)
        monthly = _period(session, store, month_start, today)
        late = overdue_reviews(session, store, verifier, today)
        pending, rejected = outbox.pending_count(session), outbox.rejected_count(session)
        flags = risk.open_counts(session)
        low, high = _instants(store, month_start, today)
        raised = session.execute(
            select(func.count(), func.coalesce(func.sum(Case.amount_yuan), 0)).select_from(RiskFlag)
            .join(Case, Case.id == RiskFlag.case_id).where(RiskFlag.raised_at >= low, RiskFlag.raised_at < high)
        ).one()
        names = _names(session)
    return Dashboard(daily, monthly, tuple(late), pending, rejected, flags, Figure(int(raised[0]), int(raised[1])),
                     names)


__all__ = [
    "ACTION_LABELS",
    "LOG_COLUMNS",
    "CaseTrail",
    "Dashboard",
    "Figure",
    "LogEntry",
    "PeriodFigures",
    "TrailStep",
    "action_label",
    "case_trail",
    "dashboard",
    "export_log",
    "mask_values",
    "operation_log",
]
