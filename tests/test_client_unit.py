"""The client's transport rules, with HTTP faked by httpx.MockTransport: errors, retries, refresh, encoding,
secrets, atomic downloads, pagination."""

from __future__ import annotations

import json
import logging
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import kitsu_helpers as gazu
from kitsu_helpers import client as raw, errors
from kitsu_helpers._default import DEFAULT
from kitsu_helpers.client import KitsuClient

HOST = "http://kitsu.test/api"
P1 = "5f4b6a1e-0000-4000-8000-000000000001"
SECRET_PASSWORD = "pa55-word-never-logged"
ACCESS = "access.token.value-0001"
REFRESH = "refresh.token.value-0002"


class Recorder:
    """A fake server: a handler function plus the list of requests it saw."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
        return self.handler(request)


def make_client(
    handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any
) -> tuple[KitsuClient, Recorder, list]:
    recorder = Recorder(handler)
    sleeps: list[float] = []
    client = KitsuClient(HOST, transport=httpx.MockTransport(recorder), sleep=sleeps.append, **kwargs)
    return client, recorder, sleeps


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.ParameterException),
        (401, errors.NotAuthenticatedException),
        (403, errors.NotAllowedException),
        (404, errors.RouteNotFoundException),
        (405, errors.MethodNotAllowedException),
        (409, errors.ParameterException),
        (413, errors.TooBigFileException),
        (422, errors.ValidationException),
        (429, errors.TooManyRequestsException),
        (500, errors.ServerErrorException),
        (502, errors.ServiceUnavailableException),
        (503, errors.ServiceUnavailableException),
        (504, errors.ServiceUnavailableException),
        (507, errors.ServerErrorException),
    ],
)
def test_each_status_raises_its_class_with_status_method_url_and_message(status: int, cls: type) -> None:
    client, _, _ = make_client(lambda r: json_response(status, {"message": f"boom {status}"}), retries=0)
    with pytest.raises(cls) as info:
        client.call("get_data_projects_instance_id", instance_id=P1)
    exc = info.value
    assert isinstance(exc, errors.GazuException)
    assert (exc.status, exc.method, exc.url) == (status, "GET", f"{HOST}/data/projects/{P1}")
    assert exc.server_message == f"boom {status}"
    assert f"boom {status}" in str(exc)
    assert str(status) in str(exc)


def test_gateway_html_page_is_a_clear_error_not_a_json_error() -> None:
    page = "<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>"
    client, _, _ = make_client(
        lambda r: httpx.Response(503, text=page, headers={"content-type": "text/html"}), retries=0
    )
    with pytest.raises(errors.ServiceUnavailableException) as info:
        raw.get("data/projects", client=client)
    assert info.value.server_message == "503 Service Temporarily Unavailable"


def test_html_answer_where_json_is_expected_is_an_unexpected_response() -> None:
    client, _, _ = make_client(
        lambda r: httpx.Response(200, text="<html>login</html>", headers={"content-type": "text/html"})
    )
    with pytest.raises(errors.UnexpectedResponseException, match="expected JSON, got text/html"):
        client.call("get_data_projects")


def test_validation_errors_carry_field_details() -> None:
    body = {"message": "Invalid data", "data": {"errors": [{"field": "name", "message": "required"}]}}
    client, _, _ = make_client(lambda r: json_response(400, body))
    with pytest.raises(errors.ParameterException, match=r"Invalid data \(name: required\)"):
        client.call("post_data_projects", json={})


# --- retries ----------------------------------------------------------------------------------


def test_idempotent_request_is_retried_on_503_then_succeeds() -> None:
    answers = iter([json_response(503, {}), json_response(502, {}), json_response(200, [{"id": "a"}])])
    client, recorder, sleeps = make_client(lambda r: next(answers))
    assert client.call("get_data_projects") == [{"id": "a"}]
    assert len(recorder.requests) == 3
    assert len(sleeps) == 2
    assert all(0 < s <= 5 for s in sleeps)


def test_retry_after_is_honoured() -> None:
    answers = iter([json_response(429, {}, {"Retry-After": "2"}), json_response(200, [])])
    client, _, sleeps = make_client(lambda r: next(answers))
    client.call("get_data_projects")
    assert sleeps == [2.0]


def test_retries_are_bounded() -> None:
    client, recorder, sleeps = make_client(lambda r: json_response(503, {"message": "down"}), retries=3)
    with pytest.raises(errors.ServiceUnavailableException):
        client.call("get_data_projects")
    assert len(recorder.requests) == 4
    assert len(sleeps) == 3


def test_zero_retries_disables_retrying() -> None:
    client, recorder, _ = make_client(lambda r: json_response(503, {}), retries=0)
    with pytest.raises(errors.ServiceUnavailableException):
        client.call("get_data_projects")
    assert len(recorder.requests) == 1


def test_post_is_not_retried_on_503() -> None:
    client, recorder, _ = make_client(lambda r: json_response(503, {}))
    with pytest.raises(errors.ServiceUnavailableException):
        client.call("post_data_projects", json={"name": "x"})
    assert len(recorder.requests) == 1


def test_post_retry_is_opt_in() -> None:
    answers = iter([json_response(503, {}), json_response(201, {"id": "p"})])
    client, recorder, _ = make_client(lambda r: next(answers), retry_post=True)
    assert client.call("post_data_projects", json={"name": "x"}) == {"id": "p"}
    assert len(recorder.requests) == 2


def test_post_whose_answer_is_lost_says_the_outcome_is_unknown() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset by peer", request=request)

    client, recorder, _ = make_client(handler)
    with pytest.raises(errors.WriteOutcomeUnknownException, match="may or may not have been applied"):
        client.call("post_data_projects", json={"name": "x"})
    assert len(recorder.requests) == 1


def test_connect_error_is_retried_even_for_post_because_nothing_was_sent() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        return json_response(201, {"id": "p"})

    client, _, _ = make_client(handler)
    assert client.call("post_data_projects", json={"name": "x"}) == {"id": "p"}
    assert len(calls) == 2


def test_get_connection_reset_is_retried_and_finally_a_host_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed", request=request)

    client, recorder, _ = make_client(handler, retries=2)
    with pytest.raises(errors.HostException, match="connection failed"):
        client.call("get_data_projects")
    assert len(recorder.requests) == 3


def test_default_timeouts_and_tls_verification() -> None:
    client = KitsuClient("https://kitsu.example.com/api")
    assert client.http.timeout.connect == 10.0
    assert client.http.timeout.read == 60.0
    inner = client.http._transport.inner  # type: ignore[attr-defined]
    assert inner._pool._ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert inner._pool._ssl_context.cert_store_stats()["x509_ca"] > 0
    assert client.transfer_timeout.read == 600.0


def test_plain_http_host_skips_the_ca_bundle_but_still_verifies_and_https_gets_it() -> None:
    client = KitsuClient("http://127.0.0.1:5600")
    context = client.http._transport.inner._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0
    client.host = "https://kitsu.example.com/api"
    context = client.http._transport.inner._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.cert_store_stats()["x509_ca"] > 0


# --- auth and refresh -------------------------------------------------------------------------


def auth_server(
    expired: set[str], refresh_ok: bool = True, delay: float = 0.0
) -> Callable[[httpx.Request], httpx.Response]:
    counter = {"n": 0}
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if request.url.path.endswith("/auth/refresh-token"):
            if delay:
                time.sleep(delay)
            if not refresh_ok or token != REFRESH:
                return json_response(401, {"msg": "bad refresh"})
            with lock:
                counter["n"] += 1
                new = f"fresh-{counter['n']}"
            return json_response(200, {"access_token": new})
        if token in expired or not token:
            return json_response(401, {"msg": "Token has expired"})
        return json_response(200, {"token_used": token})

    return handler


def test_expired_token_is_refreshed_once_and_the_request_replayed() -> None:
    client, recorder, _ = make_client(auth_server({ACCESS}), tokens={"access_token": ACCESS, "refresh_token": REFRESH})
    assert client.call("get_data_projects") == {"token_used": "fresh-1"}
    assert client.refresh_count == 1
    assert [r.url.path for r in recorder.requests] == [
        "/api/data/projects",
        "/api/auth/refresh-token",
        "/api/data/projects",
    ]


def test_eight_threads_hitting_expiry_trigger_a_single_refresh() -> None:
    client, recorder, _ = make_client(
        auth_server({ACCESS}, delay=0.2), tokens={"access_token": ACCESS, "refresh_token": REFRESH}
    )
    results: list[Any] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append(client.call("get_data_projects"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [{"token_used": "fresh-1"}] * 8
    assert sum(r.url.path.endswith("refresh-token") for r in recorder.requests) == 1
    assert client.refresh_count == 1


def test_failed_refresh_raises_not_authenticated() -> None:
    client, _, _ = make_client(
        auth_server({ACCESS}, refresh_ok=False), tokens={"access_token": ACCESS, "refresh_token": REFRESH}
    )
    with pytest.raises(errors.NotAuthenticatedException):
        client.call("get_data_projects")


def test_no_refresh_token_means_not_authenticated_without_a_refresh_call() -> None:
    client, recorder, _ = make_client(auth_server({ACCESS}), tokens={"access_token": ACCESS})
    with pytest.raises(errors.NotAuthenticatedException):
        client.call("get_data_projects")
    assert len(recorder.requests) == 1


def test_bot_token_works_with_set_token_alone() -> None:
    client, recorder, _ = make_client(auth_server(set()))
    gazu.set_token("bot.jwt.token", client=client)
    assert client.call("get_data_projects") == {"token_used": "bot.jwt.token"}
    assert recorder.requests[0].headers["authorization"] == "Bearer bot.jwt.token"


def test_callback_not_authenticated_can_authorise_one_replay() -> None:
    seen = []

    def callback(client: KitsuClient, path: str) -> bool:
        seen.append(path)
        client.access_token = "fixed"
        return True

    client, _, _ = make_client(
        auth_server({ACCESS}), tokens={"access_token": ACCESS}, callback_not_authenticated=callback
    )
    assert client.call("get_data_projects") == {"token_used": "fixed"}
    assert seen == ["/api/data/projects"]


# --- encoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    ["../../auth/logout", "..", ".", "a/b", "x?admin=1", "x#frag", "x\r\nX-Injected: 1", "%2F..%2F", "x y", "é"],
)
def test_path_parameters_never_reach_another_route(hostile: str) -> None:
    """A hostile id is refused before sending, by client.call, the raw functions and the generated functions."""
    client, recorder, _ = make_client(lambda r: json_response(200, {}))
    from kitsu_api.api.crud import get_data_projects_instance_id

    with pytest.raises(errors.ParameterException):
        client.call("get_data_projects_instance_id", instance_id=hostile)
    with pytest.raises(errors.ParameterException):
        raw.fetch_one("projects", hostile, client=client)
    with pytest.raises(errors.ParameterException):
        get_data_projects_instance_id.sync_detailed(client=client.api, instance_id=hostile)
    assert recorder.requests == []


def test_missing_or_unknown_path_parameters_fail_before_any_request() -> None:
    client, recorder, _ = make_client(lambda r: json_response(200, {}))
    with pytest.raises(errors.ParameterException, match="missing path parameter"):
        client.call("get_data_projects_instance_id")
    with pytest.raises(errors.ParameterException, match="unexpected parameter"):
        client.call("get_data_projects", project_id="x")
    with pytest.raises(errors.ParameterException, match="unknown operation"):
        client.call("get_no_such_route")
    assert recorder.requests == []


def test_query_parameters_booleans_lists_and_none() -> None:
    client, recorder, _ = make_client(lambda r: json_response(200, []))
    client.call("get_data_tasks", params={"project_id": "p", "relations": True, "ids": ["a", "b"], "skip": None})
    assert recorder.requests[0].url.query == b"project_id=p&relations=true&ids=a&ids=b"


# --- secrets ------------------------------------------------------------------------------------


def test_secrets_never_appear_in_repr_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            return json_response(200, {"login": True, "access_token": ACCESS, "refresh_token": REFRESH, "user": {}})
        return json_response(500, {"message": "kaboom"})

    caplog.set_level(logging.DEBUG)
    client, _, _ = make_client(handler, retries=0)
    gazu.log_in("a@b.c", SECRET_PASSWORD, client=client)
    with pytest.raises(errors.ServerErrorException) as info:
        client.call("get_data_projects")
    texts = [repr(client), str(info.value), repr(info.value), repr(client._tokens), caplog.text]
    for secret in (SECRET_PASSWORD, ACCESS, REFRESH):
        assert not any(secret in text for text in texts), secret


# --- downloads, uploads, pagination ----------------------------------------------------------------


class BrokenStream(httpx.SyncByteStream):
    def __iter__(self):  # type: ignore[no-untyped-def]
        yield b"x" * 1000
        raise httpx.ReadError("connection lost mid-stream")


def test_download_cut_mid_stream_leaves_nothing_behind(tmp_path: Path) -> None:
    client, _, _ = make_client(lambda r: httpx.Response(200, stream=BrokenStream(), headers={"content-length": "5000"}))
    target = tmp_path / "movie.mp4"
    with pytest.raises(errors.DownloadFileException, match="nothing written"):
        raw.download("movies/originals/preview-files/x.mp4", str(target), client=client)
    assert list(tmp_path.iterdir()) == []


def test_download_error_status_never_writes_the_error_body(tmp_path: Path) -> None:
    client, _, _ = make_client(lambda r: json_response(404, {"message": "no such file"}))
    target = tmp_path / "a.png"
    with pytest.raises(errors.RouteNotFoundException):
        raw.download("pictures/x.png", str(target), client=client)
    assert list(tmp_path.iterdir()) == []


def test_download_writes_atomically_and_reports_progress(tmp_path: Path) -> None:
    body = bytes(range(256)) * 4096
    client, _, _ = make_client(lambda r: httpx.Response(200, content=body))
    progress: list[tuple[int, int]] = []
    target = tmp_path / "sub" / "file.bin"
    raw.download("x", str(target), client=client, progress_callback=lambda n, t: progress.append((n, t)))
    assert target.read_bytes() == body
    assert progress[-1] == (len(body), len(body))
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_download_polls_202_with_a_bound(tmp_path: Path) -> None:
    client, recorder, _sleeps = make_client(lambda r: json_response(202, {}, {"Retry-After": "1"}))
    with pytest.raises(errors.PreviewFileProcessingException):
        raw.download("x", str(tmp_path / "f"), client=client, processing_timeout=0)
    assert len(recorder.requests) == 1


def test_fetch_all_paginated_walks_every_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        return json_response(200, {"data": [{"id": f"{page}-{i}"} for i in range(2)], "nb_pages": 3, "page": page})

    client, recorder, _ = make_client(handler)
    rows = raw.fetch_all("tasks", {"project_id": "p"}, client=client, paginated=True, limit=2)
    assert [r["id"] for r in rows] == ["1-0", "1-1", "2-0", "2-1", "3-0", "3-1"]
    assert all(r.url.params["project_id"] == "p" and r.url.params["limit"] == "2" for r in recorder.requests)


def test_upload_streams_the_file_with_progress(tmp_path: Path) -> None:
    data = b"0123456789" * 100_000
    source = tmp_path / "big.bin"
    source.write_bytes(data)
    received = {}

    def handler(request: httpx.Request) -> httpx.Response:
        body = request.read()
        received["size"] = len(body)
        received["has_file"] = data in body
        return json_response(201, {"id": "wf"})

    client, _, _ = make_client(handler)
    progress: list[tuple[int, int]] = []
    answer = raw.upload(
        "data/working-files/x/file", str(source), client=client, progress_callback=lambda n, t: progress.append((n, t))
    )
    assert answer == {"id": "wf"}
    assert received["has_file"]
    assert progress[-1] == (len(data), len(data))


def test_upload_of_a_missing_file_fails_before_any_request() -> None:
    client, recorder, _ = make_client(lambda r: json_response(201, {}))
    with pytest.raises(errors.FileDoesntExistException):
        raw.upload("x", "/no/such/file.png", client=client)
    assert recorder.requests == []


def test_two_clients_share_neither_tokens_nor_connections() -> None:
    a, _, _ = make_client(auth_server(set()), tokens={"access_token": "token-a"})
    b, _, _ = make_client(auth_server(set()), tokens={"access_token": "token-b"})
    assert a.call("get_data_projects") == {"token_used": "token-a"}
    assert b.call("get_data_projects") == {"token_used": "token-b"}
    assert a.http is not b.http


def test_module_functions_use_the_lazily_built_default_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DEFAULT, "current", None)
    monkeypatch.setenv("KITSU_HOST", "http://from-env.test/api")
    assert gazu.get_host() == "http://from-env.test/api"
    assert raw.default_client is raw.get_default_client()


def test_url_helpers_match_gazu() -> None:
    assert raw.url_path_join("data", "/projects/", "x") == "data/projects/x"
    assert raw.build_path_with_params("data/tasks", {"a": 1, "ids": ["x", "y"]}) == "data/tasks?a=1&ids=x&ids=y"
    assert raw.build_path_with_params("p?x=1", {"b": True}) == "p?x=1&b=true"
    assert raw.get_message_from_data({"error": True, "message": "m"}) == "m"
    assert json.loads(json.dumps(raw.encode_params({"n": None}) or {})) == {}


def test_cookies_are_never_stored() -> None:
    headers = {"set-cookie": "access_token_cookie=secret-jwt; Path=/; HttpOnly"}
    client, recorder, _ = make_client(lambda r: httpx.Response(200, json={}, headers=headers))
    client.call("get_data_projects")
    client.call("get_data_projects")
    assert len(client.http.cookies) == 0
    assert "cookie" not in recorder.requests[1].headers


def test_api_calls_never_follow_a_redirect_to_another_route() -> None:
    client, recorder, _ = make_client(lambda r: httpx.Response(308, headers={"location": "/api/auth/logout"}))
    with pytest.raises(
        errors.UnexpectedResponseException, match="redirected to /api/auth/logout, not followed"
    ) as info:
        client.call("get_data_projects_instance_id", instance_id=P1)
    assert info.value.status == 308
    assert [r.url.raw_path.decode() for r in recorder.requests] == [f"/api/data/projects/{P1}"]


def test_downloads_follow_redirects_to_the_storage(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/original.png"):
            return httpx.Response(302, headers={"location": "http://kitsu.test/storage/x.png"})
        return httpx.Response(200, content=b"PNGDATA")

    client, recorder, _ = make_client(handler)
    target = tmp_path / "x.png"
    raw.download("pictures/original.png", str(target), client=client)
    assert target.read_bytes() == b"PNGDATA"
    assert [r.url.path for r in recorder.requests] == ["/api/pictures/original.png", "/storage/x.png"]


def test_a_typed_call_the_generated_release_lacks_is_a_typed_error_not_a_raw_attribute_error() -> None:
    from kitsu_api.calls import crud

    from kitsu_helpers.errors import OperationNotInSpecException, RouteNotFoundException

    with pytest.raises(OperationNotInSpecException) as caught:
        crud.get_data_no_such_operation  # noqa: B018 - the attribute access is what is tested
    assert isinstance(caught.value, RouteNotFoundException)
    assert isinstance(caught.value, AttributeError)
    assert "get_data_no_such_operation" in str(caught.value)
    assert "nothing was sent" in str(caught.value)
    assert not hasattr(crud, "get_data_no_such_operation")


def test_raw_requests_take_their_keywords_and_refuse_a_misspelled_one_before_sending() -> None:
    client, recorder, _ = make_client(lambda r: json_response(200, {"q": r.url.query.decode()}))
    answer = client.request_json("GET", "data/projects", params={"only": True}, headers={"X-Test": "1"})
    assert answer == {"q": "only=true"}
    assert recorder.requests[0].headers["x-test"] == "1"
    with pytest.raises(TypeError, match="parmas"):
        client.request("GET", "data/projects", parmas={"only": True})  # type: ignore[call-arg]
    assert len(recorder.requests) == 1
