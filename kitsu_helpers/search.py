"""gazu.search: full-text search over people, assets and shots (served by Zou's indexer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kitsu_api.calls import search as search_ops

from ._types import ModelOrId
from .client import KitsuClient, resolve
from .helpers import model_id, optional_id

if TYPE_CHECKING:
    from kitsu_api.entities import SearchResult


def search_payload(
    query: str, project: ModelOrId | None = None, entity_types: list[ModelOrId] | None = None
) -> dict[str, Any]:
    """Return the body of a search request: the query, the project id and the entity type ids when given.

    Args:
        query: The text to search for.
        project: The project to search in, as a dict or its id; every project when None.
        entity_types: The entity types to look for, as dicts or ids; every type when None.

    Returns:
        A dict with ``query`` and, when given, ``project_id`` and ``entity_types`` (a list of ids).

    Raises:
        InvalidParameterValueException: When the project or an entity type is not a dict with an id or an id.
    """
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
) -> SearchResult:
    """Return the entities whose names match a query, grouped by kind.

    Args:
        query: The text to search for.
        project: The project to search in, as a dict or its id; every project the user sees when None.
        entity_types: Restrict the search to these entity types (dicts or ids); no restriction when None.
        client: The client to use; the default client when None.

    Returns:
        A dict of lists of entity dicts, keyed by kind: ``{"persons": [...], "assets": [...], "shots": [...]}``.

    Raises:
        InvalidParameterValueException: When the project or an entity type is not a dict with an id or an id.
    """
    client = resolve(client)
    return search_ops.post_data_search(client, json=search_payload(query, project, entity_types))
