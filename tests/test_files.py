"""kitsu_helpers.files against the real local Zou: output types, softwares, file statuses, output and working
files, attachments and avatars (the path, revision, working-file transfer and preview functions are tested
elsewhere)."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

import pytest
from fixtures_files import png_bytes, png_size
from fixtures_production import Production

from kitsu_helpers import files
from kitsu_helpers.client import KitsuClient, upload
from kitsu_helpers.errors import RouteNotFoundException


@pytest.fixture(scope="module")
def production(file_tree_production: Production) -> Production:
    """This module's production: a project with a file tree, shots, an asset and tasks."""
    return file_tree_production


pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def outputs(production: Production) -> dict[str, Any]:
    """Output type, file status, working files (2 revisions), output files (shot and asset instance)."""
    c, p = production.client, production
    token = p.token
    output_type = files.new_output_type(f"OT-{token}", f"ot{token}", client=c)
    p.remember("delete_data_output_types_instance_id", output_type["id"])
    status = files.new_file_status(f"FS-{token}", "#00FF00", client=c)
    p.remember("delete_data_file_status_instance_id", status["id"])
    task, shot = p.tasks["SH020/Animation"], p.shots["SH020"]
    working = [
        c.call(
            "post_data_tasks_task_id_working_files_new",
            json={"name": "main", "comment": f"wf {i}", "task_id": task["id"], "revision": 0, "mode": "working"},
            task_id=task["id"],
        )
        for i in (1, 2)
    ]
    sketch = c.call(
        "post_data_tasks_task_id_working_files_new",
        json={"name": "sketch", "comment": "", "task_id": task["id"], "revision": 0, "mode": "working"},
        task_id=task["id"],
    )

    def new_output(representation: str, **extra: Any) -> dict[str, Any]:
        payload = {
            "output_type_id": output_type["id"],
            "task_type_id": p.task_types["Animation"]["id"],
            "comment": representation,
            "revision": 0,
            "representation": representation,
            "name": "main",
            "nb_elements": 1,
            "sep": "/",
            **extra,
        }
        return c.call("post_data_entities_entity_id_output_files_new", json=payload, entity_id=shot["id"])

    abc1 = new_output("abc", working_file_id=working[1]["id"])
    abc2 = new_output("abc", file_status_id=status["id"])
    jpg = new_output("jpg")
    instance = c.call(
        "post_data_asset_instances", json={"asset_id": p.assets["hero"]["id"], "name": "hero_0001", "number": 1}
    )
    p.remember_before_project("delete_data_asset_instances_instance_id", instance["id"])
    instance_outputs = [
        c.call(
            "post_data_asset_instances_asset_instance_id_entities_temporal_entity_id_output_files_new",
            json={
                "output_type_id": output_type["id"],
                "task_type_id": p.task_types["Animation"]["id"],
                "comment": "instance",
                "revision": 0,
                "representation": "abc",
                "name": "master",
                "nb_elements": 1,
                "sep": "/",
            },
            asset_instance_id=instance["id"],
            temporal_entity_id=shot["id"],
        )
        for _ in (1, 2)
    ]
    for output in instance_outputs:
        p.remember_before_project("delete_data_output_files_instance_id", output["id"])
    return {
        "output_type": output_type,
        "status": status,
        "task": task,
        "shot": shot,
        "working": working,
        "sketch": sketch,
        "abc1": abc1,
        "abc2": abc2,
        "jpg": jpg,
        "instance": instance,
        "instance_outputs": instance_outputs,
    }


def required(entry: dict[str, Any] | None) -> dict[str, Any]:
    assert entry is not None
    return entry


def ids(entries: list[dict[str, Any]]) -> set[str]:
    return {entry["id"] for entry in entries}


# --- output types ---------------------------------------------------------------------------------


def test_output_types(client: KitsuClient, outputs: dict[str, Any]) -> None:
    output_type = outputs["output_type"]
    assert output_type["name"].startswith("OT-")
    assert output_type["short_name"].startswith("ot")
    again = files.new_output_type(output_type["name"], "other", client=client)
    assert again["id"] == output_type["id"]
    assert again["short_name"] == output_type["short_name"]
    assert output_type["id"] in ids(files.all_output_types(client=client))
    assert files.get_output_type(output_type["id"], client=client)["name"] == output_type["name"]
    assert required(files.get_output_type_by_name(output_type["name"], client=client))["id"] == output_type["id"]
    assert files.get_output_type_by_name(output_type["name"] + "-none", client=client) is None


def test_output_types_for_entity_and_asset_instance(client: KitsuClient, outputs: dict[str, Any]) -> None:
    expected = [outputs["output_type"]["id"]]
    assert [t["id"] for t in files.all_output_types_for_entity(outputs["shot"], client=client)] == expected
    assert [t["id"] for t in files.all_output_types_for_entity(outputs["shot"]["id"])] == expected
    found = files.all_output_types_for_asset_instance(outputs["instance"], outputs["shot"], client=client)
    assert [t["id"] for t in found] == expected


