"""The last places where gazu 1.3.1 code behaved differently here (issue 15 section 3), unit and real server."""

from __future__ import annotations

import datetime
import email.parser
import email.policy
import http.server
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any, ClassVar
from unittest.mock import MagicMock

import httpx
import pytest

import kitsu_helpers as gazu
from kitsu_helpers import client as raw, playlist
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.helpers import model_id, normalize_model_parameter

HOST = "http://kitsu.test/api"


def recording_client(
    handler: Callable[[httpx.Request], httpx.Response] | None = None, **kwargs: Any
) -> tuple[KitsuClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return handler(request) if handler else httpx.Response(200, json={})

    return KitsuClient(HOST, transport=httpx.MockTransport(respond), **kwargs), seen


# --- share links ------------------------------------------------------------------------------------


PLAYLIST_ID = "5f4b6a1e-0000-4000-8000-0000000000a1"


def test_share_link_expiration_date_is_sent_as_given() -> None:
    client, seen = recording_client()
    playlist.new_share_link(PLAYLIST_ID, expiration_date="2026-12-31", client=client)
    playlist.new_share_link(PLAYLIST_ID, expiration_date="2026-12-31T18:30:00", client=client)
    playlist.new_share_link(PLAYLIST_ID, expiration_date=datetime.date(2026, 12, 30), client=client)
    sent = [json.loads(r.content)["expiration_date"] for r in seen]
    assert sent == ["2026-12-31", "2026-12-31T18:30:00", "2026-12-30"]


@pytest.mark.server
def test_share_link_with_a_bare_date_lasts_until_the_end_of_that_day(
    admin_client: KitsuClient, new_project: Callable[..., dict[str, Any]]
) -> None:
    project = new_project()
    review = playlist.new_playlist(project, "share-review", client=admin_client)
    link = playlist.new_share_link(review, expiration_date="2098-12-31", client=admin_client)
    stored = next(
        e for e in playlist.all_share_links_for_playlist(review, client=admin_client) if e["token"] == link["token"]
    )
    assert stored["expiration_date"].startswith("2098-12-31T23:59")


# --- tokens -----------------------------------------------------------------------------------------


def test_tokens_are_the_clients_own_dict() -> None:
    client, seen = recording_client()
    assert client.tokens == {"access_token": None, "refresh_token": None}
    client.tokens["access_token"] = "a-1"
    client.tokens["refresh_token"] = "r-1"
    assert (client.access_token, client.refresh_token) == ("a-1", "r-1")
    raw.get("data/projects", client=client)
    assert seen[-1].headers["Authorization"] == "Bearer a-1"
    client.access_token = "a-2"
    assert client.tokens["access_token"] == "a-2"
    assert "a-2" not in repr(client)
    assert "r-1" not in repr(client)
    assert "a-2" not in repr(client._tokens)


def test_set_tokens_stores_and_returns_the_dict_as_given() -> None:
    client, seen = recording_client()
    profile = {"access_token": "a-1", "refresh_token": "r-1", "user": {"email": "me@example.com"}, "host": "h"}
    assert raw.set_tokens(profile, client=client) is profile
    assert client.tokens is profile
    assert client.tokens["user"] == {"email": "me@example.com"}
    assert gazu.set_token("bot-token", client=client) == {"access_token": "bot-token"}
    raw.get("data/projects", client=client)
    assert seen[-1].headers["Authorization"] == "Bearer bot-token"


def test_log_out_leaves_an_empty_dict() -> None:
    client, _ = recording_client(access_token="a-1", refresh_token="r-1")
    assert gazu.log_out(client=client) == {}
    assert client.tokens == {}
    assert client.access_token is None
    assert client.refresh_token is None


def test_a_refresh_writes_the_new_token_into_the_callers_dict() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/refresh-token"):
            return httpx.Response(200, json={"access_token": "fresh"})
        if request.headers.get("Authorization") != "Bearer fresh":
            return httpx.Response(401, json={"msg": "Signature has expired"})
        return httpx.Response(200, json=[])

    client, _ = recording_client(handler)
    profile = {"access_token": "old", "refresh_token": "r-1", "login": True}
    raw.set_tokens(profile, client=client)
    assert raw.get("data/projects", client=client) == []
    assert profile == {"access_token": "fresh", "refresh_token": "r-1", "login": True}
    assert client.refresh_access_token() == {"access_token": "fresh"}


@pytest.mark.server
def test_tokens_dict_against_the_real_server(zou: dict[str, Any]) -> None:
    client = KitsuClient(zou["url"])
    answer = gazu.log_in(zou["email"], zou["password"], client=client)
    assert client.tokens is answer
    assert client.tokens["user"]["email"] == zou["email"]
    saved = dict(client.tokens)
    client.tokens["access_token"] = "not-a-token"  # a direct edit is what the next request sends
    assert gazu.user.is_authenticated(client=client) is False
    client.tokens = saved
    assert gazu.client.get_current_user(client=client)["email"] == zou["email"]
    gazu.log_out(client=client)
    assert client.tokens == {}
    client.close()


# --- date encoding and __version__ ------------------------------------------------------------------


def test_json_bodies_encode_dates_like_gazu() -> None:
    from kitsu_helpers.encoder import CustomJSONEncoder

    day, moment = datetime.date(2026, 3, 4), datetime.datetime(2026, 3, 4, 5, 6, 7)
    assert (
        json.dumps({"d": day, "t": moment}, cls=CustomJSONEncoder) == '{"d": "2026-03-04", "t": "2026-03-04T05:06:07"}'
    )
    with pytest.raises(TypeError):
        json.dumps({"x": object()}, cls=CustomJSONEncoder)
    client, seen = recording_client()
    raw.post("data/things", {"start": day, "at": [moment]}, client=client)
    raw.put("data/things/1", {"end": day}, client=client)
    assert json.loads(seen[0].content) == {"start": "2026-03-04", "at": ["2026-03-04T05:06:07"]}
    assert json.loads(seen[1].content) == {"end": "2026-03-04"}
    assert seen[0].headers["content-type"] == "application/json"


@pytest.mark.server
def test_put_with_a_date_sets_it_on_the_real_server(
    admin_client: KitsuClient, new_project: Callable[..., dict[str, Any]]
) -> None:
    project = new_project()
    raw.put(f"data/projects/{project['id']}", {"start_date": datetime.date(2031, 2, 3)}, client=admin_client)
    assert gazu.project.get_project(project["id"], client=admin_client)["start_date"] == "2031-02-03"


def test_version_module_and_attribute() -> None:
    from kitsu_helpers.__version__ import __version__

    assert isinstance(__version__, str)
    assert __version__ == gazu.__version__
    assert isinstance(gazu.__version__, str)


# --- host checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "up"), [(200, True), (204, False), (404, False), (405, False), (502, False)])
def test_host_is_up_heads_the_host_and_wants_200(status: int, up: bool) -> None:
    client, seen = recording_client(lambda r: httpx.Response(status))
    assert raw.host_is_up(client=client) is up
    assert seen[0].method == "HEAD"
    assert str(seen[0].url) == HOST
    assert "Authorization" not in seen[0].headers


def test_host_is_valid_needs_the_host_up_with_200() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404 if request.method == "HEAD" else 400, json={"message": "missing"})

    client, seen = recording_client(handler)
    assert raw.host_is_valid(client=client) is False
    assert [r.method for r in seen] == ["HEAD"]


