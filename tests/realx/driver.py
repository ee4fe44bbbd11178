"""The real main window on a real X display, told what to do and asked what it shows.

    DISPLAY=:N python tests/realx/driver.py DATA_DIR

Run by tests/realx/conftest.py as a child process (the test process itself stays on the offscreen
platform, tests/conftest.py): it fills DATA_DIR (a clerk, one insured person with a certificate,
one accepted case), opens the window as the program does (``create_main_window``, ``show``) on the
``xcb`` platform, and answers one JSON request per line on stdin with one JSON line on its own
copy of stdout (whatever else prints goes to stderr).  The keys and the wheel come from
``xdotool`` in the test process, through the X server, as a clerk's keyboard, scanner and mouse
send them; this process only reports what the widgets then hold.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "xcb"
PROTOCOL = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)  # nothing else reaches the protocol stream
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.views.compat import immortalise_singletons  # noqa: E402

immortalise_singletons()

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, QSocketNotifier, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeyEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QSpinBox,
    QWidget,
)

# 10:00 in Beijing, the same instant as the other GUI tests (tests/conftest.py FIXED_NOW).
NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
# Two people the registry knows: an ID number read with Shift (its X) and one of digits only.
PEOPLE = {"11010519491231002X": "张三", "440106198506151001": "王五"}
CERT_NUMBER = "S000144000123174000056"
FIELDS = (
    "intake.id_number", "intake.name", "intake.phone", "intake.contribution_months", "intake.insured_region",
    "intake.employer_name", "intake.employer_uscc", "intake.cert_kind", "intake.cert_number", "intake.cert_level",
    "intake.occupation", "intake.cert_issue_date", "intake.payment_kind", "intake.payment_account",
    "intake.bank_name", "intake.receiving_benefit", "intake.shortage",
)


def prepare(data_dir: Path) -> dict[str, str]:
    """A clerk, the registry's copy of one person and their certificate, and one accepted case."""
    from desktop.models import staff
    from desktop.models.application import parse_intake
    from desktop.models.clock import Clock
    from desktop.models.intake import file_case
    from desktop.models.registry import import_registry
    from desktop.models.registry_files import RegistryFile
    from desktop.models.rules import Verifier
    from desktop.models.store import open_store

    staff.configure_hasher(time_cost=1, memory_cost=8, parallelism=1)
    store = open_store(data_dir, clock=Clock(fixed=NOW))
    try:
        clerk = staff.create_staff(store, actor=None, username="clerk", display_name="受理员", role="clerk",
                                   office_code="440100", password="zhanchi-test-pw")
        issued = NOW.date() - dt.timedelta(days=60)
        first = next(iter(PEOPLE))
        rows: dict[str, list[tuple[Any, ...]]] = {
            "insured": [(number, name, "91440101MA5XXXXX04", "广州市某机械有限公司", "440100", 40,
                         "13800138000", False) for number, name in PEOPLE.items()],
            "certificates": [(CERT_NUMBER, first, "skill_level", 4, "6-18-01-01", "车工", issued,
                              "广州市职业技能鉴定指导中心")],
        }
        for kind, found in rows.items():
            import_registry(store, RegistryFile(kind=kind, rows=found, errors=[], total=1,  # type: ignore[arg-type]
                                                source="test"), as_of=store.clock.now())
        intake = parse_intake({
            "applicant": {"name": "李四", "id_number": "440106199003071231"},
            "insured_region": "440100", "application_region": "440100", "contribution_months": 40,
            "certificate": {"number": "S000144000123174000057", "kind": "skill_level", "level": 4,
                            "occupation_code": "6-18-01-01", "occupation_name": "车工",
                            "issue_date": issued.isoformat()},
            "application_date": NOW.date().isoformat(),
            "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "工商银行",
                        "holder_name": "李四"},
            "employer": {"name": "广州市某机械有限公司", "uscc": "91440101MA5XXXXX04"},
            "phone": "13800138001",
        })
        record = file_case(store, Verifier.load(None), clerk, intake, accept=True, reason="测试")[0]
        return {"case_no": record.case_no, "lookup_code": record.lookup_code}
    finally:
        store.close()


