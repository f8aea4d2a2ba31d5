"""A realistic TV show production built on the real Zou for the project / template / studio / context tests.

Everything is made through the generated operations (`client.call`), never through the helpers under test, and
carries a unique suffix; it is removed when the module's tests end (best effort: cleanup never hides a result).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import GazuException

ARTIST_PASSWORD = "artist-Passw0rd-123"


@dataclass
class Production:
    """Ids and dicts of one TV show production and the studio-level data made for it."""

    suffix: str
    project: dict[str, Any]
    episodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    sequences: dict[str, dict[str, Any]] = field(default_factory=dict)
    shots: dict[str, dict[str, Any]] = field(default_factory=dict)
    scenes: dict[str, dict[str, Any]] = field(default_factory=dict)
    asset_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)
    task_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    task_status: dict[str, Any] = field(default_factory=dict)
    artist_client: KitsuClient | None = None


class Cleanup:
    """Collects undo actions and runs them in reverse order, ignoring failures."""

    def __init__(self) -> None:
        self.actions: list[Callable[[], Any]] = []
        self.first: list[Callable[[], Any]] = []

    def add(self, action: Callable[[], Any], first: bool = False) -> None:
        """Register an undo action; `first` ones (projects) run before the others (what they link to)."""
        (self.first if first else self.actions).append(action)

    def run(self) -> None:
        for action in [*reversed(self.first), *reversed(self.actions)]:
            with contextlib.suppress(GazuException, ValueError, TypeError):
                action()


def close_and_delete_project(client: KitsuClient, project_id: str) -> None:
    """Close a project then force-delete it (Zou deletes closed projects only)."""
    statuses = client.call("get_data_project_status")
    closed = next(s for s in statuses if s["name"].lower() == "closed")
    client.call("put_data_projects_instance_id", json={"project_status_id": closed["id"]}, instance_id=project_id)
    client.call("delete_data_projects_instance_id", params={"force": True}, instance_id=project_id)


def default_task_status(client: KitsuClient) -> dict[str, Any]:
    """Return the studio's default task status (todo)."""
    statuses = client.call("get_data_task_status", params={"is_default": True})
    return statuses[0] if statuses else client.call("get_data_task_status")[0]


def make_task_type(client: KitsuClient, cleanup: Cleanup, name: str, for_entity: str) -> dict[str, Any]:
    task_type = client.call("post_data_task_types", json={"name": name, "for_entity": for_entity})
    cleanup.add(lambda: client.call("delete_data_task_types_instance_id", instance_id=task_type["id"]))
    return task_type


def make_asset_type(client: KitsuClient, cleanup: Cleanup, name: str) -> dict[str, Any]:
    asset_type = client.call("post_data_entity_types", json={"name": name})
    cleanup.add(lambda: client.call("delete_data_entity_types_instance_id", instance_id=asset_type["id"]))
    return asset_type


def make_person(client: KitsuClient, cleanup: Cleanup, first: str, suffix: str, **fields: Any) -> dict[str, Any]:
    payload = {
        "first_name": first,
        "last_name": suffix,
        "email": f"{first.lower()}-{suffix}@example.com",
        "role": "user",
        "active": True,
        **fields,
    }
    person = client.call("post_data_persons", json=payload)
    cleanup.add(
        lambda: client.call("delete_data_persons_instance_id", params={"force": True}, instance_id=person["id"])
    )
    return person


def make_task(
    client: KitsuClient, prod: Production, key: str, entity: dict[str, Any], task_type: dict[str, Any]
) -> dict[str, Any]:
    task = client.call(
        "post_data_tasks",
        json={
            "name": "main",
            "project_id": prod.project["id"],
            "entity_id": entity["id"],
            "task_type_id": task_type["id"],
            "task_status_id": prod.task_status["id"],
        },
    )
    prod.tasks[key] = task
    return task


