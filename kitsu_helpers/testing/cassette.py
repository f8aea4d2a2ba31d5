"""Record a script's real exchanges with a Zou into a readable cassette, replay them offline.

Built on vcrpy (the `testing` extra: `pip install 'kitsu-client[testing]'`), which patches httpx's own transports
(`httpx.HTTPTransport.handle_request`, `AsyncHTTPTransport.handle_async_request`, and the mock ones), below
KitsuClient's retry transport and its deadline-bounded network backend: every client of the process, the default
one and those built inside the block, sync and async, is recorded or replayed, with retries and token refreshes
exactly as they went over the wire. What is ours: the cassette format (one entry per exchange: method, route,
query, body, status, response), the scrubbing of tokens, passwords and cookies, a JSON-aware body matcher, a typed
`UnrecordedRequestError` naming the request and the closest recordings, and the `check` mode that re-records and
compares with the committed cassette (kitsu_helpers.testing.freshness).
"""

from __future__ import annotations

import base64
import contextlib
import http
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

try:
    import vcr
    import vcr.errors
    import vcr.request
    import yaml
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "kitsu_helpers.testing's cassettes need vcrpy and PyYAML: pip install 'kitsu-client[testing]'"
    ) from exc

from ..path_params import redact_path
from ._yaml import DUMPER as _DUMPER, LOADER as _LOADER, load_entries as load_entries  # still importable from here
from .errors import CassetteDriftError, MissingCassetteError, UnrecordedRequestError

__all__ = [
    "MODES",
    "SCRUBBED",
    "Cassette",
    "cassette",
    "scrub_request",
    "scrub_response",
    "scrub_value",
]

MODES = ("none", "once", "new_episodes", "all", "check")
"""none: replay only; once: record when the file is missing, else replay only; new_episodes: replay and record
what is new; all: record everything anew (the file is replaced once the block succeeds); check: record anew into
a scratch file and fail with a diff when it differs from the committed cassette (ids and dates normalised)."""

SCRUBBED = "<scrubbed>"
SECRET_WORDS = ("password", "token", "secret", "otp", "recovery_code", "api_key", "cookie", "credential")
MATCH_ON = ("method", "path", "query", "kitsu_body")
FORMAT_VERSION = 1
KEPT_RESPONSE_HEADERS = ("content-type", "content-disposition", "location", "retry-after")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_HEADER = (
    "# kitsu-client cassette (kitsu_helpers.testing): one entry per exchange with the server.\n"
    "# Tokens, passwords and cookies are scrubbed; ids are the server's own, unchanged.\n"
)


# -- scrubbing ------------------------------------------------------------------------------------
def is_secret_name(name: str) -> bool:
    """Whether a JSON key or query parameter name holds a secret (token, password, otp...)."""
    lowered = name.lower()
    return any(word in lowered for word in SECRET_WORDS)


