"""Shots, sequences and episodes (`gazu.shot`), plus `new_shots` for bulk creation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

from kitsu_api.calls import breakdown as breakdown_ops, crud as crud_ops, shots as shots_ops

from . import client as raw
from ._deprecated import deprecated
from ._shared import delete_text, first_named, force_params, merged_data
from .cache import cache
from .client import KitsuClient, resolve
from .errors import GazuException, InvalidParameterValueException
from .helpers import ModelOrId, model_id, optional_id, require_dict
from .progress import Progress as ProgressArg, progress_bar
from .sorting import sort_by_name

Grouped = dict[str, list[dict[str, Any]]]
Progress = Callable[[int, int], Any] | None

OTIO_NAMING = "${project_name}_${sequence_name}-${shot_name}"
OTIO_EPISODE_NAMING = "${project_name}_${episode_name}-${sequence_name}-${shot_name}"


# --- pure helpers shared by scene, edit and concept ----------------------------------------------


def web_url(client: KitsuClient, *parts: str, trailing_slash: bool = True) -> str:
    """Return the Kitsu web URL made of the host (without /api) and the path parts."""
    path = "/".join(str(part) for part in parts)
    return f"{raw.get_api_url_from_host(client=client)}/{path}" + ("/" if trailing_slash else "")


def shot_payload(
    name: str,
    sequence_id: str,
    nb_frames: int | None = None,
    frame_in: int | None = None,
    frame_out: int | None = None,
    description: str | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the creation body of a shot: frame in/out go into its data (the caller's dict is not changed)."""
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


def update_entity(entity: dict[str, Any], client: KitsuClient) -> dict[str, Any]:
    """Save an entity dict through the generic entity route; return the updated entity."""
    if not isinstance(entity, dict):
        raise InvalidParameterValueException(f"expected the modified entity dict, not {type(entity).__name__}")
    return crud_ops.put_data_entities_instance_id(client, json=entity, instance_id=model_id(entity))


# --- lists -------------------------------------------------------------------------------------


@cache
def all_previews_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the preview files of a shot, grouped by task type id ({task_type_id: [preview, ...]})."""
    client = resolve(client)
    return shots_ops.get_data_shots_shot_id_preview_files(client, shot_id=model_id(shot))


@cache
def all_shots_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the shots of a project, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_projects_project_id_shots(client, project_id=model_id(project)))


@cache
def all_shots_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the shots of an episode, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_episodes_episode_id_shots(client, episode_id=model_id(episode)))


@cache
def all_shots_for_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the shots of a sequence, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_sequences_sequence_id_shots(client, sequence_id=model_id(sequence)))


@cache
def all_sequences_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the sequences of a project, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_projects_project_id_sequences(client, project_id=model_id(project)))


@cache
def all_sequences_for_episode(episode: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the sequences of an episode, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_episodes_episode_id_sequences(client, episode_id=model_id(episode)))


@cache
def all_episodes_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the episodes of a project, sorted by name."""
    client = resolve(client)
    return sort_by_name(shots_ops.get_data_projects_project_id_episodes(client, project_id=model_id(project)))


# --- single entities ---------------------------------------------------------------------------


