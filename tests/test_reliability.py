"""Reliability and security against the real local Zou: injected faults, token expiry under load, hostile
input, secrets, nothing lost. Each test is bounded in time; the figures are printed (`pytest -s`)."""

from __future__ import annotations

import concurrent.futures
import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from conftest import start_instance
from fault_proxy import FaultProxy
from hypothesis import HealthCheck, given, settings, strategies as st

import kitsu_helpers as gazu
from kitsu_helpers import client as raw, errors
from kitsu_helpers.client import KitsuClient


def port_of(url: str) -> int:
    return urlparse(url).port or 80


def proxied_client(zou: dict[str, Any], proxy: FaultProxy, **kwargs: Any) -> KitsuClient:
    client = KitsuClient(proxy.url + urlparse(zou["url"]).path, **kwargs)  # keeps /api behind the nginx front
    tokens = gazu.log_in(zou["email"], zou["password"], client=KitsuClient(zou["url"]))
    client.tokens = tokens
    return client


# --- 1. fault proxy -------------------------------------------------------------------------------


def test_2000_reads_through_faults_complete_with_default_settings(
    zou: dict[str, Any], new_project: Callable[..., dict]
) -> None:
    project = new_project()
    rates = {"reset": 0.05, "503": 0.05, "stall": 0.01}
    with FaultProxy(port_of(zou["url"]), rates, seed=2024) as proxy:
        client = proxied_client(zou, proxy)

        def read(i: int) -> str:
            return client.call("get_data_projects_instance_id", instance_id=project["id"])["id"]

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(read, range(2000)))
    assert ids == [project["id"]] * 2000
    print(f"\n2000 reads completed; faults injected: {dict(proxy.counts)}")
    assert proxy.counts["reset"] > 50
    assert proxy.counts["503"] > 50
    assert proxy.counts["stall"] > 5


def test_without_retries_faults_surface_as_typed_errors(zou: dict[str, Any]) -> None:
    with FaultProxy(port_of(zou["url"]), {"reset": 0.3, "503": 0.3, "502": 0.2}, seed=5) as proxy:
        client = proxied_client(zou, proxy, retries=0)
        seen: set[type] = set()
        for _ in range(60):
            try:
                client.call("get_data_projects")
            except errors.GazuException as exc:
                seen.add(type(exc))
    assert errors.ServiceUnavailableException in seen
    assert errors.HostException in seen


def test_writes_are_never_sent_twice_and_lost_answers_say_so(
    zou: dict[str, Any], admin_client: KitsuClient, new_project: Callable[..., dict]
) -> None:
    project = new_project()
    rates = {"post_reset": 0.15, "reset_after": 0.15, "503": 0.15}
    outcomes: dict[str, str] = {}
    with FaultProxy(port_of(zou["url"]), rates, seed=11) as proxy:
        client = proxied_client(zou, proxy)
        for i in range(60):
            name = f"SQ{i:03d}"
            try:
                client.call("post_data_projects_project_id_sequences", project_id=project["id"], json={"name": name})
                outcomes[name] = "created"
            except errors.WriteOutcomeUnknownException:
                outcomes[name] = "unknown"
            except errors.ServiceUnavailableException:
                outcomes[name] = "refused"
    on_server = [s["name"] for s in admin_client.call("get_data_sequences", params={"project_id": project["id"]})]
    assert len(on_server) == len(set(on_server)), "a POST was applied twice"
    assert {n for n, o in outcomes.items() if o == "created"} <= set(on_server)
    assert not {n for n, o in outcomes.items() if o == "refused"} & set(on_server)
    unknown = {n for n, o in outcomes.items() if o == "unknown"}
    assert unknown, "some unknown outcomes were in fact applied (reset after forwarding)"
    assert unknown & set(on_server), "some unknown outcomes were in fact applied (reset after forwarding)"
    print(f"\nPOST outcomes: { {o: list(outcomes.values()).count(o) for o in set(outcomes.values())} }")


# --- 2. token expiry under load ------------------------------------------------------------------


def test_sixty_seconds_of_eight_threads_with_three_second_tokens(zou: dict[str, Any]) -> None:
    short = start_instance("short", ZOU_ACCESS_TOKEN_SECONDS="3", ZOU_API_WORKERS="1")
    client = KitsuClient(short["url"])
    gazu.log_in(short["email"], short["password"], client=client)
    deadline = time.monotonic() + 60
    failures: list[str] = []
    calls = [0]

    def work() -> None:
        while time.monotonic() < deadline:
            try:
                raw.get_current_user(client=client)
                calls[0] += 1
            except errors.GazuException as exc:
                failures.append(type(exc).__name__)
            time.sleep(0.05)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(work) for _ in range(8)]:
            future.result()
    print(f"\n{calls[0]} calls over 60 s x 8 threads, {client.refresh_count} refreshes, {len(failures)} failures")
    assert failures == []
    assert 10 <= client.refresh_count <= 60 / 3 + 5


# --- 3. hostile input --------------------------------------------------------------------------


class RecordingTransport(httpx.BaseTransport):
    def __init__(self, api_root: str = "") -> None:
        self.inner = httpx.HTTPTransport()
        self.api_root = api_root  # "/api" when the host is behind the nginx front
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.raw_path.decode().split("?", 1)[0].removeprefix(self.api_root))
        return self.inner.handle_request(request)


