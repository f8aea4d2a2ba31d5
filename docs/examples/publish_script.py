"""A studio publish script (the example of docs/testing.md): send a shot's work for review.

    KITSU_HOST=https://kitsu.mystudio.com/api KITSU_EMAIL=me@mystudio.com KITSU_PASSWORD=... \\
        python publish_script.py "Agent 327" SQ01 SH010 "blocking v2" [--preview playblast.mp4]

It finds the shot's task of a task type (Animation by default), posts the comment with the review status
(short name "wfa" by default), with a preview movie when given, and prints what it made.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import kitsu_helpers as gazu


class PublishError(Exception):
    """What the script cannot publish to, said in the TD's words."""


def publish(
    project_name: str,
    sequence_name: str,
    shot_name: str,
    comment: str,
    *,
    task_type_name: str = "Animation",
    status_short_name: str = "wfa",
    preview: str | None = None,
) -> dict[str, Any]:
    """Post comment (and preview) on the shot's task with the review status; return the comment."""
    project = gazu.project.get_project_by_name(project_name)
    if project is None:
        raise PublishError(f"no project named {project_name!r}")
    sequence = gazu.shot.get_sequence_by_name(project, sequence_name)
    shot = gazu.shot.get_shot_by_name(sequence, shot_name) if sequence else None
    if shot is None:
        raise PublishError(f"no shot {sequence_name}/{shot_name} in {project_name}")
    task_type = gazu.task.get_task_type_by_name(task_type_name, for_entity="Shot")
    task = gazu.task.get_task_by_entity(shot, task_type) if task_type else None
    if task is None:
        raise PublishError(f"{sequence_name}/{shot_name} has no {task_type_name} task")
    status = gazu.task.get_task_status_by_short_name(status_short_name)
    if status is None:
        raise PublishError(f"no task status with the short name {status_short_name!r}")
    if preview is not None:
        posted, _preview_file = gazu.task.publish_preview(task, status, comment=comment, preview_file_path=preview)
        return posted
    return gazu.task.add_comment(task, status, comment)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project")
    parser.add_argument("sequence")
    parser.add_argument("shot")
    parser.add_argument("comment")
    parser.add_argument("--task-type", default="Animation")
    parser.add_argument("--status", default="wfa", help="short name of the review status")
    parser.add_argument("--preview", help="a movie or picture to attach")
    args = parser.parse_args(argv)
    gazu.set_host(os.environ["KITSU_HOST"])
    gazu.log_in(os.environ["KITSU_EMAIL"], os.environ["KITSU_PASSWORD"])
    try:
        comment = publish(
            args.project,
            args.sequence,
            args.shot,
            args.comment,
            task_type_name=args.task_type,
            status_short_name=args.status,
            preview=args.preview,
        )
    except PublishError as exc:
        parser.exit(1, f"publish_script: {exc}\n")
    print(f"published comment {comment['id']} on {args.sequence}/{args.shot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
