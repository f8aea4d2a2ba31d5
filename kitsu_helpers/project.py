"""gazu.project: projects, their settings (task types, statuses, asset types...), team, metadata and budgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import crud as crud_ops, projects as projects_ops, shots as shots_ops

from ._coerce import drop_none, to_date_string
from ._entities import web_url
from ._shared import M, first_named, first_or_none
from ._types import ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .errors import UnexpectedResponseException
from .helpers import model_id, normalize_list_of_models_for_links, optional_id, require_dict
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Budget, MetadataDescriptor, Milestone, Project, ProjectStatus, TaskType

LINK_FIELDS = ("team", "asset_types", "task_statuses", "task_types")


def with_link_ids(model: dict[str, Any], fields: tuple[str, ...] = LINK_FIELDS) -> dict[str, Any]:
    """Copy a project (or other model) dict with its link lists turned into id lists.

    Args:
        model: The dict to copy.
        fields: The keys holding lists of linked models; by default ``team``, ``asset_types``,
            ``task_statuses`` and ``task_types``. Missing or None fields are left alone.

    Returns:
        A new dict where each of these lists holds ids instead of dicts.

    Raises:
        InvalidParameterValueException: a linked model is not a dict with an id nor a UUID.
    """
    payload = dict(model)
    for field in fields:
        if field in payload and payload[field] is not None:
            payload[field] = normalize_list_of_models_for_links(payload[field])
    return payload


def find_closed_status(statuses: Sequence[M]) -> M:
    """Pick the project status named "closed" (in any case) from a list.

    Args:
        statuses: Project status dicts, as all_project_status gives them.

    Returns:
        The closed project status dict.

    Raises:
        UnexpectedResponseException: no status of the list is named "closed".
    """
    for status in statuses:
        if (status.get("name") or "").lower() == "closed":
            return status
    raise UnexpectedResponseException("No closed project status found on this server")


# --- project statuses and projects -----------------------------------------------------------------


@cache
def all_project_status(client: KitsuClient | None = None) -> list[ProjectStatus]:
    """List every project status (such as Open and Closed).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of project status dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_project_status(client))


@cache
def get_project_status_by_name(project_status_name: str, client: KitsuClient | None = None) -> ProjectStatus | None:
    """Find a project status by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project_status_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching project status dict, or None when there is none.

    Raises:
        InvalidParameterValueException: project_status_name is empty or not a string; nothing is sent.
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_project_status, client, {"name": project_status_name})


@cache
def all_projects(client: KitsuClient | None = None) -> list[Project]:
    """List every project the user can see, open and closed.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of project dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_projects(client))


@cache
def all_open_projects(client: KitsuClient | None = None) -> list[Project]:
    """List the open projects the user can see.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of project dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(projects_ops.get_data_projects_open(client))


@cache
def get_project(project_id: ModelOrId, client: KitsuClient | None = None) -> Project:
    """Fetch one project by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project_id: The project, as its id or a dict.
        client: The client to use; the default client when None.

    Returns:
        The project dict.

    Raises:
        InvalidParameterValueException: project_id is not a UUID; nothing is sent.
        RouteNotFoundException: no project has this id.
    """
    client = resolve(client)
    return crud_ops.get_data_projects_instance_id(client, instance_id=model_id(project_id))


@cache
def get_project_url(project: ModelOrId, section: str = "assets", client: KitsuClient | None = None) -> str:
    """Build the address of a section of a project in the Kitsu web application.

    No request is sent. Cached while the helper cache is enabled.

    Args:
        project: The project, as a dict or its id.
        section: The page to open (``"assets"``, ``"shots"``, ``"sequences"``, ``"edits"``, ...);
            ``"assets"`` by default.
        client: The client to use (its host gives the address); the default client when None.

    Returns:
        The URL string, ``<kitsu host>/productions/<project id>/<section>/``.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID.
    """
    return web_url(resolve(client), "productions", model_id(project), section)


@cache
def get_project_by_name(project_name: str, client: KitsuClient | None = None) -> Project | None:
    """Find a project by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching project dict, or None when there is none.

    Raises:
        InvalidParameterValueException: project_name is empty or not a string; nothing is sent.
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_projects, client, {"name": project_name})


