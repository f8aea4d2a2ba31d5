"""regen.py on the upgrade journey: pulling the spec from any Zou release (a stub server on 127.0.0.1 answering
like Zou and Flask do), saying which operations the generator leaves out and why, recording what happened in
source.meta.json, and a change report that separates breaking changes and names the public helpers they reach."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import regen  # noqa: E402
import spec_diff  # noqa: E402
import spec_patches  # noqa: E402

RESPONSES = {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}


def op(tag: str = "Projects", **extra: Any) -> dict[str, Any]:
    return {"tags": [tag], "summary": "An operation", "responses": copy.deepcopy(RESPONSES), **extra}


def zou_spec(version: str, paths: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.0.2", "info": {"title": "Zou", "version": version,
            "description": f"```Version: {version}```"}, "paths": paths}  # fmt: skip


class StubZou:
    """A stub Zou on 127.0.0.1: `routes` maps a path to (status, JSON body); OPTIONS answers like Flask (200 and
    `Allow` for a route in `served`, 404 otherwise). Every request line is kept in `seen`."""

    def __init__(self, routes: dict[str, tuple[int, Any]], served: dict[str, str] | None = None) -> None:
        self.routes, self.served, self.seen = routes, served or {}, []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                stub.seen.append(f"GET {self.path}")
                status, body = stub.routes.get(self.path, (404, {"error": True, "message": "404 Not Found"}))
                self._answer(status, json.dumps(body).encode() if not isinstance(body, bytes) else body)

            def do_OPTIONS(self) -> None:
                stub.seen.append(f"OPTIONS {self.path}")
                allow = stub.served.get(self.path)
                self._answer(200 if allow else 404, b"", {"Allow": allow} if allow else {})

            def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **(headers or {})}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.timer = threading.Timer(60, self.server.shutdown)  # never outlives the test run by long

    def __enter__(self) -> StubZou:
        self.thread.start()
        self.timer.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.timer.cancel()
        self.server.shutdown()
        self.server.server_close()


# --- pulling the spec ------------------------------------------------------------------------------------

MERGED = zou_spec("1.0.0", {
    "/data/projects": {"get": op(**{"x-codeSamples": [{"lang": "bash", "source": "curl ..."}]})},
    "/data/asset-instances/": {"get": {"summary": "s", "description": "d", "x-codeSamples": [{"lang": "bash"}]}},
})  # fmt: skip


def test_an_old_zou_without_openapi_raw_falls_back_to_openapi_json_without_the_code_sample_phantoms() -> None:
    routes = {"/openapi.json": (200, MERGED), "/": (200, {"api": "Zou", "version": "1.0.0"})}
    with StubZou(routes) as zou:
        fetched = regen.fetch_spec(zou.url + "/")
    assert zou.seen[:2] == ["GET /openapi-raw.json", "GET /openapi.json"]
    assert fetched.spec_url == zou.url + "/openapi.json"
    assert fetched.version == "1.0.0"
    assert list(fetched.spec["paths"]) == ["/data/projects"]  # the phantom route is gone
    assert "x-codeSamples" not in fetched.spec["paths"]["/data/projects"]["get"]
    assert fetched.notes[0].endswith("/openapi-raw.json: HTTP 404")
    assert "dropped 1 operation(s) only its code samples declare" in fetched.notes[1]


def test_an_explicit_spec_url_is_used_as_given_behind_a_proxy_prefix() -> None:
    routes = {"/api/openapi.json": (200, MERGED), "/api/": (200, {"api": "Zou", "version": "1.0.97"})}
    with StubZou(routes) as zou:
        fetched = regen.fetch_spec(zou.url + "/api/openapi.json")
    assert zou.seen == ["GET /api/openapi.json", "GET /api/"]
    assert fetched.api_root == zou.url + "/api"
    assert fetched.version == "1.0.97"


def test_the_version_comes_from_the_spec_when_the_root_names_none() -> None:
    with StubZou({"/openapi-raw.json": (200, zou_spec("0.19.70", {}))}) as zou:
        fetched = regen.fetch_spec(zou.url)
    assert fetched.version == "0.19.70"
    assert "spec's own" in fetched.notes[-1]


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ({}, "no OpenAPI spec at {url}/openapi-raw.json and {url}/openapi.json (HTTP 404)"),
        ({"/openapi-raw.json": (500, {"message": "boom"})}, "GET {url}/openapi-raw.json answered HTTP 500"),
        ({"/openapi-raw.json": (200, b"<html>")}, "GET {url}/openapi-raw.json did not answer JSON"),
        ({"/openapi-raw.json": (200, {"api": "Zou"})}, "is not an OpenAPI document"),
    ],
)
def test_a_server_without_a_spec_fails_with_one_clear_line(
    routes: dict[str, tuple[int, Any]], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with StubZou(routes) as zou:
        with pytest.raises(regen.FetchError, match=message.format(url=zou.url).replace("(", r"\(").replace(")", r"\)")):
            regen.fetch_spec(zou.url)
        assert regen.main(["--url", zou.url, "--out", "/nonexistent-never-written"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("regen.py: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_an_unreachable_server_fails_with_one_clear_line() -> None:
    with StubZou({}) as zou:
        url = zou.url
    with pytest.raises(regen.FetchError, match=f"cannot reach {url}/openapi-raw.json"):
        regen.fetch_spec(url)


# --- what the generator leaves out -----------------------------------------------------------------------

GENERATOR_OUTPUT = """Warning(s) encountered while generating. Client was generated, but some pieces may be missing

