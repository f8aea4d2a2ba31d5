"""kitsu_helpers.user against the real local Zou, logged in as an artist, a vendor, a supervisor and a manager.

Each person has their own KitsuClient: the user functions answer for whoever is logged in, so the tests check
that the artist sees exactly their own tasks and entities, and that the vendor sees only theirs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_people import people_production, write_png
from fixtures_production import Production

from kitsu_helpers import cache, person, user
from kitsu_helpers.client import KitsuClient


@pytest.fixture(scope="module")
def production(admin_client: KitsuClient, zou: dict[str, Any]) -> Iterator[Production]:
    """A production with persons of every role, each logged in with their own client."""
    yield from people_production(admin_client, zou["url"])


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


def names(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


def task_ids(prod: Production, *names_: str) -> set[str]:
    return {prod.tasks[name]["id"] for name in names_}


ARTIST_OPEN_TASKS = ("anim_sh010", "anim_sh020", "board_sq01", "staging_sc01", "model_hero", "anim_sh100")
VENDOR_TASKS = ("layout_sh010", "layout_sh030")


# --- session and context ------------------------------------------------------------------------


def test_is_authenticated(production: Production, zou: dict[str, Any]) -> None:
    assert user.is_authenticated(client=production.clients["artist"]) is True
    assert user.is_authenticated(client=production.clients["vendor"]) is True
    assert user.is_authenticated(client=KitsuClient(zou["url"])) is False
    assert user.is_authenticated(client=KitsuClient(zou["url"], access_token="not-a-token")) is False


def test_context_of_the_artist(production: Production) -> None:
    context = user.get_context(client=production.clients["artist"])
    assert production.project["id"] in ids(context["projects"])
    assert {"task_types", "task_status", "asset_types", "persons", "search_filters"} <= set(context)
    assert production.task_types["animation"]["id"] in ids(context["task_types"])
    assert production.persons["artist"]["id"] in ids(context["persons"])


def test_open_projects_for_artist_and_vendor(production: Production, admin_client: KitsuClient) -> None:
    for role in ("artist", "vendor"):
        projects = user.all_open_projects(client=production.clients[role])
        assert production.project["id"] in ids(projects)
        assert names(projects) == sorted(names(projects), key=str.lower)
    # a project the artist is not in the team of is not listed
    other = admin_client.call(
        "post_data_projects", json={"name": f"other-{production.token}", "production_type": "tvshow"}
    )
    try:
        assert other["id"] not in ids(user.all_open_projects(client=production.clients["artist"]))
        assert other["id"] in ids(user.all_open_projects(client=admin_client))
    finally:
        from conftest import remove_project

        remove_project(admin_client, other["id"])


# --- entities the user works on -----------------------------------------------------------------


def test_asset_types_and_assets_of_the_artist(production: Production) -> None:
    artist, vendor = production.clients["artist"], production.clients["vendor"]
    project = production.project
    asset_types = user.all_asset_types_for_project(project, client=artist)
    assert names(asset_types) == ["Character"]
    assets = user.all_assets_for_asset_type_and_project(project["id"], asset_types[0], client=artist)
    assert [(a["name"], a["id"]) for a in assets] == [("Hero", production.entities["hero"]["id"])]
    assert user.all_asset_types_for_project(project, client=vendor) == []
    assert user.all_assets_for_asset_type_and_project(project, production.asset_types["Character"], client=vendor) == []


def test_episodes_sequences_shots_scenes_of_the_artist(production: Production) -> None:
    artist = production.clients["artist"]
    project, entities = production.project, production.entities
    assert [(e["name"], e["id"]) for e in user.all_episodes_for_project(project, client=artist)] == [
        ("E01", entities["e01"]["id"])
    ]
    assert names(user.all_sequences_for_project(project["id"], client=artist)) == ["SQ01", "SQ02"]
    assert names(user.all_shots_for_sequence(entities["sq01"], client=artist)) == ["SH010", "SH020"]
    assert names(user.all_shots_for_sequence(entities["sq02"]["id"], client=artist)) == ["SH100"]
    assert [(s["name"], s["id"]) for s in user.all_scenes_for_sequence(entities["sq01"], client=artist)] == [
        ("SC01", entities["sc01"]["id"])
    ]


def test_vendor_sees_only_the_entities_of_their_own_tasks(production: Production) -> None:
    vendor = production.clients["vendor"]
    project, entities = production.project, production.entities
    assert user.all_episodes_for_project(project, client=vendor) == []
    assert names(user.all_sequences_for_project(project, client=vendor)) == ["SQ01"]
    assert names(user.all_shots_for_sequence(entities["sq01"], client=vendor)) == ["SH010", "SH030"]
    assert user.all_scenes_for_sequence(entities["sq01"], client=vendor) == []


def test_tasks_and_task_types_per_entity_for_the_artist(production: Production) -> None:
    artist = production.clients["artist"]
    entities, tasks = production.entities, production.tasks
    assert ids(user.all_tasks_for_shot(entities["sh010"], client=artist)) == task_ids(production, "anim_sh010")
    # a done task is still the artist's task on that shot
    assert ids(user.all_tasks_for_shot(entities["sh020"]["id"], client=artist)) == task_ids(
        production, "anim_sh020", "comp_sh020"
    )
    assert ids(user.all_tasks_for_asset(entities["hero"], client=artist)) == {tasks["model_hero"]["id"]}
    assert ids(user.all_tasks_for_scene(entities["sc01"], client=artist)) == {tasks["staging_sc01"]["id"]}
    assert ids(user.all_tasks_for_sequence(entities["sq01"], client=artist)) == {tasks["board_sq01"]["id"]}

    assert names(user.all_task_types_for_shot(entities["sh010"], client=artist)) == ["Animation"]
    assert names(user.all_task_types_for_shot(entities["sh020"], client=artist)) == ["Animation", "Compositing"]
    assert names(user.all_task_types_for_asset(entities["hero"], client=artist)) == ["Modeling"]
    assert names(user.all_task_types_for_scene(entities["sc01"], client=artist)) == [f"Staging-{production.token}"]
    assert names(user.all_task_types_for_sequence(entities["sq01"]["id"], client=artist)) == [
        f"Board-{production.token}"
    ]
    # SH030 is animated by artist2 and laid out by the vendor: nothing there for the artist
    assert user.all_tasks_for_shot(entities["sh030"], client=artist) == []
    assert user.all_task_types_for_shot(entities["sh030"], client=artist) == []


def test_vendor_sees_only_their_own_tasks_per_entity(production: Production) -> None:
    vendor = production.clients["vendor"]
    entities = production.entities
    on_sh010 = user.all_tasks_for_shot(entities["sh010"], client=vendor)
    assert ids(on_sh010) == task_ids(production, "layout_sh010")  # not the artist's animation task
    assert [t["task_type_id"] for t in on_sh010] == [production.task_types["layout"]["id"]]
    assert names(user.all_task_types_for_shot(entities["sh010"], client=vendor)) == ["Layout"]
    assert user.all_tasks_for_shot(entities["sh020"], client=vendor) == []
    assert user.all_tasks_for_asset(entities["hero"], client=vendor) == []
    assert user.all_tasks_for_scene(entities["sc01"], client=vendor) == []
    assert user.all_tasks_for_sequence(entities["sq01"], client=vendor) == []
    assert user.all_task_types_for_asset(entities["hero"], client=vendor) == []
    assert user.all_task_types_for_scene(entities["sc01"], client=vendor) == []
    assert user.all_task_types_for_sequence(entities["sq01"], client=vendor) == []


# --- to-do lists --------------------------------------------------------------------------------


def test_tasks_to_do_of_the_artist(production: Production) -> None:
    todo = user.all_tasks_to_do(client=production.clients["artist"])
    assert ids(todo) == task_ids(production, *ARTIST_OPEN_TASKS)
    by_id = {t["id"]: t for t in todo}
    anim = by_id[production.tasks["anim_sh010"]["id"]]
    assert (anim["entity_name"], anim["task_type_name"], anim["project_name"]) == (
        "SH010",
        "Animation",
        production.project["name"],
    )
    assert all(production.persons["artist"]["id"] in t["assignees"] for t in todo)


def test_vendor_to_do_list_holds_only_their_own_tasks(production: Production) -> None:
    todo = user.all_tasks_to_do(client=production.clients["vendor"])
    assert ids(todo) == task_ids(production, *VENDOR_TASKS)
    assert not ids(todo) & task_ids(production, *ARTIST_OPEN_TASKS, "anim_sh030", "comp_sh020")
    assert user.all_done_tasks(client=production.clients["vendor"]) == []


def test_done_tasks_of_the_artist(production: Production) -> None:
    done = user.all_done_tasks(client=production.clients["artist"])
    assert ids(done) == task_ids(production, "comp_sh020")
    assert done[0]["task_status_short_name"] == "done"


def test_tasks_requiring_feedback_depend_on_the_role(production: Production) -> None:
    waiting = task_ids(production, "anim_sh020", "layout_sh030")
    manager_view = ids(user.all_tasks_requiring_feedback(client=production.clients["manager"]))
    assert manager_view & task_ids(production, *production.tasks) == waiting
    # the supervisor checks the Animation department only
    supervisor_view = ids(user.all_tasks_requiring_feedback(client=production.clients["supervisor"]))
    assert supervisor_view & task_ids(production, *production.tasks) == task_ids(production, "anim_sh020")
    assert user.all_tasks_requiring_feedback(client=production.clients["artist"]) == []


def test_cached_user_reads_are_scoped_to_the_logged_in_user(production: Production) -> None:
    cache.enable()
    try:
        artist_todo = user.all_tasks_to_do(client=production.clients["artist"])
        vendor_todo = user.all_tasks_to_do(client=production.clients["vendor"])
        assert ids(vendor_todo) == task_ids(production, *VENDOR_TASKS)
        assert ids(user.all_tasks_to_do(client=production.clients["artist"])) == ids(artist_todo)
        assert user.all_tasks_to_do.get_cache_infos()["hits"] >= 1
    finally:
        cache.disable()
        user.all_tasks_to_do.clear_cache()


# --- time spents and day offs -------------------------------------------------------------------


def test_time_spents_of_the_artist(production: Production) -> None:
    artist = production.clients["artist"]
    spread = user.get_timespents_range("2025-03-01", datetime.date(2025, 3, 31), client=artist)
    assert sorted((t["date"], t["duration"]) for t in spread) == [
        ("2025-03-03", 240),
        ("2025-03-04", 60),
        ("2025-03-04", 300),
        ("2025-03-05", 120),
    ]
    assert {t["person_id"] for t in spread} == {production.persons["artist"]["id"]}
    day = user.get_time_spents_by_date(datetime.date(2025, 3, 4), client=artist)
    assert {(t["task_id"], t["duration"]) for t in day} == {
        (production.tasks["anim_sh010"]["id"], 300),
        (production.tasks["model_hero"]["id"], 60),
    }
    entry = user.get_task_time_spent(production.tasks["anim_sh010"], "2025-03-05", client=artist)
    assert entry is not None
    assert (entry["duration"], entry["date"]) == (120, "2025-03-05")
    assert user.get_task_time_spent(production.tasks["anim_sh010"]["id"], "2025-03-07", client=artist) is None
    # the vendor logged nothing: their view holds none of the artist's time
    assert user.get_timespents_range("2025-03-01", "2025-03-31", client=production.clients["vendor"]) == []
    assert user.get_time_spents_by_date("2025-03-04", client=production.clients["vendor"]) == []


def test_day_off_of_the_artist(production: Production, admin_client: KitsuClient) -> None:
    artist = production.persons["artist"]
    day_off = person.new_day_off(artist, "2025-08-04", "2025-08-08", "summer", client=admin_client)
    try:
        found = user.get_day_off(datetime.date(2025, 8, 6), client=production.clients["artist"])
        assert (found["id"], found["description"]) == (day_off["id"], "summer")
        assert user.get_day_off("2025-08-11", client=production.clients["artist"]) == {}
        assert user.get_day_off("2025-08-06", client=production.clients["vendor"]) == {}
    finally:
        person.remove_day_off(day_off, client=admin_client)


# --- desktop log-ins, avatar --------------------------------------------------------------------


def test_desktop_login_logs(production: Production) -> None:
    artist = production.clients["artist"]
    before = len(user.all_desktop_login_logs(client=artist))
    entry = user.log_desktop_session_log_in(client=artist)
    assert entry["person_id"] == production.persons["artist"]["id"]
    assert entry["type"] == "DesktopLoginLog"
    logs = user.all_desktop_login_logs(client=artist)
    assert len(logs) == before + 1
    assert entry["id"] in ids(logs)
    assert entry["id"] not in ids(user.all_desktop_login_logs(client=production.clients["vendor"]))


def test_clear_avatar(production: Production, admin_client: KitsuClient, tmp_path: Path) -> None:
    artist = production.persons["artist"]
    person.set_avatar(artist, str(write_png(tmp_path / "artist.png")), client=admin_client)
    assert person.get_person(artist["id"], client=admin_client)["has_avatar"] is True
    assert user.clear_avatar(client=production.clients["artist"]) == ""
    assert person.get_person(artist["id"], client=admin_client)["has_avatar"] is False


# --- filters ------------------------------------------------------------------------------------


def test_filters_lifecycle(production: Production) -> None:
    artist, project_id = production.clients["artist"], production.project["id"]
    created = user.new_filter("retakes", "retake", "shot", production.project, "Shot", client=artist)
    assert (created["name"], created["search_query"], created["list_type"]) == ("retakes", "retake", "shot")
    assert (created["project_id"], created["entity_type"]) == (project_id, "Shot")
    assert created["person_id"] == production.persons["artist"]["id"]
    global_filter = user.new_filter("mine", "anim", "todos", client=artist)
    assert global_filter["project_id"] is None

    filters = user.all_filters(client=artist)
    assert ids(filters["shot"][project_id]) == {created["id"]}
    assert created["id"] not in str(user.all_filters(client=production.clients["vendor"]))

    updated = user.update_filter({**created, "name": "all retakes", "search_query": "retake sh0"}, client=artist)
    assert (updated["name"], updated["search_query"]) == ("all retakes", "retake sh0")
    assert user.all_filters(client=artist)["shot"][project_id][0]["name"] == "all retakes"

    assert user.remove_filter(created, client=artist) == ""
    assert user.remove_filter(global_filter["id"], client=artist) == ""
    remaining = user.all_filters(client=artist)
    assert created["id"] not in str(remaining)
    assert global_filter["id"] not in str(remaining)


def test_filter_groups_lifecycle(production: Production) -> None:
    artist, project_id = production.clients["artist"], production.project["id"]
    group = user.new_filter_group("Animation work", production.project, client=artist)
    assert (group["name"], group["project_id"]) == ("Animation work", project_id)
    assert group["person_id"] == production.persons["artist"]["id"]

    groups = user.all_filter_groups(client=artist)
    assert group["id"] in ids(groups[group["list_type"]][project_id])
    assert user.get_filter_group(group, client=artist)["name"] == "Animation work"

    updated = user.update_filter_group({"id": group["id"], "name": "Anim", "color": "#FF0000"}, client=artist)
    assert (updated["name"], updated["color"]) == ("Anim", "#FF0000")
    assert user.get_filter_group(group["id"], client=artist)["color"] == "#FF0000"

    assert user.remove_filter_group(group["id"], client=artist) == ""
    assert group["id"] not in str(user.all_filter_groups(client=artist))


# --- notifications and subscriptions ------------------------------------------------------------


def test_notifications_of_the_artist(production: Production, admin_client: KitsuClient) -> None:
    artist = production.clients["artist"]
    task = production.tasks["anim_sh010"]
    text = f"more squash on the jump {production.token}"
    admin_client.call(
        "post_actions_tasks_task_id_comment",
        json={"task_status_id": production.statuses["retake"]["id"], "comment": text},
        task_id=task["id"],
    )
    notifications = user.all_notifications(client=artist)
    mine = [n for n in notifications if n.get("comment_text") == text]
    assert len(mine) == 1
    notification = mine[0]
    assert (notification["task_id"], notification["notification_type"], notification["read"]) == (
        task["id"],
        "comment",
        False,
    )
    assert notification["full_entity_name"] == "SQ01 / SH010"
    # the vendor is not assigned to that task: not notified
    assert text not in str(user.all_notifications(client=production.clients["vendor"]))

    fetched = user.get_notification(notification["id"], client=artist)
    assert (fetched["id"], fetched["comment_text"]) == (notification["id"], text)
    updated = user.update_notification({"id": notification["id"], "read": True}, client=artist)
    assert updated["read"] is True
    assert user.get_notification(notification, client=artist)["read"] is True

    admin_client.call(
        "post_actions_tasks_task_id_comment",
        json={"task_status_id": production.statuses["wip"]["id"], "comment": "second " + text},
        task_id=task["id"],
    )
    assert any(not n["read"] for n in user.all_notifications(client=artist))
    assert user.mark_all_notifications_as_read(client=artist) == {"success": True}
    assert all(n["read"] for n in user.all_notifications(client=artist))


def test_task_subscription(production: Production) -> None:
    artist2 = production.clients["artist2"]
    task = production.tasks["anim_sh010"]  # not artist2's task
    assert user.check_task_subscription(task, client=artist2) is False
    subscription = user.subscribe_to_task(task["id"], client=artist2)
    assert (subscription["task_id"], subscription["person_id"]) == (task["id"], production.persons["artist2"]["id"])
    assert user.check_task_subscription(task["id"], client=artist2) is True
    assert user.check_task_subscription(task, client=production.clients["vendor"]) is False
    assert user.unsubscribe_from_task(task, client=artist2) == ""
    assert user.check_task_subscription(task, client=artist2) is False


# --- chats --------------------------------------------------------------------------------------


def test_entity_chats(production: Production) -> None:
    artist = production.clients["artist"]
    shot = production.entities["sh010"]
    assert user.all_chats(client=artist) == []
    chat = user.join_chat(shot, client=artist)
    assert (chat["object_id"], chat["type"]) == (shot["id"], "Chat")
    chats = user.all_chats(client=artist)
    assert [c["id"] for c in chats] == [chat["id"]]
    assert user.all_chats(client=production.clients["vendor"]) == []
    assert user.leave_chat(shot["id"], client=artist) == ""
    assert user.all_chats(client=artist) == []
