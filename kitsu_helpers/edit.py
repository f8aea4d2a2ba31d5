"""Edits (`gazu.edit`)."""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import edits as edits_ops

from ._shared import delete_text, first_named, force_params, merged_data
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id, optional_id
from .shot import Grouped, update_entity, web_url
from .sorting import sort_by_name


def _fetch_edit(edit_id: str, client: KitsuClient) -> dict[str, Any]:
    return edits_ops.get_data_edits_edit_id(client, edit_id=edit_id)


@cache
def get_edit(edit_id: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the edit of an id."""
    return _fetch_edit(model_id(edit_id), resolve(client))


@cache
def get_edit_by_name(project: ModelOrId, edit_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the edit of a project with that name, or None."""
    client = resolve(client)
    params = {"project_id": model_id(project), "name": edit_name}
    return first_named(client, "get_data_edits_all", params)


@cache
def get_edit_url(edit: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of an edit (below its episode in a TV show)."""
    client = resolve(client)
    found = _fetch_edit(model_id(edit), client)
    episode = ("episodes", found["episode_id"]) if found.get("episode_id") else ()
    return web_url(client, "productions", found["project_id"], *episode, "edits", found["id"])


@cache
def all_edits_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the edits of a project, sorted by name."""
    client = resolve(client)
    return sort_by_name(edits_ops.get_data_projects_project_id_edits(client, project_id=model_id(project)))


@cache
def all_previews_for_edit(edit: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the preview files of an edit, grouped by task type id ({task_type_id: [preview, ...]})."""
    client = resolve(client)
    return edits_ops.get_data_edits_edit_id_preview_files(client, edit_id=model_id(edit))


def new_edit(
    project: ModelOrId,
    name: str,
    description: str | None = None,
    data: dict[str, Any] | None = None,
    episode: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Return the project's edit with that name, created (in the episode when given) when there is none."""
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
    return edits_ops.post_data_projects_project_id_edits(client, json=payload, project_id=project_id)


def remove_edit(edit: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an edit (an edit with tasks is only canceled unless force); return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_edits_edit_id", force_params(force), edit_id=model_id(edit))


def update_edit(edit: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified edit dict (its data replaces the stored data); return the updated edit."""
    return update_entity(edit, resolve(client))


def update_edit_data(
    edit: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge data into an edit's stored data (other keys are kept); return the updated edit."""
    client = resolve(client)
    current = _fetch_edit(model_id(edit), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)
