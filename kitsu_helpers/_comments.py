"""Comment building, in one place: a comment's fields, its JSON body or multipart form, its attachments, the post.

`task.add_comment`, `task.add_attachment_files_to_comment`, the batch comment helpers, publishing and sync's
comment replication all build and send their comments here. It sits below them: it knows the client, the
shared types and coercions, never the gazu-named modules that use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from kitsu_api.calls import comments as comments_ops

from . import _transfer
from ._coerce import comment_datetime
from ._types import DateLike, Json, ModelOrId, ProgressCallback
from .client import KitsuClient
from .errors import InvalidParameterValueException
from .helpers import model_id, optional_id, require_dict, require_str

BATCH_SIZE = 10
"""The most comments sent in one batch request (see post_batch_comments)."""


@dataclass(frozen=True)
class NewComment:
    """A comment to post on a task, its values already in the form Zou takes.

    Attributes:
        task_status_id: The status the comment sets on its task.
        text: The comment's text.
        person_id: The author's id; the logged-in user when None.
        checklist: Checklist items, e.g. ``[{"text": "Fix the eyes", "checked": False}]``.
        links: URLs added to the comment.
        created_at: The comment's date as Zou parses it; now when None.
        for_client: Whether client users see it; not sent when None (Zou's default: no).
        attachments: Local paths of the files to attach, sent in the same request.
    """

    task_status_id: str
    text: str = ""
    person_id: str | None = None
    checklist: list[Json] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    created_at: str | None = None
    for_client: bool | None = None
    attachments: tuple[str, ...] = ()

    def body(self) -> Json:
        """Return the JSON body of Zou's comment route: status, text, checklist, links and the optional fields.

        Returns:
            A new dict; ``for_client``, ``person_id`` and ``created_at`` are left out when None.
        """
        body: Json = {
            "task_status_id": self.task_status_id,
            "comment": self.text,
            "checklist": list(self.checklist),
            "links": list(self.links),
        }
        optional = {"for_client": self.for_client, "person_id": self.person_id, "created_at": self.created_at}
        body.update({key: value for key, value in optional.items() if value is not None})
        return body

    def form(self) -> dict[str, str]:
        """Return the multipart form fields that go with the attachments: the body, lists as JSON text.

        Returns:
            A new dict of str values (``for_client`` as ``"true"``/``"false"``).
        """
        form = self.body()
        form["checklist"] = json.dumps(form["checklist"])
        form["links"] = json.dumps(form["links"])
        if self.for_client is not None:
            form["for_client"] = "true" if self.for_client else "false"
        return form


def new_comment(
    task_status: ModelOrId,
    comment: str = "",
    person: ModelOrId | None = None,
    checklist: list[Json] | None = None,
    attachments: list[str] | None = None,
    created_at: DateLike | None = None,
    links: list[str] | None = None,
    for_client: bool | None = None,
) -> NewComment:
    """Build a NewComment from gazu's loose arguments (dicts or ids, any date form).

    Args:
        task_status: The status to set, as a dict or its id.
        comment: The comment's text.
        person: The author, as a dict or its id; None for the logged-in user.
        checklist: Checklist items.
        attachments: Local paths of files to attach.
        created_at: The comment's date (date, datetime or ISO string, sent in UTC); None for now.
        links: URLs to add to the comment.
        for_client: Whether client users see it; None leaves it out.

    Returns:
        The comment, its ids checked and its date formatted.

    Raises:
        InvalidParameterValueException: an id is invalid, comment is not a string or created_at is no date.
    """
    return NewComment(
        task_status_id=model_id(task_status),
        text=require_str(comment, "comment"),
        person_id=optional_id(person),
        checklist=list(checklist or []),
        links=list(links or []),
        created_at=comment_datetime(created_at),
        for_client=for_client,
        attachments=tuple(str(path) for path in attachments or []),
    )


def attachment_fields(paths: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """Name local files as the multipart fields Zou's comment routes read.

    Args:
        paths: Local file paths.

    Returns:
        ``(form field, path)`` tuples: ``file`` for the first, then ``file-1``, ``file-2``...
    """
    return [("file" if index == 0 else f"file-{index}", str(path)) for index, path in enumerate(paths)]


def post_comment(
    client: KitsuClient, task_id: str, comment: NewComment, progress_callback: ProgressCallback | None = None
) -> Json:
    """Post a comment on a task: a JSON body, or a multipart form when it has attachments.

    Args:
        client: The client to send with.
        task_id: The task's id.
        comment: The comment to post.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while attachments upload.

    Returns:
        The created comment dict.

    Raises:
        FileDoesntExistException: an attachment path is not a file; nothing is sent.
    """
    if not comment.attachments:
        return comments_ops.post_actions_tasks_task_id_comment(client, json=comment.body(), task_id=task_id)
    parts = attachment_fields(comment.attachments)
    created = _transfer.upload(
        client,
        "post_actions_tasks_task_id_comment",
        parts=parts,
        data=comment.form(),
        progress_callback=progress_callback,
        task_id=task_id,
    )
    return cast("Json", created)


def post_attachments(
    client: KitsuClient,
    task_id: str,
    comment_id: str,
    paths: list[str],
    progress_callback: ProgressCallback | None = None,
) -> Any:
    """Upload files as attachments of an existing comment.

    Args:
        client: The client to send with.
        task_id: The task's id.
        comment_id: The comment's id.
        paths: Local file paths; at least one.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while the files upload.

    Returns:
        A list of the created attachment file dicts.

    Raises:
        InvalidParameterValueException: paths is empty; nothing is sent.
        FileDoesntExistException: a path is not a file; nothing is sent.
    """
    if not paths:
        raise InvalidParameterValueException("The attachments list is empty")
    return _transfer.upload(
        client,
        "post_actions_tasks_task_id_comments_comment_id_add_attachment",
        parts=attachment_fields(paths),
        progress_callback=progress_callback,
        task_id=task_id,
        comment_id=comment_id,
    )


# --- several comments at once ----------------------------------------------------------------------


def attachment_parts(comments: list[Json]) -> list[tuple[str, str]]:
    """List the local files of batch comments as multipart form fields.

    Args:
        comments: Batch comment dicts, each with optional ``attachment_files`` and ``preview_files`` path lists.

    Returns:
        A list of ``(form field, file path)`` tuples, named ``attachment_file-<comment>-<n>`` and
        ``preview_file-<comment>-<n>`` as Zou's batch route expects.
    """
    parts = []
    for index, comment in enumerate(comments):
        for kind in ("attachment_files", "preview_files"):
            for position, path in enumerate(comment.get(kind) or []):
                parts.append((f"{kind[:-1]}-{index}-{position}", str(path)))
    return parts


def comments_without_files(comments: list[Json]) -> list[Json]:
    """Drop the local file lists from batch comments (the files travel in the multipart body).

    Args:
        comments: Batch comment dicts.

    Returns:
        A list of new dicts without their ``attachment_files`` and ``preview_files`` keys.
    """
    return [{k: v for k, v in c.items() if k not in ("attachment_files", "preview_files")} for c in comments]


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """Cut a list into consecutive slices.

    Args:
        items: The list to cut.
        size: The largest number of entries per slice.

    Returns:
        A list of lists, each of at most size entries, in the original order.
    """
    return [items[start : start + size] for start in range(0, len(items), size)]


def many_comment_entry(comment: Json) -> Json:
    """Turn a comment written as gazu documents it into an entry of Zou's comment-many route.

    Args:
        comment: A dict with ``task_id`` (or ``object_id``), ``task_status_id``, ``comment`` or ``text``, and
            optional ``links``; ids may be given as dicts.

    Returns:
        A dict with ``object_id``, ``task_status_id``, ``comment`` and ``links``.

    Raises:
        InvalidParameterValueException: comment is not a dict, has no task, or holds an invalid id.
        KeyError: comment has no ``task_status_id``.
    """
    require_dict(comment, "comment")
    task = comment.get("task_id") or comment.get("object_id")
    if task is None:
        raise InvalidParameterValueException(f"a comment needs a task_id: {comment!r}")
    return {
        "object_id": model_id(task),
        "task_status_id": model_id(comment["task_status_id"]),
        "comment": comment.get("comment", comment.get("text", "")),
        "links": list(comment.get("links") or []),
    }


def post_batch_comments(
    client: KitsuClient,
    task_id: str | None,
    comments: list[Json],
    progress_callback: ProgressCallback | None = None,
) -> list[Json]:
    """Post comments with their local files through Zou's batch route, at most BATCH_SIZE per request.

    Args:
        client: The client to send with.
        task_id: The task all comments go to; None when each comment names its ``task_id``.
        comments: Batch comment dicts with optional ``attachment_files`` and ``preview_files`` path lists.
        progress_callback: Called as ``progress_callback(bytes_sent, total)`` while each request uploads.

    Returns:
        A list of the created comment dicts, in the given order.

    Raises:
        FileDoesntExistException: a listed file does not exist.
    """
    operation, path_params = "post_actions_tasks_batch_comment", dict[str, Any]()
    if task_id is not None:
        operation, path_params = "post_actions_tasks_task_id_batch_comment", {"task_id": task_id}
    created: list[Json] = []
    # Zou matches files to comments by a prefix of the form field ("attachment_file-1" also matches
    # "attachment_file-10-0"): at most BATCH_SIZE comments per request keeps every file on its comment.
    for group in chunks(comments, BATCH_SIZE) if comments else [[]]:
        form = {"comments": json.dumps(comments_without_files(group))}
        created.extend(
            _transfer.upload(
                client,
                operation,
                parts=attachment_parts(group),
                data=form,
                progress_callback=progress_callback,
                **path_params,
            )
            or []
        )
    return created


def post_same_comment(client: KitsuClient, task_ids: list[str], comment_data: Json) -> list[Json]:
    """Post one comment's fields on several tasks in one request (Zou's batch route, no files).

    Args:
        client: The client to send with.
        task_ids: The tasks' ids.
        comment_data: The comment's fields, applied to every task.

    Returns:
        A list of the created comment dicts, one per task.
    """
    comments = [{**comment_data, "task_id": task_id} for task_id in task_ids]
    return comments_ops.post_actions_tasks_batch_comment(client, json={"comments": comments})


__all__ = [
    "BATCH_SIZE",
    "NewComment",
    "attachment_fields",
    "attachment_parts",
    "chunks",
    "comments_without_files",
    "many_comment_entry",
    "new_comment",
    "post_attachments",
    "post_batch_comments",
    "post_comment",
    "post_same_comment",
]
