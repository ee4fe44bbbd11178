"""Supervisors' reports from the command line.

``report monthly --month YYYY-MM --out FILE.pdf|.csv|.xlsx [--user NAME]``: the 展翅行动
monthly report; the file's ending chooses the format.

``report quarterly --quarter YYYY-Qn --out FILE.pdf|.csv|.xlsx [--user NAME]`` (issue 17.9): the quarter's
claims and payments for the national real-name system — the records (CSV, XLSX: names and full identity
numbers, owner-only) or the signed summary (PDF).

``print daily-summary [--date YYYY-MM-DD] --out FILE.pdf [--user NAME]`` (CONTRACTS.md)
is defined here too and registered beside the case documents by ``print_commands``.
The date defaults to today in the office's time zone, whatever zone the computer is in.

Both are audited like every print (``document.daily_summary`` / ``document.monthly_report``
on entity ``office``).  ``--user`` names who prints; it must be an active account that may
read reports (科长, 审计员).  Left out — a supervisor's scheduled job — the print is
recorded as ``system`` and the 制表人 line is left blank to sign by hand.  Like the other
commands' ``--user``, this trusts whoever can open the data folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import EXIT_OK, CliParser, named_staff, open_existing_store, print_json, refused_as
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.files import output_path
from desktop.models.store import Store

if TYPE_CHECKING:
    from desktop.documents.daily_summary import IssuedReport
    from desktop.models.staff import StaffUser


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="报表：展翅行动月报表、实名制季度报表（PDF、CSV、XLSX）")
    kinds = p.add_subparsers(dest="report_command", metavar="REPORT", required=True, parser_class=CliParser)
    m = kinds.add_parser("monthly", help="展翅行动月报表：按等级、职业、地区统计申请和发放")
    m.add_argument("--month", required=True, type=month_argument, metavar="YYYY-MM", help="统计月份，例如 2026-11")
    m.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv|FILE.xlsx",
                   help="保存位置，扩展名决定格式（已有文件将被替换）")
    m.add_argument("--user", help="制表人账号（科长或审计员；默认不署名，记为 system）")
    m.set_defaults(func=cmd_report_monthly)
    q = kinds.add_parser("quarterly", help="实名制季度报表：本季度申领和发放的实名明细（CSV、XLSX）或汇总表（PDF）")
    q.add_argument("--quarter", required=True, type=quarter_argument, metavar="YYYY-Qn",
                   help="统计季度，例如 2026-Q3")
    q.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv|FILE.xlsx",
                   help="保存位置，扩展名决定格式（CSV、XLSX 为含完整身份号码的实名明细）")
    q.add_argument("--user", help="制表人账号（科长或审计员；默认不署名，记为 system）")
    q.set_defaults(func=cmd_report_quarterly)


def register_daily_summary(kinds: Any) -> None:
    """``print daily-summary``: called by ``print_commands.register``."""
    k = kinds.add_parser("daily-summary", help="打印业务日报（供科长签字）")
    k.add_argument("--date", type=date_argument, metavar="YYYY-MM-DD",
                   help="统计日期（默认：机构所在时区的今天）")
    k.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF 保存位置（已有文件将被替换）")
    k.add_argument("--user", help="制表人账号（科长或审计员；默认不署名，记为 system）")
    k.set_defaults(func=cmd_print_daily_summary)


def date_argument(text: str) -> dt.date:
    try:
        if len(text.strip()) != 10:
            raise ValueError
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD（例如 2026-11-27），收到 {text!r}") from None


def month_argument(text: str) -> tuple[int, int]:
    from desktop.models.reports import parse_month

    try:
        return parse_month(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def quarter_argument(text: str) -> tuple[int, int]:
    from desktop.models.reports import parse_quarter

    try:
        return parse_quarter(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def _user(store: Store, username: str | None) -> StaffUser | None:
    return named_staff(store, username) if username else None


def _as_cli_error(exc: Exception, user: StaffUser | None) -> Exception:
    if isinstance(exc, PermissionDenied) and user is not None:
        return refused_as(user, exc)
    return exc


@contextmanager
def _report_store(args: argparse.Namespace) -> Iterator[tuple[Store, Path]]:
    """What every report command starts with: the file to write (checked before the data folder opens)
    and the store, closed after."""
    out = output_path(args.out)
    store = open_existing_store(args)
    try:
        yield store, out
    finally:
        store.close()


def _issued_by(store: Store, username: str | None,
               issue: Callable[[StaffUser | None], IssuedReport]) -> IssuedReport:
    """``issue`` for the account ``--user`` names (None: the system), the core's refusals said in terms of
    the command's options."""
    user = _user(store, username)
    try:
        return issue(user)
    except (PermissionDenied, InvalidInput) as exc:
        raise _as_cli_error(exc, user) from None


def _print_issued(issued: IssuedReport, period: str, *, with_format: bool = True) -> int:
    """The command's one line of JSON: the report's kind, its period under the option's name, where it went."""
    answer: dict[str, str] = {"kind": issued.kind, period: issued.period}
    if with_format:
        answer["format"] = issued.format
    print_json({**answer, "out": str(issued.path), "sha256": issued.sha256}, indent=None)
    return EXIT_OK


def cmd_print_daily_summary(args: argparse.Namespace) -> int:
    from desktop.documents.daily_summary import issue_daily_summary
    from desktop.models.rules import Verifier

    with _report_store(args) as (store, out):
        today = store.clock.today()
        day = args.date or today
        if day > today:
            raise InvalidInput.about("--date", "report.not_yet", period=day, today=today)
        issued = _issued_by(store, args.user, lambda user: issue_daily_summary(
            store, user, day, out, verifier=Verifier.load(store.data_dir)))
    return _print_issued(issued, "date", with_format=False)


def cmd_report_monthly(args: argparse.Namespace) -> int:
    from desktop.documents.monthly_report import issue_monthly_report

    year, month = args.month
    with _report_store(args) as (store, out):
        today = store.clock.today()
        if (year, month) > (today.year, today.month):
            raise InvalidInput.about("--month", "report.not_yet", period=f"{year:04d}-{month:02d}", today=today)
        issued = _issued_by(store, args.user, lambda user: issue_monthly_report(store, user, year, month, out))
    return _print_issued(issued, "month")


def cmd_report_quarterly(args: argparse.Namespace) -> int:
    from desktop.documents.quarterly_report import issue_quarterly_report
    from desktop.models.reports import quarter_bounds

    year, quarter = args.quarter
    with _report_store(args) as (store, out):
        today = store.clock.today()
        if quarter_bounds(year, quarter)[0] > today:
            raise InvalidInput.about("--quarter", "report.not_begun", period=f"{year:04d}-Q{quarter}", today=today)
        issued = _issued_by(store, args.user, lambda user: issue_quarterly_report(store, user, year, quarter, out))
    return _print_issued(issued, "quarter")
