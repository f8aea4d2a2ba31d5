"""kitsu_helpers.events against the real event servers (main for live events, instance b for restarts)."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import certifi
import pytest

try:
    from tests.conftest import logged_in_client, remove_project, start_instance
except ImportError:  # tests/ run as a plain folder
    from conftest import logged_in_client, remove_project, start_instance  # type: ignore[no-redef]
try:
    from tests.fixtures_sync import instance_events
    from tests.tls_relay import TlsRelay
except ImportError:  # tests/ run as a plain folder
    from fixtures_sync import instance_events  # type: ignore[no-redef]
    from tls_relay import TlsRelay  # type: ignore[no-redef]

import kitsu_helpers as gazu
from kitsu_helpers import events
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import ConnectionFailedException, NotAuthenticatedException

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
    assert event_client.connected
    assert "/events" in event_client.namespaces
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
    with pytest.raises(ValueError, match="Incorrect date format for yesterday, should be YYYY-mm-dd"):
        events.get_last_login_logs(after="yesterday", client=client)


@pytest.mark.direct_zou(
    reason="stops and restarts the event server of its own instance b; nothing goes through the front"
)
def test_reconnects_after_event_server_restart_with_backfill(
    client_b: KitsuClient,
    new_project_b: Any,
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
        assert client_b.refresh_count > refreshes
        assert client_b.access_token != revoked

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


@pytest.fixture(scope="module")
def zou_frozen() -> dict[str, Any]:
    """A Zou instance of this module's own (API 5640, events 5641): its event server gets frozen."""
    return start_instance("events", ZOU_API_WORKERS="1")


def event_server_pids(server: dict[str, Any]) -> list[int]:
    """Return the pids of an instance's event server: the gunicorn arbiter and its worker(s)."""
    master = int((Path(server["home"]) / "run" / "events.pid").read_text().strip())
    children = [
        int(pid) for task in Path(f"/proc/{master}/task").iterdir() for pid in (task / "children").read_text().split()
    ]
    return [master, *children]


@pytest.mark.direct_zou(reason="freezes (SIGSTOP) the event server of its own instance; nothing goes through the front")
def test_backfill_after_a_frozen_event_server_delivers_the_missed_event_once(
    zou_frozen: dict[str, Any], unique: Callable[[str], str]
) -> None:
    """SIGSTOP the event server (no FIN, no RST: the socket just goes silent), emit an event through the API (not
    frozen), wait until the client notices (engine.io's ping timeout), SIGCONT: the event is delivered once."""
    frozen_client = logged_in_client(zou_frozen)
    inbox = Inbox()
    event_client = events.init(client=frozen_client, backfill=True, backfill_margin=3)
    state = event_client.kitsu_state
    created: list[str] = []

    def new_project(prefix: str) -> dict[str, Any]:
        project = frozen_client.call("post_data_projects", json={"name": unique(prefix), "production_type": "tvshow"})
        created.append(project["id"])
        return project

    try:
        events.add_listener(event_client, "project:new", inbox.handler("project:new"))
        warm = new_project("warm")
        assert inbox.wait(has("project:new", "project_id", warm["id"]), 5), inbox.items
        pids = event_server_pids(zou_frozen)
        try:
            for pid in pids:
                os.kill(pid, signal.SIGSTOP)
            frozen_at = time.monotonic()
            time.sleep(0.5)
            missed = new_project("frozen")
            deadline = frozen_at + 60  # engine.io notices a silent server after ping interval + ping timeout (45 s)
            while state.disconnected_at is None and time.monotonic() < deadline:
                time.sleep(0.2)
            detected = time.monotonic()
            assert state.disconnected_at is not None, "the client never noticed the frozen server"
            silent = state.disconnected_at - (state.last_packet_at or state.disconnected_at)
        finally:
            for pid in reversed(pids):  # the worker first (gunicorn's arbiter may still restart it: heartbeat late)
                os.kill(pid, signal.SIGCONT)
        assert inbox.wait(has("project:new", "project_id", missed["id"]), 90), (
            inbox.items,
            state.connections,
        )  # a killed worker restarts slowly under load
        delivered = time.monotonic()
        time.sleep(2)  # a second delivery (live after the backfill, or backfill after live) would land by now
        counts = Counter(d["project_id"] for n, d in inbox.items if n == "project:new")
        assert counts[warm["id"]] == counts[missed["id"]] == 1, counts
        assert event_client.connected
        assert state.connections == 2
        print(
            f"\nfreeze test: disconnect detected {detected - frozen_at:.1f} s after SIGSTOP "
            f"({silent:.1f} s after the last packet heard), missed event delivered {delivered - detected:.1f} s "
            f"after SIGCONT, {state.backfilled} event(s) backfilled"
        )
    finally:
        event_client.disconnect()
        for project_id in created:
            remove_project(frozen_client, project_id)
        frozen_client.close()


