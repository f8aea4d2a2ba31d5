"""kitsu_helpers.project_template against the real Zou: templates built, snapshotted from and applied to a TV show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fixtures_production import Cleanup, Production

from kitsu_helpers import project_template as templates
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import RouteNotFoundException


@pytest.fixture(scope="module")
def production(tv_production: Production) -> Production:
    """This module's production: the TV show."""
    return tv_production


@pytest.fixture
def template_factory(client: KitsuClient, cleanup: Cleanup) -> Callable[..., dict[str, Any]]:
    """Create templates with the helper under test and delete them at the end."""

    def make(name: str, **kwargs: Any) -> dict[str, Any]:
        template = templates.new_project_template(name, **kwargs)
        cleanup.add(lambda: client.call("delete_data_project_templates_instance_id", instance_id=template["id"]))
        return template

    return make


def ids(entries: list[dict[str, Any]]) -> set[str]:
    return {entry["id"] for entry in entries}


def test_create_list_get_update_remove(
    client: KitsuClient, production: Production, template_factory: Callable[..., dict[str, Any]]
) -> None:
    suffix = production.token
    series = template_factory(
        f"Series {suffix}",
        description="weekly series",
        fps="25",
        ratio="2.39:1",
        resolution="3840x2160",
        production_type="tvshow",
        production_style="3d",
    )
    assert series["name"] == f"Series {suffix}"
    assert series["description"] == "weekly series"
    assert (series["fps"], series["ratio"], series["resolution"]) == ("25", "2.39:1", "3840x2160")
    assert (series["production_type"], series["production_style"]) == ("tvshow", "3d")
    ad = template_factory(f"Ad {suffix}")
    assert ad["description"] is None

    every = templates.all_project_templates()
    assert {series["id"], ad["id"]} <= ids(every)
    listed = [t["name"] for t in every]
    assert listed == sorted(listed, key=str.lower)
    assert templates.get_project_template(series["id"])["fps"] == "25"
    assert templates.get_project_template(ad)["name"] == f"Ad {suffix}"
    found = templates.get_project_template_by_name(f"Series {suffix}")
    assert found is not None
    assert found["id"] == series["id"]
    assert templates.get_project_template_by_name(f"missing {suffix}") is None

    series["description"] = "weekly series, season 2"
    series["fps"] = "24"
    updated = templates.update_project_template(series)
    assert updated["description"] == "weekly series, season 2"
    assert updated["fps"] == "24"
    assert templates.get_project_template(series)["fps"] == "24"

    assert templates.remove_project_template(ad) == ""
    assert templates.get_project_template_by_name(f"Ad {suffix}") is None
    with pytest.raises(RouteNotFoundException):
        templates.get_project_template(ad["id"])


def test_task_types_statuses_asset_types_links(
    production: Production, template_factory: Callable[..., dict[str, Any]]
) -> None:
    template = template_factory(f"Links {production.token}")
    modeling, animation = production.task_types["Modeling"], production.task_types["Animation"]
    templates.add_task_type_to_project_template(template, modeling, priority=2)
    templates.add_task_type_to_project_template(template["id"], animation["id"])
    assert ids(templates.all_task_types_for_project_template(template)) == {modeling["id"], animation["id"]}
    assert templates.remove_task_type_from_project_template(template, modeling) == ""
    assert ids(templates.all_task_types_for_project_template(template["id"])) == {animation["id"]}

    status = production.statuses["default"]
    templates.add_task_status_to_project_template(template, status, priority=3, roles_for_board=["supervisor"])
    statuses = templates.all_task_statuses_for_project_template(template)
    assert ids(statuses) == {status["id"]}
    assert statuses[0]["name"] == status["name"]
    assert templates.remove_task_status_from_project_template(template, status["id"]) == ""
    assert templates.all_task_statuses_for_project_template(template) == []

    character, prop = production.asset_types["Character"], production.asset_types["Prop"]
    templates.add_asset_type_to_project_template(template, character)
    templates.add_asset_type_to_project_template(template, prop["id"])
    asset_types = templates.all_asset_types_for_project_template(template)
    assert {a["name"] for a in asset_types} == {character["name"], prop["name"]}
    templates.remove_asset_type_from_project_template(template, prop)
    assert ids(templates.all_asset_types_for_project_template(template)) == {character["id"]}


