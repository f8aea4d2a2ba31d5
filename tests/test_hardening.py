"""Hardening (issue 13): path values checked where every path is built, typed errors for hostile answers,
bounded time and size, no token sent to another origin. Hostile answers come from a loopback server."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
import uuid
from typing import Any

import httpx
import pytest

import kitsu_helpers as gazu
from kitsu_helpers import errors
from kitsu_helpers.client import KitsuClient
from tests.hostile_server import Answer, HostileServer, json_answer

PROJECT_ID = "5f4b6a1e-0000-4000-8000-000000000001"
HOSTILE_IDS: list[Any] = [
    "..",
    ".",
    "../persons",
    "..%2F..",
    "%2E%2E",
    "a/b",
    "%2F",
    "%252F",
    "a\\b",
    "\x00",
    "x\r\nHost: evil",
    "",
    "x" * 10_000_000,
    None,
    42,
    ["a"],
    {"id": PROJECT_ID},
    object(),
    "not-a-uuid",
    PROJECT_ID + "/..",
]


def recording_client(**kwargs: Any) -> tuple[KitsuClient, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"id": PROJECT_ID})

    client = KitsuClient("http://kitsu.test/api", transport=httpx.MockTransport(handler), **kwargs)
    client.access_token = "secret-access-token"
    return client, sent


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=lambda v: repr(v)[:30])
def test_hostile_id_is_refused_before_sending_by_call(value: Any) -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException) as info:
        client.call("get_data_projects_instance_id", instance_id=value)
    assert sent == []
    assert info.value.method == "GET"
    assert info.value.url == "/data/projects/{instance_id}"
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=lambda v: repr(v)[:30])
def test_hostile_id_is_refused_before_sending_by_the_generated_function(value: Any) -> None:
    from kitsu_api.api.crud import get_data_projects_instance_id

    client, sent = recording_client()
    with pytest.raises(errors.ParameterException):
        get_data_projects_instance_id.sync_detailed(value, client=client.api)
    assert sent == []


@pytest.mark.parametrize("value", ["..", ".", "a/b", "a\\b", "x\ny", "", "x" * 2000, None, b"bytes", "..."])
def test_free_text_path_values_are_refused_when_unsafe(value: Any) -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException):
        client.call(
            "get_data_attachment_files_attachment_file_id_file_file_name",
            attachment_file_id=PROJECT_ID,
            file_name=value,
        )
    assert sent == []


def test_safe_values_are_encoded_and_sent() -> None:
    client, sent = recording_client()
    client.call(
        "get_data_attachment_files_attachment_file_id_file_file_name",
        attachment_file_id=uuid.UUID(PROJECT_ID),
        file_name="my shot %2F v1.final.png",
    )
    assert sent[0].url.raw_path.decode() == (
        f"/api/data/attachment-files/{PROJECT_ID}/file/my%20shot%20%252F%20v1%2Efinal%2Epng"
    )


def test_every_spec_uuid_path_parameter_is_checked_as_an_id() -> None:
    from kitsu_helpers.path_params import is_id_parameter

    spec = json.loads((__import__("pathlib").Path(__file__).parent.parent / "openapi" / "source.json").read_text())
    declared = {
        p["name"]
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
        for p in op.get("parameters", [])
        if p.get("in") == "path" and (p.get("schema") or {}).get("format") in ("uuid", "UUID")
    }
    assert declared
    assert all(is_id_parameter(name) for name in declared)


def test_unknown_operation_and_wrong_path_parameters_are_typed_errors() -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException, match="unknown operation"):
        client.call("get_data_projectz")
    with pytest.raises(errors.ParameterException, match="missing path parameter"):
        client.call("get_data_projects_instance_id")
    with pytest.raises(errors.ParameterException, match="unexpected parameter"):
        client.call("get_data_projects_instance_id", instance_id=PROJECT_ID, project_id=PROJECT_ID)
    assert sent == []


@pytest.mark.parametrize("value", [{"id": None}, {"id": "../persons"}, {"id": {"id": PROJECT_ID}}, {"name": "x"}])
def test_model_dicts_without_a_usable_id_are_refused(value: Any) -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException):
        gazu.project.get_project(value, client=client)
    with pytest.raises(errors.ParameterException):
        gazu.client.fetch_one("projects", value, client=client)
    assert sent == []


def test_raw_fetch_one_refuses_a_model_name_that_walks() -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException):
        gazu.client.fetch_one("projects/../persons", PROJECT_ID, client=client)
    assert sent == []


def test_lookup_by_name_refuses_none() -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException):
        gazu.project.get_project_by_name(None, client=client)  # type: ignore[arg-type]
    assert sent == []


def test_a_ten_megabyte_query_value_is_a_typed_error() -> None:
    client, sent = recording_client()
    with pytest.raises(errors.ParameterException):
        client.call("get_data_projects", params={"name": "x" * 10_000_000})
    assert sent == []


# --- hostile answers ------------------------------------------------------------------------------------------


def hostile_client(server: HostileServer, **kwargs: Any) -> KitsuClient:
    kwargs.setdefault("sleep", lambda seconds: None)
    client = KitsuClient(server.url + "/api", **kwargs)
    client.tokens = {"access_token": "old-access", "refresh_token": "the-refresh-token"}
    return client


def test_a_retry_after_that_is_neither_seconds_nor_a_date_keeps_retrying() -> None:
    answers = iter([Answer(503, {"Retry-After": "soon"}), Answer(503, {"Retry-After": "Tue, 99 Foo"})])

    def handler(method: str, path: str, headers: dict[str, str]) -> Answer:
        return next(answers, json_answer("[]"))

    with HostileServer(handler) as server:
        assert hostile_client(server).call("get_data_projects") == []
        assert len(server.requests) == 3


@pytest.mark.parametrize(
    "refresh_answer",
    [
        Answer(200, {"Content-Type": "text/html"}, b"<html>login</html>"),
        json_answer('{"refresh_token": "x"}'),
        json_answer('["access_token"]'),
        json_answer('{"access_token": 42}'),
    ],
    ids=["html", "no-access-token", "list", "not-a-string"],
)
def test_a_broken_refresh_answer_is_not_authenticated(refresh_answer: Answer) -> None:
    def handler(method: str, path: str, headers: dict[str, str]) -> Answer:
        return refresh_answer if "refresh-token" in path else json_answer('{"message": "expired"}', 401)

    with HostileServer(handler) as server:
        client = hostile_client(server)
        with pytest.raises(errors.NotAuthenticatedException):
            client.call("get_data_projects")
        with pytest.raises(errors.NotAuthenticatedException):
            client.refresh_access_token()
        assert client.access_token == "old-access"


def test_deeply_nested_json_is_a_typed_error() -> None:
    body = "[" * 200_000 + "]" * 200_000
    with HostileServer(lambda *a: json_answer(body)) as server:
        with pytest.raises(errors.UnexpectedResponseException):
            hostile_client(server).call("get_data_projects")


def test_a_bad_content_encoding_is_a_typed_error() -> None:
    answer = Answer(200, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, b"not gzip at all")
    with HostileServer(lambda *a: answer) as server:
        with pytest.raises(errors.UnexpectedResponseException, match="decod"):
            hostile_client(server).call("get_data_projects")


def test_a_dripping_server_hits_the_total_deadline() -> None:
    answer = Answer(200, {"Content-Type": "application/json"}, b"[" + b" " * 200 + b"]", drip=0.05)
    with HostileServer(lambda *a: answer) as server:
        started = time.monotonic()
        with pytest.raises(errors.TimeoutException, match="deadline"):
            hostile_client(server, deadline=1.0).call("get_data_projects")
        assert time.monotonic() - started < 3


def test_a_gzip_bomb_is_refused_without_decoding_it_whole() -> None:
    bomb = gzip.compress(b"[" + b" " * 200_000_000 + b"]", compresslevel=9)
    answer = Answer(200, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, bomb)
    with HostileServer(lambda *a: answer) as server:
        tracemalloc.start()
        try:
            with pytest.raises(errors.ResponseTooLargeException):
                hostile_client(server, max_response_bytes=16 * 1024 * 1024).call("get_data_projects")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_a_huge_error_body_is_read_only_as_far_as_the_message_needs() -> None:
    answer = Answer(500, {"Content-Type": "text/plain"}, b"boom " * 20_000_000)
    with HostileServer(lambda *a: answer) as server:
        tracemalloc.start()
        try:
            with pytest.raises(errors.ServerErrorException) as info:
                hostile_client(server, retries=0).call("get_data_projects")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    assert str(info.value).count("boom") < 1000


# --- origins --------------------------------------------------------------------------------------------------


def test_the_token_never_goes_to_another_origin() -> None:
    with HostileServer(lambda *a: json_answer("{}")) as other, HostileServer(lambda *a: json_answer("{}")) as home:
        client = hostile_client(home)
        with pytest.raises(errors.ParameterException, match="another origin"):
            gazu.client.get(other.url + "/steal", client=client)
        with pytest.raises(errors.ParameterException, match="another origin"):
            gazu.client.get_file_data_from_url(other.url + "/steal", full=True, client=client)
        assert other.requests == []

        allowed = hostile_client(home, allowed_origins=[other.url])
        gazu.client.get(other.url + "/fine", client=allowed)
        assert other.requests[-1][1] == "/fine"
        assert "authorization" not in other.requests[-1][2]
        gazu.client.get("data/projects", client=allowed)
        assert home.requests[-1][2]["authorization"] == "Bearer old-access"


# --- TLS -------------------------------------------------------------------------------------------------------


def test_turning_tls_verification_off_warns() -> None:
    from kitsu_helpers.client import InsecureConnectionWarning

    with pytest.warns(InsecureConnectionWarning, match="verification is off"):
        KitsuClient("https://kitsu.example.test/api", ssl_verify=False).http.close()


def test_a_ca_path_as_ssl_verify_builds_a_context_without_deprecation_warnings(tmp_path: Any) -> None:
    import subprocess
    import warnings

    key, cert = tmp_path / "ca.key", tmp_path / "ca.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=test-ca"],
        check=True, capture_output=True,
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        KitsuClient("https://kitsu.example.test/api", ssl_verify=str(cert)).http.close()


# --- the async client meets the same hostile answers ---------------------------------------------------------


def async_client(server: HostileServer, **kwargs: Any) -> Any:
    from kitsu_helpers import aio

    async def no_sleep(seconds: float) -> None:
        return None

    kwargs.setdefault("sleep", no_sleep)
    return aio.AsyncKitsuClient(
        server.url + "/api", tokens={"access_token": "old-access", "refresh_token": "the-refresh-token"}, **kwargs
    )


def run_async(call: Any) -> Any:
    import asyncio

    return asyncio.run(call)


def test_async_dripping_server_hits_the_total_deadline() -> None:
    from kitsu_helpers import aio

    answer = Answer(200, {"Content-Type": "application/json"}, b"[" + b" " * 200 + b"]", drip=0.05)
    with HostileServer(lambda *a: answer) as server:
        started = time.monotonic()
        with pytest.raises(errors.TimeoutException, match="deadline"):
            run_async(aio.get("data/projects", client=async_client(server, deadline=1.0)))
        assert time.monotonic() - started < 3


def test_async_gzip_bomb_and_huge_error_body_are_bounded() -> None:
    from kitsu_helpers import aio

    bomb = gzip.compress(b"[" + b" " * 100_000_000 + b"]", compresslevel=9)
    answers = iter(
        [
            Answer(200, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, bomb),
            Answer(500, {"Content-Type": "text/plain"}, b"boom " * 10_000_000),
        ]
    )
    with HostileServer(lambda *a: next(answers)) as server:
        tracemalloc.start()
        try:
            with pytest.raises(errors.ResponseTooLargeException):
                run_async(aio.get("data/projects", client=async_client(server, max_response_bytes=8 * 1024 * 1024)))
            with pytest.raises(errors.ServerErrorException):
                run_async(aio.get("data/projects", client=async_client(server, retries=0)))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 48 * 1024 * 1024


def test_async_client_refuses_other_origins_walking_model_names_and_broken_refreshes() -> None:
    from kitsu_helpers import aio

    def handler(method: str, path: str, headers: dict[str, str]) -> Answer:
        if "refresh-token" in path:
            return Answer(200, {"Content-Type": "text/html"}, b"<html>login</html>")
        return json_answer('{"message": "expired"}', 401)

    with HostileServer(lambda *a: json_answer("{}")) as other, HostileServer(handler) as home:
        client = async_client(home)
        with pytest.raises(errors.ParameterException, match="another origin"):
            run_async(aio.get(other.url + "/steal", client=client))
        with pytest.raises(errors.ParameterException):
            run_async(aio.fetch_one("projects/../persons", PROJECT_ID, client=async_client(home)))
        with pytest.raises(errors.NotAuthenticatedException):
            run_async(aio.get("data/projects", client=async_client(home)))
        assert other.requests == []


def test_a_share_token_in_a_path_never_reaches_the_request_log(caplog: pytest.LogCaptureFixture) -> None:
    client, _ = recording_client()
    with caplog.at_level("DEBUG", logger="kitsu_helpers"):
        client.call("get_shared_playlists_token_context", token="sharetoken123")
    assert "sharetoken123" not in caplog.text
    assert "/shared/playlists/<redacted>/context" in caplog.text
