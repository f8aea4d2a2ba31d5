"""gazu.project_template: reusable project configurations (task types, statuses, asset types...) and their use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import crud as crud_ops, project_templates as project_templates_ops

from ._coerce import drop_none
from ._shared import first_named
from ._types import ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id, optional_id
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import ProjectTemplate

# --- listing and retrieval -----------------------------------------------------------------------


@cache
def all_project_templates(client: KitsuClient | None = None) -> list[ProjectTemplate]:
    """Return every project template, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of project template dicts.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_project_templates(client))


@cache
def get_project_template(project_template_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the project template with that id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project_template_id: The project template, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The project template dict.

    Raises:
        RouteNotFoundException: When no template has that id.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        crud_ops.get_data_project_templates_instance_id(client, instance_id=model_id(project_template_id)),
    )


@cache
def get_project_template_by_name(name: str, client: KitsuClient | None = None) -> ProjectTemplate | None:
    """Return the project template with that name, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        name: The exact name of the template.
        client: The client to use; the default client when None.

    Returns:
        The project template dict, or None.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_project_templates, client, {"name": name})


# --- create, update, delete ----------------------------------------------------------------------


def new_project_template(
    name: str,
    description: str | None = None,
    fps: str | None = None,
    ratio: str | None = None,
    resolution: str | None = None,
    production_type: str | None = None,
    production_style: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create an empty project template (with the default settings given); return it.

    Settings left as None are not sent (Zou's defaults apply).

    Args:
        name: The template's name (unique among templates).
        description: A description, or None.
        fps: The frame rate projects made from it start with, e.g. ``"25"``.
        ratio: Their default aspect ratio, e.g. ``"16:9"``.
        resolution: Their default resolution, e.g. ``"1920x1080"``.
        production_type: Their default production type (``"short"``, ``"featurefilm"``,
            ``"tvshow"``...).
        production_style: Their default production style (``"2d"``, ``"3d"``, ``"2d3d"``, ``"vfx"``...).
        client: The client to use; the default client when None.

    Returns:
        The created project template dict.
    """
    client = resolve(client)
    settings = {
        "fps": fps,
        "ratio": ratio,
        "resolution": resolution,
        "production_type": production_type,
        "production_style": production_style,
    }
    payload = {"name": name, "description": description, **drop_none(settings)}
    return cast("dict[str, Any]", crud_ops.post_data_project_templates(client, json=payload))


def update_project_template(project_template: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified project template dict; return the updated template.

    Args:
        project_template: The template dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        crud_ops.put_data_project_templates_instance_id(
            client, json=project_template, instance_id=model_id(project_template)
        ),
    )


