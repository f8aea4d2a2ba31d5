"""Deterministic fixes applied to Zou's published OpenAPI spec before generation.

Zou (flasgger) publishes an OpenAPI 3.0.2 document that mixes in Swagger-2 keywords and has no operationIds,
so openapi-python-client rejects it as is. Every problem is fixed here, in the spec, never in the generated
output. Each patch is a pure function `spec -> number of places changed`, listed in PATCHES with what was
wrong. A patch that changes nothing is reported by regen.py (it may no longer be needed after a Zou upgrade),
and so is a pointer patch whose pointer no longer exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
SCHEMA_KEYWORDS_ON_PARAMETERS = ("type", "format", "items", "enum", "minimum", "maximum")
JSON_TYPES = {"string", "integer", "number", "boolean", "array", "object"}
TYPE_FIXES = {"float": {"type": "number"}, "file": {"type": "string", "format": "binary"}}
SECURITY_SCHEME = "JWTAuthorization"

Spec = dict[str, Any]


def operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield (path, method, operation) for every operation of the spec."""
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if method in HTTP_METHODS and isinstance(op, dict):
                yield path, method, op


def schemas_in(node: Any) -> Iterator[dict[str, Any]]:
    """Yield every dict below node (schemas and everything else), depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from schemas_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from schemas_in(value)


def request_schemas(op: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for media in (op.get("requestBody") or {}).get("content", {}).values():
        if isinstance(media.get("schema"), dict):
            yield media["schema"]


def response_schemas(op: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for response in (op.get("responses") or {}).values():
        for media in (response or {}).get("content", {}).values():
            if isinstance(media.get("schema"), dict):
                yield media["schema"]


# --- the patches ---------------------------------------------------------------------------------


def drop_swagger2_top_level(spec: Spec) -> int:
    """`host`, `basePath` and `schemes` are Swagger-2 keys, invalid in OpenAPI 3."""
    return sum(spec.pop(key, None) is not None for key in ("host", "basePath", "schemes"))


def drop_swagger2_operation_keys(spec: Spec) -> int:
    """`consumes`/`produces` on operations are Swagger-2 keys; OpenAPI 3 uses content maps."""
    return sum(op.pop(key, None) is not None for _, _, op in operations(spec) for key in ("consumes", "produces"))


def rename_security_scheme(spec: Spec) -> int:
    """The `JWT Authorization` scheme name holds a space, which the generator cannot turn into a name."""
    schemes = spec.get("components", {}).get("securitySchemes", {})
    if "JWT Authorization" not in schemes:
        return 0
    schemes[SECURITY_SCHEME] = schemes.pop("JWT Authorization")
    count = 1
    for holder in [spec] + [op for _, _, op in operations(spec)]:
        for requirement in holder.get("security", []):
            if "JWT Authorization" in requirement:
                requirement[SECURITY_SCHEME] = requirement.pop("JWT Authorization")
                count += 1
    return count


def form_and_body_parameters_to_request_body(spec: Spec) -> int:
    """Swagger-2 `in: formData` / `in: body` parameters become an OpenAPI-3 requestBody."""
    count = 0
    for _, _, op in operations(spec):
        params = op.get("parameters", [])
        body = [p for p in params if p.get("in") == "body"]
        form = [p for p in params if p.get("in") == "formData"]
        if not body and not form:
            continue
        op["parameters"] = [p for p in params if p.get("in") not in ("body", "formData")]
        if not op["parameters"]:
            del op["parameters"]
        content = op.setdefault("requestBody", {}).setdefault("content", {})
        if body:
            content.setdefault("application/json", {"schema": body[0].get("schema", {"type": "object"})})
            op["requestBody"]["required"] = bool(body[0].get("required"))
        if form:
            has_file = any(p.get("type") == "file" for p in form)
            media = "multipart/form-data" if has_file else "application/x-www-form-urlencoded"
            properties, required = {}, []
            for p in form:
                prop = {k: p[k] for k in ("type", "format", "items", "enum", "description") if k in p}
                properties[p["name"]] = prop
                if p.get("required"):
                    required.append(p["name"])
            schema: dict[str, Any] = {"type": "object", "properties": properties}
            if required:
                schema["required"] = required
            content.setdefault(media, {"schema": schema})
        count += len(body) + len(form)
    return count


def drop_duplicate_parameters(spec: Spec) -> int:
    """An operation declares the same parameter twice (Zou 0.19: `task_type_id` twice on
    `POST /actions/projects/{project_id}/task-types/{task_type_id}/create-tasks/{entity_type}/`), which the
    generator cannot turn into one signature: the first declaration is kept (required if any copy is)."""
    count = 0
    for _, _, op in operations(spec):
        kept: dict[tuple[Any, Any], dict[str, Any]] = {}
        for param in op.get("parameters", []):
            key = (param.get("in"), param.get("name"))
            if key in kept:
                if param.get("required"):
                    kept[key]["required"] = True
                count += 1
            else:
                kept[key] = param
        if count and len(kept) != len(op.get("parameters", [])):
            op["parameters"] = list(kept.values())
    return count


def response_schemas_into_content(spec: Spec) -> int:
    """Zou <= 0.20 declares some answers Swagger-2 style, `schema` right on the response, which OpenAPI 3 (and
    so the generator) ignores without a word: the answer would be typed None. It moves into a content map: a
    `type: file` answer of a GET is a binary download; of another method (`POST .../working-files/new`,
    `.../output-files/new`) it is the JSON record created (as newer releases declare it); anything else is JSON."""
    count = 0
    for _, method, op in operations(spec):
        for response in (op.get("responses") or {}).values():
            if not isinstance(response, dict) or "schema" not in response:
                continue
            schema = response.pop("schema")
            if isinstance(schema, dict) and schema.get("type") == "file":
                media, schema = (
                    ("application/octet-stream", {"type": "string", "format": "binary"})
                    if method == "get"
                    else ("application/json", {})
                )
            else:
                media = "application/json"
            response.setdefault("content", {}).setdefault(media, {"schema": schema})
            count += 1
    return count


def describe_responses(spec: Spec) -> int:
    """A response without `description` is invalid OpenAPI (Zou 0.19 `GET /data/tasks/open-tasks`, 0.20
    `POST /actions/user/notifications/mark-all-as-read`) and the generator rejects the whole document: it gets
    its status' reason phrase."""
    count = 0
    for _, _, op in operations(spec):
        for code, response in (op.get("responses") or {}).items():
            if isinstance(response, dict) and not isinstance(response.get("description"), str):
                try:
                    response["description"] = HTTPStatus(int(code)).phrase
                except ValueError:
                    response["description"] = "Response"
                count += 1
    return count


