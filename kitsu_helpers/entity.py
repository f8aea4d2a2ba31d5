"""gazu's `entity` module: entities of any kind (assets, shots, sequences, episodes...) and entity types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kitsu_api.calls import crud as crud_ops, entities as entities_ops

from ._shared import delete_text, first_named, force_params
from ._types import ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .errors import InvalidParameterValueException
from .helpers import model_id, normalize_list_of_models_for_links, optional_id
from .sorting import sort_by_name

# --- pure helpers (shared by asset and casting) -------------------------------------------------


def project_scoped_ids(entity: dict[str, Any], kind: str) -> tuple[str, str]:
    """Read the project id and the id of a full entity dict.

    Args:
        entity: The entity dict; it needs ``id`` and ``project_id``.
        kind: What the entity is (``"shot"``, ``"sequence"``...), used in the error message.

    Returns:
        A ``(project_id, id)`` tuple of strings.

    Raises:
        InvalidParameterValueException: entity is not a dict, or lacks ``id`` or ``project_id`` (it is also a
            TypeError and a ValueError).
    """
    if not isinstance(entity, dict):
        raise InvalidParameterValueException(
            f"{kind} must be a {kind} dict (with id and project_id), not {type(entity).__name__}"
        )
    if not entity.get("id") or not entity.get("project_id"):
        raise InvalidParameterValueException(f"{kind} dict must have 'id' and 'project_id' keys")
    return str(entity["project_id"]), str(entity["id"])


# --- reads --------------------------------------------------------------------------------------


@cache
def all_entities(client: KitsuClient | None = None) -> list[Entity]:
    """List every entity (asset, shot, sequence, episode, edit, ...) the user can see.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of entity dicts, in the server's order.
    """
    client = resolve(client)
    return crud_ops.get_data_entities(client)


@cache
def all_entity_types(client: KitsuClient | None = None) -> list[EntityType]:
    """List every entity type (asset types and the built-in Shot, Sequence, Episode, ... types).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of entity type dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_entity_types(client))


