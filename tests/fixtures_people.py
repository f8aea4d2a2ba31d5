"""A small but realistic production for the person and user tests, built on the real local Zou.

One project with a sequence, a scene, three shots and an asset; persons of every role (admin, manager,
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
import uuid
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kitsu_helpers as gazu
from kitsu_helpers import person as person_module
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import GazuException

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


@dataclass
class Production:
    """What the fixture built: ids and dicts by short names, and one logged-in client per role."""

    token: str
    project: dict[str, Any]
    departments: dict[str, dict[str, Any]]
    persons: dict[str, dict[str, Any]]
    clients: dict[str, KitsuClient]
    entities: dict[str, dict[str, Any]]
    task_types: dict[str, dict[str, Any]]
    statuses: dict[str, dict[str, Any]]
    tasks: dict[str, dict[str, Any]]
    asset_type: dict[str, Any]
    url: str
    extra_persons: list[str] = field(default_factory=list)

    def email(self, role: str) -> str:
        return f"{role}-{self.token}@example.com"


def find(items: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """Return the first dict whose fields match."""
    return next(item for item in items if all(item.get(k) == v for k, v in fields.items()))


def build_production(admin: KitsuClient, url: str) -> Production:
    token = uuid.uuid4().hex[:8]
    task_types_all = admin.call("get_data_task_types")
    task_types = {
        "animation": find(task_types_all, name="Animation", for_entity="Shot"),
        "layout": find(task_types_all, name="Layout", for_entity="Shot"),
        "compositing": find(task_types_all, name="Compositing", for_entity="Shot"),
        "modeling": find(task_types_all, name="Modeling", for_entity="Asset"),
    }
    task_types["storyboard"] = admin.call(
        "post_data_task_types", json={"name": f"Board-{token}", "for_entity": "Sequence"}
    )
    task_types["staging"] = admin.call("post_data_task_types", json={"name": f"Staging-{token}", "for_entity": "Scene"})
    statuses = {s["short_name"]: s for s in admin.call("get_data_task_status")}
    departments = {
        "anim": person_module.new_department(f"Anim-{token}", "#FF8800", client=admin),
        "layout": person_module.new_department(f"Layout-{token}", "#0088FF", client=admin),
    }
    persons: dict[str, dict[str, Any]] = {}
    for name, role in ROLES.items():
        dept = [departments["layout"]] if name == "vendor" else [departments["anim"]]
        persons[name] = person_module.new_person(
            name.capitalize(),
            f"Tester {token}",
            f"{name}-{token}@example.com",
            phone="+33 1 23 45 67 89",
            role=role,
            desktop_login=f"{name}-{token}",
            departments=dept,
            client=admin,
        )
        person_module.change_password_for_person(persons[name], PASSWORD, client=admin)
    # the supervisor checks the work of the Animation department (the task type's own department)
    animation_department = task_types["animation"]["department_id"]
    person_module.add_person_to_department(persons["supervisor"], animation_department, client=admin)

    project = admin.call("post_data_projects", json={"name": f"people-{token}", "production_type": "tvshow"})
    pid = project["id"]
    for p in persons.values():
        admin.call("post_data_projects_project_id_team", json={"person_id": p["id"]}, project_id=pid)
    for tt in task_types.values():
        admin.call("post_data_projects_project_id_settings_task_types", json={"task_type_id": tt["id"]}, project_id=pid)
    asset_type = find(admin.call("get_data_entity_types"), name="Character")
    admin.call(
        "post_data_projects_project_id_settings_asset_types", json={"asset_type_id": asset_type["id"]}, project_id=pid
    )

    seq = admin.call("post_data_projects_project_id_sequences", json={"name": "SQ01"}, project_id=pid)
    entities = {"sq01": seq}
    for shot in ("SH010", "SH020", "SH030"):
        entities[shot.lower()] = admin.call(
            "post_data_projects_project_id_shots", json={"name": shot, "sequence_id": seq["id"]}, project_id=pid
        )
    entities["e01"] = admin.call("post_data_projects_project_id_episodes", json={"name": "E01"}, project_id=pid)
    entities["sq02"] = admin.call(
        "post_data_projects_project_id_sequences",
        json={"name": "SQ02", "episode_id": entities["e01"]["id"]},
        project_id=pid,
    )
    entities["sh100"] = admin.call(
        "post_data_projects_project_id_shots",
        json={"name": "SH100", "sequence_id": entities["sq02"]["id"]},
        project_id=pid,
    )
    entities["sc01"] = admin.call(
        "post_data_projects_project_id_scenes", json={"name": "SC01", "sequence_id": seq["id"]}, project_id=pid
    )
    entities["hero"] = admin.call(
        "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
        json={"name": "Hero", "description": "the main character"},
        project_id=pid,
        asset_type_id=asset_type["id"],
    )

    plan = {  # task name: (task type, entity, assignee, status)
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
    tasks = {}
    for name, (tt, entity, assignee, status) in plan.items():
        task = admin.call(
            "post_data_tasks",
            json={
                "name": "main",
                "project_id": pid,
                "task_type_id": task_types[tt]["id"],
                "entity_id": entities[entity]["id"],
                "task_status_id": statuses[status]["id"],
            },
        )
        admin.call(
            "put_actions_persons_person_id_assign", json={"task_ids": [task["id"]]}, person_id=persons[assignee]["id"]
        )
        tasks[name] = admin.call("get_data_tasks_instance_id", instance_id=task["id"])

    artist_id = persons["artist"]["id"]
    for day, minutes in TIME_SPENT_DAYS.items():
        admin.call(
            "post_actions_tasks_task_id_time_spents_date_persons_person_id",
            json={"duration": minutes},
            task_id=tasks["anim_sh010"]["id"],
            date=day,
            person_id=artist_id,
        )
    admin.call(
        "post_actions_tasks_task_id_time_spents_date_persons_person_id",
        json={"duration": 60},
        task_id=tasks["model_hero"]["id"],
        date="2025-03-04",
        person_id=artist_id,
    )
    clients = {name: log_in_as(url, f"{name}-{token}@example.com") for name in persons}
    return Production(
        token=token,
        project=project,
        departments=departments,
        persons=persons,
        clients=clients,
        entities=entities,
        task_types=task_types,
        statuses=statuses,
        tasks=tasks,
        asset_type=asset_type,
        url=url,
    )


def tear_down(admin: KitsuClient, prod: Production) -> list[str]:
    """Remove what the production created (best effort: cleanup never hides a test's result); return failures."""
    from conftest import remove_project

    failures: list[str] = []

    def attempt(label: str, operation: str, **kwargs: Any) -> bool:
        try:
            admin.call(operation, **kwargs)
            return True
        except GazuException as exc:
            failures.append(f"{label}: {exc}")
            return False

    for client in prod.clients.values():
        client.close()
    remove_project(admin, prod.project["id"])
    for person_id in [p["id"] for p in prod.persons.values()] + prod.extra_persons:
        try:
            day_offs = admin.call("get_data_persons_person_id_day_offs", person_id=person_id)
        except GazuException:
            continue  # already removed by its test
        for day_off in day_offs:
            attempt("day off", "delete_data_day_offs_instance_id", instance_id=day_off["id"])
        if not attempt("person", "delete_data_persons_instance_id", params={"force": True}, instance_id=person_id):
            attempt("deactivate", "put_data_persons_instance_id", json={"active": False}, instance_id=person_id)
    for name in ("storyboard", "staging"):
        attempt("task type", "delete_data_task_types_instance_id", instance_id=prod.task_types[name]["id"])
    for department in prod.departments.values():
        attempt("department", "delete_data_departments_instance_id", instance_id=department["id"])
    return failures


def people_production(admin: KitsuClient, url: str) -> Iterator[Production]:
    """Build the production, yield it, then remove it (use with `yield from` in a module-scoped fixture)."""
    prod = build_production(admin, url)
    yield prod
    failures = tear_down(admin, prod)
    if failures:
        warnings.warn("cleanup of the people production: " + "; ".join(failures), stacklevel=1)