def parameter_schema_keywords_into_schema(spec: Spec) -> int:
    """Swagger-2 style `type`, `format`, `items`, `enum`, `minimum`, `maximum` on a parameter move into `schema`."""
    count = 0
    for _, _, op in operations(spec):
        for param in op.get("parameters", []):
            moved = {k: param.pop(k) for k in SCHEMA_KEYWORDS_ON_PARAMETERS if k in param}
            if moved:
                schema = param.setdefault("schema", {})
                for key, value in moved.items():
                    schema.setdefault(key, value)
                count += 1
            if "schema" not in param:
                param["schema"] = {"type": "string"}
                count += 1
    return count


def parameter_defaults_into_description(spec: Spec) -> int:
    """Parameter defaults (misplaced, and sent by the generated code on every call) move into the description:
    the server applies its own default when the parameter is left out."""
    count = 0
    for _, _, op in operations(spec):
        for param in op.get("parameters", []):
            for holder in (param, param.get("schema", {})):
                if "default" in holder:
                    default = holder.pop("default")
                    param["description"] = _with_default(param.get("description"), default)
                    count += 1
    return count


def request_body_defaults_into_description(spec: Spec) -> int:
    """Request-body property defaults would be *sent* by the generated models even when the caller never set
    them (a metadata-descriptor update would reset `for_client`): the server owns its defaults."""
    count = 0
    for _, _, op in operations(spec):
        for schema in request_schemas(op):
            for node in schemas_in(schema):
                if "default" in node and isinstance(node.get("type"), str):
                    node["description"] = _with_default(node.get("description"), node.pop("default"))
                    count += 1
    return count


def _with_default(description: str | None, default: Any) -> str:
    text = (description or "").rstrip()
    return f"{text} (server default: {default!r})".strip()


