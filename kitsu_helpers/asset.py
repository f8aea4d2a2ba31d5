"""gazu's `asset` module: assets, asset types, asset instances, web URLs and CSV import/export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx
from kitsu_api.calls import (
    assets as assets_ops,
    breakdown as breakdown_ops,
    crud as crud_ops,
    projects as projects_ops,
    shots as shots_ops,
)

from . import client as raw
from ._shared import delete_text, first_named, force_params, merged_data
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id, optional_id, require_dict
from .sorting import sort_by_name

InstancesById = dict[str, list[dict[str, Any]]]  # asset instances grouped by shot, scene or asset id
MAIN_EPISODE = "main"  # the web app's pseudo-episode of a TV show's shared assets

# --- pure helpers -------------------------------------------------------------------------------


def assets_page_path(project: dict[str, Any], episode_id: str | None = None) -> str:
    """Return the web path of a project's assets page (TV shows nest it under an episode, "main" by default)."""
    base = f"/productions/{model_id(require_dict(project, 'project', 'id'))}"
    episode = optional_id(None if episode_id == "" else episode_id)  # Zou gives main-pack assets an empty episode_id
    if project.get("production_type") == "tvshow":
        base += f"/episodes/{episode or MAIN_EPISODE}"
    return base + "/assets"


def asset_type_search_query(asset_type_name: str) -> str:
    """Return the web app's query string filtering the assets page on an asset type."""
    return urlencode({"search": f"type=[{asset_type_name}]"})


def new_asset_payload(
    name: str, description: str | None, extra_data: dict[str, Any] | None, episode_id: str | None, is_shared: bool
) -> dict[str, Any]:
    """Return the body of an asset creation (description and episode only when given)."""
    data: dict[str, Any] = {"name": name, "data": extra_data or {}, "is_shared": is_shared}
    if description is not None:
        data["description"] = description
    if episode_id is not None:
        data["episode_id"] = episode_id
    return data


def asset_update_payload(asset: dict[str, Any]) -> dict[str, Any]:
    """Return the body of an asset update: a copy where episode_id is also sent as Zou's source_id."""
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
def all_assets_for_open_projects(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the assets of every open project, sorted by name."""
    client = resolve(client)
    assets: list[dict[str, Any]] = []
    for project in sort_by_name(projects_ops.get_data_projects_open(client)):
        assets.extend(all_assets_for_project(project, client=client))
    return sort_by_name(assets)


@cache
def all_assets_for_project(project: ModelOrId | None, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the assets of a project (of every project when None), sorted by name."""
    client = resolve(client)
    project_id = optional_id(project)
    if project_id is None:
        return sort_by_name(assets_ops.get_data_assets_all(client))
    return sort_by_name(assets_ops.get_data_projects_project_id_assets(client, project_id=project_id))


@cache
def all_assets_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the assets whose main episode is the given one, sorted by name."""
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_assets(client, params={"source_id": model_id(episode)}))


@cache
def all_assets_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the assets cast in a shot, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_shots_shot_id_assets(client, shot_id=model_id(shot)))


@cache
def all_assets_for_project_and_type(
    project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the assets of one type in a project, sorted by name."""
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
) -> dict[str, Any] | None:
    """Return the asset with that name in the project (and of that type when given), or None."""
    client = resolve(client)
    params: dict[str, Any] = {"project_id": model_id(project), "name": name}
    asset_type_id = optional_id(asset_type)
    if asset_type_id is not None:
        params["entity_type_id"] = asset_type_id
    return first_named(client, "get_data_assets_all", params)


