"""Document numbers (文号) of written decisions: 穗天人社技补决〔2026〕12号 (issue 17.2).

One sequence per office and year, without gaps:

- a number is taken inside the caller's write transaction — the one that prints the decision and
  records the print in the audit trail — so a print that fails (render, write, audit, commit) rolls
  the number back with it and the next print takes it; write sessions start with ``BEGIN
  IMMEDIATE``, so two prints on one data folder queue instead of taking the same number;
- the primary key (office, year, sequence) refuses a number given twice, and the unique index on
  (case, kind, decision) makes one decision one number: a reprint finds the number already given and
  prints it again, even if the prefix in the settings has changed since (the number stays as printed);
- the year is that of the first print, in the office's zone, and the decision bears that date on every
  print: numbers and dates go up together in the register.

The numbers are per data folder: an office that takes decisions on more than one computer needs a
prefix of its own on each (or numbers given by the central system), or two computers will give
the same number.  Every number also goes into the print's audit entry and outbox row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.schema import DocumentNumber

DECISION = "decision"


@dataclass(frozen=True)
class IssuedNumber:
    number: str  # as printed
    office_code: str
    year: int
    seq: int
    case_id: str
    decision_seq: int
    issued_by: str
    issued_at: dt.datetime
    new: bool = False  # given by this call (False: the decision already had it)


def format_number(prefix: str, year: int, seq: int) -> str:
    """穗天人社技补决〔2026〕12号 (the year in hexagonal brackets, as GB/T 9704 writes a 发文字号)."""
    return f"{prefix}〔{year}〕{seq}号"


def _issued(row: DocumentNumber, *, new: bool) -> IssuedNumber:
    return IssuedNumber(row.number, row.office_code, row.year, row.seq, row.case_id, row.decision_seq,
                        row.issued_by, row.issued_at, new)


def existing_number(session: Session, case_id: str, decision_seq: int, kind: str = DECISION) -> IssuedNumber | None:
    row = session.scalar(select(DocumentNumber).where(
        DocumentNumber.case_id == case_id, DocumentNumber.kind == kind, DocumentNumber.decision_seq == decision_seq))
    return _issued(row, new=False) if row is not None else None


def number_decision(session: Session, *, office_code: str, prefix: str, year: int, case_id: str,
                    decision_seq: int, actor: str, at: dt.datetime, kind: str = DECISION) -> IssuedNumber:
    """The decision's number: the one it already has, or the next of the office's year (flushed, so
    it rolls back with the caller's transaction)."""
    found = existing_number(session, case_id, decision_seq, kind)
    if found is not None:
        return found
    last = session.scalar(select(func.max(DocumentNumber.seq)).where(
        DocumentNumber.office_code == office_code, DocumentNumber.year == year))
    seq = (last or 0) + 1
    row = DocumentNumber(office_code=office_code, year=year, seq=seq, number=format_number(prefix, year, seq),
                         kind=kind, case_id=case_id, decision_seq=decision_seq, issued_by=actor, issued_at=at)
    session.add(row)
    session.flush()
    return _issued(row, new=True)


def numbers_of_year(session: Session, office_code: str, year: int) -> list[IssuedNumber]:
    """The office's register of the year (发文登记), in order."""
    rows = session.scalars(select(DocumentNumber).where(
        DocumentNumber.office_code == office_code, DocumentNumber.year == year).order_by(DocumentNumber.seq))
    return [_issued(row, new=False) for row in rows]


def gaps(session: Session, office_code: str, year: int) -> list[int]:
    """Sequence numbers missing from the year's register (none, unless the database was edited)."""
    seqs = [n.seq for n in numbers_of_year(session, office_code, year)]
    return sorted(set(range(1, (max(seqs) if seqs else 0) + 1)) - set(seqs))


__all__ = ["DECISION", "IssuedNumber", "existing_number", "format_number", "gaps", "number_decision",
           "numbers_of_year"]
