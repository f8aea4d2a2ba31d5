"""A realistic production for the task tests, built with raw `client.call(...)` (not with other helpers).

One tvshow project with an episode, a sequence, two shots, a scene, an asset, an edit and a concept; four
persons (a supervisor, two artists and a manager) in its team; the studio's usual task types attached to it,
plus task types of our own for sequences, episodes and scenes. Everything is removed at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from kitsu_helpers.client import KitsuClient

Json = dict[str, Any]


def remove_project(client: KitsuClient, project_id: str) -> None:
    """Close then delete a project we created (Zou deletes only closed projects)."""
    statuses = client.call("get_data_project_status")
    closed = next(s for s in statuses if s["name"].lower() == "closed")
    client.call("put_data_projects_instance_id", json={"project_status_id": closed["id"]}, instance_id=project_id)
    client.call("delete_data_projects_instance_id", params={"force": True}, instance_id=project_id)


def standard_task_type(client: KitsuClient, name: str, for_entity: str) -> Json:
    """Return one of the studio's default task types (Zou creates them at init)."""
    found = client.call("get_data_task_types", params={"name": name, "for_entity": for_entity})
    assert found, f"the default task type {name} ({for_entity}) is missing"
    return found[0]  # type: ignore[no-any-return]


class Production:
    """Ids and dicts of the production's entities, persons, task types and statuses."""

    def __init__(self, client: KitsuClient, token: str) -> None:
        self.client = client
        self.token = token
        self.persons: list[Json] = []
        self.own_task_types: list[Json] = []
        call = client.call
        self.project = call("post_data_projects", json={"name": f"task-prod-{token}", "production_type": "tvshow"})
        pid = self.project["id"]
        self.episode = call("post_data_projects_project_id_episodes", json={"name": "E01"}, project_id=pid)
        self.sequence = call(
            "post_data_projects_project_id_sequences",
            json={"name": "SQ01", "episode_id": self.episode["id"]},
            project_id=pid,
        )
        self.shot1 = call(
            "post_data_projects_project_id_shots",
            json={"name": "SH010", "sequence_id": self.sequence["id"], "nb_frames": 48},
            project_id=pid,
        )
        self.shot2 = call(
            "post_data_projects_project_id_shots",
            json={"name": "SH020", "sequence_id": self.sequence["id"], "nb_frames": 96},
            project_id=pid,
        )
        self.scene = call(
            "post_data_projects_project_id_scenes",
            json={"name": "SC01", "sequence_id": self.sequence["id"]},
            project_id=pid,
        )
        character = next(t for t in call("get_data_asset_types") if t["name"] == "Character")
        self.asset = call(
            "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
            json={"name": "Hero", "description": "the hero", "episode_id": self.episode["id"]},
            project_id=pid,
            asset_type_id=character["id"],
        )
        self.edit = call(
            "post_data_projects_project_id_edits",
            json={"name": "Trailer", "episode_id": self.episode["id"]},
            project_id=pid,
        )
        self.concept = call("post_data_projects_project_id_concepts", json={"name": "Hero sketch"}, project_id=pid)

        self.supervisor = self.add_person("Sue", "supervisor")
        self.artist1 = self.add_person("Art", "user")
        self.artist2 = self.add_person("Bea", "user")
        self.manager = self.add_person("Max", "manager")

        self.animation = standard_task_type(client, "Animation", "Shot")
        self.layout = standard_task_type(client, "Layout", "Shot")
        self.modeling = standard_task_type(client, "Modeling", "Asset")
        self.rigging = standard_task_type(client, "Rigging", "Asset")
        self.edit_type = standard_task_type(client, "Edit", "Edit")
        self.concept_type = standard_task_type(client, "Concept", "Concept")
        self.sequence_type = self.add_task_type("SeqBoard", "Sequence")
        self.episode_type = self.add_task_type("EpReview", "Episode")
        self.scene_type = self.add_task_type("SceneLayout", "Scene")
        for task_type in (
            self.animation,
            self.layout,
            self.modeling,
            self.rigging,
            self.edit_type,
            self.concept_type,
            self.sequence_type,
            self.episode_type,
            self.scene_type,
        ):
            call(
                "post_data_projects_project_id_settings_task_types",
                json={"task_type_id": task_type["id"]},
                project_id=pid,
            )

        statuses = {s["short_name"]: s for s in call("get_data_task_status")}
        self.todo, self.wip, self.wfa, self.done, self.retake = (
            statuses[name] for name in ("todo", "wip", "wfa", "done", "retake")
        )
        for status in (self.todo, self.wip, self.wfa, self.done, self.retake):
            call(
                "post_data_projects_project_id_settings_task_status",
                json={"task_status_id": status["id"]},
                project_id=pid,
            )

    def add_person(self, first_name: str, role: str) -> Json:
        """Create a person with this role and put them in the project's team."""
        person = self.client.call(
            "post_data_persons",
            json={
                "first_name": first_name,
                "last_name": f"T{self.token}",
                "email": f"{first_name.lower()}.{self.token}@task-tests.example.com",
                "role": role,
            },
        )
        self.persons.append(person)
        self.client.call(
            "post_data_projects_project_id_team", json={"person_id": person["id"]}, project_id=self.project["id"]
        )
        return person  # type: ignore[no-any-return]

    def add_task_type(self, prefix: str, for_entity: str) -> Json:
        """Create a task type of our own (unique name)."""
        task_type = self.client.call(
            "post_data_task_types",
            json={"name": f"{prefix}-{self.token}", "color": "#336699", "for_entity": for_entity},
        )
        self.own_task_types.append(task_type)
        return task_type  # type: ignore[no-any-return]

    def cleanup(self) -> None:
        """Remove the project, then our task types and persons."""
        errors = []
        for action in [
            lambda: remove_project(self.client, self.project["id"]),
            *[
                (
                    lambda t=t: self.client.call(
                        "delete_data_task_types_instance_id", params={"force": True}, instance_id=t["id"]
                    )
                )
                for t in self.own_task_types
            ],
            *[
                (
                    lambda p=p: self.client.call(
                        "delete_data_persons_instance_id", params={"force": True}, instance_id=p["id"]
                    )
                )
                for p in self.persons
            ],
        ]:
            try:
                action()
            except Exception as exc:
                errors.append(exc)
        if errors:
            raise errors[0]


@pytest.fixture
def entity_kinds_production(admin_client: KitsuClient) -> Iterator[Production]:
    """A fresh production for one test."""
    prod = Production(admin_client, uuid.uuid4().hex[:8])
    try:
        yield prod
    finally:
        prod.cleanup()
