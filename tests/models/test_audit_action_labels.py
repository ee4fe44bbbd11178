"""Every action the program records in the audit trail has a label in words (issue 16.9).

The operation log shows ``oversight.action_label(action)``; an action without a label reached the
supervisor as its key (``document.dail…``).  The actions are collected from the source, not from a
list kept by hand: every call of ``audit.record`` / ``audit.record_raw`` in the ``desktop``
package, its ``action`` followed back through the functions that pass it on (a parameter: every
call of that function), module constants, ``Action`` members and f-strings over constants.  An
``action`` the walk cannot follow fails the test, so a new way of naming one is looked at.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.models.oversight import ACTION_LABELS, action_label
from desktop.models.permissions import Action

ROOT = Path(__file__).resolve().parents[2] / "desktop"
AUDIT_FUNCTIONS = ("record", "record_raw")  # desktop/models/audit.py


@dataclass(frozen=True)
class Module:
    path: Path
    name: str  # desktop.models.audit
    tree: ast.Module
    constants: dict[str, ast.expr]
    functions: dict[str, str]  # local name -> the module it was imported from (from M import f)
    modules: dict[str, str]  # local name -> a module imported whole (from desktop.models import audit)


def _is_module(dotted: str) -> bool:
    path = ROOT.parent / dotted.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _modules() -> list[Module]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        constants = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                constants[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                constants[node.target.id] = node.value
        functions, modules = {}, {}
        for node in ast.walk(tree):  # imports inside functions too (the lazy ones)
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if _is_module(f"{node.module}.{alias.name}"):
                        modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                    else:
                        functions[alias.asname or alias.name] = node.module
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        modules[alias.asname] = alias.name
        name = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts).removesuffix(".__init__")
        found.append(Module(path, name, tree, constants, functions, modules))
    return found


MODULES = _modules()


def _functions(module: Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _enclosing(module: Module, target: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function whose body holds ``target``."""
    best = None
    for func in _functions(module):
        if any(node is target for node in ast.walk(func)) and (
                best is None or any(node is func for node in ast.walk(best))):
            best = func
    return best


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, func: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    positional = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    if param in positional:
        index = positional.index(param)
        if isinstance(func, ast.FunctionDef) and positional and positional[0] in ("self", "cls"):
            index -= 1 if isinstance(call.func, ast.Attribute) else 0
        if 0 <= index < len(call.args):
            return call.args[index]
    return None


def _calls_of(func: ast.FunctionDef | ast.AsyncFunctionDef, defined_in: Module) -> Iterator[tuple[Module, ast.Call]]:
    """Every call of ``func`` in the package: by its name in its own module or where it is imported
    from there, as ``module.func`` where its module is imported, as ``self.func`` in its own module."""
    for module in MODULES:
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call) or _called_name(node) != func.name:
                continue
            target = node.func
            if isinstance(target, ast.Name):
                ours = module is defined_in or module.functions.get(target.id) == defined_in.name
            else:
                assert isinstance(target, ast.Attribute)
                owner = target.value
                ours = isinstance(owner, ast.Name) and (
                    module.modules.get(owner.id) == defined_in.name
                    or (owner.id in ("self", "cls") and module is defined_in))
            if ours:
                yield module, node


class Unresolved(AssertionError):
    pass


def _values(expr: ast.expr, module: Module, seen: frozenset[int] = frozenset()) -> set[str]:
    """The action names ``expr`` can hold."""
    if id(expr) in seen:
        return set()
    seen = seen | {id(expr)}
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _values(expr.body, module, seen) | _values(expr.orelse, module, seen)
    if isinstance(expr, ast.JoinedStr):
        texts = {""}
        for part in expr.values:
            if isinstance(part, ast.Constant):
                texts = {t + str(part.value) for t in texts}
            elif isinstance(part, ast.FormattedValue):
                options = _values(part.value, module, seen)
                texts = {t + o for t in texts for o in options}
        return texts
    if isinstance(expr, ast.Attribute) and expr.attr == "value":
        return {member.value for member in _members(expr.value, module, seen)}
    if isinstance(expr, ast.Name):
        return _name(expr, module, seen, _values)
    raise Unresolved(f"{_where(expr, module)}: cannot tell which audit action {ast.unparse(expr)!r} holds")


