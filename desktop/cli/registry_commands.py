"""import insured|certificates FILE: load a registry file into the local copy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    UsageError,
    fail,
    print_json,
    refuse_if_damaged,
    resolve_data_dir,
)
from desktop.models.clock import Clock
from desktop.models.registry import ImportRejected, import_registry, rejection_summary
from desktop.models.registry_files import KINDS, read_registry, write_rejects
from desktop.models.staff import SYSTEM_ACTOR
from desktop.models.store import open_store


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="导入参保人员或证书名册（CSV/XLSX），供离线核验和筛查")
    p.add_argument("kind", choices=KINDS, help="insured（参保人员）或 certificates（证书）")
    p.add_argument("file", metavar="FILE", help="CSV（UTF-8）或 XLSX 文件，首行为表头")
    p.add_argument("--valid-only", action="store_true", help="文件有错误行时，只导入正确的行")
    p.add_argument("--rejects", metavar="FIX.csv", help="把有错误的行连同错误原因保存到此 CSV，改正后可重新导入")
    p.add_argument(
        "--map", action="append", default=[], metavar="表头=列名",
        help="文件表头与标准列名不同时指定对应关系，如 --map 身份证号=id_number（可重复）",
    )
    p.set_defaults(func=cmd_import)


def _mapping(pairs: list[str], kind: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, column = pair.partition("=")
        if not sep or not header.strip() or not column.strip():
            raise UsageError("--map", f"应写成 表头=列名（如 身份证号=id_number），收到“{pair}”")
        mapping[header.strip()] = column.strip()
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    clock = Clock()  # the command's one reading of the time: the office's today bounds the dates read
    registry_file = read_registry(Path(args.file), args.kind, _mapping(args.map, args.kind), today=clock.today())
    saved = ""
    if args.rejects:
        # Written even when empty, so a stale file from an earlier run never misleads.
        write_rejects(Path(args.rejects), registry_file)
        saved = f"，错误行已保存到 {args.rejects}" if registry_file.rejected else ""
    refuse_if_damaged(resolve_data_dir(args))
    store = open_store(resolve_data_dir(args), clock=clock)
    try:
        report = import_registry(store, registry_file, valid_only=args.valid_only, as_of=store.clock.now(),
                                 audit_actor=SYSTEM_ACTOR)  # the command line has no signed-in person
    except ImportRejected as exc:
        hint = "；加 --valid-only 只导入正确的行" + (saved or "，--rejects 保存错误行")
        return fail(f"FILE: {rejection_summary(exc.report)}{hint}", EXIT_BAD_INPUT)
    finally:
        store.close()
    if report.rejected:
        sys.stderr.write(f"{report.rejected}行有错误，已跳过（{report.errors[0]}）{saved}\n")
    print_json({**report.to_json(), "as_of": report.as_of.isoformat() if report.as_of else None})
    return EXIT_OK
