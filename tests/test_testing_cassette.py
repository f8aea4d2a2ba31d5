"""kitsu_helpers.testing's cassettes: scrubbing, ids, the unrecorded-request error, async clients, the freshness
check, the pytest plugin (unit tests on httpx.MockTransport servers), and a recording of the real local Zou."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest

import kitsu_helpers as gazu
from kitsu_helpers import aio, errors
from kitsu_helpers.client import KitsuClient, get_default_client, set_default_client
from kitsu_helpers.testing import (
    CassetteDriftError,
    MissingCassetteError,
    UnrecordedRequestError,
    cassette,
    compare,
)

REPO = Path(__file__).resolve().parent.parent
CLOSED = "http://127.0.0.1:1"  # nothing listens there: a request that escaped the cassette fails at once
PROJECT_A = "0a1b2c3d-0000-4000-8000-00000000000a"
PROJECT_B = "0a1b2c3d-0000-4000-8000-00000000000b"
ACCESS = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLWFjY2Vzcw"
REFRESH = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWZyZXNoIn0.c2lnbmF0dXJlLXJlZnJlc2g"


def fake_zou(version: str = "1", project_id: str = PROJECT_A, created: str = "2026-12-01T10:00:00") -> Any:
    """A tiny Zou stand-in: login (tokens, cookie), a project by name, the project by id, a task type list."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        path = request.url.path
        if path == "/api/auth/login":
            return httpx.Response(
                200,
                json={"login": True, "access_token": ACCESS, "refresh_token": REFRESH, "user": {"email": "a@b.c"}},
                headers={"Set-Cookie": f"access_token_cookie={ACCESS}; HttpOnly"},
            )
        if path == "/api/data/projects" and request.url.params.get("name"):
            return httpx.Response(200, json=[{"id": project_id, "name": "Agent", "created_at": created}])
        if path == f"/api/data/projects/{project_id}":
            return httpx.Response(200, json={"id": project_id, "name": "Agent", "fps": version, "created_at": created})
        if path == "/api/data/task-types":
            return httpx.Response(200, json=[{"id": PROJECT_B, "name": "Anim"}])
        return httpx.Response(404, json={"message": "no such route"})

    transport = httpx.MockTransport(answer)
    transport.seen = seen  # type: ignore[attr-defined]
    return transport


def session(transport: httpx.BaseTransport | None = None, host: str = "http://zou.test/api") -> KitsuClient:
    return KitsuClient(host, transport=transport, retries=0)


def scenario(client: KitsuClient, password: str = "s3cret-Passw0rd") -> dict[str, Any]:
    """A script: log in, find a project by name, read it by the id the server gave, list task types."""
    gazu.log_in("a@b.c", password, client=client)
    found = gazu.project.get_project_by_name("Agent", client=client)
    project = gazu.project.get_project(found["id"], client=client)
    return {"project": project, "task_types": gazu.task.all_task_types(client=client)}


def refuse(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"replay reached the server: {request.method} {request.url}")


def test_recording_scrubs_tokens_passwords_and_cookies_and_a_replay_with_another_password_matches(
    tmp_path: Path,
) -> None:
    path = tmp_path / "login.yaml"
    with cassette(path, "all"):
        recorded = scenario(session(fake_zou()))
    text = path.read_text()
    for secret in ("s3cret-Passw0rd", ACCESS, REFRESH, "eyJ", "access_token_cookie", "Bearer"):
        assert secret not in text, secret
    document = json.loads(json.dumps(__import__("yaml").safe_load(text)))
    login = document["interactions"][0]
    assert (login["method"], login["route"], login["status"]) == ("POST", "/api/auth/login", 200)
    assert login["body"] == {"email": "a@b.c", "password": "<scrubbed>"}
    assert login["response"]["access_token"] == login["response"]["refresh_token"] == "<scrubbed>"
    assert [e["route"] for e in document["interactions"]][1:] == [
        "/api/data/projects",
        f"/api/data/projects/{PROJECT_A}",
        "/api/data/task-types",
    ]
    assert document["interactions"][1]["query"] == {"name": "Agent"}

    with cassette(path, "none") as replay:  # another password, a server that refuses everything
        assert scenario(session(httpx.MockTransport(refuse)), password="another one") == recorded
    assert replay.play_count == 4
    assert replay.all_played


def test_ids_stay_the_servers_own_and_normalise_to_the_same_placeholder_everywhere(tmp_path: Path) -> None:
    from kitsu_helpers.testing import normalise
    from kitsu_helpers.testing._yaml import load_entries

    path = tmp_path / "ids.yaml"
    with cassette(path, "all"):
        scenario(session(fake_zou()))
    text = path.read_text()
    assert text.count(PROJECT_A) == 3  # in the list, the route of the GET, the project's own answer
    normalised = normalise(load_entries(path))["interactions"]
    assert normalised[1]["response"][0]["id"] == "<id-1>"
    assert normalised[2]["route"] == "/api/data/projects/<id-1>"
    assert normalised[2]["response"]["id"] == "<id-1>"
    assert normalised[3]["response"][0]["id"] == "<id-2>"  # another id, another placeholder
    assert normalised[2]["response"]["created_at"] == "<date>"