@cache
def get_entity(entity_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch one entity by its id, whatever its kind (asset, shot, sequence, episode, ...).

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        entity_id: The entity, as its id or a dict.
        client: The client to use; the default client when None.

    Returns:
        The entity dict.

    Raises:
        InvalidParameterValueException: entity_id is not a UUID; nothing is sent.
        RouteNotFoundException: no entity has this id.
    """
    client = resolve(client)
    return dict(crud_ops.get_data_entities_instance_id(client, instance_id=model_id(entity_id)))


@cache
def get_entity_by_name(
    entity_name: str, project: ModelOrId | None = None, client: KitsuClient | None = None
) -> Entity | None:
    """Find an entity of any kind by its name, optionally in one project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        entity_name: The exact name to look for (a non-empty string).
        project: Look in this project only, as a dict or its id; every project when None.
        client: The client to use; the default client when None.

    Returns:
        The first matching entity dict, or None when there is none.

    Raises:
        InvalidParameterValueException: project is invalid or entity_name is empty; nothing is sent.
    """
    client = resolve(client)
    params: dict[str, Any] = {"name": entity_name}
    project_id = optional_id(project)
    if project_id is not None:
        params["project_id"] = project_id
    return first_named(crud_ops.get_data_entities, client, params)


@cache
def get_entity_type(entity_type_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Fetch one entity type by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        entity_type_id: The entity type, as its id or a dict.
        client: The client to use; the default client when None.

    Returns:
        The entity type dict.

    Raises:
        InvalidParameterValueException: entity_type_id is not a UUID; nothing is sent.
        RouteNotFoundException: no entity type has this id.
    """
    client = resolve(client)
    return dict(crud_ops.get_data_entity_types_instance_id(client, instance_id=model_id(entity_type_id)))


@cache
def get_entity_type_by_name(entity_type_name: str, client: KitsuClient | None = None) -> EntityType | None:
    """Find an entity type by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        entity_type_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching entity type dict, or None when there is none.

    Raises:
        InvalidParameterValueException: entity_type_name is empty or not a string; nothing is sent.
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_entity_types, client, {"name": entity_type_name})


def all_entities_with_tasks_linked_to_entity(
    entity: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """List the entities linked to an entity (its casting), each with its tasks.

    Args:
        entity: The entity, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of entity dicts, each with a ``tasks`` list.

    Raises:
        InvalidParameterValueException: entity is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return list(entities_ops.get_data_entities_entity_id_entities_linked_with_tasks(client, entity_id=model_id(entity)))


# --- writes -------------------------------------------------------------------------------------


def new_entity_type(name: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Create an entity type.

    Unlike asset.new_asset_type, an existing type of that name is not returned: Zou refuses the creation.

    Args:
        name: The entity type's name.
        client: The client to use; the default client when None.

    Returns:
        The created entity type dict.

    Raises:
        ParameterException: an entity type with this name already exists.
    """
    client = resolve(client)
    return dict(crud_ops.post_data_entity_types(client, json={"name": name}))


def remove_entity_type(entity_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete an entity type.

    Args:
        entity_type: The entity type, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: entity_type is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_entity_types_instance_id", instance_id=model_id(entity_type))


def remove_entity(entity: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an entity, or cancel it when it has tasks.

    An entity with tasks is only marked canceled unless force is given, which deletes it with its tasks.
    Zou's generic deletion route ignores force, so assets, shots, edits and concepts go through the project's
    batch deletion route; other kinds (sequences, episodes, ...) fall back to the generic route. The project
    is read from the dict's ``project_id``, or fetched when only an id is given.

    Args:
        entity: The entity, as a dict or its id.
        force: Delete the entity even when tasks are linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (``""`` on success).

    Raises:
        InvalidParameterValueException: entity is not a dict with an id nor a UUID; nothing is sent.
        RouteNotFoundException: no entity has this id.
    """
    client = resolve(client)
    entity_id = model_id(entity)
    project_id = entity.get("project_id") if isinstance(entity, dict) else None
    if not project_id:
        project_id = crud_ops.get_data_entities_instance_id(client, instance_id=entity_id)["project_id"]
    # Zou's generic entity deletion ignores force: the project batch route cancels or deletes assets, shots,
    # edits and concepts the way gazu documents; other kinds (sequences, episodes...) it skips.
    removed = entities_ops.post_actions_projects_project_id_delete_entities(
        client,
        params=force_params(force),
        json=[entity_id],
        project_id=project_id,
    )
    if entity_id in removed:
        return ""
    return delete_text(client, "delete_data_entities_instance_id", force_params(force), instance_id=entity_id)


def remove_entities(
    project: ModelOrId, entities: list[ModelOrId], force: bool = False, client: KitsuClient | None = None
) -> list[str]:
    """Delete several assets, shots, edits or concepts of a project in one request.

    Without force, an entity with tasks is only canceled by a first call and deleted by a second; concepts are
    always deleted. With force, every entity goes right away with its tasks. Only an entity's creator or a
    project manager may delete it. For managers, ids that are unknown, of another project or of another kind
    are skipped and left out of the answer; a user who is not a manager gets the whole request refused as soon
    as one entity is not theirs. Zou deletes the entities one after the other: after an error part-way, those already
    processed stay deleted.

    Args:
        project: The project the entities belong to, as a dict or its id.
        entities: The entities to delete, as dicts or ids; one invalid id rejects the whole batch.
        force: Delete the entities even when tasks are linked to them.
        client: The client to use; the default client when None.

    Returns:
        A list of the ids of the entities the server processed.

    Raises:
        InvalidParameterValueException: project or an entity is not a dict with an id nor a UUID; nothing is
            sent.
        NotAllowedException: a non-manager tried to delete an entity someone else created.
    """
    client = resolve(client)
    project_id = model_id(project)
    entity_ids = normalize_list_of_models_for_links(entities)
    return list(
        entities_ops.post_actions_projects_project_id_delete_entities(
            client,
            params=force_params(force),
            json=entity_ids,
            project_id=project_id,
        )
    )


from ._file_paths import guess_from_path as guess_from_path  # noqa: E402  (gazu's entity.guess_from_path)

if TYPE_CHECKING:
    from kitsu_api.entities import Entity, EntityType
