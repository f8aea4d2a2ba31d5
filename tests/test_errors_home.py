"""Every exception kitsu_helpers raises is defined in kitsu_helpers/errors.py (one home for the hierarchy)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import kitsu_helpers


def test_every_exception_class_is_defined_in_errors() -> None:
    outside: list[str] = []
    for info in pkgutil.walk_packages(kitsu_helpers.__path__, "kitsu_helpers."):
        if info.name.startswith(("kitsu_helpers.cli", "kitsu_helpers.testing")):
            continue  # optional extras (click, test tools) are not imported here
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            defined_here = inspect.isclass(obj) and obj.__module__ == info.name
            if defined_here and issubclass(obj, BaseException) and info.name != "kitsu_helpers.errors":
                outside.append(f"{info.name}.{name}")
    assert outside == []


def test_gazu_module_names_still_reach_moved_exceptions() -> None:
    from kitsu_helpers import errors, shot

    assert shot.ShotsCreationError is errors.ShotsCreationError
    from kitsu_helpers import events

    assert errors.EventStreamConnectionError is events.EventStreamConnectionError
