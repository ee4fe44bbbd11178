"""backup, backup list, restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_OK, CliParser, UsageError, print_json, resolve_data_dir
from desktop.models.backup import list_backups, newest_good_backup, restore_backup, rollback_of, take_backup
from desktop.models.clock import Clock
from desktop.models.errors import InvalidInput


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="备份数据库（SQLite 在线备份），保留最近的备份")
    p.set_defaults(func=cmd_backup)
    actions = p.add_subparsers(dest="backup_command", metavar="list", parser_class=CliParser)
    actions.add_parser("list", help="列出备份（最新在前）").set_defaults(func=cmd_list)

    p = sub.add_parser("restore", help="用备份替换数据库（默认最近一个完好的备份）；被替换的文件保留")
    p.add_argument("file", nargs="?", metavar="FILE", help="备份文件（默认最近一个完好的备份）")
    p.add_argument("--yes", action="store_true", help="确认撤销备份之后的操作（先不加此项运行，查看将撤销的内容）")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.models.store import open_store

    data_dir = resolve_data_dir(args)
    open_store(data_dir).close()  # a folder that cannot open is reported, not backed up blindly
    backup = take_backup(data_dir, reason="manual", now=Clock().now())
    print_json({"backup": str(backup.path), "size": backup.size})
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    print_json([{"backup": str(b.path), "taken_at": b.taken_at.isoformat(), "reason": b.reason, "size": b.size}
                for b in list_backups(resolve_data_dir(args))])
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.models import keystore

    data_dir = resolve_data_dir(args)
    if keystore.read_key_id(data_dir) is not None:
        keystore.folder_key(data_dir)  # no key here (a copied folder): said as such, not "no usable backup"
    if args.file:
        chosen = Path(args.file)
        if not chosen.is_file():
            raise InvalidInput.about("FILE", "file.not_found_backup", file=chosen)
    else:
        good = newest_good_backup(data_dir)
        if good is None:
            raise InvalidInput.about("FILE", "backup.none_usable", data_dir=data_dir)
        chosen = good.path
    rollback = rollback_of(data_dir, chosen)
    if rollback is not None and not rollback.nothing and not args.yes:
        raise UsageError("--yes", f"{rollback.describe()}。确认恢复请加 --yes")
    kept = restore_backup(data_dir, chosen, now=Clock().now())
    print_json({"restored_from": str(chosen), "replaced_database_kept_at": str(kept),
                "rolled_back": None if rollback is None else rollback.to_json()})
    return EXIT_OK
