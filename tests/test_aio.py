"""kitsu_helpers.aio, gazu.aio's equivalent: every public function against the real local Zou (50 concurrent
requests, a refresh under concurrency, two-factor logins, uploads and atomic downloads, hostile ids), and the
transport rules it shares with the sync client with HTTP faked by httpx.MockTransport (error classes, retries,
single-flight refresh, streamed uploads, interrupted downloads). Each test drives its own event loop."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import start_instance
from fixtures_people import totp_code, write_png

import kitsu_helpers as gazu
from kitsu_helpers import aio, client as raw, errors
from kitsu_helpers.client import KitsuClient


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


async def session(zou: dict[str, Any], **kwargs: Any) -> aio.AsyncKitsuClient:
    return await aio.create_session(zou["url"], zou["email"], zou["password"], **kwargs)


# --- the gazu.aio surface -------------------------------------------------------------------------

# gazu 1.3.1's gazu/aio.py, read off its source: every public function and its parameters.
GAZU_AIO = {
    "get_full_url": "path, client",
    "check_status": "response, path, client=None",
    "get": "path, json_response=True, params=None, client=None",
    "post": "path, data, client=None",
    "put": "path, data, client=None",
    "delete": "path, params=None, client=None",
    "fetch_all": "path, params=None, client=None, paginated=False, limit=None, fields=None",
    "fetch_first": "path, params=None, client=None",
    "fetch_one": "model_name, id, params=None, client=None",
    "create": "model_name, data, client=None",
    "update": "model_name, model_id, data, client=None",
    "upload": "path, file_path=None, data=None, extra_files=None, client=None, progress_callback=None",
    "download": "path, file_path, params=None, client=None, progress_callback=None",
    "log_in": "email, password, totp=None, email_otp=None, fido_authentication_response=None, recovery_code=None, "
    "client=None",
    "log_out": "client",
    "check_server_status": "client",
    "create_session": "host, email, password, totp=None, email_otp=None, fido_authentication_response=None, "
    "recovery_code=None, ssl_verify=True, use_refresh_token=False, callback_not_authenticated=None",
}
GAZU_AIO_CLIENT = (
    "host, ssl_verify=True, use_refresh_token=True, callback_not_authenticated=None, tokens=None, "
    "access_token=None, refresh_token=None"
)


def positional_signature(func: Callable[..., Any]) -> str:
    parts = []
    for p in inspect.signature(func).parameters.values():
        if p.name == "self" or p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            continue
        parts.append(p.name if p.default is p.empty else f"{p.name}={p.default!r}")
    return ", ".join(parts)


@pytest.mark.parametrize("name", sorted(GAZU_AIO))
def test_every_gazu_aio_function_exists_with_gazu_parameters(name: str) -> None:
    func = getattr(aio, name)
    ours = positional_signature(func)
    expected = GAZU_AIO[name]
    assert ours == expected or ours.startswith(expected + ", "), ours  # extra trailing options only
    assert inspect.iscoroutinefunction(func) == (name != "get_full_url")


def test_async_client_has_gazu_constructor_and_members() -> None:
    assert positional_signature(aio.AsyncKitsuClient.__init__) == GAZU_AIO_CLIENT
    client = aio.AsyncKitsuClient("http://kitsu.test/api/", tokens={"access_token": "a", "refresh_token": "r"})
    assert (client.access_token, client.refresh_token, client.ssl_verify, client.use_refresh_token) == (
        "a",
        "r",
        True,
        True,
    )
    client.tokens["access_token"] = "changed"  # gazu's tokens is a plain dict the auth reads
    assert client.make_auth_header()["Authorization"] == "Bearer changed"
    assert inspect.iscoroutinefunction(client.refresh_access_token)
    assert isinstance(client.session, httpx.AsyncClient)
    assert aio.get_full_url("data/projects", client) == "http://kitsu.test/api/data/projects"
    assert gazu.aio is aio  # reachable as gazu.aio after `import kitsu_helpers as gazu`


def test_module_functions_require_a_client() -> None:
    with pytest.raises(TypeError, match="no default client"):
        run(aio.get("data/projects"))


# --- against the real Zou --------------------------------------------------------------------------


def test_raw_calls_and_model_helpers_against_zou(zou: dict[str, Any], unique: Callable[[str], str]) -> None:
    name, other = unique("aio-dept"), unique("aio-dept2")

    async def scenario() -> dict[str, Any]:
        async with await session(zou) as client:
            created = await aio.create("departments", {"name": name, "color": "#000000"}, client=client)
            one = await aio.fetch_one("departments", created["id"], client=client)
            updated = await aio.update("departments", created["id"], {"color": "#123456"}, client=client)
            listed = await aio.fetch_all("departments", {"name": name}, client=client)
            only_names = await aio.fetch_all("departments", fields=["id", "name"], client=client)
            paged = await aio.fetch_all("departments", paginated=True, limit=1, client=client)
            unpaged = await aio.fetch_all("departments", client=client)
            first = await aio.fetch_first("departments", {"name": name}, client=client)
            none = await aio.fetch_first("departments", {"name": name + "-none"}, client=client)
            got = await aio.get(f"data/departments/{created['id']}", client=client)
            text = await aio.get(f"data/departments/{created['id']}", json_response=False, client=client)
            posted = await aio.post("data/departments", {"name": other, "color": "#000000"}, client=client)
            put = await aio.put(f"data/departments/{posted['id']}", {"color": "#654321"}, client=client)
            deleted = [await aio.delete(f"data/departments/{d['id']}", client=client) for d in (created, posted)]
            with pytest.raises(errors.RouteNotFoundException) as gone:
                await aio.fetch_one("departments", created["id"], client=client)
            return locals()

    r = run(scenario())
    assert r["one"]["name"] == name
    assert r["one"]["id"] == r["created"]["id"]
    assert r["updated"]["color"] == "#123456"
    assert [d["id"] for d in r["listed"]] == [r["created"]["id"]]
    assert all(set(d) <= {"id", "name", "type"} for d in r["only_names"])
    assert sorted(d["id"] for d in r["paged"]) == sorted(d["id"] for d in r["unpaged"])
    assert len(r["paged"]) >= 2
    assert r["first"]["id"] == r["created"]["id"]
    assert r["none"] is None
    assert r["got"]["color"] == "#123456"
    assert isinstance(r["text"], str)
    assert r["created"]["id"] in r["text"]
    assert r["put"]["color"] == "#654321"
    assert r["put"]["name"] == other
    assert r["deleted"] == ["", ""]
    assert r["gone"].value.status == 404
    assert r["gone"].value.method == "GET"


def test_context_manager_logs_out_and_log_out_revokes_the_token(zou: dict[str, Any]) -> None:
    async def scenario() -> tuple[str, str, dict[str, Any]]:
        async with await session(zou) as client:
            assert client.access_token
            assert client.tokens["user"]["email"] == zou["email"]
            exited_with = client.access_token
        assert client.tokens == {"access_token": None, "refresh_token": None}
        other = await session(zou)
        logged_out_with = other.access_token
        emptied = await aio.log_out(other)
        await other.aclose()
        for token in (exited_with, logged_out_with):
            async with aio.AsyncKitsuClient(zou["url"], access_token=token) as stale:
                with pytest.raises(errors.NotAuthenticatedException):
                    await aio.get("auth/authenticated", client=stale)
        return exited_with, logged_out_with, emptied

    _, _, emptied = run(scenario())
    assert emptied == {"access_token": None, "refresh_token": None}


def test_wrong_password_raises_auth_failed(zou: dict[str, Any]) -> None:
    async def scenario() -> None:
        with pytest.raises(errors.AuthFailedException) as info:
            await aio.create_session(zou["url"], zou["email"], zou["password"] + "-wrong")
        assert zou["password"] not in str(info.value)

    run(scenario())


def test_check_server_status(zou: dict[str, Any]) -> None:
    async def scenario() -> tuple[bool, bool]:
        async with (
            aio.AsyncKitsuClient(zou["url"]) as up,
            aio.AsyncKitsuClient("http://127.0.0.1:9", retries=0) as down,
        ):
            return await aio.check_server_status(up), await aio.check_server_status(down)

    assert run(scenario()) == (True, False)


@pytest.fixture
def person_with_password(admin_client: KitsuClient) -> Any:
    email = f"aio-{uuid.uuid4().hex[:8]}@example.com"
    person = gazu.person.new_person("Aio", "Tester", email, client=admin_client)
    password = "Aio-Test-Pass-2026"
    gazu.person.change_password_for_person(person, password, client=admin_client)
    yield email, password
    gazu.person.remove_person(person, force=True, client=admin_client)


def test_log_in_with_totp_and_with_a_recovery_code(zou: dict[str, Any], person_with_password: Any) -> None:
    email, password = person_with_password

    async def scenario() -> None:
        async with await aio.create_session(zou["url"], email, password) as client:
            secret = (await client.call("put_auth_totp"))["otp_secret"]
            enabled = await client.call("post_auth_totp", json={"totp": totp_code(secret)})
        codes = enabled["otp_recovery_codes"]
        with pytest.raises(errors.AuthFailedException):
            await aio.create_session(zou["url"], email, password)  # the second factor is now required
        wrong = f"{(int(totp_code(secret)) + 500_000) % 1_000_000:06d}"
        with pytest.raises(errors.AuthFailedException):
            await aio.create_session(zou["url"], email, password, totp=wrong)
        async with await aio.create_session(zou["url"], email, password, totp=totp_code(secret)) as client:
            assert (await aio.get("auth/authenticated", client=client))["user"]["email"] == email
        client = aio.AsyncKitsuClient(zou["url"])
        answer = await aio.log_in(email, password, recovery_code=codes[0], client=client)
        assert answer["access_token"] == client.access_token
        assert (await aio.get("auth/authenticated", client=client))["user"]["email"] == email
        await client.__aexit__(None, None, None)

    run(scenario())


def test_fifty_concurrent_requests_on_one_client(zou: dict[str, Any], new_project: Callable[..., dict]) -> None:
    project = new_project()

    async def scenario() -> list[dict[str, Any]]:
        async with await session(zou) as client:
            return await asyncio.gather(*(aio.fetch_one("projects", project["id"], client=client) for _ in range(50)))

    projects = run(scenario())
    assert [p["id"] for p in projects] == [project["id"]] * 50


def test_one_refresh_for_twenty_concurrent_requests_with_expired_tokens(zou: dict[str, Any]) -> None:
    short = start_instance("short", ZOU_ACCESS_TOKEN_SECONDS="3", ZOU_API_WORKERS="1")

    async def scenario() -> tuple[list[str], int, str | None, str | None]:
        async with await aio.create_session(
            short["url"], short["email"], short["password"], use_refresh_token=True
        ) as c:
            before = c.access_token
            await asyncio.sleep(3.5)
            users = await asyncio.gather(*(aio.get("auth/authenticated", client=c) for _ in range(20)))
            return [u["user"]["email"] for u in users], c.refresh_count, before, c.access_token

    emails, refreshes, before, after = run(scenario())
    assert emails == [short["email"]] * 20
    assert refreshes == 1
    assert before != after


def test_upload_then_download_atomically(
    zou: dict[str, Any], admin_client: KitsuClient, new_project: Callable[..., dict], tmp_path: Path
) -> None:
    project = new_project()
    png = write_png(tmp_path / "thumb.png", size=64)
    upload_path = admin_client.path_of("post_pictures_thumbnails_projects_instance_id", instance_id=project["id"])
    download_path = admin_client.path_of("get_pictures_thumbnails_projects_instance_id_png", instance_id=project["id"])
    target = tmp_path / "out" / "thumb.png"
    progress: list[tuple[int, int]] = []

    async def scenario() -> tuple[Any, Any]:
        async with await session(zou) as client:
            uploaded = await aio.upload(
                upload_path, str(png), client=client, progress_callback=lambda d, t: progress.append((d, t))
            )
            response = await aio.download(download_path, str(target), client=client)
            with pytest.raises(errors.RouteNotFoundException):
                await aio.download(
                    download_path.replace(project["id"], str(uuid.uuid4())),
                    str(tmp_path / "out" / "missing.png"),
                    client=client,
                )
            with pytest.raises(errors.FileDoesntExistException):
                await aio.upload(upload_path, str(tmp_path / "nope.png"), client=client)
            return uploaded, response

    uploaded, response = run(scenario())
    assert uploaded is not None
    assert progress[-1] == (png.stat().st_size, png.stat().st_size)
    assert response.status_code == 200
    assert target.read_bytes() == raw.get_file_data_from_url(download_path, client=admin_client)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in target.parent.iterdir()) == ["thumb.png"]  # nothing left by the failed download


HOSTILE = ["../../auth/logout", "..", ".", "%2F..%2Fauth", "a?b=c", "a#b", "x\r\nX-Evil: 1", "nul\x00byte", "a/b/c"]


class RecordingTransport(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.raw_path.decode().split("?", 1)[0])
        return await self.inner.handle_async_request(request)


def test_hostile_ids_are_refused_and_stay_on_their_route(zou: dict[str, Any]) -> None:
    transport = RecordingTransport()

    async def scenario() -> list[Exception]:
        client = aio.AsyncKitsuClient(zou["url"], transport=transport, retries=0)
        await aio.log_in(zou["email"], zou["password"], client=client)
        outcomes = []
        for value in HOSTILE:
            for call in (
                lambda v: aio.fetch_one("projects", v, client=client),
                lambda v: aio.update("projects", v, {"name": "hijacked"}, client=client),
            ):
                before = len(transport.paths)
                with pytest.raises(errors.GazuException) as info:  # refused: a typed error, nothing reached elsewhere
                    await call(value)
                outcomes.append(info.value)
                for path in transport.paths[before:]:
                    assert path.startswith("/data/projects/"), path
                    assert len(path.split("/")) == 4, path
                    assert not any(ch in path for ch in "?#\r\n\x00 "), path
        await client.__aexit__(None, None, None)
        return outcomes

    outcomes = run(scenario())  # refused before sending (ParameterException) or by Zou on its own route
    assert all(isinstance(e, (errors.ParameterException, errors.RouteNotFoundException)) for e in outcomes), outcomes


# --- transport rules, with HTTP faked -------------------------------------------------------------

HOST = "http://kitsu.test/api"
ACCESS, REFRESH = "access.token.aio-0001", "refresh.token.aio-0002"
Handler = Callable[[httpx.Request], "httpx.Response | Awaitable[httpx.Response]"]


def fake(handler: Handler, **kwargs: Any) -> tuple[aio.AsyncKitsuClient, list[httpx.Request], list[float]]:
    seen: list[httpx.Request] = []
    sleeps: list[float] = []

    async def recorded(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = handler(request)
        return await answer if inspect.isawaitable(answer) else answer

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    kwargs.setdefault("tokens", {"access_token": ACCESS, "refresh_token": REFRESH})
    client = aio.AsyncKitsuClient(HOST, transport=httpx.MockTransport(recorded), sleep=sleep, **kwargs)
    return client, seen, sleeps


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.ParameterException),
        (403, errors.NotAllowedException),
        (404, errors.RouteNotFoundException),
        (405, errors.MethodNotAllowedException),
        (413, errors.TooBigFileException),
        (422, errors.ValidationException),
        (500, errors.ServerErrorException),
        (503, errors.ServiceUnavailableException),
    ],
)
def test_statuses_raise_the_sync_clients_exception_classes(status: int, cls: type) -> None:
    client, _, _ = fake(lambda r: httpx.Response(status, json={"message": f"server says {status}"}), retries=0)
    with pytest.raises(cls) as info:
        run(aio.get("data/things", client=client))
    exc = info.value
    assert (exc.status, exc.method, exc.url) == (status, "GET", f"{HOST}/data/things")
    assert exc.server_message == f"server says {status}"


def test_a_redirect_is_not_followed() -> None:
    client, seen, _ = fake(lambda r: httpx.Response(302, headers={"location": "http://elsewhere.test/x"}))
    with pytest.raises(errors.UnexpectedResponseException, match="elsewhere"):
        run(aio.get("data/projects", client=client))
    assert len(seen) == 1


def test_get_is_retried_on_503_honouring_retry_after() -> None:
    answers = [httpx.Response(503, headers={"Retry-After": "2"}), httpx.Response(503), httpx.Response(200, json=[1])]
    client, seen, sleeps = fake(lambda r: answers.pop(0))
    assert run(aio.get("data/projects", client=client)) == [1]
    assert len(seen) == 3
    assert sleeps[0] == 2
    assert 0 < sleeps[1] <= 5


def test_post_is_not_retried_on_503_and_a_lost_answer_says_so() -> None:
    client, seen, sleeps = fake(lambda r: httpx.Response(503))
    with pytest.raises(errors.ServiceUnavailableException):
        run(aio.post("data/projects", {"name": "x"}, client=client))
    assert len(seen) == 1
    assert sleeps == []

    def lost(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset", request=request)

    client, seen, _ = fake(lost)
    with pytest.raises(errors.WriteOutcomeUnknownException):
        run(aio.create("projects", {"name": "x"}, client=client))
    assert len(seen) == 1


def test_refused_connection_is_retried_then_raises_connection_failed() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client, seen, sleeps = fake(refused, retries=3)
    with pytest.raises(errors.ConnectionFailedException):
        run(aio.fetch_all("projects", client=client))
    assert len(seen) == 4
    assert len(sleeps) == 3


def test_timeouts_are_the_sync_clients() -> None:
    ours = aio.AsyncKitsuClient(HOST)
    sync = KitsuClient(HOST)
    assert ours.session.timeout == sync.http.timeout
    assert (ours.transfer_timeout, ours.retry_policy) == (sync.transfer_timeout, sync.retry_policy)


def auth_server(refresh_ok: bool = True) -> tuple[Handler, dict[str, int]]:
    counts = {"refresh": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if request.url.path.endswith("/auth/refresh-token"):
            counts["refresh"] += 1
            await asyncio.sleep(0.05)  # slow enough that the other tasks' 401s arrive meanwhile
            if not refresh_ok or token != REFRESH:
                return httpx.Response(401, json={"msg": "bad refresh token"})
            return httpx.Response(200, json={"access_token": f"fresh-{counts['refresh']}"})
        await asyncio.sleep(0.01)
        if token == ACCESS or not token:
            return httpx.Response(401, json={"msg": "Token has expired"})
        return httpx.Response(200, json={"token_used": token})

    return handler, counts


def test_twenty_tasks_with_an_expired_token_share_one_refresh() -> None:
    handler, counts = auth_server()
    client, seen, _ = fake(handler)

    async def scenario() -> list[Any]:
        return await asyncio.gather(*(aio.get("data/projects", client=client) for _ in range(20)))

    assert run(scenario()) == [{"token_used": "fresh-1"}] * 20
    assert counts["refresh"] == 1
    assert client.refresh_count == 1
    assert client.tokens["access_token"] == "fresh-1"
    assert len(seen) == 20 + 1 + 20  # each request sent once, replayed once


def test_refused_refresh_and_disabled_refresh_raise_not_authenticated() -> None:
    handler, counts = auth_server(refresh_ok=False)
    client, _, _ = fake(handler)
    with pytest.raises(errors.NotAuthenticatedException):
        run(aio.get("data/projects", client=client))
    assert counts["refresh"] == 1

    handler, counts = auth_server()
    client, _, _ = fake(handler, use_refresh_token=False)
    with pytest.raises(errors.NotAuthenticatedException):
        run(aio.get("data/projects", client=client))
    assert counts["refresh"] == 0


def test_callback_not_authenticated_may_supply_a_token_and_allow_one_replay() -> None:
    handler, _ = auth_server()
    calls: list[str] = []

    async def callback(client: aio.AsyncKitsuClient, path: str) -> bool:
        calls.append(path)
        client.access_token = "from-the-callback"
        return True

    client, seen, _ = fake(handler, tokens={"access_token": ACCESS}, callback_not_authenticated=callback)
    assert run(aio.get("data/projects", client=client)) == {"token_used": "from-the-callback"}
    assert calls == ["/api/data/projects"]
    assert len(seen) == 2


def test_explicit_refresh_access_token() -> None:
    handler, counts = auth_server()
    client, _, _ = fake(handler)
    assert run(client.refresh_access_token()) == {"access_token": "fresh-1"}
    assert client.access_token == "fresh-1"
    assert client.refresh_token == REFRESH
    assert counts["refresh"] == 1
    with pytest.raises(errors.NotAuthenticatedException):
        run(aio.AsyncKitsuClient(HOST).refresh_access_token())


def test_log_in_sends_every_second_factor_and_stores_the_answer() -> None:
    bodies: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        if body.get("recovery_code") == "wrong":
            return httpx.Response(400, json={"message": "Wrong recovery code"})
        return httpx.Response(200, json={"login": True, "access_token": "a1", "refresh_token": "r1", "user": {}})

    client, _, _ = fake(handler, tokens=None)
    fido = {"id": "credential-id", "response": {"signature": "sig"}}
    answer = run(
        aio.log_in(
            "me@example.com", "pw", totp="123456", email_otp="654321", fido_authentication_response=fido, client=client
        )
    )
    assert bodies[0] == {
        "email": "me@example.com",
        "password": "pw",
        "totp": "123456",
        "email_otp": "654321",
        "fido_authentication_response": fido,
    }
    assert client.tokens is answer
    assert client.access_token == "a1"
    assert client.refresh_token == "r1"
    with pytest.raises(errors.AuthFailedException, match="Wrong recovery code") as info:
        run(aio.log_in("me@example.com", "pw", recovery_code="wrong", client=client))
    assert info.value.status == 400
    assert bodies[1]["recovery_code"] == "wrong"


def test_secrets_stay_out_of_repr() -> None:
    client = aio.AsyncKitsuClient(HOST, access_token=ACCESS, refresh_token=REFRESH)
    assert ACCESS not in repr(client)
    assert REFRESH not in repr(client)


def test_paginated_fetch_all_reads_every_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        assert request.url.params["limit"] == "2"
        data = [{"id": f"{page}-{i}"} for i in range(2 if page < 3 else 1)]
        return httpx.Response(200, json={"data": data, "nb_pages": 3, "page": page})

    client, seen, _ = fake(handler)
    entries = run(aio.fetch_all("tasks", {"project_id": "p"}, client=client, paginated=True, limit=2))
    assert [e["id"] for e in entries] == ["1-0", "1-1", "2-0", "2-1", "3-0"]
    assert len(seen) == 3


class ChunkRecorder(httpx.AsyncBaseTransport):
    """A fake server that reads the request body as it streams in and records the chunk sizes."""

    def __init__(self) -> None:
        self.chunks: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        async for chunk in request.stream:
            self.chunks.append(len(chunk))
        return httpx.Response(201, json={"id": "uploaded"})


def test_upload_streams_the_file_in_chunks(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(8 * 2**20))
    transport = ChunkRecorder()
    client = aio.AsyncKitsuClient(HOST, transport=transport)
    seen: list[tuple[int, int]] = []
    assert run(aio.upload("data/x", str(big), client=client, progress_callback=lambda d, t: seen.append((d, t)))) == {
        "id": "uploaded"
    }
    assert sum(transport.chunks) > big.stat().st_size
    assert max(transport.chunks) <= 2**20
    assert len(transport.chunks) >= 8
    assert seen[-1] == (8 * 2**20, 8 * 2**20)


class BrokenBody(httpx.AsyncByteStream):
    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"x" * 1000
        raise httpx.ReadError("connection reset mid-body")


def test_interrupted_download_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "keep.bin"
    target.write_bytes(b"previous content")
    client, _, _ = fake(lambda r: httpx.Response(200, headers={"content-length": "5000"}, stream=BrokenBody()))
    with pytest.raises(errors.DownloadFileException, match="interrupted"):
        run(aio.download("data/file", str(target), client=client))
    assert target.read_bytes() == b"previous content"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.bin"]


def test_download_waits_for_a_preview_being_processed(tmp_path: Path) -> None:
    answers = [httpx.Response(202, headers={"Retry-After": "1"}, json={}), httpx.Response(200, content=b"movie")]
    client, seen, sleeps = fake(lambda r: answers.pop(0))
    started = time.monotonic()
    run(aio.download("movies/originals/preview-files/x.mp4", str(tmp_path / "x.mp4"), client=client))
    assert (tmp_path / "x.mp4").read_bytes() == b"movie"
    assert len(seen) == 2
    assert sleeps == [1]
    assert time.monotonic() - started < 1  # the wait went through the client's (fake) sleep


def test_check_status_raises_typed_errors() -> None:
    request = httpx.Request("GET", f"{HOST}/data/x")
    assert run(aio.check_status(httpx.Response(200, request=request), "data/x")) == (200, False)
    with pytest.raises(errors.RouteNotFoundException):
        run(aio.check_status(httpx.Response(404, request=request), "data/x"))
