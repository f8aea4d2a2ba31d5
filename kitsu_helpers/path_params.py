"""Path parameters, checked and encoded in the one place every operation path is built.

Both `KitsuClient.call` (and everything built on it) and the generated `kitsu_api` functions fill their routes
with `fill_path`, so a value can never take a request to another route, even behind a reverse proxy that decodes
`%2F` and `%2E` and resolves dot segments before forwarding (nginx as Zou's deployment guide sets it up):

- an id parameter (its name is `id` or ends in `_id`; every parameter Zou's spec declares `format: uuid` is one)
  must be a UUID (a `str` in UUID syntax, or a `uuid.UUID`);
- any other parameter (file names, extensions, field names, dates, tokens, numbers) must be a non-empty `str` (or
  an `int`) of at most 1,024 characters that is not made of dots only (`.`, `..`) and holds no `/`, no `\\` and
  no control character; it is then percent-encoded, dots included.

Anything else raises `ParameterException` (an `InvalidParameterValueException`) before a request is sent.
"""

from __future__ import annotations

import functools
import re
import uuid
from typing import Any
from urllib.parse import quote

from .errors import InvalidParameterValueException

MAX_SEGMENT_LENGTH = 1024
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f-\x9f]")
_SECRET_NAMES = ("token", "password", "secret")


def is_id_parameter(name: str) -> bool:
    """Return True for a parameter that names an entity by its id (`id` or `*_id`): its value must be a UUID."""
    return name == "id" or name.endswith("_id")


def is_uuid(text: str) -> bool:
    """True for a string in UUID syntax (8-4-4-4-12 hexadecimal digits)."""
    return _UUID.fullmatch(text) is not None


def segment_problem(name: str, value: Any) -> str | None:
    """Return why value cannot fill the path parameter name, or None when it can."""
    if isinstance(value, uuid.UUID):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return f"must be a string, not {type(value).__name__}"
    text = str(value)
    if is_id_parameter(name):
        return None if is_uuid(text) else "is not a UUID"
    if not text:
        return "is empty"
    if len(text) > MAX_SEGMENT_LENGTH:
        return f"is {len(text)} characters long (at most {MAX_SEGMENT_LENGTH})"
    if not text.strip("."):
        return "is a dot segment"
    if _UNSAFE.search(text):
        return "holds a slash, a backslash or a control character"
    return None


def encode_segment(value: str | int | uuid.UUID) -> str:
    """Percent-encode one checked path segment, dots included."""
    return quote(str(value), safe="").replace(".", "%2E")


def fill_path(method: str, route: str, values: dict[str, Any]) -> str:
    """Return route with each `{name}` replaced by its checked, encoded value; refuse a value that is unsafe."""
    encoded = {}
    for name, value in values.items():
        problem = segment_problem(name, value)
        if problem is not None:
            raise refused(method, route, name, value, problem)
        encoded[name] = encode_segment(value)
    return route.format(**encoded)


def segment(name: str, value: Any, method: str = "GET", route: str = "") -> str:
    """Return one path segment checked and encoded (for the few routes built outside an operation's path)."""
    problem = segment_problem(name, value)
    if problem is not None:
        raise refused(method, route or "{" + name + "}", name, value, problem)
    return encode_segment(value)


def refused(method: str, route: str, name: str, value: Any, problem: str) -> InvalidParameterValueException:
    """Return the error for a refused path value: it names the route and the parameter, never a secret value."""
    shown = "the value" if any(word in name for word in _SECRET_NAMES) else _short_repr(value)
    message = f"{method.upper()} {route}: path parameter {name} {problem} ({shown}); nothing was sent"
    return InvalidParameterValueException(message, method=method.upper(), url=route, server_message=None)


def _short_repr(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "..."


@functools.lru_cache(maxsize=1)
def _secret_routes() -> tuple[re.Pattern[str], ...]:
    """Patterns of the generated routes with a secret path parameter (a share token), the secret captured."""
    from kitsu_api.operations import OPERATIONS

    patterns = []
    for _method, route, params, *_ in OPERATIONS.values():
        if not any(word in name for name in params for word in _SECRET_NAMES):
            continue
        regex = ""
        for text, name in re.findall(r"([^{]*)(?:\{([^}]+)\})?", route):
            regex += re.escape(text)
            if name:
                secret = any(word in name for word in _SECRET_NAMES)
                regex += "([^/]+)" if secret else "(?:[^/]+)"
        patterns.append(re.compile(regex + "$"))
    return tuple(patterns)


def redact_path(path: str) -> str:
    """Return a request path as logs may show it: the value of a secret path parameter (a playlist share token)
    replaced by <redacted>."""
    for pattern in _secret_routes():
        match = pattern.search(path)
        if match:
            for index in sorted(range(1, (match.lastindex or 0) + 1), reverse=True):
                path = path[: match.start(index)] + "<redacted>" + path[match.end(index) :]
            return path
    return path
