"""kitsu_helpers.edit and kitsu_helpers.concept against the real local Zou, in a TV show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures_show import add_picture_preview, add_task, new_asset, tiny_png

from kitsu_helpers import concept, edit
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import RouteNotFoundException

Show = dict[str, Any]


def names(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["name"] for entry in entries]


# --- edits ---------------------------------------------------------------------------------------


def test_get_edit_by_id_and_name(show: Show) -> None:
    ed = show["edit"]
    got = edit.get_edit(ed["id"])
    assert (got["name"], got["episode_id"], got["data"]) == ("EDIT-E01", show["episodes"]["E01"]["id"], {"cut": 1})
    assert edit.get_edit_by_name(show["project"], "EDIT-E01")["id"] == ed["id"]
    assert edit.get_edit_by_name(show["project"]["id"], "EDIT-NONE") is None


def test_new_edit_in_an_episode_or_the_project_returns_the_existing_one(show: Show) -> None:
    project, e02 = show["project"], show["episodes"]["E02"]
    data = {"length": 42}
    in_e02 = edit.new_edit(project, "EDIT-E02", description="second cut", data=data, episode=e02)
    assert data == {"length": 42}
    assert (in_e02["name"], in_e02["parent_id"], in_e02["description"], in_e02["data"]) == (
        "EDIT-E02",
        e02["id"],
        "second cut",
        {"length": 42},
    )
    assert edit.get_edit(in_e02["id"])["episode_id"] == e02["id"]
    assert edit.new_edit(project["id"], "EDIT-E02", data={"length": 1})["id"] == in_e02["id"]
    trailer = edit.new_edit(project, "Trailer")
    assert (trailer["parent_id"], trailer["data"]) == (None, {})
    assert names(edit.all_edits_for_project(project)) == ["EDIT-E01", "EDIT-E02", "Trailer"]
    assert {e["id"] for e in edit.all_edits_for_project(project["id"])} == {
        show["edit"]["id"],
        in_e02["id"],
        trailer["id"],
    }


def test_edit_urls_match_gazu(show: Show, client: KitsuClient) -> None:
    web = client.host[:-4] if client.host.endswith("/api") else client.host
    pid, e01 = show["project"]["id"], show["episodes"]["E01"]["id"]
    assert edit.get_edit_url(show["edit"]) == f"{web}/productions/{pid}/episodes/{e01}/edits/{show['edit']['id']}/"
    trailer = edit.new_edit(show["project"], "Trailer")
    assert edit.get_edit_url(trailer["id"]) == f"{web}/productions/{pid}/edits/{trailer['id']}/"


def test_update_edit_and_merge_its_data(show: Show) -> None:
    ed = edit.get_edit(show["edit"]["id"])
    ed["description"] = "director's cut"
    ed["data"] = {"cut": 2}
    updated = edit.update_edit(ed)
    assert (updated["description"], updated["data"]) == ("director's cut", {"cut": 2})
    assert edit.update_edit_data(ed["id"], {"locked": True})["data"] == {"cut": 2, "locked": True}
    assert edit.update_edit_data(ed, {"cut": 3})["data"] == {"cut": 3, "locked": True}
    assert edit.update_edit_data(ed)["data"] == {"cut": 3, "locked": True}
    assert edit.get_edit(ed["id"])["data"] == {"cut": 3, "locked": True}


def test_edit_previews_and_removal(show: Show, client: KitsuClient, tmp_path: Path) -> None:
    ed = show["edit"]
    assert edit.all_previews_for_edit(ed) == {}
    task = add_task(client, show["project"]["id"], "edit", "Edit", ed["id"])
    preview = add_picture_preview(client, task, tiny_png(tmp_path / "cut.png"))
    previews = edit.all_previews_for_edit(ed["id"])
    assert [p["id"] for p in previews[task["task_type_id"]]] == [preview["id"]]

    assert edit.remove_edit(ed) == ""  # it has a task: only canceled
    assert edit.get_edit(ed["id"])["canceled"] is True
    assert edit.remove_edit(ed["id"], force=True) == ""
    with pytest.raises(RouteNotFoundException):
        edit.get_edit(ed["id"])
    bare = edit.new_edit(show["project"], "Temp")
    assert edit.remove_edit(bare) == ""
    assert edit.get_edit_by_name(show["project"], "Temp") is None


# --- concepts ------------------------------------------------------------------------------------


def test_all_concepts_and_get(show: Show) -> None:
    co, project = show["concept"], show["project"]
    assert co["id"] in {c["id"] for c in concept.all_concepts()}
    everything = names(concept.all_concepts())
    assert everything == sorted(everything, key=str.lower)
    assert [c["id"] for c in concept.all_concepts_for_project(project)] == [co["id"]]
    got = concept.get_concept(co["id"])
    assert (got["name"], got["data"], got["entity_concept_links"]) == (
        "sword-concept",
        {"style": "ink"},
        [show["asset"]["id"]],
    )
    assert concept.get_concept_by_name(project["id"], "sword-concept")["id"] == co["id"]
    assert concept.get_concept_by_name(project, "nothing") is None


def test_new_concept_links_entities_and_returns_the_existing_one(show: Show, client: KitsuClient) -> None:
    project = show["project"]
    shield = new_asset(client, project["id"], "Prop", "Shield")
    created = concept.new_concept(
        project,
        "arms-concept",
        description="sword and shield",
        data={"palette": "steel"},
        entity_concept_links=[show["asset"], shield["id"]],
    )
    assert (created["name"], created["description"], created["data"]) == (
        "arms-concept",
        "sword and shield",
        {"palette": "steel"},
    )
    assert sorted(created["entity_concept_links"]) == sorted([show["asset"]["id"], shield["id"]])
    assert concept.new_concept(project["id"], "arms-concept", data={"other": 1})["id"] == created["id"]
    plain = concept.new_concept(project, "mood-board")
    assert (plain["entity_concept_links"], plain["data"]) == ([], {})
    assert names(concept.all_concepts_for_project(project["id"])) == ["arms-concept", "mood-board", "sword-concept"]


def test_update_concept_with_a_modified_dict(show: Show) -> None:
    co = concept.get_concept(show["concept"]["id"])
    co["description"] = "final design"
    co["data"] = {"style": "watercolor"}
    updated = concept.update_concept(co)
    assert (updated["description"], updated["data"]) == ("final design", {"style": "watercolor"})
    assert concept.get_concept(co["id"])["description"] == "final design"


def test_concept_previews_and_removal(show: Show, client: KitsuClient, tmp_path: Path) -> None:
    co = show["concept"]
    assert concept.all_previews_for_concept(co) == {}
    task = add_task(client, show["project"]["id"], "concept", "Concept", co["id"])
    preview = add_picture_preview(client, task, tiny_png(tmp_path / "sketch.png"))
    previews = concept.all_previews_for_concept(co["id"])
    assert [p["id"] for p in previews[task["task_type_id"]]] == [preview["id"]]

    assert concept.remove_concept(co) == ""  # it has a task: only canceled
    assert concept.get_concept(co["id"])["canceled"] is True
    assert concept.remove_concept(co["id"], force=True) == ""
    with pytest.raises(RouteNotFoundException):
        concept.get_concept(co["id"])
    scrap = concept.new_concept(show["project"], "scrap")
    assert concept.remove_concept(scrap["id"]) == ""
    assert concept.get_concept_by_name(show["project"], "scrap") is None


def test_edit_and_concept_helpers_check_ids_before_any_request() -> None:
    with pytest.raises(TypeError):
        edit.get_edit(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        concept.new_concept({"name": "no id"}, "x")
    with pytest.raises(TypeError):
        concept.new_concept("a-project-id", "x", entity_concept_links=[42])  # type: ignore[list-item]
