"""kitsu_helpers.cache offline (tests/cassettes/cache/): a cached read is sent once, a write makes it stale."""

from typing import Any

import kitsu_helpers as gazu


def test_cached_reads_go_out_once(kitsu: Any, project: dict[str, Any], kitsu_cassette: Any) -> None:
    gazu.cache.enable()
    try:
        first = gazu.project.get_project(project["id"])
        assert gazu.project.get_project(project["id"]) == first  # from the cache: no second request recorded
        gazu.project.update_project({"id": project["id"], "fps": "30"})  # a write: cached reads are stale
        assert gazu.project.get_project(project["id"])["fps"] == "30"
    finally:
        gazu.cache.disable()
        gazu.cache.clear_all()
    routes = [r for r in kitsu_cassette.requests if r.endswith("/data/projects/" + project["id"])]
    assert routes.count("GET /data/projects/" + project["id"]) == 2
