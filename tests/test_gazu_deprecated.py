"""Functions older gazu releases had (0.8.0 - 1.2.2) and gazu 1.3.1 removed, against the real local Zou: each
warns, naming its replacement, and does what it did."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import _file_paths as files, shot, task, user
from kitsu_helpers.client import KitsuClient

pytestmark = pytest.mark.server


def warns(replacement: str) -> Any:
    return pytest.warns(DeprecationWarning, match=f"use gazu.{replacement} instead")


def test_refresh_token(zou: dict[str, Any]) -> None:
    client = KitsuClient(zou["url"])
    gazu.log_in(zou["email"], zou["password"], client=client)
    before = client.access_token
    with warns("refresh_access_token"):
        answer = gazu.refresh_token(client=client)
    assert answer["access_token"]
    assert client.access_token == answer["access_token"] != before
    assert gazu.client.get_current_user(client=client)["email"] == zou["email"]
    client.close()


def test_get_task_by_name(preview_world: dict[str, Any]) -> None:
    client = preview_world["client"]
    with warns("task.get_task_by_entity"):
        found = task.get_task_by_name(preview_world["shot"], preview_world["anim"], client=client)
    assert found is not None
    assert found["id"] == preview_world["shot_task"]["id"]
    with warns("task.get_task_by_entity"):
        assert (
            task.get_task_by_name(preview_world["shot"]["id"], preview_world["anim"]["id"], name="other", client=client)
            is None
        )


def test_get_task_by_path(preview_world: dict[str, Any]) -> None:
    client, token = preview_world["client"], preview_world["token"]
    tree = {
        "working": {
            "mountpoint": "/mnt/work",
            "root": "prod",
            "folder_path": {"shot": "<Project>/shots/<Episode>/<Sequence>/<Shot>/<TaskType>", "style": "lowercase"},
            "file_name": {"shot": "<Shot>_<TaskType>", "style": "lowercase"},
        }
    }
    files.update_project_file_tree(preview_world["project"], tree, client=client)
    path = f"/mnt/work/prod/pv_{token}/shots/e01/sq01/sh010/anim_{token}"
    with warns("files.guess_from_path and task.get_task_by_entity"):
        found = task.get_task_by_path(preview_world["project"], path, "shot", client=client)
    assert found is not None
    assert found["id"] == preview_world["shot_task"]["id"]
    with warns("files.guess_from_path and task.get_task_by_entity"):
        assert task.get_task_by_path(preview_world["project"]["id"], "/mnt/work/prod/elsewhere", client=client) is None


def test_add_preview_to_comment(preview_world: dict[str, Any]) -> None:
    client, shot_task = preview_world["client"], preview_world["shot_task"]
    comment = task.add_comment(shot_task, preview_world["status"], "v1", client=client)
    first = task.create_preview(shot_task, comment, client=client)
    with warns("task.create_extra_preview"):
        extra = task.add_preview_to_comment(comment["id"], first, client=client)
    assert extra["id"] != first["id"]
    assert extra["revision"] == first["revision"]
    assert extra["task_id"] == shot_task["id"]
    stored = task.get_comment(comment["id"], client=client)
    assert {first["id"], extra["id"]} <= {p["id"] if isinstance(p, dict) else p for p in stored["previews"]}


def test_publish_comments_previews(preview_world: dict[str, Any], tmp_path: Path) -> None:
    client, shot_task = preview_world["client"], preview_world["shot_task"]
    note = tmp_path / "note.txt"
    note.write_text("notes")
    comments = [
        {"text": "old batch 1", "task_status_id": preview_world["status"]["id"], "attachment_files": [str(note)]},
        {"text": "old batch 2", "task_status_id": preview_world["status"]["id"]},
    ]
    with warns("task.batch_comments"):
        created = task.publish_comments_previews(shot_task, comments, client=client)
    assert [c["text"] for c in created] == ["old batch 1", "old batch 2"]
    assert len(created[0]["attachment_files"]) == 1
    assert comments[0]["attachment_files"] == [str(note)]


def test_import_edl(
    new_project: Callable[..., dict[str, Any]], unique: Callable[[str], str], tmp_path: Path, admin_client: KitsuClient
) -> None:
    film = new_project(name=unique("edl").replace("-", "_"), production_type="featurefilm")
    edl = tmp_path / "cut.edl"
    edl.write_text(
        "TITLE: cut\nFCM: NON-DROP FRAME\n\n"
        "001  AX       V     C        00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00\n"
        f"* FROM CLIP NAME: {film['name']}_SQ1-SH010\n\n"
        "002  AX       V     C        00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00\n"
        f"* FROM CLIP NAME: {film['name']}_SQ1-SH020\n"
    )
    with warns("shot.import_otio"):
        result = shot.import_edl(film, str(edl), client=admin_client)
    assert sorted(s["name"] for s in result["created_shots"]) == ["SH010", "SH020"]
    assert sorted(s["name"] for s in shot.all_shots_for_project(film, client=admin_client)) == ["SH010", "SH020"]


# --- the user's own entities: the admin, assigned to the preview_world's tasks --------------------------------


@pytest.fixture(scope="module")
def mine(preview_world: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The preview_world with a scene, and the admin assigned to its asset, shot and scene tasks."""
    client = preview_world["client"]
    me = gazu.client.get_current_user(client=client)
    scene = gazu.scene.new_scene(preview_world["project"], preview_world["sequence"], "SC01", client=client)
    staging = task.new_task_type(f"Staging {preview_world['token']}", for_entity="Scene", client=client)
    try:
        scene_task = preview_world["task"](staging, scene)
        task.assign_tasks_to_person(
            [preview_world["asset_task"], preview_world["shot_task"], scene_task], me, client=client
        )
        yield {**preview_world, "me": me, "scene": scene}
    finally:
        with contextlib.suppress(Exception):  # cleanup must not hide the test's own result
            task.remove_tasks_for_type(preview_world["project"], staging, client=client)
            client.call("delete_data_task_types_instance_id", instance_id=staging["id"])


