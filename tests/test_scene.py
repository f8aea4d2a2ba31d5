"""kitsu_helpers.scene against the real local Zou: scenes of a TV show, their asset and camera instances and shots."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures_show import new_asset

from kitsu_helpers import scene
from kitsu_helpers.client import KitsuClient

Show = dict[str, Any]


def names(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["name"] for entry in entries]


def test_new_scene_and_lists(show: Show) -> None:
    project = show["project"]
    sq010, sq020 = show["sequences"][("E01", "SQ010")], show["sequences"][("E01", "SQ020")]
    sc020 = scene.new_scene(project, sq010["id"], "SC020")
    assert (sc020["name"], sc020["parent_id"], sc020["project_id"], sc020["type"]) == (
        "SC020",
        sq010["id"],
        project["id"],
        "Scene",
    )
    assert scene.new_scene(project["id"], sq010, "SC020")["id"] == sc020["id"]  # Zou returns the existing one
    other = scene.new_scene(project, sq020, "SC001")

    assert names(scene.all_scenes(project)) == ["SC001", "SC010", "SC020"]
    assert names(scene.all_scenes_for_project(project["id"])) == ["SC001", "SC010", "SC020"]
    everywhere = scene.all_scenes()
    assert {sc020["id"], other["id"], show["scene"]["id"]} <= {s["id"] for s in everywhere}
    assert names(everywhere) == sorted(names(everywhere), key=str.lower)
    assert names(scene.all_scenes_for_sequence(sq010)) == ["SC010", "SC020"]
    assert [s["id"] for s in scene.all_scenes_for_sequence(sq020["id"])] == [other["id"]]


def test_get_scene_by_id_and_name_and_its_sequence(show: Show) -> None:
    sc = show["scene"]
    sq010 = show["sequences"][("E01", "SQ010")]
    got = scene.get_scene(sc["id"])
    assert (got["name"], got["sequence_id"], got["episode_name"]) == ("SC010", sq010["id"], "E01")
    assert scene.get_scene_by_name(sq010, "SC010")["id"] == sc["id"]
    assert scene.get_scene_by_name(sq010["id"], "SC999") is None
    assert scene.get_scene_by_name(show["sequences"][("E02", "SQ010")], "SC010") is None
    assert scene.get_sequence_from_scene(sc)["id"] == sq010["id"]
    assert scene.get_sequence_from_scene(sc["id"])["name"] == "SQ010"
    assert scene.get_sequence_from_scene({"id": sc["id"]})["episode_id"] == show["episodes"]["E01"]["id"]


def test_update_scene_with_a_modified_dict(show: Show) -> None:
    sc = scene.get_scene(show["scene"]["id"])
    sc["description"] = "layout of the duel"
    sc["data"] = {"set": "castle"}
    updated = scene.update_scene(sc)
    assert (updated["description"], updated["data"]) == ("layout of the duel", {"set": "castle"})
    assert scene.get_scene(sc["id"])["data"] == {"set": "castle"}


def test_asset_instances_of_a_scene(show: Show) -> None:
    sc, sword = show["scene"], show["asset"]
    assert scene.all_asset_instances_for_scene(sc) == {}
    first = scene.new_scene_asset_instance(sc, sword)
    second = scene.new_scene_asset_instance(sc["id"], sword["id"], description="broken sword")
    assert (first["name"], first["number"], first["scene_id"]) == ("Sword_0001", 1, sc["id"])
    assert (second["name"], second["number"], second["description"]) == ("Sword_0002", 2, "broken sword")
    grouped = scene.all_asset_instances_for_scene(sc["id"])
    assert list(grouped) == [sword["id"]]
    assert [i["id"] for i in grouped[sword["id"]]] == [first["id"], second["id"]]

    assert scene.get_asset_instance_by_name(sc, "Sword_0002")["id"] == second["id"]
    assert scene.get_asset_instance_by_name(sc["id"], "Sword_0009") is None

    renamed = scene.update_asset_instance_name(first, "hero_sword")
    assert (renamed["id"], renamed["name"]) == (first["id"], "hero_sword")
    assert scene.get_asset_instance_by_name(sc, "hero_sword")["id"] == first["id"]
    elsewhere = scene.new_scene(show["project"], show["sequences"][("E02", "SQ010")], "SC900")
    other = scene.new_scene_asset_instance(elsewhere, sword)
    assert other["name"] == "Sword_0001"
    assert scene.get_asset_instance_by_name(elsewhere, "Sword_0001")["id"] == other["id"]
    assert scene.get_asset_instance_by_name(sc, "Sword_0001") is None  # renamed in this scene
    with_data = scene.update_asset_instance_data(second["id"], {"damage": "high"})
    assert with_data["data"] == {"damage": "high"}
    assert scene.update_asset_instance_data(second, {"state": "rusty"})["data"] == {"state": "rusty"}


def test_camera_instances_are_the_camera_assets_only(show: Show, client: KitsuClient) -> None:
    sc = show["scene"]
    scene.new_scene_asset_instance(sc, show["asset"])
    assert scene.all_camera_instances_for_scene(sc) == {}  # also makes Zou create its Camera asset type
    camera = new_asset(client, show["project"]["id"], "Camera", "CamMain")
    instance = scene.new_scene_asset_instance(sc, camera)
    cameras = scene.all_camera_instances_for_scene(sc["id"])
    assert list(cameras) == [camera["id"]]
    assert [i["id"] for i in cameras[camera["id"]]] == [instance["id"]]
    assert len(scene.all_asset_instances_for_scene(sc)) == 2


def test_shots_made_from_a_scene(show: Show) -> None:
    sc = show["scene"]
    sh010, sh020 = show["shots"][("E01", "SQ010", "SH010")], show["shots"][("E01", "SQ010", "SH020")]
    assert scene.all_shots_for_scene(sc) == []
    linked = scene.add_shot_to_scene(sc, sh010)
    assert (linked["id"], linked["source_id"]) == (sh010["id"], sc["id"])
    scene.add_shot_to_scene(sc["id"], sh020["id"])
    assert sorted(names(scene.all_shots_for_scene(sc["id"]))) == ["SH010", "SH020"]
    assert scene.remove_shot_from_scene(sc, sh010) == ""
    assert [s["id"] for s in scene.all_shots_for_scene(sc)] == [sh020["id"]]


def test_scene_helpers_check_ids_before_any_request() -> None:
    with pytest.raises(TypeError):
        scene.get_scene(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        scene.all_shots_for_scene({"name": "no id"})
