"""Derive `kitsu_api/entities.py` (TypedDicts of Zou's entities and the operation -> entity map) at regen time.

Nothing here is maintained by hand per entity: the fields come from Zou's own model definitions of the spec's
Zou version, read as data (`ast`, never imported), completed by the spec's `components/schemas` and by the
response schemas of the operations that return each entity. The rules are written out in MODULE_DOC, which
becomes the generated module's docstring.

Zou's source is found in the Zou virtualenv scripts/zou_server.py creates ($KITSU_ZOU_HOME/venv-<version>,
default <repo>/.zou), else in a cache ($KITSU_CACHE_DIR, default ~/.cache/kitsu-client) filled once from the
zou wheel of that version (`pip download`, the configured index).
"""

from __future__ import annotations

import ast
import functools
import keyword
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# Zou's models that hold several kinds of row: each kind is its own TypedDict with the model's columns (Zou
# serializes them with `obj_type=<kind>`; an asset type is an entity_type row, the rest are entity rows).
KINDS = {
    "Asset": "Entity",
    "Concept": "Entity",
    "Edit": "Entity",
    "Episode": "Entity",
    "Scene": "Entity",
    "Sequence": "Entity",
    "Shot": "Entity",
    "AssetType": "EntityType",
}
SEARCH_ROUTE = ("POST", "/data/search")  # its answer is the SearchResult TypedDict
SEARCH_MODULE = "blueprints/search/resources.py"
SERVICE_FOLDERS = ("services", "blueprints")  # where Zou adds keys to serialized rows (CSV exports left out)

MODULE_DOC = '''"""TypedDicts of Zou {version}'s entities, derived at regen time (scripts/entities.py), never by hand.

They are plain dicts at run time (a TypedDict is only a type): `shot["name"]` keeps working, and type checkers
see the keys and their types. The keys every answer carries (`id` and a `name` column) are required, so
`shot["name"]` type-checks; every other key is `NotRequired` (routes present
subsets of a row): read it with `.get()`, or index it where a route is known to send it. The server suite
checks both (tests/entity_check.py).

Derivation, for each model class of `zou/app/models/*.py` of zou {version} (read with `ast`, not imported):
- keys: its `db.Column`s (and those of `BaseMixin`: `id`, `created_at`, `updated_at`), its relationships, its
  hybrid properties, the keys its own `serialize` adds, and `type` (Zou's serializer always adds it);
- Zou's services and routes (`zou/app/services`, `zou/app/blueprints`, CSV exports aside) add the keys they
  set on a serialized row: `<row>["key"] = value` and `<row>.update({{...}})` where `<row>` is the entity's
  snake-case name, `<name>_dict` or a variable set from `<row>.serialize(...)`; every key of a dict literal
  holding `"type": "<Entity>"`; every key of a dict literal with an `id` that a function returns or yields
  when its name (or an enclosing function's) names the entity (`prepare_assets_and_tasks`). Such a key is
  typed from its values' forms (a literal, an f-string, `len(...)`, another row's key such as
  `project["name"]`, a map's `.get(key, [])` has its default's form), `Any` when one of them says nothing;
  a model's key that a service fills with another known form (dicts for ids) takes both types;
- the spec's `components/schemas` entry of the same name (Asset, Shot, Metadata -> MetadataDescriptor by its
  columns, ...) adds the keys the model lacks, and so do the 2xx response schemas of the operations mapped to
  the entity in OPERATION_ENTITIES;
- Asset, Concept, Edit, Episode, Scene, Sequence and Shot are rows of Zou's `entity` table, AssetType of
  `entity_type`: each has the Entity (EntityType) model's keys plus its own spec schema's.
Types: the model's first (it is what the server serializes), then the services', the spec schema's, the responses':
- UUID, string, text, e-mail, URL, locale, timezone, IP and binary columns are `str`; dates and datetimes are
  `str` (ISO 8601, as Zou serializes them); integers `int`, floats and numerics `float`, booleans `bool`;
  JSON columns `Any`; a ChoiceType over a literal list of choices is the `Literal` of its codes; an ARRAY is a
  `list` of its item type;
- a column is `X | None` unless it is a primary key or declared `nullable=False`;
- a collection relationship is `list[str]` (Zou serializes the related ids, with `relations=True`); a
  many-to-one relationship (the model holds the foreign key) is the related TypedDict `| None`;
- a hybrid property returning f-strings is `str`, any other `Any`; a key a model's serialize copies from
  another key has that key's type, any other added key `Any`;
- spec types are hints: `format: json` is `Any`, `object` is `dict[str, Any]`, `array` is a `list` of its item
  type; keys known only from the spec are `X | None` (the spec never says `nullable`).
SearchResult has one key per `results["<key>"] = ...` of Zou's search route, each a list of the entity whose
plural the key is.

OPERATION_ENTITIES maps operationId (and each alias in kitsu_api.operations.ALIASES) -> (TypedDict name,
is_list) for the routes whose shape names an entity (`<plural>` is the kebab-case plural of a TypedDict name):
`GET /data/<plural>`, `GET /data/<plural>/all|open`, `GET .../{{id}}/<plural>` (lists), `GET|PUT /data/<plural>/{{x_id}}`,
`GET|PUT .../{{id}}/<plural>/{{x_id}}` and `POST /data/<plural>` (one entity), and the search route; a route whose
2xx response schema declares another shape (an object for a list route, ...) is left out.
"""'''


