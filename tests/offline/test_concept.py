"""kitsu_helpers.concept offline (tests/cassettes/concept/)."""

from typing import Any

import kitsu_helpers as gazu


def test_concept_crud(kitsu: Any, project: dict[str, Any]) -> None:
    concept = gazu.concept.new_concept(project, "Castle", description="moody")
    assert gazu.concept.get_concept(concept["id"])["name"] == "Castle"
    assert gazu.concept.get_concept_by_name(project, "Castle")["id"] == concept["id"]
    assert [c["name"] for c in gazu.concept.all_concepts_for_project(project)] == ["Castle"]
    gazu.concept.update_concept({"id": concept["id"], "description": "sunny"})
    assert gazu.concept.get_concept(concept)["description"] == "sunny"
    assert gazu.concept.all_previews_for_concept(concept) == {}
    gazu.concept.remove_concept(concept)
    assert gazu.concept.all_concepts_for_project(project) == []