HOSTILE = st.one_of(
    st.sampled_from(
        [
            "../../auth/logout",
            "..",
            "%2F..%2Fauth",
            "a?b=c",
            "a#b",
            "x\r\nX-Evil: 1",
            "nul\x00byte",
            "a/b/c",
            "x" * 5000,
        ]
    ),
    st.text(alphabet=st.sampled_from(list("./%?#&=\r\n\x00 aZé-_")), min_size=1, max_size=40),
)


@pytest.fixture(scope="module")
def recording_client(zou: dict[str, Any]) -> tuple[KitsuClient, RecordingTransport]:
    transport = RecordingTransport(urlparse(zou["url"]).path.rstrip("/"))
    client = KitsuClient(zou["url"], transport=transport, retries=0)
    gazu.log_in(zou["email"], zou["password"], client=client)
    return client, transport


# (call with a hostile value, the route prefix every request must stay on, the number of path segments)
ROUTES: list[tuple[Callable[..., Any], str, int]] = [
    (lambda x, c: gazu.project.get_project(x, client=c), "/data/projects/", 4),
    (lambda x, c: gazu.shot.get_shot(x, client=c), "/data/shots/", 4),
    (lambda x, c: gazu.asset.remove_asset(x, client=c), "/data/assets/", 4),
    (lambda x, c: gazu.person.get_person(x, client=c), "/data/persons", 3),
    (lambda x, c: raw.fetch_one("projects", x, client=c), "/data/projects/", 4),
    (lambda x, c: c.call("get_data_tasks_task_id_comments", task_id=x), "/data/tasks/", 5),
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE, route=st.sampled_from(range(len(ROUTES))))
def test_hostile_ids_stay_on_their_route(
    recording_client: tuple[KitsuClient, RecordingTransport], value: str, route: int
) -> None:
    client, transport = recording_client
    call, prefix, segments = ROUTES[route]
    before = len(transport.paths)
    with pytest.raises(errors.GazuException) as info:  # none of these values is a UUID
        call(value, client)
    seen = transport.paths[before:]
    if segments > 3:  # the id fills a path segment: refused before anything is sent
        assert isinstance(info.value, errors.ParameterException), seen
        assert seen == [], seen
    for path in seen:  # an id sent as a query filter (get_person) stays a query value on its own route
        assert path.startswith(prefix), path
        assert len(path.split("/")) == segments, path
        assert not any(ch in path for ch in "?#\r\n\x00 "), path


@pytest.mark.parametrize("bad", [None, 42, 3.5, ["a"], {"no": "id"}, b"bytes"])
def test_wrong_argument_types_fail_before_any_request(
    recording_client: tuple[KitsuClient, RecordingTransport], bad: Any
) -> None:
    _client, transport = recording_client
    before = len(transport.paths)
    from kitsu_helpers.helpers import model_id

    with pytest.raises(errors.ParameterException):
        model_id(bad)
    assert len(transport.paths) == before


# --- 4. secrets ----------------------------------------------------------------------------------


def test_secrets_appear_nowhere_with_debug_logging(
    zou: dict[str, Any], caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    client = KitsuClient(zou["url"], retries=0)
    tokens = gazu.log_in(zou["email"], zou["password"], client=client)
    secrets = [zou["password"], tokens["access_token"], tokens["refresh_token"]]
    texts = [repr(client), repr(client._tokens), str(client.http.headers.get("user-agent"))]
    forced = [
        lambda: client.call("get_data_projects_instance_id", instance_id="not-an-id"),  # 400
        lambda: client.request("GET", "data/no-such-model"),  # 404
        lambda: client.request("DELETE", "data/projects"),  # 405
        lambda: KitsuClient(zou["url"], access_token="forged.token.x").call("get_data_projects"),  # 401
        lambda: KitsuClient("http://127.0.0.1:9", retries=0).call("get_data_projects"),  # connection refused
        lambda: gazu.log_in(zou["email"], zou["password"] + "-wrong", client=KitsuClient(zou["url"])),  # auth failed
        lambda: raw.download(
            client.url_of("get_data_projects"), str(tmp_path / "x"), client=KitsuClient(zou["url"])
        ),  # 401 download
    ]
    kinds = set()
    for make_error in forced:
        with pytest.raises(errors.GazuException) as info:
            make_error()
        kinds.add(type(info.value).__name__)
        texts += [str(info.value), repr(info.value), "".join(traceback.format_exception(info.value))]
    texts.append(caplog.text)
    assert len(kinds) >= 5, kinds
    for secret in secrets:
        assert not any(secret in text for text in texts)


# --- 6. nothing lost ---------------------------------------------------------------------------


def test_download_cut_mid_stream_through_the_proxy_leaves_no_file(zou: dict[str, Any], tmp_path: Path) -> None:
    with FaultProxy(port_of(zou["url"]), {"cut": 1.0}, seed=1) as proxy:
        client = proxied_client(zou, proxy, retries=0)
        target = tmp_path / "projects.json"
        with pytest.raises(errors.DownloadFileException):
            raw.download(client.url_of("get_data_projects"), str(target), client=client)
    assert list(tmp_path.iterdir()) == []
