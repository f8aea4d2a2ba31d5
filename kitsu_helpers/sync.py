"""gazu's `sync` module: read the event log and copy a production from one Kitsu instance to another.

Entities, tasks and entity links keep their ids (Zou's /import/kitsu routes upsert by id), so a push can be
re-run without duplicating anything; long pushes report progress through `sync.progress`. Where and why it
differs from gazu: docs/gazu-differences.md, "sync, events".
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from kitsu_api.calls import (
    breakdown as breakdown_ops,
    crud as crud_ops,
    events as events_ops,
    import_ as import__ops,
    tasks as tasks_ops,
)

from . import _transfer
from ._comments import NewComment, post_comment
from ._local_paths import local_file_name, local_target
from .client import KitsuClient, resolve
from .helpers import model_id, optional_id, require_dict, validate_date_format
from .progress import step_progress
from .sorting import sort_by_name

logger = logging.getLogger("kitsu_helpers.sync")
EVENTS_PAGE = 1000
IMPORT_BATCH = 200
StepProgressCallback = Callable[[str, int, int], Any]
"""Called as ``callback(step, done, total)`` while a push runs (not the transfers' ``callback(done, total)``)."""
ProgressCallback = StepProgressCallback  # its former name, kept importable
_progress: contextvars.ContextVar[StepProgressCallback | None] = contextvars.ContextVar("sync_progress", default=None)


# --- progress -----------------------------------------------------------------------------------


@contextlib.contextmanager
def progress(callback: StepProgressCallback | bool = True) -> Iterator[StepProgressCallback | None]:
    """Report the progress of the pushes run inside a ``with`` block (not in gazu).

    Inside the block each push calls ``callback(step, done, total)`` as it advances; step is ``"episodes"``,
    ``"sequences"``, ``"shots"``, ``"assets"``, ``"entity links"``, ``"tasks"`` (per import batch),
    ``"comments"`` (per comment of a task) or ``"task comments"`` (per task). gazu's signatures are unchanged.

    Args:
        callback: A function called as ``callback(step, done, total)``; True draws one tqdm bar per step on
            stderr when tqdm is installed (nothing otherwise); False reports nothing.

    Yields:
        The active callback, or None when there is none (callback False, or True without tqdm).
    """
    if callback is True or callback is False:
        with contextlib.ExitStack() as stack:
            bars = stack.enter_context(step_progress(callback))
            yield stack.enter_context(progress(bars)) if bars is not None else None
        return
    token = _progress.set(callback)
    try:
        yield callback
    finally:
        _progress.reset(token)


def report(step: str, done: int, total: int) -> None:
    """Log a push's progress (``kitsu_helpers.sync`` logger, INFO) and pass it to the active progress callback.

    Args:
        step: The push step, e.g. ``"comments"``.
        done: How many items are done.
        total: How many items the step has.
    """
    logger.info("%s: %d/%d", step, done, total)
    callback = _progress.get()
    if callback is not None:
        callback(step, done, total)


# --- the event log ------------------------------------------------------------------------------


def get_last_events(
    limit: int = 20000,
    project: Any = None,
    after: str | None = None,
    before: str | None = None,
    only_files: bool = False,
    name: str | None = None,
    client: KitsuClient | None = None,
) -> list[dict[str, Any]]:
    """Fetch the last events of the instance, newest first, following Zou's pages.

    Zou returns at most 1000 events per page; this follows its cursor until limit events are read or none
    are left.

    Args:
        limit: The most events to return; 20000 by default.
        project: Only events of this project, as a dict or its id; every project when None.
        after: Only events after this date, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``.
        before: Only events before this date, in the same forms.
        only_files: Only events about files (previews, output files...).
        name: Only events with this name, e.g. ``"task:update"``; any when None.
        client: The client to use; the default client when None.

    Returns:
        A list of event dicts (``id``, ``name``, ``created_at``, ``data``, ...), newest first.

    Raises:
        InvalidParameterValueException: after or before is not in one of the date forms, or project is invalid.
    """
    client = resolve(client)
    params: dict[str, Any] = {"only_files": only_files, "project_id": optional_id(project), "name": name}
    if after is not None:
        params["after"] = validate_date_format(after)
    if before is not None:
        params["before"] = validate_date_format(before)
    events: list[dict[str, Any]] = []
    while len(events) < limit:
        params["limit"] = min(EVENTS_PAGE, limit - len(events))
        page = events_ops.get_data_events_last(client, params=params)
        events.extend(page)
        if len(page) < params["limit"] or not page:
            break
        params["cursor_event_id"] = page[-1]["id"]
    return events


# --- imports (ids and audit dates kept) ---------------------------------------------------------


def import_entities(entities: list[dict[str, Any]], client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Create or update entities on the instance, keeping their ids and audit dates.

    Zou's import route upserts by id, so importing the same entities again changes them instead of
    duplicating them.

    Args:
        entities: Entity dicts from another instance (with ``id``, ``created_at``, ``updated_at``...).
        client: The client of the instance to import into; the default client when None.

    Returns:
        A list of the imported entity dicts.
    """
    return import__ops.post_import_kitsu_entities(resolve(client), json=list(entities))


def import_tasks(tasks: list[dict[str, Any]], client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Create or update tasks on the instance, keeping their ids and audit dates.

    Args:
        tasks: Task dicts from another instance.
        client: The client of the instance to import into; the default client when None.

    Returns:
        A list of the imported task dicts.
    """
    return import__ops.post_import_kitsu_tasks(resolve(client), json=list(tasks))


def import_entity_links(links: list[dict[str, Any]], client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Create or update entity links (casting) on the instance, keeping their ids and audit dates.

    Args:
        links: Entity link dicts from another instance.
        client: The client of the instance to import into; the default client when None.

    Returns:
        A list of the imported entity link dicts.
    """
    return import__ops.post_import_kitsu_entity_links(resolve(client), json=list(links))


def import_in_batches(
    importer: Callable[..., list[dict[str, Any]]], step: str, models: Sequence[Mapping[str, Any]], client: KitsuClient
) -> list[dict[str, Any]]:
    """Import models 200 at a time (IMPORT_BATCH), reporting progress after each batch.

    Args:
        importer: The import function (import_entities, import_tasks or import_entity_links).
        step: The progress step name to report.
        models: The models to import.
        client: The client of the instance to import into.

    Returns:
        A list of every model imported, in order.
    """
    imported: list[dict[str, Any]] = []
    if not models:
        report(step, 0, 0)
    for start in range(0, len(models), IMPORT_BATCH):
        imported.extend(importer(models[start : start + IMPORT_BATCH], client=client))
        report(step, min(start + IMPORT_BATCH, len(models)), len(models))
    return imported


# --- pure diff and id-map helpers ---------------------------------------------------------------


def get_model_list_diff(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]], id_field: str = "id"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Compare two lists of models by id.

    Args:
        source_list: The models that should exist.
        target_list: The models that exist.
        id_field: The field compared; ``"id"`` by default.

    Returns:
        A tuple of two lists: the source models missing from the target, and the target models absent from the
        source.
    """
    source_ids = {model[id_field] for model in source_list}
    target_ids = {model[id_field] for model in target_list}
    missing = [model for model in source_list if model[id_field] not in target_ids]
    unexpected = [model for model in target_list if model[id_field] not in source_ids]
    return missing, unexpected


def link_key(link: dict[str, Any]) -> tuple[str, str]:
    """Give the identity of an entity link.

    Args:
        link: An entity link dict.

    Returns:
        The ``(entity_in_id, entity_out_id)`` tuple.
    """
    return link["entity_in_id"], link["entity_out_id"]


def get_link_list_diff(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Compare two lists of entity links by the entities they join (in id and out id).

    Args:
        source_list: The links that should exist.
        target_list: The links that exist.

    Returns:
        A tuple of two lists: the source links missing from the target, and the target links absent from the
        source.
    """
    source_keys = {link_key(link) for link in source_list}
    target_keys = {link_key(link) for link in target_list}
    missing = [link for link in source_list if link_key(link) not in target_keys]
    unexpected = [link for link in target_list if link_key(link) not in source_keys]
    return missing, unexpected


def field_index(models: list[dict[str, Any]], field: str) -> dict[str, str]:
    """Index models by one field, ignoring case.

    Args:
        models: Model dicts with an ``id``.
        field: The field to index on; models with no value there are left out.

    Returns:
        A dict mapping each lower-cased field value to the model's id.
    """
    return {str(model[field]).lower(): model["id"] for model in models if model.get(field)}


def get_id_map_by_name(source_list: list[dict[str, Any]], target_list: list[dict[str, Any]]) -> dict[str, str]:
    """Match source models to target models by name (ignoring case).

    Args:
        source_list: The source models.
        target_list: The target models to match against.

    Returns:
        A dict mapping each matched source model's name to the id of the target model with that name; unmatched
        or unnamed models are left out.
    """
    targets = field_index(target_list, "name")
    return {
        model["name"]: targets[model["name"].lower()]
        for model in source_list
        if model.get("name") and model["name"].lower() in targets
    }


def get_id_map_by_id(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]], field: str = "name"
) -> dict[str, str]:
    """Match source models to target models on a field (ignoring case).

    Args:
        source_list: The source models.
        target_list: The target models to match against.
        field: The field compared; ``"name"`` by default. Models with no value there are skipped (gazu fails on
            them).

    Returns:
        A dict mapping each matched source model's id to the id of its target counterpart.
    """
    targets = field_index(target_list, field)
    return {
        model["id"]: targets[str(model[field]).lower()]
        for model in source_list
        if model.get(field) and str(model[field]).lower() in targets
    }


def is_changed(source_model: dict[str, Any], target_model: dict[str, Any]) -> bool:
    """Tell whether a source model was updated after its target copy.

    Args:
        source_model: The model on the source instance.
        target_model: The same model on the target instance.

    Returns:
        True when the source's ``updated_at`` is later than the target's.
    """
    return cast("bool", source_model["updated_at"] > target_model["updated_at"])


def convert_id_list(ids: list[str], model_map: dict[str, Any]) -> list[Any]:
    """Translate a list of ids through a map.

    Args:
        ids: The ids to translate.
        model_map: A dict mapping each id to its new value.

    Returns:
        A list of the translated values, in order.

    Raises:
        KeyError: an id is not in model_map.
    """
    return [model_map[id_] for id_ in ids]


def map_entity(
    entity: dict[str, Any], task_type_map: dict[str, str], person_map: dict[str, str], project_id: str
) -> dict[str, Any]:
    """Copy a source entity for the target project, translating the ids that differ between instances.

    ``created_by`` is translated through person_map and ``ready_for`` through task_type_map (None when
    unmapped); the entity keeps its own id.

    Args:
        entity: The source entity dict; it needs an ``id``.
        task_type_map: Source task type id to target task type id.
        person_map: Source person id to target person id.
        project_id: The target project's id.

    Returns:
        A new entity dict for the target project.

    Raises:
        InvalidParameterValueException: entity has no ``id`` or project_id is not a UUID.
    """
    require_dict(entity, "entity", "id")  # pushed with the source's id
    project_id = model_id(project_id)
    mapped = {**entity, "project_id": project_id}
    if "created_by" in entity:
        mapped["created_by"] = person_map.get(entity.get("created_by") or "")
    if entity.get("ready_for") is not None:
        mapped["ready_for"] = task_type_map.get(entity["ready_for"])
    return mapped


def map_asset(
    asset: dict[str, Any],
    asset_type_map: dict[str, str],
    task_type_map: dict[str, str],
    project_id: str,
    person_map: dict[str, str] | None = None,
) -> dict[str, Any] | None:
    """Copy a source asset for the target project, translating its asset type, task type and person ids.

    An asset whose type has no counterpart on the target is skipped, with a warning in the log.

    Args:
        asset: The source asset dict; it needs ``id`` and ``entity_type_id``.
        asset_type_map: Source asset type id to target asset type id.
        task_type_map: Source task type id to target task type id.
        project_id: The target project's id.
        person_map: Source person id to target person id; an empty map when None.

    Returns:
        A new asset dict for the target project, or None when its asset type is unmapped.

    Raises:
        InvalidParameterValueException: asset lacks ``id`` or ``entity_type_id``, or project_id is not a UUID.
    """
    require_dict(asset, "asset", "id", "entity_type_id")
    project_id = model_id(project_id)
    if asset["entity_type_id"] not in asset_type_map:
        logger.warning("Skipping asset %s: its asset type is not on the target", asset.get("name"))
        return None
    mapped = map_entity(asset, task_type_map, person_map or {}, project_id)
    mapped["entity_type_id"] = asset_type_map[asset["entity_type_id"]]
    return mapped


def map_task(
    task: Mapping[str, Any],
    task_type_map: dict[str, str],
    person_map: dict[str, str],
    project_id: str,
    task_status_id: str,
) -> dict[str, Any] | None:
    """Copy a source task for the target project, translating its task type and people.

    The status is the one given; assignees without a counterpart are dropped; ``last_preview_file_id`` is
    cleared (previews get new ids on the target). A task whose type is unmapped is skipped, with a warning.

    Args:
        task: The source task dict; it needs ``id`` and ``task_type_id``.
        task_type_map: Source task type id to target task type id.
        person_map: Source person id to target person id.
        project_id: The target project's id.
        task_status_id: The status to give the task on the target.

    Returns:
        A new task dict for the target, or None when its task type is unmapped.

    Raises:
        InvalidParameterValueException: task lacks ``id`` or ``task_type_id``, or an id is not a UUID.
    """
    require_dict(task, "task", "id", "task_type_id")
    project_id, task_status_id = model_id(project_id), model_id(task_status_id)
    if task["task_type_id"] not in task_type_map:
        logger.warning("Skipping task %s: its task type is not on the target", task.get("id"))
        return None
    return {
        **task,
        "task_type_id": task_type_map[task["task_type_id"]],
        "task_status_id": task_status_id,
        "assigner_id": person_map.get(task.get("assigner_id") or ""),
        "project_id": project_id,
        "assignees": [person_map[p] for p in task.get("assignees") or [] if p in person_map],
        "last_preview_file_id": None,  # previews get new ids on the target: set again when pushed
    }


def name_clashes(source: list[dict[str, Any]], target: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """List the source entities that have a same-name twin with another id on the target.

    Args:
        source: The source entities.
        target: The target entities.

    Returns:
        A list of the source entity dicts that clash (see name_twins).
    """
    return [entity for entity, _ in name_twins(source, target)]


def name_twins(
    source: list[dict[str, Any]], target: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pair source entities with target entities of the same name and parent but another id.

    Only target entities with no counterpart id in the source, and source entities not yet on the target,
    are paired; names are compared ignoring case.

    Args:
        source: The source entities.
        target: The target entities.

    Returns:
        A list of ``(source entity, target entity)`` tuples.
    """
    source_ids = {entity["id"] for entity in source}
    target_ids = {entity["id"] for entity in target}
    by_name = {
        (entity["name"].lower(), entity.get("parent_id")): entity for entity in target if entity["id"] not in source_ids
    }
    pairs = []
    for entity in source:
        twin = by_name.get((entity["name"].lower(), entity.get("parent_id")))
        if entity["id"] not in target_ids and twin is not None:
            pairs.append((entity, twin))
    return pairs


def comment_key(comment: Mapping[str, Any]) -> tuple[str, str]:
    """Give what identifies a pushed comment on its task: its creation date to the second and its text.

    Args:
        comment: The comment dict; it needs ``created_at``.

    Returns:
        A ``(date string, text)`` tuple.

    Raises:
        InvalidParameterValueException: comment is not a dict with ``created_at``.
    """
    require_dict(comment, "comment", "created_at")  # without a date, two comments would be twins
    return str(comment.get("created_at") or "")[:19], comment.get("text") or ""


def comments_to_push(source: Sequence[Mapping[str, Any]], target: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Pick the source comments of a task that the target task does not have yet.

    Args:
        source: The task's comments on the source, as Zou lists them (newest first).
        target: The task's comments on the target.

    Returns:
        A list of the source comment dicts with no twin (same date and text) on the target, oldest first.
    """
    existing = {comment_key(comment) for comment in target}
    ordered = sorted(reversed(source), key=lambda c: str(c.get("created_at") or ""))  # stable: ties stay in order
    return [comment for comment in ordered if comment_key(comment) not in existing]


# --- id maps between two instances --------------------------------------------------------------


def _all(client: KitsuClient, operation: str, **path: Any) -> list[dict[str, Any]]:
    """Return every model an operation lists, sorted by name."""
    return sort_by_name(client.call(operation, **path))


def with_match_key(models: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Copy models with a ``match_key`` made of some of their fields, to match them across instances.

    Args:
        models: The model dicts.
        fields: The fields joined with ``|``; the key is None when the first field is empty.

    Returns:
        A list of new dicts, each with its ``match_key``.
    """
    return [
        {**model, "match_key": "|".join(str(model.get(f) or "") for f in fields) if model.get(fields[0]) else None}
        for model in models
    ]


def _sync_id_map(
    source_client: KitsuClient, target_client: KitsuClient, operation: str, fields: tuple[str, ...] = ("name",)
) -> dict[str, str]:
    """Return {source id: target id} for the models an operation lists on both instances, matched on fields."""
    source = with_match_key(_all(resolve(source_client), operation), fields)
    target = with_match_key(_all(resolve(target_client), operation), fields)
    return get_id_map_by_id(source, target, field="match_key")


def get_sync_department_id_map(source_client: KitsuClient, target_client: KitsuClient) -> dict[str, str]:
    """Match the departments of two instances by name.

    Args:
        source_client: The client of the source instance.
        target_client: The client of the target instance.

    Returns:
        A dict mapping source department ids to target department ids.
    """
    return _sync_id_map(source_client, target_client, "get_data_departments")


def get_sync_asset_type_id_map(source_client: KitsuClient, target_client: KitsuClient) -> dict[str, str]:
    """Match the asset types of two instances by name.

    Args:
        source_client: The client of the source instance.
        target_client: The client of the target instance.

    Returns:
        A dict mapping source asset type ids to target asset type ids.
    """
    return _sync_id_map(source_client, target_client, "get_data_asset_types")


def get_sync_project_id_map(source_client: KitsuClient, target_client: KitsuClient) -> dict[str, str]:
    """Match the projects of two instances by name.

    Args:
        source_client: The client of the source instance.
        target_client: The client of the target instance.

    Returns:
        A dict mapping source project ids to target project ids.
    """
    return _sync_id_map(source_client, target_client, "get_data_projects")


def get_sync_task_type_id_map(source_client: KitsuClient, target_client: KitsuClient) -> dict[str, str]:
    """Match the task types of two instances by name and entity kind (``for_entity``).

    gazu matches on the name only, which can map a concept's task type onto an asset's of the same name.

    Args:
        source_client: The client of the source instance.
        target_client: The client of the target instance.

    Returns:
        A dict mapping source task type ids to target task type ids.
    """
    return _sync_id_map(source_client, target_client, "get_data_task_types", ("name", "for_entity"))


def get_sync_task_status_id_map(source_client: KitsuClient, target_client: KitsuClient) -> dict[str, str]:
    """Match the task statuses of two instances by name.

    Args:
        source_client: The client of the source instance.
        target_client: The client of the target instance.

    Returns:
        A dict mapping source task status ids to target task status ids.
    """
    return _sync_id_map(source_client, target_client, "get_data_task_status")


def get_sync_person_id_map(source_client: KitsuClient, target_client: KitsuClient) -> dict[str, str]:
    """Match the people of two instances by email; people without an email are skipped.

    Args:
        source_client: The client of the source instance.
        target_client: The client of the target instance.

    Returns:
        A dict mapping source person ids to target person ids.
    """
    return _sync_id_map(source_client, target_client, "get_data_persons", ("email",))


# --- pushes -------------------------------------------------------------------------------------


def _push_entities(
    step: str, operation: str, project_source: Any, project_target: Any, client_source: KitsuClient, client_target: Any
) -> list[dict[str, Any]]:
    """Copy the entities an operation lists from the source project to the target one; return them."""
    task_type_map = get_sync_task_type_id_map(client_source, client_target)
    person_map = get_sync_person_id_map(client_source, client_target)
    target_id = model_id(project_target)
    entities = _all(resolve(client_source), operation, project_id=model_id(project_source))
    mapped = [map_entity(entity, task_type_map, person_map, target_id) for entity in entities]
    target = resolve(client_target)
    for entity, twin in name_twins(entities, _all(target, operation, project_id=target_id)):
        merge_into_source_twin(target, step, entity, twin)
    return import_in_batches(import_entities, step, mapped, target)


def merge_into_source_twin(client: KitsuClient, step: str, entity: dict[str, Any], twin: dict[str, Any]) -> bool:
    """Make room on the target for a source entity whose name a different target entity already has.

    An unused twin (such as the first episode Zou creates in a new TV show) is deleted, so the pushed entity,
    with the source's id, replaces it. A twin that holds anything (children, tasks, casting, playlists) is
    kept, with a warning in the log: both will exist.

    Args:
        client: The client of the target instance.
        step: The push step, for the log.
        entity: The source entity dict; it needs an ``id``.
        twin: The target entity with the same name; it needs ``id`` and ``name``.

    Returns:
        True when the twin was deleted, False when it was kept.

    Raises:
        InvalidParameterValueException: entity or twin lacks the fields needed.
    """
    require_dict(entity, "entity", "id")
    twin_id = model_id(require_dict(twin, "twin", "id", "name"))
    if not entity_is_unused(client, twin_id):
        logger.warning("%s %s: the target has another one with this name, in use; both will exist", step, twin["name"])
        return False
    crud_ops.delete_data_entities_instance_id(client, instance_id=twin_id)
    logger.info("%s %s: the target's unused twin %s is replaced by the source's", step, twin["name"], twin_id)
    return True


def entity_is_unused(client: KitsuClient, entity_id: str) -> bool:
    """Tell whether nothing on an instance refers to an entity: no child, task, link or playlist.

    Args:
        client: The client of the instance.
        entity_id: The entity's id.

    Returns:
        True when the entity is unused.
    """
    checks: list[tuple[str, dict[str, Any]]] = [
        ("get_data_entities", {"parent_id": entity_id}),
        ("get_data_entities", {"source_id": entity_id}),
        ("get_data_tasks", {"entity_id": entity_id}),
        ("get_data_entity_links", {"entity_in_id": entity_id}),
        ("get_data_entity_links", {"entity_out_id": entity_id}),
        ("get_data_playlists", {"episode_id": entity_id}),
    ]
    for operation, params in checks:
        answer = client.call(operation, params={**params, "limit": 1})
        if answer.get("data") if isinstance(answer, dict) else answer:
            return False
    return True


def push_assets(
    project_source: Any, project_target: Any, client_source: KitsuClient, client_target: KitsuClient
) -> list[dict[str, Any]]:
    """Copy the assets of a source project to a target project, keeping their ids and audit dates.

    Asset types, task types and people are matched between instances (see the get_sync_*_id_map functions);
    assets whose type has no counterpart on the target are skipped. Re-running updates instead of duplicating.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the pushed asset dicts.
    """
    asset_type_map = get_sync_asset_type_id_map(client_source, client_target)
    task_type_map = get_sync_task_type_id_map(client_source, client_target)
    person_map = get_sync_person_id_map(client_source, client_target)
    assets = _all(resolve(client_source), "get_data_projects_project_id_assets", project_id=model_id(project_source))
    target_id = model_id(project_target)
    mapped = [
        m for a in assets if (m := map_asset(a, asset_type_map, task_type_map, target_id, person_map)) is not None
    ]
    return import_in_batches(import_entities, "assets", mapped, resolve(client_target))


def push_episodes(
    project_source: Any, project_target: Any, client_source: KitsuClient, client_target: KitsuClient
) -> list[dict[str, Any]]:
    """Copy the episodes of a source project to a target project, keeping their ids and audit dates.

    An unused same-name episode on the target (Zou adds one to a new TV show) is replaced by the source's.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the pushed episode dicts.
    """
    return _push_entities(
        "episodes",
        "get_data_projects_project_id_episodes",
        project_source,
        project_target,
        client_source,
        client_target,
    )


def push_sequences(
    project_source: Any, project_target: Any, client_source: KitsuClient, client_target: KitsuClient
) -> list[dict[str, Any]]:
    """Copy the sequences of a source project to a target project, keeping their ids and audit dates.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the pushed sequence dicts.
    """
    return _push_entities(
        "sequences",
        "get_data_projects_project_id_sequences",
        project_source,
        project_target,
        client_source,
        client_target,
    )


def push_shots(
    project_source: Any, project_target: Any, client_source: KitsuClient, client_target: KitsuClient
) -> list[dict[str, Any]]:
    """Copy the shots of a source project to a target project, keeping their ids, audit dates and frame data.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the pushed shot dicts.
    """
    return _push_entities(
        "shots", "get_data_projects_project_id_shots", project_source, project_target, client_source, client_target
    )


def push_entity_links(
    project_source: Any, project_target: Any, client_source: KitsuClient, client_target: KitsuClient
) -> list[dict[str, Any]]:
    """Copy the entity links (casting, concept links) of a source project to the target, keeping ids and dates.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id (the links carry their own entity ids).
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the pushed entity link dicts.
    """
    links = breakdown_ops.get_data_projects_project_id_entity_links(
        resolve(client_source), project_id=model_id(project_source)
    )
    if isinstance(links, dict):  # a paginated answer
        links = links.get("data", [])
    return import_in_batches(import_entity_links, "entity links", links, resolve(client_target))


def push_project_entities(
    project_source: Any, project_target: Any, client_source: KitsuClient, client_target: KitsuClient
) -> dict[str, list[dict[str, Any]]]:
    """Copy a project's entities to another instance: episodes (TV shows), sequences, shots, assets, then links.

    Episodes go before assets since an asset may point to its episode. The source project is fetched when
    given without its ``production_type``.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A dict with the pushed dicts of each kind under ``"assets"``, ``"episodes"``, ``"sequences"``,
        ``"shots"`` and ``"entity_links"``.
    """
    source = project_source
    if not isinstance(source, dict) or "production_type" not in source:
        source = crud_ops.get_data_projects_instance_id(resolve(client_source), instance_id=model_id(project_source))
    args = (project_source, project_target, client_source, client_target)
    episodes = push_episodes(*args) if source.get("production_type") == "tvshow" else []
    sequences = push_sequences(*args)
    shots = push_shots(*args)
    assets = push_assets(*args)  # after the episodes: an asset may point to its episode (source_id)
    return {
        "assets": assets,
        "episodes": episodes,
        "sequences": sequences,
        "shots": shots,
        "entity_links": push_entity_links(*args),
    }


def push_tasks(
    project_source: Any,
    project_target: Any,
    default_status: Any,
    client_source: KitsuClient,
    client_target: KitsuClient,
) -> list[dict[str, Any]]:
    """Copy the tasks of a source project to a target project, keeping their ids and audit dates.

    Tasks new on the target get default_status; a task already pushed keeps the status it has there (gazu
    resets it). Task types and people are matched between instances; tasks of unmatched types are skipped.

    Args:
        project_source: The source project, as a dict or its id.
        project_target: The target project, as a dict or its id.
        default_status: The status of new tasks, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the pushed task dicts.

    Raises:
        InvalidParameterValueException: default_status or a project is not a dict with an id nor a UUID.
    """
    default_status_id = model_id(default_status)
    task_type_map = get_sync_task_type_id_map(client_source, client_target)
    person_map = get_sync_person_id_map(client_source, client_target)
    target_id = model_id(project_target)
    tasks = tasks_ops.get_data_projects_project_id_tasks(resolve(client_source), project_id=model_id(project_source))
    existing = tasks_ops.get_data_projects_project_id_tasks(resolve(client_target), project_id=target_id)
    current_status = {task["id"]: task["task_status_id"] for task in existing}
    mapped = []
    for task in tasks:
        status_id = current_status.get(task["id"]) or default_status_id
        entry = map_task(task, task_type_map, person_map, target_id, status_id)
        if entry is not None:
            mapped.append(entry)
    return import_in_batches(import_tasks, "tasks", mapped, resolve(client_target))


def push_tasks_comments(
    project_source: Any, client_source: KitsuClient, client_target: KitsuClient
) -> list[dict[str, Any]]:
    """Create on the target the comments of every task of a source project, with attachments and previews.

    Comments get new ids (only ``created_at`` is kept); a comment whose twin (same date and text) is already
    on the target task is skipped, so re-running duplicates nothing.

    Args:
        project_source: The source project, as a dict or its id.
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the source task dicts whose comments were pushed.
    """
    task_status_map = get_sync_task_status_id_map(client_source, client_target)
    person_map = get_sync_person_id_map(client_source, client_target)
    tasks = tasks_ops.get_data_projects_project_id_tasks(resolve(client_source), project_id=model_id(project_source))
    for done, task in enumerate(tasks, start=1):
        push_task_comments(task_status_map, person_map, task, client_source, client_target)
        report("task comments", done, len(tasks))
    return cast("list[dict[str, Any]]", tasks)


def push_task_comments(
    task_status_map: dict[str, str],
    person_map: dict[str, str],
    task: Any,
    client_source: KitsuClient,
    client_target: KitsuClient,
) -> list[dict[str, Any]]:
    """Create on the target the comments of one task that it does not have yet, oldest first.

    Args:
        task_status_map: Source task status id to target task status id.
        person_map: Source person id to target person id.
        task: The task, as a dict or its id (the same id on both instances).
        client_source: The client of the source instance.
        client_target: The client of the target instance.

    Returns:
        A list of the source comment dicts that were pushed.
    """
    task_id = model_id(task)
    source = tasks_ops.get_data_tasks_task_id_comments(resolve(client_source), task_id=task_id)
    target = tasks_ops.get_data_tasks_task_id_comments(resolve(client_target), task_id=task_id)
    todo = comments_to_push(source, target)
    pushed = []
    for done, comment in enumerate(todo, start=1):
        result = push_task_comment(task_status_map, person_map, task, comment, client_source, client_target)
        if result is not None:
            pushed.append(result)
        report("comments", done, len(todo))
    return pushed


def push_task_comment(
    task_status_map: dict[str, str],
    person_map: dict[str, str],
    task: Any,
    comment: dict[str, Any],
    client_source: KitsuClient,
    client_target: KitsuClient,
    author_id: str | None = None,
    tmp_path: str | None = None,
) -> dict[str, Any] | None:
    """Create one source comment on the target task, with its attachments and previews.

    The files are downloaded to a temporary folder (each in a folder named by its index, checked to stay
    inside it) and removed afterwards. A comment whose status has no counterpart on the target is skipped,
    with a warning.

    Args:
        task_status_map: Source task status id to target task status id.
        person_map: Source person id to target person id.
        task: The task, as a dict or its id.
        comment: The source comment dict.
        client_source: The client of the source instance.
        client_target: The client of the target instance.
        author_id: The target person to set as the author; the source author, through person_map, when None.
        tmp_path: The local folder to download the files into; a new temporary folder when None.

    Returns:
        The source comment dict, or None when it was skipped.

    Raises:
        InvalidParameterValueException: comment lacks ``task_status_id``, or an id is invalid.
    """
    client_source, client_target = resolve(client_source), resolve(client_target)
    require_dict(comment, "comment", "task_status_id")
    task_id, author_id = model_id(task), optional_id(author_id)
    if comment["task_status_id"] not in task_status_map:
        logger.warning("Skipping comment %s: its task status is not on the target", comment.get("id"))
        return None
    base = Path(tempfile.mkdtemp(prefix="kitsu_sync_") if tmp_path is None else tmp_path)
    folder = Path(tempfile.mkdtemp(prefix="comment_", dir=base))  # files keep their names: one folder each
    try:
        attachments = _download_attachments(comment, folder, client_source)
        previews = _download_previews(comment, folder, client_source)
        if author_id is None:
            author_id = person_map.get(comment.get("person_id") or "")
        copy = comment_copy(comment, task_status_map[comment["task_status_id"]], author_id, attachments)
        created = post_comment(client_target, task_id, copy)
        for file_path, annotations in previews:
            _add_preview(client_target, task_id, created["id"], file_path, annotations)
    finally:
        shutil.rmtree(base if tmp_path is None else folder, ignore_errors=True)
    return comment


def comment_copy(
    comment: dict[str, Any], task_status_id: str, author_id: str | None, attachments: Sequence[str] = ()
) -> NewComment:
    """Build the copy of a source comment to post on the target: text, status, author, date, checklist, links.

    Args:
        comment: The source comment dict; it needs ``created_at`` (the copy keeps it).
        task_status_id: The target task status id.
        author_id: The target author's id; not sent when None.
        attachments: Local paths of the source's attachment files, downloaded beforehand.

    Returns:
        The comment to post (its ``created_at`` is the source's, as Zou gave it).

    Raises:
        InvalidParameterValueException: comment has no ``created_at``, or an id is not a UUID.
    """
    require_dict(comment, "comment", "created_at")  # the copy keeps the source's date
    return NewComment(
        task_status_id=model_id(task_status_id),
        text=comment.get("text") or "",
        person_id=optional_id(author_id),
        checklist=comment.get("checklist") or [],
        links=comment.get("links") or [],
        created_at=comment.get("created_at"),
        attachments=tuple(attachments),
    )


def comment_payload(comment: dict[str, Any], task_status_id: str, author_id: str | None) -> dict[str, Any]:
    """Build the body that creates a copy of a comment: text, status, author, date, checklist and links.

    Args:
        comment: The source comment dict; it needs ``created_at`` (the copy keeps it).
        task_status_id: The target task status id.
        author_id: The target author's id; not sent when None.

    Returns:
        The body dict (``task_status_id``, ``comment``, ``created_at``, ``checklist``, ``links`` and maybe
        ``person_id``).

    Raises:
        InvalidParameterValueException: comment has no ``created_at``, or an id is not a UUID.
    """
    return comment_copy(comment, task_status_id, author_id).body()


def _download_attachments(comment: dict[str, Any], folder: Path, client: KitsuClient) -> list[str]:
    """Download a comment's attachment files into folder; return their paths.

    Each file goes to folder/attachments/<its index>/<its name made one safe path component>: no server value
    picks a folder, and `local_target` checks the result stays inside folder."""
    paths = []
    for index, attachment in enumerate(comment.get("attachment_files") or []):
        attachment_id = model_id(attachment)
        info = crud_ops.get_data_attachment_files_instance_id(client, instance_id=attachment_id)
        name = local_file_name(info.get("name"), f"attachment-{index}")
        target = local_target(Path("attachments", str(index), name), folder, overwrite=False)
        _transfer.download(
            client,
            "get_data_attachment_files_attachment_file_id_file_file_name",
            target,
            root=folder,
            overwrite=False,
            attachment_file_id=attachment_id,
            file_name=info["name"],
        )
        paths.append(str(target))
    return paths


def _download_previews(comment: dict[str, Any], folder: Path, client: KitsuClient) -> list[tuple[str, Any]]:
    """Download a comment's preview originals into folder; return (path, annotations) pairs.

    Each file goes to folder/previews/<its index>/<original name.extension made safe>, contained in folder."""
    previews = []
    for index, preview in enumerate(comment.get("previews") or []):
        preview_id = model_id(preview)
        info = crud_ops.get_data_preview_files_instance_id(client, instance_id=preview_id)
        if not info.get("original_name") or not info.get("extension"):
            logger.warning("Skipping preview %s: no original name or extension", preview_id)
            continue
        name = local_file_name(f"{info['original_name']}.{info['extension']}", f"preview-{index}")
        target = local_target(Path("previews", str(index), name), folder, overwrite=False)
        operation = "get_pictures_originals_preview_files_instance_id_download"
        if info["extension"] == "mp4":
            operation = "get_movies_originals_preview_files_instance_id_download"
        _transfer.download(client, operation, target, root=folder, overwrite=False, instance_id=preview_id)
        previews.append((str(target), info.get("annotations") or []))
    return previews


def _add_preview(client: KitsuClient, task_id: str, comment_id: str, file_path: str, annotations: Any) -> Any:
    """Add a preview file to a comment, upload its file and copy its annotations; return the preview file."""
    preview = tasks_ops.post_actions_tasks_task_id_comments_comment_id_add_preview(
        client, task_id=task_id, comment_id=comment_id, json={}
    )
    _transfer.upload(client, "post_pictures_preview_files_instance_id", file_path=file_path, instance_id=preview["id"])
    if annotations:
        crud_ops.put_data_preview_files_instance_id(
            client, instance_id=preview["id"], json={"annotations": annotations}
        )
    return preview
