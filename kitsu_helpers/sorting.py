"""gazu's sorting helpers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

M = TypeVar("M", bound=Mapping[str, Any])


def sort_by_name(dicts: Iterable[M]) -> list[M]:
    """Return the dicts sorted by their name, case-insensitively.

    Entries without a name (missing or None) sort first. The input list is not modified.

    Args:
        dicts: The dicts to sort (entities or anything with a ``name`` key).

    Returns:
        A new list holding the same dicts, ordered by lower-cased ``name``.
    """
    return sorted(dicts, key=lambda item: (item.get("name") or "").lower())
