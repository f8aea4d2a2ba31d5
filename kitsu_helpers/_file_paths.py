"""File-tree helpers of gazu's `files` and `entity` modules (re-exported there): paths, revisions, working files.

Differences from gazu, on purpose (gazu sends fields Zou 1.0.97 does not read):
- `build_working_file_path` and `new_working_file` send `sep` (gazu sends `separator`, or nothing), so the
  separator is honoured;
- `new_entity_output_file` and `new_asset_instance_output_file` send `mode`;
- `download_working_file` is atomic (temporary file renamed when complete); without `file_path` it writes the
  stored path only below a root the caller chose (`root=` or `KITSU_DOWNLOAD_ROOT`) and never replaces an
  existing file unless `overwrite=True` (gazu writes wherever the server's `path` says).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, cast

import httpx
from kitsu_api.calls import crud as crud_ops, files as files_ops

from . import _transfer
from ._coerce import drop_none
from ._deprecated import deprecated
from ._local_paths import download_root
from ._types import ModelOrId, Progress as ProgressArg, ProgressCallback
from .cache import cache
from .client import KitsuClient, resolve
from .errors import InvalidParameterValueException, UnsafeLocalPathException
from .helpers import model_id, optional_id

if TYPE_CHECKING:
    from kitsu_api.entities import Project


__all__ = [
    "build_asset_instance_output_file_path",
    "build_entity_output_file_path",
    "build_working_file_path",
    "download_working_file",
    "get_last_asset_instance_output_revision",
    "get_last_entity_output_revision",
    "get_last_working_file_revision",
    "get_next_asset_instance_output_revision",
    "get_next_entity_output_revision",
    "guess_from_path",
    "new_asset_instance_output_file",
    "new_entity_output_file",
    "new_working_file",
    "set_project_file_tree",
    "update_project_file_tree",
    "upload_working_file",
]


# --- pure helpers -------------------------------------------------------------------------------


def format_path(folder: str, name: str, sep: str) -> str:
    """Join a folder and a file name the way gazu shapes paths.

    Args:
        folder: The folder part.
        name: The file name part.
        sep: The separator put between them.

    Returns:
        ``folder + sep + name``, with every space of both parts turned into an underscore.
    """
    return f"{folder.replace(' ', '_')}{sep}{name.replace(' ', '_')}"


def output_path_payload(
    output_type_id: str,
    task_type_id: str,
    name: str,
    mode: str,
    representation: str,
    revision: int,
    nb_elements: int,
    sep: str,
) -> dict[str, Any]:
    """Build the body of an output-file-path request.

    Args:
        output_type_id: The output type's id.
        task_type_id: The task type's id.
        name: The file name suffix.
        mode: The template of the file tree to use (e.g. ``"output"``).
        representation: The representation (often a file format) the template may use.
        revision: The revision number to put in the path.
        nb_elements: How many files the output holds (more than 1 for an image sequence).
        sep: The path separator.

    Returns:
        A dict holding these fields under the names Zou reads.
    """
    return {
        "task_type_id": task_type_id,
        "output_type_id": output_type_id,
        "mode": mode,
        "name": name,
        "representation": representation,
        "revision": revision,
        "nb_elements": nb_elements,
        "separator": sep,
    }


def new_output_payload(
    output_type_id: str,
    task_type_id: str,
    comment: str,
    working_file_id: str | None,
    person_id: str | None,
    name: str,
    mode: str,
    revision: int,
    nb_elements: int,
    representation: str,
    sep: str,
    file_status_id: str | None,
) -> dict[str, Any]:
    """Build the body of a new-output-file request.

    Args:
        output_type_id: The output type's id.
        task_type_id: The task type's id.
        comment: The revision's comment.
        working_file_id: The source working file's id, or None.
        person_id: The author's id, or None.
        name: The file name suffix.
        mode: The template of the file tree to use.
        revision: The revision number; 0 for the next one.
        nb_elements: How many files the output holds.
        representation: The representation (often a file format).
        sep: The path separator.
        file_status_id: The file status to give it, or None.

    Returns:
        A dict holding these fields, the optional ids only when they are not None.
    """
    data: dict[str, Any] = {
        "output_type_id": output_type_id,
        "task_type_id": task_type_id,
        "comment": comment,
        "name": name,
        "mode": mode,
        "revision": revision,
        "representation": representation,
        "nb_elements": nb_elements,
        "sep": sep,
    }
    optional = {"working_file_id": working_file_id, "person_id": person_id, "file_status_id": file_status_id}
    data.update(drop_none(optional))
    return data


def revision_payload(output_type_id: str, task_type_id: str, name: str) -> dict[str, Any]:
    """Build the body of a next-revision request.

    Args:
        output_type_id: The output type's id.
        task_type_id: The task type's id.
        name: The file name suffix.

    Returns:
        A dict with ``name``, ``output_type_id`` and ``task_type_id``.
    """
    return {"name": name, "output_type_id": output_type_id, "task_type_id": task_type_id}


# --- paths built from the project's file tree ---------------------------------------------------


@cache
def build_working_file_path(
    task: ModelOrId,
    name: str = "main",
    mode: str = "working",
    software: ModelOrId | None = None,
    revision: int = 1,
    sep: str = "/",
    client: KitsuClient | None = None,
) -> str:
    """Build the path the project's file tree gives a working file of a task, without creating anything.

    Sends ``sep`` to Zou, so the separator is honoured (gazu's is not). Cached when the cache is enabled.

    Args:
        task: The task, as a dict or its id.
        name: The file name suffix.
        mode: The template of the file tree to use.
        software: The software the file comes from, as a dict or its id, or None.
        revision: The revision number to put in the path.
        sep: The path separator.
        client: The client to use; the default client when None.

    Returns:
        The folder and file name joined with sep, spaces turned into underscores, without an extension.
    """
    client = resolve(client)
    task_id, software_id = model_id(task), optional_id(software)
    data: dict[str, Any] = {"mode": mode, "name": name, "revision": revision, "sep": sep}
    if software_id is not None:
        data["software_id"] = software_id
    result = files_ops.post_data_tasks_task_id_working_file_path(client, json=data, task_id=task_id)
    return format_path(result["path"], result["name"], sep)


@cache
def build_entity_output_file_path(
    entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "main",
    mode: str = "output",
    representation: str = "",
    revision: int = 0,
    nb_elements: int = 1,
    sep: str = "/",
    client: KitsuClient | None = None,
) -> str:
    """Build the path the project's file tree gives an output file of an entity, without creating anything.

    Cached when the cache is enabled.

    Args:
        entity: The asset, shot or other entity, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type the output comes from, as a dict or its id.
        name: The file name suffix.
        mode: The template of the file tree to use.
        representation: The representation (often a file format) the template may use to pick folders.
        revision: The revision number to put in the path.
        nb_elements: How many files the output holds (more than 1 for an image sequence).
        sep: The path separator.
        client: The client to use; the default client when None.

    Returns:
        The folder and file name joined with sep, spaces turned into underscores, without an extension.
    """
    client = resolve(client)
    entity_id, output_type_id, task_type_id = model_id(entity), model_id(output_type), model_id(task_type)
    data = output_path_payload(output_type_id, task_type_id, name, mode, representation, revision, nb_elements, sep)
    result = files_ops.post_data_entities_entity_id_output_file_path(client, json=data, entity_id=entity_id)
    return format_path(result["folder_path"], result["file_name"], sep)


@cache
def build_asset_instance_output_file_path(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "main",
    representation: str = "",
    mode: str = "output",
    revision: int = 0,
    nb_elements: int = 1,
    sep: str = "/",
    client: KitsuClient | None = None,
) -> str:
    """Build the path the project's file tree gives an output file of an asset instance in a shot or scene.

    Nothing is created. Cached when the cache is enabled.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: The shot or scene the instance appears in, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type the output comes from, as a dict or its id.
        name: The file name suffix.
        representation: The representation (often a file format) the template may use to pick folders.
        mode: The template of the file tree to use.
        revision: The revision number to put in the path.
        nb_elements: How many files the output holds (more than 1 for an image sequence).
        sep: The path separator.
        client: The client to use; the default client when None.

    Returns:
        The folder and file name joined with sep, spaces turned into underscores, without an extension.
    """
    client = resolve(client)
    instance_id, temporal_id = model_id(asset_instance), model_id(temporal_entity)
    output_type_id, task_type_id = model_id(output_type), model_id(task_type)
    data = output_path_payload(output_type_id, task_type_id, name, mode, representation, revision, nb_elements, sep)
    result = files_ops.post_data_asset_instances_asset_instance_id_entities_temporal_entity_id_output_file_path(
        client,
        json=data,
        asset_instance_id=instance_id,
        temporal_entity_id=temporal_id,
    )
    return format_path(result["folder_path"], result["file_name"], sep)


def update_project_file_tree(
    project: ModelOrId, file_tree: dict[str, Any], client: KitsuClient | None = None
) -> Project:
    """Give a project the file tree template its paths are built from.

    Args:
        project: The project, as a dict or its id.
        file_tree: The template itself (the dict of ``working``/``output`` sections Zou reads), not a name.
        client: The client to use; the default client when None.

    Returns:
        The updated project dict, its ``file_tree`` set.

    Raises:
        InvalidParameterValueException: file_tree is not a dict, or project is not a valid id.
    """
    client = resolve(client)
    project_id = model_id(project)
    if not isinstance(file_tree, dict):
        raise InvalidParameterValueException(
            f"file_tree must be a dict (the template itself), not {type(file_tree).__name__}"
        )
    return crud_ops.put_data_projects_instance_id(client, json={"file_tree": file_tree}, instance_id=project_id)


@deprecated("files.set_project_file_tree", "files.update_project_file_tree", "1.1.13")
def set_project_file_tree(
    project: ModelOrId, file_tree_name: dict[str, Any], client: KitsuClient | None = None
) -> Project:
    """Give a project its file tree template (deprecated: use update_project_file_tree).

    gazu up to 1.1.13 took a template name here. Zou 1.0.97 has no route that sets a tree by name, so only the
    template dict is accepted.

    Args:
        project: The project, as a dict or its id.
        file_tree_name: The template dict (despite the name).
        client: The client to use; the default client when None.

    Returns:
        The updated project dict, its ``file_tree`` set.

    Raises:
        NotImplementedError: file_tree_name is a string (a template name).
        InvalidParameterValueException: file_tree_name is neither a string nor a dict.
    """
    if isinstance(file_tree_name, str):
        raise NotImplementedError("Zou 1.0.97 has no route to set a file tree by template name: pass the template dict")
    return update_project_file_tree(project, file_tree_name, client=client)


@cache
def guess_from_path(
    project_id: str, path: str, sep: str = "/", client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Find which file tree templates of a project a path matches, and the entities its parts name.

    Cached when the cache is enabled.

    Args:
        project_id: The project, as its id (a dict holding it is accepted too).
        path: The file path to read.
        sep: The separator used in path.
        client: The client to use; the default client when None.

    Returns:
        A list with one dict per matching template: ``"Template"`` holds its name, and each token found in the
        path (``"Project"``, ``"Sequence"``, ``"Shot"``, ``"Asset"``, ``"TaskType"``...) the id of the entity
        it names (or its value, for a plain value such as a version).
    """
    client = resolve(client)
    data = {"project_id": model_id(project_id), "file_path": path, "sep": sep}
    return files_ops.post_data_entities_guess_from_path(client, json=data)  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


# --- working and output files -------------------------------------------------------------------


def new_working_file(
    task: ModelOrId,
    name: str = "main",
    mode: str = "working",
    software: ModelOrId | None = None,
    comment: str = "",
    person: ModelOrId | None = None,
    revision: int = 0,
    sep: str = "/",
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a working file for a task, its path built from the project's file tree.

    Only the record is created; upload_working_file sends its content. Sends ``sep`` to Zou, so the separator
    is honoured (gazu's is not).

    Args:
        task: The task, as a dict or its id.
        name: The file name suffix.
        mode: The template of the file tree to use.
        software: The software the file comes from, as a dict or its id, or None.
        comment: The revision's comment.
        person: The author, as a dict or its id; the logged-in user when None.
        revision: The revision number; 0 for the next one (the last revision plus 1).
        sep: The path separator.
        client: The client to use; the default client when None.

    Returns:
        The created working file dict (``id``, ``name``, ``revision``, ``path``, ``task_id``, ...).
    """
    client = resolve(client)
    task_id, software_id, person_id = model_id(task), optional_id(software), optional_id(person)
    data: dict[str, Any] = {
        "name": name,
        "comment": comment,
        "task_id": task_id,
        "revision": revision,
        "mode": mode,
        "sep": sep,
    }
    if person_id is not None:
        data["person_id"] = person_id
    if software_id is not None:
        data["software_id"] = software_id
    return files_ops.post_data_tasks_task_id_working_files_new(client, json=data, task_id=task_id)


def new_entity_output_file(
    entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    comment: str,
    working_file: ModelOrId | None = None,
    person: ModelOrId | None = None,
    name: str = "main",
    mode: str = "output",
    revision: int = 0,
    nb_elements: int = 1,
    representation: str = "",
    sep: str = "/",
    file_status_id: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create an output file for an entity, its path built from the project's file tree.

    Sends ``mode`` to Zou (gazu does not), so the chosen template is used.

    Args:
        entity: The asset, shot or other entity, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type the output comes from, as a dict or its id.
        comment: The revision's comment.
        working_file: The working file it was made from, as a dict or its id, or None.
        person: The author, as a dict or its id; the logged-in user when None.
        name: The file name suffix.
        mode: The template of the file tree to use.
        revision: The revision number; 0 for the next one (the last revision plus 1).
        nb_elements: How many files the output holds (more than 1 for an image sequence).
        representation: The representation (often a file format), which the template may use to pick folders.
        sep: The path separator.
        file_status_id: The file status to give it, as its id (or a dict holding it); Zou's default when None.
        client: The client to use; the default client when None.

    Returns:
        The created output file dict (``id``, ``name``, ``revision``, ``path``, ``output_type_id``, ...).
    """
    client = resolve(client)
    entity_id, output_type_id, task_type_id = model_id(entity), model_id(output_type), model_id(task_type)
    data = new_output_payload(
        output_type_id, task_type_id, comment, optional_id(working_file), optional_id(person), name, mode,
        revision, nb_elements, representation, sep, optional_id(file_status_id),
    )  # fmt: skip
    return files_ops.post_data_entities_entity_id_output_files_new(client, json=data, entity_id=entity_id)


def new_asset_instance_output_file(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    comment: str,
    name: str = "master",
    mode: str = "output",
    working_file: ModelOrId | None = None,
    person: ModelOrId | None = None,
    revision: int = 0,
    nb_elements: int = 1,
    representation: str = "",
    sep: str = "/",
    file_status_id: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create an output file for an asset instance in a shot or scene, its path built from the project's file tree.

    Sends ``mode`` to Zou (gazu does not), so the chosen template is used.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: The shot or scene the instance appears in, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type the output comes from, as a dict or its id.
        comment: The revision's comment.
        name: The file name suffix.
        mode: The template of the file tree to use.
        working_file: The working file it was made from, as a dict or its id, or None.
        person: The author, as a dict or its id; the logged-in user when None.
        revision: The revision number; 0 for the next one (the last revision plus 1).
        nb_elements: How many files the output holds (more than 1 for an image sequence).
        representation: The representation (often a file format), which the template may use to pick folders.
        sep: The path separator.
        file_status_id: The file status to give it, as a dict or its id; Zou's default when None.
        client: The client to use; the default client when None.

    Returns:
        The created output file dict (``id``, ``name``, ``revision``, ``path``, ``asset_instance_id``, ...).
    """
    client = resolve(client)
    instance_id, temporal_id = model_id(asset_instance), model_id(temporal_entity)
    output_type_id, task_type_id = model_id(output_type), model_id(task_type)
    data = new_output_payload(
        output_type_id, task_type_id, comment, optional_id(working_file), optional_id(person), name, mode,
        revision, nb_elements, representation, sep, optional_id(file_status_id),
    )  # fmt: skip
    return files_ops.post_data_asset_instances_asset_instance_id_entities_temporal_entity_id_output_files_new(
        client,
        json=data,
        asset_instance_id=instance_id,
        temporal_entity_id=temporal_id,
    )


def get_next_entity_output_revision(
    entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "main",
    client: KitsuClient | None = None,
) -> int:
    """Ask which revision number the next output file of an entity would get.

    Args:
        entity: The asset, shot or other entity, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type, as a dict or its id.
        name: The output's file name suffix.
        client: The client to use; the default client when None.

    Returns:
        The next revision number (1 when there is no such output file yet).
    """
    client = resolve(client)
    entity_id, output_type_id, task_type_id = model_id(entity), model_id(output_type), model_id(task_type)
    data = revision_payload(output_type_id, task_type_id, name)
    return cast(
        "int",
        files_ops.post_data_entities_entity_id_output_files_next_revision(client, json=data, entity_id=entity_id)[
            "next_revision"
        ],
    )


def get_next_asset_instance_output_revision(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "master",
    client: KitsuClient | None = None,
) -> int:
    """Ask which revision number the next output file of an asset instance in a shot or scene would get.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: The shot or scene, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type, as a dict or its id.
        name: The output's file name suffix.
        client: The client to use; the default client when None.

    Returns:
        The next revision number (1 when there is no such output file yet).
    """
    client = resolve(client)
    instance_id, temporal_id = model_id(asset_instance), model_id(temporal_entity)
    data = revision_payload(model_id(output_type), model_id(task_type), name)
    answer = (
        files_ops.post_data_asset_instances_asset_instance_id_entities_temporal_entity_id_output_files_next_revision(
            client,
            json=data,
            asset_instance_id=instance_id,
            temporal_entity_id=temporal_id,
        )
    )
    return cast("int", answer["next_revision"])


def get_last_entity_output_revision(
    entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "main",
    client: KitsuClient | None = None,
) -> int:
    """Return the revision number of an entity's latest output file of this kind.

    Args:
        entity: The asset, shot or other entity, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type, as a dict or its id.
        name: The output's file name suffix.
        client: The client to use; the default client when None.

    Returns:
        The last revision number, 0 when no such output file exists yet.
    """
    return get_next_entity_output_revision(entity, output_type, task_type, name, client=client) - 1


def get_last_asset_instance_output_revision(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "master",
    client: KitsuClient | None = None,
) -> int:
    """Return the revision number of an asset instance's latest output file of this kind in a shot or scene.

    Args:
        asset_instance: The asset instance, as a dict or its id.
        temporal_entity: The shot or scene, as a dict or its id.
        output_type: The output type, as a dict or its id.
        task_type: The task type, as a dict or its id.
        name: The output's file name suffix.
        client: The client to use; the default client when None.

    Returns:
        The last revision number, 0 when no such output file exists yet.
    """
    return (
        get_next_asset_instance_output_revision(
            asset_instance, temporal_entity, output_type, task_type, name=name, client=client
        )
        - 1
    )


@cache
def get_last_working_file_revision(
    task: ModelOrId, name: str = "main", client: KitsuClient | None = None
) -> dict[str, Any] | None:
    """Return the latest working file of a task for a file name suffix.

    Cached when the cache is enabled.

    Args:
        task: The task, as a dict or its id.
        name: The file name suffix.
        client: The client to use; the default client when None.

    Returns:
        The working file dict of the highest revision with that name, or None when the task has none.
    """
    client = resolve(client)
    last = files_ops.get_data_tasks_task_id_working_files_last_revisions(client, task_id=model_id(task))
    return last.get(name)


def upload_working_file(
    working_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> dict[str, Any]:
    """Send a local file as a working file's content, streamed from disk.

    Args:
        working_file: The working file, as a dict or its id.
        file_path: The local file to send.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` during the upload.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The working file dict, as the server answers after storing the file.

    Raises:
        FileDoesntExistException: file_path is not a file; nothing is sent.
    """
    client = resolve(client)
    answer = _transfer.upload(
        client,
        "post_data_working_files_working_file_id_file",
        file_path=file_path,
        progress=progress,
        progress_callback=progress_callback,
        working_file_id=model_id(working_file),
    )
    return cast("dict[str, Any]", answer)


def download_working_file(
    working_file: ModelOrId,
    file_path: str | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    overwrite: bool | None = None,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Save a working file's content on disk, atomically (written to a temporary file, renamed when complete).

    Without file_path, the path stored on the working file is used, but since it is server data it is written
    only below a root folder the caller chose (root=, else the ``KITSU_DOWNLOAD_ROOT`` environment variable),
    and an existing file there is kept unless overwrite is True. An explicit file_path is replaced as gazu does,
    unless overwrite is False, and is held below root only when root is given.

    Args:
        working_file: The working file, as a dict or its id.
        file_path: Where to save the file; the working file's stored path (below root) when None.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` during the download.
        root: The folder the saved file must lie below; required (here or through ``KITSU_DOWNLOAD_ROOT``) when
            file_path is None.
        overwrite: Whether an existing file may be replaced; None means True with file_path, False without.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response of the download (its body already written to the file).

    Raises:
        UnsafeLocalPathException: no root is known for the stored path, the working file has no stored path, or
            the path resolves outside root.
        LocalFileExistsException: the file exists and overwrite does not allow replacing it.
        DownloadFileException: the transfer was cut short; no partial file is left.
    """
    client = resolve(client)
    working_file_id = model_id(working_file)
    if file_path is None:
        root = download_root(root)
        file_path = crud_ops.get_data_working_files_instance_id(client, instance_id=working_file_id)["path"]
        if not isinstance(file_path, str) or not file_path:
            raise UnsafeLocalPathException(f"working file {working_file_id} has no stored path: name a file_path")
        overwrite = bool(overwrite)
    elif overwrite is None:
        overwrite = True
    return _transfer.download(
        client,
        "get_data_working_files_working_file_id_file",
        file_path,
        progress=progress,
        progress_callback=progress_callback,
        root=root,
        overwrite=overwrite,
        working_file_id=working_file_id,
    )
