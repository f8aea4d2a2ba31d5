"""gazu's `user` module: what the logged-in user sees and owns (to-do lists, filters, notifications, chats...)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import authentication as authentication_ops, shots as shots_ops, user as user_ops

from ._coerce import day_string
from ._deprecated import deprecated
from ._shared import delete_text
from ._types import DateLike, ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .errors import NotAuthenticatedException, ValidationException
from .helpers import model_id, optional_id
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Asset, AssetType, Episode, Scene, Sequence, Shot, Task, TaskType

# --- the user's productions ---------------------------------------------------------------------


@cache
def all_open_projects(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the open projects the user belongs to, sorted by name.

    Administrators see every open project.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of project dicts (``id``, ``name``, ``project_status_id``, ...).
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_projects_open(client))


@cache
def all_asset_types_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[AssetType]:
    """Return the asset types of a project's assets the user has tasks on, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset type dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_projects_project_id_asset_types(client, project_id=model_id(project)))


@cache
def all_assets_for_asset_type_and_project(
    project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> list[Asset]:
    """Return the assets of a type in a project the user has tasks on, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts.
    """
    client = resolve(client)
    project_id, asset_type_id = model_id(project), model_id(asset_type)
    assets = user_ops.get_data_user_projects_project_id_asset_types_asset_type_id_assets(
        client,
        project_id=project_id,
        asset_type_id=asset_type_id,
    )
    return sort_by_name(assets)


@cache
def all_episodes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Episode]:
    """Return the episodes of a project the user has tasks in, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of episode dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_projects_project_id_episodes(client, project_id=model_id(project)))


@cache
def all_sequences_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Sequence]:
    """Return the sequences of a project the user has tasks in, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of sequence dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_projects_project_id_sequences(client, project_id=model_id(project)))


@cache
def all_shots_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[Shot]:
    """Return the shots of a sequence the user has tasks on, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of shot dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_sequences_sequence_id_shots(client, sequence_id=model_id(sequence)))


@cache
def all_scenes_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[Scene]:
    """Return the scenes of a sequence the user has tasks on, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_sequences_sequence_id_scenes(client, sequence_id=model_id(sequence)))


# --- the user's tasks and task types -------------------------------------------------------------


@cache
def all_tasks_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> list[Task]:
    """Return the user's tasks on an asset, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_assets_asset_id_tasks(client, asset_id=model_id(asset)))


@cache
def all_tasks_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[Task]:
    """Return the user's tasks on a shot, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_shots_shot_id_tasks(client, shot_id=model_id(shot)))


@cache
def all_tasks_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> list[Task]:
    """Return the user's tasks on a scene, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_scenes_scene_id_tasks(client, scene_id=model_id(scene)))


@cache
def all_tasks_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[Task]:
    """Return the user's tasks on a sequence, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_sequences_sequence_id_tasks(client, sequence_id=model_id(sequence)))


