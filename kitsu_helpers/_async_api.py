"""The async side of the generated API: `KitsuClient.async_api`, an `AuthenticatedClient` whose httpx.AsyncClient
is kitsu_helpers.aio's (`_http_async`): the client's tokens with a single-flight refresh, its retry policy,
timeouts, total deadline, origin check, size cap and typed errors, so `await <op>.asyncio(client=client.async_api)`
behaves as `<op>.sync(client=client.api)`. Loaded only on first use of `async_api`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from ._http import RequestBounds
from ._http_async import AsyncBearerAuth, AsyncHttpClient, AsyncRetryTransport

if TYPE_CHECKING:
    from kitsu_api.client import AuthenticatedClient

    from .client import KitsuClient


def build_async_api(owner: KitsuClient, transport: httpx.AsyncBaseTransport | None = None) -> AuthenticatedClient:
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
