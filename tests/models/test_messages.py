"""The core's error catalogue (issue 18.5): errors carry a code and parameters, the words live once in
``models.messages``, the command line says them in Chinese and the window in its own language."""

from __future__ import annotations

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