@cache
def get_episode(episode_id: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the episode of an id."""
    client = resolve(client)
    return shots_ops.get_data_episodes_episode_id(client, episode_id=model_id(episode_id))


@cache
def get_episode_by_name(
    project: ModelOrId, episode_name: str, client: KitsuClient | None = None
) -> dict[str, Any] | None:
    """Return the episode of a project with that name, or None."""
    client = resolve(client)
    params = {"project_id": model_id(project), "name": episode_name}
    return first_named(client, "get_data_episodes", params)


@cache
def get_episode_from_sequence(sequence: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the episode a sequence belongs to, or None for a sequence outside any episode."""
    client = resolve(client)
    if not isinstance(sequence, dict) or "parent_id" not in sequence:
        sequence = _fetch_sequence(model_id(sequence), client)
    parent_id = sequence["parent_id"]
    return None if parent_id is None else get_episode(parent_id, client=client)


@cache
def get_sequence(sequence_id: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the sequence of an id."""
    return _fetch_sequence(model_id(sequence_id), resolve(client))


@cache
def get_sequence_by_name(
    project: ModelOrId, sequence_name: str, episode: ModelOrId | None = None, client: KitsuClient | None = None
) -> dict[str, Any] | None:
    """Return the sequence with that name in a project (in an episode when given), or None."""
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    if episode_id is None:
        params = {"project_id": project_id, "name": sequence_name}
    else:
        params = {"episode_id": episode_id, "name": sequence_name}
    return first_named(client, "get_data_sequences", params)


@cache
def get_sequence_from_shot(shot: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the sequence a shot belongs to."""
    client = resolve(client)
    if not isinstance(shot, dict) or "parent_id" not in shot:
        shot = _fetch_shot(model_id(shot), client)
    return get_sequence(shot["parent_id"], client=client)


@cache
def get_shot(shot_id: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the shot of an id (with its tasks, episode and sequence names)."""
    return _fetch_shot(model_id(shot_id), resolve(client))


@cache
def get_shot_by_name(sequence: ModelOrId, shot_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the shot of a sequence with that name, or None."""
    client = resolve(client)
    params = {"sequence_id": model_id(sequence), "name": shot_name}
    return first_named(client, "get_data_shots_all", params)


@cache
def get_asset_instances_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the asset instances linked to a shot, grouped by asset id ({asset_id: [instance, ...]})."""
    client = resolve(client)
    return breakdown_ops.get_data_shots_shot_id_asset_instances(client, shot_id=model_id(shot))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


def all_asset_instances_for_shot(shot: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the asset instances linked to a shot, grouped by asset id (alias of get_asset_instances_for_shot)."""
    return get_asset_instances_for_shot(shot, client=client)


def _fetch_shot(shot_id: str, client: KitsuClient) -> dict[str, Any]:
    return shots_ops.get_data_shots_shot_id(client, shot_id=shot_id)


def _fetch_sequence(sequence_id: str, client: KitsuClient) -> dict[str, Any]:
    return shots_ops.get_data_sequences_sequence_id(client, sequence_id=sequence_id)


def _fetch_episode(episode_id: str, client: KitsuClient) -> dict[str, Any]:
    return shots_ops.get_data_episodes_episode_id(client, episode_id=episode_id)


# --- web URLs ----------------------------------------------------------------------------------


@cache
def get_episode_url(episode: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of an episode's shot list."""
    client = resolve(client)
    found = _fetch_episode(model_id(episode), client)
    parts = ("productions", found["project_id"], "episodes", found["id"], "shots")
    return web_url(client, *parts, trailing_slash=False)


@cache
def get_shot_url(shot: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a shot (below its episode in a TV show)."""
    client = resolve(client)
    found = _fetch_shot(model_id(shot), client)
    episode = ("episodes", found["episode_id"]) if found.get("episode_id") else ()
    return web_url(client, "productions", found["project_id"], *episode, "shots", found["id"])


@cache
def get_all_episodes_url(project: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a project's episode list."""
    client = resolve(client)
    return web_url(client, "productions", model_id(project), "episodes")


@cache
def get_all_sequences_url(project: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a project's sequence list."""
    client = resolve(client)
    return web_url(client, "productions", model_id(project), "sequences")


@cache
def get_sequence_url(sequence: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a sequence (below its episode in a TV show)."""
    client = resolve(client)
    found = _fetch_sequence(model_id(sequence), client)
    episode = ("episodes", found["parent_id"]) if found.get("parent_id") else ()
    return web_url(client, "productions", found["project_id"], *episode, "sequences", found["id"])


# --- creation, update, removal -----------------------------------------------------------------


def new_episode(project: ModelOrId, name: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the project's episode with that name, created when there is none."""
    client = resolve(client)
    project_id = model_id(project)
    existing = get_episode_by_name(project_id, name, client=client)
    if existing is not None:
        return existing
    return shots_ops.post_data_projects_project_id_episodes(client, json={"name": name}, project_id=project_id)


def new_sequence(
    project: ModelOrId, name: str, episode: ModelOrId | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Return the sequence with that name in the project (or episode), created when there is none."""
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    existing = get_sequence_by_name(project_id, name, episode=episode_id, client=client)
    if existing is not None:
        return existing
    payload: dict[str, Any] = {"name": name}
    if episode_id is not None:
        payload["episode_id"] = episode_id
    return shots_ops.post_data_projects_project_id_sequences(client, json=payload, project_id=project_id)


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
) -> dict[str, Any]:
    """Return the sequence's shot with that name, created (frame in/out stored in its data) when there is none."""
    client = resolve(client)
    project_id, sequence_id = model_id(project), model_id(sequence)
    payload = shot_payload(name, sequence_id, nb_frames, frame_in, frame_out, description, data)
    existing = get_shot_by_name(sequence_id, name, client=client)
    if existing is not None:
        return existing
    return shots_ops.post_data_projects_project_id_shots(client, json=payload, project_id=project_id)


def update_shot(shot: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified shot dict (its data replaces the stored data); return the updated shot."""
    return update_entity(shot, resolve(client))


def update_sequence(sequence: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified sequence dict (its data replaces the stored data); return the updated sequence."""
    return update_entity(sequence, resolve(client))


def update_episode(episode: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified episode dict (its data replaces the stored data); return the updated episode."""
    return update_entity(episode, resolve(client))


def update_shot_data(
    shot: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge data into a shot's stored data (other keys are kept); return the updated shot."""
    client = resolve(client)
    current = _fetch_shot(model_id(shot), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)


def update_sequence_data(
    sequence: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge data into a sequence's stored data (other keys are kept); return the updated sequence."""
    client = resolve(client)
    current = _fetch_sequence(model_id(sequence), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)


def update_episode_data(
    episode: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge data into an episode's stored data (other keys are kept); return the updated episode."""
    client = resolve(client)
    current = _fetch_episode(model_id(episode), client)
    return update_entity({"id": current["id"], "data": merged_data(current.get("data"), data)}, client)


def remove_shot(shot: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a shot (a shot with tasks is only canceled unless force); return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_shots_shot_id", force_params(force), shot_id=model_id(shot))


def restore_shot(shot: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Un-cancel a shot; return it."""
    client = resolve(client)
    return shots_ops.put_data_shots_shot_id(client, json={"canceled": False}, shot_id=model_id(shot))


def remove_episode(episode: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an episode (with everything linked to it when force); return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_episodes_episode_id", force_params(force), episode_id=model_id(episode))


def remove_sequence(sequence: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a sequence (with its shots and tasks when force); return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_sequences_sequence_id", force_params(force), sequence_id=model_id(sequence))


# --- asset instances ---------------------------------------------------------------------------


def add_asset_instance_to_shot(
    shot: ModelOrId, asset_instance: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Link an asset instance to a shot; return the shot."""
    client = resolve(client)
    shot_id, payload = model_id(shot), {"asset_instance_id": model_id(asset_instance)}
    return breakdown_ops.post_data_shots_shot_id_asset_instances(client, json=payload, shot_id=shot_id)


def remove_asset_instance_from_shot(
    shot: ModelOrId, asset_instance: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Unlink an asset instance from a shot; return the answer's text."""
    client = resolve(client)
    return delete_text(
        client,
        "delete_data_shots_shot_id_asset_instances_asset_instance_id",
        shot_id=model_id(shot),
        asset_instance_id=model_id(asset_instance),
    )


# --- import and export -------------------------------------------------------------------------


def import_shots_with_csv(
    project: ModelOrId, csv_file_path: str, client: KitsuClient | None = None, progress_callback: Progress = None
) -> list[dict[str, Any]]:
    """Import the shots of a CSV file (Kitsu's export format) into a project; return the created shots."""
    client = resolve(client)
    url = client.url_of("post_import_csv_projects_project_id_shots", project_id=model_id(project))
    return cast(
        "list[dict[str, Any]]", raw.upload(url, csv_file_path, client=client, progress_callback=progress_callback)
    )


def import_otio(
    project: ModelOrId,
    otio_file_path: str,
    episode: ModelOrId | None = None,
    naming_convention: str | None = None,
    match_case: bool = True,
    client: KitsuClient | None = None,
    progress_callback: Progress = None,
) -> dict[str, list[dict[str, Any]]]:
    """Create or update shots from an OpenTimelineIO file; return {"created_shots": [...], "updated_shots": [...]}."""
    client = resolve(client)
    project_id, episode_id = model_id(project), optional_id(episode)
    if naming_convention is None:
        naming_convention = OTIO_NAMING if episode_id is None else OTIO_EPISODE_NAMING
    if episode_id is None:
        url = client.url_of("post_import_otio_projects_project_id", project_id=project_id)
    else:
        url = client.url_of(
            "post_import_otio_projects_project_id_episodes_episode_id", project_id=project_id, episode_id=episode_id
        )
    form = {"naming_convention": naming_convention, "match_case": "true" if match_case else "false"}
    return cast(
        "dict[str, list[dict[str, Any]]]",
        raw.upload(url, otio_file_path, data=form, client=client, progress_callback=progress_callback),
    )


def export_shots_with_csv(
    project: ModelOrId,
    csv_file_path: str,
    episode: ModelOrId | None = None,
    assigned_to: ModelOrId | None = None,
    client: KitsuClient | None = None,
    progress_callback: Progress = None,
) -> Any:
    """Write a project's shots (optionally of one episode / one assignee) to a CSV file; return the response."""
    client = resolve(client)
    url = client.url_of("get_export_csv_projects_project_id_shots_csv", project_id=model_id(project))
    params = {"episode_id": optional_id(episode), "assigned_to": optional_id(assigned_to)}
    return raw.download(url, csv_file_path, params=params, client=client, progress_callback=progress_callback)


# --- bulk creation (not in gazu) ---------------------------------------------------------------


class ShotsCreationError(GazuException):
    """Some shots of a bulk creation failed: `failed` maps their names to errors, `created` lists the others."""

    def __init__(self, failed: dict[str, BaseException], created: list[dict[str, Any]]) -> None:
        names = ", ".join(sorted(failed))
        super().__init__(f"{len(failed)} shot(s) could not be created: {names}")
        self.failed = failed
        self.created = created


def shot_spec(entry: str | dict[str, Any]) -> dict[str, Any]:
    """Return a bulk entry (a name or a dict of new_shot's arguments) as new_shot's keyword arguments."""
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
) -> list[dict[str, Any]]:
    """Return the shots (names or dicts of new_shot arguments) created with at most max_workers POSTs at once
    (progress=True: a tqdm bar of shots created, or a callback(done, total); kitsu_helpers.progress)."""
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

    def create(spec: dict[str, Any]) -> dict[str, Any]:
        payload = shot_payload(sequence_id=sequence_id, **spec)
        return shots_ops.post_data_projects_project_id_shots(client, json=payload, project_id=project_id)

    results: dict[str, dict[str, Any]] = {name: existing[name] for name in names if name in existing}
    failed: dict[str, BaseException] = {}
    todo = [spec for spec in specs if spec["name"] not in existing]
    with ThreadPoolExecutor(max_workers=min(max_workers, max(len(todo), 1))) as pool:
        futures = {spec["name"]: pool.submit(create, spec) for spec in todo}
        with progress_bar(progress, "shots", unit="shot") as report:
            for done, (name, future) in enumerate(futures.items(), 1):
                try:
                    results[name] = future.result()
                except Exception as exc:  # noqa: BLE001 - every failure is reported with its name
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
    """Create or update shots from an EDL file (read by Zou's OpenTimelineIO import); return
    {"created_shots": [...], "updated_shots": [...]} (gazu 0.9.4 - 0.10.2)."""
    return import_otio(project, edl_file_path, episode=episode, client=client)
