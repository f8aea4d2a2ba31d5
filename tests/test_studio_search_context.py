"""kitsu_helpers.studio, .search and .context against the real Zou, on a TV show production."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import httpx
import pytest
from fixtures_production import Cleanup, Production

import kitsu_helpers as gazu
from kitsu_helpers import context, search, studio
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import ParameterException, RouteNotFoundException


@pytest.fixture(scope="module")
def production(tv_production: Production) -> Production:
    """This module's production: the TV show."""
    return tv_production


def names(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["name"] for entry in entries]


# --- studio --------------------------------------------------------------------------------------


def test_studios(client: KitsuClient, production: Production, cleanup: Cleanup) -> None:
    suffix = production.token
    north = client.call("post_data_studios", json={"name": f"North {suffix}", "color": "#112233"})
    south = client.call("post_data_studios", json={"name": f"South {suffix}", "color": "#445566"})
    for made in (north, south):
        cleanup.add(partial(client.call, "delete_data_studios_instance_id", instance_id=made["id"]))

    every = studio.all_studios()
    assert {north["id"], south["id"]} <= {s["id"] for s in every}
    assert names(every) == sorted(names(every), key=str.lower)
    assert studio.get_studio(north["id"])["color"] == "#112233"
    assert studio.get_studio(south)["name"] == f"South {suffix}"
    found = studio.get_studio_by_name(f"South {suffix}")
    assert found is not None
    assert found["id"] == south["id"]
    assert studio.get_studio_by_name(f"West {suffix}") is None

    north["name"] = f"North East {suffix}"
    north["color"] = "#778899"
    updated = studio.update_studio(north)
    assert updated["name"] == f"North East {suffix}"
    assert updated["color"] == "#778899"
    assert studio.get_studio(north)["name"] == f"North East {suffix}"

    lead = production.persons["lead"]
    client.call("put_data_persons_instance_id", json={"studio_id": south["id"]}, instance_id=lead["id"])
    with pytest.raises(ParameterException):
        studio.remove_studio(south)  # a person still belongs to it
    client.call("put_data_persons_instance_id", json={"studio_id": None}, instance_id=lead["id"])
    assert studio.remove_studio(south, force=True) == ""
    assert studio.remove_studio(north["id"]) == ""
    with pytest.raises(RouteNotFoundException):
        studio.get_studio(north["id"])


# --- search --------------------------------------------------------------------------------------


