"""The package's shape: no import cycle, no private name taken from another module, no
module over 500 lines.

Every ``import`` statement counts, also those inside functions; names loaded by
``importlib`` on first use (the lazy re-exports of ``attribution`` and
``attribution.plugins``) are not imports of the module that offers them.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "attribution"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> list[tuple[str, str | None, int]]:
    """``(module imported, name taken from it or None, line)`` for every import in ``name``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if _is_package(name) else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, None, node.lineno))
                else:
                    found.append((base, alias.name, node.lineno))
    return [(module, taken, line) for module, taken, line in found if module.split(".")[0] == "attribution"]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for module, _, _ in _imports(name):
            target = module
            while target not in MODULES:
                target = target.rpartition(".")[0]
            if target != name:
                graph[name].add(target)
    return graph


def test_the_import_graph_has_no_cycle():
    graph = _graph()
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []
    cycles = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_imports_another_modules_private_names():
    found = [
        f"{MODULES[name].relative_to(PACKAGE.parent)}:{line}: {taken} from {module}"
        for name in MODULES
        for module, taken, line in _imports(name)
        if taken is not None and taken.startswith("_") and not taken.startswith("__")
    ]
    assert not found, "private names imported from another module:\n" + "\n".join(found)


def test_the_checker_sees_a_cycle_and_a_private_import(tmp_path, monkeypatch):
    """The two checks above can fail: a made-up pair of modules trips both."""
    package = tmp_path / "attribution"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("def f():\n    from .b import _hidden\n", encoding="utf-8")
    (package / "b.py").write_text("from . import a\n_hidden = 1\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package, raising=False)
    global MODULES
    saved, MODULES = MODULES, {}
    try:
        for path in package.rglob("*.py"):
            parts = list(path.relative_to(tmp_path).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            MODULES[".".join(parts)] = path
        assert "attribution.b" in _graph()["attribution.a"] and "attribution.a" in _graph()["attribution.b"]
        assert ("attribution.b", "_hidden", 2) in _imports("attribution.a")
    finally:
        MODULES = saved


#: A module longer than this is two modules (the house style's smell).
MAX_LINES = 500


def _too_long(package: Path) -> list[str]:
    return [
        f"{path.relative_to(package.parent)}: {count} lines"
        for path in sorted(package.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]


def test_no_source_file_is_over_500_lines():
    too_long = _too_long(PACKAGE)
    assert not too_long, f"split these modules (at most {MAX_LINES} lines each):\n" + "\n".join(too_long)


def test_the_line_count_sees_a_long_module(tmp_path):
    package = tmp_path / "attribution"
    package.mkdir()
    (package / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (package / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert _too_long(package) == [f"attribution/long.py: {MAX_LINES + 1} lines"]
