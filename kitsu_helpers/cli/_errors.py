"""The one place where a failure becomes a message and an exit code (never a traceback, never a token).

| exit code | meaning |
|---|---|
| 0 | success |
| 1 | the server refused or failed the request (4xx other than below, 5xx), a local file problem |
| 2 | bad arguments (click's usage error) |
| 3 | authentication: login refused, not logged in, session expired (or for another host) |
| 4 | cannot connect: host unreachable, connection refused, DNS, timeout |
| 5 | not found: no entity with that name or id, no such route |
| 130 | interrupted (Ctrl-C) |
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from ..errors import (
    AuthFailedException,
    ConnectionFailedException,
    GazuException,
    HostException,
    NotAllowedException,
    NotAuthenticatedException,
    RouteNotFoundException,
    ServerErrorException,
    TimeoutException,
    UnexpectedResponseException,
    WriteOutcomeUnknownException,
)

OK, FAILED, USAGE, AUTH, UNREACHABLE, NOT_FOUND, INTERRUPTED = 0, 1, 2, 3, 4, 5, 130

REDACTED = "<redacted>"
TOKEN_KEYS = frozenset({"access_token", "refresh_token"})
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+")


class CliError(Exception):
    """A failure the CLI explains itself (a missing entity, no session...), with its exit code."""

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code


class NotFound(CliError):
    """No entity matches a name or id given on the command line."""

    def __init__(self, message: str) -> None:
        super().__init__(message, NOT_FOUND)


def scrub(text: str, secrets: tuple[str | None, ...] = ()) -> str:
    """Return text without the given secrets and without anything shaped like a JWT."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return _JWT.sub(REDACTED, text)


def redact(data: Any, secrets: tuple[str | None, ...] = ()) -> Any:
    """Return data (JSON-like) with token fields and the given secrets replaced by "<redacted>"."""
    if isinstance(data, dict):
        return {k: (REDACTED if k in TOKEN_KEYS and v else redact(v, secrets)) for k, v in data.items()}
    if isinstance(data, list):
        return [redact(item, secrets) for item in data]
    if isinstance(data, str):
        return scrub(data, secrets)
    return data


def explain(exc: BaseException, host: str | None = None) -> tuple[str, int]:
    """Return (message, exit code) for a failure of a command."""
    if isinstance(exc, CliError):
        return str(exc), exc.code
    where = host or getattr(exc, "url", None) or "the host"
    for kind, message, code in _EXPLANATIONS:
        if isinstance(exc, kind):
            return message(exc, where), code
    hint = "" if os.environ.get("KITSU_DEBUG") else " (set KITSU_DEBUG=1 to see the traceback)"
    return f"internal error: {type(exc).__name__}: {exc}{hint}", FAILED


def _login_refused(exc: AuthFailedException, _where: str) -> str:
    """Return the message of a refused login: "login refused: " and the server's reason (once)."""
    detail = exc.server_message or str(exc)
    return str(exc) if str(exc).startswith("login refused") else f"login refused: {detail}"


def _local_file_problem(exc: OSError, _where: str) -> str:
    """Return the message of a local file problem: its reason and the file's name."""
    name = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{name}"


# (exception type, message(exc, where), exit code), the first that matches wins: subclasses before their bases
_Explanation = tuple[type[BaseException] | tuple[type[BaseException], ...], Callable[[Any, str], str], int]
_EXPLANATIONS: tuple[_Explanation, ...] = (
    (AuthFailedException, _login_refused, AUTH),
    (
        NotAuthenticatedException,
        lambda _exc, _where: "not authenticated: the session has expired or was revoked; run `kitsu login` again",
        AUTH,
    ),
    (NotAllowedException, lambda exc, _where: f"permission denied: {exc}", FAILED),
    (RouteNotFoundException, lambda exc, _where: f"not found: {exc}", NOT_FOUND),
    (ConnectionFailedException, lambda exc, where: f"cannot connect to {where}: {_reason(exc)}", UNREACHABLE),
    (
        TimeoutException,
        lambda exc, where: f"cannot connect to {where}: no answer in time ({_reason(exc)})",
        UNREACHABLE,
    ),
    (WriteOutcomeUnknownException, lambda exc, _where: str(exc), UNREACHABLE),
    (HostException, lambda exc, where: f"cannot connect to {where}: {_reason(exc)}", UNREACHABLE),
    (
        UnexpectedResponseException,
        lambda exc, where: f"unexpected answer from {where} (is it a Kitsu API URL?): {exc}",
        FAILED,
    ),
    (ServerErrorException, lambda exc, _where: f"server error: {exc}", FAILED),
    (GazuException, lambda exc, _where: f"refused: {exc}", FAILED),
    (OSError, _local_file_problem, FAILED),
    ((ValueError, TypeError), lambda exc, _where: f"invalid input: {exc}", USAGE),
)


def _reason(exc: GazuException) -> str:
    """Return the cause part of a transport error's message ("... cannot connect (ConnectError: ...)")."""
    text = str(exc)
    start = text.rfind("(")
    return text[start + 1 : -1] if start != -1 and text.endswith(")") else text
