"""verify, intake, demo, status, audit verify."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_OK, print_json, read_json, resolve_data_dir
from desktop.models.application import parse_application
from desktop.models.rules import Verifier


def register(sub: Any) -> None:
    p = sub.add_parser("verify", help="资格核验，输出 JSON 结论（不需要数据库）")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--policy", help="指定全国政策编号，如 cn-2017（默认按申请日期）")
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    app = parse_application(read_json(args.file))
    # Policies or holiday arrangements an administrator loaded into the data folder apply too.
    verdict = Verifier.load(resolve_data_dir(args)).verify(app, args.policy)
    print_json(verdict.to_json())
    return EXIT_OK
