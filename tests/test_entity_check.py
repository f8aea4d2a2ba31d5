"""The entity TypedDicts (kitsu_api.entities), their derivation (scripts/entities.py) and the runtime check the
server suite runs on every entity answer (tests/entity_check.py, hooked in tests/conftest.py)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any, Literal, TypedDict

import conftest
import pytest
import typing_extensions
from entity_check import check_answer, problems
from kitsu_api import entities
from kitsu_api.operations import ALIASES, OPERATIONS

from kitsu_helpers.client import KitsuClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import entities as derivation

ISSUE_ENTITIES = [
    "Project", "Episode", "Sequence", "Shot", "Asset", "AssetType", "Task", "TaskType", "TaskStatus", "Comment",
    "PreviewFile", "AttachmentFile", "Person", "Department", "Playlist", "BuildJob", "WorkingFile", "OutputFile",
    "OutputType", "Software", "Edit", "Concept", "Scene", "MetadataDescriptor", "TimeSpent", "Notification",
    "DayOff", "Studio", "StatusAutomation", "SearchResult",
]  # fmt: skip
UUID = "a24a6ea4-ce75-4665-a070-57453082c250"


class Inner(TypedDict, total=False):
    name: str


class Sample(TypedDict, total=False):
    id: str
    count: int
    ratio: float
    flag: bool
    status: Literal["running", "done"]
    parent: Inner | None
    ids: list[str]
    extra: dict[str, int]
    data: Any


# --- the checker ---------------------------------------------------------------------------------------------


def test_checker_accepts_a_matching_value() -> None:
    value = {
        "id": UUID, "count": 3, "ratio": 2, "flag": False, "status": "done", "parent": None, "ids": [UUID],
        "extra": {"a": 1}, "data": {"free": ["form", 1]},
    }  # fmt: skip
    assert problems(value, Sample, "Sample") == []
    assert problems({**value, "ratio": 0.5, "parent": {"name": "x"}}, Sample, "Sample") == []


def test_checker_fails_on_an_undeclared_key() -> None:
    found = check_answer("get_data_samples", [{"id": UUID}, {"id": UUID, "surprise": 1}], Sample, True)
    assert found == ["get_data_samples -> Sample[1]['surprise'] (int 1) is not declared in Sample"]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("id", None, "Sample['id'] is None None, declared str"),
        ("count", "3", "Sample['count'] is str '3', declared int"),
        ("count", True, "Sample['count'] is bool True, declared int"),
        ("flag", 0, "Sample['flag'] is int 0, declared bool"),
        ("ratio", "1.5", "Sample['ratio'] is str '1.5', declared float"),
        ("status", "paused", "Sample['status'] is 'paused', declared Literal['running', 'done']"),
        ("parent", "x", "Sample['parent'] is str 'x', declared Inner | None"),
        ("parent", {"name": 1}, "Sample['parent']['name'] is int 1, declared str"),
        ("parent", {"nom": "x"}, "Sample['parent']['nom'] (str 'x') is not declared in Inner"),
        ("ids", UUID, f"Sample['ids'] is str '{UUID}', declared list[str]"),
        ("ids", [UUID, 7], "Sample['ids'][1] is int 7, declared str"),
        ("extra", {"a": "1"}, "Sample['extra']['a'] is str '1', declared int"),
    ],
)
def test_checker_fails_on_a_wrong_type(key: str, value: Any, message: str) -> None:
    assert check_answer("get_data_samples_sample_id", {key: value}, Sample, False) == [
        f"get_data_samples_sample_id -> {message}"
    ]


def test_checker_reads_a_page_and_refuses_a_non_list() -> None:
    assert check_answer("op", {"data": [{"id": UUID}], "page": 1, "limit": 1}, Sample, True) == []
    assert check_answer("op", {"id": UUID}, Sample, True) == ["op -> Sample is object {'id': '" + UUID + "'}, "
                                                              "declared list[Sample]"]  # fmt: skip
    assert check_answer("op", [], Sample, False) == ["op -> Sample is array [], declared Sample"]


def test_checker_on_generated_types_nullability_from_zou_models() -> None:
    """Entity.project_id is `nullable=False` in Zou's model, parent_id is nullable; status is a ChoiceType."""
    shot = entities.Shot
    base = {"id": UUID, "name": "SH010"}  # the required keys
    assert problems({**base, "parent_id": None, "project_id": UUID, "status": "running"}, shot, "Shot") == []
    assert problems({**base, "project_id": None}, shot, "Shot") == ["Shot['project_id'] is None None, declared str"]
    assert problems({"project_id": UUID}, shot, "Shot") == [
        "Shot lacks the required key 'id' of Shot",
        "Shot lacks the required key 'name' of Shot",
    ]
    assert problems({**base, "status": "lost"}, shot, "Shot") == [
        "Shot['status'] is 'lost', declared Literal['standby', 'running', 'complete', 'canceled']"
    ]
    # AttachmentFile.comment: the many-to-one backref of Comment.attachment_files, serialized as the comment
    attachment = {"id": UUID, "name": "notes.txt", "comment": {"id": UUID, "text": 3}}
    assert problems(attachment, entities.AttachmentFile, "AttachmentFile") == [
        "AttachmentFile['comment']['text'] is int 3, declared str | None"
    ]


