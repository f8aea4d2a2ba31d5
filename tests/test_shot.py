"""kitsu_helpers.shot against the real local Zou, on a TV show with 2 episodes, sequences and shots."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import logged_in_client
from fixtures_show import add_picture_preview, add_task, tiny_png

from kitsu_helpers import _shared, cache, scene, shot
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import ParameterException, RouteNotFoundException

Show = dict[str, Any]


def names(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["name"] for entry in entries]


# --- lists ---------------------------------------------------------------------------------------


def test_all_shots_for_project_episode_and_sequence_are_sorted_lists(show: Show) -> None:
    project, e01, e02 = show["project"], show["episodes"]["E01"], show["episodes"]["E02"]
    sq010 = show["sequences"][("E01", "SQ010")]
    assert names(shot.all_shots_for_project(project)) == ["SH010", "SH010", "SH020", "SH030"]
    assert {s["id"] for s in shot.all_shots_for_project(project["id"])} == {s["id"] for s in show["shots"].values()}
    assert names(shot.all_shots_for_episode(e01)) == ["SH010", "SH010", "SH020"]
    assert [s["id"] for s in shot.all_shots_for_episode(e02["id"])] == [show["shots"][("E02", "SQ010", "SH030")]["id"]]
    in_sequence = shot.all_shots_for_sequence(sq010)
    assert names(in_sequence) == ["SH010", "SH020"]
    assert in_sequence[0]["data"] == {"camera": "A", "lens": 35, "frame_in": 1001, "frame_out": 1024}
    assert in_sequence[1]["nb_frames"] == 48


def test_all_sequences_and_episodes(show: Show) -> None:
    project = show["project"]
    sequences = shot.all_sequences_for_project(project)
    assert names(sequences) == ["SQ010", "SQ010", "SQ020"]
    assert {s["id"] for s in sequences} == {s["id"] for s in show["sequences"].values()}
    e01_sequences = shot.all_sequences_for_episode(show["episodes"]["E01"])
    assert names(e01_sequences) == ["SQ010", "SQ020"]
    assert {s["parent_id"] for s in e01_sequences} == {show["episodes"]["E01"]["id"]}
    assert names(shot.all_sequences_for_episode(show["episodes"]["E02"]["id"])) == ["SQ010"]
    episodes = shot.all_episodes_for_project(project["id"])
    assert names(episodes) == ["E01", "E02"]
    assert [e["id"] for e in episodes] == [show["episodes"]["E01"]["id"], show["episodes"]["E02"]["id"]]


# --- single entities -----------------------------------------------------------------------------


def test_get_episode_and_by_name(show: Show) -> None:
    e02 = show["episodes"]["E02"]
    got = shot.get_episode(e02["id"])
    assert (got["id"], got["name"], got["project_id"]) == (e02["id"], "E02", show["project"]["id"])
    assert shot.get_episode_by_name(show["project"], "E02")["id"] == e02["id"]
    assert shot.get_episode_by_name(show["project"]["id"], "E99") is None


def test_get_sequence_by_name_in_project_and_episode(show: Show) -> None:
    project = show["project"]
    e01_sq010, e02_sq010 = show["sequences"][("E01", "SQ010")], show["sequences"][("E02", "SQ010")]
    got = shot.get_sequence(e02_sq010["id"])
    assert (got["name"], got["parent_id"], got["episode_name"]) == ("SQ010", show["episodes"]["E02"]["id"], "E02")
    assert shot.get_sequence_by_name(project, "SQ020")["id"] == show["sequences"][("E01", "SQ020")]["id"]
    assert shot.get_sequence_by_name(project, "SQ010", episode=show["episodes"]["E02"])["id"] == e02_sq010["id"]
    assert shot.get_sequence_by_name(project, "SQ010", show["episodes"]["E01"]["id"])["id"] == e01_sq010["id"]
    assert shot.get_sequence_by_name(project, "SQ020", episode=show["episodes"]["E02"]) is None
    assert shot.get_sequence_by_name(project["id"], "SQ999") is None


def test_get_shot_by_name_and_frame_range(show: Show) -> None:
    sq010 = show["sequences"][("E01", "SQ010")]
    sh020 = show["shots"][("E01", "SQ010", "SH020")]
    got = shot.get_shot(sh020["id"])
    assert (got["name"], got["sequence_name"], got["episode_name"]) == ("SH020", "SQ010", "E01")
    assert (got["nb_frames"], got["frame_in"], got["frame_out"]) == (48, 1025, 1072)
    assert got["data"]["camera"] == "B"
    assert shot.get_shot_by_name(sq010, "SH020")["id"] == sh020["id"]
    assert shot.get_shot_by_name(sq010["id"], "SH030") is None  # SH030 lives in E02/SQ010


def test_parents_of_sequences_and_shots(show: Show) -> None:
    sequence = show["sequences"][("E02", "SQ010")]
    sh030 = show["shots"][("E02", "SQ010", "SH030")]
    assert shot.get_episode_from_sequence(sequence)["id"] == show["episodes"]["E02"]["id"]
    assert shot.get_episode_from_sequence(sequence["id"])["name"] == "E02"
    assert shot.get_episode_from_sequence({**sequence, "parent_id": None}) is None
    assert shot.get_sequence_from_shot(sh030)["id"] == sequence["id"]
    assert shot.get_sequence_from_shot(sh030["id"])["id"] == sequence["id"]
    assert shot.get_sequence_from_shot({"id": sh030["id"]})["name"] == "SQ010"


def test_getters_reject_bad_ids_before_any_request(show: Show) -> None:
    with pytest.raises(TypeError):
        shot.get_shot(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        shot.all_shots_for_sequence({"name": "no id"})
    with pytest.raises(RouteNotFoundException):
        shot.get_shot("00000000-0000-0000-0000-000000000000")
    with pytest.raises(TypeError):
        shot.update_shot(show["shots"][("E01", "SQ010", "SH010")]["id"])  # type: ignore[arg-type]


# --- web URLs (same strings as gazu 1.3.1) ---------------------------------------------------------


def test_web_urls_match_gazu(show: Show, client: KitsuClient) -> None:
    web = client.host[:-4] if client.host.endswith("/api") else client.host
    pid, e01 = show["project"]["id"], show["episodes"]["E01"]["id"]
    sequence, sh010 = show["sequences"][("E01", "SQ010")], show["shots"][("E01", "SQ010", "SH010")]
    assert shot.get_episode_url(e01) == f"{web}/productions/{pid}/episodes/{e01}/shots"
    assert shot.get_shot_url(sh010) == f"{web}/productions/{pid}/episodes/{e01}/shots/{sh010['id']}/"
    assert (
        shot.get_sequence_url(sequence["id"]) == f"{web}/productions/{pid}/episodes/{e01}/sequences/{sequence['id']}/"
    )
    assert shot.get_all_episodes_url(show["project"]) == f"{web}/productions/{pid}/episodes/"
    assert shot.get_all_sequences_url(pid) == f"{web}/productions/{pid}/sequences/"


def test_web_urls_of_a_feature_film_have_no_episode(
    client: KitsuClient, new_project: Callable[..., dict[str, Any]]
) -> None:
    web = client.host[:-4] if client.host.endswith("/api") else client.host
    film = new_project(production_type="featurefilm")
    sequence = shot.new_sequence(film, "SQ100")
    sh = shot.new_shot(film, sequence, "SH100")
    assert shot.get_sequence_url(sequence) == f"{web}/productions/{film['id']}/sequences/{sequence['id']}/"
    assert shot.get_shot_url(sh["id"]) == f"{web}/productions/{film['id']}/shots/{sh['id']}/"
    assert shot.get_episode_from_sequence(sequence) is None


def test_get_urls_are_cached_per_client(show: Show, client: KitsuClient) -> None:
    cache.enable()
    try:
        shot.get_shot_url.clear_cache()
        first = shot.get_shot_url(show["shots"][("E01", "SQ020", "SH010")])
        second = shot.get_shot_url(show["shots"][("E01", "SQ020", "SH010")])
        assert first == second
        assert shot.get_shot_url.get_cache_infos()["hits"] >= 1
    finally:
        cache.disable()


# --- creation, update, removal -------------------------------------------------------------------


def test_new_episode_sequence_and_shot_return_the_existing_one(show: Show) -> None:
    project = show["project"]
    assert shot.new_episode(project, "E01")["id"] == show["episodes"]["E01"]["id"]
    e03 = shot.new_episode(project["id"], "E03")
    assert (e03["name"], e03["project_id"]) == ("E03", project["id"])
    assert shot.new_episode(project, "E03")["id"] == e03["id"]

    assert (
        shot.new_sequence(project, "SQ010", episode=show["episodes"]["E02"])["id"]
        == (show["sequences"][("E02", "SQ010")]["id"])
    )
    sq030 = shot.new_sequence(project, "SQ030", episode=e03)
    assert (sq030["name"], sq030["parent_id"]) == ("SQ030", e03["id"])
    assert shot.new_sequence(project, "SQ030", e03["id"])["id"] == sq030["id"]

    data = {"camera": "Z"}
    sh = shot.new_shot(project, sq030, "SH500", nb_frames=30, frame_in=101, frame_out=130, description="d", data=data)
    assert data == {"camera": "Z"}  # the caller's dict is not changed
    assert (sh["name"], sh["parent_id"], sh["nb_frames"], sh["description"]) == ("SH500", sq030["id"], 30, "d")
    assert sh["data"] == {"camera": "Z", "frame_in": 101, "frame_out": 130}
    again = shot.new_shot(project["id"], sq030["id"], "SH500", nb_frames=99)
    assert (again["id"], again["nb_frames"]) == (sh["id"], 30)
    assert names(shot.all_shots_for_episode(e03)) == ["SH500"]


def test_update_shot_sequence_and_episode_with_modified_dicts(show: Show) -> None:
    sh = shot.get_shot(show["shots"][("E01", "SQ020", "SH010")]["id"])
    sh["description"] = "re-timed"
    sh["nb_frames"] = 13
    updated = shot.update_shot(sh)
    assert (updated["description"], updated["nb_frames"]) == ("re-timed", 13)
    assert shot.get_shot(sh["id"])["nb_frames"] == 13

    sequence = shot.get_sequence(show["sequences"][("E01", "SQ020")]["id"])
    sequence["description"] = "night"
    sequence["data"] = {"mood": "dark"}
    assert shot.update_sequence(sequence)["data"] == {"mood": "dark"}

    episode = shot.get_episode(show["episodes"]["E02"]["id"])
    episode["description"] = "second"
    assert shot.update_episode(episode)["description"] == "second"
    assert shot.get_episode(episode["id"])["description"] == "second"


def test_update_data_merges_keys(show: Show) -> None:
    sh010 = show["shots"][("E01", "SQ010", "SH010")]
    updated = shot.update_shot_data(sh010, {"lens": 50, "take": 3})
    assert updated["data"] == {"camera": "A", "lens": 50, "take": 3, "frame_in": 1001, "frame_out": 1024}
    assert shot.update_shot_data(sh010["id"])["data"] == updated["data"]

    sequence = show["sequences"][("E01", "SQ010")]
    shot.update_sequence_data(sequence, {"a": 1})
    assert shot.update_sequence_data(sequence["id"], {"b": 2})["data"] == {"a": 1, "b": 2}

    episode = show["episodes"]["E01"]
    shot.update_episode_data(episode["id"], {"air_date": "2027-01-01"})
    assert shot.update_episode_data(episode, {"slot": "prime"})["data"] == {"air_date": "2027-01-01", "slot": "prime"}
    assert shot.get_episode(episode["id"])["data"]["slot"] == "prime"


def test_remove_shot_cancels_then_restore_then_force(show: Show, client: KitsuClient) -> None:
    sh = show["shots"][("E01", "SQ010", "SH020")]
    add_task(client, show["project"]["id"], "shot", "Animation", sh["id"])
    assert shot.remove_shot(sh) == ""
    assert shot.get_shot(sh["id"])["canceled"] is True
    restored = shot.restore_shot(sh["id"])
    assert (restored["id"], restored["canceled"]) == (sh["id"], False)
    assert shot.remove_shot(sh["id"], force=True) == ""
    with pytest.raises(RouteNotFoundException):
        shot.get_shot(sh["id"])
    bare = shot.new_shot(show["project"], show["sequences"][("E01", "SQ020")], "SH999")
    shot.remove_shot(bare)  # no task: deleted outright
    assert shot.get_shot_by_name(show["sequences"][("E01", "SQ020")], "SH999") is None


def test_remove_sequence_and_episode_need_force_when_linked(show: Show) -> None:
    project = show["project"]
    empty = shot.new_sequence(project, "SQ-EMPTY", episode=show["episodes"]["E02"])
    assert shot.remove_sequence(empty) == ""
    assert shot.get_sequence_by_name(project, "SQ-EMPTY") is None

    sequence = show["sequences"][("E01", "SQ020")]
    with pytest.raises(ParameterException):
        shot.remove_sequence(sequence)
    assert shot.remove_sequence(sequence["id"], force=True) == ""
    assert shot.get_sequence_by_name(project, "SQ020") is None
    assert "SQ020" not in names(shot.all_sequences_for_project(project))

    e02 = show["episodes"]["E02"]
    with pytest.raises(ParameterException):
        shot.remove_episode(e02)
    assert shot.remove_episode(e02["id"], force=True) == ""
    assert names(shot.all_episodes_for_project(project)) == ["E01"]
    assert "SH030" not in names(shot.all_shots_for_project(project))


# --- asset instances and previews ----------------------------------------------------------------


def test_asset_instances_of_a_shot(show: Show, client: KitsuClient) -> None:
    sh = show["shots"][("E01", "SQ010", "SH010")]
    instance = scene.new_scene_asset_instance(show["scene"], show["asset"])
    assert shot.get_asset_instances_for_shot(sh) == {}
    linked = shot.add_asset_instance_to_shot(sh, instance)
    assert linked["id"] == sh["id"]
    found = shot.get_asset_instances_for_shot(sh["id"])  # grouped by asset id, as Zou answers
    assert list(found) == [show["asset"]["id"]]
    assert [i["id"] for i in found[show["asset"]["id"]]] == [instance["id"]]
    assert shot.all_asset_instances_for_shot(sh) == found
    assert shot.remove_asset_instance_from_shot(sh["id"], instance["id"]) == ""
    assert shot.all_asset_instances_for_shot(sh["id"]) == {}


def test_all_previews_for_shot_groups_by_task_type(show: Show, client: KitsuClient, tmp_path: Path) -> None:
    sh = show["shots"][("E01", "SQ010", "SH010")]
    assert shot.all_previews_for_shot(sh) == {}
    task = add_task(client, show["project"]["id"], "shot", "Layout", sh["id"])
    preview = add_picture_preview(client, task, tiny_png(tmp_path / "frame.png"))
    previews = shot.all_previews_for_shot(sh["id"])
    assert list(previews) == [task["task_type_id"]]
    assert [p["id"] for p in previews[task["task_type_id"]]] == [preview["id"]]


# --- CSV and OTIO --------------------------------------------------------------------------------


def test_export_then_import_shots_with_csv(
    show: Show, client: KitsuClient, new_project: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    everything = tmp_path / "all.csv"
    progress: list[tuple[int, int]] = []
    response = shot.export_shots_with_csv(
        show["project"], str(everything), progress_callback=lambda *a: progress.append(a)
    )
    assert response.status_code == 200
    assert progress
    rows = list(csv.DictReader(everything.open(encoding="utf-8"), delimiter=";"))
    assert sorted((r["Episode"], r["Sequence"], r["Name"]) for r in rows) == sorted(show["shots"])
    assert {r["Name"]: r["Frames"] for r in rows if r["Episode"] == "E02"} == {"SH030": "96"}

    only_e02 = tmp_path / "e02.csv"
    shot.export_shots_with_csv(show["project"]["id"], str(only_e02), episode=show["episodes"]["E02"])
    assert [r["Name"] for r in csv.DictReader(only_e02.open(encoding="utf-8"), delimiter=";")] == ["SH030"]

    admin = client.call("get_auth_authenticated")["user"]
    nobody = tmp_path / "assigned.csv"
    shot.export_shots_with_csv(show["project"], str(nobody), assigned_to=admin)
    assert list(csv.DictReader(nobody.open(encoding="utf-8"), delimiter=";")) == []

    target = new_project()
    created = shot.import_shots_with_csv(target, str(everything))
    assert sorted(names(created)) == ["SH010", "SH010", "SH020", "SH030"]
    assert names(shot.all_episodes_for_project(target)) == ["E01", "E02"]
    e02 = shot.get_episode_by_name(target, "E02")
    imported = shot.get_shot_by_name(shot.get_sequence_by_name(target, "SQ010", episode=e02), "SH030")
    assert imported["nb_frames"] == 96


def otio_timeline(clips: list[tuple[str, int, int]], rate: float = 25.0) -> dict[str, Any]:
    """Return an OpenTimelineIO timeline (JSON) with one video track of clips (name, start, duration)."""

    def time(value: int) -> dict[str, Any]:
        return {"OTIO_SCHEMA": "RationalTime.1", "rate": rate, "value": float(value)}

    children = [
        {
            "OTIO_SCHEMA": "Clip.2",
            "name": name,
            "metadata": {},
            "source_range": {"OTIO_SCHEMA": "TimeRange.1", "start_time": time(start), "duration": time(duration)},
            "effects": [],
            "markers": [],
            "enabled": True,
            "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "MissingReference.1", "name": "", "metadata": {}}},
            "active_media_reference_key": "DEFAULT_MEDIA",
        }
        for name, start, duration in clips
    ]
    track = {
        "OTIO_SCHEMA": "Track.1",
        "name": "V1",
        "kind": "Video",
        "metadata": {},
        "source_range": None,
        "effects": [],
        "markers": [],
        "enabled": True,
        "children": children,
    }
    stack = {
        "OTIO_SCHEMA": "Stack.1",
        "name": "tracks",
        "metadata": {},
        "source_range": None,
        "effects": [],
        "markers": [],
        "enabled": True,
        "children": [track],
    }
    return {"OTIO_SCHEMA": "Timeline.1", "name": "cut", "metadata": {}, "global_start_time": None, "tracks": stack}


def test_import_otio_creates_then_updates_shots(
    client: KitsuClient, new_project: Callable[..., dict[str, Any]], unique: Callable[[str], str], tmp_path: Path
) -> None:
    project = new_project(name=unique("otio").replace("-", "_"))
    episode = shot.new_episode(project, "EP1")
    cut = tmp_path / "cut.otio"
    prefix = f"{project['name']}_EP1"
    cut.write_text(json.dumps(otio_timeline([(f"{prefix}-SQ1-SH010", 0, 24), (f"{prefix}-SQ1-SH020", 24, 36)])))
    result = shot.import_otio(project, str(cut), episode=episode)
    assert sorted(names(result["created_shots"])) == ["SH010", "SH020"]
    assert result["updated_shots"] == []
    sequence = shot.get_sequence_by_name(project, "SQ1", episode=episode)
    sh020 = shot.get_shot_by_name(sequence, "SH020")
    assert (sh020["nb_frames"], sh020["data"]["frame_in"], sh020["data"]["frame_out"]) == (36, 24, 59)

    retimed = tmp_path / "retimed.otio"
    retimed.write_text(json.dumps(otio_timeline([(f"{prefix}-sq1-sh020", 100, 10)])))
    result = shot.import_otio(project["id"], str(retimed), episode=episode["id"], match_case=False)
    assert [s["id"] for s in result["updated_shots"]] == [sh020["id"]]
    assert result["created_shots"] == []
    assert shot.get_shot(sh020["id"])["nb_frames"] == 10

    custom = tmp_path / "custom.otio"
    custom.write_text(json.dumps(otio_timeline([("SQ2-SH100", 0, 12)])))
    result = shot.import_otio(project, str(custom), episode=episode, naming_convention="${sequence_name}-${shot_name}")
    assert names(result["created_shots"]) == ["SH100"]
    assert shot.get_sequence_from_shot(result["created_shots"][0]["id"])["name"] == "SQ2"


def test_import_otio_into_a_feature_film(
    new_project: Callable[..., dict[str, Any]], unique: Callable[[str], str], tmp_path: Path
) -> None:
    film = new_project(name=unique("film").replace("-", "_"), production_type="featurefilm")
    cut = tmp_path / "film.otio"
    cut.write_text(json.dumps(otio_timeline([(f"{film['name']}_SQ5-SH1", 0, 48)])))
    progress: list[tuple[int, int]] = []
    result = shot.import_otio(film["id"], str(cut), progress_callback=lambda *a: progress.append(a))
    assert names(result["created_shots"]) == ["SH1"]
    assert progress[-1][0] == progress[-1][1] > 0
    assert names(shot.all_sequences_for_project(film)) == ["SQ5"]
    assert shot.all_shots_for_project(film)[0]["nb_frames"] == 48


# --- bulk creation (ours, not gazu's) ------------------------------------------------------------


def count_in_flight(client: KitsuClient) -> dict[str, int]:
    """Count the client's concurrent POSTs with httpx event hooks; return the live counters."""
    counters = {"now": 0, "max": 0, "posts": 0}
    lock = threading.Lock()

    def on_request(request: Any) -> None:
        if request.method == "POST":
            with lock:
                counters["now"] += 1
                counters["posts"] += 1
                counters["max"] = max(counters["max"], counters["now"])

    def on_response(response: Any) -> None:
        if response.request.method == "POST":
            with lock:
                counters["now"] -= 1

    client.http.event_hooks = {"request": [on_request], "response": [on_response]}
    return counters


