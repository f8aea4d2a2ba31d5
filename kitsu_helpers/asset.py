"""gazu's `asset` module: assets, asset types, asset instances, web URLs and CSV import/export."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

import httpx
from kitsu_api.calls import (
    assets as assets_ops,
    breakdown as breakdown_ops,
    crud as crud_ops,
    projects as projects_ops,
    shots as shots_ops,
)

from . import _transfer, client as raw
from ._shared import delete_text, first_named, force_params, merged_data
from ._types import ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id, optional_id, require_dict
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Asset, AssetType, EntityType

InstancesById = dict[str, list[dict[str, Any]]]  # asset instances grouped by shot, scene or asset id
MAIN_EPISODE = "main"  # the web app's pseudo-episode of a TV show's shared assets

# --- pure helpers -------------------------------------------------------------------------------


def assets_page_path(project: dict[str, Any], episode_id: str | None = None) -> str:
    """Build the web path of a project's assets page.

    In a TV show the page sits under an episode: the asset's episode, or ``main`` (where shared assets
    live) when there is none.

    Args:
        project: The project dict; it needs ``id``, and ``production_type`` to detect a TV show.
        episode_id: The episode's id; ``main`` when None or empty.

    Returns:
        The path string, ``/productions/<project id>[/episodes/<episode>]/assets``.

    Raises:
        InvalidParameterValueException: project is not a dict with a valid ``id``, or episode_id is not a UUID.
    """
    base = f"/productions/{model_id(require_dict(project, 'project', 'id'))}"
    episode = optional_id(None if episode_id == "" else episode_id)  # Zou gives main-pack assets an empty episode_id
    if project.get("production_type") == "tvshow":
        base += f"/episodes/{episode or MAIN_EPISODE}"
    return base + "/assets"


def asset_type_search_query(asset_type_name: str) -> str:
    """Build the web application's query string that filters the assets page on an asset type.

    Args:
        asset_type_name: The asset type's name, e.g. ``"Character"``.

    Returns:
        The URL-encoded query string, ``search=type=[<name>]``.
    """
    return urlencode({"search": f"type=[{asset_type_name}]"})


def new_asset_payload(
    name: str, description: str | None, extra_data: dict[str, Any] | None, episode_id: str | None, is_shared: bool
) -> dict[str, Any]:
    """Build the body Zou expects to create an asset.

    Args:
        name: The asset's name.
        description: Its description; not sent when None.
        extra_data: Custom data to store on it; empty when None.
        episode_id: The id of its episode; not sent when None.
        is_shared: Share the asset with other projects.

    Returns:
        A dict with ``name``, ``data``, ``is_shared`` and the optional fields given.
    """
    data: dict[str, Any] = {"name": name, "data": extra_data or {}, "is_shared": is_shared}
    if description is not None:
        data["description"] = description
    if episode_id is not None:
        data["episode_id"] = episode_id
    return data


def asset_update_payload(asset: dict[str, Any]) -> dict[str, Any]:
    """Build the body of an asset update.

    Zou moves an asset to another episode through its ``source_id``: when the dict has ``episode_id`` it is
    sent as ``source_id`` too. The given dict is not modified.

    Args:
        asset: The asset dict with the fields to save.

    Returns:
        A new dict, the asset's fields plus ``source_id`` when ``episode_id`` is given.

    Raises:
        InvalidParameterValueException: asset is not a dict.
    """
    require_dict(asset, "asset")
    if "episode_id" in asset:
        return {**asset, "source_id": asset["episode_id"]}
    return dict(asset)


# --- internal reads -----------------------------------------------------------------------------


def _project(client: KitsuClient, project: ModelOrId) -> dict[str, Any]:
    """Return the full project (its production type decides the shape of web URLs)."""
    return dict(crud_ops.get_data_projects_instance_id(client, instance_id=model_id(project)))


def _web_host(client: KitsuClient) -> str:
    """Return the Kitsu web URL of the client's host (the API URL without /api)."""
    return raw.get_api_url_from_host(client=client)


# --- assets -------------------------------------------------------------------------------------


