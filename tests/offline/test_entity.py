"""kitsu_helpers.entity offline (tests/cassettes/entity/)."""

from typing import Any

import kitsu_helpers as gazu


def test_entities_and_entity_types(kitsu: Any, project: dict[str, Any]) -> None:
    sequence = gazu.shot.new_sequence(project, "SQ01")
    assert gazu.entity.get_entity(sequence["id"])["name"] == "SQ01"
    shot_type = gazu.entity.get_entity_type_by_name("Shot")
    assert gazu.entity.get_entity_type(shot_type["id"])["name"] == "Shot"
    shot = gazu.shot.new_shot(project, sequence, "SH010")
    assert gazu.entity.get_entity_by_name("SH010", project=project)["id"] == shot["id"]
    gazu.entity.remove_entity(shot, force=True)
    assert gazu.shot.all_shots_for_sequence(sequence) == []
