"""Publishing errors a TD can act on, against the real local Zou 1.0.97: a silent MP4 (a playblast without audio)
and a corrupt movie are marked "broken" by Zou after the comment is posted; PublishFailedException says which
step failed and why, and resumes or cleans up on request.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from fixtures_previews import comments_on

from kitsu_helpers import _previews as pv, task as tasks
from kitsu_helpers.errors import PublishFailedException, RouteNotFoundException


def new_task(preview_world: dict[str, Any], name: str) -> dict[str, Any]:
    return preview_world["task"](preview_world["modeling"], preview_world["asset"], name=name)


@pytest.fixture(scope="module")
def silent_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A normal playblast without audio, made by ffmpeg."""
    path = tmp_path_factory.mktemp("silent") / "silent.mp4"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=320x240:rate=24",
         "-an", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )  # fmt: skip
    return path


def test_a_silent_movie_fails_at_processing_with_the_cause_and_cleans_up(
    preview_world: dict[str, Any],
    silent_mp4: Path,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "silent")
    with pytest.raises(PublishFailedException) as info:
        tasks.publish_preview(task, preview_world["status"], comment="playblast", preview_file_path=str(silent_mp4))
    error = info.value
    assert error.step == "processing"
    assert error.preview_file["status"] == "broken"
    assert error.reason is not None
    assert "no sound track" in error.reason
    assert "normalize_movie=False" in error.reason
    message = str(error)
    assert "step 'processing'" in message
    assert error.comment["id"] in message
    assert error.preview_file["id"] in message
    assert "error.resume(" in message
    assert "error.clean_up()" in message
    assert [c["id"] for c in comments_on(client, task["id"])] == [error.comment["id"]]  # the half-made publish

    removed = error.clean_up(client=client)
    assert removed == {"comment": error.comment["id"], "preview_file": error.preview_file["id"]}
    assert comments_on(client, task["id"]) == []
    with pytest.raises(RouteNotFoundException):
        client.call("get_data_preview_files_instance_id", instance_id=error.preview_file["id"])
    assert pv.get_all_preview_files_for_task(task, client=client) == []


def test_the_advice_for_a_silent_movie_works_without_normalisation(
    preview_world: dict[str, Any],
    silent_mp4: Path,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "silent-raw")
    _comment, preview = pv.publish_preview_and_wait(
        task,
        preview_world["status"],
        preview_file_path=str(silent_mp4),
        normalize_movie=False,
        timeout=60,
        client=client,
    )
    assert preview["status"] == "ready"
    assert preview["extension"] == "mp4"


def test_a_silent_movie_resumes_with_a_fixed_file_on_the_same_comment(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    silent_mp4: Path,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "silent-fix")
    with pytest.raises(PublishFailedException) as info:
        pv.publish_preview_and_wait(task, preview_world["status"], preview_file_path=str(silent_mp4), client=client)
    comment, preview = info.value.resume(str(media["mp4"]), client=client, wait=True, timeout=60)
    assert comment["id"] == info.value.comment["id"]
    assert preview["status"] == "ready"
    assert [c["id"] for c in comments_on(client, task["id"])] == [comment["id"]]


def test_a_corrupt_movie_is_named_as_such(
    preview_world: dict[str, Any],
    silent_mp4: Path,
    tmp_path: Path,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "corrupt")
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_bytes(silent_mp4.read_bytes()[:3000])  # a truncated transfer
    with pytest.raises(PublishFailedException) as info:
        pv.publish_preview(task, preview_world["status"], preview_file_path=str(corrupt), client=client)
    error = info.value
    assert error.step == "processing"
    assert error.reason is not None
    assert "ffprobe cannot read corrupt.mp4" in error.reason
    assert "corrupt, truncated" in error.reason
    tasks.remove_failed_publish(error, client=client)
    assert comments_on(client, task["id"]) == []


def test_without_ffprobe_the_message_says_zou_gave_no_reason(
    preview_world: dict[str, Any],
    silent_mp4: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "noprobe")
    monkeypatch.setattr(pv.shutil, "which", lambda name: None)
    with pytest.raises(PublishFailedException) as info:
        pv.publish_preview(task, preview_world["status"], preview_file_path=str(silent_mp4), client=client)
    assert info.value.reason is not None
    assert "Zou gives no reason through its API" in info.value.reason
    assert "likely cause" not in info.value.reason
    info.value.clean_up(client=client)


@pytest.mark.parametrize(
    ("failing", "step"), [("/add-preview", "preview creation"), ("/pictures/preview-files/", "upload")]
)
def test_a_refused_request_names_its_step_and_the_server_message(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    failing_client: Any,
    failing: str,
    step: str,
) -> None:
    client, task = preview_world["client"], new_task(preview_world, f"refused{len(step)}")
    flaky, _ = failing_client(failing)
    with pytest.raises(PublishFailedException) as info:
        pv.publish_preview(task, preview_world["status"], preview_file_path=str(media["png"]), client=flaky)
    error = info.value
    assert error.step == step
    assert error.status == 500
    assert error.reason is not None
    assert "storage is full" in error.reason
    assert f"step {step!r}" in str(error)
    removed = error.clean_up(client=client)
    assert removed["comment"] == error.comment["id"]
    assert removed["preview_file"] == (error.preview_file["id"] if step == "upload" else None)
    assert comments_on(client, task["id"]) == []
    assert pv.get_all_preview_files_for_task(task, client=client) == []
