"""The core's error catalogue (issue 18.5): errors carry a code and parameters, the words live once in
``models.messages``, the command line says them in Chinese and the window in its own language."""

from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.models import messages
from desktop.models.errors import AuthenticationFailed, PermissionDenied, ZhanchiError
from desktop.models.permissions import Action, Role, StaffUser, require

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "zhanchi_en.ts"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_a_refusal_carries_its_code_and_parameters_and_reads_in_chinese() -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(StaffUser("wang", "王", Role.clerk, "440100"), Action.case_approve)
    error = caught.value
    assert (error.code, error.params) == ("permission.denied", {"role": Role.clerk, "action": Action.case_approve})
    assert str(error) == "受理员无权审批"


def test_the_words_follow_the_readers_language() -> None:
    english = {(messages.CONTEXT, "{role}无权{action}"): "A {role} may not {action}",
               (messages.LABELS_CONTEXT, "受理员"): "clerk", (messages.LABELS_CONTEXT, "审批"): "approve"}
    error = PermissionDenied.of("permission.denied", role=Role.clerk, action=Action.case_approve)
    assert error.said(lambda context, text: english.get((context, text), text)) == "A clerk may not approve"


def test_an_error_raised_with_its_words_is_said_as_raised() -> None:
    assert ZhanchiError("磁盘已满").said(lambda context, text: "translated") == "磁盘已满"
    with pytest.raises(TypeError):
        ZhanchiError()


def test_no_message_names_a_command_line_option() -> None:
    assert not [code for code, text in messages.MESSAGES.items() if re.search(r"--[a-z]", text)]


def test_every_code_raised_in_the_sources_is_in_the_catalogue() -> None:
    raised = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        raised |= set(re.findall(r"\.of\(\s*\"([a-z_]+\.[a-z_.]+)\"", path.read_text(encoding="utf-8")))
        raised |= set(re.findall(r"check_printer\([^)]*\"(permission\.[a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert raised, "the sources raise catalogued errors"
    assert raised <= set(messages.MESSAGES), sorted(raised - set(messages.MESSAGES))


def test_each_translation_keeps_the_parameters_of_its_message() -> None:
    translations = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") == messages.CONTEXT:
            for message in context.iter("message"):
                translations[message.findtext("source")] = message.findtext("translation") or ""
    assert set(translations) == set(messages.MESSAGES.values())
    for source, english in translations.items():
        assert english and _fields(english) <= _fields(source), (source, english)
        assert "{role}" not in source or "{role}" in english, source


def test_a_failed_sign_in_is_coded() -> None:
    error = AuthenticationFailed.of("auth.wrong_password")
    assert (str(error), error.code) == ("用户名或密码错误", "auth.wrong_password")


# The error classes of the core whose words must come from the catalogue (issue 18.5).
_CORE_ERRORS = {"ZhanchiError", "InvalidInput", "PolicyError", "NotFound", "PermissionDenied", "Conflict",
                "AuthenticationFailed", "AccountLocked", "StorageError", "KeyMissing", "MissingSetting",
                "AccountConflict", "LastAdmin", "EncodingRefused", "PaymentResultRefused", "ImportRejected",
                "SealBroken", "MaterialsMissing", "SupplementRefused", "ApprovalRefused", "ReaderError", "NoCard"}
_CODED_CALLS = {"of", "about", "fail", "_file_error"}


def _core_sources() -> list[Path]:
    desktop = ROOT / "desktop"
    return ([p for p in (desktop / "models").rglob("*.py") if "migrations" not in p.parts]
            + [desktop / "settings.py"] + sorted((desktop / "devices").rglob("*.py")))


def _outer_sources() -> list[Path]:
    """The layers above the core whose errors reach people too: the command line, the documents, the sync
    with the central system and the window."""
    return [path for package in ("cli", "documents", "sync", "views")
            for path in sorted((ROOT / "desktop" / package).rglob("*.py"))]


def _error_classes() -> set[str]:
    """The core's error classes and every class of ``desktop/`` derived from one (``SyncError``,
    ``UnprintableCharacter``, the command line's ``UsageError`` …), read from the sources."""
    bases: dict[str, set[str]] = {}
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else ""
                    for b in node.bases)
    known = set(_CORE_ERRORS)
    while grown := {name for name, of in bases.items() if of & known} - known:
        known |= grown
    return known


# What takes a code above the core: the errors' constructors and the helpers that make one.
_CODE_TAKERS = {"of", "about", "_refuse", "user_refused", "open_existing_store"}

# Errors above the core that keep words of their own, and why: each must be one the window never shows.
_OWN_WORDS = {
    "UsageError": "cli/common.py: the command line's words about what was typed, naming its option (--user, "
                  "--yes, --map); raised by the commands only, never by the core nor shown by the window",
}


def _called(node: ast.Call) -> str | None:
    return node.func.id if isinstance(node.func, ast.Name) else \
        node.func.attr if isinstance(node.func, ast.Attribute) else None


def test_the_core_raises_no_words_of_its_own() -> None:
    """Every error of the core (and of the settings and the devices) is raised by code: no Chinese text
    written at a raise site, which the window could not translate."""
    chinese = re.compile(r"[\u4e00-\u9fff]")
    found = []
    for path in _core_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called(node) in _CORE_ERRORS | _CODED_CALLS:
                texts = [n.value for arg in [*node.args, *(k.value for k in node.keywords)] for n in ast.walk(arg)
                         if isinstance(n, ast.Constant) and isinstance(n.value, str) and chinese.search(n.value)]
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: {text[:30]}" for text in texts]
    assert found == []


def test_every_code_given_to_an_error_is_in_the_catalogue() -> None:
    """``X.of("code")``, ``InvalidInput.about(field, "code")``, ``PolicyError.about(source, key, "code")``, the
    readers' ``fail(key, "code")`` and ``code="…"``: each names a message of the catalogue."""
    dotted = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")
    given = set()
    for path in _core_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called(node) in _CODED_CALLS | _CORE_ERRORS:
                # The code: the first argument of ``of``, the last of ``about``, ``fail`` and ``_file_error``.
                values = [k.value for k in node.keywords if k.arg == "code"]
                if node.args and _called(node) in _CODED_CALLS:
                    values.append(node.args[0] if _called(node) == "of" else node.args[-1])
                given |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                          and dotted.fullmatch(v.value)}
    assert len(given) > 300
    assert given <= set(messages.MESSAGES), sorted(given - set(messages.MESSAGES))


