"""verify, intake, demo, status, audit verify."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliParser,
    named_staff,
    open_existing_store,
    print_json,
    read_json,
    refuse_if_damaged,
    resolve_data_dir,
    user_refused,
)
from desktop.models import outbox, sync_state
from desktop.models.application import parse_application, parse_intake
from desktop.models.cases import State, count_by_state
from desktop.models.errors import InvalidInput
from desktop.models.intake import assess, file_case, lookup_applicant
from desktop.models.rules import Verifier
from desktop.models.shared_sources import Declared, registry_sources
from desktop.models.staff import Action, can
from desktop.models.store import open_store


def register(sub: Any) -> None:
    p = sub.add_parser("verify", help="资格核验，输出 JSON 结论（不需要数据库）")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--policy", help="指定全国政策编号，如 cn-2017（默认按申请日期）")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("intake", help="从 JSON 建立并受理案件（一个对象或数组）")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--user", required=True, help="受理人账号")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("demo", help="填充演示数据：工作人员、登记数据、示例案件")
    p.add_argument("--cases", type=int, default=200, help="示例案件数（默认200）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("status", help="案件状态统计与待同步数量（JSON）")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("audit", help="审计记录")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="verify", required=True, parser_class=CliParser)
    v = audit_sub.add_parser("verify", help="校验审计记录是否完整、未被篡改")
    v.set_defaults(func=cmd_audit_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    app = parse_application(read_json(args.file))
    # Policies or holiday arrangements an administrator loaded into the data folder apply too.
    verdict = Verifier.load(resolve_data_dir(args)).verify(app, args.policy)
    print_json(verdict.to_json())
    return EXIT_OK


def cmd_intake(args: argparse.Namespace) -> int:
    document = read_json(args.file)
    batch = isinstance(document, list)
    items = document if batch else [document]
    intakes = []
    for i, item in enumerate(items):  # every item is checked before anything is written
        try:
            intakes.append(parse_intake(item))
        except InvalidInput as exc:
            if not batch:
                raise
            raise exc.for_field(f"[{i}].{exc.field}") from None
    data_dir = resolve_data_dir(args)
    store = open_existing_store(args)
    try:
        user = named_staff(store, args.user)
        if not can(user, Action.case_accept):
            raise user_refused(user, "permission.cannot_accept")
        verifier = Verifier.load(data_dir)
        status = EXIT_OK
        for intake in intakes:
            # What the registry copy confirms, as the window records it (not "nothing was missing").
            sources = registry_sources(lookup_applicant(store, intake.application.id_number),
                                       Declared.of(intake.application))
            # Assessed against the ledger first: an ineligible case is not filed at all.
            verdict = assess(store, verifier, intake.application, sources=sources).verdict
            if verdict.eligible:
                record, _ = file_case(store, verifier, user, intake, accept=True, sources=sources)
                print_json({"case_no": record.case_no, "case_id": record.id}, indent=None)
            else:
                status = EXIT_FAILED
                print_json({"verdict": verdict.to_json()}, indent=None)
            sys.stdout.flush()
        return status
    finally:
        store.close()


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.models.clock import Clock
    from desktop.models.demo import fill

    if args.cases < 0:
        raise InvalidInput.about("--cases", "value.not_negative")
    data_dir = resolve_data_dir(args)
    refuse_if_damaged(data_dir)  # a new folder is made; an existing one must be sound
    clock = Clock()
    store = open_store(data_dir, clock=clock)
    try:
        counts = fill(store, clock, Verifier.load(data_dir), args.cases)
    finally:
        store.close()
    print_json({"data_dir": str(data_dir), "cases": counts})
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    store = open_existing_store(args)  # a damaged database is reported in one line, exit 1
    try:
        counts = count_by_state(store)
        with store.session(readonly=True) as session:
            pending, rejected = outbox.pending_count(session), outbox.rejected_count(session)
            last_sync = sync_state.last_sync(session)
    finally:
        store.close()
    print_json({
        "cases": {state.value: counts.get(state.value, 0) for state in State},
        "pending_sync": pending,
        "sync_rejected": rejected,
        "last_sync": last_sync.isoformat() if last_sync else None,
    })
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from desktop.sync.audit_check import verify_anchored  # the network client only where it is used

    store = open_existing_store(args)
    try:
        checked = verify_anchored(store)
    finally:
        store.close()
    report = checked.report
    if report.ok:
        print(f"审计记录完整：共{report.checked}条，哈希链校验通过，各案件金额和收款账户与记录一致；"
              f"{checked.anchor_note}")
        return EXIT_OK
    print(f"审计记录异常：{report.reason}", file=sys.stderr)
    return EXIT_FAILED