def test_new_shots_creates_twenty_shots_with_bounded_concurrency(show: Show, zou: dict[str, Any]) -> None:
    bulk_client = logged_in_client(zou)
    try:
        counters = count_in_flight(bulk_client)
        sequence = shot.new_sequence(show["project"], "SQ-BULK", show["episodes"]["E01"], client=bulk_client)
        counters.update(posts=0, max=0)
        entries: list[Any] = [f"SH{n:03d}" for n in range(10, 110, 10)]
        entries += [
            {"name": f"SH{n:03d}", "nb_frames": 10, "frame_in": n * 10, "frame_out": n * 10 + 9, "data": {"n": n}}
            for n in range(110, 210, 10)
        ]
        created = shot.new_shots(show["project"], sequence, entries, max_workers=4, client=bulk_client)
        assert counters["posts"] == 20
        assert 1 <= counters["max"] <= 4
        assert names(created) == [e if isinstance(e, str) else e["name"] for e in entries]
        assert len({s["id"] for s in created}) == 20
        assert created[10]["data"] == {"n": 110, "frame_in": 1100, "frame_out": 1109}
        assert created[19]["nb_frames"] == 10
        assert len(shot.all_shots_for_sequence(sequence, client=bulk_client)) == 20

        counters.update(posts=0)
        again = shot.new_shots(show["project"]["id"], sequence["id"], ["SH010", "SH999"], client=bulk_client)
        assert counters["posts"] == 1  # SH010 exists: returned as it is
        assert again[0]["id"] == created[0]["id"]
        assert again[1]["name"] == "SH999"
    finally:
        bulk_client.close()


