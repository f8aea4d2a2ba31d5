"""Write `kitsu_api/calls/`: the typed operation surface helpers call, one thin function per operationId and alias.

    from kitsu_api.calls import projects as projects_ops
    projects_ops.get_data_projects_instance_id(client, instance_id=project_id, relations=True)

Each tag gets two files, both generated from the patched spec by scripts/regen.py:

- `<tag>.py`, what runs: plain functions whose body is the `client.call("<operationId>", ...)` a helper would
  write (no attrs model, no parsing: the decoded JSON comes back as it does from `client.call`), so a typed call
  costs one extra Python call over a raw one, and importing a tag module defines functions and nothing else;
- `<tag>.pyi`, what type checkers read: the same functions with keyword-only typed path parameters, the spec's
  query parameters as typed keywords (`params=` still carries any other filter), the JSON body as a per-operation
  TypedDict (Required/NotRequired as the spec says; the parameter also takes any `dict[str, Any]`, since Zou's
  request schemas list fewer fields than Zou accepts, e.g. every column on the CRUD POST/PUT routes: annotate a
  payload with the TypedDict, `payload: projects_ops.PutDataProjectsInstanceIdBody = {...}`, to have its keys and
  value types checked), multipart `data`/`files`, `raw=True` overloads returning the
  `httpx.Response`, and the result type of the 2xx response (`response_annotation`, the one place that decides it).

An alias (an operationId of an earlier Zou release whose route is now spelled with other path-parameter names,
kitsu_api.operations.ALIASES) gets its own function with the path parameters named as they were then, so a helper
written against either spelling keeps working and type-checking after a rename.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

RESERVED = {"client", "params", "json", "data", "files", "raw", "timeout"}
JSON_BODY = "application/json"
FORM_BODIES = ("multipart/form-data", "application/x-www-form-urlencoded")


def pascal(op_id: str) -> str:
    return "".join(part.capitalize() for part in op_id.split("_") if part)


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s into components (a bounded walk: refs to refs are followed, cycles stop)."""
    for _ in range(10):
        ref = schema.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return schema
        node: Any = spec
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        schema = node if isinstance(node, dict) else {}
    return schema


def value_annotation(spec: dict[str, Any], schema: dict[str, Any] | None, depth: int = 0) -> str:
    """The Python type of a value of that schema (objects stay dict[str, Any]: Zou's objects are open)."""
    if not schema:
        return "Any"
    schema = resolve(spec, schema)
    for combo in ("anyOf", "oneOf"):
        if combo in schema and depth < 3:
            parts = dedupe(value_annotation(spec, sub, depth + 1) for sub in schema[combo])
            return "Any" if "Any" in parts else " | ".join(parts)
    kind = schema.get("type")
    if kind == "string":
        base = "str"
    elif kind == "integer":
        base = "int"
    elif kind == "number":
        base = "float"
    elif kind == "boolean":
        base = "bool"
    elif kind == "array":
        base = f"list[{value_annotation(spec, schema.get('items'), depth + 1)}]" if depth < 3 else "list[Any]"
    elif kind == "object" or "properties" in schema:
        base = "dict[str, Any]"
    else:
        return "Any"
    return f"{base} | None" if schema.get("nullable") else base


