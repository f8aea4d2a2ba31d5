"""Scenes, their asset and camera instances and the shots made from them (`gazu.scene`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kitsu_api.calls import breakdown as breakdown_ops, crud as crud_ops, shots as shots_ops

from ._entities import update_entity
from ._shared import delete_text, first_named
from ._types import Grouped, ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id, optional_id
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import AssetInstance, Entity, Scene, Sequence, Shot


def new_scene(project: ModelOrId, sequence: ModelOrId, name: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Create a layout scene in a sequence.

    When the sequence already has a scene with this name, Zou returns that one instead of creating another.

    Args:
        project: The project, as a dict or its id.
        sequence: The sequence the scene belongs to, as a dict or its id.
        name: The scene's name.
        client: The client to use; the default client when None.

    Returns:
        The created (or existing) scene dict.

    Raises:
        InvalidParameterValueException: project or sequence is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    project_id, payload = model_id(project), {"name": name, "sequence_id": model_id(sequence)}
    return shots_ops.post_data_projects_project_id_scenes(client, json=payload, project_id=project_id)


@cache
def all_scenes(project: ModelOrId | None = None, client: KitsuClient | None = None) -> list[Scene]:
    """List the scenes of a project, or of every project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id; every scene the user can see when None.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    project_id = optional_id(project)
    if project_id is None:
        return sort_by_name(shots_ops.get_data_scenes_all(client))
    return sort_by_name(shots_ops.get_data_projects_project_id_scenes(client, project_id=project_id))


def all_scenes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Scene]:
    """List the scenes of a project.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    return all_scenes(model_id(project), client=client)


@cache
def all_scenes_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[Scene]:
    """List the scenes of a sequence.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts, sorted by name.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_sequences_sequence_id_scenes(client, sequence_id=model_id(sequence)))


@cache
def get_scene(scene_id: str, client: KitsuClient | None = None) -> Scene:
    """Fetch one scene by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene_id: The scene's id (a scene dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The scene dict.

    Raises:
        InvalidParameterValueException: scene_id is not a UUID; nothing is sent.
        RouteNotFoundException: no scene has this id.
    """
    client = resolve(client)
    return shots_ops.get_data_scenes_scene_id(client, scene_id=model_id(scene_id))


@cache
def get_scene_by_name(sequence: ModelOrId, scene_name: str, client: KitsuClient | None = None) -> Scene | None:
    """Find a scene of a sequence by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        scene_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching scene dict, or None when the sequence has none with this name.

    Raises:
        InvalidParameterValueException: sequence is invalid or scene_name is empty; nothing is sent.
    """
    client = resolve(client)
    params = {"parent_id": model_id(sequence), "name": scene_name}
    return first_named(shots_ops.get_data_scenes_all, client, params)


def update_scene(scene: dict[str, Any], client: KitsuClient | None = None) -> Entity:
    """Save the fields of a scene dict.

    Its ``data``, when given, replaces the scene's custom data whole.

    Args:
        scene: The scene dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated scene dict.

    Raises:
        InvalidParameterValueException: scene is not a dict with a valid ``id``; nothing is sent.
    """
    return update_entity(scene, resolve(client))


def new_scene_asset_instance(
    scene: ModelOrId, asset: ModelOrId, description: str | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Place an instance of an asset in a scene.

    Zou numbers the instance itself (one more than the highest number so far).

    Args:
        scene: The scene, as a dict or its id.
        asset: The asset to instantiate, as a dict or its id.
        description: A description of the instance; unset when None.
        client: The client to use; the default client when None.

    Returns:
        The created asset instance dict.

    Raises:
        InvalidParameterValueException: scene or asset is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    payload: dict[str, Any] = {"asset_id": model_id(asset)}
    if description is not None:
        payload["description"] = description
    return breakdown_ops.post_data_scenes_scene_id_asset_instances(client, json=payload, scene_id=model_id(scene))


@cache
def all_asset_instances_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the asset instances of a scene.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each asset id to the list of its instance dicts in the scene (not a flat list).

    Raises:
        InvalidParameterValueException: scene is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return breakdown_ops.get_data_scenes_scene_id_asset_instances(client, scene_id=model_id(scene))


@cache
def get_asset_instance_by_name(scene: ModelOrId, name: str, client: KitsuClient | None = None) -> AssetInstance | None:
    """Find an asset instance of a scene by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching asset instance dict, or None when there is none.

    Raises:
        InvalidParameterValueException: scene is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    params = {"name": name, "scene_id": model_id(scene)}
    return first_named(crud_ops.get_data_asset_instances, client, params)


@cache
def all_camera_instances_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the instances of camera assets in a scene.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each camera asset id to the list of its instance dicts in the scene.

    Raises:
        InvalidParameterValueException: scene is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return breakdown_ops.get_data_scenes_scene_id_camera_instances(client, scene_id=model_id(scene))


@cache
def all_shots_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> list[Shot]:
    """List the shots made from a scene.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of shot dicts.

    Raises:
        InvalidParameterValueException: scene is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return shots_ops.get_data_scenes_scene_id_shots(client, scene_id=model_id(scene))


def add_shot_to_scene(scene: ModelOrId, shot: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Record that a shot was made from a scene (the scene becomes the shot's source).

    Args:
        scene: The scene, as a dict or its id.
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated shot dict.

    Raises:
        InvalidParameterValueException: scene or shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    payload = {"shot_id": model_id(shot)}
    return shots_ops.post_data_scenes_scene_id_shots(client, json=payload, scene_id=model_id(scene))


def remove_shot_from_scene(scene: ModelOrId, shot: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove the link between a shot and the scene it was made from.

    Args:
        scene: The scene, as a dict or its id.
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: scene or shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(
        client, "delete_data_scenes_scene_id_shots_shot_id", scene_id=model_id(scene), shot_id=model_id(shot)
    )


def update_asset_instance_name(
    asset_instance: ModelOrId, name: str, client: KitsuClient | None = None
) -> AssetInstance:
    """Rename an asset instance.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        name: Its new name.
        client: The client to use; the default client when None.

    Returns:
        The updated asset instance dict.

    Raises:
        InvalidParameterValueException: asset_instance is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return crud_ops.put_data_asset_instances_instance_id(
        client, json={"name": name}, instance_id=model_id(asset_instance)
    )


def update_asset_instance_data(
    asset_instance: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None
) -> AssetInstance:
    """Replace the custom data of an asset instance (the stored data is not merged).

    Args:
        asset_instance: The asset instance, as a dict or its id.
        data: Its new custom data.
        client: The client to use; the default client when None.

    Returns:
        The updated asset instance dict.

    Raises:
        InvalidParameterValueException: asset_instance is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return crud_ops.put_data_asset_instances_instance_id(
        client, json={"data": data}, instance_id=model_id(asset_instance)
    )


@cache
def get_sequence_from_scene(scene: ModelOrId, client: KitsuClient | None = None) -> Sequence:
    """Fetch the sequence a scene belongs to.

    The scene is fetched first when it is given as an id or as a dict without ``parent_id``. Cached while the
    helper cache is enabled.

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The parent sequence dict.

    Raises:
        InvalidParameterValueException: scene is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: the scene or its sequence does not exist.
    """
    client = resolve(client)
    found: Mapping[str, Any] | None = scene if isinstance(scene, dict) and "parent_id" in scene else None
    if found is None:
        found = shots_ops.get_data_scenes_scene_id(client, scene_id=model_id(scene))
    return shots_ops.get_data_sequences_sequence_id(client, sequence_id=model_id(str(found["parent_id"])))
