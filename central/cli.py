"""``python -m central [--db URL] [--host 127.0.0.1] [--port 8700] [COMMAND]`` (CONTRACTS.md).

Exit codes as the counter's: 0 success, 1 a check failed, 2 bad input with
one line on stderr naming the field or argument.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from sqlalchemy.exc import OperationalError

from central.db import DB_URL_ENV, make_engine

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8700


class _BadInput(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: 参数错误：{message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _common() -> _Parser:
    """The global options, also accepted after the command (defaults only on the main parser)."""
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help=f"数据库 URL：sqlite:///路径 或 postgresql+psycopg://…"
                        f"（默认取 {DB_URL_ENV} 或 ./central.db）")
    common.add_argument("--host", default=argparse.SUPPRESS, help=f"监听地址（默认 {DEFAULT_HOST}）")
    common.add_argument("--port", type=int, default=argparse.SUPPRESS, help=f"监听端口（默认 {DEFAULT_PORT}）")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="central", description="展翅柜台中心系统（参考实现）", parents=[_common()])
    parser.set_defaults(db=None, host=DEFAULT_HOST, port=DEFAULT_PORT)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("serve", parents=[_common()], help="运行中心系统（默认）")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.add_argument("--lookups-per-minute", type=int, default=None,
                   help="每台设备每分钟可查询人员登记信息的次数，超出返回429并记入安全事件"
                        "（默认 ZHANCHI_CENTRAL_LOOKUPS_PER_MINUTE，否则20）")
    p.add_argument("--credential-days", type=int, default=None,
                   help="设备凭据连续多少天未使用即失效，需重新注册（默认 ZHANCHI_CENTRAL_CREDENTIAL_DAYS，否则90）")
    p.add_argument("--tls-cert", default="", metavar="PEM",
                   help="以 https 提供服务：证书文件（PEM，含证书链）；通常由前置的反向代理负责 TLS")
    p.add_argument("--tls-key", default="", metavar="PEM", help="以 https 提供服务：私钥文件（PEM）")
    p.add_argument("--public-url", default=None, metavar="URL",
                   help="申请人访问本系统的地址（如 https://zhanchi.example.gov.cn）：受理回执的二维码打开其办理进度页面"
                        "（默认 ZHANCHI_CENTRAL_PUBLIC_URL）")
    p.add_argument("--api-docs", action="store_true",
                   help="提供接口文档（/docs、/redoc、/openapi.json）；默认不提供（或 ZHANCHI_CENTRAL_API_DOCS=1）")
    p.add_argument("--workers", type=int, default=1,
                   help="工作进程数（默认1）；多个进程共用数据库中的限流计数，宜配 PostgreSQL")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("issue-token", parents=[_common()], help="为办事处签发一次性设备注册令牌（打印令牌）")
    p.add_argument("--office", required=True, help="6位办事处（行政区划）代码，如 440100")
    p.add_argument("--hours", type=int, default=72, help="有效小时数（默认72）")
    p.set_defaults(func=cmd_issue_token)

    p = sub.add_parser("revoke-token", parents=[_common()], help="撤销尚未使用的注册令牌")
    p.add_argument("token")
    p.set_defaults(func=cmd_revoke_token)

    p = sub.add_parser("devices", parents=[_common()], help="已注册设备（JSON）")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("revoke-device", parents=[_common()], help="撤销设备凭据（设备须重新注册）")
    p.add_argument("device_id", metavar="DEVICE_ID")
    p.set_defaults(func=cmd_revoke_device)

    p = sub.add_parser("import", parents=[_common()], help="导入参保人员或证书名册（CSV/XLSX）作为中心共享数据")
    p.add_argument("kind", choices=("insured", "certificates"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--valid-only", action="store_true", help="文件有错误行时，只导入正确的行")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("publish", parents=[_common()], help="发布政策或节假日文件，各柜台同步时获取")
    p.add_argument("folder", choices=("policies", "holidays"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("stats", parents=[_common()], help="统计（JSON）：案件、设备、台账、重复申领")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("retention", parents=[_common()],
                       help="按保存期限删除过期的在线查询记录和安全事件，并精简旧版本保存的案件数据（JSON）")
    p.add_argument("--lookups-days", type=int, default=_retention_default("DEFAULT_LOOKUP_DAYS"),
                   help="在线查询记录保存天数（默认%(default)s，至少183：网络日志不少于六个月）")
    p.add_argument("--events-days", type=int, default=_retention_default("DEFAULT_EVENT_DAYS"),
                   help="安全事件保存天数（默认%(default)s，至少183）")
    p.set_defaults(func=cmd_retention)

    p = sub.add_parser("loadtest", parents=[_common()],
                       help="负载测试：注册N台模拟柜台，按真实协议对本机中心系统施压S秒（JSON）；--db 为该系统的数据库")
    p.add_argument("--url", required=True, help="本机中心系统地址，如 http://127.0.0.1:8700")
    p.add_argument("--devices", type=int, required=True, help="模拟柜台数")
    p.add_argument("--seconds", type=float, required=True, help="持续秒数")
    p.add_argument("--compression", type=float, default=12.0, help="时间压缩倍数（默认12：每5秒一轮空闲同步）")
    p.add_argument("--server-pid", type=int, default=None, help="中心系统进程号：报告其CPU时间和内存")
    p.set_defaults(func=cmd_loadtest)

    p = sub.add_parser("lookups", parents=[_common()], help="谁在何时在线查询过此人的登记信息（JSON）")
    p.add_argument("id_number", metavar="ID_NUMBER")
    p.set_defaults(func=cmd_lookups)

    p = sub.add_parser("incidents", parents=[_common()],
                       help="安全事件（JSON）：被拒收的提交、非参保地受理的申领、被拒绝的重复发放、超频查询人员信息的设备")
    p.add_argument("--since", help="只列此后的事件：YYYY-MM-DD（北京时间当日零时起）或带时区的 ISO 时间")
    p.add_argument("--office", help="只列该办事处（6位代码）设备的事件")
    p.add_argument("--kind", help="只列此类事件：" + "、".join(_incident_kinds()))
    p.set_defaults(func=cmd_incidents)
    return parser


def _retention_default(name: str) -> int:
    from central import retention

    return int(getattr(retention, name))


def _incident_kinds() -> tuple[str, ...]:
    from central.incidents import KINDS

    return KINDS


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def _office(code: str) -> str:
    code = code.strip()
    if not re.fullmatch(r"[0-9]{6}", code):
        raise _BadInput("--office", f"办事处代码应为6位数字，收到“{code}”")
    return code


def _tls_files(cert: str, key: str) -> dict[str, Any]:
    """uvicorn's TLS options: both files or neither (issue 20.3)."""
    if not cert and not key:
        return {}
    for name, value in (("--tls-cert", cert), ("--tls-key", key)):
        if not value:
            raise _BadInput(name, "须与 --tls-cert/--tls-key 同时给出")
        if not Path(value).is_file():
            raise _BadInput(name, f"找不到文件“{value}”")
    return {"ssl_certfile": cert, "ssl_keyfile": key}