class RecordingTransport(httpx.HTTPTransport):
    """A real HTTP transport that also keeps the JSON bodies it sends (to check what a helper asked)."""

    def __init__(self, api_root: str = "") -> None:
        super().__init__()
        self.api_root = api_root
        self.bodies: list[tuple[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()
        path = request.url.path.removeprefix(self.api_root)  # "/api" when the host is behind the nginx front
        self.bodies.append((path, json.loads(content) if content else None))
        return super().handle_request(request)


def test_search_entities_sends_gazu_payload(zou: dict[str, Any], production: Production) -> None:
    transport = RecordingTransport(httpx.URL(zou["url"]).path.rstrip("/"))
    recording = KitsuClient(zou["url"], transport=transport)
    gazu.log_in(zou["email"], zou["password"], client=recording)
    character = production.asset_types["Character"]
    # Zou answers queries shorter than 3 characters without asking its indexer: an empty result.
    answer = search.search_entities("He", project=production.project, entity_types=[character], client=recording)
    assert answer == {}
    assert transport.bodies[-1] == (
        "/data/search",
        {"query": "He", "project_id": production.project["id"], "entity_types": [character["id"]]},
    )
    assert search.search_entities("Vi", client=recording) == {}
    assert transport.bodies[-1] == ("/data/search", {"query": "Vi"})
    recording.close()
    with pytest.raises(TypeError):
        search.search_entities("Hero", project=42)  # type: ignore[arg-type]


# --- context -------------------------------------------------------------------------------------


def test_open_projects_context(client: KitsuClient, production: Production) -> None:
    every = context.all_open_projects()
    assert production.project["id"] in [p["id"] for p in every]
    assert names(every) == sorted(names(every), key=str.lower)
    mine = context.all_open_projects(user_context=True, client=production.clients["artist"])
    assert [p["id"] for p in mine] == [production.project["id"]]


def test_asset_context(production: Production) -> None:
    project, artist = production.project, production.clients["artist"]
    character = production.asset_types["Character"]
    assert names(context.all_assets_for_project(project)) == ["Hero", "Sword", "Villain"]
    assert names(context.all_asset_types_for_project(project["id"])) == [
        production.asset_types["Character"]["name"],
        production.asset_types["Prop"]["name"],
    ]
    assert names(context.all_asset_types_for_project(project, True, client=artist)) == [character["name"]]
    assert names(context.all_assets_for_asset_type_and_project(project, character)) == ["Hero", "Villain"]
    mine = context.all_assets_for_asset_type_and_project(project, character["id"], user_context=True, client=artist)
    assert names(mine) == ["Hero"]
    modeling = production.task_types["Modeling"]["name"]
    assert names(context.all_task_types_for_asset(production.assets["Sword"])) == [modeling]
    assert names(context.all_task_types_for_asset(production.assets["Hero"], True, client=artist)) == [modeling]
    assert context.all_task_types_for_asset(production.assets["Sword"], True, client=artist) == []


def test_shot_sequence_scene_episode_context(production: Production) -> None:
    project, artist = production.project, production.clients["artist"]
    sq01, episodes = production.sequences["SQ01"], production.episodes
    animation = production.task_types["Animation"]["name"]
    storyboard = production.task_types["Storyboard"]["name"]
    staging = production.task_types["Staging"]["name"]

    assert names(context.all_episodes_for_project(project)) == ["E01", "E02"]
    assert names(context.all_episodes_for_project(project, user_context=True, client=artist)) == ["E01"]
    assert names(context.all_sequences_for_episode(episodes["E01"])) == ["SQ01", "SQ02"]
    assert names(context.all_sequences_for_episode(episodes["E02"]["id"])) == ["SQ10"]
    assert names(context.all_sequences_for_project(project)) == ["SQ01", "SQ02", "SQ10"]
    assert names(context.all_sequences_for_project(project, user_context=True, client=artist)) == ["SQ01"]
    assert names(context.all_shots_for_sequence(sq01)) == ["SH010", "SH020"]
    assert names(context.all_shots_for_sequence(sq01["id"], user_context=True, client=artist)) == ["SH010"]
    assert names(context.all_scenes_for_project(project)) == ["SC01"]
    assert names(context.all_scenes_for_sequence(sq01)) == ["SC01"]
    assert context.all_scenes_for_sequence(production.sequences["SQ02"]) == []
    assert names(context.all_scenes_for_sequence(sq01, user_context=True, client=artist)) == ["SC01"]

    assert names(context.all_task_types_for_shot(production.shots["SH020"])) == [animation]
    assert names(context.all_task_types_for_shot(production.shots["SH010"], True, client=artist)) == [animation]
    assert context.all_task_types_for_shot(production.shots["SH020"], True, client=artist) == []
    # Zou 1.0.97 lists the task types of the tasks of the sequence's shots and scenes; in the user's context,
    # those of the user's tasks on the sequence itself
    assert names(context.all_task_types_for_sequence(sq01)) == [animation, staging]
    assert names(context.all_task_types_for_sequence(sq01, True, client=artist)) == [storyboard]
    assert context.all_task_types_for_sequence(production.sequences["SQ02"]) == []
    assert names(context.all_task_types_for_scene(production.scenes["SC01"])) == [staging]
    assert names(context.all_task_types_for_scene(production.scenes["SC01"]["id"], True, client=artist)) == [staging]


def test_context_listings_share_the_delegates_cache(client: KitsuClient, production: Production) -> None:
    from kitsu_helpers import cache, shot

    cache.enable()
    try:
        shot.all_episodes_for_project.clear_cache()
        first = context.all_episodes_for_project(production.project)
        hits = shot.all_episodes_for_project.get_cache_infos()["hits"]
        assert context.all_episodes_for_project(production.project["id"]) == first
        assert shot.all_episodes_for_project.get_cache_infos()["hits"] == hits + 1
        client.call("post_data_projects_project_id_episodes", json={"name": "E03"}, project_id=production.project["id"])
        assert names(context.all_episodes_for_project(production.project)) == ["E01", "E02", "E03"]
    finally:
        cache.disable()