def test_status_automations_and_preview_backgrounds(
    client: KitsuClient, production: Production, template_factory: Callable[..., dict[str, Any]], cleanup: Cleanup
) -> None:
    template = template_factory(f"Automation {production.token}")
    status = production.statuses["default"]
    automation = client.call(
        "post_data_status_automations",
        json={
            "entity_type": "shot",
            "in_task_type_id": production.task_types["Animation"]["id"],
            "in_task_status_id": status["id"],
            "out_field_type": "status",
            "out_task_type_id": production.task_types["Storyboard"]["id"],
            "out_task_status_id": status["id"],
        },
    )
    cleanup.add(lambda: client.call("delete_data_status_automations_instance_id", instance_id=automation["id"]))
    templates.add_status_automation_to_project_template(template, automation)
    listed = templates.all_status_automations_for_project_template(template)
    assert ids(listed) == {automation["id"]}
    assert listed[0]["entity_type"] == "shot"
    assert templates.remove_status_automation_from_project_template(template, automation["id"]) == ""
    assert templates.all_status_automations_for_project_template(template) == []

    background = client.call("post_data_preview_background_files", json={"name": f"hdri-{production.token}"})
    cleanup.add(lambda: client.call("delete_data_preview_background_files_instance_id", instance_id=background["id"]))
    templates.add_preview_background_file_to_project_template(template, background)
    files = templates.all_preview_background_files_for_project_template(template)
    assert [(f["id"], f["name"]) for f in files] == [(background["id"], f"hdri-{production.token}")]
    with_default = templates.set_project_template_default_preview_background_file(template, background["id"])
    assert with_default["default_preview_background_file_id"] == background["id"]
    cleared = templates.set_project_template_default_preview_background_file(template, None)
    assert cleared["default_preview_background_file_id"] is None
    assert templates.remove_preview_background_file_from_project_template(template, background) == ""
    assert templates.all_preview_background_files_for_project_template(template) == []


def test_metadata_descriptor_snapshot(production: Production, template_factory: Callable[..., dict[str, Any]]) -> None:
    template = template_factory(f"Metadata {production.token}")
    descriptors: list[dict[str, Any]] = [
        {"name": "Difficulty", "entity_type": "Asset", "data_type": "list", "choices": ["easy", "hard"]},
        {"name": "Camera", "entity_type": "Shot", "data_type": "string", "for_client": True},
    ]
    updated = templates.set_project_template_metadata_descriptors(template, descriptors)
    stored = {d["name"]: d for d in updated["metadata_descriptors"]}
    assert set(stored) == {"Difficulty", "Camera"}
    assert stored["Difficulty"]["choices"] == ["easy", "hard"]
    assert stored["Camera"]["entity_type"] == "Shot"
    replaced = templates.set_project_template_metadata_descriptors(template["id"], descriptors[1:])
    assert [d["name"] for d in replaced["metadata_descriptors"]] == ["Camera"]
    assert [d["name"] for d in templates.get_project_template(template)["metadata_descriptors"]] == ["Camera"]


def test_snapshot_a_project_and_apply_it(
    cleanup: Cleanup, client: KitsuClient, production: Production, new_project: Callable[..., Any]
) -> None:
    client.call(
        "post_data_projects_project_id_settings_asset_types",
        json={"asset_type_id": production.asset_types["Prop"]["id"]},
        project_id=production.project["id"],
    )
    client.call(
        "post_data_projects_project_id_metadata_descriptors",
        json={"name": f"Lens {production.token}", "entity_type": "Shot", "data_type": "string"},
        project_id=production.project["id"],
    )
    snapshot = templates.new_project_template_from_project(
        production.project, f"Show snapshot {production.token}", description="from the show"
    )
    cleanup.add(lambda: client.call("delete_data_project_templates_instance_id", instance_id=snapshot["id"]))
    assert snapshot["name"] == f"Show snapshot {production.token}"
    assert snapshot["description"] == "from the show"
    assert snapshot["fps"] == "24"
    assert snapshot["production_type"] == "tvshow"
    task_type_ids = {t["id"] for t in production.task_types.values()}
    assert ids(templates.all_task_types_for_project_template(snapshot)) == task_type_ids
    assert ids(templates.all_task_statuses_for_project_template(snapshot)) == {production.statuses["default"]["id"]}
    assert production.asset_types["Prop"]["id"] in ids(templates.all_asset_types_for_project_template(snapshot))
    assert f"Lens {production.token}" in [d["name"] for d in snapshot["metadata_descriptors"]]

    target = new_project(production_type="short", fps="30")
    applied = templates.apply_project_template(target, snapshot)
    assert applied["id"] == target["id"]
    project = client.call("get_data_projects_instance_id", instance_id=target["id"])
    assert set(project["task_types"]) == task_type_ids
    assert production.statuses["default"]["id"] in project["task_statuses"]
    assert production.asset_types["Prop"]["id"] in project["asset_types"]
    descriptors = client.call("get_data_projects_project_id_metadata_descriptors", project_id=target["id"])
    assert f"Lens {production.token}" in [d["name"] for d in descriptors]
    again = templates.apply_project_template(target["id"], snapshot["id"])  # additive: nothing duplicated
    assert again["id"] == target["id"]
    project = client.call("get_data_projects_instance_id", instance_id=target["id"])
    assert sorted(project["task_types"]) == sorted(task_type_ids)
