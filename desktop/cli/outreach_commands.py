"""outreach and field: proactive outreach lists, and field days at industrial parks.

``outreach --out FILE.csv`` screens the local registry copy (``models.outreach``)
and writes the outreach CSV of CONTRACTS.md (UTF-8 with a BOM, full ID numbers
as the 12333 SMS platform needs them; the file is owner-only and the export is
audited).  ``outreach --by-employer --out DIR`` writes one PDF list per employer
for park visits instead (names and ID numbers masked).  Either prints a JSON
summary: rows, people, employers, provisional windows, rows without a mobile
phone, the longest message and the policy applied.  ``--employer`` (repeatable)
or ``--employers FILE`` (one code or name a line) narrows the screening to a
park's employers; ``--date`` screens as of another office date.

``field start|end|reconcile`` run a field day headless, as the field page does:
``start`` takes the park's rows from the central system (``--local``: use the
local copy as it is) and marks the data folder "in the field"; ``end`` takes the
mark off; ``reconcile --out FILE.pdf`` prints the reconciliation sheet and prints
its JSON.  They act for ``--user`` (a clerk), like ``intake --user``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CliParser,
    fail,
    open_existing_store,
    print_json,
    read_text,
    refused_as,
    resolve_data_dir,
)
from desktop.models.errors import InvalidInput, PermissionDenied
from desktop.models.files import output_path
from desktop.models.store import Store


def register(sub: Any) -> None:
    p = sub.add_parser("outreach",
                       help="筛查符合条件但尚未申领的人员：输出12333短信名单（CSV）或按单位的告知名单（PDF）")
    p.add_argument("--out", required=True, metavar="FILE.csv|DIR",
                   help="CSV 文件（已有文件将被替换）；与 --by-employer 同用时为存放 PDF 的文件夹")
    p.add_argument("--by-employer", action="store_true",
                   help="按单位各输出一份 PDF 告知名单（走访园区用，姓名和证件号部分隐去）")
    p.add_argument("--employer", action="append", default=[], metavar="USCC|单位名称",
                   help="只筛查这些单位的职工（统一社会信用代码或单位全称，可重复）")
    p.add_argument("--employers", metavar="FILE", help="单位清单文件：每行一个统一社会信用代码或单位全称")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="按此日期筛查（默认今天，办事处所在时区）")
    p.add_argument("--template", metavar="FILE.toml",
                   help="短信模板文件（默认数据文件夹或程序自带的 sms-template.toml）")
    p.add_argument("--user", help="导出人账号（记入审计记录；默认记为操作系统账户）")
    p.set_defaults(func=cmd_outreach)

    f = sub.add_parser("field", help="外出受理（园区现场）：出发前下载数据、返回后对账")
    commands = f.add_subparsers(dest="field_command", metavar="start|end|reconcile", required=True,
                                parser_class=CliParser)
    s = commands.add_parser("start", help="出发前：下载园区单位的登记数据和台账，标记本机为外出受理状态")
    s.add_argument("--label", required=True, help="外出地点，如 某某工业园")
    s.add_argument("--employer", action="append", default=[], metavar="USCC|单位名称", help="园区单位（可重复）")
    s.add_argument("--employers", metavar="FILE", help="单位清单文件：每行一个统一社会信用代码或单位全称")
    s.add_argument("--local", action="store_true", help="不联网：使用本机已有的登记数据")
    s.add_argument("--user", required=True, help="外出经办人账号")
    s.set_defaults(func=cmd_field_start)
    e = commands.add_parser("end", help="返回后：取消外出受理状态（请先同步）")
    e.add_argument("--user", required=True, help="经办人账号")
    e.set_defaults(func=cmd_field_end)
    r = commands.add_parser("reconcile", help="打印外出受理对账单（PDF）")
    r.add_argument("--out", required=True, metavar="FILE.pdf", help="PDF 保存位置（已有文件将被替换）")
    r.add_argument("--field-day", metavar="ID", help="外出记录编号（默认最近一次）")
    r.add_argument("--user", required=True, help="打印人账号")
    r.set_defaults(func=cmd_field_reconcile)


def _employers(args: argparse.Namespace) -> list[str]:
    entries = list(args.employer)
    if args.employers:
        text = read_text(args.employers, "--employers")
        entries += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return entries


def _staff(store: Store, username: str) -> Any:
    from desktop.models.staff import list_staff

    active = {u.username: u for u in list_staff(store)}
    if username not in active:
        raise InvalidInput.about("--user", "staff.no_active_user", username=username)
    return active[username]


def cmd_outreach(args: argparse.Namespace) -> int:
    import datetime as dt

    from desktop.models import outreach
    from desktop.models.rules import Verifier

    day = None
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise InvalidInput.about("--date", "date.expected_received", received=args.date) from None
    out = Path(args.out).expanduser()
    if not args.by_employer:
        if out.is_dir():  # the command line adds the option that makes a folder right
            raise InvalidInput.about("out", "file.is_folder_csv", path=out)
        output_path(args.out)
    employers = _employers(args)
    data_dir = resolve_data_dir(args)
    store = open_existing_store(args)
    try:
        template = outreach.load_template(Path(args.template) if args.template else None, data_dir=data_dir)
        user = _staff(store, args.user) if args.user else None
        if user is not None:
            from desktop.models.staff import Action, Role, can

            if not can(user, Action.document_print):
                raise refused_as(user, PermissionDenied.of("permission.print_outreach_lists", role=Role(user.role)))
        outreach.require_registry(store)
        verifier = Verifier.load(data_dir)
        screening = outreach.screen(store, verifier, today=day, employers=employers)
        summary = screening.summary()
        if args.by_employer:
            from desktop.documents.outreach_lists import issue_outreach_lists

            issued = issue_outreach_lists(store, screening, out, actor=user, verifier=verifier)
            summary |= issued.to_json()
        else:
            export = outreach.export_csv(store, screening, out, template,
                                         actor=user.username if user else None)
            summary |= export.to_json()
    finally:
        store.close()
    print_json(summary)
    return EXIT_OK


def cmd_field_start(args: argparse.Namespace) -> int:
    from desktop.models import field_mode
    from desktop.sync import field_preload
    from desktop.sync.client import SyncError

    store = open_existing_store(args)
    try:
        user = _staff(store, args.user)
        fetch = None if args.local else field_preload.central_fetcher(store)
        try:
            day = field_mode.start_field_day(store, user, label=args.label, employers=_employers(args), fetch=fetch)
        except SyncError as exc:
            return fail(f"{exc}（不联网出发请加 --local，使用本机已有的登记数据）", EXIT_FAILED)
    finally:
        store.close()
    print_json(day.to_json())
    return EXIT_OK


def cmd_field_end(args: argparse.Namespace) -> int:
    from desktop.models import field_mode

    store = open_existing_store(args)
    try:
        day = field_mode.end_field_day(store, _staff(store, args.user))
    finally:
        store.close()
    print_json(day.to_json())
    return EXIT_OK


def cmd_field_reconcile(args: argparse.Namespace) -> int:
    from desktop.documents.reconciliation import issue_reconciliation

    store = open_existing_store(args)
    try:
        issued = issue_reconciliation(store, _staff(store, args.user), args.out, field_day_id=args.field_day)
    finally:
        store.close()
    print_json(issued.to_json())
    return EXIT_OK
