"""Preview helpers of gazu's `task` and `files` modules (re-exported there): publish, upload, wait, download.

Uploads stream from disk with progress, downloads are atomic, and a failed publish says which step failed and
how to resume or clean up. Where and why it differs from gazu: docs/gazu-differences.md, "files, previews,
playlists", and docs/publishing.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

import httpx
from kitsu_api.calls import crud as crud_ops, previews as previews_ops, tasks as tasks_ops

from . import _transfer
from ._coerce import drop_none
from ._comments import NewComment, new_comment, post_comment
from ._types import DateLike, ModelOrId, Progress as ProgressArg, ProgressCallback
from .cache import cache
from .client import DEFAULT_PROCESSING_TIMEOUT, KitsuClient, get_default_client, resolve
from .errors import (
    FileDoesntExistException,
    InvalidParameterValueException,
    PreviewFileProcessingException,
    PublishFailedException,
    RouteNotFoundException,
)
from .helpers import model_id, optional_id

if TYPE_CHECKING:
    from kitsu_api.entities import PreviewFile


class DownloadOptions(MutableMapping[str, Any]):
    """A compatibility shim for the former process-wide ``download_options`` dict: its ``"processing_timeout"``
    reads and writes the default client's ``processing_timeout`` (deleting it restores the default, 60 s).

    Each client now has its own setting, used by all its downloads: ``KitsuClient(processing_timeout=...)`` or
    ``client.processing_timeout = ...``. Other keys are kept as in a dict and mean nothing.
    """

    def __init__(self) -> None:
        """Start with no other key."""
        self._other: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key == "processing_timeout":
            return get_default_client().processing_timeout
        return self._other[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key == "processing_timeout":
            get_default_client().processing_timeout = value
        else:
            self._other[key] = value

    def __delitem__(self, key: str) -> None:
        if key == "processing_timeout":
            get_default_client().processing_timeout = DEFAULT_PROCESSING_TIMEOUT
        else:
            del self._other[key]

    def __iter__(self) -> Iterator[str]:
        return iter(["processing_timeout", *self._other])

    def __len__(self) -> int:
        return 1 + len(self._other)


download_options = DownloadOptions()
"""Compatibility shim (see DownloadOptions): ``download_options["processing_timeout"]`` is the default client's
``processing_timeout``, the seconds a download waits while Zou answers 202 "still processing"."""

__all__ = [
    "add_extra_preview",
    "add_preview",
    "all_preview_files_for_project",
    "all_previews_for_task",
    "create_extra_preview",
    "create_preview",
    "download_options",
    "download_preview_file",
    "download_preview_file_cover",
    "download_preview_file_thumbnail",
    "download_preview_lowdef_movie",
    "download_preview_movie",
    "extract_frame_from_preview",
    "extract_tile_from_preview",
    "get_all_preview_files_for_task",
    "get_preview_file",
    "get_preview_file_url",
    "get_preview_lowdef_movie_url",
    "get_preview_movie_url",
    "get_running_preview_files",
    "publish_preview",
    "publish_preview_and_wait",
    "remove_failed_publish",
    "remove_preview_file",
    "remove_preview_from_comment",
    "resume_publish",
    "set_main_preview",
    "update_preview",
    "update_preview_annotations",
    "update_preview_position",
    "upload_preview_file",
    "wait_for_preview_file",
]


# --- pure helpers -------------------------------------------------------------------------------


def upload_query(normalize_movie: bool = True, no_job: bool = False) -> dict[str, str]:
    """Build the query parameters of a preview upload.

    Args:
        normalize_movie: Whether Zou normalises an uploaded movie (the default); False sends ``normalize=false``.
        no_job: Whether Zou processes the file inside the request; True sends ``no_job=true``.

    Returns:
        A dict holding only the parameters that differ from Zou's defaults (empty when none does).
    """
    params = {}
    if not normalize_movie:
        params["normalize"] = "false"
    if no_job:
        params["no_job"] = "true"
    return params


def is_movie_extension(extension: str | None) -> bool:
    """Tell whether a preview file's extension is the one Zou stores movies under.

    Args:
        extension: The preview file's ``extension`` field, or None.

    Returns:
        True for ``"mp4"`` (in any case), False otherwise.
    """
    return (extension or "").lower() == "mp4"


# --- task: creating and uploading previews ------------------------------------------------------


@dataclass(frozen=True)
class PreviewUpload:
    """Where a preview's content comes from and how it is sent, processed and waited for.

    Attributes:
        file_path: The local file to upload.
        file_url: A URL to fetch the file from, used when file_path is None.
        normalize_movie: Whether Zou normalises a movie; False keeps it as sent.
        no_job: Whether Zou processes the file inside the request instead of in the background.
        revision: The revision number of a preview created for it; Zou's choice when None.
        set_thumbnail: Whether a publish makes the preview its entity's thumbnail.
        wait: Whether a publish waits until Zou has processed the preview.
        timeout: How many seconds that wait lasts at most.
        poll_interval: Seconds between two checks of the preview's status.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` during the upload.
        progress: True draws a tqdm bar, a callable is called like progress_callback; None or False: nothing.
    """

    file_path: str | None
    file_url: str | None = None
    normalize_movie: bool = True
    no_job: bool = False
    revision: int | None = None
    set_thumbnail: bool = False
    wait: bool = False
    timeout: float = DEFAULT_PROCESSING_TIMEOUT
    poll_interval: float = 1.0
    progress_callback: ProgressCallback | None = None
    progress: ProgressArg = None

    def check_source(self, needed_by: str = "a preview", nothing_done: str = "") -> None:
        """Check that the preview has a source and that a local one is a file, before anything is sent.

        Args:
            needed_by: What needs the source, named in the message when there is none.
            nothing_done: Words appended to the missing file's message (e.g. what was not posted).

        Raises:
            InvalidParameterValueException: neither file_path nor file_url is given.
            FileDoesntExistException: file_path is not a file.
        """
        if self.file_path is None and self.file_url is None:
            raise InvalidParameterValueException(f"{needed_by} needs preview_file_path or preview_file_url")
        if self.file_path is not None and not os.path.isfile(self.file_path):
            raise FileDoesntExistException(f"{self.file_path}: no such preview file{nothing_done}")


@dataclass(frozen=True)
class PublishRequest:
    """One publish, built once from gazu's arguments: the comment to post on a task, then its preview.

    Attributes:
        task_id: The task's id.
        comment: The comment that sets the task's status.
        preview: The preview to add to that comment.
    """

    task_id: str
    comment: NewComment
    preview: PreviewUpload

    @classmethod
    def from_gazu(
        cls,
        task: ModelOrId,
        task_status: ModelOrId,
        comment: str = "",
        person: ModelOrId | None = None,
        checklist: list[dict[str, Any]] | None = None,
        attachments: list[str] | None = None,
        created_at: DateLike | None = None,
        preview_file_path: str | None = None,
        preview_file_url: str | None = None,
        normalize_movie: bool = True,
        revision: int | None = None,
        set_thumbnail: bool = False,
        links: list[str] | None = None,
        *,
        progress_callback: ProgressCallback | None = None,
        wait: bool = False,
        timeout: float = DEFAULT_PROCESSING_TIMEOUT,
        poll_interval: float = 1.0,
        progress: ProgressArg = None,
    ) -> PublishRequest:
        """Build a publish from publish_preview's arguments, checking them before anything is posted.

        Args:
            task: The task, as a dict or its id.
            task_status: The status the comment sets, as a dict or its id.
            comment: The comment's text.
            person: The author, as a dict or its id; the logged-in user when None.
            checklist: Checklist items of the comment.
            attachments: Local paths of files to attach to the comment.
            created_at: The comment's date; now when None.
            preview_file_path: The local file to publish as the preview.
            preview_file_url: A URL to fetch the preview from, used when preview_file_path is None.
            normalize_movie: Whether Zou normalises a movie.
            revision: The preview's revision number; the task's next revision when None.
            set_thumbnail: Whether to make the preview the thumbnail of the task's entity.
            links: URLs to add to the comment.
            progress_callback: Called as ``progress_callback(bytes_sent, total)`` during the upload.
            wait: Whether to wait until Zou has processed the preview.
            timeout: How many seconds to wait for the processing.
            poll_interval: Seconds between two checks of the preview's status.
            progress: True draws a tqdm bar, a callable is called like progress_callback; None: nothing.

        Returns:
            The request.

        Raises:
            InvalidParameterValueException: an id is invalid, or neither preview_file_path nor preview_file_url
                is given.
            FileDoesntExistException: preview_file_path is not a file.
        """
        task_id = model_id(task)
        draft = new_comment(task_status, comment, person, checklist, attachments, created_at, links)
        preview = PreviewUpload(
            preview_file_path, preview_file_url, normalize_movie, revision=revision, set_thumbnail=set_thumbnail,
            wait=wait, timeout=timeout, poll_interval=poll_interval, progress_callback=progress_callback,
            progress=progress,
        )  # fmt: skip
        preview.check_source("publish_preview", " (nothing was posted)")
        return cls(task_id, draft, preview)


def _create_preview(client: KitsuClient, task_id: str, comment_id: str, revision: int | None) -> dict[str, Any]:
    """Return a new empty preview file on a comment (Zou picks the revision when revision is None)."""
    data = {} if revision is None else {"revision": revision}
    return tasks_ops.post_actions_tasks_task_id_comments_comment_id_add_preview(
        client, json=data, task_id=task_id, comment_id=comment_id
    )


def create_preview(
    task: ModelOrId, comment: ModelOrId, revision: int | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Create an empty preview file on a comment; upload_preview_file sends its content afterwards.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        revision: The revision number to give it; when None, Zou picks the revision of the comment's other
            previews, or the task's next revision for a comment without any.
        client: The client to use; the default client when None.

    Returns:
        The created preview file dict (``id``, ``revision``, ``task_id``, ``status``, ...), with no file yet.
    """
    task_id, comment_id = model_id(task), model_id(comment)
    return _create_preview(resolve(client), task_id, comment_id, revision)


