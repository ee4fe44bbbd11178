"""register, sync: enrol this data folder with the central system, and one sync round."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    fail,
    open_existing_store,
    print_json,
    refuse_if_damaged,
    resolve_data_dir,
    sync_error_line,
)
from desktop.models.errors import InvalidInput
from desktop.models.store import open_store
from desktop.sync import enrolment
from desktop.sync.client import (
    CentralRefused,
    CentralUnreachable,
    ProtocolError,
    SyncError,
    check_central_url,
    is_loopback,
    tls_verification,
)
from desktop.sync.engine import DEFAULT_BATCH_SIZE, SyncEngine
from wire import MAX_PUSH_ITEMS

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser("register", help="用管理员签发的一次性令牌把本机注册到中心系统")
    p.add_argument("--central", required=True, metavar="URL", help="中心系统地址，如 https://zhanchi.example.gov.cn")
    p.add_argument("--office", required=True, metavar="CODE", help="本机所属办事处（6位行政区划代码）")
    p.add_argument("--device", required=True, metavar="NAME", help="本机名称，如 1号窗口")
    p.add_argument("--token", required=True, metavar="TOKEN", help="一次性注册令牌")
    p.add_argument("--ca-bundle", default="", metavar="PEM",
                   help="中心系统证书的签发机构证书（省级自建 CA），默认用系统信任的机构")
    p.add_argument("--insecure", action="store_true",
                   help="允许以明文 http:// 连接其他计算机上的中心系统（不加密，仅限测试网络；将记入日志）")
    p.set_defaults(func=cmd_register)

    p = sub.add_parser("sync", help="同步一轮：上传待同步的变更，下载更新；输出 JSON 摘要")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                   help=f"每批上传的变更数（默认{DEFAULT_BATCH_SIZE}）")
    p.set_defaults(func=cmd_sync)


def _check_args(args: argparse.Namespace) -> tuple[str, str, str, str]:
    central = check_central_url(args.central, "--central", insecure=args.insecure)
    office = args.office.strip()
    if not re.fullmatch(r"[0-9]{6}", office):
        raise InvalidInput.about("--office", "sync.bad_office_code", office=office)
    name = args.device.strip()
    if not 1 <= len(name) <= 64:
        raise InvalidInput.about("--device", "sync.bad_device_name")
    token = "".join(args.token.split())
    if not token:
        raise InvalidInput.about("--token", "value.empty")
    return central, office, name, token


def cmd_register(args: argparse.Namespace) -> int:
    central, office, name, token = _check_args(args)
    ca_bundle = str(Path(args.ca_bundle).expanduser().resolve()) if args.ca_bundle.strip() else ""
    tls_verification(ca_bundle)  # a bad file is bad input before anything is written
    insecure = args.insecure and urlsplit(central).scheme == "http" and not is_loopback(urlsplit(central).hostname)
    data_dir = resolve_data_dir(args)
    if insecure:  # agreed to explicitly; kept in the data folder's log and said on the terminal
        from desktop.logging_setup import setup_logging

        setup_logging(data_dir)
        log.warning("register --insecure: the credential and personal data cross the network in clear text to %s",
                    central)
        print(f"警告：以明文 http:// 连接 {central}，凭据和个人信息不加密传输（已记入日志）", file=sys.stderr)
    refuse_if_damaged(data_dir)
    store = open_store(data_dir, office_code=office)  # a new data folder is set up for this office
    try:
        if store.office_code != office:
            raise InvalidInput.about("--office", "sync.other_office", office=store.office_code, other=office)
        try:
            device = enrolment.register(store, central, token, name, insecure=insecure, ca_bundle=ca_bundle)
        except CentralRefused as exc:
            raise InvalidInput("--token" if exc.status == 401 else "--office", str(exc)) from None
        except (CentralUnreachable, ProtocolError) as exc:
            return fail(sync_error_line(exc), EXIT_FAILED)
    finally:
        store.close()
    print_json(device.public())
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    if not 1 <= args.batch_size <= MAX_PUSH_ITEMS:
        raise InvalidInput.about("--batch-size", "value.one_to", most=MAX_PUSH_ITEMS)
    store = open_existing_store(args, missing="sync.no_data")
    try:
        try:
            with SyncEngine.for_store(store, batch_size=args.batch_size) as engine:
                report = engine.run_once()
        except SyncError as exc:
            return fail(sync_error_line(exc), EXIT_FAILED)
    finally:
        store.close()
    print_json(report.to_json())
    return EXIT_OK