def boolean_required_to_list(spec: Spec) -> int:
    """`required: true|false` on a property (Swagger-2 / JSON-schema draft 3) is invalid: OpenAPI 3 lists
    required properties on the parent object. True flags are moved to the parent's list."""
    count = 0
    for node in schemas_in(spec.get("paths", {})):
        props = node.get("properties")
        if not isinstance(props, dict):
            continue
        required = list(node.get("required", [])) if isinstance(node.get("required"), list) else []
        for name, prop in props.items():
            if isinstance(prop, dict) and isinstance(prop.get("required"), bool):
                if prop.pop("required") and name not in required:
                    required.append(name)
                count += 1
        if required:
            node["required"] = required
    return count


def fix_unknown_types(spec: Spec) -> int:
    """`type: float` is `number`, `type: file` is a binary string, and `type: dict` (used for payloads that are
    really lists or maps) becomes a free-form value. Example payloads are left alone."""
    count = 0
    for node in _schema_nodes(spec):
        kind = node.get("type")
        if kind in TYPE_FIXES:
            node.update(TYPE_FIXES[kind])
            count += 1
        elif kind == "dict":
            for key in ("type", "items", "properties"):
                node.pop(key, None)
            count += 1
    return count


def uuid_types_are_strings(spec: Spec) -> int:
    """`type: uuid` (Zou 0.20 `reply_id`) and `type: UUID` (Zou 0.19 array items, `asset_ids`) are not JSON
    types: they become `string` with `format: uuid`, as newer releases spell the same fields."""
    count = 0
    for node in _schema_nodes(spec):
        if isinstance(node.get("type"), str) and node["type"].lower() == "uuid":
            node["type"] = "string"
            node.setdefault("format", "uuid")
            count += 1
    return count


def free_text_list_types_are_arrays(spec: Spec) -> int:
    """Zou <= 0.20 types some fields in words, `type: "list of UUIDs"` or `"list of strings"`: they become arrays
    (of UUID strings, of strings; of free-form items for any other `list of ...`)."""
    count = 0
    for node in _schema_nodes(spec):
        kind = node.get("type")
        if isinstance(kind, str) and kind.lower().startswith("list of "):
            what = kind.lower().removeprefix("list of ").strip()
            items: dict[str, Any] = {}
            if what.startswith("uuid"):
                items = {"type": "string", "format": "uuid"}
            elif what.startswith("string"):
                items = {"type": "string"}
            node["type"] = "array"
            node.setdefault("items", items)
            count += 1
    return count


def _schema_nodes(spec: Spec) -> Iterator[dict[str, Any]]:
    """Schema objects (not examples) of every component, parameter, request body and response."""
    for component in spec.get("components", {}).get("schemas", {}).values():
        yield from _walk_schema(component)
    for _, _, op in operations(spec):
        roots = [p.get("schema") for p in op.get("parameters", [])]
        roots += list(request_schemas(op)) + list(response_schemas(op))
        for root in roots:
            yield from _walk_schema(root)


def _walk_schema(schema: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(schema, dict):
        return
    yield schema
    for key in ("items", "additionalProperties", "not"):
        yield from _walk_schema(schema.get(key))
    for prop in (schema.get("properties") or {}).values():
        yield from _walk_schema(prop)
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key, []):
            yield from _walk_schema(sub)


def arrays_have_items(spec: Spec) -> int:
    """`type: array` without `items` is invalid (the generator drops the whole response): items become free-form."""
    count = 0
    for node in _schema_nodes(spec):
        if node.get("type") == "array" and not isinstance(node.get("items"), dict):
            node["items"] = {}
            count += 1
    return count


def declare_path_parameters(spec: Spec) -> int:
    """Path templates name parameters that the operation never declares (and one operation declares a
    path parameter its template does not have): declare the missing ones as strings, drop the strays."""
    count = 0
    for path, _, op in operations(spec):
        names = re.findall(r"{([^}]+)}", path)
        params = op.setdefault("parameters", [])
        declared = {p["name"] for p in params if p.get("in") == "path"}
        for stray in declared - set(names):
            params[:] = [p for p in params if not (p.get("in") == "path" and p["name"] == stray)]
            count += 1
        for name in names:
            if name not in declared:
                params.append({"in": "path", "name": name, "required": True, "schema": {"type": "string"}})
                count += 1
        for p in params:
            if p.get("in") == "path" and p.get("required") is not True:
                p["required"] = True
                count += 1
        if not params:
            del op["parameters"]
    return count


