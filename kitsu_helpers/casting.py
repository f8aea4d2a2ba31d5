"""gazu's `casting` module: breakdown (which assets appear in which shots, assets and episodes) and links.

A casting is a list of `{"asset_id": ..., "nb_occurences": n, "label": ...}`; castings of several entities
are dicts keyed by entity id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kitsu_api.calls import assets as assets_ops, breakdown as breakdown_ops, crud as crud_ops

from ._types import ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .entity import project_scoped_ids
from .helpers import model_id, normalize_list_of_models_for_links

if TYPE_CHECKING:
    from kitsu_api.entities import EntityLink

Casting = list[dict[str, Any]]

# --- pure helpers -------------------------------------------------------------------------------


def cast_asset_payload(entity_ids: list[str], nb_occurences: int | None, label: str | None) -> dict[str, Any]:
    """Build the body of a one-asset casting change (cast_asset).

    Args:
        entity_ids: The ids of the entities to cast the asset in.
        nb_occurences: How many times the asset appears; not sent (kept as it is) when None.
        label: The casting label; not sent (kept as it is) when None.

    Returns:
        A dict with ``entity_ids`` and, when given, ``nb_occurences`` and ``label``.
    """
    data: dict[str, Any] = {"entity_ids": entity_ids}
    if nb_occurences is not None:
        data["nb_occurences"] = nb_occurences
    if label is not None:
        data["label"] = label
    return data


# --- internal -----------------------------------------------------------------------------------


def _put_casting(client: KitsuClient, project: ModelOrId, entity: ModelOrId, casting: Casting) -> Casting:
    """Replace an entity's casting; return what Zou saved."""
    return list(
        breakdown_ops.put_data_projects_project_id_entities_entity_id_casting(  # type: ignore[call-overload]  # Zou's spec declares an object body; Zou reads a list of casting rows
            client,
            json=casting,
            project_id=model_id(project),
            entity_id=model_id(entity),
        )
    )


def _entity_casting(client: KitsuClient, entity: dict[str, Any], kind: str) -> Casting:
    """Return the casting of an entity dict (it must carry its project_id)."""
    project_id, entity_id = project_scoped_ids(entity, kind)
    return list(
        breakdown_ops.get_data_projects_project_id_entities_entity_id_casting(  # type: ignore[arg-type]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
            client, project_id=project_id, entity_id=entity_id
        )
    )


# --- writes -------------------------------------------------------------------------------------


def update_shot_casting(
    project: ModelOrId, shot: ModelOrId, casting: Casting, client: KitsuClient | None = None
) -> Casting:
    """Replace the casting of a shot (the assets that appear in it) with the given list.

    Assets left out of the list are removed from the shot's casting; use cast_asset to change one asset
    without touching the others.

    Args:
        project: The project, as a dict or its id.
        shot: The shot, as a dict or its id.
        casting: The new casting, e.g. ``[{"asset_id": "...", "nb_occurences": 2, "label": "animate"}]``.
        client: The client to use; the default client when None.

    Returns:
        The casting Zou saved: a list of dicts with ``asset_id`` and ``nb_occurences`` (gazu documents the
        shot dict instead).

    Raises:
        InvalidParameterValueException: project or shot is not a dict with an id nor a UUID; nothing is sent.
    """
    return _put_casting(resolve(client), project, shot, casting)


def update_asset_casting(
    project: ModelOrId, asset: ModelOrId, casting: Casting, client: KitsuClient | None = None
) -> Casting:
    """Replace the casting of an asset (the assets that appear inside it) with the given list.

    Args:
        project: The project, as a dict or its id.
        asset: The asset, as a dict or its id.
        casting: The new casting, a list of dicts with ``asset_id`` and ``nb_occurences`` (and ``label``).
        client: The client to use; the default client when None.

    Returns:
        The casting Zou saved, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project or asset is not a dict with an id nor a UUID; nothing is sent.
    """
    return _put_casting(resolve(client), project, asset, casting)


