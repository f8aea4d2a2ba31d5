"""Scenes, their asset and camera instances and the shots made from them (`gazu.scene`)."""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import breakdown as breakdown_ops, crud as crud_ops, shots as shots_ops

from . import shot as shot_helpers
from ._shared import delete_text, first_named
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id, optional_id
from .shot import Grouped, update_entity
from .sorting import sort_by_name


def new_scene(project: ModelOrId, sequence: ModelOrId, name: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Create a scene in a sequence; return it (Zou returns the existing one of that name)."""
    client = resolve(client)
    project_id, payload = model_id(project), {"name": name, "sequence_id": model_id(sequence)}
    return shots_ops.post_data_projects_project_id_scenes(client, json=payload, project_id=project_id)


@cache
def all_scenes(project: ModelOrId | None = None, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the scenes of a project (of every project when None), sorted by name."""
    client = resolve(client)
    project_id = optional_id(project)
    if project_id is None:
        return sort_by_name(shots_ops.get_data_scenes_all(client))
    return sort_by_name(shots_ops.get_data_projects_project_id_scenes(client, project_id=project_id))


def all_scenes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the scenes of a project, sorted by name."""
    return all_scenes(model_id(project), client=client)


@cache
def all_scenes_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the scenes of a sequence, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_sequences_sequence_id_scenes(client, sequence_id=model_id(sequence)))


@cache
def get_scene(scene_id: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the scene of an id."""
    client = resolve(client)
    return shots_ops.get_data_scenes_scene_id(client, scene_id=model_id(scene_id))


@cache
def get_scene_by_name(sequence: ModelOrId, scene_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the scene of a sequence with that name, or None."""
    client = resolve(client)
    params = {"parent_id": model_id(sequence), "name": scene_name}
    return first_named(client, "get_data_scenes_all", params)


def update_scene(scene: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified scene dict; return the updated scene."""
    return update_entity(scene, resolve(client))


def new_scene_asset_instance(
    scene: ModelOrId, asset: ModelOrId, description: str | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Create an instance of an asset in a scene (numbered after the highest one); return it."""
    client = resolve(client)
    payload: dict[str, Any] = {"asset_id": model_id(asset)}
    if description is not None:
        payload["description"] = description
    return breakdown_ops.post_data_scenes_scene_id_asset_instances(client, json=payload, scene_id=model_id(scene))


@cache
def all_asset_instances_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the asset instances of a scene, grouped by asset id ({asset_id: [instance, ...]})."""
    client = resolve(client)
    return breakdown_ops.get_data_scenes_scene_id_asset_instances(client, scene_id=model_id(scene))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_asset_instance_by_name(scene: ModelOrId, name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the asset instance of a scene with that name, or None."""
    client = resolve(client)
    params = {"name": name, "scene_id": model_id(scene)}
    return first_named(client, "get_data_asset_instances", params)


@cache
def all_camera_instances_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the instances of Camera assets in a scene, grouped by asset id."""
    client = resolve(client)
    return breakdown_ops.get_data_scenes_scene_id_camera_instances(client, scene_id=model_id(scene))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def all_shots_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the shots made from a scene."""
    client = resolve(client)
    return shots_ops.get_data_scenes_scene_id_shots(client, scene_id=model_id(scene))


def add_shot_to_scene(scene: ModelOrId, shot: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Mark a shot as made from a scene (the scene becomes its source); return the shot."""
    client = resolve(client)
    payload = {"shot_id": model_id(shot)}
    return shots_ops.post_data_scenes_scene_id_shots(client, json=payload, scene_id=model_id(scene))


def remove_shot_from_scene(scene: ModelOrId, shot: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove the link between a shot and a scene; return the answer's text."""
    client = resolve(client)
    return delete_text(
        client, "delete_data_scenes_scene_id_shots_shot_id", scene_id=model_id(scene), shot_id=model_id(shot)
    )


def update_asset_instance_name(
    asset_instance: ModelOrId, name: str, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Rename an asset instance; return it."""
    client = resolve(client)
    return crud_ops.put_data_asset_instances_instance_id(
        client, json={"name": name}, instance_id=model_id(asset_instance)
    )


def update_asset_instance_data(
    asset_instance: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Replace the extra data of an asset instance; return it."""
    client = resolve(client)
    return crud_ops.put_data_asset_instances_instance_id(
        client, json={"data": data}, instance_id=model_id(asset_instance)
    )


@cache
def get_sequence_from_scene(scene: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the sequence a scene belongs to."""
    client = resolve(client)
    found = scene if isinstance(scene, dict) and "parent_id" in scene else None
    if found is None:
        found = shots_ops.get_data_scenes_scene_id(client, scene_id=model_id(scene))
    return shot_helpers.get_sequence(found["parent_id"], client=client)
