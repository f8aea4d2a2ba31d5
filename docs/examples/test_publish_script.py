"""Tests of publish_script.py on the fake Zou (docs/testing.md): no server, no recording.

pytest -p kitsu_helpers.testing.pytest_fake docs/examples/test_publish_script.py
"""

from __future__ import annotations

from typing import Any

import pytest
from publish_script import PublishError, publish

import kitsu_helpers as gazu
from kitsu_helpers.testing.fake import FakeRouteNotImplemented


@pytest.fixture
def shot_task(fake_zou: Any) -> dict[str, Any]:
    """A production as the script expects it: a shot with an Animation task, a review status."""
    project = gazu.project.new_project("Agent 327", "featurefilm")
    sequence = gazu.shot.new_sequence(project, "SQ01")
    shot = gazu.shot.new_shot(project, sequence, "SH010", nb_frames=48)
    animation = gazu.task.new_task_type("Animation", for_entity="Shot")
    gazu.task.new_task_status("Waiting For Approval", "wfa", "#ab26ff")
    return gazu.task.new_task(shot, animation)


def test_publish_posts_the_comment_with_the_review_status(shot_task: dict[str, Any]) -> None:
    comment = publish("Agent 327", "SQ01", "SH010", "blocking v2")

    task = gazu.task.get_task(shot_task["id"])
    assert task["task_status"]["short_name"] == "wfa"
    assert comment["task_status"]["short_name"] == "wfa"
    assert [c["text"] for c in gazu.task.all_comments_for_task(task)] == ["blocking v2"]


def test_publish_names_what_is_missing(shot_task: dict[str, Any]) -> None:
    with pytest.raises(PublishError, match="no shot SQ01/SH999"):
        publish("Agent 327", "SQ01", "SH999", "oops")
    with pytest.raises(PublishError, match="no Layout task"):
        publish("Agent 327", "SQ01", "SH010", "oops", task_type_name="Layout")


def test_previews_are_beyond_the_fake(shot_task: dict[str, Any], tmp_path: Any) -> None:
    movie = tmp_path / "playblast.mp4"
    movie.write_bytes(b"not really a movie")
    with pytest.raises(gazu.errors.PublishFailedException, match="does not implement POST .*/add-preview") as failed:
        publish("Agent 327", "SQ01", "SH010", "with a movie", preview=str(movie))
    assert isinstance(failed.value.__cause__, FakeRouteNotImplemented)  # record this test against a real Zou