def new_project(
    name: str,
    production_type: str = "short",
    team: list[ModelOrId] | None = None,
    asset_types: list[ModelOrId] | None = None,
    task_statuses: list[ModelOrId] | None = None,
    task_types: list[ModelOrId] | None = None,
    production_style: str = "2d3d",
    project_template: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> Project:
    """Get or create a project.

    When a project with this name exists it is returned unchanged (the other arguments are not applied).

    Args:
        name: The project's name.
        production_type: ``"short"`` (default), ``"featurefilm"`` or ``"tvshow"``.
        team: The people of its team, as dicts or ids.
        asset_types: The asset types it uses, as dicts or ids.
        task_statuses: The task statuses it uses, as dicts or ids.
        task_types: The task types it uses, as dicts or ids.
        production_style: The production style: ``"2d3d"`` (default), ``"2d"``, ``"3d"``, ``"vfx"``,
            ``"stop-motion"``, ``"motion-design"``, ``"ar"``, ``"vr"``, ``"video-game"``, ...
        project_template: A project template to apply after creation, as a dict or its id; the settings given
            here win over the template's.
        client: The client to use; the default client when None.

    Returns:
        The existing or created project dict.

    Raises:
        InvalidParameterValueException: name is empty or a linked id is invalid; nothing is sent.
    """
    client = resolve(client)
    template_id = optional_id(project_template)
    payload: dict[str, Any] = {
        "name": name,
        "production_type": production_type,
        "team": normalize_list_of_models_for_links(team or []),
        "asset_types": normalize_list_of_models_for_links(asset_types or []),
        "task_statuses": normalize_list_of_models_for_links(task_statuses or []),
        "task_types": normalize_list_of_models_for_links(task_types or []),
        "production_style": production_style,
    }
    if template_id is not None:
        payload["project_template_id"] = template_id
    existing = first_named(crud_ops.get_data_projects, client, {"name": name})
    if existing is not None:
        return existing
    return crud_ops.post_data_projects(client, json=payload)


def remove_project(project: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a project; Zou only deletes closed projects (see close_project).

    Args:
        project: The project, as a dict or its id.
        force: Also delete everything the project holds (assets, shots, tasks, ...).
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
        ParameterException: the project is still open (close it first).
        ServerErrorException: Zou 1.0.97 fails (500) on a closed project that still holds data when force is
            False.
    """
    client = resolve(client)
    params = {"force": True} if force else None
    return crud_ops.delete_data_projects_instance_id(
        client, params=params, raw=True, instance_id=model_id(project)
    ).text


def update_project(project: dict[str, Any], client: KitsuClient | None = None) -> Project:
    """Save the fields of a project dict.

    Link lists (``team``, ``asset_types``, ``task_statuses``, ``task_types``) may hold dicts or ids. Its
    ``data``, when given, replaces the project's metadata whole (use update_project_data to merge).

    Args:
        project: The project dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project is not a dict with a valid ``id``; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(require_dict(project, "project", "id"))
    return crud_ops.put_data_projects_instance_id(client, json=with_link_ids(project), instance_id=project_id)


def update_project_data(
    project: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> Project:
    """Merge values into a project's custom data; keys not given keep their values.

    The project is read fresh from the server first.

    Args:
        project: The project, as a dict or its id.
        data: The keys and values to set.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no project has this id.
    """
    client = resolve(client)
    project_id = model_id(project)
    current = crud_ops.get_data_projects_instance_id(client, instance_id=project_id)
    merged = {**(current.get("data") or {}), **(data or {})}
    return crud_ops.put_data_projects_instance_id(client, json={"data": merged}, instance_id=project_id)


def close_project(project: ModelOrId, client: KitsuClient | None = None) -> Project:
    """Close a project: set its status to the project status named "closed".

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
        UnexpectedResponseException: the server has no project status named "closed".
    """
    client = resolve(client)
    project_id = model_id(project)
    closed = find_closed_status(all_project_status(client=client))
    return crud_ops.put_data_projects_instance_id(
        client, json={"project_status_id": closed["id"]}, instance_id=project_id
    )


# --- production settings -------------------------------------------------------------------------


def add_asset_type(project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Add an asset type to the ones a project uses.

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project or asset_type is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    payload = {"asset_type_id": model_id(asset_type)}
    return projects_ops.post_data_projects_project_id_settings_asset_types(
        client, json=payload, project_id=model_id(project)
    )


def add_task_type(
    project: ModelOrId, task_type: ModelOrId, priority: int, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a task type to the ones a project uses, at a given position.

    Args:
        project: The project, as a dict or its id.
        task_type: The task type, as a dict or its id.
        priority: Its position among the project's task types (the column order in Kitsu).
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project or task_type is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    payload = {"task_type_id": model_id(task_type), "priority": priority}
    return projects_ops.post_data_projects_project_id_settings_task_types(
        client, json=payload, project_id=model_id(project)
    )


def add_task_status(project: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Add a task status to the ones a project uses.

    Args:
        project: The project, as a dict or its id.
        task_status: The task status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project or task_status is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    payload = {"task_status_id": model_id(task_status)}
    return projects_ops.post_data_projects_project_id_settings_task_status(
        client, json=payload, project_id=model_id(project)
    )


def remove_task_type(project: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a task type from the ones a project uses (the task type itself is kept).

    Args:
        project: The project, as a dict or its id.
        task_type: The task type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project or task_type is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_task_types_task_type_id(
        client,
        raw=True,
        project_id=model_id(project),
        task_type_id=model_id(task_type),
    ).text


def remove_task_status(project: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a task status from the ones a project uses (the task status itself is kept).

    Args:
        project: The project, as a dict or its id.
        task_status: The task status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project or task_status is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_task_status_task_status_id(
        client,
        raw=True,
        project_id=model_id(project),
        task_status_id=model_id(task_status),
    ).text


@cache
def get_project_task_types(project: ModelOrId, client: KitsuClient | None = None) -> list[TaskType]:
    """List the task types a project uses.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task type dicts, in the server's order.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_task_types(client, project_id=model_id(project))


@cache
def get_project_task_statuses(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """List the task statuses a project uses.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of task status dicts, in the server's order.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_settings_task_status(client, project_id=model_id(project))


@cache
def all_status_automations(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """List the status automations a project uses.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of status automation dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_settings_status_automations(client, project_id=model_id(project))


def add_status_automation(
    project: ModelOrId, automation: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a status automation to the ones a project uses.

    Args:
        project: The project, as a dict or its id.
        automation: A dict naming the automation: ``{"status_automation_id": <id>}``.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.post_data_projects_project_id_settings_status_automations(
        client, json=automation, project_id=model_id(project)
    )


def remove_status_automation(project: ModelOrId, automation: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a status automation from the ones a project uses.

    Args:
        project: The project, as a dict or its id.
        automation: The status automation, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project or automation is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_status_automations_status_automation_id(
        client,
        raw=True,
        project_id=model_id(project),
        status_automation_id=model_id(automation),
    ).text


@cache
def get_preview_background_files(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """List the preview background files (backgrounds of the 3D viewer) a project uses.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of preview background file dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_settings_preview_background_files(
        client, project_id=model_id(project)
    )


def add_preview_background_file(
    project: ModelOrId, background_file: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a preview background file to the ones a project uses.

    Args:
        project: The project, as a dict or its id.
        background_file: A dict naming the file: ``{"preview_background_file_id": <id>}``.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.post_data_projects_project_id_settings_preview_background_files(
        client,
        json=background_file,
        project_id=model_id(project),
    )


def remove_preview_background_file(
    project: ModelOrId, background_file: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove a preview background file from the ones a project uses.

    Args:
        project: The project, as a dict or its id.
        background_file: The preview background file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project or background_file is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_preview_background_files_preview_background_file_id(
        client,
        raw=True,
        project_id=model_id(project),
        preview_background_file_id=model_id(background_file),
    ).text


# --- metadata descriptors --------------------------------------------------------------------------


def add_metadata_descriptor(
    project: ModelOrId,
    name: str,
    entity_type: str,
    data_type: str = "string",
    choices: list[str] | None = None,
    for_client: bool = False,
    departments: list[ModelOrId] | None = None,
    task_type_id: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a metadata descriptor (a custom column) on a project.

    Args:
        project: The project, as a dict or its id.
        name: The column's name.
        entity_type: What it describes: ``"Asset"``, ``"Shot"``, ``"Edit"``, ``"Episode"``, ``"Sequence"``,
            ``"Project"`` or ``"Task"``.
        data_type: The type of its values; ``"string"`` by default (Zou also knows ``"number"``,
            ``"boolean"``, ``"list"``, ``"taglist"``, ``"checklist"``...).
        choices: The values allowed; an empty list (the default) leaves values free.
        for_client: Show the column to client users.
        departments: The departments that see the column, as dicts or ids; all when empty.
        task_type_id: The task type the column belongs to, as a dict or its id: needed when entity_type is
            ``"Task"``, refused otherwise.
        client: The client to use; the default client when None.

    Returns:
        The created metadata descriptor dict (``id``, ``name``, ``field_name``, ``data_type``, ...).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    payload: dict[str, Any] = {
        "name": name,
        "data_type": data_type,
        "choices": choices or [],
        "for_client": for_client,
        "entity_type": entity_type,
        "departments": normalize_list_of_models_for_links(departments or []),
    }
    if task_type_id is not None:
        payload["task_type_id"] = model_id(task_type_id)
    return projects_ops.post_data_projects_project_id_metadata_descriptors(
        client, json=payload, project_id=model_id(project)
    )


def get_metadata_descriptor(
    project: ModelOrId, metadata_descriptor_id: ModelOrId, client: KitsuClient | None = None
) -> MetadataDescriptor:
    """Fetch one metadata descriptor of a project by its id.

    Args:
        project: The project, as a dict or its id.
        metadata_descriptor_id: The metadata descriptor, as its id or a dict.
        client: The client to use; the default client when None.

    Returns:
        The metadata descriptor dict.

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
        RouteNotFoundException: no metadata descriptor has this id.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_metadata_descriptors_metadata_descriptor_id(
        client,
        project_id=model_id(project),
        metadata_descriptor_id=model_id(metadata_descriptor_id),
    )


def get_metadata_descriptor_by_field_name(
    project: ModelOrId, field_name: str, client: KitsuClient | None = None
) -> MetadataDescriptor | None:
    """Find a metadata descriptor of a project by its field name (the key its values have in ``data``).

    Args:
        project: The project, as a dict or its id.
        field_name: The descriptor's field name.
        client: The client to use; the default client when None.

    Returns:
        The matching metadata descriptor dict, or None when there is none.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params = {"project_id": model_id(project), "field_name": field_name}
    return first_or_none(crud_ops.get_data_metadata_descriptors(client, params=params))


def all_metadata_descriptors(
    project: ModelOrId, client: KitsuClient | None = None, *, entity_type: str | None = None
) -> list[MetadataDescriptor]:
    """List the metadata descriptors (custom columns) of a project.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.
        entity_type: Keyword only: keep only the descriptors of this entity type (``"Asset"``, ``"Shot"``,
            ``"Project"``, ..., case-sensitive, as Zou spells it); all when None.

    Returns:
        A list of metadata descriptor dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    descriptors = projects_ops.get_data_projects_project_id_metadata_descriptors(client, project_id=model_id(project))
    if entity_type is None:
        return descriptors
    return [descriptor for descriptor in descriptors if descriptor.get("entity_type") == entity_type]


def update_metadata_descriptor(
    project: ModelOrId, metadata_descriptor: dict[str, Any], client: KitsuClient | None = None
) -> MetadataDescriptor:
    """Save the fields of a metadata descriptor dict.

    Args:
        project: The project, as a dict or its id.
        metadata_descriptor: The descriptor dict, with its ``id`` and the fields to change; ``departments`` may
            hold dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        The updated metadata descriptor dict.

    Raises:
        InvalidParameterValueException: metadata_descriptor is not a dict with a valid ``id``, or project is
            invalid; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    descriptor_id = model_id(require_dict(metadata_descriptor, "metadata_descriptor", "id"))
    return projects_ops.put_data_projects_project_id_metadata_descriptors_metadata_descriptor_id(
        client,
        json=with_link_ids(metadata_descriptor, ("departments",)),
        project_id=project_id,
        metadata_descriptor_id=descriptor_id,
    )


def remove_metadata_descriptor(
    project: ModelOrId, metadata_descriptor_id: ModelOrId, force: bool = False, client: KitsuClient | None = None
) -> str:
    """Delete a metadata descriptor of a project.

    Args:
        project: The project, as a dict or its id.
        metadata_descriptor_id: The metadata descriptor, as its id or a dict.
        force: Delete it even when entities hold values for it (those values are dropped).
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_metadata_descriptors_metadata_descriptor_id(
        client,
        params={"force": True} if force else None,
        raw=True,
        project_id=model_id(project),
        metadata_descriptor_id=model_id(metadata_descriptor_id),
    ).text


def reorder_metadata_descriptors(
    project: ModelOrId, entity_type: str, descriptor_ids: list[ModelOrId], client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Set the order of a project's metadata descriptors for one entity type.

    Args:
        project: The project, as a dict or its id.
        entity_type: The entity type whose descriptors are reordered (``"Asset"``, ``"Shot"``, ``"Edit"``,
            ``"Episode"``, ``"Sequence"`` or ``"Project"``).
        descriptor_ids: The descriptors, as dicts or ids, in the wanted order.
        client: The client to use; the default client when None.

    Returns:
        A list of the reordered metadata descriptor dicts.

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    payload = {"entity_type": entity_type, "descriptor_ids": normalize_list_of_models_for_links(descriptor_ids)}
    return projects_ops.post_data_projects_project_id_metadata_descriptors_reorder(
        client, json=payload, project_id=model_id(project)
    )


# --- team ----------------------------------------------------------------------------------------


def get_team(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """List the people of a project's team.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of person dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_team(client, project_id=model_id(project))


def add_person_to_team(
    project: ModelOrId, person: ModelOrId, role: str | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a person to a project's team.

    Args:
        project: The project, as a dict or its id.
        person: The person, as a dict or its id.
        role: The person's role on this project only (``"user"``, ``"supervisor"``, ``"manager"``,
            ``"client"`` or ``"vendor"``); None keeps their studio-wide role.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict.

    Raises:
        InvalidParameterValueException: project or person is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    payload = drop_none({"person_id": model_id(person), "role": role})
    return projects_ops.post_data_projects_project_id_team(client, json=payload, project_id=model_id(project))


def update_team_member_role(
    project: ModelOrId, person: ModelOrId, role: str | None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Set the role a team member has on one project only.

    Args:
        project: The project, as a dict or its id.
        person: The team member, as a dict or its id.
        role: ``"user"``, ``"supervisor"``, ``"manager"``, ``"client"`` or ``"vendor"``; None gives the
            person back their studio-wide role.
        client: The client to use; the default client when None.

    Returns:
        The team link dict (``project_id``, ``person_id``, ``role``).

    Raises:
        InvalidParameterValueException: project or person is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        projects_ops.put_data_projects_project_id_team_person_id(
            client,
            json={"role": role},
            project_id=model_id(project),
            person_id=model_id(person),
        ),
    )


def remove_person_from_team(project: ModelOrId, person: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a person from a project's team.

    Args:
        project: The project, as a dict or its id.
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project or person is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_team_person_id(
        client,
        raw=True,
        project_id=model_id(project),
        person_id=model_id(person),
    ).text


# --- milestones and quotas -----------------------------------------------------------------------


@cache
def get_milestones(project: ModelOrId, client: KitsuClient | None = None) -> list[Milestone]:
    """List the production milestones of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of milestone dicts (``date``, ``name``, ``task_type_id``, ...).

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_milestones(client, project_id=model_id(project))


@cache
def get_project_quotas(project: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch the weighted quotas of a project's people for one task type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        task_type: The task type the quotas are counted for, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each person id (and ``"total"``) to its quotas per ``day``, ``week``, ``month`` and
        ``year``.

    Raises:
        InvalidParameterValueException: project or task_type is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return shots_ops.get_data_projects_project_id_quotas_task_type_id(
        client,
        project_id=model_id(project),
        task_type_id=model_id(task_type),
    )


@cache
def get_project_person_quotas(
    project: ModelOrId, person: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Fetch the weighted quotas of one person in a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each task type id (and ``"total"``) to the quotas per ``day``, ``week``, ``month`` and
        ``year``.

    Raises:
        InvalidParameterValueException: project or person is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return shots_ops.get_data_projects_project_id_quotas_persons_person_id(
        client,
        project_id=model_id(project),
        person_id=model_id(person),
    )


# --- budgets -------------------------------------------------------------------------------------


@cache
def get_budgets(project: ModelOrId, client: KitsuClient | None = None) -> list[Budget]:
    """List the budgets of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of budget dicts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets(client, project_id=model_id(project))


def create_budget(
    project: ModelOrId,
    name: str,
    description: str | None = None,
    currency: str | None = None,
    start_date: Any = None,
    end_date: Any = None,
    amount: int | float | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a budget on a project; optional fields left None are not sent.

    Args:
        project: The project, as a dict or its id.
        name: The budget's name.
        description: Its description.
        currency: Its currency code, e.g. ``"EUR"`` or ``"USD"``.
        start_date: Its first day, as a date, a datetime or an ISO string (sent as ``YYYY-MM-DD``).
        end_date: Its last day, in the same forms.
        amount: Its overall amount.
        client: The client to use; the default client when None.

    Returns:
        The created budget dict.

    Raises:
        InvalidParameterValueException: project is invalid or a date is not a date; nothing is sent.
    """
    client = resolve(client)
    payload = drop_none(
        {
            "name": name,
            "description": description,
            "currency": currency,
            "start_date": to_date_string(start_date),
            "end_date": to_date_string(end_date),
            "amount": amount,
        }
    )
    return projects_ops.post_data_projects_project_id_budgets(client, json=payload, project_id=model_id(project))


@cache
def get_budget(project: ModelOrId, budget: ModelOrId, client: KitsuClient | None = None) -> Budget:
    """Fetch one budget of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The budget dict.

    Raises:
        InvalidParameterValueException: project or budget is not a dict with an id nor a UUID.
        RouteNotFoundException: no budget has this id in the project.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets_budget_id(
        client, project_id=model_id(project), budget_id=model_id(budget)
    )


def update_budget(
    project: ModelOrId, budget: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None
) -> Budget:
    """Change fields of a budget.

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        data: The fields to set (``name``, ``description``, ``currency``, ``amount``, ...).
        client: The client to use; the default client when None.

    Returns:
        The updated budget dict.

    Raises:
        InvalidParameterValueException: project or budget is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.put_data_projects_project_id_budgets_budget_id(
        client,
        json=data,
        project_id=model_id(project),
        budget_id=model_id(budget),
    )


def remove_budget(project: ModelOrId, budget: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a budget of a project.

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: project or budget is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_budgets_budget_id(
        client,
        raw=True,
        project_id=model_id(project),
        budget_id=model_id(budget),
    ).text


@cache
def get_budget_entries(
    project: ModelOrId, budget: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """List the entries of a budget.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of budget entry dicts.

    Raises:
        InvalidParameterValueException: project or budget is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets_budget_id_entries(
        client,
        project_id=model_id(project),
        budget_id=model_id(budget),
    )


def budget_entry_payload(
    name: str,
    date: Any = None,
    amount: int | float | None = None,
    quantity: int | float | None = None,
    unit_price: int | float | None = None,
    description: str | None = None,
    category: ModelOrId | None = None,
) -> dict[str, Any]:
    """Build the body of a budget entry: gazu's fields plus the staffing fields Zou 1.0.97 stores them in.

    Zou's budget entry is a staffing line (department, start date, months, daily salary): category is the
    department (dict or id), date the start date, quantity the number of months, unit_price the daily salary.
    Fields left None are not sent.

    Args:
        name: The entry's name.
        date: Its start date, as a date, a datetime or an ISO string.
        amount: Its total amount.
        quantity: Its number of months.
        unit_price: Its daily salary.
        description: Its description.
        category: Its department, as a dict or its id.

    Returns:
        The body dict, with both gazu's names (``date``, ``quantity``, ``unit_price``, ``category``) and Zou's
        (``start_date``, ``months_duration``, ``daily_salary``, ``department_id``).

    Raises:
        InvalidParameterValueException: category is not a dict with an id nor a UUID, or date is not a date.
    """
    start_date = to_date_string(date)
    department_id = optional_id(category)
    return drop_none(
        {
            "name": name,
            "date": start_date,
            "amount": amount,
            "quantity": quantity,
            "unit_price": unit_price,
            "description": description,
            "category": department_id,
            "department_id": department_id,
            "start_date": start_date,
            "months_duration": quantity,
            "daily_salary": unit_price,
        }
    )


def create_budget_entry(
    project: ModelOrId,
    budget: ModelOrId,
    name: str,
    date: Any = None,
    amount: int | float | None = None,
    quantity: int | float | None = None,
    unit_price: int | float | None = None,
    description: str | None = None,
    category: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create an entry (a staffing line) in a budget.

    In Zou 1.0.97 an entry is a staffing line, so gazu's fields are stored as: category, the department;
    date, the start date; quantity, the number of months; unit_price, the daily salary. Fields left None are
    not sent.

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        name: The entry's name.
        date: Its start date, as a date, a datetime or an ISO string.
        amount: Its total amount.
        quantity: Its number of months.
        unit_price: Its daily salary.
        description: Its description.
        category: Its department, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The created budget entry dict.

    Raises:
        InvalidParameterValueException: an id is invalid or date is not a date; nothing is sent.
    """
    client = resolve(client)
    payload = budget_entry_payload(name, date, amount, quantity, unit_price, description, category)
    return projects_ops.post_data_projects_project_id_budgets_budget_id_entries(
        client,
        json=payload,
        project_id=model_id(project),
        budget_id=model_id(budget),
    )


@cache
def get_budget_entry(
    project: ModelOrId, budget: ModelOrId, entry: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Fetch one entry of a budget.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        entry: The budget entry, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The budget entry dict.

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
        RouteNotFoundException: no such entry in the budget.
    """
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets_budget_id_entries_entry_id(
        client,
        project_id=model_id(project),
        budget_id=model_id(budget),
        entry_id=model_id(entry),
    )


BUDGET_ENTRY_FIELDS = (
    "department_id",
    "person_id",
    "start_date",
    "months_duration",
    "daily_salary",
    "position",
    "seniority",
    "exceptions",
)


def merge_budget_entry(current: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Build a full budget entry update: the entry's editable fields, overridden by data.

    Zou 1.0.97 sets to null every editable field a PUT leaves out (and fails on department_id), so a partial
    update must carry the current values of the other fields.

    Args:
        current: The budget entry as the server has it.
        data: The fields to change.

    Returns:
        A new dict: the entry's set editable fields, then data's fields over them.
    """
    return {**{key: current.get(key) for key in BUDGET_ENTRY_FIELDS if current.get(key) is not None}, **data}


def update_budget_entry(
    project: ModelOrId, budget: ModelOrId, entry: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Change fields of a budget entry; the fields not given keep their values.

    The entry is read first, since Zou 1.0.97 clears the fields a PUT leaves out.

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        entry: The budget entry, as a dict or its id.
        data: The fields to set (Zou's names: ``name``, ``department_id``, ``start_date``,
            ``months_duration``, ``daily_salary``, ...).
        client: The client to use; the default client when None.

    Returns:
        The updated budget entry dict.

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
        RouteNotFoundException: no such entry in the budget.
    """
    client = resolve(client)
    path: dict[str, Any] = {"project_id": model_id(project), "budget_id": model_id(budget), "entry_id": model_id(entry)}
    current = projects_ops.get_data_projects_project_id_budgets_budget_id_entries_entry_id(client, **path)
    return cast(
        "dict[str, Any]",
        projects_ops.put_data_projects_project_id_budgets_budget_id_entries_entry_id(
            client,
            json=merge_budget_entry(current, data),
            **path,
        ),
    )


def remove_budget_entry(
    project: ModelOrId, budget: ModelOrId, entry: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Delete an entry of a budget.

    Args:
        project: The project, as a dict or its id.
        budget: The budget, as a dict or its id.
        entry: The budget entry, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_budgets_budget_id_entries_entry_id(
        client,
        raw=True,
        project_id=model_id(project),
        budget_id=model_id(budget),
        entry_id=model_id(entry),
    ).text
