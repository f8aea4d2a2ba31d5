"""kitsu_helpers.project against the real Zou, on a TV show production (tests/fixtures_production.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from fixtures_production import Cleanup, Production, close_and_delete_project

from kitsu_helpers import project as gazu_project
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import GazuException, RouteNotFoundException


@pytest.fixture(scope="module")
def production(tv_production: Production) -> Production:
    """This module's production: the TV show."""
    return tv_production


PROJECT_ID = "6a4cf1a6-0c8e-4b7e-9c7d-2d1f3c9e8a11"


def names(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["name"] for entry in entries]


# --- statuses, listing, retrieval ----------------------------------------------------------------


def test_project_statuses(client: KitsuClient) -> None:
    statuses = gazu_project.all_project_status()
    assert {"Open", "Closed"} <= set(names(statuses))
    assert names(statuses) == sorted(names(statuses), key=str.lower)
    open_status = gazu_project.get_project_status_by_name("Open")
    assert open_status is not None
    assert open_status["id"] == next(s["id"] for s in statuses if s["name"] == "Open")
    assert gazu_project.get_project_status_by_name("No such status") is None


def test_project_listing_and_retrieval(client: KitsuClient, production: Production) -> None:
    project = production.project
    every = gazu_project.all_projects(client=client)
    assert project["id"] in [p["id"] for p in every]
    assert names(every) == sorted(names(every), key=str.lower)
    assert project["id"] in [p["id"] for p in gazu_project.all_open_projects()]
    fetched = gazu_project.get_project(project["id"])
    assert fetched["name"] == project["name"]
    assert fetched["production_type"] == "tvshow"
    assert gazu_project.get_project(project)["id"] == project["id"]
    by_name = gazu_project.get_project_by_name(project["name"])
    assert by_name is not None
    assert by_name["id"] == project["id"]
    assert gazu_project.get_project_by_name(f"missing {production.token}") is None
    with pytest.raises(RouteNotFoundException):
        gazu_project.get_project("00000000-0000-0000-0000-000000000000")


def test_get_project_url_matches_gazu(client: KitsuClient, production: Production) -> None:
    # gazu 1.3.1 gives exactly these strings for these hosts (checked by running gazu's own function).
    assert gazu_project.get_project_url(PROJECT_ID, client=KitsuClient("http://127.0.0.1:5600")) == (
        f"http://127.0.0.1:5600/productions/{PROJECT_ID}/assets/"
    )
    assert gazu_project.get_project_url(
        {"id": PROJECT_ID}, "shots", client=KitsuClient("https://kitsu.example.com/api")
    ) == (f"https://kitsu.example.com/productions/{PROJECT_ID}/shots/")
    url = gazu_project.get_project_url(production.project, "shots")
    assert url == f"{client.host.removesuffix('/api')}/productions/{production.project['id']}/shots/"


# --- create, update, close, remove ---------------------------------------------------------------


def test_new_project_returns_existing_and_links_settings(
    client: KitsuClient, production: Production, cleanup: Cleanup
) -> None:
    name = f"New Show {production.token}"
    lead = production.persons["lead"]
    created = gazu_project.new_project(
        name,
        "tvshow",
        team=[lead],
        asset_types=[production.asset_types["Prop"]["id"]],
        task_statuses=[production.statuses["default"]],
        task_types=[production.task_types["Animation"]],
        production_style="3d",
    )
    cleanup.add(lambda: close_and_delete_project(client, created["id"]))
    assert created["name"] == name
    assert created["production_type"] == "tvshow"
    assert created["production_style"] == "3d"
    assert created["team"] == [lead["id"]]
    assert created["asset_types"] == [production.asset_types["Prop"]["id"]]
    assert created["task_types"] == [production.task_types["Animation"]["id"]]
    assert created["task_statuses"] == [production.statuses["default"]["id"]]
    again = gazu_project.new_project(name, "short")
    assert again["id"] == created["id"]
    assert again["production_type"] == "tvshow"


def test_new_project_from_template(client: KitsuClient, production: Production, cleanup: Cleanup) -> None:
    template = client.call("post_data_project_templates", json={"name": f"Tpl new {production.token}", "fps": "30"})
    cleanup.add(lambda: client.call("delete_data_project_templates_instance_id", instance_id=template["id"]))
    client.call(
        "post_data_project_templates_project_template_id_task_types",
        json={"task_type_id": production.task_types["Modeling"]["id"]},
        project_template_id=template["id"],
    )
    created = gazu_project.new_project(f"From Tpl {production.token}", project_template=template)
    cleanup.add(lambda: close_and_delete_project(client, created["id"]))
    assert production.task_types["Modeling"]["id"] in created["task_types"]
    assert created["fps"] == "30"
    assert created["production_type"] == "short"


