"""payment export|import: the disbursement file to the bank and the bank's result back.

``payment export --out FILE.csv|FILE.xlsx`` writes every approved, unpaid case
as a numbered batch and prints the batch id (the batch number, as in the
file's ``batch_id`` column) alone on stdout, so a script can keep it; cases
left out (account not held by the applicant) are listed on stderr.
``payment import FILE`` settles the batch and prints a JSON summary; a file
with any bad row is refused whole — exit 2, one line on stderr naming the
rows — and changes nothing.

``--user`` names who does it.  Left out, it is the one active 审批员
(approver) account, or failing that the one active 科长 (supervisor) account —
the roles that may handle payments; with several, ``--user`` must choose.
Like ``intake --user``, this trusts whoever can open the data folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    CliParser,
    UsageError,
    named_staff,
    open_existing_store,
    print_json,
    user_refused,
)
from desktop.models.store import Store

DEFAULT_ROLES = ("approver", "supervisor")  # in this order, the roles whose one account is the default


def register(sub: Any) -> None:
    p = sub.add_parser("payment", help="补贴发放：导出发放文件、导入银行发放结果")
    commands = p.add_subparsers(dest="payment_command", metavar="export|import", required=True,
                                parser_class=CliParser)
    e = commands.add_parser("export", help="把已批准、未发放的案件导出为发放文件（CSV 或 XLSX），输出批次号")
    e.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx", help="发放文件保存位置（不覆盖已有文件）")
    e.add_argument("--user", help="经办人账号（默认：唯一的审批员账号）")
    e.set_defaults(func=cmd_export)
    i = commands.add_parser("import", help="导入银行返回的发放结果文件（逐行 paid / failed）")
    i.add_argument("file", metavar="FILE", help="CSV（UTF-8）或 XLSX 文件，首行为表头")
    i.add_argument("--user", help="经办人账号（默认：唯一的审批员账号）")
    i.set_defaults(func=cmd_import)


def _user(store: Store, explicit: str | None) -> Any:
    from desktop.models.staff import Action, can, list_staff

    if explicit:
        user = named_staff(store, explicit)
        if not can(user, Action.case_pay):
            raise user_refused(user, "permission.cannot_pay")
        return user
    accounts = list_staff(store)
    for role in DEFAULT_ROLES:
        found = [u for u in accounts if u.role.value == role]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = "、".join(u.username for u in found)
            raise UsageError("--user", f"有多名可办理发放的人员（{names}），请用 --user 指定")
    raise UsageError("--user", "没有可办理发放的人员账号（审批员或科长），请用 --user 指定")


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.models.payments import export_payments

    out = Path(args.out)
    store = open_existing_store(args, missing="store.no_cases")
    try:
        user = _user(store, args.user)
        batch = export_payments(store, user, out)
    finally:
        store.close()
    if batch.refused:
        listed = "；".join(f"{r.case_no}：{r.reason}" for r in batch.refused)
        sys.stderr.write(f"{len(batch.refused)}件未导出（不符合发放条件，已提示风险）：{listed}\n".replace("\n", " ")
                         .rstrip() + "\n")
    sys.stdout.write(batch.batch_no + "\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.models.payments import import_payment_result

    store = open_existing_store(args, missing="store.no_cases")
    try:
        user = _user(store, args.user)
        summary = import_payment_result(store, user, Path(args.file))
    finally:
        store.close()
    print_json(summary.to_json())
    return EXIT_OK
