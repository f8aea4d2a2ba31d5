"""gazu.context: listings that show either the whole production or only the current user's part of it.

Each function picks the production listing (asset, shot, scene, task, project modules) or, with
`user_context=True`, the user's listing (user module: what the logged-in user has tasks on), as gazu does;
both are cached where gazu caches them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, cast

from . import (
    asset as asset_helpers,
    project as project_helpers,
    scene as scene_helpers,
    shot as shot_helpers,
    user as user_helpers,
)
from ._types import ModelOrId
from .client import KitsuClient, resolve
from .helpers import model_id

if TYPE_CHECKING:
    from kitsu_api.entities import Asset, AssetType, Episode, Project, Scene, Sequence, Shot, TaskType


def task_helpers() -> Any:
    """Return the task module (imported on first use: it imports much of the package).

    Returns:
        The ``kitsu_helpers.task`` module.
    """
    return import_module(".task", __package__)


def all_open_projects(user_context: bool = False, client: KitsuClient | None = None) -> list[Project]:
    """Return the open projects (only the user's projects when user_context), sorted by name.

    Args:
        user_context: Only the open projects the logged-in user belongs to, instead of every open project.
        client: The client to use; the default client when None.

    Returns:
        A list of project dicts.
    """
    client = resolve(client)
    if user_context:
        return cast("list[Project]", user_helpers.all_open_projects(client=client))
    return project_helpers.all_open_projects(client=client)


def all_assets_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Asset]:
    """Return the project's assets, sorted by name.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts.
    """
    client = resolve(client)
    return asset_helpers.all_assets_for_project(model_id(project), client=client)


def all_asset_types_for_project(
    project: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[AssetType]:
    """Return the asset types used in the project (only the user's when user_context), sorted by name.

    Args:
        project: The project, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of asset type dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_asset_types_for_project(project, client=client)
    return asset_helpers.all_asset_types_for_project(project, client=client)


def all_assets_for_asset_type_and_project(
    project: ModelOrId, asset_type: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[Asset]:
    """Return the project's assets of a type (only the user's when user_context), sorted by name.

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_assets_for_asset_type_and_project(project, asset_type, client=client)
    return asset_helpers.all_assets_for_project_and_type(project, asset_type, client=client)


def all_task_types_for_asset(
    asset: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[TaskType]:
    """Return the task types of the asset's tasks (only the user's when user_context), sorted by name.

    Args:
        asset: The asset, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_task_types_for_asset(asset, client=client)
    from . import task  # imported on first use: it imports much of the package

    return task.all_task_types_for_asset(asset, client=client)


def all_task_types_for_shot(
    shot: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[TaskType]:
    """Return the task types of the shot's tasks (only the user's when user_context), sorted by name.

    Args:
        shot: The shot, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_task_types_for_shot(shot, client=client)
    from . import task  # imported on first use: it imports much of the package

    return task.all_task_types_for_shot(shot, client=client)


def all_task_types_for_scene(
    scene: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[TaskType]:
    """Return the task types of the scene's tasks (only the user's when user_context), sorted by name.

    Args:
        scene: The scene, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_task_types_for_scene(scene, client=client)
    from . import task  # imported on first use: it imports much of the package

    return task.all_task_types_for_scene(scene, client=client)


def all_task_types_for_sequence(
    sequence: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[TaskType]:
    """Return the task types of tasks under the sequence (only the user's when user_context), sorted by name.

    Args:
        sequence: The sequence, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_task_types_for_sequence(sequence, client=client)
    from . import task  # imported on first use: it imports much of the package

    return task.all_task_types_for_sequence(sequence, client=client)


def all_sequences_for_project(
    project: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[Sequence]:
    """Return the project's sequences (only the user's when user_context), sorted by name.

    Args:
        project: The project, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of sequence dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_sequences_for_project(project, client=client)
    return shot_helpers.all_sequences_for_project(project, client=client)


def all_scenes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Scene]:
    """Return the project's scenes, sorted by name.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts.
    """
    client = resolve(client)
    return scene_helpers.all_scenes(model_id(project), client=client)


def all_shots_for_sequence(
    sequence: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[Shot]:
    """Return the sequence's shots (only the user's when user_context), sorted by name.

    Args:
        sequence: The sequence, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of shot dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_shots_for_sequence(sequence, client=client)
    return shot_helpers.all_shots_for_sequence(sequence, client=client)


def all_scenes_for_sequence(
    sequence: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[Scene]:
    """Return the sequence's scenes (only the user's when user_context), sorted by name.

    Args:
        sequence: The sequence, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_scenes_for_sequence(sequence, client=client)
    return scene_helpers.all_scenes_for_sequence(sequence, client=client)


def all_sequences_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Sequence]:
    """Return the episode's sequences, sorted by name.

    Args:
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of sequence dicts.
    """
    client = resolve(client)
    return shot_helpers.all_sequences_for_episode(episode, client=client)


def all_episodes_for_project(
    project: ModelOrId, user_context: bool = False, client: KitsuClient | None = None
) -> list[Episode]:
    """Return the project's episodes (only the user's when user_context), sorted by name.

    Args:
        project: The project, as a dict or its id.
        user_context: Only what the logged-in user has tasks on (the user's view) instead of everything.
        client: The client to use; the default client when None.

    Returns:
        A list of episode dicts.
    """
    client = resolve(client)
    if user_context:
        return user_helpers.all_episodes_for_project(project, client=client)
    return shot_helpers.all_episodes_for_project(project, client=client)