# --- output files ---------------------------------------------------------------------------------


def test_get_output_file_and_by_path(client: KitsuClient, outputs: dict[str, Any]) -> None:
    jpg = outputs["jpg"]
    fetched = files.get_output_file(jpg["id"], client=client)
    assert fetched["id"] == jpg["id"]
    assert fetched["representation"] == "jpg"
    assert required(files.get_output_file_by_path(jpg["path"], client=client))["id"] == jpg["id"]
    assert files.get_output_file_by_path("/nowhere/" + jpg["id"], client=client) is None


def test_all_output_files_for_entity_filters(client: KitsuClient, outputs: dict[str, Any]) -> None:
    shot, ot = outputs["shot"], outputs["output_type"]
    every = {outputs["abc1"]["id"], outputs["abc2"]["id"], outputs["jpg"]["id"]}
    assert ids(files.all_output_files_for_entity(shot, client=client)) == every
    abc = files.all_output_files_for_entity(
        shot, output_type=ot, task_type=outputs["task"]["task_type_id"], representation="abc"
    )
    assert ids(abc) == {outputs["abc1"]["id"], outputs["abc2"]["id"]}
    assert ids(files.all_output_files_for_entity(shot["id"], file_status=outputs["status"])) == {outputs["abc2"]["id"]}
    assert files.all_output_files_for_entity(shot, name="other") == []


def test_all_output_files_for_project(client: KitsuClient, production: Production, outputs: dict[str, Any]) -> None:
    found = files.all_output_files_for_project(production.project, representation="jpg", client=client)
    assert ids(found) == {outputs["jpg"]["id"]}
    found = files.all_output_files_for_project(production.project["id"], output_type=outputs["output_type"]["id"])
    assert {outputs["abc1"]["id"], outputs["jpg"]["id"]} <= ids(found)


def test_all_output_files_for_asset_instance(client: KitsuClient, outputs: dict[str, Any]) -> None:
    expected = ids(outputs["instance_outputs"])
    assert ids(files.all_output_files_for_asset_instance(outputs["instance"], client=client)) == expected
    found = files.all_output_files_for_asset_instance(
        outputs["instance"]["id"], outputs["shot"], output_type=outputs["output_type"], name="master"
    )
    assert ids(found) == expected
    assert files.all_output_files_for_asset_instance(outputs["instance"], outputs["shot"], representation="png") == []


def test_last_output_files(client: KitsuClient, outputs: dict[str, Any]) -> None:
    last = files.get_last_output_files_for_entity(outputs["shot"], representation="abc", client=client)
    assert [(f["id"], f["revision"]) for f in last] == [(outputs["abc2"]["id"], 2)]
    last = files.get_last_output_files_for_asset_instance(outputs["instance"], outputs["shot"]["id"], client=client)
    assert [(f["id"], f["revision"]) for f in last] == [(outputs["instance_outputs"][1]["id"], 2)]
    assert files.get_last_output_files_for_asset_instance(outputs["instance"], outputs["shot"], name="other") == []


def test_update_output_file(client: KitsuClient, outputs: dict[str, Any]) -> None:
    updated = files.update_output_file(outputs["jpg"], {"comment": "new comment"}, client=client)
    assert updated["id"] == outputs["jpg"]["id"]
    assert updated["comment"] == "new comment"
    assert files.get_output_file(outputs["jpg"]["id"])["comment"] == "new comment"


# --- working files --------------------------------------------------------------------------------


def test_working_file_queries(client: KitsuClient, outputs: dict[str, Any]) -> None:
    task, working = outputs["task"], outputs["working"]
    every = {working[0]["id"], working[1]["id"], outputs["sketch"]["id"]}
    assert ids(files.get_working_files_for_task(task, client=client)) == every
    assert ids(files.get_all_working_files_for_entity(outputs["shot"], client=client)) == every
    mains = files.get_all_working_files_for_entity(outputs["shot"]["id"], task=task["id"], name="main")
    assert ids(mains) == {working[0]["id"], working[1]["id"]}
    last = files.get_last_working_files(task["id"], client=client)
    assert set(last) == {"main", "sketch"}
    assert last["main"]["id"] == working[1]["id"]
    assert last["main"]["revision"] == 2
    fetched = files.get_working_file(working[0]["id"], client=client)
    assert fetched["comment"] == "wf 1"
    assert fetched["revision"] == 1