def test_open_tasks_for_person(mine: dict[str, Any]) -> None:
    client = mine["client"]
    expected = {t["id"] for t in task.all_tasks_for_person(mine["me"], client=client)}
    with warns("task.all_tasks_for_person"):
        tasks = task.all_open_tasks_for_person(mine["me"]["id"], client=client)
    assert {t["id"] for t in tasks} == expected
    assert mine["shot_task"]["id"] in expected


def test_user_assets_for_project(mine: dict[str, Any]) -> None:
    client, asset = mine["client"], mine["asset"]
    with warns("user.all_assets_for_asset_type_and_project"):
        assets = user.all_assets_for_project(mine["project"], client=client)
    assert [(a["name"], a["id"]) for a in assets] == [("Chair Big", asset["id"])]
    with warns("user.all_assets_for_asset_type_and_project"):
        assert [a["id"] for a in user.all_project_assets(mine["project"]["id"], client=client)] == [asset["id"]]


def test_user_scenes_and_sequences(mine: dict[str, Any]) -> None:
    client = mine["client"]
    with warns("user.all_scenes_for_sequence"):
        scenes = user.all_scenes_for_project(mine["project"], client=client)
    assert [(s["name"], s["id"]) for s in scenes] == [("SC01", mine["scene"]["id"])]
    with warns("user.all_sequences_for_project"):
        sequences = user.all_sequences_for_episode(mine["episode"]["id"], client=client)
    assert [s["id"] for s in sequences] == [mine["sequence"]["id"]]
    other = gazu.shot.new_episode(mine["project"], "E02", client=client)
    with warns("user.all_sequences_for_project"):
        assert user.all_sequences_for_episode(other, client=client) == []
