"""One screen per case (UI.md): the form on the left, the verdict always visible on the
right, the materials checklist and the actions at the bottom.

Every judgement is the core's: the page sends the form's JSON to
``intake.assess`` (off the GUI thread) as the clerk types and shows the answer;
acceptance goes through ``intake.file_case``.  What is typed is saved to a
draft file as it is typed, so a crash or a power cut loses nothing.

The page can be built before the data folder is open (the window shows at once
and the clerk starts typing): until ``attach`` hands it the workspace, what is
typed waits, the verdict says the data is opening, and filing is not offered.
The database layer is imported only where it is used, on the worker thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.models import identity
from desktop.models.changes import Changes
from desktop.models.clock import Clock
from desktop.models.drafts import discard_draft, draft_path, load_draft, save_draft
from desktop.models.errors import InvalidInput, ZhanchiError
from desktop.models.masking import mask_id
from desktop.models.permissions import StaffUser
from desktop.models.scan import Scan
from desktop.views.card_reader import CardReaderControl
from desktop.views.field_errors import FieldErrors, describe, error_text
from desktop.views.intake_form import IntakeForm
from desktop.views.keyboard_nav import FOCUS_MARK, FOCUS_MARK_DELAY_MS
from desktop.views.materials_gate import ACCEPT, KEEP, MissingMaterialsDialog
from desktop.views.new_case_question import DISCARD, NewCaseQuestion
from desktop.views.new_case_question import KEEP as KEEP_TYPED
from desktop.views.tasks import TaskRunner
from desktop.views.verify_panel import VerifyPanel

if TYPE_CHECKING:
    from desktop.devices.idcard import IdCard
    from desktop.documents.case_documents import IssuedDocument
    from desktop.models.cases import CaseRecord
    from desktop.models.checklist import ChecklistItem
    from desktop.models.intake import Assessment, RegistryHit
    from desktop.models.workspace import Workspace

log = logging.getLogger(__name__)


class IntakePage(QWidget):
    case_filed = Signal(object)  # CaseRecord, after acceptance or saving as waiting for materials
    document_issued = Signal(object)  # IssuedDocument: the receipt or the notice, to preview and print

    def __init__(self, workspace: Workspace | None, runner: TaskRunner, user: StaffUser,
                 parent: QWidget | None = None, *, clock: Clock, data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.user = workspace, runner, user
        if workspace is not None:
            data_dir = workspace.data_dir
        if data_dir is None:
            raise ValueError("IntakePage needs the workspace or the data folder")
        self.data_dir = data_dir
        self._pending_lookup: str | None = None
        self._typed_while_opening = False
        self._assessment: Assessment | None = None
        self._generation = 0
        self._received: set[str] = set()
        self.missing_dialog: MissingMaterialsDialog | None = None  # the materials gate, while it asks
        self.receipt_format = "a4"  # the window sets it from the settings (a4 | 80mm)
        self.online = False  # the window sets it from each sync round: ask the central registries live

        self.form = IntakeForm(clock)  # the window's: the workspace opened later reads the same
        self.field_errors = FieldErrors(self.form, self._recheck)  # beside the field, in words (16.9)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        self.form_scroll = scroll
        self.panel = VerifyPanel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)  # the verdict can be narrowed, never dragged out of sight (16.5)
        self.panel.setMinimumWidth(240)  # its verdict readable on a 1024-pixel screen

        self.checklist = QListWidget()
        self.checklist.setObjectName("checklist.items")
        self.checklist.setAccessibleName(self.tr("一次性告知材料清单"))
        self.checklist.setMaximumHeight(150)
        self.checklist.itemChanged.connect(self._on_ticked)

        self.message = QLabel()
        self.message.setObjectName("intake.message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存待补正 (F6)"))
        self.save_button.setObjectName("case.save_waiting")
        self.accept_button = QPushButton(self.tr("受理并打印回执 (F9)"))
        self.accept_button.setObjectName("case.accept")
        self.accept_button.setDefault(False)
        self.accept_button.setAutoDefault(False)
        self.notice_button = QPushButton(self.tr("打印一次性告知书 (F7)"))
        self.notice_button.setObjectName("case.print_notice")
        self.save_button.clicked.connect(self.save_waiting)
        self.notice_button.clicked.connect(self.print_notice)
        self.accept_button.clicked.connect(self.accept_case)
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self.save_waiting)
        QShortcut(QKeySequence(Qt.Key.Key_F7), self, self.print_notice)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.accept_case)
        # 读卡 (issue 16.1): the ID-card reader's SDK, read on its own thread; the window sets the factory.
        self.card_reader = CardReaderControl(parent=self)
        self.card_reader.card_read.connect(self.take_card)
        self.card_reader.failed.connect(self._card_failed)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.read_card)

        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.notice_button)
        actions.addWidget(self.accept_button)
        bottom = QVBoxLayout()
        bottom.addWidget(QLabel(self.tr("一次性告知材料（勾选已收取的材料；已通过信息共享获取的无需提供）")))
        bottom.addWidget(self.checklist)
        bottom.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._reassess)
        self.form.changed.connect(self._timer.start)
        self.form.id_number_complete.connect(self._lookup)
        self.form.read_card_button.clicked.connect(self.read_card)
        # Keyboard only (issue 16.8): Enter goes on from the last field to the materials list and
        # the 受理 button; the field the focus lands on is scrolled into view and plainly marked.
        self.new_case_question: NewCaseQuestion | None = None
        self.form.enter_tail = [self.checklist, self.accept_button]
        self.form.reveal = self._reveal
        self.form.watch_enter(self.checklist)
        # The mark's style sheet re-polishes every widget of the form (40-70 ms): applied just after the
        # window's first look, not before it (startup_ratio), long before a clerk has finished a field.
        QTimer.singleShot(FOCUS_MARK_DELAY_MS, self, lambda: self.setStyleSheet(FOCUS_MARK))
        self._restore_draft()
        if workspace is None:
            self._enable(False)
            self.panel.show_status(self.tr("正在打开数据，请稍候：已录入的内容不会丢失"))

    def attach(self, workspace: Workspace) -> None:
        """The data folder is open: what was typed meanwhile is looked up and verified now."""
        self.workspace = workspace
        self._enable(True)
        self.panel.show_waiting([])
        if self._pending_lookup is not None:
            self._lookup(self._pending_lookup)
            self._pending_lookup = None
        if self._typed_while_opening:
            self._typed_while_opening = False
            self._reassess()

    # --- drafts ---------------------------------------------------------------------------

    # Each clerk's own (issue 16.6): after a change of user the next one does not see it.
    @property
    def _draft_path(self) -> Path:
        return draft_path(self.data_dir, self.user.username)

    def _restore_draft(self) -> None:
        state = load_draft(self.data_dir, self.user.username)
        if state is not None and isinstance(state.get("form"), dict):
            self.form.restore_draft(state["form"])
            self._received = set(state.get("received", []))
            self.show_message(self.tr("已恢复上次未完成的录入"))

    def _save_draft(self) -> None:
        state = {"form": self.form.draft_state(), "received": sorted(self._received)}
        try:
            save_draft(self.data_dir, state, self.user.username)  # owner-only (full ID and account), atomic
        except OSError as exc:
            log.warning("draft not saved: %s", exc.strerror)

    def _discard_draft(self) -> None:
        discard_draft(self.data_dir, self.user.username)

    def keep_draft(self) -> None:
        """Save what is typed now (the window is locked or changes hands): not a moment later."""
        if self._timer.isActive():  # typed since the last save (the timer verifies it and saves again)
            self._save_draft()

    # --- live verification ------------------------------------------------------------------

    def _lookup(self, id_number: str) -> None:
        if self.workspace is None:
            self._pending_lookup = id_number
            return
        store, ask_central = self.workspace.store, self.online

        def lookup() -> RegistryHit:
            from desktop.models.intake import lookup_applicant

            # Live first when the central system answered the last sync round (a bounded wait);
            # else, or when it cannot answer now, the local synced copy with its "as of" time.
            if ask_central:
                from desktop.sync.lookup import lookup_online, online_client  # httpx: only when online

                client = online_client(store)
                if client is not None:
                    try:
                        hit = lookup_online(client, id_number)
                    finally:
                        client.close()
                    if hit is not None:
                        return hit
            return lookup_applicant(store, id_number)

        self.runner.run(lookup, self._on_lookup, self._on_error)

    def _on_lookup(self, hit: RegistryHit) -> None:
        if hit.insured_elsewhere:  # issue 14.5: outside the pooling area the central system says only where
            from desktop.models.pooling import region_list

            place = region_list().describe(hit.insured_elsewhere)
            self.show_message(self.tr("此人参保地为 %1，不属本办事处统筹地区，中心系统只告知参保地："
                                      "请告知申请人到参保地申领").replace("%1", place))
        elif hit.person is None and not hit.certificates:
            self.show_message(self.tr("登记数据中没有此人：参保与证书信息请手工录入，受理后待核验"))
        self.form.apply_registry(hit)

    def _intake_json(self, workspace: Workspace) -> dict[str, Any]:
        return self.form.values(workspace.clock.today(), workspace.store.office_code)

    def _reassess(self) -> None:
        self._save_draft()
        self._generation += 1
        generation = self._generation
        self._assessment = None
        ws = self.workspace
        if ws is None:
            self._typed_while_opening = True  # attach() verifies it
            return
        missing = self.form.missing_fields()
        if missing:
            self.panel.show_waiting(missing)
            return
        from desktop.models.application import parse_application

        try:
            # Eligibility needs only the application; payment details matter when the case is filed.
            app = parse_application(self._intake_json(ws))
        except InvalidInput as exc:
            self.panel.show_error(describe(exc))
            self.field_errors.show(exc, focus=False)  # the clerk is typing: the cursor stays
            return
        sources, received = self.form.sources(), set(self._received)

        def done(assessment: Assessment) -> None:
            if generation == self._generation:  # an older answer must not overwrite a newer one
                self._show(assessment)

        def run() -> Assessment:
            from desktop.models.intake import assess

            return assess(ws.store, ws.verifier, app, sources=sources, received=received)

        self.runner.run(run, done, self._on_error)

    def _show(self, assessment: Assessment) -> None:
        self._assessment = assessment
        self.panel.show_verdict(assessment.verdict, assessment.sources)
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for item in assessment.checklist:
            row = QListWidgetItem()
            row.setData(Qt.ItemDataRole.UserRole, item.code)
            if item.needed:
                row.setText(f"{item.name}　—　{item.how}")
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Checked if item.received else Qt.CheckState.Unchecked)
            else:
                row.setText(f"{item.name}　—　{item.reason}")
                row.setFlags(Qt.ItemFlag.ItemIsUserCheckable)  # shown, not enabled: nothing to hand in
                row.setCheckState(Qt.CheckState.Unchecked)
            self.checklist.addItem(row)
        self.checklist.blockSignals(False)

    def _on_ticked(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._received.add(code)
        else:
            self._received.discard(code)
        self._timer.start()

    # --- actions --------------------------------------------------------------------------------

    def save_waiting(self) -> None:
        """保存待补正: file the case as a draft waiting for materials."""
        self._file(accept=False, reason=None)

    def print_notice(self) -> None:
        """打印一次性告知书: file the case as waiting for materials and print what is missing."""
        assessment = self._assessment
        if assessment is not None and not assessment.missing:
            self.show_message(self.tr("材料已齐全，无需出具一次性告知书"), error=True)
            return
        self._file(accept=False, reason=None, then_print="notice")

    def accept_case(self) -> None:
        """受理并打印回执 (F9), through the materials gate (issue 16.4): with materials neither received nor
        checked by information sharing, the clerk is asked, naming them; the default keeps the case 待补正
        with its one-time notice."""
        assessment = self._assessment
        if assessment is None:
            self.show_message(self.tr("请先填写完整，待核验结果出来后再受理"), error=True)
            return
        if self.missing_dialog is not None:
            return  # already asking
        missing = self._missing_now(assessment)
        if missing:
            self._ask_missing(assessment, missing)
            return
        self._accept(assessment, confirm_missing=[])

    def _missing_now(self, assessment: Assessment) -> list[ChecklistItem]:
        """What is missing as the checklist stands now (a tick just made counts before the re-check runs)."""
        return [item for item in assessment.checklist if item.needed and item.code not in self._received]

    def _ask_missing(self, assessment: Assessment, missing: list[ChecklistItem]) -> None:
        dialog = MissingMaterialsDialog([item.name for item in missing],
                                        self.tr("不受理，保存待补正并打印一次性告知书"), self)
        self.missing_dialog = dialog
        codes = [item.code for item in missing]

        def decided(answer: str) -> None:
            self.missing_dialog = None
            dialog.deleteLater()
            if answer == ACCEPT:
                self._accept(assessment, confirm_missing=codes)
            elif answer == KEEP:
                self._file(accept=False, reason=None, then_print="notice")
            else:
                self.show_message(self.tr("未受理：材料不全，可勾选已收取的材料后再受理，或保存待补正"))
                self.form.id_number.setFocus()

        dialog.decided.connect(decided)
        dialog.open()

    def _accept(self, assessment: Assessment, *, confirm_missing: list[str]) -> None:
        reason = None
        if not assessment.verdict.eligible:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("不符合条件仍受理"),
                self.tr("核验结果为不符合条件。如申请人有异议仍要受理，请填写受理理由；"
                        "案件将标记为“有争议”，交审核人复核。"))
            if not ok or not text.strip():
                self.show_message(self.tr("未填写受理理由，案件未受理"), error=True)
                return
            reason = text.strip()
        self._file(accept=True, reason=reason, then_print="receipt", confirm_missing=confirm_missing)

    def _file(self, *, accept: bool, reason: str | None, then_print: str | None = None,
              confirm_missing: list[str] | None = None) -> None:
        ws = self.workspace
        if ws is None:  # the buttons are off until the data is open; this is the shortcut keys
            self.show_message(self.tr("数据尚未打开，请稍候再受理"), error=True)
            return
        from desktop.models.application import parse_intake

        try:
            intake = parse_intake(self._intake_json(ws))
        except InvalidInput as exc:
            self._input_error(exc)
            return
        user, sources, received = self.user, self.form.sources(), sorted(self._received)
        confirmed = list(confirm_missing or [])  # at the counter the gate always applies (issue 16.4)
        self._enable(False)  # one filing at a time: no double case from a double press

        paper = self.receipt_format

        def done(result: tuple[CaseRecord, IssuedDocument | None, Exception | None]) -> None:
            record, issued, print_error = result
            if issued is not None:
                self.document_issued.emit(issued)  # first: on its way to the printer while the form clears
            self._enable(True)
            self._discard_draft()
            self.form.clear()
            self.field_errors.clear()
            self._received.clear()
            self.checklist.clear()
            self.panel.show_waiting([])
            done_text = self.tr("已受理：%1") if accept else self.tr("已保存（待补正）：%1")
            self.show_message(done_text.replace("%1", record.case_no))
            self.focus_id()  # the next applicant starts here (the buttons had it, and were off)
            self.case_filed.emit(record)
            self.runner.publish(Changes.of_cases(record.id))
            if print_error is not None:
                self._on_error(print_error)

        def failed(error: Exception) -> None:
            self._enable(True)
            if isinstance(error, InvalidInput):
                self._input_error(error)
            else:
                self._on_error(error)

        def file() -> tuple[CaseRecord, IssuedDocument | None, Exception | None]:
            from desktop.models.intake import file_case

            record, _ = file_case(ws.store, ws.verifier, user, intake, accept=accept, reason=reason,
                                  sources=sources, received=received, confirm_missing=confirmed)
            if then_print is None:
                return record, None, None
            # The document in the same turn of the worker (issue 16.13): F9 to paper without waiting
            # for the window between the filing and the rendering.  The case is filed either way.
            from desktop.documents.case_documents import issue_to_data_folder

            try:
                return record, issue_to_data_folder(ws.store, ws.verifier, user, record.id, then_print,
                                                    format=paper), None
            except Exception as exc:  # noqa: BLE001 - said to the clerk beside the filed case
                if not isinstance(exc, ZhanchiError):
                    log.exception("document %s of case %s not issued", then_print, record.case_no)
                return record, None, exc

        self.runner.run(file, done, failed)

    def _enable(self, on: bool) -> None:
        for button in (self.accept_button, self.save_button, self.notice_button):
            button.setEnabled(on)

    def _ready_for(self, id_number: str) -> bool:
        """Whether the form may take this person: empty, the same person, or the clerk agrees to drop
        the other applicant on it."""
        current = identity.normalize_id_number(self.form.id_number.text())
        if current and current != id_number:
            answer = QMessageBox.question(
                self, self.tr("读取到另一张身份证"),
                self.tr("表单中是另一位申请人（%1）的信息。放弃这些内容，开始新的申请吗？")
                .replace("%1", mask_id(current)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self.new_case()
        return True

    def read_card(self) -> None:
        """读卡 (F2): the card on the reader fills the form and looks the person up."""
        if self.card_reader.read():
            self.show_message(self.tr("正在读卡…"))

    def take_card(self, card: IdCard) -> None:
        """A card read: its number and name fill the form (the lookup follows), its photo is shown."""
        if not self._ready_for(card.id_number):
            self.show_message(self.tr("未读入：表单中的申请人保留"))
            return
        self.form.id_number.setText(card.id_number)
        self.form.name.setText(card.name)
        self.form.show_card(card)
        self.show_message(self.tr("已读卡：%1").replace("%1", card.name))
        self.form.phone.setFocus()  # the card gave the name: the next thing to ask is the phone

    def _card_failed(self, error: Exception) -> None:
        self.show_message(error_text(error), error=True)

    def take_scan(self, scan: Scan) -> None:
        """An ID card fills the ID field (asking first if the form holds another person);
        a certificate number fills the certificate fields."""
        form = self.form
        if scan.kind == "id_number":
            if not self._ready_for(scan.value):
                return
            form.id_number.setText(scan.value)
            form.name.setFocus()
        elif scan.kind == "certificate":
            form.cert_number.setText(scan.value)
            form.fill_certificate(scan.value)
            form.cert_level.setFocus()

    def request_new_case(self) -> None:
        """Ctrl+N (issue 16.7): a blank form starts over at once; one holding an applicant asks
        whether to keep it (filed 待补正) or drop it, and by default leaves it as it is."""
        if self.form.is_blank() and not self._received:
            self.new_case()
            return
        if self.new_case_question is not None:
            return  # already asking
        who = self.form.name.text().strip() or mask_id(identity.normalize_id_number(self.form.id_number.text())) \
            or self.tr("未填姓名")
        question = NewCaseQuestion(who, self)
        self.new_case_question = question

        def decided(answer: str) -> None:
            self.new_case_question = None
            question.deleteLater()
            if answer == KEEP_TYPED:
                self.save_waiting()  # cleared when filed; a refusal shows beside its field, nothing lost
            elif answer == DISCARD:
                self.new_case()
            else:
                self.show_message(self.tr("未开始新的申请：表单内容保留"))

        question.decided.connect(decided)
        question.open()

    def focus_id(self) -> None:
        """The ID field, scrolled into view, takes the focus: where every applicant starts."""
        self.form_scroll.verticalScrollBar().setValue(0)
        self.form_scroll.ensureWidgetVisible(self.form.id_number)
        self.form.id_number.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_after_dialog(self) -> None:
        """A dialog or a preview closed: the ID field again, unless a field shows an error (the
        answer filed nothing and said why beside it): then that field, to be put right."""
        in_error = next(iter(self.field_errors.shown()), None)
        widget = self.form.findChild(QWidget, in_error) if in_error else None
        if widget is None:
            self.focus_id()
            return
        self.form_scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reveal(self, widget: QWidget) -> None:
        if self.form.isAncestorOf(widget):
            self.form_scroll.ensureWidgetVisible(widget)

    def new_case(self) -> None:
        self._discard_draft()
        self.form.clear()
        self.field_errors.clear()
        self._received.clear()
        self.checklist.clear()
        self.panel.show_waiting([])
        self.message.clear()
        self.focus_id()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, InvalidInput) and self.field_errors.show(error, focus=False):
            return
        self.show_message(error_text(error), error=True)

    def _input_error(self, error: InvalidInput) -> None:
        """A value the core refused when filing: said beside its field, the cursor taken there."""
        if self.field_errors.show(error):
            self.message.clear()
        else:
            self.show_message(describe(error), error=True)

    def _recheck(self) -> InvalidInput | None:
        """What the core finds wrong with the form as it is now (an error beside a field: still so?)."""
        if self.workspace is None:
            return None
        from desktop.models.application import parse_intake

        try:
            parse_intake(self._intake_json(self.workspace))
        except InvalidInput as exc:
            return exc
        return None

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(("⚠ " if error else "") + text)
        self.message.setStyleSheet("color: #a61b1b; font-weight: bold;" if error else "color: #1b4f8a;")
