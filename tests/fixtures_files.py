"""Fixtures of the files and playlist tests: a real production (project, episode, shots, asset, tasks, media).

Everything is created with `client.call(...)` under unique names and removed at the end (best effort). Only the
organisation avatar test touches shared data (Zou has one organisation): it restores what it changed.
"""

from __future__ import annotations

import struct
import subprocess
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_production import Production

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


def build_file_tree_world(prod: Production) -> Production:
    """The project's file tree, an episode, two shots (SH020, SH010), an asset and Animation/Layout tasks."""
    prod.client.call("put_data_projects_instance_id", json={"file_tree": FILE_TREE}, instance_id=prod.project["id"])
    sequence = prod.sequence("SQ01", prod.episode("E01"))
    sh020, sh010 = prod.shot("SH020", sequence), prod.shot("SH010", sequence)
    prod.asset("hero", prod.studio_asset_type("first"), description="")
    animation = prod.studio_task_type("Animation", "Animation", "Shot")
    layout = prod.studio_task_type("Layout", "Layout", "Shot")
    todo = prod.status("todo")
    prod.task("SH020/Animation", sh020, animation, todo)
    prod.task("SH010/Animation", sh010, animation, todo)
    prod.task("SH020/Layout", sh020, layout, todo)
    return prod


@pytest.fixture(scope="module")
def file_tree_production(
    admin_client: KitsuClient, zou: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Production]:
    """A production with a file tree, an episode, two shots (SH020, SH010), an asset and Animation/Layout tasks."""
    prod = Production(admin_client, zou["url"], "files-{token}", tmp=tmp_path_factory.mktemp("files"))
    try:
        yield build_file_tree_world(prod)
    finally:
        prod.close()
