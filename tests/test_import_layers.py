"""The helper package's import graph: no module imports another that (directly or not) imports it back, counting
every import the code writes (top-level, inside functions, under TYPE_CHECKING): a cycle is a circle a newcomer
has to untangle, whatever Python tolerates at run time."""

from __future__ import annotations

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "kitsu_helpers"


def module_name(path: pathlib.Path) -> str:
    """Return the dotted module name of a file of the package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: pathlib.Path, modules: set[str]) -> set[str]:
    """Return the package modules a file imports anywhere in its code (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    """Return each package module's imports of other package modules (the package's face __init__ left out)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: imported_modules(path, set(files)) for name, path in files.items()}
    faces = {name for name, path in files.items() if path.name == "__init__.py"}
    return {name: deps - faces for name, deps in graph.items() if name not in faces}


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Return every module start imports, directly or through others."""
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the groups of modules that import each other in a loop (more than one module each), sorted."""
    reach = {node: reachable(graph, node) for node in graph}
    groups = {frozenset({node} | {other for other in reach[node] if node in reach.get(other, set())}) for node in graph}
    return sorted(sorted(group) for group in groups if len(group) > 1)


def test_the_helper_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_ground_modules_import_nothing_above_them() -> None:
    graph = import_graph()
    ground = {"kitsu_helpers.errors": set(), "kitsu_helpers._types": set()}
    for module, allowed in ground.items():
        assert graph[module] <= allowed, module
