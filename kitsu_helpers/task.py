"""gazu's `task` module: task types, task statuses, tasks, assignments, comments, checklists, time spents.

Preview helpers (add_preview, publish_preview, ...) live in another module and are re-exported here later.
"""

from __future__ import annotations

import datetime
import json
import os
import string
from collections.abc import Callable, Sequence
from typing import Any, cast

from kitsu_api.calls import (
    comments as comments_ops,
    crud as crud_ops,
    entities as entities_ops,
    projects as projects_ops,
    tasks as tasks_ops,
)

from ._deprecated import deprecated
from ._shared import first_named
from .cache import cache
from .client import KitsuClient, get_api_url_from_host, resolve, upload
from .errors import (
    FileDoesntExistException,
    InvalidParameterValueException,
    TaskMustBeADictException,
    TaskStatusNotFoundException,
)
from .helpers import (
    ModelOrId,
    model_id,
    normalize_list_of_models_for_links,
    optional_id,
    parse_date,
    require_dict,
    require_str,
    to_date_string,
)
from .sorting import sort_by_name

Json = dict[str, Any]
DateLike = datetime.date | datetime.datetime | str
ProgressCallback = Callable[[int, int], Any] | None

# Task fields holding a day (sent as YYYY-MM-DD) and the ones holding a moment (sent with the time).
TASK_DATE_FIELDS = ("start_date", "due_date")
TASK_DATETIME_FIELDS = ("real_start_date", "end_date", "done_date", "last_comment_date")
BATCH_SIZE = 10


# --- pure helpers --------------------------------------------------------------------------------


def utc_moment(value: DateLike) -> datetime.datetime:
    """Return a moment (date, datetime or date string) as a naive UTC datetime, the way Zou stores them."""
    if isinstance(value, str):
        value = parse_date(value)
    if not isinstance(value, datetime.date):
        raise InvalidParameterValueException(f"expected a date, datetime or ISO string, not {type(value).__name__}")
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def comment_datetime(value: DateLike | None) -> str | None:
    """Return a comment creation date as Zou parses it ("YYYY-MM-DD HH:MM:SS", UTC), None stays None."""
    return None if value is None else utc_moment(value).strftime("%Y-%m-%d %H:%M:%S")


def day_string(value: DateLike) -> str:
    """Return a day (date, datetime or ISO string) as "YYYY-MM-DD"; TypeError for None or anything else."""
    if value is None:
        raise InvalidParameterValueException("a date is required (date, datetime or 'YYYY-MM-DD')")
    text = to_date_string(value)
    assert text is not None
    return text


def task_payload(task: Json) -> Json:
    """Return a task dict ready for Zou: assignees as ids, schedule dates as Zou's date strings."""
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


def attachment_parts(comments: list[Json]) -> list[tuple[str, str]]:
    """Return (form field, file path) of every attachment and preview file of a list of batch comments."""
    parts = []
    for index, comment in enumerate(comments):
        for kind in ("attachment_files", "preview_files"):
            for position, path in enumerate(comment.get(kind) or []):
                parts.append((f"{kind[:-1]}-{index}-{position}", str(path)))
    return parts


