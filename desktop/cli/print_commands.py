"""print receipt|notice|decision|payment-notice|withdrawal CASE_NO --out FILE.pdf: a case's documents as PDF.

``payment-notice`` (发放失败补正通知书, a case whose payment the bank returned) and ``withdrawal``
(申请撤回确认书, a withdrawn case) were added by issue 17.9; both take ``--format`` like the others.

Each print is recorded in the audit trail (who, when, which copy) exactly as
a print from the window is; a second print of the same document is a 补打.
``--user`` names who prints.  Left out, it is the person the document speaks
for: the clerk who accepted the case (or filed it, for a draft's notice), and
for a decision whoever took the decision (the last approval or rejection) —
not whoever touched the case last, which for a paid case is the payer.  Like
``intake --user``, this trusts whoever can open the data folder.

``print daily-summary`` and ``print publicity`` (CONTRACTS.md) are added
beside the case documents in ``register``: each is one more sub-parser of
``print`` with its own ``cmd_*`` function.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from desktop.cli import report_commands
from desktop.cli.common import (
    EXIT_OK,
    CliParser,
    UsageError,
    named_staff,
    open_existing_store,
    print_json,
    refused_as,
)
from desktop.models.document_kinds import COMMANDS, FORMATS, KIND_LABELS, KINDS  # light: no reportlab at start
from desktop.models.errors import InvalidInput, NotFound, PermissionDenied
from desktop.models.files import output_path
from desktop.models.store import Store

if TYPE_CHECKING:
    from desktop.models.cases import CaseRecord
    from desktop.models.staff import StaffUser



def register(sub: Any) -> None:
    p = sub.add_parser("print", help="打印文书（PDF）：受理回执、一次性告知书、审核决定书")
    kinds = p.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True, parser_class=CliParser)
    _register_case_documents(kinds)
    report_commands.register_daily_summary(kinds)  # print daily-summary (report_commands.py)
    # Later: kinds.add_parser("daily-summary", ...) and kinds.add_parser("publicity", ...) go here,
    # each with its own set_defaults(func=...); they do not take CASE_NO or --user.
    _register_publicity(kinds)


def _register_publicity(kinds: Any) -> None:
    k = kinds.add_parser("publicity", help="打印公示批次的公示名单")
    k.add_argument("batch", metavar="BATCH", help="公示批次号")
    k.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF 保存位置（已有文件将被替换）")
    k.add_argument("--user", help="打印人账号（默认：建立该公示批次的人）")
    k.set_defaults(func=cmd_print_publicity)


def cmd_print_publicity(args: argparse.Namespace) -> int:
    """print publicity BATCH --out FILE.pdf: the batch's 公示名单, audited like every print."""
    from desktop.documents.publicity import issue_publicity_list
    from desktop.models.publicity import get_batch

    out = output_path(args.out, pdf=True)
    store = open_existing_store(args, "BATCH", "publicity.no_batch_no_data", batch=args.batch)
    try:
        try:
            batch = get_batch(store, args.batch)
        except NotFound:
            raise InvalidInput.about("BATCH", "publicity.no_such_batch", batch=args.batch) from None
        user = named_staff(store, args.user or batch.created_by)
        with _printing_as(user):
            issued = issue_publicity_list(store, user, batch.id, out)
    finally:
        store.close()
    print_json(issued.to_json(), indent=None)
    return EXIT_OK


def _register_case_documents(kinds: Any) -> None:
    for kind in KINDS:
        k = kinds.add_parser(COMMANDS[kind], help=f"打印案件的{KIND_LABELS[kind]}")
        k.add_argument("case_no", metavar="CASE_NO", help="受理编号")
        k.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF 保存位置（已有文件将被替换）")
        k.add_argument("--format", choices=FORMATS, default="a4", help="a4（默认）或 80mm 热敏纸")
        k.add_argument("--user", help="打印人账号（默认：受理人；决定书默认为作出决定的人，撤回确认书为办理撤回的人）")
        k.set_defaults(func=cmd_print_case, kind=kind)


def _default_user(store: Store, case: CaseRecord, kind: str) -> str:
    from desktop.documents.case_documents import decision_entry

    if kind in ("decision", "withdrawal"):
        with store.session(readonly=True) as session:
            entry = decision_entry(session, case) if kind == "decision" else _withdrawal_entry(session, case)
        if entry is not None:
            return entry.actor
    return case.accepted_by or case.created_by


def _withdrawal_entry(session: Any, case: CaseRecord) -> Any:
    from desktop.models import audit
    from desktop.models.staff import Action

    found = [e for e in audit.entries(session, entity="case", entity_id=case.id)
             if e.action == Action.case_withdraw.value]
    return found[-1] if found else None


def _printer(store: Store, case: CaseRecord, kind: str, explicit: str | None) -> StaffUser:
    if explicit:
        return named_staff(store, explicit)
    username = _default_user(store, case, kind)
    try:
        return named_staff(store, username)
    except InvalidInput:
        raise UsageError("--user", f"默认打印人 {username} 的账户已不存在，请用 --user 指定") from None


@contextmanager
def _printing_as(user: StaffUser) -> Iterator[None]:
    """The core's refusals of a print, said in terms of the command's options."""
    try:
        yield
    except PermissionDenied as exc:
        raise refused_as(user, exc) from None


def cmd_print_case(args: argparse.Namespace) -> int:
    from desktop.documents.case_documents import (
        issue_decision,
        issue_notice,
        issue_payment_notice,
        issue_receipt,
        issue_withdrawal,
    )
    from desktop.models.cases import get_case
    from desktop.models.rules import Verifier

    out = output_path(args.out, pdf=True)
    store = open_existing_store(args, "CASE_NO", "case.no_case_no_data", case_no=args.case_no)
    try:
        try:
            case = get_case(store, args.case_no)
        except NotFound:
            raise InvalidInput.about("CASE_NO", "case.no_such_case", case_no=args.case_no) from None
        user = _printer(store, case, args.kind, args.user)
        verifier = Verifier.load(store.data_dir)
        issuers = {"receipt": issue_receipt, "notice": issue_notice, "decision": issue_decision,
                   "payment_notice": issue_payment_notice, "withdrawal": issue_withdrawal}
        with _printing_as(user):
            issued = issuers[args.kind](store, verifier, user, case.id, out, format=args.format)
    finally:
        store.close()
    print_json({"case_no": issued.case_no, "kind": issued.kind, "out": str(issued.path),
                "reprint": issued.reprint_count}, indent=None)
    return EXIT_OK
