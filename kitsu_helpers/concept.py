"""Concepts (`gazu.concept`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import concepts as concepts_ops

from ._entities import update_entity
from ._shared import delete_text, first_named, force_params
from ._types import Grouped, ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id, normalize_list_of_models_for_links
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Concept, Entity


@cache
def all_concepts(client: KitsuClient | None = None) -> list[Concept]:
    """List every concept the user can see, across projects.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of concept dicts, sorted by name.
    """
    client = resolve(client)
    return sort_by_name(concepts_ops.get_data_concepts(client))


@cache
def all_concepts_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[Concept]:
    """List the concepts of a project.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of concept dicts, sorted by name.

    Raises:
        InvalidParameterValueException: project is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return sort_by_name(concepts_ops.get_data_projects_project_id_concepts(client, project_id=model_id(project)))


@cache
def all_previews_for_concept(concept: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """List the preview files of a concept, grouped by task type.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        concept: The concept, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A dict mapping each task type id to the list of its preview file dicts (not a flat list).

    Raises:
        InvalidParameterValueException: concept is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return concepts_ops.get_data_concepts_concept_id_preview_files(client, concept_id=model_id(concept))


def remove_concept(concept: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a concept, or cancel it when it has tasks.

    A concept with tasks is only marked canceled unless force is given, which deletes it with its tasks.

    Args:
        concept: The concept, as a dict or its id.
        force: Delete the concept even when tasks are linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).

    Raises:
        InvalidParameterValueException: concept is not a dict with an id nor a UUID; nothing is sent.
    """
    client = resolve(client)
    return delete_text(client, "delete_data_concepts_concept_id", force_params(force), concept_id=model_id(concept))


@cache
def get_concept(concept_id: str, client: KitsuClient | None = None) -> Concept:
    """Fetch one concept by its id.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        concept_id: The concept's id (a concept dict is accepted too).
        client: The client to use; the default client when None.

    Returns:
        The concept dict.

    Raises:
        InvalidParameterValueException: concept_id is not a UUID; nothing is sent.
        RouteNotFoundException: no concept has this id.
    """
    client = resolve(client)
    return concepts_ops.get_data_concepts_concept_id(client, concept_id=model_id(concept_id))


@cache
def get_concept_by_name(project: ModelOrId, concept_name: str, client: KitsuClient | None = None) -> Concept | None:
    """Find a concept of a project by its name.

    Cached while the helper cache is enabled (``gazu.cache.enable()``).

    Args:
        project: The project, as a dict or its id.
        concept_name: The exact name to look for (a non-empty string).
        client: The client to use; the default client when None.

    Returns:
        The matching concept dict, or None when the project has none with this name.

    Raises:
        InvalidParameterValueException: project is invalid or concept_name is empty; nothing is sent.
    """
    client = resolve(client)
    params = {"project_id": model_id(project), "name": concept_name}
    return first_named(concepts_ops.get_data_concepts, client, params)


def new_concept(
    project: ModelOrId,
    name: str,
    description: str | None = None,
    data: dict[str, Any] | None = None,
    entity_concept_links: list[ModelOrId] | None = None,
    client: KitsuClient | None = None,
) -> Concept:
    """Get or create a concept of a project, linked to the entities it depicts.

    When the project already has a concept with this name it is returned unchanged (the other arguments are
    not applied).

    Args:
        project: The project, as a dict or its id.
        name: The concept's name.
        description: Its description; unset when None.
        data: Custom data to store on it.
        entity_concept_links: The entities (assets, ...) to link the concept to, as dicts or ids.
        client: The client to use; the default client when None.

    Returns:
        The existing or created concept dict.

    Raises:
        InvalidParameterValueException: an id is invalid or name is empty; nothing is sent.
    """
    client = resolve(client)
    project_id = model_id(project)
    links = [{"id": entity_id} for entity_id in normalize_list_of_models_for_links(entity_concept_links)]
    payload: dict[str, Any] = {"name": name, "data": dict(data or {}), "entity_concept_links": links}
    if description is not None:
        payload["description"] = description
    existing = get_concept_by_name(project_id, name, client=client)
    if existing is not None:
        return existing
    return cast(
        "Concept", concepts_ops.post_data_projects_project_id_concepts(client, json=payload, project_id=project_id)
    )


def update_concept(concept: dict[str, Any], client: KitsuClient | None = None) -> Entity:
    """Save the fields of a concept dict.

    Its ``data``, when given, replaces the concept's custom data whole.

    Args:
        concept: The concept dict, with its ``id`` and the fields to change.
        client: The client to use; the default client when None.

    Returns:
        The updated concept dict.

    Raises:
        InvalidParameterValueException: concept is not a dict with a valid ``id``; nothing is sent.
    """
    return update_entity(concept, resolve(client))
