"""kitsu_helpers._previews against the real Zou: real PNG and MP4 uploads processed by the server, atomic
downloads, progress, bounded waits, and a publish that fails after its comment then resumes without a second one.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_previews import comments_on, png_size

from kitsu_helpers import _previews as pv
from kitsu_helpers.errors import (
    FileDoesntExistException,
    PreviewFileProcessingException,
    PublishFailedException,
    RouteNotFoundException,
)
from tests.test_parity_coverage import reference, render

PREVIEW_NAMES = {
    "task": [
        "add_preview", "add_extra_preview", "create_preview", "create_extra_preview", "upload_preview_file",
        "publish_preview", "set_main_preview", "remove_preview_from_comment", "all_previews_for_task",
        "all_preview_files_for_project",
    ],
    "files": [
        "get_preview_file", "get_all_preview_files_for_task", "get_running_preview_files", "get_preview_file_url",
        "get_preview_movie_url", "get_preview_lowdef_movie_url", "download_preview_file",
        "download_preview_file_cover", "download_preview_file_thumbnail", "download_preview_movie",
        "download_preview_lowdef_movie", "extract_frame_from_preview", "extract_tile_from_preview",
        "update_preview", "remove_preview_file", "update_preview_annotations", "update_preview_position",
        "wait_for_preview_file",
    ],
}  # fmt: skip


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, names in PREVIEW_NAMES.items() for n in names])
def test_signature_matches_gazu(module: str, name: str) -> None:
    line = next(e for e in reference() if e[0] == module and e[1] == name)
    func = getattr(pv, name)
    assert render(func, line[2]) == line[2].replace("client=None", "client=default")  # extras: keyword-only
    assert hasattr(func, "clear_cache") == line[3], f"{name}: cached in gazu is {line[3]}"


def test_publish_and_wait_starts_with_publish_preview_parameters() -> None:
    gazu_params = next(e for e in reference() if e[:2] == ("task", "publish_preview"))[2]
    base = render(pv.publish_preview, gazu_params)
    assert render(pv.publish_preview_and_wait).startswith(base + ", ")


# --- helpers of these tests ---------------------------------------------------------------------


def new_task(preview_world: dict[str, Any], name: str) -> dict[str, Any]:
    """A fresh task on the preview_world's asset (each test counts its own comments)."""
    return preview_world["task"](preview_world["modeling"], preview_world["asset"], name=name)


class Progress:
    """Records progress callback values."""

    def __init__(self) -> None:
        self.values: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.values.append((done, total))

    def check_complete(self, size: int) -> None:
        assert self.values, "the progress callback was never called"
        assert self.values[-1] == (size, size)
        dones = [done for done, _ in self.values]
        assert dones == sorted(dones)
        assert all(total == size for _, total in self.values)


