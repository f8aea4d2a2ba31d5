"""The studio's test of shot_report: it builds what it reads inside the cassette, so it replays anywhere."""

from __future__ import annotations

from typing import Any

from shot_report import shot_report

import kitsu_helpers as gazu


def test_shot_report_lists_every_shot_with_its_frames(kitsu: Any) -> None:
    name = kitsu.unique("shot-report")  # recorded in the cassette: the replay uses the same name
    project = gazu.project.new_project(name, "short")
    try:
        sequence = gazu.shot.new_sequence(project, "SQ01")
        gazu.shot.new_shot(project, sequence, "SH010", nb_frames=48)
        gazu.shot.new_shot(project, sequence, "SH020", nb_frames=24)
        assert shot_report(name) == ["SQ01/SH010: 48 frames", "SQ01/SH020: 24 frames"]
    finally:
        gazu.project.close_project(project)
        gazu.project.remove_project(project, force=True)
