"""kitsu_helpers.search offline (tests/cassettes/search/): the local Zou runs without a search indexer, so its
answer is a 500, which the helper raises as ServerErrorException; the cassette keeps that answer."""

from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import errors


def test_search_entities_of_a_project(kitsu: Any, project: dict[str, Any]) -> None:
    character = gazu.asset.get_asset_type_by_name("Character")
    gazu.asset.new_asset(project, character, "Hero")
    with pytest.raises(errors.ServerErrorException) as caught:
        gazu.search.search_entities("Hero", project=project, entity_types=[character])
    assert caught.value.status == 500
    assert caught.value.method == "POST"
