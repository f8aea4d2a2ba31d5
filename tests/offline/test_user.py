"""kitsu_helpers.user offline (tests/cassettes/user/): the current user's own tasks of a project."""

from typing import Any

import kitsu_helpers as gazu


def test_the_current_users_tasks(kitsu: Any, project: dict[str, Any]) -> None:
    assert gazu.user.is_authenticated() is True
    me = gazu.client.get_current_user()
    gazu.project.add_person_to_team(project, me)
    character = gazu.asset.get_asset_type_by_name("Character")
    hero = gazu.asset.new_asset(project, character, "Hero")
    todo = gazu.task.get_task_status_by_short_name("todo")  # explicit: the server may hold several defaults
    task = gazu.task.new_task(hero, gazu.task.get_task_type_by_name("Modeling"), task_status=todo, assignees=[me])
    assert [t["id"] for t in gazu.user.all_tasks_for_asset(hero)] == [task["id"]]
    assert [t["name"] for t in gazu.user.all_asset_types_for_project(project)] == ["Character"]
    assert [a["name"] for a in gazu.user.all_assets_for_asset_type_and_project(project, character)] == ["Hero"]
    assert [t["name"] for t in gazu.user.all_task_types_for_asset(hero)] == ["Modeling"]
