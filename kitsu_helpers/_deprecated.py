"""Functions older gazu releases had and gazu 1.3.1 removed, kept under their old names for old pipeline code.

Each one warns (`DeprecationWarning`, naming its replacement) and then does what the old function did with
routes Zou 1.0.97 still serves. `DEPRECATED` lists them ("module.name" -> (replacement, last gazu version
that had it)); `tests/data/gazu-removed-functions.txt` and docs/gazu-differences.md list them too.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

DEPRECATED: dict[str, tuple[str, str]] = {}


def deprecated(name: str, replacement: str, last_version: str) -> Callable[[F], F]:
    """Mark a function as an old gazu name: calling it warns, naming the replacement, then runs it."""

    def wrap(function: F) -> F:
        message = f"gazu.{name} was removed after gazu {last_version}: use gazu.{replacement} instead"

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            return function(*args, **kwargs)

        wrapper.__deprecated__ = message  # type: ignore[attr-defined]  # PEP 702's attribute
        DEPRECATED[name] = (replacement, last_version)
        return wrapper  # type: ignore[return-value]

    return wrap