@pytest.mark.server
def test_host_checks_against_the_real_server(zou: dict[str, Any]) -> None:
    client, elsewhere = KitsuClient(zou["url"]), KitsuClient(zou["url"] + "/no-such-root")
    assert raw.host_is_up(client=client) is True
    assert raw.host_is_valid(client=client) is True
    assert raw.host_is_up(client=elsewhere) is False  # 404: not a Kitsu API root
    client.close()
    elsewhere.close()


# --- upload form values -----------------------------------------------------------------------------


def form_fields(request: httpx.Request) -> list[tuple[str, str]]:
    raw_message = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + request.content
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw_message)
    fields = []
    for part in message.iter_parts():
        if part.get_filename() is None:
            fields.append((str(part.get_param("name", header="content-disposition")), part.get_content().strip()))
    return fields


def test_upload_form_values_are_encoded_like_gazu(tmp_path: Any) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    client, seen = recording_client()
    data = {"flag": True, "off": False, "none": None, "n": 3, "x": 1.5, "ids": ["a", "b"], "name": "n"}
    raw.upload("pictures/thing", str(path), data=data, client=client)
    assert form_fields(seen[0]) == [
        ("flag", "True"),
        ("off", "False"),
        ("n", "3"),
        ("x", "1.5"),
        ("ids", "a"),
        ("ids", "b"),
        ("name", "n"),
    ]


# --- ids --------------------------------------------------------------------------------------------


