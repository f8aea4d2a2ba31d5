"""Shots, sequences and episodes (`gazu.shot`), plus `new_shots` for bulk creation."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import breakdown as breakdown_ops, shots as shots_ops

from . import _transfer
from ._deprecated import deprecated
from ._entities import update_entity, web_url
from ._shared import delete_text, first_named, force_params, merged_data
from ._types import Grouped as Grouped, ModelOrId, Progress as ProgressArg, ProgressCallback  # shot.Grouped too
from .cache import cache
from .client import KitsuClient, resolve
from .errors import InvalidParameterValueException, ShotsCreationError
from .helpers import model_id, optional_id, require_dict
from .progress import progress_bar
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Entity, Episode, Sequence, Shot


OTIO_NAMING = "${project_name}_${sequence_name}-${shot_name}"
OTIO_EPISODE_NAMING = "${project_name}_${episode_name}-${sequence_name}-${shot_name}"


# --- pure helpers --------------------------------------------------------------------------------


def shot_payload(
    name: str,
    sequence_id: str,
    nb_frames: int | None = None,
    frame_in: int | None = None,
    frame_out: int | None = None,
    description: str | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Build the body Zou expects to create a shot.

    frame_in and frame_out are stored in the shot's ``data``, as gazu does; the given data dict is not
    modified.

    Args:
        name: The shot's name.
        sequence_id: The id of its sequence.
        nb_frames: Its number of frames; not sent when None.
        frame_in: Its first frame, stored in ``data``; not set when None.
        frame_out: Its last frame, stored in ``data``; not set when None.
        description: Its description; not sent when None.
        data: Custom data to store on the shot.

    Returns:
        A dict with ``name``, ``sequence_id``, ``data`` and the optional fields given.
    """
    extra = dict(data or {})
    if frame_in is not None:
        extra["frame_in"] = frame_in
    if frame_out is not None:
        extra["frame_out"] = frame_out
    payload: dict[str, Any] = {"name": name, "data": extra, "sequence_id": sequence_id}
    if nb_frames is not None:
        payload["nb_frames"] = nb_frames
    if description is not None:
        payload["description"] = description
    return payload


# --- lists -------------------------------------------------------------------------------------


@cache
def all_previews_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the preview files of a shot, grouped by task type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each task type id to the list of its preview file dicts (not a flat list).

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return shots_ops.get_data_shots_shot_id_preview_files(client, shot_id=model_id(shot))


@cache
def all_shots_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Shot]:
    """List the shots of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of shot dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_projects_project_id_shots(client, project_id=model_id(project)))


@cache
def all_shots_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Shot]:
    """List the shots of an episode.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of shot dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_episodes_episode_id_shots(client, episode_id=model_id(episode)))


@cache
def all_shots_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[Shot]:
    """List the shots of a sequence.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of shot dicts, sorted by name.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_sequences_sequence_id_shots(client, sequence_id=model_id(sequence)))


@cache
def all_sequences_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Sequence]:
    """List the sequences of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of sequence dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_projects_project_id_sequences(client, project_id=model_id(project)))


@cache
def all_sequences_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[Sequence]:
    """List the sequences of an episode.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of sequence dicts, sorted by name.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_episodes_episode_id_sequences(client, episode_id=model_id(episode)))


@cache
def all_episodes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Episode]:
    """List the episodes of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of episode dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_projects_project_id_episodes(client, project_id=model_id(project)))


# --- single entities ---------------------------------------------------------------------------


@cache
def get_episode(episode_id: str, client: KitsuClient | None = None) -> Episode:
    """Fetch one episode by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode_id: The episode's id (an episode dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The episode dict.

    Raises:
        InvalidParameterValueException: episode_id is not a UUID; nothing is sent.
        RouteNotFoundException: no episode has this id.
    """
    client = resolve(client)
    return shots_ops.get_data_episodes_episode_id(client, episode_id=model_id(episode_id))


