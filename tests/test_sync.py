"""kitsu_helpers.sync: pure diff/id-map helpers, and a real push from the main instance to instance b."""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kitsu_helpers import sync
from kitsu_helpers.client import KitsuClient, upload

# --- pure helpers -------------------------------------------------------------------------------


def test_model_list_diff() -> None:
    source = [{"id": "1"}, {"id": "2"}, {"id": "3"}]
    target = [{"id": "2"}, {"id": "4"}]
    missing, unexpected = sync.get_model_list_diff(source, target)
    assert [m["id"] for m in missing] == ["1", "3"]
    assert [m["id"] for m in unexpected] == ["4"]
    missing, unexpected = sync.get_model_list_diff([{"name": "a"}], [{"name": "a"}], id_field="name")
    assert missing == unexpected == []


def test_link_list_diff() -> None:
    source = [{"entity_in_id": "s1", "entity_out_id": "a1"}, {"entity_in_id": "s1", "entity_out_id": "a2"}]
    target = [{"entity_in_id": "s1", "entity_out_id": "a2", "id": "x"}, {"entity_in_id": "a2", "entity_out_id": "s1"}]
    missing, unexpected = sync.get_link_list_diff(source, target)
    assert missing == [source[0]]
    assert unexpected == [target[1]]  # direction matters


def test_id_maps() -> None:
    source = [{"id": "s1", "name": "Todo"}, {"id": "s2", "name": "WIP"}, {"id": "s3", "name": "Gone"}]
    target = [{"id": "t1", "name": "todo"}, {"id": "t2", "name": "wip"}]
    assert sync.get_id_map_by_name(source, target) == {"Todo": "t1", "WIP": "t2"}
    assert sync.get_id_map_by_id(source, target) == {"s1": "t1", "s2": "t2"}
    people = [{"id": "p1", "email": "A@x.org"}, {"id": "p2", "email": None}]
    assert sync.get_id_map_by_id(people, [{"id": "q1", "email": "a@X.org"}], field="email") == {"p1": "q1"}
    keyed = sync.with_match_key([{"id": "c", "name": "Concept", "for_entity": "Asset"}], ("name", "for_entity"))
    assert keyed[0]["match_key"] == "Concept|Asset"
    assert sync.convert_id_list(["s1", "s2"], {"s1": "t1", "s2": "t2"}) == ["t1", "t2"]
    with pytest.raises(KeyError):
        sync.convert_id_list(["s3"], {"s1": "t1"})


def test_is_changed() -> None:
    assert sync.is_changed({"updated_at": "2026-01-02T00:00:00"}, {"updated_at": "2026-01-01T00:00:00"})
    assert not sync.is_changed({"updated_at": "2026-01-01T00:00:00"}, {"updated_at": "2026-01-01T00:00:00"})


def test_map_asset_and_task() -> None:
    p1, p2, todo = (str(uuid.UUID(int=n)) for n in (1, 2, 3))  # ids copied into a request body are UUIDs
    asset = {"id": "a", "entity_type_id": "char", "ready_for": "anim", "project_id": p1}
    mapped = sync.map_asset(asset, {"char": "CHAR"}, {}, p2)
    assert mapped == {"id": "a", "entity_type_id": "CHAR", "ready_for": None, "project_id": p2}
    assert asset["project_id"] == p1  # the source is not modified
    assert sync.map_asset(asset, {}, {}, p2) is None
    task = {"id": "t", "task_type_id": "tt", "assigner_id": "u1", "assignees": ["u1", "u9"], "task_status_id": "x"}
    mapped_task = sync.map_task(task, {"tt": "TT"}, {"u1": "U1"}, p2, todo)
    assert mapped_task is not None
    assert (mapped_task["task_type_id"], mapped_task["assigner_id"], mapped_task["assignees"]) == ("TT", "U1", ["U1"])
    assert mapped_task["task_status_id"] == todo
    assert mapped_task["project_id"] == p2
    assert sync.map_task(task, {}, {}, p2, todo) is None


