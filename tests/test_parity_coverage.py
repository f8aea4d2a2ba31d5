"""Every public gazu 1.3.1 function exists in kitsu_helpers with the same module, name and parameters.

The reference list (tests/data/gazu-1.3.1-functions.txt) was read off gazu 1.3.1. gazu's `client=default`
becomes `client=None` here (the default client is resolved lazily). Optional keyword-only parameters gazu
does not have are extensions (e.g. `download_working_file(..., root=, overwrite=)`) and are not compared. Set PARITY_MODULES=task,files to check
only some modules while they are being written.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
from pathlib import Path

import pytest

REFERENCE = Path(__file__).parent / "data" / "gazu-1.3.1-functions.txt"
LINE = re.compile(r"^gazu\.(?:(?P<module>[a-z_]+)\.)?(?P<name>\w+)\((?P<params>.*)\)(?P<cached>\s+\[cached\])?$")


def reference() -> list[tuple[str, str, str, bool]]:
    entries = []
    for line in REFERENCE.read_text().splitlines():
        match = LINE.match(line.strip())
        if match:
            entries.append((match["module"] or "", match["name"], match["params"], bool(match["cached"])))
    return entries


def render(func: object, reference_params: str | None = None) -> str:
    """Render a signature the way the reference list writes it.

    Given gazu's rendering, optional keyword-only parameters gazu does not have (kitsu_helpers extensions such
    as `download_working_file(..., root=, overwrite=)`) are left out."""
    gazu_names = set(re.findall(r"(?:^|, )\**(\w+)", reference_params)) if reference_params is not None else None
    parts = []
    for param in inspect.signature(func).parameters.values():  # type: ignore[arg-type]
        extension = param.kind is param.KEYWORD_ONLY and param.default is not inspect.Parameter.empty
        if extension and gazu_names is not None and param.name not in gazu_names:
            continue
        if param.kind is param.VAR_POSITIONAL:
            parts.append(f"*{param.name}")
        elif param.kind is param.VAR_KEYWORD:
            parts.append(f"**{param.name}")
        elif param.default is inspect.Parameter.empty:
            parts.append(param.name)
        elif param.name == "client" and param.default is None:
            parts.append("client=default")
        else:
            parts.append(f"{param.name}={param.default!r}")
    return ", ".join(parts)


def selected() -> list[tuple[str, str, str, bool]]:
    wanted = {m for m in os.environ.get("PARITY_MODULES", "").split(",") if m}
    return [e for e in reference() if not wanted or (e[0] or "gazu") in wanted]


@pytest.mark.parametrize(("module", "name", "params", "cached"), selected(), ids=str)
def test_function_exists_with_gazu_parameters(module: str, name: str, params: str, cached: bool) -> None:
    mod = importlib.import_module("kitsu_helpers" + (f".{module}" if module else ""))
    func = getattr(mod, name, None)
    assert func is not None, f"kitsu_helpers.{module}.{name} is missing"
    assert render(func, params) == params.replace("client=None", "client=default")
    if cached:
        assert hasattr(func, "clear_cache"), f"{module}.{name} is cached in gazu: wrap it with cache.cache"


# --- names older gazu releases had: kept, deprecated, listed apart from gazu 1.3.1's API ----------------

REMOVED = Path(__file__).parent / "data" / "gazu-removed-functions.txt"
REMOVED_LINE = re.compile(
    r"^gazu\.(?:(?P<module>[a-z_]+)\.)?(?P<name>\w+)\((?P<params>.*)\)\s+\[last (?P<last>[\d.]+)\] -> gazu\.(?P<repl>.+)$"
)


def removed() -> list[tuple[str, str, str, str, str]]:
    entries = []
    for line in REMOVED.read_text().splitlines():
        match = REMOVED_LINE.match(line.strip())
        if match:
            entries.append((match["module"] or "", match["name"], match["params"], match["last"], match["repl"]))
    return entries


@pytest.mark.parametrize(("module", "name", "params", "last", "replacement"), removed(), ids=str)
def test_old_gazu_name_is_kept_deprecated_with_its_old_parameters(
    module: str, name: str, params: str, last: str, replacement: str
) -> None:
    from kitsu_helpers._deprecated import DEPRECATED

    mod = importlib.import_module("kitsu_helpers" + (f".{module}" if module else ""))
    func = getattr(mod, name, None)
    assert func is not None, f"kitsu_helpers.{module}.{name} is missing"
    assert render(func) == params
    qualified = f"{module}.{name}" if module else name
    assert DEPRECATED[qualified] == (replacement, last)
    assert f"use gazu.{replacement} instead" in func.__deprecated__


def test_deprecated_names_are_exactly_the_listed_old_ones_and_not_gazu_1_3_1_api() -> None:
    from kitsu_helpers._deprecated import DEPRECATED

    for module in {e[0] for e in removed()}:
        importlib.import_module("kitsu_helpers" + (f".{module}" if module else ""))
    listed = {f"{m}.{n}" if m else n for m, n, *_ in removed()}
    current = {f"{m}.{n}" if m else n for m, n, *_ in reference()}
    assert set(DEPRECATED) == listed
    assert not listed & current
