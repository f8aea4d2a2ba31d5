"""The CRUD scenario of the fake Zou's conformance test (tests/test_fake_conformance.py).

`run(client, tag)` lays out a small production with the real helpers (a project with asset types, assets,
episodes, sequences, shots, task types and statuses, tasks, a comment, persons), reads it back, updates and
deletes some of it, provokes a few errors Zou refuses, and returns every answer as `(step, value)` pairs: the
same calls against the real local Zou and against `kitsu_helpers.testing.fake` must give the same values once
`normalise` has replaced what differs by nature (ids, dates, the run's tag).
"""

from __future__ import annotations

import contextlib
import datetime
import re
import uuid
from collections.abc import Callable
from typing import Any

import kitsu_helpers as gazu
from kitsu_helpers import errors
from kitsu_helpers.client import KitsuClient

Steps = list[tuple[str, Any]]
MISSING_ID = "00000000-0000-4000-8000-000000000000"  # a well-formed id no server has


def failure(call: Callable[[], Any]) -> dict[str, Any]:
    """The typed error a call raises, as a comparable value (class, status, Zou's message)."""
    try:
        value = call()
    except errors.GazuException as exc:
        return {"error": type(exc).__name__, "status": exc.status, "server_message": exc.server_message}
    return {"no error": value}


