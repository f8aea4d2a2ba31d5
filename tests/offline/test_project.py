"""kitsu_helpers.project offline (tests/cassettes/project/)."""

from typing import Any

import kitsu_helpers as gazu


def test_project_crud_and_settings(kitsu: Any, project: dict[str, Any]) -> None:
    assert gazu.project.get_project(project["id"])["name"] == project["name"]
    assert gazu.project.get_project_by_name(project["name"])["id"] == project["id"]
    updated = gazu.project.update_project({"id": project["id"], "fps": "24"})
    assert updated["fps"] == "24"
    gazu.project.update_project_data(project, {"studio_note": "offline"})
    assert gazu.project.get_project(project)["data"] == {"studio_note": "offline"}
    animation = gazu.task.get_task_type_by_name("Animation")
    gazu.project.add_task_type(project, animation, 1)
    assert animation["id"] in [t["id"] for t in gazu.project.get_project_task_types(project)]
    descriptor = gazu.project.add_metadata_descriptor(project, "Difficulty", "Asset", choices=["easy", "hard"])
    assert gazu.project.get_metadata_descriptor_by_field_name(project, "difficulty")["id"] == descriptor["id"]
    assert [d["name"] for d in gazu.project.all_metadata_descriptors(project)] == ["Difficulty"]
    assert gazu.project.get_project_status_by_name("Open")["name"] == "Open"
