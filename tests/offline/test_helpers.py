"""kitsu_helpers.helpers offline (tests/cassettes/helpers/): a file downloaded through the client."""

from pathlib import Path
from typing import Any

import kitsu_helpers as gazu


def test_download_file(kitsu: Any, project: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "project.json"
    gazu.helpers.download_file(
        kitsu.url_of("get_data_projects_instance_id", instance_id=project["id"]),
        str(target),
        headers=kitsu.make_auth_header(),
    )
    assert project["id"] in target.read_text()
    assert gazu.helpers.normalize_model_parameter(project["id"]) == {"id": project["id"]}
