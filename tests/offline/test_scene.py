"""kitsu_helpers.scene offline (tests/cassettes/scene/)."""

from typing import Any

import kitsu_helpers as gazu


def test_scenes_and_shots(kitsu: Any, project: dict[str, Any]) -> None:
    sequence = gazu.shot.new_sequence(project, "SQ01")
    scene = gazu.scene.new_scene(project, sequence, "SC01")
    assert gazu.scene.get_scene(scene["id"])["name"] == "SC01"
    assert gazu.scene.get_scene_by_name(sequence, "SC01")["id"] == scene["id"]
    assert [s["name"] for s in gazu.scene.all_scenes_for_project(project)] == ["SC01"]
    assert [s["name"] for s in gazu.scene.all_scenes_for_sequence(sequence)] == ["SC01"]
    shot = gazu.shot.new_shot(project, sequence, "SH010")
    gazu.scene.add_shot_to_scene(scene, shot)
    assert [s["id"] for s in gazu.scene.all_shots_for_scene(scene)] == [shot["id"]]
    gazu.scene.remove_shot_from_scene(scene, shot)
    assert gazu.scene.all_shots_for_scene(scene) == []
    assert gazu.scene.get_sequence_from_scene(scene)["id"] == sequence["id"]
