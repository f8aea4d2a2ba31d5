"""Fixtures for the events and sync tests: the second, independent Zou instance "b" and its admin client."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

try:
    from tests.conftest import SERVER_SCRIPT, logged_in_client, remove_project, start_instance
except ImportError:  # tests/ run as a plain folder
    from conftest import SERVER_SCRIPT, logged_in_client, remove_project, start_instance  # type: ignore[no-redef]
from kitsu_helpers.client import KitsuClient


@pytest.fixture(scope="session")
def zou_b() -> dict[str, Any]:
    """The second Zou instance (API 5610, events 5611), started idempotently."""
    return start_instance("b")


@pytest.fixture(scope="session")
def client_b(zou_b: dict[str, Any]) -> Iterator[KitsuClient]:
    """An admin client logged in on instance b (not the default client)."""
    client = logged_in_client(zou_b)
    yield client
    client.close()


def instance_events(command: str, name: str = "b") -> None:
    """Stop or start only the event server of an instance ("stop-events" / "start-events")."""
    subprocess.run([sys.executable, str(SERVER_SCRIPT), command, "--instance", name], check=True)


@pytest.fixture
def new_project_b(client_b: KitsuClient, unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Factory: create a project on instance b (deleted after the test)."""
    created: list[str] = []

    def make(name: str | None = None, **fields: Any) -> dict[str, Any]:
        payload = {"name": name or unique("projb") + f"-{len(created)}", "production_type": "tvshow", **fields}
        project = client_b.call("post_data_projects", json=payload)
        created.append(project["id"])
        return project

    yield make
    for project_id in created:
        remove_project(client_b, project_id)
