"""Small pure pieces shared by the helper modules (not part of gazu's API)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import InvalidParameterValueException

if TYPE_CHECKING:
    from .client import KitsuClient

M = TypeVar("M", bound=Mapping[str, Any])


def first_or_none(entries: list[M] | None) -> M | None:
    """Return the first entry of a list answer, or None when it is empty."""
    return entries[0] if entries else None


def force_params(force: bool) -> dict[str, Any] | None:
    """Return the query parameters of a deletion: force=true only when asked."""
    return {"force": True} if force else None


def merged_data(current: dict[str, Any] | None, data: dict[str, Any] | None) -> dict[str, Any]:
    """Return custom data with data's keys set over the current ones (keys not given are kept)."""
    return {**(current or {}), **(data or {})}


def delete_text(client: KitsuClient, operation: str, params: dict[str, Any] | None = None, **path: Any) -> str:
    """Send a DELETE operation and return the answer's text, as gazu's raw.delete does."""
    return str(client.call(operation, params=params, raw=True, **path).text)


def first_named(operation: Callable[..., list[M]], client: KitsuClient, params: dict[str, Any]) -> M | None:
    """Return the first entry a typed list operation (a `kitsu_api.calls` function) answers for params, or None.

    params["name"] must be a non-empty string: a None filter would be dropped from the query and match an
    arbitrary entry."""
    name = params.get("name")
    if not isinstance(name, str) or not name:
        raise InvalidParameterValueException(
            f"{operation.__name__}: a name must be a non-empty string, not {type(name).__name__}; nothing was sent"
        )
    return first_or_none(operation(client, params=params))
