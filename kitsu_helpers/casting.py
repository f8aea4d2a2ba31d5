"""gazu's `casting` module: breakdown (which assets appear in which shots, assets and episodes) and links.

A casting is a list of `{"asset_id": ..., "nb_occurences": n, "label": ...}`; castings of several entities
are dicts keyed by entity id.
"""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import assets as assets_ops, breakdown as breakdown_ops, crud as crud_ops

from .cache import cache
from .client import KitsuClient, resolve
from .entity import project_scoped_ids
from .helpers import ModelOrId, model_id, normalize_list_of_models_for_links

Casting = list[dict[str, Any]]

# --- pure helpers -------------------------------------------------------------------------------


def cast_asset_payload(entity_ids: list[str], nb_occurences: int | None, label: str | None) -> dict[str, Any]:
    """Return the body of a one-asset casting change (occurrences and label only when given)."""
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
    """Replace a shot's casting with the given list; return the casting Zou saved (the list sent)."""
    return _put_casting(resolve(client), project, shot, casting)


def update_asset_casting(
    project: ModelOrId, asset: ModelOrId, casting: Casting, client: KitsuClient | None = None
) -> Casting:
    """Replace an asset's casting (the assets inside it); return the casting Zou saved (the list sent)."""
    return _put_casting(resolve(client), project, asset, casting)


def update_episode_casting(
    project: ModelOrId, episode: ModelOrId, casting: Casting, client: KitsuClient | None = None
) -> Casting:
    """Replace an episode's casting with the given list; return the casting Zou saved (the list sent)."""
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
    """Cast an asset in entities, leaving their other assets alone; return each new casting by entity id."""
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
    """Remove an asset from the casting of entities, leaving their other assets; return each new casting."""
    return cast_asset(project, entities, asset, nb_occurences=0, client=client)


def delete_entity_link(entity_link: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Delete an entity link (one casting entry); return the link given."""
    client = resolve(client)
    link_id = model_id(entity_link)
    crud_ops.delete_data_entity_links_instance_id(client, instance_id=link_id)
    return entity_link if isinstance(entity_link, dict) else {"id": link_id}


# --- reads --------------------------------------------------------------------------------------


def get_asset_type_casting(
    project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Casting]:
    """Return the casting of every asset of a type in a project, keyed by asset id."""
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_asset_types_asset_type_id_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        project_id=model_id(project),
        asset_type_id=model_id(asset_type),
    )


@cache
def get_sequence_casting(sequence: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Casting]:
    """Return the casting of every shot of a sequence dict, keyed by shot id."""
    client = resolve(client)
    project_id, sequence_id = project_scoped_ids(sequence, "sequence")
    return breakdown_ops.get_data_projects_project_id_sequences_sequence_id_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client, project_id=project_id, sequence_id=sequence_id
    )


@cache
def get_shot_casting(shot: dict[str, Any], client: KitsuClient | None = None) -> Casting:
    """Return the casting of a shot dict: its assets with their occurrences."""
    return _entity_casting(resolve(client), shot, "shot")


@cache
def get_asset_casting(asset: dict[str, Any], client: KitsuClient | None = None) -> Casting:
    """Return the casting of an asset dict: the assets inside it with their occurrences."""
    return _entity_casting(resolve(client), asset, "asset")


@cache
def get_episode_casting(episode: dict[str, Any], client: KitsuClient | None = None) -> Casting:
    """Return the casting of an episode dict: its assets with their occurrences."""
    return _entity_casting(resolve(client), episode, "episode")


@cache
def get_asset_cast_in(asset: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the entities (shots, assets, episodes) an asset is cast in."""
    client = resolve(client)
    return assets_ops.get_data_assets_asset_id_cast_in(client, asset_id=model_id(asset))


@cache
def all_entity_links_for_project(
    project: ModelOrId, page: int | None = None, limit: int | None = None, client: KitsuClient | None = None
) -> list[dict[str, Any]] | dict[str, Any]:
    """Return a project's entity links (a list; one page dict with data and counts when page is given)."""
    client = resolve(client)
    params: dict[str, Any] = {}
    if page is not None:
        params["page"] = page
        if limit is not None:
            params["limit"] = limit
    return breakdown_ops.get_data_projects_project_id_entity_links(client, params=params, project_id=model_id(project))


@cache
def get_episodes_casting(project: ModelOrId, client: KitsuClient | None = None) -> dict[str, Casting]:
    """Return the casting of every episode of a project, keyed by episode id."""
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_episodes_casting(client, project_id=model_id(project))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_sequence_shots_casting(
    project: ModelOrId, sequence: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Casting]:
    """Return the casting of every shot of a sequence, keyed by shot id."""
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
    """Return the casting of every shot of an episode, keyed by shot id."""
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_episodes_episode_id_sequences_all_casting(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        project_id=model_id(project),
        episode_id=model_id(episode),
    )


@cache
def get_project_shots_casting(project: ModelOrId, client: KitsuClient | None = None) -> dict[str, Casting]:
    """Return the casting of every shot of a project, keyed by shot id."""
    client = resolve(client)
    return breakdown_ops.get_data_projects_project_id_sequences_all_casting(client, project_id=model_id(project))  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
