"""gazu's `events` module: listen to Kitsu's socket.io event stream (namespace /events), with safe auth.

Differences from gazu, on purpose:
- the token is checked over REST (GET /auth/authenticated) BEFORE connecting: Zou's event server may accept
  a socket with no or a bad token, so `init` raises NotAuthenticatedException itself instead of listening to
  nothing;
- the token goes both in the `Authorization: Bearer` header and in the socket.io auth payload
  (`{"token": ...}`), and both are rebuilt on every (re)connection attempt; before a REconnection the token is
  checked over REST, which refreshes it when it expired (a restarted server then gets a valid token);
- optional backfill: `init(..., backfill=True)` (an extra keyword, taken out of **kwargs before they reach
  socketio.Client) replays to the listeners the events that were persisted by Zou while the socket was
  disconnected (read from GET /data/events/last), once per reconnection, oldest first, without replaying the
  ones the listener already received live. Extra keywords: `backfill_margin` (seconds of overlap before the
  disconnection, default 5) and `backfill_project` (a project or id: replay only its events). Listeners get
  the event's data dict, as for a live event. Backfill needs a manager or admin account (Zou's rule).
  Only listeners added with add_listener are told apart from backfilled events (handlers set with
  event_client.on directly may see an event twice); backfilled events are delivered from a background task
  of the socket.io client, so a listener may be called from two threads. The state is at
  `event_client.kitsu_state` (connections made, events backfilled).
"""

from __future__ import annotations

import datetime
import email.utils
import json
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

import socketio

from .client import KitsuClient, get_event_host, resolve
from .errors import AuthFailedException, GazuException, NotAuthenticatedException, ValidationException
from .helpers import model_id, optional_id, validate_date_format

logger = logging.getLogger("kitsu_helpers.events")
NAMESPACE = "/events"
EVENTS_PAGE = 1000
RECENT_SECONDS = 120.0


def event_key(name: str, data: Any) -> str:
    """Return a stable key for one event (its name and canonical data), to match live and stored events."""
    return name + "|" + json.dumps(data, sort_keys=True, default=str)


