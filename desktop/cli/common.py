"""What every command shares: one-line errors, JSON in and out, the data folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.config import data_dir
from desktop.models.errors import InvalidInput, NotFound, PermissionDenied, StorageError, ZhanchiError, os_error_phrase

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
    "mapping": "--map",
}
REGISTER_HINT = "（运行 register --central URL --office CODE --device NAME --token TOKEN）"
CA_BUNDLE_HINT = "（register --ca-bundle 证书文件）"
RESTORE_HINT = "；请用 restore 从最近一次完好的备份恢复（损坏的文件会保留）"
# The core says what to do in words (the window shows the same errors); here, the command that does it.
COMMAND_OF_CODE = {
    "outreach.no_insured_registry": "（import insured FILE）",
    "outreach.no_certificate_registry": "（import certificates FILE）",
    "key.no_key_id": "（zhanchi key import FILE）",
    "key.not_here": "（原来的电脑上：zhanchi key export --out FILE；本机：zhanchi key import FILE）",
    "sync.no_data": "（先运行 register）",
    "file.is_folder_csv": "（按单位输出 PDF 请加 --by-employer）",
}


class UsageError(InvalidInput):
    """This command line's own words about what was typed, naming its option (``--user``, ``--yes``): never
    raised by the core nor shown by the window, so not in the catalogue (``tests/models/test_messages.py``
    lets only these carry words of their own, each naming an option)."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(option, message)


def command_hint(code: str | None) -> str:
    """The command that does what the core's message ``code`` asks for in words ("" for most)."""
    return COMMAND_OF_CODE.get(code or "", "")


def error_line(exc: ZhanchiError) -> str:
    """A core error as this command line says it: an input's field as the option a person typed, and the
    command that helps."""
    if isinstance(exc, InvalidInput):
        return f"{OPTION_OF_FIELD.get(exc.field, exc.field)}: {exc.reason}{command_hint(exc.code)}"
    return f"{exc}{command_hint(exc.code)}"


def refused_as(user: StaffUser, exc: PermissionDenied) -> PermissionDenied:
    """The core's refusal of ``user`` (named by ``--user``), said in terms of the command's options."""
    return PermissionDenied(f"--user: {user.username}：{exc}")


def user_refused(user: StaffUser, code: str) -> PermissionDenied:
    """``user`` (named by ``--user``) may not do what catalogue message ``code`` says of an account and its role."""
    return PermissionDenied(f"--user: {PermissionDenied.of(code, username=user.username, role=user.role)}")


def read_text(source: str, field: str) -> str:
    """The UTF-8 text of the file ``source`` (stdin for ``-``) a command was given under ``field``."""
    try:
        return sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput.about(field, "file.cannot_read", file=source, reason=os_error_phrase(exc)) from None
    except UnicodeDecodeError:
        raise InvalidInput.about(field, "file.not_utf8", file=source) from None


def sync_error_line(exc: Exception) -> str:
    """A sync error, with the option that helps where there is one."""
    from desktop.sync.client import CertificateUntrusted, NotRegistered

    if isinstance(exc, NotRegistered):
        return f"{exc}{REGISTER_HINT}"
    return f"{exc}{CA_BUNDLE_HINT}" if isinstance(exc, CertificateUntrusted) else str(exc)


def read_json(source: str) -> Any:
    """The JSON document in FILE, or on stdin for ``-``."""
    text = read_text(source, "FILE")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput.about("input", "json.invalid", line=exc.lineno, column=exc.colno, error=exc.msg) from None
    except RecursionError:
        raise InvalidInput.about("input", "json.too_deep") from None
    except ValueError:  # an integer of thousands of digits (Python's conversion limit)
        raise InvalidInput.about("input", "json.number_too_long") from None


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
            raise StorageError(check.message + command_hint(check.code))
        if not check.ok:
            raise StorageError(check.message + RESTORE_HINT)


def open_existing_store(args: argparse.Namespace, field: str = "--data-dir", missing: str = "store.no_data",
                        **params: object) -> Store:
    """The store of the command's data folder, which must already hold a sound database: opening
    would create an empty one, and a typo in --data-dir should not.  Without one, the error
    names ``field`` and says catalogue message ``missing`` with ``params`` and ``folder`` (default: the
    folder has no data yet); a damaged one is refused in one line."""
    from desktop.models.backup import DB_FILENAME
    from desktop.models.store import open_store  # SQLAlchemy: not on the window's start path

    folder = resolve_data_dir(args)
    if not (folder / DB_FILENAME).exists():
        raise InvalidInput.about(field, missing, folder=folder, **params)
    refuse_if_damaged(folder)
    return open_store(folder)


def named_staff(store: Store, username: str) -> StaffUser:
    """The account named by ``--user``; an unknown name is refused naming the option."""
    from desktop.models.staff import get_staff

    try:
        return get_staff(store, username)
    except NotFound:
        raise InvalidInput.about("--user", "staff.no_such_user", username=username) from None
