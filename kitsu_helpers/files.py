"""gazu's `files` module: output types, softwares, file statuses, output and working files, attachments, avatars.

Path building, file and revision creation, working-file transfers and preview files live in other modules and
are re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import httpx
from kitsu_api.calls import comments as comments_ops, crud as crud_ops, files as files_ops

from . import _transfer
from ._coerce import drop_none
from ._shared import first_named, first_or_none
from ._types import ModelOrId, ProgressCallback as ProgressCallback  # files' name too
from .cache import cache
from .client import KitsuClient, resolve
from .errors import InvalidParameterValueException
from .helpers import model_id, optional_id, require_str

# --- shared pieces --------------------------------------------------------------------------------


def output_file_filters(
    output_type: ModelOrId | None = None,
    task_type: ModelOrId | None = None,
    name: str | None = None,
    representation: str | None = None,
    file_status: ModelOrId | None = None,
    temporal_entity: ModelOrId | None = None,
) -> dict[str, Any]:
    """Return the query parameters shared by the output-file listings (empty filters left out).

    Args:
        output_type: Only files of this output type, as a dict or its id.
        task_type: Only files made for this task type, as a dict or its id.
        name: Only files with this name.
        representation: Only files with this representation (usually the file extension, e.g.
            ``"abc"``).
        file_status: Only files with this file status, as a dict or its id.
        temporal_entity: Only files for this shot or scene, as a dict or its id.

    Returns:
        A dict of query parameters (``output_type_id``, ``task_type_id``, ``name``, ...), without the
        empty ones.
    """
    params = {
        "temporal_entity_id": optional_id(temporal_entity),
        "output_type_id": optional_id(output_type),
        "task_type_id": optional_id(task_type),
        "representation": representation or None,
        "name": name or None,
        "file_status_id": optional_id(file_status),
    }
    return drop_none(params)


# --- output types ---------------------------------------------------------------------------------


@cache
def all_output_types(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every output type.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of output type dicts (``id``, ``name``, ``short_name``).
    """
    client = resolve(client)
    return cast("list[dict[str, Any]]", crud_ops.get_data_output_types(client))


@cache
def all_output_types_for_entity(entity: ModelOrId, client: KitsuClient | None = None) -> list[OutputType]:
    """Return the output types used by the output files of an entity.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        entity: The asset, shot... as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output type dicts.
    """
    client = resolve(client)
    return files_ops.get_data_entities_entity_id_output_types(client, entity_id=model_id(entity))


@cache
def all_output_types_for_asset_instance(
    asset_instance: ModelOrId, temporal_entity: ModelOrId, client: KitsuClient | None = None
) -> list[OutputType]:
    """Return the output types used by an asset instance's output files in a shot or scene.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: The shot or scene, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output type dicts.
    """
    client = resolve(client)
    return files_ops.get_data_asset_instances_asset_instance_id_entities_temporal_entity_id_output_types(
        client,
        asset_instance_id=model_id(asset_instance),
        temporal_entity_id=model_id(temporal_entity),
    )


@cache
def get_output_type(output_type_id: str, client: KitsuClient | None = None) -> OutputType:
    """Return the output type with this id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        output_type_id: The output type, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The output type dict.
    """
    client = resolve(client)
    return crud_ops.get_data_output_types_instance_id(client, instance_id=model_id(output_type_id))


@cache
def get_output_type_by_name(output_type_name: str, client: KitsuClient | None = None) -> OutputType | None:
    """Return the output type with this name, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        output_type_name: The exact name.
        client: The client to use; the default client when None.

    Returns:
        The output type dict, or None.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_output_types, client, {"name": output_type_name})


def new_output_type(name: str, short_name: str, client: KitsuClient | None = None) -> OutputType:
    """Return the output type with this name, created first when missing.

    Args:
        name: The output type's name.
        short_name: Its short name, shown in Kitsu.
        client: The client to use; the default client when None.

    Returns:
        The output type dict (the existing one when the name is taken).

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    existing = first_named(crud_ops.get_data_output_types, client, {"name": name})
    if existing is not None:
        return existing
    return crud_ops.post_data_output_types(client, json={"name": name, "short_name": short_name})


# --- output files ---------------------------------------------------------------------------------


@cache
def get_output_file(output_file_id: str, client: KitsuClient | None = None) -> OutputFile:
    """Return the output file with this id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        output_file_id: The output file, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The output file dict.
    """
    client = resolve(client)
    return crud_ops.get_data_output_files_instance_id(client, instance_id=model_id(output_file_id))