@cache
def get_episode_by_name(project: ModelOrId, episode_name: str, client: KitsuClient | None = None) -> Episode | None:
    """Find an episode of a project by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        episode_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching episode dict, or None when the project has none with this name.

    Raises:
        InvalidParameterValueException: project is invalid or episode_name is empty; nothing is sent.
    """
    client = resolve(client)
    params = {"project_id": model_id(project), "name": episode_name}
    return first_named(shots_ops.get_data_episodes, client, params)


@cache
def get_episode_from_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> Episode | None:
    """Fetch the episode a sequence belongs to.

    The sequence is fetched first when it is given as an id or as a dict without ``parent_id``. Cached while
    the helper cache is enabled.

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The parent episode dict, or None for a sequence outside any episode.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: the sequence or its episode does not exist.
    """
    client = resolve(client)
    if not isinstance(sequence, dict) or "parent_id" not in sequence:
        sequence = _fetch_sequence(model_id(sequence), client)
    parent_id = sequence["parent_id"]
    return None if parent_id is None else get_episode(parent_id, client=client)


@cache
def get_sequence(sequence_id: str, client: KitsuClient | None = None) -> Sequence:
    """Fetch one sequence by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence_id: The sequence's id (a sequence dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The sequence dict.

    Raises:
        InvalidParameterValueException: sequence_id is not a UUID; nothing is sent.
        RouteNotFoundException: no sequence has this id.
    """
    return _fetch_sequence(model_id(sequence_id), resolve(client))


@cache
def get_sequence_by_name(
    project: ModelOrId, sequence_name: str, episode: ModelOrId | None = None, client: KitsuClient | None = None
) -> Sequence | None:
    """Find a sequence by its name, in a project or in one of its episodes.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        sequence_name: The exact name to look for (a non-empty string).
        episode: Look in this episode only (TV shows), as a dict or its id; the whole project when None.
        client: The client to use; the default client when None.

    Returns:
        The matching sequence dict, or None when there is none.

    Raises:
        InvalidParameterValueException: an id is invalid or sequence_name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    if episode_id is None:
        params = {"project_id": project_id, "name": sequence_name}
    else:
        params = {"episode_id": episode_id, "name": sequence_name}
    return first_named(shots_ops.get_data_sequences, client, params)


@cache
def get_sequence_from_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Sequence:
    """Fetch the sequence a shot belongs to.

    The shot is fetched first when it is given as an id or as a dict without ``parent_id``. Cached while the
    helper cache is enabled.

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The parent sequence dict.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: the shot or its sequence does not exist.
    """
    client = resolve(client)
    if not isinstance(shot, dict) or "parent_id" not in shot:
        shot = _fetch_shot(model_id(shot), client)
    return get_sequence(str(shot["parent_id"]), client=client)


@cache
def get_shot(shot_id: str, client: KitsuClient | None = None) -> Shot:
    """Fetch one shot by its id, with all its fields.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot_id: The shot's id (a shot dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The shot dict, including its tasks and its episode and sequence names.

    Raises:
        InvalidParameterValueException: shot_id is not a UUID; nothing is sent.
        RouteNotFoundException: no shot has this id.
    """
    return _fetch_shot(model_id(shot_id), resolve(client))


@cache
def get_shot_by_name(sequence: ModelOrId, shot_name: str, client: KitsuClient | None = None) -> Shot | None:
    """Find a shot of a sequence by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence, as a dict or its id.
        shot_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching shot dict, or None when the sequence has none with this name.

    Raises:
        InvalidParameterValueException: sequence is invalid or shot_name is empty; nothing is sent.
    """
    client = resolve(client)
    params = {"sequence_id": model_id(sequence), "name": shot_name}
    return first_named(shots_ops.get_data_shots_all, client, params)


@cache
def get_asset_instances_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the asset instances linked to a shot.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each asset id to the list of its asset instance dicts in the shot.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return breakdown_ops.get_data_shots_shot_id_asset_instances(client, shot_id=model_id(shot))


def all_asset_instances_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the asset instances linked to a shot (same as get_asset_instances_for_shot).

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each asset id to the list of its asset instance dicts in the shot.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    return get_asset_instances_for_shot(shot, client=client)


def _fetch_shot(shot_id: str, client: KitsuClient) -> Shot:
    return shots_ops.get_data_shots_shot_id(client, shot_id=shot_id)


def _fetch_sequence(sequence_id: str, client: KitsuClient) -> Sequence:
    return shots_ops.get_data_sequences_sequence_id(client, sequence_id=sequence_id)


def _fetch_episode(episode_id: str, client: KitsuClient) -> Episode:
    return shots_ops.get_data_episodes_episode_id(client, episode_id=episode_id)


# --- web URLs ----------------------------------------------------------------------------------


@cache
def get_episode_url(episode: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of an episode's shot list in the Kitsu web application.

    The episode is fetched to find its project. Cached while the helper cache is enabled.

    Args:
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no episode has this id.
    """
    client = resolve(client)
    found = _fetch_episode(model_id(episode), client)
    parts = ("productions", found["project_id"], "episodes", found["id"], "shots")
    return web_url(client, *parts, trailing_slash=False)