def dedupe(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        for part in item.split(" | "):
            if part not in out:
                out.append(part)
    return out


def json_schema(content: dict[str, Any]) -> dict[str, Any] | None:
    for ctype in sorted(content):
        if ctype == JSON_BODY or ctype.endswith("+json"):
            return content[ctype].get("schema") or {}
    return None


ENTITY_RESULTS: dict[str, tuple[str, bool]] = {}  # operationId -> (kitsu_api.entities TypedDict, is_list)


def response_annotation(spec: dict[str, Any], op: dict[str, Any]) -> str:
    """The result type of a typed call: what `client.call` decodes from the operation's first 2xx JSON response.

    The one place that decides it: an operation that answers one of Zou's entities (kitsu_api.entities'
    OPERATION_ENTITIES, set in ENTITY_RESULTS by write_calls) -> its TypedDict or a list of them; otherwise from
    the spec: objects -> dict[str, Any], arrays -> list[...] of their items, scalars -> their type; Any when the
    spec declares no JSON schema."""
    entity = ENTITY_RESULTS.get(op.get("operationId", ""))
    if entity is not None:
        name, is_list = entity
        return f"list[{name}]" if is_list else name
    responses = op.get("responses") or {}
    for code in sorted(responses):
        if not code.startswith("2"):
            continue
        schema = json_schema((responses[code] or {}).get("content") or {})
        if schema is None:
            return "Any"
        schema = resolve(spec, schema)
        if schema.get("type") == "array":
            items = resolve(spec, schema.get("items") or {})
            if items.get("type") == "object" or "properties" in items:
                return "list[dict[str, Any]]"
            return f"list[{value_annotation(spec, items)}]"
        if not schema.get("type") and not schema.get("properties"):
            return "Any"
        return value_annotation(spec, {**schema, "nullable": False})
    return "Any"


def is_name(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def query_keywords(op: dict[str, Any], path_params: tuple[str, ...]) -> list[tuple[str, dict[str, Any]]]:
    """The query parameters offered as typed keywords (the others still go through `params=`)."""
    seen = set(path_params) | RESERVED
    out = []
    for param in sorted(op.get("parameters") or [], key=lambda p: p.get("name", "")):
        name = param.get("name", "")
        if param.get("in") == "query" and is_name(name) and name not in seen:
            seen.add(name)
            out.append((name, param.get("schema") or {}))
    return out


def body_kind(op: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """("json" | "form" | None, schema) of the request body."""
    content = (op.get("requestBody") or {}).get("content") or {}
    if JSON_BODY in content:
        return "json", content[JSON_BODY].get("schema") or {}
    for ctype in FORM_BODIES:
        if ctype in content:
            return "form", content[ctype].get("schema") or {}
    return None, {}


def body_typeddict(spec: dict[str, Any], name: str, schema: dict[str, Any]) -> tuple[str, list[str]]:
    """(annotation of the JSON body, TypedDict definition lines) for an operation's request schema."""
    schema = resolve(spec, schema)
    props = schema.get("properties") or {}
    if schema.get("type") == "array":
        return value_annotation(spec, schema), []
    if not props:
        return "dict[str, Any]", []
    required = set(schema.get("required") or [])
    fields = []
    for key in sorted(props):
        annotation = value_annotation(spec, props[key])
        fields.append((key, f"Required[{annotation}]" if key in required else f"NotRequired[{annotation}]"))
    if all(is_name(key) for key, _ in fields):
        lines = [f"class {name}(TypedDict, total=False):", *(f"    {key}: {ann}" for key, ann in fields)]
    else:
        lines = [
            f"{name} = TypedDict({name!r}, {{",
            *(f"    {key!r}: {ann}," for key, ann in fields),
            "}, total=False)",
        ]
    return name, lines


def takes_body(op: dict[str, Any]) -> bool:
    return op["_method"] in ("POST", "PUT", "PATCH")


def path_annotation(spec: dict[str, Any], op: dict[str, Any], index: int) -> str:
    """The type of the index-th path parameter (by position: an alias spells its name otherwise): str, or
    `int | str` for the spec's integer segments (a year, a week), which helpers pass either way."""
    names = re.findall(r"{([^}]+)}", op["_current_path"])
    declared = {p.get("name"): p.get("schema") or {} for p in op.get("parameters") or [] if p.get("in") == "path"}
    schema = resolve(spec, declared.get(names[index], {})) if index < len(names) else {}
    return "int | str" if schema.get("type") == "integer" else "str"


def function_text(
    spec: dict[str, Any], op_id: str, called_id: str, op: dict[str, Any], path_params: tuple[str, ...], body_name: str
) -> tuple[str, list[str], list[str]]:
    """(runtime function, stub lines, body TypedDict lines) of one operation or alias."""
    queries = query_keywords(op, path_params)
    kind, schema = body_kind(op)
    typeddict: list[str] = []
    path_sig = [f"{name}: {path_annotation(spec, op, index)}" for index, name in enumerate(path_params)]
    query_sig = [f"{name}: {value_annotation(spec, sch).replace(' | None', '')} | None = ..." for name, sch in queries]
    extra_sig = ["params: Mapping[str, Any] | None = ..."]
    if kind == "json":
        annotation, typeddict = body_typeddict(spec, body_name, schema)
        if typeddict:  # Zou's request schemas list fewer fields than Zou accepts: open, see module docstring
            annotation += " | dict[str, Any]"
        extra_sig.append(f"json: {annotation} | None = ...")
    elif kind == "form":
        extra_sig += ["data: Mapping[str, Any] | None = ...", "files: Mapping[str, Any] | None = ..."]
        extra_sig.append("json: dict[str, Any] | list[Any] | None = ...")  # Zou reads these fields as JSON too
    elif takes_body(op):  # Zou reads a body the spec does not declare on some routes (e.g. comment replies)
        extra_sig.append("json: dict[str, Any] | list[Any] | None = ...")
    extra_sig.append("timeout: Timeout = ...")
    keywords = [*path_sig, *query_sig, *extra_sig]
    result = response_annotation(spec, op)
    head = f"def {op_id}(client: Caller, /, *, " + ", ".join(keywords)
    stub = [
        "@overload",
        f"{head}, raw: Literal[False] = ...) -> {result}: ...",
        "@overload",
        f"{head}, raw: Literal[True]) -> Response: ...",
    ]
    run_args = [*path_params, *(f"{name}=None" for name, _ in queries), "params=None"]
    passed = []
    if queries:
        declared = ", ".join(f"{name!r}: {name}" for name, _ in queries)
        unset = " and ".join(f"{name} is None" for name, _ in queries)  # the common case builds nothing
        passed.append(f"params=params if {unset} else merge_query(params, {{{declared}}})")
    else:
        passed.append("params=params")
    if kind == "json":
        run_args.append("json=None")
        passed.append("json=json")
    elif kind == "form":
        run_args += ["data=None", "files=None", "json=None"]
        passed += ["data=data", "files=files", "json=json"]
    elif takes_body(op):
        run_args.append("json=None")
        passed.append("json=json")
    run_args += ["raw=False", "timeout=None"]
    passed += ["raw=raw", "timeout=timeout", *(f"{name}={name}" for name in path_params)]
    method, path = op["_method"], op["_path"]
    runtime = (
        f"def {op_id}(client, /, *, {', '.join(run_args)}):\n"
        f'    """{method} {path}"""\n'
        f"    return client.call({called_id!r}, {', '.join(passed)})\n"
    )
    return runtime, stub, typeddict


def write_calls(
    spec: dict[str, Any],
    operations: list[tuple[str, str, dict[str, Any]]],
    tags: dict[str, str],
    aliases: dict[str, tuple[str, str, tuple[str, ...]]],
    package: Path,
    kept_tags: Iterable[str] = (),
    entity_results: dict[str, tuple[str, bool]] | None = None,
) -> None:
    """Write package/calls/: __init__.py(i) and one .py/.pyi pair per tag (operations sorted by id); a kept tag
    with no operation left gets an empty pair, so a helper module importing it still imports. entity_results:
    operationId -> (TypedDict of kitsu_api.entities, is_list), the results typed as Zou's entities."""
    ENTITY_RESULTS.clear()
    ENTITY_RESULTS.update(entity_results or {})
    entries = entries_by_tag(operations, tags, aliases, kept_tags)
    folder = package / "calls"
    folder.mkdir()
    (folder / "__init__.py").write_text(INIT_PY)
    (folder / "__init__.pyi").write_text(INIT_PYI)
    for tag in sorted(entries):
        runtime, stub = tag_module_texts(spec, tag, entries[tag])
        (folder / f"{tag}.py").write_text(runtime)
        (folder / f"{tag}.pyi").write_text(stub)


Entry = tuple[str, str, dict[str, Any], tuple[str, ...], str]  # (name, called id, operation, path params, body)


def entries_by_tag(
    operations: list[tuple[str, str, dict[str, Any]]],
    tags: dict[str, str],
    aliases: dict[str, tuple[str, str, tuple[str, ...]]],
    kept_tags: Iterable[str],
) -> dict[str, list[Entry]]:
    """Return tag -> (function name, operationId it calls, operation, path parameters, body TypedDict name) of
    each operation and each alias (under its old path and parameters); a kept tag has its (maybe empty) list."""
    by_id = {}
    for path, method, op in operations:
        by_id[op["operationId"]] = {**op, "_method": method.upper(), "_path": path, "_current_path": path}
    entries: dict[str, list[Entry]] = {}
    for op_id, op in by_id.items():
        params = tuple(re.findall(r"{([^}]+)}", op["_path"]))
        entries.setdefault(tags[op_id], []).append((op_id, op_id, op, params, pascal(op_id) + "Body"))
    for old_id, (current, old_path, old_params) in aliases.items():
        op = {**by_id[current], "_path": old_path}
        entries.setdefault(tags[current], []).append((old_id, old_id, op, old_params, pascal(current) + "Body"))
    for tag in kept_tags:
        entries.setdefault(tag, [])
    return entries


def tag_module_texts(spec: dict[str, Any], tag: str, entries: list[Entry]) -> tuple[str, str]:
    """Return (the .py text, the .pyi text) of one tag's module of typed calls (functions sorted by name)."""
    runtime_parts = [
        f'"""Typed calls of the {tag!r} operations (signatures in {tag}.pyi); each is `client.call(id, ...)`."""',
        "",
        "from . import merge_query, missing_operation",
        "",
        "",
        "def __getattr__(name):",
        "    raise missing_operation(__name__, name)",
        "",
    ]
    stub_parts = [
        f'"""Types of the {tag!r} operations: path, query and body parameters and results, from the spec."""',
        "",
        "from collections.abc import Mapping",
        "from typing import Any, Literal, overload",
        "",
        "from httpx import Response",
        "from typing_extensions import NotRequired, Required, TypedDict",
        "",
        "from . import Caller, Timeout",
        "",
    ]
    bodies: dict[str, list[str]] = {}
    functions: list[list[str]] = []
    for op_id, called, op, params, body_name in sorted(entries, key=lambda e: e[0]):
        runtime, stub, typeddict = function_text(spec, op_id, called, op, params, body_name)
        runtime_parts += ["", runtime]
        functions.append(stub)
        if typeddict:
            bodies[body_name] = typeddict
    used = sorted({ENTITY_RESULTS[e[2]["operationId"]][0] for e in entries if e[2]["operationId"] in ENTITY_RESULTS})
    if used:
        stub_parts += [f"from ..entities import {', '.join(used)}", ""]
    for name in sorted(bodies):
        stub_parts += ["", *bodies[name], ""]
    for stub in functions:
        stub_parts += ["", *stub]
    return "\n".join(runtime_parts).rstrip("\n") + "\n", "\n".join(stub_parts).rstrip("\n") + "\n"


INIT_PY = '''"""The typed operation surface: `kitsu_api.calls.<tag>.<operationId>(client, ...)`, one function per operation
and per alias of kitsu_api.operations, each the `client.call("<operationId>", ...)` it stands for.

The types live in the .pyi stubs beside each module (what mypy and pyright read), so importing a tag module at
run time only defines thin functions."""


def missing_operation(module, name):
    """The error for a typed call this Zou release lacks: kitsu_helpers' OperationNotInSpecException, which is
    also an AttributeError (hasattr() still answers False); nothing is sent."""
    from kitsu_helpers.errors import OperationNotInSpecException

    return OperationNotInSpecException(
        f"{module}.{name}: no such operation in the Zou release kitsu_api was generated from; nothing was sent"
    )


def merge_query(params, declared):
    """Return the query parameters: params (any filter) updated with the declared keywords that were given."""
    given = {key: value for key, value in declared.items() if value is not None}
    if not given:
        return params
    return {**params, **given} if params else given
'''

INIT_PYI = '''"""Types shared by the typed calls: the client they take and the timeout they accept."""

from collections.abc import Mapping
from typing import Any, Protocol

from httpx import Timeout as HttpxTimeout
from typing_extensions import TypeAlias

Timeout: TypeAlias = float | HttpxTimeout | None

class Caller(Protocol):
    """Anything with KitsuClient's `call` (kitsu_helpers.KitsuClient)."""

    def call(
        self,
        operation: str,
        /,
        *,
        params: Any = ...,
        json: Any = ...,
        data: Any = ...,
        files: Any = ...,
        raw: bool = ...,
        timeout: Any = ...,
        **path_params: Any,
    ) -> Any: ...

def merge_query(params: Mapping[str, Any] | None, declared: dict[str, Any]) -> Mapping[str, Any] | None: ...
'''