class KeyLog(QObject):
    """Every key press any object of the application is sent, as the application's filters see it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[dict[str, Any]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.seen.append({"to": type(watched).__name__, "name": watched.objectName(), "text": event.text(),
                              "key": event.key(), "ts": event.timestamp(), "spontaneous": event.spontaneous()})
        return False


def value_of(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QDateEdit):
        return {"date": widget.date().toString("yyyy-MM-dd"), "text": widget.text()}
    if isinstance(widget, QSpinBox):
        return {"value": widget.value(), "text": widget.text()}
    if isinstance(widget, QComboBox):
        return {"index": widget.currentIndex(), "text": widget.currentText()}
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return None


# What must stay on the screen at any size (issue 16.5): the verdict, the actions, the status bar.
LAYOUT_WIDGETS = ("verify.result", "verify.headline", "verify.amount", "case.accept", "case.print_notice",
                  "case.save_waiting", "checklist.items", "sync.status", "nav.bar", "intake.id_number")


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


class Driver(QObject):
    """Answers the test's requests (``op_*``), one JSON line each."""

    def __init__(self, window: QMainWindow, prepared: dict[str, str], data_dir: Path | None = None) -> None:
        super().__init__()
        self.window, self.prepared, self.data_dir = window, prepared, data_dir
        self.closed: list[QMainWindow] = []
        self.keys = KeyLog()
        self._pending = b""
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._read)

    def widget(self, name: str) -> QWidget:
        found = self.window.findChild(QWidget, name)
        if found is None:
            raise LookupError(f"no widget named {name}")
        return found

    def scroll_area(self) -> QScrollArea:
        widget: QWidget | None = self.widget("intake.id_number")
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        assert widget is not None
        return widget

    def _read(self) -> None:
        chunk = os.read(sys.stdin.fileno(), 65536)  # not sys.stdin: its buffer would hide a second line
        if not chunk:
            QApplication.quit()
            return
        self._pending += chunk
        while b"\n" in self._pending:
            line, self._pending = self._pending.split(b"\n", 1)
            self._answer(json.loads(line))

    def _answer(self, request: dict[str, Any]) -> None:
        try:
            answer = {"ok": True, **(getattr(self, "op_" + request.pop("op"))(**request) or {})}
        except Exception as exc:  # the test sees what went wrong
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
        PROTOCOL.write(json.dumps(answer, ensure_ascii=False) + "\n")

    # --- requests -------------------------------------------------------------------------

    def op_sync(self) -> None:
        """Everything the X server has sent so far is handled."""
        QGuiApplication.sync()
        QApplication.processEvents()

    def op_state(self) -> dict[str, Any]:
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        shown = next((c for c in (popup.findChildren(QCalendarWidget) if popup is not None else [])
                      if c.isVisible()), None)
        title = self.window.findChild(QLabel, "case.title")
        return {
            "fields": {name: value_of(self.widget(name)) for name in FIELDS},
            "focus": focus.objectName() if focus is not None else None,
            "focus_class": type(focus).__name__ if focus is not None else None,
            "active": self.window.isActiveWindow(),
            "status": self.window.statusBar().currentMessage(),
            "scroll": self.scroll_area().verticalScrollBar().value(),
            "scroll_max": self.scroll_area().verticalScrollBar().maximum(),
            "page": type(self.window.pages.currentWidget()).__name__,  # type: ignore[attr-defined]
            "case_title": title.text() if title is not None else None,
            "calendar": None if shown is None else {"year": shown.yearShown(), "month": shown.monthShown(),
                                                      "selected": shown.selectedDate().toString("yyyy-MM-dd")},
            "keys": self.keys.seen,
            "dialogs": sorted(w.objectName() or type(w).__name__ for w in QApplication.topLevelWidgets()
                              if isinstance(w, QDialog) and w.isVisible()),
            "message": self.window.intake_page.message.text(),  # type: ignore[attr-defined]
            "active_window": active.objectName() if (active := QApplication.activeWindow()) is not None else None,
            "checklist": self._checklist(),
            "eligible": self._eligible(),
        }

    def _checklist(self) -> list[dict[str, Any]]:
        view = self.widget("checklist.items")
        assert isinstance(view, QListWidget)
        return [{"code": view.item(row).data(Qt.ItemDataRole.UserRole),
                 "checked": view.item(row).checkState() == Qt.CheckState.Checked,
                 "enabled": bool(view.item(row).flags() & Qt.ItemFlag.ItemIsEnabled),
                 "current": row == view.currentRow()} for row in range(view.count())]

    def _eligible(self) -> bool | None:
        text = self.widget("verify.result").accessibleDescription()
        return bool(json.loads(text)["eligible"]) if text else None

    def op_file_printer(self, path: str) -> None:
        """A PDF file stands in for the default printer (the window's seam)."""
        from desktop.views.direct_print import file_printer

        self.window.delivery.printer_factory = file_printer(Path(path))  # type: ignore[attr-defined]

    def op_reader(self, spec: str) -> None:
        """The ID-card reader named as the settings name it (opened at the next 读卡)."""
        from desktop.views.device_settings import with_reader_spec

        window = self.window
        window.settings = with_reader_spec(window.settings, spec)  # type: ignore[attr-defined]
        window.intake_page.card_reader.shutdown()  # type: ignore[attr-defined]

    def op_card(self) -> dict[str, Any]:
        """What the card row shows: the photo's size (0 when none) and the card's facts."""
        photo = self.widget("intake.photo")
        info = self.widget("intake.card_info")
        assert isinstance(photo, QLabel) and isinstance(info, QLabel)
        pixmap = photo.pixmap()
        return {"photo": [pixmap.width(), pixmap.height()] if photo.isVisible() and not pixmap.isNull() else [0, 0],
                "info": info.text()}

    def op_audit(self, case_no: str) -> dict[str, Any]:
        """The case's document entries: action and after."""
        from desktop.models import audit
        from desktop.models.cases import get_case

        store = self.window.workspace.store  # type: ignore[attr-defined]
        case = get_case(store, case_no)
        with store.session(readonly=True) as session:
            return {"entries": [{"action": e.action, "after": e.after}
                                for e in audit.entries(session, entity="case", entity_id=case.id)
                                if e.action.startswith("document.")]}

    def op_new_case(self) -> None:
        """A new, empty case, whatever the last test left open (a popup, a dialog, a message)."""
        for _ in range(10):
            left = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if left is None:
                break
            left.close()
            QApplication.processEvents()
        self.window.statusBar().clearMessage()
        self.window.pages.setCurrentWidget(self.window.intake_page)  # type: ignore[attr-defined]
        self.window.intake_page.new_case()  # type: ignore[attr-defined]  # nothing to keep or ask about
        self.scroll_area().verticalScrollBar().setValue(0)
        self.keys.seen.clear()

    def op_focus(self, name: str) -> None:
        widget = self.widget(name)
        self.scroll_area().ensureWidgetVisible(widget)
        widget.setFocus()
        QApplication.processEvents()

    def op_show(self, name: str, scroll: int | None = None) -> None:
        """Bring the field into view (``scroll``: or put the form's scroll bar there)."""
        if scroll is None:
            self.scroll_area().ensureWidgetVisible(self.widget(name))
        else:
            self.scroll_area().verticalScrollBar().setValue(scroll)
        QApplication.processEvents()

    def op_where(self, name: str, part: str = "center") -> dict[str, Any]:
        """The screen position of a point of a widget (``center``; ``text``: left of middle, where
        a click lands in the text; ``button``: the drop-down/spin button at its right)."""
        widget = self.widget(name)
        rect = widget.rect()
        point = {"center": rect.center(), "text": QPoint(rect.left() + 12, rect.center().y()),
                 "button": QPoint(rect.right() - 8, rect.center().y())}[part]
        at = widget.mapToGlobal(point)
        visible = widget.isVisible() and not widget.visibleRegion().isEmpty()
        return {"x": at.x(), "y": at.y(), "visible": visible,
                "focus_policy": int(widget.focusPolicy().value), "has_focus": widget.hasFocus()}

    def op_set(self, name: str, value: Any) -> None:
        widget = self.widget(name)
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(value)
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        elif isinstance(widget, QAbstractSpinBox):
            widget.setValue(value)  # type: ignore[attr-defined]
        QApplication.processEvents()

    def op_log_keys(self, on: bool = True) -> None:
        app = QApplication.instance()
        assert app is not None
        if on:
            self.keys.seen.clear()
            app.installEventFilter(self.keys)
        else:
            app.removeEventFilter(self.keys)

    def op_layout(self) -> dict[str, Any]:
        """Where the window and what must stay visible are on the screen (global coordinates)."""
        QApplication.processEvents()
        window = self.window
        screen = window.screen()
        widgets = {}
        for name in LAYOUT_WIDGETS:
            widget = self.widget(name)
            shown = widget.visibleRegion().boundingRect()
            scrolled, parent = False, widget.parentWidget()
            while parent is not None:
                scrolled = scrolled or isinstance(parent, QScrollArea)
                parent = parent.parentWidget()
            widgets[name] = {"rect": _rect(QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())),
                             "visible": widget.isVisible() and not shown.isEmpty(),
                             "whole": shown == widget.rect(), "in_scroll_area": scrolled}
        area = self.scroll_area()
        page = window.pages.currentWidget()  # type: ignore[attr-defined]
        return {
            "screen": _rect(screen.geometry()), "available": _rect(screen.availableGeometry()),
            "frame": _rect(window.frameGeometry()), "geometry": _rect(window.geometry()),
            "maximized": window.isMaximized(), "widgets": widgets,
            "form": {"viewport": area.viewport().height(), "content": area.widget().height(),
                     "scroll_max": area.verticalScrollBar().maximum()},
            "page": {"size": [page.width(), page.height()],
                     "minimum": [page.minimumSizeHint().width(), page.minimumSizeHint().height()]},
        }

    def op_show_normal(self, geometry: list[int] | None = None) -> None:
        """The person un-maximizes the window (and moves or resizes it to ``geometry``)."""
        self.window.showNormal()
        if geometry is not None:
            self.window.setGeometry(*geometry)
        QApplication.processEvents()

    def op_maximize(self) -> None:
        self.window.showMaximized()
        QApplication.processEvents()

    def op_reopen(self) -> None:
        """Close the window as the person does and open it again over the same folder."""
        from desktop.app import create_main_window
        from desktop.models.clock import Clock

        assert self.data_dir is not None
        QApplication.setQuitOnLastWindowClosed(False)  # this process goes on with the next window
        old = self.window
        old.close()
        QApplication.processEvents()
        workspace = getattr(old, "workspace", None)
        if workspace is not None:
            workspace.close()
        self.closed.append(old)  # kept: its threads have stopped, it goes with the process
        self.window = create_main_window(self.data_dir, "clerk", clock=Clock(fixed=NOW))
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def op_fill(self, name: str, inside: bool = True) -> dict[str, Any]:
        """The colour a widget shows just inside its border (or outside it): the focus mark's fill."""
        widget = self.widget(name)
        QApplication.processEvents()
        image = widget.grab().toImage()
        x, y = (image.width() * 3 // 4, 3) if inside else (0, 0)  # inside the 2-pixel border, above any text
        colour = image.pixelColor(x, y)
        border = image.pixelColor(0, image.height() // 2)
        return {"fill": colour.name(), "border": border.name()}

    def op_preview_receipt(self) -> None:
        """The prepared case's receipt issued and previewed, as the window does after F9."""
        from desktop.documents.case_documents import issue_to_data_folder

        window = self.window
        ws = window.workspace  # type: ignore[attr-defined]
        issued = issue_to_data_folder(ws.store, ws.verifier, window.user, self.prepared["case_no"],  # type: ignore[attr-defined]
                                      "receipt")
        window.preview_document(issued)  # type: ignore[attr-defined]
        QApplication.processEvents()

    def op_progress_lookup(self) -> None:
        self.window.show_progress_lookup()  # type: ignore[attr-defined]
        QApplication.processEvents()

    def op_label(self, dialog: str, name: str) -> dict[str, Any]:
        """The text of a label of a dialog that is open (None when it is not)."""
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == dialog and w.isVisible()]
        label = found[0].findChild(QLabel, name) if found else None
        return {"text": label.text() if label is not None else None}

    def op_prepared(self) -> dict[str, Any]:
        return {**self.prepared, "people": PEOPLE, "certificate": CERT_NUMBER}

    def op_quit(self) -> None:
        self.window.close()
        QApplication.quit()


def main() -> int:
    data_dir = Path(sys.argv[1])
    prepared = prepare(data_dir)
    from desktop.app import create_main_window
    from desktop.models.clock import Clock

    window = create_main_window(data_dir, "clerk", clock=Clock(fixed=NOW))
    driver = Driver(window, prepared, data_dir)
    window.show()
    window.raise_()
    window.activateWindow()
    window.new_case()  # type: ignore[attr-defined]
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def ready() -> None:
        if window.isActiveWindow() and QApplication.focusWidget() is not None:
            PROTOCOL.write(json.dumps({"ok": True, "ready": True}) + "\n")
        else:
            window.activateWindow()
            QTimer.singleShot(20, ready)

    QTimer.singleShot(0, ready)
    code = app.exec()
    del driver
    return code


if __name__ == "__main__":
    sys.exit(main())
