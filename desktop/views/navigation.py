"""Which back-office pages a person gets, decided from the permission table alone.

Kept apart from the pages themselves (and their database imports) so the main
window can lay out its navigation the moment it appears, while the data folder
is still opening; ``build_page`` imports a page's module only when it is built.
The order is UI.md's: 审核 · 公示 · 发放 · (查询) · 统计 · 审计 · 人员管理; each role
lands on its main page (``landing_page``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.models.permissions import Action, Role, StaffUser, can
from desktop.views.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.models.workspace import Workspace
    from desktop.views.tasks import TaskRunner


@dataclass(frozen=True)
class PageEntry:
    name: str  # the objectName of its navigation action
    source_label: str  # Chinese source text, context "BackOffice"
    page_class: str  # "module:Class"
    allowed: Callable[[StaffUser], bool]
    after_search: bool = False  # placed after 查询 in the navigation (reports, audit, accounts)

    @property
    def label(self) -> str:
        return QCoreApplication.translate("BackOffice", self.source_label)


BACK_OFFICE: tuple[PageEntry, ...] = (
    PageEntry("nav.review", QT_TRANSLATE_NOOP("BackOffice", "审核"), "desktop.views.review_page:ReviewPage",
              lambda user: can(user, Action.case_start_review)),
    PageEntry("nav.publicity", QT_TRANSLATE_NOOP("BackOffice", "公示"), "desktop.views.publicity_page:PublicityPage",
              lambda user: can(user, Action.case_publicize)),
    PageEntry("nav.payment", QT_TRANSLATE_NOOP("BackOffice", "发放"), "desktop.views.payment_page:PaymentPage",
              lambda user: can(user, Action.case_approve) or can(user, Action.case_pay)),
    PageEntry("nav.dashboard", QT_TRANSLATE_NOOP("BackOffice", "统计"), "desktop.views.dashboard_page:DashboardPage",
              lambda user: can(user, Action.report_view), after_search=True),
    PageEntry("nav.audit", QT_TRANSLATE_NOOP("BackOffice", "审计"), "desktop.views.audit_page:AuditPage",
              lambda user: can(user, Action.audit_view), after_search=True),
    PageEntry("nav.staff", QT_TRANSLATE_NOOP("BackOffice", "人员管理"), "desktop.views.staff_page:StaffPage",
              lambda user: can(user, Action.staff_manage), after_search=True),
)

# The page each role starts its day on: its main work (a clerk's is the intake form, "nav.new_case").
LANDING: dict[Role, str] = {
    Role.clerk: "nav.new_case",
    Role.reviewer: "nav.review",
    Role.approver: "nav.payment",  # 审批 is the first tab of 发放
    Role.supervisor: "nav.dashboard",
    Role.auditor: "nav.audit",
    Role.admin: "nav.staff",
}


def back_office_entries(user: StaffUser) -> list[PageEntry]:
    """The back-office pages ``user`` may use, in navigation order; a clerk gets none."""
    return [entry for entry in BACK_OFFICE if entry.allowed(user)]


def landing_page(user: StaffUser) -> str | None:
    """The navigation name of the back-office page ``user`` starts on: the role's main page when
    the role may use it, else the first of its pages; None when it has none (a clerk: intake)."""
    entries = [entry.name for entry in back_office_entries(user)]
    main = LANDING.get(Role(user.role))
    if main in entries:
        return main
    return entries[0] if entries else None


def page_modules() -> list[str]:
    """Every back-office page's module (to import ahead of building, off the GUI thread)."""
    return [entry.page_class.partition(":")[0] for entry in BACK_OFFICE]


def build_page(entry: PageEntry, workspace: Workspace, runner: TaskRunner, user: StaffUser) -> QWidget:
    module, _, name = entry.page_class.partition(":")
    page_class = getattr(importlib.import_module(module), name)
    page: QWidget = page_class(workspace, runner, user)
    return page
