"""Fixtures of the files and playlist tests: a real production (project, episode, shots, asset, tasks, media).

Everything is created with `client.call(...)` under unique names and removed at the end (best effort). Only the
organisation avatar test touches shared data (Zou has one organisation): it restores what it changed.
"""

from __future__ import annotations

import contextlib
import struct
import subprocess
import time
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import remove_project

from kitsu_helpers.client import KitsuClient, upload

ROW = {
    "mountpoint": "/mnt",
    "root": "prod",
    "folder_path": {
        "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
        "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
        "instance": "<Project>/<TemporalEntity>/<Asset>/instance_<Instance.number>/<OutputType>",
        "style": "lowercase",
    },
    "file_name": {
        "shot": "<Project>_<Shot>_<TaskType>_<Name>_v<Version>",
        "asset": "<Project>_<Asset>_<TaskType>_<Name>_v<Version>",
        "instance": "<Project>_<TemporalEntity>_<Instance.name>_<OutputType>_<Name>_v<Version>",
        "style": "lowercase",
    },
}
FILE_TREE = {"working": ROW, "output": ROW}


def png_bytes(width: int, height: int) -> bytes:
    """Return a valid RGB PNG (a gradient) built with the standard library."""
    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in ((x * 3) % 256, (y * 11) % 256, 64)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int]:
    """Return (width, height) of a PNG; AssertionError when data is not a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def make_movie(path: Path, seconds: int = 1) -> Path:
    """Write a short H.264 movie with a sound track (Zou 1.0.97 breaks silent movies) with ffmpeg."""
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size=160x90:rate=24",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-pix_fmt", "yuv420p", "-c:a", "aac",
         "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


def add_preview(client: KitsuClient, task: dict[str, Any], status_id: str, media: Path, text: str) -> dict[str, Any]:
    """Comment a task, attach a preview revision made of media, wait until processed; return the preview file."""
    comment = client.call(
        "post_actions_tasks_task_id_comment", json={"task_status_id": status_id, "comment": text}, task_id=task["id"]
    )
    preview = client.call(
        "post_actions_tasks_task_id_comments_comment_id_add_preview",
        json={},
        task_id=task["id"],
        comment_id=comment["id"],
    )
    upload(
        client.url_of("post_pictures_preview_files_instance_id", instance_id=preview["id"]), str(media), client=client
    )
    for _ in range(60):
        preview = client.call("get_data_preview_files_instance_id", instance_id=preview["id"])
        if preview["status"] != "processing":
            break
        time.sleep(1)
    assert preview["status"] == "ready", preview
    return preview  # type: ignore[no-any-return]


class Production:
    """A throwaway production built through the operations; every global object it made is listed for cleanup."""

    def __init__(self, client: KitsuClient, tmp: Path) -> None:
        self.client = client
        self.tmp = tmp
        self.token = uuid.uuid4().hex[:8]
        self.globals: list[tuple[str, str]] = []  # (delete operation, id) for non-project objects
        self.blockers: list[tuple[str, str]] = []  # (delete operation, id) to delete before the project
        c = client
        self.project = c.call("post_data_projects", json={"name": f"files-{self.token}", "production_type": "tvshow"})
        c.call("put_data_projects_instance_id", json={"file_tree": FILE_TREE}, instance_id=self.project["id"])
        pid = self.project["id"]
        self.episode = c.call("post_data_projects_project_id_episodes", json={"name": "E01"}, project_id=pid)
        self.sequence = c.call(
            "post_data_projects_project_id_sequences",
            json={"name": "SQ01", "episode_id": self.episode["id"]},
            project_id=pid,
        )
        self.shots = [
            c.call(
                "post_data_projects_project_id_shots",
                json={"name": name, "sequence_id": self.sequence["id"]},
                project_id=pid,
            )
            for name in ("SH020", "SH010")
        ]
        asset_type = c.call("get_data_asset_types")[0]
        self.asset = c.call(
            "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
            json={"name": "hero", "description": ""},
            project_id=pid,
            asset_type_id=asset_type["id"],
        )
        task_types = [t for t in c.call("get_data_task_types") if t["for_entity"] == "Shot"]
        self.task_type = next(t for t in task_types if t["name"] == "Animation")
        self.layout = next(t for t in task_types if t["name"] == "Layout")
        self.status = next(s for s in c.call("get_data_task_status") if s["short_name"] == "todo")
        self.tasks = [self.new_task(shot, self.task_type) for shot in self.shots]
        self.layout_task = self.new_task(self.shots[0], self.layout)

    def new_task(self, entity: dict[str, Any], task_type: dict[str, Any]) -> dict[str, Any]:
        """Create a task on an entity; return it."""
        return self.client.call(  # type: ignore[no-any-return]
            "post_data_tasks",
            json={
                "project_id": self.project["id"],
                "task_type_id": task_type["id"],
                "entity_id": entity["id"],
                "task_status_id": self.status["id"],
                "name": "main",
            },
        )

    def remember(self, operation: str, instance_id: str) -> None:
        """Delete this global object (output type, software, file status, person) at the end."""
        self.globals.append((operation, instance_id))

    def remember_before_project(self, operation: str, instance_id: str) -> None:
        """Delete this object before the project (Zou cannot delete a project that has asset instances)."""
        self.blockers.append((operation, instance_id))

    def cleanup(self) -> None:
        """Remove what blocks the project, the project, then every global object made (best effort)."""
        for operation, instance_id in reversed(self.blockers):
            with contextlib.suppress(Exception):  # cleanup must not hide the test's own result
                self.client.call(operation, params={"force": True}, instance_id=instance_id)
        remove_project(self.client, self.project["id"])
        for operation, instance_id in reversed(self.globals):
            with contextlib.suppress(Exception):
                self.client.call(operation, params={"force": True}, instance_id=instance_id)


@pytest.fixture(scope="module")
def file_tree_production(admin_client: KitsuClient, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    """A production with an episode, two shots (SH020, SH010), an asset and Animation/Layout tasks."""
    prod = Production(admin_client, tmp_path_factory.mktemp("files"))
    yield prod
    prod.cleanup()
