"""gazu's `events` module: listen to Kitsu's socket.io event stream (namespace /events), with safe auth.

`init` checks the token over REST before connecting, keeps the token out of every log, follows the client's
TLS settings and can replay (`backfill=True`) the events stored while the socket was silent. Where and why it
differs from gazu: docs/gazu-differences.md, "sync, events".
"""

from __future__ import annotations

import datetime
import email.utils
import json
import logging
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

import engineio
import requests
import socketio
from kitsu_api.calls import authentication as authentication_ops, events as events_ops

from ._http import redact_url
from .client import KitsuClient, decode_json, get_event_host as get_event_host, resolve  # gazu's events.get_event_host
from .errors import (
    AuthFailedException,
    EventStreamConnectionError as EventStreamConnectionError,  # events' name for it too
    GazuException,
    NotAuthenticatedException,
    UnexpectedResponseException,
    ValidationException,
)
from .helpers import model_id, optional_id, validate_date_format

logger = logging.getLogger("kitsu_helpers.events")
NAMESPACE = "/events"
EVENTS_PAGE = 1000
RECENT_SECONDS = 120.0
BACKFILLED_IDS_KEPT = 10_000
REDACTED = "<redacted>"
JWT_PATTERN = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
THIRD_PARTY_LOGGERS = ("socketio.client", "engineio.client", "websocket")