def _members(expr: ast.expr, module: Module, seen: frozenset[int] = frozenset()) -> set[Action]:
    """The ``Action`` members ``expr`` can hold (a member, a table of them, a name for either)."""
    if id(expr) in seen:
        return set()
    seen = seen | {id(expr)}
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "Action":
        return {Action[expr.attr]}
    if isinstance(expr, ast.Name):
        return _name(expr, module, seen, _members)
    if isinstance(expr, ast.Dict):  # a table: what it maps to
        return set().union(*(_members(value, module, seen) for value in expr.values))
    if isinstance(expr, ast.DictComp):  # {move: action for move, action in TABLE.items() ...}
        source = expr.generators[0].iter
        if isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute):
            return _members(source.func.value, module, seen)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get":
        return _members(expr.func.value, module, seen)  # TABLE.get(key)
    if isinstance(expr, ast.Subscript):
        return _members(expr.value, module, seen)  # TABLE[key]
    if isinstance(expr, ast.Call) and expr.args:  # MappingProxyType({...})
        return _members(expr.args[0], module, seen)
    raise Unresolved(f"{_where(expr, module)}: cannot tell which Action {ast.unparse(expr)!r} holds")


def _where(expr: ast.expr, module: Module) -> str:
    return f"{module.path.relative_to(ROOT.parent)}:{getattr(expr, 'lineno', '?')}"


def _name(name: ast.Name, module: Module, seen: frozenset[int], resolve: Any) -> set[Any]:
    """What a name holds: a module constant, a parameter (what every call passes), a local variable
    (what is assigned to it), or a constant imported from another module."""
    if name.id in module.constants:
        return set(resolve(module.constants[name.id], module, seen))
    func = _enclosing(module, name)
    if func is not None:
        params = [a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)]
        if name.id in params:
            found: set[Any] = set()
            for caller_module, call in _calls_of(func, module):
                arg = _argument(call, func, name.id)
                if arg is not None:  # else its default (no audited function has one for an action)
                    found |= resolve(arg, caller_module, seen)
            return found
        assigned = [node.value for node in ast.walk(func) if isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == name.id for t in node.targets)]
        if assigned:
            return set().union(*(resolve(value, module, seen) for value in assigned))
    origin = module.functions.get(name.id)
    if origin is not None:
        source = next((m for m in MODULES if m.name == origin), None)
        if source is not None and name.id in source.constants:
            return set(resolve(source.constants[name.id], source, seen))
    raise Unresolved(f"{_where(name, module)}: cannot tell what {name.id!r} holds")


def recorded_actions() -> dict[str, str]:
    """Every audit action the program can record -> where (one place) it is recorded."""
    audit_module = next(m for m in MODULES if m.path == ROOT / "models" / "audit.py")
    actions: dict[str, str] = {}
    for func in _functions(audit_module):
        if func.name not in AUDIT_FUNCTIONS:
            continue
        for module, call in _calls_of(func, audit_module):
            if module is audit_module and _enclosing(module, call) is func:
                continue
            arg = _argument(call, func, "action")
            assert arg is not None, f"{module.path}:{call.lineno}: audit call without an action"
            for value in _values(arg, module):
                actions.setdefault(value, f"{module.path.relative_to(ROOT.parent)}:{call.lineno}")
    return actions


def test_the_walk_finds_the_actions_it_should() -> None:
    """The collector itself: it reaches actions named in each of the ways the program names them."""
    actions = recorded_actions()
    for expected in (
        "staff.signin",  # a literal passed to a private helper
        "case.materials",  # a module constant
        Action.case_create.value,  # an Action member's value
        "document.receipt",  # an f-string over the document kinds
        "document.daily_summary",  # an f-string over a constant passed on by keyword
        "payment.correct_account",  # through update_case_fields, from another module
    ):
        assert expected in actions, sorted(actions)
    assert len(actions) > 40


@pytest.mark.parametrize(("action", "where"), sorted(recorded_actions().items()))
def test_every_recorded_action_has_a_label(action: str, where: str) -> None:
    label = action_label(action)
    assert action in ACTION_LABELS and label != action, f"{action} (recorded at {where}) has no label"
    assert "." not in label and not label.isascii(), label
