"""Stable operation identity: a Zou release that only renames or reorders path parameters keeps every helper
working. On spec fragments shaped like Zou 1.0.40's and 1.0.97's (no old Zou needed)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import regen  # noqa: E402
import spec_diff  # noqa: E402
import spec_patches  # noqa: E402

TEMPLATE_ID = "4b1c3f5e-0d7a-4c41-9a57-6b8f2e0c9d11"
TASK_TYPE_ID = "5c2d4a6f-1e8b-4d52-8b68-7c9a3f1d0e22"


def _get(params: list[str], summary: str) -> dict:
    return {
        "get": {
            "tags": ["Project Templates"],
            "summary": summary,
            "parameters": [{"in": "path", "name": n, "required": True, "type": "string", "format": "uuid"} for n in params],
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "array"}}}}},
        }
    }  # fmt: skip


def fragment(version: str, template: str, descriptor: str) -> dict:
    """A two-route spec: the template route names its parameter `template`, the descriptor route lists two."""
    return {
        "openapi": "3.0.2",
        "info": {"title": "Zou", "version": version, "description": f"Version: {version}"},
        "paths": {
            f"/data/project-templates/{{{template}}}/task-types": _get([template], "Task types of a template"),
            f"/data/projects/{{project_id}}/metadata-descriptors/{{{descriptor}}}": _get(
                ["project_id", descriptor], "A descriptor"
            ),
            "/data/projects": _get([], "Projects"),
        },
    }


NEW = fragment("1.0.97", "project_template_id", "metadata_descriptor_id")
OLD = fragment("1.0.40", "template_id", "descriptor_id")


def patched(spec: dict) -> dict:
    spec = copy.deepcopy(spec)
    spec_patches.apply_patches(spec)
    return spec


def test_a_renamed_path_parameter_is_the_same_operation_in_the_report() -> None:
    changes = spec_diff.diff(spec_diff.summarise(patched(NEW)), spec_diff.summarise(patched(OLD)))
    assert changes["removed"] == []
    assert changes["added"] == []
    assert changes["renamed"] == {
        "get_data_project_templates_project_template_id_task_types": "get_data_project_templates_template_id_task_types",
        "get_data_projects_project_id_metadata_descriptors_metadata_descriptor_id": (
            "get_data_projects_project_id_metadata_descriptors_descriptor_id"
        ),
    }
    report = spec_diff.render_report(patched(NEW), patched(OLD), "1.0.97", "1.0.40", {}, [], REPO / "kitsu_helpers")
    helpers_section = report.split("## Helpers affected")[1].split("## ")[0]
    assert "get_data_project_templates_project_template_id_task_types" not in helpers_section
    assert "keep working through the alias table" in helpers_section
    assert "0 removed, 0 changed, 2 renamed" in report


def test_a_route_that_really_goes_is_still_removed() -> None:
    old = copy.deepcopy(NEW)
    del old["paths"]["/data/projects"]
    changes = spec_diff.diff(spec_diff.summarise(patched(NEW)), spec_diff.summarise(patched(old)))
    assert changes["removed"] == ["get_data_projects"]


def test_the_index_keeps_every_id_seen_before_as_an_alias() -> None:
    seen = {"get_data_project_templates_project_template_id_task_types": ("GET", "/data/project-templates/{project_template_id}/task-types"),
            "get_data_projects_project_id_metadata_descriptors_metadata_descriptor_id": (
                "GET", "/data/projects/{project_id}/metadata-descriptors/{metadata_descriptor_id}"),
            "get_data_gone": ("GET", "/data/gone")}  # fmt: skip
    current = {op["operationId"]: (m.upper(), p) for p, m, op in spec_patches.operations(patched(OLD))}
    aliases = regen.operation_aliases(current, seen)
    assert aliases == {
        "get_data_project_templates_project_template_id_task_types": (
            "get_data_project_templates_template_id_task_types",
            "/data/project-templates/{project_template_id}/task-types",
            ("project_template_id",),
        ),
        "get_data_projects_project_id_metadata_descriptors_metadata_descriptor_id": (
            "get_data_projects_project_id_metadata_descriptors_descriptor_id",
            "/data/projects/{project_id}/metadata-descriptors/{metadata_descriptor_id}",
            ("project_id", "metadata_descriptor_id"),
        ),
    }
    assert regen.route_shape("GET", "/a/{x}/b/{y}") == regen.route_shape("get", "/a/{y}/b/{x}")


@pytest.fixture(scope="module")
def old_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch tree regenerated from the 1.0.40-shaped fragment, starting from the committed tree."""
    out = tmp_path_factory.mktemp("scratch")
    spec = out / "old.json"
    spec.write_text(json.dumps(OLD))
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "regen.py"), "--file", str(spec), "--out", str(out)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "generated"