def _serve_settings(args: argparse.Namespace) -> Any:
    """The environment's settings (``central.settings``), the options given taking precedence."""
    from dataclasses import replace

    from central.settings import SettingError, from_environment

    try:
        base = from_environment()
        chosen: dict[str, Any] = {"db_url": args.db or base.db_url, "api_docs": args.api_docs or base.api_docs}
        for name, value in (("public_url", args.public_url), ("lookups_per_minute", args.lookups_per_minute),
                            ("credential_days", args.credential_days)):
            if value is not None:
                chosen[name] = value
        return replace(base, **chosen).checked()
    except SettingError as exc:
        raise _BadInput(exc.name, exc.reason) from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.app import LOG_LEVEL_ENV, app_from_settings
    from central.observability import configure_logging

    if not 0 < args.port < 65536:
        raise _BadInput("--port", f"端口应在1到65535之间，收到 {args.port}")
    if not 1 <= args.workers <= 64:
        raise _BadInput("--workers", f"应在1到64之间，收到 {args.workers}")
    settings = _serve_settings(args)
    tls = _tls_files(args.tls_cert, args.tls_key)
    configure_logging(args.log_level)  # JSON lines (central.observability) instead of uvicorn's access log
    app = app_from_settings(settings)  # the schema is migrated here, once, before any worker starts
    options: dict[str, Any] = {"host": args.host, "port": args.port, "log_level": args.log_level,
                               "access_log": False, **tls}
    if args.workers == 1:
        uvicorn.run(app, **options)
    else:
        os.environ.update({**settings.environment(), LOG_LEVEL_ENV: args.log_level})  # for each worker
        uvicorn.run("central.app:app_from_environment", factory=True, workers=args.workers, **options)
    return EXIT_OK


def cmd_issue_token(args: argparse.Namespace) -> int:
    from central.auth import issue_token

    office = _office(args.office)
    if not 1 <= args.hours <= 24 * 90:
        raise _BadInput("--hours", "有效期应为1到2160小时")
    token, expires = issue_token(make_engine(args.db), office, hours=args.hours)
    sys.stdout.write(token + "\n")
    sys.stderr.write(f"办事处 {office} 的一次性注册令牌，{expires.isoformat(timespec='seconds')} 前有效\n")
    return EXIT_OK


def cmd_revoke_token(args: argparse.Namespace) -> int:
    from central.auth import revoke_token

    if not revoke_token(make_engine(args.db), args.token):
        raise _BadInput("TOKEN", "没有这个令牌，或已撤销")
    _print_json({"revoked": True})
    return EXIT_OK


def cmd_devices(args: argparse.Namespace) -> int:
    from central.auth import list_devices

    _print_json(list_devices(make_engine(args.db)))
    return EXIT_OK


