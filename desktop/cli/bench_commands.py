"""``bench [--json] [--scale N]``: the benchmark suite (``bench/``, BENCHMARKS.md).

It builds its own data in a temporary folder (a million cases by default: a
few GB, removed at the end), runs every scenario and prints one JSON object
with ``--json``, else a table.  Progress goes to stderr.  Exit 0 when every
target is met, 1 when one is missed or could not be measured.  The suite lives
outside ``desktop`` and is imported only here, so the installed program does
not carry it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_FAILED, EXIT_OK, fail
from desktop.models.errors import InvalidInput

MIN_SCALE = 100


def register(sub: Any) -> None:
    p = sub.add_parser("bench", help="性能基准测试：自建百万案件数据，逐项测量并与目标比较")
    p.add_argument("--json", action="store_true", help="只在标准输出打印一个 JSON 对象")
    p.add_argument("--scale", type=int, default=None, metavar="N",
                   help="案件数和名册人数（默认 1000000）；小规模只用于检查测试本身")
    p.add_argument("--repeats", type=int, default=5, metavar="N",
                   help="启动比较中主程序和空白窗口各启动几次（默认5，取中位数）")
    p.add_argument("--only", metavar="KEY,KEY", help="只测这些指标（逗号分隔），用于调查单项")
    p.add_argument("--work-dir", metavar="DIR",
                   help="数据放在此文件夹并保留（同日同规模再次运行时复用），默认用临时文件夹并在结束时删除")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    try:
        from bench import suite
    except ImportError:  # the installed bundle leaves the suite out
        return fail("基准测试套件不随安装包分发：请在源码目录中运行 python -m desktop bench", EXIT_FAILED)

    scale = suite.DEFAULT_SCALE if args.scale is None else args.scale
    if scale < MIN_SCALE:
        raise InvalidInput.about("--scale", "value.at_least", least=MIN_SCALE, received=scale)
    if not 1 <= args.repeats <= 50:
        raise InvalidInput.about("--repeats", "value.one_to_received", most=50, received=args.repeats)
    only = [k.strip() for k in args.only.split(",") if k.strip()] if args.only else None
    unknown = sorted(set(only or ()) - set(suite.KEYS))
    if unknown:
        raise InvalidInput.about("--only", "bench.unknown_keys", unknown=", ".join(unknown),
                                 known=", ".join(suite.KEYS))

    def progress(message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    result = suite.run(scale, work_dir=Path(args.work_dir) if args.work_dir else None, only=only,
                       repeats=args.repeats, progress=progress)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_table(result))
    return EXIT_OK if result["all_passed"] else EXIT_FAILED


def _table(result: dict[str, Any]) -> str:
    lines = [f"Zhanchi Counter benchmark, scale {result['scale']['cases']:,} "
             f"({result['machine']['cpu']}, {result['machine']['cores']} cores, {result['machine']['date']})", ""]
    for key, target in result["targets"].items():
        if key not in result["passed"]:
            continue
        value = result[key]
        verdict = {True: "ok", False: "MISSED", None: "not measured"}[result["passed"][key]]
        shown = "-" if value is None else f"{value:g}"
        goal = f"target {target['op']} {target['value']:g}"
        lines.append(f"  {key:<18} {shown:>10} {target['unit']:<5}  {goal}  {verdict}")
    lines += [""] + [f"  note: {note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"
