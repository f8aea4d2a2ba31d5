"""kitsu_helpers.casting against the real local Zou, on the TV-show breakdown of tests/fixtures_breakdown.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import logged_in_client
from fixtures_breakdown import Breakdown, new_asset_raw

from kitsu_helpers import cache as gazu_cache, casting as gazu_casting
from kitsu_helpers.client import KitsuClient

pytestmark = pytest.mark.server


def occurrences(casting: list[dict[str, Any]]) -> dict[str, int]:
    """Return {asset name: nb_occurences} of a casting list."""
    return {entry["asset_name"]: entry["nb_occurences"] for entry in casting}


def new_shot(client: KitsuClient, bd: Breakdown, name: str, sequence: str = "SQ02") -> dict[str, Any]:
    return dict(
        client.call(
            "post_data_projects_project_id_shots",
            json={"name": name, "sequence_id": bd.sequences[sequence]["id"], "nb_frames": 48},
            project_id=bd.project["id"],
        )
    )


def test_cast_asset_payload() -> None:
    assert gazu_casting.cast_asset_payload(["s1"], None, None) == {"entity_ids": ["s1"]}
    assert gazu_casting.cast_asset_payload(["s1", "s2"], 0, "bg") == {
        "entity_ids": ["s1", "s2"],
        "nb_occurences": 0,
        "label": "bg",
    }


def test_entity_casting_reads_need_full_dicts() -> None:
    with pytest.raises(TypeError):
        gazu_casting.get_shot_casting("a-shot-id")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="asset dict must have 'id' and 'project_id' keys"):
        gazu_casting.get_asset_casting({"id": "an-asset-id"})


# --- reads --------------------------------------------------------------------------------------


def test_get_shot_asset_and_episode_casting(breakdown: Breakdown) -> None:
    sh010 = gazu_casting.get_shot_casting(breakdown.shots["SH010"])
    assert occurrences(sh010) == {"hero": 2, "sword": 1}
    assert {e["asset_id"] for e in sh010} == {breakdown.assets["hero"]["id"], breakdown.assets["sword"]["id"]}
    assert occurrences(gazu_casting.get_shot_casting(breakdown.shots["SH030"])) == {"villain": 3}
    assert occurrences(gazu_casting.get_asset_casting(breakdown.assets["castle"])) == {"sword": 3}
    assert gazu_casting.get_asset_casting(breakdown.assets["hero"]) == []
    episode = gazu_casting.get_episode_casting(breakdown.episodes["E01"])
    assert occurrences(episode) == {"hero": 1, "sword": 1, "castle": 1}


def test_sequence_episode_and_project_shot_castings(breakdown: Breakdown) -> None:
    sh010, sh020, sh030 = (breakdown.shots[n]["id"] for n in ("SH010", "SH020", "SH030"))
    by_sequence = gazu_casting.get_sequence_casting(breakdown.sequences["SQ01"])
    assert set(by_sequence) == {sh010, sh020}
    assert occurrences(by_sequence[sh020]) == {"hero": 1, "castle": 1}
    assert all(entry["sequence_name"] == "SQ01" for entry in by_sequence[sh010])
    same = gazu_casting.get_sequence_shots_casting(breakdown.project["id"], breakdown.sequences["SQ01"])
    assert same == by_sequence
    sq02 = gazu_casting.get_sequence_shots_casting(breakdown.project, breakdown.sequences["SQ02"]["id"])
    assert set(sq02) == {sh030}
    episode_shots = gazu_casting.get_episode_shots_casting(breakdown.project, breakdown.episodes["E01"])
    assert set(episode_shots) == {sh010, sh020}
    assert occurrences(episode_shots[sh010]) == {"hero": 2, "sword": 1}
    assert set(gazu_casting.get_episode_shots_casting(breakdown.project["id"], breakdown.episodes["E02"])) == {sh030}
    project_shots = gazu_casting.get_project_shots_casting(breakdown.project)
    assert set(project_shots) >= {sh010, sh020, sh030}
    assert occurrences(project_shots[sh030]) == {"villain": 3}


def test_episodes_and_asset_type_castings(breakdown: Breakdown) -> None:
    episodes = gazu_casting.get_episodes_casting(breakdown.project)
    e01, e02 = breakdown.episodes["E01"]["id"], breakdown.episodes["E02"]["id"]
    assert occurrences(episodes[e01]) == {"hero": 1, "sword": 1, "castle": 1}
    assert "villain" in occurrences(episodes[e02])  # Zou links an episode's own asset to it
    by_set = gazu_casting.get_asset_type_casting(breakdown.project, breakdown.types["Set"])
    assert list(by_set) == [breakdown.assets["castle"]["id"]]
    assert occurrences(by_set[breakdown.assets["castle"]["id"]]) == {"sword": 3}
    assert gazu_casting.get_asset_type_casting(breakdown.project["id"], breakdown.types["Prop"]["id"]) == {}


def test_get_asset_cast_in(breakdown: Breakdown) -> None:
    cast_in = gazu_casting.get_asset_cast_in(breakdown.assets["hero"])
    by_shot = {entry["shot_name"]: entry for entry in cast_in}
    assert set(by_shot) >= {"SH010", "SH020"}
    assert by_shot["SH010"]["nb_occurences"] == 2
    assert by_shot["SH010"]["episode_name"] == "E01"
    assert by_shot["SH020"]["shot_id"] == breakdown.shots["SH020"]["id"]
    assert gazu_casting.get_asset_cast_in(breakdown.assets["villain"]["id"])[0]["shot_name"] == "SH030"


def test_all_entity_links_for_project(breakdown: Breakdown) -> None:
    links = gazu_casting.all_entity_links_for_project(breakdown.project)
    assert isinstance(links, list)
    pairs = {(link["entity_in_id"], link["entity_out_id"]): link["nb_occurences"] for link in links}
    assert pairs[(breakdown.shots["SH010"]["id"], breakdown.assets["hero"]["id"])] == 2
    assert pairs[(breakdown.assets["castle"]["id"], breakdown.assets["sword"]["id"])] == 3
    page = gazu_casting.all_entity_links_for_project(breakdown.project["id"], page=1, limit=2)
    assert isinstance(page, dict)
    assert len(page["data"]) == 2
    assert page["total"] == len(links)
    assert page["page"] == 1
    assert page["limit"] == 2
    second = gazu_casting.all_entity_links_for_project(breakdown.project, page=2, limit=2)
    assert isinstance(second, dict)
    assert second["page"] == 2
    assert {link["id"] for link in second["data"]}.isdisjoint({link["id"] for link in page["data"]})


# --- writes -------------------------------------------------------------------------------------


def test_update_shot_casting_replaces_it(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    shot = new_shot(client, breakdown, unique("SH"))
    hero, sword = breakdown.assets["hero"]["id"], breakdown.assets["sword"]["id"]
    casting = [{"asset_id": hero, "nb_occurences": 4}, {"asset_id": sword, "nb_occurences": 1, "label": "fixed"}]
    assert gazu_casting.update_shot_casting(breakdown.project, shot, casting) == casting  # Zou echoes it
    saved = gazu_casting.get_shot_casting(shot)
    assert occurrences(saved) == {"hero": 4, "sword": 1}
    assert {e["asset_name"]: e["label"] for e in saved}["sword"] == "fixed"
    gazu_casting.update_shot_casting(breakdown.project["id"], shot["id"], [{"asset_id": sword, "nb_occurences": 2}])
    assert occurrences(gazu_casting.get_shot_casting(shot)) == {"sword": 2}
    assert gazu_casting.update_shot_casting(breakdown.project, shot, []) == []
    assert gazu_casting.get_shot_casting(shot) == []


def test_update_asset_and_episode_casting(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    room = new_asset_raw(client, breakdown, "Set", unique("hall"))
    casting = [{"asset_id": breakdown.assets["sword"]["id"], "nb_occurences": 5}]
    assert gazu_casting.update_asset_casting(breakdown.project, room, casting) == casting
    assert occurrences(gazu_casting.get_asset_casting(room)) == {"sword": 5}
    episode = client.call(
        "post_data_projects_project_id_episodes", json={"name": unique("E")}, project_id=breakdown.project["id"]
    )
    episode_casting = [
        {"asset_id": breakdown.assets["hero"]["id"], "nb_occurences": 1},
        {"asset_id": room["id"], "nb_occurences": 2},
    ]
    assert gazu_casting.update_episode_casting(breakdown.project["id"], episode["id"], episode_casting) == (
        episode_casting
    )
    assert occurrences(gazu_casting.get_episode_casting(episode)) == {"hero": 1, room["name"]: 2}


def test_cast_and_uncast_asset_keep_the_other_assets(
    client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    first, second = new_shot(client, breakdown, unique("SHa")), new_shot(client, breakdown, unique("SHb"))
    hero, sword = breakdown.assets["hero"], breakdown.assets["sword"]
    gazu_casting.update_shot_casting(breakdown.project, first, [{"asset_id": hero["id"], "nb_occurences": 2}])
    result = gazu_casting.cast_asset(breakdown.project, [first, second["id"]], sword, nb_occurences=3, label="bg")
    assert set(result) == {first["id"], second["id"]}
    assert occurrences(result[first["id"]]) == {"hero": 2, "sword": 3}
    assert occurrences(result[second["id"]]) == {"sword": 3}
    again = gazu_casting.cast_asset(breakdown.project["id"], second, sword["id"])  # keeps occurrences and label
    assert occurrences(again[second["id"]]) == {"sword": 3}
    assert {e["asset_name"]: e["label"] for e in again[second["id"]]}["sword"] == "bg"
    removed = gazu_casting.uncast_asset(breakdown.project, [first, second], sword)
    assert occurrences(removed[first["id"]]) == {"hero": 2}
    assert removed[second["id"]] == []
    assert occurrences(gazu_casting.get_shot_casting(first)) == {"hero": 2}


def test_cached_cast_asset_always_reaches_the_server(
    client: KitsuClient, zou: dict[str, Any], breakdown: Breakdown, unique: Callable[[str], str]
) -> None:
    shot = new_shot(client, breakdown, unique("SHk"))
    other = logged_in_client(zou)
    gazu_cache.enable()
    try:
        cast = gazu_casting.cast_asset(breakdown.project, shot, breakdown.assets["hero"], nb_occurences=2)
        assert occurrences(cast[shot["id"]]) == {"hero": 2}
        gazu_casting.update_shot_casting(breakdown.project, shot, [], client=other)  # not seen by our client
        again = gazu_casting.cast_asset(breakdown.project, shot, breakdown.assets["hero"], nb_occurences=2)
        assert occurrences(again[shot["id"]]) == {"hero": 2}
        assert occurrences(gazu_casting.get_shot_casting(shot, client=other)) == {"hero": 2}
    finally:
        gazu_cache.disable()
        other.close()


def test_delete_entity_link(client: KitsuClient, breakdown: Breakdown, unique: Callable[[str], str]) -> None:
    shot = new_shot(client, breakdown, unique("SHc"))
    gazu_casting.update_shot_casting(
        breakdown.project,
        shot,
        [
            {"asset_id": breakdown.assets["hero"]["id"], "nb_occurences": 1},
            {"asset_id": breakdown.assets["castle"]["id"], "nb_occurences": 1},
        ],
    )
    all_links = gazu_casting.all_entity_links_for_project(breakdown.project)
    assert isinstance(all_links, list)
    links = [link for link in all_links if link["entity_in_id"] == shot["id"]]
    assert len(links) == 2
    hero_link = next(link for link in links if link["entity_out_id"] == breakdown.assets["hero"]["id"])
    assert gazu_casting.delete_entity_link(hero_link) is hero_link
    castle_link = next(link for link in links if link is not hero_link)
    assert gazu_casting.delete_entity_link(castle_link["id"]) == {"id": castle_link["id"]}
    assert gazu_casting.get_shot_casting(shot) == []
