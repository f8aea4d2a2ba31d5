"""Compare two patched Zou specs and say what a regeneration changes, what of it breaks callers, and which
public helpers of kitsu_helpers it reaches (directly or through the functions they call)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spec_patches

# Breaking: what makes a call that worked fail or read a missing value. Everything else (descriptions, optional
# parameters or body fields added, response fields added) is reported, but as a change a caller survives.
BREAKING_KINDS = "a removed operation, a new required parameter, a retyped parameter, a removed or retyped response field, a changed body"  # fmt: skip
PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000"


def summarise(spec: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Return operationId -> the facts a caller depends on: route, parameters (type and whether required), body
    fields (types and required ones) and response fields (types) per content type, and the operation's text."""
    if spec is None:
        return {}
    components = (spec.get("components") or {}).get("schemas") or {}
    summary = {}
    for path, method, op in spec_patches.operations(spec):
        params = {
            f"{p['in']}:{p['name']}": {"type": _type(p.get("schema"), components), "required": bool(p.get("required"))}
            for p in op.get("parameters", [])
        }
        content = (op.get("requestBody") or {}).get("content", {})
        body = {}
        for ct, media in content.items():
            schema = _resolve(media.get("schema"), components)
            body[ct] = {
                "fields": _fields(schema, components),
                "required": sorted(schema.get("required") or []) if isinstance(schema.get("required"), list) else [],
            }
        responses = {}
        for code, response in (op.get("responses") or {}).items():
            for ct, media in ((response or {}).get("content") or {}).items():
                responses[f"{code} {ct}"] = _fields(media.get("schema"), components)
        route = f"{method.upper()} {path}"
        text = (op.get("description") or "").removeprefix(route).strip()
        summary[op["operationId"]] = {
            "route": route,
            "tag": op.get("tags", ["Default"])[0],
            "parameters": params,
            "body": body,
            "responses": responses,
            "text": f"{op.get('summary') or ''}\n{text}".strip(),
        }
    return summary


