"""The typed generated API against the real local Zou: one operation per tag, through `<op>.sync(client=client.api)`
and `await <op>.asyncio(client=client.async_api)`, both sharing the KitsuClient's auth, retries and typed errors."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from kitsu_api.operations import OPERATIONS
from kitsu_api.types import File

from kitsu_helpers import KitsuClient, errors, project_template, shot
from kitsu_helpers.client import load_operation_module

pytestmark = pytest.mark.server

# tag -> (operationId, path parameters from the fixture data, other keyword arguments)
PER_TAG: dict[str, tuple[str, tuple[str, ...], dict[str, Any]]] = {
    "assets": ("get_data_asset_types", (), {}),
    "authentication": ("get_auth_authenticated", (), {}),
    "breakdown": ("get_data_projects_project_id_entity_links", ("project_id",), {}),
    "chat": ("get_data_entities_entity_id_chat_messages", ("entity_id",), {}),
    "comments": ("get_data_projects_project_id_attachment_files", ("project_id",), {}),
    "concepts": ("get_data_concepts", (), {}),
    "crud": ("get_data_projects_instance_id", ("instance_id",), {}),
    "departments": ("get_data_departments_hardware_items", (), {}),
    "edits": ("get_data_edits", (), {}),
    "entities": ("get_data_entities_entity_id_news", ("entity_id",), {}),
    "events": ("get_data_events_names", (), {}),
    "export": ("get_export_csv_projects_csv", (), {}),
    "files": ("get_data_entities_entity_id_output_files", ("entity_id",), {}),
    "import_": ("get_import_shotgun_errors", (), {}),
    "index": ("get_config", (), {}),
    "news": ("get_data_projects_project_id_news", ("project_id",), {}),
    "persons": ("get_data_persons_day_offs_year", ("year",), {}),
    "playlists": ("get_data_projects_project_id_playlists_all", ("project_id",), {}),
    "previews": ("get_data_playlists_preview_files_running", (), {}),
    "project_templates": ("get_data_project_templates_project_template_id_task_types", ("project_template_id",), {}),
    "projects": ("get_data_projects_open", (), {}),
    "search": ("post_data_search", (), {"body": "search"}),
    "shots": ("get_data_projects_project_id_episodes", ("project_id",), {}),
    "tasks": ("get_data_tasks_open_tasks", (), {}),
    "user": ("get_data_user_context", (), {}),
}


def test_the_table_covers_every_tag() -> None:
    tags = {entry[-1].split(".")[2] for entry in OPERATIONS.values()}
    assert set(PER_TAG) == tags
    for tag, (op_id, _, _) in PER_TAG.items():
        assert OPERATIONS[op_id][-1].split(".")[2] == tag


@pytest.fixture
def data(
    client: KitsuClient, new_project: Callable[..., dict[str, Any]], unique: Callable[[str], str]
) -> Iterator[dict[str, Any]]:
    project = new_project()
    episode = shot.new_episode(project, unique("ep"), client=client)
    template = project_template.new_project_template(unique("tpl"), client=client)
    yield {
        "project_id": project["id"],
        "instance_id": project["id"],
        "entity_id": episode["id"],
        "project_template_id": template["id"],
        "year": "2026",
    }
    project_template.remove_project_template(template, client=client)


def _arguments(op_id: str, data: dict[str, Any]) -> dict[str, Any]:
    _, path_names, extra = PER_TAG[next(tag for tag, entry in PER_TAG.items() if entry[0] == op_id)]
    kwargs: dict[str, Any] = {name: data[name] for name in path_names}
    if extra.get("body") == "search":
        from kitsu_api.models import PostDataSearchBody

        kwargs["body"] = PostDataSearchBody(query="kitsu")
    return kwargs


def _plain(value: Any) -> Any:
    """Comparable form of a parsed answer: models as dicts, files as bytes, lists element-wise."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, File):
        return value.payload.read()
    return value.to_dict() if hasattr(value, "to_dict") else value


