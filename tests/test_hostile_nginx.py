"""Hostile ids through a real nginx configured as Zou's deployment guide: no request leaves its route.

nginx decodes %2F / %2E and resolves dot segments before it forwards a request (`location /api { proxy_pass
http://zou/; }`), so percent-encoding a path parameter is not enough to keep it inside its route. This suite
generates its list of targets from the helpers' signatures (every public function of every module in
`kitsu_helpers.SUBMODULES`, every parameter that is an entity or an id), calls each with hostile values, and then
reads nginx's access log: each request must have reached Zou (or been refused by nginx) on the route the client
meant, with the value as one literal segment, and the server's data must be unchanged.

Each call is marked in its User-Agent (`kitsu-hostile/<run>/<call>`) so the log lines are matched to the helper,
the parameter and the value that produced them, even when other sessions share the server and the front.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import inspect
import json
import os
import re
import socket
import socketserver
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

import httpx
import pytest

import kitsu_helpers
from kitsu_helpers import errors
from kitsu_helpers.client import KitsuClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from nginx_front import Front, read_access_log, upstream_path

CALL_TIMEOUT = 20.0  # seconds: a call that takes longer counts as a hang
WORKERS = 4
HUGE = "../" * (10 * 1024 * 1024 // 3 + 1)  # a 10 MB value that is also a walk
HUGE_SAMPLE = 12  # the 10 MB value goes to this many targets, spread over the list

# Hostile values, by label. Strings first, then non-str values, then model dicts carrying a hostile "id".
HOSTILE_STRINGS: dict[str, str] = {
    "dotdot": "..",
    "dot": ".",
    "dotdot-persons": "../persons",
    "dotdot-encslash-dotdot": "..%2F..",
    "encslash": "%2F",
    "encslash-lower": "%2f",
    "doubleenc-slash": "%252F",
    "doubleenc-dotdot": "%252E%252E",
    "backslash": "\\",
    "backslash-walk": "..\\..\\persons",
    "slash-walk": "x/../../persons",
    "nul": "\x00",
    "lf": "\n",
    "crlf": "\r\n",
    "empty": "",
}
HOSTILE_OTHER: dict[str, Any] = {"none": None, "int": 42, "list": ["x"], "object": object()}
HOSTILE_DICTS: dict[str, Any] = {
    "dict-dotdot": {"id": ".."},
    "dict-dotdot-persons": {"id": "../persons"},
    "dict-encslash": {"id": "%2F"},
    "dict-doubleenc": {"id": "%252E%252E"},
    "dict-backslash": {"id": "\\"},
    "dict-lf": {"id": "\n"},
    "dict-none": {"id": None},
    "dict-int": {"id": 42},
}
HOSTILE: dict[str, Any] = {**HOSTILE_STRINGS, **HOSTILE_OTHER, **HOSTILE_DICTS}

pytestmark = [
    pytest.mark.timeout(900),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),  # the old gazu names are targets too; they warn
]


# --- the targets, generated from the helpers' signatures -------------------------------------------------


def _entity_nouns() -> set[str]:
    """Every entity named by a path parameter of the spec ("project" for {project_id}, ...)."""
    from kitsu_api.operations import OPERATIONS

    return {p[: -len("_id")] for op in OPERATIONS.values() for p in op[2] if p.endswith("_id")}


NOUNS = _entity_nouns()
_NON_ID_ANNOTATION = re.compile(r"^(bool|int|float|bytes)\b|^(list|tuple|set|Sequence|Iterable)\[")
_MODEL_OR_ID = re.compile(r"(^|\|\s*)ModelOrId(\s*\||$)")


def is_id_parameter(fn: Callable[..., Any], param: inspect.Parameter, source: str) -> bool:
    """True for a parameter that carries one entity or id: named `*_id`/`id`, typed ModelOrId, named after an entity
    of the spec, or passed by the helper to the id normalisers (normalize_model_parameter, model_id, ...)."""
    if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD) or param.name == "client":
        return False
    annotation = param.annotation if isinstance(param.annotation, str) else getattr(param.annotation, "__name__", "")
    if _NON_ID_ANNOTATION.search(annotation) or "KitsuClient" in annotation:
        return False
    name = param.name
    if name == "id" or name.endswith("_id") or _MODEL_OR_ID.search(annotation) or name in NOUNS:
        return True
    normalisers = r"(normalize_model_parameter|model_id|optional_id|normalise_id|normalize_id)"
    return re.search(rf"{normalisers}\(\s*{re.escape(name)}\b", source) is not None


@dataclass(frozen=True)
class Target:
    module: str
    name: str
    param: str

    @property
    def label(self) -> str:
        return f"{self.module}.{self.name}({self.param}=)"

    @property
    def function(self) -> Callable[..., Any]:
        return getattr(import_module(f"kitsu_helpers.{self.module}"), self.name)  # type: ignore[no-any-return]


def discover_targets() -> list[Target]:
    """Every (public helper, id parameter) pair of every kitsu_helpers submodule, in a stable order."""
    targets: list[Target] = []
    for module_name in kitsu_helpers.SUBMODULES:
        module = import_module(f"kitsu_helpers.{module_name}")
        for name, fn in sorted(inspect.getmembers(module, inspect.isfunction)):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            try:
                source = inspect.getsource(fn)
            except OSError:
                source = ""
            for param in inspect.signature(fn).parameters.values():
                if is_id_parameter(fn, param, source):
                    targets.append(Target(module_name, name, param.name))
    return targets


TARGETS = discover_targets()


def test_targets_cover_every_module_that_takes_ids() -> None:
    """The generated list is not a hand-picked few: it spans the modules and the known id helpers."""
    helpers = {(t.module, t.name) for t in TARGETS}
    modules = {t.module for t in TARGETS}
    assert len(helpers) > 300, len(helpers)
    assert {"project", "task", "shot", "asset", "files", "person", "playlist", "casting", "user"} <= modules
    for known in [("project", "get_project", "project_id"), ("task", "all_tasks_for_project", "project"),
                  ("task", "remove_task", "task"), ("shot", "update_shot", "shot")]:  # fmt: skip
        assert Target(*known) in TARGETS, known


# --- the world the calls run in: throwaway objects for every other argument -----------------------------


@dataclass
class World:
    token: str
    ids: dict[str, str] = field(default_factory=dict)
    cleanups: list[Callable[[], Any]] = field(default_factory=list)
    canaries: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (get operation, id)


@pytest.fixture(scope="module")
def world(admin_client: KitsuClient) -> Iterator[World]:
    """A throwaway production (episode, sequence, shot, asset, task) plus throwaway global types and a person, so
    that no argument of a hostile call names anything another test or user relies on; and canaries: one of each
    global kind, never passed to any call, that must come out unchanged."""
    from kitsu_helpers import asset, person, project, shot, task

    c = admin_client
    w = World(token=uuid.uuid4().hex[:8])
    name = f"hostile-{w.token}"
    try:
        tt = task.new_task_type(f"{name}-tt", for_entity="Shot", client=c)
        w.cleanups.append(lambda: task.remove_task_type(tt, force=True, client=c))
        ts = task.new_task_status(f"{name}-ts", f"h{w.token[:5]}", "#ff0000", client=c)
        w.cleanups.append(lambda: task.remove_task_status(ts, client=c))
        at = asset.new_asset_type(f"{name}-at", client=c)
        w.cleanups.append(lambda: asset.remove_asset_type(at, client=c))
        dep = person.new_department(f"{name}-dep", client=c)
        w.cleanups.append(lambda: person.remove_department(dep, force=True, client=c))
        who = person.new_person("Hostile", w.token, f"{name}@example.com", client=c)
        w.cleanups.append(lambda: person.remove_person(who, force=True, client=c))
        proj = project.new_project(f"{name}-proj", "tvshow", task_types=[tt], task_statuses=[ts],
                                   asset_types=[at], client=c)  # fmt: skip
        w.cleanups.append(lambda: _remove_project(c, proj["id"]))
        ep = shot.new_episode(proj, f"{name}-ep", client=c)
        seq = shot.new_sequence(proj, f"{name}-seq", episode=ep, client=c)
        sh = shot.new_shot(proj, seq, f"{name}-sh", client=c)
        ass = asset.new_asset(proj, at, f"{name}-asset", client=c)
        tk = task.new_task(sh, tt, client=c)
        w.ids.update(
            project=proj["id"], episode=ep["id"], sequence=seq["id"], shot=sh["id"], asset=ass["id"],
            entity=sh["id"], temporal_entity=sh["id"], task=tk["id"], task_type=tt["id"], task_status=ts["id"],
            asset_type=at["id"], entity_type=at["id"], department=dep["id"], person=who["id"],
        )  # fmt: skip
        # canaries: untouched by every call; an escape that writes anywhere global is likely to hit one
        can_tt = task.new_task_type(f"{name}-canary-tt", client=c)
        w.cleanups.append(lambda: task.remove_task_type(can_tt, force=True, client=c))
        can_ts = task.new_task_status(f"{name}-canary-ts", f"c{w.token[:5]}", "#00ff00", client=c)
        w.cleanups.append(lambda: task.remove_task_status(can_ts, client=c))
        can_at = asset.new_asset_type(f"{name}-canary-at", client=c)
        w.cleanups.append(lambda: asset.remove_asset_type(can_at, client=c))
        can_p = person.new_person("Canary", w.token, f"{name}-canary@example.com", client=c)
        w.cleanups.append(lambda: person.remove_person(can_p, force=True, client=c))
        can_proj = project.new_project(f"{name}-canary-proj", "short", client=c)
        w.cleanups.append(lambda: _remove_project(c, can_proj["id"]))
        w.canaries.update(
            task_type=("get_data_task_types_instance_id", can_tt["id"]),
            task_status=("get_data_task_status_instance_id", can_ts["id"]),
            asset_type=("get_data_entity_types_instance_id", can_at["id"]),
            person=("get_data_persons_instance_id", can_p["id"]),
            project=("get_data_projects_instance_id", can_proj["id"]),
        )
        yield w
    finally:
        for cleanup in reversed(w.cleanups):
            with contextlib.suppress(Exception):  # cleanup must not hide the test's own result
                cleanup()
        sweep(c, w)


def _remove_project(client: KitsuClient, project_id: str) -> None:
    closed = next(s for s in client.call("get_data_project_status") if s["name"].lower() == "closed")
    client.call("put_data_projects_instance_id", json={"project_status_id": closed["id"]}, instance_id=project_id)
    client.call("delete_data_projects_instance_id", params={"force": True}, instance_id=project_id)


def noun_of(name: str) -> str | None:
    base = name[: -len("_id")] if name.endswith("_id") else name
    if base in NOUNS:
        return base
    matches = [n for n in NOUNS if base.endswith("_" + n) or base.startswith(n + "_")]
    return max(matches, key=len) if matches else None


def argument_for(param: inspect.Parameter, world: World, client: KitsuClient, tmp: Path) -> Any:
    """A plausible value for a required parameter that is not the one under test."""
    name = param.name
    annotation = param.annotation if isinstance(param.annotation, str) else str(param.annotation)
    if "KitsuClient" in annotation or name.endswith("client") or name.startswith("client"):
        return client
    if is_id_parameter(lambda: None, param, ""):
        noun = noun_of(name)
        return world.ids.get(noun or "", str(uuid.uuid4()))
    for fits, value in VALUES_BY_TYPE:
        if fits(annotation):
            return value()
    return value_by_name(name, annotation, world, tmp)


# A plausible value for each kind of annotation, the first that fits wins.
VALUES_BY_TYPE: tuple[tuple[Callable[[str], bool], Callable[[], Any]], ...] = (
    (lambda annotation: annotation.startswith("bool"), lambda: False),
    (lambda annotation: annotation.startswith(("int", "float")), lambda: 1),
    (lambda annotation: annotation.startswith("bytes"), lambda: b"x"),
    (
        lambda annotation: "Callable" in annotation or "Progress" in annotation or annotation == "F",
        lambda: lambda *args, **kwargs: None,
    ),
    (lambda annotation: annotation.startswith(("list", "Sequence", "Iterable", "tuple")), list),
    (lambda annotation: annotation.startswith("dict") or annotation in ("Json", "Casting"), dict),
)


def value_by_name(name: str, annotation: str, world: World, tmp: Path) -> Any:
    """A plausible value for a parameter whose type says little: a path, a date, a collection name or a string."""
    if "Path" in annotation or any(k in name for k in ("path", "folder", "target", "file")):
        return str(tmp / "hostile.png")
    if "Date" in annotation or "date" in name:
        return "2024-01-02"
    if name.endswith("model_name"):
        return "projects"  # the raw helpers (fetch_one, update...) take a collection name
    return f"hostile-{world.token}"


# --- one call, in its own thread, bounded in time --------------------------------------------------------


_marker = threading.local()


class MarkingTransport(httpx.BaseTransport):
    """Sets the User-Agent of each request to the current call's marker, so nginx's log names the call."""

    def __init__(self, run: str) -> None:
        self.run = run
        self.inner = httpx.HTTPTransport(limits=httpx.Limits(max_connections=32))
        self.sent: Counter[int] = Counter()
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        call = getattr(_marker, "call", -1)
        request.headers["User-Agent"] = f"kitsu-hostile/{self.run}/{call}"
        with self.lock:
            self.sent[call] += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class MarkingAsyncTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of MarkingTransport (same marker, same counter)."""

    def __init__(self, marking: MarkingTransport) -> None:
        self.marking = marking
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        call = getattr(_marker, "call", -1)
        request.headers["User-Agent"] = f"kitsu-hostile/{self.marking.run}/{call}"
        with self.marking.lock:
            self.marking.sent[call] += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def call_async(fn: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """Await an aio helper with every KitsuClient argument replaced by an AsyncKitsuClient on the same host,
    tokens and marker."""
    from kitsu_helpers.aio import AsyncKitsuClient

    clients = []
    for name, value in list(kwargs.items()):
        if isinstance(value, KitsuClient):
            transport = value._transport
            assert isinstance(transport, MarkingTransport)
            async_client = AsyncKitsuClient(value.host, tokens=value.tokens, timeout=10.0, retries=0,
                                            transport=MarkingAsyncTransport(transport))  # fmt: skip
            clients.append(async_client)
            kwargs[name] = async_client
    try:
        return await fn(**kwargs)
    finally:
        for async_client in clients:
            await async_client.aclose()


@dataclass
class Outcome:
    index: int
    target: Target
    value_label: str
    kind: str  # "typed", "returned", "untyped", "hang"
    detail: str = ""


def run_call(index: int, target: Target, value_label: str, value: Any, kwargs: dict[str, Any]) -> Outcome:
    result: list[Outcome] = []

    def body() -> None:
        _marker.call = index
        try:
            fn = target.function
            if inspect.iscoroutinefunction(fn):  # kitsu_helpers.aio: the same call on an AsyncKitsuClient
                returned = asyncio.run(call_async(fn, {**kwargs, target.param: value}))
            else:
                returned = fn(**{**kwargs, target.param: value})
            shown = repr(returned)[:80] if returned not in (None, [], {}, "", False) else repr(returned)
            result.append(Outcome(index, target, value_label, "returned", shown))
        except errors.GazuException as exc:
            result.append(Outcome(index, target, value_label, "typed", type(exc).__name__))
        except BaseException as exc:
            result.append(Outcome(index, target, value_label, "untyped", f"{type(exc).__name__}: {str(exc)[:160]}"))

    thread = threading.Thread(target=body, daemon=True, name=f"hostile-{index}")
    thread.start()
    thread.join(CALL_TIMEOUT)
    if thread.is_alive() or not result:
        return Outcome(index, target, value_label, "hang", f"no answer after {CALL_TIMEOUT:.0f} s")
    return result[0]


# --- the route check ------------------------------------------------------------------------------------


class RouteIndex:
    """The generated operation index's routes as patterns: each {param} matches within one path segment."""

    def __init__(self) -> None:
        from kitsu_api.operations import OPERATIONS

        self.by_length: dict[int, list[tuple[str, list[re.Pattern[str]]]]] = defaultdict(list)
        for method, path, *_ in OPERATIONS.values():
            segments = path.strip("/").split("/") if path.strip("/") else []
            pattern = [re.compile(_segment_regex(seg)) for seg in segments]
            self.by_length[len(segments)].append((f"{method} {path}", pattern))

    def match(self, method: str, segments: list[str]) -> dict[str, list[str]]:
        """Return {route: [values of its parameters]} for every route of that method the segments fit."""
        found: dict[str, list[str]] = {}
        for key, pattern in self.by_length.get(len(segments), []):
            if not key.startswith(method + " "):
                continue
            matches = [p.fullmatch(seg) for p, seg in zip(pattern, segments, strict=True)]
            if all(matches):
                found[key] = [value for m in matches if m for value in m.groups()]
        return found


def _segment_regex(segment: str) -> str:
    parts = re.split(r"(\{[^}]+\})", segment)
    return "".join("(.+?)" if part.startswith("{") else re.escape(part) for part in parts)


def split_path(path: str, prefix: str) -> list[str] | None:
    if path != prefix and not path.startswith(prefix + "/"):
        return None
    rest = path[len(prefix) :].strip("/")
    return rest.split("/") if rest else []


def route_escape(entry: dict[str, str], routes: RouteIndex, prefix: str = "/api") -> str | None:
    """Why a logged request left its route (None when it stayed).

    The client meant the request target it sent ($request_uri): each of its segments, decoded once, is one value.
    Zou received nginx's normalised $uri, forwarded as upstream_path($uri) (the /api prefix replaced by /) and
    decoded once by Zou. The request stayed when Zou's segments are exactly the client's decoded segments: same
    route, every parameter the literal value sent. Requests nginx refused itself (400, 414: nothing forwarded)
    stayed too."""
    uri = entry["uri"]
    raw_path = entry["request_uri"].split("?", 1)[0]
    meant_segments = split_path(raw_path, prefix)
    if meant_segments is None:
        return f"request target outside {prefix}"
    if not entry["upstream"] and entry["status"] in ("400", "414"):
        return None
    forwarded = upstream_path(uri)  # what nginx sends Zou; Zou decodes it once and routes on the result
    got_segments = split_path(prefix + unquote(forwarded), prefix) if forwarded else None
    if got_segments is None:
        return f"nginx normalised it out of {prefix} to {uri!r}"
    if got_segments == [unquote(seg) for seg in meant_segments]:
        return None
    meant = sorted(routes.match(entry["method"], meant_segments)) or ["no route of the spec"]
    got = sorted(routes.match(entry["method"], got_segments)) or ["no route of the spec"]
    return f"meant {meant} but nginx routed {uri!r} to {got}"


def test_route_index_matches_partial_segments() -> None:
    routes = RouteIndex()
    found = routes.match("GET", ["pictures", "thumbnails", "attachment-files", "abc.png"])
    assert found.get("GET /pictures/thumbnails/attachment-files/{attachment_file_id}.png") == ["abc"], found


def test_route_check_flags_a_walk_and_passes_a_literal_value() -> None:
    """The log check itself: a decoded %2F walk is an escape; a double-encoded value kept as one segment is not."""
    routes = RouteIndex()
    walk = {"method": "GET", "uri": "/api/data/persons", "request_uri": "/api/data/projects/%2E%2E%2Fpersons",
            "status": "200", "upstream": "127.0.0.1:5600"}  # fmt: skip
    literal = {"method": "GET", "uri": "/api/data/projects/%252F", "request_uri": "/api/data/projects/%25252F",
               "status": "404", "upstream": "127.0.0.1:5600"}  # fmt: skip
    dotdot = {"method": "DELETE", "uri": "/api/data", "request_uri": "/api/data/tasks/%2E%2E", "status": "404",
              "upstream": "127.0.0.1:5600"}  # fmt: skip
    assert route_escape(walk, routes) is not None
    assert route_escape(literal, routes) is None
    assert route_escape(dotdot, routes) is not None


class Recorder(socketserver.StreamRequestHandler):
    """Answers 200 to anything and records the request target byte for byte (http.server would tidy it)."""

    seen: ClassVar[list[str]] = []

    def handle(self) -> None:
        request_line = self.rfile.readline(65536).decode("latin-1")
        while self.rfile.readline(65536) not in (b"\r\n", b"\n", b""):
            pass
        Recorder.seen.append(request_line.split(" ")[1])
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nginx_forwards_its_normalised_uri_with_api_replaced(tmp_path: Path) -> None:
    """The upstream path is checkable: the same configuration in front of a recording server shows that nginx sends
    exactly upstream_path($uri) (prefix /api replaced by /, re-escaped), which is what the route check reads."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    front = Front(folder=tmp_path / "nginx", port=free_port(), api_upstream=f"127.0.0.1:{server.server_address[1]}")
    Recorder.seen = []
    targets = ["/api/data/projects", "/api/data/projects/%2E%2E%2Fpersons", "/api/data/projects/%25252F",
               "/api/data/tasks/%2E%2E", "/api/data/a%20b/x%3Fy", "/api/data/%5C/%C3%A9t%C3%A9?q=%2F"]  # fmt: skip
    try:
        front.start(check=front.listening)
        for target in targets:
            conn = http.client.HTTPConnection("127.0.0.1", front.port, timeout=10)
            conn.putrequest("GET", target, skip_accept_encoding=True)
            conn.endheaders()
            conn.getresponse().read()
            conn.close()
        time.sleep(0.3)
        entries, _ = read_access_log(front.access_log)
    finally:
        front.stop()
        server.shutdown()
    assert [e["request_uri"] for e in entries] == targets
    expected = [upstream_path(e["uri"]) + ("?" + e["request_uri"].split("?", 1)[1] if "?" in e["request_uri"] else "")
                for e in entries]  # fmt: skip
    assert Recorder.seen == expected
    assert Recorder.seen[1] == "//data/persons"
    assert Recorder.seen[2] == "//data/projects/%25252F"


# --- the server's data -----------------------------------------------------------------------------------

SNAPSHOT_OPERATIONS = {  # the global collections an escape could write to (the issue's list, and a few more)
    "projects": "get_data_projects",
    "persons": "get_data_persons",
    "task types": "get_data_task_types",
    "task statuses": "get_data_task_status",
    "asset types": "get_data_entity_types",
    "departments": "get_data_departments",
    "project templates": "get_data_project_templates",
    "budgets": "get_data_budgets",
}


def snapshot(client: KitsuClient) -> dict[str, dict[str, dict[str, Any]]]:
    """{collection: {id: object}} of the global collections."""
    return {label: {item["id"]: item for item in client.call(op)} for label, op in SNAPSHOT_OPERATIONS.items()}


def snapshot_changes(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    changes = []
    for label, items_before in before.items():
        for item_id in items_before.keys() - after[label].keys():
            changes.append((label, item_id, "deleted"))
        for item_id in after[label].keys() - items_before.keys():
            changes.append((label, item_id, "created"))
        for item_id in items_before.keys() & after[label].keys():
            if items_before[item_id].get("updated_at") != after[label][item_id].get("updated_at"):
                changes.append((label, item_id, "updated"))
    return changes


WORLD_GETTERS = {
    "project": "get_data_projects_instance_id", "episode": "get_data_entities_instance_id",
    "sequence": "get_data_entities_instance_id", "shot": "get_data_entities_instance_id",
    "asset": "get_data_entities_instance_id", "task": "get_data_tasks_instance_id",
    "task_type": "get_data_task_types_instance_id", "task_status": "get_data_task_status_instance_id",
    "asset_type": "get_data_entity_types_instance_id", "department": "get_data_departments_instance_id",
    "person": "get_data_persons_instance_id",
}  # fmt: skip


def missing_world_objects(client: KitsuClient, world: World) -> list[str]:
    """The world's objects that no longer exist (a hostile call deleted them)."""
    gone = []
    for noun, op in WORLD_GETTERS.items():
        try:
            client.call(op, instance_id=world.ids[noun])
        except errors.RouteNotFoundException:
            gone.append(f"{noun} {world.ids[noun]}")
    return gone


def _leaves(tree: Any) -> Iterator[dict[str, Any]]:
    """The objects (dicts with an id) of a nested listing such as the user's filters by list type."""
    if isinstance(tree, dict) and "id" in tree:
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _leaves(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _leaves(value)


def sweep(client: KitsuClient, world: World) -> None:
    """Delete what hostile calls may have created (objects carrying this run's token, asset instances of the
    world's assets), so a failing run leaves the shared server clean."""
    marker = f"hostile-{world.token}"
    remove_asset_instances(client, marker, set(world.ids.values()))
    remove_marked_filters(client, marker)
    remove_marked_globals(client, marker)


def remove_asset_instances(client: KitsuClient, marker: str, assets: set[str]) -> None:
    """Delete the asset instances of these assets and of the assets of projects carrying the marker."""
    for project in client.call("get_data_projects"):
        if marker in project["name"]:
            with contextlib.suppress(errors.GazuException):
                assets |= {
                    a["id"] for a in client.call("get_data_projects_project_id_assets", project_id=project["id"])
                }
    with contextlib.suppress(errors.GazuException):
        for instance in client.call("get_data_asset_instances"):
            if instance.get("asset_id") in assets:
                with contextlib.suppress(errors.GazuException):
                    client.call("delete_data_asset_instances_instance_id", instance_id=instance["id"])


def remove_marked_filters(client: KitsuClient, marker: str) -> None:
    """Delete the user filters and filter groups carrying the marker."""
    for listing, delete_op, key in [("get_data_user_filters", "delete_data_user_filters_filter_id", "filter_id"),
                                    ("get_data_user_filter_groups", "delete_data_user_filter_groups_filter_group_id",
                                     "filter_group_id")]:  # fmt: skip
        with contextlib.suppress(errors.GazuException):
            for item in _leaves(client.call(listing)):
                if marker in json.dumps(item, default=str):
                    with contextlib.suppress(errors.GazuException):
                        client.call(delete_op, **{key: item["id"]})


def remove_marked_globals(client: KitsuClient, marker: str) -> None:
    """Delete the global objects (projects, templates, types, statuses, departments, persons...) carrying the
    marker."""
    deleters = {
        "projects": lambda i: _remove_project(client, i),
        "project templates": lambda i: client.call("delete_data_project_templates_instance_id", instance_id=i),
        "budgets": lambda i: client.call("delete_data_budgets_instance_id", instance_id=i),
        "task types": lambda i: client.call("delete_data_task_types_instance_id", params={"force": True}, instance_id=i),
        "task statuses": lambda i: client.call("delete_data_task_status_instance_id", instance_id=i),
        "asset types": lambda i: client.call("delete_data_entity_types_instance_id", instance_id=i),
        "departments": lambda i: client.call("delete_data_departments_instance_id", instance_id=i),
        "persons": lambda i: client.call("delete_data_persons_instance_id", params={"force": True}, instance_id=i),
    }  # fmt: skip
    with contextlib.suppress(errors.GazuException):
        current = snapshot(client)
        for label, delete in deleters.items():
            for item_id, item in current[label].items():
                if marker in json.dumps(item, default=str):
                    with contextlib.suppress(errors.GazuException):
                        delete(item_id)


# --- the suite --------------------------------------------------------------------------------------------


def plan(targets: list[Target]) -> list[tuple[Target, str, Any]]:
    """Every target with every hostile value, but None where None is the parameter's own default: that call is the
    helper's ordinary one (new_project(name, project_template=None) creates a project, as it should)."""
    calls = [
        (t, label, value)
        for t in targets
        for label, value in HOSTILE.items()
        if not (value is None and inspect.signature(t.function).parameters[t.param].default is None)
    ]
    step = max(1, len(targets) // HUGE_SAMPLE)
    calls += [(t, "huge-10MB", HUGE) for t in targets[::step][:HUGE_SAMPLE]]
    return calls


@dataclass
class HostileRun:
    """Everything one pass of hostile calls produced: outcomes, nginx's log lines, data changes, a summary."""

    calls: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    escapes: list[str] = field(default_factory=list)
    data_changes: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def untyped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == "untyped"]

    @property
    def hangs(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == "hang"]


def kwargs_for(target: Target, world: World, client: KitsuClient, tmp: Path) -> dict[str, Any]:
    """The other arguments of a call: every client parameter gets the marked client through the front (an
    optional one too, or the call would bypass nginx on the default client); required ones a plausible value."""
    kwargs: dict[str, Any] = {}
    for param in inspect.signature(target.function).parameters.values():
        if param.name == target.param or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        annotation = param.annotation if isinstance(param.annotation, str) else str(param.annotation)
        if param.name == "client" or "KitsuClient" in annotation:
            kwargs[param.name] = client
        elif param.default is inspect.Parameter.empty:
            kwargs[param.name] = argument_for(param, world, client, tmp)
    return kwargs


@pytest.fixture(scope="module")
def hostile_run(
    nginx_front: dict[str, Any], admin_client: KitsuClient, world: World, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HostileRun]:
    """Call every target with every hostile value through the nginx front (4 at a time, each bounded), then read
    the front's access log and the server's data."""
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "hostile.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c63f8"
                      "ffff3f0005fe02fea7d6a4d50000000049454e44ae426082")
    )  # fmt: skip
    cwd = os.getcwd()
    os.chdir(tmp)  # helpers that write files write them here
    run = uuid.uuid4().hex[:10]
    transport = MarkingTransport(run)
    client = KitsuClient(nginx_front["url"], event_host=nginx_front["events_url"], timeout=10.0, retries=0,
                         transport=transport)  # fmt: skip
    client.tokens = admin_client.tokens
    access_log = Path(nginx_front["access_log"])
    offset = access_log.stat().st_size if access_log.exists() else 0
    before = snapshot(admin_client)
    canaries_before = {k: admin_client.call(op, instance_id=i) for k, (op, i) in world.canaries.items()}

    sample = int(os.environ.get("KITSU_HOSTILE_SAMPLE", "0"))  # for quick local iterations only
    calls = plan(TARGETS[:: max(1, len(TARGETS) // sample)] if sample else TARGETS)
    result = HostileRun(calls=len(calls))
    started = time.monotonic()
    try:
        result.outcomes = run_calls(calls, world, client, tmp)
    finally:
        os.chdir(cwd)
    elapsed = time.monotonic() - started
    time.sleep(0.5)  # nginx writes a log line when it has answered; let the last ones land

    entries, _ = read_access_log(access_log, offset)
    ours = [e for e in entries if e.get("ua", "").startswith(f"kitsu-hostile/{run}/")]
    routes = RouteIndex()
    for entry in ours:
        reason = route_escape(entry, routes)
        if reason:
            call = int(entry["ua"].rsplit("/", 1)[1])
            target, label, _ = calls[call] if 0 <= call < len(calls) else (Target("?", "?", "?"), "?", None)
            result.escapes.append(f"{target.label} value={label}: {entry['method']} uri={entry['uri']!r} "
                                  f"request_uri={entry['request_uri'][:120]!r} status={entry['status']} -> {reason}")  # fmt: skip

    after = snapshot(admin_client)
    canaries_after = {k: admin_client.call(op, instance_id=i) for k, (op, i) in world.canaries.items()}
    result.data_changes += [f"canary {k} changed" for k in canaries_before if canaries_before[k] != canaries_after[k]]
    result.data_changes += [f"world {what} deleted" for what in missing_world_objects(admin_client, world)]
    ours_changes, foreign = global_changes(before, after, world, ours)
    result.data_changes += ours_changes

    unmarked = sum(1 for e in entries if e.get("ua", "").endswith(f"{run}/-1"))
    result.report = {
        "helpers": len({(t.module, t.name) for t in TARGETS}),
        "targets (helper, id parameter)": len(TARGETS),
        "hostile values": len(HOSTILE) + 1,
        "calls": len(calls),
        "outcomes": dict(Counter(o.kind for o in result.outcomes)),
        "requests sent by the client": sum(transport.sent.values()),
        "requests logged by nginx": len(ours),
        "requests reaching Zou": sum(1 for e in ours if e["upstream"]),
        "requests from threads of a helper (not attributed)": unmarked,
        "requests that left their route": len(result.escapes),
        "untyped exceptions": len(result.untyped),
        "hangs": len(result.hangs),
        "data changes": result.data_changes,
        "global changes by other sessions (not counted)": foreign,
        "seconds": round(elapsed, 1),
    }
    print("\nhostile nginx suite:", json.dumps(result.report, indent=2))
    (Path(nginx_front["dir"]) / "hostile-report.txt").write_text(  # the last run's details, for reading
        json.dumps(result.report, indent=2)
        + "\n\nESCAPES\n" + "\n".join(result.escapes)
        + "\n\nUNTYPED\n" + "\n".join(f"{o.target.label} value={o.value_label}: {o.detail}" for o in result.untyped)
        + "\n\nHANGS\n" + "\n".join(f"{o.target.label} value={o.value_label}" for o in result.hangs)
    )  # fmt: skip
    yield result
    client.close()


def run_calls(calls: list[tuple[Target, str, Any]], world: World, client: KitsuClient, tmp: Path) -> list[Outcome]:
    """Make every call, WORKERS at a time, each bounded in time; return their outcomes."""
    lock = threading.Lock()
    queue = list(enumerate(calls))
    outcomes: list[Outcome] = []

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                index, (target, label, value) = queue.pop(0)
            outcome = run_call(index, target, label, value, kwargs_for(target, world, client, tmp))
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def global_changes(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], world: World, ours: list[dict[str, Any]]
) -> tuple[list[str], int]:
    """The changes of the global collections the hostile calls made (their object in a logged request, or
    carrying the run's marker), and how many other changes other sessions made meanwhile."""
    logged_text = "\n".join(e["uri"] + " " + e["request_uri"] for e in ours)
    mine = set(world.ids.values()) | {i for _, i in world.canaries.values()}
    marker = f"hostile-{world.token}"
    changes: list[str] = []
    foreign = 0
    for label, item_id, change in snapshot_changes(before, after):
        if item_id in mine:
            continue  # the world's own objects: hostile calls pass them as the other arguments
        item = after[label].get(item_id) or before[label].get(item_id) or {}
        if item_id in logged_text or marker in json.dumps(item, default=str):
            changes.append(
                f"{label} {item_id} {change} ({item.get('name') or item.get('email')}, created {item.get('created_at')}, updated {item.get('updated_at')})"
            )
        else:
            foreign += 1  # another session's test, on a shared server
    return changes, foreign


def test_hostile_ids_never_leave_their_route_behind_nginx(hostile_run: HostileRun) -> None:
    """Every request a hostile call made reached Zou on the route the client meant, the value one literal segment."""
    assert hostile_run.report["requests logged by nginx"] == hostile_run.report["requests sent by the client"]
    assert not hostile_run.escapes, f"{len(hostile_run.escapes)} request(s) left their route, e.g.:\n  " + "\n  ".join(
        hostile_run.escapes[:25]
    )


def test_hostile_ids_change_no_server_data(hostile_run: HostileRun) -> None:
    """Canaries, the world's objects and the global collections come out of the hostile calls unchanged."""
    assert not hostile_run.data_changes, hostile_run.data_changes


def test_hostile_ids_never_hang(hostile_run: HostileRun) -> None:
    assert not hostile_run.hangs, [f"{o.target.label}={o.value_label}" for o in hostile_run.hangs[:20]]


def test_hostile_ids_raise_only_gazu_exceptions(hostile_run: HostileRun) -> None:
    """A hostile id is refused with a GazuException subclass (or gives a clean empty answer), never a raw error."""
    shown = Counter(f"{o.target.label}: {o.detail.split(':')[0]}" for o in hostile_run.untyped)
    assert not shown, f"{len(hostile_run.untyped)} call(s) raised a non-GazuException, by helper:\n  " + "\n  ".join(
        f"{k} (x{n})" for k, n in shown.most_common()
    )