def test_no_token_in_any_log_with_every_logger_on(
    client: KitsuClient, zou: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    """socket.io, engine.io and websocket-client tracing all at DEBUG: the handshake header and the auth payload
    carry the token, yet no record shows it (nor any other JWT)."""
    import websocket

    caplog.set_level(logging.DEBUG)
    for name in ("socketio.client", "engineio.client", "websocket"):  # socket.io fixes a level at first use
        caplog.set_level(logging.DEBUG, logger=name)
    websocket.enableTrace(True, handler=logging.NullHandler())  # records still reach caplog through the root
    try:
        own = logging.getLogger("test.events.own")  # a logger object of the caller's, as socket.io accepts
        event_client = events.init(client=client, logger=True, engineio_logger=own)
        try:
            token = client.access_token
            assert token
            assert event_client.connection_auth() == {"token": token}
            time.sleep(0.5)
        finally:
            event_client.disconnect()
    finally:
        websocket.enableTrace(False)
    names = {record.name for record in caplog.records}
    assert {"socketio.client", "test.events.own", "websocket"} <= names, names  # the loggers did log
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        assert token not in text, (record.name, text[:200])
    assert token not in caplog.text
    assert not [r for r in caplog.records if events.JWT_PATTERN.search(r.getMessage())]
    assert any("<redacted>" in record.getMessage() for record in caplog.records)


def test_ca_bundle_path_as_ssl_verify_reaches_the_event_transports(
    zou: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CA path (the client's ssl_verify) is used for the polling and websocket transports, not turned into True:
    the event server behind a TLS relay with a private CA is reached; without that CA it is refused, typed. A
    REQUESTS_CA_BUNDLE in the environment (requests lets it override a session's verify) changes nothing."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    with TlsRelay(int(zou["events_url"].rsplit(":", 1)[1]), tmp_path) as relay:
        ca = str(relay.ca_file)
        trusting = logged_in_client(zou, ssl_verify=ca)
        trusting.event_host = f"https://127.0.0.1:{relay.port}"
        event_client = events.init(client=trusting)
        try:
            assert event_client.connected
            assert "/events" in event_client.namespaces
            assert event_client.transport() == "websocket"  # the upgrade (websocket-client) verified with the CA too
            assert relay.handshakes >= 2
            assert relay.refused == 0
        finally:
            event_client.disconnect()
            trusting.close()

        system_only = logged_in_client(zou)  # ssl_verify=True: the system CAs do not know the relay's
        system_only.event_host = f"https://127.0.0.1:{relay.port}"
        with pytest.raises(ConnectionFailedException, match="event stream") as refused:
            events.init(client=system_only)
        assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value)
        for verify in (ca, False):  # given to init, it wins over the client's
            explicit = events.init(client=system_only, ssl_verify=verify)
            try:
                assert explicit.connected
            finally:
                explicit.disconnect()
        system_only.close()


def test_failed_reconnections_log_one_short_line_each(
    zou_frozen: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    """The event server killed: each failed reconnection attempt is one short WARNING line, no traceback."""
    own = logged_in_client(zou_frozen)
    event_client = events.init(client=own, reconnection_delay=0.3, reconnection_delay_max=1)
    caplog.set_level(logging.INFO)

    def failures() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == "kitsu_helpers.events" and "failed" in r.getMessage()]

    try:
        pids = event_server_pids(zou_frozen)
        for pid in reversed(pids):  # killed, not stopped: no 20 s graceful shutdown with a socket open
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
            time.sleep(0.1)  # gone before start-events reads the pid file
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(failures()) < 2:
            time.sleep(0.2)
    finally:
        instance_events("start-events", "events")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and event_client.kitsu_state.connections < 2:
            time.sleep(0.2)
        assert event_client.kitsu_state.connections == 2
        assert len(failures()) >= 2
        for record in failures():
            assert record.getMessage().startswith("Reconnection to the event stream failed (attempt ")
        assert "Connection refused" in failures()[0].getMessage()  # later ones may time out while it boots
        for record in failures():
            message = record.getMessage()
            assert record.levelno == logging.WARNING, message
            assert "\n" not in message, message
            assert len(message) < 120, message
        assert not [r for r in caplog.records if r.exc_info or r.exc_text or "Traceback" in r.getMessage()]
    finally:
        event_client.disconnect()
        own.close()
