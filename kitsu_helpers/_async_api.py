"""The async side of the generated API: `KitsuClient.async_api`, an `AuthenticatedClient` whose httpx.AsyncClient
is kitsu_helpers.aio's (`_http_async`): the client's tokens with a single-flight refresh, its retry policy,
timeouts, total deadline, origin check, size cap and typed errors, so `await <op>.asyncio(client=client.async_api)`
behaves as `<op>.sync(client=client.api)`. Loaded only on first use of `async_api`.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Protocol

import httpx

from ._http import AuthOwner, RequestBounds, RetryPolicy, Tokens
from ._http_async import AsyncBearerAuth, AsyncHttpClient, AsyncRetryTransport

if TYPE_CHECKING:
    from kitsu_api.client import AuthenticatedClient


class AsyncApiOwner(AuthOwner, Protocol):
    """The client settings the async API shares (a KitsuClient): its auth settings, tokens, limits, retries, TLS,
    user agent."""

    _tokens: Tokens
    cert: str | tuple[str, str] | None
    deadline: float | None
    transfer_deadline: float | None
    max_response_bytes: int
    allowed_origins: tuple[str, ...]
    retry_policy: RetryPolicy
    timeout: httpx.Timeout | float | None
    user_agent: str

    def _count_write(self) -> None:
        """Note a write: the client's cached reads go stale."""

    def _tls_verify(self) -> bool | ssl.SSLContext:
        """Return what the transport verifies TLS with."""


def build_async_api(owner: AsyncApiOwner, transport: httpx.AsyncBaseTransport | None = None) -> AuthenticatedClient:
    """Return a generated `AuthenticatedClient` for `await <op>.asyncio(client=...)` that shares owner's auth."""
    from kitsu_api.client import AuthenticatedClient

    def make_inner() -> httpx.AsyncBaseTransport:
        return transport or httpx.AsyncHTTPTransport(
            verify=owner._tls_verify(), cert=owner.cert, limits=httpx.Limits(max_connections=32)
        )

    http = AsyncHttpClient(
        bounds=RequestBounds.of(
            owner.deadline, owner.transfer_deadline, owner.max_response_bytes, owner.allowed_origins
        ),
        on_write=owner._count_write,
        base_url=owner.host + "/",
        auth=AsyncBearerAuth(owner._tokens, owner),
        transport=AsyncRetryTransport(make_inner, owner.retry_policy),
        timeout=owner.timeout,
        headers={"User-Agent": owner.user_agent},
        follow_redirects=False,
    )
    api = AuthenticatedClient(base_url=owner.host, token="", raise_on_unexpected_status=True)
    api.set_async_httpx_client(http)
    return api
