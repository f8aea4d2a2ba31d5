"""Fixtures of the preview and file-path tests: a real project with an asset, a shot, tasks, a status and media.

Everything is created with `client.call(...)` under unique names and removed at the end (best effort).
"""

from __future__ import annotations

import contextlib
import struct
import subprocess
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import remove_project

from kitsu_helpers.client import KitsuClient


def png_bytes(width: int, height: int) -> bytes:
    """Return a valid RGB PNG (a gradient) written with the standard library."""
    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in ((x * 7) % 256, (y * 5) % 256, 128)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int]:
    """Return (width, height) read from a PNG's header; AssertionError when data is not a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    return struct.unpack(">II", data[16:24])


def make_movie(path: Path, seconds: int = 1) -> Path:
    """Write a short 160x90 H.264 movie with ffmpeg (with a sound track: Zou 1.0.97 breaks silent ones)."""
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size=160x90:rate=24",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-pix_fmt", "yuv420p", "-c:a", "aac",
         "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A real PNG (64x48) and a real MP4 on disk."""
    folder = tmp_path_factory.mktemp("media")
    picture = folder / "picture.png"
    picture.write_bytes(png_bytes(64, 48))
    return {"png": picture, "mp4": make_movie(folder / "clip.mp4"), "folder": folder}


@pytest.fixture(scope="module")
def preview_world(admin_client: KitsuClient) -> Iterator[dict[str, Any]]:
    """A project with an asset, a sequence and shot, an asset instance, task types, a status and tasks."""
    client, token = admin_client, uuid.uuid4().hex[:8]
    globals_made: list[tuple[str, str]] = []

    def make_global(operation: str, delete: str, **payload: Any) -> dict[str, Any]:
        entry = client.call(operation, json=payload)
        globals_made.append((delete, entry["id"]))
        return entry

    project = client.call("post_data_projects", json={"name": f"PV {token}", "production_type": "tvshow"})
    try:
        asset_type = make_global(
            "post_data_entity_types", "delete_data_entity_types_instance_id", name=f"Props {token}"
        )
        modeling = make_global(
            "post_data_task_types", "delete_data_task_types_instance_id", name=f"Modeling {token}", for_entity="Asset"
        )
        anim = make_global(
            "post_data_task_types", "delete_data_task_types_instance_id", name=f"Anim {token}", for_entity="Shot"
        )
        status = make_global(
            "post_data_task_status", "delete_data_task_status_instance_id",
            name=f"Review {token}", short_name=f"rv{token}", color="#ff0000",
        )  # fmt: skip
        output_type = make_global(
            "post_data_output_types", "delete_data_output_types_instance_id", name=f"Cache {token}", short_name="cache"
        )
        software = make_global(
            "post_data_softwares", "delete_data_softwares_instance_id",
            name=f"Blender {token}", short_name=f"bl{token[:4]}", file_extension="blend",
        )  # fmt: skip
        asset = client.call(
            "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
            json={"name": "Chair Big"},
            project_id=project["id"],
            asset_type_id=asset_type["id"],
        )
        episode = client.call("post_data_projects_project_id_episodes", json={"name": "E01"}, project_id=project["id"])
        sequence = client.call(
            "post_data_projects_project_id_sequences",
            json={"name": "SQ01", "episode_id": episode["id"]},
            project_id=project["id"],
        )
        shot = client.call(
            "post_data_projects_project_id_shots",
            json={"name": "SH010", "sequence_id": sequence["id"]},
            project_id=project["id"],
        )
        instance = client.call(
            "post_data_asset_instances", json={"asset_id": asset["id"], "name": "chair_a", "number": 1}
        )

        def task(task_type: dict[str, Any], entity: dict[str, Any], name: str = "main") -> dict[str, Any]:
            return client.call(
                "post_data_tasks",
                json={
                    "name": name,
                    "project_id": project["id"],
                    "task_type_id": task_type["id"],
                    "entity_id": entity["id"],
                    "task_status_id": status["id"],
                },
            )

        yield {
            "client": client,
            "token": token,
            "project": project,
            "asset_type": asset_type,
            "asset": asset,
            "episode": episode,
            "sequence": sequence,
            "shot": shot,
            "asset_instance": instance,
            "modeling": modeling,
            "anim": anim,
            "status": status,
            "output_type": output_type,
            "software": software,
            "task": task,
            "asset_task": task(modeling, asset),
            "shot_task": task(anim, shot),
        }
    finally:
        remove_world(client, project["id"])
        for operation, entry_id in reversed(globals_made):
            with contextlib.suppress(Exception):  # cleanup must not hide the test's own result
                client.call(operation, instance_id=entry_id)


def remove_world(client: KitsuClient, project_id: str) -> None:
    """Remove a project made by `world`: Zou 1.0.97 cannot force-delete a project that has asset instances."""
    with contextlib.suppress(Exception):  # cleanup must not hide the test's own result
        assets = client.call("get_data_assets", params={"project_id": project_id})
        for asset in assets:
            for instance in client.call("get_data_asset_instances", params={"asset_id": asset["id"]}):
                for output in client.call("get_data_output_files", params={"asset_instance_id": instance["id"]}):
                    client.call("delete_data_output_files_instance_id", instance_id=output["id"])
                client.call("delete_data_asset_instances_instance_id", instance_id=instance["id"])
    remove_project(client, project_id)


def comments_on(client: KitsuClient, task_id: str) -> list[dict[str, Any]]:
    """Return the comments the server holds for a task (read directly, not through the helpers under test)."""
    return client.call("get_data_tasks_task_id_comments", task_id=task_id)


class FailingRoute(httpx.BaseTransport):
    """A real transport that answers 500 to requests whose path contains `fragment` (and counts them)."""

    def __init__(self, fragment: str) -> None:
        self.fragment = fragment
        self.real = httpx.HTTPTransport()
        self.refused = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and self.fragment in request.url.path:
            self.refused += 1
            return httpx.Response(500, json={"message": "storage is full"}, request=request)
        return self.real.handle_request(request)


@pytest.fixture
def failing_client(zou: dict[str, Any], admin_client: KitsuClient) -> Iterator[Any]:
    """Factory: a client sharing the admin's token whose requests to one route fail with 500."""
    made: list[KitsuClient] = []

    def make(fragment: str) -> tuple[KitsuClient, FailingRoute]:
        transport = FailingRoute(fragment)
        client = KitsuClient(zou["url"], access_token=admin_client.access_token, transport=transport)
        made.append(client)
        return client, transport

    yield make
    for client in made:
        client.close()
