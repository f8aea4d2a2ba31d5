"""kitsu_helpers.project_template offline (tests/cassettes/project_template/)."""

from typing import Any

import kitsu_helpers as gazu


def test_project_template_crud(kitsu: Any, named: Any) -> None:
    name = named("offline-template")
    template = gazu.project_template.new_project_template(name, fps="25")
    assert gazu.project_template.get_project_template(template["id"])["name"] == name
    assert gazu.project_template.get_project_template_by_name(name)["id"] == template["id"]
    animation = gazu.task.get_task_type_by_name("Animation")
    gazu.project_template.add_task_type_to_project_template(template, animation)
    task_types = gazu.project_template.all_task_types_for_project_template(template)
    assert [t["id"] for t in task_types] == [animation["id"]]
    gazu.project_template.remove_task_type_from_project_template(template, animation)
    assert gazu.project_template.all_task_types_for_project_template(template) == []
    gazu.project_template.update_project_template({"id": template["id"], "fps": "24"})
    assert gazu.project_template.get_project_template(template)["fps"] == "24"
    gazu.project_template.remove_project_template(template)
    assert gazu.project_template.get_project_template_by_name(name) is None
