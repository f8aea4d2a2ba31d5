"""The YAML of a cassette file, shared by the recorder (cassette) and the freshness check: PyYAML's C dumper and
loader when they are built, and reading a cassette file back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_entries(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return a cassette file as its YAML document (kitsu_cassette, host, metadata, interactions)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=LOADER) or {}
