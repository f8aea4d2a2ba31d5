"""kitsu_helpers.entity against the real local Zou, on the TV-show breakdown of tests/fixtures_breakdown.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fixtures_breakdown import Breakdown, new_asset_raw

from kitsu_helpers import _shared, entity as gazu_entity
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import ParameterException, RouteNotFoundException

pytestmark = pytest.mark.server


def add_task(client: KitsuClient, bd: Breakdown, asset: dict[str, Any]) -> dict[str, Any]:
    """Create a task of the first asset task type on an asset (raw operation); return it."""
    task_type = next(t for t in client.call("get_data_task_types") if t.get("for_entity") == "Asset")
    tasks = client.call(
        "post_actions_projects_project_id_task_types_task_type_id_assets_create_tasks",
        json=[asset["id"]],
        project_id=bd.project["id"],
        task_type_id=task_type["id"],
    )
    return dict(tasks[0])


def new_sequence(client: KitsuClient, bd: Breakdown, name: str) -> dict[str, Any]:
    return dict(
        client.call(
            "post_data_projects_project_id_sequences",
            json={"name": name, "episode_id": bd.episodes["E02"]["id"]},
            project_id=bd.project["id"],
        )
    )


def test_pure_helpers() -> None:
    assert _shared.first_or_none([]) is None
    assert _shared.first_or_none(None) is None
    assert _shared.first_or_none([{"id": "a"}, {"id": "b"}]) == {"id": "a"}
    assert gazu_entity.force_params(False) is None
    assert gazu_entity.force_params(True) == {"force": True}
    assert gazu_entity.project_scoped_ids({"id": "s", "project_id": "p"}, "shot") == ("p", "s")
    with pytest.raises(TypeError):
        gazu_entity.project_scoped_ids("s", "shot")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="shot dict must have 'id' and 'project_id' keys"):
        gazu_entity.project_scoped_ids({"id": "s"}, "shot")


def test_all_entities_and_get_entity(breakdown: Breakdown) -> None:
    everything = gazu_entity.all_entities()
    ours = {e["id"]: e for e in everything if e["project_id"] == breakdown.project["id"]}
    assert breakdown.shots["SH010"]["id"] in ours
    assert ours[breakdown.assets["hero"]["id"]]["name"] == "hero"
    assert ours[breakdown.episodes["E01"]["id"]]["type"] == "Episode"
    shot = gazu_entity.get_entity(breakdown.shots["SH020"]["id"])
    assert shot["name"] == "SH020"
    assert shot["type"] == "Shot"
    assert shot["nb_frames"] == 96
    assert shot["data"] == {"frame_in": 1001, "frame_out": 1096}
    assert gazu_entity.get_entity(breakdown.assets["sword"])["data"] == {"material": "steel"}


def test_get_entity_by_name(breakdown: Breakdown) -> None:
    shot = gazu_entity.get_entity_by_name("SH030", breakdown.project)
    assert shot is not None
    assert shot["id"] == breakdown.shots["SH030"]["id"]
    castle = gazu_entity.get_entity_by_name("castle", breakdown.project["id"])
    assert castle is not None
    assert castle["id"] == breakdown.assets["castle"]["id"]
    assert gazu_entity.get_entity_by_name(f"nothing-{breakdown.token}") is None
    anywhere = gazu_entity.get_entity_by_name(f"a2-show-{breakdown.token}")
    assert anywhere is None  # a project is not an entity
    by_unique_name = gazu_entity.get_entity_by_name("villain", breakdown.project)
    assert by_unique_name is not None
    assert by_unique_name["data"] == {"height": 190}


def test_entity_type_reads(breakdown: Breakdown) -> None:
    types = gazu_entity.all_entity_types()
    type_names = [t["name"] for t in types]
    assert {"Shot", "Sequence", "Episode"} <= set(type_names)
    assert {t["name"] for t in breakdown.types.values()} <= set(type_names)
    assert type_names == sorted(type_names, key=str.lower)
    shot_type = gazu_entity.get_entity_type_by_name("Shot")
    assert shot_type is not None
    assert shot_type["id"] == breakdown.shots["SH010"]["entity_type_id"]
    assert gazu_entity.get_entity_type(shot_type["id"])["name"] == "Shot"
    prop = gazu_entity.get_entity_type(breakdown.types["Prop"])
    assert prop["name"] == breakdown.types["Prop"]["name"]
    assert gazu_entity.get_entity_type_by_name(f"nothing {breakdown.token}") is None


def test_entity_type_lifecycle(unique: Callable[[str], str]) -> None:
    name = unique("zz-a2-entity-type")
    created = gazu_entity.new_entity_type(name)
    assert created["name"] == name
    with pytest.raises(ParameterException):
        gazu_entity.new_entity_type(name)
    assert gazu_entity.get_entity_type_by_name(name)["id"] == created["id"]  # type: ignore[index]
    assert gazu_entity.remove_entity_type(created["id"]) == ""
    assert gazu_entity.get_entity_type_by_name(name) is None


def test_all_entities_with_tasks_linked_to_entity(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    pid = breakdown.project["id"]
    prop = new_asset_raw(client, breakdown, "Prop", unique("torch"))
    concept = client.call(
        "post_data_projects_project_id_concepts", json={"name": unique("torch-concept")}, project_id=pid
    )
    client.call("put_data_entities_instance_id", json={"entity_concept_links": [prop["id"]]}, instance_id=concept["id"])
    concept_type = next(t for t in client.call("get_data_task_types") if t.get("for_entity") == "Concept")
    tasks = client.call(
        "post_actions_projects_project_id_task_types_task_type_id_concepts_create_tasks",
        json=[concept["id"]],
        project_id=pid,
        task_type_id=concept_type["id"],
    )
    linked = gazu_entity.all_entities_with_tasks_linked_to_entity(prop)
    assert [e["id"] for e in linked] == [concept["id"]]
    assert linked[0]["name"] == concept["name"]
    assert [t["id"] for t in linked[0]["tasks"]] == [tasks[0]["id"]]
    assert gazu_entity.all_entities_with_tasks_linked_to_entity(breakdown.assets["castle"]["id"]) == []


def test_remove_entity(client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    sequence = new_sequence(client, breakdown, unique("SQrm"))
    assert gazu_entity.remove_entity(sequence) == ""
    with pytest.raises(RouteNotFoundException):
        gazu_entity.get_entity(sequence["id"])
    other = new_sequence(client, breakdown, unique("SQrf"))
    assert gazu_entity.remove_entity(other["id"], force=True) == ""
    assert gazu_entity.get_entity_by_name(other["name"], breakdown.project) is None
    with pytest.raises(ParameterException):  # a sequence that still has shots stays
        gazu_entity.remove_entity(breakdown.sequences["SQ02"])
    assert gazu_entity.get_entity(breakdown.sequences["SQ02"]["id"])["name"] == "SQ02"
    with pytest.raises(RouteNotFoundException):
        gazu_entity.remove_entity(sequence["id"])


def test_remove_entity_with_tasks_cancels_unless_forced(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    prop = new_asset_raw(client, breakdown, "Prop", unique("vase"))
    add_task(client, breakdown, prop)
    assert gazu_entity.remove_entity(prop["id"]) == ""
    assert gazu_entity.get_entity(prop["id"])["canceled"] is True
    assert gazu_entity.remove_entity({"id": prop["id"]}, force=True) == ""
    with pytest.raises(RouteNotFoundException):
        gazu_entity.get_entity(prop["id"])


def test_remove_entities(client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    plain = new_asset_raw(client, breakdown, "Prop", unique("cup"))
    tasked = new_asset_raw(client, breakdown, "Prop", unique("plate"))
    add_task(client, breakdown, tasked)
    removed = gazu_entity.remove_entities(breakdown.project, [plain, tasked["id"]])
    assert sorted(removed) == sorted([plain["id"], tasked["id"]])
    assert gazu_entity.get_entity_by_name(plain["name"], breakdown.project) is None
    assert gazu_entity.get_entity(tasked["id"])["canceled"] is True  # tasks: only canceled without force
    assert gazu_entity.remove_entities(breakdown.project["id"], [tasked], force=True) == [tasked["id"]]
    with pytest.raises(RouteNotFoundException):
        gazu_entity.get_entity(tasked["id"])