# --- the generated module ------------------------------------------------------------------------------------


def test_every_entity_the_issue_names_is_generated_and_resolves() -> None:
    assert set(ISSUE_ENTITIES) <= set(entities.ENTITIES)
    for name, typed_dict in entities.ENTITIES.items():
        assert typing_extensions.is_typeddict(typed_dict), name
        assert typing_extensions.get_type_hints(typed_dict), name  # every annotation evaluates (nested TypedDicts)
    # the keys every serialized row has are required (shot["name"] type-checks); what some routes add is not
    assert entities.Shot.__required_keys__ == {"id", "name"}
    assert "project_name" in entities.Shot.__optional_keys__


def test_operation_entities_name_real_operations_and_entities() -> None:
    assert entities.OPERATION_ENTITIES
    for op_id, (name, is_list) in entities.OPERATION_ENTITIES.items():
        assert op_id in OPERATIONS or op_id in ALIASES, op_id
        assert name in entities.ENTITIES, op_id
        assert isinstance(is_list, bool), op_id
    assert entities.OPERATION_ENTITIES["get_data_projects"] == ("Project", True)
    assert entities.OPERATION_ENTITIES["get_data_projects_project_id_shots"] == ("Shot", True)
    assert entities.OPERATION_ENTITIES["put_data_shots_shot_id"] == ("Shot", False)
    assert entities.OPERATION_ENTITIES["post_data_search"] == ("SearchResult", False)
    for old, (current, *_) in ALIASES.items():
        if current in entities.OPERATION_ENTITIES:
            assert entities.OPERATION_ENTITIES[old] == entities.OPERATION_ENTITIES[current]


def test_derivation_reads_models_as_data(tmp_path: Path) -> None:
    """Columns, nullability, foreign keys, relationships, choices and serialize() extras, from source text."""
    models = tmp_path / "models"
    models.mkdir()
    (models / "base.py").write_text(
        textwrap.dedent("""
        class BaseMixin(object):
            id = db.Column(UUIDType(binary=False), primary_key=True)
            created_at = db.Column(db.DateTime)
    """)
    )
    (models / "thing.py").write_text(
        textwrap.dedent("""
        KINDS = [("a", "A"), ("b", "B")]
        class Owner(db.Model, BaseMixin, SerializerMixin):
            name = db.Column(db.String(80), nullable=False)
            things = db.relationship("Thing", backref="owner")
        class Thing(db.Model, BaseMixin, SerializerMixin):
            kind = db.Column(ChoiceType(KINDS), nullable=False)
            size = db.Column(db.Float)
            tags = db.Column(db.ARRAY(db.String()))
            data = db.Column(JSONB)
            owner_id = db.Column(UUIDType(binary=False), db.ForeignKey("owner.id"))
            def serialize(self, obj_type=None, relations=False):
                d = super().serialize()
                d["kind_copy"] = d["kind"]
                return d
    """)
    )
    parsed = derivation.parse_models(tmp_path)
    fields = {key: f.type for key, f in derivation.model_fields(parsed["Thing"], parsed).items()}
    assert fields == {
        "id": "str", "created_at": "str | None", "kind": "Literal['a', 'b']", "size": "float | None",
        "tags": "list[str] | None", "data": "Any", "owner_id": "str | None", "owner": "Owner | None",
        "kind_copy": "Literal['a', 'b']", "type": "str",
    }  # fmt: skip
    owner = {key: f.type for key, f in derivation.model_fields(parsed["Owner"], parsed).items()}
    assert owner["things"] == "list[str]"
    assert owner["name"] == "str"


# --- the hook on the real server --------------------------------------------------------------------------


def test_the_suite_checks_real_answers_and_names_the_mismatch(client: KitsuClient, monkeypatch: Any) -> None:
    before = conftest.EntityAnswers.checked
    projects = client.call("get_data_projects")
    assert conftest.EntityAnswers.checked == before + 1
    assert not conftest.EntityAnswers.pending
    assert isinstance(projects, list)
    if not projects:
        pytest.fail("the local Zou has no project to check")

    class OnlyName(TypedDict, total=False):
        name: str

    monkeypatch.setitem(conftest.ENTITIES, "Project", OnlyName)
    client.call("get_data_projects")
    found, conftest.EntityAnswers.pending[:] = list(conftest.EntityAnswers.pending), []
    assert found
    assert found[0].startswith("get_data_projects -> OnlyName[0][")
    assert "is not declared in OnlyName" in found[0]