@cache
def get_shot_url(shot: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of a shot's page in the Kitsu web application.

    The shot is fetched to find its project and episode; in a TV show the address goes through the episode.
    Cached while the helper cache is enabled.

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no shot has this id.
    """
    client = resolve(client)
    found = _fetch_shot(model_id(shot), client)
    episode = ("episodes", found["episode_id"]) if found.get("episode_id") else ()
    return web_url(client, "productions", found["project_id"], *episode, "shots", found["id"])


@cache
def get_all_episodes_url(project: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of a project's episode list in the Kitsu web application.

    No request is sent. The page is only useful for TV shows; other projects show it empty. Cached while the
    helper cache is enabled.

    Args:
        project: The project, as a dict or its id.
        client: The client to use (its host gives the address); the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return web_url(client, "productions", model_id(project), "episodes")


@cache
def get_all_sequences_url(project: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of a project's sequence list in the Kitsu web application.

    No request is sent. Cached while the helper cache is enabled.

    Args:
        project: The project, as a dict or its id.
        client: The client to use (its host gives the address); the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return web_url(client, "productions", model_id(project), "sequences")


@cache
def get_sequence_url(sequence: ModelOrId, client: KitsuClient | None = None) -> str:
    """Build the address of a sequence's page in the Kitsu web application.

    The sequence is fetched; in a TV show the address goes through its episode, otherwise it sits under the
    project. Cached while the helper cache is enabled.

    Args:
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL string.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no sequence has this id.
    """
    client = resolve(client)
    found = _fetch_sequence(model_id(sequence), client)
    episode = ("episodes", found["parent_id"]) if found.get("parent_id") else ()
    return web_url(client, "productions", found["project_id"], *episode, "sequences", found["id"])


# --- creation, update, removal -----------------------------------------------------------------


def new_episode(project: ModelOrId, name: str, client: KitsuClient | None = None) -> Episode:
    """Get or create an episode of a project.

    When the project already has an episode with this name it is returned unchanged.

    Args:
        project: The project, as a dict or its id.
        name: The episode's name.
        client: The client to use; the default client when None.

    Returns:
        The existing or created episode dict.

    Raises:
        InvalidParameterValueException: project is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    existing = get_episode_by_name(project_id, name, client=client)
    if existing is not None:
        return existing
    return cast(
        "Episode", shots_ops.post_data_projects_project_id_episodes(client, json={"name": name}, project_id=project_id)
    )


def new_sequence(
    project: ModelOrId, name: str, episode: ModelOrId | None = None, client: KitsuClient | None = None
) -> Sequence:
    """Get or create a sequence of a project, optionally inside an episode.

    When a sequence with this name already exists there (the episode, or the project when no episode is
    given) it is returned unchanged.

    Args:
        project: The project, as a dict or its id.
        name: The sequence's name.
        episode: The episode to create it in (TV shows), as a dict or its id; none when None.
        client: The client to use; the default client when None.

    Returns:
        The existing or created sequence dict.

    Raises:
        InvalidParameterValueException: an id is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    existing = get_sequence_by_name(project_id, name, episode=episode_id, client=client)
    if existing is not None:
        return existing
    payload: dict[str, Any] = {"name": name}
    if episode_id is not None:
        payload["episode_id"] = episode_id
    return cast(
        "Sequence", shots_ops.post_data_projects_project_id_sequences(client, json=payload, project_id=project_id)
    )


def new_shot(
    project: ModelOrId,
    sequence: ModelOrId,
    name: str,
    nb_frames: int | None = None,
    frame_in: int | None = None,
    frame_out: int | None = None,
    description: str | None = None,
    data: dict[str, Any] | None = None,
    client: KitsuClient | None = None,
) -> Shot:
    """Get or create a shot of a sequence.

    When the sequence already has a shot with this name it is returned unchanged (the frames, description
    and data given are not applied). frame_in and frame_out are stored in the new shot's ``data``.

    Args:
        project: The project, as a dict or its id.
        sequence: The sequence, as a dict or its id.
        name: The shot's name.
        nb_frames: Its number of frames; unset when None.
        frame_in: Its first frame (kept in ``data``); unset when None.
        frame_out: Its last frame (kept in ``data``); unset when None.
        description: Its description; unset when None.
        data: Custom data to store on the shot.
        client: The client to use; the default client when None.

    Returns:
        The existing or created shot dict.

    Raises:
        InvalidParameterValueException: an id is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id, sequence_id = model_id(project), model_id(sequence)
    payload = shot_payload(name, sequence_id, nb_frames, frame_in, frame_out, description, data)
    existing = get_shot_by_name(sequence_id, name, client=client)
    if existing is not None:
        return existing
    return cast("Shot", shots_ops.post_data_projects_project_id_shots(client, json=payload, project_id=project_id))


def update_shot(shot: dict[str, Any], client: KitsuClient | None = None) -> Entity:
    """Save the fields of a shot dict.

    Its ``data``, when given, replaces the shot's custom data whole (use update_shot_data to merge).

    Args:
        shot: The shot dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated shot dict.

    Raises:
        InvalidParameterValueException: shot is not a dict with a valid ``id``; nothing is sent.
    """
    return update_entity(shot, resolve(client))


def update_sequence(sequence: dict[str, Any], client: KitsuClient | None = None) -> Entity:
    """Save the fields of a sequence dict.

    Its ``data``, when given, replaces the sequence's custom data whole (use update_sequence_data to merge).

    Args:
        sequence: The sequence dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated sequence dict.

    Raises:
        InvalidParameterValueException: sequence is not a dict with a valid ``id``; nothing is sent.
    """
    return update_entity(sequence, resolve(client))


def update_episode(episode: dict[str, Any], client: KitsuClient | None = None) -> Entity:
    """Save the fields of an episode dict.

    Its ``data``, when given, replaces the episode's custom data whole (use update_episode_data to merge).

    Args:
        episode: The episode dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated episode dict.

    Raises:
        InvalidParameterValueException: episode is not a dict with a valid ``id``; nothing is sent.
    """
    return update_entity(episode, resolve(client))


def update_shot_data(shot: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None) -> Entity:
    """Merge values into a shot's custom data; keys not given keep their values.

    The shot is read fresh from the server first.

    Args:
        shot: The shot, as a dict or its id.
        data: The keys and values to set.
        client: The client to use; the default client when None.

    Returns:
        The updated shot dict.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no shot has this id.
    """
    client = resolve(client)
    current = _fetch_shot(model_id(shot), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)


def update_sequence_data(
    sequence: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> Entity:
    """Merge values into a sequence's custom data; keys not given keep their values.

    The sequence is read fresh from the server first.

    Args:
        sequence: The sequence, as a dict or its id.
        data: The keys and values to set.
        client: The client to use; the default client when None.

    Returns:
        The updated sequence dict.

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no sequence has this id.
    """
    client = resolve(client)
    current = _fetch_sequence(model_id(sequence), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)


def update_episode_data(
    episode: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> Entity:
    """Merge values into an episode's custom data; keys not given keep their values.

    The episode is read fresh from the server first.

    Args:
        episode: The episode, as a dict or its id.
        data: The keys and values to set.
        client: The client to use; the default client when None.

    Returns:
        The updated episode dict.

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no episode has this id.
    """
    client = resolve(client)
    current = _fetch_episode(model_id(episode), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)


def remove_shot(shot: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a shot, or cancel it when it has tasks.

    A shot with tasks is only marked canceled (restore_shot undoes it) unless force is given, which deletes
    it with its tasks.

    Args:
        shot: The shot, as a dict or its id.
        force: Delete the shot even when tasks are linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_shots_shot_id", force_params(force), shot_id=model_id(shot))


def restore_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Shot:
    """Restore a canceled shot.

    Args:
        shot: The shot, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The updated shot dict, with ``canceled`` false.

    Raises:
        InvalidParameterValueException: shot is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return shots_ops.put_data_shots_shot_id(client, json={"canceled": False}, shot_id=model_id(shot))


def remove_episode(episode: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an episode.

    Without force only the episode itself is deleted, and Zou refuses when records are linked to it. With
    force everything linked goes too: its sequences, shots, assets, playlists and tasks.

    Args:
        episode: The episode, as a dict or its id.
        force: Also delete everything linked to the episode.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: episode is not a dict with an id nor a UUID; nothing is sent.
        ParameterException: records are linked to the episode and force is False.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_episodes_episode_id", force_params(force), episode_id=model_id(episode))


def remove_sequence(sequence: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a sequence.

    Without force only the sequence itself is deleted, and Zou refuses when records are linked to it. With
    force its shots and tasks are deleted too.

    Args:
        sequence: The sequence, as a dict or its id.
        force: Also delete everything linked to the sequence.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: sequence is not a dict with an id nor a UUID; nothing is sent.
        ParameterException: records are linked to the sequence and force is False.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_sequences_sequence_id", force_params(force), sequence_id=model_id(sequence))


# --- asset instances ---------------------------------------------------------------------------


def add_asset_instance_to_shot(
    shot: ModelOrId, asset_instance: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Link an asset instance to a shot.

    Args:
        shot: The shot, as a dict or its id.
        asset_instance: The asset instance, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The shot dict.

    Raises:
        InvalidParameterValueException: shot or asset_instance is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    shot_id, payload = model_id(shot), {"asset_instance_id": model_id(asset_instance)}
    return breakdown_ops.post_data_shots_shot_id_asset_instances(client, json=payload, shot_id=shot_id)


def remove_asset_instance_from_shot(
    shot: ModelOrId, asset_instance: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Unlink an asset instance from a shot.

    Args:
        shot: The shot, as a dict or its id.
        asset_instance: The asset instance, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: shot or asset_instance is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return delete_text(
        client,
        "delete_data_shots_shot_id_asset_instances_asset_instance_id",
        shot_id=model_id(shot),
        asset_instance_id=model_id(asset_instance),
    )


# --- import and export -------------------------------------------------------------------------


def import_shots_with_csv(
    project: ModelOrId,
    csv_file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> list[dict[str, Any]]:
    """Import shots into a project from a CSV file in Kitsu's export format.

    Rows naming existing shots update them; the others create shots.

    Args:
        project: The project, as a dict or its id.
        csv_file_path: The local path of the CSV file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while the file uploads.

    Returns:
        A list of the shot dicts created or updated by the import.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
        UploadFailedException: Zou refused the file.
    """
    client = resolve(client)
    operation = "post_import_csv_projects_project_id_shots"
    answer = _transfer.upload(
        client, operation, file_path=csv_file_path, progress_callback=progress_callback, project_id=model_id(project)
    )
    return cast("list[dict[str, Any]]", answer)


def import_otio(
    project: ModelOrId,
    otio_file_path: str,
    episode: ModelOrId | None = None,
    naming_convention: str | None = None,
    match_case: bool = True,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Create or update the shots of a project from an OpenTimelineIO file (any format OTIO reads, EDL included).

    Args:
        project: The project, as a dict or its id.
        otio_file_path: The local path of the timeline file.
        episode: The episode the shots belong to (TV shows), as a dict or its id; none when None.
        naming_convention: The template that maps clip names to shots; by default
            ``${project_name}_${sequence_name}-${shot_name}``, with ``${episode_name}-`` before the sequence
            when an episode is given.
        match_case: Compare shot names case-sensitively.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while the file uploads.

    Returns:
        A dict with ``"created_shots"`` and ``"updated_shots"``, each a list of shot dicts.

    Raises:
        InvalidParameterValueException: project or episode is not a dict with an id nor a UUID; nothing is sent.
        UploadFailedException: Zou refused the file.
    """
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    if naming_convention is None:
        naming_convention = OTIO_NAMING if episode_id is None else OTIO_EPISODE_NAMING
    route: dict[str, Any] = {"project_id": project_id}
    if episode_id is None:
        operation = "post_import_otio_projects_project_id"
    else:
        operation, route["episode_id"] = "post_import_otio_projects_project_id_episodes_episode_id", episode_id
    form = {"naming_convention": naming_convention, "match_case": "true" if match_case else "false"}
    answer = _transfer.upload(
        client, operation, file_path=otio_file_path, data=form, progress_callback=progress_callback, **route
    )
    return cast("dict[str, list[dict[str, Any]]]", answer)


def export_shots_with_csv(
    project: ModelOrId,
    csv_file_path: str,
    episode: ModelOrId | None = None,
    assigned_to: ModelOrId | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> Any:
    """Write the shots of a project to a CSV file, as Kitsu's export does.

    The file is written atomically; an existing file at the path is replaced.

    Args:
        project: The project, as a dict or its id.
        csv_file_path: Where to write the CSV file.
        episode: Only the shots of this episode, as a dict or its id; every shot when None.
        assigned_to: Only the shots with a task assigned to this person, as a dict or its id; no filter when None.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` while the file downloads.

    Returns:
        The ``httpx.Response`` of the download (its body already written to the file).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
        DownloadFileException: the transfer was cut or truncated; nothing was written.
    """
    client = resolve(client)
    params = {"episode_id": optional_id(episode), "assigned_to": optional_id(assigned_to)}
    return _transfer.download(
        client,
        "get_export_csv_projects_project_id_shots_csv",
        csv_file_path,
        params=params,
        progress_callback=progress_callback,
        project_id=model_id(project),
    )


# --- bulk creation (not in gazu) ---------------------------------------------------------------


def shot_spec(entry: str | dict[str, Any]) -> dict[str, Any]:
    """Turn an entry of new_shots into new_shot's keyword arguments.

    Args:
        entry: A shot name, or a dict with ``name`` and optionally ``nb_frames``, ``frame_in``,
            ``frame_out``, ``description`` and ``data``.

    Returns:
        A new dict of keyword arguments, always with ``name``.

    Raises:
        InvalidParameterValueException: entry is neither a string nor a dict, has no name, or has other keys.
    """
    spec = {"name": entry} if isinstance(entry, str) else dict(require_dict(entry, "a shot entry (a name or a dict)"))
    allowed = {"name", "nb_frames", "frame_in", "frame_out", "description", "data"}
    unknown = sorted(set(spec) - allowed)
    if unknown or not spec.get("name"):
        raise InvalidParameterValueException(f"a shot entry needs a name and only {sorted(allowed)}; got {entry!r}")
    return spec


def new_shots(
    project: ModelOrId,
    sequence: ModelOrId,
    shots: Iterable[str | dict[str, Any]],
    max_workers: int = 8,
    client: KitsuClient | None = None,
    *,
    progress: ProgressArg = None,
) -> list[Shot]:
    """Create many shots of a sequence in parallel (not in gazu).

    Shots already in the sequence are returned as they are, as new_shot does. Creation requests are never
    retried: when some fail, ShotsCreationError names them and carries the shots that were created.

    Args:
        project: The project, as a dict or its id.
        sequence: The sequence, as a dict or its id.
        shots: The shots to create: names, or dicts of new_shot's arguments (``name``, ``nb_frames``,
            ``frame_in``, ``frame_out``, ``description``, ``data``).
        max_workers: The most creation requests in flight at once; 8 by default.
        client: The client to use; the default client when None.
        progress: True for a tqdm bar of the shots created (when tqdm is installed), or a callback called as
            ``progress(done, total)``; see ``kitsu_helpers.progress``.

    Returns:
        A list of shot dicts, in the order of shots.

    Raises:
        InvalidParameterValueException: an entry or id is invalid, names repeat, or max_workers < 1; nothing is
            sent.
        ShotsCreationError: some shots could not be created; ``failed`` maps their names to the errors and
            ``created`` lists the other shots.
    """
    # As with new_shot, a shot already in the sequence is returned as it is. POSTs are never retried: when some
    # fail, ShotsCreationError names them and carries the shots that were created. Results keep the input order.
    client = resolve(client)
    project_id, sequence_id = model_id(project), model_id(sequence)
    if max_workers < 1:
        raise InvalidParameterValueException("max_workers must be at least 1")
    specs = [shot_spec(entry) for entry in shots]
    names = [spec["name"] for spec in specs]
    if len(set(names)) != len(names):
        raise InvalidParameterValueException("shot names must be unique in one bulk creation")
    current = shots_ops.get_data_sequences_sequence_id_shots(client, sequence_id=sequence_id)
    existing = {shot["name"]: shot for shot in current}

    def create(spec: dict[str, Any]) -> Shot:
        payload = shot_payload(sequence_id=sequence_id, **spec)
        return cast("Shot", shots_ops.post_data_projects_project_id_shots(client, json=payload, project_id=project_id))

    results: dict[str, Shot] = {name: existing[name] for name in names if name in existing}
    failed: dict[str, BaseException] = {}
    todo = [spec for spec in specs if spec["name"] not in existing]
    with ThreadPoolExecutor(max_workers=min(max_workers, max(len(todo), 1))) as pool:
        futures = {spec["name"]: pool.submit(create, spec) for spec in todo}
        with progress_bar(progress, "shots", unit="shot") as report:
            for done, (name, future) in enumerate(futures.items(), 1):
                try:
                    results[name] = future.result()
                except Exception as exc:
                    failed[name] = exc
                if report is not None:
                    report(done, len(futures))
    if failed:
        raise ShotsCreationError(failed, [results[name] for name in names if name in results])
    return [results[name] for name in names]


# --- names older gazu releases had (removed by gazu 1.3.1): kept for old pipeline code -------------


@deprecated("shot.import_edl", "shot.import_otio", "0.10.2")
def import_edl(
    project: ModelOrId, edl_file_path: str, episode: ModelOrId | None = None, client: KitsuClient | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Deprecated (gazu 0.9.4 to 0.10.2): create or update shots from an EDL file; use import_otio.

    Zou reads the file through its OpenTimelineIO import. Calling it emits a DeprecationWarning.

    Args:
        project: The project, as a dict or its id.
        edl_file_path: The local path of the EDL file.
        episode: The episode the shots belong to, as a dict or its id; none when None.
        client: The client to use; the default client when None.

    Returns:
        A dict with ``"created_shots"`` and ``"updated_shots"``, each a list of shot dicts.
    """
    return import_otio(project, edl_file_path, episode=episode, client=client)
