"""A realistic TV-show breakdown for the asset, casting and entity tests, built with raw operations.

Project (tvshow) with 2 episodes, 2 sequences, 3 shots with frame ranges, 3 asset types of its own, 4 assets
with custom data (one in episode E02), shot, episode and asset castings with occurrences, a layout scene with
an asset instance added to a shot. Built once per test module; the project and types are deleted afterwards.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import remove_project

from kitsu_helpers.client import KitsuClient


@dataclass
class Breakdown:
    token: str
    project: dict[str, Any]
    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    episodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    sequences: dict[str, dict[str, Any]] = field(default_factory=dict)
    shots: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)
    scene: dict[str, Any] = field(default_factory=dict)
    scene_instance: dict[str, Any] = field(default_factory=dict)


def new_asset_raw(client: KitsuClient, bd: Breakdown, type_key: str, name: str, **body: Any) -> dict[str, Any]:
    """Create an asset with the raw operation."""
    return dict(
        client.call(
            "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
            json={"name": name, **body},
            project_id=bd.project["id"],
            asset_type_id=bd.types[type_key]["id"],
        )
    )


def set_casting(client: KitsuClient, bd: Breakdown, entity: dict[str, Any], casting: list[tuple[str, int]]) -> None:
    """Replace an entity's casting with (asset key, occurrences) pairs, with the raw operation."""
    client.call(
        "put_data_projects_project_id_entities_entity_id_casting",
        json=[{"asset_id": bd.assets[key]["id"], "nb_occurences": n} for key, n in casting],
        project_id=bd.project["id"],
        entity_id=entity["id"],
    )


def build(client: KitsuClient, token: str) -> Breakdown:
    project = client.call("post_data_projects", json={"name": f"a2-show-{token}", "production_type": "tvshow"})
    bd = Breakdown(token=token, project=project)
    for key in ("Character", "Prop", "Set"):  # names other tests won't pick by a "Character"-like search
        bd.types[key] = client.call("post_data_entity_types", json={"name": f"zz-a2 {key[:3].lower()}x {token}"})
    pid = project["id"]
    for name in ("E01", "E02"):
        bd.episodes[name] = client.call("post_data_projects_project_id_episodes", json={"name": name}, project_id=pid)
    for name, episode in (("SQ01", "E01"), ("SQ02", "E02")):
        bd.sequences[name] = client.call(
            "post_data_projects_project_id_sequences",
            json={"name": name, "episode_id": bd.episodes[episode]["id"]},
            project_id=pid,
        )
    for name, sequence, frame_in, frame_out in (
        ("SH010", "SQ01", 1001, 1048),
        ("SH020", "SQ01", 1001, 1096),
        ("SH030", "SQ02", 1001, 1024),
    ):
        bd.shots[name] = client.call(
            "post_data_projects_project_id_shots",
            json={
                "name": name,
                "sequence_id": bd.sequences[sequence]["id"],
                "nb_frames": frame_out - frame_in + 1,
                "data": {"frame_in": frame_in, "frame_out": frame_out},
            },
            project_id=pid,
        )
    bd.assets["hero"] = new_asset_raw(
        client, bd, "Character", "hero", data={"height": 180, "rig": "v1"}, description="The hero"
    )
    bd.assets["villain"] = new_asset_raw(
        client, bd, "Character", "villain", data={"height": 190}, episode_id=bd.episodes["E02"]["id"]
    )
    bd.assets["sword"] = new_asset_raw(client, bd, "Prop", "sword", data={"material": "steel"})
    bd.assets["castle"] = new_asset_raw(client, bd, "Set", "castle", data={"towers": 4})
    set_casting(client, bd, bd.shots["SH010"], [("hero", 2), ("sword", 1)])
    set_casting(client, bd, bd.shots["SH020"], [("hero", 1), ("castle", 1)])
    set_casting(client, bd, bd.shots["SH030"], [("villain", 3)])
    set_casting(client, bd, bd.episodes["E01"], [("hero", 1), ("sword", 1), ("castle", 1)])
    set_casting(client, bd, bd.assets["castle"], [("sword", 3)])
    bd.scene = client.call(
        "post_data_projects_project_id_scenes",
        json={"name": "SC010", "sequence_id": bd.sequences["SQ01"]["id"]},
        project_id=pid,
    )
    bd.scene_instance = client.call(
        "post_data_scenes_scene_id_asset_instances",
        json={"asset_id": bd.assets["hero"]["id"], "description": "hero in layout"},
        scene_id=bd.scene["id"],
    )
    client.call(
        "post_data_shots_shot_id_asset_instances",
        json={"asset_instance_id": bd.scene_instance["id"]},
        shot_id=bd.shots["SH010"]["id"],
    )
    return bd


def remove_asset_instances(client: KitsuClient, project_id: str) -> None:
    """Delete every asset instance of a project's assets (Zou 1.0.97 cannot delete an asset that has some)."""
    for shot in client.call("get_data_projects_project_id_shots", project_id=project_id):
        for instances in client.call("get_data_shots_shot_id_asset_instances", shot_id=shot["id"]).values():
            for instance in instances:
                client.call(
                    "delete_data_shots_shot_id_asset_instances_asset_instance_id",
                    shot_id=shot["id"],
                    asset_instance_id=instance["id"],
                )
    for asset in client.call("get_data_projects_project_id_assets", project_id=project_id):
        for operation in (
            "get_data_assets_asset_id_asset_asset_instances",
            "get_data_assets_asset_id_scene_asset_instances",
        ):
            for instances in client.call(operation, asset_id=asset["id"]).values():
                for instance in instances:
                    client.call("delete_data_asset_instances_instance_id", instance_id=instance["id"])


def teardown(client: KitsuClient, bd: Breakdown) -> None:
    remove_asset_instances(client, bd.project["id"])
    remove_project(client, bd.project["id"])
    for entity_type in bd.types.values():
        with contextlib.suppress(Exception):  # cleanup must not hide the test's own result
            client.call("delete_data_entity_types_instance_id", instance_id=entity_type["id"])


@pytest.fixture(scope="module", name="breakdown")
def breakdown_fixture(admin_client: KitsuClient) -> Iterator[Breakdown]:
    """The shared TV-show breakdown (read it, do not modify it: create your own entities for writes)."""
    bd = build(admin_client, uuid.uuid4().hex[:8])
    yield bd
    teardown(admin_client, bd)