def _resolve(schema: Any, components: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """The schema itself, or the component a `$ref` names (followed a few levels deep)."""
    while isinstance(schema, dict) and "$ref" in schema and depth < 8:
        schema = components.get(str(schema["$ref"]).rsplit("/", 1)[-1], {})
        depth += 1
    return schema if isinstance(schema, dict) else {}


def _type(schema: Any, components: dict[str, Any], depth: int = 0) -> str:
    """The JSON type a schema describes, in words (`string`, `array of string`, `one of object|array`, `any`);
    integer and number are one numeric type (a caller sends and reads the same JSON numbers)."""
    schema = _resolve(schema, components)
    if depth > 4:
        return "any"
    alternatives = schema.get("oneOf") or schema.get("anyOf")
    if alternatives:
        return "one of " + "|".join(sorted({_type(s, components, depth + 1) for s in alternatives}))
    kind = schema.get("type")
    if kind == "array":
        return f"array of {_type(schema.get('items'), components, depth + 1)}"
    if kind == "integer":
        return "number"
    if isinstance(kind, str):
        return kind
    return "object" if schema.get("properties") else "any"


def _fields(schema: Any, components: dict[str, Any] | None = None) -> dict[str, str]:
    """Top-level field name -> type of an object schema (of the items of an array, of every alternative of a
    oneOf)."""
    components = components or {}
    schema = _resolve(schema, components)
    if schema.get("type") == "array":
        return _fields(schema.get("items"), components)
    fields: dict[str, str] = {}
    for alternative in schema.get("oneOf") or schema.get("anyOf") or []:
        fields.update(_fields(alternative, components))
    for name, prop in (schema.get("properties") or {}).items():
        fields[name] = _type(prop, components)
    return fields


def route_shape(route: str) -> str:
    """`METHOD /path` with every `{parameter}` as `{}`: what identifies an operation across releases."""
    return re.sub(r"{[^}]+}", "{}", route)


@dataclass
class Note:
    """One difference of an operation between two specs."""

    text: str
    breaking: bool


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return added, removed, renamed and changed operations: changed maps an operation to every difference (in
    words), breaking to those of them that break a caller (BREAKING_KINDS).

    An operation whose id disappears while its route shape stays (only path parameters renamed or reordered) is
    renamed, not removed: the regenerated index keeps the old id as an alias, so its callers keep working. A
    renamed operation is compared too (its path parameters matched by position), under its old id."""
    new_by_shape = {route_shape(facts["route"]): op_id for op_id, facts in new.items()}
    renamed = {
        op_id: new_by_shape[route_shape(old[op_id]["route"])]
        for op_id in sorted(old.keys() - new.keys())
        if route_shape(old[op_id]["route"]) in new_by_shape
    }
    changed: dict[str, list[str]] = {}
    breaking: dict[str, list[str]] = {}
    pairs = [(op_id, op_id) for op_id in sorted(old.keys() & new.keys())] + sorted(renamed.items())
    for old_id, new_id in pairs:
        notes = compare(old[old_id], new[new_id])
        if notes:
            changed[old_id] = [note.text for note in notes]
        if any(note.breaking for note in notes):
            breaking[old_id] = [note.text for note in notes if note.breaking]
    return {
        "added": sorted(new.keys() - old.keys() - set(renamed.values())),
        "removed": sorted(old.keys() - new.keys() - renamed.keys()),
        "renamed": renamed,
        "changed": changed,
        "breaking": breaking,
    }


def _path_names(route: str) -> list[str]:
    return re.findall(r"{([^}]+)}", route)


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[Note]:
    """Every difference between the facts of one operation in two specs, each marked breaking or not."""
    by_position = dict(zip(_path_names(a["route"]), _path_names(b["route"]), strict=False))
    old_params = {
        (f"path:{by_position.get(key[5:], key[5:])}" if key.startswith("path:") else key): facts
        for key, facts in a["parameters"].items()
    }
    notes = _compare_parameters(old_params, b["parameters"])
    notes += _compare_bodies(a["body"], b["body"])
    notes += _compare_responses(a["responses"], b["responses"])
    if a["text"] != b["text"]:
        notes.append(Note("description changed", False))
    return notes


def _compare_parameters(old_params: dict[str, Any], new_params: dict[str, Any]) -> list[Note]:
    """Return the parameters removed, added (breaking when required), made required or optional, and retyped."""
    notes: list[Note] = []
    for name in sorted(old_params.keys() - new_params.keys()):
        notes.append(Note(f"parameter `{name}` removed", False))
    for name in sorted(new_params.keys() - old_params.keys()):
        required = new_params[name]["required"]
        notes.append(Note(f"parameter `{name}` added{' (required)' if required else ''}", required))
    for name in sorted(old_params.keys() & new_params.keys()):
        before, after = old_params[name], new_params[name]
        if after["required"] and not before["required"]:
            notes.append(Note(f"parameter `{name}` is now required", True))
        elif before["required"] and not after["required"]:
            notes.append(Note(f"parameter `{name}` is now optional", False))
        if before["type"] != after["type"]:
            notes.append(Note(f"parameter `{name}`: {before['type']} -> {after['type']}", _retyped(before["type"], after["type"])))  # fmt: skip
    return notes


def _compare_bodies(before: dict[str, Any], after: dict[str, Any]) -> list[Note]:
    """Return the body content types removed (breaking), added (breaking when one was sent or one field is
    required) and, for those in both, their fields removed, added or retyped and newly required."""
    notes: list[Note] = []
    for ct in sorted(before.keys() - after.keys()):
        notes.append(Note(f"body `{ct}` removed" + (f" (now {', '.join(sorted(after))})" if after else ""), True))
    for ct in sorted(after.keys() - before.keys()):
        needed = after[ct]["required"]
        notes.append(Note(f"body `{ct}` added" + (f" (requires {', '.join(needed)})" if needed else ""), bool(before or needed)))  # fmt: skip
    for ct in sorted(before.keys() & after.keys()):
        notes += _compare_fields(f"body `{ct}`", before[ct]["fields"], after[ct]["fields"], removed_breaks=True)
        newly = sorted(set(after[ct]["required"]) - set(before[ct]["required"]))
        if newly:
            notes.append(Note(f"body `{ct}`: now requires {', '.join(newly)}", True))
    return notes


def _compare_responses(before: dict[str, Any], after: dict[str, Any]) -> list[Note]:
    """Return the responses removed (breaking for a 2xx whose status no other content type keeps), added, and
    their fields removed, added or retyped."""
    notes: list[Note] = []
    for key in sorted(before.keys() - after.keys()):
        notes.append(Note(f"response `{key}` removed", key[:1] == "2" and not _same_code(key, after)))
    for key in sorted(after.keys() - before.keys()):
        notes.append(Note(f"response `{key}` added", False))
    for key in sorted(before.keys() & after.keys()):
        notes += _compare_fields(f"response `{key}`", before[key], after[key], removed_breaks=True)
    return notes


def _same_code(key: str, responses: dict[str, Any]) -> bool:
    """True when another content type of the same status is declared (only the media type moved)."""
    return any(other.split(" ", 1)[0] == key.split(" ", 1)[0] for other in responses)


def _retyped(before: str, after: str) -> bool:
    """A type change breaks callers when both sides name a type (any -> typed is the spec catching up)."""
    return "any" not in (before, after) and not before.endswith(" any") and not after.endswith(" any")


def _compare_fields(label: str, before: dict[str, str], after: dict[str, str], removed_breaks: bool) -> list[Note]:
    """Fields removed (breaking), added, retyped; a schema that declares no field any more is free-form (the
    spec stopped describing it, which breaks no caller)."""
    if before and not after:
        return [Note(f"{label}: fields no longer declared (free-form): {', '.join(sorted(before))}", False)]
    notes = []
    gone = sorted(before.keys() - after.keys())
    added = sorted(after.keys() - before.keys())
    if gone:
        notes.append(Note(f"{label}: fields removed: {', '.join(gone)}", removed_breaks))
    if added:
        notes.append(Note(f"{label}: fields added: {', '.join(added)}", False))
    for name in sorted(before.keys() & after.keys()):
        if before[name] != after[name]:
            notes.append(Note(f"{label}: field `{name}` {before[name]} -> {after[name]}", _retyped(before[name], after[name])))  # fmt: skip
    return notes


# --- where helpers use operations -----------------------------------------------------------------------

OPERATION_ID = re.compile(r"^(get|post|put|delete|patch|head|options)_[a-z0-9_]*[a-z0-9]$")
REPO = Path(__file__).resolve().parent.parent


def known_operation_ids(index: Path = REPO / "generated" / "kitsu_api" / "operations.py") -> set[str]:
    """Every operationId and alias of a generated operation index (read, not imported)."""
    if not index.exists():
        return set()
    ids: set[str] = set()
    for node in ast.parse(index.read_text()).body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
            and node.target.id in ("OPERATIONS", "ALIASES")
        ):
            ids |= set(ast.literal_eval(node.value))
    return ids


TYPED_MODULES = ("kitsu_api.calls", "kitsu_api.api")  # the generated packages helpers call operations through


def typed_imports(tree: ast.AST) -> tuple[set[str], dict[str, str]]:
    """Return (local names bound to a generated tag module, local name -> operationId of an imported typed
    function) for one module: `from kitsu_api.calls import crud as crud_ops`, `import kitsu_api.calls.crud as
    crud`, `from kitsu_api.calls.shots import delete_data_shots_shot_id as remove_it`."""
    modules: set[str] = set()
    functions: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in TYPED_MODULES:
            modules.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(tuple(f"{m}." for m in TYPED_MODULES)):
            functions.update({alias.asname or alias.name: alias.name for alias in node.names})
        elif isinstance(node, ast.Import):
            modules.update(
                a.asname for a in node.names if a.asname and a.name.startswith(tuple(f"{m}." for m in TYPED_MODULES))
            )
    return modules, functions


def imported_call_tags(helpers_dir: Path) -> set[str]:
    """The kitsu_api.calls tag modules the helpers import (`from kitsu_api.calls import crud as crud_ops`,
    `from kitsu_api.calls.shots import ...`)."""
    tags: set[str] = set()
    for tree in _parse_helpers(helpers_dir).values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "kitsu_api.calls":
                tags.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kitsu_api.calls."):
                tags.add((node.module or "").split(".")[2])
    return tags


def _operation_refs(
    node: ast.AST, defined: set[str], known: Collection[str], bound: tuple[set[str], dict[str, str]] = (set(), {})
) -> Iterable[tuple[str, int]]:
    """(operationId, line) for what this one node names: a string constant shaped like an operationId (however
    the call is made: `client.call("get_data_projects")`, `delete_text(client, "delete_data_shots_shot_id")`,
    a table), a typed call through a generated tag module bound in that file (`crud_ops.get_data_projects`,
    whatever the module's local name), or a typed function imported from one (under any name). Names of
    functions defined in kitsu_helpers do not count; an attribute of anything else (`other.get_data_persons`)
    is not a call of the API."""
    modules, functions = bound
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if (OPERATION_ID.match(node.value) or node.value in known) and node.value not in defined:
            yield node.value, node.lineno
    elif isinstance(node, ast.Name) and node.id in functions:
        yield functions[node.id], node.lineno
    elif (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and node.attr not in defined
    ):
        yield node.attr, node.lineno


def _parse_helpers(helpers_dir: Path) -> dict[Path, ast.Module]:
    return {file: ast.parse(file.read_text(), filename=str(file)) for file in sorted(helpers_dir.rglob("*.py"))}


def _defined_names(trees: dict[Path, ast.Module]) -> set[str]:
    return {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }


def operation_calls(helpers_dir: Path, known: Collection[str] | None = None) -> list[tuple[str, str, str]]:
    """Return (operationId, "module.function", "file:line") for every operation named in kitsu_helpers, by a
    string constant or (typed calls) by a name or attribute equal to a known operationId (default: those of the
    committed index). Module-level uses are owned by `<module>`."""
    known = known_operation_ids() if known is None else known
    trees = _parse_helpers(helpers_dir)
    defined = _defined_names(trees)
    found = []
    for file, tree in trees.items():
        module = _module_name(file, helpers_dir)
        bound = typed_imports(tree)
        for owner, node in _nodes_with_owner(tree, "<module>"):
            for op_id, line in _operation_refs(node, defined, known, bound):
                found.append((op_id, f"{module}.{owner}", f"{file.name}:{line}"))
    return found


def _module_name(file: Path, helpers_dir: Path) -> str:
    parts = file.relative_to(helpers_dir.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _nodes_with_owner(node: ast.AST, owner: str) -> list[tuple[str, ast.AST]]:
    """Every node below node with the name of the function it stands in."""
    found: list[tuple[str, ast.AST]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += _nodes_with_owner(child, child.name)
        else:
            found.append((owner, child))
            found += _nodes_with_owner(child, owner)
    return found


def helper_usage(helpers_dir: Path, known: Collection[str] | None = None) -> dict[str, set[str]]:
    """Return operationId -> the kitsu_helpers functions that name it (found by reading the code)."""
    usage: dict[str, set[str]] = defaultdict(set)
    if helpers_dir.exists():
        for op_id, function, _ in operation_calls(helpers_dir, known):
            usage[op_id].add(function)
    return usage


@dataclass
class CallGraph:
    """The functions of kitsu_helpers (`kitsu_helpers.casting.cast_asset`, methods as `module.Class.method`,
    module-level tables as `module.NAME`), which operations each names, and which functions each refers to."""

    uses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    refers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    functions: set[str] = field(default_factory=set)
    public_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def callers(self) -> dict[str, set[str]]:
        reverse: dict[str, set[str]] = defaultdict(set)
        for caller, callees in self.refers.items():
            for callee in callees:
                reverse[callee].add(caller)
        return reverse

    def affected(self, op_id: str) -> dict[str, str | None]:
        """Return public helper -> None when it names op_id itself, else the function naming it that it reaches
        through its calls.

        Walks callers up from every function that names the operation; a private function (`asset._project`)
        is never listed itself: its public callers are (through it)."""
        reverse = self.callers()
        direct = sorted(fn for fn, ops in self.uses.items() if op_id in ops)
        found: dict[str, str | None] = {}
        queue = deque((fn, fn) for fn in direct)
        seen: set[str] = set()
        while queue:
            fn, origin = queue.popleft()
            if fn in seen:
                continue
            seen.add(fn)
            for name in self.public_names.get(fn, []):
                found.setdefault(name, None if fn == origin else origin)
            queue.extend((caller, origin) for caller in sorted(reverse.get(fn, ())))
        return found


def _is_public(qualified: str) -> bool:
    return not any(part.startswith("_") for part in qualified.split("."))


def call_graph(helpers_dir: Path, known: Collection[str] | None = None) -> CallGraph:
    """Build the call graph of kitsu_helpers by reading its code (ast): edges are references to functions of
    kitsu_helpers by name (`cast_asset(...)`, imported ones), by module attribute (`raw.get(...)`, `asset.x`),
    by `self.method`, and to module-level tables by name; nested functions belong to the function around them.
    A function is public when no part of its name starts with `_`, or under each public name a public module
    imports it as (`files.guess_from_path` from `_file_paths`, `kitsu_helpers.log_in` from `_auth`)."""
    known = known_operation_ids() if known is None else known
    graph = CallGraph()
    if not helpers_dir.exists():
        return graph
    trees = _parse_helpers(helpers_dir)
    defined = _defined_names(trees)
    modules = {_module_name(file, helpers_dir): (file, tree) for file, tree in trees.items()}
    aliases, exported = _import_aliases(modules, helpers_dir.name)
    for module, (_file, tree) in modules.items():
        tops = {name for node in tree.body for name in _top_level_names(node)}
        _add_module_edges(graph, module, tree, tops, aliases, (defined, known))
    _add_public_names(graph, exported, aliases)
    return graph


def _import_aliases(modules: dict[str, tuple[Path, ast.Module]], package: str) -> tuple[dict[str, str], set[str]]:
    """Return (module.name -> what it is, for every name a module of the package imports from the package: an
    imported function, module or table; the names imported at module level, where a function imported inside
    one is not)."""
    aliases: dict[str, str] = {}
    exported: set[str] = set()
    for module, (file, tree) in modules.items():
        is_package = file.name == "__init__.py"
        top_level = {id(node) for node in _module_level_statements(tree.body)}
        for node in ast.walk(tree):
            for name, target in _package_imports(node, module, is_package, package):
                aliases[f"{module}.{name}"] = target
                if id(node) in top_level:
                    exported.add(f"{module}.{name}")
    return aliases, exported


def _package_imports(node: ast.AST, module: str, is_package: bool, package: str) -> list[tuple[str, str]]:
    """Return (local name, absolute dotted name) for each name an import statement binds from the package
    (nothing for another node or an import from outside it)."""
    if isinstance(node, ast.ImportFrom):
        source = _import_source(module, is_package, node, package)
        if source is None:
            return []
        return [(alias.asname or alias.name, f"{source}.{alias.name}") for alias in node.names]
    if isinstance(node, ast.Import):
        return [
            (alias.asname or alias.name, alias.name)
            for alias in node.names
            if alias.name == package or alias.name.startswith(package + ".")
        ]
    return []


def _resolve_alias(name: str, aliases: dict[str, str]) -> str:
    """Return what a dotted name finally names, following imports (at most ten hops)."""
    for _ in range(10):
        if name not in aliases:
            break
        name = aliases[name]
    return name


def _add_module_edges(
    graph: CallGraph,
    module: str,
    tree: ast.Module,
    tops: set[str],
    aliases: dict[str, str],
    names: tuple[set[str], Collection[str]],
) -> None:
    """Add one module's functions to graph, with the operations each names and the functions it refers to.

    tops: the module's top-level names; names: (the functions defined in the package, the known operationIds)."""
    defined, known = names
    bound = typed_imports(tree)
    for owner, nodes, is_function in _owned_nodes(tree):
        node_name = f"{module}.{owner}"
        if is_function:
            graph.functions.add(node_name)
        for node in nodes:
            for op_id, _line in _operation_refs(node, defined, known, bound):
                graph.uses[node_name].add(op_id)
            referred = _referred(node, module, tops, aliases, owner)
            if referred:
                resolved = _resolve_alias(referred, aliases)
                if resolved != node_name:
                    graph.refers[node_name].add(resolved)


def _add_public_names(graph: CallGraph, exported: set[str], aliases: dict[str, str]) -> None:
    """Give each function of graph its public names: its own when public, and each public name a public module
    imports it as."""
    for node_name in sorted(graph.functions):
        if _is_public(node_name):
            graph.public_names[node_name].append(node_name)
    for public_name in sorted(exported):
        resolved = _resolve_alias(public_name, aliases)
        public = _is_public(public_name) and not _is_public(resolved)
        if public and resolved in graph.functions and public_name not in graph.public_names[resolved]:
            graph.public_names[resolved].append(public_name)


def _module_level_statements(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """The statements run at import time: the module's own, and those inside its `if` and `try` blocks
    (`if TYPE_CHECKING:` re-exports)."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            yield from _module_level_statements(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            yield from _module_level_statements(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                yield from _module_level_statements(handler.body)


def _import_source(module: str, is_package: bool, node: ast.ImportFrom, package: str) -> str | None:
    """The absolute module an ImportFrom reads from, when it is inside the package, else None."""
    if node.level == 0:
        name = node.module or ""
        return name if name == package or name.startswith(package + ".") else None
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(base + ([node.module] if node.module else []))


def _top_level_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _owned_nodes(tree: ast.Module) -> list[tuple[str, list[ast.AST], bool]]:
    """(owner, every node inside it, whether it is a function) for each top-level function, each method
    (`Class.method`), each class body (`Class`), each module-level assignment (`NAME`) and the rest of the
    module (`<module>`)."""
    owned: list[tuple[str, list[ast.AST], bool]] = []
    rest: list[ast.AST] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            owned.append((node.name, list(ast.walk(node)), True))
        elif isinstance(node, ast.ClassDef):
            body: list[ast.AST] = []
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    owned.append((f"{node.name}.{item.name}", list(ast.walk(item)), True))
                else:
                    body += list(ast.walk(item))
            owned.append((node.name, body, False))
        elif names := _top_level_names(node):
            owned += [(name, list(ast.walk(node)), False) for name in names]
        else:
            rest += list(ast.walk(node))
    owned.append(("<module>", rest, False))
    return owned


def _referred(node: ast.AST, module: str, tops: set[str], aliases: dict[str, str], owner: str) -> str | None:
    """The kitsu_helpers function, method or table a node refers to, if any (not yet resolved through imports)."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        if node.id in tops or f"{module}.{node.id}" in aliases:
            return f"{module}.{node.id}"
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        base = node.value.id
        if base == "self" and "." in owner:
            return f"{module}.{owner.split('.', maxsplit=1)[0]}.{node.attr}"
        target = aliases.get(f"{module}.{base}")
        if target is not None:
            return f"{target}.{node.attr}"
    return None


# --- the report -----------------------------------------------------------------------------------------


def sample_path(path: str, parameters: dict[str, dict[str, Any]]) -> str:
    """The route with each path parameter filled with a value of its type (an id: a UUID that names nothing)."""

    def value(match: re.Match[str]) -> str:
        kind = parameters.get(f"path:{match.group(1)}", {}).get("type")
        return "1" if kind == "number" else PLACEHOLDER_ID

    return re.sub(r"{([^}]+)}", value, path)


Probe = Callable[[str, str], str]  # (METHOD, concrete path) -> "served", "absent" or "unknown: why"


@dataclass
class ReportFacts:
    """What the report is about: both summaries, their diff, the helpers' call graph, and the probe's verdicts
    on the removed operations (empty without a probe)."""

    old: dict[str, dict[str, Any]]
    new: dict[str, dict[str, Any]]
    changes: dict[str, Any]
    graph: CallGraph
    served: dict[str, str]
    probed: bool

    @property
    def omitted(self) -> list[str]:
        """The removed operations the server still serves (not in its spec)."""
        return [op for op in self.changes["removed"] if self.served.get(op) == "served"]

    @property
    def removed(self) -> list[str]:
        """The removed operations the server does not serve (or was not asked about)."""
        omitted = self.omitted
        return [op for op in self.changes["removed"] if op not in omitted]

    @property
    def breaking_ops(self) -> list[str]:
        """The removed operations, then those with a breaking change."""
        return self.removed + sorted(self.changes["breaking"])


def render_report(
    old_spec: dict[str, Any] | None,
    new_spec: dict[str, Any],
    old_version: str | None,
    new_version: str,
    patch_counts: dict[str, int],
    warnings: list[str],
    helpers_dir: Path,
    *,
    against: str | None = None,
    probe: Probe | None = None,
) -> str:
    """Return the Markdown change report of a regeneration.

    against: what the old spec is (shown). probe: asks the new server whether it still serves a route its spec
    no longer declares (regen.py passes one with --url); such operations are "served but not in the spec"."""
    old, new = summarise(old_spec), summarise(new_spec)
    changes = diff(old, new)
    facts = ReportFacts(
        old=old,
        new=new,
        changes=changes,
        graph=call_graph(helpers_dir, known=set(old) | set(new)),
        served=_probe_removed(old, changes["removed"], probe),
        probed=probe is not None,
    )
    lines = [
        *_headline(facts, old_version, new_version, against),
        *_helpers_affected(facts),
        *_added_and_removed(facts),
        *_served_not_in_spec(facts),
        *_renamed(facts),
        *_changes_by_tag(facts),
        *_patch_lines(patch_counts),
        "",
        "## Generator warnings (new spec defects)",
        "",
        *([f"- {w}" for w in warnings] or ["None."]),
    ]
    return "\n".join(lines) + "\n"


def _probe_removed(old: dict[str, dict[str, Any]], removed: list[str], probe: Probe | None) -> dict[str, str]:
    """Return removed operationId -> the probe's verdict on its route (empty without a probe)."""
    if probe is None:
        return {}
    served = {}
    for op in removed:
        method, path = old[op]["route"].split(" ", 1)
        served[op] = probe(method, sample_path(path, old[op]["parameters"]))
    return served


def _headline(facts: ReportFacts, old_version: str | None, new_version: str, against: str | None) -> list[str]:
    """Return the report's title, what it compares with and its one-line count of changes."""
    changes = facts.changes
    lines = [f"# Zou API change report: {old_version or 'nothing'} -> {new_version}", ""]
    if against:
        lines += [f"Compared with {against}.", ""]
    lines.append(
        f"{len(facts.new)} operations; {len(changes['added'])} added, {len(facts.removed)} removed, "
        f"{len(changes['changed'])} changed, {len(changes['renamed'])} renamed (path parameters only)"
        + (f", {len(facts.omitted)} served but not in the spec" if facts.probed else "")
        + f". {len(facts.breaking_ops)} breaking ({BREAKING_KINDS})."
    )
    return lines


def _helpers_affected(facts: ReportFacts) -> list[str]:
    """Return the "Helpers affected" section: renamed operations helpers call, then the helpers each breaking,
    other or omitted operation reaches, then how many helpers are affected."""
    changes = facts.changes
    lines = ["", "## Helpers affected", ""]
    still = [op for op in changes["renamed"] if facts.graph.affected(op) and op not in changes["breaking"]]
    if still:
        lines += [
            f"{len(still)} operation(s) that helpers call are renamed (same route, other path parameter names): they "
            "keep working through the alias table (`kitsu_api.operations.ALIASES`), nothing to fix.",
            "",
        ]
    sections = (
        ("Breaking: these helpers fail or read missing fields on the new server", facts.breaking_ops),
        (
            "Other changes: these helpers keep working (worth a look)",
            sorted(set(changes["changed"]) - set(changes["breaking"])),
        ),
        (
            "Served but not in the spec: the server still answers these routes; the regenerated package keeps them "
            "(from the previous spec), so these helpers keep working",
            facts.omitted,
        ),
    )
    broken: set[str] = set()
    touched: set[str] = set()
    unreachable: set[str] = set()
    for (title, ops), bucket in zip(sections, (broken, touched, unreachable), strict=True):
        entries, helpers = _affected_entries(facts, ops)
        bucket.update(helpers)
        lines += [f"### {title}", "", *(entries or ["None."]), ""]
    if not broken and not touched and not unreachable:
        lines += ["No helper in kitsu_helpers calls a removed or changed operation.", ""]
    lines.append(
        f"{len(broken)} public helper(s) affected by breaking changes"
        + (f", {len(unreachable - broken)} more by operations the spec omits" if facts.probed else "")
        + f", {len(touched - broken - unreachable)} more by other changes."
    )
    return lines


def _affected_entries(facts: ReportFacts, ops: list[str]) -> tuple[list[str], set[str]]:
    """Return (one line per operation of ops some helper reaches, naming those helpers; every such helper)."""
    changes, removed, omitted = facts.changes, facts.removed, facts.omitted
    entries: list[str] = []
    reached: set[str] = set()
    for op in ops:
        helpers = facts.graph.affected(op)
        if not helpers:
            continue
        reached.update(helpers)
        kind = "removed" if op in removed else "served, not in the spec" if op in omitted else "changed"
        why = "; ".join(changes["breaking"].get(op) or changes["changed"].get(op) or [])
        names = ", ".join(f"{name}" + (f" (through {via})" if via else "") for name, via in sorted(helpers.items()))
        entries.append(f"- `{op}` ({kind}, {facts.old[op]['route']}{': ' + why if why else ''}): {names}")
    return entries, reached


def _added_and_removed(facts: ReportFacts) -> list[str]:
    """Return the "Added operations" and "Removed operations" sections, by tag (with the probe's doubts)."""
    lines: list[str] = []
    for title, ops, side in (("Added", facts.changes["added"], facts.new), ("Removed", facts.removed, facts.old)):
        lines += ["", f"## {title} operations", ""]
        by_tag: dict[str, list[str]] = defaultdict(list)
        for op in ops:
            verdict = facts.served.get(op, "")
            extra = f" (probe: {verdict})" if verdict.startswith("unknown") else ""
            by_tag[side[op]["tag"]].append(f"- `{side[op]['route']}` (`{op}`){extra}")
        for tag in sorted(by_tag):
            lines += [f"### {tag}", *by_tag[tag], ""]
        if not ops:
            lines.append("None.")
    return lines


def _served_not_in_spec(facts: ReportFacts) -> list[str]:
    """Return the "Served but not in the spec" section (only with a probe)."""
    if not facts.probed:
        return []
    return [
        "",
        "## Served but not in the spec (the server answers the route; its spec omits it; kept from the previous spec)",
        "",
        *([f"- `{facts.old[op]['route']}` (`{op}`)" for op in facts.omitted] or ["None."]),
    ]


def _renamed(facts: ReportFacts) -> list[str]:
    """Return the "Renamed operations" section: old route and id -> new ones."""
    renamed = facts.changes["renamed"]
    lines = ["", "## Renamed operations (same route shape; the old id stays an alias)", ""]
    for op, target in renamed.items():
        lines.append(f"- `{facts.old[op]['route']}` -> `{facts.new[target]['route']}` (`{op}` -> `{target}`)")
    if not renamed:
        lines.append("None.")
    return lines


def _changes_by_tag(facts: ReportFacts) -> list[str]:
    """Return the "Breaking changes" and "Other changes" sections, by tag (other: the non-breaking notes)."""
    changes = facts.changes
    lines: list[str] = []
    for title, notes_by_op, only in (
        ("Breaking changes", changes["breaking"], None),
        ("Other changes", changes["changed"], changes["breaking"]),
    ):
        lines += ["", f"## {title}", ""]
        by_tag: dict[str, list[str]] = defaultdict(list)
        for op, notes in notes_by_op.items():
            shown = notes if only is None else [n for n in notes if n not in only.get(op, [])]
            if shown:
                target = changes["renamed"].get(op, op)
                by_tag[facts.new[target]["tag"]].append(
                    f"- `{facts.new[target]['route']}` (`{op}`): " + "; ".join(shown)
                )
        for tag in sorted(by_tag):
            lines += [f"### {tag}", *by_tag[tag], ""]
        if not by_tag:
            lines.append("None.")
    return lines


def _patch_lines(patch_counts: dict[str, int]) -> list[str]:
    """Return the "Spec patches" section: how many places each patch fixed, or why it fixed none."""
    lines = ["", "## Spec patches", ""]
    for name, count in patch_counts.items():
        if count:
            state = f"{count} place(s) fixed"
        elif name in spec_patches.OLD_RELEASE_PATCHES:
            state = f"0 places: not needed by this spec (a quirk of {spec_patches.OLD_RELEASE_PATCHES[name]})"
        else:
            state = "**no longer applies** (changed nothing)"
        lines.append(f"- `{name}`: {state}")
    return lines