def update_episode_casting(
    project: ModelOrId, episode: ModelOrId, casting: Casting, client: KitsuClient | None = None
) -> Casting:
    """Replace the casting of an episode (the assets that appear in it) with the given list.

    Args:
        project: The project, as a dict or its id.
        episode: The episode, as a dict or its id.
        casting: The new casting, e.g. ``[{"asset_id": "...", "nb_occurences": 3}]``.
        client: The client to use; the default client when None.

    Returns:
        The casting Zou saved, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project or episode is not a dict with an id nor a UUID; nothing is sent.
    """
    return _put_casting(resolve(client), project, episode, casting)


@cache  # gazu caches this write too; harmless here: every write makes a client's cached entries stale
def cast_asset(
    project: ModelOrId,
    entities: list[ModelOrId] | ModelOrId,
    asset: ModelOrId,
    nb_occurences: int | None = None,
    label: str | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Casting]:
    """Cast one asset in shots, assets or episodes, leaving the rest of their casting alone.

    Use it rather than update_shot_casting and its siblings when the breakdown may be edited by others at
    the same time: those overwrite the entity's whole casting with the caller's copy. Wrapped by the cache like gazu's
    (harmless: any write makes a client's cached entries stale).

    Args:
        project: The project, as a dict or its id.
        entities: The entities to cast the asset in: one or a list, as dicts or ids.
        asset: The asset to cast, as a dict or its id.
        nb_occurences: How many times it appears; None keeps the current number (1 for a new link), 0 removes
            the asset.
        label: The casting label; None keeps the current one.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each entity id to its casting after the change (a list of casting dicts).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    asset_id = model_id(asset)
    data = cast_asset_payload(normalize_list_of_models_for_links(entities), nb_occurences, label)
    return dict(
        breakdown_ops.put_data_projects_project_id_entities_casting_assets_asset_id(
            client,
            json=data,
            project_id=project_id,
            asset_id=asset_id,
        )
    )


def uncast_asset(
    project: ModelOrId, entities: list[ModelOrId] | ModelOrId, asset: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Casting]:
    """Remove one asset from the casting of shots, assets or episodes, leaving their other assets alone.

    Args:
        project: The project, as a dict or its id.
        entities: The entities to remove the asset from: one or a list, as dicts or ids.
        asset: The asset to remove, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each entity id to its casting after the change (a list of casting dicts).

    Raises:
        InvalidParameterValueException: an id is invalid; nothing is sent.
    """
    return cast_asset(project, entities, asset, nb_occurences=0, client=client)


def delete_entity_link(entity_link: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Delete an entity link (one casting entry).

    Args:
        entity_link: The entity link, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The link given: the dict itself, or ``{"id": <id>}`` when an id was given.

    Raises:
        InvalidParameterValueException: entity_link is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no entity link has this id.
    """
    client = resolve(client)
    link_id = model_id(entity_link)
    crud_ops.delete_data_entity_links_instance_id(client, instance_id=link_id)
    return entity_link if isinstance(entity_link, dict) else {"id": link_id}


# --- reads --------------------------------------------------------------------------------------


