"""kitsu_helpers.task against the real local Zou, on a small but realistic production (tests/fixtures_task.py)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_production import Production

from kitsu_helpers import task as gazu_task
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import GazuException, ParameterException, TaskMustBeADictException


@pytest.fixture
def production(entity_kinds_production: Production) -> Production:
    """This module's production: a fresh one with every entity kind, per test."""
    return entity_kinds_production


Json = dict[str, Any]


def ids(entries: list[Json]) -> set[str]:
    return {entry["id"] for entry in entries}


def names(entries: list[Json]) -> list[str]:
    return [entry["name"] for entry in entries]


def is_sorted_by_name(entries: list[Json]) -> bool:
    keys = [(entry.get("name") or "").lower() for entry in entries]
    return keys == sorted(keys)


def make_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Small real files to attach: a text note, a JSON sheet and a tiny PNG."""
    note = tmp_path / "notes.txt"
    note.write_text("Arm pose is off on frame 12.\n")
    sheet = tmp_path / "sheet.json"
    sheet.write_text('{"frames": [12, 24]}\n')
    png = tmp_path / "pixel.png"
    png.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db4"
            "0000000049454e44ae426082"
        )
    )
    return note, sheet, png


# --- task statuses and task types ----------------------------------------------------------------


def test_task_statuses(client: KitsuClient, production: Production, unique: Callable[[str], str]) -> None:
    statuses = gazu_task.all_task_statuses()
    assert is_sorted_by_name(statuses)
    assert {"Todo", "Work In Progress", "Done"} <= set(names(statuses))

    with pytest.raises(ValueError, match="start with '#'"):
        gazu_task.new_task_status("Bad", "bad", "red")
    with pytest.raises(ValueError, match="hexadecimal"):
        gazu_task.new_task_status("Bad", "bad", "#zz00zz")

    name = unique("Status")
    short = "s" + name[-8:]
    status = gazu_task.new_task_status(name, short, "#12ab34")
    try:
        assert (status["name"], status["short_name"], status["color"]) == (name, short, "#12ab34")
        assert gazu_task.get_task_status(status["id"])["name"] == name
        assert gazu_task.get_task_status(status["id"])["short_name"] == short
        assert gazu_task.get_task_status_by_name(name)["id"] == status["id"]
        assert gazu_task.get_task_status_by_short_name(short)["id"] == status["id"]
        assert gazu_task.get_task_status_by_name(unique("nothing")) is None

        updated = gazu_task.update_task_status({"id": status["id"], "color": "#000000", "priority": 7})
        assert (updated["color"], updated["priority"]) == ("#000000", 7)
        assert gazu_task.get_task_status(status["id"])["color"] == "#000000"
    finally:
        answer = gazu_task.remove_task_status(status)
    assert isinstance(answer, str)
    assert gazu_task.get_task_status_by_name(name) is None

    default = gazu_task.get_default_task_status()
    assert default is not None
    assert default["is_default"] is True

    project_statuses = gazu_task.all_task_statuses_for_project(production.project)
    assert is_sorted_by_name(project_statuses)
    assert {"Todo", "Work In Progress", "Waiting For Approval", "Done", "Retake"} <= set(names(project_statuses))
    assert name not in names(project_statuses)


def test_task_types(client: KitsuClient, production: Production, unique: Callable[[str], str]) -> None:
    task_types = gazu_task.all_task_types()
    assert is_sorted_by_name(task_types)
    assert {"Animation", "Modeling", production.task_types["sequence"]["name"]} <= set(names(task_types))

    name = unique("Grooming")
    department = client.call("post_data_departments", json={"name": unique("Dept"), "color": "#aa5500"})
    created = gazu_task.new_task_type(name, "#ff0000", "Shot")
    try:
        assert (created["name"], created["color"], created["for_entity"]) == (name, "#ff0000", "Shot")
        assert gazu_task.new_task_type(name, "#00ff00", "Shot")["id"] == created["id"]  # kept, not duplicated
        assert gazu_task.get_task_type(created["id"])["name"] == name
        assert gazu_task.get_task_type_by_name(name)["id"] == created["id"]
        assert gazu_task.get_task_type_by_name(name, "Shot")["id"] == created["id"]
        assert gazu_task.get_task_type_by_name(name, "Asset") is None

        short = "g" + name[-6:]
        updated = gazu_task.update_task_type(
            {"id": created["id"], "short_name": short, "department_id": department["id"]}
        )
        assert (updated["short_name"], updated["department_id"]) == (short, department["id"])
        assert gazu_task.get_task_type_by_short_name(short)["id"] == created["id"]
        assert gazu_task.get_task_type_by_short_name(short, "Shot", department)["id"] == created["id"]
        assert gazu_task.get_task_type_by_short_name(short, "Asset") is None
        assert gazu_task.get_task_type_by_name(name, department=department["id"])["id"] == created["id"]
        assert (
            gazu_task.get_task_type_by_name(
                name, department=production.task_types["modeling"].get("department_id") or created
            )
            is None
        )
    finally:
        gazu_task.remove_task_type(created)
        client.call("delete_data_departments_instance_id", params={"force": True}, instance_id=department["id"])
    assert gazu_task.get_task_type_by_name(name) is None

    # a task type attached to a project is only removed with force=True (which detaches it)
    attached = gazu_task.new_task_type(unique("Cleanup"), for_entity="Shot")
    client.call(
        "post_data_projects_project_id_settings_task_types",
        json={"task_type_id": attached["id"]},
        project_id=production.project["id"],
    )
    try:
        with pytest.raises(ParameterException):
            gazu_task.remove_task_type(attached)
        assert gazu_task.get_task_type(attached["id"])["id"] == attached["id"]
    finally:
        gazu_task.remove_task_type(attached, force=True)
    assert gazu_task.get_task_type_by_name(attached["name"]) is None

    project_types = gazu_task.all_task_types_for_project(production.project)
    assert is_sorted_by_name(project_types)
    assert set(names(project_types)) == {
        "Animation",
        "Layout",
        "Modeling",
        "Rigging",
        "Edit",
        "Concept",
        production.task_types["sequence"]["name"],
        production.task_types["episode"]["name"],
        production.task_types["scene"]["name"],
    }


# --- tasks ---------------------------------------------------------------------------------------


def test_create_and_list_tasks(client: KitsuClient, production: Production) -> None:
    prod = production
    shot1_tasks = gazu_task.create_shot_tasks(
        prod.shots["SH010"], [prod.task_types["animation"], prod.task_types["layout"]["id"]]
    )
    assert {t["task_type_id"] for t in shot1_tasks} == {
        prod.task_types["animation"]["id"],
        prod.task_types["layout"]["id"],
    }
    assert {t["entity_id"] for t in shot1_tasks} == {prod.shots["SH010"]["id"]}
    shot2_tasks = gazu_task.create_shot_tasks(prod.shots["SH020"]["id"], [prod.task_types["animation"]])
    asset_tasks = gazu_task.create_asset_tasks(
        prod.assets["Hero"], [prod.task_types["modeling"], prod.task_types["rigging"]]
    )
    edit_tasks = gazu_task.create_edit_tasks(prod.edits["Trailer"], [prod.task_types["edit"]])
    concept_tasks = gazu_task.create_concept_tasks(prod.concepts["Hero sketch"], [prod.task_types["concept"]])
    sequence_tasks = gazu_task.create_entity_tasks(prod.sequences["SQ01"], [prod.task_types["sequence"]])
    episode_tasks = gazu_task.create_entity_tasks(prod.episodes["E01"], [prod.task_types["episode"]])
    scene_tasks = gazu_task.create_entity_tasks(prod.scenes["SC01"], [prod.task_types["scene"]])
    for created in (shot2_tasks, asset_tasks, edit_tasks, sequence_tasks, episode_tasks, scene_tasks):
        assert created
        assert all(t["task_status_id"] == prod.statuses["todo"]["id"] for t in created)
    concept_status = gazu_task.get_task_status(concept_tasks[0]["task_status_id"])
    assert concept_status["for_concept"] is True  # concepts start with the concept default status
    # creating again keeps the existing tasks
    assert ids(gazu_task.create_shot_tasks(prod.shots["SH010"], [prod.task_types["animation"]])) <= ids(shot1_tasks)
    assert len(gazu_task.all_tasks_for_shot(prod.shots["SH010"])) == 2

    assert ids(gazu_task.all_tasks_for_shot(prod.shots["SH010"])) == ids(shot1_tasks)
    with_relations = gazu_task.all_tasks_for_shot(prod.shots["SH010"], relations=True)
    assert ids(with_relations) == ids(shot1_tasks)
    assert {t["task_type_name"] for t in with_relations} == {"Animation", "Layout"}
    assert ids(gazu_task.all_tasks_for_asset(prod.assets["Hero"])) == ids(asset_tasks)
    assert ids(gazu_task.all_tasks_for_edit(prod.edits["Trailer"])) == ids(edit_tasks)
    assert ids(gazu_task.all_tasks_for_concept(prod.concepts["Hero sketch"])) == ids(concept_tasks)
    assert ids(gazu_task.all_tasks_for_sequence(prod.sequences["SQ01"])) == ids(sequence_tasks)
    assert ids(gazu_task.all_tasks_for_episode(prod.episodes["E01"])) == ids(episode_tasks)
    assert ids(gazu_task.all_tasks_for_scene(prod.scenes["SC01"])) == ids(scene_tasks)
    all_shot_ids = ids(shot1_tasks) | ids(shot2_tasks)
    # Zou lists the tasks of every entity whose parent is the sequence: its shots and its scenes
    in_sequence = all_shot_ids | ids(scene_tasks)
    assert ids(gazu_task.all_shot_tasks_for_sequence(prod.sequences["SQ01"])) == in_sequence
    assert ids(gazu_task.all_shot_tasks_for_episode(prod.episodes["E01"], relations=True)) == in_sequence
    assert ids(gazu_task.all_assets_tasks_for_episode(prod.episodes["E01"])) == ids(asset_tasks)

    assert names(gazu_task.all_task_types_for_shot(prod.shots["SH010"])) == ["Animation", "Layout"]
    assert names(gazu_task.all_task_types_for_asset(prod.assets["Hero"])) == ["Modeling", "Rigging"]
    assert names(gazu_task.all_task_types_for_concept(prod.concepts["Hero sketch"])) == ["Concept"]
    assert names(gazu_task.all_task_types_for_scene(prod.scenes["SC01"])) == [prod.task_types["scene"]["name"]]
    assert prod.task_types["animation"]["id"] in ids(gazu_task.all_task_types_for_sequence(prod.sequences["SQ01"]))
    assert prod.task_types["animation"]["id"] in ids(gazu_task.all_task_types_for_episode(prod.episodes["E01"]))

    animation_tasks = ids(shot1_tasks) | ids(shot2_tasks)
    animation_tasks = {
        t["id"] for t in shot1_tasks + shot2_tasks if t["task_type_id"] == prod.task_types["animation"]["id"]
    }
    found = gazu_task.all_tasks_for_entity_and_task_type(prod.shots["SH010"], prod.task_types["animation"])
    assert len(found) == 1
    assert found[0]["id"] in animation_tasks
    assert ids(gazu_task.all_tasks_for_task_type(prod.project, prod.task_types["animation"])) == animation_tasks
    assert (
        ids(gazu_task.all_tasks_for_task_type(prod.project, prod.task_types["animation"], prod.episodes["E01"]))
        == animation_tasks
    )
    assert (
        ids(gazu_task.all_tasks_for_task_status(prod.project, prod.task_types["animation"], prod.statuses["todo"]))
        == animation_tasks
    )
    assert gazu_task.all_tasks_for_task_status(prod.project, prod.task_types["animation"], prod.statuses["wip"]) == []

    everything = [shot1_tasks, shot2_tasks, asset_tasks, edit_tasks, concept_tasks, sequence_tasks]
    everything += [episode_tasks, scene_tasks]
    all_ids = set().union(*(ids(group) for group in everything))
    assert ids(gazu_task.all_tasks_for_project(prod.project)) == all_ids
    assert (
        ids(gazu_task.all_tasks_for_project(prod.project["id"], task_type=prod.task_types["animation"]))
        == animation_tasks
    )

    layout_task = gazu_task.get_task_by_entity(prod.shots["SH010"], prod.task_types["layout"])
    assert layout_task is not None
    assert layout_task["task_type_id"] == prod.task_types["layout"]["id"]
    assert gazu_task.get_task_by_entity(prod.shots["SH010"], prod.task_types["layout"], name="other") is None

    full = gazu_task.get_task(layout_task["id"])
    assert full["entity"]["name"] == "SH010"
    assert full["task_type"]["name"] == "Layout"
    assert full["task_status"]["short_name"] == "todo"
    assert full["project"]["id"] == prod.project["id"]
    assert gazu_task.get_task(layout_task)["id"] == layout_task["id"]

    url = gazu_task.get_task_url(layout_task)
    web = client.host.removesuffix("/api")  # the web UI sits beside the API: behind nginx the host ends with /api
    assert url == f"{web}/productions/{prod.project['id']}/shots/tasks/{layout_task['id']}/"
    with pytest.raises(TaskMustBeADictException):
        gazu_task.get_task_url(layout_task["id"])


def test_new_task(production: Production) -> None:
    prod = production
    task = gazu_task.new_task(
        prod.shots["SH020"],
        prod.task_types["layout"],
        assigner=prod.persons["supervisor"],
        assignees=[prod.persons["artist1"], prod.persons["artist2"]["id"]],
    )
    assert task["name"] == "main"
    assert task["task_status_id"] == gazu_task.get_default_task_status()["id"]
    assert set(task["assignees"]) == {prod.persons["artist1"]["id"], prod.persons["artist2"]["id"]}
    assert task["assigner_id"] == prod.persons["supervisor"]["id"]
    assert (
        gazu_task.new_task(prod.shots["SH020"], prod.task_types["layout"])["id"] == task["id"]
    )  # existing task returned

    # an entity given by id: the project is looked up; a given status is used
    extra = gazu_task.new_task(
        prod.shots["SH020"]["id"], prod.task_types["layout"]["id"], name="cleanup", task_status=prod.statuses["wip"]
    )
    assert (extra["name"], extra["project_id"], extra["task_status_id"]) == (
        "cleanup",
        prod.project["id"],
        prod.statuses["wip"]["id"],
    )
    assert extra["assignees"] == []
    assert names(gazu_task.all_tasks_for_shot(prod.shots["SH020"])) == ["cleanup", "main"]

    with pytest.raises(TypeError):
        gazu_task.new_task(None, prod.task_types["layout"])  # type: ignore[arg-type]


def test_schedule_fields_survive_update(production: Production) -> None:
    task = gazu_task.new_task(
        production.shots["SH010"], production.task_types["animation"], assignees=[production.persons["artist1"]]
    )
    updated = gazu_task.update_task(
        {
            "id": task["id"],
            "start_date": datetime.date(2026, 3, 2),
            "due_date": "2026-03-20",
            "estimation": 5,
            "difficulty": 4,
            "assignees": [production.persons["artist1"], production.persons["artist2"]["id"]],
        }
    )
    assert updated["start_date"].startswith("2026-03-02")
    assert updated["due_date"].startswith("2026-03-20")
    assert updated["estimation"] == 5
    full = gazu_task.get_task(task)
    assert (full["start_date"], full["due_date"]) == ("2026-03-02T00:00:00", "2026-03-20T00:00:00")
    assert (full["estimation"], full["difficulty"]) == (5, 4)
    assert set(full["assignees"]) == {production.persons["artist1"]["id"], production.persons["artist2"]["id"]}

    # an update of other fields keeps the schedule
    gazu_task.update_task(
        {
            "id": task["id"],
            "priority": 2,
            "due_date": datetime.datetime(2026, 3, 27, 18, 30),
            "end_date": datetime.datetime(2026, 3, 30, 18, 0),
        }
    )
    again = gazu_task.get_task(task["id"])
    assert (again["start_date"], again["due_date"], again["estimation"], again["priority"]) == (
        "2026-03-02T00:00:00",
        "2026-03-27T00:00:00",
        5,
        2,
    )
    assert again["end_date"] == "2026-03-30T18:00:00"

    gazu_task.update_task_data(task, {"frame_range": [1001, 1048]})
    merged = gazu_task.update_task_data(task["id"], {"camera": "cam_A"})
    assert merged["data"] == {"frame_range": [1001, 1048], "camera": "cam_A"}
    assert gazu_task.get_task(task)["data"] == {"frame_range": [1001, 1048], "camera": "cam_A"}

    dates = {entry["person_id"]: entry for entry in gazu_task.get_persons_tasks_dates()}
    assert dates[production.persons["artist1"]["id"]]["min_date"] == "2026-03-02T00:00:00"
    assert dates[production.persons["artist1"]["id"]]["max_date"] == "2026-03-27T00:00:00"


def test_assignments(production: Production) -> None:
    prod = production
    task = gazu_task.new_task(prod.shots["SH010"], prod.task_types["animation"])
    other = gazu_task.new_task(prod.shots["SH020"], prod.task_types["animation"])
    first = gazu_task.assign_task(task, prod.persons["artist1"])
    assert [t["id"] for t in first] == [task["id"]]
    assert first[0]["assignees"] == [prod.persons["artist1"]["id"]]
    second = gazu_task.assign_task(task["id"], prod.persons["artist2"]["id"])
    assert set(second[0]["assignees"]) == {prod.persons["artist1"]["id"], prod.persons["artist2"]["id"]}  # accumulates

    both = gazu_task.assign_tasks_to_person([task, other["id"]], prod.persons["supervisor"])
    assert {t["id"] for t in both} == {task["id"], other["id"]}
    assert set(gazu_task.get_task(task)["assignees"]) == {
        p["id"] for p in (prod.persons["artist1"], prod.persons["artist2"], prod.persons["supervisor"])
    }

    assert ids(gazu_task.all_tasks_for_person(prod.persons["artist1"])) == {task["id"]}
    assert ids(gazu_task.all_tasks_for_person(prod.persons["supervisor"]["id"])) == {task["id"], other["id"]}
    related = gazu_task.all_tasks_for_person_and_type(prod.persons["artist1"], prod.task_types["animation"])
    assert task["id"] in ids(related)
    assert all(t["task_type_id"] == prod.task_types["animation"]["id"] for t in related)

    assert gazu_task.clear_assignations(task, prod.persons["artist2"]) == [task["id"]]
    assert set(gazu_task.get_task(task)["assignees"]) == {
        prod.persons["artist1"]["id"],
        prod.persons["supervisor"]["id"],
    }
    assert set(gazu_task.clear_assignations([task, other["id"]])) == {task["id"], other["id"]}
    assert gazu_task.get_task(task)["assignees"] == []
    assert gazu_task.get_task(other)["assignees"] == []
    assert gazu_task.clear_assignations([]) == []
    assert gazu_task.all_tasks_for_person(prod.persons["artist1"]) == []

    # a task set to done moves to the person's done tasks
    gazu_task.assign_task(other, prod.persons["artist2"])
    gazu_task.add_comment(other, prod.statuses["done"], "final approved", person=prod.persons["supervisor"])
    assert ids(gazu_task.all_done_tasks_for_person(prod.persons["artist2"])) == {other["id"]}
    assert other["id"] not in ids(gazu_task.all_tasks_for_person(prod.persons["artist2"]))


def test_open_tasks(production: Production) -> None:
    task = gazu_task.new_task(
        production.shots["SH010"], production.task_types["animation"], assignees=[production.persons["artist1"]]
    )
    gazu_task.update_task({"id": task["id"], "estimation": 3})
    modeling = gazu_task.new_task(production.assets["Hero"], production.task_types["modeling"])
    done = gazu_task.new_task(production.assets["Hero"], production.task_types["rigging"])
    gazu_task.add_comment(done, production.statuses["done"], "rig ok")

    stats = gazu_task.get_open_tasks_stats()
    ours = stats[production.project["id"]]
    assert (ours["amount"], ours["amount_done"], ours["total_estimation"]) == (3, 1, 3.0)
    assert {entry["task_type_id"] for entry in ours["task_types"]} == {
        production.task_types["animation"]["id"],
        production.task_types["modeling"]["id"],
        production.task_types["rigging"]["id"],
    }

    open_tasks = gazu_task.all_open_tasks()
    assert {"data", "stats", "limit", "is_more", "page"} <= set(open_tasks)
    assert open_tasks["stats"]["total"] >= 2
    assert open_tasks["page"] == 1
    # the tasks of open projects, whatever their status
    if not open_tasks["is_more"]:  # the first page holds every open task of the server
        ours_open = [t for t in open_tasks["data"] if t["project_id"] == production.project["id"]]
        assert {(t["id"], t["status_short_name"]) for t in ours_open} == {
            (task["id"], "todo"),
            (modeling["id"], "todo"),
            (done["id"], "done"),
        }


# --- comments ------------------------------------------------------------------------------------


def test_comment_with_attachments_and_checklist(production: Production, tmp_path: Path) -> None:
    prod = production
    note, sheet, png = make_files(tmp_path)
    task = gazu_task.new_task(prod.shots["SH010"], prod.task_types["animation"], assignees=[prod.persons["artist1"]])
    progress: list[tuple[int, int]] = []
    checklist = [{"text": "fix the arm", "checked": False}, {"text": "smooth the tail", "checked": True}]
    comment = gazu_task.add_comment(
        task,
        prod.statuses["retake"],
        "Please rework the arm @Art",
        person=prod.persons["supervisor"],
        checklist=checklist,
        attachments=[str(note), sheet],  # type: ignore[list-item]
        created_at=datetime.datetime(2026, 3, 4, 9, 30, 15),
        links=["https://example.com/ref"],
        progress_callback=lambda sent, total: progress.append((sent, total)),
    )
    assert comment["text"] == "Please rework the arm @Art"
    assert comment["task_status_id"] == prod.statuses["retake"]["id"]
    assert comment["person_id"] == prod.persons["supervisor"]["id"]
    assert comment["checklist"] == checklist
    assert comment["links"] == ["https://example.com/ref"]
    assert comment["for_client"] is False
    assert comment["created_at"] == "2026-03-04T09:30:15"
    assert sorted((a["name"], a["size"]) for a in comment["attachment_files"]) == sorted(
        [("notes.txt", note.stat().st_size), ("sheet.json", sheet.stat().st_size)]
    )
    assert progress
    assert progress[-1][0] == progress[-1][1] == note.stat().st_size + sheet.stat().st_size
    assert gazu_task.get_task(task)["task_status_id"] == prod.statuses["retake"]["id"]

    fetched = gazu_task.get_comment(comment["id"])
    assert fetched["text"] == comment["text"]
    assert len(fetched["attachment_files"]) == 2

    # a comment with only a checklist, dated with a date and sent as JSON
    plain = gazu_task.add_comment(
        task["id"],
        prod.statuses["wip"]["id"],
        "started",
        person=prod.persons["artist1"]["id"],
        created_at="2026-03-05",
        for_client=True,
    )
    assert (plain["created_at"], plain["for_client"], plain["attachment_files"]) == ("2026-03-05T00:00:00", True, [])
    assert [c["id"] for c in gazu_task.all_comments_for_task(task)] == [plain["id"], comment["id"]]
    assert gazu_task.get_last_comment_for_task(task)["id"] == plain["id"]
    assert (
        gazu_task.get_last_comment_for_task(gazu_task.new_task(prod.shots["SH020"], prod.task_types["layout"])) is None
    )

    # checklist ticked through update_comment
    ticked = [{**item, "checked": True} for item in checklist]
    updated = gazu_task.update_comment({"id": comment["id"], "checklist": ticked, "text": "Arm reworked?"})
    assert updated["checklist"] == ticked
    assert updated["text"] == "Arm reworked?"
    assert gazu_task.get_comment(comment["id"])["checklist"] == ticked

    # more attachments, then one removed
    added = gazu_task.add_attachment_files_to_comment(task, comment, [str(png), str(note)])
    assert sorted(a["name"] for a in added) == ["notes.txt", "pixel.png"]
    single = gazu_task.add_attachment_files_to_comment(task, comment["id"], str(sheet))
    assert [a["name"] for a in single] == ["sheet.json"]
    assert len(gazu_task.get_comment(comment["id"])["attachment_files"]) == 5
    with pytest.raises(ValueError, match="empty"):
        gazu_task.add_attachment_files_to_comment(task, comment, [])
    png_file = next(a for a in added if a["name"] == "pixel.png")
    gazu_task.delete_comment_attachment(task, comment, png_file)
    remaining = gazu_task.get_comment(comment["id"])["attachment_files"]
    assert len(remaining) == 4
    assert png_file["id"] not in remaining

    missing = tmp_path / "missing.txt"
    with pytest.raises(GazuException):
        gazu_task.add_comment(task, prod.statuses["wip"], "x", attachments=[str(missing)])


def test_replies_acknowledgements_and_moves(client: KitsuClient, production: Production) -> None:
    prod = production
    task = gazu_task.new_task(prod.shots["SH010"], prod.task_types["animation"], assignees=[prod.persons["artist1"]])
    layout = gazu_task.new_task(prod.shots["SH010"], prod.task_types["layout"])
    comment = gazu_task.add_comment(task, prod.statuses["wfa"], "ready for review", person=prod.persons["artist1"])

    me = client.call("get_auth_authenticated")["user"]["id"]
    reply = gazu_task.reply_to_comment(task, comment, "looks good", person=prod.persons["supervisor"])
    assert reply["text"] == "looks good"
    assert reply["person_id"] == me  # Zou 1.0.97 ignores person_id: a reply is always the caller's
    second = gazu_task.reply_to_comment(task["id"], comment["id"], "agreed")
    replies = gazu_task.get_comment(comment["id"])["replies"]
    assert [r["text"] for r in replies] == ["looks good", "agreed"]
    gazu_task.delete_comment_reply(task, comment, reply)
    assert [r["id"] for r in gazu_task.get_comment(comment["id"])["replies"]] == [second["id"]]

    acknowledged = gazu_task.acknowledge_comment(task, comment)
    assert me in acknowledged["acknowledgements"]
    assert me not in gazu_task.acknowledge_comment(task, comment["id"])["acknowledgements"]  # toggles

    moved = gazu_task.move_comment_to_task(task, comment, layout)
    assert moved["object_id"] == layout["id"]
    assert [c["id"] for c in gazu_task.all_comments_for_task(layout)] == [comment["id"]]
    assert gazu_task.all_comments_for_task(task) == []

    project_comments = gazu_task.all_comments_for_project(prod.project)
    assert [c["id"] for c in project_comments] == [comment["id"]]

    answer = gazu_task.remove_comment(comment)
    assert isinstance(answer, str)
    assert gazu_task.all_comments_for_task(layout) == []


def test_batch_comments(production: Production, tmp_path: Path) -> None:
    prod = production
    note, sheet, _ = make_files(tmp_path)
    task = gazu_task.new_task(prod.shots["SH010"], prod.task_types["animation"])
    other = gazu_task.new_task(prod.shots["SH020"], prod.task_types["animation"])

    on_task = gazu_task.batch_comments(
        [
            {
                "text": "blocking",
                "task_status_id": prod.statuses["wip"]["id"],
                "attachment_files": [str(note), str(sheet)],
            },
            {
                "text": "spline",
                "task_status_id": prod.statuses["wfa"]["id"],
                "checklist": [{"text": "arcs", "checked": False}],
            },
        ],
        task=task,
    )
    assert [c["text"] for c in on_task] == ["blocking", "spline"]
    assert sorted(a["name"] for a in on_task[0]["attachment_files"]) == ["notes.txt", "sheet.json"]
    assert on_task[1]["attachment_files"] == []
    assert on_task[1]["checklist"] == [{"text": "arcs", "checked": False}]
    assert gazu_task.get_task(task)["task_status_id"] == prod.statuses["wfa"]["id"]

    across = gazu_task.batch_comments(
        [
            {"text": "ok 1", "task_status_id": prod.statuses["done"]["id"], "task_id": task["id"]},
            {
                "text": "ok 2",
                "task_status_id": prod.statuses["done"]["id"],
                "task_id": other["id"],
                "attachment_files": [str(note)],
            },
        ]
    )
    assert [(c["object_id"], c["text"]) for c in across] == [(task["id"], "ok 1"), (other["id"], "ok 2")]
    assert [a["name"] for a in across[1]["attachment_files"]] == ["notes.txt"]
    assert gazu_task.batch_comments([], task=task) == []

    # twelve comments, files on the 11th and 12th only: each file lands on its own comment
    twelve = [{"text": f"pass {i}", "task_status_id": prod.statuses["wip"]["id"]} for i in range(12)]
    twelve[10]["attachment_files"] = [str(note)]
    twelve[11]["attachment_files"] = [str(sheet)]
    posted = gazu_task.batch_comments(twelve, task=other)
    assert [c["text"] for c in posted] == [f"pass {i}" for i in range(12)]
    assert [[a["name"] for a in c["attachment_files"]] for c in posted] == [[]] * 10 + [["notes.txt"], ["sheet.json"]]

    same = gazu_task.add_tasks_batch_comments(
        [task, other["id"]], {"text": "retake all", "task_status_id": prod.statuses["retake"]["id"]}
    )
    assert [(c["object_id"], c["text"]) for c in same] == [(task["id"], "retake all"), (other["id"], "retake all")]
    assert gazu_task.get_task(other)["task_status_id"] == prod.statuses["retake"]["id"]

    many = gazu_task.create_multiple_comments(
        prod.project,
        [
            {"task_id": task["id"], "task_status_id": prod.statuses["wip"]["id"], "comment": "back to work"},
            {
                "task_id": other,
                "task_status_id": prod.statuses["wip"],
                "text": "me too",
                "links": ["https://example.com"],
            },
        ],
    )
    assert [(c["object_id"], c["text"]) for c in many] == [(task["id"], "back to work"), (other["id"], "me too")]
    assert many[1]["links"] == ["https://example.com"]
    assert len(gazu_task.all_comments_for_task(task)) == 5
    assert len(gazu_task.all_comments_for_task(other)) == 15
    with_files = gazu_task.create_multiple_comments(
        prod.project,
        [
            {
                "task_id": task["id"],
                "task_status_id": prod.statuses["wfa"]["id"],
                "text": "see notes",
                "attachment_files": [note],
            },
            {"task_id": other["id"], "task_status_id": prod.statuses["wfa"]["id"], "comment": "no file"},
        ],
    )
    assert [(c["object_id"], c["text"]) for c in with_files] == [(task["id"], "see notes"), (other["id"], "no file")]
    assert [[a["name"] for a in c["attachment_files"]] for c in with_files] == [["notes.txt"], []]
    with pytest.raises(ValueError, match="task_id"):
        gazu_task.create_multiple_comments(
            prod.project, [{"task_status_id": prod.statuses["wip"]["id"], "text": "where?"}]
        )


def test_start_task_and_to_review(production: Production) -> None:
    task = gazu_task.new_task(
        production.shots["SH010"], production.task_types["animation"], assignees=[production.persons["artist1"]]
    )
    assert gazu_task.get_task(task)["real_start_date"] is None
    started = gazu_task.start_task(task, person=production.persons["artist1"])
    assert (started["task_status_id"], started["person_id"]) == (
        production.statuses["wip"]["id"],
        production.persons["artist1"]["id"],
    )
    full = gazu_task.get_task(task)
    assert full["task_status_id"] == production.statuses["wip"]["id"]
    assert full["real_start_date"] is not None

    other = gazu_task.new_task(production.shots["SH020"], production.task_types["animation"])
    retake = gazu_task.start_task(other["id"], started_task_status=production.statuses["retake"])
    assert retake["task_status_id"] == production.statuses["retake"]["id"]

    with pytest.warns(DeprecationWarning, match="use gazu.task.add_comment"):
        reviewed = gazu_task.task_to_review(task, production.persons["artist1"], "v002 ready")
    assert reviewed["task_status_id"] == production.statuses["wfa"]["id"]
    assert gazu_task.get_last_comment_for_task(task)["text"] == "v002 ready"
    with pytest.warns(DeprecationWarning, match="use gazu.task.add_comment"):
        unchanged = gazu_task.task_to_review(task, production.persons["artist1"], "note only", change_status=False)
    assert unchanged["task_status_id"] == production.statuses["wfa"]["id"]
    assert gazu_task.get_last_comment_for_task(task)["text"] == "note only"


def test_notifications_and_subscriptions(client: KitsuClient, production: Production) -> None:
    task = gazu_task.new_task(production.shots["SH010"], production.task_types["animation"])
    gazu_task.assign_task(task, production.persons["artist1"])
    comment = gazu_task.add_comment(task, production.statuses["wip"], "on it", person=production.persons["supervisor"])
    notifications = gazu_task.all_notifications_for_project(production.project)
    kinds = {(n["person_id"], n["notification_type"], n["comment_id"]) for n in notifications}
    assert (production.persons["artist1"]["id"], "assignation", None) in kinds
    assert (production.persons["artist1"]["id"], "comment", comment["id"]) in kinds
    assert all(n["task_id"] == task["id"] for n in notifications)

    client.call("post_actions_user_tasks_task_id_subscribe", task_id=task["id"])
    subscriptions = gazu_task.all_subscriptions_for_project(production.project["id"])
    me = client.call("get_auth_authenticated")["user"]["id"]
    assert [(s["person_id"], s["task_id"]) for s in subscriptions] == [(me, task["id"])]


# --- time spents ---------------------------------------------------------------------------------


def test_time_spents(production: Production) -> None:
    prod = production
    task = gazu_task.new_task(
        prod.shots["SH010"], prod.task_types["animation"], assignees=[prod.persons["artist1"], prod.persons["artist2"]]
    )
    monday, tuesday = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)

    first = gazu_task.set_time_spent(task, prod.persons["artist1"], monday, 240)
    assert (first["duration"], first["date"], first["person_id"]) == (240, "2026-03-02", prod.persons["artist1"]["id"])
    replaced = gazu_task.set_time_spent(task["id"], prod.persons["artist1"]["id"], "2026-03-02", 180)
    assert (replaced["id"], replaced["duration"]) == (first["id"], 180)  # set replaces
    added = gazu_task.add_time_spent(task, prod.persons["artist1"], datetime.datetime(2026, 3, 2, 17, 0), 60)
    assert (added["id"], added["duration"]) == (first["id"], 240)  # add adds
    gazu_task.add_time_spent(task, prod.persons["artist1"], tuesday, 120)
    gazu_task.add_time_spent(task, prod.persons["artist1"], tuesday, 30)
    other = gazu_task.set_time_spent(task, prod.persons["artist2"], "2026-03-03T10:00:00", 300)

    everything = gazu_task.get_time_spent(task)
    assert everything["total"] == 240 + 150 + 300
    assert sorted((t["date"], t["duration"]) for t in everything[prod.persons["artist1"]["id"]]) == [
        ("2026-03-02", 240),
        ("2026-03-03", 150),
    ]
    assert [t["duration"] for t in everything[prod.persons["artist2"]["id"]]] == [300]

    on_tuesday = gazu_task.get_time_spent(task, tuesday)
    assert on_tuesday["total"] == 450
    assert {person for person in on_tuesday if person != "total"} == {
        prod.persons["artist1"]["id"],
        prod.persons["artist2"]["id"],
    }
    assert gazu_task.get_task_time_spent_for_date(task, "2026-03-02") == {
        "total": 240,
        prod.persons["artist1"]["id"]: gazu_task.get_time_spent(task, "2026-03-02")[prod.persons["artist1"]["id"]],
    }
    assert gazu_task.get_task_time_spent_for_date(task, datetime.date(2026, 3, 4)) == {"total": 0}

    gazu_task.remove_time_spent(other)
    assert gazu_task.get_time_spent(task, tuesday)["total"] == 150
    assert gazu_task.get_task(task)["duration"] == 390

    with pytest.raises(TypeError):
        gazu_task.set_time_spent(task, prod.persons["artist1"], None, 10)  # type: ignore[arg-type]


# --- removals ------------------------------------------------------------------------------------


def test_remove_tasks(production: Production) -> None:
    prod = production
    lone = gazu_task.new_task(prod.shots["SH010"], prod.task_types["layout"])
    gazu_task.add_comment(lone, prod.statuses["wip"], "has a comment")
    assert isinstance(gazu_task.remove_task(lone), str)
    assert gazu_task.get_task_by_entity(prod.shots["SH010"], prod.task_types["layout"]) is None

    batch = [
        gazu_task.new_task(prod.shots["SH010"], prod.task_types["animation"]),
        gazu_task.new_task(prod.shots["SH020"], prod.task_types["animation"]),
    ]
    kept = gazu_task.new_task(prod.assets["Hero"], prod.task_types["modeling"])
    assert set(gazu_task.remove_tasks_batch(prod.project, [batch[0], batch[1]["id"]])) == ids(batch)
    assert ids(gazu_task.all_tasks_for_project(prod.project)) == {kept["id"]}

    gazu_task.create_asset_tasks(prod.assets["Hero"], [prod.task_types["rigging"]])
    gazu_task.new_task(prod.assets["Hero"], prod.task_types["modeling"], name="variant")
    gazu_task.remove_tasks_for_type(prod.project, prod.task_types["modeling"])
    remaining = gazu_task.all_tasks_for_project(prod.project)
    assert [t["task_type_id"] for t in remaining] == [prod.task_types["rigging"]["id"]]


def test_arguments_are_checked_before_any_request() -> None:
    with pytest.raises(TypeError):
        gazu_task.get_task(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        gazu_task.all_tasks_for_shot({"name": "no id"})
    with pytest.raises(TypeError):
        gazu_task.assign_task(None, "x")  # type: ignore[arg-type]


def test_pure_helpers() -> None:
    assert gazu_task.comment_datetime(datetime.date(2026, 3, 4)) == "2026-03-04 00:00:00"
    assert gazu_task.comment_datetime(datetime.datetime(2026, 3, 4, 9, 5, 1)) == "2026-03-04 09:05:01"
    assert gazu_task.comment_datetime("2026-03-04T09:05:01") == "2026-03-04 09:05:01"
    assert gazu_task.comment_datetime(None) is None
    assert gazu_task.comment_datetime("2026-03-04T10:05:01+01:00") == "2026-03-04 09:05:01"  # stored in UTC
    eastern = datetime.timezone(datetime.timedelta(hours=-5))
    assert gazu_task.comment_datetime(datetime.datetime(2026, 3, 4, 22, 0, tzinfo=eastern)) == "2026-03-05 03:00:00"
    assert gazu_task.utc_moment("2026-03-04") == datetime.datetime(2026, 3, 4)
    with pytest.raises(TypeError):
        gazu_task.utc_moment(20260304)  # type: ignore[arg-type]
    assert gazu_task.day_string(datetime.datetime(2026, 3, 4, 23, 59)) == "2026-03-04"
    assert gazu_task.day_string("2026-03-04") == "2026-03-04"
    with pytest.raises(TypeError):
        gazu_task.day_string(None)  # type: ignore[arg-type]

    p1, p2 = str(uuid.UUID(int=1)), str(uuid.UUID(int=2))  # assignee ids are UUIDs (helpers.model_id checks)
    original = {"id": "t1", "assignees": [{"id": p1}, p2], "start_date": datetime.date(2026, 1, 2)}
    payload = gazu_task.task_payload(
        {**original, "due_date": "2026-01-09T12:00:00", "end_date": datetime.datetime(2026, 1, 9, 18, 0)}
    )
    assert payload == {
        "id": "t1",
        "assignees": [p1, p2],
        "start_date": "2026-01-02",
        "due_date": "2026-01-09",
        "end_date": "2026-01-09T18:00:00",
    }
    assert original["assignees"] == [{"id": p1}, p2]  # the caller's dict is left untouched

    comments = [
        {"text": "a", "attachment_files": ["/x/a.txt", "/x/b.txt"], "preview_files": ["/x/p.png"]},
        {"text": "b"},
        {"text": "c", "attachment_files": ["/x/c.txt"]},
    ]
    assert gazu_task.attachment_parts(comments) == [
        ("attachment_file-0-0", "/x/a.txt"),
        ("attachment_file-0-1", "/x/b.txt"),
        ("preview_file-0-0", "/x/p.png"),
        ("attachment_file-2-0", "/x/c.txt"),
    ]
    assert gazu_task.comments_without_files(comments) == [{"text": "a"}, {"text": "b"}, {"text": "c"}]

    assert gazu_task.chunks(list(range(23)), 10) == [list(range(10)), list(range(10, 20)), [20, 21, 22]]
    assert gazu_task.many_comment_entry({"task_id": {"id": p1}, "task_status_id": p2, "text": "x"}) == {
        "object_id": p1,
        "task_status_id": p2,
        "comment": "x",
        "links": [],
    }
    assert gazu_task.validate_color("#A0b1C2") == "#A0b1C2"
    for bad in ("", "#", "00ff00", "#00gg00"):
        with pytest.raises(ValueError, match=r"Color must (start with '#'|be a valid hexadecimal string)"):
            gazu_task.validate_color(bad)


def test_cached_reads_follow_writes(production: Production) -> None:
    from kitsu_helpers import cache

    task = gazu_task.new_task(production.shots["SH010"], production.task_types["animation"])
    gazu_task.get_task.clear_cache()
    cache.enable()
    try:
        assert gazu_task.get_task(task)["priority"] == 0
        hits = gazu_task.get_task.get_cache_infos()["hits"]
        assert gazu_task.get_task(task["id"])["priority"] == 0
        assert gazu_task.get_task.get_cache_infos()["hits"] == hits + 1
        gazu_task.update_task({"id": task["id"], "priority": 3})
        assert gazu_task.get_task(task)["priority"] == 3  # a write through the client makes the entry stale
    finally:
        cache.disable()
        gazu_task.get_task.clear_cache()
