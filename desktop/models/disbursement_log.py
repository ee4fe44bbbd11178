"""What was sent to the bank, kept outside the database so a restored backup cannot forget it.

A backup taken before a payment export does not know that export: restored, its cases are
approved and unpaid again and the next export would send them a second time.  So every export and
every bank result is also appended here, to ``payments/disbursements.jsonl`` in the data folder,
one JSON object a line, flushed to the disk before the database commits (a crash between the two
leaves the case blocked, never payable twice).  A case sent in a batch the bank has not answered
as failed is *outstanding*: it is never exported again, whatever the database says.

The file is append-only and owner-only; ``restore`` never touches it.  Lines:
``{"event": "exported", "batch_no", "case_id", "case_no", "amount_yuan", "at"}`` and
``{"event": "settled", "batch_no", "case_id", "status": "paid" | "failed", "at"}``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.models.files import create_private, private_dir

LOG_FILE = Path("payments") / "disbursements.jsonl"


@dataclass(frozen=True)
class Sent:
    """A case in a batch sent to the bank and not answered as failed."""

    case_id: str
    case_no: str
    batch_no: str
    amount_yuan: int
    at: str  # when it was exported (UTC ISO)
    paid: bool


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FILE


def read_log(data_dir: Path) -> list[dict[str, Any]]:
    """Every line written; a last line torn by a crash mid-append is left out (it was never whole)."""
    path = log_path(data_dir)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for number, line in enumerate(lines, 1):
        try:
            entries.append(json.loads(line))
        except ValueError:
            if number == len(lines):
                break
            raise
    return entries


def outstanding(data_dir: Path) -> dict[str, Sent]:
    """Cases (by id) that a batch sent and the bank did not answer as failed: never to be sent again."""
    return outstanding_in(read_log(data_dir))


def outstanding_in(entries: Iterable[dict[str, Any]]) -> dict[str, Sent]:
    """``outstanding`` of log entries already read."""
    exported: dict[tuple[str, str], dict[str, Any]] = {}
    failed: set[tuple[str, str]] = set()
    paid: set[tuple[str, str]] = set()
    for entry in entries:
        key = (entry["case_id"], entry["batch_no"])
        if entry["event"] == "exported":
            exported[key] = entry
        elif entry["event"] == "settled":
            (failed if entry["status"] == "failed" else paid).add(key)
    return {case_id: Sent(case_id, e["case_no"], batch_no, int(e["amount_yuan"]), e["at"], (case_id, batch_no) in paid)
            for (case_id, batch_no), e in exported.items() if (case_id, batch_no) not in failed}


def batch_numbers(entries: Iterable[dict[str, Any]]) -> set[str]:
    """Every batch number the log entries name (a restored database may not know some)."""
    return {entry["batch_no"] for entry in entries}


def exported_line(*, batch_no: str, case_id: str, case_no: str, amount_yuan: int, at: dt.datetime) -> dict[str, Any]:
    return {"event": "exported", "batch_no": batch_no, "case_id": case_id, "case_no": case_no,
            "amount_yuan": amount_yuan, "at": at.astimezone(dt.UTC).isoformat()}


def settled_line(*, batch_no: str, case_id: str, status: str, at: dt.datetime) -> dict[str, Any]:
    return {"event": "settled", "batch_no": batch_no, "case_id": case_id, "status": status,
            "at": at.astimezone(dt.UTC).isoformat()}


def encode(lines: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines).encode("utf-8")


def ensure_folder(data_dir: Path) -> Path:
    """The log's path, its folder made owner-only if new."""
    path = log_path(data_dir)
    private_dir(path.parent)
    if not path.exists():
        create_private(path)
    return path
