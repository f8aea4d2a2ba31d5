"""kitsu_helpers.sync offline (tests/cassettes/sync/)."""

from typing import Any

import kitsu_helpers as gazu


def test_sync_maps_and_events(kitsu: Any, project: dict[str, Any]) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    hero = gazu.asset.new_asset(project, character, "Hero")
    assets = gazu.asset.all_assets_for_project(project)
    assert gazu.sync.get_id_map_by_name(assets, assets) == {"Hero": hero["id"]}
    assert gazu.sync.get_model_list_diff(assets, []) == (assets, [])
    events = gazu.sync.get_last_events(limit=5, project=project)
    assert "asset:new" in {e["name"] for e in events}