def scrub_value(value: Any) -> Any:
    """Return value (decoded JSON) with every non-empty string under a secret-like key, and every JWT anywhere,
    replaced by SCRUBBED; ids, names and everything else are kept as they are."""
    if isinstance(value, dict):
        return {
            key: SCRUBBED if isinstance(item, str) and item and is_secret_name(str(key)) else scrub_value(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_value(item) for item in value]
    if isinstance(value, str):
        return _JWT.sub(SCRUBBED, value)
    return value


def _scrub_query(query: str) -> str:
    pairs = [(name, SCRUBBED if is_secret_name(name) else value) for name, value in parse_qsl(query, True)]
    return urlencode(pairs)


def _content_type(headers: Any) -> str:
    for name, value in dict(headers).items():
        if name.lower() == "content-type":
            return (value[0] if isinstance(value, list) else value) or ""
    return ""


def _scrub_body(body: bytes | None, content_type: str) -> bytes | None:
    if not body or content_type.startswith("multipart/"):
        return body
    if "json" in content_type:
        try:
            return _json_bytes(scrub_value(json.loads(body)))
        except ValueError:
            pass
    if "x-www-form-urlencoded" in content_type:
        return _scrub_query(body.decode("latin-1")).encode()
    try:
        return _JWT.sub(SCRUBBED, body.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return body


def scrub_request(request: vcr.request.Request) -> vcr.request.Request:
    """Return a copy of a (vcrpy) request without secrets: no Authorization or Cookie header, secret query values,
    JSON and form body fields and share tokens in paths scrubbed. Applied to what is recorded and to every request
    replayed before matching, so a script's real password matches the scrubbed recording."""
    parts = urlsplit(request.uri)
    uri = urlunsplit((parts.scheme, parts.netloc, redact_path(parts.path), _scrub_query(parts.query), ""))
    headers = {
        name: value for name, value in request.headers.items() if name.lower() not in ("authorization", "cookie")
    }
    body = _scrub_body(request.body, _content_type(headers))
    return vcr.request.Request(request.method, uri, body, headers)


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Return a (vcrpy) response dict without cookies and with secrets in its body scrubbed (login and refresh
    answers carry tokens)."""
    headers = {name: value for name, value in response["headers"].items() if name.lower() != "set-cookie"}
    body = response["body"]["string"]
    if isinstance(body, str):
        body = body.encode("utf-8")
    return {**response, "headers": headers, "body": {"string": _scrub_body(body, _content_type(headers))}}


# -- the cassette format -------------------------------------------------------------------------
def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _as_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _encode_body(key: str, body: bytes, content_type: str) -> dict[str, Any]:
    """The entry fields holding a body: `key` (decoded JSON), `key`_text, or `key`_base64."""
    if content_type.startswith("multipart/"):
        return {key + "_text": f"<{content_type.split(';', maxsplit=1)[0]}, {len(body)} bytes>"}
    if "json" in content_type:
        try:
            return {key: json.loads(body)}
        except ValueError:
            pass
    try:
        return {key + "_text": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {key + "_base64": base64.b64encode(body).decode("ascii")}


def _decode_body(entry: dict[str, Any], key: str) -> bytes:
    if key in entry:
        return _json_bytes(entry[key])
    if key + "_text" in entry:
        return str(entry[key + "_text"]).encode("utf-8")
    if key + "_base64" in entry:
        return base64.b64decode(entry[key + "_base64"])
    return b""


def _query_fields(query: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in parse_qsl(query, True):
        if name in fields:
            previous = fields[name]
            fields[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[name] = value
    return fields


class _Serializer:
    """vcrpy serializer of the kitsu cassette format (YAML, one flat entry per exchange)."""

    @staticmethod
    def serialize(data: dict[str, Any]) -> str:
        host = None
        entries = []
        for interaction in data["interactions"]:
            request, response = interaction["request"], interaction["response"]
            parts = urlsplit(request["uri"])
            origin = f"{parts.scheme}://{parts.netloc}"
            host = host or origin
            entry: dict[str, Any] = {"method": request["method"], "route": parts.path}
            if origin != host:
                entry["host"] = origin
            if parts.query:
                entry["query"] = _query_fields(parts.query)
            content_type = _content_type(request["headers"])
            body = _as_bytes(request["body"])
            if body:
                if content_type and not content_type.startswith("application/json"):
                    entry["content_type"] = content_type.split(";")[0]
                entry.update(_encode_body("body", body, content_type))
            entry["status"] = response["status"]["code"]
            kept = {
                name.lower(): values[0] if isinstance(values, list) else values
                for name, values in response["headers"].items()
                if name.lower() in KEPT_RESPONSE_HEADERS
            }
            if kept != {"content-type": "application/json"}:
                entry["response_headers"] = kept
            response_body = _as_bytes(response["body"]["string"])
            if response_body:
                entry.update(_encode_body("response", response_body, kept.get("content-type", "")))
            entries.append(entry)
        document: dict[str, Any] = {"kitsu_cassette": FORMAT_VERSION, "host": host}
        if data.get("metadata"):
            document["metadata"] = data["metadata"]
        document["interactions"] = entries
        dumped: str = yaml.dump(
            document, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False
        )
        return _HEADER + dumped

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        document = yaml.load(text, Loader=_LOADER) or {}
        host = document.get("host") or "http://localhost"
        interactions = []
        for entry in document.get("interactions") or []:
            query = urlencode(
                [
                    (name, item)
                    for name, value in (entry.get("query") or {}).items()
                    for item in (value if isinstance(value, list) else [value])
                ]
            )
            uri = (entry.get("host") or host) + entry["route"] + ("?" + query if query else "")
            body = _decode_body(entry, "body")
            headers = {"content-type": [entry.get("content_type", "application/json")]} if body else {}
            status = int(entry["status"])
            response_headers = entry.get("response_headers", {"content-type": "application/json"})
            interactions.append(
                {
                    "request": {"method": entry["method"], "uri": uri, "body": body or None, "headers": headers},
                    "response": {
                        "status": {"code": status, "message": _reason(status)},
                        "headers": {name: [str(value)] for name, value in response_headers.items()},
                        "body": {"string": _decode_body(entry, "response")},
                    },
                }
            )
        data: dict[str, Any] = {"version": 1, "interactions": interactions}
        if document.get("metadata"):
            data["metadata"] = document["metadata"]
        return data


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


# -- matching -------------------------------------------------------------------------------------
def _short(body: bytes | None) -> str:
    text = (body or b"").decode("utf-8", "replace")
    return text if len(text) <= 120 else text[:117] + "..."


def body_matcher(r1: vcr.request.Request, r2: vcr.request.Request) -> None:
    """vcrpy matcher: JSON bodies equal as decoded JSON, multipart bodies alike (their boundary is random), other
    bodies byte for byte. Raises AssertionError saying how they differ."""
    c1, c2 = _content_type(r1.headers), _content_type(r2.headers)
    if c1.startswith("multipart/") and c2.startswith("multipart/"):
        return
    b1, b2 = r1.body or b"", r2.body or b""
    if "json" in c1 and "json" in c2:
        try:
            if json.loads(b1 or b"null") == json.loads(b2 or b"null"):
                return
        except ValueError:
            pass
    elif b1 == b2:
        return
    raise AssertionError(f"body differs: {_short(b1)} != {_short(b2)}")


# -- typed errors ---------------------------------------------------------------------------------
def _describe(request: vcr.request.Request) -> tuple[str, str]:
    parts = urlsplit(scrub_request(request).uri)
    return parts.path, parts.query


def unrecorded_error(
    exc: vcr.errors.CannotOverwriteExistingCassetteException, path: str, mode: str
) -> UnrecordedRequestError:
    """The typed error of a request a cassette cannot answer: the request (scrubbed), why, the closest recordings."""
    request = exc.failed_request
    route, query = _describe(request)
    closest = []
    for stored, _succeeded, failed in (getattr(exc, "similar_requests", None) or [])[:3]:
        stored_route, stored_query = _describe(stored)
        differs = ", ".join(name.replace("kitsu_body", "body") for name, _message in failed) or "nothing"
        closest.append(
            f"{stored.method} {stored_route}{'?' + stored_query if stored_query else ''} ({differs} differs)"
        )
    target = f"{request.method} {route}{'?' + query if query else ''}"
    if getattr(exc, "reason", "") == "already_played":
        why = "was recorded fewer times than it is made now (every recording of it was played)"
    else:
        why = "is not in the cassette"
    message = f"{target} {why}: {path} (mode {mode!r})"
    message += "; closest recorded: " + "; ".join(closest) if closest else "; nothing similar is recorded"
    message += ". Record it again: mode='all' (pytest --kitsu-record=all) against a real Zou"
    return UnrecordedRequestError(
        message, method=request.method, route=route, query=query, cassette=path, closest=tuple(closest), url=target
    )


_SYNC_TARGETS: tuple[tuple[type, str], ...] = (
    (httpx.HTTPTransport, "handle_request"),
    (httpx.MockTransport, "handle_request"),
)
_ASYNC_TARGETS: tuple[tuple[type, str], ...] = (
    (httpx.AsyncHTTPTransport, "handle_async_request"),
    (httpx.MockTransport, "handle_async_request"),
)


@contextlib.contextmanager
def _typed_errors(path: str, mode: str) -> Iterator[None]:
    """While vcrpy's patches are on, turn its CannotOverwriteExistingCassetteException into UnrecordedRequestError
    (a GazuException: the client lets it through as it is, never retried)."""
    with contextlib.ExitStack() as stack:
        for cls, name in _SYNC_TARGETS:
            stack.enter_context(mock.patch.object(cls, name, _wrap_sync(getattr(cls, name), path, mode)))
        for cls, name in _ASYNC_TARGETS:
            stack.enter_context(mock.patch.object(cls, name, _wrap_async(getattr(cls, name), path, mode)))
        yield


def _wrap_sync(current: Callable[..., Any], path: str, mode: str) -> Callable[..., Any]:
    def handle_request(self: Any, request: httpx.Request) -> httpx.Response:
        try:
            response: httpx.Response = current(self, request)
            return response
        except vcr.errors.CannotOverwriteExistingCassetteException as exc:
            raise unrecorded_error(exc, path, mode) from None

    return handle_request


def _wrap_async(current: Callable[..., Any], path: str, mode: str) -> Callable[..., Any]:
    async def handle_async_request(self: Any, request: httpx.Request) -> httpx.Response:
        try:
            response: httpx.Response = await current(self, request)
            return response
        except vcr.errors.CannotOverwriteExistingCassetteException as exc:
            raise unrecorded_error(exc, path, mode) from None

    return handle_async_request


# -- the context manager --------------------------------------------------------------------------
class Cassette:
    """The cassette in use: its path and mode, what it holds and what was played."""

    def __init__(self, inner: Any, path: str, mode: str) -> None:
        self._inner = inner
        self.path = path
        self.mode = mode

    @property
    def recording(self) -> bool:
        """Whether requests reach the real server (a mode that records, or once with no file yet)."""
        return not self._inner.write_protected

    def __len__(self) -> int:
        return len(self._inner)

    @property
    def play_count(self) -> int:
        """How many recorded exchanges were replayed."""
        return int(self._inner.play_count)

    @property
    def all_played(self) -> bool:
        return bool(self._inner.all_played)

    @property
    def requests(self) -> list[str]:
        """The exchanges held, as "METHOD /route" (scrubbed), in order."""
        return [f"{r.method} {urlsplit(r.uri).path}" for r in self._inner.requests]

    def unique(self, prefix: str = "t") -> str:
        """A name unique to this recording (prefix-<8 hex>), kept in the cassette so a replay sends the same one:
        name the entities a recorded script creates with it. The freshness check ignores its value."""
        key = f"unique:{prefix}"
        try:
            return str(self._inner.get_metadata(key, f"{prefix}-{uuid.uuid4().hex[:8]}"))
        except vcr.errors.CannotOverwriteExistingCassetteException:
            raise MissingCassetteError(
                f"{self.path} holds no name for {prefix!r} (recorded before unique({prefix!r}) was used): record it again"
            ) from None

    def __repr__(self) -> str:
        return f"Cassette({self.path!r}, mode={self.mode!r}, {len(self)} exchanges, {self.play_count} played)"


def _vcr(mode: str, allow_playback_repeats: bool, match_on: tuple[str, ...]) -> Any:
    recorder = vcr.VCR(
        serializer="kitsu",
        record_mode=mode,
        match_on=match_on,
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        decode_compressed_response=True,
    )
    recorder.register_serializer("kitsu", _Serializer)
    recorder.register_matcher("kitsu_body", body_matcher)
    return recorder


@contextlib.contextmanager
def _use(path: str, mode: str, allow_playback_repeats: bool, match_on: tuple[str, ...]) -> Iterator[Cassette]:
    recorder = _vcr(mode, allow_playback_repeats, match_on)
    used = recorder.use_cassette(path, allow_playback_repeats=allow_playback_repeats, record_on_exception=False)
    with used as inner, _typed_errors(path, mode):
        yield Cassette(inner, path, mode)


@contextlib.contextmanager
def cassette(
    path: str | os.PathLike[str],
    mode: str = "once",
    *,
    allow_playback_repeats: bool = False,
    match_on: tuple[str, ...] = MATCH_ON,
) -> Iterator[Cassette]:
    """Record (or replay) every HTTP exchange of every kitsu client in the block, sync and async, into path.

    `mode` is one of MODES. Requests match on method, route, query and body (JSON compared decoded; secrets
    scrubbed on both sides); each recording is replayed once, in order, unless allow_playback_repeats. A request
    the cassette cannot answer raises UnrecordedRequestError (nothing is sent); `check` raises CassetteDriftError
    with a diff when the re-recording differs; `none` or `check` with no file raises MissingCassetteError."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    target = Path(path)
    if mode in ("none", "check") and not target.exists():
        hint = "record it first: mode='all' (pytest --kitsu-record=all) against a real Zou"
        raise MissingCassetteError(f"no cassette at {target} to {'replay' if mode == 'none' else 'check'}: {hint}")
    if mode not in ("all", "check"):
        with _use(str(target), mode, allow_playback_repeats, match_on) as used:
            yield used
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kitsu-cassette-") as scratch:
        fresh = Path(scratch) / target.name
        with _use(str(fresh), "all", allow_playback_repeats, match_on) as used:
            used.path = str(target)
            yield used
        if not fresh.exists():  # nothing was requested: an empty cassette
            fresh.write_text(_Serializer.serialize({"interactions": []}), encoding="utf-8")
        if mode == "all":
            shutil.move(fresh, target)
            return
        from .freshness import compare

        diff = compare(target, fresh)
        if diff:
            raise CassetteDriftError(
                f"{target} no longer matches what the server answers (ids and dates normalised; "
                f"re-record with mode='all', `make cassettes`):\n{diff}",
                cassette=str(target),
                diff=diff,
            )
