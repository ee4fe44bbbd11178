"""Importing a registry file in the window: file and kind, column mapping, the check, the import.

Four steps on one dialog:

1. **文件** — the file (CSV or XLSX) and what it holds (参保人员 / 证书).
2. **对应列** — one row per column of the registry (CONTRACTS.md), each with
   the file's header that holds it: pre-filled with the header of the same
   name or the one ``suggest_mapping`` recognises (身份证号 → id_number), and
   changeable; a required column left unassigned keeps "下一步" disabled.
3. **检查结果** — the file read and checked in the background: how many rows
   are right and which are not, by row and column with the value and the
   reason.  By default a file with errors imports nothing; "只导入正确的行"
   imports the rest and saves the rejected rows, as the file had them plus an
   ``error`` column, to a file the user can fix and import again.
4. **导入** — in the background with a progress bar and a cancel button;
   importing a newer file again updates the rows it shares with the old one.

Progress from the worker thread: the work runs on the window's ``TaskRunner``
(one worker: database work stays serialised).  The core functions take a plain
``progress(done, total)`` callback; ``ProgressRelay.report`` is that callback.
It runs on the worker thread and only emits ``progressed``; the relay lives in
the GUI thread, so Qt queues the signal to the GUI thread, where the bar is
updated.  Emissions are throttled (a million rows must not mean a million
queued events), and ``cancel()`` makes the next ``report`` raise
``ImportCancelled``, which the import turns into a rollback.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import InvalidInput, ZhanchiError
from desktop.models.registry import ImportRejected, ImportReport, import_registry, rejection_summary
from desktop.models.registry_files import (
    COLUMN_LABELS,
    COLUMNS,
    REQUIRED_COLUMNS,
    RegistryFile,
    RegistryKind,
    read_headers,
    read_registry,
    suggest_mapping,
    write_rejects,
)
from desktop.models.staff import SYSTEM_ACTOR, Action, StaffUser, can
from desktop.models.workspace import Workspace
from desktop.views.tasks import TaskRunner

SHOWN_ERRORS = 2000  # rows of the error table; the rejects file has all of them


class ImportCancelled(ZhanchiError):
    """The user cancelled: nothing was imported."""

    def __init__(self) -> None:
        super().__init__(code="registry.import_cancelled")


class ProgressRelay(QObject):
    """A ``progress(done, total)`` callback for worker code that reaches the GUI thread as a signal.

    Create it in the GUI thread; pass ``relay.report`` to the core function.
    ``total`` 0 means "not known" (a busy indicator)."""

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None, *, interval: float = 0.1) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._interval = interval
        self._last = 0.0

    def report(self, done: int, total: int) -> None:
        """Called on the worker thread: raises ``ImportCancelled`` once cancelled."""
        if self._cancel.is_set():
            raise ImportCancelled
        now = time.monotonic()
        if done < total and now - self._last < self._interval:
            return  # throttled; the last report (done == total) always goes through
        self._last = now
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def initial_mapping(headers: list[str], kind: RegistryKind) -> dict[str, str]:
    """Column -> file header: the header of the same name, else the one ``suggest_mapping`` recognises."""
    chosen: dict[str, str] = {}
    for header in headers:
        name = header.strip().lower()
        if name in COLUMNS[kind] and name not in chosen:
            chosen[name] = header
    for header, column in suggest_mapping(headers, kind).items():
        chosen.setdefault(column, header)
    return chosen


@dataclass(frozen=True)
class ImportOutcome:
    report: ImportReport
    rejects_path: Path | None
    rejects: int


class ImportDialog(QDialog):
    """See the module docstring.  ``imported`` carries the ``ImportOutcome`` when rows were written."""

    imported = Signal(object)

    def __init__(self, workspace: Workspace, runner: TaskRunner, user: StaffUser | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.user = workspace, runner, user
        self.setObjectName("import.dialog")
        self.setWindowTitle(self.tr("导入名册"))
        self.resize(860, 560)
        self.headers: list[str] = []
        self._combos: dict[str, QComboBox] = {}
        self.checked: RegistryFile | None = None
        self.relay: ProgressRelay | None = None
        self.outcome: ImportOutcome | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._report_page())
        self.pages.addWidget(self._done_page())
        self.message = QLabel()
        self.message.setObjectName("import.message")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("import.progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.cancel_button.setObjectName("import.cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(busy)
        self.allowed = user is None or can(user, Action.registry_import)
        if not self.allowed:
            self._say(self.tr("您的账户无权导入名册（需要科长或系统管理员）"))
            self.next_button.setEnabled(False)

    # --- step 1: file and kind ------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setObjectName("import.path")
        self.path.setPlaceholderText(self.tr("CSV（UTF-8）或 Excel（.xlsx）文件，首行为表头"))
        browse = QPushButton(self.tr("浏览…"))
        browse.setObjectName("import.browse")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.kind = QComboBox()
        self.kind.setObjectName("import.kind")
        self.kind.addItem(self.tr("参保人员名册"), "insured")  # literal texts: lupdate reads them
        self.kind.addItem(self.tr("证书名册"), "certificates")
        self.next_button = QPushButton(self.tr("下一步：对应列"))
        self.next_button.setObjectName("import.next")
        self.next_button.clicked.connect(self._read_headers)
        form = QFormLayout()
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("名册类别"), self.kind)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择名册文件"), "",
                                              self.tr("名册文件 (*.csv *.xlsx *.xlsm)"))
        if path:
            self.path.setText(path)

    def selected_kind(self) -> RegistryKind:
        return self.kind.currentData()

    def _read_headers(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._say(self.tr("请选择要导入的文件"))
            return
        path = Path(text)
        self._say("")
        self.runner.run(lambda: read_headers(path), self._show_mapping, self._failed)

    # --- step 2: column mapping -----------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setObjectName("import.mapping")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("名册的列"), self.tr("文件中的列")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_note = QLabel()
        self.mapping_note.setObjectName("import.mapping_note")
        self.mapping_note.setWordWrap(True)
        back = QPushButton(self.tr("上一步"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.check_button = QPushButton(self.tr("下一步：检查文件"))
        self.check_button.setObjectName("import.check")
        self.check_button.clicked.connect(self._check)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("请为名册的每一列选择文件中对应的列（带*的必须有）。多余的列不导入。")))
        layout.addWidget(self.mapping_table, 1)
        layout.addWidget(self.mapping_note)
        layout.addLayout(buttons)
        return page

    def _show_mapping(self, headers: list[str]) -> None:
        self.headers = headers
        kind = self.selected_kind()
        chosen = initial_mapping(headers, kind)
        columns = COLUMNS[kind]
        self._combos = {}
        self.mapping_table.setRowCount(0)
        self.mapping_table.setRowCount(len(columns))
        for row, column in enumerate(columns):
            required = column in REQUIRED_COLUMNS[kind]
            label = QTableWidgetItem(f"{'*' if required else ''}{COLUMN_LABELS[column]}（{column}）")
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(Qt.ItemDataRole.UserRole, column)
            self.mapping_table.setItem(row, 0, label)
            combo = QComboBox()
            combo.setObjectName(f"import.map.{column}")
            combo.addItem(self.tr("（文件中没有）"), None)
            for header in headers:
                if header:
                    combo.addItem(header, header)
            if column in chosen:
                combo.setCurrentIndex(combo.findData(chosen[column]))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping_table.setCellWidget(row, 1, combo)
            self._combos[column] = combo
        self.pages.setCurrentIndex(1)
        self._mapping_changed()

    def combo_for(self, column: str) -> QComboBox:
        """The mapping step's choice for a registry column (objectName ``import.map.<column>``)."""
        return self._combos[column]

    def mapping(self) -> dict[str, str]:
        """File header -> registry column, as ``read_registry`` takes it."""
        out: dict[str, str] = {}
        for column in COLUMNS[self.selected_kind()]:
            header = self.combo_for(column).currentData()
            if header:
                out[header] = column
        return out

    def _mapping_changed(self, *_: Any) -> None:
        kind = self.selected_kind()
        chosen = self.mapping()
        missing = [c for c in REQUIRED_COLUMNS[kind] if c not in chosen.values()]
        used: dict[str, int] = {}
        for column in COLUMNS[kind]:
            header = self.combo_for(column).currentData()
            if header:
                used[header] = used.get(header, 0) + 1
        twice = [h for h, n in used.items() if n > 1]
        problems = []
        if missing:
            problems.append(self.tr("还缺必需的列：") + "、".join(COLUMN_LABELS[c] for c in missing))
        if twice:
            problems.append(self.tr("同一文件列选了两次：") + "、".join(twice))
        self.mapping_note.setText("；".join(problems) or self.tr("各列已对应，可以检查文件"))
        self.check_button.setEnabled(not problems)

    # --- step 3: the check ------------------------------------------------------------------

    def _report_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("import.summary")
        self.summary.setWordWrap(True)
        self.errors = QTableWidget(0, 4)
        self.errors.setObjectName("import.errors")
        self.errors.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("内容"), self.tr("问题")])
        self.errors.horizontalHeader().setStretchLastSection(True)
        self.errors.verticalHeader().setVisible(False)
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.valid_only = QCheckBox(self.tr("只导入正确的行，有错误的行另存为文件以便改正"))
        self.valid_only.setObjectName("import.valid_only")
        self.valid_only.toggled.connect(self._options_changed)
        self.rejects_path = QLineEdit()
        self.rejects_path.setObjectName("import.rejects_path")
        back = QPushButton(self.tr("上一步"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.start_button = QPushButton(self.tr("导入"))
        self.start_button.setObjectName("import.start")
        self.start_button.clicked.connect(self._import)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        form = QFormLayout()
        form.addRow(self.tr("错误行保存到"), self.rejects_path)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.valid_only)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return page

    def _busy(self, text: str) -> ProgressRelay:
        relay = ProgressRelay(self)
        relay.progressed.connect(self._progressed)
        self.relay = relay
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        for button in (self.check_button, self.start_button, self.next_button):
            button.setEnabled(False)
        self._say(text)
        return relay

    def _idle(self) -> None:
        self.relay = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.next_button.setEnabled(self.allowed)
        if self._combos:
            self._mapping_changed()
        self._options_changed()

    def _progressed(self, done: int, total: int) -> None:
        if total <= 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{done:,} / {total:,}" if total else f"{done:,}")

    def _cancel(self) -> None:
        if self.relay is not None:
            self.relay.cancel()
            self._say(self.tr("正在取消…"))

    def _check(self) -> None:
        path, kind, mapping = Path(self.path.text().strip()), self.selected_kind(), self.mapping()
        relay = self._busy(self.tr("正在检查文件…"))
        today = self.workspace.clock.today()
        self.runner.run(lambda: read_registry(path, kind, mapping, today=today, progress=relay.report),
                        self._show_report, self._failed)

    def _show_report(self, checked: RegistryFile) -> None:
        self.checked = checked
        self._idle()
        good, bad = len(checked.rows), checked.rejected
        text = self.tr("共{total}行：正确{good}行，有错误{bad}行。").format(total=checked.total, good=good, bad=bad)
        if bad:
            text += self.tr("文件有错误时默认不导入；可改正后重新选择文件，或只导入正确的行。")
        self.summary.setText(text)
        shown = checked.errors[:SHOWN_ERRORS]
        self.errors.setRowCount(len(shown))
        for row, error in enumerate(shown):
            for col, value in enumerate((str(error.row), f"{COLUMN_LABELS.get(error.column, error.column)}",
                                         error.value, error.message)):
                self.errors.setItem(row, col, QTableWidgetItem(value))
        if len(checked.errors) > SHOWN_ERRORS:
            self._say(self.tr("仅显示前{n}个错误；全部错误见保存的错误行文件").format(n=SHOWN_ERRORS))
        else:
            self._say("")
        source = Path(checked.source)
        self.rejects_path.setText(str(source.with_name(f"{source.stem}-待修正.csv")))
        self.valid_only.setChecked(False)
        self.valid_only.setEnabled(bool(bad))
        self.pages.setCurrentIndex(2)
        self._options_changed()

    def _options_changed(self, *_: Any) -> None:
        checked = self.checked
        if checked is None:
            return
        bad = bool(checked.rejected)
        self.rejects_path.setEnabled(bad and self.valid_only.isChecked())
        self.start_button.setEnabled(bool(checked.rows) and (not bad or self.valid_only.isChecked()))

    # --- step 4: the import -----------------------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.result_label = QLabel()
        self.result_label.setObjectName("import.result")
        self.result_label.setWordWrap(True)
        close = QPushButton(self.tr("完成"))
        close.setObjectName("import.close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _import(self) -> None:
        checked = self.checked
        if checked is None:
            return
        valid_only = self.valid_only.isChecked()
        rejects = Path(self.rejects_path.text().strip()) if valid_only and checked.rejected else None
        store, user = self.workspace.store, (self.user.username if self.user else SYSTEM_ACTOR)
        relay = self._busy(self.tr("正在导入…"))

        def work() -> ImportOutcome:
            if rejects is not None:
                write_rejects(rejects, checked)
            try:
                report = import_registry(store, checked, valid_only=valid_only, as_of=store.clock.now(),
                                         progress=relay.report, audit_actor=user)
            except ImportRejected as exc:
                summary = rejection_summary(exc.report)
                raise InvalidInput.about("FILE", summary.code, **summary.params) from None
            return ImportOutcome(report, rejects, checked.rejected)

        self.runner.run(work, self._imported, self._failed)

    def _imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self._idle()
        report = outcome.report
        text = self.tr("导入完成：新增{inserted}行，更新{updated}行。").format(
            inserted=report.inserted, updated=report.updated)
        if outcome.rejects and outcome.rejects_path is not None:
            text += self.tr("{n}行有错误未导入，已保存到 {path}，改正后可再次导入。").format(
                n=outcome.rejects, path=outcome.rejects_path)
        self.result_label.setText(text)
        self._say("")
        self.pages.setCurrentIndex(3)
        self.imported.emit(outcome)

    # --- messages -------------------------------------------------------------------------

    def _failed(self, error: Exception) -> None:
        self._idle()
        if isinstance(error, InvalidInput):
            # The file's name is in the reason; the field name is for programs.
            self._say(error.reason_said(QCoreApplication.translate))
        elif isinstance(error, ZhanchiError):
            self._say(error.said(QCoreApplication.translate))
        else:
            self._say(self.tr("出错了，已记录日志"))

    def _say(self, text: str) -> None:
        self.message.setText(text)


__all__ = ["ImportCancelled", "ImportDialog", "ImportOutcome", "ProgressRelay", "initial_mapping"]