def test_update_comment_and_modification_date(client: KitsuClient, outputs: dict[str, Any]) -> None:
    sketch = outputs["sketch"]
    assert files.update_comment(sketch, "reviewed", client=client)["comment"] == "reviewed"
    assert files.get_working_file(sketch["id"])["comment"] == "reviewed"
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    touched = files.update_modification_date(sketch["id"], client=client)
    assert touched["id"] == sketch["id"]
    assert datetime.datetime.fromisoformat(touched["updated_at"]) >= before - datetime.timedelta(seconds=2)


# --- softwares and file statuses ------------------------------------------------------------------


def test_softwares(client: KitsuClient, production: Production) -> None:
    name = f"Soft-{production.token}"
    software = files.new_software(name, "sft", "sft", secondary_extensions=["sfa", "sfb"], client=client)
    production.remember("delete_data_softwares_instance_id", software["id"])
    assert software["name"] == name
    assert software["file_extension"] == "sft"
    assert software["secondary_extensions"] == ["sfa", "sfb"]
    assert files.new_software(name, "x", "x", client=client)["id"] == software["id"]
    assert software["id"] in ids(files.all_softwares(client=client))
    assert files.get_software(software["id"], client=client)["name"] == name
    assert required(files.get_software_by_name(name, client=client))["id"] == software["id"]
    assert files.get_software_by_name(name + "-none") is None
    software["short_name"] = "sf2"
    software["secondary_extensions"] = ["sfc"]
    updated = files.update_software(software, client=client)
    assert updated["short_name"] == "sf2"
    assert updated["secondary_extensions"] == ["sfc"]
    assert files.get_software(software["id"])["short_name"] == "sf2"


def test_file_statuses(client: KitsuClient, outputs: dict[str, Any]) -> None:
    status = outputs["status"]
    assert status["color"] == "#00FF00"
    assert files.new_file_status(status["name"], "#000000", client=client)["id"] == status["id"]
    assert files.get_file_status(status["id"], client=client)["name"] == status["name"]
    assert required(files.get_file_status_by_name(status["name"], client=client))["id"] == status["id"]
    assert files.get_file_status_by_name(status["name"] + "-none") is None


# --- attachments ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def attachments(production: Production) -> dict[str, Any]:
    """A PNG attached to a task comment and one attached to a shot chat message (only those get thumbnails)."""
    c, p = production.client, production
    picture = p.tmp / "attached.png"
    picture.write_bytes(png_bytes(300, 200))
    task = p.tasks["SH010/Animation"]
    comment = c.call(
        "post_actions_tasks_task_id_comment",
        json={"task_status_id": p.statuses["todo"]["id"], "comment": "see attached"},
        task_id=task["id"],
    )
    url = c.url_of(
        "post_actions_tasks_task_id_comments_comment_id_add_attachment", task_id=task["id"], comment_id=comment["id"]
    )
    on_comment = upload(url, str(picture), client=c)[0]
    shot = p.shots["SH010"]
    c.call("post_actions_user_chats_entity_id_join", json={}, entity_id=shot["id"])
    message = upload(
        c.url_of("post_data_entities_entity_id_chat_messages", entity_id=shot["id"]),
        str(picture),
        data={"message": "look"},
        client=c,
    )
    return {
        "picture": picture,
        "task": task,
        "comment": comment,
        "on_comment": on_comment,
        "on_chat": message["attachment_files"][0],
    }


def test_attachment_queries(client: KitsuClient, production: Production, attachments: dict[str, Any]) -> None:
    attachment = attachments["on_comment"]
    for_task = files.get_all_attachment_files_for_task(attachments["task"], client=client)
    assert [(a["id"], a["name"], a["comment_id"]) for a in for_task] == [
        (attachment["id"], "attached.png", attachments["comment"]["id"])
    ]
    for_project = files.get_all_attachment_files_for_project(production.project["id"], client=client)
    assert attachment["id"] in ids(for_project)
    fetched = files.get_attachment_file(attachment["id"], client=client)
    assert fetched["name"] == "attached.png"
    assert fetched["size"] == attachments["picture"].stat().st_size