class TokenRedactingFilter(logging.Filter):
    """A logging filter that replaces JWTs and the tokens given to `hide` by `<redacted>` in every record."""

    def __init__(self) -> None:
        """Start with no hidden values (JWTs are always redacted)."""
        super().__init__()
        self.secrets: deque[str] = deque(maxlen=64)

    def hide(self, *secrets: str | None) -> None:
        """Redact these values too (tokens sent to the event server), whatever their shape.

        The 64 most recent values are remembered.

        Args:
            *secrets: The values to hide; None and empty values are ignored.
        """
        for secret in secrets:
            if secret and secret not in self.secrets:
                self.secrets.append(secret)

    def redact(self, text: str) -> str:
        """Return text with every JWT and every hidden value replaced.

        Args:
            text: The text to clean.

        Returns:
            The text, with ``<redacted>`` in place of each secret.
        """
        for secret in list(self.secrets):
            text = text.replace(secret, REDACTED)
        return JWT_PATTERN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message (and traceback text) without secrets; never drop a record.

        Args:
            record: The log record, changed in place.

        Returns:
            True, always (the record is kept).
        """
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


TOKEN_FILTER = TokenRedactingFilter()


def redact_loggers(*loggers: logging.Logger) -> None:
    """Install the token filter on these loggers (idempotent).

    Args:
        *loggers: The loggers to protect.
    """
    for target in loggers:
        if TOKEN_FILTER not in target.filters:
            target.addFilter(TOKEN_FILTER)


def event_key(name: str, data: Any) -> str:
    """Return a stable key for one event (its name and canonical data), to match live and stored events.

    Args:
        name: The event's name, e.g. ``"task:update"``.
        data: The event's data (JSON-like).

    Returns:
        The key, a string: the name, ``|`` and the data as sorted JSON.
    """
    return name + "|" + json.dumps(data, sort_keys=True, default=str)


def server_time_string(offset: float, at: float | None = None) -> str:
    """Return the server's UTC time (local time + offset seconds) as Zou's YYYY-MM-DDTHH:MM:SS string.

    Args:
        offset: How many seconds the server clock is ahead of the local one.
        at: The local time to convert, in seconds since the epoch; now when None.

    Returns:
        The time as ``YYYY-MM-DDTHH:MM:SS`` (UTC).
    """
    moment = (time.time() if at is None else at) + offset
    return datetime.datetime.fromtimestamp(moment, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def clock_offset(date_header: str | None, local: float) -> float:
    """Return how many seconds the server clock (an HTTP Date header) is ahead of the local one (0 if unknown).

    Args:
        date_header: The value of an answer's ``Date`` header, or None.
        local: The local time the request was sent, in seconds since the epoch.

    Returns:
        The offset in seconds (negative when the server is behind); 0.0 when the header is missing or
        unreadable.
    """
    if not date_header:
        return 0.0
    try:
        return email.utils.parsedate_to_datetime(date_header).timestamp() - local
    except (TypeError, ValueError):
        return 0.0


def missed_events(stored: list[dict[str, Any]], received: Counter[str]) -> list[dict[str, Any]]:
    """Return the stored events (newest first, as Zou gives them) not received live, oldest first.

    Args:
        stored: The events Zou persisted, as ``/data/events/last`` returns them.
        received: How many times each event key (``event_key``) was received live.

    Returns:
        The stored event dicts that were not received live, oldest first.
    """
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
        self.last_packet_at: float | None = None
        self.backfill_from: float | None = None
        self.offset = 0.0
        self.lock = threading.Lock()
        self.recent: deque[tuple[float, str]] = deque()
        self.backfilled = 0
        self.failed_attempts = 0
        self.backfilled_ids: deque[str] = deque(maxlen=BACKFILLED_IDS_KEPT)

    def packet_received(self) -> None:
        """Note that the server was heard from (any engine.io packet: ping, message, ...)."""
        self.last_packet_at = time.time()

    def lost(self) -> None:
        """Note a lost connection: the backfill will start from the last packet heard, minus the margin."""
        now = time.time()
        heard = self.last_packet_at if self.last_packet_at is not None else now
        with self.lock:
            start = min(heard, now) - self.margin
            # a second loss before the first backfill ran keeps the earlier start
            self.backfill_from = start if self.backfill_from is None else min(self.backfill_from, start)
            self.disconnected_at = now

    def remember(self, name: str, data: Any) -> None:
        """Record a live event (kept RECENT_SECONDS, and while a backfill is pending) so it is not replayed."""
        now = time.time()
        with self.lock:
            cutoff = now - RECENT_SECONDS
            if self.backfill_from is not None:
                cutoff = min(cutoff, self.backfill_from)
            while self.recent and self.recent[0][0] < cutoff:
                self.recent.popleft()
            self.recent.append((now, event_key(name, data)))

    def received_since(self, since: float) -> Counter[str]:
        """Return the keys of the live events received after a local time."""
        with self.lock:
            return Counter(key for at, key in self.recent if at >= since)


class _Engine(engineio.Client):  # type: ignore[misc]  # engineio ships no types
    """The engine.io client, noting when each packet arrives (pings included) for the backfill window."""

    kitsu_state: _State | None = None

    def _receive_packet(self, pkt: Any) -> None:
        state = self.kitsu_state
        if state is not None:
            state.packet_received()
        super()._receive_packet(pkt)


class _EventClient(socketio.Client):  # type: ignore[misc]  # socketio ships no types
    """A socket.io client whose engine.io layer reports each packet received."""

    def _engineio_client_class(self) -> type[engineio.Client]:
        return _Engine


class _EventsNamespace(socketio.ClientNamespace):  # type: ignore[misc]  # socketio ships no types
    """The /events namespace: tracks connections for reconnection and backfill."""

    def __init__(self, state: _State) -> None:
        super().__init__(NAMESPACE)
        self.state = state

    def on_connect(self) -> None:
        """Count the connection; after a reconnection, start the backfill when asked."""
        state = self.state
        state.connections += 1
        logger.info("Connected to the Kitsu event stream (connection %d)", state.connections)
        with state.lock:
            since, state.backfill_from = state.backfill_from, None
        state.failed_attempts = 0
        if since is not None and state.backfill and self.client is not None:
            self.client.start_background_task(_backfill, self.client, state, since)

    def on_disconnect(self, *args: Any) -> None:
        """Remember when the connection was lost and when the server was last heard (where the backfill starts)."""
        self.state.lost()
        logger.info("Disconnected from the Kitsu event stream")

    def on_connect_error(self, data: Any) -> Any:
        """Log a refused connection attempt: one short warning line per failed reconnection attempt."""
        state = self.state
        if state.connections == 0:
            return connect_error(data)
        state.failed_attempts += 1
        logger.warning(
            "Reconnection to the event stream failed (attempt %d): %s", state.failed_attempts, short_reason(data)
        )
        return data


def _check_token(client: KitsuClient) -> float:
    """Check the client's token over REST (refreshing it if needed); return the server clock offset."""
    if not client.access_token:
        raise NotAuthenticatedException("no access token: log in before listening to events")
    local = time.time()
    try:
        response = authentication_ops.get_auth_authenticated(client, raw=True)
    except (NotAuthenticatedException, ValidationException, AuthFailedException) as exc:
        raise NotAuthenticatedException(
            f"the access token was refused by the server: {exc}", status=exc.status, url=exc.url
        ) from exc
    answer = decode_json(response)
    if answer is None:
        answer = {}
    if not isinstance(answer, dict):
        url = redact_url(response.request.url)
        raise UnexpectedResponseException(
            f"{response.status_code} GET {url}: expected a JSON object, got {type(answer).__name__}",
            status=response.status_code,
            method="GET",
            url=url,
        )
    if not answer.get("authenticated", True):
        raise NotAuthenticatedException("the access token was refused by the server")
    return clock_offset(response.headers.get("date"), local)


