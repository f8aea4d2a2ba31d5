"""kitsu_helpers.asset against the real local Zou, on the TV-show breakdown of tests/fixtures_breakdown.py."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_breakdown import Breakdown

from kitsu_helpers import asset as gazu_asset, cache as gazu_cache
from kitsu_helpers.client import KitsuClient, get_current_user
from kitsu_helpers.errors import RouteNotFoundException

pytestmark = pytest.mark.server


def names(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["name"] for entry in entries]


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))


def web_host(client: KitsuClient) -> str:
    return client.host[:-4] if client.host.endswith("/api") else client.host


def asset_task_type(client: KitsuClient) -> dict[str, Any]:
    return next(t for t in client.call("get_data_task_types") if t.get("for_entity") == "Asset")


# --- pure helpers -------------------------------------------------------------------------------


def test_pure_helpers() -> None:
    p1, p2, e1 = (str(uuid.UUID(int=n)) for n in (1, 2, 3))  # ids in a web path are UUIDs, checked as such
    tv = {"id": p1, "production_type": "tvshow"}
    film = {"id": p2, "production_type": "featurefilm"}
    assert gazu_asset.assets_page_path(tv) == f"/productions/{p1}/episodes/main/assets"
    assert gazu_asset.assets_page_path(tv, e1) == f"/productions/{p1}/episodes/{e1}/assets"
    assert gazu_asset.assets_page_path(film, e1) == f"/productions/{p2}/assets"
    assert gazu_asset.asset_type_search_query("Big Prop") == "search=type%3D%5BBig+Prop%5D"
    assert gazu_asset.new_asset_payload("a", None, None, None, False) == {"name": "a", "data": {}, "is_shared": False}
    assert gazu_asset.new_asset_payload("a", "d", {"k": 1}, "e", True) == {
        "name": "a",
        "data": {"k": 1},
        "is_shared": True,
        "description": "d",
        "episode_id": "e",
    }
    original = {"id": "a", "episode_id": "e"}
    assert gazu_asset.asset_update_payload(original) == {"id": "a", "episode_id": "e", "source_id": "e"}
    assert original == {"id": "a", "episode_id": "e"}
    assert gazu_asset.merged_data({"a": 1, "b": 2}, {"b": 3, "c": 4}) == {"a": 1, "b": 3, "c": 4}
    assert gazu_asset.merged_data(None, None) == {}


def test_bad_arguments_fail_before_any_request(client: KitsuClient) -> None:
    writes = client.generation
    with pytest.raises(TypeError):
        gazu_asset.get_asset(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        gazu_asset.remove_asset({"name": "no id"})
    with pytest.raises(TypeError):
        gazu_asset.update_asset("an-asset-id")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gazu_asset.get_episode_from_asset("an-asset-id")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gazu_asset.update_asset_type("a-type-id")  # type: ignore[arg-type]
    assert client.generation == writes


def test_cached_reads_hit_and_writes_make_them_stale(breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    gazu_cache.enable()
    try:
        asset = gazu_asset.new_asset(breakdown.project, breakdown.types["Prop"], unique("lantern"), extra_data={"n": 1})
        hits = gazu_asset.get_asset.get_cache_infos()["hits"]
        first = gazu_asset.get_asset(asset["id"])
        assert gazu_asset.get_asset({"id": asset["id"]}) == first
        assert gazu_asset.get_asset.get_cache_infos()["hits"] == hits + 1
        gazu_asset.update_asset_data(asset, {"n": 2})
        assert gazu_asset.get_asset(asset["id"])["data"] == {"n": 2}  # the write made the entry stale
        gazu_asset.remove_asset(asset, force=True)
    finally:
        gazu_cache.disable()


# --- assets: reads ------------------------------------------------------------------------------


def test_all_assets_for_project(breakdown: Breakdown) -> None:
    assets = gazu_asset.all_assets_for_project(breakdown.project)
    assert names(assets) == ["castle", "hero", "sword", "villain"]
    assert gazu_asset.all_assets_for_project(breakdown.project["id"]) == assets
    everywhere = gazu_asset.all_assets_for_project(None)
    assert {a["id"] for a in assets} <= {a["id"] for a in everywhere}


def test_all_assets_for_open_projects(breakdown: Breakdown) -> None:
    assets = gazu_asset.all_assets_for_open_projects()
    ours = [a for a in assets if a["project_id"] == breakdown.project["id"]]
    assert sorted(names(ours)) == ["castle", "hero", "sword", "villain"]
    assert names(assets) == sorted(names(assets), key=str.lower)


def test_all_assets_for_episode_and_shot(breakdown: Breakdown) -> None:
    assert names(gazu_asset.all_assets_for_episode(breakdown.episodes["E02"])) == ["villain"]
    assert gazu_asset.all_assets_for_episode(breakdown.episodes["E01"]["id"]) == []
    assert names(gazu_asset.all_assets_for_shot(breakdown.shots["SH010"])) == ["hero", "sword"]
    assert names(gazu_asset.all_assets_for_shot(breakdown.shots["SH020"]["id"])) == ["castle", "hero"]


def test_all_assets_for_project_and_type(breakdown: Breakdown) -> None:
    characters = gazu_asset.all_assets_for_project_and_type(breakdown.project, breakdown.types["Character"])
    assert names(characters) == ["hero", "villain"]
    props = gazu_asset.all_assets_for_project_and_type(breakdown.project["id"], breakdown.types["Prop"]["id"])
    assert names(props) == ["sword"]


def test_get_asset_and_by_name(breakdown: Breakdown) -> None:
    hero = gazu_asset.get_asset(breakdown.assets["hero"]["id"])
    assert hero["name"] == "hero"
    assert hero["data"] == {"height": 180, "rig": "v1"}
    assert hero["description"] == "The hero"
    assert hero["asset_type_name"] == breakdown.types["Character"]["name"]
    found = gazu_asset.get_asset_by_name(breakdown.project, "villain")
    assert found is not None
    assert found["id"] == breakdown.assets["villain"]["id"]
    typed = gazu_asset.get_asset_by_name(breakdown.project["id"], "sword", breakdown.types["Prop"])
    assert typed is not None
    assert typed["id"] == breakdown.assets["sword"]["id"]
    assert gazu_asset.get_asset_by_name(breakdown.project, "sword", breakdown.types["Set"]) is None
    assert gazu_asset.get_asset_by_name(breakdown.project, "nobody") is None


def test_get_episode_and_type_from_asset(breakdown: Breakdown) -> None:
    villain = gazu_asset.get_asset(breakdown.assets["villain"]["id"])
    episode = gazu_asset.get_episode_from_asset(villain)
    assert episode is not None
    assert episode["id"] == breakdown.episodes["E02"]["id"]
    assert episode["name"] == "E02"
    assert gazu_asset.get_episode_from_asset(breakdown.assets["hero"]) is None
    asset_type = gazu_asset.get_asset_type_from_asset(breakdown.assets["sword"])
    assert asset_type["id"] == breakdown.types["Prop"]["id"]
    assert asset_type["name"] == breakdown.types["Prop"]["name"]


# --- web URLs (the strings gazu 1.3.1 builds, checked against gazu itself on this server) --------


def test_get_asset_url(client: KitsuClient, breakdown: Breakdown) -> None:
    host, pid = web_host(client), breakdown.project["id"]
    hero, villain = breakdown.assets["hero"], breakdown.assets["villain"]
    assert gazu_asset.get_asset_url(hero) == f"{host}/productions/{pid}/episodes/main/assets/{hero['id']}/"
    episode_id = breakdown.episodes["E02"]["id"]
    assert (
        gazu_asset.get_asset_url(villain["id"])
        == f"{host}/productions/{pid}/episodes/{episode_id}/assets/{villain['id']}/"
    )


def test_get_all_assets_and_asset_type_urls(client: KitsuClient, breakdown: Breakdown) -> None:
    host, pid = web_host(client), breakdown.project["id"]
    assert gazu_asset.get_all_assets_url(breakdown.project) == f"{host}/productions/{pid}/episodes/main/assets/"
    type_name = breakdown.types["Character"]["name"].replace(" ", "+")
    expected = f"{host}/productions/{pid}/episodes/main/assets?search=type%3D%5B{type_name}%5D"
    assert gazu_asset.get_asset_type_url(pid, breakdown.types["Character"]["id"]) == expected
    assert gazu_asset.get_asset_type_url(breakdown.project, breakdown.types["Character"]) == expected


def test_urls_of_a_feature_film(
    client: KitsuClient, new_project: Callable[..., dict[str, Any]], breakdown: Breakdown
) -> None:
    film = new_project(production_type="featurefilm")
    prop = gazu_asset.new_asset(film, breakdown.types["Prop"], "lamp")
    host = web_host(client)
    assert gazu_asset.get_asset_url(prop) == f"{host}/productions/{film['id']}/assets/{prop['id']}/"
    assert gazu_asset.get_all_assets_url(film["id"]) == f"{host}/productions/{film['id']}/assets/"
    type_name = breakdown.types["Prop"]["name"].replace(" ", "+")
    assert (
        gazu_asset.get_asset_type_url(film, breakdown.types["Prop"])
        == f"{host}/productions/{film['id']}/assets?search=type%3D%5B{type_name}%5D"
    )


# --- assets: writes -----------------------------------------------------------------------------


def test_new_asset_creates_then_returns_existing(breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    name = unique("cape")
    created = gazu_asset.new_asset(
        breakdown.project,
        breakdown.types["Prop"],
        name,
        description="red cape",
        extra_data={"color": "red"},
        episode=breakdown.episodes["E01"],
    )
    assert created["name"] == name
    assert created["description"] == "red cape"
    assert created["data"] == {"color": "red"}
    assert created["entity_type_id"] == breakdown.types["Prop"]["id"]
    assert gazu_asset.get_asset(created["id"])["episode_id"] == breakdown.episodes["E01"]["id"]
    again = gazu_asset.new_asset(breakdown.project["id"], breakdown.types["Prop"]["id"], name, description="other")
    assert again["id"] == created["id"]
    assert len(gazu_asset.all_assets_for_project_and_type(breakdown.project, breakdown.types["Prop"])) == 2
    shared = gazu_asset.new_asset(breakdown.project, breakdown.types["Set"], unique("forest"), is_shared=True)
    assert shared["is_shared"] is True
    gazu_asset.remove_asset(created, force=True)
    gazu_asset.remove_asset(shared, force=True)


def test_update_asset_with_modified_dict(breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    asset = gazu_asset.new_asset(breakdown.project, breakdown.types["Prop"], unique("shield"))
    asset["description"] = "round shield"
    asset["episode_id"] = breakdown.episodes["E02"]["id"]
    saved = gazu_asset.update_asset(asset)
    assert saved["description"] == "round shield"
    assert saved["source_id"] == breakdown.episodes["E02"]["id"]
    assert asset.get("source_id") is None  # the caller's dict is left intact
    fetched = gazu_asset.get_asset(asset["id"])
    assert fetched["description"] == "round shield"
    assert fetched["episode_id"] == breakdown.episodes["E02"]["id"]
    gazu_asset.remove_asset(asset["id"], force=True)


def test_update_asset_data_merges(breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    asset = gazu_asset.new_asset(
        breakdown.project, breakdown.types["Prop"], unique("bow"), extra_data={"material": "yew", "length": 160}
    )
    updated = gazu_asset.update_asset_data(asset, {"length": 170, "string": "linen"})
    assert updated["data"] == {"material": "yew", "length": 170, "string": "linen"}
    assert gazu_asset.get_asset(asset["id"])["data"] == {"material": "yew", "length": 170, "string": "linen"}
    unchanged = gazu_asset.update_asset_data(asset["id"])
    assert unchanged["data"] == {"material": "yew", "length": 170, "string": "linen"}
    gazu_asset.remove_asset(asset, force=True)


def test_remove_asset_cancels_then_force_deletes(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    asset = gazu_asset.new_asset(breakdown.project, breakdown.types["Prop"], unique("axe"))
    client.call(
        "post_actions_projects_project_id_task_types_task_type_id_assets_create_tasks",
        json=[asset["id"]],
        project_id=breakdown.project["id"],
        task_type_id=asset_task_type(client)["id"],
    )
    assert gazu_asset.remove_asset(asset) == ""
    assert gazu_asset.get_asset(asset["id"])["canceled"] is True
    assert gazu_asset.remove_asset(asset["id"], force=True) == ""
    with pytest.raises(RouteNotFoundException):
        gazu_asset.get_asset(asset["id"])
    plain = gazu_asset.new_asset(breakdown.project, breakdown.types["Prop"], unique("mace"))
    gazu_asset.remove_asset(plain)  # no task: really removed without force
    assert gazu_asset.get_asset_by_name(breakdown.project, plain["name"]) is None


# --- asset types --------------------------------------------------------------------------------


def test_asset_type_reads(breakdown: Breakdown) -> None:
    everything = gazu_asset.all_asset_types()
    ours = {t["name"] for t in breakdown.types.values()}
    assert ours <= set(names(everything))
    assert names(everything) == sorted(names(everything), key=str.lower)
    assert names(gazu_asset.all_asset_types_for_project(breakdown.project)) == sorted(ours)
    assert names(gazu_asset.all_asset_types_for_shot(breakdown.shots["SH020"])) == sorted(
        [breakdown.types["Character"]["name"], breakdown.types["Set"]["name"]]
    )
    character = gazu_asset.get_asset_type(breakdown.types["Character"]["id"])
    assert character["name"] == breakdown.types["Character"]["name"]
    assert character["type"] == "AssetType"
    assert gazu_asset.get_asset_type(breakdown.types["Set"])["id"] == breakdown.types["Set"]["id"]
    by_name = gazu_asset.get_asset_type_by_name(breakdown.types["Prop"]["name"])
    assert by_name is not None
    assert by_name["id"] == breakdown.types["Prop"]["id"]
    assert gazu_asset.get_asset_type_by_name(f"nothing {breakdown.token}") is None


def test_asset_type_lifecycle(unique: Callable[[str], str]) -> None:
    name = unique("zz-a2-vehicle")
    created = gazu_asset.new_asset_type(name)
    assert created["name"] == name
    assert gazu_asset.new_asset_type(name)["id"] == created["id"]
    created["name"] = name + " renamed"
    renamed = gazu_asset.update_asset_type(created)
    assert renamed["name"] == name + " renamed"
    assert gazu_asset.get_asset_type(created["id"])["name"] == name + " renamed"
    assert gazu_asset.remove_asset_type(created) == ""
    assert gazu_asset.get_asset_type_by_name(name + " renamed") is None


# --- asset instances ----------------------------------------------------------------------------


def test_scene_and_shot_asset_instances(breakdown: Breakdown) -> None:
    hero_id, instance = breakdown.assets["hero"]["id"], breakdown.scene_instance
    fetched = gazu_asset.get_asset_instance(instance["id"])
    assert fetched["name"] == "hero_0001"
    assert fetched["number"] == 1
    assert fetched["asset_id"] == hero_id
    assert fetched["description"] == "hero in layout"
    by_scene = gazu_asset.all_scene_asset_instances_for_asset(breakdown.assets["hero"])
    assert [i["id"] for i in by_scene[breakdown.scene["id"]]] == [instance["id"]]
    by_shot = gazu_asset.all_shot_asset_instances_for_asset(hero_id)
    assert [i["id"] for i in by_shot[breakdown.shots["SH010"]["id"]]] == [instance["id"]]
    in_shot = gazu_asset.all_asset_instances_for_shot(breakdown.shots["SH010"])
    assert list(in_shot) == [hero_id]
    assert in_shot[hero_id][0]["name"] == "hero_0001"
    assert gazu_asset.all_asset_instances_for_shot(breakdown.shots["SH030"]["id"]) == {}


def test_asset_asset_instances_enable_disable(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    room = gazu_asset.new_asset(breakdown.project, breakdown.types["Set"], unique("throne-room"))
    sword = breakdown.assets["sword"]
    first = gazu_asset.new_asset_asset_instance(room, sword, description="on the wall")
    second = gazu_asset.new_asset_asset_instance(room["id"], sword["id"])
    assert (first["number"], second["number"]) == (1, 2)
    assert first["name"] == "sword_0001"
    assert second["name"] == "sword_0002"
    assert first["description"] == "on the wall"
    assert first["target_asset_id"] == room["id"]
    inside = gazu_asset.all_asset_instances_for_asset(room)
    assert [i["id"] for i in inside[sword["id"]]] == [first["id"], second["id"]]
    disabled = gazu_asset.disable_asset_instance(first)
    assert disabled["active"] is False
    assert gazu_asset.get_asset_instance(first["id"])["active"] is False
    enabled = gazu_asset.enable_asset_instance(first["id"])
    assert enabled["active"] is True
    assert gazu_asset.get_asset_instance(first["id"])["active"] is True
    for instance in (first, second):  # Zou 1.0.97 cannot delete an asset that still has instances
        client.call("delete_data_asset_instances_instance_id", instance_id=instance["id"])
    gazu_asset.remove_asset(room, force=True)


# --- CSV ----------------------------------------------------------------------------------------


def test_export_then_import_assets_csv(
    breakdown: Breakdown, new_project: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    target = tmp_path / "assets.csv"
    progress: list[tuple[int, int]] = []
    response = gazu_asset.export_assets_with_csv(
        breakdown.project, str(target), progress_callback=lambda done, total: progress.append((done, total))
    )
    assert response.status_code == 200
    rows = csv_rows(target)
    assert sorted(row["Name"] for row in rows) == ["castle", "hero", "sword", "villain"]
    assert progress
    assert progress[-1][0] == target.stat().st_size
    e02 = tmp_path / "e02.csv"
    gazu_asset.export_assets_with_csv(breakdown.project["id"], str(e02), episode=breakdown.episodes["E02"])
    assert [row["Name"] for row in csv_rows(e02)] == ["villain"]
    nobody = tmp_path / "assigned.csv"
    me = get_current_user()
    gazu_asset.export_assets_with_csv(breakdown.project, str(nobody), assigned_to=me)
    assert csv_rows(nobody) == []

    other = new_project()
    imported = gazu_asset.import_assets_with_csv(other, str(target))
    assert sorted(a["name"] for a in imported) == ["castle", "hero", "sword", "villain"]
    assert names(gazu_asset.all_assets_for_project(other)) == ["castle", "hero", "sword", "villain"]
