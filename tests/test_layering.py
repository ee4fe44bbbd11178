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
    they load at the first print, amount in words or sync round, never with the window.  Nor do the
    wire format's messages (pydantic): the intake form reads only the name limits (``wire.limits``)."""
    late = ("reportlab", "cn2an", "httpx", "click", "rich", "pygments", "cryptography", "pydantic")
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


def test_the_wire_format_imports_neither_the_counter_nor_the_central_system() -> None:
    """Issue 18.1: ``wire`` is the one package both sides import, and it stands below both: every part of
    it loads in a fresh interpreter with nothing of ``desktop`` or ``central``, nor Qt, SQLAlchemy or httpx."""
    import ast

    import wire

    parts = ", ".join(f"wire.{part}" for part in wire._PARTS)
    assert "wire.push" in parts
    above = ("desktop", "central", "bench", "PySide6", "shiboken6", "sqlalchemy", "httpx", "fastapi")
    assert packages_loaded(parts, above) == []
    # Nor inside a function, where a fresh interpreter would not see it.
    named = set()
    for path in Path(wire.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                named.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                named.update(alias.name.split(".")[0] for alias in node.names)
    assert named & {"desktop", "central", "bench"} == set()
    assert "pydantic" in named


# --- the import graph (issue 18.2) -------------------------------------------------------------

DESKTOP = Path(desktop.models.__file__).resolve().parent.parent


def import_graph() -> dict[str, set[str]]:
    """Each ``desktop`` module and the ``desktop`` modules it imports — at the top or inside a function
    (an import deferred for speed is still a dependency).  Migrations are left out: they are frozen copies."""
    import ast

    modules: dict[str, Path] = {}
    for path in DESKTOP.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(DESKTOP.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_desktop() -> None:
    graph = import_graph()
    assert "desktop.models.cases" in graph and graph["desktop.models.case_queries"]
    assert cycles(graph) == []


def test_models_import_nothing_above_them() -> None:
    """The domain's core imports only itself and ``desktop.config`` (the program's name, a leaf) of
    ``desktop``.  It may import ``wire`` (the name limits): that package stands below both sides."""
    graph = import_graph()
    assert graph["desktop.config"] == set()
    wrong = {f"{name} -> {target}" for name, targets in graph.items() if name.startswith("desktop.models")
             for target in targets if not target.startswith("desktop.models") and target != "desktop.config"}
    assert wrong == set()


def test_documents_and_sync_never_import_the_window_or_the_command_line() -> None:
    graph = import_graph()
    above = ("desktop.views", "desktop.cli", "desktop.app", "desktop.__main__")
    wrong = {f"{name} -> {target}" for name, targets in graph.items()
             if name.startswith(("desktop.documents", "desktop.sync"))
             for target in targets if target.startswith(above)}
    assert wrong == set()


def core_strings() -> list[tuple[str, str]]:
    """``(where, text)`` of every string the core, the documents and the sync use (not their docstrings)."""
    import ast

    strings = []
    for package in ("models", "documents", "sync"):
        for path in (DESKTOP / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                          and node.body and isinstance(node.body[0], ast.Expr)
                          and isinstance(node.body[0].value, ast.Constant)}
            strings += [(f"{path.relative_to(DESKTOP)}:{node.lineno}", node.value) for node in ast.walk(tree)
                        if isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in docstrings]
    return strings


def test_the_core_never_names_a_command_line_option() -> None:
    """Issue 18.5: the window shows the core's errors too, so they name fields by the core's own names
    (``out``, ``month``) and say what to do in words; the command line turns those names into its options
    (``cli.common.OPTION_OF_FIELD``).  Docstrings may speak of the commands; strings the program uses may not."""
    import re

    option = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    assert [f"{where}: {text[:60]!r}" for where, text in core_strings() if option.search(text)] == []


def test_the_core_never_names_a_command() -> None:
    """Issue 18.5: nor does the core tell a clerk to run a command (``zhanchi key import``, ``import insured
    FILE``): its words say what to do (请由管理员导入密钥), and the command line adds the command
    (``cli.common.COMMAND_OF_CODE``).  Checked in the catalogue and in every string of the core, the
    documents and the sync that holds Chinese (words for people, not SQL or file names)."""
    import re

    from desktop.models import messages

    # The commands, read from the command line's sources (importing them here would load the sync client).
    commands = {name for path in (DESKTOP / "cli").glob("*.py")
                for name in re.findall(r"add_parser\(\s*\"([a-z-]+)\"", path.read_text(encoding="utf-8"))}
    assert {"import", "key", "register", "restore"} <= commands
    command = re.compile(r"(?<![\w-])(?:zhanchi|python -m desktop|" + "|".join(map(re.escape, sorted(commands)))
                         + r")\s+[A-Za-z]")
    chinese = re.compile(r"[\u4e00-\u9fff]")
    found = [f"messages.py: {code}" for code, text in messages.MESSAGES.items() if command.search(text)]
    found += [f"{where}: {text[:60]!r}" for where, text in core_strings()
              if chinese.search(text) and command.search(text)]
    assert found == []
