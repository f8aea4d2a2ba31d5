"""Concepts (`gazu.concept`)."""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import concepts as concepts_ops

from ._shared import delete_text, first_named, force_params
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id, normalize_list_of_models_for_links
from .shot import Grouped, update_entity
from .sorting import sort_by_name


@cache
def all_concepts(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every concept, sorted by name."""
    client = resolve(client)
    return sort_by_name(concepts_ops.get_data_concepts(client))


@cache
def all_concepts_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the concepts of a project, sorted by name."""
    client = resolve(client)
    return sort_by_name(concepts_ops.get_data_projects_project_id_concepts(client, project_id=model_id(project)))


@cache
def all_previews_for_concept(concept: ModelOrId, client: KitsuClient | None = None) -> Grouped:
    """Return the preview files of a concept, grouped by task type id ({task_type_id: [preview, ...]})."""
    client = resolve(client)
    return concepts_ops.get_data_concepts_concept_id_preview_files(client, concept_id=model_id(concept))


def remove_concept(concept: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a concept (a concept with tasks is only canceled unless force); return the answer's text."""
    client = resolve(client)
    return delete_text(client, "delete_data_concepts_concept_id", force_params(force), concept_id=model_id(concept))


@cache
def get_concept(concept_id: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the concept of an id."""
    client = resolve(client)
    return concepts_ops.get_data_concepts_concept_id(client, concept_id=model_id(concept_id))


@cache
def get_concept_by_name(
    project: ModelOrId, concept_name: str, client: KitsuClient | None = None
) -> dict[str, Any] | None:
    """Return the concept of a project with that name, or None."""
    client = resolve(client)
    params = {"project_id": model_id(project), "name": concept_name}
    return first_named(client, "get_data_concepts", params)


def new_concept(
    project: ModelOrId,
    name: str,
    description: str | None = None,
    data: dict[str, Any] | None = None,
    entity_concept_links: list[ModelOrId] | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Return the project's concept with that name, created (linked to the given entities) when there is none."""
    client = resolve(client)
    project_id = model_id(project)
    links = [{"id": entity_id} for entity_id in normalize_list_of_models_for_links(entity_concept_links)]
    payload: dict[str, Any] = {"name": name, "data": dict(data or {}), "entity_concept_links": links}
    if description is not None:
        payload["description"] = description
    existing = get_concept_by_name(project_id, name, client=client)
    if existing is not None:
        return existing
    return concepts_ops.post_data_projects_project_id_concepts(client, json=payload, project_id=project_id)


def update_concept(concept: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified concept dict (its data replaces the stored data); return the updated concept."""
    return update_entity(concept, resolve(client))
