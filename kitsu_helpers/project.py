"""gazu.project: projects, their settings (task types, statuses, asset types...), team, metadata and budgets."""

from __future__ import annotations

from typing import Any, cast

from kitsu_api.calls import crud as crud_ops, projects as projects_ops, shots as shots_ops

from ._shared import first_named, first_or_none
from .cache import cache
from .client import KitsuClient, get_api_url_from_host, resolve
from .errors import UnexpectedResponseException
from .helpers import (
    ModelOrId,
    model_id,
    normalize_list_of_models_for_links,
    optional_id,
    require_dict,
    to_date_string,
)
from .sorting import sort_by_name

LINK_FIELDS = ("team", "asset_types", "task_statuses", "task_types")


def with_link_ids(model: dict[str, Any], fields: tuple[str, ...] = LINK_FIELDS) -> dict[str, Any]:
    """Return a copy of model whose link lists (team, task types...) hold ids instead of dicts."""
    payload = dict(model)
    for field in fields:
        if field in payload and payload[field] is not None:
            payload[field] = normalize_list_of_models_for_links(payload[field])
    return payload


def without_none(data: dict[str, Any]) -> dict[str, Any]:
    """Return data without its None values (gazu only sends the optional fields that are set)."""
    return {key: value for key, value in data.items() if value is not None}


def find_closed_status(statuses: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the project status named "closed" (any case); UnexpectedResponseException when there is none."""
    for status in statuses:
        if (status.get("name") or "").lower() == "closed":
            return status
    raise UnexpectedResponseException("No closed project status found on this server")


# --- project statuses and projects -----------------------------------------------------------------


@cache
def all_project_status(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every project status, sorted by name."""
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_project_status(client))


@cache
def get_project_status_by_name(project_status_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the project status with that name, or None."""
    client = resolve(client)
    return first_named(client, "get_data_project_status", {"name": project_status_name})


@cache
def all_projects(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every project (open and closed), sorted by name."""
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_projects(client))