def _backfill(event_client: socketio.Client, state: _State, since: float) -> int:
    """Replay to the listeners the events stored since a local time (last packet heard minus the margin) and
    not received live nor already backfilled; return how many were replayed."""
    after = server_time_string(state.offset, since)
    before = server_time_string(state.offset, time.time() + 1)
    try:
        stored = _events_between(state.client, after, before, state.project_id)
    except GazuException as exc:
        logger.warning("Event backfill failed: %s", exc)
        return 0
    with state.lock:
        done = set(state.backfilled_ids)
    fresh = [event for event in stored if event.get("id") is None or event["id"] not in done]
    events = missed_events(fresh, state.received_since(since))
    for event in events:
        if event.get("id") is not None:
            with state.lock:
                state.backfilled_ids.append(event["id"])
        _dispatch(event_client, event["name"], event.get("data") or {})
    state.backfilled += len(events)
    logger.info("Backfilled %d event(s) missed while disconnected", len(events))
    return len(events)


def _events_between(client: KitsuClient, after: str, before: str, project_id: str | None) -> list[dict[str, Any]]:
    """Return every stored event between two server times (all pages, newest first)."""
    params: dict[str, Any] = {"after": after, "before": before, "limit": EVENTS_PAGE, "project_id": project_id}
    events: list[dict[str, Any]] = []
    while True:
        page = events_ops.get_data_events_last(client, params=params)
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
    ssl_verify: bool | str | None = None,
    reconnection: bool = True,
    logger: bool = False,
    **kwargs: Any,
) -> socketio.Client:
    """Return a socket.io client connected to the event stream (token checked first; see module doc).

    Args:
        client: The Kitsu client whose host and token are used; the default client when None.
        ssl_verify: TLS verification: False, True or a CA bundle path; the client's setting when None.
        reconnection: Reconnect automatically after a lost connection.
        logger: socket.io's ``logger`` option: True to log socket.io's activity (tokens are redacted).
        **kwargs: More ``socketio.Client`` options, plus ``backfill=True`` (replay the events stored
            while the socket was silent), ``backfill_margin`` (seconds, default 5) and
            ``backfill_project`` (a project or id).

    Returns:
        The connected ``socketio.Client``; add listeners with ``add_listener`` and block with
        ``run_client``.

    Raises:
        NotAuthenticatedException: When the client has no token or the server refuses it.
        UnexpectedResponseException: When the host does not answer like Kitsu.
        EventStreamConnectionError: When the event server cannot be reached or refuses the socket.
    """
    client = resolve(client)
    backfill = bool(kwargs.pop("backfill", False))
    margin = float(kwargs.pop("backfill_margin", 5.0))
    project_id = optional_id(kwargs.pop("backfill_project", None))
    state = _State(client, backfill, margin, project_id)
    state.offset = _check_token(client)
    verify = client.ssl_verify if ssl_verify is None else ssl_verify
    if "http_session" not in kwargs:
        kwargs["http_session"] = tls_session(verify, client.cert)
    event_client = _EventClient(ssl_verify=verify is not False, reconnection=reconnection, logger=logger, **kwargs)
    event_client.kitsu_state = state
    event_client.eio.kitsu_state = state
    redact_loggers(
        event_client.logger, event_client.eio.logger, *map(logging.getLogger, (*THIRD_PARTY_LOGGERS, __name__))
    )
    event_client.register_namespace(_EventsNamespace(state))

    def headers() -> dict[str, str]:
        """Build the handshake headers of each attempt (token checked, and refreshed, before a reconnection)."""
        if state.connections > 0:
            _refresh_before_reconnect(client)
        TOKEN_FILTER.hide(client.access_token)
        return client.make_auth_header()

    def auth() -> dict[str, Any]:
        """Build the socket.io auth payload of each attempt."""
        TOKEN_FILTER.hide(client.access_token)
        return {"token": client.access_token}

    host = get_event_host(client)
    try:
        event_client.connect(host, headers=headers, auth=auth, namespaces=[NAMESPACE])
    except socketio.exceptions.ConnectionError as exc:
        raise EventStreamConnectionError(f"cannot connect to the event stream at {host}: {exc}", url=host) from exc
    return event_client


class TlsSession(requests.Session):
    """A requests session whose own `verify` (False or a CA bundle path) is not overridden by REQUESTS_CA_BUNDLE
    or CURL_CA_BUNDLE (requests lets those win over a session's setting when a request sets none)."""

    def merge_environment_settings(self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any) -> Any:
        """Return requests' settings for a request, keeping this session's own ``verify``.

        Args:
            url: The request's URL.
            proxies: The request's proxies.
            stream: Whether the body is streamed.
            verify: The request's verify setting (None when the request sets none).
            cert: The request's client certificate.

        Returns:
            requests' settings dict, with ``verify`` set to the session's when the request gives none and
            the session's is not True (so ``REQUESTS_CA_BUNDLE`` does not override it).
        """
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if verify is None and self.verify is not True:
            settings["verify"] = self.verify
        return settings


