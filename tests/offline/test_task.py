"""kitsu_helpers.task offline (tests/cassettes/task/)."""

from typing import Any

import kitsu_helpers as gazu


def test_tasks_and_comments(kitsu: Any, project: dict[str, Any]) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    hero = gazu.asset.new_asset(project, character, "Hero")
    modeling = gazu.task.get_task_type_by_name("Modeling")
    todo = gazu.task.get_task_status_by_short_name("todo")
    wip = gazu.task.get_task_status_by_short_name("wip")
    task = gazu.task.new_task(hero, modeling, task_status=todo)
    assert gazu.task.get_task_by_entity(hero, modeling)["id"] == task["id"]
    assert [t["id"] for t in gazu.task.all_tasks_for_asset(hero)] == [task["id"]]
    comment = gazu.task.add_comment(task, wip, "first pass")
    assert comment["text"] == "first pass"
    assert gazu.task.get_task(task["id"])["task_status_id"] == wip["id"]
    assert [c["text"] for c in gazu.task.all_comments_for_task(task)] == ["first pass"]
    assert gazu.task.get_last_comment_for_task(task)["id"] == comment["id"]
    assert modeling["id"] in [t["id"] for t in gazu.task.all_task_types_for_asset(hero)]
    gazu.task.remove_comment(comment)
    gazu.task.remove_task(task)
    assert gazu.task.all_tasks_for_asset(hero) == []