@dataclass
class Field:
    """One key of a TypedDict: its type expression and where it came from."""

    type: str
    origin: str


@dataclass
class Model:
    """What a model class of Zou declares that serialize() turns into keys."""

    name: str
    bases: list[str]
    table: str
    columns: dict[str, Field] = field(default_factory=dict)
    foreign_tables: set[str] = field(default_factory=set)
    relationships: dict[str, tuple[str, bool]] = field(default_factory=dict)  # key -> (target class, collection)
    extra: dict[str, Field] = field(default_factory=dict)  # hybrid properties, keys added by serialize()


# --- Zou's source ---------------------------------------------------------------------------------------


def zou_source(version: str) -> Path:
    """Return the `zou/app` folder of zou==version: from the Zou virtualenv, else the cache (filled from the
    wheel on first use)."""
    zou_home = Path(os.environ.get("KITSU_ZOU_HOME", REPO / ".zou"))
    for site in sorted((zou_home / f"venv-{version}").glob("lib/python3*/site-packages")):
        if (site / f"zou-{version}.dist-info").is_dir() and (site / "zou" / "app" / "models").is_dir():
            return site / "zou" / "app"
    cache = Path(os.environ.get("KITSU_CACHE_DIR", Path.home() / ".cache" / "kitsu-client")) / f"zou-{version}"
    app = cache / "zou" / "app"
    if not (app / "models").is_dir():
        fill_cache(version, cache)
    return app


def fill_cache(version: str, cache: Path) -> None:
    """Download the zou wheel of that version (pip, no dependencies) and keep its models, services and routes."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
             "--only-binary", ":all:", "-d", tmp, f"zou=={version}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        wheels = sorted(Path(tmp).glob("zou-*.whl"))
        if proc.returncode != 0 or not wheels:
            sys.stderr.write(proc.stdout + proc.stderr)
            raise SystemExit(f"cannot read Zou's models: zou=={version} is neither installed nor downloadable")
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=cache.parent))
        with zipfile.ZipFile(wheels[0]) as wheel:
            for name in wheel.namelist():
                if name.startswith(tuple(f"zou/app/{folder}/" for folder in ("models", *SERVICE_FOLDERS))):
                    wheel.extract(name, staging)
    if cache.exists():
        import shutil

        shutil.rmtree(cache)
    staging.rename(cache)


# --- models read as data --------------------------------------------------------------------------------


def _name(node: ast.AST) -> str:
    """`db.String` -> String, `UUIDType` -> UUIDType, a call -> its callee's name."""
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


STR_TYPES = {"UUIDType", "String", "Text", "Unicode", "UnicodeText", "EmailType", "URLType", "LocaleType"}
STR_TYPES |= {"TimezoneType", "IPAddressType", "LargeBinary", "Date", "DateTime", "Time", "Enum"}
SCALARS = {"Integer": "int", "BigInteger": "int", "SmallInteger": "int", "Float": "float", "Numeric": "float"}
SCALARS |= {"Boolean": "bool", "JSONB": "Any", "JSON": "Any"}


def column_type(node: ast.AST, constants: dict[str, ast.AST]) -> str:
    """The Python type of a column type expression (without None)."""
    name = _name(node)
    if name in STR_TYPES:
        return "str"
    if name in SCALARS:
        return SCALARS[name]
    if name == "ChoiceType" and isinstance(node, ast.Call) and node.args:
        choices = node.args[0]
        if isinstance(choices, ast.Name):
            choices = constants.get(choices.id, choices)
        codes = literal_codes(choices)
        return f"Literal[{', '.join(repr(code) for code in codes)}]" if codes else "str"
    if name == "ARRAY" and isinstance(node, ast.Call) and node.args:
        return f"list[{column_type(node.args[0], constants)}]"
    return "Any"