def shape(value: Any) -> Any:
    """The keys and value types of an answer, not its values (for data a fresh fake cannot share, such as the
    logged-in user's own record)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__


def masked_user(value: Any, user_id: str) -> Any:
    """value with the logged-in user's `last_presence` masked wherever the user's record appears: other
    sessions on a shared Zou set it (time spents, desktop logins), so it is server state, not a shape."""
    if isinstance(value, dict):
        out = {key: masked_user(item, user_id) for key, item in value.items()}
        if value.get("id") == user_id and "last_presence" in value:
            out["last_presence"] = "<server state>"
        return out
    if isinstance(value, list):
        return [masked_user(item, user_id) for item in value]
    return value


def run(client: KitsuClient, tag: str) -> Steps:
    """Run the scenario through client with names made unique by tag; return the answers in order."""
    steps: Steps = []
    c = {"client": client}
    me = gazu.client.get_current_user(**c)

    def step(name: str, value: Any) -> Any:
        steps.append((name, masked_user(value, me["id"])))
        return value

    step("current user", shape(masked_user(me, me["id"])))
    step("get_api_version", gazu.client.get_api_version(**c))
    project = step("new_project", gazu.project.new_project(f"Fake {tag}", "tvshow", **c))
    step("get_project", gazu.project.get_project(project["id"], **c))
    step("get_project_by_name", gazu.project.get_project_by_name(f"Fake {tag}", **c))
    step("new_project again", gazu.project.new_project(f"Fake {tag}", "tvshow", **c))
    step("all_open_projects, ours", [p for p in gazu.project.all_open_projects(**c) if p["id"] == project["id"]])

    # asset types and assets
    character = step("new_asset_type", gazu.asset.new_asset_type(f"Character {tag}", **c))
    prop = step("new_asset_type 2", gazu.asset.new_asset_type(f"Prop {tag}", **c))
    step("get_asset_type", gazu.asset.get_asset_type(character["id"], **c))
    step("get_asset_type_by_name", gazu.asset.get_asset_type_by_name(f"Prop {tag}", **c))
    ours = (character["id"], prop["id"])
    step("all_asset_types, ours", [t for t in gazu.asset.all_asset_types(**c) if t["id"] in ours])
    step("get_entity_type", gazu.entity.get_entity_type(character["id"], **c))
    step("add_asset_type", gazu.project.add_asset_type(project, character, **c))
    hero = step(
        "new_asset",
        gazu.asset.new_asset(project, character, f"Hero {tag}", "the hero", extra_data={"rig": "v1"}, **c),
    )
    sword = step("new_asset 2", gazu.asset.new_asset(project, prop, f"Sword {tag}", **c))
    step("get_asset", gazu.asset.get_asset(hero["id"], **c))
    step("get_asset_by_name", gazu.asset.get_asset_by_name(project, f"Sword {tag}", **c))
    step("get_asset_by_name typed", gazu.asset.get_asset_by_name(project, f"Hero {tag}", character, **c))
    step("get_asset_by_name none", gazu.asset.get_asset_by_name(project, f"Nobody {tag}", **c))
    step("all_assets_for_project", gazu.asset.all_assets_for_project(project, **c))
    step("all_assets_for_project_and_type", gazu.asset.all_assets_for_project_and_type(project, prop, **c))
    step("all_asset_types_for_project", gazu.asset.all_asset_types_for_project(project, **c))

    # episodes, sequences, shots
    episode = step("new_episode", gazu.shot.new_episode(project, f"E01 {tag}", **c))
    sequence = step("new_sequence", gazu.shot.new_sequence(project, f"SQ01 {tag}", episode=episode, **c))
    shot = step(
        "new_shot",
        gazu.shot.new_shot(project, sequence, f"SH010 {tag}", nb_frames=48, frame_in=1001, frame_out=1048, **c),
    )
    shot2 = step(
        "new_shot 2", gazu.shot.new_shot(project, sequence, f"SH020 {tag}", description="wide", data={"lens": 35}, **c)
    )
    step("new_shot again", gazu.shot.new_shot(project, sequence, f"SH010 {tag}", **c))
    step("get_episode", gazu.shot.get_episode(episode["id"], **c))
    step("get_episode_by_name", gazu.shot.get_episode_by_name(project, f"E01 {tag}", **c))
    step("get_sequence", gazu.shot.get_sequence(sequence["id"], **c))
    step("get_sequence_by_name", gazu.shot.get_sequence_by_name(project, f"SQ01 {tag}", episode=episode, **c))
    step("get_shot", gazu.shot.get_shot(shot["id"], **c))
    step("get_entity", gazu.entity.get_entity(shot["id"], **c))
    villain = gazu.asset.new_asset(project, character, f"Villain {tag}", episode=episode, **c)
    step("new_asset in episode", villain)
    step("all_assets_for_episode", gazu.asset.all_assets_for_episode(episode, **c))
    step("get_shot_by_name", gazu.shot.get_shot_by_name(sequence, f"SH020 {tag}", **c))
    step("all_episodes_for_project", gazu.shot.all_episodes_for_project(project, **c))
    step("all_sequences_for_project", gazu.shot.all_sequences_for_project(project, **c))
    step("all_sequences_for_episode", gazu.shot.all_sequences_for_episode(episode, **c))
    step("all_shots_for_project", gazu.shot.all_shots_for_project(project, **c))
    step("all_shots_for_sequence", gazu.shot.all_shots_for_sequence(sequence, **c))
    step("all_shots_for_episode", gazu.shot.all_shots_for_episode(episode, **c))

    # task types, task statuses, persons, tasks, comments
    anim = step("new_task_type", gazu.task.new_task_type(f"Anim {tag}", "#ff0000", "Shot", **c))
    model = step("new_task_type asset", gazu.task.new_task_type(f"Model {tag}", **c))
    step("get_task_type", gazu.task.get_task_type(anim["id"], **c))
    step("get_task_type_by_name", gazu.task.get_task_type_by_name(f"Anim {tag}", **c))
    wip = step("new_task_status", gazu.task.new_task_status(f"Wip {tag}", f"w{tag}", "#00ff00", **c))
    step("get_task_status", gazu.task.get_task_status(wip["id"], **c))
    step("get_task_status_by_name", gazu.task.get_task_status_by_name(f"Wip {tag}", **c))
    step("add_task_type", gazu.project.add_task_type(project, anim, 1, **c))
    step("add_task_status", gazu.project.add_task_status(project, wip, **c))
    step("get_project_task_types", gazu.project.get_project_task_types(project, **c))
    step("get_project_task_statuses", gazu.project.get_project_task_statuses(project, **c))

    jane = step(
        "new_person",
        gazu.person.new_person("Jane", f"Doe {tag}", f"jane-{tag}@example.com", desktop_login=f"jd-{tag}", **c),
    )
    bob = step("new_person 2", gazu.person.new_person("Bob", f"Roe {tag}", f"bob-{tag}@example.com", **c))
    step("get_person", gazu.person.get_person(jane["id"], **c))
    step("fetch_one persons", gazu.client.fetch_one("persons", jane["id"], **c))
    step("get_person_by_email", gazu.person.get_person_by_email(f"bob-{tag}@example.com", **c))
    step("get_person_by_full_name", gazu.person.get_person_by_full_name(f"Jane Doe {tag}", **c))
    step("get_person_by_desktop_login", gazu.person.get_person_by_desktop_login(f"jd-{tag}", **c))

    # the status is given: a shared Zou may hold several default statuses, in no set order
    todo = step("get_task_status_by_short_name", gazu.task.get_task_status_by_short_name("todo", **c))
    task = step("new_task", gazu.task.new_task(shot, anim, task_status=todo, assignees=[jane], **c))
    asset_task = step("new_task asset", gazu.task.new_task(hero, model, task_status=wip, assigner=me, **c))
    step("new_task again", gazu.task.new_task(shot, anim, **c))
    step("get_task", gazu.task.get_task(task["id"], **c))
    step("get_task_by_entity", gazu.task.get_task_by_entity(shot, anim, **c))
    step("all_tasks_for_shot", gazu.task.all_tasks_for_shot(shot, **c))
    step("all_tasks_for_asset", gazu.task.all_tasks_for_asset(hero, **c))
    step("all_tasks_for_task_type", gazu.task.all_tasks_for_task_type(project, model, **c))
    made = [task["id"], asset_task["id"]]  # Zou lists by last update: same-second ties come in any order
    by_creation = sorted(gazu.task.all_tasks_for_project(project, **c), key=lambda entry: made.index(entry["id"]))
    step("all_tasks_for_project", by_creation)
    step("all_tasks_for_sequence", gazu.task.all_tasks_for_sequence(sequence, **c))
    step("all_tasks_for_episode", gazu.task.all_tasks_for_episode(episode, **c))
    comment = step("add_comment", gazu.task.add_comment(task, wip, "first pass", **c))
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1)  # a set order
    step("add_comment 2", gazu.task.add_comment(task, wip, "second pass", person=bob, created_at=later, **c))
    step("get_comment", gazu.task.get_comment(comment["id"], **c))
    step("all_comments_for_task", gazu.task.all_comments_for_task(task, **c))
    step("get_last_comment_for_task", gazu.task.get_last_comment_for_task(task, **c))
    step("get_task after comment", gazu.task.get_task(task["id"], **c))
    layout = gazu.task.new_task_type(f"Layout {tag}", for_entity="Shot", **c)
    step("create_shot_tasks not enabled", failure(lambda: gazu.task.create_shot_tasks(shot2, [layout], **c)))
    gazu.project.add_task_type(project, layout, 2, **c)
    made = step("create_shot_tasks", gazu.task.create_shot_tasks(shot2, [layout, anim], **c))
    step("create_shot_tasks again", gazu.task.create_shot_tasks(shot2, [layout], **c))
    step("assign_task", gazu.task.assign_task(made[0], bob, **c))
    step("assign_tasks_to_person", gazu.task.assign_tasks_to_person(made, jane, **c))
    step("all_task_types_for_shot", gazu.task.all_task_types_for_shot(shot2, **c))
    step("all_task_types_for_asset", gazu.task.all_task_types_for_asset(hero, **c))
    step("clear_assignations of one", gazu.task.clear_assignations(made[0], bob, **c))
    step("get_task after unassign", gazu.task.get_task(made[0]["id"], **c))
    step("clear_assignations", gazu.task.clear_assignations(made, **c))
    step("all_tasks_for_shot 2", gazu.task.all_tasks_for_shot(shot2, **c))

    # updates
    step("update_project", gazu.project.update_project({"id": project["id"], "description": "updated"}, **c))
    step("update_asset", gazu.asset.update_asset({**hero, "description": "the real hero"}, **c))
    step("update_asset_type", gazu.asset.update_asset_type({"id": prop["id"], "name": f"Props {tag}"}, **c))
    step("update_episode", gazu.shot.update_episode({"id": episode["id"], "description": "pilot"}, **c))
    step("update_sequence", gazu.shot.update_sequence({"id": sequence["id"], "description": "intro"}, **c))
    step("update_shot", gazu.shot.update_shot({"id": shot["id"], "nb_frames": 50, "data": {"lens": 50}}, **c))
    step("update_shot_data", gazu.shot.update_shot_data(shot2, {"fps": 24}, **c))
    step("update_task", gazu.task.update_task({"id": asset_task["id"], "duration": 3}, **c))
    step("update_task_data", gazu.task.update_task_data(asset_task, {"note": "check the rig"}, **c))
    step("update_task_type", gazu.task.update_task_type({"id": model["id"], "color": "#123456"}, **c))
    step("update_task_status", gazu.task.update_task_status({"id": wip["id"], "color": "#654321"}, **c))
    step("update_person", gazu.person.update_person({"id": bob["id"], "phone": "555"}, **c))
    step("update_comment", gazu.task.update_comment({"id": comment["id"], "text": "first pass, fixed"}, **c))
    step("get_shot after update", gazu.shot.get_shot(shot["id"], **c))

    # errors Zou answers
    step("get_shot missing", failure(lambda: gazu.shot.get_shot(MISSING_ID, **c)))
    step("get_asset missing", failure(lambda: gazu.asset.get_asset(MISSING_ID, **c)))
    step("get_project missing", failure(lambda: gazu.project.get_project(MISSING_ID, **c)))
    step("get_task missing", failure(lambda: gazu.task.get_task(MISSING_ID, **c)))
    step("get_person missing", failure(lambda: gazu.person.get_person(MISSING_ID, **c)))
    step("new_person existing", gazu.person.new_person("J", "D", f"jane-{tag}@example.com", **c))
    step("new_task_type existing", gazu.task.new_task_type(f"Anim {tag}", for_entity="Shot", **c))
    person = {"first_name": "J", "email": f"jane-{tag}@example.com"}
    step("create person same email", failure(lambda: gazu.client.create("persons", person, **c)))
    step("create project same name", failure(lambda: gazu.client.create("projects", {"name": f"Fake {tag}"}, **c)))
    step("create project without name", failure(lambda: gazu.client.create("projects", {"fps": "24"}, **c)))
    step("remove_project while open", failure(lambda: gazu.project.remove_project(project, **c)))

    # deletions
    step("remove_comment", gazu.task.remove_comment(comment, **c))
    step("all_comments_for_task after remove", gazu.task.all_comments_for_task(task, **c))
    step("remove_asset_type in use", failure(lambda: gazu.asset.remove_asset_type(character, **c)))
    step("remove_task_type in use", failure(lambda: gazu.task.remove_task_type(model, **c)))
    step("remove task status in use", failure(lambda: gazu.client.delete(f"data/task-status/{wip['id']}", **c)))
    step("remove_asset with task", gazu.asset.remove_asset(hero, **c))
    step("get_asset after soft remove", gazu.asset.get_asset(hero["id"], **c))
    step("remove_task", gazu.task.remove_task(asset_task, **c))
    step("all_tasks_for_asset after remove", gazu.task.all_tasks_for_asset(hero, **c))
    step("remove_shot with task", gazu.shot.remove_shot(shot, **c))
    step("get_shot after soft remove", gazu.shot.get_shot(shot["id"], **c))
    step("remove_shot 2 with tasks", gazu.shot.remove_shot(shot2, **c))
    step("get_shot 2 after soft remove", gazu.shot.get_shot(shot2["id"], **c))
    shot3 = step("new_shot 3", gazu.shot.new_shot(project, sequence, f"SH030 {tag}", **c))
    step("remove_shot without tasks", gazu.shot.remove_shot(shot3, **c))
    step("get_shot 3 after remove", failure(lambda: gazu.shot.get_shot(shot3["id"], **c)))
    step("all_shots_for_sequence after remove", gazu.shot.all_shots_for_sequence(sequence, **c))
    step("remove_asset", gazu.asset.remove_asset(sword, **c))
    step("all_assets_for_project after remove", gazu.asset.all_assets_for_project(project, **c))
    extra_episode = gazu.shot.new_episode(project, f"E02 {tag}", **c)
    extra_sequence = gazu.shot.new_sequence(project, f"SQ02 {tag}", episode=extra_episode, **c)
    step("remove_sequence", gazu.shot.remove_sequence(extra_sequence, **c))
    step("remove_episode", gazu.shot.remove_episode(extra_episode, **c))
    step("all_episodes_for_project after remove", gazu.shot.all_episodes_for_project(project, **c))
    step("remove_person", gazu.person.remove_person(bob, force=True, **c))
    step("get_person_by_email after remove", gazu.person.get_person_by_email(f"bob-{tag}@example.com", **c))
    step("close_project", gazu.project.close_project(project, **c))
    step("remove_project with data", failure(lambda: gazu.project.remove_project(project, **c)))
    step("remove_project", gazu.project.remove_project(project, force=True, **c))
    step("get_project after remove", failure(lambda: gazu.project.get_project(project["id"], **c)))
    for name, entry in (("task type", anim), ("task type", model), ("task type", layout)):
        step(f"remove {name}", gazu.task.remove_task_type(entry, force=True, **c))
    step("remove_task_status", gazu.task.remove_task_status(wip, **c))
    step("remove_asset_type", gazu.asset.remove_asset_type(prop, **c))
    step("remove_asset_type 2", gazu.asset.remove_asset_type(character, **c))
    step("remove_person 2", gazu.person.remove_person(jane, force=True, **c))
    return steps


def clean_up(client: KitsuClient, tag: str) -> None:
    """Remove what a run with that tag left on a server when it stopped part-way (best effort)."""
    c = {"client": client}
    calls: list[Callable[[], Any]] = []
    project = gazu.project.get_project_by_name(f"Fake {tag}", **c)
    if project is not None:
        calls += [lambda: gazu.project.close_project(project, **c)]
        calls += [lambda: gazu.project.remove_project(project, force=True, **c)]
    for model in ("task-types", "task-status", "entity-types", "persons"):
        for entry in gazu.client.fetch_all(model, **c):
            if tag in " ".join(str(entry.get(key)) for key in ("name", "last_name")):
                calls.append(
                    lambda model=model, entry=entry: gazu.client.delete(
                        f"data/{model}/{entry['id']}", params={"force": True}, **c
                    )
                )
    for call in calls:
        with contextlib.suppress(errors.GazuException):
            call()


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


UNORDERED = {"assignees", "team"}


class Normaliser:
    """Replaces what differs between two runs by nature: every id by `<id N>` (N in order of first
    appearance, keys in sorted order, so the same id is the same name everywhere), datetimes by `<datetime>`,
    dates by `<date>`, the run's tag by `<tag>`; lists Zou keeps in no set order (assignees, team) are sorted."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.ids: dict[str, str] = {}

    def _id(self, match: re.Match[str]) -> str:
        return self.ids.setdefault(match.group(0), f"<id {len(self.ids) + 1}>")

    def __call__(self, value: Any) -> Any:
        if isinstance(value, dict):
            out = {key: self(value[key]) for key in sorted(value)}  # ids numbered whatever the key order
            for key in UNORDERED & set(out):
                out[key] = sorted(out[key], key=str)  # the links of a task or project come in no set order
            return out
        if isinstance(value, (list, tuple)):
            return [self(item) for item in value]
        if isinstance(value, str):
            if DATETIME.match(value):
                return "<datetime>"
            if DATE.match(value):
                return "<date>"
            return UUID.sub(self._id, value.replace(self.tag, "<tag>") if self.tag else value)
        return value


def normalise(steps: Steps, tag: str) -> Steps:
    """Return the steps with ids, dates and the tag replaced consistently (see Normaliser)."""
    normaliser = Normaliser(tag)
    return [(name, normaliser(value)) for name, value in steps]


def new_tag() -> str:
    """A tag that makes this run's names unique on a shared server."""
    return uuid.uuid4().hex[:8]


def leaves(value: Any) -> int:
    """How many scalar values a (nested) answer holds: what a comparison of it compares."""
    if isinstance(value, dict):
        return sum(leaves(item) for item in value.values()) or 1
    if isinstance(value, (list, tuple)):
        return sum(leaves(item) for item in value) or 1
    return 1