def server_time_string(offset: float, at: float | None = None) -> str:
    """Return the server's UTC time (local time + offset seconds) as Zou's YYYY-MM-DDTHH:MM:SS string."""
    moment = (time.time() if at is None else at) + offset
    return datetime.datetime.fromtimestamp(moment, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def clock_offset(date_header: str | None, local: float) -> float:
    """Return how many seconds the server clock (an HTTP Date header) is ahead of the local one (0 if unknown)."""
    if not date_header:
        return 0.0
    try:
        return email.utils.parsedate_to_datetime(date_header).timestamp() - local
    except (TypeError, ValueError):
        return 0.0


def missed_events(stored: list[dict[str, Any]], received: Counter[str]) -> list[dict[str, Any]]:
    """Return the stored events (newest first, as Zou gives them) not received live, oldest first."""
    remaining = Counter(received)
    missed = []
    for event in sorted(stored, key=lambda e: (e.get("created_at") or "", e.get("id") or "")):
        key = event_key(event["name"], event.get("data") or {})
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        missed.append(event)
    return missed


class _State:
    """What an event client remembers between connections: tokens, live events received, backfill options."""

    def __init__(self, client: KitsuClient, backfill: bool, margin: float, project_id: str | None) -> None:
        self.client = client
        self.backfill = backfill
        self.margin = margin
        self.project_id = project_id
        self.connections = 0
        self.disconnected_at: float | None = None
        self.offset = 0.0
        self.lock = threading.Lock()
        self.recent: deque[tuple[float, str]] = deque()
        self.backfilled = 0

    def remember(self, name: str, data: Any) -> None:
        """Record a live event (kept RECENT_SECONDS) so the backfill does not replay it."""
        now = time.time()
        with self.lock:
            while self.recent and now - self.recent[0][0] >= RECENT_SECONDS:
                self.recent.popleft()
            self.recent.append((now, event_key(name, data)))

    def received_since(self, since: float) -> Counter[str]:
        """Return the keys of the live events received after a local time."""
        with self.lock:
            return Counter(key for at, key in self.recent if at >= since)


class _EventsNamespace(socketio.ClientNamespace):
    """The /events namespace: tracks connections for reconnection and backfill."""

    def __init__(self, state: _State) -> None:
        super().__init__(NAMESPACE)
        self.state = state

    def on_connect(self) -> None:
        """Count the connection; after a reconnection, start the backfill when asked."""
        state = self.state
        state.connections += 1
        logger.info("Connected to the Kitsu event stream (connection %d)", state.connections)
        if state.disconnected_at is not None and state.backfill and self.client is not None:
            since = state.disconnected_at
            state.disconnected_at = None
            self.client.start_background_task(_backfill, self.client, state, since)

    def on_disconnect(self, *args: Any) -> None:
        """Remember when the connection was lost (where the backfill starts)."""
        self.state.disconnected_at = time.time()
        logger.info("Disconnected from the Kitsu event stream")

    def on_connect_error(self, data: Any) -> Any:
        """Log a refused connection."""
        return connect_error(data)


def _check_token(client: KitsuClient) -> float:
    """Check the client's token over REST (refreshing it if needed); return the server clock offset."""
    if not client.access_token:
        raise NotAuthenticatedException("no access token: log in before listening to events")
    local = time.time()
    try:
        response = client.call("get_auth_authenticated", raw=True)
    except (NotAuthenticatedException, ValidationException, AuthFailedException) as exc:
        raise NotAuthenticatedException(
            f"the access token was refused by the server: {exc}", status=exc.status, url=exc.url
        ) from exc
    answer = response.json() if response.content else {}
    if not answer.get("authenticated", True):
        raise NotAuthenticatedException("the access token was refused by the server")
    return clock_offset(response.headers.get("date"), local)


def _backfill(event_client: socketio.Client, state: _State, since: float) -> int:
    """Replay to the listeners the events stored while disconnected; return how many were replayed."""
    after = server_time_string(state.offset, since - state.margin)
    before = server_time_string(state.offset, time.time() + 1)
    try:
        stored = _events_between(state.client, after, before, state.project_id)
    except GazuException as exc:
        logger.warning("Event backfill failed: %s", exc)
        return 0
    events = missed_events(stored, state.received_since(since - state.margin))
    for event in events:
        _dispatch(event_client, event["name"], event.get("data") or {})
    state.backfilled += len(events)
    logger.info("Backfilled %d event(s) missed while disconnected", len(events))
    return len(events)


def _events_between(client: KitsuClient, after: str, before: str, project_id: str | None) -> list[dict[str, Any]]:
    """Return every stored event between two server times (all pages, newest first)."""
    params: dict[str, Any] = {"after": after, "before": before, "limit": EVENTS_PAGE, "project_id": project_id}
    events: list[dict[str, Any]] = []
    while True:
        page = client.call("get_data_events_last", params=params)
        events.extend(page)
        if len(page) < EVENTS_PAGE:
            return events
        params["cursor_event_id"] = page[-1]["id"]


def _dispatch(event_client: socketio.Client, name: str, data: Any) -> None:
    """Call the listener of an event name (or the catch-all one) as a live event would."""
    handlers = event_client.handlers.get(NAMESPACE, {})
    handler = handlers.get(name)
    if handler is not None:
        handler(data)
    elif "*" in handlers:
        handlers["*"](name, data)


def init(
    client: KitsuClient | None = None,
    ssl_verify: bool | None = None,
    reconnection: bool = True,
    logger: bool = False,
    **kwargs: Any,
) -> socketio.Client:
    """Return a socket.io client connected to the event stream (token checked first; see module doc)."""
    client = resolve(client)
    backfill = bool(kwargs.pop("backfill", False))
    margin = float(kwargs.pop("backfill_margin", 5.0))
    project_id = optional_id(kwargs.pop("backfill_project", None))
    state = _State(client, backfill, margin, project_id)
    state.offset = _check_token(client)
    if ssl_verify is None:
        ssl_verify = client.ssl_verify is not False
    event_client = socketio.Client(ssl_verify=ssl_verify, reconnection=reconnection, logger=logger, **kwargs)
    event_client.kitsu_state = state
    event_client.register_namespace(_EventsNamespace(state))

    def headers() -> dict[str, str]:
        """Build the handshake headers of each attempt (token checked, and refreshed, before a reconnection)."""
        if state.connections > 0:
            _refresh_before_reconnect(client)
        return client.make_auth_header()

    def auth() -> dict[str, Any]:
        """Build the socket.io auth payload of each attempt."""
        return {"token": client.access_token}

    event_client.connect(get_event_host(client), headers=headers, auth=auth, namespaces=[NAMESPACE])
    return event_client


def _refresh_before_reconnect(client: KitsuClient) -> None:
    """Check the token over REST before a reconnection: an expired one is refreshed by the client."""
    try:
        client.call("get_auth_authenticated")
    except GazuException as exc:
        logger.debug("token check before reconnecting failed: %s", exc)


def get_last_login_logs(
    after: str | None = None,
    before: str | None = None,
    limit: int = 100,
    cursor_login_log_id: str | None = None,
    person_ids: list[Any] | None = None,
    client: KitsuClient | None = None,
) -> list[dict[str, Any]]:
    """Return the last login logs (newest first) matching the filters (admin only)."""
    client = resolve(client)
    params: dict[str, Any] = {"limit": limit, "cursor_login_log_id": cursor_login_log_id}
    if after is not None:
        params["after"] = validate_date_format(after)
    if before is not None:
        params["before"] = validate_date_format(before)
    if person_ids:
        params["person_ids"] = [model_id(person) for person in person_ids]
    return client.call("get_data_events_login_logs_last", params=params)


def connect_error(data: Any) -> Any:
    """Log a refused connection; return its data."""
    logger.error("The connection to the event stream failed: %s", data)
    return data


def add_listener(event_client: socketio.Client, event_name: str, event_handler: Callable[..., Any]) -> socketio.Client:
    """Call event_handler(data) for each event_name event; return the event client."""
    state: _State | None = getattr(event_client, "kitsu_state", None)
    if state is None:
        event_client.on(event_name, event_handler, NAMESPACE)
        return event_client

    def listener(*args: Any) -> Any:
        """Remember the live event (for the backfill), then call the handler."""
        if event_name == "*":
            state.remember(args[0], args[1] if len(args) > 1 else {})
        else:
            state.remember(event_name, args[0] if args else {})
        return event_handler(*args)

    event_client.on(event_name, listener, NAMESPACE)
    return event_client


def run_client(event_client: socketio.Client) -> socketio.Client:
    """Listen to the configured events until the client disconnects (blocks); return the event client."""
    try:
        logger.info("Listening to Kitsu events...")
        event_client.wait()
    except TypeError:
        raise AuthFailedException("the event stream refused the connection") from None
    return event_client