@cache
def get_output_file_by_path(path: str, client: KitsuClient | None = None) -> OutputFile | None:
    """Return the output file stored at this path, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        path: The file's path, as stored in Zou.
        client: The client to use; the default client when None.

    Returns:
        The output file dict, or None.
    """
    client = resolve(client)
    return first_or_none(crud_ops.get_data_output_files(client, params={"path": path}))


def all_output_files_for_entity(
    entity: ModelOrId,
    output_type: ModelOrId | None = None,
    task_type: ModelOrId | None = None,
    name: str | None = None,
    representation: str | None = None,
    file_status: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> list[OutputFile]:
    """Return an entity's output files, filtered by output type, task type, name, representation, status.

    Filters left as None are not applied.

    Args:
        entity: The asset or shot, as a dict or its id.
        output_type: Only files of this output type, as a dict or its id.
        task_type: Only files made for this task type, as a dict or its id.
        name: Only files with this name.
        representation: Only files with this representation (usually the file extension, e.g.
            ``"abc"``).
        file_status: Only files with this file status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output file dicts (``id``, ``name``, ``revision``, ``path``, ``representation``, ...).
    """
    client = resolve(client)
    entity_id = model_id(entity)
    params = output_file_filters(output_type, task_type, name, representation, file_status)
    return files_ops.get_data_entities_entity_id_output_files(client, params=params, entity_id=entity_id)


@cache
def all_output_files_for_asset_instance(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId | None = None,
    task_type: ModelOrId | None = None,
    output_type: ModelOrId | None = None,
    name: str | None = None,
    representation: str | None = None,
    file_status: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> list[OutputFile]:
    """Return an asset instance's output files, optionally for one shot or scene and the other filters.

    Filters left as None are not applied.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: Only files for this shot, scene or sequence, as a dict or its id.
        task_type: Only files made for this task type, as a dict or its id.
        output_type: Only files of this output type, as a dict or its id.
        name: Only files with this name.
        representation: Only files with this representation (usually the file extension, e.g.
            ``"abc"``).
        file_status: Only files with this file status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output file dicts (``id``, ``name``, ``revision``, ``path``, ``representation``, ...).
    """
    client = resolve(client)
    instance_id = model_id(asset_instance)
    params = output_file_filters(output_type, task_type, name, representation, file_status, temporal_entity)
    return files_ops.get_data_asset_instances_asset_instance_id_output_files(
        client, params=params, asset_instance_id=instance_id
    )


def all_output_files_for_project(
    project: ModelOrId,
    output_type: ModelOrId | None = None,
    task_type: ModelOrId | None = None,
    name: str | None = None,
    representation: str | None = None,
    file_status: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> list[OutputFile]:
    """Return a project's output files, filtered by output type, task type, name, representation, status.

    Filters left as None are not applied.

    Args:
        project: The project, as a dict or its id.
        output_type: Only files of this output type, as a dict or its id.
        task_type: Only files made for this task type, as a dict or its id.
        name: Only files with this name.
        representation: Only files with this representation (usually the file extension, e.g.
            ``"abc"``).
        file_status: Only files with this file status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output file dicts (``id``, ``name``, ``revision``, ``path``, ``representation``, ...).
    """
    client = resolve(client)
    project_id = model_id(project)
    params = output_file_filters(output_type, task_type, name, representation, file_status)
    return files_ops.get_data_projects_project_id_output_files(client, params=params, project_id=project_id)


@cache
def get_last_output_files_for_entity(
    entity: ModelOrId,
    output_type: ModelOrId | None = None,
    task_type: ModelOrId | None = None,
    name: str | None = None,
    representation: str | None = None,
    file_status: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> list[dict[str, Any]]:
    """Return the last revision of each of an entity's output files, with the same filters.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        entity: The asset or shot, as a dict or its id.
        output_type: Only files of this output type, as a dict or its id.
        task_type: Only files made for this task type, as a dict or its id.
        name: Only files with this name.
        representation: Only files with this representation (usually the file extension, e.g.
            ``"abc"``).
        file_status: Only files with this file status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output file dicts (``id``, ``name``, ``revision``, ``path``, ``representation``, ...).
    """
    client = resolve(client)
    entity_id = model_id(entity)
    params = output_file_filters(output_type, task_type, name, representation, file_status)
    return files_ops.get_data_entities_entity_id_output_files_last_revisions(client, params=params, entity_id=entity_id)  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_last_output_files_for_asset_instance(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId,
    task_type: ModelOrId | None = None,
    output_type: ModelOrId | None = None,
    name: str | None = None,
    representation: str | None = None,
    file_status: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> list[dict[str, Any]]:
    """Return the last revision of each output file of an asset instance in a shot or scene.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: The shot or scene, as a dict or its id.
        task_type: Only files made for this task type, as a dict or its id.
        output_type: Only files of this output type, as a dict or its id.
        name: Only files with this name.
        representation: Only files with this representation (usually the file extension, e.g.
            ``"abc"``).
        file_status: Only files with this file status, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of output file dicts (``id``, ``name``, ``revision``, ``path``, ``representation``, ...).
    """
    client = resolve(client)
    instance_id, temporal_id = model_id(asset_instance), model_id(temporal_entity)
    params = output_file_filters(output_type, task_type, name, representation, file_status)
    return files_ops.get_data_asset_instances_asset_instance_id_entities_temporal_entity_id_output_files_last_revisions(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        params=params,
        asset_instance_id=instance_id,
        temporal_entity_id=temporal_id,
    )


def update_output_file(output_file: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None) -> OutputFile:
    """Return the output file after saving the given fields on it.

    Args:
        output_file: The output file, as a dict or its id.
        data: The fields to change, e.g. ``{"comment": ...}``.
        client: The client to use; the default client when None.

    Returns:
        The updated output file dict.
    """
    client = resolve(client)
    return crud_ops.put_data_output_files_instance_id(client, json=data, instance_id=model_id(output_file))


# --- working files --------------------------------------------------------------------------------


@cache
def get_all_working_files_for_entity(
    entity: ModelOrId, task: ModelOrId | None = None, name: str | None = None, client: KitsuClient | None = None
) -> list[WorkingFile]:
    """Return an entity's working files, optionally only for one task and/or one name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        entity: The asset, shot... as a dict or its id.
        task: Only files of this task, as a dict or its id.
        name: Only files with this name.
        client: The client to use; the default client when None.

    Returns:
        A list of working file dicts (``id``, ``name``, ``revision``, ``path``, ``task_id``, ...).
    """
    client = resolve(client)
    entity_id = model_id(entity)
    params = {"task_id": optional_id(task), "name": name}
    return files_ops.get_data_entities_entity_id_working_files(client, params=params, entity_id=entity_id)


@cache
def get_working_files_for_task(task: ModelOrId, client: KitsuClient | None = None) -> list[WorkingFile]:
    """Return every working file of a task.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of working file dicts (every revision of every name).
    """
    client = resolve(client)
    return files_ops.get_data_tasks_task_id_working_files(client, task_id=model_id(task))


@cache
def get_last_working_files(task: ModelOrId, client: KitsuClient | None = None) -> dict[str, dict[str, Any]]:
    """Return a task's last working file revision for each name, keyed by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each working file name to its last revision's dict.
    """
    client = resolve(client)
    return files_ops.get_data_tasks_task_id_working_files_last_revisions(client, task_id=model_id(task))


@cache
def get_working_file(working_file_id: str, client: KitsuClient | None = None) -> WorkingFile:
    """Return the working file with this id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        working_file_id: The working file, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The working file dict.
    """
    client = resolve(client)
    return crud_ops.get_data_working_files_instance_id(client, instance_id=model_id(working_file_id))


def update_comment(working_file: ModelOrId, comment: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the working file after replacing its comment.

    Args:
        working_file: The working file, as a dict or its id.
        comment: The new comment text.
        client: The client to use; the default client when None.

    Returns:
        The updated working file dict.

    Raises:
        InvalidParameterValueException: When comment is not a str (nothing is sent).
    """
    client = resolve(client)
    working_file_id = model_id(working_file)
    return files_ops.put_actions_working_files_working_file_id_comment(
        client,
        json={"comment": require_str(comment, "comment")},
        working_file_id=working_file_id,
    )


def update_modification_date(working_file: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the working file after setting its modification date to now.

    Args:
        working_file: The working file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated working file dict.
    """
    client = resolve(client)
    working_file_id = model_id(working_file)
    return files_ops.put_actions_working_files_working_file_id_modified(
        client, json={}, working_file_id=working_file_id
    )


# --- softwares ------------------------------------------------------------------------------------


@cache
def all_softwares(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every software.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of software dicts (``id``, ``name``, ``short_name``, ``file_extension``, ...).
    """
    client = resolve(client)
    return cast("list[dict[str, Any]]", crud_ops.get_data_softwares(client))


@cache
def get_software(software_id: str, client: KitsuClient | None = None) -> Software:
    """Return the software with this id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        software_id: The software, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The software dict.
    """
    client = resolve(client)
    return crud_ops.get_data_softwares_instance_id(client, instance_id=model_id(software_id))


@cache
def get_software_by_name(software_name: str, client: KitsuClient | None = None) -> Software | None:
    """Return the software with this name, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        software_name: The exact name.
        client: The client to use; the default client when None.

    Returns:
        The software dict, or None.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_softwares, client, {"name": software_name})


def new_software(
    name: str,
    short_name: str,
    file_extension: str,
    secondary_extensions: list[str] | None = None,
    client: KitsuClient | None = None,
) -> Software:
    """Return the software with this name, created first when missing.

    Args:
        name: The software's name.
        short_name: Its short name, shown in Kitsu.
        file_extension: The extension of the files it makes, e.g. ``"ma"``.
        secondary_extensions: Other extensions it makes (e.g. ``["mb"]``), or None.
        client: The client to use; the default client when None.

    Returns:
        The software dict (the existing one when the name is taken; it is not updated).

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    existing = first_named(crud_ops.get_data_softwares, client, {"name": name})
    if existing is not None:
        return existing
    data: dict[str, Any] = {"name": name, "short_name": short_name, "file_extension": file_extension}
    if secondary_extensions is not None:
        data["secondary_extensions"] = list(secondary_extensions)
    return crud_ops.post_data_softwares(client, json=data)


def update_software(software: dict[str, Any], client: KitsuClient | None = None) -> Software:
    """Return the software after saving the given software dict (which must hold its id).

    Args:
        software: The software dict, holding its ``id`` and the fields to save (such as
            ``secondary_extensions``).
        client: The client to use; the default client when None.

    Returns:
        The updated software dict.

    Raises:
        InvalidParameterValueException: When software is not a dict.
    """
    client = resolve(client)
    if not isinstance(software, dict):
        raise InvalidParameterValueException(f"software must be a dict with its id, not {type(software).__name__}")
    return crud_ops.put_data_softwares_instance_id(client, json=software, instance_id=model_id(software))


# --- file statuses --------------------------------------------------------------------------------


def new_file_status(name: str, color: str, client: KitsuClient | None = None) -> FileStatus:
    """Return the file status with this name, created first when missing.

    Args:
        name: The status's name.
        color: Its colour, as a hex string such as ``"#00FF00"``.
        client: The client to use; the default client when None.

    Returns:
        The file status dict (the existing one when the name is taken).

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    existing = first_named(crud_ops.get_data_file_status, client, {"name": name})
    if existing is not None:
        return existing
    return crud_ops.post_data_file_status(client, json={"name": name, "color": color})


@cache
def get_file_status(status_id: str, client: KitsuClient | None = None) -> FileStatus:
    """Return the file status with this id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        status_id: The file status, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The file status dict.
    """
    client = resolve(client)
    return crud_ops.get_data_file_status_instance_id(client, instance_id=model_id(status_id))


@cache
def get_file_status_by_name(name: str, client: KitsuClient | None = None) -> FileStatus | None:
    """Return the file status with this name, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        name: The exact name.
        client: The client to use; the default client when None.

    Returns:
        The file status dict, or None.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_file_status, client, {"name": name})


# --- attachments ----------------------------------------------------------------------------------


@cache
def get_all_attachment_files_for_task(task: ModelOrId, client: KitsuClient | None = None) -> list[AttachmentFile]:
    """Return the attachment files of a task's comments.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of attachment file dicts (``id``, ``name``, ``extension``, ``comment_id``, ...).
    """
    client = resolve(client)
    return comments_ops.get_data_tasks_task_id_attachment_files(client, task_id=model_id(task))


def get_all_attachment_files_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[AttachmentFile]:
    """Return the attachment files of every comment of a project.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of attachment file dicts.
    """
    client = resolve(client)
    return comments_ops.get_data_projects_project_id_attachment_files(client, project_id=model_id(project))


def get_attachment_file(attachment_file_id: str, client: KitsuClient | None = None) -> AttachmentFile:
    """Return the attachment file with this id.

    Args:
        attachment_file_id: The attachment file, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The attachment file dict.
    """
    client = resolve(client)
    return crud_ops.get_data_attachment_files_instance_id(client, instance_id=model_id(attachment_file_id))


def download_attachment_file(
    attachment_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> httpx.Response:
    """Download an attachment file to file_path (atomically); return the response.

    Args:
        attachment_file: The attachment file, as a dict or its id.
        file_path: Where to write the file (written to a temporary file, renamed when complete).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    client = resolve(client)
    attachment = get_attachment_file(model_id(attachment_file), client=client)
    return _transfer.download(
        client,
        "get_data_attachment_files_attachment_file_id_file_file_name",
        file_path,
        progress_callback=progress_callback,
        attachment_file_id=attachment["id"],
        file_name=attachment["name"],
    )


def get_attachment_thumbnail_url(attachment_file: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the path (below the API host) of an attachment file's thumbnail.

    Args:
        attachment_file: The attachment file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The thumbnail's path below the API host, without a leading slash
        (``pictures/thumbnails/attachment-files/<id>.png``).
    """
    client = resolve(client)
    return client.path_of(
        "get_pictures_thumbnails_attachment_files_attachment_file_id_png",
        attachment_file_id=model_id(attachment_file),
    )


def download_attachment_thumbnail(
    attachment_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> httpx.Response:
    """Download an attachment file's thumbnail to file_path (atomically); return the response.

    Args:
        attachment_file: The attachment file, as a dict or its id.
        file_path: Where to write the file (written to a temporary file, renamed when complete).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_pictures_thumbnails_attachment_files_attachment_file_id_png",
        file_path,
        progress_callback=progress_callback,
        attachment_file_id=model_id(attachment_file),
    )


# --- avatars --------------------------------------------------------------------------------------

AVATAR_OPERATIONS = {
    "persons": ("get_pictures_thumbnails_persons_instance_id_png", "post_pictures_thumbnails_persons_instance_id"),
    "projects": ("get_pictures_thumbnails_projects_instance_id_png", "post_pictures_thumbnails_projects_instance_id"),
    "organisations": (
        "get_pictures_thumbnails_organisations_instance_id_png",
        "post_pictures_thumbnails_organisations_instance_id",
    ),
}


def _avatar_operation(kind: str, index: int) -> str:
    """Return the download (0) or upload (1) operation of an avatar kind; InvalidParameterValueException before
    any request for an unknown kind."""
    if not isinstance(kind, str) or kind not in AVATAR_OPERATIONS:
        raise InvalidParameterValueException(
            f"an avatar kind is one of {sorted(AVATAR_OPERATIONS)}, not {repr(kind)[:60]}; nothing was sent"
        )
    return AVATAR_OPERATIONS[kind][index]


def download_avatar(
    kind: str,
    model: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> httpx.Response:
    """Download the avatar of a person, project or organisation (kind) to file_path; return the response.

    Args:
        kind: ``"persons"``, ``"projects"`` or ``"organisations"``.
        model: The person, project or organisation, as a dict or its id.
        file_path: Where to write the file (written to a temporary file, renamed when complete).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.

    Returns:
        The (closed) HTTP response; the file is at file_path.

    Raises:
        InvalidParameterValueException: When kind is not one of the three (nothing is sent).
    """
    client = resolve(client)
    instance_id, operation = model_id(model), _avatar_operation(kind, 0)
    return _transfer.download(
        client, operation, file_path, progress_callback=progress_callback, instance_id=instance_id
    )


def upload_avatar(
    kind: str,
    model: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> dict[str, str]:
    """Upload file_path as the avatar of a person, project or organisation (kind); return {"thumbnail_path"}.

    Args:
        kind: ``"persons"``, ``"projects"`` or ``"organisations"``.
        model: The person, project or organisation, as a dict or its id.
        file_path: The path of the picture file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while the file
            uploads.

    Returns:
        A dict with ``thumbnail_path``, the avatar's path relative to the host.

    Raises:
        InvalidParameterValueException: When kind is not one of the three (nothing is sent).
        FileDoesntExistException: When there is no file at file_path.
        UploadFailedException: When the server refuses the file.
    """
    client = resolve(client)
    instance_id, operation = model_id(model), _avatar_operation(kind, 1)
    answer = _transfer.upload(
        client, operation, file_path=file_path, progress_callback=progress_callback, instance_id=instance_id
    )
    return cast("dict[str, str]", answer)


def download_person_avatar(
    person: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> httpx.Response:
    """Download a person's avatar to file_path (atomically); return the response.

    Args:
        person: The person, as a dict or its id.
        file_path: Where to write the file (written to a temporary file, renamed when complete).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    return download_avatar("persons", person, file_path, client, progress_callback)


def upload_person_avatar(
    person: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> dict[str, str]:
    """Upload file_path as a person's avatar; return {"thumbnail_path": ...}.

    Args:
        person: The person, as a dict or its id.
        file_path: The path of the picture file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while the file
            uploads.

    Returns:
        A dict with ``thumbnail_path``, the avatar's path relative to the host.

    Raises:
        FileDoesntExistException: When there is no file at file_path.
        UploadFailedException: When the server refuses the file.
    """
    return upload_avatar("persons", person, file_path, client, progress_callback)


def download_project_avatar(
    project: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> httpx.Response:
    """Download a project's avatar to file_path (atomically); return the response.

    Args:
        project: The project, as a dict or its id.
        file_path: Where to write the file (written to a temporary file, renamed when complete).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    return download_avatar("projects", project, file_path, client, progress_callback)


def upload_project_avatar(
    project: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> dict[str, str]:
    """Upload file_path as a project's avatar; return {"thumbnail_path": ...}.

    Args:
        project: The project, as a dict or its id.
        file_path: The path of the picture file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while the file
            uploads.

    Returns:
        A dict with ``thumbnail_path``, the avatar's path relative to the host.

    Raises:
        FileDoesntExistException: When there is no file at file_path.
        UploadFailedException: When the server refuses the file.
    """
    return upload_avatar("projects", project, file_path, client, progress_callback)


def download_organisation_avatar(
    organisation: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> httpx.Response:
    """Download an organisation's avatar to file_path (atomically); return the response.

    Args:
        organisation: The organisation, as a dict or its id.
        file_path: Where to write the file (written to a temporary file, renamed when complete).
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    return download_avatar("organisations", organisation, file_path, client, progress_callback)


def upload_organisation_avatar(
    organisation: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> dict[str, str]:
    """Upload file_path as an organisation's avatar; return {"thumbnail_path": ...}.

    Args:
        organisation: The organisation, as a dict or its id.
        file_path: The path of the picture file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while the file
            uploads.

    Returns:
        A dict with ``thumbnail_path``, the avatar's path relative to the host.

    Raises:
        FileDoesntExistException: When there is no file at file_path.
        UploadFailedException: When the server refuses the file.
    """
    return upload_avatar("organisations", organisation, file_path, client, progress_callback)


# Preview and file-path helpers live in their own modules; gazu users find them here, under gazu's names.
from ._file_paths import (  # noqa: E402
    build_asset_instance_output_file_path as build_asset_instance_output_file_path,
    build_entity_output_file_path as build_entity_output_file_path,
    build_working_file_path as build_working_file_path,
    download_working_file as download_working_file,
    get_last_asset_instance_output_revision as get_last_asset_instance_output_revision,
    get_last_entity_output_revision as get_last_entity_output_revision,
    get_last_working_file_revision as get_last_working_file_revision,
    get_next_asset_instance_output_revision as get_next_asset_instance_output_revision,
    get_next_entity_output_revision as get_next_entity_output_revision,
    new_asset_instance_output_file as new_asset_instance_output_file,
    new_entity_output_file as new_entity_output_file,
    new_working_file as new_working_file,
    set_project_file_tree as set_project_file_tree,
    update_project_file_tree as update_project_file_tree,
    upload_working_file as upload_working_file,
)
from ._previews import (  # noqa: E402
    download_options as download_options,
    download_preview_file as download_preview_file,
    download_preview_file_cover as download_preview_file_cover,
    download_preview_file_thumbnail as download_preview_file_thumbnail,
    download_preview_lowdef_movie as download_preview_lowdef_movie,
    download_preview_movie as download_preview_movie,
    extract_frame_from_preview as extract_frame_from_preview,
    extract_tile_from_preview as extract_tile_from_preview,
    get_all_preview_files_for_task as get_all_preview_files_for_task,
    get_preview_file as get_preview_file,
    get_preview_file_url as get_preview_file_url,
    get_preview_lowdef_movie_url as get_preview_lowdef_movie_url,
    get_preview_movie_url as get_preview_movie_url,
    get_running_preview_files as get_running_preview_files,
    remove_preview_file as remove_preview_file,
    update_preview as update_preview,
    update_preview_annotations as update_preview_annotations,
    update_preview_position as update_preview_position,
    wait_for_preview_file as wait_for_preview_file,
)

if TYPE_CHECKING:
    from kitsu_api.entities import AttachmentFile, FileStatus, OutputFile, OutputType, Software, WorkingFile