def test_update_project_and_project_data(
    client: KitsuClient, new_project: Callable[..., Any], production: Production
) -> None:
    project = new_project(data={"camera": "A", "lens": "35mm"})
    project = gazu_project.get_project(project["id"])
    project["fps"] = "25"
    project["description"] = "A brand new show"
    project["asset_types"] = [production.asset_types["Character"]]
    updated = gazu_project.update_project(project)
    assert updated["fps"] == "25"
    assert updated["description"] == "A brand new show"
    assert updated["id"] == project["id"]
    assert gazu_project.get_project(project["id"])["asset_types"] == [production.asset_types["Character"]["id"]]
    assert project["asset_types"] == [production.asset_types["Character"]], "the caller's dict is left unchanged"
    merged = gazu_project.update_project_data(project["id"], {"lens": "50mm", "rig": "v2"})
    assert merged["data"] == {"camera": "A", "lens": "50mm", "rig": "v2"}
    assert gazu_project.get_project(project)["data"]["rig"] == "v2"


def test_close_and_remove_project(client: KitsuClient, new_project: Callable[..., Any]) -> None:
    project = new_project()
    with pytest.raises(GazuException):
        gazu_project.remove_project(project)  # Zou deletes closed projects only
    closed = gazu_project.close_project(project["id"])
    closed_status = gazu_project.get_project_status_by_name("Closed")
    assert closed_status is not None
    assert closed["project_status_id"] == closed_status["id"]
    assert project["id"] not in [p["id"] for p in gazu_project.all_open_projects()]
    assert gazu_project.remove_project(project, force=True) == ""
    assert gazu_project.get_project_by_name(project["name"]) is None

    empty = new_project(production_type="short")  # a tvshow starts with an episode: force needed
    gazu_project.close_project(empty)
    gazu_project.remove_project(empty["id"])
    assert empty["id"] not in [p["id"] for p in gazu_project.all_projects()]


# --- settings ------------------------------------------------------------------------------------


def test_task_type_task_status_asset_type_settings(
    client: KitsuClient, new_project: Callable[..., Any], production: Production
) -> None:
    project = new_project()
    modeling, animation = production.task_types["Modeling"], production.task_types["Animation"]
    assert gazu_project.add_task_type(project, modeling, 2)["id"] == project["id"]
    gazu_project.add_task_type(project["id"], animation["id"], 1)
    task_types = gazu_project.get_project_task_types(project)
    assert {t["id"] for t in task_types} == {modeling["id"], animation["id"]}
    assert gazu_project.remove_task_type(project, modeling) == ""
    assert [t["id"] for t in gazu_project.get_project_task_types(project["id"])] == [animation["id"]]

    status = production.statuses["default"]
    assert gazu_project.add_task_status(project, status)["id"] == project["id"]
    assert [s["id"] for s in gazu_project.get_project_task_statuses(project)] == [status["id"]]
    assert gazu_project.get_project_task_statuses(project)[0]["name"] == status["name"]
    gazu_project.remove_task_status(project, status["id"])
    assert gazu_project.get_project_task_statuses(project) == []

    prop = production.asset_types["Prop"]
    assert gazu_project.add_asset_type(project, prop)["name"] == project["name"]
    assert gazu_project.get_project(project)["asset_types"] == [prop["id"]]


def test_status_automations(
    cleanup: Cleanup, client: KitsuClient, new_project: Callable[..., Any], production: Production
) -> None:
    project = new_project()
    status = production.statuses["default"]
    automation = client.call(
        "post_data_status_automations",
        json={
            "entity_type": "asset",
            "in_task_type_id": production.task_types["Modeling"]["id"],
            "in_task_status_id": status["id"],
            "out_field_type": "status",
            "out_task_type_id": production.task_types["Animation"]["id"],
            "out_task_status_id": status["id"],
        },
    )
    cleanup.add(lambda: client.call("delete_data_status_automations_instance_id", instance_id=automation["id"]))
    assert gazu_project.all_status_automations(project) == []
    result = gazu_project.add_status_automation(project, {"status_automation_id": automation["id"]})
    assert result["id"] == project["id"]
    listed = gazu_project.all_status_automations(project["id"])
    assert [a["id"] for a in listed] == [automation["id"]]
    assert listed[0]["in_task_type_id"] == production.task_types["Modeling"]["id"]
    assert gazu_project.remove_status_automation(project, automation) == ""
    assert gazu_project.all_status_automations(project) == []


def test_preview_background_files(
    cleanup: Cleanup, client: KitsuClient, new_project: Callable[..., Any], production: Production
) -> None:
    project = new_project()
    background = client.call("post_data_preview_background_files", json={"name": f"studio-{production.token}"})
    cleanup.add(lambda: client.call("delete_data_preview_background_files_instance_id", instance_id=background["id"]))
    assert gazu_project.get_preview_background_files(project) == []
    gazu_project.add_preview_background_file(project, {"preview_background_file_id": background["id"]})
    files = gazu_project.get_preview_background_files(project["id"])
    assert [(f["id"], f["name"]) for f in files] == [(background["id"], f"studio-{production.token}")]
    assert gazu_project.remove_preview_background_file(project, background["id"]) == ""
    assert gazu_project.get_preview_background_files(project) == []


