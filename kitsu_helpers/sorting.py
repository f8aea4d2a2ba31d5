"""gazu's sorting helpers."""

from __future__ import annotations

from typing import Any


def sort_by_name(dicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the dicts sorted by their name, case-insensitively."""
    return sorted(dicts, key=lambda item: (item.get("name") or "").lower())
