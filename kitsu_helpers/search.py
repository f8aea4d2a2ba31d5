"""gazu.search: full-text search over people, assets and shots (served by Zou's indexer)."""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import search as search_ops

from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id, optional_id


def search_payload(
    query: str, project: ModelOrId | None = None, entity_types: list[ModelOrId] | None = None
) -> dict[str, Any]:
    """Return the body of a search request: the query, the project id and the entity type ids when given."""
    payload: dict[str, Any] = {"query": query}
    project_id = optional_id(project)
    if project_id is not None:
        payload["project_id"] = project_id
    if entity_types is not None:
        payload["entity_types"] = [model_id(entity_type) for entity_type in entity_types]
    return payload


def search_entities(
    query: str,
    project: ModelOrId | None = None,
    entity_types: list[ModelOrId] | None = None,
    client: KitsuClient | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Return the entities matching query, by kind: {"persons": [...], "assets": [...], "shots": [...]}."""
    client = resolve(client)
    return search_ops.post_data_search(client, json=search_payload(query, project, entity_types))
