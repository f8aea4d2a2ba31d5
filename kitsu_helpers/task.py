"""gazu's `task` module: task types, task statuses, tasks, assignments, comments, checklists, time spents.

Preview helpers (add_preview, publish_preview, ...) live in kitsu_helpers._previews and are re-exported here;
comments are built and posted by kitsu_helpers._comments.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import (
    comments as comments_ops,
    crud as crud_ops,
    entities as entities_ops,
    projects as projects_ops,
    tasks as tasks_ops,
)

from ._coerce import comment_datetime as comment_datetime, day_string, to_date_string, utc_moment
from ._comments import (
    BATCH_SIZE as BATCH_SIZE,
    attachment_parts as attachment_parts,
    chunks as chunks,
    comments_without_files as comments_without_files,
    many_comment_entry as many_comment_entry,
    new_comment,
    post_attachments,
    post_batch_comments,
    post_comment,
    post_same_comment,
)
from ._deprecated import deprecated
from ._previews import (  # preview helpers live in _previews; gazu users find them here, under gazu's names
    add_extra_preview as add_extra_preview,
    add_preview as add_preview,
    all_preview_files_for_project as all_preview_files_for_project,
    all_previews_for_task as all_previews_for_task,
    create_extra_preview as create_extra_preview,
    create_preview as create_preview,
    publish_preview as publish_preview,
    publish_preview_and_wait as publish_preview_and_wait,
    remove_failed_publish as remove_failed_publish,
    remove_preview_from_comment as remove_preview_from_comment,
    resume_publish as resume_publish,
    set_main_preview as set_main_preview,
    upload_preview_file as upload_preview_file,
)
from ._shared import first_named, first_or_none
from ._types import DateLike, Json, ModelOrId, ProgressCallback
from .cache import cache
from .client import KitsuClient, get_api_url_from_host, resolve
from .errors import (
    InvalidParameterValueException,
    TaskMustBeADictException,
    TaskStatusNotFoundException,
)
from .helpers import model_id, normalize_list_of_models_for_links, optional_id, require_dict, require_str
from .sorting import sort_by_name

# Task fields holding a day (sent as YYYY-MM-DD) and the ones holding a moment (sent with the time).
TASK_DATE_FIELDS = ("start_date", "due_date")
TASK_DATETIME_FIELDS = ("real_start_date", "end_date", "done_date", "last_comment_date")


# --- pure helpers --------------------------------------------------------------------------------


def task_payload(task: Json) -> Json:
    """Prepare a task dict for Zou's update route.

    Assignees given as dicts become ids; ``start_date`` and ``due_date`` become ``"YYYY-MM-DD"``; the moments
    (``real_start_date``, ``end_date``, ``done_date``, ``last_comment_date``) become UTC ``"YYYY-MM-DDTHH:MM:SS"``.
    The given dict is not modified.

    Args:
        task: The task dict; it must have an ``id``.

    Returns:
        A new dict holding the same fields in the form Zou accepts.

    Raises:
        InvalidParameterValueException: task is not a dict with an ``id``, or a date field holds no date.
    """
    payload = dict(require_dict(task, "task", "id"))
    if "assignees" in payload:
        payload["assignees"] = normalize_list_of_models_for_links(payload["assignees"])
    for field in TASK_DATE_FIELDS:
        if payload.get(field) is not None:
            payload[field] = to_date_string(payload[field])
    for field in TASK_DATETIME_FIELDS:
        if payload.get(field) is not None:
            payload[field] = utc_moment(payload[field]).strftime("%Y-%m-%dT%H:%M:%S")
    return payload


def validate_color(color: str) -> str:
    """Check that a color is written as ``#`` followed by hexadecimal digits.

    Args:
        color: The color, for example ``"#00FF00"``.

    Returns:
        color itself when it is valid.

    Raises:
        InvalidParameterValueException: color does not start with ``#`` or holds a non-hexadecimal digit (it
            is also a ValueError).
    """
    if not color or color[0] != "#":
        raise InvalidParameterValueException("Color must start with '#', e.g. '#00FF00'")
    if len(color) < 2 or not all(c in string.hexdigits for c in color[1:]):
        raise InvalidParameterValueException("Color must be a valid hexadecimal string, e.g. '#00FF00'")
    return color


def _delete(client: KitsuClient, operation: str, params: dict[str, Any] | None = None, **path: Any) -> str:
    """Send a DELETE operation and return the answer's text, as gazu's raw.delete does."""
    return str(client.call(operation, params=params, raw=True, **path).text)


# --- task types and statuses ---------------------------------------------------------------------


@cache
def all_task_statuses(client: KitsuClient | None = None) -> list[TaskStatus]:
    """List every task status of the studio.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of task status dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_task_status(client))


@cache
def all_task_types(client: KitsuClient | None = None) -> list[TaskType]:
    """List every task type of the studio.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_task_types(client))


@cache
def all_task_types_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types a project uses.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    return sort_by_name(projects_ops.get_data_projects_project_id_task_types(client, project_id=project_id))


@cache
def all_task_statuses_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """List the task statuses a project uses (its settings).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task status dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    return sort_by_name(projects_ops.get_data_projects_project_id_settings_task_status(client, project_id=project_id))


def _task_types_for(client: KitsuClient | None, operation: str, **path: ModelOrId) -> list[TaskType]:
    """Return the task types listed by an entity route, sorted by name."""
    client = resolve(client)
    ids: dict[str, Any] = {name: model_id(value) for name, value in path.items()}
    return sort_by_name(cast("list[TaskType]", client.call(operation, **ids)))


@cache
def all_task_types_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types of the tasks of a shot.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    return _task_types_for(client, "get_data_shots_shot_id_task_types", shot_id=shot)


