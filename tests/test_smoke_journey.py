"""The main job end to end through kitsu_helpers: log in, create a project and hear `project:new` on the event
stream, publish a PNG and a short MP4 preview and see both `ready`.

Runs on the main local Zou in the suite; CI runs it again against the embedded (no root, PyPI-only) backend
by setting KITSU_TEST_HOST and KITSU_TEST_EVENT_HOST.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import threading
import zlib
from pathlib import Path
from typing import Any

import kitsu_helpers as gazu
from kitsu_helpers.client import KitsuClient


def write_png(path: Path, width: int = 32, height: int = 18) -> Path:
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 8 % 256, y * 14 % 256, 90)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
    return path


def write_mp4(path: Path) -> Path:
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is installed by scripts/zou_server.py"
    subprocess.run(
        [ffmpeg, "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x90:rate=24",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-pix_fmt", "yuv420p", "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path


def test_log_in_create_hear_the_event_and_publish_previews(zou: dict[str, Any], tmp_path: Path, unique: Any) -> None:
    client = KitsuClient(zou["url"], event_host=zou["events_url"])
    gazu.log_in(zou["email"], zou["password"], client=client)
    heard: dict[str, Any] = {}
    arrived = threading.Event()
    events = gazu.events.init(client=client)
    try:

        def on_project_new(data: dict[str, Any]) -> None:
            heard.update(data)
            arrived.set()

        gazu.events.add_listener(events, "project:new", on_project_new)
        project = gazu.project.new_project(unique("smoke"), "tvshow", client=client)
        assert arrived.wait(10), "project:new not received within 10 s"
        assert heard["project_id"] == project["id"]
    finally:
        events.disconnect()
    try:
        sequence = gazu.shot.new_sequence(project, "SQ01", client=client)
        shot = gazu.shot.new_shot(project, sequence, "SH010", nb_frames=24, client=client)
        task_type = next(t for t in gazu.task.all_task_types(client=client) if t["for_entity"] == "Shot")
        task = gazu.task.new_task(shot, task_type, client=client)
        status = gazu.task.get_task_status_by_short_name("wfa", client=client)
        for media in (write_png(tmp_path / "frame.png"), write_mp4(tmp_path / "clip.mp4")):
            _, preview = gazu.task.publish_preview(
                task, status, comment=media.name, preview_file_path=str(media), client=client
            )
            ready = gazu.files.wait_for_preview_file(preview, timeout=60, poll_interval=1, client=client)
            assert ready["status"] == "ready", ready
            assert ready["extension"] == media.suffix.lstrip(".")
    finally:
        gazu.project.close_project(project, client=client)
        gazu.project.remove_project(project, force=True, client=client)
