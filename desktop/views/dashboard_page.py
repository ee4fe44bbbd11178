"""统计: the supervisor's figures for today and this month, what needs attention, and the reports.

Headline figures first (accepted today and this month, paid this month, reviews
past their time limit, changes not yet synced, open risk flags), then counts and
amounts by state, by certificate level and by clerk side by side for today and
the month, then the overdue reviews and the open risk flags by kind.  All from
``oversight.dashboard`` (read-only, one call).

打印日报 prints the daily summary of a chosen day and 月报 the monthly report
of a chosen month: a PDF goes to the window's preview (``document_ready``), a
CSV or XLSX where the supervisor saves it.  Each print is recorded in the audit
trail by the documents package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
)

from desktop.documents.daily_summary import IssuedReport, issue_daily_summary
from desktop.documents.monthly_report import issue_monthly_report
from desktop.models import oversight
from desktop.models.cases import State
from desktop.models.oversight import Dashboard, Figure
from desktop.models.reporting_calendar import next_deadlines
from desktop.views.back_office import (
    ALERT,
    WARN,
    BackOfficePage,
    Column,
    RowsModel,
    fill_list,
    from_qdate,
    make_table,
    push_button,
    risk_label,
)
from desktop.views.case_table_model import amount_text, level_text, state_text
from desktop.views.style import emphasise

FORMATS = (("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "XLSX"))
C_LABEL, C_TODAY_N, C_TODAY_Y, C_MONTH_N, C_MONTH_Y = range(5)


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    today: Figure
    month: Figure


class _Card(QFrame):
    """One headline figure: a caption, the number large, a line under it."""

    def __init__(self, name: str, caption: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.value = QLabel("—")
        self.value.setObjectName(f"{name}.value")
        emphasise(self.value, 1.6)
        self.detail = QLabel()
        self.detail.setObjectName(f"{name}.detail")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_figure(self, value: str, detail: str, *, alert: tuple[str, str] | None = None) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        if alert is None:
            self.setStyleSheet("")
        else:
            self.setStyleSheet(f"QFrame#{self.objectName()} {{ background: {alert[1]}; }} "
                               f"QLabel {{ color: {alert[0]}; }}")


class DashboardPage(BackOfficePage):
    page_name = "dashboard"

    def build(self) -> None:
        self.dashboard: Dashboard | None = None
        today = self.workspace.clock.today()

        top = self.header(self.tr("统计"), summary="as_of")
        self.as_of = self.summary
        # What is due next to the real-name system (展翅行动 三(二)): the report the figures below feed.
        self.deadlines = QLabel()
        self.deadlines.setObjectName("dashboard.deadlines")
        self.deadlines.setWordWrap(True)
        self.deadlines.setStyleSheet("color: #1a4d8f; font-weight: bold;")

        self.cards = {
            "today": _Card("dashboard.card.today", self.tr("今日受理")),
            "month": _Card("dashboard.card.month", self.tr("本月受理")),
            "paid": _Card("dashboard.card.paid", self.tr("本月发放到账")),
            "overdue": _Card("dashboard.card.overdue", self.tr("审核超期")),
            "sync": _Card("dashboard.card.sync", self.tr("待同步")),
            "risk": _Card("dashboard.card.risk", self.tr("风险提示（未解除）")),
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)

        def columns(first: str) -> list[Column]:
            return [
                Column(first, lambda r: r.label),
                Column(self.tr("今日件"), lambda r: str(r.today.count), right=True),
                Column(self.tr("今日金额"), lambda r: amount_text(r.today.amount_yuan), right=True),
                Column(self.tr("本月件"), lambda r: str(r.month.count), right=True),
                Column(self.tr("本月金额"), lambda r: amount_text(r.month.amount_yuan), right=True),
            ]

        self.state_model = RowsModel(columns(self.tr("状态")), lambda r: r.key, self)
        self.level_model = RowsModel(columns(self.tr("等级")), lambda r: r.key, self)
        self.clerk_model = RowsModel(columns(self.tr("经办人")), lambda r: r.key, self)
        tables = QHBoxLayout()
        for name, model, caption in (
                ("dashboard.by_state", self.state_model, self.tr("按状态（当期最后变动的案件）")),
                ("dashboard.by_level", self.level_model, self.tr("按证书等级（当期受理）")),
                ("dashboard.by_clerk", self.clerk_model, self.tr("按受理人（当期受理）"))):
            box = QGroupBox(caption)
            view = make_table(name, model, stretch=C_LABEL, accessible=caption)
            view.setSelectionMode(view.SelectionMode.NoSelection)
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            QVBoxLayout(box).addWidget(view)
            tables.addWidget(box, 1)

        self.overdue_list = QListWidget()
        self.overdue_list.setObjectName("dashboard.overdue")
        self.overdue_list.setAccessibleName(self.tr("审核超期的案件"))
        self.risk_list = QListWidget()
        self.risk_list.setObjectName("dashboard.risk")
        self.risk_list.setAccessibleName(self.tr("风险提示"))
        overdue_box = QGroupBox(self.tr("审核超期的案件（受理编号 · 办结期限）"))
        QVBoxLayout(overdue_box).addWidget(self.overdue_list)
        risk_box = QGroupBox(self.tr("未解除的风险提示（按类型）"))
        QVBoxLayout(risk_box).addWidget(self.risk_list)

        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("dashboard.day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.daily_button = push_button(self.tr("打印日报 (F9)"), "dashboard.print_daily", self.print_daily)
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setObjectName("dashboard.month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setMaximumDate(QDate(today.year, today.month, today.day))
        self.month_format = QComboBox()
        self.month_format.setObjectName("dashboard.month_format")
        for value, label in FORMATS:
            self.month_format.addItem(label, value)
        self.monthly_button = push_button(self.tr("生成月报"), "dashboard.print_monthly", self.print_monthly)
        prints = QGroupBox(self.tr("报表"))
        grid = QGridLayout(prints)
        grid.addWidget(QLabel(self.tr("日报日期")), 0, 0)
        grid.addWidget(self.day, 0, 1, 1, 2)
        grid.addWidget(self.daily_button, 0, 3)
        grid.addWidget(QLabel(self.tr("月报月份")), 1, 0)
        grid.addWidget(self.month, 1, 1)
        grid.addWidget(self.month_format, 1, 2)
        grid.addWidget(self.monthly_button, 1, 3)
        grid.setRowStretch(2, 1)
        for button in (self.daily_button, self.monthly_button):
            button.setAutoDefault(False)
        self.action_buttons = [self.daily_button, self.monthly_button]

        bottom = QHBoxLayout()
        bottom.addWidget(overdue_box, 1)
        bottom.addWidget(risk_box, 1)
        bottom.addWidget(prints, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.deadlines)
        layout.addLayout(cards)
        layout.addLayout(tables, 3)
        layout.addLayout(bottom, 2)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.print_daily)

    # --- figures ---------------------------------------------------------------------------------

    def load(self) -> tuple[Dashboard, dt.datetime]:
        ws = self.workspace
        return oversight.dashboard(ws.store, ws.verifier, self.user), ws.clock.now()

    def show_data(self, data: tuple[Dashboard, dt.datetime]) -> None:
        board, now = data
        self.dashboard = board
        tz = self.workspace.clock.tz
        stamp = f"{now.astimezone(tz):%Y-%m-%d %H:%M}"
        self.as_of.setText(self.tr("截至 %1　今日 %2；本月 %3 至 %4").replace("%1", stamp)
                           .replace("%2", board.today.start.isoformat()).replace("%3", board.month.start.isoformat())
                           .replace("%4", board.month.end.isoformat()))
        self.deadlines.setText(self.tr("上报提示：") + "；".join(
            d.describe() for d in next_deadlines(now.astimezone(tz).date())))
        self._cards(board)
        empty = Figure()
        self.state_model.set_rows([
            FigureRow(state.value, state_text(state), board.today.by_state.get(state.value, empty),
                      board.month.by_state.get(state.value, empty))
            for state in State if state is not State.draft or board.month.by_state.get(state.value, empty).count])
        levels = sorted(set(board.today.by_level) | set(board.month.by_level))
        self.level_model.set_rows([FigureRow(str(level), level_text(level), board.today.by_level.get(level, empty),
                                             board.month.by_level.get(level, empty)) for level in levels])
        clerks = sorted(set(board.today.by_clerk) | set(board.month.by_clerk))
        self.clerk_model.set_rows([FigureRow(clerk, board.clerk_names.get(clerk, clerk),
                                             board.today.by_clerk.get(clerk, empty),
                                             board.month.by_clerk.get(clerk, empty)) for clerk in clerks])
        fill_list(self.overdue_list, [(self.tr("%1　期限 %2").replace("%1", case_no).replace("%2", day.isoformat()),
                                       ALERT) for case_no, day in board.overdue_reviews],
                  empty=self.tr("✔ 没有超期的审核"))
        open_flags = [(code, n) for code, n in board.open_risk_flags.items() if n]
        lines: list[str | tuple[str, tuple[str, str] | None]] = [
            (self.tr("⚠ %1：%2项").replace("%1", risk_label(code)).replace("%2", str(n)), WARN)
            for code, n in sorted(open_flags, key=lambda item: -item[1])]
        lines.append(self.tr("本月新提示%1项，涉及金额%2").replace("%1", str(board.risk_flags_raised.count))
                     .replace("%2", amount_text(board.risk_flags_raised.amount_yuan)))
        fill_list(self.risk_list, lines)

    def _cards(self, board: Dashboard) -> None:
        def figure(f: Figure) -> tuple[str, str]:
            return self.tr("%1件").replace("%1", str(f.count)), amount_text(f.amount_yuan)

        self.cards["today"].show_figure(*figure(board.today.accepted))
        self.cards["month"].show_figure(*figure(board.month.accepted))
        self.cards["paid"].show_figure(*figure(board.month.by_state.get(State.paid.value, Figure())))
        late = len(board.overdue_reviews)
        self.cards["overdue"].show_figure(self.tr("%1件").replace("%1", str(late)),
                                          self.tr("须尽快办结") if late else self.tr("均在期限内"),
                                          alert=ALERT if late else None)
        sync = self.tr("等待上传") if board.pending_sync else self.tr("已全部同步")
        if board.sync_rejected:
            sync = self.tr("被拒%1条待处理").replace("%1", str(board.sync_rejected))
        self.cards["sync"].show_figure(self.tr("%1条").replace("%1", str(board.pending_sync)), sync,
                                       alert=ALERT if board.sync_rejected else None)
        flags = sum(board.open_risk_flags.values())
        self.cards["risk"].show_figure(self.tr("%1项").replace("%1", str(flags)),
                                       self.tr("本月新提示%1项").replace("%1", str(board.risk_flags_raised.count)),
                                       alert=WARN if flags else None)

    def update_actions(self) -> None:
        super().update_actions()
        self.refresh_button.setEnabled(not self._loading)

    # --- reports ---------------------------------------------------------------------------------

    def _report_path(self, name: str) -> Path:
        store = self.workspace.store
        stamp = store.clock.now().strftime("%Y%m%dT%H%M%S")
        return store.data_dir / "documents" / "reports" / f"{name}-{stamp}.pdf"

    def print_daily(self) -> None:
        if not self.daily_button.isEnabled():
            return
        day = from_qdate(self.day.date())
        ws, user, out = self.workspace, self.user, self._report_path(f"daily-summary-{day.isoformat()}")

        def issue() -> IssuedReport:
            out.parent.mkdir(parents=True, exist_ok=True)
            return issue_daily_summary(ws.store, user, day, out, verifier=ws.verifier)

        def done(issued: IssuedReport) -> None:
            self.message.ok(self.tr("业务日报（%1）已生成：%2").replace("%1", issued.period)
                            .replace("%2", str(issued.path)))
            self.document_ready.emit(str(issued.path), self.tr("业务日报 %1").replace("%1", issued.period))

        self.act(self.tr("生成业务日报"), issue, done)

    def ask_save_path(self, title: str, suggested: str, filters: str) -> str:
        """The file to write (the system's save dialog); empty when cancelled.  Tests replace it."""
        path, _chosen = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return path

    def print_monthly(self) -> None:
        if not self.monthly_button.isEnabled():
            return
        chosen = self.month.date()
        year, month, fmt = chosen.year(), chosen.month(), str(self.month_format.currentData())
        if fmt == "pdf":
            out = self._report_path(f"monthly-report-{year}-{month:02d}")
        else:
            suggested = str(Path.home() / f"月报-{year}-{month:02d}.{fmt}")
            kinds = self.tr("CSV 文件 (*.csv)") if fmt == "csv" else self.tr("Excel 工作簿 (*.xlsx)")
            picked = self.ask_save_path(self.tr("保存月报"), suggested, kinds)
            if not picked:
                return
            out = Path(picked) if Path(picked).suffix else Path(picked + "." + fmt)
        ws, user = self.workspace, self.user

        def issue() -> IssuedReport:
            if fmt == "pdf":
                out.parent.mkdir(parents=True, exist_ok=True)
            return issue_monthly_report(ws.store, user, year, month, out)

        def done(issued: IssuedReport) -> None:
            self.message.ok(self.tr("月报（%1）已生成：%2").replace("%1", issued.period)
                            .replace("%2", str(issued.path)))
            if issued.format == "pdf":
                self.document_ready.emit(str(issued.path), self.tr("月报 %1").replace("%1", issued.period))

        self.act(self.tr("生成月报"), issue, done, fields={"out": (self.tr("文件"), None)})