# --- metadata descriptors ------------------------------------------------------------------------


def test_metadata_descriptors(client: KitsuClient, production: Production, cleanup: Cleanup) -> None:
    project = production.project
    department = client.call("post_data_departments", json={"name": f"Lighting {production.token}", "color": "#123456"})
    cleanup.add(lambda: client.call("delete_data_departments_instance_id", instance_id=department["id"]))
    difficulty = gazu_project.add_metadata_descriptor(
        project, "Difficulty", "Asset", "list", choices=["easy", "hard"], for_client=True
    )
    assert difficulty["field_name"] == "difficulty"
    assert difficulty["choices"] == ["easy", "hard"]
    assert difficulty["for_client"] is True
    assert difficulty["entity_type"] == "Asset"
    camera = gazu_project.add_metadata_descriptor(project["id"], "Camera", "Shot", departments=[department])
    assert camera["departments"] == [department["id"]]
    assert camera["data_type"] == "string"
    lens = gazu_project.add_metadata_descriptor(project, "Lens", "Shot")
    review = gazu_project.add_metadata_descriptor(
        project, "Review note", "Task", task_type_id=production.task_types["Animation"]
    )
    assert review["task_type_id"] == production.task_types["Animation"]["id"]

    assert gazu_project.get_metadata_descriptor(project, difficulty["id"])["name"] == "Difficulty"
    assert gazu_project.get_metadata_descriptor(project["id"], camera)["entity_type"] == "Shot"
    found = gazu_project.get_metadata_descriptor_by_field_name(project, "camera")
    assert found is not None
    assert found["id"] == camera["id"]
    assert gazu_project.get_metadata_descriptor_by_field_name(project, "no_such_field") is None
    every = gazu_project.all_metadata_descriptors(project)
    assert {difficulty["id"], camera["id"], lens["id"], review["id"]} <= {d["id"] for d in every}
    shot_ids = [d["id"] for d in gazu_project.all_metadata_descriptors(project, entity_type="Shot")]
    assert set(shot_ids) == {camera["id"], lens["id"]}

    camera["name"] = "Camera model"
    camera["departments"] = []
    updated = gazu_project.update_metadata_descriptor(project, camera)
    assert updated["name"] == "Camera model"
    assert updated["departments"] == []
    lens["departments"] = [department]
    assert gazu_project.update_metadata_descriptor(project, lens)["departments"] == [department["id"]]

    reordered = gazu_project.reorder_metadata_descriptors(project, "Shot", [lens, camera["id"]])
    assert [d["id"] for d in reordered if d["entity_type"] == "Shot"][:2] == [lens["id"], camera["id"]]
    shots_in_order = [d["id"] for d in gazu_project.all_metadata_descriptors(project, entity_type="Shot")]
    assert shots_in_order.index(lens["id"]) < shots_in_order.index(camera["id"])

    assert gazu_project.remove_metadata_descriptor(project, lens) == ""
    gazu_project.remove_metadata_descriptor(project, difficulty["id"], force=True)
    remaining = {d["id"] for d in gazu_project.all_metadata_descriptors(project)}
    assert lens["id"] not in remaining
    assert difficulty["id"] not in remaining
    assert camera["id"] in remaining


# --- team ----------------------------------------------------------------------------------------


def test_team(client: KitsuClient, new_project: Callable[..., Any], production: Production) -> None:
    project = new_project()
    artist, lead = production.persons["artist"], production.persons["lead"]
    assert gazu_project.get_team(project) == []
    assert gazu_project.add_person_to_team(project, artist)["id"] == project["id"]
    gazu_project.add_person_to_team(project["id"], lead["id"], role="supervisor")
    team = gazu_project.get_team(project)
    assert {p["id"] for p in team} == {artist["id"], lead["id"]}
    assert {p["email"] for p in team} == {artist["email"], lead["email"]}
    link = gazu_project.update_team_member_role(project, artist, "manager")
    assert link["person_id"] == artist["id"]
    assert link["role"] == "manager"
    assert gazu_project.update_team_member_role(project, artist, None)["role"] is None
    assert gazu_project.remove_person_from_team(project, lead) == ""
    assert [p["id"] for p in gazu_project.get_team(project["id"])] == [artist["id"]]


# --- milestones and quotas -----------------------------------------------------------------------


