"""kitsu_helpers.edit offline (tests/cassettes/edit/)."""

from typing import Any

import kitsu_helpers as gazu


def test_edit_crud(kitsu: Any, project: dict[str, Any]) -> None:
    edit = gazu.edit.new_edit(project, "Trailer", description="cut 1")
    assert gazu.edit.get_edit(edit["id"])["name"] == "Trailer"
    assert gazu.edit.get_edit_by_name(project, "Trailer")["id"] == edit["id"]
    assert [e["name"] for e in gazu.edit.all_edits_for_project(project)] == ["Trailer"]
    gazu.edit.update_edit({"id": edit["id"], "description": "cut 2"})
    gazu.edit.update_edit_data(edit, {"length": 90})
    again = gazu.edit.get_edit(edit)
    assert (again["description"], again["data"]) == ("cut 2", {"length": 90})
    assert gazu.edit.all_previews_for_edit(edit) == {}
    gazu.edit.remove_edit(edit)
    assert gazu.edit.all_edits_for_project(project) == []