@cache
def all_assets_for_open_projects(client: KitsuClient | None = None) -> list[Asset]:
    """List the assets of every open project.

    One request per open project. Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts, sorted by name.
    """
    client = resolve(client)
    assets: list[Asset] = []
    for project in sort_by_name(projects_ops.get_data_projects_open(client)):
        assets.extend(all_assets_for_project(project, client=client))
    return sort_by_name(assets)


@cache
def all_assets_for_project(project: ModelOrId | None, client: KitsuClient | None = None) -> list[Asset]:
    """List the assets of a project, or of every project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id; every asset the user can see when None.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    project_id = optional_id(project)
    if project_id is None:
        return sort_by_name(assets_ops.get_data_assets_all(client))
    return sort_by_name(assets_ops.get_data_projects_project_id_assets(client, project_id=project_id))


@cache
def all_assets_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Asset]:
    """List the assets whose episode is the given one.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_assets(client, params={"source_id": model_id(episode)}))


@cache
def all_assets_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[Asset]:
    """List the assets cast in a shot.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts, sorted by name.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_shots_shot_id_assets(client, shot_id=model_id(shot)))


@cache
def all_assets_for_project_and_type(
    project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> list[Asset]:
    """List the assets of one asset type in a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project or asset_type is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    assets = assets_ops.get_data_projects_project_id_asset_types_asset_type_id_assets(
        client,
        project_id=model_id(project),
        asset_type_id=model_id(asset_type),
    )
    return sort_by_name(assets)


@cache
def get_asset_by_name(
    project: ModelOrId, name: str, asset_type: ModelOrId | None = None, client: KitsuClient | None = None
) -> Asset | None:
    """Find an asset of a project by its name, optionally of one asset type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        name: The exact name to look for (a non-empty string).
        asset_type: Only match assets of this type, as a dict or its id; any type when None.
        client: The client to use; the default client when None.

    Returns:
        The matching asset dict, or None when there is none.

    Raises:
        InvalidParameterValueException: an id is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    params: dict[str, Any] = {"project_id": model_id(project), "name": name}
    asset_type_id = optional_id(asset_type)
    if asset_type_id is not None:
        params["entity_type_id"] = asset_type_id
    return first_named(assets_ops.get_data_assets_all, client, params)


@cache
def get_asset(asset_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch one asset by its id, with all its fields.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset_id: The asset's id (an asset dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The asset dict, including its type name, its episode and its tasks.

    Raises:
        InvalidParameterValueException: asset_id is not a UUID; nothing is sent.
        RouteNotFoundException: no asset has this id.
    """
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id(client, asset_id=model_id(asset_id)))


@cache
def get_asset_url(asset: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of an asset's page in the Kitsu web application.

    The asset and its project are fetched; in a TV show the address goes through the asset's episode (or
    ``main``). Cached while the helper cache is enabled.

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no asset has this id.
    """
    client = resolve(client)
    full_asset = get_asset(model_id(asset), client=client)
    project = _project(client, full_asset["project_id"])
    page = assets_page_path(project, full_asset.get("episode_id"))
    return f"{_web_host(client)}{page}/{full_asset['id']}/"


@cache
def get_all_assets_url(project: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of a project's assets list in the Kitsu web application.

    The project is fetched; for a TV show the address goes through the ``main`` pseudo-episode, the page
    that lists the assets of no particular episode, as get_asset_url does.
    Cached while the helper cache is enabled.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no project has this id.
    """
    client = resolve(client)
    return f"{_web_host(client)}{assets_page_path(_project(client, project))}/"


