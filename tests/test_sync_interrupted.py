"""Nothing lost: a push interrupted half-way and run again ends with the same target state as a clean push."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_sync import build_source, fresh_target, target_state

from kitsu_helpers import sync
from kitsu_helpers.client import KitsuClient


class Interrupted(Exception):
    """Stands for a crash, a kill or a lost connection in the middle of a push."""


def push_everything(
    source: dict[str, Any], target: dict[str, Any], status: dict[str, Any], a: KitsuClient, b: KitsuClient
) -> None:
    sync.push_project_entities(source, target, a, b)
    sync.push_tasks(source, target, status, a, b)
    sync.push_tasks_comments(source, a, b)


def view(state: dict[str, Any], statuses: dict[str, str]) -> dict[str, Any]:
    """What a user sees of a project, independent of the instance: names, links, statuses, comments."""
    return {
        **{
            kind: sorted((e["id"], e["name"], e.get("parent_id")) for e in state[kind])
            for kind in ("episodes", "sequences", "shots", "assets")
        },
        "links": sorted(
            (link["entity_in_id"], link["entity_out_id"], link["nb_occurences"]) for link in state["links"]
        ),
        "tasks": sorted((t["id"], statuses[t["task_status_id"]]) for t in state["tasks"]),
        "comments": {
            task_id: sorted(
                (c["text"], c["created_at"][:19], len(c["attachment_files"]), len(c["previews"])) for c in items
            )
            for task_id, items in state["comments"].items()
        },
    }


@pytest.mark.parametrize("stop_at", [("sequences", 2), ("tasks", 4)])
def test_interrupted_push_rerun_matches_the_source(
    client: KitsuClient,
    client_b: KitsuClient,
    new_project: Callable[..., dict[str, Any]],
    new_project_b: Callable[..., dict[str, Any]],
    tmp_path: Path,
    stop_at: tuple[str, int],
) -> None:
    source = new_project()
    build_source(client, source, tmp_path)
    target = fresh_target(client_b, new_project_b, source["name"])
    todo_b = next(s for s in client_b.call("get_data_task_status") if s["short_name"] == "todo")

    def crash_half_way(step: str, done: int, total: int) -> None:
        if (step, done) == stop_at:
            raise Interrupted(f"killed during {step} ({done}/{total})")

    with pytest.raises(Interrupted), sync.progress(crash_half_way):
        push_everything(source, target, todo_b, client, client_b)
    partial = target_state(client_b, target["id"])
    push_everything(source, target, todo_b, client, client_b)

    statuses_a = {s["id"]: s["short_name"] for s in client.call("get_data_task_status")}
    statuses_b = {s["id"]: s["short_name"] for s in client_b.call("get_data_task_status")}
    expected = view(target_state(client, source["id"]), statuses_a)
    assert view(target_state(client_b, target["id"]), statuses_b) == expected
    assert view(partial, statuses_b) != expected, "the interruption left the target incomplete"
