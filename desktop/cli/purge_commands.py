"""Erasure after the retention period (issue 20.6): ``purge`` and ``retention``.

``purge --user NAME [--before YYYY-MM-DD | --older-than-years N] [--yes]``: the personal data of
cases closed (paid, rejected, withdrawn) before the date is purged (``models.purge``); by default
the date is today less the office's retention period, and it can never be later than that.
Without ``--yes`` nothing changes: the JSON says how many cases would be purged.  NAME must be a
科长 (supervisor) or 管理员 (admin).  Prints one JSON object; exit 1 when the audit trail does not
verify (nothing is purged then).

``retention [--set N --user NAME]``: the retention period in years after closing (default 5, with
its reason); setting it is an administrator's, audited.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_FAILED, EXIT_OK, fail, named_staff, open_existing_store, print_json
from desktop.cli.report_commands import date_argument
from desktop.models.errors import Conflict, InvalidInput


def register(sub: Any) -> None:
    p = sub.add_parser("purge", help="清除保存期满的已结案件（已发放、驳回、撤回）的个人信息（默认只统计）")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--before", type=date_argument, metavar="YYYY-MM-DD",
                      help="清除在此日期之前结案的案件（不得晚于保存期限允许的日期）")
    when.add_argument("--older-than-years", type=int, metavar="N",
                      help="清除结案满 N 年的案件（N 不得小于设定的保存年限）")
    p.add_argument("--yes", action="store_true", help="确认执行（不加此项只列出将清除的案件数，不做任何改动）")
    p.add_argument("--user", required=True, help="执行人账号（科长或管理员），记入审计记录")
    p.set_defaults(func=cmd_purge)

    r = sub.add_parser("retention", help="查看或设定案件个人信息的保存年限（结案后）")
    r.add_argument("--set", type=int, metavar="N", dest="years", help="设定为结案后 N 年（管理员）")
    r.add_argument("--user", help="设定人账号（管理员）")
    r.set_defaults(func=cmd_retention)


def cmd_purge(args: argparse.Namespace) -> int:
    from desktop.models.purge import cutoff_for, purge_closed_cases, retention
    from desktop.sync.credentials import load_device

    store = open_existing_store(args)
    try:
        user = named_staff(store, args.user)
        cutoff = args.before
        if args.older_than_years is not None:
            years = args.older_than_years
            if years < retention(store).years:
                raise InvalidInput.about("--older-than-years", "purge.below_retention", years=retention(store).years)
            cutoff = cutoff_for(store, years)
        registered = load_device(store.data_dir) is not None
        try:
            result = purge_closed_cases(store, user, cutoff=cutoff, dry_run=not args.yes, hold_unsynced=registered)
        except Conflict as exc:
            return fail(str(exc), EXIT_FAILED)
    finally:
        store.close()
    print_json(result.to_json())
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from desktop.models.purge import retention, set_retention

    store = open_existing_store(args)
    try:
        if args.years is None:
            current = retention(store)
        else:
            if not args.user:
                raise InvalidInput.about("--user", "purge.retention_needs_admin")
            current = set_retention(store, named_staff(store, args.user), args.years)
    finally:
        store.close()
    print_json(current.to_json())
    return EXIT_OK
