"""Helper-style code calling the typed operation surface correctly: no type checker reports anything here."""

from typing import Any

from kitsu_api.calls import crud as crud_ops, project_templates as project_templates_ops, projects as projects_ops
from kitsu_api.entities import Project, TaskType

from kitsu_helpers.client import KitsuClient


def helper(client: KitsuClient, project_id: str, task_type_id: str) -> dict[str, Any]:
    project: Project = crud_ops.get_data_projects_instance_id(client, instance_id=project_id, relations=True)
    payload: projects_ops.PostDataProjectsProjectIdSettingsTaskTypesBody = {"task_type_id": task_type_id}
    projects_ops.post_data_projects_project_id_settings_task_types(client, project_id=project_id, json=payload)
    types: list[TaskType] = projects_ops.get_data_projects_project_id_task_types(client, project_id=project_id)
    filtered = crud_ops.get_data_projects(client, params={"name": project["name"]})  # any CRUD filter
    answer = crud_ops.get_data_projects(client, raw=True)
    # an alias: the id of Zou 1.0.40, with its path parameter named as it was then
    project_templates_ops.get_data_project_templates_template_id_task_types(client, template_id=project_id)
    return {"project": project, "types": types, "filtered": filtered, "status": answer.status_code}
