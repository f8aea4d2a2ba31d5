"""The async transport shell of kitsu_helpers.aio: the same retry policy, refresh decisions and typed errors as
the sync client (kitsu_helpers._http), with asyncio waits and an asyncio lock instead of threading ones."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

import httpx

from ._http import (
    BearerAuth,
    NoCookies,
    RetryPolicy,
    answer_error,
    refresh_refused,
    same_origin,
    start_deadline,
    store_refreshed_tokens,
    token_expired,
    transport_error,
)

logger = logging.getLogger("kitsu_helpers")


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Wraps an async transport and retries what RetryPolicy says is safe to retry, waiting without blocking."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: RetryPolicy,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.inner = inner
        self.policy = policy
        self.sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = await self.inner.handle_async_request(request)
            except httpx.TransportError as exc:
                delay = self.policy.retry_delay(request, attempt, exc=exc)
                if delay is None:
                    raise
                logger.debug("retrying %s %s after %s", request.method, request.url, type(exc).__name__)
            else:
                delay = self.policy.retry_delay(request, attempt, response)
                if delay is None:
                    return response
                await response.aread()
                await response.aclose()
                logger.debug("retrying %s %s after status %s", request.method, request.url, response.status_code)
            await self.sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        await self.inner.aclose()


class AsyncBearerAuth(BearerAuth):
    """BearerAuth for concurrent tasks: on an expired token one task refreshes (under an asyncio lock) while the
    others wait, then every task replays its request once with the new token."""

    def __init__(self, tokens: Any, refresh_url: Callable[[], str], owner: Any) -> None:
        super().__init__(tokens, refresh_url, owner)
        self.lock = asyncio.Lock()

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if not same_origin(request.url, self.owner.host):
            yield request  # another origin: it never gets the token
            return
        sent_with = self.authorize(request)
        response = yield request
        if not token_expired(response.status_code, await response.aread() if response.status_code == 422 else b""):
            return
        async with self.lock:
            step = self.recovery(sent_with)
            if step == "refresh":
                answer = yield self.refresh_request()
                await answer.aread()
                if not store_refreshed_tokens(self.tokens, answer):
                    raise refresh_refused(request, response, answer)
            elif step == "ask" and not await self._async_callback_allows(request):
                return
        self.authorize(request)
        yield request

    async def _async_callback_allows(self, request: httpx.Request) -> bool:
        callback = getattr(self.owner, "callback_not_authenticated", None)
        if not callback:
            return False
        allowed = callback(self.owner, request.url.path)
        if inspect.isawaitable(allowed):  # gazu calls it plainly; a coroutine function is awaited here
            allowed = await allowed
        return bool(allowed)


class AsyncHttpClient(httpx.AsyncClient):
    """An httpx.AsyncClient whose every non-2xx answer, and every transport failure, raises a typed error."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cookies = NoCookies()

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = await super().send(request, **kwargs)
        except httpx.TransportError as exc:
            start_deadline(None)  # the sync client's per-thread deadline does not apply to tasks: no stale one
            raise transport_error(request, exc) from None
        error = answer_error(request, response, await response.aread() if response.status_code >= 400 else b"")
        if error is not None:
            await response.aclose()
            raise error
        return response
