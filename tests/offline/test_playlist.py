"""kitsu_helpers.playlist offline (tests/cassettes/playlist/)."""

from typing import Any

import kitsu_helpers as gazu


def test_playlist_crud_and_entries(kitsu: Any, project: dict[str, Any]) -> None:
    sequence = gazu.shot.new_sequence(project, "SQ01")
    shot = gazu.shot.new_shot(project, sequence, "SH010")
    playlist = gazu.playlist.new_playlist(project, "Dailies")
    assert gazu.playlist.get_playlist(playlist["id"])["name"] == "Dailies"
    assert gazu.playlist.get_playlist_by_name(project, "Dailies")["id"] == playlist["id"]
    assert [p["name"] for p in gazu.playlist.all_playlists_for_project(project)] == ["Dailies"]
    playlist = gazu.playlist.add_entity_to_playlist(playlist, shot)
    assert [s["entity_id"] for s in playlist["shots"]] == [shot["id"]]
    playlist = gazu.playlist.remove_entity_from_playlist(playlist, shot)
    assert playlist["shots"] == []
    gazu.playlist.update_playlist({"id": playlist["id"], "name": "Dailies 2"})
    assert gazu.playlist.get_playlist(playlist)["name"] == "Dailies 2"
    gazu.playlist.delete_playlist(playlist)
    assert gazu.playlist.all_playlists_for_project(project) == []
