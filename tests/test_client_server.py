"""The core client against the real local Zou: login, bot tokens, refresh with short tokens, raw calls, generated
calls, streaming transfers with bounded memory."""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import start_instance

import kitsu_helpers as gazu
from kitsu_helpers import client as raw, errors
from kitsu_helpers.client import KitsuClient


def test_login_current_user_and_api_version(zou: dict[str, Any]) -> None:
    client = KitsuClient(zou["url"])
    answer = gazu.log_in(zou["email"], zou["password"], client=client)
    assert answer["user"]["email"] == zou["email"]
    assert client.access_token
    assert raw.get_current_user(client=client)["email"] == zou["email"]
    assert raw.get_api_version(client=client) == "1.0.97"
    assert raw.host_is_up(client=client)
    assert raw.host_is_valid(client=client)
    gazu.log_out(client=client)
    assert client.access_token is None
    with pytest.raises(errors.NotAuthenticatedException):
        raw.get_current_user(client=client)


def test_bad_password_is_auth_failed_with_the_server_message(zou: dict[str, Any]) -> None:
    client = KitsuClient(zou["url"])
    with pytest.raises(gazu.AuthFailedException, match="Wrong email or password") as info:
        gazu.log_in(zou["email"], "not-the-password", client=client)
    assert "not-the-password" not in str(info.value)


def test_unreachable_host_is_a_host_error_and_not_up() -> None:
    client = KitsuClient("http://127.0.0.1:9", retries=1)
    assert raw.host_is_up(client=client) is False
    with pytest.raises(errors.ConnectionFailedException):
        raw.get("data/projects", client=client)


def test_bot_token_works_with_set_token_alone(
    admin_client: KitsuClient, unique: Callable[[str], str], zou: dict[str, Any]
) -> None:
    bot = admin_client.call(
        "post_data_persons",
        json={
            "first_name": unique("bot"),
            "last_name": "",
            "email": f"{unique('bot')}@example.com",
            "role": "user",
            "is_bot": True,
        },
    )
    try:
        assert bot.get("access_token"), "Zou returns the bot's JWT on creation"
        client = KitsuClient(zou["url"])
        gazu.set_token(bot["access_token"], client=client)
        assert raw.get_current_user(client=client)["id"] == bot["id"]
    finally:
        admin_client.call("delete_data_persons_instance_id", instance_id=bot["id"], params={"force": True})


def test_raw_calls_create_read_update_delete(admin_client: KitsuClient, unique: Callable[[str], str]) -> None:
    name = unique("raw-type")
    created = raw.create("task-types", {"name": name, "for_entity": "Shot"}, client=admin_client)
    try:
        assert raw.fetch_one("task-types", created["id"], client=admin_client)["name"] == name
        assert raw.fetch_first("task-types", {"name": name}, client=admin_client)["id"] == created["id"]
        assert [t["id"] for t in raw.fetch_all("task-types", {"name": name}, client=admin_client)] == [created["id"]]
        updated = raw.update("task-types", created["id"], {"color": "#123456"}, client=admin_client)
        assert updated["color"] == "#123456"
        assert (
            raw.put(f"data/task-types/{created['id']}", {"short_name": "rw"}, client=admin_client)["short_name"] == "rw"
        )
        assert raw.get(f"data/task-types/{created['id']}", client=admin_client)["short_name"] == "rw"
    finally:
        raw.delete(f"data/task-types/{created['id']}", client=admin_client)
    with pytest.raises(errors.RouteNotFoundException) as info:
        raw.fetch_one("task-types", created["id"], client=admin_client)
    assert info.value.status == 404
    assert info.value.method == "GET"


def test_paginated_fetch_all_returns_every_row(admin_client: KitsuClient, new_project: Callable[..., dict]) -> None:
    project = new_project()
    for i in range(5):
        admin_client.call(
            "post_data_projects_project_id_sequences", project_id=project["id"], json={"name": f"SQ{i:02d}"}
        )
    rows = raw.fetch_all("sequences", {"project_id": project["id"]}, client=admin_client, paginated=True, limit=2)
    assert sorted(r["name"] for r in rows) == [f"SQ{i:02d}" for i in range(5)]


