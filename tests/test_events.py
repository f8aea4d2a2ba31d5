"""kitsu_helpers.events against the real event servers (main for live events, instance b for restarts)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

try:
    from tests.fixtures_sync import client_b, instance_events, new_project_b, zou_b  # noqa: F401
except ImportError:  # tests/ run as a plain folder
    from fixtures_sync import client_b, instance_events, new_project_b, zou_b  # type: ignore[no-redef]  # noqa: F401

import kitsu_helpers as gazu
from kitsu_helpers import events
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import NotAuthenticatedException

pytestmark = pytest.mark.server


class Inbox:
    """Collects events from listener threads; wait() blocks until a predicate holds or a timeout."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, Any]]] = []
        self.cond = threading.Condition()

    def handler(self, name: str) -> Callable[[dict[str, Any]], None]:
        def handle(data: dict[str, Any]) -> None:
            with self.cond:
                self.items.append((name, data))
                self.cond.notify_all()

        return handle

    def wait(self, predicate: Callable[[list[tuple[str, dict[str, Any]]]], bool], timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: predicate(self.items), timeout)


def has(name: str, key: str, value: str) -> Callable[[list[tuple[str, dict[str, Any]]]], bool]:
    return lambda items: any(n == name and d.get(key) == value for n, d in items)


@pytest.fixture
def listener(client: KitsuClient) -> Iterator[Callable[..., Any]]:
    """Factory: an initialised event client (disconnected at the end)."""
    made: list[Any] = []

    def make(**kwargs: Any) -> Any:
        event_client = events.init(**kwargs)
        made.append(event_client)
        return event_client

    yield make
    for event_client in made:
        event_client.disconnect()


def test_new_entity_event_arrives_within_seconds(client: KitsuClient, listener: Any, new_project: Any) -> None:
    inbox = Inbox()
    event_client = listener(client=client)
    assert event_client.connected and "/events" in event_client.namespaces
    assert events.add_listener(event_client, "asset-type:new", inbox.handler("asset-type:new")) is event_client
    events.add_listener(event_client, "project:new", inbox.handler("project:new"))
    started = time.monotonic()
    project = new_project()
    assert inbox.wait(has("project:new", "project_id", project["id"]), 5), inbox.items
    assert time.monotonic() - started < 5
    assert not any(n == "asset-type:new" for n, _ in inbox.items)
    events.add_listener(event_client, "sequence:new", inbox.handler("sequence:new"))
    started = time.monotonic()
    sequence = client.call("post_data_projects_project_id_sequences", project_id=project["id"], json={"name": "SQ1"})
    assert inbox.wait(has("sequence:new", "sequence_id", sequence["id"]), 5), inbox.items
    assert time.monotonic() - started < 5
    event = next(d for n, d in inbox.items if n == "sequence:new" and d.get("sequence_id") == sequence["id"])
    assert event["project_id"] == project["id"]


def test_run_client_returns_after_disconnect(client: KitsuClient) -> None:
    event_client = events.init(client=client)
    threading.Timer(0.5, event_client.disconnect).start()
    started = time.monotonic()
    assert events.run_client(event_client) is event_client
    assert time.monotonic() - started < 10
    assert not event_client.connected


def test_bad_token_refused_before_connecting(zou: dict[str, Any]) -> None:
    for token in ("not-a-jwt", None):
        bad = KitsuClient(zou["url"], event_host=zou["events_url"], access_token=token)
        with pytest.raises(NotAuthenticatedException):
            events.init(client=bad)
    # refused before any connection: with no event server at all, the error is still about the token
    nowhere = KitsuClient(zou["url"], event_host="http://127.0.0.1:9", access_token="not-a-jwt")
    with pytest.raises(NotAuthenticatedException):
        events.init(client=nowhere)
    # a revoked token (well formed, signed by the server) is refused too
    other = KitsuClient(zou["url"], event_host=zou["events_url"], use_refresh_token=False)
    gazu.log_in(zou["email"], zou["password"], client=other)
    revoked = other.access_token
    other.call("get_auth_logout")
    refused = KitsuClient(zou["url"], event_host=zou["events_url"], access_token=revoked, use_refresh_token=False)
    with pytest.raises(NotAuthenticatedException, match="revoked"):
        events.init(client=refused)


