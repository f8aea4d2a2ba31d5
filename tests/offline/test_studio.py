"""kitsu_helpers.studio offline (tests/cassettes/studio/)."""

from typing import Any

import kitsu_helpers as gazu


def test_studio_crud(kitsu: Any, named: Any) -> None:
    name = named("offline-studio")
    studio = kitsu.call("post_data_studios", json={"name": name, "color": "#334455"})
    assert gazu.studio.get_studio(studio["id"])["name"] == name
    assert gazu.studio.get_studio_by_name(name)["id"] == studio["id"]
    gazu.studio.update_studio({"id": studio["id"], "color": "#556677"})
    assert gazu.studio.get_studio(studio)["color"] == "#556677"
    gazu.studio.remove_studio(studio)
    assert gazu.studio.get_studio_by_name(name) is None