def test_an_unrecorded_request_raises_a_typed_error_naming_it_and_the_closest_recordings(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    with cassette(path, "all"):
        gazu.project.get_project_by_name("Agent", client=session(fake_zou()))
    with cassette(path, "none"):
        client = session(httpx.MockTransport(refuse))
        with pytest.raises(UnrecordedRequestError) as caught:
            client.call("get_data_projects", params={"name": "Other", "token": "share-secret-123"})
    error = caught.value
    assert isinstance(error, errors.GazuException)
    assert (error.method, error.route) == ("GET", "/api/data/projects")
    assert "GET /api/data/projects?name=Other" in str(error)
    assert error.closest == ("GET /api/data/projects?name=Agent (query differs)",)
    assert "share-secret-123" not in str(error)
    assert "token=%3Cscrubbed%3E" in str(error)


def test_a_request_made_more_often_than_recorded_says_so(tmp_path: Path) -> None:
    path = tmp_path / "once.yaml"
    with cassette(path, "all"):
        gazu.task.all_task_types(client=session(fake_zou()))
    with cassette(path, "none"):
        client = session(httpx.MockTransport(refuse))
        gazu.task.all_task_types(client=client)
        with pytest.raises(UnrecordedRequestError, match="recorded fewer times than it is made now"):
            client.call("get_data_task_types")


def test_replaying_needs_the_cassette_file(tmp_path: Path) -> None:
    with (
        pytest.raises(MissingCassetteError, match=r"no cassette at .*missing\.yaml to replay"),
        cassette(tmp_path / "missing.yaml", "none"),
    ):
        pass


def test_async_clients_record_and_replay_too(tmp_path: Path) -> None:
    path = tmp_path / "async.yaml"

    async def script(transport: httpx.AsyncBaseTransport) -> list[Any]:
        async with aio.AsyncKitsuClient("http://zou.test/api", transport=transport, retries=0) as client:
            projects = await aio.fetch_all("projects", {"name": "Agent"}, client=client)
            project = await aio.fetch_one("projects", projects[0]["id"], client=client)
            return [projects, project]

    with cassette(path, "all"):
        recorded = asyncio.run(script(fake_zou()))
    with cassette(path, "none") as replay:
        assert asyncio.run(script(httpx.MockTransport(refuse))) == recorded
    assert replay.play_count == len(replay) >= 2


def test_the_default_client_and_clients_built_inside_the_block_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "default.yaml"
    previous = get_default_client()
    try:
        set_default_client(session(fake_zou()))
        with cassette(path, "all"):
            assert gazu.project.get_project_by_name("Agent")["id"] == PROJECT_A
        set_default_client(session(httpx.MockTransport(refuse)))
        with cassette(path, "none"):
            assert gazu.project.get_project_by_name("Agent")["id"] == PROJECT_A
    finally:
        set_default_client(previous)


def test_check_mode_passes_on_new_ids_and_dates_and_fails_with_a_diff_on_a_changed_answer(tmp_path: Path) -> None:
    path = tmp_path / "fresh.yaml"
    with cassette(path, "all"):
        scenario(session(fake_zou()))
    committed = path.read_text()
    with cassette(path, "check"):  # another id, another date: the same once normalised
        scenario(session(fake_zou(project_id="0a1b2c3d-0000-4000-8000-0000000000ff", created="2027-01-02T03:04:05")))
    assert path.read_text() == committed  # check never rewrites
    with pytest.raises(CassetteDriftError) as caught, cassette(path, "check"):
        scenario(session(fake_zou(version="2")))
    assert "-    fps: '1'" in caught.value.diff
    assert "+    fps: '2'" in caught.value.diff
    assert "make cassettes" in str(caught.value)
    assert path.read_text() == committed


def test_compare_reports_nothing_for_the_same_cassette(tmp_path: Path) -> None:
    path = tmp_path / "same.yaml"
    with cassette(path, "all"):
        scenario(session(fake_zou()))
    assert compare(path, path) == ""


def test_a_failed_block_leaves_the_committed_cassette_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "kept.yaml"
    with cassette(path, "all"):
        scenario(session(fake_zou()))
    committed = path.read_text()

    def failing_script() -> None:
        """A script that reads through the cassette, then fails."""
        gazu.task.all_task_types(client=session(fake_zou()))
        raise RuntimeError("the script failed")

    with pytest.raises(RuntimeError, match="the script failed"), cassette(path, "all"):
        failing_script()
    assert path.read_text() == committed


def test_unique_names_are_kept_in_the_cassette_for_the_replay(tmp_path: Path) -> None:
    path = tmp_path / "unique.yaml"
    with cassette(path, "all") as recording:
        name = recording.unique("proj")
    assert name.startswith("proj-")
    assert name in path.read_text()
    with cassette(path, "none") as replay:
        assert replay.unique("proj") == name
        with pytest.raises(MissingCassetteError):
            replay.unique("other")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env, check=False
    )


