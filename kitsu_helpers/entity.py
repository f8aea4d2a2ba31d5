"""gazu's `entity` module: entities of any kind (assets, shots, sequences, episodes...) and entity types."""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import crud as crud_ops, entities as entities_ops

from ._shared import delete_text, first_named, force_params
from .cache import cache
from .client import KitsuClient, resolve
from .errors import InvalidParameterValueException
from .helpers import ModelOrId, model_id, normalize_list_of_models_for_links, optional_id
from .sorting import sort_by_name

# --- pure helpers (shared by asset and casting) -------------------------------------------------


def project_scoped_ids(entity: dict[str, Any], kind: str) -> tuple[str, str]:
    """Return (project_id, id) of an entity dict; TypeError/ValueError when it is not a full entity dict."""
    if not isinstance(entity, dict):
        raise InvalidParameterValueException(
            f"{kind} must be a {kind} dict (with id and project_id), not {type(entity).__name__}"
        )
    if not entity.get("id") or not entity.get("project_id"):
        raise InvalidParameterValueException(f"{kind} dict must have 'id' and 'project_id' keys")
    return str(entity["project_id"]), str(entity["id"])


# --- reads --------------------------------------------------------------------------------------


@cache
def all_entities(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every entity of every kind the user can see."""
    client = resolve(client)
    return list(crud_ops.get_data_entities(client))


@cache
def all_entity_types(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every entity type, sorted by name."""
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_entity_types(client))


@cache
def get_entity(entity_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the entity (of any kind) with the given id."""
    client = resolve(client)
    return dict(crud_ops.get_data_entities_instance_id(client, instance_id=model_id(entity_id)))


@cache
def get_entity_by_name(
    entity_name: str, project: ModelOrId | None = None, client: KitsuClient | None = None
) -> dict[str, Any] | None:
    """Return the first entity with that name (in that project when given), or None."""
    client = resolve(client)
    params: dict[str, Any] = {"name": entity_name}
    project_id = optional_id(project)
    if project_id is not None:
        params["project_id"] = project_id
    return first_named(client, "get_data_entities", params)


@cache
def get_entity_type(entity_type_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the entity type with the given id."""
    client = resolve(client)
    return dict(crud_ops.get_data_entity_types_instance_id(client, instance_id=model_id(entity_type_id)))


@cache
def get_entity_type_by_name(entity_type_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the entity type with that name, or None."""
    client = resolve(client)
    return first_named(client, "get_data_entity_types", {"name": entity_type_name})


def all_entities_with_tasks_linked_to_entity(
    entity: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the entities linked to an entity (its casting), each with its tasks."""
    client = resolve(client)
    return list(entities_ops.get_data_entities_entity_id_entities_linked_with_tasks(client, entity_id=model_id(entity)))


# --- writes -------------------------------------------------------------------------------------


def new_entity_type(name: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Create an entity type; return it (ParameterException when the name is taken)."""
    client = resolve(client)
    return dict(crud_ops.post_data_entity_types(client, json={"name": name}))


def remove_entity_type(entity_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete an entity type; return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_entity_types_instance_id", instance_id=model_id(entity_type))


def remove_entity(entity: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete an entity (one with tasks is only canceled unless force); return the answer's text ("")."""
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
    """Delete several entities of a project in one request; return the ids the server processed."""
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
