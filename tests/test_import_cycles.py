"""The package's modules import each other without a cycle (issue 21: modules with one job).

The graph is read from the source with ``ast``: every ``import`` and ``from ... import`` statement,
those inside functions included (a deferred import hides a cycle, it does not remove it). Imports
under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import qantar

PKG = Path(qantar.__file__).parent


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, here: str, is_package: bool, modules: set[str]) -> set[str]:
    """The package modules one module's import statements load (relative imports resolved)."""
    found: set[str] = set()

    def resolve(name: str) -> str | None:
        # "qantar.display.KEY" is not a module: the longest prefix that is one is what gets imported.
        parts = name.split(".")
        for n in range(len(parts), 0, -1):
            candidate = ".".join(parts[:n])
            if candidate in modules:
                return candidate
        return None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = resolve(alias.name)
                if target:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".") if is_package else here.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            for alias in node.names:
                target = resolve(f"{prefix}.{alias.name}") or resolve(prefix)
                if target:
                    found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(here)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports, for every module of lib/qantar."""
    files = {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}
    modules = set(files)
    return {
        name: _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", modules)
        for name, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as one cycle through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(_one_cycle(sorted(group), graph))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return groups


def _one_cycle(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A concrete cycle through the group's first module, for the failure message."""
    members = set(group)
    start = group[0]
    path = [start]
    seen = {start}

    def walk(v: str) -> bool:
        for w in sorted(graph[v] & members):
            if w == start and len(path) > 1:
                return True
            if w not in seen:
                seen.add(w)
                path.append(w)
                if walk(w):
                    return True
                path.pop()
        return False

    walk(start)
    return [*path, start]


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check can fail: a made-up graph with a cycle is reported, named module by module."""
    found = cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert found == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_inside_functions_are_read() -> None:
    """An import inside a function counts; one under ``if TYPE_CHECKING:`` does not."""
    src = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x.b\ndef f():\n    from x import c\n"
    assert _imports(ast.parse(src), "x.a", False, {"x.a", "x.b", "x.c", "x"}) == {"x.c"}


def test_lib_qantar_has_no_import_cycle() -> None:
    """No module of lib/qantar imports, directly or through others, a module that imports it back."""
    graph = import_graph()
    assert "qantar.derive" in graph and graph["qantar.cli"], "the graph was not read"
    found = cycles(graph)
    assert not found, "import cycles in lib/qantar:\n" + "\n".join(" → ".join(c) for c in found)