def test_connect_error_returns_data() -> None:
    assert events.connect_error({"message": "refused"}) == {"message": "refused"}


def test_get_last_login_logs(client: KitsuClient, zou: dict[str, Any]) -> None:
    fresh = KitsuClient(zou["url"])
    user = gazu.log_in(zou["email"], zou["password"], client=fresh)["user"]
    logs = events.get_last_login_logs(limit=5, person_ids=[user], client=client)
    assert 1 <= len(logs) <= 5
    assert all(log["person_id"] == user["id"] for log in logs)
    dates = [log["created_at"] for log in logs]
    assert dates == sorted(dates, reverse=True)
    older = events.get_last_login_logs(limit=5, cursor_login_log_id=logs[0]["id"], person_ids=[user["id"]])
    assert logs[0]["id"] not in [log["id"] for log in older]
    assert events.get_last_login_logs(after="2999-01-01", client=client) == []
    assert events.get_last_login_logs(before="2000-01-01T00:00:00", client=client) == []
    with pytest.raises(ValueError):
        events.get_last_login_logs(after="yesterday", client=client)


@pytest.mark.direct_zou(
    reason="stops and restarts the event server of its own instance b; nothing goes through the front"
)
def test_reconnects_after_event_server_restart_with_backfill(
    client_b: KitsuClient,  # noqa: F811
    new_project_b: Any,  # noqa: F811
    unique: Callable[[str], str],
) -> None:
    inbox = Inbox()
    event_client = events.init(client=client_b, backfill=True, backfill_margin=3)
    try:
        events.add_listener(event_client, "project:new", inbox.handler("project:new"))
        before = new_project_b()
        assert inbox.wait(has("project:new", "project_id", before["id"]), 5)

        instance_events("stop-events")
        time.sleep(1)
        missed = new_project_b()  # created while the event server is down

        # then the access token expires (simulated: revoked): the reconnection checks it over REST, refreshes it
        spare = KitsuClient(client_b.host)
        gazu.log_in("admin@example.com", "mysecretpassword", client=spare)
        revoked = spare.access_token
        spare.call("get_auth_logout")
        refreshes = client_b.refresh_count
        client_b.access_token = revoked

        instance_events("start-events")
        back = time.monotonic()
        assert inbox.wait(has("project:new", "project_id", missed["id"]), 10), inbox.items
        assert time.monotonic() - back < 10
        assert event_client.connected
        assert event_client.kitsu_state.connections == 2
        assert event_client.kitsu_state.backfilled >= 1
        assert client_b.refresh_count > refreshes and client_b.access_token != revoked

        # each connection attempt builds its header and socket.io auth afresh, after a REST check that refreshes
        client_b.access_token = revoked
        headers = event_client.connection_headers()
        assert client_b.access_token != revoked
        assert headers["Authorization"] == f"Bearer {client_b.access_token}"
        assert event_client.connection_auth() == {"token": client_b.access_token}

        after = new_project_b()  # live again
        assert inbox.wait(has("project:new", "project_id", after["id"]), 5)
        counts = Counter(d["project_id"] for n, d in inbox.items if n == "project:new")
        assert counts[before["id"]] == counts[missed["id"]] == counts[after["id"]] == 1
    finally:
        event_client.disconnect()
        instance_events("start-events")


def test_backfill_helpers_are_pure() -> None:
    live = events.event_key("task:update", {"b": 1, "a": 2})
    assert live == events.event_key("task:update", {"a": 2, "b": 1})
    stored = [
        {"id": "3", "name": "task:update", "created_at": "2026-01-01T00:00:03", "data": {"a": 2, "b": 1}},
        {"id": "2", "name": "task:update", "created_at": "2026-01-01T00:00:02", "data": {"a": 2, "b": 1}},
        {"id": "1", "name": "shot:new", "created_at": "2026-01-01T00:00:01", "data": {"shot_id": "s"}},
    ]
    missed = events.missed_events(stored, Counter([live]))
    assert [e["id"] for e in missed] == ["1", "3"]
    assert events.server_time_string(0, 0) == "1970-01-01T00:00:00"
    assert events.server_time_string(3600, 0) == "1970-01-01T01:00:00"
    assert events.clock_offset("Thu, 01 Jan 1970 00:00:10 GMT", 4.0) == 6.0
    assert events.clock_offset(None, 4.0) == 0.0
