"""Unit tests of the fake Zou (kitsu_helpers.testing.fake), no server: what it refuses, how it plugs in. Its
answer shapes are checked against the real Zou by tests/test_fake_conformance.py."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import errors
from kitsu_helpers._default import DEFAULT
from kitsu_helpers.aio import AsyncKitsuClient
from kitsu_helpers.client import KitsuClient, get_default_client, set_default_client
from kitsu_helpers.testing.fake import FakeRouteNotImplemented, FakeZou, fake_zou

MISSING = "00000000-0000-4000-8000-000000000000"


def layout(client: KitsuClient) -> dict:
    project = gazu.project.new_project("Agent 327", "tvshow", client=client)
    sequence = gazu.shot.new_sequence(project, "SQ01", client=client)
    shot = gazu.shot.new_shot(project, sequence, "SH010", nb_frames=24, client=client)
    return {"project": project, "sequence": sequence, "shot": shot}


def test_a_route_the_fake_does_not_implement_names_method_route_and_operation() -> None:
    with fake_zou(set_default=False) as client:
        with pytest.raises(FakeRouteNotImplemented) as caught:
            gazu.playlist.all_playlists(client=client)
    message = str(caught.value)
    assert "GET /data/playlists" in message
    assert "get_data_playlists" in message
    assert caught.value.method == "GET"
    assert caught.value.url == "http://kitsu.fake/api/data/playlists"
    assert isinstance(caught.value, errors.GazuException)
    assert isinstance(caught.value, NotImplementedError)


def test_a_route_outside_zous_spec_says_so() -> None:
    with fake_zou(set_default=False) as client:
        with pytest.raises(FakeRouteNotImplemented, match=r"GET /no/such/route .no operation of Zou's spec"):
            gazu.client.get("no/such/route", client=client)


def test_pages_and_field_selections_are_refused_not_guessed() -> None:
    with fake_zou(set_default=False) as client:
        with pytest.raises(FakeRouteNotImplemented, match="page"):
            gazu.client.fetch_all("projects", paginated=True, client=client)
        with pytest.raises(FakeRouteNotImplemented, match="fields"):
            gazu.client.fetch_all("projects", fields=["name"], client=client)


def test_unknown_ids_get_zous_404_as_the_typed_error() -> None:
    with fake_zou(set_default=False) as client:
        with pytest.raises(errors.RouteNotFoundException) as caught:
            gazu.shot.get_shot(MISSING, client=client)
    assert caught.value.status == 404
    assert caught.value.method == "GET"
    assert caught.value.server_message.startswith("404 Not Found: The requested URL was not found")


def test_bad_input_is_still_refused_by_the_helpers_before_the_fake() -> None:
    with fake_zou(set_default=False) as client:
        sent = len(client.fake.requests)
        with pytest.raises(errors.InvalidParameterValueException):
            gazu.shot.get_shot("../projects", client=client)
        assert len(client.fake.requests) == sent  # refused before anything was sent


def test_log_in_checks_the_fakes_credentials() -> None:
    with fake_zou(set_default=False, log_in=False) as client:
        with pytest.raises(errors.AuthFailedException, match="Wrong email or password"):
            gazu.log_in("admin@example.com", "wrong", client=client)
        answer = gazu.log_in("admin@example.com", "mysecretpassword", client=client)
    assert answer["user"]["full_name"] == "Super Admin"
    assert client.access_token.startswith("fake-access-")


def test_other_credentials_and_a_host_without_api_prefix() -> None:
    fake = FakeZou(root="", email="td@studio.example", password="pw")
    with fake_zou("http://localhost:8080", fake=fake, set_default=False) as client:
        assert gazu.client.get_current_user(client=client)["email"] == "td@studio.example"
        assert fake.requests[0] == ("POST", "/auth/login")


def test_fake_zou_is_the_default_client_inside_the_block_only() -> None:
    original = DEFAULT.current  # the suite's own default client, put back after
    before = KitsuClient("http://before.example/api")
    set_default_client(before)
    try:
        with fake_zou() as client:
            assert get_default_client() is client
            gazu.project.new_project("Default")
            assert [p["name"] for p in gazu.project.all_projects()] == ["Default"]
        assert get_default_client() is before
    finally:
        DEFAULT.set(original)


def test_each_fake_starts_empty_and_keeps_its_own_data() -> None:
    with fake_zou(set_default=False) as first, fake_zou(set_default=False) as second:
        layout(first)
        assert gazu.project.all_projects(client=second) == []
        assert [p["name"] for p in gazu.project.all_projects(client=first)] == ["Agent 327"]
        assert len(first.fake.tables["entity"]) == 3  # E01 (a tv show's first episode), SQ01, SH010


def test_a_small_production_reads_back_through_the_helpers() -> None:
    with fake_zou(set_default=False) as client:
        made = layout(client)
        anim = gazu.task.new_task_type("Animation", for_entity="Shot", client=client)
        task = gazu.task.new_task(made["shot"], anim, client=client)
        wip = gazu.task.new_task_status("WIP", "wip", "#0000ff", client=client)
        gazu.task.add_comment(task, wip, "blocking done", client=client)
        shots = gazu.shot.all_shots_for_sequence(made["sequence"], client=client)
        assert [(s["name"], s["nb_frames"], s["type"]) for s in shots] == [("SH010", 24, "Shot")]
        assert gazu.task.get_task(task["id"], client=client)["task_status"]["name"] == "WIP"
        assert gazu.task.get_last_comment_for_task(task, client=client)["text"] == "blocking done"
        assert ("POST", "/actions/tasks/" + task["id"] + "/comment") in client.fake.requests


def test_every_handler_is_an_operation_of_the_generated_index() -> None:
    from kitsu_api.operations import OPERATIONS

    assert set(FakeZou.SUPPORTED) <= set(OPERATIONS)
    assert len(FakeZou.SUPPORTED) > 70


def test_the_fake_answers_from_several_threads() -> None:
    with fake_zou(set_default=False) as client:
        project = gazu.project.new_project("Threads", client=client)
        sequence = gazu.shot.new_sequence(project, "SQ", client=client)

        def make(index: int) -> None:
            gazu.shot.new_shot(project, sequence, f"SH{index:03d}", client=client)

        threads = [threading.Thread(target=make, args=(i,)) for i in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(gazu.shot.all_shots_for_sequence(sequence, client=client)) == 20


def test_the_async_client_works_on_the_fake_too() -> None:
    fake = FakeZou()

    async def main() -> list[str]:
        async with AsyncKitsuClient("http://kitsu.fake/api", transport=fake) as client:
            await gazu.aio.log_in("admin@example.com", "mysecretpassword", client=client)
            await gazu.aio.create("projects", {"name": "Async"}, client=client)
            return [p["name"] for p in await gazu.aio.fetch_all("projects", client=client)]

    assert asyncio.run(main()) == ["Async"]


def test_the_async_generated_api_of_a_fake_backed_client_stays_on_the_fake() -> None:
    from kitsu_api.api.crud import get_data_projects_instance_id

    with fake_zou() as client:
        project = gazu.project.new_project("Async on the fake", "short", client=client)
        answer = asyncio.run(
            get_data_projects_instance_id.asyncio_detailed(instance_id=project["id"], client=client.async_api)
        )
        assert answer.status_code == 200
        assert json.loads(answer.content)["name"] == "Async on the fake"
        assert ("GET", f"/data/projects/{project['id']}") in client.fake.requests