def path_ids_are_strings(spec: Spec) -> int:
    """Path parameters typed `format: uuid` would make the generated signatures demand uuid.UUID objects,
    while every Kitsu script passes ids as strings (and gazu accepts names in places): they become plain
    strings, with the format kept in the description."""
    count = 0
    for _, _, op in operations(spec):
        for p in op.get("parameters", []):
            schema = p.get("schema", {})
            if schema.get("format") in ("uuid", "UUID"):
                schema.pop("format")
                count += 1
    return count


def add_missing_responses(spec: Spec) -> int:
    """Operations without `responses` are invalid: DELETE gets a 204, others a free-form JSON 200."""
    count = 0
    for _, method, op in operations(spec):
        if op.get("responses"):
            continue
        if method == "delete":
            op["responses"] = {"204": {"description": "Deleted"}}
        else:
            op["responses"] = {"200": {"description": "OK", "content": {"application/json": {"schema": {}}}}}
        count += 1
    return count


def json_for_undeclared_success_bodies(spec: Spec) -> int:
    """A 200 or 201 answer declared without content (`/auth/authenticated`, `/auth/login`, reorders, deletes
    that return what was removed...) is JSON on the real server, but the generator would return None for it:
    it gets a free-form JSON content (decoded, or None for an empty body). 204 stays empty."""
    count = 0
    for _, _, op in operations(spec):
        for code, response in (op.get("responses") or {}).items():
            if code in ("200", "201") and isinstance(response, dict) and not response.get("content"):
                response["content"] = {"application/json": {"schema": {}}}
                count += 1
    return count


def single_content_type_request_bodies(spec: Spec) -> int:
    """A request body with two content types hits generator bug #1451 (the module fails to import with a
    NameError on `Unset`): keep multipart/form-data, a superset that also carries files."""
    count = 0
    for _, _, op in operations(spec):
        content = (op.get("requestBody") or {}).get("content", {})
        if len(content) > 1:
            keep = "multipart/form-data" if "multipart/form-data" in content else sorted(content)[0]
            op["requestBody"]["content"] = {keep: content[keep]}
            count += 1
    return count


def lenient_response_schemas(spec: Spec) -> int:
    """The spec never says `nullable` and marks fields required that real payloads leave out, so parsing real
    responses crashes (`None` ids, missing keys). Response schemas get nullable properties and no required
    lists."""
    count = 0
    for _, _, op in operations(spec):
        for schema in response_schemas(op):
            for node in _walk_schema(schema):
                if node.pop("required", None) is not None:
                    count += 1
                for prop in (node.get("properties") or {}).values():
                    if isinstance(prop, dict) and not prop.get("nullable"):
                        prop["nullable"] = True
                        count += 1
    return count


def paginated_answers_also_plain_lists(spec: Spec) -> int:
    """A GET whose answer the spec declares as a page (an object with a `data` list and `page`, `limit` or
    `stats`) answers a plain list when no page is asked for (`GET /data/projects/{id}/tasks`,
    `.../preview-files`, checked against the real server), which the page model cannot parse: the answer becomes
    either the plain list of the page's items or the page."""
    count = 0
    for _, method, op in operations(spec):
        media = (((op.get("responses") or {}).get("200") or {}).get("content") or {}).get("application/json") or {}
        schema = media.get("schema") or {}
        data = (schema.get("properties") or {}).get("data") or {}
        if method == "get" and schema.get("type") == "object" and data.get("type") == "array":
            media["schema"] = {"oneOf": [schema, {"type": "array", "items": data.get("items", {})}]}
            count += 1
    return count


