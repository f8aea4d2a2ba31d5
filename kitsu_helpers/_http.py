"""Transport concerns owned by the client: retries, bearer auth with refresh, typed errors."""

from __future__ import annotations

import datetime
import email.utils
import functools
import json as jsonlib
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import httpcore
import httpx

from . import encoder, errors
from .path_params import redact_path

logger = logging.getLogger("kitsu_helpers")
request_logger = logging.getLogger("kitsu_helpers.http")  # one DEBUG line per request (enable_logging)
SECRET_QUERY_NAMES = ("token", "password", "secret", "otp")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
ERROR_BODY_LIMIT = 64 * 1024  # what an error message needs of an error body, at most
REFRESH_BODY_LIMIT = 1024 * 1024
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry: only idempotent requests, only on connection errors and 429/502/503/504."""

    retries: int = 4
    backoff: float = 0.1
    max_backoff: float = 5.0
    max_retry_after: float = 30.0
    retry_post: bool = False

    def may_retry(self, method: str) -> bool:
        return method in IDEMPOTENT_METHODS or self.retry_post

    def delay(self, attempt: int, response: httpx.Response | None = None) -> float:
        """Seconds to wait before retry number `attempt` (0-based): Retry-After, else backoff with full jitter."""
        if response is not None:
            after = parse_retry_after(response.headers.get("Retry-After"))
            if after is not None:
                return min(after, self.max_retry_after)
        return random.uniform(0, min(self.max_backoff, self.backoff * 2**attempt)) + self.backoff / 2

    def retry_delay(
        self, request: httpx.Request, attempt: int, response: httpx.Response | None = None, exc: Exception | None = None
    ) -> float | None:
        """Seconds to wait before retrying after `response` or `exc`, or None when the request must not be retried.

        A connection that failed before sending is retried for any replayable request; a lost answer or a
        429/502/503/504 only for an idempotent one (or any, with retry_post). Shared by the sync and async transports."""
        if attempt >= self.retries or not isinstance(request.stream, httpx.ByteStream):
            return None
        if exc is not None:
            if isinstance(exc, NOT_SENT_ERRORS) or (
                isinstance(exc, httpx.TransportError) and self.may_retry(request.method)
            ):
                return self.delay(attempt)
            return None
        if response is not None and response.status_code in RETRY_STATUSES and self.may_retry(request.method):
            return self.delay(attempt, response)
        return None


def parse_retry_after(value: str | None) -> float | None:
    """Return the delay a Retry-After header asks for (seconds or an HTTP date), or None when it is neither."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, parsed.timestamp() - time.time())


class _Deadline(threading.local):
    """The monotonic time by which this thread's current request must be done (None: no deadline)."""

    at: float | None = None
    seconds: float | None = None


DEADLINE = _Deadline()


def start_deadline(seconds: float | None) -> None:
    """Start the total deadline of the request this thread is about to send."""
    DEADLINE.seconds = seconds
    DEADLINE.at = None if seconds is None else time.monotonic() + seconds


def deadline_passed() -> bool:
    return DEADLINE.at is not None and time.monotonic() >= DEADLINE.at