@pytest.fixture(scope="module")
def media_server(media: dict[str, Path]) -> Iterator[str]:
    """A local HTTP server serving the media folder (for preview_file_url)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(media["folder"]))

    class Quiet(handler.func):  # type: ignore[misc, name-defined]
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(media["folder"])))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# --- publishing real media ----------------------------------------------------------------------


def test_publish_png_then_download_it_back(
    preview_world: dict[str, Any], media: dict[str, Path], tmp_path: Path
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "png")
    progress = Progress()
    comment, preview = pv.publish_preview_and_wait(
        task, preview_world["status"], comment="first look", preview_file_path=str(media["png"]), set_thumbnail=True,
        client=client, progress_callback=progress, timeout=60,
    )  # fmt: skip
    progress.check_complete(media["png"].stat().st_size)
    assert comment["text"] == "first look"
    assert comment["task_status_id"] == preview_world["status"]["id"]
    assert (preview["status"], preview["extension"], preview["width"], preview["height"]) == ("ready", "png", 64, 48)
    assert [c["id"] for c in comments_on(client, task["id"])] == [comment["id"]]
    assert (
        client.call("get_data_assets_asset_id", asset_id=preview_world["asset"]["id"])["preview_file_id"]
        == preview["id"]
    )

    assert pv.get_preview_file_url(preview, client=client) == f"pictures/originals/preview-files/{preview['id']}.png"
    target = tmp_path / "out" / "original.png"
    seen = Progress()
    response = pv.download_preview_file(preview["id"], str(target), client=client, progress_callback=seen)
    data = target.read_bytes()
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(data)
    assert png_size(data) == (64, 48)
    seen.check_complete(len(data))
    assert sorted(p.name for p in target.parent.iterdir()) == ["original.png"]  # atomic: no temporary left
    pv.download_preview_file_cover(preview, str(tmp_path / "cover.png"), client=client)
    assert png_size((tmp_path / "cover.png").read_bytes()) == (64, 48)
    pv.download_preview_file_thumbnail(preview, str(tmp_path / "thumb.png"), client=client)
    assert png_size((tmp_path / "thumb.png").read_bytes())[1] > 0
    with pytest.raises(ValueError, match="not a movie"):
        pv.get_preview_movie_url(preview, client=client)


def test_publish_mp4_then_download_movies_frames_and_tiles(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    tmp_path: Path,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "mp4")
    _comment, preview = pv.publish_preview_and_wait(
        task, preview_world["status"], comment="anim pass", preview_file_path=str(media["mp4"]), client=client
    )
    assert (preview["status"], preview["extension"]) == ("ready", "mp4")
    assert preview["duration"] == pytest.approx(1.0, abs=0.1)
    assert pv.get_preview_file_url(preview, client=client) == f"movies/originals/preview-files/{preview['id']}.mp4"
    assert pv.get_preview_movie_url(preview, client=client) == f"movies/originals/preview-files/{preview['id']}.mp4"
    low_url = f"movies/low/preview-files/{preview['id']}.mp4"
    assert pv.get_preview_movie_url(preview, lowdef=True, client=client) == low_url
    assert pv.get_preview_lowdef_movie_url(preview["id"], client=client) == low_url

    movie, low = tmp_path / "movie.mp4", tmp_path / "low.mp4"
    progress = Progress()
    response = pv.download_preview_movie(preview, str(movie), client=client, progress_callback=progress)
    assert movie.stat().st_size == preview["file_size"] == int(response.headers["content-length"])
    assert movie.read_bytes()[4:8] == b"ftyp"
    progress.check_complete(movie.stat().st_size)
    pv.download_preview_lowdef_movie(preview, str(low), client=client)
    assert low.read_bytes()[4:8] == b"ftyp"
    assert 0 < low.stat().st_size < movie.stat().st_size
    pv.download_preview_file(preview, str(tmp_path / "same.mp4"), client=client)
    assert (tmp_path / "same.mp4").read_bytes() == movie.read_bytes()

    frame = pv.extract_frame_from_preview(preview, 3, str(tmp_path / "frame.png"), client=client)
    assert frame.status_code == 200
    assert png_size((tmp_path / "frame.png").read_bytes())[0] > 0
    in_memory = pv.extract_frame_from_preview(preview["id"], 3, client=client)
    assert png_size(in_memory.content) == png_size((tmp_path / "frame.png").read_bytes())
    pv.extract_tile_from_preview(preview, str(tmp_path / "tile.png"), client=client)
    assert png_size((tmp_path / "tile.png").read_bytes())[0] > 0
    assert pv.extract_tile_from_preview(preview, client=client).content[:4] == b"\x89PNG"
    pv.set_main_preview(preview, frame_number=5, client=client)
    assert (
        client.call("get_data_assets_asset_id", asset_id=preview_world["asset"]["id"])["preview_file_id"]
        == preview["id"]
    )


def test_publish_preview_returns_comment_and_preview_like_gazu(
    preview_world: dict[str, Any],
    media: dict[str, Path],
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "plain")
    comment, preview = pv.publish_preview(
        task["id"], preview_world["status"]["id"], comment="plain", checklist=[{"text": "eyes", "checked": False}],
        links=["https://example.com/ref"], preview_file_path=str(media["png"]), client=client,
    )  # fmt: skip
    assert comment["object_id"] == task["id"]
    assert comment["checklist"] == [{"text": "eyes", "checked": False}]
    assert comment["links"] == ["https://example.com/ref"]
    assert preview["task_id"] == task["id"]
    assert preview["status"] == "ready"
    assert preview["revision"] == 1
    server_comment = client.call("get_data_comments_instance_id", instance_id=comment["id"])
    assert server_comment["previews"] == [preview["id"]]


def test_publish_with_attachments_posts_them_on_the_comment(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    tmp_path: Path,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "attach")
    note = tmp_path / "notes.txt"
    note.write_text("retake the eyes")
    comment, preview = pv.publish_preview(
        task, preview_world["status"], comment="with notes", attachments=[str(note)], preview_file_path=str(media["png"]),
        client=client,
    )  # fmt: skip
    attachments = client.call("get_data_attachment_files", params={"comment_id": comment["id"]})
    assert [a["name"] for a in attachments] == ["notes.txt"]
    assert preview["status"] == "ready"
    assert len(comments_on(client, task["id"])) == 1


def test_publish_with_a_missing_file_posts_nothing(preview_world: dict[str, Any], tmp_path: Path) -> None:
    client, task = preview_world["client"], new_task(preview_world, "missing")
    with pytest.raises(FileDoesntExistException) as caught:  # the one type for a missing local file
        pv.publish_preview(task, preview_world["status"], preview_file_path=str(tmp_path / "gone.png"), client=client)
    assert isinstance(caught.value, FileNotFoundError)  # what code written for gazu catches
    with pytest.raises(ValueError, match="needs preview_file_path or preview_file_url"):
        pv.publish_preview(task, preview_world["status"], client=client)
    assert comments_on(client, task["id"]) == []


@pytest.mark.parametrize("failing", ["/pictures/preview-files/", "/add-preview"])
def test_failed_publish_resumes_without_a_second_comment(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    failing_client: Any,
    failing: str,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, f"resume{failing.count('/')}")
    flaky, transport = failing_client(failing)
    with pytest.raises(PublishFailedException) as info:
        pv.publish_preview(
            task, preview_world["status"], comment="take 1", preview_file_path=str(media["png"]), client=flaky
        )
    error = info.value
    assert transport.refused == 1
    assert error.status == 500
    assert error.comment["text"] == "take 1"
    on_server = comments_on(client, task["id"])
    assert [c["id"] for c in on_server] == [error.comment["id"]]
    if failing == "/add-preview":
        assert error.preview_file is None
    else:
        assert client.call("get_data_preview_files_instance_id", instance_id=error.preview_file["id"])["status"] == (
            "processing"
        )

    comment, preview = pv.resume_publish(
        error.comment, error.preview_file, str(media["png"]), set_thumbnail=True, client=client
    )
    assert comment["id"] == error.comment["id"]
    assert preview["status"] == "ready"
    if error.preview_file is not None:
        assert preview["id"] == error.preview_file["id"]
    assert [c["id"] for c in comments_on(client, task["id"])] == [error.comment["id"]]
    assert client.call("get_data_comments_instance_id", instance_id=comment["id"])["previews"] == [preview["id"]]
    again_comment, again = pv.resume_publish(comment["id"], preview, str(media["png"]), client=client)
    assert (again_comment["id"], again["id"]) == (comment["id"], preview["id"])  # already done: nothing new
    assert len(comments_on(client, task["id"])) == 1
    assert len(pv.get_all_preview_files_for_task(task, client=client)) == 1


# --- building previews step by step ---------------------------------------------------------------


def test_create_upload_extra_previews_and_lists(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    media_server: str,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "steps")
    comment = client.call(
        "post_actions_tasks_task_id_comment", json={"task_status_id": preview_world["status"]["id"]}, task_id=task["id"]
    )
    empty = pv.create_preview(task, comment, revision=3, client=client)
    assert (empty["revision"], empty["status"], empty["task_id"]) == (3, "processing", task["id"])
    assert empty["id"] in [p["id"] for p in pv.get_running_preview_files(client=client)]
    with pytest.raises(PreviewFileProcessingException):
        pv.wait_for_preview_file(empty, timeout=0.3, poll_interval=0.1, client=client)
    progress = Progress()
    uploaded = pv.upload_preview_file(empty, str(media["png"]), no_job=True, client=client, progress_callback=progress)
    progress.check_complete(media["png"].stat().st_size)
    assert (uploaded["id"], uploaded["status"], uploaded["extension"]) == (empty["id"], "ready", "png")
    assert pv.wait_for_preview_file(uploaded["id"], client=client)["status"] == "ready"

    extra = pv.create_extra_preview(task, comment, uploaded, client=client)
    assert extra["revision"] == 3
    assert extra["id"] != uploaded["id"]
    filled = pv.upload_preview_file(extra, str(media["png"]), normalize_movie=False, client=client)
    assert filled["status"] == "ready"
    added = pv.add_extra_preview(task, comment, uploaded, preview_file_path=str(media["png"]), client=client)
    assert added["revision"] == 3
    assert added["status"] == "ready"
    from_url = pv.add_preview(task, comment, preview_file_url=f"{media_server}/picture.png", revision=4, client=client)
    assert (from_url["revision"], from_url["status"], from_url["extension"]) == (4, "ready", "png")
    movie = pv.add_preview(task["id"], comment["id"], preview_file_path=str(media["mp4"]), client=client)
    assert (movie["status"], movie["extension"]) == ("ready", "mp4")
    with pytest.raises(ValueError, match="needs preview_file_path or preview_file_url"):
        pv.add_preview(task, comment, client=client)
    with pytest.raises(ValueError, match="needs preview_file_path or preview_file_url"):
        pv.add_extra_preview(task, comment, uploaded, client=client)

    ids = {uploaded["id"], extra["id"], added["id"], from_url["id"], movie["id"]}
    assert {p["id"] for p in pv.get_all_preview_files_for_task(task, client=client)} == ids
    assert {p["id"] for p in pv.all_previews_for_task(task, client=client)} >= ids
    project_previews = {p["id"] for p in pv.all_preview_files_for_project(preview_world["project"], client=client)}
    assert ids <= project_previews
    assert pv.get_preview_file(movie["id"], client=client)["extension"] == "mp4"
    assert movie["id"] not in [p["id"] for p in pv.get_running_preview_files(client=client)]


def test_update_annotations_position_and_removal(
    preview_world: dict[str, Any],
    media: dict[str, Path],
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "edit")
    comment, first = pv.publish_preview(
        task, preview_world["status"], preview_file_path=str(media["png"]), client=client
    )
    second = pv.add_extra_preview(task, comment, first, preview_file_path=str(media["png"]), client=client)
    third = pv.add_extra_preview(task, comment, first, preview_file_path=str(media["png"]), client=client)
    assert [first["position"], second["position"], third["position"]] == [1, 2, 3]

    updated = pv.update_preview(first, {"description": "hero angle"}, client=client)
    assert updated["description"] == "hero angle"
    assert pv.get_preview_file(first["id"], client=client)["description"] == "hero angle"

    stroke = {"time": 0, "frame": 0, "drawing": {"objects": [{"id": "stroke-1", "type": "path", "stroke": "#f00"}]}}
    annotated = pv.update_preview_annotations(first, additions=[stroke], client=client)
    assert annotated["annotations"][0]["drawing"]["objects"][0]["id"] == "stroke-1"
    changed = {**stroke, "drawing": {"objects": [{"id": "stroke-1", "type": "path", "stroke": "#0f0"}]}}
    annotated = pv.update_preview_annotations(first["id"], updates=[changed], client=client)
    assert annotated["annotations"][0]["drawing"]["objects"][0]["stroke"] == "#0f0"
    annotated = pv.update_preview_annotations(
        first, deletions=[{"time": 0, "frame": 0, "objects": ["stroke-1"]}], client=client
    )
    objects = [o for a in annotated["annotations"] or [] for o in a["drawing"]["objects"]]
    assert objects == []

    moved = pv.update_preview_position(third, 1, client=client)  # Zou answers the revision's new order
    assert [p["id"] for p in moved] == [third["id"], first["id"], second["id"]]
    positions = {p["id"]: p["position"] for p in pv.get_all_preview_files_for_task(task, client=client)}
    assert positions[third["id"]] == 1
    assert sorted(positions.values()) == [1, 2, 3]

    assert isinstance(pv.remove_preview_from_comment(task, comment, second, client=client), str)
    assert client.call("get_data_comments_instance_id", instance_id=comment["id"])["previews"].count(second["id"]) == 0
    with pytest.raises(RouteNotFoundException):
        pv.get_preview_file(second["id"], client=client)
    assert isinstance(pv.remove_preview_file(third, force=True, client=client), str)
    with pytest.raises(RouteNotFoundException):
        pv.get_preview_file(third["id"], client=client)
    assert [p["id"] for p in pv.get_all_preview_files_for_task(task, client=client)] == [first["id"]]


def test_download_polls_a_processing_preview_within_a_bound(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "poll")
    comment = client.call(
        "post_actions_tasks_task_id_comment", json={"task_status_id": preview_world["status"]["id"]}, task_id=task["id"]
    )
    empty = pv.create_preview(task, comment, client=client)
    target = tmp_path / "cover.png"
    monkeypatch.setitem(pv.download_options, "processing_timeout", 1.5)
    started = time.monotonic()
    with pytest.raises(PreviewFileProcessingException) as info:
        pv.download_preview_file_cover(empty, str(target), client=client)
    assert info.value.status == 202
    assert 1.4 <= time.monotonic() - started < 10
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temporary file

    monkeypatch.setitem(pv.download_options, "processing_timeout", 30)
    upload_later = threading.Timer(1.0, pv.upload_preview_file, (empty, str(media["png"])), {"client": client})
    upload_later.start()
    try:
        response = pv.download_preview_file_cover(empty, str(target), client=client)
    finally:
        upload_later.join()
    assert response.status_code == 200
    assert png_size(target.read_bytes()) == (64, 48)


def test_a_preview_the_server_breaks_fails_the_publish_and_resumes(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    tmp_path: Path,
) -> None:
    """Zou 1.0.97 (with Debian's ffmpeg 5.1) marks a movie without a sound track "broken": a real server failure."""
    client, task = preview_world["client"], new_task(preview_world, "broken")
    silent = tmp_path / "silent.mp4"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x90:rate=24",
         "-pix_fmt", "yuv420p", str(silent)],
        check=True,
    )  # fmt: skip
    with pytest.raises(PublishFailedException) as info:
        pv.publish_preview_and_wait(
            task, preview_world["status"], comment="v1", preview_file_path=str(silent), client=client
        )
    error = info.value
    assert error.preview_file["status"] == "broken"
    assert "could not process" in str(error)
    assert pv.get_preview_file(error.preview_file["id"], client=client)["status"] == "broken"
    comment, preview = pv.resume_publish(
        error.comment, error.preview_file, str(media["mp4"]), wait=True, timeout=60, client=client
    )
    # Zou refuses a second upload into a preview file: the broken one is replaced on the same comment
    assert (preview["status"], preview["extension"], preview["revision"]) == ("ready", "mp4", 1)
    assert [c["id"] for c in comments_on(client, task["id"])] == [comment["id"]] == [error.comment["id"]]
    assert client.call("get_data_comments_instance_id", instance_id=comment["id"])["previews"] == [preview["id"]]
    assert [p["id"] for p in pv.get_all_preview_files_for_task(task, client=client)] == [preview["id"]]


def test_publish_from_a_url_leaves_no_temporary_file(
    preview_world: dict[str, Any],
    media_server: str,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "url")
    before = set(Path(tempfile.gettempdir()).glob("kitsu_preview_*"))
    _comment, preview = pv.publish_preview(
        task, preview_world["status"], comment="from url", preview_file_url=f"{media_server}/picture.png", client=client
    )
    assert (preview["status"], preview["original_name"], preview["width"]) == ("ready", "picture", 64)
    assert set(Path(tempfile.gettempdir()).glob("kitsu_preview_*")) == before
    with pytest.raises(PublishFailedException) as info:  # the URL fails after the comment: resumable
        pv.publish_preview(task, preview_world["status"], preview_file_url=f"{media_server}/missing.png", client=client)
    assert info.value.preview_file is None
    assert len(comments_on(client, task["id"])) == 2
    _, resumed = pv.resume_publish(
        info.value.comment, None, preview_file_url=f"{media_server}/picture.png", client=client
    )
    assert resumed["status"] == "ready"
    assert len(comments_on(client, task["id"])) == 2
    assert set(Path(tempfile.gettempdir()).glob("kitsu_preview_*")) == before
