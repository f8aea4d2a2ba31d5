"""The freshness check of committed cassettes: a cassette normalised (ids numbered in order of appearance, dates
and recorded unique names replaced by placeholders, the host dropped) and a readable diff of two of them."""

from __future__ import annotations

import difflib
import os
import re
from typing import Any

import yaml

from ._yaml import DUMPER, load_entries

__all__ = ["compare", "normalise"]

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
HTTP_DATE = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT")
MAX_DIFF_LINES = 200


# Keys whose value depends on when the account was last used, not on what a scenario did: a fresh server's
# admin has no last presence (null) until it has one (a date).
MOMENTS = frozenset({"last_presence", "last_login_failed"})


def normalise(document: dict[str, Any]) -> dict[str, Any]:
    """Return a cassette document with what differs between two honest recordings replaced: each id by <id-N>
    (N in order of first appearance, so the same id is the same placeholder everywhere), dates by <date>, the
    values of its metadata (unique names) by <metadata:key>, the MOMENTS keys (null or a date, whatever the
    scenario did) by <moment>, and no host."""
    ids: dict[str, str] = {}
    volatile = sorted(
        ((str(value), f"<metadata:{key}>") for key, value in (document.get("metadata") or {}).items() if value),
        key=lambda pair: -len(pair[0]),
    )

    def text(value: str) -> str:
        for raw, placeholder in volatile:
            value = value.replace(raw, placeholder)
        value = UUID.sub(lambda m: ids.setdefault(m.group(0).lower(), f"<id-{len(ids) + 1}>"), value)
        return HTTP_DATE.sub("<date>", DATE.sub("<date>", value))

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                walk(key) if isinstance(key, str) else key: "<moment>" if key in MOMENTS else walk(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [walk(item) for item in value]
        return text(value) if isinstance(value, str) else value

    return {
        "metadata": {key: f"<metadata:{key}>" for key in document.get("metadata") or {}},
        "interactions": walk(document.get("interactions") or []),
    }


def _lines(document: dict[str, Any]) -> list[str]:
    dumped: str = yaml.dump(normalise(document), Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=120)
    return dumped.splitlines(keepends=True)


def compare(committed: str | os.PathLike[str], fresh: str | os.PathLike[str]) -> str:
    """Return the unified diff of two cassettes once normalised ("" when they agree), committed first, at most
    MAX_DIFF_LINES lines."""
    old, new = load_entries(committed), load_entries(fresh)
    diff = list(
        difflib.unified_diff(_lines(old), _lines(new), f"{committed} (committed)", "re-recorded from the server", n=2)
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... {len(diff) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(diff)