def tls_session(verify: bool | str, cert: str | tuple[str, str] | None = None) -> requests.Session:
    """Return the HTTP session of the event client, with the Kitsu client's TLS settings.

    Args:
        verify: TLS verification: False, True or a CA bundle path.
        cert: The client certificate (a path, or a (cert, key) pair), or None.

    Returns:
        A ``requests.Session`` (a ``TlsSession``); engine.io passes its settings on to the websocket
        transport too.
    """
    session = TlsSession()
    session.verify = verify
    if cert is not None:
        session.cert = cert
    return session


def _refresh_before_reconnect(client: KitsuClient) -> None:
    """Check the token over REST before a reconnection: an expired one is refreshed by the client."""
    try:
        authentication_ops.get_auth_authenticated(client)
    except Exception as exc:
        logger.debug("token check before reconnecting failed: %s", exc)


def get_last_login_logs(
    after: str | None = None,
    before: str | None = None,
    limit: int = 100,
    cursor_login_log_id: str | None = None,
    person_ids: list[Any] | None = None,
    client: KitsuClient | None = None,
) -> list[dict[str, Any]]:
    """Return the last login logs (newest first) matching the filters (admin only).

    Args:
        after: Only log-ins after this date (``YYYY-mm-dd`` or ``YYYY-mm-ddTHH:MM:SS``).
        before: Only log-ins before this date (same formats).
        limit: How many logs to return at most (Zou caps it at 1000).
        cursor_login_log_id: The id of the last log of the previous page, to read the next page.
        person_ids: Only log-ins of these persons, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        A list of login log dicts (``person_id``, ``date``, ``ip_address``, ``origin``...), newest
        first.

    Raises:
        InvalidParameterValueException: When a date has another format (nothing is sent).
        NotAllowedException: When the user is not an administrator.
    """
    client = resolve(client)
    params: dict[str, Any] = {"limit": limit, "cursor_login_log_id": cursor_login_log_id}
    if after is not None:
        params["after"] = validate_date_format(after)
    if before is not None:
        params["before"] = validate_date_format(before)
    if person_ids:
        params["person_ids"] = [model_id(person) for person in person_ids]
    return events_ops.get_data_events_login_logs_last(client, params=params)


def connect_error(data: Any) -> Any:
    """Log a refused connection (one short line); return its data.

    Args:
        data: What socket.io passed to the ``connect_error`` handler.

    Returns:
        The same data, unchanged.
    """
    logger.error("The connection to the event stream failed: %s", short_reason(data))
    return data


ERRNO_PATTERN = re.compile(r"\[Errno -?\d+\] ([^\"')\]]+)")
POOL_PATTERN = re.compile(r"HTTPS?ConnectionPool\(host=[^)]*\): (.+)")
REASON_CHARS = 160


def short_reason(data: Any) -> str:
    """Return a one-line reason for a failed connection, at most REASON_CHARS characters.

    Args:
        data: The error: a dict with ``message``, an exception or a text.

    Returns:
        The reason: the OS error of a long requests message, the server's message of a refusal, or the
        text itself, on one line and cut with ``...`` when too long.
    """
    if isinstance(data, dict):
        data = data.get("message", data)
    text = " ".join(str(data).split())
    found = ERRNO_PATTERN.search(text) or POOL_PATTERN.match(text)
    if found:
        text = found.group(1).strip()
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 3] + "..."


def add_listener(event_client: socketio.Client, event_name: str, event_handler: Callable[..., Any]) -> socketio.Client:
    """Call event_handler(data) for each event_name event; return the event client.

    Args:
        event_client: The event client made by ``init``.
        event_name: The event to listen to, e.g. ``"task:update"``; ``"*"`` for every event (the handler
            then gets the name too).
        event_handler: The function called with the event's data dict.

    Returns:
        The same event client, so calls can be chained.
    """
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
    """Listen to the configured events until the client disconnects (blocks); return the event client.

    Args:
        event_client: The event client made by ``init``.

    Returns:
        The same event client, once it has disconnected.

    Raises:
        AuthFailedException: When the event stream refused the connection.
    """
    try:
        logger.info("Listening to Kitsu events...")
        event_client.wait()
    except TypeError:
        raise AuthFailedException("the event stream refused the connection") from None
    return event_client
