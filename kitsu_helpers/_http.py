"""Transport concerns owned by the client: retries, bearer auth with refresh, typed errors."""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

import httpx

from . import errors

logger = logging.getLogger("kitsu_helpers")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


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


def parse_retry_after(value: str | None) -> float | None:
    """Return the delay a Retry-After header asks for (seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport and retries, with bounded backoff, what is safe to retry."""

    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep):
        self.inner = inner
        self.policy = policy
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        replayable = isinstance(request.stream, httpx.ByteStream)
        while True:
            may_retry = attempt < self.policy.retries and replayable
            try:
                response = self.inner.handle_request(request)
            except NOT_SENT_ERRORS as exc:
                if not may_retry:
                    raise
                logger.debug("retrying %s %s after %s", request.method, request.url, type(exc).__name__)
                self.sleep(self.policy.delay(attempt))
            except httpx.TransportError as exc:
                if not (may_retry and self.policy.may_retry(request.method)):
                    raise
                logger.debug("retrying %s %s after %s", request.method, request.url, type(exc).__name__)
                self.sleep(self.policy.delay(attempt))
            else:
                if not (response.status_code in RETRY_STATUSES and may_retry and self.policy.may_retry(request.method)):
                    return response
                response.read()
                response.close()
                logger.debug("retrying %s %s after status %s", request.method, request.url, response.status_code)
                self.sleep(self.policy.delay(attempt, response))
            attempt += 1

    def close(self) -> None:
        self.inner.close()


class Tokens:
    """Access and refresh tokens of one client, guarded by a lock; never shown in repr."""

    def __init__(self, access: str | None = None, refresh: str | None = None) -> None:
        self.access = access
        self.refresh = refresh
        self.lock = threading.Lock()
        self.refreshes = 0

    def __repr__(self) -> str:
        return f"Tokens(access={'set' if self.access else None}, refresh={'set' if self.refresh else None})"


class BearerAuth(httpx.Auth):
    """Sends the access token; on 401 refreshes it once (one refresh for all threads) and replays once."""

    def __init__(self, tokens: Tokens, refresh_url: Callable[[], str], owner: Any) -> None:
        self.tokens = tokens
        self.refresh_url = refresh_url
        self.owner = owner

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        sent_with = self.tokens.access
        if sent_with:
            request.headers["Authorization"] = f"Bearer {sent_with}"
        response = yield request
        if not self._expired(response):
            return
        with self.tokens.lock:
            if self.tokens.access != sent_with and self.tokens.access:
                pass  # another thread refreshed while this request was in flight
            elif self.tokens.refresh and getattr(self.owner, "use_refresh_token", True):
                refresh = httpx.Request(
                    "GET", self.refresh_url(), headers={"Authorization": f"Bearer {self.tokens.refresh}"}
                )
                answer = yield refresh
                answer.read()
                if answer.status_code != 200:
                    return  # the original 401 stands: NotAuthenticatedException
                data = answer.json()
                self.tokens.access = data["access_token"]
                self.tokens.refresh = data.get("refresh_token", self.tokens.refresh)
                self.tokens.refreshes += 1
                logger.debug("access token refreshed")
            elif not self._callback_allows(request):
                return
        if self.tokens.access:
            request.headers["Authorization"] = f"Bearer {self.tokens.access}"
        yield request

    def _expired(self, response: httpx.Response) -> bool:
        if response.status_code == 401:
            return True
        if response.status_code == 422:
            response.read()
            return b"expired" in response.content.lower()
        return False

    def _callback_allows(self, request: httpx.Request) -> bool:
        callback = getattr(self.owner, "callback_not_authenticated", None)
        return bool(callback and callback(self.owner, request.url.path))


class NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing: requests authenticate with the bearer token, and Zou's login cookies
    (which hold tokens) are never stored. Skipping the jar also saves ~20 us of CPU per request."""

    def extract_cookies(self, response: httpx.Response) -> None:
        pass


class HttpClient(httpx.Client):
    """An httpx client whose every non-2xx answer, and every transport failure, raises a typed error."""

    writes = 0

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cookies = NoCookies()

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            self.writes += 1  # makes this client's cached reads stale (kitsu_helpers.cache)
        try:
            response = super().send(request, **kwargs)
        except httpx.TransportError as exc:
            raise transport_error(request, exc) from None
        except httpx.TooManyRedirects:
            raise errors.UnexpectedResponseException(
                f"{request.method} {redact_url(request.url)}: too many redirects (a redirect loop?), nothing read",
                method=request.method,
                url=redact_url(request.url),
                server_message="too many redirects",
            ) from None
        if 300 <= response.status_code < 400 and response.status_code != 304:
            response.close()
            location = response.headers.get("location", "?")
            raise errors.UnexpectedResponseException(
                f"{response.status_code} {request.method} {redact_url(request.url)}: redirected to {location}, "
                "not followed (only downloads follow redirects)",
                status=response.status_code,
                method=request.method,
                url=redact_url(request.url),
                server_message=f"redirect to {location}",
            )
        if response.status_code >= 400:
            response.read()
            response.close()
            raise errors.error_for_status(
                response.status_code,
                request.method,
                redact_url(request.url),
                response.content,
                response.headers.get("content-type", ""),
            )
        return response


def redact_url(url: httpx.URL) -> str:
    """The URL as shown in errors and logs: no user info."""
    return str(url.copy_with(username=None, password=None)) if url.userinfo else str(url)


def transport_error(request: httpx.Request, exc: Exception) -> errors.GazuException:
    """Map an httpx transport failure to a typed error that says whether the request may have been applied."""
    url = redact_url(request.url)
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if isinstance(exc, NOT_SENT_ERRORS):
        cls: type[errors.GazuException] = errors.ConnectionFailedException
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
