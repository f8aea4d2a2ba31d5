"""The offline lane covers every public helper module: each has a scenario here and a committed cassette that
calls it (no server needed)."""

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASSETTES = HERE.parent / "cassettes"
HELPER_MODULES = (
    "aio", "asset", "cache", "casting", "client", "concept", "context", "edit", "entity", "files", "helpers",
    "person", "playlist", "project", "project_template", "scene", "search", "shot", "studio", "sync", "task", "user",
)  # fmt: skip


def test_every_helper_module_has_a_scenario_with_a_committed_cassette() -> None:
    for module in HELPER_MODULES:
        scenario = HERE / f"test_{module}.py"
        assert scenario.exists(), f"no offline scenario for kitsu_helpers.{module}"
        assert f"gazu.{module}." in scenario.read_text() or f"{module}." in scenario.read_text(), module
        cassettes = sorted((CASSETTES / module).glob("*.yaml"))
        assert cassettes, f"no committed cassette for kitsu_helpers.{module}: run make cassettes"
        for path in cassettes:
            document = yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            assert document["kitsu_cassette"] == 1, path
            assert document["interactions"], path


def test_every_committed_cassette_belongs_to_a_scenario() -> None:
    """A cassette left by a renamed or removed scenario would never be checked fresh: none is left."""
    for path in sorted(CASSETTES.glob("*/*.yaml")):
        scenario = HERE / f"test_{path.parent.name}.py"
        assert scenario.exists(), f"{path}: no scenario"
        assert f"def test_{path.stem}(" in scenario.read_text(), f"{path}: no scenario"