def cmd_revoke_device(args: argparse.Namespace) -> int:
    from central.auth import revoke_device

    if not revoke_device(make_engine(args.db), args.device_id):
        raise _BadInput("DEVICE_ID", f"没有设备 {args.device_id}，或已撤销")
    _print_json({"revoked": args.device_id})
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from central.registry import import_file
    from desktop.models.clock import Clock
    from desktop.models.errors import InvalidInput
    from desktop.models.registry_files import read_registry

    try:
        registry_file = read_registry(Path(args.file), args.kind, today=Clock().today())
    except InvalidInput as exc:
        raise _BadInput(exc.field, exc.reason) from None
    if registry_file.errors and not args.valid_only:
        first = registry_file.errors[0]
        raise _BadInput("FILE", f"{registry_file.rejected}行有错误，未导入（{first}）；加 --valid-only 只导入正确的行")
    report = import_file(make_engine(args.db), registry_file)
    if report.rejected:
        sys.stderr.write(f"{report.rejected}行有错误，已跳过（{registry_file.errors[0]}）\n")
    _print_json(report.to_json())
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from central.reference import publish
    from desktop.models.errors import InvalidInput

    try:
        result = publish(make_engine(args.db), args.folder, Path(args.file))
    except InvalidInput as exc:
        raise _BadInput(exc.field, exc.reason) from None
    _print_json(result)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from central.pull import stats

    _print_json(stats(make_engine(args.db)).model_dump())
    return EXIT_OK


def cmd_lookups(args: argparse.Namespace) -> int:
    from central.pull import lookups_of
    from desktop.models.clock import Clock
    from desktop.models.errors import InvalidInput
    from desktop.models.identity import check_id_number

    try:
        number = check_id_number(args.id_number, today=Clock().today()).number
    except InvalidInput as exc:
        raise _BadInput("ID_NUMBER", exc.reason) from None
    _print_json(lookups_of(make_engine(args.db), number))
    return EXIT_OK


def _since(text: str) -> dt.datetime:
    """A day (from midnight Beijing time, the offices' dates of record) or an instant with its offset."""
    text = text.strip()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), tzinfo=ZoneInfo("Asia/Shanghai"))
        instant = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _BadInput("--since", f"应为 YYYY-MM-DD 或带时区的 ISO 时间，收到“{text}”") from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise _BadInput("--since", f"时间须带时区（例如 2026-11-27T08:00:00+08:00），收到“{text}”")
    return instant


def cmd_incidents(args: argparse.Namespace) -> int:
    from central.incidents import listing

    since = _since(args.since) if args.since is not None else None
    office = _office(args.office) if args.office is not None else None
    if args.kind is not None and args.kind not in _incident_kinds():
        raise _BadInput("--kind", f"应为 {'、'.join(_incident_kinds())} 之一，收到“{args.kind}”")
    _print_json(listing(make_engine(args.db), since=since, office_code=office, kind=args.kind))
    return EXIT_OK


def cmd_loadtest(args: argparse.Namespace) -> int:
    from central import loadtest

    try:
        url = loadtest.check_url(args.url)
    except ValueError as exc:
        raise _BadInput("--url", str(exc)) from None
    if not 1 <= args.devices <= loadtest.MAX_DEVICES:
        raise _BadInput("--devices", f"应在1到{loadtest.MAX_DEVICES}之间，收到 {args.devices}")
    if not 1 <= args.seconds <= loadtest.MAX_SECONDS:
        raise _BadInput("--seconds", f"应在1到{loadtest.MAX_SECONDS}之间，收到 {args.seconds}")
    if not 1 <= args.compression <= 60:
        raise _BadInput("--compression", f"应在1到60之间，收到 {args.compression}")
    if args.server_pid is not None and not Path(f"/proc/{args.server_pid}/stat").exists():
        raise _BadInput("--server-pid", f"没有进程 {args.server_pid}")
    plan = loadtest.Plan(devices=args.devices, seconds=args.seconds, compression=args.compression)
    _print_json(loadtest.run_blocking(url, make_engine(args.db), plan, args.server_pid))
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from central.retention import MIN_DAYS, apply_retention

    for name, days in (("--lookups-days", args.lookups_days), ("--events-days", args.events_days)):
        if not MIN_DAYS <= days <= 36500:
            raise _BadInput(name, f"应在{MIN_DAYS}到36500天之间（网络日志留存不少于六个月），收到 {days}")
    report = apply_retention(make_engine(args.db), lookup_days=args.lookups_days, event_days=args.events_days,
                             now=dt.datetime.now(dt.UTC))
    _print_json(report.to_json())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(words)
    if getattr(args, "func", None) is None:  # no command: serve, with serve's own defaults
        args = parser.parse_args([*words, "serve"])
    try:
        return int(args.func(args))
    except _BadInput as exc:
        sys.stderr.write(str(exc).replace("\n", " ") + "\n")
        return EXIT_BAD_INPUT
    except OperationalError as exc:
        message = str(exc.orig or exc).strip().splitlines()[0] if (exc.orig or exc) else "database error"
        sys.stderr.write(f"--db: 无法使用数据库（{message}）\n")
        return EXIT_FAILED
