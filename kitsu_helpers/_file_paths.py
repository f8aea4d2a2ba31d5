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
from collections.abc import Callable
from typing import Any, cast

import httpx
from kitsu_api.calls import crud as crud_ops, files as files_ops

from ._deprecated import deprecated
from ._local_paths import download_root
from .cache import cache
from .client import KitsuClient, download, resolve, upload
from .errors import InvalidParameterValueException, UnsafeLocalPathException
from .helpers import ModelOrId, model_id, optional_id
from .progress import Progress as ProgressArg

Progress = Callable[[int, int], Any] | None

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
    """Return folder and file name joined with sep, spaces turned into underscores (gazu's path shape)."""
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
    """Return the body of an output-file-path request."""
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
    """Return the body of a new output file request (optional ids only when given)."""
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
    data.update({key: value for key, value in optional.items() if value is not None})
    return data


def revision_payload(output_type_id: str, task_type_id: str, name: str) -> dict[str, Any]:
    """Return the body of a next-revision request."""
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
    """Return the working file path (without extension) the project's file tree gives a task."""
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
    """Return the output file path (without extension) the project's file tree gives an entity."""
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
    """Return the output file path (without extension) of an asset instance in a shot or scene."""
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
) -> dict[str, Any]:
    """Return the project after setting file_tree as its file path template."""
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
) -> dict[str, Any]:
    """Return the project after setting its file tree, given as the template dict (gazu <= 1.1.13 took a
    template name: Zou 1.0.97 has no route that sets a tree by name, so a name raises NotImplementedError)."""
    if isinstance(file_tree_name, str):
        raise NotImplementedError("Zou 1.0.97 has no route to set a file tree by template name: pass the template dict")
    return update_project_file_tree(project, file_tree_name, client=client)


@cache
def guess_from_path(
    project_id: str, path: str, sep: str = "/", client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the file tree templates matching path, with the entities its tokens name."""
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
    """Return a new working file of a task (revision 0 means the next one), its path from the file tree."""
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
    """Return a new output file of an entity (revision 0 means the next one), its path from the file tree."""
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
    """Return a new output file of an asset instance in a shot or scene, its path from the file tree."""
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
    """Return the next output revision number of an entity for an output type, task type and name."""
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
    """Return the next output revision number of an asset instance in a shot or scene."""
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
    """Return the last output revision number of an entity (0 when there is none yet)."""
    return get_next_entity_output_revision(entity, output_type, task_type, name, client=client) - 1


def get_last_asset_instance_output_revision(
    asset_instance: ModelOrId,
    temporal_entity: ModelOrId,
    output_type: ModelOrId,
    task_type: ModelOrId,
    name: str = "master",
    client: KitsuClient | None = None,
) -> int:
    """Return the last output revision number of an asset instance (0 when there is none yet)."""
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
    """Return the last working file of a task for a name, or None."""
    client = resolve(client)
    last = files_ops.get_data_tasks_task_id_working_files_last_revisions(client, task_id=model_id(task))
    return last.get(name)


def upload_working_file(
    working_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: Progress = None,
    *,
    progress: ProgressArg = None,
) -> dict[str, Any]:
    """Return the working file after streaming file_path into its storage (progress=True: a tqdm bar)."""
    client = resolve(client)
    url = client.url_of("post_data_working_files_working_file_id_file", working_file_id=model_id(working_file))
    return cast(
        "dict[str, Any]", upload(url, file_path, client=client, progress_callback=progress_callback, progress=progress)
    )


def download_working_file(
    working_file: ModelOrId,
    file_path: str | None = None,
    client: KitsuClient | None = None,
    progress_callback: Progress = None,
    *,
    root: str | os.PathLike[str] | None = None,
    overwrite: bool | None = None,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Return the response after saving a working file's content at file_path (by default, at its stored path;
    progress=True: a tqdm bar).

    The stored path is server data: without file_path it is written only below root (root=, else the folder
    named by KITSU_DOWNLOAD_ROOT; refused with UnsafeLocalPathException when neither is set or the path
    resolves outside), and an existing file there is kept unless overwrite=True (LocalFileExistsException).
    An explicit file_path is the caller's choice: replaced as in gazu unless overwrite=False, and contained only
    when root= is given."""
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
    url = client.url_of("get_data_working_files_working_file_id_file", working_file_id=working_file_id)
    return download(
        url, file_path, client=client, progress_callback=progress_callback, root=root, overwrite=overwrite,
        progress=progress,
    )  # fmt: skip