def remove_project_template(project_template: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a project template; return the answer text.

    Args:
        project_template: The project template, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return crud_ops.delete_data_project_templates_instance_id(
        client, raw=True, instance_id=model_id(project_template)
    ).text


# --- snapshot and apply --------------------------------------------------------------------------


def new_project_template_from_project(
    project: ModelOrId, name: str, description: str | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Create a template from a project's configuration (not its production data); return it.

    The task types, task statuses, asset types, status automations, metadata descriptors and production settings
    are copied; entities, tasks, team and dates are not.

    Args:
        project: The project to copy, as a dict or its id.
        name: The new template's name.
        description: A description, or None.
        client: The client to use; the default client when None.

    Returns:
        The created project template dict.
    """
    client = resolve(client)
    payload = {"name": name, "description": description}
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_project_templates_from_project_project_id(
            client, json=payload, project_id=model_id(project)
        ),
    )


def apply_project_template(
    project: ModelOrId, project_template: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a template's configuration to a project (existing links kept); return the updated project.

    Nothing is removed from the project, and what it already has is not added twice.

    Args:
        project: The project to configure, as a dict or its id.
        project_template: The template to apply, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_projects_project_id_apply_template_project_template_id(
            client,
            json={},
            project_id=model_id(project),
            project_template_id=model_id(project_template),
        ),
    )


# --- task types ----------------------------------------------------------------------------------


@cache
def all_task_types_for_project_template(
    project_template: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the task types of a project template.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project_template: The project template, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        project_templates_ops.get_data_project_templates_project_template_id_task_types(
            client, project_template_id=model_id(project_template)
        ),
    )


def add_task_type_to_project_template(
    project_template: ModelOrId, task_type: ModelOrId, priority: int | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a task type (with an optional priority) to a project template; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        task_type: The task type to attach, as a dict or its id.
        priority: Its position among the template's task types, or None.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    payload: dict[str, Any] = {"task_type_id": model_id(task_type)}
    if priority is not None:
        payload["priority"] = priority
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_project_templates_project_template_id_task_types(
            client,
            json=payload,
            project_template_id=model_id(project_template),
        ),
    )


def remove_task_type_from_project_template(
    project_template: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove a task type from a project template; return the answer text.

    Args:
        project_template: The project template, as a dict or its id.
        task_type: The task type to detach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return project_templates_ops.delete_data_project_templates_project_template_id_task_types_task_type_id(
        client,
        raw=True,
        project_template_id=model_id(project_template),
        task_type_id=model_id(task_type),
    ).text


# --- task statuses -------------------------------------------------------------------------------


@cache
def all_task_statuses_for_project_template(
    project_template: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the task statuses of a project template.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project_template: The project template, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task status dicts.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        project_templates_ops.get_data_project_templates_project_template_id_task_statuses(
            client, project_template_id=model_id(project_template)
        ),
    )


def add_task_status_to_project_template(
    project_template: ModelOrId,
    task_status: ModelOrId,
    priority: int | None = None,
    roles_for_board: list[str] | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Add a task status (optional priority and board roles) to a project template; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        task_status: The task status to attach, as a dict or its id.
        priority: Its position among the template's statuses, or None.
        roles_for_board: The roles that see this status on the board (e.g. ``["user", "supervisor"]``),
            or None.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    payload: dict[str, Any] = {"task_status_id": model_id(task_status)}
    if priority is not None:
        payload["priority"] = priority
    if roles_for_board is not None:
        payload["roles_for_board"] = roles_for_board
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_project_templates_project_template_id_task_statuses(
            client,
            json=payload,
            project_template_id=model_id(project_template),
        ),
    )


def remove_task_status_from_project_template(
    project_template: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove a task status from a project template; return the answer text.

    Args:
        project_template: The project template, as a dict or its id.
        task_status: The task status to detach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return project_templates_ops.delete_data_project_templates_project_template_id_task_statuses_task_status_id(
        client,
        raw=True,
        project_template_id=model_id(project_template),
        task_status_id=model_id(task_status),
    ).text


# --- asset types ---------------------------------------------------------------------------------


@cache
def all_asset_types_for_project_template(
    project_template: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the asset types of a project template.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project_template: The project template, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of asset type dicts.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        project_templates_ops.get_data_project_templates_project_template_id_asset_types(
            client, project_template_id=model_id(project_template)
        ),
    )


def add_asset_type_to_project_template(
    project_template: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add an asset type to a project template; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        asset_type: The asset type to attach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_project_templates_project_template_id_asset_types(
            client,
            json={"asset_type_id": model_id(asset_type)},
            project_template_id=model_id(project_template),
        ),
    )


def remove_asset_type_from_project_template(
    project_template: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove an asset type from a project template; return the answer text.

    Args:
        project_template: The project template, as a dict or its id.
        asset_type: The asset type to detach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return project_templates_ops.delete_data_project_templates_project_template_id_asset_types_asset_type_id(
        client,
        raw=True,
        project_template_id=model_id(project_template),
        asset_type_id=model_id(asset_type),
    ).text


# --- status automations --------------------------------------------------------------------------


@cache
def all_status_automations_for_project_template(
    project_template: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the status automations of a project template.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project_template: The project template, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of status automation dicts.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        project_templates_ops.get_data_project_templates_project_template_id_status_automations(
            client,
            project_template_id=model_id(project_template),
        ),
    )


def add_status_automation_to_project_template(
    project_template: ModelOrId, status_automation: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a status automation to a project template; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        status_automation: The status automation to attach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_project_templates_project_template_id_status_automations(
            client,
            json={"status_automation_id": model_id(status_automation)},
            project_template_id=model_id(project_template),
        ),
    )


def remove_status_automation_from_project_template(
    project_template: ModelOrId, status_automation: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove a status automation from a project template; return the answer text.

    Args:
        project_template: The project template, as a dict or its id.
        status_automation: The status automation to detach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return (
        project_templates_ops.delete_data_project_templates_project_template_id_status_automations_status_automation_id(
            client,
            raw=True,
            project_template_id=model_id(project_template),
            status_automation_id=model_id(status_automation),
        ).text
    )


# --- preview background files and metadata descriptors -----------------------------------------


@cache
def all_preview_background_files_for_project_template(
    project_template: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the preview background files of a project template.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project_template: The project template, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of preview background file dicts.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        project_templates_ops.get_data_project_templates_project_template_id_preview_background_files(
            client,
            project_template_id=model_id(project_template),
        ),
    )


def add_preview_background_file_to_project_template(
    project_template: ModelOrId, preview_background_file: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a preview background file to a project template; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        preview_background_file: The preview background file to attach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        project_templates_ops.post_data_project_templates_project_template_id_preview_background_files(
            client,
            json={"preview_background_file_id": model_id(preview_background_file)},
            project_template_id=model_id(project_template),
        ),
    )


def remove_preview_background_file_from_project_template(
    project_template: ModelOrId, preview_background_file: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove a preview background file from a project template; return the answer text.

    Args:
        project_template: The project template, as a dict or its id.
        preview_background_file: The preview background file to detach, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return project_templates_ops.delete_data_project_templates_project_template_id_preview_background_files_preview_background_file_id(
        client,
        raw=True,
        project_template_id=model_id(project_template),
        preview_background_file_id=model_id(preview_background_file),
    ).text


def set_project_template_default_preview_background_file(
    project_template: ModelOrId, preview_background_file: ModelOrId | None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Set (None: clear) a project template's default preview background file; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        preview_background_file: The background file, as a dict or its id; None clears the default.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        project_templates_ops.put_data_project_templates_project_template_id_default_preview_background_file(
            client,
            json={"default_preview_background_file_id": optional_id(preview_background_file)},
            project_template_id=model_id(project_template),
        ),
    )


def set_project_template_metadata_descriptors(
    project_template: ModelOrId, descriptors: list[dict[str, Any]], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Replace a project template's metadata descriptor snapshot; return the template.

    Args:
        project_template: The project template, as a dict or its id.
        descriptors: The whole list of descriptor dicts (``name``, ``entity_type`` such as ``"Asset"``,
            ``data_type`` such as ``"string"`` or ``"list"``, ``choices``, ``for_client``,
            ``departments``, ``position``); the previous list is replaced, not merged.
        client: The client to use; the default client when None.

    Returns:
        The updated project template dict.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        project_templates_ops.put_data_project_templates_project_template_id_metadata_descriptors(
            client,
            json={"metadata_descriptors": descriptors},
            project_template_id=model_id(project_template),
        ),
    )
