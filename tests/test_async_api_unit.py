"""`KitsuClient.async_api` rules with HTTP faked by httpx.MockTransport: the same auth, refresh, retries, deadline,
size cap and typed errors as the sync client, through `await <generated op>.asyncio(...)`."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from kitsu_api.api.crud import get_data_projects_instance_id, post_data_projects

from kitsu_helpers import KitsuClient, errors
from kitsu_helpers._async_api import build_async_api
from kitsu_helpers._http import start_deadline
from tests.hostile_server import Answer, HostileServer

HOST = "http://kitsu.test/api"
PROJECT_ID = "4b1c3f5e-0d7a-4c41-9a57-6b8f2e0c9d11"
Handler = Callable[[httpx.Request], Awaitable[httpx.Response]]


def make(handler: Handler, **kwargs: Any) -> tuple[KitsuClient, Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    async def recorder(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return await handler(request)

    client = KitsuClient(HOST, access_token="old", refresh_token="refresh", **kwargs)
    return client, build_async_api(client, httpx.MockTransport(recorder)), seen


def project(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"id": PROJECT_ID, "name": "P", "unknown_field": [1]})


def test_the_bearer_token_is_sent_and_the_answer_parsed() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return project(request)

    _, api, seen = make(handler)
    parsed = asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))
    assert parsed is not None
    assert not isinstance(parsed, list)
    assert str(parsed.id) == PROJECT_ID
    assert parsed["unknown_field"] == [1]
    assert seen[0].headers["Authorization"] == "Bearer old"
    assert str(seen[0].url) == f"{HOST}/data/projects/{PROJECT_ID}"


def test_a_503_get_is_retried_a_post_is_not() -> None:
    answers = iter([503, 200])

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(503, json={"message": "busy"})
        return project(request) if next(answers) == 200 else httpx.Response(503)

    client, api, seen = make(handler)
    assert asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api)) is not None
    assert len(seen) == 2
    from kitsu_api.models import PostDataProjectsBody

    with pytest.raises(errors.ServiceUnavailableException) as caught:
        asyncio.run(post_data_projects.asyncio(client=api, body=PostDataProjectsBody(name="x")))
    assert caught.value.status == 503
    assert caught.value.method == "POST"
    assert len(seen) == 3
    assert client.generation == 1  # async writes make cached reads stale too


def test_errors_are_typed_with_status_method_url_and_message() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"message": "no such project"})

    _, api, _ = make(handler)
    with pytest.raises(errors.RouteNotFoundException) as caught:
        asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))
    assert caught.value.status == 404
    assert caught.value.method == "GET"
    assert caught.value.url == f"{HOST}/data/projects/{PROJECT_ID}"
    assert caught.value.server_message == "no such project"


def test_one_refresh_for_concurrent_calls_then_a_replay() -> None:
    refreshes = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal refreshes
        if request.url.path.endswith("/auth/refresh-token"):
            refreshes += 1
            await asyncio.sleep(0.05)
            return httpx.Response(200, json={"access_token": "new"})
        if request.headers.get("Authorization") != "Bearer new":
            return httpx.Response(401, json={"msg": "Token has expired"})
        return project(request)

    client, api, _ = make(handler)

    async def five() -> list[Any]:
        return list(
            await asyncio.gather(*(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api) for _ in range(5)))
        )

    assert all(str(p.id) == PROJECT_ID for p in asyncio.run(five()))
    assert refreshes == 1
    assert client.refresh_count == 1
    assert client.access_token == "new"


def test_a_refused_refresh_raises_not_authenticated() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/refresh-token"):
            return httpx.Response(200, text="<html>login</html>", headers={"content-type": "text/html"})
        return httpx.Response(401)

    client, api, _ = make(handler)
    with pytest.raises(errors.NotAuthenticatedException):
        asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))
    assert client.access_token == "old"


def test_the_total_deadline_ends_a_slow_answer() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        return project(request)

    _, api, _ = make(handler, deadline=0.3)
    start = time.monotonic()
    with pytest.raises(errors.TimeoutException):
        asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))
    assert time.monotonic() - start < 3


class Chunks(httpx.AsyncByteStream):
    """A body that arrives in pieces (not preloaded), as from a socket."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.body), 512):
            yield self.body[start : start + 512]


def test_an_answer_over_the_size_cap_is_refused() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Chunks(json.dumps({"name": "x" * 5000}).encode()))

    _, api, _ = make(handler, max_response_bytes=1000)
    with pytest.raises(errors.ResponseTooLargeException):
        asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))


def test_a_connection_failure_is_typed() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    _, api, seen = make(handler, retries=1)
    start_deadline(0.0)  # a sync request of this thread whose deadline has passed: not this request's
    with pytest.raises(errors.ConnectionFailedException):
        asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))
    assert len(seen) == 2  # one retry: nothing was sent


def test_another_origin_is_refused_and_never_gets_the_token() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return project(request)

    _, api, seen = make(handler)
    with pytest.raises(errors.InvalidParameterValueException):
        asyncio.run(api.get_async_httpx_client().get("http://evil.test/steal"))
    assert seen == []


def test_the_client_works_across_event_loops() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return project(request)

    _, api, seen = make(handler)
    for _ in range(2):
        asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=api))
    assert len(seen) == 2


def test_client_api_is_awaitable_without_an_illegal_header() -> None:
    """`await <op>.asyncio(client=client.api)` used to fail with `Illegal header value b'Bearer '`."""
    client = KitsuClient(HOST, access_token="t")
    assert client.api is client.async_api
    assert "Authorization" not in client.api.get_async_httpx_client().headers


def test_a_dripping_server_hits_the_total_deadline() -> None:
    """A real socket that sends one byte at a time: each read is quick, the whole answer is not."""
    answer = Answer(200, {"Content-Type": "application/json"}, b"[" + b" " * 200 + b"]", drip=0.05)
    with HostileServer(lambda *a: answer) as server:
        client = KitsuClient(server.url + "/api", access_token="t", deadline=1.0)
        started = time.monotonic()
        with pytest.raises(errors.TimeoutException, match="deadline"):
            asyncio.run(get_data_projects_instance_id.asyncio(PROJECT_ID, client=client.async_api))
        assert time.monotonic() - started < 3
