"""kitsu_helpers.casting offline (tests/cassettes/casting/)."""

from typing import Any

import kitsu_helpers as gazu


def test_shot_casting(kitsu: Any, project: dict[str, Any]) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    hero = gazu.asset.new_asset(project, character, "Hero")
    sequence = gazu.shot.new_sequence(project, "SQ01")
    shot = gazu.shot.new_shot(project, sequence, "SH010")
    gazu.casting.update_shot_casting(project, shot, [{"asset_id": hero["id"], "nb_occurences": 2}])
    casting = gazu.casting.get_shot_casting(shot)
    assert [(c["asset_id"], c["nb_occurences"]) for c in casting] == [(hero["id"], 2)]
    assert [s["shot_id"] for s in gazu.casting.get_asset_cast_in(hero)] == [shot["id"]]
    assert list(gazu.casting.get_sequence_casting(sequence)) == [shot["id"]]
    links = gazu.casting.all_entity_links_for_project(project)
    assert [link["entity_in_id"] for link in links] == [shot["id"]]