@cache
def all_open_projects(client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the open projects, sorted by name."""
    client = resolve(client)
    return sort_by_name(projects_ops.get_data_projects_open(client))


@cache
def get_project(project_id: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the project with that id."""
    client = resolve(client)
    return crud_ops.get_data_projects_instance_id(client, instance_id=model_id(project_id))


@cache
def get_project_url(project: ModelOrId, section: str = "assets", client: KitsuClient | None = None) -> str:
    """Return the web URL of a project's section in Kitsu."""
    client = resolve(client)
    return f"{get_api_url_from_host(client)}/productions/{model_id(project)}/{section}/"


@cache
def get_project_by_name(project_name: str, client: KitsuClient | None = None) -> dict[str, Any] | None:
    """Return the project with that name, or None."""
    client = resolve(client)
    return first_named(client, "get_data_projects", {"name": project_name})


def new_project(
    name: str,
    production_type: str = "short",
    team: list[ModelOrId] | None = None,
    asset_types: list[ModelOrId] | None = None,
    task_statuses: list[ModelOrId] | None = None,
    task_types: list[ModelOrId] | None = None,
    production_style: str = "2d3d",
    project_template: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Return the project with that name, created (optionally from a template) when it does not exist."""
    client = resolve(client)
    template_id = optional_id(project_template)
    payload: dict[str, Any] = {
        "name": name,
        "production_type": production_type,
        "team": normalize_list_of_models_for_links(team or []),
        "asset_types": normalize_list_of_models_for_links(asset_types or []),
        "task_statuses": normalize_list_of_models_for_links(task_statuses or []),
        "task_types": normalize_list_of_models_for_links(task_types or []),
        "production_style": production_style,
    }
    if template_id is not None:
        payload["project_template_id"] = template_id
    existing = first_named(client, "get_data_projects", {"name": name})
    if existing is not None:
        return existing
    return crud_ops.post_data_projects(client, json=payload)


def remove_project(project: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a project (Zou deletes closed projects only; force also deletes its data); return the answer text."""
    client = resolve(client)
    params = {"force": True} if force else None
    return crud_ops.delete_data_projects_instance_id(
        client, params=params, raw=True, instance_id=model_id(project)
    ).text


def update_project(project: dict[str, Any], client: KitsuClient | None = None) -> dict[str, Any]:
    """Save a modified project dict (links given as dicts or ids); return the updated project."""
    client = resolve(client)
    project_id = model_id(require_dict(project, "project", "id"))
    return crud_ops.put_data_projects_instance_id(client, json=with_link_ids(project), instance_id=project_id)


def update_project_data(
    project: ModelOrId, data: dict[str, Any] | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Merge data into the project's metadata (other keys unchanged); return the updated project."""
    client = resolve(client)
    project_id = model_id(project)
    current = crud_ops.get_data_projects_instance_id(client, instance_id=project_id)
    merged = {**(current.get("data") or {}), **(data or {})}
    return crud_ops.put_data_projects_instance_id(client, json={"data": merged}, instance_id=project_id)


def close_project(project: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Set the project's status to closed; return the updated project."""
    client = resolve(client)
    project_id = model_id(project)
    closed = find_closed_status(all_project_status(client=client))
    return crud_ops.put_data_projects_instance_id(
        client, json={"project_status_id": closed["id"]}, instance_id=project_id
    )


# --- production settings -------------------------------------------------------------------------


def add_asset_type(project: ModelOrId, asset_type: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Add an asset type to the project's settings; return the project."""
    client = resolve(client)
    payload = {"asset_type_id": model_id(asset_type)}
    return projects_ops.post_data_projects_project_id_settings_asset_types(
        client, json=payload, project_id=model_id(project)
    )


def add_task_type(
    project: ModelOrId, task_type: ModelOrId, priority: int, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a task type with a priority to the project's settings; return the project."""
    client = resolve(client)
    payload = {"task_type_id": model_id(task_type), "priority": priority}
    return projects_ops.post_data_projects_project_id_settings_task_types(
        client, json=payload, project_id=model_id(project)
    )


def add_task_status(project: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Add a task status to the project's settings; return the project."""
    client = resolve(client)
    payload = {"task_status_id": model_id(task_status)}
    return projects_ops.post_data_projects_project_id_settings_task_status(
        client, json=payload, project_id=model_id(project)
    )


def remove_task_type(project: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a task type from the project's settings; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_task_types_task_type_id(
        client,
        raw=True,
        project_id=model_id(project),
        task_type_id=model_id(task_type),
    ).text


def remove_task_status(project: ModelOrId, task_status: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a task status from the project's settings; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_task_status_task_status_id(
        client,
        raw=True,
        project_id=model_id(project),
        task_status_id=model_id(task_status),
    ).text


@cache
def get_project_task_types(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the task types configured for the project."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_task_types(client, project_id=model_id(project))


@cache
def get_project_task_statuses(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the task statuses configured for the project."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_settings_task_status(client, project_id=model_id(project))


@cache
def all_status_automations(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the status automations configured for the project."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_settings_status_automations(client, project_id=model_id(project))


def add_status_automation(
    project: ModelOrId, automation: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a status automation ({"status_automation_id": id}) to the project; return the project."""
    client = resolve(client)
    return projects_ops.post_data_projects_project_id_settings_status_automations(
        client, json=automation, project_id=model_id(project)
    )


def remove_status_automation(project: ModelOrId, automation: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a status automation from the project; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_status_automations_status_automation_id(
        client,
        raw=True,
        project_id=model_id(project),
        status_automation_id=model_id(automation),
    ).text


@cache
def get_preview_background_files(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the preview background files configured for the project."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_settings_preview_background_files(
        client, project_id=model_id(project)
    )


def add_preview_background_file(
    project: ModelOrId, background_file: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a preview background file ({"preview_background_file_id": id}) to the project; return the project."""
    client = resolve(client)
    return projects_ops.post_data_projects_project_id_settings_preview_background_files(
        client,
        json=background_file,
        project_id=model_id(project),
    )


def remove_preview_background_file(
    project: ModelOrId, background_file: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Remove a preview background file from the project; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_settings_preview_background_files_preview_background_file_id(
        client,
        raw=True,
        project_id=model_id(project),
        preview_background_file_id=model_id(background_file),
    ).text


# --- metadata descriptors --------------------------------------------------------------------------


def add_metadata_descriptor(
    project: ModelOrId,
    name: str,
    entity_type: str,
    data_type: str = "string",
    choices: list[str] | None = None,
    for_client: bool = False,
    departments: list[ModelOrId] | None = None,
    task_type_id: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a metadata descriptor (a custom column) on the project; return it."""
    client = resolve(client)
    payload: dict[str, Any] = {
        "name": name,
        "data_type": data_type,
        "choices": choices or [],
        "for_client": for_client,
        "entity_type": entity_type,
        "departments": normalize_list_of_models_for_links(departments or []),
    }
    if task_type_id is not None:
        payload["task_type_id"] = model_id(task_type_id)
    return projects_ops.post_data_projects_project_id_metadata_descriptors(
        client, json=payload, project_id=model_id(project)
    )


def get_metadata_descriptor(
    project: ModelOrId, metadata_descriptor_id: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Return the project's metadata descriptor with that id."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_metadata_descriptors_metadata_descriptor_id(
        client,
        project_id=model_id(project),
        metadata_descriptor_id=model_id(metadata_descriptor_id),
    )


def get_metadata_descriptor_by_field_name(
    project: ModelOrId, field_name: str, client: KitsuClient | None = None
) -> dict[str, Any] | None:
    """Return the project's metadata descriptor with that field name, or None."""
    client = resolve(client)
    params = {"project_id": model_id(project), "field_name": field_name}
    return first_or_none(crud_ops.get_data_metadata_descriptors(client, params=params))


def all_metadata_descriptors(
    project: ModelOrId, client: KitsuClient | None = None, *, entity_type: str | None = None
) -> list[dict[str, Any]]:
    """Return the project's metadata descriptors, only those of entity_type ("Asset", "Shot"...) when given."""
    client = resolve(client)
    descriptors = projects_ops.get_data_projects_project_id_metadata_descriptors(client, project_id=model_id(project))
    if entity_type is None:
        return descriptors
    return [descriptor for descriptor in descriptors if descriptor.get("entity_type") == entity_type]


def update_metadata_descriptor(
    project: ModelOrId, metadata_descriptor: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Save a modified metadata descriptor dict (departments as dicts or ids); return it."""
    client = resolve(client)
    project_id = model_id(project)
    descriptor_id = model_id(require_dict(metadata_descriptor, "metadata_descriptor", "id"))
    return projects_ops.put_data_projects_project_id_metadata_descriptors_metadata_descriptor_id(
        client,
        json=with_link_ids(metadata_descriptor, ("departments",)),
        project_id=project_id,
        metadata_descriptor_id=descriptor_id,
    )


def remove_metadata_descriptor(
    project: ModelOrId, metadata_descriptor_id: ModelOrId, force: bool = False, client: KitsuClient | None = None
) -> str:
    """Delete a metadata descriptor (force also clears its values); return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_metadata_descriptors_metadata_descriptor_id(
        client,
        params={"force": True} if force else None,
        raw=True,
        project_id=model_id(project),
        metadata_descriptor_id=model_id(metadata_descriptor_id),
    ).text


def reorder_metadata_descriptors(
    project: ModelOrId, entity_type: str, descriptor_ids: list[ModelOrId], client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Set the order of an entity type's descriptors to the order given; return the reordered descriptors."""
    client = resolve(client)
    payload = {"entity_type": entity_type, "descriptor_ids": normalize_list_of_models_for_links(descriptor_ids)}
    return projects_ops.post_data_projects_project_id_metadata_descriptors_reorder(
        client, json=payload, project_id=model_id(project)
    )


# --- team ----------------------------------------------------------------------------------------


def get_team(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the people of the project's team."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_team(client, project_id=model_id(project))


def add_person_to_team(
    project: ModelOrId, person: ModelOrId, role: str | None = None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a person to the project's team (with a project-only role when given); return the project."""
    client = resolve(client)
    payload = without_none({"person_id": model_id(person), "role": role})
    return projects_ops.post_data_projects_project_id_team(client, json=payload, project_id=model_id(project))


def update_team_member_role(
    project: ModelOrId, person: ModelOrId, role: str | None, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Set a team member's role on this project only (None: back to their global role); return the link."""
    client = resolve(client)
    return cast(
        "dict[str, Any]",
        projects_ops.put_data_projects_project_id_team_person_id(
            client,
            json={"role": role},
            project_id=model_id(project),
            person_id=model_id(person),
        ),
    )


def remove_person_from_team(project: ModelOrId, person: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a person from the project's team; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_team_person_id(
        client,
        raw=True,
        project_id=model_id(project),
        person_id=model_id(person),
    ).text


# --- milestones and quotas -----------------------------------------------------------------------


@cache
def get_milestones(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the project's production milestones."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_milestones(client, project_id=model_id(project))


@cache
def get_project_quotas(project: ModelOrId, task_type: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the project's weighted quotas for a task type: {person id or "total": {day|week|month|year: ...}}."""
    client = resolve(client)
    return shots_ops.get_data_projects_project_id_quotas_task_type_id(
        client,
        project_id=model_id(project),
        task_type_id=model_id(task_type),
    )


@cache
def get_project_person_quotas(
    project: ModelOrId, person: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Return a person's weighted quotas in the project: {task type id or "total": {day|week|month|year: ...}}."""
    client = resolve(client)
    return shots_ops.get_data_projects_project_id_quotas_persons_person_id(
        client,
        project_id=model_id(project),
        person_id=model_id(person),
    )


# --- budgets -------------------------------------------------------------------------------------


@cache
def get_budgets(project: ModelOrId, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the project's budgets."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets(client, project_id=model_id(project))


def create_budget(
    project: ModelOrId,
    name: str,
    description: str | None = None,
    currency: str | None = None,
    start_date: Any = None,
    end_date: Any = None,
    amount: int | float | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a budget on the project (dates as date objects or ISO strings); return it."""
    client = resolve(client)
    payload = without_none(
        {
            "name": name,
            "description": description,
            "currency": currency,
            "start_date": to_date_string(start_date),
            "end_date": to_date_string(end_date),
            "amount": amount,
        }
    )
    return projects_ops.post_data_projects_project_id_budgets(client, json=payload, project_id=model_id(project))


@cache
def get_budget(project: ModelOrId, budget: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Return one budget of the project."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets_budget_id(
        client, project_id=model_id(project), budget_id=model_id(budget)
    )


def update_budget(
    project: ModelOrId, budget: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Update a budget with the fields of data; return it."""
    client = resolve(client)
    return projects_ops.put_data_projects_project_id_budgets_budget_id(
        client,
        json=data,
        project_id=model_id(project),
        budget_id=model_id(budget),
    )


def remove_budget(project: ModelOrId, budget: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a budget; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_budgets_budget_id(
        client,
        raw=True,
        project_id=model_id(project),
        budget_id=model_id(budget),
    ).text


@cache
def get_budget_entries(
    project: ModelOrId, budget: ModelOrId, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the entries of a budget."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets_budget_id_entries(
        client,
        project_id=model_id(project),
        budget_id=model_id(budget),
    )


def budget_entry_payload(
    name: str,
    date: Any = None,
    amount: int | float | None = None,
    quantity: int | float | None = None,
    unit_price: int | float | None = None,
    description: str | None = None,
    category: ModelOrId | None = None,
) -> dict[str, Any]:
    """Return a budget entry body: gazu's fields plus the staffing fields Zou 1.0.97 stores them in.

    Zou's budget entry is a staffing line (department, start date, months, daily salary): category is the
    department (dict or id), date the start date, quantity the number of months, unit_price the daily salary.
    """
    start_date = to_date_string(date)
    department_id = optional_id(category)
    return without_none(
        {
            "name": name,
            "date": start_date,
            "amount": amount,
            "quantity": quantity,
            "unit_price": unit_price,
            "description": description,
            "category": department_id,
            "department_id": department_id,
            "start_date": start_date,
            "months_duration": quantity,
            "daily_salary": unit_price,
        }
    )


def create_budget_entry(
    project: ModelOrId,
    budget: ModelOrId,
    name: str,
    date: Any = None,
    amount: int | float | None = None,
    quantity: int | float | None = None,
    unit_price: int | float | None = None,
    description: str | None = None,
    category: ModelOrId | None = None,
    client: KitsuClient | None = None,
) -> dict[str, Any]:
    """Create a budget entry (category: department, quantity: months, unit_price: daily salary); return it."""
    client = resolve(client)
    payload = budget_entry_payload(name, date, amount, quantity, unit_price, description, category)
    return projects_ops.post_data_projects_project_id_budgets_budget_id_entries(
        client,
        json=payload,
        project_id=model_id(project),
        budget_id=model_id(budget),
    )


@cache
def get_budget_entry(
    project: ModelOrId, budget: ModelOrId, entry: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Return one entry of a budget."""
    client = resolve(client)
    return projects_ops.get_data_projects_project_id_budgets_budget_id_entries_entry_id(
        client,
        project_id=model_id(project),
        budget_id=model_id(budget),
        entry_id=model_id(entry),
    )


BUDGET_ENTRY_FIELDS = (
    "department_id",
    "person_id",
    "start_date",
    "months_duration",
    "daily_salary",
    "position",
    "seniority",
    "exceptions",
)


def merge_budget_entry(current: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Return a full budget entry update: the entry's editable fields overridden by data.

    Zou 1.0.97 sets every editable field a PUT leaves out to null (and fails on department_id), so a
    partial update must carry the current values of the others.
    """
    return {**{key: current.get(key) for key in BUDGET_ENTRY_FIELDS if current.get(key) is not None}, **data}


def update_budget_entry(
    project: ModelOrId, budget: ModelOrId, entry: ModelOrId, data: dict[str, Any], client: KitsuClient | None = None
) -> dict[str, Any]:
    """Update a budget entry with the fields of data (others kept); return it."""
    client = resolve(client)
    path: dict[str, Any] = {"project_id": model_id(project), "budget_id": model_id(budget), "entry_id": model_id(entry)}
    current = projects_ops.get_data_projects_project_id_budgets_budget_id_entries_entry_id(client, **path)
    return cast(
        "dict[str, Any]",
        projects_ops.put_data_projects_project_id_budgets_budget_id_entries_entry_id(
            client,
            json=merge_budget_entry(current, data),
            **path,
        ),
    )


def remove_budget_entry(
    project: ModelOrId, budget: ModelOrId, entry: ModelOrId, client: KitsuClient | None = None
) -> str:
    """Delete a budget entry; return the answer text."""
    client = resolve(client)
    return projects_ops.delete_data_projects_project_id_budgets_budget_id_entries_entry_id(
        client,
        raw=True,
        project_id=model_id(project),
        budget_id=model_id(budget),
        entry_id=model_id(entry),
    ).text
