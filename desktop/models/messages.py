"""The words of the core's errors: one catalogue, by code (issue 18.5).

A core error says what went wrong by a code and its parameters (``ZhanchiError.code`` and
``params``); the words are here, in Simplified Chinese, written once.  The command line says them
as written (``str(error)``); the window says them in the reader's language (``ZhanchiError.said``
with Qt's translate): lupdate reads this catalogue through ``scripts/build_translations.py`` under
``CONTEXT``.  A parameter that is a domain value with a label (a role, an action) is said by its
label, translated the same way under ``LABELS_CONTEXT``.  No text here names a command-line option
(the window shows the same errors); the command line adds its own hints.

Errors raised with a plain text (``ZhanchiError("…")``) still work: they are moved here as they
are touched, the ones a clerk meets most first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any

CONTEXT = "CoreErrors"
LABELS_CONTEXT = "DomainLabels"  # roles and actions
STATE_CONTEXT = "CaseState"  # a case's states (the window's case lists say them too)
Translate = Callable[[str, str], str]  # (context, text) -> the text in the reader's language
_PRINTERS = "（打印件含个人信息，仅限经办、审核、审批人员和科长）"  # the roles with Action.document_print

MESSAGES: Mapping[str, str] = MappingProxyType({
    # Who may do what (models/permissions.py and the services' own four-eyes rules).
    "permission.denied": "{role}无权{action}",
    "permission.own_case_approval": "受理人不得审批本人受理的案件",
    "permission.own_integrity_record": "不能撤销本人记录的诚信档案，须由另一名工作人员核实后撤销",
    "permission.payee_change_second_person": "收款账户变更须由提出人（{proposer}）以外的另一人确认",
    "permission.not_admin": "账户 {username} 已停用或已不是管理员，无权{action}",
    "permission.print_account_inactive": "账户 {username} 不存在或已停用，不能打印",
    "permission.report_account_inactive": "账户 {username} 不存在或已停用，不能打印报表",
    "permission.print_case_documents": "{role}无权打印案件文书" + _PRINTERS,
    "permission.print_publicity_list": "{role}无权打印公示名单" + _PRINTERS,
    "permission.print_reconciliation": "{role}无权打印外出受理对账单" + _PRINTERS,
    "permission.print_outreach_lists": "{role}无权打印告知名单" + _PRINTERS,
    # A case and its lifecycle (models/cases.py, review.py, publicity.py).
    "case.not_found": "未找到案件：{case}",
    "case.changed_meanwhile": "案件 {case_no} 已被他人修改，请刷新后重试",
    "case.cannot_accept": "案件当前状态为“{state}”，不能受理",
    "case.cannot_move": "案件当前状态为“{state}”，不能改为“{to}”",
    "case.rejection_needs_reason": "驳回须写明理由",
    "case.disputed_needs_reason": "核验结果为不符合条件，如仍要受理，须填写受理理由",
    "review.not_under_review": "案件 {case_no} 当前状态为“{state}”，不在审核中",
    "publicity.batch_not_found": "未找到公示批次：{batch}",
    "publicity.nothing_to_list": "没有待公示的案件（审核通过且未列入公示批次的案件）",
    "publicity.not_passed": "案件 {case_no} 当前状态为“{state}”，审核通过后才能公示",
    "publicity.already_listed": "案件 {case_no} 已列入公示批次",
    "publicity.already_published": "公示批次 {batch_no} 已发布，不能再次发布",
    "publicity.empty_batch": "公示批次 {batch_no} 中没有案件",
    "publicity.cannot_publish_case": "案件 {case_no} 当前状态为“{state}”，不能公示",
    "publicity.period_running": "公示期至{ends_on}（含）尚未届满，{first_day}起方可结束公示",
    "publicity.objection_not_in_publicity": "案件 {case_no} 当前状态为“{state}”，不在公示中，不能登记公示异议",
    "payment.batch_not_found": "未找到发放批次：{batch}",
    "payment.requeue_only_failed": "案件 {case_no} 当前状态为“{state}”，只有发放失败的案件才能重新发放",
    "payment.already_in_batch": "有案件已在其他发放批次中（待发放或已发放），不能重复发放；本次未导出",
    # Signing in (models/staff.py).
    "auth.wrong_password": "用户名或密码错误",
    "auth.wrong_old_password": "原密码不正确",
    "auth.locked": "登录失败次数过多，账户已锁定，请于 {until} 后再试",
})


def _unchanged(context: str, text: str) -> str:
    return text


def label_context(value: Enum) -> str:
    """The translation context of a domain value's label: its own ``label_context``, else ``LABELS_CONTEXT``."""
    context = getattr(value, "label_context", LABELS_CONTEXT)
    return context if isinstance(context, str) else LABELS_CONTEXT


def _as_said(value: Any, translate: Translate) -> str:
    label = getattr(value, "label", None)
    if isinstance(value, Enum) and isinstance(label, str):
        return translate(label_context(value), label)
    return str(value)


def render(code: str, params: Mapping[str, Any], translate: Translate = _unchanged) -> str:
    """The message ``code`` with ``params`` put in, in the language ``translate`` gives (Chinese by default)."""
    template = translate(CONTEXT, MESSAGES[code])
    return template.format_map({name: _as_said(value, translate) for name, value in params.items()})


__all__ = ["CONTEXT", "LABELS_CONTEXT", "MESSAGES", "STATE_CONTEXT", "Translate", "label_context", "render"]
