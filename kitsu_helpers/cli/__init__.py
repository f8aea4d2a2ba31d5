"""The `kitsu` command line (`pip install 'kitsu-client[cli]'`): gazu-cli's commands, raw calls, events, files.

Not imported by `import kitsu_helpers`: it needs click, an optional dependency (the `cli` extra).
"""

from __future__ import annotations

from . import _events, _raw, _transfer  # noqa: F401  # each registers its commands on the group
from ._app import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Run the `kitsu` console script."""
    cli.main(prog_name="kitsu")
