"""gazu.context: listings that show either the whole production or only the current user's part of it.

With `user_context=True` each listing uses Zou's `/data/user/...` route: what the logged-in user has tasks on
(every open project for an admin in `all_open_projects`). Otherwise it lists the whole production.
"""

from __future__ import annotations

from typing import Any

from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id
from .sorting import sort_by_name

# listing -> (operation for the whole production, operation for the current user's part)
OPERATIONS: dict[str, tuple[str, str]] = {
    "open_projects": ("get_data_projects_open", "get_data_user_projects_open"),
    "asset_types": ("get_data_projects_project_id_asset_types", "get_data_user_projects_project_id_asset_types"),
    "assets_for_type": (
        "get_data_projects_project_id_asset_types_asset_type_id_assets",
        "get_data_user_projects_project_id_asset_types_asset_type_id_assets",
    ),
    "asset_task_types": ("get_data_assets_asset_id_task_types", "get_data_user_assets_asset_id_task_types"),
    "shot_task_types": ("get_data_shots_shot_id_task_types", "get_data_user_shots_shot_id_task_types"),
    "scene_task_types": ("get_data_scenes_scene_id_task_types", "get_data_user_scenes_scene_id_task_types"),
    "sequence_task_types": (
        "get_data_sequences_sequence_id_task_types",
        "get_data_user_sequences_sequence_id_task_types",
    ),
    "sequences": ("get_data_projects_project_id_sequences", "get_data_user_projects_project_id_sequences"),
    "shots": ("get_data_sequences_sequence_id_shots", "get_data_user_sequences_sequence_id_shots"),
    "scenes": ("get_data_sequences_sequence_id_scenes", "get_data_user_sequences_sequence_id_scenes"),
    "episodes": ("get_data_projects_project_id_episodes", "get_data_user_projects_project_id_episodes"),
}


def context_operation(listing: str, user_context: bool) -> str:
    """Return the operation serving a listing, in the user's context or the production's."""
    production, user = OPERATIONS[listing]
    return user if user_context else production


def fetch_sorted(client: KitsuClient, operation: str, **path_params: Any) -> list[dict[str, Any]]:
    """Return the entries an operation lists, sorted by name."""
    return sort_by_name(client.call(operation, **path_params))


def all_open_projects(user_context: bool = False, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the open projects (only the user's projects when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("open_projects", user_context))


def all_assets_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the project's assets, sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, "get_data_projects_project_id_assets", project_id=model_id(project))


def all_asset_types_for_project(
    project: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the asset types used in the project (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("asset_types", user_context), project_id=model_id(project))


def all_assets_for_asset_type_and_project(
    project: ModelOrId, asset_type: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the project's assets of a type (only the user's when user_context), sorted by name."""
    client = resolve(client)
    operation = context_operation("assets_for_type", user_context)
    return fetch_sorted(client, operation, project_id=model_id(project), asset_type_id=model_id(asset_type))


def all_task_types_for_asset(
    asset: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the task types of the asset's tasks (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("asset_task_types", user_context), asset_id=model_id(asset))


def all_task_types_for_shot(
    shot: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the task types of the shot's tasks (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("shot_task_types", user_context), shot_id=model_id(shot))


def all_task_types_for_scene(
    scene: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the task types of the scene's tasks (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("scene_task_types", user_context), scene_id=model_id(scene))


def all_task_types_for_sequence(
    sequence: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the task types of tasks under the sequence (only the user's when user_context), sorted by name."""
    client = resolve(client)
    operation = context_operation("sequence_task_types", user_context)
    return fetch_sorted(client, operation, sequence_id=model_id(sequence))


def all_sequences_for_project(
    project: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the project's sequences (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("sequences", user_context), project_id=model_id(project))


def all_scenes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the project's scenes, sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, "get_data_projects_project_id_scenes", project_id=model_id(project))


def all_shots_for_sequence(
    sequence: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the sequence's shots (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("shots", user_context), sequence_id=model_id(sequence))


def all_scenes_for_sequence(
    sequence: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the sequence's scenes (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("scenes", user_context), sequence_id=model_id(sequence))


def all_sequences_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the episode's sequences, sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, "get_data_episodes_episode_id_sequences", episode_id=model_id(episode))


def all_episodes_for_project(
    project: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the project's episodes (only the user's when user_context), sorted by name."""
    client = resolve(client)
    return fetch_sorted(client, context_operation("episodes", user_context), project_id=model_id(project))
