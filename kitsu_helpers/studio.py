"""gazu.studio: the studios people and teams belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kitsu_api.calls import crud as crud_ops

from ._shared import first_named
from ._types import ModelOrId
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import Studio


@cache
def all_studios(client: KitsuClient | None = None) -> list[Studio]:
    """Return every studio, sorted by name.

    Cached when the cache is enabled.

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of studio dicts (``id``, ``name``, ``color``, ``archived``, ...).
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_studios(client))


@cache
def get_studio(studio_id: ModelOrId, client: KitsuClient | None = None) -> Studio:
    """Return the studio with that id.

    Cached when the cache is enabled.

    Args:
        studio_id: The studio, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The studio dict.

    Raises:
        RouteNotFoundException: When no studio has that id.
    """
    client = resolve(client)
    return crud_ops.get_data_studios_instance_id(client, instance_id=model_id(studio_id))


@cache
def get_studio_by_name(studio_name: str, client: KitsuClient | None = None) -> Studio | None:
    """Return the studio with that name, or None.

    Cached when the cache is enabled.

    Args:
        studio_name: The exact name of the studio.
        client: The client to use; the default client when None.

    Returns:
        The studio dict, or None when no studio has that name.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_studios, client, {"name": studio_name})


def update_studio(studio: dict[str, Any], client: KitsuClient | None = None) -> Studio:
    """Save a modified studio dict; return the updated studio.

    The whole dict is sent, so its ``data`` (metadata) replaces the stored one.

    Args:
        studio: The studio dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated studio dict, as the server stored it.
    """
    client = resolve(client)
    return crud_ops.put_data_studios_instance_id(client, json=studio, instance_id=model_id(studio))


def remove_studio(studio: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a studio; return the server's answer text.

    Args:
        studio: The studio to delete, as a dict or its id.
        force: Delete it even when people or other data are still linked to it.
        client: The client to use; the default client when None.

    Returns:
        The body of the server's answer, as text (usually empty).
    """
    client = resolve(client)
    params = {"force": True} if force else None
    return crud_ops.delete_data_studios_instance_id(client, params=params, raw=True, instance_id=model_id(studio)).text
