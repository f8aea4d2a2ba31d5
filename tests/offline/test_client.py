"""kitsu_helpers.client offline (tests/cassettes/client/): gazu's raw calls and the typed errors."""

from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import errors


def test_raw_calls_and_errors(kitsu: Any, project: dict[str, Any]) -> None:
    assert gazu.client.get(f"data/projects/{project['id']}")["name"] == project["name"]
    assert gazu.client.fetch_one("projects", project["id"])["id"] == project["id"]
    assert gazu.client.fetch_first("projects", {"name": project["name"]})["id"] == project["id"]
    gazu.client.put(f"data/projects/{project['id']}", {"fps": "12"})
    assert gazu.client.fetch_one("projects", project["id"])["fps"] == "12"
    assert kitsu.call("get_data_projects_instance_id", instance_id=project["id"])["fps"] == "12"
    with pytest.raises(errors.RouteNotFoundException):
        gazu.client.fetch_one("projects", "00000000-0000-4000-8000-000000000000")
    assert gazu.client.get_api_version()
