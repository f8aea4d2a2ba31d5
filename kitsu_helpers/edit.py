"""Edits (`gazu.edit`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import edits as edits_ops

from ._entities import update_entity, web_url
from ._shared import delete_text, first_named, force_params, merged_data
from ._types import Grouped, ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id, optional_id
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Edit, Entity


def _fetch_edit(edit_id: str, client: KitsuClient) -> Edit:
    return edits_ops.get_data_edits_edit_id(client, edit_id=edit_id)


@cache
def get_edit(edit_id: str, client: KitsuClient | None = None) -> Edit:
    """Fetch one edit by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        edit_id: The edit's id (an edit dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The edit dict.

    Raises:
        InvalidParameterValueException: edit_id is not a UUID; nothing is sent.
        RouteNotFoundException: no edit has this id.
    """
    return _fetch_edit(model_id(edit_id), resolve(client))


@cache
def get_edit_by_name(project: ModelOrId, edit_name: str, client: KitsuClient | None = None) -> Edit | None:
    """Find an edit of a project by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        edit_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching edit dict, or None when the project has none with this name.

    Raises:
        InvalidParameterValueException: project is invalid or edit_name is empty; nothing is sent.
    """
    client = resolve(client)
    params = {"project_id": model_id(project), "name": edit_name}
    return first_named(edits_ops.get_data_edits_all, client, params)


@cache
def get_edit_url(edit: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of an edit's page in the Kitsu web application.

    The edit is fetched; in a TV show the address goes through its episode. Cached while the helper cache is
    enabled.

    Args:
        edit: The edit, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: edit is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no edit has this id.
    """
    client = resolve(client)
    found = _fetch_edit(model_id(edit), client)
    episode = ("episodes", found["episode_id"]) if found.get("episode_id") else ()
    return web_url(client, "productions", found["project_id"], *episode, "edits", found["id"])


@cache
def all_edits_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Edit]:
    """List the edits of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of edit dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(edits_ops.get_data_projects_project_id_edits(client, project_id=model_id(project)))


@cache
def all_previews_for_edit(edit: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the preview files of an edit, grouped by task type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        edit: The edit, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each task type id to the list of its preview file dicts (not a flat list).

    Raises:
        InvalidParameterValueException: edit is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return edits_ops.get_data_edits_edit_id_preview_files(client, edit_id=model_id(edit))


def new_edit(
    project: ModelOrId,
    name: str,
    description: str | None = None,
    data: dict[str, Any] | None = None,
    episode: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> Edit:
    """Get or create an edit of a project, optionally in an episode.

    When the project already has an edit with this name it is returned unchanged (the other arguments are not
    applied).

    Args:
        project: The project, as a dict or its id.
        name: The edit's name.
        description: Its description; unset when None.
        data: Custom data to store on it.
        episode: The episode it belongs to, as a dict or its id; none when None.
        client: The client to use; the default client when None.

    Returns:
        The existing or created edit dict.

    Raises:
        InvalidParameterValueException: an id is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    payload: dict[str, Any] = {"name": name, "data": dict(data or {})}
    if episode_id is not None:
        payload["episode_id"] = episode_id
    if description is not None:
        payload["description"] = description
    existing = get_edit_by_name(project_id, name, client=client)
    if existing is not None:
        return existing
    return cast("Edit", edits_ops.post_data_projects_project_id_edits(client, json=payload, project_id=project_id))


def remove_edit(edit: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an edit, or cancel it when it has tasks.

    An edit with tasks is only marked canceled unless force is given, which deletes it with its tasks.

    Args:
        edit: The edit, as a dict or its id.
        force: Delete the edit even when tasks are linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: edit is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_edits_edit_id", force_params(force), edit_id=model_id(edit))


def update_edit(edit: dict[str, Any], client: KitsuClient | None = None) -> Entity:
    """Save the fields of an edit dict.

    Its ``data``, when given, replaces the edit's custom data whole (use update_edit_data to merge).

    Args:
        edit: The edit dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated edit dict.

    Raises:
        InvalidParameterValueException: edit is not a dict with a valid ``id``; nothing is sent.
    """
    return update_entity(edit, resolve(client))


def update_edit_data(edit: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None) -> Entity:
    """Merge values into an edit's custom data; keys not given keep their values.

    The edit is read fresh from the server first.

    Args:
        edit: The edit, as a dict or its id.
        data: The keys and values to set.
        client: The client to use; the default client when None.

    Returns:
        The updated edit dict.

    Raises:
        InvalidParameterValueException: edit is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no edit has this id.
    """
    client = resolve(client)
    current = _fetch_edit(model_id(edit), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)
