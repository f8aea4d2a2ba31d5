"""kitsu_helpers.shot offline (tests/cassettes/shot/)."""

from typing import Any

import kitsu_helpers as gazu


def test_episodes_sequences_shots(kitsu: Any, project: dict[str, Any]) -> None:
    episode = gazu.shot.new_episode(project, "E01")
    sequence = gazu.shot.new_sequence(project, "SQ01", episode=episode)
    shot = gazu.shot.new_shot(project, sequence, "SH010", nb_frames=48, frame_in=1, frame_out=48)
    assert gazu.shot.get_shot(shot["id"])["nb_frames"] == 48
    assert gazu.shot.get_shot_by_name(sequence, "SH010")["id"] == shot["id"]
    assert gazu.shot.get_sequence_by_name(project, "SQ01", episode=episode)["id"] == sequence["id"]
    assert gazu.shot.get_episode_by_name(project, "E01")["id"] == episode["id"]
    assert [s["name"] for s in gazu.shot.all_shots_for_sequence(sequence)] == ["SH010"]
    assert [s["name"] for s in gazu.shot.all_sequences_for_episode(episode)] == ["SQ01"]
    assert [e["name"] for e in gazu.shot.all_episodes_for_project(project)] == ["E01"]
    gazu.shot.update_shot_data(shot, {"camera": "A"})
    assert gazu.shot.get_shot(shot)["data"]["camera"] == "A"
    assert gazu.shot.get_sequence_from_shot(shot)["id"] == sequence["id"]
    gazu.shot.remove_shot(shot)
    assert gazu.shot.all_shots_for_sequence(sequence) == []