def comments_without_files(comments: list[Json]) -> list[Json]:
    """Return batch comments without their local file lists (those go in the multipart body)."""
    return [{k: v for k, v in c.items() if k not in ("attachment_files", "preview_files")} for c in comments]


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """Return items cut into consecutive lists of at most size entries."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def many_comment_entry(comment: Json) -> Json:
    """Return a comment given as gazu documents it ("task_id", "text" or "comment") as Zou's comment-many
    entry ("object_id", "comment")."""
    require_dict(comment, "comment")
    task = comment.get("task_id") or comment.get("object_id")
    if task is None:
        raise InvalidParameterValueException(f"a comment needs a task_id: {comment!r}")
    return {
        "object_id": model_id(task),
        "task_status_id": model_id(comment["task_status_id"]),
        "comment": comment.get("comment", comment.get("text", "")),
        "links": list(comment.get("links") or []),
    }


def validate_color(color: str) -> str:
    """Return color if it is '#' followed by hexadecimal digits, else raise ValueError."""
    if not color or color[0] != "#":
        raise InvalidParameterValueException("Color must start with '#', e.g. '#00FF00'")
    if len(color) < 2 or not all(c in string.hexdigits for c in color[1:]):
        raise InvalidParameterValueException("Color must be a valid hexadecimal string, e.g. '#00FF00'")
    return color


def _delete(client: KitsuClient, operation: str, params: dict[str, Any] | None = None, **path: Any) -> str:
    """Send a DELETE operation and return the answer's text, as gazu's raw.delete does."""
    return str(client.call(operation, params=params, raw=True, **path).text)


def _first(entries: list[Json] | None) -> Json | None:
    """Return the first entry of a list answer, or None."""
    return entries[0] if entries else None


def _upload_multipart(
    client: KitsuClient,
    url: str,
    parts: list[tuple[str, str]],
    data: dict[str, Any] | None,
    progress_callback: ProgressCallback,
) -> Any:
    """Upload local files under the given form fields together with form data; return the JSON answer."""
    handles = []
    try:
        files: dict[str, Any] = {}
        for field, path in parts:
            if not os.path.isfile(path):
                raise FileDoesntExistException(f"{path}: no such file")
            handle = open(path, "rb")  # noqa: SIM115 - closed in finally
            handles.append(handle)
            files[field] = (os.path.basename(path), handle)
        return upload(url, data=data, files=files, client=client, progress_callback=progress_callback)
    finally:
        for handle in handles:
            handle.close()


# --- task types and statuses ---------------------------------------------------------------------


@cache
def all_task_statuses(client: KitsuClient | None = None) -> list[Json]:
    """Return every task status, sorted by name."""
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_task_status(client))


@cache
def all_task_types(client: KitsuClient | None = None) -> list[Json]:
    """Return every task type, sorted by name."""
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_task_types(client))


@cache
def all_task_types_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of a project, sorted by name."""
    client = resolve(client)
    project_id = model_id(project)
    return sort_by_name(projects_ops.get_data_projects_project_id_task_types(client, project_id=project_id))


@cache
def all_task_statuses_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task statuses of a project, sorted by name."""
    client = resolve(client)
    project_id = model_id(project)
    return sort_by_name(projects_ops.get_data_projects_project_id_settings_task_status(client, project_id=project_id))


def _task_types_for(client: KitsuClient | None, operation: str, **path: ModelOrId) -> list[Json]:
    """Return the task types listed by an entity route, sorted by name."""
    client = resolve(client)
    ids: dict[str, Any] = {name: model_id(value) for name, value in path.items()}
    return sort_by_name(client.call(operation, **ids))


@cache
def all_task_types_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of the tasks of a shot, sorted by name."""
    return _task_types_for(client, "get_data_shots_shot_id_task_types", shot_id=shot)