def create_extra_preview(
    task: ModelOrId, comment: ModelOrId, preview_file: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Create an empty preview file on a comment, in the same revision as an existing one.

    Use it for the second, third... file of one revision; upload_preview_file sends its content afterwards.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        preview_file: The preview file whose revision the new one shares, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The created preview file dict (``id``, ``revision``, ``position``, ...), with no file yet.
    """
    task_id, comment_id, preview_file_id = model_id(task), model_id(comment), model_id(preview_file)
    return _create_extra_preview(resolve(client), task_id, comment_id, preview_file_id)


def _create_extra_preview(client: KitsuClient, task_id: str, comment_id: str, preview_file_id: str) -> dict[str, Any]:
    """Return a new empty preview file on a comment, in the revision of preview_file_id."""
    return tasks_ops.post_actions_tasks_task_id_comments_comment_id_preview_files_preview_file_id(
        client,
        json={},
        task_id=task_id,
        comment_id=comment_id,
        preview_file_id=preview_file_id,
    )


def _send_preview_file(
    client: KitsuClient, preview_file_id: str, file_path: str, source: PreviewUpload
) -> dict[str, Any]:
    """Return the preview file after streaming file_path as its content, with source's options."""
    answer = _transfer.upload(
        client,
        "post_pictures_preview_files_instance_id",
        file_path=file_path,
        params=upload_query(source.normalize_movie, source.no_job),
        progress=source.progress,
        progress_callback=source.progress_callback,
        instance_id=preview_file_id,
    )
    return cast("dict[str, Any]", answer)


def upload_preview_file(
    preview_file: ModelOrId,
    file_path: str,
    normalize_movie: bool = True,
    no_job: bool = False,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> dict[str, Any]:
    """Send a local file as the content of a preview file, streamed from disk.

    Zou then builds the preview's variants (thumbnails, normalised movie) in the background: the answer usually
    says ``"status": "processing"`` until they are stored (see wait_for_preview_file), unless no_job is True.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: The local file to send.
        normalize_movie: Whether Zou normalises a movie (re-encodes it to its standard format); False keeps it.
        no_job: Whether Zou does the processing inside the request instead of in the background.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` during the upload.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The preview file dict as the server answers after the upload (``id``, ``status``, ``extension``, ...).

    Raises:
        FileDoesntExistException: file_path is not a file; nothing is sent.
    """
    source = PreviewUpload(
        file_path, None, normalize_movie, no_job, progress_callback=progress_callback, progress=progress
    )
    return _send_preview_file(resolve(client), model_id(preview_file), file_path, source)


def _add_file_to_preview(
    client: KitsuClient, new_preview: Callable[[], dict[str, Any]], source: PreviewUpload
) -> dict[str, Any]:
    """Return the uploaded preview file: fetch source's URL if needed, create the preview, upload the file."""
    source.check_source()
    if source.file_path is not None:
        return _send_preview_file(client, new_preview()["id"], source.file_path, source)
    with tempfile.TemporaryDirectory(prefix="kitsu_preview_") as folder:  # removed with what was fetched
        path = _transfer.download_url(client, str(source.file_url), folder + os.sep)
        return _send_preview_file(client, new_preview()["id"], path, source)


def add_preview(
    task: ModelOrId,
    comment: ModelOrId,
    preview_file_path: str | None = None,
    preview_file_url: str | None = None,
    normalize_movie: bool = True,
    revision: int | None = None,
    no_job: bool = False,
    client: KitsuClient | None = None,
    *,
    progress: ProgressArg = None,
) -> dict[str, Any]:
    """Add a preview to a comment: create the preview file, then upload its content.

    The content comes from preview_file_path, or is first fetched from preview_file_url into a temporary
    folder (removed afterwards). Zou builds the variants in the background unless no_job is True.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        preview_file_path: The local file to upload.
        preview_file_url: A URL to fetch the file from, used when preview_file_path is None.
        normalize_movie: Whether Zou normalises a movie; False keeps it as sent.
        revision: The revision number to give it; when None, Zou picks the revision of the comment's other
            previews, or the task's next revision for a comment without any.
        no_job: Whether Zou does the processing inside the request instead of in the background.
        client: The client to use; the default client when None.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called as
            ``progress(bytes_sent, total)``; None or False: nothing.

    Returns:
        The preview file dict after the upload (``id``, ``revision``, ``status``, ``extension``, ...).

    Raises:
        InvalidParameterValueException: neither preview_file_path nor preview_file_url is given.
        FileDoesntExistException: preview_file_path is not a file; nothing is created.
    """
    client = resolve(client)
    task_id, comment_id = model_id(task), model_id(comment)
    source = PreviewUpload(preview_file_path, preview_file_url, normalize_movie, no_job, progress=progress)
    return _add_file_to_preview(client, lambda: _create_preview(client, task_id, comment_id, revision), source)


def add_extra_preview(
    task: ModelOrId,
    comment: ModelOrId,
    preview_file: ModelOrId,
    preview_file_path: str | None = None,
    preview_file_url: str | None = None,
    normalize_movie: bool = True,
    no_job: bool = False,
    client: KitsuClient | None = None,
    *,
    progress: ProgressArg = None,
) -> dict[str, Any]:
    """Add another file to a comment's revision: create an extra preview file, then upload its content.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        preview_file: The preview file whose revision the new one shares, as a dict or its id.
        preview_file_path: The local file to upload.
        preview_file_url: A URL to fetch the file from, used when preview_file_path is None.
        normalize_movie: Whether Zou normalises a movie; False keeps it as sent.
        no_job: Whether Zou does the processing inside the request instead of in the background.
        client: The client to use; the default client when None.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called as
            ``progress(bytes_sent, total)``; None or False: nothing.

    Returns:
        The new preview file dict after the upload (``id``, ``revision``, ``status``, ``extension``, ...).

    Raises:
        InvalidParameterValueException: neither preview_file_path nor preview_file_url is given.
        FileDoesntExistException: preview_file_path is not a file; nothing is created.
    """
    client = resolve(client)
    task_id, comment_id, preview_file_id = model_id(task), model_id(comment), model_id(preview_file)
    source = PreviewUpload(preview_file_path, preview_file_url, normalize_movie, no_job, progress=progress)
    return _add_file_to_preview(
        client, lambda: _create_extra_preview(client, task_id, comment_id, preview_file_id), source
    )


# --- task: publishing ---------------------------------------------------------------------------
# publish_preview / publish_preview_and_wait build one PublishRequest from gazu's arguments (checked before
# anything is posted) and resolve the client once; _publish posts request.comment with _comments.post_comment,
# then _finish_publish creates the preview, uploads it, waits and sets the thumbnail, each step taking that
# client. resume_publish builds the PreviewUpload alone and _resume picks up from what exists on the server.


def publish_preview(
    task: ModelOrId,
    task_status: ModelOrId,
    comment: str = "",
    person: ModelOrId | None = None,
    checklist: list[dict[str, Any]] | None = None,
    attachments: list[str] | None = None,
    created_at: str | None = None,
    preview_file_path: str | None = None,
    preview_file_url: str | None = None,
    normalize_movie: bool = True,
    revision: int | None = None,
    set_thumbnail: bool = False,
    links: list[str] | None = None,
    client: KitsuClient | None = None,
    *,
    progress: ProgressArg = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Post a comment that sets a task's status, with a preview attached.

    The local file is checked before anything is posted. When something fails after the comment was posted,
    the PublishFailedException says which step failed (``.step``), why (``.reason``, Zou's text when it gives
    one), what exists on the server (``.comment``, ``.preview_file``), and can finish the publish
    (``.resume(path)``) or undo it (``.clean_up()``); see docs/publishing.md.

    Args:
        task: The task, as a dict or its id.
        task_status: The status the comment sets on the task, as a dict or its id.
        comment: The comment's text; empty by default.
        person: The author, as a dict or its id; the logged-in user when None.
        checklist: Checklist items of the comment, e.g. ``[{"text": "Fix the eyes", "checked": False}]``.
        attachments: Local paths of files to attach to the comment.
        created_at: The comment's date (a date, datetime or ISO string, sent in UTC); now when None.
        preview_file_path: The local file to publish as the preview.
        preview_file_url: A URL to fetch the preview from, used when preview_file_path is None.
        normalize_movie: Whether Zou normalises a movie; False keeps it as sent.
        revision: The preview's revision number; the task's next revision when None.
        set_thumbnail: Whether to make the preview the thumbnail of the task's entity.
        links: URLs to add to the comment.
        client: The client to use; the default client when None.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called as
            ``progress(bytes_sent, total)``; None or False: nothing.

    Returns:
        A tuple (comment dict, preview file dict) of what was created; the preview may still be processing.

    Raises:
        InvalidParameterValueException: neither preview_file_path nor preview_file_url is given; nothing is posted.
        FileDoesntExistException: preview_file_path is not a file; nothing is posted.
        PublishFailedException: the comment was posted but a later step (preview creation, upload, thumbnail)
            failed, or Zou marked the uploaded preview broken.
    """
    request = PublishRequest.from_gazu(
        task, task_status, comment, person, checklist, attachments, created_at, preview_file_path,
        preview_file_url, normalize_movie, revision, set_thumbnail, links, progress=progress,
    )  # fmt: skip
    return _publish(resolve(client), request)


def publish_preview_and_wait(
    task: ModelOrId,
    task_status: ModelOrId,
    comment: str = "",
    person: ModelOrId | None = None,
    checklist: list[dict[str, Any]] | None = None,
    attachments: list[str] | None = None,
    created_at: str | None = None,
    preview_file_path: str | None = None,
    preview_file_url: str | None = None,
    normalize_movie: bool = True,
    revision: int | None = None,
    set_thumbnail: bool = False,
    links: list[str] | None = None,
    client: KitsuClient | None = None,
    *,
    progress_callback: ProgressCallback | None = None,
    timeout: float = DEFAULT_PROCESSING_TIMEOUT,
    poll_interval: float = 1.0,
    progress: ProgressArg = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Publish like publish_preview, then wait until Zou has processed the preview.

    Args:
        task: The task, as a dict or its id.
        task_status: The status the comment sets on the task, as a dict or its id.
        comment: The comment's text; empty by default.
        person: The author, as a dict or its id; the logged-in user when None.
        checklist: Checklist items of the comment, e.g. ``[{"text": "Fix the eyes", "checked": False}]``.
        attachments: Local paths of files to attach to the comment.
        created_at: The comment's date (a date, datetime or ISO string, sent in UTC); now when None.
        preview_file_path: The local file to publish as the preview.
        preview_file_url: A URL to fetch the preview from, used when preview_file_path is None.
        normalize_movie: Whether Zou normalises a movie; False keeps it as sent.
        revision: The preview's revision number; the task's next revision when None.
        set_thumbnail: Whether to make the preview the thumbnail of the task's entity.
        links: URLs to add to the comment.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` during the upload.
        timeout: How many seconds to wait for the processing.
        poll_interval: Seconds between two checks of the preview's status.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        A tuple (comment dict, preview file dict); the preview's status is ``"ready"``.

    Raises:
        InvalidParameterValueException: neither preview_file_path nor preview_file_url is given; nothing is posted.
        FileDoesntExistException: preview_file_path is not a file; nothing is posted.
        PublishFailedException: a step after the comment failed, including step ``"processing"`` when Zou marks
            the preview broken or is still processing it after timeout.
    """
    request = PublishRequest.from_gazu(
        task, task_status, comment, person, checklist, attachments, created_at, preview_file_path,
        preview_file_url, normalize_movie, revision, set_thumbnail, links, progress_callback=progress_callback,
        wait=True, timeout=timeout, poll_interval=poll_interval, progress=progress,
    )  # fmt: skip
    return _publish(resolve(client), request)


def _publish(client: KitsuClient, request: PublishRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (comment, preview_file); PublishFailedException when the preview fails after the comment."""
    posted = post_comment(client, request.task_id, request.comment)
    return _finish_publish(client, request.task_id, posted, None, request.preview)


def resume_publish(
    comment: ModelOrId,
    preview_file: ModelOrId | None = None,
    preview_file_path: str | None = None,
    preview_file_url: str | None = None,
    normalize_movie: bool = True,
    revision: int | None = None,
    set_thumbnail: bool = False,
    client: KitsuClient | None = None,
    *,
    progress_callback: ProgressCallback | None = None,
    wait: bool = False,
    timeout: float = DEFAULT_PROCESSING_TIMEOUT,
    poll_interval: float = 1.0,
    progress: ProgressArg = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Finish a publish that failed after its comment was posted, without posting a second comment.

    A preview that reached the server is kept (and waited for, when wait is True); a broken one is removed from
    the comment and replaced, in the same revision, by a new upload of preview_file_path or preview_file_url.

    Args:
        comment: The comment the failed publish posted, as a dict or its id.
        preview_file: The preview file it left, as a dict or its id; None when none was created.
        preview_file_path: The (fixed) local file to upload when a new upload is needed.
        preview_file_url: A URL to fetch it from, used when preview_file_path is None.
        normalize_movie: Whether Zou normalises a movie; False keeps it as sent.
        revision: The preview's revision number; the broken preview's (or the task's next) when None.
        set_thumbnail: Whether to make the preview the thumbnail of the task's entity.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` during the upload.
        wait: Whether to wait until Zou has processed the preview.
        timeout: How many seconds to wait for the processing, when wait is True.
        poll_interval: Seconds between two checks of the preview's status.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        A tuple (comment dict, preview file dict).

    Raises:
        InvalidParameterValueException: a new upload is needed but neither preview_file_path nor
            preview_file_url is given.
        FileDoesntExistException: preview_file_path is not a file.
        PublishFailedException: a step failed again; the error can be resumed or cleaned up in turn.
    """
    source = PreviewUpload(
        preview_file_path, preview_file_url, normalize_movie, revision=revision, set_thumbnail=set_thumbnail,
        wait=wait, timeout=timeout, poll_interval=poll_interval, progress_callback=progress_callback,
        progress=progress,
    )  # fmt: skip
    preview_file_id = optional_id(preview_file)
    return _resume(resolve(client), comment, preview_file_id, source)


def _comment_with_task(client: KitsuClient, comment: ModelOrId) -> dict[str, Any]:
    """Return the comment as a dict holding its task (``object_id``), fetched when comment lacks it."""
    comment_id = model_id(comment)
    if isinstance(comment, dict) and comment.get("object_id"):
        return dict(comment)
    return cast("dict[str, Any]", crud_ops.get_data_comments_instance_id(client, instance_id=comment_id))


def _resume(
    client: KitsuClient, comment: ModelOrId, preview_file_id: str | None, source: PreviewUpload
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (comment, preview_file): keep a preview that reached the server, or replace it by a new upload."""
    posted = _comment_with_task(client, comment)
    task_id = str(posted["object_id"])
    if preview_file_id is None:
        return _finish_publish(client, task_id, posted, None, source)
    existing = cast("dict[str, Any]", crud_ops.get_data_preview_files_instance_id(client, instance_id=preview_file_id))
    if existing.get("original_name") and existing.get("status") == "processing" and source.wait:
        existing = _wait_for_preview(client, preview_file_id, source.timeout, source.poll_interval)
    if existing.get("original_name") and existing.get("status") != "broken":  # its upload reached the server
        if source.set_thumbnail and existing.get("status") == "ready":
            _set_main_preview(client, existing["id"])
        return posted, existing
    if existing.get("status") != "broken":  # created, never uploaded: upload into it
        return _finish_publish(client, task_id, posted, existing, source)
    # Zou refuses a second upload of a broken preview: replace it on the same comment, in its revision
    _detach_preview(client, task_id, posted["id"], existing["id"])
    if source.revision is None:
        source = replace(source, revision=existing["revision"])
    return _finish_publish(client, task_id, posted, None, source)


def _finish_publish(
    client: KitsuClient,
    task_id: str,
    posted: dict[str, Any],
    preview_file: dict[str, Any] | None,
    source: PreviewUpload,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (comment, preview_file): create the preview unless given, upload, wait, set the thumbnail."""
    created: list[dict[str, Any]] = [preview_file] if preview_file is not None else []
    step = ["upload"]  # fetching the preview's URL counts as the upload

    def new_preview() -> dict[str, Any]:
        if not created:
            step[0] = "preview creation"
            created.append(_create_preview(client, task_id, posted["id"], source.revision))
        step[0] = "upload"
        return created[0]

    try:
        uploaded = _add_file_to_preview(client, new_preview, source)
        created[:] = [uploaded]
        step[0] = "processing"
        if source.wait:
            uploaded = created[0] = _wait_for_preview(client, uploaded["id"], source.timeout, source.poll_interval)
        if uploaded.get("status") == "broken":
            raise PreviewFileProcessingException(
                f"Zou marked preview file {uploaded['id']} broken: the server could not process it"
            )
        if source.set_thumbnail:
            step[0] = "thumbnail"
            _set_main_preview(client, uploaded["id"])
    except Exception as exc:  # any failure after the comment was posted must say what exists on the server
        raise _publish_failure(step[0], exc, posted, created[0] if created else None, source.file_path) from exc
    return posted, uploaded


def _publish_failure(
    step: str, exc: Exception, comment: dict[str, Any], preview: dict[str, Any] | None, path: str | None
) -> PublishFailedException:
    """Return the PublishFailedException for a step that failed after the comment was posted."""
    reason = failure_reason(step, exc, preview, path)
    return PublishFailedException(
        publish_failure_message(step, reason, comment, preview),
        comment=comment,
        preview_file=preview,
        step=step,
        reason=reason,
        status=getattr(exc, "status", None),
        resume_with=resume_publish,
        clean_up_with=remove_failed_publish,
    )


# --- publish failures: what went wrong, what to do ------------------------------------------------

SILENT_MOVIE = (
    "the movie has no sound track: Zou 1.0.97's normalisation (with Debian's ffmpeg 5.1) loses the video of a "
    "silent movie ('Stream map '0:v' matches no streams'). Add a silent track "
    "(ffmpeg -i IN.mp4 -f lavfi -i anullsrc=r=48000:cl=stereo -c:v copy -c:a aac -shortest OUT.mp4) "
    "or publish with normalize_movie=False"
)
KNOWN_VIDEO_CODECS = frozenset({"h264", "hevc", "mpeg4", "prores", "vp8", "vp9", "av1", "mjpeg", "dnxhd", "png"})


def probe_movie(path: str) -> dict[str, Any] | None:
    """Look into a local movie with ffprobe.

    Args:
        path: The local movie file.

    Returns:
        ``{"streams": [(kind, codec), ...]}`` (kind being ``"video"``, ``"audio"``...), ``{"error": text}`` when
        ffprobe cannot read it, or None when ffprobe is not installed.
    """
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    command = [ffprobe, "-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of", "json", path]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"ffprobe failed: {exc}"}
    found: list[tuple[Any, Any]] = []
    with contextlib.suppress(ValueError):  # no JSON: the error text says why
        streams = json.loads(done.stdout or "{}").get("streams", [])
        found = [(stream.get("codec_type"), stream.get("codec_name")) for stream in streams]
    if done.returncode != 0 or not found:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        return {"error": lines[-1] if lines else "ffprobe finds no stream in it"}
    return {"streams": found}


def diagnose_movie(path: str | None) -> str | None:
    """Guess why Zou could not process a local movie, from what ffprobe finds in it.

    Args:
        path: The local movie file, or None.

    Returns:
        A sentence naming a known case (unreadable file, no video, no sound track, an unusual codec) and what to
        do about it, or None when path is not a file, ffprobe is missing or nothing looks wrong.
    """
    if path is None or not os.path.isfile(path):
        return None
    probe = probe_movie(path)
    if probe is None:
        return None
    if "error" in probe:
        return (
            f"ffprobe cannot read {os.path.basename(path)} ({probe['error']}): the file is corrupt, truncated or "
            "not a movie; export it again and check it with `ffprobe FILE`"
        )
    kinds = {kind for kind, _ in probe["streams"]}
    codecs = [codec for kind, codec in probe["streams"] if kind == "video"]
    if "video" not in kinds:
        return "the file has no video stream: export the movie again with its picture"
    if "audio" not in kinds:
        return SILENT_MOVIE
    unusual = [codec for codec in codecs if codec not in KNOWN_VIDEO_CODECS]
    if unusual:
        return (
            f"its video codec ({', '.join(map(str, unusual))}) may be one Zou's ffmpeg cannot decode: transcode it "
            "(ffmpeg -i IN -c:v libx264 -pix_fmt yuv420p -c:a aac OUT.mp4)"
        )
    return None


def failure_reason(step: str, exc: BaseException, preview: dict[str, Any] | None, path: str | None) -> str:
    """Say why a publish step failed.

    Args:
        step: The step that failed (``"upload"``, ``"processing"``...).
        exc: The error raised by that step.
        preview: The preview file dict as it was then, or None.
        path: The local file that was published, or None.

    Returns:
        The error's own message, completed for a broken movie with what the local file reveals (see
        diagnose_movie).
    """
    if step != "processing" or not isinstance(exc, PreviewFileProcessingException) or exc.status == 202:
        return str(exc)
    diagnosis = diagnose_movie(path) if preview is not None and is_movie_extension(preview.get("extension")) else None
    server = "Zou gives no reason through its API (its server log has ffmpeg's output)"
    return f"{exc}; {server}; likely cause: {diagnosis}" if diagnosis else f"{exc}; {server}"


def publish_failure_message(step: str, reason: str, comment: dict[str, Any], preview: dict[str, Any] | None) -> str:
    """Compose the message of a PublishFailedException.

    Args:
        step: The step that failed.
        reason: Why it failed.
        comment: The comment dict the publish posted.
        preview: The preview file dict it created, or None.

    Returns:
        A message naming the step, the reason, what exists on the server and how to resume or clean up.
    """
    exists = f"the comment {comment['id']}" + (f" and preview file {preview['id']}" if preview else "")
    return (
        f"publish failed at step {step!r}: {reason}. On the server: {exists}. "
        "Finish it with error.resume(fixed_file_path) (task.resume_publish(error.comment, error.preview_file, "
        "path)), or undo it with error.clean_up() (task.remove_failed_publish(error))"
    )


def remove_failed_publish(error: PublishFailedException, client: KitsuClient | None = None) -> dict[str, Any]:
    """Delete what a failed publish left on the server: its preview file (if Zou still has it), then its comment.

    Deleting the comment gives the task back the status of its previous comment (Zou's default status when it
    has none).

    Args:
        error: The PublishFailedException the publish raised.
        client: The client to use; the default client when None.

    Returns:
        ``{"comment": <comment id>, "preview_file": <preview file id, or None when none was removed>}``.

    Raises:
        InvalidParameterValueException: the error holds no comment (nothing was posted).
    """
    if error.comment is None:
        raise InvalidParameterValueException("this PublishFailedException has no comment: nothing was posted")
    client = resolve(client)
    comment = _comment_with_task(client, error.comment)
    comment_id = comment["id"]
    removed_preview = None
    if error.preview_file is not None:
        preview_id = model_id(error.preview_file)
        try:
            _detach_preview(client, str(comment["object_id"]), comment_id, preview_id)
            removed_preview = preview_id
        except RouteNotFoundException:  # Zou removes some refused uploads itself
            pass
    crud_ops.delete_data_comments_instance_id(client, raw=True, instance_id=comment_id)
    return {"comment": comment_id, "preview_file": removed_preview}


def set_main_preview(
    preview_file: ModelOrId, frame_number: int | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Make a preview the thumbnail of its task's entity.

    Args:
        preview_file: The preview file, as a dict or its id.
        frame_number: For a movie, the frame to use as the picture; Zou's choice when None.
        client: The client to use; the default client when None.

    Returns:
        The preview file dict as the server answers.
    """
    return _set_main_preview(resolve(client), model_id(preview_file), frame_number)


def _set_main_preview(client: KitsuClient, preview_file_id: str, frame_number: int | None = None) -> dict[str, Any]:
    """Return the preview file after making it its entity's thumbnail (Zou picks the frame when None)."""
    data = {} if frame_number is None else {"frame_number": frame_number}
    return previews_ops.put_actions_preview_files_preview_file_id_set_main_preview(
        client, json=data, preview_file_id=preview_file_id
    )


def remove_preview_from_comment(
    task: ModelOrId, comment: ModelOrId, preview_file: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Detach a preview file from its comment and delete it.

    Args:
        task: The task the comment belongs to, as a dict or its id.
        comment: The comment, as a dict or its id.
        preview_file: The preview file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The body of the server's answer (empty on success).
    """
    task_id, comment_id, preview_file_id = model_id(task), model_id(comment), model_id(preview_file)
    return _detach_preview(resolve(client), task_id, comment_id, preview_file_id)


def _detach_preview(client: KitsuClient, task_id: str, comment_id: str, preview_file_id: str) -> str:
    """Return the server's answer (empty on success) after detaching a preview file from its comment."""
    response = tasks_ops.delete_actions_tasks_task_id_comments_comment_id_preview_files_preview_file_id(
        client,
        raw=True,
        task_id=task_id,
        comment_id=comment_id,
        preview_file_id=preview_file_id,
    )
    return response.text


@cache
def all_previews_for_task(task: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the preview files of a task.

    Cached when the cache is enabled.

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of preview file dicts.
    """
    client = resolve(client)
    return tasks_ops.get_data_tasks_task_id_previews(client, task_id=model_id(task))


@cache
def all_preview_files_for_project(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the preview files of a project.

    Cached when the cache is enabled.

    Args:
        project: The project, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of preview file dicts.
    """
    client = resolve(client)
    return cast(
        "list[dict[str, Any]]",
        tasks_ops.get_data_projects_project_id_preview_files(client, project_id=model_id(project)),
    )


# --- files: reading, changing, waiting ----------------------------------------------------------


@cache
def get_preview_file(preview_file_id: str, client: KitsuClient | None = None) -> PreviewFile:
    """Return the preview file with this id.

    Cached when the cache is enabled.

    Args:
        preview_file_id: The preview file, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The preview file dict (``id``, ``revision``, ``status``, ``extension``, ``task_id``, ...).
    """
    client = resolve(client)
    return crud_ops.get_data_preview_files_instance_id(client, instance_id=model_id(preview_file_id))


@cache
def get_all_preview_files_for_task(task: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every preview file of a task.

    Cached when the cache is enabled.

    Args:
        task: The task, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of preview file dicts.
    """
    client = resolve(client)
    return cast("list[dict[str, Any]]", crud_ops.get_data_preview_files(client, params={"task_id": model_id(task)}))


@cache
def get_running_preview_files(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the preview files of open productions that are processing, broken or missing (an admin's right).

    Cached when the cache is enabled.

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of preview file dicts, newest first, each with ``project_id``, ``task_type_id`` and
        ``full_entity_name`` added.
    """
    client = resolve(client)
    return previews_ops.get_data_playlists_preview_files_running(client)


def update_preview(preview_file: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None) -> PreviewFile:
    """Change fields of a preview file.

    Args:
        preview_file: The preview file, as a dict or its id.
        data: The fields to change and their new values.
        client: The client to use; the default client when None.

    Returns:
        The updated preview file dict.
    """
    client = resolve(client)
    return crud_ops.put_data_preview_files_instance_id(client, json=data, instance_id=model_id(preview_file))


def remove_preview_file(preview_file: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a preview file.

    Whether its stored files are deleted too depends on the server's settings; force=True asks for it anyway.

    Args:
        preview_file: The preview file, as a dict or its id.
        force: Whether to delete the stored files whatever the server's settings say.
        client: The client to use; the default client when None.

    Returns:
        The body of the server's answer (empty on success).
    """
    client = resolve(client)
    params = {"force": True} if force else None
    response = crud_ops.delete_data_preview_files_instance_id(
        client, params=params, raw=True, instance_id=model_id(preview_file)
    )
    return response.text


def update_preview_annotations(
    preview_file: ModelOrId,
    additions: list[dict[str, Any]] | None = None,
    updates: list[dict[str, Any]] | None = None,
    deletions: list[Any] | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Add, change and delete drawings (annotations) on a preview file.

    Only the lists that are given are sent.

    Args:
        preview_file: The preview file, as a dict or its id.
        additions: Annotations to add, each ``{"time": <seconds>, "drawing": {"objects": [...]}}``; objects
            without an ``id`` get one.
        updates: Annotations to change, shaped like additions; each object replaces the one with its ``id`` at
            that time.
        deletions: What to remove, each ``{"time": <seconds>, "objects": [<object ids>]}``.
        client: The client to use; the default client when None.

    Returns:
        The preview file dict with its updated ``annotations``.
    """
    client = resolve(client)
    preview_file_id = model_id(preview_file)
    changes = {"additions": additions, "updates": updates, "deletions": deletions}
    data = drop_none(changes)
    return previews_ops.put_actions_preview_files_preview_file_id_update_annotations(
        client, json=data, preview_file_id=preview_file_id
    )


def update_preview_position(
    preview_file: ModelOrId, position: float, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Move a preview file within the files of its revision.

    Args:
        preview_file: The preview file, as a dict or its id.
        position: The new place in the revision, counted from 1.
        client: The client to use; the default client when None.

    Returns:
        The preview files of that revision, as a list of dicts in their new order.
    """
    client = resolve(client)
    preview_file_id = model_id(preview_file)
    return previews_ops.put_actions_preview_files_preview_file_id_update_position(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client,
        json={"position": position},
        preview_file_id=preview_file_id,
    )


def wait_for_preview_file(
    preview_file: ModelOrId, timeout: float = 60, poll_interval: float = 5, client: KitsuClient | None = None
) -> PreviewFile:
    """Wait until Zou has finished processing a preview file.

    Polls the preview file until its status is no longer ``"processing"``.

    Args:
        preview_file: The preview file, as a dict or its id.
        timeout: How many seconds to wait at most.
        poll_interval: Seconds between two checks.
        client: The client to use; the default client when None.

    Returns:
        The preview file dict, its status ``"ready"`` or ``"broken"``.

    Raises:
        PreviewFileProcessingException: it was still processing after timeout seconds (the error's ``status``
            is 202).
    """
    return cast("PreviewFile", _wait_for_preview(resolve(client), model_id(preview_file), timeout, poll_interval))


def _wait_for_preview(
    client: KitsuClient, preview_file_id: str, timeout: float, poll_interval: float
) -> dict[str, Any]:
    """Return the preview file once Zou no longer says it is processing; raise after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        current = crud_ops.get_data_preview_files_instance_id(client, instance_id=preview_file_id)
        if current.get("status") != "processing":
            return cast("dict[str, Any]", current)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise PreviewFileProcessingException(
                f"preview file {preview_file_id}: still processing after {timeout:g} s", status=202
            )
        time.sleep(max(0.0, min(poll_interval, remaining)))


# --- files: URLs and downloads ------------------------------------------------------------------


def get_preview_file_url(preview_file: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return where a preview's original file can be downloaded.

    Args:
        preview_file: The preview file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The route below the API host, without a leading slash (e.g.
        ``"movies/originals/preview-files/<id>.mp4"`` or ``"pictures/originals/preview-files/<id>.png"``).
    """
    client = resolve(client)
    operation, route = _original_route(preview_file, client)
    return client.path_of(operation, **route)


def _original_route(preview_file: ModelOrId, client: KitsuClient) -> tuple[str, dict[str, Any]]:
    """Return the operation and path parameters of a preview's original file (a movie or a picture)."""
    current = crud_ops.get_data_preview_files_instance_id(client, instance_id=model_id(preview_file))
    if is_movie_extension(current["extension"]):
        return "get_movies_originals_preview_files_instance_id_mp4", {"instance_id": current["id"]}
    route = {"instance_id": current["id"], "extension": current["extension"]}
    return "get_pictures_originals_preview_files_instance_id_extension", route


def get_preview_movie_url(preview_file: ModelOrId, lowdef: bool = False, client: KitsuClient | None = None) -> str:
    """Return where a movie preview can be downloaded, in full or low definition.

    Args:
        preview_file: The preview file, as a dict or its id.
        lowdef: Whether to point at the low-definition movie instead of the original one.
        client: The client to use; the default client when None.

    Returns:
        The route below the API host, without a leading slash (e.g. ``"movies/low/preview-files/<id>.mp4"``).

    Raises:
        InvalidParameterValueException: the preview is not a movie.
    """
    client = resolve(client)
    return client.path_of(_movie_operation(lowdef), instance_id=_movie_id(preview_file, client))


def _movie_operation(lowdef: bool) -> str:
    """Return the operation that serves a movie preview in low or full definition."""
    if lowdef:
        return "get_movies_low_preview_files_instance_id_mp4"
    return "get_movies_originals_preview_files_instance_id_mp4"


def _movie_id(preview_file: ModelOrId, client: KitsuClient) -> str:
    """Return a movie preview's id; InvalidParameterValueException when the preview is not a movie."""
    current = crud_ops.get_data_preview_files_instance_id(client, instance_id=model_id(preview_file))
    if not is_movie_extension(current["extension"]):
        raise InvalidParameterValueException(f"preview file {current['id']} is a .{current['extension']}, not a movie")
    return current["id"]


def get_preview_lowdef_movie_url(preview_file: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return where a movie preview's low-definition version can be downloaded.

    Args:
        preview_file: The preview file, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The route below the API host, without a leading slash (``"movies/low/preview-files/<id>.mp4"``).

    Raises:
        InvalidParameterValueException: the preview is not a movie.
    """
    return get_preview_movie_url(preview_file, lowdef=True, client=client)


def download_preview_file(
    preview_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Save a preview's original file on disk.

    The file is written atomically: to a temporary file beside it, renamed when complete. While Zou answers
    that it is still processing (202), the download waits, up to the client's ``processing_timeout``
    seconds.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: Where to save the file.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` during the download.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response of the download (its body already written to file_path).

    Raises:
        PreviewFileProcessingException: Zou was still processing the file when the wait ended.
        DownloadFileException: the transfer was cut short; no partial file is left.
    """
    client = resolve(client)
    operation, route = _original_route(preview_file, client)
    return _transfer.download(
        client, operation, file_path, progress=progress, progress_callback=progress_callback, **route
    )


def download_preview_file_cover(
    preview_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Save a preview's full-size picture (PNG) on disk.

    The file is written atomically: to a temporary file beside it, renamed when complete. While Zou answers
    that it is still processing (202), the download waits, up to the client's ``processing_timeout``
    seconds.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: Where to save the picture.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` during the download.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response of the download (its body already written to file_path).

    Raises:
        PreviewFileProcessingException: Zou was still processing the file when the wait ended.
        DownloadFileException: the transfer was cut short; no partial file is left.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_pictures_originals_preview_files_instance_id_png",
        file_path,
        progress=progress,
        progress_callback=progress_callback,
        instance_id=model_id(preview_file),
    )


def download_preview_file_thumbnail(
    preview_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Save a preview's thumbnail (PNG) on disk.

    The file is written atomically: to a temporary file beside it, renamed when complete. While Zou answers
    that it is still processing (202), the download waits, up to the client's ``processing_timeout``
    seconds.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: Where to save the thumbnail.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` during the download.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response of the download (its body already written to file_path).

    Raises:
        PreviewFileProcessingException: Zou was still processing the file when the wait ended.
        DownloadFileException: the transfer was cut short; no partial file is left.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_pictures_thumbnails_preview_files_instance_id_png",
        file_path,
        progress=progress,
        progress_callback=progress_callback,
        instance_id=model_id(preview_file),
    )


def download_preview_movie(
    preview_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Save a movie preview's original (full-definition) movie on disk.

    The file is written atomically: to a temporary file beside it, renamed when complete. While Zou answers
    that it is still processing (202), the download waits, up to the client's ``processing_timeout``
    seconds.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: Where to save the movie.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` during the download.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response of the download (its body already written to file_path).

    Raises:
        InvalidParameterValueException: the preview is not a movie.
        PreviewFileProcessingException: Zou was still processing the file when the wait ended.
        DownloadFileException: the transfer was cut short; no partial file is left.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        _movie_operation(lowdef=False),
        file_path,
        progress=progress,
        progress_callback=progress_callback,
        instance_id=_movie_id(preview_file, client),
    )


def download_preview_lowdef_movie(
    preview_file: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Save a movie preview's low-definition movie on disk.

    The file is written atomically: to a temporary file beside it, renamed when complete. While Zou answers
    that it is still processing (202), the download waits, up to the client's ``processing_timeout``
    seconds.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: Where to save the movie.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` during the download.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response of the download (its body already written to file_path).

    Raises:
        InvalidParameterValueException: the preview is not a movie.
        PreviewFileProcessingException: Zou was still processing the file when the wait ended.
        DownloadFileException: the transfer was cut short; no partial file is left.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        _movie_operation(lowdef=True),
        file_path,
        progress=progress,
        progress_callback=progress_callback,
        instance_id=_movie_id(preview_file, client),
    )


def extract_frame_from_preview(
    preview_file: ModelOrId,
    frame_number: int,
    file_path: str | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Get one frame of a movie preview as a PNG picture, saved on disk when file_path is given.

    Args:
        preview_file: The preview file, as a dict or its id.
        frame_number: The frame to extract.
        file_path: Where to save the picture (atomically); None keeps it in the response only.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` while the picture is saved.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response; without file_path, its ``content`` holds the PNG picture.

    Raises:
        PreviewFileProcessingException: Zou was still processing the preview when the wait ended.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_actions_preview_files_preview_file_id_extract_frame",
        file_path,
        params={"frame_number": frame_number},
        progress=progress,
        progress_callback=progress_callback,
        preview_file_id=model_id(preview_file),
    )


def extract_tile_from_preview(
    preview_file: ModelOrId,
    file_path: str | None = None,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
    *,
    progress: ProgressArg = None,
) -> httpx.Response:
    """Get a movie preview's tile (a picture of frames laid side by side), saved on disk when file_path is given.

    Args:
        preview_file: The preview file, as a dict or its id.
        file_path: Where to save the picture (atomically); None keeps it in the response only.
        client: The client to use; the default client when None.
        progress_callback: Called as ``progress_callback(bytes_received, total)`` while the picture is saved.
        progress: True draws a tqdm bar (when tqdm is installed), a callable is called like progress_callback;
            None or False: nothing.

    Returns:
        The HTTP response; without file_path, its ``content`` holds the tile picture.

    Raises:
        PreviewFileProcessingException: Zou was still processing the preview when the wait ended.
    """
    client = resolve(client)
    return _transfer.download(
        client,
        "get_actions_preview_files_preview_file_id_extract_tile",
        file_path,
        progress=progress,
        progress_callback=progress_callback,
        preview_file_id=model_id(preview_file),
    )