def test_download_attachment_file(client: KitsuClient, attachments: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "sub" / "copy.png"
    progress: list[tuple[int, int]] = []
    response = files.download_attachment_file(
        attachments["on_comment"],
        str(target),
        client=client,
        progress_callback=lambda done, total: progress.append((done, total)),
    )
    assert response.status_code == 200
    assert target.read_bytes() == attachments["picture"].read_bytes()
    assert progress[-1][0] == attachments["picture"].stat().st_size
    with pytest.raises(RouteNotFoundException):
        files.download_attachment_file("00000000-0000-0000-0000-000000000000", str(tmp_path / "none.png"))
    assert not (tmp_path / "none.png").exists()


def test_attachment_thumbnail(client: KitsuClient, attachments: dict[str, Any], tmp_path: Path) -> None:
    attachment = attachments["on_chat"]
    url = files.get_attachment_thumbnail_url(attachment, client=client)
    assert url == f"pictures/thumbnails/attachment-files/{attachment['id']}.png"
    assert files.get_attachment_thumbnail_url(attachment["id"]) == url
    target = tmp_path / "thumb.png"
    assert files.download_attachment_thumbnail(attachment["id"], str(target), client=client).status_code == 200
    width, height = png_size(target.read_bytes())
    assert max(width, height) <= 150
    assert (width, height) != (300, 200)
    assert target.read_bytes() == client.request("GET", url).content


# --- avatars --------------------------------------------------------------------------------------


def check_avatar(client: KitsuClient, answer: dict[str, str], kind: str, model_id: str, target: Path) -> None:
    """The upload answered the avatar's path and the download wrote exactly what the server serves there."""
    assert answer == {"thumbnail_path": f"pictures/thumbnails/{kind}/{model_id}.png"}
    served = client.request("GET", answer["thumbnail_path"]).content
    data = target.read_bytes()
    assert data == served
    assert png_size(data)[0] > 0


def test_person_avatar(client: KitsuClient, production: Production, tmp_path: Path) -> None:
    person = client.call(
        "post_data_persons",
        json={"first_name": "Avatar", "last_name": production.token, "email": f"avatar-{production.token}@example.com"},
    )
    production.remember("delete_data_persons_instance_id", person["id"])
    picture = tmp_path / "me.png"
    picture.write_bytes(png_bytes(64, 64))
    with pytest.raises(RouteNotFoundException):
        files.download_person_avatar(person, str(tmp_path / "before.png"), client=client)
    sent: list[tuple[int, int]] = []
    answer = files.upload_person_avatar(
        person, str(picture), client=client, progress_callback=lambda d, t: sent.append((d, t))
    )
    assert sent
    assert sent[-1] == (picture.stat().st_size, picture.stat().st_size)
    target = tmp_path / "person.png"
    assert files.download_person_avatar(person["id"], str(target), client=client).status_code == 200
    check_avatar(client, answer, "persons", person["id"], target)
    assert client.call("get_data_persons_instance_id", instance_id=person["id"])["has_avatar"] is True


def test_project_avatar(client: KitsuClient, new_project: Any, tmp_path: Path) -> None:
    project = new_project()
    picture = tmp_path / "project.png"
    picture.write_bytes(png_bytes(120, 80))
    answer = files.upload_project_avatar(project["id"], str(picture), client=client)
    target = tmp_path / "out" / "project.png"
    assert files.download_project_avatar(project, str(target), client=client).status_code == 200
    check_avatar(client, answer, "projects", project["id"], target)
    assert client.call("get_data_projects_instance_id", instance_id=project["id"])["has_avatar"] is True


def test_organisation_avatar(client: KitsuClient, tmp_path: Path) -> None:
    """Zou has one organisation: its avatar and has_avatar flag are put back as they were."""
    organisation = client.call("get_data_organisations")[0]
    previous = tmp_path / "previous.png"
    if organisation["has_avatar"]:
        files.download_organisation_avatar(organisation, str(previous), client=client)
    picture = tmp_path / "studio.png"
    picture.write_bytes(png_bytes(90, 90))
    try:
        answer = files.upload_organisation_avatar(organisation, str(picture), client=client)
        target = tmp_path / "studio-back.png"
        assert files.download_organisation_avatar(organisation["id"], str(target), client=client).status_code == 200
        check_avatar(client, answer, "organisations", organisation["id"], target)
    finally:
        if organisation["has_avatar"]:
            files.upload_organisation_avatar(organisation, str(previous), client=client)
        else:
            client.call(
                "put_data_organisations_instance_id", json={"has_avatar": False}, instance_id=organisation["id"]
            )


# --- pure pieces and argument checks --------------------------------------------------------------


def test_output_file_filters_keep_only_given_filters() -> None:
    assert files.output_file_filters() == {}
    ot, tt, fs, shot = (str(uuid.uuid4()) for _ in range(4))
    params = files.output_file_filters({"id": ot}, tt, "main", "abc", {"id": fs}, shot)
    assert params == {
        "temporal_entity_id": shot,
        "output_type_id": ot,
        "task_type_id": tt,
        "representation": "abc",
        "name": "main",
        "file_status_id": fs,
    }


def test_bad_arguments_fail_before_any_request(client: KitsuClient) -> None:
    writes = client.generation
    with pytest.raises(TypeError):
        files.get_working_files_for_task(None, client=client)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        files.update_comment({"name": "no id"}, "x", client=client)
    with pytest.raises(TypeError):
        files.all_output_files_for_entity("shot", output_type=3, client=client)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        files.update_software("some-id", client=client)  # type: ignore[arg-type]
    assert client.generation == writes
