#!/usr/bin/env python3
"""The main job in a few lines: log in, lay out a small episode, create tasks, publish a preview, read it back.

Runs against the local Zou (http://127.0.0.1:5600) unless KITSU_HOST is set (with KITSU_EMAIL and
KITSU_PASSWORD). Everything it creates lives in a new project named "kitsu-client demo <time>".
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kitsu_helpers as gazu


def tiny_png(path: Path, width: int = 64, height: int = 36) -> Path:
    """Write a small gradient PNG (standard library only) and return its path."""
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 4 % 256, y * 7 % 256, 160)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
    return path


def main() -> int:
    host = os.environ.get("KITSU_HOST", "http://127.0.0.1:5600")
    email = os.environ.get("KITSU_EMAIL", "admin@example.com")
    password = os.environ.get("KITSU_PASSWORD", "mysecretpassword")
    started = time.perf_counter()
    gazu.set_host(host)
    user = gazu.log_in(email, password)["user"]
    print(f"Logged in to {host} (Zou {gazu.client.get_api_version()}) as {user['full_name']}")

    project = gazu.project.new_project(f"kitsu-client demo {time.strftime('%Y%m%d-%H%M%S')}", "tvshow")
    episode = gazu.shot.new_episode(project, "E01")
    sequence = gazu.shot.new_sequence(project, "SQ010", episode=episode)
    shots = [gazu.shot.new_shot(project, sequence, f"SH{n:03d}", nb_frames=48) for n in (10, 20, 30)]
    print(f"Project {project['name']!r}: episode E01, sequence SQ010, shots {', '.join(s['name'] for s in shots)}")

    task_type = next(t for t in gazu.task.all_task_types() if t["for_entity"] == "Shot")
    tasks = [gazu.task.new_task(shot, task_type) for shot in shots]
    status = gazu.task.get_task_status_by_short_name("wfa") or gazu.task.all_task_statuses()[0]
    print(f"{len(tasks)} {task_type['name']} tasks created")

    with tempfile.TemporaryDirectory() as tmp:
        image = tiny_png(Path(tmp) / "SH010_v001.png")
        comment, preview = gazu.task.publish_preview(
            tasks[0], status, comment="First pass, from the kitsu-client demo", preview_file_path=str(image)
        )
    preview = gazu.files.get_preview_file(preview)
    print(
        f"Published preview revision {preview['revision']} on SH010 (status {preview['status']}), comment {comment['id']}"
    )
    print(f"Web page of the shot: {gazu.shot.get_shot_url(shots[0])}")
    print(f"Done in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
