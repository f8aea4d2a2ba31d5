"""The entity-kinds production of the task tests (built fresh for each test, on fixtures_production's builder).

One tvshow project with an episode, a sequence, two shots, a scene, an asset, an edit and a concept; four
persons (a supervisor, two artists and a manager) in its team; the studio's usual task types attached to it,
plus task types of our own for sequences, episodes and scenes; the usual statuses. Everything is removed at the
end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures_production import Production

from kitsu_helpers.client import KitsuClient

STUDIO_TASK_TYPES = {  # key: (name, for_entity), made by Zou at init
    "animation": ("Animation", "Shot"),
    "layout": ("Layout", "Shot"),
    "modeling": ("Modeling", "Asset"),
    "rigging": ("Rigging", "Asset"),
    "edit": ("Edit", "Edit"),
    "concept": ("Concept", "Concept"),
}
OWN_TASK_TYPES = {  # key: (name prefix, for_entity)
    "sequence": ("SeqBoard", "Sequence"),
    "episode": ("EpReview", "Episode"),
    "scene": ("SceneLayout", "Scene"),
}
PERSONS = {"supervisor": ("Sue", "supervisor"), "artist1": ("Art", "user"), "artist2": ("Bea", "user"), "manager": ("Max", "manager")}  # fmt: skip
STATUSES = ("todo", "wip", "wfa", "done", "retake")


def build_entity_kinds_world(prod: Production) -> Production:
    """Every entity kind, four persons in the team, the task types and statuses attached to the project."""
    token = prod.token
    episode = prod.episode("E01")
    sequence = prod.sequence("SQ01", episode)
    prod.shot("SH010", sequence, nb_frames=48)
    prod.shot("SH020", sequence, nb_frames=96)
    prod.scene("SC01", sequence)
    character = prod.studio_asset_type("Character", "Character")
    prod.asset("Hero", character, description="the hero", episode_id=episode["id"])
    prod.edit("Trailer", episode_id=episode["id"])
    prod.concept("Hero sketch")
    for key, (first_name, role) in PERSONS.items():
        email = f"{first_name.lower()}.{token}@task-tests.example.com"
        prod.person(key, first_name=first_name, last_name=f"T{token}", email=email, role=role)
    for key, (name, for_entity) in STUDIO_TASK_TYPES.items():
        prod.studio_task_type(key, name, for_entity)
    for key, (prefix, for_entity) in OWN_TASK_TYPES.items():
        prod.new_task_type(key, f"{prefix}-{token}", for_entity, color="#336699")
    for task_type in prod.task_types.values():
        prod.use("task_types", task_type_id=task_type["id"])
    for short_name in STATUSES:
        prod.use("task_status", task_status_id=prod.status(short_name)["id"])
    return prod


@pytest.fixture
def entity_kinds_production(admin_client: KitsuClient, zou: dict[str, Any]) -> Iterator[Production]:
    """A fresh entity-kinds production for one test (its cleanup failures fail the test's teardown)."""
    prod = Production(admin_client, zou["url"], "task-prod-{token}")
    try:
        yield build_entity_kinds_world(prod)
    finally:
        failures = prod.close()
    assert not failures, failures
