"""kitsu_helpers.files offline (tests/cassettes/files/)."""

from typing import Any

import kitsu_helpers as gazu


def test_output_types_and_a_tasks_files(kitsu: Any, project: dict[str, Any], named: Any) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    hero = gazu.asset.new_asset(project, character, "Hero")
    modeling = gazu.task.get_task_type_by_name("Modeling")
    task = gazu.task.new_task(hero, modeling, task_status=gazu.task.get_task_status_by_short_name("todo"))
    name = named("offline-output")
    output_type = gazu.files.new_output_type(name, named("oo"))
    assert gazu.files.get_output_type(output_type["id"])["name"] == name
    assert gazu.files.get_output_type_by_name(name)["id"] == output_type["id"]
    assert gazu.files.get_working_files_for_task(task) == []
    assert gazu.files.all_output_files_for_entity(hero) == []
    assert gazu.files.all_output_types_for_entity(hero) == []
    assert gazu.files.get_all_attachment_files_for_task(task) == []
    assert gazu.files.get_last_working_files(task) == {}