@cache
def get_asset(asset_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the asset with the given id (with its type name, episode and tasks)."""
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id(client, asset_id=model_id(asset_id)))


@cache
def get_asset_url(asset: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of an asset's page."""
    client = resolve(client)
    full_asset = get_asset(model_id(asset), client=client)
    project = _project(client, full_asset["project_id"])
    page = assets_page_path(project, full_asset.get("episode_id"))
    return f"{_web_host(client)}{page}/{full_asset['id']}/"


@cache
def get_all_assets_url(project: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a project's assets list."""
    client = resolve(client)
    return f"{_web_host(client)}{assets_page_path(_project(client, project))}/"


@cache
def get_asset_type_url(project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a project's assets list filtered on an asset type."""
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
) -> dict[str, Any]:
    """Create an asset; return it, or the existing asset of that name and type in the project."""
    client = resolve(client)
    project_id = model_id(project)
    asset_type_id = model_id(asset_type)
    data = new_asset_payload(name, description, extra_data, optional_id(episode), is_shared)
    existing = get_asset_by_name(project_id, name, asset_type_id, client=client)
    if existing is not None:
        return existing
    return dict(
        assets_ops.post_data_projects_project_id_asset_types_asset_type_id_assets_new(
            client,
            json=data,
            project_id=project_id,
            asset_type_id=asset_type_id,
        )
    )


def update_asset(asset: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified asset dict (episode_id moves the asset to that episode); return the saved asset."""
    client = resolve(client)
    asset_id = model_id(asset)
    return dict(crud_ops.put_data_entities_instance_id(client, json=asset_update_payload(asset), instance_id=asset_id))


def update_asset_data(
    asset: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge data into an asset's custom data (other keys kept); return the updated asset."""
    client = resolve(client)
    asset_id = model_id(asset)
    current = assets_ops.get_data_assets_asset_id(client, asset_id=asset_id)
    return update_asset({"id": asset_id, "data": merged_data(current.get("data"), data)}, client=client)


def remove_asset(asset: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an asset (one with tasks is only canceled unless force); return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_assets_asset_id", force_params(force), asset_id=model_id(asset))


# --- asset types --------------------------------------------------------------------------------


@cache
def all_asset_types(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every asset type, sorted by name."""
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_asset_types(client))


@cache
def all_asset_types_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the asset types of the assets of a project, sorted by name."""
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_projects_project_id_asset_types(client, project_id=model_id(project)))


@cache
def all_asset_types_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the asset types of the assets cast in a shot, sorted by name."""
    client = resolve(client)
    return sort_by_name(assets_ops.get_data_shots_shot_id_asset_types(client, shot_id=model_id(shot)))


@cache
def get_asset_type(asset_type_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the asset type with the given id (or of the given dict)."""
    client = resolve(client)
    return dict(assets_ops.get_data_asset_types_asset_type_id(client, asset_type_id=model_id(asset_type_id)))


@cache
def get_asset_type_by_name(name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the asset type with that name, or None."""
    client = resolve(client)
    return first_named(client, "get_data_entity_types", {"name": name})


def new_asset_type(name: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Create an asset type; return it, or the existing type of that name."""
    client = resolve(client)
    existing = first_named(client, "get_data_entity_types", {"name": name})
    if existing is not None:
        return existing
    return dict(crud_ops.post_data_entity_types(client, json={"name": name}))


def update_asset_type(asset_type: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save an asset type's new name; return the saved type."""
    client = resolve(client)
    name = require_dict(asset_type, "asset_type", "id", "name")["name"]
    asset_type_id = model_id(asset_type)
    return dict(crud_ops.put_data_entity_types_instance_id(client, json={"name": name}, instance_id=asset_type_id))


def remove_asset_type(asset_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete an asset type; return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_entity_types_instance_id", instance_id=model_id(asset_type))


@cache
def get_asset_type_from_asset(asset: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the type of an asset dict."""
    return get_asset_type(require_dict(asset, "asset", "entity_type_id")["entity_type_id"], client=client)


@cache
def get_episode_from_asset(asset: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the episode an asset dict belongs to, or None for a main-pack asset."""
    client = resolve(client)
    episode_id = require_dict(asset, "asset").get("source_id") or asset.get("episode_id")
    if episode_id is None:
        return None
    return dict(shots_ops.get_data_episodes_episode_id(client, episode_id=str(episode_id)))


# --- asset instances ----------------------------------------------------------------------------


@cache
def get_asset_instance(asset_instance_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the asset instance with the given id."""
    client = resolve(client)
    return dict(crud_ops.get_data_asset_instances_instance_id(client, instance_id=model_id(asset_instance_id)))


@cache
def all_shot_asset_instances_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """Return the instances of an asset cast in shots, grouped by shot id."""
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id_shot_asset_instances(client, asset_id=model_id(asset)))  # type: ignore[arg-type]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def all_scene_asset_instances_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """Return the instances of an asset in layout scenes, grouped by scene id."""
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id_scene_asset_instances(client, asset_id=model_id(asset)))  # type: ignore[arg-type]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def all_asset_instances_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """Return the asset instances inside an asset, grouped by instantiated asset id."""
    client = resolve(client)
    return dict(assets_ops.get_data_assets_asset_id_asset_asset_instances(client, asset_id=model_id(asset)))  # type: ignore[arg-type]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def all_asset_instances_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> InstancesById:
    """Return the asset instances cast in a shot, grouped by asset id."""
    client = resolve(client)
    return dict(breakdown_ops.get_data_shots_shot_id_asset_instances(client, shot_id=model_id(shot)))  # type: ignore[arg-type]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def _set_asset_instance_active(client: KitsuClient, asset_instance: ModelOrId, active: bool) -> dict[str, Any]:
    """Set an asset instance's active flag; return the instance."""
    instance_id = model_id(asset_instance)
    return dict(crud_ops.put_data_asset_instances_instance_id(client, json={"active": active}, instance_id=instance_id))


def enable_asset_instance(asset_instance: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Mark an asset instance active; return it."""
    return _set_asset_instance_active(resolve(client), asset_instance, True)


def disable_asset_instance(asset_instance: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Mark an asset instance inactive; return it."""
    return _set_asset_instance_active(resolve(client), asset_instance, False)


def new_asset_asset_instance(
    asset: ModelOrId,
    asset_to_instantiate: ModelOrId,
    description: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Instantiate an asset inside another one (next instance number); return the new instance."""
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
    """Import assets from a Kitsu CSV file into a project; return the imported assets."""
    client = resolve(client)
    path = client.url_of("post_import_csv_projects_project_id_assets", project_id=model_id(project))
    return list(raw.upload(path, csv_file_path, client=client, progress_callback=progress_callback))


def export_assets_with_csv(
    project: ModelOrId,
    csv_file_path: str,
    episode: ModelOrId | None = None,
    assigned_to: ModelOrId | None = None,
    client: KitsuClient | None = None,
    progress_callback: Callable[[int, int], Any] | None = None,
) -> httpx.Response:
    """Write a project's assets (optionally of one episode, or assigned to one person) to a CSV file."""
    client = resolve(client)
    path = client.url_of("get_export_csv_projects_project_id_assets_csv", project_id=model_id(project))
    params = {"episode_id": optional_id(episode), "assigned_to": optional_id(assigned_to)}
    return raw.download(path, csv_file_path, params=params, client=client, progress_callback=progress_callback)
