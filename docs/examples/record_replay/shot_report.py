"""A studio script: every shot of a project with its frame count, by sequence."""

from __future__ import annotations

import kitsu_helpers as gazu


def shot_report(project_name: str) -> list[str]:
    """Return one line per shot of the project: "SEQUENCE/SHOT: N frames"."""
    project = gazu.project.get_project_by_name(project_name)
    lines = []
    for sequence in gazu.shot.all_sequences_for_project(project):
        for shot in gazu.shot.all_shots_for_sequence(sequence):
            lines.append(f"{sequence['name']}/{shot['name']}: {shot['nb_frames']} frames")
    return lines