# Answers whose shape differs from the spec on the real server (Zou 1.0.97): route -> why, and the fix.
SERVED_SHAPES: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "/data/entities/{entity_id}/news": (
        "answers a page {data, total, nb_pages, limit, offset, page}, not the list the spec declares",
        lambda listed: {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "data": listed,
                        **{key: {"type": "integer"} for key in ("total", "nb_pages", "limit", "offset", "page")},
                    },
                },
                listed,
            ]
        },
    ),
    **{
        route: (
            "answers {<asset or entity id>: [asset instances]} (breakdown_service._group_serialized_instances), "
            "not the list the spec declares",
            lambda listed: {"type": "object", "additionalProperties": listed},
        )
        for route in (
            "/data/shots/{shot_id}/asset-instances",
            "/data/scenes/{scene_id}/asset-instances",
            "/data/scenes/{scene_id}/camera-instances",
            "/data/assets/{asset_id}/shot-asset-instances",
            "/data/assets/{asset_id}/scene-asset-instances",
        )
    },
    "/actions/tasks/{task_id}/time-spents": (
        "answers {total: <duration>, <person id>: [time spents]}, not the list the spec declares",
        lambda listed: {
            "type": "object",
            "properties": {"total": {"type": "number"}},
            "additionalProperties": listed,
        },
    ),
}


def answers_as_served(spec: Spec) -> int:
    """The GET answers of SERVED_SHAPES get the shape the real server sends (their items keep the spec's schema)."""
    count = 0
    for path, (_why, reshape) in SERVED_SHAPES.items():
        op = spec.get("paths", {}).get(path, {}).get("get") or {}
        media = (((op.get("responses") or {}).get("200") or {}).get("content") or {}).get("application/json") or {}
        if (media.get("schema") or {}).get("type") == "array":
            media["schema"] = reshape(media["schema"])
            count += 1
    return count


def normalise_tags(spec: Spec) -> int:
    """Two tags differ only by case (`Project Templates`, `Project templates`) and would collide as package
    folders: operations use the tag declared first, case-insensitively."""
    canonical: dict[str, str] = {}
    for tag in spec.get("tags", []):
        canonical.setdefault(tag["name"].lower(), tag["name"])
    declared = {t["name"] for t in spec.get("tags", [])}
    count = 0
    for _, _, op in operations(spec):
        tags = op.get("tags") or ["Default"]
        fixed = [canonical.setdefault(t.lower(), t) for t in tags]
        if fixed != tags:
            count += 1
        op["tags"] = fixed[:1]
    for tag in list(spec.get("tags", [])):
        if canonical[tag["name"].lower()] != tag["name"]:
            spec["tags"].remove(tag)
            count += 1
    for name in sorted({op["tags"][0] for _, _, op in operations(spec)} - declared):
        spec.setdefault("tags", []).append({"name": name})
    return count


def fold_alias_routes(spec: Spec) -> int:
    """Zou serves some routes under two spellings (`/data/entities/guess-from-path` and `.../guess_from_path`)
    with identical operations, which would get the same operationId: the underscore alias is folded into the
    dashed route (both reach the same server code). Aliases that differ are kept and fail loudly below."""
    by_id: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for path, method, op in operations(spec):
        by_id.setdefault(operation_id(method, path), []).append((path, method, op))
    count = 0
    for group in by_id.values():
        if len(group) < 2 or any(op != group[0][2] for _, _, op in group):
            continue
        keep = min(group, key=lambda entry: ("_" in entry[0], entry[0]))
        for path, method, _ in group:
            if (path, method) != keep[:2]:
                del spec["paths"][path][method]
                if not spec["paths"][path]:
                    del spec["paths"][path]
                FOLDED_ALIASES.append(f"{method.upper()} {path} -> {keep[0]}")
                count += 1
    return count


FOLDED_ALIASES: list[str] = []


def operation_ids_from_routes(spec: Spec) -> int:
    """Zou declares no operationId: each operation gets `<method>_<path>` in snake case (for example
    `get_data_projects_project_id`), so a route is easy to find from its function name and back."""
    seen: dict[str, str] = {}
    for path, method, op in operations(spec):
        op_id = operation_id(method, path)
        if op_id in seen:
            raise ValueError(f"operationId {op_id} for {method.upper()} {path} clashes with {seen[op_id]}")
        seen[op_id] = f"{method.upper()} {path}"
        op["operationId"] = op_id
    return len(seen)


def operation_id(method: str, path: str) -> str:
    """Return the operationId given to METHOD PATH."""
    words = re.sub(r"[^0-9a-zA-Z]+", "_", path).strip("_").lower()
    return f"{method}_{words}" if words else f"{method}_root"


