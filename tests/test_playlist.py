"""kitsu_helpers.playlist against the real local Zou: playlists with real shots and previews, movie builds,
zips and share links."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fixtures_files import add_preview, make_movie, png_bytes
from fixtures_production import Production

from kitsu_helpers import playlist
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import RouteNotFoundException


@pytest.fixture(scope="module")
def production(file_tree_production: Production) -> Production:
    """This module's production: a project with a file tree, shots, an asset and tasks."""
    return file_tree_production


pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def previews(production: Production) -> dict[str, Any]:
    """SH020: a movie (Animation) then a newer picture (Layout); SH010: a picture (Animation)."""
    c, p = production.client, production
    movie = make_movie(p.tmp / "anim.mp4")
    picture = p.tmp / "layout.png"
    picture.write_bytes(png_bytes(160, 90))
    anim = add_preview(c, p.tasks["SH020/Animation"], p.statuses["todo"]["id"], movie, "anim v1")
    layout = add_preview(c, p.tasks["SH020/Layout"], p.statuses["todo"]["id"], picture, "layout v1")
    other = add_preview(c, p.tasks["SH010/Animation"], p.statuses["todo"]["id"], picture, "sh010 v1")
    return {"anim": anim, "layout": layout, "other": other}


def test_new_playlist_and_lookups(client: KitsuClient, production: Production) -> None:
    project, episode = production.project, production.episodes["E01"]
    second = playlist.new_playlist(project, "B-review", episode=episode, client=client)
    first = playlist.new_playlist(project["id"], "A-review", episode=episode["id"], for_client=True, client=client)
    assert (first["name"], first["project_id"], first["episode_id"]) == ("A-review", project["id"], episode["id"])
    assert first["for_client"] is True
    assert first["for_entity"] == "shot"
    assert first["is_for_all"] is False
    assert playlist.new_playlist(project, "A-review", client=client)["id"] == first["id"]
    assets = playlist.new_playlist(project, "C-assets", for_entity="asset", is_for_all=True, client=client)
    assert assets["for_entity"] == "asset"
    assert assets["is_for_all"] is True
    assert assets["episode_id"] is None

    assert playlist.get_playlist(first["id"], client=client)["name"] == "A-review"
    assert playlist.get_playlist(second)["id"] == second["id"]
    by_name = playlist.get_playlist_by_name(project, "B-review", client=client)
    assert by_name is not None
    assert by_name["id"] == second["id"]
    assert playlist.get_playlist_by_name(project["id"], "missing") is None
    assert {first["id"], second["id"], assets["id"]} <= {p["id"] for p in playlist.all_playlists(client=client)}
    names = [p["name"] for p in playlist.all_playlists_for_project(project, client=client)]
    assert names == ["A-review", "B-review", "C-assets"]
    assert playlist.all_playlists_for_project(project["id"], page=2) == []
    for_episode = [p["name"] for p in playlist.all_playlists_for_episode(episode["id"], client=client)]
    assert for_episode == ["A-review", "B-review"]
    assert [p["name"] for p in playlist.all_playlists_for_episode(episode)] == for_episode


def test_update_and_delete_playlist(client: KitsuClient, production: Production) -> None:
    created = playlist.new_playlist(production.project, "to-rename", client=client)
    created["name"] = "renamed"
    created["for_client"] = True
    updated = playlist.update_playlist(created, client=client)
    assert (updated["id"], updated["name"], updated["for_client"]) == (created["id"], "renamed", True)
    assert playlist.get_playlist(created["id"])["name"] == "renamed"
    assert playlist.delete_playlist(created, client=client) == ""
    with pytest.raises(RouteNotFoundException):
        playlist.get_playlist(created["id"], client=client)


def test_entity_preview_files(client: KitsuClient, production: Production, previews: dict[str, Any]) -> None:
    found = playlist.get_entity_preview_files(production.shots["SH020"], client=client)
    by_type = {task_type: [p["id"] for p in entries] for task_type, entries in found.items()}
    assert by_type == {
        production.task_types["Animation"]["id"]: [previews["anim"]["id"]],
        production.task_types["Layout"]["id"]: [previews["layout"]["id"]],
    }