def test_name_clashes() -> None:
    source = [{"id": "1", "name": "E01"}, {"id": "2", "name": "SQ1", "parent_id": "1"}, {"id": "3", "name": "E02"}]
    target = [{"id": "9", "name": "e01"}, {"id": "2", "name": "SQ1", "parent_id": "1"}]
    assert [e["id"] for e in sync.name_clashes(source, target)] == ["1"]


def test_name_twins_pairs_same_name_entities_the_source_does_not_have() -> None:
    source = [{"id": "1", "name": "E01"}, {"id": "2", "name": "SQ1", "parent_id": "1"}, {"id": "3", "name": "E02"}]
    target = [{"id": "9", "name": "e01"}, {"id": "2", "name": "SQ1", "parent_id": "1"}, {"id": "3", "name": "E01"}]
    assert [(a["id"], b["id"]) for a, b in sync.name_twins(source, target)] == [("1", "9")]
    assert sync.name_twins(source, source) == []


def test_comments_to_push_skips_twins() -> None:
    source = [
        {"id": "2", "created_at": "2026-01-01T00:00:02", "text": "second"},
        {"id": "1", "created_at": "2026-01-01T00:00:01", "text": "first"},
    ]
    target = [{"id": "x", "created_at": "2026-01-01T00:00:01.000000", "text": "first"}]
    assert [c["id"] for c in sync.comments_to_push(source, target)] == ["2"]
    assert [c["id"] for c in sync.comments_to_push(source, [])] == ["1", "2"]
    same_second = [{"id": "b", "created_at": "2026-01-01T00:00:01"}, {"id": "a", "created_at": "2026-01-01T00:00:01"}]
    assert [c["id"] for c in sync.comments_to_push(same_second, [])] == ["a", "b"]  # newest first in, oldest first out
    status = str(uuid.UUID(int=7))
    payload = sync.comment_payload({"text": "hi", "created_at": "d", "checklist": None}, status, None)
    assert payload == {"task_status_id": status, "comment": "hi", "created_at": "d", "checklist": [], "links": []}


def test_progress_callback_and_report() -> None:
    seen: list[tuple[str, int, int]] = []
    with sync.progress(lambda *args: seen.append(args)):
        sync.report("assets", 1, 2)
    sync.report("assets", 2, 2)  # outside the block: logged only
    assert seen == [("assets", 1, 2)]