@cache
def all_task_types_for_concept(concept: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types of the tasks of a concept.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        concept: The concept, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: concept is not a dict with an id nor a UUID; nothing is sent.
    """
    return _task_types_for(client, "get_data_concepts_concept_id_task_types", concept_id=concept)


@cache
def all_task_types_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types of the tasks of an asset.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    return _task_types_for(client, "get_data_assets_asset_id_task_types", asset_id=asset)


@cache
def all_task_types_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types of the tasks of a scene.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: scene is not a dict with an id nor a UUID; nothing is sent.
    """
    return _task_types_for(client, "get_data_scenes_scene_id_task_types", scene_id=scene)


@cache
def all_task_types_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types of the tasks attached to a sequence itself (not to its shots).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
    """
    return _task_types_for(client, "get_data_sequences_sequence_id_task_types", sequence_id=sequence)


@cache
def all_task_types_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types of the tasks attached to an episode itself.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    return _task_types_for(client, "get_data_episodes_episode_id_task_types", episode_id=episode)


@cache
def get_task_type(task_type_id: str, client: KitsuClient | None = None) -> TaskType:
    """Fetch one task type by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task_type_id: The task type's id (a task type dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The task type dict (``id``, ``name``, ``short_name``, ``color``, ``for_entity``, ...).

    Raises:
        InvalidParameterValueException: task_type_id is not a UUID; nothing is sent.
        RouteNotFoundException: no task type has this id.
    """
    client = resolve(client)
    return crud_ops.get_data_task_types_instance_id(client, instance_id=model_id(task_type_id))


def _task_type_filter(key: str, value: str, for_entity: str | None, department: ModelOrId | None) -> Json:
    """Return the query filters of a task type look-up."""
    params: Json = {key: value}
    if for_entity is not None:
        params["for_entity"] = for_entity
    if department is not None:
        params["department_id"] = model_id(department)
    return params


@cache
def get_task_type_by_name(
    task_type_name: str,
    for_entity: str | None = None,
    department: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> TaskType | None:
    """Find a task type by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task_type_name: The exact name to look for.
        for_entity: Only match task types for this entity type (``"Asset"``, ``"Shot"``, ``"Sequence"``,
            ...); any when None.
        department: Only match task types of this department, as a dict or its id; any when None.
        client: The client to use; the default client when None.

    Returns:
        The first matching task type dict, or None when none matches.

    Raises:
        InvalidParameterValueException: department is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = _task_type_filter("name", task_type_name, for_entity, department)
    return first_or_none(crud_ops.get_data_task_types(client, params=params))


@cache
def get_task_type_by_short_name(
    task_type_short_name: str,
    for_entity: str | None = None,
    department: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> TaskType | None:
    """Find a task type by its short name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task_type_short_name: The exact short name to look for.
        for_entity: Only match task types for this entity type (``"Asset"``, ``"Shot"``, ...); any when None.
        department: Only match task types of this department, as a dict or its id; any when None.
        client: The client to use; the default client when None.

    Returns:
        The first matching task type dict, or None when none matches.

    Raises:
        InvalidParameterValueException: department is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = _task_type_filter("short_name", task_type_short_name, for_entity, department)
    return first_or_none(crud_ops.get_data_task_types(client, params=params))


@cache
def get_default_task_status(client: KitsuClient | None = None) -> TaskStatus | None:
    """Find the default task status, the one new tasks get.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        The task status dict whose ``is_default`` is true, or None when no status is the default.
    """
    client = resolve(client)
    return first_or_none(crud_ops.get_data_task_status(client, params={"is_default": True}))


@cache
def get_task_status(task_status_id: str, client: KitsuClient | None = None) -> TaskStatus:
    """Fetch one task status by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task_status_id: The task status's id (a task status dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The task status dict (``id``, ``name``, ``short_name``, ``color``, ``is_done``, ...).

    Raises:
        InvalidParameterValueException: task_status_id is not a UUID; nothing is sent.
        RouteNotFoundException: no task status has this id.
    """
    client = resolve(client)
    return crud_ops.get_data_task_status_instance_id(client, instance_id=model_id(task_status_id))


@cache
def get_task_status_by_name(name: str, client: KitsuClient | None = None) -> TaskStatus | None:
    """Find a task status by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching task status dict, or None when none matches.

    Raises:
        InvalidParameterValueException: name is empty or not a string; nothing is sent.
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_task_status, client, {"name": name})


@cache
def get_task_status_by_short_name(task_status_short_name: str, client: KitsuClient | None = None) -> TaskStatus | None:
    """Find a task status by its short name (``"wip"``, ``"wfa"``, ``"done"``, ...).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task_status_short_name: The exact short name to look for.
        client: The client to use; the default client when None.

    Returns:
        The first matching task status dict, or None when none matches.
    """
    client = resolve(client)
    params = {"short_name": task_status_short_name}
    return first_or_none(crud_ops.get_data_task_status(client, params=params))


def new_task_type(
    name: str, color: str = "#000000", for_entity: str = "Asset", client: KitsuClient | None = None
) -> TaskType:
    """Get or create a task type.

    When a task type with this name already exists for this entity type it is returned unchanged (its color
    is not updated); otherwise one is created.

    Args:
        name: The task type's name.
        color: Its color, ``#`` followed by hexadecimal digits; black by default.
        for_entity: The entity type its tasks belong to (``"Asset"``, ``"Shot"``, ``"Sequence"``, ``"Edit"``,
            ...); ``"Asset"`` by default.
        client: The client to use; the default client when None.

    Returns:
        The existing or created task type dict.
    """
    client = resolve(client)
    existing = get_task_type_by_name(name, for_entity, client=client)
    if existing is not None:
        return existing
    data = {"name": name, "color": color, "for_entity": for_entity}
    return crud_ops.post_data_task_types(client, json=data)


def new_task_status(name: str, short_name: str, color: str, client: KitsuClient | None = None) -> TaskStatus:
    """Create a task status.

    Args:
        name: The status's name.
        short_name: Its short name, shown on task boards.
        color: Its color, ``#`` followed by hexadecimal digits (for example ``"#00FF00"``).
        client: The client to use; the default client when None.

    Returns:
        The created task status dict.

    Raises:
        InvalidParameterValueException: color is not ``#`` followed by hexadecimal digits; nothing is sent.
    """
    client = resolve(client)
    data = {"name": name, "short_name": short_name, "color": validate_color(color)}
    return crud_ops.post_data_task_status(client, json=data)


def update_task_type(task_type: Json, client: KitsuClient | None = None) -> TaskType:
    """Save the fields of a task type dict.

    Args:
        task_type: The task type dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated task type dict.

    Raises:
        InvalidParameterValueException: task_type has no valid ``id``; nothing is sent.
    """
    client = resolve(client)
    return crud_ops.put_data_task_types_instance_id(client, json=task_type, instance_id=model_id(task_type))


def update_task_status(task_status: Json, client: KitsuClient | None = None) -> TaskStatus:
    """Save the fields of a task status dict.

    Args:
        task_status: The task status dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated task status dict.

    Raises:
        InvalidParameterValueException: task_status has no valid ``id``; nothing is sent.
    """
    client = resolve(client)
    return crud_ops.put_data_task_status_instance_id(client, json=task_status, instance_id=model_id(task_status))


def remove_task_type(task_type: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a task type.

    Args:
        task_type: The task type, as a dict or its id.
        force: Also delete the tasks of this type; without it Zou refuses to delete a type still used by
            tasks. Projects that list the type must drop it first (``gazu.project.remove_task_type``).
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: task_type is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = {"force": True} if force else None
    return _delete(client, "delete_data_task_types_instance_id", params, instance_id=model_id(task_type))


def remove_task_status(task_status: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a task status (always forced, as gazu does).

    Args:
        task_status: The task status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: task_status is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return _delete(client, "delete_data_task_status_instance_id", {"force": True}, instance_id=model_id(task_status))


# --- task lists ----------------------------------------------------------------------------------


def _tasks_for(client: KitsuClient | None, operation: str, relations: bool, **path: ModelOrId) -> list[Json]:
    """Return the tasks listed by an entity route (with relations if asked), sorted by name."""
    client = resolve(client)
    ids: dict[str, Any] = {name: model_id(value) for name, value in path.items()}
    params = {"relations": True} if relations else None
    return sort_by_name(client.call(operation, params=params, **ids))


@cache
def all_tasks_for_shot(shot: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks of a shot.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        relations: Ask Zou to add related data (such as the task type and status names) to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_shots_shot_id_tasks", relations, shot_id=shot)


@cache
def all_tasks_for_concept(concept: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks of a concept.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        concept: The concept, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: concept is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_concepts_concept_id_tasks", relations, concept_id=concept)


@cache
def all_tasks_for_edit(edit: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks of an edit.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        edit: The edit, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: edit is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_edits_edit_id_tasks", relations, edit_id=edit)


@cache
def all_tasks_for_sequence(
    sequence: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks attached to a sequence itself (not those of its shots).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_sequences_sequence_id_tasks", relations, sequence_id=sequence)


@cache
def all_tasks_for_scene(scene: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks of a scene.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: scene is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_scenes_scene_id_tasks", relations, scene_id=scene)


@cache
def all_tasks_for_asset(asset: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks of an asset.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_assets_asset_id_tasks", relations, asset_id=asset)


@cache
def all_tasks_for_episode(episode: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks attached to an episode itself (not those of its shots or assets).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_episodes_episode_id_tasks", relations, episode_id=episode)


@cache
def all_shot_tasks_for_sequence(
    sequence: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks of every shot of a sequence.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_sequences_sequence_id_shot_tasks", relations, sequence_id=sequence)


@cache
def all_shot_tasks_for_episode(
    episode: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks of every shot of an episode.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_episodes_episode_id_shot_tasks", relations, episode_id=episode)


@cache
def all_assets_tasks_for_episode(
    episode: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks of every asset of an episode.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        relations: Ask Zou to add related data to each task.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    return _tasks_for(client, "get_data_episodes_episode_id_asset_tasks", relations, episode_id=episode)


@cache
def all_tasks_for_task_status(
    project: ModelOrId, task_type: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks of a project that have a given task type and are at a given status.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        task_type: The task type, as a dict or its id.
        task_status: The task status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, in the server's order.

    Raises:
        InvalidParameterValueException: an argument is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = {
        "project_id": model_id(project),
        "task_type_id": model_id(task_type),
        "task_status_id": model_id(task_status),
    }
    return cast("list[dict[str, Any]]", crud_ops.get_data_tasks(client, params=params))


@cache
def all_tasks_for_task_type(
    project: ModelOrId, task_type: ModelOrId, episode: ModelOrId | None = None, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks of a project that have a given task type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        task_type: The task type, as a dict or its id.
        episode: Only the tasks of this episode, as a dict or its id; every episode when None.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, in the server's order.

    Raises:
        InvalidParameterValueException: an argument is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = {"project_id": model_id(project), "task_type_id": model_id(task_type), "episode_id": optional_id(episode)}
    return cast("list[dict[str, Any]]", crud_ops.get_data_tasks(client, params=params))


@cache
def all_tasks_for_entity_and_task_type(
    entity: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None
) -> list[Task]:
    """List the tasks of an entity (asset, shot, ...) that have a given task type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        entity: The entity, as a dict or its id.
        task_type: The task type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.

    Raises:
        InvalidParameterValueException: an argument is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_entities_entity_id_task_types_task_type_id_tasks(
        client,
        entity_id=model_id(entity),
        task_type_id=model_id(task_type),
    )


@cache
def all_tasks_for_person(person: ModelOrId, client: KitsuClient | None = None) -> list[Task]:
    """List the tasks assigned to a person that are not done, in open projects.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, enriched by Zou with entity, project and status fields.

    Raises:
        InvalidParameterValueException: person is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_persons_person_id_tasks(client, person_id=model_id(person))


@cache
def all_done_tasks_for_person(person: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """List the tasks assigned to a person that are done, in open projects.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.

    Raises:
        InvalidParameterValueException: person is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_persons_person_id_done_tasks(client, person_id=model_id(person))


@cache
def all_tasks_for_person_and_type(
    person: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None
) -> list[Json]:
    """List the tasks of a task type on the entities a person has tasks on.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        task_type: The task type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.

    Raises:
        InvalidParameterValueException: an argument is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_persons_person_id_related_tasks_task_type_id(
        client,
        person_id=model_id(person),
        task_type_id=model_id(task_type),
    )


@cache
def all_tasks_for_project(
    project: ModelOrId,
    task_type: ModelOrId | None = None,
    episode: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> list[Json]:
    """List the tasks of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        task_type: Only the tasks of this task type, as a dict or its id; every type when None.
        episode: Only the tasks of this episode, as a dict or its id; every episode when None.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.

    Raises:
        InvalidParameterValueException: an argument is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = {"task_type_id": optional_id(task_type), "episode_id": optional_id(episode)}
    return cast(
        "list[dict[str, Any]]",
        tasks_ops.get_data_projects_project_id_tasks(client, params=params, project_id=model_id(project)),
    )


@cache
def all_open_tasks(client: KitsuClient | None = None) -> Any:
    """Fetch the open tasks of the open projects, as Zou pages them.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        Zou's first page (not a bare list): a dict with the task dicts under ``"data"``, their totals under
        ``"stats"``, and the paging fields ``"page"``, ``"limit"`` and ``"is_more"``.
    """
    client = resolve(client)
    return tasks_ops.get_data_tasks_open_tasks(client)


@cache
def get_open_tasks_stats(client: KitsuClient | None = None) -> Json:
    """Fetch the totals of open tasks, per project, task type and status.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A dict of statistics keyed by project id.
    """
    client = resolve(client)
    return tasks_ops.get_data_tasks_open_tasks_stats(client)


@cache
def get_persons_tasks_dates(client: KitsuClient | None = None) -> Any:
    """Fetch, for each active person, the first start date and the last end date of their tasks.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of dicts, one per person: ``person_id``, ``min_date``, ``max_date`` (None when the person has no
        dated task) and ``busy_periods``.
    """
    client = resolve(client)
    return tasks_ops.get_data_persons_task_dates(client)


# --- single tasks --------------------------------------------------------------------------------


@cache
def get_task_by_entity(
    entity: ModelOrId, task_type: ModelOrId, name: str = "main", client: KitsuClient | None = None
) -> Task | None:
    """Find the task of an entity with a given task type and name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        entity: The entity (asset, shot, ...), as a dict or its id.
        task_type: The task type, as a dict or its id.
        name: The task's name; ``"main"`` by default.
        client: The client to use; the default client when None.

    Returns:
        The matching task dict, or None when the entity has no such task.

    Raises:
        InvalidParameterValueException: entity or task_type is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = {"name": name, "task_type_id": model_id(task_type), "entity_id": model_id(entity)}
    return first_or_none(crud_ops.get_data_tasks(client, params=params))


@cache
def get_task(task_id: ModelOrId, client: KitsuClient | None = None) -> Json:
    """Fetch one task with its relations expanded.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task_id: The task's id (a task dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The task dict, with its entity, task type, task status, assignees and project included as dicts.

    Raises:
        InvalidParameterValueException: task_id is not a UUID; nothing is sent.
        RouteNotFoundException: no task has this id.
    """
    client = resolve(client)
    return tasks_ops.get_data_tasks_task_id_full(client, task_id=model_id(task_id))


@cache
def get_task_url(task: Json, client: KitsuClient | None = None) -> str:
    """Build the address of a task's page in the Kitsu web application.

    No request is sent besides reading the client's host. Cached while the helper cache is enabled.

    Args:
        task: The task dict; it must have ``id`` and ``project_id``.
        client: The client to use (its host gives the address); the default client when None.

    Returns:
        The URL string, ``<kitsu host>/productions/<project id>/shots/tasks/<task id>/``.

    Raises:
        TaskMustBeADictException: task is not a dict.
        InvalidParameterValueException: task lacks ``id`` or ``project_id``, or they are not UUIDs.
    """
    if not isinstance(task, dict):
        raise TaskMustBeADictException("get_task_url needs a task dict (with id and project_id)")
    require_dict(task, "task", "id", "project_id")
    task_id, project_id = model_id(task), model_id(task["project_id"])
    client = resolve(client)
    host = get_api_url_from_host(client=client)
    return f"{host}/productions/{project_id}/shots/tasks/{task_id}/"


def new_task(
    entity: ModelOrId,
    task_type: ModelOrId,
    name: str = "main",
    task_status: ModelOrId | None = None,
    assigner: ModelOrId | None = None,
    assignees: list[ModelOrId] | None = None,
    client: KitsuClient | None = None,
) -> Task:
    """Get or create the task of an entity for a task type.

    When the entity already has a task of this type and name it is returned as it is: the requested status
    and assignees are not applied to it. Otherwise the task is created, with the default task status when
    none is given.

    Args:
        entity: The entity (asset, shot, sequence, ...), as a dict or its id. Its project is read from the
            dict's ``project_id``, or fetched when only an id is given.
        task_type: The task type, as a dict or its id.
        name: The task's name; ``"main"`` by default.
        task_status: The initial status, as a dict or its id; the studio's default status when None.
        assigner: The person who assigns the task, as a dict or its id; none when None.
        assignees: The people assigned, as dicts or ids; nobody when None.
        client: The client to use; the default client when None.

    Returns:
        The created task dict, or the existing one.

    Raises:
        InvalidParameterValueException: an entity, type, status or person is not a dict with an id nor a UUID.
        TaskStatusNotFoundException: task_status is None and the studio has no default task status.
    """
    client = resolve(client)
    entity_id, task_type_id = model_id(entity), model_id(task_type)
    assignee_ids = normalize_list_of_models_for_links(assignees if assignees is not None else [])
    assigner_id = optional_id(assigner)
    existing = get_task_by_entity(entity_id, task_type_id, name, client=client)
    if existing is not None:
        return existing
    if task_status is None:
        task_status = get_default_task_status(client=client)
        if task_status is None:
            raise TaskStatusNotFoundException("no default task status: give task_status")
    project_id = entity.get("project_id") if isinstance(entity, dict) else None
    if not project_id:
        project_id = crud_ops.get_data_entities_instance_id(client, instance_id=entity_id)["project_id"]
    data = {
        "project_id": project_id,
        "entity_id": entity_id,
        "task_type_id": task_type_id,
        "task_status_id": model_id(task_status),
        "assignees": assignee_ids,
        "name": name,
    }
    if assigner_id is not None:
        data["assigner_id"] = assigner_id
    return crud_ops.post_data_tasks(client, json=data)


def create_entity_tasks(
    entity: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create tasks of several task types for an entity in one request.

    Args:
        entity: The entity (asset, shot, edit, concept, ...), as a dict or its id.
        task_types: The task types, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        A list of the entity's task dicts for these types (tasks that already existed are kept, not duplicated).

    Raises:
        InvalidParameterValueException: entity or a task type is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    data = {"task_type_ids": [model_id(task_type) for task_type in task_types]}
    return cast(
        "list[dict[str, Any]]",
        entities_ops.post_data_entities_entity_id_tasks(client, json=data, entity_id=model_id(entity)),
    )


def create_shot_tasks(
    shot: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create tasks of several task types for a shot in one request.

    Args:
        shot: The shot, as a dict or its id.
        task_types: The task types, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        A list of the shot's task dicts for these types.

    Raises:
        InvalidParameterValueException: shot or a task type is not a dict with an id nor a UUID; nothing is sent.
    """
    return create_entity_tasks(shot, task_types, client=client)


def create_asset_tasks(
    asset: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create tasks of several task types for an asset in one request.

    Args:
        asset: The asset, as a dict or its id.
        task_types: The task types, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        A list of the asset's task dicts for these types.

    Raises:
        InvalidParameterValueException: asset or a task type is not a dict with an id nor a UUID; nothing is sent.
    """
    return create_entity_tasks(asset, task_types, client=client)


def create_edit_tasks(
    edit: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create tasks of several task types for an edit in one request.

    Args:
        edit: The edit, as a dict or its id.
        task_types: The task types, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        A list of the edit's task dicts for these types.

    Raises:
        InvalidParameterValueException: edit or a task type is not a dict with an id nor a UUID; nothing is sent.
    """
    return create_entity_tasks(edit, task_types, client=client)


def create_concept_tasks(
    concept: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create tasks of several task types for a concept in one request.

    Args:
        concept: The concept, as a dict or its id.
        task_types: The task types, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        A list of the concept's task dicts for these types.

    Raises:
        InvalidParameterValueException: concept or a task type is not a dict with an id nor a UUID; nothing is sent.
    """
    return create_entity_tasks(concept, task_types, client=client)


def update_task(task: Json, client: KitsuClient | None = None) -> Task:
    """Save the fields of a task dict.

    Assignees may be given as dicts or ids, and dates as ``datetime.date``, ``datetime.datetime`` or ISO
    strings: they are converted to what Zou expects. The ``data`` field, when present, replaces the task's
    custom data whole (use update_task_data to merge).

    Args:
        task: The task dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated task dict.

    Raises:
        InvalidParameterValueException: task is not a dict with a valid ``id``, or a field holds a bad value.
    """
    client = resolve(client)
    task_id = model_id(require_dict(task, "task", "id"))
    return crud_ops.put_data_tasks_instance_id(client, json=task_payload(task), instance_id=task_id)


def update_task_data(task: ModelOrId, data: Json | None = None, client: KitsuClient | None = None) -> Task:
    """Merge values into a task's custom data (its ``data`` field).

    The current data is read fresh from the server first, so keys not given keep their values. The cache of
    get_task is cleared afterwards.

    Args:
        task: The task, as a dict or its id.
        data: The keys and values to set; nothing changes when None.
        client: The client to use; the default client when None.

    Returns:
        The updated task dict.

    Raises:
        InvalidParameterValueException: task is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no task has this id.
    """
    client = resolve(client)
    task_id = model_id(task)
    current = crud_ops.get_data_tasks_instance_id(client, instance_id=task_id)
    merged = {**(current.get("data") or {}), **(data or {})}
    result = update_task({"id": task_id, "data": merged}, client=client)
    get_task.clear_cache()
    return result


def remove_task(task: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a task, with its comments, previews and time spents (always forced, as gazu does).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: task is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return _delete(client, "delete_data_tasks_instance_id", {"force": True}, instance_id=model_id(task))


def remove_tasks_for_type(project: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete every task of a task type in a project.

    Args:
        project: The project, as a dict or its id.
        task_type: The task type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: an argument is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return _delete(
        client,
        "delete_actions_projects_project_id_task_types_task_type_id_delete_tasks",
        project_id=model_id(project),
        task_type_id=model_id(task_type),
    )


def remove_tasks_batch(project: ModelOrId, tasks: Sequence[ModelOrId], client: KitsuClient | None = None) -> Any:
    """Delete several tasks of a project in one request.

    Args:
        project: The project the tasks belong to, as a dict or its id.
        tasks: The tasks to delete, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        Zou's answer: the list of the ids of the deleted tasks (gazu returns the raw response instead).

    Raises:
        InvalidParameterValueException: project or a task is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    task_ids = [model_id(task) for task in tasks]
    return tasks_ops.post_actions_projects_project_id_delete_tasks(client, json=task_ids, project_id=model_id(project))


# --- assignments ---------------------------------------------------------------------------------


def assign_tasks_to_person(tasks: Sequence[ModelOrId], person: ModelOrId, client: KitsuClient | None = None) -> Any:
    """Add a person to the assignees of several tasks (the other assignees stay).

    Task ids Zou does not know are ignored.

    Args:
        tasks: The tasks, as dicts or ids.
        person: The person to assign, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of the updated task dicts.

    Raises:
        InvalidParameterValueException: person or a task is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    data = {"task_ids": [model_id(task) for task in tasks]}
    return tasks_ops.put_actions_persons_person_id_assign(client, json=data, person_id=model_id(person))


def assign_task(task: ModelOrId, person: ModelOrId, client: KitsuClient | None = None) -> Any:
    """Add a person to the assignees of one task (the other assignees stay).

    Args:
        task: The task, as a dict or its id.
        person: The person to assign, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list holding the updated task dict (Zou's assign route answers with a list, here of one task).

    Raises:
        InvalidParameterValueException: task or person is not a dict with an id nor a UUID; nothing is sent.
    """
    return assign_tasks_to_person([task], person, client=client)


def clear_assignations(
    tasks: ModelOrId | list[ModelOrId], person: ModelOrId | None = None, client: KitsuClient | None = None
) -> Any:
    """Remove assignees from one or several tasks.

    Args:
        tasks: A task or a list of tasks, as dicts or ids. An empty list sends nothing.
        person: Only unassign this person, as a dict or its id; everybody is unassigned when None.
        client: The client to use; the default client when None.

    Returns:
        A list of the ids of the tasks changed.

    Raises:
        InvalidParameterValueException: a task or person is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    task_list = tasks if isinstance(tasks, list) else [tasks]
    if not task_list:
        return []
    data: Json = {"task_ids": [model_id(task) for task in task_list]}
    if person is not None:
        data["person_id"] = model_id(person)
    return tasks_ops.put_actions_tasks_clear_assignation(client, json=data)


# --- comments ------------------------------------------------------------------------------------


def add_comment(
    task: ModelOrId,
    task_status: ModelOrId,
    comment: str = "",
    person: ModelOrId | None = None,
    checklist: list[Json] | None = None,
    attachments: list[str] | None = None,
    created_at: DateLike | None = None,
    links: list[str] | None = None,
    for_client: bool = False,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> Json:
    """Post a comment on a task, which also sets the task's status.

    Every comment carries a task status (the task moves to it); the text may be empty. Attachments are
    uploaded in the same request as the comment (multipart), streamed from disk.

    Args:
        task: The task, as a dict or its id.
        task_status: The status to set, as a dict or its id.
        comment: The comment's text; empty by default.
        person: The author, as a dict or its id; the logged-in user when None.
        checklist: Checklist items, e.g. ``[{"text": "Fix the eyes", "checked": False}]``.
        attachments: Local paths of files to attach.
        created_at: The comment's date (date, datetime or ISO string, sent in UTC); now when None.
        links: URLs to add to the comment.
        for_client: Make the comment visible to client users (a manager's right).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while attachments upload.

    Returns:
        The created comment dict (``id``, ``text``, ``task_status_id``, ``person_id``, ``object_id``,
        ``attachment_files``, ...).

    Raises:
        InvalidParameterValueException: an id is invalid or comment is not a string; nothing is sent.
        FileDoesntExistException: an attachment path is not a file; nothing is sent.
    """
    task_id = model_id(task)
    draft = new_comment(task_status, comment, person, checklist, attachments, created_at, links, for_client)
    return post_comment(resolve(client), task_id, draft, progress_callback)


def add_attachment_files_to_comment(
    task: ModelOrId,
    comment: ModelOrId,
    attachments: str | list[str] | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> Any:
    """Upload files as attachments of an existing comment.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        attachments: A local file path or a list of them.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while the files upload.

    Returns:
        A list of the created attachment file dicts.

    Raises:
        InvalidParameterValueException: no attachment is given, or an id is invalid; nothing is sent.
        FileDoesntExistException: a path is not a file; nothing is sent.
    """
    paths = [attachments] if isinstance(attachments, str) else list(attachments or [])
    task_id, comment_id = model_id(task), model_id(comment)
    return post_attachments(resolve(client), task_id, comment_id, paths, progress_callback)


def get_comment(comment_id: str, client: KitsuClient | None = None) -> Comment:
    """Fetch one comment by its id.

    Args:
        comment_id: The comment's id (a comment dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The comment dict.

    Raises:
        InvalidParameterValueException: comment_id is not a UUID; nothing is sent.
        RouteNotFoundException: no comment has this id.
    """
    client = resolve(client)
    return crud_ops.get_data_comments_instance_id(client, instance_id=model_id(comment_id))


def update_comment(comment: Json, client: KitsuClient | None = None) -> Comment:
    """Save the fields of a comment dict (text, checklist, ...).

    Args:
        comment: The comment dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated comment dict.

    Raises:
        InvalidParameterValueException: comment has no valid ``id``; nothing is sent.
    """
    client = resolve(client)
    return crud_ops.put_data_comments_instance_id(client, json=comment, instance_id=model_id(comment))


def remove_comment(comment: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a comment, with what Zou attaches to it (previews, news, notifications).

    Args:
        comment: The comment, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: comment is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return _delete(client, "delete_data_comments_instance_id", instance_id=model_id(comment))


@cache
def all_comments_for_task(task: ModelOrId, client: KitsuClient | None = None) -> list[Comment]:
    """List the comments of a task.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of comment dicts, newest first.

    Raises:
        InvalidParameterValueException: task is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_tasks_task_id_comments(client, task_id=model_id(task))


@cache
def get_last_comment_for_task(task: ModelOrId, client: KitsuClient | None = None) -> Comment | None:
    """Fetch the newest comment of a task.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The newest comment dict, or None when the task has no comment.

    Raises:
        InvalidParameterValueException: task is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return first_or_none(tasks_ops.get_data_tasks_task_id_comments(client, task_id=model_id(task)))


@cache
def all_comments_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Comment]:
    """List the comments posted on the tasks of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of comment dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_projects_project_id_comments(client, project_id=model_id(project))


def acknowledge_comment(task: ModelOrId, comment: ModelOrId, client: KitsuClient | None = None) -> Json:
    """Acknowledge a comment as the current user, or withdraw the acknowledgement if already given.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated comment dict.

    Raises:
        InvalidParameterValueException: task or comment is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return comments_ops.post_data_tasks_task_id_comments_comment_id_ack(
        client,
        json={},
        task_id=model_id(task),
        comment_id=model_id(comment),
    )


def reply_to_comment(
    task: ModelOrId, comment: ModelOrId, text: str, person: ModelOrId | None = None, client: KitsuClient | None = None
) -> Json:
    """Post a reply under a comment.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment to answer, as a dict or its id.
        text: The reply's text.
        person: The reply's author, as a dict or its id; the logged-in user when None.
        client: The client to use; the default client when None.

    Returns:
        The created reply dict.

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    data: Json = {"text": text}
    if person is not None:
        data["person_id"] = model_id(person)
    return comments_ops.post_data_tasks_task_id_comments_comment_id_reply(
        client,
        json=data,
        task_id=model_id(task),
        comment_id=model_id(comment),
    )


def delete_comment_reply(
    task: ModelOrId, comment: ModelOrId, reply: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Delete a reply posted under a comment.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        reply: The reply to delete, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    return _delete(
        client,
        "delete_data_tasks_task_id_comments_comment_id_reply_reply_id",
        task_id=model_id(task),
        comment_id=model_id(comment),
        reply_id=model_id(reply),
    )


def delete_comment_attachment(
    task: ModelOrId, comment: ModelOrId, attachment_file: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Delete a file attached to a comment.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        attachment_file: The attachment file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    return _delete(
        client,
        "delete_data_tasks_task_id_comments_comment_id_attachments_attachment_file_id",
        task_id=model_id(task),
        comment_id=model_id(comment),
        attachment_file_id=model_id(attachment_file),
    )


def move_comment_to_task(
    task: ModelOrId, comment: ModelOrId, target_task: ModelOrId, client: KitsuClient | None = None
) -> Json:
    """Move a comment to another task of the same entity.

    Only production managers and studio admins may do it. Everything the comment carries is kept (creation
    date, text, attached files, mentions, the status it set); Zou rebuilds its news and notifications on the
    target task.

    Args:
        task: The task holding the comment now, as a dict or its id.
        comment: The comment to move, as a dict or its id.
        target_task: The task to move it to, as a dict or its id; it must belong to the same entity.
        client: The client to use; the default client when None.

    Returns:
        The moved comment dict, whose ``object_id`` is now the target task's id.

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
        NotAllowedException: the user is neither a manager nor an admin.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        comments_ops.post_actions_tasks_task_id_comments_comment_id_move(
            client,
            json={"target_task_id": model_id(target_task)},
            task_id=model_id(task),
            comment_id=model_id(comment),
        ),
    )


def batch_comments(
    comments: list[Json] | None = None,
    task: ModelOrId | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> list[Json]:
    """Post several comments, with their attachments and previews, in multipart requests.

    Each comment dict holds ``text`` and ``task_status_id`` (and optionally ``person_id``, ``checklist``,
    ...), plus optional ``attachment_files`` and ``preview_files`` lists of local paths. Comments are sent
    at most ten per request, so every file stays with its comment.

    Args:
        comments: The comment dicts; every one needs a ``task_id`` when task is None.
        task: The task all comments go to, as a dict or its id; None to use each comment's ``task_id``.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while each request uploads.

    Returns:
        A list of the created comment dicts, in the given order.

    Raises:
        InvalidParameterValueException: task is not a dict with an id nor a UUID; nothing is sent.
        FileDoesntExistException: a listed file does not exist.
    """
    task_id = optional_id(task)
    return post_batch_comments(resolve(client), task_id, list(comments or []), progress_callback)


def create_multiple_comments(
    project: ModelOrId,
    comments: list[Json] | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> list[Json]:
    """Post comments on several tasks of a project at once; each one sets its task's status.

    Each entry holds ``task_id``, ``task_status_id``, ``comment`` (or ``text``) and optional ``links``; ids
    may be dicts. Entries with ``attachment_files`` or ``preview_files`` (local paths) are sent through the
    batch route instead, since Zou's comment-many route takes no files.

    Args:
        project: The project, as a dict or its id.
        comments: The comment entries.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while files upload.

    Returns:
        A list of the created comment dicts.

    Raises:
        InvalidParameterValueException: an entry has no task, or an id is invalid; nothing is sent.
        FileDoesntExistException: a listed file does not exist.
    """
    client = resolve(client)
    project_id = model_id(project)
    entries = [many_comment_entry(c) for c in comments or []]
    if attachment_parts(comments or []):
        # Zou 1.0.97's comment-many route reads a JSON list and takes no files: the batch route does.
        return batch_comments(
            [
                {
                    "task_id": entry["object_id"],
                    "task_status_id": entry["task_status_id"],
                    "text": entry["comment"],
                    "links": entry["links"],
                    **{k: v for k, v in original.items() if k in ("attachment_files", "preview_files")},
                }
                for entry, original in zip(entries, comments or [], strict=True)
            ],
            client=client,
            progress_callback=progress_callback,
        )
    return comments_ops.post_actions_projects_project_id_tasks_comment_many(client, json=entries, project_id=project_id)


def add_tasks_batch_comments(
    tasks: list[ModelOrId], comments_data: Json, client: KitsuClient | None = None
) -> list[Json]:
    """Post the same comment on several tasks in one request.

    Args:
        tasks: The tasks, as dicts or ids.
        comments_data: The comment's fields, applied to every task: at least ``text``, ``task_status_id``
            and ``person_id``.
        client: The client to use; the default client when None.

    Returns:
        A list of the created comment dicts, one per task.

    Raises:
        InvalidParameterValueException: a task is not a dict with an id nor a UUID; nothing is sent.
    """
    task_ids = [model_id(task) for task in tasks]
    return post_same_comment(resolve(client), task_ids, comments_data)


def start_task(
    task: ModelOrId,
    started_task_status: ModelOrId | None = None,
    person: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> Json:
    """Start a task: post a comment moving it to the started status, which also sets its real start date.

    Args:
        task: The task, as a dict or its id.
        started_task_status: The status to set, as a dict or its id; the ``"wip"`` status when None.
        person: The comment's author, as a dict or its id; the logged-in user when None.
        client: The client to use; the default client when None.

    Returns:
        The created comment dict.

    Raises:
        TaskStatusNotFoundException: started_task_status is None and no status has the short name ``"wip"``.
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    if started_task_status is None:
        started_task_status = get_task_status_by_short_name("wip", client=client)
        if started_task_status is None:
            raise TaskStatusNotFoundException(
                "started_task_status is None: the 'wip' task status does not exist. Create it or give "
                "started_task_status."
            )
    return add_comment(task, started_task_status, person=person, client=client)


@deprecated("task.task_to_review", "task.add_comment", "1.1.13")
def task_to_review(
    task: ModelOrId,
    person: ModelOrId,
    comment: str,
    revision: int = 1,
    change_status: bool = True,
    client: KitsuClient | None = None,
) -> Task:
    """Deprecated in gazu 1.1.13: send a task to review by commenting it (use add_comment).

    The comment is posted as person with the ``"wfa"`` (waiting for approval) status, or with the task's
    current status when change_status is False. Calling it emits a DeprecationWarning.

    Args:
        task: The task, as a dict or its id.
        person: The comment's author, as a dict or its id.
        comment: The comment's text.
        revision: Kept for gazu's signature; not used.
        change_status: Move the task to ``"wfa"``; keep its current status when False.
        client: The client to use; the default client when None.

    Returns:
        The task dict, read again after the comment.

    Raises:
        InvalidParameterValueException: comment is not a string or an id is invalid; nothing is sent.
        TaskStatusNotFoundException: change_status is True and no status has the short name ``"wfa"``.
    """
    client = resolve(client)
    task_id = model_id(task)
    require_str(comment, "comment")  # before the status look-up: nothing is sent for a comment that is not text
    status: ModelOrId | None
    if change_status:
        status = get_task_status_by_short_name("wfa", client=client)
        if status is None:
            raise TaskStatusNotFoundException("the 'wfa' (waiting for approval) task status does not exist")
    else:
        status = str(crud_ops.get_data_tasks_instance_id(client, instance_id=task_id)["task_status_id"])
    add_comment(task_id, status, comment, person=person, client=client)
    return crud_ops.get_data_tasks_instance_id(client, instance_id=task_id)


# --- project feeds -------------------------------------------------------------------------------


@cache
def all_notifications_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """List the notifications of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of notification dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        tasks_ops.get_data_projects_project_id_notifications(client, project_id=model_id(project)),
    )


@cache
def all_subscriptions_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Subscription]:
    """List the subscriptions of people to the tasks of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of subscription dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_data_projects_project_id_subscriptions(client, project_id=model_id(project))


# --- time spents ---------------------------------------------------------------------------------


@cache
def get_time_spent(task: ModelOrId, date: DateLike | None = None, client: KitsuClient | None = None) -> Json:
    """Fetch the time people spent on a task, in total or on one day.

    Durations are in minutes. Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        date: Only this day (date, datetime or ``"YYYY-MM-DD"``); every day when None.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each person id to the list of their time spent dicts, with the sum of the durations
        under ``"total"``.

    Raises:
        InvalidParameterValueException: task is invalid or date is not a date; nothing is sent.
    """
    client = resolve(client)
    task_id = model_id(task)
    if date is None:
        return tasks_ops.get_actions_tasks_task_id_time_spents(client, task_id=task_id)
    return tasks_ops.get_actions_tasks_task_id_time_spents_date(client, task_id=task_id, date=day_string(date))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_task_time_spent_for_date(task: ModelOrId, date: DateLike, client: KitsuClient | None = None) -> Json:
    """Fetch the time people spent on a task on one day.

    Durations are in minutes. Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        date: The day (date, datetime or ``"YYYY-MM-DD"``).
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each person id to the list of their time spent dicts, with the sum of the durations
        under ``"total"``.

    Raises:
        InvalidParameterValueException: task is invalid or date is not a date; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.get_actions_tasks_task_id_time_spents_date(client, task_id=model_id(task), date=day_string(date))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def set_time_spent(
    task: ModelOrId, person: ModelOrId, date: DateLike, duration: int, client: KitsuClient | None = None
) -> Json:
    """Set the time a person spent on a task on one day, replacing what was logged.

    Args:
        task: The task, as a dict or its id.
        person: The person who spent the time, as a dict or its id.
        date: The day (date, datetime or ``"YYYY-MM-DD"``).
        duration: The time spent, in minutes.
        client: The client to use; the default client when None.

    Returns:
        The time spent dict (``task_id``, ``person_id``, ``date``, ``duration``, ...).

    Raises:
        InvalidParameterValueException: an id is invalid or date is not a date; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.post_actions_tasks_task_id_time_spents_date_persons_person_id(
        client,
        json={"duration": duration},
        task_id=model_id(task),
        date=day_string(date),
        person_id=model_id(person),
    )


def add_time_spent(
    task: ModelOrId, person: ModelOrId, date: DateLike, duration: int, client: KitsuClient | None = None
) -> Json:
    """Add minutes to the time a person logged on a task on one day.

    Args:
        task: The task, as a dict or its id.
        person: The person who spent the time, as a dict or its id.
        date: The day (date, datetime or ``"YYYY-MM-DD"``).
        duration: The minutes to add.
        client: The client to use; the default client when None.

    Returns:
        The updated time spent dict.

    Raises:
        InvalidParameterValueException: an id is invalid or date is not a date; nothing is sent.
    """
    client = resolve(client)
    return tasks_ops.post_actions_tasks_task_id_time_spents_date_persons_person_id_add(
        client,
        json={"duration": duration},
        task_id=model_id(task),
        date=day_string(date),
        person_id=model_id(person),
    )


def remove_time_spent(time_spent: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete one time spent record.

    Args:
        time_spent: The time spent entry, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: time_spent is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return _delete(client, "delete_data_time_spents_instance_id", instance_id=model_id(time_spent))


if TYPE_CHECKING:
    from kitsu_api.entities import Comment, Subscription, Task, TaskStatus, TaskType

# --- names older gazu releases had (removed by gazu 1.3.1): kept for old pipeline code -------------


@deprecated("task.get_task_by_name", "task.get_task_by_entity", "1.0.1")
def get_task_by_name(
    entity: ModelOrId, task_type: ModelOrId, name: str = "main", client: KitsuClient | None = None
) -> Task | None:
    """Deprecated (gazu 1.0.1 and older): find an entity's task by type and name; use get_task_by_entity.

    Calling it emits a DeprecationWarning.

    Args:
        entity: The entity, as a dict or its id.
        task_type: The task type, as a dict or its id.
        name: The task's name; ``"main"`` by default.
        client: The client to use; the default client when None.

    Returns:
        The matching task dict, or None.
    """
    return get_task_by_entity(entity, task_type, name=name, client=client)


@deprecated("task.get_task_by_path", "files.guess_from_path and task.get_task_by_entity", "1.1.13")
def get_task_by_path(
    project: ModelOrId, file_path: str, entity_type: str = "shot", client: KitsuClient | None = None
) -> Task | None:
    """Deprecated (gazu 1.1.13 and older): find the task a file path names, through the project's file tree.

    Use files.guess_from_path and get_task_by_entity instead. Calling it emits a DeprecationWarning.

    Args:
        project: The project whose file tree is used, as a dict or its id.
        file_path: The file path to read.
        entity_type: The kind of entity the path names (``"shot"``, ``"asset"``, ``"scene"``, ``"sequence"``
            or ``"episode"``).
        client: The client to use; the default client when None.

    Returns:
        The task dict (relations expanded, as get_task gives), or None when the path names no task.
    """
    from ._file_paths import guess_from_path

    client = resolve(client)
    token = {"shot": "Shot", "asset": "Asset", "scene": "Scene", "sequence": "Sequence", "episode": "Episode"}.get(
        entity_type.lower(), entity_type.capitalize()
    )
    for guess in guess_from_path(model_id(project), file_path, client=client):
        if guess.get("Task"):
            return cast("Task", get_task(guess["Task"], client=client))
        if guess.get(token) and guess.get("TaskType"):
            task = get_task_by_entity(guess[token], guess["TaskType"], client=client)
            if task is not None:
                return task
    return None


@deprecated("task.all_open_tasks_for_person", "task.all_tasks_for_person", "1.1.13")
def all_open_tasks_for_person(person: ModelOrId, client: KitsuClient | None = None) -> list[Task]:
    """Deprecated (gazu 1.1.13 and older): list a person's unfinished tasks in open projects.

    Use all_tasks_for_person instead. Calling it emits a DeprecationWarning.

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    return all_tasks_for_person(person, client=client)


@deprecated("task.add_preview_to_comment", "task.create_extra_preview", "1.1.13")
def add_preview_to_comment(comment: ModelOrId, preview_file: ModelOrId, client: KitsuClient | None = None) -> Json:
    """Deprecated (gazu 1.1.13 and older): add a preview file to a comment; use create_extra_preview.

    The new preview takes preview_file's revision; its content is then uploaded with upload_preview_file.
    Calling it emits a DeprecationWarning.

    Args:
        comment: The comment, as a dict (with ``object_id``) or its id.
        preview_file: The preview file whose revision is reused, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The created preview file dict.
    """
    client = resolve(client)
    if not isinstance(comment, dict) or not comment.get("object_id"):
        comment = get_comment(model_id(comment), client=client)
    return create_extra_preview(comment["object_id"], comment, preview_file, client=client)


@deprecated("task.publish_comments_previews", "task.batch_comments", "0.10.22")
def publish_comments_previews(
    task: ModelOrId,
    comments: list[Json] = [],  # noqa: B006 - gazu 0.10.22's signature; never mutated
    client: KitsuClient | None = None,
) -> list[Json]:
    """Deprecated (gazu 0.10.22): post comments with their files on a task; use batch_comments.

    Calling it emits a DeprecationWarning.

    Args:
        task: The task, as a dict or its id.
        comments: The comment dicts, as batch_comments takes them.
        client: The client to use; the default client when None.

    Returns:
        A list of the created comment dicts.
    """
    return batch_comments(list(comments), task=task, client=client)
