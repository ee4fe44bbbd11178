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


class _PlacedError(ZhanchiError):
    """An error about one place (an input field, an entry of a file): ``reason`` says what is wrong there
    (the text, or catalogue message ``code``), written after the place."""

    def __init__(self, place: str, message: str | None, code: str | None,
                 params: Mapping[str, Any] | None) -> None:
        if message is None and code is None:
            raise TypeError(f"{type(self).__name__} needs its reason or a message code")
        reason = message if message is not None else messages.render(code or "", params or {})
        super().__init__(f"{place}: {reason}")
        self.code, self.params = code, dict(params or {})
        self.reason = reason
        self._place = place

    def reason_said(self, translate: messages.Translate) -> str:
        """The reason in the reader's language."""
        return messages.render(self.code, self.params, translate) if self.code is not None else self.reason

    def said(self, translate: messages.Translate) -> str:
        return f"{self._place}: {self.reason_said(translate)}"


class InvalidInput(_PlacedError):
    """A value offered to the core is malformed; ``field`` names it (dotted path), ``reason`` says what is
    wrong with it (the text, or catalogue message ``code``: ``InvalidInput.about``)."""

    def __init__(self, field: str, message: str | None = None, *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        super().__init__(field, message, code, params)
        self.field = field

    @classmethod
    def about(cls, field: str, code: str, **params: Any) -> Self:
        """``field`` is wrong as catalogue message ``code`` says."""
        return cls(field, code=code, params=params)

    def for_field(self, field: str) -> InvalidInput:
        """The same reason about another field (a value checked under one name, offered under another)."""
        if self.code is not None:
            return InvalidInput(field, code=self.code, params=self.params)
        return InvalidInput(field, self.reason)


def required_text(field: str, value: object, limit: int | None = None) -> str:
    """The text offered under ``field``, stripped: not empty, at most ``limit`` characters (a note, a finding,
    an objection); else ``InvalidInput`` naming ``field``."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.about(field, "value.empty")
    text = value.strip()
    if limit is not None and len(text) > limit:
        raise InvalidInput.about(field, "value.too_long", longest=limit)
    return text


class PolicyError(_PlacedError):
    """A policy (or other reference) file is malformed, or no policy covers a date: ``source`` names the
    file, ``key`` the entry, ``reason`` what is wrong (the text, or catalogue message ``code``:
    ``PolicyError.about``)."""

    def __init__(self, source: str, key: str, message: str | None = None, *, code: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"{source}: {key}", message, code, params)
        self.source = source
        self.key = key

    @classmethod
    def about(cls, source: str, key: str, code: str, **params: Any) -> Self:
        """Entry ``key`` of file ``source`` is wrong as catalogue message ``code`` says."""
        return cls(source, key, code=code, params=params)


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


def os_error_phrase(exc: OSError) -> messages.Phrase:
    """What an operating-system error means for the person at the counter, to put in a message."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return messages.Phrase.of("os.not_writable")
    if exc.errno == errno.ENOSPC:
        return messages.Phrase.of("os.disk_full")
    if exc.errno == errno.ENOENT:
        return messages.Phrase.of("os.gone")
    return messages.Phrase.of("os.other", reason=exc.strerror or exc)

