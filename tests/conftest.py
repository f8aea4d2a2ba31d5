"""Shared fixtures: a real local Zou (started by scripts/zou_server.py), logged-in clients, throwaway data.

Set KITSU_TEST_HOST (and KITSU_TEST_EMAIL / KITSU_TEST_PASSWORD) to run the server tests against an existing
Zou instead of the local one. Nothing is skipped when the server is missing: it is started.

Set KITSU_TEST_VIA_NGINX=1 to run every server test through a real nginx configured as Zou's deployment guide
(scripts/nginx_front.py, host http://127.0.0.1:<port>/api, events through its /socket.io): the `zou` fixture then
answers the front's URLs. Tests that cannot apply behind a proxy are marked `direct_zou` and skipped in that pass,
each with its reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse

import pytest
from entity_check import check_answer
from kitsu_api.entities import ENTITIES, OPERATION_ENTITIES

import kitsu_helpers as gazu
from kitsu_helpers.client import KitsuClient, normalise_host, set_default_client

REPO = Path(__file__).resolve().parent.parent
SERVER_SCRIPT = REPO / "scripts" / "zou_server.py"
NGINX_SCRIPT = REPO / "scripts" / "nginx_front.py"
VIA_NGINX = os.environ.get("KITSU_TEST_VIA_NGINX", "") not in ("", "0")
REAL_HOSTS: set[str] = set()  # the real Zou hosts of this session: their entity answers are checked

# The worlds the server tests stand on, one module each, named after what it builds (their fixtures load here).
# fixtures_production (the one Production builder) first: the worlds built on it import it, and pytest rewrites
# the asserts of a plugin only when it is the first to import it.
pytest_plugins = [
    "fixtures_production",
    "fixtures_breakdown",
    "fixtures_files",
    "fixtures_previews",
    "fixtures_show",
    "fixtures_sync",
    "fixtures_task",
]


class EntityAnswers:
    """What the entity check saw: answers checked, operations they came from, mismatches not yet reported."""

    checked = 0
    operations: ClassVar[set[str]] = set()
    pending: ClassVar[list[str]] = []


def check_entity_answers(call: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap KitsuClient.call: the decoded answer of an operation in OPERATION_ENTITIES, from a real Zou of this
    session, is checked against its TypedDict (mismatches fail the test that made the call)."""

    def checked_call(self: KitsuClient, operation: str, /, *args: Any, **kwargs: Any) -> Any:
        answer = call(self, operation, *args, **kwargs)
        entry = OPERATION_ENTITIES.get(operation) if isinstance(operation, str) else None
        if entry is not None and not kwargs.get("raw") and self.host in REAL_HOSTS:
            name, is_list = entry
            EntityAnswers.checked += 1
            EntityAnswers.operations.add(operation)
            EntityAnswers.pending += check_answer(operation, answer, ENTITIES[name], is_list)
        return answer

    return checked_call


@pytest.fixture(scope="session", autouse=True)
def entity_answer_check() -> Iterator[None]:
    """Every entity answer met by the server suite is checked against kitsu_api.entities (see check_entity)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(KitsuClient, "call", check_entity_answers(KitsuClient.call))
        yield


@pytest.fixture(autouse=True)
def check_entity(entity_answer_check: None) -> Iterator[None]:
    """Fail the test (at teardown, so a broad `except` in the code under test cannot hide it) when an answer it
    met does not match its entity TypedDict: undeclared key or incompatible type."""
    yield
    found, EntityAnswers.pending[:] = list(EntityAnswers.pending), []
    if found:
        more = f"\n... and {len(found) - 20} more" if len(found) > 20 else ""
        pytest.fail(
            "answers that do not match kitsu_api.entities (fix the derivation in scripts/entities.py):\n"
            + "\n".join(found[:20])
            + more,
            pytrace=False,
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line: how many entity answers were checked, of how many operations."""
    if EntityAnswers.checked:
        terminalreporter.write_line(
            f"entity check: {EntityAnswers.checked} answers of {len(EntityAnswers.operations)} operations checked "
            "against kitsu_api.entities"
        )


def start_instance(name: str, **env: str) -> dict[str, Any]:
    """Start (idempotently) a local Zou instance and return its status (url, events_url, email...)."""
    full_env = {**os.environ, **env}
    subprocess.run([sys.executable, str(SERVER_SCRIPT), "start", "--instance", name], check=True, env=full_env)
    out = subprocess.run(
        [sys.executable, str(SERVER_SCRIPT), "status", "--instance", name],
        check=True,
        env=full_env,
        capture_output=True,
        text=True,
    ).stdout
    status = json.loads(out)
    REAL_HOSTS.add(normalise_host(status["url"]))
    status["password"] = full_env.get("ZOU_ADMIN_PASSWORD", "mysecretpassword")
    return status


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "direct_zou(reason): the test needs the Zou instance itself, not a proxy in front of it"
    )