@pytest.mark.parametrize("tag", sorted(PER_TAG))
def test_one_operation_per_tag_sync_and_async(tag: str, client: KitsuClient, data: dict[str, Any]) -> None:
    op_id = PER_TAG[tag][0]
    module = load_operation_module(op_id)
    kwargs = _arguments(op_id, data)
    if tag == "search":  # the local Zou runs without a search indexer: 500, a typed error on both sides
        with pytest.raises(errors.ServerErrorException):
            module.sync(client=client.api, **kwargs)
        with pytest.raises(errors.ServerErrorException):
            asyncio.run(module.asyncio(client=client.async_api, **kwargs))
        return
    parsed = module.sync(client=client.api, **kwargs)
    assert parsed is not None, f"{op_id}: a 2xx answer parsed as None"
    detailed = asyncio.run(module.asyncio_detailed(client=client.async_api, **kwargs))
    assert 200 <= detailed.status_code < 300
    async_parsed = asyncio.run(module.asyncio(client=client.async_api, **kwargs))
    if PER_TAG[tag][1]:  # scoped to this test's own data, so the same both times (other lists change meanwhile)
        assert _plain(async_parsed) == _plain(parsed), op_id


def test_models_keep_every_field_the_server_sends(client: KitsuClient, data: dict[str, Any]) -> None:
    from kitsu_api.api.crud import get_data_projects_instance_id

    raw = client.call("get_data_projects_instance_id", instance_id=data["project_id"])
    model = get_data_projects_instance_id.sync(data["project_id"], client=client.api)
    assert model is not None
    assert not isinstance(model, list)
    dumped = model.to_dict()
    assert set(dumped) == set(raw)
    assert dumped["name"] == raw["name"] == model.name
    undeclared = sorted(set(raw) - set(dumped) | set(model.additional_keys))
    assert all(model[key] == raw[key] for key in undeclared)  # the fields the spec does not declare


def test_async_api_raises_typed_errors_and_refreshes_once(client: KitsuClient, data: dict[str, Any]) -> None:
    from kitsu_api.api.crud import get_data_projects_instance_id

    with pytest.raises(errors.RouteNotFoundException) as caught:
        asyncio.run(
            get_data_projects_instance_id.asyncio("00000000-0000-4000-8000-000000000000", client=client.async_api)
        )
    assert caught.value.status == 404
    other = KitsuClient(client.host, tokens=client.tokens)
    try:
        other.access_token = None  # a 401: one refresh with the refresh token for both calls, then a replay

        async def two_at_once() -> list[Any]:
            return list(await asyncio.gather(*(
                get_data_projects_instance_id.asyncio(data["project_id"], client=other.async_api) for _ in range(2)
            )))  # fmt: skip

        results = asyncio.run(two_at_once())
        assert [str(r.id) for r in results] == [data["project_id"]] * 2
        assert other.refresh_count == 1
    finally:
        other.close()


def test_every_module_the_table_names_imports() -> None:
    for op_id, _, _ in PER_TAG.values():
        assert callable(importlib.import_module(OPERATIONS[op_id][-1]).asyncio)


@pytest.mark.parametrize(
    "op_id",
    [
        "get_data_entities_entity_id_news",  # a page, where the spec said a list
        "get_data_projects_project_id_tasks",  # a list, where the spec said a page (no page asked for)
        "get_data_projects_project_id_preview_files",
        "get_data_projects_project_id_news",
    ],
)
def test_answers_whose_shape_the_spec_got_wrong_parse(op_id: str, client: KitsuClient, data: dict[str, Any]) -> None:
    module = load_operation_module(op_id)
    names = OPERATIONS[op_id][2]
    parsed = module.sync(*(data[n] for n in names), client=client.api)
    raw = client.call(op_id, **{n: data[n] for n in names})
    assert isinstance(parsed, list) == isinstance(raw, list)
    plain = _plain(parsed)
    assert (set(plain) == set(raw)) if isinstance(raw, dict) else (len(plain) == len(raw))
