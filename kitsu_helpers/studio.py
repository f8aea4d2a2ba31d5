"""gazu.studio: the studios people and teams belong to."""

from __future__ import annotations

from typing import Any

from kitsu_api.calls import crud as crud_ops

from ._shared import first_named
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import ModelOrId, model_id
from .sorting import sort_by_name


@cache
def all_studios(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every studio, sorted by name."""
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_studios(client))


@cache
def get_studio(studio_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the studio with that id."""
    client = resolve(client)
    return crud_ops.get_data_studios_instance_id(client, instance_id=model_id(studio_id))


@cache
def get_studio_by_name(studio_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the studio with that name, or None."""
    client = resolve(client)
    return first_named(client, "get_data_studios", {"name": studio_name})


def update_studio(studio: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified studio dict; return the updated studio."""
    client = resolve(client)
    return crud_ops.put_data_studios_instance_id(client, json=studio, instance_id=model_id(studio))


def remove_studio(studio: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a studio (force: even when people are linked to it); return the answer text."""
    client = resolve(client)
    params = {"force": True} if force else None
    return crud_ops.delete_data_studios_instance_id(client, params=params, raw=True, instance_id=model_id(studio)).text
