"""The type vocabulary the helper modules share: what an entity argument, a JSON object, a date or a progress
report may be. Pure aliases, no other import from this package."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

ModelOrId = str | Mapping[str, Any]
"""An entity argument: its dict (any mapping with an ``id``) or its id."""

Json = dict[str, Any]
"""A JSON object as Zou sends and receives it."""

Grouped = dict[str, list[dict[str, Any]]]
"""An answer grouped by a key (a task type id, an asset type id, ...): each key maps to its list of dicts."""

DateLike = datetime.date | datetime.datetime | str
"""A date argument: a ``date``, a ``datetime`` or an ISO-like string."""

ProgressCallback = Callable[[int, int], Any]
"""Called as ``callback(done_bytes, total_bytes)`` while a transfer runs (total 0 when unknown)."""

Progress = bool | ProgressCallback | None
"""A ``progress=`` argument: True for a tqdm bar, a ProgressCallback, or None/False for none."""

__all__ = ["DateLike", "Grouped", "Json", "ModelOrId", "Progress", "ProgressCallback"]
