"""Roles, actions and the permission table: who may do what.

``PERMISSIONS`` is the single source of truth for who may do what; views ask
it to grey out buttons and services call ``require`` before changing
anything, so the rule holds whether the action comes from a window or the CLI.
Kept apart from the accounts (``staff``) so a window can decide what to show
before the database layer is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from desktop.models.errors import PermissionDenied


class Role(StrEnum):
    clerk = "clerk"
    reviewer = "reviewer"
    approver = "approver"
    supervisor = "supervisor"
    auditor = "auditor"
    admin = "admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.clerk: "受理员",
    Role.reviewer: "审核员",
    Role.approver: "审批员",
    Role.supervisor: "科长",
    Role.auditor: "审计员",
    Role.admin: "管理员",
}


class Action(StrEnum):
    case_create = "case.create"
    case_accept = "case.accept"
    case_withdraw = "case.withdraw"
    case_start_review = "case.start_review"
    case_reject = "case.reject"
    case_publicize = "case.publicize"
    case_object = "case.object"  # an objection during publicity sends the case back to review
    case_approve = "case.approve"
    case_pay = "case.pay"  # payment export/import, mark paid or failed
    case_requeue_payment = "case.requeue_payment"
    case_confirm_payee = "case.confirm_payee"  # the second person on a payee change after approval
    report_view = "report.view"
    audit_view = "audit.view"
    staff_manage = "staff.manage"
    settings_manage = "settings.manage"
    registry_import = "registry.import"
    data_purge = "data.purge"  # personal data of cases closed before the retention period (issue 20.6)
    document_print = "document.print"  # case documents, lists and sheets with personal data on them

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.case_create: "新建案件",
    Action.case_accept: "受理案件",
    Action.case_withdraw: "撤回案件",
    Action.case_start_review: "开始审核",
    Action.case_reject: "驳回案件",
    Action.case_publicize: "公示案件",
    Action.case_object: "处理公示异议",
    Action.case_approve: "审批",
    Action.case_pay: "办理发放",
    Action.case_requeue_payment: "重新发放",
    Action.case_confirm_payee: "确认收款账户变更",
    Action.report_view: "查看报表",
    Action.audit_view: "查看审计记录",
    Action.staff_manage: "管理人员账户",
    Action.settings_manage: "修改设置",
    Action.registry_import: "导入登记数据",
    Action.data_purge: "清除保存期满案件的个人信息",
    Action.document_print: "打印含个人信息的文书",
}

PERMISSIONS: Mapping[Role, frozenset[Action]] = MappingProxyType(
    {
        Role.clerk: frozenset({Action.case_create, Action.case_accept, Action.case_withdraw, Action.document_print}),
        Role.reviewer: frozenset(
            {Action.case_start_review, Action.case_reject, Action.case_publicize, Action.case_object,
             Action.document_print}
        ),
        Role.approver: frozenset({Action.case_approve, Action.case_pay, Action.case_requeue_payment,
                                  Action.case_confirm_payee, Action.document_print}),
        Role.supervisor: frozenset({Action.report_view, Action.audit_view, Action.case_pay, Action.registry_import,
                                    Action.case_confirm_payee, Action.data_purge, Action.document_print}),
        Role.auditor: frozenset({Action.audit_view, Action.report_view}),
        # The administrator runs the system and does not handle cases.
        Role.admin: frozenset({Action.staff_manage, Action.settings_manage, Action.registry_import, Action.data_purge}),
    }
)


@dataclass(frozen=True)
class StaffUser:
    username: str
    display_name: str
    role: Role
    office_code: str


def role_can(role: Role | str, action: Action) -> bool:
    return action in PERMISSIONS.get(Role(role), frozenset())


def can(actor: StaffUser, action: Action) -> bool:
    return role_can(actor.role, action)


def require(actor: StaffUser, action: Action) -> None:
    if not can(actor, action):
        raise PermissionDenied.of("permission.denied", role=Role(actor.role), action=Action(action))