def literal_codes(node: ast.AST) -> list[str]:
    """The codes of a literal `[("code", "Label"), ...]`, or [] when it is anything else."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError):
        return []
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, tuple) and v for v in value):
        codes = [v[0] for v in value]
        if all(isinstance(code, str) for code in codes):
            return codes
    return []


def _kwarg(call: ast.Call, name: str) -> Any:
    for kw in call.keywords:
        if kw.arg == name:
            try:
                return ast.literal_eval(kw.value)
            except ValueError:
                return kw.value
    return None


def _table_name(class_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()


def parse_models(app: Path) -> dict[str, Model]:
    """Every class of zou/app/models/*.py (BaseMixin included) with its columns, relationships and extras."""
    modules = {path: ast.parse(path.read_text()) for path in sorted((app / "models").glob("*.py"))}
    own = {path.stem: _module_constants(tree) for path, tree in modules.items()}  # module -> its choices lists
    models: dict[str, Model] = {}
    backrefs: list[tuple[str, str, str, bool]] = []  # (target class, key, owner class, owner's collection)
    for path, tree in modules.items():
        constants = {**own[path.stem], **_imported_constants(tree, own)}
        for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            model = Model(cls.name, [_name(base) for base in cls.bases], _table_name(cls.name))
            for stmt in cls.body:
                read_statement(stmt, model, constants, backrefs)
            models[cls.name] = model
    for target, key, owner, secondary in backrefs:
        if target in models and key not in models[target].relationships:
            # the reverse of a plain one-to-many is many-to-one (the target holds the foreign key)
            models[target].relationships[key] = (owner, secondary)
    return models


def _module_constants(tree: ast.Module) -> dict[str, ast.AST]:
    """Return name -> value of each module-level `NAME = value` of a models module."""
    return {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    }


def _imported_constants(tree: ast.Module, own: dict[str, dict[str, ast.AST]]) -> dict[str, ast.AST]:
    """Return local name -> value of the constants a models module imports from another one
    (`from zou.app.models.person import ROLE_TYPES`); own: module stem -> its constants."""
    constants: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zou.app.models."):
            source = own.get((node.module or "").rsplit(".", 1)[-1], {})
            for alias in node.names:
                if alias.name in source:
                    constants[alias.asname or alias.name] = source[alias.name]
    return constants


def read_statement(stmt: ast.stmt, model: Model, constants: dict[str, ast.AST], backrefs: list[Any]) -> None:
    """Add to model what one statement of its class body declares: the table name, a column, a relationship
    (its backref to backrefs), a hybrid property or the keys its serialize() copies."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        _read_assignment(stmt.targets[0].id, stmt.value, model, constants, backrefs)
    elif isinstance(stmt, ast.FunctionDef):
        decorators = {_name(d) for d in stmt.decorator_list}
        if "hybrid_property" in decorators and stmt.name not in model.extra:
            returns = [n.value for n in ast.walk(stmt) if isinstance(n, ast.Return) and n.value is not None]
            fstrings = returns and all(isinstance(r, ast.JoinedStr) for r in returns)
            model.extra[stmt.name] = Field("str" if fstrings else "Any", "hybrid property")
        elif stmt.name == "serialize":
            model.extra.update(_serialize_keys(stmt))


def _read_assignment(
    key: str, value: ast.expr, model: Model, constants: dict[str, ast.AST], backrefs: list[Any]
) -> None:
    """Add to model what `key = value` in its class body declares (`__tablename__`, a Column, an inherited
    column, a relationship)."""
    if key == "__tablename__" and isinstance(value, ast.Constant):
        model.table = str(value.value)
    elif isinstance(value, ast.Call) and _name(value) == "Column":
        model.columns[key] = _column_field(value, model, constants)
    elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.attr == key:
        model.columns.pop(key, None)  # `id = BaseMixin.id`: inherited as it is
    elif isinstance(value, ast.Call) and _name(value) == "relationship" and value.args:
        target = value.args[0]
        target_name = target.value if isinstance(target, ast.Constant) else _name(target)
        secondary = any(kw.arg == "secondary" for kw in value.keywords)
        model.relationships[key] = (str(target_name), secondary)
        backref = _kwarg(value, "backref")
        if isinstance(backref, str):
            backrefs.append((str(target_name), backref, model.name, secondary))


def _column_field(column: ast.Call, model: Model, constants: dict[str, ast.AST]) -> Field:
    """Return the Field of a `db.Column(...)` (`X | None` unless a primary key or not nullable), adding the
    tables its ForeignKeys name to model.foreign_tables."""
    args = [a for a in column.args if not (isinstance(a, ast.Constant) and isinstance(a.value, str))]
    kind = column_type(args[0], constants) if args else "Any"
    for arg in column.args:
        if isinstance(arg, ast.Call) and _name(arg) == "ForeignKey" and arg.args:
            target = arg.args[0]
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                model.foreign_tables.add(target.value.split(".")[0])
    not_null = _kwarg(column, "primary_key") is True or _kwarg(column, "nullable") is False
    return Field(kind if not_null or kind == "Any" else f"{kind} | None", "column")


def _serialize_keys(method: ast.FunctionDef) -> dict[str, Field]:
    """Return key -> Field of each `<row>["key"] = value` of a model's serialize(): `=<other>` when it copies
    another key (`<row>["other"]`), else Any."""
    keys: dict[str, Field] = {}
    for node in ast.walk(method):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
            source = node.value
            copied = (
                str(source.slice.value)
                if isinstance(source, ast.Subscript) and isinstance(source.slice, ast.Constant)
                else None
            )
            keys[str(target.slice.value)] = Field(f"={copied}" if copied else "Any", "serialize()")
    return keys


# --- keys Zou's services add to serialized rows ----------------------------------------------------------------


def service_assignments(app: Path, names: set[str]) -> dict[str, dict[str, list[ast.expr]]]:
    """TypedDict name -> key -> the values Zou's services and routes give that key on a serialized row.

    A row is recognised by its variable's name: the entity's snake-case name, alone or with `_dict`
    (`shot["project_name"] = ...`, `project_dict["task_type_links"] = ...`, `task_dict.update({...})`); a dict
    literal by its `"type": "<TypedDict name>"` key, or else, when it is returned or yielded, by the first entity
    the enclosing functions' names name (`prepare_assets_and_tasks` yields assets)."""
    found: dict[str, dict[str, list[ast.expr]]] = {}
    visitor = RowVisitor(names, found)
    for path in [p for folder in SERVICE_FOLDERS for p in sorted((app / folder).rglob("*.py"))]:
        if "export" not in path.relative_to(app).parts:
            visitor.visit(ast.parse(path.read_text()))
    return found


class RowVisitor(ast.NodeVisitor):
    """Collects the keys Zou's code sets on serialized rows (see service_assignments)."""

    def __init__(self, names: set[str], found: dict[str, dict[str, list[ast.expr]]]) -> None:
        self.names, self.found, self.functions = names, found, []
        self.aliases: list[dict[str, str]] = [{}]
        self.by_var = {}
        self.words = []  # (snake words of an entity, its name), longest first
        for name in sorted(names):
            snake = _table_name(name)
            self.by_var[snake] = self.by_var[f"{snake}_dict"] = name
            self.words.append((snake.split("_"), name))
        self.words.sort(key=lambda entry: -len(entry[0]))

    def add(self, name: str | None, key: Any, value: ast.expr) -> None:
        if name is not None and isinstance(key, str):
            self.found.setdefault(name, {}).setdefault(key, []).append(value)

    def named_by_function(self) -> str | None:
        """The first entity the innermost function naming one names (`get_full_shot` -> Shot)."""
        for function in reversed(self.functions):
            words = function.split("_")
            for i in range(len(words)):
                for tokens, name in self.words:
                    window = words[i : i + len(tokens)]
                    plural = tokens[-1] + "s" if not tokens[-1].endswith("s") else tokens[-1]
                    if window[:-1] == tokens[:-1] and window[-1:] and window[-1] in (tokens[-1], plural):
                        return name
        return None

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node.name)
        self.aliases.append({})
        self.generic_visit(node)
        self.aliases.pop()
        self.functions.pop()

    def row_of(self, var: str) -> str | None:
        """The entity a variable holds a row of: by its name, or as `data = task_type.serialize()` set it."""
        for aliases in reversed(self.aliases):
            if var in aliases:
                return aliases[var]
        return self.by_var.get(var)

    def serialized(self, value: ast.expr) -> str | None:
        """The entity `<row>.serialize(...)` (or present...) serializes: obj_type=, else the row's name."""
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)):
            return None
        if value.func.attr not in ("serialize", "serialize_safe", "present", "present_minimal"):
            return None
        for kw in value.keywords:
            if kw.arg == "obj_type" and isinstance(kw.value, ast.Constant) and kw.value.value in self.names:
                return str(kw.value.value)
        return self.by_var.get(value.func.value.id) if isinstance(value.func.value, ast.Name) else None

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node: ast.Assign) -> None:
        target = node.targets[0] if len(node.targets) == 1 else None
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and isinstance(target.slice, ast.Constant)
        ):
            self.add(self.row_of(target.value.id), target.slice.value, node.value)
        elif isinstance(target, ast.Name):
            kind = self.serialized(node.value)
            if kind is not None:
                self.aliases[-1][target.id] = kind
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "update" and isinstance(func.value, ast.Name):
            name = self.row_of(func.value.id)
            for arg in node.args:
                if isinstance(arg, ast.Dict):
                    for key, value in zip(arg.keys, arg.values, strict=True):
                        if isinstance(key, ast.Constant):
                            self.add(name, key.value, value)
            for kw in node.keywords:
                if kw.arg:
                    self.add(name, kw.arg, kw.value)
        self.generic_visit(node)

    def dict_row(self, node: ast.Dict, returned: bool) -> None:
        keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True) if isinstance(k, ast.Constant)}
        kind = keys.get("type")
        if isinstance(kind, ast.Constant) and kind.value in self.names:
            name: str | None = str(kind.value)
        elif returned and "id" in keys:
            name = self.named_by_function()
        else:
            return
        for key, value in keys.items():
            self.add(name, key, value)

    def visit_Dict(self, node: ast.Dict) -> None:
        self.dict_row(node, returned=False)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return | ast.Yield) -> None:
        if isinstance(node.value, ast.Dict):
            self.dict_row(node.value, returned=True)
        self.generic_visit(node)

    visit_Yield = visit_Return


CALL_TYPES = {"str": "str", "len": "int", "int": "int", "float": "float", "bool": "bool", "dict": "dict[str, Any]"}
CALL_TYPES |= {"list": "list[Any]", "sorted": "list[Any]"}


def value_type(node: ast.expr, fields_of: dict[str, dict[str, Field]]) -> str:
    """The type a service's value expression has, when its form says it; else Any."""
    by_var = {_table_name(name): name for name in fields_of}
    form = _form_type(node)
    if form is not None:
        return form
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id not in by_var
        and len(node.args) == 2
        and isinstance(node.args[1], (ast.List, ast.Dict))
    ):
        return value_type(node.args[1], fields_of)  # `preview_map.get(id, [])`: values of its default's form
    owner, key, default = _row_key(node, fields_of)
    if owner in by_var and key in fields_of[by_var[owner]]:
        found = fields_of[by_var[owner]][key].type
        return union([found, default]) if default else found
    return "Any"


def _form_type(node: ast.expr) -> str | None:
    """Return the type a literal, a display, a comparison or a call of a builtin (CALL_TYPES) has; None for
    another expression."""
    if isinstance(node, ast.Constant):
        return "None" if node.value is None else type(node.value).__name__
    if isinstance(node, ast.JoinedStr):
        return "str"
    if isinstance(node, (ast.List, ast.ListComp, ast.Tuple)):
        return "list[Any]"
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return "dict[str, Any]"
    if isinstance(node, ast.Compare) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
        return "bool"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALL_TYPES:
        return CALL_TYPES[node.func.id]
    return None


def _row_key(node: ast.expr, fields_of: dict[str, dict[str, Field]]) -> tuple[str | None, Any, str | None]:
    """Return (variable, key, the default's type) when node reads another row's key (`project["name"]`,
    `project.name`, `project.get("name", "")`: its default's type, "None" without one), else (None, None, None)."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and isinstance(node.slice, ast.Constant):
        return node.value.id, node.slice.value, None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr, None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        default = value_type(node.args[1], fields_of) if len(node.args) > 1 else "None"
        return node.func.value.id, node.args[0].value, default
    return None, None, None


def union(types: list[str]) -> str:
    """`A | B | None` of several types, each once (Any absorbs all)."""
    arms: list[str] = []
    for kind in types:
        for arm in split_union(kind):
            if arm not in arms:
                arms.append(arm)
    if "Any" in arms:
        return "Any"
    return " | ".join(sorted((a for a in arms if a != "None"), key=str) + (["None"] if "None" in arms else []))


def split_union(kind: str) -> list[str]:
    """The arms of a type expression's top-level union (brackets respected)."""
    arms, depth, current = [], 0, ""
    for char in kind:
        depth += char in "["
        depth -= char in "]"
        if char == "|" and depth == 0:
            arms.append(current.strip())
            current = ""
        else:
            current += char
    arms.append(current.strip())
    return arms


# --- the spec ---------------------------------------------------------------------------------------------


def spec_type(schema: dict[str, Any]) -> str:
    """The Python type a JSON schema hints at (without None)."""
    kind, fmt = schema.get("type"), schema.get("format")
    if fmt == "json":
        return "Any"
    if kind == "string":
        return "str"
    if kind == "integer":
        return "int"
    if kind in ("number", "float"):
        return "float"
    if kind == "boolean":
        return "bool"
    if kind == "object":
        return "dict[str, Any]"
    if kind == "array":
        items = schema.get("items")
        return f"list[{spec_type(items)}]" if isinstance(items, dict) and items.get("type") else "list[Any]"
    return "Any"


def kebab_plural(name: str) -> set[str]:
    """The route segments naming a TypedDict: kebab case, singular or plural (`task-status`, `task-types`)."""
    kebab = re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()
    plural = kebab[:-1] + "ies" if kebab.endswith("y") else kebab if kebab.endswith("s") else kebab + "s"
    return {kebab, plural}


def response_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    for status in ("200", "201"):
        media = (((op.get("responses") or {}).get(status) or {}).get("content") or {}).get("application/json")
        if media and isinstance(media.get("schema"), dict):
            return media["schema"]
    return None


def answer_shape_agrees(schema: dict[str, Any] | None, is_list: bool) -> bool:
    """False when the response schema declares a shape (array, object) and not the one the route shape implies."""
    kinds = {candidate.get("type") for candidate in (schema or {}).get("oneOf") or [schema or {}]} - {None}
    return not kinds or ("array" if is_list else "object") in kinds


def answer_properties(schema: dict[str, Any] | None, is_list: bool) -> dict[str, Any]:
    """The properties a response schema gives each entity of the answer (an object, a list, or a page)."""
    if not schema:
        return {}
    candidates = schema.get("oneOf") or [schema]
    for candidate in candidates:
        if is_list and candidate.get("type") == "array":
            items = candidate.get("items") or {}
            return dict(items.get("properties") or {})
        if not is_list and candidate.get("type") == "object":
            return dict(candidate.get("properties") or {})
    return {}


def operation_entities(operations: list[tuple[str, str, str]], names: set[str]) -> dict[str, tuple[str, bool]]:
    """operationId -> (TypedDict name, is_list) for the routes whose shape names one entity."""
    by_segment = {segment: name for name in sorted(names) for segment in kebab_plural(name)}
    mapped: dict[str, tuple[str, bool]] = {}
    for op_id, method, path in operations:
        if (method, path) == SEARCH_ROUTE:
            mapped[op_id] = ("SearchResult", False)
            continue
        parts = path.strip("/").split("/")
        if parts[0] != "data" or len(parts) < 2:
            continue
        last, before = parts[-1], parts[-2]
        is_param = last.startswith("{")
        if method == "GET" and not is_param and last in by_segment and (len(parts) == 2 or before.startswith("{")):
            mapped[op_id] = (by_segment[last], True)  # /data/<plural>, .../{id}/<plural>
        elif method == "GET" and len(parts) == 3 and last in ("all", "open") and before in by_segment:
            mapped[op_id] = (by_segment[before], True)  # /data/<plural>/all
        elif (
            method in ("GET", "PUT")
            and is_param
            and re.fullmatch(r"{\w*id}", last)
            and before in by_segment
            and (len(parts) == 3 or parts[-3].startswith("{"))
        ):
            mapped[op_id] = (by_segment[before], False)  # /data/<plural>/{x_id}, .../{id}/<plural>/{x_id}
        elif method == "POST" and len(parts) == 2 and last in by_segment:
            mapped[op_id] = (by_segment[last], False)  # POST /data/<plural>
    return mapped


def search_keys(app: Path) -> list[str]:
    """The keys Zou's search route sets: `results["<key>"] = ...`."""
    if not (app / SEARCH_MODULE).exists():
        raise SystemExit(f"Zou's search route is not in {app / SEARCH_MODULE}: scripts/entities.py needs its new place")
    tree = ast.parse((app / SEARCH_MODULE).read_text())
    keys = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)
                and target.value.id == "results"
                and isinstance(target.slice, ast.Constant)
            ):
                keys.append(str(target.slice.value))
    return sorted(set(keys))


# --- putting it together ------------------------------------------------------------------------------------


def serialized_models(models: dict[str, Model]) -> Iterator[Model]:
    """The model classes Zou serializes: those mixing in SerializerMixin."""
    for model in models.values():
        if "SerializerMixin" in model.bases and model.name != "SerializerMixin":
            yield model


def model_fields(model: Model, models: dict[str, Model]) -> dict[str, Field]:
    """The keys serialize() gives a row of that model, with their types."""
    fields: dict[str, Field] = {}
    if "BaseMixin" in model.bases and "BaseMixin" in models:
        fields.update(models["BaseMixin"].columns)
    for base in model.bases:  # a model deriving from another model
        if base in models and base not in ("BaseMixin", "SerializerMixin"):
            fields.update(model_fields(models[base], models))
    fields.update(model.columns)
    tables = {m.table: m.name for m in models.values()}
    for key, (target, secondary) in model.relationships.items():
        target_model = models.get(target)
        scalar = not secondary and target_model is not None and target_model.table in model.foreign_tables
        if scalar and target_model is not None and target in tables.values():
            fields[key] = Field(f"{target} | None", "many-to-one relationship")
        else:
            fields[key] = Field("list[str]", "relationship")
    for key, extra in model.extra.items():
        if key in fields:
            continue  # serialize() refills a key it has already (Concept's entity_concept_links)
        if extra.type.startswith("="):
            copied = fields.get(extra.type[1:])
            fields[key] = Field(copied.type if copied else "Any", extra.origin)
        else:
            fields[key] = extra
    fields["type"] = Field("str", "serializer")
    return fields


def match_schema(schema_name: str, props: set[str], columns: dict[str, set[str]]) -> str | None:
    """The TypedDict a spec schema describes: the same name, else the only model holding all its properties."""
    if schema_name in columns:
        return schema_name
    holders = [name for name, keys in columns.items() if props <= keys and name not in KINDS]
    return holders[0] if len(holders) == 1 else None


def build(spec: dict[str, Any], app: Path) -> tuple[dict[str, dict[str, Field]], dict[str, tuple[str, bool]]]:
    """Return (TypedDict name -> keys, operationId -> (TypedDict name, is_list))."""
    entities = model_entities(parse_models(app))
    add_service_keys(entities, app)
    columns = {name: set(keys) for name, keys in entities.items()}
    for schema_name, schema in sorted(((spec.get("components") or {}).get("schemas") or {}).items()):
        props = schema.get("properties") or {}
        target = match_schema(schema_name, set(props), columns)
        if target is not None:
            add_spec_keys(entities[target], props, f"spec schema {schema_name}")
    mapping = add_response_keys(entities, spec)
    plural_of = {segment: name for name in sorted(entities) for segment in kebab_plural(name)}
    entities["SearchResult"] = {
        key: Field(f"list[{plural_of[key]}]" if key in plural_of else "list[Any]", "search route")
        for key in search_keys(app)
    }
    return entities, mapping


def model_entities(models: dict[str, Model]) -> dict[str, dict[str, Field]]:
    """Return TypedDict name -> keys of each serialized model, and of each kind of row (KINDS) its table's."""
    entities = {model.name: model_fields(model, models) for model in serialized_models(models)}
    for kind, table_model in KINDS.items():
        if table_model in entities:
            entities[kind] = dict(entities[table_model])
    return entities


def add_service_keys(entities: dict[str, dict[str, Field]], app: Path) -> None:
    """Add to entities the keys Zou's services set on serialized rows (an `entity` row's keys to every kind
    of entity), typed from their values; a key the model has already is widened by the other forms given."""
    model_keys = {name: dict(keys) for name, keys in entities.items()}
    added = service_assignments(app, set(entities))
    for kind, table_model in KINDS.items():  # an `entity` row of a service may be any kind of entity
        if kind not in entities:
            continue
        for key, values in added.get(table_model, {}).items():
            added.setdefault(kind, {}).setdefault(key, []).extend(values)
    for name, keys in sorted(added.items()):
        for key, values in sorted(keys.items()):
            kinds = [value_type(v, model_keys) for v in values]
            if key not in entities[name]:
                entities[name][key] = Field(union(kinds), "service")
            else:  # a service that puts another form there (ids -> dicts) widens the model's type
                said = [kind for kind in kinds if kind != "Any"]
                entities[name][key] = Field(union([entities[name][key].type, *said]), entities[name][key].origin)


def add_spec_keys(keys: dict[str, Field], props: dict[str, Any], origin: str) -> None:
    """Add to one TypedDict's keys each spec property it lacks (`X | None`: the spec never says nullable)."""
    for key, schema in sorted(props.items()):
        if key not in keys and isinstance(schema, dict):
            kind = spec_type(schema)
            keys[key] = Field(kind if kind == "Any" else f"{kind} | None", origin)


def add_response_keys(entities: dict[str, dict[str, Field]], spec: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """Return operationId -> (TypedDict name, is_list) for the operations whose route names an entity and whose
    answer's shape agrees, adding to each entity the keys those answers' schemas declare."""
    from spec_patches import operations as spec_operations

    ops = {op["operationId"]: (method.upper(), path, op) for path, method, op in spec_operations(spec)}
    mapping = operation_entities([(op_id, m, p) for op_id, (m, p, _) in ops.items()], set(entities))
    for op_id, (_, is_list) in list(mapping.items()):
        if not answer_shape_agrees(response_schema(ops[op_id][2]), is_list):
            del mapping[op_id]  # the spec says the answer is not that (a map by id, a list for one id, ...)
    for op_id, (name, is_list) in sorted(mapping.items()):
        if name != "SearchResult":
            props = answer_properties(response_schema(ops[op_id][2]), is_list)
            add_spec_keys(entities[name], props, f"response of {op_id}")
    return mapping


# The keys every answer of an entity carries (its `id` and its `name` column): required, so gazu-style
# `shot["name"]` type-checks; every other key is NotRequired: routes present subsets of a row (an asset route
# drops preview fields, the persons list drops secrets, milestone and budget lists drop the dates and `type`),
# as the server suite's check of required keys showed.
ALWAYS_SENT = frozenset({"id", "name"})


def key_annotation(keys: dict[str, Field], key: str) -> str:
    """The annotation of one key: its type, NotRequired unless ALWAYS_SENT. No `from __future__ import
    annotations` in the module: NotRequired must be seen at run time too (__required_keys__, the server suite's
    check), so a type naming a TypedDict is written as a string."""
    kind = keys[key].type
    if re.search(r"\b[A-Z]\w*\b", re.sub(r"Literal\[[^]]*\]|\bAny\b|\bNone\b", "", kind)):
        kind = repr(kind) if "'" not in kind else f'"{kind}"'
    always = key in ALWAYS_SENT and keys[key].origin in ("column", "serializer")
    return kind if always else f"NotRequired[{kind}]"


def render(version: str, entities: dict[str, dict[str, Field]], mapping: dict[str, tuple[str, bool]],
           aliases: dict[str, str]) -> str:  # fmt: skip
    """The text of kitsu_api/entities.py (before the formatter and the generated-file header)."""
    full = dict(mapping)
    for old, current in sorted(aliases.items()):
        if current in mapping:
            full[old] = mapping[current]
    lines = [
        MODULE_DOC.format(version=version),
        "",
        "from typing import Any, Literal",
        "",
        "from typing_extensions import NotRequired, TypedDict",
        "",
        '__all__ = ["ENTITIES", "OPERATION_ENTITIES", ' + ", ".join(f'"{n}"' for n in sorted(entities)) + "]",
        "",
    ]
    for name in sorted(entities):
        keys = entities[name]
        lines += ["", ""]
        typed = functools.partial(key_annotation, keys)

        if all(k.isidentifier() and not keyword.iskeyword(k) for k in keys):
            lines.append(f"class {name}(TypedDict):")
            lines.append(
                f'    """{name} as Zou serializes it: {len(keys)} keys, derived as the module docstring says."""'
            )
            lines.append("")
            lines += [f"    {key}: {typed(key)}" for key in sorted(keys)]
        else:
            body = ", ".join(f"{key!r}: {typed(key)}" for key in sorted(keys))
            lines.append(f"{name} = TypedDict({name!r}, {{{body}}})")
    lines += [
        "",
        "",
        "# TypedDict name -> the TypedDict (for checkers that read annotations)",
        "ENTITIES: dict[str, Any] = {",
        *(f"    {name!r}: {name}," for name in sorted(entities)),
        "}",
        "",
        "# operationId (or alias) -> (TypedDict name, True when the answer is a list of them)",
        "OPERATION_ENTITIES: dict[str, tuple[str, bool]] = {",
        *(f"    {op_id!r}: {full[op_id]!r}," for op_id in sorted(full)),
        "}",
    ]
    return "\n".join(lines) + "\n"


def write_entities_module(
    spec: dict[str, Any], package: Path, version: str, aliases: dict[str, str]
) -> dict[str, tuple[str, bool]]:
    """Write package/entities.py for that spec and Zou version; return its operation -> (TypedDict, is_list)
    mapping (without the aliases: an alias answers what its current operation answers)."""
    entities, mapping = build(spec, zou_source(version))
    (package / "entities.py").write_text(render(version, entities, mapping, aliases))
    return mapping
