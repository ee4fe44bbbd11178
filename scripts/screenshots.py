"""Render the main screens in a real window for the README.

    xvfb-run -a .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds a fresh demo folder, signs in as each role and grabs the screens at
1366x768, the most common counter screen (UI.md).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.app import create_main_window  # noqa: E402
from desktop.models.clock import Clock  # noqa: E402
from desktop.models.demo import fill  # noqa: E402
from desktop.models.rules import Verifier  # noqa: E402
from desktop.models.store import open_store  # noqa: E402


def settle(ms: int = 800) -> None:
    """Let the window work (background answers arrive) for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(window: QWidget, path: Path) -> None:
    settle(2000)
    window.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="zhanchi-shots-"))
    clock = Clock()
    store = open_store(data_dir, clock=clock)
    fill(store, clock, Verifier.load(data_dir), 120)
    store.close()

    clerk = create_main_window(data_dir, "clerk", clock=clock)
    clerk.setWindowState(Qt.WindowState.WindowNoState)  # opens maximized: this size whatever the screen
    clerk.resize(1366, 768)
    clerk.show()
    clerk.new_case()  # type: ignore[attr-defined]
    person = next(csv.DictReader((data_dir / "demo" / "demo-insured.csv").open(encoding="utf-8")))
    page = clerk.intake_page  # type: ignore[attr-defined]
    page.form.id_number.setText(person["id_number"])
    page.form.payment_account.setText("6222020200112233445")
    page.form.bank_name.setText("中国工商银行")
    grab(clerk, args.out / "intake.png")
    clerk.show_search()  # type: ignore[attr-defined]
    grab(clerk, args.out / "search.png")
    clerk.close()

    reviewer = create_main_window(data_dir, "reviewer", clock=clock)
    reviewer.setWindowState(Qt.WindowState.WindowNoState)  # opens maximized: this size whatever the screen
    reviewer.resize(1366, 768)
    reviewer.show()
    reviewer.show_search()  # type: ignore[attr-defined]
    settle(3000)
    model = reviewer.search_page.findChild(QWidget, "search.results").model()  # type: ignore[attr-defined]
    from desktop.views.case_table_model import CaseIdRole

    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if "已受理" in str(model.index(row, 1).data()) or row == model.rowCount() - 1:
            case_id = index.data(CaseIdRole)
            reviewer.open_case(case_id)  # type: ignore[attr-defined]
            break
    grab(reviewer, args.out / "case-detail.png")
    reviewer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
