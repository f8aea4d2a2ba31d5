"""The YAML dialect of cassette files: the (C-accelerated when available) safe dumper and loader, and reading a
cassette file as its document. Shared by the recorder (cassette.py) and the freshness check (freshness.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_entries(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return a cassette file as its YAML document (kitsu_cassette, host, metadata, interactions).

    Args:
        path: The cassette file.

    Returns:
        The document, or an empty dict for an empty file.
    """
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=LOADER) or {}