def test_new_shots_reports_the_names_that_failed(show: Show) -> None:
    sequence = show["sequences"][("E02", "SQ010")]
    entries = ["SH700", {"name": "SH710", "nb_frames": "many"}, "SH720", {"name": "SH730", "nb_frames": "x"}]
    with pytest.raises(shot.ShotsCreationError) as caught:
        shot.new_shots(show["project"], sequence, entries, max_workers=2)
    assert sorted(caught.value.failed) == ["SH710", "SH730"]
    assert all(isinstance(e, ParameterException) for e in caught.value.failed.values())
    assert names(caught.value.created) == ["SH700", "SH720"]
    assert "SH710" in str(caught.value)
    assert "SH730" in str(caught.value)
    assert names(shot.all_shots_for_sequence(sequence)) == ["SH030", "SH700", "SH720"]
    with pytest.raises(ValueError, match="shot names must be unique in one bulk creation"):
        shot.new_shots(show["project"], sequence, ["SH1", "SH1"])
    with pytest.raises(
        ValueError, match=r"a shot entry needs a name and only \[.*\]; got \{'name': 'SH2', 'colour': 'red'\}"
    ):
        shot.new_shots(show["project"], sequence, [{"name": "SH2", "colour": "red"}])
    with pytest.raises(ValueError, match="max_workers must be at least 1"):
        shot.new_shots(show["project"], sequence, ["SH3"], max_workers=0)


# --- pure pieces ---------------------------------------------------------------------------------


def test_pure_helpers_shared_by_the_entity_modules() -> None:
    assert shot.force_params(True) == {"force": True}
    assert shot.force_params(False) is None
    assert shot.merged_data({"a": 1, "b": 1}, {"b": 2}) == {"a": 1, "b": 2}
    assert shot.merged_data(None, None) == {}
    assert _shared.first_or_none([]) is None
    assert _shared.first_or_none([{"id": "x"}]) == {"id": "x"}
    data = {"k": "v"}
    assert shot.shot_payload("SH1", "seq", nb_frames=5, frame_in=1, data=data) == {
        "name": "SH1",
        "sequence_id": "seq",
        "nb_frames": 5,
        "data": {"k": "v", "frame_in": 1},
    }
    assert data == {"k": "v"}
    assert shot.shot_spec("SH1") == {"name": "SH1"}
    assert shot.shot_spec({"name": "SH2", "frame_out": 9}) == {"name": "SH2", "frame_out": 9}
    with pytest.raises(ValueError, match=r"a shot entry needs a name .*; got \{'nb_frames': 3\}"):
        shot.shot_spec({"nb_frames": 3})
