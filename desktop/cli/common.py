"""What every command shares: one-line errors, JSON in and out, the data folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.config import data_dir
from desktop.models.errors import InvalidInput, NotFound, StorageError, os_error_text

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


# The core names what is wrong by its own field names, never by this command line's options
# (issue 18.5: the window shows the same errors); these are the options they stand for here.
OPTION_OF_FIELD = {
    "out": "--out", "data_dir": "--data-dir", "policy": "--policy", "month": "--month", "quarter": "--quarter",
    "before": "--before", "central": "--central", "ca_bundle": "--ca-bundle", "field_day": "--field-day",
}
REGISTER_HINT = "（运行 register --central URL --office CODE --device NAME --token TOKEN）"
CA_BUNDLE_HINT = "（register --ca-bundle 证书文件）"


def input_error_line(exc: InvalidInput) -> str:
    """A core ``InvalidInput`` as this command line says it: the field as the option a person typed."""
    return f"{OPTION_OF_FIELD.get(exc.field, exc.field)}: {exc.reason}"


def sync_error_line(exc: Exception) -> str:
    """A sync error, with the option that helps where there is one."""
    from desktop.sync.client import CertificateUntrusted, NotRegistered

    if isinstance(exc, NotRegistered):
        return f"{exc}{REGISTER_HINT}"
    return f"{exc}{CA_BUNDLE_HINT}" if isinstance(exc, CertificateUntrusted) else str(exc)


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
    except RecursionError:
        raise InvalidInput("input", "JSON 嵌套层数过多，不是受理数据") from None
    except ValueError:  # an integer of thousands of digits (Python's conversion limit)
        raise InvalidInput("input", "JSON 中有位数过多的数字，不是受理数据") from None


def print_json(value: Any, *, indent: int | None = 2) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=indent) + "\n")


def resolve_data_dir(args: argparse.Namespace) -> Path:
    return data_dir(getattr(args, "data_dir", None))


def refuse_if_damaged(folder: Path) -> None:
    """The window's check before it opens a folder (``backup.startup_check``: the whole quick_check
    while the file is small), so nothing reads from or writes to a damaged database."""
    from desktop.models.backup import DB_FILENAME, startup_check

    database = folder / DB_FILENAME
    if database.exists():
        check = startup_check(database)
        if check.key_missing:  # encrypted, and no key for it here (a copied folder): restoring would not help
            raise StorageError(check.message)
        if not check.ok:
            raise StorageError(f"{check.message}；请用 restore 从最近一次完好的备份恢复（损坏的文件会保留）")


def open_existing_store(args: argparse.Namespace, field: str = "--data-dir", missing: str | None = None) -> Store:
    """The store of the command's data folder, which must already hold a sound database: opening
    would create an empty one, and a typo in --data-dir should not.  Without one, the error
    names ``field`` and says ``missing``, where ``{folder}`` stands for the folder (default: the
    folder has no data yet); a damaged one is refused in one line."""
    from desktop.models.backup import DB_FILENAME
    from desktop.models.store import open_store  # SQLAlchemy: not on the window's start path

    folder = resolve_data_dir(args)
    if not (folder / DB_FILENAME).exists():
        raise InvalidInput(field, (missing or "数据文件夹 {folder} 中还没有数据").replace("{folder}", str(folder)))
    refuse_if_damaged(folder)
    return open_store(folder)


def named_staff(store: Store, username: str) -> StaffUser:
    """The account named by ``--user``; an unknown name is refused naming the option."""
    from desktop.models.staff import get_staff

    try:
        return get_staff(store, username)
    except NotFound:
        raise InvalidInput("--user", f"没有用户 {username}") from None