# The fixtures every real-server fixture stands on (the main instance, and the instances of their own that
# some modules start): a test whose fixture closure holds one of them is marked `server` automatically.
SERVER_ROOT_FIXTURES = frozenset({"direct_zou", "zou_b", "zou_frozen"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that needs a real Zou `server` (`-m "not server"` is the offline selection); in the nginx
    pass, skip (with their stated reason) only the tests marked as needing Zou itself."""
    for item in items:
        if SERVER_ROOT_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.server)
    if not VIA_NGINX:
        return
    for item in items:
        marker = item.get_closest_marker("direct_zou")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "needs Zou itself")
            item.add_marker(pytest.mark.skip(reason=f"not through the nginx front: {reason}"))


@pytest.fixture(scope="session")
def direct_zou() -> dict[str, Any]:
    """The main Zou instance itself (never the nginx front): url, events_url, email, password."""
    if os.environ.get("KITSU_TEST_HOST"):
        REAL_HOSTS.add(normalise_host(os.environ["KITSU_TEST_HOST"]))
        return {
            "url": os.environ["KITSU_TEST_HOST"],
            "events_url": os.environ.get("KITSU_TEST_EVENT_HOST", os.environ["KITSU_TEST_HOST"]),
            "email": os.environ.get("KITSU_TEST_EMAIL", "admin@example.com"),
            "password": os.environ.get("KITSU_TEST_PASSWORD", "mysecretpassword"),
        }
    return start_instance("main")


@pytest.fixture(scope="session")
def nginx_front(direct_zou: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A real nginx on 127.0.0.1 in front of the main Zou, configured as Zou's deployment guide (installed from
    Debian's package when missing; started if not running, stopped at the end by the session that started it).
    Yields its status: url (…/api), events_url, access_log, conf, dir, port."""
    api, events = urlparse(direct_zou["url"]), urlparse(direct_zou["events_url"])
    env = {**os.environ, "KITSU_NGINX_UPSTREAM": api.netloc, "KITSU_NGINX_EVENTS_UPSTREAM": events.netloc}
    cmd = [sys.executable, str(NGINX_SCRIPT)]
    owner = str(os.getpid())
    out = subprocess.run([*cmd, "acquire", "--owner", owner], check=True, env=env, capture_output=True, text=True)
    front = json.loads(out.stdout)
    yield {**front, "email": direct_zou["email"], "password": direct_zou["password"]}
    subprocess.run([*cmd, "release", "--owner", owner], check=False, env=env)


@pytest.fixture(scope="session")
def zou(request: pytest.FixtureRequest, direct_zou: dict[str, Any]) -> dict[str, Any]:
    """The main Zou as the tests reach it: url, events_url, email, password (through the nginx front when
    KITSU_TEST_VIA_NGINX is set)."""
    if not VIA_NGINX:
        return direct_zou
    front = request.getfixturevalue("nginx_front")
    REAL_HOSTS.add(normalise_host(front["url"]))
    return {**direct_zou, "url": front["url"], "events_url": front["events_url"]}


def logged_in_client(server: dict[str, Any], **kwargs: Any) -> KitsuClient:
    client = KitsuClient(server["url"], event_host=server.get("events_url"), **kwargs)
    gazu.log_in(server["email"], server["password"], client=client)
    return client


@pytest.fixture(scope="session")
def admin_client(zou: dict[str, Any]) -> Iterator[KitsuClient]:
    """A client logged in as the admin, also installed as the default client for module functions."""
    client = logged_in_client(zou)
    set_default_client(client)
    yield client
    client.close()


@pytest.fixture
def client(admin_client: KitsuClient) -> KitsuClient:
    """The admin client (function-scoped name for brevity)."""
    return admin_client


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Return a function that makes a name unique to this test run."""
    token = uuid.uuid4().hex[:8]
    return lambda prefix="t": f"{prefix}-{token}"


def remove_project(client: KitsuClient, project_id: str) -> None:
    """Close then delete a project (Zou deletes only closed projects)."""
    try:
        statuses = client.request_json("GET", "data/project-status")
        closed = next(s for s in statuses if s["name"].lower() == "closed")
        client.request("PUT", f"data/projects/{project_id}", json={"project_status_id": closed["id"]})
        client.request("DELETE", f"data/projects/{project_id}", params={"force": True})
    except Exception:
        pass


@pytest.fixture
def new_project(admin_client: KitsuClient, unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Factory: create a project with a unique name (deleted after the test)."""
    created: list[str] = []

    def make(name: str | None = None, **fields: Any) -> dict[str, Any]:
        payload = {"name": name or unique("proj") + f"-{len(created)}", "production_type": "tvshow", **fields}
        project = admin_client.call("post_data_projects", json=payload)
        created.append(project["id"])
        return project

    yield make
    for project_id in created:
        remove_project(admin_client, project_id)