@cache
def get_asset_type_url(project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of a project's assets list, filtered on one asset type, in the Kitsu web application.

    The search field of the page is filled with ``type=[<asset type name>]``. The asset type is fetched
    unless given as a dict with its ``name``. Cached while the helper cache is enabled.

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: project or asset_type is not a dict with an id nor a UUID.
        RouteNotFoundException: the project or the asset type does not exist.
    """
    client = resolve(client)
    asset_type_id = model_id(asset_type)  # checked before any request
    full_project = _project(client, project)
    if isinstance(asset_type, dict) and "name" in asset_type:
        asset_type_dict = asset_type
    else:
        asset_type_dict = get_asset_type(asset_type_id, client=client)
    query = asset_type_search_query(asset_type_dict["name"])
    return f"{_web_host(client)}{assets_page_path(full_project)}?{query}"


def new_asset(
    project: ModelOrId,
    asset_type: ModelOrId,
    name: str,
    description: str | None = None,
    extra_data: dict[str, Any] | None = None,
    episode: ModelOrId | None = None,
    is_shared: bool = False,
    client: KitsuClient | None = None,
) -> Asset:
    """Get or create an asset in a project.

    When the project already has an asset with this name and type it is returned unchanged (the other
    arguments are not applied).

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        name: The asset's name.
        description: Its description; unset when None.
        extra_data: Custom data to store on it.
        episode: The episode it belongs to (TV shows), as a dict or its id; the main pack when None.
        is_shared: Share the asset with other projects of the studio.
        client: The client to use; the default client when None.

    Returns:
        The existing or created asset dict.

    Raises:
        InvalidParameterValueException: an id is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    asset_type_id = model_id(asset_type)
    data = new_asset_payload(name, description, extra_data, optional_id(episode), is_shared)
    existing = get_asset_by_name(project_id, name, asset_type_id, client=client)
    if existing is not None:
        return existing
    return cast(
        "Asset",
        assets_ops.post_data_projects_project_id_asset_types_asset_type_id_assets_new(
            client,
            json=data,
            project_id=project_id,
            asset_type_id=asset_type_id,
        ),
    )


def update_asset(asset: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save the fields of an asset dict.

    Setting ``episode_id`` moves the asset to that episode. Its ``data``, when given, replaces the stored
    custom data whole (use update_asset_data to merge).

    Args:
        asset: The asset dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated asset dict.

    Raises:
        InvalidParameterValueException: asset is not a dict with a valid ``id``; nothing is sent.
    """
    client = resolve(client)
    asset_id = model_id(asset)
    return dict(crud_ops.put_data_entities_instance_id(client, json=asset_update_payload(asset), instance_id=asset_id))


def update_asset_data(
    asset: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge values into an asset's custom data; keys not given keep their values.

    The asset is read fresh from the server first.

    Args:
        asset: The asset, as a dict or its id.
        data: The keys and values to set.
        client: The client to use; the default client when None.

    Returns:
        The updated asset dict.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no asset has this id.
    """
    client = resolve(client)
    asset_id = model_id(asset)
    current = assets_ops.get_data_assets_asset_id(client, asset_id=asset_id)
    return update_asset({"id": asset_id, "data": merged_data(current.get("data"), data)}, client=client)


def remove_asset(asset: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an asset, or cancel it when it has tasks.

    An asset with tasks is only marked canceled unless force is given, which deletes it with its tasks.

    Args:
        asset: The asset, as a dict or its id.
        force: Delete the asset even when tasks are linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_assets_asset_id", force_params(force), asset_id=model_id(asset))


# --- asset types --------------------------------------------------------------------------------


@cache
def all_asset_types(client: KitsuClient | None = None) -> list[AssetType]:
    """List every asset type of the studio.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of asset type dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_asset_types(client))


@cache
def all_asset_types_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[AssetType]:
    """List the asset types used by the assets of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_projects_project_id_asset_types(client, project_id=model_id(project)))


@cache
def all_asset_types_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[AssetType]:
    """List the asset types of the assets cast in a shot.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_shots_shot_id_asset_types(client, shot_id=model_id(shot)))


@cache
def get_asset_type(asset_type_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch one asset type by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset_type_id: The asset type, as its id or a dict.
        client: The client to use; the default client when None.

    Returns:
        The asset type dict (``id``, ``name``, ...).

    Raises:
        InvalidParameterValueException: asset_type_id is not a UUID; nothing is sent.
        RouteNotFoundException: no asset type has this id.
    """
    client = resolve(client)
    return dict(assets_ops.get_data_asset_types_asset_type_id(client, asset_type_id=model_id(asset_type_id)))


@cache
def get_asset_type_by_name(name: str, client: KitsuClient | None = None) -> EntityType | None:
    """Find an asset type by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching asset type dict, or None when there is none.

    Raises:
        InvalidParameterValueException: name is empty or not a string; nothing is sent.
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_entity_types, client, {"name": name})


def new_asset_type(name: str, client: KitsuClient | None = None) -> EntityType:
    """Get or create an asset type.

    When an asset type with this name exists it is returned unchanged.

    Args:
        name: The asset type's name.
        client: The client to use; the default client when None.

    Returns:
        The existing or created asset type dict.

    Raises:
        InvalidParameterValueException: name is empty or not a string; nothing is sent.
    """
    client = resolve(client)
    existing = first_named(crud_ops.get_data_entity_types, client, {"name": name})
    if existing is not None:
        return existing
    return crud_ops.post_data_entity_types(client, json={"name": name})


def update_asset_type(asset_type: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Rename an asset type (only its ``name`` is sent).

    Args:
        asset_type: The asset type dict, with its ``id`` and new ``name``.
        client: The client to use; the default client when None.

    Returns:
        The updated asset type dict.

    Raises:
        InvalidParameterValueException: asset_type is not a dict with ``id`` and ``name``; nothing is sent.
    """
    client = resolve(client)
    name = require_dict(asset_type, "asset_type", "id", "name")["name"]
    asset_type_id = model_id(asset_type)
    return dict(crud_ops.put_data_entity_types_instance_id(client, json={"name": name}, instance_id=asset_type_id))


def remove_asset_type(asset_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete an asset type.

    Args:
        asset_type: The asset type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: asset_type is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_entity_types_instance_id", instance_id=model_id(asset_type))


@cache
def get_asset_type_from_asset(asset: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch the asset type of an asset.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset dict; it needs ``entity_type_id``.
        client: The client to use; the default client when None.

    Returns:
        The asset type dict.

    Raises:
        InvalidParameterValueException: asset is not a dict with an ``entity_type_id``; nothing is sent.
        RouteNotFoundException: the asset type does not exist.
    """
    return get_asset_type(require_dict(asset, "asset", "entity_type_id")["entity_type_id"], client=client)


@cache
def get_episode_from_asset(asset: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Fetch the episode an asset belongs to.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset dict; its ``source_id`` (or ``episode_id``) names the episode.
        client: The client to use; the default client when None.

    Returns:
        The episode dict, or None for an asset of the main pack (no episode).

    Raises:
        InvalidParameterValueException: asset is not a dict, or its episode id is not a UUID.
        RouteNotFoundException: the episode does not exist.
    """
    client = resolve(client)
    episode_id = require_dict(asset, "asset").get("source_id") or asset.get("episode_id")
    if episode_id is None:
        return None
    return dict(shots_ops.get_data_episodes_episode_id(client, episode_id=str(episode_id)))


# --- asset instances ----------------------------------------------------------------------------


@cache
def get_asset_instance(asset_instance_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch one asset instance by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset_instance_id: The asset instance, as its id or a dict.
        client: The client to use; the default client when None.

    Returns:
        The asset instance dict.

    Raises:
        InvalidParameterValueException: asset_instance_id is not a UUID; nothing is sent.
        RouteNotFoundException: no asset instance has this id.
    """
    client = resolve(client)
    return dict(crud_ops.get_data_asset_instances_instance_id(client, instance_id=model_id(asset_instance_id)))


@cache
def all_shot_asset_instances_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """List the instances of an asset cast in shots.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each shot id to the list of the asset's instance dicts in that shot.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id_shot_asset_instances(client, asset_id=model_id(asset)))


@cache
def all_scene_asset_instances_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """List the instances of an asset in layout scenes.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each scene id to the list of the asset's instance dicts in that scene.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id_scene_asset_instances(client, asset_id=model_id(asset)))


@cache
def all_asset_instances_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """List the asset instances placed inside an asset (for example props in a set).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each instantiated asset's id to the list of its instance dicts.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id_asset_asset_instances(client, asset_id=model_id(asset)))  # type: ignore[arg-type]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def all_asset_instances_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """List the asset instances cast in a shot.

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each asset id to the list of its instance dicts in the shot.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return dict(breakdown_ops.get_data_shots_shot_id_asset_instances(client, shot_id=model_id(shot)))


def _set_asset_instance_active(client: KitsuClient, asset_instance: ModelOrId, active: bool) -> dict[str, Any]:
    """Set an asset instance's active flag; return the instance."""
    instance_id = model_id(asset_instance)
    return dict(crud_ops.put_data_asset_instances_instance_id(client, json={"active": active}, instance_id=instance_id))


def enable_asset_instance(asset_instance: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Mark an asset instance active.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated asset instance dict.

    Raises:
        InvalidParameterValueException: asset_instance is not a dict with an id nor a UUID; nothing is sent.
    """
    return _set_asset_instance_active(resolve(client), asset_instance, True)


def disable_asset_instance(asset_instance: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Mark an asset instance inactive.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated asset instance dict.

    Raises:
        InvalidParameterValueException: asset_instance is not a dict with an id nor a UUID; nothing is sent.
    """
    return _set_asset_instance_active(resolve(client), asset_instance, False)


def new_asset_asset_instance(
    asset: ModelOrId,
    asset_to_instantiate: ModelOrId,
    description: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Place an instance of an asset inside another asset.

    Zou numbers the instance itself (one more than the highest number so far).

    Args:
        asset: The asset that receives the instance, as a dict or its id.
        asset_to_instantiate: The asset to instantiate, as a dict or its id.
        description: A description of the instance; unset when None.
        client: The client to use; the default client when None.

    Returns:
        The created asset instance dict.

    Raises:
        InvalidParameterValueException: asset or asset_to_instantiate is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    asset_id = model_id(asset)
    data: dict[str, Any] = {"asset_to_instantiate_id": model_id(asset_to_instantiate)}
    if description is not None:
        data["description"] = description
    return dict(assets_ops.post_data_assets_asset_id_asset_asset_instances(client, json=data, asset_id=asset_id))


# --- CSV ----------------------------------------------------------------------------------------


def import_assets_with_csv(
    project: ModelOrId,
    csv_file_path: str,
    client: KitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
) -> list[dict[str, Any]]:
    """Import assets into a project from a CSV file in Kitsu's export format.

    Rows naming existing assets update them; the others create assets.

    Args:
        project: The project, as a dict or its id.
        csv_file_path: The local path of the CSV file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while the file uploads.

    Returns:
        A list of the asset dicts created or updated by the import.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
        UploadFailedException: Zou refused the file.
    """
    client = resolve(client)
    operation = "post_import_csv_projects_project_id_assets"
    answer = _transfer.upload(
        client, operation, file_path=csv_file_path, progress_callback=progress_callback, project_id=model_id(project)
    )
    return list(answer)


def export_assets_with_csv(
    project: ModelOrId,
    csv_file_path: str,
    episode: ModelOrId | None = None,
    assigned_to: ModelOrId | None = None,
    client: KitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
) -> httpx.Response:
    """Write the assets of a project to a CSV file, as Kitsu's export does.

    The file is written atomically; an existing file at the path is replaced.

    Args:
        project: The project, as a dict or its id.
        csv_file_path: Where to write the CSV file.
        episode: Only the assets of this episode, as a dict or its id; every asset when None.
        assigned_to: Only the assets with a task assigned to this person, as a dict or its id; no filter when
            None.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` while the file downloads.

    Returns:
        The ``httpx.Response`` of the download (its body already written to the file).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
        DownloadFileException: the transfer was cut or truncated; nothing was written.
    """
    client = resolve(client)
    params = {"episode_id": optional_id(episode), "assigned_to": optional_id(assigned_to)}
    return _transfer.download(
        client,
        "get_export_csv_projects_project_id_assets_csv",
        csv_file_path,
        params=params,
        progress_callback=progress_callback,
        project_id=model_id(project),
    )