def get_asset_type_casting(
    project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Casting]:
    """Fetch the casting of every asset of one type in a project.

    Args:
        project: The project, as a dict or its id.
        asset_type: The asset type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each asset id to its casting, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project or asset_type is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_asset_types_asset_type_id_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        project_id=model_id(project),
        asset_type_id=model_id(asset_type),
    )


@cache
def get_sequence_casting(sequence: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Casting]:
    """Fetch the casting of every shot of a sequence.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        sequence: The sequence dict; it needs ``id`` and ``project_id``.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each shot id to its casting, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: sequence is not a dict with ``id`` and ``project_id``; nothing is sent.
    """
    client = resolve(client)
    project_id, sequence_id = project_scoped_ids(sequence, "sequence")
    return breakdown_ops.get_data_projects_project_id_sequences_sequence_id_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client, project_id=project_id, sequence_id=sequence_id
    )


@cache
def get_shot_casting(shot: dict[str, Any], client: KitsuClient | None = None) -> Casting:
    """Fetch the casting of a shot: the assets that appear in it.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        shot: The shot dict; it needs ``id`` and ``project_id``.
        client: The client to use; the default client when None.

    Returns:
        A list of casting dicts, each with ``asset_id`` and ``nb_occurences`` (and the asset's name, type and
        label).

    Raises:
        InvalidParameterValueException: shot is not a dict with ``id`` and ``project_id``; nothing is sent.
    """
    return _entity_casting(resolve(client), shot, "shot")


@cache
def get_asset_casting(asset: dict[str, Any], client: KitsuClient | None = None) -> Casting:
    """Fetch the casting of an asset: the assets that appear inside it.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset dict; it needs ``id`` and ``project_id``.
        client: The client to use; the default client when None.

    Returns:
        A list of casting dicts, each with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: asset is not a dict with ``id`` and ``project_id``; nothing is sent.
    """
    return _entity_casting(resolve(client), asset, "asset")


@cache
def get_episode_casting(episode: dict[str, Any], client: KitsuClient | None = None) -> Casting:
    """Fetch the casting of an episode: the assets that appear in it.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        episode: The episode dict; it needs ``id`` and ``project_id``.
        client: The client to use; the default client when None.

    Returns:
        A list of casting dicts, each with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: episode is not a dict with ``id`` and ``project_id``; nothing is sent.
    """
    return _entity_casting(resolve(client), episode, "episode")


@cache
def get_asset_cast_in(asset: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """List the entities an asset is cast in.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        asset: The asset, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of entity dicts (shots, assets, episodes...), each with its ``id``, ``name``, ``project_id``, ...

    Raises:
        InvalidParameterValueException: asset is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return assets_ops.get_data_assets_asset_id_cast_in(client, asset_id=model_id(asset))


@cache
def all_entity_links_for_project(
    project: ModelOrId, page: int | None = None, limit: int | None = None, client: KitsuClient | None = None
) -> list[EntityLink]:
    """List the entity links (casting entries) of a project, whole or one page at a time.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        page: The page to fetch (from 1); the whole list when None.
        limit: The number of links per page; only sent with page, Zou's default when None.
        client: The client to use; the default client when None.

    Returns:
        Without page, a list of entity link dicts (``entity_in_id``, ``entity_out_id``, ``nb_occurences``,
        ...). With page, one page: a dict with the links under ``"data"`` and the paging counts.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    params: dict[str, Any] = {}
    if page is not None:
        params["page"] = page
        if limit is not None:
            params["limit"] = limit
    return breakdown_ops.get_data_projects_project_id_entity_links(client, params=params, project_id=model_id(project))


@cache
def get_episodes_casting(project: ModelOrId, client: KitsuClient | None = None) -> dict[str, Casting]:
    """Fetch the casting of every episode of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each episode id to its casting, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_episodes_casting(client, project_id=model_id(project))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_sequence_shots_casting(
    project: ModelOrId, sequence: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Casting]:
    """Fetch the casting of every shot of a sequence.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        sequence: The sequence, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each shot id to its casting, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project or sequence is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_sequences_sequence_id_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        project_id=model_id(project),
        sequence_id=model_id(sequence),
    )


@cache
def get_episode_shots_casting(
    project: ModelOrId, episode: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Casting]:
    """Fetch the casting of every shot of an episode.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        episode: The episode, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each shot id to its casting, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project or episode is not a dict with an id nor a UUID.
    """
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_episodes_episode_id_sequences_all_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        project_id=model_id(project),
        episode_id=model_id(episode),
    )


@cache
def get_project_shots_casting(project: ModelOrId, client: KitsuClient | None = None) -> dict[str, Casting]:
    """Fetch the casting of every shot of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each shot id to its casting, a list of dicts with ``asset_id`` and ``nb_occurences``.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_sequences_all_casting(client, project_id=model_id(project))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
