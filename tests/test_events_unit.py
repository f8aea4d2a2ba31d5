"""kitsu_helpers.events without a Zou: a hostile 127.0.0.1 server for the token check, and the pure pieces
(log redaction, the one-line reasons of failed connections)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
import socketio

from kitsu_helpers import events
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import GazuException, UnexpectedResponseException


@pytest.fixture
def hostile() -> Iterator[dict[str, Any]]:
    """A 127.0.0.1 server answering every GET with the body and type set in the yielded dict (stops itself after
    30 s at the latest); it records the paths it was asked for."""
    answer: dict[str, Any] = {"body": b"<html><body>Sign in</body></html>", "type": "text/html", "paths": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer["paths"].append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", answer["type"])
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stopper = threading.Timer(30, server.shutdown)
    stopper.start()
    answer["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield answer
    finally:
        stopper.cancel()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("body", "ctype"),
    [(b"<html><body>Sign in</body></html>", "text/html"), (b"[1, 2]", "application/json"), (b"{", "application/json")],
)
def test_init_raises_typed_when_the_token_check_answers_no_json_object(
    hostile: dict[str, Any], body: bytes, ctype: str
) -> None:
    hostile.update(body=body, type=ctype)
    client = KitsuClient(hostile["url"], access_token="header.payload.signature", retries=0)
    with pytest.raises(UnexpectedResponseException) as caught:
        events.init(client=client)
    assert isinstance(caught.value, GazuException)
    assert caught.value.status == 200
    assert hostile["paths"] == ["/auth/authenticated"]  # nothing else tried: no socket opened
    client.close()


def test_redacting_filter_hides_tokens_and_jwts_in_messages_args_and_tracebacks() -> None:
    secret = "not-a-jwt-but-sent-as-token"
    events.TOKEN_FILTER.hide(secret)
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    logger = logging.getLogger("test.events.redaction")
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    handler = Keep()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    events.redact_loggers(logger)
    events.redact_loggers(logger)  # idempotent
    assert logger.filters.count(events.TOKEN_FILTER) == 1
    try:
        logger.info("Sending packet MESSAGE data %s", '0/events,{"token":"' + jwt + '"}')
        logger.debug("Authorization: Bearer %s", secret)
        try:
            raise RuntimeError(f"boom {jwt}")
        except RuntimeError:
            logger.exception("failed")
        logger.info("nothing secret %d", 3)
    finally:
        logger.removeHandler(handler)
    texts = [record.getMessage() + (record.exc_text or "") for record in seen]
    assert len(texts) == 4
    assert all(jwt not in text and secret not in text for text in texts), texts
    assert texts[0] == 'Sending packet MESSAGE data 0/events,{"token":"<redacted>"}'
    assert texts[1] == "Authorization: Bearer <redacted>"
    assert "RuntimeError: boom <redacted>" in texts[2]
    assert texts[3] == "nothing secret 3"


def test_short_reason_of_a_failed_connection_is_one_short_line() -> None:
    long = (
        "HTTPConnectionPool(host='127.0.0.1', port=5641): Max retries exceeded with url: /socket.io/?transport="
        "polling&EIO=4&t=1796111733.17 (Caused by NewConnectionError(\"HTTPConnection(host='127.0.0.1', port=5641):"
        ' Failed to establish a new connection: [Errno 111] Connection refused"))'
    )
    assert events.short_reason(long) == "Connection refused"
    timed_out = "HTTPConnectionPool(host='127.0.0.1', port=5641): Read timed out. (read timeout=5)"
    assert events.short_reason(timed_out) == "Read timed out. (read timeout=5)"
    assert events.short_reason({"message": "Unauthorized"}) == "Unauthorized"
    assert events.short_reason("line one\nline two") == "line one line two"
    assert len(events.short_reason("x" * 1000)) == events.REASON_CHARS
    assert events.connect_error({"message": "refused"}) == {"message": "refused"}


def test_backfill_window_starts_at_the_last_packet_heard_not_when_the_loss_is_noticed() -> None:
    state = events._State(KitsuClient("http://127.0.0.1:9"), backfill=True, margin=5, project_id=None)
    state.last_packet_at = time.time() - 40  # the server went silent 40 s before engine.io gave up on it
    state.lost()
    assert state.disconnected_at is not None
    assert state.backfill_from == pytest.approx(state.disconnected_at - 45, abs=1)
    first = state.backfill_from
    state.last_packet_at = time.time()  # a second loss before the backfill ran keeps the earlier start
    state.lost()
    assert state.backfill_from == first
    never = events._State(KitsuClient("http://127.0.0.1:9"), backfill=True, margin=5, project_id=None)
    never.lost()  # nothing ever heard: from the loss itself, minus the margin
    assert never.backfill_from == pytest.approx(time.time() - 5, abs=1)


def test_backfill_replays_each_stored_event_once_across_overlapping_windows() -> None:
    stored = [
        {"id": "e3", "name": "shot:new", "created_at": "2026-01-01T00:00:03", "data": {"shot_id": "s3"}},
        {"id": "e2", "name": "shot:new", "created_at": "2026-01-01T00:00:02", "data": {"shot_id": "s2"}},
        {"id": "e1", "name": "shot:new", "created_at": "2026-01-01T00:00:01", "data": {"shot_id": "s1"}},
    ]
    asked: list[dict[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(dict(request.url.params))
        return httpx.Response(200, json=stored)

    client = KitsuClient("http://127.0.0.1:9", access_token="t", transport=httpx.MockTransport(answer))
    state = events._State(client, backfill=True, margin=5, project_id=None)
    event_client = socketio.Client()
    delivered: list[str] = []
    event_client.on("shot:new", lambda data: delivered.append(data["shot_id"]), namespace=events.NAMESPACE)
    state.remember("shot:new", {"shot_id": "s2"})  # received live before the loss
    since = time.time() - 60
    assert events._backfill(event_client, state, since) == 2
    assert events._backfill(event_client, state, since) == 0  # the same stored events again: already replayed
    assert sorted(delivered) == ["s1", "s3"]
    assert state.backfilled == 2
    assert asked[0]["after"] == events.server_time_string(0, since)
    client.close()
