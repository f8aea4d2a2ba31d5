"""`kitsu publish` and `kitsu download`, with a tqdm progress bar fed by the helpers' progress_callback."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from .._types import ProgressCallback
from ._app import State, by_id, cli, find_task_status, json_option, pass_state


@contextlib.contextmanager
def progress_bar(enabled: bool | None, label: str) -> Iterator[ProgressCallback | None]:
    """Yield a progress callback drawing a tqdm bar on stderr (None when disabled or tqdm is missing), built by
    kitsu_helpers.progress like the helpers' progress=True.

    enabled None means: when stderr is a terminal."""
    from .. import progress as bars

    stream = sys.stderr
    if enabled is None:
        enabled = stream.isatty()
    if enabled and not bars.tqdm_available():
        click.echo("kitsu: no progress bar: tqdm is not installed (pip install 'kitsu-client[cli]')", err=True)
        enabled = False
    with bars.progress_bar(bool(enabled), label, file=stream) as callback:
        yield callback


progress_option = click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when it is a terminal; needs tqdm).",
)


@cli.command()
@click.argument("task_id", metavar="TASK")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--status", "-s", "status_short", help="New task status (short name); default: the task's current one.")
@click.option("--comment", "-m", default="", help="Comment text.")
@click.option("--revision", type=click.IntRange(min=1), help="Revision number (default: the next one).")
@click.option("--set-thumbnail", is_flag=True, help="Make the preview the entity's thumbnail.")
@click.option("--no-normalize", is_flag=True, help="Keep the movie as uploaded (no server-side normalisation).")
@click.option("--wait/--no-wait", default=True, help="Wait until the server has processed the preview (default).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120.0, show_default=True, help="Seconds to wait.")
@progress_option
@json_option
@pass_state
def publish(
    state: State,
    task_id: str,
    file: str,
    status_short: str | None,
    comment: str,
    revision: int | None,
    set_thumbnail: bool,
    no_normalize: bool,
    wait: bool,
    timeout: float,
    progress: bool | None,
) -> None:
    """Publish FILE as a new preview of TASK (id): a comment with a status, and the uploaded preview.

    Example: kitsu publish <task-id> render.mp4 --status wfa --comment "lighting pass 2"
    """
    from .. import task as tasks_module

    client = state.client()
    target = by_id("task", tasks_module.get_task, task_id, client)
    status_id = find_task_status(client, status_short)["id"] if status_short else target["task_status_id"]
    options: dict[str, Any] = {
        "comment": comment,
        "preview_file_path": file,
        "normalize_movie": not no_normalize,
        "revision": revision,
        "set_thumbnail": set_thumbnail,
        "client": client,
    }
    with progress_bar(progress, os.path.basename(file)) as callback:
        if wait:
            posted, preview = tasks_module.publish_preview_and_wait(
                target, status_id, progress_callback=callback, timeout=timeout, **options
            )
        else:
            posted, preview = tasks_module.publish_preview(target, status_id, progress=callback, **options)
    if state.as_json:
        state.emit({"comment": posted, "preview_file": preview}, [])
        return
    click.echo(
        f"Published {os.path.basename(file)} as revision {preview.get('revision')} "
        f"(comment {posted['id']}, preview {preview['id']}, {preview.get('status')})"
    )


def safe_name(name: str, fallback: str) -> str:
    """Return a file name from server data that stays inside the destination folder."""
    name = os.path.basename(str(name or "").replace("\\", "/"))
    return fallback if name in ("", ".", "..") else name


@cli.command()
@click.argument("kind", type=click.Choice(["preview", "working-file"]))
@click.argument("entity_id", metavar="ID")
@click.argument("dest", type=click.Path(dir_okay=True, file_okay=True))
@progress_option
@json_option
@pass_state
def download(state: State, kind: str, entity_id: str, dest: str, progress: bool | None) -> None:
    """Download a preview's original file or a working file's content to DEST (a file, or a folder).

    The file is written atomically: nothing is left at DEST if the download fails.
    """
    from .. import files

    client = state.client()
    target = Path(dest)
    if kind == "preview":
        entry = by_id("preview file", files.get_preview_file, entity_id, client)
        name = f"{entry.get('original_name') or entry['id']}.{entry.get('extension') or 'bin'}"
        fetch: Callable[..., Any] = files.download_preview_file
    else:
        entry = by_id("working file", files.get_working_file, entity_id, client)
        name = entry.get("path") or entry.get("name") or entry["id"]
        fetch = files.download_working_file
    if target.is_dir():
        target = target / safe_name(name, entry["id"])
    with progress_bar(progress, target.name) as callback:
        fetch(entry, str(target), client=client, progress_callback=callback)
    size = target.stat().st_size
    if state.as_json:
        state.emit({"kind": kind, "id": entry["id"], "path": str(target), "bytes": size}, [])
    else:
        click.echo(f"Saved {target} ({size} bytes)")
