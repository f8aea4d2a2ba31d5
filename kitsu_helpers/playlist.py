"""gazu's `playlist` module: playlists, their entities and previews, movie builds, zips and share links."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Literal

import httpx
from kitsu_api.calls import crud as crud_ops, playlists as playlists_ops

from . import _transfer
from ._shared import first_named, first_or_none
from ._types import ModelOrId, Progress as ProgressArg, ProgressCallback
from .cache import cache
from .client import KitsuClient, resolve
from .errors import InvalidParameterValueException
from .helpers import model_id, optional_id, require_dict
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import BuildJob, Playlist

ForEntity = Literal["shot", "asset", "sequence", "edit", "episode"]


# --- pure helpers ---------------------------------------------------------------------------------


def latest_preview_file(preview_files: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """Return the most recently created of the first (newest) revisions of each task type, or None.

    Args:
        preview_files: Preview files grouped by task type id, newest first, as
            ``get_entity_preview_files`` returns them.

    Returns:
        The newest preview file dict, or None when there is none.
    """
    newest = [files[0] for files in preview_files.values() if files]
    return max(newest, key=lambda preview: preview.get("created_at") or "", default=None)


def playlist_entry(entity_id: str, preview_file_id: str | None) -> dict[str, Any]:
    """Return a playlist entry (the shape Zou stores in a playlist's "shots").

    Args:
        entity_id: The id of the shot, asset, sequence... to show.
        preview_file_id: The id of the preview to show for it, or None to leave it out.

    Returns:
        A dict with ``entity_id`` and, when given, ``preview_file_id``.
    """
    entry: dict[str, Any] = {"entity_id": entity_id}
    if preview_file_id is not None:
        entry["preview_file_id"] = preview_file_id
    return entry


def playlist_payload(playlist: dict[str, Any]) -> dict[str, Any]:
    """Return a playlist dict as Zou accepts it back: a never-filled "shots" (None) is left out.

    Args:
        playlist: The playlist dict.

    Returns:
        A new dict with the same fields, without ``shots`` when it is None.

    Raises:
        InvalidParameterValueException: When playlist is not a dict.
    """
    if not isinstance(playlist, dict):
        raise InvalidParameterValueException(f"playlist must be a dict with its id, not {type(playlist).__name__}")
    return {key: value for key, value in playlist.items() if not (key == "shots" and value is None)}


# --- playlists ------------------------------------------------------------------------------------


@cache
def all_playlists(client: KitsuClient | None = None) -> list[Playlist]:
    """Return every playlist of every project, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of playlist dicts.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_playlists(client))


