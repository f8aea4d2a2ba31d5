"""Pieces the entity modules share: saving an entity dict through Zou's generic entity route (shot, scene, edit,
concept), and building an address in the Kitsu web application (those, person and project)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kitsu_api.calls import crud as crud_ops

from .client import KitsuClient, get_api_url_from_host
from .errors import InvalidParameterValueException
from .helpers import model_id

if TYPE_CHECKING:
    from kitsu_api.entities import Entity


def web_url(client: KitsuClient, *parts: str, trailing_slash: bool = True) -> str:
    """Build an address in the Kitsu web application from path parts.

    Args:
        client: The client whose host gives the address (``/api`` is dropped).
        *parts: The path segments, joined with ``/``.
        trailing_slash: End the address with ``/``.

    Returns:
        The URL string.
    """
    path = "/".join(str(part) for part in parts)
    return f"{get_api_url_from_host(client=client)}/{path}" + ("/" if trailing_slash else "")


def update_entity(entity: dict[str, Any], client: KitsuClient) -> Entity:
    """Save an entity dict (shot, sequence, episode, scene, edit, ...) through Zou's generic entity route.

    Args:
        entity: The entity dict, with its ``id`` and the fields to change; its ``data`` replaces the stored data.
        client: The client to use.

    Returns:
        The updated entity dict.

    Raises:
        InvalidParameterValueException: entity is not a dict with a valid ``id``; nothing is sent.
    """
    if not isinstance(entity, dict):
        raise InvalidParameterValueException(f"expected the modified entity dict, not {type(entity).__name__}")
    return crud_ops.put_data_entities_instance_id(client, json=entity, instance_id=model_id(entity))