def test_entities_in_playlist(client: KitsuClient, production: Production, previews: dict[str, Any]) -> None:
    sh020, sh010 = production.shots["SH020"], production.shots["SH010"]
    review = playlist.new_playlist(production.project, "entities", episode=production.episodes["E01"], client=client)

    local = playlist.add_entity_to_playlist(review, sh020, persist=False, client=client)
    assert local["shots"] == [{"entity_id": sh020["id"], "preview_file_id": previews["layout"]["id"]}]
    assert not review.get("shots")
    assert playlist.all_shots_for_playlist(review) == []

    saved = playlist.add_entity_to_playlist(review, sh020["id"], client=client)
    assert [(e["entity_id"], e["preview_file_id"]) for e in saved["shots"]] == [(sh020["id"], previews["layout"]["id"])]
    saved = playlist.add_entity_to_playlist(saved, sh010, preview_file=previews["other"]["id"], client=client)
    entries = playlist.all_shots_for_playlist(review["id"], client=client)
    assert [(e["entity_id"], e["preview_file_id"]) for e in entries] == [
        (sh020["id"], previews["layout"]["id"]),
        (sh010["id"], previews["other"]["id"]),
    ]

    current = playlist.get_playlist(review, client=client)
    changed = playlist.update_entity_preview(current, sh020, previews["anim"], client=client)
    assert changed is current
    assert current["shots"][0]["preview_file_id"] == previews["anim"]["id"]
    stored = playlist.all_shots_for_playlist(review)
    assert [e["preview_file_id"] for e in stored] == [previews["anim"]["id"], previews["other"]["id"]]
    local_only = playlist.update_entity_preview(current, sh020, previews["layout"], persist=False)
    assert local_only["shots"][0]["preview_file_id"] == previews["layout"]["id"]
    assert playlist.all_shots_for_playlist(review)[0]["preview_file_id"] == previews["anim"]["id"]

    current = playlist.get_playlist(review)
    playlist.remove_entity_from_playlist(current, sh010["id"], client=client)
    assert [e["entity_id"] for e in current["shots"]] == [sh020["id"]]
    assert [e["entity_id"] for e in playlist.all_shots_for_playlist(review)] == [sh020["id"]]
    kept = playlist.remove_entity_from_playlist(current, sh020, persist=False)
    assert kept["shots"] == []
    assert len(playlist.all_shots_for_playlist(review)) == 1


@pytest.fixture(scope="module")
def movie_playlist(production: Production, previews: dict[str, Any]) -> dict[str, Any]:
    """A playlist holding SH020 with its movie preview."""
    created = playlist.new_playlist(
        production.project, "movie", episode=production.episodes["E01"], client=production.client
    )
    return playlist.add_entity_to_playlist(
        created, production.shots["SH020"], previews["anim"], client=production.client
    )


def test_build_jobs(
    client: KitsuClient,
    production: Production,
    movie_playlist: dict[str, Any],
    tmp_path: Path,
) -> None:
    job = playlist.build_playlist_movie(movie_playlist, client=client)
    assert job["playlist_id"] == movie_playlist["id"]
    assert job["job_type"] == "movie"
    fetched = playlist.get_build_job(movie_playlist["id"], job["id"], client=client)
    assert fetched["status"] == "succeeded", fetched
    assert job["id"] in {j["id"] for j in playlist.all_build_jobs_for_project(production.project, client=client)}

    target = tmp_path / "build.mp4"
    response = playlist.download_playlist_build(movie_playlist, job, str(target), client=client)
    data = target.read_bytes()
    assert response.status_code == 200
    assert len(data) == int(response.headers["content-length"]) > 1000
    assert data[4:8] == b"ftyp"

    assert playlist.remove_build_job(movie_playlist, job["id"], client=client) == ""
    assert job["id"] not in {j["id"] for j in playlist.all_build_jobs_for_project(production.project["id"])}
    with pytest.raises(RouteNotFoundException):
        playlist.get_build_job(movie_playlist, job, client=client)


