"""Compare two patched Zou specs and say what a regeneration changes, and which helpers it touches."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import spec_patches


def summarise(spec: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Return operationId -> the facts a caller depends on (route, parameters, body and response fields)."""
    if spec is None:
        return {}
    summary = {}
    for path, method, op in spec_patches.operations(spec):
        params = {
            f"{p['in']}:{p['name']}": f"{p.get('schema', {}).get('type', 'any')}{'!' if p.get('required') else ''}"
            for p in op.get("parameters", [])
        }
        content = (op.get("requestBody") or {}).get("content", {})
        body = {ct: _fields(media.get("schema")) for ct, media in content.items()}
        responses = {}
        for code, response in (op.get("responses") or {}).items():
            for ct, media in ((response or {}).get("content") or {}).items():
                responses[f"{code} {ct}"] = _fields(media.get("schema"))
        summary[op["operationId"]] = {
            "route": f"{method.upper()} {path}",
            "tag": op.get("tags", ["Default"])[0],
            "parameters": params,
            "body": body,
            "responses": responses,
        }
    return summary


def _fields(schema: Any) -> list[str]:
    """Top-level field names of an object schema (or of the items of an array schema)."""
    if not isinstance(schema, dict):
        return []
    if schema.get("type") == "array":
        return _fields(schema.get("items"))
    return sorted((schema.get("properties") or {}).keys())


