"""Realistic data for the shot, scene, edit and concept helper tests, built with raw operation calls.

A TV show with 2 episodes (E01, E02), sequences (E01/SQ010, E01/SQ020, E02/SQ010: the same sequence name in
two episodes), shots with frame ranges and custom data, a scene, an edit, a concept and a prop asset.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kitsu_helpers.client import KitsuClient, upload

SHOTS = {
    # (episode, sequence, shot): (nb_frames, frame_in, frame_out, data)
    ("E01", "SQ010", "SH010"): (24, 1001, 1024, {"camera": "A", "lens": 35}),
    ("E01", "SQ010", "SH020"): (48, 1025, 1072, {"camera": "B"}),
    ("E01", "SQ020", "SH010"): (12, 1001, 1012, {}),
    ("E02", "SQ010", "SH030"): (96, 1001, 1096, {"camera": "C"}),
}


def tiny_png(path: Path) -> Path:
    """Write a valid 2x2 RGB PNG to path; return it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )
    return path


def named(entries: list[dict[str, Any]], name: str, **filters: Any) -> dict[str, Any]:
    """Return the entry with that name (and those field values)."""
    return next(e for e in entries if e["name"] == name and all(e.get(k) == v for k, v in filters.items()))


def task_type(client: KitsuClient, name: str, for_entity: str) -> dict[str, Any]:
    """Return the shared task type of that name and entity kind."""
    return named(client.call("get_data_task_types"), name, for_entity=for_entity)


def add_task(client: KitsuClient, project_id: str, kind: str, type_name: str, entity_id: str) -> dict[str, Any]:
    """Create the task of a task type on a shot / edit / concept; return it."""
    tt = task_type(client, type_name, kind.capitalize())
    operation = f"post_actions_projects_project_id_task_types_task_type_id_{kind}s_create_tasks"
    tasks = client.call(operation, json=[entity_id], project_id=project_id, task_type_id=tt["id"])
    return next(t for t in tasks if t["entity_id"] == entity_id)


def add_picture_preview(client: KitsuClient, task: dict[str, Any], png: Path) -> dict[str, Any]:
    """Comment a task with a picture preview; return the preview file."""
    status = next(s for s in client.call("get_data_task_status") if s["short_name"] == "todo")
    comment = client.call(
        "post_actions_tasks_task_id_comment",
        json={"task_status_id": status["id"], "comment": "preview"},
        task_id=task["id"],
    )
    preview = client.call(
        "post_actions_tasks_task_id_comments_comment_id_add_preview",
        json={},
        task_id=task["id"],
        comment_id=comment["id"],
    )
    upload(client.url_of("post_pictures_preview_files_instance_id", instance_id=preview["id"]), str(png), client=client)
    return preview  # type: ignore[no-any-return]


def new_asset(client: KitsuClient, project_id: str, type_name: str, name: str) -> dict[str, Any]:
    """Create an asset of a shared asset type in the project; return it."""
    asset_type = named(client.call("get_data_asset_types"), type_name)
    return client.call(  # type: ignore[no-any-return]
        "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
        json={"name": name, "description": f"{name} asset"},
        project_id=project_id,
        asset_type_id=asset_type["id"],
    )


def build_show(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    """Create the show's episodes, sequences, shots, scene, edit, concept and asset; return them by name."""
    pid = project["id"]
    show: dict[str, Any] = {"project": project, "episodes": {}, "sequences": {}, "shots": {}}
    for episode_name in ("E01", "E02"):
        show["episodes"][episode_name] = client.call(
            "post_data_projects_project_id_episodes", json={"name": episode_name}, project_id=pid
        )
    for (episode_name, sequence_name, shot_name), (nb, fin, fout, data) in SHOTS.items():
        key = (episode_name, sequence_name)
        if key not in show["sequences"]:
            show["sequences"][key] = client.call(
                "post_data_projects_project_id_sequences",
                json={"name": sequence_name, "episode_id": show["episodes"][episode_name]["id"]},
                project_id=pid,
            )
        show["shots"][(episode_name, sequence_name, shot_name)] = client.call(
            "post_data_projects_project_id_shots",
            json={
                "name": shot_name,
                "sequence_id": show["sequences"][key]["id"],
                "nb_frames": nb,
                "data": {**data, "frame_in": fin, "frame_out": fout},
                "description": f"{episode_name} {sequence_name} {shot_name}",
            },
            project_id=pid,
        )
    show["scene"] = client.call(
        "post_data_projects_project_id_scenes",
        json={"name": "SC010", "sequence_id": show["sequences"][("E01", "SQ010")]["id"]},
        project_id=pid,
    )
    show["edit"] = client.call(
        "post_data_projects_project_id_edits",
        json={"name": "EDIT-E01", "episode_id": show["episodes"]["E01"]["id"], "data": {"cut": 1}},
        project_id=pid,
    )
    show["asset"] = new_asset(client, pid, "Prop", "Sword")
    show["concept"] = client.call(
        "post_data_projects_project_id_concepts",
        json={"name": "sword-concept", "data": {"style": "ink"}, "entity_concept_links": [{"id": show["asset"]["id"]}]},
        project_id=pid,
    )
    return show


@pytest.fixture(name="show")
def show_fixture(admin_client: KitsuClient, new_project: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """A TV show with episodes, sequences, shots (frame ranges, custom data), a scene, an edit and a concept."""
    return build_show(admin_client, new_project(fps="25"))
