"""What every command shares: one-line errors, JSON in and out, the data folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.config import data_dir
from desktop.models.errors import InvalidInput, NotFound, os_error_text

if TYPE_CHECKING:
    from desktop.models.permissions import StaffUser
    from desktop.models.store import Store

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class CliParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: 参数错误：{message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def fail(message: str, code: int) -> int:
    sys.stderr.write(message.replace("\n", " ") + "\n")
    return code


def read_json(source: str) -> Any:
    """The JSON document in FILE, or on stdin for ``-``."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput("FILE", f"无法读取 {source}：{os_error_text(exc)}") from None
    except UnicodeDecodeError:
        raise InvalidInput("FILE", f"{source} 不是 UTF-8 编码的文本") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("input", f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None


def print_json(value: Any, *, indent: int | None = 2) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=indent) + "\n")


def resolve_data_dir(args: argparse.Namespace) -> Path:
    return data_dir(getattr(args, "data_dir", None))


def open_existing_store(args: argparse.Namespace, field: str = "--data-dir", missing: str | None = None) -> Store:
    """The store of the command's data folder, which must already hold a database: opening
    would create an empty one, and a typo in --data-dir should not.  Without one, the error
    names ``field`` and says ``missing``, where ``{folder}`` stands for the folder (default: the
    folder has no data yet)."""
    from desktop.models.backup import DB_FILENAME
    from desktop.models.store import open_store  # SQLAlchemy: not on the window's start path

    folder = resolve_data_dir(args)
    if not (folder / DB_FILENAME).exists():
        raise InvalidInput(field, (missing or "数据文件夹 {folder} 中还没有数据").replace("{folder}", str(folder)))
    return open_store(folder)


def named_staff(store: Store, username: str) -> StaffUser:
    """The account named by ``--user``; an unknown name is refused naming the option."""
    from desktop.models.staff import get_staff

    try:
        return get_staff(store, username)
    except NotFound:
        raise InvalidInput("--user", f"没有用户 {username}") from None