def test_uuid_objects_are_ids() -> None:
    ident = uuid.UUID("0b6e7b7e-1c7e-4d7a-9a3e-2f0c8e4e9b11")
    assert normalize_model_parameter(ident) == {"id": str(ident)}
    assert model_id(ident) == str(ident)
    client, seen = recording_client()
    gazu.project.get_project(ident, client=client)  # type: ignore[arg-type]
    assert seen[0].url.path == f"/api/data/projects/{ident}"


# --- client-like objects ----------------------------------------------------------------------------


def test_a_mock_client_is_accepted() -> None:
    fake = MagicMock()
    fake.call.return_value = [{"id": "p-1", "name": "Agent 327"}]
    assert gazu.project.all_projects(client=fake) == [{"id": "p-1", "name": "Agent 327"}]
    assert fake.call.call_args.args[0] == "get_data_projects"
    source, target = MagicMock(), MagicMock()
    source.call.return_value = [{"id": "s-1", "name": "Animation"}]
    target.call.return_value = [{"id": "t-1", "name": "Animation"}, {"id": "t-2", "name": "Modeling"}]
    assert gazu.sync.get_sync_department_id_map(source, target) == {"s-1": "t-1"}


def test_a_subclass_or_wrapper_client_is_accepted() -> None:
    inner, seen = recording_client(lambda r: httpx.Response(200, json=[{"id": "p-1"}]))

    class Wrapper:
        """A user's own client object that forwards to a real one (no KitsuClient inheritance)."""

        host = HOST

        def call(self, *args: Any, **kwargs: Any) -> Any:
            return inner.call(*args, **kwargs)

        def request(self, *args: Any, **kwargs: Any) -> Any:
            return inner.request(*args, **kwargs)

    assert gazu.project.all_projects(client=Wrapper()) == [{"id": "p-1"}]  # type: ignore[arg-type]
    assert len(seen) == 1


@pytest.mark.parametrize("wrong", ["http://kitsu.test/api", 42, {"host": HOST}, object()])
def test_a_clearly_wrong_client_is_a_clear_type_error(wrong: Any) -> None:
    with pytest.raises(TypeError, match="client"):
        gazu.project.all_projects(client=wrong)


# --- client.session ---------------------------------------------------------------------------------


def test_session_headers_apply_to_every_request() -> None:
    client, seen = recording_client()
    client.session.headers["X-Studio"] = "north"
    client.session.headers.update({"X-Site": "paris"})
    raw.get("data/projects", client=client)
    assert seen[-1].headers["X-Studio"] == "north"
    assert seen[-1].headers["X-Site"] == "paris"
    assert client.session.headers["x-studio"] == "north"  # case-insensitive, like requests
    del client.session.headers["X-Studio"]
    client.session.verify = False  # rebuilds the pool: the remaining header survives
    raw.get("data/projects", client=client)
    assert "X-Studio" not in seen[-1].headers
    assert seen[-1].headers["X-Site"] == "paris"


def test_session_verify_and_cert_set_the_clients_tls_and_rebuild_its_pool() -> None:
    client = KitsuClient("https://kitsu.test/api")
    first = client.http
    client.session.verify = False
    assert client.ssl_verify is False
    assert client.session.verify is False
    assert client.http is not first
    second = client.http
    client.session.cert = ("/tmp/client.pem", "/tmp/client.key")
    assert client.cert == ("/tmp/client.pem", "/tmp/client.key")
    assert client.session.cert == client.cert
    assert client._http is None
    assert second.is_closed


class RecordingProxy(http.server.BaseHTTPRequestHandler):
    """A forward proxy stand-in: records the absolute request line and answers JSON."""

    lines: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        RecordingProxy.lines.append(self.requestline)
        body = b'[{"id": "via-proxy"}]'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RecordingProxy)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_session_proxies_route_requests_through_the_proxy(proxy: str) -> None:
    RecordingProxy.lines.clear()
    client = KitsuClient("http://kitsu.invalid/api", retries=0)
    client.session.proxies = {"http": proxy}
    assert client.session.proxies == {"http": proxy}
    assert raw.get("data/projects", client=client) == [{"id": "via-proxy"}]
    assert RecordingProxy.lines == ["GET http://kitsu.invalid/api/data/projects HTTP/1.1"]
    client.session.proxies = {}
    with pytest.raises(gazu.errors.GazuException):
        raw.get("data/projects", client=client)  # no proxy: kitsu.invalid does not resolve
    client.close()