@cache
def all_shots_for_playlist(playlist: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the entries ("shots") of a playlist, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        playlist: The playlist, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of entry dicts (``entity_id``, ``preview_file_id``, names and preview details...).
    """
    client = resolve(client)
    fetched = crud_ops.get_data_playlists_instance_id(client, instance_id=model_id(playlist))
    return sort_by_name(fetched.get("shots") or [])


@cache
def all_playlists_for_project(project: ModelOrId, client: KitsuClient | None = None, page: int = 1) -> list[Playlist]:
    """Return one page of a project's playlists, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.
        page: The page to read, from 1.

    Returns:
        A list of playlist dicts (without their entries).
    """
    client = resolve(client)
    project_id = model_id(project)
    return sort_by_name(playlists_ops.get_data_projects_project_id_playlists(client, page=page, project_id=project_id))


@cache
def all_playlists_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Playlist]:
    """Return the playlists of an episode, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id (a dict with ``project_id`` saves one request).
        client: The client to use; the default client when None.

    Returns:
        A list of playlist dicts.
    """
    client = resolve(client)
    episode_id = model_id(episode)
    project_id = episode.get("project_id") if isinstance(episode, dict) else None
    if not project_id:
        project_id = crud_ops.get_data_entities_instance_id(client, instance_id=episode_id)["project_id"]
    return sort_by_name(
        playlists_ops.get_data_projects_project_id_episodes_episode_id_playlists(
            client, project_id=project_id, episode_id=episode_id
        )
    )


@cache
def get_playlist(playlist: ModelOrId, client: KitsuClient | None = None) -> Playlist:
    """Return the playlist with this id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        playlist: The playlist, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The playlist dict, with its entries in ``shots``.

    Raises:
        RouteNotFoundException: When no playlist has that id.
    """
    client = resolve(client)
    return crud_ops.get_data_playlists_instance_id(client, instance_id=model_id(playlist))


@cache
def get_playlist_by_name(project: ModelOrId, name: str, client: KitsuClient | None = None) -> Playlist | None:
    """Return the playlist of a project with this name, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        name: The exact name of the playlist.
        client: The client to use; the default client when None.

    Returns:
        The playlist dict, or None.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    params = {"project_id": model_id(project), "name": name}
    return first_named(crud_ops.get_data_playlists, client, params)


def new_playlist(
    project: ModelOrId,
    name: str,
    episode: ModelOrId | None = None,
    for_entity: ForEntity = "shot",
    for_client: bool = False,
    is_for_all: bool = False,
    client: KitsuClient | None = None,
) -> Playlist:
    """Return the project's playlist with this name, created first when missing.

    Args:
        project: The project, as a dict or its id.
        name: The playlist's name.
        episode: The episode it belongs to, as a dict or its id; a project-level playlist when None.
        for_entity: What it lists: ``"shot"``, ``"asset"``, ``"sequence"``, ``"episode"`` or ``"edit"``.
        for_client: Share it with the project's clients.
        is_for_all: Without an episode, file it under "All Assets" instead of "Main Pack" in Kitsu.
        client: The client to use; the default client when None.

    Returns:
        The playlist dict (the existing one when the name is taken in the project).
    """
    client = resolve(client)
    project_id = model_id(project)
    data: dict[str, Any] = {
        "name": name,
        "project_id": project_id,
        "for_entity": for_entity,
        "for_client": for_client,
        "is_for_all": is_for_all,
    }
    episode_id = optional_id(episode)
    if episode_id is not None:
        data["episode_id"] = episode_id
    existing = first_or_none(crud_ops.get_data_playlists(client, params={"project_id": project_id, "name": name}))
    if existing is not None:
        return existing
    return crud_ops.post_data_playlists(client, json=data)


def update_playlist(playlist: dict[str, Any], client: KitsuClient | None = None) -> Playlist:
    """Return the playlist after saving the given playlist dict (entries are replaced by its "shots").

    Args:
        playlist: The playlist dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated playlist dict.

    Raises:
        InvalidParameterValueException: When playlist is not a dict.
    """
    client = resolve(client)
    return crud_ops.put_data_playlists_instance_id(
        client, json=playlist_payload(playlist), instance_id=model_id(playlist)
    )


def delete_playlist(playlist: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a playlist; return the answer's text (empty on success).

    Args:
        playlist: The playlist, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return crud_ops.delete_data_playlists_instance_id(client, raw=True, instance_id=model_id(playlist)).text


# --- entities in playlists ------------------------------------------------------------------------


def get_entity_preview_files(entity: ModelOrId, client: KitsuClient | None = None) -> dict[str, list[dict[str, Any]]]:
    """Return an entity's preview files grouped by task type id (newest revision first).

    Args:
        entity: The shot, asset... as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping task type ids to lists of preview file dicts, newest revision first.
    """
    client = resolve(client)
    return playlists_ops.get_data_playlists_entities_entity_id_preview_files(client, entity_id=model_id(entity))


def add_entity_to_playlist(
    playlist: dict[str, Any],
    entity: ModelOrId,
    preview_file: ModelOrId | None = None,
    persist: bool = True,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Return the playlist with the entity added (with its latest preview unless one is given).

    Args:
        playlist: The playlist dict (with its ``shots`` entries); it is not modified.
        entity: The shot, asset... to add, as a dict or its id.
        preview_file: The preview to show, as a dict or its id; the entity's newest preview when None.
        persist: Save the change to the server; when False only the returned dict changes.
        client: The client to use; the default client when None.

    Returns:
        The updated playlist dict: the server's when persisted, else a copy with the new entry.
    """
    client = resolve(client)
    entity_id = model_id(entity)
    preview_file_id = optional_id(preview_file)
    if preview_file_id is None:
        latest = latest_preview_file(get_entity_preview_files(entity_id, client=client))
        preview_file_id = None if latest is None else latest["id"]
    entry = playlist_entry(entity_id, preview_file_id)
    if persist:
        return playlists_ops.post_actions_playlists_playlist_id_add_entity(
            client, json=entry, playlist_id=model_id(playlist)
        )
    return {**playlist, "shots": [*(playlist.get("shots") or []), entry]}


def remove_entity_from_playlist(
    playlist: dict[str, Any], entity: ModelOrId, persist: bool = True, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Return the playlist (modified in place, as gazu does) without any entry of the entity.

    Args:
        playlist: The playlist dict (with its ``shots`` entries); it is modified in place. It must hold
            its ``id`` when persist is True.
        entity: The entity to remove, as a dict or its id.
        persist: Save the change to the server; when False only the returned dict changes.
        client: The client to use; the default client when None.

    Returns:
        The same playlist dict, without the entity's entries.

    Raises:
        InvalidParameterValueException: When playlist is not a dict (or lacks its id when persisting).
    """
    client = resolve(client)
    require_dict(playlist, "playlist", *(("id",) if persist else ()))
    entity_id = model_id(entity)
    playlist["shots"] = [entry for entry in playlist.get("shots") or [] if entry["entity_id"] != entity_id]
    if persist:
        update_playlist(playlist, client=client)
    return playlist


def update_entity_preview(
    playlist: dict[str, Any],
    entity: ModelOrId,
    preview_file: ModelOrId,
    persist: bool = True,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Return the playlist (modified in place, as gazu does) with the entity's entries set to a preview.

    Args:
        playlist: The playlist dict (with its ``shots`` entries); it is modified in place. It must hold
            its ``id`` when persist is True.
        entity: The entity whose entries change, as a dict or its id.
        preview_file: The preview to show for it, as a dict or its id.
        persist: Save the change to the server; when False only the returned dict changes.
        client: The client to use; the default client when None.

    Returns:
        The same playlist dict, with the new preview on the entity's entries.

    Raises:
        InvalidParameterValueException: When playlist is not a dict (or lacks its id when persisting).
    """
    client = resolve(client)
    require_dict(playlist, "playlist", *(("id",) if persist else ()))
    entity_id, preview_file_id = model_id(entity), model_id(preview_file)
    for entry in playlist.get("shots") or []:
        if entry["entity_id"] == entity_id:
            entry["preview_file_id"] = preview_file_id
    if persist:
        update_playlist(playlist, client=client)
    return playlist


# --- builds and downloads -------------------------------------------------------------------------


@cache
def get_build_job(playlist: ModelOrId, build_job: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return a build job of a playlist.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        playlist: The playlist, as a dict or its id.
        build_job: The build job, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The build job dict (``status``, ``created_at``, ...).
    """
    client = resolve(client)
    return playlists_ops.get_data_playlists_playlist_id_jobs_build_job_id(
        client,
        playlist_id=model_id(playlist),
        build_job_id=model_id(build_job),
    )


def remove_build_job(playlist: ModelOrId, build_job: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a build job of a playlist; return the answer's text (empty on success).

    Args:
        playlist: The playlist, as a dict or its id.
        build_job: The build job, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    response = playlists_ops.delete_data_playlists_playlist_id_jobs_build_job_id(
        client,
        raw=True,
        playlist_id=model_id(playlist),
        build_job_id=model_id(build_job),
    )
    return response.text


@cache
def all_build_jobs_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[BuildJob]:
    """Return every playlist build job of a project.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of build job dicts.
    """
    client = resolve(client)
    return playlists_ops.get_data_projects_project_id_build_jobs(client, project_id=model_id(project))


def build_playlist_movie(playlist: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Start building a playlist's movie; return the build job.

    The movie is built by the server in the background.

    Args:
        playlist: The playlist, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The build job dict; poll ``get_build_job`` until its ``status`` is ``succeeded``.
    """
    client = resolve(client)
    return playlists_ops.get_data_playlists_playlist_id_build_mp4(client, playlist_id=model_id(playlist))


def download_playlist_build(
    playlist: ModelOrId,
    build_job: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Download a built playlist movie to file_path (atomically); return the response.

    The movie is written to a temporary file and renamed when complete, so file_path never holds a partial file.

    Args:
        playlist: The playlist, as a dict or its id.
        build_job: The build job, as a dict or its id.
        file_path: Where to write the movie.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.
        progress: True to draw a tqdm bar (when tqdm is installed), a ``callback(done, total)``, or None
            for nothing.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_data_playlists_playlist_id_jobs_build_job_id_build_mp4",
        file_path,
        progress_callback=progress_callback,
        progress=progress,
        playlist_id=model_id(playlist),
        build_job_id=model_id(build_job),
    )


def download_playlist_zip(
    playlist: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Download a zip of a playlist's previews to file_path (atomically); return the response.

    Args:
        playlist: The playlist, as a dict or its id.
        file_path: Where to write the zip file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(received_bytes, total_bytes)`` while the file
            downloads.
        progress: True to draw a tqdm bar (when tqdm is installed), a ``callback(done, total)``, or None
            for nothing.

    Returns:
        The (closed) HTTP response; the file is at file_path.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_data_playlists_playlist_id_download_zip",
        file_path,
        progress_callback=progress_callback,
        progress=progress,
        playlist_id=model_id(playlist),
    )


def generate_temp_playlist(project: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None) -> Any:
    """Return a temporary playlist (entries with their previews) built from the given task ids.

    Args:
        project: The project, as a dict or its id.
        data: The request body, ``{"task_ids": [...]}``.
        client: The client to use; the default client when None.

    Returns:
        The generated entries, as the server answers them (a list of entry dicts with their previews).
    """
    client = resolve(client)
    return playlists_ops.post_data_projects_project_id_playlists_temp(client, json=data, project_id=model_id(project))


def notify_clients_playlist_ready(playlist: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Notify the project's clients that a playlist is ready; return the answer.

    Args:
        playlist: The playlist, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer, a dict.
    """
    client = resolve(client)
    return playlists_ops.post_data_playlists_playlist_id_notify_clients(client, json={}, playlist_id=model_id(playlist))


# --- share links ----------------------------------------------------------------------------------


def new_share_link(
    playlist: ModelOrId,
    expiration_date: str | datetime.date | None = None,
    can_comment: bool = True,
    password: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a share link for a playlist; return it (with its token).

    Only managers and administrators may create one.

    Args:
        playlist: The playlist, as a dict or its id.
        expiration_date: When the link stops working, as an ISO date string or a date; never when None.
        can_comment: Let the link's guests comment.
        password: A password guests must give, or None for none.
        client: The client to use; the default client when None.

    Returns:
        The share link dict, with its ``token``.
    """
    client = resolve(client)
    data: dict[str, Any] = {"can_comment": can_comment}
    if expiration_date:
        data["expiration_date"] = expiration_date  # as given, like gazu: Zou reads a bare date as the day's end
    if password:
        data["password"] = password
    return playlists_ops.post_data_playlists_playlist_id_share(client, json=data, playlist_id=model_id(playlist))


def all_share_links_for_playlist(playlist: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the active share links of a playlist.

    Args:
        playlist: The playlist, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of share link dicts.
    """
    client = resolve(client)
    return playlists_ops.get_data_playlists_playlist_id_share(client, playlist_id=model_id(playlist))


def remove_share_link(playlist: ModelOrId, token: str, client: KitsuClient | None = None) -> str:
    """Revoke a share link of a playlist; return the answer's text.

    Args:
        playlist: The playlist, as a dict or its id.
        token: The token of the share link.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text.
    """
    client = resolve(client)
    response = playlists_ops.delete_data_playlists_playlist_id_share_token(
        client, raw=True, playlist_id=model_id(playlist), token=token
    )
    return response.text