def test_importing_the_package_stays_lazy_and_works_without_the_extra(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import sys
        import kitsu_helpers, kitsu_helpers.testing
        assert not [m for m in sys.modules if m.split('.')[0] in ('vcr', 'yaml', 'httpx')], 'not lazy'
        sys.modules['vcr'] = None  # as if the testing extra were not installed
        try:
            kitsu_helpers.testing.cassette
        except ImportError as exc:
            print(exc)
        """
    )
    out = run("-c", code, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "pip install 'kitsu-client[testing]'" in out.stdout


PLUGIN_TEST = """
import httpx, kitsu_helpers as gazu
from kitsu_helpers.client import KitsuClient

def server(request):
    if request.url.path == "/api/data/projects":
        return httpx.Response(200, json=[{"id": "0a1b2c3d-0000-4000-8000-00000000000a", "name": NAME}])
    return httpx.Response(404, json={"message": "none"})

import pytest

@pytest.fixture
def broken(kitsu_cassette, kitsu_recording):
    client = KitsuClient("http://zou.test/api", transport=httpx.MockTransport(server), retries=0)
    gazu.project.get_project_by_name(NAME, client=client)
    raise RuntimeError("set-up failed")

def test_broken_setup(broken):
    pass

def test_reads_projects(kitsu_cassette, kitsu_recording):
    transport = httpx.MockTransport(server if kitsu_recording else None)
    client = KitsuClient("http://zou.test/api", transport=transport, retries=0)
    assert gazu.project.get_project_by_name(NAME, client=client)["id"].startswith("0a1b")
"""


def test_pytest_plugin_records_replays_and_checks(tmp_path: Path) -> None:
    (tmp_path / "test_script.py").write_text('NAME = "Agent"\n' + PLUGIN_TEST)
    base = ("-m", "pytest", "-q", "-p", "no:cacheprovider", "test_script.py")
    recorded = run(*base, "--kitsu-record=all", cwd=tmp_path)
    assert "1 passed, 1 error" in recorded.stdout, recorded.stdout
    path = tmp_path / "cassettes" / "script" / "reads_projects.yaml"
    assert "route: /api/data/projects" in path.read_text()
    assert not (tmp_path / "cassettes" / "script" / "broken_setup.yaml").exists()  # its set-up failed
    base = (*base, "-k", "reads_projects")
    replayed = run(*base, cwd=tmp_path)  # default mode none: MockTransport(None) would fail if reached
    assert replayed.returncode == 0, replayed.stdout
    assert "1 passed" in replayed.stdout, replayed.stdout
    (tmp_path / "test_script.py").write_text('NAME = "Agent 2"\n' + PLUGIN_TEST)
    drift = run(*base, "--kitsu-record=check", cwd=tmp_path)
    assert drift.returncode == 1, drift.stdout
    assert "no longer matches what the server answers" in drift.stdout
    assert "-    name: Agent" in drift.stdout
    assert "+    name: Agent 2" in drift.stdout


@pytest.mark.server
def test_records_the_real_zou_and_replays_offline_sync_and_async(
    tmp_path: Path, admin_client: KitsuClient, zou: dict[str, Any], new_project: Callable[..., dict[str, Any]]
) -> None:
    project = new_project()
    path = tmp_path / "real.yaml"

    def script(client: KitsuClient) -> list[Any]:
        from kitsu_api.api.crud import get_data_projects_instance_id

        gazu.log_in(zou["email"], zou["password"] if client.host == admin_client.host else "offline", client=client)
        found = gazu.project.get_project_by_name(project["name"], client=client)
        statuses = gazu.task.all_task_statuses(client=client)
        again = asyncio.run(get_data_projects_instance_id.asyncio(found["id"], client=client.async_api))
        return [found["id"], sorted(s["id"] for s in statuses), again.to_dict()["name"]]  # type: ignore[union-attr]

    with cassette(path, "all"):
        recorded = script(KitsuClient(zou["url"]))
    text = path.read_text()
    assert zou["password"] not in text
    assert "eyJ" not in text
    assert project["id"] in text
    with cassette(path, "none"):  # the same API root as recorded (behind nginx: /api), on a closed port
        assert script(KitsuClient(CLOSED + urlparse(zou["url"]).path)) == recorded
    assert recorded[0] == project["id"]
    assert recorded[2] == project["name"]


def test_an_accounts_last_presence_is_not_drift_null_or_a_date() -> None:
    """A fresh server's admin has no last presence (null) until it is used: recordings from a fresh CI database
    and from a long-lived one must compare equal."""
    from kitsu_helpers.testing import normalise

    def document(presence: Any) -> dict[str, Any]:
        return {"interactions": [{"response": {"user": {"email": "a@b.c", "last_presence": presence}}}]}

    assert normalise(document(None)) == normalise(document("2026-12-01T10:00:00"))
    assert normalise(document(None)) != normalise({"interactions": [{"response": {"user": {"email": "x@b.c"}}}]})
