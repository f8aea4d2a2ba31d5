"""The async transport shell of kitsu_helpers.aio: the same retry policy, refresh decisions and typed errors as
the sync client (kitsu_helpers._http), with asyncio waits and an asyncio lock instead of threading ones."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

import httpx

from . import errors
from ._http import (
    ERROR_BODY_LIMIT,
    REFRESH_BODY_LIMIT,
    AuthOwner,
    CappedBody,
    KitsuPool,
    RetryPolicy,
    TokenRefresh,
    TokenStore,
    answer_error,
    error_body,
    log_request,
    redact_url,
    same_origin,
    send_failure,
    start_deadline,
    token_expired,
    transport_error,
)

logger = logging.getLogger("kitsu_helpers")


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport and retries what RetryPolicy says is safe to retry, waiting without blocking.

    Pooled connections belong to the event loop that opened them: given a factory (make_inner), each new loop
    (`asyncio.run` twice) gets a fresh pool, so one client keeps working across loops."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | Callable[[], httpx.AsyncBaseTransport],
        policy: RetryPolicy,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        if isinstance(inner, httpx.AsyncBaseTransport):
            given = inner
            self.make_inner: Callable[[], httpx.AsyncBaseTransport] = lambda: given
        else:
            self.make_inner = inner
        self.inner: httpx.AsyncBaseTransport | None = None
        self._loop: int | None = None
        self.policy = policy
        self.sleep = sleep

    def _current(self) -> httpx.AsyncBaseTransport:
        loop = id(asyncio.get_running_loop())
        if self.inner is None or loop != self._loop:
            self.inner, self._loop = self.make_inner(), loop
        return self.inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = await self._current().handle_async_request(request)
            except httpx.TransportError as exc:
                delay = self.policy.retry_delay(request, attempt, exc=exc)
                if delay is None:
                    raise
                logger.debug("retrying %s %s after %s", request.method, request.url, type(exc).__name__)
            else:
                delay = self.policy.retry_delay(request, attempt, response)
                if delay is None:
                    return response
                await response.aclose()  # its body is not needed: the request is sent again
                logger.debug("retrying %s %s after status %s", request.method, request.url, response.status_code)
            await self.sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        if self.inner is not None:
            await self.inner.aclose()


class AsyncBearerAuth(httpx.Auth):
    """BearerAuth for concurrent tasks: on an expired token one task refreshes (under an asyncio lock) while the
    others wait, then every task replays its request once with the new token (TokenRefresh's pieces, awaited)."""

    def __init__(self, tokens: TokenStore, owner: AuthOwner) -> None:
        self.steps = TokenRefresh(tokens, owner)
        self._locks: dict[int, asyncio.Lock] = {}

    def refresh_lock(self) -> asyncio.Lock:
        """The refresh lock of the running loop (an asyncio lock serves one loop; a closed loop's is dropped)."""
        loop = id(asyncio.get_running_loop())
        if loop not in self._locks:
            self._locks = {loop: asyncio.Lock()}
        return self._locks[loop]

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        steps = self.steps
        if not same_origin(request.url, steps.owner.host):
            yield request  # another origin: it never gets the token
            return
        sent_with = steps.authorize(request)
        response = yield request
        expired_body = (
            await aread_capped(response, ERROR_BODY_LIMIT, truncate=True) if response.status_code == 422 else b""
        )
        if not token_expired(response.status_code, expired_body):
            return
        async with self.refresh_lock():
            step = steps.recovery(sent_with)
            if step == "refresh":
                answer = yield steps.refresh_request()
                await aread_capped(answer, REFRESH_BODY_LIMIT, truncate=True)
                steps.store(answer, (request, response))
            elif step == "ask" and not await self._async_callback_allows(request):
                return
        steps.authorize(request)
        yield request

    async def refresh_now(self, send: Callable[[httpx.Request], Awaitable[httpx.Response]]) -> httpx.Response:
        """Refresh the access token through send, one refresh at a time with the flows; return the answer."""
        async with self.refresh_lock():
            answer = await send(self.steps.refresh_request())
            await aread_capped(answer, REFRESH_BODY_LIMIT, truncate=True)
            self.steps.store(answer)
        return answer

    async def _async_callback_allows(self, request: httpx.Request) -> bool:
        callback = self.steps.owner.callback_not_authenticated
        if not callback:
            return False
        allowed = callback(self.steps.owner, request.url.path)
        if inspect.isawaitable(allowed):  # gazu calls it plainly; a coroutine function is awaited here
            allowed = await allowed
        return bool(allowed)


class AsyncHttpClient(KitsuPool, httpx.AsyncClient):
    """The async HttpClient: every non-2xx answer and transport failure raises a typed error; requests go only to
    its own origin (others when allowed, without the token); each request ends by its total deadline; answers are
    read up to max_response_bytes and error bodies as far as a message needs (kitsu_helpers._http's pieces)."""

    async def send(self, request: httpx.Request, *, stream: bool = False, **kwargs: Any) -> httpx.Response:
        self.admit(request)
        seconds = self.bounds.deadline_for(request, stream)
        try:
            return await asyncio.wait_for(self._send(request, stream, **kwargs), seconds)
        except asyncio.TimeoutError:
            url = redact_url(request.url)
            raise errors.TimeoutException(
                f"{request.method} {url}: the total deadline of {seconds:g} s was exceeded",
                method=request.method,
                url=url,
            ) from None

    async def _send(self, request: httpx.Request, stream: bool, **kwargs: Any) -> httpx.Response:
        start_deadline(None)  # the sync client's per-thread deadline does not apply to tasks: no stale one
        started = time.monotonic()
        try:
            response = await super().send(request, stream=True, **kwargs)
        except (httpx.TransportError, httpx.TooManyRedirects) as exc:
            raise send_failure(request, exc, started, self.base_url.path) from None
        log_request(request, response.status_code, started, self.base_url.path)
        try:
            if response.status_code >= 400:
                await aread_capped(response, ERROR_BODY_LIMIT, truncate=True)
            error = answer_error(request, response, error_body(response))
            if error is not None:
                await response.aclose()
                raise error
            if not stream:
                await aread_capped(response, self.bounds.max_response_bytes)
        except httpx.TransportError as exc:
            await response.aclose()
            raise transport_error(request, exc) from None
        return response


async def aread_capped(response: httpx.Response, limit: int, truncate: bool = False) -> bytes:
    """The async read_capped: a decoded body of at most limit bytes; the response is closed after."""
    if hasattr(response, "_content"):
        return response.content
    body = CappedBody(response, limit, truncate)
    complete = True
    try:
        async for raw in response.aiter_raw(CappedBody.RAW_CHUNK):
            if not body.feed(raw):
                complete = False
                break
    finally:
        await response.aclose()
    return body.finish(complete)
