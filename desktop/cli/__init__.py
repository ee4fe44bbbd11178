"""The headless commands of CONTRACTS.md, thin over ``desktop.models``.

Exit codes: 0 success; 1 a check failed; 2 bad input, with one line on stderr
naming the field or argument and never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, CliParser, error_line, fail
from desktop.models.errors import (
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PolicyError,
    StorageError,
)

COMMAND_MODULES = ("core_commands", "registry_commands", "print_commands", "backup_commands", "sync_commands",
                   "report_commands", "payment_commands", "outreach_commands", "purge_commands", "bench_commands",
                   "key_commands")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = CliParser(prog="zhanchi", description="展翅柜台：失业保险技能提升补贴受理系统")
    parser.add_argument("--data-dir", help="数据文件夹（默认取 ZHANCHI_DATA_DIR 或系统用户数据目录）")
    parser.add_argument("--smoke", action="store_true",
                        help="自检：在临时数据文件夹上打开并关闭主窗口，成功则退出码为0（无需显示器）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"desktop.cli.{name}").register(sub)
    return parser


def _window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` only opens the window (no command, no --help): the commands and
    everything they import are then not loaded before the sign-in appears."""
    quick = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    quick.add_argument("--data-dir")
    quick.add_argument("--smoke", action="store_true")
    try:
        args, rest = quick.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):  # e.g. --data-dir without a value: the full parser says so
        return None
    return None if rest else args


def run(argv: Sequence[str]) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = _window_only(argv) or build_parser().parse_args(list(argv))
    if args.smoke:
        from desktop.smoke import run_smoke

        return run_smoke()
    if getattr(args, "command", None) is None:
        from desktop.app import run_gui

        return run_gui(args.data_dir)
    try:
        return int(args.func(args))
    except (InvalidInput, PolicyError, NotFound, PermissionDenied, Conflict, AuthenticationFailed,
            AccountLocked) as exc:
        return fail(error_line(exc), EXIT_BAD_INPUT)
    except StorageError as exc:
        return fail(error_line(exc), EXIT_FAILED)
