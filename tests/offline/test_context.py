"""kitsu_helpers.context offline (tests/cassettes/context/)."""

from typing import Any

import kitsu_helpers as gazu


def test_context_listings_for_a_manager(kitsu: Any, project: dict[str, Any]) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    gazu.asset.new_asset(project, character, "Hero")
    sequence = gazu.shot.new_sequence(project, "SQ01")
    gazu.shot.new_shot(project, sequence, "SH010")
    assert [t["name"] for t in gazu.context.all_asset_types_for_project(project)] == ["Character"]
    assert [a["name"] for a in gazu.context.all_assets_for_asset_type_and_project(project, character)] == ["Hero"]
    assert [s["name"] for s in gazu.context.all_sequences_for_project(project)] == ["SQ01"]
    assert [s["name"] for s in gazu.context.all_shots_for_sequence(sequence)] == ["SH010"]
    assert gazu.context.all_episodes_for_project(project) == []
