"""Helpers that need an entity dict, an id or a text check it at their entry: a hostile value ("..", None, 42, a
dict without the needed keys) raises a GazuException (InvalidParameterValueException) before any request, never a
raw TypeError/KeyError/AttributeError/AssertionError. Found by tests/test_hostile_nginx.py (its UNTYPED section);
these are its findings as fast unit tests, against a client whose transport records every request."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitsu_helpers import asset, errors, files, playlist, project, shot, sync, task
from kitsu_helpers.client import KitsuClient

ID = str(uuid.UUID(int=1))
ID2 = str(uuid.UUID(int=2))
HOSTILE: dict[str, Any] = {"dotdot": "..", "none": None, "int": 42, "empty-dict": {}}


@pytest.fixture
def recording() -> tuple[KitsuClient, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"id": ID, "name": "x", "task_status_id": ID})

    client = KitsuClient("http://kitsu.test/api", transport=httpx.MockTransport(handler), retries=0)
    client.access_token = "token"
    return client, sent


def valid_arguments(c: KitsuClient, tmp: Path) -> dict[tuple[Callable[..., Any], str], dict[str, Any]]:
    """(helper, parameter under test) -> valid keyword arguments; the parameter is then replaced by each value."""
    comment = {"id": ID, "task_status_id": ID, "created_at": "2026-01-01T00:00:00", "text": "t"}
    pl = {"id": ID, "shots": []}
    avatar = {"kind": "persons", "model": ID, "file_path": str(tmp / "a.png"), "client": c}
    return {
        (asset.assets_page_path, "project"): {"project": {"id": ID, "production_type": "tvshow"}},
        (asset.assets_page_path, "episode_id"): {"project": {"id": ID, "production_type": "tvshow"}, "episode_id": ID},
        (asset.get_asset_type_from_asset, "asset"): {"asset": {"id": ID, "entity_type_id": ID}, "client": c},
        (asset.get_asset_type_url, "asset_type"): {"project": ID, "asset_type": ID, "client": c},
        (asset.update_asset_type, "asset_type"): {"asset_type": {"id": ID, "name": "x"}, "client": c},
        (files.download_avatar, "model"): avatar,
        (files.upload_avatar, "model"): avatar,
        (files.update_comment, "comment"): {"working_file": ID, "comment": "c", "client": c},
        (playlist.remove_entity_from_playlist, "playlist"): {"playlist": pl, "entity": ID, "client": c},
        (playlist.remove_entity_from_playlist, "entity"): {"playlist": pl, "entity": ID, "client": c},
        **{
            (playlist.update_entity_preview, name): {"playlist": pl, "entity": ID, "preview_file": ID2, "client": c}
            for name in ("playlist", "entity", "preview_file")
        },
        **{
            (project.update_metadata_descriptor, name): {
                "project": ID,
                "metadata_descriptor": {"id": ID2, "departments": []},
                "client": c,
            }
            for name in ("project", "metadata_descriptor")
        },
        (project.update_project, "project"): {"project": {"id": ID}, "client": c},
        (shot.shot_spec, "entry"): {"entry": "SH01"},
        (sync.comment_key, "comment"): {"comment": comment},
        **{
            (sync.comment_payload, name): {"comment": comment, "task_status_id": ID, "author_id": ID2}
            for name in ("comment", "task_status_id", "author_id")
        },
        **{
            (sync.map_asset, name): {
                "asset": {"id": ID, "entity_type_id": ID},
                "asset_type_map": {},
                "task_type_map": {},
                "project_id": ID2,
            }
            for name in ("asset", "project_id")
        },
        **{
            (sync.map_entity, name): {"entity": {"id": ID}, "task_type_map": {}, "person_map": {}, "project_id": ID2}
            for name in ("entity", "project_id")
        },
        **{
            (sync.map_task, name): {
                "task": {"id": ID, "task_type_id": ID},
                "task_type_map": {},
                "person_map": {},
                "project_id": ID2,
                "task_status_id": ID,
            }
            for name in ("task", "project_id", "task_status_id")
        },
        (sync.merge_into_source_twin, "entity"): {
            "client": c,
            "step": "shots",
            "entity": {"id": ID},
            "twin": {"id": ID2, "name": "x"},
        },
        **{
            (sync.push_task_comment, name): {
                "task_status_map": {},
                "person_map": {},
                "task": ID,
                "comment": comment,
                "client_source": c,
                "client_target": c,
                "author_id": ID2,
            }
            for name in ("task", "comment", "author_id")
        },
        (task.add_comment, "comment"): {"task": ID, "task_status": ID2, "comment": "c", "client": c},
        (task.get_task_url, "task"): {"task": {"id": ID, "project_id": ID2}, "client": c},
        (task.many_comment_entry, "comment"): {"comment": {"task_id": ID, "task_status_id": ID2, "text": "t"}},
        (task.task_payload, "task"): {"task": {"id": ID}},
        (task.task_to_review, "comment"): {"task": ID, "person": ID2, "comment": "c", "client": c},
        (task.update_task, "task"): {"task": {"id": ID}, "client": c},
    }


# where ".." is a valid value: a comment text, a shot name
TEXT = {
    (files.update_comment, "comment"),
    (task.add_comment, "comment"),
    (task.task_to_review, "comment"),
    (shot.shot_spec, "entry"),
}
# where None is a valid value: an optional id
OPTIONAL = {
    (asset.assets_page_path, "episode_id"),
    (sync.comment_payload, "author_id"),
    (sync.push_task_comment, "author_id"),
}


def cases() -> list[tuple[Callable[..., Any], str, str]]:
    table = valid_arguments(KitsuClient("http://kitsu.test/api"), Path("."))
    return [
        (fn, name, label)
        for fn, name in table
        for label in HOSTILE
        if not (label == "dotdot" and (fn, name) in TEXT) and not (label == "none" and (fn, name) in OPTIONAL)
    ]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # task_to_review is one of gazu's old names
@pytest.mark.parametrize(
    ("fn", "name", "label"), cases(), ids=lambda v: getattr(v, "__qualname__", v) if callable(v) else str(v)
)
def test_hostile_value_raises_a_gazu_exception_before_any_request(
    fn: Callable[..., Any], name: str, label: str, recording: tuple[KitsuClient, list[httpx.Request]], tmp_path: Path
) -> None:
    client, sent = recording
    kwargs = valid_arguments(client, tmp_path)[(fn, name)]
    with pytest.raises(errors.GazuException):
        fn(**{**kwargs, name: HOSTILE[label]})
    assert sent == [], [str(r.url) for r in sent]


@pytest.mark.parametrize(
    "fn",
    [
        asset.assets_page_path,
        shot.shot_spec,
        sync.comment_key,
        sync.comment_payload,
        sync.map_asset,
        sync.map_entity,
        sync.map_task,
        task.many_comment_entry,
        task.task_payload,
    ],
    ids=lambda fn: f"{fn.__module__}.{fn.__name__}",
)
def test_valid_values_still_pass_the_pure_helpers(fn: Callable[..., Any], tmp_path: Path) -> None:
    """The same table with its valid values: the entry checks refuse only what they must (no request here)."""
    table = valid_arguments(KitsuClient("http://kitsu.test/api"), tmp_path)
    kwargs = next(kwargs for (f, _), kwargs in table.items() if f is fn)
    fn(**kwargs)


def test_text_parameters_accept_any_str_and_refuse_others(recording: tuple[KitsuClient, list[httpx.Request]]) -> None:
    client, sent = recording
    files.update_comment(ID, "..", client=client)  # a comment text may be anything, even ".."
    assert len(sent) == 1
    assert sent[0].method == "PUT"
    with pytest.raises(errors.InvalidParameterValueException, match="comment must be a str"):
        task.add_comment(ID, ID2, object(), client=client)  # type: ignore[arg-type]
    assert len(sent) == 1


def test_get_asset_type_url_checks_under_python_o() -> None:
    """The None check is a real one, not an assert (asserts vanish under python -O)."""
    import subprocess
    import sys

    code = (
        "import kitsu_helpers.asset as a, kitsu_helpers.errors as e, httpx\n"
        "from kitsu_helpers.client import KitsuClient\n"
        "c = KitsuClient('http://kitsu.test/api', transport=httpx.MockTransport(lambda r: 1 / 0))\n"
        "try:\n"
        f"    a.get_asset_type_url('{ID}', None, client=c)\n"
        "except e.InvalidParameterValueException:\n"
        "    print('typed')\n"
    )
    done = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "typed", done.stderr[-2000:]
