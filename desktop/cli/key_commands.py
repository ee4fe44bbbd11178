"""The data folder's encryption key (issue 20.1): ``key status``, ``key export``, ``key import``.

``key status`` prints JSON: whether the database is encrypted, the folder's key id and where this
account keeps the key (``null`` when it does not have it).

``key export --out FILE`` writes the key sealed with a passphrase, to move the folder (or its
backups) to another computer or account; ``key import FILE`` there keeps it in that account's key
store.  The passphrase is asked twice on a terminal, or read from the first line of
``--passphrase-file``.  Whoever has FILE and the passphrase can read the folder: keep them apart.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import (
    EXIT_OK,
    CliParser,
    UsageError,
    named_staff,
    open_existing_store,
    print_json,
    read_text,
    resolve_data_dir,
)
from desktop.models.audit import default_actor
from desktop.models.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.models.store import Store


def register(sub: Any) -> None:
    p = sub.add_parser("key", help="数据库加密密钥：查看（status）、导出（export）、导入（import）")
    actions = p.add_subparsers(dest="key_command", metavar="status|export|import", parser_class=CliParser,
                               required=True)
    status = actions.add_parser("status", help="数据库是否已加密、密钥标识、本机保存密钥的位置（JSON）")
    status.set_defaults(func=cmd_status)
    export = actions.add_parser("export", help="用口令封存导出密钥，用于把数据文件夹迁移到另一台电脑或另一个账户")
    export.add_argument("--out", required=True, metavar="FILE", help="导出的密钥文件（不会覆盖已有文件）")
    export.add_argument("--passphrase-file", metavar="FILE", help="从文件第一行读取口令（默认在终端输入两次）")
    export.add_argument("--user", help="导出人账号（记入审计记录；默认记为操作系统账户）")
    export.set_defaults(func=cmd_export)
    load = actions.add_parser("import", help="导入用 key export 导出的密钥，存入本机当前用户的密钥库")
    load.add_argument("file", metavar="FILE", help="导出的密钥文件")
    load.add_argument("--passphrase-file", metavar="FILE", help="从文件第一行读取口令（默认在终端输入）")
    load.add_argument("--user", help="导入人账号（记入审计记录；默认记为操作系统账户）")
    load.set_defaults(func=cmd_import)


def _passphrase(args: argparse.Namespace, *, twice: bool) -> str:
    if args.passphrase_file:
        lines = read_text(args.passphrase_file, "--passphrase-file").splitlines()
        if not lines or not lines[0]:
            raise InvalidInput.about("--passphrase-file", "file.first_line_empty", file=args.passphrase_file)
        return lines[0]
    if not sys.stdin.isatty():
        raise UsageError("--passphrase-file", "不在终端上运行：请用 --passphrase-file 给出口令")
    import getpass

    first = getpass.getpass("口令：")
    if twice and getpass.getpass("再输入一次口令：") != first:
        raise InvalidInput.about("passphrase", "key.passphrases_differ")
    return first


def cmd_status(args: argparse.Namespace) -> int:
    from desktop.models import database, keystore

    folder = resolve_data_dir(args)
    key_id = keystore.read_key_id(folder)
    print_json({"data_dir": str(folder), "database": database.file_state(database.db_path(folder)),
                "key_id": key_id, "key_kept": keystore.where_is(key_id) if key_id else None})
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.models import key_moves

    passphrase = _passphrase(args, twice=True)
    store = open_existing_store(args)
    try:
        key_id = key_moves.export_key(store, Path(args.out), passphrase, _actor(store, args))
    finally:
        store.close()
    print_json({"exported": str(args.out), "key_id": key_id})
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.models import database, key_moves

    folder = resolve_data_dir(args)
    source = Path(args.file)
    if not source.is_file():
        raise InvalidInput.about("FILE", "file.not_found_key", file=source)
    key_id, where = key_moves.import_key(source, _passphrase(args, twice=False), folder)
    if database.file_state(database.db_path(folder)) == "encrypted":  # the folder opens now: say who brought the key
        store = open_existing_store(args)
        try:
            key_moves.record_import(store, key_id, source, _actor(store, args))
        finally:
            store.close()
    print_json({"imported": key_id, "key_kept": where})
    return EXIT_OK


def _actor(store: Store, args: argparse.Namespace) -> str:
    return named_staff(store, args.user).username if args.user else default_actor()
