"""Each spec patch: a defective fragment in, the fixed fragment out (and the count of places it fixed)."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import spec_diff  # noqa: E402
import spec_patches as sp  # noqa: E402


def spec_with(path: str, method: str, op: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"openapi": "3.0.2", "paths": {path: {method: op}}, **top}


def test_drop_swagger2_top_level() -> None:
    spec = {"openapi": "3.0.2", "host": "x", "basePath": "/", "schemes": ["http"], "paths": {}}
    assert sp.drop_swagger2_top_level(spec) == 3
    assert set(spec) == {"openapi", "paths"}


def test_drop_swagger2_operation_keys() -> None:
    spec = spec_with("/a", "post", {"consumes": ["x"], "produces": ["y"], "responses": {}})
    assert sp.drop_swagger2_operation_keys(spec) == 2
    assert spec["paths"]["/a"]["post"] == {"responses": {}}


def test_rename_security_scheme() -> None:
    spec = spec_with("/a", "get", {"security": [{"JWT Authorization": []}]})
    spec["security"] = [{"JWT Authorization": []}]
    spec["components"] = {"securitySchemes": {"JWT Authorization": {"type": "apiKey"}}}
    assert sp.rename_security_scheme(spec) == 3
    assert spec["components"]["securitySchemes"] == {"JWTAuthorization": {"type": "apiKey"}}
    assert spec["security"] == [{"JWTAuthorization": []}]
    assert spec["paths"]["/a"]["get"]["security"] == [{"JWTAuthorization": []}]


def test_form_data_parameters_become_a_multipart_body() -> None:
    op = {
        "parameters": [
            {"in": "path", "name": "id", "required": True, "type": "string"},
            {"in": "formData", "name": "file", "type": "file", "required": True},
            {"in": "formData", "name": "text", "type": "string"},
        ]
    }
    spec = spec_with("/a/{id}", "post", op)
    assert sp.form_and_body_parameters_to_request_body(spec) == 2
    assert [p["name"] for p in op["parameters"]] == ["id"]
    schema = op["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema == {
        "type": "object",
        "properties": {"file": {"type": "file"}, "text": {"type": "string"}},
        "required": ["file"],
    }


def test_body_parameter_becomes_a_json_body() -> None:
    op = {"parameters": [{"in": "body", "name": "body", "required": True, "schema": {"type": "object"}}]}
    spec = spec_with("/a", "post", op)
    assert sp.form_and_body_parameters_to_request_body(spec) == 1
    assert op == {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}, "required": True}}


def test_parameter_schema_keywords_move_into_schema() -> None:
    op = {
        "parameters": [
            {"in": "query", "name": "n", "type": "integer", "minimum": 1, "format": "int32"},
            {"in": "query", "name": "s"},
        ]
    }
    spec = spec_with("/a", "get", op)
    assert sp.parameter_schema_keywords_into_schema(spec) == 2
    assert op["parameters"][0] == {
        "in": "query",
        "name": "n",
        "schema": {"type": "integer", "minimum": 1, "format": "int32"},
    }
    assert op["parameters"][1]["schema"] == {"type": "string"}


def test_parameter_defaults_move_into_the_description() -> None:
    op = {
        "parameters": [
            {"in": "query", "name": "force", "default": False, "schema": {"type": "boolean"}, "description": "Force"}
        ]
    }
    spec = spec_with("/a", "delete", op)
    assert sp.parameter_defaults_into_description(spec) == 1
    assert op["parameters"][0] == {
        "in": "query",
        "name": "force",
        "schema": {"type": "boolean"},
        "description": "Force (server default: False)",
    }


def test_request_body_defaults_are_not_sent() -> None:
    schema = {"type": "object", "properties": {"for_client": {"type": "boolean", "default": False}}}
    spec = spec_with("/a", "put", {"requestBody": {"content": {"application/json": {"schema": schema}}}})
    assert sp.request_body_defaults_into_description(spec) == 1
    assert schema["properties"]["for_client"] == {"type": "boolean", "description": "(server default: False)"}


def test_boolean_required_becomes_the_parent_list() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string", "required": True}, "b": {"type": "string", "required": False}},
    }
    spec = spec_with("/a", "post", {"requestBody": {"content": {"application/json": {"schema": schema}}}})
    assert sp.boolean_required_to_list(spec) == 2
    assert schema == {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        "required": ["a"],
    }


def test_unknown_types_are_fixed() -> None:
    response = {
        "200": {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "duration": {"type": "float"},
                            "by_day": {"type": "dict", "items": {"type": "object"}},
                        },
                    }
                }
            }
        }
    }
    spec = spec_with("/a", "get", {"responses": response})
    assert sp.fix_unknown_types(spec) == 2
    props = response["200"]["content"]["application/json"]["schema"]["properties"]
    assert props == {"duration": {"type": "number"}, "by_day": {}}


def test_arrays_get_items() -> None:
    response = {"200": {"content": {"application/json": {"schema": {"type": "array"}}}}}
    spec = spec_with("/a", "get", {"responses": response})
    assert sp.arrays_have_items(spec) == 1
    assert response["200"]["content"]["application/json"]["schema"] == {"type": "array", "items": {}}


def test_undeclared_path_parameters_are_declared_and_strays_dropped() -> None:
    op = {"parameters": [{"in": "path", "name": "other_id", "required": True, "schema": {"type": "string"}}]}
    spec = spec_with("/a/{filter_group_id}", "get", op)
    assert sp.declare_path_parameters(spec) == 2
    assert op["parameters"] == [
        {"in": "path", "name": "filter_group_id", "required": True, "schema": {"type": "string"}}
    ]


def test_uuid_parameters_are_plain_strings() -> None:
    op = {"parameters": [{"in": "path", "name": "id", "schema": {"type": "string", "format": "uuid"}}]}
    spec = spec_with("/a/{id}", "get", op)
    assert sp.path_ids_are_strings(spec) == 1
    assert op["parameters"][0]["schema"] == {"type": "string"}


def test_operations_without_responses_get_one() -> None:
    spec = {"paths": {"/a": {"delete": {}, "get": {}}}}
    assert sp.add_missing_responses(spec) == 2
    assert spec["paths"]["/a"]["delete"]["responses"] == {"204": {"description": "Deleted"}}
    assert spec["paths"]["/a"]["get"]["responses"]["200"]["content"] == {"application/json": {"schema": {}}}


def test_undeclared_success_bodies_become_json() -> None:
    responses = {"200": {"description": "OK"}, "201": {"description": "Made"}, "204": {"description": "Gone"}}
    spec = spec_with("/auth/authenticated", "get", {"responses": responses})
    assert sp.json_for_undeclared_success_bodies(spec) == 2
    assert responses["200"]["content"] == {"application/json": {"schema": {}}}
    assert responses["201"]["content"] == {"application/json": {"schema": {}}}
    assert "content" not in responses["204"]


def _json_200(schema: dict[str, Any]) -> dict[str, Any]:
    return {"responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}}


def test_a_page_answer_may_also_be_a_plain_list() -> None:
    item = {"type": "object", "properties": {"id": {"type": "string"}}}
    page = {"type": "object", "properties": {"data": {"type": "array", "items": item}, "page": {"type": "integer"}}}
    spec = spec_with("/data/projects/{project_id}/tasks", "get", _json_200(copy.deepcopy(page)))
    assert sp.paginated_answers_also_plain_lists(spec) == 1
    schema = spec["paths"]["/data/projects/{project_id}/tasks"]["get"]["responses"]["200"]["content"]
    assert schema["application/json"]["schema"] == {"oneOf": [page, {"type": "array", "items": item}]}
    assert sp.paginated_answers_also_plain_lists(spec_with("/x", "get", _json_200(item))) == 0


def test_answers_get_the_shape_the_server_sends() -> None:
    listed = {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}}
    spec = spec_with("/data/entities/{entity_id}/news", "get", _json_200(copy.deepcopy(listed)))
    assert sp.answers_as_served(spec) == 1
    schema = spec["paths"]["/data/entities/{entity_id}/news"]["get"]["responses"]["200"]["content"]
    page, plain = schema["application/json"]["schema"]["oneOf"]
    assert page["properties"]["data"] == listed
    assert plain == listed
    assert sp.answers_as_served(spec) == 0  # applied once: no longer a list


def test_two_content_types_keep_multipart() -> None:
    body = {"content": {"application/json": {"schema": {}}, "multipart/form-data": {"schema": {"type": "object"}}}}
    spec = spec_with("/a", "post", {"requestBody": body})
    assert sp.single_content_type_request_bodies(spec) == 1
    assert list(body["content"]) == ["multipart/form-data"]


def test_response_properties_become_nullable_and_optional() -> None:
    schema = {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string"},
            "list": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "integer"}}}},
        },
    }
    spec = spec_with("/a", "get", {"responses": {"200": {"content": {"application/json": {"schema": schema}}}}})
    assert sp.lenient_response_schemas(spec) == 4
    assert "required" not in schema
    assert schema["properties"]["id"] == {"type": "string", "nullable": True}
    assert schema["properties"]["list"]["items"]["properties"]["x"]["nullable"] is True


def test_tags_differing_by_case_are_merged() -> None:
    spec = {
        "tags": [{"name": "Project Templates"}, {"name": "Project templates"}],
        "paths": {"/a": {"get": {"tags": ["Project templates", "X"]}}},
    }
    assert sp.normalise_tags(spec) == 2
    assert spec["paths"]["/a"]["get"]["tags"] == ["Project Templates"]
    assert spec["tags"] == [{"name": "Project Templates"}]


def test_identical_alias_routes_are_folded() -> None:
    op = {"summary": "Guess", "responses": {"200": {"description": "ok"}}}
    spec = {
        "paths": {"/e/guess-from-path": {"post": copy.deepcopy(op)}, "/e/guess_from_path": {"post": copy.deepcopy(op)}}
    }
    sp.FOLDED_ALIASES.clear()
    assert sp.fold_alias_routes(spec) == 1
    assert list(spec["paths"]) == ["/e/guess-from-path"]
    assert sp.FOLDED_ALIASES == ["POST /e/guess_from_path -> /e/guess-from-path"]


def test_operation_ids_come_from_routes_and_clashes_fail_loudly() -> None:
    spec = {"paths": {"/data/projects/{project_id}/task-types": {"get": {}}, "/": {"get": {}}}}
    assert sp.operation_ids_from_routes(spec) == 2
    assert (
        spec["paths"]["/data/projects/{project_id}/task-types"]["get"]["operationId"]
        == "get_data_projects_project_id_task_types"
    )
    assert spec["paths"]["/"]["get"]["operationId"] == "get_root"
    clash = {"paths": {"/a-b": {"get": {"x": 1}}, "/a_b": {"get": {"x": 2}}}}
    with pytest.raises(ValueError, match="clashes"):
        sp.operation_ids_from_routes(clash)


def test_descriptions_name_the_route() -> None:
    spec = spec_with("/a/{id}", "put", {"description": "Update it"})
    assert sp.route_in_descriptions(spec) == 1
    assert spec["paths"]["/a/{id}"]["put"]["description"] == "PUT /a/{id}\n\nUpdate it"
    assert sp.route_in_descriptions(spec) == 0


def test_paths_and_methods_are_sorted() -> None:
    spec = {"paths": {"/b": {"put": {}, "get": {}}, "/a": {"post": {}}}}
    sp.sort_paths_and_methods(spec)
    assert list(spec["paths"]) == ["/a", "/b"]
    assert list(spec["paths"]["/b"]) == ["get", "put"]


def test_duplicated_parameters_keep_one_declaration() -> None:
    path = "/actions/projects/{project_id}/task-types/{task_type_id}/create-tasks/{entity_type}/"
    task_type = {"in": "path", "name": "task_type_id", "type": "string"}
    op = {"parameters": [task_type, {"in": "path", "name": "project_id"}, {**task_type, "required": True}]}
    spec = spec_with(path, "post", op)
    assert sp.drop_duplicate_parameters(spec) == 1
    assert [p["name"] for p in op["parameters"]] == ["task_type_id", "project_id"]
    assert op["parameters"][0]["required"] is True
    assert sp.drop_duplicate_parameters(spec) == 0


def test_swagger2_response_schemas_move_into_content() -> None:
    spec = {
        "paths": {
            "/data/working-files/{id}/file": {
                "get": {"responses": {"200": {"description": "x", "schema": {"type": "file"}}}}
            },
            "/data/tasks/{id}/working-files/new": {
                "post": {"responses": {"201": {"description": "x", "schema": {"type": "file"}}}}
            },
            "/data/tasks/open-tasks": {
                "get": {
                    "responses": {"200": {"schema": {"type": "object", "properties": {"page": {"type": "integer"}}}}}
                }
            },
        }
    }
    assert sp.response_schemas_into_content(spec) == 3
    paths = spec["paths"]
    download = paths["/data/working-files/{id}/file"]["get"]["responses"]["200"]
    assert download == {
        "description": "x",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
    created = paths["/data/tasks/{id}/working-files/new"]["post"]["responses"]["201"]
    assert created["content"] == {"application/json": {"schema": {}}}
    page = paths["/data/tasks/open-tasks"]["get"]["responses"]["200"]
    assert page == {
        "content": {"application/json": {"schema": {"type": "object", "properties": {"page": {"type": "integer"}}}}}
    }
    assert sp.response_schemas_into_content(spec) == 0


def test_responses_without_description_get_the_reason_phrase() -> None:
    responses = {"200": {"content": {}}, "404": {"description": "Missing"}, "default": {}}
    spec = spec_with("/data/tasks/open-tasks", "get", {"responses": responses})
    assert sp.describe_responses(spec) == 2
    assert responses["200"]["description"] == "OK"
    assert responses["404"]["description"] == "Missing"
    assert responses["default"]["description"] == "Response"


def _form_schema(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def test_uuid_types_become_uuid_strings() -> None:
    schema = _form_schema(reply_id={"type": "uuid"}, asset_ids={"type": "array", "items": {"type": "UUID"}})
    spec = spec_with("/a", "post", {"requestBody": {"content": {"multipart/form-data": {"schema": schema}}}})
    assert sp.uuid_types_are_strings(spec) == 2
    assert schema["properties"]["reply_id"] == {"type": "string", "format": "uuid"}
    assert schema["properties"]["asset_ids"]["items"] == {"type": "string", "format": "uuid"}
    assert sp.uuid_types_are_strings(spec) == 0


def test_list_types_in_words_become_arrays() -> None:
    schema = _form_schema(
        links={"type": "list of UUIDs"}, index_names={"type": "list of strings"}, other={"type": "list of things"}
    )
    spec = spec_with("/a", "post", {"requestBody": {"content": {"application/json": {"schema": schema}}}})
    assert sp.free_text_list_types_are_arrays(spec) == 3
    assert schema["properties"] == {
        "links": {"type": "array", "items": {"type": "string", "format": "uuid"}},
        "index_names": {"type": "array", "items": {"type": "string"}},
        "other": {"type": "array", "items": {}},
    }
    assert sp.free_text_list_types_are_arrays(spec) == 0


@pytest.mark.parametrize("version", ["0.19.70", "0.20.80"])
def test_old_release_quirks_are_patched_so_the_generator_accepts_every_operation(version: str) -> None:
    """Real extracts of the specs Zou 0.19.70 and 0.20.80 serve (each operation the generator rejected or
    mistyped): patched, the generator parses them without a warning and builds every operation."""
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData

    raw_file = REPO / "tests" / "data" / f"zou-{version}-quirks.json"
    spec = json.loads(raw_file.read_text())
    config_file = ConfigFile.load_from_path(REPO / "openapi" / "generator-config.yaml")
    config = Config.from_sources(config_file, MetaType.NONE, raw_file, "utf-8", False, output_path=None)
    assert not isinstance(GeneratorData.from_dict(copy.deepcopy(spec), config=config), GeneratorData)
    report = sp.apply_patches(spec)
    assert all(report[patch] > 0 for patch in sp.OLD_RELEASE_PATCHES), report
    data = GeneratorData.from_dict(spec, config=config)
    assert isinstance(data, GeneratorData)
    collections = data.endpoint_collections_by_tag.values()
    assert [e.header for c in collections for e in c.parse_errors] == []
    built = {(e.method, e.path) for c in collections for e in c.endpoints}
    assert built == {(m, p) for p, m, _ in sp.operations(spec)}
    open_tasks = spec["paths"].get("/data/tasks/open-tasks", {}).get("get")
    if open_tasks:  # the old-style answer schema is kept, not dropped
        page = open_tasks["responses"]["200"]["content"]["application/json"]["schema"]
        assert {"data", "page", "limit", "is_more"} <= set(page["oneOf"][0]["properties"])


def test_pointer_patch_reports_zero_when_the_spec_already_holds_the_value() -> None:
    pointer, value, _ = sp.POINTER_PATCHES[0]
    spec = json.loads((REPO / "openapi" / "source.json").read_text())
    report = sp.apply_patches(spec)
    assert report[pointer] == 1
    assert sp.apply_pointer_patch(spec, pointer, value) == 0  # already applied: no longer changes anything
    assert sp.apply_pointer_patch({"paths": {}}, pointer, value) == 0


def test_pointer_patch_whose_target_is_gone_is_reported_as_not_applied() -> None:
    report = sp.apply_patches({"paths": {}})
    pointers = [pointer for pointer, _, _ in sp.POINTER_PATCHES]
    assert pointers
    assert all(report[pointer] == 0 for pointer in pointers)


def test_every_patch_applies_to_the_committed_spec_except_those_for_older_releases() -> None:
    spec = json.loads((REPO / "openapi" / "source.json").read_text())
    report = sp.apply_patches(spec)
    assert {name for name, count in report.items() if count == 0} == set(sp.OLD_RELEASE_PATCHES), report
    assert len(list(sp.operations(spec))) == 805


def test_change_report_lists_added_removed_changed_and_affected_helpers(tmp_path: Path) -> None:
    old = {
        "paths": {
            "/a": {
                "get": {
                    "operationId": "get_a",
                    "tags": ["T"],
                    "parameters": [{"in": "query", "name": "x", "schema": {"type": "string"}}],
                }
            },
            "/gone": {"get": {"operationId": "get_gone", "tags": ["T"]}},
        }
    }
    new = {
        "paths": {
            "/a": {
                "get": {
                    "operationId": "get_a",
                    "tags": ["T"],
                    "parameters": [{"in": "query", "name": "y", "schema": {"type": "string"}}],
                }
            },
            "/new": {"post": {"operationId": "post_new", "tags": ["U"]}},
        }
    }
    helpers = tmp_path / "kitsu_helpers"
    helpers.mkdir()
    (helpers / "thing.py").write_text(
        "def fetch(client):\n    return delete_text(client, 'get_gone')\n\n"
        "def other(client):\n    return client.call('get_a', params={})\n\n"
    )
    report = spec_diff.render_report(old, new, "1.0.0", "1.0.1", {"p": 1, "q": 0}, [], helpers)
    assert "1 added, 1 removed, 1 changed" in report
    assert "- `get_gone` (removed, GET /gone): kitsu_helpers.thing.fetch" in report
    others = report.split("### Other changes")[1]
    assert "- `get_a` (changed, GET /a: parameter `query:x` removed; parameter `query:y` added): kitsu_helpers.thing.other" in others  # fmt: skip
    assert "`q`: **no longer applies**" in report


def test_operation_references_are_found_in_wrappers_and_tables_but_not_in_function_names(tmp_path: Path) -> None:
    helpers = tmp_path / "kitsu_helpers"
    helpers.mkdir()
    (helpers / "mod.py").write_text(
        "__all__ = ['get_host']\n"
        "TABLE = {'person': 'get_data_persons_person_id'}\n"
        "def get_host():\n    return client.call('get_data_projects')\n"
        "def remove(client):\n    return delete_text(client, 'delete_data_shots_shot_id', None)\n"
    )
    found = {(op, where) for op, where, _ in spec_diff.operation_calls(helpers)}
    assert found == {
        ("get_data_persons_person_id", "kitsu_helpers.mod.<module>"),
        ("get_data_projects", "kitsu_helpers.mod.get_host"),
        ("delete_data_shots_shot_id", "kitsu_helpers.mod.remove"),
    }


def test_typed_calls_are_found_under_any_import_name(tmp_path: Path) -> None:
    """The regen report sees helpers that call the typed surface (kitsu_api.calls), not only operationId strings."""
    helpers = tmp_path / "kitsu_helpers"
    helpers.mkdir()
    (helpers / "mod.py").write_text(
        "from kitsu_api.calls import projects as projects_ops, tasks\n"
        "from kitsu_api.calls.shots import delete_data_shots_shot_id as remove_it\n"
        "import kitsu_api.calls.crud as crud\n"
        "def one(client):\n    return projects_ops.get_data_projects_project_id(client, project_id='x')\n"
        "def two(client):\n    return tasks.get_data_tasks_task_id(client, task_id='x')\n"
        "def three(client):\n    return remove_it(client, shot_id='x')\n"
        "def four(client):\n    return crud.get_data_projects(client)\n"
        "def not_a_call(other):\n    return other.get_data_persons(client)\n"
    )
    found = {(op, where) for op, where, _ in spec_diff.operation_calls(helpers)}
    assert found == {
        ("get_data_projects_project_id", "kitsu_helpers.mod.one"),
        ("get_data_tasks_task_id", "kitsu_helpers.mod.two"),
        ("delete_data_shots_shot_id", "kitsu_helpers.mod.three"),
        ("get_data_projects", "kitsu_helpers.mod.four"),
    }
