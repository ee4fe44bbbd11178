"""The domain never imports Qt (ARCHITECTURE.md example 1)."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop.documents
import desktop.models
import desktop.sync


def domain_modules() -> list[str]:
    names = []
    for package in (desktop.models, desktop.documents, desktop.sync):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" not in info.name:
                names.append(info.name)
    return names


def test_domain_imports_without_pyside6_in_a_fresh_interpreter() -> None:
    modules = domain_modules()
    assert "desktop.models.rules" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported by the domain: {result.stdout}"


def packages_loaded(modules: str, packages: tuple[str, ...]) -> list[str]:
    """Which of ``packages`` a fresh interpreter has loaded after importing ``modules``."""
    code = (
        "import sys\n"
        f"import {modules}\n"
        f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({packages!r}))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_the_window_starts_without_the_print_and_network_libraries() -> None:
    """reportlab, cn2an and httpx (with the CLI tools it pulls in) cost half a second at start:
    they load at the first print, amount in words or sync round, never with the window."""
    late = ("reportlab", "cn2an", "httpx", "click", "rich", "pygments")
    assert packages_loaded("desktop.app, desktop.views.main_window", late) == []


def test_the_sign_in_shows_before_the_database_layer_is_imported() -> None:
    """The program's start shows the sign-in first; the data folder opens behind it (tests/views/test_start.py)."""
    heavy = ("sqlalchemy", "alembic", "argon2", "reportlab", "httpx")
    assert packages_loaded("desktop.__main__, desktop.cli, desktop.app, desktop.views.login_dialog", heavy) == []


def test_the_main_window_shows_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    """open_main_window's first look (tests/views/test_window_first.py): the navigation and the
    clerk's intake form, built and painted with none of the heavy libraries loaded."""
    heavy = ("sqlalchemy", "alembic", "argon2", "reportlab", "httpx", "cn2an")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.app import _application\n"
        "from desktop.models.permissions import Role, StaffUser\n"
        "from desktop.views.main_window import MainWindow\n"
        "app = _application()\n"
        "clerk = StaffUser('clerk', '陈受理', Role.clerk, '440100')\n"
        f"window = MainWindow(None, clerk, data_dir=Path({str(tmp_path)!r}))\n"
        "window.show()\n"
        "for _ in range(20):\n"
        "    app.processEvents()\n"
        "assert window.intake_page is not None and window.findChild(object, 'intake.id_number') is not None\n"
        "window.close()  # stops the window's worker threads\n"
        f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}))))\n"
        # The region list and its files load at the first region code checked, not on the first look.
        "print('desktop.models.pooling' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["", "False"]