def route_in_descriptions(spec: Spec) -> int:
    """Generated docstrings come from the summary and description, which never name the route: each
    description starts with its `METHOD /path`, so every generated function says what it calls."""
    count = 0
    for path, method, op in operations(spec):
        route = f"{method.upper()} {path}"
        description = op.get("description") or ""
        if not description.startswith(route):
            op["description"] = f"{route}\n\n{description}".rstrip()
            count += 1
    return count


def sort_paths_and_methods(spec: Spec) -> int:
    """Flask's route and method order follows PYTHONHASHSEED: sort paths and methods so the same spec always
    gives the same bytes and the same generated tree."""
    paths = spec.get("paths", {})
    spec["paths"] = {p: dict(sorted(paths[p].items())) for p in sorted(paths)}
    return len(paths)


# Pointer patches: one place in the spec, its new value, and why (checked against the real server).
POINTER_PATCHES: list[tuple[str, Any, str]] = [
    (
        "/paths/~1data~1projects~1{project_id}~1asset-types~1{asset_type_id}~1assets~1new/post/requestBody"
        "/content/application~1json/schema/required",
        ["name"],
        "the spec requires data, description, is_shared and source_id, but Zou creates an asset from a name alone "
        "(gazu's new_asset sends only some of them)",
    ),
]

PATCHES: list[Callable[[Spec], int]] = [
    drop_swagger2_top_level,
    drop_swagger2_operation_keys,
    rename_security_scheme,
    form_and_body_parameters_to_request_body,
    drop_duplicate_parameters,
    response_schemas_into_content,
    describe_responses,
    parameter_schema_keywords_into_schema,
    parameter_defaults_into_description,
    request_body_defaults_into_description,
    boolean_required_to_list,
    fix_unknown_types,
    uuid_types_are_strings,
    free_text_list_types_are_arrays,
    arrays_have_items,
    declare_path_parameters,
    path_ids_are_strings,
    add_missing_responses,
    json_for_undeclared_success_bodies,
    single_content_type_request_bodies,
    paginated_answers_also_plain_lists,
    answers_as_served,
    lenient_response_schemas,
    normalise_tags,
    fold_alias_routes,
    operation_ids_from_routes,
    route_in_descriptions,
    sort_paths_and_methods,
]


# Patches for quirks of older Zou releases only: on a newer spec they change nothing, which the change report
# states as "not needed by this spec" rather than as a patch that no longer applies.
OLD_RELEASE_PATCHES: dict[str, str] = {
    "drop_duplicate_parameters": "Zou 0.19-0.20",
    "response_schemas_into_content": "Zou 0.19-0.20",
    "describe_responses": "Zou 0.19-0.20",
    "uuid_types_are_strings": "Zou 0.19-0.20",
    "free_text_list_types_are_arrays": "Zou 0.19-0.20",
}


def resolve_pointer(spec: Spec, pointer: str) -> tuple[Any, str]:
    """Return (parent, key) for a JSON pointer; KeyError when the parent does not exist."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    node: Any = spec
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node, parts[-1]


def apply_pointer_patch(spec: Spec, pointer: str, value: Any) -> int:
    """Set the value at a JSON pointer; return 1 when that changed the spec, 0 when the pointer's parent is gone
    or the spec already holds that value (the patch no longer applies either way)."""
    try:
        parent, key = resolve_pointer(spec, pointer)
    except (KeyError, IndexError, TypeError, ValueError):
        return 0
    if isinstance(parent, list):
        if not key.isdigit() or int(key) >= len(parent) or parent[int(key)] == value:
            return 0
        parent[int(key)] = value
        return 1
    if not isinstance(parent, dict) or parent.get(key, _MISSING) == value:
        return 0
    parent[key] = value
    return 1


_MISSING = object()


def apply_patches(spec: Spec) -> dict[str, int]:
    """Apply every patch in order; return how many places each one changed, 0 included (pointer patches: 1 or
    0)."""
    report = {patch.__name__: patch(spec) for patch in PATCHES}
    for pointer, value, _reason in POINTER_PATCHES:
        report[pointer] = apply_pointer_patch(spec, pointer, value)
    return report
