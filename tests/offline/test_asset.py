"""kitsu_helpers.asset offline (tests/cassettes/asset/)."""

from typing import Any

import kitsu_helpers as gazu


def test_asset_crud(kitsu: Any, project: dict[str, Any]) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    hero = gazu.asset.new_asset(project, character, "Hero", description="the hero")
    assert gazu.asset.get_asset(hero["id"])["name"] == "Hero"
    assert gazu.asset.get_asset_by_name(project, "Hero", character)["id"] == hero["id"]
    assert [a["name"] for a in gazu.asset.all_assets_for_project(project)] == ["Hero"]
    assert [a["name"] for a in gazu.asset.all_assets_for_project_and_type(project, character)] == ["Hero"]
    assert [t["name"] for t in gazu.asset.all_asset_types_for_project(project)] == ["Character"]
    gazu.asset.update_asset({"id": hero["id"], "description": "changed"})
    gazu.asset.update_asset_data(hero, {"rig": "v2"})
    again = gazu.asset.get_asset(hero["id"])
    assert (again["description"], again["data"]) == ("changed", {"rig": "v2"})
    assert gazu.asset.get_asset_type_from_asset(hero)["name"] == "Character"
    gazu.asset.remove_asset(hero)
    assert gazu.asset.all_assets_for_project(project) == []