def test_generated_calls_create_and_read_back_production_data(
    admin_client: KitsuClient, unique: Callable[[str], str]
) -> None:
    """The generated layer on its own: project, sequence, shot, asset, task, through `sync` with models."""
    from kitsu_api import models
    from kitsu_api.api.assets import post_data_projects_project_id_asset_types_asset_type_id_assets_new as new_asset
    from kitsu_api.api.crud import get_data_projects_instance_id, post_data_projects, post_data_tasks
    from kitsu_api.api.shots import post_data_projects_project_id_sequences, post_data_projects_project_id_shots

    api = admin_client.api
    project = post_data_projects.sync(
        client=api, body=models.PostDataProjectsBody(name=unique("gen"), production_type="tvshow")
    )
    try:
        read = get_data_projects_instance_id.sync(client=api, instance_id=str(project.id))
        assert read.name == project.name
        seq = post_data_projects_project_id_sequences.sync(
            client=api, project_id=str(project.id), body=models.PostDataProjectsProjectIdSequencesBody(name="SQ01")
        )
        shot = post_data_projects_project_id_shots.sync(
            client=api,
            project_id=str(project.id),
            body=models.PostDataProjectsProjectIdShotsBody(name="SH010", sequence_id=seq.id, nb_frames=48),
        )
        assert shot.name == "SH010"
        assert str(shot["parent_id"]) == str(seq.id)
        assert shot.nb_frames == 48
        asset_type = admin_client.call("get_data_asset_types")[0]
        asset = new_asset.sync(
            client=api,
            project_id=str(project.id),
            asset_type_id=asset_type["id"],
            body=models.PostDataProjectsProjectIdAssetTypesAssetTypeIdAssetsNewBody(name="Hero"),
        )
        assert asset.name == "Hero"
        task_type = next(t for t in admin_client.call("get_data_task_types") if t["for_entity"] == "Shot")
        task = post_data_tasks.sync(
            client=api, body=models.PostDataTasksBody(task_type_id=task_type["id"], entity_id=shot.id)
        )
        assert str(task.entity_id) == str(shot.id)
        with pytest.raises(errors.ParameterException) as info:
            get_data_projects_instance_id.sync(client=api, instance_id="not-a-uuid")
        assert info.value.status is None
        assert "not a UUID" in str(info.value)
        with pytest.raises(errors.RouteNotFoundException) as missing:
            get_data_projects_instance_id.sync(client=api, instance_id=str(uuid.uuid4()))
        assert missing.value.status == 404
    finally:
        from conftest import remove_project

        remove_project(admin_client, str(project.id))


def test_short_tokens_are_refreshed_transparently_under_threads(zou: dict[str, Any]) -> None:
    short = start_instance("short", ZOU_ACCESS_TOKEN_SECONDS="3", ZOU_API_WORKERS="1")
    client = KitsuClient(short["url"])
    gazu.log_in(short["email"], short["password"], client=client)
    time.sleep(3.5)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        users = list(pool.map(lambda _: raw.get_current_user(client=client)["email"], range(32)))
    assert users == [short["email"]] * 32
    assert client.refresh_count == 1


def test_expired_token_without_refresh_token_raises_not_authenticated(zou: dict[str, Any]) -> None:
    short = start_instance("short", ZOU_ACCESS_TOKEN_SECONDS="3", ZOU_API_WORKERS="1")
    client = KitsuClient(short["url"])
    tokens = gazu.log_in(short["email"], short["password"], client=client)
    gazu.set_token(tokens["access_token"], client=client)
    time.sleep(3.5)
    with pytest.raises(errors.NotAuthenticatedException):
        raw.get_current_user(client=client)


@pytest.fixture
def working_file(admin_client: KitsuClient, new_project: Callable[..., dict]) -> dict[str, Any]:
    project = new_project()
    tree = {
        "working": {
            "mountpoint": "/working_files",
            "root": "productions",
            "folder_path": {"shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>", "style": "lowercase"},
            "file_name": {"shot": "<Project>_<Sequence>_<Shot>_<TaskType>", "style": "lowercase"},
        }
    }
    admin_client.call("put_data_projects_instance_id", instance_id=project["id"], json={"file_tree": tree})
    seq = admin_client.call("post_data_projects_project_id_sequences", project_id=project["id"], json={"name": "SQ"})
    shot = admin_client.call(
        "post_data_projects_project_id_shots", project_id=project["id"], json={"name": "SH", "sequence_id": seq["id"]}
    )
    task_type = next(t for t in admin_client.call("get_data_task_types") if t["for_entity"] == "Shot")
    task = admin_client.call("post_data_tasks", json={"task_type_id": task_type["id"], "entity_id": shot["id"]})
    return admin_client.call("post_data_tasks_task_id_working_files_new", task_id=task["id"], json={"name": "main"})


def test_large_upload_and_download_stream_with_bounded_memory(
    admin_client: KitsuClient, working_file: dict[str, Any], tmp_path: Path
) -> None:
    size = 64 * 1024 * 1024
    source = tmp_path / "scene.bin"
    with source.open("wb") as out:
        for _ in range(size // (1024 * 1024)):
            out.write(os.urandom(1024 * 1024))
    progress: list[int] = []
    tracemalloc.start()
    raw.upload(
        admin_client.url_of("post_data_working_files_working_file_id_file", working_file_id=working_file["id"]),
        str(source),
        client=admin_client,
        progress_callback=lambda sent, total: progress.append(sent),
    )
    _, upload_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    target = tmp_path / "back.bin"
    raw.download(
        admin_client.url_of("get_data_working_files_working_file_id_file", working_file_id=working_file["id"]),
        str(target),
        client=admin_client,
    )
    _, download_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert progress[-1] == size
    assert upload_peak < 8 * 1024 * 1024, upload_peak
    assert download_peak < 8 * 1024 * 1024, download_peak
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(target) == digest(source)