def build_production(client: KitsuClient, cleanup: Cleanup, zou: dict[str, Any]) -> Production:
    """Build the TV show: 2 episodes, sequences, shots, a scene, assets, task types, tasks and a team."""
    suffix = uuid.uuid4().hex[:8]
    project = client.call(
        "post_data_projects", json={"name": f"Parity Show {suffix}", "production_type": "tvshow", "fps": "24"}
    )
    cleanup.add(lambda: close_and_delete_project(client, project["id"]), first=True)
    prod = Production(suffix=suffix, project=project, task_status=default_task_status(client))
    pid = project["id"]

    prod.episodes["E01"] = client.call("get_data_episodes_episode_id", episode_id=project["first_episode_id"])
    prod.episodes["E02"] = client.call("post_data_projects_project_id_episodes", json={"name": "E02"}, project_id=pid)
    for name, episode in (("SQ01", "E01"), ("SQ02", "E01"), ("SQ10", "E02")):
        prod.sequences[name] = client.call(
            "post_data_projects_project_id_sequences",
            json={"name": name, "episode_id": prod.episodes[episode]["id"]},
            project_id=pid,
        )
    for name, sequence, frames in (("SH010", "SQ01", 48), ("SH020", "SQ01", 24), ("SH030", "SQ02", 12)):
        prod.shots[name] = client.call(
            "post_data_projects_project_id_shots",
            json={"name": name, "sequence_id": prod.sequences[sequence]["id"], "nb_frames": frames},
            project_id=pid,
        )
    prod.shots["SH100"] = client.call(
        "post_data_projects_project_id_shots",
        json={"name": "SH100", "sequence_id": prod.sequences["SQ10"]["id"], "nb_frames": 10},
        project_id=pid,
    )
    prod.scenes["SC01"] = client.call(
        "post_data_projects_project_id_scenes",
        json={"name": "SC01", "sequence_id": prod.sequences["SQ01"]["id"]},
        project_id=pid,
    )

    prod.asset_types["Character"] = make_asset_type(client, cleanup, f"Character {suffix}")
    prod.asset_types["Prop"] = make_asset_type(client, cleanup, f"Prop {suffix}")
    for name, kind in (("Hero", "Character"), ("Villain", "Character"), ("Sword", "Prop")):
        prod.assets[name] = client.call(
            "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
            json={"name": name, "description": f"the {name.lower()}"},
            project_id=pid,
            asset_type_id=prod.asset_types[kind]["id"],
        )

    prod.task_types["Modeling"] = make_task_type(client, cleanup, f"Modeling {suffix}", "Asset")
    prod.task_types["Animation"] = make_task_type(client, cleanup, f"Animation {suffix}", "Shot")
    prod.task_types["Storyboard"] = make_task_type(client, cleanup, f"Storyboard {suffix}", "Sequence")
    prod.task_types["Staging"] = make_task_type(client, cleanup, f"Staging {suffix}", "Scene")
    for priority, task_type in enumerate(prod.task_types.values(), start=1):
        client.call(
            "post_data_projects_project_id_settings_task_types",
            json={"task_type_id": task_type["id"], "priority": priority},
            project_id=pid,
        )
    client.call(
        "post_data_projects_project_id_settings_task_status",
        json={"task_status_id": prod.task_status["id"]},
        project_id=pid,
    )

    make_task(client, prod, "Hero/Modeling", prod.assets["Hero"], prod.task_types["Modeling"])
    make_task(client, prod, "Sword/Modeling", prod.assets["Sword"], prod.task_types["Modeling"])
    make_task(client, prod, "SH010/Animation", prod.shots["SH010"], prod.task_types["Animation"])
    make_task(client, prod, "SH020/Animation", prod.shots["SH020"], prod.task_types["Animation"])
    make_task(client, prod, "SQ01/Storyboard", prod.sequences["SQ01"], prod.task_types["Storyboard"])
    make_task(client, prod, "SC01/Staging", prod.scenes["SC01"], prod.task_types["Staging"])

    prod.people["artist"] = make_person(client, cleanup, "Ana", suffix, password=ARTIST_PASSWORD)
    prod.people["lead"] = make_person(client, cleanup, "Leo", suffix)
    for person in prod.people.values():
        client.call("post_data_projects_project_id_team", json={"person_id": person["id"]}, project_id=pid)
    artist_id = prod.people["artist"]["id"]
    for key in ("Hero/Modeling", "SH010/Animation", "SQ01/Storyboard", "SC01/Staging"):
        client.call("put_actions_tasks_task_id_assign", json={"person_id": artist_id}, task_id=prod.tasks[key]["id"])

    artist = KitsuClient(zou["url"])
    gazu.log_in(prod.people["artist"]["email"], ARTIST_PASSWORD, client=artist)
    cleanup.add(artist.close)
    prod.artist_client = artist
    return prod


@pytest.fixture(scope="module")
def tv_production(admin_client: KitsuClient, zou: dict[str, Any]) -> Iterator[Production]:
    """The TV show production (module-scoped: built once per test file)."""
    cleanup = Cleanup()
    try:
        yield build_production(admin_client, cleanup, zou)
    finally:
        cleanup.run()


@pytest.fixture(name="cleanup")
def cleanup_fixture() -> Iterator[Cleanup]:
    """Undo actions for the data one test makes (run after the test's other fixtures are torn down when listed
    first in its parameters)."""
    actions = Cleanup()
    yield actions
    actions.run()
