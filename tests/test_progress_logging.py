"""progress=True (kitsu_helpers.progress) and enable_logging / KITSU_LOG against the real local Zou: tqdm bars
on real uploads, downloads and bulk creation, a silent fallback without tqdm, one log line per request with
method, route, status and duration, and no token or password in the logs even at DEBUG.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import _previews as pv, progress, shot, sync
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import InvalidParameterValueException

LOG_LINE = re.compile(r"^(GET|POST|PUT|DELETE) (/\S+) -> (\d{3}) \((\d+\.\d) ms\)$")


def new_task(preview_world: dict[str, Any], name: str) -> dict[str, Any]:
    return preview_world["task"](preview_world["modeling"], preview_world["asset"], name=name)


# --- progress ---------------------------------------------------------------------------------------


def test_progress_true_draws_bars_for_a_publish_and_a_download(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client, task = preview_world["client"], new_task(preview_world, "bar")
    size = media["png"].stat().st_size
    _, preview = pv.publish_preview(
        task, preview_world["status"], comment="bar", preview_file_path=str(media["png"]), client=client, progress=True
    )
    upload_bar = capsys.readouterr().err
    assert "picture.png" in upload_bar, upload_bar
    assert "100%" in upload_bar, upload_bar
    seen: list[tuple[int, int]] = []
    target = tmp_path / "back.png"
    pv.download_preview_file(
        preview, str(target), client=client, progress_callback=lambda d, t: seen.append((d, t)), progress=True
    )
    download_bar = capsys.readouterr().err
    assert "back.png" in download_bar, download_bar
    assert "100%" in download_bar, download_bar
    assert seen
    assert seen[-1][0] == target.stat().st_size
    assert size > 0


def test_progress_true_without_tqdm_falls_back_silently(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # `import tqdm` now raises ImportError
    assert not progress.tqdm_available()
    client, task = preview_world["client"], new_task(preview_world, "nobar")
    comment, preview = pv.publish_preview(
        task,
        preview_world["status"],
        comment="no bar",
        preview_file_path=str(media["png"]),
        client=client,
        progress=True,
    )
    assert preview["status"] == "ready"
    assert comment["text"] == "no bar"
    assert capsys.readouterr().err == ""


def test_new_shots_reports_progress_to_a_callable_and_a_bar(
    new_project: Any, client: KitsuClient, capsys: pytest.CaptureFixture[str]
) -> None:
    project = new_project()
    sequence = client.call("post_data_projects_project_id_sequences", json={"name": "SQ01"}, project_id=project["id"])
    calls: list[tuple[int, int]] = []
    made = shot.new_shots(
        project, sequence, ["SH010", "SH020", "SH030"], client=client, progress=lambda d, t: calls.append((d, t))
    )
    assert [s["name"] for s in made] == ["SH010", "SH020", "SH030"]
    assert calls == [(1, 3), (2, 3), (3, 3)]
    shot.new_shots(project, sequence, ["SH040", "SH050"], client=client, progress=True)
    bar = capsys.readouterr().err
    assert "shots" in bar, bar
    assert "2/2" in bar, bar


def test_sync_progress_true_draws_one_bar_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    with sync.progress(True):
        sync.report("assets", 1, 2)
        sync.report("assets", 2, 2)
        sync.report("shots", 3, 3)
    out = capsys.readouterr().err
    assert "assets" in out, out
    assert "2/2" in out, out
    assert "shots" in out, out
    assert "3/3" in out, out


def test_progress_refuses_a_value_that_is_neither_a_flag_nor_a_callable() -> None:
    with pytest.raises(InvalidParameterValueException), progress.progress_bar("yes"):  # type: ignore[arg-type]
        pass


# --- logging ----------------------------------------------------------------------------------------


def test_debug_logs_one_line_per_request_and_never_a_secret(
    zou: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="kitsu_helpers")
    own = KitsuClient(zou["url"])
    try:
        tokens = gazu.log_in(zou["email"], zou["password"], client=own)
        own.request_json("GET", "data/projects", params={"password": "hunter2", "page": 1})
        refreshed = gazu.refresh_access_token(client=own)
        gazu.user.all_open_projects(client=own)  # with the refreshed token
    finally:
        own.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "kitsu_helpers.http"]
    parsed = [LOG_LINE.match(line) for line in lines]
    assert all(parsed), lines
    routes = [(m[1], m[2].split("?")[0], m[3]) for m in parsed if m]
    assert ("POST", "/auth/login", "200") in routes
    assert ("GET", "/data/projects", "200") in routes
    assert ("GET", "/auth/refresh-token", "200") in routes
    assert any("password=<redacted>" in line and "page=1" in line for line in lines), lines
    everything = "\n".join(r.getMessage() for r in caplog.records)
    secrets = [zou["password"], "hunter2", tokens["access_token"], tokens["refresh_token"], refreshed["access_token"]]
    assert not [s for s in secrets if s and s in everything]


def test_enable_logging_configures_the_sdk_loggers_in_one_call(zou: dict[str, Any]) -> None:
    stream = io.StringIO()
    logger = gazu.enable_logging("debug", stream=stream)
    own = KitsuClient(zou["url"])
    try:
        gazu.log_in(zou["email"], zou["password"], client=own)
        gazu.enable_logging("debug", stream=stream)  # a second call replaces its handler: no doubled lines
        gazu.project.all_projects(client=own)
    finally:
        own.close()
        logger.setLevel(logging.NOTSET)
        gazu.enable_logging("warning", stream=io.StringIO())
    text = stream.getvalue()
    assert re.search(r"DEBUG kitsu_helpers\.http: POST /auth/login -> 200 \(\d+\.\d ms\)", text), text
    assert len(re.findall(r"GET /data/projects -> 200", text)) == 1, text
    assert zou["password"] not in text
    with pytest.raises(InvalidParameterValueException):
        gazu.enable_logging("loud")


def test_kitsu_log_environment_variable_turns_on_request_logs(zou: dict[str, Any]) -> None:
    script = (
        "import kitsu_helpers as gazu\n"
        f"c = gazu.KitsuClient({zou['url']!r})\n"
        f"gazu.log_in({zou['email']!r}, {zou['password']!r}, client=c)\n"
        "gazu.project.all_projects(client=c)\n"
    )
    env = {**os.environ, "KITSU_LOG": "debug"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"kitsu_helpers\.http: GET /data/projects -> 200 \(\d+\.\d ms\)", done.stderr), done.stderr
    assert zou["password"] not in done.stderr
    quiet = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "KITSU_LOG": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert quiet.returncode == 0
    assert "kitsu_helpers.http" not in quiet.stderr


def test_the_async_client_logs_its_requests_the_same_way(zou: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    import asyncio

    from kitsu_helpers import aio

    async def scenario() -> None:
        client = await aio.create_session(zou["url"], zou["email"], zou["password"])
        try:
            await aio.get("data/projects", params={"token": "abc123"}, client=client)
        finally:
            await client.aclose()

    caplog.set_level(logging.DEBUG, logger="kitsu_helpers")
    asyncio.run(scenario())
    lines = [r.getMessage() for r in caplog.records if r.name == "kitsu_helpers.http"]
    assert any(LOG_LINE.match(line) and line.startswith("POST /auth/login -> 200") for line in lines), lines
    assert "GET /data/projects?token=<redacted> -> 200" in " ".join(lines), lines
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert zou["password"] not in everything
    assert "abc123" not in everything


def test_async_transfers_draw_bars_too(
    zou: dict[str, Any],
    preview_world: dict[str, Any],
    media: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import asyncio

    from kitsu_helpers import aio

    client, task = preview_world["client"], new_task(preview_world, "async-bar")
    comment = client.call(
        "post_actions_tasks_task_id_comment", json={"task_status_id": preview_world["status"]["id"]}, task_id=task["id"]
    )
    empty = pv.create_preview(task, comment, client=client)
    upload_path = client.path_of("post_pictures_preview_files_instance_id", instance_id=empty["id"])
    target = tmp_path / "async.png"

    async def scenario() -> dict[str, Any]:
        session = await aio.create_session(zou["url"], zou["email"], zou["password"])
        try:
            uploaded = await aio.upload(upload_path, str(media["png"]), client=session, progress=True)
            download_path = client.path_of(
                "get_pictures_originals_preview_files_instance_id_png", instance_id=empty["id"]
            )
            await aio.download(download_path, str(target), client=session, progress=True)
            return uploaded
        finally:
            await session.aclose()

    uploaded = asyncio.run(scenario())
    bars = capsys.readouterr().err
    assert uploaded["id"] == empty["id"]
    assert target.stat().st_size > 0
    assert "picture.png" in bars, bars
    assert "async.png" in bars, bars
    assert bars.count("100%") >= 2, bars