def test_a_message_nests_a_phrase_in_the_readers_language() -> None:
    from desktop.models.errors import StorageError, os_error_phrase

    error = StorageError.of("store.data_folder", data_dir="/data", reason=os_error_phrase(PermissionError(13, "x")))
    assert str(error) == "数据文件夹 /data 无法写入（只读或权限不足），请检查文件夹权限"
    english = {messages.MESSAGES["store.data_folder"]: "The data folder {data_dir} {reason}",
               messages.MESSAGES["os.not_writable"]: "cannot be written"}
    assert error.said(lambda context, text: english.get(text, text)) == "The data folder /data cannot be written"


def test_no_message_takes_a_parameter_the_errors_keep_for_themselves() -> None:
    """``field`` and ``code`` are the errors' own arguments (``InvalidInput.about(field, code, **params)``)."""
    assert not [code for code, text in messages.MESSAGES.items() if _fields(text) & {"field", "code", "source", "key"}]


def test_the_layers_above_the_core_raise_no_words_of_their_own() -> None:
    """The command line, the documents, the sync and the window raise the core's errors (and their own
    kinds of them) by code too (issue 18.5): the window says them in its reader's language.  Words the
    window translates itself (inside ``tr(…)``) are its own; ``_OWN_WORDS`` lists the only exceptions."""
    chinese = re.compile(r"[\u4e00-\u9fff]")
    errors = _error_classes()
    assert {"SyncError", "ProtocolError", "UnprintableCharacter", "UsageError"} <= errors
    found = []
    for path in _outer_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        translated = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call)
                      and _called(call) in ("tr", "translate") for n in ast.walk(call)}
        error_bodies = [n for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) and cls.name in errors
                        for n in ast.walk(cls) if isinstance(n, ast.Call) and _called(n) == "__init__"]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in translated:
                continue
            if _called(node) not in (errors - set(_OWN_WORDS)) | _CODE_TAKERS and node not in error_bodies:
                continue
            texts = [n.value for arg in [*node.args, *(k.value for k in node.keywords)] for n in ast.walk(arg)
                     if isinstance(n, ast.Constant) and isinstance(n.value, str) and chinese.search(n.value)
                     and id(n) not in translated]
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {text[:30]}" for text in texts]
    assert found == []


def test_the_own_words_allowed_above_the_core_are_raised_by_the_command_line_only() -> None:
    for name in _OWN_WORDS:
        users = [p.relative_to(ROOT) for p in (ROOT / "desktop").rglob("*.py")
                 if re.search(rf"\b{name}\(", p.read_text(encoding="utf-8"))]
        assert users and all(p.parts[1] == "cli" for p in users), (name, users)


def test_every_code_named_above_the_core_is_in_the_catalogue() -> None:
    """A code the command line, the documents or the sync give an error (``of``, ``about``, ``code=``, the
    helpers that take one: ``_refuse``, ``user_refused``, ``open_existing_store``) or keep in a table (the
    receipt's refusals, ``COMMAND_OF_CODE``) is a message of the catalogue."""
    dotted = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")
    takers = _error_classes() | _CODE_TAKERS
    families = {code.split(".")[0] for code in messages.MESSAGES}  # not module names kept in a table
    named = set()
    for path in _outer_sources():
        if path.parent.name == "views":  # its words are its own (tr); it raises the core's errors by their codes
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            given: list[ast.expr] = []
            if isinstance(node, ast.Call) and _called(node) in takers:
                given = [*node.args, *(k.value for k in node.keywords if k.arg in ("code", "missing"))]
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) \
                    and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                given = [*(k for k in node.value.keys if k is not None), *node.value.values]
            named |= {n.value for n in given if isinstance(n, ast.Constant) and isinstance(n.value, str)
                      and dotted.fullmatch(n.value) and n.value.split(".")[0] in families}
    assert len(named) > 50
    assert named <= set(messages.MESSAGES), sorted(named - set(messages.MESSAGES))