def test_download_playlist_zip(
    client: KitsuClient, movie_playlist: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "review.zip"
    progress: list[int] = []
    response = playlist.download_playlist_zip(
        movie_playlist["id"],
        str(target),
        client=client,
        progress_callback=lambda done, total: progress.append(done),
        progress=True,
    )
    assert response.status_code == 200
    assert progress[-1] == target.stat().st_size
    bar = capsys.readouterr().err
    assert "review.zip" in bar, bar  # progress=True: a tqdm bar beside the callback
    assert "100%" in bar, bar
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert len(names) == 1
    assert names[0].endswith(".mp4")


def test_generate_temp_playlist(client: KitsuClient, production: Production, previews: dict[str, Any]) -> None:
    task_ids = [production.tasks["SH020/Animation"]["id"], production.tasks["SH010/Animation"]["id"]]
    entries = playlist.generate_temp_playlist(production.project, {"task_ids": task_ids}, client=client)
    by_entity = {e["id"]: e["preview_file_id"] for e in entries}
    assert by_entity == {
        production.shots["SH020"]["id"]: previews["anim"]["id"],
        production.shots["SH010"]["id"]: previews["other"]["id"],
    }


def test_notify_clients(client: KitsuClient, movie_playlist: dict[str, Any]) -> None:
    assert playlist.notify_clients_playlist_ready(movie_playlist, client=client) == {"status": "success"}


def test_share_links(client: KitsuClient, movie_playlist: dict[str, Any]) -> None:
    link = playlist.new_share_link(movie_playlist, client=client)
    assert link["playlist_id"] == movie_playlist["id"]
    assert link["can_comment"] is True
    assert link["is_active"] is True
    guarded = playlist.new_share_link(
        movie_playlist["id"], expiration_date="2099-01-01T00:00:00", can_comment=False, password="s3cret", client=client
    )
    assert guarded["has_password"] is True
    assert guarded["can_comment"] is False
    assert guarded["expiration_date"].startswith("2099-01-01")
    dated = playlist.new_share_link(movie_playlist, expiration_date=datetime.date(2098, 5, 6), client=client)
    assert dated["expiration_date"].startswith("2098-05-06")
    assert dated["has_password"] is False
    tokens = {entry["token"] for entry in playlist.all_share_links_for_playlist(movie_playlist, client=client)}
    assert tokens == {link["token"], guarded["token"], dated["token"]}
    playlist.remove_share_link(movie_playlist, link["token"], client=client)
    remaining = playlist.all_share_links_for_playlist(movie_playlist["id"])
    assert {entry["token"] for entry in remaining} == {guarded["token"], dated["token"]}


# --- pure pieces and argument checks --------------------------------------------------------------


def test_latest_preview_file_is_the_newest_first_revision() -> None:
    grouped = {
        "anim": [{"id": "a2", "created_at": "2026-01-02T00:00:00"}, {"id": "a1", "created_at": "2026-01-03T00:00:00"}],
        "layout": [{"id": "l1", "created_at": "2026-01-02T10:00:00"}],
        "empty": [],
    }
    assert playlist.latest_preview_file(grouped) == grouped["layout"][0]
    assert playlist.latest_preview_file({}) is None
    assert playlist.playlist_entry("e", None) == {"entity_id": "e"}
    assert playlist.playlist_payload({"id": "p", "shots": None}) == {"id": "p"}
    assert playlist.playlist_payload({"id": "p", "shots": []}) == {"id": "p", "shots": []}


def test_bad_arguments_fail_before_any_request(client: KitsuClient) -> None:
    writes = client.generation
    with pytest.raises(TypeError):
        playlist.add_entity_to_playlist({"id": "p"}, None, client=client)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="an empty string is not an id"):
        playlist.delete_playlist("", client=client)
    with pytest.raises(TypeError):
        playlist.update_playlist("playlist-id", client=client)  # type: ignore[arg-type]
    assert client.generation == writes
