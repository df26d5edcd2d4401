"""The house rules of docs/architecture.md, checked on the source.

import-linter (`lint-imports`, run by .ci/run) enforces the same layer order from
pyproject.toml; these tests keep the rules in the test suite too, and add what
import-linter does not check: no cycle even inside one layer, every import inside a
function declared lazy, every module in a layer.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "toolbench"
PYPROJECT = PACKAGE.parent / "pyproject.toml"


def _layers() -> list[str]:
    """The layers from pyproject.toml's import-linter contract, top first."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [str(layer) for layer in contract["layers"]]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str) -> list[tuple[str, ast.stmt, bool]]:
    """(imported toolbench module, statement, inside a function) for every import in the module."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
    out = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        for target in targets:
            while target and target not in MODULES and "." in target:
                target = target.rpartition(".")[0]
            if target in MODULES and target != name:
                out.append((target, node, id(node) in inside))
    return out


def test_every_module_belongs_to_a_layer() -> None:
    layers = _layers()
    outside = [
        name
        for name in MODULES
        if name not in ("toolbench", "toolbench.__main__", "toolbench._version")
        and not name.startswith("toolbench._data")
        and not any(name == layer or name.startswith(layer + ".") for layer in layers)
    ]
    assert outside == []


def _layer_of(name: str, layers: list[str]) -> int | None:
    for position, layer in enumerate(layers):
        if name == layer or name.startswith(layer + "."):
            return position
    return None


def test_layers_import_downward_only_counting_imports_inside_functions() -> None:
    layers = _layers()
    upward = []
    for name in MODULES:
        mine = _layer_of(name, layers)
        if mine is None:
            continue
        for target, node, _ in _imports(name):
            theirs = _layer_of(target, layers)
            if theirs is not None and theirs < mine:  # layers are listed top first
                upward.append(f"{name}:{node.lineno} imports {target}")
    assert upward == []


def test_no_import_cycle_among_toolbench_modules() -> None:
    graph = {name: {target for target, _, _ in _imports(name)} for name in MODULES}
    graph["toolbench"] = set()  # the package's public facade names everything lazily by design
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt == "toolbench":
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == []


def test_an_import_inside_a_function_is_declared_lazy() -> None:
    """Allowed only to load something heavy on first use (openpyxl, httpx, rich, the pydantic models), said so."""
    undeclared = []
    for path in MODULES.values():
        lines = path.read_text(encoding="utf-8").split("\n")
        tree = ast.parse("\n".join(lines))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    text = "\n".join(lines[node.lineno - 1 : node.end_lineno])
                    if "# lazy:" not in text:
                        undeclared.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert undeclared == []


@pytest.mark.parametrize(
    ("what", "where", "marker"),
    [
        ("the addition method (加算方式)", "methods/pricing.py", "def addition_share("),
        ("the matrix HTML style", "renderers/html.py", "@page"),
        ("a trial-import preset", "workspace/trial_import.py", '"microsoft-forms"'),
    ],
)
def test_a_newcomer_finds_each_rule_in_one_file(what: str, where: str, marker: str) -> None:
    holders = [p for p in PACKAGE.rglob("*.py") if marker in p.read_text(encoding="utf-8")]
    assert [p.relative_to(PACKAGE).as_posix() for p in holders] == [where], what


def test_every_package_is_installed() -> None:
    """A subpackage missing from pyproject.toml would be left out of a wheel and fail only once installed."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    packages = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert packages - listed == set()
