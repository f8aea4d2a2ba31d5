"""Publishing passes one request object: gazu's arguments become a PublishRequest once, at the public entry, and
the client is resolved once per publish (against the real Zou), never falling back to the default client.
Comment building (kitsu_helpers._comments) gives one body and one multipart form for every caller, sync's copies
included."""

from __future__ import annotations

import datetime
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from kitsu_helpers import _previews as pv, client as client_module, sync, task as gazu_task
from kitsu_helpers._comments import NewComment, new_comment
from kitsu_helpers._default import DEFAULT
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import FileDoesntExistException, InvalidParameterValueException

TASK, STATUS, PERSON = (str(uuid.UUID(int=n)) for n in (1, 2, 3))


# --- building the request: pure, no server ---------------------------------------------------------


def test_publish_request_holds_gazu_arguments_normalised(tmp_path: Path) -> None:
    picture, attachment = tmp_path / "v1.png", tmp_path / "notes.txt"
    picture.write_bytes(b"png")
    attachment.write_text("notes")
    moment = datetime.datetime(2026, 3, 4, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    progress: Callable[[int, int], None] = lambda done, total: None  # noqa: E731
    request = pv.PublishRequest.from_gazu(
        {"id": TASK}, {"id": STATUS}, "take 1", {"id": PERSON}, [{"text": "eyes", "checked": False}],
        [str(attachment)], moment, str(picture), None, False, 3, True, ["https://example.test/ref"],
        progress_callback=progress, wait=True, timeout=12.0, poll_interval=0.25,
    )  # fmt: skip
    assert request.task_id == TASK
    assert request.comment == NewComment(
        task_status_id=STATUS,
        text="take 1",
        person_id=PERSON,
        checklist=[{"text": "eyes", "checked": False}],
        links=["https://example.test/ref"],
        created_at="2026-03-04 10:30:00",  # sent in UTC
        attachments=(str(attachment),),
    )
    assert request.preview == pv.PreviewUpload(
        file_path=str(picture), file_url=None, normalize_movie=False, revision=3, set_thumbnail=True, wait=True,
        timeout=12.0, poll_interval=0.25, progress_callback=progress,
    )  # fmt: skip
    with pytest.raises(AttributeError):
        request.task_id = "other"  # type: ignore[misc]  # frozen: built once, read by every step


def test_publish_request_refuses_what_would_fail_after_the_comment(tmp_path: Path) -> None:
    with pytest.raises(FileDoesntExistException, match="nothing was posted"):
        pv.PublishRequest.from_gazu(TASK, STATUS, preview_file_path=str(tmp_path / "missing.png"))
    with pytest.raises(InvalidParameterValueException, match="publish_preview needs preview_file_path"):
        pv.PublishRequest.from_gazu(TASK, STATUS)
    with pytest.raises(InvalidParameterValueException):
        pv.PublishRequest.from_gazu(TASK, STATUS, comment=42, preview_file_url="http://127.0.0.1:9/x.png")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterValueException):
        pv.PublishRequest.from_gazu("not-an-id", STATUS, preview_file_url="http://127.0.0.1:9/x.png")


def test_comment_body_and_form_are_the_same_fields() -> None:
    draft = new_comment({"id": STATUS}, "hi", None, [{"text": "a"}], ["a.txt"], "2026-01-02T03:04:05Z", None, True)
    assert draft.body() == {
        "task_status_id": STATUS,
        "comment": "hi",
        "checklist": [{"text": "a"}],
        "links": [],
        "for_client": True,
        "created_at": "2026-01-02 03:04:05",
    }
    assert draft.form() == {**draft.body(), "checklist": '[{"text": "a"}]', "links": "[]", "for_client": "true"}
    copy = NewComment(STATUS, "x", created_at="2026-01-01T00:00:00")  # sync's copy: no for_client sent
    assert "for_client" not in copy.body()
    assert "for_client" not in copy.form()


# --- against the real server: one resolution per publish --------------------------------------------


@pytest.fixture
def resolutions(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Count the calls of the real client.resolve by calling module, while the default client is a tripwire.

    The default client points at a closed port: a helper that fell back to it would fail the publish.
    """
    tripwire = KitsuClient("http://127.0.0.1:9/api")
    monkeypatch.setattr(DEFAULT, "current", tripwire)
    seen: Counter[str] = Counter()
    code = client_module.resolve.__code__

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code is code and frame.f_back is not None:
            seen[frame.f_back.f_globals.get("__name__", "?")] += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(previous)
        tripwire.close()


def helper_resolutions(seen: Counter[str]) -> dict[str, int]:
    """The resolutions made by helper modules (client.py's raw upload resolves its own argument)."""
    return {module: count for module, count in seen.items() if module != "kitsu_helpers.client"}


def test_publish_resolves_the_client_once(
    preview_world: dict[str, Any],
    media: dict[str, Path],
    resolutions: Counter[str],
) -> None:
    client: KitsuClient = preview_world["client"]
    task = preview_world["task"](preview_world["modeling"], preview_world["asset"], name="resolve-once")
    comment, preview = pv.publish_preview_and_wait(
        task, preview_world["status"], comment="once", preview_file_path=str(media["png"]), set_thumbnail=True,
        client=client, timeout=60, poll_interval=0.5,
    )  # fmt: skip
    assert preview["status"] == "ready"
    assert comment["task_status_id"] == preview_world["status"]["id"]
    assert helper_resolutions(resolutions) == {"kitsu_helpers._previews": 1}

    resolutions.clear()
    again_comment, again = pv.resume_publish(comment, preview, set_thumbnail=True, client=client)
    assert (again_comment["id"], again["id"]) == (comment["id"], preview["id"])
    assert helper_resolutions(resolutions) == {"kitsu_helpers._previews": 1}


def test_sync_copies_a_comment_with_its_attachments_through_the_shared_builder(
    preview_world: dict[str, Any],
    tmp_path: Path,
) -> None:
    """sync.push_task_comment posts its copy with _comments.post_comment: same text, date, checklist, files."""
    client: KitsuClient = preview_world["client"]
    task = preview_world["task"](preview_world["modeling"], preview_world["asset"], name="sync-copy")
    notes, sheet = tmp_path / "notes.txt", tmp_path / "sheet.txt"
    notes.write_text("notes")
    sheet.write_text("sheet")
    source = gazu_task.add_comment(
        task, preview_world["status"], "copy me", checklist=[{"text": "eyes", "checked": True}],
        attachments=[str(notes), str(sheet)], created_at="2026-02-03 04:05:06", client=client,
    )  # fmt: skip
    source = next(c for c in gazu_task.all_comments_for_task(task, client=client) if c["id"] == source["id"])
    status_id = preview_world["status"]["id"]
    assert sync.push_task_comment({status_id: status_id}, {}, task, source, client, client) is source
    copy = next(c for c in gazu_task.all_comments_for_task(task, client=client) if c["id"] != source["id"])
    assert (copy["text"], copy["created_at"][:19], copy["checklist"]) == (
        "copy me",
        source["created_at"][:19],
        [{"text": "eyes", "checked": True}],
    )
    assert sorted(a["name"] for a in copy["attachment_files"]) == ["notes.txt", "sheet.txt"]
