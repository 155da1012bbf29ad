"""Module structure: no import cycle inside the qantar package, counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

from qantar import settings


def _modules(root: Path) -> dict[str, Path]:
    """Every module of the package under ``root`` (lib/qantar), by dotted name."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package modules it imports anywhere in its source that runs (top level and functions).

    A lazy import inside a function is still a dependency: the cycle it closes only shows at run time,
    in whichever order the modules happen to be imported. An import under ``if TYPE_CHECKING:`` never
    runs (it names a type for the checker), so it closes no cycle.
    """
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(n)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
            for stmt in block.body
            for n in ast.walk(stmt)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                for alias in node.names:  # `from qantar import settings` imports the module qantar.settings
                    deps.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path [a, b, ..., a], or None (depth-first search, deterministic order)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_cycle_finder_finds_a_lazy_cycle(tmp_path: Path) -> None:
    """The check itself: an import inside a function that closes a loop is found."""
    pkg = tmp_path / "qantar"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from qantar import b\n")
    (pkg / "b.py").write_text("def f():\n    from qantar.a import x\n")
    (pkg / "c.py").write_text("from . import b\n")
    graph = import_graph(pkg)
    assert graph["qantar.c"] == {"qantar.b"}
    assert find_cycle(graph) == ["qantar.a", "qantar.b", "qantar.a"]


def test_no_import_cycle_in_the_package() -> None:
    root = settings.project_root() / "lib" / "qantar"
    graph = import_graph(root)
    assert "qantar.derive" in graph and len(graph) > 20  # the walk saw the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_ignores_typing_only_imports(tmp_path: Path) -> None:
    """An import under ``if TYPE_CHECKING:`` does not run, so it is no dependency; one beside it still is."""
    pkg = tmp_path / "qantar"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from qantar import b\n")
    (pkg / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from qantar.a import x\nfrom qantar import c\n"
    )
    (pkg / "c.py").write_text("")
    graph = import_graph(pkg)
    assert graph["qantar.b"] == {"qantar.c"}
    assert find_cycle(graph) is None
