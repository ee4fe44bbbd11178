"""Each case's money as its audit trail says it is (issue 14.4).

The hash chain proves the trail was not changed; it says nothing of the cases table beside it.
Every change of a case is audited with the values it set (``case.create`` the whole record, a
correction or a review the changed columns), so replaying a case's entries in order gives the
amount and the payee the services wrote.  A case whose row says otherwise — an amount or an
account edited in the database file — is named.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import audit
from desktop.models.audit import AuditReport
from desktop.models.schema import AuditLog, Case

MONEY_FIELDS = ("amount_yuan", "payment_kind", "payment_account", "bank_name", "holder_name")
_LABELS = {"amount_yuan": "补贴金额", "payment_kind": "发放方式", "payment_account": "收款账号",
           "bank_name": "开户银行", "holder_name": "户名"}


@dataclass(frozen=True)
class MoneyMismatch:
    case_no: str
    field: str
    recorded: Any  # what the audit trail says
    found: Any  # what the cases table holds

    def describe(self) -> str:
        return f"案件 {self.case_no} 的{_LABELS[self.field]}与审计记录不符（数据库中的值未经任何记录在案的操作）"


def _replayed(session: Session) -> Iterator[tuple[str, dict[str, Any]]]:
    """(case id, money fields as the trail last set them), case by case in id order (the audit
    index's order: one case in memory at a time, whatever the size of the trail)."""
    query = (select(AuditLog.entity_id, AuditLog.after_json).where(AuditLog.entity == "case")
             .order_by(AuditLog.entity, AuditLog.entity_id, AuditLog.seq).execution_options(yield_per=5000))
    current: str | None = None
    fields: dict[str, Any] = {}
    for case_id, after_json in session.execute(query):
        if case_id != current:
            if current is not None:
                yield current, fields
            current, fields = case_id, {}
        after = json.loads(after_json) if after_json else None
        if isinstance(after, dict):
            fields.update({key: after[key] for key in MONEY_FIELDS if key in after})
    if current is not None:
        yield current, fields


def money_mismatches(session: Session, limit: int = 20) -> list[MoneyMismatch]:
    """Cases whose money fields differ from the replay of their audited changes (at most ``limit``)."""
    found: list[MoneyMismatch] = []
    columns = [getattr(Case, name) for name in MONEY_FIELDS]
    rows = session.execute(select(Case.id, Case.case_no, *columns).order_by(Case.id)
                           .execution_options(yield_per=5000))
    replay = _replayed(session)
    recorded = next(replay, None)
    for case_id, case_no, *values in rows:
        while recorded is not None and recorded[0] < case_id:
            recorded = next(replay, None)
        trail = recorded[1] if recorded is not None and recorded[0] == case_id else {}
        for name, value in zip(MONEY_FIELDS, values, strict=True):
            if trail.get(name, None) != value:
                found.append(MoneyMismatch(case_no, name, trail.get(name), value))
                break
        if len(found) >= limit:
            break
    return found


def verify_trail_and_money(session: Session) -> AuditReport:
    """``audit.verify`` (the chain holds), then the cases' money against it: the check an auditor runs."""
    report = audit.verify(session)
    if not report.ok:
        return report
    mismatches = money_mismatches(session, limit=1)
    if mismatches:
        return AuditReport(ok=False, checked=report.checked, first_bad_seq=None, reason=mismatches[0].describe())
    return AuditReport(ok=True, checked=report.checked, first_bad_seq=None,
                       reason=f"{report.reason}，各案件金额和收款账户与记录一致")