@cache
def all_task_types_for_concept(concept: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of the tasks of a concept, sorted by name."""
    return _task_types_for(client, "get_data_concepts_concept_id_task_types", concept_id=concept)


@cache
def all_task_types_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of the tasks of an asset, sorted by name."""
    return _task_types_for(client, "get_data_assets_asset_id_task_types", asset_id=asset)


@cache
def all_task_types_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of the tasks of a scene, sorted by name."""
    return _task_types_for(client, "get_data_scenes_scene_id_task_types", scene_id=scene)


@cache
def all_task_types_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of the tasks of a sequence, sorted by name."""
    return _task_types_for(client, "get_data_sequences_sequence_id_task_types", sequence_id=sequence)


@cache
def all_task_types_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task types of the tasks of an episode, sorted by name."""
    return _task_types_for(client, "get_data_episodes_episode_id_task_types", episode_id=episode)


@cache
def get_task_type(task_type_id: str, client: KitsuClient | None = None) -> Json:
    """Return a task type by id."""
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
) -> Json | None:
    """Return the task type with this name (optionally for an entity type and department), or None."""
    client = resolve(client)
    params = _task_type_filter("name", task_type_name, for_entity, department)
    return _first(crud_ops.get_data_task_types(client, params=params))


@cache
def get_task_type_by_short_name(
    task_type_short_name: str,
    for_entity: str | None = None,
    department: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> Json | None:
    """Return the task type with this short name (optionally for an entity type and department), or None."""
    client = resolve(client)
    params = _task_type_filter("short_name", task_type_short_name, for_entity, department)
    return _first(crud_ops.get_data_task_types(client, params=params))


@cache
def get_default_task_status(client: KitsuClient | None = None) -> Json | None:
    """Return the default task status (the one new tasks get), or None."""
    client = resolve(client)
    return _first(crud_ops.get_data_task_status(client, params={"is_default": True}))


@cache
def get_task_status(task_status_id: str, client: KitsuClient | None = None) -> Json:
    """Return a task status by id."""
    client = resolve(client)
    return crud_ops.get_data_task_status_instance_id(client, instance_id=model_id(task_status_id))


@cache
def get_task_status_by_name(name: str, client: KitsuClient | None = None) -> Json | None:
    """Return the task status with this name, or None."""
    client = resolve(client)
    return first_named(client, "get_data_task_status", {"name": name})


@cache
def get_task_status_by_short_name(task_status_short_name: str, client: KitsuClient | None = None) -> Json | None:
    """Return the task status with this short name, or None."""
    client = resolve(client)
    params = {"short_name": task_status_short_name}
    return _first(crud_ops.get_data_task_status(client, params=params))


def new_task_type(
    name: str, color: str = "#000000", for_entity: str = "Asset", client: KitsuClient | None = None
) -> Json:
    """Return the task type with this name for this entity type, created when missing."""
    client = resolve(client)
    existing = get_task_type_by_name(name, for_entity, client=client)
    if existing is not None:
        return existing
    data = {"name": name, "color": color, "for_entity": for_entity}
    return crud_ops.post_data_task_types(client, json=data)


def new_task_status(name: str, short_name: str, color: str, client: KitsuClient | None = None) -> Json:
    """Create a task status (color '#RRGGBB'); return it."""
    client = resolve(client)
    data = {"name": name, "short_name": short_name, "color": validate_color(color)}
    return crud_ops.post_data_task_status(client, json=data)


def update_task_type(task_type: Json, client: KitsuClient | None = None) -> Json:
    """Save a task type dict; return the updated task type."""
    client = resolve(client)
    return crud_ops.put_data_task_types_instance_id(client, json=task_type, instance_id=model_id(task_type))


def update_task_status(task_status: Json, client: KitsuClient | None = None) -> Json:
    """Save a task status dict; return the updated task status."""
    client = resolve(client)
    return crud_ops.put_data_task_status_instance_id(client, json=task_status, instance_id=model_id(task_status))


def remove_task_type(task_type: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a task type (force also deletes its tasks); return the server's answer text."""
    client = resolve(client)
    params = {"force": True} if force else None
    return _delete(client, "delete_data_task_types_instance_id", params, instance_id=model_id(task_type))


def remove_task_status(task_status: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a task status (forced); return the server's answer text."""
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
    """Return the tasks of a shot, sorted by name."""
    return _tasks_for(client, "get_data_shots_shot_id_tasks", relations, shot_id=shot)


@cache
def all_tasks_for_concept(concept: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """Return the tasks of a concept, sorted by name."""
    return _tasks_for(client, "get_data_concepts_concept_id_tasks", relations, concept_id=concept)


@cache
def all_tasks_for_edit(edit: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """Return the tasks of an edit, sorted by name."""
    return _tasks_for(client, "get_data_edits_edit_id_tasks", relations, edit_id=edit)


@cache
def all_tasks_for_sequence(
    sequence: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of a sequence itself, sorted by name."""
    return _tasks_for(client, "get_data_sequences_sequence_id_tasks", relations, sequence_id=sequence)


@cache
def all_tasks_for_scene(scene: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """Return the tasks of a scene, sorted by name."""
    return _tasks_for(client, "get_data_scenes_scene_id_tasks", relations, scene_id=scene)


@cache
def all_tasks_for_asset(asset: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """Return the tasks of an asset, sorted by name."""
    return _tasks_for(client, "get_data_assets_asset_id_tasks", relations, asset_id=asset)


@cache
def all_tasks_for_episode(episode: ModelOrId, relations: bool = False, client: KitsuClient | None = None) -> list[Json]:
    """Return the tasks of an episode itself, sorted by name."""
    return _tasks_for(client, "get_data_episodes_episode_id_tasks", relations, episode_id=episode)


@cache
def all_shot_tasks_for_sequence(
    sequence: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of the shots of a sequence, sorted by name."""
    return _tasks_for(client, "get_data_sequences_sequence_id_shot_tasks", relations, sequence_id=sequence)


@cache
def all_shot_tasks_for_episode(
    episode: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of the shots of an episode, sorted by name."""
    return _tasks_for(client, "get_data_episodes_episode_id_shot_tasks", relations, episode_id=episode)


@cache
def all_assets_tasks_for_episode(
    episode: ModelOrId, relations: bool = False, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of the assets of an episode, sorted by name."""
    return _tasks_for(client, "get_data_episodes_episode_id_asset_tasks", relations, episode_id=episode)


@cache
def all_tasks_for_task_status(
    project: ModelOrId, task_type: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of a project with this task type and this task status."""
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
    """Return the tasks of a project with this task type (optionally in one episode)."""
    client = resolve(client)
    params = {"project_id": model_id(project), "task_type_id": model_id(task_type), "episode_id": optional_id(episode)}
    return cast("list[dict[str, Any]]", crud_ops.get_data_tasks(client, params=params))


@cache
def all_tasks_for_entity_and_task_type(
    entity: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of an entity with this task type."""
    client = resolve(client)
    return tasks_ops.get_data_entities_entity_id_task_types_task_type_id_tasks(
        client,
        entity_id=model_id(entity),
        task_type_id=model_id(task_type),
    )


@cache
def all_tasks_for_person(person: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the open tasks assigned to a person."""
    client = resolve(client)
    return tasks_ops.get_data_persons_person_id_tasks(client, person_id=model_id(person))


@cache
def all_done_tasks_for_person(person: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the done tasks assigned to a person."""
    client = resolve(client)
    return tasks_ops.get_data_persons_person_id_done_tasks(client, person_id=model_id(person))


@cache
def all_tasks_for_person_and_type(
    person: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None
) -> list[Json]:
    """Return the tasks of this type on the entities a person works on."""
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
    """Return the tasks of a project (optionally of one task type and one episode)."""
    client = resolve(client)
    params = {"task_type_id": optional_id(task_type), "episode_id": optional_id(episode)}
    return cast(
        "list[dict[str, Any]]",
        tasks_ops.get_data_projects_project_id_tasks(client, params=params, project_id=model_id(project)),
    )


@cache
def all_open_tasks(client: KitsuClient | None = None) -> Any:
    """Return the open tasks of open projects as Zou pages them ({"data": [...], "stats": ...})."""
    client = resolve(client)
    return tasks_ops.get_data_tasks_open_tasks(client)


@cache
def get_open_tasks_stats(client: KitsuClient | None = None) -> Json:
    """Return the statistics of open tasks per project, task type and status."""
    client = resolve(client)
    return tasks_ops.get_data_tasks_open_tasks_stats(client)


@cache
def get_persons_tasks_dates(client: KitsuClient | None = None) -> Any:
    """Return, per person, the first start date and last end date of their tasks."""
    client = resolve(client)
    return tasks_ops.get_data_persons_task_dates(client)


# --- single tasks --------------------------------------------------------------------------------


@cache
def get_task_by_entity(
    entity: ModelOrId, task_type: ModelOrId, name: str = "main", client: KitsuClient | None = None
) -> Json | None:
    """Return the task of an entity with this task type and name, or None."""
    client = resolve(client)
    params = {"name": name, "task_type_id": model_id(task_type), "entity_id": model_id(entity)}
    return _first(crud_ops.get_data_tasks(client, params=params))


@cache
def get_task(task_id: ModelOrId, client: KitsuClient | None = None) -> Json:
    """Return a task with its relations expanded (entity, type, status, assignees, project...)."""
    client = resolve(client)
    return tasks_ops.get_data_tasks_task_id_full(client, task_id=model_id(task_id))


@cache
def get_task_url(task: Json, client: KitsuClient | None = None) -> str:
    """Return the Kitsu web page of a task dict."""
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
) -> Json:
    """Return the entity's task of this type and name, created (with status and assignees) when missing."""
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
    """Create the tasks of these task types for an entity (existing ones are kept); return them."""
    client = resolve(client)
    data = {"task_type_ids": [model_id(task_type) for task_type in task_types]}
    return cast(
        "list[dict[str, Any]]",
        entities_ops.post_data_entities_entity_id_tasks(client, json=data, entity_id=model_id(entity)),
    )


def create_shot_tasks(
    shot: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create the tasks of these task types for a shot; return them."""
    return create_entity_tasks(shot, task_types, client=client)


def create_asset_tasks(
    asset: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create the tasks of these task types for an asset; return them."""
    return create_entity_tasks(asset, task_types, client=client)


def create_edit_tasks(
    edit: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create the tasks of these task types for an edit; return them."""
    return create_entity_tasks(edit, task_types, client=client)


def create_concept_tasks(
    concept: ModelOrId, task_types: Sequence[ModelOrId], client: KitsuClient | None = None
) -> list[Json]:
    """Create the tasks of these task types for a concept; return them."""
    return create_entity_tasks(concept, task_types, client=client)


def update_task(task: Json, client: KitsuClient | None = None) -> Json:
    """Save a task dict (assignees as dicts or ids, dates as date/datetime/ISO strings); return the task."""
    client = resolve(client)
    task_id = model_id(require_dict(task, "task", "id"))
    return crud_ops.put_data_tasks_instance_id(client, json=task_payload(task), instance_id=task_id)


def update_task_data(task: ModelOrId, data: Json | None = None, client: KitsuClient | None = None) -> Json:
    """Merge data into the task's custom data (read fresh from the server); return the updated task."""
    client = resolve(client)
    task_id = model_id(task)
    current = crud_ops.get_data_tasks_instance_id(client, instance_id=task_id)
    merged = {**(current.get("data") or {}), **(data or {})}
    result = update_task({"id": task_id, "data": merged}, client=client)
    get_task.clear_cache()  # type: ignore[attr-defined]
    return result


def remove_task(task: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a task and what depends on it; return the server's answer text."""
    client = resolve(client)
    return _delete(client, "delete_data_tasks_instance_id", {"force": True}, instance_id=model_id(task))


def remove_tasks_for_type(project: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete every task of a task type in a project; return the server's answer text."""
    client = resolve(client)
    return _delete(
        client,
        "delete_actions_projects_project_id_task_types_task_type_id_delete_tasks",
        project_id=model_id(project),
        task_type_id=model_id(task_type),
    )


def remove_tasks_batch(project: ModelOrId, tasks: Sequence[ModelOrId], client: KitsuClient | None = None) -> Any:
    """Delete several tasks of a project at once; return the server's answer."""
    client = resolve(client)
    task_ids = [model_id(task) for task in tasks]
    return tasks_ops.post_actions_projects_project_id_delete_tasks(client, json=task_ids, project_id=model_id(project))


# --- assignments ---------------------------------------------------------------------------------


def assign_tasks_to_person(tasks: Sequence[ModelOrId], person: ModelOrId, client: KitsuClient | None = None) -> Any:
    """Add a person to the assignees of several tasks; return the updated tasks."""
    client = resolve(client)
    data = {"task_ids": [model_id(task) for task in tasks]}
    return tasks_ops.put_actions_persons_person_id_assign(client, json=data, person_id=model_id(person))


def assign_task(task: ModelOrId, person: ModelOrId, client: KitsuClient | None = None) -> Any:
    """Add a person to a task's assignees (the others stay); return the updated tasks (a list of one)."""
    return assign_tasks_to_person([task], person, client=client)


def clear_assignations(
    tasks: ModelOrId | list[ModelOrId], person: ModelOrId | None = None, client: KitsuClient | None = None
) -> Any:
    """Unassign a person (everybody when None) from tasks; return the ids of the tasks changed."""
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
    progress_callback: ProgressCallback = None,
) -> Json:
    """Comment a task, setting its status (attachments are uploaded with the comment); return the comment."""
    client = resolve(client)
    task_id = model_id(task)
    data: Json = {
        "task_status_id": model_id(task_status),
        "comment": require_str(comment, "comment"),
        "checklist": list(checklist or []),
        "links": list(links or []),
        "for_client": for_client,
    }
    if person is not None:
        data["person_id"] = model_id(person)
    if created_at is not None:
        data["created_at"] = comment_datetime(created_at)
    if not attachments:
        return comments_ops.post_actions_tasks_task_id_comment(client, json=data, task_id=task_id)
    form = {
        **data,
        "checklist": json.dumps(data["checklist"]),
        "links": json.dumps(data["links"]),
        "for_client": "true" if for_client else "false",
    }
    parts = [("file" if i == 0 else f"file-{i}", str(p)) for i, p in enumerate(attachments)]
    url = client.url_of("post_actions_tasks_task_id_comment", task_id=task_id)
    return cast("dict[str, Any]", _upload_multipart(client, url, parts, form, progress_callback))


def add_attachment_files_to_comment(
    task: ModelOrId,
    comment: ModelOrId,
    attachments: str | list[str] | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback = None,
) -> Any:
    """Upload files as attachments of an existing comment; return the comment's attachment files."""
    client = resolve(client)
    paths = [attachments] if isinstance(attachments, str) else list(attachments or [])
    if not paths:
        raise InvalidParameterValueException("The attachments list is empty")
    task_id, comment_id = model_id(task), model_id(comment)
    url = client.url_of(
        "post_actions_tasks_task_id_comments_comment_id_add_attachment", task_id=task_id, comment_id=comment_id
    )
    parts = [("file" if i == 0 else f"file-{i}", str(p)) for i, p in enumerate(paths)]
    return _upload_multipart(client, url, parts, None, progress_callback)


def get_comment(comment_id: str, client: KitsuClient | None = None) -> Json:
    """Return a comment by id."""
    client = resolve(client)
    return crud_ops.get_data_comments_instance_id(client, instance_id=model_id(comment_id))


def update_comment(comment: Json, client: KitsuClient | None = None) -> Json:
    """Save a comment dict (text, checklist...); return the updated comment."""
    client = resolve(client)
    return crud_ops.put_data_comments_instance_id(client, json=comment, instance_id=model_id(comment))


def remove_comment(comment: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a comment; return the server's answer text."""
    client = resolve(client)
    return _delete(client, "delete_data_comments_instance_id", instance_id=model_id(comment))


@cache
def all_comments_for_task(task: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the comments of a task, newest first."""
    client = resolve(client)
    return tasks_ops.get_data_tasks_task_id_comments(client, task_id=model_id(task))


@cache
def get_last_comment_for_task(task: ModelOrId, client: KitsuClient | None = None) -> Json | None:
    """Return the newest comment of a task, or None."""
    client = resolve(client)
    return _first(tasks_ops.get_data_tasks_task_id_comments(client, task_id=model_id(task)))


@cache
def all_comments_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the comments of every task of a project."""
    client = resolve(client)
    return tasks_ops.get_data_projects_project_id_comments(client, project_id=model_id(project))


def acknowledge_comment(task: ModelOrId, comment: ModelOrId, client: KitsuClient | None = None) -> Json:
    """Toggle the current user's acknowledgement of a comment; return the comment."""
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
    """Reply to a comment; return the reply."""
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
    """Delete a reply of a comment; return the server's answer text."""
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
    """Delete an attachment of a comment; return the server's answer text."""
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
    """Move a comment to another task of the same entity; return the moved comment."""
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
    progress_callback: ProgressCallback = None,
) -> list[Json]:
    """Post several comments (each with "text", "task_status_id", optional "attachment_files" and
    "preview_files" paths; "task_id" when no task is given); return the created comments in order."""
    client = resolve(client)
    comments = list(comments or [])
    task_id = optional_id(task)
    if task_id is not None:
        url = client.url_of("post_actions_tasks_task_id_batch_comment", task_id=task_id)
    else:
        url = client.url_of("post_actions_tasks_batch_comment")
    created: list[Json] = []
    # Zou matches files to comments by a prefix of the form field ("attachment_file-1" also matches
    # "attachment_file-10-0"): at most BATCH_SIZE comments per request keeps every file on its comment.
    for group in chunks(comments, BATCH_SIZE) if comments else [[]]:
        form = {"comments": json.dumps(comments_without_files(group))}
        created.extend(_upload_multipart(client, url, attachment_parts(group), form, progress_callback) or [])
    return created


def create_multiple_comments(
    project: ModelOrId,
    comments: list[Json] | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback = None,
) -> list[Json]:
    """Comment several tasks of a project at once (each entry: "task_id", "task_status_id", "comment" or
    "text", optional "links", "attachment_files", "preview_files"); return the created comments."""
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
    """Post the same comment ("text", "task_status_id", ...) on several tasks; return the created comments."""
    client = resolve(client)
    comments = [{**comments_data, "task_id": model_id(task)} for task in tasks]
    return comments_ops.post_actions_tasks_batch_comment(client, json={"comments": comments})


def start_task(
    task: ModelOrId,
    started_task_status: ModelOrId | None = None,
    person: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> Json:
    """Comment a task with the started status (WIP by default), which sets its real start date; return the
    comment."""
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
) -> Json:
    """Deprecated in gazu: comment a task as person with the "wfa" status (or its current status when
    change_status is False); return the updated task."""
    client = resolve(client)
    task_id = model_id(task)
    require_str(comment, "comment")  # before the status look-up: nothing is sent for a comment that is not text
    if change_status:
        status = get_task_status_by_short_name("wfa", client=client)
        if status is None:
            raise TaskStatusNotFoundException("the 'wfa' (waiting for approval) task status does not exist")
    else:
        status = crud_ops.get_data_tasks_instance_id(client, instance_id=task_id)["task_status_id"]
    add_comment(task_id, status, comment, person=person, client=client)
    return crud_ops.get_data_tasks_instance_id(client, instance_id=task_id)


# --- project feeds -------------------------------------------------------------------------------


@cache
def all_notifications_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the notifications of a project."""
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        tasks_ops.get_data_projects_project_id_notifications(client, project_id=model_id(project)),
    )


@cache
def all_subscriptions_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the task subscriptions of a project."""
    client = resolve(client)
    return tasks_ops.get_data_projects_project_id_subscriptions(client, project_id=model_id(project))


# --- time spents ---------------------------------------------------------------------------------


@cache
def get_time_spent(task: ModelOrId, date: DateLike | None = None, client: KitsuClient | None = None) -> Json:
    """Return a task's time spents by person id, with their "total" (of one day when date is given)."""
    client = resolve(client)
    task_id = model_id(task)
    if date is None:
        return tasks_ops.get_actions_tasks_task_id_time_spents(client, task_id=task_id)
    return tasks_ops.get_actions_tasks_task_id_time_spents_date(client, task_id=task_id, date=day_string(date))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_task_time_spent_for_date(task: ModelOrId, date: DateLike, client: KitsuClient | None = None) -> Json:
    """Return a task's time spents of one day by person id, with their "total"."""
    client = resolve(client)
    return tasks_ops.get_actions_tasks_task_id_time_spents_date(client, task_id=model_id(task), date=day_string(date))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def set_time_spent(
    task: ModelOrId, person: ModelOrId, date: DateLike, duration: int, client: KitsuClient | None = None
) -> Json:
    """Set (replace) the time a person spent on a task on a day, in minutes; return the time spent."""
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
    """Add minutes to the time a person spent on a task on a day; return the time spent."""
    client = resolve(client)
    return tasks_ops.post_actions_tasks_task_id_time_spents_date_persons_person_id_add(
        client,
        json={"duration": duration},
        task_id=model_id(task),
        date=day_string(date),
        person_id=model_id(person),
    )


def remove_time_spent(time_spent: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a time spent entry; return the server's answer text."""
    client = resolve(client)
    return _delete(client, "delete_data_time_spents_instance_id", instance_id=model_id(time_spent))


# Preview helpers live in kitsu_helpers._previews; gazu users find them here, under gazu's names.
from ._previews import (  # noqa: E402
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

# --- names older gazu releases had (removed by gazu 1.3.1): kept for old pipeline code -------------


@deprecated("task.get_task_by_name", "task.get_task_by_entity", "1.0.1")
def get_task_by_name(
    entity: ModelOrId, task_type: ModelOrId, name: str = "main", client: KitsuClient | None = None
) -> Json | None:
    """Return the task of an entity with this task type and name, or None (gazu <= 1.0.1)."""
    return get_task_by_entity(entity, task_type, name=name, client=client)


@deprecated("task.get_task_by_path", "files.guess_from_path and task.get_task_by_entity", "1.1.13")
def get_task_by_path(
    project: ModelOrId, file_path: str, entity_type: str = "shot", client: KitsuClient | None = None
) -> Json | None:
    """Return the task a file path names through the project's file tree, or None (gazu <= 1.1.13)."""
    from ._file_paths import guess_from_path

    client = resolve(client)
    token = {"shot": "Shot", "asset": "Asset", "scene": "Scene", "sequence": "Sequence", "episode": "Episode"}.get(
        entity_type.lower(), entity_type.capitalize()
    )
    for guess in guess_from_path(model_id(project), file_path, client=client):
        if guess.get("Task"):
            return get_task(guess["Task"], client=client)
        if guess.get(token) and guess.get("TaskType"):
            task = get_task_by_entity(guess[token], guess["TaskType"], client=client)
            if task is not None:
                return task
    return None


@deprecated("task.all_open_tasks_for_person", "task.all_tasks_for_person", "1.1.13")
def all_open_tasks_for_person(person: ModelOrId, client: KitsuClient | None = None) -> list[Json]:
    """Return the unfinished tasks of a person in open projects (gazu <= 1.1.13)."""
    return all_tasks_for_person(person, client=client)


@deprecated("task.add_preview_to_comment", "task.create_extra_preview", "1.1.13")
def add_preview_to_comment(comment: ModelOrId, preview_file: ModelOrId, client: KitsuClient | None = None) -> Json:
    """Return a new preview file at preview_file's revision on comment (gazu <= 1.1.13): upload its content
    with upload_preview_file."""
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
    """Create comments (with their attachment and preview files) on a task; return them (gazu 0.10.22)."""
    return batch_comments(list(comments), task=task, client=client)