def test_milestones(client: KitsuClient, production: Production, cleanup: Cleanup) -> None:
    milestone = client.call(
        "post_data_milestones",
        json={
            "name": "Animatic lock",
            "date": "2026-12-15",
            "project_id": production.project["id"],
            "task_type_id": production.task_types["Animation"]["id"],
        },
    )
    cleanup.add(lambda: client.call("delete_data_milestones_instance_id", instance_id=milestone["id"]))
    milestones = gazu_project.get_milestones(production.project)
    assert [(m["id"], m["name"], m["date"]) for m in milestones] == [(milestone["id"], "Animatic lock", "2026-12-15")]


def test_quotas(client: KitsuClient, production: Production) -> None:
    task = production.tasks["SH010/Animation"]
    artist = production.persons["artist"]
    client.call(
        "post_actions_tasks_task_id_time_spents_date_persons_person_id",
        json={"duration": 240},
        task_id=task["id"],
        date="2026-11-02",
        person_id=artist["id"],
    )
    client.call("put_data_tasks_instance_id", json={"end_date": "2026-11-02T18:00:00"}, instance_id=task["id"])
    quotas = gazu_project.get_project_quotas(production.project, production.task_types["Animation"])
    day = quotas[artist["id"]]["day"]
    assert day["frames"] == {"2026-11-02": 48}  # SH010: 48 frames, all its time spent on that day
    assert day["seconds"]["2026-11-02"] == pytest.approx(2.0)  # at the project's 24 fps
    assert quotas[artist["id"]]["month"]["count"] == {"2026-11": 1.0}
    person_quotas = gazu_project.get_project_person_quotas(production.project["id"], artist)
    animation_id = production.task_types["Animation"]["id"]  # a person's quotas are split by task type
    assert person_quotas[animation_id]["week"]["frames"] == {"2026-45": 48}
    assert person_quotas["total"]["year"]["frames"] == {"2026": 48}
    assert artist["id"] not in gazu_project.get_project_quotas(production.project, production.task_types["Modeling"])


# --- budgets -------------------------------------------------------------------------------------


def test_budgets_and_entries(
    cleanup: Cleanup, client: KitsuClient, new_project: Callable[..., Any], production: Production
) -> None:
    project = new_project()
    department = client.call("post_data_departments", json={"name": f"Anim {production.token}", "color": "#654321"})
    cleanup.add(lambda: client.call("delete_data_departments_instance_id", instance_id=department["id"]))
    budget = gazu_project.create_budget(project, "Season 1", description="first pass", currency="EUR", amount=1000)
    assert budget["name"] == "Season 1"
    assert budget["currency"] == "EUR"
    assert budget["project_id"] == project["id"]
    assert [b["id"] for b in gazu_project.get_budgets(project)] == [budget["id"]]
    assert gazu_project.get_budget(project["id"], budget)["name"] == "Season 1"
    renamed = gazu_project.update_budget(project, budget["id"], {"name": "Season 1 v2"})
    assert renamed["name"] == "Season 1 v2"

    entry = gazu_project.create_budget_entry(
        project,
        budget,
        "Animator",
        date=datetime.date(2027, 1, 4),
        quantity=6,
        unit_price=350.0,
        category=department,
    )
    assert entry["budget_id"] == budget["id"]
    assert entry["department_id"] == department["id"]
    assert entry["start_date"] == "2027-01-04"
    assert entry["months_duration"] == 6
    assert entry["daily_salary"] == 350.0
    assert [e["id"] for e in gazu_project.get_budget_entries(project, budget)] == [entry["id"]]
    assert gazu_project.get_budget_entry(project, budget, entry["id"])["months_duration"] == 6
    changed = gazu_project.update_budget_entry(project, budget, entry, {"months_duration": 8, "seniority": "senior"})
    assert changed["months_duration"] == 8
    assert changed["seniority"] == "senior"
    assert gazu_project.remove_budget_entry(project, budget, entry) == ""
    assert gazu_project.get_budget_entries(project, budget) == []
    assert gazu_project.remove_budget(project, budget) == ""
    assert gazu_project.get_budgets(project) == []


def test_arguments_are_checked_before_any_request() -> None:
    with pytest.raises(TypeError):
        gazu_project.get_team(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="an id must be a UUID, not 'x'"):
        gazu_project.add_person_to_team({"name": "no id"}, "x")


def test_cached_reads_follow_this_clients_writes(client: KitsuClient, new_project: Callable[..., Any]) -> None:
    from kitsu_helpers import cache

    project = new_project(description="before")
    cache.enable()
    try:
        assert gazu_project.get_project(project["id"])["description"] == "before"
        hits = gazu_project.get_project.get_cache_infos()["hits"]
        assert gazu_project.get_project(project)["description"] == "before"
        assert gazu_project.get_project.get_cache_infos()["hits"] == hits + 1
        gazu_project.update_project({"id": project["id"], "description": "after"})
        assert gazu_project.get_project(project["id"])["description"] == "after"
    finally:
        cache.disable()