WARNING parsing GET /data/things/{thing-id} within things. Endpoint will not be generated.

Parameters with same Python identifier `thing_id` detected

ParameterError(...)

WARNING parsing GET /data/other within things.

Cannot parse response for status code 200 (Unsupported content_type), response will be omitted from generated client

If you believe this was a mistake or this tool is missing a feature you need, please open an issue at https://x
"""


def test_generator_warnings_say_which_operation_and_why() -> None:
    assert regen.generator_warnings(GENERATOR_OUTPUT) == [
        "WARNING parsing GET /data/things/{thing-id} within things. Endpoint will not be generated. "
        "Parameters with same Python identifier `thing_id` detected",
        "WARNING parsing GET /data/other within things. Cannot parse response for status code 200 "
        "(Unsupported content_type), response will be omitted from generated client",
    ]


def test_an_operation_the_generator_drops_stops_regen_with_its_reason(tmp_path: Path) -> None:
    thing = op("Things", parameters=[{"in": "query", "name": "kind", "schema": {"$ref": "#/components/schemas/Nope"}}])
    spec = zou_spec("1.0.0", {"/data/things/{thing_id}": {"get": thing}, "/data/projects": {"get": op()}})
    source = tmp_path / "spec.json"
    source.write_text(json.dumps(spec))
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "regen.py"), "--file", str(source), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, check=False)  # fmt: skip
    assert proc.returncode == 1
    assert "left out 1 operation(s) of the spec; no package written" in proc.stderr
    assert "- get_data_things_thing_id (GET /data/things/{thing_id}): WARNING parsing GET /data/things/{thing_id}" in (
        proc.stderr
    )
    assert "Endpoint will not be generated. cannot parse parameter of endpoint get_data_things_thing_id" in proc.stderr
    assert not (tmp_path / "out" / "generated").exists()


# --- source.meta.json and the default baseline ------------------------------------------------------------

SMALL = zou_spec("1.0.0", {"/data/projects": {"get": op(), "post": op()}, "/data/tasks": {"get": op("Tasks")}})


def test_url_regen_records_the_url_and_the_servers_version_and_reports_against_the_committed_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    routes = {"/openapi.json": (200, SMALL), "/": (200, {"api": "Zou", "version": "1.0.0"})}
    served = {"/data/playlists/00000000-0000-0000-0000-000000000000/share": "GET, OPTIONS, HEAD"}
    out = tmp_path / "scratch"
    with StubZou(routes, served) as zou:
        assert regen.main(["--url", zou.url, "--out", str(out), "--report", str(tmp_path / "r.md")]) == 0
    meta = json.loads((out / "openapi" / "source.meta.json").read_text())
    assert meta["zou_version"] == "1.0.0"
    assert meta["source"] == (
        f"GET {zou.url}/openapi.json; after GET {zou.url}/openapi-raw.json: HTTP 404; Zou 1.0.0 (GET {zou.url}/)"
    )
    assert "PyPI" not in meta["source"]
    report = (tmp_path / "r.md").read_text()
    committed = json.loads((REPO / "openapi" / "source.meta.json").read_text())
    assert report.startswith(f"# Zou API change report: {committed['zou_version']} -> 1.0.0")
    assert "Compared with the committed spec (openapi/source.json)." in report
    assert "1 served but not in the spec" in report
    assert "- `GET /data/playlists/{playlist_id}/share` (`get_data_playlists_playlist_id_share`)" in report
    assert "kitsu_helpers.playlist.all_share_links_for_playlist" in report.split("### Served but not in the spec")[1]
    assert "kitsu_helpers.project.all_projects" in report  # GET /data/projects changed: helpers named
    probes = [line for line in zou.seen if line.startswith("OPTIONS ") and "no-such-segment" not in line]
    assert len(probes) == committed["operations"] - 3  # every removed operation's route was probed once


def test_file_regen_records_the_absolute_path(tmp_path: Path) -> None:
    (tmp_path / "small.json").write_text(json.dumps(SMALL))
    out = tmp_path / "scratch"
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "regen.py"), "--file", "small.json", "--out",
                           str(out)], capture_output=True, text=True, cwd=tmp_path, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    meta = json.loads((out / "openapi" / "source.meta.json").read_text())
    assert meta["source"] == f"file {tmp_path.resolve() / 'small.json'}"
    assert meta["zou_version"] == "1.0.0"
    assert "generated in" in proc.stderr


def test_against_names_the_baseline(tmp_path: Path) -> None:
    (tmp_path / "small.json").write_text(json.dumps(SMALL))
    older = zou_spec("0.9.0", {"/data/projects": {"get": op()}})
    (tmp_path / "older.json").write_text(json.dumps(older))
    report = tmp_path / "r.md"
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "regen.py"), "--file", "small.json", "--out",
                           "scratch", "--against", "older.json", "--report", str(report)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = report.read_text()
    assert text.startswith("# Zou API change report: 0.9.0 -> 1.0.0")
    assert "3 operations; 2 added, 0 removed" in text


# --- the report: breaking or not, renames, transitive public helpers ---------------------------------------


def body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def answer(**fields: str) -> dict[str, Any]:
    schema = {"type": "object", "properties": {name: {"type": kind} for name, kind in fields.items()}}
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def patched(spec: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(spec)
    spec_patches.apply_patches(spec)
    return spec


def query(name: str, required: bool = False, kind: str = "string") -> dict[str, Any]:
    return {"in": "query", "name": name, "required": required, "schema": {"type": kind}}


OLD = zou_spec("1.0.0", {
    "/a": {"get": op(parameters=[query("x")], responses=answer(id="string", name="string", n="integer"))},
    "/b/{b_id}": {"put": op(requestBody=body({"type": "object", "properties": {"name": {"type": "string"}}}))},
    "/c": {"get": op(summary="Old words", parameters=[query("keep")])},
    "/d/{template_id}/x": {"get": op(parameters=[query("q")])},
})  # fmt: skip
NEW = zou_spec("1.0.1", {
    "/a": {"get": op(parameters=[query("x"), query("y", required=True)], responses=answer(id="string", n="number", extra="string"))},
    "/b/{b_id}": {"put": op(requestBody=body({"type": "object", "required": ["name"], "properties": {"name": {"type": "integer"}}}))},
    "/c": {"get": op(summary="New words", parameters=[query("keep"), query("opt")])},
    "/d/{project_template_id}/x": {"get": op(parameters=[query("q", required=True)])},
})  # fmt: skip


def test_breaking_changes_are_told_apart_from_the_rest_and_say_what_changed() -> None:
    changes = spec_diff.diff(spec_diff.summarise(patched(OLD)), spec_diff.summarise(patched(NEW)))
    assert changes["breaking"] == {
        "get_a": ["parameter `query:y` added (required)", "response `200 application/json`: fields removed: name"],
        "put_b_b_id": ["body `application/json`: field `name` string -> number", "body `application/json`: now requires name"],
        "get_d_template_id_x": ["parameter `query:q` is now required"],
    }  # fmt: skip
    assert changes["changed"]["get_c"] == ["parameter `query:opt` added", "description changed"]
    assert "response `200 application/json`: fields added: extra" in changes["changed"]["get_a"]
    assert not any("`n`" in note for note in changes["changed"]["get_a"])  # integer -> number: the same JSON
    assert changes["renamed"] == {"get_d_template_id_x": "get_d_project_template_id_x"}  # compared, not removed


def test_an_answer_the_spec_stops_describing_is_not_a_breaking_change() -> None:
    old = zou_spec("1", {"/a": {"get": op(responses=answer(id="string"))}})
    new = zou_spec("2", {"/a": {"get": op(responses={"200": {"description": "OK"}})}})
    changes = spec_diff.diff(spec_diff.summarise(patched(old)), spec_diff.summarise(patched(new)))
    assert changes["breaking"] == {}
    assert changes["changed"]["get_a"] == ["response `200 application/json`: fields no longer declared (free-form): id"]


HELPERS = {
    "__init__.py": "from ._auth import log_in as log_in\n",
    "_auth.py": "def log_in(client):\n    return client.call('get_a')\n",
    "_shared.py": "def _fetch(client):\n    return client.call('get_c')\n",
    "asset.py": (
        "from ._shared import _fetch\n"
        "from kitsu_api.calls import crud as crud_ops\n"
        "TABLE = {'thing': 'put_b_b_id'}\n"
        "def _project(client):\n    return _fetch(client)\n"
        "def get_asset_url(client):\n    return _project(client)\n"
        "def typed(client):\n    return crud_ops.get_d_template_id_x(client)\n"
        "def by_table(client, kind):\n    return client.call(TABLE[kind])\n"
    ),
    "casting.py": (
        "from . import asset\n"
        "def cast_asset(client):\n    return client.call('get_a')\n"
        "def uncast_asset(client):\n    return cast_asset(client)\n"
        "def through_module(client):\n    return asset.get_asset_url(client)\n"
        "class Thing:\n    def run(self, client):\n        return self._go(client)\n"
        "    def _go(self, client):\n        return client.call('put_b_b_id')\n"
    ),
}


def helpers_tree(tmp_path: Path) -> Path:
    root = tmp_path / "kitsu_helpers"
    root.mkdir()
    for name, text in HELPERS.items():
        (root / name).write_text(text)
    return root


def test_public_helpers_reaching_a_changed_operation_through_other_functions_are_named(tmp_path: Path) -> None:
    graph = spec_diff.call_graph(helpers_tree(tmp_path), known={"get_a", "get_c", "put_b_b_id", "get_d_template_id_x"})
    assert graph.affected("get_a") == {
        "kitsu_helpers.casting.cast_asset": None,
        "kitsu_helpers.casting.uncast_asset": "kitsu_helpers.casting.cast_asset",
        "kitsu_helpers.log_in": None,  # a private module's function, by the public name it is exported as
    }
    assert graph.affected("get_c") == {  # the private _project and _fetch are replaced by their public callers
        "kitsu_helpers.asset.get_asset_url": "kitsu_helpers._shared._fetch",
        "kitsu_helpers.casting.through_module": "kitsu_helpers._shared._fetch",
    }
    assert graph.affected("get_d_template_id_x") == {"kitsu_helpers.asset.typed": None}  # the typed call form
    assert graph.affected("put_b_b_id") == {
        "kitsu_helpers.asset.by_table": "kitsu_helpers.asset.TABLE",
        "kitsu_helpers.casting.Thing.run": "kitsu_helpers.casting.Thing._go",
    }


def test_the_report_names_public_helpers_and_keeps_breaking_changes_first(tmp_path: Path) -> None:
    old = copy.deepcopy(OLD)
    old["paths"]["/gone"] = {"get": op()}
    old["paths"]["/shared/{s_id}"] = {"get": op()}
    (helpers := helpers_tree(tmp_path)).joinpath("playlist.py").write_text(
        "def share(client):\n    return client.call('get_shared_s_id')\n"
    )

    def probe(method: str, path: str) -> str:
        return "served" if path == f"/shared/{spec_diff.PLACEHOLDER_ID}" else "absent"

    report = spec_diff.render_report(patched(old), patched(NEW), "1.0.0", "1.0.1", {}, [], helpers, probe=probe)
    assert "4 operations; 0 added, 1 removed, 4 changed, 1 renamed (path parameters only), 1 served but not in the spec. 4 breaking" in report  # fmt: skip
    breaking = report.split("### Breaking")[1].split("### ")[0]
    assert "- `get_a` (changed, GET /a: parameter `query:y` added (required); response `200 application/json`: fields removed: name): kitsu_helpers.casting.cast_asset, kitsu_helpers.casting.uncast_asset (through kitsu_helpers.casting.cast_asset), kitsu_helpers.log_in" in breaking  # fmt: skip
    assert "`get_c`" not in breaking
    assert "asset._project" not in report
    others = report.split("### Other changes")[1].split("### ")[0]
    assert "- `get_c` (changed, GET /c: parameter `query:opt` added; description changed): kitsu_helpers.asset.get_asset_url (through kitsu_helpers._shared._fetch)" in others  # fmt: skip
    omitted = report.split("### Served but not in the spec")[1].split("\n\n")[1]
    assert omitted == "- `get_shared_s_id` (served, not in the spec, GET /shared/{s_id}): kitsu_helpers.playlist.share"
    assert "## Removed operations\n\n### Projects\n- `GET /gone` (`get_gone`)" in report
    summary = (
        "6 public helper(s) affected by breaking changes, 1 more by operations the spec omits, 2 more by other changes."
    )
    assert summary in report
    assert "`GET /d/{template_id}/x` -> `GET /d/{project_template_id}/x`" in report


def test_patches_for_older_releases_are_not_reported_as_stale(tmp_path: Path) -> None:
    counts = {"describe_responses": 0, "p": 0}
    report = spec_diff.render_report(None, patched(SMALL), None, "1", counts, [], tmp_path / "no-helpers")
    assert "`describe_responses`: 0 places: not needed by this spec (a quirk of Zou 0.19-0.20)" in report
    assert "`p`: **no longer applies**" in report


@pytest.fixture
def flask_like() -> Iterator[StubZou]:
    served = {"/data/tasks": "GET, POST, HEAD, OPTIONS", "/data/projects": "GET, HEAD, OPTIONS",
              "/data/events/names": "GET", "/data/events/no-such-segment-kitsu-probe": "GET"}  # fmt: skip
    with StubZou({}, served) as zou:
        yield zou


def test_the_route_probe_tells_served_from_absent_with_options(flask_like: StubZou) -> None:
    probe = regen.route_probe(flask_like.url)
    assert probe("POST", "/data/tasks") == "served"
    assert probe("POST", "/data/projects") == "absent"  # the route exists, not that method
    assert probe("GET", "/data/nothing") == "absent"
    assert flask_like.seen == [
        "OPTIONS /data/tasks",
        "OPTIONS /no-such-segment-kitsu-probe/tasks",
        "OPTIONS /data/no-such-segment-kitsu-probe",
        "OPTIONS /data/projects",
        "OPTIONS /data/nothing",
    ]
    # `/data/events/{instance_id}` answers for any segment: `/data/events/names` cannot be told apart
    assert probe("GET", "/data/events/names") == (
        "unknown: /data/events/no-such-segment-kitsu-probe answers too (a route with a parameter there)"
    )
    assert regen.route_probe("http://127.0.0.1:9")("GET", "/x").startswith("unknown: ")


def test_a_scratch_tree_keeps_every_id_the_repository_knows(tmp_path: Path) -> None:
    """Regenerated from an old release (whose index lacks most of today's aliases) and back, a scratch tree must
    give the committed bytes: the ids it remembers are its own and the repository's."""
    index = tmp_path / "generated" / "kitsu_api" / "operations.py"
    index.parent.mkdir(parents=True)
    index.write_text(
        "OPERATIONS: dict = {'get_data_old_thing_id': ('GET', '/data/old/{thing_id}', ('thing_id',), (), None, 'm')}\n"
        "ALIASES: dict = {}\n"
    )
    seen = regen.previous_ids(tmp_path)
    assert seen["get_data_old_thing_id"] == ("GET", "/data/old/{thing_id}")
    assert seen["get_data_project_templates_template_id_task_types"] == (
        "GET",
        "/data/project-templates/{template_id}/task-types",
    )


def test_operations_the_server_serves_but_its_spec_omits_are_kept_from_the_previous_spec() -> None:
    """`POST /data/tasks` on Zou 0.20: the server answers it, its spec omits it; the regenerated package keeps it
    (from the previous spec) so new_task keeps working; a route the server does not answer, or that no helper
    calls, is not kept."""

    def op(op_id: str) -> dict[str, Any]:
        return {"operationId": op_id, "tags": ["Tasks"], "responses": {"200": {"description": "ok"}}}

    previous = {
        "paths": {
            "/data/tasks": {"post": op("post_data_tasks"), "get": op("get_data_tasks")},
            "/data/gone": {"get": op("get_data_gone")},
        }
    }
    new = {"paths": {"/data/tasks": {"get": op("get_data_tasks")}}}
    asked: list[tuple[str, str]] = []

    def probe(method: str, path: str) -> str:
        asked.append((method, path))
        return "served" if path == "/data/tasks" else "absent"

    wanted = {"post_data_tasks", "get_data_gone"}  # operations helpers call
    assert regen.keep_served_operations(previous, new, probe, wanted) == ["post_data_tasks"]
    assert new["paths"]["/data/tasks"]["post"] == previous["paths"]["/data/tasks"]["post"]
    assert "/data/gone" not in new["paths"]
    assert sorted(asked) == [("GET", "/data/gone"), ("POST", "/data/tasks")]
    unused = {"paths": {"/data/tasks": {"get": op("get_data_tasks")}}}
    assert regen.keep_served_operations(previous, unused, probe, {"get_data_tasks"}) == []  # no helper calls it
