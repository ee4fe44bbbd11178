"""Typed errors raised by the core.

Views and the CLI show ``str(error)`` to people: every message is plain
Simplified Chinese and names what to fix.  A field name (``field``) lets a
form put the message beside the widget and lets the CLI name the input key.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import Any, Self

from desktop.models import messages


class ZhanchiError(Exception):
    """Base of every error the core raises on purpose (never a bug).

    Raised either with its text or, as the catalogue grows (``models.messages``), by code:
    ``PermissionDenied.of("permission.denied", role=…, action=…)``; ``said`` gives the words in a
    reader's language, ``str()`` in Chinese."""

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        if message is None:
            if code is None:
                raise TypeError("an error needs its words or a message code")
            message = messages.render(code, self.params)
        super().__init__(message)
        self.message = message

    @classmethod
    def of(cls, code: str, **params: Any) -> Self:
        """The error with catalogue message ``code`` (``models.messages.MESSAGES``)."""
        return cls(code=code, params=params)

    def said(self, translate: messages.Translate) -> str:
        """The words in the reader's language (the text as raised when it has no code)."""
        return messages.render(self.code, self.params, translate) if self.code is not None else self.message


class InvalidInput(ZhanchiError):
    """A value offered to the core is malformed; ``field`` names it (dotted path), ``reason`` says what is
    wrong with it (the text, or catalogue message ``code``: ``InvalidInput.about``)."""

    def __init__(self, field: str, message: str | None = None, *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        if message is None and code is None:
            raise TypeError("an input error needs its reason or a message code")
        reason = message if message is not None else messages.render(code or "", params or {})
        super().__init__(f"{field}: {reason}")
        self.code, self.params = code, dict(params or {})
        self.field = field
        self.reason = reason

    @classmethod
    def about(cls, field: str, code: str, **params: Any) -> Self:
        """``field`` is wrong as catalogue message ``code`` says."""
        return cls(field, code=code, params=params)

    def reason_said(self, translate: messages.Translate) -> str:
        """The reason in the reader's language."""
        return messages.render(self.code, self.params, translate) if self.code is not None else self.reason

    def said(self, translate: messages.Translate) -> str:
        return f"{self.field}: {self.reason_said(translate)}"


class PolicyError(ZhanchiError):
    """A policy file is malformed, or no policy covers a date."""

    def __init__(self, source: str, key: str, message: str) -> None:
        super().__init__(f"{source}: {key}: {message}")
        self.source = source
        self.key = key


class NotFound(ZhanchiError):
    """A case, staff account or other record does not exist."""


class PermissionDenied(ZhanchiError):
    """The signed-in person's role may not do this."""


class Conflict(ZhanchiError):
    """The action does not fit the record's current state (e.g. approving a draft)."""


class AuthenticationFailed(ZhanchiError):
    """Wrong user name or password."""


class AccountLocked(ZhanchiError):
    """Too many failed sign-ins: the account is locked for a while."""


class StorageError(ZhanchiError):
    """The environment failed the store: disk full, database locked, read-only folder."""


def os_error_text(exc: OSError) -> str:
    """What an operating-system error means for the person at the counter, in Chinese."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "无法写入（只读或权限不足），请检查文件夹权限"
    if exc.errno == errno.ENOSPC:
        return "所在磁盘已满，请清理磁盘空间后重试"
    if exc.errno == errno.ENOENT:
        return "不存在或已被移走，请检查数据文件夹位置"
    return f"无法访问（{exc.strerror or exc}）"