def _within_deadline(timeout: float | None, error: type[Exception]) -> float | None:
    """Return timeout shortened to what is left of the deadline; raise error once nothing is left."""
    if DEADLINE.at is None:
        return timeout
    left = DEADLINE.at - time.monotonic()
    if left <= 0:
        raise error(f"the total deadline of {DEADLINE.seconds:g} s was exceeded")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the deadline of the request using it, so a server that
    drips one byte at a time cannot keep a call alive past its deadline (each read alone would not time out)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _within_deadline(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _within_deadline(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout = _within_deadline(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend with every connection bounded by the current request's deadline."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        timeout = _within_deadline(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        timeout = _within_deadline(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def with_deadlines(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    """Return transport with its connections bounded by each request's total deadline."""
    pool = transport._pool  # httpcore.ConnectionPool: the one place httpx lets a network backend in
    pool._network_backend = DeadlineBackend(pool._network_backend)
    return transport


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport and retries, with bounded backoff, what is safe to retry (never past the deadline)."""

    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep):
        self.inner = inner
        self.policy = policy
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self.inner.handle_request(request)
            except httpx.TransportError as exc:
                delay = self.policy.retry_delay(request, attempt, exc=exc)
                if delay is None:
                    raise
                self._wait(request, type(exc).__name__, delay, exc)
            else:
                delay = self.policy.retry_delay(request, attempt, response)
                if delay is None:
                    return response
                if not self._fits(delay):
                    return response
                response.close()  # its body is not needed: the request is sent again
                self._wait(request, f"status {response.status_code}", delay)
            attempt += 1

    def _fits(self, delay: float) -> bool:
        return DEADLINE.at is None or time.monotonic() + delay < DEADLINE.at

    def _wait(self, request: httpx.Request, why: str, delay: float, exc: Exception | None = None) -> None:
        if not self._fits(delay):
            if exc is not None:
                raise exc
            return
        logger.debug("retrying %s %s after %s", request.method, redact_url(request.url), why)
        self.sleep(delay)

    def close(self) -> None:
        self.inner.close()


class Tokens:
    """Access and refresh tokens of one client, guarded by a lock; never shown in repr.

    `data` is the dict gazu code sees as `client.tokens`: the tokens are read from it on every request, so an
    edit of that dict (or a dict given to `set_tokens`, kept as given) is what the next request sends."""

    def __init__(self, access: str | None = None, refresh: str | None = None) -> None:
        self.data: dict[str, Any] = {"access_token": access, "refresh_token": refresh}
        self.lock = threading.Lock()
        self.refreshes = 0

    @property
    def access(self) -> str | None:
        return self.data.get("access_token")

    @access.setter
    def access(self, token: str | None) -> None:
        self.data["access_token"] = token

    @property
    def refresh(self) -> str | None:
        return self.data.get("refresh_token")

    @refresh.setter
    def refresh(self, token: str | None) -> None:
        self.data["refresh_token"] = token

    def __repr__(self) -> str:
        return f"Tokens(access={'set' if self.access else None}, refresh={'set' if self.refresh else None})"


class TokenStore(Protocol):
    """What the token properties and the auth flow read: Tokens, or the async client's store over its dict."""

    access: str | None
    refresh: str | None
    refreshes: int


class TokenAccessors:
    """The token properties of a client (sync or async) whose token store is `self._tokens`."""

    _tokens: TokenStore

    @property
    def access_token(self) -> str | None:
        return self._tokens.access

    @access_token.setter
    def access_token(self, token: str | None) -> None:
        self._tokens.access = token

    @property
    def refresh_token(self) -> str | None:
        return self._tokens.refresh

    @refresh_token.setter
    def refresh_token(self, token: str | None) -> None:
        self._tokens.refresh = token

    @property
    def refresh_count(self) -> int:
        """How many times this client refreshed its access token."""
        return self._tokens.refreshes


class AuthOwner(Protocol):
    """What the bearer auth flow reads of its client, on every request: the sync KitsuClient or the async one.

    Read live (not copied), since gazu code may change them on a client in use."""

    @property
    def host(self) -> str:
        """The API URL: only its origin gets the token."""

    @property
    def use_refresh_token(self) -> bool:
        """Whether an expired access token is refreshed by itself."""

    @property
    def callback_not_authenticated(self) -> Callable[..., Any] | None:
        """Called as ``callback(client, path)`` when a token expired and cannot be refreshed."""

    def url_of(self, operation: str, **path_params: Any) -> str:
        """Return the URL of a generated operation on the host (the refresh route here)."""


class TokenRefresh:
    """The pure pieces of a token refresh, shared by the sync and async flows and the explicit
    `refresh_access_token` of both clients: what to send, what to do on an expired token, how to read the
    answer and store the tokens. No I/O and no lock: BearerAuth and AsyncBearerAuth add those."""

    def __init__(self, tokens: TokenStore, owner: AuthOwner) -> None:
        self.tokens = tokens
        self.owner = owner

    def authorize(self, request: httpx.Request) -> str | None:
        """Put the current access token on request; return it (to tell later whether someone refreshed)."""
        token = self.tokens.access
        if token:
            request.headers["Authorization"] = f"Bearer {token}"
        return token

    def recovery(self, sent_with: str | None) -> str:
        """What to do, holding the refresh lock, for an answer saying the token `sent_with` expired:
        "replay" (another request already refreshed), "refresh", or "ask" the not-authenticated callback."""
        if self.tokens.access != sent_with and self.tokens.access:
            return "replay"
        if self.tokens.refresh and self.owner.use_refresh_token:
            return "refresh"
        return "ask"

    def refresh_request(self) -> httpx.Request:
        """The refresh request to send (the refresh token as bearer); NotAuthenticatedException without one."""
        if not self.tokens.refresh:
            raise errors.NotAuthenticatedException("no refresh token: log in first")
        url = self.owner.url_of("get_auth_refresh_token")
        return httpx.Request("GET", url, headers={"Authorization": f"Bearer {self.tokens.refresh}"})

    def store(self, answer: httpx.Response, expired: tuple[httpx.Request, httpx.Response] | None = None) -> str:
        """Store the tokens of a refresh answer (read up to REFRESH_BODY_LIMIT); return the new access token.

        Raises NotAuthenticatedException, storing nothing, unless the answer is a 200 JSON object with an
        access token; `expired` (the request refused for its expired token, and that answer) is named in it."""
        if not store_refreshed_tokens(self.tokens, answer) or not self.tokens.access:
            raise refresh_refused(answer, expired)
        logger.debug("access token refreshed")
        return self.tokens.access


class BearerAuth(httpx.Auth):
    """Sends the access token to the client's own origin only; on 401 refreshes it once (one refresh for all
    threads, its answer checked) and replays once."""

    def __init__(self, tokens: Tokens, owner: AuthOwner) -> None:
        self.steps = TokenRefresh(tokens, owner)
        self.lock = tokens.lock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        steps = self.steps
        if not same_origin(request.url, steps.owner.host):
            yield request  # another origin (allowed explicitly): it never gets the token
            return
        sent_with = steps.authorize(request)
        response = yield request
        body = read_capped(response, ERROR_BODY_LIMIT, truncate=True) if response.status_code == 422 else b""
        if not token_expired(response.status_code, body):
            return
        with self.lock:
            step = steps.recovery(sent_with)
            if step == "refresh":
                steps.store((yield steps.refresh_request()), (request, response))
            elif step == "ask" and not self._callback_allows(request):
                return
        steps.authorize(request)
        yield request

    def refresh_now(self, send: Callable[[httpx.Request], httpx.Response]) -> str:
        """Refresh the access token through send, one refresh at a time with the flows; return the new token."""
        with self.lock:
            return self.steps.store(send(self.steps.refresh_request()))

    def _callback_allows(self, request: httpx.Request) -> bool:
        callback = self.steps.owner.callback_not_authenticated
        return bool(callback and callback(self.steps.owner, request.url.path))


def token_expired(status: int, body: bytes) -> bool:
    """Whether an answer says the access token is missing or expired: a 401, or Zou's 422 "Signature has expired"."""
    return status == 401 or (status == 422 and b"expired" in body.lower())


def refresh_refused(
    answer: httpx.Response, expired: tuple[httpx.Request, httpx.Response] | None = None
) -> errors.GazuException:
    """The error of a refused refresh; with `expired`, of the request whose token expired (and its answer)."""
    refresh = answer.request
    why = (
        f"the refresh was refused ({answer.status_code} "
        f"{answer.headers.get('content-type', 'no content type')}, no access token)"
    )
    if expired is None:
        url = redact_url(refresh.url)
        return errors.NotAuthenticatedException(
            f"{refresh.method} {url}: {why}", status=answer.status_code, method=refresh.method, url=url
        )
    request, response = expired
    url = redact_url(request.url)
    return errors.NotAuthenticatedException(
        f"{response.status_code} {request.method} {url}: the access token expired and {why}",
        status=response.status_code,
        method=request.method,
        url=url,
    )


def store_refreshed_tokens(tokens: TokenStore, answer: httpx.Response) -> bool:
    """Store the tokens of a refresh answer; return False, storing nothing, unless it is a 200 JSON object with a
    non-empty string access_token (an HTML login page, a list or a missing token is no refresh)."""
    try:
        body = read_capped(answer, REFRESH_BODY_LIMIT)
        data = jsonlib.loads(body) if answer.status_code == 200 else None
    except (ValueError, RecursionError, errors.GazuException, httpx.HTTPError):
        return False
    if not isinstance(data, dict):
        return False
    access, refresh = data.get("access_token"), data.get("refresh_token")
    if not isinstance(access, str) or not access:
        return False
    tokens.access = access
    if isinstance(refresh, str) and refresh:
        tokens.refresh = refresh
    tokens.refreshes += 1
    return True


@functools.lru_cache(maxsize=64)
def _origin_of(url: str) -> tuple[str, str, int | None]:
    parsed = httpx.URL(url)
    return parsed.scheme, parsed.host, parsed.port


def same_origin(url: httpx.URL, home: str) -> bool:
    """True when url has the scheme, host and port of the home URL."""
    return (url.scheme, url.host, url.port) == _origin_of(home)


class CappedBody:
    """A response body decoded piece by piece and kept up to limit bytes (8 KiB of gzip decodes to ~8 MiB at most,
    so a gzip bomb is stopped early): past the limit it keeps what it has when truncate, else raises
    ResponseTooLargeException; an undecodable body raises UnexpectedResponseException. No I/O: the sync and async
    readers feed it."""

    RAW_CHUNK = 8192

    def __init__(self, response: httpx.Response, limit: int, truncate: bool) -> None:
        self.response, self.limit, self.truncate = response, limit, truncate
        self.decoder = response._get_content_decoder()
        self.chunks: list[bytes] = []
        self.size = 0

    def feed(self, raw: bytes) -> bool:
        """Take one raw piece; return False once the body is complete enough (truncated at the limit)."""
        chunk = self._decode(raw)
        self.size += len(chunk)
        if self.size <= self.limit:
            self.chunks.append(chunk)
            return True
        if not self.truncate:
            request = self.response.request
            raise errors.ResponseTooLargeException(
                f"{request.method} {redact_url(request.url)}: the answer is larger than {self.limit:,} bytes "
                "(max_response_bytes); not read further",
                status=self.response.status_code,
                method=request.method,
                url=redact_url(request.url),
            )
        self.chunks.append(chunk[: len(chunk) - (self.size - self.limit)])
        return False

    def finish(self, complete: bool) -> bytes:
        """Set and return the body (what response.read() would set: .content and .json() work as usual)."""
        if complete:
            self.chunks.append(self._decode(b"", flush=True))
        self.response._content = b"".join(self.chunks)
        return self.response._content

    def _decode(self, raw: bytes, flush: bool = False) -> bytes:
        try:
            return self.decoder.flush() if flush else self.decoder.decode(raw)
        except httpx.DecodingError as exc:
            request = self.response.request
            raise errors.UnexpectedResponseException(
                f"{request.method} {redact_url(request.url)}: the answer cannot be decoded "
                f"({self.response.headers.get('content-encoding', 'no')} content-encoding: {exc})",
                status=self.response.status_code,
                method=request.method,
                url=redact_url(request.url),
            ) from None


def read_capped(response: httpx.Response, limit: int, truncate: bool = False) -> bytes:
    """Read a response body (decoded) of at most limit bytes (see CappedBody); the response is closed after."""
    if hasattr(response, "_content"):
        return response.content
    body = CappedBody(response, limit, truncate)
    try:
        complete = all(body.feed(raw) for raw in response.iter_raw(CappedBody.RAW_CHUNK))
    finally:
        response.close()
    return body.finish(complete)


def too_many_redirects(request: httpx.Request) -> errors.GazuException:
    return errors.UnexpectedResponseException(
        f"{request.method} {redact_url(request.url)}: too many redirects (a redirect loop?), nothing read",
        method=request.method,
        url=redact_url(request.url),
        server_message="too many redirects",
    )


@dataclass(frozen=True)
class RequestBounds:
    """What each request of a client may take: a total deadline (transfers get their own), an answer size, and
    the origins it may reach besides its host's (never with the token)."""

    deadline: float | None = None
    transfer_deadline: float | None = None
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    allowed_origins: frozenset[tuple[str, str, int | None]] = frozenset()

    @classmethod
    def of(
        cls,
        deadline: float | None,
        transfer_deadline: float | None,
        max_response_bytes: int,
        allowed_origins: Iterable[str] = (),
    ) -> RequestBounds:
        return cls(deadline, transfer_deadline, max_response_bytes, frozenset(map(_origin_of, allowed_origins)))

    def deadline_for(self, request: httpx.Request, stream: bool) -> float | None:
        """The deadline of one request: uploads (multipart) and streamed downloads are transfers."""
        transfer = stream or request.headers.get("content-type", "").startswith("multipart/")
        return self.transfer_deadline if transfer else self.deadline

    def check_origin(self, request: httpx.Request, home: httpx.URL) -> None:
        """Refuse a request to another origin than home's unless it is allowed."""
        origin = (request.url.scheme, request.url.host, request.url.port)
        if origin == _origin_of(str(home)) or origin in self.allowed_origins:
            return
        raise errors.InvalidParameterValueException(
            f"{request.method} {redact_url(request.url)}: refused, another origin than the host "
            f"{redact_url(home)} (allow it with allowed_origins=[...]; it never gets the token); nothing was sent",
            method=request.method,
            url=redact_url(request.url),
        )


NO_BOUNDS = RequestBounds()


def build_kitsu_request(
    build: Callable[..., httpx.Request], method: str, url: Any, json: Any, kwargs: dict[str, Any]
) -> httpx.Request:
    """Build a request with httpx's build: a JSON body encoded like gazu's (dates and datetimes as ISO strings,
    `kitsu_helpers.encoder`); a URL httpx refuses (10 MB of query) is a typed error, nothing sent."""
    try:
        if json is not None and kwargs.get("content") is None:
            kwargs.pop("content", None)
            headers = httpx.Headers(kwargs.pop("headers", None))
            headers.setdefault("Content-Type", "application/json")
            return build(method, url, content=encoder.dumps(json), headers=headers, **kwargs)
        return build(method, url, json=json, **kwargs)
    except httpx.InvalidURL as exc:
        raise errors.InvalidParameterValueException(
            f"{method} {str(url)[:200]}: not a valid URL ({exc}); nothing was sent", method=method
        ) from None


class NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing: requests authenticate with the bearer token, and Zou's login cookies
    (which hold tokens) are never stored. Skipping the jar also saves ~20 us of CPU per request."""

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_write(request: httpx.Request) -> bool:
    """Whether request may change data on the server (any method but GET, HEAD and OPTIONS)."""
    return request.method not in READ_METHODS


def send_failure(request: httpx.Request, exc: httpx.HTTPError, started: float, root: str) -> errors.GazuException:
    """Log a request that got no answer and return its typed error (a transport failure or a redirect loop)."""
    if isinstance(exc, httpx.TooManyRedirects):
        return too_many_redirects(request)
    log_request(request, type(exc).__name__, started, root)
    return transport_error(request, exc)


def error_body(response: httpx.Response) -> bytes:
    """What an answer's error needs of its body: up to ERROR_BODY_LIMIT of an error answer, nothing of others."""
    return read_capped(response, ERROR_BODY_LIMIT, truncate=True) if response.status_code >= 400 else b""


class KitsuPool(httpx._client.BaseClient):
    """What the sync and async pools (HttpClient, _http_async.AsyncHttpClient) add to httpx's: no cookie jar,
    the request bounds, gazu's JSON bodies and the write hook.

    `on_write`, when given, is called before each write is sent (the owner counts them: kitsu_helpers.cache
    reads that count to know its entries are stale); the pool knows nothing of what it is for."""

    def __init__(
        self, *, bounds: RequestBounds = NO_BOUNDS, on_write: Callable[[], None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._cookies = NoCookies()
        self.bounds = bounds
        self.on_write = on_write

    def build_request(self, method: str, url: Any, *, json: Any = None, **kwargs: Any) -> httpx.Request:
        return build_kitsu_request(super().build_request, method, url, json, kwargs)

    def admit(self, request: httpx.Request) -> None:
        """Refuse a request to an origin that is not allowed; tell the write hook of a write about to be sent."""
        self.bounds.check_origin(request, self.base_url)
        if self.on_write is not None and is_write(request):
            self.on_write()


class HttpClient(KitsuPool, httpx.Client):
    """An httpx client whose every non-2xx answer, and every transport failure, raises a typed error; that sends
    only to its own origin (and origins allowed explicitly, without the token); whose every request ends by a
    total deadline; and that reads at most max_response_bytes of an answer and what a message needs of an error."""

    def send(self, request: httpx.Request, *, stream: bool = False, **kwargs: Any) -> httpx.Response:
        self.admit(request)
        start_deadline(self.bounds.deadline_for(request, stream))
        started = time.monotonic()
        try:
            response = super().send(request, stream=True, **kwargs)
        except (httpx.TransportError, httpx.TooManyRedirects) as exc:
            raise send_failure(request, exc, started, self.base_url.path) from None
        log_request(request, response.status_code, started, self.base_url.path)
        try:
            error = answer_error(request, response, error_body(response))
            if error is not None:
                response.close()
                raise error
            if not stream:
                read_capped(response, self.bounds.max_response_bytes)
        except httpx.TransportError as exc:
            response.close()
            raise transport_error(request, exc) from None
        return response


def loggable_route(url: httpx.URL, root: str = "/") -> str:
    """Return the path (below the API root) and query of url as logs show them, the same behind any proxy
    prefix: secret path values (share tokens) and values of secret-like query names redacted."""
    path = url.path
    root = root.rstrip("/")
    if root and (path == root or path.startswith(root + "/")):
        path = path[len(root) :] or "/"
    path = redact_path(path)
    if not url.query:
        return path
    pairs = [
        f"{name}={'<redacted>' if any(word in name.lower() for word in SECRET_QUERY_NAMES) else value}"
        for name, value in url.params.multi_items()
    ]
    return path + "?" + "&".join(pairs)


def log_request(request: httpx.Request, outcome: int | str, started: float, root: str = "/") -> None:
    """Log one DEBUG line for a request: method, route (no secrets, no host), status (or error), duration."""
    if request_logger.isEnabledFor(logging.DEBUG):
        elapsed = (time.monotonic() - started) * 1000
        request_logger.debug(
            "%s %s -> %s (%.1f ms)", request.method, loggable_route(request.url, root), outcome, elapsed
        )


def answer_error(request: httpx.Request, response: httpx.Response, body: bytes) -> errors.GazuException | None:
    """The typed error an answer stands for, or None: a redirect (3xx but 304) is not followed, a status of 400
    or more maps to its class with the server's message from body. Shared by the sync and async clients."""
    if 300 <= response.status_code < 400 and response.status_code != 304:
        location = response.headers.get("location", "?")
        return errors.UnexpectedResponseException(
            f"{response.status_code} {request.method} {redact_url(request.url)}: redirected to {location}, "
            "not followed (only downloads follow redirects)",
            status=response.status_code,
            method=request.method,
            url=redact_url(request.url),
            server_message=f"redirect to {location}",
        )
    if response.status_code >= 400:
        return errors.error_for_status(
            response.status_code,
            request.method,
            redact_url(request.url),
            body,
            response.headers.get("content-type", ""),
        )
    return None


def redact_url(url: httpx.URL) -> str:
    """The URL as shown in errors and logs: no user info."""
    return str(url.copy_with(username=None, password=None)) if url.userinfo else str(url)


def transport_error(request: httpx.Request, exc: Exception) -> errors.GazuException:
    """Map an httpx transport failure to a typed error that says whether the request may have been applied."""
    url = redact_url(request.url)
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if deadline_passed():
        cls: type[errors.GazuException] = errors.TimeoutException
        text = f"{request.method} {url}: the total deadline of {DEADLINE.seconds:g} s was exceeded ({detail})"
    elif isinstance(exc, NOT_SENT_ERRORS):
        cls = errors.ConnectionFailedException
        text = f"{request.method} {url}: cannot connect ({detail})"
    elif request.method not in IDEMPOTENT_METHODS:
        cls = errors.WriteOutcomeUnknownException
        text = (
            f"{request.method} {url}: the request was sent but its answer was lost ({detail}); "
            "it may or may not have been applied: check before re-running"
        )
    elif isinstance(exc, httpx.TimeoutException):
        cls = errors.TimeoutException
        text = f"{request.method} {url}: timed out ({detail})"
    else:
        cls = errors.HostException
        text = f"{request.method} {url}: connection failed ({detail})"
    return cls(text, method=request.method, url=url, server_message=None)
