"""The async side of the generated API: `KitsuClient.async_api`, an `AuthenticatedClient` whose httpx.AsyncClient
shares the client's tokens (single-flight refresh), retry policy, timeouts, total deadline, origin check, size
cap and typed errors, so `await <op>.asyncio(client=client.async_api)` behaves as `<op>.sync(client=client.api)`.

Self-contained on purpose (loaded only on first use of `async_api`): it reuses the pure pieces of `_http`
(RetryPolicy, store_refreshed_tokens, same_origin, transport_error, redact_url) and `errors.error_for_status`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any

import httpx

from . import errors
from ._http import (
    ERROR_BODY_LIMIT,
    NOT_SENT_ERRORS,
    REFRESH_BODY_LIMIT,
    RETRY_STATUSES,
    NoCookies,
    RetryPolicy,
    Tokens,
    _origin_of,
    redact_url,
    same_origin,
    start_deadline,
    store_refreshed_tokens,
    transport_error,
)

if TYPE_CHECKING:
    from kitsu_api.client import AuthenticatedClient

    from .client import KitsuClient

logger = logging.getLogger("kitsu_helpers")


async def aread_capped(response: httpx.Response, limit: int, truncate: bool = False) -> bytes:
    """Read a response body (decoded) of at most limit bytes: past that, keep what was read when truncate, else
    raise ResponseTooLargeException (the async twin of `_http.read_capped`)."""
    if hasattr(response, "_content"):
        return response.content
    chunks: list[bytes] = []
    size = 0
    decoder = response._get_content_decoder()
    try:
        async for raw in response.aiter_raw(8192):
            chunk = decoder.decode(raw)
            size += len(chunk)
            if size > limit:
                if truncate:
                    chunks.append(chunk[: len(chunk) - (size - limit)])
                    break
                raise errors.ResponseTooLargeException(
                    f"{response.request.method} {redact_url(response.request.url)}: the answer is larger than "
                    f"{limit:,} bytes (max_response_bytes); not read further",
                    status=response.status_code,
                    method=response.request.method,
                    url=redact_url(response.request.url),
                )
            chunks.append(chunk)
        else:
            chunks.append(decoder.flush())
    except httpx.DecodingError as exc:
        raise errors.UnexpectedResponseException(
            f"{response.request.method} {redact_url(response.request.url)}: the answer cannot be decoded ({exc})",
            status=response.status_code,
            method=response.request.method,
            url=redact_url(response.request.url),
        ) from None
    finally:
        await response.aclose()
    response._content = b"".join(chunks)
    return response._content


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Retries what is safe to retry, as `_http.RetryTransport` does (the total deadline bounds it from above).

    Pooled connections belong to the event loop that opened them: each new loop (`asyncio.run` twice) gets a
    fresh pool from make_inner, so the client keeps working across loops."""

    def __init__(self, make_inner: Callable[[], httpx.AsyncBaseTransport], policy: RetryPolicy) -> None:
        self.make_inner = make_inner
        self.policy = policy
        self._loop: int | None = None
        self.inner: httpx.AsyncBaseTransport | None = None

    def _inner(self) -> httpx.AsyncBaseTransport:
        loop = id(asyncio.get_running_loop())
        if self.inner is None or loop != self._loop:
            self.inner, self._loop = self.make_inner(), loop
        return self.inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        inner = self._inner()
        attempt = 0
        replayable = isinstance(request.stream, httpx.ByteStream)
        while True:
            may_retry = attempt < self.policy.retries and replayable
            try:
                response = await inner.handle_async_request(request)
            except NOT_SENT_ERRORS:
                if not may_retry:
                    raise
                delay = self.policy.delay(attempt)
            except httpx.TransportError:
                if not (may_retry and self.policy.may_retry(request.method)):
                    raise
                delay = self.policy.delay(attempt)
            else:
                if not (response.status_code in RETRY_STATUSES and may_retry and self.policy.may_retry(request.method)):
                    return response
                delay = self.policy.delay(attempt, response)
                await response.aclose()
            logger.debug("retrying %s %s", request.method, redact_url(request.url))
            await asyncio.sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        if self.inner is not None:
            await self.inner.aclose()