@cache
def all_task_types_for_asset(asset: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """Return the task types of the user's tasks on an asset, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_assets_asset_id_task_types(client, asset_id=model_id(asset)))


@cache
def all_task_types_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """Return the task types of the user's tasks on a shot, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_shots_shot_id_task_types(client, shot_id=model_id(shot)))


@cache
def all_task_types_for_scene(scene: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """Return the task types of the user's tasks on a scene, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        scene: The scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_scenes_scene_id_task_types(client, scene_id=model_id(scene)))


@cache
def all_task_types_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """Return the task types of the user's tasks on a sequence, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    return sort_by_name(user_ops.get_data_user_sequences_sequence_id_task_types(client, sequence_id=model_id(sequence)))


@cache
def all_tasks_to_do(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the user's unfinished tasks in open projects (the to-do list).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts, each with the names of its project, entity, task type and status.
    """
    client = resolve(client)
    return user_ops.get_data_user_tasks(client)


@cache
def all_done_tasks(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the user's finished tasks in open projects.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    client = resolve(client)
    return user_ops.get_data_user_done_tasks(client)


@cache
def all_tasks_requiring_feedback(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the tasks waiting for the user's feedback (supervisors and managers).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of task dicts.
    """
    client = resolve(client)
    return cast("list[dict[str, Any]]", user_ops.get_data_user_tasks_to_check(client))


# --- time spents and day offs -------------------------------------------------------------------


@cache
def get_timespents_range(
    start_date: DateLike, end_date: DateLike, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the user's time spents between two dates (both included).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        start_date: The first day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format
            dateutil reads).
        end_date: The last day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format
            dateutil reads).
        client: The client to use; the default client when None.

    Returns:
        A list of time spent dicts (``task_id``, ``date``, ``duration`` in minutes, ...).

    Raises:
        InvalidParameterValueException: When a date cannot be read (nothing is sent).
    """
    client = resolve(client)
    params = {"start_date": day_string(start_date), "end_date": day_string(end_date)}
    return user_ops.get_data_user_time_spents(client, params=params)


@cache
def get_time_spents_by_date(date: DateLike, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the user's time spents on one day.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        date: The day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format dateutil
            reads).
        client: The client to use; the default client when None.

    Returns:
        A list of time spent dicts (``task_id``, ``date``, ``duration``, ...).

    Raises:
        InvalidParameterValueException: When the date cannot be read (nothing is sent).
    """
    client = resolve(client)
    return user_ops.get_data_user_time_spents_date(client, date=day_string(date))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_task_time_spent(task: ModelOrId, date: DateLike, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the user's time spent on a task on one day, or None when there is none.

    The day's entries are read and filtered here (Zou 1.0.97 answers 500 on the per-task route when there is no
    entry).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        date: The day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format dateutil
            reads).
        client: The client to use; the default client when None.

    Returns:
        The time spent dict (``task_id``, ``date``, ``duration`` in minutes, ...), or None.
    """
    client = resolve(client)
    task_id = model_id(task)
    # Zou 1.0.97's /data/user/tasks/{id}/time-spents/{date} answers 500 when there is no entry: read the day instead.
    day = user_ops.get_data_user_time_spents_date(client, date=day_string(date))
    return next((entry for entry in day if entry.get("task_id") == task_id), None)  # type: ignore[attr-defined, return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_day_off(date: DateLike, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the user's day off covering a date ({} when there is none).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        date: The day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format dateutil
            reads).
        client: The client to use; the default client when None.

    Returns:
        The day off dict (``date``, ``end_date``, ``description``, ...), or an empty dict.
    """
    client = resolve(client)
    return user_ops.get_data_user_day_offs_date(client, date=day_string(date))


# --- session ------------------------------------------------------------------------------------


def is_authenticated(client: KitsuClient | None = None) -> bool:
    """Return True when the client's token is accepted, False otherwise (no token, expired or malformed).

    Args:
        client: The client to use; the default client when None.

    Returns:
        True when the server accepts the client's token, else False.
    """
    client = resolve(client)
    try:
        return bool(authentication_ops.get_auth_authenticated(client)["authenticated"])
    except (NotAuthenticatedException, ValidationException):  # Zou answers 422 to a malformed token
        return False


@cache
def get_context(client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the user's context: open projects, asset types, task types, statuses, persons...

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A dict of lists keyed by kind (``projects``, ``asset_types``, ``task_types``, ``task_status``,
        ``persons``, ...).
    """
    client = resolve(client)
    return user_ops.get_data_user_context(client)


def log_desktop_session_log_in(client: KitsuClient | None = None) -> dict[str, Any]:
    """Record a desktop log-in of the user now; return the log entry.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The desktop login log dict (``person_id``, ``date``, ...).
    """
    client = resolve(client)
    return user_ops.post_data_user_desktop_login_logs(client, json={"date": datetime.datetime.now().isoformat()})


@cache
def all_desktop_login_logs(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the user's desktop log-in records.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of desktop login log dicts.
    """
    client = resolve(client)
    return user_ops.get_data_user_desktop_login_logs(client)


def clear_avatar(client: KitsuClient | None = None) -> str:
    """Remove the user's avatar; return the server's (empty) answer text.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_actions_user_clear_avatar")


# --- filters and filter groups ------------------------------------------------------------------


@cache
def all_filters(client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the user's saved search filters, grouped by list type and project as Zou groups them.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A dict keyed by list type (``asset``, ``shot``, ...), then by project id, of lists of filter
        dicts.
    """
    client = resolve(client)
    return user_ops.get_data_user_filters(client)  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def new_filter(
    name: str,
    query: str,
    list_type: str,
    project: ModelOrId | None = None,
    entity_type: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Save a search filter for the user; return it.

    Args:
        name: The filter's name.
        query: The search query it saves.
        list_type: The list it belongs to: ``"asset"``, ``"shot"``, ``"edit"``...
        project: The project it applies to, as a dict or its id; every project when None.
        entity_type: The entity type it filters (``"Asset"``, ``"Shot"``, ``"Edit"``...), or None.
        client: The client to use; the default client when None.

    Returns:
        The created filter dict.
    """
    client = resolve(client)
    payload = {
        "name": name,
        "query": query,
        "list_type": list_type,
        "project_id": optional_id(project),
        "entity_type": entity_type,
    }
    return user_ops.post_data_user_filters(client, json=payload)


def update_filter(filter: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a filter's fields; return the updated filter.

    Args:
        filter: The filter dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated filter dict.
    """
    client = resolve(client)
    return user_ops.put_data_user_filters_filter_id(client, json=filter, filter_id=model_id(filter))


def remove_filter(filter: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete one of the user's filters; return the server's (empty) answer text.

    Args:
        filter: The filter, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_data_user_filters_filter_id", filter_id=model_id(filter))


@cache
def all_filter_groups(client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the user's filter groups, grouped by list type and project as Zou groups them.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A dict keyed by list type, then by project id, of lists of filter group dicts.
    """
    client = resolve(client)
    return user_ops.get_data_user_filter_groups(client)  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def new_filter_group(name: str, project: ModelOrId | None = None, client: KitsuClient | None = None) -> dict[str, Any]:
    """Create a filter group for the user; return it.

    Args:
        name: The group's name.
        project: The project it applies to, as a dict or its id, or None.
        client: The client to use; the default client when None.

    Returns:
        The created filter group dict.
    """
    client = resolve(client)
    return user_ops.post_data_user_filter_groups(client, json={"name": name, "project_id": optional_id(project)})


@cache
def get_filter_group(filter_group: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return one of the user's filter groups.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        filter_group: The filter group, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The filter group dict.
    """
    client = resolve(client)
    return user_ops.get_data_user_filter_groups_filter_group_id(client, filter_group_id=model_id(filter_group))


def update_filter_group(filter_group: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a filter group's fields; return the updated group.

    Args:
        filter_group: The filter group dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated filter group dict.
    """
    client = resolve(client)
    return user_ops.put_data_user_filter_groups_filter_group_id(
        client, json=filter_group, filter_group_id=model_id(filter_group)
    )


def remove_filter_group(filter_group: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete one of the user's filter groups; return the server's (empty) answer text.

    Args:
        filter_group: The filter group, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_data_user_filter_groups_filter_group_id", filter_group_id=model_id(filter_group))


# --- notifications and subscriptions ------------------------------------------------------------


@cache
def all_notifications(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the user's notifications, newest first.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of notification dicts.
    """
    client = resolve(client)
    return user_ops.get_data_user_notifications(client)


@cache
def get_notification(notification: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return one of the user's notifications.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        notification: The notification, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The notification dict.
    """
    client = resolve(client)
    return user_ops.get_data_user_notifications_notification_id(client, notification_id=model_id(notification))


def update_notification(notification: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a notification's fields (e.g. read); return the updated notification.

    Args:
        notification: The notification dict, holding its ``id`` and the fields to save (such as
            ``read``).
        client: The client to use; the default client when None.

    Returns:
        The updated notification dict.
    """
    client = resolve(client)
    return user_ops.put_data_user_notifications_notification_id(
        client, json=notification, notification_id=model_id(notification)
    )


def mark_all_notifications_as_read(client: KitsuClient | None = None) -> dict[str, Any]:
    """Mark every notification of the user as read; return {"success": True}.

    Args:
        client: The client to use; the default client when None.

    Returns:
        The server's answer, ``{"success": True}``.
    """
    client = resolve(client)
    return user_ops.post_actions_user_notifications_mark_all_as_read(client, json={})


@cache
def check_task_subscription(task: ModelOrId, client: KitsuClient | None = None) -> bool:
    """Return True when the user is subscribed to a task's notifications.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        True when subscribed, else False.
    """
    client = resolve(client)
    return user_ops.get_data_user_tasks_task_id_subscribed(client, task_id=model_id(task))


def subscribe_to_task(task: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Subscribe the user to a task's notifications; return the subscription.

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The subscription dict (``person_id``, ``task_id``, ...).
    """
    client = resolve(client)
    return user_ops.post_actions_user_tasks_task_id_subscribe(client, json={}, task_id=model_id(task))


def unsubscribe_from_task(task: ModelOrId, client: KitsuClient | None = None) -> str:
    """Unsubscribe the user from a task's notifications; return the server's (empty) answer text.

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_actions_user_tasks_task_id_unsubscribe", task_id=model_id(task))


# --- chats --------------------------------------------------------------------------------------


@cache
def all_chats(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the entity chats the user has joined.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of chat dicts.
    """
    client = resolve(client)
    return user_ops.get_data_user_chats(client)


def join_chat(chat: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Join the chat of an entity (given as the entity or its id); return the chat.

    Args:
        chat: The entity whose chat to join (or the chat), as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The chat dict.
    """
    client = resolve(client)
    return user_ops.post_actions_user_chats_entity_id_join(client, json={}, entity_id=model_id(chat))


def leave_chat(chat: ModelOrId, client: KitsuClient | None = None) -> str:
    """Leave the chat of an entity; return the server's (empty) answer text.

    Args:
        chat: The entity whose chat to leave (or the chat), as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_actions_user_chats_entity_id_join", entity_id=model_id(chat))


# --- names older gazu releases had (removed by gazu 1.3.1): kept for old pipeline code -------------


def _user_assets(project: ModelOrId, client: KitsuClient | None) -> list[Asset]:
    client = resolve(client)
    assets: list[Asset] = []
    for asset_type in all_asset_types_for_project(project, client=client):
        assets.extend(all_assets_for_asset_type_and_project(project, asset_type, client=client))
    return assets


@deprecated("user.all_assets_for_project", "user.all_assets_for_asset_type_and_project", "1.1.13")
def all_assets_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Asset]:
    """Return the assets of a project the user has tasks on, sorted by name (gazu 1.1.13).

    Deprecated (warns): use ``user.all_assets_for_asset_type_and_project``.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts.
    """
    return sort_by_name(_user_assets(project, client))


@deprecated("user.all_project_assets", "user.all_assets_for_asset_type_and_project", "1.1.13")
def all_project_assets(project: ModelOrId, client: KitsuClient | None = None) -> list[Asset]:
    """Return the assets of a project the user has tasks on (gazu 1.0.2 - 1.1.13).

    Deprecated (warns): use ``user.all_assets_for_asset_type_and_project``.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset dicts, in the server's order.
    """
    return _user_assets(project, client)


@deprecated("user.all_scenes_for_project", "user.all_scenes_for_sequence", "1.1.13")
def all_scenes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Scene]:
    """Return the scenes of a project the user has tasks on, sorted by name (gazu 1.1.13).

    Deprecated (warns): use ``user.all_scenes_for_sequence``. Reads the user's scenes sequence by sequence.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of scene dicts.
    """
    client = resolve(client)
    scenes: list[Scene] = []
    for sequence in all_sequences_for_project(project, client=client):
        scenes.extend(all_scenes_for_sequence(sequence, client=client))
    return sort_by_name(scenes)


@deprecated("user.all_sequences_for_episode", "user.all_sequences_for_project", "1.1.13")
def all_sequences_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Sequence]:
    """Return the sequences of an episode the user has tasks on, sorted by name (gazu 1.1.13).

    Deprecated (warns): use ``user.all_sequences_for_project``.

    Args:
        episode: The episode, as a dict or its id (a dict with ``project_id`` saves one request).
        client: The client to use; the default client when None.

    Returns:
        A list of sequence dicts.
    """
    client = resolve(client)
    episode_id = model_id(episode)
    project_id = episode.get("project_id") if isinstance(episode, dict) else None
    if not project_id:
        project_id = shots_ops.get_data_episodes_episode_id(client, episode_id=episode_id)["project_id"]
    return [s for s in all_sequences_for_project(project_id, client=client) if s.get("parent_id") == episode_id]
