"""kitsu_helpers._transfer: sync's downloads wait out a 202, processing_timeout is per client (download_options a shim
over the default client's), and helpers.download_file has the default client's transport policy without its token."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import kitsu_helpers as gazu
from kitsu_helpers import _previews, client as raw, errors, sync
from kitsu_helpers._default import DEFAULT
from kitsu_helpers.client import KitsuClient, set_default_client
from tests.hostile_server import Answer, HostileServer

HOST = "http://kitsu.test/api"
ATTACHMENT = "5f4b6a1e-0000-4000-8000-0000000000a1"
PREVIEW = "5f4b6a1e-0000-4000-8000-0000000000b1"
TOKEN = "access.token.never-sent-elsewhere"


def fake_client(
    handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any
) -> tuple[KitsuClient, list[httpx.Request], list[float]]:
    seen: list[httpx.Request] = []
    sleeps: list[float] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    client = KitsuClient(HOST, transport=httpx.MockTransport(record), sleep=sleeps.append, **kwargs)
    return client, seen, sleeps


@pytest.fixture
def default_client() -> Iterator[Callable[[KitsuClient], KitsuClient]]:
    """Installs a client as the default one for the test; the previous default comes back after."""
    previous = DEFAULT.current
    yield set_default_client
    DEFAULT.set(previous)


# --- sync's downloads --------------------------------------------------------------------------------------------


def test_sync_attachment_download_waits_out_a_202_and_keeps_an_existing_file(tmp_path: Path) -> None:
    file_answers = iter([202, 202, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(f"/attachment-files/{ATTACHMENT}"):
            return httpx.Response(200, json={"id": ATTACHMENT, "name": "notes.txt"})
        status = next(file_answers)
        if status == 202:
            return httpx.Response(202, json={}, headers={"Retry-After": "0"})
        return httpx.Response(200, content=b"the notes", headers={"Content-Type": "text/plain"})

    client, seen, sleeps = fake_client(handler)
    comment = {"attachment_files": [{"id": ATTACHMENT}]}
    paths = sync._download_attachments(comment, tmp_path, client)
    assert [Path(p).read_bytes() for p in paths] == [b"the notes"]
    assert Path(paths[0]).parent.parent == tmp_path / "attachments"
    assert sum("/file/" in r.url.path for r in seen) == 3  # two 202s, then the file
    assert sleeps == [0.0, 0.0]

    file_answers = iter([200])
    with pytest.raises(errors.LocalFileExistsException):  # sync never replaces a file it wrote before
        sync._download_attachments(comment, tmp_path, client)
    assert Path(paths[0]).read_bytes() == b"the notes"


# --- processing_timeout, per client ------------------------------------------------------------------------------


def always_processing(request: httpx.Request) -> httpx.Response:
    return httpx.Response(202, json={}, headers={"Retry-After": "0.1"})


def test_processing_timeout_is_each_clients_own(tmp_path: Path) -> None:
    impatient, impatient_seen, _ = fake_client(always_processing, processing_timeout=0)
    patient, patient_seen, _ = fake_client(always_processing, processing_timeout=0.4)
    patient._sleep = time.sleep  # really wait the 0.1 s the server asks for
    assert (impatient.processing_timeout, patient.processing_timeout) == (0, 0.4)

    with pytest.raises(errors.PreviewFileProcessingException):
        gazu.files.download_preview_file_cover(PREVIEW, str(tmp_path / "a.png"), client=impatient)
    assert len(impatient_seen) == 1

    started = time.monotonic()
    with pytest.raises(errors.PreviewFileProcessingException) as info:
        gazu.files.download_preview_file_cover(PREVIEW, str(tmp_path / "b.png"), client=patient)
    assert time.monotonic() - started >= 0.35
    assert len(patient_seen) >= 3
    assert info.value.status == 202
    assert list(tmp_path.iterdir()) == []

    with pytest.raises(errors.PreviewFileProcessingException):  # an explicit processing_timeout still wins
        raw.download("pictures/x.png", str(tmp_path / "c.png"), client=patient, processing_timeout=0)
    assert KitsuClient(HOST).processing_timeout == 60


def test_download_options_is_a_shim_over_the_default_clients_setting(
    default_client: Callable[[KitsuClient], KitsuClient],
) -> None:
    client = default_client(KitsuClient(HOST, processing_timeout=12))
    other = KitsuClient(HOST)
    assert gazu.files.download_options is _previews.download_options
    assert _previews.download_options["processing_timeout"] == 12
    _previews.download_options["processing_timeout"] = 3
    assert (client.processing_timeout, other.processing_timeout) == (3, 60)
    assert dict(_previews.download_options) == {"processing_timeout": 3}
    del _previews.download_options["processing_timeout"]
    assert client.processing_timeout == 60


# --- helpers.download_file -------------------------------------------------------------------------------------


def test_download_file_never_sends_the_clients_token_to_another_origin(
    default_client: Callable[[KitsuClient], KitsuClient], tmp_path: Path
) -> None:
    def serve(method: str, path: str, headers: dict[str, str]) -> Answer:
        return Answer(200, {"Content-Type": "image/png"}, b"PNG")

    with HostileServer(serve) as home, HostileServer(serve) as storage:
        client = default_client(KitsuClient(home.url + "/api", access_token=TOKEN, user_agent="studio-pipeline/2"))
        written = gazu.helpers.download_file(storage.url + "/files/pic", str(tmp_path) + os.sep, {"X-Key": "k"})
        assert Path(written) == tmp_path / "pic.png"
        assert Path(written).read_bytes() == b"PNG"
        (_, path, headers), *_ = storage.requests
        assert path == "/files/pic"
        assert "authorization" not in headers
        assert TOKEN not in " ".join(headers.values())
        assert headers["user-agent"] == "studio-pipeline/2"  # the default client's settings apply
        assert headers["x-key"] == "k"
        assert home.requests == []
        assert client.access_token == TOKEN


def test_download_file_has_the_default_clients_retries_and_timeout(
    default_client: Callable[[KitsuClient], KitsuClient], tmp_path: Path
) -> None:
    answers = iter([Answer(503, {"Retry-After": "0"}), Answer(200, {"Content-Type": "text/plain"}, b"done")])
    sleeps: list[float] = []
    with HostileServer(lambda *request: next(answers)) as storage:
        default_client(KitsuClient("http://127.0.0.1:1/api", retries=2, sleep=sleeps.append))
        written = gazu.helpers.download_file(storage.url + "/report.txt", str(tmp_path / "report.txt"))
        assert Path(written).read_bytes() == b"done"
        assert len(storage.requests) == 2
        assert len(sleeps) == 1

    slow = Answer(200, {"Content-Type": "text/plain"}, b"slow body", drip=0.5)
    with HostileServer(lambda *request: slow) as storage:
        default_client(KitsuClient("http://127.0.0.1:1/api", transfer_timeout=0.3, retries=0))
        started = time.monotonic()
        with pytest.raises(errors.GazuException, match=r"interrupted|timed out|Timeout"):
            gazu.helpers.download_file(storage.url + "/slow.txt", str(tmp_path / "slow.txt"))
        assert time.monotonic() - started < 3  # the client's 0.3 s read timeout, not a fixed 60 or 600 s
    assert not (tmp_path / "slow.txt").exists()
