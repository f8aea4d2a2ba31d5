#!/usr/bin/env python3
"""Check that helpers survive a Zou release that renames path parameters (`make rename-check`, Zou 1.0.40).

Run with PYTHONPATH=<scratch>/generated, a tree regenerated from that release (starting from the committed one):

1. every operationId the helpers name is in the scratch index, directly or as an alias, except the routes that
   release really lacks (printed), and every alias fills its route with the same URL as the operation it names;
2. the project-template and metadata-descriptor helpers, whose routes that release spells with other parameter
   names (`{template_id}`, `{descriptor_id}`), run against the real server at URL.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import spec_diff  # noqa: E402
from kitsu_api.operations import ALIASES, OPERATIONS, operation  # noqa: E402

import kitsu_helpers as gazu  # noqa: E402
from kitsu_helpers import KitsuClient, project, project_template  # noqa: E402


def check_index() -> None:
    ids = sorted({op for op, _, _ in spec_diff.operation_calls(REPO / "kitsu_helpers")})
    aliased = [op for op in ids if op not in OPERATIONS and op in ALIASES]
    missing = [op for op in ids if op not in OPERATIONS and op not in ALIASES]
    print(f"{len(ids)} operation ids in helpers: {len(ids) - len(aliased) - len(missing)} current, "
          f"{len(aliased)} through aliases, {len(missing)} missing from this release: {', '.join(missing) or '-'}")  # fmt: skip
    client = KitsuClient("http://kitsu.test/api")
    for op in aliased:
        values = {name: str(uuid.uuid5(uuid.NAMESPACE_URL, name)) for name in operation(op).path_params}
        target = OPERATIONS[ALIASES[op][0]]
        expected = "http://kitsu.test/api" + target[1].format(**dict(zip(target[2], values.values(), strict=True)))
        assert client.url_of(op, **values) == expected, op
    print(f"{len(aliased)} aliases fill their route with the URL of the operation they name")


def check_server(url: str) -> None:
    client = KitsuClient(url)
    gazu.log_in(os.environ.get("KITSU_EMAIL", "admin@example.com"), os.environ.get("KITSU_PASSWORD", "mysecretpassword"), client=client)  # fmt: skip
    tag = uuid.uuid4().hex[:6]
    done = []
    template = project_template.new_project_template(f"rename-check-{tag}", client=client)
    prod = client.call("post_data_projects", json={"name": f"rename-check-{tag}", "production_type": "tvshow"})
    try:
        kinds = (
            ("task_type", "task_types", gazu.task.all_task_types(client=client)[0]),
            ("task_status", "task_statuses", gazu.task.all_task_statuses(client=client)[0]),
            ("asset_type", "asset_types", gazu.asset.all_asset_types(client=client)[0]),
        )
        for kind, kinds_name, item in kinds:
            names = (f"add_{kind}_to_project_template", f"all_{kinds_name}_for_project_template",
                     f"remove_{kind}_from_project_template")  # fmt: skip
            getattr(project_template, names[0])(template, item, client=client)
            listed = getattr(project_template, names[1])(template, client=client)
            assert item["id"] in [entry["id"] for entry in listed], kind
            getattr(project_template, names[2])(template, item, client=client)
            done += names
        project_template.all_status_automations_for_project_template(template, client=client)
        project_template.all_preview_background_files_for_project_template(template, client=client)
        done += ["all_status_automations_for_project_template", "all_preview_background_files_for_project_template"]
        descriptor = project.add_metadata_descriptor(prod, f"d{tag}", "Asset", client=client)
        assert project.get_metadata_descriptor(prod, descriptor["id"], client=client)["id"] == descriptor["id"]
        project.update_metadata_descriptor(prod, {**descriptor, "name": f"e{tag}"}, client=client)
        project.remove_metadata_descriptor(prod, descriptor["id"], client=client)
        project_template.apply_project_template(prod, template, client=client)
        done += ["get_metadata_descriptor", "update_metadata_descriptor", "remove_metadata_descriptor",
                 "apply_project_template"]  # fmt: skip
    finally:
        project_template.remove_project_template(template, client=client)
    version = client.call("get_root").get("version")
    print(f"{len(done)} helpers over renamed routes work against Zou {version}: {', '.join(done)}")


if __name__ == "__main__":
    check_index()
    if len(sys.argv) > 1:
        check_server(sys.argv[1])
