"""How results are printed: aligned tables (gazu-cli's layout) or JSON, token fields always redacted."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from ._errors import redact

Columns = Sequence[tuple[str, str]]
MAX_WIDTH = 60


def to_json(data: Any, secrets: tuple[str | None, ...] = ()) -> str:
    """Return data as indented JSON, token fields redacted."""
    return json.dumps(redact(data, secrets), indent=2, default=str, ensure_ascii=False)


def cell(value: Any, truncate: bool = True) -> str:
    """Return one table cell: None blank, lists joined, one line, at most MAX_WIDTH characters if truncated."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(cell(v, False) for v in value)
    text = " ".join(str(value).split())
    return text if not truncate or len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 3] + "..."


def table(rows: list[dict[str, Any]], columns: Columns, truncate: bool = True) -> str:
    """Return rows as aligned columns under a header line and a dashed line ("No results." when empty)."""
    if not rows:
        return "No results."
    headers = [header for header, _ in columns]
    values = [[cell(row.get(key), truncate) for _, key in columns] for row in rows]
    widths = [max(len(h), *(len(v[i]) for v in values)) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *values]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in lines)


def details(row: dict[str, Any], columns: Columns) -> str:
    """Return one entity as "HEADER: value" lines."""
    return "\n".join(f"{header}: {cell(row.get(key))}" for header, key in columns)


def emit(
    data: Any, columns: Columns, as_json: bool, secrets: tuple[str | None, ...] = (), truncate: bool = True
) -> None:
    """Print a list as a table or one entity as details, or either as JSON."""
    if as_json:
        click.echo(to_json(data, secrets))
    elif isinstance(data, list):
        click.echo(table(redact(data, secrets), columns, truncate))
    else:
        click.echo(details(redact(data, secrets), columns))