HELPER_RUN = f"""
import httpx, kitsu_api.operations as ops
from kitsu_helpers import KitsuClient, project_template
assert "get_data_project_templates_project_template_id_task_types" not in ops.OPERATIONS
seen = []
def answer(request):
    seen.append(request.url.path)
    return httpx.Response(200, json=[{{"id": "x"}}])
client = KitsuClient("http://kitsu.test/api", access_token="t", transport=httpx.MockTransport(answer))
print(project_template.all_task_types_for_project_template("{TEMPLATE_ID}", client=client))
client.call("get_data_projects_project_id_metadata_descriptors_metadata_descriptor_id",
            project_id="{TEMPLATE_ID}", metadata_descriptor_id="{TASK_TYPE_ID}")
client.call("get_data_project_templates_template_id_task_types", template_id="{TEMPLATE_ID}")
print(seen)
"""


def test_helpers_keep_working_on_a_tree_generated_from_the_renamed_routes(old_tree: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", HELPER_RUN], capture_output=True, text=True,
                          env={"PYTHONPATH": str(old_tree), "PATH": "/usr/bin:/bin"}, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == str(
        [
            f"/api/data/project-templates/{TEMPLATE_ID}/task-types",
            f"/api/data/projects/{TEMPLATE_ID}/metadata-descriptors/{TASK_TYPE_ID}",
            f"/api/data/project-templates/{TEMPLATE_ID}/task-types",
        ]
    )


def test_the_committed_tree_answers_to_zou_1_0_40_ids() -> None:
    """The repository has seen Zou 1.0.40: its ids (`{template_id}`...) still reach the same routes."""
    from kitsu_api.operations import ALIASES, OPERATIONS

    from kitsu_helpers import KitsuClient

    assert len(ALIASES) >= 24
    assert not ALIASES.keys() & OPERATIONS.keys()
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json=[])

    client = KitsuClient("http://kitsu.test/api", access_token="t", transport=httpx.MockTransport(answer))
    client.call("get_data_project_templates_template_id_task_types", template_id=TEMPLATE_ID)
    assert seen == [f"/api/data/project-templates/{TEMPLATE_ID}/task-types"]
    for old, (current, path, names) in ALIASES.items():
        assert regen.route_shape("GET", path) == regen.route_shape("GET", OPERATIONS[current][1]), old
        assert OPERATIONS[current][1].format(**dict.fromkeys(OPERATIONS[current][2], "v")) == path.format(
            **dict.fromkeys(names, "v")
        )


def test_a_tree_remembers_its_own_earlier_ids(tmp_path: Path) -> None:
    """Regenerating a tree twice (an older spelling, then the current one) keeps the older ids as aliases."""
    for spec in (fragment("1.0.30", "tpl_id", "desc_id"), NEW):
        source = tmp_path / "spec.json"
        source.write_text(json.dumps(spec))
        proc = subprocess.run([sys.executable, str(REPO / "scripts" / "regen.py"), "--file", str(source),
                               "--out", str(tmp_path)], capture_output=True, text=True, check=False)  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 renamed" in proc.stdout or "2 renamed" in proc.stdout
    tables = regen.previous_ids(tmp_path)
    assert tables["get_data_project_templates_tpl_id_task_types"] == (
        "GET",
        "/data/project-templates/{tpl_id}/task-types",
    )
    assert "get_data_project_templates_project_template_id_task_types" in tables