def route_shape(route: str) -> str:
    """`METHOD /path` with every `{parameter}` as `{}`: what identifies an operation across releases."""
    return re.sub(r"{[^}]+}", "{}", route)


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return added, removed, renamed and changed operations (changed: a list of human-readable differences).

    An operation whose id disappears while its route shape stays (only path parameters renamed or reordered) is
    renamed, not removed: the regenerated index keeps the old id as an alias, so its callers keep working."""
    new_by_shape = {route_shape(facts["route"]): op_id for op_id, facts in new.items()}
    renamed = {
        op_id: new_by_shape[route_shape(old[op_id]["route"])]
        for op_id in sorted(old.keys() - new.keys())
        if route_shape(old[op_id]["route"]) in new_by_shape
    }
    changed: dict[str, list[str]] = {}
    for op_id in sorted(old.keys() & new.keys()):
        notes = []
        a, b = old[op_id], new[op_id]
        for key, label in (("parameters", "parameter"), ("body", "body"), ("responses", "response")):
            for name in sorted(a[key].keys() - b[key].keys()):
                notes.append(f"{label} `{name}` removed")
            for name in sorted(b[key].keys() - a[key].keys()):
                notes.append(f"{label} `{name}` added")
            for name in sorted(a[key].keys() & b[key].keys()):
                if a[key][name] != b[key][name]:
                    notes.append(_describe_change(label, name, a[key][name], b[key][name]))
        if notes:
            changed[op_id] = notes
    return {
        "added": sorted(new.keys() - old.keys() - set(renamed.values())),
        "removed": sorted(old.keys() - new.keys() - renamed.keys()),
        "renamed": renamed,
        "changed": changed,
    }


def _describe_change(label: str, name: str, before: Any, after: Any) -> str:
    if isinstance(before, list) and isinstance(after, list):
        gone = sorted(set(before) - set(after))
        new = sorted(set(after) - set(before))
        parts = ([f"fields removed: {', '.join(gone)}"] if gone else []) + (
            [f"fields added: {', '.join(new)}"] if new else []
        )
        return f"{label} `{name}`: {'; '.join(parts)}"
    return f"{label} `{name}`: {before} -> {after}"


OPERATION_ID = re.compile(r"^(get|post|put|delete|patch|head|options)_[a-z0-9_]*[a-z0-9]$")
CALLS = "kitsu_api.calls"  # the typed operation surface helpers call (scripts/typed_calls.py)


def operation_calls(helpers_dir: Path) -> list[tuple[str, str, str]]:
    """Return (operationId, "module.function", "file:line") for every operationId named in kitsu_helpers.

    Helpers call the typed surface, `projects_ops.get_data_projects(client)` (a module of kitsu_api.calls,
    imported under any name) or a function imported from one, so every such attribute or name counts. They may
    also name operations by constant strings, whatever carries them (`client.call("get_data_projects")`, a
    wrapper such as `delete_text(client, "delete_data_shots_shot_id")`, or a module-level table), so every
    string constant shaped like an operationId counts too, except the names of functions defined in
    kitsu_helpers (`__all__` lists and re-exports hold those)."""
    trees = {file: ast.parse(file.read_text(), filename=str(file)) for file in sorted(helpers_dir.rglob("*.py"))}
    defined = {
        node.name
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }
    found = []
    for file, tree in trees.items():
        module = ".".join(file.relative_to(helpers_dir.parent).with_suffix("").parts)
        modules, functions = _typed_call_imports(tree)
        for owner, node in _nodes_with_owner(tree, "<module>"):
            if isinstance(node, ast.Constant):
                value = node.value
                if not (isinstance(value, str) and OPERATION_ID.match(value) and value not in defined):
                    continue
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
                value = node.attr
            elif isinstance(node, ast.Name) and node.id in functions:
                value = functions[node.id]
            else:
                continue
            found.append((value, f"{module}.{owner}", f"{file.name}:{node.lineno}"))
    return found


def _typed_call_imports(tree: ast.AST) -> tuple[set[str], dict[str, str]]:
    """Return (names bound to kitsu_api.calls tag modules, local name -> operationId of imported typed calls)."""
    modules: set[str] = set()
    functions: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == CALLS:
            modules.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"{CALLS}."):
            functions.update({alias.asname or alias.name: alias.name for alias in node.names})
        elif isinstance(node, ast.Import):
            modules.update(a.asname for a in node.names if a.asname and a.name.startswith(f"{CALLS}."))
    return modules, functions


def _nodes_with_owner(node: ast.AST, owner: str) -> list[tuple[str, ast.AST]]:
    """Return every constant, attribute and name below node with the name of the function it stands in."""
    found: list[tuple[str, ast.AST]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += _nodes_with_owner(child, child.name)
            continue
        if isinstance(child, (ast.Constant, ast.Attribute, ast.Name)):
            found.append((owner, child))
        found += _nodes_with_owner(child, owner)
    return found


def helper_usage(helpers_dir: Path) -> dict[str, set[str]]:
    """Return operationId -> the kitsu_helpers functions that call it (found by reading the code)."""
    usage: dict[str, set[str]] = defaultdict(set)
    if helpers_dir.exists():
        for op_id, function, _ in operation_calls(helpers_dir):
            usage[op_id].add(function)
    return usage


def render_report(
    old_spec: dict[str, Any] | None,
    new_spec: dict[str, Any],
    old_version: str | None,
    new_version: str,
    patch_counts: dict[str, int],
    warnings: list[str],
    helpers_dir: Path,
) -> str:
    """Return the Markdown change report of a regeneration."""
    old, new = summarise(old_spec), summarise(new_spec)
    changes = diff(old, new)
    usage = helper_usage(helpers_dir)
    lines = [f"# Zou API change report: {old_version or 'nothing'} -> {new_version}", ""]
    lines.append(
        f"{len(new)} operations; {len(changes['added'])} added, {len(changes['removed'])} removed, "
        f"{len(changes['changed'])} changed, {len(changes['renamed'])} renamed (path parameters only)."
    )
    lines += ["", "## Helpers affected", ""]
    affected = [op for op in changes["removed"] + sorted(changes["changed"]) if usage.get(op)]
    if affected:
        for op in affected:
            kind = "removed" if op in changes["removed"] else "changed"
            lines.append(f"- `{op}` ({kind}, {old[op]['route']}): {', '.join(sorted(usage[op]))}")
    else:
        lines.append("No helper in kitsu_helpers calls a removed or changed operation.")
    still = [op for op in changes["renamed"] if usage.get(op)]
    if still:
        lines += [
            "",
            f"{len(still)} operation(s) that helpers call are renamed (same route, other path parameter names): they "
            "keep working through the alias table (`kitsu_api.operations.ALIASES`), nothing to fix.",
        ]
    for title, ops, side in (("Added", changes["added"], new), ("Removed", changes["removed"], old)):
        lines += ["", f"## {title} operations", ""]
        by_tag: dict[str, list[str]] = defaultdict(list)
        for op in ops:
            by_tag[side[op]["tag"]].append(f"- `{side[op]['route']}` (`{op}`)")
        for tag in sorted(by_tag):
            lines += [f"### {tag}", *by_tag[tag], ""]
        if not ops:
            lines.append("None.")
    lines += ["", "## Renamed operations (same route shape; the old id stays an alias)", ""]
    for op, target in changes["renamed"].items():
        lines.append(f"- `{old[op]['route']}` -> `{new[target]['route']}` (`{op}` -> `{target}`)")
    if not changes["renamed"]:
        lines.append("None.")
    lines += ["", "## Changed operations", ""]
    by_tag_changed: dict[str, list[str]] = defaultdict(list)
    for op, notes in changes["changed"].items():
        by_tag_changed[new[op]["tag"]].append(f"- `{new[op]['route']}` (`{op}`): " + "; ".join(notes))
    for tag in sorted(by_tag_changed):
        lines += [f"### {tag}", *by_tag_changed[tag], ""]
    if not changes["changed"]:
        lines.append("None.")
    lines += ["", "## Spec patches", ""]
    for name, count in patch_counts.items():
        state = f"{count} place(s) fixed" if count else "**no longer applies** (changed nothing)"
        lines.append(f"- `{name}`: {state}")
    lines += ["", "## Generator warnings (new spec defects)", ""]
    lines += [f"- {w}" for w in warnings] or ["None."]
    return "\n".join(lines) + "\n"
