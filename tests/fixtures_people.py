"""The people production of the person and user tests, on fixtures_production's builder, on the real local Zou.

One project with two sequences (one in an episode), a scene, four shots and an asset; persons of every role (admin, manager,
supervisor, artist, vendor, client) in their own departments, each logged in with their own KitsuClient;
tasks assigned to the artist and to the vendor (one waiting for approval, one done); time spents over
several days. Everything is created with unique names and removed at the end (best effort).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path

from fixtures_production import Production

import kitsu_helpers as gazu
from kitsu_helpers import person as person_module
from kitsu_helpers.client import KitsuClient

PASSWORD = "Kitsu-Test-Pass-2025"
ROLES = {
    "admin": "admin",
    "manager": "manager",
    "supervisor": "supervisor",
    "artist": "user",
    "artist2": "user",
    "vendor": "vendor",
    "client": "client",
}
# Days the artist logged time on (a Monday-to-Wednesday of ISO week 10 of 2025), in minutes.
TIME_SPENT_DAYS = {"2025-03-03": 240, "2025-03-04": 300, "2025-03-05": 120}


def totp_code(secret: str, at: float | None = None) -> str:
    """Return the current 6-digit RFC 6238 code of a base32 TOTP secret."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((time.time() if at is None else at) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 1_000_000).zfill(6)


def write_png(path: Path, size: int = 16) -> Path:
    """Write a small valid RGB PNG (a red square) and return its path."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )
    return path


def log_in_as(url: str, email: str, password: str = PASSWORD) -> KitsuClient:
    """Return a new client logged in as email."""
    client = KitsuClient(url)
    gazu.log_in(email, password, client=client)
    return client


# key: (task type, entity, assignee, status) of the tasks of the people world
TASK_PLAN = {
    "anim_sh010": ("animation", "sh010", "artist", "todo"),
    "anim_sh020": ("animation", "sh020", "artist", "wfa"),
    "comp_sh020": ("compositing", "sh020", "artist", "done"),
    "layout_sh010": ("layout", "sh010", "vendor", "wip"),
    "layout_sh030": ("layout", "sh030", "vendor", "wfa"),
    "board_sq01": ("storyboard", "sq01", "artist", "todo"),
    "staging_sc01": ("staging", "sc01", "artist", "todo"),
    "model_hero": ("modeling", "hero", "artist", "todo"),
    "anim_sh030": ("animation", "sh030", "artist2", "todo"),
    "anim_sh100": ("animation", "sh100", "artist", "retake"),
}


def add_people(prod: Production) -> None:
    """Two departments and a person of every role (made through the person helpers), each with PASSWORD, in the
    team; the supervisor also in the Animation task type's department."""
    admin, token = prod.client, prod.token
    prod.departments["anim"] = person_module.new_department(f"Anim-{token}", "#FF8800", client=admin)
    prod.departments["layout"] = person_module.new_department(f"Layout-{token}", "#0088FF", client=admin)
    for department in prod.departments.values():
        prod.after_project.add(
            lambda d=department: admin.call("delete_data_departments_instance_id", instance_id=d["id"])
        )
    for name, role in ROLES.items():
        dept = [prod.departments["layout"]] if name == "vendor" else [prod.departments["anim"]]
        made = person_module.new_person(
            name.capitalize(),
            f"Tester {token}",
            f"{name}-{token}@example.com",
            phone="+33 1 23 45 67 89",
            role=role,
            desktop_login=f"{name}-{token}",
            departments=dept,
            client=admin,
        )
        person_module.change_password_for_person(made, PASSWORD, client=admin)
        prod.add_person(name, made)
    # the supervisor checks the work of the Animation department (the task type's own department)
    animation_department = prod.task_types["animation"]["department_id"]
    person_module.add_person_to_department(prod.persons["supervisor"], animation_department, client=admin)


def add_entities(prod: Production) -> None:
    """SQ01 (SH010, SH020, SH030, the scene SC01), E01/SQ02 (SH100) and the asset Hero, by lower-case keys."""
    sq01 = prod.sequence("sq01", name="SQ01")
    for shot in ("SH010", "SH020", "SH030"):
        prod.shot(shot.lower(), sq01, name=shot)
    e01 = prod.episode("e01", name="E01")
    sq02 = prod.sequence("sq02", e01, name="SQ02")
    prod.shot("sh100", sq02, name="SH100")
    prod.scene("sc01", sq01, name="SC01")
    prod.asset("hero", prod.asset_types["Character"], name="Hero", description="the main character")


def add_tasks_and_time(prod: Production) -> None:
    """The tasks of TASK_PLAN, each assigned and read back, and the artist's time spents."""
    admin = prod.client
    for name, (task_type, entity, assignee, status) in TASK_PLAN.items():
        task = prod.task(name, prod.entities[entity], prod.task_types[task_type], prod.status(status))
        admin.call(
            "put_actions_persons_person_id_assign",
            json={"task_ids": [task["id"]]},
            person_id=prod.persons[assignee]["id"],
        )
        prod.tasks[name] = admin.call("get_data_tasks_instance_id", instance_id=task["id"])
    artist_id = prod.persons["artist"]["id"]
    logged = [("anim_sh010", day, minutes) for day, minutes in TIME_SPENT_DAYS.items()]
    for task_key, day, minutes in [*logged, ("model_hero", "2025-03-04", 60)]:
        admin.call(
            "post_actions_tasks_task_id_time_spents_date_persons_person_id",
            json={"duration": minutes},
            task_id=prod.tasks[task_key]["id"],
            date=day,
            person_id=artist_id,
        )


def build_people_world(prod: Production) -> Production:
    """The studio's usual task types and two of our own, persons of every role each logged in, one sequence
    with shots and a scene, an episode with its own sequence and shot, an asset, tasks (one waiting for
    approval, one done) assigned to the artist and the vendor, and the artist's time spents."""
    token = prod.token
    for key, name, for_entity in (
        ("animation", "Animation", "Shot"),
        ("layout", "Layout", "Shot"),
        ("compositing", "Compositing", "Shot"),
        ("modeling", "Modeling", "Asset"),
    ):
        prod.studio_task_type(key, name, for_entity)
    prod.new_task_type("storyboard", f"Board-{token}", "Sequence")
    prod.new_task_type("staging", f"Staging-{token}", "Scene")
    prod.status("todo")  # every studio status, by short name
    add_people(prod)
    for task_type in prod.task_types.values():
        prod.use("task_types", task_type_id=task_type["id"])
    character = prod.studio_asset_type("Character", "Character")
    prod.use("asset_types", asset_type_id=character["id"])
    add_entities(prod)
    add_tasks_and_time(prod)
    for name in prod.persons:
        prod.log_in(name, PASSWORD)
    return prod


def people_production(admin: KitsuClient, url: str) -> Iterator[Production]:
    """Build the people production, yield it, then remove it (use with `yield from` in a module-scoped fixture);
    cleanup failures are reported as a warning, never hiding a result."""
    prod = Production(admin, url, "people-{token}")
    try:
        yield build_people_world(prod)
    finally:
        failures = prod.close()
        if failures:
            warnings.warn("cleanup of the people production: " + "; ".join(failures), stacklevel=1)