# --- against the real servers -------------------------------------------------------------------


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """Return a tiny valid PNG (red pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def by_name(models: list[dict[str, Any]], field: str = "name") -> dict[str, Any]:
    return {m[field]: m for m in models}


def named(client: KitsuClient, operation: str, name: str, **match: Any) -> dict[str, Any]:
    return next(m for m in client.call(operation) if m["name"] == name and all(m[k] == v for k, v in match.items()))


def fresh_target(client_b: KitsuClient, new_project_b: Callable[..., dict[str, Any]], name: str) -> dict[str, Any]:
    """Create the target project on instance b as Zou makes it: a new tv show holds a first episode, E01, that
    Zou adds by itself (the push merges it with the source's E01 instead of duplicating it)."""
    project = new_project_b(name=name)
    episodes = client_b.call("get_data_projects_project_id_episodes", project_id=project["id"])
    assert [e["name"] for e in episodes] == ["E01"]
    return project


def build_source(client: KitsuClient, project: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Create episodes, sequences, shots (frames), assets, casting, tasks and comments (attachment, preview)."""
    pid = project["id"]
    character = named(client, "get_data_asset_types", "Character")
    prop = named(client, "get_data_asset_types", "Prop")
    modeling = named(client, "get_data_task_types", "Modeling", for_entity="Asset")
    animation = named(client, "get_data_task_types", "Animation", for_entity="Shot")
    status = by_name(client.call("get_data_task_status"), "short_name")
    ep = client.call("post_data_projects_project_id_episodes", project_id=pid, json={"name": "E01"})
    seqs = [
        client.call("post_data_projects_project_id_sequences", project_id=pid, json={"name": n, "episode_id": ep["id"]})
        for n in ("SQ01", "SQ02")
    ]
    shots = []
    for index, seq in enumerate(seqs):
        shot = client.call(
            "post_data_projects_project_id_shots",
            project_id=pid,
            json={"name": f"SH{index + 1}0", "sequence_id": seq["id"], "nb_frames": 48 + index},
        )
        data = {"frame_in": 101 + index, "frame_out": 148 + 2 * index, "fps": "24"}
        shots.append(client.call("put_data_entities_instance_id", instance_id=shot["id"], json={"data": data}))
    hero = client.call(
        "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
        project_id=pid,
        asset_type_id=character["id"],
        json={"name": "Hero", "description": "the hero"},
    )
    sword = client.call(
        "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
        project_id=pid,
        asset_type_id=prop["id"],
        json={"name": "Sword"},
    )
    client.call(
        "put_data_projects_project_id_entities_entity_id_casting",
        project_id=pid,
        entity_id=shots[0]["id"],
        json=[{"asset_id": hero["id"], "nb_occurences": 1}, {"asset_id": sword["id"], "nb_occurences": 2}],
    )
    client.call(
        "put_data_projects_project_id_entities_entity_id_casting",
        project_id=pid,
        entity_id=shots[1]["id"],
        json=[{"asset_id": hero["id"], "nb_occurences": 1}],
    )
    tasks = [
        client.call(
            "post_data_tasks",
            json={
                "entity_id": e["id"],
                "task_type_id": t["id"],
                "project_id": pid,
                "task_status_id": status["todo"]["id"],
            },
        )
        for e, t in ((hero, modeling), (sword, modeling), (shots[0], animation), (shots[1], animation))
    ]
    hero_task, _, anim_task, _ = tasks
    client.call(
        "post_actions_tasks_task_id_comment",
        task_id=hero_task["id"],
        json={"task_status_id": status["wip"]["id"], "comment": "started the hero"},
    )
    client.call(
        "post_actions_tasks_task_id_comment",
        task_id=hero_task["id"],
        json={"task_status_id": status["wfa"]["id"], "comment": "hero ready for review", "checklist": []},
    )
    note = tmp_path / "notes.txt"
    note.write_text("animation notes\n")
    form = {"task_status_id": status["wip"]["id"], "comment": "blocking with notes", "checklist": "[]", "links": "[]"}
    url = client.url_of("post_actions_tasks_task_id_comment", task_id=anim_task["id"])
    with_attachment = upload(url, str(note), data=form, client=client)
    picture = tmp_path / "frame.png"
    picture.write_bytes(png_bytes())
    review = client.call(
        "post_actions_tasks_task_id_comment",
        task_id=anim_task["id"],
        json={"task_status_id": status["wfa"]["id"], "comment": "please review this frame"},
    )
    preview = client.call(
        "post_actions_tasks_task_id_comments_comment_id_add_preview",
        task_id=anim_task["id"],
        comment_id=review["id"],
        json={},
    )
    upload(
        client.url_of("post_pictures_preview_files_instance_id", instance_id=preview["id"]), str(picture), client=client
    )
    annotations = [{"time": 0, "frame": 0, "drawing": {"objects": [{"type": "path", "stroke": "#ff0000"}]}}]
    client.call("put_data_preview_files_instance_id", instance_id=preview["id"], json={"annotations": annotations})
    return {
        "episode": ep,
        "sequences": seqs,
        "shots": shots,
        "assets": [hero, sword],
        "tasks": tasks,
        "status": status,
        "attachment_comment": with_attachment,
        "preview": preview,
    }


def target_state(client: KitsuClient, project_id: str) -> dict[str, Any]:
    """Read back what a project holds: entities, links, tasks and comments (for comparisons)."""
    tasks = client.call("get_data_projects_project_id_tasks", project_id=project_id)
    links = client.call("get_data_projects_project_id_entity_links", project_id=project_id)
    links = links["data"] if isinstance(links, dict) else links
    return {
        "episodes": client.call("get_data_projects_project_id_episodes", project_id=project_id),
        "sequences": client.call("get_data_projects_project_id_sequences", project_id=project_id),
        "shots": client.call("get_data_projects_project_id_shots", project_id=project_id),
        "assets": client.call("get_data_projects_project_id_assets", project_id=project_id),
        "links": links,
        "tasks": tasks,
        "comments": {t["id"]: client.call("get_data_tasks_task_id_comments", task_id=t["id"]) for t in tasks},
    }


def entity_view(state: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """What must be equal between a pushed project and its source: every entity, task and link, by id."""
    view = {
        kind: sorted((e["id"], e["name"], e.get("parent_id"), e.get("source_id")) for e in state[kind])
        for kind in ("episodes", "sequences", "shots", "assets")
    }
    view["tasks"] = sorted((t["id"], t["entity_id"], t["name"]) for t in state["tasks"])
    view["links"] = sorted(
        (link["entity_in_id"], link["entity_out_id"], link["nb_occurences"]) for link in state["links"]
    )
    return view


def test_push_project_to_instance_b(
    client: KitsuClient,
    client_b: KitsuClient,
    new_project: Callable[..., dict[str, Any]],
    new_project_b: Callable[..., dict[str, Any]],
    tmp_path: Path,
) -> None:
    source_project = new_project()
    built = build_source(client, source_project, tmp_path)
    target_project = fresh_target(client_b, new_project_b, source_project["name"])
    todo_b = next(s for s in client_b.call("get_data_task_status") if s["short_name"] == "todo")
    steps: list[tuple[str, int, int]] = []

    with sync.progress(lambda *args: steps.append(args)):
        pushed = sync.push_project_entities(source_project, target_project, client, client_b)
        tasks = sync.push_tasks(source_project, target_project, todo_b, client, client_b)
        commented = sync.push_tasks_comments(source_project, client, client_b)

    assert {k: len(v) for k, v in pushed.items()} == {
        "assets": 2,
        "episodes": 1,
        "sequences": 2,
        "shots": 2,
        "entity_links": 5,  # 3 shot castings + the 2 episode links Zou derives from them
    }
    assert len(tasks) == 4
    assert len(commented) == 4
    assert {s for s, _, _ in steps} >= {"assets", "episodes", "sequences", "shots", "entity links", "tasks", "comments"}
    assert ("task comments", 4, 4) in steps

    source = target_state(client, source_project["id"])
    target = target_state(client_b, target_project["id"])
    assert entity_view(target) == entity_view(source)  # same entities, ids and parents: no extras, no twins
    for kind in ("episodes", "sequences", "shots", "assets"):
        assert sorted((e["id"], e["name"]) for e in source[kind]) == sorted((e["id"], e["name"]) for e in target[kind])
    source_shots, target_shots = by_name(source["shots"]), by_name(target["shots"])
    assert target_shots["SH10"]["data"]["frame_in"] == 101
    assert target_shots["SH20"]["data"]["frame_out"] == 150
    for name, shot in source_shots.items():
        assert target_shots[name]["nb_frames"] == shot["nb_frames"]
        assert target_shots[name]["parent_id"] == shot["parent_id"]
        assert target_shots[name]["data"] == shot["data"]
    asset_types_b = {t["id"]: t["name"] for t in client_b.call("get_data_asset_types")}
    assert {a["name"]: asset_types_b[a["entity_type_id"]] for a in target["assets"]} == {
        "Hero": "Character",
        "Sword": "Prop",
    }
    casting = {(link["entity_in_id"], link["entity_out_id"], link["nb_occurences"]) for link in target["links"]}
    assert casting == {(link["entity_in_id"], link["entity_out_id"], link["nb_occurences"]) for link in source["links"]}
    shot_ids = {shot["id"] for shot in built["shots"]}
    assert len([link for link in casting if link[0] in shot_ids]) == 3

    statuses_a = {s["id"]: s["short_name"] for s in client.call("get_data_task_status")}
    statuses_b = {s["id"]: s["short_name"] for s in client_b.call("get_data_task_status")}
    source_status = {t["id"]: statuses_a[t["task_status_id"]] for t in source["tasks"]}
    assert {t["id"]: statuses_b[t["task_status_id"]] for t in target["tasks"]} == source_status
    assert sorted(source_status.values()) == ["todo", "todo", "wfa", "wfa"]

    def comment_view(comments: dict[str, list[dict[str, Any]]]) -> dict[str, list[tuple[Any, ...]]]:
        return {
            task_id: sorted(
                (c["text"], c["created_at"][:19], len(c["attachment_files"]), len(c["previews"])) for c in items
            )
            for task_id, items in comments.items()
        }

    assert comment_view(target["comments"]) == comment_view(source["comments"])
    anim_comments = by_name(target["comments"][built["tasks"][2]["id"]], "text")
    attachment = anim_comments["blocking with notes"]["attachment_files"][0]
    assert attachment["name"] == "notes.txt"
    preview_id = anim_comments["please review this frame"]["previews"][0]["id"]
    preview_b = client_b.call("get_data_preview_files_instance_id", instance_id=preview_id)
    assert preview_b["extension"] == "png"
    assert preview_b["original_name"] == "frame"
    assert preview_b["id"] != built["preview"]["id"]
    preview_a = client.call("get_data_preview_files_instance_id", instance_id=built["preview"]["id"])
    assert preview_b["annotations"] == preview_a["annotations"]
    assert preview_a["annotations"]
    emails_a = {p["id"]: p["email"] for p in client.call("get_data_persons")}
    emails_b = {p["id"]: p["email"] for p in client_b.call("get_data_persons")}
    authors = {c["text"]: emails_b[c["person_id"]] for items in target["comments"].values() for c in items}
    assert authors == {c["text"]: emails_a[c["person_id"]] for items in source["comments"].values() for c in items}

    # a second push changes nothing and duplicates nothing
    again = [
        sync.push_assets(source_project, target_project, client, client_b),
        sync.push_episodes(source_project, target_project, client, client_b),
        sync.push_sequences(source_project, target_project, client, client_b),
        sync.push_shots(source_project, target_project, client, client_b),
        sync.push_entity_links(source_project, target_project, client, client_b),
        sync.push_tasks(source_project, target_project, todo_b, client, client_b),
    ]
    assert [len(x) for x in again] == [2, 1, 2, 2, 5, 4]
    sync.push_tasks_comments(source_project, client, client_b)
    task_status_map = sync.get_sync_task_status_id_map(client, client_b)
    person_map = sync.get_sync_person_id_map(client, client_b)
    assert sync.push_task_comments(task_status_map, person_map, built["tasks"][0], client, client_b) == []
    after = target_state(client_b, target_project["id"])
    for kind in ("episodes", "sequences", "shots", "assets", "links", "tasks"):
        assert len(after[kind]) == len(target[kind]), kind
    assert comment_view(after["comments"]) == comment_view(target["comments"])
    assert {t["id"]: t["task_status_id"] for t in after["tasks"]} == {
        t["id"]: t["task_status_id"] for t in target["tasks"]
    }


def test_push_task_comment_with_author_and_tmp_path(
    monkeypatch: pytest.MonkeyPatch,
    client: KitsuClient,
    client_b: KitsuClient,
    new_project: Callable[..., dict[str, Any]],
    new_project_b: Callable[..., dict[str, Any]],
    tmp_path: Path,
) -> None:
    source_project = new_project()
    build_source(client, source_project, tmp_path)
    target_project = fresh_target(client_b, new_project_b, source_project["name"])
    monkeypatch.setattr(sync, "IMPORT_BATCH", 1)
    steps: list[tuple[str, int, int]] = []
    with sync.progress(lambda *args: steps.append(args)):
        sync.push_project_entities(source_project["id"], target_project["id"], client, client_b)
    assert [s for s in steps if s[0] == "sequences"] == [("sequences", 1, 2), ("sequences", 2, 2)]
    assert [s for s in steps if s[0] == "assets"] == [("assets", 1, 2), ("assets", 2, 2)]
    todo_b = next(s for s in client_b.call("get_data_task_status") if s["short_name"] == "todo")
    sync.push_tasks(source_project, target_project, todo_b["id"], client, client_b)
    anim = next(
        t
        for t in client.call("get_data_projects_project_id_tasks", project_id=source_project["id"])
        if t["task_status_id"] != todo_b["id"]
        and t["entity_id"]
        in {s["id"] for s in client.call("get_data_projects_project_id_shots", project_id=source_project["id"])}
    )
    comments = client.call("get_data_tasks_task_id_comments", task_id=anim["id"])
    with_attachment = next(c for c in comments if c["attachment_files"])
    admin_b = client_b.call("get_auth_authenticated")["user"]
    folder = tmp_path / "work"
    folder.mkdir()
    result = sync.push_task_comment(
        sync.get_sync_task_status_id_map(client, client_b),
        {},
        anim,
        with_attachment,
        client,
        client_b,
        author_id=admin_b["id"],
        tmp_path=str(folder),
    )
    assert result is with_attachment
    assert list(folder.iterdir()) == []  # downloads cleaned up, the folder itself kept
    target_comments = client_b.call("get_data_tasks_task_id_comments", task_id=anim["id"])
    assert [(c["text"], c["person_id"]) for c in target_comments] == [("blocking with notes", admin_b["id"])]
    assert target_comments[0]["attachment_files"][0]["name"] == "notes.txt"
    # an unmapped status is skipped with a warning
    assert sync.push_task_comment({}, {}, anim, with_attachment, client, client_b) is None


def test_get_last_events_and_imports(
    monkeypatch: pytest.MonkeyPatch,
    client: KitsuClient,
    client_b: KitsuClient,
    new_project: Callable[..., dict[str, Any]],
    new_project_b: Callable[..., dict[str, Any]],
) -> None:
    project = new_project()
    episode = client.call("post_data_projects_project_id_episodes", project_id=project["id"], json={"name": "E07"})
    events = sync.get_last_events(limit=50, project=project, client=client)
    assert "episode:new" in [e["name"] for e in events]
    assert all(e["project_id"] == project["id"] for e in events)
    named_events = sync.get_last_events(limit=5, project=project["id"], name="episode:new", client=client)
    assert named_events[0]["data"]["episode_id"] == episode["id"]  # newest first (Zou also made a first episode)
    assert {e["name"] for e in named_events} == {"episode:new"}
    assert sync.get_last_events(limit=5, after="2999-01-01", client=client) == []
    assert sync.get_last_events(limit=5, before="2000-01-01T00:00:00", project=project, client=client) == []
    assert sync.get_last_events(limit=3, only_files=True, client=client) is not None

    # the import routes upsert by id
    target = new_project_b(name=project["name"])
    sequence = client.call("post_data_projects_project_id_sequences", project_id=project["id"], json={"name": "SQ9"})
    person_map = sync.get_sync_person_id_map(client, client_b)
    entity = sync.map_entity(sequence, {}, person_map, target["id"])
    assert entity["created_by"] == person_map[sequence["created_by"]]
    assert [e["id"] for e in sync.import_entities([entity], client=client_b)] == [sequence["id"]]
    assert [e["id"] for e in sync.import_entities([{**entity, "description": "d2"}], client=client_b)] == [
        sequence["id"]
    ]
    assert client_b.call("get_data_entities_instance_id", instance_id=sequence["id"])["description"] == "d2"
    shot = client.call(
        "post_data_projects_project_id_shots",
        project_id=project["id"],
        json={"name": "SH9", "sequence_id": sequence["id"]},
    )
    asset_type = named(client, "get_data_asset_types", "Prop")
    asset = client.call(
        "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
        project_id=project["id"],
        asset_type_id=asset_type["id"],
        json={"name": "Cup"},
    )
    prop_b = named(client_b, "get_data_asset_types", "Prop")
    sync.import_entities(
        [
            sync.map_entity(shot, {}, person_map, target["id"]),
            sync.map_asset(asset, {asset_type["id"]: prop_b["id"]}, {}, target["id"], person_map),
        ],
        client=client_b,
    )
    client.call(
        "put_data_projects_project_id_entities_entity_id_casting",
        project_id=project["id"],
        entity_id=shot["id"],
        json=[{"asset_id": asset["id"], "nb_occurences": 3}],
    )
    links = client.call("get_data_projects_project_id_entity_links", project_id=project["id"])
    links = links["data"] if isinstance(links, dict) else links
    imported = sync.import_entity_links(links, client=client_b)
    assert [(x["entity_in_id"], x["entity_out_id"], x["nb_occurences"]) for x in imported] == [
        (shot["id"], asset["id"], 3)
    ]
    layout = named(client, "get_data_task_types", "Layout", for_entity="Shot")
    task = client.call("post_data_tasks", json={"entity_id": shot["id"], "task_type_id": layout["id"]})
    type_map = sync.get_sync_task_type_id_map(client, client_b)
    todo_b = next(s for s in client_b.call("get_data_task_status") if s["short_name"] == "todo")
    mapped = sync.map_task(task, type_map, {}, target["id"], todo_b["id"])
    assert mapped is not None
    assert [t["id"] for t in sync.import_tasks([mapped], client=client_b)] == [task["id"]]
    assert client_b.call("get_data_tasks_instance_id", instance_id=task["id"])["task_type_id"] == type_map[layout["id"]]

    # more than one page (Zou caps pages at 1000) is followed with the cursor: shown with 2-event pages
    one_page = sync.get_last_events(limit=5, project=project, client=client)
    monkeypatch.setattr(sync, "EVENTS_PAGE", 2)
    paged = sync.get_last_events(limit=5, project=project, client=client)
    assert len(paged) == 5
    assert len(one_page) == 5
    assert [e["id"] for e in paged] == [e["id"] for e in one_page]


def test_sync_id_maps(client: KitsuClient, client_b: KitsuClient) -> None:
    for function, operation, field in (
        (sync.get_sync_department_id_map, "get_data_departments", "name"),
        (sync.get_sync_asset_type_id_map, "get_data_asset_types", "name"),
        (sync.get_sync_task_status_id_map, "get_data_task_status", "name"),
        (sync.get_sync_person_id_map, "get_data_persons", "email"),
        (sync.get_sync_project_id_map, "get_data_projects", "name"),
        (sync.get_sync_task_type_id_map, "get_data_task_types", "name"),
    ):
        mapping = function(client, client_b)
        source = {m["id"]: m for m in client.call(operation)}
        target = {m["id"]: m for m in client_b.call(operation)}
        assert set(mapping) <= set(source)
        assert set(mapping.values()) <= set(target)
        for source_id, target_id in mapping.items():
            assert str(source[source_id][field]).lower() == str(target[target_id][field]).lower()
        if operation == "get_data_task_types":
            assert all(source[s]["for_entity"] == target[t]["for_entity"] for s, t in mapping.items())
        if operation in ("get_data_task_status", "get_data_asset_types", "get_data_persons"):
            assert len(mapping) >= 1
    statuses = sync.get_sync_task_status_id_map(client, client_b)
    todo = next(s for s in client.call("get_data_task_status") if s["short_name"] == "todo")
    assert todo["id"] in statuses


def test_a_target_twin_in_use_is_kept(
    client: KitsuClient,
    client_b: KitsuClient,
    new_project: Callable[..., dict[str, Any]],
    new_project_b: Callable[..., dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    source_project = new_project()
    target_project = new_project_b(name=source_project["name"])
    zou_own = client_b.call("get_data_projects_project_id_episodes", project_id=target_project["id"])[0]
    in_use = client_b.call(
        "post_data_projects_project_id_sequences",
        project_id=target_project["id"],
        json={"name": "SQ99", "episode_id": zou_own["id"]},
    )
    with caplog.at_level("WARNING", logger="kitsu_helpers"):
        sync.push_episodes(source_project, target_project, client, client_b)
    episodes = client_b.call("get_data_projects_project_id_episodes", project_id=target_project["id"])
    assert sorted(e["name"] for e in episodes) == ["E01", "E01"]
    assert zou_own["id"] in {e["id"] for e in episodes}
    assert client_b.call("get_data_entities_instance_id", instance_id=in_use["id"])["parent_id"] == zou_own["id"]
    assert "in use; both will exist" in caplog.text
