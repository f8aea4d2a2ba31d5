"""Check a decoded JSON value against a TypedDict of kitsu_api.entities (every key declared, every type compatible).

A test tool, kept in tests/ rather than kitsu_helpers: at run time the TypedDicts are only documentation of plain
dicts, and the library must not pay for (or fail on) a check that exists to prove the derivation against a real
server. tests/conftest.py runs it on every answer of an operation in OPERATION_ENTITIES.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union

import typing_extensions

JSON_NAMES = {dict: "object", list: "array", str: "str", bool: "bool", int: "int", float: "float", type(None): "None"}


def json_kind(value: Any) -> str:
    return JSON_NAMES.get(type(value), type(value).__name__)


@functools.cache
def hints(typed_dict: type) -> dict[str, Any]:
    """The TypedDict's keys and their evaluated types."""
    return typing_extensions.get_type_hints(typed_dict)


def shown(tp: Any) -> str:
    """A type as the generated module spells it."""
    if typing_extensions.is_typeddict(tp):
        return tp.__name__
    if tp is Any:
        return "Any"
    if isinstance(tp, type):
        return "None" if tp is type(None) else tp.__name__
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        return " | ".join(shown(arg) for arg in args)
    if origin is Literal:
        return f"Literal[{', '.join(repr(arg) for arg in args)}]"
    if origin in (list, dict):
        return f"{origin.__name__}[{', '.join(shown(arg) for arg in args)}]"
    return str(tp)


# What a JSON scalar must be to match each scalar type (bool is not an int; JSON has one number type: 1 is a
# valid float).
SCALAR_CHECKS: dict[Any, Callable[[Any], bool]] = {
    bool: lambda value: isinstance(value, bool),
    int: lambda value: isinstance(value, int) and not isinstance(value, bool),
    float: lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    str: lambda value: isinstance(value, str),
}


def declared_as(value: Any, tp: Any, where: str) -> str:
    """The mismatch message: what value is, and what tp declared."""
    return f"{where} is {json_kind(value)} {short(value)}, declared {shown(tp)}"


def problems(value: Any, tp: Any, where: str) -> list[str]:
    """Every mismatch between value and the type tp; `where` names the value (`Shot.tasks[0]`)."""
    if tp is Any:
        return []
    if tp is type(None) or tp is None:
        return [] if value is None else [f"{where} is {json_kind(value)} {short(value)}, declared None"]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        return union_problems(value, tp, args, where)
    if origin is Literal:
        return [] if value in args else [f"{where} is {short(value)}, declared {shown(tp)}"]
    if typing_extensions.is_typeddict(tp):
        return typed_dict_problems(value, tp, where)
    if origin in (list, dict) or tp in (list, dict):
        return container_problems(value, tp, where)
    check = SCALAR_CHECKS.get(tp)
    if check is None:
        raise TypeError(f"{where}: the checker does not know the type {tp!r}")
    return [] if check(value) else [declared_as(value, tp, where)]


def union_problems(value: Any, tp: Any, args: tuple[Any, ...], where: str) -> list[str]:
    """The mismatches of value against a union: none when one member matches; for a dict that is almost one of
    the declared TypedDicts, what is wrong inside it."""
    found = [problems(value, arg, where) for arg in args]
    if any(not p for p in found):
        return []
    nested = [
        p for p, arg in zip(found, args, strict=True) if typing_extensions.is_typeddict(arg) and isinstance(value, dict)
    ]
    if nested:
        return nested[0]
    return [declared_as(value, tp, where)]


def container_problems(value: Any, tp: Any, where: str) -> list[str]:
    """The mismatches of value against list[...] or dict[str, ...] (or bare list / dict): its items, checked."""
    kind = typing.get_origin(tp) or tp
    args = typing.get_args(tp)
    if not isinstance(value, kind):
        return [declared_as(value, tp, where)]
    if kind is list:
        item = args[0] if args else Any
        return [p for i, v in enumerate(value) for p in problems(v, item, f"{where}[{i}]")]
    item = args[1] if len(args) == 2 else Any
    return [p for k, v in value.items() for p in problems(v, item, f"{where}[{k!r}]")]


def typed_dict_problems(value: Any, typed_dict: type, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} is {json_kind(value)} {short(value)}, declared {typed_dict.__name__}"]
    declared = hints(typed_dict)
    found = []
    for key in sorted(value, key=str):
        if key not in declared:
            found.append(
                f"{where}[{key!r}] ({json_kind(value[key])} {short(value[key])}) is not declared in "
                f"{typed_dict.__name__}"
            )
        else:
            found += problems(value[key], declared[key], f"{where}[{key!r}]")
    missing = sorted(set(typed_dict.__required_keys__) - set(value))  # type: ignore[attr-defined]
    found += [f"{where} lacks the required key {key!r} of {typed_dict.__name__}" for key in missing]
    return found


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_answer(operation: str, answer: Any, typed_dict: type, is_list: bool) -> list[str]:
    """The mismatches of an operation's decoded answer, each naming the operation, the entity, key and type.

    A list answer may also be a page (`{"data": [...], "page": ...}`) when a page was asked for."""
    name = typed_dict.__name__
    if is_list:
        if isinstance(answer, dict) and isinstance(answer.get("data"), list):
            answer = answer["data"]
        found = problems(answer, list[typed_dict], name)  # type: ignore[valid-type]
    else:
        found = problems(answer, typed_dict, name)
    return [f"{operation} -> {problem}" for problem in found]