class AsyncBearerAuth(httpx.Auth):
    """The token to the client's own origin only; on 401 (or a 422 saying "expired") one refresh for all
    coroutines of the loop (and none when a thread refreshed meanwhile), then one replay."""

    def __init__(self, owner: KitsuClient, tokens: Tokens) -> None:
        self.owner = owner
        self.tokens = tokens
        self._locks: dict[int, asyncio.Lock] = {}

    def _lock(self) -> asyncio.Lock:
        loop = id(asyncio.get_running_loop())
        if loop not in self._locks:
            self._locks = {loop: asyncio.Lock()}  # one loop at a time: a lock of a closed loop is dropped
        return self._locks[loop]

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if not same_origin(request.url, self.owner.host):
            yield request
            return
        sent_with = self.tokens.access
        if sent_with:
            request.headers["Authorization"] = f"Bearer {sent_with}"
        response = yield request
        if not await self._expired(response):
            return
        async with self._lock():
            if self.tokens.access != sent_with and self.tokens.access:
                pass  # refreshed by another coroutine or thread while this request was in flight
            elif self.tokens.refresh and self.owner.use_refresh_token:
                url = self.owner.url_of("get_auth_refresh_token")
                answer = yield httpx.Request("GET", url, headers={"Authorization": f"Bearer {self.tokens.refresh}"})
                await aread_capped(answer, REFRESH_BODY_LIMIT, truncate=True)
                if not store_refreshed_tokens(self.tokens, answer):
                    raise errors.NotAuthenticatedException(
                        f"{response.status_code} {request.method} {redact_url(request.url)}: the access token "
                        f"expired and the refresh was refused ({answer.status_code}, no access token)",
                        status=response.status_code,
                        method=request.method,
                        url=redact_url(request.url),
                    )
            else:
                return
        if self.tokens.access:
            request.headers["Authorization"] = f"Bearer {self.tokens.access}"
        yield request

    async def _expired(self, response: httpx.Response) -> bool:
        if response.status_code == 401:
            return True
        if response.status_code == 422:
            return b"expired" in (await aread_capped(response, ERROR_BODY_LIMIT, truncate=True)).lower()
        return False


class AsyncHttpClient(httpx.AsyncClient):
    """httpx.AsyncClient with the rules of `_http.HttpClient`: own origin only, a total deadline per request
    (retries included), at most max_response_bytes read, every non-2xx and transport failure a typed error."""

    def __init__(self, *, owner: KitsuClient, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cookies = NoCookies()
        self.owner = owner

    async def send(self, request: httpx.Request, *, stream: bool = False, **kwargs: Any) -> httpx.Response:
        home = _origin_of(str(self.base_url))
        if (request.url.scheme, request.url.host, request.url.port) != home:
            raise errors.InvalidParameterValueException(
                f"{request.method} {redact_url(request.url)}: refused, another origin than the host; nothing was sent",
                method=request.method,
                url=redact_url(request.url),
            )
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            self.owner.http.writes += 1  # the same counter as sync writes: cached reads are stale after either
        deadline = self.owner.deadline
        try:
            if deadline is None:
                return await self._send_checked(request, stream, **kwargs)
            return await asyncio.wait_for(self._send_checked(request, stream, **kwargs), deadline)
        except asyncio.TimeoutError:
            raise errors.TimeoutException(
                f"{request.method} {redact_url(request.url)}: the total deadline of {deadline:g} s was exceeded",
                method=request.method,
                url=redact_url(request.url),
            ) from None

    async def _send_checked(self, request: httpx.Request, stream: bool, **kwargs: Any) -> httpx.Response:
        try:
            response = await super().send(request, stream=True, **kwargs)
            if 300 <= response.status_code < 400 and response.status_code != 304:
                await response.aclose()
                raise errors.UnexpectedResponseException(
                    f"{response.status_code} {request.method} {redact_url(request.url)}: redirected, not followed",
                    status=response.status_code,
                    method=request.method,
                    url=redact_url(request.url),
                )
            if response.status_code >= 400:
                body = await aread_capped(response, ERROR_BODY_LIMIT, truncate=True)
                raise errors.error_for_status(
                    response.status_code,
                    request.method,
                    redact_url(request.url),
                    body,
                    response.headers.get("content-type", ""),
                )
            if not stream:
                await aread_capped(response, self.owner.max_response_bytes)
        except httpx.TransportError as exc:
            start_deadline(None)  # the thread's sync deadline is not this request's (asyncio.wait_for bounds it)
            raise transport_error(request, exc) from None
        return response


def build_async_api(owner: KitsuClient, transport: httpx.AsyncBaseTransport | None = None) -> AuthenticatedClient:
    """Return a generated `AuthenticatedClient` for `await <op>.asyncio(client=...)` that shares owner's auth."""
    from kitsu_api.client import AuthenticatedClient

    def make_inner() -> httpx.AsyncBaseTransport:
        return transport or httpx.AsyncHTTPTransport(
            verify=owner._tls_verify(), cert=owner.cert, limits=httpx.Limits(max_connections=32)
        )

    http = AsyncHttpClient(
        owner=owner,
        base_url=owner.host + "/",
        auth=AsyncBearerAuth(owner, owner._tokens),
        transport=AsyncRetryTransport(make_inner, owner.retry_policy),
        timeout=owner.timeout,
        headers={"User-Agent": owner.user_agent},
        follow_redirects=False,
    )
    api = AuthenticatedClient(base_url=owner.host, token="", raise_on_unexpected_status=True)
    api.set_async_httpx_client(http)
    return api
